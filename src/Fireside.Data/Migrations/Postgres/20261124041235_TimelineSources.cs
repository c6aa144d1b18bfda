using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimelineSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "TimelineEntries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKey",
                table: "TimelineEntries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_ReviewId_SourceKey",
                table: "TimelineEntries",
                columns: new[] { "ReviewId", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_ReviewId_SourceKey",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "SourceKey",
                table: "TimelineEntries");
        }
    }
}
