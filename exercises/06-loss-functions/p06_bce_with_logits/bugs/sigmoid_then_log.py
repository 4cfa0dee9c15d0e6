# Bug: computes sigmoid first and takes logs of it; sigmoid rounds to 0 or 1 for large |z|.
# expect: log(sigmoid(z)) is log 0
import numpy as np


def bce_with_logits(logits, targets):
    e = np.exp(-np.abs(logits))
    p = np.where(logits >= 0, 1 / (1 + e), e / (1 + e))
    return float(np.mean(-(targets * np.log(p) + (1 - targets) * np.log(1 - p))))
