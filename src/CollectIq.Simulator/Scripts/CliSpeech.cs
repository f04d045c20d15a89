using System.Diagnostics;
using CollectIq.Speech.Audio;

namespace CollectIq.Simulator.Scripts;

/// <summary>Runs a text-to-speech CLI that writes a 16-bit mono WAV to stdout and turns it into telephone µ-law.</summary>
internal static class CliSpeech
{
    public static async Task<byte[]> SynthesizeMulawAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var wav = await RunAsync(executable, arguments, cancellationToken).ConfigureAwait(false);
        // WavFile copes with the "unknown size" header a CLI writes to a pipe; Resampling anti-aliases to 8 kHz.
        var audio = WavFile.Read(wav);
        return MuLaw.Encode(Resampling.Resample(audio.Samples, audio.SampleRate, 8000));
    }

    private static async Task<byte[]> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // ArgumentList: the text is never interpreted by a shell.
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The simulated caller's voice needs the '{executable}' CLI (scripts/bootstrap.sh installs it): {e.Message}", e);
        }
        using (process)
        {
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await Task.WhenAll(copy, errors).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                throw;
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
            return output.ToArray();
        }
    }
}
