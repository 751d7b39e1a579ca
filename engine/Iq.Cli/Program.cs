using System.CommandLine;
using Iq.Cli.Commands;

namespace Iq.Cli;

/// <summary>The <c>iq</c> command. Errors the user can fix are printed as diagnostics with exit code 2;
/// anything else is an internal error, exit code 3, with a stack trace only when IQ_DEBUG=1.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("iq — installation qualification audits of AI medical devices");
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(ProbeCommand.Create(stdout, stderr));
        root.Subcommands.Add(SchemaCommand.Create(stdout));
        root.Subcommands.Add(ManualTemplateCommand.Create(stdout, stderr));
        root.Subcommands.Add(BaselineCommand.Create(stdout, stderr));
        root.Subcommands.Add(ModelCommand.Create(stdout, stderr));
        root.Subcommands.Add(ModelCommand.Template(stdout));
        root.Subcommands.Add(LogsCommand.Create(stdout));
        root.Subcommands.Add(EvidenceCommands.Snapshot(stdout));
        root.Subcommands.Add(EvidenceCommands.Tests(stdout));
        root.Subcommands.Add(EvidenceCommands.Manifest(stdout));
        root.Subcommands.Add(EvidenceCommands.Imports(stdout));
        root.Subcommands.Add(ExplainCommand.Create(stdout, stderr));
        root.Subcommands.Add(SealCommands.Verify(stdout));
        root.Subcommands.Add(SealCommands.Seal(stdout));
        root.Subcommands.Add(ScansCommand.Create(stdout));
        root.Subcommands.Add(RedactCommand.Create(stdout));
        root.Subcommands.Add(ReportCommands.Report(stdout));
        root.Subcommands.Add(ReportCommands.Diff(stdout));
        root.Subcommands.Add(ReportCommands.Archive(stdout));
        root.Subcommands.Add(FleetCommand.Create(stdout, stderr));
        if (args.Length == 0) args = ["audit"];
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors) stderr.WriteLine($"iq: error: {e.Message}");
                stderr.WriteLine("Run 'iq --help' for usage.");
                return ExitCodes.InvalidInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            if (e.Diagnostics.Count == 0) stderr.WriteLine($"iq: error: {e.Message}");
            foreach (var d in e.Diagnostics) stderr.WriteLine(d);
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"iq: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("IQ_DEBUG") == "1") stderr.WriteLine(e);
            else stderr.WriteLine("(set IQ_DEBUG=1 for details)");
            return ExitCodes.InternalError;
        }
    }
}
