using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>The words iq itself writes into a row's evidence (the actual and expected texts): a value that is missing or
/// null, what an <c>all</c>/<c>any</c>/<c>none</c> found, the order a version comparison used, a long list cut short. The
/// values themselves (<c>2</c>, <c>"x"</c>, <c>64 GiB</c>, versions, <c>true</c>/<c>false</c>) are the checklist's and the
/// facts' own and stay as they are in every language. Each message has a code of its own (IQ80xx), which is how a results
/// file stores it beside the English text (<c>actual_words</c>, <c>expected_words</c>), so that a report re-rendered from the
/// file words it in its language. The English text is the one evidence always held. They are a row's data: their
/// arguments (element names …) are shown whole, never capped as a diagnostic's quotes are (<see cref="RowWords"/>).</summary>
public static partial class Msg
{
    public static readonly Message EvidenceMissing = RowWords(Codes.EvidenceMissing, "缺失", "missing");
    public static readonly Message EvidenceNothing = RowWords(Codes.EvidenceNothing, "无", "nothing");

    // An all/any/none: true or false is the condition's value (the expected side says "true", or "false" under a not), the
    // rest iq's count.
    public static readonly Message EvidenceAllHold = RowWords(Codes.EvidenceAllHold, ["held", "total"], "true：{total} 个中 {held} 个成立", "true: {held} of {total} hold");
    /// <summary>An any() that held: the first elements that held it, each with what it compared (a lab writes down the value).</summary>
    public static readonly Message EvidenceAnyHolds = RowWords(Codes.EvidenceAnyHolds, ["held", "total", "which"], "true：{total} 个中 {held} 个成立（{which}）",
        "true: {held} of {total} hold ({which})");
    /// <summary>An any() that stopped once it had the elements it names: the rest of the list could not change its value.</summary>
    public static readonly Message EvidenceAnyHoldsFirst = RowWords(Codes.EvidenceAnyHoldsFirst, ["held", "read", "total", "which"],
        "true：{total} 个中前 {read} 个有 {held} 个成立（{which}）；any() 已成立，其余未读", "true: {held} of the first {read} of {total} hold ({which}); any() was decided there, the rest not read");
    public static readonly Message EvidenceNoneHolds = RowWords(Codes.EvidenceNoneHolds, ["total"], "true：{total} 个中无一成立", "true: none of {total} holds");
    public static readonly Message EvidenceAllFail = RowWords(Codes.EvidenceAllFail, ["count", "total", "which"], "false：{total} 个中 {count} 个不成立（{which}）",
        "false: {count} of {total} fail ({which})");
    public static readonly Message EvidenceAnyNone = RowWords(Codes.EvidenceAnyNone, ["total", "which"], "false：{total} 个中无一成立（{which}）", "false: none of {total} holds ({which})");
    public static readonly Message EvidenceNoneFail = RowWords(Codes.EvidenceNoneFail, ["count", "total", "which"], "false：{total} 个中 {count} 个成立（{which}）",
        "false: {count} of {total} hold ({which})");
    /// <summary>An all/any/none some of whose elements lacked evidence and none decided it: its value is missing, not false.
    /// Followed by <see cref="EvidenceSomeFail"/> (if any failed it) and <see cref="EvidenceWithout"/>.</summary>
    public static readonly Message EvidenceUndecided = RowWords(Codes.EvidenceUndecided, ["held", "total"], "缺失：{total} 个中 {held} 个成立", "missing: {held} of {total} hold");
    public static readonly Message EvidenceSomeFail = RowWords(Codes.EvidenceSomeFail, ["count", "which"], "，{count} 个不成立（{which}）", ", {count} fail ({which})");
    /// <summary>An all/any/none over an empty list: its value (true, false, or <see cref="EvidenceMissing"/>) and that
    /// nothing was counted, never a count ("true: 0 of 0 hold") that reads as if something had held.</summary>
    public static readonly Message EvidenceListEmpty = RowWords(Codes.EvidenceListEmpty, ["value"], "{value}：列表为空", "{value}: the list is empty");
    /// <summary>After an all/any/none's count: the elements that could be neither held nor failed (their facts missing).</summary>
    public static readonly Message EvidenceWithout = RowWords(Codes.EvidenceWithout, ["count", "which"], "，{count} 个缺少证据（{which}）",
        ", {count} without evidence ({which})");

    /// <summary>After an expected version: the order that compared it (<c>&gt;= 1.2-1 (dpkg order: …)</c>), one of the
    /// <c>VersionOrder…</c> messages (each version scheme's <c>Ordering</c>).</summary>
    public static readonly Message EvidenceOrder = RowWords(Codes.EvidenceOrder, ["order"], "（{order}）", " ({order})");
    public static readonly Message VersionOrderDpkg = RowWords(Codes.VersionOrderDpkg, "dpkg 顺序：Debian 政策，epoch、upstream、revision、~",
        "dpkg order: Debian policy, epoch, upstream, revision, ~");
    public static readonly Message VersionOrderGeneric = RowWords(Codes.VersionOrderGeneric, "通用点分顺序：两侧均无已知的版本方案",
        "generic dotted order: no version scheme known for either side");
    public static readonly Message VersionOrderPep440 = RowWords(Codes.VersionOrderPep440, "PEP 440 顺序：epoch、release、pre、post、dev、local",
        "PEP 440 order: epoch, release, pre, post, dev, local");
    public static readonly Message VersionOrderRpm = RowWords(Codes.VersionOrderRpm, "rpm 顺序：rpmvercmp，epoch、version、release、~、^",
        "rpm order: rpmvercmp, epoch, version, release, ~, ^");
    public static readonly Message VersionOrderSemVer = RowWords(Codes.VersionOrderSemVer, "SemVer 2.0.0 优先级，不计构建元数据",
        "SemVer 2.0.0 precedence, build metadata ignored");

    /// <summary>A list shown by its first elements: how many it has in all.</summary>
    public static readonly Message EvidenceListMore = RowWords(Codes.EvidenceListMore, ["count"], "…（共 {count} 项）", "… ({count} in all)");

    /// <summary>The expected side of an informational item's values: nothing is expected. 资料性 is the standard's word (GB/T 1.1)
    /// for informative content, as the report's outcome word for informational rows.</summary>
    public static readonly Message EvidenceInformational = RowWords(Codes.EvidenceInformational, "（资料性）", "(informational)");

    /// <summary>A manual judgment's evidence: the status the assessor gave, and the pass it is held against; the report's
    /// outcome words (report-messages.yaml, outcome.*).</summary>
    public static readonly Message JudgedPass = RowWords(Codes.JudgedPass, "通过", "pass");
    public static readonly Message JudgedFail = RowWords(Codes.JudgedFail, "不通过", "fail");
    public static readonly Message JudgedNotApplicable = RowWords(Codes.JudgedNotApplicable, "不适用", "notapplicable");
}
