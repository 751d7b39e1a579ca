using System.Diagnostics;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;

namespace Iq.Bench;

/// <summary><c>Iq.Bench.dll eval-loop [SECONDS]</c>: a plain Stopwatch loop over warm evaluations (the generated 500 and
/// 5,000 items, the IQ checklist over samples/failing) and RulesEngine over the same rules, for quick iterations while
/// profiling; BenchmarkDotNet gives the figures that count.</summary>
static class EvalLoop
{
    public static void Run(double seconds)
    {
        var facts = FactBundleReader.Load([Paths.Facts], FactSchema.Default).Values;
        var now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        foreach (var items in new[] { 500, 5000 })
        {
            var c = ChecklistCompiler.CompileText(Generated.Checklist(items: items), "bench.iq", FactSchema.Default).Checklist!;
            Time($"iq {items} generated", seconds, () => c.Evaluate(facts, now));
            var peer = Peer.Engine(items);
            var input = Peer.Input(facts);
            Time($"RulesEngine {items} generated", seconds, () => peer.ExecuteAllRulesAsync("iq", input).GetAwaiter().GetResult());
        }
        var iq = ChecklistCompiler.CompileFile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!;
        var failing = FactBundleReader.Load([Path.Combine(Paths.Repo, "checklists", "samples", "failing")], FactSchema.Default).Values;
        Time("iq IQ checklist, samples/failing", seconds, () => iq.Evaluate(failing, DateTimeOffset.UnixEpoch));
    }

    static void Time(string name, double seconds, Action body)
    {
        for (var w = Stopwatch.StartNew(); w.Elapsed.TotalSeconds < seconds / 3;) body();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var alloc = GC.GetAllocatedBytesForCurrentThread();
        var n = 0;
        var t = Stopwatch.StartNew();
        while (t.Elapsed.TotalSeconds < seconds) { body(); n++; }
        var wall = t.Elapsed.TotalMilliseconds / n;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n;
        Console.WriteLine($"{name,-40} {wall,9:F3} ms wall  {used,9:F3} ms CPU  {(GC.GetAllocatedBytesForCurrentThread() - alloc) / n / 1024.0,9:F1} KiB  ({n} runs)");
    }
}

/// <summary><c>Iq.Bench.dll eval-profile [SECONDS]</c>: one warm evaluation split by stage (session creation, inserting
/// the facts, firing the rules with their actions, collecting the rows), and NRules' own floor: as many rules of the same
/// left-hand side (the run and one document) with empty actions.</summary>
static class EvalProfile
{
    public static void Run(double seconds)
    {
        var facts = FactBundleReader.Load([Paths.Facts], FactSchema.Default).Values;
        var failing = FactBundleReader.Load([Path.Combine(Paths.Repo, "checklists", "samples", "failing")], FactSchema.Default).Values;
        var now = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        foreach (var (name, c, f) in new[]
                 {
                     ("500 generated", ChecklistCompiler.CompileText(Generated.Checklist(items: 500), "b.iq", FactSchema.Default).Checklist!, facts),
                     ("5000 generated", ChecklistCompiler.CompileText(Generated.Checklist(items: 5000), "b.iq", FactSchema.Default).Checklist!, facts),
                     ("IQ checklist", ChecklistCompiler.CompileFile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!, failing),
                 })
        {
            Console.WriteLine($"-- {name}: {c.Rules.Count} rules");
            EvalLoopTime("create session", seconds, () => c.Factory.CreateSession());
            EvalLoopTime("create + insert", seconds, () =>
            {
                var s = c.Factory.CreateSession();
                var docs = c.DocumentsOf(f);
                s.Insert(new Iq.Rules.Runtime.AuditRun(c, docs.Select(d => d.Value).ToArray(), now, Iq.Rules.Runtime.EvaluationBudget.Default));
                s.InsertAll(docs);
            });
            EvalLoopTime("run (create, insert, fire)", seconds, () => c.Run(f, now, new EvaluationOptions()));
            EvalLoopTime("evaluate (run + collect rows)", seconds, () => c.Evaluate(f, now));
            var floor = Floor(c.Rules.Count);
            EvalLoopTime($"NRules floor: {c.Rules.Count} rules, empty actions", seconds, () =>
            {
                var s = floor.CreateSession();
                s.Insert("run");
                s.Insert(new Iq.Rules.Runtime.DocumentFact(0, "env", "environment", 1.0));
                s.Fire();
            });
        }
    }

    /// <summary><c>eval-spin iq|500|5000 SECONDS</c>: one workload evaluated in a loop, for a sampling profiler (dotnet-trace) to watch.</summary>
    public static void Spin(string which, double seconds)
    {
        var c = which == "iq"
            ? ChecklistCompiler.CompileFile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), FactSchema.Default).Checklist!
            : ChecklistCompiler.CompileText(Generated.Checklist(items: int.Parse(which)), "b.iq", FactSchema.Default).Checklist!;
        var f = FactBundleReader.Load([which == "iq" ? Path.Combine(Paths.Repo, "checklists", "samples", "failing") : Paths.Facts], FactSchema.Default).Values;
        for (var t = System.Diagnostics.Stopwatch.StartNew(); t.Elapsed.TotalSeconds < seconds;) c.Evaluate(f, DateTimeOffset.UnixEpoch);
    }

    internal static NRules.ISessionFactory Floor(int rules)
    {
        var defs = new List<NRules.RuleModel.IRuleDefinition>();
        for (var i = 0; i < rules; i++)
        {
            var rb = new NRules.RuleModel.Builders.RuleBuilder();
            rb.Name($"r{i}");
            var lhs = rb.LeftHandSide();
            var run = System.Linq.Expressions.Expression.Parameter(typeof(string), "run");
            lhs.Pattern(typeof(string), "run");
            var doc = System.Linq.Expressions.Expression.Parameter(typeof(Iq.Rules.Runtime.DocumentFact), "doc");
            lhs.Pattern(typeof(Iq.Rules.Runtime.DocumentFact), "doc").Condition(System.Linq.Expressions.Expression.Lambda(
                System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Field(doc, "Root"), System.Linq.Expressions.Expression.Constant(0)), doc));
            var ctx = System.Linq.Expressions.Expression.Parameter(typeof(NRules.RuleModel.IContext), "ctx");
            rb.RightHandSide().Action(System.Linq.Expressions.Expression.Lambda(System.Linq.Expressions.Expression.Empty(), ctx, run, doc));
            defs.Add(rb.Build());
        }
        return new NRules.RuleCompiler().Compile(defs);
    }

    static void EvalLoopTime(string name, double seconds, Action body)
    {
        for (var w = System.Diagnostics.Stopwatch.StartNew(); w.Elapsed.TotalSeconds < seconds / 3;) body();
        var alloc = GC.GetAllocatedBytesForCurrentThread();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var n = 0;
        var t = System.Diagnostics.Stopwatch.StartNew();
        while (t.Elapsed.TotalSeconds < seconds) { body(); n++; }
        var used = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n;
        Console.WriteLine($"  {name,-45} {t.Elapsed.TotalMilliseconds / n,9:F3} ms wall {used,9:F3} ms CPU {(GC.GetAllocatedBytesForCurrentThread() - alloc) / n / 1024.0,9:F1} KiB ({n})");
    }
}
