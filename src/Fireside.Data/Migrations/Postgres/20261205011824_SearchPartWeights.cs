using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fireside.Data.Migrations.Postgres
{
    /// <summary>
    /// No change of schema: the matched vector now marks the remediation, accounts and timeline with weights of their
    /// own, from which a search reads where on its page the words were found. Its name asks for the index to be rebuilt
    /// (MigrateFiresideDbAsync), so that vectors written before carry the weights too.
    /// </summary>
    public partial class SearchPartWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
