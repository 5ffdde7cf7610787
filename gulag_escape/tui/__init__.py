"""The Textual front end: presentation only; every rule lives in the engine.

Import :func:`gulag_escape.tui.app.run_app` lazily: Textual costs a third of a second that
the headless commands should not pay.
"""
