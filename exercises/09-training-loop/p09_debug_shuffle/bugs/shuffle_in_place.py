# Wrong fix: rng.shuffle on X and on y shuffles the caller's arrays in place, and still apart.
# expect: modified its input in place
import numpy as np


def shuffle_together(X, y, rng):
    rng.shuffle(X)
    rng.shuffle(y)
    return X, y
