"""Which version (mã đề) each candidate sits.

Deterministic: a candidate's code follows from their room and seat, so the same list gives
the same codes again. In a room the seats take the codes in turn (seat k gets code
``(k + offset) mod n``), so two neighbours never share a code when the paper has two or
more versions; ``offset`` differs from room to room (derived from the session and room ids)
so the first seat of every room does not always get the first code.
"""

import hashlib


def room_offset(session_id: int, room_id: int | None, versions: int) -> int:
    if versions <= 1:
        return 0
    digest = hashlib.sha256(f"{session_id}:{room_id or 0}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % versions


def variant_for_seat(variant_ids: list[int], *, session_id: int, room_id, seat: int) -> int:
    """The variant (by id, from ``variant_ids`` in the paper's order) of a seat."""
    n = len(variant_ids)
    return variant_ids[(seat + room_offset(session_id, room_id, n)) % n]
