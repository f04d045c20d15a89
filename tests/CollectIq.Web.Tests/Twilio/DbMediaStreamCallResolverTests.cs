using CollectIq.Telephony.MediaStreams;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollectIq.Web.Tests.Twilio;

public sealed class DbMediaStreamCallResolverTests
{
    private static Dictionary<string, string> Params(object payerId, object callId) => new() { ["payerId"] = payerId.ToString()!, ["callId"] = callId.ToString()! };

    [Fact]
    public async Task Resolve_MatchingPayerCallAndSid_Accepts()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Stream Co", 90);
        var callId = await app.PlaceCallAsync(payerId);
        var resolver = app.Services.GetRequiredService<IMediaStreamCallResolver>();

        var result = await resolver.ResolveAsync(await VoiceWebhookTests.Sid(app, callId), "MZ1", Params(payerId, callId), default);

        Assert.True(result.Accepted);
        Assert.Equal((callId, payerId), (result.CallId, result.PayerId));
    }

    [Fact]
    public async Task Resolve_CallWithoutSid_TakesTheStreamsSid()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Early Stream Co", 90);
        var callId = await app.PlaceCallAsync(payerId);
        await using (var db = await app.Contexts.CreateDbContextAsync())
            await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TwilioCallSid, (string?)null));
        var resolver = app.Services.GetRequiredService<IMediaStreamCallResolver>();

        var result = await resolver.ResolveAsync("CAfromstream", "MZ1", Params(payerId, callId), default);

        Assert.True(result.Accepted);
        Assert.Equal("CAfromstream", await VoiceWebhookTests.Sid(app, callId));
    }

    [Fact]
    public async Task Resolve_WrongPayerUnknownCallMismatchedSidOrMissingParameters_RejectsWithReason()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Stream Co", 90);
        var other = await app.AddPayerAsync("Other Co", 90, phone: "+13125550188");
        var callId = await app.PlaceCallAsync(payerId);
        var sid = await VoiceWebhookTests.Sid(app, callId);
        var resolver = app.Services.GetRequiredService<IMediaStreamCallResolver>();

        var wrongPayer = await resolver.ResolveAsync(sid, "MZ1", Params(other, callId), default);
        var unknownCall = await resolver.ResolveAsync(sid, "MZ1", Params(payerId, 9999), default);
        var wrongSid = await resolver.ResolveAsync("CAintruder", "MZ1", Params(payerId, callId), default);
        var missing = await resolver.ResolveAsync(sid, "MZ1", new Dictionary<string, string> { ["payerId"] = payerId.ToString() }, default);

        Assert.Contains("does not belong to payer", wrongPayer.RejectReason);
        Assert.Contains("Unknown call 9999", unknownCall.RejectReason);
        Assert.Contains("CallSid mismatch", wrongSid.RejectReason);
        Assert.Contains("callId", missing.RejectReason);
        Assert.All(new[] { wrongPayer, unknownCall, wrongSid, missing }, r => Assert.False(r.Accepted));
    }
}
