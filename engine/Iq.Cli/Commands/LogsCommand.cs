using System.CommandLine;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq logs FILE… [--format F] [--map FIELD=SOURCE]… [--out DIR]</c>: installation logs to a <c>logs</c> fact
/// document. Each file's format is told from its name or first lines (or given with --format); the files are added to the
/// bundle's logs document, so several runs build one document (<see cref="LogsDocument"/>).</summary>
static class LogsCommand
{
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("files") { Description = ctx.T(Msg.ArgLogs), Arity = ArgumentArity.OneOrMore, HelpName = "FILE" };
        var format = new Option<string?>("--format") { Description = ctx.T(Msg.OptLogFormat), HelpName = "FORMAT" };
        var map = new Option<string[]>("--map") { Description = ctx.T(Msg.OptLogMap), HelpName = "FIELD=SOURCE" };
        var encoding = EncodingOption.Create(ctx, Msg.EncodingOfLogs);
        var outDir = Opts.OutBundle(ctx);
        var asOf = new Option<string?>("--as-of") { Description = ctx.T(Msg.OptLogAsOf), HelpName = "DATE" };
        var tz = new Option<string?>("--tz") { Description = ctx.T(Msg.OptLogTz), HelpName = "ZONE" };
        var budget = new Option<string?>("--regex-budget") { Description = ctx.T(Msg.OptRegexBudget), HelpName = "DURATION" };
        var command = new Command("logs", ctx.T(Msg.CmdLogs));
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(map);
        command.Options.Add(encoding);
        command.Options.Add(outDir);
        command.Options.Add(asOf);
        command.Options.Add(tz);
        command.Options.Add(budget);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            foreach (var p in paths) CommandLineErrors.RejectOptionLike(p, parse);
            var mapping = CommandLineValues.Pairs(parse.GetValue(map), "--map", "FIELD=SOURCE");
            var dir = parse.GetValue(outDir)!;
            try
            {
                var textEncoding = EncodingOption.Read(parse, encoding);
                var regexBudget = parse.GetValue(budget) is { } b ? TimeSpan.FromMilliseconds(CommandLineValues.Duration(b, "--regex-budget")) : TimeSpan.FromMinutes(2);
                // A syslog line's year is the reference's, the year before (a month later than the reference's) or after (a
                // log that runs over New Year): each must be a year a date can have, or the line's time would be lost unsaid.
                var yearReference = parse.GetValue(asOf) is { } at ? CommandLineValues.AsOf(at, Msg.LogsAsOfYear) : (DateTimeOffset?)null;
                var zoneName = parse.GetValue(tz);
                var zone = zoneName is null ? TimeZoneInfo.Utc : LogAnalyzer.Zone(zoneName) ?? throw new UsageException(Msg.BadTimeZone.With("--tz", zoneName));
                using var key = sign.Read(parse);
                // Every file's format first, so that one unknown format fails the run before anything is read.
                var formats = paths.Select(p => parse.GetValue(format) ?? LogAnalyzer.Detect(p)
                    ?? throw new UsageException(Msg.GiveLogFormat.With(p, string.Join(", ", LogAnalyzer.Formats)))).ToList();
                var existing = LogsDocument.ExistingSources(dir);
                var added = new List<JsonObject>();
                for (var i = 0; i < paths.Length; i++)
                {
                    ctx.Cancel.ThrowIfCancellationRequested();
                    var analyzer = new LogAnalyzer(formats[i], mapping) { Encoding = textEncoding, Cancel = ctx.Cancel, RegexBudget = regexBudget, YearReference = yearReference,
                        LocalZone = zone, LocalZoneName = zoneName ?? "UTC" };
                    analyzer.Analyze(paths[i]);
                    var source = analyzer.Source(Path.GetFullPath(paths[i]));
                    added.Add(source);
                    ctx.Say(Msg.LogsFile.With(paths[i], analyzer.Format, source["lines"]!.ToJsonString(), source["events"]!.ToJsonString(), source["unparsed"]!.ToJsonString()));
                    if (analyzer.SyslogReference is { } reference)
                        ctx.Say(Msg.LogsSyslogYear.With(paths[i], reference.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                            (yearReference is null ? Msg.LogsYearFromMtime : Msg.LogsYearFromAsOf).Text));
                    // Times without an offset read in a zone (UTC unless --tz): said, not assumed silently.
                    if (analyzer.LocalTimes > 0)
                        ctx.Say(Msg.LogsLocalTimes.With(paths[i], analyzer.LocalTimes, zoneName ?? "UTC"));
                }
                var sources = LogsDocument.Add(existing, added);
                JsonObject facts;
                try { facts = LogsDocument.Aggregate(sources); }
                catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
                {
                    throw new EvidenceInputException(Msg.LogsDocBadSource.With(Path.Combine(dir, "logs.json"), e.Message));
                }
                // The document rests on every log it counts, this run's and earlier runs' (their hashes as recorded then).
                var artefacts = sources.Select(s => new SourceArtefact((string?)s["file"] ?? "", (string?)s["sha256"] ?? "",
                    File.Exists((string?)s["file"]) ? new FileInfo((string)s["file"]!).Length : null)).ToList();
                FactDocuments.Write(dir, "logs", facts, new DocumentOrigin { Sources = artefacts, Key = key });
                ctx.Say(Msg.LogsDone.With(paths.Length, facts["lines"]!.ToJsonString(), facts["events"]!.ToJsonString(), facts["unparsed"]!.ToJsonString(),
                    facts["tasks"]!.ToJsonString(), sources.Count, dir));
                return ExitCodes.Pass;
            }
            catch (EvidenceInputException e) { throw new UsageException(Msg.EvidenceInput.With(e.Text)); }
        });
        return command;
    }
}
