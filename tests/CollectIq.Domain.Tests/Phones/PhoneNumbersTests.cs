using CollectIq.Domain.Phones;
using Numbers = CollectIq.Domain.Phones.PhoneNumbers;

namespace CollectIq.Domain.Tests.Phones;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("(212) 555-0143", "+12125550143")]
    [InlineData("+1 416 555 0162", "+14165550162")]
    [InlineData("+44 20 7946 0123", "+442079460123")]
    [InlineData("212.555.0143", "+12125550143")]
    public void TryNormalize_ValidNumbers_ReturnE164(string input, string e164)
    {
        Assert.True(Numbers.TryNormalize(input, out var normalized, out var error));
        Assert.Equal(e164, normalized);
        Assert.Null(error);
        Assert.True(Numbers.IsE164(normalized));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("not a number")]
    [InlineData("+1 000 000 0000")]
    public void TryNormalize_Invalid_ExplainsWithoutEchoingTheNumber(string input)
    {
        Assert.False(Numbers.TryNormalize(input, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (input.Count(char.IsDigit) > 4) Assert.DoesNotContain(input.Replace(" ", ""), error!.Replace(" ", ""));
    }

    [Theory]
    [InlineData("+12125550143", "+•••••••0143")]
    [InlineData("+442079460123", "+••••••••0123")]
    [InlineData("123", "•••")]
    [InlineData(null, "")]
    public void Mask_KeepsOnlyTheLastFourDigits(string? number, string masked) =>
        Assert.Equal(masked, Numbers.Mask(number));

    [Fact]
    public void TimeZonesFor_KnowsWhereNumbersAre()
    {
        Assert.Contains("Pacific/Honolulu", Numbers.TimeZonesFor("+18085550134"));
        Assert.Contains("Europe/London", Numbers.TimeZonesFor("+442079460123"));
        Assert.Empty(Numbers.TimeZonesFor("garbage"));
    }

    [Fact]
    public void PayerTimeZones_StoredZoneWins_ElseTheNumbers_ElseUtc()
    {
        var payer = new CollectIq.Domain.Payers.Payer { Name = "A", ContactName = "B", ContactPhone = "+18085550134", TimeZone = "Europe/London" };
        Assert.Equal("Europe/London", PayerTimeZones.Primary(payer).Id);
        payer.TimeZone = null;
        Assert.Equal("Pacific/Honolulu", PayerTimeZones.Primary(payer).Id);
        payer.ContactPhone = "+999";
        Assert.Equal(TimeZoneInfo.Utc.Id, PayerTimeZones.Primary(payer).Id);
    }
}
