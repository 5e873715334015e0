"""Collect every Gherkin feature under features/ (steps live in tests/steps)."""

from pytest_bdd import scenarios

scenarios(".")
