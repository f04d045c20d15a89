using System.Net;
using System.Text.RegularExpressions;
using CollectIq.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Tests.Health;

public sealed class HealthAndDocsTests
{
    [Fact]
    public async Task Health_DatabaseAnswers_Returns200_AndWithoutItsSchema_Returns503()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetAsync("/health")).StatusCode);

        await using (var db = await app.Contexts.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE payers RENAME TO payers_gone");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheApiAndTheKeyScheme()
    {
        await using var app = await TestApp.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var document = await app.Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/payers\"", document);
        Assert.Contains("\"/api/payers/{id}/outreach\"", document);
        Assert.Contains("\"/api/calls/{id}\"", document);
        Assert.Contains("X-Api-Key", document);
        Assert.DoesNotContain("/collect-iq/voice", document);
    }

    [Fact]
    public async Task ApiReference_ServesItsScriptsLocally()
    {
        await using var app = await TestApp.StartAsync();

        var html = await app.Client.GetStringAsync("/scalar/");
        var scripts = Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotMatch("^(https?:)?//", src));
        var bundle = await app.Client.GetAsync("/scalar/" + scripts[0]);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}
