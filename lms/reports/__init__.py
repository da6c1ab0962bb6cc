"""Reports for the school and the department (active people per week, the online learning
share against the official targets, use of the shared materials) and a class's progress
(students × learning outcomes, lesson and e-lecture completion)."""
