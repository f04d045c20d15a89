using System.Diagnostics;
using System.Text.RegularExpressions;
using CollectIq.Web.WebApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class SoftphoneTests
{
    [Fact]
    public async Task TestCall_FakeMicrophone_StreamsToMediaStreamAndHearsTheAgent()
    {
        var wav = Path.Combine(Path.GetTempPath(), $"collectiq-softphone-{Guid.NewGuid():N}.wav");
        await SpeakAsync("Hello, this is Pat. Yes, I can pay the invoice on Friday.", wav);
        try
        {
            await using var session = await BrowserSession.StartAsync(fakeMicrophoneWav: wav);
            var payerId = await session.App.AddPayerAsync("Softphone Supplies", 90, phone: "+16175550188");
            await session.SignInAsync();
            var page = session.Page;

            await session.GoToAsync("/softphone");
            await Assertions.Expect(page.GetByTestId("start-test-call")).ToBeEnabledAsync();
            await page.GetByTestId("start-test-call").ClickAsync();

            // Frames go out from the microphone and the agent's audio (the echo agent for now) comes back.
            await Assertions.Expect(page.GetByTestId("softphone-state")).ToContainTextAsync("Connected");
            await Assertions.Expect(page.GetByTestId("softphone-frames")).ToHaveTextAsync(new Regex(@"Sent [1-9]\d* frames · received [1-9]\d* frames"), new() { Timeout = 30_000 });
            await session.ScreenshotAsync("softphone");

            await using var db = await session.App.Contexts.CreateDbContextAsync();
            var call = await db.Calls.AsNoTracking().SingleAsync(c => c.PayerId == payerId);
            Assert.StartsWith(SoftphoneCalls.RequestedByPrefix + "ops@example.com", call.RequestedBy);
            Assert.NotNull(call.StreamSid);
            Assert.True(await db.CallEvents.AnyAsync(e => e.CallId == call.Id && e.Type == "start"));

            await page.GetByTestId("stop-test-call").ClickAsync();
            await Assertions.Expect(page.GetByTestId("softphone-state")).ToContainTextAsync("ended");
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static async Task SpeakAsync(string text, string wav)
    {
        using var espeak = Process.Start(new ProcessStartInfo("espeak-ng", ["-w", wav, text]) { RedirectStandardError = true })!;
        await espeak.WaitForExitAsync();
        Assert.Equal(0, espeak.ExitCode);
    }
}
