#!/usr/bin/python3
"""Independent check of iq's segmentation metrics and their per-case bootstrap intervals (001 A.10.2).

The model (a 1x1 Conv followed by a Sigmoid: tests/Iq.Tests/Cases/baseline/seg/segmenter.onnx) is evaluated with numpy
from the weights the onnx package reads out of the file, not by ONNX Runtime; the pixel counts, Dice, IoU and pixel
accuracy, and the percentile bootstrap over cases (SplitMix64 indices, as docs/model.md defines them) are computed here.
Usage: seg_bootstrap_oracle.py MODEL CASES_DIR LABELS_CSV RESAMPLES SEED CONFIDENCE  → JSON on stdout.
"""
import json
import math
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model_path, cases_dir, labels_csv = sys.argv[1:4]
B, seed, confidence = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])

model = onnx.load(model_path)
assert [n.op_type for n in model.graph.node] == ["Conv", "Sigmoid"], "the oracle knows only Conv 1x1 → Sigmoid"
weights = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
conv = model.graph.node[0]
W, bias = weights[conv.input[1]], weights[conv.input[2]]
assert W.shape[2:] == (1, 1)


def predict(x):
    x = x.reshape((1,) + x.shape[-3:]).astype(np.float32)
    z = np.einsum("oc,nchw->nohw", W[:, :, 0, 0], x) + bias[None, :, None, None]
    return (1 / (1 + np.exp(-z.astype(np.float32)))) > 0.5


counts = []
for line in open(labels_csv).read().splitlines()[1:]:
    case, mask = line.split(",")[:2]
    pred = predict(np.load(f"{cases_dir}/{case}.npy")).reshape(-1)
    truth = (np.load(f"{cases_dir}/{mask}") != 0).reshape(-1)
    counts.append((int(np.sum(pred & truth)), int(np.sum(pred & ~truth)), int(np.sum(~pred & truth)), int(np.sum(~pred & ~truth))))


def metrics(tp, fp, fn, tn):
    return {"dice": 2 * tp / (2 * tp + fp + fn), "iou": tp / (tp + fp + fn), "pixel_accuracy": (tp + tn) / (tp + fp + fn + tn)}


def splitmix64(state):
    M = (1 << 64) - 1
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)


point = metrics(*np.sum(np.array(counts), axis=0).tolist())
rng = splitmix64(seed)
n = len(counts)
samples = {k: [] for k in point}
for _ in range(B):
    pooled = np.sum(np.array([counts[next(rng) % n] for _ in range(n)]), axis=0).tolist()
    for k, v in metrics(*pooled).items():
        samples[k].append(v)
alpha = 1 - confidence
result = {}
for k, v in point.items():
    s = sorted(samples[k])
    result[k] = {"value": v, "ci_low": s[math.floor(alpha / 2 * B)], "ci_high": s[math.ceil((1 - alpha / 2) * B) - 1]}
print(json.dumps({"counts": counts, "metrics": result}))
