using Fireside.Core.Library;
using Fireside.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Library;

/// <summary>The library over HTTP: search every review the caller may read.</summary>
public static class LibraryApi
{
    public static void MapLibraryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithTags("Library")
            .WithSummary("Search every review: words (all must match), \"exact phrases\", OR, -word to leave one out. One result per review, with the parts it matched in, a snippet as plain text with the ranges that matched, and counts per filter.")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<SearchResults>> SearchAsync(
        string? q, string? service, string? tag, string? severity, string? status, string? from, string? to, string? sort, string? page,
        SearchOperations search, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(SearchRequest.FromText(q, service, tag, severity, status, from, to, sort, page), ct));
}
