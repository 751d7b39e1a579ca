using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>What a configuration reader found wrong in a file a probe read (IQ73xx: <c>/etc/passwd:9: UID and GID must be
/// numbers</c>), and why a file could not be read at all (IQ736x), each a fact reason of its own: the probe stores it quoted in
/// IQ7062-IQ7065 and a report words it in its language. The words a file or a tool gave (a value, a line) stay as written.
/// English texts are the ones the readers always wrote.</summary>
public static partial class Msg
{
    public static readonly Message ConfigFieldCount = RowWords(Codes.ConfigFieldCount, ["expected", "found"], "应为以 ':' 分隔的 {expected} 个字段，实际为 {found} 个", "expected {expected} fields separated by ':', found {found}");
    public static readonly Message ConfigUidGidNotNumbers = RowWords(Codes.ConfigUidGidNotNumbers, "UID 和 GID 必须是数字", "UID and GID must be numbers");
    public static readonly Message ConfigNotGroupLine = RowWords(Codes.ConfigNotGroupLine, "应为 name:password:GID:members（组名:密码:GID:成员）", "expected name:password:GID:members");
    public static readonly Message ConfigUnbalancedClose = RowWords(Codes.ConfigUnbalancedClose, "多余的 }：前面没有与之配对的 {", "unbalanced }");
    public static readonly Message ConfigUnbalancedOpen = RowWords(Codes.ConfigUnbalancedOpen, "{ 未闭合：后面没有与之配对的 }", "unbalanced {");
    public static readonly Message ConfigChainNoPolicy = RowWords(Codes.ConfigChainNoPolicy, "链（chain）行需要给出策略", "a chain line needs a policy");
    public static readonly Message ConfigNotIptablesSave = RowWords(Codes.ConfigNotIptablesSave, "不是 iptables-save 输出的行", "not an iptables-save line");
    public static readonly Message ConfigTooFewFields = RowWords(Codes.ConfigTooFewFields, ["expected", "found"], "应至少有 {expected} 个字段，实际为 {found} 个", "expected at least {expected} fields, found {found}");
    public static readonly Message ConfigNotSocketLine = RowWords(Codes.ConfigNotSocketLine, "不是十六进制的“地址:端口”，或没有 inode", "not an address:port in hex, or no inode");
    public static readonly Message ConfigIncludeTooDeep = RowWords(Codes.ConfigIncludeTooDeep, "include 嵌套过深", "include nested too deep");
    public static readonly Message ConfigNotFound = RowWords(Codes.ConfigNotFound, "未找到", "not found");
    public static readonly Message ConfigBlockInBlock = RowWords(Codes.ConfigBlockInBlock, "{ … } 块中又出现了 {", "a { inside a { … } block");
    public static readonly Message ConfigBlockNoPath = RowWords(Codes.ConfigBlockNoPath, "{ 之前没有日志路径", "{ without a log path");
    public static readonly Message ConfigCloseWithoutOpen = RowWords(Codes.ConfigCloseWithoutOpen, "} 没有对应的 {", "} without {");
    public static readonly Message ConfigNeedsNumber = RowWords(Codes.ConfigNeedsNumber, ["directive"], "{directive} 需要一个数字", "{directive} needs a number");
    public static readonly Message ConfigIncludeNoPath = RowWords(Codes.ConfigIncludeNoPath, "include 需要一个路径", "include needs a path");
    public static readonly Message ConfigOpenWithoutClose = RowWords(Codes.ConfigOpenWithoutClose, "{ 没有对应的 }", "{ without }");
    public static readonly Message ConfigNotKeyValue = RowWords(Codes.ConfigNotKeyValue, "应为 Key=Value（键=值）", "expected Key=Value");
    public static readonly Message ConfigNotTimeSpan = RowWords(Codes.ConfigNotTimeSpan, ["value"], "MaxRetentionSec：不是时间长度：\"{value}\"", "MaxRetentionSec: not a time span: \"{value}\"");
    public static readonly Message ConfigSudoIncludesTooDeep = RowWords(Codes.ConfigSudoIncludesTooDeep, "包含的文件嵌套过深或数量过多", "includes nested too deep or too many files");
    public static readonly Message ConfigDirectiveNoPath = RowWords(Codes.ConfigDirectiveNoPath, ["directive"], "{directive} 没有给出路径", "{directive} without a path");
    public static readonly Message ConfigUnclosedParen = RowWords(Codes.ConfigUnclosedParen, "( 未闭合", "unclosed (");
    public static readonly Message ConfigUnexpectedParen = RowWords(Codes.ConfigUnexpectedParen, "多余的 )", "unexpected )");
    public static readonly Message ConfigUnterminatedQuote = RowWords(Codes.ConfigUnterminatedQuote, "引号未闭合", "unterminated quote");
    public static readonly Message ConfigAliasNotList = RowWords(Codes.ConfigAliasNotList, ["alias"], "{alias}：应为 NAME = 列表", "{alias}: expected NAME = list");
    public static readonly Message ConfigAliasEmpty = RowWords(Codes.ConfigAliasEmpty, ["alias", "name"], "{alias} {name}：列表为空", "{alias} {name}: empty list");
    public static readonly Message ConfigNotSudoRule = RowWords(Codes.ConfigNotSudoRule, "不是 sudoers 规则：应为 USERS HOSTS = COMMANDS（用户 主机 = 命令）", "not a sudoers rule: expected USERS HOSTS = COMMANDS");
    public static readonly Message ConfigSudoNoCommand = RowWords(Codes.ConfigSudoNoCommand, "此规则缺少命令", "a command is missing in this rule");
    public static readonly Message ConfigSudoAfterColon = RowWords(Codes.ConfigSudoAfterColon, "':' 之后应为 HOSTS = COMMANDS（主机 = 命令）", "expected HOSTS = COMMANDS after ':'");
    public static readonly Message ConfigSudoUnexpected = RowWords(Codes.ConfigSudoUnexpected, ["token"], "此规则中不应出现 '{token}'", "unexpected '{token}' in this rule");
    public static readonly Message ConfigTooManyIncludes = RowWords(Codes.ConfigTooManyIncludes, ["max"], "包含的文件超过 {max} 个；其余文件未读取", "more than {max} files included; the rest is not read");
    public static readonly Message ConfigMatchNoCriteria = RowWords(Codes.ConfigMatchNoCriteria, "Match 没有给出条件", "Match without criteria");
    public static readonly Message ConfigNoArgument = RowWords(Codes.ConfigNoArgument, ["keyword"], "关键字 \"{keyword}\" 后没有参数", "no argument after keyword \"{keyword}\"");
    public static readonly Message ConfigIncludeDeeper = RowWords(Codes.ConfigIncludeDeeper, ["max"], "Include 嵌套超过 {max} 层", "Include nested deeper than {max}");
    public static readonly Message ConfigExpectedYesNo = RowWords(Codes.ConfigExpectedYesNo, ["keyword", "value"], "{keyword}：应为 yes 或 no，实际为 \"{value}\"", "{keyword}: expected yes or no, got \"{value}\"");
    public static readonly Message ConfigExpectedRootLogin = RowWords(Codes.ConfigExpectedRootLogin, ["keyword", "value"], "{keyword}：应为 yes、no、prohibit-password 或 forced-commands-only，实际为 \"{value}\"", "{keyword}: expected yes, no, prohibit-password or forced-commands-only, got \"{value}\"");
    public static readonly Message ConfigNotKeywordValue = RowWords(Codes.ConfigNotKeywordValue, "不是“关键字 值”形式的行", "not a \"keyword value\" line");
    public static readonly Message ConfigNoValue = RowWords(Codes.ConfigNoValue, ["option"], "{option} 没有值", "{option} without a value");
    public static readonly Message ConfigPrintedTwice = RowWords(Codes.ConfigPrintedTwice, ["keyword"], "{keyword} 输出了两次", "{keyword} printed twice");
    public static readonly Message ConfigPamIncludeCycle = RowWords(Codes.ConfigPamIncludeCycle, "包含的文件嵌套过深或形成循环", "includes nested too deep, or in a cycle");
    public static readonly Message ConfigIncludedNotFound = RowWords(Codes.ConfigIncludedNotFound, "被包含但未找到", "included but not found");
    public static readonly Message ConfigUnclosedBracket = RowWords(Codes.ConfigUnclosedBracket, "[ 未闭合", "unclosed [");
    public static readonly Message ConfigPamIncludeNoFile = RowWords(Codes.ConfigPamIncludeNoFile, "@include 没有给出文件", "@include without a file");
    public static readonly Message ConfigPamUnknownType = RowWords(Codes.ConfigPamUnknownType, ["type"], "未知的 PAM 类型 \"{type}\"", "unknown PAM type \"{type}\"");
    public static readonly Message ConfigPamLineShort = RowWords(Codes.ConfigPamLineShort, "PAM 行需要类型、控制标志和模块", "a PAM line needs a type, a control and a module");
    public static readonly Message ConfigWatchNotAbsolute = RowWords(Codes.ConfigWatchNotAbsolute, "-w 需要绝对路径", "-w needs an absolute path");
    public static readonly Message ConfigWatchPermissions = RowWords(Codes.ConfigWatchPermissions, ["perms"], "-p {perms}：权限只能是 r、w、x、a", "-p {perms}: permissions are r, w, x, a");
    public static readonly Message ConfigNeedsActionList = RowWords(Codes.ConfigNeedsActionList, ["option"], "{option} 需要 action,list（动作,列表）", "{option} needs action,list");
    public static readonly Message ConfigNotActionList = RowWords(Codes.ConfigNotActionList, ["option", "value"], "{option} {value}：应为 action,list（动作,列表），例如 always,exit", "{option} {value}: expected action,list such as always,exit");
    public static readonly Message ConfigNotFieldValue = RowWords(Codes.ConfigNotFieldValue, ["value"], "-F {value}：应为 field=value（字段=值）", "-F {value}: expected field=value");
    public static readonly Message ConfigNotAuditRule = RowWords(Codes.ConfigNotAuditRule, ["line"], "不是审计规则：{line}", "not an audit rule: {line}");
    public static readonly Message ReadNotFound = RowWords(Codes.ReadNotFound, "文件不存在", "File not found");
    public static readonly Message ReadDenied = RowWords(Codes.ReadDenied, "无法读取：权限不足", "Cannot read: permission denied");
    public static readonly Message ReadErrno = RowWords(Codes.ReadErrno, ["errno"], "无法读取（errno {errno}）", "Cannot read (errno {errno})");
    public static readonly Message ReadFailed = RowWords(Codes.ReadFailed, ["reason"], "无法读取：{reason}", "Cannot read: {reason}");
    public static readonly Message ReadIoFailed = RowWords(Codes.ReadIoFailed, ["reason"], "读取失败：{reason}", "cannot be read: {reason}");
    public static readonly Message ReadTooLarge = RowWords(Codes.ReadTooLarge, ["size", "limit", "option"], "过大：{size} 字节；探测读取的配置文件的上限为 {limit} 字节（可用 {option} 提高上限）", "Too large: {size} bytes; the limit for a file a probe reads is {limit} bytes (raise it with {option})");
    public static readonly Message ReadTooLargeGrowing = RowWords(Codes.ReadTooLargeGrowing, ["limit", "option"], "过大：超过 {limit} 字节；探测读取的配置文件的上限为 {limit} 字节（可用 {option} 提高上限）", "Too large: more than {limit} bytes; the limit for a file a probe reads is {limit} bytes (raise it with {option})");
    public static readonly Message ReadNotRegularFolder = RowWords(Codes.ReadNotRegularFolder, "不是普通文件：文件夹", "Not a regular file: a folder");
    public static readonly Message ReadNotRegularFifo = RowWords(Codes.ReadNotRegularFifo, "不是普通文件：FIFO（命名管道）", "Not a regular file: a FIFO (named pipe)");
    public static readonly Message ReadNotRegularCharDevice = RowWords(Codes.ReadNotRegularCharDevice, "不是普通文件：字符设备", "Not a regular file: a character device");
    public static readonly Message ReadNotRegularBlockDevice = RowWords(Codes.ReadNotRegularBlockDevice, "不是普通文件：块设备", "Not a regular file: a block device");
    public static readonly Message ReadNotRegularSocket = RowWords(Codes.ReadNotRegularSocket, "不是普通文件：套接字", "Not a regular file: a socket");
    public static readonly Message ReadNotRegularLink = RowWords(Codes.ReadNotRegularLink, "不是普通文件：符号链接", "Not a regular file: a symbolic link");
    public static readonly Message ReadNotRegularLinkLoop = RowWords(Codes.ReadNotRegularLinkLoop, "不是普通文件：符号链接的循环", "Not a regular file: a loop of symbolic links");
    public static readonly Message ReadNotRegularOther = RowWords(Codes.ReadNotRegularOther, "不是普通文件：非普通文件", "Not a regular file: not a regular file");
}
