namespace CollectIq.Simulator.Scripts;

/// <summary>
/// A caller voice from the Debian <c>flite</c> CLI (voice <c>rms</c> by default, 16 kHz), resampled
/// to 8 kHz µ-law. Measured in /work/shared/speech/FACTS.md: flite's rms survives the phone line far
/// better than espeak-ng for pocketsphinx, so full-loop tests that need the agent to understand the
/// payer should use this voice.
/// </summary>
public sealed class FliteCallerVoice(string voice = "rms", string executable = "flite") : ICallerVoice
{
    public ValueTask<byte[]> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new ValueTask<byte[]>(CliSpeech.SynthesizeMulawAsync(executable, ["-voice", voice, "-t", text, "-o", "/dev/stdout"], cancellationToken));
    }
}
