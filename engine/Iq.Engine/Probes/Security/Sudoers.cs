using Iq.Rules.Messages;
using System.Text;

namespace Iq.Engine.Probes.Security;

/// <summary>A sudo rule found: who it is for (a user, %group, alias, or Defaults), the rule as written, where.</summary>
public sealed record SudoRule(string Who, string Rule, string File, int Line);

public sealed record SudoFindings(
    IReadOnlyList<SudoRule> Nopasswd,
    IReadOnlyList<SudoRule> Unrestricted,
    IReadOnlyDictionary<string, IReadOnlyList<string>> UserAliases,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigProblem> Problems);

/// <summary>sudoers(5) as far as least privilege needs it: user specifications
/// <c>users hosts = (runas) TAGS: commands [: hosts = …]</c> with tags and run-as carried along a command list,
/// aliases, <c>Defaults</c> (where <c>!authenticate</c> is an exemption for everyone it binds), <c>@include</c>,
/// <c>@includedir</c> and their <c>#</c> forms, backslash continuations and escapes. A line it cannot read is a problem
/// naming the file and line (sudo itself refuses a file with a syntax error). Checked against <c>visudo -c</c> in the tests.</summary>
public static class Sudoers
{
    public const string MainFile = "/etc/sudoers";
    const int MaxDepth = 16;
    const int MaxFiles = 256;

    static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "NOPASSWD", "PASSWD", "NOEXEC", "EXEC", "SETENV", "NOSETENV", "LOG_INPUT", "NOLOG_INPUT", "LOG_OUTPUT", "NOLOG_OUTPUT",
        "MAIL", "NOMAIL", "FOLLOW", "NOFOLLOW", "INTERCEPT", "NOINTERCEPT",
    };
    static readonly HashSet<string> Options = new(StringComparer.Ordinal) { "ROLE", "TYPE", "CWD", "CHROOT", "TIMEOUT", "NOTBEFORE", "NOTAFTER", "APPARMOR_PROFILE" };
    static readonly HashSet<string> Digests = new(StringComparer.Ordinal) { "sha224", "sha256", "sha384", "sha512" };
    static readonly HashSet<string> AliasKinds = new(StringComparer.Ordinal) { "User_Alias", "Runas_Alias", "Host_Alias", "Cmnd_Alias", "Cmd_Alias" };

    enum T { Word, Comma, Colon, Equals, Bang, Paren }
    readonly record struct Token(T Kind, string Text);

    sealed record Command(string Text, bool Negated, string? Runas, bool Nopasswd);

    public static SudoFindings Read(IConfigSource files, string main = MainFile)
    {
        var problems = new List<ConfigProblem>();
        var read = new List<string>();
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal); // "Cmnd:NAME" → items
        var specs = new List<(List<string> Users, List<Command> Commands, string Rule, string File, int Line)>();
        var nopasswd = new List<SudoRule>();
        ReadFile(main, 0, null, 0);

        var unrestricted = new List<SudoRule>();
        foreach (var (users, commands, rule, file, line) in specs)
        {
            foreach (var user in users.Where(u => !u.StartsWith('!')).Distinct())
            {
                if (commands.Any(c => c.Nopasswd)) nopasswd.Add(new SudoRule(user, rule, file, line));
                if (user is "root" or "#0") continue;
                if (commands.Any(c => !c.Negated && RunsAsRoot(c.Runas) && Expands("Cmnd", c.Text).Contains("ALL")))
                    unrestricted.Add(new SudoRule(user, rule, file, line));
            }
        }
        var userAliases = aliases.Where(a => a.Key.StartsWith("User:", StringComparison.Ordinal))
            .ToDictionary(a => a.Key[5..], a => (IReadOnlyList<string>)Expands("User", a.Key[5..]).ToList(), StringComparer.Ordinal);
        return new SudoFindings(nopasswd, unrestricted, userAliases, read, problems);

        bool RunsAsRoot(string? runas)
        {
            if (runas is null) return true; // no run-as list: root
            var users = runas.Split(':')[0];
            if (users.Trim().Length == 0) return runas.IndexOf(':') < 0; // "()" is root; "(:group)" keeps the invoking user
            return users.Split(',').Select(u => u.Trim()).Where(u => !u.StartsWith('!'))
                .SelectMany(u => Expands("Runas", u)).Any(u => u is "ALL" or "root" or "#0");
        }

        HashSet<string> Expands(string kind, string item)
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            Walk(item, 0);
            return result;

            void Walk(string name, int depth)
            {
                if (depth > MaxDepth) return;
                if (aliases.TryGetValue(kind + ":" + name, out var members))
                    foreach (var m in members.Where(m => !m.StartsWith('!'))) Walk(m, depth + 1);
                else result.Add(name);
            }
        }

        void ReadFile(string file, int depth, string? fromFile, int fromLine)
        {
            if (depth > MaxDepth || read.Count >= MaxFiles)
            {
                problems.Add(new ConfigProblem(fromFile ?? file, fromLine, Msg.ConfigSudoIncludesTooDeep.Text));
                return;
            }
            var text = files.Read(file, out var problem);
            if (problem is not null) problems.Add(new ConfigProblem(file, 0, problem));
            if (text is null)
            {
                if (problem is null && (depth == 0 || fromFile is not null)) problems.Add(new ConfigProblem(file, 0, Msg.ConfigNotFound.Text));
                return;
            }
            read.Add(file);
            var folder = file[..Math.Max(1, file.LastIndexOf('/'))];
            foreach (var (number, raw) in TextLines.Continued(text))
            {
                var line = raw.Trim();
                if (Directive(line, out var directive, out var target))
                {
                    if (target.Length == 0) { problems.Add(new ConfigProblem(file, number, Msg.ConfigDirectiveNoPath.With(directive))); continue; }
                    var path = target.StartsWith('/') ? target : folder + "/" + target;
                    if (directive.EndsWith("includedir", StringComparison.Ordinal))
                    {
                        // sudo skips names that end in ~ or contain a dot (editor backups, package leftovers).
                        foreach (var f in files.List(path).Where(f => { var n = f[(f.LastIndexOf('/') + 1)..]; return !n.EndsWith('~') && !n.Contains('.'); }))
                            ReadFile(f, depth + 1, null, 0);
                    }
                    else ReadFile(path, depth + 1, file, number);
                    continue;
                }
                var tokens = Tokenize(StripComment(line), out var error);
                if (error is not null) { problems.Add(new ConfigProblem(file, number, error)); continue; }
                if (tokens.Count == 0) continue;
                var first = tokens[0].Text;
                if (tokens[0].Kind == T.Word && AliasKinds.Contains(first)) { Alias(tokens, file, number); continue; }
                if (tokens[0].Kind == T.Word && (first == "Defaults" || first.StartsWith("Defaults", StringComparison.Ordinal) && first.Length > 8 && first[8] is '@' or '>')
                    || line.StartsWith("Defaults:", StringComparison.Ordinal) || line.StartsWith("Defaults!", StringComparison.Ordinal))
                { Defaults(StripComment(line).Trim(), file, number); continue; }
                UserSpec(tokens, line, file, number);
            }
        }

        void Alias(List<Token> tokens, string file, int number)
        {
            var kind = tokens[0].Text switch { "User_Alias" => "User", "Runas_Alias" => "Runas", "Host_Alias" => "Host", _ => "Cmnd" };
            var i = 1;
            while (i < tokens.Count)
            {
                if (tokens[i].Kind != T.Word || i + 1 >= tokens.Count || tokens[i + 1].Kind != T.Equals)
                {
                    problems.Add(new ConfigProblem(file, number, Msg.ConfigAliasNotList.With(tokens[0].Text)));
                    return;
                }
                var name = tokens[i].Text;
                i += 2;
                var members = new List<string>();
                var current = new StringBuilder();
                var negated = false;
                for (; i < tokens.Count && tokens[i].Kind != T.Colon || i < tokens.Count && kind == "Cmnd" && IsDigestColon(tokens, i); i++)
                {
                    var t = tokens[i];
                    if (t.Kind == T.Comma) { Flush(); continue; }
                    if (t.Kind == T.Bang && current.Length == 0) { negated = !negated; continue; }
                    if (current.Length > 0) current.Append(' ');
                    current.Append(t.Kind == T.Paren ? "(" + t.Text + ")" : t.Kind == T.Colon ? ":" : t.Text);
                }
                Flush();
                if (members.Count == 0) problems.Add(new ConfigProblem(file, number, Msg.ConfigAliasEmpty.With(tokens[0].Text, name)));
                aliases[kind + ":" + name] = members;
                if (i < tokens.Count) i++; // ':' before the next alias of the same kind

                void Flush()
                {
                    if (current.Length > 0) members.Add((negated ? "!" : "") + current);
                    current.Clear();
                    negated = false;
                }
            }
        }

        void Defaults(string line, string file, int number)
        {
            // Defaults, Defaults:users, Defaults@hosts, Defaults!commands, Defaults>runas: the binding is the first word.
            var end = line.IndexOfAny([' ', '\t']);
            var binding = end < 0 ? line : line[..end];
            var parameters = Tokenize(end < 0 ? "" : line[end..], out var error);
            if (error is not null) { problems.Add(new ConfigProblem(file, number, error)); return; }
            var negate = false;
            foreach (var t in parameters)
            {
                if (t.Kind == T.Bang) { negate = !negate; continue; }
                if (t.Kind == T.Word && t.Text == "authenticate" && negate) nopasswd.Add(new SudoRule(binding, line, file, number));
                negate = false;
            }
        }

        void UserSpec(List<Token> tokens, string line, string file, int number)
        {
            var i = 0;
            var users = List(tokens, ref i);
            var hosts = List(tokens, ref i);
            if (users.Count == 0 || hosts.Count == 0 || i >= tokens.Count || tokens[i].Kind != T.Equals)
            {
                problems.Add(new ConfigProblem(file, number, Msg.ConfigNotSudoRule.Text));
                return;
            }
            i++;
            var commands = new List<Command>();
            string? runas = null;
            var nopass = false;
            while (true)
            {
                if (i < tokens.Count && tokens[i].Kind == T.Paren) { runas = tokens[i].Text; i++; }
                while (i + 2 < tokens.Count && tokens[i].Kind == T.Word && Options.Contains(tokens[i].Text) && tokens[i + 1].Kind == T.Equals) i += 3;
                while (i + 1 < tokens.Count && tokens[i].Kind == T.Word && Tags.Contains(tokens[i].Text) && tokens[i + 1].Kind == T.Colon)
                {
                    if (tokens[i].Text == "NOPASSWD") nopass = true;
                    else if (tokens[i].Text == "PASSWD") nopass = false;
                    i += 2;
                }
                while (i + 2 < tokens.Count && IsDigestColon(tokens, i + 1)) i += 3;
                var negated = false;
                while (i < tokens.Count && tokens[i].Kind == T.Bang) { negated = !negated; i++; }
                var words = new List<string>();
                while (i < tokens.Count && tokens[i].Kind == T.Word) words.Add(tokens[i++].Text);
                if (words.Count == 0)
                {
                    problems.Add(new ConfigProblem(file, number, Msg.ConfigSudoNoCommand.Text));
                    return;
                }
                commands.Add(new Command(string.Join(' ', words), negated, runas, nopass));
                if (i >= tokens.Count) break;
                if (tokens[i].Kind == T.Comma) { i++; continue; }
                if (tokens[i].Kind == T.Colon)
                {
                    // ": hosts = commands": another host list for the same users; run-as and tags start afresh.
                    i++;
                    if (List(tokens, ref i).Count == 0 || i >= tokens.Count || tokens[i].Kind != T.Equals)
                    {
                        problems.Add(new ConfigProblem(file, number, Msg.ConfigSudoAfterColon.Text));
                        return;
                    }
                    i++;
                    runas = null;
                    nopass = false;
                    continue;
                }
                problems.Add(new ConfigProblem(file, number, Msg.ConfigSudoUnexpected.With(tokens[i].Text)));
                return;
            }
            specs.Add((users, commands, line, file, number));
        }
    }

    static bool IsDigestColon(List<Token> tokens, int colon) =>
        colon > 0 && colon < tokens.Count && tokens[colon].Kind == T.Colon && tokens[colon - 1].Kind == T.Word && Digests.Contains(tokens[colon - 1].Text);

    /// <summary>A comma-separated list of (possibly negated) words; stops at the first word not preceded by a comma.</summary>
    static List<string> List(List<Token> tokens, ref int i)
    {
        var items = new List<string>();
        while (i < tokens.Count)
        {
            var negated = false;
            while (i < tokens.Count && tokens[i].Kind == T.Bang) { negated = !negated; i++; }
            if (i >= tokens.Count || tokens[i].Kind != T.Word) break;
            items.Add((negated ? "!" : "") + tokens[i].Text);
            i++;
            if (i < tokens.Count && tokens[i].Kind == T.Comma) { i++; continue; }
            break;
        }
        return items;
    }

    /// <summary>@include, @includedir, #include, #includedir.</summary>
    static bool Directive(string line, out string directive, out string target)
    {
        foreach (var d in new[] { "@includedir", "#includedir", "@include", "#include" })
        {
            if (line.StartsWith(d, StringComparison.Ordinal) && (line.Length == d.Length || char.IsWhiteSpace(line[d.Length])))
            {
                directive = d;
                target = line[d.Length..].Trim().Trim('"');
                return true;
            }
        }
        directive = target = "";
        return false;
    }

    /// <summary>A # starts a comment unless escaped or followed by a digit (#1000 is a UID).</summary>
    static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0) return line;
                i = close;
                continue;
            }
            if (line[i] == '#' && !(i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]))) return line[..i];
        }
        return line;
    }

    static List<Token> Tokenize(string line, out MessageText? error)
    {
        error = null;
        var tokens = new List<Token>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            switch (c)
            {
                case ',': tokens.Add(new Token(T.Comma, ",")); i++; continue;
                case ':': tokens.Add(new Token(T.Colon, ":")); i++; continue;
                case '=': tokens.Add(new Token(T.Equals, "=")); i++; continue;
                case '!': tokens.Add(new Token(T.Bang, "!")); i++; continue;
                case '(':
                {
                    var close = line.IndexOf(')', i);
                    if (close < 0) { error = Msg.ConfigUnclosedParen.Text; return []; }
                    tokens.Add(new Token(T.Paren, line[(i + 1)..close].Trim()));
                    i = close + 1;
                    continue;
                }
                case ')': error = Msg.ConfigUnexpectedParen.Text; return [];
                case '"':
                {
                    var close = line.IndexOf('"', i + 1);
                    if (close < 0) { error = Msg.ConfigUnterminatedQuote.Text; return []; }
                    tokens.Add(new Token(T.Word, line[(i + 1)..close]));
                    i = close + 1;
                    continue;
                }
            }
            var word = new StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not (',' or ':' or '=' or '!' or '(' or ')' or '"'))
            {
                if (line[i] == '\\' && i + 1 < line.Length) { word.Append(line[i + 1]); i += 2; continue; }
                word.Append(line[i++]);
            }
            tokens.Add(new Token(T.Word, word.ToString()));
        }
        return tokens;
    }
}
