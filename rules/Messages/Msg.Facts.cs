using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Fact bundles, judgments (attestations, waivers), report information (IQ4xxx and the values they hold).</summary>
public static partial class Msg
{
    public static readonly Message NotAFolder = new(Codes.BundleNotFound, ["dir"], "不是文件夹：{dir}", "Not a folder: {dir}");
    public static readonly Message BundleNotFound = new(Codes.BundleNotFound, ["dir"], "找不到事实数据包文件夹：{dir}", "Fact bundle folder not found: {dir}");
    public static readonly Message ProbeRootNotFound = new(Codes.BundleNotFound, ["dir"], "找不到探测根目录：{dir}", "Probe root not found: {dir}");
    public static readonly Message DuplicateDocument = new(Codes.DuplicateDocument, ["kind", "first"], "数据包中有第二个 '{kind}' 文档（第一个是 {first}）",
        "Second '{kind}' document in the bundle (the first is {first})");
    public static readonly Message DocumentNotLowerCase = new(Codes.BadDocument, ["name"],
        "文件名像事实文档，但扩展名不是小写的 .json，而数据包只读取 *.json（区分大小写）：请改名为 {name}，或将其移出数据包",
        "named like a fact document, but its extension is not lower-case .json, and a bundle reads only *.json (case matters): rename it {name} or move it out of the bundle");
    public static readonly Message DocumentIsLink = new(Codes.BadDocument, ["target"],
        "是指向 {target} 的符号链接，而数据包的文档及其封签必须是文件本身：链接让审核读取数据包之外的文件，数据包的副本或归档并不包含它，iq verify 也不核验它。请复制该文件本身（cp -L），或删除链接",
        "is a symbolic link to {target}, and a bundle's documents and their seals must be the files themselves: a link has the audit read a file outside the bundle that a copy or an archive of the bundle does not hold and iq verify does not check. Copy the file itself in (cp -L) or remove the link");
    public static readonly Message DocumentTooLarge = new(Codes.BadDocument, ["size", "limit"], "事实文档过大（{size} 字节；上限 {limit}）", "Fact document too large ({size} bytes; the limit is {limit})");
    public static readonly Message CannotReadDocument = new(Codes.CannotRead, ["reason"], "无法读取事实文档：{reason}", "Cannot read the fact document: {reason}");
    public static readonly Message MalformedJson = new(Codes.MalformedJson, ["reason"], "JSON 格式错误：{reason}", "Malformed JSON: {reason}");
    public static readonly Message CannotWriteProbe = new(Codes.CannotWrite, ["reason"], "无法写入探测数据包：{reason}", "Cannot write the probe's bundle: {reason}");

    // A document that is not a fact document of this schema (IQ4003), a fact of the wrong type (IQ4002): what, then where.
    public static readonly Message BadDocumentAt = new(Codes.BadDocument, ["problem", "path"], "{problem}，位置 {path}", "{problem} at {path}");
    public static readonly Message WrongTypeAt = new(Codes.WrongFactType, ["problem", "path"], "{problem}，位置 {path}", "{problem} at {path}");
    public static readonly Message MustBeObject = new(null, "事实文档必须是 JSON 对象", "a fact document must be a JSON object");
    public static readonly Message NeedsKind = new(null, "事实文档需要 \"kind\"：字符串，如 \"environment\"", "a fact document needs \"kind\": a string such as \"environment\"");
    public static readonly Message UnknownKind = new(null, ["kind", "hint"], "未知的文档种类 '{kind}'{hint}", "unknown kind '{kind}'{hint}");
    public static readonly Message NeedsSchema = new(null, ["version"], "事实文档需要 \"schema\": {version}", "a fact document needs \"schema\": {version}");
    public static readonly Message SchemaNotSupported = new(null, ["version", "supported"], "不支持 schema {version}；本引擎读取 schema {supported}",
        "schema {version} is not supported; this engine reads schema {supported}");
    public static readonly Message FactsGoUnderFacts = new(null, ["name"], "未知成员 '{name}'；事实应放在 \"facts\" 之下", "unknown member '{name}'; facts go under \"facts\"");
    // ---- a document's header: provenance, fact_provenance, sources ----
    public static readonly Message HeaderDateTime = new(null, "应为日期时间，如 \"2026-11-22T09:00:00Z\"", "expected a date and time such as \"2026-11-22T09:00:00Z\"");
    public static readonly Message CollectedAfterAsOf = new(null, ["collected", "as_of"],
        "采集时间 {collected} 晚于审计日期 {as_of}：审计不能陈述证据尚不存在时系统的状态",
        "collected {collected}, after the audit's as-of day {as_of}: an audit cannot state what the system was before its evidence existed");
    public static readonly Message CollectedInFuture = new(null, ["collected", "now"],
        "采集时间 {collected} 晚于现在（{now}）：尚未采集的证据不是证据（审计日期可用 --as-of 指定）",
        "collected {collected}, after now ({now}): evidence not yet collected is no evidence (--as-of sets the audit's day)");
    public static readonly Message HeaderExpected = new(null, ["choices"], "应为 {choices}", "expected {choices}");
    public static readonly Message HeaderFactProvenance = new(null, "应为对象：{{\"FACT.PATH\": \"declared\", …}}", "expected an object: {{\"FACT.PATH\": \"declared\", …}}");
    public static readonly Message HeaderNotAFactPath = new(null, ["path", "kind", "root", "example"], "'{path}' 不是 {kind} 文档的事实路径（应以 '{root}' 开头，如 {example}）",
        "'{path}' is not a fact path of {kind} documents (it starts with '{root}', e.g. {example})");
    public static readonly Message HeaderSources = new(null, "应为 {{\"path\", \"sha256\"}} 的列表", "expected a list of {{\"path\", \"sha256\"}}");
    public static readonly Message HeaderSource = new(null, "应为 {{\"path\", \"sha256\"}}", "expected {{\"path\", \"sha256\"}}");
    public static readonly Message HeaderSourcePath = new(null, "应为来源文件的路径（字符串）", "expected the artefact's path, a string");
    public static readonly Message HeaderSourceSha = new(null, "应为其 SHA-256：64 个小写十六进制数字", "expected its SHA-256: 64 lower-case hex digits");
    public static readonly Message HeaderSourceFacts = new(null, ["kind", "root"], "应为取自该文件的 {kind} 文档事实路径的列表（以 '{root}' 开头）",
        "expected a list of the fact paths of {kind} documents taken from it (starting with '{root}')");
    public static readonly Message NeedsFacts = new(null, "事实文档需要 \"facts\"", "a fact document needs \"facts\"");
    public static readonly Message UnknownMemberOf = new(null, ["name", "of", "hint"], "{of} 没有成员 '{name}'{hint}", "unknown member '{name}' of {of}{hint}");
    public static readonly Message ExpectedGot = new(null, ["expected", "got"], "应为{expected}，实际为 {got}", "expected {expected}, got {got}");
    public static readonly Message AValueRequiredPart = new(null, ["about"], "一个值：此项为必须给出的内容（{about}），不能声明为不适用；描述中只有带 not_applicable 成员的可选部分可以",
        "a value: this part is required ({about}), so it cannot be declared not applicable; only the description's optional parts, which have a not_applicable member, may be");
    public static readonly Message AValueOnlyPlanNa = new(null, "一个值：只有安装验证方案可以声明某项事实不适用", "a value: only the plan may declare a fact not applicable");
    public static readonly Message NaNeedsReason = new(null, "应为理由，非空字符串：不适用，因为……", "expected the reason, a non-empty string: not applicable, because …");
    public static readonly Message AnObject = new(null, "对象", "an object");
    public static readonly Message AMap = new(null, "对象（按名称的映射）", "an object (a map by name)");
    public static readonly Message TrueOrFalse = new(null, " true 或 false", "true or false");
    public static readonly Message AVersion = new(null, "版本号，如 \"24.0.7\"", "a version such as \"24.0.7\"");
    public static readonly Message ADateSuchAs = new(null, "日期，如 \"2026-11-22\"", "a date such as \"2026-11-22\"");
    public static readonly Message ASizeNotNegative = new(null, "大小（不能为负数）", "a size (never negative)");
    public static readonly Message ADurationNotNegative = new(null, "时长（不能为负数）", "a duration (never negative)");
    public static readonly Message AFiniteNumber = new(null, "±1.7e308 以内的数字", "a number within ±1.7e308");
    public static readonly Message ASize = new(null, "大小：字节数，或字符串如 \"40 GiB\"", "a size: bytes, or a string such as \"40 GiB\"");
    public static readonly Message ADuration = new(null, "时长：毫秒数，或字符串如 \"200 ms\"", "a duration: milliseconds, or a string such as \"200 ms\"");

    // ---- audit requests ----
    public static readonly Message UnknownReportField = new(Codes.BadValue, ["name", "fields"], "未知的报告字段 '{name}'；应为 {fields}", "Unknown report field '{name}'; expected {fields}");

    // ---- report information (C.1) ----
    public static readonly Message ReportInfoNotObject = new(Codes.BadDocument, "报告信息必须是 JSON 对象，位置 $", "report information must be a JSON object at $");
    public static readonly Message ReportInfoUnknown = new(Codes.BadDocument, ["name", "fields"], "未知成员 '{name}'；应为 {fields}，位置 $.{name}", "unknown member '{name}'; expected {fields} at $.{name}");
    public static readonly Message ReportInfoNotString = new(Codes.WrongFactType, ["name"], "应为字符串，位置 $.{name}", "expected a string at $.{name}");

    // ---- judgments: attestations and waivers ----
    public static readonly Message WorkbookTooManyParts = new(Codes.InputTooComplex, ["max"], "工作簿包含超过 {max} 个部件", "The workbook holds more than {max} parts");
    public static readonly Message WorkbookTooDeep = new(Codes.InputTooComplex, ["part", "max"], "工作簿部件 {part} 的元素嵌套超过 {max} 层", "The workbook's part {part} nests elements more than {max} deep");
    public static readonly Message WorkbookTooManyRows = new(Codes.InputTooComplex, ["max"], "工作簿包含超过 {max} 行", "The workbook holds more than {max} rows");
    public static readonly Message WorkbookInflates = new(Codes.InputTooComplex, ["max"], "工作簿解压后超过 {max} 字节（压缩炸弹？）", "The workbook inflates to more than {max} bytes (a zip bomb?)");
    public static readonly Message NotAWorkbook = new(Codes.BadDocument, ["reason"], "不是可读的 xlsx 工作簿：{reason}", "Not a readable xlsx workbook: {reason}");
    public static readonly Message WorkbookNotZip = new(null, "不是 zip 压缩包（xlsx 是 zip 压缩包），或是被截断的 zip：找不到列出各部件的中央目录",
        "not a zip archive (an xlsx is one), or a zip cut short: the central directory that lists its parts is missing");
    public static readonly Message WorkbookPartUnreadable = new(null, ["part"], "部件 {part} 无法解压（数据损坏或压缩方式不受支持）",
        "part {part} cannot be inflated (its data is corrupt or compressed in a way not supported)");
    public static readonly Message WorkbookSharedStringMissing = new(null, ["cell", "index", "count"], "单元格 {cell} 引用共享字符串 {index}，但工作簿只有 {count} 个",
        "cell {cell} names shared string {index}, but the workbook has {count}");
    public static readonly Message WorkbookSharedStringNotIndex = new(null, ["cell", "value"], "单元格 {cell} 应引用共享字符串的序号，实际为 '{value}'",
        "cell {cell} should name a shared string by its number, but holds '{value}'");
    public static readonly Message WorkbookBadCellReference = new(null, ["sheet", "row", "reference"],
        "工作表 {sheet} 第 {row} 行：'{reference}' 不是单元格引用（列字母加行号，如 E2）",
        "sheet {sheet}, row {row}: '{reference}' is not a cell reference (column letters and a row number, such as E2)");
    public static readonly Message WorkbookBadRow = new(null, ["sheet", "after", "number"], "工作表 {sheet} 第 {after} 行之后：'{number}' 不是行号（1 到 1048576）",
        "sheet {sheet}, after row {after}: '{number}' is not a row number (1 to 1048576)");
    public static readonly Message WorkbookSheetMissing = new(null, ["sheet", "part"], "工作簿列出的工作表 '{sheet}' 位于部件 {part}，但文件中没有该部件",
        "the workbook lists sheet '{sheet}' in part {part}, which the file does not hold");
    public static readonly Message WorkbookLibrary = new(null, ["reason"], "xlsx 读取库无法读取它：{reason}", "the xlsx reader cannot read it: {reason}");
    public static readonly Message NoReviewSheet = new(Codes.BadDocument, ["zh", "en"], "工作簿中没有名为 '{zh}' 或 '{en}' 的工作表", "No sheet named '{zh}' or '{en}' in the workbook");
    /// <summary>The drop-down's words in either language (通过、不通过、不适用; pass, fail, not applicable) or the results'
    /// status names are a status; anything else is refused.</summary>
    public static readonly Message SheetStatus = new(Codes.BadValue, ["status", "sheet", "cell"],
        "结论必须是 通过、不通过 或 不适用（也可写 pass、fail、notapplicable），实际为 '{status}'（工作表 '{sheet}'，单元格 {cell}）",
        "Status must be pass, fail or notapplicable (or 通过, 不通过, 不适用), got '{status}' (sheet '{sheet}', cell {cell})");
    public static readonly Message SheetNoAssessor = new(Codes.BadValue, ["sheet", "cell"],
        "已填写结论的行须写明评估人：签署的记录要说明由谁判断（工作表 '{sheet}'，单元格 {cell}）",
        "A judged row needs its assessor: a signed record says who judged (sheet '{sheet}', cell {cell})");
    public static readonly Message SheetNoDate = new(Codes.BadValue, ["sheet", "cell"],
        "已填写结论的行须写明日期：签署的记录要说明何时判断（工作表 '{sheet}'，单元格 {cell}）",
        "A judged row needs its date: a signed record says when it was judged (sheet '{sheet}', cell {cell})");
    public static readonly Message SheetDate = new(Codes.BadValue, ["value", "sheet", "cell"], "不是日期：'{value}'（工作表 '{sheet}'，单元格 {cell}）", "Not a date: '{value}' (sheet '{sheet}', cell {cell})");
    public static readonly Message AttestationStatus = new(Codes.BadDocument, ["index", "status"], "第 {index} 条评审结论：status 必须是 pass、fail 或 notapplicable，实际为 '{status}'，位置 $.facts.items[{index}].status",
        "attestation {index}: status must be pass, fail or notapplicable, got '{status}' at $.facts.items[{index}].status");
    public static readonly Message AttestationUnknownFix = new(null, "：请从评审文件中删去该结论，或用含该条目的检查单审核", ": remove the judgment from the file, or audit with the checklist that has the item");
    public static readonly Message AttestationUnknownItem = new(Codes.UnknownTailoringTarget, ["id", "hint"], "评审结论所指条目 '{id}' 不存在{hint}", "Attestation for unknown item '{id}'{hint}");
    public static readonly Message AttestationAutomatic = new(Codes.BadValue, ["id"], "'{id}' 是自动条目，不能人工评审：只评审人工条目（自动条目可用豁免）；唯一例外是以状态 notapplicable 确认厂商文档声明的不适用",
        "Attestation for '{id}', an automatic item: judge manual items only (a waiver excuses an automatic one); the one exception is status notapplicable confirming a not-applicable the vendor's document declared");
    public static readonly Message TwoAttestations = new(Codes.DuplicateId, ["id", "first", "first_status", "second", "second_status"],
        "'{id}' 有两条评审结论：{first} 为 {first_status}，{second} 为 {second_status}；一个条目只取一条结论，未采用任何一条",
        "Two attestations for '{id}': {first_status} in {first} and {second_status} in {second}; an item takes one judgment, and neither is taken");
    public static readonly Message AttestationNeeds = new(Codes.BadDocument, ["index", "field"],
        "第 {index} 条评审结论缺少 {field}：签署的记录要说明由谁（assessor）、何时（date）判断，位置 $.facts.items[{index}].{field}",
        "attestation {index} lacks its {field}: a signed record says who (assessor) judged and when (date), at $.facts.items[{index}].{field}");
    public static readonly Message StatusValue = new(Codes.BadValue, ["status"], "status 必须是 pass、fail 或 notapplicable，实际为 '{status}'", "status must be pass, fail or notapplicable, got '{status}'");
    public static readonly Message DateValue = new(Codes.BadValue, ["value"], "date 不是日期：'{value}'", "date is not a date: '{value}'");
    public static readonly Message JudgmentAfterAudit = new(Codes.BadValue, ["item", "date", "as_of"],
        "'{item}' 的评审结论日期 {date} 晚于审计日期 {as_of}：审计时尚未作出的判断不能作为证据",
        "the judgment of '{item}' is dated {date}, after the audit ({as_of}): a judgment not yet made is no evidence");
    public static readonly Message JudgmentBeforeAnyDate = new(Codes.BadValue, ["item", "date", "earliest"],
        "'{item}' 的评审结论日期 {date} 早于 {earliest}：不是判断作出的日期",
        "the judgment of '{item}' is dated {date}, before {earliest}: no date a judgment was made");
    /// <summary>The rule of a model description's not_applicable (NotApplicableReason), for a judgment: n/a needs its reason.</summary>
    public static readonly Message JudgmentNotApplicableNoReason = new(Codes.BadValue, ["item", "text"],
        "'{item}' 判为不适用须写明原因（justification：\"不适用，因为……\"）；'{text}' 不是原因",
        "the judgment of '{item}' as notapplicable needs its reason (justification: \"not applicable, because …\"); '{text}' is not one");
    public static readonly Message ExpiresValue = new(Codes.BadValue, ["value"], "expires 不是日期：'{value}'", "expires is not a date: '{value}'");
    public static readonly Message WaiverNeedsApproval = new(Codes.BadValue, "豁免需要理由（justification）和批准人（approved_by）", "a waiver needs a justification and who approved it");
    public static readonly Message UnknownField = new(Codes.BadDocument, ["name", "fields"], "未知字段 '{name}'；应为 {fields}", "unknown field '{name}'; expected {fields}");
    public static readonly Message MissingField = new(Codes.BadDocument, ["name"], "缺少字段 '{name}'", "missing field '{name}'");
    public static readonly Message EmptyCsv = new(Codes.BadDocument, "CSV 为空：应有表头行", "empty CSV: expected a header row");
    public static readonly Message MalformedCsv = new(Codes.BadDocument, ["reason"], "CSV 格式错误：{reason}", "Malformed CSV: {reason}");
    public static readonly Message MalformedYaml = new(Codes.BadDocument, ["reason"], "YAML 格式错误：{reason}", "Malformed YAML: {reason}");
    public static readonly Message YamlNotAList = new(Codes.BadDocument, "应为记录列表（或包含一个列表的映射）", "expected a list of records (or a map holding one list)");
    public static readonly Message YamlNotARecord = new(Codes.BadDocument, "应为由字段组成的记录", "expected a record of fields");
    public static readonly Message YamlAlias = new(Codes.BadDocument, ["alias"], "不接受 YAML 别名（*{alias}）", "YAML aliases are not accepted (*{alias})");
    public static readonly Message YamlTooDeep = new(Codes.BadDocument, ["max"], "YAML 嵌套超过 {max} 层", "YAML nested more than {max} deep");
    public static readonly Message YamlKeyNotPlain = new(Codes.BadDocument, "键必须是普通值，不能是列表或映射", "a key must be a plain value, not a list or a mapping");
    public static readonly Message YamlDuplicateKey = new(Codes.BadDocument, ["key"], "同一映射中键 '{key}' 重复", "Duplicate key '{key}' in one mapping");
    public static readonly Message CsvQuoteNotClosed = new(null, "带引号的字段没有闭合", "a quoted field is never closed");
    public static readonly Message CsvColumnTwice = new(Codes.BadDocument, ["column"], "表头中列 '{column}' 出现两次", "the header names column '{column}' twice");
    public static readonly Message YamlNotScalar = new(Codes.BadDocument, ["name"], "字段 '{name}' 必须是单个值", "field '{name}' must be a single value");
    public static readonly Message WaiverUnknownItem = new(Codes.UnknownTailoringTarget, ["id", "hint"], "豁免所指条目 '{id}' 不存在{hint}", "Waiver for unknown item '{id}'{hint}");
    public static readonly Message WaiverExpired = new(Codes.BadValue, ["id", "date"], "'{id}' 的豁免已于 {date} 过期；已忽略", "Waiver for '{id}' expired on {date}; ignored");
}
