using Iq.Rules.Messages;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Iq.Engine.Probes;

/// <summary>The probes of this machine, run concurrently; one failing never stops the others.</summary>
public sealed record ProbeReport(JsonObject Environment, JsonObject Software, JsonObject Security, TimeSpan Elapsed, DateTimeOffset CollectedAt)
{
    /// <summary>The probed host name, or "unknown" when its probe failed.</summary>
    public string Host => Environment["host"] is JsonObject h && h["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : "unknown";
}

public static class EnvironmentProber
{
    public static async Task<ProbeReport> ProbeAsync(ProbeContext ctx, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var collectedAt = DateTimeOffset.UtcNow;
        if (!ProbeContext.IsLinux)
        {
            // Other systems get their own probes later; until then say so per fact rather than guess.
            var os = RuntimeInformation.OSDescription;
            var env = new JsonObject();
            foreach (var part in new[] { "host", "os", "cpu", "memory", "storage", "network", "gpus" })
                env[part] = Fact.Absent(Msg.ProbeUnsupportedOs.With(os));
            var sec = new JsonObject();
            foreach (var part in new[] { "ssh", "pam", "accounts", "sudo", "audit", "auth_log", "firewall", "mac", "listening" })
                sec[part] = Fact.Absent(Msg.ProbeUnsupportedOs.With(os));
            sec["tls"] = new JsonArray();
            return new ProbeReport(env, new JsonObject(), sec, clock.Elapsed, collectedAt);
        }

        Task<JsonNode?> Sync(Func<JsonNode?> probe) => Task.Run(() => Fact.Try(probe), cancel);
        var host = Sync(() => SystemProbes.Host(ctx));
        var os2 = Sync(() => SystemProbes.Os(ctx));
        var cpu = Sync(() => SystemProbes.Cpu(ctx));
        var memory = Sync(() => SystemProbes.Memory(ctx));
        var storage = Sync(() => DeviceProbes.Storage(ctx));
        var network = Sync(() => DeviceProbes.Network(ctx));
        var security = SecurityProbes.ProbeAsync(ctx, cancel);
        var gpus = Fact.TryAsync(() => DeviceProbes.Gpus(ctx, cancel));
        var software = SoftwareProbes.InventoryAsync(ctx, cancel);
        var environment = new JsonObject
        {
            ["host"] = await host,
            ["os"] = await os2,
            ["cpu"] = await cpu,
            ["memory"] = await memory,
            ["storage"] = await storage,
            ["network"] = await network,
            ["gpus"] = await gpus,
        };
        return new ProbeReport(environment, await software, await security, clock.Elapsed, collectedAt);
    }
}
