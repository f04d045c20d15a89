using System.Buffers.Binary;
using System.Text;

namespace CollectIq.Speech.Audio;

public enum WavEncoding { Pcm16, MuLaw }

/// <summary>
/// WAV read/write. Reads PCM 8/16/24/32-bit, IEEE float and G.711 µ-law/A-law at any rate and channel
/// count (mixed down to mono); writes mono PCM16 or µ-law. Malformed files throw <see cref="InvalidDataException"/>.
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatALaw = 6, FormatMuLaw = 7, FormatExtensible = 0xFFFE;

    public static PcmAudio Read(string path) => Read(File.ReadAllBytes(path));

    public static PcmAudio Read(byte[] data)
    {
        if (data.Length < 12 || Encoding.ASCII.GetString(data, 0, 4) != "RIFF" || Encoding.ASCII.GetString(data, 8, 4) != "WAVE")
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        ushort format = 0, channels = 0, bits = 0;
        var rate = 0;
        ReadOnlySpan<byte> payload = default;
        var foundData = false;
        for (var pos = 12; pos + 8 <= data.Length;)
        {
            var id = Encoding.ASCII.GetString(data, pos, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 4)), (uint)(data.Length - pos - 8));
            var body = data.AsSpan(pos + 8, size);
            if (id == "fmt ")
            {
                if (size < 16) throw new InvalidDataException("fmt chunk too short.");
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format == FormatExtensible && size >= 26) format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
            }
            else if (id == "data")
            {
                payload = body;
                foundData = true;
                break;
            }
            pos += 8 + size + (size & 1);
        }
        if (format == 0) throw new InvalidDataException("No fmt chunk.");
        if (!foundData) throw new InvalidDataException("No data chunk.");
        if (channels == 0 || rate <= 0) throw new InvalidDataException($"Invalid channel count {channels} or rate {rate}.");
        var bytesPerSample = format is FormatMuLaw or FormatALaw ? 1 : bits / 8;
        if (bytesPerSample == 0) throw new InvalidDataException($"Unsupported bit depth {bits}.");
        var frames = payload.Length / (bytesPerSample * channels);
        var mono = new short[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
                sum += Sample(payload.Slice((f * channels + c) * bytesPerSample, bytesPerSample), format, bits);
            mono[f] = (short)(sum / channels);
        }
        return new PcmAudio(mono, rate);
    }

    private static short Sample(ReadOnlySpan<byte> b, ushort format, ushort bits) => format switch
    {
        FormatMuLaw => MuLaw.Decode(b[0]),
        FormatALaw => ALawDecode(b[0]),
        FormatFloat when bits == 32 => (short)Math.Clamp(BinaryPrimitives.ReadSingleLittleEndian(b) * 32768f, short.MinValue, short.MaxValue),
        FormatFloat when bits == 64 => (short)Math.Clamp(BinaryPrimitives.ReadDoubleLittleEndian(b) * 32768, short.MinValue, short.MaxValue),
        FormatPcm when bits == 8 => (short)((b[0] - 128) << 8),
        FormatPcm when bits == 16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        FormatPcm when bits == 24 => (short)((b[2] << 8) | b[1]),
        FormatPcm when bits == 32 => (short)(BinaryPrimitives.ReadInt32LittleEndian(b) >> 16),
        _ => throw new InvalidDataException($"Unsupported WAV format {format} with {bits} bits."),
    };

    private static short ALawDecode(byte a)
    {
        a ^= 0x55;
        var t = (a & 0x0F) << 4;
        var seg = (a & 0x70) >> 4;
        t = seg switch { 0 => t + 8, 1 => t + 0x108, _ => (t + 0x108) << (seg - 1) };
        return (short)((a & 0x80) != 0 ? t : -t);
    }

    public static void Write(string path, PcmAudio audio, WavEncoding encoding = WavEncoding.Pcm16) =>
        File.WriteAllBytes(path, ToBytes(audio, encoding));

    /// <summary>Writes already-encoded 8 kHz (or any rate) µ-law bytes as a µ-law WAV.</summary>
    public static byte[] MuLawToBytes(ReadOnlySpan<byte> mulaw, int sampleRate) => Build(FormatMuLaw, 8, sampleRate, mulaw);

    public static byte[] ToBytes(PcmAudio audio, WavEncoding encoding = WavEncoding.Pcm16)
    {
        if (encoding == WavEncoding.MuLaw) return Build(FormatMuLaw, 8, audio.SampleRate, MuLaw.Encode(audio.Samples));
        var pcm = new byte[audio.Samples.Length * 2];
        for (var i = 0; i < audio.Samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), audio.Samples[i]);
        return Build(FormatPcm, 16, audio.SampleRate, pcm);
    }

    private static byte[] Build(ushort format, ushort bits, int rate, ReadOnlySpan<byte> payload)
    {
        var nonPcm = format != FormatPcm;
        var fmtSize = nonPcm ? 18 : 16;         // non-PCM formats carry cbSize and a fact chunk
        var factSize = nonPcm ? 12 : 0;
        var total = 12 + 8 + fmtSize + factSize + 8 + payload.Length + (payload.Length & 1);
        var b = new byte[total];
        var s = b.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(total - 8));
        Encoding.ASCII.GetBytes("WAVE", s[8..]);
        Encoding.ASCII.GetBytes("fmt ", s[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], format);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], rate * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)(bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], bits);
        var pos = 20 + fmtSize;
        if (nonPcm)
        {
            Encoding.ASCII.GetBytes("fact", s[pos..]);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(pos + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(pos + 8)..], (uint)payload.Length);
            pos += 12;
        }
        Encoding.ASCII.GetBytes("data", s[pos..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(pos + 4)..], (uint)payload.Length);
        payload.CopyTo(s[(pos + 8)..]);
        return b;
    }
}
