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
