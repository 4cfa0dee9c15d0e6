import numpy as np

from grader.testing import expect_array, expect_true, expect_tuple, last_call, test_case


def _global_state():
    """A copy of the legacy global generator's full state (key, position, cached gaussian)."""
    _, key, pos, has_gauss, gauss = np.random.get_state()
    return key.copy(), int(pos), int(has_gauss), float(gauss)


def _same_state(a, b):
    return bool(np.array_equal(a[0], b[0])) and a[1:] == b[1:]


def _net(student, obs_dim, n_actions, **kwargs):
    """Call make_q_network, check the structure, return [(W, b), ...] as float arrays."""
    hidden = kwargs.get("hidden", (64, 64))
    sizes = [obs_dim, *hidden, n_actions]
    out = student.make_q_network(obs_dim, n_actions, **kwargs)
    call = last_call()
    expect_true(
        isinstance(out, (list, tuple)) and len(out) == len(sizes) - 1,
        f"{call} should return a list of {len(sizes) - 1} (W, b) pairs",
    )
    layers = []
    for i, (pair, n_in, n_out) in enumerate(zip(out, sizes[:-1], sizes[1:])):
        W, b = expect_tuple(pair, 2, name=f"layer {i} of {call}")
        expect_true(
            np.shape(W) == (n_in, n_out) and np.shape(b) == (n_out,),
            f"layer {i} of {call}: expected W {(n_in, n_out)} and b {(n_out,)}, "
            f"got {np.shape(W)} and {np.shape(b)}",
        )
        layers.append((np.array(W, dtype=float), np.array(b, dtype=float)))
    return layers


def _standardized(W):
    """The underlying standard-normal draws: W divided by its He std, sorted."""
    return np.sort((W / np.sqrt(2.0 / W.shape[0])).ravel())


def _shared_draws(a, b):
    """How many values of sorted array a also occur (to 1e-9) in sorted array b."""
    idx = np.clip(np.searchsorted(b, a), 1, len(b) - 1)
    nearest = np.minimum(np.abs(b[idx] - a), np.abs(b[idx - 1] - a))
    return int(np.sum(nearest < 1e-9))


@test_case(points=1)
def shapes_biases_and_scale(student):
    """Layer shapes for several architectures, zero biases, He std per layer."""
    _net(student, 8, 4, hidden=(128,))
    _net(student, 3, 5, hidden=())  # a linear Q-function: a single layer
    layers = _net(student, 4, 2)
    for i, (_, b) in enumerate(layers):
        expect_array(b, np.zeros(b.shape), name=f"layer {i} bias", rtol=0, atol=0)
    W1 = layers[1][0]  # 64 x 64 = 4096 draws
    std = float(np.std(W1))
    expect_true(
        abs(std - np.sqrt(2 / 64)) < 0.1 * np.sqrt(2 / 64),
        f"layer 1 (64 -> 64) should have std sqrt(2/64) = 0.177, got {std:.4f}",
    )


@test_case(points=2)
def layers_do_not_share_draws(student):
    """No layer reuses the random numbers of another layer of the same network."""
    layers = _net(student, 4, 2, seed=0)
    draws = [_standardized(W) for W, _ in layers]
    for i in range(len(draws)):
        for j in range(i + 1, len(draws)):
            shared = _shared_draws(draws[i], draws[j])
            expect_true(
                shared == 0,
                f"layers {i} and {j} share {shared} random numbers (after dividing by their "
                "He std): each layer must continue the generator, not restart it",
            )


@test_case(points=2)
def reproducible_and_seeds_unrelated(student):
    """The same seed rebuilds the same network; networks for seeds 0 and 1 share no weights."""
    a = _net(student, 4, 2, seed=0)
    again = _net(student, 4, 2, seed=0)
    for i, ((W1, _), (W2, _)) in enumerate(zip(a, again)):
        expect_array(W2, W1, name=f"layer {i} W for a second call with seed=0", rtol=0, atol=0)
    b = _net(student, 4, 2, seed=1)
    pool_a = np.sort(np.concatenate([_standardized(W) for W, _ in a]))
    for i, (W, _) in enumerate(b):
        shared = _shared_draws(_standardized(W), pool_a)
        expect_true(
            shared == 0,
            f"layer {i} of the seed=1 network reuses {shared} random numbers of the seed=0 "
            "network: different seeds must give unrelated networks (seeding layer i with "
            "seed + i does not)",
        )


@test_case(points=1)
def global_random_state_untouched(student):
    """The function neither uses nor resets the global np.random state."""
    np.random.seed(2024)
    before = _global_state()
    _net(student, 4, 2, seed=5)
    expect_true(
        _same_state(before, _global_state()),
        "make_q_network changed the global np.random state (np.random.seed?); that silently "
        "resets every other user of np.random (exploration noise, replay sampling, ...). "
        "Use a local np.random.default_rng(seed).",
    )
