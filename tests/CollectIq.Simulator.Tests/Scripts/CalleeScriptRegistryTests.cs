using CollectIq.Simulator.Scripts;

namespace CollectIq.Simulator.Tests.Scripts;

public sealed class CalleeScriptRegistryTests
{
    private static readonly CalleeScript Busy = CalleeScript.Busy();
    private static readonly CalleeScript Machine = CalleeScript.AnsweringMachine();

    [Fact]
    public void ScriptFor_NumberRegistered_WinsOverPayerAndDefault()
    {
        var registry = new CalleeScriptRegistry().ForNumber("+14155550100", Busy).ForPayer("42", Machine);

        var script = registry.ScriptFor(new CalleeLookup("+14155550100", "+15005550006", new Uri("http://h/voice?payerId=42")));

        Assert.Same(Busy, script);
    }

    [Fact]
    public void ScriptFor_PayerIdInVoiceUrl_UsesPayerScript()
    {
        var registry = new CalleeScriptRegistry().ForPayer("42", Machine);

        Assert.Same(Machine, registry.ScriptFor(new CalleeLookup("+14155550199", "+15005550006", new Uri("http://h/voice?callId=3&payerId=42"))));
        Assert.Same(registry.Default, registry.ScriptFor(new CalleeLookup("+14155550199", "+15005550006", new Uri("http://h/voice?payerId=43"))));
    }

    [Fact]
    public void Default_Unset_AnswersListensAndHangsUp()
    {
        var script = new CalleeScriptRegistry().Default;

        Assert.Equal(CalleeDisposition.AnswersAsHuman, script.Disposition);
        Assert.IsType<PauseStep>(script.Steps[0]);
        Assert.IsType<HangUpStep>(script.Steps[^1]);
        Assert.DoesNotContain(script.Steps, s => s is PressDigitsStep);
    }

    [Fact]
    public void Remove_Registered_FallsBackToDefault()
    {
        var registry = new CalleeScriptRegistry().ForNumber("+14155550100", Busy);

        Assert.True(registry.Remove("+14155550100"));

        Assert.Same(registry.Default, registry.ScriptFor(new CalleeLookup("+14155550100", "+1", null)));
    }
}
