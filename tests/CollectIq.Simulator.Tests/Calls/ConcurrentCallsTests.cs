using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class ConcurrentCallsTests
{
    [Fact]
    public async Task TenCallsAtOnce_EachStreamCarriesOnlyItsOwnPayersVoice()
    {
        const int count = 10;
        await using var rig = await SimulatorRig.StartAsync();
        var clips = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var number = $"+1415555{i:D4}";
            clips[number] = SimulatorRig.Tone(200, 300 + 150 * i);
            rig.Twilio.Scripts.ForNumber(number, CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(50))
                .WaitForStream().Say(clips[number]).Pause(200).HangUp());
        }

        var calls = await Task.WhenAll(clips.Keys.Select(number => rig.PlaceCallAsync(("To", number))));
        await Task.WhenAll(calls.Select(c => c.Completion)).WithTimeout(60);

        Assert.All(calls, c => Assert.Equal("completed", c.Status));
        var streams = rig.Server.Streams.ToList();
        Assert.Equal(count, streams.Count);
        Assert.Equal(count, streams.Select(s => s.StreamSid).Distinct().Count());
        foreach (var stream in streams)
        {
            var callSid = stream.Events("start").Single().Body.GetProperty("callSid").GetString();
            var number = calls.Single(c => c.Sid == callSid).Request.To;
            var media = stream.Events("media");
            Assert.All(media, m => Assert.Equal(stream.StreamSid, m.Str("streamSid")));
            Assert.Equal(Enumerable.Range(1, media.Count).Select(i => i.ToString()), media.Select(m => m.Body.GetProperty("chunk").GetString()));
            var inbound = media.SelectMany(m => m.Body.GetProperty("payload").GetBytesFromBase64()).ToArray();
            foreach (var (other, clip) in clips)
                Assert.Equal(other == number, inbound.AsSpan().IndexOf(clip) >= 0);
        }
    }
}
