using System.CommandLine;
using System.CommandLine.Help;
using Iq.Cli.Commands;
using Iq.Cli.Conventions;
using Iq.Rules.Io;
using Iq.Rules.Messages;
using Iq.Scoring.Reports;

namespace Iq.Cli;

/// <summary>The <c>iq</c> command. The conventions every command follows live in Conventions/ (docs/cli.md): usage on no
/// arguments, unknown options named with a suggestion, help and messages in Chinese or English, colour only on a terminal,
/// --quiet and --verbose, <c>-</c> for stdout, one exit code table. Errors the user can fix are printed as diagnostics
/// with exit code 2; anything else is an internal error, exit code 3, with a stack trace only when IQ_DEBUG=1.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var env = (Func<string, string?>)Environment.GetEnvironmentVariable;
        var ctxLang = Lang.En;
        using var interrupts = new Interrupts(Console.Error, () => ctxLang);
        var code = Run(args, Console.Out, Console.Error, new RunOptions
        {
            RawOut = Console.OpenStandardOutput,
            OutColor = Terminal.ColorFor(Console.IsOutputRedirected, env),
            ErrColor = Terminal.ColorFor(Console.IsErrorRedirected, env),
            Cancel = interrupts.Token,
            AllowFinishing = interrupts.AllowFinishing,
            OnLanguage = l => ctxLang = l,
        });
        if (Environment.GetEnvironmentVariable("IQ_DEBUG") == "assemblies")
            foreach (var a in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal))
                Console.Error.WriteLine("loaded: " + a);
        // Interrupted: outputs aborted, then out without running native global destructors (see Interrupts.ExitNow).
        if (interrupts.Finish() is { } interrupted) Interrupts.ExitNow(interrupted);
        return code;
    }

    /// <summary>How the process is attached: in tests everything is off (no terminal, no signals).</summary>
    public sealed record RunOptions
    {
        public Func<Stream>? RawOut { get; init; }
        public bool OutColor { get; init; }
        public bool ErrColor { get; init; }
        public CancellationToken Cancel { get; init; }
        public Action<TimeSpan>? AllowFinishing { get; init; }
        public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
        public Action<Lang>? OnLanguage { get; init; }
        /// <summary>Loads a native library by soname (the libssl check, <see cref="OpenSsl"/>).</summary>
        public Func<string, bool> TryLoadLibrary { get; init; } = OpenSsl.TryLoad;
    }

    /// <summary>No command, or only help/version asked for: nothing that needs libssl runs.</summary>
    static bool OnlyHelpOrVersion(string[] args) =>
        args.All(a => a is "--version" or "-h" or "--help" or "-?" or "help" || a.StartsWith("--lang", StringComparison.Ordinal) || a is "zh" or "en");

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, RunOptions? options = null)
    {
        using var ledger = InputLedger.Begin();
        options ??= new RunOptions();
        var langArg = GlobalOptions.ScanLang(args);
        var lang = Langs.Parse(langArg);
        var ctx = new CliContext
        {
            Out = stdout,
            Err = stderr,
            RawOut = options.RawOut,
            Lang = lang ?? Langs.FromLocale(options.Environment),
            ReportLang = lang ?? Lang.Zh,
            LangGiven = lang is not null,
            OutStyle = new Style(options.OutColor),
            ErrStyle = new Style(options.ErrColor),
            Cancel = options.Cancel,
            AllowFinishing = options.AllowFinishing ?? (_ => { }),
        };
        options.OnLanguage?.Invoke(ctx.Lang);
        if (langArg is not null && lang is null)
            return Usage(ctx, [Msg.NotOneOf.With("--lang", langArg, Localized.OrList(Langs.Names))]);
        // Before anything touches System.Security.Cryptography: without libssl the runtime would abort with its own words.
        // Usage, help and --version hash nothing, so they still answer on such a machine.
        if (!OnlyHelpOrVersion(args) && OpenSsl.Problem(options.Environment, options.TryLoadLibrary) is { } noSsl)
        {
            stderr.WriteLine(Prefix(ctx, noSsl));
            return ExitCodes.InvalidInput;
        }

        var root = Commands(ctx);
        try
        {
            if (args.Length == 0)
            {
                // `iq` alone: usage, not an audit (`iq audit` with no options is the audit of this machine).
                HelpWriter.Write(root, ctx, stdout);
                return ExitCodes.InvalidInput;
            }
            var parse = root.Parse(args);
            if (parse.Action is HelpWriter.Action || parse.Action == root.Options.OfType<VersionOption>().FirstOrDefault()?.Action)
                return parse.Invoke(Invocation(ctx));
            if (parse.CommandResult.Command == root && parse.UnmatchedTokens.Count == 0)
            {
                // Only options of every command (`iq --lang zh`): usage, as for no arguments.
                HelpWriter.Write(root, ctx, stdout);
                return ExitCodes.InvalidInput;
            }
            var errors = CommandLineErrors.SwitchValues(args, parse) is { Count: > 0 } switches ? switches : CommandLineErrors.Describe(parse);
            if (errors.Count > 0) return Usage(ctx, errors);
            return parse.Invoke(Invocation(ctx));
        }
        catch (Iq.Rules.Scripting.ScriptTimeoutException e)
        {
            stderr.WriteLine(ctx.Render(e.ToDiagnostic()));
            return ExitCodes.InvalidInput;
        }
        catch (Iq.Rules.Runtime.EvaluationBudgetException e)
        {
            stderr.WriteLine(ctx.Render(e.ToDiagnostic()));
            return ExitCodes.InvalidInput;
        }
        catch (InputFileException e)
        {
            stderr.WriteLine(ctx.Render(e.ToDiagnostic()));
            return ExitCodes.InvalidInput;
        }
        catch (OutputException e) when (!ctx.Cancel.IsCancellationRequested)
        {
            stderr.WriteLine(ctx.Render(e.ToDiagnostic()));
            return ExitCodes.InvalidInput;
        }
        catch (UsageException e)
        {
            if (e.Text is { } text) stderr.WriteLine(Prefix(ctx, text));
            foreach (var d in e.Diagnostics) stderr.WriteLine(ctx.Render(d));
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (ctx.Cancel.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            stderr.WriteLine("iq: " + ctx.ErrStyle.Bad(ctx.T(Msg.InternalError.With(e.GetType().Name, e.Message))));
            if (System.Environment.GetEnvironmentVariable("IQ_DEBUG") == "1") stderr.WriteLine(e);
            else stderr.WriteLine(ctx.T(Msg.InternalErrorHint));
            return ctx.Cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.InternalError;
        }
        finally
        {
            InputLimits.Override = null;
        }
    }

    /// <summary>Every command, built in the user's language. A new command adds one line here.</summary>
    static RootCommand Commands(CliContext ctx)
    {
        var root = new RootCommand(ctx.T(Msg.HelpTitle));
        var global = new GlobalOptions(ctx);
        foreach (var o in global.All) root.Options.Add(o);
        foreach (var o in root.Options.OfType<HelpOption>()) o.Action = new HelpWriter.Action(ctx);
        root.Subcommands.Add(AuditCommand.Create(ctx));
        root.Subcommands.Add(CheckCommand.Create(ctx));
        root.Subcommands.Add(ProbeCommand.Create(ctx));
        root.Subcommands.Add(SchemaCommand.Create(ctx));
        root.Subcommands.Add(ManualTemplateCommand.Create(ctx));
        root.Subcommands.Add(BaselineCommand.Create(ctx));
        root.Subcommands.Add(ModelCommand.Create(ctx));
        root.Subcommands.Add(ModelCommand.Template(ctx));
        root.Subcommands.Add(LogsCommand.Create(ctx));
        root.Subcommands.Add(EvidenceCommands.Snapshot(ctx));
        root.Subcommands.Add(EvidenceCommands.Tests(ctx));
        root.Subcommands.Add(EvidenceCommands.Manifest(ctx));
        root.Subcommands.Add(EvidenceCommands.Imports(ctx));
        root.Subcommands.Add(ExplainCommand.Create(ctx));
        root.Subcommands.Add(SealCommands.Verify(ctx));
        root.Subcommands.Add(SealCommands.Seal(ctx));
        root.Subcommands.Add(ScansCommand.Create(ctx));
        root.Subcommands.Add(RedactCommand.Create(ctx));
        root.Subcommands.Add(ReportCommands.Report(ctx));
        root.Subcommands.Add(ReportCommands.Diff(ctx));
        root.Subcommands.Add(ReportCommands.Archive(ctx));
        root.Subcommands.Add(FleetCommand.Create(ctx));
        foreach (var command in root.Subcommands) Conventions.CommandAction.Wrap(command, ctx, global);
        return root;
    }

    static InvocationConfiguration Invocation(CliContext ctx) =>
        new() { Output = ctx.Out, Error = ctx.Err, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };

    static string Prefix(CliContext ctx, MessageText text) =>
        text.Code is { } code ? $"iq: {ctx.ErrStyle.Bad("error")} {code}: {ctx.T(text)}" : $"iq: {ctx.ErrStyle.Bad("error")}: {ctx.T(text)}";

    static int Usage(CliContext ctx, IEnumerable<MessageText> errors)
    {
        foreach (var e in errors) ctx.Err.WriteLine(Prefix(ctx, e));
        ctx.Err.WriteLine(ctx.T(Msg.HelpMore));
        return ExitCodes.InvalidInput;
    }
}
