using System.Text.Json.Nodes;
using Iq.Engine.Probes;

namespace Iq.Tests;

/// <summary>The probes read the files of a machine (or a fixture root) through the bounded input path: a FIFO, a device, a
/// folder or an oversize file placed where a configuration file belongs becomes an <c>$error</c> fact naming the file and
/// the reason, the probe goes on with everything else, and nothing blocks. Each fixture machine is a copy of a captured
/// one with one file swapped, made by the test.</summary>
public class ProbeInputTests
{
    static string Machines => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines");

    static string CopyMachine(TempDir dir, string machine)
    {
        var from = Path.Combine(Machines, machine);
        var to = Path.Combine(dir.Path, machine);
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
        return to;
    }

    static void Mkfifo(string path)
    {
        File.Delete(path);
        using var p = System.Diagnostics.Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>Runs the probe on another thread: a FIFO read by mistake would block it for good, which must show as a
    /// failed test, not a hung suite (the bound is a hang detector, not a timing claim).</summary>
    static T NoHang<T>(Func<T> probe)
    {
        var task = Task.Run(probe);
        Assert.True(task.Wait(TimeSpan.FromMinutes(2)), "the probe blocked on a file that is not a regular file");
        return task.Result;
    }

    static JsonObject Security(string root) => NoHang(() =>
        SecurityProbes.ProbeAsync(new ProbeContext(root, [], TimeSpan.FromSeconds(5)), CancellationToken.None).GetAwaiter().GetResult());

    static ProbeReport Environment(string root) => NoHang(() =>
        EnvironmentProber.ProbeAsync(new ProbeContext(root, [], TimeSpan.FromSeconds(1))).GetAwaiter().GetResult());

    [Fact]
    public void A_fifo_at_the_sshd_config_path_is_an_error_fact_naming_it_and_the_other_probes_go_on()
    {
        using var dir = new TempDir();
        var root = CopyMachine(dir, "security-host");
        var before = Security(root);
        Mkfifo(Path.Combine(root, "etc", "ssh", "sshd_config"));
        var after = Security(root);
        var ssh = after["ssh"]!;
        // Not "no SSH server": the file is there; every setting read from it is an error naming it.
        Assert.True((bool)ssh["installed"]!);
        foreach (var member in new[] { "password_authentication", "permit_root_login", "ciphers", "match_overrides" })
            Assert.Equal("/etc/ssh/sshd_config: Not a regular file: a FIFO (named pipe)", (string)ssh[member]!["$error"]!);
        // The rest of the machine is read as before.
        foreach (var group in new[] { "pam", "accounts", "sudo", "audit" })
            Assert.Equal(before[group]!.ToJsonString(), after[group]!.ToJsonString());
    }

    [Fact]
    public void A_fifo_included_from_sshd_config_is_named_too()
    {
        using var dir = new TempDir();
        var root = CopyMachine(dir, "security-host");
        Mkfifo(Path.Combine(root, "etc", "ssh", "sshd_config.d", "20-vendor.conf"));
        var ssh = Security(root)["ssh"]!;
        Assert.Equal("/etc/ssh/sshd_config.d/20-vendor.conf: Not a regular file: a FIFO (named pipe)", (string)ssh["password_authentication"]!["$error"]!);
    }

    [Fact]
    public void Os_release_linked_to_dev_zero_is_an_error_fact_and_the_cpu_is_still_read()
    {
        using var dir = new TempDir();
        var root = CopyMachine(dir, "debian12-kvm");
        var release = Path.Combine(root, "etc", "os-release");
        File.Delete(release);
        File.CreateSymbolicLink(release, "/dev/zero");
        var env = Environment(root).Environment;
        Assert.Equal("""{"$error":"/etc/os-release: Not a regular file: a character device","$code":"IQ7062","$args":{"file":"/etc/os-release","reason":{"$code":"IQ7370","$args":{}}}}""", env["os"]!.ToJsonString());
        Assert.Equal("AMD EPYC", (string)env["cpu"]!["model"]!);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "etc", "machine-id")).Trim(), (string)env["host"]!["id"]!);
    }

    [Fact]
    public void Machine_id_as_a_folder_and_an_oversize_sudoers_are_refused_by_name()
    {
        using var dir = new TempDir();
        var root = CopyMachine(dir, "security-host");
        var sudoers = Path.Combine(root, "etc", "sudoers");
        using (var f = File.Open(sudoers, FileMode.Create)) f.SetLength(Iq.Rules.Io.InputLimits.For(Iq.Rules.Io.InputKind.Config) + 1); // sparse
        var sudo = Security(root)["sudo"]!;
        Assert.Equal("/etc/sudoers: Too large: 4194305 bytes; the limit for a file a probe reads is 4194304 bytes (raise it with --max-input-size) (iq probe reads it as root)", (string)sudo["$error"]!);
        Assert.Equal("""{"$code":"IQ7366","$args":{"size":"4194305","limit":"4194304","option":"--max-input-size"}}""", sudo["$args"]!["problem"]!.ToJsonString());

        var host = CopyMachine(dir, "debian12-kvm");
        File.Delete(Path.Combine(host, "etc", "machine-id"));
        Directory.CreateDirectory(Path.Combine(host, "etc", "machine-id"));
        Assert.Equal("""{"$error":"/etc/machine-id: Not a regular file: a folder","$code":"IQ7062","$args":{"file":"/etc/machine-id","reason":{"$code":"IQ7368","$args":{}}}}""", Environment(host).Environment["host"]!.ToJsonString());
    }
}

/// <summary><c>iq probe</c>'s summary counts the probe errors of every document it wrote, security.json included.</summary>
public class ProbeSummaryTests
{
    static int ErrorsIn(JsonNode? node) => node switch
    {
        JsonObject o => (o.ContainsKey("$error") ? 1 : 0) + o.Sum(p => ErrorsIn(p.Value)),
        JsonArray a => a.Sum(ErrorsIn),
        _ => 0,
    };

    static int ErrorsInFile(string file) => ErrorsIn(JsonNode.Parse(File.ReadAllText(file))!["facts"]);

    [Fact]
    public void A_security_probe_error_is_counted_in_the_summary()
    {
        using var dir = new TempDir();
        var from = Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines", "security-host");
        var root = Path.Combine(dir.Path, "machine");
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(root, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(root, Path.GetRelativePath(from, f)));
        // A sudoers over the size limit: the sudo facts become one $error in security.json, nothing else changes.
        using (var f = File.Open(Path.Combine(root, "etc", "sudoers"), FileMode.Create)) f.SetLength(Iq.Rules.Io.InputLimits.For(Iq.Rules.Io.InputKind.Config) + 1);
        var bundle = Path.Combine(dir.Path, "b");
        var run = CliRunner.InProcess("probe", "--root", root, "--out", bundle);
        Assert.Equal(0, run.ExitCode);
        var security = ErrorsInFile(Path.Combine(bundle, "security.json"));
        Assert.True(security >= 1, "the oversize sudoers is an $error in security.json");
        var total = new[] { "environment", "software", "security" }.Sum(d => ErrorsInFile(Path.Combine(bundle, d + ".json")));
        var summary = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"Probed \d+ software entries, (\d+) probe error\(s\)");
        Assert.True(summary.Success, run.Stdout);
        Assert.Equal(total, int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
