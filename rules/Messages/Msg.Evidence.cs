using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Evidence files iq cannot use (iq logs, iq tests, iq manifest, iq snapshot, iq imports, iq integrity, iq rollback):
/// the place (file:line:column, or file and JSON path) first, exactly as before, then why.</summary>
public static partial class Msg
{
    public static readonly Message EvFileNotFound = new(Codes.BadEvidence, ["path"], "{path}：文件不存在", "{path}: file not found");
    public static readonly Message EvFolderNotFound = new(Codes.BadEvidence, ["path"], "{path}：文件夹不存在", "{path}: folder not found");

    // ---- iq tests: JUnit XML ----
    public static readonly Message JunitTooDeep = new(Codes.BadEvidence, ["at", "max"], "{at}：不是 JUnit XML 报告：元素嵌套超过 {max} 层",
        "{at}: not a JUnit XML report: elements nested more than {max} deep");
    public static readonly Message JunitBadRoot = new(Codes.BadEvidence, ["at", "name"], "{at}：根元素是 <{name}>，不是 <testsuites> 或 <testsuite>",
        "{at}: the root element is <{name}>, not <testsuites> or <testsuite>");
    public static readonly Message JunitNotXml = new(Codes.BadEvidence, ["at", "reason"], "{at}：不是 JUnit XML 报告：{reason}", "{at}: not a JUnit XML report: {reason}");

    // ---- iq snapshot ----
    public static readonly Message SnapshotMissing = new(Codes.BadEvidence, ["path"], "{path}：既不是快照文件也不是文件夹", "{path}: neither a snapshot file nor a folder");
    public static readonly Message SnapshotAt = new(Codes.BadEvidence, ["at", "reason"], "{at}：{reason}", "{at}: {reason}");
    public static readonly Message SnapshotWrongSchema = new(Codes.BadEvidence, ["path", "schema"], "{path}：不是 {schema} 快照（位置 $.schema）", "{path}: not an {schema} snapshot (at $.schema)");
    public static readonly Message SnapshotNoFiles = new(Codes.BadEvidence, ["path"], "{path}：$.files 处应为列表", "{path}: expected a list at $.files");
    public static readonly Message SnapshotNotObject = new(Codes.BadEvidence, ["path", "index"], "{path}：$.files[{index}] 处应为对象", "{path}: expected an object at $.files[{index}]");
    public static readonly Message SnapshotNoPath = new(Codes.BadEvidence, ["path", "index"], "{path}：$.files[{index}].path 处缺少 path", "{path}: no path at $.files[{index}].path");
    public static readonly Message SnapshotNoSha = new(Codes.BadEvidence, ["path", "index"], "{path}：$.files[{index}].sha256 处缺少 sha256", "{path}: no sha256 at $.files[{index}].sha256");
    public static readonly Message SnapshotTwice = new(Codes.BadEvidence, ["path", "entry", "index"], "{path}：'{entry}' 被列出两次（$.files[{index}].path）",
        "{path}: '{entry}' listed twice at $.files[{index}].path");
    public static readonly Message SnapshotMalformed = new(Codes.BadEvidence, ["at", "reason"], "{at}：快照格式错误：{reason}", "{at}: malformed snapshot: {reason}");

    // ---- iq manifest ----
    public static readonly Message ManifestNotUtf8 = new(Codes.BadEvidence, ["path"], "{path}：不是 UTF-8 文本，不是清单", "{path}: not UTF-8 text, not a manifest");
    public static readonly Message ManifestUnknownFormat = new(Codes.BadEvidence, ["path"], "{path}:1:1：不是清单：应为 JSON、CycloneDX XML 或 SPDX tag-value（SPDXVersion: …）",
        "{path}:1:1: not a manifest: expected JSON, CycloneDX XML or SPDX tag-value (SPDXVersion: …)");
    public static readonly Message PatternInvalid = new(Codes.BadEvidence, ["reason"], "--pattern：无效的模式：{reason}", "--pattern: invalid pattern: {reason}");
    public static readonly Message PatternTooSlow = new(Codes.BadEvidence, ["version"], "--pattern：匹配版本 '{version}' 用时超过 1 秒（该模式回溯严重）",
        "--pattern: matching the version '{version}' took longer than 1 s (the pattern backtracks badly)");

    // ---- iq logs ----
    public static readonly Message LogFormatRegexInvalid = new(Codes.BadEvidence, ["reason"], "--format regex：无效的模式：{reason}", "--format regex: invalid pattern: {reason}");
    public static readonly Message LogFormatUnknown = new(Codes.BadEvidence, ["format", "formats"], "未知的 --format '{format}'；应为 {formats}", "unknown --format '{format}'; expected {formats}");
    public static readonly Message LogMapUnknownField = new(Codes.BadEvidence, ["key", "fields"], "--map {key}=…：未知字段；应为 {fields}", "--map {key}=…: unknown field; expected {fields}");
    public static readonly Message LogBomDiffers = new(Codes.BadEvidence, ["path", "bom", "encoding"], "{path}：日志以 {bom} 字节顺序标记开头，但 --encoding 指定为 {encoding}",
        "{path}: the log starts with a {bom} byte-order mark, but --encoding says {encoding}");
    public static readonly Message LogAtLine = new(Codes.BadEvidence, ["path", "line", "reason"], "{path}:{line}：{reason}", "{path}:{line}: {reason}");
    public static readonly Message LogNotUtf8 = new(Codes.BadEvidence, ["path", "line"],
        "{path}:{line}：不是有效的 UTF-8 文本；如果日志是 GB18030/GBK（或无字节顺序标记的 UTF-16），请给出 --encoding gb18030（或 utf-16le）",
        "{path}:{line}: not valid UTF-8 text; if the log is GB18030/GBK (or UTF-16 without a byte-order mark), give --encoding gb18030 (or utf-16le)");
    public static readonly Message LogCsvUnclosedQuote = new(Codes.BadEvidence, ["path", "line"], "{path}:{line}：CSV 表头有未闭合的引号", "{path}:{line}: the CSV header has an unclosed quote");
    public static readonly Message LogRegexLineTimeout = new(Codes.BadEvidence, ["path", "line", "ms"],
        "{path}:{line}：--format 模式在一行上用时超过 {ms} 毫秒（该模式回溯严重）；在第 {line} 行停止",
        "{path}:{line}: the --format pattern took more than {ms} ms on one line (it backtracks badly); stopped at line {line}");
    public static readonly Message LogRegexBudget = new(Codes.BadEvidence, ["path", "line", "seconds"],
        "{path}:{line}：--format 模式总计用时超过 {seconds} 秒（--regex-budget）；在第 {line} 行停止",
        "{path}:{line}: the --format pattern took more than {seconds} s in all (--regex-budget); stopped at line {line}");
}
