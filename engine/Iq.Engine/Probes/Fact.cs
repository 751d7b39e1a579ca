using System.Text.Json.Nodes;

namespace Iq.Engine.Probes;

/// <summary>Fact values as probes write them: a value, or <c>{"$absent": why}</c>, or <c>{"$error": why}</c>,
/// which the bundle reader turns into missing evidence with that reason.</summary>
static class Fact
{
    public static JsonObject Absent(string why) => new() { ["$absent"] = why };
    public static JsonObject Error(string why) => new() { ["$error"] = why };

    /// <summary>Runs one probe part; its failure becomes that part's fact, never the whole probe's.</summary>
    public static JsonNode? Try(Func<JsonNode?> probe)
    {
        try { return probe(); }
        catch (ProbeAbsentException e) { return Absent(e.Message); }
        catch (ProbeErrorException e) { return Error(e.Message); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            return Error($"{e.GetType().Name}: {e.Message}");
        }
    }

    public static async Task<JsonNode?> TryAsync(Func<Task<JsonNode?>> probe)
    {
        try { return await probe(); }
        catch (ProbeAbsentException e) { return Absent(e.Message); }
        catch (ProbeErrorException e) { return Error(e.Message); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            return Error($"{e.GetType().Name}: {e.Message}");
        }
    }
}
