using CollectIq.Speech.TextToSpeech;

namespace CollectIq.Agent.Tests.Conversation;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("Hello there. Am I speaking with Jo?", new[] { "Hello there.", "Am I speaking with Jo?" })]
    [InlineData("We'll call you back on Friday at three p.m. Goodbye.", new[] { "We'll call you back on Friday at three p.m.", "Goodbye." })]
    [InlineData("So that's ten dollars on Friday — is that right?", new[] { "So that's ten dollars on Friday — is that right?" })]
    public void Split_Text_SentencesInOrder(string text, string[] expected) => Assert.Equal(expected, SentenceSplitter.Split(text));
}
