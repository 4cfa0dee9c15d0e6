# Bug: the convention v = beta*v - lr*g, p = p + v: same parameters for a constant lr, but the
# returned velocities are -lr times PyTorch's, so they do not continue a PyTorch run.
# expect: the convention v = beta * v - lr * g
import numpy as np


def momentum_step(params, grads, velocities, lr, beta=0.9):
    new_v = [beta * v - lr * g for v, g in zip(velocities, grads)]
    new_p = [p + v for p, v in zip(params, new_v)]
    return new_p, new_v
