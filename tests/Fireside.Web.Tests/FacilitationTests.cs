using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Language;
using Fireside.Testing;
using Ical.Net;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Fireside.Web.Tests;

/// <summary>Roles with guardrails, deadlines, private notes, the invitation and its delivery, through HTTP as people and scripts use them.</summary>
public sealed class FacilitationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Resolved = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);

    private readonly SmtpSink _smtp = new();
    private readonly WebhookSink _webhook = new();
    private readonly FiresideApp _app;
    private HttpClient _admin = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;

    public FacilitationTests()
    {
        _app = new FiresideApp { Clock = new FakeTimeProvider(Resolved.AddHours(1)) };
        _app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Notifications:Smtp:Security"] = "None";
        _app.Settings["Notifications:Smtp:From"] = "fireside@example.com";
        _app.Settings["Notifications:WebhookUrl"] = _webhook.Url;
        _app.Settings["Notifications:PublicUrl"] = "https://fireside.example.com";
    }

    public async Task InitializeAsync()
    {
        _admin = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_admin);
        _review = await _app.CreateReviewAsync(_api, new { title = "Checkout outage", incidentStartedAt = Resolved.AddHours(-1), resolvedAt = Resolved });
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _webhook.Dispose();
        await _smtp.DisposeAsync();
    }

    private async Task<Participant> AddAsync(HttpClient api, string name, string role, string? email = null, string? team = null)
    {
        var response = await api.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name, role, email, team });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await FiresideApp.Describe(response));
        return (await response.Content.ReadFromJsonAsync<Participant>(FiresideApp.Json))!;
    }

    private async Task<JsonElement> FacilitationAsync() =>
        await _api.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review.Id}/facilitation");

    [Fact]
    public async Task Guardrails_AreFriendlyWarnings_OnThePageAndInTheApi()
    {
        await AddAsync(_api, "Priya", "facilitator", "priya@example.com");
        await AddAsync(_api, "Priya", "actor", "priya@example.com");

        var codes = (await FacilitationAsync()).GetProperty("guardrails").EnumerateArray().Select(g => g.GetProperty("code").GetString()).ToList();
        var page = WebUtility.HtmlDecode(await _admin.GetStringAsync($"/reviews/{_review.Id}/facilitation"));

        Assert.Equal(["facilitator-is-actor", "new-facilitator-alone", "no-note-taker"], codes);
        Assert.Contains("Priya is facilitating and is also among the actors", page);
        Assert.Contains("No note taker yet", page);
        var note = await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name = "Lee", role = "noteTaker" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.DoesNotContain("no-note-taker", (await FacilitationAsync()).GetProperty("guardrails").ToString());
    }

    [Fact]
    public async Task PrivateNotes_OnlyTheFacilitatorsAndAdminsRead_InPagesApiAndExports()
    {
        var fay = await _app.AddPersonAsync(_api, "fay@example.com");
        var otto = await _app.AddPersonAsync(_api, "otto@example.com");
        var sid = await _app.AddPersonAsync(_api, "sid@example.com");
        await AddAsync(_api, "Fay", "facilitator", "fay@example.com");
        await AddAsync(_api, "Sid", "shadowFacilitator", "sid@example.com");
        var fayApi = await _app.ApiClientAsync(fay);
        const string secret = "Sam may feel the rollback is being pinned on them";

        var added = await fayApi.PostAsJsonAsync($"/api/reviews/{_review.Id}/private-notes", new { kind = "mayFeelExposed", text = secret });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains(secret, await fayApi.GetStringAsync($"/api/reviews/{_review.Id}/private-notes"));
        Assert.Contains(secret, await _api.GetStringAsync($"/api/reviews/{_review.Id}/private-notes"));
        Assert.Contains(secret, WebUtility.HtmlDecode(await fay.GetStringAsync($"/reviews/{_review.Id}/facilitation")));
        foreach (var outsider in new[] { otto, sid })
        {
            var api = await _app.ApiClientAsync(outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/reviews/{_review.Id}/private-notes")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/reviews/{_review.Id}/private-notes", new { kind = "revisitLater", text = "x" })).StatusCode);
            var page = WebUtility.HtmlDecode(await outsider.GetStringAsync($"/reviews/{_review.Id}/facilitation"));
            Assert.DoesNotContain(secret, page);
            Assert.DoesNotContain("Private notes", page);
            foreach (var format in new[] { "markdown", "json" })
            {
                Assert.DoesNotContain("pinned on them", await api.GetStringAsync($"/api/reviews/{_review.Id}/export?format={format}"));
            }

            Assert.DoesNotContain("pinned on them", await api.GetStringAsync($"/api/reviews/{_review.Id}/facilitation"));
        }

        foreach (var format in new[] { "markdown", "json" })
        {
            Assert.DoesNotContain("pinned on them", await fayApi.GetStringAsync($"/api/reviews/{_review.Id}/export?format={format}"));
        }

        // Nor can an outsider make themselves a co-facilitator to get in, or take the facilitator off.
        var ottoApi = await _app.ApiClientAsync(otto);
        var selfPromotion = await ottoApi.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name = "Otto", role = "coFacilitator", email = "otto@example.com" });
        Assert.Equal(HttpStatusCode.Forbidden, selfPromotion.StatusCode);
        var facilitator = (await FacilitationAsync()).GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("role").GetString() == "facilitator").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await ottoApi.DeleteAsync($"/api/reviews/{_review.Id}/participants/{facilitator}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ottoApi.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name = "Otto", role = "attendee" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fayApi.PostAsJsonAsync($"/api/reviews/{_review.Id}/participants", new { name = "Otto", role = "coFacilitator", email = "otto@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ottoApi.GetAsync($"/api/reviews/{_review.Id}/private-notes")).StatusCode);
    }

    [Fact]
    public async Task MeetingInvitation_ParsesBack_FacilitatorNoteTakerAndActorsRequired_AndAMoveKeepsItsUid()
    {
        await AddAsync(_api, "Ada", "facilitator", "ada@example.com");
        await AddAsync(_api, "Noor", "noteTaker", "noor@example.com");
        await AddAsync(_api, "Priya", "actor", "priya@example.com");
        await AddAsync(_api, "Curious Cat", "attendee", "cat@example.com");
        var scheduled = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/meeting", new { startsAt = Resolved.AddDays(3), location = "Room Ember" });
        Assert.True(scheduled.IsSuccessStatusCode, await FiresideApp.Describe(scheduled));
        Assert.Contains("within 7 days", await scheduled.Content.ReadAsStringAsync());
        Assert.Contains($">https://fireside.example.com/reviews/{_review.Id}</a>", await _admin.GetStringAsync($"/reviews/{_review.Id}/facilitation"));

        var first = await _api.GetAsync($"/api/reviews/{_review.Id}/meeting.ics");
        var calendar = Calendar.Load(await first.Content.ReadAsStringAsync())!;
        var invitation = Assert.Single(calendar.Events);

        Assert.Equal("text/calendar", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(Resolved.AddDays(3).UtcDateTime, invitation.DtStart!.AsUtc);
        Assert.Equal(Resolved.AddDays(3).AddMinutes(60).UtcDateTime, invitation.DtEnd!.AsUtc);
        Assert.Equal("Room Ember", invitation.Location);
        Assert.Equal("mailto:ada@example.com", invitation.Organizer!.Value!.ToString());
        Assert.Equal("REQ-PARTICIPANT", invitation.Attendees.Single(a => a.CommonName == "Priya").Role);
        Assert.Equal("REQ-PARTICIPANT", invitation.Attendees.Single(a => a.CommonName == "Ada").Role);
        Assert.Equal("REQ-PARTICIPANT", invitation.Attendees.Single(a => a.CommonName == "Noor").Role);
        Assert.Equal("OPT-PARTICIPANT", invitation.Attendees.Single(a => a.CommonName == "Curious Cat").Role);
        Assert.Contains($"https://fireside.example.com/reviews/{_review.Id}", invitation.Description);

        await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/meeting", new { startsAt = Resolved.AddDays(10), durationMinutes = 90 });
        var moved = Assert.Single(Calendar.Load(await _api.GetStringAsync($"/api/reviews/{_review.Id}/meeting.ics"))!.Events);
        Assert.Equal(invitation.Uid, moved.Uid);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(Resolved.AddDays(10).AddMinutes(90).UtcDateTime, moved.DtEnd!.AsUtc);
        Assert.Contains("within 14 days", (await _api.GetStringAsync($"/api/reviews/{_review.Id}/meeting")));
    }

    [Fact]
    public async Task SendingTheInvite_EmailsEveryoneTheIcs_AndPostsToTheWebhook()
    {
        await AddAsync(_api, "Ada", "facilitator", "ada@example.com");
        await AddAsync(_api, "Priya", "actor", "priya@example.com");
        await AddAsync(_api, "Sam", "actor");
        await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/meeting", new { startsAt = Resolved.AddDays(3) });

        var sent = await _api.PostAsync($"/api/reviews/{_review.Id}/invite", null);

        Assert.True(sent.IsSuccessStatusCode, await FiresideApp.Describe(sent));
        var result = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["email", "webhook"], result.GetProperty("sent").EnumerateArray().Select(s => s.GetString()));
        var (recipients, data) = Assert.Single(_smtp.Messages);
        Assert.Equal(["ada@example.com", "priya@example.com"], recipients.Order());
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)));
        Assert.StartsWith("Review: Checkout outage", message.Subject);
        var ics = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", ics.ContentType.Parameters["method"]);
        Assert.Equal(Resolved.AddDays(3).UtcDateTime, Assert.Single(Calendar.Load(ics.Text)!.Events).DtStart!.AsUtc);
        var (contentType, body) = Assert.Single(_webhook.Posts);
        Assert.StartsWith("application/json", contentType);
        Assert.Contains("Checkout outage", JsonDocument.Parse(body).RootElement.GetProperty("text").GetString());
        var readiness = (await FacilitationAsync()).GetProperty("readiness").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("done").GetBoolean());
        Assert.True(readiness["invite"]);
        Assert.True(readiness["meeting"]);
    }

    [Fact]
    public async Task RequestingAFacilitator_ReachesTheVolunteers()
    {
        var fay = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "fay@example.com"));
        await _app.AddPersonAsync(_api, "otto@example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await fay.PutAsJsonAsync("/api/me/volunteer", new { volunteers = true })).StatusCode);

        var asked = await _api.PostAsync($"/api/reviews/{_review.Id}/request-facilitator", null);

        Assert.True(asked.IsSuccessStatusCode, await FiresideApp.Describe(asked));
        var (recipients, _) = Assert.Single(_smtp.Messages);
        Assert.Equal(["fay@example.com"], recipients);
        var facilitators = await _api.GetFromJsonAsync<JsonElement>("/api/facilitators");
        Assert.Contains(facilitators.EnumerateArray(), f => f.GetProperty("email").GetString() == "fay@example.com" && f.GetProperty("volunteers").GetBoolean());
    }

    [Fact]
    public async Task NeedsAttention_FollowsTheClock_AndClearsWhenTheWorkIsDone()
    {
        await AddAsync(_api, "Ada", "facilitator");
        var priya = await AddAsync(_api, "Priya", "actor");
        async Task<List<string>> ReasonsAsync()
        {
            var items = await _api.GetFromJsonAsync<JsonElement>("/api/needs-attention");
            return [.. items.EnumerateArray().Where(i => i.GetProperty("reviewId").GetGuid() == _review.Id)
                .SelectMany(i => i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!))];
        }

        Assert.Equal(["Not interviewed yet: Priya."], await ReasonsAsync());
        _app.Clock!.Advance(TimeSpan.FromHours(45));
        Assert.Contains("Interviews: due by 2026-11-22 11:00 UTC.", await ReasonsAsync());
        _app.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Contains("Interviews: the deadline passed on 2026-11-22 11:00 UTC.", await ReasonsAsync());
        var page = WebUtility.HtmlDecode(await _admin.GetStringAsync("/attention"));
        Assert.Contains("the deadline passed on 2026-11-22 11:00 UTC", page);

        var interview = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/interviews/{priya.Id}", new { interviewedAt = Resolved.AddDays(1), interviewer = "Ada", notes = "Walked through the rollback." });
        Assert.True(interview.IsSuccessStatusCode, await FiresideApp.Describe(interview));
        await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/meeting", new { startsAt = Resolved.AddDays(4) });
        Assert.Empty(await ReasonsAsync());
        var stale = await _api.PutAsJsonAsync($"/api/reviews/{_review.Id}/interviews/{priya.Id}", new { interviewer = "Ada", version = 7 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task QuestionBank_StartsWithPrompts_AndOnlyAdminsChangeIt()
    {
        var otto = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "otto@example.com"));

        var questions = await otto.GetFromJsonAsync<JsonElement>("/api/questions");
        var refused = await otto.PostAsJsonAsync("/api/questions", new { theme = "Tools", text = "Which tool did you reach for first?" });
        var added = await _api.PostAsJsonAsync("/api/questions", new { theme = "Tools", text = "Which tool did you reach for first?" });

        Assert.Equal(QuestionBankDefaults.Questions.Count, questions.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains("Which tool did you reach for first?", await _admin.GetStringAsync("/questions"));
    }

    [Fact]
    public async Task InterviewPage_SavesTheInterview_AndTurnsPartOfItIntoAnAccount()
    {
        var priya = await AddAsync(_api, "Priya", "actor");
        var entry = await (await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = Resolved.AddMinutes(-30), actor = "Priya", text = "Rolled back checkout" }))
            .Content.ReadFromJsonAsync<TimelineEntryDocument>(FiresideApp.Json);
        var path = $"/reviews/{_review.Id}/interviews/{priya.Id}";

        var saved = await FiresideApp.PostFormAsync(_admin, path, "interview", new()
        {
            ["Form.InterviewedAt"] = "2026-11-21T09:00", ["Form.Interviewer"] = "Ada", ["Form.ActorTimeline"] = "10:30 saw the cart graph climb",
            ["Form.Notes"] = "Priya walked through the rollback.", ["Form.Questions"] = "Who else watched the cart graph?",
        });
        var stale = await FiresideApp.PostFormAsync(_admin, path, "interview", new() { ["Form.Interviewer"] = "Ada", ["Form.Notes"] = "An older draft", ["Form.Version"] = "0" });
        var page = await _admin.GetStringAsync(path);
        var account = await _admin.PostAsync($"/reviews/{_review.Id}/facilitation/interviews/{priya.Id}/account", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            ["entryId"] = entry!.Id.ToString(),
            ["saw"] = "The cart graph climbing after the deploy",
        }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Someone else saved this interview", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Contains("An older draft", await stale.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"question-bank\"", page);
        Assert.Contains("Priya walked through the rollback.", page);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        var timeline = await _api.GetFromJsonAsync<List<TimelineEntryDocument>>($"/api/reviews/{_review.Id}/timeline", FiresideApp.Json);
        var added = Assert.Single(Assert.Single(timeline!).Accounts);
        Assert.Equal("Priya", added.Author);
        Assert.Equal("The cart graph climbing after the deploy", added.Saw);
        var readiness = (await FacilitationAsync()).GetProperty("readiness").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "interviews");
        Assert.True(readiness.GetProperty("done").GetBoolean());
    }

    [Fact]
    public void MistypedSettings_StopTheAppAtStart_NamingTheSetting()
    {
        using var app = new FiresideApp();
        app.Settings["Facilitation:CountFrom"] = "Yesterday";

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Facilitation:CountFrom is Resolved or Started.", failure.ToString());
    }

    [Fact]
    public void OurOwnFacilitationWords_PassTheCoach()
    {
        var coach = new LanguageCoach();
        var review = new Review { Title = "x", ResolvedAt = Resolved.UtcDateTime, TeamsInvolved = ["Payments"] };
        var everyone = new FacilitationFacts
        {
            Review = review,
            Participants = [new Participant { Name = "Sam", Role = ParticipantRole.Facilitator, Team = "Payments" }, new Participant { Name = "Sam", Role = ParticipantRole.Actor }, new Participant { Name = "Sam", Role = ParticipantRole.NoteTaker }],
            ChatAuthors = ["Sam"],
        };
        var texts = FacilitationRules.Guardrails(everyone, new()).Select(g => g.Message)
            .Concat(FacilitationRules.Guardrails(new FacilitationFacts { Review = review }, new()).Select(g => g.Message))
            .Concat(FacilitationRules.Readiness(everyone).Select(r => r.Hint))
            .Concat(new[] { 0, 10, 20 }.Select(d => FacilitationRules.MeetingFit(review, review.ResolvedAt!.Value.AddDays(d), new())))
            .Concat(QuestionBankDefaults.Questions.Select(q => q.Text))
            .Concat(Fireside.Web.Features.Room.RoomPage.Reminder)
            .Concat(Fireside.Core.Meetings.Survey.Statements)
            .Concat([Fireside.Core.Meetings.Survey.SuggestionQuestion, Fireside.Core.Meetings.Survey.FactorsNote(1)!])
            .Concat(Fireside.Core.Meetings.Agendas.Default.Select(a => a.Name))
            .Concat([Fireside.Core.Meetings.Pacing.For([Resolved.UtcDateTime, Resolved.UtcDateTime.AddMinutes(5)], null, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40)).Warning!]);

        var findings = texts.SelectMany(t => coach.Check(t, TextKind.Plain).Select(f => $"{t} → {f.Rule}: {f.Text}")).ToList();

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
