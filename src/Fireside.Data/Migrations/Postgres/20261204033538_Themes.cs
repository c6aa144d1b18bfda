using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Themes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Themes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FactorThemes",
                columns: table => new
                {
                    FactorId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactorThemes", x => new { x.FactorId, x.ThemeId });
                    table.ForeignKey(
                        name: "FK_FactorThemes_ContributingFactors_FactorId",
                        column: x => x.FactorId,
                        principalTable: "ContributingFactors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FactorThemes_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FactorThemes_ReviewId",
                table: "FactorThemes",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_FactorThemes_ThemeId",
                table: "FactorThemes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Themes_Name",
                table: "Themes",
                column: "Name");

            // The starting list, written for Fireside; admins change it on the Themes page.
            var order = 0;
            foreach (var (id, name, description) in Fireside.Core.Library.ThemeDefaults.Themes)
            {
                migrationBuilder.InsertData(
                    table: "Themes",
                    columns: ["Id", "Name", "Description", "Order", "CreatedAt"],
                    values: new object[] { id, name, description, ++order, new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc) });
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FactorThemes");

            migrationBuilder.DropTable(
                name: "Themes");
        }
    }
}
