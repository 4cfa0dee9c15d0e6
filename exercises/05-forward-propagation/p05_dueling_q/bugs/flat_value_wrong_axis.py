# Bug: adds value as it comes; a (N,) value broadcasts along the action axis.
# expect: lines up with the action axis. Reshape
import numpy as np


def dueling_q(value, advantages):
    return value + advantages - advantages.mean(axis=1, keepdims=True)
