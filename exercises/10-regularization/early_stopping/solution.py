import math


class EarlyStopping:
    """Stop training once the validation loss has not improved for `patience` calls in a row.

    A call improves when val_loss < best - min_delta (best starts at infinity).
    Attributes: best (the best validation loss so far) and best_epoch (the 0-based index of
    the call that set it).
    """

    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best = math.inf
        self.best_epoch = None  # no call yet
        self.calls = 0  # how many times step has been called
        self.bad_calls = 0  # consecutive calls without improvement

    def step(self, val_loss):
        """Record one epoch's validation loss; return True when training should stop."""
        if val_loss < self.best - self.min_delta:  # False for NaN: a NaN never improves
            self.best = val_loss
            self.best_epoch = self.calls
            self.bad_calls = 0
        else:
            self.bad_calls += 1
        self.calls += 1
        return self.bad_calls >= self.patience
