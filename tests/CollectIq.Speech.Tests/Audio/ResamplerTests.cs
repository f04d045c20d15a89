using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Tests.Audio;

public class ResamplerTests
{
    public static TheoryData<ResamplerKind> Kinds => new() { ResamplerKind.Polyphase, ResamplerKind.Soxr };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Downsample16kTo8k_Passband_IsFlat(ResamplerKind kind)
    {
        foreach (var hz in new[] { 300.0, 1000, 2000, 3000, 3400 })
            Assert.InRange(Signals.ToneGainDb(hz, 16000, 8000, kind), -0.5, 0.5);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Downsample16kTo8k_AboveNyquist_DoesNotAlias(ResamplerKind kind)
    {
        // A tone above 4 kHz would fold back into the phone band; it must be removed instead.
        foreach (var hz in new[] { 4400.0, 5000, 6000, 7000, 7900 })
            Assert.True(Signals.ToneGainDb(hz, 16000, 8000, kind) < -70, $"{hz} Hz leaked");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Downsample22050To8k_AboveNyquist_DoesNotAlias(ResamplerKind kind)
    {
        foreach (var hz in new[] { 4500.0, 6000, 9000, 11000 })
            Assert.True(Signals.ToneGainDb(hz, 22050, 8000, kind) < -70, $"{hz} Hz leaked");
        Assert.InRange(Signals.ToneGainDb(1000, 22050, 8000, kind), -0.5, 0.5);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Upsample8kTo16k_ToneKeepsLevelAndAddsNoImage(ResamplerKind kind)
    {
        var input = Signals.Tone(1000, 8000, 0.5);
        var output = Resampling.Resample(input, 8000, 16000, kind);
        Assert.Equal(input.Length * 2, output.Length);
        Assert.InRange(Signals.ToneGainDb(1000, 8000, 16000, kind), -0.5, 0.5);
        // The image of 1 kHz would sit at 7 kHz: high-pass everything above 4.5 kHz and measure.
        var hp = Enumerable.Range(0, 4).Select(_ => Biquad.HighPass(5000, 16000)).ToArray();
        var residual = output.Skip(800).Take(output.Length - 1600).Select(s => { double v = s; foreach (var f in hp) v = f.Process(v); return (short)v; }).Skip(200).ToArray();
        Assert.True(AudioLevel.Rms(residual) < AudioLevel.Rms(input) * 1e-3);
    }

    [Fact]
    public void Process_InSmallChunks_MatchesOneShot()
    {
        var input = Signals.Tone(440, 8000, 0.3);
        using var whole = new PolyphaseResampler(8000, 16000);
        var expected = whole.Process(input).Concat(whole.Flush()).ToArray();
        using var chunked = new PolyphaseResampler(8000, 16000);
        var actual = new List<short>();
        for (var i = 0; i < input.Length; i += 160) actual.AddRange(chunked.Process(input.AsSpan(i, Math.Min(160, input.Length - i))));
        actual.AddRange(chunked.Flush());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Resample_OneShot_PreservesTimingOfAnImpulse()
    {
        var input = new short[1600];
        input[800] = 20000;
        var output = Resampling.Resample(input, 8000, 16000);
        var peak = Array.IndexOf(output, output.Max());
        Assert.InRange(peak, 1598, 1602);
    }
}
