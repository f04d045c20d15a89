namespace CollectIq.Speech.SpeechToText.PocketSphinx;

/// <summary>
/// Locates the en-us acoustic model and dictionary, and writes the feature parameters we need next to the
/// models cache: the model's own feat.params says -cmn batch, which would wait for the whole utterance;
/// streaming needs live CMN, primed with an initial mean measured on telephone audio.
/// </summary>
public sealed class PocketSphinxModel
{
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us/en-us";
    public const string DefaultDictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    public PocketSphinxModel(string? modelDirectory = null, string? dictionary = null, string? workDirectory = null, string? mllrFile = null)
    {
        if (mllrFile != null && !File.Exists(mllrFile))
            throw new FileNotFoundException("MLLR transform not found; run scripts/adapt-acoustic-model.sh (scripts/bootstrap.sh does).", mllrFile);
        MllrFile = mllrFile;
        ModelDirectory = modelDirectory ?? DefaultModelDirectory;
        Dictionary = dictionary ?? DefaultDictionary;
        PhoneLanguageModel = Path.Combine(Path.GetDirectoryName(Dictionary)!, "en-us-phone.lm.bin");
        if (!Directory.Exists(ModelDirectory) || !File.Exists(Path.Combine(ModelDirectory, "mdef")))
            throw new DirectoryNotFoundException($"pocketsphinx acoustic model not found at {ModelDirectory}; install pocketsphinx-en-us (scripts/bootstrap.sh).");
        if (!File.Exists(Dictionary)) throw new FileNotFoundException("pocketsphinx dictionary not found.", Dictionary);
        var work = workDirectory ?? Path.Combine(Path.GetTempPath(), "collectiq-pocketsphinx");
        Directory.CreateDirectory(work);
        FeatParams = Path.Combine(work, "feat.params");
        var lines = File.ReadAllLines(Path.Combine(ModelDirectory, "feat.params"))
            .Where(l => !l.StartsWith("-cmn ", StringComparison.Ordinal) && !l.StartsWith("-cmninit", StringComparison.Ordinal))
            .Append("-cmn live")
            .Append("-cmninit " + TelephoneCmnInit);
        var text = string.Join('\n', lines) + "\n";
        if (!File.Exists(FeatParams) || File.ReadAllText(FeatParams) != text)
        {
            var temp = FeatParams + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temp, text);
            File.Move(temp, FeatParams, overwrite: true);
        }
    }

    /// <summary>
    /// Initial cepstral mean for 8 kHz µ-law speech upsampled to 16 kHz, read from pocketsphinx's live-CMN log
    /// after 40 development-voice utterances (flite kal, espeak en+m3) on the phone path. The model's wideband
    /// mean (41.00,-5.29,-0.12,5.09,…) is far off for the 4 kHz band: with it a fresh decoder got the first
    /// turn's intent right 9/24 times, with this one 22/24 (docs/SPEECH.md).
    /// </summary>
    public static string TelephoneCmnInit { get; set; } = "49.2,23.6,-49.9,44.7,-23.7,-14.1,14.4,-41.9,4.5,-12.7,-13.7,9.6,-19.8";

    public string ModelDirectory { get; }

    /// <summary>The telephone-channel MLLR transform applied to the model's means, or null for the stock model.</summary>
    public string? MllrFile { get; }

    /// <summary>What is loaded, for start-up logs: "en-us + telephone MLLR (path)" or "en-us (stock)".</summary>
    public string Description => MllrFile != null ? $"en-us + telephone MLLR ({MllrFile})" : "en-us (stock, no telephone adaptation)";

    /// <summary>
    /// Resolves <see cref="PocketSphinxOptions.Adaptation"/>: the MLLR file to load, or null for the stock model.
    /// </summary>
    public static string? ResolveMllr(PocketSphinxOptions options, string? modelsDirectory = null)
    {
        if (options.Adaptation == AcousticAdaptation.Off) return null;
        var path = options.MllrFile ?? Path.Combine(modelsDirectory ?? SpeechPaths.ModelsDirectory(), PocketSphinxOptions.DefaultMllrFile);
        if (File.Exists(path)) return path;
        if (options.Adaptation == AcousticAdaptation.Required)
            throw new FileNotFoundException("Telephone MLLR transform required but not found; run scripts/adapt-acoustic-model.sh.", path);
        return null;
    }
    public string Dictionary { get; }
    public string FeatParams { get; }

    /// <summary>
    /// Writes a dictionary with only <paramref name="words"/> (and their alternate pronunciations) and
    /// returns its path. The full 134k-word cmudict costs ~25 MB per decoder; the grammars need ~250 words.
    /// </summary>
    public string WriteDictionary(IEnumerable<string> words)
    {
        var wanted = new HashSet<string>(words, StringComparer.Ordinal);
        var lines = File.ReadLines(Dictionary).Where(l =>
        {
            var space = l.IndexOf(' ');
            if (space <= 0) return false;
            var word = l[..space];
            var paren = word.IndexOf('(');
            return wanted.Contains(paren > 0 ? word[..paren] : word);
        }).ToList();
        var missing = wanted.Where(w => !lines.Any(l => l.StartsWith(w + " ", StringComparison.Ordinal))).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Grammar words missing from {Dictionary}: {string.Join(", ", missing)}");
        var text = string.Join('\n', lines) + "\n";
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
        var path = Path.Combine(Path.GetDirectoryName(FeatParams)!, $"grammar-{hash}.dict");
        if (!File.Exists(path))
        {
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }
    public string PhoneLanguageModel { get; }
}
