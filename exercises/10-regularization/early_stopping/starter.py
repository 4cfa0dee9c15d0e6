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
        # TODO: what else must the object remember between calls?

    def step(self, val_loss):
        """Record one epoch's validation loss; return True when training should stop."""
        # TODO
        return False
