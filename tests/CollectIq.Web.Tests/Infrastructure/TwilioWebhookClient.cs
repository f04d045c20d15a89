using CollectIq.Telephony.Twilio;

namespace CollectIq.Web.Tests.Infrastructure;

public enum Signing
{
    Correct,
    Missing,
    WrongToken,
    /// <summary>Signed over the local Kestrel URL instead of the public one (the proxy mistake).</summary>
    LocalUrl,
}

/// <summary>Posts a webhook the way Twilio does: form-encoded, signed over PUBLIC_URL + path + query.</summary>
public static class TwilioWebhookClient
{
    public static async Task<HttpResponseMessage> PostWebhookAsync(this TestApp app, string pathAndQuery, IDictionary<string, string> form, Signing signing = Signing.Correct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        var signedUrl = signing == Signing.LocalUrl ? new Uri(app.BaseAddress, pathAndQuery).AbsoluteUri : app.PublicUrl.TrimEnd('/') + pathAndQuery;
        var token = signing == Signing.WrongToken ? "not-the-token" : TestApp.AuthToken;
        if (signing != Signing.Missing) request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(token, signedUrl, form));
        return await app.Anonymous.SendAsync(request);
    }
}
