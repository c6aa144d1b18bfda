using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAt",
                table: "Reviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: true),
                    TlDr = table.Column<string>(type: "text", nullable: true),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Surprises = table.Column<string>(type: "text", nullable: true),
                    Takeaways = table.Column<string>(type: "text", nullable: true),
                    Factors = table.Column<string>(type: "text", nullable: true),
                    Remediation = table.Column<string>(type: "text", nullable: true),
                    Accounts = table.Column<string>(type: "text", nullable: true),
                    Timeline = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Key);
                    table.ForeignKey(
                        name: "FK_SearchDocuments_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SearchLabels",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchLabels", x => x.Key);
                    table.ForeignKey(
                        name: "FK_SearchLabels_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_ReviewId",
                table: "SearchDocuments",
                column: "ReviewId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchLabels_Kind_Value_ReviewId",
                table: "SearchLabels",
                columns: new[] { "Kind", "Value", "ReviewId" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchLabels_ReviewId",
                table: "SearchLabels",
                column: "ReviewId");

            // English stemming after unaccent, on text lower-cased with ICU (so every script folds whatever the
            // database's locale), in a weighted vector generated from each document: title, tl;dr and takeaways
            // weigh most (A), the timeline least (D). unaccent is a trusted extension: the database owner may add it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION fireside (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION fireside ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
                """);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"SearchDocuments\" DROP COLUMN \"Vector\"; DROP TEXT SEARCH CONFIGURATION fireside;");
            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchLabels");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "Reviews");
        }
    }
}
