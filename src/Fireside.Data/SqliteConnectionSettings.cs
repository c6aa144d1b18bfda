using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fireside.Data;

/// <summary>
/// Settings SQLite keeps per connection, given each time a pooled connection opens: reads through memory-mapped
/// I/O (no system call per page, which is most of the cost of a search over thousands of matches in a large
/// library) and a page cache of 16 MB instead of 2 MB.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const string Pragmas = "PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
