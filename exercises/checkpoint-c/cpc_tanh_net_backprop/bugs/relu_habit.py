# Bug: the hidden layer uses ReLU (pages 5 to 7) instead of tanh, forward and backward alike: consistent, so only the reference catches it.
# expect: differs from the reference implementation
import numpy as np


def loss_and_grads(X, y, params):
    """Mean softmax cross-entropy of a tanh network and its gradient for every parameter.

    X: (N, D) floats; y: (N,) integer labels in 0..K-1; params: [(W1, b1), (W2, b2)] with
    W1 (D, M), b1 (M,), W2 (M, K), b2 (K,). Returns (loss, [(dW1, db1), (dW2, db2)]).
    """
    (W1, b1), (W2, b2) = params
    N = X.shape[0]
    rows = np.arange(N)
    # Forward pass, keeping what the backward pass needs.
    H = np.maximum(X @ W1 + b1, 0.0)
    logits = H @ W2 + b2  # (N, K)
    shifted = logits - logits.max(axis=1, keepdims=True)  # row max 0: exp cannot overflow
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (N, K)
    loss = float(-np.mean(log_probs[rows, y]))
    # Backward pass, last layer first.
    dlogits = np.exp(log_probs)  # softmax probabilities, a new array
    dlogits[rows, y] -= 1.0
    dlogits /= N  # the loss is a mean over the batch
    dW2 = H.T @ dlogits  # (M, K)
    db2 = dlogits.sum(axis=0)  # (K,)
    dH = dlogits @ W2.T  # (N, M)
    dZ1 = dH * (H > 0)
    dW1 = X.T @ dZ1  # (D, M)
    db1 = dZ1.sum(axis=0)  # (M,)
    return loss, [(dW1, db1), (dW2, db2)]
