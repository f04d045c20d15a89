namespace CollectIq.Simulator.MediaStreams;

/// <summary>How a media stream ended, which decides what the call does next.</summary>
public enum StreamOutcome
{
    /// <summary>Our server closed the socket: Twilio goes on with the next TwiML verb.</summary>
    ServerClosed,
    /// <summary>The call ended (caller hung up, or ended through the API): <c>stop</c> was sent.</summary>
    CallEnded,
    /// <summary>The WebSocket handshake failed (31920): Twilio goes on with the next verb.</summary>
    ConnectFailed,
    /// <summary>The socket broke mid-stream: Twilio goes on with the next verb.</summary>
    Broken,
}
