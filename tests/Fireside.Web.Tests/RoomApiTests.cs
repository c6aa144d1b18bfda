using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;
using Microsoft.Extensions.Time.Testing;

namespace Fireside.Web.Tests;

/// <summary>The room over HTTP: who may run it and write notes, the agenda, and the clock against a moving fake clock.</summary>
public sealed class RoomApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private readonly FiresideApp _app = new() { Clock = new FakeTimeProvider(Ten) };
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private HttpClient _lee = default!;
    private HttpClient _otto = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _lee = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "lee@example.com"));
        _otto = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "otto@example.com"));
        _review = await _app.CreateReviewAsync(_api, new { title = "Cart outage" });
        await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name = "Lee", email = "lee@example.com", role = "noteTaker" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private Task<JsonElement> RoomAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review.Id}/room");

    [Fact]
    public async Task OnlyFacilitatorsRunTheClock_AndOnlyNoteTakersAndFacilitatorsWriteNotes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _lee.PostAsync($"/api/reviews/{_review.Id}/room/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.PostAsync($"/api/reviews/{_review.Id}/room/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _lee.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/notes", new { key = "section:0", text = "Welcome done" })).StatusCode);
        var refused = await _otto.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/notes", new { key = "section:0", text = "Mine now" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("note taker and the facilitators", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await _otto.PostAsJsonAsync($"/api/reviews/{_review.Id}/room/parking-lot", new { text = "Canary sampling" })).StatusCode);

        var room = await RoomAsync(_otto);
        Assert.Equal("Welcome done", room.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.Equal("Canary sampling", room.GetProperty("parkingLot")[0].GetProperty("text").GetString());
        Assert.False(room.GetProperty("mayRun").GetBoolean());
        Assert.True((await RoomAsync(_lee)).GetProperty("mayTakeNotes").GetBoolean());
    }

    [Fact]
    public async Task TheLiveRoom_NeedsASignedInPerson()
    {
        var stranger = _app.CreateClient(new() { AllowAutoRedirect = false });

        var negotiate = await stranger.PostAsync("/hubs/room/negotiate?negotiateVersion=1", null);
        var room = await stranger.GetAsync($"/api/reviews/{_review.Id}/room");

        Assert.True(negotiate.StatusCode == HttpStatusCode.Unauthorized, await FiresideApp.Describe(negotiate));
        Assert.Equal(HttpStatusCode.Unauthorized, room.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _lee.PostAsync("/hubs/room/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task Clock_FollowsTheFakeClock_ThroughPauseAndNextPart()
    {
        await _api.PostAsync($"/api/reviews/{_review.Id}/room/start", null);
        _app.Clock!.Advance(TimeSpan.FromMinutes(4));
        await _api.PostAsync($"/api/reviews/{_review.Id}/room/pause", null);
        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        var paused = await RoomAsync(_api);
        await _api.PostAsync($"/api/reviews/{_review.Id}/room/next", null);
        await _api.PostAsync($"/api/reviews/{_review.Id}/room/start", null);
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var story = await RoomAsync(_api);

        Assert.Equal(("paused", 60.0, 56 * 60.0), (paused.GetProperty("state").GetString(), paused.GetProperty("sectionLeftSeconds").GetDouble(), paused.GetProperty("meetingLeftSeconds").GetDouble()));
        Assert.Equal(1, story.GetProperty("section").GetInt32());
        Assert.Equal(30 * 60.0, story.GetProperty("sectionLeftSeconds").GetDouble());
        Assert.Equal(46 * 60.0, story.GetProperty("meetingLeftSeconds").GetDouble());
    }

    [Fact]
    public async Task AgendaForm_OnTheRoomPage_SavesTheParts_LeavingOutEmptyOnes()
    {
        var page = await _browser.GetStringAsync($"/reviews/{_review.Id}/room");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", FiresideApp.AntiforgeryToken(page)) };
        foreach (var (name, minutes, kind) in new[] { ("Welcome", "5", "Intro"), ("Story", "45", "Timeline"), ("", "", "Other") })
        {
            fields.AddRange([new("name", name), new("minutes", minutes), new("kind", kind)]);
        }

        var posted = await _browser.PostAsync($"/reviews/{_review.Id}/room/agenda", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var room = await RoomAsync(_api);
        Assert.Equal(["Welcome", "Story"], room.GetProperty("agenda").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(50 * 60.0, room.GetProperty("meetingLeftSeconds").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await _lee.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/agenda", new[] { new { name = "Mine", minutes = 5, kind = "other" } })).StatusCode);
    }

    [Fact]
    public async Task DefaultAgenda_SetByAnAdmin_IsWhereNewRoomsStart()
    {
        var page = await _browser.GetStringAsync("/admin/agenda");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", FiresideApp.AntiforgeryToken(page)) };
        foreach (var (name, minutes, kind) in new[] { ("Welcome", "5", "Intro"), ("Story", "30", "Timeline"), ("Questions", "10", "Questions") })
        {
            fields.AddRange([new("name", name), new("minutes", minutes), new("kind", kind)]);
        }

        var saved = await _browser.PostAsync("/admin/agenda/save", new FormUrlEncodedContent(fields));
        var fresh = await _app.CreateReviewAsync(_api, new { title = "Next one" });
        var room = await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{fresh.Id}/room");

        Assert.True(saved.Headers.Location?.OriginalString == "/admin/agenda", await FiresideApp.Describe(saved));
        Assert.Contains("Saved. New meeting rooms start with this agenda.", await _browser.GetStringAsync("/admin/agenda"));
        Assert.Equal(["Welcome", "Story", "Questions"], room.GetProperty("agenda").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(45 * 60.0, room.GetProperty("meetingLeftSeconds").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await _lee.PutAsJsonAsync("/api/meeting/agenda", new[] { new { name = "Mine", minutes = 5, kind = "other" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PutAsJsonAsync("/api/meeting/agenda", Array.Empty<object>())).StatusCode);
    }

    [Fact]
    public async Task Agenda_CanBeShapedBeforeTheStart_NotAfter()
    {
        var agenda = new[] { new { name = "Welcome", minutes = 5, kind = "intro" }, new { name = "Story", minutes = 30, kind = "timeline" }, new { name = "Questions", minutes = 10, kind = "questions" } };

        Assert.Equal(HttpStatusCode.NoContent, (await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/agenda", agenda)).StatusCode);
        Assert.Equal(45 * 60.0, (await RoomAsync(_api)).GetProperty("meetingLeftSeconds").GetDouble());
        var bad = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/agenda", new[] { new { name = "Story", minutes = 0, kind = "timeline" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await _api.PostAsync($"/api/reviews/{_review.Id}/room/start", null);
        var late = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/room/agenda", agenda);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("The meeting has started", await late.Content.ReadAsStringAsync());
    }
}
