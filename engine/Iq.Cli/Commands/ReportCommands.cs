using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Reports;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Cli.Commands;

/// <summary><c>iq report</c>, <c>iq diff</c> and <c>iq archive</c>: reports from results alone, two audits compared, and
/// the record of an audit kept.</summary>
static class ReportCommands
{
    /// <summary>A results file (or an archive's results, verified first), as bytes and as the document reports render from,
    /// with what it was read from and how that was checked (<see cref="ResultsSet.Source"/>, shown in every report's header).
    /// Read once, as every input is: a regular file of bounded size (a FIFO or a device is refused before it blocks).
    /// With <c>--trust-key</c> (<paramref name="trusted"/> not empty) the seal must be signed by one of those keys: an unsigned,
    /// missing or otherwise-signed seal refuses the run, exit 2, as <c>iq verify --trust-key</c> refuses it.</summary>
    static (byte[] Bytes, ResultsSet Doc) Load(CliContext ctx, string path, IReadOnlyList<Iq.Engine.Trust.TrustedKey> trusted,
        IReadOnlyList<string>? checklists = null, bool sayRecorded = false)
    {
        var diagnostics = new DiagnosticBag();
        // '-' is standard output for the reports written, never an input here: said so, rather than "file not found".
        if (path == "-") throw new UsageException(Msg.ResultsNotFromStdin.Text);
        // A look at the first four bytes (of a regular file only) says which; each kind is then read within its own limit.
        var archive = AuditArchive.IsArchive(path);
        byte[]? bytes;
        try { bytes = InputFiles.ReadAllBytes(path, archive ? InputKind.Archive : InputKind.Results); }
        catch (InputFileException e) { throw new UsageException([e.ToDiagnostic()]); }
        // An archive's own seal beside it (iq seal audit.zip) is checked against the archive's bytes, as a results file's is:
        // one that does not hold refuses the run before anything else is read from the zip.
        var archiveSeal = archive ? ArchiveSeal(path, bytes, trusted) : null;
        if (archive) bytes = AuditArchive.ReadResults(bytes, path, diagnostics);
        if (bytes is null || diagnostics.HasErrors) throw new UsageException(diagnostics.Items.Where(d => d.Severity == Severity.Error).ToList());
        var read = ResultsJson.ReadSet(bytes, path, diagnostics) ?? throw new UsageException(diagnostics.Items.ToList());
        // The seal once the file is known to be results: a file that is not gets its reader's error, with its position.
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var source = !archive ? Sealed(path, sha256, trusted)
            : archiveSeal is { State: Iq.Rules.Model.SealState.Intact } held
                ? ReportSource.InSealedArchive(path, sha256, held.Seal?.Signature?.KeyId) with { SignatureChecked = trusted.Count > 0 }
            : ReportSource.InArchive(path, sha256);
        // Printed even in --quiet: it bears on whether what is rendered may be signed, and -q keeps stdout to the verdict
        // line; stderr is where a script's log keeps it (docs/cli.md).
        if (source.Check == ReportSourceCheck.NoSeal) ctx.WarnText(Msg.ResultsUnsealed.With(path, source.SealName));
        else if (source.Check == ReportSourceCheck.Archive) ctx.WarnText(source.Text());
        var notChecked = AgainstChecklists(ctx, path, bytes, read, checklists ?? []);
        // A file changed since is warned of wherever results are read; that all still match is said by iq report alone.
        if (AsRecorded(path, read) is { } recorded && (recorded.Differ || sayRecorded))
        {
            if (recorded.Differ) ctx.WarnText(recorded.Text);
            else ctx.Say(recorded.Text);
        }
        return (bytes, read with { Source = source with { ScoringNotChecked = notChecked } });
    }

    /// <summary>The checklist files and inputs the results record, where they still are (the recorded path, relative to the
    /// results file's folder): whether each still hashes as recorded (fresh eyes 8, F-C5: an all-zero input hash went
    /// unremarked with every file present to compare). Said, not refused: a document changed since the audit is a reason
    /// to audit again, not a reason to withhold the report. Null when none of them is at hand.</summary>
    static (bool Differ, MessageText Text)? AsRecorded(string path, ResultsSet read)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var recorded = read.Audits.SelectMany(a => a.Checklist.Sources.Select(s => (s.Path, s.Sha256)).Concat(a.Inputs.Select(i => (i.Path, i.Sha256))))
            .DistinctBy(f => f.Path).ToList();
        var present = 0;
        var differ = new List<string>();
        foreach (var (file, sha256) in recorded)
        {
            var at = Path.Combine(folder, file);
            if (!File.Exists(at)) continue;
            byte[] content;
            try { content = InputFiles.ReadAllBytes(at, InputKind.FactDocument); }
            catch (InputFileException) { continue; }
            present++;
            if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) != sha256) differ.Add(file);
        }
        if (present == 0) return null;
        return differ.Count > 0 ? (true, Msg.InputsNotAsRecorded.With(differ.Count, present, recorded.Count, Localized.Items(differ)))
            : (false, Msg.InputsAsRecorded.With(present, recorded.Count));
    }

    /// <summary>Each audit's scoring and rows against the checklist it names, where that checklist is at hand: a file given
    /// with <c>--checklist</c>, or one iq ships, whose SHA-256 is the one the results record (and, for a tailoring, every
    /// file of its chain). A difference refuses the run at its JSON path, exit 2 (<see cref="ResultsAgainstChecklist"/>); a
    /// checklist not at hand is said on stderr and in every report's header. Returns that note, or null when all were checked.</summary>
    static MessageText? AgainstChecklists(CliContext ctx, string path, byte[] bytes, ResultsSet read, IReadOnlyList<string> given)
    {
        // The file the results record, where it still is (a path relative to the results file's folder): its hash decides.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        MessageText? note = null;
        for (var a = 0; a < read.Audits.Count; a++)
        {
            var d = read.Audits[a];
            var recorded = Path.Combine(folder, d.Checklist.Sources[0].Path);
            var candidates = File.Exists(recorded) ? given.Append(recorded).ToList() : given;
            if (ChecklistNamed(d, candidates, File.Exists(recorded) ? recorded : null) is not { } model)
            {
                var missing = Msg.ScoringNotChecked.With($"{d.Checklist.Id} {d.Checklist.Version}", d.Checklist.Sources[0].Sha256);
                ctx.WarnText(missing);
                note ??= missing;
                continue;
            }
            if (ResultsAgainstChecklist.First(d, model) is not { } differs) continue;
            var at = (read.Several ? $"$.audits[{a}]" : "$") + differs.Path[1..];
            var (line, column) = JsonPositions.Find(bytes, at);
            var diagnostics = new DiagnosticBag();
            diagnostics.Error(Msg.BadDocumentAt.With(differs.What, at), new SourceSpan(path, line, column));
            throw new UsageException(diagnostics.Items.ToList());
        }
        return note;
    }

    /// <summary>The checklist the results name, compiled as the audit compiled it (its <c>--set</c> params from the results),
    /// or null when no file at hand has its SHA-256 and its chain's. Compiled once per content in a run (iq diff reads two).</summary>
    static Iq.Rules.Model.ChecklistModel? ChecklistNamed(ResultsDocument d, IReadOnlyList<string> given, string? recorded = null)
    {
        var wanted = d.Checklist.Sources[0].Sha256;
        var chain = d.Checklist.Sources.Select(s => s.Sha256).Order(StringComparer.Ordinal).ToList();
        IEnumerable<string> bundled = Directory.Exists(Bundled.ChecklistsDirectory) ? Directory.GetFiles(Bundled.ChecklistsDirectory, "*.iq").Order(StringComparer.Ordinal) : [];
        foreach (var file in given.Concat(bundled))
        {
            byte[] content;
            try { content = InputFiles.ReadAllBytes(file, InputKind.Checklist); }
            // A file named with --checklist that cannot be read refuses the run; the path the results record (theirs, not
            // the user's: a FIFO or a device there) is only not at hand.
            catch (InputFileException e) when (given.Contains(file, StringComparer.Ordinal) && !ReferenceEquals(file, recorded)) { throw new UsageException([e.ToDiagnostic()]); }
            catch (InputFileException) { continue; }
            if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) != wanted) continue;
            var overrides = d.Parameters.Where(p => p.Origin == "--set").ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            var key = wanted + "\n" + string.Join("\n", overrides.Select(o => $"{o.Key}={o.Value}"));
            var model = Compiled.GetOrAdd(key, _ =>
            {
                var result = Iq.Engine.Audit.Checklists.Compile(file, new Iq.Rules.Compilation.CompileOptions
                {
                    ParamOverrides = overrides,
                    LibraryDirectories = [Bundled.ChecklistsDirectory],
                    Expressions = Iq.Rules.Compilation.ExpressionMode.Interpreted,
                });
                return result.Succeeded ? result.Checklist!.Model : null;
            });
            if (model is not null && model.Sources.Select(s => s.Sha256).Order(StringComparer.Ordinal).SequenceEqual(chain)) return model;
        }
        return null;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Iq.Rules.Model.ChecklistModel?> Compiled = new(StringComparer.Ordinal);

    /// <summary>The seal beside a results file, checked against the bytes read (as <c>iq verify</c> checks it): a lab must not
    /// sign a report re-rendered from a file changed since iq wrote it, so a seal that does not hold (changed, unreadable,
    /// sealing another file) refuses the run before anything is written; a file with no seal is used, and its reports say so.
    /// An archive is verified by its own manifest (<see cref="AuditArchive.ReadResults"/>).</summary>
    static ReportSource Sealed(string path, string sha256, IReadOnlyList<Iq.Engine.Trust.TrustedKey> trusted)
    {
        var check = Iq.Engine.Trust.Seals.Check(path, sha256, needed: true, trusted: trusted);
        // Each state in its own words: only a hash that differs shows the file was changed.
        if (check.State == Iq.Rules.Model.SealState.Broken) throw new UsageException(Msg.ResultsSealBroken.With(path, check.Detail));
        if (check.State == Iq.Rules.Model.SealState.Malformed)
            throw new UsageException(check.Seal is { } other ? Msg.ResultsSealOfAnother.With(path, Iq.Engine.Trust.Seals.PathOf(Path.GetFileName(path)), other.File)
                : Msg.ResultsSealUnreadable.With(path, check.Detail));
        if (trusted.Count > 0 && check.State != Iq.Rules.Model.SealState.Intact)
            throw new UsageException(Msg.ResultsSealUntrusted.With(path, check.Detail));
        return check.State == Iq.Rules.Model.SealState.Missing ? ReportSource.Unsealed(path, sha256)
            : ReportSource.Sealed(path, sha256, check.Seal?.Signature?.KeyId) with { SignatureChecked = trusted.Count > 0 };
    }

    /// <summary>The seal beside an audit archive, checked against the archive's bytes: null where there is none (the archive
    /// is then checked by its unsealed manifest alone, and said so); one that does not hold (the archive changed since it was
    /// sealed, the seal unreadable or sealing another file) refuses the run, as a results file's broken seal does.</summary>
    static Iq.Engine.Trust.SealCheck? ArchiveSeal(string path, byte[] archive, IReadOnlyList<Iq.Engine.Trust.TrustedKey> trusted)
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(archive));
        var check = Iq.Engine.Trust.Seals.Check(path, sha256, needed: trusted.Count > 0, trusted: trusted);
        // Each state in its own words, as a results file's: only a hash that differs shows the archive was changed.
        if (check.State == Iq.Rules.Model.SealState.Broken) throw new UsageException(Msg.ArchiveSealBroken.With(path, check.Detail));
        if (check.State == Iq.Rules.Model.SealState.Malformed)
            throw new UsageException(check.Seal is { } other ? Msg.ArchiveSealOfAnother.With(path, Iq.Engine.Trust.Seals.PathOf(Path.GetFileName(path)), other.File)
                : Msg.ArchiveSealUnreadable.With(path, check.Detail));
        if (trusted.Count > 0 && check.State != Iq.Rules.Model.SealState.Intact)
            throw new UsageException(Msg.ArchiveSealUntrusted.With(path, check.Detail));
        return check.State == Iq.Rules.Model.SealState.Intact ? check : null;
    }

    /// <summary><c>iq report RESULTS [--xlsx F] [--html F] [--junit F] [--json F] [--pdf F] [--lang zh|en]</c>: the reports in
    /// <c>--lang</c>, else in the language the audit used.</summary>
    public static Command Report(CliContext ctx)
    {
        var input = new Argument<string>("results") { Description = ctx.T(Msg.ArgResults), HelpName = "RESULTS" };
        var outputs = new ReportOutputGroup(ctx);
        var sign = new SignKeyOption(ctx);
        var trust = new TrustKeyOption(ctx);
        var checklist = ChecklistOption(ctx);
        var command = new Command("report", ctx.T(Msg.CmdReport));
        command.Arguments.Add(input);
        outputs.AddTo(command);
        sign.AddTo(command);
        trust.AddTo(command);
        command.Options.Add(checklist);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            CommandLineErrors.RejectOptionLike(path, parse);
            var targets = outputs.Read(parse);
            if (!targets.Any) throw new UsageException(Msg.NameAReport.Text);
            using var key = sign.Read(parse);
            var (bytes, doc) = Load(ctx, path, trust.Read(parse), parse.GetValue(checklist), sayRecorded: true);
            var lang = ctx.LangGiven ? ctx.ReportLang.Name() : doc.First.Language;
            using var files = ctx.Outputs();
            var rendered = ReportOutputGroup.Render(ctx, doc, bytes, targets, lang, [], files);
            // Sealed as the audit seals its reports, with the same helper: a report re-rendered is a document iq wrote.
            ReportOutputGroup.Seal(rendered, key, files, doc.Source);
            files.Commit(ctx.Cancel);
            ctx.Say(doc.Source!.Line());
            foreach (var (written, _) in rendered.Where(r => r.Path != "-")) ctx.Say(Msg.Written.With(written));
            return doc.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    /// <summary><c>--checklist FILE</c> (repeatable): the checklist the results name, when iq does not ship it.</summary>
    static Option<string[]> ChecklistOption(CliContext ctx) => new("--checklist") { Description = ctx.T(Msg.OptResultsChecklist), HelpName = "FILE" };

    /// <summary><c>iq diff OLD NEW</c>: exit 0 when nothing got worse, 1 when something did.</summary>
    public static Command Diff(CliContext ctx)
    {
        var before = new Argument<string>("old") { Description = ctx.T(Msg.ArgOld), HelpName = "OLD" };
        var after = new Argument<string>("new") { Description = ctx.T(Msg.ArgNew), HelpName = "NEW" };
        var trust = new TrustKeyOption(ctx);
        var checklist = ChecklistOption(ctx);
        var command = new Command("diff", ctx.T(Msg.CmdDiff));
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        trust.AddTo(command);
        command.Options.Add(checklist);
        command.SetAction(parse =>
        {
            foreach (var a in new[] { parse.GetValue(before)!, parse.GetValue(after)! }) CommandLineErrors.RejectOptionLike(a, parse);
            var keys = trust.Read(parse);
            var old = Load(ctx, parse.GetValue(before)!, keys, parse.GetValue(checklist)).Doc;
            var now = Load(ctx, parse.GetValue(after)!, keys, parse.GetValue(checklist)).Doc;
            var worse = false;
            // -q: the verdict line of each checklist and nothing else (docs/cli.md); an unsealed side is warned of on stderr.
            var quiet = ctx.Verbosity == Verbosity.Quiet;
            // Two single audits of checklists with no extends chain in common: their rows are different requirements, and
            // saying "worse" (or "better") of them would mislead; refused before a line is written.
            if (!now.Several && !old.Several && !ResultsDiff.Comparable(old.First.Checklist, now.First.Checklist))
                throw new UsageException(Msg.DiffUnrelated.With(old.First.Checklist.Id, now.First.Checklist.Id));
            // Several checklists: each checklist's results against its own earlier ones (else against one of its extends
            // chain: a tailoring against its base); one missing on either side is worse only when it is the later audit that lacks it.
            var paired = new HashSet<ResultsDocument>(ReferenceEqualityComparer.Instance);
            foreach (var a in now.Audits)
            {
                var b = old.Audits.FirstOrDefault(d => d.Checklist.Id == a.Checklist.Id)
                        ?? old.Audits.FirstOrDefault(d => !paired.Contains(d) && now.Audits.All(n => n.Checklist.Id != d.Checklist.Id)
                                                          && ResultsDiff.Comparable(d.Checklist, a.Checklist));
                if (b is not null) paired.Add(b);
                if (now.Several || old.Several) ctx.Out.WriteLine($"== {a.Checklist.Id}");
                if (b is null)
                {
                    ctx.Out.WriteLine(Msg.DiffNotEarlier.With(a.Checklist.Id).Render(ctx.Lang));
                    continue;
                }
                var diff = ResultsDiff.Of(b, a);
                diff.Write(ctx.Out, ctx.Lang, verdictOnly: quiet);
                worse |= diff.Worse;
            }
            foreach (var b in old.Audits.Where(d => !paired.Contains(d)))
            {
                ctx.Out.WriteLine(Msg.DiffNotLater.With(b.Checklist.Id).Render(ctx.Lang));
                worse = true;
            }
            // What each side rests on, last, as part of the comparison: a comparison with an unsealed file says so (in -q, the
            // warning on stderr that Load gives says it).
            if (!quiet)
            {
                ctx.Out.WriteLine(Msg.DiffSourceBefore.With(parse.GetValue(before)!, old.Source!.Line()).Render(ctx.Lang));
                ctx.Out.WriteLine(Msg.DiffSourceAfter.With(parse.GetValue(after)!, now.Source!.Line()).Render(ctx.Lang));
            }
            return worse ? ExitCodes.Fail : ExitCodes.Pass;
        });
        return command;
    }

    /// <summary><c>iq archive RESULTS -o AUDIT.zip [--include FILE]…</c>, or <c>iq archive --verify AUDIT.zip</c>.</summary>
    public static Command Archive(CliContext ctx)
    {
        var input = new Argument<string>("results") { Description = ctx.T(Msg.ArgArchiveInput), HelpName = "RESULTS" };
        var output = Opts.Output(ctx, Msg.OptArchiveOutput);
        var include = new Option<string[]>("--include") { Description = ctx.T(Msg.OptInclude), HelpName = "FILE" };
        var verify = new Option<bool>("--verify") { Description = ctx.T(Msg.OptVerify) };
        var command = new Command("archive", ctx.T(Msg.CmdArchive));
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(include);
        command.Options.Add(verify);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            CommandLineErrors.RejectOptionLike(path, parse);
            var diagnostics = new DiagnosticBag();
            if (parse.GetValue(verify))
            {
                var files = AuditArchive.Verify(path, diagnostics);
                if (files is null || diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
                ctx.Say(Msg.ArchiveVerified.With(path, files.Count));
                return ExitCodes.Pass;
            }
            var target = parse.GetValue(output) ?? throw new UsageException(Msg.GiveArchiveOutput.Text);
            if (AuditArchive.IsArchive(path)) throw new UsageException(Msg.AlreadyArchive.With(path));
            ctx.ClaimStdout(target);
            var (bytes, doc) = Load(ctx, path, []);
            using var written = ctx.Outputs();
            AuditArchive.Write(target, bytes, doc, (parse.GetValue(include) ?? []).Select(i => (i, (byte[]?)null)), diagnostics, written);
            if (!diagnostics.HasErrors) written.Commit(ctx.Cancel);
            if (diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
            if (target != "-") ctx.Say(Msg.Written.With(target));
            return ExitCodes.Pass;
        });
        return command;
    }
}
