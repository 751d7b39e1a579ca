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
/// compile (the checklist with its extends chain, unless given compiled) → probe (when asked) → read facts (the bundles,
/// validated against the schema) → evaluate → attest (judgments from the bundle and the files) → waive → report
/// information (C.1) → score (score, verdict, the report). No console, no exception for bad input: bad input is
/// diagnostics in the result, and the caller renders and prints.</summary>
public static class AuditPipeline
{
    public static readonly IReadOnlyList<AuditStage> Stages =
    [
        new("compile", StopsOnError: true) { Run = Compile },
        new("probe", StopsOnError: true) { Run = Probe },
        new("read facts", StopsOnError: true) { Run = ReadFacts },
        new("evaluate", StopsOnError: true) { Run = Evaluate },
        new("attest", StopsOnError: false) { Run = Attest },
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
            var clock = Stopwatch.StartNew();
            stage.Run(state);
            times.Add(new StageTime(stage.Name, clock.Elapsed));
            if (stage.StopsOnError && state.Diagnostics.HasErrors) break;
        }
        return new AuditResult
        {
            Report = state.Diagnostics.HasErrors ? null : state.Report,
            Diagnostics = state.Diagnostics.Items,
            Checklist = state.Checklist,
            Probe = state.Probed,
            Stages = times,
        };
    }

    static void Compile(AuditState s)
    {
        var given = s.Request.Checklist;
        if (given.Compiled is not null)
        {
            s.Checklist = given.Compiled;
            return;
        }
        var compiled = Checklists.Compile(given.Path!, given.Options);
        s.Diagnostics.AddRange(compiled.Diagnostics);
        s.Checklist = compiled.Checklist;
    }

    static void Probe(AuditState s)
    {
        if (s.Request.Probe is not { } probe) return;
        var ctx = ProbeContext.ForThisMachine();
        if (probe.Root is { } root)
        {
            if (!System.IO.Directory.Exists(root))
            {
                s.Diagnostics.Error(Msg.ProbeRootNotFound.With(root), SourceSpan.None(root));
                return;
            }
            ctx = ctx with { Root = Path.GetFullPath(root) };
        }
        var report = EnvironmentProber.ProbeAsync(ctx).GetAwaiter().GetResult();
        try { FactDocuments.WriteProbe(probe.Directory, report); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s.Diagnostics.Error(Msg.CannotWriteProbe.With(e.Message), SourceSpan.None(probe.Directory));
            return;
        }
        s.Probed = new ProbedBundle(probe.Directory, report);
    }

    static void ReadFacts(AuditState s)
    {
        var folders = s.Probed is { } p ? s.Request.FactBundles.Prepend(p.Directory) : s.Request.FactBundles;
        var bundle = FactBundleReader.Load(folders, FactSchema.Default);
        s.Diagnostics.AddRange(bundle.Diagnostics);
        s.Facts = bundle.Values;
        s.Inputs.AddRange(bundle.Inputs);
    }

    static void Evaluate(AuditState s) => s.Results = s.Checklist!.Evaluate(s.Facts!, s.Now);

    /// <summary>Judgments from the bundle's attestations document and from the files given; a manual item takes the
    /// attested outcome.</summary>
    static void Attest(AuditState s)
    {
        var source = s.Inputs.FirstOrDefault(i => i.Kind == "attestations")?.Path ?? "attestations";
        var judgments = Attestations.FromFacts(s.Facts!, source, s.Diagnostics).ToList();
        foreach (var file in s.Request.AttestationFiles)
        {
            judgments.AddRange(JudgmentFiles.ReadAttestations(file, s.Diagnostics));
            s.AddInput(file, "attestations");
        }
        s.Attestations = judgments;
        s.Results = Attestations.Apply(s.Checklist!.Model, s.Results, judgments, source, s.Diagnostics);
    }

    static void Waive(AuditState s)
    {
        var waivers = new List<Waiver>();
        foreach (var file in s.Request.WaiverFiles)
        {
            waivers.AddRange(JudgmentFiles.ReadWaivers(file, s.Diagnostics));
            s.AddInput(file, "waivers");
        }
        s.Waivers = waivers;
        s.Results = Waivers.Apply(s.Checklist!.Model, s.Results, waivers, s.Now, s.Diagnostics);
    }

    static void ReadReportInfo(AuditState s)
    {
        if (s.Request.ReportInfoFile is { } file)
        {
            if (!File.Exists(file)) s.Diagnostics.Error(Msg.FileNotFound.With(file), SourceSpan.None(file));
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
        var checklist = s.Checklist!.Model;
        var score = Scorer.Score(checklist, s.Results, s.Request.ScoringModel);
        s.Report = new AuditReport(checklist, s.Inputs, s.Results, score, AuditReport.CurrentEngineVersion,
            s.Request.RecordTime ? s.Now : null)
        {
            Attestations = s.Attestations,
            Waivers = s.Waivers,
            Info = s.Info,
            AsOf = s.Request.AsOf,
            Figures = ReportFacts.Figures(s.Facts!),
        };
    }
}

/// <summary>What the stages hand on to each other.</summary>
sealed class AuditState(AuditRequest request)
{
    public AuditRequest Request { get; } = request;
    public DateTimeOffset Now { get; } = request.AsOf ?? DateTimeOffset.UtcNow;
    public DiagnosticBag Diagnostics { get; } = new();
    public CompiledChecklist? Checklist { get; set; }
    public ProbedBundle? Probed { get; set; }
    public FactValues? Facts { get; set; }
    public List<InputFile> Inputs { get; } = [];
    public IReadOnlyList<ItemResult> Results { get; set; } = [];
    public IReadOnlyList<Attestation> Attestations { get; set; } = [];
    public IReadOnlyList<Waiver> Waivers { get; set; } = [];
    public ReportInfo Info { get; set; } = ReportInfo.Empty;
    public AuditReport? Report { get; set; }

    /// <summary>A judgment file the audit rests on, with its hash (a missing one is reported by its reader).</summary>
    public void AddInput(string file, string kind)
    {
        if (File.Exists(file)) Inputs.Add(new InputFile(file, kind, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));
    }
}
