# Bug: computes the sum in float32, which rounds 1e8 - 1 to 1e8 and turns a sum of -1 into a tie.
# expect: in float32 1e8 - 1 rounds to 1e8
import numpy as np


def step_neuron(x, w, b):
    z = np.dot(np.asarray(w, dtype=np.float32), np.asarray(x, dtype=np.float32)) + np.float32(b)
    return 1 if z >= 0 else 0
