using System.Globalization;
using Iq.Rules.Messages;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Iq.Engine.Probes;

/// <summary>Installed software by name: the tools of Annex B.1.1.2 asked for their version, the Python AI stack
/// read from package metadata (no import, so no slow start), cuDNN from its header, and every dpkg or rpm package.</summary>
static class SoftwareProbes
{
    sealed record Tool(string Name, string Command, string[] Args, string Pattern);

    static readonly Tool[] Tools =
    [
        new("docker", "docker", ["--version"], @"version v?([0-9][^\s,]*)"),
        new("containerd", "containerd", ["--version"], @"\sv?([0-9]+\.[0-9]+[^\s]*)"),
        new("kubectl", "kubectl", ["version", "--client"], @"Client Version:\s*v?([0-9][^\s]*)"),
        new("helm", "helm", ["version", "--short"], @"v?([0-9]+\.[0-9]+[^\s+]*)"),
        new("dotnet", "dotnet", ["--version"], @"^([0-9][^\s]*)"),
        new("python", "python3", ["--version"], @"Python ([0-9][^\s]*)"),
        new("java", "java", ["-version"], @"version ""([0-9][^""]*)"""),
        new("cuda", "nvcc", ["--version"], @"V([0-9]+\.[0-9]+[0-9.]*)"),
        new("prometheus", "prometheus", ["--version"], @"version ([0-9][^\s]*)"),
        new("grafana", "grafana", ["--version"], @"[Vv]ersion ([0-9][^\s]*)"),
    ];

    static readonly (string Name, string Distribution)[] PythonPackages =
        [("pytorch", "torch"), ("tensorflow", "tensorflow"), ("onnxruntime", "onnxruntime"), ("onnxruntime-gpu", "onnxruntime-gpu"), ("tensorrt", "tensorrt")];

    const string PythonScript =
        "import json, importlib.metadata as m\nout = {}\nfor n in NAMES:\n    try: out[n] = m.version(n)\n    except Exception: out[n] = None\nprint(json.dumps(out))\n";

    public static async Task<JsonObject> InventoryAsync(ProbeContext ctx, CancellationToken cancel)
    {
        var tools = Tools.Select(async t => (t.Name, Value: await Fact.TryAsync(() => ToolVersion(ctx, t, cancel)))).ToList();
        var python = Fact.TryAsync(() => PythonVersions(ctx, cancel));
        var packages = Fact.TryAsync(() => Packages(ctx, cancel));
        var result = new JsonObject();
        foreach (var t in tools)
        {
            var (name, value) = await t;
            result[name] = value;
        }
        var py = await python;
        foreach (var (name, distribution) in PythonPackages)
            result[name] = py is JsonObject versions && versions[distribution] is JsonValue v && v.TryGetValue<string>(out var version)
                ? Entry(name, version, "python", null)
                : py is JsonObject ? Fact.Absent(Msg.ProbeNotForPython.With(distribution)) : py?.DeepClone();
        result["cudnn"] = Fact.Try(() => CudnnVersion(ctx));
        if (await packages is JsonObject installed)
            foreach (var (name, value) in installed)
                if (!result.ContainsKey(name)) result[name] = value?.DeepClone();
        return result;
    }

    static JsonObject Entry(string name, string version, string source, string? path)
    {
        var o = new JsonObject { ["name"] = name, ["version"] = version, ["source"] = source };
        if (path is not null) o["path"] = path;
        return o;
    }

    static async Task<JsonNode?> ToolVersion(ProbeContext ctx, Tool tool, CancellationToken cancel)
    {
        var r = await CommandRunner.RunAsync(ctx, tool.Command, tool.Args, cancel);
        if (r.NotRun is { } notRun) return notRun.ToFact();
        var output = r.Stdout + "\n" + r.Stderr;
        var m = Regex.Match(output, tool.Pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!m.Success)
            return Fact.Error(Msg.ProbeNoVersion.With($"{tool.Command} {string.Join(' ', tool.Args)}", r.ExitCode.ToString(CultureInfo.InvariantCulture), DeviceProbes.FirstLine(output)));
        return Entry(tool.Name, m.Groups[1].Value, "command", ctx.Which(tool.Command));
    }

    static async Task<JsonNode?> PythonVersions(ProbeContext ctx, CancellationToken cancel)
    {
        var names = "[" + string.Join(", ", PythonPackages.Select(p => $"'{p.Distribution}'")) + "]";
        var r = await CommandRunner.RunAsync(ctx, "python3", ["-c", PythonScript.Replace("NAMES", names)], cancel);
        if (r.NotRun is { } notRun) return notRun.ToFact();
        if (r.ExitCode != 0) return Fact.Error(Msg.ProbeToolExited.With("python3", r.ExitCode.ToString(CultureInfo.InvariantCulture), DeviceProbes.FirstLine(r.Stderr)));
        try { return JsonNode.Parse(r.Stdout.Trim()); }
        catch (JsonException) { return Fact.Error(Msg.ProbePythonNoJson.With(DeviceProbes.FirstLine(r.Stdout))); }
    }

    static JsonNode CudnnVersion(ProbeContext ctx)
    {
        string[] headers = ["/usr/include/cudnn_version.h", "/usr/include/x86_64-linux-gnu/cudnn_version_v9.h",
            "/usr/include/x86_64-linux-gnu/cudnn_version_v8.h", "/usr/local/cuda/include/cudnn_version.h"];
        foreach (var h in headers)
        {
            if (ctx.ReadText(h) is not { } text) continue;
            string Part(string name) => Regex.Match(text, $@"#define CUDNN_{name}\s+(\d+)").Groups[1].Value;
            var version = $"{Part("MAJOR")}.{Part("MINOR")}.{Part("PATCHLEVEL")}";
            if (version.StartsWith('.')) return Fact.Error(Msg.ProbeNoCudnnMajor.With(h));
            return Entry("cudnn", version, "header", h);
        }
        return Fact.Absent(Msg.ProbeNoCudnn.Text);
    }

    /// <summary>dpkg or rpm: every installed package, by name.</summary>
    static async Task<JsonNode?> Packages(ProbeContext ctx, CancellationToken cancel)
    {
        var dpkg = ctx.Which("dpkg-query") is not null;
        if (!dpkg && ctx.Which("rpm") is null) return Fact.Absent(Msg.ProbeNoPackageManager.Text);
        var r = dpkg
            ? await CommandRunner.RunAsync(ctx, "dpkg-query", ["-W", "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n"], cancel)
            : await CommandRunner.RunAsync(ctx, "rpm", ["-qa", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\tii \n"], cancel);
        if (r.NotRun is { } notRun) return notRun.ToFact();
        if (r.ExitCode != 0) return Fact.Error(Msg.ProbeToolExited.With(dpkg ? "dpkg-query" : "rpm", r.ExitCode.ToString(CultureInfo.InvariantCulture), DeviceProbes.FirstLine(r.Stderr)));
        var result = new JsonObject();
        foreach (var line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f.Length < 3 || f[1].Length == 0 || !f[2].StartsWith("ii", StringComparison.Ordinal)) continue;
            var name = f[0].Split(':')[0];
            result[name] = Entry(name, f[1], dpkg ? "dpkg" : "rpm", null);
        }
        return result;
    }
}
