using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>iq model and iq model-template (the pre-trained model, 001), and the model description reader.</summary>
public static partial class Msg
{
    public static readonly Message CmdModel = new(null, "按模型说明检查并测量预训练 ONNX 模型（001）", "Inspect and measure a pre-trained ONNX model against its description (001)");
    public static readonly Message CmdModelTemplate = new(null, "输出一份待填写的模型说明（001 第 4 章及第 5 章的声明）", "Print a model description (001 ch. 4 and the claims of ch. 5) to fill in");
    public static readonly Message ArgOnnxModel = new(null, "ONNX 模型文件", "The ONNX model file");
    public static readonly Message ArgTrainCommand = new(null, "与 --run 一起：厂商的训练命令，写在 -- 之后", "With --run: the vendor's training command, after --");
    public static readonly Message OptModelDescription = new(null, "厂商的模型说明（YAML 或 JSON；iq model-template 输出一份待填写的）",
        "The vendor's model description (YAML or JSON; iq model-template prints one to fill in)");
    public static readonly Message OptModelCases = new(null, ".npy 病例文件夹（每个文件一个样本，可带或不带批次维）", "A folder of .npy cases (one sample each, with or without the batch axis)");
    public static readonly Message OptModelLabels = new(null, "标签文件 labels.csv：case,label[,group][,tags]（tags 取值：natural_noise;stress;ood;invalid）",
        "labels.csv: case,label[,group][,tags] (tags: natural_noise;stress;ood;invalid)");
    public static readonly Message OptSuite = new(null, ["suites"], "要测量的测试组，逗号分隔：{suites}（默认：全部）", "Suites to measure, comma-separated: {suites} (default: all)");
    public static readonly Message OptBind = new(null, "MACs 估算所用的符号输入维度：NAME=VALUE（默认 1）", "A symbolic input dimension for the MACs estimate: NAME=VALUE (default 1)");
    public static readonly Message OptSeed = new(null, "所有随机抽取（自助法、噪声、攻击）的种子", "Seed of every random draw (bootstrap, noise, attacks)");
    public static readonly Message OptResamples = new(null, "自助法重抽样次数", "Bootstrap resamples");
    public static readonly Message OptModelIterations = new(null, "测量时延的计时运行次数", "Timed runs for latency");
    public static readonly Message OptQueries = new(null, "黑盒攻击对每个病例的查询预算", "Query budget per case of the black-box attacks");
    public static readonly Message OptAttackCases = new(null, "受攻击的带标签病例数", "Labelled cases attacked");
    public static readonly Message OptEpsilons = new(null, "攻击的 L∞ 预算 ε，如 0.02,0.05（默认 0.02,0.05,0.1,0.2，另加说明中声明的）",
        "L∞ budgets ε of the attacks, e.g. 0.02,0.05 (default 0.02,0.05,0.1,0.2, plus those the description claims)");
    public static readonly Message OptTrainRun = new(null, "运行厂商的训练命令（-- 之后），记录其输出的损失值（6.3.1）",
        "Run the vendor's training command (after --) and record the loss values it prints (6.3.1)");
    public static readonly Message OptTrained = new(null, "训练命令写出的 ONNX 模型（与 --run 一起）：须为被检查的模型重新训练所得（结构相同），6.3.1 的训练才算对该模型进行",
        "The ONNX model the training command writes (with --run): it must be the model inspected re-trained (the same structure) for the run to count as 6.3.1's training of that model");
    public static readonly Message OptModelOut = new(null, "写入 model.json（及 model_description.json、model_measurements.json）的数据包文件夹",
        "The bundle folder to write model.json (and model_description.json, model_measurements.json) into");
    public static readonly Message OptTemplateOutput = new(null, "将模板写入此文件（默认或 -：标准输出）", "Write the template to this file (default, or -: stdout)");

    public static readonly Message BindNeedsPositive = new(Codes.BadOption, ["name", "value"], "--bind {name}：应为正整数，实际为 '{value}'", "--bind {name}: a positive whole number, got '{value}'");
    public static readonly Message RunNeedsTrainCommand = new(Codes.BadOption, "--run 需要在 -- 之后给出训练命令，如 --run -- python3 train.py",
        "--run needs the training command after --, e.g. --run -- python3 train.py");
    public static readonly Message TrainedNeedsRun = new(Codes.BadOption, "--trained 需要 --run（它指明训练命令写出的模型）", "--trained needs --run (it names the model the training command writes)");
    public static readonly Message RunNeedsCases = new(Codes.BadOption, "--run 需要 --cases（训练运行与测量结果一起记录）", "--run needs --cases (the training run is recorded with the measurements)");
    public static readonly Message NotAPositiveNumber = new(Codes.BadOption, ["option", "value"], "{option}：不是正数：'{value}'", "{option}: not a positive number: '{value}'");

    public static readonly Message ModelSummary = new(null, ["name", "nodes", "parameters", "opset", "macs"],
        "{name}：{nodes} 个节点，{parameters} 个参数，opset {opset}，每次推理约 {macs} 次乘加",
        "{name}: {nodes} nodes, {parameters} parameters, opset {opset}, ~{macs} MACs per inference");
    public static readonly Message ModelAccuracy = new(null, ["value", "low", "high"], "准确率 {value}（95% 置信区间 {low}–{high}）", "accuracy {value} (95% CI {low}–{high})");
    public static readonly Message ModelSuites = new(null, ["timings"], "测试组：{timings}", "suites: {timings}");
    public static readonly Message ModelNotMeasured = new(null, ["facts", "reason"],
        "model_measurements.json：{facts} 未测得：{reason}；读取它们的条目将为“错误”",
        "model_measurements.json: {facts} not measured: {reason}; the items reading them will be error");
    public static readonly Message ModelTemplateHeader = new(null,
        "模型说明（GB/T 人工智能医疗器械 质量要求和评价 第5部分：预训练模型，第 4 章及第 5 章的声明）。\n" +
        "请填写每个字段；不适用的部分在其 not_applicable 字段中说明（\"不适用，因为……\"）。\n" +
        "Schema：iq schema model_description。读取方式：iq model MODEL.onnx --description 本文件.yaml",
        "Model description (GB/T 人工智能医疗器械 质量要求和评价 第5部分：预训练模型, ch. 4 and the claims of ch. 5).\n" +
        "Fill in every field; a part that does not apply says so in its not_applicable field (\"not applicable, because …\").\n" +
        "Schema: iq schema model_description. Read by: iq model MODEL.onnx --description THIS.yaml");

    // ---- the model description (YAML or JSON) ----
    public static readonly Message DescriptionNotFound = new(Codes.BundleNotFound, ["path"], "找不到模型说明：{path}", "Model description not found: {path}");
    public static readonly Message DescriptionReferenceLeaves = new(Codes.BadDocument, ["path", "field", "name"],
        "{field} '{name}' 离开了模型说明所在文件夹 {path}：iq 只读取说明旁的文件",
        "{field} '{name}' leaves the description's folder {path}: iq reads only the files beside the description");
    public static readonly Message DescriptionReferenceLinkLeaves = new(Codes.BadDocument, ["path", "field", "name"],
        "{field} '{name}' 是指向模型说明所在文件夹 {path} 之外的链接：iq 只读取说明旁的文件",
        "{field} '{name}' is a link that points out of the description's folder {path}: iq reads only the files beside the description");
    public static readonly Message ModelClaimedBlur = new(Codes.BadDocument, ["level", "max"], "box_blur 的核大小应为 1 至 {max} 的奇数，实际为 {level}",
        "box_blur needs an odd whole kernel size from 1 to {max}, got {level}");
    public static readonly Message ClaimMetricNotMeasured = new(Codes.BadDocument, ["metric", "choices"],
        "此声称的指标 '{metric}' 不是 iq 对它测量的指标（应为 {choices}）：声称须以所测指标比较，不能不比较",
        "the metric '{metric}' is not one iq measures for this claim (expected {choices}): a claim is compared in the metric measured, never left uncompared");
    public static readonly Message OodMetricNotBehaviour = new(Codes.BadDocument, ["metric", "behaviour", "choices"],
        "分布外数据的声称（expected_behaviour: {behaviour}）以 '{metric}' 度量自相矛盾：{behaviour} 的声称以 {choices} 比较（predict：分布外带标签病例上的准确率，5.2.6 i)；detect/reject：拒识率或 AUROC，A.12.2 b)）",
        "an out-of-distribution claim of expected_behaviour {behaviour} in '{metric}' contradicts itself: a {behaviour} claim is compared by {choices} (predict: accuracy on the labelled cases tagged ood, 5.2.6 i); detect or reject: rejection rate or AUROC, A.12.2 b))");
    public static readonly Message ClaimValueOutOfRange = new(Codes.BadDocument, ["value", "metric", "min", "max"],
        "声称的值 {value} 超出 {metric} 可取的范围（{min} 至 {max}）：这样的声称对任何测量都成立",
        "the claimed value {value} is outside what {metric} can be ({min} to {max}): such a claim holds against any measurement");
    public static readonly Message ClaimNumberOutOfRange = new(Codes.BadDocument, ["value", "name", "min", "max"],
        "声称的 {name} 为 {value}，超出它可取的范围（{min} 至 {max}）",
        "the claimed {name} {value} is outside what it can be ({min} to {max})");
    public static readonly Message ClaimNumberNegative = new(Codes.BadDocument, ["value", "name"],
        "声称的 {name} 为 {value}：它应是不小于 0 的有限数",
        "the claimed {name} {value} is not what it can be (a finite number, 0 or more)");
    public static readonly Message ClaimNumberNotCount = new(Codes.BadDocument, ["value", "name", "min"],
        "声称的 {name} 为 {value}：它是个数，应是不小于 {min} 的整数",
        "the claimed {name} {value} is not what it can be (a count: a whole number, {min} or more)");
    public static readonly Message NotApplicableNoReason = new(Codes.BadDocument, ["text"],
        "不适用须写明原因（\"不适用，因为……\"）；'{text}' 不是原因",
        "not applicable needs its reason (\"not applicable, because …\"); '{text}' is not one");
    public static readonly Message DescriptionTooLarge = new(Codes.BadDocument, ["size", "limit"], "模型说明过大（{size} 字节；上限 {limit}）", "Model description too large ({size} bytes; the limit is {limit})");
    public static readonly Message DescriptionSeveralDocuments = new(Codes.BadDocument, "模型说明只能是一个 YAML 文档；此文件有多个", "A model description is one YAML document; this file has several");
    public static readonly Message YamlUnterminated = new(Codes.MalformedJson, "YAML 格式错误：流式集合（[…] 或 {{…}}）或文档未结束", "Malformed YAML: an unterminated flow collection ([…] or {{…}}) or document");
    public static readonly Message YamlBadAlias = new(Codes.MalformedJson, "YAML 格式错误：别名（*）或锚点（&）无效，或节点位置不对", "Malformed YAML: an alias (*) or anchor (&) that is not one, or a node out of place");
    public static readonly Message DescriptionNotMapping = new(Codes.BadDocument, "模型说明应是由字段组成的映射（identity:、architecture: …）", "A model description is a mapping of fields (identity:, architecture: …)");
    public static readonly Message DescriptionAnchors = new(Codes.BadDocument, ["anchor", "path"], "模型说明中不允许锚点和别名（&{anchor}，位置 {path}）",
        "Anchors and aliases are not allowed in a model description (&{anchor} at {path})");
    public static readonly Message MalformedYamlAt = new(Codes.MalformedJson, ["reason"], "YAML 格式错误：{reason}", "Malformed YAML: {reason}");
    public static readonly Message DescriptionTooDeep = new(Codes.BadDocument, ["max", "path"], "模型说明嵌套超过 {max} 层，位置 {path}", "Model description nested deeper than {max} levels at {path}");
}
