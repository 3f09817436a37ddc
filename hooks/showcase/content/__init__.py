"""The content model: the data files read, checked against the schema, and built into the catalogue.

Loading (YAML with the line of every field, the preview's parse cache), the schema and its field types,
the checks across files (the loader also runs news.posts' check of the posts' front matter), and every
message about the data, worded in Chinese with file, line and fix.
"""
