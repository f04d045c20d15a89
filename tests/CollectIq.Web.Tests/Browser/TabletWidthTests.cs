using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

/// <summary>Tablet width (820×1180, an iPad Air upright): the pages fit without sideways scrolling and the navigation stays reachable.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class TabletWidthTests
{
    [Fact]
    public async Task TabletWidth_WorklistLiveCallAndOperators_FitAndNavigationIsReachable()
    {
        await using var session = await BrowserSession.StartAsync();
        var app = session.App;
        var page = session.Page;
        var payerId = await app.AddPayerAsync("Tablet Timber Wholesale Limited Liability Company", 90, phone: "+12125550146", voiceAgent: false);
        app.Services.GetRequiredService<SimulatedTelephony>().Scripts.ForNumber("+12125550146",
            CalleeScript.Answers().WaitForAgentSpeech().WaitForAgentSilence(300).PressDigits("1").Pause(400).HangUp());
        var callId = await app.PlaceCallAsync(payerId);
        await page.SetViewportSizeAsync(820, 1180);
        await session.SignInAsync();

        // Worklist: no sideways scroll; the table's actions are on screen; the drawer is folded but one tap away.
        await session.GoToAsync("/");
        await Assertions.Expect(page.GetByTestId($"row-{payerId}")).ToBeVisibleAsync();
        await session.AssertNoHorizontalScrollAsync("worklist");
        await session.ScreenshotAsync("worklist-tablet");
        await Assertions.Expect(page.GetByTestId("send-outreach")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Worklist" })).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Calls & dashboard" })).ToBeInViewportAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operators" })).ToBeInViewportAsync();

        // Live call: status, transcript and hang-up all on screen without sideways scroll.
        await session.GoToAsync($"/calls/{callId}");
        await Assertions.Expect(page.GetByTestId("call-status")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        await session.AssertNoHorizontalScrollAsync("live call");
        await Assertions.Expect(page.GetByTestId("hang-up")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transcript" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("call-outcome")).ToBeVisibleAsync();

        // Operators: the table collapses to cards below its breakpoint; still no sideways scroll.
        await session.GoToAsync("/operators");
        await Assertions.Expect(page.GetByTestId($"operator-{BrowserSession.Email}")).ToBeVisibleAsync();
        await session.AssertNoHorizontalScrollAsync("operators");

        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.True(await db.Calls.AnyAsync(c => c.Id == callId && c.Outcome != null));
    }
}
