using System.CommandLine;
using System.CommandLine.Invocation;
using Iq.Scoring.Reports;

namespace Iq.Cli.Conventions;

/// <summary>Runs a command's action after the options of every command (--quiet, --verbose, --max-input-size) are applied to the context,
/// so that no command reads them itself.</summary>
public sealed class CommandAction(SynchronousCommandLineAction inner, CliContext ctx, GlobalOptions global) : SynchronousCommandLineAction
{
    public static void Wrap(Command command, CliContext ctx, GlobalOptions global)
    {
        if (command.Action is SynchronousCommandLineAction inner) command.Action = new CommandAction(inner, ctx, global);
        foreach (var sub in command.Subcommands) Wrap(sub, ctx, global);
    }

    public override int Invoke(ParseResult parseResult)
    {
        ctx.Verbosity = parseResult.GetValue(global.Quiet) ? Verbosity.Quiet
            : parseResult.GetValue(global.Verbose) ? Verbosity.Verbose : Verbosity.Normal;
        Iq.Rules.Io.InputLimits.Override = Commands.CommandLineValues.Size(parseResult.GetValue(global.MaxInputSize), Iq.Rules.Io.InputLimits.Option);
        ctx.Cancel.ThrowIfCancellationRequested();
        return inner.Invoke(parseResult);
    }
}
