"""A pytest plugin that keeps every Word file the tests give the Word reader.

Loaded with ``-p tests.question_bank.import_edit.docx_recorder`` and ``HOCLIEU_DOCX_RECORD``
naming a folder, it writes each .docx reaching :func:`question_bank.formats.docx.parse`
there once (named by its hash), so that a check over "every file the tests build" needs no
list of builders (test_no_essay.py). Without the variable it does nothing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    folder = os.environ.get("HOCLIEU_DOCX_RECORD")
    if not folder:
        return
    from question_bank.formats import docx as package
    from question_bank.formats.docx import document

    reader = document.parse_document

    def recording(data: bytes, filename: str):
        if data[:2] == b"PK":
            name = hashlib.sha256(data).hexdigest()[:24] + ".docx"
            Path(folder, name).write_bytes(data)
        return reader(data, filename)

    # Before collection: the test modules import ``parse`` from the package, which calls
    # the package's own name for the reader.
    document.parse_document = recording
    package.parse_document = recording
