namespace Iq.Cli;

/// <summary>The CLI contract: 0 verdict pass · 1 verdict fail or incomplete · 2 invalid input or usage · 3 internal error.</summary>
public static class ExitCodes
{
    public const int Pass = 0;
    public const int Fail = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;
}
