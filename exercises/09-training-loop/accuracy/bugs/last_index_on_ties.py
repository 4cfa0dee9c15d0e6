# Bug: a hand-written argmax with >= sends ties to the last index.
# expect: the lowest index
import numpy as np


def accuracy(logits, labels):
    right = 0
    for row, label in zip(logits, labels):
        best = 0
        for k in range(len(row)):
            if row[k] >= row[best]:
                best = k
        right += int(best == label)
    return right / len(labels)
