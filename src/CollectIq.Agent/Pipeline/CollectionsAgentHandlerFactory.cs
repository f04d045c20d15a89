using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Hosting;
using CollectIq.Agent.Understanding;
using CollectIq.Domain.Payers;
using CollectIq.Domain.Phones;
using CollectIq.Telephony.MediaStreams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectIq.Agent.Pipeline;

/// <summary>Creates the collections agent for each media stream (registered by <see cref="AgentServiceCollectionExtensions.AddCollectionsAgent"/>).</summary>
public sealed class CollectionsAgentHandlerFactory(
    IPayerLookup payers,
    IAgentSynthesizer synthesizer,
    ISpeechListenerFactory listeners,
    IUtteranceUnderstander understander,
    IOptions<AgentOptions> agentOptions,
    IOptions<DialogOptions> dialogOptions,
    IOptions<ConversationOptions> conversationOptions,
    TimeProvider time,
    ILoggerFactory loggers,
    IPayerOptOut? optOut = null,
    ITurnMetricsSink? metricsSink = null,
    Understanding.Llm.IIntentClassifier? intentClassifier = null,
    ICollectionsDialogFactory? dialogFactory = null) : IMediaStreamHandlerFactory
{
    private readonly ILogger _logger = loggers.CreateLogger("CollectIq.Agent");

    internal IPayerLookup Payers => payers;
    internal IAgentSynthesizer Synthesizer => synthesizer;
    internal ISpeechListenerFactory Listeners => listeners;
    internal IUtteranceUnderstander Understander => understander;
    internal DialogOptions DialogOptions => dialogOptions.Value;
    internal ConversationOptions ConversationOptions => conversationOptions.Value;
    internal TimeProvider Time => time;
    internal IPayerOptOut? OptOut => optOut;
    internal ITurnMetricsSink? MetricsSink => metricsSink;
    internal Understanding.Llm.IIntentClassifier? IntentClassifier => intentClassifier;
    /// <summary>The brain of each call (<c>Agent:Brain</c>); the deterministic state machine when none is registered.</summary>
    public ICollectionsDialogFactory DialogFactory { get; } = dialogFactory ?? new DeterministicDialogFactory(understander, time, dialogOptions.Value);
    internal TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public IMediaStreamHandler Create(MediaStreamContext context) => new CollectionsAgentHandler(this, context, _logger);

    /// <summary>
    /// Synthesizes the payer's greeting into the cache ahead of the stream (call it when the call is
    /// placed, while Twilio rings and fetches the TwiML), so the first words go out the moment the
    /// stream starts; then the payer's balance sentence. Does nothing unless the synthesizer is a <see cref="CachingSynthesizer"/>.
    /// </summary>
    public async Task PrepareGreetingAsync(int payerId, CancellationToken cancellationToken)
    {
        if (synthesizer is not CachingSynthesizer cache) return;
        var payer = await payers.FindAsync(payerId, cancellationToken).ConfigureAwait(false);
        if (payer is null) return;
        var context = CreateDialogContext(payer);
        await cache.WarmAsync(DialogWording.Fill(DialogWording.GreetingTemplate, context), cancellationToken).ConfigureAwait(false);
        // The balance is the other per-payer sentence said early (right after the disclosure): a cache miss there
        // costs a flite synthesis (~90 ms, serialized process-wide) in the middle of the first reply.
        if (context.Invoices.Count > 0)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), context.TimeZone).DateTime);
            await cache.WarmAsync(DialogWording.Balance(context, today), cancellationToken).ConfigureAwait(false);
        }
    }

    internal DialogContext CreateDialogContext(Payer payer)
    {
        var zone = PayerTimeZones.Primary(payer);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return DialogContext.For(payer, agentOptions.Value.CompanyName, agentOptions.Value.CallbackNumber, today);
    }
}
