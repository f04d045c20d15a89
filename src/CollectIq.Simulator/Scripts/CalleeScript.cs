using System.Collections.Immutable;

namespace CollectIq.Simulator.Scripts;

/// <summary>
/// What a simulated payer does with our call: how the phone reacts, how long it rings, and once
/// answered, a list of steps (speak, listen, press keys, hang up). Immutable; build it fluently:
/// <code>CalleeScript.Answers().AfterRinging(TimeSpan.FromSeconds(1)).WaitForAgentSpeech().WaitForAgentSilence(800).SayText("Yes, speaking").HangUp()</code>
/// </summary>
public sealed record CalleeScript
{
    public static readonly TimeSpan DefaultRingTime = TimeSpan.FromSeconds(1);

    public CalleeDisposition Disposition { get; init; } = CalleeDisposition.AnswersAsHuman;

    /// <summary>How long the phone rings before the disposition takes effect (answer, busy signal…).</summary>
    public TimeSpan RingTime { get; init; } = DefaultRingTime;

    public ImmutableList<CalleeStep> Steps { get; init; } = [];

    /// <summary>A short name for logs and events.</summary>
    public string Name { get; init; } = "script";

    public static CalleeScript Answers(string name = "answers") => new() { Name = name };
    public static CalleeScript AnsweringMachine(string name = "answering machine") => new() { Disposition = CalleeDisposition.AnswersAsMachine, Name = name };
    public static CalleeScript Busy(string name = "busy") => new() { Disposition = CalleeDisposition.Busy, Name = name };
    public static CalleeScript NoAnswer(string name = "no answer") => new() { Disposition = CalleeDisposition.NoAnswer, Name = name };
    public static CalleeScript Fails(string name = "failed") => new() { Disposition = CalleeDisposition.Failed, Name = name };

    /// <summary>The default callee: answers, listens without pressing anything, hangs up after <paramref name="hangUpAfter"/>.</summary>
    public static CalleeScript ListensThenHangsUp(TimeSpan hangUpAfter) =>
        Answers("listens").Pause(hangUpAfter).HangUp();

    public CalleeScript Named(string name) => this with { Name = name };
    public CalleeScript AfterRinging(TimeSpan ringTime) =>
        ringTime < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(ringTime)) : this with { RingTime = ringTime };

    public CalleeScript Say(ReadOnlyMemory<byte> mulaw, string? label = null) => Then(new SayClipStep(mulaw, label));
    public CalleeScript SayText(string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("Text is required.", nameof(text)) : Then(new SayTextStep(text));
    public CalleeScript WaitForAgentSilence(int quietMs) => Then(new WaitForAgentSilenceStep(TimeSpan.FromMilliseconds(quietMs)));
    public CalleeScript WaitForAgentSpeech(int timeoutMs = 10_000) => Then(new WaitForAgentSpeechStep(TimeSpan.FromMilliseconds(timeoutMs)));
    public CalleeScript WaitForStream(int timeoutMs = 10_000) => Then(new WaitForStreamStep(TimeSpan.FromMilliseconds(timeoutMs)));
    public CalleeScript Pause(int ms) => Pause(TimeSpan.FromMilliseconds(ms));
    public CalleeScript Pause(TimeSpan duration) => Then(new PauseStep(duration));
    public CalleeScript PressDigits(string digits)
    {
        if (string.IsNullOrEmpty(digits) || digits.Any(c => !IsDtmf(c)))
            throw new ArgumentException($"Digits must be 0-9, * or #, got '{digits}'.", nameof(digits));
        return Then(new PressDigitsStep(digits));
    }
    public CalleeScript HangUp() => Then(new HangUpStep());

    public CalleeScript Then(CalleeStep step) => this with { Steps = Steps.Add(step) };

    /// <summary>True when the call gets answered (by a person or a machine).</summary>
    public bool PicksUp => Disposition is CalleeDisposition.AnswersAsHuman or CalleeDisposition.AnswersAsMachine;

    internal static bool IsDtmf(char c) => c is (>= '0' and <= '9') or '*' or '#';
}
