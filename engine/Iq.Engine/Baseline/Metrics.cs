namespace Iq.Engine.Baseline;

/// <summary>The metrics of 001 Annex A.10. Classification (A.10.1): accuracy, and precision, recall and F1 per class
/// one-vs-rest, averaged over every class seen in the labels or predictions (macro), a zero denominator giving 0.
/// Segmentation (A.10.2): IoU = TP/(TP+FP+FN), Dice = 2TP/(2TP+FP+FN), pixel accuracy = (TP+TN)/N, with pixel
/// counts pooled over all cases; a pixel is foreground when the model's output exceeds 0.5.</summary>
public static class Metrics
{
    /// <summary>A metric as every document writes it: rounded to 12 digits after the point, so that one accuracy reads the
    /// same from iq model and iq baseline (0.986666666667, not 0.9866666666666667 from one and the other from the other);
    /// the digits beyond are float noise, no evidence.</summary>
    public static double Figure(double value) => double.IsFinite(value) ? Math.Round(value, 12) : value;

    public sealed record Classification(double Accuracy, double Precision, double Recall, double F1);
    public sealed record Segmentation(double Dice, double Iou, double PixelAccuracy, long Tp, long Fp, long Fn, long Tn);

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>The confusion matrix: row = label, column = prediction, classes 0 … max seen.</summary>
    public static long[,] ConfusionMatrix(IReadOnlyList<int> labels, IReadOnlyList<int> predictions)
    {
        var k = labels.Concat(predictions).DefaultIfEmpty(0).Max() + 1;
        var m = new long[k, k];
        for (var i = 0; i < labels.Count; i++) m[labels[i], predictions[i]]++;
        return m;
    }

    public sealed record ClassScores(int Class, long Support, double Precision, double Recall, double F1);

    /// <summary>Per class, one-vs-rest, from the confusion matrix, for every class seen in the labels or predictions.</summary>
    public static IReadOnlyList<ClassScores> PerClass(long[,] m)
    {
        var result = new List<ClassScores>();
        for (var k = 0; k < m.GetLength(0); k++)
        {
            long tp = m[k, k], row = 0, column = 0;
            for (var j = 0; j < m.GetLength(0); j++) { row += m[k, j]; column += m[j, k]; }
            if (row == 0 && column == 0) continue;
            var p = column == 0 ? 0 : (double)tp / column;
            var r = row == 0 ? 0 : (double)tp / row;
            result.Add(new ClassScores(k, row, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)));
        }
        return result;
    }

    public static Classification Classify(IReadOnlyList<int> labels, IReadOnlyList<int> predictions)
    {
        var m = ConfusionMatrix(labels, predictions);
        var classes = PerClass(m);
        long correct = 0;
        for (var k = 0; k < m.GetLength(0); k++) correct += m[k, k];
        return new Classification((double)correct / labels.Count, classes.Average(c => c.Precision), classes.Average(c => c.Recall), classes.Average(c => c.F1));
    }

    /// <summary>Percentile-bootstrap confidence intervals of the classification metrics: <paramref name="resamples"/>
    /// resamples of the cases with replacement, indices drawn as SplitMix64(seed).Next() mod n, so that anyone can redraw
    /// them; the interval is [v(⌊α/2·B⌋), v(⌈(1−α/2)·B⌉ − 1)] of the sorted resampled values.</summary>
    public static IReadOnlyDictionary<string, (double Low, double High)> Bootstrap(IReadOnlyList<int> labels, IReadOnlyList<int> predictions,
        int resamples, ulong seed, double confidence)
    {
        var rng = new SplitMix64(seed);
        var n = labels.Count;
        var values = new Dictionary<string, double[]>
        {
            ["accuracy"] = new double[resamples], ["precision"] = new double[resamples], ["recall"] = new double[resamples], ["f1"] = new double[resamples],
        };
        var l = new int[n];
        var p = new int[n];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = (int)(rng.Next() % (ulong)n);
                l[i] = labels[j];
                p[i] = predictions[j];
            }
            var c = Classify(l, p);
            values["accuracy"][b] = c.Accuracy;
            values["precision"][b] = c.Precision;
            values["recall"][b] = c.Recall;
            values["f1"][b] = c.F1;
        }
        return values.ToDictionary(v => v.Key, v => Interval(v.Value, confidence));
    }

    /// <summary>The percentile interval [v(⌊α/2·B⌋), v(⌈(1−α/2)·B⌉ − 1)] of B resampled values; NaN when a resample's
    /// metric is undefined (no foreground anywhere in it), so that the interval is an error, never a guess.</summary>
    static (double Low, double High) Interval(double[] values, double confidence)
    {
        if (values.Any(double.IsNaN)) return (double.NaN, double.NaN);
        var alpha = 1 - confidence;
        var sorted = values.Order().ToArray();
        return (sorted[(int)Math.Floor(alpha / 2 * values.Length)], sorted[(int)Math.Ceiling((1 - alpha / 2) * values.Length) - 1]);
    }

    /// <summary>Percentile-bootstrap intervals of Dice, IoU and pixel accuracy (A.10.2) over cases: each resample draws n
    /// cases with replacement (index = SplitMix64(seed).Next() mod n, as for classification) and pools their pixel counts,
    /// as the point estimate pools all cases'.</summary>
    public static IReadOnlyDictionary<string, (double Low, double High)> BootstrapSegmentation(IReadOnlyList<PixelCounts> cases,
        int resamples, ulong seed, double confidence)
    {
        var rng = new SplitMix64(seed);
        var n = cases.Count;
        var values = new Dictionary<string, double[]>
        {
            ["dice"] = new double[resamples], ["iou"] = new double[resamples], ["pixel_accuracy"] = new double[resamples],
        };
        for (var b = 0; b < resamples; b++)
        {
            long tp = 0, fp = 0, fn = 0, tn = 0;
            for (var i = 0; i < n; i++)
            {
                var c = cases[(int)(rng.Next() % (ulong)n)];
                tp += c.Tp; fp += c.Fp; fn += c.Fn; tn += c.Tn;
            }
            var s = Pool([new PixelCounts(tp, fp, fn, tn)]);
            values["dice"][b] = s.Dice;
            values["iou"][b] = s.Iou;
            values["pixel_accuracy"][b] = s.PixelAccuracy;
        }
        return values.ToDictionary(v => v.Key, v => Interval(v.Value, confidence));
    }

    /// <summary>Area under the ROC curve of a score that should be higher for positives (Mann–Whitney, ties counted half).</summary>
    public static double Auroc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0) return double.NaN;
        double wins = 0;
        foreach (var a in positives)
            foreach (var b in negatives)
                wins += a > b ? 1 : a == b ? 0.5 : 0;
        return wins / ((double)positives.Count * negatives.Count);
    }

    /// <summary>Pearson's chi-square test of independence on a groups × {correct, wrong} table; the p-value from the
    /// regularised upper incomplete gamma function. NaN when the table has an empty row or column.</summary>
    public static double ChiSquarePValue(IReadOnlyList<(long Correct, long Wrong)> groups)
    {
        double total = groups.Sum(g => (double)g.Correct + g.Wrong), correct = groups.Sum(g => (double)g.Correct), wrong = total - correct;
        if (groups.Count < 2 || correct == 0 || wrong == 0 || groups.Any(g => g.Correct + g.Wrong == 0)) return double.NaN;
        double chi = 0;
        foreach (var g in groups)
        {
            var n = (double)g.Correct + g.Wrong;
            double ec = n * correct / total, ew = n * wrong / total;
            chi += (g.Correct - ec) * (g.Correct - ec) / ec + (g.Wrong - ew) * (g.Wrong - ew) / ew;
        }
        return UpperGamma((groups.Count - 1) / 2.0, chi / 2);
    }

    /// <summary>Q(a, x), by series or continued fraction (Numerical Recipes §6.2).</summary>
    static double UpperGamma(double a, double x)
    {
        if (x <= 0) return 1;
        var lnGammaA = LnGamma(a);
        if (x < a + 1)
        {
            double sum = 1 / a, term = sum, ap = a;
            for (var n = 0; n < 500 && Math.Abs(term) > Math.Abs(sum) * 1e-15; n++) { ap++; term *= x / ap; sum += term; }
            return 1 - sum * Math.Exp(-x + a * Math.Log(x) - lnGammaA);
        }
        double bb = x + 1 - a, c = 1 / 1e-300, d = 1 / bb, h = d;
        for (var i = 1; i < 500; i++)
        {
            var an = -i * (i - a);
            bb += 2;
            d = an * d + bb; if (Math.Abs(d) < 1e-300) d = 1e-300;
            c = bb + an / c; if (Math.Abs(c) < 1e-300) c = 1e-300;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - lnGammaA) * h;
    }

    static double LnGamma(double x)
    {
        double[] g = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
        double y = x, tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        var ser = 1.000000000190015;
        foreach (var c in g) ser += c / ++y;
        return -tmp + Math.Log(2.5066282746310005 * ser / x);
    }

    /// <summary>One case's pixel counts: a pixel is foreground when the output exceeds 0.5, the truth when it is not 0.</summary>
    public readonly record struct PixelCounts(long Tp, long Fp, long Fn, long Tn);

    public static PixelCounts Count(float[] output, float[] truth)
    {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < output.Length; i++)
        {
            bool p = output[i] > 0.5f, t = truth[i] != 0;
            if (p && t) tp++;
            else if (p) fp++;
            else if (t) fn++;
            else tn++;
        }
        return new PixelCounts(tp, fp, fn, tn);
    }

    public static Segmentation Segment(IEnumerable<(float[] Output, float[] Truth)> cases) => Pool(cases.Select(c => Count(c.Output, c.Truth)));

    /// <summary>The metrics of pixel counts pooled over cases.</summary>
    public static Segmentation Pool(IEnumerable<PixelCounts> cases)
    {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var c in cases) { tp += c.Tp; fp += c.Fp; fn += c.Fn; tn += c.Tn; }
        return new Segmentation(2.0 * tp / (2 * tp + fp + fn), (double)tp / (tp + fp + fn), (double)(tp + tn) / (tp + fp + fn + tn), tp, fp, fn, tn);
    }

    /// <summary>Percentile by nearest rank on sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
