using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchLabelFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Labels",
                table: "SearchDocuments",
                type: "TEXT",
                nullable: true);

            // The index gets a column of the review's labels (services, tags, themes), never searched for words, so that
            // a filter is intersected with the words inside the index. It starts empty with the documents it is kept
            // from (an index must never be told to remove a row it does not hold); the reindex after this upgrade
            // fills both before the app serves a page (DataServiceCollectionExtensions).
            migrationBuilder.Sql("""
                DROP TRIGGER SearchDocuments_Inserted;
                DROP TRIGGER SearchDocuments_Deleted;
                DROP TRIGGER SearchDocuments_Updated;
                DROP TABLE SearchIndex;
                DELETE FROM SearchEntries;
                DELETE FROM SearchDocuments;
                CREATE VIRTUAL TABLE SearchIndex USING fts5(Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes, Labels,
                    content='SearchDocuments', content_rowid='Key', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Inserted AFTER INSERT ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes, Labels) VALUES (new.Key, new.Title, new.TlDr, new.Summary, new.Surprises, new.Takeaways, new.Factors, new.Remediation, new.Accounts, new.Timeline, new.Notes, new.Labels);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Deleted AFTER DELETE ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes, Labels) VALUES ('delete', old.Key, old.Title, old.TlDr, old.Summary, old.Surprises, old.Takeaways, old.Factors, old.Remediation, old.Accounts, old.Timeline, old.Notes, old.Labels);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchDocuments_Updated AFTER UPDATE ON SearchDocuments BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes, Labels) VALUES ('delete', old.Key, old.Title, old.TlDr, old.Summary, old.Surprises, old.Takeaways, old.Factors, old.Remediation, old.Accounts, old.Timeline, old.Notes, old.Labels);
                    INSERT INTO SearchIndex(rowid, Title, TlDr, Summary, Surprises, Takeaways, Factors, Remediation, Accounts, Timeline, Notes, Labels) VALUES (new.Key, new.Title, new.TlDr, new.Summary, new.Surprises, new.Takeaways, new.Factors, new.Remediation, new.Accounts, new.Timeline, new.Notes, new.Labels);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER SearchDocuments_Inserted;
                DROP TRIGGER SearchDocuments_Deleted;
                DROP TRIGGER SearchDocuments_Updated;
                DROP TABLE SearchIndex;
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
            migrationBuilder.Sql("INSERT INTO SearchIndex(SearchIndex) VALUES ('rebuild')");

            migrationBuilder.DropColumn(
                name: "Labels",
                table: "SearchDocuments");
        }
    }
}
