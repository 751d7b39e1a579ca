using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary><c>iq check CHECKLIST</c>: compile a checklist and report its diagnostics; nothing is evaluated.</summary>
static class CheckCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("checklist") { Description = ctx.T(Msg.ArgChecklistRequired), HelpName = "CHECKLIST" };
        var compile = new CompileOptionGroup(ctx);
        var command = new Command("check", ctx.T(Msg.CmdCheck));
        command.Arguments.Add(file);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            CommandLineErrors.RejectOptionLike(path, parse);
            var checklist = compile.Compile(path, compile.Read(parse));
            var m = checklist.Model;
            var items = m.Items.ToList();
            ctx.Say(Msg.CheckOk.With(path, m.Id, m.Version, m.Root.AllSections().Count(), items.Count, items.Count(i => i.Automated),
                items.Count(i => !i.Automated), m.Params.Count));
            return ExitCodes.Pass;
        });
        return command;
    }
}
