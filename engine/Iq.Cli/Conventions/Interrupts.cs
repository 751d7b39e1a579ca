using System.Runtime.InteropServices;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;

namespace Iq.Cli.Conventions;

/// <summary>SIGINT and SIGTERM: the command's token is cancelled (a long measurement stops at its next step and says so);
/// one that does not finish within a grace period has its temporary files deleted and the process exits. Either way the
/// exit code is 130 (SIGINT) or 143 (SIGTERM), and no half-written output is left: outputs are written to a temporary
/// file and renamed, all of a run's outputs or none (<see cref="Outputs"/>).</summary>
public sealed class Interrupts : IDisposable
{
    // Every long loop watches the token (hostile-input corpus: a signal stops a run within a second); the grace only ends a
    // run that did not notice.
    static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(400);
    long _graceTicks = Grace.Ticks;
    readonly CancellationTokenSource _cts = new();
    readonly List<PosixSignalRegistration> _registrations = [];
    readonly TextWriter _err;
    readonly Func<Lang> _lang;
    int _exitCode;
    int _reported;
    string _signal = "";

    public Interrupts(TextWriter err, Func<Lang> lang)
    {
        _err = err;
        _lang = lang;
        if (OperatingSystem.IsWindows() || OperatingSystem.IsBrowser()) return;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, ExitCodes.Interrupted, "SIGINT")));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, ExitCodes.Terminated, "SIGTERM")));
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>A command that, once stopped, writes what it finished because the user asked for it (<c>iq baseline
    /// --partial</c>) gets this long to do so before its outputs are aborted; without it a loaded machine could lose the
    /// very result asked for.</summary>
    public void AllowFinishing(TimeSpan grace) => Interlocked.Exchange(ref _graceTicks, Math.Max(Grace.Ticks, grace.Ticks));

    /// <summary>130 or 143 once a signal came, else null.</summary>
    public int? ExitCode => _exitCode == 0 ? null : _exitCode;

    void Handle(PosixSignalContext context, int code, string signal)
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0) return;
        _signal = signal;
        _cts.Cancel();
        var watchdog = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromTicks(Interlocked.Read(ref _graceTicks)));
            Finish();
            ExitNow(code);
        }) { IsBackground = true, Name = "iq interruption watchdog" };
        watchdog.Start();
    }

    /// <summary>After a signal: stops every set of outputs in flight (no temporary left, nothing more renamed), says so once,
    /// and gives 130 or 143; null when no signal came.</summary>
    public int? Finish()
    {
        if (ExitCode is not { } code) return null;
        Outputs.AbortAll();
        if (Interlocked.Exchange(ref _reported, 1) == 0)
            try
            {
                _err.WriteLine("iq: " + Msg.Interrupted.With(_signal).Render(_lang()));
                _err.Flush();
            }
            catch (IOException) { }
        return code;
    }

    /// <summary>Ends the process with <paramref name="code"/> once an interrupted run's outputs are aborted
    /// (<see cref="Finish"/>: nothing more is renamed, no temporary left). On Linux and macOS by libc <c>_exit</c>, which
    /// runs no atexit handler and no native global destructor: the main thread may be inside ONNX Runtime, whose
    /// destructors crash when they run under a call still in flight (SIGSEGV, exit 139 instead of 143; ONNX Runtime issue
    /// 24579). Nothing of ours needs them: files are closed by the kernel, and our writers flush here.</summary>
    public static void ExitNow(int code)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) Exit(code);
        Environment.Exit(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void Exit(int status);

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
