using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollectIq.Web.Tests.Infrastructure;

namespace CollectIq.Web.Tests.Payers;

public sealed class PayersApiTests
{
    private static object ValidPayer(string phone = "(212) 555-0143") => new
    {
        name = "Hudson Valley Florists",
        contactName = "Ana Ruiz",
        contactPhone = phone,
        timeZone = "America/New_York",
        language = "es",
        invoices = new object[]
        {
            new { number = "A-100", amount = 1200.50m, openAmount = 1200.50m, currency = "usd", issueDate = "2025-01-01", dueDate = "2025-01-31" },
            new { number = "A-101", amount = 300m, openAmount = 0m, currency = "USD", issueDate = "2025-02-01", dueDate = "2025-03-03" },
        },
    };

    [Fact]
    public async Task CreatePayer_Valid_Returns201WithIdAndTheStoredPayer()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.PostAsJsonAsync("/api/payers", ValidPayer());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var stored = await app.Client.GetFromJsonAsync<JsonElement>($"/api/payers/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/payers/{id}", response.Headers.Location?.ToString());
        Assert.Equal("+12125550143", stored.GetProperty("contactPhone").GetString());
        Assert.Equal("es", stored.GetProperty("language").GetString());
        Assert.Equal("STAGE_3", stored.GetProperty("stage").GetString());
        Assert.Equal(1200.50m, stored.GetProperty("balanceDue").GetDecimal());
        var invoices = stored.GetProperty("invoices").EnumerateArray().ToList();
        Assert.Equal(["A-100", "A-101"], invoices.Select(i => i.GetProperty("number").GetString()));
        Assert.Equal("USD", invoices[0].GetProperty("currency").GetString());
        Assert.Equal("2025-01-31", invoices[0].GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task CreatePayer_InvalidFields_Returns400NamingEachFieldAndSavesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var body = new
        {
            name = "",
            contactName = "Ana",
            contactPhone = "555-12",
            timeZone = "Mars/Olympus_Mons",
            invoices = new object[]
            {
                new { number = "X-1", amount = -5m, currency = "USD", issueDate = "2025-01-01", dueDate = "2025-01-31" },
                new { number = "X-1", amount = 10m, openAmount = 20m, currency = "ZZZ", issueDate = "2025-02-01", dueDate = "2025-01-15" },
            },
        };

        var response = await app.Client.PostAsJsonAsync("/api/payers", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Superset(new HashSet<string> { "name", "contactPhone", "timeZone", "invoices[0].amount", "invoices[1].number", "invoices[1].openAmount", "invoices[1].currency", "invoices[1].dueDate" }, errors);
        Assert.Contains("already used", problem.GetProperty("errors").GetProperty("invoices[1].number")[0].GetString());
        Assert.Empty(await app.Client.GetFromJsonAsync<JsonElement[]>("/api/payers") ?? []);
    }

    [Fact]
    public async Task CreatePayer_DateInWrongFormat_Returns400NamingTheField()
    {
        await using var app = await TestApp.StartAsync();
        var body = """{"name":"A","contactName":"B","contactPhone":"+12125550143","invoices":[{"number":"1","amount":5,"currency":"USD","issueDate":"2025-01-01","dueDate":"31/01/2025"}]}""";

        var response = await app.Client.PostAsync("/api/payers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("invoices[0].dueDate", out _), problem.ToString());
    }

    [Fact]
    public async Task ListPayers_StageFilter_ReturnsOnlyThatStageWithTheListedFields()
    {
        await using var app = await TestApp.StartAsync(seed: true);

        var stage3 = await app.Client.GetFromJsonAsync<JsonElement[]>("/api/payers?stage=STAGE_3");
        var all = await app.Client.GetFromJsonAsync<JsonElement[]>("/api/payers");

        Assert.Equal(25, all!.Length);
        Assert.Equal(7, stage3!.Length);
        Assert.All(stage3, p =>
        {
            Assert.Equal("STAGE_3", p.GetProperty("stage").GetString());
            Assert.True(p.GetProperty("daysPastDue").GetInt32() >= 61);
            foreach (var field in new[] { "id", "name", "contactName", "contactPhone", "timeZone", "balanceDue", "currency", "lastOutreachAt" })
                Assert.True(p.TryGetProperty(field, out _), field);
        });
        Assert.Contains(all, p => p.GetProperty("stage").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task ListPayers_UnknownStage_Returns400()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client.GetAsync("/api/payers?stage=STAGE_9");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stage", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetPayer_Unknown_Returns404Problem()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client.GetAsync("/api/payers/4242");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("4242", await response.Content.ReadAsStringAsync());
    }
}
