using CollectIq.Domain.Calls;
using CollectIq.Domain.Payers;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Data.Tests.Infrastructure;

/// <summary>Small builders for test rows.</summary>
public static class Books
{
    public static Payer Payer(string name, string phone = "+12125550143", string? zone = "America/New_York", params (string Number, DateOnly Due, decimal Open)[] invoices) => new()
    {
        Name = name,
        ContactName = "Pat Doe",
        ContactPhone = phone,
        TimeZone = zone,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Invoices = invoices.Select(i => new Invoice { Number = i.Number, Amount = Math.Max(i.Open, 100m), OpenAmount = i.Open, Currency = "USD", DueDate = i.Due, IssueDate = i.Due.AddDays(-30) }).ToList(),
    };

    public static async Task<int> AddPayerAsync(this TestDatabase db, Payer payer)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        context.Payers.Add(payer);
        await context.SaveChangesAsync();
        return payer.Id;
    }

    public static async Task<int> AddCallAsync(this TestDatabase db, int payerId, DateTimeOffset createdAt, string? callSid = null, string status = CallStatuses.Queued)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        var call = new Call { PayerId = payerId, CreatedAt = createdAt, TwilioCallSid = callSid, Status = status };
        context.Calls.Add(call);
        await context.SaveChangesAsync();
        return call.Id;
    }

    public static async Task<Call> LoadCallAsync(this TestDatabase db, int callId)
    {
        await using var context = await db.Contexts.CreateDbContextAsync();
        return await context.Calls.AsNoTracking().AsSplitQuery().Include(c => c.StatusHistory).Include(c => c.Transcript).Include(c => c.Events).SingleAsync(c => c.Id == callId);
    }
}
