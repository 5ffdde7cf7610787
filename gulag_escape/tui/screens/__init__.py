"""Full screens, one module each, with the ``.tcss`` of each beside it."""
