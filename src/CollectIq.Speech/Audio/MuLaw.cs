namespace CollectIq.Speech.Audio;

/// <summary>
/// G.711 µ-law, table driven: decoding is one lookup per byte; encoding one lookup on the top
/// 14 bits of the biased magnitude. Allocation-free span APIs for the per-frame path.
/// </summary>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();
    private static readonly byte[] EncodeTable = BuildEncodeTable();

    /// <summary>µ-law silence (decodes to 0).</summary>
    public const byte Silence = 0xFF;

    public static short Decode(byte mulaw) => DecodeTable[mulaw];

    public static byte Encode(short pcm)
    {
        int sample = pcm;
        var sign = (sample >> 8) & 0x80;
        if (sign != 0) sample = -sample;
        if (sample > Clip) sample = Clip;
        sample += Bias;
        return (byte)~(sign | EncodeTable[sample >> 2]);
    }

    public static void Decode(ReadOnlySpan<byte> mulaw, Span<short> pcm)
    {
        if (pcm.Length < mulaw.Length) throw new ArgumentException("Destination too small.", nameof(pcm));
        var table = DecodeTable;
        for (var i = 0; i < mulaw.Length; i++) pcm[i] = table[mulaw[i]];
    }

    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> mulaw)
    {
        if (mulaw.Length < pcm.Length) throw new ArgumentException("Destination too small.", nameof(mulaw));
        for (var i = 0; i < pcm.Length; i++) mulaw[i] = Encode(pcm[i]);
    }

    public static byte[] Encode(ReadOnlySpan<short> pcm)
    {
        var result = new byte[pcm.Length];
        Encode(pcm, result);
        return result;
    }

    public static short[] Decode(ReadOnlySpan<byte> mulaw)
    {
        var result = new short[mulaw.Length];
        Decode(mulaw, result);
        return result;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var u = ~i & 0xFF;
            var t = ((u & 0x0F) << 3) + Bias;
            t <<= (u & 0x70) >> 4;
            table[i] = (short)((u & 0x80) != 0 ? Bias - t : t - Bias);
        }
        return table;
    }

    // Segment (exponent) and mantissa for every biased magnitude >> 2 (0..8191).
    private static byte[] BuildEncodeTable()
    {
        var table = new byte[(Clip + Bias >> 2) + 1];
        for (var i = 0; i < table.Length; i++)
        {
            var sample = i << 2;
            var exponent = 7;
            for (var mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
            var mantissa = (sample >> (exponent + 3)) & 0x0F;
            table[i] = (byte)((exponent << 4) | mantissa);
        }
        return table;
    }
}
