using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Labels",
                table: "SearchDocuments");

            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Severity = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Labels = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Key);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_ReviewId",
                table: "SearchEntries",
                column: "ReviewId",
                unique: true);

            // The vectors move from each document to its narrow search row: the whole document's (matched through
            // the GIN index, stored out of line) and a small one of the parts that weigh most (ranked, kept in the
            // row). Filled by the reindex that follows this upgrade.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchDocuments" DROP COLUMN "Vector";
                ALTER TABLE "SearchEntries" ADD COLUMN "Vector" tsvector NOT NULL, ADD COLUMN "RankVector" tsvector NOT NULL;
                ALTER TABLE "SearchEntries" ALTER COLUMN "Vector" SET STORAGE EXTERNAL;
                CREATE INDEX "IX_SearchEntries_Vector" ON "SearchEntries" USING GIN ("Vector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchEntries");

            migrationBuilder.Sql("""
                ALTER TABLE "SearchDocuments" ADD COLUMN "Vector" tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('fireside', lower(coalesce("Title", '') COLLATE "und-x-icu")), 'A') ||
                        setweight(to_tsvector('fireside', lower(coalesce("TlDr", '') COLLATE "und-x-icu")), 'A') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Summary", '') COLLATE "und-x-icu")), 'B') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Surprises", '') COLLATE "und-x-icu")), 'B') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Takeaways", '') COLLATE "und-x-icu")), 'A') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Factors", '') COLLATE "und-x-icu")), 'B') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Remediation", '') COLLATE "und-x-icu")), 'C') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Accounts", '') COLLATE "und-x-icu")), 'C') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Timeline", '') COLLATE "und-x-icu")), 'D') ||
                        setweight(to_tsvector('fireside', lower(coalesce("Notes", '') COLLATE "und-x-icu")), 'C')
                    ) STORED;
                CREATE INDEX "IX_SearchDocuments_Vector" ON "SearchDocuments" USING GIN ("Vector");
                """);

            migrationBuilder.AddColumn<string>(
                name: "Labels",
                table: "SearchDocuments",
                type: "text",
                nullable: true);
        }
    }
}
