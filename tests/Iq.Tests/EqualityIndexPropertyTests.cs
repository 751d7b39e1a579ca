using CsCheck;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>The equality index (<see cref="EqualityIndex"/>) answers as the scan does: the same checklist, evaluated with
/// indexes on and off (<see cref="EvaluationOptions.EqualityIndexes"/>), gives the same rows — outcome, reason, and each
/// evidence's actual and expected — over lists mixing strings, numbers (0, -0, NaN), bools, versions, absent values,
/// absent members and elements that are not objects. The any() sits inside a lambda, where the compiler lowers it to
/// the index (a top-level any() in an expect is traced element by element and never indexed).</summary>
public class EqualityIndexPropertyTests
{
    const string Text = """
        checklist "index" {
          title "index"
        }
        section "A" "a" {
          item "all" "all" {
            level shall
            expect all(plan.raci, r => any(plan.staff, p => p.role == r.activity))
          }
          item "all.reversed" "all reversed" {
            level shall
            expect all(plan.raci, r => any(plan.staff, p => r.activity == p.role))
          }
          item "some" "some" {
            level shall
            expect any(plan.raci, r => any(plan.staff, p => p.role == r.activity))
          }
          item "none" "none" {
            level shall
            expect none(plan.raci, r => any(plan.staff, p => r.activity == p.role))
          }
          item "row" foreach r in plan.raci "row" {
            level shall
            expect all(plan.staff, s => any(plan.staff, p => p.role == r.activity))
          }
          item "literal" "literal" {
            level shall
            expect all(plan.raci, r => any(plan.staff, p => p.role == "1") or any(plan.staff, p => "" == p.role))
          }
        }
        """;

    static readonly Lazy<CompiledChecklist> Checklist = new(() => TestChecklists.Compile(Text, "index.iq"));

    /// <summary>Strings that read as numbers, bools, versions beside them: where a loose equality would go wrong.</summary>
    static readonly object?[] Values = ["a", "b", "", "1", "1.2", "true", 1d, 0d, -0d, double.NaN, 1.2, true, false, null,
        new IqVersion("1.2", null), new IqVersion("1", null)];

    /// <remarks>One thread: evaluations of one compiled checklist run concurrently (CsCheck's default) gave rows that differ
    /// from a sequential evaluation, with or without the index ("the item's rule did not fire", evidence twice): a separate
    /// defect, reported, not this property's.</remarks>
    [Fact]
    public void The_index_answers_as_the_scan_does()
    {
        var value = Gen.Int[0, Values.Length - 1].Select(i => Values[i]);
        // An absent staff member, and one that is not an object (reading its role is an error the scan reaches in order).
        var element = Gen.Frequency((8, value.Select(v => (object?)TestFacts.Named("role", v))), (1, Gen.Const((object?)null)), (1, Gen.Const((object?)"x")));
        Gen.Select(element.Array[0, 8], value.Array[0, 6]).Sample((staff, activities) =>
        {
            var facts = TestFacts.Plan(staff, activities.Select(a => (object?)TestFacts.Named("activity", a)));
            var label = Label(staff, activities);
            Agree(label, Rows(Checklist.Value, facts, false), Rows(Checklist.Value, facts, true));
        }, iter: 600, threads: 1);
    }

    /// <summary>Each pair of kinds once, as one staff member and one RACI row: every combination the generator may miss.</summary>
    [Fact]
    public void Every_pair_of_values_answers_as_the_scan_does()
    {
        foreach (var role in Values)
            foreach (var activity in Values)
            {
                object?[] staff = [TestFacts.Named("role", role), TestFacts.Named("role", "a")];
                var facts = TestFacts.Plan(staff, [TestFacts.Named("activity", activity)]);
                var label = Label(staff, [activity]);
                Agree(label, Rows(Checklist.Value, facts, false), Rows(Checklist.Value, facts, true));
            }
    }

    /// <summary>Equality and inequality are each other's negation: any(l, p => p.role == v) and any(l, p => not (p.role != v))
    /// give the same outcome for every pair of kinds (hostile9's dropped test found them apart, seed 13TbjOCvJ171).</summary>
    [Fact]
    public void Equality_and_not_inequality_agree_for_every_pair()
    {
        const string text = """
            checklist "negation" {
              title "negation"
            }
            section "A" "a" {
              item "eq" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => p.role == r.activity)
              }
              item "ne" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => not (p.role != r.activity))
              }
            }
            """;
        var compiled = TestChecklists.Compile(text, "negation.iq");
        var differ = new List<string>();
        foreach (var role in Values)
            foreach (var activity in Values)
            {
                var rows = compiled.Evaluate(TestFacts.Plan([TestFacts.Named("role", role)], [TestFacts.Named("activity", activity)]), TestFacts.Now);
                var eq = rows.Single(r => r.ItemId == "eq");
                var ne = rows.Single(r => r.ItemId == "ne");
                if (eq.Outcome != ne.Outcome) differ.Add($"{Ops.Describe(role)} / {Ops.Describe(activity)}: == {eq.Outcome.Name()} {eq.Message}; not != {ne.Outcome.Name()} {ne.Message}");
            }
        // The case the dropped property test found, replayed, with each kind of staff member.
        object?[] activities = ["", true, false, "a", new IqVersion("1.2", null), 1d];
        foreach (var member in Values.Select(v => (object?)TestFacts.Named("role", v)).Append(null).Append("x"))
        {
            var rows = compiled.Evaluate(TestFacts.Plan([member], activities.Select(a => (object?)TestFacts.Named("activity", a))), TestFacts.Now);
            var eq = rows.Where(x => x.ItemId == "eq").Select(x => x.Outcome).ToList();
            var ne = rows.Where(x => x.ItemId == "ne").Select(x => x.Outcome).ToList();
            if (!eq.SequenceEqual(ne))
                differ.Add($"six rows, staff {Label([member], activities)}: == {string.Join(",", rows.Where(x => x.ItemId == "eq").Select(x => x.Outcome.Name() + " " + x.Message))}\n  not != {string.Join(",", rows.Where(x => x.ItemId == "ne").Select(x => x.Outcome.Name() + " " + x.Message))}");
        }
        Legacy(differ);
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }

    /// <summary>hostile9's dropped test as it was, at its seed.</summary>
    static void Legacy(List<string> differ)
    {
        const string text = """
            checklist "index" {
              title "index"
            }
            section "A" "a" {
              item "indexed" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => p.role == r.activity)
              }
              item "indexed.reversed" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => r.activity == p.role)
              }
              item "scanned" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => not (p.role != r.activity))
              }
              item "scanned.reversed" foreach r in plan.raci "row" {
                level shall
                expect any(plan.staff, p => not (r.activity != p.role))
              }
            }
            """;
        var compiled = TestChecklists.Compile(text, "index.iq");
        object?[] values = ["a", "b", "", 1d, 0d, -0d, double.NaN, true, false, null, new IqVersion("1.2", null)];
        var value = Gen.Int[0, values.Length - 1].Select(i => values[i]);
        var staff = value.Select(v => (object?)TestFacts.Named("role", v));
        var element = Gen.Frequency((8, staff), (1, Gen.Const((object?)null)), (1, Gen.Const((object?)"x")));
        try
        {
            Gen.Select(element.Array[0, 8], value.Array[1, 6]).Sample((s, r) =>
            {
                var rows = compiled.Evaluate(TestFacts.Plan(s, r.Select(a => (object?)TestFacts.Named("activity", a))), TestFacts.Now);
                string Outcomes(string id) => string.Join(",", rows.Where(x => x.ItemId == id).Select(x => x.Outcome.Name()));
                if (Outcomes("indexed") != Outcomes("scanned") || Outcomes("indexed.reversed") != Outcomes("scanned.reversed"))
                    differ.Add($"legacy {Label(s, r)}: {Outcomes("indexed")}\n   {Outcomes("scanned")}\n   rev {Outcomes("indexed.reversed")}\n   {Outcomes("scanned.reversed")}");
                return true;
            }, seed: "13TbjOCvJ171", iter: 400, threads: 1);
        }
        catch (Exception e) { differ.Add("legacy threw " + e.Message); }
    }

    static string Label(object?[] staff, object?[] activities) =>
        $"staff [{string.Join(", ", staff.Select(s => s is FactObject o && o.TryGet("role", out var v) ? Ops.Describe(v) : Ops.Describe(s)))}], "
        + $"activities [{string.Join(", ", activities.Select(a => a is FactObject o && o.TryGet("activity", out var v) ? Ops.Describe(v) : Ops.Describe(a)))}]\n";

    static void Agree(string label, string scanned, string indexed) =>
        Assert.True(scanned == indexed, $"{label}scanned:\n{scanned}\nindexed:\n{indexed}");

    static string Rows(CompiledChecklist checklist, FactValues facts, bool indexes) =>
        TestChecklists.Rows(checklist, facts, new EvaluationOptions { EqualityIndexes = indexes });
}
