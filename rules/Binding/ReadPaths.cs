using System.Text;
using Iq.Rules.Model;

namespace Iq.Rules.Binding;

/// <summary>The fact paths bound expressions read, told before anything runs: each chain of members and indices from a
/// fact root (through lets, lambda parameters and a foreach element) as one path with indices written <c>[]</c>. A chain
/// whose start is not a fact (a member of a function's result) is covered by the paths that function reads. Static, so
/// that a row's provenance costs evaluation nothing.</summary>
public static class ReadPathsOf
{
    /// <summary>The fact path of a <c>foreach</c> source (<c>plan.software</c>), whose elements the item's read paths write
    /// <c>plan.software[]</c>; null when the source is not a fact chain (a let's list, a function's result).</summary>
    public static string? SourceOf(BoundExpr? foreachSource) => foreachSource is null ? null : Chain(foreachSource, null);

    /// <summary>The paths read (indices <c>[]</c>), and those among them whose indices the checklist gives, with their keys.</summary>
    internal static (IReadOnlyList<string> Paths, IReadOnlyList<KeyedRead> Keyed) Compute(IEnumerable<BoundExpr> expressions,
        BoundExpr? foreachSource, BindingScope scope) => Compute(expressions, foreachSource, scope, null);

    /// <summary>The paths an item's checks (<c>expect</c>, <c>score</c>) compare: those they read outside a presence test
    /// (<c>exists(x)</c>, <c>len(x) &gt; 0</c>, <c>count(x) &gt; 0</c>); when every read is one (a document check that a
    /// part is given), all they read. The rest of the item's read paths are its guards (presence tests, <c>when</c>, the
    /// <c>foreach</c> source): a row is declared only when the figures it compares are, whatever its guards are (a log iq
    /// read does not make the vendor's losses in it measured).</summary>
    internal static IReadOnlyList<string> Compared(IEnumerable<BoundExpr> checks, BoundExpr? foreachSource, BindingScope scope)
    {
        var list = checks.ToList();
        var compared = Compute(list, foreachSource, scope, IsPresenceTest).Paths;
        return compared.Count > 0 ? compared : Compute(list, foreachSource, scope, null).Paths;
    }

    /// <summary>A test that a fact is there, not a figure compared: <c>exists(x)</c>, <c>len(x)</c> or <c>count(x)</c> (one
    /// argument) above 0 (<c>&gt; 0</c>, <c>!= 0</c>, <c>&gt;= 1</c>), either way round.</summary>
    static bool IsPresenceTest(BoundExpr e) => e switch
    {
        BoundCall { Function: "exists" } => true,
        BoundBinary b => (Size(b.Left) && Zero(b.Operator, b.Right)) || (Size(b.Right) && Zero(Flip(b.Operator), b.Left)),
        _ => false,
    };

    static bool Size(BoundExpr e) => e is BoundCall { Function: "len" or "count", Arguments.Count: 1 };

    static bool Zero(string op, BoundExpr bound) => (op, bound) switch
    {
        (">" or "!=", BoundLiteral { Value: double d }) => d == 0,
        (">=", BoundLiteral { Value: double d }) => d == 1,
        _ => false,
    };

    static string Flip(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };

    static (IReadOnlyList<string> Paths, IReadOnlyList<KeyedRead> Keyed) Compute(IEnumerable<BoundExpr> expressions,
        BoundExpr? foreachSource, BindingScope scope, Func<BoundExpr, bool>? skip)
    {
        var element = foreachSource is null ? null : Chain(foreachSource, null) is { } s ? s + "[]" : null;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var keyed = new Dictionary<string, KeyedRead>(StringComparer.Ordinal);
        var lets = new HashSet<int>();
        var pending = new Stack<BoundExpr>(expressions);
        while (pending.Count > 0)
        {
            var work = new Stack<BoundExpr>();
            work.Push(pending.Pop());
            while (work.Count > 0)
            {
                var e = work.Pop();
                if (skip is not null && skip(e)) continue;
                if (e is BoundLet let)
                {
                    if (lets.Add(let.Index) && scope.LetValue(let.Index) is { } value) pending.Push(value);
                    continue;
                }
                if (IsChainLink(e) && Chain(e, element) is { } path && scope.Roots.ContainsKey(RootOf(path)))
                {
                    paths.Add(path);
                    if (Keys(e, element, foreachSource) is { } keys && keys.Any(k => k != ReadKey.Unknown))
                        keyed.TryAdd(path + "\u0000" + string.Join("\u0000", keys), new KeyedRead(path, keys));
                    // Indices inside the chain are expressions of their own (software[s.name]).
                    for (var link = e; link is BoundMember or BoundIndex;)
                    {
                        if (link is BoundIndex x) work.Push(x.Index);
                        link = link is BoundMember m ? m.Target : ((BoundIndex)link).Target;
                    }
                    continue;
                }
                foreach (var child in BoundTree.Children(e)) work.Push(child);
            }
        }
        return (paths.ToList(), keyed.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Value).ToList());
    }

    /// <summary>What each index of a chain is, in the order its <c>[]</c> stand in <see cref="Chain"/>'s path; null when the
    /// chain does not start at a fact.</summary>
    static List<ReadKey>? Keys(BoundExpr e, string? elementPath, BoundExpr? foreachSource) => e switch
    {
        BoundRoot => [],
        BoundMember m => Keys(m.Target, elementPath, foreachSource),
        BoundIndex x => Keys(x.Target, elementPath, foreachSource) is { } keys ? [.. keys, KeyOf(x.Index, elementPath)] : null,
        // A lambda's element: which one the run decides.
        BoundLocal l => [.. Enumerable.Repeat(ReadKey.Unknown, Count(Normalize(l.Path), "[]"))],
        BoundElement when foreachSource is not null => Keys(foreachSource, null, null) is { } keys ? [.. keys, ReadKey.OfElement] : null,
        _ => null,
    };

    /// <summary>A constant key as the language writes it, or a fact of the foreach element taken whole (no index of its own
    /// below the element); else unknown.</summary>
    static ReadKey KeyOf(BoundExpr index, string? elementPath) => index switch
    {
        BoundLiteral { Value: string key } => new ReadKey(Text: "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""),
        BoundLiteral { Value: double d } => new ReadKey(Text: Runtime.Ops.Format(d)),
        _ when elementPath is not null && Chain(index, elementPath) is { } path && Under(path, elementPath)
               && !path[elementPath.Length..].Contains('[') => new ReadKey(ElementPath: path),
        _ => ReadKey.Unknown,
    };

    static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    static bool IsChainLink(BoundExpr e) => e is BoundRoot or BoundMember or BoundIndex or BoundLocal or BoundElement;

    /// <summary>The fact path of a chain (<c>env.gpus[].memory</c>), or null when it does not start at a fact.</summary>
    public static string? Chain(BoundExpr e, string? elementPath) => e switch
    {
        BoundRoot r => r.Name,
        BoundMember m => Chain(m.Target, elementPath) is { } t ? t + "." + m.Member : null,
        BoundIndex x => Chain(x.Target, elementPath) is { } t ? t + "[]" : null,
        BoundLocal l => Normalize(l.Path),
        BoundElement => elementPath,
        _ => null,
    };

    /// <summary>The root name a path starts with.</summary>
    public static string RootOf(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>Whether one path lies at or under the other (<c>rollback</c> and <c>rollback.duration</c> overlap;
    /// <c>rollback.duration</c> and <c>rollback.durations</c> do not).</summary>
    public static bool Overlap(string a, string b) => Under(a, b) || Under(b, a);

    /// <summary>Whether <paramref name="path"/> is <paramref name="prefix"/> or lies below it.</summary>
    public static bool Under(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] is '.' or '[');

    /// <summary>Indices written <c>[]</c>: <c>software["docker"].version</c> → <c>software[].version</c>.</summary>
    public static string Normalize(string path)
    {
        if (!path.Contains('[')) return path;
        var sb = new StringBuilder(path.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (depth > 0)
            {
                if (quoted && c == '\\') { i++; continue; }
                if (c == '"') quoted = !quoted;
                else if (!quoted && c == '[') depth++;
                else if (!quoted && c == ']' && --depth == 0) sb.Append("[]");
                continue;
            }
            if (c == '[') depth = 1;
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
