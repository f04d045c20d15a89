namespace CollectIq.Simulator.Scripts;

/// <summary>How the simulated callee's phone reacts to our call.</summary>
public enum CalleeDisposition
{
    /// <summary>A person picks up (AnsweredBy=human when detection was asked).</summary>
    AnswersAsHuman,
    /// <summary>Voicemail picks up (AnsweredBy=machine_end_beep when detection was asked).</summary>
    AnswersAsMachine,
    /// <summary>The line is busy: final status busy, no media.</summary>
    Busy,
    /// <summary>Nobody picks up before the call's Timeout: final status no-answer, no media.</summary>
    NoAnswer,
    /// <summary>The call cannot be connected (bad number, carrier error): final status failed.</summary>
    Failed,
}
