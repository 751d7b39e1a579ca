using System.CommandLine;
using System.CommandLine.Parsing;
using Iq.Rules.Messages;
using Iq.Rules.Syntax;

namespace Iq.Cli.Conventions;

/// <summary>Parse errors in the user's language, each with a code: an unknown option is named with the closest option of
/// that command (<c>--fatcs</c> → did you mean '--facts'?), an unknown command with the closest command.</summary>
public static class CommandLineErrors
{
    public static IReadOnlyList<MessageText> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // A token that looks like an option but is none (the parser took it as an argument, or left it over) is an unknown
        // option; what follows it is most likely its value, so the unknown options alone are reported.
        var unknown = new List<MessageText>();
        foreach (var t in parse.Tokens)
        {
            if (t.Type == TokenType.DoubleDash) break;
            // A number (-5) or an offset (-03:00, iq logs --tz) is a value: no option's name starts with a digit.
            if (t.Type == TokenType.Argument && t.Value.StartsWith('-') && t.Value != "-" && !double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
                && !(t.Value.Length > 1 && char.IsAsciiDigit(t.Value[1])))
                unknown.Add(Unknown(t.Value, command));
        }
        if (unknown.Count > 0) return unknown;
        var result = new List<MessageText>();
        var unmatched = parse.UnmatchedTokens.ToHashSet();
        foreach (var token in parse.UnmatchedTokens)
            result.Add(Unknown(token, command));
        var twice = GivenTwice(parse);
        foreach (var e in parse.Errors)
        {
            // Unmatched tokens are reported above, with a suggestion; the parser's own sentence for them is dropped, and so is
            // its "expects a single argument" for an option given twice, which is reported below with both values.
            if (unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))) continue;
            if (twice.Any(t => e.Message.Contains($"'{t.Option.Name}'", StringComparison.Ordinal))) continue;
            var worded = Worded(e) ?? Msg.CommandLine.With(e.Message);
            // The parser may say the same twice (two arguments missing, each said of the command): each finding once.
            if (!result.Any(r => r.Render(Lang.En) == worded.Render(Lang.En))) result.Add(worded);
        }
        result.AddRange(twice.Select(t => t.Text));
        return result;
    }

    /// <summary>A parser finding in the catalog's words, told from what it is about (the option, argument or command and its
    /// tokens), never from the parser's English sentence; null for a finding of no kind known here (its sentence is quoted).</summary>
    static MessageText? Worded(ParseError e)
    {
        switch (e.SymbolResult)
        {
            case OptionResult o: return OptionValue(o);
            case ArgumentResult { Parent: OptionResult o }: return OptionValue(o);
            case ArgumentResult { Parent: CommandResult c } a:
                if (a.Tokens.Count < a.Argument.Arity.MinimumNumberOfValues) return Msg.MissingArgument.With(Path(c), a.Argument.HelpName ?? a.Argument.Name.ToUpperInvariant());
                return a.Tokens.Count == 1 ? Value(a.Argument.HelpName ?? a.Argument.Name.ToUpperInvariant(), a.Tokens[0].Value, a.Argument.ValueType, a.Argument) : null;
            case CommandResult c:
                var missing = c.Command.Options.FirstOrDefault(o => o.Required && c.GetResult(o) is null);
                if (missing is not null) return Msg.MissingOption.With(Path(c), missing.Name);
                if (c.Command.Subcommands.Count > 0 && !c.Children.OfType<CommandResult>().Any())
                    return Msg.MissingCommand.With(Path(c), Localized.OrList(c.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name)));
                return null;
            default: return null;
        }
    }

    static MessageText? OptionValue(OptionResult result)
    {
        var (option, tokens) = (result.Option, result.Tokens);
        // Not on the command line at all (no --output): a required option missing, not a value.
        if (result.IdentifierToken is null && option.Required && result.Parent is CommandResult c) return Msg.MissingOption.With(Path(c), option.Name);
        if (tokens.Count < option.Arity.MinimumNumberOfValues) return Msg.OptionNeedsValue.With(option.Name, option.HelpName ?? "VALUE");
        if (tokens.Count > option.Arity.MaximumNumberOfValues) return Msg.OptionOneValue.With(option.Name);
        return tokens.Count == 1 ? Value(option.Name, tokens[0].Value, option.ValueType, option) : null;
    }

    /// <summary>A value the parser would not take: one of a fixed list (AcceptOnlyFromAmong, read back as the symbol's
    /// completions), else not of the symbol's type.</summary>
    static MessageText? Value(string name, string value, Type type, Symbol symbol)
    {
        var choices = symbol.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label).ToList();
        if (choices.Count > 0 && !choices.Contains(value, StringComparer.Ordinal)) return Msg.NotOneOf.With(name, value, Localized.OrList(choices));
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) ? Msg.NotAnInteger.With(name, int.MaxValue, value)
            : t == typeof(long) ? Msg.NotAnInteger.With(name, long.MaxValue, value)
            : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? Msg.NotANumber.With(name, value)
            : null;
    }

    /// <summary>The command as typed: <c>iq fleet run</c> (the root is named iq whatever the executable is called).</summary>
    static string Path(CommandResult c)
    {
        var names = new List<string>();
        for (SymbolResult? r = c; r is not null; r = r.Parent)
            if (r is CommandResult { Command: not RootCommand } cr) names.Insert(0, cr.Command.Name);
        return string.Join(' ', names.Prepend("iq"));
    }

    /// <summary>A single-valued option given more than once, named with the values given (the parser refuses it too, in
    /// English only and without the values). Refused also with the same value twice: one value per option keeps a command
    /// line readable, and a script that repeats one has a bug. Repeatable options (<c>--facts</c>) take every value; those
    /// of NAME=VALUE pairs (<c>--set</c>, <c>--report</c>) are checked by name where they are read
    /// (<see cref="Commands.CommandLineValues.Pairs"/>), where the same value twice is accepted.</summary>
    static List<(Option Option, MessageText Text)> GivenTwice(ParseResult parse)
    {
        var found = new List<(Option, MessageText)>();
        var byName = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var o in Options(parse.CommandResult.Command))
            foreach (var name in o.Aliases.Prepend(o.Name)) byName.TryAdd(name, o);
        var first = new Dictionary<Option, string>();
        var tokens = parse.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash) break;
            if (tokens[i].Type != TokenType.Option || !byName.TryGetValue(tokens[i].Value, out var option)) continue;
            // A flag (--probe) has no value to differ; a list option takes each value given.
            if (option.Arity.MaximumNumberOfValues != 1 || option.ValueType == typeof(bool) || tokens[i + 1].Type != TokenType.Argument) continue;
            var value = tokens[i + 1].Value;
            if (!first.TryAdd(option, value))
                found.Add((option, first[option] == value ? Msg.OptionRepeated.With(option.Name, value) : Msg.OptionGivenTwice.With(option.Name, first[option], value)));
        }
        return found;
    }

    /// <summary>The options a command takes, its parents' recursive ones included.</summary>
    static IEnumerable<Option> Options(Command command)
    {
        IEnumerable<Option> options = command.Options;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        return options;
    }

    /// <summary>A switch given a value it cannot take (<c>--synthetic=maybe</c>): the parser leaves such a value over as the
    /// next argument (there, the model file), so it is refused here, before anything else is said of the command line. Only
    /// the joined forms (<c>=</c>, <c>:</c>) are unambiguous: in <c>--synthetic maybe</c> the word is an argument.</summary>
    public static IReadOnlyList<MessageText> SwitchValues(IEnumerable<string> args, ParseResult parse)
    {
        var switches = Options(parse.CommandResult.Command).Where(o => o.ValueType == typeof(bool)).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        var result = new List<MessageText>();
        foreach (var arg in args)
        {
            if (arg == "--") break;
            var at = arg.IndexOfAny(['=', ':']);
            if (!arg.StartsWith('-') || at < 0) continue;
            var (name, value) = (arg[..at], arg[(at + 1)..]);
            if (switches.Contains(name) && !bool.TryParse(value, out _))
                result.Add(Msg.NotOneOf.With(name, value, Localized.OrList(["true", "false"])));
        }
        return result;
    }

    static MessageText Unknown(string token, Command command)
    {
        if (token.StartsWith('-') && token != "-")
        {
            var name = token.Split('=', ':')[0];
            return Msg.UnknownOption.With(name, Localized.DidYouMean(name, OptionNames(command)));
        }
        if (command.Subcommands.Count > 0)
            return Msg.UnknownCommand.With(token, Localized.DidYouMean(token, command.Subcommands.Select(c => c.Name)));
        return Msg.UnexpectedArgument.With(token);
    }

    /// <summary>Every option name and alias a command takes, its parents' recursive ones included.</summary>
    public static IEnumerable<string> OptionNames(Command command) =>
        Options(command).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();

    /// <summary>An optional positional argument swallows an unknown option (<c>iq audit --fatcs x</c>): report it as one.</summary>
    public static void RejectOptionLike(string value, ParseResult parse)
    {
        if (value.StartsWith('-') && value != "-")
            throw new UsageException(Unknown(value, parse.CommandResult.Command));
    }
}
