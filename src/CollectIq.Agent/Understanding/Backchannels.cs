namespace CollectIq.Agent.Understanding;

/// <summary>
/// Listener feedback that is not a turn: "mm-hm", "uh-huh", "okay", "yeah", "right" said while the agent talks.
/// The conversation engine resumes the agent after such a short interruption instead of handing it to the dialog.
/// </summary>
public static class Backchannels
{
    private static readonly HashSet<string> Words =
        ["mm", "mmm", "hm", "hmm", "mhm", "mm-hm", "mm-hmm", "uh-huh", "uh", "huh", "um", "ah", "oh",
         "okay", "ok", "yeah", "yep", "yes", "right", "sure", "alright", "i", "see", "got", "it"];

    /// <summary>True when every word is a backchannel word ("okay", "oh i see", "mm-hm right"); false for empty text.</summary>
    public static bool IsBackchannel(string text)
    {
        var tokens = Tokens.Split(text);
        return tokens.Length is > 0 and <= 3 && tokens.All(Words.Contains);
    }
}
