using System.CommandLine;
using Iq.Cli.Conventions;
using Iq.Rules.Messages;
using Iq.Scoring.Reports.Scorecard;

namespace Iq.Cli.Commands;

/// <summary><c>iq manual-template [CHECKLIST] -o manual.xlsx</c>: a workbook with one row per manual item and a drop-down
/// for its status, to fill in on site and read back with <c>iq audit --attestations manual.xlsx</c>.</summary>
static class ManualTemplateCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = Opts.Checklist(ctx);
        var output = Opts.Output(ctx, Msg.OptWorkbook);
        output.DefaultValueFactory = _ => "manual-review.xlsx";
        var compile = new CompileOptionGroup(ctx);
        var command = new Command("manual-template", ctx.T(Msg.CmdManualTemplate));
        command.Arguments.Add(file);
        command.Options.Add(output);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file) ?? Bundled.DefaultChecklist;
            CommandLineErrors.RejectOptionLike(path, parse);
            var target = parse.GetValue(output)!;
            ctx.ClaimStdout(target);
            var checklist = compile.Compile(path, compile.Read(parse));
            ctx.Write(target, s => ManualReview.WriteTemplate(checklist.Model, ctx.ReportLang.Name(), s));
            ctx.Say(Msg.ManualTemplateDone.With(ManualReview.ToJudge(checklist.Model).Count(), target));
            return ExitCodes.Pass;
        });
        return command;
    }
}
