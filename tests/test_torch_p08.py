"""Page 8 reference solutions against PyTorch (CPU): sgd_step, momentum_step and adam_step
against torch.optim over many steps, the practice optimisers (RMSprop, gradient clipping,
learning-rate schedules) and the debug exercise's fixed Adam."""

import math
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "08-gradient-descent"

SHAPES = [
    [(3, 4), (4,), (4, 2), (2,)],
    [(5,)],
    [(1, 1)],
    [(8, 16), (16,), (16, 16), (16,), (16, 3), (3,)],
]


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def _problem(shapes, seed):
    """Initial parameters and a gradient function (a noisy quadratic, fixed per step)."""
    rng = np.random.default_rng(seed)
    params = [rng.standard_normal(s) for s in shapes]
    curv = [rng.uniform(0.1, 5.0, s) for s in shapes]
    noise = [[0.3 * rng.standard_normal(s) for s in shapes] for _ in range(60)]

    def grads(ps, step):
        return [c * p + n for c, p, n in zip(curv, ps, noise[step])]

    return params, grads


def _torch_path(params, grads, make_opt, steps):
    """Run a torch optimiser with our gradients assigned to .grad; parameters after each step."""
    tensors = [torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True) for p in params]
    opt = make_opt(tensors)
    path = []
    for step in range(steps):
        current = [t.detach().numpy().copy() for t in tensors]
        for t, g in zip(tensors, grads(current, step)):
            t.grad = torch.from_numpy(np.ascontiguousarray(g))
        opt.step()
        path.append([t.detach().numpy().copy() for t in tensors])
    return path, opt


def _assert_paths_equal(ours, theirs, what):
    for step, (a_step, b_step) in enumerate(zip(ours, theirs), start=1):
        for i, (a, b) in enumerate(zip(a_step, b_step)):
            assert a.shape == b.shape, (
                f"{what}: step {step}, array {i}: shape {a.shape} vs {b.shape}"
            )
            np.testing.assert_allclose(
                a, b, rtol=1e-10, atol=1e-12, err_msg=f"{what}: step {step}, array {i}"
            )


@pytest.mark.parametrize("shapes", SHAPES)
@pytest.mark.parametrize("lr", [0.1, 1e-3])
def test_sgd_step_matches_torch_sgd(shapes, lr):
    sgd_step = _solution("sgd_step")["sgd_step"]
    params, grads = _problem(shapes, seed=len(shapes))
    theirs, _ = _torch_path(params, grads, lambda ts: torch.optim.SGD(ts, lr=lr), 40)
    ours, ps = [], [p.copy() for p in params]
    for step in range(40):
        ps = sgd_step(ps, grads(ps, step), lr)
        ours.append(ps)
    _assert_paths_equal(ours, theirs, f"sgd_step lr={lr}")


@pytest.mark.parametrize("shapes", SHAPES)
@pytest.mark.parametrize("lr, beta", [(0.05, 0.9), (0.01, 0.99), (0.1, 0.5), (0.2, 0.0)])
def test_momentum_step_matches_torch_sgd_momentum(shapes, lr, beta):
    momentum_step = _solution("momentum_step")["momentum_step"]
    params, grads = _problem(shapes, seed=10 + len(shapes))
    theirs, opt = _torch_path(
        params, grads, lambda ts: torch.optim.SGD(ts, lr=lr, momentum=beta), 50
    )
    ours, ps = [], [p.copy() for p in params]
    vel = [np.zeros_like(p) for p in params]
    for step in range(50):
        ps, vel = momentum_step(ps, grads(ps, step), vel, lr, beta=beta)
        ours.append(ps)
    _assert_paths_equal(ours, theirs, f"momentum_step lr={lr} beta={beta}")
    if beta > 0:  # our velocities are torch's momentum buffers
        for v, group_p in zip(vel, opt.param_groups[0]["params"]):
            buf = opt.state[group_p]["momentum_buffer"].numpy()
            np.testing.assert_allclose(v, buf, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shapes", SHAPES)
@pytest.mark.parametrize(
    "kw",
    [
        {"lr": 1e-3},
        {"lr": 0.05, "beta1": 0.8, "beta2": 0.99},
        {"lr": 6.25e-5, "eps": 1.5e-4},  # Rainbow
        {"lr": 5e-5, "eps": 0.01 / 32},  # QR-DQN
    ],
)
def test_adam_step_matches_torch_adam(shapes, kw):
    adam_step = _solution("adam_step")["adam_step"]
    params, grads = _problem(shapes, seed=20 + len(shapes))
    betas = (kw.get("beta1", 0.9), kw.get("beta2", 0.999))
    make = lambda ts: torch.optim.Adam(ts, lr=kw["lr"], betas=betas, eps=kw.get("eps", 1e-8))  # noqa: E731
    theirs, opt = _torch_path(params, grads, make, 60)
    ours, ps = [], [p.copy() for p in params]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, 61):
        ps, m, v = adam_step(ps, grads(ps, t - 1), m, v, t, **kw)
        ours.append(ps)
    _assert_paths_equal(ours, theirs, f"adam_step {kw}")
    for mi, vi, p in zip(m, v, opt.param_groups[0]["params"]):  # the uncorrected moments
        np.testing.assert_allclose(mi, opt.state[p]["exp_avg"].numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(vi, opt.state[p]["exp_avg_sq"].numpy(), rtol=1e-10, atol=1e-16)


def test_adam_step_late_in_training_matches_torch():
    """From torch's own state after 3000 steps, one more step agrees (large t)."""
    adam_step = _solution("adam_step")["adam_step"]
    rng = np.random.default_rng(30)
    p0 = rng.standard_normal((4, 3))
    tensor = torch.tensor(p0.copy(), requires_grad=True)
    opt = torch.optim.Adam([tensor], lr=1e-3)
    for _ in range(3000):
        tensor.grad = torch.from_numpy(rng.standard_normal((4, 3)))
        opt.step()
    state = opt.state[tensor]
    before = tensor.detach().numpy().copy()
    m, v = state["exp_avg"].numpy().copy(), state["exp_avg_sq"].numpy().copy()
    g = rng.standard_normal((4, 3))
    tensor.grad = torch.from_numpy(g.copy())
    opt.step()
    (ours,), _, _ = adam_step([before], [g], [m], [v], 3001)
    np.testing.assert_allclose(ours, tensor.detach().numpy(), rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("shapes", SHAPES[:2])
@pytest.mark.parametrize("kw", [{}, {"lr": 2.5e-4, "alpha": 0.95, "eps": 0.01}])
def test_rmsprop_step_matches_torch_rmsprop(shapes, kw):
    rmsprop_step = _solution("p08_rmsprop_step")["rmsprop_step"]
    params, grads = _problem(shapes, seed=40 + len(shapes))
    full = {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, **kw}
    theirs, _ = _torch_path(params, grads, lambda ts: torch.optim.RMSprop(ts, **full), 40)
    ours, ps = [], [p.copy() for p in params]
    sq = [np.zeros_like(p) for p in params]
    for step in range(40):
        ps, sq = rmsprop_step(ps, grads(ps, step), sq, **kw)
        ours.append(ps)
    _assert_paths_equal(ours, theirs, f"rmsprop_step {kw}")


def test_debug_adam_fixed_matches_torch_adam():
    sol = _solution("p08_debug_adam")
    params, grads = _problem([(6,)], seed=50)
    theirs, _ = _torch_path(params, grads, lambda ts: torch.optim.Adam(ts, lr=0.01), 60)
    theta, state = params[0].copy(), sol["init_state"](params[0])
    ours = []
    for step in range(60):
        theta, state = sol["adam_update"](theta, grads([theta], step)[0], state, lr=0.01)
        ours.append([theta])
    _assert_paths_equal(ours, theirs, "p08_debug_adam solution")


@pytest.mark.parametrize("scale, max_norm", [(0.01, 1.0), (1.0, 0.5), (50.0, 10.0), (0.0, 0.5)])
def test_clip_grad_norm_matches_torch(scale, max_norm):
    clip_grad_norm = _solution("p08_clip_grad_norm")["clip_grad_norm"]
    rng = np.random.default_rng(60)
    grads = [scale * rng.standard_normal(s) for s in SHAPES[0]]
    tensors = [torch.zeros(s, dtype=torch.float64, requires_grad=True) for s in SHAPES[0]]
    for t, g in zip(tensors, grads):
        t.grad = torch.from_numpy(g.copy())
    total = torch.nn.utils.clip_grad_norm_(tensors, max_norm=max_norm)
    clipped, ours_total = clip_grad_norm(grads, max_norm)
    assert math.isclose(ours_total, float(total), rel_tol=1e-12, abs_tol=1e-15)
    for c, t in zip(clipped, tensors):
        np.testing.assert_allclose(c, t.grad.numpy(), rtol=1e-12, atol=1e-15)


def _scheduler_lrs(make, steps, base):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


def test_linear_decay_matches_linear_lr():
    linear_decay_lr = _solution("p08_lr_schedules")["linear_decay_lr"]
    base, total = 2.5e-4, 500
    theirs = _scheduler_lrs(
        lambda o: torch.optim.lr_scheduler.LinearLR(o, 1.0, 0.2, total_iters=total), 700, base
    )
    ours = [linear_decay_lr(s, base, total, final_lr=0.2 * base) for s in range(700)]
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-15)


def test_cosine_without_warmup_matches_cosine_annealing_lr():
    warmup_cosine_lr = _solution("p08_lr_schedules")["warmup_cosine_lr"]
    base, total, final = 1e-3, 400, 1e-5
    theirs = _scheduler_lrs(
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=total, eta_min=final),
        total + 1,
        base,
    )
    ours = [warmup_cosine_lr(s, base, 0, total, final_lr=final) for s in range(total + 1)]
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-15)
