"""The signed session cookie, as Flask makes it, without remaking its signer on every request.

Flask builds a new serializer, and itsdangerous derives the signing key again by HMAC, for
every request that reads or writes the cookie: a fifth of a trivial request's CPU. The
key only changes with the app's secret, so both are kept per secret (issue 11: a turn's
server CPU). The cookie's format, signature and checks are Flask's own.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import TimestampSigner, URLSafeTimedSerializer


class _KeptKeySigner(TimestampSigner):
    """itsdangerous' timestamp signer (what a timed serializer signs with), deriving each secret's key once."""

    _derived: ClassVar[dict[tuple[Any, ...], bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        given = self.secret_key if secret_key is None else secret_key
        key = (given, self.salt, self.key_derivation, self.digest_method)
        with self._lock:
            kept = self._derived.get(key)
        if kept is None:
            kept = super().derive_key(secret_key)
            with self._lock:
                self._derived[key] = kept
        return kept


class KeptSignerSessions(SecureCookieSessionInterface):
    """Flask's cookie sessions with one serializer per secret key."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Any, ...], URLSafeTimedSerializer] = {}
        self._lock = threading.Lock()

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        with self._lock:
            kept = self._kept.get(key)
        if kept is None:
            kept = URLSafeTimedSerializer(
                [*key[1], key[0]],  # itsdangerous expects the current key last
                salt=self.salt,
                serializer=self.serializer,
                signer=_KeptKeySigner,
                signer_kwargs={"key_derivation": self.key_derivation, "digest_method": self.digest_method},
            )
            with self._lock:
                self._kept[key] = kept
        return kept
