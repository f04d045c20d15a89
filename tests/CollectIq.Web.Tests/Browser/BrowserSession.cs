using CollectIq.Web.Operators;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

/// <summary>
/// The real app with simulated telephony (<see cref="TestApp"/>), one operator, and Debian's
/// Chromium driven by Playwright (never `playwright install`: the machine has no internet).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Browser tests run one at a time: each drives a Chromium and a live call on a 2-core machine.</summary>
    public const string Collection = "browser";

    public const string Email = "ops@example.com";
    public const string Password = "Collect1Q-browser";
    private static readonly string[] BaseArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    private BrowserSession(TestApp app, IPlaywright playwright, IBrowser browser, IPage page)
    {
        App = app;
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public TestApp App { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }
    public IPage Page { get; }
    public string BaseUrl => App.BaseAddress.ToString().TrimEnd('/');

    /// <param name="fakeMicrophoneWav">A WAV Chromium plays as the microphone (softphone tests).</param>
    /// <param name="overrides">Extra app settings (the real agent's company name, the simulated payer's voice…).</param>
    public static async Task<BrowserSession> StartAsync(string? fakeMicrophoneWav = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var app = await TestApp.StartAsync(simulated: true, overrides: overrides);
        var errors = await app.Services.GetRequiredService<OperatorAccounts>().CreateAsync(Email, Password, isAdmin: true);
        Assert.Empty(errors);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var args = BaseArgs.ToList();
        if (fakeMicrophoneWav is not null)
            args.AddRange(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-audio-capture={fakeMicrophoneWav}"]);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = args });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"[browser error] {error}");
        return new BrowserSession(app, playwright, browser, page);
    }

    public async Task SignInAsync(string email = Email, string password = Password)
    {
        await Page.GotoAsync(BaseUrl + "/");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Worklist" })).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
    }

    /// <summary>Waits until the page's Blazor circuit runs (the layout flips data-interactive after its first interactive render).</summary>
    public Task WaitForInteractiveAsync() => Page.Locator("[data-interactive=true]").WaitForAsync();

    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path);
        await WaitForInteractiveAsync();
    }

    /// <summary>Neither the page nor the main content scrolls sideways at the current viewport width.</summary>
    public async Task AssertNoHorizontalScrollAsync(string what)
    {
        var widths = await Page.EvaluateAsync<int[]>(@"() => {
            const root = document.scrollingElement;
            const main = document.querySelector('.mud-main-content');
            return [root.scrollWidth, root.clientWidth, main.scrollWidth, main.clientWidth];
        }");
        Assert.True(widths[0] <= widths[1] && widths[2] <= widths[3],
            $"{what} scrolls sideways: page {widths[0]} > {widths[1]} or main {widths[2]} > {widths[3]}");
    }

    /// <summary>Screenshots for docs/ when COLLECTIQ_SCREENSHOTS=1 (kept out of ordinary runs: they would dirty the checkout).</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("COLLECTIQ_SCREENSHOTS") != "1") return;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CollectIq.slnx"))) dir = dir.Parent;
        if (dir is null) return;
        var folder = Path.Combine(dir.FullName, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(BrowserSession.Collection, DisableParallelization = true)]
public sealed class BrowserCollection;
