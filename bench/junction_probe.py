#!/usr/bin/env python3
"""Would three-way junctions beat boundary pairs in label mode? A probe, not part of the product.

A boundary pair (two samples a tiny step apart, one on each side of the a/b decision boundary,
both at margin m) misses a weight change only when it moves z_a − z_b by less than m: for a
Gaussian change, with probability ≈ 0.8 m/σ. Three samples at a point where three logits tie,
each winning by m over the other two, miss only when all three differences stay under m — for
independent changes of the three logits, with probability ∝ (m/σ)², so a triple might buy more
per query than a pair. This probe measures it on the shared MNIST MLP:

1. for each of the first N MNIST test images, walk (minimum-norm Newton steps on the exact logit
   gradients, inside the RMS ball of 10/255 and [0, 1]) to the point where its top three logits
   tie, then to three samples each winning by M over the other two, and, from the seed, to a
   boundary pair of its top two classes at margin M;
2. draw Gaussian noise of 1e-3 × each tensor's std on about 1 % of its values (Bernoulli mask:
   the shape of `noise:r=1e-3,q=0.01`) 2,000 times and count the draws under which no member of
   the triple, and no member of the pair, changes its label.

Measured (docs/RESULTS.md, "Three-way junctions"): see there. Run from the repository root:
    /usr/bin/python3 bench/junction_probe.py [../shared] [M] [N]
"""

import gzip
import os
import sys

import numpy as np
import torch

RADIUS = 10 / 255 * 28  # the RMS ball of 10/255 over 784 pixels, as an L2 radius
DRAWS = 2000


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    margin = float(sys.argv[2]) if len(sys.argv) > 2 else 1.2e-4
    seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = torch.jit.load(os.path.join(shared, "models", "mnist_mlp_clean.pt")).eval()
    params = list(model.parameters())
    with gzip.open(os.path.join(shared, "data", "mnist-t10k-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    images = images.astype(np.float32) / 255

    def logits(x):
        return model(x.unsqueeze(0))[0]

    def project(x, x0):
        d = x - x0
        n = d.norm()
        if n > RADIUS:
            d = d * (RADIUS / n)
        return (x0 + d).clamp(0, 1)

    def solve(x, x0, fns, targets, iters=60):
        """Minimum-norm Newton steps until every fns(x) is within 5 % of M of its target."""
        x = x.clone()
        for _ in range(iters):
            x.requires_grad_(True)
            z = logits(x)
            r = torch.stack([f(z) for f in fns]) - torch.tensor(targets)
            rows = [torch.autograd.grad(f(z), x, retain_graph=True)[0].flatten() for f in fns]
            jac = torch.stack(rows)
            x = x.detach()
            if r.abs().max() < 0.05 * margin:
                return x, True
            d = -jac.T @ torch.linalg.solve(jac @ jac.T, r.detach())
            x = project(x + d.reshape(x.shape), x0)
        r = torch.stack([f(logits(x)) for f in fns]) - torch.tensor(targets)
        return x.detach(), bool(r.abs().max() < 0.05 * margin)

    def won_by(x, winner):
        return logits(x).argmax().item() == winner

    def label_flips(samples, seed):
        base = [p.detach().clone() for p in params]
        stds = [p.std().item() if p.numel() > 1 else abs(p.item()) for p in base]
        xs = torch.stack(samples)
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            clean = model(xs).argmax(1)
            flips = np.zeros((DRAWS, len(samples)), dtype=bool)
            for t in range(DRAWS):
                for p, b, s in zip(params, base, stds):
                    mask = (torch.rand(b.shape, generator=g) < 0.01).float()
                    p.copy_(b + mask * torch.randn(b.shape, generator=g) * 1e-3 * s)
                flips[t] = (model(xs).argmax(1) != clean).numpy()
            for p, b in zip(params, base):
                p.copy_(b)
        return flips

    triples, pairs, failed = [], [], {}
    for i in range(seeds):
        x0 = torch.tensor(images[i])
        a, b, c = torch.argsort(logits(x0).detach(), descending=True)[:3].tolist()
        xj, ok = solve(x0, x0, [lambda z: z[a] - z[b], lambda z: z[a] - z[c]], [0.0, 0.0])
        if not ok:
            failed[i] = "no three-way tie inside the ball"
            continue
        triple = []
        for w, o1, o2 in ((a, b, c), (b, a, c), (c, a, b)):
            fns = [lambda z, w=w, o=o1: z[w] - z[o], lambda z, w=w, o=o2: z[w] - z[o]]
            xs, ok = solve(xj, x0, fns, [margin, margin])
            if not ok or not won_by(xs, w):
                break
            triple.append(xs)
        pair = []
        for w, o in ((a, b), (b, a)):
            xs, ok = solve(x0, x0, [lambda z, w=w, o=o: z[w] - z[o]], [margin])
            if ok and won_by(xs, w):
                pair.append(xs)
        if len(triple) < 3 or len(pair) < 2:
            failed[i] = "no triple or no pair at margin M"
            continue
        flips = label_flips(triple + pair, 1000 + i)
        triples.append(np.mean(~flips[:, :3].any(1)))
        pairs.append(np.mean(~flips[:, 3:].any(1)))
        print(
            "seed %d: triple misses %.4f of %d draws (3 queries), pair %.4f (2 queries)"
            % (i, triples[-1], DRAWS, pairs[-1]),
            flush=True,
        )
    print("left out: %s" % failed)
    if triples:
        t, p = np.mean(triples), np.mean(pairs)
        print(
            "%d of %d seeds: mean miss per triple %.4f, per pair %.4f; per query %.3f against %.3f"
            % (len(triples), seeds, t, p, t ** (1 / 3), p ** (1 / 2))
        )


if __name__ == "__main__":
    main()
