using System.CommandLine;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Engine.Probes.Security;

namespace Iq.Cli.Commands;

/// <summary><c>iq probe [--out DIR] [--tls HOST:PORT]… [--plan FILE]</c>: probe this machine into a fact bundle
/// (environment.json, software.json, security.json); TLS is measured for the endpoints given and those the plan names.</summary>
static class ProbeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var outDir = new Option<string>("--out") { Description = "The bundle folder to write (default: iq-facts)", DefaultValueFactory = _ => "iq-facts" };
        var root = new Option<string?>("--root") { Description = "Read /proc, /sys and /etc under this folder instead of / (a captured fixture); tools only from its tools/ folder" };
        var tls = new Option<string[]>("--tls") { Description = "Measure TLS of this endpoint, HOST:PORT (repeatable), as 6.2.1 e) asks for credential endpoints" };
        var plan = new Option<string?>("--plan") { Description = "Also measure the endpoints this plan document names (plan.endpoints[].address)" };
        var redact = new Option<bool>("--redact") { Description = "Replace host names, addresses and user names by salted hashes before writing (docs/privacy.md)" };
        var salt = RedactCommand.SaltOption();
        var command = new Command("probe", "Probe this machine: OS, CPU, memory, storage, network, GPUs, software, security settings");
        command.Options.Add(outDir);
        command.Options.Add(root);
        command.Options.Add(tls);
        command.Options.Add(plan);
        command.Options.Add(redact);
        command.Options.Add(salt);
        var sign = new SignKeyOption();
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            using var signing = sign.Read(parse);
            var endpoints = Endpoints(parse.GetValue(tls) ?? [], "--tls").ToList();
            if (parse.GetValue(plan) is { } planFile) endpoints.AddRange(PlanEndpoints(planFile));
            var key = parse.GetValue(redact) ? RedactCommand.Salt(parse.GetValue(salt), stdout) : null;
            var report = Probe(parse.GetValue(root), endpoints);
            if (key is null) FactDocuments.WriteProbe(dir, report, signing);
            else WriteRedacted(dir, report, key, signing);
            stdout.WriteLine($"Probed {Describe(report)} in {report.Elapsed.TotalSeconds:0.00} s; facts written to {dir}/environment.json, software.json and security.json");
            return ExitCodes.Pass;
        });
        return command;
    }

    public static ProbeReport Probe(string? root, IReadOnlyList<TlsEndpoint>? tls = null)
    {
        var ctx = ProbeContext.ForThisMachine() with { TlsEndpoints = (tls ?? []).DistinctBy(e => e.ToString()).ToList() };
        if (root is not null)
        {
            if (!Directory.Exists(root)) throw new UsageException($"--root: not a folder: {root}");
            // A fixture's tools are its own stand-ins: this host's sshd or auditctl would report this host, not the fixture.
            ctx = ctx with { Root = Path.GetFullPath(root), SearchPath = [Path.Combine(Path.GetFullPath(root), "tools")] };
        }
        return EnvironmentProber.ProbeAsync(ctx).GetAwaiter().GetResult();
    }

    static IEnumerable<TlsEndpoint> Endpoints(IEnumerable<string> texts, string where)
    {
        foreach (var text in texts)
            yield return TlsEndpoint.TryParse(text, out var e, out var error) ? e : throw new UsageException($"{where}: {error}");
    }

    /// <summary>The endpoints a plan document names: <c>facts.endpoints[].address</c>.</summary>
    static IReadOnlyList<TlsEndpoint> PlanEndpoints(string file)
    {
        if (!File.Exists(file)) throw new UsageException($"--plan: file not found: {file}");
        var (endpoints, error) = TlsEndpoint.FromPlan(file);
        return error is null ? endpoints : throw new UsageException(error);
    }

    static void WriteRedacted(string dir, ProbeReport report, byte[] salt, Iq.Engine.Trust.SigningKey? signing)
    {
        var origin = new DocumentOrigin { Host = report.Host, CollectedAt = report.CollectedAt };
        var documents = new[] { ("environment", report.Environment), ("software", report.Software), ("security", report.Security) }
            .Select(d => (Path.Combine(dir, d.Item1 + ".json"), System.Text.Encoding.UTF8.GetBytes(FactDocuments.Document(d.Item1, d.Item2, origin))))
            .ToList();
        var (redacted, diagnostics) = Redaction.Redact(documents, salt, FactSchema.Default);
        if (diagnostics.Count > 0) throw new InvalidOperationException(string.Join("\n", diagnostics)); // iq's own documents: a bug
        foreach (var (file, text) in redacted)
        {
            // Redacted by iq as it probed: still iq's measurement, sealed as written.
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Iq.Scoring.Reports.AtomicFile.Write(file, s => s.Write(bytes));
            Iq.Engine.Trust.Seals.Write(file, bytes, signing);
        }
    }

    static string Describe(ProbeReport r)
    {
        var errors = Count(r.Environment, "$error") + Count(r.Software, "$error");
        return $"{r.Software.Count} software entries, {errors} probe error(s)";
    }

    static int Count(System.Text.Json.Nodes.JsonNode? node, string key) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => (o.ContainsKey(key) ? 1 : 0) + o.Sum(p => Count(p.Value, key)),
        System.Text.Json.Nodes.JsonArray a => a.Sum(x => Count(x, key)),
        _ => 0,
    };
}
