"""Hidden tests for p09_train_val_split."""

import numpy as np

from grader.testing import (
    expect_raises,
    expect_true,
    expect_tuple,
    expect_value,
    last_call,
    test_case,
)


def _data(N):
    """Row i is [i, -i] and y[i] = i: every piece of the split shows which samples it holds."""
    X = np.stack([np.arange(N, dtype=float), -np.arange(N, dtype=float)], axis=1)
    return X, np.arange(N, dtype=np.int64)


def _split(student, N, frac, seed):
    X, y = _data(N)
    result = student.train_val_split(X, y, frac, np.random.default_rng(seed))
    call = last_call()
    parts = expect_tuple(result, 4, name=f"{call} (it returns X_train, y_train, X_val, y_val)")
    for name, part in zip(("X_train", "y_train", "X_val", "y_val"), parts):
        expect_true(
            type(part) is np.ndarray,
            f"{call}: {name} must be a NumPy array, got {type(part).__name__}.",
        )
    return call, X, y, parts


def _expected(N, frac, seed):
    X, y = _data(N)
    perm = np.random.default_rng(seed).permutation(N)
    n_val = round(frac * N)
    return X[perm[n_val:]], y[perm[n_val:]], X[perm[:n_val]], y[perm[:n_val]]


@test_case(points=2)
def sizes_and_pairs(student):
    """20 samples, val_fraction 0.25: 15 + 5 samples, disjoint, together all 20, rows with their labels."""
    call, X, y, (Xt, yt, Xv, yv) = _split(student, 20, 0.25, 1)
    expect_true(
        np.array_equal(Xt[:, 0], yt.astype(float)) and np.array_equal(Xv[:, 0], yv.astype(float)),
        f"{call}: every row of X_train and X_val must keep its own label (row i of the test data "
        "is [i, -i] with label i), but some rows now carry another sample's label. Index X and y "
        "with the same indices.",
    )
    ids_t, ids_v = set(yt.tolist()), set(yv.tolist())
    expect_true(
        not ids_t & ids_v,
        f"{call}: the samples {sorted(ids_t & ids_v)} are in both sets. A validation sample that "
        "is also trained on makes the validation score optimistic.",
    )
    expect_true(
        ids_t | ids_v == set(range(20)),
        f"{call}: the two sets together must hold all 20 samples once, they hold {sorted(ids_t | ids_v)}.",
    )
    expect_value(
        (len(Xt), len(yt), len(Xv), len(yv)),
        (15, 15, 5, 5),
        name=f"the sizes of the four parts of {call}",
    )


@test_case(points=2)
def order_of_rng_permutation(student):
    """The validation set is the first round(val_fraction * N) entries of rng.permutation(N)."""
    for N, frac, seed in ((20, 0.25, 1), (30, 0.1, 2), (7, 0.3, 3)):
        call, X, y, parts = _split(student, N, frac, seed)
        expected = _expected(N, frac, seed)
        ids = [p.tolist() for p in (parts[1], parts[3])]
        want = [p.tolist() for p in (expected[1], expected[3])]
        hint = ""
        if ids[1] == list(range(len(ids[1]))) or sorted(ids[0] + ids[1]) == ids[0] + ids[1]:
            hint = " Diagnosis: the split is not shuffled: the data may be sorted by class or time."
        expect_true(
            ids == want,
            f"{call}: expected the training samples {want[0]} and the validation samples "
            f"{want[1]} (perm = rng.permutation({N}), validation = perm[:{round(frac * N)}]), got "
            f"{ids[0]} and {ids[1]}.{hint}",
        )
        for got, exp, name in zip(parts, expected, ("X_train", "y_train", "X_val", "y_val")):
            expect_value(got, exp, name=f"{name} of {call}")


@test_case(points=1)
def rejects_bad_fractions(student):
    """val_fraction must be strictly between 0 and 1: 0, 1 and 1.5 raise ValueError."""
    X, y = _data(10)
    for frac in (0.0, 1.0, 1.5):
        expect_raises(ValueError, student.train_val_split, X, y, frac, np.random.default_rng(0))
