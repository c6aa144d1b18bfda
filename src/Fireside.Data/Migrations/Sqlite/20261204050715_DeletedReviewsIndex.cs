using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeletedReviewsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_DeletedAt",
                table: "Reviews");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_DeletedAt",
                table: "Reviews",
                column: "DeletedAt",
                filter: "\"DeletedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_DeletedAt",
                table: "Reviews");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_DeletedAt",
                table: "Reviews",
                column: "DeletedAt");
        }
    }
}
