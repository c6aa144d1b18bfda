using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

public sealed class AccountsTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;
    private TimelineEntryDocument _entry = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(_api, new { title = "Accounts" });
        var added = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = "2026-11-20T10:58:00Z", actor = "Priya", kind = "action", text = "Deployed checkout v42" });
        _entry = (await added.Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json))!;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> AddAsync(object account) =>
        _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}/accounts", account);

    [Fact]
    public async Task TwoPeoplesDifferentAccounts_BothStay()
    {
        var priya = await AddAsync(new { author = "Priya", saw = "Green canary", believed = "The TTL change only touched reads", did = "Deployed", whySensible = "The canary had been reliable for months" });
        var sam = await AddAsync(new { author = "Sam", saw = "Latency climbing on the cart graph", believed = "A noisy neighbour on the database" });

        Assert.Equal(HttpStatusCode.Created, priya.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sam.StatusCode);
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        var accounts = Assert.Single(timeline!).Accounts;
        Assert.Equal(["Priya", "Sam"], accounts.Select(a => a.Author));
        Assert.Equal("The TTL change only touched reads", accounts[0].Believed);
        Assert.Equal("A noisy neighbour on the database", accounts[1].Believed);

        var page = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}"));
        Assert.Contains("The TTL change only touched reads", page);
        Assert.Contains("A noisy neighbour on the database", page);
        Assert.Contains("Why it made sense at the time", page);
    }

    [Fact]
    public async Task Account_WithoutAuthorOrParts_Returns400()
    {
        var response = await AddAsync(new { saw = "" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"author\"", body);
        Assert.Contains("at least one part", body);
    }

    [Fact]
    public async Task Account_StaleUpdate_Returns409()
    {
        var created = await (await AddAsync(new { author = "Sam", saw = "Latency" })).Content.ReadFromJsonAsync<AccountDocument>(FiresideApp.Json);

        var first = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/accounts/{created!.Id}", new { author = "Sam", saw = "Latency on cart", version = 1 });
        var second = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/accounts/{created.Id}", new { author = "Sam", saw = "Something else", version = 1 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task AccountText_GoesThroughTheLanguageCoach()
    {
        await AddAsync(new { author = "Sam", did = "I just restarted it", whySensible = "Obviously it was the cache" });

        var findings = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review.Id}/language");

        var fields = findings.EnumerateArray().Select(f => f.GetProperty("field").GetString()!).ToList();
        Assert.Contains(fields, f => f.StartsWith("account:", StringComparison.Ordinal) && f.EndsWith(":did", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.EndsWith(":whySensible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddAccountForm_OnTheReviewPage_AddsIt()
    {
        var response = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review.Id}?add=account&to={_entry.Id}", "add-account", new()
        {
            ["NewAccount.EntryId"] = _entry.Id.ToString(),
            ["NewAccount.Author"] = "Lee",
            ["NewAccount.Saw"] = "Payment queue steady",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Payment queue steady", await _browser.GetStringAsync($"/reviews/{_review.Id}"));
    }

    [Fact]
    public async Task AddAccountForm_WithAProblem_ComesBackAtTheForm_KeepingWhatWasTyped()
    {
        var typed = "I watched the <b>queue</b> grow & waited for the page";
        var response = await FiresideApp.PostFormAsync(_browser, $"/reviews/{_review.Id}?add=account&to={_entry.Id}", "add-account", new()
        {
            ["NewAccount.EntryId"] = _entry.Id.ToString(),
            ["NewAccount.Author"] = "",
            ["NewAccount.Did"] = typed,
        });
        var html = await response.Content.ReadAsStringAsync();

        // No redirect with the message in the address: the page itself comes back, with the form open and the text in it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please say whose account this is.", WebUtility.HtmlDecode(html));
        Assert.Contains("field-error\" id=\"author-error\"", html);
        Assert.Contains(WebUtility.HtmlEncode(typed), html);
        Assert.DoesNotContain("<b>queue</b>", html);
        Assert.Empty((await _api.GetFromJsonAsync<List<JsonElement>>($"/api/reviews/{_review.Id}/accounts"))!);
    }

    [Fact]
    public async Task EntryFlags_InflectionPhaseAndHiddenAsNoise()
    {
        var update = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/timeline/{_entry.Id}", new
        {
            occurredAt = "2026-11-20T10:58:00Z", actor = "Priya", kind = "action", text = "Deployed checkout v42",
            isInflectionPoint = true, phase = "Trigger", version = _entry.Version,
        });
        Assert.True(update.IsSuccessStatusCode, await FiresideApp.Describe(update));
        var noise = await (await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = "2026-11-20T10:59:00Z", actor = "ci-bot", actorKind = "system", text = "Build 1234 green", isHidden = true }))
            .Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json);

        var page = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        var withHidden = await _browser.GetStringAsync($"/reviews/{_review.Id}?hidden=show");

        Assert.Contains("Inflection point", page);
        Assert.Contains("<h3>Trigger</h3>", page);
        Assert.DoesNotContain("Build 1234 green", page);
        Assert.Contains("Show 1 hidden as noise", page);
        Assert.Contains("Build 1234 green", withHidden);
        Assert.True(noise!.IsHidden);
    }
}
