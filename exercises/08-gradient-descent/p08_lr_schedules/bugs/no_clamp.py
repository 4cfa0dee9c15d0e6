# Bug: no clamp after the end: the line goes negative and the cosine climbs back up.
# expect: expected 0.0, got -0.5
import math


def linear_decay_lr(step, base_lr, total_steps, final_lr=0.0):
    return float(base_lr + (final_lr - base_lr) * step / total_steps)


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, final_lr=0.0):
    if step < warmup_steps:
        return float(base_lr * step / warmup_steps)
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(final_lr + 0.5 * (base_lr - final_lr) * (1 + math.cos(math.pi * p)))
