using CsCheck;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;

namespace Iq.Tests;

/// <summary>A top-level any() in an expect stops once it holds for as many elements as its evidence names (three): the row's
/// outcome, message and named elements are what reading the whole list gives, worked out here from the list itself (Kleene's
/// any over every element, the first three that hold, what each compared); only the count says it stopped, and where.</summary>
public class AnyStopPropertyTests
{
    const string Text = """
        checklist "any" {
          title "any"
        }
        section "A" "a" {
          item "fast" "fast" {
            level shall
            expect any(env.network, n => n.speed_mbps >= 5)
          }
        }
        """;

    static readonly Lazy<CompiledChecklist> Checklist = new(() => TestChecklists.Compile(Text, "any.iq"));

    [Fact]
    public void The_row_is_what_reading_every_element_gives()
    {
        // A speed from 0 to 9 (5 and more hold), or none (the element lacks evidence).
        var speed = Gen.Frequency((8, Gen.Int[0, 9].Select(i => (double?)i)), (1, Gen.Const((double?)null)));
        speed.Array[0, 14].Sample(speeds =>
        {
            var network = speeds.Select((s, i) => (object?)TestFacts.Obj(("name", $"eth{i}"), ("speed_mbps", s))).ToArray();
            var row = Checklist.Value.Evaluate(TestFacts.Of(("env", TestFacts.Obj(("network", network)))), TestFacts.Now).Single();

            var holding = Enumerable.Range(0, speeds.Length).Where(i => speeds[i] >= 5).ToList();
            var lacking = Enumerable.Range(0, speeds.Length).Where(i => speeds[i] is null).ToList();
            var outcome = holding.Count > 0 ? "pass" : lacking.Count > 0 ? "error" : "fail";
            Assert.Equal(outcome, row.Outcome.Name());
            if (holding.Count == 0) return;
            var e = row.Evidence.Single();
            var named = holding.Take(Evidence.FirstFailing).Select(i => $"eth{i} (n.speed_mbps >= 5: {speeds[i]} >= 5)").ToList();
            Assert.Equal(named, e.Held);
            // Stopped at the third element that held, unless nothing was left to read.
            var stopped = holding.Count >= Evidence.FirstFailing && holding[Evidence.FirstFailing - 1] < speeds.Length - 1;
            var read = stopped ? holding[Evidence.FirstFailing - 1] + 1 : speeds.Length;
            var lackingRead = lacking.Where(i => i < read).ToList();
            var expected = (stopped
                    ? $"true: {Evidence.FirstFailing} of the first {read} of {speeds.Length} hold ({string.Join(", ", named)}); any() was decided there, the rest not read"
                    : $"true: {holding.Count} of {speeds.Length} hold ({string.Join(", ", named)}{(holding.Count > named.Count ? ", …" : "")})")
                + (lackingRead.Count > 0
                    ? $", {lackingRead.Count} without evidence ({string.Join(", ", lackingRead.Take(Evidence.FirstFailing).Select(i => $"eth{i}"))}{(lackingRead.Count > Evidence.FirstFailing ? ", …" : "")})"
                    : "");
            Assert.Equal(expected, e.Actual);
        }, iter: 500, threads: 1);
    }
}
