using System.Globalization;
using Iq.Engine.Probes;

namespace Iq.Engine.Baseline;

/// <summary>Samples GPU memory in use and utilisation from nvidia-smi while the model runs on the GPU (IQ 4.3.2 c,
/// Annex B.2.1.2). Each sample is its own short command with a timeout; a failing sample is skipped, not fatal.</summary>
public sealed class GpuSampler : IAsyncDisposable
{
    readonly ProbeContext _ctx;
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    readonly List<(double MemoryMiB, double Utilization)> _samples = [];

    public GpuSampler(ProbeContext ctx, TimeSpan interval)
    {
        _ctx = ctx;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await SampleOnce();
                try { await Task.Delay(interval, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public async Task SampleOnce()
    {
        try
        {
            var r = await CommandRunner.RunAsync(_ctx, "nvidia-smi", ["--query-gpu=memory.used,utilization.gpu", "--format=csv,noheader,nounits"], _stop.Token);
            if (r.NotRun is not null || r.ExitCode != 0) return;
            foreach (var line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(',');
                if (f.Length == 2 && double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var mem)
                    && double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var util))
                    lock (_samples) _samples.Add((mem, util));
            }
        }
        catch (OperationCanceledException) { } // stopped while reading the output
    }

    /// <summary>Peak memory in use (bytes) and mean utilisation (0–1) over the samples, or null when none was taken.</summary>
    public (long PeakBytes, double MeanUtilization)? Summary()
    {
        lock (_samples)
            return _samples.Count == 0 ? null : ((long)(_samples.Max(s => s.MemoryMiB) * 1024 * 1024), _samples.Average(s => s.Utilization) / 100);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
