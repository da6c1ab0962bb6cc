"""Mock exams (thi thử): placeholder until the mock-exam work lands."""


def attempt_graded(sender, *, attempt_id: int, **kwargs) -> None:
    """Record a graded mock attempt's answers as revision evidence."""
