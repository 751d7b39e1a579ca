namespace Iq.Cli;

/// <summary>The CLI contract: 0 verdict pass · 1 verdict fail or incomplete · 2 invalid input or usage · 3 internal error ·
/// 130/143 interrupted by SIGINT/SIGTERM, nothing partial left.</summary>
public static class ExitCodes
{
    public const int Pass = 0;
    public const int Fail = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
