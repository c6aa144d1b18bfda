using Fireside.Core.Reviews;
using Fireside.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fireside.Data.Tests;

/// <summary>A fresh, migrated database of one provider, built the way the app builds it.</summary>
public sealed class DatabaseTarget : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempFolder? _folder;

    private DatabaseTarget(ServiceProvider services, TempFolder? folder)
    {
        _services = services;
        _folder = folder;
    }

    public static async Task<DatabaseTarget> CreateAsync(DatabaseProvider provider)
    {
        TempFolder? folder = null;
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString() };
        if (provider == DatabaseProvider.Sqlite)
        {
            folder = new TempFolder("fireside-data");
            settings["Database:Path"] = folder.File("fireside.db");
        }
        else
        {
            settings["Database:ConnectionString"] = PostgresServer.Instance.NewConnectionString();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddFiresideData(configuration).BuildServiceProvider();
        await services.MigrateFiresideDbAsync();
        return new DatabaseTarget(services, folder);
    }

    /// <summary>What the app does at every start: migrate, and rebuild the search index if an upgrade asked for it.</summary>
    public Task StartAgainAsync() => _services.MigrateFiresideDbAsync();

    /// <summary>A new context, as a new request would get: nothing cached from earlier ones. Its changes are recorded as the given person's.</summary>
    public FiresideDb NewContext(CurrentUser? author = null)
    {
        var db = _services.CreateScope().ServiceProvider.GetRequiredService<FiresideDb>();
        db.Author = author;
        return db;
    }

    public SeverityCatalog Severities => _services.GetRequiredService<SeverityCatalog>();

    /// <summary>Review operations over a new context, acting as the operator (an admin) at the given time.</summary>
    public ReviewOperations Reviews(DateTime? now = null, CurrentUser? user = null)
    {
        user ??= CurrentUser.Operator();
        var db = NewContext(user);
        db.Clock = Clock(now);
        return new ReviewOperations(db, Clock(now), user, new Permissions(db, user), Severities);
    }

    public FacilitationOperations Facilitation(DateTime? now = null, CurrentUser? user = null)
    {
        user ??= CurrentUser.Operator();
        var db = NewContext(user);
        db.Clock = Clock(now);
        return new FacilitationOperations(db, Clock(now), user, new Permissions(db, user), Microsoft.Extensions.Options.Options.Create(new Fireside.Core.Facilitation.FacilitationOptions()));
    }

    /// <summary>The meeting room over a new context, as the given person (an admin named Lee unless said otherwise).</summary>
    public RoomOperations Room(DateTime? now = null, CurrentUser? user = null)
    {
        user ??= CurrentUser.Person("user-1", "Lee", isAdmin: true);
        var db = NewContext(user);
        return new RoomOperations(db, Clock(now), user, new Permissions(db, user), Microsoft.Extensions.Options.Options.Create(new MeetingOptions()), new NoRoomBroadcast());
    }

    private static TimeProvider Clock(DateTime? now) =>
        now is { } at ? new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : TimeProvider.System;

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            await using var db = NewContext();
            await db.Database.EnsureDeletedAsync();
        }

        await _services.DisposeAsync();
        _folder?.Dispose();
    }
}
