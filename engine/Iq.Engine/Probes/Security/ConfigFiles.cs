using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using System.IO.Enumeration;

namespace Iq.Engine.Probes.Security;

/// <summary>A problem in a file a probe read, where it is: <c>FILE:LINE: problem</c>. Readers return these as data; a
/// group of facts with a problem becomes missing evidence naming the file and line, never a guess. The problem is a fact
/// reason of the catalog (IQ73xx, or IQ736x for a file that cannot be read), quoted in the reason the probe stores, so that
/// a report words it in its language; what the file itself says (a keyword, a value, a line) stays as written.</summary>
public sealed record ConfigProblem(string File, int Line, MessageText Problem)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Problem}" : $"{File}: {Problem}";

    /// <summary>The problem as a fact reason (its English text is <see cref="ToString"/>'s), the problem nested in it.</summary>
    public MessageText Text => Line > 0
        ? Msg.ProbeConfigProblem.With(File, Line, Problem)
        : Msg.ProbeConfigProblemInFile.With(File, Problem);

    /// <summary>The first problem, and how many more: the reason a fact becomes an error.</summary>
    public static MessageText Summary(IReadOnlyList<ConfigProblem> problems) =>
        problems.Count == 1 ? problems[0].Text : Msg.ProbeConfigProblems.With(problems[0].Text, problems.Count - 1);
}

/// <summary>How readers see files: absolute paths, read through a probe root (a fixture in tests), bounded in size and
/// number, globs expanded in lexical order as glob(3) does for the tools whose files these are.</summary>
public interface IConfigSource
{
    /// <summary>The file's text, or null when it does not exist (or cannot be read: <paramref name="problem"/> says why, without
    /// the file's name, which the caller gives, as a fact reason: IQ736x).</summary>
    string? Read(string absolute, out MessageText? problem);

    /// <summary>Files matching a pattern whose last part may hold <c>*</c>, <c>?</c> and <c>[…]</c>, sorted.</summary>
    IReadOnlyList<string> Glob(string absolutePattern);

    /// <summary>Files directly in a folder, sorted by name.</summary>
    IReadOnlyList<string> List(string absoluteFolder);
}

/// <summary>Files under a probe root, read through the bounded input path: a FIFO, a device, a folder or a file over the
/// limit (<see cref="InputKind.Config"/>) placed where a configuration file belongs is refused by name, never opened or
/// read without end.</summary>
public sealed class ProbeFiles(ProbeContext ctx) : IConfigSource
{
    const int MaxEntries = 10_000;

    public string? Read(string absolute, out MessageText? problem)
    {
        problem = null;
        // The caller names the file (ConfigProblem): the problem is only why. The runtime's own words stay as they are.
        try { return InputFiles.ReadAllText(ctx.Path(absolute), InputKind.Config); }
        catch (InputFileException e) when (e.Code == Codes.FileNotFound) { return null; }
        catch (InputFileException e) { problem = e.FactReason; }
        catch (IOException e) { problem = Msg.ReadIoFailed.With(e.Message); }
        return null;
    }

    public IReadOnlyList<string> Glob(string absolutePattern)
    {
        var slash = absolutePattern.LastIndexOf('/');
        if (slash < 0) return [];
        var folder = absolutePattern[..slash];
        var pattern = absolutePattern[(slash + 1)..];
        if (folder.IndexOfAny(['*', '?', '[']) >= 0) return []; // wildcards in folder names: not followed (said in the docs)
        return List(folder.Length == 0 ? "/" : folder).Where(f => GlobMatch(pattern, f[(f.LastIndexOf('/') + 1)..])).ToList();
    }

    public IReadOnlyList<string> List(string absoluteFolder)
    {
        var dir = ctx.Path(absoluteFolder);
        try
        {
            if (!Directory.Exists(dir)) return [];
            return Directory.EnumerateFiles(dir).Take(MaxEntries).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .Select(n => absoluteFolder.TrimEnd('/') + "/" + n).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>glob(3) on one name: <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[!a-z]</c>; a leading dot matched only by a dot.</summary>
    public static bool GlobMatch(string pattern, string name)
    {
        if (pattern.Length == 0 || name.Length == 0) return pattern.Length == name.Length;
        if (name.StartsWith('.') && !pattern.StartsWith('.')) return false;
        if (pattern.IndexOf('[') < 0) return FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false);
        return Match(0, 0);

        bool Match(int p, int n)
        {
            while (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    for (var k = n; k <= name.Length; k++)
                        if (Match(p + 1, k)) return true;
                    return false;
                }
                if (n >= name.Length) return false;
                if (c == '?') { p++; n++; continue; }
                if (c == '[')
                {
                    var close = pattern.IndexOf(']', p + 2);
                    if (close < 0) { if (name[n] != '[') return false; p++; n++; continue; }
                    var set = pattern[(p + 1)..close];
                    var negate = set.StartsWith('!') || set.StartsWith('^');
                    if (negate) set = set[1..];
                    var hit = false;
                    for (var i = 0; i < set.Length; i++)
                    {
                        if (i + 2 < set.Length && set[i + 1] == '-') { hit |= name[n] >= set[i] && name[n] <= set[i + 2]; i += 2; }
                        else hit |= name[n] == set[i];
                    }
                    if (hit == negate) return false;
                    p = close + 1; n++;
                    continue;
                }
                if (c != name[n]) return false;
                p++; n++;
            }
            return n == name.Length;
        }
    }
}

/// <summary>Files given in memory: for tests and property tests of the readers.</summary>
public sealed class InMemoryFiles(IReadOnlyDictionary<string, string> files) : IConfigSource
{
    public string? Read(string absolute, out MessageText? problem)
    {
        problem = null;
        return files.GetValueOrDefault(absolute);
    }

    public IReadOnlyList<string> Glob(string absolutePattern)
    {
        var slash = absolutePattern.LastIndexOf('/');
        if (slash < 0) return [];
        var folder = absolutePattern[..(slash + 1)];
        var pattern = absolutePattern[(slash + 1)..];
        return files.Keys.Where(k => k.StartsWith(folder, StringComparison.Ordinal) && k.IndexOf('/', folder.Length) < 0
                                     && ProbeFiles.GlobMatch(pattern, k[folder.Length..])).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> List(string absoluteFolder) => Glob(absoluteFolder.TrimEnd('/') + "/*");
}

/// <summary>Lines of a text file, numbered from 1, without line ends.</summary>
static class TextLines
{
    public static IEnumerable<(int Number, string Text)> Of(string text)
    {
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            yield return (n, raw.EndsWith('\r') ? raw[..^1] : raw);
        }
    }

    /// <summary>Lines joined where one ends with a backslash (sudoers, PAM, audit rules files), keeping the first line's number.</summary>
    public static IEnumerable<(int Number, string Text)> Continued(string text)
    {
        var pending = new System.Text.StringBuilder();
        var start = 0;
        foreach (var (n, line) in Of(text))
        {
            if (pending.Length == 0) start = n;
            if (line.EndsWith('\\') && !line.EndsWith("\\\\", StringComparison.Ordinal))
            {
                pending.Append(line, 0, line.Length - 1).Append(' ');
                continue;
            }
            pending.Append(line);
            yield return (start, pending.ToString());
            pending.Clear();
        }
        if (pending.Length > 0) yield return (start, pending.ToString());
    }
}
