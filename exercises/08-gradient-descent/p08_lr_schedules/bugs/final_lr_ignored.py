# Bug: the cosine always ends at 0, ignoring final_lr.
# expect: expected 0.55
import math


def linear_decay_lr(step, base_lr, total_steps, final_lr=0.0):
    frac = min(step, total_steps) / total_steps
    return float(base_lr + (final_lr - base_lr) * frac)


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, final_lr=0.0):
    if step < warmup_steps:
        return float(base_lr * step / warmup_steps)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return float(0.5 * base_lr * (1 + math.cos(math.pi * p)))
