namespace Iq.Rules.Messages;

/// <summary>Why a result row came out as it did (<see cref="Runtime.Reason"/>), and what evidence is missing
/// (<see cref="Runtime.Missing"/>): the words of the results' message column in every report.</summary>
public static partial class Msg
{
    public static readonly Message ReasonEvidence = RowWords(null, ["expression", "actual", "expected"], "{expression}：实际 {actual}，期望 {expected}", "{expression}: actual {actual}, expected {expected}");
    /// <summary>After a part that did not hold yet did not decide the outcome (<see cref="Runtime.Evidence.Decides"/>).</summary>
    public static readonly Message EvidenceNotDeciding = RowWords(null, "（未决定结果：条件的另一部分已决定）", " (not deciding: another part of the condition decided it)");
    public static readonly Message ReasonFailed = RowWords(null, "不通过", "failed");
    public static readonly Message ReasonAlsoMissing = RowWords(null, ["facts"], "；另缺少证据：{facts}", "; also missing evidence: {facts}");
    public static readonly Message ReasonPartial = RowWords(null, ["score"], "部分得分：{score}", "partial: score {score}");
    public static readonly Message ReasonMissing = RowWords(null, ["facts"], "缺少证据：{facts}", "missing evidence: {facts}");
    public static readonly Message ReasonMissingIn = RowWords(null, ["facts", "clause"], "缺少证据：{facts}（在 '{clause}' 中）", "missing evidence: {facts} (in '{clause}')");
    public static readonly Message ReasonNotApplicable = RowWords(null, ["condition"], "不适用：{condition} 为假", "not applicable: {condition} is false");
    public static readonly Message ReasonNotApplicableBecause = RowWords(null, ["because"], "不适用：{because}", "not applicable: {because}");
    public static readonly Message ReasonDeclaredNotApplicable = RowWords(null, ["fact", "because"], "不适用：{fact}：\"{because}\"（文档中声明）", "not applicable: {fact}: \"{because}\" (declared in the document)");
    public static readonly Message ReasonNotApplicableHeld = RowWords(null, ["fact", "because", "document", "json_path"],
        "仅凭厂商声明不适用：{fact}：\"{because}\"（{document}，{json_path}）；“应”级条目须经确认才不计分：评审员的评审（状态 notapplicable，在 --attestations 或经实验室担保的 attestations.json 中），或该事实来自评审、实测或导入的文档",
        "not applicable on the vendor's word only: {fact}: \"{because}\" ({document}, {json_path}); a shall item leaves the score only when this is confirmed: by an assessor's judgment (status notapplicable, in --attestations or an attestations.json the lab vouches for) or by the fact coming from a reviewed, measured or imported document");
    public static readonly Message ReasonNotApplicableUnconfirmed = RowWords(null, ["fact", "because", "document", "json_path"],
        "不适用：{fact}：\"{because}\"（厂商在 {document}（{json_path}）中声明，未经确认）",
        "not applicable: {fact}: \"{because}\" (declared by the vendor in {document}, {json_path}; not confirmed)");
    public static readonly Message ReasonEmptyListFine = RowWords(null, ["list", "because"], "不适用：{list} 为空：{because}", "not applicable: {list} is empty: {because}");
    public static readonly Message ReasonEmptyList = RowWords(null, ["list"], "缺少证据：{list} 是空列表；该要求至少需要一项", "missing evidence: {list} is an empty list; the requirement needs at least one entry");
    public static readonly Message ReasonDisabled = RowWords(null, ["because"], "经剪裁未选：{because}", "disabled by tailoring: {because}");
    public static readonly Message ReasonManual = RowWords(null, ["guidance"], "需人工评审：{guidance}", "manual judgment required: {guidance}");
    public static readonly Message ReasonInformational = RowWords(null, "资料性", "informational");
    public static readonly Message ReasonJudgmentNotTaken = RowWords(null, ["document", "assessor", "status", "why", "guidance"],
        "{document} 中 {assessor} 的评审（{status}）未采用：{why}；需人工评审：{guidance}",
        "the judgment by {assessor} ({status}) in {document} is not taken: {why}; manual judgment required: {guidance}");
    public static readonly Message JudgmentDocumentUnsealed = RowWords(null, ["detail"], "该文档未加封签（{detail}）", "the document is not sealed ({detail})");
    public static readonly Message JudgmentDocumentBroken = RowWords(null, ["detail"], "其封签已损坏（{detail}）", "its seal is broken ({detail})");
    public static readonly Message JudgmentDocumentUnreadable = RowWords(null, ["detail"], "其封签无法读取（{detail}）", "its seal cannot be read ({detail})");
    public static readonly Message JudgmentDocumentUntrusted = RowWords(null, ["detail"], "未由受信任的密钥签名（{detail}）", "it is not signed by a trusted key ({detail})");
    public static readonly Message ReasonTypeMismatch = RowWords(null, ["expected", "got"], "类型不匹配：{expected}，实际为 {got}", "type mismatch: {expected}, got {got}");
    public static readonly Message ReasonAttested = RowWords(null, ["status", "assessor", "date", "justification", "evidence"], "由 {assessor}{date} 评审为{status}：{justification}{evidence}",
        "attested {status} by {assessor}{date}: {justification}{evidence}");
    public static readonly Message ReasonAttestedOn = RowWords(null, ["date"], "于 {date}", " on {date}");
    public static readonly Message ReasonEvidenceRef = RowWords(null, ["reference"], "（证据：{reference}）", " (evidence: {reference})");
    public static readonly Message ReasonProvenanceNotMet = RowWords(null, ["required", "facts", "was"], "需要{required}的证据：{facts}（原为{was}）",
        "{required} evidence required: {facts} (was {was})");
    public static readonly Message ReasonContradicted = RowWords(null, ["finding", "was"], "证据相互矛盾：{finding}（原为{was}）",
        "contradicted by the documents: {finding} (was {was})");
    public static readonly Message ReasonProvenanceFact = RowWords(null, ["paths", "provenance", "where"], "{paths} 的来源为{provenance}（{where}）", "{paths} is {provenance} ({where})");
    public static readonly Message ReasonProvenanceFacts = RowWords(null, ["paths", "provenance", "where"], "{paths} 的来源为{provenance}（{where}）", "{paths} are {provenance} ({where})");
    public static readonly Message ReasonInDocument = RowWords(null, ["document", "why"], "{document}：{why}", "{document}: {why}");
    /// <summary>Where facts came from, and the artefacts the document says they were taken from (its <c>sources</c>).</summary>
    public static readonly Message ReasonTakenFrom = RowWords(null, ["where", "sources"], "{where}，取自 {sources}", "{where}, taken from {sources}");
    public static readonly Message ReasonSourceFile = RowWords(null, ["path", "sha256"], "{path}（SHA-256 {sha256}）", "{path} (SHA-256 {sha256})");
    public static readonly Message ReasonWasBecause = RowWords(null, ["was", "reason"], "{was}：{reason}", "{was}: {reason}");
    public static readonly Message ReasonWaived = RowWords(null, ["approved_by", "expires", "justification", "was", "reason"], "已由 {approved_by} 豁免至 {expires}：{justification}（原为{was}：{reason}）",
        "waived by {approved_by} until {expires}: {justification} (was {was}: {reason})");

    /// <summary>Why a document's word on provenance was set aside: its <c>fact_provenance</c> says so
    /// (<see cref="Model.FactProvenance.OverriddenInDocument"/> is the English, as results files store it).</summary>
    public static readonly Message WhyOverriddenInDocument = RowWords(null, "文档的 fact_provenance 如此标注", Model.FactProvenance.OverriddenInDocument);

    // ---- the outcome and provenance words of every report (console, explain, scorecard, HTML): one declaration each ----
    public static readonly Message OutcomePass = RowWords(null, "通过", "pass");
    public static readonly Message OutcomeFail = RowWords(null, "不通过", "fail");
    public static readonly Message OutcomeError = RowWords(null, "错误", "error");
    public static readonly Message OutcomeNotApplicable = RowWords(null, "不适用", "not applicable");
    public static readonly Message OutcomeNotChecked = RowWords(null, "待评审", "to judge");
    public static readonly Message OutcomeInformational = RowWords(null, "资料性", "informational");
    public static readonly Message OutcomeWaived = RowWords(null, "豁免", "waived");
    public static readonly Message OutcomeNotSelected = RowWords(null, "未选", "not selected");

    public static Message OutcomeWord(Runtime.Outcome o) => o switch
    {
        Runtime.Outcome.Pass => OutcomePass,
        Runtime.Outcome.Fail => OutcomeFail,
        Runtime.Outcome.Error => OutcomeError,
        Runtime.Outcome.NotApplicable => OutcomeNotApplicable,
        Runtime.Outcome.NotChecked => OutcomeNotChecked,
        Runtime.Outcome.Informational => OutcomeInformational,
        Runtime.Outcome.Waived => OutcomeWaived,
        _ => OutcomeNotSelected,
    };

    public static readonly Message ProvenanceMeasured = RowWords(null, "实测", "measured");
    public static readonly Message ProvenanceImported = RowWords(null, "导入", "imported");
    public static readonly Message ProvenanceReviewed = RowWords(null, "评审", "reviewed");
    public static readonly Message ProvenanceDeclared = RowWords(null, "声明", "declared");

    public static Message ProvenanceWord(Model.Provenance p) => p switch
    {
        Model.Provenance.Measured => ProvenanceMeasured,
        Model.Provenance.Imported => ProvenanceImported,
        Model.Provenance.Reviewed => ProvenanceReviewed,
        _ => ProvenanceDeclared,
    };

    /// <summary>The expression of a manual judgment's evidence row (a judgment has no expression of the checklist's; no
    /// expression of a checklist's reads as two bare words, so the English text stands for it in a results file).</summary>
    public static readonly Message JudgedExpression = RowWords(null, "人工评审", "manual judgment");

    public static readonly Message MissingNoDocument = RowWords(null, ["path", "kind"], "{path}（数据包中没有 '{kind}' 文档）", "{path} (no '{kind}' document in the bundle)");
    public static readonly Message MissingAbsent = RowWords(null, ["path", "detail"], "{path}（不存在：{detail}）", "{path} (absent: {detail})");
    public static readonly Message MissingProbeError = RowWords(null, ["path", "detail"], "{path}（探测出错：{detail}）", "{path} (probe error: {detail})");
    public static readonly Message MissingNotApplicable = RowWords(null, ["path", "detail"], "{path}（不适用：{detail}）", "{path} (not applicable: {detail})");
    public static readonly Message MissingNoMatch = RowWords(null, ["function", "path"], "{function}({path}, …)：没有匹配的元素", "{function}({path}, …): no element matches");
    public static readonly Message MissingEmptyList = RowWords(null, ["path"], "{path} 是空列表；all() 至少需要一项才能核对", "{path} is an empty list; all() needs at least one entry to verify");
    public static readonly Message MissingItemNotDecided = RowWords(null, ["id", "outcome"], "条目 '{id}' 为 {outcome}", "item '{id}' is {outcome}");
}

/// <summary>The verdict and the console summary.</summary>
public static partial class Msg
{
    public static readonly Message VerdictVeto = new(null, ["count", "levels", "ids"], "否决：{count} 个“{levels}”级条目不通过或出错（{ids}）", "veto: {count} {levels} item(s) failed or errored ({ids})");
    public static readonly Message VerdictPending = new(null, ["count", "levels", "ids"], "{count} 个“{levels}”级条目待人工评审（{ids}）", "{count} {levels} item(s) await a manual judgment ({ids})");
    public static readonly Message VerdictJudgmentsNotTaken = new(null, ["count"], "；{count} 项人工评审未采用（其文档未经实验室担保：未加封签、封签已损坏或未由受信任的密钥签名）",
        "; {count} manual judgment(s) not taken (their document is not vouched for by the lab: unsealed, seal broken or not signed by a trusted key)");
    public static readonly Message VerdictNotApplicableUnconfirmed = new(null, ["count"], "；{count} 个“应”级条目仅凭厂商声明不适用，未经确认",
        "; {count} shall row(s) not applicable on the vendor's word, not confirmed");
    public static readonly Message VerdictNothingCounted = new(null, "没有计分的条目", "no item counted towards the score");
    public static readonly Message VerdictReaches = new(null, ["score", "pass_at"], "总分 {score} 达到通过分数线 {pass_at}", "score {score} reaches pass_at {pass_at}");
    public static readonly Message VerdictBelow = new(null, ["score", "pass_at"], "总分 {score} 低于通过分数线 {pass_at}", "score {score} is below pass_at {pass_at}");
    public static readonly Message VerdictVetoRemoved = new(null, ["tailoring", "base", "base_veto", "count", "levels"], "否决已被剪裁 {tailoring} 取消（基础清单 {base}：否决级别“{base_veto}”）；{count} 个“{levels}”级条目不通过或出错", "veto removed by tailoring {tailoring} (base {base}: veto {base_veto}); {count} {levels} row(s) failed or errored");
    public static readonly Message VerdictVetoLoosened = new(null, ["base_veto", "veto", "tailoring", "base", "count", "levels"], "否决级别被剪裁 {tailoring} 由“{base_veto}”放宽为“{veto}”（基础清单 {base}）；{count} 个“{levels}”级条目不通过或出错", "veto loosened from {base_veto} to {veto} by tailoring {tailoring} (base {base}); {count} {levels} row(s) failed or errored");
    public static readonly Message VerdictPassAtLowered = new(null, ["base_pass_at", "pass_at", "tailoring", "base"], "通过分数线被剪裁 {tailoring} 由 {base_pass_at} 降为 {pass_at}（基础清单 {base}）", "pass mark lowered from {base_pass_at} to {pass_at} by tailoring {tailoring} (base {base})");
    public static readonly Message NoteSeparator = new(null, "；", "; ");
    public static readonly Message MoreIds = new(null, ["count"], "、…另 {count} 项", ", … {count} more");

    public static readonly Message ConsoleSection = new(null, "章节", "section");
    public static readonly Message ConsoleOutsideSections = new(null, "（不属于任何章节的条目）", "(items outside any section)");
    public static readonly Message ConsoleWeight = new(null, "权重", "weight");
    public static readonly Message ConsoleScore = new(null, "得分", "score");
    // Column heads of the outcome counts, one short word each (the console table is narrow).
    public static readonly Message ConsoleCountHeads = new(null, "通过 不通过 错误 不适用 待评审 资料性 豁免 未选", "pass fail  err  n/a todo info waiv nsel");
    public static readonly Message ConsoleProblems = new(null, ["count"], "不通过与出错的条目（{count}）：", "Failed and errored items ({count}):");
    public static readonly Message ConsoleAllItems = new(null, ["count"], "全部条目（{count}）：", "All items ({count}):");
    // The row's remediation, the checklist's own words: whole.
    public static readonly Message ConsoleFix = RowWords(null, ["fix"], "整改：{fix}", "fix: {fix}");
    // --verbose: where a row's facts came from (its document and provenance), as the JSON, HTML and scorecard give it.
    public static readonly Message ConsoleProvenance = RowWords(null, ["facts"], "依据：{facts}", "from: {facts}");
    public static readonly Message ConsolePending = new(null, ["count"], "{count} 个条目等待人工评判：请在 attestations 文档中记录（docs/facts.md）。",
        "{count} item(s) await a manual judgment: record it in an attestations document (docs/facts.md).");
    public static readonly Message ConsoleCounts = new(null, ["pass", "fail", "error", "notapplicable", "notchecked", "informational", "waived", "notselected", "total"],
        "结果：通过 {pass}，不通过 {fail}，错误 {error}，不适用 {notapplicable}，待评审 {notchecked}，资料性 {informational}，豁免 {waived}，未选 {notselected}（共 {total} 行）",
        "Outcomes: {pass} pass, {fail} fail, {error} error, {notapplicable} not applicable, {notchecked} to judge, {informational} informational, {waived} waived, {notselected} not selected ({total} rows)");
    public static readonly Message ConsoleVerdict = new(null, ["score", "pass_at", "verdict", "reason"], "总分 {score} / 100（通过分数线 {pass_at}）。结论：{verdict} — {reason}",
        "Score {score} / 100 (pass at {pass_at}). Verdict: {verdict} — {reason}");
    public static readonly Message ConsoleOverall = new(null, ["verdict", "count", "each"], "总结论：{verdict} — {count} 个检查单中最差者：{each}",
        "Overall verdict: {verdict} — worst of {count} checklists: {each}");
    public static readonly Message VerdictPass = new(null, "通过", "PASS");
    public static readonly Message VerdictFail = new(null, "不通过", "FAIL");
    public static readonly Message VerdictIncomplete = new(null, "未完成", "INCOMPLETE");
}
