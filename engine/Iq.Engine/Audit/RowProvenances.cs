using System.Globalization;
using Iq.Engine.Facts;
using Iq.Engine.Trust;
using Iq.Rules.Binding;
using Iq.Rules.Model;
using Iq.Rules.Runtime;

namespace Iq.Engine.Audit;

/// <summary>A document as the audit takes it: its header's word on provenance when its seal holds, else every fact
/// declared, with the note that says why.</summary>
public sealed record TakenDocument(FactDocumentInfo Document, SealCheck Seal, ProvenanceNote? Note)
{
    public DocumentHeader Header => Seal.Holds ? Document.Header : Document.Header with { Provenance = Provenance.Declared, Overrides = [] };
}

/// <summary>The provenance of every result row, outside the evaluator: each fact path an item reads (the rule model's
/// <see cref="ItemModel.ReadPaths"/>) takes the provenance its document gives it, when the document's seal holds; an item
/// that <c>requires</c> a provenance its facts lack becomes <c>error</c>. Then the bundle's documents are compared with
/// each other for times and hosts that cannot both be true (<see cref="Finding"/>).</summary>
public static class RowProvenances
{
    /// <summary>Checks each document's seal and says how the audit takes it.</summary>
    public static IReadOnlyList<TakenDocument> Take(IEnumerable<FactDocumentInfo> documents, IReadOnlyList<TrustedKey> trusted) =>
        documents.Select(d =>
        {
            var check = Seals.Check(d.File, d.Sha256, d.Header.ClaimsMoreThanDeclared, trusted, d.PendingSeal);
            var note = check.State switch
            {
                SealState.Intact or SealState.NotNeeded => null,
                // A declared document loses nothing, but an edit after sealing is still worth showing.
                _ when !d.Header.ClaimsMoreThanDeclared && check.State != SealState.Broken => null,
                _ => new ProvenanceNote(d.Display, check.State, check.Detail) { Reason = check.Reason },
            };
            return new TakenDocument(d, check, note);
        }).ToList();

    /// <summary>Each row with its provenance; rows of items whose <c>requires</c> is not met become <c>error</c>.
    /// <paramref name="reviewedItems"/>: manual rows attested by files the assessor gave the audit (reviewed); rows attested
    /// by the bundle's attestations document take that document's provenance. A path's indices name the entry the row read
    /// where the checklist tells it (<see cref="ItemModel.KeyedReads"/>, the element's values in <paramref name="values"/>).</summary>
    public static IReadOnlyList<ItemResult> Apply(ChecklistModel model, IReadOnlyList<ItemResult> rows, IReadOnlyList<TakenDocument> documents,
        IReadOnlySet<string> attestedByBundle, FactValues values)
    {
        var byRoot = documents.ToDictionary(d => d.Document.Root, StringComparer.Ordinal);
        var items = ItemsOf(model);
        // A row's provenance depends on its item and the bundle's documents alone (an attested row's also on the row): a
        // foreach item's rows, one per element, share theirs, worked out once per item rather than once per row.
        var perItem = new Dictionary<ItemModel, (RowProvenance Provenance, List<FactProvenance> Facts)>(ReferenceEqualityComparer.Instance);
        var result = new ItemResult[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (!items.TryGetValue(row.ItemId, out var item))
            {
                result[r] = row;
                continue;
            }
            RowProvenance provenance;
            List<FactProvenance> facts;
            if (row.Reason is Attested)
            {
                var (f, notes) = Facts(item, row, byRoot, attestedByBundle);
                (provenance, facts) = (RowProvenance.Of(f, notes), f);
            }
            else if (!perItem.TryGetValue(item, out var known))
            {
                var (f, notes) = Facts(item, row, byRoot, attestedByBundle);
                perItem[item] = (provenance, facts) = (RowProvenance.Of(f, notes), f);
            }
            else (provenance, facts) = known;
            // A foreach row read its own element: its paths name it (plan.software[2].min_version), not every element; and a
            // key the checklist gives, as a constant or a fact of the element, names the entry (software["docker"].version).
            var unmet = item.Requires is { } req ? Unmet(req, facts) : [];
            if (row.ElementIndex is not null || item.KeyedReads.Count > 0)
            {
                var source = ReadPathsOf.SourceOf(item.ForeachSource);
                provenance = provenance with { Facts = Keyed(provenance.Facts, item, source, row.ElementIndex, values) };
                unmet = Keyed(unmet, item, source, row.ElementIndex, values);
            }
            var withProvenance = row with { Provenance = provenance };
            // Nothing verified is never a pass: a row that passed while the bundle holds no document of any fact its item reads
            // (`exists(x) or not exists(x)` over an empty bundle) rested on no evidence, whatever its condition folded to.
            if (row.Outcome == Outcome.Pass && row.Automated && row.Reason is not Attested && facts.Count == 0
                && item.DependsOn.Count == 0 && item.Reads.Count > 0)
                withProvenance = withProvenance with
                {
                    Outcome = Outcome.Error, Score = 0,
                    Reason = new MissingEvidence(item.Reads.Select(root => Missing.NoDocument(root.Name, root.Kind)).ToList()),
                };
            // A not-applicable row rests on the facts its `when` read as much as a pass rests on its `expect`: a forged fact
            // in a document iq did not seal could otherwise make a row n/a (training_run.command makes 6.3.1.witness n/a).
            if (item.Requires is { } required && row.Outcome is Outcome.Pass or Outcome.Fail or Outcome.Informational or Outcome.NotApplicable
                && unmet.Count > 0)
                withProvenance = withProvenance with { Outcome = Outcome.Error, Score = 0, Reason = new ProvenanceNotMet(required, unmet, row.Outcome, row.Reason) };
            result[r] = withProvenance;
        }
        return result;
    }

    /// <summary>Each fact's path as the row read it: a path the checklist keys (<see cref="ItemModel.KeyedReads"/>) once per
    /// way it was keyed, each index named where it can be told (a constant, the row's element's position or value) and
    /// <c>[]</c> where only the run knew it; any other path as before, with the row's element in place of its <c>[]</c>.</summary>
    static List<FactProvenance> Keyed(IEnumerable<FactProvenance> facts, ItemModel item, string? source, int? index, FactValues values)
    {
        var result = new List<FactProvenance>();
        foreach (var f in facts)
        {
            var named = false;
            foreach (var read in item.KeyedReads)
                if (read.Path == f.Path && Name(read, source, index, values) is { } path && !result.Any(r => r.Path == path && r.Document == f.Document && r.Provenance == f.Provenance))
                {
                    result.Add(f with { Path = path });
                    named = true;
                }
            if (!named) result.Add(index is { } i && source is not null ? f with { Path = OfElement(f.Path, source, i) } : f);
        }
        return result;
    }

    /// <summary>A keyed read's path with its indices named for a row; null when the path is not the row's (it needs an element
    /// and the row has none).</summary>
    static string? Name(KeyedRead read, string? source, int? index, FactValues values)
    {
        var sb = new System.Text.StringBuilder(read.Path.Length + 16);
        var k = 0;
        for (var i = 0; i < read.Path.Length; i++)
        {
            if (read.Path[i] != '[' || i + 1 >= read.Path.Length || read.Path[i + 1] != ']' || k >= read.Keys.Count)
            {
                sb.Append(read.Path[i]);
                continue;
            }
            var key = read.Keys[k++];
            i++;
            if (key.Text is { } text) sb.Append('[').Append(text).Append(']');
            else if (key.Element)
            {
                if (index is not { } at) return null;
                sb.Append('[').Append(at.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (key.ElementPath is { } path && source is not null && index is { } row && ValueOf(path, source, row, values) is { } value)
                sb.Append('[').Append(value).Append(']');
            else sb.Append("[]");
        }
        return sb.ToString();
    }

    /// <summary>The value at <paramref name="path"/> (<c>plan.software[].name</c>) of element <paramref name="index"/> of
    /// <paramref name="source"/>, as a key is written: a string in quotes, a number as is; null when it is not there, or is
    /// neither.</summary>
    static string? ValueOf(string path, string source, int index, FactValues values)
    {
        var all = source + "[]";
        if (!ReadPathsOf.Under(path, all) || source.Contains('[')) return null;
        object? here = values.Roots.GetValueOrDefault(ReadPathsOf.RootOf(source));
        foreach (var member in source.Split('.').Skip(1)) here = here is FactObject o && o.TryGet(member, out var v) ? v : null;
        here = here is object?[] list && index < list.Length ? list[index] : null;
        foreach (var member in path[all.Length..].Split('.', StringSplitOptions.RemoveEmptyEntries))
            here = here is FactObject o && o.TryGet(member, out var v) ? v : null;
        return here switch
        {
            string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            double d => Ops.Format(d),
            _ => null,
        };
    }

    /// <summary>A read path of a foreach item with the element a row read in place of its <c>[]</c>: <c>plan.software[].name</c>
    /// of element 2 is <c>plan.software[2].name</c>, the language's own index form; a path outside the source as it was.</summary>
    static string OfElement(string path, string source, int index)
    {
        var all = source + "[]";
        return ReadPathsOf.Under(path, all) ? string.Create(CultureInfo.InvariantCulture, $"{source}[{index}]{path[all.Length..]}") : path;
    }

    /// <summary>The checklist's items by id, made once per checklist (a fleet applies provenance to thousands of bundles).</summary>
    static Dictionary<string, ItemModel> ItemsOf(ChecklistModel model) =>
        ItemsByModel.GetValue(model, m => m.Items.ToDictionary(i => i.Id, StringComparer.Ordinal));

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ChecklistModel, Dictionary<string, ItemModel>> ItemsByModel = new();

    static (List<FactProvenance>, List<ProvenanceNote>) Facts(ItemModel item, ItemResult row, Dictionary<string, TakenDocument> byRoot,
        IReadOnlySet<string> attestedByBundle)
    {
        var facts = new List<FactProvenance>();
        var notes = new List<ProvenanceNote>();
        if (row.Reason is Attested)
        {
            if (attestedByBundle.Contains(row.Id) || attestedByBundle.Contains(row.ItemId))
            {
                if (byRoot.TryGetValue("attestations", out var doc)) Add("attestations.items[]", doc);
            }
            else facts.Add(new FactProvenance("attestations", Provenance.Reviewed, "--attestations", null));
            return (facts, notes);
        }
        // A row's own paths, or its roots when no path could be told (a chain starting at a function's result).
        var paths = item.ReadPaths.Count > 0 ? item.ReadPaths : item.Reads.Select(r => r.Name).ToList();
        foreach (var path in paths)
            if (byRoot.TryGetValue(ReadPathsOf.RootOf(path), out var doc)) Add(path, doc);
        return (facts, notes);

        void Add(string path, TakenDocument doc)
        {
            var header = doc.Header;
            var overridden = doc.Seal.Holds && header.Overrides.Any(o => ReadPathsOf.Overlap(o.Path, path));
            // The artefacts the document says these facts were taken from (the vendor's training log): taken at its word only
            // as far as its seal holds, as its provenances are.
            List<FactSource> sources = doc.Seal.Holds
                ? header.Sources.Where(s => s.Facts.Any(f => ReadPathsOf.Overlap(f, path))).Select(s => new FactSource(s.Path, s.Sha256)).ToList()
                : [];
            foreach (var p in header.Of(path).Distinct())
                facts.Add(new FactProvenance(path, p, doc.Document.Display,
                    doc.Note is { } n ? n.Why() : overridden && p != header.Provenance ? FactProvenance.OverriddenInDocument : null)
                    { Sources = sources, Guard = item.GuardPaths.Contains(path, StringComparer.Ordinal) });
            if (doc.Note is { } note) notes.Add(note);
        }
    }

    /// <summary>The facts among those a requirement names (all, when it names none) whose provenance it does not accept.</summary>
    static List<FactProvenance> Unmet(ProvenanceRequirement required, List<FactProvenance> facts) =>
        facts.Where(f => !required.Accepted.Contains(f.Provenance)
                         && (required.Paths.Count == 0 || required.Paths.Any(p => ReadPathsOf.Overlap(p, f.Path)))).ToList();

    /// <summary>Times and hosts across documents that cannot both be true (tests or a baseline finished before the
    /// installation log ends; a document measured on the host collected before the installation log begins, or naming
    /// another host than the probe), each finding with the root of the document whose evidence it contradicts (the tests, the baseline, the
    /// document from another host): a row that reads that root rests on evidence that does not speak for the installed system.</summary>
    public static IReadOnlyList<(Finding Finding, string Root)> Contradictions(IReadOnlyList<TakenDocument> documents, FactValues facts)
    {
        var findings = new List<(Finding, string)>();
        var byKind = documents.ToDictionary(d => d.Document.Kind, d => d.Document, StringComparer.Ordinal);
        if (byKind.TryGetValue("logs", out var logs) && Date(facts, "logs", "last_event") is { } logEnd)
        {
            // The tests' own finish time. Without one (a JUnit report stripped of its timestamps) the time they were imported
            // would always lie after the installation: it says when iq read the report, not when the tests ran.
            if (byKind.TryGetValue("tests", out var tests))
            {
                if (Date(facts, "tests", "finished") is not { } testsEnd)
                    findings.Add((new Finding(FindingKind.TestsUntimed, [tests.Display, logs.Display], "", Iso(logEnd)), tests.Root));
                else if (testsEnd < logEnd)
                    findings.Add((new Finding(FindingKind.TestsBeforeInstallationEnd, [tests.Display, logs.Display], Iso(testsEnd), Iso(logEnd)), tests.Root));
            }
            if (byKind.TryGetValue("baseline", out var baseline) && (Date(facts, "baseline", "method", "started") ?? baseline.Header.CollectedAt) is { } measured
                && measured < logEnd)
                findings.Add((new Finding(FindingKind.BaselineBeforeInstallationEnd, [baseline.Display, logs.Display], Iso(measured), Iso(logEnd)), baseline.Root));
        }
        // A document measured on the host before the installation began describes the host as it was, not the installed
        // system: a security document of 2019 beside an installation of 2026 made 6.2.1 pass (fresh eyes 6, B2). Only before
        // the start: the standard sets no age past it, and a measurement taken during the installation is judged by its
        // own rows. A baseline measured before the log ends has its own, stronger finding already.
        if (byKind.TryGetValue("logs", out var installation) && Date(facts, "logs", "first_event") is { } installStart)
            foreach (var kind in OnHost)
                if (byKind.TryGetValue(kind, out var early) && early.Header.CollectedAt is { } collected && collected < installStart
                    && !findings.Any(f => f.Item2 == early.Root && f.Item1.Kind == FindingKind.BaselineBeforeInstallationEnd))
                    findings.Add((new Finding(FindingKind.CollectedBeforeInstallation, [early.Display, installation.Display], Iso(collected), Iso(installStart)), early.Root));
        if (byKind.TryGetValue("tests", out var counted) && SuitesDisagree(facts) is var (totals, sums))
            findings.Add((new Finding(FindingKind.TestsTotalsDisagree, [counted.Display, counted.Display], totals, sums), counted.Root));
        if (byKind.TryGetValue("environment", out var probe) && probe.Header.Host is { Length: > 0 } host && host != "unknown")
            foreach (var kind in OnHost)
                if (byKind.TryGetValue(kind, out var other) && other.Header.Host is { Length: > 0 } otherHost && otherHost != "unknown"
                    && !string.Equals(otherHost, host, StringComparison.OrdinalIgnoreCase))
                    findings.Add((new Finding(FindingKind.HostMismatch, [probe.Display, other.Display], host, otherHost), other.Root));
        // A scan imported by iq scans names the machine it scanned (OpenSCAP's target, Lynis's hostname), and the document's
        // own host is where it was imported: a scan of another machine does not speak for this one (it counted: links9).
        if (byKind.TryGetValue("environment", out var scanned) && scanned.Header.Host is { Length: > 0 } here && here != "unknown"
            && byKind.TryGetValue("security_scans", out var scans) && ScanTargets(facts).FirstOrDefault(t => !SameHost(t, here)) is { } elsewhere)
            findings.Add((new Finding(FindingKind.HostMismatch, [scanned.Display, scans.Display], here, elsewhere), scans.Root));
        return findings;
    }

    /// <summary>Rows that passed on facts of a document a finding contradicts become <c>error</c>, keeping what they were: a
    /// finding that says the evidence does not speak for the installed system cannot sit beside a pass that rests on it. A
    /// failed row stays failed (the verdict cannot pass on it either way, and the failure is what the evidence shows);
    /// judged rows (attested) rest on the assessor, not on the document, and keep their outcome.</summary>
    public static IReadOnlyList<ItemResult> Contradict(ChecklistModel model, IReadOnlyList<ItemResult> rows,
        IReadOnlyList<(Finding Finding, string Root)> contradictions)
    {
        if (contradictions.Count == 0) return rows;
        var items = ItemsOf(model);
        var result = new ItemResult[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            result[r] = row;
            if (row.Outcome != Outcome.Pass || row.Reason is Attested || !items.TryGetValue(row.ItemId, out var item)) continue;
            var roots = item.ReadPaths.Count > 0 ? item.ReadPaths.Select(ReadPathsOf.RootOf) : item.Reads.Select(x => x.Name);
            var hit = contradictions.FirstOrDefault(c => roots.Contains(c.Root, StringComparer.Ordinal));
            if (hit.Finding is { } finding)
                result[r] = row with { Outcome = Outcome.Error, Score = 0, Reason = new Contradicted(finding, row.Outcome, row.Reason) };
        }
        return result;
    }

    /// <summary>Rows made not applicable on the vendor's word alone: a document's <c>{"not_applicable": why}</c>
    /// (<see cref="DeclaredNotApplicable"/>) where that document gives the fact as declared (the plan, or any document whose
    /// seal does not hold), and no assessor's judgment confirmed it (that row is <see cref="Attested"/> by now). A shall row is
    /// held back to <c>notchecked</c>: a lab cannot sign a mandatory requirement taken out of the score because the vendor
    /// said it does not apply, however real its reason sounds. A should or may row stays not applicable, saying that nobody
    /// confirmed it. A fact the document gives as reviewed, measured or imported (its seal holding) confirms it.</summary>
    public static IReadOnlyList<ItemResult> Unconfirmed(IReadOnlyList<ItemResult> rows, IReadOnlyList<TakenDocument> documents)
    {
        Dictionary<string, TakenDocument>? byRoot = null;
        ItemResult[]? result = null;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r] is not { Outcome: Outcome.NotApplicable, Reason: DeclaredNotApplicable declared } row) continue;
            byRoot ??= documents.ToDictionary(d => d.Document.Root, StringComparer.Ordinal);
            var root = ReadPathsOf.RootOf(declared.Fact);
            var doc = byRoot.GetValueOrDefault(root);
            if (doc is not null && doc.Header.Of(ReadPathsOf.Normalize(declared.Fact)).First() != Provenance.Declared) continue;
            var held = row.Level == Level.Shall;
            result ??= [.. rows];
            result[r] = row with
            {
                Outcome = held ? Outcome.NotChecked : Outcome.NotApplicable,
                Score = 0,
                Reason = new NotApplicableUnconfirmed(declared.Fact, declared.Because, doc?.Document.Display ?? root,
                    "$.facts" + declared.Fact[root.Length..], held),
            };
        }
        return result ?? rows;
    }

    static readonly string[] TestCounts = ["total", "passed", "failed", "skipped"];

    /// <summary>The tests' totals and the sums over their suites, as "total 30, passed 30, …", when a count given in both
    /// places differs; null when they agree or the document lists no suites at all (an absent list is not a claim of none).</summary>
    static (string Totals, string Sums)? SuitesDisagree(FactValues facts)
    {
        if (!facts.Roots.TryGetValue("tests", out var root) || root is not FactObject tests || !tests.TryGet("suites", out var s) || s is not object?[] suites)
            return null;
        var totals = new List<string>();
        var sums = new List<string>();
        var differ = false;
        foreach (var name in TestCounts)
        {
            if (!tests.TryGet(name, out var t) || t is not double total) continue;
            var sum = 0d;
            foreach (var suite in suites)
                if (suite is FactObject o && o.TryGet(name, out var v) && v is double n) sum += n;
            differ |= sum != total;
            totals.Add($"{name} {total.ToString(CultureInfo.InvariantCulture)}");
            sums.Add($"{name} {sum.ToString(CultureInfo.InvariantCulture)}");
        }
        return differ ? (string.Join(", ", totals), $"{suites.Length} suite(s): " + string.Join(", ", sums)) : null;
    }

    /// <summary>Kinds measured on the installed host itself, which must name the host the probe names and be collected after
    /// the installation began (a security document of another machine made 6.2.1 pass).</summary>
    public static readonly IReadOnlyList<string> OnHost = ["software", "security", "data_imports", "baseline", "rollback"];

    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The hosts the imported scans name (<c>security_scans.scans[].target</c>), those given.</summary>
    static IEnumerable<string> ScanTargets(FactValues facts)
    {
        if (!facts.Roots.TryGetValue("security_scans", out var root) || root is not FactObject o || !o.TryGet("scans", out var s) || s is not object?[] scans)
            yield break;
        foreach (var scan in scans)
            if (scan is FactObject x && x.TryGet("target", out var t) && t is string { Length: > 0 } target && target != "unknown") yield return target;
    }

    /// <summary>One host by two names: equal ignoring case, or one the other's short name (<c>node1</c>, <c>node1.lab.example</c>).</summary>
    static bool SameHost(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || string.Equals(a.Split('.')[0], b, StringComparison.OrdinalIgnoreCase) || string.Equals(a, b.Split('.')[0], StringComparison.OrdinalIgnoreCase);

    static DateTimeOffset? Date(FactValues facts, string root, params string[] path)
    {
        if (!facts.Roots.TryGetValue(root, out var value)) return null;
        foreach (var name in path)
            if (value is FactObject o && o.TryGet(name, out var next)) value = next;
            else return null;
        return value as DateTimeOffset?;
    }
}
