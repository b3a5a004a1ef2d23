"""Writes the files NumPy makes, for NpyTest and ModelFileTest to read and to match byte for byte.

Run from the repository root with a Python that has NumPy:

    python3 solutions/src/test/python/npy_fixtures.py solutions/src/test/resources/org/logitlab/io

numpy-*.npy are arrays as numpy.save writes them (the Java writer must produce the same bytes for the
same values) and in the variants the reader must accept (Fortran order, big-endian, format 2.0) or
refuse (float32, int64). numpy-network.npz is a tanh network in ModelFile's layout, written by
numpy.savez; numpy-network-expected.npz holds inputs X and NumPy's softmax probabilities P for it.
"""
import io
import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20261205)


def save(name, array, version=None):
    path = os.path.join(out, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)


matrix = rng.normal(size=(3, 4))
matrix[0, 0] = -0.0
matrix[0, 1] = 5e-324          # the smallest subnormal
matrix[0, 2] = np.finfo(np.float64).max
matrix[0, 3] = np.nan
save("numpy-matrix.npy", matrix)
save("numpy-vector.npy", rng.normal(size=7))
save("numpy-scalar.npy", np.array(-1.25))
save("numpy-text.npy", np.array("tanh"))
save("numpy-korean.npy", np.array("은닉층"))
save("numpy-tall.npy", np.zeros((123456, 0)))   # a first axis of six digits: less room left to grow
save("numpy-matrix-fortran.npy", np.asfortranarray(matrix))
save("numpy-matrix-big-endian.npy", matrix.astype(">f8"))
save("numpy-matrix-v2.npy", matrix, version=(2, 0))
save("numpy-float32.npy", matrix[1:].astype(np.float32))
save("numpy-int64.npy", np.arange(6).reshape(2, 3))

n, h, k = 4, 5, 3
W1 = rng.normal(size=(n, h))
b1 = rng.normal(size=h)
W2 = rng.normal(size=(h, k))
b2 = rng.normal(size=k)
np.savez(os.path.join(out, "numpy-network.npz"), format="logit-lab/1", model="TwoLayerNet",
         activation="tanh", W1=W1, b1=b1, W2=W2, b2=b2)
X = rng.normal(size=(6, n))
Z2 = np.tanh(X @ W1 + b1) @ W2 + b2
E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
np.savez(os.path.join(out, "numpy-network-expected.npz"), X=X, P=E / E.sum(axis=1, keepdims=True))
