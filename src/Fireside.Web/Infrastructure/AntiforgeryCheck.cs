using Microsoft.AspNetCore.Antiforgery;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// Plain form posts (delete, restore, sign out) carry the page's antiforgery token; a post without a
/// valid one is refused, so another site cannot press these buttons for someone.
/// </summary>
public static class AntiforgeryCheck
{
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "This form has expired.",
                    detail: "Please reload the page and try again.");
            }

            return await next(context);
        });
}
