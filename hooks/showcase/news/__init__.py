"""The news, owned by the core: posts and their front matter, their photos, links and images,
the lists at their addresses, and the Atom feed.
"""
