"""One window per workspace: a second `mopai FILE` hands FILE to the running window and exits.

Who is first is decided by a lock file in the data folder (QLockFile): it belongs to a process,
so after a crash or kill -9 it is stale and the next start takes it over (stale-by-age is off: a
window may run for days). The files travel over a local socket (QLocalServer/QLocalSocket: a
Unix socket, a named pipe on Windows), named per user and data folder, reachable by that user
only; the first instance removes a socket left behind by a crash before listening. The request
is one JSON line {"files": [absolute paths], "sample": bool}; the answer "ok".
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "instance.lock"
CONNECT_MS = 1500
ANSWER_MS = 5000
ATTEMPTS = 6            # the first window may hold the lock a moment before it listens


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):                      # no user name (some service accounts)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha1(f"{user}|{Path(data_dir).resolve()}".encode("utf-8")).hexdigest()[:16]
    return f"mopai-{digest}"


def request_text(files: list[str], sample: bool) -> bytes:
    paths = [str(Path(f).resolve()) for f in files]
    return (json.dumps({"files": paths, "sample": bool(sample)}, ensure_ascii=False) + "\n").encode("utf-8")


def parse_request(data: bytes) -> tuple[list[str], bool] | None:
    try:
        message = json.loads(data.decode("utf-8"))
        files = [str(f) for f in message.get("files", [])]
        return files, bool(message.get("sample", False))
    except (ValueError, AttributeError, TypeError):
        return None


class SingleInstance(QObject):
    """claim() in every start: True for the first window, which then listen()s; a later start
    calls hand_over() and exits."""

    request = Signal(list, bool)        # files, sample: for the running window

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
        self.lock.setStaleLockTime(0)   # stale only when its process is gone
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        return self.lock.tryLock(100)

    def listen(self) -> bool:
        QLocalServer.removeServer(self.name)          # a socket left by a crashed window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        return self.server.listen(self.name)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll())
        if b"\n" not in buffer:
            return
        parsed = parse_request(bytes(buffer).split(b"\n", 1)[0])
        socket.write(b"ok\n" if parsed else b"bad\n")
        socket.flush()
        socket.disconnectFromServer()
        if parsed:
            self.request.emit(*parsed)

    def hand_over(self, files: list[str], sample: bool = False) -> bool:
        """Send the files to the running window; True when it answered."""
        data = request_text(files, sample)
        for _ in range(ATTEMPTS):
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_MS):
                socket.write(data)
                socket.waitForBytesWritten(ANSWER_MS)
                answer = b""
                while b"\n" not in answer and socket.waitForReadyRead(ANSWER_MS):
                    answer += bytes(socket.readAll())
                answer += bytes(socket.readAll())      # what came with the disconnection
                socket.abort()
                return answer.startswith(b"ok")
            socket.abort()
            QThread.msleep(CONNECT_MS // 3)        # the first window may not listen yet
        return False
