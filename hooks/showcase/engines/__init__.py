"""The engines: generate → engine → finish, and the only modules that know MkDocs or Zensical.

generate writes the engine input, the engine (MkDocs + Material, or Zensical) renders it, finish
works on the HTML. mkdocs_commands runs MkDocs for serve and build; mkdocs_messages rewords its
warnings in Chinese.
"""
