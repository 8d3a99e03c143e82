#!/usr/bin/env python3
"""What the fastest common CPU route (numpy on OpenBLAS/LAPACK) needs for the decompositions behind the penalty.

Usage: OPENBLAS_NUM_THREADS=1 python3 modules/benchmarks/numpy_reference.py [--size 100x100|943x1682]
       OPENBLAS_NUM_THREADS=1 python3 modules/benchmarks/numpy_reference.py --run [--iterations 30000]

Not part of the build: a reference for docs/performance.md, so that Tacit's figures can be set beside LAPACK's on
the same machine in the same minutes. The matrix has the shape of a trained W (five large singular values over many
tiny ones, down to 1e-8), which is what a training step meets. Each figure is the fastest and the median of repeated
calls, in milliseconds.

With --run it times a whole training run instead: the default `tacit train` (a 100x100 rank-5 truth with entries of
RMS 1, 2000 observed entries, depth 1, Adam lr 1e-3, the ratio penalty at lambda 1e-3 with its exact gradient from
numpy.linalg.svd at every step, initial scale 1e-3, test RMSE and effective rank every 1000 steps), written as
directly as NumPy allows, and prints the wall time beside the final test RMSE and effective rank so the two runs can
be seen to do the same work. Its random numbers are NumPy's, not Tacit's, so the figures match in size, not digits.
"""
import argparse
import time

import numpy as np


def trained_like(m, n, rng):
    """An m×n matrix with singular values 12..8 (five of them), then 1e-3 down to 1e-8."""
    k = min(m, n)
    u, _ = np.linalg.qr(rng.standard_normal((m, k)))
    v, _ = np.linalg.qr(rng.standard_normal((n, k)))
    s = np.concatenate([np.linspace(12, 8, 5), np.logspace(-3, -8, k - 5)])
    return (u * s) @ v.T


def timed(f, seconds):
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 5:
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times), 1e3 * float(np.median(times))


def effective_rank(sigma):
    p = sigma / sigma.sum()
    return float(np.exp(-np.sum(p * np.log(p + 1e-10))))


def training_run(n, rank, observed, iterations, lam, lr, seed, eval_every):
    """The default tacit train run; returns (seconds, test RMSE, effective rank)."""
    rng = np.random.default_rng(seed)
    truth = rng.standard_normal((n, rank)) @ rng.standard_normal((rank, n)) / np.sqrt(rank)
    truth *= n / np.linalg.norm(truth)
    mask = np.zeros(n * n, dtype=bool)
    mask[rng.choice(n * n, observed, replace=False)] = True
    mask = mask.reshape(n, n)
    test = ~mask
    w = rng.standard_normal((n, n)) * (1e-3 / np.sqrt(n))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    start = time.perf_counter()
    for t in range(1, iterations + 1):
        residual = np.where(mask, w - truth, 0.0)
        grad = (2.0 / observed) * residual
        u, s, vt = np.linalg.svd(w, full_matrices=False)
        fro = np.sqrt(np.sum(s * s))
        nuclear = s.sum()
        grad += lam * ((u @ vt) / fro - nuclear * w / fro ** 3)
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w = w - (lr / (1 - beta1 ** t)) * m / (np.sqrt(v) / np.sqrt(1 - beta2 ** t) + eps)
        if t % eval_every == 0 or t == iterations:
            test_rmse = float(np.sqrt(np.mean((w - truth)[test] ** 2)))
            erank = effective_rank(np.linalg.svd(w, compute_uv=False))
    return time.perf_counter() - start, test_rmse, erank


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100x100", help="m x n, for example 100x100 or 943x1682")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each measurement")
    parser.add_argument("--run", action="store_true", help="time a whole default training run instead")
    parser.add_argument("--iterations", type=int, default=30000, help="iterations of the --run")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --run")
    args = parser.parse_args()
    if args.run:
        seconds, test_rmse, erank = training_run(100, 5, 2000, args.iterations, 1e-3, 1e-3, args.seed, 1000)
        print(f"numpy {np.__version__}, default run, {args.iterations} iterations: {seconds:.2f} s "
              f"({1e3 * seconds / args.iterations:.3f} ms per iteration), test RMSE {test_rmse:.3g}, "
              f"effective rank {erank:.3f}")
        return
    m, n = (int(x) for x in args.size.split("x"))
    w = trained_like(m, n, np.random.default_rng(0))
    short = w.T @ w if m >= n else w @ w.T

    def polar_by_svd():
        u, _, vt = np.linalg.svd(w, full_matrices=False)
        return u @ vt

    rows = [
        ("full SVD (numpy.linalg.svd)", lambda: np.linalg.svd(w, full_matrices=False)),
        ("singular values only", lambda: np.linalg.svd(w, compute_uv=False)),
        ("polar factor U V^T via the SVD (exact)", polar_by_svd),
        ("Gram product", lambda: w.T @ w if m >= n else w @ w.T),
        ("eigh of the Gram matrix (loses sigma below ~1e-8 sigma_max)", lambda: np.linalg.eigh(short)),
    ]
    print(f"numpy {np.__version__}, {m}x{n}, fastest / median of repeated calls")
    for name, f in rows:
        best, median = timed(f, args.seconds)
        print(f"{name:62s} {best:9.3f} ms {median:9.3f} ms")


if __name__ == "__main__":
    main()
