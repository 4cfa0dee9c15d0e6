"""Hidden tests for residual_block."""

import math

import numpy as np

from grader.testing import check_against_reference, check_cases, expect_array, test_case


def _relu(z):
    return np.maximum(z, 0.0)


def _ref(x, W1, b1, W2, b2):
    """Loops with exactly rounded sums, independent of BLAS."""
    N, D = x.shape
    H = W1.shape[1]
    h = np.array(
        [[max(0.0, math.fsum(x[n, d] * W1[d, k] for d in range(D)) + b1[k]) for k in range(H)]
         for n in range(N)]
    )  # fmt: skip
    f = np.array(
        [[math.fsum(h[n, k] * W2[k, d] for k in range(H)) + b2[d] for d in range(D)]
         for n in range(N)]
    )  # fmt: skip
    return _relu(x + f)


def _wrong(x, W1, b1, W2, b2):
    branch = _relu(x @ W1 + b1) @ W2 + b2
    return [
        (x + branch, "there is no ReLU after the sum: the block ends with relu(x + F(x))"),
        (_relu(branch), "the skip connection is missing: x must be added to the branch"),
        (x + _relu(branch), "x is added after the final ReLU; the ReLU comes after the sum"),
        (_relu(x + (x @ W1 + b1) @ W2 + b2), "the ReLU between the two dense layers is missing"),
    ]


def _check(student, args, label):
    got = student.residual_block(*args)
    try:
        expect_array(got, _ref(*args), name=f"residual_block for {label}", dtype="float")
    except AssertionError as exc:
        first, _, rest = str(exc).partition("\n")
        diagnosis = ""
        if isinstance(got, np.ndarray):
            for wrong, message in _wrong(*args):
                if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
                    diagnosis = " Diagnosis: " + message + "."
                    break
        raise AssertionError(first + diagnosis + ("\n" + rest if rest else "")) from None


def _block(rng, N, D, H, scale=1.0):
    return (
        rng.normal(0.0, scale, size=(N, D)),
        rng.normal(0.0, np.sqrt(2.0 / D), size=(D, H)),
        rng.normal(0.0, 0.1, size=H),
        rng.normal(0.0, np.sqrt(2.0 / H), size=(H, D)),
        rng.normal(0.0, 0.1, size=D),
    )


@test_case(points=2)
def worked_by_hand(student):
    """D = 2 features, H = 3 hidden units, two samples (one row ends negative)."""
    x = np.array([[1.0, -2.0], [0.5, 0.0]])
    W1 = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 1.0]])
    b1 = np.array([0.0, 0.5, 0.0])
    W2 = np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 1.0]])
    b2 = np.array([-0.5, 0.25])
    _check(student, (x, W1, b1, W2, b2), "the worked example")


@test_case(points=2)
def random_blocks(student):
    """Random blocks with D = 4, H = 8 on 5 samples, and D = 6, H = 3 on a single sample."""
    _check(student, _block(np.random.default_rng(1280), 5, 4, 8), "a batch of 5, D = 4, H = 8")
    _check(student, _block(np.random.default_rng(1281), 1, 6, 3), "a batch of 1, D = 6, H = 3")


@test_case(points=2)
def zero_branch_is_the_identity_path(student):
    """With W2 = 0 and b2 = 0 the branch is 0 and the block is relu(x)."""
    rng = np.random.default_rng(1290)
    x, W1, b1, _, _ = _block(rng, 4, 3, 5)
    check_cases(student.residual_block, [((x, W1, b1, np.zeros((5, 3)), np.zeros(3)), _relu(x))])


@test_case(points=2)
def large_inputs_and_more_seeds(student):
    """Inputs of size 1e3, and seeds 0, 1, 2 against a loop reference."""
    _check(student, _block(np.random.default_rng(1300), 3, 4, 6, scale=1e3), "inputs near 1e3")
    check_against_reference(student.residual_block, _ref, lambda rng: _block(rng, 7, 5, 9))
