using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>
/// Admins silence a phrase for the whole organisation (a product name, a term used on purpose): the coach
/// leaves it alone in every review, in the API's check and on the page, for one kind of note or all five.
/// </summary>
public sealed class SilencedWordingTests : IAsyncLifetime
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

    private async Task<List<string>> FoundAsync(string text)
    {
        var response = await _api.PostAsJsonAsync("/api/language/check", new { text });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("category").GetString()!)];
    }

    [Fact]
    public async Task ASilencedPhrase_IsLeftAloneEverywhere_ForItsCategoryOnly()
    {
        const string text = "The root cause analysis found that someone made a mistake.";
        Assert.Equal(["root-cause", "blame"], await FoundAsync(text));
        var review = await _app.CreateReviewAsync(_api, new { title = "Cache", summary = text });

        var put = await _api.PutAsJsonAsync("/api/language/silenced", new[]
        {
            new { phrase = "root  cause analysis", category = (string?)null },
            new { phrase = "made a mistake", category = (string?)"hindsight" },
        });

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(["blame"], await FoundAsync(text));
        var language = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/language");
        Assert.Equal(["blame"], language.EnumerateArray().Select(f => f.GetProperty("finding").GetProperty("category").GetString()));
        var list = await _api.GetFromJsonAsync<JsonElement>("/api/language/silenced");
        Assert.Equal("root cause analysis", list[0].GetProperty("phrase").GetString());
        Assert.Equal("hindsight", list[1].GetProperty("category").GetString());
    }

    [Fact]
    public async Task OnlyAdmins_SilenceWording_AndBadPhrasesAreRefusedByName()
    {
        var member = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "member@example.com"));

        var forbidden = await member.PutAsJsonAsync("/api/language/silenced", new[] { new { phrase = "root cause", category = "" } });
        var readable = await member.GetAsync("/api/language/silenced");
        var bad = await _api.PutAsJsonAsync("/api/language/silenced", new[]
        {
            new { phrase = "!!!", category = "" },
            new { phrase = "fine words", category = "poetry" },
            new { phrase = string.Join(' ', Enumerable.Repeat("word", 9)), category = "" },
        });
        var body = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Phrase 1", body);
        Assert.Contains("poetry", body);
        Assert.Contains("at most 8 words", body);
        Assert.Equal("[]", await (await _api.GetAsync("/api/language/silenced")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAdminPage_AddsAndRemovesAPhrase_AndTheReviewPageOffersIt()
    {
        var review = await _app.CreateReviewAsync(_api, new { title = "Cache", summary = "The root cause was a cold cache." });
        var reviewPage = await _browser.GetStringAsync($"/reviews/{review.Id}");
        Assert.Contains("Silence “root cause” for everyone", reviewPage);
        var page = await _browser.GetStringAsync("/admin/language");

        var add = await _browser.PostAsync("/admin/language/add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            ["phrase"] = "root cause",
            ["category"] = "root-cause",
        }));

        // The notice is for the page the post leads back to, once: not in its address, and gone on a reload.
        Assert.Equal("/admin/language", add.Headers.Location?.OriginalString);
        var after = await _browser.GetStringAsync("/admin/language");
        Assert.Contains("“root cause”", after);
        Assert.Contains("Saved. The coach follows the new list", after);
        Assert.DoesNotContain("Saved. The coach follows the new list", await _browser.GetStringAsync("/admin/language"));
        Assert.Contains("nothing to point out", await _browser.GetStringAsync($"/reviews/{review.Id}"));

        var remove = await _browser.PostAsync("/admin/language/remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            ["phrase"] = "root cause",
            ["category"] = "root-cause",
        }));

        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Contains("No phrases are silenced yet", await _browser.GetStringAsync("/admin/language"));
        Assert.DoesNotContain("nothing to point out", await _browser.GetStringAsync($"/reviews/{review.Id}"));
    }
}
