#!/usr/bin/python3
"""The independent oracle of `iq model`'s inspection: every figure computed with the onnx Python package (Debian's
python3-onnx), its shape inference for the MACs, and hashlib. Prints JSON in the shape of the model fact document.
Usage: /usr/bin/python3 onnx_oracle.py MODEL.onnx"""
import hashlib, json, os, sys
import numpy as np
import onnx
from onnx import shape_inference, TensorProto

path = sys.argv[1]
m = onnx.load(path)
g = m.graph
names = {TensorProto.FLOAT: "float32", TensorProto.DOUBLE: "float64", TensorProto.FLOAT16: "float16", TensorProto.INT64: "int64",
         TensorProto.INT32: "int32", TensorProto.INT8: "int8", TensorProto.UINT8: "uint8", TensorProto.BOOL: "bool", TensorProto.STRING: "string"}
def dims(t):
    return [d.dim_value if d.HasField("dim_value") else d.dim_param if d.HasField("dim_param") else "?" for d in t.type.tensor_type.shape.dim]
init = {t.name for t in g.initializer}
by_type = {}
for t in g.initializer:
    n = int(np.prod(t.dims, dtype=np.int64)) if len(t.dims) else 1
    k = names[t.data_type]
    e = by_type.setdefault(k, {"tensors": 0, "count": 0, "bytes": 0})
    e["tensors"] += 1; e["count"] += n; e["bytes"] += n * np.dtype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[t.data_type]).itemsize
ops = {}
for n in g.node:
    ops[n.op_type] = ops.get(n.op_type, 0) + 1

# MACs: shapes from onnx's own shape inference, symbolic dimensions bound to 1
bound = onnx.ModelProto(); bound.CopyFrom(m)
for i in bound.graph.input:
    for d in i.type.tensor_type.shape.dim:
        if not d.HasField("dim_value"):
            d.dim_value = 1
inferred = shape_inference.infer_shapes(bound)
shape = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output)}
for t in g.initializer:
    shape[t.name] = list(t.dims)
macs = {}
for n in g.node:
    attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
    if n.op_type == "Conv":
        x, w, y = shape[n.input[0]], shape[n.input[1]], shape[n.output[0]]
        v = y[0] * y[1] * int(np.prod(y[2:])) * (x[1] // attrs.get("group", 1)) * int(np.prod(w[2:]))
    elif n.op_type == "Gemm":
        a, b = shape[n.input[0]], shape[n.input[1]]
        mm, k = (a[1], a[0]) if attrs.get("transA", 0) else (a[0], a[1])
        cols = b[0] if attrs.get("transB", 0) else b[1]
        v = mm * cols * k
    elif n.op_type == "MatMul":
        a, b, y = shape[n.input[0]], shape[n.input[1]], shape[n.output[0]]
        v = int(np.prod(y)) * a[-1]
    else:
        continue
    macs[n.op_type] = macs.get(n.op_type, 0) + v
print(json.dumps({
    "file": {"name": os.path.basename(path), "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(), "size": os.path.getsize(path)},
    "ir_version": m.ir_version,
    "producer": {"name": m.producer_name, "version": m.producer_version},
    "model_version": m.model_version,
    "doc_string": m.doc_string,
    "opsets": {(o.domain or "ai.onnx"): o.version for o in m.opset_import},
    "metadata": {p.key: p.value for p in m.metadata_props},
    "graph": {
        "node_count": len(g.node),
        "op_types": ops,
        "initializer_count": len(g.initializer) + len(g.sparse_initializer),
        "parameter_count": sum(e["count"] for e in by_type.values()),
        "parameter_bytes": sum(e["bytes"] for e in by_type.values()),
        "parameters_by_type": by_type,
        "inputs": [{"name": i.name, "elem_type": names[i.type.tensor_type.elem_type], "shape": dims(i)} for i in g.input if i.name not in init],
        "outputs": [{"name": o.name, "elem_type": names[o.type.tensor_type.elem_type], "shape": dims(o)} for o in g.output],
    },
    "macs": {"total": sum(macs.values()), "by_op": macs},
}))
