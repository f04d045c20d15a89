using System.Globalization;
using CollectIq.Simulator.Calls;

namespace CollectIq.Simulator.MediaStreams;

/// <summary>
/// <c>&lt;Stream statusCallback&gt;</c>: StreamEvent = stream-started | stream-stopped | stream-error,
/// posted signed and in order, without holding up the stream itself.
/// </summary>
internal sealed class StreamStatusCallback(SimulatedCall call, FakeTwilioContext context, string? url, string streamSid)
{
    private Task pending = Task.CompletedTask;

    public void Post(string streamEvent, string? error = null)
    {
        if (url is null) return;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            context.Problem(call, 11100, $"<Stream statusCallback> must be an absolute http(s) URL, got '{url}'.");
            url = null;
            return;
        }
        List<KeyValuePair<string, string>> parameters =
        [
            new("AccountSid", call.AccountSid),
            new("CallSid", call.Sid),
            new("StreamSid", streamSid),
            new("StreamEvent", streamEvent),
            new("Timestamp", call.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        ];
        if (error is not null) parameters.Add(new("StreamError", error));
        pending = SendAfterAsync(pending, target, parameters);
    }

    /// <summary>Completes when every callback posted so far was delivered (or failed).</summary>
    public Task DrainAsync() => pending;

    private async Task SendAfterAsync(Task previous, Uri target, List<KeyValuePair<string, string>> parameters)
    {
        await previous.ConfigureAwait(false);
        try
        {
            var response = await context.Webhooks.SendAsync(target, "POST", parameters, CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccess) context.Problem(call, 11200, $"Stream status callback answered HTTP {response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            context.Problem(call, 11200, $"Stream status callback failed: {e.Message}");
        }
    }
}
