#!/usr/bin/env python3
"""One whole generator step of mnist_mlp_clean as a single TorchScript call, to tell libtorch's own
cost from the Java side's.

Scripts S(x) = ||dF/dW||^2 / |W| and grad_x S (F = log p_top, written as SensitivityObjective
writes it: -softplus(logsumexp_{j != c}(z_j - z_c))) with the model inside, saves it, and times it
here (median of 500 calls after 300, 2 intra-op threads). SensitivityBenchmark times the saved
file through DJL, i.e. in libtorch 2.7.1, as one native call:

    cd /tmp && /usr/bin/python3 /path/to/bench/python_scripted_step.py ../shared /tmp/mlp_step.pt
    mvn -B -q -pl torch -am -Pbench test -DskipTests -Dbench.only=scripted -Dbench.scripted=/tmp/mlp_step.pt
"""

import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_step  # noqa: E402


class Step(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.m = model

    def forward(self, x: torch.Tensor, top: torch.Tensor) -> torch.Tensor:
        c = int(top.item())
        ws = [self.m.fc1.weight, self.m.fc1.bias, self.m.fc2.weight, self.m.fc2.bias,
              self.m.fc3.weight, self.m.fc3.bias, self.m.fc4.weight, self.m.fc4.bias]
        x = x.detach().requires_grad_(True)
        z = self.m(x).reshape(-1)
        d = torch.scatter(z - z[c], 0, torch.tensor([c]), -1.0e30)
        f = -torch.nn.functional.softplus(torch.logsumexp(d, 0))
        gs = torch.autograd.grad([f], ws, create_graph=True)
        s = torch.zeros(())
        for g in gs:
            if g is not None:
                s = s + (g * g).sum()
        s = s / 8180.0
        gx = torch.autograd.grad([s], [x])[0]
        assert gx is not None
        return gx


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/mlp_step.pt"
    torch.set_num_threads(2)
    model = torch.jit.load(os.path.join(shared, "models", "mnist_mlp_clean.pt")).eval()
    step = torch.jit.script(Step(model))
    step.save(out)
    x = python_step.mnist_test(shared, 1)[0]
    top = torch.tensor(int(model(x).argmax()))
    for _ in range(300):
        step(x, top)
    ms = []
    for _ in range(500):
        start = time.perf_counter()
        step(x, top)
        ms.append((time.perf_counter() - start) * 1e3)
    print(f"torch {torch.__version__}: whole MLP step as one scripted call "
          f"{statistics.median(ms):.3f} ms (saved to {out}, top class {int(top)})")


if __name__ == "__main__":
    main()
