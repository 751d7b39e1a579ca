using System.Security.Cryptography;
using Iq.Rules.Ast;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Syntax;

namespace Iq.Rules.Compilation;

/// <summary>A checklist to load: a file, or text held in memory that <see cref="File"/> names in diagnostics and
/// anchors relative <c>extends</c> for.</summary>
public sealed record ChecklistSource(string File, string? Text)
{
    public static ChecklistSource FromFile(string path) => new(path, null);
    public static ChecklistSource FromText(string text, string file) => new(file, text);
}

/// <summary>The one place a checklist is read with its <c>extends</c> chain: the file (size, encoding), its base found
/// beside it or among the bundled checklists, that base's base …, each parsed. Every compile, and every command that
/// compiles, comes through here.</summary>
static class ChecklistLoader
{
    const int MaxExtendsDepth = 16;

    /// <summary>The checklist and the bases it extends, parsed, base first; null when one of them could not be read
    /// or parsed, or the chain is broken (a cycle, a missing base), with the diagnostics saying where.</summary>
    public static List<(ChecklistSyntax Syntax, SourceFile Source)>? Load(ChecklistSource checklist, CompileOptions options, DiagnosticBag diagnostics)
    {
        var (path, text) = (checklist.File, checklist.Text);
        var chain = new List<(ChecklistSyntax, SourceFile)>();
        var seen = new List<string>();
        var display = path;
        SourceSpan? referencedAt = null;
        while (true)
        {
            var full = Path.GetFullPath(path);
            if (seen.Contains(full))
            {
                var names = seen.Append(full).Select(Path.GetFileName);
                diagnostics.Error(Msg.ExtendsCycle.With(string.Join(" → ", names)), referencedAt!);
                return null;
            }
            if (seen.Count == MaxExtendsDepth)
            {
                diagnostics.Error(Msg.ExtendsTooDeep.With(MaxExtendsDepth), referencedAt!);
                return null;
            }
            seen.Add(full);
            // A base is another file: its syntax errors give the place, never its text (extends "/etc/shadow" through a
            // link must not print the file).
            var bag = chain.Count == 0 ? diagnostics : new DiagnosticBag();
            var bytes = text is not null && chain.Count == 0
                ? System.Text.Encoding.UTF8.GetBytes(text)
                : SourceText.ReadBytes(path, display, bag);
            var source = bytes is null ? null : SourceText.Decode(bytes, display, bag);
            var syntax = source is null ? null : ChecklistParser.Parse(source, display, bag);
            if (!ReferenceEquals(bag, diagnostics)) diagnostics.AddRange(bag.Items.Select(Unquoted));
            if (syntax is null) return null;
            chain.Insert(0, (syntax, new SourceFile(display, Convert.ToHexStringLower(SHA256.HashData(bytes!))) { Checklist = syntax.Header.Id }));
            if (syntax.Header.Extends is not { } baseName) return chain;
            referencedAt = syntax.Header.ExtendsSpan;
            if (!baseName.EndsWith(".iq", StringComparison.Ordinal))
            {
                diagnostics.Error(Msg.ExtendsNotChecklist.With(baseName), referencedAt!);
                return null;
            }
            var resolved = Resolve(path, baseName, options);
            if (resolved is not null && FileFacts.Of(resolved).Kind == FileKind.Regular
                && InputFiles.Resolve(resolved) is { } target && !target.EndsWith(".iq", StringComparison.Ordinal))
            {
                diagnostics.Error(Msg.ExtendsLinkNotChecklist.With(baseName), referencedAt!);
                return null;
            }
            display = resolved ?? baseName;
            path = resolved ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", baseName);
            text = null;
            if (resolved is null)
            {
                diagnostics.Error(Msg.BaseNotFound.With(baseName), referencedAt!);
                return null;
            }
        }
    }

    /// <summary>A base's diagnostic without any of the base's text: the code and the place only.</summary>
    static Diagnostic Unquoted(Diagnostic d) => d.Code switch
    {
        Codes.NotText => d with { Text = Msg.NotTextUnquoted.Text },
        Codes.FileNotFound or Codes.FileTooLarge or Codes.NotRegularFile or Codes.CannotRead => d,
        _ when d.Code.StartsWith("IQ1", StringComparison.Ordinal) => d with { Text = Msg.BaseSyntaxError.Text with { CodeOf = d.Text } },
        _ => d,
    };

    /// <summary>Beside the checklist, else among the bundled ones. Anything that exists counts (a FIFO or a folder too), so
    /// that reading it says what is wrong instead of "not found".</summary>
    static string? Resolve(string from, string reference, CompileOptions options)
    {
        var dir = Path.GetDirectoryName(from);
        var local = string.IsNullOrEmpty(dir) ? reference : Path.Combine(dir, reference);
        if (Exists(local)) return local;
        foreach (var library in options.LibraryDirectories)
        {
            var candidate = Path.Combine(library, reference);
            if (Exists(candidate)) return candidate;
        }
        return null;

        static bool Exists(string p) => FileFacts.Of(p).Kind != FileKind.Missing || FileFacts.Of(p, followLinks: false).Kind == FileKind.Link;
    }
}
