#!/usr/bin/python3
"""A second, larger real architecture for the inspection tests: torchvision's ResNet-18, exported by Debian's
python3-torch 1.13 / python3-torchvision 0.14 with constant weights, a different constant in each tensor (identical tensors
would be merged by the exporter, changing the graph), so the 47 MB of float32 weights gzip to a few hundred kB and committed gzipped as resnet18.onnx.gz; the test unzips it.
Run: cd tests/Iq.Tests/Cases/model && /usr/bin/python3 make_resnet18.py"""
import gzip, os, shutil
import torch, torchvision

os.chdir(os.path.dirname(os.path.abspath(__file__)))
model = torchvision.models.resnet18(weights=None)
with torch.no_grad():
    for k, p in enumerate(model.parameters()):
        p.fill_(0.001 * (k + 1))
    for k, b in enumerate(model.buffers()):
        if b.dtype.is_floating_point:
            b.fill_(1.0 + 0.001 * k)
model.eval()
torch.onnx.export(model, torch.zeros(1, 3, 224, 224), "resnet18.onnx", opset_version=13, input_names=["input"],
                  output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
with open("resnet18.onnx", "rb") as src, gzip.GzipFile("resnet18.onnx.gz", "wb", mtime=0) as dst:
    shutil.copyfileobj(src, dst)
os.remove("resnet18.onnx")
print(os.path.getsize("resnet18.onnx.gz"), "bytes gzipped")
