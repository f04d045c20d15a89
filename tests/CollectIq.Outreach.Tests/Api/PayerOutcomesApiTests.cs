using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Tests.Outcomes;
using Microsoft.EntityFrameworkCore;
using static CollectIq.Outreach.Tests.Candidates;

namespace CollectIq.Outreach.Tests.Api;

/// <summary>The payer outcome endpoints on real Kestrel over the app database (SQLite) and the production registrations.</summary>
public sealed class PayerOutcomesApiTests
{
    private static readonly DateTimeOffset Now = Local("America/New_York", 2026, 7, 15, 14, 0);

    private static async Task<JsonElement> StatusAsync(OutcomeHost host, int payerId) =>
        await host.Http.GetFromJsonAsync<JsonElement>($"/api/payers/{payerId}/outreach-status");

    [Fact]
    public async Task ResolveDispute_WithReason_EndsThePauseAndIsAudited()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.Dispute, """{"invoiceNumber":"INV-Acme","reason":"never delivered"}""");
        host.Time.Advance(TimeSpan.FromDays(8)); // past the quiet period: only the dispute holds

        var disputed = await StatusAsync(host, payerId);
        Assert.False(disputed.GetProperty("callable").GetBoolean());
        Assert.Equal(OpenDisputeRule.RuleName, disputed.GetProperty("blockingRule").GetString());
        Assert.Equal("never delivered", disputed.GetProperty("openDispute").GetProperty("reason").GetString());

        var noReason = await host.Http.PostAsJsonAsync($"/api/payers/{payerId}/dispute/resolve", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.False((await StatusAsync(host, payerId)).GetProperty("callable").GetBoolean());

        var resolved = await host.Http.PostAsJsonAsync($"/api/payers/{payerId}/dispute/resolve", new { reason = "Proof of delivery sent to the payer" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var status = await StatusAsync(host, payerId);
        Assert.True(status.GetProperty("callable").GetBoolean(), status.ToString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("openDispute").ValueKind);

        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsJsonAsync($"/api/payers/{payerId}/dispute/resolve", new { reason = "again, nothing open" })).StatusCode);
        var audit = await host.Http.GetFromJsonAsync<JsonElement>($"/api/audit?payerId={payerId}");
        var entry = audit.EnumerateArray().First(e => e.GetProperty("action").GetString() == OutcomeAuditActions.DisputeResolved);
        Assert.Equal("api", entry.GetProperty("actor").GetString());
        Assert.Contains("Proof of delivery", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task OpenDispute_ByOperator_PausesCalls()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();

        var created = await host.Http.PostAsJsonAsync($"/api/payers/{payerId}/dispute", new { invoiceNumber = "INV-Acme", reason = "Letter received: wrong amount" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(OpenDisputeRule.RuleName, (await StatusAsync(host, payerId)).GetProperty("blockingRule").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsJsonAsync("/api/payers/999/dispute", new { reason = "no such payer" })).StatusCode);
    }

    [Fact]
    public async Task ChangePhone_AfterWrongNumberFlag_ClearsItAndMasksTheNumber()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.WrongParty, "{}");
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.WrongParty, "{}");
        var flagged = await StatusAsync(host, payerId);
        Assert.Equal(WrongNumberRule.RuleName, flagged.GetProperty("blockingRule").GetString());
        Assert.Equal(2, flagged.GetProperty("wrongNumber").GetProperty("wrongPartyCount").GetInt32());

        var bad = await host.Http.PutAsJsonAsync($"/api/payers/{payerId}/phone", new { phone = "12", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("phone", body);
        Assert.Contains("reason", body);

        var changed = await host.Http.PutAsJsonAsync($"/api/payers/{payerId}/phone", new { phone = "+1 212 555 0199", reason = "Payer's accountant gave the direct line" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var answer = await changed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("2125550199", answer);
        await using (var db = await host.Contexts.CreateDbContextAsync())
            Assert.Equal("+12125550199", (await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId)).ContactPhone);
        var status = await StatusAsync(host, payerId);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("wrongNumber").GetProperty("flaggedAt").ValueKind);
        Assert.NotEqual(WrongNumberRule.RuleName, status.GetProperty("blockingRule").GetString());
        var audit = await host.Http.GetStringAsync($"/api/audit?payerId={payerId}");
        Assert.Contains(OutcomeAuditActions.PhoneChanged, audit);
        Assert.DoesNotContain("2125550199", audit);
    }

    [Fact]
    public async Task OutreachStatus_ShowsPromiseClaimLinksAndNextScheduledCall()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.PromiseToPay, """{"amount":250,"currency":"USD","date":"2026-07-24"}""");
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.PaymentLink, "{}");
        var tomorrow = Local("America/New_York", 2026, 7, 16, 11, 0);
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.Callback, $$"""{"callbackAt":"{{tomorrow:O}}"}""");

        var status = await StatusAsync(host, payerId);

        Assert.Equal("2026-07-24", status.GetProperty("latestPromise").GetProperty("promisedDate").GetString());
        Assert.Equal("pending", status.GetProperty("latestPromise").GetProperty("state").GetString());
        Assert.Single(status.GetProperty("pendingPaymentLinks").EnumerateArray());
        var next = status.GetProperty("nextScheduledCall");
        Assert.Equal(("callback", tomorrow), (next.GetProperty("kind").GetString(), next.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(PendingPromiseRule.RuleName, status.GetProperty("blockingRule").GetString()); // promise first, then callback
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/payers/999/outreach-status")).StatusCode);
    }

    [Fact]
    public async Task PaymentLinks_OutboxListedAndMarkedSentOnce()
    {
        await using var host = await OutcomeHost.StartAsync(Now);
        var payerId = await host.AddPayerAsync();
        await host.Recorder.SetOutcomeAsync(await host.AddAnsweredCallAsync(payerId), CallOutcome.PaymentLink, "{}");

        var pending = await host.Http.GetFromJsonAsync<JsonElement>("/api/payment-links");
        var link = Assert.Single(pending.EnumerateArray());
        var id = link.GetProperty("id").GetInt32();
        Assert.Equal(1000m, link.GetProperty("amount").GetDecimal());

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync($"/api/payment-links/{id}/sent", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync($"/api/payment-links/{id}/sent", null)).StatusCode);
        Assert.Empty((await host.Http.GetFromJsonAsync<JsonElement>("/api/payment-links")).EnumerateArray());
        Assert.Single((await host.Http.GetFromJsonAsync<JsonElement>("/api/payment-links?state=sent")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/api/payment-links?state=lost")).StatusCode);
    }
}
