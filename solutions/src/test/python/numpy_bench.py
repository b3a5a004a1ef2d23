#!/usr/bin/env python3
"""The 784-100-10 sigmoid/softmax network of logit-lab in NumPy (float64), to re-measure the ratio
between the Java reference and NumPy + OpenBLAS on the same machine. Not part of the test suite.

    OPENBLAS_NUM_THREADS=1 MNIST_DIR=/path/to/mnist python3 numpy_bench.py [--batch 32] [--epochs 3] [--peak]

Prints one JSON object: the seconds of each epoch, the test accuracy, the seconds of each of 7
predictions of the whole test set after training (the forward pass and argmax), and with --peak the
best rate of a 2000×2000 dgemm in GFLOP/s, the most this core does in float64.
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">i", f.read(4))[0]
        dims = struct.unpack(">" + "i" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(folder, prefix):
    name = lambda kind: os.path.join(folder, f"{prefix}-{kind}-idx{3 if kind == 'images' else 1}-ubyte.gz")
    x = idx(name("images")).reshape(-1, 784).astype(np.float64) / 255.0
    return x, idx(name("labels")).astype(np.int64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--peak", action="store_true")
    args = parser.parse_args()
    folder = os.environ["MNIST_DIR"]
    x, y = load(folder, "train")
    xt, yt = load(folder, "t10k")
    rng = np.random.default_rng(42)
    w1 = rng.standard_normal((784, 100)) / np.sqrt(784)
    b1 = np.zeros(100)
    w2 = rng.standard_normal((100, 10)) / np.sqrt(100)
    b2 = np.zeros(10)
    onehot = np.eye(10)[y]
    times = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        order = rng.permutation(len(x))
        for s in range(0, len(x), args.batch):
            idx_b = order[s:s + args.batch]
            xb, yb = x[idx_b], onehot[idx_b]
            m = len(idx_b)
            a1 = 1.0 / (1.0 + np.exp(-(xb @ w1 + b1)))
            z2 = a1 @ w2 + b2
            z2 -= z2.max(axis=1, keepdims=True)
            a2 = np.exp(z2)
            a2 /= a2.sum(axis=1, keepdims=True)
            dz2 = a2 - yb
            dw2 = a1.T @ dz2 / m
            db2 = dz2.sum(axis=0) / m
            dz1 = (dz2 @ w2.T) * a1 * (1 - a1)
            dw1 = xb.T @ dz1 / m
            db1 = dz1.sum(axis=0) / m
            w1 -= args.lr * dw1
            b1 -= args.lr * db1
            w2 -= args.lr * dw2
            b2 -= args.lr * db2
        times.append(time.perf_counter() - start)
    predict = lambda: (1.0 / (1.0 + np.exp(-(xt @ w1 + b1))) @ w2 + b2).argmax(axis=1)
    accuracy = float((predict() == yt).mean())
    inference = []
    for _ in range(7):
        start = time.perf_counter()
        predict()
        inference.append(time.perf_counter() - start)
    result = {"batch": args.batch, "epoch_seconds": times, "test_accuracy": accuracy,
              "inference_seconds": inference}
    if args.peak:
        a, b = rng.standard_normal((2000, 2000)), rng.standard_normal((2000, 2000))
        best = min(timed(lambda: a @ b) for _ in range(5))
        result["peak_gflops"] = 2 * 2000 ** 3 / best / 1e9
    print(json.dumps(result))


def timed(work):
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
