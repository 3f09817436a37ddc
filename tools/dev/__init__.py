"""Developer tools: benchmarks (``make bench``), Lighthouse (``make lighthouse``), screenshots of pages and of
the form editor, synthetic data for the scaling runs, and the core's import paths. They print figures and
write pictures; they assert nothing.
"""
