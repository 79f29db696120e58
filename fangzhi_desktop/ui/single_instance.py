"""One window per database: a second start brings the first window forward instead of
becoming a second writer. A lock file next to the database (taken over when the process that
held it has died) and a local socket that carries the "show yourself" message."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate"
TIMEOUT_MS = 1000


def server_name(db_path: Path) -> str:
    digest = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"fangzhi-{digest}"


class SingleInstance(QObject):
    """``acquire()`` → True for the first instance; others ask it to come forward."""

    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = QLockFile(str(self.db_path) + ".lock")
        self.lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        self.name = server_name(self.db_path)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self.lock.tryLock(100):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                self._notify_first()
                return False
            return True  # the lock file cannot be written (read-only folder): do not block
        QLocalServer.removeServer(self.name)  # a socket left by a crashed first instance
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._incoming)
        self.server.listen(self.name)
        return True

    def _notify_first(self) -> None:
        """Any connection means "come forward"; no reply is awaited."""
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if socket.waitForConnected(TIMEOUT_MS):
            socket.write(ACTIVATE)
            socket.waitForBytesWritten(TIMEOUT_MS)
            socket.disconnectFromServer()
        socket.abort()
        socket.deleteLater()

    def _incoming(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.abort()
            socket.deleteLater()
            self.activated.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
