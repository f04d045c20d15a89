using System.ComponentModel.DataAnnotations;

namespace CollectIq.Agent.Dialog;

/// <summary>Thresholds of the deterministic dialog. Bound from "Agent:Dialog".</summary>
public sealed class DialogOptions
{
    public const string Section = "Agent:Dialog";

    /// <summary>Below this combined confidence an answer is re-asked, never acted on.</summary>
    [Range(0.0, 1.0)] public double AcceptConfidence { get; set; } = 0.6;

    /// <summary>At or above this an opt-out is honoured at once; between Accept and this it is confirmed first.</summary>
    [Range(0.0, 1.0)] public double ImmediateOptOutConfidence { get; set; } = 0.8;

    /// <summary>Failed recognitions in one state before the dialog switches to keypad entry.</summary>
    [Range(1, 5)] public int FailuresBeforeKeypad { get; set; } = 2;

    /// <summary>Failed attempts in one state (voice and keypad) before the call ends as incomplete.</summary>
    [Range(2, 10)] public int MaxFailuresPerState { get; set; } = 4;

    /// <summary>Silence reprompts before ending the call politely.</summary>
    [Range(0, 5)] public int MaxSilenceReprompts { get; set; } = 2;

    /// <summary>Latest promise date accepted, in days from today.</summary>
    [Range(1, 365)] public int MaxPromiseDays { get; set; } = 60;

    /// <summary>Local hours we may call (FDCPA: 8 a.m. to 9 p.m.); callbacks are scheduled inside them.</summary>
    [Range(0, 23)] public int CallWindowStartHour { get; set; } = 8;
    [Range(1, 24)] public int CallWindowEndHour { get; set; } = 21;

    /// <summary>Callback time when the payer names only a day.</summary>
    [Range(0, 23)] public int DefaultCallbackHour { get; set; } = 10;
}
