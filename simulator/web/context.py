"""What every request shares, and how a request is refused: the app factory
(:mod:`simulator.web.app`) builds a :class:`Web`, the views (:mod:`simulator.web.views`)
use it and raise :class:`Refusal`; neither module imports the other's internals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.security import check_password_hash

from simulator.records import Store
from simulator.web.catalogue import Catalogue


@dataclass
class Web:
    """What every request needs, shared by the app's threads (none of it is session state)."""

    store: Store
    catalogue: Catalogue
    secret: bytes
    leader_hash: str | None
    leader_key: str | None = None  # derived from the secret key and the password: the sign-in mark of every worker

    def leader_ok(self, password: str) -> bool:
        return self.leader_hash is not None and check_password_hash(self.leader_hash, password)


class Refusal(Exception):
    """A request refused with a status and a page that says why."""

    def __init__(self, status: int, title: str, message: str, links: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.links = list(links)
