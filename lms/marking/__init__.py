"""Marking (chấm bài) of assignments: a queue per assignment of the essays and of any answer
a teacher overrides, with the question's marking guide, reusable rubrics, a comment per
answer, every manual mark's history, "Trả bài" (return to the student), and the link of an
assignment to a gradebook column so its scores (and every later mark) land there."""
