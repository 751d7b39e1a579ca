#!/usr/bin/env bash
# The GPU check of docs/distribution.md: runs the GPU flavour of iq on a CUDA machine, on CUDA and on the CPU, so the
# two can be compared figure by figure. Usage: bench/gpu/check.sh IQ OUTDIR   (IQ: the GPU flavour's iq, e.g. from
# `dotnet publish engine/Iq.Cli -c Release -r linux-x64 --self-contained -p:IqOnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu`)
# Needs the CUDA 13 runtime and cuDNN 9 on the library path (LD_LIBRARY_PATH or ldconfig), and python3 for the comparison.
set -u
IQ=$1; O=$2; mkdir -p "$O"
S=checklists/samples/model-digits
R=$O/resnet18.onnx; gunzip -c tests/Iq.Tests/Cases/model/resnet18.onnx.gz > "$R"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
"$IQ" --version
echo "== probe"; "$IQ" probe --out "$O/probe" --lang en; echo "rc=$?"
for d in cuda cpu auto; do
  echo "== digits baseline --device $d"
  "$IQ" baseline $S/digits-cnn.onnx --cases $S/cases --labels $S/labels.csv --device $d --iterations 200 --concurrency 1,4,16 --repeat 10 --noise 0.1 --out "$O/digits-$d" --lang en; echo "rc=$?"
done
for d in cuda cpu; do
  echo "== resnet18 synthetic --device $d"
  "$IQ" baseline "$R" --synthetic --device $d --iterations 100 --concurrency 1,8,32 --out "$O/resnet-$d" --lang en; echo "rc=$?"
  echo "== iq model digits --device $d"
  "$IQ" model $S/digits-cnn.onnx --description $S/description.yaml --cases $S/cases --labels $S/labels.csv --device $d --iterations 50 --out "$O/model-$d" --lang en; echo "rc=$?"
done
# Every measured figure of iq model on CUDA against the CPU's, timings and the provider left out.
python3 - "$O" <<'PY'
import json, sys
o = sys.argv[1]
def flat(x, p=''):
    if isinstance(x, dict):
        for k, v in x.items(): yield from flat(v, p + '.' + k)
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from flat(v, p + f'[{i}]')
    else: yield p, x
a = dict(flat(json.load(open(f'{o}/model-cuda/model_measurements.json'))['facts']))
b = dict(flat(json.load(open(f'{o}/model-cpu/model_measurements.json'))['facts']))
timing = ('timings', 'efficiency', 'provider', 'runtime', 'latency', 'peak', 'duration', '_ms', 'time')
differ = [(k, a[k], b.get(k)) for k in a if a[k] != b.get(k) and not any(t in k for t in timing)]
print(f'{len(a)} figures; {len(differ)} differ between cuda and cpu outside timings and the provider')
for d in differ: print('  ', *d)
PY
