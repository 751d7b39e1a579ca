using BenchmarkDotNet.Running;

namespace Iq.Bench;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["phases"]) { Phases.Run(); return; }
        if (args is ["eval-profile", ..]) { EvalProfile.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3); return; }
        if (args is ["eval-spin", var which, var spin]) { EvalProfile.Spin(which, double.Parse(spin, System.Globalization.CultureInfo.InvariantCulture)); return; }
        if (args is ["eval-loop", ..]) { EvalLoop.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5); return; }
        if (args is ["peer-check", ..]) { Peers.PeerBench.Check(args[1..]); return; }
        if (args is ["peer-loop", ..]) { Peers.PeerBench.Loop(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6, args.Length > 2 ? args[2..] : []); return; }
        if (args is ["logs-peak"]) { LogBenchmarks.Peak(); return; }
        if (args is ["fleet-gen", var output, var count, ..]) { FleetBench.Generate(output, int.Parse(count), args.Length > 3 ? int.Parse(args[3]) : 1); return; }
        if (args is ["fleet-floor", var floorRoot]) { FleetBench.Floor(floorRoot); return; }
        if (args is ["fleet-eval", var evalRoot]) { FleetBench.Evaluate(evalRoot); return; }
        if (args is ["fleet-run", var runRoot, var db]) { FleetMemory.Run(runRoot, db); return; }
        if (args is ["fleet-digest", var digestRoot]) { FleetBench.Digest(digestRoot); return; }
        if (args is ["fleet-race", var raceRoot, var rounds, var threads, ..])
        { FleetBench.Race(raceRoot, int.Parse(rounds), int.Parse(threads), args is [.., "interpreted"]); return; }
        if (args is ["fleet-read", var readRoot, ..]) { FleetBench.Read(readRoot, args.Length > 2 ? int.Parse(args[2]) : 3); return; }
        if (args is ["fleet-profile", var profileRoot, ..]) { FleetBench.Profile(profileRoot, args.Length > 2 ? int.Parse(args[2]) : 50); return; }
        if (args is ["generate", var n]) { Console.WriteLine(Generated.File(int.Parse(n))); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
