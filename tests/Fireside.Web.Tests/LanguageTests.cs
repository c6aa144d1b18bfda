using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

public sealed class LanguageTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Check_ReturnsFindingsWithSpans()
    {
        var response = await _api.PostAsJsonAsync("/api/language/check", new { text = "In hindsight, we should have just rolled back." });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["hindsight", "counterfactual", "minimizing"], findings.Select(f => f.GetProperty("category").GetString()));
        Assert.Equal("In hindsight", findings[0].GetProperty("text").GetString());
        Assert.Equal(0, findings[0].GetProperty("start").GetInt32());
        Assert.Equal(12, findings[0].GetProperty("end").GetInt32());
    }

    [Fact]
    public async Task Check_WithoutSignIn_Is401_AndBadKindIs400()
    {
        var anonymous = await _app.NewBrowser().PostAsJsonAsync("/api/language/check", new { text = "obviously" });
        var badKind = await _api.PostAsJsonAsync("/api/language/check", new { text = "obviously", kind = "poetry" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("poetry", await badKind.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReviewLanguage_CoversEveryTextAndRespectsIntentionalMarks()
    {
        var review = await _app.CreateReviewAsync(_api, new
        {
            title = "The root cause of the checkout outage",
            summary = "Obviously the cache was cold.\n\n> Sam wrote: \"we just restarted it\"",
        });
        await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor = "Kim", text = "Kim forgot to renew the certificate." });

        var all = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/language");
        var fields = all.EnumerateArray().Select(f => f.GetProperty("field").GetString()!).ToList();
        Assert.Contains("title", fields);
        Assert.Contains("summary", fields);
        Assert.Contains(fields, f => f.StartsWith("entry:", StringComparison.Ordinal));
        var quoted = all.EnumerateArray().Single(f => f.GetProperty("finding").GetProperty("text").GetString() == "just");
        Assert.Equal("info", quoted.GetProperty("finding").GetProperty("severity").GetString());

        var mark = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/language/intentional", new { field = "title", rule = "root-cause.root-cause", text = "root cause" });
        Assert.Equal(HttpStatusCode.NoContent, mark.StatusCode);

        var after = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/language");
        Assert.DoesNotContain(after.EnumerateArray(), f => f.GetProperty("field").GetString() == "title");
        var withMarked = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/language?intentional=true");
        Assert.True(withMarked.EnumerateArray().Single(f => f.GetProperty("field").GetString() == "title").GetProperty("intentional").GetBoolean());

        var again = await _api.DeleteAsync($"/api/reviews/{review.Id}/language/intentional?field=title&rule=root-cause.root-cause&text=root%20cause");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var restored = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/language");
        Assert.Contains(restored.EnumerateArray(), f => f.GetProperty("field").GetString() == "title");
    }

    [Fact]
    public async Task ReviewPage_ShowsTheLanguagePanel_AndMarkingIntentionalHidesAFinding()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Cache", summary = "Obviously the cache was cold." });

        var page = await _browser.GetStringAsync($"/reviews/{review.Id}");
        Assert.Contains("id=\"language\"", page);
        Assert.Contains("hindsight 1", page);
        Assert.Contains("Mark as intentional", page);

        var response = await _browser.PostAsync($"/reviews/{review.Id}/language/intentional", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            ["field"] = "summary",
            ["rule"] = "hindsight.obvious",
            ["text"] = "Obviously",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await _browser.GetStringAsync($"/reviews/{review.Id}");
        Assert.Contains("nothing to point out", after);
        Assert.Contains("Marked as intentional (1)", after);
    }

    [Fact]
    public async Task MarkIntentional_WithMissingFields_Returns400NamingThem()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Cache" });

        var response = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/language/intentional", new { field = "summary" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"rule\"", body);
        Assert.Contains("\"text\"", body);
    }
}
