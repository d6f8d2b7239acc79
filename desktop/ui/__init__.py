"""The Qt user interface: the only package that imports PySide6 (DESIGN.md §1).

The store and the list queries are imported here, before any PySide6 module: PySide6 installs
an import hook that slows down every later import, and SQLAlchemy's few hundred modules then
take about 40% longer, which the first paint of the main window waits for.
"""

import desktop.services.referrals.listing
import desktop.store.migrate  # noqa: F401
