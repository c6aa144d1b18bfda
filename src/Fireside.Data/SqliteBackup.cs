using Microsoft.Data.Sqlite;

namespace Fireside.Data;

/// <summary>
/// A consistent copy of a SQLite database made with SQLite's online backup, so it is safe while the
/// web app is running (copying the file by hand can miss what is still in the write-ahead log).
/// </summary>
public static class SqliteBackup
{
    public static async Task CopyAsync(string sourcePath, string targetPath, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(targetPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetPath, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
    }
}
