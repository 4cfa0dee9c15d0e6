# Bug: p -= lr * g writes the step into the caller's arrays.
# expect: modified its input in place
import numpy as np


def sgd_step(params, grads, lr):
    for p, g in zip(params, grads):
        p -= lr * g
    return params
