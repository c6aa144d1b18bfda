using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fireside.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FiresideDb"/> for the configured provider and the organisation's severity levels.
    /// The web app and the CLI both call this, so they read the same settings.
    /// </summary>
    public static IServiceCollection AddFiresideData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres, so Fireside needs a connection string: set Database__ConnectionString (or ConnectionStrings__Fireside).");
            }

            services.AddDbContext<FiresideDb, PostgresFiresideDb>(db => ConfigurePostgres(db, options.ConnectionString ?? ""));
        }
        else
        {
            services.AddDbContext<FiresideDb, SqliteFiresideDb>(db => ConfigureSqlite(db, options.SqlitePath));
        }

        services.AddSingleton(_ => ReadSeverities(configuration));
        services.AddSingleton(_ => configuration.GetSection("Imports").Get<Fireside.Importers.ImportLimits>() ?? Fireside.Importers.ImportLimits.Default);
        return services;
    }

    /// <summary>
    /// The operations every entry point shares, and the permission service they ask. The host registers who
    /// <see cref="CurrentUser"/> is: the signed-in person in the web app, the operator on the command line.
    /// </summary>
    public static IServiceCollection AddFiresideOperations(this IServiceCollection services)
    {
        services.AddScoped<Permissions>();
        services.AddScoped<ReviewOperations>();
        services.AddScoped<AccessOperations>();
        services.AddScoped<LiveSignIns>();
        services.AddScoped<AuditOperations>();
        services.AddScoped<CompanyAccounts>();
        services.AddScoped<HistoryOperations>();
        services.AddScoped<FacilitationOperations>();
        services.AddScoped<LanguageOperations>();
        services.AddScoped<PeopleOperations>();
        services.AddScoped<NamesOperations>();
        services.AddScoped<AccountOperations>();
        services.AddScoped<RoomOperations>();
        services.AddScoped<SearchOperations>();
        services.AddScoped<ThemeOperations>();
        services.AddScoped<LibraryOperations>();
        services.AddScoped<SavedSearchOperations>();
        services.AddScoped<InsightsOperations>();
        services.TryAddScoped<IRoomBroadcast, NoRoomBroadcast>();
        services.AddOptions<MeetingOptions>();
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Fireside");
        return options;
    }

    /// <summary>Levels from the "Severities" section (Name, Description), or the default scale.</summary>
    public static SeverityCatalog ReadSeverities(IConfiguration configuration)
    {
        var levels = configuration.GetSection("Severities").GetChildren()
            .Select(s => new SeverityLevel(s["Name"] ?? "", s["Description"] ?? ""))
            .Where(l => l.Name.Length > 0)
            .ToList();
        return levels.Count == 0 ? SeverityCatalog.Default : new SeverityCatalog(levels);
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder db, string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        db.UseSqlite(connection)
            .AddInterceptors(SqliteConnectionSettings.Instance)
            // SQLite rebuilds a table to make a column nullable, outside a transaction; EF says so on every new
            // database. The rebuild is of an empty or small table at start-up, so the note is noise to people.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString);

    /// <summary>
    /// The setting that says the search index must be rebuilt from the reviews: written when an upgrade changes what
    /// the index holds, removed once it has been rebuilt, so that a rebuild cut short (a crash, a stop) runs again
    /// at the next start rather than leaving search to an index of the old shape.
    /// </summary>
    public const string ReindexOwed = "search.reindex-owed";

    /// <summary>Brings the database up to the newest schema, and rebuilds the search index when an upgrade asks for it.</summary>
    public static async Task MigrateFiresideDbAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FiresideDb>();
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        string[] reindexAfter = ["_Search", "_SearchLabelsOnDocuments", "_WritingStats", "_ReviewInsights", "_SearchEntries", "_SearchTiers", "_SearchLabelFilter", "_SearchPartWeights"];
        if (pending.Any(m => reindexAfter.Any(name => m.EndsWith(name, StringComparison.Ordinal))) && await db.Settings.FindAsync([ReindexOwed], cancellationToken) is null)
        {
            db.Settings.Add(new OrgSetting { Key = ReindexOwed, Value = "yes" });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.Settings.AsNoTracking().AnyAsync(s => s.Key == ReindexOwed, cancellationToken))
        {
            // The search index (or what is kept beside it: labels, the coach's counts) arrived or changed shape
            // with an upgrade: fill it from the reviews already there, and say so once it is done. Instances
            // starting together take turns (PostgreSQL: a lock for the transaction), and one that finds the
            // rebuild done by another while it waited does nothing.
            var rebuilt = false;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended('fireside.search.reindex-owed', 0))", cancellationToken);
                }

                if (await db.Settings.Where(s => s.Key == ReindexOwed).ExecuteDeleteAsync(cancellationToken) > 0)
                {
                    await db.RefreshSearchAsync(null, cancellationToken);
                    rebuilt = true;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (rebuilt && await db.SearchDocuments.AnyAsync(cancellationToken))
            {
                await SearchIndex.For(db).CompactAsync(db, cancellationToken);
            }
        }

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets pages read while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

}
