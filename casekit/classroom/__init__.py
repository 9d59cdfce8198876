"""casekit on a JupyterHub: the class's answer store, the instructor's dashboard, exports.

- :mod:`casekit.classroom.store`: the SQLite store (append-only answer events, WAL mode).
- :mod:`casekit.classroom.events`: what an answer event must look like (checked on arrival).
- :mod:`casekit.classroom.identity`: who is calling, from the hub only; who is an instructor.
- :mod:`casekit.classroom.analysis`: the class view (started/finished, spreads, wrong answers).
- :mod:`casekit.classroom.exports`: gradebooks (casekit grade's, Canvas, Moodle), reflections.
- :mod:`casekit.classroom.charts`: the dashboard's offline Altair charts, rendered to SVG.
- :mod:`casekit.classroom.pages` and :mod:`casekit.classroom.handlers`: the web service.
- :mod:`casekit.classroom.app`: ``python -m casekit.classroom``, the service JupyterHub starts.
- :mod:`casekit.classroom.client`: the kernel side, sending each saved answer to the service.
- :mod:`casekit.classroom.demo`: the demo classroom of ``make hub``.

Dependencies point one way: this package uses :mod:`casekit.exercises`; nothing in
``casekit.exercises`` imports it (the client is found through an entry point).
"""
