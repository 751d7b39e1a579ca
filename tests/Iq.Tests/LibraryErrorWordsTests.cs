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
}
