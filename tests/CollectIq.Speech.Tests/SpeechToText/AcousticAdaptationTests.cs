using System.Diagnostics;
using System.Globalization;
using CollectIq.Speech.Audio;
using CollectIq.Speech.SpeechToText.PocketSphinx;

namespace CollectIq.Speech.Tests.SpeechToText;

/// <summary>
/// Runs scripts/adapt-acoustic-model.sh once into a temporary folder (sphinxtrain on band-limited human speech from
/// pocketsphinx-testdata, installed by scripts/bootstrap.sh) so the tests check what the script really builds.
/// </summary>
public sealed class AdaptedModelFixture : IDisposable
{
    public const string TestData = "/usr/share/pocketsphinx/test/data";

    public AdaptedModelFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"ciq-adapt-{Guid.NewGuid():N}");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "scripts", "adapt-acoustic-model.sh"))) root = root.Parent;
        if (root == null) throw new InvalidOperationException("scripts/adapt-acoustic-model.sh not found above the test binaries.");
        var start = new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "adapt-acoustic-model.sh"), Directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(entireProcessTree: true); throw new TimeoutException("adapt-acoustic-model.sh took over 5 minutes."); }
        Output = stdout.Result + stderr.Result;
        ExitCode = process.ExitCode;
    }

    public string Directory { get; }
    public string MllrFile => Path.Combine(Directory, "mllr_matrix");
    public string Output { get; }
    public int ExitCode { get; }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

public class AcousticAdaptationTests(AdaptedModelFixture adapted) : IClassFixture<AdaptedModelFixture>
{
    private const string HeldOutText = "eight of spades four of clubs seven of hearts"; // cards/005, not in the adaptation data

    [Fact]
    public void AdaptationScript_HumanTestData_WritesOneGlobalTransformPerStream()
    {
        Assert.True(adapted.ExitCode == 0, adapted.Output);
        var numbers = File.ReadAllText(adapted.MllrFile).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        // pocketsphinx MLLR format: classes, streams, then per stream: length n, A (n×n), b (n), variance scale (n).
        Assert.Equal(1, numbers[0]);
        Assert.Equal(3, numbers[1]);
        Assert.Equal(2 + 3 * (1 + 13 * 13 + 13 + 13), numbers.Length);
        // The transform moves the means (not identity) but stays near it (a channel correction, not a new model).
        var a = numbers.Skip(3).Take(13 * 13).ToArray();
        var diagonal = Enumerable.Range(0, 13).Select(i => a[i * 13 + i]).ToArray();
        Assert.All(diagonal, d => Assert.InRange(d, 0.5, 1.5));
        Assert.Contains(a, v => Math.Abs(v) > 0.01 && Math.Abs(v - 1) > 0.01);
        var data = File.ReadAllText(Path.Combine(adapted.Directory, "adaptation-data.txt"));
        Assert.DoesNotContain(HeldOutText, data);
        Assert.Contains("mister john dashwood", data);
    }

    [Fact]
    public void AdaptedDecoder_HeldOutHumanUtteranceOnPhoneLine_RecognizedAndFitsBetterThanStock()
    {
        Assert.True(adapted.ExitCode == 0, adapted.Output);
        var wideband = WavFile.Read(Path.Combine(AdaptedModelFixture.TestData, "cards", "005.wav"));
        var phone = PhoneLine.Simulate(wideband, noiseDbfs: -55);
        var pcm16k = Resampling.Resample(phone.Samples, PhoneLine.SampleRate, 16000);
        var grammar = File.ReadAllText(Path.Combine(AdaptedModelFixture.TestData, "cards", "cards.gram"));

        DecodedUtterance Decode(string? mllr)
        {
            var model = new PocketSphinxModel(mllrFile: mllr);
            var dictionary = model.WriteDictionary(["ace", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "jack", "queen", "king", "lady", "of", "clubs", "hearts", "diamonds", "spades"]);
            using var decoder = new PocketSphinxDecoder(model, new Dictionary<string, string>(), null, new Dictionary<string, string> { ["-dict"] = dictionary });
            decoder.Start("cards", grammar);
            for (var i = 0; i < pcm16k.Length; i += 320) decoder.Process(pcm16k.AsSpan(i, Math.Min(320, pcm16k.Length - i)));
            return decoder.End();
        }

        var stock = Decode(null);
        var tuned = Decode(adapted.MllrFile);
        Assert.Equal(HeldOutText, PocketSphinxSpeechToText.Clean(tuned.Text));
        // Same audio, same grammar: the adapted means explain the phone-band speech better (higher log likelihood).
        Assert.True(tuned.AcousticScore > stock.AcousticScore, $"adapted {tuned.AcousticScore} vs stock {stock.AcousticScore}");
    }

    [Fact]
    public void Recognizer_WithTransform_SaysWhichModelIsActive()
    {
        Assert.True(adapted.ExitCode == 0, adapted.Output);
        using var withTransform = new PocketSphinxSpeechToText(new PocketSphinxOptions { MllrFile = adapted.MllrFile, Adaptation = AcousticAdaptation.Required, PoolSize = 1 });
        Assert.Contains("telephone MLLR", withTransform.AcousticModel);
        using var stock = new PocketSphinxSpeechToText(new PocketSphinxOptions { MllrFile = adapted.MllrFile, Adaptation = AcousticAdaptation.Off, PoolSize = 1 });
        Assert.Contains("stock", stock.AcousticModel);
    }

    [Fact]
    public void ResolveMllr_MissingFile_AutoFallsBackRequiredThrows()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ciq-none-{Guid.NewGuid():N}", "mllr_matrix");
        Assert.Null(PocketSphinxModel.ResolveMllr(new PocketSphinxOptions { MllrFile = missing, Adaptation = AcousticAdaptation.Auto }));
        var e = Assert.Throws<FileNotFoundException>(() => PocketSphinxModel.ResolveMllr(new PocketSphinxOptions { MllrFile = missing, Adaptation = AcousticAdaptation.Required }));
        Assert.Contains("adapt-acoustic-model.sh", e.Message);
    }

    [Fact]
    public void Validate_AdaptationRequiredWithoutTransform_FailsAtStartup()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"ciq-models-{Guid.NewGuid():N}");
        var result = new SpeechOptionsValidator().Validate(null, new SpeechOptions { ModelsDirectory = empty, AcousticAdaptation = AcousticAdaptation.Required });
        Assert.True(result.Failed);
        Assert.Contains("AcousticAdaptation", result.FailureMessage);
        Assert.True(new SpeechOptionsValidator().Validate(null, new SpeechOptions { ModelsDirectory = empty }).Succeeded);
    }
}
