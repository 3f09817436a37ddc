"""The pages: page models from the catalogue, rendered to Markdown with the templates (data escaped).

Charts and the figures page, the honours timeline, the brand comparison, the preview-only pages and
tracking, the footer's site lines, Chinese typography, and the site's own stylesheets and scripts as
served. Nothing here knows which engine renders the pages.
"""
