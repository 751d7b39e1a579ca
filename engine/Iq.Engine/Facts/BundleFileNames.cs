using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Engine.Facts;

/// <summary>Which files of a bundle folder are fact documents, and which are refused (docs/facts.md): the one declaration
/// every command that lists a bundle folder asks (the bundle reader, <c>iq fleet run</c>'s bundle discovery and key, the
/// TLS probe's plan scan, <c>iq seal DIR</c>, <c>iq redact</c>). A document is a file named <c>*.json</c> in lower case,
/// hidden ones included. A name ending in <c>.json</c> in another case (<c>plan.JSON</c>, <c>plan.Json</c>) looks like
/// evidence that a case-sensitive listing would leave out without a word, so it is refused by name, never skipped. Any
/// other file (a seal, <c>README.txt</c>, <c>plan.json.bak</c>) is not a document.</summary>
public static class BundleFileNames
{
    public const string Extension = ".json";

    /// <summary>A fact document's name: ends in <c>.json</c>, lower case.</summary>
    public static bool IsDocument(ReadOnlySpan<char> name) => name.EndsWith(Extension, StringComparison.Ordinal);

    /// <summary>Named like a fact document but refused: ends in <c>.json</c> in another case.</summary>
    public static bool IsRefused(ReadOnlySpan<char> name) =>
        name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && !IsDocument(name);

    /// <summary>A document or a refused one: either makes its folder a bundle, whose reading then says what it found.</summary>
    public static bool NamesEvidence(ReadOnlySpan<char> name) => name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>A folder's files (not its subfolders) as the paths the listing gives: its documents and its refused
    /// names, each sorted by name (ordinal), the order the bundle reader reads them in.</summary>
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
            if (IsDocument(name)) documents.Add(file);
            else if (IsRefused(name)) refused.Add(file);
        }
        documents.Sort(StringComparer.Ordinal);
        refused.Sort(StringComparer.Ordinal);
        return new Listing(documents, refused);
    }

    /// <summary>The refusal of a name in <paramref name="folder"/> (IQ4003), naming the file and the name it should have;
    /// the same words wherever a bundle is listed.</summary>
    public static Diagnostic Refusal(string folder, string file)
    {
        var name = Path.GetFileName(file);
        return Diagnostic.Error(Msg.DocumentNotLowerCase.With(name[..^Extension.Length] + Extension),
            SourceSpan.None(Path.Combine(folder, name).Replace('\\', '/')));
    }
}
