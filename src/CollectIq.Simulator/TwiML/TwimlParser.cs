using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CollectIq.Simulator.TwiML;

/// <summary>Parses a TwiML <c>&lt;Response&gt;</c> into verbs. Malformed documents raise <see cref="TwimlException"/> (Twilio's 12100).</summary>
public static class TwimlParser
{
    public static IReadOnlyList<TwimlVerb> Parse(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new TwimlException(12100, $"Document parse failure: {e.Message}");
        }
        var root = document.Root;
        if (root is null || root.Name.LocalName != "Response")
            throw new TwimlException(12100, $"The root element must be <Response>, got <{root?.Name.LocalName}>.");
        return root.Elements().Select(ParseVerb).ToList();
    }

    private static TwimlVerb ParseVerb(XElement element) => element.Name.LocalName switch
    {
        "Say" => new SayVerb(element.Value.Trim(), Int(element, "loop", 1), Attr(element, "voice")),
        "Play" => new PlayVerb(element.Value.Trim(), Int(element, "loop", 1)),
        "Pause" => new PauseVerb(TimeSpan.FromSeconds(Int(element, "length", 1))),
        "Gather" => ParseGather(element),
        "Redirect" => new RedirectVerb(element.Value.Trim(), Method(element)),
        "Hangup" => new HangupVerb(),
        "Reject" => new RejectVerb(Attr(element, "reason") ?? "rejected"),
        "Connect" => ParseConnect(element),
        var name => new UnsupportedVerb(name),
    };

    private static GatherVerb ParseGather(XElement element)
    {
        var numDigits = Attr(element, "numDigits") is { } n ? (int?)ParseInt(n, "numDigits") : null;
        var finish = Attr(element, "finishOnKey");
        return new GatherVerb(
            Attr(element, "action"),
            Method(element),
            numDigits,
            TimeSpan.FromSeconds(Int(element, "timeout", 5)),
            finish is null ? '#' : finish.Length == 0 ? null : finish[0],
            Attr(element, "input") ?? "dtmf",
            element.Elements().Select(ParseVerb).ToList());
    }

    private static TwimlVerb ParseConnect(XElement connect)
    {
        var stream = connect.Elements().FirstOrDefault(e => e.Name.LocalName == "Stream");
        if (stream is null) return new UnsupportedVerb("Connect (without <Stream>)");
        var url = Attr(stream, "url") ?? throw new TwimlException(12200, "<Stream> requires a url attribute.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "wss" && uri.Scheme != "ws"))
            throw new TwimlException(31920, $"<Stream url> must be an absolute wss:// (or ws://) URL, got '{url}'.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in stream.Elements().Where(e => e.Name.LocalName == "Parameter"))
        {
            var name = Attr(p, "name");
            if (!string.IsNullOrEmpty(name)) parameters[name] = Attr(p, "value") ?? "";
        }
        return new ConnectStreamVerb(url, parameters, Attr(connect, "action"), Method(connect), Attr(stream, "statusCallback"));
    }

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    private static string Method(XElement element) =>
        (Attr(element, "method") ?? "POST").ToUpperInvariant() is "GET" ? "GET" : "POST";

    private static int Int(XElement element, string name, int fallback) =>
        Attr(element, name) is { } value ? ParseInt(value, name) : fallback;

    private static int ParseInt(string value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new TwimlException(12200, $"Attribute {name}='{value}' is not a non-negative integer.");
}

/// <summary>A TwiML error with Twilio's error code (12100 parse failure, 12200 schema, 31920 stream URL).</summary>
public sealed class TwimlException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
