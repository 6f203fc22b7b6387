"""Finding 1: a browser-chosen Chainlit session id must never name a folder to delete.

Chainlit 2.12 joins the socket's `sessionId` to its files folder and deletes that folder
when the session is cleared. The app refuses any id that is not a canonical UUID.
"""

from __future__ import annotations

import time
import uuid

import pytest
import socketio
from security_server import close, session_auth


@pytest.mark.parametrize("hostile", ["{victim}", "../../victim", "not-a-uuid", ""])
def test_a_path_as_session_id_is_refused_and_nothing_is_deleted(local_app, tmp_path, hostile):
    victim = tmp_path / "victim"
    (victim / "inside").mkdir(parents=True)
    token = local_app.local_token()
    session_id = hostile.format(victim=victim)
    try:
        sio = local_app.socket(token, session_auth(session_id))
    except socketio.exceptions.ConnectionError:
        refused = True
    else:  # the review's probe: clearing the session deleted the folder it named
        refused = False
        sio.emit("clear_session")
        time.sleep(1)
        close(sio)
    assert (victim / "inside").is_dir(), "the folder named by the session id was deleted"
    assert refused


def test_a_path_as_thread_id_is_refused(local_app):
    token = local_app.local_token()
    with pytest.raises(socketio.exceptions.ConnectionError):
        local_app.socket(token, session_auth(str(uuid.uuid4()), "../../../victim"))


def test_a_uuid_session_still_connects(local_app):
    sio = local_app.socket(local_app.local_token(), session_auth(str(uuid.uuid4())))
    assert sio.connected
    close(sio)
