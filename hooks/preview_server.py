"""MkDocs hook of the editors' preview (make serve, make edit): it answers this machine only.

``on_serve`` is MkDocs' public event for the server it starts; the standard WSGI ``get_app``/``set_app``
put a check of ``Host`` and ``Origin`` in front of it (showcase.editing.local_only, against DNS rebinding).
"""

from showcase.editing.local_only import local_only


def on_serve(server, config, builder):
    server.set_app(local_only(server.get_app(), config.dev_addr.port))
    return server
