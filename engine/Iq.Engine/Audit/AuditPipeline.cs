using System.Diagnostics;
using System.Security.Cryptography;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Engine.Reports;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;
using Iq.Scoring.Scoring;

namespace Iq.Engine.Audit;

/// <summary>A stage of the audit. A stage that <see cref="StopsOnError"/> ends the audit when it, or a stage before it,
/// reported an error; the judgment stages do not, so that every mistake in the files the user gave is reported at once.</summary>
public sealed record AuditStage(string Name, bool StopsOnError)
{
    internal Action<AuditState> Run { get; init; } = _ => { };
}

/// <summary>One audit as a library call: <c>AuditPipeline.Run(request)</c> → result. The stages, in order:
/// compile (each checklist with its extends chain, unless given compiled) → probe (when asked) → read facts (the bundles,
/// validated against the schema, once for all checklists) → evaluate → attest (judgments from the bundle and the files) →
/// waive → report information (C.1) → score (score, verdict, the report). Several checklists share the facts, the
/// judgments, the waivers and the report information, and each is evaluated, judged and scored on its own. No console, no
/// exception for bad input: bad input is diagnostics in the result, and the caller renders and prints.</summary>
public static class AuditPipeline
{
    public static readonly IReadOnlyList<AuditStage> Stages =
    [
        new("compile", StopsOnError: true) { Run = Compile },
        new("probe", StopsOnError: true) { Run = Probe },
        new("read facts", StopsOnError: true) { Run = ReadFacts },
        new("evaluate", StopsOnError: true) { Run = Evaluate },
        new("attest", StopsOnError: false) { Run = Attest },
        new("provenance", StopsOnError: false) { Run = Provenances },
        new("waive", StopsOnError: false) { Run = Waive },
        new("report information", StopsOnError: true) { Run = ReadReportInfo },
        new("score", StopsOnError: true) { Run = Score },
    ];

    public static AuditResult Run(AuditRequest request)
    {
        var state = new AuditState(request);
        var times = new List<StageTime>(Stages.Count);
        foreach (var stage in Stages)
        {
            request.Cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            stage.Run(state);
            times.Add(new StageTime(stage.Name, clock.Elapsed));
            if (stage.StopsOnError && state.Diagnostics.HasErrors) break;
        }
        var compiled = state.Parts.Select(p => p.Checklist).ToList();
        return new AuditResult
        {
            Reports = state.Diagnostics.HasErrors || state.Parts.Any(p => p.Report is null) ? [] : state.Parts.Select(p => p.Report!).ToList(),
            Diagnostics = state.Diagnostics.Items,
            Checklists = compiled.Count == request.Checklists.Count ? compiled : [],
            Probe = state.Probed,
            Stages = times,
            Facts = state.Facts,
            Documents = state.Documents,
        };
    }

    static void Compile(AuditState s)
    {
        var several = s.Request.Checklists.Count > 1;
        if (s.Request.Checklists.Count == 0)
        {
            s.Diagnostics.Error(Msg.NoChecklistToAudit.Text, SourceSpan.None("<request>"));
            return;
        }
        var compiled = new List<CompiledChecklist>();
        foreach (var given in s.Request.Checklists)
        {
            if (given.Compiled is not null)
            {
                compiled.Add(given.Compiled);
                continue;
            }
            // With several checklists a --set names a param of one of them: each takes the overrides it declares.
            // Compiled here, the checklist serves this one audit: each condition runs once, so interpreting it beats compiling it
            // to IL and JIT (a fleet compiles once itself and passes AuditChecklist.Of).
            var options = given.Options with { Expressions = ExpressionMode.Interpreted };
            var result = Checklists.Compile(given.Path!, several ? options with { IgnoreUndeclaredOverrides = true } : options);
            s.Diagnostics.AddRange(result.Diagnostics);
            if (result.Checklist is { } c) compiled.Add(c);
        }
        if (s.Diagnostics.HasErrors) return;
        if (several)
        {
            var ids = compiled.Select(c => c.Model.Id).ToList();
            foreach (var twice in ids.GroupBy(id => id).Where(g => g.Count() > 1))
                s.Diagnostics.Error(Msg.ChecklistGivenTwice.With(twice.Key), SourceSpan.None("<request>"));
            var declared = compiled.SelectMany(c => c.Model.Params.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in s.Request.Checklists.Where(g => g.Compiled is null).SelectMany(g => g.Options.ParamOverrides.Keys).Distinct())
                if (!declared.Contains(name))
                    s.Diagnostics.Error(Msg.UnknownSetParam.With(name, string.Join(", ", ids), Localized.DidYouMean(name, declared)), new SourceSpan("<command line>", 1, 1));
        }
        s.Parts.AddRange(compiled.Select(c => new AuditPart(c)));
    }

    static void Probe(AuditState s)
    {
        if (s.Request.Probe is not { } probe) return;
        // A bundle holding a name the reader refuses (plan.JSON) is refused before anything is measured: the TLS probe
        // would otherwise measure without that plan's endpoints, and write its bundle, for an audit that cannot run.
        foreach (var dir in s.Request.FactBundles.Where(System.IO.Directory.Exists))
            foreach (var file in BundleFileNames.List(dir).Refused) s.Diagnostics.Add(BundleFileNames.Refusal(dir, file));
        if (s.Diagnostics.HasErrors) return;
        var ctx = ProbeContext.ForThisMachine();
        if (probe.Root is { } root)
        {
            if (!System.IO.Directory.Exists(root))
            {
                s.Diagnostics.Error(Msg.ProbeRootNotFound.With(root), SourceSpan.Whole(root));
                return;
            }
            // A fixture's tools are its own stand-ins: this host's sshd or auditctl would report this host, not the fixture.
            ctx = ctx with { Root = Path.GetFullPath(root), SearchPath = [Path.Combine(Path.GetFullPath(root), "tools")] };
        }
        // TLS of the endpoints the plan names is measured too (6.2.1 e).
        ctx = ctx with { TlsEndpoints = Probes.Security.TlsEndpoint.FromBundles(s.Request.FactBundles) };
        var report = EnvironmentProber.ProbeAsync(ctx, s.Request.Cancel).GetAwaiter().GetResult();
        var documents = FactDocuments.ProbeDocuments(probe.Directory, report, s.Request.SigningKey);
        try
        {
            if (s.Request.Outputs is { } outputs)
            {
                // Written with the caller's reports, all or none (each document with its seal); read from memory meanwhile.
                outputs.MakesFolder(probe.Directory);
                foreach (var (path, bytes, seal) in documents)
                {
                    outputs.Add(path, stream => stream.Write(bytes));
                    outputs.Add(Trust.Seals.PathOf(path), stream => stream.Write(seal));
                }
                s.ProbeDocuments = documents.Select(d => (d.Path.Replace('\\', '/'), d.Bytes, (byte[]?)d.Seal)).ToList();
            }
            else FactDocuments.WriteProbe(probe.Directory, report, s.Request.SigningKey);
        }
        catch (Rules.Io.OutputException e)
        {
            s.Diagnostics.Error(Msg.CannotWriteProbeBundle.With(e.Text) with { CodeOf = e.Text }, SourceSpan.None(e.Path));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s.Diagnostics.Error(Msg.CannotWriteProbe.With(LibraryError.Io(e)), SourceSpan.None(probe.Directory));
            return;
        }
        s.Probed = new ProbedBundle(probe.Directory, report);
    }

    static void ReadFacts(AuditState s)
    {
        var folders = s.Probed is { } p && s.ProbeDocuments is null ? s.Request.FactBundles.Prepend(p.Directory) : s.Request.FactBundles;
        var bundle = FactBundleReader.Load(folders, FactSchema.Default, s.ProbeDocuments, s.Request.ReadAhead, s.Request.AsOf);
        s.Diagnostics.AddRange(bundle.Diagnostics);
        s.Facts = bundle.Values;
        s.Inputs.AddRange(bundle.Inputs);
        s.Documents = bundle.Documents;
    }

    static void Evaluate(AuditState s)
    {
        foreach (var part in s.Parts)
        {
            try { part.Results = part.Checklist.Evaluate(s.Facts!, s.Now, new EvaluationOptions { TraceMatches = s.Request.TraceMatches }); }
            catch (Rules.Scripting.ScriptTimeoutException e) { s.Diagnostics.Add(e.ToDiagnostic()); }
            catch (Rules.Runtime.EvaluationBudgetException e) { s.Diagnostics.Add(e.ToDiagnostic()); }
        }
    }

    /// <summary>Judgments from the bundle's attestations document and from the files given; a manual item takes the
    /// attested outcome.</summary>
    static void Attest(AuditState s)
    {
        var source = s.Inputs.FirstOrDefault(i => i.Kind == "attestations")?.Path ?? "attestations";
        // Positions in the bundle's document, found in one reading when the first is asked for.
        Dictionary<string, (int Line, int Column)>? positions = null;
        SourceSpan Where(string jsonPath)
        {
            if (positions is null)
            {
                try
                {
                    positions = Rules.Io.JsonPositions.FindAll(Rules.Io.InputFiles.ReadAllBytes(source, Rules.Io.InputKind.FactDocument),
                        p => p.StartsWith("$.facts.items[", StringComparison.Ordinal));
                }
                catch (IOException) { positions = []; }
            }
            return positions.TryGetValue(jsonPath, out var at) ? new SourceSpan(source, at.Line, at.Column) : SourceSpan.None(source);
        }
        var fromBundle = Attestations.FromFacts(s.Facts!, source, s.Diagnostics, Where).ToList();
        // The bundle's own judgments of items no checklist of the audit has, and that are no slip for one it has (a bundle
        // judged against the bundled checklist, audited with a smaller one of the assessor's): not used, and said so once
        // with what to do, not refused (fresh eyes 8, F-A3). A file the assessor gives (--attestations) is meant for this
        // audit: an unknown item there stays an error.
        var known = s.Parts.SelectMany(p => p.Checklist.Model.Items.Select(i => i.Id)).ToList();
        var unused = fromBundle.Where(j => !s.Parts.Any(p => p.Has(j.Item)) && Rules.Syntax.Text.Suggest(j.Item, known) is null).ToList();
        if (unused.Count > 0)
        {
            s.Diagnostics.Warning(Msg.JudgmentsNotUsed.With(unused.Count, Localized.Items(unused.Select(j => j.Item)),
                Localized.AndList(s.Parts.Select(p => p.Checklist.Model.Id))), unused[0].Span ?? SourceSpan.None(source));
            fromBundle = fromBundle.Except(unused).ToList();
        }
        var judgments = new List<Attestation>(fromBundle);
        foreach (var file in s.Request.AttestationFiles)
        {
            judgments.AddRange(JudgmentFiles.ReadAttestations(file, s.Diagnostics, s.Request.InputEncoding));
            s.AddInput(file, "attestations");
        }
        Attestations.RefuseImpossibleDates(judgments, s.Now, source, s.Diagnostics);
        var routed = Route(s, judgments, a => a.Item, Msg.WhatAttestation, _ => SourceSpan.None(source));
        // The bundle's document judges only when the lab vouches for it, as any document that claims more than the vendor's
        // word: its seal holds and, with trusted keys, is signed by one (docs/trust.md). Anyone can write it with any
        // assessor's name. Its judgments are still checked as any (an unknown item, one given twice), and then shown on their
        // rows, not taken.
        var byBundle = fromBundle.Select(j => j.Item).ToHashSet(StringComparer.Ordinal);
        var byFiles = judgments.Skip(fromBundle.Count).Select(j => j.Item).ToHashSet(StringComparer.Ordinal);
        var notTaken = fromBundle.Count > 0 ? NotVouched(s) : null;
        for (var i = 0; i < s.Parts.Count; i++)
        {
            var part = s.Parts[i];
            var unjudged = part.Results;
            part.Results = Attestations.Apply(part.Checklist.Model, part.Results, routed[i], source, s.Diagnostics);
            part.Attestations = notTaken is null ? routed[i] : routed[i].Except(fromBundle).ToList();
            if (notTaken is not null) part.Results = SetAside(part.Checklist.Model, unjudged, part.Results, byBundle, byFiles, notTaken);
        }
        s.AttestedByBundle = notTaken is null ? byBundle : new HashSet<string>();
    }

    /// <summary>Why the bundle's attestations document is not vouched for: no seal (or none needed, as a document that calls
    /// itself declared needs none), a broken or unreadable seal, or one not signed by a trusted key; null when its seal is
    /// intact.</summary>
    static ProvenanceNote? NotVouched(AuditState s)
    {
        var document = s.Documents.FirstOrDefault(d => d.Kind == "attestations");
        if (document is null) return null;
        var taken = RowProvenances.Take([document], s.Request.TrustKeys)[0];
        if (taken.Seal.State == SealState.Intact) return null;
        return taken.Note ?? new ProvenanceNote(document.Display, taken.Seal.State == SealState.NotNeeded ? SealState.Missing : taken.Seal.State,
            taken.Seal.Detail) { Reason = taken.Seal.Reason };
    }

    /// <summary>Rows the bundle's document judged (a row's own id first, then its item's, as judgments are applied), back to <c>notchecked</c>: each keeps the judgment it was given, not taken,
    /// and why. An automatic row whose declared not-applicable the judgment confirmed goes back to what it was before
    /// (<paramref name="unjudged"/>, row for row): a declaration nobody confirmed (<see cref="RowProvenances.Unconfirmed"/>).</summary>
    static IReadOnlyList<ItemResult> SetAside(ChecklistModel model, IReadOnlyList<ItemResult> unjudged, IReadOnlyList<ItemResult> rows,
        IReadOnlySet<string> byBundle, IReadOnlySet<string> byFiles, ProvenanceNote why)
    {
        var guidance = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in model.Items) guidance.TryAdd(item.Id, item.Manual ?? "");
        return rows.Select((r, i) => r.Reason is Attested a && (byBundle.Contains(r.Id) || !byFiles.Contains(r.Id) && byBundle.Contains(r.ItemId))
            ? r.Automated ? unjudged[i]
            : r with { Outcome = Outcome.NotChecked, Score = 0, Evidence = [], Reason = new JudgmentNotTaken(guidance.GetValueOrDefault(r.ItemId, ""), a, why) }
            : r).ToList();
    }

    /// <summary>Each document's seal checked; each row's provenance from the facts it reads; items whose <c>requires</c> is
    /// not met made <c>error</c>; documents compared for times and hosts, and rows resting on a document a finding
    /// contradicts made <c>error</c> (<see cref="RowProvenances"/>).</summary>
    static void Provenances(AuditState s)
    {
        var taken = RowProvenances.Take(s.Documents, s.Request.TrustKeys);
        // Each document's seal, as found, recorded with the input it belongs to.
        var seals = taken.ToDictionary(t => t.Document.Display, t => new InputSeal(t.Seal.State, t.Seal.Detail) { Reason = t.Seal.Reason }, StringComparer.Ordinal);
        for (var i = 0; i < s.Inputs.Count; i++)
            if (seals.TryGetValue(s.Inputs[i].Path, out var seal)) s.Inputs[i] = s.Inputs[i] with { Seal = seal };
        var contradictions = RowProvenances.Contradictions(taken, s.Facts!);
        var kinds = taken.GroupBy(t => t.Document.Display, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Document.Kind, StringComparer.Ordinal);
        foreach (var part in s.Parts)
            // Last, once every error is known: an error row's fix says what would let it be decided (ErrorFixes).
            part.Results = ErrorFixes.Apply(RowProvenances.Unconfirmed(RowProvenances.Contradict(part.Checklist.Model,
                RowProvenances.Apply(part.Checklist.Model, part.Results, taken, s.AttestedByBundle, s.Facts!), contradictions), taken),
                FactSchema.Default, d => kinds.GetValueOrDefault(d));
        s.Findings = contradictions.Select(c => c.Finding).ToList();
    }

    static void Waive(AuditState s)
    {
        var waivers = new List<Waiver>();
        foreach (var file in s.Request.WaiverFiles)
        {
            waivers.AddRange(JudgmentFiles.ReadWaivers(file, s.Diagnostics, s.Request.InputEncoding));
            s.AddInput(file, "waivers");
        }
        var routed = Route(s, waivers, w => w.Item, Msg.WhatWaiver, w => w.Span);
        for (var i = 0; i < s.Parts.Count; i++)
        {
            var part = s.Parts[i];
            part.Waivers = routed[i];
            part.Results = Waivers.Apply(part.Checklist.Model, part.Results, routed[i], s.Now, s.Diagnostics);
        }
    }

    /// <summary>Each judgment or waiver to the checklist that has its item (an item id, or a row id of a <c>foreach</c>).
    /// With one checklist all go to it, and it reports those for items it lacks; with several, one for an item no checklist
    /// has, or more than one has, is an error here.</summary>
    static List<T>[] Route<T>(AuditState s, IReadOnlyList<T> judgments, Func<T, string> item, Message what, Func<T, SourceSpan> where)
    {
        var routed = s.Parts.Select(_ => new List<T>()).ToArray();
        if (routed.Length == 1)
        {
            routed[0].AddRange(judgments);
            return routed;
        }
        var ids = string.Join(", ", s.Parts.Select(p => p.Checklist.Model.Id));
        foreach (var j in judgments)
        {
            var id = item(j);
            var owners = Enumerable.Range(0, s.Parts.Count).Where(i => s.Parts[i].Has(id)).ToList();
            if (owners.Count == 1) routed[owners[0]].Add(j);
            else if (owners.Count == 0)
                s.Diagnostics.Error(Msg.JudgmentUnknownItem.With(what.Text, id, ids, Localized.DidYouMean(id, s.Parts.SelectMany(p => p.Checklist.Model.Items.Select(i => i.Id)))), where(j));
            else
                s.Diagnostics.Error(Msg.JudgmentAmbiguous.With(what.Text, id, Localized.AndList(owners.Select(i => s.Parts[i].Checklist.Model.Id))), where(j));
        }
        return routed;
    }

    static void ReadReportInfo(AuditState s)
    {
        if (s.Request.ReportInfoFile is { } file)
        {
            if (Rules.Io.FileFacts.Of(file).Kind == Rules.Io.FileKind.Missing) s.Diagnostics.Error(Msg.FileNotFound.With(file), SourceSpan.None(file));
            else s.Info = ReportInfo.Read(file, s.Diagnostics) ?? s.Info;
        }
        foreach (var name in s.Request.ReportFields.Keys.Where(k => !ReportInfo.Fields.Contains(k)))
            s.Diagnostics.Error(Msg.UnknownReportField.With(name, Localized.OrList(ReportInfo.Fields)),
                SourceSpan.None("<request>"));
        s.Info = s.Info.With(s.Request.ReportFields) with { Product = ReportFacts.Product(s.Facts!) };
    }

    static void Score(AuditState s)
    {
        if (s.Request.ScoringModel is { } model && !ScoringSpec.Models.Contains(model))
        {
            s.Diagnostics.Error(Msg.UnknownScoring.With(model, Localized.OrList(ScoringSpec.Models)),
                SourceSpan.None("<request>"));
            return;
        }
        foreach (var part in s.Parts)
        {
            var checklist = part.Checklist.Model;
            var score = Scorer.Score(checklist, part.Results, s.Request.ScoringModel);
            part.Report = new AuditReport(checklist, s.Inputs, part.Results, score,
                AuditReport.CurrentEngineVersion, s.Request.RecordTime ? s.Now : null)
            {
                Attestations = part.Attestations,
                Waivers = part.Waivers,
                Info = s.Info,
                AsOf = s.Request.AsOf,
                Figures = ReportFacts.Figures(checklist, s.Facts!),
                Findings = s.Findings,
            };
        }
    }
}

/// <summary>What the stages hand on to each other.</summary>
sealed class AuditState(AuditRequest request)
{
    public AuditRequest Request { get; } = request;
    public DateTimeOffset Now { get; } = request.AsOf ?? DateTimeOffset.UtcNow;
    public DiagnosticBag Diagnostics { get; } = new();
    public List<AuditPart> Parts { get; } = [];
    public ProbedBundle? Probed { get; set; }
    public IReadOnlyList<(string Display, byte[] Bytes, byte[]? Seal)>? ProbeDocuments { get; set; }
    public FactValues? Facts { get; set; }
    public List<InputFile> Inputs { get; } = [];
    public IReadOnlyList<FactDocumentInfo> Documents { get; set; } = [];
    public IReadOnlySet<string> AttestedByBundle { get; set; } = new HashSet<string>();
    public IReadOnlyList<Finding> Findings { get; set; } = [];
    public ReportInfo Info { get; set; } = ReportInfo.Empty;

    /// <summary>A judgment file the audit rests on, with its hash (a missing one is reported by its reader).</summary>
    public void AddInput(string file, string kind)
    {
        // Hashed as its reader reads it (a regular file, bounded); one that cannot be read is reported by the reader.
        var limit = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? Rules.Io.InputKind.Workbook : Rules.Io.InputKind.Judgments;
        try { Inputs.Add(new InputFile(file, kind, Convert.ToHexStringLower(SHA256.HashData(Rules.Io.InputFiles.ReadAllBytes(file, limit))))); }
        catch (IOException) { }
    }
}

/// <summary>One checklist of the audit: its results as the stages change them, and its report.</summary>
sealed class AuditPart(CompiledChecklist checklist)
{
    public CompiledChecklist Checklist { get; } = checklist;
    public IReadOnlyList<ItemResult> Results { get; set; } = [];
    public IReadOnlyList<Attestation> Attestations { get; set; } = [];
    public IReadOnlyList<Waiver> Waivers { get; set; } = [];
    public AuditReport? Report { get; set; }

    public bool Has(string id) => Checklist.Model.Items.Any(i => i.Id == id) || Results.Any(r => r.Id == id);
}
