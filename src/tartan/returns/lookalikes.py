"""Spotting item names typed with look-alike characters ('rеferrals' with a Cyrillic е).

Such a name is never accepted as the real item: it is refused with a message that says which
character is foreign, because a look-alike is how a wrong row sneaks past a human reader.
"""

from __future__ import annotations

import difflib
import unicodedata

_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "һ": "h",
        "ɡ": "g",
        "ⅼ": "l",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "τ": "t",
        "ι": "i",
        "κ": "k",
        "υ": "u",
        "ℓ": "l",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "＿": "_",
    }
)


def canonical(text: str) -> str:
    """Case and spacing removed; every other character kept, so a look-alike stays visible."""
    return "_".join(text.strip().casefold().replace("-", " ").split())


def foreign_characters(text: str) -> list[tuple[int, str]]:
    """(1-based position, character) for every character outside plain ASCII."""
    return [(i, char) for i, char in enumerate(text, start=1) if ord(char) > 127]


def lookalike_of(text: str, known: tuple[str, ...]) -> str | None:
    """The known name that ``text`` imitates with look-alike characters, if any."""
    if not foreign_characters(text):
        return None
    disguised = canonical(unicodedata.normalize("NFKC", text)).translate(_CONFUSABLES)
    disguised = unicodedata.normalize("NFKD", disguised).encode("ascii", "ignore").decode()
    return disguised if disguised in known else None


def describe_character(char: str) -> str:
    name = unicodedata.name(char, "unknown character")
    return f"'{char}' ({name.title()}, U+{ord(char):04X})"


def closest(text: str, known: tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(canonical(text), known, n=1, cutoff=0.75)
    return matches[0] if matches else None
