"""``doclint serve``: the engine behind a web page and a JSON API, for an office's network.

One module per job: :mod:`.settings` (options and limits), :mod:`.uploads` (streaming multipart into
a private folder), :mod:`.sniff` (type from content, safe names), :mod:`.pool` (the adapter to the
budgeted worker pool, fair across requests), :mod:`.work` (what a worker
does: check, and build the page's downloads), :mod:`.checking` (one request end to end),
:mod:`.security` (headers, token, session, CSRF), :mod:`.api`, :mod:`.page`, :mod:`.openapi`,
:mod:`.app` (assembly) and :mod:`.command` (the CLI). Needs the ``serve`` extra
(Starlette, uvicorn, python-multipart).
"""
