"""Documents (memoranda, variations, signed pages, notices) kept in the database.

Never written where a web server could serve them: they leave only through the permission-
checked download view. A document never changes; a new version is a new document.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # the service's upload limit (settings)
DOCUMENT_SUFFIXES = (
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".png",
    ".jpg",
    ".jpeg",
    ".txt",
    ".eml",
    ".msg",
)


class Document(models.Model):
    name = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def store(cls, name: str, data: bytes, user: Any) -> Document:
        return cls.objects.create(
            name=name[:255],
            content=data,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            uploaded_by=user,
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("a document never changes: store a new one")
        super().save(*args, **kwargs)
