namespace CollectIq.Telephony.MediaStreams;

/// <summary>
/// Maps a stream's <c>start</c> message to our call record. Implemented by the host (database);
/// a rejection closes the stream with its reason (unknown payer, unknown call, CallSid mismatch).
/// </summary>
public interface IMediaStreamCallResolver
{
    ValueTask<MediaStreamCallResolution> ResolveAsync(string callSid, string streamSid, IReadOnlyDictionary<string, string> customParameters, CancellationToken cancellationToken);
}

public sealed record MediaStreamCallResolution(bool Accepted, int CallId, int PayerId, string? RejectReason)
{
    public static MediaStreamCallResolution Accept(int callId, int payerId) => new(true, callId, payerId, null);
    public static MediaStreamCallResolution Reject(string reason) => new(false, 0, 0, reason);
}
