using System.CommandLine;
using Iq.Scoring.Reports;
using Iq.Scoring.Reports.Scorecard;

namespace Iq.Cli.Commands;

/// <summary><c>iq manual-template CHECKLIST -o manual.xlsx</c>: a workbook with one row per manual item and a drop-down
/// for its status, to fill in on site and read back with <c>iq audit --attestations manual.xlsx</c>.</summary>
static class ManualTemplateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("checklist") { Description = "The checklist; the bundled IQ checklist when omitted", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "The workbook to write", DefaultValueFactory = _ => "manual-review.xlsx" };
        var lang = LangOption();
        var compile = new CompileOptionGroup();
        var command = new Command("manual-template", "Write the manual-review workbook for a checklist's manual items");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(lang);
        compile.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file) ?? Bundled.DefaultChecklist;
            if (path.StartsWith('-')) throw new UsageException($"unknown option '{path}'");
            var checklist = CompileOptionGroup.Compile(path, compile.Read(parse), stderr);
            var target = parse.GetValue(output)!;
            AtomicFile.Write(target, s => ManualReview.WriteTemplate(checklist.Model, parse.GetValue(lang)!, s));
            stdout.WriteLine($"{checklist.Model.Items.Count(i => !i.Automated)} manual items written to {target}");
            return ExitCodes.Pass;
        });
        return command;
    }

    public static Option<string> LangOption()
    {
        var lang = new Option<string>("--lang") { Description = "Headings in zh (default) or en", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        return lang;
    }
}
