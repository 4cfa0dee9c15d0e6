# Bug: ignores min_delta, so tiny improvements (noise) keep resetting the count.
# expect: with min_delta a loss must beat best by more than min_delta
import math


class EarlyStopping:
    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.calls, self.bad = math.inf, None, 0, 0

    def step(self, val_loss):
        if val_loss < self.best:
            self.best, self.best_epoch, self.bad = val_loss, self.calls, 0
        else:
            self.bad += 1
        self.calls += 1
        return self.bad >= self.patience
