"""Identity fields drawn per persona: a first name and, when the template has an age band,
an age inside it. They keep a simulated user consistent within a conversation ("I'm Ana,
34") and differ across personas. Drawn from their own generator, keyed by seed and persona,
so adding them leaves every other draw of the sampler unchanged.
"""

from __future__ import annotations

import random
import re

FIRST_NAMES = (
    "Ana Ben Chidi Dana Elif Farid Grace Hiro Ines Jonas Kemi Leo Maya Nikhil Olga Pablo "
    "Quinn Rosa Samir Tanya Umar Vera Wen Ximena Yusuf Zoe Aisha Bruno Carmen Dev Emma Felix "
    "Gita Hugo Ivy Jamal Kofi Lena Marco Nora Omar Priya Rafael Sofia Tom Uma Viktor Wanda"
).split()


def age_range(band: str) -> tuple[int, int] | None:
    """'25_to_39' -> (25, 39), 'under_25' -> (18, 24), '60_plus' -> (60, 79); else None."""
    numbers = [int(n) for n in re.findall(r"\d+", band)]
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1 and re.search(r"under|below|less", band, re.I):
        return max(5, numbers[0] - 7), numbers[0] - 1
    if len(numbers) == 1 and re.search(r"plus|over|above|\+", band, re.I):
        return numbers[0], numbers[0] + 19
    return None


def draw_identity(seed: int, index: int, attributes: dict[str, str | None]) -> dict[str, str]:
    rng = random.Random(f"{seed}/identity/{index}")
    identity = {"name": rng.choice(FIRST_NAMES)}
    for key, value in attributes.items():
        span = age_range(value) if value and "age" in key.lower() else None
        if span is not None:
            identity["age"] = str(rng.randint(*span))
            break
    return identity
