import math

import numpy as np

from grader.testing import call_unmodified, expect_scalar, test_case


def _advised(exc, advice):
    """The helper's message plus our advice: on its own line after a multi-line message."""
    text = str(exc)
    if not advice:
        return AssertionError(text)
    return AssertionError(text + ("\n" if "\n" in text else " ") + advice)


def _ce_ref(logits, labels):
    # Independent reference: per-row log-sum-exp with Python floats, exact sums.
    rows = np.asarray(logits, dtype=float).tolist()
    ys = [int(v) for v in np.asarray(labels).tolist()]
    losses = []
    for row, y in zip(rows, ys):
        m = max(row)
        lse = m + math.log(math.fsum(math.exp(v - m) for v in row))
        losses.append(lse - row[y])
    return math.fsum(losses) / len(losses)


def _check(student, logits, labels, name, advice=""):
    out = call_unmodified(student.cross_entropy_loss, logits, labels)
    want = _ce_ref(logits, labels)
    if type(out) is np.ndarray and out.ndim > 0:
        raise AssertionError(
            f"{name}: expected one number (the mean over the batch), got an array of shape "
            f"{out.shape}."
        )
    try:
        expect_scalar(out, want, name=name)
    except AssertionError as exc:
        got = float(out) if type(out) in (float, np.float64) else None
        if got is not None and want > 0 and abs(got + want) <= 1e-6 * want:
            advice = "You returned the mean log-probability (negative); the loss is its negative."
        raise _advised(exc, advice) from None


STABILITY = (
    "Never form probabilities (e^-1e4 rounds to 0, -log 0 = inf; exp(1e4) = inf, then nan): "
    "use z - m - log(sum(exp(z - m))), m = each row's max."
)


@test_case(points=2)
def known_values(student):
    """softmax [1/8, 2/8, 5/8] with true class 2 gives -log(5/8); two rows are averaged."""
    logits = np.array([[0.0, math.log(2.0), math.log(5.0)]])
    _check(
        student,
        logits,
        np.array([2], dtype=np.int64),
        "cross_entropy_loss(logits, labels) for logits = [[0, ln 2, ln 5]], labels = [2]",
    )
    logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    _check(
        student,
        logits,
        np.array([0, 2], dtype=np.int64),
        "cross_entropy_loss for logits = [[2, 1, 0.1], [0.5, 2.5, -1]], labels = [0, 2]",
        "Each row contributes -log softmax(row)[label]; the loss is the mean of the rows.",
    )


@test_case(points=2)
def random_batch(student):
    """A random batch (N=6, K=4) and a wider one (N=3, K=10)."""
    rng = np.random.default_rng(611)
    logits = rng.normal(size=(6, 4)) * 3.0
    labels = rng.integers(0, 4, size=6).astype(np.int64)
    _check(
        student,
        logits,
        labels,
        "cross_entropy_loss for random logits of shape (6, 4)",
        "Pick column labels[i] of row i (log_probs[np.arange(N), labels]), not a whole "
        "column per label ([:, labels] is (N, N)).",
    )
    logits = rng.normal(size=(3, 10))
    labels = np.array([9, 0, 4], dtype=np.int64)
    _check(student, logits, labels, "cross_entropy_loss for random logits of shape (3, 10)")


@test_case(points=3)
def stable_for_logits_of_1e4(student):
    """Logits of +-1e4 give finite, exact losses (no inf, no nan)."""
    logits = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 0.0], [-1e4, -1e4 + 1.0, -1e4]])
    labels = np.array([1, 0, 1], dtype=np.int64)
    _check(
        student,
        logits,
        labels,
        "cross_entropy_loss for logits with entries of +-1e4 (3 rows, labels [1, 0, 1])",
        STABILITY,
    )
    logits = np.array([[1e4, -1e4]])
    _check(
        student,
        logits,
        np.array([1], dtype=np.int64),
        "cross_entropy_loss for logits = [[1e4, -1e4]], labels = [1] (confidently wrong)",
        STABILITY,
    )


@test_case(points=2)
def rows_on_different_scales(student):
    """Each row uses its own maximum: a row near -1e4 next to a row near +1e4 stays finite."""
    logits = np.array([[1e4, 1e4 - 2.0, 1e4 - 1.0], [-1e4, -1e4 + 3.0, -1e4 + 1.0]])
    labels = np.array([2, 1], dtype=np.int64)
    _check(
        student,
        logits,
        labels,
        "cross_entropy_loss for one row near +1e4 and one near -1e4",
        "One max for the whole batch makes a row far below it underflow to log(0) = -inf: "
        "subtract each row's own max (axis=1, keepdims=True).",
    )


@test_case(points=2)
def ties_and_int32_labels(student):
    """Equal logits give log K; int32 labels (the browser's default) work like int64."""
    logits = np.full((3, 4), 7.0)
    _check(
        student,
        logits,
        np.array([0, 3, 1], dtype=np.int64),
        "cross_entropy_loss for all-equal logits of shape (3, 4) (expected ln 4)",
        "With all logits equal every class has probability 1/K, so the loss is log K.",
    )
    rng = np.random.default_rng(612)
    logits = rng.normal(size=(5, 3))
    labels = np.array([2, 0, 0, 1, 2], dtype=np.int32)
    _check(student, logits, labels, "cross_entropy_loss for labels of dtype int32")


@test_case(points=2)
def batch_of_one_gives_a_float(student):
    """A batch of one example still returns one float (not an array of shape (1,))."""
    logits = np.array([[3.0, -1.0]])
    _check(
        student,
        logits,
        np.array([0], dtype=np.int64),
        "cross_entropy_loss for logits = [[3, -1]], labels = [0]",
    )
    logits = np.array([[50.0, 0.0, 0.0]])
    _check(
        student,
        logits,
        np.array([0], dtype=np.int64),
        "cross_entropy_loss for logits = [[50, 0, 0]], labels = [0] (almost certainly right)",
        "The loss of a confident, correct prediction is a tiny positive number.",
    )


@test_case(points=1)
def inputs_unchanged(student):
    """cross_entropy_loss does not modify logits or labels."""
    logits = np.array([[1.0, 5.0, 3.0], [0.0, -2.0, 4.0]])
    labels = np.array([1, 2], dtype=np.int64)
    _check(student, logits, labels, "cross_entropy_loss for logits [[1, 5, 3], [0, -2, 4]]")
