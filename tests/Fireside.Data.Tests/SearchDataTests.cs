using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>The library's search on each database's own full-text engine: the same answers from SQLite FTS5 and PostgreSQL.</summary>
public abstract class SearchDataTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private DatabaseTarget _target = default!;

    public async Task InitializeAsync() => _target = await DatabaseTarget.CreateAsync(provider);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private SearchOperations Search(CurrentUser? user = null)
    {
        var db = _target.NewContext();
        user ??= CurrentUser.Operator();
        return new SearchOperations(db, new Permissions(db, user), _target.Severities);
    }

    private Task<SearchResults> FindAsync(string q, string? service = null, string? sort = null) =>
        Search().SearchAsync(new SearchRequest { Q = q, Service = service, Sort = sort }, default);

    private async Task<Review> ReviewAsync(string title, string summary = "", string[]? services = null, string[]? timeline = null, DateTimeOffset? started = null)
    {
        var review = await _target.Reviews(Now).CreateAsync(new ReviewInput
        {
            Title = title,
            IncidentStartedAt = started ?? Start,
            Severity = "sev2",
            Services = [.. services ?? ["checkout"]],
            Summary = summary,
        }, default);
        foreach (var text in timeline ?? [])
        {
            await _target.Reviews(Now).AddEntryAsync(review.Id, new TimelineEntryInput { OccurredAt = started ?? Start, Actor = "Priya", Text = text }, default);
        }

        return review;
    }

    private async Task AddTakeawayAsync(Guid reviewId, string believeNow)
    {
        await using var db = _target.NewContext();
        db.Takeaways.Add(new Takeaway { ReviewId = reviewId, SurprisedBy = "", BelievedBefore = "", BelieveNow = believeNow, CreatedAt = Now });
        await db.SaveChangesAsync();
    }

    private static IEnumerable<string> Titles(SearchResults results) => results.Results.Select(r => r.Title);

    [Fact]
    public async Task Stemming_FindsOtherFormsOfAWord()
    {
        await ReviewAsync("Queue backlog", timeline: ["The failover to the replica took nine minutes"]);

        var results = await FindAsync("failovers");

        Assert.Equal(["Queue backlog"], Titles(results));
        Assert.Contains("timeline", results.Results[0].MatchedIn);
    }

    [Fact]
    public async Task Phrase_MatchesOnlyWordsInThatOrder()
    {
        await ReviewAsync("Exact", timeline: ["We started the database failover by hand"]);
        await ReviewAsync("Scattered", timeline: ["The failover left the database read-only"]);

        var phrase = await FindAsync("\"database failover\"");
        var words = await FindAsync("database failover");

        Assert.Equal(["Exact"], Titles(phrase));
        Assert.Equal(["Exact", "Scattered"], Titles(words).Order());
    }

    [Fact]
    public async Task Or_FindsEitherWord_AndMinusLeavesOneOut()
    {
        await ReviewAsync("Kafka lag", summary: "Consumers fell behind on kafka during the outage.");
        await ReviewAsync("Rabbit queue", summary: "The rabbitmq queue filled up during the outage.");
        await ReviewAsync("DNS outage", summary: "Resolvers returned stale dns answers during the outage.");

        Assert.Equal(["Kafka lag", "Rabbit queue"], Titles(await FindAsync("kafka OR rabbitmq")).Order());
        Assert.Equal(["Kafka lag", "Rabbit queue"], Titles(await FindAsync("outage -dns")).Order());
        Assert.Equal(["Kafka lag"], Titles(await FindAsync("outage kafka OR zookeeper")));
    }

    [Fact]
    public async Task CaseAndAccents_AreFoldedInEveryScript()
    {
        await ReviewAsync("Zählerstände fehlten", summary: "Die Zählerstände kamen zu spät an.");
        await ReviewAsync("ΣΤΡΑΤΗΓΙΚΗ ΑΝΑΠΤΥΞΗΣ", summary: "Η ΒΑΣΗ ΔΕΔΟΜΕΝΩΝ ΣΤΑΜΑΤΗΣΕ.");
        await ReviewAsync("Пожар в дата-центре", summary: "Сервер остановился ночью.");

        Assert.Equal(["Zählerstände fehlten"], Titles(await FindAsync("zählerstände")));
        Assert.Equal(["Zählerstände fehlten"], Titles(await FindAsync("ZAHLERSTANDE")));
        Assert.Equal(["ΣΤΡΑΤΗΓΙΚΗ ΑΝΑΠΤΥΞΗΣ"], Titles(await FindAsync("στρατηγικη")));
        Assert.Equal(["Пожар в дата-центре"], Titles(await FindAsync("СЕРВЕР")));
    }

    [Fact]
    public async Task Ranking_PutsATakeawayAboveATimelineMention()
    {
        var mention = await ReviewAsync("Deploy on Friday", timeline: ["Someone mentioned the certificate in passing", "Rolled back", "Paged the team", "Restarted the pods"]);
        var learned = await ReviewAsync("Checkout errors", timeline: ["Errors rose", "Rolled back", "Paged the team", "Restarted the pods"]);
        await AddTakeawayAsync(learned.Id, "Certificate renewals need an owner on every team.");

        var results = await FindAsync("certificate");

        Assert.Equal([learned.Id, mention.Id], results.Results.Select(r => r.ReviewId));
        Assert.Contains("takeaways", results.Results[0].MatchedIn);
    }

    [Theory]
    [InlineData("NEAR(checkout")]
    [InlineData("*")]
    [InlineData("title:checkout")]
    [InlineData("checkout'; DROP TABLE \"Reviews\"; --")]
    [InlineData("\"checkout outage")]
    [InlineData("checkout AND OR NOT")]
    [InlineData("\"")]
    [InlineData("-")]
    [InlineData("--checkout")]
    [InlineData("checkout:* ^ {col} : NEAR(a b, 2)")]
    [InlineData("!!checkout & | <-> :*")]
    [InlineData("\\x00 \u0002checkout\u0003")]
    public async Task HostileQueries_GetResultsOrAClearMessage(string q)
    {
        await ReviewAsync("Checkout outage", summary: "The checkout service failed.");

        try
        {
            var results = await FindAsync(q);
            Assert.All(results.Results, r => Assert.Equal("Checkout outage", r.Title));
        }
        catch (DomainValidationException e)
        {
            Assert.True(e.Errors.Has("q"), e.Message);
        }

        // The database is untouched.
        Assert.Equal(["Checkout outage"], Titles(await FindAsync("checkout")));
    }

    [Fact]
    public async Task AVeryLongQuery_GetsAClearMessage()
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => FindAsync(string.Concat(Enumerable.Repeat("checkout ", 340))));

        Assert.Contains("under 500", error.Errors.For("q").Single());
    }

    [Fact]
    public async Task Index_StaysInStep_OnEditDeleteAndRestore()
    {
        var review = await ReviewAsync("Checkout outage");
        await _target.Reviews(Now).UpdateAsync(review.Id, ReviewInput.From(review) with { Title = "Payment gateway timeouts" }, default);

        Assert.Empty(Titles(await FindAsync("checkout outage")));
        Assert.Equal(["Payment gateway timeouts"], Titles(await FindAsync("gateway")));

        await _target.Reviews(Now).DeleteAsync(review.Id, default);
        Assert.Empty(Titles(await FindAsync("gateway")));

        await _target.Reviews(Now).RestoreAsync(review.Id, default);
        Assert.Equal(["Payment gateway timeouts"], Titles(await FindAsync("gateway")));
    }

    [Fact]
    public async Task Index_StaysInStep_WithTimelineAndAccounts()
    {
        var review = await ReviewAsync("Checkout outage");
        var entry = await _target.Reviews(Now).AddEntryAsync(review.Id, new TimelineEntryInput { OccurredAt = Start, Actor = "Sam", Text = "Flipped the kill switch" }, default);
        var account = await _target.Reviews(Now).AddAccountAsync(review.Id, entry.Id, new AccountInput { Author = "Sam", Saw = "A wall of red on the grafana board", WhySensible = "It had worked before" }, default);

        Assert.Equal(["Checkout outage"], Titles(await FindAsync("grafana")));
        Assert.Contains("accounts", (await FindAsync("grafana")).Results[0].MatchedIn);

        await _target.Reviews(Now).DeleteAccountAsync(review.Id, account.Id, default);
        Assert.Empty(Titles(await FindAsync("grafana")));

        await _target.Reviews(Now).DeleteEntryAsync(review.Id, entry.Id, default);
        Assert.Empty(Titles(await FindAsync("switch")));
    }

    [Fact]
    public async Task Index_StaysInStep_WithAnImport()
    {
        var review = await ReviewAsync("Checkout outage");

        await _target.Reviews(Now).ImportTimelineAsync(review.Id, () =>
        [
            new Fireside.Importers.ImportedEntry(Start.UtcDateTime, "lee", ActorKind.Person, TimelineEntryKind.Communication, "is the haproxy config reloaded?", null, "slack", "1"),
            new Fireside.Importers.ImportedEntry(Start.UtcDateTime.AddMinutes(1), "sam", ActorKind.Person, TimelineEntryKind.Communication, "reloading now", null, "slack", "2"),
        ], null, null, Fireside.Importers.ImportLimits.Default, default);

        Assert.Equal(["Checkout outage"], Titles(await FindAsync("haproxy")));
    }

    [Fact]
    public async Task ManyArchives_ComeInTogether_InStepWithTheIndex_AndABadFileLeavesNothingBehind()
    {
        var kafka = await ReviewAsync("Kafka lag", timeline: ["Consumers fell behind on kafka"]);
        var rabbit = await ReviewAsync("Rabbit queue", timeline: ["The rabbitmq queue filled up"]);
        var kafkaJson = ReviewArchives.ToJson(await _target.Reviews().ExportAsync(kafka.Id, default));
        var rabbitJson = ReviewArchives.ToJson(await _target.Reviews().ExportAsync(rabbit.Id, default));
        // The rabbit review again, but its entry reuses the kafka entry's id: the database refuses it mid-save.
        var clash = System.Text.Json.Nodes.JsonNode.Parse(rabbitJson)!;
        clash["review"]!["timeline"]![0]!["id"] = System.Text.Json.Nodes.JsonNode.Parse(kafkaJson)!["review"]!["timeline"]![0]!["id"]!.GetValue<string>();
        await using var into = await DatabaseTarget.CreateAsync(provider);
        static ArchiveFile File(string name, string json) => new(name, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        var outcomes = new List<ArchiveOutcome>();
        await foreach (var outcome in into.Reviews(Now).ImportManyAsync([File("kafka.json", kafkaJson), File("clash.json", clash.ToJsonString()), File("cut.json", rabbitJson[..40]), File("rabbit.json", rabbitJson)], default))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(["kafka.json", "rabbit.json"], outcomes.Where(o => o.Review is not null).Select(o => o.Name));
        Assert.Contains("could not be restored", outcomes[1].Problem, StringComparison.Ordinal);
        Assert.Contains("cut.json is not a Fireside review export", outcomes[2].Problem, StringComparison.Ordinal);
        Assert.True(outcomes[2].BadInput);
        await using var db = into.NewContext();
        Assert.Equal(2, await db.TimelineEntries.CountAsync());
        var search = new SearchOperations(db, new Permissions(db, CurrentUser.Operator()), into.Severities);
        Assert.Equal(["Kafka lag"], Titles(await search.SearchAsync(new SearchRequest { Q = "kafka" }, default)));
        Assert.Equal(["Rabbit queue"], Titles(await search.SearchAsync(new SearchRequest { Q = "rabbitmq" }, default)));
    }

    [Fact]
    public async Task PrivateNotesAndSurveyAnswers_AreNeverSearched()
    {
        var review = await ReviewAsync("Checkout outage");
        await using (var db = _target.NewContext())
        {
            db.FacilitatorNotes.Add(new FacilitatorNote { ReviewId = review.Id, Kind = FacilitatorNoteKind.MayFeelExposed, Text = "Sam seemed shaken, zebrafish", CreatedAt = Now });
            db.SurveyResponses.Add(new SurveyResponse { ReviewId = review.Id, UserId = "u1", Suggestion = "More zebrafish in the room", AnsweredAt = Now });
            await db.SaveChangesAsync();
        }

        Assert.Empty(Titles(await FindAsync("zebrafish")));
        await Search().ReindexAsync(default);
        Assert.Empty(Titles(await FindAsync("zebrafish")));
    }

    [Fact]
    public async Task RoomNotes_AreSearched()
    {
        var review = await ReviewAsync("Checkout outage");
        await using (var db = _target.NewContext())
        {
            db.MeetingNotes.Add(new MeetingNote { ReviewId = review.Id, Key = "general", Text = "We agreed the runbook for memcached is stale", UpdatedAt = Now });
            await db.SaveChangesAsync();
        }

        var results = await FindAsync("memcached");

        Assert.Equal(["Checkout outage"], Titles(results));
        Assert.Equal(["notes"], results.Results[0].MatchedIn);
    }

    [Fact]
    public async Task Places_AreThePartsThatHoldTheWholeQuery_EachOnItsOwn()
    {
        await ReviewAsync("Failover drill", summary: "The replica lagged behind", timeline: ["The failover replica was promoted"]);

        var phrase = await FindAsync("\"failover replica\"");
        var word = await FindAsync("replica");

        // The phrase is only in the timeline; its words apart are in the title and the summary too.
        Assert.Equal(["timeline"], phrase.Results.Single().MatchedIn);
        Assert.Equal(["summary", "timeline"], word.Results.Single().MatchedIn);
    }

    [Fact]
    public async Task SearchRows_FollowTheReview_WhenItsSeverityOrDateChange()
    {
        var review = await ReviewAsync("Checkout outage", summary: "latency");
        await _target.Reviews(Now).UpdateAsync(review.Id, ReviewInput.From(review) with { Severity = "sev1", IncidentStartedAt = Start.AddYears(-2) }, default);

        var bySeverity = await Search().SearchAsync(new SearchRequest { Q = "latency", Severity = "sev1" }, default);
        var oldSeverity = await Search().SearchAsync(new SearchRequest { Q = "latency", Severity = "sev2" }, default);
        var byDays = await Search().SearchAsync(new SearchRequest { Q = "latency", From = DateOnly.FromDateTime(Start.AddYears(-2).UtcDateTime), To = DateOnly.FromDateTime(Start.AddYears(-2).UtcDateTime) }, default);

        Assert.Equal(["Checkout outage"], Titles(bySeverity));
        Assert.Empty(oldSeverity.Results);
        Assert.Equal(["Checkout outage"], Titles(byDays));
        Assert.Equal([Start.AddYears(-2).Year.ToString(System.Globalization.CultureInfo.InvariantCulture)], bySeverity.Facets.Years.Keys);
    }

    [Fact]
    public async Task LabelFilters_MatchWholeLabelsOfTheirOwnKind()
    {
        await ReviewAsync("Checkout outage", summary: "latency", services: ["payments", "checkout-api"]);

        Assert.Empty(Titles(await FindAsync("latency", service: "pay")));
        Assert.Empty(Titles(await FindAsync("latency", service: "checkout")));
        Assert.Equal(["Checkout outage"], Titles(await FindAsync("latency", service: " checkout-api ")));
        Assert.Empty((await Search().SearchAsync(new SearchRequest { Q = "latency", Tag = "payments" }, default)).Results);
        Assert.Equal(["Checkout outage"], Titles(await Search().SearchAsync(new SearchRequest { Service = "payments" }, default)));
    }

    [Theory]
    [InlineData("it's \"quoted\"")]
    [InlineData("back\\slash & | ! <-> :*")]
    [InlineData("Zählerstände")]
    [InlineData("---")]
    [InlineData("NEAR(checkout) OR *")]
    public async Task LabelFilters_NarrowInsideTheIndex_ExactlyWhateverTheValue(string service)
    {
        // The index narrows by the label (FTS5: a phrase in its labels column; PostgreSQL: a lexeme of its own), then
        // each label is checked exactly: a value the engine would read as syntax, or stem, or drop, still finds only its reviews.
        await ReviewAsync("Labelled", summary: "latency", services: [service]);
        await ReviewAsync("Near miss", summary: "latency", services: [service + " 2", "checkout"]);
        await ReviewAsync("Unlabelled", summary: "latency", services: ["checkout"]);

        Assert.Equal(["Labelled"], Titles(await FindAsync("latency", service: service)));
        Assert.Equal(["Labelled"], Titles(await FindAsync("latency", service: service, sort: "date")));
        Assert.Equal(["Labelled"], Titles(await Search().SearchAsync(new SearchRequest { Service = service }, default)));
        Assert.Equal(2, (await FindAsync("latency", service: "checkout")).Total);
    }

    [Fact]
    public async Task Labels_AreNeverSearchedForWords()
    {
        await ReviewAsync("Queue backlog", summary: "latency", services: ["payments"]);

        Assert.Empty((await FindAsync("payments")).Results);
        Assert.Empty((await FindAsync("service")).Results);
        Assert.Equal(["Queue backlog"], Titles(await FindAsync("latency -payments")));
        Assert.Equal(["Queue backlog"], Titles(await FindAsync("latency", service: "payments")));
    }

    [Fact]
    public async Task Facets_CountTheMatches_AndFiltersNarrowThem()
    {
        await ReviewAsync("Checkout outage", summary: "latency", services: ["checkout", "payments"]);
        await ReviewAsync("Payments slow", summary: "latency", services: ["payments"], started: Start.AddYears(-1));
        await ReviewAsync("Search down", summary: "nothing alike", services: ["search"]);

        var all = await FindAsync("latency");
        var narrowed = await FindAsync("latency", service: "checkout");

        Assert.Equal(2, all.Total);
        Assert.Equal(2, all.Facets.Services["payments"]);
        Assert.Equal(1, all.Facets.Services["checkout"]);
        Assert.False(all.Facets.Services.ContainsKey("search"));
        Assert.Equal(1, all.Facets.Years["2025"]);
        Assert.Equal(2, all.Facets.Statuses["draft"]);
        Assert.Equal(["Checkout outage"], Titles(narrowed));
        Assert.Equal(["Checkout outage", "Payments slow"], Titles(await FindAsync("latency", sort: "date")));
    }

    [Fact]
    public async Task Snippets_MarkTheMatches_AndStayPlainText()
    {
        await ReviewAsync("Checkout outage", summary: "Someone pasted <script>alert(1)</script> next to the failover notes.");

        var snippet = (await FindAsync("failover")).Results.Single().Snippet;

        // The text is plain (PostgreSQL leaves tags out of headlines, SQLite keeps them as text); pages encode it.
        Assert.DoesNotContain(SearchIndex.MarkStart, snippet.Text);
        Assert.DoesNotContain(SearchIndex.MarkEnd, snippet.Text);
        var marked = Assert.Single(snippet.Highlights);
        Assert.Equal("failover", snippet.Text.Substring(marked.Start, marked.Length), ignoreCase: true);
    }

    [Fact]
    public async Task BadFilters_GetClearMessages_AndAPagePastTheEndIsEmpty()
    {
        await ReviewAsync("Checkout outage");

        var status = await Assert.ThrowsAsync<DomainValidationException>(() => Search().SearchAsync(new SearchRequest { Q = "checkout", Status = "finished" }, default));
        var dates = await Assert.ThrowsAsync<DomainValidationException>(() => Search().SearchAsync(new SearchRequest { Q = "checkout", From = new DateOnly(2026, 5, 1), To = new DateOnly(2026, 4, 1) }, default));
        var past = await Search().SearchAsync(new SearchRequest { Q = "checkout", Page = 9 }, default);
        var unknown = await FindAsync("checkout", service: "no-such-service");

        Assert.Contains("finished", status.Errors.For("status").Single());
        Assert.True(dates.Errors.Has("to"));
        Assert.Equal(1, past.Total);
        Assert.Empty(past.Results);
        Assert.Equal(0, unknown.Total);
    }

    [Fact]
    public async Task Reindex_RebuildsTheIndexFromTheReviews()
    {
        await ReviewAsync("Checkout outage", timeline: ["The failover stalled"]);
        await using (var db = _target.NewContext())
        {
            // The index is lost: the documents and the narrow rows searches read.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchDocuments\"");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchEntries\"");
        }

        Assert.Empty(Titles(await FindAsync("failover")));
        Assert.Equal(1, await Search().ReindexAsync(default));
        Assert.Equal(["Checkout outage"], Titles(await FindAsync("failover")));
    }

    private ThemeOperations Themes(CurrentUser? user = null)
    {
        var db = _target.NewContext();
        user ??= CurrentUser.Operator();
        return new ThemeOperations(db, TimeProvider.System, new Permissions(db, user));
    }

    private async Task<Guid> AddFactorAsync(Guid reviewId, string text)
    {
        await using var db = _target.NewContext();
        var factor = new ContributingFactor { ReviewId = reviewId, Text = text, CreatedAt = Now };
        db.ContributingFactors.Add(factor);
        await db.SaveChangesAsync();
        return factor.Id;
    }

    [Fact]
    public async Task Themes_StartWithTheDefaultList_AndFactorsFiledUnderThemAreFacets()
    {
        var review = await ReviewAsync("Checkout outage", summary: "latency");
        await ReviewAsync("Search down", summary: "latency");
        var factor = await AddFactorAsync(review.Id, "The queue had no limit");

        Assert.Equal(ThemeDefaults.Themes.Select(t => t.Name), (await Themes().ListAsync(default)).Select(t => t.Name));
        Assert.Equal(["Capacity and load", "Tooling and automation"], await Themes().SetFactorThemesAsync(review.Id, factor, ["TOOLING and automation", "capacity and load"], default));

        var all = await FindAsync("latency");
        var narrowed = await Search().SearchAsync(new SearchRequest { Q = "latency", Theme = "Capacity and load" }, default);

        Assert.Equal(1, all.Facets.Themes["Capacity and load"]);
        Assert.Equal(["Checkout outage"], Titles(narrowed));
    }

    [Fact]
    public async Task Themes_RenamedOrRemoved_AreFollowedBySearch()
    {
        var review = await ReviewAsync("Checkout outage", summary: "latency");
        var factor = await AddFactorAsync(review.Id, "The queue had no limit");
        var capacity = (await Themes().ListAsync(default)).Single(t => t.Name == "Capacity and load");
        await Themes().SetFactorThemesAsync(review.Id, factor, ["Capacity and load"], default);

        await Themes().UpdateAsync(capacity.Id, new ThemeInput("Capacity", "Limits and load"), default);
        Assert.Equal(1, (await FindAsync("latency")).Facets.Themes["Capacity"]);

        await Themes().DeleteAsync(capacity.Id, default);
        Assert.Empty((await FindAsync("latency")).Facets.Themes);
        Assert.Equal(1, await _target.NewContext().ContributingFactors.CountAsync());
    }

    [Fact]
    public async Task Themes_RefuseUnknownNamesDuplicatesAndMembers()
    {
        var review = await ReviewAsync("Checkout outage");
        var factor = await AddFactorAsync(review.Id, "The queue had no limit");
        var member = CurrentUser.Person("member-1", "Mo", isAdmin: false);

        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() => Themes().SetFactorThemesAsync(review.Id, factor, ["Bad luck"], default));
        var duplicate = await Assert.ThrowsAsync<DomainValidationException>(() => Themes().AddAsync(new ThemeInput("dependencies", ""), default));
        await Assert.ThrowsAsync<ForbiddenException>(() => Themes(member).AddAsync(new ThemeInput("Weather", ""), default));
        await Assert.ThrowsAsync<ForbiddenException>(() => Themes(member).SetFactorThemesAsync(review.Id, factor, ["Dependencies"], default));

        Assert.Contains("no theme called \"Bad luck\"", unknown.Errors.For("themes").Single());
        Assert.Contains("already a theme called", duplicate.Errors.For("name").Single());
    }

    [Fact]
    public async Task LibraryHome_AndBrowsingByAFilter_WorkOnThisDatabase()
    {
        var today = DateTime.UtcNow;
        var recent = await ReviewAsync("Pool exhausted", services: ["payments"], started: new DateTimeOffset(today.AddDays(-3)));
        await ReviewAsync("Certificate expired", services: ["edge"], started: new DateTimeOffset(today.AddYears(-2)));
        await AddTakeawayAsync(recent.Id, "Pools need an alarm");
        var factor = await AddFactorAsync(recent.Id, "No alarm on the pool");
        await Themes().SetFactorThemesAsync(recent.Id, factor, ["Alerting and signals"], default);
        await _target.Reviews(today).PublishAsync(recent.Id, openFindings: 0, new Dictionary<string, string?> { ["meeting"] = "We met in the channel.", ["factors"] = "One is enough here." }, default);

        var db = _target.NewContext();
        var home = await new LibraryOperations(db, TimeProvider.System, new Permissions(db, CurrentUser.Operator())).HomeAsync(DateOnly.FromDateTime(today), default);
        var browse = await Search().SearchAsync(new SearchRequest { Theme = "Alerting and signals" }, default);

        Assert.Equal(["Pool exhausted"], home.RecentlyPublished.Select(r => r.Title));
        Assert.Equal(["Certificate expired"], home.OnThisDay.Select(r => r.Title));
        Assert.Equal([KeyValuePair.Create("Alerting and signals", 1)], home.RecentThemes);
        Assert.Equal([KeyValuePair.Create("payments", 1)], home.RecentServices);
        Assert.Equal(["Pools need an alarm"], home.RecentTakeaways.Select(t => t.BelieveNow));
        Assert.Equal(["Pool exhausted"], Titles(browse));
        Assert.NotNull(browse.Results[0].PublishedAt);
    }

    [Fact]
    public async Task Related_ByThemesServicesAndWords_LeavesOutDeletedAndUnrelatedReviews()
    {
        var mine = await ReviewAsync("Pool exhausted", services: ["checkout"]);
        var sameTheme = await ReviewAsync("Queue backed up", services: ["orders"]);
        var sameService = await ReviewAsync("Checkout slow", services: ["checkout"]);
        var sameWords = await ReviewAsync("Database stalls", services: ["reports"], timeline: ["Every connection in the pool was busy, so the database refused more"]);
        await ReviewAsync("Office wifi", services: ["it"], timeline: ["The access point rebooted"]);
        var deleted = await ReviewAsync("Old capacity review", services: ["checkout"]);
        await Themes().SetFactorThemesAsync(mine.Id, await AddFactorAsync(mine.Id, "The connection pool had no headroom"), ["Capacity and load"], default);
        await Themes().SetFactorThemesAsync(sameTheme.Id, await AddFactorAsync(sameTheme.Id, "Consumers were slow"), ["Capacity and load"], default);
        await Themes().SetFactorThemesAsync(deleted.Id, await AddFactorAsync(deleted.Id, "Nobody watched the connection pool"), ["Capacity and load"], default);
        await _target.Reviews(Now).DeleteAsync(deleted.Id, default);

        var db = _target.NewContext();
        var related = await new LibraryOperations(db, TimeProvider.System, new Permissions(db, CurrentUser.Operator())).RelatedAsync(mine.Id, default);

        Assert.Equal(new[] { sameTheme.Id, sameWords.Id, sameService.Id }.Order(), related.Select(r => r.Id).Order());
        Assert.Equal("Shares the theme Capacity and load.", related.Single(r => r.Id == sameTheme.Id).Why);
        Assert.Equal("Shares the service checkout.", related.Single(r => r.Id == sameService.Id).Why);
        Assert.Equal("Its story has words from this review's factors and takeaways.", related.Single(r => r.Id == sameWords.Id).Why);
    }

    [Fact]
    public async Task Related_WhenEveryLabelIsCommon_StillFindsReviewsSharingThem()
    {
        var mine = await ReviewAsync("Pool exhausted", services: ["checkout"]);
        var others = new List<Guid>();
        for (var k = 0; k < 4; k++)
        {
            others.Add((await ReviewAsync($"Checkout trouble {k}", services: ["checkout"])).Id);
        }

        await ReviewAsync("Office wifi", services: ["it"]);

        var db = _target.NewContext();
        // Here a label on more than two reviews counts as common: none of "checkout"'s five picks candidates by itself.
        var related = await new LibraryOperations(db, TimeProvider.System, new Permissions(db, CurrentUser.Operator()), commonLabel: 2).RelatedAsync(mine.Id, default);

        Assert.NotEmpty(related);
        Assert.All(related, r => Assert.Contains(r.Id, others));
        Assert.All(related, r => Assert.Equal("Shares the service checkout.", r.Why));
    }

    [Fact]
    public async Task Insights_CountEveryReadableReview_OnThisDatabase()
    {
        var review = await ReviewAsync("Pool exhausted", services: ["payments"]);
        await ReviewAsync("Search down", services: ["search"]);
        await Themes().SetFactorThemesAsync(review.Id, await AddFactorAsync(review.Id, "No alarm"), ["Alerting and signals"], default);

        var charts = await InsightsAsync(new InsightsRequest(Service: "payments"));
        var lastYear = await InsightsAsync(new InsightsRequest(From: DateOnly.FromDateTime(Start.UtcDateTime.AddYears(-1)), To: DateOnly.FromDateTime(Start.UtcDateTime.AddDays(-1))));
        var thatDay = await InsightsAsync(new InsightsRequest(From: DateOnly.FromDateTime(Start.UtcDateTime), To: DateOnly.FromDateTime(Start.UtcDateTime)));

        Assert.Equal(1, charts.Single(c => c.Key == Insights.PeoplePerReview).Rows.Sum(r => r.Values[0]));
        Assert.Equal(["Alerting and signals"], charts.Single(c => c.Key == Insights.ThemesOverTime).Columns);
        Assert.Equal(0, lastYear.Single(c => c.Key == Insights.PeoplePerReview).Rows.Sum(r => r.Values[0]));
        Assert.Equal(2, thatDay.Single(c => c.Key == Insights.PeoplePerReview).Rows.Sum(r => r.Values[0]));
    }

    private async Task<IReadOnlyList<InsightChart>> InsightsAsync(InsightsRequest request)
    {
        await using var db = _target.NewContext();
        return await new InsightsOperations(db, new Permissions(db, CurrentUser.Operator()), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new FacilitationOptions()))
            .ChartsAsync(request, default);
    }

    [Fact]
    public async Task Insights_KeepAFacilitatorWithALineBreakInTheirName_AsOnePerson()
    {
        var review = await ReviewAsync("Pool exhausted");
        await using (var db = _target.NewContext())
        {
            db.Participants.Add(new Participant { ReviewId = review.Id, Name = "Ana\r\nLee", Role = ParticipantRole.Facilitator, CreatedAt = Now });
            await db.SaveChangesAsync();
        }

        await using var check = _target.NewContext();
        var insight = await check.ReviewInsights.SingleAsync(i => i.ReviewId == review.Id);

        Assert.Equal([(ParticipantRole.Facilitator, "ana  lee")], insight.FacilitatorsByRole());
    }

    [Fact]
    public async Task Insights_CountParticipationInterviewsWritingAndSurveys_ForTheTeamAsked()
    {
        var review = await ReviewAsync("Pool exhausted", summary: "If only we had tested the pool, the outage would not have happened. The root cause was human error.");
        var other = await ReviewAsync("Search down", summary: "If only we had known.");
        var deleted = await ReviewAsync("Deleted one");
        await using (var db = _target.NewContext())
        {
            var ana = new Participant { ReviewId = review.Id, Name = "Ana", Email = "ana@example.com", Role = ParticipantRole.Facilitator, Team = "SRE", CreatedAt = Now };
            var priya = new Participant { ReviewId = review.Id, Name = "Priya", Role = ParticipantRole.Actor, Team = "Payments", UserId = "u-priya", CreatedAt = Now };
            var sam = new Participant { ReviewId = review.Id, Name = "Sam", Role = ParticipantRole.Actor, Team = "Payments", CreatedAt = Now };
            db.Participants.AddRange(ana, priya, sam, new Participant { ReviewId = review.Id, Name = "ana", Email = "ANA@example.com", Role = ParticipantRole.NoteTaker, CreatedAt = Now });
            db.Participants.Add(new Participant { ReviewId = deleted.Id, Name = "Zed", Role = ParticipantRole.Facilitator, Team = "Payments", CreatedAt = Now });
            db.Interviews.Add(new Interview { ReviewId = review.Id, ParticipantId = priya.Id, InterviewedAt = Start.UtcDateTime.AddDays(1), CreatedAt = Now, UpdatedAt = Now });
            db.Meetings.Add(new Meeting { ReviewId = review.Id, StartsAt = Start.UtcDateTime.AddDays(5), Uid = "m1", UpdatedAt = Now });
            db.Attendance.AddRange(
                new Attendance { ReviewId = review.Id, UserId = "u-priya", Name = "Priya", FirstSeenAt = Now },
                new Attendance { ReviewId = review.Id, UserId = "u-lee", Name = "Lee", FirstSeenAt = Now });
            db.SurveyResponses.AddRange(Enumerable.Range(0, 3).Select(k => new SurveyResponse { ReviewId = review.Id, UserId = $"u{k}", ToldMyPart = 5, StayedOnLearning = 4, UnderstandBetter = 1 + k, AnsweredAt = Now }));
            await db.SaveChangesAsync();
            foreach (var published in await db.Reviews.Where(r => r.Id == review.Id || r.Id == other.Id).ToListAsync())
            {
                published.Status = ReviewStatus.Published;
            }

            await db.SaveChangesAsync();
        }

        await _target.Reviews(Now).DeleteAsync(deleted.Id, default);

        var payments = await InsightsAsync(new InsightsRequest(Team: "Payments"));
        var everyone = await InsightsAsync(new InsightsRequest());

        Chart(Insights.PeoplePerReview, payments, out var people);
        // Ana as facilitator and note taker is one person; two teams; Lee came to the room without being an actor.
        Assert.Equal(["3–4"], people.Rows.Where(r => r.Values[0] > 0).Select(r => r.Label));
        Assert.Equal(["2"], people.Rows.Where(r => r.Values[1] > 0).Select(r => r.Label));
        Assert.Equal(["1"], people.Rows.Where(r => r.Values[2] > 0).Select(r => r.Label));
        Chart(Insights.InterviewsInTime, payments, out var interviews);
        Assert.Equal([2, 1, 0, 1], interviews.Rows.Single().Values);
        Chart(Insights.DaysToMeeting, payments, out var meeting);
        Assert.Equal(5, meeting.Rows.Single().Values[2]);
        Chart(Insights.Facilitators, payments, out var facilitators);
        Assert.Equal([1, 1, 1, 0, 0, 1], facilitators.Rows.Single().Values);
        Chart(Insights.SurveyOverTime, payments, out var survey);
        Assert.Equal([3, 100, 100, 0, 0, 0, 66.7], survey.Rows.Single().Values);
        Chart(Insights.Writing, payments, out var writing);
        var row = writing.Rows.Single().Values;
        Assert.Equal(1, row[0]);
        Assert.True(row[2] > 0, "the counterfactual in the summary is counted");
        Chart(Insights.Writing, everyone, out var all);
        Assert.Equal(2, all.Rows.Single().Values[0]);
        Chart(Insights.Facilitators, everyone, out var allFacilitators);
        Assert.Equal(1, allFacilitators.Rows.Single().Values[0]);

        static void Chart(string key, IReadOnlyList<InsightChart> charts, out InsightChart chart) => chart = charts.Single(c => c.Key == key);
    }

    [Fact]
    public async Task Reindex_CountsTheWritingOfMorePublishedReviewsThanOnePage()
    {
        var count = WritingStat.PageSize + 30;
        await using (var db = _target.NewContext())
        {
            db.SearchRefreshDeferred = true;
            for (var k = 0; k < count; k++)
            {
                db.Reviews.Add(new Review { Title = $"Review {k}", Summary = "If only we had tested it.", Status = ReviewStatus.Published, CreatedAt = Now, UpdatedAt = Now });
            }

            await db.SaveChangesAsync();
        }

        await using (var db = _target.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.RefreshSearchAsync(null, default);
            await transaction.CommitAsync();
        }

        await using (var check = _target.NewContext())
        {
            Assert.Equal(count, await check.WritingStats.CountAsync(s => s.Counterfactual > 0));
            Assert.Equal(count, await check.ReviewInsights.CountAsync());
        }
    }

    [Fact]
    public async Task PeopleJoiningTheRoomTogether_AllCount()
    {
        var review = await ReviewAsync("Pool exhausted");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async k =>
        {
            await using var db = _target.NewContext();
            db.Attendance.Add(new Attendance { ReviewId = review.Id, UserId = $"u{k}", Name = $"Person {k}", FirstSeenAt = Now });
            await db.SaveChangesAsync();
        }));

        await using var check = _target.NewContext();
        Assert.Equal(8, (await check.ReviewInsights.SingleAsync(i => i.ReviewId == review.Id)).OthersInRoom);
        Assert.Equal(1, await check.SearchDocuments.CountAsync(d => d.ReviewId == review.Id));
    }

    [Fact]
    public async Task Insights_LeaveOutSurveys_ForAnyoneButAdmins_AndRefuseControlCharacters()
    {
        var review = await ReviewAsync("Pool exhausted");
        await using (var db = _target.NewContext())
        {
            db.SurveyResponses.AddRange(Enumerable.Range(0, 3).Select(k => new SurveyResponse { ReviewId = review.Id, UserId = $"u{k}", ToldMyPart = 5, StayedOnLearning = 5, UnderstandBetter = 5, AnsweredAt = Now }));
            await db.SaveChangesAsync();
        }

        var member = _target.NewContext();
        var charts = await new InsightsOperations(member, new Permissions(member, CurrentUser.Person("u9", "Member", isAdmin: false)), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new FacilitationOptions())).ChartsAsync(new InsightsRequest(), default);
        var admin = await InsightsAsync(new InsightsRequest());
        var hostile = await Assert.ThrowsAsync<DomainValidationException>(() => InsightsAsync(new InsightsRequest(Team: "pay\0ments")));
        var hostileSearch = await Assert.ThrowsAsync<DomainValidationException>(() => Search().SearchAsync(new SearchRequest { Q = "pool", Service = "check\u0001out" }, default));

        Assert.DoesNotContain(charts, c => c.Key == Insights.SurveyOverTime);
        Assert.Equal(3, admin.Single(c => c.Key == Insights.SurveyOverTime).Rows.Single().Values[0]);
        Assert.Contains("control character", hostile.Errors.Messages());
        Assert.Contains("control character", hostileSearch.Errors.Messages());
    }

    [Fact]
    public async Task Insights_AreKeptPerReaderScope_UntilCountedAgain()
    {
        await ReviewAsync("One");
        using var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        InsightsOperations As(CurrentUser user)
        {
            var db = _target.NewContext();
            return new InsightsOperations(db, new Permissions(db, user), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new FacilitationOptions()),
                cache, Microsoft.Extensions.Options.Options.Create(new InsightsOptions()));
        }

        static double Reviews(IReadOnlyList<InsightChart> charts) => charts.Single(c => c.Key == Insights.PeoplePerReview).Rows.Sum(r => r.Values[0] ?? 0);

        Assert.Equal(1, Reviews(await As(CurrentUser.Operator()).ChartsAsync(new InsightsRequest(), default)));
        await ReviewAsync("Two");

        Assert.Equal(1, Reviews(await As(CurrentUser.Operator()).ChartsAsync(new InsightsRequest(), default)));
        // A filter is counted from the reviews' kept facts too, until the recount reads them again.
        Assert.Equal(1, Reviews(await As(CurrentUser.Operator()).ChartsAsync(new InsightsRequest(Service: "checkout", From: new DateOnly(2026, 1, 1)), default)));
        Assert.Equal(2, Reviews(await As(CurrentUser.Operator()).RecountAsync(new InsightsRequest(), default)));
        Assert.Equal(2, Reviews(await As(CurrentUser.Operator()).ChartsAsync(new InsightsRequest(Service: "checkout", From: new DateOnly(2026, 1, 1)), default)));
        Assert.Equal(2, Reviews(await As(CurrentUser.Person("u1", "Member", isAdmin: false)).ChartsAsync(new InsightsRequest(), default)));
        // What members may read is never handed to someone who is not signed in.
        Assert.Equal(0, Reviews(await As(new CurrentUser()).ChartsAsync(new InsightsRequest(), default)));
    }

    [Fact]
    public async Task WritingCounts_FollowPublishing_AndReindex()
    {
        var review = await ReviewAsync("Pool exhausted", summary: "If only we had tested the pool, the outage would not have happened.");
        await using (var db = _target.NewContext())
        {
            Assert.False(await db.WritingStats.AnyAsync());
            (await db.Reviews.SingleAsync(r => r.Id == review.Id)).Status = ReviewStatus.Published;
            await db.SaveChangesAsync();
        }

        await using (var db = _target.NewContext())
        {
            var stat = await db.WritingStats.SingleAsync();
            Assert.True(stat.Counterfactual > 0);
            Assert.Equal(WritingStat.CountWords("Pool exhausted") + WritingStat.CountWords(review.Summary), stat.Words);
            await db.WritingStats.ExecuteDeleteAsync();
            await db.RefreshSearchAsync(null, default);
            Assert.Equal(stat.Counterfactual, (await db.WritingStats.SingleAsync()).Counterfactual);
            (await db.Reviews.SingleAsync(r => r.Id == review.Id)).Status = ReviewStatus.Reviewed;
            await db.SaveChangesAsync();
            Assert.False(await db.WritingStats.AnyAsync());
        }
    }

    [Fact]
    public async Task ManyMatches_CountAll_FacetTheBest_AndPageOnPastThem()
    {
        for (var k = 0; k < 5; k++)
        {
            // Each title says "checkout" a different number of times, so each ranks apart on SQLite (all five are in the
            // first step, ranked by how the word fits the title); on PostgreSQL all five match in their titles and the
            // newest comes first, which is the same order. The tied ones say the same words.
            await ReviewAsync($"{string.Join(' ', Enumerable.Repeat("Checkout", 5 - k))} outage {k}", services: [k % 2 == 0 ? "checkout" : "payments"], started: Start.AddDays(-k));
            await ReviewAsync($"Tied {k}", summary: "The zebra crossing was closed.");
        }

        var db = _target.NewContext();
        var search = new SearchOperations(db, new Permissions(db, CurrentUser.Operator()), _target.Severities, facetCap: 2);
        var first = await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2 }, default);
        var last = await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2, Page = 3 }, default);
        var past = await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2, Page = 4 }, default);
        var byDate = await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2, Page = 2, Sort = "date" }, default);
        // A filter that leaves nothing out takes the long way (every match joined, then ranked): the same answer.
        var filtered = await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2, From = new DateOnly(2000, 1, 1) }, default);
        var signedOut = new SearchOperations(db, new Permissions(db, new CurrentUser()), _target.Severities, facetCap: 2);

        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.FacetsCountedOver);
        Assert.Equal(2, first.Facets.Years.Values.Sum());
        Assert.Equal(2, first.Facets.Statuses.Values.Sum());
        Assert.Equal("Checkout Checkout Checkout Checkout Checkout outage 0", first.Results[0].Title);
        Assert.Single(last.Results);
        Assert.Empty(past.Results);
        Assert.Equal(5, past.Total);
        Assert.Equal(2, byDate.Results.Count);
        // By date, the total is counted in the same query as the best two: all five, not the two kept.
        Assert.Equal(5, byDate.Total);
        Assert.Equal(first.Results.Select(r => r.ReviewId), filtered.Results.Select(r => r.ReviewId));
        Assert.Equal(first.Total, filtered.Total);
        Assert.Equal(first.Facets.Services, filtered.Facets.Services);
        Assert.Equal(0, (await signedOut.SearchAsync(new SearchRequest { Q = "checkout" }, default)).Total);
        // Reviews of equal rank are ordered by date and id, whichever way the search goes.
        var tied = await search.SearchAsync(new SearchRequest { Q = "zebra", Limit = 2 }, default);
        var tiedLongWay = await search.SearchAsync(new SearchRequest { Q = "zebra", Limit = 2, From = new DateOnly(2000, 1, 1) }, default);
        Assert.Equal(tiedLongWay.Results.Select(r => r.ReviewId), tied.Results.Select(r => r.ReviewId));
        Assert.Equal(5, tied.Total);
        var every = (await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2 }, default)).Results
            .Concat((await search.SearchAsync(new SearchRequest { Q = "checkout", Limit = 2, Page = 2 }, default)).Results)
            .Concat(last.Results)
            .Select(r => r.ReviewId);
        Assert.Equal(5, every.Distinct().Count());
    }

    [Fact]
    public async Task ManyMatches_RankTitleThenSummaryThenTimeline_TheShortWayAsTheLongWay()
    {
        // Oldest first, so that on PostgreSQL (newest first within a step) date alone would give the opposite order.
        var inTimeline = await ReviewAsync("Pager noise", timeline: ["The kestrel alarm fired twice"], started: Start.AddDays(-1));
        var inSummary = await ReviewAsync("Disk pressure", summary: "A kestrel alarm was missed.", started: Start.AddDays(-2));
        var inTitle = await ReviewAsync("Kestrel alarm storm", started: Start.AddDays(-3));
        var inTitleToo = await ReviewAsync("Kestrel restarts", started: Start.AddDays(-4));

        var db = _target.NewContext();
        // Three of four are counted for facets: the short way keeps four (a tenth more, at least one), from all three steps.
        var search = new SearchOperations(db, new Permissions(db, CurrentUser.Operator()), _target.Severities, facetCap: 3);
        var pages = new List<Guid>();
        for (var page = 1; page <= 4; page++)
        {
            pages.AddRange((await search.SearchAsync(new SearchRequest { Q = "kestrel", Limit = 1, Page = page }, default)).Results.Select(r => r.ReviewId));
        }

        var longWay = await search.SearchAsync(new SearchRequest { Q = "kestrel", From = new DateOnly(2000, 1, 1) }, default);

        Assert.Equal(new[] { inTitle.Id, inTitleToo.Id }.Order(), pages.Take(2).Order());
        Assert.Equal(new[] { inTitle.Id, inTitleToo.Id }.Order(), longWay.Results.Take(2).Select(r => r.ReviewId).Order());
        Assert.Equal([inSummary.Id, inTimeline.Id], pages.Skip(2));
        Assert.Equal(pages, longWay.Results.Select(r => r.ReviewId));
    }

    [Fact]
    public async Task ARebuildCutShort_RunsAgainAtTheNextStart_AndOnlyThen()
    {
        var review = await ReviewAsync("Quorum lost in the lighthouse cluster");
        await using (var db = _target.NewContext())
        {
            // As after an upgrade whose rebuild was stopped part-way: the index is empty and the rebuild still owed.
            await db.SearchEntries.ExecuteDeleteAsync();
            await db.SearchDocuments.ExecuteDeleteAsync();
            db.Settings.Add(new Fireside.Core.Meetings.OrgSetting { Key = DataServiceCollectionExtensions.ReindexOwed, Value = "yes" });
            await db.SaveChangesAsync();
        }

        Assert.Empty((await FindAsync("lighthouse")).Results);
        await _target.StartAgainAsync();
        Assert.Equal([review.Id], (await FindAsync("lighthouse")).Results.Select(r => r.ReviewId));

        await using (var db = _target.NewContext())
        {
            Assert.Null(await db.Settings.FindAsync(DataServiceCollectionExtensions.ReindexOwed));
            await db.SearchEntries.ExecuteDeleteAsync();
        }

        // Nothing owed: a start leaves the index alone.
        await _target.StartAgainAsync();
        Assert.Empty((await FindAsync("lighthouse")).Results);
    }

    [Fact]
    public async Task Nobody_SignedIn_FindsNothing()
    {
        await ReviewAsync("Checkout outage");

        var results = await Search(new CurrentUser()).SearchAsync(new SearchRequest { Q = "checkout" }, default);

        Assert.Equal(0, results.Total);
    }
}

public sealed class SqliteSearchDataTests() : SearchDataTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchDataTests() : SearchDataTests(DatabaseProvider.Postgres);
