"""Learner, coordinator and trainer views. Thin: check access, call one service or selector.

Every write is a POST; an object that is not the user's (a course they do not coordinate, a
session they do not train) is a 404. Bad input changes nothing and says so in Dutch.

- learner: /mijn/ and the learner's actions (enrol, accept an invitation, complete a lesson,
  save an answer, hand in a toets, sign up for or cancel a session)
- coordinator: the coordinator's courses, requests, learner list and export, invitations,
  enrolment import and sessions
- trainer: the sessions a trainer keeps attendance for, and the attendance list
"""
