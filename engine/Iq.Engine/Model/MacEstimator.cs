using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Iq.Engine.Model.Onnx;

namespace Iq.Engine.Model;

/// <summary>An estimate of the multiply-accumulates of one inference (001 5.2.4 e), 6.3.4 a): shapes are propagated
/// through the main graph from its inputs (symbolic dimensions bound to 1 unless told otherwise, and the binding
/// recorded) and MACs counted for the ops that do the multiply-accumulate work of common networks:
/// Conv (N·M·∏out·(C/group)·∏kernel), ConvTranspose (N·C·∏in·(M/group)·∏kernel), Gemm (M·N·K) and MatMul (∏batch·M·N·K).
/// Element-wise, pooling, normalisation and shape ops count 0 by this convention; ops that do such work but are not
/// modelled (recurrent, attention, quantised, custom-domain, control flow), and counted ops whose shapes could not be
/// inferred, are listed as not covered, so the total is a lower bound whenever that list is not empty.</summary>
public static class MacEstimator
{
    static readonly HashSet<string> SameShape =
    [
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh", "Softmax", "LogSoftmax", "Elu", "Selu", "Celu", "Gelu", "Softplus",
        "Softsign", "HardSwish", "Mish", "ThresholdedRelu", "Erf", "Exp", "Log", "Sqrt", "Neg", "Abs", "Identity", "Dropout", "Cast", "CastLike",
        "Clip", "BatchNormalization", "InstanceNormalization", "LayerNormalization", "LRN", "Not", "Reciprocal", "Floor", "Ceil", "Round",
        "Sign", "Sin", "Cos", "QuantizeLinear", "DequantizeLinear", "IsNaN", "IsInf", "Shrink",
    ];
    static readonly HashSet<string> Broadcast = ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Equal", "Less", "Greater",
        "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Where", "Mod", "BitShift"];
    /// <summary>Ops that do multiply-accumulate work this estimate does not model.</summary>
    static readonly HashSet<string> Unmodelled = ["LSTM", "GRU", "RNN", "Einsum", "Attention", "MultiHeadAttention", "QLinearConv", "ConvInteger",
        "MatMulInteger", "QLinearMatMul", "DeformConv", "Loop", "Scan", "If", "Det", "DFT", "STFT"];

    public static JsonObject Estimate(ModelProto model, IReadOnlyDictionary<string, long> bindings)
    {
        var graph = model.Graph;
        var shapes = new Dictionary<string, long[]?>(StringComparer.Ordinal);
        var constants = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var bound = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            shapes[t.Name] = t.Dims.ToArray();
            if (Ints(t) is { } v) constants[t.Name] = v;
        }
        foreach (var i in graph.Input)
        {
            if (shapes.ContainsKey(i.Name)) continue;
            var s = i.Type?.TensorType?.Shape;
            shapes[i.Name] = s is null ? null : s.Dim.Select(d =>
            {
                if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue) return d.DimValue;
                var name = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : "?";
                var value = bindings.TryGetValue(name, out var b) ? b : 1;
                bound[name] = value;
                return value;
            }).ToArray();
        }
        // Shapes the file itself records for intermediate values, used where an op is not modelled here.
        var recorded = graph.ValueInfo.Where(v => v.Type?.TensorType?.Shape is { } s && s.Dim.All(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue))
            .GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First().Type.TensorType.Shape.Dim.Select(d => d.DimValue).ToArray(), StringComparer.Ordinal);

        var byOp = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var uncovered = new SortedSet<string>(StringComparer.Ordinal);
        double total = 0;
        foreach (var n in graph.Node)
        {
            var op = n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}";
            long[]? In(int k) => k < n.Input.Count && n.Input[k].Length > 0 && shapes.TryGetValue(n.Input[k], out var s) ? s : null;
            long[]? outShape = null;
            double macs = 0;
            var counted = false;
            try
            {
                if (n.Domain is not ("" or "ai.onnx")) { uncovered.Add(op); }
                else
                {
                    switch (n.OpType)
                    {
                        case "Conv":
                            (outShape, macs) = Conv(n, In(0), In(1));
                            counted = true;
                            break;
                        case "ConvTranspose":
                            (outShape, macs) = ConvTranspose(n, In(0), In(1));
                            counted = true;
                            break;
                        case "Gemm":
                            (outShape, macs) = Gemm(n, In(0), In(1));
                            counted = true;
                            break;
                        case "MatMul":
                            (outShape, macs) = MatMul(In(0), In(1));
                            counted = true;
                            break;
                        case "MaxPool" or "AveragePool" or "LpPool":
                            outShape = Pool(n, In(0));
                            break;
                        case "GlobalAveragePool" or "GlobalMaxPool" or "GlobalLpPool":
                            outShape = In(0) is { Length: >= 2 } g ? [g[0], g[1], .. Enumerable.Repeat(1L, g.Length - 2)] : null;
                            break;
                        case "Flatten":
                            outShape = Flatten(n, In(0));
                            break;
                        case "Reshape":
                            outShape = Reshape(n, In(0), n.Input.Count > 1 && constants.TryGetValue(n.Input[1], out var target) ? target : null);
                            break;
                        case "Transpose":
                            outShape = In(0) is { } x ? (Attr(n, "perm")?.Ints.ToArray() ?? Enumerable.Range(0, x.Length).Reverse().Select(i => (long)i).ToArray())
                                .Select(p => x[(int)p]).ToArray() : null;
                            break;
                        case "Concat":
                            outShape = Concat(n, Enumerable.Range(0, n.Input.Count).Select(In).ToList());
                            break;
                        case "Squeeze" or "Unsqueeze":
                            outShape = Squeeze(n, In(0), Attr(n, "axes")?.Ints.ToArray() ?? (n.Input.Count > 1 && constants.TryGetValue(n.Input[1], out var axes) ? axes : null));
                            break;
                        case "ReduceMean" or "ReduceSum" or "ReduceMax" or "ReduceMin" or "ReduceProd" or "ReduceL2":
                            outShape = Reduce(n, In(0), Attr(n, "axes")?.Ints.ToArray() ?? (n.Input.Count > 1 && constants.TryGetValue(n.Input[1], out var raxes) ? raxes : null));
                            break;
                        case "Constant":
                            if (Attr(n, "value")?.T is { } value)
                            {
                                outShape = value.Dims.ToArray();
                                if (Ints(value) is { } v) constants[n.Output[0]] = v;
                            }
                            break;
                        case "Shape":
                            outShape = In(0) is { } sh ? [sh.Length] : null;
                            break;
                        default:
                            if (SameShape.Contains(n.OpType)) outShape = In(0);
                            else if (Broadcast.Contains(n.OpType)) outShape = BroadcastShapes(Enumerable.Range(0, n.Input.Count).Select(In).ToList());
                            else if (Unmodelled.Contains(n.OpType)) uncovered.Add(op);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidOperationException)
            {
                outShape = null;
                counted = false;
                uncovered.Add($"{op} (shape not inferred)");
            }
            if (counted)
            {
                if (outShape is null || !double.IsFinite(macs)) uncovered.Add($"{op} (shape not inferred)");
                else
                {
                    byOp[op] = byOp.GetValueOrDefault(op) + macs;
                    total += macs;
                }
            }
            if (outShape is null && n.Output.Count > 0 && recorded.TryGetValue(n.Output[0], out var r)) outShape = r;
            if (n.Output.Count > 0) shapes[n.Output[0]] = outShape;
        }
        return new JsonObject
        {
            ["total"] = total,
            ["by_op"] = new JsonObject(byOp.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["uncovered_ops"] = new JsonArray(uncovered.Select(u => (JsonNode?)u).ToArray()),
            ["bindings"] = new JsonObject(bound.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["convention"] = "multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul for one inference; FLOPs ≈ 2 × MACs",
        };
    }

    static AttributeProto? Attr(NodeProto n, string name) => n.Attribute.FirstOrDefault(a => a.Name == name);
    static long AttrInt(NodeProto n, string name, long fallback) => Attr(n, name) is { } a ? a.I : fallback;

    /// <summary>The values of a small integer tensor (shapes and axes are such tensors), else null.</summary>
    static long[]? Ints(TensorProto t)
    {
        var count = t.Dims.Aggregate(1L, (a, b) => a * b);
        if (count > 64 || count < 0) return null;
        if (t.DataType == (int)TensorProto.Types.DataType.Int64)
        {
            if (t.Int64Data.Count == count) return t.Int64Data.ToArray();
            if (t.HasRawData && t.RawData.Length == count * 8)
                return Enumerable.Range(0, (int)count).Select(i => BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span[(i * 8)..])).ToArray();
        }
        if (t.DataType == (int)TensorProto.Types.DataType.Int32)
        {
            if (t.Int32Data.Count == count) return t.Int32Data.Select(i => (long)i).ToArray();
            if (t.HasRawData && t.RawData.Length == count * 4)
                return Enumerable.Range(0, (int)count).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(t.RawData.Span[(i * 4)..])).ToArray();
        }
        return null;
    }

    static bool Known(long[]? s) => s is not null && s.All(d => d >= 0);

    static long[] Spatial(NodeProto n, long[] x, long[] kernel, bool transpose)
    {
        var k = kernel.Length;
        var strides = Attr(n, "strides")?.Ints.ToArray() ?? Enumerable.Repeat(1L, k).ToArray();
        var dilations = Attr(n, "dilations")?.Ints.ToArray() ?? Enumerable.Repeat(1L, k).ToArray();
        var pads = Attr(n, "pads")?.Ints.ToArray() ?? new long[2 * k];
        var autoPad = Attr(n, "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        var ceil = AttrInt(n, "ceil_mode", 0) == 1;
        var outputPadding = Attr(n, "output_padding")?.Ints.ToArray() ?? new long[k];
        var outputShape = Attr(n, "output_shape")?.Ints.ToArray();
        var result = new long[k];
        for (var i = 0; i < k; i++)
        {
            var input = x[2 + i];
            var effective = (kernel[i] - 1) * dilations[i] + 1;
            if (transpose)
                result[i] = outputShape is { } os ? os[i]
                    : autoPad is "SAME_UPPER" or "SAME_LOWER" ? input * strides[i]
                    : strides[i] * (input - 1) + outputPadding[i] + effective - pads[i] - pads[i + k];
            else
                result[i] = autoPad switch
                {
                    "SAME_UPPER" or "SAME_LOWER" => (input + strides[i] - 1) / strides[i],
                    "VALID" => (input - effective) / strides[i] + 1,
                    _ => (long)(ceil ? Math.Ceiling((input + pads[i] + pads[i + k] - effective) / (double)strides[i])
                        : Math.Floor((input + pads[i] + pads[i + k] - effective) / (double)strides[i])) + 1,
                };
            if (result[i] <= 0) throw new ArgumentException("empty output");
        }
        return result;
    }

    static (long[]?, double) Conv(NodeProto n, long[]? x, long[]? w)
    {
        if (!Known(x) || !Known(w) || x!.Length < 3 || w!.Length != x.Length) return (null, 0);
        var group = AttrInt(n, "group", 1);
        var kernel = w[2..];
        var spatial = Spatial(n, x, kernel, transpose: false);
        long[] shape = [x[0], w[0], .. spatial];
        var macs = (double)x[0] * w[0] * spatial.Aggregate(1.0, (a, b) => a * b) * (x[1] / group) * kernel.Aggregate(1.0, (a, b) => a * b);
        return (shape, macs);
    }

    static (long[]?, double) ConvTranspose(NodeProto n, long[]? x, long[]? w)
    {
        if (!Known(x) || !Known(w) || x!.Length < 3 || w!.Length != x.Length) return (null, 0);
        var group = AttrInt(n, "group", 1);
        var kernel = w[2..];
        var spatial = Spatial(n, x, kernel, transpose: true);
        long[] shape = [x[0], w[1] * group, .. spatial];
        var macs = (double)x[0] * x[1] * x[2..].Aggregate(1.0, (a, b) => a * b) * w[1] * kernel.Aggregate(1.0, (a, b) => a * b);
        return (shape, macs);
    }

    static long[]? Pool(NodeProto n, long[]? x)
    {
        if (!Known(x) || x!.Length < 3 || Attr(n, "kernel_shape") is not { } k) return null;
        var spatial = Spatial(n, x, k.Ints.ToArray(), transpose: false);
        return [x[0], x[1], .. spatial];
    }

    static (long[]?, double) Gemm(NodeProto n, long[]? a, long[]? b)
    {
        if (!Known(a) || !Known(b) || a!.Length != 2 || b!.Length != 2) return (null, 0);
        var (m, k) = AttrInt(n, "transA", 0) == 1 ? (a[1], a[0]) : (a[0], a[1]);
        var cols = AttrInt(n, "transB", 0) == 1 ? b[0] : b[1];
        return ([m, cols], (double)m * cols * k);
    }

    static (long[]?, double) MatMul(long[]? a, long[]? b)
    {
        if (!Known(a) || !Known(b) || a!.Length == 0 || b!.Length == 0) return (null, 0);
        var left = a.Length == 1 ? [1, a[0]] : a;
        var right = b.Length == 1 ? [b[0], 1] : b;
        var batch = BroadcastShapes([left[..^2], right[..^2]]);
        if (batch is null) return (null, 0);
        long m = left[^2], k = left[^1], cols = right[^1];
        if (right[^2] != k) return (null, 0);
        var shape = new List<long>(batch);
        if (a.Length > 1) shape.Add(m);
        if (b.Length > 1) shape.Add(cols);
        return (shape.ToArray(), batch.Aggregate(1.0, (x, y) => x * y) * m * cols * k);
    }

    static long[]? Flatten(NodeProto n, long[]? x)
    {
        if (!Known(x)) return null;
        var axis = AttrInt(n, "axis", 1);
        if (axis < 0) axis += x!.Length;
        return [x![..(int)axis].Aggregate(1L, (a, b) => a * b), x[(int)axis..].Aggregate(1L, (a, b) => a * b)];
    }

    static long[]? Reshape(NodeProto n, long[]? x, long[]? target)
    {
        if (!Known(x) || target is null) return null;
        var allowZero = AttrInt(n, "allowzero", 0) == 1;
        var result = target.Select((d, i) => d == 0 && !allowZero ? x![i] : d).ToArray();
        var total = x!.Aggregate(1L, (a, b) => a * b);
        var unknown = Array.IndexOf(result, -1L);
        if (unknown >= 0)
        {
            var rest = result.Where((d, i) => i != unknown).Aggregate(1L, (a, b) => a * b);
            if (rest == 0 || total % rest != 0) return null;
            result[unknown] = total / rest;
        }
        return result.All(d => d >= 0) && result.Aggregate(1L, (a, b) => a * b) == total ? result : null;
    }

    static long[]? Concat(NodeProto n, List<long[]?> inputs)
    {
        if (inputs.Count == 0 || inputs.Any(i => !Known(i))) return null;
        var rank = inputs[0]!.Length;
        var axis = AttrInt(n, "axis", 0);
        if (axis < 0) axis += rank;
        var result = inputs[0]!.ToArray();
        result[axis] = inputs.Sum(i => i![axis]);
        return result;
    }

    static long[]? Squeeze(NodeProto n, long[]? x, long[]? axes)
    {
        if (!Known(x)) return null;
        if (n.OpType == "Squeeze")
        {
            var drop = axes?.Select(a => a < 0 ? a + x!.Length : a).ToHashSet() ?? x!.Select((d, i) => (d, i)).Where(p => p.d == 1).Select(p => (long)p.i).ToHashSet();
            return x!.Where((_, i) => !drop.Contains(i)).ToArray();
        }
        if (axes is null) return null;
        var rank = x!.Length + axes.Length;
        var insert = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var result = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) result[i] = insert.Contains(i) ? 1 : x[j++];
        return result;
    }

    static long[]? Reduce(NodeProto n, long[]? x, long[]? axes)
    {
        if (!Known(x)) return null;
        var keep = AttrInt(n, "keepdims", 1) == 1;
        var set = (axes ?? Enumerable.Range(0, x!.Length).Select(i => (long)i).ToArray()).Select(a => a < 0 ? a + x!.Length : a).ToHashSet();
        return keep ? x!.Select((d, i) => set.Contains(i) ? 1 : d).ToArray() : x!.Where((_, i) => !set.Contains(i)).ToArray();
    }

    /// <summary>NumPy broadcasting of several shapes; null when one is unknown or they do not broadcast.</summary>
    static long[]? BroadcastShapes(IReadOnlyList<long[]?> shapes)
    {
        if (shapes.Count == 0 || shapes.Any(s => !Known(s))) return null;
        var rank = shapes.Max(s => s!.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            long d = 1;
            foreach (var s in shapes)
            {
                var k = i - (rank - s!.Length);
                if (k < 0) continue;
                var v = s[k];
                if (v == 1) continue;
                if (d != 1 && d != v) return null;
                d = v;
            }
            result[i] = d;
        }
        return result;
    }
}
