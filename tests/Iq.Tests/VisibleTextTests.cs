using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using Iq.Rules.Io;

namespace Iq.Tests;

/// <summary>Fresh eyes 6, C2, C3 and B6: text from evidence reaches the console and the JUnit report. An ESC sequence in a
/// plan's software name erased text on a terminal and made <c>--junit</c> an internal error (exit 3); a lone UTF-16
/// surrogate escape in any string of a fact document was an internal error too.</summary>
public class VisibleTextTests
{
    static string Checklist => IqSamples.Checklist;

    static string Copy(TempDir dir) => IqSamples.Copy("failing", Path.Combine(dir.Path, "b"));

    [Fact]
    public void Control_characters_from_a_document_are_shown_not_acted_on_in_the_console_and_the_junit_report()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var plan = Path.Combine(bundle, "plan.json");
        // As JSON escapes: ESC [2K CR ESC [32m, the bidirectional override U+202E, and a BEL.
        File.WriteAllText(plan, File.ReadAllText(plan).Replace("\"name\": \"Docker\"", "\"name\": \"Dock\\u001b[2K\\r\\u001b[32mOK\\u202Eer\\u0007\""));
        var junit = Path.Combine(dir.Path, "j.xml");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--junit", junit, "-v", "--lang", "en", "--as-of", "2026-11-22");
        Assert.True(run.ExitCode == 1, run.Stderr);
        // The output is not a terminal: iq adds no colour, so any control character would be the document's.
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain('\r', run.Stdout);
        Assert.DoesNotContain('\u202E', run.Stdout);
        Assert.Contains("Dock\\u001B[2K\\u000D\\u001B[32mOK\\u202Eer\\u0007", run.Stdout);
        // An XML parser nobody here wrote reads the report, and finds the name shown.
        var xml = XDocument.Load(junit);
        Assert.Contains(xml.Descendants().Attributes(), a => a.Value.Contains("Dock\\u001B[2K", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dock\\ud800er")]
    [InlineData("\\udc00x")]
    [InlineData("x\\ud800\\ud800")]
    public void A_lone_surrogate_escape_in_a_fact_document_is_refused_where_it_is_written(string name)
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var plan = Path.Combine(bundle, "plan.json");
        var text = File.ReadAllText(plan);
        var at = text.IndexOf("\"name\": \"Docker\"", StringComparison.Ordinal);
        File.WriteAllText(plan, text.Replace("\"name\": \"Docker\"", $"\"name\": \"{name}\""));
        var line = text[..at].Count(c => c == '\n') + 1;
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22", "--lang", "en");
        Assert.True(run.ExitCode == 2, run.Stdout + run.Stderr);
        Assert.Contains($"plan.json:{line}:", run.Stderr);
        Assert.Contains("half of a UTF-16 surrogate pair without its other half", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stderr);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void A_surrogate_pair_written_as_escapes_is_text_and_is_read()
    {
        using var dir = new TempDir();
        var bundle = Copy(dir);
        var plan = Path.Combine(bundle, "plan.json");
        File.WriteAllText(plan, File.ReadAllText(plan).Replace("\"name\": \"Docker\"", "\"name\": \"Docker\\ud83d\\ude00\""));
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Checklist, "--facts", bundle, "--json", json, "--as-of", "2026-11-22");
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        Assert.Contains("Docker\U0001F600", File.ReadAllText(json).Replace("\\uD83D\\uDE00", "\U0001F600"));
    }

    /// <summary>Whatever the string, what VisibleText gives holds no character a terminal or XML would act on, and a string
    /// with none is given back unchanged.</summary>
    [Fact]
    public void Visible_text_holds_nothing_a_terminal_or_xml_would_act_on()
    {
        Gen.String[Gen.Char].Sample(s =>
        {
            var v = VisibleText.Of(s);
            for (var i = 0; i < v.Length; i++)
            {
                var c = v[i];
                if (c is '\n' or '\t') continue;
                Assert.False(char.IsControl(c), $"U+{(int)c:X4} in '{v}'");
                Assert.False(c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
                if (char.IsHighSurrogate(c)) { Assert.True(i + 1 < v.Length && char.IsLowSurrogate(v[i + 1])); i++; }
                else Assert.False(char.IsLowSurrogate(c));
            }
            // XmlConvert agrees that every character is one XML can hold.
            System.Xml.XmlConvert.VerifyXmlChars(v);
        });
        Assert.Equal("plain 中文 😀", VisibleText.Of("plain 中文 😀"));
    }
}
