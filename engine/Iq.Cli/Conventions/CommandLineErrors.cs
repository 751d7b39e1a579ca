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
            result.Add(Msg.CommandLine.With(e.Message));
        }
        result.AddRange(twice.Select(t => t.Text));
        return result;
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
