using System.Diagnostics;
using System.Text.Json.Nodes;
using Iq.Engine.Facts;
using Iq.Engine.Probes;

namespace Iq.Tests;

/// <summary>Probes over fixture trees captured from real machines, failure modes, and this machine compared with
/// the standard tools.</summary>
public class ProbeTests
{
    static string Machines => Path.Combine(TestPaths.RepoRoot, "tests", "Iq.Tests", "Cases", "machines");

    static ProbeReport Probe(string machine, string? tools = null, string? root = null) =>
        EnvironmentProber.ProbeAsync(new ProbeContext(root ?? Path.Combine(Machines, machine),
            tools is null ? [] : [Path.Combine(Machines, tools, "tools")], TimeSpan.FromSeconds(1))).GetAwaiter().GetResult();

    static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static string J(JsonNode? n) => n?.ToJsonString(Relaxed) ?? "null";

    [Fact]
    public void Captured_debian_vm_in_docker()
    {
        var env = Probe("debian12-kvm").Environment;
        Assert.Equal("""{"name":"Debian GNU/Linux","id":"debian","version":"12","pretty_name":"Debian GNU/Linux 12 (bookworm)","kernel":"6.18.44-fc-v782","kernel_version":"6.18.44","architecture":{"$absent":"architecture is read from the running system","$code":"IQ7005","$args":{}},"virtualization":"vm","container":"docker"}""",
            J(env["os"]));
        Assert.Equal("""{"model":"AMD EPYC","vendor":"AuthenticAMD","sockets":1,"physical_cores":2,"logical_cores":2,"frequency_mhz":2246,"flags":["fma","sse4_2","aes","avx","hypervisor","avx2","sha_ni"]}""",
            J(env["cpu"]));
        Assert.Equal("""[{"mount":"/","device":"/dev/vda","filesystem":"ext4","size":{"$absent":"sizes are read from the running system","$code":"IQ7006","$args":{}},"free":{"$absent":"sizes are read from the running system","$code":"IQ7006","$args":{}},"rotational":true}]""",
            J(env["storage"]));
        Assert.Equal("[]", J(env["gpus"]));
        var meminfo = SystemProbes.ParseMeminfo(File.ReadAllText(Path.Combine(Machines, "debian12-kvm", "proc", "meminfo")));
        Assert.Equal(meminfo["MemTotal"], (long)env["memory"]!["total"]!);
    }

    [Fact]
    public void Gpu_server_fixture()
    {
        var report = Probe("gpu-server", tools: "gpu-server");
        var env = report.Environment;
        Assert.Equal(2, (int)env["cpu"]!["sockets"]!);
        Assert.Equal(8, (int)env["cpu"]!["physical_cores"]!);
        Assert.Equal(16, (int)env["cpu"]!["logical_cores"]!);
        Assert.Equal("""["fma","sse4_2","aes","avx","avx2","avx512f","avx512_vnni","sha_ni"]""", J(env["cpu"]!["flags"]));
        Assert.Equal(527958016L * 1024, (long)env["memory"]!["total"]!);
        Assert.Equal("5.15.0", (string)env["os"]!["kernel_version"]!);
        Assert.Equal("none", (string)env["os"]!["container"]!);
        Assert.Equal("""[{"index":0,"name":"NVIDIA A100-SXM4-80GB","memory":85899345920,"driver":"535.104.05","cuda":"12.2","uuid":"GPU-4b0d1c5e-aaaa-bbbb-cccc-000000000000"},{"index":1,"name":"NVIDIA A100-SXM4-80GB","memory":85899345920,"driver":"535.104.05","cuda":"12.2","uuid":"GPU-4b0d1c5e-aaaa-bbbb-cccc-000000000001"}]""",
            J(env["gpus"]));
        var storage = env["storage"]!.AsArray();
        Assert.Equal(["/", "/data", "/boot/efi"], storage.Select(s => (string)s!["mount"]!));
        Assert.False((bool)storage[0]!["rotational"]!);
        Assert.Equal("""{"$absent":"no /sys/block/sda/queue/rotational","$code":"IQ7015","$args":{"disk":"sda"}}""", J(storage[1]!["rotational"]));
        var network = env["network"]!.AsArray();
        Assert.Equal("""{"name":"eno1","up":true,"mtu":1500,"speed_mbps":25000,"infiniband":false,"addresses":{"$absent":"addresses are read from the running system","$code":"IQ7007","$args":{}}}""", J(network[0]));
        Assert.True((bool)network[1]!["infiniband"]!);
        // Security settings are a document of their own (SecurityProbeTests has their values).
        Assert.Null(env["security"]);
        Assert.Equal("no", (string)report.Security["ssh"]!["password_authentication"]!);
        Assert.Equal("""{"name":"cudnn","version":"8.9.7","source":"header","path":"/usr/include/cudnn_version.h"}""", J(report.Software["cudnn"]));
        Assert.Equal("""{"$absent":"docker: not found on the search path","$code":"IQ7030","$args":{"tool":"docker"}}""", J(report.Software["docker"]));
    }

    /// <summary>nvidia-smi's own output on a real H200 (captured on a lent machine, replayed): the expected values are
    /// read from the captured text, not from the probe (143771 MiB as the tool prints it, in bytes).</summary>
    [Fact]
    public void Real_h200_nvidia_smi_output()
    {
        var captured = File.ReadAllText(Path.Combine(Machines, "gpu-h200", "nvidia-smi-query.csv")).Trim().Split(", ");
        var header = File.ReadAllText(Path.Combine(Machines, "gpu-h200", "nvidia-smi.txt"));
        var gpus = Probe("debian12-kvm", tools: "gpu-h200").Environment["gpus"]!.AsArray();
        var gpu = Assert.Single(gpus)!;
        Assert.Equal(captured[1], (string)gpu["name"]!);
        Assert.Equal(long.Parse(captured[2]) * 1024 * 1024, (long)gpu["memory"]!);
        Assert.Equal(captured[3], (string)gpu["driver"]!);
        Assert.Equal(captured[4], (string)gpu["uuid"]!);
        Assert.Contains($"CUDA Version: {(string)gpu["cuda"]!} ", header);
        Assert.Equal("NVIDIA H200", captured[1]);
    }

    [Fact]
    public void A_failing_nvidia_smi_is_an_error_fact_and_the_rest_still_probes()
    {
        var env = Probe("gpu-server", tools: "gpu-broken").Environment;
        Assert.Equal("""{"$error":"nvidia-smi exited 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.","$code":"IQ7020","$args":{"tool":"nvidia-smi","code":"9","output":"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."}}""",
            J(env["gpus"]));
        Assert.Equal(16, (int)env["cpu"]!["logical_cores"]!);
    }

    [Fact]
    public void A_hanging_nvidia_smi_is_killed_at_its_timeout()
    {
        var clock = Stopwatch.StartNew();
        var env = Probe("gpu-server", tools: "gpu-hang").Environment;
        Assert.Equal("""{"$error":"nvidia-smi: timed out after 1 s","$code":"IQ7032","$args":{"tool":"nvidia-smi","seconds":"1"}}""", J(env["gpus"]));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), "the hanging tool was not killed"); // it sleeps 30 s
    }

    static string CopyOf(string machine) => SecurityProbeTests.CopyOf(machine);

    [Fact]
    public void A_truncated_cpuinfo_is_an_error_not_a_smaller_cpu()
    {
        var root = CopyOf("gpu-server");
        var cpuinfo = Path.Combine(root, "proc", "cpuinfo");
        var text = File.ReadAllText(cpuinfo);
        File.WriteAllText(cpuinfo, text[..(text.Length - 200)]);
        var env = Probe("gpu-server", root: root).Environment;
        Assert.Equal("""{"$error":"/proc/cpuinfo is truncated (processor 15 is incomplete)","$code":"IQ7009","$args":{"processor":"15"}}""", J(env["cpu"]));
        Assert.Equal(527958016L * 1024, (long)env["memory"]!["total"]!);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Garbage_in_os_release_is_an_error_per_field()
    {
        var root = CopyOf("gpu-server");
        File.WriteAllBytes(Path.Combine(root, "etc", "os-release"), [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x0a, 0xff, 0x00]);
        var env = Probe("gpu-server", root: root).Environment;
        Assert.Equal("""{"$error":"/etc/os-release has neither NAME nor ID: not an os-release file","$code":"IQ7003","$args":{}}""", J(env["os"]!["id"]));
        Assert.Equal("5.15.0-105-generic", (string)env["os"]!["kernel"]!);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Probe_documents_read_back_as_a_valid_bundle()
    {
        using var dir = new TempDir();
        foreach (var (machine, tools) in new[] { ("debian12-kvm", (string?)null), ("gpu-server", "gpu-server") })
        {
            var bundle = Path.Combine(dir.Path, machine);
            Iq.Engine.Facts.FactDocuments.WriteProbe(bundle, Probe(machine, tools));
            var read = FactBundleReader.Load([bundle], FactSchema.Default);
            Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
            Assert.Equal(["environment", "security", "software"], read.Inputs.Select(i => i.Kind).Order());
        }
    }
}
