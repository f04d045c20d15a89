using System.Buffers.Binary;

namespace CollectIq.Simulator.Scripts;

/// <summary>Reads 16-bit PCM mono WAV, including espeak-ng's streamed output whose size fields are 0 or 0xFFFFFFFF.</summary>
internal static class WavPcm16
{
    public static (short[] Samples, int SampleRate) Read(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException("Not a RIFF/WAVE stream.");
        var position = 12;
        int sampleRate = 0, channels = 0, bits = 0;
        while (position + 8 <= wav.Length)
        {
            var id = wav.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + 2, 2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + 14, 2));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (bits != 16 || channels != 1) throw new InvalidDataException($"Expected 16-bit mono PCM, got {bits}-bit, {channels} channel(s).");
                // Streamed WAVs leave the data size unset: take everything that follows.
                var length = size == 0 || size > wav.Length - body ? wav.Length - body : (int)size;
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + 2 * i, 2));
                return (samples, sampleRate);
            }
            if (size > int.MaxValue - body) break;
            position = body + (int)size + (int)(size & 1);
        }
        throw new InvalidDataException("WAV stream has no data chunk.");
    }
}
