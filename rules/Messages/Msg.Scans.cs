using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>iq scans (OpenSCAP and Lynis reports), iq redact, iq imports.</summary>
public static partial class Msg
{
    // ---- iq scans ----
    public static readonly Message CmdScans = new(null, "OpenSCAP 与 Lynis 报告转为 security_scans 事实（IQ 6.2.1）", "OpenSCAP and Lynis reports to security_scans facts (IQ 6.2.1)");
    public static readonly Message ArgScanReports = new(null, "oscap xccdf eval --results / --results-arf 写出的文件（.xml 或 .xml.gz），lynis-report.dat",
        "oscap xccdf eval --results / --results-arf files (.xml or .xml.gz), lynis-report.dat");
    public static readonly Message ScanOpenscap = new(null, ["file", "version", "profile", "format", "counts"], "{file}：openscap {version}，{profile}（{format}）：{counts}",
        "{file}: openscap {version}, {profile} ({format}): {counts}");
    public static readonly Message ScanLynis = new(null, ["file", "version", "score", "counts"], "{file}：lynis {version}，加固指数 {score}：{counts}",
        "{file}: lynis {version}, hardening index {score}: {counts}");
    public static readonly Message ScanFileNotFound = new(Codes.FileNotFound, "文件不存在", "file not found");
    public static readonly Message ScanSecondLynis = new(Codes.BadScanReport, ["first"], "第二份 Lynis 报告（第一份是 {first}）：每个数据包只给一份", "a second Lynis report (the first is {first}): give one per bundle");
    public static readonly Message ScanTooLarge = new(Codes.BadScanReport, ["mib"], "大于 {mib} MiB；未读取", "larger than {mib} MiB; not read");
    public static readonly Message ScanGzipBomb = new(Codes.BadScanReport, ["mib"], "解压后超过 {mib} MiB；已拒绝（gzip 炸弹？）", "decompresses to more than {mib} MiB; refused (a gzip bomb?)");
    public static readonly Message ScanNotGzip = new(Codes.BadScanReport, ["reason"], "不是有效的 gzip 文件：{reason}", "not a valid gzip file: {reason}");
    public static readonly Message ScanCannotRead = new(Codes.BadScanReport, ["reason"], "无法读取：{reason}", "cannot be read: {reason}");
    public static readonly Message LynisLongLine = new(Codes.BadScanReport, "有一行超过 1 MiB", "a line longer than 1 MiB");
    public static readonly Message LynisNotALine = new(Codes.BadScanReport, "不是 Lynis 报告行（key=value）", "not a Lynis report line (key=value)");
    public static readonly Message LynisHardeningIndex = new(Codes.BadScanReport, ["value"], "hardening_index 必须是 0 到 100 的数，而不是 '{value}'", "hardening_index must be a number from 0 to 100, not '{value}'");
    public static readonly Message LynisFinding = new(Codes.BadScanReport, ["key"], "{key} 应为 TEST|text|details|…", "{key} needs TEST|text|details|…");
    public static readonly Message LynisNoVersion = new(Codes.BadScanReport, "不是 Lynis 报告：没有 report_version_major 行", "not a Lynis report: no report_version_major line");
    public static readonly Message XccdfAt = new(Codes.BadScanReport, ["path", "problem"], "{path}：{problem}", "{path}: {problem}");
    public static readonly Message XccdfNotResults = new(null, ["name", "ns"], "不是 XCCDF 结果或 ARF：根元素是命名空间 '{ns}' 中的 <{name}>",
        "not XCCDF results or ARF: the root element is <{name}> in namespace '{ns}'");
    public static readonly Message XccdfScore = new(null, ["value"], "score 不是数字：'{value}'", "score is not a number: '{value}'");
    public static readonly Message XccdfNotXml = new(Codes.BadScanReport, ["reason"], "扫描报告的 XML 无法读取：{reason}", "the scan report's XML cannot be read: {reason}");
    public static readonly Message XccdfEmpty = new(Codes.BadScanReport, "为空：没有 XML 元素", "empty: no XML element");
    public static readonly Message XccdfNoTestResult = new(Codes.BadScanReport, "没有 TestResult 元素：这是不含结果的基准或数据流（oscap xccdf eval --results FILE 才会写出结果）",
        "no TestResult element: this is a benchmark or data stream without results (oscap xccdf eval --results FILE writes results)");
    public static readonly Message XccdfNoIdref = new(Codes.BadScanReport, ["path"], "{path}：rule-result 需要 idref", "{path}: a rule-result needs idref");
    public static readonly Message XccdfNoResult = new(Codes.BadScanReport, ["path", "id"], "{path}（{id}）：没有 <result>", "{path} ({id}): no <result>");
    public static readonly Message XccdfBadResult = new(Codes.BadScanReport, ["path", "id", "result", "results"], "{path}（{id}）：结果 '{result}' 不是 XCCDF 结果（{results}）",
        "{path} ({id}): result '{result}' is not an XCCDF result ({results})");

    // ---- iq redact ----
    public static readonly Message CmdRedact = new(null, "复制事实数据包，其中主机名、IP 与 MAC 地址、用户名替换为加盐哈希",
        "Copy a fact bundle with host names, IP and MAC addresses and user names replaced by salted hashes");
    public static readonly Message ArgRedactBundle = new(null, "要脱敏的数据包文件夹", "The bundle folder to redact");
    public static readonly Message OptRedactOut = new(null, "脱敏副本的文件夹（默认：BUNDLE-redacted）；必须是新的或空的", "The folder for the redacted copy (default: BUNDLE-redacted); must be new or empty");
    public static readonly Message OptRedactList = new(null, "输出 iq probe 采集哪些内容、脱敏替换哪些内容（docs/privacy.md）", "Print what iq probe collects and what redaction replaces (docs/privacy.md)");
    public static readonly Message OptSaltFile = new(null, "本现场的脱敏盐（首次使用时生成；默认 ~/.local/share/iq/redact.salt，或十六进制的 IQ_REDACT_SALT）",
        "The site's redaction salt (made on first use; default ~/.local/share/iq/redact.salt, or IQ_REDACT_SALT in hex)");
    public static readonly Message GiveBundleToRedact = new(Codes.MissingInput, "请给出要脱敏的数据包文件夹，或 --list", "give the bundle folder to redact, or --list");
    public static readonly Message RedactOverBundle = new(Codes.BadOption, "--out：脱敏副本不能替换原数据包", "--out: the redacted copy cannot replace the bundle");
    public static readonly Message RedactOutNotEmpty = new(Codes.BadOption, ["dir"], "--out：{dir} 不是空的", "--out: {dir} is not empty");
    public static readonly Message RedactNotCopied = new(null, ["file"], "未复制（不是事实文档，未脱敏）：{file}", "not copied (not a fact document, not redacted): {file}");
    public static readonly Message RedactDone = new(null, ["count", "dir"], "已将 {count} 个文档脱敏写入 {dir}", "{count} documents redacted into {dir}");
    public static readonly Message SaltVariable = new(Codes.BadOption, "IQ_REDACT_SALT 必须是至少 16 字节的十六进制（32 个十六进制数字）", "IQ_REDACT_SALT must be at least 16 bytes in hex (32 hex digits)");
    public static readonly Message SaltFileTooLarge = new(Codes.BadOption, ["path"], "{path}：盐文件只有一行十六进制数字，不超过 1 KiB", "{path}: a salt file holds one line of hex digits, not more than 1 KiB");
    public static readonly Message SaltFileShort = new(Codes.BadOption, ["path"], "{path}：盐文件至少有 32 个十六进制数字", "{path}: a salt file holds at least 32 hex digits");
    public static readonly Message SaltNew = new(null, ["path"], "新的脱敏盐已写入 {path}：请保留在现场，切勿随数据包传出", "a new redaction salt was written to {path}: keep it at the site, never with a bundle");
    public static readonly Message RedactNotObject = new(Codes.BadDocument, "事实文档必须是 JSON 对象", "a fact document must be a JSON object");

    // ---- iq imports ----
    public static readonly Message CmdImports = new(null, "按清单（校验和列表或 SBOM）核对导入的数据集，写成 data_imports 事实（IQ 6.2.2 f）",
        "An imported data set checked against its manifest (checksum list or SBOM) into data_imports facts (IQ 6.2.2 f)");
    public static readonly Message ArgImportName = new(null, "数据集名称，与安装验证方案 data_imports 中所列一致", "The data set's name, as the plan's data_imports list it");
    public static readonly Message ArgImportManifest = new(null, "其清单：校验和列表（sha256sum、sha512sum，带或不带 --tag），或 iq manifest 能读的清单（CycloneDX、SPDX、iq）",
        "Its manifest: a checksum list (sha256sum, sha512sum, with or without --tag) or a manifest iq manifest reads (CycloneDX, SPDX, iq)");
    public static readonly Message OptImportRoot = new(null, "数据导入到的文件夹（默认：清单所在文件夹，如 sha256sum -c）", "The folder the data was imported into (default: the manifest's folder, as sha256sum -c)");
    public static readonly Message OptAlgorithm = new(null, "未标注算法、文件名也未指明时，校验和列表的哈希算法（sha256、sha512 …）",
        "The hash algorithm of an untagged checksum list whose file name does not name it (sha256, sha512 …)");
    public static readonly Message ImportNameVisible = new(Codes.BadOption, "数据集名称必须是可见文字", "the data set's name must be visible text");
    public static readonly Message ImportVerified = new(null, ["count"], "{count} 个已核对", "{count} verified");
    public static readonly Message ImportNoneVerified = new(null, ["why"], "无一核对（{why}）", "none verified ({why})");
    public static readonly Message ImportSummary = new(null, ["set", "listed", "format", "verified", "missing", "missing_names", "changed", "changed_names", "rejected", "rejected_names", "extra", "extra_names"],
        "{set}：列出 {listed} 个文件（{format}），{verified}；缺失 {missing}{missing_names}；被改 {changed}{changed_names}；拒绝 {rejected}{rejected_names}；多余 {extra}{extra_names}",
        "{set}: {listed} files listed ({format}), {verified}; {missing} missing{missing_names}; {changed} changed{changed_names}; {rejected} rejected{rejected_names}; {extra} extra{extra_names}");
    public static readonly Message ImportsWritten = new(null, ["path", "count"], "已写入 {path}（{count} 个数据集）", "written to {path} ({count} data sets)");
}
