using CollectIq.Domain.Calls;
using CollectIq.Simulator.Calls;
using static CollectIq.Web.Tests.Agent.AgentCallHarness;

namespace CollectIq.Web.Tests.Agent;

public sealed class BargeInCallTests
{
    [Fact]
    public async Task AgentCall_PayerTalksOverTheDisclosure_ClearReachesTwilioAndTurnIsMarkedInterruptedWithHeardText()
    {
        await using var app = await StartAsync();
        var payerId = await app.AddPayerAsync("Barge Co", 90, phone: "+12125550173", open: 120.00m);
        // About five seconds into the disclosure (first sentence ≈ 3.5 s) the payer talks over the agent.
        Scripts(app).ForNumber("+12125550173", AnswersAndConfirms("barge-in")
            .WaitForAgentSpeech(30_000).Pause(5000).SayText("Hold on, wait a moment, I need to find a pen.")
            .Pause(4000).HangUp());

        var callId = await app.PlaceCallAsync(payerId);
        var (turns, _) = await WaitForTurnsAsync(app, callId, t => t.Any(x => x.Interrupted));

        var transcript = Describe(turns);
        var cut = turns.FirstOrDefault(t => t.Interrupted);
        Assert.True(cut is not null, transcript);
        Assert.Equal(Speaker.Agent, cut.Speaker);
        Assert.Contains("attempt to collect a debt", cut.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(cut.HeardText), transcript);
        Assert.StartsWith(cut.HeardText, cut.Text, StringComparison.Ordinal);
        Assert.True(cut.HeardText!.Length < cut.Text.Length);

        var events = await EventsAsync(app, callId);
        Assert.Contains(events, e => e.Type == "barge-in");
        var callSid = (await app.Contexts.CreateDbContext().Calls.FindAsync(callId))!.TwilioCallSid!;
        var simulated = SimulatedCallFor(app, callSid);
        await simulated.Completion.WaitAsync(Patience);
        // Twilio side: the clear arrived after the payer started talking over the agent.
        var spoke = simulated.Events.OfType<CallerSpoke>().Single(e => e.Text.StartsWith("Hold on", StringComparison.Ordinal));
        var cleared = Assert.Single(simulated.Events.OfType<AgentCleared>());
        Assert.True(cleared.At > spoke.At, string.Join("\n", simulated.Events));
        // A real interruption is a turn: the dialog got it, and its metrics carry the barge-in delay (onset → clear).
        events = await EventsAsync(app, callId);
        Assert.DoesNotContain(events, e => e.Type == "false-interruption");
        Assert.Contains(events, e => e.Type == "turn-metrics" && e.Detail!.Contains("\"bargeInDelayMs\"", StringComparison.Ordinal));
    }
}
