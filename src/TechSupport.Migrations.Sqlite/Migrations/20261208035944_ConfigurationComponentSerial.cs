using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechSupport.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConfigurationComponentSerial : Migration
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
