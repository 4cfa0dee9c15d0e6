import numpy as np


def grad_check_params(loss_fn, params, grads, eps=1e-5):
    """[(err_W, err_b), ...]: relative errors of the claimed grads against central differences."""
    report = []
    for (W, b), (dW, db) in zip(params, grads):
        # TODO: numerical gradients of loss_fn() with respect to W and to b (in place,
        # restored), then the relative error of dW and db against them.
        report.append((0.0, 0.0))
    return report
