namespace CollectIq.Web.Operators;

/// <summary>The first administrator, from COLLECTIQ_ADMIN_EMAIL / COLLECTIQ_ADMIN_PASSWORD; when unset, /setup creates one.</summary>
public sealed class OperatorAdminOptions
{
    public const string EmailKey = "COLLECTIQ_ADMIN_EMAIL";
    public const string PasswordKey = "COLLECTIQ_ADMIN_PASSWORD";

    public string? Email { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Password);

    public static void Bind(IConfiguration configuration, OperatorAdminOptions options)
    {
        options.Email = configuration[EmailKey];
        options.Password = configuration[PasswordKey];
    }
}
