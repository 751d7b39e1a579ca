using System.Collections;
using System.Linq.Dynamic.Core;
using Iq.Engine.Facts;
using Iq.Rules.Binding;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench.Peers;

/// <summary>The fact values iq evaluates (<see cref="FactValues"/>), as plain typed .NET objects for RulesEngine: each
/// fact object becomes an instance of a class with one property per member of the fact schema iq binds against
/// (<see cref="FactSchema"/>; classes made with System.Linq.Dynamic.Core's class factory, the one RulesEngine itself
/// uses for ExpandoObject inputs), each list a <c>List&lt;T&gt;</c>, each map a <see cref="PeerMap{T}"/>. Built once
/// per bundle, outside anything timed, like iq's own <see cref="FactValues"/>.</summary>
/// <remarks>Numbers, sizes and durations are <c>double</c>, booleans <c>bool</c>, strings <c>string</c>; versions and
/// dates stay iq's own values (<c>object</c>), compared through <see cref="IqPeer"/>. A number or boolean is nullable
/// where this bundle lacks it somewhere (a missing fact, <see cref="Missing"/> in iq, is null): an item's evidence rule
/// (<c>IqPeer.Has(x)</c>) is then false, and a condition that reads it may not compile (RulesEngine reports the rule as
/// failed with the reason), which the evidence rule turns into <c>error</c> as iq does.</remarks>
public static class PeerFacts
{
    /// <summary>The roots RulesEngine's rules name, each a parameter; a root with no document is an <c>object</c> null.</summary>
    public static readonly string[] Roots = ["env", "plan", "tests", "baseline", "logs", "manifest", "rollback", "security", "software", "data_imports"];

    public static RuleParameter[] From(FactValues facts) =>
        Roots.Select(name =>
        {
            facts.Roots.TryGetValue(name, out var value);
            var shape = new Shape(FactSchema.Default.Roots.Single(r => r.Name == name).Type);
            shape.Add(value);
            return new RuleParameter(name, Convert(value, shape, shape.Type()));
        }).ToArray();

    static object? Convert(object? value, Shape shape, Type type)
    {
        switch (value)
        {
            case null or Missing: return null;
            case FactObject map when shape.Schema is MapType:
                var elem = type.GetGenericArguments()[0];
                var entries = new Dictionary<FactObject, object?>(ReferenceEqualityComparer.Instance);
                foreach (var v in map.Members.Values) if (v is FactObject o) entries[o] = Convert(o, shape.Element!, elem);
                return Activator.CreateInstance(type, map, entries)!;
            case FactObject o when shape.Schema is ObjectType:
                var obj = Activator.CreateInstance(type)!;
                foreach (var (name, member) in shape.Members)
                    if (o.Members.TryGetValue(name, out var v) && v is not (null or Missing))
                        type.GetProperty(name)!.SetValue(obj, Convert(v, member, member.Type()));
                return obj;
            case object?[] list when shape.Schema is ListType:
                var item = type.GetGenericArguments()[0];
                var typed = (IList)Activator.CreateInstance(type)!;
                foreach (var e in list) typed.Add(Convert(e, shape.Element!, item));
                return typed;
            // A value of another kind than the schema says (never in a bundle the reader accepted) is unusable.
            default: return type.IsInstanceOfType(value) || Nullable.GetUnderlyingType(type)?.IsInstanceOfType(value) == true ? value : null;
        }
    }

    /// <summary>One place of the schema, and whether this bundle lacks its value anywhere.</summary>
    sealed class Shape
    {
        public readonly IqType Schema;
        public readonly Dictionary<string, Shape> Members = new(StringComparer.Ordinal);
        public readonly Shape? Element;
        bool _absent;
        Type? _type;

        public Shape(IqType schema)
        {
            Schema = schema;
            if (schema is ObjectType o) foreach (var m in o.Members) Members[m.Name] = new Shape(m.Type);
            Element = schema switch { ListType l => new Shape(l.Element), MapType m => new Shape(m.Value), _ => null };
        }

        public void Add(object? value)
        {
            switch (value)
            {
                case null or Missing: _absent = true; return;
                case FactObject map when Schema is MapType: foreach (var v in map.Members.Values) Element!.Add(v); return;
                case FactObject o when Schema is ObjectType:
                    foreach (var (name, member) in Members) member.Add(o.Members.TryGetValue(name, out var v) ? v : null);
                    return;
                case object?[] list when Schema is ListType: foreach (var e in list) Element!.Add(e); return;
            }
        }

        public Type Type() => _type ??= Schema switch
        {
            ObjectType => DynamicClassFactory.CreateType(Members.Select(m => new DynamicProperty(m.Key, m.Value.Type())).ToList()),
            ListType => typeof(List<>).MakeGenericType(Element!.Type()),
            MapType => typeof(PeerMap<>).MakeGenericType(Element!.Type()),
            _ when Schema == IqType.Number || Schema == IqType.Size || Schema == IqType.Duration => _absent ? typeof(double?) : typeof(double),
            _ when Schema == IqType.Bool => _absent ? typeof(bool?) : typeof(bool),
            _ when Schema == IqType.String => typeof(string),
            _ => typeof(object),
        };
    }
}

/// <summary>A map root (the software inventory) for RulesEngine: <c>software["docker"]</c> finds the entry through the
/// map's own name rule, the one iq's <c>software[name]</c> calls, and answers its typed value, or null.</summary>
public sealed class PeerMap<T>(FactObject source, Dictionary<FactObject, object?> typed)
{
    public T? this[string name] => source.TryGet(name, out var v) && v is FactObject o && typed.TryGetValue(o, out var t) ? (T?)t : default;
}
