using System.Globalization;
using System.Threading.Channels;
using CollectIq.Domain.Calls;
using Microsoft.Extensions.Logging;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// Delivers one call's status callbacks in order, off the call's own flow (a slow webhook never
/// delays the call), numbered by SequenceNumber from 0 like Twilio's.
/// </summary>
internal sealed class StatusCallbackSender
{
    private readonly SimulatedCall call;
    private readonly WebhookClient webhooks;
    private readonly ILogger logger;
    private readonly Channel<IReadOnlyList<KeyValuePair<string, string>>> queue = Channel.CreateUnbounded<IReadOnlyList<KeyValuePair<string, string>>>(new() { SingleReader = true });
    private readonly Task delivery;
    private int sequence;

    public StatusCallbackSender(SimulatedCall call, WebhookClient webhooks, ILogger logger)
    {
        this.call = call;
        this.webhooks = webhooks;
        this.logger = logger;
        delivery = Task.Run(DeliverAsync);
    }

    /// <summary>Queues the callback for a status if the call asked for its event (initiated, ringing, answered, completed).</summary>
    public void Notify(string status)
    {
        var callbackEvent = status switch
        {
            CallStatuses.Initiated => "initiated",
            CallStatuses.Ringing => "ringing",
            CallStatuses.InProgress => "answered",
            _ when CallStatuses.IsTerminal(status) => "completed",
            _ => null,
        };
        if (callbackEvent is null || !call.Request.WantsCallbackFor(callbackEvent)) return;

        var parameters = CallParameters.For(call, status);
        parameters.Add(new("Timestamp", call.Now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)));
        parameters.Add(new("SequenceNumber", (sequence++).ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("CallbackSource", "call-progress-events"));
        if (CallStatuses.IsTerminal(status))
            parameters.Add(new("CallDuration", (call.DurationSeconds ?? 0).ToString(CultureInfo.InvariantCulture)));
        queue.Writer.TryWrite(parameters);
    }

    /// <summary>No more callbacks; completes when the queued ones were delivered.</summary>
    public Task CompleteAsync()
    {
        queue.Writer.TryComplete();
        return delivery;
    }

    private async Task DeliverAsync()
    {
        await foreach (var parameters in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var url = call.Request.StatusCallback!;
            try
            {
                var response = await webhooks.SendAsync(url, call.Request.StatusCallbackMethod, parameters, CancellationToken.None).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    call.Append(new CallProblem(call.Sid, call.Now, 11200, $"Status callback answered HTTP {response.StatusCode}."));
                    SimulatorLog.CallbackRejected(logger, call.Sid, response.StatusCode);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                call.Append(new CallProblem(call.Sid, call.Now, 11200, $"Status callback failed: {e.Message}"));
                SimulatorLog.CallbackFailed(logger, call.Sid, e.Message);
            }
        }
    }
}
