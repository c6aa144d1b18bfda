using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Fireside.Core.Reviews;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fireside.Web.Tests;

/// <summary>Another site cannot use a signed-in person's browser to change things, and every answer carries the headers that keep pages to themselves.</summary>
public sealed partial class CrossSiteAndHeadersTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(_api, new { title = "Checkout slowed down" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(HttpMethod method, string path, Func<HttpContent?> content, string? origin, string? fetchSite = null, string? antiforgery = null)
    {
        // A client with the admin's cookie but without the test browser's default Origin header.
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(method, path) { Content = content() };
        request.Headers.Add("Cookie", await CookieAsync());
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (antiforgery is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgery);
        }

        return await client.SendAsync(request);
    }

    private string? _cookie;

    private async Task<string> CookieAsync()
    {
        if (_cookie is null)
        {
            var signIn = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var page = await signIn.GetAsync("/account/signin");
            var html = await page.Content.ReadAsStringAsync();
            var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "signin",
                    ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(html),
                    ["Form.Email"] = FiresideApp.AdminEmail,
                    ["Form.Password"] = FiresideApp.Password,
                }),
            };
            post.Headers.Add("Cookie", antiforgeryCookie);
            var answer = await signIn.SendAsync(post);
            var session = answer.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("fireside=", StringComparison.Ordinal)).Split(';')[0];
            _cookie = $"{antiforgeryCookie}; {session}";
        }

        return _cookie;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private string EntryJson => """{"occurredAt":"2026-11-20T10:00:00Z","actor":"Priya","text":"Deployed"}""";

    [Fact]
    public async Task CookieApiChange_FromAnotherSite_OrFromNowhere_IsRefused_AndNothingChanges()
    {
        var path = $"/api/reviews/{_review.Id}/timeline";

        var fromEvil = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), "https://evil.example", "cross-site");
        var fromNowhere = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), origin: null);
        var deleteFromEvil = await SendWithCookieAsync(HttpMethod.Delete, $"/api/reviews/{_review.Id}", () => null, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, fromEvil.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromNowhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteFromEvil.StatusCode);
        Assert.Contains("outside Fireside", await fromEvil.Content.ReadAsStringAsync());
        var review = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);
        Assert.Empty(review!.Timeline);
        Assert.Null(review.DeletedAt);
    }

    [Fact]
    public async Task CookieApiChange_FromFiresidesOwnPages_OrWithTheAntiforgeryHeader_GoesThrough()
    {
        var path = $"/api/reviews/{_review.Id}/timeline";
        var page = await SendWithCookieAsync(HttpMethod.Get, "/reviews/new", () => null, origin: null);
        var token = FiresideApp.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        var sameOrigin = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), "http://localhost");
        var fetchSite = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), origin: null, fetchSite: "same-origin");
        var withToken = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), origin: null, antiforgery: token);
        var withBadToken = await SendWithCookieAsync(HttpMethod.Post, path, () => Json(EntryJson), origin: null, antiforgery: "not-a-token");

        Assert.Equal(HttpStatusCode.Created, sameOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fetchSite.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withBadToken.StatusCode);
    }

    [Fact]
    public async Task UploadsAndRawBodyImports_FromAnotherSite_AreRefused_ButTokenCallsAreNot()
    {
        var csv = "time,actor,text\n2026-11-20T10:00:00Z,Priya,Deployed\n";
        HttpContent Upload()
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Convert.FromBase64String("R0lGODlhAQABAAAAACw=")), "file", "graph.gif");
            return form;
        }

        var entry = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = "2026-11-20T09:00:00Z", actor = "Ops", text = "Alert" }, FiresideApp.Json);
        var entryId = (await entry.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        var upload = await SendWithCookieAsync(HttpMethod.Post, $"/api/reviews/{_review.Id}/timeline/{entryId}/attachments", Upload, "https://evil.example");
        var import = await SendWithCookieAsync(HttpMethod.Post, $"/api/reviews/{_review.Id}/import/csv", () => new StringContent(csv), "https://evil.example");
        var archive = await SendWithCookieAsync(HttpMethod.Post, "/api/reviews/import", () => Json("{}"), "https://evil.example");
        var byToken = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{_review.Id}/import/csv") { Content = new StringContent(csv) };
        byToken.Headers.Add("Origin", "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);
        var tokenCall = await _api.SendAsync(byToken);
        Assert.True(tokenCall.StatusCode == HttpStatusCode.OK, await FiresideApp.Describe(tokenCall));
    }

    [Fact]
    public async Task LiveRoomConnection_FromAnotherOrigin_IsRefused()
    {
        var foreign = await SendWithCookieAsync(HttpMethod.Post, "/hubs/room/negotiate?negotiateVersion=1", () => null, "https://evil.example");
        var own = await SendWithCookieAsync(HttpMethod.Post, "/hubs/room/negotiate?negotiateVersion=1", () => null, "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Pages_CarryAStrictContentSecurityPolicy_AndNoInlineScript()
    {
        foreach (var path in new[] { "/", $"/reviews/{_review.Id}", $"/reviews/{_review.Id}/room", $"/reviews/{_review.Id}/facilitation", "/account" })
        {
            var page = await _browser.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            var csp = page.Headers.GetValues("Content-Security-Policy").Single();

            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(InlineScript().Count(html) == 0, $"{path} has an inline script: {InlineScript().Match(html).Value}");
            Assert.False(InlineHandler().IsMatch(html), $"{path} has an inline event handler: {InlineHandler().Match(html).Value}");
        }
    }

    [Fact]
    public async Task ApiReference_LoadsNothingFromOutside_AndItsOneInlineScriptCarriesTheNonce()
    {
        var page = await _browser.GetAsync("/api-reference/");
        var html = await page.Content.ReadAsStringAsync();
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotMatch(@"(src|href)=""https?://", html);
        Assert.DoesNotContain("fonts.scalar.com", html);
        var nonce = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        foreach (Match script in Regex.Matches(html, "<script[^>]*>"))
        {
            Assert.True(script.Value.Contains("src=", StringComparison.Ordinal) || script.Value.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), script.Value);
        }
    }

    [Fact]
    public async Task BehindATlsProxy_TheSignInCookieIsSecure()
    {
        // The proxy (nginx on the same machine) reaches Fireside over loopback.
        using var proxied = new FiresideApp { TestServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, FromLoopback>() };
        var client = proxied.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = new HttpRequestMessage(HttpMethod.Get, "/setup");
        page.Headers.Add("X-Forwarded-Proto", "https");
        page.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var answer = await client.SendAsync(page);

        Assert.True(answer.Headers.TryGetValues("Set-Cookie", out var cookies), await FiresideApp.Describe(answer));
        var antiforgery = cookies.First(c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var plain = await client.GetAsync("/setup");
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").First(c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase)), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class FromLoopback : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
