using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>The fix of an <c>error</c> row (<see cref="Runtime.ErrorFixes"/>): what the lab does so that the row can be
/// decided, chosen by why it could not be (the fact missing and whether its document is declared or measured, the finding
/// that contradicts it, the provenance it lacks), never the item's own fix, which says how to repair a failure. Coded
/// (IQ81xx) as evidence words are, so that a results file keeps them (<c>fix_words</c>) and a report re-rendered from it
/// words them in its language. The commands are iq's own and stay as they are in every language.</summary>
public static partial class Msg
{
    public static readonly Message FixDeclare = RowWords(Codes.FixDeclare, ["facts", "document"], "在 {document} 中声明 {facts}", "declare {facts} in {document}");
    public static readonly Message FixMeasure = RowWords(Codes.FixMeasure, ["facts", "command"], "在被安装的主机上测量 {facts}：{command}",
        "measure {facts} on the installed host: {command}");
    public static readonly Message FixImport = RowWords(Codes.FixImport, ["facts", "command"], "导入 {facts}：{command}", "import {facts}: {command}");
    public static readonly Message FixDecideFirst = RowWords(Codes.FixDecideFirst, ["item"], "先使条目 {item} 得出结果：本行依据其结果",
        "settle item {item} first: this row rests on its outcome");
    public static readonly Message FixRetestAfterInstall = RowWords(Codes.FixRetestAfterInstall, ["command"],
        "在安装完成后重新运行功能测试，并导入其报告：{command}", "re-run the tests after the installation has finished and import the report: {command}");
    public static readonly Message FixRemeasureAfterInstall = RowWords(Codes.FixRemeasureAfterInstall, ["command"],
        "在安装完成后重新测量基线性能：{command}", "measure the baseline again after the installation has finished: {command}");
    /// <summary>A document measured on the host before the installation began (<c>collected_before_installation</c>): the
    /// same document measured again on the installed system, with the command its kind is measured with.</summary>
    public static readonly Message FixRecollectAfterInstall = RowWords(Codes.FixRecollectAfterInstall, ["document", "command"],
        "在安装之后于被安装的主机上重新测量 {document}：{command}", "measure {document} again on the installed host after the installation: {command}");
    public static readonly Message FixTestsTotals = RowWords(Codes.FixTestsTotals, ["command"],
        "重新导入完整的测试报告，使总数与各测试套件之和一致：{command}", "import the whole test report again, so that its totals are the sums of its suites: {command}");
    public static readonly Message FixTestsUntimed = RowWords(Codes.FixTestsUntimed, ["command"],
        "导入带有测试运行时间（JUnit timestamp）的测试报告：{command}", "import a test report that gives the times the tests ran (JUnit timestamp): {command}");
    public static readonly Message FixOtherHost = RowWords(Codes.FixOtherHost, ["document", "host"],
        "在被安装的主机 {host} 上重新采集 {document}", "collect {document} again on the installed host {host}");
    public static readonly Message FixMeasuredRequired = RowWords(Codes.FixMeasuredRequired, ["facts", "command"],
        "由 iq 在被安装的主机上测量 {facts}，并保留其封签：{command}", "have iq measure {facts} on the installed host and keep its seal: {command}");
    public static readonly Message FixTypeMismatch = RowWords(Codes.FixTypeMismatch, "按 docs/facts.md 更正文档中该事实的类型，或更正检查单的条件",
        "correct the fact's type in its document (docs/facts.md), or the checklist's condition");
    public static readonly Message FixEvaluation = RowWords(Codes.FixEvaluation, "更正检查单的条件或其读取的事实（见说明）",
        "correct the checklist's condition or the facts it reads (see the message)");
}
