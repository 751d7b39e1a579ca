#!/usr/bin/python3
"""Writes into OUT a classifier whose weights are external data (weights.bin beside classifier.onnx, as onnx.save
writes them with save_as_external_data), eight cases as .npy, and labels.csv holding numpy's own predictions: a run of
the model with its real weights scores accuracy 1.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_external.py OUT"""
import os, sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261201)
# input [N,3,4,4] -> Flatten -> MatMul W[48,3] -> Add b[3] -> logits [N,3]
W = rng.normal(size=(48, 3)).astype(np.float32)
b = rng.normal(size=(3,)).astype(np.float32)
graph = helper.make_graph(
    [helper.make_node("Flatten", ["input"], ["flat"], axis=1),
     helper.make_node("MatMul", ["flat", "W"], ["mm"]),
     helper.make_node("Add", ["mm", "b"], ["logits"])],
    "classifier",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 4, 4])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3])],
    [numpy_helper.from_array(W, "W"), numpy_helper.from_array(b, "b")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save_model(model, os.path.join(out, "classifier.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                location="weights.bin", size_threshold=0)

rows = ["case,label"]
for n in range(8):
    x = rng.normal(size=(1, 3, 4, 4)).astype(np.float32)
    np.save(os.path.join(out, f"c{n}.npy"), x)
    rows.append(f"c{n},{int(np.argmax(x.reshape(1, 48) @ W + b))}")
with open(os.path.join(out, "labels.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")
