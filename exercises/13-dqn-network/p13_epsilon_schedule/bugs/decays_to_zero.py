# Bug: ignores end and decays from start to 0.
# expect: expected 0.1, got 0.0
def linear_epsilon(step, start=1.0, end=0.1, decay_steps=1_000_000):
    return start * (1 - min(step / decay_steps, 1.0))
