using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fireside.Web.Infrastructure;

/// <summary>Tells OpenAPI readers that the API takes a personal token as a bearer token.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Fireside API";
        document.Info.Description = "Blame-aware post mortems. Send a personal API token as \"Authorization: Bearer TOKEN\"; create one on your account page or with `fireside tokens create`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token (fs_…).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("bearer", document)] = [],
        });
        return Task.CompletedTask;
    }
}
