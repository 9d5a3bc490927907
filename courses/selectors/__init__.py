"""Reads about learning that pages, views and reports share, one module per sub-domain.

- progress: a course's structure, a person's facts and THE progress count (course_progress),
  the next step; the course a page sits in
- page_states: what the course, lesson and toets pages show about the person
- answers: the learner's own answers, and the answers shared with a session's trainer
- my_learning: everything /mijn/ shows
- access: who coordinates which courses and keeps which sessions' attendance
- learners: the coordinator's learner list (annotated, filtered and sorted in the database)
- coordinator: the coordinator's other overviews (pending requests, a course's sessions)

Import a read from its module (`from courses.selectors.progress import course_progress`);
this package re-exports nothing.
"""
