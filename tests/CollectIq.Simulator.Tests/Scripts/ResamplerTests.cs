using System.Buffers.Binary;
using CollectIq.Simulator.Scripts;

namespace CollectIq.Simulator.Tests.Scripts;

public sealed class ResamplerTests
{
    [Fact]
    public void ToTelephoneRate_1kHzTone_KeepsPitchAndLength()
    {
        var input = Sine(22050, 1000, seconds: 1);

        var output = Resampler.ToTelephoneRate(input, 22050);

        Assert.InRange(output.Length, 7990, 8000);
        var crossings = 0;
        for (var i = 1; i < output.Length; i++) if (output[i - 1] < 0 != output[i] < 0) crossings++;
        Assert.InRange(crossings, 1950, 2050); // 1 kHz = 2,000 zero crossings per second
    }

    [Fact]
    public void ToTelephoneRate_ToneAboveTelephoneBand_IsAttenuated()
    {
        var output = Resampler.ToTelephoneRate(Sine(22050, 6000, seconds: 1), 22050);

        var rms = Math.Sqrt(output.Skip(100).Take(7000).Average(s => (double)s * s));
        Assert.True(rms < 1000, $"a 6 kHz tone must not alias into the band, rms {rms:F0} of ~5,700");
    }

    [Fact]
    public void WavPcm16_StreamedHeaderWithoutSizes_ReadsAllSamples()
    {
        var wav = new byte[44 + 8];
        "RIFF"u8.CopyTo(wav);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 22050);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0xFFFFFFFF);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44), 1234);

        var (samples, rate) = WavPcm16.Read(wav);

        Assert.Equal(22050, rate);
        Assert.Equal(4, samples.Length);
        Assert.Equal(1234, samples[0]);
    }

    private static short[] Sine(int rate, double hz, double seconds) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();
}
