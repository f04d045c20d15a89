using System.Xml.Linq;

namespace CollectIq.Web.Tests.Twilio;

internal static class Twiml
{
    public static async Task<XElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }
}
