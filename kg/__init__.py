"""kg: a knowledge-graph builder for diplomatic events in Arabic news."""

__version__ = "0.1.0"
