#!/usr/bin/python3
"""A stand-in for a vendor's training command, for `iq model --run`: it prints its losses and writes an ONNX model.
  retrain.py MODEL OUT same   OUT: MODEL re-trained, i.e. the same graph with other weights (every float initializer
                              halved), as a second training run with the vendor's settings writes it
  retrain.py MODEL OUT other  OUT: another model (Flatten then Gemm over MODEL's input), as a command that trains
                              something else writes it
Written with the onnx package (onnx.save_model), so iq compares models it did not write itself.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 retrain.py MODEL OUT same|other"""
import sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

model_path, out, kind = sys.argv[1], sys.argv[2], sys.argv[3]
model = onnx.load_model(model_path)
if kind == "same":
    for i, t in enumerate(model.graph.initializer):
        if t.data_type == TensorProto.FLOAT:
            model.graph.initializer[i].CopyFrom(numpy_helper.from_array(numpy_helper.to_array(t) * np.float32(0.5), t.name))
    onnx.save_model(model, out)
elif kind == "other":
    x = model.graph.input[0]
    dims = [d.dim_value for d in x.type.tensor_type.shape.dim]
    features = int(np.prod(dims[1:]))
    w = numpy_helper.from_array(np.zeros((features, 10), dtype=np.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("Flatten", [x.name], ["flat"]), helper.make_node("Gemm", ["flat", "w"], ["logits"])],
        "other", [x], [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [x.type.tensor_type.shape.dim[0].dim_param or dims[0], 10])], [w])
    onnx.save_model(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), out)
else:
    sys.exit(f"retrain.py: the kind is same or other, not {kind!r}")
print("epoch 1 loss 0.9")
print("epoch 2 loss 0.4")
