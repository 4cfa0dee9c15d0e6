def train_val_split(X, y, val_fraction, rng):
    """Split (X, y) once at random: (X_train, y_train, X_val, y_val).

    perm = rng.permutation(N); the first round(val_fraction * N) indices of perm are the
    validation set, the rest the training set, both in the order of perm.
    """
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(f"val_fraction must be between 0 and 1, got {val_fraction}")
    N = len(X)
    n_val = round(val_fraction * N)
    perm = rng.permutation(N)  # one permutation: every row keeps its label
    val, train = perm[:n_val], perm[n_val:]
    return X[train], y[train], X[val], y[val]
