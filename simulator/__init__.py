"""ipt-sim: a communication-analysis training simulator for Interpersonal Psychotherapy."""

__version__ = "0.1.0"
__all__ = ["__version__"]
