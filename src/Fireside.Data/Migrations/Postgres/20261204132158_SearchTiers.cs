using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rank no longer reads a weighted vector in every matching row: two more vectors, each with a GIN
            // index, say whether a review matched in its title, tl;dr and takeaways (A), or in its summary, surprises
            // and factors (B). All three vectors are kept out of line, so the rows a search visits are small (about
            // 270 bytes, where the ranked vector made them 1.3 kB). Each GIN index keeps at most 1 MB of new entries
            // aside (4 MB by default), because every search reads through all of them: after 1,000 reviews were
            // imported, searches took twice as long until the table was vacuumed. Filled by the reindex after this upgrade.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" DROP COLUMN "RankVector";
                ALTER TABLE "SearchEntries" ADD COLUMN "AVector" tsvector NOT NULL DEFAULT ''::tsvector, ADD COLUMN "BVector" tsvector NOT NULL DEFAULT ''::tsvector;
                ALTER TABLE "SearchEntries" ALTER COLUMN "AVector" DROP DEFAULT, ALTER COLUMN "BVector" DROP DEFAULT;
                ALTER TABLE "SearchEntries" ALTER COLUMN "AVector" SET STORAGE EXTERNAL, ALTER COLUMN "BVector" SET STORAGE EXTERNAL, ALTER COLUMN "Labels" SET STORAGE MAIN;
                ALTER TABLE "SearchEntries" SET (toast_tuple_target = 128);
                ALTER INDEX "IX_SearchEntries_Vector" SET (gin_pending_list_limit = 1024);
                CREATE INDEX "IX_SearchEntries_AVector" ON "SearchEntries" USING GIN ("AVector") WITH (gin_pending_list_limit = 1024);
                CREATE INDEX "IX_SearchEntries_BVector" ON "SearchEntries" USING GIN ("BVector") WITH (gin_pending_list_limit = 1024);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_SearchEntries_BVector";
                DROP INDEX "IX_SearchEntries_AVector";
                ALTER INDEX "IX_SearchEntries_Vector" RESET (gin_pending_list_limit);
                ALTER TABLE "SearchEntries" RESET (toast_tuple_target);
                ALTER TABLE "SearchEntries" ALTER COLUMN "Labels" SET STORAGE EXTENDED;
                ALTER TABLE "SearchEntries" DROP COLUMN "BVector", DROP COLUMN "AVector";
                ALTER TABLE "SearchEntries" ADD COLUMN "RankVector" tsvector NOT NULL DEFAULT ''::tsvector;
                ALTER TABLE "SearchEntries" ALTER COLUMN "RankVector" DROP DEFAULT;
                """);
        }
    }
}
