# Bug: the parameter step uses the old velocity, so the first step from zero velocity does nothing.
# expect: not the old one, which is still zero
import numpy as np


def momentum_step(params, grads, velocities, lr, beta=0.9):
    new_p = [p - lr * v for p, v in zip(params, velocities)]
    new_v = [beta * v + g for v, g in zip(velocities, grads)]
    return new_p, new_v
