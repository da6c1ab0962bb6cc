"""H5P packages: ``h5p.json``, the content and the libraries, checked as H5P core does.

Checked: ``h5p.json`` (title, mainLibrary, preloadedDependencies) and
``content/content.json`` are valid JSON; every library folder at the root has a valid
``library.json`` whose name and version match the folder (``<machineName>-<major>.<minor>``)
and whose preloaded JS/CSS files exist; the main library and every preloaded dependency,
followed through the libraries' own ``preloadedDependencies`` and
``dynamicDependencies``, are present; no library needs a newer core API than
:data:`CORE_API` (1.27, H5P core's current one); every file's extension is on H5P core's
default whitelist (``js`` and ``css`` only inside libraries), so no server-side code,
HTML page or program is ever accepted.

SVG is allowed (H5P core allows it and libraries ship icon fonts as SVG) and is **not**
sanitised: package files are only ever served from the content origin
(``content.packages.origin``), another host than the site, with a strict CSP and no
cookies of the main site, so a script inside an SVG never runs with the student's session.
"""

from __future__ import annotations

import json
import re

from django.conf import settings

from common.safefiles import ImportRejected, resolve_member
from content.packages.archive import Archive
from content.packages.errors import PackageRejected
from content.packages.models import Kind

H5P_JSON = "h5p.json"
CONTENT_JSON = "content/content.json"
#: The newest H5P core API whose libraries we play (``settings.HOCLIEU_H5P_CORE_API``).
CORE_API = (1, 27)
#: H5P core's default content whitelist (``H5PCore::$defaultContentWhitelist``).
CONTENT_EXTENSIONS = frozenset({
    "json", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "svg", "eot", "ttf", "woff",
    "woff2", "otf", "webm", "mp4", "ogg", "mp3", "m4a", "wav", "txt", "pdf", "rtf", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "xml", "csv", "diff", "patch",
    "swf", "md", "textile", "vtt", "webvtt", "gltf", "glb",
})  # fmt: skip
#: H5P core's default library whitelist adds these (``H5PCore::$defaultLibraryWhitelistExtras``).
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}
_FOLDER = re.compile(r"^(?P<name>[\w.-]+)-(?P<major>\d+)\.(?P<minor>\d+)$")


def _core_api() -> tuple[int, int]:
    return tuple(getattr(settings, "HOCLIEU_H5P_CORE_API", CORE_API))


def _json(archive: Archive, path: str, errors: list[str]):
    if not archive.has(path):
        errors.append(f"Gói thiếu tệp {path}")
        return None
    raw = archive.read(path)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        errors.append(f"Tệp {path} không phải văn bản UTF-8")
    except json.JSONDecodeError as exc:
        errors.append(
            f"Tệp {path} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})"
        )
    return None


def _version(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _dependency(entry) -> tuple[str, int, int] | None:
    if not isinstance(entry, dict):
        return None
    name, major, minor = (
        entry.get("machineName"),
        entry.get("majorVersion"),
        entry.get("minorVersion"),
    )
    major, minor = _version(major), _version(minor)
    if not isinstance(name, str) or not name or major is None or minor is None:
        return None
    return name, major, minor


def _label(dep: tuple[str, int, int]) -> str:
    return f"{dep[0]} {dep[1]}.{dep[2]}"


def _extensions(archive: Archive, library_folders: set[str], errors: list[str]) -> None:
    for path in archive.paths:
        if path == H5P_JSON:
            continue
        top = path.split("/", 1)[0]
        allowed = LIBRARY_EXTENSIONS if top in library_folders else CONTENT_EXTENSIONS
        name = path.rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in allowed:
            shown = f".{extension}" if extension else "không có phần mở rộng"
            where = "trong thư viện" if top in library_folders else "trong nội dung"
            errors.append(
                f"Tệp {path} có kiểu không được phép {where} gói H5P ({shown}); "
                "H5P chỉ nhận ảnh, âm thanh, video, phông chữ, tài liệu"
                + (", JS và CSS" if top in library_folders else "")
            )


def _library(archive: Archive, folder: str, errors: list[str]) -> dict | None:
    """Check one library folder; returns its description or None."""
    path = f"{folder}/library.json"
    if not archive.has(path):
        errors.append(
            f"Thư mục {folder}/ ở gốc gói không có tệp library.json (không phải thư viện H5P)"
        )
        return None
    data = _json(archive, path, errors)
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.append(f"Tệp {path} phải là một đối tượng JSON")
        return None
    name = data.get("machineName")
    numbers = [_version(data.get(k)) for k in ("majorVersion", "minorVersion", "patchVersion")]
    missing = [
        key
        for key, ok in (
            ("machineName", isinstance(name, str) and bool(name)),
            ("majorVersion", numbers[0] is not None),
            ("minorVersion", numbers[1] is not None),
            ("patchVersion", numbers[2] is not None),
        )
        if not ok
    ]
    if missing:
        errors.append(f"Tệp {path} thiếu hoặc sai trường {', '.join(missing)}")
        return None
    label = f"{name} {numbers[0]}.{numbers[1]}"
    if folder != f"{name}-{numbers[0]}.{numbers[1]}":
        errors.append(
            f"Thư mục {folder}/ không khớp với thư viện {label} khai báo trong library.json"
        )
    for key in ("preloadedJs", "preloadedCss"):
        for item in data.get(key) or []:
            file_path = item.get("path") if isinstance(item, dict) else None
            if not isinstance(file_path, str) or not file_path:
                errors.append(f"Tệp {path}: một mục {key} không có đường dẫn")
                continue
            try:
                full = resolve_member(f"{folder}/library.json", file_path)
            except ImportRejected:
                full = ""
            if not full or not full.startswith(f"{folder}/") or not archive.has(full):
                errors.append(f"Thư viện {label} thiếu tệp {file_path}")
    core = data.get("coreApi") if isinstance(data.get("coreApi"), dict) else {}
    need = (_version(core.get("majorVersion")) or 1, _version(core.get("minorVersion")) or 0)
    if need > _core_api():
        supported = "{}.{}".format(*_core_api())
        errors.append(
            f"Thư viện {label} cần H5P core API {need[0]}.{need[1]}, hoclieu hỗ trợ đến {supported}"
        )
    deps = [
        d
        for key in ("preloadedDependencies", "dynamicDependencies")
        for d in (_dependency(e) for e in data.get(key) or [])
        if d
    ]
    return {
        "key": (name, numbers[0], numbers[1]),
        "label": f"{label}.{numbers[2]}",
        "core": need,
        "deps": deps,
    }


def _closure(
    roots: list[tuple[str, int, int]], libraries: dict, folders: set[str], errors: list[str]
) -> list[str]:
    """Every library needed to play, in load order; a missing one is an error."""
    seen: set = set()
    order: list[str] = []

    def visit(dep, needed_by: str | None) -> None:
        if dep in seen:
            return
        seen.add(dep)
        library = libraries.get(dep)
        if library is None and f"{dep[0]}-{dep[1]}.{dep[2]}" in folders:
            return  # there, but its library.json was refused above
        if library is None:
            reason = f" (cần cho {needed_by})" if needed_by else ""
            errors.append(
                f"Gói thiếu thư viện {_label(dep)}{reason}: "
                f"không có thư mục {dep[0]}-{dep[1]}.{dep[2]}/"
            )
            return
        for child in library["deps"]:
            visit(child, _label(dep))
        order.append(_label(dep))

    for root in roots:
        visit(root, None)
    return order


def _manifest(data, errors: list[str]) -> tuple[str, list]:
    if not isinstance(data, dict):
        errors.append(f"Tệp {H5P_JSON} phải là một đối tượng JSON")
        return "", []
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append(f"Tệp {H5P_JSON} thiếu tên nội dung (title)")
    main = data.get("mainLibrary")
    if not isinstance(main, str) or not main:
        errors.append(f"Tệp {H5P_JSON} thiếu thư viện chính (mainLibrary)")
    entries = data.get("preloadedDependencies")
    if not isinstance(entries, list) or not entries:
        errors.append(f"Tệp {H5P_JSON} thiếu danh sách thư viện cần nạp (preloadedDependencies)")
        entries = []
    deps = []
    for entry in entries:
        dep = _dependency(entry)
        if dep is None:
            errors.append(
                f"Tệp {H5P_JSON}: một mục preloadedDependencies thiếu machineName hoặc số phiên bản"
            )
        else:
            deps.append(dep)
    if isinstance(main, str) and main and entries and main not in {d[0] for d in deps}:
        errors.append(f"Tệp {H5P_JSON}: thư viện chính {main} không có trong preloadedDependencies")
    return (title or "").strip() if isinstance(title, str) else "", deps


def read_h5p(archive: Archive) -> dict:
    """Validate an H5P package; returns ``kind``, ``edition``, ``launch`` and ``structure``."""
    errors: list[str] = []
    manifest = _json(archive, H5P_JSON, errors)
    if manifest is None:
        raise PackageRejected(errors)
    title, deps = _manifest(manifest, errors)
    content = _json(archive, CONTENT_JSON, errors)
    if content is not None and not isinstance(content, dict):
        errors.append(f"Tệp {CONTENT_JSON} phải là một đối tượng JSON")
    folders = sorted({p.split("/", 1)[0] for p in archive.paths if "/" in p} - {"content"})
    libraries = {}
    for folder in folders:
        library = _library(archive, folder, errors)
        if library is not None:
            libraries[library["key"]] = library
    _extensions(archive, set(folders), errors)
    main = manifest.get("mainLibrary") if isinstance(manifest, dict) else None
    main_dep = next((d for d in deps if d[0] == main), None)
    order = _closure(deps, libraries, set(folders), errors)
    if errors:
        raise PackageRejected(errors)
    needed = max((lib["core"] for lib in libraries.values()), default=(1, 0))
    return {
        "kind": Kind.H5P,
        "edition": f"{needed[0]}.{needed[1]}",
        "launch": "",
        "structure": {
            "title": title,
            "main_library": _label(main_dep) if main_dep else main,
            "libraries": sorted(lib["label"] for lib in libraries.values()),
            "preloaded": order,
            "embed_types": list(manifest.get("embedTypes") or []),
            "language": manifest.get("language", ""),
        },
    }
