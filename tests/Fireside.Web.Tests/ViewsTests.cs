using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

public sealed partial class ViewsTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(api, new
        {
            title = "Views",
            scopeStartsAt = "2026-11-20T10:00:00Z",
            scopeEndsAt = "2026-11-20T10:30:00Z",
        });
        foreach (var (time, actor, text) in new[]
        {
            ("09:30", "Priya", "Merged the cache change"),
            ("10:42", "Priya", "Rolled back"),
            ("10:05", "Sam", "Saw latency climb"),
            ("10:20", "alertmanager", "CheckoutErrorRate firing"),
        })
        {
            var response = await api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = $"2026-11-20T{time}:00Z", actor, text });
            Assert.True(response.IsSuccessStatusCode, await FiresideApp.Describe(response));
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lanes_HaveOneColumnPerActor_WithEachEntryInItsActorsLane()
    {
        var html = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}?view=lanes"));

        var lanes = Lane().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Priya", "Sam", "alertmanager"], lanes);
        // The row for 10:05 has Sam's words in the second lane.
        var row = Regex.Match(html, "<tr><th scope=\"row\"><time[^>]*>2026-11-20 10:05:00 UTC</time></th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var cells = Regex.Matches(row, "<td>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, cells.Count);
        Assert.DoesNotContain("Saw latency climb", cells[0]);
        Assert.Contains("Saw latency climb", cells[1]);
    }

    [Fact]
    public async Task Lanes_ByATime_ShowWhatHadHappenedByThen()
    {
        var html = await _browser.GetStringAsync($"/reviews/{_review.Id}?view=lanes&by=2026-11-20T10:10");

        Assert.Contains("Saw latency climb", html);
        Assert.Contains("Merged the cache change", html);
        Assert.DoesNotContain("CheckoutErrorRate firing", html);
        Assert.DoesNotContain("Rolled back", html);
    }

    [Fact]
    public async Task Scope_FiltersTheStoryToTheAgreedWindow()
    {
        var all = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        var scoped = await _browser.GetStringAsync($"/reviews/{_review.Id}?scope=only");

        Assert.Contains("Merged the cache change", all);
        Assert.Contains("Only the agreed scope", all);
        Assert.DoesNotContain("Merged the cache change", scoped);
        Assert.DoesNotContain("Rolled back", scoped);
        Assert.Contains("Saw latency climb", scoped);
        Assert.Contains("CheckoutErrorRate firing", scoped);
    }

    [Fact]
    public async Task Scope_EndBeforeStart_IsRefused()
    {
        var api = await _app.ApiClientAsync(_browser);

        var response = await api.PostAsJsonAsync("/api/reviews", new { title = "Backwards scope", scopeStartsAt = "2026-11-20T10:00:00Z", scopeEndsAt = "2026-11-20T09:00:00Z" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scopeEndsAt", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<th scope=\"col\" data-testid=\"lane\">([^<]+)</th>")]
    private static partial Regex Lane();
}
