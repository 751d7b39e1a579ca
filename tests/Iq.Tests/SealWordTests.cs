using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>A seal has one Chinese name, 封签 (the seal on a document, as a label sealed over a file): the catalog, the
/// report words (xlsx and HTML labels) and the Chinese docs never call it 封印 or 密封.</summary>
public class SealWordTests
{
    static readonly string[] Others = ["封印", "密封"];

    [Fact]
    public void The_catalog_calls_a_seal_fengqian_only()
    {
        var other = MsgCatalog.All.Where(m => Others.Any(o => m.Message.Zh.Contains(o, StringComparison.Ordinal)))
            .Select(m => $"{m.Name}: {m.Message.Zh}").ToList();
        Assert.True(other.Count == 0, string.Join("\n", other));
        Assert.Contains(MsgCatalog.All, m => m.Message.Zh.Contains("封签", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_words_and_docs_call_a_seal_fengqian_only()
    {
        var files = new[] { Path.Combine(TestPaths.RepoRoot, "scoring", "Text", "report-messages.yaml") }
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories))
            .Append(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var other = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => Others.Any(o => x.line.Contains(o, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(TestPaths.RepoRoot, x.f)}:{x.i + 1}: {x.line}").ToList();
        Assert.True(other.Count == 0, string.Join("\n", other));
    }
}
