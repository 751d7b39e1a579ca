using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>The iq command: help, usage errors (IQ6xxx), exit codes and what each command says when it is done.</summary>
public static partial class Msg
{
    // ---- help ----
    public static readonly Message HelpTitle = new(null, "iq — AI 医疗器械安装验证（IQ）审计", "iq — installation qualification audits of AI medical devices");
    public static readonly Message HelpUsage = new(null, "用法：", "Usage:");
    public static readonly Message HelpArguments = new(null, "参数：", "Arguments:");
    public static readonly Message HelpOptions = new(null, "选项：", "Options:");
    public static readonly Message HelpCommands = new(null, "命令：", "Commands:");
    public static readonly Message HelpGlobal = new(null, "所有命令通用的选项：", "Options of every command:");
    public static readonly Message HelpExitCodes = new(null, "退出码：", "Exit codes:");
    public static readonly Message HelpOptionsWord = new(null, "选项", "options");
    public static readonly Message HelpCommandWord = new(null, "命令", "command");
    public static readonly Message HelpMore = new(null, "运行 'iq 命令 --help' 查看某个命令的说明。", "Run 'iq COMMAND --help' for a command's options.");
    public static readonly Message HelpDefault = new(null, ["value"], "（默认：{value}）", " (default: {value})");
    public static readonly Message HelpAlias = new(null, ["alias"], "（也可写作 {alias}）", " (also {alias})");
    public static readonly Message OptHelp = new(null, "显示帮助与退出码", "Show help and the exit codes");
    public static readonly Message OptVersion = new(null, "显示版本", "Show the version");
    public static readonly Message OptLang = new(null, "信息、帮助与报告的语言：zh 或 en（默认：信息随 LANG/LC_ALL/LC_MESSAGES，报告用 zh）",
        "Language of messages, help and reports: zh or en (default: messages follow LANG/LC_ALL/LC_MESSAGES, reports zh)");
    public static readonly Message OptQuiet = new(null, "只输出结论行（错误照常输出到标准错误）", "Print the verdict line only (errors still go to stderr)");
    public static readonly Message OptVerbose = new(null, "输出每个条目的证据", "Print the evidence of every item");

    // ---- exit codes: one table for every command ----
    public static readonly Message ExitPass = new(null, "通过（iq diff：没有变差）", "verdict pass (iq diff: nothing worse)");
    public static readonly Message ExitFail = new(null, "不通过或未完成（iq diff：有变差）", "verdict fail or incomplete (iq diff: something worse)");
    public static readonly Message ExitInvalid = new(null, "输入无效或用法错误：给出信息，不输出堆栈（iq fleet：有数据包无法评价，并已记录）",
        "invalid input or usage: a message, never a stack trace (iq fleet: some bundle could not be evaluated, and it is recorded)");
    public static readonly Message ExitInternal = new(null, "内部错误", "internal error");
    public static readonly Message ExitInterrupted = new(null, "被中断（SIGINT/SIGTERM），不留下不完整的输出", "interrupted (SIGINT/SIGTERM), nothing partial left");

    // ---- usage errors (IQ6xxx) ----
    public static readonly Message UnknownOption = new(Codes.UnknownOption, ["option", "hint"], "未知选项 '{option}'{hint}", "unknown option '{option}'{hint}");
    public static readonly Message UnknownCommand = new(Codes.UnknownCommand, ["command", "hint"], "未知命令 '{command}'{hint}", "unknown command '{command}'{hint}");
    public static readonly Message UnexpectedArgument = new(Codes.UnknownCommand, ["argument"], "多余的参数 '{argument}'", "unexpected argument '{argument}'");
    public static readonly Message CommandLine = new(Codes.BadOption, ["reason"], "命令行有误：{reason}", "bad command line: {reason}");
    // The command line parser's findings, worded here (its own sentences are English whatever --lang says).
    public static readonly Message MissingArgument = new(Codes.MissingInput, ["command", "argument"], "{command}：缺少 {argument}", "{command}: missing {argument}");
    public static readonly Message MissingCommand = new(Codes.MissingInput, ["command", "commands"], "{command}：缺少命令；应为 {commands}", "{command}: missing a command; expected {commands}");
    public static readonly Message MissingOption = new(Codes.MissingInput, ["command", "option"], "{command}：缺少 {option}（必须给出）", "{command}: missing {option} (required)");
    public static readonly Message OptionNeedsValue = new(Codes.BadOption, ["option", "value"], "{option} 需要一个值（{value}）", "{option} needs a value ({value})");
    public static readonly Message OptionOneValue = new(Codes.BadOption, ["option"], "{option} 只能有一个值", "{option} takes one value");
    public static readonly Message MissingInput = new(Codes.MissingInput, ["name", "alias"], "缺少 {name}（作为位置参数，或 {alias}）", "missing {name} (as an argument, or {alias})");
    public static readonly Message TwoInputs = new(Codes.BadOption, ["name", "alias"], "{name} 给了两次：位置参数与 {alias} 只能给一个", "{name} given twice: give the argument or {alias}, not both");
    public static readonly Message NeedsSize = new(Codes.BadOption, ["option", "value"], "{option} 需要正的大小，如 \"2 GiB\" 或 1048576，实际为 '{value}'",
        "{option} needs a positive size such as \"2 GiB\" or 1048576, got '{value}'");
    public static readonly Message NeedsDuration = new(Codes.BadOption, ["option", "value"], "{option} 需要正的时长，如 \"30 s\"，实际为 '{value}'",
        "{option} needs a positive duration such as \"30 s\", got '{value}'");
    public static readonly Message NotInRange = new(Codes.BadOption, ["option", "min", "max", "value"], "{option} 应在 {min} 与 {max} 之间，实际为 {value}",
        "{option} must be between {min} and {max}, got {value}");
    public static readonly Message OptMaxInputSize = new(null, "本次运行中每个输入文件的大小上限（提高或降低），如 \"2 GiB\"（见 docs/limits.md）",
        "Raise (or lower) the size limit of every input file for this run, e.g. \"2 GiB\" (docs/limits.md)");
    public static readonly Message BadTimeZone = new(Codes.BadOption, ["option", "value"], "{option}：'{value}' 不是时区；应为 IANA 名称（如 Asia/Shanghai、UTC）或 ±hh:mm（如 +08:00）",
        "{option}: '{value}' is not a time zone; expected an IANA name (such as Asia/Shanghai or UTC) or ±hh:mm (such as +08:00)");
    public static readonly Message NotOneOf = new(Codes.BadOption, ["option", "value", "choices"], "{option} 的值 '{value}' 无效；应为 {choices}", "{option}: '{value}' is not valid; expected {choices}");
    public static readonly Message NeedsPairs = new(Codes.BadOption, ["option", "form", "value"], "{option} 需要 {form}，实际为 '{value}'", "{option} needs {form}, got '{value}'");
    public static readonly Message AsOfOutOfRange = new(Codes.BadOption, ["date"], "--as-of 的日期须在 0002 至 9998 年之间（审核要在该日期前后推算天数），而不是 '{date}'",
        "--as-of must be a date in the years 0002 to 9998 (an audit counts days before and after it), not '{date}'");
    public static readonly Message NeedsDate = new(Codes.BadOption, ["option", "value"], "{option} 需要 ISO 8601 日期，实际为 '{value}'", "{option} needs an ISO 8601 date, got '{value}'");
    public static readonly Message NeedsPositive = new(Codes.BadOption, ["option", "value"], "{option} 必须为正数，实际为 {value}", "{option} must be positive, got {value}");
    public static readonly Message NeedsZeroOrMore = new(Codes.BadOption, ["option", "value"], "{option} 必须不小于 0，实际为 {value}", "{option} must be 0 or more, got {value}");
    public static readonly Message NotANumber = new(Codes.BadOption, ["option", "value"], "{option}：不是数字：'{value}'", "{option}: not a number: '{value}'");
    public static readonly Message NotAnInteger = new(Codes.BadOption, ["option", "max", "value"], "{option}：不是整数（至多 {max}）：'{value}'", "{option}: not an integer (at most {max}): '{value}'");
    public static readonly Message NotADuration = new(Codes.BadOption, ["option", "value"], "{option}：不是时长：'{value}'", "{option}: not a duration: '{value}'");
    public static readonly Message NotAFolderOption = new(Codes.BadOption, ["option", "value"], "{option}：不是文件夹：{value}", "{option}: not a folder: {value}");
    public static readonly Message GiveKind = new(Codes.MissingInput, ["kinds"], "请给出文档种类（{kinds} 之一）或 --markdown", "give a document kind ({kinds}) or --markdown");
    public static readonly Message UnknownKindOption = new(Codes.BadOption, ["kind", "kinds"], "未知的文档种类 '{kind}'；应为 {kinds}", "unknown kind '{kind}'; expected {kinds}");
    public static readonly Message GiveSnapshotInput = new(Codes.MissingInput, "请给出要快照的文件夹，或 --compare BEFORE AFTER", "give a folder to snapshot, or --compare BEFORE AFTER");
    public static readonly Message GiveSnapshotOutput = new(Codes.MissingInput, "请用 -o FILE 给出快照文件", "give -o FILE for the snapshot");
    public static readonly Message GiveLogFormat = new(Codes.MissingInput, ["file", "formats"], "无法从 {file} 的文件名或内容判断格式：请用 --format 给出（{formats}）",
        "cannot tell the format of {file} from its name or first lines: give --format ({formats})");
    public static readonly Message GlobTooComplex = new(null, ["glob", "limit"], "模式 '{glob}' 过于复杂（上限约 {limit} 个通配符）",
        "the pattern '{glob}' is too complex (the limit is about {limit} wildcards)");
    public static readonly Message OptionProblem = new(Codes.BadOption, ["option", "problem"], "{option}：{problem}", "{option}: {problem}");
    // A TLS endpoint given to --tls, or named by a plan given to --plan (quoted as written).
    public static readonly Message TlsEndpointNotIpv6 = new(null, ["text"], "'{text}'：应为 [IPv6]:PORT（[IPv6 地址]:端口）", "'{text}': expected [IPv6]:PORT");
    public static readonly Message TlsEndpointNotHostPort = new(null, ["text"], "'{text}'：应为 HOST:PORT（主机:端口）", "'{text}': expected HOST:PORT");
    public static readonly Message TlsEndpointBadPort = new(null, ["text"], "'{text}'：端口必须是 1 到 65535 之间的数", "'{text}': the port must be a number from 1 to 65535");
    public static readonly Message TlsEndpointNoHost = new(null, ["text"], "'{text}'：没有主机名", "'{text}': no host");
    public static readonly Message PlanEndpointsNotList = new(null, ["file"], "{file}：$.facts.endpoints：应为列表", "{file}: $.facts.endpoints: expected a list");
    public static readonly Message PlanEndpointNotString = new(null, ["at"], "{at}：应为字符串 HOST:PORT（主机:端口）", "{at}: expected a string HOST:PORT");
    public static readonly Message PlanEndpointBad = new(null, ["at", "problem"], "{at}：{problem}", "{at}: {problem}");
    public static readonly Message StdoutOnce = new(Codes.BadOption, "只能有一个输出写到标准输出（-）", "only one output can go to stdout (-)");
    public static readonly Message EvidenceInput = new(Codes.BadEvidence, ["message"], "{message}", "{message}");
    public static readonly Message OpenSslMissing = new(Codes.MissingTool, ["tried"],
        "iq 需要 OpenSSL 的 libssl，但未能加载（已尝试 {tried}）：请安装 OpenSSL（Debian/Ubuntu：apt-get install libssl3，较新版本为 libssl3t64；RHEL：dnf install openssl-libs）",
        "iq needs OpenSSL's libssl and none could be loaded (tried {tried}): install OpenSSL (Debian/Ubuntu: apt-get install libssl3, or libssl3t64 on newer releases; RHEL: dnf install openssl-libs)");
    public static readonly Message InternalError = new(null, ["type", "message"], "内部错误：{type}：{message}", "internal error: {type}: {message}");
    public static readonly Message InternalErrorHint = new(null, "（设置 IQ_DEBUG=1 查看详情）", "(set IQ_DEBUG=1 for details)");
    public static readonly Message Interrupted = new(null, ["signal"], "已中断（{signal}）；未留下不完整的输出", "interrupted ({signal}); nothing partial left");

    // ---- what commands say ----
    public static readonly Message Written = new(null, ["path"], "已写入：{path}", "Written: {path}");
    public static readonly Message ProbedIn = new(null, ["seconds", "dir"], "已探测本机，用时 {seconds} 秒 → {dir}", "Probed this machine in {seconds} s → {dir}");
    public static readonly Message CheckOk = new(null, ["path", "id", "version", "sections", "items", "automatic", "manual", "params", "rules"],
        "{path}：通过 — 检查单 \"{id}\" {version}：{sections} 个章节，{items} 个条目（{automatic} 个自动，{manual} 个人工），{params} 个参数，{rules} 条 NRules 规则",
        "{path}: ok — checklist \"{id}\" {version}: {sections} sections, {items} items ({automatic} automatic, {manual} manual), {params} params, {rules} NRules rules");
    // iq check --rules: the rule network, one rule a block (names as written).
    public static readonly Message CheckRule = new(null, ["name", "kind"], "规则 \"{name}\"（{kind}）", "rule \"{name}\" ({kind})");
    public static readonly Message CheckRuleItems = new(null, ["items"], "  条目     {items}", "  items    {items}");
    public static readonly Message CheckRuleMatches = new(null, ["matches"], "  匹配     {matches}", "  matches  {matches}");
    public static readonly Message CheckTheAuditRun = new(null, "审核运行本身", "the audit run");
    public static readonly Message CheckRuleAfter = new(null, ["rules"], "  之后     {rules}（它们的结果是它所匹配的事实）", "  after    {rules} (their outcomes are facts it matches)");
    public static readonly Message CheckNoRule = new(null, ["item", "reason"], "\"{item}\" 没有规则：已被剪裁禁用（{reason}）", "no rule for \"{item}\": disabled by tailoring ({reason})");
    public static readonly Message ProbeDone = new(null, ["software", "errors", "seconds", "dir"],
        "已探测：{software} 个软件条目，{errors} 个探测错误，用时 {seconds} 秒；事实已写入 {dir}/environment.json、software.json 和 security.json",
        "Probed {software} software entries, {errors} probe error(s) in {seconds} s; facts written to {dir}/environment.json, software.json and security.json");
    public static readonly Message ManualTemplateDone = new(null, ["count", "path"], "已将 {count} 个人工条目写入 {path}", "{count} manual items written to {path}");
    public static readonly Message LogsDone = new(null, ["files", "lines", "events", "unparsed", "tasks", "sources", "dir"],
        "{files} 个文件：{lines} 行，{events} 个事件，{unparsed} 行未解析，{tasks} 个任务；{dir}/logs.json 现含 {sources} 个日志来源",
        "{files} file(s): {lines} lines, {events} events, {unparsed} not parsed, {tasks} tasks; {dir}/logs.json now holds {sources} log source(s)");
    public static readonly Message LogsFile = new(null, ["file", "format", "lines", "events", "unparsed"], "  {file}（{format}）：{lines} 行，{events} 个事件，{unparsed} 行未解析",
        "  {file} ({format}): {lines} lines, {events} events, {unparsed} not parsed");
    public static readonly Message LogsSyslogYear = new(null, ["file", "reference", "from"], "  {file}：syslog 时间不含年份，按 {reference}（{from}）推断：晚于该月的月份属上一年，12 月 → 1 月进入下一年",
        "  {file}: syslog times carry no year; years read against {reference} ({from}): a month later than its month is the year before, Dec → Jan the next year");
    public static readonly Message LogsLocalTimes = new(null, ["file", "count", "zone"], "  {file}：{count} 个时间不含时区偏移，按 {zone} 的当地时间读取（--tz 指定写日志的机器所在的时区），记入 logs.json 的 local_times",
        "  {file}: {count} times carry no offset; read as wall-clock times in {zone} (--tz names the zone of the machine that wrote them), recorded in logs.json as local_times");
    public static readonly Message LogsAsOfYear = new(Codes.BadOption, ["date"], "--as-of：syslog 时间（不含年份）以该日期推算年份，其年份须在 0002 至 9998 之间（前后一年都须可表示），而不是 '{date}'",
        "--as-of: syslog times (which carry no year) take their year from this date, which must lie in the years 0002 to 9998 (the year before and after must be representable), not '{date}'");
    public static readonly Message LogsYearFromAsOf = new(null, "--as-of", "--as-of");
    public static readonly Message LogsYearFromMtime = new(null, "文件的最后修改时间", "the file's last modification time");
    public static readonly Message RunOrRollbackTime = new(Codes.BadOption, "--run 测量回滚耗时，--rollback-time 手工填写耗时：二者只能给一个",
        "--run measures the rollback time; --rollback-time types one in: give one of them");
    public static readonly Message OptionGivenTwice = new(Codes.BadOption, ["option", "first", "second"], "{option} 给出了两次且取值不同：'{first}' 与 '{second}'；只给一次",
        "{option} is given twice with different values: '{first}' and '{second}'; give it once");
    public static readonly Message OptionRepeated = new(Codes.BadOption, ["option", "value"], "{option} 给出了不止一次（'{value}'）；只给一次",
        "{option} is given more than once ('{value}'); give it once");
    public static readonly Message RunNeedsCommand = new(Codes.BadOption, "--run：请在 -- 之后给出回滚命令，如 --run -- /opt/vendor/rollback.sh --yes",
        "--run: give the rollback command after --, e.g. --run -- /opt/vendor/rollback.sh --yes");
    public static readonly Message RunAfterFolder = new(Codes.BadOption, ["after"], "--run：AFTER 必须是回滚所恢复的文件夹（命令结束后由 iq 为其做快照），而不是 '{after}'",
        "--run: AFTER must be the folder the rollback restores (iq snapshots it when the command ends), not '{after}'");
    public static readonly Message CompareTakesTwo = new(Codes.BadOption, "--compare 只接受 BEFORE AFTER；要运行的命令写在 --run -- 之后",
        "--compare takes BEFORE AFTER; a command to run goes after --run --");
    public static readonly Message SnapshotNotAsWritten = new(null, ["path", "problem"], "{path}：{problem}；比较结果记为声明值", "{path}: {problem}; the comparison is recorded as declared");
    public static readonly Message RollbackTook = new(null, ["seconds"], "回滚耗时 {seconds} 秒；", "rollback took {seconds} s; ");
    public static readonly Message RollbackFailedAfter = new(null, ["failure", "seconds"], "回滚命令{failure}（{seconds} 秒后）；", "rollback {failure} after {seconds} s; ");
    public static readonly Message RollbackLeftRunning = new(null, ["count", "processes"], "回滚命令已退出，但留下 {count} 个仍在运行的进程：{processes}；未终止它们（可能是回滚恢复的服务），已记录在 rollback.left_running 中；回滚耗时只计命令本身",
        "the rollback command exited and left {count} processes running: {processes}; they were not stopped (they may be the service the rollback restored) and are recorded in rollback.left_running; the duration is the command's own");
    public static readonly Message RollbackStoppedLeft = new(null, ["count", "processes"], "随回滚命令一并终止了它启动的 {count} 个进程：{processes}；已记录在 rollback.left_running 中",
        "{count} processes the rollback command started were stopped with it: {processes}; recorded in rollback.left_running");
    public static readonly Message SnapshotDone = new(null, ["count", "path"], "已将 {count} 个文件的快照写入 {path}", "{count} files snapshotted to {path}");
    public static readonly Message RollbackDone = new(null, ["added", "removed", "changed", "modes", "dir"], "新增 {added}，删除 {removed}，修改 {changed}，权限变化 {modes}；已写入 {dir}/rollback.json",
        "{added} added, {removed} removed, {changed} changed, {modes} permission changes; written to {dir}/rollback.json");
    public static readonly Message TestsLocalTimes = new(null, ["count", "zone"], "  {count} 个测试套件的时间戳不含时区，按 {zone} 的当地时间读取（--tz 指定运行测试的机器所在的时区），记入 tests.json 的 local_times",
        "  {count} suite timestamps carry no zone; read as wall-clock times in {zone} (--tz names the zone of the machine that ran the tests), recorded in tests.json as local_times");
    public static readonly Message TestsDone = new(null, ["total", "failed", "skipped", "dir"], "{total} 个测试，{failed} 个失败，{skipped} 个跳过；已写入 {dir}/tests.json",
        "{total} tests, {failed} failed, {skipped} skipped; written to {dir}/tests.json");
    public static readonly Message ManifestSummary = new(null, ["id", "version", "format", "format_version", "components", "listed", "verified"],
        "{id} {version}（{format} {format_version}）：{components} 个组件，{listed} 个文件带哈希；已核对 {verified}",
        "{id} {version} ({format} {format_version}): {components} components, {listed} files with hashes; verified {verified}");
    public static readonly Message ManifestFiles = new(null, ["missing", "missing_names", "changed", "changed_names", "rejected", "rejected_names", "extra", "extra_names"],
        "缺失 {missing}{missing_names}；变化 {changed}{changed_names}；拒绝 {rejected}{rejected_names}；多余 {extra}{extra_names}",
        "{missing} missing{missing_names}; {changed} changed{changed_names}; {rejected} rejected{rejected_names}; {extra} extra{extra_names}");
    public static readonly Message NotChecked = new(null, ["why"], "未核对（{why}）", "not checked ({why})");
    public static readonly Message WrittenTo = new(null, ["path"], "已写入 {path}", "written to {path}");
    public static readonly Message BaselineDone = new(null, ["partial", "model", "provider", "mean", "concurrency", "metric", "dir"],
        "{partial}{model} 在 {provider} 上的基线：单流平均 {mean} ms，最大并发 {concurrency}{metric}；已写入 {dir}/baseline.json",
        "{partial}baseline of {model} on {provider}: single-stream mean {mean} ms, max concurrency {concurrency}{metric}; written to {dir}/baseline.json");
    public static readonly Message BaselinePartial = new(null, "提前停止；不完整的", "Stopped early; partial ");
    public static readonly Message BaselineAccuracy = new(null, ["value"], "，准确率 {value}", ", accuracy {value}");
    public static readonly Message BaselineDice = new(null, ["value"], "，Dice {value}", ", Dice {value}");
}
