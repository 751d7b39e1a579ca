using System.Text;
using Iq.Engine.Baseline;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Scoring.Judgments;
using SharpFuzz;

namespace Iq.Fuzz;

/// <summary>SharpFuzz harnesses, one per reader of user input: <c>dotnet Iq.Fuzz.dll TARGET</c> under afl-fuzz (docs/fuzzing.md),
/// or <c>dotnet Iq.Fuzz.dll TARGET --run FILE…</c> to replay inputs (a crash found, the seeds). A reader may answer with
/// diagnostics or its own input exception; any other exception escaping is a crash, which AFL records.</summary>
public static class Program
{
    static readonly Dictionary<string, Action<byte[]>> Targets = new()
    {
        // The checklist language: decoding, the grammar, binding and lowering, as iq check runs them.
        ["checklist"] = bytes =>
        {
            var diagnostics = new DiagnosticBag();
            if (Iq.Rules.Syntax.SourceText.Decode(bytes, "fuzz.iq", diagnostics) is not { } text) return;
            ChecklistCompiler.CompileText(text, "fuzz.iq", FactSchema.Default);
        },
        // A fact document, validated against the schema.
        ["facts"] = bytes => FactBundleReader.Load([], FactSchema.Default, [("fuzz.json", bytes, null)]),
        // A .npy case.
        ["npy"] = bytes =>
        {
            try { Npy.Parse(bytes, "fuzz.npy"); }
            catch (BaselineInputException) { }
        },
        // A manifest or SBOM (iq's own JSON, CycloneDX, SPDX).
        ["sbom"] = bytes =>
        {
            try { ManifestReader.Parse(bytes, "fuzz.json"); }
            catch (EvidenceInputException) { }
            catch (Iq.Rules.Io.InputFileException) { }
        },
        // A results file (iq report, iq diff).
        ["results"] = bytes => Iq.Scoring.Reports.ResultsJson.Read(bytes, "fuzz.json", new DiagnosticBag()),
        // An audit archive (iq archive --verify, iq report ARCHIVE): the zip, its manifest, the results inside.
        ["archive"] = bytes => Iq.Engine.Reports.AuditArchive.Verify(bytes, "fuzz.zip", new DiagnosticBag()),
        // Judgment files: YAML and CSV.
        ["judgments"] = bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            YamlInput.Read(text, "fuzz.yaml", new DiagnosticBag());
            CsvInput.Read(text, "fuzz.csv", new DiagnosticBag());
        },
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Iq.Fuzz TARGET [--run FILE…]; TARGET is one of {string.Join(", ", Targets.Keys)}");
            return 2;
        }
        if (args.Length > 1 && args[1] == "--run")
        {
            foreach (var file in args.Skip(2)) target(File.ReadAllBytes(file));
            return 0;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target(memory.ToArray());
        });
        return 0;
    }
}
