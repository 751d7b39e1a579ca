namespace Iq.Rules.Messages;

/// <summary>The checklist language's own words, for every message that names them: its type names (a param's type, the
/// two sides of a comparison) and what the grammar expects where a checklist does not parse. One declaration each, so a
/// Chinese message says 时长, not "duration", wherever a type is named (<see cref="Binding.IqType"/> renders through these).</summary>
public static partial class Msg
{
    // ---- type names ----
    public static readonly Message TypeNumber = new(null, "数字", "number");
    public static readonly Message TypeString = new(null, "字符串", "string");
    public static readonly Message TypeBool = new(null, "布尔值", "bool");
    public static readonly Message TypeVersion = new(null, "版本号", "version");
    public static readonly Message TypeSize = new(null, "容量", "size");
    public static readonly Message TypeDuration = new(null, "时长", "duration");
    public static readonly Message TypeDate = new(null, "日期", "date");
    public static readonly Message TypeAny = new(null, "任意类型", "any");
    public static readonly Message TypeListOf = new(null, ["element"], "{element}列表", "list of {element}");
    public static readonly Message TypeMapOf = new(null, ["value"], "以字符串为键的{value}映射", "map of {value}");

    /// <summary>A primitive type's words by its name (null: not one of them).</summary>
    public static Message? TypeWord(string name) => name switch
    {
        "number" => TypeNumber,
        "string" => TypeString,
        "bool" => TypeBool,
        "version" => TypeVersion,
        "size" => TypeSize,
        "duration" => TypeDuration,
        "date" => TypeDate,
        "any" => TypeAny,
        _ => null,
    };

    // ---- what the grammar expects (the parser's names for what it looks for) ----
    public static readonly Message GrammarExpression = new(null, "表达式", "expression");
    public static readonly Message GrammarFactPath = new(null, "事实路径", "fact path");
    public static readonly Message GrammarItemId = new(null, "条目编号", "item id");
    public static readonly Message GrammarItemOrSectionId = new(null, "条目或章节编号", "item or section id");
    public static readonly Message GrammarItemTitle = new(null, "条目标题", "item title");
    public static readonly Message GrammarSectionId = new(null, "章节编号", "section id");
    public static readonly Message GrammarSectionTitle = new(null, "章节标题", "section title");
    public static readonly Message GrammarChecklistId = new(null, "检查单编号", "checklist id");
    public static readonly Message GrammarBaseFile = new(null, "基础检查单文件", "base checklist file");
    public static readonly Message GrammarMemberName = new(null, "成员名", "member name");
    public static readonly Message GrammarName = new(null, "名称", "name");
    public static readonly Message GrammarNumber = new(null, "数字", "number");
    public static readonly Message GrammarReason = new(null, "理由", "reason");
    public static readonly Message GrammarScoringModel = new(null, "评分模型", "scoring model");
    public static readonly Message GrammarString = new(null, "字符串", "string");
    public static readonly Message GrammarTypeName = new(null, "类型名", "type name");

    /// <summary>What the grammar expects, in the language (a token such as '{' or a list of keywords: as written).</summary>
    public static ILocalized GrammarWord(string name) => name switch
    {
        "expression" => GrammarExpression.Text,
        "fact path" => GrammarFactPath.Text,
        "item id" => GrammarItemId.Text,
        "item or section id" => GrammarItemOrSectionId.Text,
        "item title" => GrammarItemTitle.Text,
        "section id" => GrammarSectionId.Text,
        "section title" => GrammarSectionTitle.Text,
        "checklist id" => GrammarChecklistId.Text,
        "base checklist file" => GrammarBaseFile.Text,
        "member name" => GrammarMemberName.Text,
        "name" => GrammarName.Text,
        "number" => GrammarNumber.Text,
        "reason" => GrammarReason.Text,
        "scoring model" => GrammarScoringModel.Text,
        "string" => GrammarString.Text,
        "type name" => GrammarTypeName.Text,
        _ => Localized.Verbatim(name),
    };
}
