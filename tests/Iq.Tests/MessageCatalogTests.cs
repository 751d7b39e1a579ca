using System.Text.RegularExpressions;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>The message catalog (rules/Messages): every message in both languages with the same placeholders, every
/// diagnostic code declared, the docs generated from it.</summary>
public class MessageCatalogTests
{
    [Fact]
    public void Every_message_has_both_languages_with_exactly_its_declared_arguments()
    {
        Assert.True(MsgCatalog.All.Count > 100, $"only {MsgCatalog.All.Count} messages found");
        var problems = new List<string>();
        foreach (var (name, m) in MsgCatalog.All)
        {
            var declared = m.Args.ToHashSet();
            if (declared.Count != m.Args.Count) problems.Add($"{name}: an argument is declared twice");
            foreach (var (lang, text) in new[] { ("zh", m.Zh), ("en", m.En) })
            {
                if (string.IsNullOrWhiteSpace(text)) problems.Add($"{name}: no {lang} text");
                var used = Message.PlaceholdersOf(text);
                if (!used.SetEquals(declared))
                    problems.Add($"{name} ({lang}): placeholders {{{string.Join(", ", used.Order())}}}, declared {{{string.Join(", ", m.Args)}}}");
            }
            // Chinese text is Chinese: a message with English words (other than terms it keeps, such as Dice or --set) has
            // Chinese characters in its zh form.
            var words = Regex.Matches(Regex.Replace(m.En, @"\{[a-z_]+\}", ""), "[A-Za-z]{3,}").Select(w => w.Value);
            if (words.Any(w => !m.Zh.Contains(w, StringComparison.OrdinalIgnoreCase)) && !Regex.IsMatch(m.Zh, @"\p{IsCJKUnifiedIdeographs}"))
                problems.Add($"{name}: the zh text has no Chinese: {m.Zh}");
            // Rendering both languages with placeholder values must not throw.
            var values = m.Args.Select(a => (object?)$"<{a}>").ToArray();
            var zh = m.With(values).Render(Lang.Zh);
            var en = m.With(values).Render(Lang.En);
            foreach (var a in m.Args)
                if (!zh.Contains($"<{a}>") || !en.Contains($"<{a}>")) problems.Add($"{name}: argument {a} not rendered");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_diagnostic_code_has_a_message_in_the_catalog()
    {
        var codes = typeof(Codes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        var covered = MsgCatalog.All.Select(m => m.Message.Code).ToHashSet();
        var undeclared = codes.Where(c => !covered.Contains(c)).ToList();
        var unknown = covered.Where(c => c is not null && !codes.Contains(c)).ToList();
        Assert.True(undeclared.Count == 0, "codes without a message: " + string.Join(", ", undeclared));
        Assert.True(unknown.Count == 0, "messages with an unknown code: " + string.Join(", ", unknown));
    }

    [Fact]
    public void A_diagnostic_renders_in_either_language_with_the_same_code()
    {
        var bag = new DiagnosticBag();
        bag.Error(Msg.UnknownFactPath.With("env.cpu.core", Localized.DidYouMean("core", ["cores", "model"])), new SourceSpan("a.iq", 3, 14));
        var d = Assert.Single(bag.Items);
        Assert.Equal("a.iq:3:14: error IQ2001: Unknown fact path. Path=env.cpu.core; did you mean 'cores'?", d.Render(Lang.En));
        Assert.Equal("a.iq:3:14: error IQ2001: 未知的事实路径。Path=env.cpu.core；是否想写 'cores'？", d.Render(Lang.Zh));
        Assert.Throws<ArgumentException>(() => bag.Error(Msg.AString.Text, new SourceSpan("a.iq", 1, 1)));
        Assert.Throws<ArgumentException>(() => Msg.UnknownFactPath.With("only one"));
    }

    [Fact]
    public void Lists_read_naturally_in_each_language()
    {
        var list = Localized.OrList(["a", "b", "c"]);
        Assert.Equal("a, b or c", list.Render(Lang.En));
        Assert.Equal("a、b 或 c", list.Render(Lang.Zh));
    }

    [Theory]
    [InlineData("zh_CN.UTF-8", null, null, Lang.Zh)]
    [InlineData("en_US.UTF-8", null, null, Lang.En)]
    [InlineData("C.UTF-8", null, null, Lang.En)]
    [InlineData(null, null, null, Lang.En)]
    [InlineData("en_US.UTF-8", "zh_TW.UTF-8", null, Lang.Zh)]
    [InlineData("zh_CN.UTF-8", "C", null, Lang.En)]
    [InlineData("en_US.UTF-8", "zh_CN.UTF-8", "C", Lang.En)] // LC_ALL wins over LC_MESSAGES and LANG
    public void The_default_language_follows_the_posix_locale(string? lang, string? messages, string? all, Lang expected)
    {
        var env = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_MESSAGES"] = messages, ["LC_ALL"] = all };
        Assert.Equal(expected, Langs.FromLocale(n => env.GetValueOrDefault(n)));
    }

    [Fact]
    public void The_messages_reference_lists_exactly_the_catalog()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "messages.md"));
        var table = Regex.Match(docs, "<!-- messages: generated from MsgCatalog.MarkdownTable\\(\\) -->\n(.*?)<!-- end messages -->", RegexOptions.Singleline);
        Assert.True(table.Success, "docs/messages.md has no generated table");
        var expected = MsgCatalog.MarkdownTable();
        Assert.True(expected == table.Groups[1].Value, "docs/messages.md's table differs from the catalog; replace it with:\n" + expected);
    }
    [Fact]
    public void A_quoted_text_over_the_limit_is_capped_with_its_length_and_stored_whole()
    {
        var path = "env." + new string('a', 1_000_000);
        var text = Msg.UnknownFactPath.With(path, "");
        // The English text by hand: the message's words, the first 200 characters, "…" and the length in all.
        Assert.Equal("Unknown fact path. Path=env." + new string('a', 196) + "… (1000004 characters)", text.Render(Lang.En));
        Assert.EndsWith("…（共 1000004 个字符）", text.Render(Lang.Zh));
        // A text at the limit is whole; a cut never splits a surrogate pair (𝒳 is two UTF-16 units).
        Assert.Equal(new string('b', 200), Message.Cap(new string('b', 200), Lang.En));
        var astral = new string('c', 199) + "𝒳" + "d";
        Assert.Equal(new string('c', 199) + "… (202 characters)", Message.Cap(astral, Lang.En));
        // Stored arguments (a fact reason written to a document) stay whole: they are data, capped only when shown.
        Assert.Equal(path, Assert.IsType<string>(MsgCatalog.ArgsOf(text).Single(a => a.Name == "path").Value));
        // Untranslated text is a whole message, not a quote: not capped.
        var whole = new string('w', 500);
        Assert.Equal(whole, Message.Untranslated(null, whole).Render(Lang.En));
    }
}
