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

    /// <summary>The clock an evaluation reads: <c>--as-of</c> when given, else now.</summary>
    public static DateTimeOffset AsOf(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException($"--as-of needs an ISO 8601 date, got '{text}'");
}
