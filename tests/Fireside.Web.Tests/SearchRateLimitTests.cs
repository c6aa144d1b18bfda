using System.Net;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>Searching in a loop is slowed down per person, in the API and on the library page, and never for anyone else.</summary>
public sealed class SearchRateLimitTests : IDisposable
{
    private readonly FiresideApp _app = new() { Settings = { ["Security:SearchesPerMinute"] = "3" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ManySearchesInAMinute_Wait_ButOnlyForWhoeverMadeThem()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var other = await _app.AddPersonAsync(api, "sam@example.com");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await admin.GetAsync("/api/search?q=checkout")).StatusCode);
        }

        var refused = await admin.GetAsync("/api/search?q=checkout");
        var page = await admin.GetAsync("/library?q=checkout");
        var home = await admin.GetAsync("/library");
        var someoneElse = await other.GetAsync("/library?q=checkout");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("searched many times in the last minute", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Please wait a moment, then search again.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }
}
