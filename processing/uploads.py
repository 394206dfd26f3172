"""Uploaded mailbox files: streamed to a temporary file on disk (never held in memory),
stopped at MBOX_UPLOAD_MAX_MB, then kept as the user's one uploaded mailbox so a
cancelled run can resume from it."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

#: Set on the request when an upload went over the limit and was dropped.
TOO_LARGE = "jobtrail_upload_too_large"


def max_bytes() -> int:
    return int(settings.MBOX_UPLOAD_MAX_MB) * 1024 * 1024


class SizeLimitHandler(FileUploadHandler):
    """Stops reading a file once it passes the limit; the next handler writes to disk."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > max_bytes():
            if self.request is not None:
                setattr(self.request, TOO_LARGE, True)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return None


def too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_LARGE, False))


def looks_like_mbox(upload: UploadedFile) -> bool:
    """An mbox starts with a "From " line (Google Takeout's does)."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"From "


def user_mbox_path(user_id: int) -> Path:
    return Path(settings.MBOX_UPLOAD_DIR) / f"user-{user_id}.mbox"


def keep_upload(user_id: int, upload: UploadedFile) -> Path:
    """Move the uploaded temporary file into place (replacing the user's previous one)."""
    target = user_mbox_path(user_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None:
        # Same filesystem: a rename. Otherwise a copy, chunk by chunk.
        try:
            os.replace(temporary(), partial)
        except OSError:
            _copy(upload, partial)
    else:
        _copy(upload, partial)
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target


def _copy(upload: UploadedFile, path: Path) -> None:
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
