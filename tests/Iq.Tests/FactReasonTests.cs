using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Rules.Messages;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>Why a fact is missing, stored in a measured document by code (<c>$code</c>, <c>$args</c>) beside its English text,
/// and shown by every report in its own language; a document with only the text keeps showing its text.</summary>
public class FactReasonTests
{
    static string Machines => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines");
    static string ModelSample => Path.Combine(TestPaths.Checklists, "samples", "model-digits");

    /// <summary>One shall item on the probed architecture (WholeEvidenceTests audits with it too).</summary>
    internal const string ArchChecklist = """
        checklist "arch" {
        }
        section "1" "s" weight 1 {
          item "a" "architecture" {
            level shall
            expect env.os.architecture == "x86_64"
          }
        }
        """;

    const string AccuracyChecklist = """
        checklist "acc" {
        }
        section "1" "s" weight 1 {
          item "acc" "accuracy" {
            level shall
            expect measured.performance.metrics["accuracy"].value >= 0.9
          }
        }
        """;

    static string Write(TempDir dir, string name, string text)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Audits in both languages, re-renders the results file as HTML in both, and checks each shows the reason
    /// in its language, and that the results file carries the document's code.</summary>
    static void ShowsInBothLanguages(TempDir dir, string checklist, string bundle, string code, string zh, string en)
    {
        var zhRun = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "zh", "-v", "--json", Path.Combine(dir.Path, "zh.json"));
        Assert.True(zhRun.ExitCode == 1, zhRun.Stderr);
        Assert.Contains(zh, zhRun.Stdout);
        var enRun = CliRunner.InProcess("audit", checklist, "--facts", bundle, "--as-of", TestClock.AsOfFor(bundle), "--lang", "en", "-v", "--json", Path.Combine(dir.Path, "en.json"));
        Assert.Contains(en, enRun.Stdout);
        Assert.DoesNotContain(zh, enRun.Stdout);

        foreach (var results in new[] { "zh.json", "en.json" })
        {
            var file = Path.Combine(dir.Path, results);
            ResultsSchemaCheck.Validate(file);
            var fact = JsonNode.Parse(File.ReadAllText(file))!["items"]![0]!["reason"]!["facts"]![0]!;
            Assert.Equal(code, (string)fact["code"]!);
            Assert.Contains((string)fact["detail"]!, en);
            foreach (var (lang, words) in new[] { ("zh", zh), ("en", en) })
            {
                var html = Path.Combine(dir.Path, $"{results}.{lang}.html");
                var report = CliRunner.InProcess("report", file, "--html", html, "--lang", lang, "-q");
                Assert.True(report.ExitCode == 1, report.Stderr);
                Assert.Contains(words, File.ReadAllText(html));
                var xlsx = Path.Combine(dir.Path, $"{results}.{lang}.xlsx");
                Assert.True(CliRunner.InProcess("report", file, "--xlsx", xlsx, "--lang", lang, "-q").ExitCode == 1);
                using var book = new XlsxReader(xlsx);
                Assert.Contains(book.SheetNames.SelectMany(book.Rows).SelectMany(r => r), cell => cell?.Contains(words, StringComparison.Ordinal) == true);
            }
        }
    }

    [Fact]
    public void A_probe_gap_shows_its_reason_in_the_report_language_with_the_same_code()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        Assert.Equal(0, CliRunner.InProcess("probe", "--root", Path.Combine(Machines, "debian12-kvm"), "--out", bundle, "-q").ExitCode);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "environment.json")))!["facts"]!["os"]!["architecture"]!;
        Assert.Equal("""{"$absent":"architecture is read from the running system","$code":"IQ7005","$args":{}}""", stored.ToJsonString());
        Assert.Equal(Msg.ProbeArchLive, MsgCatalog.FactReason("IQ7005"));

        ShowsInBothLanguages(dir, Write(dir, "arch.iq", ArchChecklist), bundle, "IQ7005",
            "env.os.architecture（不存在：体系结构从运行中的系统读取）", "env.os.architecture (absent: architecture is read from the running system)");
    }

    [Fact]
    public void A_model_gap_shows_its_reason_in_the_report_language_with_the_same_code()
    {
        using var dir = new TempDir();
        var bundle = Path.Combine(dir.Path, "bundle");
        // No --labels: iq model records the A.10 metrics as absent, and why.
        var run = CliRunner.InProcess("model", Path.Combine(ModelSample, "digits-cnn.onnx"), "--cases", Path.Combine(ModelSample, "cases"),
            "--suite", "performance", "--out", bundle, "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "model_measurements.json")))!["facts"]!["performance"]!["metrics"]!;
        Assert.Equal("""{"$absent":"no labelled cases (give --labels)","$code":"IQ7109","$args":{}}""", stored.ToJsonString());

        ShowsInBothLanguages(dir, Write(dir, "acc.iq", AccuracyChecklist), bundle, "IQ7109",
            "measured.performance.metrics（不存在：没有带标注的病例（请给出 --labels））", "measured.performance.metrics (absent: no labelled cases (give --labels))");
    }

    static string Environment(string architecture) =>
        """{"kind":"environment","schema":1,"collected_at":"2026-11-22T00:00:00Z","host":"h","tool":"t","facts":{"os":{"architecture":"""
        + architecture + "}}}";

    static string Audit(TempDir dir, string architecture, string lang, out int exit, out string stderr)
    {
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "b-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(bundle, "environment.json"), Environment(architecture));
        var run = CliRunner.InProcess("audit", Write(dir, "arch.iq", ArchChecklist), "--facts", bundle, "--as-of", "2026-11-22", "--lang", lang, "-v");
        exit = run.ExitCode;
        stderr = run.Stderr;
        return run.Stdout;
    }

    [Fact]
    public void A_document_with_only_the_text_shows_its_text_in_either_language()
    {
        using var dir = new TempDir();
        foreach (var lang in new[] { "zh", "en" })
        {
            var shown = Audit(dir, """{"$error":"uname failed: no such luck"}""", lang, out var exit, out var stderr);
            Assert.True(exit == 1, stderr);
            Assert.Contains(lang == "zh" ? "env.os.architecture（探测出错：uname failed: no such luck）" : "env.os.architecture (probe error: uname failed: no such luck)", shown);
        }
    }

    /// <summary>A user-edited document: <c>$code</c>/<c>$args</c> of the wrong JSON type are malformed (exit 2, the JSON path);
    /// a well-formed code this iq does not know, or arguments that are not the message's, leave the stored text.</summary>
    [Theory]
    [InlineData("""{"$absent":"why","$code":7005}""", "$.facts.os.architecture.$code")]
    [InlineData("""{"$absent":"why","$code":"IQ7005","$args":["x"]}""", "$.facts.os.architecture.$args")]
    [InlineData("""{"$absent":"why","$code":"IQ7001","$args":{"file":1}}""", "$.facts.os.architecture.$args.file")]
    public void A_code_or_arguments_of_the_wrong_type_are_refused_with_the_json_path(string architecture, string path)
    {
        using var dir = new TempDir();
        Audit(dir, architecture, "en", out var exit, out var stderr);
        Assert.Equal(2, exit);
        Assert.Contains(path, stderr);
        Assert.Contains("error IQ4002", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>A code this iq cannot word (unknown, not a fact reason, or with arguments not the message's own, also inside a
    /// quoted reason): the stored text is shown quoted as the document's own words, with the code, in either language; never
    /// as if iq had worded it, never refused (a newer iq's document stays readable).</summary>
    [Theory]
    [InlineData("""{"$absent":"stored words","$code":"IQ7999","$args":{}}""", "IQ7999")]
    [InlineData("""{"$absent":"stored words","$code":"IQ9999","$args":{}}""", "IQ9999")]
    [InlineData("""{"$absent":"stored words","$code":"IQ7001","$args":{}}""", "IQ7001")]
    [InlineData("""{"$absent":"stored words","$code":"IQ7001","$args":{"file":"/x","extra":"y"}}""", "IQ7001")]
    [InlineData("""{"$absent":"stored words","$code":"IQ1001"}""", "IQ1001")]
    [InlineData("""{"$absent":"stored words","$code":"IQ7043","$args":{"reason":{"$code":"IQ9999","$args":{}}}}""", "IQ7043")]
    public void An_unknown_code_or_foreign_arguments_show_the_stored_text_as_the_documents_words_with_the_code(string architecture, string code)
    {
        using var dir = new TempDir();
        var zh = Audit(dir, architecture, "zh", out var exit, out var stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains($"env.os.architecture（不存在：“stored words”（文档原文：本版 iq 无法翻译原因代码 {code}））", zh);
        var en = Audit(dir, architecture, "en", out exit, out stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains($"env.os.architecture (absent: \"stored words\" (the document's own words: this iq cannot word reason {code}))", en);
    }

    /// <summary>The reason is text: a number, a list, an object or null in <c>$absent</c>/<c>$error</c> is a malformed document,
    /// refused at its JSON path (exit 2), never read as the words "5" or "[]".</summary>
    [Theory]
    [InlineData("""{"$error":5}""", "$.facts.os.architecture.$error")]
    [InlineData("""{"$absent":[]}""", "$.facts.os.architecture.$absent")]
    [InlineData("""{"$absent":{"x":1}}""", "$.facts.os.architecture.$absent")]
    [InlineData("""{"$error":null,"$code":"IQ7005","$args":{}}""", "$.facts.os.architecture.$error")]
    [InlineData("""{"$absent":"why","$code":"IQ7043","$args":{"reason":{"$code":7030}}}""", "$.facts.os.architecture.$args.reason.$code")]
    [InlineData("""{"$absent":"why","$code":"IQ7043","$args":{"reason":{"$code":"IQ7030","$args":{"tool":[]}}}}""", "$.facts.os.architecture.$args.reason.$args.tool")]
    [InlineData("""{"$absent":"why","$code":"IQ7043","$args":{"reason":{"tool":"x"}}}""", "$.facts.os.architecture.$args.reason")]
    public void A_reason_that_is_not_text_is_refused_with_the_json_path(string architecture, string path)
    {
        using var dir = new TempDir();
        Audit(dir, architecture, "en", out var exit, out var stderr);
        Assert.Equal(2, exit);
        Assert.Contains(path, stderr);
        Assert.Contains("error IQ4002", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>Each kind of reason the probes and evidence readers store, taken from the writer itself: read back from a
    /// document, a --lang zh report words it in Chinese (no English frame left), --lang en byte for byte as before.</summary>
    public static TheoryData<string, string, string> StoredReasons()
    {
        var data = new TheoryData<string, string, string>();
        void Add(JsonNode? marker, string zh, string en) => data.Add(marker!.ToJsonString(), zh, en);

        // 1. An exception a probe part threw (Fact.Try), and an input a probe refused by name.
        Add(Fact.Try(() => throw new FormatException("bad digits")), "探测失败（FormatException）：bad digits", "FormatException: bad digits");
        Add(Fact.Try(() => throw new Iq.Rules.Io.InputFileException("/etc/os-release", Msg.InputDenied.Text)),
            "/etc/os-release：无法读取：权限不足", "/etc/os-release: Cannot read: permission denied");
        Add(Fact.Try(() => throw new Iq.Rules.Io.InputFileException("/etc/os-release", Msg.InputNotRegular.With(Iq.Rules.Io.FileFacts.Localized(Iq.Rules.Io.FileKind.Fifo)))),
            "/etc/os-release：不是普通文件：FIFO（命名管道）", "/etc/os-release: Not a regular file: a FIFO (named pipe)");
        // A refusal no fact reason words (the size limit of a fact document, not a file a probe reads): its English words, quoted.
        Add(Fact.Try(() => throw new Iq.Rules.Io.InputFileException("/x.json", Msg.InputTooLarge.With(9, Msg.InputFactDocument.Text, 8, "--max-input-size"))),
            "/x.json：Too large: 9 bytes; the limit for a fact document is 8 bytes (raise it with --max-input-size)",
            "/x.json: Too large: 9 bytes; the limit for a fact document is 8 bytes (raise it with --max-input-size)");
        // 2. Problems in a configuration file (the first, and how many more).
        Add(Fact.Error(Iq.Engine.Probes.Security.ConfigProblem.Summary([new("/etc/passwd", 9, Msg.ConfigUidGidNotNumbers.Text), new("/etc/group", 0, Msg.ConfigNotFound.Text)])),
            "配置文件 /etc/passwd 第 9 行有问题：UID 和 GID 必须是数字（另有 1 处问题）", "/etc/passwd:9: UID and GID must be numbers (and 1 more)");
        // A log whose rotation gives no time (logrotate by size): the file and line as written, iq's words in the language.
        var bySize = Iq.Engine.Probes.Security.LogRotation.For(new Iq.Engine.Probes.Security.InMemoryFiles(new Dictionary<string, string>
            { ["/etc/logrotate.conf"] = "weekly\n/var/log/auth.log {\n  size 10M\n}\n" }), "/var/log/auth.log");
        Add(Fact.Absent(bySize.Why!), "/etc/logrotate.conf:2 按大小轮转：无法给出时间", "/etc/logrotate.conf:2 rotates by size: no time can be given");
        // 3. The security scans, manifest and data import readers.
        var (scans, _) = Iq.Engine.Scans.SecurityScans.Read([]);
        Add(scans!["lynis"], "未提供 Lynis 报告", "no Lynis report was given");
        var manifest = Iq.Engine.Evidence.ManifestReader.Read(Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "manifest", "manifest.json"), null, null);
        Add(manifest["files_verified"], "iq manifest 运行时未给出 --root：没有计算任何文件的哈希", "iq manifest ran without --root: no file was hashed");
        Add(Fact.Absent(Msg.IntegrityOnlyWeak.Text), "只给出了弱哈希（SHA-1、MD5）：单独不足以验证", "only weak hashes (SHA-1, MD5) were given: not enough alone");
        // 5. A TLS endpoint that cannot be reached.
        Add(Fact.Error(Msg.TlsNoConnection.With("127.0.0.1:1", "5")), "127.0.0.1:1：5 秒内未能连接", "127.0.0.1:1: no connection within 5 s");
        // 6. A reason quoting reasons: each is worded in the report's language, however deep.
        Add(Fact.Absent(Msg.ProbeNoPacketFilter.With(Msg.ProbeReasonsBoth.With(Msg.ToolNotFound.With("nft"), Msg.ProbeToolExited.With("iptables-save", 1, "no table")))),
            "无法列出内核的包过滤规则：nft：在搜索路径中找不到；iptables-save 以 1 退出：no table",
            "the kernel's packet filter cannot be listed: nft: not found on the search path; iptables-save exited 1: no table");
        Add(Fact.Absent(Msg.ProbeSshDefaultUnknown.With("ciphers", Msg.ProbeSshdUnreadable.With(
                Iq.Engine.Probes.Security.ConfigProblem.Summary([new("sshd -T", 2, Msg.ConfigNotKeywordValue.Text)])))),
            "文件中未设置 ciphers，其默认值取决于 OpenSSH 版本（iq 无法读取 sshd -T 的输出：配置文件 sshd -T 第 2 行有问题：不是“关键字 值”形式的行）",
            "ciphers is not set in the files and its default depends on the OpenSSH version (sshd -T printed what iq cannot read: sshd -T:2: not a \"keyword value\" line)");
        return data;
    }

    [Theory]
    [MemberData(nameof(StoredReasons))]
    public void Every_kind_of_stored_reason_is_worded_in_the_report_language(string marker, string zh, string en)
    {
        using var dir = new TempDir();
        var node = JsonNode.Parse(marker)!;
        Assert.NotNull(node["$code"]);
        Assert.Equal(en, (string?)(node["$absent"] ?? node["$error"]));
        var zhShown = Audit(dir, marker, "zh", out var exit, out var stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains(zh, zhShown);
        var enShown = Audit(dir, marker, "en", out exit, out stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains(en, enShown);
        Assert.DoesNotContain(zh, enShown);
    }

    /// <summary>A broken configuration file on a real-looking host (the security-host fixture with one file broken as a vendor
    /// or an admin breaks it), read by the probe itself: the problem its reader found is a fact reason of its own, quoted in
    /// the file-and-line reason, so --lang zh words both in Chinese; --lang en shows the English the probe always wrote.</summary>
    public static TheoryData<string, string, string, string, string, string> BrokenConfigFiles() => new()
    {
        // A 6-field /etc/passwd line (the shell field lost).
        { "etc/passwd", "mallory:x:1005:1005::/home/mallory\n", "accounts", "IQ7301",
            "配置文件 /etc/passwd 第 9 行有问题：应为以 ':' 分隔的 7 个字段，实际为 6 个",
            "/etc/passwd:9: expected 7 fields separated by ':', found 6" },
        // A sudoers include loop: a drop-in that includes itself.
        { "etc/sudoers.d/91-loop", "@include /etc/sudoers.d/91-loop\n", "sudo", "IQ7320",
            "配置文件 /etc/sudoers.d/91-loop 第 1 行有问题：包含的文件嵌套过深或数量过多",
            "/etc/sudoers.d/91-loop:1: includes nested too deep or too many files" },
        // An sshd_config keyword without its value.
        { "etc/ssh/sshd_config.d/20-vendor.conf", "PermitRootLogin\n", "ssh.password_authentication", "IQ7333",
            "配置文件 /etc/ssh/sshd_config.d/20-vendor.conf 第 3 行有问题：关键字 \"PermitRootLogin\" 后没有参数",
            "/etc/ssh/sshd_config.d/20-vendor.conf:3: no argument after keyword \"PermitRootLogin\"" },
        // A PAM line whose type is misspelt.
        { "etc/pam.d/login", "auht required pam_unix.so\n", "pam", "IQ7344",
            "配置文件 /etc/pam.d/login 第 5 行有问题：未知的 PAM 类型 \"auht\"",
            "/etc/pam.d/login:5: unknown PAM type \"auht\"" },
        // An audit watch with a permission auditctl does not know.
        { "etc/audit/rules.d/audit.rules", "-w /etc/shadow -p rwz -k shadow\n", "audit", "IQ7347",
            "有问题：-p rwz：权限只能是 r、w、x、a",
            "-p rwz: permissions are r, w, x, a" },
    };

    static JsonNode ProbeBroken(string file, string append, string fact)
    {
        var root = SecurityProbeTests.CopyOf("security-host");
        try
        {
            File.AppendAllText(Path.Combine(root, file), append);
            JsonNode? node = SecurityProbes.ProbeAsync(new ProbeContext(root, [], TimeSpan.FromSeconds(5)), CancellationToken.None).GetAwaiter().GetResult();
            foreach (var part in fact.Split('.')) node = node![part];
            return node!;
        }
        finally { Directory.Delete(root, true); }
    }

    [Theory]
    [MemberData(nameof(BrokenConfigFiles))]
    public void A_problem_in_a_broken_configuration_file_is_worded_in_the_report_language(string file, string append, string fact, string code, string zh, string en)
    {
        var marker = ProbeBroken(file, append, fact);
        Assert.EndsWith(en, (string)marker["$error"]!);
        // The problem is quoted by code: IQ7063 (file and line), or IQ7065 (the first of several) around it.
        Assert.Contains($"{{\"$code\":\"{code}\",\"$args\":", marker.ToJsonString());
        using var dir = new TempDir();
        var zhShown = Audit(dir, marker.ToJsonString(), "zh", out var exit, out var stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains(zh, zhShown);
        var enShown = Audit(dir, marker.ToJsonString(), "en", out exit, out stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains(en, enShown);
        Assert.DoesNotContain(zh, enShown);
    }

    /// <summary>The same through iq probe, the results file and iq report: the sudoers include loop's problem is worded in
    /// Chinese by iq report --lang zh from the results file alone, and the results file keeps the quoted code.</summary>
    [Fact]
    public void A_configuration_problem_goes_through_the_results_file_in_the_report_language()
    {
        using var dir = new TempDir();
        var root = SecurityProbeTests.CopyOf("security-host");
        var bundle = Path.Combine(dir.Path, "bundle");
        try
        {
            File.WriteAllText(Path.Combine(root, "etc", "sudoers.d", "91-loop"), "@include /etc/sudoers.d/91-loop\n");
            var probe = CliRunner.InProcess("probe", "--root", root, "--out", bundle, "-q");
            Assert.True(probe.ExitCode == 0, probe.Stderr);
        }
        finally { Directory.Delete(root, true); }
        const string checklist = """
            checklist "sudo" {
            }
            section "1" "s" weight 1 {
              item "n" "no NOPASSWD" {
                level shall
                expect count(security.sudo.nopasswd) == 0
              }
            }
            """;
        ShowsInBothLanguages(dir, Write(dir, "sudo.iq", checklist), bundle, "IQ7063",
            "配置文件 /etc/sudoers.d/91-loop 第 1 行有问题：包含的文件嵌套过深或数量过多",
            "/etc/sudoers.d/91-loop:1: includes nested too deep or too many files");
        var fact = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "zh.json")))!["items"]![0]!["reason"]!["facts"]![0]!;
        Assert.Equal("""{"file":"/etc/sudoers.d/91-loop","line":"1","problem":{"code":"IQ7320","args":{}}}""", fact["args"]!.ToJsonString());
    }

    /// <summary>A file a probe cannot read is refused by the input layer with a diagnostic whose code names several messages
    /// (IQ1014: denied, an errno, the runtime's words; IQ1013: each kind of non-file). A document names its reason by code, so
    /// each refusal has a fact reason of its own (IQ736x), with the same words as the diagnostic in both languages.</summary>
    [Fact]
    public void Every_refusal_of_a_file_a_probe_reads_has_a_fact_reason_of_its_own_with_the_same_words()
    {
        var refusals = new List<MessageText>
        {
            Msg.InputNotFound.Text, Msg.InputDenied.Text, Msg.InputErrno.With(5), Msg.InputCannotRead.With("Input/output error"),
            Msg.InputTooLarge.With(9_000_000L, Msg.InputConfig.Text, 4_194_304L, "--max-input-size"),
            Msg.InputTooLarge.With(Msg.MoreThan.With(4_194_304L), Msg.InputConfig.Text, 4_194_304L, "--max-input-size"),
        };
        refusals.AddRange(Enum.GetValues<Iq.Rules.Io.FileKind>().Where(k => k is not Iq.Rules.Io.FileKind.Regular and not Iq.Rules.Io.FileKind.Missing)
            .Select(k => Msg.InputNotRegular.With(Iq.Rules.Io.FileFacts.Localized(k))));
        var codes = new HashSet<string>();
        foreach (var refusal in refusals)
        {
            var reason = new Iq.Rules.Io.InputFileException("/etc/x", refusal).FactReason;
            Assert.StartsWith("IQ73", reason.Code);
            Assert.Same(reason.Message, MsgCatalog.FactReason(reason.Code!));
            Assert.True(codes.Add(reason.Code!), reason.Code);
            Assert.Equal(refusal.Render(Lang.En), reason.Render(Lang.En));
            Assert.Equal(refusal.Render(Lang.Zh), reason.Render(Lang.Zh));
        }
    }

    /// <summary>A quoted reason goes through the results file too: iq report words the inner reason in its language.</summary>
    [Fact]
    public void A_quoted_reason_is_worded_in_the_report_language_after_the_results_file()
    {
        using var dir = new TempDir();
        var bundle = Directory.CreateDirectory(Path.Combine(dir.Path, "bundle")).FullName;
        var marker = Fact.Absent(Msg.ProbeAuditUnknown.With(Msg.ToolNotFound.With("auditctl")));
        Assert.Equal("""{"$absent":"kernel audit state unknown: auditctl: not found on the search path","$code":"IQ7043","$args":{"reason":{"$code":"IQ7030","$args":{"tool":"auditctl"}}}}""",
            marker.ToJsonString());
        File.WriteAllText(Path.Combine(bundle, "environment.json"), Environment(marker.ToJsonString()));
        ShowsInBothLanguages(dir, Write(dir, "arch.iq", ArchChecklist), bundle, "IQ7043",
            "env.os.architecture（不存在：内核审计状态未知：auditctl：在搜索路径中找不到）", "env.os.architecture (absent: kernel audit state unknown: auditctl: not found on the search path)");
        var fact = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "zh.json")))!["items"]![0]!["reason"]!["facts"]![0]!;
        Assert.Equal("""{"reason":{"code":"IQ7030","args":{"tool":"auditctl"}}}""", fact["args"]!.ToJsonString());
    }

    /// <summary>4. A rollback command that fails: the time is an error worded in the report's language, how it ended too.</summary>
    [Fact]
    public void A_failed_rollback_is_worded_in_the_report_language()
    {
        using var dir = new TempDir();
        var (app, before) = RollbackLeftRunningTests.SnapshottedApp(dir);
        var bundle = Path.Combine(dir.Path, "rb");
        var run = CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--lang", "zh", "--run", "--", "/bin/sh", "-c", "exit 3");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("回滚命令以代码 3 退出（", run.Stdout);
        var duration = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "rollback.json")))!["facts"]!["duration"]!;
        Assert.Equal("IQ7231", (string)duration["$code"]!);
        Assert.Equal("""{"$code":"IQ7232","$args":{"code":"3"}}""", duration["$args"]!["failure"]!.ToJsonString());
        Assert.StartsWith("the rollback command exited with code 3 after ", (string)duration["$error"]!);
        var zh = Audit(dir, duration.ToJsonString(), "zh", out var exit, out var stderr);
        Assert.True(exit == 1, stderr);
        Assert.Contains("env.os.architecture（探测出错：回滚命令以代码 3 退出（", zh);
    }

    [Fact]
    public void A_known_code_with_its_arguments_is_worded_from_the_catalog()
    {
        using var dir = new TempDir();
        var shown = Audit(dir, """{"$absent":"/proc/mounts not found","$code":"IQ7001","$args":{"file":"/proc/mounts"}}""", "zh", out _, out _);
        Assert.Contains("env.os.architecture（不存在：未找到 /proc/mounts）", shown);
    }

    /// <summary>Any JSON in <c>$code</c> and <c>$args</c>: the reader either refuses the document at a path under the marker
    /// or reads the fact as missing, worded from the catalog or with the stored text; never anything else.</summary>
    [Fact]
    public void Any_code_and_arguments_are_refused_at_their_path_or_read_as_a_missing_fact()
    {
        var codes = Pick("IQ7001", "IQ7005", "IQ7020", "IQ7999", "IQ1001", "", "iq7001");
        var names = Pick("file", "tool", "code", "output", "x");
        var scalar = Gen.OneOf(Gen.String[0, 8].Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(_ => (JsonNode?)null), Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));
        var code = Gen.OneOf(codes.Select(c => (JsonNode?)JsonValue.Create(c)), scalar, Gen.Bool.Select(_ => (JsonNode?)new JsonArray()));
        // A quoted reason as an argument: well-formed, or with a code or arguments of the wrong type.
        var quoted = Gen.Select(codes, names, Gen.Int[0, 2]).Select((c, n, shape) => (JsonNode?)(shape switch
        {
            0 => new JsonObject { ["$code"] = c, ["$args"] = new JsonObject { [n] = "x" } },
            1 => new JsonObject { ["$code"] = 7030, ["$args"] = new JsonObject() },
            _ => new JsonObject { ["$code"] = c, ["$args"] = new JsonObject { [n] = 1 } },
        }));
        var args = Gen.OneOf(
            Gen.Select(names, Gen.OneOf(Gen.String[0, 8].Select(s => (JsonNode?)JsonValue.Create(s)), scalar, quoted)).Array[0, 4]
                .Select(a => (JsonNode?)new JsonObject(a.DistinctBy(x => x.Item1).Select(x => KeyValuePair.Create(x.Item1, x.Item2)))),
            scalar);
        Gen.Select(Gen.Bool, code, Gen.Bool, args).Sample((withCode, c, withArgs, a) =>
        {
            var marker = new JsonObject { ["$error"] = "stored" };
            if (withCode) marker["$code"] = c?.DeepClone();
            if (withArgs) marker["$args"] = a?.DeepClone();
            var bundle = FactBundleReader.Load([], FactSchema.Default, [("environment.json", Encoding.UTF8.GetBytes(Environment(marker.ToJsonString())), null)]);
            if (!bundle.Succeeded)
                return bundle.Diagnostics.All(d => d.Message.Contains("$.facts.os.architecture.$", StringComparison.Ordinal));
            var env = (FactObject)bundle.Values.Roots["env"]!;
            env.TryGet("os", out var os);
            ((FactObject)os!).TryGet("architecture", out var value);
            if (value is not Missing { Cause: Absence.ProbeError } m || m.Detail != "stored") return false;
            if (m.Text is null) return true;
            return withCode && c is JsonValue v && v.TryGetValue<string>(out var s)
                && (MsgCatalog.FactReason(s) == m.Text.Message || m.Text == MsgCatalog.NotInCatalog("stored", s));
        }, iter: 400);
    }

    static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void Every_fact_reason_has_a_code_of_its_own_and_documents_refuse_any_other_message()
    {
        var reasons = MsgCatalog.All.Where(m => m.Message.Code?.StartsWith("IQ7", StringComparison.Ordinal) == true).ToList();
        Assert.True(reasons.Count > 50);
        Assert.Equal(reasons.Count, reasons.Select(r => r.Message.Code).Distinct().Count());
        Assert.All(reasons, r => Assert.Same(r.Message, MsgCatalog.FactReason(r.Message.Code!)));
        // A diagnostic's message has no place in a fact document: its code names more than one message.
        Assert.Throws<ArgumentException>(() => Fact.Error(Msg.FileNotFound.With("/x")));
        var stored = Fact.Error(Msg.ProbeToolExited.With("rpm", "1", "boom"));
        Assert.Equal("""{"$error":"rpm exited 1: boom","$code":"IQ7020","$args":{"tool":"rpm","code":"1","output":"boom"}}""", stored.ToJsonString());
    }
}
