"""Why a backup or a restore was refused."""


class BackupError(RuntimeError):
    """A backup that cannot be written, or an archive that cannot or may not be restored."""
