using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace CollectIq.Telephony.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>Name of the resilience pipeline on the Calls client (visible in Polly telemetry).</summary>
    public const string ResiliencePipelineName = "twilio-calls";

    /// <summary>
    /// Registers <see cref="TwilioOptions"/> (bound with <see cref="TwilioOptions.Bind"/>, validated at
    /// start-up) and the typed <see cref="ITwilioCallsClient"/>, whose HttpClient retries 429 and 5xx
    /// with exponential backoff (honouring Retry-After, capped) and never retries other 4xx.
    /// </summary>
    public static IServiceCollection AddTwilioCallsClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTwilioOptions(configuration);
        services.AddOptions<TwilioRetryOptions>()
            .Bind(configuration.GetSection(TwilioRetryOptions.SectionName))
            .Validate(o => !o.Validate().Any(), "Twilio:Retry settings are invalid (MaxRetries 0..10, delays non-negative, MaxDelay ≥ BaseDelay).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<ITwilioCallsClient, TwilioCallsClient>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
                client.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CollectIQ/1.0");
                // The resilience pipeline owns timeouts (per attempt); the client-wide one would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(ResiliencePipelineName, (builder, context) =>
            {
                var retry = context.ServiceProvider.GetRequiredService<IOptions<TwilioRetryOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                builder.TimeProvider = time;
                if (retry.MaxRetries > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = retry.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = retry.BaseDelay,
                        MaxDelay = retry.MaxDelay,
                        ShouldRetryAfterHeader = false, // handled below, with a cap
                        ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, retry.MaxDelay, time)),
                    });
                }
                builder.AddTimeout(retry.AttemptTimeout);
            });
        return services;
    }

    /// <summary>Binds and validates <see cref="TwilioOptions"/> once, however many Add* methods ask for it.</summary>
    internal static IServiceCollection AddTwilioOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TwilioOptionsMarker))) return services;
        services.AddSingleton<TwilioOptionsMarker>();
        services.AddOptions<TwilioOptions>()
            .Configure(o => TwilioOptions.Bind(configuration, o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        return services;
    }

    /// <summary>429 and 5xx, or a transport failure / attempt timeout; never another 4xx.</summary>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null; // use the exponential backoff
        var delay = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        return delay > cap ? cap : delay;
    }

    private sealed class TwilioOptionsMarker;
}

/// <summary>Start-up validation of <see cref="TwilioOptions"/> through its own <see cref="TwilioOptions.Validate"/>.</summary>
internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
