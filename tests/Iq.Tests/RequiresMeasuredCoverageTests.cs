using Iq.Engine.Facts;
using Iq.Rules.Binding;
using Iq.Rules.Compilation;
using Iq.Rules.Model;

namespace Iq.Tests;

/// <summary>The 001 checklist's rule model, as compiled: every item that reads a fact of the inspection (<c>model.*</c>) or
/// of the measurements (<c>measured.*</c>) requires it measured, so that a model.json or model_measurements.json iq did not
/// seal (every fact declared) makes the row an error, never a pass. A row that cannot is listed, with why, in
/// Cases/model/requires-measured-exemptions.tsv; a new row that reads such a fact without either fails here.</summary>
public class RequiresMeasuredCoverageTests
{
    static readonly string[] Roots = ["model", "measured"];

    static ChecklistModel Compiled()
    {
        var compiled = ChecklistCompiler.CompileFile(ModelCases.Checklist, FactSchema.Default);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics));
        return compiled.Checklist!.Model;
    }

    /// <summary>(item, path) → reason, from the test data.</summary>
    static Dictionary<(string Item, string Path), string> Exemptions() =>
        File.ReadAllLines(TestPaths.Case("model/requires-measured-exemptions.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(f => (f[0], f[1]), f => f.Length > 2 ? f[2] : "");

    /// <summary>Whether the item's requirement accepts only measured facts for <paramref name="path"/>.</summary>
    static bool Covered(ItemModel item, string path) =>
        item.Requires is { } r && r.Accepted.SequenceEqual([Provenance.Measured])
        && (r.Paths.Count == 0 || r.Paths.Any(p => ReadPathsOf.Overlap(p, path)));

    static bool Exempt(Dictionary<(string Item, string Path), string> exemptions, ItemModel item, string path) =>
        exemptions.Keys.Any(k => k.Item == item.Id && ReadPathsOf.Under(path, k.Path));

    static IEnumerable<(ItemModel Item, string Path)> Reads(ChecklistModel model) =>
        from item in model.Items
        from path in item.ReadPaths
        where Roots.Contains(ReadPathsOf.RootOf(path))
        select (item, path);

    [Fact]
    public void Every_row_reading_the_inspection_or_a_measurement_requires_it_measured()
    {
        var model = Compiled();
        var exemptions = Exemptions();
        var uncovered = Reads(model).Where(r => !Covered(r.Item, r.Path) && !Exempt(exemptions, r.Item, r.Path))
            .Select(r => $"{r.Item.Id} reads {r.Path} without `requires measured` covering it").Distinct().ToList();
        Assert.True(uncovered.Count == 0, string.Join("\n", uncovered));
    }

    [Fact]
    public void Every_exemption_has_a_reason_and_is_still_needed()
    {
        var model = Compiled();
        var reads = Reads(model).ToList();
        foreach (var ((id, path), reason) in Exemptions())
        {
            Assert.True(reason.Trim().Length >= 20, $"{id} {path}: an exemption says why");
            // An exemption no row needs any more (the row was removed or now requires it) is taken out, not left to cover a later row.
            Assert.True(reads.Any(r => r.Item.Id == id && ReadPathsOf.Under(r.Path, path) && !Covered(r.Item, r.Path)),
                $"{id} {path}: exempted but no longer read uncovered");
        }
    }

    [Fact]
    public void A_row_declared_by_design_still_requires_that_iq_made_the_reading()
    {
        // The exempted rows rest on the vendor's record, but on iq's reading of it: each requires measured what iq read.
        var items = Compiled().Items.ToDictionary(i => i.Id);
        foreach (var (id, path) in new[] { ("6.3.1.curve", "measured.training_run.log"), ("6.3.1.curve", "measured.training_run.command"),
                     ("6.3.1.final", "measured.training_run.log"), ("6.3.1.final", "measured.training_run.command"),
                     ("6.3.7.unseen", "measured.generalization.heldout.manifest") })
        {
            Assert.Contains(path, items[id].ReadPaths);
            Assert.True(Covered(items[id], path), $"{id} does not require {path} measured");
        }
    }
}
