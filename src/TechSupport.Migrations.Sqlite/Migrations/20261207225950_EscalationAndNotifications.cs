using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechSupport.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EscalationAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "Workarounds",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Conflicts",
                table: "Workarounds",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "OutOfServiceFaultId",
                table: "Suites",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OutOfServiceSince",
                table: "Suites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpecBitDepth",
                table: "Productions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpecSampleRate",
                table: "Productions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AcknowledgeWarnAt",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "AlertFingerprint",
                table: "Faults",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AttachmentsLocked",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Cycle",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CycleStartedAt",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "NextRuleAt",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "QcFlagged",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "RecurringProblemId",
                table: "Faults",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolveWarnAt",
                table: "Faults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RestoreWarnAt",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RestoredAt",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SlaDueAt",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaNext",
                table: "Faults",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SlaWarnAt",
                table: "Faults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Rule",
                table: "FaultEvents",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tier",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EscalationPolicy",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationPolicy", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MailOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    To = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    EnqueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MonitoringAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AlertName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Labels = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Annotations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    SuiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EquipmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonitoringAlerts_Faults_FaultId",
                        column: x => x.FaultId,
                        principalTable: "Faults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MonitoringAlerts_Suites_SuiteId",
                        column: x => x.SuiteId,
                        principalTable: "Suites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_Faults_FaultId",
                        column: x => x.FaultId,
                        principalTable: "Faults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RuleFirings",
                columns: table => new
                {
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleFirings", x => new { x.FaultId, x.Key });
                    table.ForeignKey(
                        name: "FK_RuleFirings_Faults_FaultId",
                        column: x => x.FaultId,
                        principalTable: "Faults",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Faults_AlertFingerprint",
                table: "Faults",
                column: "AlertFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_NextRuleAt",
                table: "Faults",
                column: "NextRuleAt");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_RecurringProblemId",
                table: "Faults",
                column: "RecurringProblemId");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_Status_SlaDueAt",
                table: "Faults",
                columns: new[] { "Status", "SlaDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FaultEvents_Rule",
                table: "FaultEvents",
                column: "Rule");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Tier",
                table: "AspNetUsers",
                column: "Tier");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringAlerts_FaultId",
                table: "MonitoringAlerts",
                column: "FaultId");

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringAlerts_Fingerprint",
                table: "MonitoringAlerts",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringAlerts_SuiteId_LastSeenAt",
                table: "MonitoringAlerts",
                columns: new[] { "SuiteId", "LastSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_FaultId",
                table: "Notifications",
                column: "FaultId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAt" });

            // Data fix: faults logged before the escalation rules start their first cycle with the
            // targets they had, warned when due, and their next unmet target as the statuses say.
            migrationBuilder.Sql(@"UPDATE Faults SET Cycle = 1, CycleStartedAt = CreatedAt,
    AcknowledgeWarnAt = AcknowledgeBy, RestoreWarnAt = RestoreBy, ResolveWarnAt = ResolveBy,
    RestoredAt = CASE WHEN Status IN ('WorkaroundApplied', 'Resolved', 'Closed') THEN COALESCE(ResolvedAt, UpdatedAt) ELSE NULL END;");
            migrationBuilder.Sql(@"UPDATE Faults SET
    SlaNext = CASE WHEN AcknowledgedAt IS NULL THEN 'Acknowledge'
        WHEN RestoreBy IS NOT NULL AND RestoredAt IS NULL THEN 'Restore' ELSE 'Resolve' END,
    SlaDueAt = CASE WHEN AcknowledgedAt IS NULL THEN AcknowledgeBy
        WHEN RestoreBy IS NOT NULL AND RestoredAt IS NULL THEN RestoreBy ELSE ResolveBy END
WHERE Status IN ('New', 'Acknowledged', 'InProgress', 'WorkaroundApplied', 'Reopened');");
            migrationBuilder.Sql("UPDATE Faults SET SlaWarnAt = SlaDueAt, NextRuleAt = SlaDueAt WHERE SlaDueAt IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationPolicy");

            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropTable(
                name: "MailOutbox");

            migrationBuilder.DropTable(
                name: "MonitoringAlerts");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "RuleFirings");

            migrationBuilder.DropIndex(
                name: "IX_Faults_AlertFingerprint",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_NextRuleAt",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_RecurringProblemId",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_Faults_Status_SlaDueAt",
                table: "Faults");

            migrationBuilder.DropIndex(
                name: "IX_FaultEvents_Rule",
                table: "FaultEvents");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Tier",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Changes",
                table: "Workarounds");

            migrationBuilder.DropColumn(
                name: "Conflicts",
                table: "Workarounds");

            migrationBuilder.DropColumn(
                name: "OutOfServiceFaultId",
                table: "Suites");

            migrationBuilder.DropColumn(
                name: "OutOfServiceSince",
                table: "Suites");

            migrationBuilder.DropColumn(
                name: "SpecBitDepth",
                table: "Productions");

            migrationBuilder.DropColumn(
                name: "SpecSampleRate",
                table: "Productions");

            migrationBuilder.DropColumn(
                name: "AcknowledgeWarnAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "AlertFingerprint",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "AttachmentsLocked",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "Cycle",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "CycleStartedAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "NextRuleAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "QcFlagged",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "RecurringProblemId",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "ResolveWarnAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "RestoreWarnAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "RestoredAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "SlaNext",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "SlaWarnAt",
                table: "Faults");

            migrationBuilder.DropColumn(
                name: "Rule",
                table: "FaultEvents");

            migrationBuilder.DropColumn(
                name: "Tier",
                table: "AspNetUsers");
        }
    }
}
