import numpy as np


class ReplayBuffer:
    """A fixed-size circular store of transitions (s, a, r, s', done), sampled uniformly."""

    def __init__(self, capacity, obs_shape):
        self.capacity = capacity
        # TODO: preallocate arrays for obs, actions, rewards, next_obs and dones,
        # and keep track of where the next transition goes and how many are stored.

    def __len__(self):
        return 0

    def add(self, obs, action, reward, next_obs, done):
        pass  # TODO: store a copy; once full, overwrite the oldest transition

    def sample(self, batch_size, rng):
        # TODO: batch_size indices drawn uniformly (with replacement) with rng
        raise NotImplementedError
