using Iq.Rules.Messages;
using System.Xml;
using System.Xml.Linq;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Engine.Evidence.Manifests;

/// <summary>CycloneDX 1.4–1.7 XML (namespace <c>http://cyclonedx.org/schema/bom/1.N</c>), read as the JSON form is.
/// DTDs are prohibited (no entity expansion); errors name the line and column.</summary>
static class CycloneDxXml
{
    public static ManifestDocument Read(string file, byte[] bytes)
    {
        XDocument doc;
        using var stream = new MemoryStream(bytes);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, MaxCharactersInDocument = 256L * 1024 * 1024,
        });
        try
        {
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // A refused DTD reports no position of its own: the reader's is where it stopped.
            var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : Find(bytes, "<!DOCTYPE");
            throw new EvidenceInputException(Msg.CdxXmlNotCycloneDx.With($"{file}:{line}:{column}", LibraryError.Xml(e)));
        }
        var bom = doc.Root!;
        XNamespace ns = bom.Name.NamespaceName;
        var spec = ns.NamespaceName.StartsWith("http://cyclonedx.org/schema/bom/", StringComparison.Ordinal) ? ns.NamespaceName[32..] : null;
        if (bom.Name.LocalName != "bom" || spec is null) throw Fail(file, bom, Msg.CdxXmlNoBom.Text);
        if (!CycloneDxJson.Versions.Contains(spec)) throw Fail(file, bom, Msg.CdxUnsupported.With(spec));
        var main = bom.Element(ns + "metadata")?.Element(ns + "component") ?? throw Fail(file, bom, Msg.CdxXmlNoMain.Text);
        var id = Text(file, main, ns + "name");
        var version = main.Element(ns + "version")?.Value;
        var components = new List<ManifestComponent>();
        var files = new List<FileDigest>();
        var top = new List<string>();
        Walk(file, ns, main.Element(ns + "components"), components, files, top);
        Walk(file, ns, bom.Element(ns + "components"), components, files, top);
        CheckRefs(file, ns, bom);
        if (top.Count > 0) components.Insert(0, new ManifestComponent(id, version, null, null, top, false, $"line {Line(main)}"));
        return new ManifestDocument("cyclonedx", spec, id, version ?? "", components, files, [], null);
    }

    static void Walk(string file, XNamespace ns, XElement? list, List<ManifestComponent> components, List<FileDigest> files, List<string> parentFiles)
    {
        if (list is null) return;
        foreach (var c in list.Elements(ns + "component"))
        {
            var type = (string?)c.Attribute("type") ?? throw Fail(file, c, Msg.CdxXmlComponentType.Text);
            var name = Text(file, c, ns + "name");
            var hashes = (c.Element(ns + "hashes")?.Elements(ns + "hash") ?? []).Select(h =>
                (Alg: (string?)h.Attribute("alg") ?? throw Fail(file, h, Msg.CdxXmlHashAlg.Text), Content: h.Value.Trim(), Where: $"line {Line(h)}")).ToList();
            var occurrences = (c.Element(ns + "evidence")?.Element(ns + "occurrences")?.Elements(ns + "occurrence") ?? [])
                .Select(o => Text(file, o, ns + "location")).ToList();
            var paths = type == "file" ? (occurrences.Count > 0 ? occurrences : [name]) : occurrences;
            foreach (var p in paths)
                foreach (var h in hashes) files.Add(new FileDigest(p, h.Alg, h.Content, h.Where));
            var own = hashes.Count > 0 ? paths : [];
            if (type == "file")
            {
                parentFiles.AddRange(own);
                Walk(file, ns, c.Element(ns + "components"), components, files, parentFiles);
                continue;
            }
            var below = new List<string>();
            var index = components.Count;
            components.Add(null!);
            Walk(file, ns, c.Element(ns + "components"), components, files, below);
            components[index] = new ManifestComponent(name, c.Element(ns + "version")?.Value, null, Purl.Source(c.Element(ns + "purl")?.Value),
                [.. own, .. below], hashes.Count > 0 && own.Count == 0, $"line {Line(c)}");
        }
    }

    /// <summary>The BOM's identifiers, as in JSON (<see cref="CycloneDxJson"/>): every bom-ref attribute unique within the
    /// BOM, and every <c>ref</c> of a dependency (and 1.6's <c>provides</c>) naming one that is there.</summary>
    static void CheckRefs(string file, XNamespace ns, XElement bom)
    {
        var refs = new Dictionary<string, XAttribute>(StringComparer.Ordinal);
        foreach (var a in bom.DescendantsAndSelf().Select(e => e.Attribute("bom-ref")).OfType<XAttribute>())
            if (!refs.TryAdd(a.Value, a)) throw Fail(file, a, Msg.CdxBomRefTwice.With(a.Value, $"line {Line(refs[a.Value])}"));
        foreach (var d in bom.Elements(ns + "dependencies").Descendants().Where(e => e.Name == ns + "dependency" || e.Name == ns + "provides"))
            if (d.Attribute("ref") is { } r && !refs.ContainsKey(r.Value)) throw Fail(file, r, Msg.CdxRefUnknown.With(r.Value));
    }

    /// <summary>Line and column (1-based) of a marker, else 1:1.</summary>
    static (int, int) Find(byte[] bytes, string marker)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return (1, 1);
        var line = 1 + text.AsSpan(0, at).Count('\n');
        return (line, at - text.LastIndexOf('\n', Math.Max(0, at - 1)));
    }

    static string Text(string file, XElement parent, XName name) =>
        parent.Element(name)?.Value ?? throw Fail(file, parent, Msg.CdxXmlNeeds.With(parent.Name.LocalName, name.LocalName));

    static int Line(XObject x) => ((IXmlLineInfo)x).LineNumber;

    static EvidenceInputException Fail(string file, XObject at, MessageText message)
    {
        var info = (IXmlLineInfo)at;
        return new EvidenceInputException(Msg.XmlAt.With($"{file}:{info.LineNumber}:{info.LinePosition}", message));
    }
}
