using Iq.Rules.Messages;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Iq.Engine.Probes;

/// <summary>Host, OS, CPU and memory, read from /etc, /proc and /sys under the probe root.</summary>
static class SystemProbes
{
    static readonly string[] FlagsOfNote = ["sse4_2", "avx", "avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "fma", "aes", "sha_ni", "hypervisor"];

    public static JsonNode Host(ProbeContext ctx) => new JsonObject
    {
        ["name"] = ctx.ReadLine("/etc/hostname") is { Length: > 0 } h ? h
            : ctx.Live ? Environment.MachineName : Fact.Absent(Msg.ProbeNotFound.With("/etc/hostname")),
        ["id"] = ctx.ReadLine("/etc/machine-id") is { Length: > 0 } id ? id : Fact.Absent(Msg.ProbeNotFound.With("/etc/machine-id")),
    };

    public static Dictionary<string, string> ParseOsRelease(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq <= 0 || !line[..eq].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')) continue;
            values[line[..eq]] = line[(eq + 1)..].Trim('"', '\'');
        }
        return values;
    }

    public static JsonNode Os(ProbeContext ctx)
    {
        var release = ctx.ReadText("/etc/os-release") ?? ctx.ReadText("/usr/lib/os-release");
        var values = release is null ? null : ParseOsRelease(release);
        JsonNode Field(string key) =>
            values is null ? Fact.Absent(Msg.ProbeNotFound.With("/etc/os-release"))
            : !values.ContainsKey("ID") && !values.ContainsKey("NAME") ? Fact.Error(Msg.ProbeOsReleaseNoName.Text)
            : values.TryGetValue(key, out var v) ? v
            : Fact.Absent(Msg.ProbeNotInFile.With(key, "/etc/os-release"));
        var kernel = ctx.ReadLine("/proc/sys/kernel/osrelease");
        return new JsonObject
        {
            ["name"] = Field("NAME"),
            ["id"] = Field("ID"),
            ["version"] = Field("VERSION_ID"),
            ["pretty_name"] = Field("PRETTY_NAME"),
            ["kernel"] = kernel is { Length: > 0 } ? kernel : Fact.Absent(Msg.ProbeNotFound.With("/proc/sys/kernel/osrelease")),
            ["kernel_version"] = kernel is { Length: > 0 } && KernelNumber(kernel) is { } kv ? kv : Fact.Absent(Msg.ProbeNoKernelRelease.Text),
            ["architecture"] = ctx.Live ? Architecture(RuntimeInformation.OSArchitecture)
                : ctx.ReadLine("/proc/sys/kernel/arch") is { } arch ? arch : Fact.Absent(Msg.ProbeArchLive.Text),
            ["virtualization"] = Fact.Try(() => Virtualization(ctx)),
            ["container"] = Fact.Try(() => Container(ctx)),
        };
    }

    static string? KernelNumber(string kernel)
    {
        var end = 0;
        while (end < kernel.Length && (char.IsAsciiDigit(kernel[end]) || kernel[end] == '.')) end++;
        return end == 0 ? null : kernel[..end].TrimEnd('.');
    }

    static string Architecture(Architecture a) => a switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x86_64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        System.Runtime.InteropServices.Architecture.X86 => "i686",
        System.Runtime.InteropServices.Architecture.Arm => "armv7l",
        _ => a.ToString().ToLowerInvariant(),
    };

    static JsonNode Virtualization(ProbeContext ctx)
    {
        var vendor = (ctx.ReadLine("/sys/class/dmi/id/sys_vendor") ?? "") + " " + (ctx.ReadLine("/sys/class/dmi/id/product_name") ?? "");
        if (vendor.Contains("QEMU", StringComparison.OrdinalIgnoreCase) || vendor.Contains("KVM", StringComparison.OrdinalIgnoreCase)) return "kvm";
        if (vendor.Contains("VMware", StringComparison.OrdinalIgnoreCase)) return "vmware";
        if (vendor.Contains("VirtualBox", StringComparison.OrdinalIgnoreCase)) return "virtualbox";
        if (vendor.Contains("Microsoft", StringComparison.OrdinalIgnoreCase)) return "hyperv";
        if (vendor.Contains("Xen", StringComparison.OrdinalIgnoreCase) || ctx.ReadText("/proc/xen/capabilities") is not null) return "xen";
        if (ctx.ReadText("/proc/cpuinfo") is not { } cpuinfo) return Fact.Absent(Msg.ProbeNotFound.With("/proc/cpuinfo"));
        // The CPU's hypervisor flag says "a VM" even where DMI is hidden; which one is not known then.
        return cpuinfo.Split('\n').Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Split(' ').Contains("hypervisor")) ? "vm" : "none";
    }

    static JsonNode Container(ProbeContext ctx)
    {
        if (File.Exists(ctx.Path("/.dockerenv"))) return "docker";
        if (File.Exists(ctx.Path("/run/.containerenv"))) return "podman";
        var cgroup = ctx.ReadText("/proc/1/cgroup") ?? "";
        if (cgroup.Contains("kubepods", StringComparison.Ordinal)) return "kubernetes";
        if (cgroup.Contains("docker", StringComparison.Ordinal)) return "docker";
        if (cgroup.Contains("containerd", StringComparison.Ordinal)) return "containerd";
        if (cgroup.Contains("lxc", StringComparison.Ordinal)) return "lxc";
        var environ = ctx.ReadText("/proc/1/environ") ?? "";
        var container = environ.Split('\0').FirstOrDefault(e => e.StartsWith("container=", StringComparison.Ordinal));
        return container is null ? "none" : container["container=".Length..];
    }

    /// <summary>/proc/cpuinfo: one block per logical processor. A block with fewer fields than the first means the
    /// file was cut short: an error, rather than counting the processors that happen to be complete.</summary>
    public static JsonNode Cpu(ProbeContext ctx)
    {
        var text = ctx.ReadText("/proc/cpuinfo");
        if (text is null) return Fact.Absent(Msg.ProbeNotFound.With("/proc/cpuinfo"));
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(b => b.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim()))
            .Where(b => b.ContainsKey("processor")).ToList();
        if (blocks.Count == 0) return Fact.Error(Msg.ProbeNoProcessor.Text);
        var first = blocks[0];
        var shortBlock = blocks.FindIndex(b => b.Count < first.Count);
        if (shortBlock >= 0 || !text.EndsWith('\n'))
            return Fact.Error(Msg.ProbeCpuinfoTruncated.With((shortBlock >= 0 ? shortBlock : blocks.Count - 1).ToString(CultureInfo.InvariantCulture)));

        var sockets = blocks.Select(b => b.GetValueOrDefault("physical id", "0")).Distinct().Count();
        var cores = blocks.Select(b => (b.GetValueOrDefault("physical id", "0"), b.GetValueOrDefault("core id", b["processor"]))).Distinct().Count();
        var flags = (first.GetValueOrDefault("flags") ?? first.GetValueOrDefault("Features") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new JsonObject
        {
            ["model"] = first.TryGetValue("model name", out var model) ? model : Fact.Absent(Msg.ProbeNoModelName.Text),
            ["vendor"] = first.TryGetValue("vendor_id", out var vendor) ? vendor : first.TryGetValue("CPU implementer", out var impl) ? impl : Fact.Absent(Msg.ProbeNoVendor.Text),
            ["sockets"] = sockets,
            ["physical_cores"] = cores,
            ["logical_cores"] = blocks.Count,
            ["frequency_mhz"] = Fact.Try(() =>
            {
                if (ctx.ReadLine("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq") is { Length: > 0 } khz)
                    return Math.Round(double.Parse(khz, CultureInfo.InvariantCulture) / 1000);
                if (first.TryGetValue("cpu MHz", out var mhz)) return Math.Round(double.Parse(mhz, CultureInfo.InvariantCulture));
                return Fact.Absent(Msg.ProbeNoFrequency.Text);
            }),
            ["flags"] = new JsonArray(flags.Where(f => FlagsOfNote.Contains(f)).Select(f => (JsonNode)f).ToArray()),
        };
    }

    public static Dictionary<string, long> ParseMeminfo(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2) continue;
            var v = parts[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (v.Length >= 1 && long.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                values[parts[0].Trim()] = v.Length > 1 && v[1] == "kB" ? n * 1024 : n;
        }
        return values;
    }

    public static JsonNode Memory(ProbeContext ctx)
    {
        var text = ctx.ReadText("/proc/meminfo");
        if (text is null) return Fact.Absent(Msg.ProbeNotFound.With("/proc/meminfo"));
        var m = ParseMeminfo(text);
        JsonNode Get(string key) => m.TryGetValue(key, out var v) ? v : Fact.Error(Msg.ProbeNotInFile.With(key, "/proc/meminfo"));
        return new JsonObject { ["total"] = Get("MemTotal"), ["available"] = Get("MemAvailable"), ["swap_total"] = Get("SwapTotal") };
    }
}
