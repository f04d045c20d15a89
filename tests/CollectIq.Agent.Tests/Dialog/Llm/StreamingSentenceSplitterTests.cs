using CollectIq.Agent.Dialog.Llm;

namespace CollectIq.Agent.Tests.Dialog.Llm;

public class StreamingSentenceSplitterTests
{
    [Fact]
    public void Add_SentenceCompleteOnlyOnceTheNextOneStarts()
    {
        var splitter = new StreamingSentenceSplitter();
        Assert.Empty(splitter.Add("Sure, that's $1"));
        Assert.Empty(splitter.Add(".50 a day. "));
        Assert.Equal(["Sure, that's $1.50 a day."], splitter.Add("When can"));
        Assert.Empty(splitter.Add(" you pay?"));
        Assert.Equal(["When can you pay?"], splitter.Flush());
        Assert.Empty(splitter.Flush());
    }

    [Fact]
    public void Add_SeveralSentencesInOneChunk_AllButTheOpenOne()
    {
        var splitter = new StreamingSentenceSplitter();
        Assert.Equal(["One.", "Two!"], splitter.Add("One. Two! Thr"));
        Assert.Empty(splitter.Add("ee."));
        Assert.Equal(["Three."], splitter.Flush());
    }
}
