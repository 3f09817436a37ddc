"""Publishing the built site to a folder nginx serves: checks, configuration, releases (see tools/release/publish.py)."""
