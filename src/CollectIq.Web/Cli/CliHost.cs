using CollectIq.Data;

namespace CollectIq.Web.Cli;

/// <summary>
/// The services a CLI command needs without the web server: same configuration sources as the service
/// (appsettings, environment, .env, command-line overrides), the database, quiet console logging.
/// </summary>
public static class CliHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // The console belongs to the command's own output; only problems are logged.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft"] = "Warning";
        builder.Services.AddCollectIqData(builder.Configuration);
        return builder;
    }
}
