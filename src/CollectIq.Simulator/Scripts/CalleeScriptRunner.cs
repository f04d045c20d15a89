using CollectIq.Simulator.Calls;

namespace CollectIq.Simulator.Scripts;

/// <summary>Plays the callee's steps on an answered call, alongside the TwiML; a failing step ends the script, never the call.</summary>
internal static class CalleeScriptRunner
{
    public static async Task RunAsync(SimulatedCall call, FakeTwilioContext context, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var step in call.Script.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await PerformAsync(step, call, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
        {
            context.Problem(call, null, $"Callee script '{call.Script.Name}' stopped: {e.Message}");
        }
    }

    private static async Task PerformAsync(CalleeStep step, SimulatedCall call, FakeTwilioContext context, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case SayClipStep clip:
                call.Append(new CallerSpoke(call.Sid, call.Now, clip.Label ?? $"[{clip.Mulaw.Length / 8} ms clip]", clip.Mulaw.Length / 8));
                await call.Line.SpeakAsync(clip.Mulaw, cancellationToken).ConfigureAwait(false);
                break;
            case SayTextStep say:
                var audio = await context.Voice.SynthesizeAsync(say.Text, cancellationToken).ConfigureAwait(false);
                call.Append(new CallerSpoke(call.Sid, call.Now, say.Text, audio.Length / 8));
                await call.Line.SpeakAsync(audio, cancellationToken).ConfigureAwait(false);
                break;
            case WaitForAgentSilenceStep silence:
                await call.Line.WaitForAgentSilenceAsync(silence.Quiet, cancellationToken).ConfigureAwait(false);
                break;
            case WaitForAgentSpeechStep speech:
                await call.Line.WaitForAgentSpeechAsync(speech.Timeout, cancellationToken).ConfigureAwait(false);
                break;
            case WaitForStreamStep stream:
                await call.Line.WaitForSinkAsync(stream.Timeout, cancellationToken).ConfigureAwait(false);
                break;
            case PauseStep pause:
                await Task.Delay(pause.Duration, context.Time, cancellationToken).ConfigureAwait(false);
                break;
            case PressDigitsStep press:
                call.Append(new CallerPressedDigits(call.Sid, call.Now, press.Digits));
                call.Line.PressDigits(press.Digits);
                break;
            case HangUpStep:
                call.HangUp("caller hung up");
                break;
        }
    }
}
