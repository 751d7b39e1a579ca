using Iq.Engine.Facts;
using Iq.Rules.Binding;
using Iq.Rules.Compilation;
using Iq.Rules.Model;

namespace Iq.Tests;

/// <summary>Every bundled checklist's rule model, as compiled, walked one way: an automatic item that reads a fact of a kind
/// iq measures or imports (its default provenance in the one fact-kind declaration, FactSchema.Roots: a probe, a baseline,
/// the model's inspection and measurements, a JUnit report, an SBOM a generator wrote) has a <c>requires</c> covering that
/// fact that accepts nothing weaker than the kind's own provenance (a measured kind: measured; an imported kind: measured or
/// imported). A document edited after its seal, without one, or typed in by hand then makes the row an error, never a pass
/// on the vendor's word. A row that may rest on declared facts is listed, per fact path, with why, in
/// Cases/requires/CHECKLIST.tsv (one format for every checklist); a new row reading such a fact without either fails here,
/// and so does an exemption no row needs any more.</summary>
public class RequiresCoverageTests
{
    /// <summary>The checklists walked: every checklist the tool bundles, each with its exemptions beside the others.</summary>
    public static TheoryData<string> Checklists
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(TestPaths.Checklists, "*.iq").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
            return data;
        }
    }

    internal static ChecklistModel Compiled(string checklist)
    {
        var compiled = ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, checklist + ".iq"), FactSchema.Default);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Checklist!.Model;
    }

    /// <summary>An exemption: the item, the fact path (a prefix: the facts at and below it) and why it may rest on declared facts.</summary>
    internal sealed record Exemption(string Item, string Path, string Reason, int Line);

    /// <summary>Cases/requires/CHECKLIST.tsv in the repository (read from there, so that an edit is tested without a build):
    /// item, path, reason, tab-separated; # comments and blank lines skipped.</summary>
    internal static List<Exemption> Exemptions(string checklist)
    {
        var file = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "requires", checklist + ".tsv");
        Assert.True(File.Exists(file), $"{file}: every checklist has its exemptions file (empty when it needs none)");
        return File.ReadAllLines(file).Select((l, i) => (Text: l, Line: i + 1))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.StartsWith('#'))
            .Select(l => l.Text.Split('\t') is var f && f.Length == 3
                ? new Exemption(f[0].Trim(), f[1].Trim(), f[2].Trim(), l.Line)
                : throw new Xunit.Sdk.XunitException($"{file}:{l.Line}: expected item<TAB>path<TAB>reason"))
            .ToList();
    }

    /// <summary>The provenance of each kind iq measures or imports, by its root name (<c>env</c>, <c>manifest</c>, <c>measured</c>).</summary>
    static readonly Dictionary<string, Provenance> Evidence = FactSchema.Default.Roots
        .Where(r => r.Provenance is Provenance.Measured or Provenance.Imported).ToDictionary(r => r.Name, r => r.Provenance, StringComparer.Ordinal);

    /// <summary>The facts an automatic item reads from a kind iq measures or imports, each with its kind's provenance.</summary>
    internal static IEnumerable<(ItemModel Item, string Path, Provenance Kind)> Reads(ChecklistModel model) =>
        from item in model.Items
        where item.Automated
        from path in (item.ReadPaths.Count > 0 ? item.ReadPaths : item.Reads.Select(r => r.Name)).Distinct()
        where Evidence.ContainsKey(ReadPathsOf.RootOf(path))
        select (item, path, Evidence[ReadPathsOf.RootOf(path)]);

    /// <summary>Whether the item's requirement covers <paramref name="path"/> and accepts nothing weaker than
    /// <paramref name="kind"/> (the order of <see cref="Provenance"/>: measured, imported, reviewed, declared).</summary>
    internal static bool Covered(ItemModel item, string path, Provenance kind) =>
        item.Requires is { } r && r.Accepted.Count > 0 && r.Accepted.All(a => a <= kind)
        && (r.Paths.Count == 0 || r.Paths.Any(p => ReadPathsOf.Overlap(p, path)));

    /// <summary>What a requirement on a kind may accept: "measured", or "measured or imported".</summary>
    static string Accepted(Provenance kind) => string.Join(" or ", Enum.GetValues<Provenance>().Where(p => p <= kind).Select(p => p.Name()));

    [Theory]
    [MemberData(nameof(Checklists))]
    public void Every_row_reading_measured_or_imported_facts_requires_them_so_or_is_exempted_with_a_reason(string checklist)
    {
        // The kinds iq measures or imports, as declared: if one stops being so, this list is what changed, not the test.
        Assert.Equal(Provenance.Measured, Evidence["env"]);
        Assert.Equal(Provenance.Measured, Evidence["measured"]);
        Assert.Equal(Provenance.Imported, Evidence["tests"]);
        Assert.Equal(Provenance.Imported, Evidence["manifest"]);
        var exemptions = Exemptions(checklist);
        var uncovered = Reads(Compiled(checklist))
            .Where(r => !Covered(r.Item, r.Path, r.Kind) && !exemptions.Any(e => e.Item == r.Item.Id && ReadPathsOf.Under(r.Path, e.Path)))
            .Select(r => $"{r.Item.Id} reads {r.Path} without `requires {Accepted(r.Kind)}` covering it").Distinct().ToList();
        Assert.True(uncovered.Count == 0, $"{checklist}:\n" + string.Join("\n", uncovered));
    }

    [Theory]
    [MemberData(nameof(Checklists))]
    public void Every_exemption_says_why_and_is_still_needed(string checklist)
    {
        var reads = Reads(Compiled(checklist)).ToList();
        foreach (var e in Exemptions(checklist))
        {
            Assert.True(NotApplicableReason.IsReason(e.Reason) && e.Reason.Length >= 20, $"{checklist}.tsv:{e.Line}: {e.Item} {e.Path}: an exemption says why");
            // One no row needs any more (the row was removed, or now requires the fact) is taken out, not left to cover a later row.
            Assert.True(reads.Any(r => r.Item.Id == e.Item && ReadPathsOf.Under(r.Path, e.Path) && !Covered(r.Item, r.Path, r.Kind)),
                $"{checklist}.tsv:{e.Line}: {e.Item} {e.Path}: exempted but no longer read uncovered");
        }
    }

    [Fact]
    public void A_row_declared_by_design_still_requires_that_iq_made_the_reading()
    {
        // The 001 rows exempted rest on the vendor's record, but on iq's reading of it: each requires measured what iq read.
        var items = Compiled("gbt-aimd-ptm").Items.ToDictionary(i => i.Id);
        foreach (var (id, path) in new[] { ("6.3.1.curve", "measured.training_run.log"), ("6.3.1.curve", "measured.training_run.command"),
                     ("6.3.1.final", "measured.training_run.log"), ("6.3.1.final", "measured.training_run.command"),
                     ("6.3.7.unseen", "measured.generalization.heldout.manifest") })
        {
            Assert.Contains(path, items[id].ReadPaths);
            Assert.True(Covered(items[id], path, Provenance.Measured), $"{id} does not require {path} measured");
        }
    }
}
