namespace Iq.Engine.Baseline;

/// <summary>The metrics of 001 Annex A.10. Classification (A.10.1): accuracy, and precision, recall and F1 per class
/// one-vs-rest, averaged over every class seen in the labels or predictions (macro), a zero denominator giving 0.
/// Segmentation (A.10.2): IoU = TP/(TP+FP+FN), Dice = 2TP/(2TP+FP+FN), pixel accuracy = (TP+TN)/N, with pixel
/// counts pooled over all cases; a pixel is foreground when the model's output exceeds 0.5.</summary>
public static class Metrics
{
    public sealed record Classification(double Accuracy, double Precision, double Recall, double F1);
    public sealed record Segmentation(double Dice, double Iou, double PixelAccuracy, long Tp, long Fp, long Fn, long Tn);

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    public static Classification Classify(IReadOnlyList<int> labels, IReadOnlyList<int> predictions)
    {
        var classes = labels.Concat(predictions).Distinct().Order().ToList();
        double p = 0, r = 0, f1 = 0;
        foreach (var k in classes)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < labels.Count; i++)
            {
                if (predictions[i] == k && labels[i] == k) tp++;
                else if (predictions[i] == k) fp++;
                else if (labels[i] == k) fn++;
            }
            var pk = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var rk = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            p += pk;
            r += rk;
            f1 += pk + rk == 0 ? 0 : 2 * pk * rk / (pk + rk);
        }
        var correct = labels.Where((l, i) => l == predictions[i]).Count();
        return new Classification((double)correct / labels.Count, p / classes.Count, r / classes.Count, f1 / classes.Count);
    }

    public static Segmentation Segment(IEnumerable<(float[] Output, float[] Truth)> cases)
    {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (output, truth) in cases)
            for (var i = 0; i < output.Length; i++)
            {
                bool p = output[i] > 0.5f, t = truth[i] != 0;
                if (p && t) tp++;
                else if (p) fp++;
                else if (t) fn++;
                else tn++;
            }
        return new Segmentation(2.0 * tp / (2 * tp + fp + fn), (double)tp / (tp + fp + fn), (double)(tp + tn) / (tp + fp + fn + tn), tp, fp, fn, tn);
    }

    /// <summary>Percentile by nearest rank on sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
