"""The demo: a made-up town, Ashby Moor, with its groups, events, news,
governance and translations, for trying the site on your own computer.

The top layer of the project (docs/architecture.md): it imports any app and
nothing imports it. Each section of the demo is a builder registered, in
order, in ``sections.py``.
"""
