using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Baseline;
using Iq.Engine.Evidence;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Io;
using Iq.Rules.Runtime;
using Iq.Scoring.Judgments;
using Iq.Scoring.Reports.Scorecard;

namespace Iq.Tests;

/// <summary>Property tests of every reader of user input and of the expression evaluator: for any input, a reader answers
/// with a value or diagnostics (or its own input exception, which the CLI prints as exit 2); no other exception escapes.
/// Inputs are real documents mutated (bytes flipped, cut, duplicated, tokens inserted) and text made up from the tokens the
/// formats use. A new reader joins here in the change that adds it.</summary>
public class ReaderPropertyTests
{
    static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, relative));

    static readonly byte[][] JsonSeeds =
    [
        Bytes("checklists/samples/failing/environment.json"),
        Bytes("checklists/samples/failing/attestations.json"),
        Bytes("checklists/samples/failing/baseline.json"),
        Bytes("checklists/samples/failing/manifest.json"),
        Bytes("checklists/samples/compliant/plan.json"),
    ];

    static readonly string[] JsonTokens = ["{", "}", "[", "]", "\"", ",", ":", "null", "1e400", "-1", "NaN", "\"$error\"", "\"kind\"", "0.5", "\\u0000", "\"a\":1,\"a\":2", "true", "//", "/*"];

    /// <summary>A seed with edits: 0 delete a range, 1 insert a token, 2 flip a byte, 3 duplicate a range.</summary>
    static Gen<byte[]> Mutant(byte[][] seeds, string[] tokens) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 255], Gen.Int[1, 64]).Array[1, 8], (seed, edits) =>
        {
            var b = seeds[seed].ToList();
            foreach (var (kind, at, value, length) in edits)
            {
                if (b.Count == 0) break;
                var i = at % b.Count;
                switch (kind)
                {
                    case 0: b.RemoveRange(i, Math.Min(length, b.Count - i)); break;
                    case 1: b.InsertRange(i, Encoding.UTF8.GetBytes(tokens[value % tokens.Length])); break;
                    case 2: b[i] = (byte)value; break;
                    default: b.InsertRange(i, b.GetRange(i, Math.Min(length, b.Count - i))); break;
                }
            }
            return b.ToArray();
        });

    /// <summary>Values of every JSON kind, put where a reader expects another: null, lists and objects (empty, nested, a
    /// fact marker), strings, a fraction, a negative, a number too large for a long and one too large for a double's
    /// integer range.</summary>
    static readonly string[] OtherKinds =
        ["null", "[]", "{}", "\"x\"", "\"\"", "0", "-1", "1.5", "1e300", "9223372036854775808", "true", "[null]", "[[]]", "[7]", "[\"x\"]",
         "{\"a\":[]}", "{\"$absent\":\"x\"}"];

    /// <summary>A seed (valid JSON) with one to three of its values, at any depth, replaced by a value of another kind
    /// (<see cref="OtherKinds"/>): the class of bug where a reader indexes or casts a value without checking its kind
    /// (CI's seed 5vBaealsFXt7: CycloneDX metadata as a non-object), which byte edits reach only by chance.</summary>
    static Gen<byte[]> KindSwapped(byte[][] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, OtherKinds.Length - 1]).Array[1, 3], (seed, swaps) =>
        {
            var root = JsonNode.Parse(seeds[seed])!;
            foreach (var (at, kind) in swaps)
            {
                var places = Places(root).ToList();
                if (places.Count == 0) break;
                var (parent, key) = places[at % places.Count];
                var value = JsonNode.Parse(OtherKinds[kind]);
                if (parent is JsonObject o) o[(string)key] = value;
                else ((JsonArray)parent)[(int)key] = value;
            }
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        });

    /// <summary>Every member and element under <paramref name="node"/>, as its parent and its name or index.</summary>
    static IEnumerable<(JsonNode Parent, object Key)> Places(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    yield return (o, name);
                    foreach (var p in Places(child)) yield return p;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    foreach (var p in Places(a[i])) yield return p;
                }
                break;
        }
    }

    static Gen<string> Tokens(string[] tokens, int max) => Gen.Int[0, tokens.Length - 1].Array[0, max].Select(a => string.Concat(a.Select(i => tokens[i])));

    [Fact]
    public void Fact_documents_give_values_or_diagnostics()
    {
        Mutant(JsonSeeds, JsonTokens).Sample(bytes =>
        {
            var bundle = FactBundleReader.Load([], FactSchema.Default, [("doc.json", bytes, null)]);
            return bundle.Succeeded || bundle.Diagnostics.All(d => d.Span.File == "doc.json" && d.Span.Line >= 1 && d.Message.Length > 0);
        }, iter: 600);
    }

    [Fact]
    public void Fact_documents_with_a_value_of_another_kind_give_values_or_diagnostics()
    {
        KindSwapped(JsonSeeds).Sample(bytes =>
        {
            var bundle = FactBundleReader.Load([], FactSchema.Default, [("doc.json", bytes, null)]);
            return bundle.Succeeded || bundle.Diagnostics.All(d => d.Span.File == "doc.json" && d.Span.Line >= 1 && d.Message.Length > 0);
        }, iter: 600);
    }

    [Fact]
    public void Random_bytes_as_a_fact_document_give_diagnostics()
    {
        Gen.Byte.Array[0, 400].Sample(bytes => !FactBundleReader.Load([], FactSchema.Default, [("doc.json", bytes, null)]).Succeeded || bytes.Length > 0, iter: 300);
    }

    static readonly byte[][] ManifestSeeds =
        [
            Bytes("checklists/samples/failing/manifest.json"),
            Encoding.UTF8.GetBytes("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"component\":{\"name\":\"a\",\"version\":\"1.0.0\"}},\"components\":[{\"name\":\"b\",\"version\":\"2\",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"00\"}]}]}"),
            Encoding.UTF8.GetBytes("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"a\",\"versionInfo\":\"1.0.0\"},{\"name\":\"b\"}],\"files\":[{\"fileName\":\"./x\",\"checksums\":[{\"algorithm\":\"SHA256\",\"checksumValue\":\"00\"}]}]}"),
            Encoding.UTF8.GetBytes("{\"package\":{\"id\":\"p\",\"version\":\"1.0.0\"},\"components\":[{\"name\":\"a\",\"path\":\"x\",\"sha256\":\"00\"}],\"documents\":[{\"name\":\"d\",\"version\":\"1\"}]}"),
        ];

    static bool ManifestReadOrRefused(byte[] bytes)
    {
        try { ManifestReader.Parse(bytes, "m.json"); }
        catch (EvidenceInputException e) { return e.Message.StartsWith("m.json", StringComparison.Ordinal); }
        return true;
    }

    [Fact]
    public void Manifests_and_sboms_give_facts_or_input_errors() => Mutant(ManifestSeeds, JsonTokens).Sample(ManifestReadOrRefused, iter: 600);

    [Fact]
    public void Manifests_and_sboms_with_a_value_of_another_kind_give_facts_or_input_errors() =>
        KindSwapped(ManifestSeeds).Sample(ManifestReadOrRefused, iter: 600);

    [Fact]
    public void Yaml_judgments_give_records_or_diagnostics()
    {
        string[] tokens = ["- ", "item: ", "status: ", "pass", "\n", "  ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "? ", ": ", "\"", "'", "#", "---\n", "|\n", ">\n", ",", "\t", "中"];
        Tokens(tokens, 60).Sample(text =>
        {
            var d = new DiagnosticBag();
            var root = YamlInput.Read(text, "j.yaml", d);
            return root is not null || d.Items.Count > 0 && d.Items.All(x => x.Span.File == "j.yaml" && x.Span.Line >= 1);
        }, iter: 1500);
    }

    /// <summary>An attestations document given to --attestations (JSON read as YAML, its facts.items taken as the records),
    /// mutated or with values of other kinds: signed judgments or diagnostics naming the file, never an exception.</summary>
    [Fact]
    public void Attestations_documents_given_as_judgment_files_give_judgments_or_diagnostics()
    {
        byte[][] seeds = [Bytes("checklists/samples/compliant/attestations.json"), Bytes("checklists/samples/model-digits/attestations.json")];
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "a.json");
        bool ReadOrRefused(byte[] bytes)
        {
            File.WriteAllBytes(file, bytes);
            var d = new DiagnosticBag();
            var read = JudgmentFiles.ReadAttestations(file, d);
            // Read: every judgment is signed (who and when); refused: every diagnostic names this file.
            return d.Items.Count == 0
                ? read.All(a => a.Item.Length > 0 && a.Assessor.Trim().Length > 0 && a.Date is not null)
                : d.Items.All(x => x.Span.File == file);
        }
        Gen.OneOf(Mutant(seeds, JsonTokens), KindSwapped(seeds)).Sample(ReadOrRefused, iter: 600);
    }

    /// <summary>A waiver approved, or a judgment signed, by nobody visible: any run of Unicode spaces and invisible format
    /// characters, quoted in YAML (which keeps it) or a CSV cell. Refused in either format, naming the file: a waiver
    /// approved by " " turned a failed shall item into a pass, and a judgment signed by U+200B is signed by nobody.</summary>
    [Fact]
    public void Waivers_and_judgments_signed_by_blank_text_are_refused()
    {
        char[] blanks = [' ', '\t', '\u00A0', '\u2003', '\u3000', '\u200B', '\u2060', '\uFEFF', '\u180E'];
        using var dir = new TempDir();
        Gen.Select(Gen.Int[0, blanks.Length - 1].Array[1, 6], Gen.Int[0, 3], (picks, form) => (Text: new string([.. picks.Select(i => blanks[i])]), Form: form))
            .Sample(c =>
            {
                // YAML escapes (\uXXXX) spell every character whatever the file's bytes; CSV carries them as they are.
                var yaml = string.Concat(c.Text.Select(ch => $"\\u{(int)ch:X4}"));
                var (name, text, waiver) = c.Form switch
                {
                    0 => ("w.yaml", $"- item: A.memory\n  justification: accepted\n  approved_by: \"{yaml}\"\n  expires: 2099-01-01\n", true),
                    1 => ("w.csv", $"item,justification,approved_by,expires\nA.memory,accepted,{c.Text},2099-01-01\n", true),
                    2 => ("a.yaml", $"- item: A.staff\n  status: pass\n  assessor: \"{yaml}\"\n  date: 2026-11-20\n", false),
                    _ => ("a.csv", $"item,status,assessor,date\nA.staff,pass,{c.Text},2026-11-20\n", false),
                };
                // A file of its own per sample: CsCheck samples on several threads at once.
                var file = Path.Combine(dir.Path, Guid.NewGuid().ToString("N") + "-" + name);
                File.WriteAllText(file, text, new UTF8Encoding(false));
                var d = new DiagnosticBag();
                var read = waiver ? JudgmentFiles.ReadWaivers(file, d).Count : JudgmentFiles.ReadAttestations(file, d).Count;
                return read == 0 && d.HasErrors && d.Items.All(x => x.Span.File == file);
            }, iter: 300);
    }

    [Fact]
    public void Yaml_nested_deeper_than_the_limit_is_refused_without_recursion()
    {
        var d = new DiagnosticBag();
        Assert.Null(YamlInput.Read("x: " + new string('[', 100_000) + new string(']', 100_000), "deep.yaml", d));
        Assert.Contains("nested more than 64", Assert.Single(d.Items).Message);
    }

    [Fact]
    public void Csv_judgments_give_records_or_diagnostics_with_physical_lines()
    {
        string[] tokens = ["item", "status", ",", "\"", "\"\"", "\n", "\r\n", "a", " ", "pass", "\uFEFF"];
        Tokens(tokens, 60).Sample(text =>
        {
            var d = new DiagnosticBag();
            var read = CsvInput.Read(text, "j.csv", d);
            var lines = text.Count(c => c == '\n') + 1;
            return read is { } r ? r.Records.All(x => x.Line >= 2 && x.Line <= lines) : d.Items.Count == 1;
        }, iter: 1500);
    }

    [Fact]
    public void Npy_arrays_give_data_or_input_errors()
    {
        var seeds = Directory.GetFiles(TestPaths.Case("baseline/cls"), "*.npy").Take(3).Select(File.ReadAllBytes).ToArray();
        string[] tokens = ["(", ")", ",", "-1", "99999999999", "'<f4'", "'>f8'", "True", "{", "}", "\u0000"];
        Mutant(seeds, tokens).Sample(bytes =>
        {
            try { return Npy.Parse(bytes, "c.npy").Data.All(float.IsFinite); }
            catch (BaselineInputException e) { return e.Message.StartsWith("c.npy:", StringComparison.Ordinal); }
        }, iter: 800);
    }

    [Fact]
    public void Junit_reports_give_facts_or_input_errors()
    {
        string[] tokens = ["<testsuites>", "</testsuites>", "<testsuite name=\"s\">", "</testsuite>", "<testcase name=\"t\"/>", "<testcase>", "</testcase>",
            "<failure/>", "<skipped/>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "<properties><property name=\"category\" value=\"interface\"/></properties>", "<", ">", "\""];
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "r.xml");
        Tokens(tokens, 30).Sample(text =>
        {
            File.WriteAllText(file, text);
            try { JunitFacts.Read([file], new Dictionary<string, string>()); }
            catch (EvidenceInputException e) { return e.Message.StartsWith(file, StringComparison.Ordinal); }
            return true;
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Logs_in_every_format_give_counts_or_input_errors()
    {
        string[] tokens = ["{\"time\":\"2026-01-01T00:00:00Z\",", "\"event\":\"created\"", "\"task\":\"t\"", "}", "\n", ",", "\"", "Start-Date: 2026-01-01  00:00:00",
            "End-Date: 2026-01-01  00:00:01", "Commandline: apt install x", "Error: x", "2025-06-24 14:36:25 install libfoo:amd64 <none> 1.2-3", "Jan  1 00:00:00 h sshd[1]: x", "time,event"];
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "a.log");
        Gen.Select(Tokens(tokens, 40), Gen.Int[0, 5]).Sample((text, format) =>
        {
            File.WriteAllText(file, text);
            var analyzer = new LogAnalyzer(new[] { "jsonl", "csv", "apt", "dpkg", "syslog", "regex:^(?<time>\\S+) (?<event>\\S+)" }[format], new Dictionary<string, string>());
            try { analyzer.Analyze(file); }
            catch (EvidenceInputException e) { return e.Message.StartsWith(file, StringComparison.Ordinal); }
            return analyzer.Facts()["lines"] is not null;
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Workbooks_are_checked_or_read_never_thrown()
    {
        var template = new MemoryStream();
        var model = ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!.Model;
        ManualReview.WriteTemplate(model, "en", template);
        var seeds = new[] { template.ToArray() };
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "w.xlsx");
        Mutant(seeds, ["PK", "\u0000", "<", ">"]).Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            var d = new DiagnosticBag();
            ManualReview.Read(file, d);
            return d.Items.All(x => x.Span.File == file);
        }, iter: 150, threads: 1);
    }

    /// <summary>Byte mutants of a workbook mostly break the zip's checksums, so the parts inside are seldom read: here the
    /// sheet, the workbook part, its relationships and the shared strings are mutated inside a zip that opens, with the
    /// tokens cells are made of (references, types, error values, shared-string numbers). The guard or the reader answers
    /// with diagnostics naming the file, never an exception, and never with the library's exception type names.</summary>
    [Fact]
    public void Workbook_parts_mutated_inside_the_zip_are_checked_or_read_never_thrown()
    {
        var template = new MemoryStream();
        var model = ChecklistCompiler.CompileFile(Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!.Model;
        ManualReview.WriteTemplate(model, "en", template);
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(template.ToArray())))
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                var m = new MemoryStream();
                s.CopyTo(m);
                parts[e.FullName] = m.ToArray();
            }
        var mutable = parts.Keys.Where(k => k.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) || k is "xl/workbook.xml" or "xl/_rels/workbook.xml.rels" or "xl/sharedStrings.xml").Order(StringComparer.Ordinal).ToArray();
        string[] tokens = ["r=\"", "r=\"E$$2\"", "r=\"XFE1\"", "r=\"A0\"", " t=\"e\"", " t=\"s\"", "<v>#DIV/0!</v>", "<v>99999</v>", "<v>-1</v>", "<c r=\"E2\" t=\"e\"><v>#N/A</v></c>",
            "<row r=\"0\">", "<row r=\"1048577\">", "</row>", "<c>", "</c>", "'", "\"", "<", ">", "Target=\"nowhere.xml\"", "1048576"];
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "w.xlsx");
        Gen.Select(Gen.Int[0, mutable.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 255], Gen.Int[1, 64]).Array[1, 6]).Sample((w, edits) =>
            {
                var b = parts[mutable[w]].ToList();
                foreach (var (kind, at, value, length) in edits)
                {
                    if (b.Count == 0) break;
                    var i = at % b.Count;
                    switch (kind)
                    {
                        case 0: b.RemoveRange(i, Math.Min(length, b.Count - i)); break;
                        case 1 or 2: b.InsertRange(i, Encoding.UTF8.GetBytes(tokens[value % tokens.Length])); break;
                        default: b.InsertRange(i, b.GetRange(i, Math.Min(length, b.Count - i))); break;
                    }
                }
                using (var output = File.Create(file))
                using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create))
                    foreach (var (name, bytes) in parts)
                    {
                        using var s = zip.CreateEntry(name).Open();
                        s.Write(name == mutable[w] ? b.ToArray() : bytes);
                    }
                var d = new DiagnosticBag();
                ManualReview.Read(file, d);
                return d.Items.All(x => x.Span.File == file && !x.Message.Contains("Exception", StringComparison.Ordinal));
            }, iter: 300, threads: 1);
    }

    [Fact]
    public void Report_information_gives_fields_or_diagnostics()
    {
        var seeds = new[] { Encoding.UTF8.GetBytes("{\"report_no\":\"IQ-1\",\"signer\":\"周静\",\"dates\":\"2026-11-20\"}") };
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "info.json");
        Mutant(seeds, JsonTokens).Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            var d = new DiagnosticBag();
            return ReportInfo.Read(file, d) is not null || d.Items.Count > 0;
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Snapshots_give_entries_or_input_errors()
    {
        var seeds = new[] { Encoding.UTF8.GetBytes("{\"schema\":\"iq.snapshot/1\",\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"00\",\"mode\":\"644\"}]}") };
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "s.json");
        Mutant(seeds, JsonTokens).Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            try { Snapshot.Load(file); }
            catch (EvidenceInputException e) { return e.Message.StartsWith(file, StringComparison.Ordinal); }
            catch (InputFileException) { return true; }
            return true;
        }, iter: 400, threads: 1);
    }

    /// <summary>A results file and an archive of the failing sample's audit, made once by the real CLI (in process).</summary>
    static readonly Lazy<(byte[] Results, byte[] Archive)> Audited = new(() =>
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var zip = Path.Combine(dir.Path, "a.zip");
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts",
            Path.Combine(TestPaths.Checklists, "samples", "failing"), "--as-of", "2026-11-22", "--json", json, "--archive", zip);
        Assert.True(run.ExitCode == 1, run.Stderr);
        return (File.ReadAllBytes(json), File.ReadAllBytes(zip));
    });

    [Fact]
    public void Results_files_give_documents_or_diagnostics()
    {
        // Small edits of a real results file (the reader must check every member's type) and of a few hand-made ones.
        var seeds = new[]
        {
            Audited.Value.Results,
            Encoding.UTF8.GetBytes("{\"schema\":\"iq.results/2\",\"checklist\":{},\"report\":{\"product\":{}},\"items\":[{}]}"),
            Encoding.UTF8.GetBytes("{\"schema\":\"iq.results/1\"}"),
        };
        Mutant(seeds, [.. JsonTokens, "\"pass\"", "\"fail\"", "\"2026-13-45\"", "-2147483649", "{\"$absent\":1}"]).Sample(bytes =>
        {
            var d = new DiagnosticBag();
            var doc = Iq.Scoring.Reports.ResultsJson.Read(bytes, "r.json", d);
            return doc is not null || d.Items.Count > 0 && d.Items.All(x => x.Span.File == "r.json" && x.Span.Line >= 1);
        }, iter: 300);
    }

    [Fact]
    public void Results_files_with_a_value_of_another_kind_give_documents_or_diagnostics()
    {
        KindSwapped([Audited.Value.Results]).Sample(bytes =>
        {
            var d = new DiagnosticBag();
            var doc = Iq.Scoring.Reports.ResultsJson.Read(bytes, "r.json", d);
            return doc is not null || d.Items.Count > 0 && d.Items.All(x => x.Span.File == "r.json" && x.Span.Line >= 1);
        }, iter: 300);
    }

    /// <summary>Evidence words (<c>actual_words</c>, <c>expected_words</c>: a new reader, in evidence and in a failed
    /// reason's first evidence): every value in them, and each of them whole, replaced by every other kind of value, in the
    /// results of Cases/evidence-words (which has every word): a document, or one diagnostic at a JSON path inside the words.
    /// Exhaustive rather than sampled, since the words are a small part of a results file that random swaps seldom reach.</summary>
    [Fact]
    public void Evidence_words_with_a_value_of_another_kind_are_read_or_refused_at_their_path() => WordsReadOrRefused("evidence-words", 40);

    /// <summary>A title's and a fix's words (<c>title_words</c>, <c>fix_words</c>, the same reader as evidence words, new
    /// members of a row) and a when's because text's (<c>because_words</c> in a not_applicable reason), in the results of
    /// Cases/title-words (a missing value, a null, a list cut short in titles, fixes and a because), likewise; and
    /// <c>fix_words</c> without its <c>fix</c> is refused at the missing fix, <c>because_words</c> beside a null because at
    /// the because.</summary>
    [Fact]
    public void Title_and_fix_words_with_a_value_of_another_kind_are_read_or_refused_at_their_path()
    {
        WordsReadOrRefused("title-words", 15);
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        CliRunner.InProcess("audit", Path.Combine(TestPaths.Case("title-words"), "words.iq"), "--facts",
            Path.Combine(TestPaths.Case("title-words"), "facts"), "--as-of", "2026-11-22", "--json", json);
        var root = JsonNode.Parse(File.ReadAllText(json))!;
        var item = root["items"]!.AsArray().First(i => i!["fix_words"] is not null)!.AsObject();
        Assert.NotNull(item["title_words"]);
        item.Remove("fix");
        var d = new DiagnosticBag();
        Assert.Null(Iq.Scoring.Reports.ResultsJson.Read(Encoding.UTF8.GetBytes(root.ToJsonString()), "r.json", d));
        Assert.Contains("missing member 'fix' at $.items[0].fix", Assert.Single(d.Items).Render(Iq.Rules.Messages.Lang.En));

        root = JsonNode.Parse(File.ReadAllText(json))!;
        var items = root["items"]!.AsArray();
        var at = items.Select((i, n) => (Reason: i!["reason"]!.AsObject(), n)).Single(x => x.Reason["because_words"] is not null);
        Assert.Equal("the count is not 8 (missing, [\"x\", missing, \"z\"])", at.Reason["because"]!.GetValue<string>());
        var read = Iq.Scoring.Reports.ResultsJson.Read(Encoding.UTF8.GetBytes(root.ToJsonString()), "r.json", d = new DiagnosticBag());
        Assert.True(read is not null, string.Join("\n", d.Items.Select(x => x.Render(Iq.Rules.Messages.Lang.En))));
        var because = Assert.IsType<Iq.Rules.Runtime.NotApplicable>(read.Items[at.n].Reason);
        Assert.Equal("the count is not 8 (缺失, [\"x\", 缺失, \"z\"])", because.BecauseWords!.Render(Iq.Rules.Messages.Lang.Zh));
        at.Reason["because"] = null;
        Assert.Null(Iq.Scoring.Reports.ResultsJson.Read(Encoding.UTF8.GetBytes(root.ToJsonString()), "r.json", d = new DiagnosticBag()));
        Assert.Contains($"expected a string at $.items[{at.n}].reason.because", Assert.Single(d.Items).Render(Iq.Rules.Messages.Lang.En));
    }

    static void WordsReadOrRefused(string @case, int minPlaces)
    {
        using var dir = new TempDir();
        var json = Path.Combine(dir.Path, "r.json");
        var run = CliRunner.InProcess("audit", Path.Combine(TestPaths.Case(@case), "words.iq"), "--facts",
            Path.Combine(TestPaths.Case(@case), "facts"), "--as-of", "2026-11-22", "--json", json);
        Assert.True(run.ExitCode == 1, run.Stderr);
        var seed = File.ReadAllText(json);
        var places = 0;
        var refused = 0;
        var count = Places(JsonNode.Parse(seed)).Count();
        for (var at = 0; at < count; at++)
        {
            var probe = JsonNode.Parse(seed)!;
            var (parent, key) = Places(probe).ElementAt(at);
            var path = Path_(parent, key);
            if (!path.Contains("_words", StringComparison.Ordinal)) continue;
            places++;
            foreach (var kind in OtherKinds)
            {
                var root = JsonNode.Parse(seed)!;
                var (p, k) = Places(root).ElementAt(at);
                if (p is JsonObject o) o[(string)k] = JsonNode.Parse(kind);
                else ((JsonArray)p)[(int)k] = JsonNode.Parse(kind);
                var d = new DiagnosticBag();
                var doc = Iq.Scoring.Reports.ResultsJson.Read(Encoding.UTF8.GetBytes(root.ToJsonString()), "r.json", d);
                if (doc is not null) continue;
                refused++;
                var diagnostic = Assert.Single(d.Items);
                Assert.Equal("r.json", diagnostic.Span.File);
                var words = path[..(path.IndexOf("_words", StringComparison.Ordinal) + "_words".Length)];
                Assert.Contains($" at {words}", diagnostic.Render(Iq.Rules.Messages.Lang.En));
            }
        }
        Assert.True(places > minPlaces, $"only {places} places in the words");
        Assert.True(refused > places, $"only {refused} refusals");
    }

    /// <summary>The JSON path of a place, as the results reader names it (<c>$.items[3].evidence[0].actual_words</c>).</summary>
    static string Path_(JsonNode parent, object key)
    {
        var child = parent is JsonObject o ? o[(string)key] : ((JsonArray)parent)[(int)key];
        var path = child?.GetPath() ?? (parent.GetPath() + (key is string s ? "." + s : $"[{key}]"));
        return path;
    }

    [Fact]
    public void Snapshots_and_report_information_with_a_value_of_another_kind_are_read_or_refused()
    {
        using var dir = new TempDir();
        var snapshot = Path.Combine(dir.Path, "s.json");
        KindSwapped([Encoding.UTF8.GetBytes("{\"schema\":\"iq.snapshot/1\",\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"00\",\"mode\":\"644\"}]}")]).Sample(bytes =>
        {
            File.WriteAllBytes(snapshot, bytes);
            try { Snapshot.Load(snapshot); }
            catch (EvidenceInputException e) { return e.Message.StartsWith(snapshot, StringComparison.Ordinal); }
            return true;
        }, iter: 300, threads: 1);
        var info = Path.Combine(dir.Path, "info.json");
        KindSwapped([Encoding.UTF8.GetBytes("{\"report_no\":\"IQ-1\",\"signer\":\"周静\",\"dates\":\"2026-11-20\"}")]).Sample(bytes =>
        {
            File.WriteAllBytes(info, bytes);
            var d = new DiagnosticBag();
            return ReportInfo.Read(info, d) is not null || d.Items.Count > 0;
        }, iter: 200, threads: 1);
    }

    /// <summary>A logs document as iq logs wrote it, a value changed to another kind and sealed again (iq seal vouches
    /// for any file): iq logs adds to it or refuses it naming it, never crashes on what it sums.</summary>
    [Fact]
    public void Logs_documents_with_a_value_of_another_kind_are_added_to_or_refused()
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "a.csv");
        File.WriteAllText(log, "time,event,task,operator\n2026-01-01T00:00:00Z,created,t1,ana\n2026-01-01T00:05:00Z,approved,t1,ana\nnot a time,x\n");
        var bundle = Path.Combine(dir.Path, "b");
        var run = CliRunner.InProcess("logs", log, "--out", bundle);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = Path.Combine(bundle, "logs.json");
        KindSwapped([File.ReadAllBytes(doc)]).Sample(bytes =>
        {
            File.WriteAllBytes(doc, bytes);
            Iq.Engine.Trust.Seals.Write(doc, null);
            try { LogsDocument.Aggregate(LogsDocument.Add(LogsDocument.ExistingSources(bundle), [])); }
            catch (EvidenceInputException e) { return e.Message.Contains(doc, StringComparison.Ordinal); }
            return true;
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Archives_verify_or_give_diagnostics()
    {
        // Bytes of a real archive flipped, cut and duplicated: corrupt central directories, lying sizes, bad deflate streams.
        Mutant([Audited.Value.Archive], ["PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", "\u0000", "\u00ff"]).Sample(bytes =>
        {
            var d = new DiagnosticBag();
            var files = Iq.Engine.Reports.AuditArchive.Verify(bytes, "a.zip", d);
            return files is not null && !d.HasErrors || d.Items.Count > 0 && d.Items.All(x => x.Span.File.StartsWith("a.zip", StringComparison.Ordinal));
        }, iter: 200);
    }

    [Fact]
    public void Archives_whose_manifest_has_a_value_of_another_kind_give_diagnostics()
    {
        // The real archive's entries, its manifest.json kind-swapped (inside the zip, byte edits almost never reach it).
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Audited.Value.Archive)))
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries[e.FullName] = m.ToArray();
            }
        KindSwapped([entries["manifest.json"]]).Sample(manifest =>
        {
            var bytes = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, content) in entries)
                {
                    using var s = zip.CreateEntry(name).Open();
                    s.Write(name == "manifest.json" ? manifest : content);
                }
            var d = new DiagnosticBag();
            var files = Iq.Engine.Reports.AuditArchive.Verify(bytes.ToArray(), "a.zip", d);
            return files is not null && !d.HasErrors || d.Items.Count > 0 && d.Items.All(x => x.Span.File.StartsWith("a.zip", StringComparison.Ordinal));
        }, iter: 200);
    }

    // ---- the expression evaluator ----

    static readonly string[] Leaves =
    [
        "env.cpu.logical_cores", "env.memory.total", "env.os.id", "env.gpus", "software[\"docker\"].version", "plan.software", "1", "0", "-3.5", "40 GiB",
        "200 ms", "95%", "1.2.3", "\"text\"", "\"\"", "true", "false", "[1, 2, 3]", "[]", "env.security.selinux", "custom.x",
    ];

    static readonly string[] Unary = ["not ", "-", "count(", "len(", "exists(", "lower(", "sum(", "min(", "max(", "avg(", "version("];
    static readonly string[] Binary = [" and ", " or ", " == ", " != ", " >= ", " < ", " + ", " - ", " * ", " / ", " in ", " matches "];

    static Gen<string> Expression(int depth) => depth == 0
        ? Gen.Int[0, Leaves.Length - 1].Select(i => Leaves[i])
        : Gen.OneOf(
            Gen.Int[0, Leaves.Length - 1].Select(i => Leaves[i]),
            Gen.Select(Gen.Int[0, Unary.Length - 1], Expression(depth - 1), (u, e) => Unary[u].EndsWith('(') ? $"{Unary[u]}{e})" : $"{Unary[u]}({e})"),
            Gen.Select(Expression(depth - 1), Gen.Int[0, Binary.Length - 1], Expression(depth - 1), (a, op, b) => $"({a}{Binary[op]}{b})"),
            Gen.Select(Gen.Int[0, 2], Expression(depth - 1), (f, e) => new[] { $"all(env.gpus, g => {e})", $"any(plan.software, s => {e})", $"count(env.gpus, g => {e})" }[f]));

    [Fact]
    public void Expressions_compile_to_diagnostics_or_evaluate_without_throwing()
    {
        var facts = FactBundleReader.Load([Path.Combine(TestPaths.Checklists, "samples", "failing")], FactSchema.Default).Values;
        Expression(3).Sample(expr =>
        {
            var text = $"checklist \"t\" {{ }}\nitem \"a\" \"A\" {{\n  expect {expr}\n}}\n";
            var compiled = ChecklistCompiler.CompileText(text, "p.iq", FactSchema.Default);
            if (!compiled.Succeeded) return compiled.Diagnostics.Any(d => d.Severity == Severity.Error && d.Span.File == "p.iq");
            var rows = compiled.Checklist!.Evaluate(facts, DateTimeOffset.UnixEpoch);
            // Three-valued logic: whatever the expression, the item has an outcome, and a pass rests on evidence.
            return rows.Count == 1 && (rows[0].Outcome != Outcome.Pass || rows[0].Evidence.Count > 0 || rows[0].Message.Length >= 0);
        }, iter: 800);
    }

    [Fact]
    public void Random_text_as_a_checklist_gives_diagnostics()
    {
        string[] tokens = ["checklist", "item", "section", "param", "let", "extends", "\"", "{", "}", "(", ")", "[", "]", "expect", "when", "csharp {", "#",
            "\n", " ", "1", "GiB", "=>", "foreach", "in", "中", "\\", "\u0000", "%"];
        Tokens(tokens, 50).Sample(text =>
        {
            var result = ChecklistCompiler.CompileText(text, "r.iq", FactSchema.Default);
            return result.Succeeded || result.Diagnostics.All(d => d.Span.File == "r.iq" && d.Span.Line >= 1 && d.Span.Column >= 1);
        }, iter: 1500);
    }
}
