using System.Globalization;
using CollectIq.Simulator.Calls;

namespace CollectIq.Simulator.Api;

/// <summary>The call as Twilio's REST API renders it (snake_case JSON), the fields a client may read.</summary>
internal static class CallResource
{
    public static Dictionary<string, object?> For(SimulatedCall call) => new()
    {
        ["sid"] = call.Sid,
        ["account_sid"] = call.AccountSid,
        ["to"] = call.Request.To,
        ["from"] = call.Request.From,
        ["status"] = call.Status,
        ["direction"] = "outbound-api",
        ["api_version"] = CallParameters.ApiVersion,
        ["answered_by"] = call.AnsweredBy,
        ["date_created"] = Rfc2822(call.CreatedAt),
        ["date_updated"] = Rfc2822(call.EndedAt ?? call.AnsweredAt ?? call.CreatedAt),
        ["start_time"] = call.AnsweredAt is { } answered ? Rfc2822(answered) : null,
        ["end_time"] = call.EndedAt is { } ended ? Rfc2822(ended) : null,
        ["duration"] = call.DurationSeconds?.ToString(CultureInfo.InvariantCulture),
        ["price"] = null,
        ["uri"] = $"/2010-04-01/Accounts/{call.AccountSid}/Calls/{call.Sid}.json",
    };

    private static string Rfc2822(DateTimeOffset at) =>
        at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
