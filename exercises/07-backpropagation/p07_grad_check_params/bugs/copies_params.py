# Bug: perturbs copies of the arrays, so loss_fn never sees a change and the numerical gradient is 0.
# expect: for correct gradients: expected 0.0, got 1.0
import numpy as np


def grad_check_params(loss_fn, params, grads, eps=1e-5):
    report = []
    for (W, b), (dW, db) in zip(params, grads):
        errs = []
        for P, dP in ((W.copy(), dW), (b.copy(), db)):
            num = np.zeros(P.shape)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps
                plus = loss_fn()
                P[idx] = old - eps
                minus = loss_fn()
                P[idx] = old
                num[idx] = (plus - minus) / (2 * eps)
            errs.append(float(np.max(np.abs(dP - num) / np.maximum(1e-8, np.abs(dP) + np.abs(num)))))
        report.append(tuple(errs))
    return report
