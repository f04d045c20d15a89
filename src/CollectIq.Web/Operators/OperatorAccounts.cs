using CollectIq.Data.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Operators;

/// <summary>Creating operators: the configured first admin at start-up, or the first-run setup page.</summary>
public sealed partial class OperatorAccounts(IServiceScopeFactory scopes, TimeProvider time, ILogger<OperatorAccounts> logger)
{
    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        return await users.Users.AnyAsync(ct);
    }

    /// <summary>Creates an operator; returns Identity's errors (password rules, duplicate e-mail) in words.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string password, bool isAdmin, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        var user = new OperatorUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = email.Trim().Split('@')[0],
            IsAdmin = isAdmin,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) LogCreated(logger, user.DisplayName, isAdmin);
        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }

    /// <summary>Makes sure the configured admin exists (never changes an existing one's password).</summary>
    public async Task EnsureConfiguredAdminAsync(OperatorAdminOptions admin, CancellationToken ct = default)
    {
        if (!admin.IsConfigured) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OperatorUser>>();
        if (await users.FindByEmailAsync(admin.Email!.Trim()) is not null) return;
        var errors = await CreateAsync(admin.Email!, admin.Password!, isAdmin: true, ct);
        if (errors.Count > 0)
            throw new InvalidOperationException($"{OperatorAdminOptions.EmailKey}/{OperatorAdminOptions.PasswordKey}: the admin could not be created: {string.Join(" ", errors)}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator {DisplayName} created (admin: {IsAdmin})")]
    private static partial void LogCreated(ILogger logger, string? displayName, bool isAdmin);
}
