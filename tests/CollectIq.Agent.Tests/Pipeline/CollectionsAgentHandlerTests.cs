using CollectIq.Agent.Dialog;
using CollectIq.Domain.Calls;
using CollectIq.Speech.Recognition;

namespace CollectIq.Agent.Tests.Pipeline;

/// <summary>The agent behind the real media-stream session, over a real WebSocket on loopback.</summary>
public class CollectionsAgentHandlerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_WrongParty_GreetsLeavesMessageAndHangsUpAfterGoodbye()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 11, payerId: 7);

        var firstAudio = await client.WaitForAsync(r => r.Event == "media", Long);
        Assert.NotEmpty(firstAudio.Audio!);
        await client.WaitForMarkAsync("u1.1", Long);               // greeting fully sent
        var listener = await host.ListenerAsync();
        await client.SendMediaAsync(new byte[160]);
        await EngineHarnessWait.Until(() => listener.Frames > 0);   // inbound audio reaches the listener
        Assert.Equal(ExpectedAnswer.Identity, listener.Expected[0].Expected);

        listener.Say("no sorry wrong number");
        await client.WaitForCloseAsync(Long);                      // hung up once the goodbye mark came back

        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);
        Assert.Equal(CallOutcome.WrongParty, host.Recorder.Outcomes[0].Outcome);
        var agentSaid = host.Recorder.Turns.Where(t => t.Speaker == Speaker.Agent).Select(t => t.Text).ToList();
        Assert.Equal(2, agentSaid.Count);
        foreach (var text in agentSaid)
            foreach (var word in new[] { "debt", "balance", "invoice", "dollar", "owe", "overdue", "payment" })
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(host.Recorder.Turns, t => t.Speaker == Speaker.Payer && t.Text == "no sorry wrong number");
    }

    [Fact]
    public async Task Stream_GruntHeardAsNoAtIdentity_ChecksBackAndCallGoesOn()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 16, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        var listener = await host.ListenerAsync();

        listener.Say("no", confidence: 0.95);                      // an "mm" over the greeting, as pocketsphinx hears it
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text.StartsWith("Sorry, just to be sure")));
        Assert.Empty(host.Recorder.Outcomes);
        listener.Say("yes speaking");
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text == DialogWording.Disclosure));
        Assert.Empty(host.Recorder.Outcomes);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.State);
        await client.SendStopAsync();
        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);
        Assert.NotEqual(CallOutcome.WrongParty, host.Recorder.Outcomes[0].Outcome);
    }

    [Fact]
    public async Task Stream_AnswerSplitByAPause_ReplyWithdrawnAndAnsweredOnce()
    {
        // A wide window: on a loaded machine the test's own steps take a while; the rule is the same.
        await using var host = await AgentStreamHost.StartAsync(new Dictionary<string, string?> { ["Agent:Conversation:MergeContinuationWithinMs"] = "2000" });
        await using var client = await host.ConnectAsync(callId: 18, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        foreach (var mark in new[] { "u1.0", "u1.1" })
            await SendMarkAsync(client, mark);                      // the greeting has played
        client.EchoMarks = false;                                   // the reply to "yes" is not heard yet
        var listener = await host.ListenerAsync();

        // Not a bare "yes": if it overtakes the greeting's marks it cuts the greeting and must still be a turn.
        listener.Say("yes it's me");                                // "Yes, it's me," — the endpointer calls it over
        await client.WaitForMarkAsync("u2.0", Long);                // the disclosure is on its way
        var rest = listener.StartSpeaking();                        // "…speaking."
        await client.WaitForAsync(r => r.Event == "clear", Long);
        listener.FinishSpeaking(rest, "speaking");

        await EngineHarnessWait.Until(() => host.Recorder.Events.Any(e => e.Type == "turn-merged"));
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Count(t => t.Text == DialogWording.Disclosure) == 2);
        Assert.DoesNotContain(host.Recorder.Turns, t => t.Text == DialogWording.DisclosureAgain);
        Assert.DoesNotContain(host.Recorder.Events, e => e.Type == "false-interruption");
        Assert.Equal(["yes it's me", "speaking"], host.Recorder.Turns.Where(t => t.Speaker == Speaker.Payer).Select(t => t.Text));
        await client.SendStopAsync();
    }

    [Fact]
    public async Task Stream_PayerTalksOverDisclosure_ClearSentAndTurnMarkedInterrupted()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 12, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        foreach (var mark in new[] { "u1.0", "u1.1" })               // Twilio played the greeting
            await client.SendAsync(System.Text.Json.JsonSerializer.Serialize(new { @event = "mark", streamSid = client.StreamSid, mark = new { name = mark } }));
        var listener = await host.ListenerAsync();

        listener.Say("yes speaking");
        await client.WaitForAsync(r => r.Event == "media", Long);    // the disclosure is playing
        var sequence = listener.StartSpeaking();
        await client.WaitForAsync(r => r.Event == "clear", Long);
        listener.FinishSpeaking(sequence, "hold on a second");

        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Interrupted));
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Interrupted && t.Text == DialogWording.Disclosure));
        var cut = host.Recorder.Turns.First(t => t.Interrupted && t.Text == DialogWording.Disclosure);
        Assert.Equal(Speaker.Agent, cut.Speaker);
        Assert.Equal(DialogWording.Disclosure, cut.Text);
        Assert.NotEqual(cut.Text, cut.HeardText);
        await client.SendStopAsync();
    }

    [Fact]
    public async Task Stream_OptOutByVoice_RecordedAndPayerFlagged()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 13, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        var listener = await host.ListenerAsync();
        listener.Say("yes this is she");
        await client.WaitForMarkAsync("u4.0", Long);                  // disclosure, balance and ask sent
        listener.Say("please stop calling me");
        await client.WaitForCloseAsync(Long);

        await EngineHarnessWait.Until(() => host.OptOut.Payers.Count == 1);
        Assert.Equal([7], host.OptOut.Payers);
        Assert.Equal(CallOutcome.OptOut, Assert.Single(host.Recorder.Outcomes).Outcome);
        Assert.Contains(host.Recorder.Turns, t => t.Text.Contains("two hundred forty-five dollars and fifty cents"));
    }

    [Fact]
    public async Task Stream_PromiseByKeypad_StopMidCallKeepsNothingUnconfirmed()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 14, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        await client.SendDtmfAsync('1');                            // "If you are Jordan Smith, press 1" works any time
        await client.WaitForMarkAsync("u4.0", Long);
        await client.SendDtmfAsync('1');                            // promise
        foreach (var digit in "15#") await client.SendDtmfAsync(digit);
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text.StartsWith("So that's")));
        await client.SendStopAsync();                               // hangs up before confirming
        await client.WaitForCloseAsync(Long);

        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);
        Assert.Equal(CallOutcome.Unknown, host.Recorder.Outcomes[0].Outcome);
    }

    [Fact]
    public async Task Stream_KeyPressedDuringDisclosure_DisclosureHeardInFullThenKeypadPromiseRecorded()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 17, payerId: 7);
        await client.WaitForMarkAsync("u1.1", Long);
        client.EchoMarks = false;                                   // the test plays the disclosure itself
        await client.SendDtmfAsync('1');                            // right party
        var disclosureSentences = CollectIq.Speech.TextToSpeech.SentenceSplitter.Split(DialogWording.Disclosure).Count();
        Assert.True(disclosureSentences >= 2);
        await client.WaitForMarkAsync("u2.0", Long);
        var clears = client.All.Count(r => r.Event == "clear");    // the first key may have cut the greeting
        await SendMarkAsync(client, "u2.0");                        // the first sentence has played…
        await client.SendDtmfAsync('1');                            // …and the payer presses 1 (pay) in the middle of it
        await EngineHarnessWait.Until(() => host.Recorder.Events.Count(e => e.Type == "dtmf") == 2);
        await client.WaitForMarkAsync($"u2.{disclosureSentences - 1}", Long);
        Assert.Equal(clears, client.All.Count(r => r.Event == "clear")); // the key did not cut the disclosure
        for (var i = 1; i < disclosureSentences; i++) await SendMarkAsync(client, $"u2.{i}");

        // Played in full, the held key is the answer: the balance/ask is cut and the date is asked.
        await EngineHarnessWait.Until(() => client.All.Count(r => r.Event == "clear") == clears + 1);
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text == DialogWording.AskDate || t.Text == DialogWording.AskDateKeypad));
        client.EchoMarks = true;
        foreach (var digit in "15#") await client.SendDtmfAsync(digit);
        await EngineHarnessWait.Until(() => host.Recorder.Turns.Any(t => t.Text.StartsWith("So that's")));
        await client.SendDtmfAsync('1');                            // confirm: no repeat, no reset
        await EngineHarnessWait.Until(() => host.Recorder.Outcomes.Count == 1);

        Assert.Equal(CallOutcome.PromiseToPay, host.Recorder.Outcomes[0].Outcome);
        var disclosure = Assert.Single(host.Recorder.Turns, t => t.Text == DialogWording.Disclosure);
        Assert.False(disclosure.Interrupted);
        Assert.DoesNotContain(host.Recorder.Turns, t => t.Text == DialogWording.DisclosureAgain);
        await client.SendStopAsync();
    }

    private static Task SendMarkAsync(CollectIq.Telephony.Tests.MediaStreams.TwilioStreamClient client, string name) =>
        client.SendAsync(System.Text.Json.JsonSerializer.Serialize(new { @event = "mark", streamSid = client.StreamSid, mark = new { name } }));

    [Fact]
    public async Task Stream_UnknownPayer_HangsUpWithAgentError()
    {
        await using var host = await AgentStreamHost.StartAsync();
        await using var client = await host.ConnectAsync(callId: 15, payerId: 99);
        await client.WaitForCloseAsync(Long);
        await EngineHarnessWait.Until(() => host.Recorder.Events.Any(e => e.Type == "agent-error"));
        Assert.Empty(host.Recorder.Turns.Where(t => t.Speaker == Speaker.Agent));
    }

    [Fact]
    public async Task Stream_OptedOutPayer_HangsUpWithoutSpeaking()
    {
        await using var host = await AgentStreamHost.StartAsync();
        host.Payers.Find = id => { var p = TestPayers.Sample(); p.OptedOutAt = DateTimeOffset.UtcNow.AddDays(-1); return p; };
        await using var client = await host.ConnectAsync(callId: 16, payerId: 7);
        await client.WaitForCloseAsync(Long);
        await EngineHarnessWait.Until(() => host.Recorder.Events.Any(e => e.Type == "agent-refused"));
        Assert.DoesNotContain(client.All, r => r.Event == "media");
        Assert.Empty(host.Recorder.Turns);
    }
}
