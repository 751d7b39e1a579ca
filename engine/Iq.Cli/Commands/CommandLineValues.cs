using System.Globalization;
using Iq.Rules.Messages;

namespace Iq.Cli.Commands;

/// <summary>Option values several commands parse the same way.</summary>
static class CommandLineValues
{
    /// <summary>NAME=VALUE pairs; <paramref name="form"/> names the shape in the error (NAME=VALUE, FIELD=SOURCE …).</summary>
    public static Dictionary<string, string> Pairs(IEnumerable<string>? values, string option, string form = "NAME=VALUE")
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            var eq = v.IndexOf('=');
            if (eq <= 0) throw new UsageException(Msg.NeedsPairs.With(option, form, v));
            var (name, value) = (v[..eq].Trim(), v[(eq + 1)..].Trim());
            // The same name twice with another value would keep the last silently (--set pass_mark=1 --set pass_mark=100).
            if (result.TryGetValue(name, out var before) && before != value)
                throw new UsageException(Msg.OptionGivenTwice.With($"{option} {name}", before, value));
            result[name] = value;
        }
        return result;
    }

    /// <summary>A size in bytes: a whole number, or a number with a unit ("512 MiB"); positive and finite, or a usage error.</summary>
    public static long? Size(string? text, string option)
    {
        if (text is null) return null;
        var bytes = Iq.Rules.Syntax.Units.Parse(text, Iq.Rules.Syntax.Units.Sizes)
                    ?? (double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var plain) ? plain : null);
        if (bytes is not { } b || !double.IsFinite(b) || b < 1 || b > long.MaxValue)
            throw new UsageException(Msg.NeedsSize.With(option, text));
        return (long)b;
    }

    /// <summary>A duration in milliseconds: a number with a unit ("3 s", "2 min"); positive and finite, or a usage error.</summary>
    public static double Duration(string text, string option) =>
        Iq.Rules.Syntax.Units.Parse(text, Iq.Rules.Syntax.Units.Durations) is { } ms && ms > 0 && ms < TimeSpan.MaxValue.TotalMilliseconds / 2 ? ms
            : throw new UsageException(Msg.NeedsDuration.With(option, text));

    /// <summary>A whole number within [min, max], or a usage error naming the option and the range.</summary>
    public static int InRange(int value, string option, int min, int max) =>
        value >= min && value <= max ? value : throw new UsageException(Msg.NotInRange.With(option, min, max, value));

    /// <summary>A finite number within [min, max], or a usage error naming the option and the range.</summary>
    public static double InRange(double value, string option, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? value
            : throw new UsageException(Msg.NotInRange.With(option, Fmt(min), Fmt(max), Fmt(value)));

    static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The clock an evaluation reads: <c>--as-of</c> when given, else now.</summary>
    /// <remarks>A date whose year lies outside <see cref="AsOfYears"/> (or that only a year 0 or 10000 in UTC could hold) is
    /// refused here, once for every command: an audit adds days to its as-of day and counts days back from it, and 9999-12-31
    /// made that an internal error. <paramref name="outOfRange"/> words the refusal where a command has its own reason.</remarks>
    public static DateTimeOffset AsOf(string? text, Message? outOfRange = null)
    {
        if (text is null) return DateTimeOffset.UtcNow;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at.Year >= AsOfYears.First && at.Year <= AsOfYears.Last ? at : throw new UsageException((outOfRange ?? Msg.AsOfOutOfRange).With(text));
        // A date and time that is valid but whose offset moves it past year 9999 or before year 1 in UTC.
        if (DateTime.TryParse(System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"(?<=[T ][0-9:.]+)(Z|[+-]\d{2}(:?\d{2})?)$", ""),
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new UsageException((outOfRange ?? Msg.AsOfOutOfRange).With(text));
        throw new UsageException(Msg.NeedsDate.With("--as-of", text));
    }

    /// <summary>The years an <c>--as-of</c> date may lie in: one year short of either end of what a date can hold, so that
    /// a year before or after it, and days added to or counted back from it, are dates too.</summary>
    public static readonly (int First, int Last) AsOfYears = (2, 9998);

    public static int Positive(int value, string name, bool zero = false) =>
        value > 0 || zero && value == 0 ? value
        : throw new UsageException((zero ? Msg.NeedsZeroOrMore : Msg.NeedsPositive).With(name, value));

    public static double[] Numbers(string text, string name) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v
                : throw new UsageException(Msg.NotANumber.With(name, x))).ToArray();
}
