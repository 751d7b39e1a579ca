#!/usr/bin/python3
"""Writes into OUT models whose weights are external data (weights.bin beside them), as ONNX Runtime loads them.
  make_external.py OUT nested:
    if.onnx     y = x + (Wt if sum(x) > 0 else We): Wt and We are initializers of the If node's then and else bodies;
    sparse.onnx y = x + S: S is a sparse_initializer whose values are external (indices stored inline).
  make_external.py OUT constant:
    const.onnx  y = x + C + (D if sum(x) > 0 else D): C is the value attribute of a Constant node of the main graph, D that
                of a Constant node in each body of an If node.
Each tensor's data is written to weights.bin at its own offset (onnx.external_data_helper.set_external_data), so each
names its location, offset and length as onnx.save_model(..., save_as_external_data=True) would (for tensors held in
attributes too).
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_external.py OUT nested|constant"""
import os, sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.external_data_helper import set_external_data

out, kind = sys.argv[1], sys.argv[2]
if kind not in ("nested", "constant"):
    sys.exit(f"make_external.py: the kind is nested or constant, not {kind!r}")
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


def floats(values, name):
    return numpy_helper.from_array(np.array(values, dtype=np.float32), name)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save_model(model, os.path.join(out, name))


def nested():
    Wt = external(floats([1.0, 2.0], "Wt"))
    We = external(floats([-1.0, -2.0], "We"))
    then_body = helper.make_graph([helper.make_node("Add", ["x", "Wt"], ["yt"])], "then_body", [],
                                  [helper.make_tensor_value_info("yt", TensorProto.FLOAT, ["N", 2])], [Wt])
    else_body = helper.make_graph([helper.make_node("Add", ["x", "We"], ["ye"])], "else_body", [],
                                  [helper.make_tensor_value_info("ye", TensorProto.FLOAT, ["N", 2])], [We])
    save(helper.make_graph(
        [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
         helper.make_node("Greater", ["s", "zero"], ["positive"]),
         helper.make_node("If", ["positive"], ["y"], then_branch=then_body, else_branch=else_body)],
        "nested",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])],
        [floats(0.0, "zero")]), "if.onnx")

    values = external(floats([3.0, 4.0], "S"))
    indices = numpy_helper.from_array(np.array([1, 3], dtype=np.int64), "S_indices")
    S = helper.make_sparse_tensor(values, indices, [4])
    save(helper.make_graph([helper.make_node("Add", ["x", "S"], ["y"])], "sparse",
                           [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                           [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])], sparse_initializer=[S]), "sparse.onnx")


def constant():
    def body(name, values):
        d = external(floats(values, name))
        return helper.make_graph([helper.make_node("Constant", [], [name + "_out"], name=name, value=d)], name + "_body", [],
                                 [helper.make_tensor_value_info(name + "_out", TensorProto.FLOAT, [2])])

    C = external(floats([1.0, 2.0], "C"))
    save(helper.make_graph(
        [helper.make_node("Constant", [], ["c"], name="c", value=C),
         helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
         helper.make_node("Greater", ["s", "zero"], ["positive"]),
         helper.make_node("If", ["positive"], ["d"], name="branch", then_branch=body("Dt", [10.0, 20.0]), else_branch=body("De", [-10.0, -20.0])),
         helper.make_node("Add", ["x", "c"], ["xc"]),
         helper.make_node("Add", ["xc", "d"], ["y"])],
        "constants",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])],
        [floats(0.0, "zero")]), "const.onnx")


nested() if kind == "nested" else constant()
with open(os.path.join(out, "weights.bin"), "wb") as f:
    f.write(blob)
