# Bug: uses sqrt(pi / 2) instead of sqrt(2 / pi) inside the tanh.
# expect: at index (0,): expected -0.00363739208177, got -7.88815120777e-05
import numpy as np

C = np.sqrt(np.pi / 2.0)
K = 0.044715


def gelu(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * x * (1.0 + t)


def gelu_grad(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * C * (1.0 + 3.0 * K * x * x)
