# Bug: argmax over axis 0 (down the columns, across samples) instead of along each row.
# expect: axis=0 takes the argmax of each column
import numpy as np


def accuracy(logits, labels):
    return float(np.mean(np.argmax(logits, axis=0) == labels))
