using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Iq.Rules.Io;

namespace Iq.Tests;

/// <summary>One case of the hostile-input corpus (tests/hostile/CLASS/cases.txt): what to set up, the iq command line,
/// and what must come of it. See tests/hostile/README.md for the format.</summary>
public sealed record HostileCase(string Class, string Name, string File, int Line)
{
    public List<string> Setup { get; } = [];
    public string Run { get; set; } = "";
    public int Exit { get; set; } = 2;
    public List<string> Where { get; } = [];
    public List<string> Stderr { get; } = [];
    public List<string> NotStderr { get; } = [];
    public List<string> Stdout { get; } = [];
    public List<string> After { get; } = [];
    public List<string> Same { get; } = [];
    public double Within { get; set; } = 60;
    public string? Signal { get; set; }
    public int Repeat { get; set; } = 1;
    public int Concurrent { get; set; } = 1;
    public bool MountNamespace { get; set; }
    public bool Changes { get; set; }
    /// <summary>The managed heap iq may use, in MiB (DOTNET_GCHeapHardLimit), or null: a reader that needs more runs out of
    /// memory and the case fails, so that "no input may exhaust the process" is checked without timing anything.</summary>
    public int? HeapMiB { get; set; }

    public override string ToString() => $"{Class}/{Name}";
}

/// <summary>Loads the corpus and runs a case through the real iq process. Whatever the case says, these hold for every
/// case: the process ends within its time (no hang), never by a crash (exit 134 and the like), never prints a stack trace
/// or "internal error", leaves no temporary file behind, and when it refuses the input (exit 2) nothing in its working
/// folder is created or changed.</summary>
public static class HostileCorpus
{
    /// <summary>The corpus copied beside the tests, or another (IQ_CORPUS_ROOT, e.g. the source tree while editing cases).</summary>
    public static string Root => Environment.GetEnvironmentVariable("IQ_CORPUS_ROOT") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "hostile");

    /// <summary>The iq under test: this build's, or another's (IQ_CLI_DLL), e.g. main's, to measure it before a change.</summary>
    public static string Dll => Environment.GetEnvironmentVariable("IQ_CLI_DLL") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "iq.dll");

    /// <summary>"lenient": only what any clean refusal must show (exit code, where, the invariants), not the exact words.</summary>
    public static bool Lenient => Environment.GetEnvironmentVariable("IQ_CORPUS_MODE") == "lenient";

    public static IEnumerable<HostileCase> Load()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "cases.txt");
            if (Path.GetFileName(dir) == "fixtures") continue;
            foreach (var c in Parse(Path.GetFileName(dir), file)) yield return c;
        }
    }

    public static List<HostileCase> Parse(string @class, string file)
    {
        var cases = new List<HostileCase>();
        HostileCase? current = null;
        var n = 0;
        foreach (var raw in File.ReadLines(file))
        {
            n++;
            var line = raw.TrimEnd();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = new HostileCase(@class, line[3..].Trim(), file, n);
                if (cases.Any(c => c.Name == current.Name)) throw new FormatException($"{file}:{n}: case '{current.Name}' twice");
                cases.Add(current);
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (current is null) throw new FormatException($"{file}:{n}: a field before the first '## name'");
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"{file}:{n}: expected 'field: value'");
            var (key, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            switch (key)
            {
                case "setup": current.Setup.Add(value); break;
                case "run": current.Run = value; break;
                case "exit": current.Exit = int.Parse(value); break;
                case "where": current.Where.Add(value); break;
                case "stderr": current.Stderr.Add(value); break;
                case "not-stderr": current.NotStderr.Add(value); break;
                case "stdout": current.Stdout.Add(value); break;
                case "after": current.After.Add(value); break;
                case "same": current.Same.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case "within": current.Within = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "signal": current.Signal = value; break;
                case "repeat": current.Repeat = int.Parse(value); break;
                case "concurrent": current.Concurrent = int.Parse(value); break;
                case "namespace": current.MountNamespace = value == "mount" ? true : throw new FormatException($"{file}:{n}: namespace: mount"); break;
                case "changes": current.Changes = value == "yes"; break;
                case "heap": current.HeapMiB = int.Parse(value.Replace("MiB", "").Trim(), System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new FormatException($"{file}:{n}: unknown field '{key}'");
            }
        }
        foreach (var c in cases)
            if (c.Run.Length == 0) throw new FormatException($"{c.File}:{c.Line}: case '{c.Name}' has no run:");
        return cases;
    }

    public sealed record Outcome(int Exit, string Stdout, string Stderr, double Seconds, bool TimedOut);

    /// <summary>Runs the case; returns what went wrong (empty when the case is clean).</summary>
    public static List<string> Check(HostileCase c)
    {
        var problems = new List<string>();
        var work = Directory.CreateTempSubdirectory("iq-hostile-").FullName;
        try
        {
            var env = CaseEnvironment(c, work);
            if (!c.MountNamespace && c.Setup.Count > 0)
            {
                var setup = Bash(string.Join("\n", c.Setup.Prepend("set -e")), work, env, 120);
                if (setup.Exit != 0) return [$"setup failed ({setup.Exit}): {setup.Stderr}"];
            }
            // The heap limit holds for iq only, not for the setup.
            if (c.HeapMiB is { } heap) env["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heap << 20).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
            var before = c.MountNamespace ? null : Tree(work);
            var outcomes = new List<Outcome>();
            var copies = new List<Dictionary<string, string>>();
            for (var i = 0; i < c.Repeat; i++)
            {
                outcomes.AddRange(RunIq(c, work, env));
                copies.Add(c.Same.ToDictionary(f => f, f => File.Exists(Path.Combine(work, f)) ? Hash(Path.Combine(work, f)) : "(absent)"));
            }
            foreach (var o in outcomes) problems.AddRange(Judge(c, o));
            foreach (var f in c.Same)
                if (copies.Select(x => x[f]).Distinct().Count() > 1) problems.Add($"{f} differs between runs: {string.Join(", ", copies.Select(x => x[f][..Math.Min(12, x[f].Length)]))}");
            if (!c.MountNamespace)
            {
                foreach (var leftover in Directory.EnumerateFileSystemEntries(work, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                             .Where(p => Path.GetFileName(p) is var f && (f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".bak", StringComparison.Ordinal))))
                    problems.Add($"left behind: {Path.GetRelativePath(work, leftover)}");
                if (c.Exit == 2 && !c.Changes)
                {
                    var after = Tree(work);
                    foreach (var (path, state) in after)
                        if (!before!.TryGetValue(path, out var was)) problems.Add($"created although the input was refused: {path}");
                        else if (was != state) problems.Add($"changed although the input was refused: {path}");
                    foreach (var path in before!.Keys.Where(p => !after.ContainsKey(p))) problems.Add($"deleted: {path}");
                }
                foreach (var check in c.After)
                {
                    var r = Bash(check, work, env, 60);
                    if (r.Exit != 0) problems.Add($"after: {check} → exit {r.Exit} {r.Stdout}{r.Stderr}".TrimEnd());
                }
            }
            return problems;
        }
        finally
        {
            Bash("chmod -R u+w . 2>/dev/null; true", work, new Dictionary<string, string>(), 30);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static IEnumerable<string> Judge(HostileCase c, Outcome o)
    {
        var shown = $"exit {o.Exit} in {o.Seconds:0.0} s; stderr: {Cut(o.Stderr)}";
        if (o.TimedOut) { yield return $"did not finish within {c.Within} s (killed); {shown}"; yield break; }
        if (o.Exit != c.Exit) yield return $"expected exit {c.Exit}, got {shown}";
        if (o.Exit is 134 or 139 or 137 or 136) yield return $"crashed: {shown}";
        if (o.Stderr.Contains("   at ", StringComparison.Ordinal) || o.Stderr.Contains("Unhandled exception", StringComparison.Ordinal))
            yield return $"stack trace: {Cut(o.Stderr)}";
        if (o.Stderr.Contains("internal error", StringComparison.Ordinal)) yield return $"internal error: {Cut(o.Stderr)}";
        if (o.Stderr.Contains("@@ ended before the signal", StringComparison.Ordinal)) yield return $"the signal never landed: {shown}";
        if (o.Stderr.Contains("@@ stopped", StringComparison.Ordinal)) yield return $"slow to stop: {o.Stderr[o.Stderr.IndexOf("@@ stopped", StringComparison.Ordinal)..].Trim()}";
        foreach (var w in c.Where.Select(Expand))
            if (!o.Stderr.Contains(w, StringComparison.Ordinal)) yield return $"the message does not name '{w}': {Cut(o.Stderr)}";
        if (Lenient) yield break;
        foreach (var s in c.Stderr.Select(Expand))
            if (!o.Stderr.Contains(s, StringComparison.Ordinal)) yield return $"stderr lacks '{s}': {Cut(o.Stderr)}";
        foreach (var s in c.NotStderr.Select(Expand))
            if (o.Stderr.Contains(s, StringComparison.Ordinal)) yield return $"stderr has '{s}': {Cut(o.Stderr)}";
        foreach (var s in c.Stdout.Select(Expand))
            if (!o.Stdout.Contains(s, StringComparison.Ordinal)) yield return $"stdout lacks '{s}': {Cut(o.Stdout)}";
    }

    static string Expand(string s) => s.Replace("\\t", "\t");

    static string Cut(string s) => s.Length <= 600 ? s.Trim() : s[..600].Trim() + " …";

    static Dictionary<string, string> CaseEnvironment(HostileCase c, string work) => new()
    {
        ["CASE"] = Path.Combine(Root, c.Class),
        ["FIX"] = Path.Combine(Root, "fixtures"),
        ["TESTCASES"] = Path.Combine(AppContext.BaseDirectory, "Cases"),
        // The repository's checklists folder: the samples are not copied into the build output (only the checklists are).
        ["CHECKLISTS"] = TestPaths.Checklists,
        ["IQ_CHECKLIST"] = Path.Combine(AppContext.BaseDirectory, "checklists", "gbt-aimd-iq.iq"),
        ["IQ_DLL"] = Dll,
        ["WORK"] = work,
        ["IQ_SCRIPT_CACHE"] = Path.Combine(work, ".script-cache-outside", "c"),
    };

    static List<Outcome> RunIq(HostileCase c, string work, Dictionary<string, string> env)
    {
        if (c.MountNamespace)
        {
            var script = string.Join("\n", c.Setup.Prepend("set -e").Append("set +e").Append($"dotnet \"$IQ_DLL\" {c.Run}").Append("rc=$?")
                .Append("echo \"@@rc=$rc\" >&2").Concat(c.After.Select(a => $"( {a} ) || {{ echo \"@@after failed: {a.Replace("\"", "'")}\" >&2; }}"))
                .Append("exit $rc"));
            var r = Bash(script, work, env, c.Within, unshare: true);
            var stderr = r.Stderr;
            var afterFailures = stderr.Split('\n').Where(l => l.StartsWith("@@after failed", StringComparison.Ordinal)).ToList();
            return [r with { Stderr = stderr + string.Concat(afterFailures.Select(a => "\n" + a)) }, .. afterFailures.Select(a => r with { Exit = -1, Stderr = a })];
        }
        if (c.Concurrent > 1)
        {
            var tasks = Enumerable.Range(0, c.Concurrent).Select(_ => Task.Run(() => Bash($"exec dotnet \"$IQ_DLL\" {c.Run}", work, env, c.Within))).ToArray();
            Task.WaitAll(tasks);
            return tasks.Select(t => t.Result).ToList();
        }
        return [Bash($"exec dotnet \"$IQ_DLL\" {c.Run}", work, env, c.Within, c.Signal)];
    }

    /// <summary>Runs a bash script in <paramref name="work"/>; with <paramref name="signal"/> ("TERM 1.5" or
    /// "INT when:TEXT"), sends the signal to the process after that many seconds or when TEXT appears on its output.</summary>
    public static Outcome Bash(string script, string work, Dictionary<string, string> env, double within, string? signal = null, bool unshare = false)
    {
        // A session (and process group) of its own, so that whatever the script leaves running is ended with it.
        var psi = new ProcessStartInfo("setsid") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (unshare) { psi.ArgumentList.Add("unshare"); psi.ArgumentList.Add("-m"); psi.ArgumentList.Add("--propagation"); psi.ArgumentList.Add("private"); }
        psi.ArgumentList.Add("bash");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        psi.Environment.Remove("IQ_DEBUG");
        psi.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var seen = new ManualResetEventSlim();
        string? waitFor = signal?.Split(' ', 2) is [_, var when] && when.StartsWith("when:", StringComparison.Ordinal) ? when[5..] : null;
        void Watch(StringBuilder sb, string? data)
        {
            if (data is null) return;
            lock (sb) sb.Append(data).Append('\n');
            if (waitFor is not null && data.Contains(waitFor, StringComparison.Ordinal)) seen.Set();
        }
        p.OutputDataReceived += (_, e) => Watch(stdout, e.Data);
        p.ErrorDataReceived += (_, e) => Watch(stderr, e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        double? signalledAt = null;
        if (signal is not null)
        {
            var parts = signal.Split(' ', 2);
            if (waitFor is not null) seen.Wait(TimeSpan.FromSeconds(within));
            else if (parts[1].StartsWith("cpu:", StringComparison.Ordinal))
            {
                // After the process has used this much CPU time: the same point of its work on an idle machine and at load
                // 40, where a wall-clock delay lands before start-up ends (loaded) or after the work is done (idle).
                var cpu = double.Parse(parts[1][4..], System.Globalization.CultureInfo.InvariantCulture);
                while (!p.HasExited && clock.Elapsed.TotalSeconds < within && CpuSeconds(p.Id) < cpu) Thread.Sleep(10);
            }
            else Thread.Sleep(TimeSpan.FromSeconds(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
            if (!p.HasExited)
            {
                Process.Start("kill", ["-" + parts[0], p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                signalledAt = clock.Elapsed.TotalSeconds;
            }
        }
        var limit = signalledAt is { } at ? at + 5 : within;
        var finished = p.WaitForExit(TimeSpan.FromSeconds(Math.Max(0.1, limit - clock.Elapsed.TotalSeconds)));
        var seconds = clock.Elapsed.TotalSeconds;
        // End the group (a hung process, or anything the script left behind), then wait, boundedly, for the output's end.
        Process.Start("kill", ["-KILL", "--", "-" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        if (!finished) p.WaitForExit(TimeSpan.FromSeconds(10));
        Task.Run(() => p.WaitForExit()).Wait(TimeSpan.FromSeconds(5));
        string o, e;
        lock (stdout) o = stdout.ToString();
        lock (stderr) e = stderr.ToString();
        if (signalledAt is { } s && finished && seconds - s > StopBound) e += $"\n@@ stopped {seconds - s:0.00} s after the signal (more than {StopBound:0.0} s at load {LoadAverage:0.0} on {Environment.ProcessorCount} cores)";
        if (signal is not null && signalledAt is null && finished) e += "\n@@ ended before the signal was sent: the case does not test an interruption";
        return new Outcome(finished ? p.ExitCode : -1, o, e, seconds, !finished);
    }

    /// <summary>User and system CPU seconds the process has used (/proc/PID/stat), 0 when it cannot be read.</summary>
    static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of proc(5) (utime, stime), counted after the command name: indexes 11 and 12; in clock ticks.
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException) { return 0; }
    }

    static double LoadAverage => double.TryParse(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "0",
        System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : 0;

    /// <summary>How long a process may take to stop after a signal: the issue's second on a machine with a core to spare; on
    /// a shared machine where more runs than there are cores, the second stretches by the load per core (at most 5 s, the
    /// hang limit), since no process stops faster than it is scheduled. Measured here: 1.18 s at load 30 on 2 cores.</summary>
    static double StopBound => Math.Clamp(LoadAverage / Environment.ProcessorCount, 1.0, 5.0);

    /// <summary>Every entry under the folder: regular files by content, others by kind (never opened: a FIFO would block).</summary>
    static Dictionary<string, string> Tree(string root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            var facts = FileFacts.Of(path, followLinks: false);
            var rel = Path.GetRelativePath(root, path);
            if (rel.StartsWith(".script-cache", StringComparison.Ordinal)) continue;
            result[rel] = facts.Kind switch
            {
                FileKind.Regular => "file " + Hash(path) + " " + Convert.ToString(facts.Mode, 8),
                FileKind.Link => "link " + new FileInfo(path).LinkTarget,
                var k => k.ToString(),
            };
        }
        return result;
    }

    static string Hash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
