using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Promises;
using CollectIq.Outreach.Compliance;

namespace CollectIq.Bench.Outreach;

/// <summary>
/// A synthetic book shaped like a real one: a third without a stored zone (zone from the phone number),
/// mixed stages, recent no-answers, conversations, promises, disputes, opt-outs. Deterministic (seeded).
/// </summary>
public static class OutreachBook
{
    private static readonly string[] Zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage"];
    private static readonly string[] AreaCodes = ["212", "312", "303", "415", "808", "907", "617", "206", "305", "713"];

    public static List<DialingCandidate> Create(int count, DateTimeOffset now, int seed = 42)
    {
        var random = new Random(seed);
        var dunning = new DunningCalculator(new DunningOptions());
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var list = new List<DialingCandidate>(count);
        for (var id = 1; id <= count; id++)
        {
            var days = random.Next(-10, 200);
            var amount = Math.Round((decimal)(random.NextDouble() * 20_000 + 50), 2);
            var payer = new Payer
            {
                Id = id,
                Name = $"Payer {id}",
                ContactName = $"Contact {id}",
                ContactPhone = $"+1{AreaCodes[random.Next(AreaCodes.Length)]}{random.Next(2, 10)}{random.Next(0, 1_000_000):D6}",
                TimeZone = random.Next(3) == 0 ? null : Zones[random.Next(Zones.Length)],
                OptedOutAt = random.Next(50) == 0 ? now.AddDays(-3) : null,
                Invoices = [new Invoice { Id = id, PayerId = id, Number = $"INV-{id}", Amount = amount, OpenAmount = amount, IssueDate = today.AddDays(-days - 30), DueDate = today.AddDays(-days) }],
            };
            var attempts = new List<CallAttempt>();
            for (var a = random.Next(0, 9); a > 0; a--)
            {
                var at = now.AddHours(-random.Next(1, 24 * 8));
                attempts.Add(random.Next(8) == 0
                    ? new CallAttempt(at, CallStatuses.Completed, CallOutcome.Callback, RightPartyConversation: true)
                    : new CallAttempt(at, random.Next(2) == 0 ? CallStatuses.NoAnswer : CallStatuses.Busy));
            }
            var promises = random.Next(10) == 0
                ? new List<PaymentPromise> { new() { PayerId = id, Amount = 100, PromisedDate = today.AddDays(random.Next(-10, 10)) } }
                : [];
            list.Add(new DialingCandidate
            {
                Payer = payer,
                Dunning = dunning.Compute(payer, now),
                RecentAttempts = attempts,
                Promises = promises,
                HasOpenDispute = random.Next(40) == 0,
                CallInProgress = random.Next(200) == 0,
            });
        }
        return list;
    }
}
