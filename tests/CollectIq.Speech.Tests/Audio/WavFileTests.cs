using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Tests.Audio;

public class WavFileTests
{
    [Fact]
    public void WriteRead_Pcm16_RoundTripsExactly()
    {
        var audio = new PcmAudio(Signals.Tone(500, 16000, 0.1), 16000);
        var back = WavFile.Read(WavFile.ToBytes(audio));
        Assert.Equal(16000, back.SampleRate);
        Assert.Equal(audio.Samples, back.Samples);
    }

    [Fact]
    public void WriteRead_MuLaw_RoundTripsThroughCodec()
    {
        var audio = new PcmAudio(Signals.Tone(500, 8000, 0.1), 8000);
        var bytes = WavFile.ToBytes(audio, WavEncoding.MuLaw);
        Assert.Equal(7, BitConverter.ToUInt16(bytes, 20)); // WAVE_FORMAT_MULAW
        var back = WavFile.Read(bytes);
        Assert.Equal(MuLaw.Decode(MuLaw.Encode(audio.Samples)), back.Samples);
    }

    [Fact]
    public void Read_FileWrittenBySox_DecodesStereo8BitToMono()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ciq-{Guid.NewGuid():N}.wav");
        try
        {
            var sox = System.Diagnostics.Process.Start("sox", $"-n -r 11025 -c 2 -b 8 {path} synth 0.2 sine 440 vol 0.5")!;
            sox.WaitForExit();
            Assert.Equal(0, sox.ExitCode);
            var audio = WavFile.Read(path);
            Assert.Equal(11025, audio.SampleRate);
            Assert.InRange(audio.Samples.Length, 2200, 2210);
            Assert.InRange(AudioLevel.Dbfs(audio.Samples), -12, -6); // 0.5 amplitude sine ≈ -9 dBFS
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_Garbage_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => WavFile.Read("not a wave file at all"u8.ToArray()));

    [Fact]
    public void Dbfs_FullScaleSineAndSilence_AreCorrect()
    {
        Assert.InRange(AudioLevel.Dbfs(Signals.Tone(1000, 8000, 0.1, 1.0)), -3.1, -2.9);
        Assert.Equal(AudioLevel.Floor, AudioLevel.Dbfs(new short[160]));
    }

    [Fact]
    public void Read_StreamedHeaderWithoutSizes_ReadsAllSamples()
    {
        // What espeak-ng/flite write to a pipe: RIFF and data sizes unknown (0xFFFFFFFF).
        var wav = new byte[44 + 8];
        "RIFF"u8.CopyTo(wav);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 22050);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0xFFFFFFFF);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44), 1234);

        var audio = CollectIq.Speech.Audio.WavFile.Read(wav);

        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(4, audio.Samples.Length);
        Assert.Equal(1234, audio.Samples[0]);
    }
}
