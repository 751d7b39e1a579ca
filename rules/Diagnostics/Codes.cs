namespace Iq.Rules.Diagnostics;

/// <summary>Stable diagnostic codes. IQ1xxx text and syntax, IQ2xxx binding and types,
/// IQ3xxx tailoring, IQ4xxx facts, IQ5xxx scripts, IQ6xxx the command line, IQ7xxx why a fact is missing (stored in fact documents by code).</summary>
public static class Codes
{
    public const string Unexpected = "IQ1001";
    public const string UnterminatedString = "IQ1002";
    public const string UnclosedBracket = "IQ1003";
    public const string UnmatchedBracket = "IQ1004";
    public const string MismatchedBracket = "IQ1005";
    public const string NestingTooDeep = "IQ1006";
    public const string UnknownUnit = "IQ1007";
    public const string EmptyFile = "IQ1008";
    public const string NotText = "IQ1009";
    public const string FileTooLarge = "IQ1010";
    public const string BadEscape = "IQ1011";
    public const string FileNotFound = "IQ1012";
    public const string NotRegularFile = "IQ1013";
    public const string CannotRead = "IQ1014";
    public const string InputTooComplex = "IQ1015";
    public const string NumberOutOfRange = "IQ1016";

    public const string UnknownFactPath = "IQ2001";
    public const string UnknownFunction = "IQ2002";
    public const string TypeMismatch = "IQ2003";
    public const string DuplicateId = "IQ2004";
    public const string BadWeight = "IQ2005";
    public const string UnknownName = "IQ2006";
    public const string ArgumentCount = "IQ2007";
    public const string BadRegex = "IQ2008";
    public const string DuplicateName = "IQ2009";
    public const string Cycle = "IQ2010";
    public const string UnknownItem = "IQ2011";
    public const string NothingToEvaluate = "IQ2012";
    public const string DuplicateClause = "IQ2013";
    public const string NotConstant = "IQ2014";
    public const string BadScoring = "IQ2015";
    public const string BadInterpolation = "IQ2016";
    public const string LambdaMisplaced = "IQ2017";
    public const string BadValue = "IQ2018";
    public const string BadRequirement = "IQ2030";

    public const string ExtendsCycle = "IQ3001";
    public const string BaseNotFound = "IQ3002";
    public const string UnknownTailoringTarget = "IQ3003";
    public const string UnknownParam = "IQ3004";
    public const string TailoringWithoutBase = "IQ3005";

    public const string MalformedJson = "IQ4001";
    public const string WrongFactType = "IQ4002";
    public const string BadDocument = "IQ4003";
    public const string DuplicateDocument = "IQ4004";
    public const string BundleNotFound = "IQ4005";
    public const string CannotWrite = "IQ4006";
    public const string BadEvidence = "IQ4007";
    public const string BadScanReport = "IQ4020";

    public const string ScriptsNotAllowed = "IQ5001";
    public const string ScriptCompile = "IQ5002";
    public const string ScriptNotAllowed = "IQ5003";
    public const string ScriptCache = "IQ5004";
    public const string ScriptTimeout = "IQ5005";

    public const string UnknownOption = "IQ6001";
    public const string UnknownCommand = "IQ6002";
    public const string BadOption = "IQ6003";
    public const string MissingInput = "IQ6004";
    public const string MissingTool = "IQ6005";

    // ---- reasons a fact is missing, stored in fact documents by code (IQ7xxx): one code per message ----
    public const string ProbeNotFound = "IQ7001";
    public const string ProbeNotInFile = "IQ7002";
    public const string ProbeOsReleaseNoName = "IQ7003";
    public const string ProbeNoKernelRelease = "IQ7004";
    public const string ProbeArchLive = "IQ7005";
    public const string ProbeSizesLive = "IQ7006";
    public const string ProbeAddressesLive = "IQ7007";
    public const string ProbeNoProcessor = "IQ7008";
    public const string ProbeCpuinfoTruncated = "IQ7009";
    public const string ProbeNoModelName = "IQ7010";
    public const string ProbeNoVendor = "IQ7011";
    public const string ProbeNoFrequency = "IQ7012";
    public const string ProbeMountsMalformed = "IQ7013";
    public const string ProbeStatvfs = "IQ7014";
    public const string ProbeNoRotational = "IQ7015";
    public const string ProbeNoOperstate = "IQ7016";
    public const string ProbeNoMtu = "IQ7017";
    public const string ProbeNoLinkSpeed = "IQ7018";
    public const string ProbeNvidiaSmiMissing = "IQ7019";
    public const string ProbeToolExited = "IQ7020";
    public const string ProbeNvidiaSmiLine = "IQ7021";
    public const string ProbeNoCudaVersion = "IQ7022";
    public const string ProbeUnsupportedOs = "IQ7023";
    public const string ProbeNotForPython = "IQ7024";
    public const string ProbeNoVersion = "IQ7025";
    public const string ProbePythonNoJson = "IQ7026";
    public const string ProbeNoCudnnMajor = "IQ7027";
    public const string ProbeNoCudnn = "IQ7028";
    public const string ProbeNoPackageManager = "IQ7029";
    public const string ToolNotFound = "IQ7030";
    public const string ToolCannotStart = "IQ7031";
    public const string ToolTimedOut = "IQ7032";
    public const string BaselineCaseNaN = "IQ7101";
    public const string BaselineOutputsNaN = "IQ7102";
    public const string BaselineNoForeground = "IQ7103";
    public const string ModelNoFiniteOutput = "IQ7104";
    public const string ModelNotANumber = "IQ7105";
    public const string ModelCaseNaN = "IQ7106";
    public const string ModelOutputNaN = "IQ7107";
    public const string ModelNoLabelledCases = "IQ7108";
    public const string ModelNoLabels = "IQ7109";
    public const string ModelNoMasks = "IQ7110";
    public const string ModelNoBaseConfig = "IQ7111";
    public const string ModelNoCases = "IQ7112";
    public const string ModelNoTag = "IQ7113";
    public const string ModelNoOodCases = "IQ7114";
    public const string ModelManifestNotFound = "IQ7115";
    public const string ModelNoManifestRef = "IQ7116";
    public const string ModelFewGroups = "IQ7117";
    public const string ModelNoAttackSucceeded = "IQ7118";
    public const string ModelLogNotFound = "IQ7119";
    public const string ModelLogNoLoss = "IQ7120";
    public const string ModelReferencedUnreadable = "IQ7121";
    public const string ModelReferencedNotText = "IQ7122";
    public const string ModelNoChiSquare = "IQ7123";
    public const string ModelNoCorrectCase = "IQ7124";
    public const string ModelNoLabelledCase = "IQ7125";
    public const string ModelFirstLossNaN = "IQ7126";
    public const string ModelFinalLossNaN = "IQ7127";
    public const string ModelLossesNaN = "IQ7128";
}
