"""Satisfaction surveys (khảo sát mức độ hài lòng): published by a department or school
admin to the teachers or students of a scope, answered once per person, anonymous when the
survey says so."""
