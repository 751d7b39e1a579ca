#!/usr/bin/python3
"""Writes into OUT a model whose Constant nodes keep their value as external data (weights.bin beside it):
  const.onnx  y = x + C + (D if sum(x) > 0 else D): C is the value attribute of a Constant node of the main graph, D that
              of a Constant node in each body of an If node.
Each tensor's data is written to weights.bin at its own offset (onnx.external_data_helper.set_external_data), as
onnx.save_model(..., save_as_external_data=True) does for tensors held in attributes too.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_constant_external.py OUT"""
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


def body(name, values):
    d = external(numpy_helper.from_array(np.array(values, dtype=np.float32), name))
    return helper.make_graph([helper.make_node("Constant", [], [name + "_out"], name=name, value=d)], name + "_body", [],
                             [helper.make_tensor_value_info(name + "_out", TensorProto.FLOAT, [2])])


C = external(numpy_helper.from_array(np.array([1.0, 2.0], dtype=np.float32), "C"))
zero = numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero")
graph = helper.make_graph(
    [helper.make_node("Constant", [], ["c"], name="c", value=C),
     helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
     helper.make_node("Greater", ["s", "zero"], ["positive"]),
     helper.make_node("If", ["positive"], ["d"], name="branch", then_branch=body("Dt", [10.0, 20.0]), else_branch=body("De", [-10.0, -20.0])),
     helper.make_node("Add", ["x", "c"], ["xc"]),
     helper.make_node("Add", ["xc", "d"], ["y"])],
    "constants",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])],
    [zero])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.save_model(model, os.path.join(out, "const.onnx"))

with open(os.path.join(out, "weights.bin"), "wb") as f:
    f.write(blob)
