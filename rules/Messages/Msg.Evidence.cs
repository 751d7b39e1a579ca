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

    // ---- iq logs: the logs document added to ----
    public static readonly Message LogsDocUnread = new(Codes.BadEvidence, ["at", "reason"], "{at}：未能读取，因此不能向其添加日志：{reason}",
        "{at}: not read, so no log can be added to it: {reason}");
    public static readonly Message LogsDocWrongKind = new(Codes.BadEvidence, ["path"], "{path}：不是 logs 事实文档（位置 $.kind）；请给出另一个 --out",
        "{path}: not a logs fact document (at $.kind); give another --out");
    public static readonly Message LogsDocNoSources = new(Codes.BadEvidence, ["path"], "{path}：没有可添加的来源（位置 $.facts.sources）；请用全部日志重新写出，或给出另一个 --out",
        "{path}: has no sources (at $.facts.sources) to add to; write it again from all its logs, or give another --out");
    public static readonly Message LogsDocUnsealed = new(Codes.BadEvidence, ["path", "detail"],
        "{path}：{detail}；iq logs 只向 iq 写出原样的 logs 文档添加：请给出另一个 --out，或删除它并给出全部日志",
        "{path}: {detail}; iq logs adds only to a logs document as iq wrote it: give another --out, or remove it and give all its logs");
    public static readonly Message LogsDocNotSource = new(Codes.BadEvidence, ["path", "index"], "{path}：$.facts.sources[{index}] 不是来源", "{path}: not a source at $.facts.sources[{index}]");
    public static readonly Message LogsDocBadSource = new(Codes.BadEvidence, ["path", "reason"], "{path}：某个来源不是 iq logs 写出的样子（{reason}）",
        "{path}: a source is not as iq logs writes it ({reason})");

    // ---- iq imports ----
    public static readonly Message ImportsDocUnread = new(Codes.BadEvidence, ["at", "reason"], "{at}：未能读取，因此不能向其添加数据集：{reason}",
        "{at}: not read, so no data set can be added to it: {reason}");
    public static readonly Message ImportsDocWrongKind = new(Codes.BadEvidence, ["path"], "{path}:1:1：不是 data_imports 事实文档（kind \"data_imports\" 且有 facts）：未覆盖",
        "{path}:1:1: not a data_imports fact document (kind \"data_imports\" with facts): not overwritten");
    public static readonly Message ImportsDocUnsealed = new(Codes.BadEvidence, ["path", "detail"],
        "{path}：{detail}；iq imports 只向 iq 写出原样的 data_imports 文档添加：请给出另一个 --out，或删除它并重新导入全部数据集",
        "{path}: {detail}; iq imports adds only to a data_imports document as iq wrote it: give another --out, or remove it and import all its data sets again");
    public static readonly Message ImportNotUtf8 = new(Codes.BadEvidence, ["path", "line"], "{path}:{line}:1：不是 UTF-8 文本（文件名不是 UTF-8？）",
        "{path}:{line}:1: not UTF-8 text (a file name that is not UTF-8?)");
    public static readonly Message ImportEmpty = new(Codes.BadEvidence, ["path"], "{path}:1:1：为空：清单未列出任何文件", "{path}:1:1: empty: the manifest names no file");

    // ---- iq snapshot --run: the rollback ----
    public static readonly Message RollbackNoCommand = new(Codes.BadEvidence, "--run：请在 -- 之后给出回滚命令", "--run: give the rollback command after --");
    public static readonly Message RollbackCannotStart = new(Codes.BadEvidence, ["command", "reason"], "--run：无法启动 '{command}'：{reason}", "--run: cannot start '{command}': {reason}");

    // ---- checksum lists and integrity ----
    public static readonly Message ChecksumNoAlgorithm = new(Codes.BadEvidence, ["at"],
        "{at}:1：无标记的行未指明其哈希算法，文件名也未指明：请给出 --algorithm（sha256、sha512 …），或用 sha256sum --tag 写出列表",
        "{at}:1: an untagged line does not name its hash algorithm, and the file's name does not either: give --algorithm (sha256, sha512 …) or write the list with sha256sum --tag");
    public static readonly Message ChecksumNotALine = new(Codes.BadEvidence, ["at"],
        "{at}:1：不是校验和行：应为 \"HEX  NAME\"（sha256sum）或 \"SHA256 (NAME) = HEX\"（sha256sum --tag）",
        "{at}:1: not a checksum line: expected \"HEX  NAME\" (sha256sum) or \"SHA256 (NAME) = HEX\" (sha256sum --tag)");
    public static readonly Message ChecksumEmptyName = new(Codes.BadEvidence, ["at"], "{at}:1：文件名为空", "{at}:1: the file name is empty");
    public static readonly Message ChecksumWrongLength = new(Codes.BadEvidence, ["at", "algorithm", "want", "got"],
        "{at}:1：{algorithm} 摘要应有 {want} 个十六进制位，此处为 {got}：该列表不是 {algorithm}",
        "{at}:1: {algorithm} digests have {want} hex digits, this one {got}: the list is not {algorithm}");
    public static readonly Message ChecksumNoFile = new(Codes.BadEvidence, ["path"], "{path}:1:1：校验和列表未列出任何文件", "{path}:1:1: the checksum list names no file");
    public static readonly Message ChecksumLoneBackslash = new(Codes.BadEvidence, ["at"], "{at}:1：转义的文件名以单个反斜杠结尾", "{at}:1: the escaped name ends in a lone backslash");
    public static readonly Message ChecksumUnknownEscape = new(Codes.BadEvidence, ["at", "escape"], "{at}:1：文件名中有未知的转义 \\{escape}", "{at}:1: unknown escape \\{escape} in the file name");
    public static readonly Message IntegrityRootNotFound = new(Codes.BadEvidence, ["path"], "{path}：根文件夹不存在", "{path}: root folder not found");
    public static readonly Message IntegrityTooManyFiles = new(Codes.BadEvidence, ["path", "max"], "{path}：根下文件超过 {max} 个", "{path}: more than {max} files under the root");

    // ---- SPDX tag-value ----
    public static readonly Message SpdxNotTagValue = new(Codes.BadEvidence, ["path", "line", "text"], "{path}:{line}：应为 \"Tag: value\"，实际为 \"{text}\"",
        "{path}:{line}: expected \"Tag: value\", got \"{text}\"");
    public static readonly Message SpdxTextUnclosed = new(Codes.BadEvidence, ["path", "line", "tag"], "{path}:{line}：{tag} 的 <text> 没有以 </text> 结束",
        "{path}:{line}: <text> of {tag} is never closed by </text>");
    public static readonly Message SpdxBadChecksum = new(Codes.BadEvidence, ["path", "line", "text"], "{path}:{line}：校验和应为 \"ALGORITHM: value\"，实际为 \"{text}\"",
        "{path}:{line}: a checksum is \"ALGORITHM: value\", got \"{text}\"");
    public static readonly Message SpdxOutsideSection = new(Codes.BadEvidence, ["path", "line", "tag", "section"], "{path}:{line}：{tag} 不在 {section} 段内",
        "{path}:{line}: {tag} outside a {section} section");
    public static readonly Message SpdxBadRelationship = new(Codes.BadEvidence, ["path", "line", "text"], "{path}:{line}：关系应为 \"ID TYPE ID\"，实际为 \"{text}\"",
        "{path}:{line}: a relationship is \"ID TYPE ID\", got \"{text}\"");
    public static readonly Message SpdxNoVersion = new(Codes.BadEvidence, ["path"], "{path}:1：没有 SPDXVersion", "{path}:1: no SPDXVersion");
    public static readonly Message SpdxUnsupported = new(Codes.BadEvidence, ["path", "version"], "{path}:1：不支持 {version}（支持 SPDX-2.1 至 SPDX-2.3）",
        "{path}:1: {version} is not supported (SPDX-2.1 to SPDX-2.3)");

    // ---- CycloneDX ----
    public static readonly Message CdxXmlNotCycloneDx = new(Codes.BadEvidence, ["at", "reason"], "{at}：不是 CycloneDX XML 文档：{reason}", "{at}: not a CycloneDX XML document: {reason}");
    public static readonly Message CdxNotUtf8 = new(Codes.BadEvidence, ["path", "byte", "offset"], "{path}：不是 UTF-8：偏移 {offset} 处有无效字节 0x{byte}",
        "{path}: not UTF-8: invalid byte 0x{byte} at offset {offset}");
    public static readonly Message CdxMalformedJson = new(Codes.BadEvidence, ["at", "reason"], "{at}：JSON 格式错误：{reason}", "{at}: malformed JSON: {reason}");

    // ---- iq baseline / iq model: the labels file ----
    public static readonly Message LabelsAt = new(Codes.BadEvidence, ["at", "reason"], "{at}：{reason}", "{at}: {reason}");

    // ---- report charts ----
    public static readonly Message ChartFontMissing = new(Codes.MissingTool, ["missing"],
        "没有已安装的字体能绘制图表的标签（{missing}…）：请安装一种（Debian：apt-get install fonts-wqy-microhei；fc-list 列出已安装的字体）",
        "no installed font draws the charts' labels ({missing}…): install one (Debian: apt-get install fonts-wqy-microhei; fc-list lists what is installed)");
    public static readonly Message ChartFontMissingChinese = new(Codes.MissingTool, ["missing"],
        "没有已安装的字体能绘制图表的标签（中文，如 {missing}…）：请安装一种（Debian：apt-get install fonts-wqy-microhei；fc-list 列出已安装的字体）",
        "no installed font draws the charts' labels (Chinese, e.g. {missing}…): install one (Debian: apt-get install fonts-wqy-microhei; fc-list lists what is installed)");

    // ---- CycloneDX and SPDX JSON, CycloneDX XML: what is wrong where ----
    public static readonly Message JsonAtPath = new(Codes.BadEvidence, ["at", "reason", "path"], "{at}：{reason}（位置 {path}）", "{at}: {reason} at {path}");
    public static readonly Message XmlAt = new(Codes.BadEvidence, ["at", "reason"], "{at}：{reason}", "{at}: {reason}");
    public static readonly Message CdxNotCycloneDx = new(Codes.BadEvidence, "应为 \"CycloneDX\"", "expected \"CycloneDX\"");
    public static readonly Message CdxUnsupported = new(Codes.BadEvidence, ["version"], "不支持 CycloneDX {version}（支持 1.4–1.7）", "CycloneDX {version} is not supported (1.4–1.7)");
    public static readonly Message SpdxJsonUnsupported = new(Codes.BadEvidence, ["version"], "不支持 {version}（支持 SPDX-2.1 至 SPDX-2.3）", "{version} is not supported (SPDX-2.1 to SPDX-2.3)");
    public static readonly Message JsonExpectedObject = new(Codes.BadEvidence, "应为对象", "expected an object");
    public static readonly Message JsonExpectedJsonObject = new(Codes.BadEvidence, "应为 JSON 对象", "expected a JSON object");
    public static readonly Message JsonExpectedString = new(Codes.BadEvidence, "应为字符串", "expected a string");
    public static readonly Message JsonExpectedList = new(Codes.BadEvidence, "应为列表", "expected a list");
    public static readonly Message JsonExpectedCount = new(Codes.BadEvidence, "应为 0 或更大的整数", "expected a whole number, 0 or more");
    public static readonly Message JsonExpectedNumber = new(Codes.BadEvidence, "应为数字", "expected a number");
    public static readonly Message JsonMissingMember = new(Codes.BadEvidence, ["name"], "缺少 \"{name}\"", "missing \"{name}\"");
    public static readonly Message CdxXmlNoBom = new(Codes.BadEvidence, "不是 CycloneDX 文档（根元素应为命名空间 http://cyclonedx.org/schema/bom/1.N 中的 <bom>）",
        "not a CycloneDX document (root <bom> in the namespace http://cyclonedx.org/schema/bom/1.N)");
    public static readonly Message CdxXmlNoMain = new(Codes.BadEvidence, "没有指明软件包的 <metadata><component>", "no <metadata><component> naming the package");
    public static readonly Message CdxXmlComponentType = new(Codes.BadEvidence, "<component> 需要 type=\"…\"", "a <component> needs type=\"…\"");
    public static readonly Message CdxXmlHashAlg = new(Codes.BadEvidence, "<hash> 需要 alg=\"…\"", "a <hash> needs alg=\"…\"");
    // An SBOM's identifiers: one element per identifier, and every reference to one that is there (CycloneDX bom-ref,
    // SPDX SPDXID); otherwise which component a hash, a dependency or a file belongs to is a guess.
    public static readonly Message CdxBomRefTwice = new(Codes.BadEvidence, ["ref", "first"], "bom-ref \"{ref}\" 已在 {first} 给出（BOM 中每个 bom-ref 应唯一）",
        "bom-ref \"{ref}\" is also given at {first} (every bom-ref is unique within a BOM)");
    public static readonly Message CdxRefUnknown = new(Codes.BadEvidence, ["ref"], "BOM 中没有 bom-ref 为 \"{ref}\" 的元素",
        "no element of the BOM has bom-ref \"{ref}\"");
    public static readonly Message SpdxIdTwice = new(Codes.BadEvidence, ["id", "first"], "SPDXID \"{id}\" 已在 {first} 给出（SPDX 标识符在文档中应唯一）",
        "SPDXID \"{id}\" is also given at {first} (an SPDX identifier is unique within its document)");
    public static readonly Message SpdxIdUnknown = new(Codes.BadEvidence, ["id"], "文档中没有 SPDXID 为 \"{id}\" 的元素",
        "no element of the document has SPDXID \"{id}\"");
    public static readonly Message SpdxLineAt = new(Codes.BadEvidence, ["path", "line", "reason"], "{path}:{line}：{reason}", "{path}:{line}: {reason}");
    public static readonly Message CdxXmlNeeds = new(Codes.BadEvidence, ["parent", "child"], "<{parent}> 需要 <{child}>", "<{parent}> needs <{child}>");
}
