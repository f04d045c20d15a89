using CollectIq.Speech.Audio;
using CollectIq.Speech.Evaluation;

namespace CollectIq.Speech.Tests.Evaluation;

[Collection(EngineCollection.Name)]
public class SpeechCommandsTests(EngineFixture engines)
{
    [Fact]
    public async Task SayThenTranscribe_MuLawWav_RoundTripsTheAnswer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ciq-say-{Guid.NewGuid():N}.wav");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await SpeechCommands.SayAsync(["stop calling me", "--out", path], output, engines.Flite));
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(7, BitConverter.ToUInt16(bytes, 20)); // µ-law
            Assert.Equal(8000, WavFile.Read(bytes).SampleRate);

            output = new StringWriter();
            Assert.Equal(0, await SpeechCommands.TranscribeAsync([path, "--grammar", "intent"], output, engines.Stt));
            Assert.StartsWith("stop calling me", output.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Transcribe_MissingFile_ClearErrorAndExitCode1()
    {
        var output = new StringWriter();
        Assert.Equal(1, await SpeechCommands.TranscribeAsync(["/nonexistent.wav"], output, engines.Stt));
        Assert.Contains("cannot read", output.ToString());
    }

    [Fact]
    public void WordErrors_Levenshtein_CountsSubstitutionsInsertionsDeletions() =>
        Assert.Equal(2, SpeechEvaluation.WordErrors(["i", "can", "pay", "now"], ["i", "can't", "pay", "now", "please"]));

    [Fact]
    public void RecognizerOptions_EvaluationFlags_SetAdaptationThresholdAndEngineArguments()
    {
        var o = SpeechCommands.RecognizerOptions(["--dev", "--adapt", "off", "--fit", "-31.5", "--ps", "-beam=1e-60", "--ps", "-wbeam=1e-50", "--accept-all"]);
        Assert.Equal(CollectIq.Speech.SpeechToText.PocketSphinx.AcousticAdaptation.Off, o.Adaptation);
        Assert.Equal(-31.5, o.FitAtHalfConfidence);
        Assert.Equal("1e-60", o.GrammarArguments["-beam"]);
        Assert.Equal("1e-50", o.GrammarArguments["-wbeam"]);
        Assert.Equal(0, o.RejectBelowConfidence);
    }

    [Theory]
    [InlineData("--adapt", "sometimes")]
    [InlineData("--fit", "low")]
    [InlineData("--ps", "beam=1e-60")]
    [InlineData("--ps", "-beam")]
    public void RecognizerOptions_BadFlag_ClearError(string flag, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => SpeechCommands.RecognizerOptions([flag, value]));
        Assert.Contains(flag, e.Message);
    }
}
