#!/usr/bin/env python3
"""What the fastest common CPU route (numpy on OpenBLAS/LAPACK) needs for the decompositions behind the penalty.

Usage: OPENBLAS_NUM_THREADS=1 python3 modules/benchmarks/numpy_reference.py [--size 100x100|943x1682]

Not part of the build: a reference for docs/performance.md, so that Tacit's figures can be set beside LAPACK's on
the same machine in the same minutes. The matrix has the shape of a trained W (five large singular values over many
tiny ones, down to 1e-8), which is what a training step meets. Each figure is the fastest and the median of repeated
calls, in milliseconds.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100x100", help="m x n, for example 100x100 or 943x1682")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each measurement")
    args = parser.parse_args()
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
