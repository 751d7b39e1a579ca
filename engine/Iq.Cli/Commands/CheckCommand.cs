using System.CommandLine;

namespace Iq.Cli.Commands;

/// <summary><c>iq check FILE</c>: compile a checklist and report its diagnostics; nothing is evaluated.</summary>
static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("checklist") { Description = "The checklist file (.iq)" };
        var rules = new Option<bool>("--rules") { Description = "List the compiled rules as NRules sees them: name, the facts each matches, the items it waits for" };
        var compile = new CompileOptionGroup();
        var command = new Command("check", "Compile a checklist and print its diagnostics (FILE:LINE:COL: error CODE: message)");
        command.Arguments.Add(file);
        command.Options.Add(rules);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var m = checklist.Model;
            var items = m.Items.ToList();
            stdout.WriteLine($"{path}: ok — checklist \"{m.Id}\" {m.Version}: {m.Root.AllSections().Count()} sections, {items.Count} items " +
                             $"({items.Count(i => i.Automated)} automatic, {items.Count(i => !i.Automated)} manual), {m.Params.Count} params, " +
                             $"{checklist.Rules.Count} NRules rules");
            if (parse.GetValue(rules)) PrintRules(checklist, stdout);
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>One line per rule of the network, then what it matches and waits for; disabled items, which have no rule, last.</summary>
    static void PrintRules(Iq.Rules.Compilation.CompiledChecklist checklist, TextWriter stdout)
    {
        foreach (var r in checklist.Rules)
        {
            stdout.WriteLine($"rule \"{r.Name}\" ({r.Kind})");
            stdout.WriteLine($"  matches  {string.Join(", ", r.Matches.Prepend("the audit run"))}");
            if (r.DependsOn.Count > 0) stdout.WriteLine($"  after    {string.Join(", ", r.DependsOn)} (their outcomes are facts it matches)");
        }
        foreach (var i in checklist.Model.Items.Where(i => i.DisabledReason is not null))
            stdout.WriteLine($"no rule for \"{i.Id}\": disabled by tailoring ({i.DisabledReason})");
    }
}
