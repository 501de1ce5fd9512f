"""Synthetic quarters around real published figures, and the demo that runs the whole cycle."""
