# Bug: keeps decreasing after decay_steps, so epsilon becomes negative (no exploration at all, then nonsense).
# expect: expected 0.1, got
def linear_epsilon(step, start=1.0, end=0.1, decay_steps=1_000_000):
    return start + step / decay_steps * (end - start)
