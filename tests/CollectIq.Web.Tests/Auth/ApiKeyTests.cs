using System.Net;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Auth;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Api_WithoutValidKey_Returns401AndNothingAboutPayers(string? key)
    {
        await using var app = await TestApp.StartAsync(seed: true);
        foreach (var path in new[] { "/api/payers", "/api/payers?stage=STAGE_3", "/api/payers/1", "/api/calls?payerId=1", "/api/calls/1" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (key is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            var response = await app.Anonymous.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("Harbor", body);
            Assert.DoesNotContain("+1", body);
        }
        var post = await app.Anonymous.PostAsync("/api/payers/1/outreach", null);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Empty(app.Twilio.Created);
    }

    [Fact]
    public async Task Api_WithKey_Returns200()
    {
        await using var app = await TestApp.StartAsync(seed: true);
        var response = await app.Client.GetAsync("/api/payers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Harbor Freightways", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiKey_Unset_IsGeneratedSavedPrivatelyAndKeptAcrossRestarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collectiq-web-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "api-key");
        try
        {
            string key;
            await using (var first = await TestApp.StartAsync(apiKey: null, folder: folder))
            {
                Assert.True(File.Exists(file));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                key = File.ReadAllText(file).Trim();
                Assert.True(key.Length >= 32);
                Assert.Equal(HttpStatusCode.OK, (await GetWithKeyAsync(first, key)).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await first.Client.GetAsync("/api/payers")).StatusCode); // the fixed test key is not it
            }

            await using var second = await TestApp.StartAsync(apiKey: null, folder: folder);
            Assert.Equal(HttpStatusCode.OK, (await GetWithKeyAsync(second, key)).StatusCode);
            Assert.Equal(key, File.ReadAllText(file).Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<HttpResponseMessage> GetWithKeyAsync(TestApp app, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/payers");
        request.Headers.Add("X-Api-Key", key);
        return app.Anonymous.SendAsync(request);
    }
}
