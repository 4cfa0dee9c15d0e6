import numpy as np


def loss_and_grads(X, y, params):
    """Mean softmax cross-entropy of a tanh network and its gradient for every parameter.

    X: (N, D) floats; y: (N,) integer labels in 0..K-1; params: [(W1, b1), (W2, b2)] with
    W1 (D, M), b1 (M,), W2 (M, K), b2 (K,). Returns (loss, [(dW1, db1), (dW2, db2)]).
    """
    (W1, b1), (W2, b2) = params
    N = X.shape[0]
    # TODO: the forward pass: H = tanh(X W1 + b1), logits = H W2 + b2, and the mean
    # cross-entropy of the logits against y (stable for logits of 1e4).
    loss = 0.0
    # TODO: the backward pass, last layer first: the gradient of the loss with respect to
    # the logits, then W2 and b2, then back through tanh to W1 and b1. Each gradient has the
    # shape of its parameter.
    dW1, db1 = np.zeros_like(W1), np.zeros_like(b1)
    dW2, db2 = np.zeros_like(W2), np.zeros_like(b2)
    return loss, [(dW1, db1), (dW2, db2)]
