using CollectIq.Simulator.Calls;

namespace CollectIq.Simulator.Api;

/// <summary>Settings of one Twilio stand-in. The defaults suit tests and <c>./run</c>.</summary>
public sealed class FakeTwilioOptions
{
    /// <summary>The account the stand-in accepts (basic auth user). A fresh one per instance by default.</summary>
    public string AccountSid { get; set; } = Sids.New("AC");

    /// <summary>The auth token: basic auth password and the key of every signature the stand-in makes.</summary>
    public string AuthToken { get; set; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>A caller ID for the host to use (Twilio's magic test number "+15005550006" style).</summary>
    public string PhoneNumber { get; set; } = "+15005550006";

    /// <summary>Loopback port; 0 picks a free one (read <see cref="FakeTwilio.BaseAddress"/> after start).</summary>
    public int Port { get; set; }

    /// <summary>Time between queued and initiated (Twilio's dialing delay).</summary>
    public TimeSpan DialDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a &lt;Say&gt; lasts per character of text (≈ 150 words per minute).</summary>
    public TimeSpan SayTimePerCharacter { get; set; } = TimeSpan.FromMilliseconds(65);

    /// <summary>Timeout for fetching TwiML and posting callbacks.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan StreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many webhook redirects (Redirect, Gather action, Connect action) a call may follow: a loop guard.</summary>
    public int MaxDocuments { get; set; } = 50;
}
