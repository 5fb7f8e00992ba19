#!/usr/bin/env python3
"""The same computation as torch's SensitivityBenchmark, in Python PyTorch, for comparison.

Milliseconds per S and per S + grad_x S at batch 1 (median of 50 calls after 10 warm-up calls,
2 intra-op threads, 1 inter-op thread), and per random-sign estimate over a batch of 16, on the
shared TorchScript models, W = all weights and W = last layer, C = top-1:

    S(x) = ||dF/dW||_F^2 / |W|,  F = log p_top(x)   (double backprop for grad_x S)

F is written as in SensitivityObjective.summedLogSoftmax (softplus of the log-sum of the other
classes), so both sides run the same graph. mnist_convnet is left out: its weights are graph
constants that Python cannot take gradients with respect to without rewriting the module.

Needs a PyTorch for the system Python (Debian: apt-get install python3-torch). Run from the
repository root:  /usr/bin/python3 bench/python_step.py [../shared]
"""

import gzip
import os
import statistics
import sys
import time

import torch

WARM_UP = 10
CALLS = 50
BATCH = 16
CIFAR_MEAN = (0.485, 0.456, 0.406)
CIFAR_STD = (0.229, 0.224, 0.225)


def mnist_test(shared, n):
    with gzip.open(os.path.join(shared, "data", "mnist-t10k-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    pixels = torch.frombuffer(bytearray(raw[16 : 16 + n * 784]), dtype=torch.uint8)
    return pixels.float().div(255).reshape(n, 1, 1, 28, 28)


def cifar_test(shared, n):
    with gzip.open(os.path.join(shared, "data", "cifar10-test-first1000.bin.gz")) as f:
        raw = f.read()
    images = []
    for i in range(n):
        record = raw[i * 3073 + 1 : (i + 1) * 3073]
        images.append(torch.frombuffer(bytearray(record), dtype=torch.uint8).float().div(255))
    return torch.stack(images).reshape(n, 1, 3, 32, 32)


class Normalised(torch.nn.Module):
    """(x - mean) / std before the module, as SharedModels.resnet20 wraps it."""

    def __init__(self, module):
        super().__init__()
        self.module = module
        self.register_buffer("mean", torch.tensor(CIFAR_MEAN).reshape(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(CIFAR_STD).reshape(1, 3, 1, 1))

    def forward(self, x):
        return self.module((x - self.mean) / self.std)


def log_p(logits, c):
    """log softmax(z)_c = -softplus(log sum_{j != c} exp(z_j - z_c)), accurate when p_c -> 1."""
    z = logits.reshape(-1)
    d = z - z[c]
    mask = torch.zeros_like(z)
    mask[c] = -1e30
    d = d + mask
    m = d.max().detach()
    t = (d - m).exp().sum().log() + m
    return -torch.nn.functional.softplus(t)


def objective(model, weights, count, x, c, create_graph):
    f = log_p(model(x), c)
    g = torch.autograd.grad(f, weights, create_graph=create_graph)
    return sum((gi * gi).sum() for gi in g) / count


def value(model, weights, count, x, c):
    x = x.detach()
    return objective(model, weights, count, x, c, False).item()


def value_and_gradient(model, weights, count, x, c):
    leaf = x.detach().requires_grad_(True)
    s = objective(model, weights, count, leaf, c, True)
    (gx,) = torch.autograd.grad(s, [leaf])
    return s.item(), gx


def random_sign(model, weights, count, xs, classes, scales, signs):
    leaf = xs.detach().requires_grad_(True)
    out = model(leaf)
    combined = sum(
        log_p(out[b], classes[b]) * (signs[b] / scales[b] ** 0.5) for b in range(len(classes))
    )
    g = torch.autograd.grad(combined, weights, create_graph=True)
    s = sum((gi * gi).sum() for gi in g) / count
    (gx,) = torch.autograd.grad(s, [leaf])
    return gx


def median_ms(call):
    for _ in range(WARM_UP):
        call()
    times = []
    for _ in range(CALLS):
        start = time.perf_counter_ns()
        call()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(times)


def bench(name, model, images):
    model.eval()
    params = [p for p in model.parameters()]
    for p in params:
        p.requires_grad_(True)
    x = images[0]
    xs = images.reshape(images.shape[0], *images.shape[2:])
    generator = torch.Generator().manual_seed(1)
    for label, weights in (("All", params), ("LastLayer", params[-2:])):
        count = sum(w.numel() for w in weights)
        classes = [int(model(images[b]).argmax()) for b in range(BATCH)]
        scales = [value(model, weights, count, images[b], classes[b]) for b in range(BATCH)]
        signs = [1 if torch.rand(1, generator=generator).item() < 0.5 else -1 for _ in range(BATCH)]
        c = classes[0]
        v = median_ms(lambda: value(model, weights, count, x, c))
        both = median_ms(lambda: value_and_gradient(model, weights, count, x, c))
        est = median_ms(lambda: random_sign(model, weights, count, xs, classes, scales, signs))
        print(f"{name:<18} {label:<10} {count:8d} {v:9.2f} {both:11.2f} {est:22.2f}")


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    torch.set_num_threads(2)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    print(f"torch {torch.__version__}, threads={torch.get_num_threads()}, "
          f"median of {CALLS} calls after {WARM_UP} warm-up")
    print(f"{'model':<18} {'W':<10} {'|W|':>8} {'S ms':>9} {'S+grad ms':>11} "
          f"{'random-sign B=16 ms':>22}")
    with open("/proc/loadavg") as f:
        print("load average before:", f.read().strip())
    models = os.path.join(shared, "models")
    bench("mnist_mlp_clean", torch.jit.load(os.path.join(models, "mnist_mlp_clean.pt")),
          mnist_test(shared, BATCH))
    resnet = Normalised(torch.jit.load(os.path.join(models, "resnet20_cifar10.pt")))
    bench("resnet20_cifar10", resnet, cifar_test(shared, BATCH))
    with open("/proc/loadavg") as f:
        print("load average after:", f.read().strip())


if __name__ == "__main__":
    main()
