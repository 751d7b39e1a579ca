using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Inputs iq baseline and iq model cannot use (the .npy reader, the cases folder, the labels file, the model
/// file, the execution provider, the training command): the place (file, file:line, option) first, exactly as before,
/// then why.</summary>
public static partial class Msg
{
    // ---- the .npy reader ----
    public static readonly Message NpyNoMagic = new(Codes.BadEvidence, ["path"], "{path}：不是 .npy 文件（没有 \\x93NUMPY 标识）", "{path}: not a .npy file (no \\x93NUMPY magic)");
    public static readonly Message NpyVersion = new(Codes.BadEvidence, ["path", "version"], "{path}：不支持的 .npy 版本 {version}", "{path}: unsupported .npy version {version}");
    public static readonly Message NpyHeaderPastEnd = new(Codes.BadEvidence, ["path"], "{path}：文件头超出文件末尾", "{path}: header runs past the end of the file");
    public static readonly Message NpyMalformedHeader = new(Codes.BadEvidence, ["path", "header"], "{path}：文件头格式错误 {header}", "{path}: malformed header {header}");
    public static readonly Message NpyFortran = new(Codes.BadEvidence, ["path"], "{path}：不支持 Fortran 顺序的数组", "{path}: Fortran-order arrays are not supported");
    public static readonly Message NpyBadShape = new(Codes.BadEvidence, ["path", "shape"], "{path}：形状无效 {shape}", "{path}: bad shape {shape}");
    public static readonly Message NpyShapeTooLarge = new(Codes.BadEvidence, ["path", "shape"], "{path}：形状 {shape} 的元素数超过任何文件所能容纳",
        "{path}: shape {shape} holds more elements than any file");
    public static readonly Message NpyDtype = new(Codes.BadEvidence, ["path", "dtype"], "{path}：不支持的数据类型 '{dtype}'（支持 float32、float64、int32、int64、uint8 或 bool）",
        "{path}: unsupported dtype '{dtype}' (float32, float64, int32, int64, uint8 or bool)");
    public static readonly Message NpyDataSize = new(Codes.BadEvidence, ["path", "bytes", "shape", "dtype", "needs"], "{path}：数据有 {bytes} 字节，但 {dtype} 类型、形状 ({shape}) 需要 {needs} 字节",
        "{path}: {bytes} data bytes, but shape ({shape}) of {dtype} needs {needs}");
    public static readonly Message NpyNaN = new(Codes.BadEvidence, ["path", "index"], "{path}：第 {index} 个元素是 NaN；病例必须是数值", "{path}: element {index} is NaN; a case must hold numbers");
    public static readonly Message NpyInfinite = new(Codes.BadEvidence, ["path", "index"], "{path}：第 {index} 个元素是无穷大；病例必须是数值",
        "{path}: element {index} is infinite; a case must hold numbers");

    /// <summary>A note iq baseline prints when the model's outputs are not numbers (the facts say why, by code).</summary>
    public static readonly Message BaselineCudaNotUsed = new(null, ["reason"], "未使用 CUDA：{reason}", "CUDA not used: {reason}");
    public static readonly Message BaselineNoteNaN = new(null, ["model", "why"], "{model}：{why}；准确率指标记为错误", "{model}: {why}; the accuracy metrics are recorded as errors");

    // ---- the model and its execution provider ----
    public static readonly Message BaselineModelUnloadable = new(Codes.BadEvidence, ["path", "reason"], "{path}：不是 ONNX Runtime 能加载的模型：{reason}",
        "{path}: not a model ONNX Runtime can load: {reason}");
    public static readonly Message BaselineFloatInputsOnly = new(Codes.BadEvidence, ["path", "inputs"], "{path}：只支持 float32 输入（输入：{inputs}）",
        "{path}: only float32 inputs are supported (inputs: {inputs})");
    public static readonly Message BaselineBadDimension = new(Codes.BadEvidence, ["path", "input", "dimension", "shape"], "{path}：输入 {input} 声明了维度 {dimension}（形状 {shape}）",
        "{path}: input {input} declares the dimension {dimension} (shape {shape})");
    public static readonly Message BaselineSyntheticTooLarge = new(Codes.BadEvidence, ["path", "input", "count", "shape", "max"],
        "{path}：输入 {input} 声明了 {count} 个元素（形状 {shape}）；--synthetic 每个输入最多生成 {max} 个",
        "{path}: input {input} declares {count} elements (shape {shape}); --synthetic makes at most {max} per input");
    public static readonly Message BaselineCudaRequired = new(Codes.BadEvidence, ["reason"], "--device cuda：{reason}；请使用 --device cpu 或 auto", "--device cuda: {reason}; use --device cpu or auto");
    public static readonly Message CudaNoProvider = new(null, "此 ONNX Runtime 构建没有 CUDA 执行提供程序（安装的是 CPU 包 Microsoft.ML.OnnxRuntime；" +
        "在提供该包的包源下用 -p:IqOnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu 构建）",
        "this ONNX Runtime build has no CUDA execution provider (the CPU package Microsoft.ML.OnnxRuntime is installed; " +
        "build with -p:IqOnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu where a package source serves it)");
    public static readonly Message CudaLibraryMissing = new(null, ["library", "version"], "CUDA 执行提供程序未能启动：缺少 {library}（请安装 ONNX Runtime {version} 所需的 CUDA 运行时和 cuDNN）",
        "the CUDA execution provider did not start: {library} is missing (install the CUDA runtime and cuDNN that ONNX Runtime {version} needs)");
    public static readonly Message CudaDidNotStart = new(null, ["reason"], "CUDA 执行提供程序未能启动：{reason}", "the CUDA execution provider did not start: {reason}");

    // ---- the cases folder ----
    public static readonly Message BaselineNoCases = new(Codes.BadEvidence, "请给出 --cases DIR（.npy 文件的文件夹）或 --synthetic", "give --cases DIR (a folder of .npy files) or --synthetic");
    public static readonly Message BaselineCasesNotFound = new(Codes.BadEvidence, ["path"], "{path}：病例文件夹不存在", "{path}: cases folder not found");
    public static readonly Message BaselineNoNpy = new(Codes.BadEvidence, ["path"], "{path}：没有 .npy 文件", "{path}: no .npy files");
    public static readonly Message BaselineCaseMissingInput = new(Codes.BadEvidence, ["path", "case", "file", "input"], "{path}：病例 '{case}' 没有输入 '{input}' 所需的 {file}",
        "{path}: case '{case}' has no {file} for input '{input}'");
    public static readonly Message BaselineShapeMismatch = new(Codes.BadEvidence, ["path", "shape", "input", "declared"], "{path}：形状 ({shape}) 与输入 '{input}' 的形状 ({declared}) 不符",
        "{path}: shape ({shape}) does not fit input '{input}' of shape ({declared})");

    // ---- the labels file ----
    public static readonly Message LabelsNotFound = new(Codes.BadEvidence, ["path"], "{path}：标签文件不存在", "{path}: labels file not found");
    public static readonly Message LabelsBadHeader = new(Codes.BadEvidence, ["at"], "{at}：应为表头 'case,label'（可加 ',group' 和 ',tags'）",
        "{at}: expected the header 'case,label' (optionally ',group' and ',tags')");
    public static readonly Message LabelsBadRow = new(Codes.BadEvidence, ["at", "header", "row"], "{at}：应为 '{header}'，实际为 '{row}'", "{at}: expected '{header}', got '{row}'");
    public static readonly Message LabelsUnknownCase = new(Codes.BadEvidence, ["at", "case", "cases"], "{at}：病例 '{case}' 的标签，但 {cases} 中没有它的 .npy",
        "{at}: label for case '{case}', which has no .npy in {cases}");
    public static readonly Message LabelsSecondRow = new(Codes.BadEvidence, ["at", "case"], "{at}：病例 '{case}' 的第二行", "{at}: a second row for case '{case}'");
    public static readonly Message LabelsUnknownTag = new(Codes.BadEvidence, ["at", "tag"], "{at}：未知标记 '{tag}'；应为 natural_noise、stress、ood 或 invalid",
        "{at}: unknown tag '{tag}'; expected natural_noise, stress, ood or invalid");
    public static readonly Message LabelsNotWholeNumber = new(Codes.BadEvidence, ["at", "value"], "{at}：类别标签是整数，实际为 '{value}'", "{at}: a class label is a whole number, got '{value}'");
    public static readonly Message LabelsMaskSize = new(Codes.BadEvidence, ["path", "case", "pixels", "outputs"], "{path}：病例 '{case}' 的掩膜有 {pixels} 个像素；模型给出 {outputs} 个",
        "{path}: the mask of case '{case}' has {pixels} pixels; the model gives {outputs}");

    // ---- iq model ----
    public static readonly Message ModelSegmentationSuites = new(Codes.BadEvidence, "--task segmentation：分割模型只测量 performance 和 efficiency 两组",
        "--task segmentation: only the performance and efficiency suites are measured for segmentation models");
    public static readonly Message ModelRunNotStarted = new(Codes.BadEvidence, ["command", "reason"], "--run {command}：训练命令无法启动：{reason}", "--run {command}: {reason}");
    public static readonly Message ModelRunTimeout = new(Codes.BadEvidence, ["limit"], "--run：训练命令未在 {limit} 内结束", "--run: the training command did not finish in {limit}");
    public static readonly Message ModelRunLeftRunning = new(null, ["count", "processes"], "训练命令已退出，但留下 {count} 个仍在运行的进程：{processes}；未终止也未等待它们，已记录在 training_run.left_running 中；损失值只取命令退出前输出的",
        "the training command exited and left {count} processes running: {processes}; they were neither stopped nor waited for and are recorded in training_run.left_running; the losses are those it printed by its exit");
}
