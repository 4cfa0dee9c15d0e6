# Wrong fix: flattens in Fortran order (first axis fastest): another order the weights were not trained for.
# expect: value(s) differ
import numpy as np


def q_head(features, params):
    n = features.shape[0]
    flat = features.reshape(n, -1, order="F")
    hidden = np.maximum(flat @ params["fc1_w"] + params["fc1_b"], 0.0)
    return hidden @ params["fc2_w"] + params["fc2_b"]
