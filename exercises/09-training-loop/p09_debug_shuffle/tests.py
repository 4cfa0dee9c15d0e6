"""Hidden tests for p09_debug_shuffle."""

import numpy as np

from grader.testing import expect_true, expect_tuple, expect_value, last_call, test_case


def _data(N):
    """Row i is [i, 10 i] with label i, so a shuffled pair shows at once if it still belongs together."""
    X = np.stack([np.arange(N, dtype=float), 10.0 * np.arange(N, dtype=float)], axis=1)
    return X, np.arange(N, dtype=np.int64)


def _call(student, N, seed):
    X, y = _data(N)
    result = student.shuffle_together(X, y, np.random.default_rng(seed))
    call = last_call()
    Xs, ys = expect_tuple(result, 2, name=f"{call} (it returns X_shuffled, y_shuffled)")
    return call, X, y, Xs, ys


@test_case(points=3)
def rows_keep_their_labels(student):
    """After shuffling, row i of X_shuffled still carries its own label y_shuffled[i]."""
    call, X, y, Xs, ys = _call(student, 12, 1)
    rows = np.asarray(Xs, dtype=float)[:, 0]
    labels = np.asarray(ys)
    kept = int(np.sum(rows == labels))
    expect_true(
        kept == len(y),
        f"{call}: only {kept} of the 12 rows still carry their own label (row i of the test data "
        f"is [i, 10 i] with label i; got rows {rows.astype(int).tolist()} with labels "
        f"{labels.tolist()}). X and y were put in two different orders, so each input now has a "
        "random label: a network trained on them fits noise, its loss stays at ln K (0.693 for "
        "two classes) and its accuracy at chance. Draw ONE permutation and index both arrays "
        "with it.",
    )


@test_case(points=2)
def order_is_rng_permutation(student):
    """The order is the first rng.permutation(N) of the generator passed in."""
    for N, seed in ((12, 1), (7, 2), (1, 3)):
        call, X, y, Xs, ys = _call(student, N, seed)
        perm = np.random.default_rng(seed).permutation(N)
        try:
            expect_value(Xs, X[perm], name=f"X_shuffled of {call}")
            expect_value(ys, y[perm], name=f"y_shuffled of {call}")
        except AssertionError as exc:
            raise AssertionError(
                f"{exc} Expected the order {perm.tolist()}: one rng.permutation(N) from the "
                "generator you are given (not np.random, which no seed of the run controls)."
            ) from None


@test_case(points=1)
def inputs_unchanged(student):
    """X and y themselves are not shuffled in place."""
    X, y = _data(9)
    X0, y0 = X.copy(), y.copy()
    student.shuffle_together(X, y, np.random.default_rng(4))
    expect_true(
        np.array_equal(X, X0) and np.array_equal(y, y0),
        f"{last_call()} changed the caller's X or y. rng.shuffle works in place; return "
        "shuffled copies (X[perm] is a copy) so the dataset keeps its order.",
    )
