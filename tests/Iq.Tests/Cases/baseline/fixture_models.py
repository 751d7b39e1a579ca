"""The models the baseline fixtures share: make_fixtures.py (the committed fixtures) and make_external.py (a classifier
with external weights, made by the tests) import them from here, so that the two classifiers cannot drift apart."""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def checked(graph):
    """The model of a graph at opset 13 and IR version 8 (what the runner's ONNX Runtime reads), checked by onnx."""
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def classifier(rng):
    """input [N,3,4,4] -> Flatten -> MatMul W[48,3] -> Add b[3] -> logits [N,3]. W, then b, are drawn from rng (the order
    the committed fixtures were made in: drawing otherwise changes every byte after). Returns the model, W and b."""
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
    return checked(graph), W, b
