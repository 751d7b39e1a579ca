using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Rules.Syntax;

namespace Iq.Tests;

/// <summary>GB18030 and UTF-16 inputs, made by iconv (glibc's, not .NET's encoders): read right with a byte-order mark or
/// <c>--encoding</c>, refused with the line and a hint without — never garbled into U+FFFD.</summary>
public class EncodingTests
{
    static string Checklist => Path.Combine(TestPaths.Checklists, "gbt-aimd-iq.iq");

    /// <summary>The text in another encoding, converted by iconv.</summary>
    static byte[] Iconv(string text, string to)
    {
        var iconv = Oracles.Which("iconv");
        Oracles.Require(iconv is not null, "iconv (Debian package libc-bin)");
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "in");
        File.WriteAllText(input, text, new UTF8Encoding(false));
        var output = Path.Combine(dir.Path, "out");
        var psi = new System.Diagnostics.ProcessStartInfo(iconv!) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "-f", "UTF-8", "-t", to, input }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return ms.ToArray();
    }

    const string Attestations = "item,status,assessor,date,justification\n6.1.2a.competence,pass,周静,2026-11-21,现场核查：人员资质齐全\n";

    static (CliRunner.Run Run, string Json) AuditWith(TempDir dir, byte[] attestations, params string[] extra)
    {
        var file = Path.Combine(dir.Path, "judgments.csv");
        File.WriteAllBytes(file, attestations);
        var json = Path.Combine(dir.Path, "r.json");
        // The compliant sample without its own attestations: the judgment comes from the file alone.
        var facts = IqSamples.FactsWithoutAttestations(dir);
        var run = CliRunner.InProcess(["audit", Checklist, "--facts", facts,
            "--attestations", file, "--json", json, "--as-of", "2026-11-22", .. extra]);
        return (run, json);
    }

    static string Message(string json, string id) =>
        JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id).GetProperty("message").GetString()!;

    [SkippableFact]
    public void Gb18030_attestations_are_refused_without_encoding_and_read_with_it()
    {
        var gb = Iconv(Attestations, "GB18030");
        Assert.NotEqual(Encoding.UTF8.GetBytes(Attestations), gb);
        using (var dir = new TempDir())
        {
            var (run, json) = AuditWith(dir, gb);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("judgments.csv:2:", run.Stderr);
            Assert.Contains("not valid utf-8 text", run.Stderr);
            Assert.Contains("give --encoding gb18030", run.Stderr);
            Assert.False(File.Exists(json));
        }
        using (var dir = new TempDir())
        {
            var (run, json) = AuditWith(dir, gb, "--encoding", "gb18030");
            Assert.True(run.ExitCode is 0 or 1, run.Stderr);
            Assert.Equal("attested pass by 周静 on 2026-11-21: 现场核查：人员资质齐全", Message(json, "6.1.2a.competence"));
        }
        // GBK is read as GB18030, its superset.
        using (var dir = new TempDir())
        {
            var (run, json) = AuditWith(dir, Iconv(Attestations, "GBK"), "--encoding", "gbk");
            Assert.True(run.ExitCode is 0 or 1, run.Stderr);
            Assert.Contains("现场核查：人员资质齐全", Message(json, "6.1.2a.competence"));
        }
    }

    [SkippableFact]
    public void Utf16_with_a_byte_order_mark_is_read_without_being_told()
    {
        var utf16 = Iconv(Attestations, "UTF-16"); // iconv writes a BOM for UTF-16
        Assert.True(utf16[0] == 0xFF && utf16[1] == 0xFE || utf16[0] == 0xFE && utf16[1] == 0xFF);
        using var dir = new TempDir();
        var (run, json) = AuditWith(dir, utf16);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        Assert.Contains("现场核查：人员资质齐全", Message(json, "6.1.2a.competence"));
        // A BOM and an --encoding that disagree: one of them is wrong.
        using var dir2 = new TempDir();
        var (bad, _) = AuditWith(dir2, utf16, "--encoding", "gb18030");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("byte-order mark, but --encoding says", bad.Stderr);
        Assert.Equal(2, AuditWith(new TempDir(), utf16, "--encoding", "latin9").Run.ExitCode);
    }

    const string Log =
        "{\"time\": \"2026-11-20T08:00:00Z\", \"operator\": \"张伟\", \"device\": \"节点-01\", \"task\": \"t1\", \"event\": \"created\", \"result\": \"成功\", \"parameters\": \"包=结节检测\"}\n" +
        "{\"time\": \"2026-11-20T08:05:00Z\", \"operator\": \"陈敏\", \"device\": \"节点-01\", \"task\": \"t1\", \"event\": \"completed\", \"result\": \"成功\", \"parameters\": \"\"}\n";

    static JsonNode? Logs(TempDir dir, byte[] bytes, out CliRunner.Run run, params string[] extra)
    {
        var file = Path.Combine(dir.Path, $"install{Guid.NewGuid():N}.jsonl");
        File.WriteAllBytes(file, bytes);
        var outDir = Path.Combine(dir.Path, "out" + Guid.NewGuid().ToString("N"));
        run = CliRunner.InProcess(["logs", file, "--format", "jsonl", "--out", outDir, .. extra]);
        var doc = Path.Combine(outDir, "logs.json");
        if (!File.Exists(doc)) return null;
        var facts = JsonNode.Parse(File.ReadAllText(doc))!["facts"]!.AsObject();
        // Each log is a source of its own, named with the hash of its own bytes (which differ by encoding); the facts
        // counted from it are what must not.
        var source = Assert.Single(facts["sources"]!.AsArray())!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), (string?)source["sha256"]);
        facts.Remove("sources");
        return facts;
    }

    [SkippableFact]
    public void Logs_in_gb18030_and_utf16_give_the_facts_the_utf8_log_gives()
    {
        using var dir = new TempDir();
        var utf8 = Logs(dir, Encoding.UTF8.GetBytes(Log), out var plain)!;
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(2, (int)utf8["events"]!);

        var gb = Iconv(Log, "GB18030");
        Assert.Null(Logs(dir, gb, out var refused));
        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(@"install\w+\.jsonl:1: not valid UTF-8 text; if the log is GB18030/GBK .* give --encoding gb18030", refused.Stderr);
        Assert.Equal(utf8.ToJsonString(), Logs(dir, gb, out _, "--encoding", "gb18030")!.ToJsonString());
        Assert.Equal(utf8.ToJsonString(), Logs(dir, Iconv(Log, "UTF-16"), out _)!.ToJsonString());
        Assert.Equal(utf8.ToJsonString(), Logs(dir, Iconv(Log, "UTF-16BE"), out _, "--encoding", "utf-16be")!.ToJsonString());
        // A UTF-8 BOM is not part of the first line.
        Assert.Equal(utf8.ToJsonString(), Logs(dir, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Log)], out _)!.ToJsonString());
    }

    [Fact]
    public void Decoding_any_bytes_gives_text_or_a_positioned_refusal()
    {
        var gb = TextDecoding.Named("gb18030", out _)!;
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Int[0, 2]).Sample((bytes, which) =>
        {
            var encoding = which switch { 0 => null, 1 => gb, _ => TextDecoding.Named("utf-16le", out _) };
            try
            {
                var text = TextDecoding.Decode(bytes, encoding, encodingOption: true);
                // Nothing replaced: plain UTF-8 text encodes back to the very bytes it came from.
                if (encoding is null && TextDecoding.Bom(bytes) is null) Assert.Equal(bytes, Encoding.UTF8.GetBytes(text));
            }
            catch (TextDecodingException e) { Assert.True(e.Line >= 1 && e.Column >= 1, e.Message); }
        });
        // Transcoding to UTF-8 on the fly gives the bytes UTF-8 gives, whatever the chunking.
        Gen.String.Sample(s =>
        {
            foreach (var e in new[] { gb, TextDecoding.Named("utf-16le", out _)!, TextDecoding.Named("utf-16be", out _)! })
            {
                byte[] source;
                try { source = e.GetBytes(s); }
                catch (EncoderFallbackException) { continue; } // a lone surrogate has no encoding
                using var stream = TextDecoding.ToUtf8(new MemoryStream(source), e);
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                Assert.Equal(Encoding.UTF8.GetBytes(s), ms.ToArray());
            }
        });
    }
}
