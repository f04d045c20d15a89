namespace CollectIq.Speech.Recognition;

/// <summary>
/// What the dialog expects the payer to say next. Offline recognizers on the 8 kHz phone band need
/// this: each kind selects a small grammar or language model, and everything outside it must come
/// back as low confidence rather than be forced into the domain.
/// </summary>
public enum ExpectedAnswer
{
    /// <summary>Anything: general language model.</summary>
    Open = 0,
    /// <summary>yes / no / that's right / nope…</summary>
    YesNo,
    /// <summary>"yes this is she", "speaking", "wrong number", "he's not here"…</summary>
    Identity,
    /// <summary>"two hundred dollars", "one fifty"…</summary>
    Amount,
    /// <summary>"december fifteenth", "next friday", "end of the month"…</summary>
    Date,
    /// <summary>Answers to the ask: pay now, promise, already paid, dispute, callback, stop calling, payment link…</summary>
    Intent,
}
