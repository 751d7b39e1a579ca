using System.Text;

namespace Iq.Bench;

/// <summary>The generated conditions both engines evaluate (500 by default; 5,000 for scale), written once in each language.</summary>
static class Generated
{
    public const int Items = 500;
    const double GiB = 1024d * 1024 * 1024;

    /// <summary>(iq condition, RulesEngine expression) for item i: five kinds, every tenth item failing.</summary>
    public static (string Iq, string RulesEngine) Condition(int i, bool allPass = false)
    {
        var fail = i % 10 == 9 && !allPass;
        return (i % 5) switch
        {
            0 => ($"env.cpu.logical_cores >= {(fail ? 1000 + i : i % 64)}",
                  $"env.cpu.logical_cores >= {(fail ? 1000 + i : i % 64)}"),
            1 => ($"env.memory.total >= {(fail ? 4096 : i % 256)} GiB",
                  $"env.memory.total >= {(fail ? 4096 : i % 256) * GiB}"),
            2 => ($"count(env.gpus, g => g.memory >= {(fail ? 100 : 40)} GiB) >= 1",
                  $"env.gpus.Count(g => g.memory >= {(fail ? 100 : 40) * GiB}) >= 1"),
            3 => ($"env.os.id == \"{(fail ? "rhel" : "ubuntu")}\" and env.cpu.sockets >= 1",
                  $"env.os.id == \"{(fail ? "rhel" : "ubuntu")}\" AND env.cpu.sockets >= 1"),
            _ => ($"all(env.storage, s => s.free > {(fail ? 100_000 : i % 100)} GiB)",
                  $"env.storage.All(s => s.free > {(fail ? 100_000 : i % 100) * GiB})"),
        };
    }

    public static string Checklist(bool allPass = false, int items = Items)
    {
        var sb = new StringBuilder($"checklist \"bench-{items}\" {{\n  title \"generated\"\n  version \"1\"\n}}\n");
        for (var s = 0; s < 10; s++)
        {
            sb.Append($"section \"{s}\" \"section {s}\" weight {s + 1} {{\n");
            for (var i = s * (items / 10); i < (s + 1) * (items / 10); i++)
                sb.Append($"  item \"i{i}\" \"item {i}\" {{\n    level {(i % 3 == 0 ? "shall" : "should")}  ref \"4.1.1\"  weight {1 + i % 3}\n    expect {Condition(i, allPass).Iq}\n  }}\n");
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    /// <summary>The generated checklist of <paramref name="items"/> items as a file (for cold runs and the CLI), written once.</summary>
    public static string File(int items)
    {
        var path = Path.Combine(Path.GetTempPath(), $"iq-bench-{items}.iq");
        var text = Checklist(items: items);
        if (!System.IO.File.Exists(path) || System.IO.File.ReadAllText(path) != text) System.IO.File.WriteAllText(path, text);
        return path;
    }
}
