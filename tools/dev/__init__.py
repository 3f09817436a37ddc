"""Developer tools: benchmarks (``make bench``), Lighthouse (``make lighthouse``), screenshots of pages and of
the form editor, synthetic data for the scaling runs. They print figures and write pictures; they assert nothing."""
