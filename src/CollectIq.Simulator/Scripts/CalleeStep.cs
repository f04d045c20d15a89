namespace CollectIq.Simulator.Scripts;

/// <summary>One thing the simulated callee does once the call is answered; steps run in order.</summary>
public abstract record CalleeStep;

/// <summary>Speak a ready clip of raw µ-law 8 kHz mono; <paramref name="Label"/> shows in the call's events.</summary>
public sealed record SayClipStep(ReadOnlyMemory<byte> Mulaw, string? Label = null) : CalleeStep;

/// <summary>Speak text, rendered to µ-law by the simulator's <see cref="ICallerVoice"/>.</summary>
public sealed record SayTextStep(string Text) : CalleeStep;

/// <summary>Wait until the agent's playout has been quiet for <paramref name="Quiet"/> (the agent finished a sentence).</summary>
public sealed record WaitForAgentSilenceStep(TimeSpan Quiet) : CalleeStep;

/// <summary>Wait until the agent is heard (at most <paramref name="Timeout"/>; then go on anyway).</summary>
public sealed record WaitForAgentSpeechStep(TimeSpan Timeout) : CalleeStep;

/// <summary>Wait until a media stream carries the line (at most <paramref name="Timeout"/>): speech before that is heard by nobody.</summary>
public sealed record WaitForStreamStep(TimeSpan Timeout) : CalleeStep;

/// <summary>Do nothing for a while (the line keeps sending silence).</summary>
public sealed record PauseStep(TimeSpan Duration) : CalleeStep;

/// <summary>Press keypad digits (0-9, *, #), one after another.</summary>
public sealed record PressDigitsStep(string Digits) : CalleeStep;

/// <summary>Hang up: the call ends with status completed.</summary>
public sealed record HangUpStep : CalleeStep;
