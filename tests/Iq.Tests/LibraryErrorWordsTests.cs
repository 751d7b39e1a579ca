using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>The errors .NET Regex and the XML reader themselves raise on bad input, worded by the catalog: in Chinese the
/// kind of error (and the pattern offset) in Chinese, the library's English only after it, as its quoted detail.</summary>
public class LibraryErrorWordsTests
{
    /// <summary>Bad patterns of many kinds, and a few hundred more cut from them at every length.</summary>
    static IEnumerable<string> BadPatterns()
    {
        string[] seeds = ["(unclosed", "x)", "a[b", @"\q", @"a\", "*a", "a**", "[z-a]", "a{3,1}", "(?<", @"\k<nope>", @"\p{Nope}", @"(?(x)a|b|c)", @"\1", "(?'1a'x)"];
        foreach (var s in seeds)
            for (var n = 1; n <= s.Length; n++)
                yield return s[..n];
    }

    static ArgumentException? Refusal(string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.CultureInvariant); return null; }
        catch (ArgumentException e) { return e; }
    }

    [Fact]
    public void Every_regex_refusal_is_worded_in_chinese_before_the_library_s_text()
    {
        var refused = BadPatterns().Select(p => (p, e: Refusal(p))).Where(x => x.e is not null).ToList();
        Assert.True(refused.Count >= 15, refused.Count.ToString());
        foreach (var (pattern, e) in refused)
        {
            var zh = LibraryError.Regex(e!).Render(Lang.Zh);
            var at = zh.IndexOf("（.NET Regex 原文：", StringComparison.Ordinal);
            Assert.True(at > 0, $"{pattern}: {zh}");
            Assert.Matches(@"^模式偏移 \d+ 处\p{IsCJKUnifiedIdeographs}", zh);
            // Names stay names in Chinese text: Unicode.
            Assert.DoesNotMatch("[A-Za-z]", zh[..at].Replace("Unicode", ""));
            var en = LibraryError.Regex(e!).Render(Lang.En);
            Assert.Contains(" (.NET Regex says: ", en);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}|[（）：]", en);
        }
        // The kind from the library's typed error, not its text.
        Assert.StartsWith("模式偏移 9 处括号未闭合（", LibraryError.Regex(Refusal("(unclosed")!).Render(Lang.Zh));
        Assert.StartsWith("a character class [ is not closed at offset 3 (", LibraryError.Regex(Refusal("a[b")!).Render(Lang.En));
    }

    [Theory]
    [InlineData("<a><b></a>", "XML 格式不正确")]
    [InlineData("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"><TestResult>", "XML 在文档结束之前中断")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "含有 DTD")]
    [InlineData("<a b=\"1\" b=\"2\"/>", "XML 格式不正确")]
    [InlineData("<a>&nope;</a>", "XML 格式不正确")]
    [InlineData("\u0001", "XML 格式不正确")]
    public void Every_xml_refusal_is_worded_in_chinese_before_the_reader_s_text(string xml, string kind)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        // As iq's readers read: bytes, the encoding from the document.
        var e = Assert.Throws<XmlException>(() => XDocument.Load(XmlReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), settings)));
        var zh = LibraryError.Xml(e).Render(Lang.Zh);
        Assert.StartsWith(kind, zh);
        var at = zh.IndexOf("（XML 原文：", StringComparison.Ordinal);
        Assert.True(at > 0, zh);
        Assert.DoesNotMatch("[A-Za-z]", zh[..at].Replace("XML", "").Replace("DTD", ""));
        // The position is the caller's to name: the reader's "Line 1, position 7" is not repeated in the detail.
        Assert.DoesNotContain(" Line ", zh);
        Assert.Contains(" (XML says: ", LibraryError.Xml(e).Render(Lang.En));
    }

    /// <summary>System.Text.Json's refusals, as every JSON reader of iq parses: the kind in Chinese, the parser's English after
    /// it; English output unchanged ("Malformed JSON: " and the parser's text).</summary>
    [Theory]
    [InlineData("", "没有任何 JSON 内容")]
    [InlineData("{\"a\": [1, 2]", "JSON 在文档结束之前中断")]
    [InlineData("{\"a\": ]}", "此处出现了不应有的字符")]
    [InlineData("{\"a\": 1} x", "此处出现了不应有的字符")]
    [InlineData("{\"a\": \"x\u0001\"}", "字符串中有未转义的控制字符或无效的转义")]
    [InlineData("{\"a\": \"\\q\"}", "字符串中有未转义的控制字符或无效的转义")]
    [InlineData("{\"a\": 1.}", "数字的写法无效")]
    [InlineData("{\"a\": tru}", "无效的字面量")]
    [InlineData("{\"a\": 1, \"a\": 2}", "对象中有重复的成员名")]
    public void Every_json_refusal_is_worded_in_chinese_before_the_parser_s_text(string json, string kind)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var e = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes, Iq.Rules.Io.JsonInput.Options).Dispose());
        var d = Iq.Rules.Io.JsonInput.Malformed(e, "x.json", bytes);
        var zh = d.Text.Render(Lang.Zh);
        Assert.StartsWith("JSON 格式错误：" + kind, zh);
        var at = zh.IndexOf("（System.Text.Json 原文：", StringComparison.Ordinal);
        Assert.True(at > 0, zh);
        Assert.DoesNotMatch("[A-Za-z]", zh[..at].Replace("JSON", "").Replace("true", "").Replace("false", "").Replace("null", ""));
        Assert.Equal("Malformed JSON: " + e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' '), d.Text.Render(Lang.En));
    }

    /// <summary>The runtime's own file errors, raised for real: the kind from the exception's type or errno.</summary>
    [Fact]
    public void File_errors_are_worded_by_their_type_or_errno()
    {
        using var dir = new TempDir();
        var missing = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(Path.Combine(dir.Path, "no", "such.json")));
        Assert.StartsWith("文件或文件夹不存在（.NET 原文：", LibraryError.Io(missing).Render(Lang.Zh));
        Assert.Equal(missing.Message, LibraryError.Io(missing).Render(Lang.En));
        if (File.Exists("/dev/full"))
        {
            // ENOSPC, as a full disk gives it.
            var full = Assert.ThrowsAny<IOException>(() => { using var s = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0); s.Write(new byte[4096]); s.Flush(); });
            Assert.StartsWith("磁盘已满（设备上没有剩余空间）（.NET 原文：", LibraryError.Io(full).Render(Lang.Zh));
        }
        var file = Path.Combine(dir.Path, "f");
        File.WriteAllText(file, "x");
        var notFolder = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(Path.Combine(file, "x")));
        Assert.DoesNotMatch("^[A-Za-z]", LibraryError.Io(notFolder).Render(Lang.Zh));
    }
}
