using System.Diagnostics;
using System.Globalization;
using Fireside.Core;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fireside.Bench;

/// <summary>
/// The library at scale: generates a corpus of published reviews (each with ~30 timeline entries, accounts,
/// takeaways, factors filed under themes and remediation) into a fresh database of one provider, rebuilds the
/// search index, and times typical searches with facets, the library's home and related reviews.
/// Prints Markdown rows for docs/performance.md.
/// </summary>
public static class LibraryBench
{
    private static readonly string[] Common =
    [
        "database", "deploy", "latency", "errors", "alert", "traffic", "cache", "queue", "timeout", "config", "service", "restart",
        "rollback", "replica", "memory", "disk", "network", "load", "balancer", "certificate", "dns", "pager", "dashboard", "canary",
        "migration", "index", "query", "lock", "retry", "backoff", "throttle", "quota", "region", "zone", "cluster", "node", "pod",
        "container", "kafka", "consumer", "producer", "redis", "memcached", "postgres", "failover", "primary", "connection", "pool",
        "exhausted", "saturated", "spike", "regression", "flag", "feature", "release", "pipeline", "build", "artifact", "registry",
        "vendor", "upstream", "downstream", "checkout", "payments", "search", "login", "session", "token", "expired", "rotation",
    ];

    private static readonly string[] Filler =
    [
        "the", "we", "saw", "that", "was", "and", "then", "after", "before", "while", "because", "it", "on", "in", "to", "of", "a",
        "noticed", "checked", "looked", "at", "graph", "people", "team", "on-call", "asked", "thought", "seemed", "fine", "again",
    ];

    /// <summary>Twenty thousand made-up words for the long tail of what people write.</summary>
    private static readonly string[] Vocabulary = [.. Enumerable.Range(0, 20_000).Select(MadeUpWord)];

    private static string MadeUpWord(int n)
    {
        string[] syllables = ["ka", "lo", "mir", "ten", "va", "sol", "dre", "nu", "pax", "ri", "ton", "bel", "qua", "zen", "fo", "gar", "hul", "jin", "wex", "yor"];
        var word = "";
        do
        {
            word += syllables[n % syllables.Length];
            n /= syllables.Length;
        }
        while (n > 0);

        return word + "e";
    }

    private static readonly string[] Services = ["checkout", "payments", "search", "login", "orders", "inventory", "edge", "mail", "reports", "billing", "catalog", "shipping"];
    private static readonly string[] Tags = ["database", "network", "deploy", "capacity", "vendor", "security", "config", "data-loss"];

    public static async Task<int> RunAsync(DatabaseProvider provider, int reviews, TextWriter output)
    {
        using var folder = new TempFolder("fireside-library-bench");
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString() };
        // FIRESIDE_BENCH_REUSE=/path.db times the reads on a SQLite corpus kept by an earlier run (FIRESIDE_BENCH_KEEP).
        // FIRESIDE_BENCH_POSTGRES=connection string uses a server of your own and keeps the database there (to read
        // query plans with psql); with FIRESIDE_BENCH_REUSE=yes the corpus already in it is timed again.
        var reuse = Environment.GetEnvironmentVariable("FIRESIDE_BENCH_REUSE");
        var ownPostgres = Environment.GetEnvironmentVariable("FIRESIDE_BENCH_POSTGRES");
        if (provider == DatabaseProvider.Sqlite)
        {
            settings["Database:Path"] = reuse is { Length: > 0 } ? reuse : folder.File("library.db");
        }
        else if (ownPostgres is { Length: > 0 })
        {
            settings["Database:ConnectionString"] = ownPostgres;
        }
        else
        {
            reuse = null;
            // Pooled, as the app's connections are (the tests' throw-away databases turn pooling off; a new
            // connection for each search would add 20-30 ms of start-up to every number here).
            settings["Database:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.Instance.NewConnectionString("library")) { Pooling = true }.ToString();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddFiresideData(configuration).BuildServiceProvider();
        await services.MigrateFiresideDbAsync();
        // FIRESIDE_BENCH_ONLY=reads (or search, or insights) with a reused corpus skips the reindex and the import timing.
        if (!(reuse is { Length: > 0 } && Environment.GetEnvironmentVariable("FIRESIDE_BENCH_ONLY") is "reads" or "search" or "insights"))
        {
            await GenerateAsync(services, provider, reviews, reuse is { Length: > 0 }, output);
        }

        if (Environment.GetEnvironmentVariable("FIRESIDE_BENCH_ONLY") == "insights")
        {
            await TimeInsightsAsync(services, provider, output);
        }
        else if (Environment.GetEnvironmentVariable("FIRESIDE_BENCH_ONLY") != "import")
        {
            await TimeReadsAsync(services, provider, output);
        }

        if (provider == DatabaseProvider.Postgres && ownPostgres is not { Length: > 0 })
        {
            await using var db = Context(services);
            await db.Database.EnsureDeletedAsync();
        }
        else if (provider == DatabaseProvider.Sqlite && reuse is not { Length: > 0 } && Environment.GetEnvironmentVariable("FIRESIDE_BENCH_KEEP") is { Length: > 0 } keep)
        {
            // Keep the SQLite corpus to look at query plans with sqlite3, or to time the reads again.
            await using (var db = Context(services))
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Copy(folder.File("library.db"), keep, overwrite: true);
        }

        return 0;
    }

    /// <summary>Generates and inserts the corpus (unless it is reused), rebuilds the index, and times what the index costs an import.</summary>
    private static async Task GenerateAsync(ServiceProvider services, DatabaseProvider provider, int reviews, bool reused, TextWriter output)
    {
        var themes = await Context(services).Themes.AsNoTracking().Select(t => t.Id).ToListAsync();
        var random = new Random(reused ? Environment.TickCount : 20261204);
        var clock = Stopwatch.StartNew();
        const int batch = 500;
        for (var done = 0; !reused && done < reviews; done += batch)
        {
            await using var db = Context(services);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.SearchRefreshDeferred = true;
            AddReviews(db, random, Math.Min(batch, reviews - done), themes, done);
            await db.SaveChangesAsync();
        }

        var insert = clock.Elapsed;
        clock.Restart();
        var importOnly = reused && Environment.GetEnvironmentVariable("FIRESIDE_BENCH_ONLY") == "import";
        if (!importOnly)
        {
            await using var db = Context(services);
            // What `fireside search reindex` does (on PostgreSQL it also vacuums and analyses the tables it rebuilt).
            await new SearchOperations(db, new Permissions(db, CurrentUser.Operator()), SeverityCatalog.Default).ReindexAsync(default);
        }

        var reindex = clock.Elapsed;
        if (provider == DatabaseProvider.Postgres)
        {
            await using var db = Context(services);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        // What keeping the index in step costs an import, on the app's own path: archives parsed, checked and restored
        // by ReviewOperations, in groups as `fireside reviews import` restores many files, and one at a time as the
        // page and the API restore one. Turns with and without the index alternate, so the database's own drift
        // (checkpoints, FTS5 merges, autovacuum) falls on both sides alike; making the archives is not timed.
        // FIRESIDE_BENCH_PROFILE=yes prints where the imports spent their time in SQL (to stderr).
        using var profile = Environment.GetEnvironmentVariable("FIRESIDE_BENCH_PROFILE") is { Length: > 0 } ? new StatementProfile() : null;
        var names = await Context(services).Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        var group = ReviewOperations.ArchivesPerTransaction;
        var times = new Dictionary<(bool Grouped, bool Indexed), TimeSpan>();
        var made = reviews;
        List<byte[]> Next(int count)
        {
            // Made 50 at a time: each archive looks up its review's rows among everything the context holds.
            var archives = new List<byte[]>();
            for (var done = 0; done < count; done += group)
            {
                archives.AddRange(Archives(services, random, themes, names, Math.Min(group, count - done), made));
                made += Math.Min(group, count - done);
            }

            return archives;
        }

        // Untimed, once each way: the first import of a run pays for compiling its code and filling the caches.
        foreach (var indexed in new[] { false, true })
        {
            await TimeImportAsync(services, Next(group), grouped: true, indexed);
        }

        // A grouped import is one command restoring a library's worth of files (GroupedTurn at a time, in transactions
        // of 50), so what the index does once per command (merging what it gathered) is paid as a real import pays it;
        // one at a time is 50 separate restores a turn.
        foreach (var (grouped, perTurn) in new[] { (true, GroupedTurn), (false, group) })
        {
            for (var turn = 0; turn < 2 * ImportedReviews / perTurn; turn++)
            {
                // Without, with, with, without, …: a database that slows as it grows weighs on both sides alike.
                var indexed = turn % 4 is 1 or 2;
                var archives = Next(perTurn);
                profile?.Listening = true;
                profile?.Side = $"{(grouped ? "grouped" : "one by one")}, {(indexed ? "with index" : "without")}: ";
                times[(grouped, indexed)] = times.GetValueOrDefault((grouped, indexed)) + await TimeImportAsync(services, archives, grouped, indexed);
                profile?.Listening = false;
            }
        }

        foreach (var line in profile?.Lines() ?? [])
        {
            await Console.Error.WriteLineAsync(line);
        }

        string Cost(bool grouped) => string.Create(CultureInfo.InvariantCulture, $"{(times[(grouped, true)] / times[(grouped, false)] - 1) * 100:+0;-0}%");
        string Times(bool grouped) => string.Create(CultureInfo.InvariantCulture, $"{times[(grouped, false)].TotalSeconds:0.00} s without the index, {times[(grouped, true)].TotalSeconds:0.00} s with it");
        output.WriteLine(reused
            ? string.Create(CultureInfo.InvariantCulture, $"| {provider} | the corpus kept from an earlier run | reindex {reindex.TotalSeconds:0.0} s | |")
            : string.Create(CultureInfo.InvariantCulture, $"| {provider} | {reviews:N0} reviews, {reviews * 30:N0} timeline entries | generate and insert {insert.TotalSeconds:0.0} s; reindex {reindex.TotalSeconds:0.0} s | the index built after: +{reindex / insert * 100:0}% |"));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {ImportedReviews:N0} more reviews restored from archives, {GroupedTurn} files a command in transactions of {group} (`fireside reviews import`) | {Times(true)} | {Cost(true)} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {ImportedReviews:N0} more reviews restored one at a time (a page, the API) | {Times(false)} | {Cost(false)} |"));
    }

    private static async Task TimeReadsAsync(ServiceProvider services, DatabaseProvider provider, TextWriter output)
    {
        var queries = new (string Label, SearchRequest Request)[]
        {
            ("one common word", new() { Q = "database" }),
            ("one rarer word", new() { Q = "memcached" }),
            ("two words", new() { Q = "kafka consumer" }),
            ("a phrase", new() { Q = "\"connection pool\"" }),
            ("OR", new() { Q = "redis OR memcached" }),
            ("with -word", new() { Q = "deploy -rollback" }),
            ("word + service filter", new() { Q = "certificate", Service = "payments" }),
            ("word + theme, by date", new() { Q = "latency", Theme = "Capacity and load", Sort = "date" }),
            ("page 5", new() { Q = "cache", Page = 5 }),
        };

        // FIRESIDE_BENCH_PROFILE=yes prints where the searches spent their time in SQL (to stderr).
        using var profile = Environment.GetEnvironmentVariable("FIRESIDE_BENCH_PROFILE") is { Length: > 0 } ? new StatementProfile { Listening = true } : null;
        foreach (var (label, request) in queries)
        {
            profile?.Side = label + ": ";
            var (p50, p95, total) = await TimeAsync(services, 25, async db =>
                (await new SearchOperations(db, new Permissions(db, CurrentUser.Operator()), SeverityCatalog.Default).SearchAsync(request, default)).Total);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | search: {label} ({total:N0} matches) | p50 {p50:0} ms | p95 {p95:0} ms |"));
        }

        foreach (var line in profile?.Lines() ?? [])
        {
            await Console.Error.WriteLineAsync(line);
        }

        profile?.Clear();
        if (Environment.GetEnvironmentVariable("FIRESIDE_BENCH_ONLY") == "search")
        {
            return;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (homeP50, homeP95, _) = await TimeAsync(services, 15, async db =>
        {
            var home = await new LibraryOperations(db, TimeProvider.System, new Permissions(db, CurrentUser.Operator())).HomeAsync(today, default);
            return home.RecentlyPublished.Count;
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | library home (all its parts) | p50 {homeP50:0} ms | p95 {homeP95:0} ms |"));

        var sample = await Context(services).Reviews.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).Take(40).ToListAsync();
        var next = 0;
        var (relatedP50, relatedP95, _) = await TimeAsync(services, 15, async db =>
            (await new LibraryOperations(db, TimeProvider.System, new Permissions(db, CurrentUser.Operator())).RelatedAsync(sample[next++ % sample.Count], default)).Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | related reviews of one review | p50 {relatedP50:0} ms | p95 {relatedP95:0} ms |"));

        await TimeInsightsAsync(services, provider, output);
    }

    /// <summary>Insights counted afresh (what the background recount does), for date filters (counted on each view from the kept facts), and kept.</summary>
    private static async Task TimeInsightsAsync(IServiceProvider services, DatabaseProvider provider, TextWriter output)
    {
        using var profile = Environment.GetEnvironmentVariable("FIRESIDE_BENCH_PROFILE") is { Length: > 0 } ? new StatementProfile { Listening = true } : null;
        using var kept = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        InsightsOperations Insights(FiresideDb db, bool keep) => new(db, new Permissions(db, CurrentUser.Operator()), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new Fireside.Core.Facilitation.FacilitationOptions()), keep ? kept : null);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastYear = new InsightsRequest(From: today.AddYears(-1), To: today);
        var (insightsP50, insightsP95, _) = await TimeAsync(services, 5, async db => (await Insights(db, false).ChartsAsync(new InsightsRequest(), default)).Count);
        var (yearP50, yearP95, _) = await TimeAsync(services, 5, async db => (await Insights(db, true).ChartsAsync(lastYear, default)).Count);
        var (allP50, allP95, _) = await TimeAsync(services, 5, async db => (await Insights(db, true).ChartsAsync(new InsightsRequest(From: new DateOnly(2000, 1, 1)), default)).Count);
        var (keptP50, keptP95, _) = await TimeAsync(services, 15, async db => (await Insights(db, true).ChartsAsync(new InsightsRequest(), default)).Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | insights, counted afresh (every chart, no filter) | p50 {insightsP50:0} ms | p95 {insightsP95:0} ms |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | insights for the last year (a date filter, counted on each view from the kept facts) | p50 {yearP50:0} ms | p95 {yearP95:0} ms |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | insights since 2000 (a date filter over every review, the same way) | p50 {allP50:0} ms | p95 {allP95:0} ms |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | insights as the page reads them (kept, recounted in the background) | p50 {keptP50:0} ms | p95 {keptP95:0} ms |"));
        foreach (var line in profile?.Lines() ?? [])
        {
            await Console.Error.WriteLineAsync(line);
        }
    }

    private static FiresideDb Context(IServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<FiresideDb>();

    /// <summary>How many reviews are restored with the index and how many without it, each way, to time what the index costs.</summary>
    private const int ImportedReviews = 2000;

    /// <summary>How many files one grouped import restores (one `fireside reviews import` of a folder), four times each way.</summary>
    private const int GroupedTurn = 500;

    /// <summary>New reviews as `fireside reviews export` writes them: made like the corpus, then written as archives.</summary>
    private static List<byte[]> Archives(IServiceProvider services, Random random, List<Guid> themes, Dictionary<Guid, string> names, int count, int offset)
    {
        using var db = Context(services);
        AddReviews(db, random, count, themes, offset);
        List<T> Of<T>(Guid review, Func<T, Guid> owner)
            where T : class => [.. db.ChangeTracker.Entries<T>().Select(e => e.Entity).Where(x => owner(x) == review)];
        return [.. db.ChangeTracker.Entries<Review>().Select(e => e.Entity).ToList().Select(review => System.Text.Encoding.UTF8.GetBytes(ReviewArchives.ToJson(new ReviewArchive
        {
            Review = review,
            Participants = Of<Participant>(review.Id, p => p.ReviewId),
            Interviews = Of<Interview>(review.Id, i => i.ReviewId),
            Meeting = Of<Meeting>(review.Id, m => m.ReviewId).FirstOrDefault(),
            Attendance = Of<Attendance>(review.Id, a => a.ReviewId),
            Takeaways = Of<Takeaway>(review.Id, t => t.ReviewId),
            ContributingFactors = Of<ContributingFactor>(review.Id, f => f.ReviewId),
            Remediation = Of<RemediationItem>(review.Id, r => r.ReviewId),
            FactorThemes = [.. Of<FactorTheme>(review.Id, f => f.ReviewId).Select(f => new ArchivedFactorTheme(f.FactorId, names[f.ThemeId]))],
        })))];
    }

    /// <summary>Restores the archives (in one group, or one at a time), with or without keeping the index in step; the time it took.</summary>
    private static async Task<TimeSpan> TimeImportAsync(IServiceProvider services, List<byte[]> archives, bool grouped, bool indexed)
    {
        ReviewOperations Operations(FiresideDb db)
        {
            db.SearchRefreshDeferred = !indexed;
            return new ReviewOperations(db, TimeProvider.System, CurrentUser.Operator(), new Permissions(db, CurrentUser.Operator()), SeverityCatalog.Default);
        }

        var clock = Stopwatch.StartNew();
        if (grouped)
        {
            await using var db = Context(services);
            await foreach (var outcome in Operations(db).ImportManyAsync(archives.Select((json, k) => new ArchiveFile($"{k}.json", () => new MemoryStream(json))), default))
            {
                _ = outcome.Review ?? throw new InvalidOperationException($"{outcome.Name}: {outcome.Problem}");
            }

            return clock.Elapsed;
        }

        foreach (var json in archives)
        {
            await using var db = Context(services);
            await Operations(db).ImportAsync(await ReviewArchives.ParseAsync(new MemoryStream(json), "review.json", default), default);
        }

        return clock.Elapsed;
    }

    /// <summary>Runs a read a few times to warm up, then <paramref name="runs"/> times on fresh contexts; the times in milliseconds.</summary>
    private static async Task<(double P50, double P95, int Result)> TimeAsync(IServiceProvider services, int runs, Func<FiresideDb, Task<int>> read)
    {
        var result = 0;
        for (var warm = 0; warm < 3; warm++)
        {
            await using var db = Context(services);
            result = await read(db);
        }

        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var db = Context(services);
            var clock = Stopwatch.StartNew();
            result = await read(db);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], result);
    }

    private static void AddReviews(FiresideDb db, Random random, int count, List<Guid> themes, int offset)
    {
        string Words(int n)
        {
            var words = new string[n];
            for (var k = 0; k < n; k++)
            {
                var draw = random.NextDouble();
                words[k] = draw switch
                {
                    // Incident words are rare per word, as in real writing: "database" reaches about a third of
                    // the reviews, the 70th word about one in two hundred (a Zipf draw).
                    < 0.003 => Common[Zipf(Common.Length)],
                    < 0.30 => Vocabulary[Zipf(Vocabulary.Length)],
                    _ => Filler[random.Next(Filler.Length)],
                };
            }

            return string.Join(' ', words);
        }

        int Zipf(int size)
        {
            // Rank r drawn with probability about 1/(r+1): inverse of the harmonic cumulative, approximately.
            var rank = (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(size + 1))) - 1;
            return Math.Clamp(rank, 0, size - 1);
        }

        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var started = now.AddDays(-random.Next(0, 3 * 365)).AddMinutes(-random.Next(0, 1440));
            var review = new Review
            {
                Title = $"{Common[random.Next(Common.Length)]} {Common[random.Next(Common.Length)]} incident {offset + i}",
                IncidentStartedAt = started,
                ResolvedAt = started.AddMinutes(random.Next(10, 600)),
                Severity = $"SEV{random.Next(1, 5)}",
                Services = [Services[random.Next(Services.Length)], Services[random.Next(Services.Length)]],
                Tags = [Tags[random.Next(Tags.Length)]],
                Summary = Words(60),
                TlDr = Words(20),
                Surprises = Words(25),
                Status = random.Next(10) == 0 ? ReviewStatus.Reviewed : ReviewStatus.Published,
                CreatedAt = started.AddDays(1),
                UpdatedAt = started.AddDays(8),
            };
            review.Services = [.. review.Services.Distinct()];
            review.PublishedAt = review.Status == ReviewStatus.Published ? review.UpdatedAt : null;
            for (var e = 0; e < 30; e++)
            {
                review.Timeline.Add(new TimelineEntry { ReviewId = review.Id, OccurredAt = started.AddMinutes(e * 3), Actor = "Priya", Text = Words(12), CreatedAt = started, UpdatedAt = started });
            }

            var entry = review.Timeline[3];
            review.Accounts.Add(new Account { ReviewId = review.Id, EntryId = entry.Id, Author = "Priya", Saw = Words(10), Believed = Words(10), Did = Words(8), WhySensible = Words(10), CreatedAt = started });
            review.Accounts.Add(new Account { ReviewId = review.Id, EntryId = review.Timeline[10].Id, Author = "Sam", Saw = Words(10), Believed = Words(10), Did = Words(8), WhySensible = Words(10), CreatedAt = started });
            db.Reviews.Add(review);
            for (var t = 0; t < 2; t++)
            {
                db.Takeaways.Add(new Takeaway { ReviewId = review.Id, SurprisedBy = Words(10), BelievedBefore = Words(10), BelieveNow = Words(12), CreatedAt = review.UpdatedAt });
            }

            for (var f = 0; f < 3; f++)
            {
                var factor = new ContributingFactor { ReviewId = review.Id, Text = Words(14), CreatedAt = review.UpdatedAt };
                db.ContributingFactors.Add(factor);
                db.FactorThemes.Add(new FactorTheme { FactorId = factor.Id, ThemeId = themes[random.Next(themes.Count)], ReviewId = review.Id });
            }

            db.RemediationItems.Add(new RemediationItem { ReviewId = review.Id, Text = Words(10), CreatedAt = review.UpdatedAt });

            // The people: a facilitator from a pool of 40 (some with a shadow or a co-facilitator), two actors
            // interviewed on time, late or not at all, a note taker, the meeting, who came, and a few survey answers.
            string Person(int n) => $"person{n}";
            Participant Add(string name, ParticipantRole role, string? team) =>
                db.Participants.Add(new Participant { ReviewId = review.Id, Name = name, Email = $"{name}@example.com", Role = role, Team = team, CreatedAt = review.CreatedAt }).Entity;
            Add(Person(random.Next(40)), ParticipantRole.Facilitator, "SRE");
            if (random.Next(4) == 0)
            {
                Add(Person(40 + random.Next(200)), random.Next(2) == 0 ? ParticipantRole.ShadowFacilitator : ParticipantRole.CoFacilitator, "SRE");
            }

            Add(Person(300 + random.Next(500)), ParticipantRole.NoteTaker, null);
            foreach (var actor in new[] { Add("Priya", ParticipantRole.Actor, review.Services[0]), Add("Sam", ParticipantRole.Actor, Services[random.Next(Services.Length)]) })
            {
                var draw = random.Next(10);
                if (draw < 8)
                {
                    db.Interviews.Add(new Interview { ReviewId = review.Id, ParticipantId = actor.Id, InterviewedAt = review.ResolvedAt!.Value.AddHours(draw < 6 ? 20 : 80), CreatedAt = review.CreatedAt, UpdatedAt = review.CreatedAt });
                }
            }

            db.Meetings.Add(new Meeting { ReviewId = review.Id, StartsAt = started.AddDays(random.Next(3, 21)), Uid = $"{review.Id}@bench", UpdatedAt = review.CreatedAt });
            var came = random.Next(2, 9);
            for (var a = 0; a < came; a++)
            {
                db.Attendance.Add(new Attendance { ReviewId = review.Id, UserId = $"user{a}", Name = a == 0 ? "Priya" : Person(1000 + random.Next(2000)), FirstSeenAt = review.UpdatedAt });
            }

            for (var answer = random.Next(0, 4); answer > 0; answer--)
            {
                db.SurveyResponses.Add(new SurveyResponse { ReviewId = review.Id, UserId = $"user{answer}", ToldMyPart = random.Next(2, 6), StayedOnLearning = random.Next(1, 6), UnderstandBetter = random.Next(3, 6), AnsweredAt = review.UpdatedAt });
            }
        }
    }
}
