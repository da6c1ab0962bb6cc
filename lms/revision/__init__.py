"""Online revision (ôn tập): the evidence log of a learner's answers, mastery per learning
outcome, the FSRS review queue per outcome, the choice of the next question, offline packs
and mock exams. Built on the exam engine (:mod:`lms.exams`), which never imports this."""
