namespace CollectIq.Simulator.Scripts;

/// <summary>Named callee scripts for developers (SIMULATED_CALLEE=…) and the CLI.</summary>
public static class CalleePresets
{
    public const string Listens = "listens";

    public static IReadOnlyList<string> Names { get; } = [Listens, "talks", "busy", "no-answer", "failed", "machine", "hangs-up"];

    /// <summary>The script for a preset name; null when unknown.</summary>
    public static CalleeScript? Get(string name, TimeSpan hangUpAfter) => name.Trim().ToLowerInvariant() switch
    {
        Listens => CalleeScript.ListensThenHangsUp(hangUpAfter),
        // A payer who hears the greeting, answers, listens to the reply, promises to pay, and hangs up.
        "talks" => CalleeScript.Answers("talks")
            .WaitForAgentSpeech(5000).WaitForAgentSilence(700)
            .SayText("Yes, this is me.")
            .WaitForAgentSpeech(5000).WaitForAgentSilence(700)
            .SayText("I can pay the full amount on Friday.")
            .WaitForAgentSpeech(5000).WaitForAgentSilence(1000)
            .SayText("Thank you, goodbye.")
            .Pause(500).HangUp(),
        "busy" => CalleeScript.Busy(),
        "no-answer" => CalleeScript.NoAnswer(),
        "failed" => CalleeScript.Fails(),
        "machine" => CalleeScript.AnsweringMachine().Pause(hangUpAfter).HangUp(),
        "hangs-up" => CalleeScript.Answers("hangs up").Pause(1500).HangUp(),
        _ => null,
    };
}
