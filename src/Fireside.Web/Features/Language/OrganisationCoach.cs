using Fireside.Data;
using Fireside.Language;

namespace Fireside.Web.Features.Language;

/// <summary>
/// The coach as this organisation set it up: <c>.fireside.yml</c> (Language:ConfigFile) plus the phrases
/// admins silenced in the app. The saved list is read again at most every few seconds, so every instance
/// of the app follows a change soon after it is made, and the one that made it at once.
/// </summary>
public sealed class OrganisationCoach(CoachOptions fileOptions, TimeProvider clock)
{
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromSeconds(5);
    private Current _current = new(null, new LanguageCoach(fileOptions), DateTimeOffset.MinValue);

    public CoachOptions FileOptions => fileOptions;

    /// <summary>The coach, and a version that changes whenever the silenced list does (for caches of findings).</summary>
    public async Task<(LanguageCoach Coach, string Version)> CurrentAsync(FiresideDb db, CancellationToken ct)
    {
        var current = _current;
        var now = clock.GetUtcNow();
        if (now - current.ReadAt < ReadAgainAfter)
        {
            return (current.Coach, current.Value ?? "");
        }

        var value = await LanguageOperations.SilencedValueAsync(db, ct);
        if (value == current.Value)
        {
            _current = current with { ReadAt = now };
            return (current.Coach, value ?? "");
        }

        var coach = new LanguageCoach(fileOptions.WithSilenced(LanguageOperations.ParseSilenced(value)));
        _current = new Current(value, coach, now);
        return (coach, value ?? "");
    }

    /// <summary>After a change on this instance: read the list again on the next use.</summary>
    public void Forget() => _current = _current with { ReadAt = DateTimeOffset.MinValue };

    private sealed record Current(string? Value, LanguageCoach Coach, DateTimeOffset ReadAt);
}
