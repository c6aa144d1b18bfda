using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewInsights",
                columns: table => new
                {
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Teams = table.Column<int>(type: "INTEGER", nullable: false),
                    OthersInRoom = table.Column<int>(type: "INTEGER", nullable: false),
                    Actors = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorInterviews = table.Column<string>(type: "TEXT", nullable: true),
                    Themes = table.Column<string>(type: "TEXT", nullable: true),
                    Facilitators = table.Column<string>(type: "TEXT", nullable: true),
                    SurveyAnswers = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyAnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ToldMyPartAgree = table.Column<int>(type: "INTEGER", nullable: false),
                    StayedOnLearningAgree = table.Column<int>(type: "INTEGER", nullable: false),
                    UnderstandBetterAgree = table.Column<int>(type: "INTEGER", nullable: false),
                    ToldMyPartDisagree = table.Column<int>(type: "INTEGER", nullable: false),
                    StayedOnLearningDisagree = table.Column<int>(type: "INTEGER", nullable: false),
                    UnderstandBetterDisagree = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewInsights", x => x.ReviewId);
                    table.ForeignKey(
                        name: "FK_ReviewInsights_Reviews_ReviewId",
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
                name: "ReviewInsights");
        }
    }
}
