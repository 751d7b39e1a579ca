using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>iq fleet run|report|export: help, usage errors, progress, summaries, the console report, and the diagnostics
/// of the results store (the HTML and xlsx fleet reports' words are scoring/Text/report-messages.yaml's fleet.*).</summary>
public static partial class Msg
{
    // ---- help ----
    public static readonly Message CmdFleet = new(null, "把大量事实数据包审核进结果库（SQLite 文件或 PostgreSQL），报告设备群，导出审核",
        "Audit many fact bundles into a results store (SQLite file or PostgreSQL), report on the fleet, export audits");
    public static readonly Message CmdFleetRun = new(null,
        "用一个编译好的检查单并行审核各根目录下的每个数据包，写入结果库；以相同输入评价过的数据包跳过。退出码 0 全部通过，1 有不通过或未完成，2 有数据包无法评价（已记录）",
        "Audit every bundle under the roots with one compiled checklist, in parallel, into the store; bundles already evaluated with the same inputs are skipped. " +
        "Exit 0 all pass, 1 some fail or incomplete, 2 some bundle could not be evaluated (recorded)");
    public static readonly Message CmdFleetReport = new(null,
        "报告结果库中的设备群：按产品版本与站点的结论、各条目通过率、最常不通过的条目、结论有变化的站点、各条目的趋势；每个站点的当前审核都通过时退出码为 0，否则为 1，有数据包无法评价时为 2",
        "Report on the fleet in the store: verdicts by product version and site, pass rate per item, the items that fail most, sites whose verdict changed, " +
        "trend per item; exit 0 when every site's current audit passes, 1 otherwise, 2 when some bundle could not be evaluated");
    public static readonly Message CmdFleetExport = new(null, "把库中的一次审核写回为 iq audit --json 所写的结果文件（iq report 可渲染）",
        "Write a stored audit back out as the results file iq audit --json writes (iq report renders it)");
    public static readonly Message ArgFleetRoots = new(null, "文件夹：其下每个数据包文件夹（含 *.json 文档的文件夹）都被审核", "Folders under which every bundle folder (a folder with *.json documents) is audited");
    public static readonly Message OptStoreWrite = new(null, "结果库：SQLite 文件（不存在时创建），或 postgres://USER@HOST:PORT/DATABASE（默认：results.db）",
        "The results store: a SQLite file (created when new), or postgres://USER@HOST:PORT/DATABASE (default: results.db)");
    public static readonly Message OptStoreRead = new(null, "结果库：SQLite 文件或 postgres://USER@HOST:PORT/DATABASE（默认：results.db）",
        "The results store: a SQLite file or postgres://USER@HOST:PORT/DATABASE (default: results.db)");
    public static readonly Message OptFleetAsOf = new(null, "按此日期/时间（ISO 8601）评价；是每个数据包的键的一部分", "Evaluate as of this date/time (ISO 8601); part of each bundle's key");
    public static readonly Message OptFleetAttestations = new(null, "应用于每个数据包的人工评审结论：YAML、CSV 或填好的人工评审 .xlsx（可重复）",
        "Manual judgments applied to every bundle: YAML, CSV or a filled manual-review .xlsx (repeatable)");
    public static readonly Message OptFleetWaivers = new(null, "应用于每个数据包的豁免：YAML 或 CSV（可重复）", "Waivers applied to every bundle: YAML or CSV (repeatable)");
    public static readonly Message OptFleetForce = new(null, "重新评价库中已以相同输入评价过的数据包", "Evaluate again bundles the store holds already with the same inputs");
    public static readonly Message OptFleetJobs = new(null, "同时进行的审核数（默认：每个核一个）", "Audits at once (default: one per core)");
    public static readonly Message OptChecklistId = new(null, "要报告其审核的检查单（默认：最近一次运行的检查单）", "The checklist whose audits to report (default: the latest run's)");
    public static readonly Message OptFleetJson = new(null, "将设备群报告以 JSON（schema iq.fleet/1）写入此文件（- 表示标准输出）", "Write the fleet report as JSON (schema iq.fleet/1) to this file (- for stdout)");
    public static readonly Message OptFleetHtml = new(null, "将设备群报告（单个自包含 HTML 文件，含趋势图）写入此文件（- 表示标准输出）",
        "Write the fleet report as one self-contained HTML file, with the trend chart (- for stdout)");
    public static readonly Message OptFleetXlsx = new(null, "将设备群报告（Excel 工作簿，含趋势图）写入此文件（- 表示标准输出）", "Write the fleet report as an Excel workbook, with the trend chart (- for stdout)");
    public static readonly Message OptAuditId = new(null, "审核编号（iq fleet report 列出）", "The audit's id (iq fleet report lists them)");
    public static readonly Message OptSite = new(null, "此站点的最新审核", "The latest audit of this site");
    public static readonly Message OptBundle = new(null, "此数据包文件夹（按运行时的名称）的最新审核", "The latest audit of this bundle folder (as the run named it)");
    public static readonly Message OptExportOutput = new(null, "要写入的结果文件（- 表示标准输出）", "The results file to write (- for stdout)");

    // ---- usage errors ----
    public static readonly Message FleetRootIsFile = new(Codes.BundleNotFound, ["root"], "{root} 是文件；请给出数据包所在的文件夹", "{root} is a file; give a folder of bundles");
    public static readonly Message FleetRootNotFound = new(Codes.BundleNotFound, ["root"], "文件夹不存在：{root}", "Folder not found: {root}");
    public static readonly Message FleetRootNested = new(Codes.BadOption, ["inner", "outer"], "{inner} 位于 {outer} 之下：每个文件夹只给一次", "{inner} lies under {outer}: give each folder once");
    public static readonly Message FleetRootTwice = new(Codes.BadOption, "有根目录给了两次", "a root is given twice");
    public static readonly Message FleetJobsRange = new(Codes.BadOption, "--jobs 需要 1 到 1024 之间的数", "--jobs needs a number from 1 to 1024");
    public static readonly Message NoStore = new(Codes.FileNotFound, ["file"], "{file} 处没有结果库（iq fleet run 会写出一个）", "No results store at {file} (iq fleet run writes one)");
    public static readonly Message NameOneAudit = new(Codes.MissingInput, "请指定一次审核：--audit ID、--site SITE 或 --bundle PATH", "name one audit: --audit ID, --site SITE or --bundle PATH");
    public static readonly Message SiteSeveralAudits = new(Codes.BadOption, ["site", "count", "at", "audits"],
        "--site {site}：该站点在其最新采集时间（{at}）有 {count} 次审核，如 fleet 报告的冲突所列：{audits}；请用 --audit ID 选择其一",
        "--site {site}: {count} audits stand for the site at its latest collection time ({at}), as the fleet report's clashes list them: {audits}; choose one with --audit ID");
    public static readonly Message SiteAuditChoice = new(null, ["audit", "bundle", "verdict"], "审核 {audit} {bundle} {verdict}", "audit {audit} {bundle} {verdict}");
    public static readonly Message NoSuchAudit = new(Codes.BadOption, ["store"], "{store} 中没有这次审核", "No such audit in {store}");
    public static readonly Message AuditNotEvaluated = new(Codes.BadOption, ["audit", "bundle", "error"], "审核 {audit}（{bundle}）无法评价，没有结果：{error}",
        "Audit {audit} ({bundle}) could not be evaluated; it has no results: {error}");
    public static readonly Message AuditNoResults = new(Codes.BadOption, ["audit"], "审核 {audit} 没有存储结果", "Audit {audit} has no results stored");

    // ---- what they say ----
    public static readonly Message FleetProgress = new(null, ["done", "total", "rate", "eta"], "{done}/{total} 个数据包，{rate} 个/秒，剩余 {eta}", "{done}/{total} bundles, {rate} bundles/s, ETA {eta}");
    public static readonly Message FleetRunDone = new(null, ["run", "store", "seen", "seconds", "rate", "evaluated", "skipped", "failed"],
        "设备群运行 {run} 写入 {store}：{seen} 个数据包，用时 {seconds} 秒（{rate} 次审核/秒）——评价 {evaluated}，跳过 {skipped}（以前以相同输入评价过），无法评价 {failed}",
        "Fleet run {run} into {store}: {seen} bundles in {seconds} s ({rate} audits/s) — evaluated {evaluated}, skipped {skipped} (evaluated before with the same inputs), could not be evaluated {failed}");
    public static readonly Message FleetRunBusy = new(null, ["count"], "，留给其他工作进程 {count}", ", left to other workers {count}");
    public static readonly Message FleetRunLost = new(null, ["count"], "，被其他进程接管 {count}", ", taken over by others {count}");
    public static readonly Message FleetVerdicts = new(null, ["seen", "pass", "not_passed", "not_evaluable"],
        "根目录下 {seen} 个数据包的结论（跳过的按其已存审核）：通过 {pass}，不通过或未完成 {not_passed}，无法评价 {not_evaluable}",
        "Verdicts of the {seen} bundles under the roots (a skipped one by its stored audit): pass {pass}, fail or incomplete {not_passed}, not evaluable {not_evaluable}");
    public static readonly Message FleetExitNotEvaluable = new(null, ["count", "stored"],
        "退出码 2：{count} 个数据包无法评价，其中 {stored} 个是以前以相同输入评价时记录的（本次跳过）",
        "Exit 2: {count} bundle(s) could not be evaluated, {stored} of them recorded so by an earlier run with the same inputs (skipped now)");
    public static readonly Message FleetExitPass = new(null, ["count"], "退出码 0：根目录下的数据包全部通过（{count} 个）",
        "Exit 0: every bundle under the roots passes ({count})");
    public static readonly Message FleetVerdictsBusy = new(null, ["count"], "；另有 {count} 个留给其他工作进程，其结论由它们记录，不计入",
        "; {count} more left to other workers, whose verdicts they record, not counted here");
    public static readonly Message FleetRunStopped = new(null, ["run", "signal", "written", "code"],
        "运行 {run} 已中断（{signal}）：已审核的 {written} 个数据包已写入，其余认领已交还，下次运行接着评价；退出码 {code}",
        "Run {run} interrupted ({signal}): the {written} bundles audited are stored, the other claims given back for the next run; exit {code}");
    public static readonly Message FleetExitNotPassed = new(null, ["count"], "退出码 1：{count} 个数据包不通过或未完成", "Exit 1: {count} bundle(s) fail or are incomplete");
    public static readonly Message FleetFailuresRecorded = new(null, ["store"], "无法评价的数据包已连同错误记录：iq fleet report --store {store}",
        "Bundles that could not be evaluated are recorded with their errors: iq fleet report --store {store}");
    public static readonly Message FleetExported = new(null, ["path", "audit", "bundle"], "已写入：{path}（审核 {audit}，{bundle}）", "Written: {path} (audit {audit}, {bundle})");

    // ---- the console report ----
    public static readonly Message FleetHeading = new(null, ["checklist", "version", "store", "sites", "audits", "not_evaluable"],
        "{checklist} {version} 的设备群（{store}）：{sites} 个站点，已存 {audits} 次审核（{not_evaluable} 次无法评价）",
        "Fleet of {checklist} {version} in {store}: {sites} sites, {audits} audits stored ({not_evaluable} not evaluable)");
    public static readonly Message FleetColumns = new(null, "产品|版本|通过|不通过|未完成|无法评价|合计", "product|version|pass|fail|incompl|n/eval|total");
    public static readonly Message FleetNoProduct = new(null, "（无产品）", "(no product)");
    public static readonly Message FleetWorstHeading = new(null, "最常不通过的条目（取每个站点的当前审核；通过率按通过、不通过与错误计）：",
        "Items that fail most (current audit of each site; pass rate over pass, fail and error):");
    public static readonly Message FleetWorstLine = new(null, ["count", "rate", "id", "level", "title"], "  {count} 个站点  {rate}  {id} [{level}] {title}",
        "  {count} sites  {rate}  {id} [{level}] {title}");
    public static readonly Message FleetChangedHeading = new(null, ["count"], "结论较上次审核有变化的站点（{count}）：", "Sites whose verdict changed since their previous audit ({count}):");
    public static readonly Message FleetChangedLine = new(null, ["site", "before", "before_audit", "before_at", "after", "audit", "at"],
        "  {site}：{before}（审核 {before_audit}，{before_at}）→ {after}（审核 {audit}，{at}）", "  {site}: {before} (audit {before_audit}, {before_at}) → {after} (audit {audit}, {at})");
    // Errors are stored as the catalog's words (audits.error_words) and worded in the report's language; only audits stored
    // before schema 4 keep the text their run wrote, in its results language.
    public static readonly Message FleetFailuresHeading = new(null, ["count"], "无法评价的数据包（{count}；错误以本报告的语言给出，2026-12-01 之前记录的保持其运行时的语言）：",
        "Bundles that could not be evaluated ({count}; each error in the report's language, or as recorded in its run's language before 2026-12-01):");
    // The error is a diagnostic, capped where it quotes its own arguments: shown whole here, as iq audit shows it.
    public static readonly Message FleetFailureLine = new(null, ["audit", "bundle", "error"], "  审核 {audit} {bundle}：{error}", "  audit {audit} {bundle}: {error}") { ArgumentsWhole = true };
    public static readonly Message FleetRunsHeading = new(null, "最近的运行：", "Recent runs:");
    public static readonly Message FleetRunLine = new(null, ["run", "host", "started", "status", "seen", "evaluated", "skipped", "failed"],
        "  运行 {run}（{host}，{started}）{status}：{seen} 个数据包，评价 {evaluated}，跳过 {skipped}，无法评价 {failed}",
        "  run {run} on {host} {started} {status}: {seen} bundles, {evaluated} evaluated, {skipped} skipped, {failed} not evaluable");
    // Under a run's line: whether its seals had to be signed (--trust-key), by which keys' fingerprints (SHA-256 of the key's
    // SubjectPublicKeyInfo, as iq seal and iq verify name a key).
    public static readonly Message FleetRunSealsSigned = new(null, ["keys"], "    印章须由受信任的密钥签名：{keys}", "    seals had to be signed by a trusted key: {keys}");
    public static readonly Message FleetRunSealsUnsigned = new(null, "    印章不要求签名（未给 --trust-key）", "    seals were not required to be signed (no --trust-key)");
    public static readonly Message FleetExportedSigned = new(null, ["keys"], "；评价时印章须由受信任的密钥签名：{keys}", "; evaluated with seals required signed by a trusted key: {keys}");
    public static readonly Message FleetExportedUnsigned = new(null, "；评价时印章不要求签名（未给 --trust-key）", "; evaluated without seals required signed (no --trust-key)");
    public static readonly Message FleetVerdictNotEvaluable = new(null, "无法评价", "not evaluable");
    public static readonly Message StoreAuditMismatch = new(Diagnostics.Codes.CannotRead, ["store", "audits"],
        "结果库 {store} 中审核的列与其存储的结果文件不一致（结果库在 iq 之外被改动过），不予报告：{audits}。请以 iq fleet run … --force 重新评价这些数据包",
        "In the results store {store}, audit columns disagree with their stored results file (the store was changed outside iq); nothing is reported: {audits}. Evaluate those bundles again: iq fleet run … --force");
    public static readonly Message StoreAuditMismatchOne = new(null, ["audit", "site", "column", "stored", "results"],
        "审核 {audit}（{site}）{column} 列为 {stored}，结果文件为 {results}", "audit {audit} ({site}): {column} column {stored}, results file {results}");
    // A bundle that could not be evaluated: what the store records (in the results language).
    public static readonly Message FleetBundleUnreadable = new(Codes.CannotRead, ["bundle", "reason"], "{bundle}：无法读取数据包：{reason}", "{bundle}: cannot read the bundle: {reason}");
    public static readonly Message FleetBundleLinked = new(Codes.CannotRead, ["bundle", "target"],
        "{bundle}：数据包文件夹是指向 {target} 的符号链接，不予读取（如同链接的文档）：链接让运行读取根目录之外的文件夹。请把该文件夹本身作为根目录给出，或将其复制进来",
        "{bundle}: the bundle folder is a symbolic link to {target}, refused as a linked document is: a link has the run read a folder outside its roots. Give that folder itself as a root, or copy it in");
    public static readonly Message FleetRunLinked = new(null, ["count", "folders"], "拒绝了 {count} 个是符号链接的数据包文件夹（记为无法评价）：{folders}",
        "Refused {count} bundle folder(s) that are symbolic links (recorded as not evaluable): {folders}");
    public static readonly Message FleetBundleInternalError = new(null, ["bundle", "error"], "{bundle}：内部错误：{error}", "{bundle}: internal error: {error}");
    public static readonly Message FleetBundleChanged = new(null, ["bundle"], "{bundle}：审核期间数据包被改动；请重新运行", "{bundle}: the bundle changed while it was being audited; run again");
    public static readonly Message FleetBundleNoReport = new(null, "审核没有给出报告", "the audit gave no report");
    // A site is what a bundle's (unsealed) plan declares: a current audit from another folder or host is named.
    public static readonly Message FleetMovedHeading = new(null, ["count"], "当前审核来自另一文件夹或另一主机的站点（{count}；站点取自数据包计划声明的 site，请核实）：",
        "Sites whose current audit comes from another folder or host ({count}; a site is what a bundle's plan declares: check it):");
    public static readonly Message FleetMovedFolder = new(null, ["site", "bundle", "previous"], "  {site}：当前审核来自 {bundle}（此前为 {previous}）",
        "  {site}: current audit from {bundle} (was {previous})");
    public static readonly Message FleetMovedSameFolder = new(null, ["site", "bundle"], "  {site}：当前审核来自 {bundle}",
        "  {site}: current audit from {bundle}");
    public static readonly Message FleetMovedHost = new(null, ["host", "previous"], "；主机已变：{host}（此前为 {previous}）", "; host changed: {host} (was {previous})");
    public static readonly Message FleetClashHeading = new(null, ["count"], "在最新采集时间有不止一个数据包的站点（{count}）：各个都计入，站点结论取最差者",
        "Sites with more than one bundle at their latest collection time ({count}): each counts, the site's verdict is the worst of them:");
    public static readonly Message FleetClashLine = new(null, ["site", "at", "audit", "bundle", "verdict"], "  {site}（{at}）：审核 {audit} {bundle} {verdict}",
        "  {site} ({at}): audit {audit} {bundle} {verdict}");
    // A requirement's level and a run's state in the console report, one word each.
    public static readonly Message FleetLevelShall = new(null, "应", "shall");
    public static readonly Message FleetLevelShould = new(null, "宜", "should");
    public static readonly Message FleetLevelMay = new(null, "可", "may");
    public static readonly Message FleetRunRunning = new(null, "进行中", "running");
    public static readonly Message FleetRunFinished = new(null, "已完成", "finished");
    public static readonly Message FleetRunInterrupted = new(null, "已中断", "interrupted");
    public static readonly Message FleetRunFailed = new(null, "已失败", "failed");
}
