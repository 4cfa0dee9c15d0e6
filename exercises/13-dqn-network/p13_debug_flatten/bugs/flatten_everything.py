# Wrong fix: features.ravel() flattens the whole batch into one row.
# expect: raised ValueError
import numpy as np


def q_head(features, params):
    flat = features.ravel()
    hidden = np.maximum(flat @ params["fc1_w"] + params["fc1_b"], 0.0)
    return hidden @ params["fc2_w"] + params["fc2_b"]
