import math


def linear_decay_lr(step, base_lr, total_steps, final_lr=0.0):
    """base_lr at step 0, a straight line to final_lr at total_steps, final_lr after."""
    frac = min(step, total_steps) / total_steps  # clamped: stays at final_lr after the end
    return float(base_lr + (final_lr - base_lr) * frac)


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, final_lr=0.0):
    """Linear warmup 0 -> base_lr over warmup_steps, then a half cosine to final_lr at total_steps."""
    if step < warmup_steps:  # never runs when warmup_steps == 0
        return float(base_lr * step / warmup_steps)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return float(final_lr + 0.5 * (base_lr - final_lr) * (1 + math.cos(math.pi * p)))
