# Bug: product rule half-done: drops the 0.5 * (1 + tanh(u)) term that comes from differentiating x.
# expect: at index (0,): expected -0.011584166631, got -0.0127966306582
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715


def gelu(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * x * (1.0 + t)


def gelu_grad(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * x * (1.0 - t * t) * C * (1.0 + 3.0 * K * x * x)
