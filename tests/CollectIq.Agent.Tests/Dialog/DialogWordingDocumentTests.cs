using System.Reflection;
using CollectIq.Agent.Dialog;

namespace CollectIq.Agent.Tests.Dialog;

/// <summary>The reviewed wording in docs/DIALOG.md and the code say exactly the same.</summary>
public class DialogWordingDocumentTests
{
    [Fact]
    public void DialogDocument_ContainsEveryWordingConstantVerbatim()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "DIALOG.md"));
        var constants = typeof(DialogWording).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, Text: (string)f.GetRawConstantValue()!))
            .ToList();
        Assert.NotEmpty(constants);
        var missing = constants.Where(c => !document.Contains(c.Text, StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "Not in docs/DIALOG.md word for word: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollectIq.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (CollectIq.slnx) not found above " + AppContext.BaseDirectory);
    }
}
