# Bug: reports the largest absolute difference, not the relative error.
# expect: err_W of layer 1 (dW doubled)
import numpy as np


def grad_check_params(loss_fn, params, grads, eps=1e-5):
    report = []
    for (W, b), (dW, db) in zip(params, grads):
        errs = []
        for P, dP in ((W, dW), (b, db)):
            num = np.zeros(P.shape)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps
                plus = loss_fn()
                P[idx] = old - eps
                minus = loss_fn()
                P[idx] = old
                num[idx] = (plus - minus) / (2 * eps)
            errs.append(float(np.max(np.abs(dP - num))))
        report.append(tuple(errs))
    return report
