using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>One person (or system) as a review knows them: every spelling of their name put together.</summary>
public sealed record ReviewPerson(
    string Name,
    ActorKind Kind,
    int Moments,
    int Accounts,
    IReadOnlyList<ParticipantRole> Roles,
    bool HasAccount,
    IReadOnlyList<string> OtherSpellings);

/// <summary>The people a review names, and whether the reader may put two of them together.</summary>
public sealed record ReviewPeople(Guid ReviewId, string Title, bool MayMerge, IReadOnlyList<ReviewPerson> People);

/// <summary>What putting two names together changed in the review.</summary>
public sealed record PeopleMergeResult(string From, string Into, int Moments, int Accounts, int Participants)
{
    public override string ToString()
    {
        string[] parts = [.. new[] { (Moments, "moment"), (Accounts, "account"), (Participants, "role") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}{(p.Item1 == 1 ? "" : "s")}")];
        var where = parts.Length switch
        {
            0 => "",
            1 => $" on {parts[0]}",
            _ => $" on {string.Join(", ", parts[..^1])} and {parts[^1]}",
        };
        return $"“{From}” is now “{Into}”{where}. Later imports will use the name too.";
    }
}

/// <summary>A person the organisation knows under more than one name (for admins).</summary>
public sealed record RememberedPerson(Guid Id, string Name, ActorKind Kind, bool HasAccount, IReadOnlyList<RememberedName> Names);

public sealed record RememberedName(Guid Id, string Name, string? SaidBy, DateTime SaidAt);

/// <summary>
/// People are people: the names a review's moments, accounts and roles use, put together when they are one person
/// ("bob.j" from Slack is "Bob Jensen"), and remembered for the organisation so the next import uses the name too.
/// Systems are kept apart from people. The same from a page, the API or a test.
/// </summary>
public sealed class NamesOperations(FiresideDb db, TimeProvider clock, CurrentUser user, Permissions permissions)
{
    /// <summary>Everyone the review names, people first, most present first.</summary>
    public async Task<ReviewPeople> InReviewAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.Read, reviewId, cancellationToken);
        var title = await db.Reviews.Where(r => r.Id == reviewId).Select(r => r.Title).FirstAsync(cancellationToken);
        var actors = await db.TimelineEntries.Where(e => e.ReviewId == reviewId)
            .GroupBy(e => new { e.Actor, e.ActorKind })
            .Select(g => new { Name = g.Key.Actor, Kind = g.Key.ActorKind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var authors = await db.Accounts.Where(a => a.ReviewId == reviewId)
            .GroupBy(a => a.Author).Select(g => new { Name = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var participants = await db.Participants.AsNoTracking().Where(p => p.ReviewId == reviewId)
            .Select(p => new { p.Name, p.Role, HasAccount = p.UserId != null })
            .ToListAsync(cancellationToken);
        var momentsOf = actors.ToLookup(a => PersonNames.Key(a.Name));
        var accountsOf = authors.ToLookup(a => PersonNames.Key(a.Name));
        var rolesOf = participants.ToLookup(p => PersonNames.Key(p.Name));
        var keys = momentsOf.Select(g => g.Key).Concat(accountsOf.Select(g => g.Key)).Concat(rolesOf.Select(g => g.Key)).ToHashSet();
        var withAccounts = (await db.PersonAliases.Where(a => keys.Contains(a.Key))
                .Join(db.People.Where(p => p.UserId != null), a => a.PersonId, p => p.Id, (a, _) => a.Key)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        var people = new List<ReviewPerson>();
        foreach (var key in keys)
        {
            var (moments, accounts, roles) = (momentsOf[key].ToList(), accountsOf[key].ToList(), rolesOf[key].ToList());
            // The spelling most moments use names the person; a name only in roles or accounts keeps its own.
            var spellings = moments.GroupBy(m => m.Name).OrderByDescending(g => g.Sum(m => m.Count)).Select(g => g.Key)
                .Concat(roles.Select(r => r.Name)).Concat(accounts.Select(a => a.Name)).Distinct(StringComparer.Ordinal).ToList();
            people.Add(new ReviewPerson(
                spellings[0],
                moments.Count > 0 && moments.All(m => m.Kind == ActorKind.System) ? ActorKind.System : ActorKind.Person,
                moments.Sum(m => m.Count),
                accounts.Sum(a => a.Count),
                [.. roles.Select(r => r.Role).Distinct().Order()],
                roles.Any(r => r.HasAccount) || withAccounts.Contains(key),
                spellings[1..]));
        }

        return new ReviewPeople(reviewId, title, await permissions.MayAsync(ReviewAction.MergePeople, reviewId, cancellationToken),
            [.. people.OrderBy(p => p.Kind).ThenByDescending(p => p.Moments + p.Accounts).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// Puts <see cref="PeopleMergeInput.From"/> together with <see cref="PeopleMergeInput.Into"/> in one review: its
    /// moments, accounts and roles take the kept name (one role each, interviews moved along), one line goes into the
    /// history, and the organisation remembers both names as one person for later imports.
    /// </summary>
    public async Task<PeopleMergeResult> MergeAsync(Guid reviewId, PeopleMergeInput input, CancellationToken cancellationToken)
    {
        await ReviewOperations.RequireReviewAsync(db, reviewId, cancellationToken);
        await permissions.EnsureAsync(ReviewAction.MergePeople, reviewId, cancellationToken);
        ReviewOperations.Throw(input.Validate());
        var from = input.From!.Trim();
        var into = input.Into!.Trim();
        var (fromKey, intoKey) = (PersonNames.Key(from), PersonNames.Key(into));

        // Names are folded in memory (case, spacing, composed forms), so the review's few distinct names are read
        // first and the rows are then loaded by their exact spellings.
        var names = await db.TimelineEntries.Where(e => e.ReviewId == reviewId).Select(e => new { e.Actor, e.ActorKind }).Distinct().ToListAsync(cancellationToken);
        var authors = await db.Accounts.Where(a => a.ReviewId == reviewId).Select(a => a.Author).Distinct().ToListAsync(cancellationToken);
        var participants = await db.Participants.Where(p => p.ReviewId == reviewId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        var fromNames = names.Where(n => PersonNames.Key(n.Actor) == fromKey).ToList();
        var fromAuthors = authors.Where(a => PersonNames.Key(a) == fromKey).ToList();
        var fromRoles = participants.Where(p => PersonNames.Key(p.Name) == fromKey).ToList();
        if (fromNames.Count == 0 && fromAuthors.Count == 0 && fromRoles.Count == 0)
        {
            throw DomainValidationException.For("from", $"“{from}” does not appear in this review. Please choose one of the names it holds.");
        }

        var fromKind = KindOf(fromNames.Select(n => n.ActorKind));
        var intoKind = KindOf(names.Where(n => PersonNames.Key(n.Actor) == intoKey).Select(n => n.ActorKind));
        if (fromKind is { } a && intoKind is { } b && a != b)
        {
            var (person, system) = a == ActorKind.Person ? (from, into) : (into, from);
            throw DomainValidationException.For("into", $"“{system}” is a system and “{person}” a person. Fireside keeps people and systems apart, so they cannot be one.");
        }

        var spellings = fromNames.Select(n => n.Actor).Distinct().ToList();
        var entries = spellings.Count == 0 ? [] : await db.TimelineEntries.Where(e => e.ReviewId == reviewId && spellings.Contains(e.Actor)).ToListAsync(cancellationToken);
        var accounts = fromAuthors.Count == 0 ? [] : await db.Accounts.Where(x => x.ReviewId == reviewId && fromAuthors.Contains(x.Author)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in entries)
        {
            entry.Actor = into;
            entry.UpdatedAt = now;
        }

        foreach (var account in accounts)
        {
            account.Author = into;
            account.UpdatedAt = now;
        }

        foreach (var role in fromRoles)
        {
            role.Name = into;
        }

        var removedRoles = await KeepOneRoleEachAsync(participants.Where(p => PersonNames.Key(p.Name) == intoKey).ToList(), fromRoles, cancellationToken);
        var userId = participants.Where(p => !removedRoles.Contains(p) && PersonNames.Key(p.Name) == intoKey).Select(p => p.UserId).FirstOrDefault(id => id is not null);
        await RememberAsync(from, into, fromKind ?? intoKind ?? ActorKind.Person, userId, now, cancellationToken);

        // One line in the history says what happened; a line per moment would bury it.
        var recording = db.RecordsChanges;
        db.RecordsChanges = false;
        try
        {
            db.RecordChange(reviewId, "person", "", "merged", from, into, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainValidationException.For("from", "Someone changed these moments or accounts at the same time. Please look at the names again and repeat it.");
        }
        catch (DbUpdateException)
        {
            throw DomainValidationException.For("from", "Someone put these names together at the same moment. Please look at the names again.");
        }
        finally
        {
            db.RecordsChanges = recording;
        }

        return new PeopleMergeResult(from, into, entries.Count, accounts.Count, fromRoles.Count);
    }

    /// <summary>People and systems the organisation knows by more than one name (admins).</summary>
    public async Task<IReadOnlyList<RememberedPerson>> RememberedAsync(CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The list of names people go by");
        var people = await db.People.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var aliases = (await db.PersonAliases.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.PersonId);
        return [.. people.Select(p => new RememberedPerson(p.Id, p.Name, p.Kind, p.UserId is not null,
            [.. aliases[p.Id].Where(a => a.Key != PersonNames.Key(p.Name)).OrderBy(a => a.Name).Select(a => new RememberedName(a.Id, a.Name, a.CreatedBy, a.CreatedAt))]))
            .Where(p => p.Names.Count > 0)];
    }

    /// <summary>Forgets one remembered name (admins): later imports keep it as it comes. Reviews already merged stay as they are.</summary>
    public async Task ForgetAsync(Guid aliasId, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("Forgetting a name people go by");
        var alias = await db.PersonAliases.FirstOrDefaultAsync(a => a.Id == aliasId, cancellationToken)
            ?? throw new NotFoundException("That name is not remembered (any more).");
        db.PersonAliases.Remove(alias);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The names the organisation has put together, for imports: a name seen in a file comes in as the name its
    /// person goes by, when that person is of the same kind (a bot called "bob" never becomes Bob).
    /// </summary>
    public static async Task<Func<string, ActorKind, string>> KnownNamesAsync(FiresideDb db, CancellationToken cancellationToken)
    {
        var known = await db.PersonAliases.AsNoTracking()
            .Join(db.People.AsNoTracking(), a => a.PersonId, p => p.Id, (a, p) => new { a.Key, p.Name, p.Kind })
            .ToListAsync(cancellationToken);
        if (known.Count == 0)
        {
            return (name, _) => name;
        }

        var byKey = known.ToDictionary(k => k.Key, k => (k.Name, k.Kind), StringComparer.Ordinal);
        return (name, kind) => byKey.TryGetValue(PersonNames.Key(name), out var person) && person.Kind == kind ? person.Name : name;
    }

    private static ActorKind? KindOf(IEnumerable<ActorKind> kinds)
    {
        var seen = kinds.Distinct().ToList();
        return seen.Count == 1 ? seen[0] : seen.Count == 0 ? null : ActorKind.Person;
    }

    /// <summary>Where the merge left one person twice in a role, keeps the first (with what the others knew) and moves their interviews to it.</summary>
    private async Task<HashSet<Participant>> KeepOneRoleEachAsync(List<Participant> sameName, IReadOnlyCollection<Participant> folded, CancellationToken cancellationToken)
    {
        var removed = new HashSet<Participant>();
        foreach (var role in sameName.GroupBy(p => p.Role).Where(g => g.Count() > 1))
        {
            // The role already under the kept name stays (it is the one people typed); the others fold into it.
            var ordered = role.OrderBy(p => folded.Contains(p) ? 1 : 0).ThenBy(p => p.CreatedAt).ToList();
            var kept = ordered[0];
            foreach (var twin in ordered.Skip(1))
            {
                kept.Email ??= twin.Email;
                kept.UserId ??= twin.UserId;
                kept.Team ??= twin.Team;
                kept.IsMainActor |= twin.IsMainActor;
                foreach (var interview in await db.Interviews.Where(i => i.ParticipantId == twin.Id).ToListAsync(cancellationToken))
                {
                    interview.ParticipantId = kept.Id;
                }

                db.Participants.Remove(twin);
                removed.Add(twin);
            }
        }

        return removed;
    }

    /// <summary>
    /// Both names now point at one person. A name said before to be someone else follows the latest word, and so do
    /// that person's other names: "Priya" was "Priya R.", and "Priya R." is now "Priya Raman", so all three are one.
    /// </summary>
    private async Task RememberAsync(string from, string into, ActorKind kind, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var (fromKey, intoKey) = (PersonNames.Key(from), PersonNames.Key(into));
        var known = await db.PersonAliases.Where(a => a.Key == fromKey || a.Key == intoKey).ToListAsync(cancellationToken);
        var intoAlias = known.FirstOrDefault(a => a.Key == intoKey);
        var person = intoAlias is null ? null : await db.People.FirstOrDefaultAsync(p => p.Id == intoAlias.PersonId, cancellationToken);
        if (person is null || person.Kind != kind)
        {
            person = new Person { Name = into, Kind = kind, CreatedAt = now };
            db.People.Add(person);
        }

        person.Name = into;
        person.UserId ??= userId;
        if (known.FirstOrDefault(a => a.Key == fromKey) is { } fromAlias && fromAlias.PersonId != person.Id)
        {
            var former = fromAlias.PersonId;
            foreach (var alias in await db.PersonAliases.Where(a => a.PersonId == former).ToListAsync(cancellationToken))
            {
                alias.PersonId = person.Id;
            }

            db.ChangeTracker.DetectChanges();
            if (await db.People.FirstOrDefaultAsync(p => p.Id == former, cancellationToken) is { } formerPerson)
            {
                person.UserId ??= formerPerson.UserId;
                db.People.Remove(formerPerson);
            }
        }

        foreach (var (name, key) in new[] { (from, fromKey), (into, intoKey) }.DistinctBy(n => n.Item2))
        {
            var alias = known.FirstOrDefault(a => a.Key == key);
            if (alias is null)
            {
                db.PersonAliases.Add(new PersonAlias { PersonId = person.Id, Name = name, Key = key, CreatedBy = user.Name, CreatedAt = now });
            }
            else if (alias.PersonId != person.Id || key == fromKey)
            {
                alias.PersonId = person.Id;
                alias.Name = name;
                alias.CreatedBy = user.Name;
                alias.CreatedAt = now;
            }
        }
    }
}
