using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Tests;

/// <summary><c>iq snapshot --compare … --run</c> with a real shell whose rollback starts a process in the background: the
/// time is the command's own exit (not the end of its output, which the background process holds open), and the process
/// it left is recorded (left running: it may be the service the rollback restored); after a timeout, the processes the
/// command started are stopped, also those that left its process tree, and recorded as stopped.</summary>
public class RollbackLeftRunningTests
{
    /// <summary>An installed app of one file (app/a.conf in <paramref name="dir"/>) and <c>iq snapshot</c>'s record of it
    /// (before.json): what a rollback is compared against.</summary>
    internal static (string App, string Before) SnapshottedApp(TempDir dir)
    {
        var app = Path.Combine(dir.Path, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "a.conf"), "a");
        var before = Path.Combine(dir.Path, "before.json");
        Assert.Equal(0, CliRunner.InProcess("snapshot", app, "-o", before).ExitCode);
        return (app, before);
    }

    /// <summary><see cref="SnapshottedApp"/>, then <c>iq snapshot --compare … --run</c> of <paramref name="script"/> (given the
    /// file it writes the pid of the process it leaves to) under <paramref name="timeout"/>. Disposing it stops that process,
    /// whatever the test found.</summary>
    static Rollback CompareAndRun(TempDir dir, string timeout, Func<string, string> script)
    {
        var (app, before) = SnapshottedApp(dir);
        var bundle = Path.Combine(dir.Path, "bundle");
        var pidFile = Path.Combine(dir.Path, "pid");
        var run = CliRunner.InProcess("snapshot", "--compare", before, app, "--out", bundle, "--timeout", timeout,
            "--run", "--", "/bin/sh", "-c", script(pidFile));
        return new(run, bundle, int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    sealed record Rollback(CliRunner.Run Run, string Bundle, int Pid) : IDisposable
    {
        public JsonNode Facts => JsonNode.Parse(File.ReadAllText(Path.Combine(Bundle, "rollback.json")))!["facts"]!;

        public void Dispose()
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(Pid); p.Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }

    static bool Running(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');

    [Fact]
    public void A_rollback_that_exits_at_once_leaving_a_background_process_is_timed_by_its_exit_and_the_process_recorded()
    {
        using var dir = new TempDir();
        // The finding's command: the shell exits at once, its `sleep` keeps the output pipes open (re-parented to init).
        using var rollback = CompareAndRun(dir, "30 s", pidFile => $"sleep 77 & echo $! > '{pidFile}'; exit 0");
        var (run, pid) = (rollback.Run, rollback.Pid);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var facts = rollback.Facts;
        // A measured time (milliseconds), not the timeout's $error.
        Assert.True(facts["duration"]!.GetValueKind() == JsonValueKind.Number, facts["duration"]!.ToJsonString());
        var left = facts["left_running"]!.AsArray();
        var sleep = Assert.Single(left, p => (int)p!["pid"]! == pid)!;
        Assert.Equal("sleep 77", (string)sleep["command"]!);
        Assert.Contains($"left 1 processes running: {pid} sleep 77", run.Stderr);
        Assert.StartsWith("rollback took ", run.Stdout);
        // Left running, as the record says.
        Assert.True(Running(pid));
    }

    [Fact]
    public void A_rollback_stopped_by_its_timeout_stops_what_it_started_also_outside_its_process_tree()
    {
        using var dir = new TempDir();
        // The subshell exits, so its `sleep` leaves the command's process tree; the command itself outlives the timeout.
        using var rollback = CompareAndRun(dir, "2 s", pidFile => $"(sleep 78 & echo $! > '{pidFile}'); exec sleep 79");
        var (run, pid) = (rollback.Run, rollback.Pid);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var facts = rollback.Facts;
        Assert.Contains("did not finish within 2 s and was stopped", facts["duration"]!.ToJsonString());
        Assert.Contains(facts["left_running"]!.AsArray(), p => (int)p!["pid"]! == pid && (string)p["command"]! == "sleep 78");
        Assert.Contains("were stopped with it", run.Stderr);
        // SIGKILL was sent; it is gone (or a zombie) once the kernel has delivered it.
        for (var i = 0; i < 100 && Running(pid); i++) Thread.Sleep(100);
        Assert.False(Running(pid));
    }
}
