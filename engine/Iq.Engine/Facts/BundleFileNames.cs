using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;

namespace Iq.Engine.Facts;

/// <summary>Which files of a bundle folder are fact documents, and which are refused (docs/facts.md): the one declaration
/// every command that lists a bundle folder asks (the bundle reader, <c>iq fleet run</c>'s bundle discovery and key, the
/// TLS probe's plan scan, <c>iq seal DIR</c>, <c>iq redact</c>). A document is a file named <c>*.json</c> in lower case,
/// hidden ones included. A name ending in <c>.json</c> in another case (<c>plan.JSON</c>, <c>plan.Json</c>) looks like
/// evidence that a case-sensitive listing would leave out without a word, so it is refused by name, never skipped. Any
/// other file (a seal, <c>README.txt</c>, <c>plan.json.bak</c>) is not a document. A document or a document's seal that is
/// a symbolic link is refused too (docs/trust.md): it makes the bundle a file outside the folder, which a copy or an archive
/// of the folder does not hold and which changes without the folder changing, so what was audited and what a lab verifies
/// could differ. A hard link is the file itself (read and verified alike, as a copy would be) and is read.</summary>
public static class BundleFileNames
{
    public const string Extension = ".json";

    /// <summary>A fact document's name: ends in <c>.json</c>, lower case.</summary>
    public static bool IsDocument(ReadOnlySpan<char> name) => name.EndsWith(Extension, StringComparison.Ordinal);

    /// <summary>Named like a fact document but refused: ends in <c>.json</c> in another case.</summary>
    public static bool IsRefused(ReadOnlySpan<char> name) =>
        name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && !IsDocument(name);

    /// <summary>A document's seal's name (<c>plan.json.seal</c>).</summary>
    public static bool IsSeal(ReadOnlySpan<char> name) =>
        name.EndsWith(Trust.Seals.Extension, StringComparison.Ordinal) && IsDocument(name[..^Trust.Seals.Extension.Length]);

    /// <summary>A document or a refused one: either makes its folder a bundle, whose reading then says what it found.</summary>
    public static bool NamesEvidence(ReadOnlySpan<char> name) => name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>A folder's files (not its subfolders) as the paths the listing gives: its documents and its refused
    /// files (a name in another case; a document or a seal that is a symbolic link), each sorted by name (ordinal), the
    /// order the bundle reader reads them in.</summary>
    public sealed record Listing(IReadOnlyList<string> Documents, IReadOnlyList<string> Refused);

    /// <summary>One listing of the folder, every file included (hidden ones too). Throws as
    /// <see cref="Directory.EnumerateFiles(string)"/> does when the folder cannot be listed.</summary>
    public static Listing List(string folder)
    {
        var documents = new List<string>();
        var refused = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file.AsSpan());
            if (IsRefused(name) || ((IsDocument(name) || IsSeal(name)) && IsLink(file))) refused.Add(file);
            else if (IsDocument(name)) documents.Add(file);
        }
        documents.Sort(StringComparer.Ordinal);
        refused.Sort(StringComparer.Ordinal);
        return new Listing(documents, refused);
    }

    /// <summary>The path is a symbolic link itself (whatever it points to, or nothing).</summary>
    static bool IsLink(string file) => FileFacts.Of(file, followLinks: false).Kind is FileKind.Link;

    /// <summary>The refusal of a file of <paramref name="folder"/> (IQ4003), naming it and saying what to do (the name it
    /// should have; or that it is a link, and to what); the same words wherever a bundle is listed.</summary>
    public static Diagnostic Refusal(string folder, string file)
    {
        var name = Path.GetFileName(file);
        var where = SourceSpan.None(Path.Combine(folder, name).Replace('\\', '/'));
        if (IsRefused(name)) return Diagnostic.Error(Msg.DocumentNotLowerCase.With(name[..^Extension.Length] + Extension), where);
        string target;
        try { target = new FileInfo(file).LinkTarget ?? "?"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { target = "?"; }
        return Diagnostic.Error(Msg.DocumentIsLink.With(target), where);
    }
}
