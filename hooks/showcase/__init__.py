"""The showcase core: data loading, validation, page models and rendering, free of MkDocs."""
