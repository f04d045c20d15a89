using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Payers;

public sealed class OptOutApiTests
{
    [Fact]
    public async Task OptOut_ThenOutreach_IsRefusedUntilClearedWithAReason()
    {
        await using var app = await TestApp.StartAsync();
        var payerId = await app.AddPayerAsync("Quiet Co", 90);

        (await app.Client.PostAsJsonAsync($"/api/payers/{payerId}/opt-out", new { reason = "Payer asked by email to stop calls." })).EnsureSuccessStatusCode();
        var refused = await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var noReason = await app.Client.PostAsJsonAsync($"/api/payers/{payerId}/opt-out/clear", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null)).StatusCode);

        var cleared = await app.Client.PostAsJsonAsync($"/api/payers/{payerId}/opt-out/clear", new { reason = "Payer called back and asked to be contacted." });
        cleared.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.PostAsync($"/api/payers/{payerId}/outreach", null)).StatusCode);

        var audit = await app.Client.GetFromJsonAsync<List<JsonElement>>($"/api/audit?payerId={payerId}");
        Assert.Contains(audit!, a => a.GetProperty("action").GetString() == "opt-out");
        Assert.Contains(audit!, a => a.GetProperty("action").GetString() == "opt-out-cleared"
            && a.GetProperty("reason").GetString() == "Payer called back and asked to be contacted.");
    }

    [Fact]
    public async Task ClearOptOut_UnknownPayer_Returns404()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client.PostAsJsonAsync("/api/payers/9999/opt-out/clear", new { reason = "No such payer anyway." });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
