using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Features.Language;
using Fireside.Web.Infrastructure;

namespace Fireside.Web.Features.Reviews;

/// <summary>Form posts behind the buttons on review pages: plain HTML forms, so they work without JavaScript.</summary>
public static class ReviewPageEndpoints
{
    public static void MapReviewPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/reviews").ExcludeFromDescription().RequireAntiforgery();

        pages.MapPost("/{id:guid}/delete", async (Guid id, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteAsync(id, ct);
            return PageNotices.Redirect("/", null, NoticeKind.Deleted, id.ToString());
        });

        // A language finding's link to where it was written: the page of the timeline that holds the moment (or the
        // moment an account is about), scrolled to it; an account of a stretch of time goes to those accounts.
        pages.MapGet("/{id:guid}/moments/{itemId:guid}", async (Guid id, Guid itemId, FiresideDb db, Permissions permissions, CancellationToken ct) =>
        {
            await permissions.EnsureAsync(Core.Access.ReviewAction.Read, id, ct);
            return await TimelineReading.PositionAsync(db, id, itemId, ct) is var (entryId, before, hidden)
                ? Results.LocalRedirect($"/reviews/{id}?from={before / ReviewPage.PageSize * ReviewPage.PageSize}{(hidden ? "&hidden=show" : "")}#entry-{entryId}")
                : Results.LocalRedirect($"/reviews/{id}#span-account");
        });

        pages.MapPost("/{id:guid}/restore", async (Guid id, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.RestoreAsync(id, ct);
            return Results.LocalRedirect($"/reviews/{id}");
        });

        pages.MapPost("/{id:guid}/language/intentional", async (Guid id, HttpContext http, LanguageOperations language, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            await language.MarkIntentionalAsync(id, new DismissRequest(form["field"], form["rule"], form["text"]), ct);
            return Results.LocalRedirect($"/reviews/{id}#language");
        });

        pages.MapPost("/{id:guid}/language/show-again", async (Guid id, HttpContext http, LanguageOperations language, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            await language.ShowAgainAsync(id, new DismissRequest(form["field"], form["rule"], form["text"]), ct);
            return Results.LocalRedirect($"/reviews/{id}#language");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/attachments", async (Guid id, Guid entryId, HttpContext http, ReviewOperations reviews, Permissions permissions, CancellationToken ct) =>
        {
            // Who may add to the review is asked before the upload is read.
            await permissions.EnsureAsync(Core.Access.ReviewAction.Contribute, id, ct);
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files["file"];
            var caption = form["caption"].ToString();
            return await BackToEntryAsync(id, entryId, async () =>
            {
                if (file is { Length: > 0 })
                {
                    await reviews.AddUploadAsync(id, entryId, file.FileName, await AttachmentUpload.ReadAsync(file, ct), caption, ct);
                }
                else if (!string.IsNullOrWhiteSpace(form["url"]))
                {
                    await reviews.AddLinkedImageAsync(id, entryId, form["url"], caption, ct);
                }
                else
                {
                    throw DomainValidationException.For("file", "Please choose an image to upload, or give the address of one.");
                }
            });
        }).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AttachmentUpload.RequestLimit));

        pages.MapPost("/{id:guid}/attachments/{attachmentId:guid}/delete", async (Guid id, Guid attachmentId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteAttachmentAsync(id, attachmentId, ct);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/scope/{choice}", async (Guid id, Guid entryId, string choice, ReviewOperations reviews, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ScopeChoice>(choice, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
            {
                throw DomainValidationException.For("scope", $"\"{choice}\" is not a scope choice. Use window, included or excluded.");
            }

            await reviews.SetScopeAsync(id, entryId, scope, ct);
            return Results.LocalRedirect($"/reviews/{id}#entry-{entryId}");
        });

        pages.MapPost("/{id:guid}/accounts/{accountId:guid}/delete", async (Guid id, Guid accountId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteAccountAsync(id, accountId, ct);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/hide", async (Guid id, Guid entryId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.SetHiddenAsync(id, entryId, hidden: true, ct);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/unhide", async (Guid id, Guid entryId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.SetHiddenAsync(id, entryId, hidden: false, ct);
            return Results.LocalRedirect($"/reviews/{id}?hidden=show#entry-{entryId}");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/delete", async (Guid id, Guid entryId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteEntryAsync(id, entryId, ct);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });
    }

    /// <summary>Runs a change to an entry's images and goes back to the entry; if the input needs another look, the image form opens there again with the message.</summary>
    private static async Task<IResult> BackToEntryAsync(Guid id, Guid entryId, Func<Task> change)
    {
        try
        {
            await change();
            return Results.LocalRedirect($"/reviews/{id}#entry-{entryId}");
        }
        catch (DomainValidationException invalid)
        {
            return PageNotices.Redirect($"/reviews/{id}?entry={entryId}&form=image", $"entry-{entryId}", NoticeKind.Problem, invalid.Errors.Messages());
        }
    }
}
