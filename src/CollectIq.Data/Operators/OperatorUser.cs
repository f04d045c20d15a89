using Microsoft.AspNetCore.Identity;

namespace CollectIq.Data.Operators;

/// <summary>A person who signs in to the operators' web app (ASP.NET Core Identity user).</summary>
public sealed class OperatorUser : IdentityUser
{
    /// <summary>Shown in the app bar and written to audit rows as "operator:{DisplayName}".</summary>
    public string? DisplayName { get; set; }
    public bool IsAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
