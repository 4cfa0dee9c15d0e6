"""Hidden tests for reset_last_layers: kept layers copied, reset layers re-drawn He-normal."""

import numpy as np

from grader.testing import expect_array, expect_raises, expect_true, last_call, test_case


def _mlp(rng, sizes):
    return [
        (rng.normal(0.0, 0.5, size=(a, b)) + 0.3, rng.normal(size=b))  # trained-looking weights
        for a, b in zip(sizes[:-1], sizes[1:])
    ]


def _pairs(result, n, label):
    expect_true(
        type(result) in (list, tuple) and len(result) == n,
        f"{label}: expected a list of {n} (W, b) pairs, got "
        f"{type(result).__name__}{' of length ' + str(len(result)) if type(result) in (list, tuple) else ''}.",
    )
    for i, pair in enumerate(result):
        expect_true(
            type(pair) in (list, tuple) and len(pair) == 2,
            f"{label}: layer {i} must be a (W, b) pair, got {type(pair).__name__}.",
        )
    return result


@test_case(points=2)
def kept_layers_are_equal_copies(student):
    """The first len(params) - k layers come back with the same values, as new arrays."""
    params = _mlp(np.random.default_rng(1), [4, 8, 8, 2])
    result = _pairs(student.reset_last_layers(params, 1, np.random.default_rng(2)), 3, "")
    label = last_call()
    for i in range(2):
        for j, what in enumerate(("W", "b")):
            expect_array(result[i][j], params[i][j], name=f"{what} of kept layer {i} in {label}")
            expect_true(
                not np.shares_memory(result[i][j], params[i][j]),
                f"{label}: {what} of kept layer {i} is the input array itself. Return copies: "
                "the reset network is trained further, and that must not change the old one.",
            )


@test_case(points=3)
def reset_layers_are_fresh_he_normal(student):
    """Reset layers: same shapes, zero biases, weights with mean 0 and std sqrt(2 / n_in)."""
    params = _mlp(np.random.default_rng(3), [16, 400, 200, 100])
    result = _pairs(student.reset_last_layers(params, 2, np.random.default_rng(4)), 3, "")
    label = last_call()
    expect_array(result[0][0], params[0][0], name=f"W of kept layer 0 in {label}")
    for i in (1, 2):
        W, b = result[i]
        n_in, n_out = params[i][0].shape
        expect_array(
            b, np.zeros(n_out), name=f"b of reset layer {i} in {label} (biases restart at 0)"
        )
        expect_true(
            type(W) is np.ndarray and W.shape == (n_in, n_out),
            f"{label}: W of reset layer {i} must have shape {(n_in, n_out)}, got "
            f"{getattr(W, 'shape', type(W).__name__)}.",
        )
        want_std = np.sqrt(2.0 / n_in)
        std, mean = float(np.std(W)), float(np.mean(W))
        hint = ""
        if abs(std - np.sqrt(2.0 / n_out)) < 0.03 * np.sqrt(2.0 / n_out):
            hint = " That is sqrt(2 / n_out): He initialisation divides by the number of INPUTS, W.shape[0]."
        elif abs(std - 2.0 / n_in) < 0.03 * 2.0 / n_in:
            hint = " That is 2 / n_in, the variance: the standard deviation is its square root."
        elif abs(std - float(np.std(params[i][0]))) < 1e-12:
            hint = " Those are the old weights: the layer was not reset."
        expect_true(
            abs(std - want_std) < 0.03 * want_std,
            f"{label}: the weights of reset layer {i} ({n_in} inputs) should have standard "
            f"deviation sqrt(2 / {n_in}) = {want_std:.4f}, got {std:.4f}.{hint}",
        )
        expect_true(
            abs(mean) < 5 * want_std / np.sqrt(W.size),
            f"{label}: the weights of reset layer {i} should have mean 0, got {mean:.4f}.",
        )


@test_case(points=1)
def draws_from_the_given_rng(student):
    """The same generator state gives the same network; two different states give different ones."""
    params = _mlp(np.random.default_rng(5), [3, 5, 2])
    a = student.reset_last_layers(params, 2, np.random.default_rng(7))
    b = student.reset_last_layers(params, 2, np.random.default_rng(7))
    c = student.reset_last_layers(params, 2, np.random.default_rng(8))
    expect_true(
        all(np.array_equal(x[0], y[0]) for x, y in zip(a, b)),
        "reset_last_layers: two generators in the same state (np.random.default_rng(7)) gave "
        "different weights. Draw them from the `rng` argument.",
    )
    expect_true(
        not all(np.array_equal(x[0], y[0]) for x, y in zip(a, c)),
        "reset_last_layers: generators in different states gave the same weights. Draw from the "
        "`rng` you are given; do not create a generator with a fixed seed inside.",
    )


@test_case(points=2)
def k_zero_all_and_errors(student):
    """k = 0 keeps everything, k = len(params) resets everything, other k raise ValueError."""
    params = _mlp(np.random.default_rng(6), [6, 300, 3])
    none = _pairs(
        student.reset_last_layers(params, 0, np.random.default_rng(9)), 2, "reset_last_layers(k=0)"
    )
    for i in range(2):
        expect_array(none[i][0], params[i][0], name=f"W of layer {i} with k=0")
    full = _pairs(
        student.reset_last_layers(params, 2, np.random.default_rng(9)), 2, "reset_last_layers(k=2)"
    )
    expect_true(
        abs(float(np.std(full[0][0])) - np.sqrt(2 / 6)) < 0.1 * np.sqrt(2 / 6)
        and not np.allclose(full[0][0], params[0][0]),
        "reset_last_layers(params, k=2) on a 2-layer network must re-draw the first layer too "
        "(k counts layers from the end, so k = len(params) resets all of them).",
    )
    for bad in (-1, 3):
        expect_raises(ValueError, student.reset_last_layers, params, bad, np.random.default_rng(0))
