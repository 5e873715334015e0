"""Tools for scenario authors: the published Gherkin step library and ``ipt-sim test``."""
