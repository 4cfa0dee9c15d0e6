# Bug: updates only the first array (the weights) and drops the rest.
# expect: expected 2 values, got 1
import numpy as np


def sgd_step(params, grads, lr):
    return [params[0] - lr * grads[0]]
