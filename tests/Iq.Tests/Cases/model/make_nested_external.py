#!/usr/bin/python3
"""Writes into OUT two models whose weights are external data (weights.bin beside them), as ONNX Runtime loads them:
  if.onnx     y = x + (Wt if sum(x) > 0 else We): Wt and We are initializers of the If node's then and else bodies;
  sparse.onnx y = x + S: S is a sparse_initializer whose values are external (indices stored inline).
Each tensor's data is written to weights.bin at its own offset (onnx.external_data_helper.set_external_data), so each
names its location, offset and length as onnx.save_model(..., save_as_external_data=True) would.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_nested_external.py OUT"""
import os, sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.external_data_helper import set_external_data

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
blob = bytearray()


def external(tensor):
    """Moves the tensor's raw data to weights.bin."""
    global blob
    data = tensor.raw_data
    set_external_data(tensor, "weights.bin", offset=len(blob), length=len(data))
    tensor.data_location = TensorProto.EXTERNAL
    tensor.ClearField("raw_data")
    blob += data
    return tensor


Wt = external(numpy_helper.from_array(np.array([1.0, 2.0], dtype=np.float32), "Wt"))
We = external(numpy_helper.from_array(np.array([-1.0, -2.0], dtype=np.float32), "We"))
then_body = helper.make_graph([helper.make_node("Add", ["x", "Wt"], ["yt"])], "then_body", [],
                              [helper.make_tensor_value_info("yt", TensorProto.FLOAT, ["N", 2])], [Wt])
else_body = helper.make_graph([helper.make_node("Add", ["x", "We"], ["ye"])], "else_body", [],
                              [helper.make_tensor_value_info("ye", TensorProto.FLOAT, ["N", 2])], [We])
zero = numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero")
graph = helper.make_graph(
    [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
     helper.make_node("Greater", ["s", "zero"], ["positive"]),
     helper.make_node("If", ["positive"], ["y"], then_branch=then_body, else_branch=else_body)],
    "nested",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])],
    [zero])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.save_model(model, os.path.join(out, "if.onnx"))

values = external(numpy_helper.from_array(np.array([3.0, 4.0], dtype=np.float32), "S"))
indices = numpy_helper.from_array(np.array([1, 3], dtype=np.int64), "S_indices")
S = helper.make_sparse_tensor(values, indices, [4])
graph = helper.make_graph([helper.make_node("Add", ["x", "S"], ["y"])], "sparse",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])], sparse_initializer=[S])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.save_model(model, os.path.join(out, "sparse.onnx"))

with open(os.path.join(out, "weights.bin"), "wb") as f:
    f.write(blob)
