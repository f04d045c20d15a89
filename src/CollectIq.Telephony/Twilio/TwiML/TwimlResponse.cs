using System.Text;
using System.Xml;

namespace CollectIq.Telephony.Twilio.TwiML;

/// <summary>
/// A small TwiML document builder: <c>new TwimlResponse().Say("Hi").Hangup().ToXml()</c>. Written with
/// <see cref="XmlWriter"/>, so every attribute and text is escaped; verbs appear in the order added.
/// </summary>
public sealed class TwimlResponse : TwimlContainer<TwimlResponse>
{
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>&lt;Connect&gt;&lt;Stream url=…&gt; with &lt;Parameter&gt; children (they arrive in the stream's start.customParameters).</summary>
    public TwimlResponse ConnectStream(Uri url, IEnumerable<KeyValuePair<string, string>>? parameters = null, Uri? statusCallback = null)
    {
        Verbs.Add(writer =>
        {
            writer.WriteStartElement("Connect");
            writer.WriteStartElement("Stream");
            writer.WriteAttributeString("url", url.AbsoluteUri);
            if (statusCallback is not null) writer.WriteAttributeString("statusCallback", statusCallback.AbsoluteUri);
            foreach (var (name, value) in parameters ?? [])
            {
                writer.WriteStartElement("Parameter");
                writer.WriteAttributeString("name", name);
                writer.WriteAttributeString("value", value);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        return this;
    }

    /// <summary>&lt;Gather input="dtmf"&gt; with nested Say/Play/Pause prompts; Twilio posts <c>Digits</c> to <paramref name="action"/>.</summary>
    public TwimlResponse Gather(GatherOptions options, Action<TwimlPrompt> prompts)
    {
        var nested = new TwimlPrompt();
        prompts(nested);
        Verbs.Add(writer =>
        {
            writer.WriteStartElement("Gather");
            writer.WriteAttributeString("input", options.Input);
            if (options.NumDigits is { } digits) writer.WriteAttributeString("numDigits", digits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (options.Action is not null) writer.WriteAttributeString("action", options.Action.AbsoluteUri);
            writer.WriteAttributeString("method", options.Method);
            writer.WriteAttributeString("timeout", options.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            nested.WriteVerbs(writer);
            writer.WriteEndElement();
        });
        return this;
    }

    public TwimlResponse Hangup()
    {
        Verbs.Add(writer => { writer.WriteStartElement("Hangup"); writer.WriteEndElement(); });
        return this;
    }

    public TwimlResponse Redirect(Uri url, string method = "POST")
    {
        Verbs.Add(writer =>
        {
            writer.WriteStartElement("Redirect");
            writer.WriteAttributeString("method", method);
            writer.WriteString(url.AbsoluteUri);
            writer.WriteEndElement();
        });
        return this;
    }

    public string ToXml()
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("Response");
            WriteVerbs(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        return builder.ToString();
    }

    public override string ToString() => ToXml();

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}

/// <summary>The verbs allowed inside &lt;Gather&gt;: Say, Play, Pause.</summary>
public sealed class TwimlPrompt : TwimlContainer<TwimlPrompt>;

/// <summary>Say/Play/Pause, shared by the response and &lt;Gather&gt;.</summary>
public abstract class TwimlContainer<TSelf> where TSelf : TwimlContainer<TSelf>
{
    private protected List<Action<XmlWriter>> Verbs { get; } = [];

    public TSelf Say(string text, string? voice = null, string? language = null)
    {
        Verbs.Add(writer =>
        {
            writer.WriteStartElement("Say");
            if (voice is not null) writer.WriteAttributeString("voice", voice);
            if (language is not null) writer.WriteAttributeString("language", language);
            writer.WriteString(text);
            writer.WriteEndElement();
        });
        return (TSelf)this;
    }

    public TSelf Play(Uri audio)
    {
        Verbs.Add(writer => { writer.WriteStartElement("Play"); writer.WriteString(audio.AbsoluteUri); writer.WriteEndElement(); });
        return (TSelf)this;
    }

    public TSelf Pause(int seconds = 1)
    {
        Verbs.Add(writer =>
        {
            writer.WriteStartElement("Pause");
            writer.WriteAttributeString("length", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        });
        return (TSelf)this;
    }

    internal void WriteVerbs(XmlWriter writer)
    {
        foreach (var verb in Verbs) verb(writer);
    }
}

/// <summary>Attributes of &lt;Gather&gt;.</summary>
public sealed record GatherOptions(Uri? Action, int? NumDigits = 1, int TimeoutSeconds = 6, string Input = "dtmf", string Method = "POST");
