using Iq.Rules.Messages;
using Iq.Rules.Io;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Iq.Engine.Model.Onnx;

namespace Iq.Engine.Model;

/// <summary>An ONNX file iq cannot inspect (corrupt, hostile, or not ONNX): printed as an error naming the file, exit 2.</summary>
public sealed class ModelInputException(MessageText text) : Exception(text.ToString())
{
    /// <summary>The message in the reader's language (<see cref="Exception.Message"/> is its English).</summary>
    public MessageText Text { get; } = text;
}

/// <summary>Inspects an ONNX file without running it (001 4.1, 4.2.1–4.2.4, 5.2.4 e/f, 5.2.9 b): identity, opsets,
/// metadata, nodes per op type, parameters per data type, inputs and outputs, custom domains, external data, and an
/// estimate of MACs. The file is streamed twice, once through SHA-256 and once through the protobuf parser, and never
/// read whole: the parser holds each initializer's bytes once, in the parsed message, and nothing else copies them.
/// Protobuf's own limits bound nesting (If/Loop bodies) and size; what ONNX itself forbids (negative dimensions,
/// stored data that does not match the declared shape, external data outside the model's folder) is an error.</summary>
public static class OnnxInspector
{
    /// <summary>Protobuf cannot hold more than 2 GiB; larger models keep their weights in external data.</summary>
    public const long MaxFileBytes = int.MaxValue;
    /// <summary>Nesting of messages (subgraphs within subgraphs): deeper files are refused, not followed.</summary>
    public const int MaxNesting = 64;

    static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>Standard operator-set domains; any other domain a node uses is a custom domain.</summary>
    static readonly HashSet<string> StandardDomains = ["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training"];

    /// <summary>Op types that are activation functions (4.2.2: 激活函数).</summary>
    public static readonly HashSet<string> Activations =
    [
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh", "Softmax", "LogSoftmax", "Elu", "Selu", "Celu", "Gelu",
        "Softplus", "Softsign", "HardSwish", "Mish", "ThresholdedRelu",
    ];

    /// <summary>Reads and checks a model file as <c>iq model</c> does, streamed: the one check every reader of a model
    /// shares (<see cref="Check"/>).</summary>
    public static ModelProto Parse(string path)
    {
        if (Refusal(path) is { } refused) throw new ModelInputException(refused);
        ModelProto model;
        try
        {
            using var stream = InputFiles.OpenRead(path, InputKind.Model, 1 << 16);
            model = ParseFrom(path, stream);
        }
        catch (InputFileException e) { throw new ModelInputException(Msg.ModelRefused.With(path, e.Text)); }
        Check(path, model);
        return model;
    }

    /// <summary>For a runner that hands the model's bytes to ONNX Runtime (<c>iq baseline</c>): the same check as
    /// <see cref="Parse(string)"/>, on the bytes the runtime will get, so that a model <c>iq model</c> refuses is refused
    /// with the same message before the runtime sees it (which would refuse it in its own words, or run it).</summary>
    public static ModelProto Parse(string path, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var model = ParseFrom(path, stream);
        Check(path, model);
        return model;
    }

    /// <summary>What a re-training keeps of a model (6.3.1: the lab trains "the pre-trained model" with the provider's
    /// settings, which gives other weights, not other bytes alone): the opsets, the functions and the graph — its nodes,
    /// inputs, outputs and initializers by name, type and shape — without the initializers' values and without doc
    /// strings. Its SHA-256 is the same for two runs of one training that differ in their weights, and differs for a
    /// model of another graph. The model passed is changed (its weights are dropped).</summary>
    public sealed record Structure(string Sha256, int Nodes, long Parameters);

    /// <summary>The <see cref="Structure"/> of a model read by <see cref="Parse(string)"/>.</summary>
    public static Structure StructureOf(ModelProto model)
    {
        var graph = model.Graph;
        var parameters = graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d));
        foreach (var t in graph.Initializer) WithoutValues(t);
        foreach (var s in graph.SparseInitializer)
        {
            if (s.Values is { } values) WithoutValues(values);
            if (s.Indices is { } indices) WithoutValues(indices);
        }
        graph.DocString = "";
        foreach (var n in graph.Node) n.DocString = "";
        var kept = new ModelProto { IrVersion = model.IrVersion, Graph = graph };
        kept.OpsetImport.Add(model.OpsetImport);
        kept.Functions.Add(model.Functions);
        return new(Convert.ToHexStringLower(SHA256.HashData(kept.ToByteArray())), graph.Node.Count, parameters);
    }

    static void WithoutValues(TensorProto t)
    {
        t.ClearRawData();
        t.FloatData.Clear(); t.Int32Data.Clear(); t.StringData.Clear(); t.Int64Data.Clear(); t.DoubleData.Clear(); t.Uint64Data.Clear();
        t.ExternalData.Clear();
        t.ClearDataLocation();
        t.DocString = "";
    }

    /// <summary>Why a model file is not read at all (absent, too large, a FIFO or a device …), as every reader of a
    /// model says it; null when it may be read.</summary>
    public static MessageText? Refusal(string path) =>
        // Read as every input is: a FIFO or a device is refused unopened, never read to block or without end.
        InputFiles.Refusal(path, InputKind.Model) is not { } refused ? null
        : refused.Code == Iq.Rules.Diagnostics.Codes.FileNotFound ? Msg.ModelNotFound.With(path)
        : refused.Code == Iq.Rules.Diagnostics.Codes.FileTooLarge ? Msg.ModelTooLarge.With(path, refused.Text)
        : Msg.ModelRefused.With(path, refused.Text);

    static ModelProto ParseFrom(string path, Stream stream)
    {
        using var input = CodedInputStream.CreateWithLimits(stream, (int)Math.Min(int.MaxValue, stream.Length + 1), MaxNesting);
        try
        {
            return Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            // Where the parser stopped, in the catalog's words; protobuf's English only as a detail after it.
            throw new ModelInputException(Msg.ModelUnreadable.With(path,
                Msg.ProtobufInvalid.With(input.Position, Msg.LibrarySays.With("protobuf", e.Message.TrimEnd('.')))));
        }
    }

    /// <summary>What ONNX itself forbids, refused where it is written: no ir_version or graph, a negative declared
    /// dimension, a graph with a cycle, initializers whose stored data is not what their dimensions declare, external
    /// data that names its location twice or leaves the model's folder. The one declaration of the check; <c>iq model</c>
    /// and <c>iq baseline</c> both run it.</summary>
    static void Check(string path, ModelProto model)
    {
        if (model.IrVersion <= 0 || model.Graph is null)
            throw new ModelInputException(Msg.ModelNotOnnx.With(path, model.IrVersion <= 0 ? "ir_version" : "graph"));
        // A negative dimension is no size (ONNX Runtime would take it as free): refused where it is written.
        foreach (var (list, name) in new[] { (model.Graph.Input, "input"), (model.Graph.Output, "output") })
            for (var i = 0; i < list.Count; i++)
                if (list[i].Type?.TensorType?.Shape is { } shape)
                    for (var j = 0; j < shape.Dim.Count; j++)
                        if (shape.Dim[j].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && shape.Dim[j].DimValue < 0)
                            throw new ModelInputException(Msg.ModelNegativeDim.With(path, $"graph.{name}[{i}].type.tensor_type.shape.dim[{j}]", shape.Dim[j].DimValue, name, list[i].Name));
        // A graph whose nodes feed each other in a ring has no order to run them in (ONNX graphs are acyclic); ONNX
        // Runtime refuses it only when a session is made, so the inspection names the ring itself instead of passing it.
        if (Cycle(model.Graph) is { } cycle)
            throw new ModelInputException(Msg.ModelCycle.With(path, string.Join(" → ", cycle.Select(i => NodeLabel(model.Graph.Node, i)))));
        Parameters(path, model.Graph);
    }

    /// <summary>The main graph's initializers, dense and sparse (dense size), tallied, each checked as it is counted.</summary>
    sealed record ParameterTally(SortedDictionary<string, (long Tensors, long Count, long Bytes)> ByType, long Count, long Bytes, JsonArray External);

    static ParameterTally Parameters(string path, GraphProto graph)
    {
        var byType = new SortedDictionary<string, (long Tensors, long Count, long Bytes)>(StringComparer.Ordinal);
        long parameterCount = 0, parameterBytes = 0;
        var external = new JsonArray();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tensors = graph.Initializer.Select(t => (Tensor: t, Dims: (IEnumerable<long>)t.Dims, Sparse: false))
            .Concat(graph.SparseInitializer.Select(s => (Tensor: s.Values ?? new TensorProto(), Dims: (IEnumerable<long>)s.Dims, Sparse: true)));
        foreach (var (t, dims, sparse) in tensors)
        {
            var count = Elements(path, t.Name, dims);
            var bytes = Bytes(t.DataType, count, t);
            if (!sparse) CheckStored(path, t, t.Name, count, folder, external);
            var name = TypeName(t.DataType);
            var (n, c, b) = byType.GetValueOrDefault(name);
            byType[name] = (n + 1, checked(c + count), checked(b + bytes));
            parameterCount = checked(parameterCount + count);
            parameterBytes = checked(parameterBytes + bytes);
        }
        // The rest of what the runtime loads (a sparse initializer's values and indices, the initializers of If, Loop and
        // Scan bodies at any depth): counted apart from the main graph's parameters, stored and external data checked alike.
        // Tensors held in node attributes too (a Constant's value, at any depth): the runtime loads their external data as
        // it does an initializer's, so a location leaving the model's folder (/etc/passwd, ../outside.bin) is refused alike.
        foreach (var (t, name) in SparseParts(graph).Concat(graph.Node.SelectMany(n => SubgraphTensors(n, 0))).Concat(AttributeTensors(graph, "graph", 0)))
            CheckStored(path, t, name, Elements(path, name, t.Dims), folder, external);
        return new ParameterTally(byType, parameterCount, parameterBytes, external);
    }

    /// <summary>The stored tensors of a graph's sparse initializers: values and indices, each with the name messages use.</summary>
    static IEnumerable<(TensorProto Tensor, string Name)> SparseParts(GraphProto graph) =>
        graph.SparseInitializer.SelectMany(s => new[] { (s.Values, s.Values?.Name ?? ""), (s.Indices, $"{s.Values?.Name} (indices)") })
            .Where(p => p.Item1 is not null)!;

    /// <summary>The initializers (dense, and sparse values and indices) of the subgraphs a node holds, and of theirs, as deep
    /// as parsing allows (<see cref="MaxNesting"/>).</summary>
    static IEnumerable<(TensorProto Tensor, string Name)> SubgraphTensors(NodeProto n, int depth)
    {
        if (depth > MaxNesting) yield break;
        foreach (var a in n.Attribute)
            foreach (var g in a.G is null ? a.Graphs : a.Graphs.Append(a.G))
            {
                foreach (var t in g.Initializer) yield return (t, t.Name);
                foreach (var part in SparseParts(g)) yield return part;
                foreach (var inner in g.Node)
                    foreach (var part in SubgraphTensors(inner, depth + 1)) yield return part;
            }
    }

    /// <summary>The tensors held in the attributes of a graph's nodes (<c>t</c>, <c>tensors</c>, <c>sparse_tensor</c>,
    /// <c>sparse_tensors</c>: a Constant's value) and of the nodes of its subgraphs, as deep as parsing allows, each named
    /// by its place (<c>graph.node[0] 'c' (Constant) attribute value</c>).</summary>
    static IEnumerable<(TensorProto Tensor, string Name)> AttributeTensors(GraphProto graph, string place, int depth)
    {
        if (depth > MaxNesting) yield break;
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var n = graph.Node[i];
            var node = n.Name is { Length: > 0 } nodeName ? $"{place}.node[{i}] '{nodeName}' ({OpName(n)})" : $"{place}.node[{i}] ({OpName(n)})";
            foreach (var a in n.Attribute)
            {
                var at = $"{node} attribute {a.Name}";
                if (a.T is { } t) yield return (t, at);
                for (var k = 0; k < a.Tensors.Count; k++) yield return (a.Tensors[k], $"{at}[{k}]");
                foreach (var (sparse, k) in (a.SparseTensor is null ? [] : new[] { (a.SparseTensor, -1) }).Concat(a.SparseTensors.Select((x, k) => (x, k))))
                    foreach (var (part, suffix) in new[] { (sparse.Values, " (values)"), (sparse.Indices, " (indices)") })
                        if (part is not null) yield return (part, (k < 0 ? at : $"{at}[{k}]") + suffix);
                foreach (var (g, k) in (a.G is null ? [] : new[] { (a.G, -1) }).Concat(a.Graphs.Select((x, k) => (x, k))))
                    foreach (var inner in AttributeTensors(g, k < 0 ? at : $"{at}[{k}]", depth + 1)) yield return inner;
            }
        }
    }

    /// <summary>The nodes of one cycle of the graph, in the order each feeds the next, the first repeated at the end;
    /// null when the graph is acyclic. Kahn's order over the main graph (a node's inputs produced by other nodes),
    /// then a walk back from a node left over, which is on a cycle or below one: iterative, so a graph of millions of
    /// nodes neither recurses nor takes more than linear time.</summary>
    public static IReadOnlyList<int>? Cycle(GraphProto graph)
    {
        var nodes = graph.Node;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
            foreach (var o in nodes[i].Output)
                if (o.Length > 0) producer.TryAdd(o, i);
        // feeds[j]: the nodes whose outputs node j reads (once each, in input order).
        var feeds = new List<int>[nodes.Count];
        var consumers = new List<int>[nodes.Count];
        var waiting = new int[nodes.Count];
        for (var j = 0; j < nodes.Count; j++)
        {
            feeds[j] = nodes[j].Input.Where(n => n.Length > 0 && producer.ContainsKey(n)).Select(n => producer[n]).Distinct().ToList();
            waiting[j] = feeds[j].Count;
        }
        for (var j = 0; j < nodes.Count; j++) consumers[j] = [];
        for (var j = 0; j < nodes.Count; j++)
            foreach (var i in feeds[j]) consumers[i].Add(j);
        var ready = new Queue<int>(Enumerable.Range(0, nodes.Count).Where(j => waiting[j] == 0));
        var ordered = 0;
        while (ready.Count > 0)
        {
            var i = ready.Dequeue();
            ordered++;
            foreach (var j in consumers[i])
                if (--waiting[j] == 0) ready.Enqueue(j);
        }
        if (ordered == nodes.Count) return null;
        // Every node left waits on a node left, so walking back through waiting feeds from one of them must repeat a node.
        var at = Enumerable.Range(0, nodes.Count).First(j => waiting[j] > 0);
        var seen = new Dictionary<int, int>();
        var walk = new List<int>();
        while (!seen.ContainsKey(at))
        {
            seen[at] = walk.Count;
            walk.Add(at);
            at = feeds[at].First(i => waiting[i] > 0);
        }
        // The walk went against the flow (from a node to the node that feeds it): reverse it to read as the data flows.
        var ring = walk.Skip(seen[at]).Reverse().ToList();
        var first = ring.IndexOf(ring.Min());
        ring = [.. ring.Skip(first), .. ring.Take(first), ring[first]];
        return ring;
    }

    /// <summary>graph.node[3] 'name' (OpType), the name left out when the node has none.</summary>
    static string NodeLabel(IReadOnlyList<NodeProto> nodes, int i) =>
        nodes[i].Name is { Length: > 0 } name ? $"graph.node[{i}] '{name}' ({OpName(nodes[i])})" : $"graph.node[{i}] ({OpName(nodes[i])})";

    /// <summary>The <c>model</c> fact document's facts. <paramref name="bindings"/> fixes symbolic input dimensions for
    /// the MACs estimate (name → value); a symbolic dimension not bound is taken as 1 and the binding recorded.</summary>
    public static JsonObject Inspect(string path, IReadOnlyDictionary<string, long>? bindings = null)
    {
        var model = Parse(path);
        string sha256;
        long size;
        try
        {
            using var stream = InputFiles.OpenRead(path, InputKind.Model, 1 << 16);
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            size = stream.Length;
        }
        catch (InputFileException e) { throw new ModelInputException(Msg.ModelRefused.With(path, e.Text)); }
        var graph = model.Graph;
        var initializerNames = graph.Initializer.Select(t => t.Name).Concat(graph.SparseInitializer.Select(s => s.Values?.Name ?? ""))
            .ToHashSet(StringComparer.Ordinal);

        var opsets = new JsonObject();
        foreach (var o in model.OpsetImport)
            opsets[o.Domain is "" ? "ai.onnx" : o.Domain] = o.Version;

        var metadata = new JsonObject();
        foreach (var p in model.MetadataProps) metadata[p.Key] = p.Value;

        var opTypes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in graph.Node) opTypes[OpName(n)] = opTypes.GetValueOrDefault(OpName(n)) + 1;
        var usedDomains = graph.Node.Select(n => n.Domain).Concat(model.OpsetImport.Select(o => o.Domain))
            .Concat(model.Functions.Select(f => f.Domain)).Where(d => !StandardDomains.Contains(d)).Distinct().Order(StringComparer.Ordinal);

        // Parameters: every initializer, dense and sparse (dense size), of the main graph (checked once more as counted).
        var (byType, parameterCount, parameterBytes, external) = Parameters(path, graph);

        var activations = opTypes.Keys.Where(k => Activations.Contains(k)).ToList();
        var facts = new JsonObject
        {
            ["file"] = new JsonObject { ["name"] = Path.GetFileName(path), ["sha256"] = sha256, ["size"] = size },
            ["ir_version"] = model.IrVersion,
            ["producer"] = new JsonObject { ["name"] = model.ProducerName, ["version"] = model.ProducerVersion },
            ["domain"] = model.Domain,
            ["model_version"] = model.ModelVersion,
            ["doc_string"] = model.DocString,
            ["opsets"] = opsets,
            ["metadata"] = metadata,
            ["graph"] = new JsonObject
            {
                ["name"] = graph.Name,
                ["node_count"] = graph.Node.Count,
                ["subgraph_node_count"] = graph.Node.Sum(n => SubgraphNodes(n, 0)),
                ["op_types"] = new JsonObject(opTypes.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["activation_functions"] = new JsonArray(activations.Select(a => (JsonNode?)a).ToArray()),
                ["initializer_count"] = graph.Initializer.Count + graph.SparseInitializer.Count,
                ["parameter_count"] = parameterCount,
                ["parameter_bytes"] = parameterBytes,
                ["parameters_by_type"] = new JsonObject(byType.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
                {
                    ["tensors"] = p.Value.Tensors, ["count"] = p.Value.Count, ["bytes"] = p.Value.Bytes,
                }))),
                ["inputs"] = new JsonArray(graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(Value).ToArray()),
                ["outputs"] = new JsonArray(graph.Output.Select(Value).ToArray()),
                ["custom_domains"] = new JsonArray(usedDomains.Select(d => (JsonNode?)d).ToArray()),
                ["functions"] = model.Functions.Count,
                ["external_data"] = external,
            },
            ["macs"] = MacEstimator.Estimate(model, bindings ?? new Dictionary<string, long>()),
        };
        return facts;
    }

    static string OpName(NodeProto n) => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}";

    static int SubgraphNodes(NodeProto n, int depth)
    {
        if (depth > MaxNesting) return 0;
        var total = 0;
        foreach (var a in n.Attribute)
        {
            foreach (var g in a.G is null ? a.Graphs : a.Graphs.Append(a.G))
                total += g.Node.Count + g.Node.Sum(inner => SubgraphNodes(inner, depth + 1));
        }
        return total;
    }

    static JsonNode? Value(ValueInfoProto v)
    {
        var o = new JsonObject { ["name"] = v.Name };
        var t = v.Type;
        switch (t?.ValueCase)
        {
            case TypeProto.ValueOneofCase.TensorType:
                o["kind"] = "tensor";
                o["elem_type"] = TypeName(t.TensorType.ElemType);
                o["shape"] = t.TensorType.Shape is { } s ? Shape(s) : null;
                break;
            case TypeProto.ValueOneofCase.SparseTensorType:
                o["kind"] = "sparse_tensor";
                o["elem_type"] = TypeName(t.SparseTensorType.ElemType);
                o["shape"] = t.SparseTensorType.Shape is { } ss ? Shape(ss) : null;
                break;
            case null or TypeProto.ValueOneofCase.None:
                o["kind"] = "unknown";
                break;
            default:
                o["kind"] = t.ValueCase switch
                {
                    TypeProto.ValueOneofCase.SequenceType => "sequence",
                    TypeProto.ValueOneofCase.MapType => "map",
                    TypeProto.ValueOneofCase.OptionalType => "optional",
                    _ => "opaque",
                };
                break;
        }
        if (o["shape"] is null) o.Remove("shape");
        return o;
    }

    /// <summary>A shape: numbers for fixed dimensions, names for symbolic ones, "?" for a dimension that says neither.</summary>
    static JsonArray Shape(TensorShapeProto s) => new(s.Dim.Select(d => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => (JsonNode?)d.DimValue,
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => d.DimParam,
        _ => "?",
    }).ToArray());

    static long Elements(string path, string tensor, IEnumerable<long> dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0) throw new ModelInputException(Msg.InitNegativeDim.With(path, tensor, d));
            try { count = checked(count * d); }
            catch (OverflowException)
            {
                throw new ModelInputException(Msg.InitOverflow.With(path, tensor, string.Join(", ", dims)));
            }
        }
        return count;
    }

    /// <summary>Bits per element of each ONNX data type; 0 for strings (their bytes are counted as stored).</summary>
    static int Bits(int dataType) => (TensorProto.Types.DataType)dataType switch
    {
        TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Int32 or TensorProto.Types.DataType.Uint32 => 32,
        TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Uint64
            or TensorProto.Types.DataType.Complex64 => 64,
        TensorProto.Types.DataType.Complex128 => 128,
        TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Bfloat16 or TensorProto.Types.DataType.Int16
            or TensorProto.Types.DataType.Uint16 => 16,
        TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Int8 or TensorProto.Types.DataType.Bool
            or TensorProto.Types.DataType.Float8E4M3Fn or TensorProto.Types.DataType.Float8E4M3Fnuz or TensorProto.Types.DataType.Float8E5M2
            or TensorProto.Types.DataType.Float8E5M2Fnuz or TensorProto.Types.DataType.Float8E8M0 => 8,
        TensorProto.Types.DataType.Uint4 or TensorProto.Types.DataType.Int4 or TensorProto.Types.DataType.Float4E2M1 => 4,
        TensorProto.Types.DataType.Uint2 or TensorProto.Types.DataType.Int2 => 2,
        _ => 0,
    };

    static long Bytes(int dataType, long count, TensorProto t) =>
        dataType == (int)TensorProto.Types.DataType.String ? t.StringData.Sum(s => (long)s.Length)
        : (long)Math.Ceiling(count * (double)Bits(dataType) / 8);

    /// <summary>What the file stores must be what the dimensions declare, else the model is corrupt (and a hostile file
    /// could claim billions of parameters with no data). External data must stay in the model's folder.</summary>
    static void CheckStored(string path, TensorProto t, string name, long count, string folder, JsonArray external)
    {
        var type = (TensorProto.Types.DataType)t.DataType;
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            external.Add(External(path, t, name, count, folder));
            return;
        }
        if (type == TensorProto.Types.DataType.Undefined || (Bits(t.DataType) == 0 && type != TensorProto.Types.DataType.String))
            throw new ModelInputException(Msg.InitUnknownType.With(path, name, t.DataType));
        long stored;
        string field;
        if (t.HasRawData) { stored = t.RawData.Length; field = "raw_data bytes"; count = (long)Math.Ceiling(count * (double)Bits(t.DataType) / 8); }
        else if (type == TensorProto.Types.DataType.String) { stored = t.StringData.Count; field = "string_data elements"; }
        else
        {
            // Typed fields: one element each, except complex (two) and sub-byte types packed into int32_data.
            var perElement = type is TensorProto.Types.DataType.Complex64 or TensorProto.Types.DataType.Complex128 ? 2.0
                : Bits(t.DataType) < 8 ? Bits(t.DataType) / 8.0 : 1.0;
            stored = t.FloatData.Count + t.Int32Data.Count + t.Int64Data.Count + t.DoubleData.Count + t.Uint64Data.Count;
            field = "elements";
            count = (long)Math.Ceiling(count * perElement);
        }
        if (stored != count)
            throw new ModelInputException(Msg.InitSizeDiffers.With(path, name, string.Join(", ", t.Dims), TypeName(t.DataType), count, field, stored));
    }

    static JsonObject External(string path, TensorProto t, string name, long count, string folder)
    {
        // A key given twice (two locations) is refused, as ONNX Runtime refuses it: which one would be the data?
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in t.ExternalData)
            if (!entries.TryAdd(e.Key, e.Value)) throw new ModelInputException(Msg.InitKeyTwice.With(path, name, e.Key));
        if (!entries.TryGetValue("location", out var location) || location.Length == 0)
            throw new ModelInputException(Msg.InitNoLocation.With(path, name));
        var (where, full) = FolderContainment.Resolve(folder, location);
        if (where == Containment.Leaves) throw new ModelInputException(Msg.InitLeavesFolder.With(path, name, location));
        if (where == Containment.LinkLeaves) throw new ModelInputException(Msg.InitLinkLeaves.With(path, name, location));
        long Number(string key, long fallback) =>
            !entries.TryGetValue(key, out var v) ? fallback
            : long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ModelInputException(Msg.InitNotWhole.With(path, name, key, v));
        var offset = Number("offset", 0);
        var needed = (long)Math.Ceiling(count * (double)Bits(t.DataType) / 8);
        var length = Number("length", needed);
        string status;
        var file = new FileInfo(full);
        if (!file.Exists) status = "missing";
        else if (length != needed) status = "length differs from the declared dimensions";
        else if (offset > file.Length - length) status = "file too short"; // not offset + length: that can pass long.MaxValue and wrap
        else status = "ok";
        return new JsonObject { ["tensor"] = name, ["location"] = location, ["offset"] = offset, ["length"] = length, ["status"] = status };
    }

    /// <summary>Element type names as NumPy spells them (float32, int64 …); the newer small types by their ONNX name.</summary>
    public static string TypeName(int dataType) => (TensorProto.Types.DataType)dataType switch
    {
        TensorProto.Types.DataType.Float => "float32",
        TensorProto.Types.DataType.Double => "float64",
        TensorProto.Types.DataType.Float16 => "float16",
        TensorProto.Types.DataType.Bfloat16 => "bfloat16",
        TensorProto.Types.DataType.Int8 => "int8",
        TensorProto.Types.DataType.Int16 => "int16",
        TensorProto.Types.DataType.Int32 => "int32",
        TensorProto.Types.DataType.Int64 => "int64",
        TensorProto.Types.DataType.Uint8 => "uint8",
        TensorProto.Types.DataType.Uint16 => "uint16",
        TensorProto.Types.DataType.Uint32 => "uint32",
        TensorProto.Types.DataType.Uint64 => "uint64",
        TensorProto.Types.DataType.Bool => "bool",
        TensorProto.Types.DataType.String => "string",
        TensorProto.Types.DataType.Complex64 => "complex64",
        TensorProto.Types.DataType.Complex128 => "complex128",
        var d when Enum.IsDefined(d) && d != TensorProto.Types.DataType.Undefined => d.ToString().ToLowerInvariant(),
        _ => $"type{dataType}",
    };
}
