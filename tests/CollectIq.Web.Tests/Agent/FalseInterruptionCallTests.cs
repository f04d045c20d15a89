using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using static CollectIq.Web.Tests.Agent.AgentCallHarness;

namespace CollectIq.Web.Tests.Agent;

/// <summary>
/// The agent clears at the payer's first sound and, when the sound proves not to be a turn, finishes what it was
/// saying: real host, Silero, pocketsphinx, flite, the payer's sounds played by the Twilio stand-in.
/// </summary>
public sealed class FalseInterruptionCallTests
{
    /// <summary>
    /// About five seconds into the disclosure (its first sentence ≈ 3.5 s) the payer makes a short sound that is not a
    /// turn; then listens until the agent has finished the ask.
    /// </summary>
    private static async Task<CalleeScript> SoundDuringDisclosureAsync(string name, string sound) => AnswersAndConfirms(name)
        .WaitForAgentSpeech(30_000).Pause(5000).Say(await ClipAsync(sound), sound)
        .Pause(40_000).HangUp();

    /// <summary>flite rms on the phone line, trimmed so the clip starts and ends with voice.</summary>
    private static async Task<byte[]> ClipAsync(string text)
    {
        var audio = await new FliteTextToSpeech("rms").SynthesizeAllAsync(text);
        var start = 0;
        var end = audio.Samples.Length;
        while (start < end && Math.Abs((int)audio.Samples[start]) < 300) start++;
        while (end > start && Math.Abs((int)audio.Samples[end - 1]) < 300) end--;
        return PhoneLine.ToMuLaw(new PcmAudio(audio.Samples[start..end], audio.SampleRate), noiseDbfs: -60);
    }

    [Theory]
    [InlineData("+12125550181", "ahem")]   // throat-clearing: Silero hears voice (≈ 0.4 s), the recognizer no words
    [InlineData("+12125550182", "okay")]   // a backchannel: the grammar forces it into low-confidence words, or "okay"
    public async Task AgentCall_ShortSoundOverTheDisclosure_ClearSentThenDisclosureCompletedAndNoTurnUsed(string phone, string sound)
    {
        await using var app = await StartAsync();
        var payerId = await app.AddPayerAsync("Resume Co", 90, phone: phone, open: 120.00m);
        Scripts(app).ForNumber(phone, await SoundDuringDisclosureAsync("false interruption", sound));

        var callId = await app.PlaceCallAsync(payerId);
        // Done once the ask (queued behind the disclosure and the balance) has been said again in full.
        var (turns, _) = await WaitForTurnsAsync(app, callId, t => t.Any(x => x.Interrupted)
            && t.Count(x => x.Speaker == Speaker.Agent && x.Text.Contains("pay", StringComparison.Ordinal) && x.Text.EndsWith('?')) >= 2);
        var transcript = Describe(turns);
        var events = await EventsAsync(app, callId);
        for (var i = 0; i < 50 && !events.Any(e => e.Type == "false-interruption"); i++)
        {
            await Task.Delay(100); // the event is written just after the resumed turns
            events = await EventsAsync(app, callId);
        }
        var eventList = string.Join("\n", events.Select(e => $"{e.Type}: {e.Detail}"));

        Assert.True(events.Any(e => e.Type == "barge-in"), eventList + "\n" + transcript);
        Assert.True(events.Any(e => e.Type == "false-interruption"), eventList + "\n" + transcript);
        var cut = turns.First(t => t.Interrupted);
        Assert.Equal(DialogWording.Disclosure, cut.Text);
        // Said again from the first sentence not heard in full: heard part + resumed part = the whole notice.
        var resumed = turns.Skip(turns.IndexOf(cut) + 1).First(t => t.Speaker == Speaker.Agent && !t.Interrupted);
        Assert.Equal(DialogWording.Disclosure, string.IsNullOrEmpty(cut.HeardText) ? resumed.Text : cut.HeardText + " " + resumed.Text);
        // No turn: the payer said nothing the dialog acted on, and the notice was not announced as a repeat.
        Assert.Single(turns, t => t.Speaker == Speaker.Payer);
        Assert.DoesNotContain(turns, t => t.Text == DialogWording.DisclosureAgain);

        var callSid = (await app.Contexts.CreateDbContext().Calls.FindAsync(callId))!.TwilioCallSid!;
        var simulated = SimulatedCallFor(app, callSid);
        var spoke = simulated.Events.OfType<CallerSpoke>().Single(e => e.Text == sound);
        var cleared = Assert.Single(simulated.Events.OfType<AgentCleared>());
        Assert.True(cleared.At > spoke.At, string.Join("\n", simulated.Events));
    }
}
