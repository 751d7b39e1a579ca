using System.CommandLine;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Facts;
using Iq.Engine.Scans;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq scans FILE… [--out DIR]</c>: OpenSCAP results (XCCDF 1.2 or ARF, plain or gzipped) and Lynis reports
/// into a <c>security_scans</c> document (6.2.1), facts imported from the scanners a lab already runs.</summary>
static class ScansCommand
{
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("reports") { Description = ctx.T(Msg.ArgScanReports), Arity = ArgumentArity.OneOrMore, HelpName = "REPORT" };
        var outDir = Opts.OutBundle(ctx);
        var tz = new Option<string?>("--tz") { Description = ctx.T(Msg.OptScansTz), HelpName = "ZONE" };
        var sign = new SignKeyOption(ctx);
        var command = new Command("scans", ctx.T(Msg.CmdScans));
        command.Arguments.Add(files);
        command.Options.Add(outDir);
        command.Options.Add(tz);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var reports = parse.GetValue(files)!;
            foreach (var p in reports) CommandLineErrors.RejectOptionLike(p, parse);
            var zoneName = parse.GetValue(tz);
            var zone = zoneName is null ? TimeZoneInfo.Utc : Iq.Engine.Evidence.LogAnalyzer.Zone(zoneName) ?? throw new UsageException(Msg.BadTimeZone.With("--tz", zoneName));
            using var key = sign.Read(parse);
            var (facts, diagnostics) = SecurityScans.Read(reports, zone, zoneName ?? "UTC");
            if (facts is null) throw new UsageException(diagnostics);
            var dir = parse.GetValue(outDir)!;
            // Imported from the scanners' reports, each hashed in sources.
            FactDocuments.Write(dir, "security_scans", facts, new DocumentOrigin { Sources = reports.Select(FactDocuments.Source).ToList(), Key = key });
            foreach (var scan in facts["scans"]!.AsArray())
                ctx.Say(Describe(scan!));
            ctx.Say(Msg.WrittenTo.With($"{dir}/security_scans.json"));
            return ExitCodes.Pass;
        });
        return command;
    }

    static MessageText Describe(JsonNode scan)
    {
        // The counts keep the scanners' own words (pass, fail, warnings …): they are the reports' vocabulary.
        var counts = string.Join(", ", scan["counts"]!.AsObject().Select(c => $"{c.Value} {c.Key}"));
        return (string?)scan["tool"] == "openscap"
            ? Msg.ScanOpenscap.With(scan["file"]?.ToString(), Text(scan["tool_version"]), Text(scan["profile"]), scan["format"]?.ToString(), counts)
            : Msg.ScanLynis.With(scan["file"]?.ToString(), Text(scan["tool_version"]), Text(scan["score"]), counts);
    }

    static string Text(JsonNode? n) => n is JsonValue v ? v.ToString() : "?";
}
