# Bug: implements the exact x * Phi(x) with erf instead of the requested tanh approximation.
# expect: at index (0,): expected -0.00363739208177, got -0.00404969409489
import math

import numpy as np

_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def gelu_grad(x):
    pdf = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0))) + x * pdf
