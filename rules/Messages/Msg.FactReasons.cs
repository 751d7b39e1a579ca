using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Why a fact is missing, as probes, iq baseline and iq model store it in a measured document: <c>{"$absent"|"$error":
/// English text, "$code": code, "$args": {name: text}}</c>. Each message has a code of its own (IQ7xxx), which is how a document
/// names it; a report renders it in its language. The English text is the one the documents always held.</summary>
public static partial class Msg
{
    public static readonly Message ProbeNotFound = new(Codes.ProbeNotFound, ["file"], "未找到 {file}", "{file} not found");
    public static readonly Message ProbeNotInFile = new(Codes.ProbeNotInFile, ["key", "file"], "{file} 中没有 {key}", "{key} not in {file}");
    public static readonly Message ProbeOsReleaseNoName = new(Codes.ProbeOsReleaseNoName, "/etc/os-release 既没有 NAME 也没有 ID：不是 os-release 文件", "/etc/os-release has neither NAME nor ID: not an os-release file");
    public static readonly Message ProbeNoKernelRelease = new(Codes.ProbeNoKernelRelease, "没有内核版本号", "no kernel release");
    public static readonly Message ProbeArchLive = new(Codes.ProbeArchLive, "体系结构从运行中的系统读取", "architecture is read from the running system");
    public static readonly Message ProbeSizesLive = new(Codes.ProbeSizesLive, "容量从运行中的系统读取", "sizes are read from the running system");
    public static readonly Message ProbeAddressesLive = new(Codes.ProbeAddressesLive, "地址从运行中的系统读取", "addresses are read from the running system");
    public static readonly Message ProbeNoProcessor = new(Codes.ProbeNoProcessor, "/proc/cpuinfo 中没有列出处理器", "/proc/cpuinfo lists no processor");
    public static readonly Message ProbeCpuinfoTruncated = new(Codes.ProbeCpuinfoTruncated, ["processor"], "/proc/cpuinfo 不完整（处理器 {processor} 的信息不全）", "/proc/cpuinfo is truncated (processor {processor} is incomplete)");
    public static readonly Message ProbeNoModelName = new(Codes.ProbeNoModelName, "/proc/cpuinfo 中没有 model name", "no model name in /proc/cpuinfo");
    public static readonly Message ProbeNoVendor = new(Codes.ProbeNoVendor, "没有 vendor_id", "no vendor_id");
    public static readonly Message ProbeNoFrequency = new(Codes.ProbeNoFrequency, "没有 cpufreq，也没有 cpu MHz", "no cpufreq and no cpu MHz");
    public static readonly Message ProbeMountsMalformed = new(Codes.ProbeMountsMalformed, ["line"], "/proc/mounts：格式错误的行 \"{line}\"", "/proc/mounts: malformed line \"{line}\"");
    public static readonly Message ProbeStatvfs = new(Codes.ProbeStatvfs, ["mount", "reason"], "statvfs {mount}：{reason}", "statvfs {mount}: {reason}");
    public static readonly Message ProbeNoRotational = new(Codes.ProbeNoRotational, ["disk"], "没有 /sys/block/{disk}/queue/rotational", "no /sys/block/{disk}/queue/rotational");
    public static readonly Message ProbeNoOperstate = new(Codes.ProbeNoOperstate, "没有 operstate", "no operstate");
    public static readonly Message ProbeNoMtu = new(Codes.ProbeNoMtu, "没有 mtu", "no mtu");
    public static readonly Message ProbeNoLinkSpeed = new(Codes.ProbeNoLinkSpeed, "未报告链路速率（虚拟网卡或未连接）", "link speed not reported (virtual or down)");
    public static readonly Message ProbeNvidiaSmiMissing = new(Codes.ProbeNvidiaSmiMissing, "/dev/nvidia0 存在，但未安装 nvidia-smi", "/dev/nvidia0 exists but nvidia-smi is not installed");
    public static readonly Message ProbeToolExited = new(Codes.ProbeToolExited, ["tool", "code", "output"], "{tool} 以 {code} 退出：{output}", "{tool} exited {code}: {output}");
    public static readonly Message ProbeNvidiaSmiLine = new(Codes.ProbeNvidiaSmiLine, ["line"], "nvidia-smi：无法读取 \"{line}\"", "nvidia-smi: cannot read \"{line}\"");
    public static readonly Message ProbeNoCudaVersion = new(Codes.ProbeNoCudaVersion, "未报告 CUDA 版本", "CUDA version not reported");
    public static readonly Message ProbeUnsupportedOs = new(Codes.ProbeUnsupportedOs, ["os"], "不支持 {os}：iq 只探测 Linux", "unsupported on {os}: iq probes Linux only");
    public static readonly Message ProbeNotForPython = new(Codes.ProbeNotForPython, ["distribution"], "{distribution}：未为 python3 安装", "{distribution}: not installed for python3");
    public static readonly Message ProbeNoVersion = new(Codes.ProbeNoVersion, ["command", "code", "output"], "{command} 以 {code} 退出，未给出版本：{output}", "{command} exited {code} without a version: {output}");
    public static readonly Message ProbePythonNoJson = new(Codes.ProbePythonNoJson, ["output"], "python3 没有输出 JSON：{output}", "python3 printed no JSON: {output}");
    public static readonly Message ProbeNoCudnnMajor = new(Codes.ProbeNoCudnnMajor, ["file"], "{file}：没有 CUDNN_MAJOR", "{file}: no CUDNN_MAJOR");
    public static readonly Message ProbeNoCudnn = new(Codes.ProbeNoCudnn, "cudnn：没有 cudnn_version.h", "cudnn: no cudnn_version.h");
    public static readonly Message ProbeNoPackageManager = new(Codes.ProbeNoPackageManager, "dpkg-query 和 rpm 均未安装", "neither dpkg-query nor rpm is installed");
    public static readonly Message ToolNotFound = new(Codes.ToolNotFound, ["tool"], "{tool}：在搜索路径中找不到", "{tool}: not found on the search path");
    public static readonly Message ToolCannotStart = new(Codes.ToolCannotStart, ["tool", "reason"], "{tool}：无法启动：{reason}", "{tool}: cannot start: {reason}");
    public static readonly Message ToolTimedOut = new(Codes.ToolTimedOut, ["tool", "seconds"], "{tool}：{seconds} 秒后超时", "{tool}: timed out after {seconds} s");
    public static readonly Message BaselineCaseNaN = new(Codes.BaselineCaseNaN, ["case"], "病例 {case} 的输出含 NaN 或无穷大", "the output of case {case} holds NaN or infinity");
    public static readonly Message BaselineOutputsNaN = new(Codes.BaselineOutputsNaN, ["count", "total", "cases"], "模型对 {total} 个病例中的 {count} 个输出了 NaN 或无穷大（{cases}）", "the model's output holds NaN or infinity for {count} of {total} cases ({cases})");
    public static readonly Message BaselineNoForeground = new(Codes.BaselineNoForeground, ["metric"], "{metric} 无定义：掩码和输出中都没有前景像素", "{metric} is undefined: no foreground pixel in the masks or the outputs");
    public static readonly Message ModelNoFiniteOutput = new(Codes.ModelNoFiniteOutput, "没有有限的输出值", "no finite output");
    public static readonly Message ModelNotANumber = new(Codes.ModelNotANumber, "不是数值", "not a number");
    public static readonly Message ModelCaseNaN = new(Codes.ModelCaseNaN, ["case"], "病例 '{case}' 的输出为 NaN 或无穷大", "case '{case}' gave a NaN or infinite output");
    public static readonly Message ModelOutputNaN = new(Codes.ModelOutputNaN, "某个输出为 NaN", "an output was NaN");
    public static readonly Message ModelNoLabelledCases = new(Codes.ModelNoLabelledCases, "没有带标注的病例", "no labelled cases");
    public static readonly Message ModelNoLabels = new(Codes.ModelNoLabels, "没有带标注的病例（请给出 --labels）", "no labelled cases (give --labels)");
    public static readonly Message ModelNoMasks = new(Codes.ModelNoMasks, "没有带掩码的病例（请给出 --labels：case,mask.npy）", "no case with a mask (give --labels: case,mask.npy)");
    public static readonly Message ModelNoBaseConfig = new(Codes.ModelNoBaseConfig, "扫描中没有 1 线程、批量 1 的配置", "the sweep has no 1-thread, batch-1 configuration");
    public static readonly Message ModelNoCases = new(Codes.ModelNoCases, "没有病例", "no cases");
    public static readonly Message ModelNoTag = new(Codes.ModelNoTag, ["tag"], "没有标记为 {tag} 的病例", "no case is tagged {tag}");
    public static readonly Message ModelNoOodCases = new(Codes.ModelNoOodCases, "没有标记为 ood 或 invalid 的病例", "no case is tagged ood or invalid");
    public static readonly Message ModelManifestNotFound = new(Codes.ModelManifestNotFound, ["manifest"], "描述文件旁找不到训练清单 {manifest}", "training manifest {manifest} not found beside the description");
    public static readonly Message ModelNoManifestRef = new(Codes.ModelNoManifestRef, "描述中没有指明训练清单（source_data.manifest_ref）", "the description names no training manifest (source_data.manifest_ref)");
    public static readonly Message ModelFewGroups = new(Codes.ModelFewGroups, "标注的 group 列中少于两个分组", "fewer than two groups in the labels' group column");
    public static readonly Message ModelNoAttackSucceeded = new(Codes.ModelNoAttackSucceeded, "没有一次攻击成功", "no attack succeeded");
    public static readonly Message ModelLogNotFound = new(Codes.ModelLogNotFound, ["log"], "描述文件旁找不到训练日志 {log}", "training log {log} not found beside the description");
    public static readonly Message ModelLogNoLoss = new(Codes.ModelLogNoLoss, ["log"], "{log}:1：没有 'loss' 列", "{log}:1: no 'loss' column");
    public static readonly Message ModelReferencedUnreadable = new(Codes.ModelReferencedUnreadable, ["file", "reason"], "{file}：{reason}", "{file}: {reason}");
    public static readonly Message ModelReferencedNotText = new(Codes.ModelReferencedNotText, ["file", "line", "column", "reason"], "{file}:{line}:{column}：{reason}", "{file}:{line}:{column}: {reason}");
    public static readonly Message ModelNoChiSquare = new(Codes.ModelNoChiSquare, "每个病例都对（或都错）：无法检验", "every case right (or every case wrong): no test possible");
    public static readonly Message ModelNoCorrectCase = new(Codes.ModelNoCorrectCase, "没有分类正确的病例可供攻击", "no correctly classified case to attack");
    public static readonly Message ModelNoLabelledCase = new(Codes.ModelNoLabelledCase, "没有带标注的病例", "no labelled case");
    public static readonly Message ModelFirstLossNaN = new(Codes.ModelFirstLossNaN, "第一个损失值不是数值", "the first loss is not a number");
    public static readonly Message ModelFinalLossNaN = new(Codes.ModelFinalLossNaN, "最后一个损失值不是数值", "the final loss is not a number");
    public static readonly Message ModelLossesNaN = new(Codes.ModelLossesNaN, "损失值不是数值", "the losses are not numbers");
}
