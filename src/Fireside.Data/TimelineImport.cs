using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Importers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fireside.Data;

/// <summary>What an import did, for the one-line summary people see.</summary>
public sealed record ImportSummary(int Imported, int Duplicates, int OutsideWindow, int Actors)
{
    public override string ToString() =>
        $"imported {Imported} {(Imported == 1 ? "entry" : "entries")}, {Duplicates} {(Duplicates == 1 ? "duplicate" : "duplicates")} skipped, {Actors} {(Actors == 1 ? "actor" : "actors")}"
        + (OutsideWindow > 0 ? $", {OutsideWindow} outside the window left out" : "");
}

/// <summary>
/// Adds imported entries to a review's timeline: all of them or none (one transaction), each source
/// entry once (a repeat import adds only what is new), and only inside the window when one is given.
/// Entries are streamed in batches, so a large export does not sit in memory.
/// </summary>
public static class TimelineImport
{
    private const int BatchSize = 2000;

    /// <summary>
    /// Reads the source twice: once to check all of it, with no transaction open (a broken, slow or huge file
    /// never holds the database), then once more to write it in one transaction. The transaction takes the
    /// review's write lock before it looks at what is already there, so two imports of the same file at the
    /// same moment do not both add it: the second finds the first's entries and adds nothing.
    /// </summary>
    public static async Task<ImportSummary> RunAsync(
        FiresideDb db,
        Guid reviewId,
        Func<IEnumerable<ImportedEntry>> read,
        DateTime? since,
        DateTime? until,
        DateTime now,
        ImportLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        if (since is { } from && until is { } to && to < from)
        {
            throw DomainValidationException.For("until", "The end of the window is before its start.");
        }

        if (!await db.Reviews.AnyAsync(r => r.Id == reviewId, cancellationToken))
        {
            throw ReviewOperations.MissingReview(reviewId);
        }

        Check(read, limits ?? ImportLimits.Default, cancellationToken);

        // Names the organisation has put together come in as the name their person goes by ("bob.j" as "Bob Jensen").
        var named = await NamesOperations.KnownNamesAsync(db, cancellationToken);
        var names = new Dictionary<(string, ActorKind), string>();
        var actors = new HashSet<string>(StringComparer.Ordinal);
        int imported = 0, duplicates = 0, outside = 0;
        string? source = null;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Batches are saved one by one; the review's search document is rebuilt once, before the commit, and its
        // history says what came in with one record rather than one per moment.
        db.SearchRefreshDeferred = true;
        var recording = db.RecordsChanges;
        db.RecordsChanges = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (db.Database.IsNpgsql())
            {
                // SQLite's transaction holds the write lock from its start; PostgreSQL takes a lock for this review's imports.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"fireside-import:" + reviewId}))", cancellationToken);
            }

            var known = (await db.TimelineEntries.Where(e => e.ReviewId == reviewId && e.SourceKey != null).Select(e => e.SourceKey!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var batch = new List<TimelineEntry>(BatchSize);
            foreach (var entry in read())
            {
                if ((since is { } s && entry.OccurredAt < s) || (until is { } u && entry.OccurredAt > u))
                {
                    outside++;
                    continue;
                }

                if (!known.Add(Fit(entry.SourceKey, 200)))
                {
                    duplicates++;
                    continue;
                }

                if (!names.TryGetValue((entry.Actor, entry.ActorKind), out var actor))
                {
                    // Once per name a file uses, not per message.
                    actor = Fit(named(entry.Actor, entry.ActorKind), ReviewRules.ActorMaxLength);
                    names[(entry.Actor, entry.ActorKind)] = actor;
                    actors.Add(PersonNames.Key(actor));
                }

                source ??= entry.Source;
                batch.Add(new TimelineEntry
                {
                    ReviewId = reviewId,
                    OccurredAt = DateTime.SpecifyKind(entry.OccurredAt, DateTimeKind.Utc),
                    Actor = actor,
                    ActorKind = entry.ActorKind,
                    Kind = entry.Kind,
                    Text = Fit(entry.Text, ReviewRules.EntryTextMaxLength),
                    Link = entry.Link is { Length: <= ReviewRules.LinkMaxLength } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link : null,
                    Source = Fit(entry.Source, 40),
                    SourceKey = Fit(entry.SourceKey, 200),
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                imported++;
                if (batch.Count == BatchSize)
                {
                    await FlushAsync(db, batch, cancellationToken);
                }
            }

            await FlushAsync(db, batch, cancellationToken);
            if (imported > 0)
            {
                db.RecordChange(reviewId, "moment", "", "imported", null, $"{imported:N0} {(imported == 1 ? "moment" : "moments")} from {Fit(source ?? "a file", 40)}", db.Now);
                await db.SaveChangesAsync(cancellationToken);
                await db.RefreshSearchAsync([reviewId], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.RecordsChanges = recording;
            db.SearchRefreshDeferred = false;
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }

        return new ImportSummary(imported, duplicates, outside, actors.Count);
    }

    /// <summary>
    /// Reads everything once, before any transaction, so a mistake anywhere in the file is found while the
    /// database is untouched. An importer failing in a way it should not is still reported as the file's
    /// problem, never as a crash (the fuzz tests keep the importers from needing this).
    /// </summary>
    private static void Check(Func<IEnumerable<ImportedEntry>> read, ImportLimits limits, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            foreach (var entry in read())
            {
                if (++count % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (entry.OccurredAt.Kind == DateTimeKind.Local)
                {
                    throw new ImportFormatException($"entry {count}: its time has no zone.");
                }

                if (entry.Text.Length > limits.MaxMessageLength)
                {
                    throw new ImportFormatException($"Entry {count} ({entry.Actor} at {entry.OccurredAt:yyyy-MM-dd HH:mm:ss}) is {entry.Text.Length:N0} characters long; Fireside reads messages of up to {limits.MaxMessageLength:N0} (setting Imports:MaxMessageLength).");
                }
            }
        }
        catch (Exception e) when (e is not ImportFormatException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ImportFormatException($"The file could not be read after entry {count}{(e is System.Text.Json.JsonException json ? Fireside.Importers.Input.At(json) : "")}: it looks damaged or cut short.", e);
        }
    }

    private static async Task FlushAsync(FiresideDb db, List<TimelineEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (db.Database.IsSqlite())
        {
            SqliteInsert(db, batch);
            batch.Clear();
            return;
        }

        db.TimelineEntries.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    /// <summary>
    /// SQLite: one prepared INSERT reused for the whole batch, inside the import's transaction. About ten
    /// times faster than change tracking for large exports. Values are written in the forms EF Core uses
    /// for SQLite (upper-case GUIDs, "yyyy-MM-dd HH:mm:ss.FFFFFFF" times, enum names), so EF reads them back
    /// as if it had saved them; the import tests read every imported entry back through EF.
    /// </summary>
    private static void SqliteInsert(FiresideDb db, List<TimelineEntry> batch)
    {
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "TimelineEntries" ("Id", "ReviewId", "OccurredAt", "Actor", "ActorKind", "Kind", "Text", "Link", "CreatedAt", "UpdatedAt",
                "Version", "Source", "SourceKey", "IsHidden", "IsInflectionPoint", "Phase", "Scope")
            VALUES ($id, $review, $at, $actor, $actorKind, $kind, $text, $link, $created, $updated, 1, $source, $key, 0, 0, NULL, 'Window')
            """;
        var names = new[] { "$id", "$review", "$at", "$actor", "$actorKind", "$kind", "$text", "$link", "$created", "$updated", "$source", "$key" };
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        foreach (var e in batch)
        {
            parameters[0].Value = e.Id.ToString().ToUpperInvariant();
            parameters[1].Value = e.ReviewId.ToString().ToUpperInvariant();
            parameters[2].Value = SqliteTime(e.OccurredAt);
            parameters[3].Value = e.Actor;
            parameters[4].Value = e.ActorKind.ToString();
            parameters[5].Value = e.Kind.ToString();
            parameters[6].Value = e.Text;
            parameters[7].Value = (object?)e.Link ?? DBNull.Value;
            parameters[8].Value = SqliteTime(e.CreatedAt);
            parameters[9].Value = SqliteTime(e.UpdatedAt);
            parameters[10].Value = (object?)e.Source ?? DBNull.Value;
            parameters[11].Value = (object?)e.SourceKey ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private static string SqliteTime(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>Very long messages are kept, shortened to what an entry holds, with a mark that says so.</summary>
    private static string Fit(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 14), " … (shortened)");
}
