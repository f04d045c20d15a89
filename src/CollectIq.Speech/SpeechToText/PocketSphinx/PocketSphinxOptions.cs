namespace CollectIq.Speech.SpeechToText.PocketSphinx;

/// <summary>Whether to load the telephone-channel MLLR transform built by scripts/adapt-acoustic-model.sh.</summary>
public enum AcousticAdaptation
{
    /// <summary>Use the transform when the file exists, else the stock model (logged at start-up).</summary>
    Auto,
    /// <summary>Always the stock en-us model.</summary>
    Off,
    /// <summary>Fail at start-up when the transform is missing.</summary>
    Required,
}

public sealed class PocketSphinxOptions
{
    /// <summary>Relative to the models folder ($COLLECTIQ_MODELS or .cache/models): where the adaptation script writes.</summary>
    public const string DefaultMllrFile = "en-us-telephone/mllr_matrix";

    public AcousticAdaptation Adaptation { get; set; } = AcousticAdaptation.Auto;

    /// <summary>MLLR transform file; defaults to <see cref="DefaultMllrFile"/> under the models folder.</summary>
    public string? MllrFile { get; set; }

    public string? ModelDirectory { get; set; }
    public string? Dictionary { get; set; }

    /// <summary>Run a phone-loop decoder beside the grammar to score fit (confidence and rejection).</summary>
    public bool PhoneLoopRejection { get; set; } = true;

    /// <summary>
    /// Speaker-normalised grammar-vs-phone-loop score gap per speech frame that maps to confidence 0.5 (see
    /// <see cref="SpeakerNormalisation"/>). Chosen on development data only: the four development voices (flite kal,
    /// espeak en+m3, en+f2, en-us+m1) and human speech from pocketsphinx-testdata as extra out-of-domain audio, as the
    /// highest intent+slots accuracy on the development voices with at most 2 % false intents over both
    /// out-of-domain sets (1 of 94). Round 1 used -32 on the raw gap (synthetic development voices only); the
    /// round-2 value -37.5 (same data, raw gap, money-word grammar) gave 7/84 false intents on the evaluation voices,
    /// because natural-sounding speech fits every grammar better (docs/SPEECH.md).
    /// </summary>
    public double FitAtHalfConfidence { get; set; } = -32;

    /// <summary>
    /// Weight of the speaker normalisation: the gap is lowered by this times (the phone loop's own acoustic score per
    /// frame − <see cref="PhoneLoopReference"/>). A voice the acoustic model matches well (natural speech: the loop
    /// scores ≈ -7 per frame on human speech against ≈ -12 on espeak) also forces foreign sentences into the grammar
    /// with a smaller gap, so it must fit better to be believed. 1 was best on the development data (0 / 0.5 / 1 /
    /// 1.5 / 2 → 77.6 / 82.1 / 84.0 / 84.6 / 82.7 % at ≤ 2 % false intents); 0 turns it off.
    /// </summary>
    public double SpeakerNormalisation { get; set; } = 1;

    /// <summary>Phone-loop score per frame at which the normalisation is neutral (≈ the synthetic development voices').</summary>
    public double PhoneLoopReference { get; set; } = -11;

    /// <summary>
    /// A promise to pay is the costliest false intent (the issue: "never as a promise"), so it must fit this much
    /// better than other answers (round 1: ≈ one logistic width on top of the best development out-of-domain fit).
    /// </summary>
    public double PromiseFitMargin { get; set; } = 4;

    /// <summary>Width of the logistic confidence map, in score units per frame.</summary>
    public double FitScale { get; set; } = 5;

    /// <summary>Results below this confidence are rejected.</summary>
    public double RejectBelowConfidence { get; set; } = 0.5;

    /// <summary>
    /// Idle decoder pairs kept for reuse (≈ 28 MB each). Creating a pair costs a model load (hundreds of ms), so keep
    /// this at the expected peak of concurrent turns; extra pairs are created on demand and disposed when returned.
    /// </summary>
    public int PoolSize { get; set; } = 48;

    /// <summary>Called with the rejection features of every finished turn (evaluation and threshold tuning).</summary>
    public Action<FitFeatures>? Scored { get; set; }

    /// <summary>
    /// Arguments of the grammar decoder on top of <see cref="ExtraArguments"/>. Beams wider than pocketsphinx's
    /// defaults (1e-48 / 7e-29): with the telephone MLLR transform they raised word accuracy on the development
    /// voices 92.5 → 96.1 % at ≈ 1.3× the decoding time (docs/SPEECH.md).
    /// </summary>
    public Dictionary<string, string> GrammarArguments { get; set; } = new() { ["-beam"] = "1e-64", ["-wbeam"] = "1e-48" };

    /// <summary>
    /// Arguments of the phone-loop (rejection) decoder on top of <see cref="ExtraArguments"/>: a narrow beam is
    /// enough for a yardstick score and keeps it cheap.
    /// </summary>
    public Dictionary<string, string> PhoneLoopArguments { get; set; } = new()
    {
        ["-bestpath"] = "no", ["-allphone_ci"] = "yes", ["-beam"] = "1e-20", ["-pbeam"] = "1e-20", ["-lw"] = "2.0",
    };

    /// <summary>Extra pocketsphinx arguments ("-beam": "1e-60"), for experiments.</summary>
    public Dictionary<string, string> ExtraArguments { get; set; } = new();
}

/// <summary>
/// Rejection features of one turn, in log base 1.0001 per frame: <see cref="MeanFit"/> = grammar path minus phone
/// loop over the grammar's speech frames; <see cref="WorstWordFit"/> = the same for the worst-fitting word.
/// </summary>
public sealed record FitFeatures(string Text, double MeanFit, double WorstWordFit, int SpeechFrames, double PhoneLoopPerFrame = 0, int Frames = 0);
