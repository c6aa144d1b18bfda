using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

public sealed class ImportTests : IAsyncLifetime
{
    private const string Csv = "time,actor,text\n2026-11-20T10:00:00Z,Priya,Rolled back\n2026-11-20T10:05:00Z,Sam,Error rate back to normal\n";

    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(_api, new { title = "Imports" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Api_ImportsTheBody_AndASecondImportAddsNothing()
    {
        var first = await _api.PostAsync($"/api/reviews/{_review.Id}/import/csv", new StringContent(Csv, Encoding.UTF8, "text/csv"));
        var second = await _api.PostAsync($"/api/reviews/{_review.Id}/import/csv", new StringContent(Csv, Encoding.UTF8, "text/csv"));

        Assert.True(first.IsSuccessStatusCode, await FiresideApp.Describe(first));
        Assert.Contains("imported 2 entries, 0 duplicates skipped, 2 actors", await first.Content.ReadAsStringAsync());
        Assert.Contains("imported 0 entries, 2 duplicates skipped", await second.Content.ReadAsStringAsync());
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        Assert.Equal(["Rolled back", "Error rate back to normal"], timeline!.Select(e => e.Text));
        Assert.All(timeline!, e => Assert.Equal("csv", e.Source));
    }

    [Fact]
    public async Task Api_MalformedFile_Returns400NamingTheRow_AndImportsNothing()
    {
        var response = await _api.PostAsync($"/api/reviews/{_review.Id}/import/csv", new StringContent(Csv + "whenever,Lee,x\n", Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("row 4", body);
        Assert.Contains("Nothing was imported", body);
        Assert.Empty((await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json))!);
    }

    /// <summary>A zip of about 1 MB that would unpack to a gigabyte of one "day" of Slack messages.</summary>
    public static byte[] ZipBomb()
    {
        using var memory = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var users = new StreamWriter(archive.CreateEntry("users.json").Open()))
            {
                users.Write("[]");
            }

            using var day = archive.CreateEntry("general/2026-11-20.json", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            day.Write("["u8);
            for (var i = 0; i < 1024; i++)
            {
                day.Write(spaces);
            }

            day.Write("]"u8);
        }

        return memory.ToArray();
    }

    [Fact]
    public async Task Api_ZipBomb_IsRefusedNamingTheFile_AndImportsNothing()
    {
        var bomb = ZipBomb();
        Assert.InRange(bomb.Length, 100_000, 2_000_000);

        var response = await _api.PostAsync($"/api/reviews/{_review.Id}/import/slack", new ByteArrayContent(bomb));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await FiresideApp.Describe(response));
        Assert.Contains("general/2026-11-20.json", body);
        Assert.Contains("Imports:", body);
        Assert.Empty((await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json))!);
    }

    [Fact]
    public async Task Api_UnknownKindOrZone_Returns400()
    {
        var kind = await _api.PostAsync($"/api/reviews/{_review.Id}/import/fax", new StringContent(Csv));
        var zone = await _api.PostAsync($"/api/reviews/{_review.Id}/import/csv?timezone=Mars/Olympus", new StringContent(Csv));

        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Contains("fax", await kind.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
        Assert.Contains("Mars/Olympus", await zone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WithoutCredentials_Is401()
    {
        var response = await _app.NewBrowser().PostAsync($"/api/reviews/{_review.Id}/import/csv", new StringContent(Csv));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Page_UploadForm_ImportsAndShowsTheSummary()
    {
        var page = await _browser.GetStringAsync($"/reviews/{_review.Id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FiresideApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("csv"), "kind" },
            { new StringContent("UTC"), "timezone" },
            { new StringContent(""), "since" },
            { new StringContent(""), "until" },
            { new StringContent(""), "date" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "timeline.csv");

        var response = await _browser.PostAsync($"/reviews/{_review.Id}/import", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = WebUtility.HtmlDecode(await _browser.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("imported 2 entries, 0 duplicates skipped, 2 actors", after);
        Assert.Contains("Error rate back to normal", after);
    }

    [Fact]
    public async Task LongTimeline_IsShownAPageAtATime()
    {
        var csv = new StringBuilder("time,actor,text\n");
        for (var i = 0; i < 250; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-20T10:{i / 60:00}:{i % 60:00}Z,Priya,Moment number {i:000}\n");
        }

        var imported = await _api.PostAsync($"/api/reviews/{_review.Id}/import/csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await FiresideApp.Describe(imported));

        var first = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}"));
        var second = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}?from=200"));

        Assert.Contains("Moments 1–200 of 250.", first);
        Assert.Contains("Moment number 199", first);
        Assert.DoesNotContain("Moment number 200", first);
        Assert.Contains("from=200", first);
        Assert.Contains("Moment number 249", second);
        Assert.DoesNotContain("Moment number 199", second);
    }
}
