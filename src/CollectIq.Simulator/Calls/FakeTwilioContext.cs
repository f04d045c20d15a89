using CollectIq.Simulator.Api;
using CollectIq.Simulator.Scripts;
using Microsoft.Extensions.Logging;

namespace CollectIq.Simulator.Calls;

/// <summary>What every part of a simulated call shares: settings, clock, signed webhooks, the caller's voice, logging.</summary>
internal sealed class FakeTwilioContext(FakeTwilioOptions options, TimeProvider time, WebhookClient webhooks, ICallerVoice voice, ILogger logger)
{
    public FakeTwilioOptions Options { get; } = options;
    public string AuthToken => Options.AuthToken;
    public TimeProvider Time { get; } = time;
    public WebhookClient Webhooks { get; } = webhooks;
    public ICallerVoice Voice { get; } = voice;
    public ILogger Logger { get; } = logger;

    /// <summary>Records a problem on the call (as Twilio's debugger would) and logs it.</summary>
    public void Problem(SimulatedCall call, int? code, string message)
    {
        call.Append(new CallProblem(call.Sid, call.Now, code, message));
        SimulatorLog.CallProblem(Logger, call.Sid, code, message);
    }
}
