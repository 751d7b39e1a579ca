using Iq.Rules.Messages;
using System.Text;

namespace Iq.Engine.Probes.Security;

/// <summary>A setting a <c>Match</c> block changes for the connections it matches.</summary>
public sealed record MatchOverride(string Criteria, string Setting, string Value, string File, int Line);

/// <summary>sshd's configuration as read: the global values (keyword in lower case → value), the conditional overrides
/// of Match blocks, the files read (or found and refused: a problem says why) and the problems found.</summary>
public sealed record SshdSettings(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<MatchOverride> Overrides,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigProblem> Problems);

/// <summary>sshd_config as OpenSSH reads it (checked against <c>sshd -T -f</c> in the tests): keywords in any case,
/// <c>Keyword value</c> or <c>Keyword=value</c>, quotes, <c>#</c> comments; the first value obtained wins; <c>Include</c>
/// is read in place (globs in lexical order, relative paths under /etc/ssh, a Match block inside an included file ending
/// with that file); <c>Match all</c> applies to every connection and overrides the global value; any other Match block
/// applies to some connections only and is reported as an override, since no single value is then "the" value.
/// Also reads <c>sshd -T</c>'s output.</summary>
public static class SshdConfig
{
    public const string MainFile = "/etc/ssh/sshd_config";
    const int MaxIncludeDepth = 16;
    const int MaxFiles = 256;

    /// <summary>The settings the checklists judge; other keywords are read past (sshd knows many more).</summary>
    public static readonly IReadOnlyList<string> Judged =
    [
        "passwordauthentication", "permitrootlogin", "pubkeyauthentication", "authenticationmethods",
        "kbdinteractiveauthentication", "permitemptypasswords", "usepam", "ciphers", "macs", "kexalgorithms",
    ];

    static readonly HashSet<string> JudgedSet = new(Judged, StringComparer.Ordinal);

    /// <summary>ChallengeResponseAuthentication is KbdInteractiveAuthentication's old name (OpenSSH 8.7).</summary>
    static string Canonical(string keyword) => keyword == "challengeresponseauthentication" ? "kbdinteractiveauthentication" : keyword;

    public static SshdSettings Read(IConfigSource files, string main = MainFile)
    {
        var global = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var overrides = new List<MatchOverride>();
        var read = new List<string>();
        var problems = new List<ConfigProblem>();
        ReadFile(main, null, 0, null, 0);
        foreach (var (k, v) in all) global[k] = v; // Match all overrides, as sshd copies a matched block's values over
        return new SshdSettings(global, overrides, read, problems);

        void ReadFile(string file, string? context, int depth, string? fromFile, int fromLine)
        {
            if (read.Count >= MaxFiles)
            {
                problems.Add(new ConfigProblem(fromFile ?? file, fromLine, Msg.ConfigTooManyIncludes.With(MaxFiles)));
                return;
            }
            var text = files.Read(file, out var problem);
            if (problem is not null)
            {
                // There but not readable (a FIFO, a device, too large): listed with the files, so that the probe reports an
                // error naming it rather than "no SSH server".
                problems.Add(new ConfigProblem(file, 0, problem));
                read.Add(file);
                return;
            }
            if (text is null)
            {
                if (depth == 0) problems.Add(new ConfigProblem(file, 0, Msg.ConfigNotFound.Text));
                return;
            }
            read.Add(file);
            foreach (var (number, line) in TextLines.Of(text))
            {
                var words = Tokens(line, out var error);
                if (error is not null) { problems.Add(new ConfigProblem(file, number, error)); continue; }
                if (words.Count == 0) continue;
                var keyword = Canonical(words[0].ToLowerInvariant());
                var args = words.Skip(1).ToList();
                if (keyword == "match")
                {
                    if (args.Count == 0) { problems.Add(new ConfigProblem(file, number, Msg.ConfigMatchNoCriteria.Text)); continue; }
                    var criteria = string.Join(' ', args);
                    context = args.Count == 1 && args[0].Equals("all", StringComparison.OrdinalIgnoreCase) ? "all" : criteria;
                    continue;
                }
                if (args.Count == 0) { problems.Add(new ConfigProblem(file, number, Msg.ConfigNoArgument.With(words[0]))); continue; }
                if (keyword == "include")
                {
                    if (depth >= MaxIncludeDepth) { problems.Add(new ConfigProblem(file, number, Msg.ConfigIncludeDeeper.With(MaxIncludeDepth))); continue; }
                    foreach (var pattern in args)
                    {
                        var absolute = pattern.StartsWith('/') ? pattern : "/etc/ssh/" + pattern;
                        foreach (var included in files.Glob(absolute)) ReadFile(included, context, depth + 1, file, number);
                    }
                    continue;
                }
                if (!JudgedSet.Contains(keyword)) continue;
                // Lists take their first argument; AuthenticationMethods keeps its alternatives, space separated as sshd -T prints them.
                var value = keyword == "authenticationmethods" ? string.Join(' ', args) : args[0];
                if (!Valid(keyword, value, out var why)) { problems.Add(new ConfigProblem(file, number, why.With(words[0], value))); continue; }
                switch (context)
                {
                    case null: global.TryAdd(keyword, value); break;
                    case "all": all.TryAdd(keyword, value); break;
                    default: overrides.Add(new MatchOverride(context, keyword, value, file, number)); break;
                }
            }
        }
    }

    static bool Valid(string keyword, string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Message? why)
    {
        why = null;
        var v = value.ToLowerInvariant();
        switch (keyword)
        {
            case "passwordauthentication" or "pubkeyauthentication" or "kbdinteractiveauthentication" or "permitemptypasswords" or "usepam":
                if (v is "yes" or "no") return true;
                why = Msg.ConfigExpectedYesNo;
                return false;
            case "permitrootlogin":
                if (v is "yes" or "no" or "prohibit-password" or "without-password" or "forced-commands-only") return true;
                why = Msg.ConfigExpectedRootLogin;
                return false;
            default:
                return true;
        }
    }

    /// <summary>Splits a line as OpenSSH's argv_split does: whitespace separates, quotes group, a backslash escapes
    /// inside quotes, a word starting with # ends the line; <c>Keyword=value</c> and <c>Keyword = value</c> are one keyword
    /// and its value.</summary>
    internal static List<string> Tokens(string line, out MessageText? error)
    {
        error = null;
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            if (line[i] == '#') break;
            var word = new StringBuilder();
            if (line[i] is '"' or '\'')
            {
                var quote = line[i++];
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && (line[i + 1] == quote || line[i + 1] == '\\')) { word.Append(line[i + 1]); i += 2; continue; }
                    if (line[i] == quote) { closed = true; i++; break; }
                    word.Append(line[i++]);
                }
                if (!closed) { error = Msg.ConfigUnterminatedQuote.Text; return []; }
            }
            else
                while (i < line.Length && !char.IsWhiteSpace(line[i])) word.Append(line[i++]);
            words.Add(word.ToString());
        }
        // The first '=' joins keyword and value: "A=b", "A= b", "A =b", "A = b".
        if (words.Count > 0)
        {
            var eq = words[0].IndexOf('=');
            if (eq > 0)
            {
                var rest = words[0][(eq + 1)..];
                words[0] = words[0][..eq];
                if (rest.Length > 0) words.Insert(1, rest);
            }
            else if (words.Count > 1 && words[1].StartsWith('='))
            {
                if (words[1].Length == 1) words.RemoveAt(1);
                else words[1] = words[1][1..];
            }
        }
        return words;
    }

    /// <summary><c>sshd -T</c>'s output: one <c>keyword value…</c> per line, keywords in lower case. Only the judged keywords
    /// are kept; a judged keyword printed twice, or a line that is not <c>keyword value</c>, is a problem.</summary>
    public static (IReadOnlyDictionary<string, string> Values, IReadOnlyList<ConfigProblem> Problems) ParseTestOutput(string output, string source = "sshd -T")
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        foreach (var (number, line) in TextLines.Of(output))
        {
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            var keyword = space < 0 ? line : line[..space];
            if (keyword.Length == 0 || !keyword.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            {
                problems.Add(new ConfigProblem(source, number, Msg.ConfigNotKeywordValue.Text));
                continue;
            }
            if (!JudgedSet.Contains(keyword)) continue;
            if (space < 0) { problems.Add(new ConfigProblem(source, number, Msg.ConfigNoValue.With(keyword))); continue; }
            if (!values.TryAdd(keyword, line[(space + 1)..].Trim()))
                problems.Add(new ConfigProblem(source, number, Msg.ConfigPrintedTwice.With(keyword)));
        }
        return (values, problems);
    }
}
