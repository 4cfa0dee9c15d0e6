# Bug: returns the number of correct rows instead of the fraction.
# expect: not its sum (a count)
import numpy as np


def accuracy(logits, labels):
    return int(np.sum(np.argmax(logits, axis=1) == labels))
