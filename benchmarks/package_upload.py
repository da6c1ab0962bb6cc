"""Uploading an e-lecture package (issue 20): hash, check, validate and extract a large
SCORM package through hoclieu's path, with its time and peak memory, beside plain Python
doing less with the same archive in the same run.

1. Builds a SCORM 1.2 package on disk: ``imsmanifest.xml``, an ``index.html`` SCO and
   ``--files`` files of ``--mb`` MB in all, as authoring tools export them: a few videos
   (a third of the bytes), images and audio (incompressible bytes, stored, as zip tools
   store media) and some small scripts and pages (deflated). Written in 1 MB pieces, so
   building it never holds it in memory.
2. Each measured step runs in its own fresh Python process (so its peak resident memory is
   its own): once for time and ``ru_maxrss`` (peak resident set, minus the process's
   resident set just before the step), once more under ``tracemalloc`` for the peak of
   Python allocations (slower, its time not reported):

   * hoclieu: ``package_check`` (SHA-256 of the upload in 1 MB chunks, the safe-zip
     checks, the manifest read with the hardened parser, every launch file present) then
     ``archive.extract`` (each member copied in chunks to the private storage), exactly
     what ``package_upload`` does before its two INSERTs;
   * ``sha256`` of the archive file in 1 MB chunks (the least any upload must do);
   * ``zipfile.ZipFile(path).extractall`` (no checks, no hash);
   * naive: the archive read into memory, then ``extractall`` (what streaming avoids).

Prints the package, then a table (seconds, MB/s, Python peak, resident peak over the start)
and hoclieu's peak as a share of the archive (printed, not a gate; ``--max-peak-mb`` makes
a higher peak exit 1). Usage:
    .venv/bin/python benchmarks/package_upload.py [--size ci|full] [--files N] [--mb M]
"""

import argparse
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

MB = 1024 * 1024
SIZES = {"ci": (500, 20), "full": (5000, 200)}  # files, MB
ZIP_DATE = (2025, 9, 5, 7, 0, 0)
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.hoclieu.bench" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Bài giảng lớn</title>
    <item identifier="i" identifierref="r"><title>Bài 1</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""
STEPS = {
    "hoclieu": "hoclieu: hash + safe-zip checks + manifest + extract",
    "sha256": "baseline: sha256 of the archive (1 MB reads)",
    "extractall": "baseline: zipfile extractall (no checks)",
    "naive": "naive: archive read into memory + extractall",
}


def _member(archive: zipfile.ZipFile, name: str, size: int, rng, *, stored: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=size > 1 << 30) as out:
        left = size
        while left:
            piece = min(left, MB)
            if stored:
                out.write(rng.randbytes(piece))
            else:  # scripts and pages compress as text does
                out.write(
                    (b"var hoclieu = %d; // bai giang\n" % rng.randrange(10**6)) * (piece // 32 + 1)
                )
            left -= piece


def build(path: Path, files: int, total_mb: int, seed: int = 20) -> tuple[int, int]:
    """Write the package; returns (files, expanded bytes)."""
    rng = random.Random(seed)
    total = total_mb * MB
    videos = max(1, files // 1000)
    video_size = total // 3 // videos
    small = files - videos - 2
    per_file = (total - videos * video_size) // max(1, small)
    expanded = 0
    with zipfile.ZipFile(path, "w", allowZip64=True) as archive:
        archive.writestr(zipfile.ZipInfo("imsmanifest.xml", date_time=ZIP_DATE), MANIFEST)
        archive.writestr(zipfile.ZipInfo("index.html", date_time=ZIP_DATE), "<!doctype html>")
        for n in range(videos):
            _member(archive, f"media/video-{n:02d}.mp4", video_size, rng, stored=True)
            expanded += video_size
        for n in range(small):
            folder, ext, stored = (
                ("scripts", "js", False) if n % 10 == 0 else
                ("audio", "mp3", True) if n % 10 == 1 else
                ("images", "jpg", True)
            )  # fmt: skip
            size = max(512, int(per_file * rng.uniform(0.5, 1.5)))
            _member(archive, f"{folder}/{n // 200:03d}/f{n:05d}.{ext}", size, rng, stored=stored)
            expanded += size
    return files, expanded


# === The steps, each in its own process ====================================================
def _rss_now_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _hoclieu(archive_path: str, out: str) -> None:
    from django.conf import settings

    from content.packages import archive as archives
    from content.packages.services import package_check

    if Path(settings.PRIVATE_MEDIA_ROOT) != Path(out):
        raise SystemExit("the private storage is not the benchmark's folder")
    with open(archive_path, "rb") as upload:
        archive, info = package_check(uploaded_file=upload)
        _prefix, reused = archives.extract(archive)
    if info["kind"] != "scorm12" or reused:
        raise SystemExit(f"unexpected: {info['kind']}, reused={reused}")


def _sha256(archive_path: str, out: str) -> None:
    digest = hashlib.sha256()
    with open(archive_path, "rb") as f:
        for chunk in iter(lambda: f.read(MB), b""):
            digest.update(chunk)


def _extractall(archive_path: str, out: str) -> None:
    with zipfile.ZipFile(archive_path) as archive:
        archive.extractall(out)


def _naive(archive_path: str, out: str) -> None:
    data = Path(archive_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(out)


def run_step(step: str, archive_path: str, out: str, trace: bool) -> dict:
    """In the child process: run one step, measure it, return what was measured."""
    if step == "hoclieu":
        os.environ["PRIVATE_MEDIA_ROOT"] = out
        import django

        django.setup()
        from django.conf import settings

        settings.PRIVATE_MEDIA_ROOT = out
    func = {"hoclieu": _hoclieu, "sha256": _sha256, "extractall": _extractall, "naive": _naive}
    before_kb = _rss_now_kb()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    func[step](archive_path, out)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "traced_peak": peak, "rss_delta": (maxrss_kb - before_kb) * 1024}


def measure(step: str, archive_path: Path, work: Path, *, trace: bool) -> dict:
    out = work / f"out-{step}-{int(trace)}"
    out.mkdir()
    try:
        done = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--step", step, "--archive", str(archive_path),
             "--out", str(out)] + (["--trace"] if trace else []),
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode:
            raise SystemExit(f"step {step} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _mb(n: float) -> str:
    return f"{n / MB:.1f} MB"


def report(results: dict, archive_size: int, expanded: int, max_peak_mb: float | None) -> int:
    print(f"{'step':<54} {'s':>6} {'MB/s':>6} {'Python peak':>12} {'RSS peak':>10}")
    for step, label in STEPS.items():
        timed, traced = results[step]
        volume = archive_size if step == "sha256" else expanded
        print(
            f"{label:<54} {timed['seconds']:>6.2f} {volume / MB / timed['seconds']:>6.0f} "
            f"{_mb(traced['traced_peak']):>12} {_mb(timed['rss_delta']):>10}"
        )
    ours = results["hoclieu"]
    peak = max(ours[1]["traced_peak"], ours[0]["rss_delta"])
    naive = max(results["naive"][1]["traced_peak"], results["naive"][0]["rss_delta"])
    print(
        f"hoclieu's peak memory (the larger of Python's and the resident set's growth): "
        f"{_mb(peak)} = {100 * peak / archive_size:.1f} % of the {_mb(archive_size)} archive "
        f"(the naive path: {_mb(naive)}); hoclieu's time = "
        f"{ours[0]['seconds'] / results['extractall'][0]['seconds']:.2f} × extractall"
    )
    if max_peak_mb is None:
        return 0
    verdict = "PASS" if peak <= max_peak_mb * MB else "FAIL"
    print(f"peak under {max_peak_mb:g} MB: {verdict}")
    return 0 if verdict == "PASS" else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--files", type=int)
    parser.add_argument("--mb", type=int)
    parser.add_argument("--max-peak-mb", type=float, help="exit 1 if hoclieu's peak is higher")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--archive", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:  # a child: one step
        print(json.dumps(run_step(args.step, args.archive, args.out, args.trace)))
        return 0
    files, total_mb = SIZES[args.size]
    files, total_mb = args.files or files, args.mb or total_mb
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        work = Path(tmp)
        archive_path = work / "bai-giang-lon.zip"
        started = time.perf_counter()
        count, expanded = build(archive_path, files, total_mb)
        size = archive_path.stat().st_size
        print(
            f"package: SCORM 1.2, {count} files, {_mb(expanded)} expanded, archive {_mb(size)} "
            f"(built in {time.perf_counter() - started:.1f} s); each step in a fresh process",
            flush=True,
        )
        results = {
            step: (measure(step, archive_path, work, trace=False),
                   measure(step, archive_path, work, trace=True))
            for step in STEPS
        }  # fmt: skip
        return report(results, size, expanded, args.max_peak_mb)


if __name__ == "__main__":
    sys.exit(main())
