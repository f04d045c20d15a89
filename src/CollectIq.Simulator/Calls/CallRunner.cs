using CollectIq.Domain.Calls;
using DomainPhones = CollectIq.Domain.Phones.PhoneNumbers;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.TwiML;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// Drives one call through Twilio's life cycle: queued → initiated → ringing → (per the callee's
/// script) busy / no-answer / failed / canceled, or in-progress → TwiML and the script side by side
/// → completed. Status callbacks go out for the events the call asked for. Never throws: a bug in
/// one call is reported on that call and ends it, nothing else.
/// </summary>
internal sealed class CallRunner(SimulatedCall call, FakeTwilioContext context)
{
    private static readonly TimeSpan InitiatedToRinging = TimeSpan.FromMilliseconds(20);
    private StatusCallbackSender? callbacks;

    public async Task RunAsync()
    {
        callbacks = new StatusCallbackSender(call, context.Webhooks, context.Logger);
        SimulatorLog.CallPlaced(context.Logger, call.Sid, DomainPhones.Mask(call.Request.To), call.Script.Name);
        try
        {
            await RunLifeCycleAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SimulatorLog.CallCrashed(context.Logger, e, call.Sid);
            call.Append(new CallProblem(call.Sid, call.Now, null, $"The stand-in failed on this call: {e.Message}"));
            Advance(call.AnsweredAt is null ? CallStatuses.Failed : CallStatuses.Completed);
        }
        finally
        {
            await callbacks.CompleteAsync().ConfigureAwait(false);
            call.Finish();
        }
    }

    private async Task RunLifeCycleAsync()
    {
        var ended = call.HangUpToken;
        var script = call.Script;
        var timeout = call.Request.Timeout;
        try
        {
            await Task.Delay(context.Options.DialDelay, context.Time, ended).ConfigureAwait(false);
            if (script.Disposition == CalleeDisposition.Failed)
            {
                Advance(CallStatuses.Failed);
                return;
            }
            Advance(CallStatuses.Initiated);
            await Task.Delay(InitiatedToRinging, context.Time, ended).ConfigureAwait(false);
            Advance(CallStatuses.Ringing);

            if (script.Disposition == CalleeDisposition.Busy)
            {
                await Task.Delay(Min(script.RingTime, timeout), context.Time, ended).ConfigureAwait(false);
                Advance(CallStatuses.Busy);
                return;
            }
            // Nobody answers before the call's Timeout: Twilio gives up with no-answer.
            if (script.Disposition == CalleeDisposition.NoAnswer || script.RingTime >= timeout)
            {
                await Task.Delay(timeout, context.Time, ended).ConfigureAwait(false);
                Advance(CallStatuses.NoAnswer);
                return;
            }
            await Task.Delay(script.RingTime, context.Time, ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            Advance(CallStatuses.Canceled);
            return;
        }

        if (call.Request.WantsMachineDetection)
            call.AnsweredBy = script.Disposition == CalleeDisposition.AnswersAsMachine ? "machine_end_beep" : "human";
        Advance(CallStatuses.InProgress);

        using var scriptStop = CancellationTokenSource.CreateLinkedTokenSource(ended);
        var callee = CalleeScriptRunner.RunAsync(call, context, scriptStop.Token);
        var amd = AsyncAmdCallback.RunAsync(call, context, scriptStop.Token);
        try
        {
            await new TwimlInterpreter(call, context).RunAsync(ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        finally
        {
            scriptStop.Cancel();
            await callee.ConfigureAwait(false);
            await amd.ConfigureAwait(false);
        }
        Advance(CallStatuses.Completed);
    }

    private void Advance(string status)
    {
        if (!call.TrySetStatus(status)) return;
        SimulatorLog.StatusChanged(context.Logger, call.Sid, status);
        callbacks!.Notify(status);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
