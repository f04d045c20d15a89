using CollectIq.Simulator.Calls;
using CollectIq.Simulator.Scripts;
using CollectIq.Simulator.Tests.Support;

namespace CollectIq.Simulator.Tests.Calls;

public sealed class SimulatedCallStoreTests
{
    [Fact]
    public async Task Add_ManyFinishedCalls_KeepsOnlyTheNewestFinished()
    {
        await using var rig = await SimulatorRig.StartAsync(CalleeScript.Fails());
        rig.Twilio.Calls.MaxFinishedCalls = 2;
        var placed = new List<SimulatedCall>();
        for (var i = 0; i < 4; i++)
        {
            var call = await rig.PlaceCallAsync();
            await call.Completion.WithTimeout();
            placed.Add(call);
        }

        var kept = rig.Twilio.Calls.All.Select(c => c.Sid).ToList();

        Assert.Equal(placed.Skip(2).Select(c => c.Sid), kept);
    }
}
