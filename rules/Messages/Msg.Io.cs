using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Input files refused before they are read (missing, not a regular file, too large, unreadable) and JSON inputs
/// (docs/limits.md). The thing refused and the kind of input are named in the reader's language.</summary>
public static partial class Msg
{
    public static readonly Message InputNotFound = new(Codes.FileNotFound, "文件不存在", "File not found");
    public static readonly Message InputNameNotUtf8 = new(Codes.CannotRead, ["name"], "文件名不是 UTF-8（无效字节以 \\xNN 显示）：{name}；iq 无法按此名称打开，请改名",
        "The file name is not UTF-8 (its invalid bytes shown as \\xNN): {name}; iq cannot open it by that name: rename it");
    public static readonly Message FolderNotFound = new(Codes.FileNotFound, "文件夹不存在", "Folder not found");
    public static readonly Message InputNotRegular = new(Codes.NotRegularFile, ["what"], "不是普通文件：{what}", "Not a regular file: {what}");
    public static readonly Message InputNotFolder = new(Codes.NotRegularFile, ["what"], "不是文件夹：{what}", "Not a folder: {what}");
    public static readonly Message InputTooLarge = new(Codes.FileTooLarge, ["size", "input", "limit", "option"],
        "过大：{size} 字节；{input}的上限为 {limit} 字节（可用 {option} 提高上限）",
        "Too large: {size} bytes; the limit for {input} is {limit} bytes (raise it with {option})");
    public static readonly Message MoreThan = new(null, ["limit"], "超过 {limit}", "more than {limit}");
    public static readonly Message InputDenied = new(Codes.CannotRead, "无法读取：权限不足", "Cannot read: permission denied");
    public static readonly Message InputErrno = new(Codes.CannotRead, ["errno"], "无法读取（errno {errno}）", "Cannot read (errno {errno})");
    public static readonly Message InputCannotRead = new(Codes.CannotRead, ["reason"], "无法读取：{reason}", "Cannot read: {reason}");
    public static readonly Message FolderCannotRead = new(Codes.CannotRead, ["reason"], "无法读取该文件夹：{reason}", "Cannot read the folder: {reason}");
    public static readonly Message LoneSurrogateJson = new(Codes.NotText, ["unit"], "不是 Unicode 文本：转义 \\u{unit} 是 UTF-16 代理对的一半，缺少另一半",
        "Not Unicode text: the escape \\u{unit} is half of a UTF-16 surrogate pair without its other half");
    public static readonly Message NotUtf8Json = new(Codes.NotText, ["byte", "offset"], "不是 UTF-8 文本（偏移 {offset} 处的字节 0x{byte}）", "Not UTF-8 text (byte 0x{byte} at offset {offset})");

    // What a path is, when it is not what was asked for.
    public static readonly Message KindRegular = new(null, "普通文件", "a regular file");
    public static readonly Message KindFolder = new(null, "文件夹", "a folder");
    public static readonly Message KindFifo = new(null, "FIFO（命名管道）", "a FIFO (named pipe)");
    public static readonly Message KindCharDevice = new(null, "字符设备", "a character device");
    public static readonly Message KindBlockDevice = new(null, "块设备", "a block device");
    public static readonly Message KindSocket = new(null, "套接字", "a socket");
    public static readonly Message KindLink = new(null, "符号链接", "a symbolic link");
    public static readonly Message KindLinkLoop = new(null, "符号链接的循环", "a loop of symbolic links");
    public static readonly Message KindMissing = new(null, "不存在", "missing");
    public static readonly Message KindOther = new(null, "非普通文件", "not a regular file");

    // The kinds of input, each with its own size limit.
    public static readonly Message InputChecklist = new(null, "检查单", "a checklist");
    public static readonly Message InputFactDocument = new(null, "事实文档", "a fact document");
    public static readonly Message InputJudgments = new(null, "声明或豁免文件", "an attestations or waivers file");
    public static readonly Message InputWorkbook = new(null, "工作簿", "a workbook");
    public static readonly Message InputReportInfo = new(null, "报告信息", "report information");
    public static readonly Message InputManifest = new(null, "清单", "a manifest");
    public static readonly Message InputSnapshot = new(null, "快照", "a snapshot");
    public static readonly Message InputTestReport = new(null, "测试报告", "a test report");
    public static readonly Message InputLog = new(null, "日志", "a log");
    public static readonly Message InputArray = new(null, "数组", "an array");
    public static readonly Message InputModel = new(null, "模型", "a model");
    public static readonly Message InputResults = new(null, "结果文件", "a results file");
    public static readonly Message InputArchive = new(null, "审核存档", "an audit archive");
    public static readonly Message InputScan = new(null, "扫描器报告", "a scanner's report");
    public static readonly Message InputSeal = new(null, "封签或密钥文件", "a seal or key file");
    public static readonly Message InputDescription = new(null, "模型说明或其引用的文件", "a model description or a file it names");
    public static readonly Message InputLabels = new(null, "标签文件", "a labels file");
    public static readonly Message InputConfig = new(null, "探测读取的配置文件", "a file a probe reads");
    public static readonly Message InputText = new(null, "文本文件", "a text file");
}
