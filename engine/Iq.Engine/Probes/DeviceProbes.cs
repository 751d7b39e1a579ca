using Iq.Rules.Messages;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Engine.Probes;

/// <summary>Storage, network interfaces and GPUs.</summary>
static partial class DeviceProbes
{
    static readonly HashSet<string> PseudoFilesystems =
    [
        "proc", "sysfs", "devpts", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs", "configfs", "fusectl",
        "mqueue", "hugetlbfs", "bpf", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "devtmpfs", "tmpfs", "efivarfs", "ramfs",
    ];

    public static JsonNode Storage(ProbeContext ctx)
    {
        var mounts = ctx.ReadText("/proc/mounts") ?? ctx.ReadText("/proc/self/mounts");
        if (mounts is null) return Fact.Absent(Msg.ProbeNotFound.With("/proc/mounts"));
        var list = new JsonArray();
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            if (f.Length < 3) return Fact.Error(Msg.ProbeMountsMalformed.With(line));
            var (device, mount, type) = (f[0], Unescape(f[1]), f[2]);
            if (PseudoFilesystems.Contains(type) || !device.StartsWith('/') && type != "overlay") continue;
            var entry = new JsonObject { ["mount"] = mount, ["device"] = device, ["filesystem"] = type };
            if (ctx.Live)
            {
                try
                {
                    var drive = new DriveInfo(mount);
                    entry["size"] = drive.TotalSize;
                    entry["free"] = drive.AvailableFreeSpace;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    entry["size"] = Fact.Error(Msg.ProbeStatvfs.With(mount, e.Message));
                    entry["free"] = Fact.Error(Msg.ProbeStatvfs.With(mount, e.Message));
                }
            }
            else
            {
                entry["size"] = Fact.Absent(Msg.ProbeSizesLive.Text);
                entry["free"] = Fact.Absent(Msg.ProbeSizesLive.Text);
            }
            entry["rotational"] = Rotational(ctx, device);
            list.Add(entry);
        }
        return list;
    }

    static string Unescape(string mount) => mount.Replace("\\040", " ").Replace("\\011", "\t");

    static JsonNode Rotational(ProbeContext ctx, string device)
    {
        var name = Path.GetFileName(device);
        var m = DiskOf().Match(name);
        var disk = !m.Success ? name : m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        var flag = ctx.ReadLine($"/sys/block/{disk}/queue/rotational") ?? ctx.ReadLine($"/sys/block/{name}/queue/rotational");
        return flag switch { "1" => true, "0" => false, _ => Fact.Absent(Msg.ProbeNoRotational.With(disk)) };
    }

    [GeneratedRegex(@"^((?:nvme\d+n\d+|mmcblk\d+))p\d+$|^((?:[shv]d|xvd)[a-z]+)\d+$")]
    private static partial Regex DiskOfPattern();

    static Regex DiskOf() => DiskOfPattern();

    public static JsonNode Network(ProbeContext ctx)
    {
        var dir = ctx.Path("/sys/class/net");
        if (!Directory.Exists(dir)) return Fact.Absent(Msg.ProbeNotFound.With("/sys/class/net"));
        var live = ctx.Live ? NetworkInterface.GetAllNetworkInterfaces().ToDictionary(n => n.Name) : null;
        var list = new JsonArray();
        foreach (var name in Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (name is null || name == "lo") continue;
            string? Read(string file) => ctx.ReadLine($"/sys/class/net/{name}/{file}");
            var entry = new JsonObject
            {
                ["name"] = name,
                ["up"] = Read("operstate") is { } state ? state == "up" : Fact.Absent(Msg.ProbeNoOperstate.Text),
                ["mtu"] = int.TryParse(Read("mtu"), NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) ? mtu : Fact.Absent(Msg.ProbeNoMtu.Text),
                ["speed_mbps"] = int.TryParse(Read("speed"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var speed) && speed > 0
                    ? speed : Fact.Absent(Msg.ProbeNoLinkSpeed.Text),
                ["infiniband"] = Read("type") == "32",
            };
            entry["addresses"] = live is not null && live.TryGetValue(name, out var nic)
                ? new JsonArray(nic.GetIPProperties().UnicastAddresses.Select(a => (JsonNode)a.Address.ToString()).ToArray())
                : Fact.Absent(Msg.ProbeAddressesLive.Text);
            list.Add(entry);
        }
        return list;
    }

    /// <summary>nvidia-smi's CSV query. No nvidia-smi and no /dev/nvidia0 is a fact: no GPU (an empty list).</summary>
    public static async Task<JsonNode?> Gpus(ProbeContext ctx, CancellationToken cancel)
    {
        if (ctx.Which("nvidia-smi") is null)
            return File.Exists(ctx.Path("/dev/nvidia0")) ? Fact.Error(Msg.ProbeNvidiaSmiMissing.Text) : new JsonArray();
        var query = await CommandRunner.RunAsync(ctx, "nvidia-smi",
            ["--query-gpu=index,name,memory.total,driver_version,uuid", "--format=csv,noheader,nounits"], cancel);
        if (query.NotRun is { } notRun) return notRun.ToFact();
        if (query.ExitCode != 0) return Fact.Error(Msg.ProbeToolExited.With("nvidia-smi", query.ExitCode.ToString(CultureInfo.InvariantCulture), FirstLine(query.Stdout + query.Stderr)));
        var cuda = await CudaVersion(ctx, cancel);
        var list = new JsonArray();
        foreach (var line in query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(',').Select(x => x.Trim()).ToArray();
            if (f.Length < 5 || !int.TryParse(f[0], out var index) || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var mib))
                return Fact.Error(Msg.ProbeNvidiaSmiLine.With(line.Trim()));
            list.Add(new JsonObject
            {
                ["index"] = index,
                ["name"] = f[1],
                ["memory"] = (long)(mib * 1024 * 1024),
                ["driver"] = f[3],
                ["cuda"] = cuda?.DeepClone() ?? Fact.Absent(Msg.ProbeNoCudaVersion.Text),
                ["uuid"] = f[4],
            });
        }
        return list;
    }

    static async Task<JsonNode?> CudaVersion(ProbeContext ctx, CancellationToken cancel)
    {
        var header = await CommandRunner.RunAsync(ctx, "nvidia-smi", [], cancel);
        var m = Regex.Match(header.Stdout, @"CUDA Version:\s*([0-9.]+)");
        return m.Success ? m.Groups[1].Value : null;
    }

    public static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "(no output)";
}
