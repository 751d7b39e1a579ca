#!/usr/bin/python3
"""The 001 sample: a small CNN trained on scikit-learn's bundled digits data set (UCI optical digits, 8×8 images),
exported to ONNX, with its labelled test cases, a truthful description and one with planted errors.

Run with Debian's packages (python3-torch, python3-sklearn, python3-onnx, python3-numpy):
    cd checklists/samples/model-digits && /usr/bin/python3 make_sample.py
Writes: digits-cnn.onnx, cases/*.npy, labels.csv, training-manifest.txt, training-log.csv, description.yaml,
description-planted.yaml, and ../../../tests/Iq.Tests/Cases/model/digits-reference.json (the oracle: logits from
PyTorch, a second runtime, and the A.10 metrics, confusion matrix and bootstrap intervals computed from them with numpy).
"""
import hashlib, json, os, shutil
import numpy as np
import onnx
import torch
from sklearn.datasets import load_digits, load_sample_images
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
ORACLE = os.path.join(HERE, "..", "..", "..", "tests", "Iq.Tests", "Cases", "model")
torch.manual_seed(0)
torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)

# ---- data: 1797 digits, values 0..16 → scaled to [0, 1]; split 60:15:25, stratified, seed 0
digits = load_digits()
x = (digits.images / 16.0).astype(np.float32)[:, None, :, :]
y = digits.target.astype(np.int64)
x_rest, x_test, y_rest, y_test = train_test_split(x, y, test_size=0.25, random_state=0, stratify=y)
x_train, x_val, y_train, y_val = train_test_split(x_rest, y_rest, test_size=0.2, random_state=0, stratify=y_rest)

# ---- model: Conv(1→8, 3×3) ReLU, Conv(8→16, 3×3) ReLU, MaxPool 2, Flatten, Linear(256→10)
class DigitsCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(8, 16, 3, padding=1)
        self.pool = torch.nn.MaxPool2d(2)
        self.fc = torch.nn.Linear(16 * 4 * 4, 10)

    def forward(self, image):
        h = torch.relu(self.conv1(image))
        h = self.pool(torch.relu(self.conv2(h)))
        return self.fc(torch.flatten(h, 1))

model = DigitsCnn()
opt = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss()
xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
losses = []
gen = torch.Generator().manual_seed(0)
for epoch in range(30):
    perm = torch.randperm(len(xt), generator=gen)
    total = 0.0
    for i in range(0, len(xt), 64):
        idx = perm[i:i + 64]
        opt.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    losses.append(total / len(xt))
model.eval()

def accuracy(xs, ys):
    with torch.no_grad():
        return float((model(torch.from_numpy(xs)).argmax(1).numpy() == ys).mean())

# ---- export
torch.onnx.export(model, torch.zeros(1, 1, 8, 8), "digits-cnn.onnx", opset_version=13, input_names=["image"],
                  output_names=["logits"], dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}})
m = onnx.load("digits-cnn.onnx")
m.model_version = 3
m.doc_string = "Digits CNN: 8x8 grey-level digit images to 10 class logits (Iq.Rules 001 sample)"
for k, v in {"version": "1.2.0", "task": "image_classification", "dataset": "sklearn digits (UCI optical recognition of handwritten digits)"}.items():
    p = m.metadata_props.add(); p.key = k; p.value = v
onnx.checker.check_model(m)
onnx.save(m, "digits-cnn.onnx")
sha = hashlib.sha256(open("digits-cnn.onnx", "rb").read()).hexdigest()
# The training log names the model it records (iq ties a log and a manifest to the model inspected by this line).
with open("training-log.csv", "w") as f:
    f.write(f"# model sha256: {sha}\n")
    f.write("epoch,loss\n")
    for e, l in enumerate(losses, 1):
        f.write(f"{e},{l:.6f}\n")
size = os.path.getsize("digits-cnn.onnx")
params = sum(int(np.prod(t.dims)) for t in m.graph.initializer)

# ---- test cases: the held-out test set, tagged; other-type (ood) and erroneous (invalid) samples mixed in
shutil.rmtree("cases", ignore_errors=True)
os.makedirs("cases")
ink_median = float(np.median(x_train.sum(axis=(1, 2, 3))))
centroids = np.stack([x_train[y_train == k].mean(axis=0) for k in range(10)])
dist = np.array([np.linalg.norm(x_test[i] - centroids[y_test[i]]) for i in range(len(x_test))])
lap = np.array([np.abs(4 * im[0, 1:-1, 1:-1] - im[0, :-2, 1:-1] - im[0, 2:, 1:-1] - im[0, 1:-1, :-2] - im[0, 1:-1, 2:]).sum() for im in x_test])
stress = set(np.argsort(-dist)[:45].tolist())          # atypical: farthest from their class's training centroid (A.12.1 b)
noisy = set(np.argsort(-lap)[:45].tolist())            # natural noise: most high-frequency energy (A.12.2 a)
rows = []
for i in range(len(x_test)):
    name = f"t{i:03d}"
    # half the cases carry the batch axis, half do not (iq adds it)
    np.save(f"cases/{name}.npy", x_test[i][None] if i % 2 == 0 else x_test[i])
    group = "heavy" if x_test[i].sum() > ink_median else "light"   # ink mass: pen pressure and stroke width
    tags = [t for t, on in (("stress", i in stress), ("natural_noise", i in noisy)) if on]
    rows.append((name, str(int(y_test[i])), group, ";".join(tags)))
rng = np.random.default_rng(0)
ood = []
for im in load_sample_images().images:                 # two photographs bundled with scikit-learn: not digits
    grey = im.mean(axis=2) / 255.0
    for k in range(10):
        r, c = rng.integers(0, grey.shape[0] - 64), rng.integers(0, grey.shape[1] - 64)
        ood.append(grey[r:r + 64, c:c + 64].reshape(8, 8, 8, 8).mean(axis=(1, 3)))
for k, im in enumerate(ood):
    np.save(f"cases/o{k:03d}.npy", im.astype(np.float32)[None])
    rows.append((f"o{k:03d}", "", "", "ood"))
invalid = [np.zeros((8, 8)), np.ones((8, 8)), np.tile([[0, 1], [1, 0]], (4, 4)), rng.uniform(0, 1, (8, 8)), np.eye(8)]
for k, im in enumerate(invalid):
    np.save(f"cases/i{k:03d}.npy", im.astype(np.float32)[None])
    rows.append((f"i{k:03d}", "", "", "invalid"))
with open("labels.csv", "w") as f:
    f.write("case,label,group,tags\n")
    for r in rows:
        f.write(",".join(r) + "\n")
with open("training-manifest.txt", "w") as f:
    f.write(f"# model sha256: {sha}\n")
    f.write("# SHA-256 of each training case: float32 [1,8,8] values in C order, as the .npy data holds them\n")
    for im in x_train:
        f.write(hashlib.sha256(np.ascontiguousarray(im, dtype=np.float32).tobytes()).hexdigest() + "\n")

# ---- what the vendor measured for its claims (PyTorch; the perturbations as iq defines them, docs/model.md)
def predict(xs):
    with torch.no_grad():
        return model(torch.from_numpy(np.ascontiguousarray(xs, dtype=np.float32))).numpy()
def acc_on(xs, ys):
    return float((predict(xs).argmax(1) == ys).mean())
def box_blur(xs, k):
    pad = k // 2
    p = np.pad(xs, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="edge")
    out = np.zeros_like(xs)
    for dr in range(k):
        for dc in range(k):
            out += p[:, :, dr:dr + 8, dc:dc + 8]
    return out / (k * k)
nrng = np.random.default_rng(1)
claims = {
    "ROB_CONTRAST": acc_on(np.clip(0.5 * x_test + 0.5 * 0.5, 0, 1), y_test),
    "ROB_BRIGHT": acc_on(np.clip(x_test + 0.2, 0, 1), y_test),
    "ROB_BLUR": acc_on(box_blur(x_test, 3), y_test),
    "ROB_NOISE": acc_on(np.clip(x_test + 0.1 * nrng.standard_normal(x_test.shape), 0, 1), y_test),
    "NATURAL": acc_on(x_test[sorted(noisy)], y_test[sorted(noisy)]),
    "STRESS": acc_on(x_test[sorted(stress)], y_test[sorted(stress)]),
}
def softmax(z):
    e = np.exp(z - z.max(1, keepdims=True)); return e / e.sum(1, keepdims=True)
odd = np.concatenate([np.stack(ood)[:, None], np.stack(invalid)[:, None]]).astype(np.float32)
claims["OOD_REJECT"] = float((softmax(predict(odd)).max(1) < 0.9).mean())
heavy = np.array([x_test[i].sum() > ink_median for i in range(len(x_test))])
correct = predict(x_test).argmax(1) == y_test
gap = abs(correct[heavy].mean() - correct[~heavy].mean())
arng = np.random.default_rng(2)
robust = 0
for i in range(100):                                   # random search, L∞ ε = 0.1, 100 queries, first 100 cases
    ok = correct[i]
    for q in range(100):
        if not ok: break
        cand = np.clip(x_test[i:i + 1] + 0.1 * arng.choice([-1.0, 1.0], size=(1, 1, 8, 8)), 0, 1)
        ok = predict(cand).argmax(1)[0] == y_test[i]
    robust += int(ok)
claims["ADV_RS"] = robust / 100
macs = 8 * 64 * 1 * 9 + 16 * 64 * 8 * 9 + 256 * 10   # conv1, conv2 (8×8 output, padding 1), fc
ink = [float(np.median(a.sum(axis=(1, 2, 3)))) for a in (x_train, x_val, x_test)]
shares = [np.bincount(a, minlength=10) / len(a) for a in (y_train, y_val, y_test)]
distdiff = ("Stratified by digit: class shares differ by at most %.1f percentage points between the sets; median ink mass "
            "(sum of pixel values) train %.2f, val %.2f, test %.2f." % (100 * (np.max(shares, axis=0) - np.min(shares, axis=0)).max(), *ink))
values_gap = "%.2f" % (np.ceil((gap + 0.05) * 100) / 100)

# ---- the oracle: PyTorch logits, and numpy metrics from the confusion matrix
with torch.no_grad():
    logits = model(torch.from_numpy(x_test)).numpy().astype(np.float64)
pred = logits.argmax(1)
cm = np.zeros((10, 10), dtype=np.int64)
for t, p in zip(y_test, pred):
    cm[t, p] += 1
tp = np.diag(cm).astype(np.float64)
with np.errstate(divide="ignore", invalid="ignore"):
    prec = np.where(cm.sum(0) > 0, tp / cm.sum(0), 0.0)
    rec = np.where(cm.sum(1) > 0, tp / cm.sum(1), 0.0)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / (prec + rec), 0.0)

def splitmix64(state):
    """The generator iq's bootstrap uses, so anyone can redraw its resamples: SplitMix64 (Steele, Lea, Flood 2014)."""
    M = (1 << 64) - 1
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)

def macro(labels, preds):
    classes = sorted(set(labels.tolist()) | set(preds.tolist()))
    p, r, f = [], [], []
    for k in classes:
        tpk = np.sum((preds == k) & (labels == k)); fpk = np.sum((preds == k) & (labels != k)); fnk = np.sum((preds != k) & (labels == k))
        pk = tpk / (tpk + fpk) if tpk + fpk else 0.0
        rk = tpk / (tpk + fnk) if tpk + fnk else 0.0
        p.append(pk); r.append(rk); f.append(2 * pk * rk / (pk + rk) if pk + rk else 0.0)
    return {"accuracy": float(np.mean(labels == preds)), "precision": float(np.mean(p)), "recall": float(np.mean(r)), "f1": float(np.mean(f))}

B, SEED = 1000, 20261122
gen64 = splitmix64(SEED)
n = len(y_test)
boot = {k: [] for k in ("accuracy", "precision", "recall", "f1")}
for b in range(B):
    idx = np.array([next(gen64) % n for _ in range(n)])
    for k, v in macro(y_test[idx], pred[idx]).items():
        boot[k].append(v)
ci = {k: [sorted(v)[int(np.floor(0.025 * B))], sorted(v)[int(np.ceil(0.975 * B)) - 1]] for k, v in boot.items()}
point = macro(y_test, pred)
os.makedirs(ORACLE, exist_ok=True)
json.dump({
    "source": "PyTorch %s forward pass of the trained module; metrics by numpy %s" % (torch.__version__, np.__version__),
    "cases": [f"t{i:03d}" for i in range(n)],
    "labels": y_test.tolist(),
    "logits": logits.round(6).tolist(),
    "predictions": pred.tolist(),
    "confusion": cm.tolist(),
    "per_class": [{"class": k, "support": int(cm[k].sum()), "precision": float(prec[k]), "recall": float(rec[k]), "f1": float(f1[k])} for k in range(10)],
    "metrics": point,
    "bootstrap": {"resamples": B, "seed": SEED, "confidence": 0.95, "ci": ci},
    "parameter_count": params,
    "macs": macs,
    "vendor_measurements": claims,
}, open(os.path.join(ORACLE, "digits-reference.json"), "w"), indent=1)

# ---- the descriptions
acc_test = point["accuracy"]
template = open("description.template.yaml").read()
values = {
    "SHA256": sha, "SIZE": str(size), "PARAMS": str(params), "TRAIN": str(len(x_train)), "VAL": str(len(x_val)), "TEST": str(len(x_test)),
    "TOTAL": str(len(x)), "ACC_TRAIN": "%.3f" % accuracy(x_train, y_train), "ACC_VAL": "%.3f" % accuracy(x_val, y_val), "ACC_TEST": "%.3f" % acc_test,
    "FINAL_LOSS": "%.4f" % losses[-1], "ACC_CLAIM": "%.2f" % (np.floor(acc_test * 100) / 100), "MACS": str(macs), "GAP": values_gap, "NEURONS": str(params),
    "ACC_OTHER": "%.2f" % (np.floor(acc_test * 100) / 100), "DISTDIFF": distdiff,
    **{k: "%.2f" % (np.floor((v - 0.03) * 100) / 100) for k, v in claims.items()},
}
def fill(t, extra={}):
    for k, v in {**values, **extra}.items():
        t = t.replace("${" + k + "}", v)
    return t
open("description.yaml", "w").write(fill(template))
# Planted errors, one per item that must catch it: a wrong parameter count, an inflated accuracy, a wrong input shape,
# a missing chapter-4 field (the data split's distribution differences, 4.3.2).
planted = fill(template, {"PARAMS": str(params + 1000), "ACC_CLAIM": "0.999"})
planted = planted.replace("shape: [N, 1, 8, 8]", "shape: [N, 1, 28, 28]", 1)
planted = "\n".join(l for l in planted.split("\n") if "distribution_differences:" not in l) + "\n"
open("description-planted.yaml", "w").write(planted)
print("accuracy train/val/test", values["ACC_TRAIN"], values["ACC_VAL"], values["ACC_TEST"], "params", params, "sha256", sha)
