using System.Diagnostics;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Runtime;
using RulesEngine.Models;

namespace Iq.Bench.Peers;

/// <summary><c>Iq.Bench.dll peer-check [BUNDLE…]</c>: every ported item's outcome from iq and from the RulesEngine port,
/// side by side (differences marked); <c>peer-loop [SECONDS] [BUNDLE…]</c>: both evaluated warm in a plain loop,
/// medians of 15 batches. The figures that count come from BenchmarkDotNet (<see cref="PeerBenchmarks"/>).</summary>
static class PeerBench
{
    static readonly string[] Samples =
        [Path.Combine(Paths.Repo, "checklists", "samples", "failing"), Path.Combine(Paths.Repo, "checklists", "samples", "compliant")];

    public static CompiledChecklist Checklist() =>
        ChecklistCompiler.CompileFile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!;

    public static void Check(string[] bundles)
    {
        var iq = Checklist();
        var port = PeerPort.Load(PeerPort.PathIn(Paths.Repo));
        var engine = port.Engine();
        foreach (var bundle in bundles.Length > 0 ? bundles : Samples)
        {
            var facts = FactBundleReader.Load([bundle], FactSchema.Default).Values;
            var results = engine.ExecuteAllRulesAsync(PeerPort.Workflow, PeerFacts.From(facts)).GetAwaiter().GetResult();
            var theirs = PeerPort.Outcomes(results);
            var ours = PeerPort.IqOutcomes(iq.Evaluate(facts, DateTimeOffset.UnixEpoch));
            Console.WriteLine($"-- {bundle}");
            var differ = 0;
            foreach (var item in port.Items)
            {
                var same = ours.TryGetValue(item.Id, out var o) && o == theirs[item.Id];
                if (!same) differ++;
                Console.WriteLine($"{(same ? " " : "≠")} {item.Id,-24} iq {(ours.TryGetValue(item.Id, out var x) ? x.Name() : "(no row)"),-14} RulesEngine {theirs[item.Id].Name()}");
                if (!same)
                    foreach (var r in results.Where(r => r.Rule.RuleName.StartsWith(item.Id, StringComparison.Ordinal) && !string.IsNullOrEmpty(r.ExceptionMessage)))
                        Console.WriteLine($"    {r.Rule.RuleName}: {r.ExceptionMessage}");
            }
            Console.WriteLine($"{port.Items.Count} items, {differ} differ");
        }
    }

    public static void Loop(double seconds, string[] bundles)
    {
        var iq = Checklist();
        var port = PeerPort.Load(PeerPort.PathIn(Paths.Repo));
        var engine = port.Engine();
        foreach (var bundle in bundles.Length > 0 ? bundles : Samples)
        {
            var facts = FactBundleReader.Load([bundle], FactSchema.Default).Values;
            var input = PeerFacts.From(facts);
            var name = Path.GetFileName(bundle);
            var a = Median($"iq evaluate gbt-aimd-iq, {name}", seconds, () => iq.Evaluate(facts, DateTimeOffset.UnixEpoch));
            var b = Median($"RulesEngine evaluate port, {name}", seconds, () => engine.ExecuteAllRulesAsync(PeerPort.Workflow, input).GetAwaiter().GetResult());
            Console.WriteLine($"   RulesEngine / iq = {b.Wall / a.Wall:F2}× wall, {b.Cpu / a.Cpu:F2}× CPU");
            // Where iq's time goes (as eval-profile): the session and the documents, firing the rules (conditions, rows with
            // their evidence built in the actions), collecting the rows; and NRules' floor for as many rules.
            var now = DateTimeOffset.UnixEpoch;
            Median("   iq: create session + insert documents", seconds / 2, () =>
            {
                var s = iq.Factory.CreateSession();
                var docs = iq.DocumentsOf(facts);
                s.Insert(new AuditRun(iq, docs.Select(d => d.Value).ToArray(), now, Iq.Rules.Runtime.EvaluationBudget.Default));
                s.InsertAll(docs);
            });
            Median("   iq: run (create, insert, fire)", seconds / 2, () => iq.Run(facts, now, new EvaluationOptions()));
            var floor = EvalProfile.Floor(iq.Rules.Count);
            Median($"   NRules floor: {iq.Rules.Count} rules, empty actions", seconds / 2, () =>
            {
                var s = floor.CreateSession();
                s.Insert("run");
                s.Insert(new DocumentFact(0, "env", "environment", 1.0));
                s.Fire();
            });
        }
    }

    /// <summary>Warm for a third of the time, then 15 batches: the median wall time of one call, and the process's CPU
    /// time per call over all batches (steadier than wall time on a machine other jobs share).</summary>
    static (double Wall, double Cpu) Median(string name, double seconds, Action body)
    {
        for (var w = Stopwatch.StartNew(); w.Elapsed.TotalSeconds < seconds / 3;) body();
        var per = new List<double>();
        var alloc = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var calls = 0;
        for (var batch = 0; batch < 15; batch++)
        {
            var n = 0;
            var t = Stopwatch.StartNew();
            while (t.Elapsed.TotalSeconds < seconds / 15) { body(); n++; }
            per.Add(t.Elapsed.TotalMilliseconds / n);
            calls += n;
        }
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        per.Sort();
        Console.WriteLine($"{name,-48} median {per[7] * 1000,7:F1} µs wall (min {per[0] * 1000:F1}, max {per[^1] * 1000:F1})  {used * 1000,7:F1} µs CPU  {(GC.GetAllocatedBytesForCurrentThread() - alloc) / calls / 1024.0,6:F1} KiB  ({calls} calls)");
        return (per[7], used);
    }
}
