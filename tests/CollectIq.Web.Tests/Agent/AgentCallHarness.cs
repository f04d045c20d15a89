using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Agent;

/// <summary>
/// The real app with the real collections agent (Silero VAD, pocketsphinx, flite) answering calls placed
/// through the Twilio stand-in, whose simulated payer speaks with flite's rms voice.
/// Timeouts are generous: these run in real time on a shared, loaded machine.
/// </summary>
internal static class AgentCallHarness
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(100);

    public static Task<TestApp> StartAsync() => TestApp.StartAsync(simulated: true, overrides: new Dictionary<string, string?>
    {
        ["SIMULATED_CALLER_VOICE"] = "flite",
        ["Agent:CompanyName"] = "Acme Supplies",
    });

    public static CalleeScriptRegistry Scripts(TestApp app) => app.Services.GetRequiredService<SimulatedTelephony>().Scripts;

    /// <summary>Answers, lets the greeting finish, and says the right-party answer (real speech recognition).</summary>
    public static CalleeScript AnswersAndConfirms(string name) =>
        CalleeScript.Answers(name).WaitForAgentSpeech(30_000).WaitForAgentSilence(900).SayText("Yes, speaking.");

    public static SimulatedCall SimulatedCallFor(TestApp app, string callSid) =>
        app.Services.GetRequiredService<SimulatedTelephony>().Twilio.Calls.All.Single(c => c.Sid == callSid);

    public static async Task<JsonElement> WaitForOutcomeAsync(TestApp app, int callId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var call = await app.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}", timeout.Token);
            if (call.GetProperty("outcome").ValueKind != JsonValueKind.Null
                && call.GetProperty("status").GetString() is "completed" or "failed" or "canceled")
                return call;
            await Task.Delay(250, timeout.Token);
        }
    }

    public static async Task<List<TranscriptTurn>> TurnsAsync(TestApp app, int callId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.TranscriptTurns.AsNoTracking().Where(t => t.CallId == callId).OrderBy(t => t.Id).ToListAsync();
    }

    /// <summary>Polls the stored transcript until <paramref name="done"/>; returns it with the call's status at that moment.</summary>
    public static async Task<(List<TranscriptTurn> Turns, string? Status)> WaitForTurnsAsync(TestApp app, int callId, Func<List<TranscriptTurn>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var db = await app.Contexts.CreateDbContextAsync();
            var status = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.Status).SingleAsync();
            var turns = await db.TranscriptTurns.AsNoTracking().Where(t => t.CallId == callId).OrderBy(t => t.Id).ToListAsync();
            if (done(turns) || DateTime.UtcNow > deadline) return (turns, status);
            await Task.Delay(200);
        }
    }

    public static async Task<List<CallEvent>> EventsAsync(TestApp app, int callId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.Set<CallEvent>().AsNoTracking().Where(e => e.CallId == callId).OrderBy(e => e.Id).ToListAsync();
    }

    public static string Describe(IEnumerable<TranscriptTurn> turns) =>
        string.Join("\n", turns.Select(t => $"{t.Speaker}: {t.Text}{(t.Interrupted ? $" [interrupted, heard: {t.HeardText}]" : "")}"));
}
