using System.Security.Cryptography;
using System.Text;
using CollectIq.Data;

namespace CollectIq.Web.Auth;

public enum ApiKeySource
{
    /// <summary>COLLECTIQ_API_KEY.</summary>
    Environment,
    /// <summary>The key file in the data folder, from an earlier start.</summary>
    File,
    /// <summary>Generated on this start and saved to the key file.</summary>
    Generated,
}

/// <summary>
/// The API key: <c>COLLECTIQ_API_KEY</c> when set; otherwise the one saved in <c>{data}/api-key</c>
/// (mode 0600), generated on first start. Comparison is constant-time.
/// </summary>
public sealed class ApiKeyStore
{
    public const string ConfigurationKey = "COLLECTIQ_API_KEY";
    public const string FileName = "api-key";

    private readonly byte[] _keyBytes;

    public ApiKeyStore(IConfiguration configuration, DatabaseSettings database)
    {
        FilePath = Path.Combine(database.DataDirectory, FileName);
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
        {
            Key = configured.Trim();
            Source = ApiKeySource.Environment;
        }
        else if (File.Exists(FilePath) && File.ReadAllText(FilePath).Trim() is { Length: > 0 } saved)
        {
            Key = saved;
            Source = ApiKeySource.File;
        }
        else
        {
            Key = "ciq_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            Save(FilePath, Key);
            Source = ApiKeySource.Generated;
        }
        _keyBytes = Encoding.UTF8.GetBytes(Key);
    }

    public string Key { get; }
    public ApiKeySource Source { get; }
    public string FilePath { get; }

    public bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.Trim()), _keyBytes);

    public string Describe() => Source switch
    {
        ApiKeySource.Environment => "from COLLECTIQ_API_KEY",
        ApiKeySource.File => $"from {FilePath}",
        _ => $"generated, saved to {FilePath}",
    };

    private static void Save(string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(key + "\n"));
    }
}
