# Bug: the history list is a class attribute, shared by every EarlyStopping object.
# expect: not in class attributes shared by every instance
import math


class EarlyStopping:
    history = []

    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.bad = math.inf, None, 0

    def step(self, val_loss):
        self.history.append(val_loss)
        if val_loss < self.best - self.min_delta:
            self.best, self.bad = val_loss, 0
            self.best_epoch = len(self.history) - 1
        else:
            self.bad += 1
        return self.bad >= self.patience
