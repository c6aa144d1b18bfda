using Fireside.Core.Library;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// The seam between search and each database's own full-text engine: SQLite FTS5 (an external-content table
/// over <see cref="SearchDocument"/>, kept in step by triggers) and PostgreSQL (tsvectors of each document in its
/// <see cref="SearchEntry"/>, with GIN indexes). Both read the same <see cref="SearchQuery"/>; what a
/// person typed only ever reaches the database as parameters or as quoted words of letters and digits.
/// </summary>
public abstract class SearchIndex
{
    /// <summary>Marks around a match in snippets; removed from the indexed text so they can only come from the engine.</summary>
    public const char MarkStart = '\u0002';
    public const char MarkEnd = '\u0003';

    /// <summary>Between the labels in <see cref="SearchEntry.Labels"/> (the unit separator, which no label holds).</summary>
    public const char LabelSeparator = '\u001f';

    public static SearchIndex For(FiresideDb db) => db.Database.IsNpgsql() ? Postgres.Instance : Sqlite.Instance;

    /// <summary>
    /// Rebuilds what is kept for these reviews (all reviews when null) from their rows, inside the caller's
    /// transaction: their labels and insight rows, and, unless <paramref name="documents"/> is false (only people,
    /// the meeting, the room or the survey changed, none of which is searched), their search documents.
    /// </summary>
    public abstract Task RefreshAsync(FiresideDb db, IReadOnlyCollection<Guid>? reviewIds, bool documents, CancellationToken cancellationToken);

    /// <summary>
    /// The search rows of the reviews whose documents match, with a rank unless <paramref name="ranked"/> is false
    /// (counting, or sorting by date, does not pay for one); composable with LINQ (filters, joins, counts).
    /// With <paramref name="labels"/> (a service, tag or theme each), the index leaves out most reviews without them
    /// before any row is read; the caller still checks each label exactly (<see cref="LibraryFilters"/>).
    /// </summary>
    public abstract IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true, IReadOnlyList<(string Kind, string Value)>? labels = null);

    /// <summary>The search rows of the reviews the index finds with these labels (browsing a theme or service without words); checked exactly by the caller as well.</summary>
    public abstract IQueryable<SearchHit> Labelled(FiresideDb db, IReadOnlyList<(string Kind, string Value)> labels);

    /// <summary>
    /// The best <paramref name="count"/> matches by rank alone, ranked inside the engine before any row is joined, as
    /// search rows to filter and order further; null when the engine has no such shortcut. For a word in thousands of
    /// reviews this skips joining every match to its row only to keep the best thousand.
    /// </summary>
    public virtual IQueryable<SearchHit>? Best(FiresideDb db, SearchQuery query, int count) => null;

    /// <summary>
    /// Whether <see cref="Best"/> orders reviews of equal rank as the full search does (newest first, then by id), so
    /// that the best it keeps are exactly the full search's best. When false, reviews of the last rank kept may lie beyond.
    /// </summary>
    public virtual bool BestBreaksTies => false;

    /// <summary>Whether <see cref="CountAsync"/> takes about as long as reading the best matches, so that a search runs it beside them.</summary>
    public virtual bool SlowCount => false;

    /// <summary>How many documents match, counted inside the engine (no filter, no permission); null without such a shortcut.</summary>
    public virtual Task<int?> CountAsync(FiresideDb db, SearchQuery query, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    /// <summary>What a hit reads of its search row "e".</summary>
    private const string HitColumns = "e.\"ReviewId\" AS \"ReviewId\", e.\"Date\" AS \"Date\", e.\"Severity\" AS \"Severity\", e.\"Status\" AS \"Status\", e.\"Labels\" AS \"Labels\"";

    /// <summary>
    /// After every review's documents were rebuilt (a reindex, an upgrade), outside any transaction: SQLite's FTS5
    /// merges its index into one piece; PostgreSQL vacuums and analyses the tables, so searches do not read past the
    /// old rows and the planner counts the new ones (before autovacuum came by, a word in a third of the reviews took
    /// four times as long).
    /// </summary>
    public abstract Task CompactAsync(FiresideDb db, CancellationToken cancellationToken);

    /// <summary>
    /// Inside a transaction of a bulk import (many reviews at once): lets the index gather this transaction's new
    /// entries before merging them in, which costs far less than merging them a few at a time (nothing on SQLite).
    /// </summary>
    public virtual Task GatherAsync(FiresideDb db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After a bulk import: merges what was gathered into the index, so searches do not read through it (nothing on SQLite).</summary>
    public virtual Task SettleAsync(FiresideDb db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Prepares the connection for a search's reads, until the returned scope is disposed (nothing to do on SQLite).
    /// </summary>
    public virtual Task<IAsyncDisposable?> BeginSearchAsync(FiresideDb db, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>For the reviews on one page: the parts that matched and a snippet with marked matches.</summary>
    public abstract Task<List<SearchMatch>> PlacesAsync(FiresideDb db, SearchQuery query, IReadOnlyList<Guid> reviewIds, CancellationToken cancellationToken);

    private static readonly string[] Columns = [.. Enum.GetNames<SearchPart>()];

    /// <summary>The review's lists that become <see cref="SearchLabel"/> rows.</summary>
    private static readonly (string Kind, string Column)[] LabelColumns = [(SearchLabel.Service, "Services"), (SearchLabel.Tag, "Tags"), (SearchLabel.Team, "TeamsInvolved")];

    /// <summary>How a database joins text: several fields into one (with line breaks), rows into one, and how a column is cleaned of the marks.</summary>
    private sealed record Dialect(Func<string[], string> Lines, Func<string, string> Aggregate, Func<string, string> Clean, string Labels, Func<string, string> Time);

    /// <summary>The text of each part (in <see cref="SearchPart"/> order), gathered from the rows of review "r".</summary>
    private static string[] PartsSql(Dialect d) =>
    [
        "r.\"Title\"",
        "r.\"TlDr\"",
        "r.\"Summary\"",
        "r.\"Surprises\"",
        $"(SELECT {d.Aggregate(d.Lines(["t.\"SurprisedBy\"", "t.\"BelievedBefore\"", "t.\"BelieveNow\""]))} FROM \"Takeaways\" t WHERE t.\"ReviewId\" = r.\"Id\")",
        $"(SELECT {d.Aggregate("f.\"Text\"")} FROM \"ContributingFactors\" f WHERE f.\"ReviewId\" = r.\"Id\")",
        $"(SELECT {d.Aggregate("m.\"Text\"")} FROM \"RemediationItems\" m WHERE m.\"ReviewId\" = r.\"Id\")",
        $"(SELECT {d.Aggregate(d.Lines(["a.\"Saw\"", "a.\"Believed\"", "a.\"Did\"", "a.\"WhySensible\""]))} FROM \"Accounts\" a WHERE a.\"ReviewId\" = r.\"Id\")",
        $"(SELECT {d.Aggregate("e.\"Text\"")} FROM \"TimelineEntries\" e WHERE e.\"ReviewId\" = r.\"Id\")",
        $"(SELECT {d.Aggregate("n.\"Text\"")} FROM (SELECT x.\"Text\" FROM \"MeetingNotes\" x WHERE x.\"ReviewId\" = r.\"Id\" UNION ALL SELECT p.\"Text\" FROM \"ParkingLot\" p WHERE p.\"ReviewId\" = r.\"Id\") n)",
    ];

    /// <summary>The themes the review's factors are filed under, as labels (the same SQL in both databases).</summary>
    private static string ThemeLabels(string which) =>
        $"INSERT INTO \"SearchLabels\" (\"ReviewId\", \"Kind\", \"Value\") SELECT DISTINCT r.\"Id\", '{SearchLabel.Theme}', t.\"Name\" " +
        $"FROM \"Reviews\" r JOIN \"FactorThemes\" ft ON ft.\"ReviewId\" = r.\"Id\" JOIN \"Themes\" t ON t.\"Id\" = ft.\"ThemeId\" WHERE r.\"DeletedAt\" IS NULL{which}";

    /// <summary>The teams of the review's participants, as labels, leaving out those already labelled from the review's own list.</summary>
    private static string ParticipantTeamLabels(string which) =>
        $"INSERT INTO \"SearchLabels\" (\"ReviewId\", \"Kind\", \"Value\") SELECT DISTINCT r.\"Id\", '{SearchLabel.Team}', trim(p.\"Team\") " +
        $"FROM \"Reviews\" r JOIN \"Participants\" p ON p.\"ReviewId\" = r.\"Id\" WHERE p.\"Team\" IS NOT NULL AND trim(p.\"Team\") <> '' AND r.\"DeletedAt\" IS NULL{which} " +
        $"AND NOT EXISTS (SELECT 1 FROM \"SearchLabels\" l WHERE l.\"ReviewId\" = r.\"Id\" AND l.\"Kind\" = '{SearchLabel.Team}' AND l.\"Value\" = trim(p.\"Team\"))";

    /// <summary>
    /// The statement that writes the documents of the (not deleted) reviews chosen by <paramref name="which"/>, with
    /// their labels as <paramref name="labels"/> has them for the engine (none when null).
    /// </summary>
    private static string InsertDocuments(Dialect dialect, string which, string? labels = null) =>
        $"INSERT INTO \"SearchDocuments\" (\"ReviewId\", {string.Join(", ", Columns.Select(c => $"\"{c}\""))}, \"Labels\") " +
        $"SELECT r.\"Id\", {string.Join(", ", PartsSql(dialect).Select(dialect.Clean))}, {labels ?? "NULL"} " +
        $"FROM \"Reviews\" r WHERE r.\"DeletedAt\" IS NULL{which}";

    /// <summary>The services, tags and themes of review "r" (not its teams), joined by <see cref="LabelSeparator"/>.</summary>
    private static string LabelsOf(Dialect dialect) => $"(SELECT {dialect.Labels} {OwnLabels})";

    /// <summary>Where the labels a search filters by come from: the services, tags and themes of review "r" (its teams are for insights only).</summary>
    private const string OwnLabels = $"FROM \"SearchLabels\" l WHERE l.\"ReviewId\" = r.\"Id\" AND l.\"Kind\" <> '{SearchLabel.Team}'";

    /// <summary>
    /// The statement that writes the search rows of those reviews, after their documents (the same key), with any
    /// columns of the database's own (<paramref name="columns"/>, computed by <paramref name="values"/> from document "d").
    /// </summary>
    private static string InsertEntries(Dialect dialect, string which, string columns = "", string values = "", string joins = "") =>
        $"INSERT INTO \"SearchEntries\" (\"Key\", \"ReviewId\", \"Date\", \"Severity\", \"Status\", \"Labels\"{columns}) " +
        $"SELECT d.\"Key\", r.\"Id\", coalesce(r.\"IncidentStartedAt\", r.\"CreatedAt\"), r.\"Severity\", r.\"Status\", " +
        $"{LabelsOf(dialect)}{values} " +
        $"FROM \"Reviews\" r JOIN \"SearchDocuments\" d ON d.\"ReviewId\" = r.\"Id\"{joins} WHERE r.\"DeletedAt\" IS NULL{which}";

    /// <summary>SQLite: FTS5 with the Porter stemmer over unicode61, which folds case in every script and removes diacritics.</summary>
    private sealed class Sqlite : SearchIndex
    {
        public static readonly Sqlite Instance = new();

        private static readonly Dialect SqliteDialect = new(
            fields => string.Join(" || char(10) || ", fields.Select(f => $"coalesce({f}, '')")),
            rows => $"group_concat({rows}, char(10))",
            column => $"replace(replace({column}, char(2), ' '), char(3), ' ')",
            "group_concat(l.\"Kind\" || ':' || l.\"Value\", char(31))",
            column => column);

        // Title and takeaways count most, timeline chatter least (bm25 weights, in column order); the labels not at all.
        private const string Weights = "10.0, 6.0, 3.0, 4.0, 6.0, 4.0, 2.0, 2.0, 1.0, 1.0, 0.0";

        public override async Task RefreshAsync(FiresideDb db, IReadOnlyCollection<Guid>? reviewIds, bool documents, CancellationToken cancellationToken)
        {
            var ids = reviewIds?.ToArray();
            var which = ids is null ? "" : $" AND r.\"Id\" IN ({string.Join(", ", ids.Select((_, k) => $"{{{k}}}"))})";
            var where = ids is null ? "" : $" WHERE \"ReviewId\" IN ({string.Join(", ", ids.Select((_, k) => $"{{{k}}}"))})";
            object[] parameters = ids is null ? [] : [.. ids.Cast<object>()];
            var sql = new List<string>();
            foreach (var table in documents ? ["SearchDocuments", "SearchEntries", "SearchLabels", "ReviewInsights"] : new[] { "SearchLabels", "ReviewInsights" })
            {
                sql.Add($"DELETE FROM \"{table}\"{where}");
            }

            foreach (var (kind, column) in LabelColumns)
            {
                sql.Add($"INSERT INTO \"SearchLabels\" (\"ReviewId\", \"Kind\", \"Value\") SELECT DISTINCT r.\"Id\", '{kind}', j.value FROM \"Reviews\" r, json_each(r.\"{column}\") j WHERE r.\"DeletedAt\" IS NULL{which}");
            }

            sql.Add(ThemeLabels(which));
            sql.Add(ParticipantTeamLabels(which));
            if (documents)
            {
                sql.Add(InsertDocuments(SqliteDialect, which, LabelWords));
                sql.Add(InsertEntries(SqliteDialect, which));
            }

            sql.Add(ReviewInsight.InsertSql(SqliteDialect.Aggregate, SqliteDialect.Time, which));
            // One command for all of it: a review saved on its own pays for one round of the statements, not twelve.
            // Built from constants and placeholders only; the ids are parameters.
            await db.Database.ExecuteSqlRawAsync(string.Join(";\n", sql), parameters, cancellationToken);
        }

        public override async Task CompactAsync(FiresideDb db, CancellationToken cancellationToken) =>
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SearchIndex\"(\"SearchIndex\") VALUES ('optimize')", cancellationToken);

        public override IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true, IReadOnlyList<(string Kind, string Value)>? labels = null)
        {
            // With labels, the words and the labels are one match: FTS5 intersects their lists of rows, so a filter by
            // a theme reads the rows of the reviews with both, not of every review with the words (a word in 19,000
            // reviews, 6,300 of them under the theme).
            var narrowed = (string match) => labels is { Count: > 0 } ? $"({match}) AND {LabelExpression(labels)}" : match;
            if (!ranked)
            {
                return Unranked(db, narrowed(MatchExpression(query)));
            }

            // Every match, in the step it belongs to and ranked as Best ranks it. Constants only; each step's query is a parameter.
            var sql = $"SELECT {HitColumns}, m.\"Rank\" AS \"Rank\" FROM ({Arm(0, null)} UNION ALL {Arm(1, null)} UNION ALL {Arm(2, null)}) m " +
                "JOIN \"SearchEntries\" e ON e.\"Key\" = m.\"Key\"";
            return db.Set<SearchHit>().FromSqlRaw(sql, [.. Steps(query).Select(narrowed)]);
        }

        public override IQueryable<SearchHit> Best(FiresideDb db, SearchQuery query, int count)
        {
            // Step by step, as on PostgreSQL: the words in the title, tl;dr or takeaways, then in the summary,
            // surprises or factors, then only further down. Each step is a query of its own to FTS5, which finds its
            // matches in the index alone and works out bm25 only for them; SQLite runs the parts of a UNION ALL in
            // turn and stops once the limit has its rows: for a word in a third of the library, the first step alone
            // fills it and bm25 is worked out for a fifth of the matches (40 to 20 ms). Constants and a number only;
            // each step's query is a parameter.
            var sql = $"SELECT {HitColumns}, m.\"Rank\" AS \"Rank\" FROM ({Arm(0, count)} UNION ALL {Arm(1, count)} UNION ALL {Arm(2, count)} LIMIT {count}) m " +
                "JOIN \"SearchEntries\" e ON e.\"Key\" = m.\"Key\"";
            return db.Set<SearchHit>().FromSqlRaw(sql, [.. Steps(query)]);
        }

        /// <summary>
        /// The matches of one step of the rank (its query is parameter {step}), each with the step's start plus its bm25
        /// in that step's query; the best <paramref name="limit"/> of them when there is a limit.
        /// </summary>
        private static string Arm(int step, int? limit) =>
            $"SELECT * FROM (SELECT rowid AS \"Key\", {(step == 0 ? "0.0" : $"{step}00000.0")} + bm25(\"SearchIndex\", {Weights}) - rowid * {KeyShare} AS \"Rank\" " +
            $"FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH {{{step}}}{(limit is { } n ? $" ORDER BY 2 LIMIT {n}" : "")})";

        /// <summary>
        /// The three steps' queries: the words all in the title, tl;dr or takeaways; else all in the summary, surprises
        /// or factors; else anywhere; none of them with a word left out. Each step's words are looked for only in its
        /// parts, so its bm25 weighs how well they fit there (within the first step, a review whose title and
        /// takeaways say the word more). The steps are 100,000 apart, far more than bm25 gives for the most words a
        /// search may have (<see cref="SearchQuery.MaxTerms"/>), so a step never overlaps the next.
        /// </summary>
        private static string[] Steps(SearchQuery query)
        {
            var wanted = Wanted(query);
            var without = query.Excluded.Count == 0 ? "" : $" NOT ({TextColumns} : ({string.Join(" OR ", query.Excluded.Select(Phrase))}))";
            var (a, b) = ($"({PartsA} : ({wanted}))", $"({PartsB} : ({wanted}))");
            return [$"({a}){without}", $"(({b}) NOT {a}){without}", $"((({TextColumns} : ({wanted})) NOT {a}) NOT {b}){without}"];
        }

        /// <summary>The parts whose words lift a review most (the first step), then the next; the same as PostgreSQL's.</summary>
        private static readonly string PartsA = "{" + string.Join(' ', new[] { SearchPart.Title, SearchPart.TlDr, SearchPart.Takeaways }) + "}";

        private static readonly string PartsB = "{" + string.Join(' ', new[] { SearchPart.Summary, SearchPart.Surprises, SearchPart.Factors }) + "}";

        /// <summary>
        /// A share of the row's key taken off its rank, so that reviews bm25 scores the same (common in look-alike
        /// reviews) rank apart, the one indexed last first, and the best few of a step are the best few of the whole
        /// search without a second look (a word whose best thousand tied at the edge took two rounds: 44 to 22 ms).
        /// Too small to move a review past one bm25 scores differently (a key of ten million moves it by 0.001).
        /// </summary>
        private const string KeyShare = "1e-10";

        public override IQueryable<SearchHit> Labelled(FiresideDb db, IReadOnlyList<(string Kind, string Value)> labels) =>
            Unranked(db, LabelExpression(labels));

        /// <summary>The search rows of what an FTS5 expression matches, without a rank. Only constants here; the expression is parameter {0}.</summary>
        private static IQueryable<SearchHit> Unranked(FiresideDb db, string match) =>
            db.Set<SearchHit>().FromSqlRaw(
                $"SELECT {HitColumns}, 0.0 AS \"Rank\" FROM \"SearchIndex\" JOIN \"SearchEntries\" e ON e.\"Key\" = \"SearchIndex\".rowid WHERE \"SearchIndex\" MATCH {{0}}", match);

        /// <summary>
        /// Each label as a phrase in the labels column, written as <see cref="LabelWords"/> writes it: every review
        /// with the label matches, and a few without it may (values that differ only in spaces, dashes or stemming).
        /// </summary>
        private static string LabelExpression(IReadOnlyList<(string Kind, string Value)> labels) =>
            string.Join(" AND ", labels.Select(l => $"{LabelsColumn} : \"{LabelWord(l.Kind, l.Value).Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

        /// <summary>
        /// A label as the index reads it: its kind and value run together without spaces, dashes or underscores
        /// ("themecapacityandload"), mostly one word of its own. As separate words ("theme capacity and load"),
        /// FTS5 read the long lists of "theme" and "and" for every filter (12 ms of a search, against 1 ms).
        /// </summary>
        private static string LabelWord(string kind, string value) =>
            kind + value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

        /// <summary>The same as <see cref="LabelWord"/>, in SQL, for the services, tags and themes of review "r", one after another.</summary>
        private static readonly string LabelWords =
            $"(SELECT group_concat(l.\"Kind\" || replace(replace(replace(l.\"Value\", ' ', ''), '-', ''), '_', ''), ' ') {OwnLabels})";

        /// <summary>The index's column of labels, after the parts (the migration SearchLabelFilter made it).</summary>
        private const string LabelsColumn = "Labels";

        /// <summary>The parts people wrote: every search for words looks in these only, never among the labels.</summary>
        private static readonly string TextColumns = "{" + string.Join(' ', Columns) + "}";

        public override async Task<int?> CountAsync(FiresideDb db, SearchQuery query, CancellationToken cancellationToken)
        {
            const string sql = "SELECT count(*) AS \"Value\" FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH {0}";
            return await db.Database.SqlQueryRaw<int>(sql, MatchExpression(query)).SingleAsync(cancellationToken);
        }

        public override Task<List<SearchMatch>> PlacesAsync(FiresideDb db, SearchQuery query, IReadOnlyList<Guid> reviewIds, CancellationToken cancellationToken)
        {
            if (reviewIds.Count == 0)
            {
                return Task.FromResult(new List<SearchMatch>());
            }

            var places = string.Join(" | ", Columns.Select((_, k) => $"((coalesce(instr(highlight(\"SearchIndex\", {k}, char(2), char(3)), char(2)), 0) > 0) << {k})"));
            var ids = string.Join(", ", reviewIds.Select((_, k) => $"{{{k + 1}}}"));
            object[] parameters = [MatchExpression(query), .. reviewIds.Cast<object>()];
            // The unary + keeps the page's row ids away from FTS5: it walks the match's list once and the page's rows
            // are picked from it. Handed the ids, it looks each one up in the list, which for a word in thousands of
            // reviews took 5 ms a row. Built from constants and placeholders only; the query and the ids are parameters.
            var sql = $"SELECT e.\"ReviewId\" AS \"ReviewId\", {places} AS \"Places\", snippet(\"SearchIndex\", -1, char(2), char(3), '…', 24) AS \"Snippet\" " +
                $"FROM \"SearchIndex\" JOIN \"SearchEntries\" e ON e.\"Key\" = +\"SearchIndex\".rowid WHERE \"SearchIndex\" MATCH {{0}} " +
                $"AND +\"SearchIndex\".rowid IN (SELECT k.\"Key\" FROM \"SearchEntries\" k WHERE k.\"ReviewId\" IN ({ids}))";
            return db.Set<SearchMatch>().FromSqlRaw(sql, parameters)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
        }

        /// <summary>An FTS5 query in which every word is a quoted string: FTS5 reads nothing inside it as an operator.</summary>
        internal static string MatchExpression(SearchQuery query)
        {
            var wanted = Wanted(query);
            return $"{TextColumns} : ({(query.Excluded.Count == 0 ? wanted : $"({wanted}) NOT ({string.Join(" OR ", query.Excluded.Select(Phrase))})")})";
        }

        /// <summary>The words that must be there, without those left out (each step of the rank asks where these are).</summary>
        private static string Wanted(SearchQuery query) =>
            string.Join(" AND ", query.Required.Select(group => "(" + string.Join(" OR ", group.Select(Phrase)) + ")"));

        private static string Phrase(SearchTerm term) => "\"" + string.Join(' ', term.Words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// PostgreSQL: tsvectors built from each document with the "fireside" text search configuration (English stemming
    /// after unaccent), on text lower-cased with ICU so every script folds whatever the database's locale; one of the
    /// whole text, which decides the match, and two of the parts that weigh most, which decide the rank.
    /// </summary>
    private sealed class Postgres : SearchIndex
    {
        public static readonly Postgres Instance = new();

        private static readonly Dialect PostgresDialect = new(
            fields => $"concat_ws(chr(10), {string.Join(", ", fields)})",
            rows => $"string_agg({rows}, chr(10))",
            column => $"translate({column}, chr(2) || chr(3), '  ')",
            "string_agg(l.\"Kind\" || ':' || l.\"Value\", chr(31))",
            column => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");

        /// <summary>A part of the document as the index reads it (the vector is built from these, and the page's places are checked with them).</summary>
        public static string Folded(string column) => $"to_tsvector('fireside', lower(coalesce({column}, '') COLLATE \"und-x-icu\"))";

        public override async Task RefreshAsync(FiresideDb db, IReadOnlyCollection<Guid>? reviewIds, bool documents, CancellationToken cancellationToken)
        {
            var ids = reviewIds?.Order().ToArray();
            object[] parameters = ids is null ? [] : [ids];
            var which = ids is null ? "" : " AND r.\"Id\" = ANY({0})";
            var sql = new List<string>();
            if (ids is not null)
            {
                // Two saves touching the same review at once (people joining the room together) would each delete and
                // insert its rows, and the later insert would meet the earlier one's row. One at a time per review,
                // taken in a fixed order (the ids are sorted) so that two saves never wait on each other. SQLite
                // writes one at a time anyway.
                sql.Add("SELECT count(pg_advisory_xact_lock(hashtextextended(id::text, 0))) FROM unnest({0}::uuid[]) AS id");
            }

            foreach (var table in documents ? ["SearchDocuments", "SearchEntries", "SearchLabels", "ReviewInsights"] : new[] { "SearchLabels", "ReviewInsights" })
            {
                sql.Add(ids is null ? $"DELETE FROM \"{table}\"" : $"DELETE FROM \"{table}\" WHERE \"ReviewId\" = ANY({{0}})");
            }

            foreach (var (kind, column) in LabelColumns)
            {
                sql.Add($"INSERT INTO \"SearchLabels\" (\"ReviewId\", \"Kind\", \"Value\") SELECT DISTINCT r.\"Id\", '{kind}', v FROM \"Reviews\" r, unnest(r.\"{column}\") v WHERE r.\"DeletedAt\" IS NULL{which}");
            }

            sql.Add(ThemeLabels(which));
            sql.Add(ParticipantTeamLabels(which));
            if (documents)
            {
                sql.Add(InsertDocuments(PostgresDialect, which));
                sql.Add(InsertEntries(PostgresDialect, which, ", \"Vector\", \"AVector\", \"BVector\"", $", {MatchedVector}, v.a, v.b", RankVectors));
            }

            sql.Add(ReviewInsight.InsertSql(PostgresDialect.Aggregate, PostgresDialect.Time, which));
            // One round trip for all of it: a review saved on its own pays for one, not a dozen.
            // Built from constants and placeholders only; the ids are one parameter.
            await db.Database.ExecuteSqlRawAsync(string.Join(";\n", sql), parameters, cancellationToken);
        }

        /// <summary>
        /// The parts that weigh most, for the rank: title, tl;dr and takeaways (A), then summary, surprises and factors (B).
        /// The rest (remediation, accounts, timeline, notes) is matched but does not lift a review.
        /// </summary>
        private static readonly SearchPart[] PartsA = [SearchPart.Title, SearchPart.TlDr, SearchPart.Takeaways];

        private static readonly SearchPart[] PartsB = [SearchPart.Summary, SearchPart.Surprises, SearchPart.Factors];

        /// <summary>The parts that are matched but do not lift a review.</summary>
        private static readonly SearchPart[] PartsRest = [.. Enum.GetValues<SearchPart>().Except(PartsA).Except(PartsB)];

        /// <summary>
        /// The long parts, each marked in the matched vector with a weight of its own, so that the page's places are
        /// read from the stored vector (ts_filter) instead of parsing these parts of every review on the page again:
        /// they are two thirds of a review's text. The rest (the rank's parts and the room's notes) keeps weight D.
        /// </summary>
        private static readonly Dictionary<SearchPart, char> Weights = new() { [SearchPart.Remediation] = 'A', [SearchPart.Accounts] = 'B', [SearchPart.Timeline] = 'C' };

        /// <summary>
        /// The rank's two vectors of document "d", as "v.a" and "v.b", each parsed once. OFFSET 0 keeps PostgreSQL
        /// from copying the two expressions into each place that names them, which would parse them again.
        /// </summary>
        private static readonly string RankVectors =
            $" CROSS JOIN LATERAL (SELECT {Folded(Text(PartsA))} AS a, {Folded(Text(PartsB))} AS b OFFSET 0) v";

        /// <summary>The labels of review "r" (not its teams) as lexemes of their own, for <see cref="LabelQuery"/>.</summary>
        private static readonly string LabelLexemes =
            $"array_to_tsvector(ARRAY(SELECT chr(31) || l.\"Kind\" || ':' || l.\"Value\" {OwnLabels}))";

        /// <summary>
        /// The vector that is matched, of document "d" and review "r": the rank's two vectors joined with the other
        /// parts and the labels, so that no part is parsed twice (parsing the whole text again for it had kept the
        /// index's share of a grouped import above a fifth). Joining weighted vectors costs next to nothing beside
        /// the parsing: 1,000 reviews, 398 ms against 401 ms for one vector of the whole text.
        /// </summary>
        private static readonly string MatchedVector = string.Join(" || ", [
            "v.a", "v.b",
            .. PartsRest.Select(p => Weights.TryGetValue(p, out var weight) ? $"setweight({Folded($"d.\"{p}\"")}, '{weight}')" : Folded($"d.\"{p}\"")),
            LabelLexemes]);

        private static string Text(IEnumerable<SearchPart> parts) => $"concat_ws(chr(10), {string.Join(", ", parts.Select(p => $"d.\"{p}\""))})";

        /// <summary>
        /// The matched vector's GIN index sets new entries aside and merges them in once this session has set aside
        /// more than gin_pending_list_limit; every search reads through what is set aside. Saves keep the 1 MB the
        /// database asks of every session (SearchPendingList), so searches stay quick after edits. A bulk import's
        /// transactions set aside up to 16 MB and the import merges it all once at the end (SettleAsync): merging a
        /// library's worth of entries at once costs far less than merging 50 reviews' worth after every transaction.
        /// A larger limit for everyone was tried and refused: 4 MB made a review's related reviews (which ask the
        /// index a word at a time) take 1 s instead of 30 ms, every question reading through what was set aside.
        /// </summary>
        public override async Task GatherAsync(FiresideDb db, CancellationToken cancellationToken) =>
            await db.Database.ExecuteSqlRawAsync("SET LOCAL gin_pending_list_limit = 16384", cancellationToken);

        /// <summary>Merges what the three GIN indexes set aside (the rank's two keep 1 MB of their own, and are merged too, so searches after an import read nothing set aside).</summary>
        public override async Task SettleAsync(FiresideDb db, CancellationToken cancellationToken)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "SELECT gin_clean_pending_list(i::regclass) FROM unnest(ARRAY['\"IX_SearchEntries_Vector\"', '\"IX_SearchEntries_AVector\"', '\"IX_SearchEntries_BVector\"']) i",
                    cancellationToken);
            }
            catch (Npgsql.PostgresException denied) when (denied.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
            {
                // Only the index's owner may merge it. The reviews are saved; autovacuum merges what was set aside.
            }
        }

        public override async Task CompactAsync(FiresideDb db, CancellationToken cancellationToken) =>
            await db.Database.ExecuteSqlRawAsync(
                "VACUUM (ANALYZE) \"SearchDocuments\", \"SearchEntries\", \"SearchLabels\", \"ReviewInsights\", \"WritingStats\"", cancellationToken);

        public override IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true, IReadOnlyList<(string Kind, string Value)>? labels = null)
        {
            var (tsquery, parameters) = TsQuery(query);
            // With labels, the words and the labels are one question to the GIN index, which intersects their lists of
            // rows (see LabelQuery); the rank's steps still ask for the words alone. Built from constants and
            // placeholders only; every term and the labels are parameters.
            var labelled = labels is { Count: > 0 } ? $" && {{{parameters.Length}}}::tsquery" : "";
            parameters = labels is { Count: > 0 } ? [.. parameters, LabelQuery(labels)] : parameters;
            var sql = $"SELECT {HitColumns}, 0.0::float8 AS \"Rank\" FROM \"SearchEntries\" e, (SELECT {tsquery} AS query) s WHERE e.\"Vector\" @@ (s.query{labelled})";
            if (ranked)
            {
                // The rank is where the words were found: in the title, tl;dr or takeaways (0), else in the summary,
                // surprises and factors (1), else only further down (2); the newest comes first within each. Each of
                // these is its own GIN index's answer, joined by key, so no vector is read for the matches' sake. With
                // ts_rank, every match's weighted vector was read: a word in a third of 100,000 reviews took 180 ms.
                sql = $"SELECT {HitColumns}, (CASE WHEN a.\"Key\" IS NOT NULL THEN 0 WHEN b.\"Key\" IS NOT NULL THEN 1 ELSE 2 END)::float8 AS \"Rank\" " +
                    $"FROM \"SearchEntries\" e CROSS JOIN (SELECT {tsquery} AS query) s " +
                    "LEFT JOIN \"SearchEntries\" a ON a.\"Key\" = e.\"Key\" AND a.\"AVector\" @@ s.query " +
                    "LEFT JOIN \"SearchEntries\" b ON b.\"Key\" = e.\"Key\" AND b.\"BVector\" @@ s.query " +
                    $"WHERE e.\"Vector\" @@ (s.query{labelled})";
            }

            return db.Set<SearchHit>().FromSqlRaw(sql, parameters);
        }

        public override IQueryable<SearchHit> Labelled(FiresideDb db, IReadOnlyList<(string Kind, string Value)> labels)
        {
            // Only constants here; the labels are parameter {0}.
            const string sql = $"SELECT {HitColumns}, 0.0::float8 AS \"Rank\" FROM \"SearchEntries\" e WHERE e.\"Vector\" @@ {{0}}::tsquery";
            return db.Set<SearchHit>().FromSqlRaw(sql, LabelQuery(labels));
        }

        /// <summary>
        /// The labels as a tsquery of the lexemes <see cref="LabelLexemes"/> adds to each vector: a unit separator,
        /// the kind, a colon and the value as typed, each quoted (a quote doubled, a backslash escaped), all required.
        /// No word of a text ever becomes such a lexeme: the parser never keeps a control character.
        /// </summary>
        internal static string LabelQuery(IReadOnlyList<(string Kind, string Value)> labels) =>
            string.Join(" & ", labels.Select(l => "'" + (LabelSeparator + l.Kind + ":" + l.Value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"));

        public override IQueryable<SearchHit> Best(FiresideDb db, SearchQuery query, int count)
        {
            var (tsquery, parameters) = TsQuery(query);
            // A query of single words with nothing left out that matches a part matches the whole document too, so
            // the first two ranks need not ask the whole document's index as well (a word in a third of the library:
            // 5 ms of 22). A phrase could run across two parts that lie side by side in one rank's text and not in
            // the whole, and a word left out could be elsewhere: then the whole document is asked as well.
            var partImpliesWhole = query.Excluded.Count == 0 && query.Wanted.All(t => t.Words.Count == 1);
            string Tier(int rank, string where) =>
                $"(SELECT {HitColumns}, {rank}.0::float8 AS \"Rank\" FROM \"SearchEntries\" e, (SELECT {tsquery} AS query) s " +
                $"WHERE {(rank < 2 && partImpliesWhole ? "" : "e.\"Vector\" @@ s.query AND ")}{where} ORDER BY e.\"Date\" DESC, e.\"ReviewId\" LIMIT {count})";
            string Not(string vector) => $"NOT EXISTS (SELECT 1 FROM \"SearchEntries\" x WHERE x.\"Key\" = e.\"Key\" AND x.\"{vector}\" @@ s.query)";
            // Rank by rank, each the newest first: PostgreSQL runs the parts of a UNION ALL in turn and stops as soon
            // as the outer LIMIT has its rows, so when the first rank alone fills it (a word in the titles of 8,000
            // reviews), the others are never read. This needs the parts run one after the other, never side by side
            // in parallel workers: BeginSearchAsync turns those off. Constants and a number only; every term is a parameter.
            var sql = $"SELECT * FROM ({Tier(0, "e.\"AVector\" @@ s.query")} UNION ALL {Tier(1, $"e.\"BVector\" @@ s.query AND {Not("AVector")}")} " +
                $"UNION ALL {Tier(2, $"{Not("AVector")} AND {Not("BVector")}")}) t LIMIT {count}";
            return db.Set<SearchHit>().FromSqlRaw(sql, parameters);
        }

        public override bool BestBreaksTies => true;

        public override bool SlowCount => true;

        public override async Task<int?> CountAsync(FiresideDb db, SearchQuery query, CancellationToken cancellationToken)
        {
            var (tsquery, parameters) = TsQuery(query);
            var sql = $"SELECT count(*)::int AS \"Value\" FROM \"SearchEntries\" e, (SELECT {tsquery} AS query) s WHERE e.\"Vector\" @@ s.query";
            return await db.Database.SqlQueryRaw<int>(sql, parameters).SingleAsync(cancellationToken);
        }

        public override Task<List<SearchMatch>> PlacesAsync(FiresideDb db, SearchQuery query, IReadOnlyList<Guid> reviewIds, CancellationToken cancellationToken)
        {
            if (reviewIds.Count == 0)
            {
                return Task.FromResult(new List<SearchMatch>());
            }

            var (tsquery, parameters) = TsQuery(query);
            // Each part is matched once, in the inner query: OFFSET 0 keeps PostgreSQL from folding it into the outer
            // one, which would match every part twice (for the places and again to pick the snippet's part).
            // The long parts are looked for in the stored vector, under their own weight (see Weights); the others are parsed.
            var matches = string.Join(", ", Columns.Select((c, k) =>
                $"({(Weights.TryGetValue(Enum.Parse<SearchPart>(c), out var weight) ? $"ts_filter(e.\"Vector\", ARRAY['{char.ToLowerInvariant(weight)}'::\"char\"])" : Folded($"d.\"{c}\""))} @@ s.query) AS m{k}"));
            var places = string.Join(" | ", Columns.Select((_, k) => $"(CASE WHEN m.m{k} THEN {1L << k} ELSE 0 END)::bigint"));
            var best = "CASE " + string.Join(" ", Columns.Select((c, k) => $"WHEN m.m{k} THEN m.\"{c}\"")) + " ELSE m.\"Title\" END";
            var options = "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \"'";
            var sql = $"SELECT m.\"ReviewId\" AS \"ReviewId\", {places} AS \"Places\", ts_headline('fireside', {best}, m.query, {options}) AS \"Snippet\" " +
                $"FROM (SELECT d.*, s.query, {matches} FROM \"SearchDocuments\" d JOIN \"SearchEntries\" e ON e.\"ReviewId\" = d.\"ReviewId\", (SELECT {tsquery} AS query) s " +
                $"WHERE d.\"ReviewId\" = ANY({{{parameters.Length}}}) OFFSET 0) m";
            return db.Set<SearchMatch>().FromSqlRaw(sql, [.. parameters, reviewIds.ToArray()])
                .AsNoTracking()
                .ToListAsync(cancellationToken);
        }

        /// <summary>
        /// A read transaction in which the planner keeps to the GIN indexes and to one process. For a word in a third
        /// of the reviews it would rather read the table from end to end, because it does not count what reading each
        /// row's vector out of line costs (about 1 s at 100,000 reviews, against 0.1 s through the index). Parallel
        /// workers took longer for every search measured (their start-up is more than these queries' work), and
        /// <see cref="Best"/> needs its parts run in turn. When the caller has a transaction of its own, only the
        /// workers are turned off in it: keeping away from table scans would outlive the search there.
        /// </summary>
        public override async Task<IAsyncDisposable?> BeginSearchAsync(FiresideDb db, CancellationToken cancellationToken)
        {
            if (db.Database.CurrentTransaction is not null)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
                return null;
            }

            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
            return transaction;
        }

        /// <summary>A tsquery built from one phraseto_tsquery per term, each given its words as a parameter, joined with &amp;&amp;, || and !!.</summary>
        private static (string Sql, object[] Parameters) TsQuery(SearchQuery query)
        {
            var parameters = new List<object>();
            string Term(SearchTerm term)
            {
                parameters.Add(term.Text);
                return $"phraseto_tsquery('fireside', lower({{{parameters.Count - 1}}}::text COLLATE \"und-x-icu\"))";
            }

            var wanted = string.Join(" && ", query.Required.Select(group => "(" + string.Join(" || ", group.Select(Term)) + ")"));
            var sql = query.Excluded.Count == 0 ? wanted : $"({wanted}) && !!({string.Join(" || ", query.Excluded.Select(Term))})";
            return (sql, [.. parameters]);
        }
    }
}
