# Bug: step // decay_steps is 0 until the very end: epsilon stays at start, then jumps.
# expect: expected 0.55, got 1.0
def linear_epsilon(step, start=1.0, end=0.1, decay_steps=1_000_000):
    return start + min(step // decay_steps, 1) * (end - start)
