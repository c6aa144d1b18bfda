using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <summary>
    /// The matched vector's GIN index takes its limit for new entries set aside from the session, no longer from its
    /// own setting: every session of this database sets aside at most 1 MB (as the index did since SearchTiers, so
    /// searches do not slow down after edits), and a bulk import sets aside up to 16 MB in its transactions and merges
    /// it at once when done (SearchIndex.GatherAsync, SettleAsync). A database this role does not own keeps the server's
    /// limit (4 MB by default): searches may then read through more after many edits, until autovacuum merges it.
    /// </summary>
    public partial class SearchPendingList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX "IX_SearchEntries_Vector" RESET (gin_pending_list_limit);
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I SET gin_pending_list_limit = 1024', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'gin_pending_list_limit stays the server''s: this role does not own the database';
                END $$;
                SET gin_pending_list_limit = 1024;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER INDEX "IX_SearchEntries_Vector" SET (gin_pending_list_limit = 1024);
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I RESET gin_pending_list_limit', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    NULL;
                END $$;
                """);
        }
    }
}
