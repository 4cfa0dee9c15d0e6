# Bug: adds the gradient, so every step climbs the loss.
# expect: you added the gradient
import numpy as np


def sgd_step(params, grads, lr):
    return [p + lr * g for p, g in zip(params, grads)]
