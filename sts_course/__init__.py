"""STS-responsive practice course: question bank, renderers, and course tooling."""

__version__ = "0.1.0"
