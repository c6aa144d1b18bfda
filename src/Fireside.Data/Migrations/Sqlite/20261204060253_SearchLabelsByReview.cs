using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchLabelsByReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchLabels_ReviewId",
                table: "SearchLabels");

            migrationBuilder.CreateIndex(
                name: "IX_SearchLabels_ReviewId_Kind_Value",
                table: "SearchLabels",
                columns: new[] { "ReviewId", "Kind", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchLabels_ReviewId_Kind_Value",
                table: "SearchLabels");

            migrationBuilder.CreateIndex(
                name: "IX_SearchLabels_ReviewId",
                table: "SearchLabels",
                column: "ReviewId");
        }
    }
}
