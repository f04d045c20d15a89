namespace CollectIq.Simulator.TwiML;

/// <summary>One TwiML verb the stand-in knows how to perform.</summary>
public abstract record TwimlVerb;

public sealed record SayVerb(string Text, int Loop = 1, string? Voice = null) : TwimlVerb;

/// <summary>The stand-in does not fetch the audio; it records the URL and spends <see cref="PlayVerb.AssumedDuration"/> per loop.</summary>
public sealed record PlayVerb(string Url, int Loop = 1) : TwimlVerb
{
    public static readonly TimeSpan AssumedDuration = TimeSpan.FromSeconds(1);
}

public sealed record PauseVerb(TimeSpan Length) : TwimlVerb;

/// <summary><c>&lt;Gather input="dtmf"&gt;</c>; nested Say/Play/Pause are performed while digits are collected.</summary>
public sealed record GatherVerb(
    string? Action,
    string Method,
    int? NumDigits,
    TimeSpan Timeout,
    char? FinishOnKey,
    string Input,
    IReadOnlyList<TwimlVerb> Prompts) : TwimlVerb;

public sealed record RedirectVerb(string Url, string Method) : TwimlVerb;

public sealed record HangupVerb : TwimlVerb;

/// <summary><c>&lt;Reject reason="busy|rejected"&gt;</c>: the call ends without being answered.</summary>
public sealed record RejectVerb(string Reason) : TwimlVerb;

/// <summary><c>&lt;Connect action?&gt;&lt;Stream url&gt;&lt;Parameter name value/&gt;…&lt;/Stream&gt;&lt;/Connect&gt;</c>.</summary>
public sealed record ConnectStreamVerb(
    string StreamUrl,
    IReadOnlyDictionary<string, string> Parameters,
    string? Action,
    string Method,
    string? StatusCallback) : TwimlVerb;

/// <summary>A verb the stand-in does not implement; skipped and reported as a call event.</summary>
public sealed record UnsupportedVerb(string Name) : TwimlVerb;
