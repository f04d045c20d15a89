using CollectIq.Telephony.MediaStreams;

namespace CollectIq.Agent.Tests.Pipeline.Infrastructure;

/// <summary>
/// (Copied from tests/CollectIq.Telephony.Tests: test projects cannot reference each other.)
/// IMediaStreamCallResolver test double. By default accepts a start whose customParameters carry
/// numeric callId and payerId, and rejects payerId "unknown" as an unknown payer.
/// </summary>
internal sealed class TestCallResolver : IMediaStreamCallResolver
{
    public Func<string, string, IReadOnlyDictionary<string, string>, ValueTask<MediaStreamCallResolution>>? Resolve { get; set; }

    public ValueTask<MediaStreamCallResolution> ResolveAsync(string callSid, string streamSid, IReadOnlyDictionary<string, string> customParameters, CancellationToken cancellationToken)
    {
        if (Resolve is not null) return Resolve(callSid, streamSid, customParameters);
        if (customParameters.TryGetValue("payerId", out var payer) && payer == "unknown")
            return ValueTask.FromResult(MediaStreamCallResolution.Reject("unknown payer"));
        if (customParameters.TryGetValue("callId", out var c) && int.TryParse(c, out var callId)
            && customParameters.TryGetValue("payerId", out var p) && int.TryParse(p, out var payerId))
            return ValueTask.FromResult(MediaStreamCallResolution.Accept(callId, payerId));
        return ValueTask.FromResult(MediaStreamCallResolution.Reject("unknown call"));
    }
}
