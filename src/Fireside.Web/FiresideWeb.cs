using System.Text.Json;
using System.Text.Json.Serialization;
using Fireside.Data;
using Fireside.Web.Components;
using Fireside.Web.Features.Account;
using Fireside.Web.Features.Facilitation;
using Fireside.Web.Features.Language;
using Fireside.Web.Features.Library;
using Fireside.Web.Features.Names;
using Fireside.Web.Features.Room;
using Fireside.Web.Features.After;
using Fireside.Web.Features.Audit;
using Fireside.Web.Features.Reviews;
using Fireside.Web.Features.Setup;
using Fireside.Web.Features.Users;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Scalar.AspNetCore;

namespace Fireside.Web;

/// <summary>How the web app is put together; Program.cs calls these two methods.</summary>
public static class FiresideWeb
{
    public const string DefaultUrl = FiresideDefaults.Url;

    public static void AddFiresideWeb(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddFiresideData(builder.Configuration);
        services.AddSingleton(TimeProvider.System);

        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<UserTime>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<SetupState>();
        services.AddLanguageCoach(builder.Configuration);
        services.AddMemoryCache(cache => cache.SizeLimit = 500_000);
        services.AddSingleton<ReviewFindings>();
        services.AddSingleton<Features.Reviews.SharedImageLinks>();
        services.AddOptions<Fireside.Core.Facilitation.FacilitationOptions>().BindConfiguration("Facilitation").ValidateDataAnnotations().ValidateOnStart();
        services.AddFiresideNotifications();
        services.AddOptions<MeetingOptions>().BindConfiguration("Meeting")
            .Validate(o => o.Agenda.Count == 0 || Fireside.Core.Meetings.Agendas.Validate(o.Agenda).IsValid, "Meeting:Agenda needs 1 to 12 sections, each with a name and 1 to 240 minutes.")
            .ValidateOnStart();
        services.AddSignalR(hub => hub.AddFilter(new CurrentUserHubFilter()));
        services.AddCurrentUser();
        services.AddFiresideOperations();
        services.AddScoped<IRoomBroadcast, HubRoomBroadcast>();
        services.AddScoped<AfterOperations>();
        services.AddScoped<SubscriptionDeliverer>();
        services.AddHostedService<SubscriptionWorker>();
        services.AddHostedService<InsightsRecount>();
        services.AddOptions<InsightsOptions>().BindConfiguration("Insights").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LibraryOptions>().BindConfiguration("Library").ValidateDataAnnotations().ValidateOnStart();

        services.AddIdentityCore<FiresideUser>(FiresideIdentity.Configure)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FiresideDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<FiresideClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthSchemes.Selector;
                options.DefaultChallengeScheme = AuthSchemes.Selector;
            })
            .AddPolicyScheme(AuthSchemes.Selector, "Cookie or API token", options =>
                options.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.HasBearer(context.Request)
                    ? AuthSchemes.ApiToken
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthSchemes.ApiToken, null)
            .AddIdentityCookies();
        services.AddCompanySignIn(builder.Configuration, new AuthenticationBuilder(services));

        // A changed security stamp (password changed, account switched off) ends the person's other sessions at their next request.
        services.Configure<SecurityStampValidatorOptions>(SessionCookies.KeepSession);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "fireside";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            SessionCookies.Configure(options);
            options.SlidingExpiration = true;
            // The API never redirects to a sign-in page: it says 401 or 403 plainly.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        // Behind a TLS proxy (nginx, a load balancer), trust its X-Forwarded-For and -Proto so cookies are Secure and links say https.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("Security:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        services.AddRateLimits(builder.Configuration);
        services.AddDataProtection().SetApplicationName(FiresideDefaults.ApplicationName);
        services.AddSingleton<PageNotices>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    public static async Task UseFiresideWebAsync(this WebApplication app)
    {
        var database = DataServiceCollectionExtensions.ReadOptions(app.Configuration);
        if (database.ShouldMigrateOnStart)
        {
            await app.Services.MigrateFiresideDbAsync();
        }

        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            SuppressDiagnosticsCallback = context => ApiExceptionHandler.IsExpected(context.Exception),
            StatusCodeSelector = ApiExceptionHandler.StatusCodeFor,
            AllowStatusCode404Response = true,
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(
            c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/hubs"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        // Routing again after the status pages, so a 404 re-executed as /not-found finds that page's endpoint.
        app.UseRouting();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Security:Hsts"))
        {
            app.UseHsts();
        }

        // After authentication, so that searches are counted per person.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<PageNotices>();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        // Everything the reference page needs is served from here: no fonts from a CDN, and its one inline script carries a nonce.
        app.MapScalarApiReference("/api-reference", options => options.WithTitle("Fireside API").DisableDefaultFonts().WithNonce());

        app.MapAccountEndpoints();
        app.MapCompanySignIn();
        app.MapReviewPageEndpoints();
        app.MapReviewsApi();
        Features.Reviews.SharedImageLinks.MapSharedImages(app);
        app.MapAccessApi();
        app.MapNamesApi();
        app.MapAttachmentsApi();
        app.MapFacilitationApi();
        app.MapFacilitationPageEndpoints();
        app.MapRoomApi();
        app.MapAfterApi();
        app.MapAfterPageEndpoints();
        app.MapTokensApi();
        app.MapUsersApi();
        app.MapAuditApi();
        app.MapPeopleActions();
        app.MapLanguageApi();
        app.MapLibraryApi();
        app.MapThemePageEndpoints();
        app.MapLibraryPageEndpoints();
        app.MapFeeds();
        app.MapInsights();
        app.MapImportEndpoints();
        app.MapReviewRestoreEndpoint();

        app.MapRazorComponents<App>();
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // Scripts (the API, the live room's connection) get a status they can act on, never a sign-in page.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class AuthSchemes
{
    public const string Selector = "Fireside";
    public const string ApiToken = "ApiToken";
}

public static class Policies
{
    public const string Admin = "Admin";
}
