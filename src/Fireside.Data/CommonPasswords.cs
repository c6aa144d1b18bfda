using Microsoft.AspNetCore.Identity;

namespace Fireside.Data;

/// <summary>
/// Refuses the passwords attackers try first: the commonest ones of ten characters or more (shorter ones are
/// refused by length already), one character repeated, keyboard and counting runs, a common word with digits
/// on the end, and the person's own email or name. Everything else of ten characters or more is welcome.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<FiresideUser>
{
    /// <summary>Among the most used passwords in published breach lists, lower case, ten characters or longer.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "1234567890", "0987654321", "qwertyuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "qwerty1234", "qwerty12345", "1234qwerasdf",
        "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou12", "iloveyou123", "letmein123",
        "welcome123", "welcome1234", "football123", "baseball123", "monkey1234", "princess123", "sunshine123", "superman123",
        "dragon1234", "master1234", "shadow1234", "michael123", "jennifer123", "abcdefghij", "abc1234567", "a1b2c3d4e5",
        "zxcvbnm123", "asdfghjkl1", "qazwsxedcr", "administrator", "admin12345", "changeme123", "trustno1234", "starwars123",
        "pokemon1234", "whatever123", "computer123", "internet123", "samsung123", "liverpool1", "chelsea123", "arsenal123",
        "1234554321", "1122334455", "1357924680", "0123456789", "9876543210", "qwertyuiop[]", "asdfghjkl;", "zaq12wsxcde",
        "correcthorsebatterystaple", "thequickbrownfox", "letmeinplease", "passwordpassword", "firesidefireside",
    };

    private static readonly string[] Words = ["password", "passwort", "welcome", "letmein", "qwerty", "fireside", "iloveyou", "admin", "changeme"];

    private static readonly string[] Rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    public Task<IdentityResult> ValidateAsync(UserManager<FiresideUser> manager, FiresideUser user, string? password)
    {
        var text = (password ?? "").Trim().ToLowerInvariant();
        return Task.FromResult(IsGuessable(text, user)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "That password is one of those tried first when an account is attacked. A few unrelated words, or a longer sentence, make a strong one.",
            })
            : IdentityResult.Success);
    }

    private static bool IsGuessable(string text, FiresideUser user)
    {
        if (text.Length == 0 || Common.Contains(text) || text.Distinct().Count() <= 2)
        {
            return true;
        }

        var letters = text.TrimEnd("0123456789!.?".ToCharArray());
        if (Words.Any(w => letters == w || letters == w + w))
        {
            return true;
        }

        if (Rows.Any(row => row.Contains(text, StringComparison.Ordinal) || Reverse(row).Contains(text, StringComparison.Ordinal)))
        {
            return true;
        }

        if (user.Email is { Length: > 0 } email && text.Contains(email.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return true;
        }

        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        return (local is { Length: >= 4 } && text.Contains(local, StringComparison.Ordinal) && text.Length - local.Length < 4)
            || (user.DisplayName is { Length: >= 4 } name && text.Replace(" ", "", StringComparison.Ordinal).StartsWith(name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), StringComparison.Ordinal) && text.Length - name.Length < 4);
    }

    private static string Reverse(string text) => new([.. text.Reverse()]);
}
