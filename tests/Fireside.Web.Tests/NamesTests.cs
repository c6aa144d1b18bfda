using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>People are people, over the API and the page's form: one name for one person, people and systems apart.</summary>
public sealed class NamesTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private Guid _review;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = (await _app.CreateReviewAsync(_api, new { title = "Checkout slowed down" })).Id;
        foreach (var (actor, kind) in new[] { ("bob.j", "person"), ("Bob Jensen", "person"), ("deploy-bot", "system"), ("bob.j", "person") })
        {
            var added = await _api.PostAsJsonAsync($"/api/reviews/{_review}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor, actorKind = kind, text = "Something happened" }, FiresideApp.Json);
            Assert.True(added.IsSuccessStatusCode, await FiresideApp.Describe(added));
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Api_PutsTwoNamesTogether_AndSaysWhatMoved()
    {
        var merged = await _api.PostAsJsonAsync($"/api/reviews/{_review}/people/merge", new { from = "bob.j", into = "Bob Jensen" }, FiresideApp.Json);

        Assert.True(merged.IsSuccessStatusCode, await FiresideApp.Describe(merged));
        var result = await merged.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        Assert.Equal(2, result.GetProperty("moments").GetInt32());
        var people = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review}/people", FiresideApp.Json);
        Assert.Equal(["Bob Jensen", "deploy-bot"], people.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var remembered = await _api.GetFromJsonAsync<JsonElement>("/api/people/names", FiresideApp.Json);
        Assert.Equal("bob.j", remembered[0].GetProperty("names")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Api_RefusesToMakeASystemAPerson_WithAProblemNamingTheField()
    {
        var refused = await _api.PostAsJsonAsync($"/api/reviews/{_review}/people/merge", new { from = "deploy-bot", into = "Bob Jensen" }, FiresideApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        Assert.Contains("keeps people and systems apart", problem.GetProperty("errors").GetProperty("into")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsTheProblemAtTheField_AndKeepsWhatWasTyped()
    {
        var refused = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review}/people", "merge-people",
            new() { ["Merge.From"] = "deploy-bot", ["Merge.Into"] = "Bob Jensen" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" id=\"into-error\">", html);
        Assert.Contains("id=\"merge-into\" list=\"people-names\"", html);
        Assert.Contains("value=\"Bob Jensen\"", html);

        // A name that is not there is named back, as text.
        var unknown = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review}/people", "merge-people",
            new() { ["Merge.From"] = "<b>bold</b>", ["Merge.Into"] = "Bob Jensen" });
        html = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" id=\"from-error\">&#x201C;&lt;b&gt;bold&lt;/b&gt;&#x201D; does not appear in this review.", html);
        Assert.DoesNotContain("<b>bold</b>", html);

        Assert.Contains("data-testid=\"person-name\">bob.j<", WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review}/people")));
        var done = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review}/people", "merge-people",
            new() { ["Merge.From"] = "bob.j", ["Merge.Into"] = "Bob Jensen" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review}/people"));
        Assert.Contains("“bob.j” is now “Bob Jensen” on 2 moments.", after);
        Assert.Contains("data-testid=\"person-name\">Bob Jensen<", after);
        Assert.DoesNotContain("data-testid=\"person-name\">bob.j<", after);
    }
}
