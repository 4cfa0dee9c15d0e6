# Bug: forgets to scale the gradient by the learning rate.
# expect: ignores lr
import numpy as np


def sgd_step(params, grads, lr):
    return [p - g for p, g in zip(params, grads)]
