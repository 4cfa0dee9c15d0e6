def dense_backward(dout, X, W):
    """Gradients of out = X @ W + b: dX (N, D), dW (D, M), db (M,) from dout (N, M)."""
    dX = dout @ W.T  # (N, M) @ (M, D) -> (N, D)
    dW = X.T @ dout  # (D, N) @ (N, M) -> (D, M): a sum over the batch
    db = dout.sum(axis=0)  # (M,): b touches every row
    return dX, dW, db
