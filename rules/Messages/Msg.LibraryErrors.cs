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
