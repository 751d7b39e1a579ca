using System.CommandLine;

namespace Iq.Cli.Commands;

/// <summary><c>iq check FILE</c>: compile a checklist and report its diagnostics; nothing is evaluated.</summary>
static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("checklist") { Description = "The checklist file (.iq)" };
        var compile = new CompileOptionGroup();
        var command = new Command("check", "Compile a checklist and print its diagnostics (FILE:LINE:COL: error CODE: message)");
        command.Arguments.Add(file);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var m = checklist.Model;
            var items = m.Items.ToList();
            stdout.WriteLine($"{path}: ok — checklist \"{m.Id}\" {m.Version}: {m.Root.AllSections().Count()} sections, {items.Count} items " +
                             $"({items.Count(i => i.Automated)} automatic, {items.Count(i => !i.Automated)} manual), {m.Params.Count} params");
            return ExitCodes.Pass;
        });
        return command;
    }
}
