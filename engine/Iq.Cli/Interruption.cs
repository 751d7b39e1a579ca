using System.Runtime.InteropServices;
using Iq.Rules.Io;

namespace Iq.Cli;

/// <summary>Ctrl-C (SIGINT) and SIGTERM: the run is cancelled (every long loop watches <see cref="Token"/>), its outputs are
/// not put in place, temporaries are removed, and iq exits 130 or 143. Should the work not notice within
/// <see cref="Grace"/>, the process ends anyway, after removing the temporaries: an interrupted run never exits 0 and never
/// leaves a partial file.</summary>
static class Interruption
{
    static readonly CancellationTokenSource Source = new();
    static readonly List<PosixSignalRegistration> Registrations = [];
    static int _code;

    /// <summary>How long the work has to stop by itself before the process is ended for it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(400);

    public static CancellationToken Token => Source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM; 0 while not interrupted.</summary>
    public static int ExitCode => Volatile.Read(ref _code);

    public static string? SignalName => ExitCode switch { ExitCodes.Interrupted => "SIGINT", ExitCodes.Terminated => "SIGTERM", _ => null };

    /// <summary>Installs the handlers (the real process only; tests that call <c>Program.Run</c> do not).</summary>
    public static void Install(TextWriter stderr)
    {
        if (OperatingSystem.IsWindows() || OperatingSystem.IsBrowser()) return;
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, ExitCodes.Interrupted, stderr)));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, ExitCodes.Terminated, stderr)));
    }

    static void Stop(PosixSignalContext context, int code, TextWriter stderr)
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _code, code, 0) != 0) return;
        Source.Cancel();
        var watchdog = new Thread(() =>
        {
            Thread.Sleep(Grace);
            Outputs.AbortAll();
            try { stderr.WriteLine($"iq: interrupted ({SignalName}); nothing was written"); stderr.Flush(); }
            catch (IOException) { }
            Environment.Exit(code);
        }) { IsBackground = true, Name = "iq interruption watchdog" };
        watchdog.Start();
    }
}
