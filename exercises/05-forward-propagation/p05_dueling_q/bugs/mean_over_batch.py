# Bug: subtracts the mean over the batch (axis 0) instead of over each state's actions.
# expect: dueling_q(value, advantages)
import numpy as np


def dueling_q(value, advantages):
    return np.reshape(value, (-1, 1)) + advantages - advantages.mean(axis=0, keepdims=True)
