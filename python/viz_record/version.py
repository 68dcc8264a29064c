"""The package's version: run.json's producer.version, and the distribution's (pyproject.toml
reads it from here without importing the package, which needs torch)."""

VERSION = "0.2.0"
