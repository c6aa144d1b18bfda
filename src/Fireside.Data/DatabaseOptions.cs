namespace Fireside.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where Fireside keeps its data. Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file. Defaults to fireside.db in the user's local data folder.</summary>
    public string? Path { get; set; }

    /// <summary>The PostgreSQL connection string (also read from ConnectionStrings:Fireside).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the web app starts. On by default for SQLite, off for PostgreSQL.</summary>
    public bool? MigrateOnStart { get; set; }

    public static string DefaultSqlitePath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "fireside", "fireside.db");

    public string SqlitePath => System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path) ? DefaultSqlitePath : Path);

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}
