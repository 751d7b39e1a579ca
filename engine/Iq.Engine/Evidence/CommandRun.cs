using System.Diagnostics;
using System.Security.Cryptography;

namespace Iq.Engine.Evidence;

/// <summary>A process the vendor's command started that was still running when the command ended.</summary>
public sealed record LeftProcess(int Pid, string Command);

/// <summary>How a vendor's command run by iq ended.</summary>
public enum CommandEnd
{
    /// <summary>The program exited by itself (<see cref="CommandRun.ExitCode"/> says how).</summary>
    Exited,
    /// <summary>It outlived its time limit and was stopped, with what it started.</summary>
    TimedOut,
    /// <summary>iq was interrupted (SIGINT, SIGTERM) and stopped it, with what it started.</summary>
    Interrupted,
    /// <summary>The program could not be started (<see cref="CommandRun.StartFailure"/> says why).</summary>
    NotStarted,
}

/// <summary>A vendor's command as iq ran and timed it (the rollback of <c>iq snapshot --run</c>, the training of
/// <c>iq model --run</c>): how long it took, how it ended, and the processes it left running. The one routine that runs a
/// vendor's command: each caller words the outcome in its own terms.</summary>
public sealed record CommandRun(TimeSpan Elapsed, CommandEnd End, int? ExitCode)
{
    /// <summary>The variable iq puts in the command's environment, with a value of this run's own: every process the
    /// command starts inherits it (unless it clears its environment), which is how the ones left running are found even
    /// after they leave the process tree (a <c>&amp;</c> in a shell script: re-parented to init).</summary>
    public const string MarkVariable = "IQ_COMMAND_RUN";

    /// <summary>Processes the command started that were still running after it exited, found by <see cref="MarkVariable"/>.
    /// They are left running (a rollback may start the service it restores) and recorded: the time measured is the
    /// command's, and work still going on in the background is not in it. After a timeout or an interrupt they are stopped
    /// with the command, and listed here too.</summary>
    public IReadOnlyList<LeftProcess> LeftRunning { get; init; } = [];

    /// <summary>Why the program could not be started (<see cref="CommandEnd.NotStarted"/>), else null.</summary>
    public string? StartFailure { get; init; }

    /// <summary>Runs <paramref name="command"/> (no shell: the first word is the program, the rest its arguments; at least
    /// one word) with no input, and times it from start to the exit of the program itself, not to the end of its output: a
    /// process it left in the background may hold the output open for hours. Each line it writes (stdout and stderr) goes to
    /// <paramref name="line"/>, from one thread at a time. A program that outlives <paramref name="timeout"/> or
    /// <paramref name="cancel"/> is killed with everything it started.</summary>
    public static CommandRun Run(IReadOnlyList<string> command, TimeSpan timeout, Action<string> line, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var mark = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment[MarkVariable] = mark;
        // Not disposed: disposing closes the output pipes, which a process left running may still hold open (the readers
        // end when it does).
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new object();
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) line(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) line(e.Data); };
        var clock = Stopwatch.StartNew();
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e) { return new CommandRun(clock.Elapsed, CommandEnd.NotStarted, null) { StartFailure = e.Message }; }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        // The program's own exit, not the end of its output (Process.WaitForExitAsync waits for both).
        try { exited.Task.Wait(limit.Token); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            var elapsed = clock.Elapsed;
            // Stopped means stopped: the ones that already left the tree too.
            var stopped = Marked(mark);
            foreach (var p in stopped) Kill(p.Pid);
            return new CommandRun(elapsed, cancel.IsCancellationRequested ? CommandEnd.Interrupted : CommandEnd.TimedOut, null) { LeftRunning = stopped };
        }
        var time = clock.Elapsed;
        // The program's output is read to its end, for a second at most: something it left running may hold the pipes open.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            try { process.WaitForExitAsync(drain.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
        }
        return new CommandRun(time, CommandEnd.Exited, process.ExitCode) { LeftRunning = Marked(mark) };
    }

    /// <summary>The running processes whose environment holds this run's mark (those of this user: another user's
    /// environment cannot be read, and a command's processes run as the user who ran iq unless they change it).</summary>
    static List<LeftProcess> Marked(string mark)
    {
        var found = new List<LeftProcess>();
        if (!OperatingSystem.IsLinux()) return found;
        var wanted = System.Text.Encoding.ASCII.GetBytes($"{MarkVariable}={mark}");
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories("/proc").Take(100_000).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return found; }
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (!Holds(environ, wanted)) continue;
                var cmdline = File.ReadAllBytes(Path.Combine(dir, "cmdline"));
                // A zombie (exited, not yet reaped) has no command line and runs nothing.
                if (cmdline.Length == 0) continue;
                var text = System.Text.Encoding.UTF8.GetString(cmdline).TrimEnd('\0').Replace('\0', ' ');
                found.Add(new LeftProcess(pid, text.Length > 200 ? text[..200] + "…" : text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Whether one NUL-separated entry of <paramref name="environ"/> is exactly <paramref name="entry"/>.</summary>
    static bool Holds(byte[] environ, byte[] entry)
    {
        var span = environ.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)0);
            var one = end < 0 ? span : span[..end];
            if (one.SequenceEqual(entry)) return true;
            span = end < 0 ? [] : span[(end + 1)..];
        }
        return false;
    }

    static void Kill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Processes as a fact list (<c>left_running</c>: pid and command line each).</summary>
    public static System.Text.Json.Nodes.JsonArray Facts(IReadOnlyList<LeftProcess> processes) => new([.. processes.Select(p =>
        (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["pid"] = p.Pid, ["command"] = p.Command })]);

    /// <summary>Processes as a message names them: pid and command line, separated by semicolons.</summary>
    public static string Describe(IReadOnlyList<LeftProcess> processes) => string.Join("; ", processes.Select(p => $"{p.Pid} {p.Command}"));
}
