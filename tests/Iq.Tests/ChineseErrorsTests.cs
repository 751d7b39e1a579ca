using System.Text.RegularExpressions;
using Iq.Rules.Messages;

namespace Iq.Tests;

/// <summary>With <c>--lang zh</c> a usage error says no English word of iq's own: what the command line parser finds (an
/// argument, an option's value or a command missing, a value not of the option's type or not one of its choices, a required
/// option not given) is worded from the catalog (rules/Messages), never quoted in the parser's English. What is legitimately
/// ASCII in such a line is left out by rule, not listed by hand: the <c>iq: error IQxxxx:</c> prefix (one fixed form in
/// every language, which scripts read), the words of the command line itself (commands, options, values), option names
/// (--output) and the names of a command's commands (iq fleet: run, report, export) as typed, placeholders as
/// the help writes them (FILE, DIR: upper case), the choices of the one option that has a fixed list (iq fleet run
/// --scoring), and words the Chinese catalog itself writes.</summary>
public class ChineseErrorsTests
{
    static readonly Regex Token = new(@"[A-Za-z0-9_.\-/:$\[\]'@+#=<>~^]+", RegexOptions.CultureInvariant);
    static readonly Regex BareWord = new(@"^[A-Za-z]{2,}$", RegexOptions.CultureInvariant);
    static readonly Regex Prefix = new(@"^iq: error IQ\d{4}: ", RegexOptions.CultureInvariant);

    /// <summary>The bare words of a text; an option's name (--output) is a name as typed, not a word.</summary>
    static IEnumerable<string> Words(string text) =>
        Token.Matches(text).Select(m => m.Value.Trim('\'', ':', '.')).Where(t => !t.StartsWith('-'))
            .Select(t => t.Trim('-', '/')).Where(w => BareWord.IsMatch(w));

    /// <summary>The names of the commands under a command (iq fleet: run, report, export), as its help lists them.</summary>
    static IEnumerable<string> CommandNames(string command)
    {
        var help = CliRunner.InProcess("--lang", "en", command, "--help").Stdout;
        var at = help.IndexOf("\nCommands:\n", StringComparison.Ordinal);
        return at < 0 ? [] : help[(at + "\nCommands:\n".Length)..].Split('\n').TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0]);
    }

    static readonly HashSet<string> ChineseCatalogWords = MsgCatalog.All
        .SelectMany(m => Words(Regex.Replace(m.Message.Zh, @"\{[a-z_]+\}", " "))).Select(w => w.ToLowerInvariant()).ToHashSet();

    [Theory]
    [InlineData("logs")]                               // a command's argument missing
    [InlineData("imports")]                            // two of them
    [InlineData("logs --out")]                         // an option's value missing
    [InlineData("logs x.log --tz")]
    [InlineData("baseline --iterations x")]            // not an integer
    [InlineData("baseline --iterations 99999999999")]  // not an int
    [InlineData("baseline --duration x")]              // not a number (double?)
    [InlineData("fleet")]                              // a command missing
    [InlineData("fleet run")]
    [InlineData("fleet run store --scoring zz")]       // not one of the choices
    [InlineData("fleet export store")]                 // a required option not given
    public void A_usage_error_in_chinese_says_no_english_word(string commandLine)
    {
        var args = commandLine.Split(' ');
        var run = CliRunner.InProcess(["--lang", "zh", .. args]);
        Assert.Equal(2, run.ExitCode);
        var input = Words(commandLine).Concat(Iq.Rules.Model.ScoringSpec.Models.SelectMany(Words)).Concat(CommandNames(args[0]))
            .Select(w => w.ToLowerInvariant()).ToHashSet();
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var english = Words(Prefix.Replace(line, ""))
                .Where(w => w.Any(char.IsAsciiLetterLower) && !input.Contains(w.ToLowerInvariant()) && !ChineseCatalogWords.Contains(w.ToLowerInvariant()))
                .ToList();
            Assert.True(english.Count == 0, $"iq --lang zh {commandLine}: English words [{string.Join(", ", english)}] in: {line}");
            Assert.Contains(line, l => l >= '\u4e00' && l <= '\u9fff');
        }
        // Each finding once (iq imports lacks two arguments; the parser said the same sentence twice).
        Assert.Equal(lines.Distinct().Count(), lines.Length);
    }

    /// <summary>The same findings in English name what is wrong as the Chinese does: the argument, the option, its value.</summary>
    [Theory]
    [InlineData("logs", "iq: error IQ6004: iq logs: missing FILE")]
    [InlineData("logs --out", "iq: error IQ6003: --out needs a value (DIR)")]
    [InlineData("baseline --iterations x", "iq: error IQ6003: --iterations: not an integer (at most 2147483647): 'x'")]
    [InlineData("baseline --duration x", "iq: error IQ6003: --duration: not a number: 'x'")]
    [InlineData("fleet run store --scoring zz", "iq: error IQ6003: --scoring: 'zz' is not valid; expected absolute, default, flat, flat-unweighted or weighted")]
    [InlineData("fleet export store", "iq: error IQ6004: iq fleet export: missing --output (required)")]
    public void A_usage_error_in_english_names_what_is_wrong(string commandLine, string expected)
    {
        var run = CliRunner.InProcess(["--lang", "en", .. commandLine.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr.Split('\n'));
    }
}
