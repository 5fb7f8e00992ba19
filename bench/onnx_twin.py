#!/usr/bin/env python3
"""ONNX twins of the shared TorchScript models, for the cross-runtime evaluation (RESULTS.md).

The shared models ship one pair of runtimes (mnist_convnet.pt / .onnx). This exports others with
Debian's python3-torch (1.13, offline) so that `evaluate --twin` and `verify --endpoint local:...`
can put ONNX Runtime beside libtorch for them too:

    cd /tmp && /usr/bin/python3 /path/to/bench/onnx_twin.py ../shared /tmp/twins

writes /tmp/twins/<name>.onnx for mnist_mlp_clean and resnet20_cifar10 (opset 13, dynamic batch).
How far a twin's answers are from the TorchScript model's is what `evaluate --twin` measures as the
cross-runtime noise floor (no ONNX Runtime for Python is installable here). The twins are derived
from the shared models: keep them out of the repository.
"""

import os
import sys

import torch

MODELS = {"mnist_mlp_clean": (1, 28, 28), "resnet20_cifar10": (3, 32, 32)}


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/twins"
    os.makedirs(out, exist_ok=True)
    for name, shape in MODELS.items():
        model = torch.jit.load(os.path.join(shared, "models", name + ".pt")).eval()
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(
            model,
            torch.rand(1, *shape),
            path,
            input_names=["input"],
            output_names=["output"],
            dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
            opset_version=13,
        )
        print(f"{name}: wrote {path}")


if __name__ == "__main__":
    main()
