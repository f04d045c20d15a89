namespace CollectIq.Web.Agent;

public enum VoiceAgentMode { Collections, Echo }

/// <summary>"Agent:Mode": <c>collections</c> (default, the real agent) or <c>echo</c> (echo-and-tone diagnostics, no speech engines).</summary>
public sealed class VoiceAgentOptions
{
    public const string Section = "Agent";

    public VoiceAgentMode Mode { get; set; } = VoiceAgentMode.Collections;
}
