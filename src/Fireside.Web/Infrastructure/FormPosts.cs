using Fireside.Core;

namespace Fireside.Web.Infrastructure;

/// <summary>How plain form posts answer: back to the page they came from, with the reason shown there when the input needs another look.</summary>
public static class FormPosts
{
    public static async Task<IResult> BackAsync(string page, string anchor, Func<Task> change)
    {
        try
        {
            await change();
            return Results.LocalRedirect($"{page}#{anchor}");
        }
        catch (Exception e) when (e is DomainValidationException or ForbiddenException)
        {
            var message = e is DomainValidationException invalid ? invalid.Errors.Messages() : e.Message;
            return Results.LocalRedirect($"{page}?problem={Uri.EscapeDataString(message)}#{anchor}");
        }
    }
}
