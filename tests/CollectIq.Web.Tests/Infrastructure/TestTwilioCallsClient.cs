using System.Collections.Concurrent;
using CollectIq.Telephony.Twilio;

namespace CollectIq.Web.Tests.Infrastructure;

/// <summary>Twilio's Calls API as a test double: records requests; <see cref="OnCreateCall"/> decides the answer.</summary>
public sealed class TestTwilioCallsClient : ITwilioCallsClient
{
    private int _next;

    public ConcurrentQueue<CreateCallRequest> Created { get; } = new();

    public Func<CreateCallRequest, CancellationToken, Task<TwilioCall>> OnCreateCall { get; set; }

    public TestTwilioCallsClient() =>
        OnCreateCall = (request, _) => Task.FromResult(new TwilioCall($"CA{Interlocked.Increment(ref _next):D32}", "queued", request.To, request.From));

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken = default)
    {
        Created.Enqueue(request);
        return OnCreateCall(request, cancellationToken);
    }

    public Task<TwilioCall> EndCallAsync(string callSid, CancellationToken cancellationToken = default) =>
        Task.FromResult(new TwilioCall(callSid, "completed"));

    /// <summary>Answers GET …/Calls/{sid}.json; by default Twilio does not know the sid (404), like the real one for a foreign sid.</summary>
    public Func<string, CancellationToken, Task<TwilioCall>> OnGetCall { get; set; } =
        (sid, _) => Task.FromException<TwilioCall>(new TwilioApiException(404, 20404, $"The requested resource /Calls/{sid}.json was not found", null));

    public Task<TwilioCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default) => OnGetCall(callSid, cancellationToken);
}
