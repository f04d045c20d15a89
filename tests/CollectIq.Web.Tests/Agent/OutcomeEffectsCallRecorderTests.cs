using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Domain.Promises;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Agent;

public sealed class OutcomeEffectsCallRecorderTests
{
    [Fact]
    public async Task SetOutcomeAsync_ConfirmedPromise_CreatesOnePendingPaymentPromiseEvenWhenRecordedTwice()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Promise Row Co", 90);
        var callId = await app.PlaceCallAsync(payerId);
        var recorder = app.Services.GetRequiredService<ICallRecorder>();
        var detail = new OutcomeDetail { Amount = 200m, Currency = "USD", Date = new DateOnly(2026, 12, 15) }.ToJson();

        await recorder.SetOutcomeAsync(callId, CallOutcome.PromiseToPay, detail);
        await recorder.SetOutcomeAsync(callId, CallOutcome.PromiseToPay, detail);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var promise = await db.PaymentPromises.AsNoTracking().SingleAsync(p => p.CallId == callId);
        Assert.Equal((payerId, 200m, "USD", new DateOnly(2026, 12, 15), PromiseState.Pending),
            (promise.PayerId, promise.Amount, promise.Currency, promise.PromisedDate, promise.State));
        Assert.Equal(CallOutcome.PromiseToPay, (await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId)).Outcome);
    }

    [Fact]
    public async Task SetOutcomeAsync_PartialPayment_CreatesPromiseOfThePartialAmount()
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("Partial Co", 90));
        var recorder = app.Services.GetRequiredService<ICallRecorder>();

        await recorder.SetOutcomeAsync(callId, CallOutcome.PartialPayment, new OutcomeDetail { Amount = 50.25m, Currency = "USD", Date = new DateOnly(2026, 12, 1) }.ToJson());

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.Equal(50.25m, (await db.PaymentPromises.AsNoTracking().SingleAsync(p => p.CallId == callId)).Amount);
    }

    [Theory]
    [InlineData(CallOutcome.Dispute, "{\"invoiceNumber\":\"INV-1\",\"reason\":\"damaged\"}")]
    [InlineData(CallOutcome.WrongParty, "{}")]
    [InlineData(CallOutcome.PromiseToPay, null)]
    [InlineData(CallOutcome.PromiseToPay, "{\"amount\":200}")]
    public async Task SetOutcomeAsync_NoCompletePromise_CreatesNoPromiseButRecordsTheOutcome(CallOutcome outcome, string? detail)
    {
        await using var app = await TestApp.StartAsync();
        var callId = await app.PlaceCallAsync(await app.AddPayerAsync("No Promise Co", 90));

        await app.Services.GetRequiredService<ICallRecorder>().SetOutcomeAsync(callId, outcome, detail);

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.False(await db.PaymentPromises.AnyAsync());
        Assert.Equal(outcome, (await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId)).Outcome);
    }
}
