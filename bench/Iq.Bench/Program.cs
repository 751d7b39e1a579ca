using BenchmarkDotNet.Running;

namespace Iq.Bench;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["phases"]) { Phases.Run(); return; }
        if (args is ["logs-peak"]) { LogBenchmarks.Peak(); return; }
        if (args is ["generate", var n]) { Console.WriteLine(Generated.File(int.Parse(n))); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
