using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Outcomes;
using CollectIq.Speech.Audio;
using CollectIq.Speech.TextToSpeech;
using CollectIq.Web.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

/// <summary>
/// The browser softphone against the real collections agent (Silero VAD, pocketsphinx, flite — the engines
/// ./run uses). Chromium's fake microphone plays the payer's spoken answer; the operator's keypad (dtmf over
/// the same Media Streams socket) answers the menus, as the agent invites ("press 1 if that's right").
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class SoftphoneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task TestCall_FakeMicrophoneAndKeypad_RealAgentRecordsPromiseOnCallOnly()
    {
        var wav = Path.Combine(Path.GetTempPath(), $"collectiq-softphone-{Guid.NewGuid():N}.wav");
        await WritePayerAnswerAsync(wav);
        try
        {
            await using var session = await BrowserSession.StartAsync(fakeMicrophoneWav: wav, overrides: new Dictionary<string, string?> { ["Agent:CompanyName"] = "Acme Supplies" });
            var payerId = await session.App.AddPayerAsync("Softphone Supplies", 90, phone: "+16175550188", open: 310.00m);
            var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
            var promised = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(3);
            await session.SignInAsync();

            try
            {
                await ConverseAsync(session, promised);
            }
            catch (PlaywrightException ex)
            {
                // What the agent and the payer said, and the protocol events: the only way to tell a misheard word from a slow machine.
                await using var dbFail = await session.App.Contexts.CreateDbContextAsync();
                var failed = await dbFail.Calls.AsNoTracking().Where(c => c.PayerId == payerId).Select(c => c.Id).FirstOrDefaultAsync();
                var said = await dbFail.TranscriptTurns.AsNoTracking().Where(t => t.CallId == failed).OrderBy(t => t.Id).Select(t => $"{t.AtMs} {t.Speaker}: {t.Text}{(t.Interrupted ? " [interrupted: " + t.HeardText + "]" : "")}").ToListAsync();
                var events = await dbFail.CallEvents.AsNoTracking().Where(e => e.CallId == failed).OrderBy(e => e.Id).Select(e => $"{e.At:HH:mm:ss.fff} {e.Type} {e.Detail}").ToListAsync();
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- transcript\n{string.Join("\n", said)}\n--- events\n{string.Join("\n", events)}");
            }

            // The stored call: the operator's test call with its outcome and facts, the same through the API.
            await using var db = await session.App.Contexts.CreateDbContextAsync();
            var call = await db.Calls.AsNoTracking().SingleAsync(c => c.PayerId == payerId);
            Assert.StartsWith(SoftphoneCalls.RequestedByPrefix + "ops@example.com", call.RequestedBy);
            Assert.NotNull(call.StreamSid);
            Assert.Equal(CallOutcome.PromiseToPay, call.Outcome);
            var api = await session.App.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{call.Id}");
            Assert.Equal("promise_to_pay", api.GetProperty("outcome").GetString());
            var detail = CollectIq.Domain.Calls.OutcomeDetail.FromJson(api.GetProperty("outcomeDetail").GetString())!;
            Assert.Equal(310.00m, detail.Amount);
            Assert.Equal(promised, detail.Date);
            var stored = await db.TranscriptTurns.AsNoTracking().Where(t => t.CallId == call.Id).OrderBy(t => t.Id).ToListAsync();
            Assert.Contains(stored, t => t.Speaker == Speaker.Payer && t.Text.Contains("yes", StringComparison.Ordinal));
            Assert.True(await db.CallEvents.AnyAsync(e => e.CallId == call.Id && e.Type == "dtmf"));
            // A test call: the outcome stays on the call; the real payer gets no promise row, no hold, one audit row saying so.
            Assert.True(call.IsTestCall);
            Assert.False(await db.PaymentPromises.AnyAsync(p => p.PayerId == payerId));
            var skipped = await db.AuditEntries.AsNoTracking().Where(a => a.CallId == call.Id && a.Action == OutcomeAuditActions.TestCallEffectsSkipped).ToListAsync();
            Assert.Contains("test call: effects skipped", Assert.Single(skipped).Reason);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.PayerId == payerId && a.Action == OutcomeAuditActions.PromiseRecorded));
            var status = await session.App.Client.GetFromJsonAsync<JsonElement>($"/api/payers/{payerId}/outreach-status");
            Assert.Equal(JsonValueKind.Null, status.GetProperty("latestPromise").ValueKind);
            Assert.NotEqual("pending-promise", status.GetProperty("blockingRule").GetString());

            // Shown as a test call on the payer page, with its outcome.
            await session.GoToAsync($"/payers/{payerId}");
            await Assertions.Expect(session.Page.GetByTestId($"call-outcome-{call.Id}")).ToHaveTextAsync("promise to pay");
            await Assertions.Expect(session.Page.GetByTestId($"call-{call.Id}").GetByTestId("test-call")).ToHaveTextAsync("test call");
            await Assertions.Expect(session.Page.GetByTestId("latest-promise")).ToHaveTextAsync("None.");
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static async Task ConverseAsync(BrowserSession session, DateOnly promised)
    {
        var page = session.Page;
        await session.GoToAsync("/softphone");
        await Assertions.Expect(page.GetByTestId("start-test-call")).ToBeEnabledAsync();
        await page.GetByTestId("start-test-call").ClickAsync();
        await Assertions.Expect(page.GetByTestId("softphone-state")).ToContainTextAsync("Connected");
        var turns = page.GetByTestId("softphone-turn");
        var wait = new LocatorAssertionsToHaveCountOptions { Timeout = (float)Patience.TotalMilliseconds };
        var patient = new LocatorAssertionsToBeVisibleOptions { Timeout = (float)Patience.TotalMilliseconds };

        // The greeting names the company and asks for the contact; the fake microphone answers "Yes speaking"
        // (recognised by pocketsphinx) and the agent goes on to the disclosure, the balance and its question.
        await Assertions.Expect(turns.Filter(new() { HasText = "automated assistant of Acme Supplies. Am I speaking with Pat Doe?" })).ToHaveCountAsync(1, wait);
        await Assertions.Expect(page.Locator(".turn.payer", new() { HasText = "yes" }).First).ToBeVisibleAsync(patient);
        await Assertions.Expect(turns.Filter(new() { HasText = "This is an attempt to collect a debt" }).First).ToBeVisibleAsync(patient);
        await Assertions.Expect(turns.Filter(new() { HasText = "three hundred ten dollars" }).First).ToBeVisibleAsync(patient);
        await Assertions.Expect(turns.Filter(new() { HasText = "Can you pay that today" }).First).ToBeVisibleAsync(patient);

        // Keypad, each key once the agent has finished its question (as a person would): 1 = promise a payment
        // → the day of the month and # → 1 = that's right.
        await PressWhenListeningAsync(page, "1");
        await Assertions.Expect(turns.Filter(new() { HasText = "what date" }).First).ToBeVisibleAsync(patient);
        await PressWhenListeningAsync(page, promised.Day.ToString(CultureInfo.InvariantCulture) + "#");
        await Assertions.Expect(turns.Filter(new() { HasText = "is that right?" }).First).ToBeVisibleAsync(patient);
        await PressWhenListeningAsync(page, "1");

        // The captured outcome, pushed to the page, and the agent's summary; then the agent ends the call.
        await Assertions.Expect(page.GetByTestId("softphone-outcome")).ToHaveTextAsync("Outcome: promise to pay", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("softphone-outcome-note")).ToContainTextAsync("Test call");
        await Assertions.Expect(turns.Filter(new() { HasText = "To summarize: you will pay three hundred ten dollars" })).ToHaveCountAsync(1, wait);
        await Assertions.Expect(page.GetByTestId("softphone-state")).ToContainTextAsync("ended", new() { Timeout = (float)Patience.TotalMilliseconds });
        // Audio went both ways, and playback echoed the agent's marks as Twilio does.
        await Assertions.Expect(page.GetByTestId("softphone-frames")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Sent [1-9]\d* frames · received [1-9]\d* frames · marks echoed [1-9]\d*"));
        await session.ScreenshotAsync("softphone");

    }

    /// <summary>
    /// Waits for the agent's prompt to play out, as a person would before pressing (a key that cuts off the
    /// disclosure makes the agent repeat it later): first for its audio to start (it may still be on its way when
    /// the turn shows), then for the softphone to say the agent listens, steadily for a second and a half.
    /// </summary>
    private static async Task PressWhenListeningAsync(IPage page, string keys)
    {
        var speaking = page.GetByTestId("softphone-speaking");
        try { await Assertions.Expect(speaking).ToHaveTextAsync("Agent is speaking…", new() { Timeout = 15_000 }); }
        catch (PlaywrightException) { } // already played out before we looked
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await Assertions.Expect(speaking).ToHaveTextAsync("Agent is listening.", new() { Timeout = (float)Patience.TotalMilliseconds });
            await page.WaitForTimeoutAsync(1500);
            if (await speaking.InnerTextAsync() == "Agent is listening.") break;
            Assert.True(DateTime.UtcNow < deadline, "the agent never stopped speaking");
        }
        foreach (var key in keys)
            await page.GetByRole(AriaRole.Button, new() { Name = $"Key {key}", Exact = true }).ClickAsync();
    }

    /// <summary>
    /// What the payer says into the fake microphone, with flite's rms voice (our TTS, as the simulated payer
    /// uses): quiet while the greeting plays, "Yes speaking.", then silence. Chromium loops the file, so the
    /// silence is longer than the rest of the call; the keypad does the rest.
    /// </summary>
    private static async Task WritePayerAnswerAsync(string path)
    {
        var tts = new FliteTextToSpeech("rms");
        var audio = PcmAudio.Silence(TimeSpan.FromSeconds(8), 8000);
        await foreach (var sentence in tts.SynthesizeAsync("Yes speaking."))
            audio = audio.Concat(sentence.At(8000));
        audio = audio.Concat(PcmAudio.Silence(TimeSpan.FromSeconds(300), 8000));
        WavFile.Write(path, audio);
    }
}
