"""Scan a concealed report's every part for the concealed authorities: their names, their
3-digit and ONS codes, fixed labels in code order. PDF: the text of every page and the document
information; XLSX: every part of the zip (docProps, workbook with the sheet names, sheets,
shared strings, charts); HTML and CSV: the text."""

from __future__ import annotations

import io
import re
import zipfile

from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register

NUMERIC_XML = re.compile(r"<(c:)?v>[-0-9.E+]*</(c:)?v>|<c:(numCache|numRef)>.*?</c:\1>", re.S)


def parts(data: bytes, fmt: str) -> list[tuple[str, str]]:
    """(where, text) of everything a reader or a tool could see in the file."""
    if fmt == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            found = [
                (f"page {i + 1}", page.extract_text() or "") for i, page in enumerate(pdf.pages)
            ]
            found.append(("metadata", " ".join(f"{k}={v}" for k, v in pdf.metadata.items())))
        found.append(("raw bytes", data.decode("latin-1")))
        return found
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return [(name, book.read(name).decode("utf-8", "replace")) for name in book.namelist()]
    return [(fmt, data.decode("utf-8"))]


def leaks(data: bytes, fmt: str, named: str) -> list[str]:
    """Every place a concealed authority of the default group shows; [] when none does."""
    register = shipped_register()
    found = []
    contents = parts(data, fmt)
    assert contents
    assert any(text.strip() for _, text in contents)
    for code in shipped_groups().default.members:
        if code == named:
            continue
        la = register[code]
        token = re.compile(rf"(?<![\w.,]){code}(?![\w.,%])")
        for where, text in contents:
            words = NUMERIC_XML.sub(" ", text) if fmt == "xlsx" else text
            if where == "raw bytes":
                words = ""  # compressed streams: names are searched in the extracted text
            for needle in (la.name, la.ons_code):
                if needle.lower() in text.lower() and where != "raw bytes":
                    found.append(f"{where}: {needle}")
            if token.search(words):
                found.append(f"{where}: code {code}")
    for where, text in contents:
        if re.search(r"\bLA ?0\d\b", text):
            found.append(f"{where}: a fixed label in code order")
    return found
