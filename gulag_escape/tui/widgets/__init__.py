"""Widgets that draw what a screen hands them; none of them calls the engine."""
