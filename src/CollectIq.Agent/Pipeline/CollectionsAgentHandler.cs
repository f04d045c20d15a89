using CollectIq.Agent.Conversation;
using CollectIq.Agent.Dialog;
using CollectIq.Agent.Hosting;
using CollectIq.Telephony.MediaStreams;
using Microsoft.Extensions.Logging;

namespace CollectIq.Agent.Pipeline;

/// <summary>
/// The collections agent on one media stream: inbound µ-law → <see cref="ISpeechListener"/> (VAD,
/// endpointer, STT with the state's grammar) → <see cref="ConversationEngine"/> (dialog, barge-in,
/// silence) → <see cref="IAgentSynthesizer"/> sentence by sentence → <see cref="IOutboundMedia"/>
/// with marks. Every callback returns at once: the payer is loaded and the greeting synthesized on
/// the conversation's own task, and events that arrive before it is ready wait in a small buffer.
/// </summary>
public sealed class CollectionsAgentHandler : IMediaStreamHandler
{
    private readonly CollectionsAgentHandlerFactory _factory;
    private readonly MediaStreamContext _context;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<ConversationEvent> _early = [];
    private readonly CancellationTokenSource _stop = new();
    private ISpeechListener? _listener;
    private ConversationEngine? _engine;
    private Task _conversation = Task.CompletedTask;
    private int _stopped;

    internal CollectionsAgentHandler(CollectionsAgentHandlerFactory factory, MediaStreamContext context, ILogger logger)
    {
        _factory = factory;
        _context = context;
        _logger = logger;
    }

    /// <summary>The engine once the conversation has started (for tests and diagnostics).</summary>
    public ConversationEngine? Engine { get { lock (_gate) return _engine; } }

    /// <summary>Completes when the conversation loop has ended.</summary>
    public Task Conversation => _conversation;

    public ValueTask OnStartAsync(MediaStreamContext context, IOutboundMedia outbound, CancellationToken cancellationToken)
    {
        _listener = _factory.Listeners.Create();
        _listener.Start(Post, context.StartedAt);
        _conversation = Task.Run(() => ConverseAsync(outbound));
        return ValueTask.CompletedTask;
    }

    public void OnAudio(ReadOnlySpan<byte> mulaw, long timestampMs) => _listener?.PushAudio(mulaw, timestampMs);

    public void OnDtmf(char digit) => Post(new DtmfReceived(digit));

    public void OnMark(string name) => Post(new MarkEchoed(name));

    public async ValueTask OnStopAsync(StreamEndReason reason)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        Post(new StreamStopped());
        try { await _conversation.WaitAsync(_factory.StopTimeout).ConfigureAwait(false); }
        catch (TimeoutException) { AgentLog.StopTimedOut(_logger, _context.CallId); }
        catch (Exception e) { AgentLog.ConversationFailed(_logger, e, _context.CallId); }
        finally { _stop.Cancel(); }
        if (Engine is { } engine)
        {
            try { await engine.FlushRecordsAsync().WaitAsync(_factory.StopTimeout).ConfigureAwait(false); }
            catch (Exception e) { AgentLog.ConversationFailed(_logger, e, _context.CallId); }
        }
    }

    private void Post(ConversationEvent item)
    {
        lock (_gate)
        {
            if (_engine is null) { _early.Add(item); return; }
        }
        _engine.Post(item);
    }

    private async Task ConverseAsync(IOutboundMedia outbound)
    {
        try
        {
            var payer = await _factory.Payers.FindAsync(_context.PayerId, _stop.Token).ConfigureAwait(false);
            if (payer is null)
            {
                AgentLog.PayerMissing(_logger, _context.CallId, _context.PayerId);
                await _context.Recorder.RecordEventAsync(_context.CallId, "agent-error", "payer not found", CancellationToken.None).ConfigureAwait(false);
                await outbound.HangUpAsync("payer-not-found").ConfigureAwait(false);
                return;
            }
            if (payer.OptedOutAt is not null)
            {
                // Outreach should never have dialled; the agent does not talk to an opted-out payer either.
                AgentLog.PayerOptedOut(_logger, _context.CallId, _context.PayerId);
                await _context.Recorder.RecordEventAsync(_context.CallId, "agent-refused", "payer opted out", CancellationToken.None).ConfigureAwait(false);
                await outbound.HangUpAsync("payer-opted-out").ConfigureAwait(false);
                return;
            }
            var dialogContext = _factory.CreateDialogContext(payer);
            var dialog = _factory.DialogFactory.Create(dialogContext, _context.CallId);
            var listener = _listener!;
            var engine = new ConversationEngine(
                new ConversationSetup(_context.CallId, _context.PayerId, _context.StartedAt, dialog, _factory.Synthesizer, outbound, _context.Recorder)
                {
                    OptOut = _factory.OptOut,
                    MetricsSink = _factory.MetricsSink,
                    IntentClassifier = _factory.IntentClassifier,
                    OnListen = listener.Expect,
                },
                _factory.ConversationOptions, _factory.Time, _logger);

            engine.Start(); // the greeting starts synthesizing now
            List<ConversationEvent> early;
            lock (_gate)
            {
                _engine = engine;
                early = [.. _early];
                _early.Clear();
            }
            foreach (var item in early) engine.Post(item);
            await engine.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            AgentLog.ConversationFailed(_logger, e, _context.CallId);
            try { await outbound.HangUpAsync("agent-error").ConfigureAwait(false); } catch (Exception) { /* the stream is going away anyway */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _conversation.ConfigureAwait(false); } catch (Exception) { /* logged in ConverseAsync */ }
        if (Engine is { } engine) await engine.DisposeAsync().ConfigureAwait(false);
        if (_listener is not null) await _listener.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
