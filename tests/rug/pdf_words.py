"""Words of a PDF with their boxes (pdftotext -bbox), to check what a reader of the page sees."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
# Liberation Sans (the Arial WeasyPrint finds here): a word's box is 1.117 em tall.
BOX_PER_POINT = 1.117


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def points(self) -> float:
        return (self.y1 - self.y0) / BOX_PER_POINT


def pdf_words(data: bytes) -> list[Word]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    words = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for found in _WORD.finditer(page):
            x0, y0, x1, y1 = (float(found[i]) for i in range(1, 5))
            words.append(Word(number, x0, y0, x1, y1, found[5]))
    return words


def overlapping(words: list[Word], slack: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap on a page: text printed over text."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    for page in by_page.values():
        page.sort(key=lambda w: w.x0)
        for i, a in enumerate(page):
            for b in page[i + 1 :]:
                if b.x0 >= a.x1 - slack:
                    break
                if a.y0 < b.y1 - slack and b.y0 < a.y1 - slack:
                    pairs.append((a.text, b.text))
    return pairs


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def pdf_info(data: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    info = {}
    for line in out.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info
