using CollectIq.Web.Hosting;

namespace CollectIq.Web.Tests.Hosting;

public sealed class CollectIqAppTests
{
    [Fact]
    public void CreateBuilder_NoUrls_ListensOnLoopback5080()
    {
        var builder = CollectIqApp.CreateBuilder([], new Dictionary<string, string?> { ["CollectIq:DataDirectory"] = Path.GetTempPath() });
        Assert.Equal("http://127.0.0.1:5080", builder.WebHost.GetSetting("urls"));
    }

    [Fact]
    public void CreateBuilder_UrlsArgument_Wins()
    {
        var builder = CollectIqApp.CreateBuilder(["--urls", "http://127.0.0.1:6123"]);
        Assert.Equal("http://127.0.0.1:6123", builder.WebHost.GetSetting("urls"));
    }
}
