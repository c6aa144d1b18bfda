using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WritingStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WritingStats",
                columns: table => new
                {
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Words = table.Column<int>(type: "INTEGER", nullable: false),
                    Counterfactual = table.Column<int>(type: "INTEGER", nullable: false),
                    RootCause = table.Column<int>(type: "INTEGER", nullable: false),
                    Blame = table.Column<int>(type: "INTEGER", nullable: false),
                    Hindsight = table.Column<int>(type: "INTEGER", nullable: false),
                    Minimizing = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WritingStats", x => x.ReviewId);
                    table.ForeignKey(
                        name: "FK_WritingStats_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WritingStats");
        }
    }
}
