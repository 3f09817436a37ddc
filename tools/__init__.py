"""Tools beside the core, by audience; run from the project folder as ``python -m tools.<audience>.<tool>``.

- ``release``: what goes out — publishing to the server, the offline copy, the reviewers' dossier PDF.
- ``dev``: what developers measure and look at — benchmarks, Lighthouse, screenshots, import paths.
- ``harness``: the project copied, built, served and opened in Chromium; shared by both and the tests.
"""
