"""The protocol's library knows nothing of the web service or of Django."""

from pathlib import Path

import tartan.concerns

LIBRARY = Path(tartan.concerns.__file__).parent


def test_the_library_imports_neither_django_nor_the_web_service():
    for source in LIBRARY.glob("*.py"):
        text = source.read_text()
        for forbidden in ("import django", "from django", "tartan.web"):
            assert forbidden not in text, (source.name, forbidden)
