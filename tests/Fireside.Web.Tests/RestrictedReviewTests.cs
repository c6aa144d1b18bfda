using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Testing;

namespace Fireside.Web.Tests;

/// <summary>
/// A restricted review as people meet it: an outsider's link shows only that it exists and a button to ask; the API
/// answers 403 with where to ask, never the title; lists and search leave it out; the facilitators hear of the
/// request by email (the shared webhook never gets the title) and let the person in.
/// </summary>
public sealed class RestrictedReviewTests : IAsyncLifetime
{
    private const string Title = "Leaked signing key";
    private readonly SmtpSink _smtp = new();
    private readonly WebhookSink _webhook = new();
    private readonly FiresideApp _app = new();
    private HttpClient _adminApi = default!;
    private HttpClient _member = default!;
    private HttpClient _memberApi = default!;
    private HttpClient _facilitatorApi = default!;
    private Guid _review;

    public RestrictedReviewTests()
    {
        _app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Notifications:Smtp:Security"] = "None";
        _app.Settings["Notifications:WebhookUrl"] = _webhook.Url;
    }

    public async Task InitializeAsync()
    {
        _adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        _member = await _app.AddPersonAsync(_adminApi, "mo@example.com");
        _memberApi = await _app.ApiClientAsync(_member);
        _facilitatorApi = await _app.ApiClientAsync(await _app.AddPersonAsync(_adminApi, "fay@example.com"));
        _review = (await _app.CreateReviewAsync(_adminApi, new { title = Title, services = new[] { "payments" }, summary = "The payments signing key was in a public log.", visibility = "restricted" })).Id;
        var added = await _adminApi.PostAsJsonAsync($"/api/reviews/{_review}/participants", new { name = "Fay", email = "fay@example.com", role = "facilitator" }, FiresideApp.Json);
        Assert.True(added.IsSuccessStatusCode, await FiresideApp.Describe(added));
        await _app.CreateReviewAsync(_adminApi, new { title = "Payments retries", services = new[] { "payments" }, summary = "Retries on payments doubled the load." });
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _webhook.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Outsider_GetsAProblemThatSaysWhereToAsk_NeverTheTitle_AndNoListShowsIt()
    {
        var response = await _memberApi.GetAsync($"/api/reviews/{_review}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("signing", body, StringComparison.OrdinalIgnoreCase);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("This review is restricted.", problem.GetProperty("title").GetString());
        Assert.Equal($"/api/reviews/{_review}/access-requests", problem.GetProperty("accessRequest").GetString());

        foreach (var path in new[] { $"/api/reviews/{_review}/export?format=json", $"/api/reviews/{_review}/timeline", $"/api/reviews/{_review}/related" })
        {
            var refused = await _memberApi.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {await FiresideApp.Describe(refused)}");
        }

        Assert.DoesNotContain(Title, await _memberApi.GetStringAsync("/api/reviews"));
        var search = await _memberApi.GetFromJsonAsync<JsonElement>("/api/search?q=payments", FiresideApp.Json);
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        Assert.DoesNotContain(Title, search.ToString());
        Assert.DoesNotContain(Title, await _member.GetStringAsync("/"));
        Assert.DoesNotContain(Title, await _member.GetStringAsync("/library?q=payments"));

        // The admin and the facilitator read it, and it says who can.
        Assert.Equal("restricted", (await _facilitatorApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review}", FiresideApp.Json)).GetProperty("visibility").GetString());
        Assert.Contains(Title, await _adminApi.GetStringAsync("/api/reviews"));
    }

    [Fact]
    public async Task Outsider_AsksFromThePage_TheFacilitatorIsTold_AndLetsThemIn()
    {
        var page = await _member.GetAsync($"/reviews/{_review}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("open only to the people involved", html);
        Assert.DoesNotContain("signing", html, StringComparison.OrdinalIgnoreCase);

        var asked = await _member.PostAsync($"/reviews/{_review}/access-requests", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(html),
            ["reason"] = "I run the payments service",
        }));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("You asked on", await (await _member.GetAsync($"/reviews/{_review}")).Content.ReadAsStringAsync());

        // Asking again through the API tells nobody twice.
        var again = await _memberApi.PostAsJsonAsync($"/api/reviews/{_review}/access-requests", new { reason = "Please?" }, FiresideApp.Json);
        Assert.Equal("askedBefore", (await again.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("outcome").GetString());
        Assert.Single(_smtp.Messages, m => m.Recipients.Contains("fay@example.com"));
        var shared = Assert.Single(_webhook.Posts);
        Assert.DoesNotContain("signing", shared.Body, StringComparison.OrdinalIgnoreCase);

        var access = await _facilitatorApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review}/access", FiresideApp.Json);
        var request = Assert.Single(access.GetProperty("requests").EnumerateArray());
        Assert.Equal("I run the payments service", request.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await _memberApi.PostAsJsonAsync($"/api/reviews/{_review}/access", new { email = "mo@example.com" }, FiresideApp.Json)).StatusCode);
        var granted = await _facilitatorApi.PostAsJsonAsync($"/api/reviews/{_review}/access", new { email = "mo@example.com" }, FiresideApp.Json);
        Assert.True(granted.IsSuccessStatusCode, await FiresideApp.Describe(granted));

        Assert.Equal(HttpStatusCode.OK, (await _memberApi.GetAsync($"/api/reviews/{_review}")).StatusCode);
        Assert.Contains(Title, await _member.GetStringAsync($"/reviews/{_review}"));

        var taken = await _facilitatorApi.DeleteAsync($"/api/reviews/{_review}/access?email=mo@example.com");
        Assert.Equal(HttpStatusCode.NoContent, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _memberApi.GetAsync($"/api/reviews/{_review}")).StatusCode);
    }

    [Fact]
    public async Task BadInput_GetsAClearAnswer()
    {
        var nobody = await _facilitatorApi.PostAsJsonAsync($"/api/reviews/{_review}/access", new { email = "nobody@example.com" }, FiresideApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("nobody@example.com", await nobody.Content.ReadAsStringAsync());

        var odd = await _adminApi.PostAsJsonAsync("/api/reviews", new { title = "Odd", visibility = "secret" }, FiresideApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        var number = await _adminApi.PostAsJsonAsync("/api/reviews", new { title = "Odd", visibility = 7 }, FiresideApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Contains("visibility", await number.Content.ReadAsStringAsync());
    }
}

/// <summary>Asking for access many times is slowed down per person, so nobody's facilitators are flooded.</summary>
public sealed class AccessRequestRateLimitTests : IDisposable
{
    private readonly FiresideApp _app = new() { Settings = { ["Security:AccessRequestsPerHour"] = "2" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ManyAsksInAnHour_Wait()
    {
        var api = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        var member = await _app.ApiClientAsync(await _app.AddPersonAsync(api, "mo@example.com"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var review = await _app.CreateReviewAsync(api, new { title = $"Private {i}", visibility = "restricted" });
            statuses.Add((await member.PostAsJsonAsync($"/api/reviews/{review.Id}/access-requests", new { reason = "" }, FiresideApp.Json)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
