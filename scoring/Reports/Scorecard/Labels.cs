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

    /// <summary>The Annex C sheet of a top-level section of the IQ checklist; other checklists' sections by id.</summary>
    public string SectionSheet(string id, string title)
    {
        var annex = id switch { "6.2" => "C.2", "6.3" => "C.3", "6.4" => "C.4", "6.5" => "C.5", "6.6" => "C.6", _ => null };
        var name = annex is null ? $"{id} {title}" : $"{annex} {title}";
        foreach (var c in "[]:*?/\\") name = name.Replace(c, ' ');
        return name.Length <= 31 ? name : name[..31];
    }

    public string[] ReportHeaders => _zh ? ["报告要素", "内容"] : ["Field", "Content"];

    public string[] ReportFields => _zh
        ? ["报告编号", "评估对象", "评估目的", "评估时间", "评估地点", "评估人员", "评估结论", "签发人", "签发日期"]
        : ["Report no.", "Object and version", "Purpose", "Dates", "Place", "Assessors", "Conclusion", "Signer", "Date signed"];

    public string[] ChecklistFields => _zh
        ? ["检查单", "检查单版本", "检查单 SHA-256", "评分模型", "通过分数线", "否决级别", "总分", "结论依据", "工具版本"]
        : ["Checklist", "Checklist version", "Checklist SHA-256", "Scoring model", "Pass mark", "Veto level", "Score", "Verdict reason", "Tool version"];

    public string[] ItemHeaders => _zh
        ? ["编号", "条款", "要求", "级别", "方法", "权重", "结果", "得分", "实际值", "期望值", "说明", "整改建议", "证据来源", "证据性质"]
        : ["Id", "Clause", "Requirement", "Level", "Method", "Weight", "Outcome", "Score", "Actual", "Expected", "Message", "Remediation", "Source of evidence", "Provenance"];

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

    /// <summary>How a fact was obtained: 实测 measured by iq, 导入 imported from another tool, 评审 reviewed by an assessor,
    /// 声明 declared by the vendor.</summary>
    public string Provenance(Provenance p) => p switch
    {
        Rules.Model.Provenance.Measured => T("实测", "measured"),
        Rules.Model.Provenance.Imported => T("导入", "imported"),
        Rules.Model.Provenance.Reviewed => T("评审", "reviewed"),
        _ => T("声明", "declared"),
    };

    /// <summary>A row's provenance: its kinds, "declared only" for an automatic row resting on the vendor's word alone, and
    /// the documents whose seal set their word aside.</summary>
    public string RowProvenance(RowProvenance p, bool automated)
    {
        var text = string.Join(T("、", ", "), p.Kinds.Select(Provenance));
        if (automated && p.DeclaredOnly) text = T("仅声明（未经实测）", "declared only (not measured)");
        foreach (var note in p.Notes) text += "\n" + note.Describe();
        return text;
    }

    public string DeclaredOnlyLabel => T("仅凭声明", "Declared only");

    public string DeclaredOnlyCounts(int pass, int fail, int error, int total) => T(
        $"{total} 个自动项仅依据厂商声明的事实判定（通过 {pass}，不通过 {fail}，错误 {error}）",
        $"{total} automatic row(s) decided on declared facts alone (pass {pass}, fail {fail}, error {error})");

    public string FindingLabel => T("一致性问题", "Finding");

    /// <summary>A finding in the scorecard's language.</summary>
    public string Finding(Finding f) => !_zh ? f.Describe() : f.Kind switch
    {
        FindingKind.TestsBeforeInstallationEnd => $"功能确认测试结束于 {f.First}（{f.Documents[0]}），早于安装日志结束时间 {f.Second}（{f.Documents[1]}）：测试对象不是安装完成后的系统",
        FindingKind.BaselineBeforeInstallationEnd => $"基线性能测量于 {f.First}（{f.Documents[0]}），早于安装日志结束时间 {f.Second}（{f.Documents[1]}）",
        _ => $"{f.Documents[1]} 采集于主机“{f.Second}”，而探测（{f.Documents[0]}）采集于“{f.First}”",
    };

    public string Total => T("总计", "Total");
    public string VerdictLabel => T("结论", "Verdict");
    public string FormulaLabel => T("评分公式", "Formula");
    public string ScoreLabel => T("总分", "Score");
    public string ParametersLabel => T("参数", "Parameter");
    public string ToolLabel => T("工具", "Tool");
    public string ChecklistLabel => T("检查单", "Checklist");
}
