using System.Diagnostics;
using Iq.Engine.Facts;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Syntax;

namespace Iq.Bench;

/// <summary><c>dotnet run -c Release --project bench/Iq.Bench -- phases</c>: a rough split of compile time by pass,
/// to see where to look; BenchmarkDotNet gives the figures that count.</summary>
static class Phases
{
    public static void Run()
    {
        var facts = FactBundleReader.Load([Paths.Facts], FactSchema.Default).Values;
        string Only(string cond) => "checklist \"x\" { }\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"item \"i{i}\" \"t\" {{ expect {cond} }}\n"));
        foreach (var (name, text0) in new[] { ("with 10% failing", Generated.Checklist()), ("all passing", Generated.Checklist(allPass: true)),
                     ("true", Only("true")), ("cores", Only("env.cpu.logical_cores >= 5")), ("mem", Only("env.memory.total >= 5 GiB")),
                     ("count", Only("count(env.gpus, g => g.memory >= 40 GiB) >= 1")), ("and", Only("env.os.id == \"ubuntu\" and env.cpu.sockets >= 1")),
                     ("all", Only("all(env.storage, s => s.free > 5 GiB)")) })
        {
            var c = ChecklistCompiler.CompileText(text0, "b.iq", FactSchema.Default).Checklist!;
            for (var k = 0; k < 2000; k++) c.Evaluate(facts, DateTimeOffset.UnixEpoch);
            var t = Stopwatch.StartNew();
            for (var k = 0; k < 10000; k++) c.Evaluate(facts, DateTimeOffset.UnixEpoch);
            Console.WriteLine($"evaluate {name}: {t.Elapsed.TotalMilliseconds / 10:F1} us");
        }
        var text = Generated.Checklist();
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            var alloc = GC.GetAllocatedBytesForCurrentThread();
            var syntax = ChecklistParser.Parse(text, "bench.iq", new DiagnosticBag());
            var parse = sw.Elapsed.TotalMilliseconds;
            var parseAlloc = GC.GetAllocatedBytesForCurrentThread() - alloc;
            sw.Restart();
            var compiled = ChecklistCompiler.CompileText(text, "bench.iq", FactSchema.Default);
            Console.WriteLine($"parse {parse:F1} ms ({parseAlloc / 1024 / 1024} MB), full compile {sw.Elapsed.TotalMilliseconds:F1} ms, ok={syntax is not null && compiled.Succeeded}");
        }
    }
}
