import math


def linear_decay_lr(step, base_lr, total_steps, final_lr=0.0):
    """base_lr at step 0, a straight line to final_lr at total_steps, final_lr after."""
    # TODO
    return base_lr


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, final_lr=0.0):
    """Linear warmup 0 -> base_lr over warmup_steps, then a half cosine to final_lr at total_steps."""
    # TODO
    return base_lr
