def linear_epsilon(step, start=1.0, end=0.1, decay_steps=1_000_000):
    """epsilon after `step` frames: linear from start to end over decay_steps, then constant."""
    # TODO: interpolate between start and end, and stay at end after decay_steps.
    return start
