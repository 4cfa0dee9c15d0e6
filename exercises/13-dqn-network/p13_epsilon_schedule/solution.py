def linear_epsilon(step, start=1.0, end=0.1, decay_steps=1_000_000):
    """epsilon after `step` frames: linear from start to end over decay_steps, then constant."""
    fraction = min(step / decay_steps, 1.0)  # 0 at the start, 1 once the decay is over
    return start + fraction * (end - start)
