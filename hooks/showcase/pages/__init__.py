"""The pages: page models from the catalogue, rendered to Markdown with the templates.

Charts, the honours timeline, the brand comparison, tracking, Chinese typography, and the site's
own stylesheets and scripts as served. Nothing here knows which engine renders the pages.
"""
