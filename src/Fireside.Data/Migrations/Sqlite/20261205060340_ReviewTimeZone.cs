using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewTimeZone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Reviews",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Reviews");
        }
    }
}
