using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Fireside.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>Restoring an archive is as strict as typing it in, damaged archives never crash or half-restore, and a deleted review can come back from its file.</summary>
public sealed class ArchiveRestoreTests : IAsyncLifetime
{
    private static readonly DateTime Ten = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private DatabaseTarget _target = default!;
    private DatabaseTarget _other = default!;
    private Guid _reviewId;
    private string _json = "";

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(DatabaseProvider.Sqlite);
        _other = await DatabaseTarget.CreateAsync(DatabaseProvider.Sqlite);
        var review = await _target.Reviews(Ten).CreateAsync(new ReviewInput { Title = "Cart outage", Summary = "Checkout slowed down" }, default);
        _reviewId = review.Id;
        var entry = await _target.Reviews(Ten).AddEntryAsync(review.Id, new TimelineEntryInput { OccurredAt = new DateTimeOffset(Ten.AddDays(-7)), Actor = "Priya", Text = "Deployed", Link = "https://ci.example.com/1" }, default);
        await _target.Reviews(Ten).AddAccountAsync(review.Id, entry.Id, new AccountInput { Author = "Priya", Saw = "Green checks", WhySensible = "The canary passed" }, default);
        await _target.Reviews(Ten).AddUploadAsync(review.Id, entry.Id, "graph.gif", Gif, "Error rate", default);
        await _target.Reviews(Ten).AddLinkedImageAsync(review.Id, entry.Id, "https://grafana.example.com/d/1.png", "Latency", default);
        var actor = await _target.Facilitation(Ten).AddParticipantAsync(review.Id, new ParticipantInput { Name = "Priya", Email = "priya@example.com", Role = ParticipantRole.Actor }, default);
        await _target.Facilitation(Ten).SaveInterviewAsync(review.Id, actor.Id, new InterviewInput { Interviewer = "Ada", Notes = "Walked through the deploy" }, default);
        await _target.Facilitation(Ten).ScheduleAsync(review.Id, new MeetingInput { StartsAt = new DateTimeOffset(Ten.AddDays(2)) }, default);
        _json = ReviewArchives.ToJson(await _target.Reviews().ExportAsync(review.Id, default));
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _other.DisposeAsync();
    }

    private async Task<Review> RestoreAsync(DatabaseTarget into, string json, CurrentUser? user = null) =>
        await into.Reviews(Ten, user).ImportAsync(await ReviewArchives.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "review.json", default), default);

    private string Edit(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(_json)!;
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public async Task Archive_WithAScriptLink_AForeignInterview_OrADisguisedImage_IsRefused_AndNothingIsRestored()
    {
        var scriptLink = Edit(n => n["review"]!["timeline"]![0]!["link"] = "javascript:alert(document.cookie)");
        var foreignInterview = Edit(n => n["interviews"]![0]!["participantId"] = Guid.NewGuid().ToString());
        var svg = Edit(n => n["images"]![0]!["base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg onload=alert(1)>")));
        var garbage = Edit(n => n["images"]![0]!["base64"] = "%%% not base64 %%%");
        var trackerLink = Edit(n => n["review"]!["attachments"]![1]!["url"] = "data:text/html,<script>alert(1)</script>");

        var errors = new List<string>();
        foreach (var json in new[] { scriptLink, foreignInterview, svg, garbage, trackerLink })
        {
            var refused = await Assert.ThrowsAsync<DomainValidationException>(() => RestoreAsync(_other, json));
            errors.Add(refused.Errors.Messages());
        }

        Assert.Contains("timeline[0]", string.Join("\n", (await Assert.ThrowsAsync<DomainValidationException>(() => RestoreAsync(_other, scriptLink))).Errors.ToDictionary().Keys));
        Assert.Contains(errors, e => e.Contains("one of the review's actors", StringComparison.Ordinal));
        Assert.Empty(await _other.NewContext().Reviews.IgnoreQueryFilters().ToListAsync());
        Assert.Empty(await _other.NewContext().TimelineEntries.ToListAsync());
    }

    [Fact]
    public async Task DeletedReview_ComesBackFromItsArchive_KeepingItsPrivateNotes_ButOnlyForThoseWhoMayRestoreIt()
    {
        await _target.Facilitation(Ten).AddPrivateNoteAsync(_reviewId, FacilitatorNoteKind.HandleWithCare, "A long night for Priya", default);
        await _target.Reviews(Ten).AddEntryAsync(_reviewId, new TimelineEntryInput { OccurredAt = new DateTimeOffset(Ten.AddDays(-6)), Actor = "Sam", Text = "Added after the export" }, default);
        await _target.Reviews(Ten).DeleteAsync(_reviewId, default);
        var member = CurrentUser.Person("someone", "Mo", isAdmin: false);

        await Assert.ThrowsAsync<ForbiddenException>(() => RestoreAsync(_target, _json, member));
        var restored = await RestoreAsync(_target, _json);

        Assert.Null(restored.DeletedAt);
        var timeline = await _target.NewContext().TimelineEntries.Where(e => e.ReviewId == _reviewId).Select(e => e.Text).ToListAsync();
        Assert.Equal(["Deployed"], timeline);
        Assert.Single(await _target.NewContext().FacilitatorNotes.Where(n => n.ReviewId == _reviewId).ToListAsync());
        await Assert.ThrowsAsync<ConflictException>(() => RestoreAsync(_target, _json));
    }

    [Fact]
    public void DamagedArchive_OnlyEverGivesAClearMessage_AndNeverHalfRestores()
    {
        var original = Encoding.UTF8.GetBytes(_json);
        Fuzz.Damaged(original).Sample(bytes =>
        {
            var before = Count();
            try
            {
                var archive = ReviewArchives.ParseAsync(new MemoryStream(bytes), "review.json", default).GetAwaiter().GetResult();
                var restored = _other.Reviews(Ten).ImportAsync(archive, default).GetAwaiter().GetResult();
                // It went in whole: clear it out for the next case.
                _other.NewContext().Reviews.IgnoreQueryFilters().Where(r => r.Id == restored.Id).ExecuteDelete();
            }
            catch (Exception e) when (e is DomainValidationException or ConflictException)
            {
                Assert.Equal(before, Count());
            }
        }, seed: Fuzz.Seed, iter: Math.Max(200, Fuzz.Cases / 4), threads: 1, print: b => Encoding.UTF8.GetString(b));

        (int, int, int) Count()
        {
            using var db = _other.NewContext();
            return (db.Reviews.IgnoreQueryFilters().Count(), db.TimelineEntries.Count(), db.Attachments.Count());
        }
    }
}
