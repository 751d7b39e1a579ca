using BenchmarkDotNet.Running;

namespace Iq.Bench;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["phases"]) { Phases.Run(); return; }
        if (args is ["logs-peak"]) { LogBenchmarks.Peak(); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
