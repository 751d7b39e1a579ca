using Iq.Rules.Runtime;

namespace Iq.Bench;

// Typed inputs for Microsoft RulesEngine, built from the same fact values iq evaluates, so both read the same facts.
public sealed class PeerEnv
{
    public required PeerCpu cpu { get; init; }
    public required PeerMemory memory { get; init; }
    public required PeerOs os { get; init; }
    public required List<PeerGpu> gpus { get; init; }
    public required List<PeerMount> storage { get; init; }

    public static PeerEnv From(FactValues facts)
    {
        var env = (FactObject)facts.Roots["env"]!;
        FactObject O(FactObject o, string name) => (FactObject)o.Members[name]!;
        object?[] L(FactObject o, string name) => (object?[])o.Members[name]!;
        double D(FactObject o, string name) => (double)o.Members[name]!;
        return new PeerEnv
        {
            cpu = new PeerCpu { logical_cores = D(O(env, "cpu"), "logical_cores"), sockets = D(O(env, "cpu"), "sockets") },
            memory = new PeerMemory { total = D(O(env, "memory"), "total") },
            os = new PeerOs { id = (string)O(env, "os").Members["id"]! },
            gpus = L(env, "gpus").Cast<FactObject>().Select(g => new PeerGpu { memory = D(g, "memory") }).ToList(),
            storage = L(env, "storage").Cast<FactObject>().Select(s => new PeerMount { free = D(s, "free") }).ToList(),
        };
    }
}

public sealed class PeerCpu { public double logical_cores { get; init; } public double sockets { get; init; } }
public sealed class PeerMemory { public double total { get; init; } }
public sealed class PeerOs { public required string id { get; init; } }
public sealed class PeerGpu { public double memory { get; init; } }
public sealed class PeerMount { public double free { get; init; } }
