using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Cli;
using Fireside.Core.Reviews;
using Fireside.Testing;

namespace Fireside.Web.Tests;

/// <summary>A review with everything in it, exported as JSON, restored elsewhere and exported again, comes out the same.</summary>
public sealed class ExportRoundTripTests : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEklEQVR4nGP4z8AAQmDAgMwBALteD/Ggmg/zAAAAAElFTkSuQmCC");

    private readonly FiresideApp _app = new();
    private readonly TempFolder _folder = new("fireside-roundtrip");
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private Guid _id;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _id = (await _app.CreateReviewAsync(_api, new { title = "Cart outage", summary = "What we *learned*.", incidentStartedAt = "2026-11-20T10:00:00Z", resolvedAt = "2026-11-20T11:00:00Z", scopeStartsAt = "2026-11-20T09:00:00Z" })).Id;
        var entries = new List<TimelineEntryDocument>();
        foreach (var (at, who, text) in new[] { ("2026-11-20T10:00:00Z", "Priya", "Deployed cart v42"), ("2026-11-20T10:00:00Z", "ci-bot", "Build green"), ("2026-11-20T10:20:00Z", "Priya", "Rolled back") })
        {
            var added = await _api.PostAsJsonAsync(Path("timeline"), new { occurredAt = at, actor = who, text, isInflectionPoint = who == "Priya", phase = "Trigger" });
            entries.Add((await added.Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json))!);
        }

        await Ok(_api.PostAsJsonAsync(Path($"timeline/{entries[0].Id}/accounts"), new { author = "Priya", saw = "Green canary", whySensible = "It had been reliable" }));
        await Ok(_api.PostAsJsonAsync(Path("accounts"), new { author = "Sam", spanStartsAt = "2026-11-20T10:05:00Z", spanEndsAt = "2026-11-20T10:20:00Z", did = "Tried three cache settings" }));
        using var form = new MultipartFormDataContent { { new StringContent("Error rate"), "caption" } };
        form.Add(new ByteArrayContent(Png), "file", "errors.png");
        await Ok(_api.PostAsync(Path($"timeline/{entries[2].Id}/attachments"), form));
        await Ok(_api.PostAsJsonAsync(Path($"timeline/{entries[1].Id}/attachments"), new { url = "https://grafana.example.com/d/cart.png", caption = "Cart board" }));
        var actor = await (await _api.PostAsJsonAsync(Path("participants"), new { name = "Priya", email = "priya@example.com", role = "actor", isMainActor = true })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await Ok(_api.PostAsJsonAsync(Path("participants"), new { name = "Ada", email = FiresideApp.AdminEmail, role = "facilitator" }));
        await Ok(_api.PutAsJsonAsync(Path($"interviews/{actor.GetProperty("id").GetGuid()}"), new { interviewedAt = "2026-11-21T09:00:00Z", interviewer = "Ada", notes = "Walked through it" }));
        await Ok(_api.PutAsJsonAsync(Path("meeting"), new { startsAt = "2026-11-24T10:00:00Z", location = "Room Ember" }));
        await Ok(_api.PostAsync(Path("room/start"), null));
        await Ok(_api.PostAsync(Path("room/forward"), null));
        await Ok(_api.PutAsJsonAsync(Path("room/notes"), new { key = "section:0", text = "Welcome, and why we are here" }));
        await Ok(_api.PostAsJsonAsync(Path("room/parking-lot"), new { text = "Canary sampling" }));
        await Ok(_api.PostAsync(Path("room/end"), null));
        await Ok(_api.PostAsJsonAsync(Path("takeaways"), new { surprisedBy = "The canary sampled reads only", believeNow = "Writes need their own check" }));
        await Ok(_api.PostAsJsonAsync(Path("factors"), new { text = "Canary sampling" }));
        var freeze = await _api.PostAsJsonAsync(Path("factors"), new { text = "A deploy freeze bunched changes" });
        Assert.True(freeze.IsSuccessStatusCode, await FiresideApp.Describe(freeze));
        var freezeId = (await freeze.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("id").GetGuid();
        await Ok(_api.PutAsJsonAsync(Path($"factors/{freezeId}/themes"), new { themes = new[] { "Deploys and change", "Production pressure" } }));
        await Ok(_api.PostAsJsonAsync(Path("remediation"), new { text = "Sample writes", owner = "Cart team", trackerUrl = "https://tracker.example.com/CART-12" }));
        await Ok(_api.PostAsJsonAsync(Path("language/intentional"), new { field = "title", rule = "x", text = "y" }));
        await Ok(_api.PostAsJsonAsync(Path("private-notes"), new { kind = "mayFeelExposed", text = "Priya may feel this is pinned on her" }));
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private string Path(string rest) => $"/api/reviews/{_id}/{rest}";

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await FiresideApp.Describe(response));
    }

    [Fact]
    public async Task MarkdownHtmlAndJson_HoldTheSameStory_AndTheMarkdownsImageLinkWorksOutside()
    {
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>(Path("timeline"), FiresideApp.Json);
        var bot = timeline!.Single(e => e.Actor == "ci-bot");
        await Ok(_api.PutAsJsonAsync(Path($"timeline/{bot.Id}"), new { occurredAt = bot.OccurredAt, actor = bot.Actor, text = bot.Text, isHidden = true, version = bot.Version }));
        var current = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_id}", FiresideApp.Json);
        await Ok(_api.PutAsJsonAsync($"/api/reviews/{_id}", new { title = current!.Title, summary = "# Timeline\nWhat we *learned*.", tags = new[] { "deploy" }, version = current.Version }, FiresideApp.Json));

        var markdown = await _api.GetStringAsync(Path("export?format=markdown"));
        var html = WebUtility.HtmlDecode(await _api.GetStringAsync(Path("export?format=html")));
        var json = await _api.GetFromJsonAsync<JsonElement>(Path("export?format=json"));

        foreach (var text in new[] { markdown, html })
        {
            Assert.Contains("Moments hidden as noise", text);
            Assert.Contains("Build green", text);
            Assert.Contains("Observation · phase: Trigger · inflection point", text);
            Assert.Contains("deploy", text);
            Assert.Contains("Times in", text);
        }

        Assert.True(json.GetProperty("review").GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("actor").GetString() == "ci-bot").GetProperty("isHidden").GetBoolean());
        Assert.Single(markdown.Split('\n'), line => line == "## Timeline");
        Assert.Contains("### Timeline", markdown);
        Assert.Contains("<h3 id=\"timeline\">Timeline</h3>", html);
        Assert.Contains("<main>", html);

        var link = System.Text.RegularExpressions.Regex.Match(markdown, @"!\[Error rate\]\(<(http[^>]+/shared/images/[^>]+)>\)");
        Assert.True(link.Success, markdown);
        using var outsider = _app.CreateClient(new() { AllowAutoRedirect = false });
        var image = await outsider.GetAsync(new Uri(link.Groups[1].Value).PathAndQuery);
        var tampered = await outsider.GetAsync(new Uri(link.Groups[1].Value).PathAndQuery[..^2] + "xy");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        await Ok(_api.DeleteAsync($"/api/reviews/{_id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(new Uri(link.Groups[1].Value).PathAndQuery)).StatusCode);
    }

    private static async Task<(int Exit, string Out, string Error)> FiresideAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FiresideCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ExportImportIntoAFreshDatabaseExportAgain_IsIdentical_AndLeavesPrivateNotesBehind()
    {
        var exported = await _api.GetStringAsync(Path("export?format=json"));
        var file = _folder.File("review.json");
        await File.WriteAllTextAsync(file, exported);
        var fresh = _folder.File("fresh.db");

        var imported = await FiresideAsync("reviews", "import", file, "--database", fresh);
        var again = await FiresideAsync("reviews", "export", _id.ToString(), "--format", "json", "--database", fresh);
        var twice = await FiresideAsync("reviews", "import", file, "--database", fresh);

        Assert.True(imported.Exit == 0, imported.Error);
        Assert.StartsWith($"imported review {_id} (Cart outage): 3 entries, 2 accounts", imported.Out);
        Assert.Equal(exported.TrimEnd(), again.Out.TrimEnd());
        Assert.DoesNotContain("pinned on her", exported);
        Assert.Contains("Tried three cache settings", exported);
        Assert.Contains("Writes need their own check", exported);
        Assert.Contains("\"theme\": \"Production pressure\"", exported);
        Assert.Contains(Convert.ToBase64String(Png), exported);
        Assert.Equal(1, twice.Exit);
        Assert.Contains("already has a review with the id", twice.Error);
    }

    [Fact]
    public async Task UploadOnTheReviewsPage_RestoresIntoAnotherFireside_WithItsImage()
    {
        var exported = await _api.GetByteArrayAsync(Path("export?format=json"));
        using var other = new FiresideApp();
        var browser = await other.SetUpAdminAsync();
        var page = await browser.GetStringAsync("/");
        using var form = new MultipartFormDataContent { { new StringContent(FiresideApp.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(exported), "file", "cart-outage.json");

        var posted = await browser.PostAsync("/reviews/import", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/reviews/{_id}", posted.Headers.Location!.OriginalString);
        var api = await other.ApiClientAsync(browser);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(exported), await api.GetStringAsync(Path("export?format=json")));
        var timeline = await api.GetFromJsonAsync<List<TimelineEntryDocument>>(Path("timeline"), FiresideApp.Json);
        var image = timeline!.SelectMany(e => e.Attachments).Single(a => a.IsUpload);
        Assert.Equal(Png, await browser.GetByteArrayAsync(image.Url));
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync($"/reviews/{_id}/facilitation"));
        Assert.DoesNotContain("pinned on her", html);
    }

    [Fact]
    public async Task MarkdownExport_TellsTheStory_ThenWhatWeLearned()
    {
        var markdown = await _api.GetStringAsync(Path("export?format=markdown"));

        Assert.StartsWith("# Cart outage", markdown);
        Assert.Contains("## What we learned", markdown);
        Assert.Contains("*What surprised us:* The canary sampled reads only *What we believe now:* Writes need their own check", markdown);
        Assert.Contains("## Contributing factors", markdown);
        Assert.Contains("- Sample writes (Cart team) <https://tracker.example.com/CART-12>", markdown);
        Assert.Contains("![Error rate](<http://localhost/shared/images/", markdown);
        Assert.DoesNotContain("pinned on her", markdown);
    }

    [Fact]
    public async Task HtmlExport_IsOnePrintableFile_WithItsImagesInside_AndNothingPrivate()
    {
        var response = await _api.GetAsync(Path("export?format=html"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("@media print", html);
        Assert.Contains($"<img src=\"data:image/png;base64,{Convert.ToBase64String(Png)}\" alt=\"Error rate\">", html);
        Assert.Contains("<em>learned</em>", html);
        Assert.Contains("Tried three cache settings", html);
        Assert.Contains("Writes need their own check", html);
        Assert.Contains("A deploy freeze bunched changes", html);
        Assert.DoesNotContain("pinned on her", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public async Task AFileThatIsNotAnExport_SaysWhereItIsWrong_AndImportsNothing()
    {
        var file = _folder.File("broken.json");
        await File.WriteAllTextAsync(file, "{\n  \"format\": \"fireside-review/1\",\n  \"review\": { \"title\": 42 \n}");
        var fresh = _folder.File("fresh.db");

        var result = await FiresideAsync("reviews", "import", file, "--database", fresh);
        var listed = await FiresideAsync("reviews", "list", "--database", fresh);

        Assert.Equal(2, result.Exit);
        Assert.Contains("broken.json is not a Fireside review export at line 3", result.Error);
        Assert.DoesNotContain("Cart", listed.Out);
    }
}
