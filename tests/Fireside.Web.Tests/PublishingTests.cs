using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

/// <summary>Publishing is a step with a checklist, and a published review stays as it was agreed until it is reopened.</summary>
public sealed class PublishingTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _admin = default!;
    private HttpClient _otto = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _admin = await _app.ApiClientAsync(_browser);
        _otto = await _app.ApiClientAsync(await _app.AddPersonAsync(_admin, "otto@example.com"));
        _review = await _app.CreateReviewAsync(_admin, new { title = "Cart outage", summary = "The cart stopped taking orders for twenty minutes." });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private string Api(string path) => $"/api/reviews/{_review.Id}/{path}";

    private async Task<Dictionary<string, bool>> ChecklistAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement>(Api("checklist"))).EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("met").GetBoolean());

    private async Task<ReviewStatus> StatusAsync() => (await _admin.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json))!.Status;

    [Fact]
    public async Task TheChecklist_SaysWhatIsOpen_AndPublishingWaitsForAReasonForEachOpenItem()
    {
        await _admin.PostAsJsonAsync(Api("takeaways"), new { believeNow = "The cart needs its own alarm" });
        var before = await ChecklistAsync();

        var bare = await _admin.PostAsync(Api("publish"), null);
        var oneReason = await _admin.PostAsJsonAsync(Api("publish"), new { skipped = new { meeting = "We talked it through in the channel." } });
        var unknown = await _admin.PostAsJsonAsync(Api("publish"), new { skipped = new { meeting = "Held.", factors = "One.", vibes = "good" } });

        Assert.Equal(new Dictionary<string, bool> { ["language"] = true, ["meeting"] = false, ["takeaways"] = true, ["factors"] = false }, before);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var bareText = await bare.Content.ReadAsStringAsync();
        Assert.Contains("skip.meeting", bareText);
        Assert.Contains("skip.factors", bareText);
        Assert.DoesNotContain("skip.takeaways", bareText);
        Assert.Equal(HttpStatusCode.BadRequest, oneReason.StatusCode);
        Assert.Contains("More than one contributing factor", await oneReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownText = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("The checklist has no item", unknownText);
        Assert.Contains("vibes", unknownText);
        Assert.Equal(ReviewStatus.Draft, await StatusAsync());
    }

    [Fact]
    public async Task PublishingWithReasons_KeepsThemInTheHistory_AndAFullChecklistNeedsNone()
    {
        await _admin.PutAsJsonAsync(Api("meeting"), new { startsAt = DateTimeOffset.UtcNow.AddHours(-2) });
        await _admin.PostAsJsonAsync(Api("takeaways"), new { believeNow = "The cart needs its own alarm" });
        await _admin.PostAsJsonAsync(Api("factors"), new { text = "The cart shared a pool with search" });

        var published = await _admin.PostAsJsonAsync(Api("publish"), new { skipped = new { factors = "The second factor is still being talked through with the vendor." } });

        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(ReviewStatus.Published, await StatusAsync());
        var history = await _admin.GetFromJsonAsync<JsonElement>(Api("history"));
        var skipped = history.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("change").GetString() == "skipped").ToList();
        Assert.Equal(["factors"], skipped.Select(c => c.GetProperty("itemId").GetString()));
        Assert.Equal("The second factor is still being talked through with the vendor.", skipped[0].GetProperty("after").GetString());
        Assert.Contains(history.GetProperty("changes").EnumerateArray(), c => c.GetProperty("after").GetString() == "Published");
    }

    [Fact]
    public async Task APublishedReview_IsReadOnly_ForAdminsToo_UntilItIsReopened_AndTheSurveyStaysOpen()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsJsonAsync(Api("publish"), FiresideApp.SkipEverything, FiresideApp.Json)).StatusCode);
        var current = await _admin.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);

        var entry = await _admin.PostAsJsonAsync(Api("timeline/"), new { occurredAt = DateTimeOffset.UtcNow.AddHours(-3), actor = "Ana", text = "Paged" });
        var edit = await _admin.PutAsJsonAsync($"/api/reviews/{_review.Id}", new { title = "Cart outage, again", version = current!.Version }, FiresideApp.Json);
        var takeaway = await _otto.PostAsJsonAsync(Api("takeaways"), new { believeNow = "Late words" });
        var note = await _admin.PutAsJsonAsync(Api("room/notes"), new { key = "section:0", text = "A late note" });
        var survey = await _otto.PutAsJsonAsync(Api("survey"), new { toldMyPart = 4, stayedOnLearning = 5, understandBetter = 4 });
        var page = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}"));
        var editor = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}/edit"));

        foreach (var refused in new[] { entry, edit, takeaway, note })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("This review is published", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NoContent, survey.StatusCode);
        Assert.Contains("data-testid=\"published-notice\"", page);
        Assert.DoesNotContain("Add to the timeline", page);
        Assert.DoesNotContain("Import into the timeline", page);
        Assert.Contains("data-testid=\"published-notice\"", editor);
        Assert.DoesNotContain("name=\"Form.Title\"", editor);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsync(Api("unpublish"), null)).StatusCode);
        var again = await _admin.PostAsJsonAsync(Api("timeline/"), new { occurredAt = DateTimeOffset.UtcNow.AddHours(-3), actor = "Ana", text = "Paged" });
        Assert.True(again.IsSuccessStatusCode, await FiresideApp.Describe(again));
        Assert.Equal(ReviewStatus.Reviewed, await StatusAsync());
        var history = await _admin.GetFromJsonAsync<JsonElement>(Api("history"));
        Assert.Contains(history.GetProperty("changes").EnumerateArray(), c => c.GetProperty("before").GetString() == "Published" && c.GetProperty("after").GetString() == "Reviewed");
    }

    [Fact]
    public async Task TheStatusField_CannotPublish_PublishingIsItsOwnStep()
    {
        var current = await _admin.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);

        var viaPut = await _admin.PutAsJsonAsync($"/api/reviews/{_review.Id}", new { title = current!.Title, status = "published", version = current.Version }, FiresideApp.Json);
        var editor = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}/edit"));

        Assert.Equal(HttpStatusCode.BadRequest, viaPut.StatusCode);
        Assert.Contains("its own step", await viaPut.Content.ReadAsStringAsync());
        Assert.DoesNotContain("value=\"Published\"", editor);
        Assert.Equal(ReviewStatus.Draft, await StatusAsync());
    }

    [Fact]
    public async Task ThePublishForm_ShowsEachOpenItem_AndComesBackWithTheNotesBesideTheFields_AndTheTypedReasonKept()
    {
        var path = $"/reviews/{_review.Id}/after";
        var form = WebUtility.HtmlDecode(await _browser.GetStringAsync(path));

        var missing = await FiresideApp.PostFormAsync(_browser, path, "publish", new() { ["PublishModel.Meeting"] = "We met in the incident channel." });
        var missingHtml = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        var done = await FiresideApp.PostFormAsync(_browser, path, "publish", new()
        {
            ["PublishModel.Meeting"] = "We met in the incident channel.",
            ["PublishModel.Takeaways"] = "The team keeps them in its notes.",
            ["PublishModel.Factors"] = "The summary lists them.",
        });

        Assert.Contains("data-testid=\"publish-checklist\"", form);
        Assert.Contains("The meeting was held", form);
        Assert.Contains("id=\"skip-meeting\"", form);
        Assert.DoesNotContain("id=\"skip-language\"", form);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("We met in the incident channel.", missingHtml);
        Assert.Contains("id=\"skip.takeaways-error\"", missingHtml);
        Assert.Contains("\"Takeaways are written\" is still open", missingHtml);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ReviewStatus.Published, await StatusAsync());
        var after = WebUtility.HtmlDecode(await _browser.GetStringAsync(path));
        Assert.Contains("data-testid=\"read-only\"", after);
        Assert.Contains("Reopen the review", after);
        Assert.DoesNotContain("Add the takeaway", after);
    }
}
