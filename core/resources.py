"""Files that ship inside the package: partner profiles and the demo's synthetic samples.

Found through importlib.resources, so they resolve the same way from a source checkout, an
editable install and a wheel (the `data/` folder is installed as `sestry.data`).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_DATA_PACKAGE = "sestry.data"


def bundled_dir(name: str) -> Path:
    """A folder of the bundled data (`profiles`, `samples`) as a real path on disk.

    sestry is installed as plain files (wheel or editable), never zipped, so the resource is a
    path; anything else is refused rather than copied somewhere unexpected.
    """
    resource = files(_DATA_PACKAGE).joinpath(name)
    if not isinstance(resource, Path):
        raise RuntimeError(f"bundled {name} are not on the file system ({type(resource).__name__})")
    return resource


def profiles_dir() -> Path:
    """The bundled partner profiles (`<name>.toml`); DATA/profiles/ overrides them."""
    return bundled_dir("profiles")


def samples_dir() -> Path:
    """The bundled synthetic samples that `sestry demo` ingests."""
    return bundled_dir("samples")
