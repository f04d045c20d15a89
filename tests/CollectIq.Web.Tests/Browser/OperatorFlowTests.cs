using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CollectIq.Domain.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class OperatorFlowTests
{
    [Fact]
    public async Task Worklist_SendOutreachToStage3Payer_ShowsLiveStatusOutcomeAndRefusal()
    {
        // The real agent answers the voice payer; the simulated payer speaks with flite (what a recognizer hears best).
        await using var session = await BrowserSession.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["SIMULATED_CALLER_VOICE"] = "flite",
            ["Agent:CompanyName"] = "Acme Supplies",
        });
        var app = session.App;
        var page = session.Page;

        // A STAGE_3 payer for the voice agent: confirms by voice, hears the disclosure and balance, asks for a payment link (4).
        var voiceId = await app.AddPayerAsync("Voice Agent Traders", 95, phone: "+12125550145", open: 480.00m);
        app.Services.GetRequiredService<CollectIq.Simulator.Hosting.SimulatedTelephony>().Scripts.ForNumber("+12125550145",
            CalleeScript.Answers("voice").WaitForAgentSpeech(30_000).WaitForAgentSilence(900).SayText("Yes, speaking.")
                .WaitForAgentSpeech(30_000).WaitForAgentSilence(1500).PressDigits("4").Pause(60_000).HangUp());

        // A STAGE_3 payer on the keypress menu (voice agent off) whose callee presses 1, and a STAGE_1 payer.
        var keypadId = await app.AddPayerAsync("Keypad Hardware", 90, phone: "+12125550144");
        await using (var db = await app.Contexts.CreateDbContextAsync())
            await db.Payers.Where(p => p.Id == keypadId).ExecuteUpdateAsync(s => s.SetProperty(p => p.VoiceAgentEnabled, false));
        app.Services.GetRequiredService<CollectIq.Simulator.Hosting.SimulatedTelephony>().Scripts.ForNumber("+12125550144",
            CalleeScript.Answers().WaitForAgentSpeech().WaitForAgentSilence(300).PressDigits("1").Pause(400).HangUp());
        var earlyId = await CreateStage1PayerAsync(app.Client, "Early Bird Florist", "+13125550133");

        await session.SignInAsync();

        // Filter STAGE_3: the STAGE_1 payer disappears.
        // By keyboard: focus the STAGE_3 filter button and press Enter.
        await page.GetByRole(AriaRole.Button, new() { Name = "STAGE_3" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "STAGE_3" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId($"row-{earlyId}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"row-{keypadId}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"row-{keypadId}")).ToContainTextAsync("Keypad Hardware");
        // Phone masked but for the last 4 digits.
        await Assertions.Expect(page.Locator("[data-testid=worklist]")).Not.ToContainTextAsync("2125550144");
        await Assertions.Expect(page.Locator("[data-testid=worklist]")).ToContainTextAsync("0144");
        // Next call comes from the scheduler's planner (off in these tests, so it says so or names its rule).
        await Assertions.Expect(page.GetByTestId($"next-{keypadId}")).Not.ToBeEmptyAsync();

        // Send Outreach to the voice payer and watch its live call: the transcript fills in turn by turn, pushed.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Voice Agent Traders" }).CheckAsync();
        await page.GetByTestId("send-outreach").ClickAsync();
        var liveLink = page.GetByTestId($"live-{voiceId}").GetByRole(AriaRole.Link);
        await liveLink.ClickAsync();
        await Assertions.Expect(page.GetByTestId("call-status")).ToBeVisibleAsync();
        await session.WaitForInteractiveAsync();
        await WatchLiveCallAsync(page);
        var transcript = page.GetByTestId("transcript");
        await Assertions.Expect(page.GetByTestId("turn").Filter(new() { HasText = "Payer" }).Filter(new() { HasText = "speaking" })).ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("call-outcome")).ToHaveTextAsync("payment link", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("call-status")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        var voiceTurns = (await page.GetByTestId("turn").AllInnerTextsAsync()).Select(t => Regex.Replace(t, @"\s+", " ").Trim()).ToList();
        var describe = string.Join("\n", voiceTurns);
        // Greeting (company and contact, nothing about money), the payer's answer, the disclosure before the balance.
        var greeting = voiceTurns.FindIndex(t => t.StartsWith("Agent") && t.Contains("Hello, this is the automated assistant of Acme Supplies. Am I speaking with Pat Doe?"));
        var answer = voiceTurns.FindIndex(t => t.StartsWith("Payer") && t.Contains("speaking"));
        var disclosure = voiceTurns.FindIndex(t => t.StartsWith("Agent") && t.Contains("This is an attempt to collect a debt"));
        var balance = voiceTurns.FindIndex(t => t.StartsWith("Agent") && t.Contains("four hundred eighty dollars"));
        Assert.True(greeting == 0 && answer > greeting && disclosure > answer && balance > disclosure, describe);
        Assert.Contains(voiceTurns, t => t.StartsWith("Agent") && t.Contains("payment link by text message now"));
        // Pushed, not reloaded: the same document saw turns arrive while the call was in progress.
        var snapshots = System.Text.Json.JsonSerializer.Deserialize<LiveSnapshot[]>(
            await page.EvaluateAsync<string>("() => JSON.stringify(window.__live.snapshots)"), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal("same-document", await page.EvaluateAsync<string>("() => window.__live.marker"));
        var initial = snapshots[0].Turns.Length;
        Assert.True(snapshots.Any(x => x.Status == "in progress" && x.Turns.Length > initial && x.Turns.Any(t => t.Contains("This is an attempt to collect a debt"))),
            $"no pushed turn while in progress (initially {initial} turns):\n" + string.Join("\n", snapshots.Select(x => $"{x.Status}: {x.Turns.Length}")));
        // Long event details (the agent's turn metrics) wrap instead of widening the page.
        await session.AssertNoHorizontalScrollAsync("live call");
        await session.ScreenshotAsync("live-call");

        // The payer page shows the call with its outcome.
        var voiceCall = await FindCallAsync(app, voiceId);
        await session.GoToAsync($"/payers/{voiceId}");
        await Assertions.Expect(page.GetByTestId($"call-outcome-{voiceCall}")).ToHaveTextAsync("payment link");
        await session.ScreenshotAsync("payer");

        // Now the keypress-menu payer, from the worklist.
        await session.GoToAsync("/");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Keypad Hardware" }).CheckAsync();
        // Record every text the row's live cell shows, to prove the status is pushed (no reload, no polling here).
        await page.EvaluateAsync(@"id => {
            window.__seen = [];
            const cell = document.querySelector(`[data-testid=live-${id}]`);
            new MutationObserver(() => window.__seen.push(cell.innerText.trim())).observe(cell, { subtree: true, childList: true, characterData: true });
        }", keypadId);
        await page.GetByTestId("send-outreach").ClickAsync();

        // Pushed live status: the chip moves on without a reload, to the final status.
        var status = page.GetByTestId($"status-{keypadId}");
        await Assertions.Expect(status).ToBeVisibleAsync();
        await Assertions.Expect(status).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId($"outcome-{keypadId}")).Not.ToBeEmptyAsync(new() { Timeout = 15_000 });
        await session.ScreenshotAsync("worklist");
        var seen = await page.EvaluateAsync<string[]>("() => window.__seen");
        var statusesSeen = seen.Select(t => t.Split('\n')[0]).Where(t => t.Length > 0).Distinct().ToList();
        Assert.True(statusesSeen.Count >= 2, "live cell showed: " + string.Join(" | ", seen));
        Assert.Equal("completed", statusesSeen[^1]);

        await using var check = await app.Contexts.CreateDbContextAsync();
        var call = await check.Calls.AsNoTracking().SingleAsync(c => c.PayerId == keypadId);
        Assert.StartsWith("operator:", call.RequestedBy);
        Assert.NotNull(call.Outcome);
        var statuses = await check.CallStatusChanges.AsNoTracking().Where(s => s.CallId == call.Id).Select(s => s.Status).ToListAsync();
        Assert.Contains(CallStatuses.InProgress, statuses);

        // The live call page: final status, events, transcript turns as recorded.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Live call {call.Id}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("call-status")).ToHaveTextAsync("completed");
        await Assertions.Expect(page.GetByTestId("call-outcome")).ToHaveTextAsync(call.Outcome!.Value.ToWire().Replace('_', ' '));
        await Assertions.Expect(page.GetByTestId("events").Locator("li").First).ToBeVisibleAsync();
        var turns = await check.TranscriptTurns.CountAsync(t => t.CallId == call.Id);
        await Assertions.Expect(page.GetByTestId("turn")).ToHaveCountAsync(turns);

        // The payer page shows the call with its outcome and the audit trail.
        await session.GoToAsync($"/payers/{keypadId}");
        await Assertions.Expect(page.GetByTestId($"call-outcome-{call.Id}")).ToHaveTextAsync(call.Outcome!.Value.ToWire().Replace('_', ' '));
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("called");

        // A compliance refusal is shown with its reason, and nothing is dialled.
        await session.GoToAsync("/");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Early Bird Florist" }).CheckAsync();
        await page.GetByTestId("send-outreach").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"refusal-{earlyId}")).ToContainTextAsync(new Regex("STAGE", RegexOptions.IgnoreCase));
        Assert.False(await check.Calls.AnyAsync(c => c.PayerId == earlyId));

        // Calls history and the dashboard.
        await session.GoToAsync("/calls");
        await Assertions.Expect(page.GetByTestId("metric-calls")).ToHaveTextAsync("2");
        // The agent records voice-to-voice latency per turn: the dashboard averages it.
        await Assertions.Expect(page.GetByTestId("metric-latency")).ToHaveTextAsync(new Regex(@"^\d+ ms$"));
        await Assertions.Expect(page.GetByTestId("calls")).ToContainTextAsync("Keypad Hardware");
        await session.ScreenshotAsync("calls");

        // Settings: simulated mode, and the doctor's two checks pass against our own PUBLIC_URL.
        await session.GoToAsync("/settings");
        await Assertions.Expect(page.GetByTestId("twilio-mode")).ToContainTextAsync("simulated");
        await Assertions.Expect(page.GetByTestId("outreach-calling-window")).Not.ToBeEmptyAsync();
        await page.GetByTestId("run-doctor").ClickAsync();
        await Assertions.Expect(page.GetByTestId("doctor-results").Locator(".mud-alert")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("doctor-results")).Not.ToContainTextAsync("FAILED");
        await session.ScreenshotAsync("settings");
    }

    [Fact]
    public async Task Anonymous_PagesAndApi_NeedASession()
    {
        await using var session = await BrowserSession.StartAsync();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(session.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/payers")).StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html");
        var worklist = await anonymous.SendAsync(page);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/calls")).StatusCode); // not a browser: no redirect
        Assert.Equal(System.Net.HttpStatusCode.Redirect, worklist.StatusCode);
        Assert.Contains("/login", worklist.Headers.Location!.ToString());

        // With a session, /api works without the API key.
        await session.SignInAsync();
        var response = await session.Page.APIRequest.GetAsync(session.BaseUrl + "/api/payers");
        Assert.Equal(200, response.Status);

        // Tablet width: the navigation folds away, the worklist and its action stay usable.
        await session.Page.SetViewportSizeAsync(820, 1180);
        await session.GoToAsync("/");
        await Assertions.Expect(session.Page.GetByTestId("send-outreach")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Worklist" })).Not.ToBeInViewportAsync();
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        // The drawer slides in over a round trip to the circuit: give a loaded machine time.
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Worklist" })).ToBeInViewportAsync(new() { Timeout = 20_000 });
        await session.Page.SetViewportSizeAsync(1366, 900);

        // Wrong passwords lock the account after five tries.
        await session.Page.Context.ClearCookiesAsync();
        for (var i = 0; i < 5; i++)
        {
            await session.Page.GotoAsync(session.BaseUrl + "/login");
            await session.Page.GetByLabel("E-mail").FillAsync(BrowserSession.Email);
            await session.Page.GetByLabel("Password").FillAsync("wrong-password-" + i);
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(session.Page.GetByTestId("login-error")).ToBeVisibleAsync();
        }
        await session.Page.GetByLabel("E-mail").FillAsync(BrowserSession.Email);
        await session.Page.GetByLabel("Password").FillAsync(BrowserSession.Password);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId("login-error")).ToContainTextAsync("locked");
    }

    /// <summary>Records, in the page itself, the call status and the transcript after every DOM change (and a marker a reload would lose).</summary>
    private static Task WatchLiveCallAsync(IPage page) => page.EvaluateAsync(@"() => {
        const take = () => window.__live.snapshots.push({
            status: (document.querySelector('[data-testid=call-status]')?.innerText ?? '').trim(),
            turns: [...document.querySelectorAll('[data-testid=turn]')].map(t => t.innerText.replace(/\s+/g, ' ').trim()),
        });
        window.__live = { marker: 'same-document', snapshots: [] };
        take();
        new MutationObserver(take).observe(document.body, { subtree: true, childList: true, characterData: true });
    }");

    private sealed record LiveSnapshot(string Status, string[] Turns);

    private static async Task<int> FindCallAsync(TestApp app, int payerId)
    {
        await using var db = await app.Contexts.CreateDbContextAsync();
        return await db.Calls.AsNoTracking().Where(c => c.PayerId == payerId).Select(c => c.Id).SingleAsync();
    }

    private static async Task<int> CreateStage1PayerAsync(HttpClient client, string name, string phone)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await client.PostAsJsonAsync("/api/payers", new
        {
            name, contactName = "Sam Lee", contactPhone = phone, timeZone = "America/Chicago",
            invoices = new[] { new { number = "INV-EB1", amount = 120.00m, openAmount = 120.00m, currency = "USD", issueDate = today.AddDays(-40), dueDate = today.AddDays(-10) } },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
    }
}
