using System.Xml.Linq;

namespace CollectIq.Outreach.Voicemail;

/// <summary>
/// TwiML that leaves the limited-content message and hangs up. With MachineDetection=DetectMessageEnd Twilio
/// connects after the greeting's beep, so the message starts at once. <c>&lt;Play&gt;</c> when the embedded TTS
/// has rendered the message to a URL, else <c>&lt;Say&gt;</c> with Twilio's voice.
/// </summary>
public static class VoicemailTwiml
{
    public static string Build(VoicemailMessage message, Uri? renderedAudio = null, string voice = "Polly.Joanna", string language = "en-US")
    {
        XElement speak = renderedAudio is not null
            ? new XElement("Play", renderedAudio.AbsoluteUri)
            : new XElement("Say", new XAttribute("voice", voice), new XAttribute("language", language), message.Text);
        var response = new XElement("Response", new XElement("Pause", new XAttribute("length", 1)), speak, new XElement("Hangup"));
        return new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + response.ToString(SaveOptions.DisableFormatting);
    }
}
