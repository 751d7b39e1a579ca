using System.Globalization;
using System.Text.Json;

namespace Iq.Tests;

/// <summary>The as-of day of an audit whose bundle a test made in part itself (a probe, a manifest, a measured rollback): an
/// audit may not be as of a day before its evidence was collected, so it is the day of the bundle's latest document, and
/// never earlier than the samples' usual day.</summary>
static class TestClock
{
    public const string SamplesDay = "2026-11-22";

    public static string AsOfFor(string bundle)
    {
        var latest = DateOnly.Parse(SamplesDay, CultureInfo.InvariantCulture);
        foreach (var file in Directory.GetFiles(bundle, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("collected_at", out var at)
                    && at.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                    && DateOnly.FromDateTime(t.UtcDateTime) > latest)
                    latest = DateOnly.FromDateTime(t.UtcDateTime);
            }
            catch (JsonException) { }
        }
        return latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
