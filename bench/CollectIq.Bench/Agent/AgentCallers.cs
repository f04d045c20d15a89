using System.Diagnostics;
using System.Text.Json;
using CollectIq.Bench.MediaStreams;
using CollectIq.Simulator.Api;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectIq.Bench.Agent;

/// <summary>
/// The caller side of the agent bench: the Twilio stand-in (REST API, webhooks, media streams, scripted payers)
/// and the measurement from its records. Runs in a child process (<see cref="Command"/>) so its 40 paced send
/// loops and scripts do not share the host's thread pool and GC, or in-process with <c>--callers in-process</c>.
/// Protocol with the parent: it prints <see cref="ReadyPrefix"/> + JSON (<see cref="Ready"/>), waits for a line
/// on stdin, hangs up every call, and prints <see cref="ResultPrefix"/> + JSON (<see cref="Result"/>).
/// </summary>
public static class AgentCallers
{
    public const string Command = "agent-callers";
    public const string ReadyPrefix = "READY ";
    public const string ResultPrefix = "RESULT ";

    public sealed record Ready(string BaseAddress, string AccountSid, string AuthToken, string PhoneNumber);
    public sealed record Result(int Answered, List<double> VoiceToVoice, List<double> Clear, double CpuSeconds);

    public static string Phone(int i) => $"+1212555{1000 + i:0000}";

    /// <summary>Starts the stand-in with one scripted payer per bench phone number.</summary>
    /// <param name="ringSpreadSeconds">
    /// Each payer answers after a random 0–N s of ringing (seeded), so 40 calls are not in lock-step (all talking over
    /// the disclosure in the same second); 0: everyone answers at once.
    /// </param>
    public static async Task<FakeTwilio> StartStandInAsync(int calls, int ringSpreadSeconds)
    {
        var clips = await Clips.CreateAsync();
        var twilio = new FakeTwilio(new FakeTwilioOptions(), new CalleeScriptRegistry(), new FliteCallerVoice(), TimeProvider.System, NullLoggerFactory.Instance);
        await twilio.StartAsync();
        var random = new Random(4);
        for (var i = 0; i < calls; i++)
        {
            var script = Script(clips);
            if (ringSpreadSeconds > 0) script = script.AfterRinging(TimeSpan.FromMilliseconds(random.Next(ringSpreadSeconds * 1000)));
            twilio.Scripts.ForNumber(Phone(i), script);
        }
        return twilio;
    }

    /// <summary>The child process: stand-in up, wait for the parent's "measure", report.</summary>
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var calls = args.Int("calls", 40);
        await using var twilio = await StartStandInAsync(calls, args.Int("ring-spread", 0));
        Console.WriteLine(ReadyPrefix + JsonSerializer.Serialize(new Ready(twilio.BaseAddress.ToString().TrimEnd('/'), twilio.AccountSid, twilio.AuthToken, twilio.PhoneNumber)));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Console.In.ReadLineAsync();
        var result = Measure(twilio, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Hangs up every call and measures them from the stand-in's records.</summary>
    public static Result Measure(FakeTwilio twilio, TimeSpan cpu)
    {
        var simulated = twilio.Calls.All.ToList();
        foreach (var call in simulated) call.HangUp("bench over");
        var v2v = new List<double>();
        var clear = new List<double>();
        var answered = 0;
        foreach (var call in simulated)
        {
            var events = call.Events;
            var started = events.OfType<StreamStarted>().FirstOrDefault();
            if (started is null) continue;
            answered++;
            // Stand-in stream clock → wall clock (the stream clock starts right after this event).
            var arrivals = call.AgentAudio.Received.Select(r => started.At.AddMilliseconds(r.ArrivedAtMs)).Order().ToList();
            foreach (var spoke in events.OfType<CallerSpoke>())
            {
                var speechEnd = spoke.At.AddMilliseconds(spoke.DurationMs);
                if (spoke.Text == "barge-in")
                {
                    var cleared = events.OfType<AgentCleared>().FirstOrDefault(c => c.At >= spoke.At);
                    if (cleared is not null) clear.Add((cleared.At - spoke.At).TotalMilliseconds);
                    continue;
                }
                // Only turns where the agent was quiet while the payer spoke: the reply is the first frame after.
                if (arrivals.Any(a => a > spoke.At && a <= speechEnd)) continue;
                var reply = arrivals.FirstOrDefault(a => a > speechEnd);
                if (reply != default && (reply - speechEnd).TotalSeconds < 10) v2v.Add((reply - speechEnd).TotalMilliseconds);
            }
        }
        return new Result(answered, v2v, clear, cpu.TotalSeconds);
    }

    private static CalleeScript Script(Clips clips)
    {
        var script = CalleeScript.Answers("bench")
            .WaitForAgentSpeech(30_000).WaitForAgentSilence(700).Say(clips.Yes, "yes")
            .WaitForAgentSpeech(30_000).Pause(2500).Say(clips.BargeIn, "barge-in");
        // Then the payer keeps answering whenever the agent has finished: each answer is one voice-to-voice sample.
        for (var i = 0; i < 20; i++)
            script = script.WaitForAgentSilence(700).Say(clips.HoldOn, "hold on").WaitForAgentSpeech(8000);
        return script.HangUp();
    }

    private sealed record Clips(byte[] Yes, byte[] BargeIn, byte[] HoldOn)
    {
        public static async Task<Clips> CreateAsync()
        {
            var flite = new FliteTextToSpeech("rms");
            async Task<byte[]> Clip(string text) => PhoneLine.ToMuLaw(TrimSilence(await flite.SynthesizeAllAsync(text)), noiseDbfs: -60);
            return new(await Clip("Yes, speaking."), await Clip("Hold on, wait a moment, I need to find a pen."), await Clip("Hold on a second."));
        }

        /// <summary>Clip starts and ends with voice, so "started/ended speaking" are the clip's first and last sample.</summary>
        private static PcmAudio TrimSilence(PcmAudio audio)
        {
            var start = 0;
            var end = audio.Samples.Length;
            while (start < end && Math.Abs((int)audio.Samples[start]) < 300) start++;
            while (end > start && Math.Abs((int)audio.Samples[end - 1]) < 300) end--;
            return new PcmAudio(audio.Samples[start..end], audio.SampleRate);
        }
    }
}
