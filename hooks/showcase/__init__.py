"""The showcase core, free of MkDocs: the content, its pages and news, editing, and the engines.

content (the data and its messages; it also runs the news posts' check) → pages and news (page models,
rendered) → engines (generate → engine → finish); editing serves the media team; cli, settings,
address and package are the edge.
"""
