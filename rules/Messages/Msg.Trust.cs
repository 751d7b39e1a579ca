using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>Seals and keys (iq seal, iq verify, --sign-key, --trust-key) and the encoding of text inputs.</summary>
public static partial class Msg
{
    public static readonly Message CmdVerify = new(null, "检查数据包或报告文件夹的封签：全部完好且至少核验了一个封签时退出码 0，有缺失、损坏或不受信任的封签，或一个也未核验时为 1",
        "Check the seals of a bundle or a report folder: exit 0 when every seal holds and at least one was verified, 1 when one is missing, broken or untrusted, or none was verified");
    public static readonly Message CmdSeal = new(null, "为你担保的文件按现状加封签（iq 自己写出的文件已自动加封）；给出 --sign-key 时带签名",
        "Seal files you vouch for as they are now (iq seals what it writes itself); with --sign-key, signed");
    public static readonly Message ArgVerifyPaths = new(null, "数据包或报告文件夹，或文件", "Bundle or report folders, or files");
    public static readonly Message ArgSealFiles = new(null, "要加封签的文件（文件夹：其中的 *.json）", "Files to seal (a folder: its *.json)");
    public static readonly Message OptSignKey = new(null, ["variable"], "用此 ECDSA P-256 私钥（PEM：PKCS#8 或 SEC 1）为写出内容的封签签名；默认 ${variable}",
        "Sign the seals of what is written with this ECDSA P-256 private key (PEM: PKCS#8 or SEC 1); default ${variable}");
    public static readonly Message OptTrustKey = new(null, "信任其签名的公钥（PEM 或证书，可重复）：封签必须由其中之一签名",
        "A public key (PEM, or a certificate) whose signatures you trust (repeatable): a seal must then be signed by one of them");
    public static readonly Message BadKeyFile = new(Codes.BadOption, ["option", "path", "reason"], "{option} {path}：{reason}", "{option} {path}: {reason}");
    public static readonly Message PathNotFound = new(Codes.BadOption, ["path"], "{path}：不存在", "{path}: not found");
    /// <summary>After an audit that wrote a form (HTML, scorecard, PDF): C.1's signature fields it left "not filled".</summary>
    public static readonly Message C1NotFilled = new(null, ["fields", "options"], "注意：报告 C.1 的{fields}未填写；用 {options} 或 --report-info FILE 填写",
        "Note: the report's C.1 leaves {fields} not filled; fill them with {options} or --report-info FILE");
    public static readonly Message VerifiedFile = new(null, ["state", "path", "what", "detail"], "{state} {path}  {what}：{detail}", "{state} {path}  {what}: {detail}");
    /// <summary>After a rendered report's seal: what the report was rendered from, and whether that was shown to be iq's.</summary>
    public static readonly Message VerifyRenderedFrom = new(null, ["file", "sha256", "how"], "；渲染自 {file}（SHA-256 {sha256}…）：{how}",
        "; rendered from {file} (SHA-256 {sha256}…): {how}");
    public static readonly Message VerifySourceSealed = new(null, "其封签当时完好", "its seal held");
    public static readonly Message VerifySourceArchive = new(null, "与审计归档的清单一致，但清单未加封签", "matches an audit archive's manifest, which is unsealed");
    public static readonly Message VerifySourceSealedArchive = new(null, "与审计归档的清单一致，归档的封签当时完好", "matches an audit archive's manifest, and the archive's seal held");
    public static readonly Message VerifySourceNotWritten = new(null, "审计本次运行的结果", "the audit's own results");
    public static readonly Message VerifySourceNoSeal = new(null, "旁边没有封签：无从表明它是 iq 写出的结果，报告的封签不能为其中各行作保",
        "no seal beside it: nothing shows it is the results iq wrote, so the report's seal does not vouch for its rows");
    public static readonly Message VerifySummary = new(null, ["count", "intact", "failed"], "{count} 个文件：{intact} 个已加封且完好，{failed} 个未通过",
        "{count} file(s): {intact} sealed and intact, {failed} failed");
    public static readonly Message VerifyKeysChecked = new(null, ["keys"], "；签名已按 {keys} 个受信任的公钥核对", "; signatures checked against {keys} trusted key(s)");
    public static readonly Message VerifyKeysNotChecked = new(null, "；未核对签名（没有 --trust-key）", "; signatures not checked (no --trust-key)");
    public static readonly Message VerifyNothingVerified = new(null, "；没有一个封签得到核验，无从表明其中任何文件是 iq 写出的（退出码 1）",
        "; no seal was verified, so nothing shows any of these files is one iq wrote (exit 1)");
    public static readonly Message Sealed = new(null, ["path", "sha256"], "已加封 {path}（SHA-256 {sha256}…）", "sealed {path} (SHA-256 {sha256}…)");
    public static readonly Message SealedSigned = new(null, ["path", "sha256", "key"], "已加封 {path}（SHA-256 {sha256}…，由公钥 {key}… 签名）",
        "sealed {path} (SHA-256 {sha256}…, signed by key {key}…)");

    public static readonly Message OptEncoding = new(null, ["what", "names"], "不带字节顺序标记的{what}的编码：{names}（默认 utf-8；有 BOM 时以 BOM 为准）",
        "Encoding of {what} without a byte-order mark: {names} (default utf-8; a BOM always wins)");
    public static readonly Message EncodingOfJudgments = new(null, "人工评审与豁免文件（CSV、YAML）", "attestation and waiver files (CSV, YAML)");
    public static readonly Message EncodingOfLogs = new(null, "日志", "logs");
    public static readonly Message BadEncoding = new(Codes.BadOption, ["problem"], "--encoding：{problem}", "--encoding: {problem}");

    // ---- a results file re-rendered or compared (iq report, iq diff) ----
    public static readonly Message ResultsSealBroken = new(Codes.BadDocument, ["path", "detail"],
        "{path}：封签不符（{detail}）；该文件在 iq 写出后已被改动，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: its seal does not hold ({detail}); the file was changed after iq wrote it, so no report or comparison is made from it (iq verify says the same)");
    public static readonly Message ArchiveSealBroken = new(Codes.BadDocument, ["path", "detail"],
        "{path}：归档的封签不符（{detail}）；该归档在加封后已被改动，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: the archive's seal does not hold ({detail}); the archive was changed after it was sealed, so no report or comparison is made from it (iq verify says the same)");
    // A seal that cannot be read, or that seals another file, says nothing of the file's bytes: not worded as a change.
    public static readonly Message ResultsSealUnreadable = new(Codes.BadDocument, ["path", "detail"],
        "{path}：封签无法读取（{detail}）；无从表明该文件就是 iq 写出的文件，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: its seal cannot be read ({detail}); nothing shows the file is the one iq wrote, so no report or comparison is made from it (iq verify says the same)");
    public static readonly Message ResultsSealOfAnother = new(Codes.BadDocument, ["path", "seal", "other"],
        "{path}：封签 {seal} 封的是 '{other}'，不是该文件；无从表明该文件就是 iq 写出的文件，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: its seal {seal} is the seal of '{other}', not of this file; nothing shows the file is the one iq wrote, so no report or comparison is made from it (iq verify says the same)");
    // The same two states of an archive's own seal (audit.zip.seal), in its words: only ArchiveSealBroken says it changed.
    public static readonly Message ArchiveSealUnreadable = new(Codes.BadDocument, ["path", "detail"],
        "{path}：归档的封签无法读取（{detail}）；无从表明该归档就是 iq 写出的归档，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: the archive's seal cannot be read ({detail}); nothing shows the archive is the one iq wrote, so no report or comparison is made from it (iq verify says the same)");
    public static readonly Message ArchiveSealOfAnother = new(Codes.BadDocument, ["path", "seal", "other"],
        "{path}：归档的封签 {seal} 封的是 '{other}'，不是该归档；无从表明该归档就是 iq 写出的归档，不据此生成报告或比较（iq verify 给出同样结论）",
        "{path}: the archive's seal {seal} is the seal of '{other}', not of this archive; nothing shows the archive is the one iq wrote, so no report or comparison is made from it (iq verify says the same)");
    // --trust-key given to iq report / iq diff: the recipient asks for the lab's signature, so a seal without it refuses the run.
    public static readonly Message ResultsSealUntrusted = new(Codes.BadDocument, ["path", "detail"],
        "{path}：封签未由 --trust-key 给出的公钥签名（{detail}）；不据此生成报告或比较（iq verify --trust-key 给出同样结论）",
        "{path}: its seal is not signed by a key given with --trust-key ({detail}); no report or comparison is made from it (iq verify --trust-key says the same)");
    public static readonly Message ArchiveSealUntrusted = new(Codes.BadDocument, ["path", "detail"],
        "{path}：归档的封签未由 --trust-key 给出的公钥签名（{detail}）；不据此生成报告或比较（iq verify --trust-key 给出同样结论）",
        "{path}: the archive's seal is not signed by a key given with --trust-key ({detail}); no report or comparison is made from it (iq verify --trust-key says the same)");
    public static readonly Message ResultsUnsealed = new(null, ["path", "seal"],
        "{path}：未加封签（旁边没有 {seal}）；照常生成，但无从表明它就是 iq 写出的文件",
        "{path}: not sealed (no {seal} beside it); used as it is, but nothing shows it is the file iq wrote");

    // What a report was rendered from (scoring/Reports/Results/ReportSource.cs): declared once, for the console line and
    // for the scorecard's C.1 row and the HTML header (label beside the text).
    public static readonly Message SourceLabel = new(null, "报告依据", "Rendered from");
    public static readonly Message SourceLine = new(null, ["label", "source"], "{label}：{source}", "{label}: {source}");
    public static readonly Message SourceSealed = new(null, ["file", "sha256", "seal"],
        "结果文件 {file}（SHA-256 {sha256}）：封签 {seal} 校验通过，散列一致，未签名",
        "results file {file} (SHA-256 {sha256}): seal {seal} verified, the hash matches, not signed");
    public static readonly Message SourceSealedSigned = new(null, ["file", "sha256", "seal", "key_id"],
        "结果文件 {file}（SHA-256 {sha256}）：封签 {seal} 校验通过，散列一致；由公钥 {key_id} 签名（未核对签名）",
        "results file {file} (SHA-256 {sha256}): seal {seal} verified, the hash matches; signed by key {key_id} (signature not checked)");
    public static readonly Message SourceSealedTrusted = new(null, ["file", "sha256", "seal", "key_id"],
        "结果文件 {file}（SHA-256 {sha256}）：封签 {seal} 校验通过，散列一致；由公钥 {key_id} 签名，签名已用 --trust-key 给出的公钥核对",
        "results file {file} (SHA-256 {sha256}): seal {seal} verified, the hash matches; signed by key {key_id}, the signature verified with the key given by --trust-key");
    public static readonly Message SourceNoSeal = new(null, ["file", "sha256", "seal"],
        "结果文件 {file}（SHA-256 {sha256}）：未找到封签（旁边没有 {seal}），无从表明它就是 iq 写出的文件",
        "results file {file} (SHA-256 {sha256}): no seal found (no {seal} beside it); nothing shows it is the file iq wrote");
    public static readonly Message SourceArchive = new(null, ["file", "archive", "sha256"],
        "归档 {archive} 中的 {file}（SHA-256 {sha256}）：散列与归档清单一致，但清单未加封签，无从表明归档就是 iq 写出的",
        "{file} in the archive {archive} (SHA-256 {sha256}): the hashes match the archive's manifest, which is unsealed; nothing shows the archive is the one iq wrote");
    public static readonly Message SourceSealedArchive = new(null, ["file", "archive", "sha256", "seal"],
        "归档 {archive} 中的 {file}（SHA-256 {sha256}）：归档的封签 {seal} 校验通过，散列一致，未签名；结果的散列与归档清单一致",
        "{file} in the archive {archive} (SHA-256 {sha256}): the archive's seal {seal} verified, the hash matches, not signed; the results' hash matches its manifest");
    public static readonly Message SourceSealedArchiveSigned = new(null, ["file", "archive", "sha256", "seal", "key_id"],
        "归档 {archive} 中的 {file}（SHA-256 {sha256}）：归档的封签 {seal} 校验通过，散列一致；由公钥 {key_id} 签名（未核对签名）；结果的散列与归档清单一致",
        "{file} in the archive {archive} (SHA-256 {sha256}): the archive's seal {seal} verified, the hash matches; signed by key {key_id} (signature not checked); the results' hash matches its manifest");
    public static readonly Message SourceSealedArchiveTrusted = new(null, ["file", "archive", "sha256", "seal", "key_id"],
        "归档 {archive} 中的 {file}（SHA-256 {sha256}）：归档的封签 {seal} 校验通过，散列一致；由公钥 {key_id} 签名，签名已用 --trust-key 给出的公钥核对；结果的散列与归档清单一致",
        "{file} in the archive {archive} (SHA-256 {sha256}): the archive's seal {seal} verified, the hash matches; signed by key {key_id}, the signature verified with the key given by --trust-key; the results' hash matches its manifest");
    public static readonly Message SourceNotWritten = new(null, ["sha256"],
        "由审核直接生成；结果（SHA-256 {sha256}）未写入加封的文件",
        "rendered by the audit itself; the results (SHA-256 {sha256}) were not written to a sealed file");

    // ---- what the audit says about seals and across documents ----
    public static readonly Message SealNoteMissing = new(null, ["document", "detail"], "{document}：未加封签（{detail}）；其事实按声明值计", "{document}: not sealed ({detail}); its facts count as declared");
    public static readonly Message SealNoteBroken = new(null, ["document", "detail"], "{document}：封签已损坏（{detail}）；其事实按声明值计", "{document}: seal broken ({detail}); its facts count as declared");
    public static readonly Message SealNoteMalformed = new(null, ["document", "detail"], "{document}：封签无法读取（{detail}）；其事实按声明值计", "{document}: seal unreadable ({detail}); its facts count as declared");
    public static readonly Message SealNoteUntrusted = new(null, ["document", "detail"], "{document}：{detail}；其事实按声明值计", "{document}: {detail}; its facts count as declared");
    public static readonly Message SealNoteOther = new(null, ["document", "detail"], "{document}：{detail}", "{document}: {detail}");
    // Findings across documents (rules/Model/Findings.cs): one wording for the console and the reports.
    public static readonly Message FindingTestsBeforeInstall = new(null, ["tests_end", "tests_doc", "install_end", "logs_doc"],
        "功能确认测试结束于 {tests_end}（{tests_doc}），早于安装日志结束时间 {install_end}（{logs_doc}）：测试对象不是安装完成后的系统",
        "the functional tests finished at {tests_end} ({tests_doc}), before the installation log ends at {install_end} ({logs_doc}): they did not test the installed system");
    public static readonly Message FindingBaselineBeforeInstall = new(null, ["baseline_at", "baseline_doc", "install_end", "logs_doc"],
        "基线性能测量于 {baseline_at}（{baseline_doc}），早于安装日志结束时间 {install_end}（{logs_doc}）",
        "the baseline was measured at {baseline_at} ({baseline_doc}), before the installation log ends at {install_end} ({logs_doc})");
    public static readonly Message FindingTestsUntimed = new(null, ["tests_doc", "install_end", "logs_doc"],
        "{tests_doc} 未给出测试的执行时间（started/finished），无法表明测试在安装日志结束（{install_end}，{logs_doc}）之后、针对安装完成的系统执行：导入时间不是执行时间",
        "{tests_doc} gives no time the tests ran (started/finished), so they cannot be shown to have run after the installation log ends at {install_end} ({logs_doc}), on the installed system: when they were imported is not when they ran");
    public static readonly Message FindingCollectedBeforeInstall = new(null, ["document", "collected_at", "install_start", "logs_doc"],
        "{document} 采集于 {collected_at}，早于安装日志的第一个事件 {install_start}（{logs_doc}）：它描述的是安装之前的主机，而不是安装完成的系统",
        "{document} was collected at {collected_at}, before the installation log's first event at {install_start} ({logs_doc}): it describes the host before the installation, not the installed system");
    public static readonly Message FindingTestsTotals = new(null, ["document", "totals", "suites"],
        "{document} 的总计（{totals}）与其各测试套件之和（{suites}）不符",
        "{document} gives totals ({totals}) that its suites do not add up to ({suites})");
    public static readonly Message FindingHostMismatch = new(null, ["document", "host", "probe_doc", "probe_host"],
        "{document} 采集于主机“{host}”，而探测（{probe_doc}）采集于“{probe_host}”",
        "{document} was collected on host '{host}', the probe ({probe_doc}) on '{probe_host}'");
    /// <summary>{counts}: every outcome counted (OutcomeCounts.Breakdown), so that they add up to {total}.</summary>
    public static readonly Message ConsoleDeclaredOnly = new(null, ["total", "counts", "ids"],
        "仅有声明：{total} 个自动条目仅凭声明的事实判定，未经测量（{counts}）：{ids}",
        "Declared only: {total} automatic row(s) decided on declared facts alone, not measured ({counts}): {ids}");
    public static readonly Message ConsoleMoreIds = new(null, ["count"], "、…另 {count} 项", ", … ({count} more)");
    public static readonly Message ConsoleSeals = new(null, "封签：", "Seals:");
    public static readonly Message ConsoleFindings = new(null, ["count"], "跨文档的发现（{count}）：", "Findings across documents ({count}):");
}
