"""Editing: what the media team uses to change the content, in the preview only.

Scaffolding of new files (make new), the form editor's configuration and words, the JSON Schema
for editors' YAML servers, the editor's files and pages, and the editor's two servers (make edit)
with the guard that keeps them to this machine.
"""
