def perceptron_predict(X, w, b):
    """Return the predicted class (0 or 1) of every row of X, an int array of shape (N,).

    X: (N, D) inputs, w: (D,) weights, b: scalar bias. Ties (sum exactly 0) are class 1.
    """
    z = X @ w + b  # (N,)
    return (z >= 0).astype(int)
