namespace Iq.Engine.Baseline;

/// <summary>SplitMix64 (Steele, Lea and Flood, 2014): the generator behind every seeded draw of the measurements
/// (bootstrap resamples, Gaussian noise, attacks), chosen because it is a few lines in any language, so a lab can
/// redraw exactly what iq drew (the sample's make_sample.py does, in Python).</summary>
public sealed class SplitMix64(ulong seed)
{
    ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw by Box–Muller: √(−2 ln(1 − u₁)) · cos(2π u₂).</summary>
    public double NextGaussian()
    {
        var u1 = NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
