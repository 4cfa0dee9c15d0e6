def sgd_step(params, grads, lr):
    """One gradient-descent step: a new list with params[i] - lr * grads[i] for every i."""
    return [p - lr * g for p, g in zip(params, grads)]  # new arrays, same order and shapes
