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
            result[v[..eq].Trim()] = v[(eq + 1)..].Trim();
        }
        return result;
    }

    /// <summary>The clock an evaluation reads: <c>--as-of</c> when given, else now.</summary>
    public static DateTimeOffset AsOf(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException(Msg.NeedsDate.With("--as-of", text));

    public static int Positive(int value, string name, bool zero = false) =>
        value > 0 || zero && value == 0 ? value
        : throw new UsageException((zero ? Msg.NeedsZeroOrMore : Msg.NeedsPositive).With(name, value));

    public static double[] Numbers(string text, string name) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
                : throw new UsageException(Msg.NotANumber.With(name, x))).ToArray();
}
