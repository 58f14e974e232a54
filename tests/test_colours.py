"""Programme colours stay apart for people with the common colour-vision deficiencies.

How: each colour is passed through the Machado, Oliveira and Fernandes (2009) simulation of
protanopia, deuteranopia and tritanopia (full severity, applied in linear RGB), and every pair must
then still differ by at least MIN_DELTA_E in CIELAB (CIE76). A difference of about 10 is easy to tell
apart side by side on a map; the legend and tooltips name each programme as well, so colour is never
the only cue.
"""

from __future__ import annotations

import itertools

import pytest

MIN_DELTA_E = 15.0

SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def to_linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB -> CIELAB (D65)."""
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear_rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(colour: str, simulation: str) -> tuple[float, float, float]:
    rgb = [to_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    matrix = SIMULATIONS[simulation]
    return lab(tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix))  # type: ignore[arg-type]


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


@pytest.mark.parametrize("simulation", sorted(SIMULATIONS))
def test_programme_colours_stay_distinct(simulation, dataset):
    """Every pair of programme colours differs by at least MIN_DELTA_E as seen with this vision."""
    colours = {p.id: p.colour for p in dataset.programmes}
    for (first, a), (second, b) in itertools.combinations(colours.items(), 2):
        difference = delta_e(seen(a, simulation), seen(b, simulation))
        assert difference >= MIN_DELTA_E, f"{first} and {second}: ΔE {difference:.1f} with {simulation}"


def test_the_check_catches_colours_that_merge():
    """Red and green, apart for normal vision, merge with deuteranopia: the check must see that."""
    assert delta_e(seen("#CC3333", "normal"), seen("#558B2F", "normal")) > MIN_DELTA_E
    assert delta_e(seen("#CC3333", "deuteranopia"), seen("#558B2F", "deuteranopia")) < MIN_DELTA_E
