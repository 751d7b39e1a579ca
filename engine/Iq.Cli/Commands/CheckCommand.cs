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
        var rules = new Option<bool>("--rules") { Description = ctx.T(Msg.OptRules) };
        var compile = new CompileOptionGroup(ctx);
        var command = new Command("check", ctx.T(Msg.CmdCheck));
        command.Arguments.Add(file);
        command.Options.Add(rules);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            CommandLineErrors.RejectOptionLike(path, parse);
            var checklist = compile.Compile(path, compile.Read(parse));
            var m = checklist.Model;
            var items = m.Items.ToList();
            ctx.Say(Msg.CheckOk.With(path, m.Id, m.Version, m.Root.AllSections().Count(), items.Count, items.Count(i => i.Automated),
                items.Count(i => !i.Automated), m.Params.Count, checklist.Rules.Count));
            if (parse.GetValue(rules)) PrintRules(checklist, ctx);
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>One line per rule of the network, then what it matches and waits for; disabled items, which have no rule, last.
    /// Names (rules, items, facts) and the tailoring's reason are as written; iq's words are in the reader's language.</summary>
    static void PrintRules(Iq.Rules.Compilation.CompiledChecklist checklist, CliContext ctx)
    {
        foreach (var r in checklist.Rules)
        {
            ctx.Out.WriteLine(ctx.T(Msg.CheckRule.With(r.Name, r.Kind)));
            if (r.Items.Count > 1) ctx.Out.WriteLine(ctx.T(Msg.CheckRuleItems.With(string.Join(", ", r.Items))));
            ctx.Out.WriteLine(ctx.T(Msg.CheckRuleMatches.With(string.Join(", ", r.Matches.Select(ctx.T).Prepend(ctx.T(Msg.CheckTheAuditRun))))));
            if (r.DependsOn.Count > 0) ctx.Out.WriteLine(ctx.T(Msg.CheckRuleAfter.With(string.Join(", ", r.DependsOn))));
        }
        foreach (var i in checklist.Model.Items.Where(i => i.DisabledReason is not null))
            ctx.Out.WriteLine(ctx.T(Msg.CheckNoRule.With(i.Id, i.DisabledReason)));
    }
}
