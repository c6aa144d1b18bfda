using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fireside.Data;

/// <summary>Used by `dotnet ef migrations add ... --context SqliteFiresideDb`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFiresideDb>
{
    public SqliteFiresideDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteFiresideDb>();
        builder.UseSqlite("Data Source=design-time.db");
        return new SqliteFiresideDb(builder.Options);
    }
}

/// <summary>Used by `dotnet ef migrations add ... --context PostgresFiresideDb`. No server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFiresideDb>
{
    public PostgresFiresideDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresFiresideDb>();
        builder.UseNpgsql("Host=localhost;Database=fireside_design");
        return new PostgresFiresideDb(builder.Options);
    }
}
