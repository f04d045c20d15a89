using System.Globalization;
using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class CallLifecycleTests
{
    [Fact]
    public async Task AnsweredCall_StatusCallbacks_InOrderSignedAndNumbered()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(200)).Pause(1200).HangUp());

        var call = await rig.PlaceCallAsync();
        await call.Completion.WithTimeout();

        var callbacks = rig.Server.StatusCallbacks;
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], callbacks.Select(c => c.Form["CallStatus"]));
        Assert.All(callbacks, c => Assert.True(c.SignatureValid, "status callback signature must validate"));
        Assert.Equal(["0", "1", "2", "3"], callbacks.Select(c => c.Form["SequenceNumber"]));
        Assert.All(callbacks, c =>
        {
            Assert.Equal(call.Sid, c.Form["CallSid"]);
            Assert.Equal(rig.Twilio.AccountSid, c.Form["AccountSid"]);
            Assert.Equal(SimulatorRig.Payer, c.Form["To"]);
            Assert.Equal(rig.Twilio.PhoneNumber, c.Form["From"]);
            Assert.Equal("outbound-api", c.Form["Direction"]);
            Assert.True(DateTimeOffset.TryParseExact(c.Form["Timestamp"], "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), c.Form["Timestamp"]);
            Assert.False(c.Form.ContainsKey("AnsweredBy"));
        });
        Assert.False(callbacks[2].Form.ContainsKey("CallDuration"));
        Assert.InRange(int.Parse(callbacks[3].Form["CallDuration"]), 1, 5);
        Assert.Equal(call.DurationSeconds, int.Parse(callbacks[3].Form["CallDuration"]));
        var voice = rig.Server.Requests.Single(r => r.Path == "/voice");
        Assert.True(voice.SignatureValid);
        Assert.Equal("in-progress", voice.Form["CallStatus"]);
        Assert.Equal(["queued", "initiated", "ringing", "in-progress", "completed"], call.Events.OfType<CallStatusChanged>().Select(s => s.Status));
    }

    [Fact]
    public async Task CallbackEvents_OnlyCompletedAsked_SendsOnlyFinalCallback()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(50)).Pause(200).HangUp());

        var call = await rig.PlaceCallAsync(("StatusCallbackEvent", null));
        await call.Completion.WithTimeout();

        Assert.Equal(["completed"], rig.Server.StatusCallbacks.Select(c => c.Form["CallStatus"]));
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("no-answer")]
    [InlineData("failed")]
    public async Task UnansweredCall_FinalStatusFromScript_NoVoiceFetchNoMedia(string expected)
    {
        var script = expected switch
        {
            "busy" => CalleeScript.Busy().AfterRinging(TimeSpan.FromMilliseconds(200)),
            "no-answer" => CalleeScript.NoAnswer(),
            _ => CalleeScript.Fails(),
        };
        await using var rig = await SimulatorRig.StartAsync(script);

        var call = await rig.PlaceCallAsync(("Timeout", "1"));
        await call.Completion.WithTimeout();

        Assert.Equal(expected, call.Status);
        Assert.Equal(expected, rig.Server.StatusCallbacks.Last().Form["CallStatus"]);
        Assert.Equal("0", rig.Server.StatusCallbacks.Last().Form["CallDuration"]);
        Assert.DoesNotContain(rig.Server.Requests, r => r.Path == "/voice");
        Assert.Empty(rig.Server.Streams);
        Assert.Null(call.AnsweredAt);
    }

    [Fact]
    public async Task RingTimeLongerThanTimeout_GivesNoAnswer()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromSeconds(30)));

        var call = await rig.PlaceCallAsync(("Timeout", "1"));
        await call.Completion.WithTimeout();

        Assert.Equal("no-answer", call.Status);
    }

    [Theory]
    [InlineData(false, "human")]
    [InlineData(true, "machine_end_beep")]
    public async Task MachineDetection_Asked_AnsweredBySentWithAnswerAndVoice(bool machine, string expected)
    {
        var script = (machine ? CalleeScript.AnsweringMachine() : CalleeScript.Answers()).AfterRinging(TimeSpan.FromMilliseconds(50)).WaitForStream().HangUp();
        await using var rig = await SimulatorRig.StartAsync(script);

        var call = await rig.PlaceCallAsync(("MachineDetection", "DetectMessageEnd"));
        await call.Completion.WithTimeout();

        var answered = rig.Server.StatusCallbacks.Single(c => c.Form["CallStatus"] == "in-progress");
        Assert.Equal(expected, answered.Form["AnsweredBy"]);
        Assert.Equal(expected, rig.Server.Requests.Single(r => r.Path == "/voice").Form["AnsweredBy"]);
        Assert.Equal(expected, call.AnsweredBy);
    }

    [Fact]
    public async Task AsyncMachineDetection_VerdictPostedSignedToAmdCallbackNotInline()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.AnsweringMachine().AfterRinging(TimeSpan.FromMilliseconds(50)).Pause(4000).HangUp());

        var call = await rig.PlaceCallAsync(("MachineDetection", "DetectMessageEnd"), ("AsyncAmd", "true"), ("AsyncAmdStatusCallback", rig.Server.Url("/amd").ToString()));
        await call.Completion.WithTimeout();

        var amd = rig.Server.Requests.Single(r => r.Path == "/amd");
        Assert.True(amd.SignatureValid);
        Assert.Equal("machine_end_beep", amd.Form["AnsweredBy"]);
        Assert.Equal(call.Sid, amd.Form["CallSid"]);
        Assert.False(rig.Server.Requests.Single(r => r.Path == "/voice").Form.ContainsKey("AnsweredBy"));
    }

    [Fact]
    public async Task CanceledWhileRinging_FinalStatusCanceled()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromSeconds(10)));
        var call = await rig.PlaceCallAsync();
        await WaitForStatusAsync(call, "ringing");

        using var response = await rig.Api.PostAsync($"/2010-04-01/Accounts/{rig.Twilio.AccountSid}/Calls/{call.Sid}.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Status"] = "canceled" }));
        await call.Completion.WithTimeout();

        Assert.Equal("canceled", call.Status);
        Assert.Empty(rig.Server.Streams);
    }

    [Fact]
    public async Task TwoCalls_AtOnce_EachGetsOwnStreamAndAudio()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Answers().AfterRinging(TimeSpan.FromMilliseconds(100)));
        rig.Server.OnStream = async s =>
        {
            var receive = s.ReceiveUntilClosedAsync();
            await s.WaitForEventAsync("start");
            // Each call's agent says something of a different length.
            var ms = s.Events("start").Single().Body.GetProperty("callSid").GetString()!.GetHashCode() % 2 == 0 ? 200 : 400;
            await s.SendMediaAsync(SimulatorRig.Tone(ms));
            await s.SendMarkAsync("end");
            await s.WaitForEventAsync("mark");
            await s.CloseAsync();
            await receive;
        };

        var first = await rig.PlaceCallAsync();
        var second = await rig.PlaceCallAsync();
        await Task.WhenAll(first.Completion, second.Completion).WithTimeout();

        var streams = rig.Server.Streams.ToList();
        Assert.Equal(2, streams.Count);
        Assert.NotEqual(streams[0].StreamSid, streams[1].StreamSid);
        foreach (var call in new[] { first, second })
        {
            var stream = streams.Single(s => s.Events("start").Single().Body.GetProperty("callSid").GetString() == call.Sid);
            Assert.All(call.AgentAudio.Received, r => Assert.Equal(stream.StreamSid, r.StreamSid));
            var expected = call.Sid.GetHashCode() % 2 == 0 ? 1600 : 3200;
            Assert.Equal(expected, call.AgentAudio.ReceivedBytes);
        }
    }

    internal static async Task WaitForStatusAsync(SimulatedCall call, string status)
    {
        await foreach (var e in call.WatchAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
            if (e is CallStatusChanged changed && changed.Status == status) return;
        throw new InvalidOperationException($"Call ended without reaching {status}.");
    }
}
