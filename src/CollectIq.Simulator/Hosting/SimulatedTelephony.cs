using System.Runtime.CompilerServices;
using CollectIq.Simulator.Api;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CollectIq.Simulator.Hosting;

/// <summary>
/// Simulated telephony for a host without Twilio credentials: runs the <see cref="FakeTwilio"/>
/// stand-in on loopback and points <see cref="TwilioOptions"/> at it (fake AccountSid/AuthToken/
/// PhoneNumber, ApiBaseUrl), so the real Twilio client, webhooks and media-stream session run
/// unchanged. Started on first use of the options or with the host, whichever comes first.
/// </summary>
public sealed class SimulatedTelephony : IHostedService, IAsyncDisposable
{
    private readonly object gate = new();
    private Task? starting;

    public SimulatedTelephony(SimulatedTelephonyOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, ICallerVoice? voice = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new InvalidOperationException("Simulated telephony settings: " + string.Join(" ", problems));
        var scripts = new CalleeScriptRegistry
        {
            Default = CalleePresets.Get(options.DefaultCallee, TimeSpan.FromSeconds(options.HangUpAfterSeconds))!,
        };
        Twilio = new FakeTwilio(new FakeTwilioOptions { Port = options.Port }, scripts, voice ?? options.CreateCallerVoice(), time, loggerFactory);
    }

    public FakeTwilio Twilio { get; }

    /// <summary>Per-number and per-payer callee scripts; the default is the configured preset.</summary>
    public CalleeScriptRegistry Scripts => Twilio.Scripts;

    public Uri BaseAddress => Twilio.BaseAddress;

    /// <summary>Starts the stand-in now (blocking): options post-configuration needs its address synchronously.</summary>
    public void EnsureStarted() => StartOnceAsync().GetAwaiter().GetResult();

    public Task StartAsync(CancellationToken cancellationToken) => StartOnceAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Twilio.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => Twilio.DisposeAsync();

    /// <summary>Fills Twilio settings so the real client talks to the stand-in.</summary>
    public void Configure(TwilioOptions options)
    {
        EnsureStarted();
        options.AccountSid = Twilio.AccountSid;
        options.AuthToken = Twilio.AuthToken;
        if (string.IsNullOrWhiteSpace(options.PhoneNumber)) options.PhoneNumber = Twilio.PhoneNumber;
        options.ApiBaseUrl = Twilio.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>
    /// A call's events from its start (status changes, what the agent played and the payer said,
    /// marks, problems) as they happen; waits for the call to be placed, ends when it has ended.
    /// This is what <c>./run call &lt;payerId&gt;</c> prints.
    /// </summary>
    public async IAsyncEnumerable<SimulatedCallEvent> WatchCallAsync(string callSid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = await Twilio.Calls.WaitForAsync(callSid, cancellationToken).ConfigureAwait(false);
        await foreach (var e in call.WatchAsync(cancellationToken).ConfigureAwait(false)) yield return e;
    }

    private Task StartOnceAsync()
    {
        lock (gate) return starting ??= Twilio.StartAsync();
    }
}
