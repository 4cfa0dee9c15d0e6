import numpy as np


def accuracy(logits, labels):
    """Fraction (0 to 1) of the rows of logits (N, K) whose argmax equals the label (N,)."""
    predictions = np.argmax(logits, axis=1)  # (N,): one class per row; ties go to the lowest index
    return float(np.mean(predictions == labels))
