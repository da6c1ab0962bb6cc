"""Why a MathType object could not become LaTeX; every message is for a Vietnamese teacher.

:class:`MathTypeError` is the one the caller catches: the object is then shown as its preview
picture and the question carries a review note. The subclasses say which step failed.
"""

from __future__ import annotations


class MathTypeError(ValueError):
    """A MathType/Equation Editor object that cannot be turned into LaTeX."""


class OleError(MathTypeError):
    """The OLE container is missing, corrupt, too large or holds no equation stream."""


class MtefError(MathTypeError):
    """The equation stream (MTEF) is corrupt or of a version we do not read."""


class Unconvertible(MathTypeError):
    """A well-formed equation using a construct that has no faithful LaTeX here."""
