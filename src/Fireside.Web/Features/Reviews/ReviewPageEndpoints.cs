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
            var form = await http.Request.ReadFormAsync();
            var input = new AccountInput { Author = form["author"], Saw = form["saw"], Believed = form["believed"], Did = form["did"], WhySensible = form["whySensible"] };
            try
            {
                await ReviewChanges.AddAccountAsync(db, id, entryId, input, http.User.UserId(), clock.GetUtcNow().UtcDateTime);
                return Results.LocalRedirect($"/reviews/{id}#entry-{entryId}");
            }
            catch (Fireside.Core.DomainValidationException invalid)
            {
                var message = invalid.Errors.Messages();
                return Results.LocalRedirect($"/reviews/{id}?accountError={Uri.EscapeDataString(message)}&entry={entryId}#entry-{entryId}");
            }
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
}
