using System.Globalization;
using CollectIq.Data;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.WebApp;

/// <summary>
/// The dashboard's figures over the last <c>days</c> days. Read into memory (a few thousand rows at
/// most) because day boundaries and rates are simpler and identical on both engines that way.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<CollectIqDbContext> contexts, TimeProvider time)
{
    /// <summary>CallEvent type with Detail = voice-to-voice milliseconds (integer).</summary>
    public const string LatencyEventType = "latency";

    /// <summary>CallEvent type the collections agent records per reply: JSON with <c>voiceToVoiceMs</c> (null for a keypad turn).</summary>
    public const string TurnMetricsEventType = "turn-metrics";

    private static readonly CallOutcome[] NotRightParty = [CallOutcome.WrongParty, CallOutcome.Voicemail, CallOutcome.NoContact, CallOutcome.Unknown];

    public async Task<DashboardFigures> LoadAsync(int days = 14, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var from = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var calls = await db.Calls.AsNoTracking().Where(c => c.CreatedAt >= from)
            .Select(c => new { c.Id, c.CreatedAt, c.Status, c.Outcome, c.RequestedBy }).ToListAsync(ct);
        var promises = await db.PaymentPromises.AsNoTracking().Where(p => p.CreatedAt >= from)
            .Select(p => new { p.Amount, p.Currency }).ToListAsync(ct);
        var latencies = await db.CallEvents.AsNoTracking().Where(e => (e.Type == LatencyEventType || e.Type == TurnMetricsEventType) && e.At >= from)
            .Select(e => new { e.Type, e.Detail }).ToListAsync(ct);

        var perDay = Enumerable.Range(0, days).Select(i => DateOnly.FromDateTime(from.UtcDateTime.AddDays(i)))
            .Select(day => new DayCount(day, calls.Count(c => DateOnly.FromDateTime(c.CreatedAt.UtcDateTime) == day))).ToList();
        // Softphone test calls are operators role-playing payers: counted per day, never in the rates.
        var real = calls.Where(c => !Call.IsTestCallRequester(c.RequestedBy)).ToList();
        var finished = real.Count(c => CallStatuses.IsTerminal(c.Status));
        var rightParty = real.Count(c => c.Outcome is { } o && !NotRightParty.Contains(o));
        var promisesToPay = real.Count(c => c.Outcome is CallOutcome.PromiseToPay or CallOutcome.PartialPayment);
        var ms = latencies.Select(e => e.Type == LatencyEventType ? ParseMs(e.Detail) : VoiceToVoiceOf(e.Detail)).OfType<double>().ToList();

        return new DashboardFigures(
            perDay,
            calls.Count,
            finished,
            Rate(rightParty, finished),
            Rate(promisesToPay, rightParty),
            promises.GroupBy(p => p.Currency).Select(g => new Money(g.Sum(p => p.Amount), g.Key)).ToList(),
            ms.Count == 0 ? null : ms.Average());
    }

    private static double? ParseMs(string? detail) =>
        double.TryParse(detail, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? VoiceToVoiceOf(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("voiceToVoiceMs", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble() : null;
        }
        catch (System.Text.Json.JsonException) { return null; } // a malformed row never breaks the dashboard
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

public sealed record DayCount(DateOnly Day, int Calls);
public sealed record Money(decimal Amount, string Currency);

/// <param name="FinishedCalls">Finished calls, softphone test calls excluded.</param>
/// <param name="RightPartyRate">Right-party contacts / finished calls (test calls excluded); null when no call finished.</param>
/// <param name="PromiseRate">Promises (full or partial) / right-party contacts.</param>
/// <param name="AverageLatencyMs">Mean voice-to-voice latency; null until the agent records it.</param>
public sealed record DashboardFigures(
    IReadOnlyList<DayCount> CallsPerDay, int Calls, int FinishedCalls, double? RightPartyRate, double? PromiseRate,
    IReadOnlyList<Money> PromisedAmounts, double? AverageLatencyMs);
