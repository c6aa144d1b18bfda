using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            // Nothing else changes shape: each review's vector gains its labels as lexemes of their own (see
            // SearchIndex.LabelQuery) at the reindex after this upgrade, so that a filter is one question to the GIN index.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Labels",
                table: "SearchDocuments");
        }
    }
}
