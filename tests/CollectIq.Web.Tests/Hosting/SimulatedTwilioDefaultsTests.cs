using CollectIq.Telephony.Twilio;
using CollectIq.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Tests.Hosting;

public sealed class SimulatedTwilioDefaultsTests
{
    private static TwilioOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["CollectIq:DataDirectory"] = Path.GetTempPath();
        var builder = CollectIqApp.CreateBuilder([], settings);
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TwilioOptions>>().Value;
    }

    [Fact]
    public void Simulated_NoTokenNoPublicUrl_GetsARandomTokenAndOurOwnAddress()
    {
        var options = Resolve(new() { ["urls"] = "http://127.0.0.1:5123", ["TWILIO_ACCOUNT_SID"] = null });

        Assert.True(options.IsSimulated);
        Assert.StartsWith("sim_", options.AuthToken);
        Assert.Equal("http://127.0.0.1:5123", options.PublicUrl);
    }

    [Fact]
    public void RealTwilio_NothingIsInvented()
    {
        var options = Resolve(new()
        {
            ["TWILIO_ACCOUNT_SID"] = "AC1", ["TWILIO_AUTH_TOKEN"] = "tok", ["TWILIO_PHONE_NUMBER"] = "+15005550006", ["NGROK_URL"] = "https://x.ngrok.app",
        });

        Assert.Equal("tok", options.AuthToken);
        Assert.Equal("https://x.ngrok.app", options.PublicUrl);
    }
}
