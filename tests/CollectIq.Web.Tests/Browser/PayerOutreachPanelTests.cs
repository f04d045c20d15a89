using System.Net.Http.Json;
using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Outcomes;
using CollectIq.Outreach.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

/// <summary>
/// The payer page's outreach panel: what holds calls to the payer, and the operator's actions on it (through the
/// API's own handlers, audited with the operator's name). Payers live in a zone where it is midday now, so the
/// calling window never decides "callable" whatever the hour the suite runs.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class PayerOutreachPanelTests
{
    [Fact]
    public async Task PayerPage_OpenDispute_ResolvedWithReasonShowsResolvedAndAudit()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var payerId = await session.App.AddPayerAsync("Disputed Dairy", 95, phone: "+16175550161", zone: MiddayZone());
        var opened = await session.App.Client.PostAsJsonAsync($"/api/payers/{payerId}/dispute", new { invoiceNumber = "INV-1", reason = "Goods never arrived." });
        opened.EnsureSuccessStatusCode();
        await session.SignInAsync();

        // The worklist's "next call" is the dialing policy's own answer: the dispute holds the payer.
        await Assertions.Expect(page.GetByTestId($"next-{payerId}")).ToContainTextAsync("open dispute");

        await session.GoToAsync($"/payers/{payerId}");
        await Assertions.Expect(page.GetByTestId("callable")).ToContainTextAsync("Not callable (open-dispute)");
        await Assertions.Expect(page.GetByTestId("dispute-state")).ToContainTextAsync("Goods never arrived.");

        // A reason is required: too short is refused in the dialog and nothing changes.
        await page.GetByTestId("resolve-dispute").ClickAsync();
        var reason = page.GetByLabel("Reason (goes into the audit log)");
        await reason.FillAsync("ok");
        await page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("at least 5 characters");
        await using (var db = await session.App.Contexts.CreateDbContextAsync())
            Assert.True(await db.Disputes.AnyAsync(d => d.PayerId == payerId && d.ResolvedAt == null));

        await reason.FillAsync("Proof of delivery sent to the customer.");
        await page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("dispute-state")).ToContainTextAsync("Resolved");
        await Assertions.Expect(page.GetByTestId("dispute-state")).ToContainTextAsync("operator:ops@example.com");
        await Assertions.Expect(page.GetByTestId("callable")).ToContainTextAsync("Callable now.");
        var audit = page.GetByTestId("audit").Locator("tr", new() { HasText = OutcomeAuditActions.DisputeResolved });
        await Assertions.Expect(audit).ToContainTextAsync("Proof of delivery sent to the customer.");
        await Assertions.Expect(audit).ToContainTextAsync("operator:ops@example.com");
        await using var after = await session.App.Contexts.CreateDbContextAsync();
        var dispute = await after.Disputes.AsNoTracking().SingleAsync(d => d.PayerId == payerId);
        Assert.Equal("Proof of delivery sent to the customer.", dispute.Resolution);
        Assert.Equal("operator:ops@example.com", dispute.ResolvedBy);
    }

    [Fact]
    public async Task PayerPage_WrongNumberFlag_ChangePhoneMakesPayerCallableAgain()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var payerId = await session.App.AddPayerAsync("Wrong Line Lumber", 95, phone: "+16175550162", zone: MiddayZone());
        await using (var db = await session.App.Contexts.CreateDbContextAsync())
            await db.Payers.Where(p => p.Id == payerId).ExecuteUpdateAsync(s => s.SetProperty(p => p.WrongPartyCount, 2).SetProperty(p => p.WrongNumberAt, DateTimeOffset.UtcNow.AddHours(-1)));
        await session.SignInAsync();
        await session.GoToAsync($"/payers/{payerId}");
        await Assertions.Expect(page.GetByTestId("callable")).ToContainTextAsync("Not callable (wrong-number)");
        await Assertions.Expect(page.GetByTestId("wrong-number")).ToContainTextAsync("wrong number");

        // The number is validated as the API does: not a phone number → the field says so, nothing stored.
        await page.GetByTestId("change-phone").ClickAsync();
        await page.GetByLabel("New phone number").FillAsync("12345");
        await page.GetByLabel("Reason (goes into the audit log)").FillAsync("Customer e-mailed their new direct line.");
        await page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error")).Not.ToHaveCountAsync(0);
        await using (var db = await session.App.Contexts.CreateDbContextAsync())
            Assert.Equal("+16175550162", (await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId)).ContactPhone);

        await page.GetByLabel("New phone number").FillAsync("+1 (617) 555-0177");
        await page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("callable")).ToContainTextAsync("Callable now.");
        await Assertions.Expect(page.GetByTestId("wrong-number")).Not.ToContainTextAsync("wrong number");
        await Assertions.Expect(page.GetByTestId("wrong-number")).ToContainTextAsync("0177");
        await Assertions.Expect(page.GetByTestId("audit").Locator("tr", new() { HasText = OutcomeAuditActions.PhoneChanged })).ToContainTextAsync("Customer e-mailed their new direct line.");

        await using var after = await session.App.Contexts.CreateDbContextAsync();
        var payer = await after.Payers.AsNoTracking().SingleAsync(p => p.Id == payerId);
        Assert.Equal("+16175550177", payer.ContactPhone);
        Assert.Null(payer.WrongNumberAt);
        Assert.Equal(0, payer.WrongPartyCount);
    }

    [Fact]
    public async Task PayerPage_CallbackAndPaymentLink_ShowsBothTimesAndMarksLinkSent()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var app = session.App;
        var payerId = await app.AddPayerAsync("Callback Cabinets", 95, phone: "+13105550163", zone: "America/Los_Angeles");
        // A finished call on which the payer asked for a callback tomorrow 15:00 their time; the real outcome effects schedule it.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1).AddHours(15);
        var callbackAt = new DateTimeOffset(tomorrow, zone.GetUtcOffset(tomorrow));
        int callId;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            var call = new Call { PayerId = payerId, Status = CallStatuses.Completed, RequestedBy = "operator:ops@example.com", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5), AnsweredBy = "human" };
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            callId = call.Id;
            db.PaymentLinkRequests.Add(new PaymentLinkRequest { PayerId = payerId, CallId = callId, Amount = 1250.50m, Currency = "USD", RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-4) });
            await db.SaveChangesAsync();
        }
        await app.Services.GetRequiredService<ICallRecorder>().SetOutcomeAsync(callId, CallOutcome.Callback, new OutcomeDetail { CallbackAt = callbackAt }.ToJson());
        DateTimeOffset scheduled;
        int linkId;
        await using (var db = await app.Contexts.CreateDbContextAsync())
        {
            scheduled = (await db.CallbackRequests.AsNoTracking().SingleAsync(c => c.PayerId == payerId)).ScheduledFor;
            linkId = (await db.PaymentLinkRequests.AsNoTracking().SingleAsync(l => l.PayerId == payerId)).Id;
        }
        await session.SignInAsync();

        // The worklist and the page give the policy's answer: the callback holds every other call.
        await Assertions.Expect(page.GetByTestId($"next-{payerId}")).ToContainTextAsync("called back");
        await session.GoToAsync($"/payers/{payerId}");
        await Assertions.Expect(page.GetByTestId("callable")).ToContainTextAsync("Not callable (callback-scheduled)");
        var payerLocal = TimeZoneInfo.ConvertTime(scheduled, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("scheduled-callback")).ToContainTextAsync($"{payerLocal} (America/Los_Angeles) payer's time");
        await Assertions.Expect(page.GetByTestId("scheduled-callback")).ToContainTextAsync("your time");
        await Assertions.Expect(page.GetByTestId($"payment-link-{linkId}")).ToContainTextAsync("1,250.50 USD");
        await session.ScreenshotAsync("payer-outreach");

        await page.GetByTestId($"mark-link-sent-{linkId}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-links")).ToHaveTextAsync("None requested.");
        await Assertions.Expect(page.GetByTestId("audit").Locator("tr", new() { HasText = OutcomeAuditActions.PaymentLinkSent })).ToContainTextAsync("operator:ops@example.com");
        await using var after = await app.Contexts.CreateDbContextAsync();
        var link = await after.PaymentLinkRequests.AsNoTracking().SingleAsync(l => l.Id == linkId);
        Assert.Equal((PaymentLinkState.Sent, "operator:ops@example.com"), (link.State, link.SentBy));
    }

    /// <summary>A fixed-offset zone where it is about midday now (Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3).</summary>
    private static string MiddayZone()
    {
        var offset = 12 - DateTime.UtcNow.Hour; // -11 … +12
        return offset switch { 0 => "Etc/UTC", > 0 => $"Etc/GMT-{offset}", _ => $"Etc/GMT+{-offset}" };
    }
}
