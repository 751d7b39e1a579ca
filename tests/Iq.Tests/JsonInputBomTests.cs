using System.Text;
using CsCheck;
using Iq.Rules.Io;

namespace Iq.Tests;

/// <summary>One byte-order mark is dropped, once (RFC 8259 §8.1 lets a parser ignore one; Notepad writes one). JsonInput.Read
/// took the text after the mark and then parsed it through the same step again, so a file starting with two marks lost
/// both and was read; JsonInput.Parse of the same bytes refused it. A second mark is content, not JSON: refused at line 1,
/// column 1, by every path alike.</summary>
public sealed class JsonInputBomTests : IDisposable
{
    readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    static byte[] WithMarks(int marks, string json) =>
        [.. Enumerable.Repeat(Bom, marks).SelectMany(b => b), .. Encoding.UTF8.GetBytes(json)];

    (bool Read, string? Problem) ReadFile(byte[] bytes)
    {
        var file = Path.Combine(_dir.Path, $"{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, bytes);
        using var doc = JsonInput.Read(file, InputKind.FactDocument, out _, out var problem);
        return (doc is not null, problem is null ? null : $"{problem.Span.Line}:{problem.Span.Column}: {problem.Message}");
    }

    static (bool Read, string? Problem) ParseBytes(byte[] bytes)
    {
        using var doc = JsonInput.Parse(bytes, "x.json", out var problem);
        return (doc is not null, problem is null ? null : $"{problem.Span.Line}:{problem.Span.Column}: {problem.Message}");
    }

    [Fact]
    public void Two_marks_are_refused_at_line_1_column_1_by_Read_and_Parse_alike()
    {
        var bytes = WithMarks(2, """{"kind": "logs"}""");
        var read = ReadFile(bytes);
        Assert.False(read.Read);
        Assert.StartsWith("1:1: Malformed JSON: ", read.Problem);
        Assert.Equal(ParseBytes(bytes), read);
    }

    [Fact]
    public void One_mark_is_dropped()
    {
        Assert.Equal((true, (string?)null), ReadFile(WithMarks(1, """{"kind": "logs"}""")));
        Assert.Equal((true, (string?)null), ParseBytes(WithMarks(1, """{"kind": "logs"}""")));
    }

    /// <summary>For JSON objects and lists and any number of leading marks: Read (from a file) and Parse (from the bytes) agree,
    /// and the text is read exactly when there is at most one mark.</summary>
    [Fact]
    public void Read_and_Parse_agree_on_any_number_of_marks()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int, Gen.Bool).Sample((marks, n, asList) =>
        {
            var json = asList ? $"[{n}, \"a\"]" : $"{{\"n\": {n}}}";
            var bytes = WithMarks(marks, json);
            var read = ReadFile(bytes);
            Assert.Equal(ParseBytes(bytes), read);
            Assert.Equal(marks <= 1, read.Read);
        }, iter: 200);
    }
}
