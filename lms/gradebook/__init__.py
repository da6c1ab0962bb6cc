"""The gradebook (sổ điểm) of Thông tư 22/2021/TT-BGDĐT: marks per class, subject and term,
averages and learning-result levels computed by the rules in data (:mod:`.rules`)."""
