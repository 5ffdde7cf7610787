"""The Textual app playing an assignment: the game's own screens, with the teacher's questions.

``play --assignment`` opens it in a terminal (:mod:`gulag_escape.commands.play`); what the
run is (its seed, questions, record and report) is :mod:`gulag_escape.teaching`'s.
"""
