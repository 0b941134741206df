"""gwr: follow a government work report's promises, task by task."""

__version__ = "0.1.0"
