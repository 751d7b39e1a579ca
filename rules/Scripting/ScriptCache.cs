using System.Security.Cryptography;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;

namespace Iq.Rules.Scripting;

/// <summary>The folder of compiled scripts. A compiled script is code that runs in the audit, so the cache must be the
/// user's alone: a folder others can write to (or owned by someone else) is not used, with a warning, and scripts are
/// compiled afresh. Each assembly is stored with its SHA-256 beside it and checked before it is loaded: one that does not
/// match (cut short, altered) is compiled again.</summary>
sealed class ScriptCache
{
    readonly string _dir;

    ScriptCache(string dir) => _dir = dir;

    public static ScriptCache? Open(string dir, DiagnosticBag diagnostics)
    {
        try
        {
            if (FileFacts.Of(dir).Kind == FileKind.Missing)
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
                else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (!Private(dir))
        {
            diagnostics.Warning(Messages.Msg.ScriptCacheShared.With(dir), SourceSpan.None(dir));
            return null;
        }
        return new ScriptCache(dir);
    }

    /// <summary>A folder (or file) that is ours and that neither group nor others may write.</summary>
    static bool Private(string path)
    {
        if (!OperatingSystem.IsLinux()) return true;
        var facts = FileFacts.Of(path, followLinks: false);
        if (facts.Kind == FileKind.Link) facts = FileFacts.Of(path);
        return facts.Exists && facts.Owner == Unix.GetEuid() && (facts.Mode & 0b000_010_010) == 0;
    }

    string Dll(string key) => Path.Combine(_dir, key + ".dll");
    string Sum(string key) => Path.Combine(_dir, key + ".sha256");

    public byte[]? Load(string key, DiagnosticBag diagnostics)
    {
        if (FileFacts.Of(Dll(key)).Kind != FileKind.Regular) return null;
        try
        {
            if (!Private(Dll(key)) || !Private(Sum(key)))
            {
                diagnostics.Warning(Messages.Msg.ScriptCacheDllShared.With(Dll(key)), SourceSpan.None(Dll(key)));
                return null;
            }
            var bytes = InputFiles.ReadAllBytes(Dll(key), InputKind.Model);
            var recorded = InputFiles.ReadAllText(Sum(key), InputKind.Text).Trim();
            if (!string.Equals(recorded, Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparison.Ordinal))
            {
                diagnostics.Warning(Messages.Msg.ScriptCacheHash.With(Dll(key)), SourceSpan.None(Dll(key)));
                return null;
            }
            return bytes;
        }
        catch (IOException) { return null; }
    }

    public void Store(string key, byte[] bytes)
    {
        // A cache we cannot write only costs the next run a compile.
        try
        {
            using var outputs = new Outputs();
            outputs.Add(Sum(key), s => s.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\n")));
            outputs.Add(Dll(key), s => s.Write(bytes));
            outputs.Commit();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Forget(string key)
    {
        try { File.Delete(Dll(key)); File.Delete(Sum(key)); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A <c>csharp</c> block that did not return within its time limit. Its thread cannot be stopped, so the audit
/// ends: exit 2, naming the item and the block.</summary>
public sealed class ScriptTimeoutException(string item, SourceSpan span, TimeSpan limit)
    : Exception($"the csharp block of item '{item}' did not return within {Format(limit)} (--script-timeout)")
{
    public string Item { get; } = item;
    public SourceSpan Span { get; } = span;

    public TimeSpan Limit { get; } = limit;

    public Diagnostic ToDiagnostic() => Diagnostic.Error(Messages.Msg.ScriptTimeout.With(Item, Format(Limit)), Span);

    static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0} ms";
}
