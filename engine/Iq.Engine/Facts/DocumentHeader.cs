using System.Globalization;
using System.Text.Json;
using Iq.Rules.Binding;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Engine.Facts;

/// <summary>A source artefact a derived document was made from (a log, a JUnit report, an SBOM, a model), with its hash,
/// so that the document can be traced to the bytes it rests on. <see cref="Facts"/>: the fact paths taken from it, where the
/// document tells them apart (the losses from the vendor's training log): a row reading them names the artefact.</summary>
public sealed record SourceArtefact(string Path, string Sha256, long? Size)
{
    public IReadOnlyList<string> Facts { get; init; } = [];
}

/// <summary>What a fact document says about itself besides its facts: when and where it was collected, by which tool, how
/// its facts were obtained (<c>provenance</c>, with <c>fact_provenance</c> for facts a document obtained otherwise), and
/// the artefacts it was derived from (<c>sources</c>).</summary>
public sealed record DocumentHeader(
    DateTimeOffset? CollectedAt,
    string? Host,
    string? Tool,
    Provenance Provenance,
    IReadOnlyList<ProvenanceOverride> Overrides,
    IReadOnlyList<SourceArtefact> Sources)
{
    /// <summary>The members a fact document may have, besides <c>facts</c>.</summary>
    public static readonly IReadOnlySet<string> Members = new HashSet<string>(StringComparer.Ordinal)
        { "kind", "schema", "collected_at", "host", "tool", "facts", "comment", "provenance", "fact_provenance", "sources" };

    /// <summary>Whether any fact of the document claims more than the vendor's word (measured, imported, reviewed): such a
    /// document needs an intact seal to be taken at its word, since anyone can write the label.</summary>
    public bool ClaimsMoreThanDeclared => Provenance != Provenance.Declared || Overrides.Any(o => o.Provenance != Provenance.Declared);

    /// <summary>The provenance of the facts at <paramref name="path"/>: the most specific override at or above it, and any
    /// override below it (the item reads those facts too), else the document's.</summary>
    public IEnumerable<Provenance> Of(string path)
    {
        var above = Overrides.Where(o => ReadPathsOf.Under(path, o.Path)).MaxBy(o => o.Path.Length);
        yield return above?.Provenance ?? Provenance;
        foreach (var below in Overrides.Where(o => o.Path.Length > path.Length && ReadPathsOf.Under(o.Path, path)))
            yield return below.Provenance;
    }

    /// <summary>Reads the header members of a document of <paramref name="root"/>'s kind; problems go to
    /// <paramref name="error"/> with their JSON path.</summary>
    public static DocumentHeader Read(JsonElement document, FactRoot root, Action<string, MessageText> error)
    {
        DateTimeOffset? collectedAt = null;
        if (document.TryGetProperty("collected_at", out var at))
        {
            if (at.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var t)) collectedAt = t;
            else error("$.collected_at", Msg.HeaderDateTime.Text);
        }
        var provenance = root.Provenance;
        if (document.TryGetProperty("provenance", out var p))
        {
            if (p.ValueKind == JsonValueKind.String && ProvenanceNames.Parse(p.GetString()) is { } given) provenance = given;
            else error("$.provenance", Msg.HeaderExpected.With(Localized.OrList(ProvenanceNames.All)));
        }
        var overrides = new List<ProvenanceOverride>();
        if (document.TryGetProperty("fact_provenance", out var fp))
        {
            if (fp.ValueKind != JsonValueKind.Object) error("$.fact_provenance", Msg.HeaderFactProvenance.Text);
            else
                foreach (var o in fp.EnumerateObject())
                {
                    var at2 = $"$.fact_provenance.{o.Name}";
                    var path = ReadPathsOf.Normalize(o.Name.Trim());
                    if (ProvenanceNames.Parse(o.Value.ValueKind == JsonValueKind.String ? o.Value.GetString() : null) is not { } op)
                        error(at2, Msg.HeaderExpected.With(Localized.OrList(ProvenanceNames.All)));
                    else if (!IsPathOf(root, path))
                        error(at2, Msg.HeaderNotAFactPath.With(o.Name, root.Kind, root.Name, $"{root.Name}.{FirstMember(root)}"));
                    else overrides.Add(new ProvenanceOverride(path, op));
                }
        }
        var sources = new List<SourceArtefact>();
        if (document.TryGetProperty("sources", out var ss))
        {
            if (ss.ValueKind != JsonValueKind.Array) error("$.sources", Msg.HeaderSources.Text);
            else
            {
                var i = 0;
                foreach (var s in ss.EnumerateArray())
                {
                    var at3 = $"$.sources[{i++}]";
                    if (s.ValueKind != JsonValueKind.Object) { error(at3, Msg.HeaderSource.Text); continue; }
                    var path = s.TryGetProperty("path", out var sp) && sp.ValueKind == JsonValueKind.String ? sp.GetString() : null;
                    var sha = s.TryGetProperty("sha256", out var sh) && sh.ValueKind == JsonValueKind.String ? sh.GetString() : null;
                    long? size = s.TryGetProperty("size", out var sz) && sz.ValueKind == JsonValueKind.Number && sz.TryGetInt64(out var n) ? n : null;
                    var facts = new List<string>();
                    if (s.TryGetProperty("facts", out var sf))
                    {
                        if (sf.ValueKind != JsonValueKind.Array) error(at3 + ".facts", Msg.HeaderSourceFacts.With(root.Kind, root.Name));
                        else
                        {
                            var j = 0;
                            foreach (var f in sf.EnumerateArray())
                            {
                                var at4 = $"{at3}.facts[{j++}]";
                                var fact = f.ValueKind == JsonValueKind.String ? ReadPathsOf.Normalize(f.GetString()!.Trim()) : null;
                                if (fact is null || !IsPathOf(root, fact)) error(at4, Msg.HeaderSourceFacts.With(root.Kind, root.Name));
                                else facts.Add(fact);
                            }
                        }
                    }
                    if (path is null) error(at3 + ".path", Msg.HeaderSourcePath.Text);
                    else if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
                        error(at3 + ".sha256", Msg.HeaderSourceSha.Text);
                    else sources.Add(new SourceArtefact(path, sha, size) { Facts = facts });
                }
            }
        }
        string? Text(string name) => document.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new DocumentHeader(collectedAt, Text("host"), Text("tool"), provenance, overrides, sources);
    }

    static string FirstMember(FactRoot root) => root.Type is ObjectType o && o.Members.Count > 0 ? o.Members[0].Name : "…";

    /// <summary>Whether <paramref name="path"/> names facts of the root's type (members through objects, <c>[]</c> through
    /// lists and maps; anything below an <c>any</c>).</summary>
    static bool IsPathOf(FactRoot root, string path)
    {
        if (ReadPathsOf.RootOf(path) != root.Name) return false;
        var type = root.Type;
        var rest = path[root.Name.Length..];
        while (rest.Length > 0)
        {
            if (type == IqType.Any) return true;
            if (rest.StartsWith("[]", StringComparison.Ordinal))
            {
                if (type is ListType l) type = l.Element;
                else if (type is MapType m) type = m.Value;
                else return false;
                rest = rest[2..];
                continue;
            }
            if (rest[0] != '.') return false;
            var end = rest.IndexOfAny(['.', '['], 1);
            var name = end < 0 ? rest[1..] : rest[1..end];
            rest = end < 0 ? "" : rest[end..];
            if (type is ObjectType o && o.Member(name) is { } member) type = member.Type;
            else if (type is MapType map) type = map.Value;
            else return false;
        }
        return true;
    }
}
