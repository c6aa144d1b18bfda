using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Names;

/// <summary>
/// People are people over HTTP: the names a review holds, putting two of them together, and (for admins) the names the
/// organisation remembers. Every decision is <see cref="NamesOperations"/>' (through <see cref="Permissions"/>).
/// </summary>
public static class NamesApi
{
    public static void MapNamesApi(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/reviews/{id:guid}/people").WithTags("People");
        review.MapGet("/", async Task<Ok<ReviewPeople>> (Guid id, NamesOperations operations, CancellationToken ct) =>
                TypedResults.Ok(await operations.InReviewAsync(id, ct)))
            .WithSummary("Everyone the review names (moments, accounts, roles), each spelling of a name put together, people before systems.");
        review.MapPost("/merge", async Task<Ok<PeopleMergeResult>> (Guid id, PeopleMergeInput input, NamesOperations operations, CancellationToken ct) =>
                TypedResults.Ok(await operations.MergeAsync(id, input, ct)))
            .WithSummary("Say that two names are one person: the review's moments, accounts and roles take the kept name, and later imports use it too (facilitators and admins).");

        var names = app.MapGroup("/api/people/names").WithTags("People");
        names.MapGet("/", async Task<Ok<IReadOnlyList<RememberedPerson>>> (NamesOperations operations, CancellationToken ct) =>
                TypedResults.Ok(await operations.RememberedAsync(ct)))
            .WithSummary("The people and systems the organisation knows by more than one name, with who said so (admins).");
        names.MapDelete("/{aliasId:guid}", async Task<NoContent> (Guid aliasId, NamesOperations operations, CancellationToken ct) =>
            {
                await operations.ForgetAsync(aliasId, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Forget one remembered name: later imports keep it as it comes (admins).");

        app.MapPost("/admin/names/{aliasId:guid}/forget", (Guid aliasId, NamesOperations operations, CancellationToken ct) =>
                FormPosts.BackAsync("/admin/names", "names", () => operations.ForgetAsync(aliasId, ct)))
            .ExcludeFromDescription()
            .RequireAntiforgery()
            .RequireAuthorization(Policies.Admin);
    }
}
