"""Root conftest: the published author step library is a plugin of the project's own suite,
so the bundled scenarios' features (features/library/) use exactly what authors use."""

pytest_plugins = ["simulator.authoring.steps"]
