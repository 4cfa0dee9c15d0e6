# Bug: new = params names the caller's list, so assigning new[i] changes the caller's list.
# expect: modified its input in place
import numpy as np


def sgd_step(params, grads, lr):
    new = params
    for i in range(len(params)):
        new[i] = params[i] - lr * grads[i]
    return new
