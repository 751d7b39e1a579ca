using Iq.Rules.Binding;
using Iq.Rules.Messages;
using Iq.Rules.Model;

namespace Iq.Rules.Runtime;

/// <summary>The fix of an <c>error</c> row, chosen by why the row could not be decided, from the catalog
/// (<see cref="Msg.FixDeclare"/> …): a fact missing from a document someone declares (the plan) is to be stated there, one
/// iq measures or imports is to be measured or imported with the command the schema names for its kind
/// (<see cref="FactRoot.Command"/>); a finding that contradicts the evidence, or a provenance the facts lack, has its own
/// action. The item's own fix says how to repair a failure ("expand the storage") and would send the lab the wrong way on a
/// row whose evidence is missing, so an error row keeps it only where the probe found the fact absent on the host itself. The one place a row's error fix is chosen: every report
/// (console, explain, results.json, workbook, HTML) shows the row's fix.</summary>
public static class ErrorFixes
{
    /// <summary>Each <c>error</c> row with the fix its reason calls for (none where the catalog has no action for it); other
    /// rows as they are.</summary>
    /// <param name="kindOf">The kind of each document by the name a finding gives it (<see cref="Finding.Documents"/>): a
    /// finding names documents as the bundle shows them, and the fix for one measured too early is that kind's command.</param>
    public static IReadOnlyList<ItemResult> Apply(IReadOnlyList<ItemResult> rows, IFactSchema schema, Func<string, string?>? kindOf = null)
    {
        ItemResult[]? result = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // A fact the probe found absent on the host (no AppArmor in this kernel) is the machine's to repair: the item's own
            // fix stands.
            if (row.Outcome != Outcome.Error || row.Reason is MissingEvidence { Facts: var facts } && facts.All(f => f.Cause == Absence.Absent)) continue;
            var fix = For(row.Reason, schema, kindOf);
            result ??= [.. rows];
            result[i] = row with { Fix = fix?.ToString(), FixWords = fix is null ? null : new MixedText([fix]) };
        }
        return result ?? rows;
    }

    /// <summary>The action for a reason an error row gives; null when there is none to name.</summary>
    public static MessageText? For(Reason reason, IFactSchema schema, Func<string, string?>? kindOf = null) => reason switch
    {
        MissingEvidence m => ForMissing(m.Facts, schema),
        ProvenanceNotMet p => ForFacts(p.Facts.Select(f => f.Path), schema, Msg.FixMeasuredRequired),
        Contradicted c => ForFinding(c.Finding, schema, kindOf),
        TypeMismatch => Msg.FixTypeMismatch.With(),
        EvaluationError => Msg.FixEvaluation.With(),
        _ => null,
    };

    static MessageText? ForMissing(IReadOnlyList<Missing> facts, IFactSchema schema)
    {
        // A row that rests on another item's outcome waits for that item; else the facts, by the kind of document they are in.
        if (facts.FirstOrDefault(f => f.Cause == Absence.ItemNotDecided) is { } item && facts.All(f => f.Cause is Absence.ItemNotDecided or Absence.NoResult or Absence.Undecidable))
            return Msg.FixDecideFirst.With(item.Path);
        return ForFacts(facts.Where(f => f.Cause is not (Absence.ItemNotDecided or Absence.NoResult or Absence.Undecidable)).Select(f => f.Path),
            schema, Msg.FixMeasure);
    }

    /// <summary>The fix for facts, by the first one's kind: declared in its document, or measured/imported with its command.
    /// Only the facts of that kind are named: the fix is one action.</summary>
    static MessageText? ForFacts(IEnumerable<string> paths, IFactSchema schema, Message measure)
    {
        var all = paths.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 0) return null;
        var rootName = ReadPathsOf.RootOf(all[0]);
        var root = schema.Roots.FirstOrDefault(r => r.Name == rootName);
        var named = string.Join(", ", all.Where(p => ReadPathsOf.RootOf(p) == rootName));
        if (root?.Command is not { } command) return Msg.FixDeclare.With(named, (root?.Kind ?? rootName) + ".json");
        return root.Provenance == Provenance.Imported && ReferenceEquals(measure, Msg.FixMeasure) ? Msg.FixImport.With(named, command) : measure.With(named, command);
    }

    static MessageText? ForFinding(Finding finding, IFactSchema schema, Func<string, string?>? kindOf)
    {
        string CommandOf(string? kind) => schema.Roots.FirstOrDefault(r => r.Kind == kind)?.Command ?? "iq";
        return finding.Kind switch
        {
            FindingKind.TestsBeforeInstallationEnd => Msg.FixRetestAfterInstall.With(CommandOf("tests")),
            FindingKind.BaselineBeforeInstallationEnd => Msg.FixRemeasureAfterInstall.With(CommandOf("baseline")),
            FindingKind.TestsTotalsDisagree => Msg.FixTestsTotals.With(CommandOf("tests")),
            FindingKind.TestsUntimed => Msg.FixTestsUntimed.With(CommandOf("tests")),
            FindingKind.HostMismatch => Msg.FixOtherHost.With(finding.Documents[1], finding.First),
            // The document the finding names first is the one measured too early; its kind's command measures it again.
            FindingKind.CollectedBeforeInstallation => Msg.FixRecollectAfterInstall.With(finding.Documents[0], CommandOf(kindOf?.Invoke(finding.Documents[0]))),
            _ => null,
        };
    }
}
