# Bug: v *= beta; v += g updates the caller's velocity arrays in place.
# expect: modified its input in place
import numpy as np


def momentum_step(params, grads, velocities, lr, beta=0.9):
    new_p = []
    for p, g, v in zip(params, grads, velocities):
        v *= beta
        v += g
        new_p.append(p - lr * v)
    return new_p, velocities
