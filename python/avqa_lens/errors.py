"""The kit's error type."""


class ExportError(ValueError):
    """An export that would not give a model the app can use; the message names the problem."""
