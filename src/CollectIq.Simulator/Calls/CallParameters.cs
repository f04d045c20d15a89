using CollectIq.Domain.Calls;

namespace CollectIq.Simulator.Calls;

/// <summary>The parameters Twilio sends with every request about a call (voice URL, actions, status callbacks).</summary>
internal static class CallParameters
{
    public const string ApiVersion = "2010-04-01";

    public static List<KeyValuePair<string, string>> For(SimulatedCall call, string? status = null)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("CallSid", call.Sid),
            new("AccountSid", call.AccountSid),
            new("From", call.Request.From),
            new("To", call.Request.To),
            new("Direction", "outbound-api"),
            new("CallStatus", status ?? call.Status),
            new("ApiVersion", ApiVersion),
        };
        if (call.AnsweredBy is not null && call.Request.ReportsAnsweredByInline && (status ?? call.Status) is not CallStatuses.Initiated and not CallStatuses.Ringing)
            list.Add(new("AnsweredBy", call.AnsweredBy));
        return list;
    }
}
