"""Where uploaded files live: a private root with no URL, and the public media root.

* The private root (``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``) is the project's
  ``default`` storage: library files, paper bundles, question-import uploads, Wagtail
  documents and original images, and anything a model does not declare public. Nothing
  serves it by path; views check the permission and send a file with
  :mod:`common.serving` (nginx reads it only through an ``internal`` location).
* The public root (``MEDIA_ROOT``, storage alias ``public``) is served by path: image
  renditions, library covers and question images. Every name stored there gets a random
  part, so a file's URL is known only to those who were shown it.
"""

import os
import secrets
import shutil
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

RANDOM_PART_LENGTH = 16  # characters of secrets.token_urlsafe: 96 bits


@cache
def _check_apart(private_root: str, media_root: str) -> None:
    private, media = Path(private_root).resolve(), Path(media_root).resolve()
    if private.is_relative_to(media) or media.is_relative_to(private):
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({private}) and MEDIA_ROOT ({media}) must not contain each "
            "other: everything under MEDIA_ROOT may be served by path."
        )


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files on disk under ``PRIVATE_MEDIA_ROOT``; they have no URL (``url`` is None)."""

    def __init__(self, location=None):
        super().__init__(location=location, base_url=None)

    # Properties, not the parent's cached ones: tests and tools change the setting.
    @property
    def base_location(self):
        location = self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)
        _check_apart(str(location), str(settings.MEDIA_ROOT))
        return location

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # No URL: views that check permission send these files. None rather than raising
        # (Django's NotImplementedError), so Wagtail's admin API lists an original image's
        # download_url as null instead of failing; nothing links to a private file by path.
        return None


@deconstructible
class PublicMediaStorage(FileSystemStorage):
    """``MEDIA_ROOT`` served by path; every stored name carries a random part."""

    def get_available_name(self, name, max_length=None):
        directory, base = os.path.split(name)
        root, ext = os.path.splitext(base)
        token = secrets.token_urlsafe(12)[:RANDOM_PART_LENGTH]
        if max_length is not None:
            room = max_length - len(directory) - len(ext) - len(token) - 2
            root = root[: max(room, 1)]
        return super().get_available_name(
            os.path.join(directory, f"{root}_{token}{ext}"), max_length
        )


def private_storage():
    """The private storage (for ``FileField(storage=private_storage)``)."""
    return storages["default"]


def public_storage():
    """The public media storage (for ``FileField(storage=public_storage)``)."""
    return storages["public"]


def move_into_private_root(moves: dict[str, str]) -> None:
    """Move existing files from the public root into the private one (migrations).

    ``moves`` maps a folder under ``MEDIA_ROOT`` to the folder under ``PRIVATE_MEDIA_ROOT``
    that holds the same stored names. A file already at its new place is left alone, so
    running it twice is harmless.
    """
    media = Path(settings.MEDIA_ROOT)
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    for old, new in moves.items():
        source = media / old
        if not source.is_dir():
            continue
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            target = private / new / path.relative_to(source)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)  # across disks too (two volumes in Docker)
        for folder in sorted((p for p in source.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(source.iterdir()):
            source.rmdir()
