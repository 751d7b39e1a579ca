namespace Iq.Rules.Diagnostics;

/// <summary>Stable diagnostic codes. IQ1xxx text and syntax, IQ2xxx binding and types,
/// IQ3xxx tailoring, IQ4xxx facts, IQ5xxx scripts, IQ6xxx the command line.</summary>
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

}
