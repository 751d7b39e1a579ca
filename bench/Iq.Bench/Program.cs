using BenchmarkDotNet.Running;

namespace Iq.Bench;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["phases"]) { Phases.Run(); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
