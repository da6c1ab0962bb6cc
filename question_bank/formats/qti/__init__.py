"""IMS QTI 2.1/2.2 (and 3.0 items): assessment items and content packages, both ways."""

from question_bank.formats.qti.reader import (  # noqa: F401
    HL_NS,
    IMSCP_NS,
    QTI21_NS,
    export_qti_package,
    parse_qti,
    safe_asset_name,
)
