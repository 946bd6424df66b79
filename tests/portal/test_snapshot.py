# SPDX-License-Identifier: EUPL-1.2
"""The snapshot store: one connection per served version, reused while CURRENT.json is unchanged,
closed once a newer version is published and the last borrowed cursor is back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from stuurdata.portal.snapshot import ServedVersion, SnapshotStore, VersionClosedError
from stuurdata.warehouse import build, open_current
from stuurdata.workspace import Workspace
from tests.portal.conftest import write_tiny_workspace


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = write_tiny_workspace(tmp_path / "ws")
    build(Workspace.load(root))
    return root


def _pointer(root: Path) -> Path:
    return root / ".stuurdata/warehouse/CURRENT.json"


def test_unchanged_pointer_reuses_snapshot_and_connection(built: Path) -> None:
    store = SnapshotStore(built)
    snapshot, served = store.current(), store.served()
    assert snapshot is not None and served is not None
    for _ in range(3):
        assert store.current() is snapshot
        assert store.served() is served
    with store.cursor() as (version, cursor):
        assert version is served
        assert cursor.execute("SELECT count(*) FROM areas.gemeenten").fetchone() == (2,)


def test_manifest_is_not_reread_while_the_pointer_is_unchanged(built: Path) -> None:
    store = SnapshotStore(built)
    snapshot = store.current()
    assert snapshot is not None
    manifest = built / f".stuurdata/warehouse/versions/{snapshot.version_id}.manifest.json"
    manifest.write_text("{ kapot", encoding="utf-8")
    assert store.current() is snapshot  # one stat, no parsing
    pointer = _pointer(built)
    pointer.write_text(pointer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(ValueError):  # the changed pointer is resolved again
        store.current()


def test_rewritten_pointer_to_the_same_version_keeps_the_connection(built: Path) -> None:
    store = SnapshotStore(built)
    served = store.served()
    pointer = _pointer(built)
    text = pointer.read_text(encoding="utf-8")
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(pointer)  # new inode, size and mtime; same version
    assert store.served() is served
    assert served is not None and not served.closed


def test_new_build_is_served_and_the_old_connection_closed(built: Path) -> None:
    store = SnapshotStore(built)
    old = store.served()
    assert old is not None
    build(Workspace.load(built))
    new = store.served()
    assert new is not None and new.version_id != old.version_id
    current = open_current(built)
    assert current is not None and new.version_id == current.version_id
    assert old.closed and not new.closed
    with pytest.raises(VersionClosedError), old.cursor():
        pass
    store.close()
    assert new.closed


def test_borrowed_cursor_keeps_the_old_version_open_until_returned(built: Path) -> None:
    store = SnapshotStore(built)
    with store.cursor() as (old, cursor):
        build(Workspace.load(built))
        new = store.served()
        assert new is not old
        assert not old.closed  # a request still reads the old version
        assert cursor.execute("SELECT count(*) FROM areas.buurten").fetchone() == (4,)
    assert old.closed


def test_requests_during_builds_never_fail(built: Path) -> None:
    store = SnapshotStore(built)
    errors: list[BaseException] = []
    seen: set[str] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                with store.cursor() as (version, cursor):
                    cursor.execute("SELECT count(*) FROM areas.buurten").fetchone()
                    seen.add(version.version_id)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(2):
            build(Workspace.load(built))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors[:3]
    assert len(seen) >= 2
    final = store.served()
    assert final is not None and not final.closed


def test_memo_and_bounded_recent(built: Path) -> None:
    published = open_current(built)
    assert published is not None
    served = ServedVersion(published)
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert served.memo("k", make) == 1 and served.memo("k", make) == 1
    assert served.peek("space", 1) is None
    for key in range(5):
        served.recent("space", key, lambda key=key: key * 10, size=3)  # type: ignore[misc]
    assert served.peek("space", 0) is None  # evicted: least recently used
    assert served.peek("space", 4) == 40
    assert served.recent("space", 4, lambda: -1, size=3) == 40
    assert served.recent("off", 1, lambda: 7, size=0) == 7
    assert served.peek("off", 1) is None  # size 0 keeps nothing
    served.retire()
    assert served.closed
