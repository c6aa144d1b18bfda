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
        catch (DomainValidationException invalid)
        {
            // Not being allowed is not a typing mistake: ForbiddenException goes on to the friendly "not open to you" page.
            var message = invalid.Errors.Messages();
            return PageNotices.Redirect(page, anchor, NoticeKind.Problem, message);
        }
    }
}
