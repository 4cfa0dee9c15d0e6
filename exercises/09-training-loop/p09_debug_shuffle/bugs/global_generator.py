# Wrong fix: one permutation, but from np.random: pairs are kept, the run's seed is ignored.
# expect: not np.random
import numpy as np


def shuffle_together(X, y, rng):
    perm = np.random.permutation(len(X))
    return X[perm], y[perm]
