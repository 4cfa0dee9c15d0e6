# Wrong fix: keeps the channels-last flatten and transposes fc1_w instead: the shapes no longer match.
# expect: raised ValueError
import numpy as np


def q_head(features, params):
    n = features.shape[0]
    flat = features.transpose(0, 2, 3, 1).reshape(n, -1)
    hidden = np.maximum(flat @ params["fc1_w"].T + params["fc1_b"], 0.0)
    return hidden @ params["fc2_w"] + params["fc2_b"]
