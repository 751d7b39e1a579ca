namespace Iq.Rules.Messages;

/// <summary>What each command and option is for, as <c>--help</c> shows it.</summary>
public static partial class Msg
{
    // ---- commands ----
    public static readonly Message CmdAudit = new(null, "按检查单（或多个检查单）审计事实数据包：控制台摘要、结果 JSON、评分表，退出码即结论（无参数时：探测本机并按内置 IQ 检查单审计）",
        "Audit fact bundles against a checklist (or several): console summary, results JSON, scorecard, exit code by verdict (with no options: probe this machine and audit it against the bundled IQ checklist)");
    public static readonly Message CmdCheck = new(null, "编译检查单并输出诊断（文件:行:列: error 代码: 信息）", "Compile a checklist and print its diagnostics (FILE:LINE:COL: error CODE: message)");
    public static readonly Message CmdProbe = new(null, "探测本机：操作系统、CPU、内存、存储、网络、GPU、软件、安全设置", "Probe this machine: OS, CPU, memory, storage, network, GPUs, software, security settings");
    public static readonly Message CmdSchema = new(null, "输出某种事实文档的 JSON Schema，或事实参考文档", "Print the JSON Schema of a fact document kind, or the fact reference");
    public static readonly Message CmdManualTemplate = new(null, "为检查单的人工条目生成人工评审工作簿", "Write the manual-review workbook for a checklist's manual items");
    public static readonly Message CmdBaseline = new(null, "在本机测量模型的基线性能（IQ 4.3.2、6.4.2）", "Measure the model's baseline performance on this machine (IQ 4.3.2, 6.4.2)");
    public static readonly Message CmdLogs = new(null, "分析安装日志的完整性（IQ 5.4.1、6.5.1）；每个文件单独判断格式，多次运行累加到同一 logs 文档",
        "Analyse installation logs for completeness (IQ 5.4.1, 6.5.1); the format is told per file, and several runs add to one logs document");
    public static readonly Message CmdSnapshot = new(null, "为文件夹做快照（每个文件的 SHA-256），或比较两个快照得到回滚事实（IQ 5.2.2、6.3.2）",
        "Snapshot a folder (SHA-256 of every file), or compare two snapshots into rollback facts (IQ 5.2.2, 6.3.2)");
    public static readonly Message CmdTests = new(null, "JUnit XML 测试结果转为 tests 事实（IQ 4.3.1、6.1.3）", "JUnit XML test results to tests facts (IQ 4.3.1, 6.1.3)");
    public static readonly Message CmdManifest = new(null, "版本清单或 SBOM 转为 manifest 事实，逐一在磁盘上核对所列文件的哈希（IQ 5.5.1、6.2.2 f、6.6.1）",
        "Version manifest or SBOM to manifest facts, every listed file hash checked on disk (IQ 5.5.1, 6.2.2 f, 6.6.1)");
    public static readonly Message CmdExplain = new(null, "解释某个条目的结果，或在事实上计算一个表达式", "Explain an item's outcome, or evaluate an expression over the facts");

    // ---- shared options and arguments ----
    public static readonly Message ArgChecklist = new(null, "检查单（.iq）；省略时使用内置 IQ 检查单", "The checklist (.iq); the bundled IQ checklist when omitted");
    public static readonly Message ArgChecklists = new(null, "检查单（.iq），或多个检查单以同一批事实分别审计（如 IQ 与预训练模型检查单）；省略时使用内置 IQ 检查单",
        "The checklist (.iq), or several to audit the same facts against each (e.g. IQ and the pre-trained model checklist); the bundled IQ checklist when omitted");
    public static readonly Message ArgChecklistRequired = new(null, "检查单文件（.iq）", "The checklist file (.iq)");
    public static readonly Message OptRules = new(null, "按 NRules 所见列出编译后的规则：名称、各自匹配的事实、等待的条目",
        "List the compiled rules as NRules sees them: name, the facts each matches, the items it waits for");
    public static readonly Message OptFacts = new(null, "事实数据包文件夹（可重复）", "A fact bundle folder (repeatable)");
    public static readonly Message OptOutBundle = new(null, "写入事实文档的数据包文件夹", "The bundle folder to write the fact document into");
    public static readonly Message OptOutput = new(null, "要写入的文件（- 表示标准输出）", "The file to write (- for stdout)");
    public static readonly Message OptAsOf = new(null, "按此日期/时间（ISO 8601）评价，使 days_since() 可复现", "Evaluate as of this date/time (ISO 8601), for reproducible days_since()");
    public static readonly Message OptSet = new(null, "覆盖检查单参数：NAME=VALUE（可重复），如 --set min_memory=\"512 GiB\"",
        "Override a checklist param: NAME=VALUE (repeatable), e.g. --set min_memory=\"512 GiB\"");
    public static readonly Message OptAllowScripts = new(null, "编译并运行 csharp { … } 代码块（含脚本的检查单即是代码：请确认作者可信）",
        "Compile and run csharp { … } blocks (a checklist with scripts is code: trust its author)");

    // ---- audit ----
    public static readonly Message OptJson = new(null, "将结果（schema iq.results/2；多个检查单时为 iq.results-set/1）写入此文件（- 表示标准输出）", "Write the results (schema iq.results/2; iq.results-set/1 for several checklists) to this file (- for stdout)");
    public static readonly Message OptOutReport = new(null, "将 results.json、scorecard.xlsx（以及 --probe 时探测到的事实）写入此文件夹（无 --facts 时默认 iq-report）",
        "Write results.json, scorecard.xlsx (and, with --probe, the probed facts) into this folder (iq-report when no --facts is given)");
    public static readonly Message OptProbe = new(null, "探测本机并与其他数据包一起审计（未给 --facts 时默认如此）", "Probe this machine and audit it with the other bundles (the default when no --facts is given)");
    public static readonly Message OptTimestamp = new(null, "在结果 JSON 中记录评价时间", "Record the evaluation time in the results JSON");
    public static readonly Message OptScoring = new(null, "评分模型：weighted、default、flat、flat-unweighted 或 absolute（覆盖检查单的设置）",
        "Scoring model: weighted, default, flat, flat-unweighted or absolute (overrides the checklist's)");
    public static readonly Message OptXlsx = new(null, "将 Excel 评分表（附录 C 版式）写入此文件（- 表示标准输出）", "Write the Excel scorecard (Annex C layout) to this file (- for stdout)");
    public static readonly Message OptJunit = new(null, "将 JUnit XML（每个条目一个测试用例）写入此文件（- 表示标准输出）", "Write JUnit XML (a test case per item) to this file (- for stdout)");
    public static readonly Message OptAttestations = new(null, "人工评审结论：YAML、CSV 或填好的人工评审 .xlsx（可重复）", "Manual judgments: YAML, CSV, or a filled manual-review .xlsx (repeatable)");
    public static readonly Message OptWaivers = new(null, "豁免：YAML 或 CSV，字段 item、justification、approved_by、expires（可重复）", "Waivers: YAML or CSV of item, justification, approved_by, expires (repeatable)");
    public static readonly Message OptReportInfo = new(null, "C.1 报告信息的 JSON（report_no、object、purpose、dates、place、assessors、signer、sign_date）",
        "JSON with the C.1 report information (report_no, object, purpose, dates, place, assessors, signer, sign_date)");
    public static readonly Message OptReportField = new(null, "C.1 字段：FIELD=VALUE（report_no、object、purpose、dates、place、assessors、signer、sign_date）；优先于 --report-info",
        "A C.1 field: FIELD=VALUE (report_no, object, purpose, dates, place, assessors, signer, sign_date); over --report-info");

    // ---- probe, schema, manual-template, explain ----
    public static readonly Message OptOutProbe = new(null, "要写入的数据包文件夹", "The bundle folder to write");
    public static readonly Message OptRoot = new(null, "在此文件夹下而不是 / 下读取 /proc、/sys 和 /etc（采集的样本机器）", "Read /proc, /sys and /etc under this folder instead of / (a captured fixture)");
    public static readonly Message OptTls = new(null, "测量此端点的 TLS（HOST:PORT，可重复），即 6.2.1 e) 对凭据端点的要求", "Measure TLS of this endpoint, HOST:PORT (repeatable), as 6.2.1 e) asks for credential endpoints");
    public static readonly Message OptProbePlan = new(null, "同时测量此方案文档列出的端点（plan.endpoints[].address）", "Also measure the endpoints this plan document names (plan.endpoints[].address)");
    public static readonly Message OptRedact = new(null, "写入前将主机名、地址和用户名替换为加盐哈希（docs/privacy.md）", "Replace host names, addresses and user names by salted hashes before writing (docs/privacy.md)");
    /// <summary>{kinds}: every kind iq schema prints, from the one list its error message names too.</summary>
    public static readonly Message ArgKind = new(null, ["kinds"], "文档种类：{kinds}（results 为结果文件）", "The document kind: {kinds} (results: a results file)");
    public static readonly Message OptMarkdown = new(null, "改为输出事实参考文档（docs/facts.md）", "Print the fact reference (docs/facts.md) instead");
    public static readonly Message OptWorkbook = new(null, "要写入的工作簿（- 表示标准输出）", "The workbook to write (- for stdout)");
    public static readonly Message ArgExplainTarget = new(null, "条目编号（6.1.1a.cpu）或表达式（env.memory.total / 1 GiB）", "An item id (6.1.1a.cpu) or an expression (env.memory.total / 1 GiB)");
    public static readonly Message OptChecklist = new(null, "检查单（省略时使用内置 IQ 检查单）", "The checklist (the bundled IQ checklist when omitted)");

    // ---- evidence analyzers ----
    public static readonly Message ArgLogs = new(null, "日志文件（每个文件单独判断格式）", "Log files (the format is told per file)");
    public static readonly Message OptLogFormat = new(null, "jsonl、csv、apt、dpkg、syslog 或 regex:PATTERN（命名组：time、operator、device、parameters、result、task、event）；省略时按文件名与前几行判断",
        "jsonl, csv, apt, dpkg, syslog or regex:PATTERN (named groups: time, operator, device, parameters, result, task, event); told from each file's name and first lines when omitted");
    public static readonly Message OptLogMap = new(null, "FIELD=SOURCE：哪个 JSON 成员或 CSV 列是某字段（time、operator、device、parameters、result、task、event）",
        "FIELD=SOURCE: which JSON member or CSV column holds a field (time, operator, device, parameters, result, task, event)");
    public static readonly Message OptLogAsOf = new(null, "syslog 时间不含年份：按此日期（ISO 8601）推断年份；省略时按每个日志文件的最后修改时间",
        "Syslog times carry no year: read them against this date (ISO 8601); each log file's last modification time when omitted");
    public static readonly Message OptLogTz = new(null, "syslog、apt history 与 dpkg.log 的时间不含时区，jsonl、csv 与 regex 日志中不带偏移的时间亦然：按此时区读取（IANA 名称如 Asia/Shanghai，或 ±hh:mm）；省略时按 UTC。所用时区记入 logs.json",
        "Syslog, apt history and dpkg.log times carry no zone, nor do jsonl, csv and regex log times written without an offset: read them in this zone (an IANA name such as Asia/Shanghai, or ±hh:mm); UTC when omitted. The zone used is recorded in logs.json");
    public static readonly Message ArgSnapshotFolder = new(null, "要快照的文件夹", "The folder to snapshot");
    public static readonly Message OptSnapshotFile = new(null, "要写入的快照文件（- 表示标准输出）", "The snapshot file to write (- for stdout)");
    public static readonly Message OptCompare = new(null, "BEFORE AFTER：两个快照文件或文件夹", "BEFORE AFTER: two snapshot files or folders");
    public static readonly Message OptRollbackTime = new(null, "回滚耗时，手工填写（如 \"12 min\" 或 720000 毫秒）：记为声明值，而非测量值",
        "How long the rollback took, typed in (e.g. \"12 min\" or 720000 ms): recorded as declared, not measured");
    public static readonly Message ArgRollbackCommand = new(null, "在 --run -- 之后：回滚命令及其参数", "After --run --: the rollback command and its arguments");
    public static readonly Message OptRollbackRun = new(null, "运行 -- 之后给出的回滚命令并计时，然后比较（回滚耗时即为测量值）",
        "Run the rollback command given after --, time it, then compare (the rollback time is then measured)");
    public static readonly Message OptRollbackTimeout = new(null, "回滚命令最多可运行多久", "How long the rollback command may take");
    public static readonly Message ArgJunit = new(null, "JUnit XML 报告", "JUnit XML reports");
    public static readonly Message OptScansTz = new(null, "Lynis 报告的时间不含时区（被扫描主机的当地时间）：按此时区读取（IANA 名称如 Asia/Shanghai，或 ±hh:mm）；省略时按 UTC。所用时区记入 security_scans.json",
        "Lynis report times carry no zone (the wall clock of the scanned host): read them in this zone (an IANA name such as Asia/Shanghai, or ±hh:mm); UTC when omitted. The zone used is recorded in security_scans.json");
    public static readonly Message OptTestsTz = new(null, "JUnit 时间戳通常不含时区（运行测试的机器的当地时间）：按此时区读取（IANA 名称如 Asia/Shanghai，或 ±hh:mm）；省略时按 UTC。所用时区记入 tests.json",
        "JUnit timestamps usually carry no zone (the wall clock of the machine that ran the tests): read them in this zone (an IANA name such as Asia/Shanghai, or ±hh:mm); UTC when omitted. The zone used is recorded in tests.json");
    public static readonly Message OptCategory = new(null, "SUITE=CATEGORY（interface、data-interface、main-flow）；可用 * 通配符（可重复）", "SUITE=CATEGORY (interface, data-interface, main-flow); * wildcards allowed (repeatable)");
    public static readonly Message ArgManifest = new(null, "清单：iq 自有 JSON 格式、CycloneDX 1.4–1.7（JSON 或 XML）或 SPDX 2.1–2.3（JSON 或 tag-value）",
        "The manifest: iq's own JSON format, CycloneDX 1.4–1.7 (JSON or XML), or SPDX 2.1–2.3 (JSON or tag-value)");
    public static readonly Message OptManifestRoot = new(null, "对此文件夹下清单给出哈希的每个文件计算哈希并比较；列出清单之外的文件",
        "Hash every file the manifest gives a hash for under this folder and compare; list files not in the manifest");
    public static readonly Message OptIgnore = new(null, "GLOB：--root 下不作为多余文件报告的文件（* 在一层文件夹内，** 跨文件夹）",
        "GLOB: files under --root not to report as extra (* within a folder, ** across folders)");
    public static readonly Message OptPattern = new(null, "版本命名规则（正则表达式；默认 SemVer）", "The version naming rule as a regex (default: SemVer)");

    // ---- baseline ----
    public static readonly Message ArgModel = new(null, "ONNX 模型", "The ONNX model");
    public static readonly Message OptCases = new(null, ".npy 病例文件夹（case.npy；多输入时为 case.<input>.npy）", "A folder of .npy cases (case.npy, or case.<input>.npy for several inputs)");
    public static readonly Message OptLabels = new(null, "labels.csv：case,label（类别编号；分割任务为掩膜 .npy 路径）", "labels.csv: case,label (a class number; for segmentation a mask .npy path)");
    public static readonly Message OptTask = new(null, "classification 或 segmentation", "classification or segmentation");
    public static readonly Message OptWarmup = new(null, "测量前的预热次数", "Runs before measuring");
    public static readonly Message OptIterations = new(null, "每个并发级别的运行次数", "Runs per level");
    public static readonly Message OptDuration = new(null, "每个级别的秒数（代替 --iterations）", "Seconds per level (instead of --iterations)");
    public static readonly Message OptConcurrency = new(null, "并发级别，如 1,2,4,8", "Concurrency levels, e.g. 1,2,4,8");
    public static readonly Message OptDevice = new(null, "cpu、cuda 或 auto（有 CUDA 用 CUDA，否则 CPU）；实际使用的执行提供程序记入结果", "cpu, cuda or auto (CUDA, else CPU); the provider that ran is recorded in the results");
    public static readonly Message OptLatencyBound = new(null, "毫秒：p99 不超过此值且无错误的最大级别即 max_concurrency；不给出时，只有某级出错才能确定最大并发量（6.4.2 a）",
        "Milliseconds: the largest level without errors whose p99 stays within it is max_concurrency; without it, only a level in error bounds the maximum (6.4.2 a)");
    public static readonly Message OptPartial = new(null, "被中断时仍写入已完成的各级测量，标为不完整（退出码仍为 130/143）",
        "When interrupted, still write the levels finished so far, marked incomplete (exit 130/143 all the same)");
    public static readonly Message WholeLevels = new(Diagnostics.Codes.BadOption, ["option", "value"], "{option}：级别应为整数，实际为 {value}", "{option}: levels are whole numbers, got {value}");
    public static readonly Message Note = new(null, ["note"], "注意：{note}", "note: {note}");
    public static readonly Message OptRegexBudget = new(null, "regex: 格式匹配所有行合计可用的时间（默认 2 min）", "How long a regex: format may spend matching, all lines together (default 2 min)");
    public static readonly Message OptScriptTimeout = new(null, "与 --allow-scripts 同用：csharp 代码块一次求值可用的时间，如 \"30 s\"（默认 10 s）",
        "With --allow-scripts: how long one evaluation of a csharp block may take, e.g. \"30 s\" (default 10 s)");
    public static readonly Message OptScriptCache = new(null, "与 --allow-scripts 同用：编译后脚本的文件夹（默认 IQ_SCRIPT_CACHE，否则 ~/.local/share/iq/scripts）；必须仅自己可写",
        "With --allow-scripts: the folder of compiled scripts (default: IQ_SCRIPT_CACHE, else ~/.local/share/iq/scripts); it must be yours alone");
    public static readonly Message OptSynthetic = new(null, "按模型声明的形状生成随机输入（仅测性能）", "Random inputs of the model's declared shape (performance only)");
    public static readonly Message OptRepeat = new(null, "同一病例重复运行次数（输出可重复性）", "Runs of one case for output repeatability");
    public static readonly Message OptNoise = new(null, "高斯噪声级别（以每个病例的标准差计），如 0.1,0.5", "Gaussian noise levels (in standard deviations of each case), e.g. 0.1,0.5");
    public static readonly Message OptThreads = new(null, "每次运行的算子内线程数", "Intra-op threads per run");
}

/// <summary>iq explain's lines.</summary>
public static partial class Msg
{
    public static readonly Message ExplainItem = new(null, ["section", "clause", "level", "weight", "method"], "  章节 {section}，条款 {clause}，级别 {level}，权重 {weight}，{method}",
        "  section {section}, clause {clause}, level {level}, weight {weight}, {method}");
    public static readonly Message ExplainAutomatic = new(null, "自动", "automatic");
    public static readonly Message ExplainManual = new(null, "人工", "manual");
    public static readonly Message ExplainForeach = new(null, ["variable"], "  foreach {variable}：每个元素一行", "  foreach {variable}: one row per element");
    public static readonly Message ExplainRowScore = new(null, ["score"], "得分 {score}", "score {score}");
    public static readonly Message ExplainRule = new(null, ["name", "matches"], "  规则   \"{name}\" 匹配 {matches}", "  rule   \"{name}\" matches {matches}");
    /// <summary>A rule shared by items of the same left-hand side; item ids whole, as a row shows them (the English is the rule's name).</summary>
    public static readonly Message RuleOfItems = RowWords(null, ["first", "last", "count"], "{first} … {last}（{count} 个条目）", "{first} … {last} ({count} items)");
    public static readonly Message ExplainAllRowsPass = new(null, ["count"], "  全部 {count} 行通过或不计分", "  all {count} rows pass or are not counted");
    public static readonly Message ExplainRowsFail = new(null, ["count", "total", "ids"], "  {total} 行中 {count} 行不通过或出错：{ids}", "  {count} of {total} rows fail or error: {ids}");
    // What a rule matches (iq check --rules) and what a row matched (iq explain): names as written.
    public static readonly Message MatchedDocument = new(null, ["name", "kind"], "文档 {name}（{kind}）", "document {name} ({kind})");
    public static readonly Message MatchedNoDocument = new(null, ["name", "kind"], "文档 {name}：无（缺少 {kind}）", "document {name}: none ({kind} missing)");
    public static readonly Message MatchedLet = new(null, ["name"], "let {name}", "let {name}");
    public static readonly Message MatchedLetError = new(null, ["name", "error"], "let {name}（出错：{error}）", "let {name} (error: {error})");
    public static readonly Message MatchedElement = new(null, ["path", "index", "key"], "元素 {path}[{index}]（{key}）", "element {path}[{index}] ({key})");
    public static readonly Message MatchedOutcome = new(null, ["item", "outcome"], "条目 {item}：{outcome}", "item {item}: {outcome}");
    public static readonly Message MatchedNothing = new(null, "（无）", "(nothing)");
    public static readonly Message MatchesElementOf = new(null, ["list"], "{list} 的元素", "element of {list}");
    public static readonly Message MatchesOutcomeOf = new(null, ["item"], "条目 {item} 的结果", "outcome of item {item}");
    public static readonly Message ExplainMatched = new(null, ["facts"], "                已匹配：{facts}", "                matched: {facts}");
    public static readonly Message ExplainError = new(null, ["type", "message"], "{type}：出错：{message}", "{type}: error: {message}");
}
