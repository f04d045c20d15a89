using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CollectIq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutcomeEffects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BalanceAtPromise",
                table: "payment_promises",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "payment_promises",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WrongNumberAt",
                table: "payers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WrongPartyCount",
                table: "payers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "callback_requests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerId = table.Column<int>(type: "integer", nullable: false),
                    CallId = table.Column<int>(type: "integer", nullable: true),
                    RequestedFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ScheduledFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Adjustment = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PlacedCallId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_callback_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_callback_requests_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_callback_requests_payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "disputes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerId = table.Column<int>(type: "integer", nullable: false),
                    CallId = table.Column<int>(type: "integer", nullable: true),
                    InvoiceNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_disputes_payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerId = table.Column<int>(type: "integer", nullable: false),
                    CallId = table.Column<int>(type: "integer", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BalanceAtClaim = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    HoldUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_claims_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_payment_claims_payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_link_requests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerId = table.Column<int>(type: "integer", nullable: false),
                    CallId = table.Column<int>(type: "integer", nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_link_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_link_requests_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_payment_link_requests_payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_callback_requests_CallId",
                table: "callback_requests",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_callback_requests_PayerId_State",
                table: "callback_requests",
                columns: new[] { "PayerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_CallId",
                table: "disputes",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_PayerId_ResolvedAt",
                table: "disputes",
                columns: new[] { "PayerId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_claims_CallId",
                table: "payment_claims",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_claims_PayerId",
                table: "payment_claims",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_claims_State_HoldUntil",
                table: "payment_claims",
                columns: new[] { "State", "HoldUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_link_requests_CallId",
                table: "payment_link_requests",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_link_requests_PayerId",
                table: "payment_link_requests",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_link_requests_State_RequestedAt",
                table: "payment_link_requests",
                columns: new[] { "State", "RequestedAt" });

            // Before this migration an open dispute was "the payer's latest call outcome is dispute": carry those over as
            // open disputes (same SQL on SQLite and PostgreSQL; CreatedAt has the same storage type in both tables).
            migrationBuilder.Sql(
                """
                INSERT INTO disputes ("PayerId", "CallId", "OpenedAt")
                SELECT c."PayerId", c."Id", c."CreatedAt" FROM calls c
                WHERE c."Outcome" = 'Dispute'
                  AND c."Id" = (SELECT MAX(c2."Id") FROM calls c2 WHERE c2."PayerId" = c."PayerId" AND c2."Outcome" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_requests");

            migrationBuilder.DropTable(
                name: "disputes");

            migrationBuilder.DropTable(
                name: "payment_claims");

            migrationBuilder.DropTable(
                name: "payment_link_requests");

            migrationBuilder.DropColumn(
                name: "BalanceAtPromise",
                table: "payment_promises");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "payment_promises");

            migrationBuilder.DropColumn(
                name: "WrongNumberAt",
                table: "payers");

            migrationBuilder.DropColumn(
                name: "WrongPartyCount",
                table: "payers");
        }
    }
}
