using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Engine.Audit;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary>Options every command that compiles a checklist takes: --set and --allow-scripts.</summary>
sealed class CompileOptionGroup(CliContext ctx)
{
    public readonly Option<string[]> Set = new("--set")
    {
        Description = ctx.T(Msg.OptSet),
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public readonly Option<bool> AllowScripts = new("--allow-scripts") { Description = ctx.T(Msg.OptAllowScripts) };

    public readonly Option<string?> ScriptTimeout = new("--script-timeout")
    {
        Description = ctx.T(Msg.OptScriptTimeout),
        HelpName = "DURATION",
    };

    public readonly Option<string?> ScriptCache = new("--script-cache")
    {
        Description = ctx.T(Msg.OptScriptCache),
        HelpName = "DIR",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(AllowScripts);
        command.Options.Add(ScriptTimeout);
        command.Options.Add(ScriptCache);
    }

    public CompileOptions Read(ParseResult parse)
    {
        var overrides = CommandLineValues.Pairs(parse.GetValue(Set), "--set");
        return new CompileOptions
        {
            ParamOverrides = overrides,
            AllowScripts = parse.GetValue(AllowScripts),
            LibraryDirectories = [Bundled.ChecklistsDirectory],
            ScriptTimeout = parse.GetValue(ScriptTimeout) is { } t ? TimeSpan.FromMilliseconds(CommandLineValues.Duration(t, "--script-timeout")) : null,
            ScriptCacheDirectory = parse.GetValue(ScriptCache),
            // A command evaluates a checklist once at most: interpret the rules' expressions rather than compile each to IL.
            Expressions = ExpressionMode.Interpreted,
        };
    }

    public CompiledChecklist Compile(string path, CompileOptions options)
    {
        var result = Checklists.Compile(path, options);
        foreach (var d in result.Diagnostics.Where(d => d.Severity == Severity.Warning)) ctx.Warn(d);
        if (!result.Succeeded) throw new UsageException(result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList());
        return result.Checklist!;
    }
}
