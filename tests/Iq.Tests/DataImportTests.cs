using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Evidence;
using Iq.Engine.Evidence.Integrity;

namespace Iq.Tests;

/// <summary>iq imports (6.2.2 f): a data set checked after import against the checksum list coreutils wrote for it.
/// The oracle is coreutils itself: what <c>sha256sum -c</c> calls FAILED or unreadable is what iq calls changed or missing.</summary>
public class DataImportTests
{
    /// <summary>A coreutils tool run in a folder (lists hold names relative to where they were made).</summary>
    static (int Code, string Stdout) Coreutils(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{args[0]} did not finish");
        return (p.ExitCode, stdout.Result);
    }

    /// <summary>A data set as a PACS export looks: nested folders, names with spaces, a backslash, non-ASCII.</summary>
    static readonly string[] Names =
    [
        "CT/2024/0815/IM-0001.dcm", "CT/2024/0815/IM-0002.dcm", "CT/2025/0302/IM-0118.dcm", "labels/nodules.csv",
        "report with spaces.txt", "中文/说明.txt", @"odd\name.dcm", "MR/IM-0007.dcm",
    ];

    static string MakeSet(TempDir dir)
    {
        var root = Path.Combine(dir.Path, "set");
        var random = new Random(17);
        foreach (var name in Names)
        {
            var file = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var bytes = new byte[random.Next(1, 70_000)];
            random.NextBytes(bytes);
            File.WriteAllBytes(file, bytes);
        }
        return root;
    }

    /// <summary>sha256sum -c's verdicts: FAILED (content differs) and FAILED open or read (gone), by name.</summary>
    static (HashSet<string> Changed, HashSet<string> Missing) CoreutilsCheck(string root, string list, string tool)
    {
        var (_, output) = Coreutils(root, tool, "-c", list);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // An escaped name (backslash, newline) makes coreutils start the line with a backslash.
            var line = raw.StartsWith('\\') ? raw[1..].Replace(@"\\", @"\") : raw;
            if (line.EndsWith(": FAILED open or read", StringComparison.Ordinal)) missing.Add(line[..^": FAILED open or read".Length]);
            else if (line.EndsWith(": FAILED", StringComparison.Ordinal)) changed.Add(line[..^": FAILED".Length]);
            else Assert.EndsWith(": OK", line);
        }
        return (changed, missing);
    }

    static HashSet<string> Strings(JsonNode? n) => n!.AsArray().Select(x => (string)x!).ToHashSet(StringComparer.Ordinal);

    static JsonObject Imports(TempDir dir, string name, params string[] args)
    {
        var run = CliRunner.InProcess(["imports", name, .. args, "--out", Path.Combine(dir.Path, "bundle")]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "bundle", "data_imports.json")))!["facts"]![name]!;
    }

    [Theory]
    [InlineData("sha256sum", "SHA256SUMS", false)]
    [InlineData("sha512sum", "SHA512SUMS", false)]
    [InlineData("sha256sum", "manifest.txt", true)]
    [InlineData("sha384sum", "data.sha384", false)]
    public void What_sha256sum_c_fails_iq_imports_fails_and_nothing_else(string tool, string listName, bool tagged)
    {
        using var dir = new TempDir();
        var root = MakeSet(dir);
        var (code, list) = Coreutils(root, [tool, .. tagged ? new[] { "--tag" } : [], .. Names]);
        Assert.Equal(0, code);
        File.WriteAllText(Path.Combine(root, listName), list);

        var clean = Imports(dir, "clean", Path.Combine(root, listName));
        Assert.Equal(Names.Length, (long)clean["files_listed"]!);
        Assert.Equal(Names.Length, (long)clean["files_verified"]!);
        Assert.Equal(0, (long)clean["files_extra"]!); // the list itself is not extra
        Assert.Equal(tagged ? "checksums-tagged" : "checksums", (string)clean["format"]!);

        // The import went wrong: a file truncated, one altered by a byte, two never arrived, one added.
        var truncated = Path.Combine(root, "CT/2024/0815/IM-0002.dcm");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..^1]);
        var altered = Path.Combine(root, @"odd\name.dcm");
        var bytes = File.ReadAllBytes(altered);
        bytes[0] ^= 1;
        File.WriteAllBytes(altered, bytes);
        File.Delete(Path.Combine(root, "labels/nodules.csv"));
        File.Delete(Path.Combine(root, "中文/说明.txt"));
        File.WriteAllText(Path.Combine(root, "CT/stray.tmp"), "x");

        var (changed, missing) = CoreutilsCheck(root, listName, tool);
        Assert.Equal(2, changed.Count);
        Assert.Equal(2, missing.Count);
        var facts = Imports(dir, "after", Path.Combine(root, listName));
        Assert.Equal(changed, Strings(facts["changed_files"]));
        Assert.Equal(missing, Strings(facts["missing_files"]));
        Assert.Equal(Names.Length - changed.Count - missing.Count, (long)facts["files_verified"]!);
        Assert.Equal(["CT/stray.tmp"], Strings(facts["extra_files"]));
        // Both sets are in the one document: a second import adds, it does not replace.
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "bundle", "data_imports.json")))!;
        Assert.Equal(["after", "clean"], doc["facts"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Md5sum_lists_verify_nothing_alone_and_unknown_algorithms_nothing_at_all()
    {
        using var dir = new TempDir();
        var root = MakeSet(dir);
        File.WriteAllText(Path.Combine(root, "MD5SUMS"), Coreutils(root, ["md5sum", .. Names]).Stdout);
        var md5 = Imports(dir, "md5", Path.Combine(root, "MD5SUMS"));
        Assert.Equal("only weak hashes (SHA-1, MD5) were given: not enough alone", (string)md5["files_verified"]!["$absent"]!);
        Assert.Equal(Names.Length, Strings(md5["weak_files"]).Count);
        // b2sum writes 128 hex digits like sha512sum: read by its name as BLAKE2b, which the engine does not compute.
        File.WriteAllText(Path.Combine(root, "B2SUMS"), Coreutils(root, ["b2sum", .. Names]).Stdout);
        var b2 = Imports(dir, "b2", Path.Combine(root, "B2SUMS"));
        Assert.Equal(Names.Length, Strings(b2["unverifiable_files"]).Count);
        Assert.True(b2["files_verified"] is JsonObject);
    }

    [Fact]
    public void The_audit_passes_a_verified_import_and_fails_a_changed_one()
    {
        using var dir = new TempDir();
        var root = MakeSet(dir);
        File.WriteAllText(Path.Combine(root, "SHA256SUMS"), Coreutils(root, ["sha256sum", .. Names]).Stdout);
        var bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "plan.json"),
            """{ "kind": "plan", "schema": 1, "facts": { "data_imports": [ { "name": "ct", "source": "PACS" }, { "name": "absent", "source": "x" } ] } }""");
        Imports(dir, "ct", Path.Combine(root, "SHA256SUMS"));

        JsonObject Rows()
        {
            var json = Path.Combine(dir.Path, "r.json");
            CliRunner.InProcess("audit", Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq"), "--facts", bundle, "--json", json);
            var items = JsonNode.Parse(File.ReadAllText(json))!["items"]!.AsArray();
            return new JsonObject(items.Where(i => ((string)i!["id"]!).StartsWith("6.2.2f.data-import", StringComparison.Ordinal))
                .Select(i => KeyValuePair.Create((string)i!["id"]!, (JsonNode?)i["outcome"]!.DeepClone())));
        }
        var before = Rows();
        Assert.Equal("pass", (string)before["6.2.2f.data-import[ct]"]!);
        Assert.Equal("error", (string)before["6.2.2f.data-import[absent]"]!);
        File.AppendAllText(Path.Combine(root, "MR/IM-0007.dcm"), "!");
        Imports(dir, "ct", Path.Combine(root, "SHA256SUMS"));
        Assert.Equal("fail", (string)Rows()["6.2.2f.data-import[ct]"]!);
    }

    [Theory]
    [InlineData("SHA256SUMS", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\nnot a line\n", "SHA256SUMS:2:1: not a checksum line")]
    [InlineData("list.txt", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n", "list.txt:1:1: an untagged line does not name its hash algorithm")]
    [InlineData("SHA512SUMS", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n", "SHA512SUMS:1:1: SHA512 digests have 128 hex digits, this one 64: the list is not SHA512")]
    [InlineData("SHA256SUMS", "\\e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\\q\n", "SHA256SUMS:1:1: unknown escape \\q in the file name")]
    [InlineData("SHA256SUMS", "\n\n", "SHA256SUMS:1:1: empty: the manifest names no file")]
    [InlineData("SHA256SUMS", "SHA256 (a) = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\u0000\n", "SHA256SUMS:2:1: not a checksum line")]
    public void Bad_lists_are_refused_with_their_line_and_nothing_is_written(string name, string content, string message)
    {
        using var dir = new TempDir();
        var list = Path.Combine(dir.Path, name);
        File.WriteAllText(list, content);
        var run = CliRunner.InProcess("imports", "set", list, "--out", Path.Combine(dir.Path, "bundle"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"iq: error IQ4007: {dir.Path}/{message}", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "bundle")));
    }

    [Fact]
    public void Paths_leaving_the_root_are_rejected_and_a_foreign_document_is_never_overwritten()
    {
        using var dir = new TempDir();
        var root = MakeSet(dir);
        File.WriteAllText(Path.Combine(dir.Path, "secret"), "s");
        var sum = Coreutils(dir.Path, "sha256sum", "secret").Stdout.Split(' ')[0];
        File.WriteAllText(Path.Combine(root, "SHA256SUMS"), $"{sum}  ../secret\n{sum}  {dir.Path}/secret\n");
        var facts = Imports(dir, "escape", Path.Combine(root, "SHA256SUMS"));
        Assert.Equal(2, Strings(facts["rejected_files"]).Count);
        Assert.True(facts["files_verified"] is JsonObject);

        var other = Path.Combine(dir.Path, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "data_imports.json"), """{ "kind": "plan", "facts": {} }""");
        var run = CliRunner.InProcess("imports", "x", Path.Combine(root, "SHA256SUMS"), "--out", other);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("data_imports.json:1:1: not a data_imports fact document", run.Stderr);
        Assert.Equal("""{ "kind": "plan", "facts": {} }""", File.ReadAllText(Path.Combine(other, "data_imports.json")));
    }

    [Fact]
    public void A_data_imports_document_changed_since_iq_wrote_it_is_not_added_to()
    {
        using var dir = new TempDir();
        var root = MakeSet(dir);
        var list = Path.Combine(root, "SHA256SUMS");
        File.WriteAllText(list, Coreutils(root, ["sha256sum", .. Names]).Stdout);
        Imports(dir, "first", list);
        var doc = Path.Combine(dir.Path, "bundle", "data_imports.json");
        Assert.True(File.Exists(doc + ".seal"), "iq imports seals what it writes");
        // A second set goes in while the document is as iq wrote it.
        Imports(dir, "second", list);
        Assert.Equal(["first", "second"], JsonNode.Parse(File.ReadAllText(doc))!["facts"]!.AsObject().Select(p => p.Key).Order());
        // Edited by hand (a verified count raised): writing it back under a new seal would pass the edit off as measured.
        var edited = File.ReadAllText(doc) + " ";
        File.WriteAllText(doc, edited);
        var run = CliRunner.InProcess("imports", "third", list, "--out", Path.Combine(dir.Path, "bundle"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(doc + ": ", run.Stderr);
        Assert.Contains("iq imports adds only to a data_imports document as iq wrote it", run.Stderr);
        Assert.Equal(edited, File.ReadAllText(doc));
        // Without its seal the same.
        File.Delete(doc + ".seal");
        Assert.Equal(2, CliRunner.InProcess("imports", "third", list, "--out", Path.Combine(dir.Path, "bundle")).ExitCode);
        Assert.Equal(edited, File.ReadAllText(doc));
    }

    static readonly string RealList = string.Join("", Names.Select((n, i) =>
        (n.Contains('\\') ? "\\" : "") + new string((char)('a' + i % 6), 64) + "  " + n.Replace("\\", "\\\\") + "\n"))
        + "SHA256 (x y) = " + new string('0', 64) + "\n";

    [Fact]
    public void Mutated_lists_are_read_or_refused_with_a_line_never_a_crash()
    {
        var tokens = new[] { "\n", " ", "  ", " *", "\\", "\\n", "(", ") = ", "SHA256", "SHA512 (", "0", "f", "中", "\u0000", "\r", "../", "/" };
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 100_000], Gen.Int[0, 100], Gen.Int[1, 30]);
        Gen.OneOf(
                edit.Array[1, 8].Select(edits =>
                {
                    var text = RealList;
                    foreach (var (kind, at, token, length) in edits)
                    {
                        if (text.Length == 0) { text = tokens[token % tokens.Length]; continue; }
                        var i = at % text.Length;
                        text = kind switch
                        {
                            0 => text.Remove(i, Math.Min(length, text.Length - i)),
                            1 => text.Insert(i, tokens[token % tokens.Length]),
                            _ => text.Insert(i, text.Substring(i, Math.Min(length, text.Length - i))),
                        };
                    }
                    return text;
                }),
                Gen.String[0, 300])
            .Sample(text =>
            {
                try
                {
                    var (_, files) = ChecksumList.Read("SHA256SUMS", text, null);
                    return files.Count > 0 && files.All(f => f.Path.Length > 0 && f.Where.StartsWith("line ", StringComparison.Ordinal));
                }
                catch (EvidenceInputException e)
                {
                    return System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"^SHA256SUMS:\d+:1: \S");
                }
            }, iter: 800);
    }
}
