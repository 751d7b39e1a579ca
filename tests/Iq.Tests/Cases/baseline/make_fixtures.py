#!/usr/bin/python3
"""Makes the baseline-runner fixtures: two small ONNX models, cases as .npy, labels, and the metrics they must give,
computed here with numpy (outputs by numpy's own arithmetic, not ONNX Runtime) following 001 Annex A.10.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_fixtures.py"""
import json, os, sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
sys.dont_write_bytecode = True  # run by the tests in place: no __pycache__ left in the source tree
from fixture_models import checked, classifier

rng = np.random.default_rng(20261122)
os.makedirs("cls", exist_ok=True)
os.makedirs("seg/masks", exist_ok=True)

# --- classifier (fixture_models.py): input [N,3,4,4] -> Flatten -> MatMul W[48,3] -> Add b[3] -> logits [N,3]
model, W, b = classifier(rng)
onnx.save(model, "cls/classifier.onnx")

labels, preds = [], []
with open("cls/labels.csv", "w") as f:
    f.write("case,label\n")
    for i in range(24):
        x = rng.normal(size=(3, 4, 4)).astype(np.float32)
        case = f"c{i:03d}"
        # half the cases carry their batch dimension, half do not (the runner adds it)
        np.save(f"cls/{case}.npy", x[None] if i % 2 == 0 else x)
        logits = x.reshape(1, 48).astype(np.float64) @ W.astype(np.float64) + b
        pred = int(np.argmax(logits))
        label = pred if i % 4 != 3 else (pred + 1) % 3      # every fourth case mislabelled: accuracy 0.75
        labels.append(label); preds.append(pred)
        f.write(f"{case},{label}\n")

def classification(labels, preds):
    labels, preds = np.array(labels), np.array(preds)
    classes = sorted(set(labels.tolist()) | set(preds.tolist()))
    p, r, f1 = [], [], []
    for k in classes:
        tp = int(np.sum((preds == k) & (labels == k))); fp = int(np.sum((preds == k) & (labels != k))); fn = int(np.sum((preds != k) & (labels == k)))
        pk = tp / (tp + fp) if tp + fp else 0.0
        rk = tp / (tp + fn) if tp + fn else 0.0
        p.append(pk); r.append(rk); f1.append(2 * pk * rk / (pk + rk) if pk + rk else 0.0)
    return {"accuracy": float(np.mean(labels == preds)), "precision": float(np.mean(p)), "recall": float(np.mean(r)), "f1": float(np.mean(f1))}

json.dump(classification(labels, preds), open("cls/expected.json", "w"), indent=2)

# --- segmentation: input [N,1,8,8] -> Conv 1x1 (w, b) -> Sigmoid -> mask [N,1,8,8]; a pixel is foreground when > 0.5
w = np.array([[[[1.7]]]], dtype=np.float32)
bias = np.array([-0.2], dtype=np.float32)
graph = helper.make_graph(
    [helper.make_node("Conv", ["image", "w", "bias"], ["z"]), helper.make_node("Sigmoid", ["z"], ["mask"])],
    "segmenter",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 8, 8])],
    [helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["N", 1, 8, 8])],
    [numpy_helper.from_array(w, "w"), numpy_helper.from_array(bias, "bias")])
model = checked(graph)
onnx.save(model, "seg/segmenter.onnx")

tp = fp = fn = tn = 0
with open("seg/labels.csv", "w") as f:
    f.write("case,label\n")
    for i in range(10):
        x = rng.normal(size=(1, 1, 8, 8)).astype(np.float32)
        case = f"s{i:03d}"
        np.save(f"seg/{case}.npy", x)
        pred = (1 / (1 + np.exp(-(1.7 * x.astype(np.float64) - 0.2)))) > 0.5
        truth = pred.copy()
        truth[0, 0, i % 8, :] = ~truth[0, 0, i % 8, :]     # one row of each mask disagrees with the model
        np.save(f"seg/masks/{case}.npy", truth.astype(np.uint8))
        f.write(f"{case},masks/{case}.npy\n")
        tp += int(np.sum(pred & truth)); fp += int(np.sum(pred & ~truth)); fn += int(np.sum(~pred & truth)); tn += int(np.sum(~pred & ~truth))
json.dump({"dice": 2 * tp / (2 * tp + fp + fn), "iou": tp / (tp + fp + fn), "pixel_accuracy": (tp + tn) / (tp + tn + fp + fn),
           "tp": tp, "fp": fp, "fn": fn, "tn": tn}, open("seg/expected.json", "w"), indent=2)
print("ok")

# --- a heavier model for performance only: input [N,16,64,64] -> 4 × (Conv 3x3 16→16, Relu); about 38 MFLOP a run
os.makedirs("perf", exist_ok=True)
nodes, inits, prev = [], [], "x"
for layer in range(4):
    wk = (rng.normal(size=(16, 16, 3, 3)) * 0.1).astype(np.float32)
    inits.append(numpy_helper.from_array(wk, f"w{layer}"))
    nodes.append(helper.make_node("Conv", [prev, f"w{layer}"], [f"c{layer}"], pads=[1, 1, 1, 1]))
    nodes.append(helper.make_node("Relu", [f"c{layer}"], [f"r{layer}"]))
    prev = f"r{layer}"
graph = helper.make_graph(nodes, "convnet", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 16, 64, 64])],
                          [helper.make_tensor_value_info(prev, TensorProto.FLOAT, ["N", 16, 64, 64])], inits)
model = checked(graph)
onnx.save(model, "perf/convnet.onnx")
print("perf ok")
