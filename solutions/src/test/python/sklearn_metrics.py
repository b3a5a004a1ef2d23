"""Writes scikit-learn's metrics on fixed inputs, for MetricsAgainstScikitLearnTest.

Run from the repository root with a Python that has scikit-learn (Debian: python3-sklearn):

    /usr/bin/python3 solutions/src/test/python/sklearn_metrics.py \
        > solutions/src/test/resources/org/logitlab/model/sklearn-metrics.properties

Each case holds its inputs (drawn once from a seeded generator) and scikit-learn's results, so that
the Java test reads both from the file and nothing is typed twice.
"""
import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, classification_report, log_loss,
                             precision_recall_fscore_support, top_k_accuracy_score)


def ints(a):
    return " ".join(str(int(v)) for v in a)


def floats(a):
    return " ".join(repr(float(v)) for v in np.ravel(a))


def case(name, truth, predicted, classes, scores):
    labels = list(range(classes))
    out = [f"{name}.classes={classes}", f"{name}.truth={ints(truth)}", f"{name}.predicted={ints(predicted)}"]
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    out += [f"{name}.precision={floats(p)}", f"{name}.recall={floats(r)}", f"{name}.f1={floats(f)}",
            f"{name}.support={ints(s)}", f"{name}.accuracy={floats([accuracy_score(truth, predicted)])}"]
    for average in ("macro", "weighted"):
        pa, ra, fa, _ = precision_recall_fscore_support(truth, predicted, labels=labels, average=average,
                                                        zero_division=0)
        out.append(f"{name}.{average}={floats([pa, ra, fa])}")
    report = classification_report(truth, predicted, labels=labels, digits=4, zero_division=0)
    escaped = report.replace("\\", "\\\\").replace("\n", "\\n")
    lead = len(escaped) - len(escaped.lstrip(" "))
    out.append(f"{name}.report=" + "\\ " * lead + escaped[lead:])  # a properties file drops leading spaces
    out.append(f"{name}.scores={floats(scores)}")
    out.append(f"{name}.logLoss={floats([log_loss(truth, scores, labels=labels)])}")
    for k in range(1, classes):
        out.append(f"{name}.top{k}={floats([top_k_accuracy_score(truth, scores, k=k, labels=labels)])}")
    return out


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


rng = np.random.default_rng(20261204)
lines = [f"# scikit-learn {sklearn.__version__}, NumPy {np.__version__}: written by "
         "solutions/src/test/python/sklearn_metrics.py"]
lines.append("cases=tenClasses threeClasses neverPredicted")
for name, m, k, skill in (("tenClasses", 200, 10, 2.0), ("threeClasses", 60, 3, 1.0), ("neverPredicted", 40, 4, 0.5)):
    truth = rng.integers(0, k, m)
    scores = softmax(rng.normal(size=(m, k)) + skill * np.eye(k)[truth])
    predicted = scores.argmax(axis=1)
    if name == "neverPredicted":
        predicted = np.where(predicted == 3, 0, predicted)  # class 3 is never predicted: precision 0/0
    lines += case(name, truth, predicted, k, scores)
print("\n".join(lines))
