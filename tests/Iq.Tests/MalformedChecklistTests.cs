using Iq.Engine.Facts;
using Iq.Rules.Compilation;

namespace Iq.Tests;

/// <summary>Broken checklists and the exact diagnostics they must produce: Cases/malformed.txt.</summary>
public class MalformedChecklistTests
{
    public static IEnumerable<object[]> Cases()
    {
        var text = File.ReadAllText(TestPaths.Case("malformed.txt"));
        foreach (var block in text.Split("\n=== ").Skip(1))
        {
            var newline = block.IndexOf('\n');
            var name = block[..newline].Trim();
            var rest = block[(newline + 1)..];
            var lines = rest.Split('\n');
            var expected = lines.TakeWhile(l => l.StartsWith(">>> ")).Select(l => l[4..].TrimEnd('\r')).ToArray();
            var source = string.Join('\n', lines.Skip(expected.Length));
            // Trailing blank lines separate cases; they are not part of the checklist.
            yield return [name, source.TrimEnd('\n') + (source.Length > 0 ? "\n" : ""), string.Join("\n", expected)];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_checklist_gives_exact_diagnostics(string name, string source, string expected)
    {
        var result = ChecklistCompiler.CompileText(source, "case.iq", FactSchema.Default);
        Assert.False(result.Succeeded, name);
        var actual = string.Join("\n", result.Diagnostics.Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Code} {d.Message}"));
        Assert.Equal(expected, actual);
        Assert.All(result.Diagnostics, d => Assert.Equal("case.iq", d.Span.File));
    }

    [Fact]
    public void There_are_at_least_40_cases() => Assert.True(Cases().Count() >= 40);
}
