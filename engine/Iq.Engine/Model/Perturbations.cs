using System.Globalization;
using Iq.Engine.Baseline;

namespace Iq.Engine.Model;

/// <summary>The synthetic perturbations of the robustness suite (001 A.12.2 c, "other methods"), each defined exactly so a
/// lab can redo it: every result is clipped to the input's value range [lo, hi] (declared in the description, else the
/// range of the cases), and the last two axes are the image's rows and columns. No flips by default: a flip changes
/// laterality in medical images.</summary>
public static class Perturbations
{
    public static readonly string[] Names = ["contrast", "brightness", "box_blur", "gaussian_noise"];

    /// <summary>The default grid (tool defaults, not from the standard, which gives none: A.12.2 注).</summary>
    public static readonly IReadOnlyDictionary<string, double[]> DefaultLevels = new Dictionary<string, double[]>
    {
        ["contrast"] = [0.8, 0.5, 0.3],
        ["brightness"] = [0.1, 0.2, 0.3],
        ["box_blur"] = [3, 5],
        ["gaussian_noise"] = [0.05, 0.1, 0.2],
    };

    /// <summary>The largest box_blur kernel: each output element sums k² inputs, so a kernel of 10⁵ claimed in a description
    /// would run for days.</summary>
    public const int MaxKernel = 99;

    /// <summary>Why <paramref name="name"/> cannot be applied at <paramref name="level"/>, or null: box_blur needs an odd whole
    /// kernel size up to <see cref="MaxKernel"/>; the other perturbations clip any finite level.</summary>
    public static Iq.Rules.Messages.MessageText? Unusable(string name, double level) =>
        name == "box_blur" && !(level >= 1 && level <= MaxKernel && level == Math.Floor(level) && level % 2 == 1)
            ? Iq.Rules.Messages.Msg.ModelClaimedBlur.With(level.ToString("R", CultureInfo.InvariantCulture), MaxKernel)
            : null;

    /// <summary>Whether <paramref name="name"/> can be applied to an input of <paramref name="shape"/>: box_blur blurs over
    /// the last two axes, so an input of one dimension (or none) has no image to blur; the others work element by element
    /// on any shape.</summary>
    public static bool FitsShape(string name, int[] shape) => name != "box_blur" || shape.Length >= 2;

    public static string Definition(string name, double level) => name switch
    {
        "contrast" => $"x' = clip({F(level)}·x + (1 − {F(level)})·(lo + hi)/2): contrast scaled about mid-range",
        "brightness" => $"x' = clip(x + {F(level)}·(hi − lo))",
        "box_blur" => $"x' = mean of the {F(level)}×{F(level)} neighbourhood over the last two axes, edges replicated",
        "gaussian_noise" => $"x' = clip(x + {F(level)}·(hi − lo)·z), z standard normal from SplitMix64(seed) by Box–Muller, one draw per element in order",
        _ => throw new ArgumentException($"unknown perturbation '{name}'"),
    };

    static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The perturbed copy of <paramref name="x"/> (shape <paramref name="shape"/>).</summary>
    public static float[] Apply(string name, double level, float[] x, int[] shape, float lo, float hi, SplitMix64? rng = null)
    {
        var y = new float[x.Length];
        switch (name)
        {
            case "contrast":
            {
                var mid = (lo + hi) / 2.0;
                for (var i = 0; i < x.Length; i++) y[i] = Clip(level * x[i] + (1 - level) * mid, lo, hi);
                break;
            }
            case "brightness":
                for (var i = 0; i < x.Length; i++) y[i] = Clip(x[i] + level * (hi - lo), lo, hi);
                break;
            case "gaussian_noise":
            {
                var r = rng ?? throw new ArgumentException("gaussian_noise needs a seeded generator");
                for (var i = 0; i < x.Length; i++) y[i] = Clip(x[i] + level * (hi - lo) * r.NextGaussian(), lo, hi);
                break;
            }
            case "box_blur":
            {
                var k = (int)level;
                if (Unusable(name, level) is { } why) throw new ArgumentException(why.ToString());
                if (!FitsShape(name, shape)) throw new ArgumentException("box_blur needs an input of two or more dimensions");
                // An empty image (a dimension of 0) has no element to blur.
                int rows = shape[^2], cols = shape[^1], pad = k / 2, planes = rows * cols == 0 ? 0 : x.Length / (rows * cols);
                for (var p = 0; p < planes; p++)
                {
                    var o = p * rows * cols;
                    for (var r = 0; r < rows; r++)
                        for (var c = 0; c < cols; c++)
                        {
                            double sum = 0;
                            for (var dr = -pad; dr <= pad; dr++)
                                for (var dc = -pad; dc <= pad; dc++)
                                    sum += x[o + Math.Clamp(r + dr, 0, rows - 1) * cols + Math.Clamp(c + dc, 0, cols - 1)];
                            y[o + r * cols + c] = Clip(sum / (k * k), lo, hi);
                        }
                }
                break;
            }
            default:
                throw new ArgumentException($"unknown perturbation '{name}'; expected {string.Join(", ", Names)}");
        }
        return y;
    }

    static float Clip(double v, float lo, float hi) => (float)Math.Clamp(v, lo, hi);
}
