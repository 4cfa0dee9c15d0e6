def shuffle_together(X, y, rng):
    """Return copies of X (N, D) and y (N,) shuffled in the order rng.permutation(N)."""
    perm = rng.permutation(len(X))  # one permutation for both: each row keeps its label
    return X[perm], y[perm]
