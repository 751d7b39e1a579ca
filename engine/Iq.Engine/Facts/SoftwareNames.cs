using Iq.Rules.Runtime;

namespace Iq.Engine.Facts;

/// <summary>How a name in a checklist or plan (<c>software["nvidia-driver"]</c>) finds an entry of the software
/// inventory, which holds names as the probe found them (dpkg package names, tool names). In order:
/// <list type="number">
/// <item>the exact name;</item>
/// <item>the same name ignoring case (<c>Docker</c> is <c>docker</c>);</item>
/// <item>an alias the plan lists for that requirement (<c>"aliases": ["nvidia-driver-535"]</c>), exact or ignoring case;</item>
/// <item>the name followed by <c>-</c> and a version made of digits, dots and dashes, as distributions name versioned
/// packages (<c>nvidia-driver-535</c>, <c>cuda-toolkit-12-2</c>), ignoring case.</item>
/// </list>
/// The first step that finds exactly one entry decides. A step that finds several is ambiguous: the fact is missing,
/// saying which names matched, so that the plan names one in its aliases; a guess would decide a verdict.</summary>
public static class SoftwareNames
{
    public static void Attach(Dictionary<string, object?> roots)
    {
        if (roots.GetValueOrDefault("software") is not FactObject inventory) return;
        var aliases = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (roots.GetValueOrDefault("plan") is FactObject plan && plan.TryGet("software", out var list) && list is object?[] requirements)
            foreach (var r in requirements.OfType<FactObject>())
                if (r.TryGet("name", out var n) && n is string name && r.TryGet("aliases", out var a) && a is object?[] names)
                    aliases[name] = names.OfType<string>().ToList();
        var members = new Dictionary<string, object?>(inventory.Members, StringComparer.Ordinal);
        roots["software"] = new FactObject(members, key => Resolve(members, aliases, key));
    }

    static object? Resolve(Dictionary<string, object?> inventory, Dictionary<string, List<string>> aliases, string key)
    {
        var ignoringCase = inventory.Keys.Where(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)).ToList();
        if (Decide(ignoringCase, key, inventory, "ignoring case") is { } byCase) return byCase;
        if (aliases.TryGetValue(key, out var names))
        {
            var byAlias = inventory.Keys.Where(k => names.Any(a => k.Equals(a, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            if (Decide(byAlias, key, inventory, "by the plan's aliases") is { } found) return found;
        }
        var versioned = inventory.Keys.Where(k => k.Length > key.Length + 1 && k.StartsWith(key + "-", StringComparison.OrdinalIgnoreCase)
                                                  && IsVersionSuffix(k.AsSpan(key.Length + 1))).ToList();
        return Decide(versioned, key, inventory, "as NAME-<version>");
    }

    static object? Decide(List<string> matches, string key, Dictionary<string, object?> inventory, string how) => matches.Count switch
    {
        0 => null,
        1 => inventory[matches[0]],
        _ => new Missing($"software[\"{key}\"]", Absence.NoResult,
            $"software[\"{key}\"] (ambiguous {how}: {string.Join(", ", matches.Order(StringComparer.Ordinal))} all match; name the one meant in the plan's aliases)"),
    };

    static bool IsVersionSuffix(ReadOnlySpan<char> s) =>
        s.Length > 0 && char.IsAsciiDigit(s[0]) && !s.ContainsAnyExcept("0123456789.-") && s[^1] is not ('.' or '-');
}
