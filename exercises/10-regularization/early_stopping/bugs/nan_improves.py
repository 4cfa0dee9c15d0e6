# Bug: tests for "no improvement" with >=, which is False for NaN, so a diverged run's NaN becomes best.
# expect: best should be 1
import math


class EarlyStopping:
    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.calls, self.bad = math.inf, None, 0, 0

    def step(self, val_loss):
        if val_loss >= self.best - self.min_delta:
            self.bad += 1
        else:
            self.best, self.best_epoch, self.bad = val_loss, self.calls, 0
        self.calls += 1
        return self.bad >= self.patience
