using System.Diagnostics;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Scripts;

/// <summary>
/// The default caller voice: the Debian <c>espeak-ng</c> CLI (<c>espeak-ng --stdout -v en-us</c>),
/// its 22,050 Hz WAV resampled to 8 kHz and µ-law encoded. A stop-gap until the speech layer's TTS
/// can be plugged in through <see cref="ICallerVoice"/>. espeak-ng keeps global state, so calls are serialised.
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
            var wav = await RunAsync(text, cancellationToken).ConfigureAwait(false);
            var (pcm, rate) = WavPcm16.Read(wav);
            var narrow = Resampler.ToTelephoneRate(pcm, rate);
            return MuLaw.Encode(narrow);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<byte[]> RunAsync(string text, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        // ArgumentList: the text is never interpreted by a shell.
        foreach (var arg in new[] { "--stdout", "-v", voice, "--", text }) start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The simulated caller's voice needs the '{executable}' CLI (apt-get install espeak-ng): {e.Message}", e);
        }
        using (process)
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await Task.WhenAll(copy, errors).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {(await errors).Trim()}");
            return output.ToArray();
        }
    }
}
