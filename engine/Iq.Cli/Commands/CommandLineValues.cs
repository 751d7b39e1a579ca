using System.Globalization;

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
            if (eq <= 0) throw new UsageException($"{option} needs {form}, got '{v}'");
            result[v[..eq].Trim()] = v[(eq + 1)..].Trim();
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
            throw new UsageException($"{option} needs a positive size such as \"2 GiB\" or 1048576, got '{text}'");
        return (long)b;
    }

    /// <summary>A duration in milliseconds: a number with a unit ("3 s", "2 min"); positive and finite, or a usage error.</summary>
    public static double Duration(string text, string option) =>
        Iq.Rules.Syntax.Units.Parse(text, Iq.Rules.Syntax.Units.Durations) is { } ms && ms > 0 && ms < TimeSpan.MaxValue.TotalMilliseconds / 2 ? ms
            : throw new UsageException($"{option} needs a positive duration such as \"30 s\", got '{text}'");

    /// <summary>A whole number within [min, max], or a usage error naming the option and the range.</summary>
    public static int InRange(int value, string option, int min, int max) =>
        value >= min && value <= max ? value : throw new UsageException($"{option} must be between {min} and {max}, got {value}");

    /// <summary>A finite number within [min, max], or a usage error naming the option and the range.</summary>
    public static double InRange(double value, string option, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? value
            : throw new UsageException($"{option} must be between {Fmt(min)} and {Fmt(max)}, got {Fmt(value)}");

    static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The clock an evaluation reads: <c>--as-of</c> when given, else now.</summary>
    public static DateTimeOffset AsOf(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException($"--as-of needs an ISO 8601 date, got '{text}'");
}
