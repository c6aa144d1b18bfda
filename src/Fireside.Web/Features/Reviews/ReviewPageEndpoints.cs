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

        pages.MapPost("/{id:guid}/delete", async (Guid id, FiresideDb db, TimeProvider clock) =>
        {
            await ReviewChanges.DeleteAsync(db, id, clock.GetUtcNow().UtcDateTime);
            return Results.LocalRedirect($"/?deleted={id}");
        });

        pages.MapPost("/{id:guid}/restore", async (Guid id, FiresideDb db) =>
        {
            await ReviewChanges.RestoreAsync(db, id);
            return Results.LocalRedirect($"/reviews/{id}");
        });

        pages.MapPost("/{id:guid}/language/intentional", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            await LanguageApi.MarkIntentionalAsync(db, id, new DismissRequest(form["field"], form["rule"], form["text"]), http.User.UserId(), clock.GetUtcNow().UtcDateTime);
            return Results.LocalRedirect($"/reviews/{id}#language");
        });

        pages.MapPost("/{id:guid}/language/show-again", async (Guid id, HttpContext http, FiresideDb db) =>
        {
            var form = await http.Request.ReadFormAsync();
            await LanguageApi.ShowAgainAsync(db, id, new DismissRequest(form["field"], form["rule"], form["text"]));
            return Results.LocalRedirect($"/reviews/{id}#language");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/accounts", async (Guid id, Guid entryId, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var input = AccountFrom(await http.Request.ReadFormAsync());
            return await BackToEntryAsync(id, entryId, "account", () =>
                ReviewChanges.AddAccountAsync(db, id, entryId, input, http.User.UserId(), clock.GetUtcNow().UtcDateTime));
        });

        pages.MapPost("/{id:guid}/accounts", async (Guid id, HttpContext http, FiresideDb db, TimeProvider clock, UserTime time) =>
        {
            var form = await http.Request.ReadFormAsync();
            var errors = new ValidationErrors();
            var input = AccountFrom(form) with
            {
                SpanStartsAt = time.ParseLocal(form["spanStartsAt"], "spanStartsAt", "From", errors),
                SpanEndsAt = time.ParseLocal(form["spanEndsAt"], "spanEndsAt", "Until", errors),
            };
            return await BackToEntryAsync(id, null, "span", async () =>
            {
                if (!errors.IsValid)
                {
                    throw new DomainValidationException(errors);
                }

                await ReviewChanges.AddSpanAccountAsync(db, id, input, http.User.UserId(), clock.GetUtcNow().UtcDateTime);
            });
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/attachments", async (Guid id, Guid entryId, HttpContext http, FiresideDb db, TimeProvider clock) =>
        {
            var form = await http.Request.ReadFormAsync();
            var file = form.Files["file"];
            var caption = form["caption"].ToString();
            var now = clock.GetUtcNow().UtcDateTime;
            return await BackToEntryAsync(id, entryId, "image", async () =>
            {
                if (file is { Length: > 0 })
                {
                    await ReviewChanges.AddUploadAsync(db, id, entryId, file.FileName, await AttachmentUpload.ReadAsync(file), caption, http.User.UserId(), now);
                }
                else if (!string.IsNullOrWhiteSpace(form["url"]))
                {
                    await ReviewChanges.AddLinkedImageAsync(db, id, entryId, form["url"], caption, http.User.UserId(), now);
                }
                else
                {
                    throw DomainValidationException.For("file", "Please choose an image to upload, or give the address of one.");
                }
            });
        }).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AttachmentUpload.RequestLimit));

        pages.MapPost("/{id:guid}/attachments/{attachmentId:guid}/delete", async (Guid id, Guid attachmentId, FiresideDb db) =>
        {
            await ReviewChanges.DeleteAttachmentAsync(db, id, attachmentId);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/scope/{choice}", async (Guid id, Guid entryId, string choice, FiresideDb db) =>
        {
            if (!Enum.TryParse<ScopeChoice>(choice, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
            {
                throw DomainValidationException.For("scope", $"\"{choice}\" is not a scope choice. Use window, included or excluded.");
            }

            await ReviewChanges.SetScopeAsync(db, id, entryId, scope);
            return Results.LocalRedirect($"/reviews/{id}#entry-{entryId}");
        });

        pages.MapPost("/{id:guid}/accounts/{accountId:guid}/delete", async (Guid id, Guid accountId, FiresideDb db) =>
        {
            await ReviewChanges.DeleteAccountAsync(db, id, accountId);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/hide", async (Guid id, Guid entryId, FiresideDb db) =>
        {
            await ReviewChanges.SetHiddenAsync(db, id, entryId, hidden: true);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/unhide", async (Guid id, Guid entryId, FiresideDb db) =>
        {
            await ReviewChanges.SetHiddenAsync(db, id, entryId, hidden: false);
            return Results.LocalRedirect($"/reviews/{id}?hidden=show#entry-{entryId}");
        });

        pages.MapPost("/{id:guid}/entries/{entryId:guid}/delete", async (Guid id, Guid entryId, FiresideDb db) =>
        {
            await ReviewChanges.DeleteEntryAsync(db, id, entryId);
            return Results.LocalRedirect($"/reviews/{id}#timeline");
        });
    }

    private static AccountInput AccountFrom(IFormCollection form) =>
        new() { Author = form["author"], Saw = form["saw"], Believed = form["believed"], Did = form["did"], WhySensible = form["whySensible"] };

    /// <summary>Runs a change and goes back to the entry (or the timeline); if the input needs another look, the message is shown there.</summary>
    private static async Task<IResult> BackToEntryAsync(Guid id, Guid? entryId, string form, Func<Task> change)
    {
        var anchor = entryId is { } e ? $"entry-{e}" : "timeline";
        try
        {
            await change();
            return Results.LocalRedirect($"/reviews/{id}#{anchor}");
        }
        catch (DomainValidationException invalid)
        {
            var entry = entryId is { } e2 ? $"&entry={e2}&form={form}" : "";
            return Results.LocalRedirect($"/reviews/{id}?problem={Uri.EscapeDataString(invalid.Errors.Messages())}{entry}#{anchor}");
        }
    }
}
