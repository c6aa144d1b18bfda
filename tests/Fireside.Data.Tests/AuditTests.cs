using Fireside.Core;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Data.Tests;

/// <summary>
/// The audit log keeps what happens to access: restricted reviews' visibility, requests, grants, refusals, and
/// their exports, each with who did it; only admins read it, narrowed by kind, person and days. Both databases.
/// </summary>
public abstract class AuditTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    private DatabaseTarget _target = default!;
    private CurrentUser _fay = default!;
    private CurrentUser _oscar = default!;
    private readonly CurrentUser _admin = CurrentUser.Person("admin-1", "Ada", isAdmin: true);
    private Review _review = default!;

    public async Task InitializeAsync()
    {
        _target = await DatabaseTarget.CreateAsync(provider);
        _fay = await PersonAsync("fay@example.com", "Fay");
        _oscar = await PersonAsync("oscar@example.com", "Oscar");
        _review = await _target.Reviews(Now).CreateAsync(new ReviewInput { Title = "Leaked signing key" }, default);
        await _target.Facilitation(Now).AddParticipantAsync(_review.Id, new ParticipantInput { Name = "Fay", Email = "fay@example.com", Role = ParticipantRole.Facilitator }, default);
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private async Task<CurrentUser> PersonAsync(string email, string name)
    {
        await using var db = _target.NewContext();
        var user = new FiresideUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return CurrentUser.Person(user.Id, name, isAdmin: false);
    }

    private AccessOperations Access(CurrentUser user, DateTime at)
    {
        var db = _target.NewContext(user);
        db.Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(at));
        return new AccessOperations(db, new Permissions(db, user), db.Clock);
    }

    private Task<AuditPage> LogAsync(CurrentUser reader, AuditQuery query)
    {
        var db = _target.NewContext(reader);
        return new AuditOperations(db, new Permissions(db, reader)).PageAsync(query, default);
    }

    [Fact]
    public async Task AccessToARestrictedReview_IsLogged_WithWhoDidIt_AndNeverTheTitle()
    {
        await Access(_fay, Now).SetVisibilityAsync(_review.Id, ReviewVisibility.Restricted, default);
        await Access(_oscar, Now.AddMinutes(1)).RequestAsync(_review.Id, "I was on call", default);
        var waiting = (await Access(_fay, Now).GetAsync(_review.Id, default)).Requests.Single();
        await Access(_fay, Now.AddMinutes(2)).DeclineAsync(_review.Id, waiting.Id, default);
        await Access(_fay, Now.AddMinutes(3)).GrantAsync(_review.Id, "oscar@example.com", default);
        await _target.Reviews(Now.AddMinutes(4), _oscar).ExportAsync(_review.Id, default);
        await Access(_fay, Now.AddMinutes(5)).RevokeAsync(_review.Id, "oscar@example.com", default);

        var log = await LogAsync(_admin, new AuditQuery());

        Assert.Equal(
            [AuditKinds.AccessRevoked, AuditKinds.RestrictedExported, AuditKinds.AccessGranted, AuditKinds.AccessDeclined, AuditKinds.AccessRequested, AuditKinds.VisibilityChanged],
            log.Events.Select(e => e.Kind));
        Assert.All(log.Events, e => Assert.Equal(_review.Id, e.ReviewId));
        Assert.DoesNotContain(log.Events, e => $"{e.Subject} {e.Detail}".Contains("signing", StringComparison.OrdinalIgnoreCase));
        var granted = log.Events.Single(e => e.Kind == AuditKinds.AccessGranted);
        Assert.Equal(("Fay", "oscar@example.com", _oscar.Id), (granted.Who, granted.Subject, granted.SubjectId));
        Assert.Equal("Oscar", log.Events.Single(e => e.Kind == AuditKinds.RestrictedExported).Who);
        Assert.Equal("Organisation to Restricted.", log.Events.Single(e => e.Kind == AuditKinds.VisibilityChanged).Detail);
    }

    [Fact]
    public async Task ThePage_IsForAdmins_AndNarrowsByKindPersonAndDays()
    {
        await Access(_fay, Now).SetVisibilityAsync(_review.Id, ReviewVisibility.Restricted, default);
        await Access(_fay, Now.AddDays(2)).GrantAsync(_review.Id, "oscar@example.com", default);

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => LogAsync(_fay, new AuditQuery()));
        var byKind = await LogAsync(_admin, new AuditQuery(Kind: AuditKinds.AccessGranted));
        var aboutOscar = await LogAsync(_admin, new AuditQuery(Person: "oscar@example.com"));
        var byFay = await LogAsync(_admin, new AuditQuery(Person: "Fay"));
        var firstDay = await LogAsync(_admin, new AuditQuery(From: DateOnly.FromDateTime(Now), To: DateOnly.FromDateTime(Now)));
        var badKind = await Assert.ThrowsAsync<DomainValidationException>(() => LogAsync(_admin, new AuditQuery(Kind: "everything")));
        var badPerson = await Assert.ThrowsAsync<DomainValidationException>(() => LogAsync(_admin, new AuditQuery(Person: "fay\0")));

        Assert.Contains("admins", refused.Message);
        Assert.Equal([AuditKinds.AccessGranted], byKind.Events.Select(e => e.Kind));
        Assert.Equal([AuditKinds.AccessGranted], aboutOscar.Events.Select(e => e.Kind));
        Assert.Equal(2, byFay.Total);
        Assert.Equal([AuditKinds.VisibilityChanged], firstDay.Events.Select(e => e.Kind));
        Assert.Contains("access-granted", badKind.Errors.Messages());
        Assert.Contains("control character", badPerson.Errors.Messages());
        Assert.Throws<DomainValidationException>(() => AuditQuery.FromText(null, null, "31/12/2026", null, null));
        Assert.Throws<DomainValidationException>(() => AuditQuery.FromText(null, null, null, null, "-1"));
    }
}

public sealed class SqliteAuditTests() : AuditTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTests() : AuditTests(DatabaseProvider.Postgres);
