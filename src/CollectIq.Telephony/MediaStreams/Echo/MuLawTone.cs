namespace CollectIq.Telephony.MediaStreams.Echo;

/// <summary>
/// Just enough G.711 µ-law for the echo test agent (a tone, a loudness check). Telephony does not
/// depend on CollectIq.Speech, whose MuLaw codec the real agent uses.
/// </summary>
internal static class MuLawTone
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    /// <summary>Linear PCM for every µ-law byte.</summary>
    public static readonly short[] Decode = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample;
        var sign = (pcm >> 8) & 0x80;
        if (sign != 0) pcm = -pcm;
        if (pcm > Clip) pcm = Clip;
        pcm += Bias;
        var exponent = 7;
        for (var mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        var mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>A sine tone as µ-law 8 kHz.</summary>
    public static byte[] Tone(int frequencyHz, int milliseconds, short amplitude = 8000)
    {
        var samples = milliseconds * 8;
        var tone = new byte[samples];
        for (var i = 0; i < samples; i++)
            tone[i] = Encode((short)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / 8000.0)));
        return tone;
    }

    /// <summary>Mean absolute amplitude of a µ-law frame (0 = digital silence, ~32000 = clipping).</summary>
    public static int MeanAbsoluteAmplitude(ReadOnlySpan<byte> mulaw)
    {
        if (mulaw.IsEmpty) return 0;
        long sum = 0;
        foreach (var b in mulaw) sum += Math.Abs((int)Decode[b]);
        return (int)(sum / mulaw.Length);
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var u = ~i & 0xFF;
            var sign = u & 0x80;
            var exponent = (u >> 4) & 0x07;
            var mantissa = u & 0x0F;
            var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)(sign != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
