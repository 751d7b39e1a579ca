namespace Iq.Tests;

/// <summary>Reads one-line test cases: <c>input ⇶ expected</c>; blank lines and <c>#</c> comments skipped.</summary>
static class CaseFile
{
    public const string Arrow = " ⇶ ";

    public static IEnumerable<object[]> Load(string name)
    {
        var lineNo = 0;
        foreach (var line in File.ReadLines(TestPaths.Case(name)))
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var at = line.IndexOf(Arrow, StringComparison.Ordinal);
            if (at < 0) throw new FormatException($"{name}:{lineNo}: no '⇶' in case line");
            yield return [$"{name}:{lineNo}", line[..at], line[(at + Arrow.Length)..]];
        }
    }
}
