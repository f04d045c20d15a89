namespace CollectIq.Simulator.Scripts;

/// <summary>Turns the simulated payer's lines into audio: raw µ-law, 8 kHz, mono (what a phone line carries).</summary>
public interface ICallerVoice
{
    ValueTask<byte[]> SynthesizeAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>A caller voice from a delegate, for tests and for plugging the speech layer's TTS in.</summary>
public sealed class DelegateCallerVoice(Func<string, CancellationToken, ValueTask<byte[]>> synthesize) : ICallerVoice
{
    public ValueTask<byte[]> SynthesizeAsync(string text, CancellationToken cancellationToken = default) => synthesize(text, cancellationToken);
}
