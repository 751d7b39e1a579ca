using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Why a fact is missing, as probes, iq baseline and iq model store it in a measured document: <c>{"$absent"|"$error":
/// English text, "$code": code, "$args": {name: text}}</c>. Each message has a code of its own (IQ7xxx), which is how a document
/// names it; a report renders it in its language. The English text is the one the documents always held. Data, shown
/// whole in a document and a report row (<see cref="RowWords"/>); a diagnostic that quotes one caps it.</summary>
public static partial class Msg
{
    public static readonly Message ProbeNotFound = RowWords(Codes.ProbeNotFound, ["file"], "未找到 {file}", "{file} not found");
    public static readonly Message ProbeNotInFile = RowWords(Codes.ProbeNotInFile, ["key", "file"], "{file} 中没有 {key}", "{key} not in {file}");
    public static readonly Message ProbeOsReleaseNoName = RowWords(Codes.ProbeOsReleaseNoName, "/etc/os-release 既没有 NAME 也没有 ID：不是 os-release 文件", "/etc/os-release has neither NAME nor ID: not an os-release file");
    public static readonly Message ProbeNoKernelRelease = RowWords(Codes.ProbeNoKernelRelease, "没有内核版本号", "no kernel release");
    public static readonly Message ProbeArchLive = RowWords(Codes.ProbeArchLive, "体系结构从运行中的系统读取", "architecture is read from the running system");
    public static readonly Message ProbeSizesLive = RowWords(Codes.ProbeSizesLive, "容量从运行中的系统读取", "sizes are read from the running system");
    public static readonly Message ProbeAddressesLive = RowWords(Codes.ProbeAddressesLive, "地址从运行中的系统读取", "addresses are read from the running system");
    public static readonly Message ProbeNoProcessor = RowWords(Codes.ProbeNoProcessor, "/proc/cpuinfo 中没有列出处理器", "/proc/cpuinfo lists no processor");
    public static readonly Message ProbeCpuinfoTruncated = RowWords(Codes.ProbeCpuinfoTruncated, ["processor"], "/proc/cpuinfo 不完整（处理器 {processor} 的信息不全）", "/proc/cpuinfo is truncated (processor {processor} is incomplete)");
    public static readonly Message ProbeNoModelName = RowWords(Codes.ProbeNoModelName, "/proc/cpuinfo 中没有 model name", "no model name in /proc/cpuinfo");
    public static readonly Message ProbeNoVendor = RowWords(Codes.ProbeNoVendor, "没有 vendor_id", "no vendor_id");
    public static readonly Message ProbeNoFrequency = RowWords(Codes.ProbeNoFrequency, "没有 cpufreq，也没有 cpu MHz", "no cpufreq and no cpu MHz");
    public static readonly Message ProbeMountsMalformed = RowWords(Codes.ProbeMountsMalformed, ["line"], "/proc/mounts：格式错误的行 \"{line}\"", "/proc/mounts: malformed line \"{line}\"");
    public static readonly Message ProbeStatvfs = RowWords(Codes.ProbeStatvfs, ["mount", "reason"], "statvfs {mount}：{reason}", "statvfs {mount}: {reason}");
    public static readonly Message ProbeNoRotational = RowWords(Codes.ProbeNoRotational, ["disk"], "没有 /sys/block/{disk}/queue/rotational", "no /sys/block/{disk}/queue/rotational");
    public static readonly Message ProbeNoOperstate = RowWords(Codes.ProbeNoOperstate, "没有 operstate", "no operstate");
    public static readonly Message ProbeNoMtu = RowWords(Codes.ProbeNoMtu, "没有 mtu", "no mtu");
    public static readonly Message ProbeNoLinkSpeed = RowWords(Codes.ProbeNoLinkSpeed, "未报告链路速率（虚拟网卡或未连接）", "link speed not reported (virtual or down)");
    public static readonly Message ProbeNvidiaSmiMissing = RowWords(Codes.ProbeNvidiaSmiMissing, "/dev/nvidia0 存在，但未安装 nvidia-smi", "/dev/nvidia0 exists but nvidia-smi is not installed");
    public static readonly Message ProbeToolExited = RowWords(Codes.ProbeToolExited, ["tool", "code", "output"], "{tool} 以 {code} 退出：{output}", "{tool} exited {code}: {output}");
    public static readonly Message ProbeNvidiaSmiLine = RowWords(Codes.ProbeNvidiaSmiLine, ["line"], "nvidia-smi：无法读取 \"{line}\"", "nvidia-smi: cannot read \"{line}\"");
    public static readonly Message ProbeNoCudaVersion = RowWords(Codes.ProbeNoCudaVersion, "未报告 CUDA 版本", "CUDA version not reported");
    public static readonly Message ProbeUnsupportedOs = RowWords(Codes.ProbeUnsupportedOs, ["os"], "不支持 {os}：iq 只探测 Linux", "unsupported on {os}: iq probes Linux only");
    public static readonly Message ProbeNotForPython = RowWords(Codes.ProbeNotForPython, ["distribution"], "{distribution}：未为 python3 安装", "{distribution}: not installed for python3");
    public static readonly Message ProbeNoVersion = RowWords(Codes.ProbeNoVersion, ["command", "code", "output"], "{command} 以 {code} 退出，未给出版本：{output}", "{command} exited {code} without a version: {output}");
    public static readonly Message ProbePythonNoJson = RowWords(Codes.ProbePythonNoJson, ["output"], "python3 没有输出 JSON：{output}", "python3 printed no JSON: {output}");
    public static readonly Message ProbeNoCudnnMajor = RowWords(Codes.ProbeNoCudnnMajor, ["file"], "{file}：没有 CUDNN_MAJOR", "{file}: no CUDNN_MAJOR");
    public static readonly Message ProbeNoCudnn = RowWords(Codes.ProbeNoCudnn, "cudnn：没有 cudnn_version.h", "cudnn: no cudnn_version.h");
    public static readonly Message ProbeNoPackageManager = RowWords(Codes.ProbeNoPackageManager, "dpkg-query 和 rpm 均未安装", "neither dpkg-query nor rpm is installed");
    public static readonly Message ToolNotFound = RowWords(Codes.ToolNotFound, ["tool"], "{tool}：在搜索路径中找不到", "{tool}: not found on the search path");
    public static readonly Message ToolCannotStart = RowWords(Codes.ToolCannotStart, ["tool", "reason"], "{tool}：无法启动：{reason}", "{tool}: cannot start: {reason}");
    public static readonly Message ToolTimedOut = RowWords(Codes.ToolTimedOut, ["tool", "seconds"], "{tool}：{seconds} 秒后超时", "{tool}: timed out after {seconds} s");
    public static readonly Message BaselineCaseNaN = RowWords(Codes.BaselineCaseNaN, ["case"], "病例 {case} 的输出含 NaN 或无穷大", "the output of case {case} holds NaN or infinity");
    public static readonly Message BaselineOutputsNaN = RowWords(Codes.BaselineOutputsNaN, ["count", "total", "cases"], "模型对 {total} 个病例中的 {count} 个输出了 NaN 或无穷大（{cases}）", "the model's output holds NaN or infinity for {count} of {total} cases ({cases})");
    public static readonly Message BaselineConcurrencyUnbounded = RowWords(Codes.BaselineConcurrencyUnbounded, ["highest"],
        "未测得最大并发量：直至 {highest} 的各并发级别均未出错，且未给出响应时间上限（--latency-bound）；6.4.2 a) 要求逐步增加并发直至响应时间超出可接受范围或出现错误",
        "maximum concurrency not measured: every level up to {highest} ran without errors and no latency bound was given (--latency-bound); 6.4.2 a) steps up until the response time exceeds the acceptable range or errors occur");
    public static readonly Message BaselineNoForeground = RowWords(Codes.BaselineNoForeground, ["metric"], "{metric} 无定义：掩码和输出中都没有前景像素", "{metric} is undefined: no foreground pixel in the masks or the outputs");
    public static readonly Message ModelNoFiniteOutput = RowWords(Codes.ModelNoFiniteOutput, "没有有限的输出值", "no finite output");
    public static readonly Message ModelNotANumber = RowWords(Codes.ModelNotANumber, "不是数值", "not a number");
    public static readonly Message ModelCaseNaN = RowWords(Codes.ModelCaseNaN, ["case"], "病例 '{case}' 的输出为 NaN 或无穷大", "case '{case}' gave a NaN or infinite output");
    public static readonly Message ModelOutputNaN = RowWords(Codes.ModelOutputNaN, "某个输出为 NaN", "an output was NaN");
    public static readonly Message ModelNoLabelledCases = RowWords(Codes.ModelNoLabelledCases, "没有带标注的病例", "no labelled cases");
    public static readonly Message ModelNoLabels = RowWords(Codes.ModelNoLabels, "没有带标注的病例（请给出 --labels）", "no labelled cases (give --labels)");
    public static readonly Message ModelNoMasks = RowWords(Codes.ModelNoMasks, "没有带掩码的病例（请给出 --labels：case,mask.npy）", "no case with a mask (give --labels: case,mask.npy)");
    public static readonly Message ModelNoBaseConfig = RowWords(Codes.ModelNoBaseConfig, "扫描中没有 1 线程、批量 1 的配置", "the sweep has no 1-thread, batch-1 configuration");
    public static readonly Message ModelNoCases = RowWords(Codes.ModelNoCases, "没有病例", "no cases");
    public static readonly Message ModelNoTag = RowWords(Codes.ModelNoTag, ["tag"], "没有标记为 {tag} 的病例", "no case is tagged {tag}");
    public static readonly Message ModelNoLabelledOod = RowWords(Codes.ModelNoLabelledOod, "没有带标签的 ood 病例：无法测量分布外数据上的准确率（5.2.6 i) predict 的声称）",
        "no case tagged ood carries a label: the accuracy on out-of-distribution data (a 5.2.6 i) predict claim) cannot be measured");
    public static readonly Message ModelNoOodCases = RowWords(Codes.ModelNoOodCases, "没有标记为 ood 或 invalid 的病例", "no case is tagged ood or invalid");
    public static readonly Message ModelManifestNotFound = RowWords(Codes.ModelManifestNotFound, ["manifest"], "描述文件旁找不到训练清单 {manifest}", "training manifest {manifest} not found beside the description");
    public static readonly Message ModelManifestBadLine = RowWords(Codes.ModelManifestBadLine, ["manifest", "line", "text"],
        "{manifest}:{line}：'{text}' 不是 SHA-256 摘要（64 个十六进制数字，其后可有空白和文件名）：无法知道训练用了哪些数据",
        "{manifest}:{line}: '{text}' is not a SHA-256 digest (64 hexadecimal digits, optionally followed by blanks and a name): which data were trained on cannot be known");
    public static readonly Message ModelManifestNoDigest = RowWords(Codes.ModelManifestNoDigest, ["manifest"],
        "{manifest}：没有列出任何 SHA-256 摘要：无法计算与训练数据的重叠",
        "{manifest}: lists no SHA-256 digest: the overlap with the training data cannot be counted");
    // A training log or manifest must say which model it is the record of: another model's log would pass 6.3.1 and 6.3.7.
    public static readonly Message ModelRecordNotTied = RowWords(Codes.ModelRecordNotTied, ["file"],
        "{file} 未指明所属的模型（没有 '# model sha256: 摘要' 行）：未与被检查的模型关联，不能作为其记录",
        "{file} names no model (no '# model sha256: DIGEST' line): not tied to the model inspected, so it cannot stand as its record");
    public static readonly Message ModelRecordOtherModel = RowWords(Codes.ModelRecordOtherModel, ["file", "named", "sha256"],
        "{file} 指明的模型 SHA-256 为 {named}，而被检查的模型为 {sha256}：这是另一个模型的记录",
        "{file} names model SHA-256 {named}, but the model inspected is {sha256}: it is another model's record");
    public static readonly Message ModelNoManifestRef = RowWords(Codes.ModelNoManifestRef, "描述中没有指明训练清单（source_data.manifest_ref）", "the description names no training manifest (source_data.manifest_ref)");
    public static readonly Message ModelFewGroups = RowWords(Codes.ModelFewGroups, "标注的 group 列中少于两个分组", "fewer than two groups in the labels' group column");
    public static readonly Message ModelNoAttackSucceeded = RowWords(Codes.ModelNoAttackSucceeded, "没有一次攻击成功", "no attack succeeded");
    public static readonly Message ModelLogNotFound = RowWords(Codes.ModelLogNotFound, ["log"], "描述文件旁找不到训练日志 {log}", "training log {log} not found beside the description");
    public static readonly Message ModelLogNoLoss = RowWords(Codes.ModelLogNoLoss, ["log"], "{log}:1：没有 'loss' 列", "{log}:1: no 'loss' column");
    public static readonly Message ModelLogOutOfOrder = RowWords(Codes.ModelLogOutOfOrder, ["log", "line", "column", "value", "previous_line", "previous"],
        "{log}:{line}：{column} {value} 不大于第 {previous_line} 行的 {previous}：训练日志须按 {column} 严格递增，否则无法知道哪个损失值在先、哪个在后",
        "{log}:{line}: {column} {value} is not above the {previous} of line {previous_line}: a training log must run in strictly increasing {column}, or which loss came first and which last cannot be known");
    public static readonly Message ModelLogOrderNotNumber = RowWords(Codes.ModelLogOrderNotNumber, ["log", "line", "column", "value"],
        "{log}:{line}：{column} '{value}' 不是数值：无法知道训练日志的顺序", "{log}:{line}: {column} '{value}' is not a number: the order of the training log cannot be known");
    public static readonly Message ModelLogNegativeLoss = RowWords(Codes.ModelLogNegativeLoss, ["log", "line", "value"],
        "{log}:{line}：损失值 {value} 为负，而描述的 hyperparameters.loss 为交叉熵（不会小于 0）",
        "{log}:{line}: loss {value} is negative, where the description's hyperparameters.loss is a cross-entropy (never below 0)");
    // 6.3.1: iq model --run is the lab's training of the model inspected; a run that cannot be tied to it reproduces nothing.
    public static readonly Message ModelRunTrainedNotNamed = RowWords(Codes.ModelRunTrainedNotNamed,
        "iq 运行了训练命令，但未指明该命令写出的模型（--trained 文件）：无法确认这次训练的是被检查的模型",
        "iq ran the training command but was not told which model it writes (--trained FILE): the run cannot be tied to the model inspected");
    public static readonly Message ModelRunTrainedNotWritten = RowWords(Codes.ModelRunTrainedNotWritten, ["file"],
        "训练命令没有写出 {file}（不存在，或与运行前相同）：无法确认这次训练的是被检查的模型",
        "the training command did not write {file} (absent, or unchanged since before the run): the run cannot be tied to the model inspected");
    public static readonly Message ModelRunTrainedUnreadable = RowWords(Codes.ModelRunTrainedUnreadable, ["file", "reason"],
        "训练命令写出的 {file} 不是可读的 ONNX 模型（{reason}）：无法确认这次训练的是被检查的模型",
        "{file}, which the training command wrote, is not a readable ONNX model ({reason}): the run cannot be tied to the model inspected");
    public static readonly Message ModelRunTrainedOther = RowWords(Codes.ModelRunTrainedOther, ["file", "sha256", "nodes", "parameters", "inspected_nodes", "inspected_parameters"],
        "训练命令写出的 {file}（SHA-256 {sha256}）不是被检查的模型重新训练所得：其结构（节点、初始化器的名称、类型和形状、输入、输出）不同（{nodes} 个节点、{parameters} 个参数；被检查的模型：{inspected_nodes} 个节点、{inspected_parameters} 个参数）：这次训练的是另一个模型",
        "{file} (SHA-256 {sha256}), which the training command wrote, is not the model inspected re-trained: its structure (nodes, initializers' names, types and shapes, inputs, outputs) differs ({nodes} nodes, {parameters} parameters; the model inspected: {inspected_nodes} nodes, {inspected_parameters} parameters): the run trained another model");
    public static readonly Message ModelReferencedUnreadable = RowWords(Codes.ModelReferencedUnreadable, ["file", "reason"], "{file}：{reason}", "{file}: {reason}");
    public static readonly Message ModelReferencedNotText = RowWords(Codes.ModelReferencedNotText, ["file", "line", "column", "reason"], "{file}:{line}:{column}：{reason}", "{file}:{line}:{column}: {reason}");
    public static readonly Message ModelNoChiSquare = RowWords(Codes.ModelNoChiSquare, "每个病例都对（或都错）：无法检验", "every case right (or every case wrong): no test possible");
    public static readonly Message ModelNoCorrectCase = RowWords(Codes.ModelNoCorrectCase, "没有分类正确的病例可供攻击", "no correctly classified case to attack");
    public static readonly Message ModelNoLabelledCase = RowWords(Codes.ModelNoLabelledCase, "没有带标注的病例", "no labelled case");
    public static readonly Message ModelFirstLossNaN = RowWords(Codes.ModelFirstLossNaN, "第一个损失值不是数值", "the first loss is not a number");
    public static readonly Message ModelFinalLossNaN = RowWords(Codes.ModelFinalLossNaN, "最后一个损失值不是数值", "the final loss is not a number");
    public static readonly Message ModelLossesNaN = RowWords(Codes.ModelLossesNaN, "损失值不是数值", "the losses are not numbers");
    public static readonly Message ModelBlurNeedsImage = RowWords(Codes.ModelBlurNeedsImage, ["shape"],
        "box_blur 需要二维或更多维的输入（最后两维为图像的行和列），而病例的形状为 {shape}", "box_blur needs an input of two or more dimensions (the image's rows and columns last); the cases have shape {shape}");
    public static readonly Message ModelNoThreadScaling = RowWords(Codes.ModelNoThreadScaling,
        "扫描中没有多于 1 个线程的配置（只有一个处理器核心？）", "the sweep has no configuration of more than one thread (a single core?)");
    public static readonly Message ModelClaimedBlurNeedsImage = RowWords(Codes.ModelClaimedBlurNeedsImage, ["shape", "path"],
        "{path} 声明的 box_blur 需要二维或更多维的输入（最后两维为图像的行和列），而病例的形状为 {shape}",
        "the box_blur claimed at {path} needs an input of two or more dimensions (the image's rows and columns last); the cases have shape {shape}");
    public static readonly Message ProbeNoSshServer = RowWords(Codes.ProbeNoSshServer, "未安装 SSH 服务器", "no SSH server is installed");
    public static readonly Message ProbeSshdNoKeyword = RowWords(Codes.ProbeSshdNoKeyword, ["keyword"], "sshd -T 没有输出 {keyword}", "sshd -T printed no {keyword}");
    public static readonly Message ProbeSshListChanged = RowWords(Codes.ProbeSshListChanged, ["keyword", "value", "fallback"], "{keyword} {value} 修改了 OpenSSH 的内置列表，只有 sshd -T 能报告结果（{fallback}）", "{keyword} {value} changes OpenSSH's built-in list, which only sshd -T can report ({fallback})");
    public static readonly Message ProbeSshDefaultUnknown = RowWords(Codes.ProbeSshDefaultUnknown, ["keyword", "fallback"], "文件中未设置 {keyword}，其默认值取决于 OpenSSH 版本（{fallback}）", "{keyword} is not set in the files and its default depends on the OpenSSH version ({fallback})");
    public static readonly Message ProbeNoPam = RowWords(Codes.ProbeNoPam, ["folder"], "{folder} 为空或不存在：未使用 PAM", "{folder} is empty or missing: PAM is not in use");
    public static readonly Message ProbeReadAsRoot = RowWords(Codes.ProbeReadAsRoot, ["file", "problem"], "{file}：{problem}（iq probe 以 root 身份读取它）", "{file}: {problem} (iq probe reads it as root)");
    public static readonly Message ProbeDirectoryGroup = RowWords(Codes.ProbeDirectoryGroup, ["who"], "{who} 是目录服务组或网络组：本机不知道其成员", "{who} is a directory group or netgroup: its members are not known on this host");
    public static readonly Message ProbeCannotRead = RowWords(Codes.ProbeCannotRead, ["file"], "无法读取 {file}", "{file} could not be read");
    public static readonly Message ProbeAuditNoEnabled = RowWords(Codes.ProbeAuditNoEnabled, "auditctl -s 没有输出 'enabled' 行", "auditctl -s printed no 'enabled' line");
    public static readonly Message ProbeAuditNoPid = RowWords(Codes.ProbeAuditNoPid, "auditctl -s 没有输出 pid", "auditctl -s printed no pid");
    public static readonly Message ProbeAuditUnknown = RowWords(Codes.ProbeAuditUnknown, ["reason"], "内核审计状态未知：{reason}", "kernel audit state unknown: {reason}");
    public static readonly Message ProbeAuditdLive = RowWords(Codes.ProbeAuditdLive, "auditd 是否运行从运行中系统的 /proc 读取", "whether auditd runs is read from the running system's /proc");
    public static readonly Message ProbeNoAuditRules = RowWords(Codes.ProbeNoAuditRules, ["reason"], "未配置审计规则，也无法列出：{reason}", "no audit rules are configured and none could be listed: {reason}");
    public static readonly Message ProbeJournaldNoTime = RowWords(Codes.ProbeJournaldNoTime, "journald 保存记录直到达到其大小上限（未设置 MaxRetentionSec）：无法给出时间", "journald keeps records until its size limits (MaxRetentionSec is not set): no time can be given");
    public static readonly Message ProbeNoAuthLog = RowWords(Codes.ProbeNoAuthLog, "本机没有认证日志", "no authentication log on this host");
    public static readonly Message ProbeNoPacketFilter = RowWords(Codes.ProbeNoPacketFilter, ["reasons"], "无法列出内核的包过滤规则：{reasons}", "the kernel's packet filter cannot be listed: {reasons}");
    public static readonly Message ProbeSelinuxUnreadable = RowWords(Codes.ProbeSelinuxUnreadable, "selinux 是活动的 LSM，但无法读取 /sys/fs/selinux/enforce", "selinux is an active LSM but /sys/fs/selinux/enforce cannot be read");
    public static readonly Message ProbeNoSelinuxState = RowWords(Codes.ProbeNoSelinuxState, "/sys/fs/selinux 和 /sys/kernel/security/lsm 均无法读取", "neither /sys/fs/selinux nor /sys/kernel/security/lsm can be read");
    public static readonly Message ProbeApparmorUnreadable = RowWords(Codes.ProbeApparmorUnreadable, "apparmor 是活动的 LSM，但无法读取其参数", "apparmor is an active LSM but its parameters cannot be read");
    public static readonly Message ProbeNoApparmorState = RowWords(Codes.ProbeNoApparmorState, "/sys/module/apparmor 和 /sys/kernel/security/lsm 均无法读取", "neither /sys/module/apparmor nor /sys/kernel/security/lsm can be read");
    public static readonly Message ProbeNoLsm = RowWords(Codes.ProbeNoLsm, "无法读取 /sys/kernel/security/lsm（未挂载 securityfs，如在容器中）", "/sys/kernel/security/lsm cannot be read (securityfs is not mounted, as in a container)");
    public static readonly Message ProbeNoTcpTables = RowWords(Codes.ProbeNoTcpTables, "未找到 /proc/net/tcp 和 /proc/net/tcp6", "/proc/net/tcp and /proc/net/tcp6 not found");
    public static readonly Message ProbeOwnerLive = RowWords(Codes.ProbeOwnerLive, "所属进程从运行中的系统读取", "the owning process is read from the running system");
    public static readonly Message ProbeNoOwner = RowWords(Codes.ProbeNoOwner, "iq 看不到持有它的进程（另一个 PID 命名空间，或 iq probe 未以 root 运行）", "no process visible to iq holds it (another PID namespace, or iq probe not run as root)");
    public static readonly Message TlsNotEveryVersion = RowWords(Codes.TlsNotEveryVersion, ["why"], "并非每个版本都能尝试：{why}", "not every version could be tried: {why}");
    public static readonly Message TlsPlaintext = RowWords(Codes.TlsPlaintext, "没有 TLS：端点以明文应答", "no TLS: the endpoint answered in plaintext");
    public static readonly Message TlsNoVersion = RowWords(Codes.TlsNoVersion, ["why"], "没有接受任何 TLS 版本：{why}", "no TLS version was accepted: {why}");
    public static readonly Message TlsNoCertificate = RowWords(Codes.TlsNoCertificate, "没有一次完成的握手给出证书", "no completed handshake gave a certificate");
    public static readonly Message ProbeFailed = RowWords(Codes.ProbeFailed, ["kind", "message"], "探测失败（{kind}）：{message}", "{kind}: {message}");
    public static readonly Message ProbeInputRefused = RowWords(Codes.ProbeInputRefused, ["file", "reason"], "{file}：{reason}", "{file}: {reason}");
    public static readonly Message ProbeConfigProblem = RowWords(Codes.ProbeConfigProblem, ["file", "line", "problem"], "配置文件 {file} 第 {line} 行有问题：{problem}", "{file}:{line}: {problem}");
    public static readonly Message ProbeConfigProblemInFile = RowWords(Codes.ProbeConfigProblemInFile, ["file", "problem"], "配置文件 {file} 有问题：{problem}", "{file}: {problem}");
    public static readonly Message ProbeConfigProblems = RowWords(Codes.ProbeConfigProblems, ["first", "more"], "{first}（另有 {more} 处问题）", "{first} (and {more} more)");
    public static readonly Message ProbeSshdUnreadable = RowWords(Codes.ProbeSshdUnreadable, ["problem"], "iq 无法读取 sshd -T 的输出：{problem}", "sshd -T printed what iq cannot read: {problem}");
    public static readonly Message ProbeReasonsBoth = RowWords(Codes.ProbeReasonsBoth, ["first", "second"], "{first}；{second}", "{first}; {second}");
    public static readonly Message TlsCannotConnect = RowWords(Codes.TlsCannotConnect, ["endpoint", "reason"], "{endpoint}：无法连接：{reason}", "{endpoint}: cannot connect: {reason}");
    public static readonly Message TlsNoConnection = RowWords(Codes.TlsNoConnection, ["endpoint", "seconds"], "{endpoint}：{seconds} 秒内未能连接", "{endpoint}: no connection within {seconds} s");
    public static readonly Message ProbeNoLogrotateRule = RowWords(Codes.ProbeNoLogrotateRule, ["log"], "没有 logrotate 规则涵盖 {log}：它会一直保留，直到被手动删除", "no logrotate rule covers {log}: it is kept until removed by hand");
    public static readonly Message ProbeRotatesBySize = RowWords(Codes.ProbeRotatesBySize, ["file", "line"], "{file}:{line} 按大小轮转：无法给出时间", "{file}:{line} rotates by size: no time can be given");
    public static readonly Message ProbeRotateKeepsAll = RowWords(Codes.ProbeRotateKeepsAll, ["file", "line"], "{file}:{line}：rotate -1 会保留旧日志，直到被手动删除", "{file}:{line}: rotate -1 keeps old logs until removed by hand");
    public static readonly Message ReasonNotInCatalog = RowWords(Codes.ReasonNotInCatalog, ["text", "code"], "“{text}”（文档原文：本版 iq 无法翻译原因代码 {code}）", "\"{text}\" (the document's own words: this iq cannot word reason {code})");
    public static readonly Message ScanNoScore = RowWords(Codes.ScanNoScore, "TestResult 中没有分数", "the TestResult has no score");
    public static readonly Message ScanNoTitle = RowWords(Codes.ScanNoTitle, "没有标题：基准不在此文件中", "no title: the benchmark is not in this file");
    public static readonly Message ScanNoHardeningIndex = RowWords(Codes.ScanNoHardeningIndex, "报告中没有 hardening_index（扫描被中断？）", "no hardening_index in the report (an interrupted scan?)");
    public static readonly Message ScanNoOpenScap = RowWords(Codes.ScanNoOpenScap, "未提供 OpenSCAP 结果", "no OpenSCAP results were given");
    public static readonly Message ScanNoLynis = RowWords(Codes.ScanNoLynis, "未提供 Lynis 报告", "no Lynis report was given");
    public static readonly Message ScanNotInReport = RowWords(Codes.ScanNotInReport, "报告中没有", "not in the report");
    public static readonly Message ManifestNoRoot = RowWords(Codes.ManifestNoRoot, "iq manifest 运行时未给出 --root：没有计算任何文件的哈希", "iq manifest ran without --root: no file was hashed");
    public static readonly Message ManifestHashOfPackage = RowWords(Codes.ManifestHashOfPackage, "其哈希是软件包的哈希，不是根目录下某个文件的哈希", "its hash is of the package, not of a file under the root");
    public static readonly Message ManifestNoFileHash = RowWords(Codes.ManifestNoFileHash, "清单没有给出它的文件哈希", "the manifest gives no file hash for it");
    public static readonly Message ManifestFileWeak = RowWords(Codes.ManifestFileWeak, ["file", "algorithms"], "{file}：只给出并匹配了 {algorithms}：弱哈希，单独不足以验证", "{file}: only {algorithms} given and matched: weak, not enough alone");
    public static readonly Message ManifestFileNoHash = RowWords(Codes.ManifestFileNoHash, ["file", "algorithms"], "{file}：没有本引擎能计算的哈希（{algorithms}）", "{file}: no hash this engine can compute ({algorithms})");
    public static readonly Message ManifestFileIsFolder = RowWords(Codes.ManifestFileIsFolder, ["file"], "{file}：是文件夹而不是文件：无法核对文件夹的哈希", "{file}: a folder, not a file: a hash of a folder cannot be checked");
    public static readonly Message ManifestNoPackage = RowWords(Codes.ManifestNoPackage, "清单没有指明软件包", "the manifest names no package");
    public static readonly Message ManifestNoPackageVersion = RowWords(Codes.ManifestNoPackageVersion, "清单没有给出软件包版本", "the manifest gives no package version");
    public static readonly Message IntegrityNoHashes = RowWords(Codes.IntegrityNoHashes, "清单没有列出任何文件的哈希", "the manifest lists no hashes for files");
    public static readonly Message IntegrityOnlyWeak = RowWords(Codes.IntegrityOnlyWeak, "只给出了弱哈希（SHA-1、MD5）：单独不足以验证", "only weak hashes (SHA-1, MD5) were given: not enough alone");
    public static readonly Message IntegrityNoneStrong = RowWords(Codes.IntegrityNoneStrong, "列出的文件中没有一个能用强哈希验证", "no listed file could be verified with a strong hash");
    public static readonly Message RollbackFailed = RowWords(Codes.RollbackFailed, ["failure", "seconds"], "回滚命令{failure}（{seconds} 秒后）", "the rollback command {failure} after {seconds} s");
    public static readonly Message RollbackExited = RowWords(Codes.RollbackExited, ["code"], "以代码 {code} 退出", "exited with code {code}");
    public static readonly Message RollbackTimedOut = RowWords(Codes.RollbackTimedOut, ["seconds"], "未在 {seconds} 秒内结束，已被终止", "did not finish within {seconds} s and was stopped");
    public static readonly Message RollbackInterrupted = RowWords(Codes.RollbackInterrupted, "被中断", "interrupted");
}
