"""Hidden tests for dropout_forward: any valid random draw passes; statistics on large arrays."""

import numpy as np

from grader.testing import expect_array, expect_true, expect_tuple, last_call, test_case


def _call(student, X, p, rng, **kwargs):
    out, mask = expect_tuple(student.dropout_forward(X, p, rng, **kwargs), 2)
    return out, mask


def _check_mask(X, p, out, mask):
    """out and mask are float arrays of X's shape, mask holds 0 or 1/(1-p), out = X * mask."""
    call = last_call()
    for what, arr in (("out", out), ("mask", mask)):
        expect_true(
            type(arr) is np.ndarray,
            f"{call}: {what} must be a numpy array, got {type(arr).__name__}.",
        )
        expect_true(
            arr.shape == np.shape(X),
            f"{call}: {what} must have X's shape {np.shape(X)}, got {arr.shape}. Draw one "
            "value per entry of X: rng.random(X.shape) (or rng.random(np.shape(X))).",
        )
    scale = 1.0 / (1.0 - p)
    m = mask.astype(float)
    zero = m == 0.0
    kept = np.isclose(m, scale, rtol=1e-12, atol=0.0)
    if not bool(np.all(zero | kept)):
        values = np.unique(m)[:4]
        hint = ""
        if np.all((m == 0.0) | (m == 1.0)):
            hint = (
                f" Your mask holds only 0 and 1 (a keep/drop pattern). Inverted dropout puts the "
                f"scale in the mask: kept entries are 1/(1-p) = {scale:.12g}, so that "
                "out = X * mask has the same expected value as X."
            )
        elif np.all(zero | np.isclose(m, 1.0 - p, rtol=1e-12, atol=0.0)):
            hint = (
                f" Your kept entries are (1-p) = {1 - p:.12g}: that shrinks them. Divide by "
                "(1-p) instead, so that the expected value of every entry stays the same."
            )
        raise AssertionError(
            f"{call}: every mask value must be 0 (dropped) or 1/(1-p) = {scale:.12g} (kept); "
            f"found the values {values.tolist()}.{hint}"
        )
    expect_array(
        out,
        np.asarray(X, dtype=float) * m,
        name=f"out of {call} (must equal X * mask)",
        rtol=1e-12,
        atol=1e-300,
    )


@test_case(points=3)
def mask_values_and_output(student):
    """Mask entries are 0 or 1/(1-p); out = X * mask; the shapes are X's."""
    X = np.random.default_rng(7).normal(size=(6, 8))
    for p, seed in ((0.25, 10), (0.5, 11), (0.9, 12)):
        out, mask = _call(student, X, p, np.random.default_rng(seed))
        _check_mask(X, p, out, mask)


@test_case(points=3)
def drops_a_fraction_p_and_keeps_the_mean(student):
    """On 100,000 entries the dropped fraction is about p and the mean of out about the mean of X."""
    X = np.ones((200, 500))
    for p, seed in ((0.2, 20), (0.5, 21), (0.8, 22)):
        out, mask = _call(student, X, p, np.random.default_rng(seed))
        _check_mask(X, p, out, mask)
        dropped = float(np.mean(mask == 0.0))
        expect_true(
            abs(dropped - p) < 0.01,
            f"{last_call()} with X = ones((200, 500)): expected about {p:.0%} of the entries "
            f"dropped (p is the probability of DROPPING a unit), got {dropped:.1%}."
            + (
                " That is 1 - p: you keep units with probability p instead of 1 - p."
                if abs(dropped - (1 - p)) < 0.01
                else ""
            ),
        )
        mean = float(np.mean(out))
        expect_true(
            abs(mean - 1.0) < 0.03,
            f"{last_call()} with X = ones((200, 500)): the mean of out should stay about 1.0 "
            f"(inverted dropout keeps the expected value of every entry), got {mean:.4f}.",
        )


@test_case(points=1)
def every_entry_draws_its_own_coin(student):
    """Each sample of a batch gets its own mask: rows (and columns) differ."""
    X = np.ones((64, 32))
    out, mask = _call(student, X, 0.5, np.random.default_rng(30))
    _check_mask(X, 0.5, out, mask)
    expect_true(
        not bool(np.all(mask == mask[0])),
        f"{last_call()}: every row of your mask is the same, so every sample of the batch loses "
        "the same units. Draw one independent value per entry of X (shape X.shape), not one "
        "mask of shape (D,) shared by the batch.",
    )
    expect_true(
        not bool(np.all(mask == mask[:, :1])),
        f"{last_call()}: every column of your mask is the same, so a sample keeps all its units "
        "or none. Draw one independent value per entry of X (shape X.shape).",
    )


@test_case(points=2)
def draws_from_the_given_rng(student):
    """Two generators in the same state give the same mask; two calls on one generator differ."""
    X = np.random.default_rng(8).normal(size=(10, 12))
    _, m1 = _call(student, X, 0.5, np.random.default_rng(123))
    _, m2 = _call(student, X, 0.5, np.random.default_rng(123))
    _check_mask(X, 0.5, X * m1, m1)
    expect_true(
        type(m2) is np.ndarray and m2.shape == m1.shape and bool(np.array_equal(m1, m2)),
        "dropout_forward: two generators in the same state (np.random.default_rng(123)) gave "
        "different masks. Draw the mask from the `rng` argument (for example rng.random), not "
        "from np.random's global functions, so that a seed makes a run reproducible.",
    )
    rng = np.random.default_rng(124)
    _, first = _call(student, X, 0.5, rng)
    _, second = _call(student, X, 0.5, rng)
    expect_true(
        not bool(np.array_equal(first, second)),
        "dropout_forward: two calls with the same generator gave identical masks, so every "
        "training step would drop the same units. Draw from the `rng` you are given (it "
        "advances with each draw); do not create a new generator with a fixed seed inside.",
    )


@test_case(points=1)
def p_zero_keeps_everything(student):
    """With p = 0 nothing is dropped: mask is all ones and out equals X."""
    X = np.random.default_rng(9).normal(size=(4, 5))
    out, mask = _call(student, X, 0.0, np.random.default_rng(40))
    expect_array(mask, np.ones((4, 5)), name=f"mask of {last_call()}")
    expect_array(out, X, name=f"out of {last_call()}")


@test_case(points=2)
def eval_mode_is_the_identity(student):
    """train=False returns X unchanged (itself or an equal array) and None."""
    X = np.random.default_rng(10).normal(size=(5, 6))
    for p in (0.5, 0.2):
        out, mask = _call(student, X, p, np.random.default_rng(50), train=False)
        call = last_call()
        if type(out) is np.ndarray and out.shape == X.shape and np.allclose(out, X * (1 - p)):
            raise AssertionError(
                f"{call}: out is X * (1 - p). That is the evaluation rule of the original "
                "(non-inverted) dropout. Inverted dropout already scaled the kept units by "
                "1/(1-p) during training, so at evaluation time the layer must return X as it is."
            )
        expect_array(out, X, name=f"out of {call} (evaluation: X unchanged)")
        expect_true(
            mask is None,
            f"{call}: with train=False the mask must be None (nothing was dropped), got "
            f"{type(mask).__name__}.",
        )


@test_case(points=1)
def other_shapes_and_integer_inputs(student):
    """A batch of one, a 1-D vector, a 3-D array and integer entries."""
    cases = [
        np.array([[1.0, -2.0, 3.0, 0.5]]),
        np.arange(1, 8, dtype=np.int64),
        np.random.default_rng(11).normal(size=(2, 3, 4)),
    ]
    for i, X in enumerate(cases):
        out, mask = _call(student, X, 0.5, np.random.default_rng(60 + i))
        _check_mask(X, 0.5, out, mask)
