"""Time `import_photos` on camera-sized photos and show that its memory stays flat (a script).

    .venv/bin/python bench/import_photos.py [--counts 50 200] [--size 4000x3000] [--photos DIR]

Draws max(counts) JPEGs of the given size (noise over a gradient, so they weigh what a phone's
photo weighs), then, for each count, imports that many in a fresh child process (its own SQLite
database and media folder, so nothing else is touched): each photo is checked, re-encoded and
given its 8 renditions. Reports seconds per photo and the child's peak resident memory
(VmHWM) before the import (Django loaded, database migrated by another process) and at
its end; the peak must not grow with the count. Writes the
table to bench/results/import_photos.txt.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def draw(path, size, seed):
    from PIL import Image, ImageDraw

    width, height = size
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 48).convert("RGB")
    img = Image.blend(img, noise, 0.35)
    draw = ImageDraw.Draw(img)
    for i in range(12):
        x, y = (seed * 197 + i * 331) % width, (seed * 89 + i * 211) % height
        draw.ellipse(
            [x - 150, y - 150, x + 150, y + 150],
            fill=((seed * 40 + i * 20) % 255, 120, (i * 50) % 255),
        )
    img.save(path, "JPEG", quality=88)


def make_photos(folder, count, size):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        path = folder / f"IMG_{n:04d}.jpg"
        if not path.exists():
            draw(path, size, n)
    return sorted(folder.glob("*.jpg"))


def child(photos_dir, count):
    """In a fresh process: import `count` photos; print a JSON line of what it measured."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.development")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from tests.factories import make_album  # the same factory the tests use

    album = make_album("Ảnh hội nghị (đo hiệu năng)", status="draft")
    subset = Path(tempfile.mkdtemp()) / "photos"
    subset.mkdir()
    for photo in sorted(Path(photos_dir).glob("*.jpg"))[:count]:
        (subset / photo.name).symlink_to(photo)
    before = peak_rss_mb()
    start = time.perf_counter()
    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("import_photos", str(subset), album=album.slug, verbosity=0, stdout=devnull)
    seconds = time.perf_counter() - start
    result = {
        "count": album.photos.count(),
        "seconds": seconds,
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mb(),
    }
    print(json.dumps(result))  # noqa: T201  (the benchmark's output, read by its caller)


def peak_rss_mb():
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the
    high-water mark of the process that forked us (here the one that drew 12 MP pictures)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(photos_dir, count, workdir):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench-{count}.sqlite3",
        "MEDIA_ROOT": str(workdir / f"media-{count}"),
        "DJANGO_SETTINGS_MODULE": "chaudoc.settings.development",
        "DEBUG": "true",
    }
    # Migrations run in a process of their own: their memory is not the import's.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(photos_dir), str(count)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument(
        "--photos",
        type=Path,
        help="Keep the drawn photos in this folder (and reuse them next time).",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], int(args.child[1]))
    size = tuple(int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        start = time.perf_counter()
        source = args.photos or workdir / "source"
        photos = make_photos(source, max(args.counts), size)
        megabytes = sum(p.stat().st_size for p in photos) / len(photos) / 1e6
        lines = [
            f"import_photos, {len(photos)} generated {args.size} JPEGs "
            f"(mean {megabytes:.1f} MB, drawn in {time.perf_counter() - start:.0f} s), "
            f"{os.cpu_count()} cores",
            f"{'photos':>7} {'seconds':>9} {'s/photo':>8} {'RSS before MB':>14} "
            f"{'RSS peak MB':>12}",
        ]
        print(lines[0], flush=True)  # noqa: T201 (a script's output)
        for count in args.counts:
            m = run_child(source, count, workdir)
            assert m["count"] == count, m
            lines.append(
                f"{count:>7} {m['seconds']:>9.1f} {m['seconds'] / count:>8.2f} "
                f"{m['rss_before_mb']:>14.0f} {m['rss_peak_mb']:>12.0f}"
            )
            print(lines[-1], flush=True)  # noqa: T201
    out = ROOT / "bench" / "results" / "import_photos.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
