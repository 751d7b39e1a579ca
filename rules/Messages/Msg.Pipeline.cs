using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>The audit pipeline's diagnostics, outputs that cannot be written, text that cannot be decoded, and the few
/// readers' messages that were English only (checklist chains, archives, fact documents, review workbooks, results sets,
/// the results store of iq fleet).</summary>
public static partial class Msg
{
    // ---- the audit pipeline ----
    public static readonly Message NoChecklistToAudit = new(Codes.FileNotFound, "没有用于审核的检查单", "No checklist to audit against");
    public static readonly Message ChecklistGivenTwice = new(Codes.DuplicateId, ["id"], "检查单 '{id}' 给了两次：审核中的每个检查单各有其结果",
        "Checklist '{id}' is given twice: each checklist of an audit has its own results");
    public static readonly Message UnknownSetParam = new(Codes.UnknownParam, ["name", "ids", "hint"], "--set 中的参数 '{name}' 未知：审核的检查单（{ids}）都未声明它{hint}",
        "Unknown param '{name}' in --set: no checklist of the audit ({ids}) declares it{hint}");
    public static readonly Message CannotWriteProbeBundle = new(Codes.CannotWrite, ["reason"], "无法写出探测的数据包：{reason}", "Cannot write the probe's bundle: {reason}");
    public static readonly Message JudgmentsNotUsed = new(Codes.UnknownTailoringTarget, ["count", "ids", "checklists"],
        "数据包的评审结论中有 {count} 条针对审核的检查单（{checklists}）没有的条目，未采用：{ids}；它们属于另一检查单（如内置检查单），要采用请用那个检查单审核",
        "{count} judgment(s) in the bundle's attestations are for items no checklist of the audit ({checklists}) has, and are not used: {ids}; they belong to another checklist (such as the bundled one): audit with it to use them");
    public static readonly Message JudgmentUnknownItem = new(Codes.UnknownTailoringTarget, ["what", "id", "ids", "hint"],
        "{what}针对未知条目 '{id}'：审核的检查单（{ids}）都没有该条目{hint}", "{what} for unknown item '{id}': no checklist of the audit ({ids}) has it{hint}");
    public static readonly Message JudgmentAmbiguous = new(Codes.DuplicateId, ["what", "id", "owners"], "{what}针对的 '{id}' 有歧义：{owners} 都有该条目；请分别审核",
        "{what} for '{id}' is ambiguous: {owners} both have that item; audit them separately");
    public static readonly Message WhatAttestation = new(null, "人工评审结论", "Attestation");
    public static readonly Message WhatWaiver = new(null, "豁免", "Waiver");

    // ---- outputs (IQ4006) ----
    public static readonly Message OutNamedTwice = new(Codes.CannotWrite, "在本次运行的输出中出现了两次", "Named twice as an output of this run");
    public static readonly Message OutLinkLoop = new(Codes.CannotWrite, "无法写入：符号链接的循环", "Cannot write: a loop of symbolic links");
    public static readonly Message OutIsFolder = new(Codes.CannotWrite, "无法写入：这是文件夹；请给出文件名", "Cannot write: it is a folder; give a file name");
    public static readonly Message OutNotRegular = new(Codes.CannotWrite, ["kind"], "无法写入：这是{kind}，不是普通文件", "Cannot write: it is {kind}, not a regular file");
    public static readonly Message OutAlsoInput = new(Codes.CannotWrite, ["input"], "无法写入：它也是本次运行的输入（{input}）；请写到另一个文件",
        "Cannot write: it is also an input of this run ({input}); write the output to another file");
    public static readonly Message OutInsideInput = new(Codes.CannotWrite, ["folder"], "无法写入：它位于本次运行读取的文件夹（{folder}）之内，会成为下次读取的输入；请写到该文件夹之外",
        "Cannot write: it is inside {folder}, a folder this run reads, where it would become part of the input; write the output outside it");
    public static readonly Message OutDanglingLink = new(Codes.CannotWrite, "无法写入：指向不存在之处的符号链接", "Cannot write: a symbolic link to nothing");
    public static readonly Message OutFolderNotFolder = new(Codes.CannotWrite, ["folder", "kind"], "无法写入：{folder} 是{kind}，不是文件夹", "Cannot write: {folder} is {kind}, not a folder");
    public static readonly Message OutNoFolder = new(Codes.CannotWrite, ["folder"], "无法写入：文件夹 {folder} 不存在（iq 不为输出文件创建文件夹；请先创建，或检查路径是否拼错）",
        "Cannot write: the folder {folder} does not exist (iq makes no folder for an output file; create it first, or check the path for a typo)");
    public static readonly Message OutFailed = new(Codes.CannotWrite, ["reason"], "无法写入：{reason}", "Cannot write: {reason}");
    public static readonly Message OutFifoNoReader = new(Codes.CannotWrite, "无法写入：没有读者的 FIFO", "Cannot write: a FIFO that nothing reads");
    public static readonly Message OutErrno = new(Codes.CannotWrite, ["errno"], "无法写入（errno {errno}）", "Cannot write (errno {errno})");
    public static readonly Message OutDenied = new(null, "权限不足", "permission denied");
    public static readonly Message OutNoSpace = new(null, "设备上没有剩余空间", "no space left on the device");
    public static readonly Message OutReadOnly = new(null, "只读文件系统", "read-only file system");

    // ---- text decoding (IQ1009) ----
    public static readonly Message DecodeBomMismatch = new(Codes.NotText, ["bom", "named"], "文件以 {bom} 字节顺序标记开头，但 --encoding 指定的是 {named}",
        "the file starts with a {bom} byte-order mark, but --encoding says {named}");
    public static readonly Message DecodeInvalid = new(Codes.NotText, ["encoding", "byte", "line", "column", "hint"], "不是有效的 {encoding} 文本：第 {line} 行第 {column} 列的字节 0x{byte}{hint}",
        "not valid {encoding} text: byte 0x{byte} at line {line}, column {column}{hint}");
    public static readonly Message DecodeEncodingHint = new(null, "；如果文件是 GB18030/GBK（或不带字节顺序标记的 UTF-16），请给出 --encoding gb18030（或 utf-16le）",
        "; if the file is GB18030/GBK (or UTF-16 without a byte-order mark), give --encoding gb18030 (or utf-16le)");
    public static readonly Message DecodeInvalidLine = new(Codes.NotText, ["encoding", "line"], "第 {line} 行不是有效的 {encoding} 文本", "not valid {encoding} text on line {line}");
    public static readonly Message UnknownEncoding = new(Codes.BadOption, ["name", "choices"], "未知编码 '{name}'；应为 {choices}", "unknown encoding '{name}'; expected {choices}");

    // ---- readers ----
    public static readonly Message ExtendsNotChecklist = new(Codes.BaseNotFound, ["name"], "extends 应指向检查单（.iq）；'{name}' 不是", "extends names a checklist (.iq); '{name}' is not one");
    public static readonly Message ExtendsLinkNotChecklist = new(Codes.BaseNotFound, ["name"], "extends 应指向检查单（.iq）；'{name}' 是指向非检查单文件的链接",
        "extends names a checklist (.iq); '{name}' is a link to a file that is not one");
    public static readonly Message ArchiveEntryTwice = new(Codes.BadDocument, ["entry"], "{entry}：在存档中出现两次（以哪一个为准只能靠猜）",
        "{entry}: twice in the archive (which one counts would be a guess)");
    public static readonly Message MoreErrorsNotShown = new(Codes.WrongFactType, ["count"], "此文档中另有 {count} 个错误未显示", "{count} more errors in this document not shown");
    public static readonly Message ReviewCellFormula = new(Codes.BadValue, ["sheet", "cell"], "工作表 '{sheet}' 的单元格 {cell} 是公式而不是值：请直接填写评审结论",
        "Sheet '{sheet}', cell {cell} holds a formula, not a value: write the judgment itself");
    public static readonly Message ReviewCellError = new(Codes.BadValue, ["sheet", "cell", "value"], "工作表 '{sheet}' 的单元格 {cell} 是错误值 {value}，不是评审结论：请直接填写评审结论",
        "Sheet '{sheet}', cell {cell} holds the error value {value}, not a judgment: write the judgment itself");
    public static readonly Message ResultsSetNotOne = new(Codes.BadDocument, ["path", "count", "schema"], "{path} 含 {count} 个检查单的结果（{schema}）；此处需要一个检查单的结果",
        "{path} holds the results of {count} checklists ({schema}); one checklist's results are expected here");

    // ---- the results store of iq fleet ----
    public static readonly Message StoreNoRun = new(Codes.BadOption, ["store"], "{store} 中还没有设备群运行", "{store} holds no fleet run yet");
    public static readonly Message StoreNoChecklist = new(Codes.BadOption, ["store", "id", "ids"], "{store} 中没有检查单 '{id}' 的审核；它有：{ids}",
        "{store} holds no audits of checklist '{id}'; it holds {ids}");
    public static readonly Message StoreNone = new(null, "无", "none");
    public static readonly Message StoreCannotOpen = new(Codes.CannotRead, ["store", "reason"], "无法打开结果库 {store}：{reason}", "Cannot open the results store {store}: {reason}");
    public static readonly Message StoreNotIq = new(Codes.BadDocument, ["store"], "{store} 是数据库，但不是 iq 结果库（有表而没有 iq_schema）；请给出新文件或空数据库",
        "{store} is a database, but not an iq results store (it has tables and no iq_schema); give a new file or an empty database");
    public static readonly Message StoreTooNew = new(Codes.BadDocument, ["store", "version", "latest"], "{store} 的结果库模式版本为 {version}；本 iq 只认识到 {latest}：请使用更新的 iq",
        "{store} has store schema version {version}; this iq knows versions up to {latest}: use a newer iq");
    public static readonly Message StoreUnusable = new(Codes.CannotRead, ["store", "reason"], "结果库 {store} 无法使用：{reason}", "The results store {store} cannot be used: {reason}");
    // ---- --store (a SQLite file or a postgres:// URL) ----
    public static readonly Message StoreEmpty = new(Codes.BadOption, "--store 需要文件名（SQLite）或 postgres:// URL", "--store needs a file name (SQLite) or a postgres:// URL");
    public static readonly Message StoreTooLong = new(Codes.BadOption, ["length", "max"], "--store 长 {length} 个字符；最多 {max}", "--store is {length} characters long; at most {max}");
    public static readonly Message StoreControl = new(Codes.BadOption, "--store 含控制字符", "--store contains a control character");
    public static readonly Message StoreScheme = new(Codes.BadOption, ["scheme"], "--store：未知的协议 '{scheme}://'；请给出文件名（SQLite）或 postgres://USER@HOST/DATABASE",
        "--store: unknown scheme '{scheme}://'; give a file name (SQLite) or postgres://USER@HOST/DATABASE");
    public static readonly Message StoreFragment = new(Codes.BadOption, "--store：postgres URL 没有 #片段", "--store: a postgres URL has no #fragment");
    public static readonly Message StoreEmptyUser = new(Codes.BadOption, "--store：'@' 前的用户名为空", "--store: the user name before '@' is empty");
    public static readonly Message StoreIpv6 = new(Codes.BadOption, "--store：以 '[' 开始的 IPv6 主机没有以 ']' 结束", "--store: an IPv6 host opened with '[' is not closed with ']'");
    public static readonly Message StoreAfterHost = new(Codes.BadOption, ["text"], "--store：主机后面不应有 '{text}'", "--store: unexpected '{text}' after the host");
    public static readonly Message StoreDatabaseName = new(Codes.BadOption, ["name"], "--store：'{name}' 不是数据库名（不能含 '/'）", "--store: '{name}' is not a database name (no '/')");
    public static readonly Message StorePair = new(Codes.BadOption, ["pair"], "--store：URL 查询中的 '{pair}' 需要 NAME=VALUE 形式", "--store: '{pair}' in the URL's query needs NAME=VALUE");
    public static readonly Message StoreUnknownParam = new(Codes.BadOption, ["name", "choices"], "--store：未知的 URL 参数 '{name}'；应为 {choices}",
        "--store: unknown URL parameter '{name}'; expected {choices}");
    public static readonly Message StoreParamTwice = new(Codes.BadOption, ["name"], "--store：URL 参数 '{name}' 给了两次", "--store: URL parameter '{name}' given twice");
    public static readonly Message StoreSslMode = new(Codes.BadOption, ["value", "choices"], "--store：sslmode '{value}' 不是 {choices} 之一", "--store: sslmode '{value}' is not one of {choices}");
    public static readonly Message StoreTimeout = new(Codes.BadOption, ["value"], "--store：connect_timeout '{value}' 不是 1 到 3600 之间的秒数",
        "--store: connect_timeout '{value}' is not a number of seconds from 1 to 3600");
    public static readonly Message StoreNoHost = new(Codes.BadOption, "--store：postgres URL 没有给出主机（postgres://HOST/DATABASE，或 ?host=/socket/folder）",
        "--store: the postgres URL names no host (postgres://HOST/DATABASE, or ?host=/socket/folder)");
    public static readonly Message StoreNoDatabase = new(Codes.BadOption, "--store：postgres URL 没有给出数据库（postgres://HOST/DATABASE）", "--store: the postgres URL names no database (postgres://HOST/DATABASE)");
    public static readonly Message StorePort = new(Codes.BadOption, ["port"], "--store：端口 '{port}' 不是 1 到 65535 之间的数", "--store: port '{port}' is not a number from 1 to 65535");
    public static readonly Message StorePercent = new(Codes.BadOption, ["part"], "--store：URL 的{part}不是有效的百分号编码", "--store: the URL's {part} is not valid percent-encoding");
    public static readonly Message StoreUrlControl = new(Codes.BadOption, ["part"], "--store：URL 的{part}含控制字符", "--store: the URL's {part} contains a control character");
    public static readonly Message UrlUser = new(null, "用户名", "user");
    public static readonly Message UrlPassword = new(null, "密码", "password");
    public static readonly Message UrlHost = new(null, "主机", "host");
    public static readonly Message UrlDatabase = new(null, "数据库", "database");
    public static readonly Message UrlParamName = new(null, "参数名", "parameter name");
    public static readonly Message UrlParamValue = new(null, "参数值", "parameter value");
    // ---- iq model: the ONNX file ----
    public static readonly Message ModelNotFound = new(Codes.BadEvidence, ["path"], "{path}：模型文件不存在", "{path}: model file not found");
    public static readonly Message ModelRefused = new(Codes.BadEvidence, ["path", "reason"], "{path}：{reason}", "{path}: {reason}");
    public static readonly Message ModelTooLarge = new(Codes.BadEvidence, ["path", "reason"], "{path}：{reason}；ONNX protobuf 最多 2 GiB（更大的模型把权重放在外部数据中）",
        "{path}: {reason}; an ONNX protobuf holds at most 2 GiB (larger models keep their weights in external data)");
    public static readonly Message ModelUnreadable = new(Codes.BadEvidence, ["path", "reason"], "{path}：无法读取的 ONNX 模型：{reason}", "{path}: not a readable ONNX model: {reason}");
    public static readonly Message ModelNotOnnx = new(Codes.BadEvidence, ["path", "missing"], "{path}：不是 ONNX 模型：没有 {missing}", "{path}: not an ONNX model: no {missing}");
    public static readonly Message ModelNegativeDim = new(Codes.BadEvidence, ["path", "at", "value", "kind", "name"], "{path}：{at}：{kind} '{name}' 的维度 {value} 为负",
        "{path}: {at}: negative dimension {value} of {kind} '{name}'");
    public static readonly Message ModelCycle = new(Codes.BadEvidence, ["path", "nodes"], "{path}：图中有环（ONNX 的图必须无环，没有可运行的顺序）：{nodes}",
        "{path}: the graph has a cycle (an ONNX graph must be acyclic; there is no order to run its nodes in): {nodes}");
    public static readonly Message InitNegativeDim = new(Codes.BadEvidence, ["path", "tensor", "value"], "{path}：初始化器 '{tensor}' 声明了负的维度（{value}）",
        "{path}: initializer '{tensor}' declares a negative dimension ({value})");
    public static readonly Message InitOverflow = new(Codes.BadEvidence, ["path", "tensor", "dims"], "{path}：初始化器 '{tensor}' 声明的维度 [{dims}] 之积超出 64 位",
        "{path}: initializer '{tensor}' declares dimensions [{dims}] whose product overflows 64 bits");
    public static readonly Message InitUnknownType = new(Codes.BadEvidence, ["path", "tensor", "type"], "{path}：初始化器 '{tensor}' 的数据类型未知（{type}）",
        "{path}: initializer '{tensor}' has an unknown data type ({type})");
    public static readonly Message InitSizeDiffers = new(Codes.BadEvidence, ["path", "tensor", "dims", "type", "count", "field", "stored"],
        "{path}：初始化器 '{tensor}' 声明维度 [{dims}]（{type}），需要 {count} 个 {field}；文件中存有 {stored}",
        "{path}: initializer '{tensor}' declares dimensions [{dims}] of {type}, which need {count} {field}; the file stores {stored}");
    public static readonly Message InitNoLocation = new(Codes.BadEvidence, ["path", "tensor"], "{path}：初始化器 '{tensor}' 的数据在外部，但没有给出位置",
        "{path}: initializer '{tensor}' keeps its data externally but names no location");
    public static readonly Message InitLeavesFolder = new(Codes.BadEvidence, ["path", "tensor", "location"], "{path}：初始化器 '{tensor}'：外部数据位置 '{location}' 离开了模型所在文件夹",
        "{path}: initializer '{tensor}': external data location '{location}' leaves the model's folder");
    public static readonly Message InitKeyTwice = new(Codes.BadEvidence, ["path", "tensor", "key"], "{path}：初始化器 '{tensor}'：外部数据的 {key} 出现了两次",
        "{path}: initializer '{tensor}': external data names its {key} twice");
    public static readonly Message InitNotWhole = new(Codes.BadEvidence, ["path", "tensor", "key", "value"], "{path}：初始化器 '{tensor}'：外部数据的 {key} '{value}' 不是整数",
        "{path}: initializer '{tensor}': external data {key} '{value}' is not a whole number");
    public static readonly Message InitLinkLeaves = new(Codes.BadEvidence, ["path", "tensor", "location"], "{path}：初始化器 '{tensor}'：外部数据 '{location}' 是离开模型所在文件夹的链接",
        "{path}: initializer '{tensor}': external data '{location}' is a link that leaves the model's folder");
}
