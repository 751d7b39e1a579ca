using System.CommandLine;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Iq.Engine.Scans;

namespace Iq.Cli.Commands;

/// <summary><c>iq scans FILE… [--out DIR]</c>: OpenSCAP results (XCCDF 1.2 or ARF, plain or gzipped) and Lynis reports
/// into a <c>security_scans</c> document (6.2.1), facts imported from the scanners a lab already runs.</summary>
static class ScansCommand
{
    public static Command Create(TextWriter stdout)
    {
        var files = new Argument<string[]>("reports") { Description = "oscap xccdf eval --results / --results-arf files (.xml or .xml.gz), lynis-report.dat", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "The bundle folder to write into", DefaultValueFactory = _ => "iq-facts" };
        var command = new Command("scans", "OpenSCAP and Lynis reports to security_scans facts (IQ 6.2.1)");
        command.Arguments.Add(files);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var (facts, diagnostics) = SecurityScans.Read(parse.GetValue(files)!);
            if (facts is null) throw new UsageException(diagnostics);
            var dir = parse.GetValue(outDir)!;
            // Imported from the scanners' reports, each hashed in sources.
            FactDocuments.Write(dir, "security_scans", facts, new DocumentOrigin { Sources = parse.GetValue(files)!.Select(FactDocuments.Source).ToList() });
            foreach (var scan in facts["scans"]!.AsArray())
                stdout.WriteLine(Describe(scan!));
            stdout.WriteLine($"written to {dir}/security_scans.json");
            return ExitCodes.Pass;
        });
        return command;
    }

    static string Describe(JsonNode scan)
    {
        var counts = scan["counts"]!.AsObject();
        var what = string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));
        var name = (string?)scan["tool"] == "openscap" ? $"{Text(scan["profile"])} ({scan["format"]})" : $"hardening index {Text(scan["score"])}";
        return $"{scan["file"]}: {scan["tool"]} {Text(scan["tool_version"])}, {name}: {what}";
    }

    static string Text(JsonNode? n) => n is JsonValue v ? v.ToString() : "?";
}
