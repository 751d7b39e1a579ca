namespace Iq.Rules.Messages;

/// <summary>A library's error (protobuf, the XML reader, .NET Regex) in the catalog's words: what kind of error and where,
/// in the output's language; the library's own English text only after it, as a detail (<see cref="LibraryError"/>).</summary>
public static partial class Msg
{
    public static readonly Message LibrarySays = new(null, ["library", "detail"], "（{library} 原文：{detail}）", " ({library} says: {detail})");

    // ---- the XML reader ----
    public static readonly Message XmlNotWellFormed = new(null, ["detail"], "XML 格式不正确{detail}", "not well-formed XML{detail}");
    public static readonly Message XmlEndsEarly = new(null, ["detail"], "XML 在文档结束之前中断{detail}", "the XML ends before its document does{detail}");
    public static readonly Message XmlInPart = new(null, ["part", "reason"], "部件 {part}：{reason}", "part {part}: {reason}");
    public static readonly Message XmlDtdRefused = new(null, ["detail"], "含有 DTD（为防实体扩展与外部实体而拒绝）{detail}", "holds a DTD (refused, against entity expansion and external entities){detail}");

    // ---- protobuf (ONNX models) ----
    public static readonly Message ProtobufInvalid = new(null, ["offset", "detail"], "第 {offset} 字节附近不是有效的 protobuf 编码{detail}", "not a valid protobuf encoding near byte {offset}{detail}");

    // ---- .NET Regex ----
    public static readonly Message RegexErrorAt = new(null, ["kind", "offset", "detail"], "模式偏移 {offset} 处{kind}{detail}", "{kind} at offset {offset}{detail}");
    public static readonly Message RegexUnclosedGroup = new(null, "括号未闭合", "a parenthesis is not closed");
    public static readonly Message RegexExtraClosing = new(null, "多出一个右括号", "a closing parenthesis too many");
    public static readonly Message RegexUnclosedClass = new(null, "字符类 [ 未闭合", "a character class [ is not closed");
    public static readonly Message RegexBadEscape = new(null, "无法识别的转义", "an escape it does not know");
    public static readonly Message RegexTrailingBackslash = new(null, "末尾有未转义的反斜杠", "a backslash at the end with nothing to escape");
    public static readonly Message RegexNothingToRepeat = new(null, "量词前没有可重复的内容", "a quantifier with nothing to repeat");
    public static readonly Message RegexNestedQuantifier = new(null, "量词嵌套未加括号", "a quantifier on a quantifier, not in parentheses");
    public static readonly Message RegexReversedRange = new(null, "范围的上下界颠倒", "a range whose ends are reversed");
    public static readonly Message RegexBadGroup = new(null, "无效的分组结构", "a grouping construct that is not valid");
    public static readonly Message RegexUndefinedReference = new(null, "引用了不存在的分组", "a reference to a group that does not exist");
    public static readonly Message RegexBadProperty = new(null, "无效的 Unicode 属性", "a Unicode property that is not valid");
    public static readonly Message RegexSyntax = new(null, "语法错误", "a syntax error");
}

/// <summary>Errors of the .NET runtime (files, JSON, compressed data) and of the libraries iq reads with (the xlsx reader,
/// SQLite, PostgreSQL, ONNX Runtime), worded from their typed cause (an exception's type, an errno, an error code, a SQL
/// state) by <see cref="LibraryError"/>. These already said the library's English in English output, and scripts read it:
/// there the kind is left out and the library's text is the whole reason, unchanged; in Chinese the kind comes first and
/// the library's English only after it, as a detail (<see cref="LibraryError.English"/>).</summary>
public static partial class Msg
{

    // ---- files and folders (.NET I/O: the exception's type, else its errno) ----
    public static readonly Message IoDenied = new(null, ["detail"], "权限不足{detail}", "{detail}");
    public static readonly Message IoNotFound = new(null, ["detail"], "文件或文件夹不存在{detail}", "{detail}");
    public static readonly Message IoNoSpace = new(null, ["detail"], "磁盘已满（设备上没有剩余空间）{detail}", "{detail}");
    public static readonly Message IoQuota = new(null, ["detail"], "超出磁盘配额{detail}", "{detail}");
    public static readonly Message IoReadOnly = new(null, ["detail"], "文件系统为只读{detail}", "{detail}");
    public static readonly Message IoPathTooLong = new(null, ["detail"], "路径或文件名过长{detail}", "{detail}");
    public static readonly Message IoIsFolder = new(null, ["detail"], "这是一个文件夹{detail}", "{detail}");
    public static readonly Message IoNotFolder = new(null, ["detail"], "路径中有一部分不是文件夹{detail}", "{detail}");
    public static readonly Message IoBusy = new(null, ["detail"], "文件正被占用或已锁定{detail}", "{detail}");
    public static readonly Message IoLinkLoop = new(null, ["detail"], "符号链接层数过多{detail}", "{detail}");
    public static readonly Message IoDevice = new(null, ["detail"], "设备读写出错{detail}", "{detail}");
    public static readonly Message IoOther = new(null, ["detail"], "读写出错{detail}", "{detail}");

    // ---- JSON (System.Text.Json: no kind of its own, told by its text) ----
    public static readonly Message JsonEmpty = new(null, ["detail"], "没有任何 JSON 内容{detail}", "{detail}");
    public static readonly Message JsonEndsEarly = new(null, ["detail"], "JSON 在文档结束之前中断{detail}", "{detail}");
    public static readonly Message JsonDuplicate = new(null, ["detail"], "对象中有重复的成员名{detail}", "{detail}");
    public static readonly Message JsonTooDeep = new(null, ["detail"], "嵌套层数超过上限{detail}", "{detail}");
    public static readonly Message JsonBadString = new(null, ["detail"], "字符串中有未转义的控制字符或无效的转义{detail}", "{detail}");
    public static readonly Message JsonBadNumber = new(null, ["detail"], "数字的写法无效{detail}", "{detail}");
    public static readonly Message JsonBadLiteral = new(null, ["detail"], "无效的字面量（应为 true、false 或 null）{detail}", "{detail}");
    public static readonly Message JsonOutOfPlace = new(null, ["detail"], "此处出现了不应有的字符{detail}", "{detail}");
    public static readonly Message JsonSyntax = new(null, ["detail"], "语法错误{detail}", "{detail}");

    // ---- compressed data: gzip and zip (InvalidDataException has no kind of its own either) ----
    public static readonly Message ZipNoDirectory = new(null, ["detail"], "找不到 zip 中央目录（不是 zip 文件，或已截断）{detail}", "{detail}");
    public static readonly Message CompressedUnsupported = new(null, ["detail"], "使用了不支持的压缩方法（或已加密）{detail}", "{detail}");
    public static readonly Message ZipMethodOrCorrupt = new(null, ["detail"], "条目使用了不支持的压缩方法，或其压缩数据已损坏{detail}", "{detail}");
    public static readonly Message CompressedCorrupt = new(null, ["detail"], "压缩数据已损坏或被截断{detail}", "{detail}");

    // ---- the xlsx reader (ClosedXML over the Open XML SDK) ----
    public static readonly Message XlsxPackage = new(null, ["detail"], "Open XML 包的结构无效{detail}", "{detail}");
    public static readonly Message XlsxValue = new(null, ["detail"], "某个部件中的值格式无效{detail}", "{detail}");
    public static readonly Message XlsxPartMissing = new(null, ["detail"], "缺少必需的部件或条目{detail}", "{detail}");
    public static readonly Message XlsxOther = new(null, ["detail"], "内容不符合 xlsx 读取库的要求{detail}", "{detail}");

    // ---- results stores (SQLite result codes, PostgreSQL SQL states) ----
    public static readonly Message StoreNotDatabase = new(null, ["detail"], "不是 SQLite 数据库文件{detail}", "{detail}");
    public static readonly Message StoreCorrupt = new(null, ["detail"], "数据库文件已损坏{detail}", "{detail}");
    public static readonly Message StoreCannotOpenFile = new(null, ["detail"], "无法打开数据库文件（文件夹不存在或无权访问）{detail}", "{detail}");
    public static readonly Message StoreReadOnly = new(null, ["detail"], "数据库为只读{detail}", "{detail}");
    public static readonly Message StoreLocked = new(null, ["detail"], "数据库正被占用（已锁定）{detail}", "{detail}");
    public static readonly Message StoreLogin = new(null, ["detail"], "服务器不接受该用户名或密码{detail}", "{detail}");
    public static readonly Message StoreNoSuchDatabase = new(null, ["detail"], "服务器上没有该数据库{detail}", "{detail}");
    public static readonly Message StoreUnreachable = new(null, ["detail"], "无法连接数据库服务器{detail}", "{detail}");
    public static readonly Message StoreBadConnection = new(null, ["detail"], "连接字符串无效{detail}", "{detail}");
    public static readonly Message StoreOther = new(null, ["detail"], "数据库报错{detail}", "{detail}");

    // ---- ONNX Runtime (its error code, the "[ErrorCode:…]" its exceptions begin with) ----
    public static readonly Message OrtInvalidModel = new(null, ["detail"], "模型无效（protobuf 无法解析，或计算图不合规范）{detail}", "{detail}");
    public static readonly Message OrtInvalidArgument = new(null, ["detail"], "参数无效{detail}", "{detail}");
    public static readonly Message OrtNotImplemented = new(null, ["detail"], "模型使用了 ONNX Runtime 未实现的算子或类型{detail}", "{detail}");
    public static readonly Message OrtNoFile = new(null, ["detail"], "文件不存在{detail}", "{detail}");
    public static readonly Message OrtProviderFailed = new(null, ["detail"], "执行提供程序出错{detail}", "{detail}");
    public static readonly Message OrtFailed = new(null, ["detail"], "ONNX Runtime 报错{detail}", "{detail}");
}
