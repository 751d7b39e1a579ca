#!/usr/bin/python3
"""Writes into OUT a classifier whose weights are external data (weights.bin beside classifier.onnx, as onnx.save
writes them with save_as_external_data), eight cases as .npy, and labels.csv holding numpy's own predictions: a run of
the model with its real weights scores accuracy 1.
Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 make_external.py OUT"""
import os, sys
import numpy as np
import onnx
sys.dont_write_bytecode = True  # run by the tests in place: no __pycache__ left in the source tree
from fixture_models import classifier

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261201)
model, W, b = classifier(rng)
onnx.save_model(model, os.path.join(out, "classifier.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                location="weights.bin", size_threshold=0)

rows = ["case,label"]
for n in range(8):
    x = rng.normal(size=(1, 3, 4, 4)).astype(np.float32)
    np.save(os.path.join(out, f"c{n}.npy"), x)
    rows.append(f"c{n},{int(np.argmax(x.reshape(1, 48) @ W + b))}")
with open(os.path.join(out, "labels.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")
