"""E-lecture packages (SCORM 1.2/2004 and H5P): upload, validation, immutable versions.

``models`` (registered from ``content.models``), ``archive`` (the streamed, checked zip and
its one-time extraction to private storage), ``scorm`` and ``h5p`` (validation of each
format), ``services`` (``package_upload``, ``package_publish``), ``storage`` (reading a
version's files), ``admin`` (Wagtail admin views and the chooser) and ``origin/`` (the
content origin that plays the files, owned separately).
"""
