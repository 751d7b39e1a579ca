using System.CommandLine;
using Iq.Engine.Reports;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Reports;
using Iq.Scoring.Scoring;

namespace Iq.Cli.Commands;

/// <summary><c>iq report</c>, <c>iq diff</c> and <c>iq archive</c>: reports from results alone, two audits compared, and
/// the record of an audit kept.</summary>
static class ReportCommands
{
    /// <summary>A results file (or an archive's results, verified first), as bytes and as the document reports render from.</summary>
    static (byte[] Bytes, ResultsSet Doc) Load(string path)
    {
        var diagnostics = new DiagnosticBag();
        byte[]? bytes;
        if (AuditArchive.IsArchive(path)) bytes = AuditArchive.ReadResults(path, diagnostics);
        else
        {
            var doc = ResultsJson.ReadSet(path, diagnostics);
            bytes = doc is null ? null : File.ReadAllBytes(path);
        }
        if (bytes is null || diagnostics.HasErrors) throw new UsageException(diagnostics.Items.Where(d => d.Severity == Severity.Error).ToList());
        var read = ResultsJson.ReadSet(bytes, path, diagnostics) ?? throw new UsageException(diagnostics.Items.ToList());
        return (bytes, read);
    }

    /// <summary><c>iq report RESULTS [--xlsx F] [--html F] [--junit F] [--json F] [--pdf F] [--lang zh|en]</c>.</summary>
    public static Command Report(TextWriter stdout)
    {
        var input = new Argument<string>("results") { Description = "A results file (iq.results/2 or iq.results-set/1) or an audit archive (.zip)" };
        var outputs = new ReportOutputGroup(languageDefaultsToResults: true);
        var command = new Command("report", "Render reports from a results file alone (byte-identical to what the audit wrote); exit code by its verdict");
        command.Arguments.Add(input);
        outputs.AddTo(command);
        command.SetAction(parse =>
        {
            var targets = outputs.Read(parse);
            if (!targets.Any) throw new UsageException("name a report to write: --xlsx, --html, --pdf, --junit or --json FILE");
            var (bytes, doc) = Load(parse.GetValue(input)!);
            foreach (var written in ReportOutputGroup.Render(doc, bytes, targets, [])) stdout.WriteLine($"Written: {written}");
            return doc.Verdict == Verdict.Pass ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    /// <summary><c>iq diff OLD NEW</c>: exit 0 when nothing got worse, 1 when something did.</summary>
    public static Command Diff(TextWriter stdout)
    {
        var before = new Argument<string>("old") { Description = "The earlier results (or archive)" };
        var after = new Argument<string>("new") { Description = "The later results (or archive)" };
        var command = new Command("diff", "Compare two audits: items whose outcome or score changed, and the verdict; exit 1 when something got worse");
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.SetAction(parse =>
        {
            var old = Load(parse.GetValue(before)!).Doc;
            var now = Load(parse.GetValue(after)!).Doc;
            var worse = false;
            // Several checklists: each checklist's results against its own earlier ones; one missing on either side is worse
            // only when it is the later audit that lacks it.
            foreach (var a in now.Audits)
            {
                var b = old.Audits.FirstOrDefault(d => d.Checklist.Id == a.Checklist.Id);
                if (now.Several || old.Several) stdout.WriteLine($"== {a.Checklist.Id}");
                if (b is null)
                {
                    stdout.WriteLine($"{a.Checklist.Id}: not in the earlier results");
                    continue;
                }
                var diff = ResultsDiff.Of(b, a);
                diff.Write(stdout);
                worse |= diff.Worse;
            }
            foreach (var b in old.Audits.Where(d => now.Audits.All(a => a.Checklist.Id != d.Checklist.Id)))
            {
                stdout.WriteLine($"{b.Checklist.Id}: not in the later results");
                worse = true;
            }
            return worse ? ExitCodes.Fail : ExitCodes.Pass;
        });
        return command;
    }

    /// <summary><c>iq archive RESULTS -o AUDIT.zip [--include FILE]…</c>, or <c>iq archive --verify AUDIT.zip</c>.</summary>
    public static Command Archive(TextWriter stdout)
    {
        var input = new Argument<string>("results") { Description = "The results file to archive (with the files it names), or the archive to verify" };
        var output = new Option<string?>("--output", "-o") { Description = "The archive to write (.zip)" };
        var include = new Option<string[]>("--include") { Description = "A report file to archive with the results (repeatable)" };
        var verify = new Option<bool>("--verify") { Description = "Check an archive: every file against its manifest hash and the results' recorded hashes" };
        var command = new Command("archive", "Keep an audit's record: results, reports, checklist chain and inputs in one zip with a SHA-256 manifest");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(include);
        command.Options.Add(verify);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var diagnostics = new DiagnosticBag();
            if (parse.GetValue(verify))
            {
                var files = AuditArchive.Verify(path, diagnostics);
                if (files is null || diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
                stdout.WriteLine($"{path}: {files.Count} files, every hash as recorded");
                return ExitCodes.Pass;
            }
            var target = parse.GetValue(output) ?? throw new UsageException("give -o ARCHIVE.zip (or --verify ARCHIVE)");
            if (AuditArchive.IsArchive(path)) throw new UsageException($"{path} is an archive already; give the results file");
            var (bytes, doc) = Load(path);
            AuditArchive.Write(target, bytes, doc, parse.GetValue(include) ?? [], diagnostics);
            if (diagnostics.HasErrors) throw new UsageException(diagnostics.Items.ToList());
            stdout.WriteLine($"Written: {target}");
            return ExitCodes.Pass;
        });
        return command;
    }
}
