# Bug: returns the velocities it was given, so every call starts again from the same velocity.
# expect: velocities after step 1
import numpy as np


def momentum_step(params, grads, velocities, lr, beta=0.9):
    new_v = [beta * v + g for v, g in zip(velocities, grads)]
    new_p = [p - lr * v for p, v in zip(params, new_v)]
    return new_p, [v.copy() for v in velocities]
