using CollectIq.Domain.Calls;

namespace CollectIq.Web.Calls;

/// <summary>GET /api/calls/{id}. <c>status</c> in Twilio's words; <c>outcome</c> snake_case, null until known.</summary>
public sealed record CallDetails(
    int Id, int PayerId, string? TwilioCallSid, string Direction, string Status, List<StatusChangeView> StatusHistory,
    string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt,
    int? DurationSeconds, string? AnsweredBy, string? HangupCause, string? Outcome, string? OutcomeDetail, List<TranscriptTurnView> Transcript)
{
    public static CallDetails From(Call c) => new(
        c.Id, c.PayerId, c.TwilioCallSid, c.Direction == CallDirection.Inbound ? "inbound" : "outbound", c.Status,
        c.StatusHistory.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new StatusChangeView(s.Status, s.At, s.Source)).ToList(),
        c.RequestedBy, c.CreatedAt, c.StartedAt, c.AnsweredAt, c.EndedAt, c.DurationSeconds, c.AnsweredBy, c.HangupCause,
        c.Outcome?.ToWire(), c.OutcomeDetail,
        c.Transcript.OrderBy(t => t.AtMs).ThenBy(t => t.Id).Select(TranscriptTurnView.From).ToList());
}

public sealed record StatusChangeView(string Status, DateTimeOffset At, string? Source);

/// <summary>One utterance: speaker "agent" or "payer", milliseconds from the stream's start.</summary>
public sealed record TranscriptTurnView(string Speaker, string Text, int AtMs, double? Confidence, bool Interrupted, string? HeardText)
{
    public static TranscriptTurnView From(TranscriptTurn t) =>
        new(t.Speaker == CollectIq.Domain.Calls.Speaker.Agent ? "agent" : "payer", t.Text, t.AtMs, t.Confidence, t.Interrupted, t.HeardText);
}

/// <summary>A row of GET /api/calls.</summary>
public sealed record CallSummary(
    int Id, int PayerId, string? TwilioCallSid, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt, int? DurationSeconds, string? AnsweredBy, string? Outcome)
{
    public static CallSummary From(Call c) =>
        new(c.Id, c.PayerId, c.TwilioCallSid, c.Status, c.CreatedAt, c.StartedAt, c.EndedAt, c.DurationSeconds, c.AnsweredBy, c.Outcome?.ToWire());
}
