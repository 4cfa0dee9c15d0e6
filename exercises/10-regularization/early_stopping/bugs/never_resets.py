# Bug: counts every call without improvement since the start, not only consecutive ones.
# expect: The count must restart at 0 after every improvement
import math


class EarlyStopping:
    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.calls, self.bad = math.inf, None, 0, 0

    def step(self, val_loss):
        if val_loss < self.best - self.min_delta:
            self.best, self.best_epoch = val_loss, self.calls
        else:
            self.bad += 1
        self.calls += 1
        return self.bad >= self.patience
