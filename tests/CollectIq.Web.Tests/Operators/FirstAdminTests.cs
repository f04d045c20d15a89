using System.Net;
using System.Text.RegularExpressions;
using CollectIq.Data.Operators;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Operators;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task Start_AdminConfigured_CreatesHashedAdminOnce()
    {
        var settings = new Dictionary<string, string?> { ["COLLECTIQ_ADMIN_EMAIL"] = "boss@example.com", ["COLLECTIQ_ADMIN_PASSWORD"] = "Configured-Passw0rd" };
        await using var app = await TestApp.StartAsync(overrides: settings);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var admin = await db.Users.AsNoTracking().SingleAsync();
        Assert.Equal("boss@example.com", admin.Email);
        Assert.True(admin.IsAdmin);
        Assert.True(admin.LockoutEnabled);
        Assert.DoesNotContain("Configured-Passw0rd", admin.PasswordHash);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        Assert.True(await users.CheckPasswordAsync(admin, "Configured-Passw0rd"));
    }

    [Fact]
    public async Task Setup_NoOperatorYet_CreatesTheAdminThenCloses()
    {
        await using var app = await TestApp.StartAsync();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // Sign-in sends a fresh install to setup.
        var login = await browser.GetAsync("/login");
        Assert.Contains("setup", login.Headers.Location?.ToString() ?? await login.Content.ReadAsStringAsync());

        var token = await FormTokenAsync(browser);
        var created = await PostSetupAsync(browser, token, "first@example.com", "First-Passw0rd");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Single(await app.Contexts.CreateDbContext().Users.AsNoTracking().ToListAsync());

        // Once someone exists the page is closed, even to a hand-made POST with a valid form token.
        Assert.Contains("Setup is done", await browser.GetStringAsync("/setup"));
        // (Blazor refuses a POST to a form the closed page no longer renders.)
        var second = await PostSetupAsync(browser, token, "intruder@example.com", "Intruder-Passw0rd");
        Assert.NotEqual(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await app.Contexts.CreateDbContext().Users.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task Setup_WeakPassword_ShowsIdentityRulesAndCreatesNobody()
    {
        await using var app = await TestApp.StartAsync();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var response = await PostSetupAsync(browser, await FormTokenAsync(browser), "first@example.com", "short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 10 characters", await response.Content.ReadAsStringAsync());
        Assert.Empty(await app.Contexts.CreateDbContext().Users.AsNoTracking().ToListAsync());
    }

    private static async Task<string> FormTokenAsync(HttpClient browser)
    {
        var form = await browser.GetStringAsync("/setup");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient browser, string token, string email, string password)
    {
        return await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "setup",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}
