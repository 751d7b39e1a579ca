using System.Diagnostics;
using Iq.Engine.Audit;
using Iq.Engine.Fleet;
using Iq.Rules.Compilation;

namespace Iq.Bench;

/// <summary>What a fleet process holds at its peak: resident memory sampled every 50 ms, and at each new high the GC's own
/// account (the heap after the last collection, what the GC has committed, the generations' sizes), so that the managed
/// part of the peak can be told from the native part (runtime, JIT code, SQLite). <c>fleet-run ROOT DB</c> is
/// <c>iq fleet run ROOT --store DB</c> in this process (the same start-up and checklist as <c>fleet-eval</c>), printing the
/// same line as <c>fleet-eval</c> and the peak's account; <c>fleet-eval</c> prints the account too.</summary>
sealed class PeakSampler : IDisposable
{
    readonly Timer _timer;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _peakKiB;
    string _atPeak = "";

    public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

    void Sample()
    {
        var rss = Kib("VmRSS:");
        if (rss <= _peakKiB) return;
        _peakKiB = rss;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var gens = string.Join(" ", info.GenerationInfo.ToArray().Select((g, i) => $"gen{i} {g.SizeAfterBytes / 1048576.0:F1}"));
        _atPeak = $"at {_clock.Elapsed.TotalSeconds:F1} s: RSS {rss / 1024.0:F1} MiB; GC committed {info.TotalCommittedBytes / 1048576.0:F1} MiB, "
            + $"heap after last GC {info.HeapSizeBytes / 1048576.0:F1} MiB ({gens}), fragmented {info.FragmentedBytes / 1048576.0:F1} MiB, "
            + $"allocated since {GC.GetTotalMemory(false) / 1048576.0:F1} MiB live+garbage, gen0 budget {AppContext.GetData("GCgen0size") ?? "default"}; "
            + $"collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; threads {Process.GetCurrentProcess().Threads.Count}";
    }

    static long Kib(string field) =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0]) : 0;

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
        Console.WriteLine($"peak resident memory {_atPeak}");
    }
}

static class FleetMemory
{
    public static void Run(string root, string db)
    {
        var clock = Stopwatch.StartNew();
        using var peak = new PeakSampler();
        var compiled = Checklists.Compile(Path.Combine(Paths.Repo, "checklists", "gbt-aimd-iq.iq"), new CompileOptions());
        var request = new FleetRequest { Roots = [root], Checklist = compiled.Checklist ?? throw new InvalidOperationException(string.Join("\n", compiled.Diagnostics)), AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        using var store = new SqliteFleetStore(db);
        store.Migrate();
        var outcome = FleetRunner.Run(request, store);
        var peakLine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
        Console.WriteLine($"run (SQLite {db}): {outcome.Counts}: {clock.Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores; peak memory {peakLine}");
    }
}
