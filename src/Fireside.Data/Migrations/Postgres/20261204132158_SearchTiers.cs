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
            // index, say whether a review matched in its title, tl;dr and takeaways, or in those and its summary,
            // surprises and factors. All three vectors are kept out of line, so the rows a search visits are small
            // (about 150 bytes, where the ranked vector made them 1.3 kB). Filled by the reindex after this upgrade.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" DROP COLUMN "RankVector";
                ALTER TABLE "SearchEntries" ADD COLUMN "AVector" tsvector NOT NULL DEFAULT ''::tsvector, ADD COLUMN "ABVector" tsvector NOT NULL DEFAULT ''::tsvector;
                ALTER TABLE "SearchEntries" ALTER COLUMN "AVector" DROP DEFAULT, ALTER COLUMN "ABVector" DROP DEFAULT;
                ALTER TABLE "SearchEntries" ALTER COLUMN "AVector" SET STORAGE EXTERNAL, ALTER COLUMN "ABVector" SET STORAGE EXTERNAL, ALTER COLUMN "Labels" SET STORAGE MAIN;
                ALTER TABLE "SearchEntries" SET (toast_tuple_target = 128);
                CREATE INDEX "IX_SearchEntries_AVector" ON "SearchEntries" USING GIN ("AVector");
                CREATE INDEX "IX_SearchEntries_ABVector" ON "SearchEntries" USING GIN ("ABVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_SearchEntries_ABVector";
                DROP INDEX "IX_SearchEntries_AVector";
                ALTER TABLE "SearchEntries" RESET (toast_tuple_target);
                ALTER TABLE "SearchEntries" ALTER COLUMN "Labels" SET STORAGE EXTENDED;
                ALTER TABLE "SearchEntries" DROP COLUMN "ABVector", DROP COLUMN "AVector";
                ALTER TABLE "SearchEntries" ADD COLUMN "RankVector" tsvector NOT NULL DEFAULT ''::tsvector;
                ALTER TABLE "SearchEntries" ALTER COLUMN "RankVector" DROP DEFAULT;
                """);
        }
    }
}
