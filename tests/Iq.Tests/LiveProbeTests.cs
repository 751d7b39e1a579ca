using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Engine.Probes;

namespace Iq.Tests;

/// <summary>iq probe on the machine the tests run on agrees with lscpu, free -b, df -B1, /etc/os-release and dpkg-query -W.</summary>
public class LiveProbeTests
{
    // These tests check what the probes read, not how fast: on a loaded machine `dotnet --version` can outlast the probe's
    // default command timeout, which made a tool's version an error. A generous timeout takes the machine's load out of
    // the result (the timeout itself is covered by the probe tests with a command that never ends).
    static readonly Lazy<ProbeReport> Report = new(() =>
        EnvironmentProber.ProbeAsync(ProbeContext.ForThisMachine() with { CommandTimeout = TimeSpan.FromMinutes(3) }).GetAwaiter().GetResult());

    static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    static string Field(string lscpu, string name) =>
        lscpu.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

    [Fact]
    public void Cpu_agrees_with_lscpu()
    {
        var lscpu = Run("lscpu");
        var cpu = Report.Value.Environment["cpu"]!;
        Assert.Equal(int.Parse(Field(lscpu, "CPU(s)"), CultureInfo.InvariantCulture), (int)cpu["logical_cores"]!);
        Assert.Equal(int.Parse(Field(lscpu, "Socket(s)"), CultureInfo.InvariantCulture), (int)cpu["sockets"]!);
        Assert.Equal(Field(lscpu, "Model name"), (string)cpu["model"]!);
        var perSocket = int.Parse(Field(lscpu, "Core(s) per socket"), CultureInfo.InvariantCulture);
        Assert.Equal(perSocket * (int)cpu["sockets"]!, (int)cpu["physical_cores"]!);
    }

    [Fact]
    public void Memory_agrees_with_free()
    {
        var mem = Run("free", "-b").Split('\n').Single(l => l.StartsWith("Mem:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(long.Parse(mem[1], CultureInfo.InvariantCulture), (long)Report.Value.Environment["memory"]!["total"]!);
    }

    [Fact]
    public void Storage_agrees_with_df()
    {
        var df = Run("df", "-B1", "--output=target,size,avail").Split('\n').Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3)
            .ToDictionary(f => f[0], f => (Size: long.Parse(f[1], CultureInfo.InvariantCulture), Avail: long.Parse(f[2], CultureInfo.InvariantCulture)));
        var mounts = Report.Value.Environment["storage"]!.AsArray();
        Assert.Contains(mounts, m => (string)m!["mount"]! == "/");
        foreach (var m in mounts)
        {
            var mount = (string)m!["mount"]!;
            if (!df.TryGetValue(mount, out var d)) continue;
            Assert.Equal(d.Size, (long)m["size"]!);
            // Free space moves while the tests run (they write files): within 1 % of the size.
            Assert.InRange((long)m["free"]!, d.Avail - d.Size / 100, d.Avail + d.Size / 100);
        }
    }

    [Fact]
    public void Os_agrees_with_os_release()
    {
        var release = SystemProbes.ParseOsRelease(File.ReadAllText("/etc/os-release"));
        var os = Report.Value.Environment["os"]!;
        Assert.Equal(release["ID"], (string)os["id"]!);
        Assert.Equal(release["NAME"], (string)os["name"]!);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), (string)os["kernel"]!);
    }

    [Fact]
    public void Packages_agree_with_dpkg_query()
    {
        if (!File.Exists("/usr/bin/dpkg-query")) return; // an rpm system: nothing to compare with here
        var expected = Run("dpkg-query", "-W", "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n").Split('\n')
            .Select(l => l.Split('\t')).Where(f => f.Length == 3 && f[1].Length > 0 && f[2].StartsWith("ii", StringComparison.Ordinal))
            .ToDictionary(f => f[0].Split(':')[0], f => f[1]);
        var software = Report.Value.Software;
        var fromDpkg = software.Where(p => p.Value is JsonObject o && (string?)o["source"] == "dpkg").ToDictionary(p => p.Key, p => (string)p.Value!["version"]!);
        // Names the tool probes also answer (python, java …) are reported from the tool, so dpkg gives the rest.
        Assert.Equal(expected.Where(e => !fromDpkg.ContainsKey(e.Key)).Select(e => e.Key).Order(), expected.Keys.Where(k => software[k] is JsonObject o && (string?)o["source"] != "dpkg").Order());
        foreach (var (name, version) in fromDpkg) Assert.Equal(expected[name], version);
        Assert.True(fromDpkg.Count > 100);
    }

    [Fact]
    public void Dotnet_version_agrees_with_the_sdk()
    {
        Assert.Equal(Run("dotnet", "--version").Trim(), (string)Report.Value.Software["dotnet"]!["version"]!);
    }
}
