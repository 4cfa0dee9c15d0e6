# Bug: the chain rule stops at tanh: forgets du/dx = C * (1 + 3 K x^2).
# expect: at index (0,): expected -0.011584166631, got -0.00605349972218
import numpy as np

C = np.sqrt(2.0 / np.pi)
K = 0.044715


def gelu(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * x * (1.0 + t)


def gelu_grad(x):
    t = np.tanh(C * (x + K * x**3))
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t)
