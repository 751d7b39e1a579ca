using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Iq.Cli.Conventions;
using Iq.Engine.Facts;
using Iq.Engine.Probes;
using Iq.Rules.Messages;
using Iq.Engine.Probes.Security;

namespace Iq.Cli.Commands;

/// <summary><c>iq probe [--out DIR] [--tls HOST:PORT]… [--plan FILE]</c>: probe this machine into a fact bundle
/// (environment.json, software.json, security.json); TLS is measured for the endpoints given and those the plan names.</summary>
static class ProbeCommand
{
    public static Command Create(CliContext ctx)
    {
        var outDir = Opts.OutBundle(ctx, Msg.OptOutProbe);
        var root = new Option<string?>("--root") { Description = ctx.T(Msg.OptRoot), HelpName = "DIR" };
        var command = new Command("probe", ctx.T(Msg.CmdProbe));
        var tls = new Option<string[]>("--tls") { Description = ctx.T(Msg.OptTls), HelpName = "HOST:PORT" };
        var plan = new Option<string?>("--plan") { Description = ctx.T(Msg.OptProbePlan), HelpName = "FILE" };
        var redact = new Option<bool>("--redact") { Description = ctx.T(Msg.OptRedact) };
        var salt = RedactCommand.SaltOption(ctx);
        command.Options.Add(outDir);
        command.Options.Add(root);
        command.Options.Add(tls);
        command.Options.Add(plan);
        command.Options.Add(redact);
        command.Options.Add(salt);
        var sign = new SignKeyOption(ctx);
        sign.AddTo(command);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            using var signing = sign.Read(parse);
            var endpoints = Endpoints(parse.GetValue(tls) ?? [], "--tls").ToList();
            if (parse.GetValue(plan) is { } planFile) endpoints.AddRange(PlanEndpoints(planFile));
            var key = parse.GetValue(redact) ? RedactCommand.Salt(parse.GetValue(salt), ctx) : null;
            var report = Probe(parse.GetValue(root), endpoints);
            ctx.Cancel.ThrowIfCancellationRequested();
            if (key is null) FactDocuments.WriteProbe(dir, report, signing);
            else WriteRedacted(dir, report, key, signing, ctx.Cancel);
            // Every document written counts: a security probe that failed is as much a gap as an environment one.
            var errors = Count(report.Environment, "$error") + Count(report.Software, "$error") + Count(report.Security, "$error");
            ctx.Say(Msg.ProbeDone.With(report.Software.Count, errors, report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), Path.TrimEndingDirectorySeparator(dir))); // "--out d/" must not print "d//environment.json"
            return ExitCodes.Pass;
        });
        return command;
    }

    public static ProbeReport Probe(string? root, IReadOnlyList<TlsEndpoint>? tls = null)
    {
        var ctx = ProbeContext.ForThisMachine() with { TlsEndpoints = (tls ?? []).DistinctBy(e => e.ToString()).ToList() };
        if (root is not null)
        {
            if (!Directory.Exists(root)) throw new UsageException(Msg.NotAFolderOption.With("--root", root));
            // A fixture's tools are its own stand-ins: this host's sshd or auditctl would report this host, not the fixture.
            ctx = ctx with { Root = Path.GetFullPath(root), SearchPath = [Path.Combine(Path.GetFullPath(root), "tools")] };
        }
        return EnvironmentProber.ProbeAsync(ctx).GetAwaiter().GetResult();
    }

    static IEnumerable<TlsEndpoint> Endpoints(IEnumerable<string> texts, string where)
    {
        foreach (var text in texts)
            yield return TlsEndpoint.TryParse(text, out var e, out var error) ? e : throw new UsageException(Msg.OptionProblem.With(where, error));
    }

    /// <summary>The endpoints a plan document names: <c>facts.endpoints[].address</c>.</summary>
    static IReadOnlyList<TlsEndpoint> PlanEndpoints(string file)
    {
        if (!File.Exists(file)) throw new UsageException(Msg.OptionProblem.With("--plan", Msg.FileNotFound.With(file)));
        var (endpoints, error) = TlsEndpoint.FromPlan(file);
        return error is null ? endpoints : throw new UsageException(Msg.OptionProblem.With("--plan", error));
    }

    static void WriteRedacted(string dir, ProbeReport report, byte[] salt, Iq.Engine.Trust.SigningKey? signing, CancellationToken cancel)
    {
        var origin = new DocumentOrigin { Host = report.Host, CollectedAt = report.CollectedAt };
        var documents = new[] { ("environment", report.Environment), ("software", report.Software), ("security", report.Security) }
            .Select(d => (Path.Combine(dir, d.Item1 + ".json"), System.Text.Encoding.UTF8.GetBytes(FactDocuments.Document(d.Item1, d.Item2, origin))))
            .ToList();
        var (redacted, diagnostics) = Redaction.Redact(documents, salt, FactSchema.Default);
        if (diagnostics.Count > 0) throw new InvalidOperationException(string.Join("\n", diagnostics)); // iq's own documents: a bug
        // Redacted by iq as it probed: still iq's measurement, sealed as written; documents and seals all or none.
        using var outputs = new Iq.Rules.Io.Outputs();
        outputs.MakesFolder(dir);
        foreach (var (file, text) in redacted)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            outputs.Add(file, s => s.Write(bytes));
            outputs.Add(Iq.Engine.Trust.Seals.PathOf(file), s => s.Write(Iq.Engine.Trust.Seals.Bytes(file, bytes, signing)));
        }
        outputs.Commit(cancel);
    }

    static int Count(JsonNode? node, string key) => node switch
    {
        JsonObject o => (o.ContainsKey(key) ? 1 : 0) + o.Sum(p => Count(p.Value, key)),
        JsonArray a => a.Sum(x => Count(x, key)),
        _ => 0,
    };
}
