using System.Text;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.MediaStreams;

namespace CollectIq.Simulator.TwiML;

/// <summary>
/// Performs a call's TwiML like Twilio: fetches the voice URL (signed), runs the verbs in order,
/// follows Redirect, Gather actions and Connect actions to new documents, and returns when the
/// call should end (no verbs left, Hangup, a webhook failure). Cancelled when the call is ended.
/// </summary>
internal sealed class TwimlInterpreter(SimulatedCall call, FakeTwilioContext context)
{
    private static readonly TimeSpan MinimumSay = TimeSpan.FromMilliseconds(300);

    public async Task RunAsync(CancellationToken callEnded)
    {
        var request = call.Request;
        Uri? documentUrl = request.Url;
        var verbs = request.Twiml is { } inline
            ? ParseOrReport(inline, "inline Twiml")
            : await FetchAsync(request.Url!, request.Method, [], callEnded).ConfigureAwait(false);
        var documents = 1;

        var index = 0;
        while (verbs is not null && index < verbs.Count)
        {
            callEnded.ThrowIfCancellationRequested();
            var next = await PerformAsync(verbs[index++], documentUrl, callEnded).ConfigureAwait(false);
            if (next is End) return;
            if (next is Navigate navigate)
            {
                if (++documents > context.Options.MaxDocuments)
                {
                    context.Problem(call, 11200, $"More than {context.Options.MaxDocuments} TwiML documents on one call: stopping (redirect loop?).");
                    return;
                }
                documentUrl = navigate.Url;
                verbs = await FetchAsync(navigate.Url, navigate.Method, navigate.Extra, callEnded).ConfigureAwait(false);
                index = 0;
            }
        }
    }

    private async Task<Step> PerformAsync(TwimlVerb verb, Uri? documentUrl, CancellationToken callEnded)
    {
        switch (verb)
        {
            case SayVerb say:
                call.Append(new AgentSpoke(call.Sid, call.Now, say.Text));
                var perLoop = context.Options.SayTimePerCharacter * say.Text.Length;
                await SpeakAsync((perLoop < MinimumSay ? MinimumSay : perLoop) * Math.Max(1, say.Loop), callEnded).ConfigureAwait(false);
                return Step.Continue;
            case PlayVerb play:
                call.Append(new AgentSpoke(call.Sid, call.Now, $"[play {play.Url}]"));
                await SpeakAsync(PlayVerb.AssumedDuration * Math.Max(1, play.Loop), callEnded).ConfigureAwait(false);
                return Step.Continue;
            case PauseVerb pause:
                await Task.Delay(pause.Length, context.Time, callEnded).ConfigureAwait(false);
                return Step.Continue;
            case GatherVerb gather:
                return await GatherAsync(gather, documentUrl, callEnded).ConfigureAwait(false);
            case RedirectVerb redirect:
                return Resolve(documentUrl, redirect.Url) is { } target ? new Navigate(target, redirect.Method, []) : Step.Finish;
            case HangupVerb:
                return Step.Finish;
            case RejectVerb:
                return Step.Finish;
            case ConnectStreamVerb connect:
                var outcome = await new MediaStreamClient(call, connect, context).RunAsync(callEnded).ConfigureAwait(false);
                if (outcome == StreamOutcome.CallEnded) return Step.Finish;
                if (connect.Action is not null)
                    return Resolve(documentUrl, connect.Action) is { } action ? new Navigate(action, connect.Method, []) : Step.Finish;
                return Step.Continue;
            case UnsupportedVerb unsupported:
                context.Problem(call, 12200, $"<{unsupported.Name}> is not supported by the Twilio stand-in; skipped.");
                return Step.Continue;
            default:
                return Step.Continue;
        }
    }

    private async Task<Step> GatherAsync(GatherVerb gather, Uri? documentUrl, CancellationToken callEnded)
    {
        if (!gather.Input.Contains("dtmf", StringComparison.OrdinalIgnoreCase))
            context.Problem(call, 12200, $"<Gather input=\"{gather.Input}\">: the stand-in gathers DTMF only.");

        // Prompts play until the first key press (a buffered digit skips the rest).
        foreach (var prompt in gather.Prompts)
        {
            if (call.Line.TryPeekDigit()) break;
            await PerformAsync(prompt, documentUrl, callEnded).ConfigureAwait(false);
        }

        var digits = new StringBuilder();
        char? finishedOnKey = null;
        while (gather.NumDigits is not { } max || digits.Length < max)
        {
            using var timeout = new CancellationTokenSource(gather.Timeout, context.Time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(callEnded, timeout.Token);
            char digit;
            try
            {
                digit = await call.Line.ReadDigitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callEnded.IsCancellationRequested)
            {
                break; // Gather timeout: submit what we have.
            }
            if (digit == gather.FinishOnKey)
            {
                finishedOnKey = digit;
                break;
            }
            digits.Append(digit);
        }

        // No input: Twilio falls through to the next verb.
        if (digits.Length == 0) return Step.Continue;
        var target = gather.Action is null ? documentUrl : Resolve(documentUrl, gather.Action);
        if (target is null) return Step.Finish;
        List<KeyValuePair<string, string>> extra = [new("Digits", digits.ToString())];
        if (finishedOnKey is { } key) extra.Add(new("FinishedOnKey", key.ToString()));
        return new Navigate(target, gather.Method, extra);
    }

    private async Task SpeakAsync(TimeSpan duration, CancellationToken callEnded)
    {
        call.Line.ReportAgentAudible(true);
        try
        {
            await Task.Delay(duration, context.Time, callEnded).ConfigureAwait(false);
        }
        finally
        {
            call.Line.ReportAgentAudible(false);
        }
    }

    private async Task<IReadOnlyList<TwimlVerb>?> FetchAsync(Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> extra, CancellationToken callEnded)
    {
        var parameters = CallParameters.For(call);
        parameters.AddRange(extra);
        WebhookResponse response;
        try
        {
            response = await context.Webhooks.SendAsync(url, method, parameters, callEnded).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !callEnded.IsCancellationRequested))
        {
            context.Problem(call, 11200, $"HTTP retrieval failure for {url}: {e.Message}");
            return null;
        }
        if (!response.IsSuccess)
        {
            context.Problem(call, 11200, $"HTTP retrieval failure: {url} answered {response.StatusCode}.");
            return null;
        }
        return ParseOrReport(response.Body, url.ToString());
    }

    private IReadOnlyList<TwimlVerb>? ParseOrReport(string xml, string source)
    {
        try
        {
            return TwimlParser.Parse(xml);
        }
        catch (TwimlException e)
        {
            context.Problem(call, e.Code, $"{source}: {e.Message}");
            return null;
        }
    }

    private Uri? Resolve(Uri? documentUrl, string target)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        if (documentUrl is not null && Uri.TryCreate(documentUrl, target, out var relative)) return relative;
        context.Problem(call, 11100, $"Invalid URL '{target}' in TwiML.");
        return null;
    }

    private abstract record Step
    {
        public static readonly Step Continue = new Next();
        public static readonly Step Finish = new End();
    }

    private sealed record Next : Step;
    private sealed record End : Step;
    private sealed record Navigate(Uri Url, string Method, IReadOnlyList<KeyValuePair<string, string>> Extra) : Step;
}
