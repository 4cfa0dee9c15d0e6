# Bug: the "averaged" convention v = beta*v + (1-beta)*g, whose steps are (1-beta) times PyTorch's.
# expect: that is the convention v = beta * v + (1 - beta) * g
import numpy as np


def momentum_step(params, grads, velocities, lr, beta=0.9):
    new_v = [beta * v + (1 - beta) * g for v, g in zip(velocities, grads)]
    new_p = [p - lr * v for p, v in zip(params, new_v)]
    return new_p, new_v
