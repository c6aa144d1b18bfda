using Fireside.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Audit;

/// <summary>The organisation's audit log over the API, for admins.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async Task<Ok<AuditPage>> (string? kind, string? person, string? from, string? to, string? page, AuditOperations audit, CancellationToken ct) =>
                TypedResults.Ok(await audit.PageAsync(AuditQuery.FromText(kind, person, from, to, page), ct)))
            .WithTags("Audit")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("The audit log (admins), newest first, 50 a page: sign-ins and refusals, accounts, tokens, restricted reviews' access and exports. Narrow by kind, person (name, email or id), from and to (days).");
    }
}
