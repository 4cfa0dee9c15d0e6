# Bug: undoes the perturbation with arithmetic, so rounding leaves weights off by an ulp.
# expect: must leave every array of params holding its original values
import numpy as np


def grad_check_params(loss_fn, params, grads, eps=1e-5):
    report = []
    for (W, b), (dW, db) in zip(params, grads):
        errs = []
        for P, dP in ((W, dW), (b, db)):
            num = np.zeros(P.shape)
            for idx in np.ndindex(P.shape):
                P[idx] += eps
                plus = loss_fn()
                P[idx] -= 2 * eps
                minus = loss_fn()
                P[idx] += eps
                num[idx] = (plus - minus) / (2 * eps)
            errs.append(float(np.max(np.abs(dP - num) / np.maximum(1e-8, np.abs(dP) + np.abs(num)))))
        report.append(tuple(errs))
    return report
