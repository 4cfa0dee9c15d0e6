import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    """Central differences of the scalar f at the float array x; x is restored on return."""
    grad = np.zeros(x.shape)  # the shape of x: one partial derivative per entry
    for idx in np.ndindex(x.shape):
        old = x[idx]
        try:
            x[idx] = old + eps
            f_plus = float(f(x))
            x[idx] = old - eps
            f_minus = float(f(x))
        finally:
            x[idx] = old  # the saved float: exact, even if f raised
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad
