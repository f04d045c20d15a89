using System.Globalization;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// Asynchronous answering-machine detection (AsyncAmd=true): the call is connected to the TwiML at
/// once and Twilio posts the verdict to AsyncAmdStatusCallback a moment later — sooner for a person,
/// after the greeting's beep for a machine — signed like every webhook.
/// </summary>
internal static class AsyncAmdCallback
{
    public static readonly TimeSpan HumanDetection = TimeSpan.FromMilliseconds(1200);
    public static readonly TimeSpan MachineDetection = TimeSpan.FromMilliseconds(2500);

    public static async Task RunAsync(SimulatedCall call, FakeTwilioContext context, CancellationToken callEnded)
    {
        var request = call.Request;
        if (!request.WantsMachineDetection || !request.AsyncAmd || request.AsyncAmdStatusCallback is null || call.AnsweredBy is null) return;
        var delay = call.AnsweredBy == "human" ? HumanDetection : MachineDetection;
        try
        {
            await Task.Delay(delay, context.Time, callEnded).ConfigureAwait(false);
            List<KeyValuePair<string, string>> parameters =
            [
                new("CallSid", call.Sid),
                new("AccountSid", call.AccountSid),
                new("AnsweredBy", call.AnsweredBy),
                new("MachineDetectionDuration", ((int)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
            ];
            var response = await context.Webhooks.SendAsync(request.AsyncAmdStatusCallback, request.AsyncAmdStatusCallbackMethod, parameters, callEnded).ConfigureAwait(false);
            if (!response.IsSuccess) context.Problem(call, 11200, $"AsyncAmdStatusCallback answered HTTP {response.StatusCode}.");
        }
        catch (OperationCanceledException) when (callEnded.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            context.Problem(call, 11200, $"AsyncAmdStatusCallback failed: {e.Message}");
        }
    }
}
