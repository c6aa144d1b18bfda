using Fireside.Core;
using Fireside.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data;

/// <summary>One event of the audit log, as admins read it.</summary>
public sealed record AuditView(long Id, DateTime At, string Who, string? WhoId, string? Via, string Kind, string What, string Subject, string? SubjectId, Guid? ReviewId, string? Detail, string? Address);

/// <summary>A page of the audit log, newest first.</summary>
public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditView> Events);

/// <summary>What to show of the audit log: one kind, one person (who acted or whom it was about, by name, email or id), a span of days.</summary>
public sealed record AuditQuery(string? Kind = null, string? Person = null, DateOnly? From = null, DateOnly? To = null, int Page = 1)
{
    /// <summary>Reads the filters as a link or the API sends them (all text), with a message naming any that cannot be read.</summary>
    public static AuditQuery FromText(string? kind, string? person, string? from, string? to, string? page)
    {
        var errors = new ValidationErrors();
        var query = new AuditQuery(kind, person, Core.Library.SearchRequest.ParseDay(from, "from", errors), Core.Library.SearchRequest.ParseDay(to, "to", errors));
        if (!string.IsNullOrWhiteSpace(page))
        {
            if (int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 100_000)
            {
                query = query with { Page = number };
            }
            else
            {
                errors.Add("page", "The page is a number from 1 upwards.");
            }
        }

        return errors.IsValid ? query : throw new DomainValidationException(errors);
    }
}

/// <summary>The organisation's audit log, for admins: who signed in (or failed to), what happened to accounts, tokens and restricted reviews.</summary>
public sealed class AuditOperations(FiresideDb db, Permissions permissions)
{
    public const int PageSize = 50;

    public async Task<AuditPage> PageAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        permissions.EnsureAdmin("The audit log");
        var errors = new ValidationErrors();
        var kind = string.IsNullOrWhiteSpace(query.Kind) ? null : query.Kind.Trim().ToLowerInvariant();
        if (kind is not null && !AuditKinds.All.Contains(kind))
        {
            errors.Add("kind", $"The audit log has these kinds: {string.Join(", ", AuditKinds.All)}.");
        }

        var person = string.IsNullOrWhiteSpace(query.Person) ? null : query.Person.Trim();
        LibraryFilters.CheckLabel("person", "person", person, errors);
        LibraryFilters.CheckDays(query.From, query.To, errors);
        ReviewOperations.Throw(errors);

        var events = db.AuditEvents.AsNoTracking();
        if (kind is not null)
        {
            events = events.Where(e => e.Kind == kind);
        }

        if (person is not null)
        {
            // By name, email or id: who acted, or whom it was about (a failed sign-in is about the email typed).
            var upper = person.ToUpperInvariant();
            var ids = db.Users.Where(u => u.Id == person || u.NormalizedEmail == upper || u.DisplayName == person).Select(u => u.Id);
            events = events.Where(e => e.ActorName == person || e.Subject == person || (e.ActorId != null && ids.Contains(e.ActorId)) || (e.SubjectId != null && ids.Contains(e.SubjectId)));
        }

        var (since, before) = LibraryFilters.Bounds(query.From, query.To);
        if (since is { } start)
        {
            events = events.Where(e => e.At >= start);
        }

        if (before is { } end)
        {
            events = events.Where(e => e.At < end);
        }

        var page = Math.Max(1, query.Page);
        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditPage(total, page, PageSize, [.. rows.Select(e => new AuditView(
            e.Id, e.At, e.ActorName, e.ActorId, e.Via, e.Kind, AuditKinds.Label(e.Kind), e.Subject, e.SubjectId, e.ReviewId, e.Detail, e.Address))]);
    }
}
