using System.Net.Http.Headers;
using System.Text;
using CollectIq.Telephony.Twilio;

namespace CollectIq.Simulator.Calls;

/// <summary>
/// Makes Twilio's requests to our webhooks, signed like Twilio: POST sends the parameters as a form
/// and signs URL + sorted parameters; GET appends them to the query and signs the full URL alone.
/// </summary>
public sealed class WebhookClient(HttpClient http, string authToken)
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async Task<WebhookResponse> SendAsync(Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        using var request = Build(url, method, parameters);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    internal HttpRequestMessage Build(Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            var full = url.OriginalString + (url.Query.Length > 0 ? "&" : "?") + query;
            var get = new HttpRequestMessage(HttpMethod.Get, full);
            get.Headers.TryAddWithoutValidation(SignatureHeader, TwilioSignature.Compute(authToken, full));
            return get;
        }
        var post = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(parameters),
        };
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = Encoding.UTF8.WebName };
        post.Headers.TryAddWithoutValidation(SignatureHeader, TwilioSignature.Compute(authToken, url.OriginalString, parameters));
        return post;
    }
}

public sealed record WebhookResponse(int StatusCode, string Body, string? MediaType)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
