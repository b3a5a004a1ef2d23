"""The round trip of ModelFileTest: NumPy reads a model file logit-lab wrote and writes it back.

    python3 npz_round_trip.py MODEL.npz INPUTS.npz OUT_MODEL.npz OUT_PROBABILITIES.npz

Loads MODEL.npz without pickles, checks that every array is float64 or a string, writes it back with
numpy.savez_compressed (deflated entries, which logit-lab's own writer does not use the same way), and
writes NumPy's softmax probabilities of the network for the inputs X of INPUTS.npz as P.
"""
import sys

import numpy as np

model_in, inputs, model_out, probabilities_out = sys.argv[1:5]
with np.load(model_in, allow_pickle=False) as f:
    arrays = {name: f[name] for name in f.files}
for name, a in arrays.items():
    assert a.dtype == np.float64 or a.dtype.kind == "U", f"{name} is {a.dtype}"
assert str(arrays["format"]) == "logit-lab/1" and str(arrays["model"]) == "TwoLayerNet", arrays["model"]
np.savez_compressed(model_out, **arrays)

with np.load(inputs, allow_pickle=False) as f:
    X = f["X"]
g = np.tanh if str(arrays["activation"]) == "tanh" else (lambda z: 1 / (1 + np.exp(-z)))
Z2 = g(X @ arrays["W1"] + arrays["b1"]) @ arrays["W2"] + arrays["b2"]
E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
np.savez(probabilities_out, P=E / E.sum(axis=1, keepdims=True))
