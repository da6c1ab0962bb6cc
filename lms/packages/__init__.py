"""Tracking of e-lecture packages (SCORM 1.2/2004, H5P) played from the content origin:
learners' attempts and the append-only log of what the packages committed (issue 20).

The packages themselves (files, versions, structure) are :mod:`content.packages`; the
content origin and its launcher are :mod:`content.packages.origin`. This app keeps what a
learner's run-time committed through the main site's endpoints (:mod:`lms.packages.views`),
checked against the limits of the package's standard (:mod:`lms.packages.cmi`).
"""
