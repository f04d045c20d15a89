using System.Security.Claims;
using CollectIq.Data;
using CollectIq.Data.Operators;
using CollectIq.Domain.Audit;
using CollectIq.Outreach.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Operators;

/// <summary>
/// Operator management for administrators (the /operators page and /api/operators): list, add, lock,
/// unlock, reset a password, remove. An admin can neither lock nor remove themselves, nor the last active
/// admin; every change is written to the audit log (actions <see cref="OperatorAuditActions"/>). The acting
/// admin is re-read from the database on every change, so a session whose account was removed or locked
/// since sign-in changes nothing.
/// </summary>
public sealed partial class OperatorAdministration(
    IServiceScopeFactory scopes, IDbContextFactory<CollectIqDbContext> contexts, IAuditLog audit, TimeProvider time, ILogger<OperatorAdministration> logger)
{
    /// <summary>Authorization policy of the page and the API: an operator session with the admin claim.</summary>
    public const string AdminPolicy = "collectiq-admin";

    public async Task<IReadOnlyList<OperatorSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        // Last sign-in = the newest "signed-in" audit row per e-mail (ids, not timestamps: MAX over ids works on every engine).
        var emails = all.Select(u => u.Email).OfType<string>().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var newest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == OperatorAuditActions.SignedIn && a.Reason != null && emails.Contains(a.Reason))
            .GroupBy(a => a.Reason).Select(g => g.Max(a => a.Id)).ToListAsync(ct);
        var signIns = (await db.AuditEntries.AsNoTracking().Where(a => newest.Contains(a.Id)).Select(a => new { a.Reason, a.At }).ToListAsync(ct))
            .ToDictionary(a => a.Reason!, a => a.At, StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        return all.Select(u => new OperatorSummary(
                u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, u.IsAdmin ? OperatorRole.Admin : OperatorRole.Operator,
                IsLockedOut(u, now), IsLockedOut(u, now) ? u.LockoutEnd : null, u.AccessFailedCount, u.CreatedAt,
                signIns.TryGetValue(u.Email ?? "", out var at) ? at : null))
            .ToList();
    }

    public async Task<OperatorChange> AddAsync(ClaimsPrincipal actor, string email, string password, OperatorRole role, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        if (await ActingAdminAsync(users, actor) is not { } admin) return OperatorChange.Forbidden;
        email = (email ?? "").Trim();
        if (email.Length == 0 || !email.Contains('@')) return OperatorChange.Invalid("Enter the operator's e-mail address.");
        if (string.IsNullOrEmpty(password)) return OperatorChange.Invalid("Enter an initial password.");
        var user = new OperatorUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0],
            IsAdmin = role == OperatorRole.Admin, CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return OperatorChange.Invalid(result.Errors.Select(e => e.Description).ToArray());
        await AuditAsync(admin, OperatorAuditActions.Added, $"{email} added as {role}.", ct);
        LogChanged(logger, OperatorAuditActions.Added, user.Id, ActorOf(admin));
        return OperatorChange.Done(user.Id);
    }

    public async Task<OperatorChange> SetLockedAsync(ClaimsPrincipal actor, string operatorId, bool locked, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        if (await ActingAdminAsync(users, actor) is not { } admin) return OperatorChange.Forbidden;
        if (await users.FindByIdAsync(operatorId) is not { } target) return OperatorChange.NotFound;
        if (locked)
        {
            if (target.Id == admin.Id) return OperatorChange.Invalid("You cannot lock your own account.");
            if (await IsLastActiveAdminAsync(users, target)) return OperatorChange.Invalid($"{target.Email} is the last active administrator: add or unlock another admin first.");
            await users.SetLockoutEnabledAsync(target, true);
            await users.SetLockoutEndDateAsync(target, DateTimeOffset.MaxValue);
            // A new security stamp ends the sessions the operator already has (cookie and circuit revalidation).
            await users.UpdateSecurityStampAsync(target);
        }
        else
        {
            await users.SetLockoutEndDateAsync(target, null);
            await users.ResetAccessFailedCountAsync(target);
        }
        var action = locked ? OperatorAuditActions.Locked : OperatorAuditActions.Unlocked;
        await AuditAsync(admin, action, $"{target.Email} {(locked ? "locked" : "unlocked")}.", ct);
        LogChanged(logger, action, target.Id, ActorOf(admin));
        return OperatorChange.Done(target.Id);
    }

    public async Task<OperatorChange> ResetPasswordAsync(ClaimsPrincipal actor, string operatorId, string newPassword, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        if (await ActingAdminAsync(users, actor) is not { } admin) return OperatorChange.Forbidden;
        if (await users.FindByIdAsync(operatorId) is not { } target) return OperatorChange.NotFound;
        if (string.IsNullOrEmpty(newPassword)) return OperatorChange.Invalid("Enter the new password.");
        // The reset token path validates the password rules and renews the security stamp (other sessions end).
        var token = await users.GeneratePasswordResetTokenAsync(target);
        var result = await users.ResetPasswordAsync(target, token, newPassword);
        if (!result.Succeeded) return OperatorChange.Invalid(result.Errors.Select(e => e.Description).ToArray());
        await users.ResetAccessFailedCountAsync(target);
        await AuditAsync(admin, OperatorAuditActions.PasswordReset, $"Password of {target.Email} reset.", ct);
        LogChanged(logger, OperatorAuditActions.PasswordReset, target.Id, ActorOf(admin));
        return OperatorChange.Done(target.Id);
    }

    public async Task<OperatorChange> RemoveAsync(ClaimsPrincipal actor, string operatorId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        if (await ActingAdminAsync(users, actor) is not { } admin) return OperatorChange.Forbidden;
        if (await users.FindByIdAsync(operatorId) is not { } target) return OperatorChange.NotFound;
        if (target.Id == admin.Id) return OperatorChange.Invalid("You cannot remove your own account.");
        if (await IsLastActiveAdminAsync(users, target)) return OperatorChange.Invalid($"{target.Email} is the last active administrator: add or unlock another admin first.");
        var result = await users.DeleteAsync(target);
        if (!result.Succeeded) return OperatorChange.Invalid(result.Errors.Select(e => e.Description).ToArray());
        await AuditAsync(admin, OperatorAuditActions.Removed, $"{target.Email} removed.", ct);
        LogChanged(logger, OperatorAuditActions.Removed, target.Id, ActorOf(admin));
        return OperatorChange.Done(target.Id);
    }

    /// <summary>The operator changes of the audit log, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(int limit = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(a => OperatorAuditActions.Changes.Contains(a.Action))
            .OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>The signed-in admin, as the database has them now: null if removed, locked or no longer admin.</summary>
    private async Task<OperatorUser?> ActingAdminAsync(UserManager<OperatorUser> users, ClaimsPrincipal actor)
    {
        var user = await users.GetUserAsync(actor);
        if (user is null || !user.IsAdmin || IsLockedOut(user, time.GetUtcNow())) return null;
        return user;
    }

    private async Task<bool> IsLastActiveAdminAsync(UserManager<OperatorUser> users, OperatorUser target)
    {
        if (!target.IsAdmin) return false;
        var now = time.GetUtcNow();
        var admins = await users.Users.AsNoTracking().Where(u => u.IsAdmin && u.Id != target.Id).ToListAsync();
        return !admins.Any(u => !IsLockedOut(u, now));
    }

    private static bool IsLockedOut(OperatorUser user, DateTimeOffset now) => user.LockoutEnabled && user.LockoutEnd is { } end && end > now;

    private static string ActorOf(OperatorUser admin) => OperatorClaimsPrincipalFactory.ActorFor(admin);

    private Task AuditAsync(OperatorUser admin, string action, string reason, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry { At = time.GetUtcNow(), Action = action, Actor = ActorOf(admin), Reason = reason }, ct);

    // Operator ids only: e-mail addresses are personal data and stay in the audit log, not the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Operator change {Action} on {OperatorId} by {Actor}")]
    private static partial void LogChanged(ILogger logger, string action, string operatorId, string actor);
}

public enum OperatorRole { Operator, Admin }

/// <summary>One operator as the management page lists them (never the password hash or security stamp).</summary>
public sealed record OperatorSummary(
    string Id, string Email, string? DisplayName, OperatorRole Role, bool LockedOut, DateTimeOffset? LockedUntil,
    int FailedSignIns, DateTimeOffset CreatedAt, DateTimeOffset? LastSignIn);

/// <summary>What a change did: done (with the operator's id), refused with reasons, not found, or forbidden.</summary>
public sealed record OperatorChange(OperatorChangeStatus Status, string? OperatorId, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Status == OperatorChangeStatus.Done;
    public static OperatorChange Done(string id) => new(OperatorChangeStatus.Done, id, []);
    public static OperatorChange Invalid(params string[] errors) => new(OperatorChangeStatus.Invalid, null, errors);
    public static readonly OperatorChange NotFound = new(OperatorChangeStatus.NotFound, null, ["No such operator."]);
    public static readonly OperatorChange Forbidden = new(OperatorChangeStatus.Forbidden, null, ["Only an active administrator can manage operators."]);
}

public enum OperatorChangeStatus { Done, Invalid, NotFound, Forbidden }

/// <summary>Audit actions of operator accounts (rows without a payer; Reason names the operator's e-mail).</summary>
public static class OperatorAuditActions
{
    public const string Added = "operator-added";
    public const string Locked = "operator-locked";
    public const string Unlocked = "operator-unlocked";
    public const string PasswordReset = "operator-password-reset";
    public const string Removed = "operator-removed";
    /// <summary>A successful sign-in; Reason is the e-mail (the page's "last sign-in").</summary>
    public const string SignedIn = "operator-signed-in";
    /// <summary>Too many wrong passwords: Identity locked the account for its lockout time.</summary>
    public const string LockedOutAfterFailures = "operator-locked-out";

    public static readonly string[] Changes = [Added, Locked, Unlocked, PasswordReset, Removed, LockedOutAfterFailures];
}
