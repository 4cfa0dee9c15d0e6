# Bug: the warmup uses (step + 1) / warmup_steps, so step 0 already has a nonzero rate.
# expect: warmup_cosine_lr(step=0
import math


def linear_decay_lr(step, base_lr, total_steps, final_lr=0.0):
    frac = min(step, total_steps) / total_steps
    return float(base_lr + (final_lr - base_lr) * frac)


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, final_lr=0.0):
    if step < warmup_steps:
        return float(base_lr * (step + 1) / warmup_steps)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return float(final_lr + 0.5 * (base_lr - final_lr) * (1 + math.cos(math.pi * p)))
