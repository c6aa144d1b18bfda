using Fireside.Core.Reviews;
using Fireside.Language;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>
/// What the language coach finds in one published review: its words and the findings worth raising (warnings and
/// above) per category. Kept with the review's search document, so insights read a row per review rather than
/// checking every text again. The coach runs with its default settings here, so months stay comparable.
/// </summary>
public sealed class WritingStat
{
    public Guid ReviewId { get; set; }
    public int Words { get; set; }
    public int Counterfactual { get; set; }
    public int RootCause { get; set; }
    public int Blame { get; set; }
    public int Hindsight { get; set; }
    public int Minimizing { get; set; }

    /// <summary>The findings in the order of <see cref="Category"/>.</summary>
    public IReadOnlyList<int> Findings => [Counterfactual, RootCause, Blame, Hindsight, Minimizing];

    private static readonly LanguageCoach Coach = new();

    /// <summary>Recounts the published reviews among these (all reviews when null), inside the caller's transaction, from their search documents.</summary>
    public static async Task RefreshAsync(FiresideDb db, IReadOnlyCollection<Guid>? reviewIds, CancellationToken cancellationToken)
    {
        var stats = db.Set<WritingStat>().AsQueryable();
        var documents = db.SearchDocuments.AsNoTracking().Where(d => db.Reviews.Any(r => r.Id == d.ReviewId && r.Status == ReviewStatus.Published));
        if (reviewIds is not null)
        {
            stats = stats.Where(s => reviewIds.Contains(s.ReviewId));
            documents = documents.Where(d => reviewIds.Contains(d.ReviewId));
        }

        await stats.ExecuteDeleteAsync(cancellationToken);
        // In pages of ids: one connection cannot read a result and write at the same time on PostgreSQL, and a
        // whole library's text does not belong in memory at once. A few reviews (a save) are one page already.
        IEnumerable<Guid[]> pages = reviewIds is { Count: <= PageSize } ? [[.. reviewIds]] : (await documents.Select(d => d.ReviewId).ToListAsync(cancellationToken)).Chunk(PageSize);
        foreach (var page in pages)
        {
            // What people wrote for the review, without the room's notes (those are jotted down, not published prose).
            var texts = await documents.Where(d => page.Contains(d.ReviewId))
                .Select(d => new { d.ReviewId, Text = string.Join("\n\n", new[] { d.Title, d.TlDr, d.Summary, d.Surprises, d.Takeaways, d.Factors, d.Remediation, d.Accounts, d.Timeline }) })
                .ToListAsync(cancellationToken);
            // The coach reads each review on its own, so a page of them (an import, a reindex) is read on every core:
            // the database waits for these counts, and it is the only work in hand. One review (a save) stays on its thread.
            await InsertAsync(db, [.. texts.AsParallel().AsOrdered().Select(t => Count(t.ReviewId, t.Text))], cancellationToken);
        }
    }

    /// <summary>How many reviews are read and written at a time.</summary>
    public const int PageSize = 200;

    public static WritingStat Count(Guid reviewId, string text)
    {
        var stat = new WritingStat { ReviewId = reviewId, Words = CountWords(text) };
        foreach (var finding in Coach.Check(text))
        {
            if (finding.Severity < Severity.Warning)
            {
                continue;
            }

            switch (finding.Category)
            {
                case Category.Counterfactual: stat.Counterfactual++; break;
                case Category.RootCause: stat.RootCause++; break;
                case Category.Blame: stat.Blame++; break;
                case Category.Hindsight: stat.Hindsight++; break;
                case Category.Minimizing: stat.Minimizing++; break;
            }
        }

        return stat;
    }

    public static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            words += letter && !inWord ? 1 : 0;
            inWord = letter || (inWord && c is '\'' or '’' or '-');
        }

        return words;
    }

    private static async Task InsertAsync(FiresideDb db, IReadOnlyList<WritingStat> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        const int columns = 7;
        var rows = string.Join(", ", batch.Select((_, k) => "(" + string.Join(", ", Enumerable.Range(k * columns, columns).Select(p => $"{{{p}}}")) + ")"));
        object[] parameters = [.. batch.SelectMany(s => new object[] { s.ReviewId, s.Words, s.Counterfactual, s.RootCause, s.Blame, s.Hindsight, s.Minimizing })];
        // Placeholders only; every value is a parameter.
        var sql = $"INSERT INTO \"WritingStats\" (\"ReviewId\", \"Words\", \"Counterfactual\", \"RootCause\", \"Blame\", \"Hindsight\", \"Minimizing\") VALUES {rows}";
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }
}
