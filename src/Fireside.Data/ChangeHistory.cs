using System.Collections;
using System.Globalization;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Fireside.Data;

/// <summary>
/// Turns what a save is about to write into <see cref="ChangeRecord"/>s, added to the same save (so the same
/// transaction): each changed field of a review and of what it holds with its value before and after, and each
/// item added or removed. Bookkeeping (versions, times of saving, ids) is left out.
/// </summary>
internal static class ChangeHistory
{
    /// <summary>The parts a review's history follows, by the name a person reads, and whether they are private.</summary>
    private static readonly Dictionary<Type, (string Part, bool Private)> Parts = new()
    {
        [typeof(Review)] = ("review", false),
        [typeof(TimelineEntry)] = ("moment", false),
        [typeof(Account)] = ("account", false),
        [typeof(Attachment)] = ("image", false),
        [typeof(Participant)] = ("person", false),
        [typeof(Interview)] = ("interview", false),
        [typeof(Takeaway)] = ("takeaway", false),
        [typeof(ContributingFactor)] = ("factor", false),
        [typeof(RemediationItem)] = ("remediation", false),
        [typeof(ReviewAccessGrant)] = ("reader", false),
        [typeof(FacilitatorNote)] = ("note", true),
    };

    /// <summary>The parts a person can filter the history by.</summary>
    public static IReadOnlyCollection<string> PartNames { get; } = [.. Parts.Values.Select(p => p.Part).Distinct()];

    private static readonly HashSet<string> Bookkeeping =
    [
        "Id", "ReviewId", "Version", "CreatedAt", "UpdatedAt", "CreatedById", "CreatedBy", "PublishedAt", "SourceKey", "Source",
        "ImportedAt", "ContentHash", "InviteSentAt",
    ];

    /// <param name="authorOf">Asked only when there is something to record (a save that only touches a token asks nothing).</param>
    public static List<ChangeRecord> From(ChangeTracker tracker, Func<CurrentUser?> authorOf, DateTime now)
    {
        var records = new List<ChangeRecord>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !Parts.TryGetValue(entry.Entity.GetType(), out var part)
                || ReviewOf(entry) is not { } reviewId)
            {
                continue;
            }

            var author = authorOf();
            ChangeRecord Record(string change, string? field, string? before, string? after) => new()
            {
                ReviewId = reviewId,
                At = now,
                ActorId = author?.Id,
                ActorName = author is { IsSignedIn: true } ? author.Name : "Fireside",
                Via = author?.Via,
                Part = part.Part,
                ItemId = ItemId(entry),
                Change = change,
                Field = field,
                Before = Shorten(before),
                After = Shorten(after),
                Private = part.Private,
            };

            switch (entry.State)
            {
                case EntityState.Added:
                    records.Add(Record("added", null, null, Describe(entry, current: true)));
                    break;
                case EntityState.Deleted:
                    records.Add(Record("removed", null, Describe(entry, current: false), null));
                    break;
                default:
                    foreach (var property in entry.Properties.Where(p => p.IsModified && !Bookkeeping.Contains(p.Metadata.Name)))
                    {
                        var (before, after) = (Text(property.OriginalValue), Text(property.CurrentValue));
                        if (before != after)
                        {
                            records.Add(Record("changed", Field(property.Metadata.Name), before, after));
                        }
                    }

                    break;
            }
        }

        return records;
    }

    private static Guid? ReviewOf(EntityEntry entry) => entry.Entity switch
    {
        Review review => review.Id,
        _ => entry.Metadata.FindProperty("ReviewId") is { } property ? entry.Property(property.Name).CurrentValue as Guid? : null,
    };

    private static string ItemId(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));

    /// <summary>What an added or removed item was, in a line: its main words.</summary>
    private static string Describe(EntityEntry entry, bool current)
    {
        string? Value(string name) => Text(current ? entry.Property(name).CurrentValue : entry.Property(name).OriginalValue);
        return entry.Entity switch
        {
            Review => Value(nameof(Review.Title)),
            TimelineEntry => $"{Value(nameof(TimelineEntry.Actor))}: {Value(nameof(TimelineEntry.Text))}",
            Account => string.Join(" · ", new[] { nameof(Account.Author), nameof(Account.Saw), nameof(Account.Believed), nameof(Account.Did), nameof(Account.WhySensible) }
                .Select(Value).Where(v => !string.IsNullOrEmpty(v))),
            Attachment => Value(nameof(Attachment.Caption)) is { Length: > 0 } caption ? caption : Value(nameof(Attachment.FileName)) ?? Value("Url"),
            Participant => $"{Value(nameof(Participant.Name))} ({Value(nameof(Participant.Role))})",
            Interview => Value(nameof(Interview.Notes)),
            Takeaway => string.Join(" · ", new[] { nameof(Takeaway.SurprisedBy), nameof(Takeaway.BelievedBefore), nameof(Takeaway.BelieveNow) }
                .Select(Value).Where(v => !string.IsNullOrEmpty(v))),
            ContributingFactor or RemediationItem or FacilitatorNote => Value("Text"),
            ReviewAccessGrant => Value(nameof(ReviewAccessGrant.UserId)),
            _ => null,
        } ?? "";
    }

    /// <summary>The text property a record's field names (as <see cref="Field"/> wrote it), or null when it names no text.</summary>
    public static Microsoft.EntityFrameworkCore.Metadata.IProperty? TextProperty(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, string? field) =>
        field is null ? null : type.GetProperties().FirstOrDefault(p => p.ClrType == typeof(string) && !Bookkeeping.Contains(p.Name) && Field(p.Name) == field);

    /// <summary>A field's name as a person reads it: "WhySensible" becomes "why sensible".</summary>
    private static string Field(string name) =>
        string.Concat(name.Select((c, k) => k > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime at => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IEnumerable items and not string => string.Join(", ", items.Cast<object?>().Select(Text)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Shorten(string? text) => text is { Length: > ChangeRecord.ValueMaxLength } ? text[..ChangeRecord.ValueMaxLength] : text;
}
