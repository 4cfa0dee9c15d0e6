"""Shared look for the course's figure scripts: `from _style import PALETTE, new_figure`.

The build already sets fonts, sizes, background and the colour cycle before every figure;
this module only names the colours and makes the standard-size figure.
"""

import matplotlib.pyplot as plt

# Colour-blind-safe on white; the same order as the build's colour cycle.
PALETTE = {
    "blue": "#1f5fa8",
    "orange": "#d55e00",
    "green": "#2a8a4a",
    "red": "#b3261e",
    "purple": "#7b4fa0",
    "grey": "#5f6b78",
    "shade": "#f3d9c6",  # background bands (saturated regions, excluded ranges)
}


def new_figure(width=6.4, height=3.6, *, nrows=1, ncols=1, **kwargs):
    """(fig, ax) at the course's standard size; ax is an array when nrows or ncols > 1."""
    return plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)


def zero_lines(ax):
    """Thin lines through the origin, drawn under the data."""
    ax.axhline(0.0, color="#9aa3ad", linewidth=0.8, zorder=1)
    ax.axvline(0.0, color="#9aa3ad", linewidth=0.8, zorder=1)
