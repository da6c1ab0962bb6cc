"""The one refusal of a package upload: every problem found, each a Vietnamese sentence."""


class PackageRejected(ValueError):
    """The package is refused; nothing was saved.

    ``messages`` lists every problem found, in Vietnamese, each naming the file (and the
    line, for the manifest) it is about, e.g. ``"Gói thiếu tệp imsmanifest.xml ở thư mục
    gốc"`` or ``"Thư viện H5P.DragText 1.10 thiếu tệp dist/h5p-drag-text.js"``.
    """

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))
