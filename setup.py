"""Ship the top-level folders as one namespace: `agent/` installs as `ftdesign.agent`, and so on.

The folders stay where the design card puts them; installed, the names taken on the package
index (`tools`, `evals`, `agent`, `knowledge`) never reach site-packages on their own.
"""

from setuptools import find_packages, setup

LAYERS = ["tools", "models", "knowledge", "evals", "agent"]

packages = find_packages(include=[f"{layer}*" for layer in LAYERS])
setup(
    packages=[f"ftdesign.{package}" for package in packages],
    package_dir={f"ftdesign.{layer}": layer for layer in LAYERS},
)
