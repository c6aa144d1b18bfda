using Fireside.Data;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Setup;

/// <summary>Knows whether anyone has an account yet. Once someone does, that stays true without asking the database again.</summary>
public sealed class SetupState
{
    private volatile bool _hasUsers;

    public async Task<bool> HasUsersAsync(FiresideDb db, CancellationToken cancellationToken = default)
    {
        if (_hasUsers)
        {
            return true;
        }

        _hasUsers = await db.Users.AnyAsync(cancellationToken);
        return _hasUsers;
    }

    public void MarkHasUsers() => _hasUsers = true;
}

/// <summary>On a brand new Fireside, sends every page visit to /setup to create the first admin.</summary>
public sealed class FirstRunMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SetupState setup, FiresideDb db)
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/setup")
            && !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_blazor")
            && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/openapi")
            && !Path.HasExtension(path.Value);
        if (isPage && !await setup.HasUsersAsync(db, context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
