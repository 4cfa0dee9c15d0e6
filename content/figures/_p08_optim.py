"""Helper for the page-8 figures: the three optimisers on 2-D test functions (not a figure)."""

import numpy as np


def run(grad, x0, kind, lr, steps, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8):
    """The path (steps + 1, 2) of SGD, momentum (PyTorch convention) or Adam from x0."""
    x = np.array(x0, dtype=float)
    vel, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
    path = [x.copy()]
    for t in range(1, steps + 1):
        g = grad(x)
        if kind == "sgd":
            x = x - lr * g
        elif kind == "momentum":
            vel = beta * vel + g
            x = x - lr * vel
        else:
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            x = x - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        path.append(x.copy())
    return np.array(path)


CURV = np.array([1.0, 50.0])  # the ill-conditioned quadratic: curvatures 1 and 50


def quad(x, y):
    return 0.5 * (CURV[0] * x**2 + CURV[1] * y**2)


def quad_grad(p):
    return CURV * p


def valley(x, y):
    """A gentle Rosenbrock function: a curved valley along y = x**2, minimum at (1, 1)."""
    return (1 - x) ** 2 + 10 * (y - x**2) ** 2


def valley_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 40 * x * (y - x**2), 20 * (y - x**2)])
