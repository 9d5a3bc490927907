"""The catalogue and the learning: courses, enrolment, progress, tests, sessions, completion."""
