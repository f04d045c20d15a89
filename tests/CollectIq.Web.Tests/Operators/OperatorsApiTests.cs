using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CollectIq.Data.Operators;
using CollectIq.Web.Operators;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Operators;

/// <summary>/api/operators through real sign-ins (the /login form, the session cookie) on the real app.</summary>
public sealed class OperatorsApiTests
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Admin-Passw0rd";
    private const string OperatorEmail = "agent@example.com";
    private const string OperatorPassword = "Agent-Passw0rd";

    [Fact]
    public async Task OperatorsApi_NoSessionApiKeyOrNonAdmin_Refused()
    {
        await using var app = await TestApp.StartAsync();
        await CreateAsync(app, AdminEmail, AdminPassword, isAdmin: true);
        await CreateAsync(app, OperatorEmail, OperatorPassword, isAdmin: false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/api/operators")).StatusCode);
        // The API key is a machine credential: it does not manage people's accounts.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/operators")).StatusCode);

        using var agent = await SignInAsync(app, OperatorEmail, OperatorPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/operators")).StatusCode);
        var add = await agent.PostAsJsonAsync("/api/operators", new { email = "sneaky@example.com", password = "Sneaky-Passw0rd", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Null(await FindAsync(app, "sneaky@example.com"));

        // The page: a non-admin is told no (and the navigation has no link to it).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/operators");
        request.Headers.Accept.ParseAdd("text/html");
        var page = await agent.SendAsync(request);
        Assert.True(page.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"answered {(int)page.StatusCode}");
        Assert.Contains("/access-denied", page.Headers.Location!.ToString());
        var worklist = await agent.GetStringAsync("/");
        Assert.DoesNotContain("href=\"operators\"", worklist);
    }

    [Theory, SqliteEngine, PostgresEngine]
    public async Task OperatorsApi_AdminAddsLocksResetsAndRemoves_EachChangeWorksAndIsAudited(string engine)
    {
        await using var app = await TestApp.StartAsync(engine: engine);
        await CreateAsync(app, AdminEmail, AdminPassword, isAdmin: true);
        using var admin = await SignInAsync(app, AdminEmail, AdminPassword);

        // Identity's password rules apply to the initial password.
        var weak = await admin.PostAsJsonAsync("/api/operators", new { email = OperatorEmail, password = "short", role = "operator" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 10 characters", await weak.Content.ReadAsStringAsync());

        var added = await admin.PostAsJsonAsync("/api/operators", new { email = OperatorEmail, password = OperatorPassword, role = "operator" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var duplicate = await admin.PostAsJsonAsync("/api/operators", new { email = OperatorEmail, password = OperatorPassword, role = "operator" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        // An admin may add another admin.
        var addedAdmin = await admin.PostAsJsonAsync("/api/operators", new { email = "deputy@example.com", password = "Deputy-Passw0rd", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, addedAdmin.StatusCode);
        Assert.True((await FindAsync(app, "deputy@example.com"))!.IsAdmin);

        // The new operator can sign in; the list shows role, state and that sign-in.
        using (var first = await SignInAsync(app, OperatorEmail, OperatorPassword)) { }
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/operators");
        var row = list.EnumerateArray().Single(o => o.GetProperty("email").GetString() == OperatorEmail);
        Assert.Equal("operator", row.GetProperty("role").GetString());
        Assert.False(row.GetProperty("lockedOut").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("lastSignIn").ValueKind);
        Assert.DoesNotContain("passwordHash", list.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Locked: the right password no longer signs in. Unlocked: it does again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/operators/{id}/lock", null)).StatusCode);
        Assert.Null(await TrySignInAsync(app, OperatorEmail, OperatorPassword));
        list = await admin.GetFromJsonAsync<JsonElement>("/api/operators");
        Assert.True(list.EnumerateArray().Single(o => o.GetProperty("id").GetString() == id).GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/operators/{id}/unlock", null)).StatusCode);
        using (var again = await SignInAsync(app, OperatorEmail, OperatorPassword)) { }

        // Password reset: rules apply; the old password stops working, the new one works.
        var weakReset = await admin.PostAsJsonAsync($"/api/operators/{id}/password", new { password = "alllowercase1" });
        Assert.Equal(HttpStatusCode.BadRequest, weakReset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/operators/{id}/password", new { password = "Fresh-Passw0rd" })).StatusCode);
        Assert.Null(await TrySignInAsync(app, OperatorEmail, OperatorPassword));
        using (var fresh = await SignInAsync(app, OperatorEmail, "Fresh-Passw0rd")) { }

        // Removed: gone, cannot sign in; unknown ids are 404.
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/operators/{id}")).StatusCode);
        Assert.Null(await FindAsync(app, OperatorEmail));
        Assert.Null(await TrySignInAsync(app, OperatorEmail, "Fresh-Passw0rd"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/operators/{id}")).StatusCode);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("operator-") && a.Action != OperatorAuditActions.SignedIn).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [OperatorAuditActions.Added, OperatorAuditActions.Added, OperatorAuditActions.Locked, OperatorAuditActions.Unlocked, OperatorAuditActions.PasswordReset, OperatorAuditActions.Removed],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("operator:admin", a.Actor));
        Assert.Contains("deputy@example.com", audit[1].Reason);
        Assert.All(audit.Where((_, i) => i != 1), a => Assert.Contains(OperatorEmail, a.Reason));
        Assert.All(audit, a => Assert.Null(a.PayerId));
    }

    [Fact]
    public async Task OperatorsApi_AdminLocksOrRemovesSelfOrLastAdmin_Refused()
    {
        await using var app = await TestApp.StartAsync();
        var adminId = await CreateAsync(app, AdminEmail, AdminPassword, isAdmin: true);
        using var admin = await SignInAsync(app, AdminEmail, AdminPassword);

        var lockSelf = await admin.PostAsync($"/api/operators/{adminId}/lock", null);
        Assert.Equal(HttpStatusCode.BadRequest, lockSelf.StatusCode);
        Assert.Contains("your own account", await lockSelf.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync($"/api/operators/{adminId}")).StatusCode);

        // With a second admin, either may lock the other, but never so that no active admin remains.
        var secondId = await CreateAsync(app, "second@example.com", "Second-Passw0rd", isAdmin: true);
        using var second = await SignInAsync(app, "second@example.com", "Second-Passw0rd");
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"/api/operators/{adminId}/lock", null)).StatusCode);
        // Now "second" is the last active admin: the locked first admin's session changes nothing…
        var fromLocked = await admin.PostAsync($"/api/operators/{secondId}/lock", null);
        Assert.True(fromLocked.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"answered {(int)fromLocked.StatusCode}");
        // …and removing the locked admin is fine, but locking oneself (the last one) is not.
        Assert.Equal(HttpStatusCode.BadRequest, (await second.PostAsync($"/api/operators/{secondId}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.DeleteAsync($"/api/operators/{adminId}")).StatusCode);

        await using var db = await app.Contexts.CreateDbContextAsync();
        var remaining = await db.Users.AsNoTracking().SingleAsync();
        Assert.Equal("second@example.com", remaining.Email);
        Assert.True(remaining.LockoutEnd is null || remaining.LockoutEnd < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountAndAuditsIt()
    {
        await using var app = await TestApp.StartAsync();
        await CreateAsync(app, OperatorEmail, OperatorPassword, isAdmin: false);

        for (var i = 0; i < 5; i++) Assert.Null(await TrySignInAsync(app, OperatorEmail, "Wrong-Passw0rd" + i));
        // Locked for 15 minutes: the right password is refused now.
        Assert.Null(await TrySignInAsync(app, OperatorEmail, OperatorPassword));

        var user = await FindAsync(app, OperatorEmail);
        Assert.NotNull(user!.LockoutEnd);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(15.5));
        await using var db = await app.Contexts.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == OperatorAuditActions.LockedOutAfterFailures && a.Reason == OperatorEmail));
    }

    private static async Task<string> CreateAsync(TestApp app, string email, string password, bool isAdmin)
    {
        Assert.Empty(await app.Services.GetRequiredService<OperatorAccounts>().CreateAsync(email, password, isAdmin));
        return (await FindAsync(app, email))!.Id;
    }

    private static async Task<OperatorUser?> FindAsync(TestApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>().FindByEmailAsync(email);
    }

    private static async Task<HttpClient> SignInAsync(TestApp app, string email, string password) =>
        await TrySignInAsync(app, email, password) ?? throw new Xunit.Sdk.XunitException($"{email} could not sign in.");

    /// <summary>Signs in through the /login form; returns a client carrying the session cookie, or null when refused.</summary>
    private static async Task<HttpClient?> TrySignInAsync(TestApp app, string email, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && cookies.GetCookies(app.BaseAddress)["collectiq.session"] is not null)
            return client;
        client.Dispose();
        return null;
    }
}
