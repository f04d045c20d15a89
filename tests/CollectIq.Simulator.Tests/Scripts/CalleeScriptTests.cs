using CollectIq.Simulator.Scripts;

namespace CollectIq.Simulator.Tests.Scripts;

public sealed class CalleeScriptTests
{
    [Fact]
    public void Builder_Steps_AppendInOrderWithoutChangingOriginal()
    {
        var basic = CalleeScript.Answers().AfterRinging(TimeSpan.FromSeconds(2));
        var script = basic.SayText("Hello").WaitForAgentSilence(500).PressDigits("1#").HangUp();

        Assert.Empty(basic.Steps);
        Assert.Equal(TimeSpan.FromSeconds(2), script.RingTime);
        Assert.Equal(
            [new SayTextStep("Hello"), new WaitForAgentSilenceStep(TimeSpan.FromMilliseconds(500)), new PressDigitsStep("1#"), new HangUpStep()],
            script.Steps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("1 2")]
    public void PressDigits_NotKeypadKeys_Throws(string digits) =>
        Assert.Throws<ArgumentException>(() => CalleeScript.Answers().PressDigits(digits));

    [Fact]
    public void Dispositions_Factories_PickUpOnlyWhenAnswered()
    {
        Assert.True(CalleeScript.Answers().PicksUp);
        Assert.True(CalleeScript.AnsweringMachine().PicksUp);
        Assert.False(CalleeScript.Busy().PicksUp);
        Assert.False(CalleeScript.NoAnswer().PicksUp);
        Assert.False(CalleeScript.Fails().PicksUp);
    }

    [Fact]
    public void Presets_EveryName_HasAScript()
    {
        Assert.All(CalleePresets.Names, name => Assert.NotNull(CalleePresets.Get(name, TimeSpan.FromSeconds(5))));
        Assert.Null(CalleePresets.Get("sings", TimeSpan.FromSeconds(5)));
    }
}
