using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    TlDr = table.Column<string>(type: "TEXT", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", nullable: true),
                    Surprises = table.Column<string>(type: "TEXT", nullable: true),
                    Takeaways = table.Column<string>(type: "TEXT", nullable: true),
                    Factors = table.Column<string>(type: "TEXT", nullable: true),
                    Remediation = table.Column<string>(type: "TEXT", nullable: true),
                    Accounts = table.Column<string>(type: "TEXT", nullable: true),
                    Timeline = table.Column<string>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true)
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
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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

            // The full-text index: FTS5 over SearchDocuments (external content), English stemming after unicode61,
            // which folds case in every script and removes diacritics. Triggers keep it in step with every change
            // to SearchDocuments, inside the same transaction.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE SearchIndex USING fts5(Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes,
                    content='SearchDocuments', content_rowid='Key', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Inserted AFTER INSERT ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes) VALUES (new.Key, new.Title, new.TlDr, new.Summary, new.Surprises, new.Takeaways, new.Factors, new.Remediation, new.Accounts, new.Timeline, new.Notes);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Deleted AFTER DELETE ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes) VALUES ('delete', old.Key, old.Title, old.TlDr, old.Summary, old.Surprises, old.Takeaways, old.Factors, old.Remediation, old.Accounts, old.Timeline, old.Notes);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Updated AFTER UPDATE ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes) VALUES ('delete', old.Key, old.Title, old.TlDr, old.Summary, old.Surprises, old.Takeaways, old.Factors, old.Remediation, old.Accounts, old.Timeline, old.Notes);
                    INSERT INTO SearchIndex(rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes) VALUES (new.Key, new.Title, new.TlDr, new.Summary, new.Surprises, new.Takeaways, new.Factors, new.Remediation, new.Accounts, new.Timeline, new.Notes);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER SearchDocuments_Inserted; DROP TRIGGER SearchDocuments_Deleted; DROP TRIGGER SearchDocuments_Updated; DROP TABLE SearchIndex;");
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
