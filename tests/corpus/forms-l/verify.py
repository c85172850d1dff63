#!/usr/bin/env python3
"""Structural checks of the held-out corpus (does not run the guard).

Usage: python3 verify.py [extract_dir]
"""
import csv
import email
import email.policy
import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile

from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout-l-extract"
HOSP = re.compile(r"@(cusm-exemple\.test|ciusss-exemple\.test|cisss-exemple\.test|chu-exemple\.test|[a-z.-]*ssss\.gouv\.qc\.ca)>")
OUTSIDE = re.compile(r"@(gmail\.com|hotmail\.com|yahoo\.ca|outlook\.com|[a-z-]+\.test)>?$")
problems = []


def bad(f, msg):
    problems.append(f"{f}: {msg}")


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


rows = list(csv.DictReader(open(os.path.join(HERE, "labels.csv"))))
on_disk = sorted(f"{d}/{n}" for d in ("positive", "negative") for n in os.listdir(os.path.join(HERE, d)))
if sorted(r["file"] for r in rows) != on_disk:
    bad("labels.csv", "does not list every file exactly once")
stats = {}
for r in rows:
    f = r["file"]
    raw = open(os.path.join(HERE, f), "rb").read()
    if re.search(rb"(?<!\r)\n", raw):
        bad(f, "bare LF")
    if raw.count(b"\r\nMIME-Version:") + raw.startswith(b"MIME-Version:") != 1:
        bad(f, "MIME-Version count")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if msg.defects:
        bad(f, f"defects {msg.defects}")
    if not HOSP.search(str(msg["From"])):
        bad(f, f"sender {msg['From']}")
    if not OUTSIDE.search(str(msg["To"])) or HOSP.search(str(msg["To"])):
        bad(f, f"recipient {msg['To']}")
    str(msg["Subject"])
    d = os.path.join(OUT, f.replace("/", "_"))
    os.makedirs(d, exist_ok=True)
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        for dfx in part.defects:
            bad(f, f"part defect {dfx}")
        payload = part.get_payload(decode=True)
        fn = part.get_filename() or f"part{n}.{part.get_content_subtype()}"
        fn = fn.replace("/", "_")
        n += 1
        p = os.path.join(d, fn)
        open(p, "wb").write(payload)
        cat = r["category"]
        low = fn.lower()
        if low.endswith(".pdf"):
            c = run(["qpdf", "--check", p])
            if c.returncode != 0:
                bad(f, "qpdf --check failed: " + c.stdout.decode()[-300:] + c.stderr.decode()[-300:])
            if cat == "scanned-pdf":
                t = run(["pdftotext", p, "-"]).stdout.decode().strip()
                if t:
                    bad(f, f"scanned pdf has text: {t[:40]!r}")
        if low.endswith((".tif", ".tiff")):
            im = Image.open(p)
            comps = []
            for i in range(im.n_frames):
                im.seek(i)
                comps.append(im.info.get("compression"))
                if im.size[0] != 1728 or im.mode != "1":
                    bad(f, f"tiff frame {im.size} {im.mode}")
            stats.setdefault("tiff", []).append((f, comps, im.info.get("dpi")))
        if low.endswith((".jpg", ".jpeg")):
            im = Image.open(p)
            o = im.getexif().get(0x0112, 1)
            up = ImageOps.exif_transpose(im)
            stats.setdefault("jpeg", []).append((f, o, im.size, up.size, im.info.get("dpi")))
        if low.endswith((".zip", ".docx", ".xlsx", ".pptx")):
            z = zipfile.ZipFile(p)
            if z.testzip() is not None:
                bad(f, "zip crc")
        if ".tar" in low or low.endswith(".tgz"):
            with tarfile.open(p) as t:
                t.getnames()
        if low.endswith(".7z"):
            import py7zr
            with py7zr.SevenZipFile(p) as z:
                z.testzip()
                stats.setdefault("7z", []).append((f, z.getnames()))
        if low == "winmail.dat":
            t = run(["tnef", "-t", p])
            if t.returncode != 0:
                bad(f, "tnef -t failed " + t.stderr.decode())
            td = p + ".out"
            os.makedirs(td, exist_ok=True)
            t = run(["tnef", "--save-body", "--body-pref=rht", "-C", td, "--overwrite", p])
            if t.returncode != 0:
                bad(f, "tnef extract failed " + t.stderr.decode())
            stats.setdefault("tnef", []).append((f, sorted(os.listdir(td))))
for k, v in stats.items():
    for x in v:
        print(k, *x)
print("messages:", len(rows))
print("problems:", len(problems))
for p in problems:
    print("  ", p)
sys.exit(1 if problems else 0)
