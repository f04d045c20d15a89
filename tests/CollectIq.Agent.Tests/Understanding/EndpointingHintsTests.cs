using CollectIq.Agent.Understanding;

namespace CollectIq.Agent.Tests.Understanding;

public class EndpointingHintsTests
{
    [Theory]
    [InlineData("I can pay two hundred and", true)]
    [InlineData("I can pay on the", true)]
    [InlineData("december", true)]
    [InlineData("two", true)]
    [InlineData("I can pay uh", true)]
    [InlineData("I can pay two hundred dollars on friday", false)]
    [InlineData("yes", false)]
    [InlineData("the fifteenth", false)]
    [InlineData("", false)]
    public void IsMidNumberOrDate_Partial_Detected(string partial, bool expected) =>
        Assert.Equal(expected, EndpointingHints.IsMidNumberOrDate(partial));
}
