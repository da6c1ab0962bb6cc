"""Files of the library (thư viện điện tử): upload checks, text and covers, demo files.

* :func:`clean_upload` / :func:`validate_library_file` check an upload by its content
  (``upload``), with the PDF, EPUB and image specifics in ``pdf``, ``epub``, ``images``.
* :func:`pdf_extract`, :func:`pdf_thumbnail`, :func:`epub_extract` feed the processing task.
* :func:`demo_pdf`, :func:`demo_epub` make real Vietnamese files for demo data and tests.

Every refusal is an :class:`UploadRejected` whose message names the file and the reason.
"""

from content.files.base import UploadRejected
from content.files.epub import EpubInfo, demo_epub, epub_extract
from content.files.images import MAX_IMAGE_PIXELS
from content.files.pdf import PdfInfo, demo_pdf, find_active_content, pdf_extract, pdf_thumbnail
from content.files.upload import (
    DEFAULT_LIMITS,
    CleanFile,
    clean_upload,
    sniff_kind,
    validate_library_file,
)

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_IMAGE_PIXELS",
    "CleanFile",
    "EpubInfo",
    "PdfInfo",
    "UploadRejected",
    "clean_upload",
    "demo_epub",
    "demo_pdf",
    "epub_extract",
    "find_active_content",
    "pdf_extract",
    "pdf_thumbnail",
    "sniff_kind",
    "validate_library_file",
]
