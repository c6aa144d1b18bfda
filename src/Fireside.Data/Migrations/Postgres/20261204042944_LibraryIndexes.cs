using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LibraryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Takeaways_CreatedAt",
                table: "Takeaways",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_IncidentStartedAt",
                table: "Reviews",
                column: "IncidentStartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_PublishedAt",
                table: "Reviews",
                column: "PublishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Takeaways_CreatedAt",
                table: "Takeaways");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_IncidentStartedAt",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_PublishedAt",
                table: "Reviews");
        }
    }
}
