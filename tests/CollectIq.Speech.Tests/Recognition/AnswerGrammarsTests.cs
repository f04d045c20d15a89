using CollectIq.Speech.Evaluation;
using CollectIq.Speech.Recognition;

namespace CollectIq.Speech.Tests.Recognition;

public class AnswerGrammarsTests
{
    [Fact]
    public void Words_InDomainCorpus_AllCoveredByTheGrammars()
    {
        var vocabulary = AnswerGrammars.Words(Enum.GetValues<ExpectedAnswer>().Select(AnswerGrammars.For));
        var missing = SpeechCorpus.Sentences.Where(s => s.InDomain)
            .SelectMany(s => SpeechEvaluation.Words(s.Text)).Where(w => !vocabulary.Contains(w)).Distinct().ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(ExpectedAnswer.YesNo, "<yesno>")]
    [InlineData(ExpectedAnswer.Intent, "<intent>")]
    public void For_State_IsAPublicJsgfRule(ExpectedAnswer expected, string top)
    {
        var jsgf = AnswerGrammars.For(expected);
        Assert.StartsWith("#JSGF V1.0;", jsgf);
        Assert.Contains($"public <utterance> = {top}", jsgf);
    }
}
