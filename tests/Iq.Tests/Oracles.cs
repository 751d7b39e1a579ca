using System.Diagnostics;

namespace Iq.Tests;

/// <summary>Real tools the tests compare against. Absent, a test skips and names the package to install; under CI
/// (<c>CI=true</c>, where ./test has installed everything) an absent tool fails the test instead of skipping it.</summary>
static class Oracles
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool present, string what)
    {
        if (!present && InCi) Assert.Fail($"{what} is not installed, and under CI no test may skip (./test installs it)");
        Skip.IfNot(present, $"{what} is not installed (./test installs it); skipped");
    }

    public static string? Which(string name) =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs a tool without a shell; stdin is written whole, stdout read whole.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in {timeoutMs / 1000} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>openssl's check of a seal's signature with <paramref name="publicKey"/>, over the payload docs/trust.md
    /// defines, rebuilt here from the seal's fields (written to <paramref name="workDir"/>): its exit and what it printed.</summary>
    public static (int Exit, string Stdout) OpensslVerifiesSeal(string openssl, System.Text.Json.Nodes.JsonNode seal, string publicKey, string workDir)
    {
        var payload = $"iq.seal/1\nfile={seal["file"]}\nsha256={seal["sha256"]}\nsize={seal["size"]}\ntool={seal["tool"]}\nhost={seal["host"]}\nsealed_at={seal["sealed_at"]}\n";
        var (payloadFile, signature) = (Path.Combine(workDir, "payload"), Path.Combine(workDir, "sig.der"));
        File.WriteAllBytes(payloadFile, System.Text.Encoding.UTF8.GetBytes(payload));
        File.WriteAllBytes(signature, Convert.FromBase64String(seal["signature"]!["value"]!.GetValue<string>()));
        var verified = Run(openssl, ["dgst", "-sha256", "-verify", publicKey, "-signature", signature, payloadFile]);
        return (verified.Exit, verified.Stdout);
    }

    /// <summary>GNU date's reading of a local time <paramref name="text"/> in <paramref name="zone"/> (the system's tz
    /// database), as UTC <c>yyyy-MM-ddTHH:mm:ss</c>; null for a time the zone does not have.</summary>
    public static string? GnuDateUtc(string zone, string text)
    {
        var date = Which("date");
        Require(date is not null, "date (Debian package coreutils)");
        var run = Run(date!, ["-u", "-d", $"TZ=\"{zone}\" {text}", "+%Y-%m-%dT%H:%M:%S"]);
        return run.Exit == 0 ? run.Stdout.Trim() : null;
    }

    /// <summary>Times around both 2025 summer-time changes in Europe/Berlin as logs and reports write them
    /// (Cases/local-times/berlin-2025.txt), for readings checked against <see cref="GnuDateUtc"/>.</summary>
    public static IReadOnlyList<string> BerlinSummerTimeChanges { get; } = File.ReadLines(TestPaths.Case("local-times/berlin-2025.txt"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    /// <summary>A text carries its own offset when GNU date reads it the same in two zones that differ on that day.</summary>
    public static bool CarriesOffset(string zone, string text) => GnuDateUtc(zone, text) is { } here && here == GnuDateUtc("Asia/Tokyo", text);

    /// <summary>An ISO 8601 time with its offset, as UTC <c>yyyy-MM-ddTHH:mm:ss</c> (GNU date's form above).</summary>
    public static string? Utc(System.Text.Json.Nodes.JsonNode? iso) => (string?)iso is { } s
        ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : null;
}
