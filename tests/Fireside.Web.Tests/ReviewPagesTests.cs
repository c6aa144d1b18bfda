using System.Net;
using System.Net.Http.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

public sealed class ReviewPagesTests : IDisposable
{
    private readonly FiresideApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Dictionary<string, string> ReviewFields(string title, string started = "", string resolved = "", string summary = "", int version = 0) => new()
    {
        ["Form.Title"] = title,
        ["Form.IncidentStartedAt"] = started,
        ["Form.DetectedAt"] = "",
        ["Form.ResolvedAt"] = resolved,
        ["Form.StatusPageAt"] = "",
        ["Form.Severity"] = "SEV3",
        ["Form.Status"] = "Preparing",
        ["Form.Services"] = "checkout, payments",
        ["Form.Tags"] = "",
        ["Form.TlDr"] = "",
        ["Form.Summary"] = summary,
        ["Form.Surprises"] = "",
        ["Form.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task NewReviewForm_CreatesTheReviewAndShowsIt()
    {
        var admin = await _app.SetUpAdminAsync();

        var response = await FiresideApp.PostFormAsync(admin, "/reviews/new", "review",
            ReviewFields("Search was slow", "2026-11-20T10:00:00", "2026-11-20T10:45:00"));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(response));
        var page = await admin.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Search was slow", page);
        Assert.Contains("45 min", page);
        Assert.Contains("SEV3", page);
        Assert.Contains("checkout, payments", page);
    }

    [Fact]
    public async Task NewReviewForm_WithProblems_ExplainsEachAndKeepsWhatWasTyped()
    {
        var admin = await _app.SetUpAdminAsync();

        var response = await FiresideApp.PostFormAsync(admin, "/reviews/new", "review",
            ReviewFields("", "2026-11-20T10:00:00", "2026-11-20T09:00:00", summary: "My careful notes about the cache."));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please give the review a title.", html);
        Assert.Contains("The resolution time is before the incident's start", html);
        Assert.Contains("My careful notes about the cache.", html);
        var api = await _app.ApiClientAsync(admin);
        Assert.Empty((await api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
    }

    [Fact]
    public async Task ATitleOverTheLimit_IsRefusedWithTheMessage_NotCutShort()
    {
        var admin = await _app.SetUpAdminAsync();
        var title = "The cache went cold " + new string('x', ReviewRules.TitleMaxLength);

        // The field takes whatever is typed or pasted (a browser cuts text at maxlength without a word)...
        Assert.DoesNotContain("maxlength=\"200\"", await admin.GetStringAsync("/reviews/new"));
        var response = await FiresideApp.PostFormAsync(admin, "/reviews/new", "review", ReviewFields(title));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        // ...and saving says how long it is, beside the field, with the whole title still there to shorten.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"The title is {title.Length} characters long; please keep it to {ReviewRules.TitleMaxLength}.", html);
        Assert.Contains($"value=\"{title}\"", html);
        var api = await _app.ApiClientAsync(admin);
        Assert.Empty((await api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
    }

    [Fact]
    public async Task Times_AreShownAndReadInThePersonsTimeZone()
    {
        var admin = await _app.SetUpAdminAsync(timeZone: "Europe/Berlin");
        var api = await _app.ApiClientAsync(admin);
        var fromApi = await _app.CreateReviewAsync(api, new { title = "Stored in UTC", incidentStartedAt = "2026-11-20T10:00:00Z" });

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/reviews/{fromApi.Id}"));
        var created = await FiresideApp.PostFormAsync(admin, "/reviews/new", "review", ReviewFields("Typed in Berlin", "2026-07-01T12:00:00"));
        var typedId = created.Headers.Location!.OriginalString.Split('/')[^1];
        var typed = await api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{typedId}", FiresideApp.Json);

        Assert.True(page.Contains("2026-11-20 11:00 UTC+01:00", StringComparison.Ordinal), page);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), typed!.IncidentStartedAt);
    }

    [Fact]
    public async Task EditForm_AfterSomeoneElseSaved_SaysSoAndKeepsTheText()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Shared review" });
        var theirs = await api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "Their newer title", version = 1 }, FiresideApp.Json);
        Assert.True(theirs.IsSuccessStatusCode, await FiresideApp.Describe(theirs));

        var mine = await FiresideApp.PostFormAsync(admin, $"/reviews/{review.Id}/edit", "review",
            ReviewFields("My title", summary: "Everything I wrote in the meantime.", version: 1));
        var html = WebUtility.HtmlDecode(await mine.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.True(html.Contains("Someone else saved this review after you loaded it", StringComparison.Ordinal), html);
        Assert.Contains("Everything I wrote in the meantime.", html);
        var current = await api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{review.Id}", FiresideApp.Json);
        Assert.Equal("Their newer title", current!.Title);
    }

    [Fact]
    public async Task Markdown_IsRenderedWithoutScriptsOrUnsafeLinks()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new
        {
            title = "Markdown",
            summary = "We learned **a lot**.\n\n<script>alert('x')</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(2)>",
        });

        var page = await admin.GetStringAsync($"/reviews/{review.Id}");

        Assert.Contains("<strong>a lot</strong>", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("javascript:alert", page);
        Assert.DoesNotContain("<img", page);
    }

    [Fact]
    public async Task AddEntryForm_KeepsTheTimelineInTimeOrder()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Timeline" });

        foreach (var (time, text) in new[] { ("10:30:00", "Third moment"), ("10:00:00", "First moment"), ("10:15:00", "Second moment") })
        {
            var added = await FiresideApp.PostFormAsync(admin, $"/reviews/{review.Id}", "add-entry", new()
            {
                ["Entry.OccurredAt"] = $"2026-11-20T{time}",
                ["Entry.Actor"] = "Priya",
                ["Entry.ActorKind"] = "Person",
                ["Entry.Kind"] = "Action",
                ["Entry.Text"] = text,
                ["Entry.Link"] = "",
            });
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(added));
        }

        var page = await admin.GetStringAsync($"/reviews/{review.Id}");

        var first = page.IndexOf("First moment", StringComparison.Ordinal);
        var second = page.IndexOf("Second moment", StringComparison.Ordinal);
        var third = page.IndexOf("Third moment", StringComparison.Ordinal);
        Assert.True(first > 0 && first < second && second < third, page);
    }

    [Fact]
    public async Task AddEntryForm_WithBadLink_ExplainsAndAddsNothing()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Timeline" });

        var response = await FiresideApp.PostFormAsync(admin, $"/reviews/{review.Id}", "add-entry", new()
        {
            ["Entry.OccurredAt"] = "2026-11-20T10:00:00",
            ["Entry.Actor"] = "Priya",
            ["Entry.Text"] = "Opened the dashboard",
            ["Entry.Link"] = "javascript:alert(1)",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("full web address", await response.Content.ReadAsStringAsync());
        Assert.Empty((await api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{review.Id}/timeline", FiresideApp.Json))!);
    }

    [Fact]
    public async Task DeleteButton_MovesTheReviewAwayAndUndoRestoresIt()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Short lived" });
        var token = FiresideApp.AntiforgeryToken(await admin.GetStringAsync($"/reviews/{review.Id}"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        var deleted = await admin.PostAsync($"/reviews/{review.Id}/delete", form);
        var list = await admin.GetStringAsync(deleted.Headers.Location!.OriginalString);

        Assert.DoesNotContain("Short lived", list);
        Assert.Contains("Undo", list);
        var restored = await admin.PostAsync($"/reviews/{review.Id}/restore", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(list) }));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("Short lived", await admin.GetStringAsync("/"));
    }

    [Fact]
    public async Task FormPosts_WithoutAntiforgeryToken_AreRefused()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Protected" });

        var forged = await admin.PostAsync($"/reviews/{review.Id}/delete", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single((await api.GetFromJsonAsync<List<ReviewSummary>>("/api/reviews", FiresideApp.Json))!);
    }

    [Fact]
    public async Task RemovingAnEntryThatIsAlreadyGone_ShowsNotFound()
    {
        var admin = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(admin);
        var review = await _app.CreateReviewAsync(api, new { title = "Gone" });
        var token = FiresideApp.AntiforgeryToken(await admin.GetStringAsync($"/reviews/{review.Id}"));

        var response = await admin.PostAsync($"/reviews/{review.Id}/entries/{Guid.NewGuid()}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("We could not find that page", await page.Content.ReadAsStringAsync());
    }
}
