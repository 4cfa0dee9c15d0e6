# Bug: takes the absolute distance, so misclassified points still give a positive margin.
# expect: expected -0.9737035951175265, got 0.012984916299151944
import numpy as np


def signed_distances(X, w, b):
    return (X @ w + b) / np.linalg.norm(w)


def margin(X, y, w, b):
    return float(np.min(np.abs(signed_distances(X, w, b))))
