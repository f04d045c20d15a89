using System.Text.Json;
using CollectIq.Telephony.Twilio;

namespace CollectIq.Telephony.Tests.Twilio;

/// <summary>The official SDKs' request-validator vectors and our own, from /work/shared/twilio.</summary>
public sealed class TwilioSignatureTests
{
    public sealed record Vector(string Group, int Index, string Token, string Url, Dictionary<string, string> Params, string Signature, string? Note)
    {
        public override string ToString() => $"{Group}[{Index}] {Note}";
        public IEnumerable<KeyValuePair<string, string>> Parameters => Params;
    }

    private static readonly Lazy<IReadOnlyList<Vector>> AllVectors = new(Load);

    private static IReadOnlyList<Vector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "signature-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<Vector>();
        foreach (var group in new[] { "officialSdkTestVectors", "mustFail", "collectIqCases" })
        {
            var i = 0;
            foreach (var v in doc.RootElement.GetProperty(group).EnumerateArray())
            {
                var parameters = v.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                var signature = v.TryGetProperty("expectedSignature", out var e) ? e.GetString()! : v.GetProperty("signature").GetString()!;
                list.Add(new Vector(group, i++, v.GetProperty("token").GetString()!, v.GetProperty("url").GetString()!, parameters, signature,
                    v.TryGetProperty("note", out var n) ? n.GetString() : null));
            }
        }
        return list;
    }

    public static TheoryData<string, int> Group(string group)
    {
        var data = new TheoryData<string, int>();
        foreach (var v in AllVectors.Value.Where(v => v.Group == group)) data.Add(v.Group, v.Index);
        return data;
    }

    public static TheoryData<string, int> MustValidate()
    {
        var data = Group("officialSdkTestVectors");
        foreach (var v in AllVectors.Value.Where(v => v.Group == "collectIqCases")) data.Add(v.Group, v.Index);
        return data;
    }

    private static Vector Get(string group, int index) => AllVectors.Value.Single(v => v.Group == group && v.Index == index);

    [Fact]
    public void Vectors_File_HasAllThreeGroups()
    {
        Assert.Contains(AllVectors.Value, v => v.Group == "officialSdkTestVectors");
        Assert.Contains(AllVectors.Value, v => v.Group == "mustFail");
        Assert.Contains(AllVectors.Value, v => v.Group == "collectIqCases");
    }

    [Theory]
    [MemberData(nameof(MustValidate))]
    public void IsValid_OfficialAndCollectIqVectors_Validates(string group, int index)
    {
        var v = Get(group, index);
        Assert.True(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, v.Signature), v.ToString());
    }

    [Fact]
    public void IsValid_JsonBodyVector_ChecksBodyHash()
    {
        var v = AllVectors.Value.Single(v => v.Url.Contains("bodySHA256"));
        Assert.True(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, v.Signature, """{"property": "value", "boolean": true}"""));
        Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, v.Signature, """{"property": "value", "boolean": false}"""));
    }

    [Theory]
    [MemberData(nameof(Group), "mustFail")]
    public void IsValid_MustFailVectors_Rejects(string group, int index)
    {
        var v = Get(group, index);
        Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, v.Signature), v.ToString());
    }

    [Theory]
    [MemberData(nameof(MustValidate))]
    public void IsValid_AnyCharacterOfUrlFlipped_Rejects(string group, int index)
    {
        var v = Get(group, index);
        for (var i = 0; i < v.Url.Length; i++)
        {
            var flipped = Flip(v.Url, i);
            Assert.False(TwilioSignature.IsValid(v.Token, flipped, v.Parameters, v.Signature), $"{v} url char {i}: {flipped}");
        }
    }

    [Theory]
    [MemberData(nameof(MustValidate))]
    public void IsValid_AnyCharacterOfAParameterFlipped_Rejects(string group, int index)
    {
        var v = Get(group, index);
        foreach (var (name, value) in v.Params)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var changed = new Dictionary<string, string>(v.Params) { [name] = Flip(value, i) };
                Assert.False(TwilioSignature.IsValid(v.Token, v.Url, changed, v.Signature), $"{v} value of {name} char {i}");
            }
            for (var i = 0; i < name.Length; i++)
            {
                var changed = new Dictionary<string, string>(v.Params);
                changed.Remove(name);
                changed[Flip(name, i)] = value;
                Assert.False(TwilioSignature.IsValid(v.Token, v.Url, changed, v.Signature), $"{v} name {name} char {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(MustValidate))]
    public void IsValid_AnyCharacterOfTokenOrSignatureFlipped_Rejects(string group, int index)
    {
        var v = Get(group, index);
        for (var i = 0; i < v.Token.Length; i++)
            Assert.False(TwilioSignature.IsValid(Flip(v.Token, i), v.Url, v.Parameters, v.Signature), $"{v} token char {i}");
        for (var i = 0; i < v.Signature.Length; i++)
            Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, Flip(v.Signature, i)), $"{v} signature char {i}");
    }

    [Fact]
    public void IsValid_MissingSignatureOrParameter_Rejects()
    {
        var v = Get("officialSdkTestVectors", 0);
        Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, null));
        Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Parameters, ""));
        Assert.False(TwilioSignature.IsValid(v.Token, v.Url, v.Params.Skip(1), v.Signature));
    }

    [Fact]
    public void Compute_StreamUrl_RoundTripsThroughIsValid()
    {
        var options = new TwilioOptions { PublicUrl = "https://abc123.ngrok-free.app" };
        var url = options.PublicWebSocket("/collect-iq/media-stream").AbsoluteUri;
        Assert.Equal("wss://abc123.ngrok-free.app/collect-iq/media-stream", url);

        var signature = TwilioSignature.Compute("bar-secret", url);

        Assert.True(TwilioSignature.IsValid("bar-secret", url, null, signature));
        Assert.True(TwilioSignature.IsValid("bar-secret", "wss://abc123.ngrok-free.app:443/collect-iq/media-stream", null, signature));
        Assert.False(TwilioSignature.IsValid("bar-secret", "https://abc123.ngrok-free.app/collect-iq/media-stream", null, signature));
    }

    /// <summary>Changes one character to a different one of the same kind, so the string stays plausible.</summary>
    private static string Flip(string s, int i)
    {
        var c = s[i];
        var replacement = c switch
        {
            >= 'a' and < 'z' => (char)(c + 1),
            'z' => 'a',
            >= 'A' and < 'Z' => (char)(c + 1),
            'Z' => 'A',
            >= '0' and < '9' => (char)(c + 1),
            '9' => '0',
            _ => c == 'x' ? 'y' : 'x',
        };
        return string.Concat(s.AsSpan(0, i), replacement.ToString(), s.AsSpan(i + 1));
    }
}
