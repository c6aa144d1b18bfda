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
    /// </summary>
    public abstract IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true);

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

    /// <summary>The statement that writes the documents of the (not deleted) reviews chosen by <paramref name="which"/>.</summary>
    private static string InsertDocuments(Dialect dialect, string which) =>
        $"INSERT INTO \"SearchDocuments\" (\"ReviewId\", {string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
        $"SELECT r.\"Id\", {string.Join(", ", PartsSql(dialect).Select(dialect.Clean))} " +
        $"FROM \"Reviews\" r WHERE r.\"DeletedAt\" IS NULL{which}";

    /// <summary>
    /// The statement that writes the search rows of those reviews, after their documents (the same key), with any
    /// columns of the database's own (<paramref name="columns"/>, computed by <paramref name="values"/> from document "d").
    /// </summary>
    private static string InsertEntries(Dialect dialect, string which, string columns = "", string values = "", string joins = "") =>
        $"INSERT INTO \"SearchEntries\" (\"Key\", \"ReviewId\", \"Date\", \"Severity\", \"Status\", \"Labels\"{columns}) " +
        $"SELECT d.\"Key\", r.\"Id\", coalesce(r.\"IncidentStartedAt\", r.\"CreatedAt\"), r.\"Severity\", r.\"Status\", " +
        $"(SELECT {dialect.Labels} FROM \"SearchLabels\" l WHERE l.\"ReviewId\" = r.\"Id\" AND l.\"Kind\" <> '{SearchLabel.Team}'){values} " +
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

        // Title and takeaways count most, timeline chatter least (bm25 weights, in column order).
        private const string Weights = "10.0, 6.0, 3.0, 4.0, 6.0, 4.0, 2.0, 2.0, 1.0, 1.0";

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
                sql.Add(InsertDocuments(SqliteDialect, which));
                sql.Add(InsertEntries(SqliteDialect, which));
            }

            sql.Add(ReviewInsight.InsertSql(SqliteDialect.Aggregate, SqliteDialect.Time, which));
            // One command for all of it: a review saved on its own pays for one round of the statements, not twelve.
            // Built from constants and placeholders only; the ids are parameters.
            await db.Database.ExecuteSqlRawAsync(string.Join(";\n", sql), parameters, cancellationToken);
        }

        public override async Task CompactAsync(FiresideDb db, CancellationToken cancellationToken) =>
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SearchIndex\"(\"SearchIndex\") VALUES ('optimize')", cancellationToken);

        public override IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true)
        {
            // Only constants here; the query itself is parameter {0}.
            var rank = ranked ? $"bm25(\"SearchIndex\", {Weights})" : "0.0";
            var sql = $"SELECT {HitColumns}, {rank} AS \"Rank\" FROM \"SearchIndex\" JOIN \"SearchEntries\" e ON e.\"Key\" = \"SearchIndex\".rowid WHERE \"SearchIndex\" MATCH {{0}}";
            return db.Set<SearchHit>().FromSqlRaw(sql, MatchExpression(query));
        }

        public override IQueryable<SearchHit> Best(FiresideDb db, SearchQuery query, int count)
        {
            // FTS5 ranks and keeps the best inside the index; only those are joined to their rows. Constants and a
            // number only; the query itself is parameter {0}.
            var sql = $"SELECT {HitColumns}, m.\"Rank\" AS \"Rank\" FROM (SELECT rowid AS \"Key\", bm25(\"SearchIndex\", {Weights}) AS \"Rank\" " +
                $"FROM \"SearchIndex\" WHERE \"SearchIndex\" MATCH {{0}} ORDER BY 2 LIMIT {count}) m JOIN \"SearchEntries\" e ON e.\"Key\" = m.\"Key\"";
            return db.Set<SearchHit>().FromSqlRaw(sql, MatchExpression(query));
        }

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
            static string Phrase(SearchTerm term) => "\"" + string.Join(' ', term.Words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var wanted = string.Join(" AND ", query.Required.Select(group => "(" + string.Join(" OR ", group.Select(Phrase)) + ")"));
            return query.Excluded.Count == 0 ? wanted : $"({wanted}) NOT ({string.Join(" OR ", query.Excluded.Select(Phrase))})";
        }
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
                sql.Add(InsertEntries(PostgresDialect, which, ", \"Vector\", \"AVector\", \"BVector\"", $", {WholeVector}, {Folded(Text(PartsA))}, {Folded(Text(PartsB))}"));
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

        private static string Text(IEnumerable<SearchPart> parts) => $"concat_ws(chr(10), {string.Join(", ", parts.Select(p => $"d.\"{p}\""))})";

        /// <summary>
        /// The vector that is matched, of document "d": its whole text in one pass, without weights (the rank has its
        /// own vectors). Built part by part with weights and joined, it took 2.5 times as long: joining tsvectors is slow.
        /// </summary>
        private static readonly string WholeVector = Folded(Text(Enum.GetValues<SearchPart>()));

        public override async Task CompactAsync(FiresideDb db, CancellationToken cancellationToken) =>
            await db.Database.ExecuteSqlRawAsync(
                "VACUUM (ANALYZE) \"SearchDocuments\", \"SearchEntries\", \"SearchLabels\", \"ReviewInsights\", \"WritingStats\"", cancellationToken);

        public override IQueryable<SearchHit> Match(FiresideDb db, SearchQuery query, bool ranked = true)
        {
            var (tsquery, parameters) = TsQuery(query);
            // Built from constants and placeholders only; every term is a parameter.
            var sql = $"SELECT {HitColumns}, 0.0::float8 AS \"Rank\" FROM \"SearchEntries\" e, (SELECT {tsquery} AS query) s WHERE e.\"Vector\" @@ s.query";
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
                    "WHERE e.\"Vector\" @@ s.query";
            }

            return db.Set<SearchHit>().FromSqlRaw(sql, parameters);
        }

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
            var matches = string.Join(", ", Columns.Select((c, k) => $"({Folded($"d.\"{c}\"")} @@ s.query) AS m{k}"));
            var places = string.Join(" | ", Columns.Select((_, k) => $"(CASE WHEN m.m{k} THEN {1L << k} ELSE 0 END)::bigint"));
            var best = "CASE " + string.Join(" ", Columns.Select((c, k) => $"WHEN m.m{k} THEN m.\"{c}\"")) + " ELSE m.\"Title\" END";
            var options = "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \"'";
            var sql = $"SELECT m.\"ReviewId\" AS \"ReviewId\", {places} AS \"Places\", ts_headline('fireside', {best}, m.query, {options}) AS \"Snippet\" " +
                $"FROM (SELECT d.*, s.query, {matches} FROM \"SearchDocuments\" d, (SELECT {tsquery} AS query) s " +
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
