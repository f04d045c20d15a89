using CollectIq.Speech.Audio;

namespace CollectIq.Speech.Tests.Audio;

public class MuLawTests
{
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    [InlineData(0xEF, 132)]    // segment 1 starts at 132 (ITU-T G.711 table 2a)
    [InlineData(0xDF, 396)]
    public void Decode_KnownCodes_MatchG711(int code, int expected) =>
        Assert.Equal(expected, MuLaw.Decode((byte)code));

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(-1, 0x7F)]
    public void Encode_KnownSamples_MatchG711(int sample, int expected) =>
        Assert.Equal((byte)expected, MuLaw.Encode((short)sample));

    [Fact]
    public void EncodeDecode_EveryCode_RoundTrips()
    {
        for (var code = 0; code < 256; code++)
        {
            if (code == 0x7F) continue; // negative zero encodes as positive zero
            Assert.Equal((byte)code, MuLaw.Encode(MuLaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void DecodeEncode_AllSamples_ErrorWithinHalfStep()
    {
        for (var x = short.MinValue; x < short.MaxValue; x += 7)
        {
            var y = MuLaw.Decode(MuLaw.Encode(x));
            // Step size doubles per segment: about 1/16 of the magnitude, at least 8 near zero.
            Assert.InRange(Math.Abs(y - x), 0, Math.Max(8, Math.Abs((int)x) / 16 + 8));
        }
    }

    [Fact]
    public void Decode_SignBit_IsSymmetric()
    {
        for (var code = 0; code < 128; code++)
            Assert.Equal(-MuLaw.Decode((byte)(code | 0x80)), MuLaw.Decode((byte)code));
    }

    [Fact]
    public void Encode_SpanShorterDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => MuLaw.Encode(new short[4], new byte[3]));
}
