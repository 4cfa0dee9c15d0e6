import numpy as np


def _numerical(loss_fn, P, eps):
    """Central differences of loss_fn() with respect to the array P, perturbed in place."""
    grad = np.zeros(P.shape)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + eps
        plus = float(loss_fn())
        P[idx] = old - eps
        minus = float(loss_fn())
        P[idx] = old  # exactly the original value
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def _rel(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def grad_check_params(loss_fn, params, grads, eps=1e-5):
    """[(err_W, err_b), ...]: relative errors of the claimed grads against central differences."""
    report = []
    for (W, b), (dW, db) in zip(params, grads):
        report.append(
            (_rel(dW, _numerical(loss_fn, W, eps)), _rel(db, _numerical(loss_fn, b, eps)))
        )
    return report
