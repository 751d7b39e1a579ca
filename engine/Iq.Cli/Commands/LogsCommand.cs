using System.CommandLine;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;

namespace Iq.Cli.Commands;

/// <summary><c>iq logs FILE… [--format F] [--map FIELD=SOURCE]… [--out DIR]</c>: installation logs to a <c>logs</c> fact document.</summary>
static class LogsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var files = new Argument<string[]>("files") { Description = "Log files", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "jsonl, csv, apt, dpkg, syslog or regex:PATTERN (named groups: time, operator, device, parameters, result, task, event); guessed from the name when omitted" };
        var map = new Option<string[]>("--map") { Description = "FIELD=SOURCE: which JSON member or CSV column holds a field (time, operator, device, parameters, result, task, event)" };
        var encoding = EncodingOption.Create("logs");
        var outDir = new Option<string>("--out") { Description = "The bundle folder to write logs.json into", DefaultValueFactory = _ => "iq-facts" };
        var command = new Command("logs", "Analyse installation logs for completeness (IQ 5.4.1, 6.5.1)");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(map);
        command.Options.Add(encoding);
        command.Options.Add(outDir);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            var mapping = CommandLineValues.Pairs(parse.GetValue(map), "--map", "FIELD=SOURCE");
            var name = Path.GetFileName(paths[0]);
            var fmt = parse.GetValue(format) ?? (name.Contains("history", StringComparison.Ordinal) && name.Contains(".log", StringComparison.Ordinal) ? "apt"
                : name.Contains("dpkg", StringComparison.Ordinal) ? "dpkg" : name.EndsWith(".jsonl", StringComparison.Ordinal) ? "jsonl"
                : name.EndsWith(".csv", StringComparison.Ordinal) ? "csv" : throw new UsageException($"give --format for {name}: {string.Join(", ", LogAnalyzer.Formats)}"));
            try
            {
                var analyzer = new LogAnalyzer(fmt, mapping) { Encoding = EncodingOption.Read(parse, encoding) };
                foreach (var p in paths) analyzer.Analyze(p);
                var facts = analyzer.Facts();
                var dir = parse.GetValue(outDir)!;
                using var key = sign.Read(parse);
                FactDocuments.Write(dir, "logs", facts, new DocumentOrigin { Sources = paths.Select(FactDocuments.Source).ToList(), Key = key });
                stdout.WriteLine($"{facts["lines"]} lines, {facts["events"]} events, {facts["unparsed"]} not parsed, {facts["tasks"]} tasks; written to {dir}/logs.json");
                return ExitCodes.Pass;
            }
            catch (EvidenceInputException e) { throw new UsageException(e.Message); }
        });
        return command;
    }
}
