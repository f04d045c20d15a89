using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Hosting;
using CollectIq.Simulator.Scripts;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Simulator.Tests.Hosting;

public sealed class SimulatedTelephonyTests
{
    private static (HostApplicationBuilder Builder, ConcurrentQueue<string> Logs, bool Simulated) Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new ConcurrentQueue<string>();
        builder.Logging.AddProvider(new ListLoggerProvider(logs));
        builder.Services.AddOptions<TwilioOptions>().Configure<IConfiguration>((o, c) => TwilioOptions.Bind(c, o));
        builder.Services.AddSingleton<ICallerVoice>(Support.SimulatorRig.ToneVoice);
        var simulated = builder.Services.AddSimulatedTelephony(builder.Configuration);
        return (builder, logs, simulated);
    }

    [Fact]
    public async Task AddSimulatedTelephony_NoAccountSid_PointsTwilioOptionsAtRunningStandIn()
    {
        var (builder, logs, simulated) = Host(new() { ["SIMULATED_CALLEE"] = "busy" });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
            var telephony = host.Services.GetRequiredService<SimulatedTelephony>();

            Assert.True(simulated);
            Assert.StartsWith("http://127.0.0.1:", options.ApiBaseUrl);
            Assert.Equal(telephony.BaseAddress.ToString().TrimEnd('/'), options.ApiBaseUrl);
            Assert.True(Sids.IsValid(options.AccountSid, "AC"));
            Assert.False(string.IsNullOrEmpty(options.AuthToken));
            Assert.DoesNotContain(options.Validate(), p => !p.StartsWith("PUBLIC_URL"));
            Assert.Contains(logs, l => l.StartsWith("Simulated telephony at http://127.0.0.1:"));

            // The options really work as credentials against the stand-in.
            using var http = new HttpClient { BaseAddress = new Uri(options.ApiBaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));
            using var response = await http.PostAsync($"/2010-04-01/Accounts/{options.AccountSid}/Calls.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["To"] = "+14155550100",
                ["From"] = options.PhoneNumber!,
                ["Url"] = "http://127.0.0.1:9/voice",
            }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var sid = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

            var statuses = new List<string>();
            await foreach (var e in telephony.WatchCallAsync(sid).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
                if (e is CallStatusChanged changed) statuses.Add(changed.Status);
            Assert.Equal(["queued", "initiated", "ringing", "busy"], statuses);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void AddSimulatedTelephony_AccountSidSet_RegistersNothing()
    {
        var (builder, _, simulated) = Host(new() { ["TWILIO_ACCOUNT_SID"] = "AC0123", ["TWILIO_AUTH_TOKEN"] = "t" });
        using var host = builder.Build();

        Assert.False(simulated);
        Assert.Null(host.Services.GetService<SimulatedTelephony>());
        Assert.Equal("https://api.twilio.com", host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl);
    }

    [Fact]
    public void SimulatedTelephony_UnknownCalleePreset_FailsAtStartWithNames()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new SimulatedTelephony(new SimulatedTelephonyOptions { DefaultCallee = "sings" }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        Assert.Contains("listens", error.Message);
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(logs);
        public void Dispose() { }

        private sealed class ListLogger(ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue(formatter(state, exception));
        }
    }
}
