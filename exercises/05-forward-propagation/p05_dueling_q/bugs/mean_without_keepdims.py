# Bug: the (N,) mean advantage lines up with the action axis.
# expect: Use keepdims=True
import numpy as np


def dueling_q(value, advantages):
    return np.reshape(value, (-1, 1)) + advantages - advantages.mean(axis=1)
