"""Editing: what the media team uses to change the content.

make new (scaffold), make schema (the JSON Schema for editors' YAML language server), the form
editor's configuration, words and files in the preview's admin/, photo names, and make edit's two
servers with the guard that keeps them to this machine.
"""
