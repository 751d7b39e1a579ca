using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Scoring.Scoring;

namespace Iq.Scoring.Reports.Scorecard;

/// <summary>Scorecard wording: Chinese (the standard's own terms) by default, English with --lang en.</summary>
public sealed class Labels
{
    readonly bool _zh;
    Labels(bool zh) => _zh = zh;

    public static Labels For(string lang) => lang switch
    {
        "zh" => new Labels(true),
        "en" => new Labels(false),
        _ => throw new ArgumentException($"unknown language '{lang}': use zh or en"),
    };

    string T(string zh, string en) => _zh ? zh : en;

    public string ReportSheet => T("C.1 基本信息", "C.1 Report information");
    public string SummarySheet => T("汇总", "Summary");
    public string ManualSheet => T("人工评审", "Manual review");
    public string AttachmentsSheet => T("C.7 附件", "C.7 Attachments");

    /// <summary>The sheet of a top-level section: the Annex C sheet (C.2–C.6) for the IQ checklist and its tailorings, the
    /// section's id and title otherwise (the 001 checklist: one sheet per chapter-6 method). <paramref name="prefix"/>, in a
    /// workbook of several checklists, names the checklist whose sheets follow the first's.</summary>
    public string SectionSheet(ChecklistModel checklist, string id, string title, string? prefix = null)
    {
        var annex = !checklist.IsOrExtends(AnnexCChecklist) ? null
            : id switch { "6.2" => "C.2", "6.3" => "C.3", "6.4" => "C.4", "6.5" => "C.5", "6.6" => "C.6", _ => null };
        return SheetName(prefix, annex is null ? $"{id} {title}" : $"{annex} {title}");
    }

    /// <summary>The checklist whose top-level sections are the Annex C sheets.</summary>
    public const string AnnexCChecklist = "gbt-aimd-iq";

    /// <summary>A valid, at most 31-character sheet name.</summary>
    public static string SheetName(string? prefix, string name)
    {
        if (prefix is not null) name = $"{prefix} {name}";
        foreach (var c in "[]:*?/\\") name = name.Replace(c, ' ');
        return name.Length <= 31 ? name : name[..31];
    }

    public string ChartsSheet => T("图表", "Charts");
    public string OverallLabel => T("总结论", "Overall verdict");

    public string[] ReportHeaders => _zh ? ["报告要素", "内容"] : ["Field", "Content"];

    public string[] ReportFields => _zh
        ? ["报告编号", "评估对象", "评估目的", "评估时间", "评估地点", "评估人员", "评估结论", "签发人", "签发日期"]
        : ["Report no.", "Object and version", "Purpose", "Dates", "Place", "Assessors", "Conclusion", "Signer", "Date signed"];

    public string[] ChecklistFields => _zh
        ? ["检查单", "检查单版本", "检查单 SHA-256", "评分模型", "通过分数线", "否决级别", "总分", "结论依据", "工具版本"]
        : ["Checklist", "Checklist version", "Checklist SHA-256", "Scoring model", "Pass mark", "Veto level", "Score", "Verdict reason", "Tool version"];

    public string[] ItemHeaders => _zh
        ? ["编号", "条款", "要求", "级别", "方法", "权重", "结果", "得分", "实际值", "期望值", "说明", "整改建议", "证据来源"]
        : ["Id", "Clause", "Requirement", "Level", "Method", "Weight", "Outcome", "Score", "Actual", "Expected", "Message", "Remediation", "Source of evidence"];

    public string[] SummaryHeaders => _zh
        ? ["章节", "名称", "权重", "得分", "通过", "不通过", "错误", "不适用", "待评审", "资料性", "豁免", "未选"]
        : ["Section", "Title", "Weight", "Score", "Pass", "Fail", "Error", "N/A", "To judge", "Info", "Waived", "Not selected"];

    public string[] ManualHeaders => _zh
        ? ["编号", "条款", "要求", "评审要点", "结论", "评估人", "日期", "理由", "证据"]
        : ["Id", "Clause", "Requirement", "Guidance", "Status", "Assessor", "Date", "Justification", "Evidence"];

    public string[] AttachmentHeaders => _zh ? ["类型", "文件", "SHA-256"] : ["Kind", "File", "SHA-256"];

    public string Verdict(Verdict v) => v switch
    {
        Scoring.Verdict.Pass => T("通过", "pass"),
        Scoring.Verdict.Fail => T("不通过", "fail"),
        _ => T("未完成", "incomplete"),
    };

    public string Level(Level l) => l switch
    {
        Rules.Model.Level.Shall => T("应", "shall"),
        Rules.Model.Level.Should => T("宜", "should"),
        _ => T("可", "may"),
    };

    public string Method(bool automated) => automated ? T("自动", "automatic") : T("人工", "manual");

    public string Outcome(Outcome o) => _zh
        ? o switch
        {
            Rules.Runtime.Outcome.Pass => "通过",
            Rules.Runtime.Outcome.Fail => "不通过",
            Rules.Runtime.Outcome.Error => "错误",
            Rules.Runtime.Outcome.NotApplicable => "不适用",
            Rules.Runtime.Outcome.NotChecked => "待评审",
            Rules.Runtime.Outcome.Informational => "资料性",
            Rules.Runtime.Outcome.Waived => "豁免",
            _ => "未选",
        }
        : o.Name();

    public string Total => T("总计", "Total");
    public string VerdictLabel => T("结论", "Verdict");
    public string FormulaLabel => T("评分公式", "Formula");
    public string ScoreLabel => T("总分", "Score");
    public string ParametersLabel => T("参数", "Parameter");
    public string ToolLabel => T("工具", "Tool");
    public string ChecklistLabel => T("检查单", "Checklist");
}
