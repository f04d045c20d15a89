using CollectIq.Data.Operators;
using CollectIq.Web.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CollectIq.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserSession.Collection)]
public sealed class OperatorsPageTests
{
    private const string NewEmail = "agent@example.com";

    [Fact]
    public async Task OperatorsPage_AdminManagesAnOperator_NonAdminIsRefused()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync();

        // The admin reaches the page from the navigation, by keyboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "Operators" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operators", Exact = true })).ToBeVisibleAsync();
        await session.WaitForInteractiveAsync();
        var table = page.GetByTestId("operators");
        await Assertions.Expect(table).ToContainTextAsync(BrowserSession.Email);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Lock {BrowserSession.Email}" })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove {BrowserSession.Email}" })).ToBeDisabledAsync();

        // Every field has a label; a weak password shows Identity's rule and adds nobody.
        await page.GetByLabel("E-mail").FillAsync(NewEmail);
        await page.GetByLabel("Initial password").FillAsync("weak");
        await page.GetByTestId("add-operator").ClickAsync();
        await Assertions.Expect(page.GetByTestId("operator-errors")).ToContainTextAsync("at least 10 characters");
        await Assertions.Expect(table).Not.ToContainTextAsync(NewEmail);

        // A proper password adds the operator with the default role; Enter in the form submits it.
        await page.GetByLabel("Initial password").FillAsync("Agent-Passw0rd");
        await page.GetByLabel("Initial password").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId($"operator-{NewEmail}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"role-{NewEmail}")).ToHaveTextAsync("Operator");
        await Assertions.Expect(page.GetByTestId($"state-{NewEmail}")).ToContainTextAsync("Active");
        await Assertions.Expect(page.GetByTestId($"last-sign-in-{NewEmail}")).ToHaveTextAsync("—");

        // Lock, then unlock.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Lock {NewEmail}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId($"state-{NewEmail}")).ToContainTextAsync("Locked");
        Assert.True(await IsLockedAsync(session, NewEmail));
        await session.ScreenshotAsync("operators");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Unlock {NewEmail}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId($"state-{NewEmail}")).ToContainTextAsync("Active");
        Assert.False(await IsLockedAsync(session, NewEmail));

        // Reset the password: the rules apply, then the new one is set.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Reset password of {NewEmail}" }).ClickAsync();
        await page.GetByLabel($"New password for {NewEmail}").FillAsync("nouppercase1x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-errors")).ToContainTextAsync("uppercase");
        await page.GetByLabel($"New password for {NewEmail}").FillAsync("Reset-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Password of {NewEmail} reset.").First).ToBeVisibleAsync();
        Assert.True(await ChecksPasswordAsync(session, NewEmail, "Reset-Passw0rd"));

        // Every change is in the audit list on the page.
        var audit = page.GetByTestId("operator-audit");
        foreach (var action in new[] { OperatorAuditActions.Added, OperatorAuditActions.Locked, OperatorAuditActions.Unlocked, OperatorAuditActions.PasswordReset })
            await Assertions.Expect(audit).ToContainTextAsync(action);

        // Sign in as the (non-admin) operator: no link, and the page refuses.
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync(NewEmail, "Reset-Passw0rd");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operators" })).ToHaveCountAsync(0);
        await page.GotoAsync(session.BaseUrl + "/operators");
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("operators")).ToHaveCountAsync(0);

        // Back as the admin: the new operator's sign-in shows; remove them (confirmed in a dialog).
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync();
        await session.GoToAsync("/operators");
        await Assertions.Expect(page.GetByTestId($"last-sign-in-{NewEmail}")).Not.ToHaveTextAsync("—");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {NewEmail}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId($"operator-{NewEmail}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("operator-audit")).ToContainTextAsync(OperatorAuditActions.Removed);
        await using var db = await session.App.Contexts.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == NewEmail));
    }

    private static async Task<bool> IsLockedAsync(BrowserSession session, string email)
    {
        using var scope = session.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<bool> ChecksPasswordAsync(BrowserSession session, string email, string password)
    {
        using var scope = session.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }
}
