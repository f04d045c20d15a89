using CollectIq.Telephony.MediaStreams;
using CollectIq.Telephony.MediaStreams.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollectIq.Telephony.Tests.MediaStreams;

public sealed class MediaStreamServiceCollectionExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTwilioMediaStreams(builder.Configuration);
        builder.Services.AddTwilioMediaStreams(builder.Configuration); // idempotent
        return builder.Build();
    }

    [Fact]
    public async Task AddTwilioMediaStreams_LeadOutOfRange_FailsAtStartup()
    {
        using var host = Build(new() { ["MediaStreams:LeadMs"] = "5000" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LeadMs", error.Message);
    }

    [Fact]
    public async Task AddTwilioMediaStreams_PublicUrlNotHttp_FailsAtStartup()
    {
        using var host = Build(new()
        {
            ["TWILIO_ACCOUNT_SID"] = "AC1", ["TWILIO_AUTH_TOKEN"] = "t", ["TWILIO_PHONE_NUMBER"] = "+15005550006", ["PUBLIC_URL"] = "abc123.ngrok-free.app",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PUBLIC_URL", error.Message);
    }

    [Fact]
    public async Task AddTwilioMediaStreams_Twice_RegistersOneAuthenticatorAndBindsConfiguration()
    {
        using var host = Build(new() { ["MediaStreams:ChunkMs"] = "40", ["PUBLIC_URL"] = "https://abc123.ngrok-free.app" });
        await host.StartAsync();

        Assert.Single(host.Services.GetServices<IMediaStreamAuthenticator>());
        Assert.Equal(40, host.Services.GetRequiredService<IOptions<MediaStreamOptions>>().Value.ChunkMs);
        Assert.NotNull(host.Services.GetRequiredService<MediaStreamSessionRegistry>());
        await host.StopAsync();
    }
}
