using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Part = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Private = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Changes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_ReviewId_Id",
                table: "Changes",
                columns: new[] { "ReviewId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Changes");
        }
    }
}
