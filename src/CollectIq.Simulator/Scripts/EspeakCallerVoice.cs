namespace CollectIq.Simulator.Scripts;

/// <summary>
/// The default caller voice: the Debian <c>espeak-ng</c> CLI (<c>espeak-ng --stdout -v en-us</c>),
/// its 22,050 Hz WAV band-limited and resampled to 8 kHz, µ-law encoded. A stop-gap until the
/// speech layer's TTS is plugged in through <see cref="ICallerVoice"/>. espeak-ng keeps global
/// state, so calls are serialised. (For a recognizer on the other end, <see cref="FliteCallerVoice"/>
/// is far easier to understand over a phone line.)
/// </summary>
public sealed class EspeakCallerVoice(string voice = "en-us", string executable = "espeak-ng") : ICallerVoice
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async ValueTask<byte[]> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CliSpeech.SynthesizeMulawAsync(executable, ["--stdout", "-v", voice, "--", text], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
