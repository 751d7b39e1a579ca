using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>iq report, iq diff, iq archive: their help, what they say, and the diagnostics of results files and audit
/// archives they read (the report texts themselves are scoring/Text/report-messages.yaml).</summary>
public static partial class Msg
{
    // ---- help ----
    public static readonly Message CmdReport = new(null, "仅凭结果文件渲染报告（与审计时写出的逐字节相同）；退出码即其结论",
        "Render reports from a results file alone (byte-identical to what the audit wrote); exit code by its verdict");
    public static readonly Message CmdDiff = new(null, "比较两次审计：结果或得分有变化的条目及结论；有变差时退出码为 1",
        "Compare two audits: items whose outcome or score changed, and the verdict; exit 1 when something got worse");
    public static readonly Message CmdArchive = new(null, "保存审计记录：结果、报告、检查单链与输入打包为一个带 SHA-256 清单的 zip",
        "Keep an audit's record: results, reports, checklist chain and inputs in one zip with a SHA-256 manifest");
    public static readonly Message ArgResults = new(null, "结果文件（iq.results/2 或 iq.results-set/1）或审计存档（.zip）", "A results file (iq.results/2 or iq.results-set/1) or an audit archive (.zip)");
    public static readonly Message ArgOld = new(null, "较早的结果（或存档）", "The earlier results (or archive)");
    public static readonly Message ArgNew = new(null, "较晚的结果（或存档）", "The later results (or archive)");
    public static readonly Message ArgArchiveInput = new(null, "要存档的结果文件（连同其引用的文件），或 --verify 时要核对的存档",
        "The results file to archive (with the files it names), or the archive to verify");
    public static readonly Message OptHtml = new(null, "将 HTML 报告（单个自包含文件）写入此文件（- 表示标准输出）", "Write the HTML report (one self-contained file) to this file (- for stdout)");
    public static readonly Message OptPdf = new(null, "将 PDF 报告（由无头 Chromium 打印 HTML 报告）写入此文件（- 表示标准输出）",
        "Write the PDF report (the HTML printed by a headless Chromium) to this file (- for stdout)");
    public static readonly Message OptArchive = new(null, "将审计所依据的一切（结果、报告、检查单链、输入及 SHA-256 清单）打包写入此 .zip",
        "Write an archive (.zip) of everything the audit rests on: results, reports, checklist chain, inputs, with a SHA-256 manifest");
    public static readonly Message OptArchiveOutput = new(null, "要写入的存档（.zip；- 表示标准输出）", "The archive to write (.zip; - for stdout)");
    public static readonly Message OptInclude = new(null, "与结果一起存档的报告文件（可重复）", "A report file to archive with the results (repeatable)");
    public static readonly Message OptVerify = new(null, "核对存档：每个文件对照清单哈希及结果记录的哈希", "Check an archive: every file against its manifest hash and the results' recorded hashes");

    // ---- what they say ----
    public static readonly Message NameAReport = new(Codes.MissingInput, "请指定要写的报告：--xlsx、--html、--pdf、--junit 或 --json FILE",
        "name a report to write: --xlsx, --html, --pdf, --junit or --json FILE");
    public static readonly Message GiveArchiveOutput = new(Codes.MissingInput, "请用 -o ARCHIVE.zip 给出存档（或 --verify ARCHIVE）", "give -o ARCHIVE.zip (or --verify ARCHIVE)");
    public static readonly Message AlreadyArchive = new(Codes.BadOption, ["path"], "{path} 已经是存档；请给出结果文件", "{path} is an archive already; give the results file");
    public static readonly Message ArchiveVerified = new(null, ["path", "count"],
        "{path}：{count} 个文件，散列均与归档清单一致；清单未加封签，只表明文件与清单相符，不表明归档就是 iq 写出的",
        "{path}: {count} files, every hash matches the archive's manifest; the manifest is unsealed, so this shows the files agree with it, not that the archive is the one iq wrote");
    public static readonly Message DiffVerdict = new(null, ["before", "after", "score_before", "score_after", "mark"], "结论：{before} → {after}   得分：{score_before} → {score_after}{mark}",
        "verdict: {before} → {after}   score: {score_before} → {score_after}{mark}");
    public static readonly Message DiffWorseMark = new(null, "   变差", "   WORSE");
    public static readonly Message DiffBetterMark = new(null, "   变好", "   better");
    public static readonly Message DiffRowsWorseMark = new(null, ["worse"], "   {worse} 个条目变差", "   WORSE: {worse} row(s)");
    public static readonly Message DiffRowsLeftMark = new(null, ["worse", "left"], "   变差：{worse} 个条目变差，{left} 个不通过或出错的条目退出计分",
        "   WORSE: {worse} row(s) worse, {left} failed or errored row(s) left the score");
    public static readonly Message DiffWorse = new(null, "变差", "WORSE");
    /// <summary>The mark of a failed or errored row no longer counted (→ not applicable, to judge): as wide as the others.</summary>
    public static readonly Message DiffLeftScore = new(null, "退出", "LEFT");
    public static readonly Message DiffBetter = new(null, "变好", "better");
    public static readonly Message DiffNotEarlier = new(null, ["id"], "{id}：较早的结果中没有", "{id}: not in the earlier results");
    /// <summary>A tailoring in a report's header: its own id, and the checklist and version it tailors.</summary>
    public static readonly Message ChecklistTailoringOf = RowWords(null, ["checklist", "base", "base_version"], "{checklist}（{base} {base_version} 的剪裁）",
        "{checklist} (tailoring of {base} {base_version})");
    public static readonly Message DiffNotLater = new(null, ["id"], "{id}：较晚的结果中没有", "{id}: not in the later results");
    /// <summary>What each side of <c>iq diff</c> was rendered from, named by the path as given: the two files are often both
    /// results.json, and their bare names alone do not tell which line is which.</summary>
    public static readonly Message DiffSourceBefore = RowWords(null, ["path", "source"], "较早（{path}）：{source}", "earlier ({path}): {source}");
    public static readonly Message DiffSourceAfter = RowWords(null, ["path", "source"], "较晚（{path}）：{source}", "later ({path}): {source}");
    public static readonly Message ResultsNotFromStdin = new(Codes.BadOption, "结果不能从标准输入（-）读取：请给出结果文件或存档的路径",
        "results are not read from standard input ('-'): give the path of a results file or archive");
    public static readonly Message DiffNone = new(null, "（无）", "(none)");
    public static readonly Message DiffTailoring = new(null, ["before", "after"], "  评判依据不同：检查清单 {before} → {after}（同一 extends 链上的剪裁；比较两者共有的条目）",
        "  criteria differ: checklist {before} → {after} (a tailoring along one extends chain; the items both hold are compared)");
    public static readonly Message DiffTailoredCounts = new(null, ["added", "disabled", "set"], "  剪裁所致：新增 {added} 个条目，停用 {disabled} 个，{set} 个条目所读参数被改设（新增与停用的条目不算变差；结论变差仍算）",
        "  by the tailoring: {added} item(s) added, {disabled} disabled, {set} judged against a param set differently (a row added or disabled is not counted worse; a worse verdict still is)");
    public static readonly Message DiffTailoredAdded = new(null, "  [剪裁新增]", "  [added by tailoring]");
    public static readonly Message DiffTailoredDisabled = new(null, "  [剪裁停用]", "  [disabled by tailoring]");
    public static readonly Message DiffTailoredParameter = new(null, "  [参数经剪裁改设]", "  [param set by tailoring]");
    public static readonly Message DiffUnrelated = new(Codes.BadOption, ["before", "after"],
        "无法比较：检查清单 {before} 与 {after} 不在同一 extends 链上（没有共同的基础检查清单），条目不是同一要求",
        "cannot compare: checklists {before} and {after} are not on one extends chain (no base in common), so their items are not the same requirements");
    public static readonly Message DiffChecklistVersion = new(null, ["name", "before", "after"], "  评判依据不同：检查清单 {name} 的版本 {before} → {after}（各条目按不同的要求判定）",
        "  criteria differ: checklist {name} version {before} → {after} (the rows were judged against different requirements)");
    public static readonly Message DiffChecklistBytes = new(null, ["name", "before", "after"], "  评判依据不同：检查清单 {name} 的内容 SHA-256 {before} → {after}（各条目按不同的要求判定）",
        "  criteria differ: checklist {name} content SHA-256 {before} → {after} (the rows were judged against different requirements)");
    public static readonly Message DiffScoring = new(null, ["name", "before", "after"], "  评判依据不同：评分{name} {before} → {after}",
        "  criteria differ: scoring{name} {before} → {after}");
    public static readonly Message DiffParameter = new(null, ["name", "before", "after"], "  评判依据不同：参数 {name} {before} → {after}",
        "  criteria differ: parameter {name} {before} → {after}");
    public static readonly Message DiffCounts = new(null, ["count", "better", "worse", "other"], "{count} 个条目有变化：{better} 个变好，{worse} 个变差，{other} 个其他",
        "{count} item(s) changed: {better} better, {worse} worse, {other} other");
    public static readonly Message DiffCountsLeft = new(null, ["count", "better", "worse", "left", "other"],
        "{count} 个条目有变化：{better} 个变好，{worse} 个变差，{left} 个退出计分（原不通过或出错，现不适用或待评审，算作变差），{other} 个其他",
        "{count} item(s) changed: {better} better, {worse} worse, {left} left the score (failed or errored, now not applicable or to judge: counted as worse), {other} other");

    // ---- --pdf ----
    public static readonly Message PdfNeedsBrowser = new(Codes.MissingTool, "--pdf 需要无头 Chromium 打印 HTML 报告：请安装（Debian：apt-get install chromium），或将 IQ_CHROMIUM 设为 Chromium 或 Chrome 可执行文件",
        "--pdf needs a headless Chromium to print the HTML report: install it (Debian: apt-get install chromium) or set IQ_CHROMIUM to a Chromium or Chrome executable");
    public static readonly Message PdfTimedOut = new(Codes.MissingTool, ["browser", "seconds"], "{browser} 未在 {seconds} 秒内完成打印", "{browser} did not finish printing within {seconds} s");
    public static readonly Message PdfFailed = new(Codes.MissingTool, ["browser", "code", "detail"], "{browser} 无法打印报告（退出码 {code}）{detail}", "{browser} could not print the report (exit code {code}){detail}");
    public static readonly Message PdfNotStarted = new(Codes.MissingTool, ["browser", "reason"], "无法启动 {browser}：{reason}", "{browser} could not be started: {reason}");

    // ---- results files (IQ4003 at a JSON path) ----
    public static readonly Message ResultsTooLarge = new(Codes.BadDocument, ["limit", "file", "size"], "结果文件最大 {limit} MiB；{file} 有 {size} 字节",
        "A results file is at most {limit} MiB; {file} has {size} bytes");
    public static readonly Message ResultsOldSchema = new(null, ["schema", "current"], "schema {schema} 无法重新渲染：缺少报告所需内容（C.1、评审结论、图表数据）；请用本版 iq 重新审计，它写出 {current}",
        "schema {schema} cannot be re-rendered: it lacks what reports need (C.1, judgments, figures); run the audit again with this iq, which writes {current}");
    public static readonly Message ResultsNewerSchema = new(null, ["schema", "current"], "schema {schema} 由更新版本的 iq 写出，本版 iq 只读 {current}；请用写出它的 iq 版本（或更新版）渲染",
        "schema {schema} was written by a newer iq; this iq reads {current}: render it with the iq version that wrote it (or a newer one)");
    public static readonly Message NotResults = new(null, ["schema", "current"], "不是 iq 结果文件（schema '{schema}'，应为 {current}）", "not an iq results file (schema '{schema}', expected {current})");
    public static readonly Message SetNeedsTwo = new(null, ["schema"], "{schema} 文件应包含两个或更多检查单的结果", "a {schema} file holds the results of two checklists or more");
    public static readonly Message ResultsVerdictNotRows = new(null, ["verdict", "why"], "结论 {verdict} 不是本文件自身条目所得出的：{why}；文件在 iq 写出后被改动过，请重新审计",
        "the verdict {verdict} is not what the file's own rows give: {why}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsRowsVeto = new(null, ["count", "ids"], "{count} 个否决级条目未通过或出错（{ids}）", "{count} row(s) at the veto level failed or errored ({ids})");
    public static readonly Message ResultsRowsPending = new(null, ["count", "ids"], "{count} 个否决级条目尚待评审（{ids}）", "{count} row(s) at the veto level await a manual judgment ({ids})");
    public static readonly Message ResultsScoreBelow = new(null, ["score", "pass_at"], "得分 {score} 未达到 pass_at {pass_at}", "the score {score} does not reach pass_at {pass_at}");
    public static readonly Message ResultsScoreReaches = new(null, ["score", "pass_at"], "得分 {score} 达到 pass_at {pass_at}，且没有否决级条目未通过", "the score {score} reaches pass_at {pass_at} and no row at the veto level failed");
    public static readonly Message ResultsNothingPending = new(null, "没有否决级条目待评审，且有计分条目", "no row at the veto level awaits a judgment, and rows were counted");
    public static readonly Message ResultsPartNotHolds = new(null, ["holds", "comparison", "gives"], "holds 为 {holds}，但 {comparison} 的结果是 {gives}；文件在 iq 写出后被改动过，请重新审计",
        "holds is {holds}, but {comparison} gives {gives}; the file was changed after iq wrote it: audit again");
    public static readonly Message ResultsRowTwice = new(null, ["id"], "条目 '{id}' 出现两次（哪一个算数只能靠猜）", "the row '{id}' is given twice (which one counts would be a guess)");
    public static readonly Message ResultsCountsNotRows = new(null, ["count", "outcome", "rows"], "计数为 {count} 个 {outcome}，而条目中有 {rows} 个；文件在 iq 写出后被改动过，请重新审计",
        "the count says {count} {outcome}, the rows hold {rows}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsNotRecomputed = new(null, ["member", "stated", "computed"],
        "{member} 为 {stated}，而由文件自身的条目与计分模型重新计算得 {computed}；文件在 iq 写出后被改动过，请重新审计",
        "{member} says {stated}, the file's own rows and scoring model give {computed}; the file was changed after iq wrote it: run the audit again");
    // The results against the checklist they name (scoring/Reports/Results/ResultsAgainstChecklist.cs), when it is at hand.
    public static readonly Message ResultsNotChecklist = new(null, ["member", "stated", "checklist", "declared"],
        "{member} 在结果中为 {stated}，而所列检查单 {checklist} 给出 {declared}；文件在 iq 写出后被改动过，请重新审计",
        "{member} is {stated} in the results, but the checklist they name, {checklist}, gives {declared}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsItemNotInChecklist = new(null, ["item", "checklist"],
        "条目 '{item}' 不在所列检查单 {checklist} 中；文件在 iq 写出后被改动过，请重新审计",
        "the item '{item}' is not in the checklist the results name, {checklist}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsItemNoRow = new(null, ["item", "checklist"],
        "所列检查单 {checklist} 的条目 '{item}' 在结果中没有对应条目；文件在 iq 写出后被改动过，请重新审计",
        "the item '{item}' of the checklist the results name, {checklist}, has no row in them; the file was changed after iq wrote it: run the audit again");
    public static readonly Message OptResultsChecklist = new(null, "结果所列检查单的文件（iq 未自带时）：据其核对评分与各条目的级别、权重",
        "The checklist file the results name (when iq does not ship it): their scoring and each row's level and weight are checked against it");
    public static readonly Message DiffLevel = new(null, ["before", "after"], "级别 {before} → {after}", "level {before} → {after}");
    public static readonly Message InputsAsRecorded = new(null, ["present", "recorded"],
        "结果记录的检查单与输入文件中，仍在原处的 {present} 个（共 {recorded} 个）散列与记录一致",
        "of the {recorded} checklist and input file(s) the results record, the {present} still at their recorded paths hash as recorded");
    public static readonly Message InputsNotAsRecorded = new(null, ["count", "present", "recorded", "files"],
        "结果记录的检查单与输入文件中，仍在原处的 {present} 个（共 {recorded} 个）里有 {count} 个散列与记录不符：{files}；这些文件在审计后已改动，或结果中的散列被改过",
        "of the {recorded} checklist and input file(s) the results record, {count} of the {present} still at their recorded paths no longer hash as recorded: {files}; they changed after the audit, or the results' hashes were edited");
    public static readonly Message ResultsChecklistHash = new(null, ["stated", "source"],
        "checklist.sha256 为 {stated}，而 checklist.sources[0]（检查单本身的文件）为 {source}；文件在 iq 写出后被改动过，请重新审计",
        "checklist.sha256 says {stated}, checklist.sources[0] (the checklist's own file) says {source}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ScoringNotChecked = new(null, ["checklist", "sha256"],
        "评分未与检查单核对（未找到检查单）：{checklist}（SHA-256 {sha256}）不是 iq 自带的检查单，可用 --checklist 给出该文件",
        "scoring not checked against the checklist (not found): {checklist} (SHA-256 {sha256}) is not one iq ships; give its file with --checklist");
    public static readonly Message ResultsFactNoInput = new(null, ["fact", "document"],
        "事实 {fact} 所列来源文件 {document} 不在结果的输入文件（inputs）中；文件在 iq 写出后被改动过，请重新审计",
        "the fact {fact} names the document {document}, which is not among the results' inputs; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsFactNotDeclared = new(null, ["fact", "provenance", "document", "state"],
        "事实 {fact} 标为 {provenance}，但其来源文件 {document} 在审计读取时封签不成立（{state}），其事实只能按声明值计；文件在 iq 写出后被改动过，请重新审计",
        "the fact {fact} is {provenance}, but its document {document} had no seal that held when the audit read it ({state}), so its facts count as declared; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsNothingCounted = new(null, "没有计分条目", "no row was counted");
    public static readonly Message ResultsRowNoSection = new(null, ["section"], "条目所属章节 '{section}' 不在文件的章节树中", "the row's section '{section}' is not in the file's sections");
    public static readonly Message ResultsRowOutcome = new(null, ["outcome", "why"], "结果 {outcome} 与该条目自身矛盾：{why}；文件在 iq 写出后被改动过，请重新审计",
        "the outcome {outcome} contradicts the row itself: {why}; the file was changed after iq wrote it: run the audit again");
    public static readonly Message ResultsRowReasonGives = new(null, ["kind", "outcomes"], "理由种类 '{kind}' 对应的结果为 {outcomes}", "its reason '{kind}' goes with {outcomes}");
    public static readonly Message ResultsRowPartFails = new(null, ["index", "expression"], "证据 evidence[{index}]（{expression}）不成立且起决定作用",
        "its evidence[{index}] ({expression}) does not hold, and decided");
    public static readonly Message ResultsRowScore = new(null, ["score"], "得分 {score} 不是该结果所能有的", "its score {score} is not one this outcome has");
    public static readonly Message SetVerdictIsWorst = new(null, ["verdict"], "各检查单结论中最差的是 {verdict}", "the worst of the checklists' verdicts is {verdict}");
    public static readonly Message ExpectedA = new(null, ["what"], "应为{what}", "expected {what}");
    public static readonly Message MissingMember = new(null, ["name"], "缺少成员 '{name}'", "missing member '{name}'");
    public static readonly Message UnknownOutcome = new(null, ["value"], "未知的结果 '{value}'", "unknown outcome '{value}'");
    public static readonly Message UnknownReason = new(null, ["kind", "kinds"], "未知的理由种类 '{kind}'；应为 {kinds}", "unknown reason '{kind}'; expected {kinds}");
    public static readonly Message UnknownValue = new(null, ["value", "expected"], "未知的值 '{value}'；应为 {expected}", "unknown value '{value}'; expected {expected}");
    public static readonly Message ExpectedProvenances = new(null, ["kinds"], "应为 {kinds}，即其事实的来源", "expected {kinds}, the provenances of its facts");
    public static readonly Message ExpectedDeclaredOnly = new(null, ["value"], "应为 {value}：由其事实的来源及自动判定推出", "expected {value}: derived from its facts' provenances and the item being automatic");
    public static readonly Message UnknownFinding = new(null, ["value"], "未知的发现种类 '{value}'", "unknown finding '{value}'");
    public static readonly Message ExpectedTwoDocuments = new(null, "应为两个文档", "expected two documents");
    public static readonly Message ACount = new(null, "计数（非负整数）", "a count");
    public static readonly Message AnArray = new(null, "数组", "an array");
    public static readonly Message AnIsoDate = new(null, "ISO 8601 日期", "an ISO 8601 date");
    public static readonly Message ZhOrEn = new(null, " zh 或 en", "zh or en");
    public static readonly Message ASource = new(null, "至少一个来源", "at least one source");
    public static readonly Message AutomaticOrManual = new(null, " automatic 或 manual", "automatic or manual");
    public static readonly Message AMissingRecord = new(null, " {{path, cause, detail}}", "{{path, cause, detail}}");
    public static readonly Message AStringOrMessage = new(null, "字符串或消息 {{code, args}}", "a string or a message {{code, args}}");
    public static readonly Message AnEvidenceWords = new(null, "消息 {{code, args}}，或由字符串和这样的消息组成的非空数组",
        "a message {{code, args}}, or a non-empty array of strings and such messages");

    // ---- scan reports (iq scans) ----
    public static readonly Message BadScanReport = new(Codes.BadScanReport, ["detail"], "扫描报告无法读取：{detail}", "the scan report cannot be read: {detail}");

    // ---- audit archives ----
    public static readonly Message CannotArchive = new(Codes.FileNotFound, ["path", "reason"], "无法存档 {path}：{reason}", "Cannot archive {path}: {reason}");
    public static readonly Message ChangedSinceAudit = new(Codes.BadDocument, ["path", "sha", "recorded"], "{path} 在审计后已改变：SHA-256 {sha}，结果记录的是 {recorded}",
        "{path} changed since the audit: SHA-256 {sha}, the results recorded {recorded}");
    public static readonly Message ArchiveTooManyEntries = new(Codes.BadDocument, ["limit", "count"], "存档最多 {limit} 个条目；此存档有 {count} 个",
        "An archive has at most {limit} entries; this one has {count}");
    public static readonly Message ArchiveEntryTooLarge = new(Codes.BadDocument, ["entry", "limit", "total"], "{entry}：超过存档条目的上限（{limit} 字节；总计 {total}）",
        "{entry}: larger than an archive entry may be ({limit} bytes; {total} in all)");
    public static readonly Message ArchiveEntryExpands = new(Codes.BadDocument, ["entry", "limit", "total"], "{entry}：解压后超过 {limit} 字节（合计上限 {total}）",
        "{entry}: expands beyond {limit} bytes ({total} in all)");
    public static readonly Message NotAnArchive = new(Codes.BadDocument, ["reason"], "不是可读的存档：{reason}", "Not a readable archive: {reason}");
    public static readonly Message ArchiveLacks = new(Codes.BadDocument, ["name"], "存档中没有 {name}", "No {name} in the archive");
    public static readonly Message NotAManifest = new(Codes.BadDocument, ["name", "schema"], "{name} 不是 {schema} 清单", "{name} is not an {schema} manifest");
    public static readonly Message ManifestEntryShape = new(Codes.BadDocument, ["name", "index"], "{name}：位置 $.files[{index}] 应为 {{path, role, sha256}}",
        "{name}: expected {{path, role, sha256}} at $.files[{index}]");
    public static readonly Message ManifestMalformed = new(Codes.MalformedJson, ["name", "reason"], "{name}：JSON 格式错误：{reason}", "{name}: malformed JSON: {reason}");
    public static readonly Message ArchiveMissingFile = new(Codes.BadDocument, ["path"], "{path}：清单中列出，但存档中没有", "{path}: listed in the manifest, missing from the archive");
    public static readonly Message ArchiveHashDiffers = new(Codes.BadDocument, ["path", "sha", "manifest"], "{path}：SHA-256 {sha} 与清单中的 {manifest} 不同",
        "{path}: SHA-256 {sha} differs from the manifest's {manifest}");
    public static readonly Message ArchiveUnlisted = new(Codes.BadDocument, ["path"], "{path}：在存档中但不在清单中", "{path}: in the archive but not in the manifest");
    public static readonly Message ArchiveNoRecordedFile = new(Codes.BadDocument, ["path", "sha"], "{path}：结果记录的 SHA-256 为 {sha}，存档中没有文件与之相符",
        "{path}: the results recorded SHA-256 {sha}, and no archived file has it");
}
