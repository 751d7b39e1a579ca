using System.CommandLine;
using Iq.Engine.Audit;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;

namespace Iq.Cli.Commands;

/// <summary>Options every command that compiles a checklist takes: --set and --allow-scripts.</summary>
sealed class CompileOptionGroup
{
    public readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a checklist param: NAME=VALUE (repeatable), e.g. --set min_memory=\"512 GiB\"",
        AllowMultipleArgumentsPerToken = false,
    };

    public readonly Option<bool> AllowScripts = new("--allow-scripts")
    {
        Description = "Compile and run csharp { … } blocks (a checklist with scripts is code: trust its author)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(AllowScripts);
    }

    public CompileOptions Read(ParseResult parse)
    {
        var overrides = CommandLineValues.Pairs(parse.GetValue(Set), "--set");
        return new CompileOptions
        {
            ParamOverrides = overrides,
            AllowScripts = parse.GetValue(AllowScripts),
            LibraryDirectories = [Bundled.ChecklistsDirectory],
            // A command evaluates a checklist once at most: interpret the rules' expressions rather than compile each to IL.
            Expressions = ExpressionMode.Interpreted,
        };
    }

    public static CompiledChecklist Compile(string path, CompileOptions options, TextWriter stderr)
    {
        var result = Checklists.Compile(path, options);
        foreach (var d in result.Diagnostics.Where(d => d.Severity == Severity.Warning)) stderr.WriteLine(d);
        if (!result.Succeeded) throw new UsageException(result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList());
        return result.Checklist!;
    }
}
