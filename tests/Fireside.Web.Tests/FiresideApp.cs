using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fireside.Core.Reviews;
using Fireside.Testing;
using Fireside.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fireside.Web.Tests;

/// <summary>
/// Fireside on a fresh SQLite file, driven over HTTP the way people and scripts use it.
/// Intent methods (sign up, sign in, create a review) hide the form and token plumbing.
/// </summary>
public sealed partial class FiresideApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "ada@example.com";
    public const string Password = "correct horse battery";

    private readonly TempFolder _folder = new("fireside-web");

    public static JsonSerializerOptions Json { get; } = CreateJson();

    public string DatabasePath => _folder.File("fireside.db");

    /// <summary>More settings, as an operator would put in appsettings.json or the environment.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A clock the test moves; the system clock when not set.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Whatever else a test needs around the app (a proxy in front of it, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:Path", DatabasePath);
        // Tests sign in and search more often than a person would; the rate limits have their own tests.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Security:SearchesPerMinute", "1000");
        builder.UseSetting("Security:AccessRequestsPerHour", "1000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>
    /// A browser-like client on Fireside's own pages: keeps cookies, does not follow redirects (tests look at
    /// them), and says where its requests come from, as a browser does.
    /// </summary>
    public HttpClient NewBrowser()
    {
        // The client keeps cookies by the real clock; a test's clock may be days behind it, so the expiry the app
        // writes by the test's clock is moved onto the real one (else a persistent cookie from two weeks "ago" in
        // test time is already gone when the client sends its next request).
        var browser = CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new CookieExpiryOnRealTime(Clock));
        browser.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return browser;
    }

    /// <summary>Moves the expiry of cookies the app sets from the test's clock onto the real one.</summary>
    private sealed partial class CookieExpiryOnRealTime(FakeTimeProvider? clock) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (clock is not null && response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                var ahead = DateTimeOffset.UtcNow - clock.GetUtcNow();
                var moved = cookies.Select(c => Expires().Replace(c, m =>
                    DateTimeOffset.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                        ? "expires=" + (at + ahead).ToString("r", System.Globalization.CultureInfo.InvariantCulture)
                        : m.Value)).ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", moved);
            }

            return response;
        }

        [GeneratedRegex("expires=([^;]+)", RegexOptions.IgnoreCase)]
        private static partial Regex Expires();
    }

    /// <summary>Creates the first admin through the setup page and returns their signed-in browser.</summary>
    public async Task<HttpClient> SetUpAdminAsync(string timeZone = "UTC")
    {
        var browser = NewBrowser();
        var response = await PostFormAsync(browser, "/setup", "setup", new()
        {
            ["Form.Email"] = AdminEmail,
            ["Form.DisplayName"] = "Ada",
            ["Form.Password"] = Password,
            ["Form.TimeZone"] = timeZone,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await Describe(response));
        return browser;
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var browser = NewBrowser();
        var response = await PostFormAsync(browser, "/account/signin", "signin", new()
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await Describe(response));
        return browser;
    }

    /// <summary>An API client with a fresh personal token of the person signed in on <paramref name="browser"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(HttpClient browser)
    {
        var token = await CreateTokenAsync(browser);
        var api = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return api;
    }

    public async Task<NewTokenResponse> CreateTokenAsync(HttpClient browser)
    {
        var response = await browser.PostAsJsonAsync("/api/tokens", new { name = "tests" }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<NewTokenResponse>(Json))!;
    }

    /// <summary>Adds a person through the admin API and returns their signed-in browser.</summary>
    public async Task<HttpClient> AddPersonAsync(HttpClient adminApi, string email, bool admin = false, string timeZone = "UTC")
    {
        var response = await adminApi.PostAsJsonAsync("/api/users", new { email, displayName = email.Split('@')[0], password = Password, admin, timeZone }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        return await SignInAsync(email, Password);
    }

    public async Task<ReviewDocument> CreateReviewAsync(HttpClient api, object review)
    {
        var response = await api.PostAsJsonAsync("/api/reviews", review, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<ReviewDocument>(Json))!;
    }

    /// <summary>Loads the form page, then posts the named Blazor form with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {path} answered {(int)page.StatusCode}: {html}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        };
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token every form on a page carries.</summary>
    public static string AntiforgeryToken(string html)
    {
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"No antiforgery token on the page: {html}");
        return token.Groups[1].Value;
    }

    /// <summary>
    /// A publish request that gives a reason for every checklist item (reasons for items already met are dropped),
    /// as a facilitator who has settled the rest elsewhere would: for tests about what publishing leads to.
    /// </summary>
    public static readonly object SkipEverything = new
    {
        skipped = new Dictionary<string, string>
        {
            ["language"] = "The words are quoted from the chat.",
            ["meeting"] = "We talked it through in the incident channel.",
            ["takeaways"] = "They are in the team's notes.",
            ["factors"] = "The summary lists them.",
        },
    };

    public static async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.StatusCode}, Location: {response.Headers.Location}, body: {await response.Content.ReadAsStringAsync()}";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        FiresideWeb.ConfigureJson(options);
        return options;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
