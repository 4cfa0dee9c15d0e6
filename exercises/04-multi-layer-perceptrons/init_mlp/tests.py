import numpy as np

from grader.testing import expect_array, expect_true, expect_tuple, last_call, test_case


def _global_state():
    """A copy of the legacy global generator's full state (key, position, cached gaussian)."""
    _, key, pos, has_gauss, gauss = np.random.get_state()
    return key.copy(), int(pos), int(has_gauss), float(gauss)


def _same_state(a, b):
    return bool(np.array_equal(a[0], b[0])) and a[1:] == b[1:]


def _layers(student, sizes, **kwargs):
    """Call init_mlp, check the list structure and shapes, return [(W, b), ...] as float arrays."""
    out = student.init_mlp(list(sizes), **kwargs)
    call = last_call()
    expect_true(
        isinstance(out, (list, tuple)),
        f"{call} should return a list of (W, b) pairs, got {type(out).__name__}",
    )
    n_layers = len(sizes) - 1
    expect_true(
        len(out) == n_layers,
        f"{call} should return {n_layers} (W, b) pairs (one per layer), got {len(out)}",
    )
    layers = []
    for i, (pair, n_in, n_out) in enumerate(zip(out, sizes[:-1], sizes[1:])):
        W, b = expect_tuple(pair, 2, name=f"layer {i} of {call}")
        for arr, label, shape in ((W, "W", (n_in, n_out)), (b, "b", (n_out,))):
            expect_true(
                isinstance(arr, np.ndarray),
                f"layer {i} {label} of {call} should be a NumPy array, got {type(arr).__name__}",
            )
            expect_true(
                arr.shape == shape,
                f"layer {i} {label} of {call}: expected shape {shape} "
                f"((n_in, n_out) = ({n_in}, {n_out})), got {arr.shape}",
            )
            expect_true(
                arr.dtype.kind == "f",
                f"layer {i} {label} of {call}: expected a float array, got dtype {arr.dtype}",
            )
        layers.append((np.array(W, dtype=float), np.array(b, dtype=float)))
    return layers


@test_case(points=2)
def structure_and_shapes(student):
    """One (W, b) pair per layer; W is (n_in, n_out), b is (n_out,), both float arrays."""
    layers = _layers(student, [4, 64, 64, 2])
    for W, _ in layers:
        expect_true(np.all(np.isfinite(W)), "the weights must be finite numbers")
    _layers(student, [3, 1])  # a single layer with a single output unit


@test_case(points=1)
def biases_are_zero(student):
    """Every bias vector is exactly zero."""
    for i, (_, b) in enumerate(_layers(student, [4, 64, 64, 2])):
        expect_array(b, np.zeros(b.shape), name=f"layer {i} bias", rtol=0, atol=0)


@test_case(points=2)
def same_seed_same_arrays(student):
    """The same seed gives identical arrays, the default seed is 0, another seed differs."""
    sizes = [4, 64, 64, 2]
    first = _layers(student, sizes, seed=7)
    second = _layers(student, sizes, seed=7)
    for i, ((W1, _), (W2, _)) in enumerate(zip(first, second)):
        expect_array(W2, W1, name=f"layer {i} W of a second call with seed=7", rtol=0, atol=0)
    default = _layers(student, sizes)
    zero = _layers(student, sizes, seed=0)
    for i, ((W1, _), (W2, _)) in enumerate(zip(default, zero)):
        expect_array(W1, W2, name=f"layer {i} W of init_mlp(sizes) vs seed=0", rtol=0, atol=0)
    other = _layers(student, sizes, seed=1)
    expect_true(
        not np.array_equal(other[0][0], zero[0][0]),
        "seed=0 and seed=1 gave the same first weight matrix; the seed must change the draws",
    )


@test_case(points=1)
def ignores_global_random_state(student):
    """Draws come from np.random.default_rng(seed): the global np.random state plays no part."""
    sizes = [8, 16, 4]
    np.random.seed(123)
    before = _global_state()
    a = _layers(student, sizes, seed=3)
    after = _global_state()
    expect_true(
        _same_state(before, after),
        "init_mlp changed the global np.random state (np.random.seed / np.random.randn?); "
        "draw from rng = np.random.default_rng(seed) instead",
    )
    np.random.seed(999)
    b = _layers(student, sizes, seed=3)
    for i, ((W1, _), (W2, _)) in enumerate(zip(a, b)):
        expect_array(
            W2, W1, name=f"layer {i} W after changing the global np.random seed", rtol=0, atol=0
        )


@test_case(points=2)
def he_statistics_big_layer(student):
    """A 1000 x 1000 layer: mean near 0, std within 3% of sqrt(2/1000)."""
    ((W, _),) = _layers(student, [1000, 1000], seed=0)
    target = np.sqrt(2.0 / 1000)
    std = float(np.std(W))
    mean = float(np.mean(W))
    expect_true(
        abs(std - target) < 0.03 * target,
        f"std of W for n_in=1000 should be sqrt(2/1000) = {target:.5f}, got {std:.5f}",
    )
    expect_true(
        abs(mean) < 5 * target / 1000,
        f"mean of W should be close to 0 (|mean| < {5 * target / 1000:.1e}), got {mean:.2e}",
    )


@test_case(points=2)
def std_depends_on_fan_in(student):
    """Layer [4000 -> 50] has std sqrt(2/4000); layer [50 -> 10] has std sqrt(2/50) = 0.2."""
    (W1, _), (W2, _) = _layers(student, [4000, 50, 10], seed=0)
    for W, n_in, tol in ((W1, 4000, 0.03), (W2, 50, 0.15)):
        target = np.sqrt(2.0 / n_in)
        std = float(np.std(W))
        expect_true(
            abs(std - target) < tol * target,
            f"a layer with n_in={n_in} should have std sqrt(2/{n_in}) = {target:.4f}, got {std:.4f}",
        )


@test_case(points=1)
def weights_are_normal(student):
    """He-normal: about 4.55% of the weights lie beyond two standard deviations."""
    ((W, _),) = _layers(student, [1000, 1000], seed=5)
    frac = float(np.mean(np.abs(W) > 2 * np.sqrt(2.0 / 1000)))
    expect_true(
        0.042 < frac < 0.049,
        "for a normal distribution 4.55% of the draws lie beyond 2 std; "
        f"your weights have {100 * frac:.2f}% (a uniform distribution has none there)",
    )


def _standardized(W):
    """The underlying standard-normal draws of a He-normal W (W divided by sqrt(2/n_in)), sorted."""
    return np.sort((W / np.sqrt(2.0 / W.shape[0])).ravel())


def _shared_draws(a, b):
    """How many values of sorted array a also occur (to 1e-12) in sorted array b.

    Independent normal draws coincide to 1e-12 with probability about 1e-5 for the sizes
    used here, so any match means the same random number was used twice.
    """
    idx = np.clip(np.searchsorted(b, a), 1, len(b) - 1)
    nearest = np.minimum(np.abs(b[idx] - a), np.abs(b[idx - 1] - a))
    return int(np.sum(nearest < 1e-12))


@test_case(points=2)
def layers_do_not_reuse_draws(student):
    """Layers draw fresh numbers from one generator: no two layers share random numbers."""
    sizes = [64, 64, 64, 64]
    layers = _layers(student, sizes, seed=0)
    for i, (W, _) in enumerate(layers):
        expect_true(
            float(np.std(W)) > 0,
            f"all weights of layer {i} of init_mlp({sizes}) are equal; draw them at random",
        )
    draws = [_standardized(W) for W, _ in layers]
    for i in range(len(draws)):
        for j in range(i + 1, len(draws)):
            shared = _shared_draws(draws[i], draws[j])
            expect_true(
                shared == 0,
                f"layers {i} and {j} of init_mlp({sizes}, seed=0) share {shared} of their "
                f"{draws[j].size} random numbers (after dividing by the He std): the layers are "
                "copies of each other, or shifted copies of one block of draws. Create the "
                "generator once, before the loop, and let every layer continue drawing from it.",
            )


@test_case(points=2)
def seeds_give_unrelated_networks(student):
    """Networks for neighbouring seeds share no random numbers (so no per-layer seed + i)."""
    sizes = [4, 64, 64, 2]
    base = _layers(student, sizes, seed=0)
    pool = np.sort(np.concatenate([_standardized(W) for W, _ in base]))
    for other in (1, 2):
        for i, (W, _) in enumerate(_layers(student, sizes, seed=other)):
            shared = _shared_draws(_standardized(W), pool)
            expect_true(
                shared == 0,
                f"layer {i} of init_mlp({sizes}, seed={other}) reuses {shared} random numbers "
                f"of the seed=0 network. Different seeds must give unrelated networks; "
                "re-seeding every layer (default_rng(seed + i)) makes neighbouring seeds share "
                "layers. Use one np.random.default_rng(seed) for the whole network.",
            )


@test_case(points=1)
def weights_have_normal_tails(student):
    """He-normal has tails: about 0.27% of a 1000 x 1000 layer lies beyond 3 standard deviations."""
    ((W, _),) = _layers(student, [1000, 1000], seed=11)
    z = np.abs(W) / np.sqrt(2.0 / 1000)
    frac = float(np.mean(z > 3.0))
    expect_true(
        0.0020 < frac < 0.0034,
        "for a normal distribution 0.27% of the draws lie beyond 3 standard deviations; "
        f"your weights have {100 * frac:.3f}% there (largest |w| is {float(z.max()):.2f} std). "
        "A truncated or clipped normal cuts off the tails; draw from rng.normal or "
        "rng.standard_normal without clipping or resampling.",
    )
