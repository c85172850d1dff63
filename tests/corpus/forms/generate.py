#!/usr/bin/env python3
"""Labelled corpus of fake e-mails whose patient data sits in *file forms*.

    python3 tests/corpus/forms/generate.py            # regenerate everything (runs LibreOffice)
    python3 tests/corpus/forms/generate.py --reuse-legacy   # keep the LibreOffice files on disk
    python3 tests/corpus/forms/generate.py --check    # regenerate in memory, compare with disk
    python3 tests/corpus/forms/generate.py --ocr      # also OCR every image with Tesseract (slow)

Writes ``positive/NNN-slug.eml``, ``negative/NNN-slug.eml`` and ``labels.csv`` next to this
script. It reuses the identifier algorithms, name pools and MIME builder of
``tests/corpus/generate.py`` (imported by path), so the labelling rule and the fake-data
rules are the same as in that corpus:

POSITIVE = a hospital privacy officer would say the message carries confidential data about an
identifiable patient (or a social insurance number). NEGATIVE = everything else; most
negatives are hard ones (clinical vocabulary about no identifiable patient, identifier
look-alikes, staff names with dates that are not birth dates).

Every message has a short body that does not reveal its label: the attachment decides.
Every random choice comes from ``random.Random`` seeded with SEED plus the template name and
index; dates come from the fixed range of the base corpus, never from the clock. The only
non-deterministic bytes are the .doc/.xls/.ppt files written by LibreOffice (they carry
timestamps), which is why the generated files are committed.
"""

import base64
import csv
import datetime as dt
import email
import email.policy
import functools
import gzip
import hashlib
import html
import importlib.util
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sentinelle_corpus_base", os.path.join(os.path.dirname(HERE), "generate.py"))
B = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(B)

SEED = 20251104
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
LO_PROFILE = "file:///tmp/lo-profile-train"
MAX_TOTAL = 8 * 1024 * 1024

J = B.J
fmt_date = B.fmt_date
ascii_local = B.ascii_local
HOSPITALS = [h for h in B.HOSPITALS if h["domain"].endswith(".example")]

# ---------------------------------------------------------------------------
# Per-message world
# ---------------------------------------------------------------------------


class W(B.World):
    """The base World plus what this corpus records for its self-checks."""

    def __init__(self, rng, lang):
        super().__init__(rng, lang)
        self.hosp = rng.choice(HOSPITALS)
        self.names = []        # patient names that must appear in the decoded (non-image) content
        self.image_needles = []  # (image bytes, [strings]) checked only by --ocr
        self.image_only = False  # True when the patient data is only in pixels
        self.path = None
        self.legacy_index = 0

    def md(self):
        return self.staff(self.c(["md", "md", "md", "resident"]))

    def pat(self, lo=18, hi=95, **kw):
        p = self.person(lo, hi, **kw)
        return p

    def dob(self, p, style=None):
        return fmt_date(p.dob, style or self.c(B.DOB_STYLES_FR if self.fr else B.DOB_STYLES_EN))


CLINIC_DOMAINS = ["gmf-troisrivages.example", "clinique-beausejour.example", "gmfu-vieuxmoulin.example",
                  "clsc-erables.example", "cliniquepointe.example", "gmf-ste-aurelie.example", "polyplateauvert.example"]
OTHER_ORGS = [("Université du Littoral – Faculté de médecine", "ulittoral.example"),
              ("Centre de recherche Saint-Aurèle", "crsa.example"), ("Clinique Radiologie Horizon", "radio-horizon.example"),
              ("Pharmacie Lemieux et associés", "pharmalemieux.example"), ("Assurances Boréales", "assur-boreales.example"),
              ("Cabinet Dr Proulx inc.", "cabinetproulx.example")]


def outside(w, kind=None):
    """An address outside the sender's hospital (the guard watches outgoing mail)."""
    r = w.r
    kind = kind or r.choice(["clinic", "clinic", "clinic", "personal", "org", "other-hosp"])
    g = r.choice(B.GIVEN_F_QC + B.GIVEN_M_QC) if w.fr or r.random() < 0.5 else r.choice(B.GIVEN_F_EN + B.GIVEN_M_EN)
    s = r.choice(B.SURNAMES_QC) if w.fr or r.random() < 0.5 else r.choice(B.SURNAMES_EN)
    if kind == "clinic":
        return (f"{g} {s}", f"{ascii_local(g)}.{ascii_local(s)}@{r.choice(CLINIC_DOMAINS)}")
    if kind == "personal":
        return (f"{g} {s}", w.family_addr(g, s))
    if kind == "vendor":
        name, dom = r.choice(B.SUPPLIERS)
        return (f"{g} {s} – {name}" if r.random() < 0.5 else f"{g} {s}", f"{ascii_local(g)[0]}{ascii_local(s)}@{dom}")
    if kind == "org":
        org, dom = r.choice(OTHER_ORGS)
        return (f"{g} {s}", f"{ascii_local(g)[0]}{ascii_local(s)}@{dom}")
    h = r.choice([x for x in HOSPITALS if x is not w.hosp])
    return (f"{g} {s}", f"{ascii_local(g)}.{ascii_local(s)}@{h['domain']}")


def own_personal(w, md):
    """The physician's own personal address (the classic 'send it home to work on it')."""
    return (md.full, w.family_addr(md.given, md.surname))


# Bodies and subjects are shared by positives and negatives of a category, so that the text
# of the message says nothing about the label.
BODIES = {
    "screenshot": (["Ci-joint la capture.", "Voir la capture d'écran ci-jointe.", "Voici la capture dont je te parlais.",
                    "Capture d'écran en pièce jointe.", "Voir pièce jointe.", "Peux-tu regarder la capture ci-jointe?",
                    "Comme discuté au téléphone, voici l'écran.", "Voici ce que je vois de mon côté."],
                   ["See the attached screenshot.", "Screenshot attached.", "Here is the screen I mentioned.", "See attachment."]),
    "scan": (["Voir pièce jointe.", "Voici le document numérisé.", "Ci-joint le scan.", "Document numérisé ci-joint.",
              "Je te transmets la numérisation.", "Photo du document en pièce jointe.", "Tel que demandé, voici le document."],
             ["See attached.", "Scanned document attached.", "Here is the scan.", "Photo attached."]),
    "inline": (["Voir ci-dessous.", "Voici l'image.", "Regarde ça :", "Pour info, voir l'image ci-dessous.", "Ci-dessous la capture."],
               ["See below.", "Image below.", "FYI, see below."]),
    "fax": (["Télécopie reçue ce matin, voir pièce jointe.", "Voici le fax.", "Fax en pièce jointe.", "Je te fais suivre la télécopie.",
             "Voir le document télécopié ci-joint."],
            ["Fax attached.", "Forwarding the fax we received.", "See the attached fax."]),
    "document": (["Voir pièce jointe.", "Voici le document.", "Ci-joint le fichier.", "Comme convenu, voici le fichier.",
                  "Document en pièce jointe.", "Je te transmets le document pour révision.", "Voici la version de travail.",
                  "Tel que discuté, le fichier est en pièce jointe."],
                 ["See attached.", "Document attached.", "Here is the file.", "As discussed, the file is attached."]),
    "form": (["Voir le formulaire ci-joint.", "Formulaire en pièce jointe.", "Voici le formulaire.", "Ci-joint le formulaire à compléter/traiter.",
              "Voir pièce jointe."],
             ["Form attached.", "See the attached form.", "Here is the form."]),
    "sheet": (["Voir le fichier ci-joint.", "Voici le tableau.", "Ci-joint le classeur.", "Fichier Excel en pièce jointe.", "Voir pièce jointe."],
              ["Spreadsheet attached.", "See the attached file.", "Here is the workbook."]),
    "export": (["Voici l'exportation.", "Export en pièce jointe.", "Ci-joint l'extraction.", "Voir le fichier joint.", "Voir pièce jointe."],
               ["Export attached.", "Here is the extract.", "See attached file."]),
    "archive": (["Voir l'archive ci-jointe.", "Voici les fichiers compressés.", "Ci-joint l'archive.", "Fichiers en pièce jointe.", "Voir pièce jointe."],
                ["Archive attached.", "Files attached (compressed).", "See attached."]),
    "schedule": (["Horaire de la semaine en pièce jointe.", "Voici l'horaire.", "Programme en pièce jointe.", "Ci-joint le programme de demain."],
                 ["Schedule attached.", "Here is this week's schedule."]),
}
SUBJECTS = {
    "screenshot": (["Capture", "Capture d'écran", "Écran", "Image", "TR: capture", "À regarder", "Question"], ["Screenshot", "Screen capture", "Image", "Question"]),
    "scan": (["Numérisation", "Document numérisé", "Scan", "Scan_0012", "Document", "Photo"], ["Scan", "Scanned document", "Photo", "Document"]),
    "inline": (["Capture", "Pour info", "Image", "TR:", "Voir ci-dessous"], ["FYI", "Image", "See below"]),
    "fax": (["Télécopie", "Fax reçu", "TR: Télécopie", "Fax"], ["Fax", "Fwd: fax"]),
    "document": (["Document", "Fichier", "Pour révision", "Version de travail", "TR: document", "Suivi"], ["Document", "File", "For review"]),
    "form": (["Formulaire", "Formulaire rempli", "Demande", "TR: formulaire"], ["Form", "Request form"]),
    "sheet": (["Tableau", "Classeur", "Fichier Excel", "Suivi", "Données"], ["Spreadsheet", "Workbook", "Data"]),
    "export": (["Export", "Extraction", "Fichier texte", "Données"], ["Export", "Extract", "Data"]),
    "archive": (["Archive", "Fichiers", "Envoi de fichiers", "Export"], ["Archive", "Files"]),
    "schedule": (["Horaire", "Programme", "Horaire semaine", "Planification"], ["Schedule", "Roster"]),
}


def body_text(w, key, md, extra=None):
    fr, en = BODIES[key]
    line = w.c(fr if w.fr else en)
    parts = [w.c([w.greet(), w.greet(), ""]), "", line]
    if extra:
        parts += ["", extra]
    parts += ["", w.c([w.close(), "", ""]), w.signature(md, full=w.chance(0.5))]
    return J(*parts)


def subject(w, key):
    fr, en = SUBJECTS[key]
    return w.c(fr if w.fr else en)


def send(w, md, to, key, atts, extra=None, subj=None, cc=None):
    text = body_text(w, key, md, extra)
    return B.send(w, md, [to], subj or subject(w, key), text, atts=atts, cc=cc)


def att(w, data, ctype, fname, generic=0.15):
    """A base64 attachment; sometimes with the generic application/octet-stream type."""
    if w.chance(generic):
        ctype = "application/octet-stream"
    return B.attachment(data, ctype, fname, w.r)


def slugname(s):
    return re.sub(r"[^a-z0-9]+", "_", B.strip_accents(s).lower()).strip("_")


# ---------------------------------------------------------------------------
# Pixels: fonts, screens, charts, paper
# ---------------------------------------------------------------------------

FONT_FILES = {"sans": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "cond": "DejaVuSansCondensed.ttf",
              "condbold": "DejaVuSansCondensed-Bold.ttf", "serif": "DejaVuSerif.ttf", "serifbold": "DejaVuSerif-Bold.ttf",
              "mono": "DejaVuSansMono.ttf", "monobold": "DejaVuSansMono-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf",
              "serifitalic": "DejaVuSerif-Italic.ttf"}


@functools.lru_cache(maxsize=None)
def font(size, style="sans"):
    return ImageFont.truetype(os.path.join(FONT_DIR, FONT_FILES[style]), int(size))


def tlen(s, f):
    return font(*f).getlength(s) if isinstance(f, tuple) else f.getlength(s)


def fit(s, f, width):
    """Truncate s with an ellipsis so that it fits in width pixels."""
    if tlen(s, f) <= width:
        return s
    while s and tlen(s + "…", f) > width:
        s = s[:-1]
    return s + "…"


THEMES = [
    dict(name="bleu", title=(0, 78, 140), title_fg=(255, 255, 255), bg=(236, 240, 245), panel=(255, 255, 255),
         banner=(255, 248, 214), head=(214, 226, 240), alt=(246, 249, 252), accent=(0, 95, 170), grid=(190, 200, 212)),
    dict(name="gris", title=(222, 222, 222), title_fg=(20, 20, 20), bg=(240, 240, 240), panel=(255, 255, 255),
         banner=(224, 238, 255), head=(225, 225, 225), alt=(248, 248, 248), accent=(60, 60, 60), grid=(180, 180, 180)),
    dict(name="vert", title=(26, 110, 84), title_fg=(255, 255, 255), bg=(238, 244, 240), panel=(255, 255, 255),
         banner=(232, 246, 236), head=(208, 232, 218), alt=(245, 250, 247), accent=(26, 110, 84), grid=(180, 205, 190)),
    dict(name="sombre", title=(45, 50, 60), title_fg=(235, 235, 235), bg=(244, 244, 246), panel=(255, 255, 255),
         banner=(255, 240, 240), head=(228, 230, 236), alt=(249, 249, 251), accent=(150, 30, 40), grid=(200, 200, 206)),
]
TEXT = (25, 25, 25)
GREY = (90, 90, 90)


class Screen:
    """A screen capture at 96 dpi: title bar, menu, toolbar, then a flowing content column."""

    def __init__(self, w, title, width=None, height=None, size=None, menu=None, theme=None):
        self.w = w
        self.th = theme or w.c(THEMES)
        self.W = width or getattr(w, "screen_w", None) or w.c([1000, 1024, 1100, 1200, 1280])
        self.H = height or getattr(w, "screen_h", None) or w.c([600, 640, 700, 720, 768])
        self.fs = size or w.c([13, 14, 14, 15, 15, 16])
        self.im = Image.new("RGB", (self.W, self.H), self.th["bg"])
        self.d = ImageDraw.Draw(self.im)
        self.lh = self.fs + 9
        d, th = self.d, self.th
        d.rectangle([0, 0, self.W, 30], fill=th["title"])
        d.text((12, 7), title, font=font(14, "bold"), fill=th["title_fg"])
        for i, sym in enumerate(["—", "☐", "✕"]):
            d.text((self.W - 96 + i * 32, 6), sym, font=font(14), fill=th["title_fg"])
        d.rectangle([0, 30, self.W, 54], fill=(250, 250, 250))
        menu = menu or (["Fichier", "Édition", "Affichage", "Dossier", "Outils", "Fenêtre", "Aide"] if w.fr
                        else ["File", "Edit", "View", "Chart", "Tools", "Window", "Help"])
        x = 10
        for m in menu:
            d.text((x, 35), m, font=font(13), fill=TEXT)
            x += tlen(m, (13,)) + 22
        d.line([0, 54, self.W, 54], fill=th["grid"])
        self.y = 62
        self.x0, self.x1 = 12, self.W - 12

    def text(self, x, y, s, size=None, style="sans", fill=TEXT):
        self.d.text((x, y), s, font=font(size or self.fs, style), fill=fill)

    def toolbar(self, buttons):
        x = self.x0
        for b in buttons:
            wd = tlen(b, (self.fs - 1,)) + 20
            self.d.rounded_rectangle([x, self.y, x + wd, self.y + self.lh + 2], radius=3, fill=(252, 252, 252), outline=self.th["grid"])
            self.text(x + 10, self.y + 4, b, self.fs - 1)
            x += wd + 8
        self.y += self.lh + 12

    def tabs(self, names, active=0):
        x = self.x0
        for i, n in enumerate(names):
            wd = tlen(n, (self.fs,)) + 24
            fill = self.th["panel"] if i == active else self.th["head"]
            self.d.rectangle([x, self.y, x + wd, self.y + self.lh + 4], fill=fill, outline=self.th["grid"])
            self.text(x + 12, self.y + 5, n, style="bold" if i == active else "sans")
            x += wd + 2
        self.y += self.lh + 4
        self.d.line([self.x0, self.y, self.x1, self.y], fill=self.th["grid"])
        self.y += 8

    def banner(self, items, cols=3, bg=None):
        """Patient banner: (label, value) pairs in a coloured box."""
        rows = (len(items) + cols - 1) // cols
        h = rows * self.lh + 14
        self.d.rectangle([self.x0, self.y, self.x1, self.y + h], fill=bg or self.th["banner"], outline=self.th["grid"])
        cw = (self.x1 - self.x0 - 20) / cols
        for i, (lab, val) in enumerate(items):
            cx = self.x0 + 10 + (i % cols) * cw
            cy = self.y + 8 + (i // cols) * self.lh
            lab = lab + " "
            self.text(cx, cy, lab, style="sans", fill=GREY)
            lw = tlen(lab, (self.fs,))
            self.text(cx + lw, cy, fit(val, (self.fs, "bold"), cw - lw - 8), style="bold")
        self.y += h + 10

    def heading(self, s):
        self.text(self.x0, self.y, s, self.fs + 1, "bold", fill=self.th["accent"])
        self.y += self.lh + 2
        self.d.line([self.x0, self.y - 4, self.x1, self.y - 4], fill=self.th["grid"])

    def fields(self, items, cols=2, label_w=None):
        """Form fields: label then a white box holding the value."""
        cw = (self.x1 - self.x0) / cols
        label_w = label_w or max(tlen(l, (self.fs,)) for l, _ in items) + 10
        for i, (lab, val) in enumerate(items):
            cx = self.x0 + (i % cols) * cw
            cy = self.y + (i // cols) * (self.lh + 8)
            self.text(cx, cy + 4, lab, fill=GREY)
            bx0, bx1 = cx + label_w, cx + cw - 14
            self.d.rectangle([bx0, cy, bx1, cy + self.lh + 2], fill=(255, 255, 255), outline=self.th["grid"])
            self.text(bx0 + 5, cy + 4, fit(val, (self.fs,), bx1 - bx0 - 10))
        self.y += ((len(items) + cols - 1) // cols) * (self.lh + 8) + 6

    def lines(self, items, style="sans", indent=0, bullet=""):
        for s in items:
            self.text(self.x0 + indent, self.y, fit(bullet + s, (self.fs, style), self.x1 - self.x0 - indent), style=style)
            self.y += self.lh

    def table(self, headers, rows, widths=None, x0=None, x1=None, max_rows=None):
        x0 = self.x0 if x0 is None else x0
        x1 = self.x1 if x1 is None else x1
        f = (self.fs,)
        if widths is None:
            nat = [max([tlen(str(h), (self.fs, "bold"))] + [tlen(str(r[i]), f) for r in rows]) + 16 for i, h in enumerate(headers)]
            scale = min(1.0, (x1 - x0) / sum(nat))
            widths = [n * scale for n in nat]
            extra = (x1 - x0) - sum(widths)
            widths = [wd + extra / len(widths) for wd in widths]
        else:
            tot = sum(widths)
            widths = [wd * (x1 - x0) / tot for wd in widths]
        y = self.y
        rh = self.lh + 2
        self.d.rectangle([x0, y, x1, y + rh], fill=self.th["head"], outline=self.th["grid"])
        x = x0
        for h, wd in zip(headers, widths):
            self.text(x + 6, y + 4, fit(str(h), (self.fs, "bold"), wd - 10), style="bold")
            x += wd
        y += rh
        for k, row in enumerate(rows):
            if max_rows and k >= max_rows or y + rh > self.H - 40:
                break
            self.d.rectangle([x0, y, x1, y + rh], fill=self.th["alt"] if k % 2 else self.th["panel"], outline=self.th["grid"])
            x = x0
            for c, wd in zip(row, widths):
                self.text(x + 6, y + 4, fit(str(c), f, wd - 10))
                x += wd
            y += rh
        x = x0
        for wd in widths[:-1]:
            x += wd
            self.d.line([x, self.y, x, y], fill=self.th["grid"])
        self.y = y + 12

    def status(self, s):
        self.d.rectangle([0, self.H - 24, self.W, self.H], fill=(228, 228, 228))
        self.text(10, self.H - 20, s, 12, fill=(40, 40, 40))

    def done(self):
        return self.im


def draw_bar_chart(d, box, title, labels, values, color=(52, 104, 170), ylabel=None, fs=13, fg=TEXT):
    x0, y0, x1, y1 = box
    d.text((x0 + 10, y0 + 4), title, font=font(fs + 2, "bold"), fill=fg)
    px0, py0, px1, py1 = x0 + 60, y0 + 40, x1 - 20, y1 - 40
    top = max(values) * 1.15
    step = 10 ** max(0, len(str(int(top))) - 1)
    if top / step < 4:
        step //= 2 or 1
    v = 0
    while v <= top:
        y = py1 - (py1 - py0) * v / top
        d.line([px0, y, px1, y], fill=(225, 225, 225))
        d.text((x0 + 6, y - 8), f"{v:,}".replace(",", " "), font=font(fs - 1), fill=GREY)
        v += max(step, 1)
    d.line([px0, py0, px0, py1], fill=(80, 80, 80))
    d.line([px0, py1, px1, py1], fill=(80, 80, 80))
    n = len(values)
    bw = (px1 - px0) / n
    for i, (lab, val) in enumerate(zip(labels, values)):
        bx = px0 + i * bw + bw * 0.18
        by = py1 - (py1 - py0) * val / top
        d.rectangle([bx, by, bx + bw * 0.64, py1], fill=color)
        s = str(val)
        d.text((bx + bw * 0.32 - tlen(s, (fs - 1,)) / 2, by - fs - 3), s, font=font(fs - 1), fill=fg)
        d.text((bx + bw * 0.32 - tlen(lab, (fs - 1,)) / 2, py1 + 6), lab, font=font(fs - 1), fill=fg)
    if ylabel:
        d.text((px0 + 4, py0 - fs - 8), ylabel, font=font(fs - 1), fill=GREY)


def draw_line_chart(d, box, title, labels, series, fs=13):
    x0, y0, x1, y1 = box
    d.text((x0 + 10, y0 + 4), title, font=font(fs + 2, "bold"), fill=TEXT)
    px0, py0, px1, py1 = x0 + 56, y0 + 40, x1 - 150, y1 - 36
    top = max(max(v) for _, v, _ in series) * 1.2
    for k in range(5):
        v = top * k / 4
        y = py1 - (py1 - py0) * k / 4
        d.line([px0, y, px1, y], fill=(225, 225, 225))
        d.text((x0 + 6, y - 8), f"{v:.1f}".replace(".", ","), font=font(fs - 1), fill=GREY)
    d.line([px0, py0, px0, py1], fill=(80, 80, 80))
    d.line([px0, py1, px1, py1], fill=(80, 80, 80))
    n = len(labels)
    for i, lab in enumerate(labels):
        x = px0 + (px1 - px0) * (i + 0.5) / n
        d.text((x - tlen(lab, (fs - 1,)) / 2, py1 + 6), lab, font=font(fs - 1), fill=TEXT)
    for k, (name, vals, col) in enumerate(series):
        pts = [(px0 + (px1 - px0) * (i + 0.5) / n, py1 - (py1 - py0) * v / top) for i, v in enumerate(vals)]
        d.line(pts, fill=col, width=3)
        for x, y in pts:
            d.ellipse([x - 3, y - 3, x + 3, y + 3], fill=col)
        d.rectangle([px1 + 16, py0 + k * 24, px1 + 30, py0 + k * 24 + 12], fill=col)
        d.text((px1 + 36, py0 + k * 24 - 2), name, font=font(fs - 1), fill=TEXT)


class Paper:
    """A sheet of paper rendered at a scanner resolution; sizes are given in points."""

    def __init__(self, w, dpi=150, inches=(8.5, 11), margin=0.75, serif=None):
        self.w, self.dpi = w, dpi
        self.W, self.H = int(inches[0] * dpi), int(inches[1] * dpi)
        self.im = Image.new("L", (self.W, self.H), 255)
        self.d = ImageDraw.Draw(self.im)
        self.m = int(margin * dpi)
        self.y = self.m
        self.serif = w.chance(0.35) if serif is None else serif
        self.body = w.c([11.5, 12, 12, 12.5])

    def px(self, pt):
        return pt * self.dpi / 72.0

    def f(self, pt, bold=False, italic=False, mono=False):
        if mono:
            return font(self.px(pt), "monobold" if bold else "mono")
        if italic:
            return font(self.px(pt), "serifitalic" if self.serif else "italic")
        if self.serif:
            return font(self.px(pt), "serifbold" if bold else "serif")
        return font(self.px(pt), "bold" if bold else "sans")

    def skip(self, pt):
        self.y += int(self.px(pt))

    def line(self, s, pt=None, bold=False, italic=False, x=None, center=False, right=False, mono=False, advance=True, fill=20):
        pt = pt or self.body
        f = self.f(pt, bold, italic, mono)
        if center:
            x = (self.W - f.getlength(s)) / 2
        elif right:
            x = self.W - self.m - f.getlength(s)
        elif x is None:
            x = self.m
        elif x < 20:
            x = self.m + x * self.dpi
        self.d.text((x, self.y), s, font=f, fill=fill)
        if advance:
            self.y += int(self.px(pt * 1.45))

    def para(self, s, pt=None, italic=False, bold=False):
        pt = pt or self.body
        f = self.f(pt, bold, italic)
        width = self.W - 2 * self.m
        words, cur = s.split(), ""
        for wd in words:
            cand = (cur + " " + wd).strip()
            if f.getlength(cand) > width and cur:
                self.line(cur, pt, bold=bold, italic=italic)
                cur = wd
            else:
                cur = cand
        if cur:
            self.line(cur, pt, bold=bold, italic=italic)

    def rule(self, weight=2):
        self.d.line([self.m, self.y, self.W - self.m, self.y], fill=30, width=weight)
        self.y += int(self.px(6))

    def letterhead(self, name, sub=None, right=None):
        self.line(name, self.body + 4, bold=True)
        if sub:
            self.line(sub, self.body - 1)
        if right:
            y = self.m
            for s in right:
                f = self.f(self.body - 2)
                self.d.text((self.W - self.m - f.getlength(s), y), s, font=f, fill=20)
                y += int(self.px((self.body - 2) * 1.4))
        self.rule(3)
        self.skip(6)

    def field(self, label, value, width_in=None, x=None, advance=True, value_font=None):
        """'Label : value' with the value on an underline (a filled paper form)."""
        pt = self.body
        fl = self.f(pt, bold=True)
        x = self.m if x is None else self.m + x * self.dpi
        self.d.text((x, self.y), label, font=fl, fill=20)
        vx = x + fl.getlength(label) + self.px(6)
        end = (x + width_in * self.dpi) if width_in else self.W - self.m
        base = self.y + self.px(pt * 1.2)
        self.d.line([vx, base, end, base], fill=90, width=1)
        fv = value_font or self.f(pt, italic=False)
        if value:
            self.d.text((vx + self.px(3), self.y), value, font=fv, fill=15)
        if advance:
            self.y += int(self.px(pt * 1.9))

    def boxes(self, label, chars, groups=(4, 4, 4)):
        """A RAMQ-style row of one-character boxes."""
        pt = self.body
        fl = self.f(pt, bold=True)
        self.d.text((self.m, self.y), label, font=fl, fill=20)
        x = self.m + fl.getlength(label) + self.px(8)
        bw = self.px(pt * 1.25)
        i = 0
        fv = self.f(pt)
        for g in groups:
            for _ in range(g):
                self.d.rectangle([x, self.y - self.px(2), x + bw, self.y + self.px(pt * 1.2)], outline=60, width=1)
                if i < len(chars):
                    c = chars[i]
                    self.d.text((x + (bw - fv.getlength(c)) / 2, self.y), c, font=fv, fill=15)
                i += 1
                x += bw
            x += self.px(6)
        self.y += int(self.px(pt * 2.0))

    def checkbox(self, label, checked, x=None, advance=True):
        pt = self.body
        x = self.m if x is None else self.m + x * self.dpi
        s = self.px(pt * 0.9)
        self.d.rectangle([x, self.y + self.px(2), x + s, self.y + self.px(2) + s], outline=40, width=2)
        if checked:
            self.d.line([x + 3, self.y + self.px(2) + 3, x + s - 3, self.y + self.px(2) + s - 3], fill=20, width=3)
            self.d.line([x + s - 3, self.y + self.px(2) + 3, x + 3, self.y + self.px(2) + s - 3], fill=20, width=3)
        self.d.text((x + s + self.px(5), self.y), label, font=self.f(pt), fill=20)
        if advance:
            self.y += int(self.px(pt * 1.7))

    def table(self, headers, rows, widths):
        pt = self.body - 0.5
        rh = self.px(pt * 1.75)
        x0, x1 = self.m, self.W - self.m
        tot = sum(widths)
        ws = [wd * (x1 - x0) / tot for wd in widths]
        y = self.y
        for k, row in enumerate([headers] + rows):
            x = x0
            f = self.f(pt, bold=(k == 0))
            for c, wd in zip(row, ws):
                self.d.rectangle([x, y, x + wd, y + rh], outline=50, width=1)
                s = str(c)
                while s and f.getlength(s) > wd - self.px(6):
                    s = s[:-1]
                self.d.text((x + self.px(3), y + self.px(pt * 0.3)), s, font=f, fill=15)
                x += wd
            y += rh
        self.y = int(y + self.px(8))

    def signature(self, name, role=None):
        d, r = self.d, self.w.r
        x, y = self.m + self.px(10), self.y + self.px(22)
        pts = []
        for i in range(14):
            pts.append((x + i * self.px(9), y + r.uniform(-1, 1) * self.px(9)))
        d.line(pts, fill=40, width=max(2, int(self.px(1.3))))
        self.y = int(y + self.px(14))
        self.d.line([self.m, self.y, self.m + self.px(200), self.y], fill=60, width=1)
        self.skip(4)
        self.line(name, self.body - 0.5)
        if role:
            self.line(role, self.body - 1.5)

    def fax_header(self, text):
        self.d.text((self.px(18), self.px(10)), text, font=font(self.px(10), "mono"), fill=10)


def degrade(w, im, angle=None, noise=None, blur=None, paper=247):
    """Scanner artefacts on an L image: slight skew (<= 2 degrees), blur, noise, dust."""
    r = w.r
    if angle is None:
        angle = r.uniform(0.3, 1.9) * r.choice([-1, 1])
    assert abs(angle) <= 2.0
    im = im.point(lambda v: int(22 + v * (paper - 22) / 255))
    im = im.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    im = im.filter(ImageFilter.GaussianBlur(blur if blur is not None else r.uniform(0.4, 0.8)))
    amp = noise if noise is not None else r.randint(3, 9)
    n = Image.frombytes("L", im.size, r.randbytes(im.size[0] * im.size[1])).point(lambda v: v * amp // 255)
    im = ImageChops.subtract(im, n)
    d = ImageDraw.Draw(im)
    for _ in range(r.randint(5, 40)):
        x, y = r.randint(0, im.size[0] - 1), r.randint(0, im.size[1] - 1)
        s = r.randint(1, 3)
        d.ellipse([x, y, x + s, y + s], fill=r.randint(40, 140))
    return im, angle


def faxify(w, im):
    """1-bit fax look: threshold, skew, specks and a few dropped lines."""
    r = w.r
    angle = r.uniform(0.2, 1.2) * r.choice([-1, 1])
    im = im.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    thr = r.choice([150, 165, 180])
    im = im.point(lambda v: 255 if v > thr else 0)
    d = ImageDraw.Draw(im)
    for _ in range(r.randint(30, 150)):
        x, y = r.randint(0, im.size[0] - 2), r.randint(0, im.size[1] - 2)
        d.point([(x, y), (x + 1, y)], fill=0)
    for _ in range(r.randint(0, 3)):
        y = r.randint(0, im.size[1] - 1)
        d.line([0, y, im.size[0], y], fill=255)
    return im.convert("1", dither=Image.Dither.NONE)


def photo(w, page):
    """A phone photo of a sheet: page on a desk, lit unevenly, in colour."""
    r = w.r
    pw, ph = page.size
    cw, chh = int(pw * r.uniform(1.05, 1.12)), int(ph * r.uniform(1.04, 1.09))
    desk = r.choice([(118, 96, 74), (140, 140, 145), (90, 80, 70), (170, 160, 140)])
    canvas = Image.new("RGB", (cw, chh), desk)
    sheet = Image.merge("RGB", [page.point(lambda v, k=k: int(v * k)) for k in (1.0, r.uniform(0.96, 0.99), r.uniform(0.88, 0.95))])
    canvas.paste(sheet, ((cw - pw) // 2 + r.randint(-8, 8), (chh - ph) // 2 + r.randint(-8, 8)))
    angle = r.uniform(0.3, 1.9) * r.choice([-1, 1])
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=desk)
    k = r.randint(40, 70)
    grad = Image.linear_gradient("L").resize(canvas.size).point(lambda v: 255 - v * k // 255)
    if r.random() < 0.5:
        grad = grad.rotate(90, expand=False)
    canvas = ImageChops.multiply(canvas, Image.merge("RGB", [grad, grad, grad]))
    n = Image.frombytes("L", canvas.size, r.randbytes(canvas.size[0] * canvas.size[1])).point(lambda v: v * 6 // 255)
    canvas = ImageChops.subtract(canvas, Image.merge("RGB", [n, n, n]))
    canvas = canvas.filter(ImageFilter.GaussianBlur(r.uniform(0.5, 0.9)))
    return canvas


# ---------------------------------------------------------------------------
# Image encoders (all deterministic)
# ---------------------------------------------------------------------------

def png_bytes(im, colors=None):
    if colors and im.mode == "RGB":
        im = im.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def jpeg_bytes(im, quality, exif=None, subsampling=2):
    buf = io.BytesIO()
    kw = dict(quality=quality, subsampling=subsampling, optimize=True)
    if exif is not None:
        kw["exif"] = exif
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


def exif_block(w, orientation=None, make=None, when=None):
    ex = Image.Exif()
    if orientation:
        ex[0x0112] = orientation
    ex[0x010F], ex[0x0110] = make or w.c([("Apple", "iPhone 13"), ("samsung", "SM-S911W"), ("Google", "Pixel 7"), ("Apple", "iPhone SE")])
    when = when or w.date
    ex[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    ex[0x0131] = w.c(["17.4.1", "S911WVLS2AWK1", "16.6"])
    return ex.tobytes()


def orient_for_exif(upright, orientation):
    """Store pixels so that a reader honouring EXIF orientation shows ``upright``."""
    if orientation == 6:      # viewer rotates 90 degrees clockwise
        return upright.transpose(Image.Transpose.ROTATE_90)
    if orientation == 8:      # viewer rotates 90 degrees counter-clockwise
        return upright.transpose(Image.Transpose.ROTATE_270)
    if orientation == 3:
        return upright.transpose(Image.Transpose.ROTATE_180)
    return upright


def image_bytes(w, im, fmt, quality=None, exif=None):
    if fmt == "png":
        return png_bytes(im, colors=w.c([48, 64, 96]) if im.mode == "RGB" else None), "image/png"
    if fmt == "jpeg":
        return jpeg_bytes(im.convert("RGB") if im.mode not in ("L", "RGB") else im, quality or w.r.randint(64, 76), exif), "image/jpeg"
    if fmt == "gif":
        buf = io.BytesIO()
        im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, "GIF", optimize=True)
        return buf.getvalue(), "image/gif"
    if fmt == "bmp":
        buf = io.BytesIO()
        im.convert("RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, "BMP")
        return buf.getvalue(), "image/bmp"
    if fmt == "webp":
        buf = io.BytesIO()
        im.save(buf, "WEBP", quality=quality or 82, method=4)
        return buf.getvalue(), "image/webp"
    raise ValueError(fmt)


def record_image(w, data, needles):
    w.image_needles.append((data, [n for n in needles if n]))


# ---------------------------------------------------------------------------
# Clinical content shared by the pixel and document templates
# ---------------------------------------------------------------------------

APPS = ["MédiDCI 4.2", "Clinix Pro", "DossierPlus", "SIClin 9", "Oriel DCI", "ArianeMD", "PortailClinique"]
UNITS = ["4 Nord", "5e Sud", "6e Ouest", "Médecine 3B", "Gériatrie 7e", "Soins intermédiaires", "Chirurgie 2A", "Cardiologie 8e"]


def age_s(w, p):
    return f"{p.age(w.day)} ans" if w.fr else f"{p.age(w.day)} y"


def sex_s(w, p):
    return p.sex if w.fr else p.sex


def nam_or_none(w, p, prob=0.6, style="compact"):
    return w.nam_of(p, style=style) if w.chance(prob) else None


def labs(w, p, n=5):
    return B.lab_values(w.r, w.lang, n, sex=p.sex)


def dx_list(w, p, n=3):
    pool = B.DIAG_CHILD if p.age(w.day) < 16 else B.DIAG_ADULT
    if p.sex == "F":
        pool = [d for d in pool if "prostat" not in d[0]]
    return [d[0] if w.fr else d[1] for d in w.r.sample(pool, n)]


def surgery(w):
    fr = [("Cholécystectomie par laparoscopie", "Laparoscopic cholecystectomy"), ("Arthroplastie totale de la hanche droite", "Right total hip arthroplasty"),
          ("Hernioplastie inguinale gauche", "Left inguinal hernia repair"), ("Résection antérieure basse", "Low anterior resection"),
          ("Arthroscopie du genou gauche", "Left knee arthroscopy"), ("Thyroïdectomie totale", "Total thyroidectomy"),
          ("Prostatectomie radicale", "Radical prostatectomy"), ("Cure d'éventration", "Incisional hernia repair"),
          ("Mastectomie partielle droite", "Right partial mastectomy"), ("Appendicectomie", "Appendectomy"),
          ("Réduction ouverte fracture cheville", "ORIF ankle fracture"), ("Cystoscopie et RTUV", "Cystoscopy and TURBT")]
    a = w.c(fr)
    return a[0] if w.fr else a[1]


def rand_time(w, lo=7, hi=17):
    return f"{w.r.randint(lo, hi):02d}:{w.c(['00', '15', '30', '45'])}"


# ---------------------------------------------------------------------------
# Screens: positives
# ---------------------------------------------------------------------------

def scr_emr_summary(w, p, small=False):
    app = w.c(APPS)
    nam = nam_or_none(w, p, 0.65)
    mrn = w.mrn(w.c(["6", "8z", "7"]))
    title = w.c([f"{app} – {w.hosp['short']} – {p.rev}", f"{app} — Dossier {mrn}", f"{app} – {w.hosp['name']}"])
    s = Screen(w, title, width=900 if small else None, height=520 if small else None)
    s.toolbar(w.t(["Nouveau", "Imprimer", "Note", "Ordonnance", "Requête", "Fermer"], ["New", "Print", "Note", "Order", "Request", "Close"])[: w.r.randint(3, 6)])
    s.tabs(w.t(["Sommaire", "Notes", "Résultats", "Médication", "Imagerie", "Documents"], ["Summary", "Notes", "Results", "Medications", "Imaging", "Documents"]), 0)
    items = [(w.t("Nom :", "Name:"), p.rev), (w.t("DDN :", "DOB:"), f"{w.dob(p, 'iso')} ({age_s(w, p)})"), (w.t("Sexe :", "Sex:"), p.sex),
             (w.t("No dossier :", "MRN:"), mrn)]
    if nam:
        items.append((w.t("NAM :", "RAMQ:"), nam))
    items.append((w.t("Allergies :", "Allergies:"), w.allergy()))
    s.banner(items, cols=3)
    s.heading(w.t("Problèmes actifs", "Active problems"))
    s.lines(dx_list(w, p, w.r.randint(2, 3)), bullet="• ")
    s.heading(w.t("Médication active", "Active medications"))
    meds = w.meds(w.r.randint(2, 4))
    s.table(w.t(["Médicament", "Début", "Prescripteur"], ["Medication", "Start", "Prescriber"]),
            [[m, fmt_date(w.earlier(5, 400), "iso"), w.staff("md").dr_last(w.lang)] for m in meds], widths=[5, 2, 3])
    if not small and s.y < s.H - 150:
        s.heading(w.t("Derniers résultats", "Latest results"))
        s.table(w.t(["Analyse", "Résultat", "Référence"], ["Test", "Result", "Reference"]), [[a, b, c] for a, b, c in labs(w, p, 3)], widths=[3, 3, 3])
    s.status(w.t(f"Connecté : {w.staff('md').full}   |   {w.hosp['name']}   |   {fmt_date(w.day, 'iso')}", f"Logged in: {w.staff('md').full} | {fmt_date(w.day, 'iso')}"))
    return s.done(), [p.surname, nam or mrn]


def scr_lab_results(w, p):
    mrn = w.mrn(w.c(["6", "8z", "H-"]))
    s = Screen(w, w.t(f"Résultats de laboratoire – {w.c(APPS)}", f"Laboratory results – {w.c(APPS)}"))
    items = [(w.t("Usager :", "Patient:"), p.rev), (w.t("Né(e) le :", "DOB:"), w.dob(p, w.c(["iso", "dmy/"]))), (w.t("Dossier :", "MRN:"), mrn),
             (w.t("Prescripteur :", "Ordering MD:"), w.staff("md").dr(w.lang)), (w.t("Prélevé :", "Collected:"), fmt_date(w.earlier(0, 3), "iso") + " " + rand_time(w)),
             (w.t("Unité :", "Unit:"), w.c(UNITS))]
    nam = nam_or_none(w, p, 0.3)
    if nam:
        items.insert(2, ("NAM :", nam))
    s.banner(items, cols=3)
    rows = []
    for a, b, c in labs(w, p, w.r.randint(6, 9)):
        val, _, unit = b.partition(" ")
        rows.append([a, val, unit, c.strip("()"), w.c(["H", "H", "L", "C", ""])])
    s.table(w.t(["Analyse", "Résultat", "Unité", "Référence", "Indic."], ["Test", "Result", "Unit", "Reference", "Flag"]), rows, widths=[4, 2, 3, 3, 1])
    s.lines([w.t(f"Commentaire : valeur critique communiquée à l'infirmière {w.staff('nurse').full} à {rand_time(w)}.",
                 f"Comment: critical value called to nurse {w.staff('nurse').full} at {rand_time(w)}.")], style="italic")
    s.status(w.t("Résultats validés", "Results verified"))
    return s.done(), [p.surname, nam or mrn]


def scr_clinic_day(w, n=None):
    s = Screen(w, w.t(f"Agenda – {w.c(B.CLINICS)} – {fmt_date(w.day, 'fr_long')}", f"Schedule – {fmt_date(w.day, 'en_long')}"))
    s.toolbar(w.t(["Jour", "Semaine", "Mois", "Rechercher"], ["Day", "Week", "Month", "Search"]))
    rows, needles = [], []
    show_nam = w.chance(0.6)
    t = dt.datetime(2025, 1, 1, 8, 0)
    for i in range(n or w.r.randint(9, 14)):
        p = w.person(1, 94)
        reason = w.c(w.t(["Suivi diabète", "Renouvellement Rx", "Douleur lombaire", "Suivi HTA", "Résultats TDM", "Toux persistante",
                          "Suivi grossesse 28 sem.", "Examen annuel", "Dépression – suivi", "Suivi INR", "Vaccin", "Plaie pied gauche"],
                         ["Diabetes follow-up", "Rx renewal", "Low back pain", "BP follow-up", "CT results", "Persistent cough", "Annual exam"]))
        row = [t.strftime("%H:%M"), p.rev, fmt_date(p.dob, "iso")]
        if show_nam:
            row.append(w.nam_of(p))
        row += [reason, w.c(w.t(["Arrivé", "Confirmé", "En salle", "Vu", "Absent"], ["Arrived", "Confirmed", "In room", "Seen", "No show"]))]
        rows.append(row)
        needles.append(p.surname)
        t += dt.timedelta(minutes=w.c([15, 15, 20, 30]))
    hdr = w.t(["Heure", "Patient", "DDN"] + (["NAM"] if show_nam else []) + ["Motif", "Statut"],
              ["Time", "Patient", "DOB"] + (["RAMQ"] if show_nam else []) + ["Reason", "Status"])
    s.table(hdr, rows, widths=[1.2, 4, 2.2] + ([2.8] if show_nam else []) + [4, 1.8])
    s.status(w.t(f"{len(rows)} rendez-vous", f"{len(rows)} appointments"))
    return s.done(), needles[:3]


def scr_ed_board(w):
    s = Screen(w, w.t("Tableau de bord – Urgence", "ED tracking board"), width=w.c([1200, 1280]))
    rows, needles = [], []
    for i in range(w.r.randint(9, 14)):
        p = w.person(16, 97)
        cc = w.c(w.t(["Douleur thoracique", "Dyspnée", "Chute – hanche G", "Céphalée", "Douleur abdo FID", "Fièvre + toux", "Syncope",
                      "Confusion", "Hématémèse", "Idées suicidaires", "Lacération main D", "Palpitations"],
                     ["Chest pain", "Shortness of breath", "Fall – L hip", "Headache", "RLQ pain", "Fever + cough", "Syncope", "Confusion"]))
        rows.append([f"C-{w.r.randint(1, 40):02d}", f"{p.surname.upper()}, {p.given}", f"{p.age(w.day)} {p.sex}", cc,
                     f"P{w.r.randint(1, 5)}", w.staff("md").dr_last(w.lang), f"{w.r.randint(0, 23)} h {w.r.randint(0, 59):02d}"])
        needles.append(p.surname)
    s.table(w.t(["Civière", "Patient", "Âge/S", "Raison de consultation", "Triage", "Médecin", "Durée"],
                ["Bed", "Patient", "Age/S", "Chief complaint", "CTAS", "MD", "LOS"]), rows, widths=[1.3, 3.6, 1.2, 4, 1, 2.4, 1.4])
    s.status(w.t(f"Patients : {len(rows)}   En attente de MD : {w.r.randint(2, 9)}", f"Patients: {len(rows)}"))
    return s.done(), needles[:3]


def scr_mar(w, p):
    s = Screen(w, w.t("FADM – Feuille d'administration des médicaments", "eMAR – Medication administration record"))
    nam = nam_or_none(w, p, 0.5)
    items = [(w.t("Nom :", "Name:"), p.rev), (w.t("DDN :", "DOB:"), w.dob(p, "iso")), (w.t("Chambre :", "Room:"), f"{w.c(UNITS)} – {w.room()}"),
             (w.t("Poids :", "Weight:"), f"{w.r.randint(45, 120)} kg"), (w.t("Allergies :", "Allergies:"), w.allergy())]
    if nam:
        items.insert(2, ("NAM :", nam))
    s.banner(items)
    rows = []
    for m in w.meds(w.r.randint(4, 6)):
        rows.append([m, w.c(["PO", "IV", "SC"]), w.c(["08:00", "08:00 20:00", "HS", "q8h", "PRN"]), w.c(["Donné", "Donné", "Refusé", "À venir"]),
                     w.staff("nurse").given[0] + w.staff("nurse").surname[0]])
    s.table(w.t(["Médicament", "Voie", "Horaire", "Statut", "Init."], ["Medication", "Route", "Schedule", "Status", "Init."]), rows, widths=[6, 1, 2.4, 1.6, 1])
    s.status(fmt_date(w.day, "iso"))
    return s.done(), [p.surname, nam]


def scr_pharmacy_profile(w, p):
    s = Screen(w, w.t("Visualiseur – Profil pharmacologique", "Viewer – Medication profile"))
    nam = w.nam_of(p, style=w.c(["compact", "spaced"]))
    s.banner([(w.t("Nom :", "Name:"), f"{p.surname.upper()} {p.given}"), (w.t("Date de naissance :", "Date of birth:"), w.dob(p, "iso")),
              ("NAM :", nam), (w.t("Sexe :", "Sex:"), p.sex), (w.t("Adresse :", "Address:"), f"{w.r.randint(10, 999)} {w.c(B.STREETS)}")], cols=3)
    rows = []
    for m in w.meds(w.r.randint(5, 8)):
        rows.append([fmt_date(w.earlier(3, 300), "iso"), m, str(w.r.choice([30, 60, 90, 100])), w.c(["Pharmacie Lemieux", "Pharmacie du Quartier", "Pharmaprix 0421", "Pharmacie Gagnon et Roy"])])
    s.table(w.t(["Date", "Médicament et posologie", "Qté", "Pharmacie"], ["Date", "Drug and dose", "Qty", "Pharmacy"]), rows, widths=[2, 6, 1, 3.4])
    s.status(w.t("Consultation journalisée", "Access logged"))
    return s.done(), [p.surname, nam]


def scr_or_program(w):
    s = Screen(w, w.t(f"Programme opératoire – {fmt_date(w.later(1, 3), 'fr_long')}", f"OR schedule – {fmt_date(w.later(1, 3), 'en_long')}"))
    rows, needles = [], []
    for room in range(1, w.r.randint(6, 9)):
        p = w.person(18, 92)
        rows.append([f"{w.t('Salle', 'OR')} {room}", rand_time(w, 7, 13), f"{p.surname}, {p.given}", w.dob(p, "iso"), surgery(w), w.staff("md").dr_last(w.lang)])
        needles.append(p.surname)
    s.table(w.t(["Salle", "Heure", "Patient", "DDN", "Intervention", "Chirurgien"], ["Room", "Time", "Patient", "DOB", "Procedure", "Surgeon"]), rows,
            widths=[1.3, 1, 3, 1.8, 5, 2.2])
    return s.done(), needles[:3]


def scr_wait_list(w):
    s = Screen(w, w.t("Liste d'attente – Chirurgie", "Surgical wait list"))
    rows, needles = [], []
    for i in range(w.r.randint(8, 13)):
        p = w.person(20, 90)
        rows.append([f"{p.surname}, {p.given}", w.nam_of(p, style="compact"), fmt_date(w.earlier(30, 400), "iso"), surgery(w), w.c("ABCDE")])
        needles.append(p.surname)
    s.table(w.t(["Patient", "NAM", "Demande", "Intervention", "Prio."], ["Patient", "RAMQ", "Requested", "Procedure", "Prio."]), rows, widths=[3, 2.4, 1.8, 5, 0.8])
    s.status(w.t(f"{len(rows)} usagers", f"{len(rows)} patients"))
    return s.done(), needles[:3]


def scr_ereferral(w, p):
    s = Screen(w, w.t("Demande de consultation électronique – CRDS", "e-Referral – request"))
    nam = w.nam_of(p, style=w.c(["compact", "spaced"]))
    s.heading(w.t("Usager", "Patient"))
    s.fields([(w.t("Nom", "Last name"), p.surname), (w.t("Prénom", "First name"), p.given), (w.t("Date de naissance", "Date of birth"), w.dob(p, "iso")),
              ("NAM" if w.fr else "Health card", nam), (w.t("Téléphone", "Phone"), w.phone(area="514")), (w.t("Sexe", "Sex"), p.sex)])
    s.heading(w.t("Demande", "Request"))
    dg = w.diag(p)
    s.fields([(w.t("Spécialité", "Specialty"), w.service()), (w.t("Priorité", "Priority"), w.c(["A", "B", "C", "D"])),
              (w.t("Raison", "Reason"), dg), (w.t("Référent", "Referring MD"), w.staff("md").dr(w.lang))], cols=2)
    s.lines([w.t("Renseignements cliniques :", "Clinical information:"), f"{w.symptom()}; {', '.join(w.meds(2))}."])
    s.toolbar(w.t(["Enregistrer", "Transmettre", "Annuler"], ["Save", "Submit", "Cancel"]))
    return s.done(), [p.surname, nam]


def scr_imaging(w, p):
    s = Screen(w, w.t("Visionneuse d'imagerie", "Imaging viewer"), width=w.c([1100, 1200]))
    mrn = w.mrn("7")
    # image area (grey tones) on the left, report on the right
    ix1 = int(s.W * 0.48)
    s.d.rectangle([s.x0, s.y, ix1, s.H - 40], fill=(30, 30, 30))
    cx, cy = (s.x0 + ix1) // 2, (s.y + s.H - 40) // 2
    for k in range(2):
        off = -110 if k == 0 else 110
        s.d.ellipse([cx + off - 80, cy - 150, cx + off + 80, cy + 150], fill=(70, 70, 70))
    s.d.rectangle([cx - 14, cy - 170, cx + 14, cy + 170], fill=(150, 150, 150))
    x1 = s.x1
    s.x0 = ix1 + 16
    exam = w.imaging()
    s.banner([(w.t("Patient :", "Patient:"), p.rev), (w.t("DDN :", "DOB:"), w.dob(p, "iso")), (w.t("Dossier :", "MRN:"), mrn),
              (w.t("Examen :", "Exam:"), exam)], cols=1)
    s.heading(w.t("Rapport", "Report"))
    s.lines([w.t(f"Indication : {w.symptom()}.", f"Indication: {w.symptom()}."),
             w.t("Comparaison : aucune.", "Comparison: none."),
             w.t("Conclusion :", "Impression:")])
    s.lines([w.diag(p)], style="bold")
    s.lines([w.t(f"Radiologiste : {w.staff('md').dr('fr')}", f"Radiologist: {w.staff('md').dr('en')}")])
    s.x1 = x1
    return s.done(), [p.surname, mrn]


def scr_patient_summary_en(w, p):
    w.fr, w.lang = False, "en"
    s = Screen(w, f"{w.c(APPS)} – Patient summary")
    nam = w.nam_of(p)
    s.banner([("Name:", p.rev), ("DOB:", fmt_date(p.dob, "en_short")), ("Medicare #:", nam), ("MRN:", w.mrn("8z")), ("Attending:", w.staff("md").dr("en"))])
    s.heading("Diagnoses")
    s.lines(dx_list(w, p, 2), bullet="• ")
    s.heading("Discharge plan")
    s.lines([f"Discharge on {w.meds(1)[0]}.", f"Follow-up with {w.service()} in {w.r.randint(2, 8)} weeks.", f"Labs before visit: {labs(w, p, 1)[0][0]}."])
    return s.done(), [p.surname, nam]


def scr_allergy_alert(w, p):
    """A small modal dialog (allergy alert) over the order-entry screen."""
    W_, H_ = w.c([560, 600]), w.c([250, 270])
    im = Image.new("RGB", (W_, H_), (240, 240, 240))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W_, 28], fill=(255, 255, 255))
    d.text((10, 6), w.t(f"{w.c(APPS)} – Alerte allergie", f"{w.c(APPS)} – Allergy alert"), font=font(13), fill=TEXT)
    d.polygon([(24, 86), (44, 48), (64, 86)], fill=(230, 170, 0))
    d.text((40, 58), "!", font=font(20, "bold"), fill=(0, 0, 0))
    nam = nam_or_none(w, p, 0.6)
    lines = [f"{p.rev}   {w.t('DDN', 'DOB')} {w.dob(p, 'iso')}", (f"NAM {nam}" if nam else f"{w.t('Dossier', 'MRN')} {w.mrn('6')}"),
             w.t(f"Allergie documentée : {w.allergy()}", f"Documented allergy: {w.allergy()}"),
             w.t(f"Ordonnance : {w.meds(1)[0]}", f"Order: {w.meds(1)[0]}")]
    y = 44
    for k, line in enumerate(lines):
        d.text((84, y), fit(line, (14, "bold" if k == 0 else "sans"), W_ - 100), font=font(14, "bold" if k == 0 else "sans"), fill=TEXT)
        y += 26
    for k, b in enumerate(w.t(["Annuler l'ordonnance", "Passer outre"], ["Cancel order", "Override"])):
        x = W_ - 340 + k * 170
        d.rectangle([x, H_ - 46, x + 160, H_ - 16], fill=(225, 225, 225), outline=(0, 120, 215) if k == 0 else (160, 160, 160), width=2)
        d.text((x + 10, H_ - 40), b, font=font(13), fill=TEXT)
    return im, [p.surname, nam]


# ---------------------------------------------------------------------------
# Screens: negatives
# ---------------------------------------------------------------------------

def scr_or_schedule_staff(w):
    s = Screen(w, w.t(f"Bloc opératoire – planification des salles – semaine du {fmt_date(w.later(2, 9), 'fr_long')}",
                      f"OR block schedule – week of {fmt_date(w.later(2, 9), 'en_long')}"))
    days = B.DAYS_FR[:5] if w.fr else B.DAYS_EN[:5]
    rows = []
    for room in range(1, w.r.randint(7, 11)):
        rows.append([f"{w.t('Salle', 'OR')} {room}"] + [f"{w.c(['CHIR', 'ORTHO', 'URO', 'ORL', 'GYN', 'OPH', 'PLAS'])} – {w.staff('md').surname}" for _ in days])
    s.table([w.t("Salle", "Room")] + [d.capitalize() for d in days], rows, widths=[1.2] + [2.4] * 5)
    s.heading(w.t("Anesthésie de garde", "Anaesthesia on call"))
    s.lines([f"{d.capitalize()} : {w.staff('md').dr(w.lang)} — {w.t('téléavertisseur', 'pager')} {w.r.randint(1000, 9999)}" for d in days[:w.r.randint(3, 5)]])
    return s.done(), []


def scr_or_day_no_patient(w):
    s = Screen(w, w.t(f"Programme opératoire – {fmt_date(w.later(1, 3), 'fr_long')} (vue administrative)", f"OR list – {fmt_date(w.later(1, 3), 'en_long')} (admin view)"))
    rows = []
    for room in range(1, w.r.randint(6, 9)):
        rows.append([f"{w.t('Salle', 'OR')} {room}", rand_time(w, 7, 13), surgery(w), f"{w.r.randint(45, 240)} min", w.staff("md").dr_last(w.lang),
                     w.staff("md").surname, w.staff("nurse").given])
    s.table(w.t(["Salle", "Heure", "Intervention", "Durée prévue", "Chirurgien", "Anesthésiste", "Inf. circulante"],
                ["Room", "Time", "Procedure", "Planned", "Surgeon", "Anaesthetist", "Circulating RN"]), rows, widths=[1.2, 1, 5, 1.6, 2, 2, 1.8])
    s.lines([w.t("Les noms des usagers sont masqués dans cette vue.", "Patient names are hidden in this view.")], style="italic")
    return s.done(), []


def scr_call_roster(w):
    s = Screen(w, w.t("Horaire de garde – médecine interne", "On-call roster – internal medicine"))
    start = w.later(1, 20)
    rows = []
    for i in range(w.r.randint(10, 14)):
        d = start + dt.timedelta(days=i)
        rows.append([fmt_date(d, "iso"), (B.DAYS_FR if w.fr else B.DAYS_EN)[d.weekday()].capitalize(), w.staff("md").dr(w.lang), w.staff("resident").dr(w.lang),
                     f"{w.r.randint(1000, 9999)}"])
    s.table(w.t(["Date", "Jour", "Patron de garde", "Résident", "Téléavertisseur"], ["Date", "Day", "Attending", "Resident", "Pager"]), rows, widths=[2, 1.6, 3.4, 3.4, 1.6])
    return s.done(), []


def scr_bed_dashboard(w):
    s = Screen(w, w.t("Gestion des lits – tableau de bord", "Bed management dashboard"))
    x = s.x0
    tiles = [(w.t("Lits dressés", "Staffed beds"), str(w.r.randint(300, 600))), (w.t("Occupés", "Occupied"), str(w.r.randint(280, 590))),
             (w.t("Civières à l'urgence", "ED stretchers"), str(w.r.randint(20, 60))), (w.t("Usagers NSA", "ALC patients"), str(w.r.randint(15, 70)))]
    tw = (s.x1 - s.x0 - 30) / 4
    for lab, val in tiles:
        s.d.rectangle([x, s.y, x + tw, s.y + 80], fill=(255, 255, 255), outline=s.th["grid"])
        s.text(x + 12, s.y + 8, lab, fill=GREY)
        s.text(x + 12, s.y + 30, val, 30, "bold", fill=s.th["accent"])
        x += tw + 10
    s.y += 96
    rows = []
    for u in w.r.sample(UNITS, 6):
        tot = w.r.randint(20, 40)
        occ = w.r.randint(tot - 6, tot + 3)
        rows.append([u, tot, occ, max(0, tot - occ), w.r.randint(0, 8), f"{round(100 * occ / tot)} %"])
    s.table(w.t(["Unité", "Lits", "Occupés", "Libres", "Congés prévus", "Taux"], ["Unit", "Beds", "Occupied", "Free", "Planned discharges", "Rate"]), rows)
    s.status(w.t(f"Mis à jour : {fmt_date(w.day, 'iso')} {rand_time(w)}", f"Updated {fmt_date(w.day, 'iso')}"))
    return s.done(), []


def scr_volume_chart(w):
    s = Screen(w, w.t("Tableau de bord – Volumétrie", "Dashboard – Volumes"), height=w.c([600, 640]))
    labels = B.MONTHS_FR_ABBR if w.fr else [m[:3] for m in B.MONTHS_EN]
    n = w.r.randint(6, 12)
    vals = [w.r.randint(2800, 5200) for _ in range(n)]
    what = w.c(w.t(["Visites à l'urgence", "Chirurgies d'un jour", "Examens TDM", "Consultations externes"], ["ED visits", "Day surgeries", "CT exams", "Outpatient visits"]))
    draw_bar_chart(s.d, (s.x0, s.y, s.x1, s.H - 30), f"{what} – {w.day.year - 1}", labels[:n], vals, color=s.th["accent"], fs=s.fs,
                   ylabel=w.t("Nombre de visites", "Number of visits"))
    return s.done(), []


def scr_error_dialog(w, small=True):
    W_, H_ = (w.c([480, 520, 560]), w.c([200, 220])) if small else (700, 300)
    im = Image.new("RGB", (W_, H_), (240, 240, 240))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W_, 28], fill=(255, 255, 255))
    d.text((10, 6), w.t(f"{w.c(APPS)} – Erreur", f"{w.c(APPS)} – Error"), font=font(13), fill=TEXT)
    d.text((W_ - 26, 5), "✕", font=font(14), fill=TEXT)
    d.ellipse([20, 48, 56, 84], fill=(200, 40, 40))
    d.text((32, 52), "!", font=font(24, "bold"), fill=(255, 255, 255))
    code = w.c(["0x80072EFD", "0x800706BA", "HL7-ACK AE", "ORA-12541", "SQL-08001", "E_TIMEOUT 30000"])
    msgs = w.t([f"Impossible de joindre le serveur d'interface ({code}).", "La session a expiré. Veuillez vous reconnecter.",
                f"Le module Résultats n'a pas pu être chargé ({code}).", f"Échec de l'impression sur \\\\IMP-{w.r.randint(100, 999)} ({code})."],
               [f"Unable to reach the interface server ({code}).", "Your session has expired. Please log in again.", f"Results module failed to load ({code})."])
    y = 50
    for line in [w.c(msgs), w.t(f"Centre de services TI : poste {w.r.randint(2000, 7999)}", f"IT service desk: ext. {w.r.randint(2000, 7999)}")]:
        d.text((72, y), fit(line, (14,), W_ - 90), font=font(14), fill=TEXT)
        y += 24
    d.text((72, y), f"{w.t('Réf.', 'Ref.')} {w.r.randint(100000000, 999999999)}", font=font(13), fill=GREY)
    d.rectangle([W_ - 110, H_ - 46, W_ - 20, H_ - 16], fill=(225, 225, 225), outline=(0, 120, 215), width=2)
    d.text((W_ - 75, H_ - 40), "OK", font=font(14), fill=TEXT)
    return im, []


def look_alike_rows(w, n):
    rows = []
    for _ in range(n):
        code = B.impossible_code(w)
        order = B.gen_luhn_valid(w.r) if w.chance(0.5) else B.gen_luhn_fail(w.r)
        (w.neg_checks.append(("luhn_valid_order", order)) if B.luhn_ok(order) else w.neg_checks.append(("luhn_fail", order)))
        prods = B.PRODUCTS_FR if w.fr else B.PRODUCTS_EN
        rows.append([code, w.c(prods), w.r.randint(1, 40), B.money(w, 4, 900), order])
    return rows


def scr_invoice(w):
    sname, _ = w.c(B.SUPPLIERS)
    s = Screen(w, w.t(f"GRM – Facture fournisseur – {sname}", f"ERP – Supplier invoice – {sname}"))
    s.fields([(w.t("Fournisseur", "Supplier"), sname), (w.t("No facture", "Invoice #"), f"F-{w.r.randint(100000, 999999)}"),
              (w.t("Date", "Date"), fmt_date(w.earlier(1, 20), "iso")), (w.t("Bon de commande", "PO"), B.po_number(w))])
    s.table(w.t(["Code produit", "Description", "Qté", "Montant", "No commande"], ["Product code", "Description", "Qty", "Amount", "Order #"]),
            look_alike_rows(w, w.r.randint(6, 11)), widths=[2.4, 5, 0.8, 1.6, 2])
    s.status(w.t("Statut : en attente d'approbation", "Status: pending approval"))
    return s.done(), []


def scr_inventory(w):
    s = Screen(w, w.t("Magasin central – inventaire", "Central stores – inventory"))
    s.toolbar(w.t(["Rechercher", "Exporter", "Commander"], ["Search", "Export", "Order"]))
    rows = []
    for _ in range(w.r.randint(9, 14)):
        rows.append([B.impossible_code(w), w.c(B.PRODUCTS_FR if w.fr else B.PRODUCTS_EN), w.r.randint(0, 400), f"M{w.r.randint(1, 9)}-{w.c('ABCDEF')}{w.r.randint(1, 20)}",
                     fmt_date(w.later(60, 900), "iso")])
    s.table(w.t(["Code", "Produit", "En stock", "Emplacement", "Péremption"], ["Code", "Item", "On hand", "Location", "Expiry"]), rows, widths=[2.4, 5, 1.2, 1.6, 1.8])
    return s.done(), []


def scr_blank_patient(w):
    s = Screen(w, w.t(f"{w.c(APPS)} – Nouvel usager", f"{w.c(APPS)} – New patient"))
    s.heading(w.t("Identification (tous les champs sont obligatoires)", "Identification (all fields required)"))
    s.fields([(w.t("Nom", "Last name"), ""), (w.t("Prénom", "First name"), ""), (w.t("Date de naissance", "Date of birth"), w.t("AAAA-MM-JJ", "YYYY-MM-DD")),
              ("NAM", "XXXX 0000 0000"), (w.t("Sexe", "Sex"), ""), (w.t("Téléphone", "Phone"), "(___) ___-____"),
              (w.t("No dossier", "MRN"), w.t("(attribué automatiquement)", "(assigned automatically)")), (w.t("Médecin de famille", "Family physician"), "")])
    s.heading(w.t("Allergies", "Allergies"))
    s.fields([(w.t("Allergie", "Allergy"), ""), (w.t("Réaction", "Reaction"), "")])
    s.toolbar(w.t(["Enregistrer", "Annuler"], ["Save", "Cancel"]))
    return s.done(), []


def scr_quality_dashboard(w):
    s = Screen(w, w.t("Indicateurs qualité – prévention des infections", "Quality indicators – infection prevention"))
    labels = (B.MONTHS_FR_ABBR if w.fr else [m[:3] for m in B.MONTHS_EN])[:w.r.randint(6, 9)]
    series = [(w.t("C. difficile", "C. difficile"), [round(w.r.uniform(2, 7), 1) for _ in labels], (200, 60, 40)),
              (w.t("SARM", "MRSA"), [round(w.r.uniform(1, 5), 1) for _ in labels], (40, 90, 180))]
    draw_line_chart(s.d, (s.x0, s.y, s.x1, s.y + 330), w.t("Taux pour 10 000 jours-présence", "Rate per 10,000 patient-days"), labels, series, fs=s.fs)
    s.y += 340
    s.lines([w.t(f"Cible provinciale : {w.r.randint(3, 6)},0. Éclosions actives : {w.r.randint(0, 3)} (unités {w.c(UNITS)}, {w.c(UNITS)}).",
                 f"Provincial target: {w.r.randint(3, 6)}.0. Active outbreaks: {w.r.randint(0, 3)}.")])
    return s.done(), []


def scr_directory(w):
    s = Screen(w, w.t("Bottin téléphonique – intranet", "Staff directory – intranet"))
    rows = []
    for _ in range(w.r.randint(10, 14)):
        st = w.staff(w.c(["md", "nurse", "secretary", "admin", "pharm", "lab"]))
        rows.append([st.surname, st.given, st.role_fr if w.fr else st.role_en, st.phone, st.ext, st.email])
    s.table(w.t(["Nom", "Prénom", "Titre", "Téléphone", "Poste", "Courriel"], ["Last", "First", "Title", "Phone", "Ext.", "E-mail"]), rows,
            widths=[1.8, 1.6, 3.4, 2, 1, 4])
    return s.done(), []


def scr_formulary(w):
    s = Screen(w, w.t("Liste locale des médicaments", "Hospital formulary"))
    rows = []
    for m in w.r.sample(B.MEDS, 10):
        rows.append([f"{w.r.randint(10000000, 99999999):08d}", (m[0] if w.fr else m[1]).split(" ")[0], " ".join((m[0] if w.fr else m[1]).split(" ")[1:3]),
                     w.c(w.t(["Inscrit", "Inscrit", "Exception", "Non inscrit"], ["Listed", "Listed", "Restricted", "Not listed"])), w.c(["", "Rupture", "", ""]) if w.fr else ""])
    s.table(["DIN", w.t("Médicament", "Drug"), w.t("Teneur", "Strength"), w.t("Statut", "Status"), w.t("Note", "Note")], rows, widths=[1.6, 3, 2, 2, 1.4])
    s.lines([w.t("Les ordonnances hors liste requièrent le formulaire PHA-204.", "Non-formulary orders require form PHA-204.")], style="italic")
    return s.done(), []


def scr_lab_qc(w):
    s = Screen(w, w.t("Contrôle de qualité – Biochimie – Analyseur 2", "Quality control – Chemistry – Analyzer 2"))
    analyte = w.c(["Glucose", "Potassium", "Créatinine" if w.fr else "Creatinine", "Troponine hs" if w.fr else "hs-Troponin"])
    lot = f"{w.r.randint(10000, 99999)}"
    vals = [round(w.r.gauss(5.0, 0.12), 2) for _ in range(20)]
    d = s.d
    x0, y0, x1, y1 = s.x0 + 60, s.y + 30, s.x1 - 20, s.y + 300
    s.text(s.x0, s.y, w.t(f"{analyte} – contrôle niveau 2 – lot {lot}", f"{analyte} – level 2 control – lot {lot}"), style="bold")
    for k, lab in zip([-2, -1, 0, 1, 2], ["-2 ET", "-1 ET", w.t("Moy.", "Mean"), "+1 ET", "+2 ET"]):
        y = (y0 + y1) / 2 - k * (y1 - y0) / 5
        d.line([x0, y, x1, y], fill=(200, 60, 60) if abs(k) == 2 else (190, 190, 190))
        s.text(s.x0, y - 8, lab, s.fs - 2, fill=GREY)
    pts = [(x0 + (x1 - x0) * i / 19, (y0 + y1) / 2 - (v - 5.0) / 0.12 * (y1 - y0) / 5) for i, v in enumerate(vals)]
    d.line(pts, fill=(40, 90, 180), width=2)
    s.y = y1 + 20
    s.table(w.t(["Lot", "Moyenne", "ET", "CV", "Règle Westgard"], ["Lot", "Mean", "SD", "CV", "Westgard rule"]),
            [[lot, "5,00" if w.fr else "5.00", "0,12" if w.fr else "0.12", "2,4 %" if w.fr else "2.4%", w.c(["Aucune violation", "1-2s (avertissement)"]) if w.fr else "None"]])
    return s.done(), []


def scr_ed_stats(w):
    s = Screen(w, w.t("Urgence – situation en temps réel", "ED – real-time status"))
    rows = [[f"P{k}", w.r.randint(0, 12), f"{w.r.randint(5, 300)} min", w.r.randint(0, 9)] for k in range(1, 6)]
    s.table(w.t(["Priorité", "En attente", "Délai moyen", "Sur civière"], ["Priority", "Waiting", "Average wait", "On stretcher"]), rows)
    s.fields([(w.t("Taux d'occupation", "Occupancy"), f"{w.r.randint(90, 190)} %"), (w.t("Usagers > 24 h", "Patients > 24 h"), str(w.r.randint(2, 30))),
              (w.t("Durée moyenne sur civière", "Average stretcher time"), f"{w.r.randint(10, 30)} h")])
    labels = [f"{h} h" for h in range(0, 24, 3)]
    draw_bar_chart(s.d, (s.x0, s.y, s.x1, s.H - 30), w.t("Arrivées par tranche horaire", "Arrivals by hour"), labels, [w.r.randint(3, 40) for _ in labels], fs=s.fs)
    return s.done(), []


def scr_calendar(w):
    s = Screen(w, w.t("Calendrier – Réunions du service", "Calendar – Department meetings"))
    days = B.DAYS_FR[:5] if w.fr else B.DAYS_EN[:5]
    start = w.later(1, 14)
    rows = []
    for h in range(8, 17):
        row = [f"{h:02d}:00"]
        for _ in days:
            row.append(w.c(["", "", "", w.t("Comité qualité", "Quality committee"), w.t("Réunion d'équipe", "Team meeting"), f"1:1 {w.staff('md').given}",
                            w.t("Formation RCR", "CPR training"), w.t("Revue de mortalité", "M&M rounds")]))
        rows.append(row)
    s.table([""] + [f"{d.capitalize()} {(start + dt.timedelta(days=i)).day}" for i, d in enumerate(days)], rows, widths=[0.8] + [2.2] * 5)
    return s.done(), []


def scr_training_env(w):
    s = Screen(w, w.t(f"{w.c(APPS)} – ENVIRONNEMENT DE FORMATION", f"{w.c(APPS)} – TRAINING ENVIRONMENT"))
    s.banner([(w.t("Nom :", "Name:"), "PATIENT, Test"), (w.t("DDN :", "DOB:"), "1954-12-28"), ("NAM :", "TEST54122816"),
              (w.t("No dossier :", "MRN:"), "000000"), (w.t("Allergies :", "Allergies:"), w.t("Aucune", "None"))], bg=(255, 230, 200))
    w.neg_checks.append(("published_sample", "TEST54122816"))
    s.heading(w.t("Exercice 3 – saisir une ordonnance", "Exercise 3 – enter an order"))
    s.lines(w.t(["1. Ouvrir l'onglet Médication.", "2. Ajouter metformine 500 mg BID.", "3. Signer avec votre code de formation."],
                ["1. Open the Medications tab.", "2. Add metformin 500 mg BID.", "3. Sign with your training code."]))
    return s.done(), []


# ---------------------------------------------------------------------------
# Paper pages (clean; the category templates add scanner, fax or photo artefacts)
# ---------------------------------------------------------------------------

def clinic_head(w, pg, md):
    clinic = w.c(B.CLINICS + [w.hosp["name"]] * 3)
    addr = f"{w.r.randint(100, 9000)}, {w.c(B.STREETS)}, {w.hosp['city']}"
    pg.letterhead(clinic, addr, right=[w.t("Tél. ", "Tel. ") + w.phone(), w.t("Téléc. ", "Fax ") + w.phone()])
    return clinic


def page_referral(w, p, md, dpi=150, nam=True, boxes=None):
    pg = Paper(w, dpi)
    clinic_head(w, pg, md)
    pg.line(w.t("DEMANDE DE CONSULTATION", "CONSULTATION REQUEST"), pg.body + 3, bold=True, center=True)
    pg.skip(8)
    pg.field(w.t("Nom :", "Last name:"), p.surname.upper(), width_in=3.6, advance=False)
    pg.field(w.t("Prénom :", "First name:"), p.given, x=3.9)
    pg.field(w.t("Date de naissance :", "Date of birth:"), w.dob(p, w.c(["iso", "dmy/"])), width_in=3.6, advance=False)
    pg.field(w.t("Sexe :", "Sex:"), p.sex, x=3.9)
    shown = None
    if nam:
        shown = w.nam_of(p, style=w.c(["compact", "spaced", "spaced"]))
        if boxes if boxes is not None else w.chance(0.3):
            pg.boxes(w.t("NAM :", "RAMQ:"), re.sub(r"\s", "", shown))
        else:
            pg.field(w.t("NAM :", "Health card:"), shown, width_in=3.6, advance=False)
            pg.field(w.t("Exp. :", "Exp.:"), f"{w.day.year + w.r.randint(1, 7)}-{w.r.randint(1, 12):02d}", x=3.9)
    pg.field(w.t("Téléphone :", "Phone:"), w.phone(area=w.c(["514", "450", "418", "819"])))
    pg.field(w.t("Spécialité demandée :", "Specialty:"), w.service())
    pg.skip(4)
    pg.line(w.t("Priorité :", "Priority:"), bold=True, advance=False)
    prio = w.r.randint(0, 4)
    for k, lab in enumerate("ABCDE"):
        pg.checkbox(lab, k == prio, x=1.3 + k * 0.9, advance=(k == 4))
    pg.line(w.t("Raison de la consultation / renseignements cliniques :", "Reason for referral / clinical information:"), bold=True)
    pg.para(f"{w.diag(p)}. {w.symptom().capitalize()}. {w.t('Médication', 'Medication')} : {', '.join(w.meds(2))}.", italic=True)
    pg.para(w.t(f"Allergies : {w.allergy()}.", f"Allergies: {w.allergy()}."), italic=True)
    pg.skip(10)
    pg.field(w.t("Médecin référent :", "Referring physician:"), md.dr(w.lang), width_in=4.6, advance=False)
    pg.field(w.t("No permis :", "Licence:"), str(w.r.randint(10000, 99999)), x=4.9)
    pg.field(w.t("Date :", "Date:"), fmt_date(w.earlier(0, 5), "iso"), width_in=3)
    pg.signature(md.dr(w.lang))
    return pg.im, [p.surname, shown and re.sub(r"\s", "", shown)]


LAB_TESTS = [("FSC", "CBC"), ("Ions (Na, K, Cl)", "Electrolytes"), ("Créatinine / DFGe", "Creatinine / eGFR"), ("Glycémie à jeun", "Fasting glucose"),
             ("HbA1c", "HbA1c"), ("Bilan lipidique", "Lipid panel"), ("TSH", "TSH"), ("RNI", "INR"), ("Ferritine", "Ferritin"), ("ALT / AST", "ALT / AST"),
             ("Analyse d'urine", "Urinalysis"), ("Culture d'urine", "Urine culture"), ("PSA", "PSA"), ("Troponine", "Troponin")]


def page_lab_req(w, p, md, dpi=150, filled=True):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("Centre de prélèvements – Requête de laboratoire", "Blood collection centre – Laboratory requisition"))
    shown = None
    if filled:
        pg.field(w.t("Nom, prénom :", "Name:"), p.rev)
        pg.field(w.t("DDN (AAAA-MM-JJ) :", "DOB (YYYY-MM-DD):"), p.dob.isoformat(), width_in=3.6, advance=False)
        pg.field(w.t("Sexe :", "Sex:"), p.sex, x=3.9)
        if w.chance(0.7):
            shown = w.nam_of(p, style=w.c(["compact", "spaced"]))
            pg.field("NAM :", shown, width_in=3.6, advance=False)
            pg.field(w.t("No dossier :", "MRN:"), w.mrn("6"), x=3.9)
        else:
            shown = w.mrn("7")
            pg.field(w.t("No dossier :", "MRN:"), shown)
    else:
        pg.field(w.t("Nom, prénom :", "Name:"), "")
        pg.field(w.t("DDN (AAAA-MM-JJ) :", "DOB (YYYY-MM-DD):"), "", width_in=3.6, advance=False)
        pg.field(w.t("Sexe :", "Sex:"), "", x=3.9)
        pg.field("NAM :", "", width_in=3.6, advance=False)
        pg.field(w.t("No dossier :", "MRN:"), "", x=3.9)
    pg.skip(6)
    pg.line(w.t("Analyses demandées", "Tests requested"), bold=True)
    chosen = set(w.r.sample(range(len(LAB_TESTS)), w.r.randint(3, 6))) if filled else set()
    y0 = pg.y
    for k, t in enumerate(LAB_TESTS):
        col, row = divmod(k, 7)
        pg.y = y0 + row * int(pg.px(pg.body * 1.7))
        pg.checkbox(t[0] if w.fr else t[1], k in chosen, x=col * 3.4, advance=False)
    pg.y = y0 + 7 * int(pg.px(pg.body * 1.7)) + int(pg.px(6))
    pg.line(w.t("Renseignements cliniques / diagnostic :", "Clinical information / diagnosis:"), bold=True)
    if filled:
        pg.para(f"{w.diag(p)} – {w.c(['suivi', 'contrôle', 'bilan pré-op']) if w.fr else 'follow-up'}. {', '.join(w.meds(1))}.", italic=True)
    else:
        pg.skip(30)
    pg.field(w.t("Prescripteur :", "Ordering physician:"), md.dr(w.lang) if filled else "", width_in=4.6, advance=False)
    pg.field(w.t("Permis :", "Licence:"), str(w.r.randint(10000, 99999)) if filled else "", x=4.9)
    pg.field(w.t("Copie conforme à :", "Copy to:"), w.staff("md").dr(w.lang) if filled and w.chance(0.5) else "")
    if filled:
        pg.signature(md.dr(w.lang))
    pg.skip(10)
    pg.line(w.t("Apporter la carte d'assurance maladie. À jeun 12 h si glycémie ou bilan lipidique.",
                "Bring the health card. Fast 12 h for glucose or lipids."), pg.body - 2, italic=True)
    return pg.im, [p.surname if filled else None, shown and re.sub(r"\s", "", shown)]


def page_prescription(w, p, md, dpi=150):
    pg = Paper(w, dpi, inches=(5.5, 8.5), margin=0.45)
    pg.body = w.c([11, 11.5, 12])
    pg.line(md.dr(w.lang), pg.body + 2, bold=True)
    pg.line(md.role_fr if w.fr else md.role_en, pg.body - 1)
    pg.line(w.c(B.CLINICS), pg.body - 1)
    pg.line(f"{w.t('Permis', 'Licence')} {w.r.randint(10000, 99999)} – {w.t('Tél.', 'Tel.')} {w.phone()}", pg.body - 1)
    pg.rule(2)
    pg.field(w.t("Patient :", "Patient:"), p.full)
    pg.field(w.t("DDN :", "DOB:"), w.dob(p, w.c(["iso", "dmy/"])), width_in=2.3, advance=False)
    shown = None
    if w.chance(0.5):
        shown = w.nam_of(p)
        pg.field("NAM :", shown, x=2.45)
    else:
        pg.field(w.t("Poids :", "Wt:"), f"{w.r.randint(45, 110)} kg", x=2.45)
    pg.field(w.t("Adresse :", "Address:"), f"{w.r.randint(10, 9999)}, {w.c(B.STREETS)}")
    pg.skip(6)
    pg.line("Rx", pg.body + 8, bold=True, italic=True)
    for m in w.meds(w.r.randint(1, 3)):
        pg.line(m, italic=True)
        pg.line(w.t(f"   Qté : {w.c(['30', '60', '90'])} – Renouvellements : {w.r.randint(0, 5)}", f"   Qty: {w.c(['30', '60', '90'])} – Refills: {w.r.randint(0, 5)}"), pg.body - 1)
    pg.skip(4)
    pg.line(w.t(f"Dx : {w.diag(p)}", f"Dx: {w.diag(p)}"), pg.body - 0.5, italic=True)
    pg.field(w.t("Date :", "Date:"), fmt_date(w.earlier(0, 3), "iso"), width_in=2.3)
    pg.signature(md.dr(w.lang))
    return pg.im, [p.surname, shown]


def page_consult_report(w, p, md, dpi=150, with_mrn=True, part=1):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t(f"Service {B.de(w.service())}", f"Department of {w.service()}"))
    pg.line(w.t("RAPPORT DE CONSULTATION", "CONSULTATION REPORT"), pg.body + 2, bold=True, center=True)
    pg.skip(6)
    mrn = w.mrn(w.c(["6", "H-", "8z"]))
    pg.line(f"{w.t('Usager', 'Patient')} : {p.rev}" + (f"     {w.t('No dossier', 'MRN')} : {mrn}" if with_mrn else ""), bold=True)
    if not with_mrn or w.chance(0.6):
        pg.line(f"{w.t('Date de naissance', 'Date of birth')} : {w.dob(p)}")
    pg.line(f"{w.t('Date de la consultation', 'Date of visit')} : {fmt_date(w.earlier(1, 10), 'fr_long' if w.fr else 'en_long')}")
    pg.line(f"{w.t('Demandée par', 'Requested by')} : {w.staff('md').dr(w.lang)}")
    pg.skip(6)
    dg = w.diag(p)
    sections = w.t(
        [("Raison de consultation", f"Évaluation de {w.symptom()}."),
         ("Histoire", f"{p.e('Patiente', 'Patient')} de {p.age(w.day)} ans connu{p.e('e', '')} pour {dx_list(w, p, 1)[0]}. "
                      f"Depuis {w.r.randint(2, 10)} semaines : {w.symptom()}. Pas de fièvre. Observance médicamenteuse bonne."),
         ("Médication", ", ".join(w.meds(3)) + "."), ("Examen", f"TA {w.r.randint(100, 170)}/{w.r.randint(60, 100)}, FC {w.r.randint(55, 110)}, "
                                                        f"SaO2 {w.r.randint(89, 99)} %. Examen cardiopulmonaire : {w.c(['crépitants aux bases', 'normal', 'souffle systolique 2/6'])}."),
         ("Impression", f"{dg}."), ("Plan", f"{w.imaging().capitalize()}; ajuster {w.meds(1)[0]}; revoir dans {w.r.randint(2, 8)} semaines.")],
        [("Reason for consultation", f"Assessment of {w.symptom()}."),
         ("History", f"{p.age(w.day)}-year-old known for {dx_list(w, p, 1)[0]}, with {w.symptom()} for {w.r.randint(2, 10)} weeks."),
         ("Medications", ", ".join(w.meds(3)) + "."), ("Examination", f"BP {w.r.randint(100, 170)}/{w.r.randint(60, 100)}, HR {w.r.randint(55, 110)}."),
         ("Impression", f"{dg}."), ("Plan", f"{w.imaging().capitalize()}; follow-up in {w.r.randint(2, 8)} weeks.")])
    for head, txt in sections:
        pg.line(head, bold=True)
        pg.para(txt)
        pg.skip(3)
    pg.skip(8)
    pg.line(md.dr(w.lang) + ", " + (md.role_fr if w.fr else md.role_en))
    pg.line(f"{w.t('Dicté le', 'Dictated')} {fmt_date(w.earlier(0, 3), 'iso')} – {w.t('transcrit par', 'transcribed by')} {w.staff('secretary').given[0]}.{w.staff('secretary').surname[0]}.", pg.body - 2)
    return pg.im, [p.surname, mrn if with_mrn else None]


def page_discharge(w, p, md, dpi=150):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("Résumé de séjour / sommaire d'hospitalisation", "Discharge summary"))
    nam = nam_or_none(w, p, 0.5)
    pg.field(w.t("Usager :", "Patient:"), p.rev, width_in=4.2, advance=False)
    pg.field(w.t("DDN :", "DOB:"), w.dob(p, "iso"), x=4.4)
    if nam:
        pg.field("NAM :", nam, width_in=4.2, advance=False)
        pg.field(w.t("Dossier :", "MRN:"), w.mrn("6"), x=4.4)
    adm = w.earlier(4, 20)
    pg.field(w.t("Admission :", "Admitted:"), adm.isoformat(), width_in=4.2, advance=False)
    pg.field(w.t("Congé :", "Discharged:"), w.earlier(0, 3).isoformat(), x=4.4)
    pg.skip(6)
    pg.line(w.t("Diagnostic principal", "Principal diagnosis"), bold=True)
    pg.para(w.diag(p) + ".")
    pg.line(w.t("Diagnostics secondaires", "Secondary diagnoses"), bold=True)
    for d_ in dx_list(w, p, 2):
        pg.line("– " + d_)
    pg.line(w.t("Évolution", "Hospital course"), bold=True)
    pg.para(w.t(f"Traité{p.e('e', '')} par {w.meds(1)[0]}. Évolution favorable. {labs(w, p, 1)[0][0]} à contrôler.",
                f"Treated with {w.meds(1)[0]}. Good progress. Repeat {labs(w, p, 1)[0][0]}."))
    pg.line(w.t("Médication au congé", "Discharge medications"), bold=True)
    for m in w.meds(3):
        pg.line("– " + m)
    pg.skip(8)
    pg.line(md.dr(w.lang))
    return pg.im, [p.surname, nam]


def page_patient_list(w, dpi=150, n=None):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t(f"Liste des usagers – {w.c(UNITS)} – {fmt_date(w.day, 'iso')}", f"Patient list – {w.c(UNITS)}"))
    rows, needles = [], []
    for _ in range(n or w.r.randint(8, 14)):
        p = w.person(20, 97)
        rows.append([w.room(), f"{p.surname}, {p.given}", p.dob.isoformat(), w.diag(p)])
        needles.append(p.surname)
    pg.table(w.t(["Ch.", "Nom", "DDN", "Diagnostic"], ["Room", "Name", "DOB", "Diagnosis"]), rows, [1, 3.4, 2, 5.5])
    return pg.im, needles[:3]


def page_fax_cover(w, md, to, pages, dpi=200, confidential=True):
    pg = Paper(w, dpi, serif=False)
    pg.line(w.t("TÉLÉCOPIE", "FAX"), pg.body + 12, bold=True)
    pg.line(w.hosp["name"], pg.body + 1)
    pg.skip(10)
    pg.field(w.t("À :", "To:"), to[0])
    pg.field(w.t("Télécopieur :", "Fax:"), w.phone(area=w.c(["514", "450", "418", "819"])))
    pg.field(w.t("De :", "From:"), md.dr(w.lang))
    pg.field(w.t("Date :", "Date:"), fmt_date(w.day, "iso"))
    pg.field(w.t("Nombre de pages (incluant celle-ci) :", "Pages (including cover):"), str(pages))
    pg.skip(10)
    pg.line(w.t("Objet :", "Re:"), bold=True, advance=False)
    pg.line(w.c(w.t(["Suite à votre demande", "Document demandé", "Pour traitement", "Urgent"], ["As requested", "For processing", "Urgent"])), x=1.6)
    pg.skip(30)
    if confidential:
        pg.rule(2)
        pg.para(w.t("AVIS DE CONFIDENTIALITÉ : Ce document est destiné uniquement à la personne nommée ci-dessus et peut contenir des "
                    "renseignements confidentiels. Si vous l'avez reçu par erreur, veuillez nous en aviser immédiatement et le détruire.",
                    "CONFIDENTIALITY NOTICE: This fax is intended only for the addressee and may contain confidential information. "
                    "If you received it in error, please notify us and destroy it."), pg.body - 1.5)
    return pg.im


def fax_line(w, page, pages):
    return f"{w.day.strftime('%d/%m/%Y')} {rand_time(w, 8, 18)}  FAX {w.hosp['area']} 555 01{w.r.randint(0, 99):02d}  {B.strip_accents(w.hosp['short'])}  P.{page:03d}/{pages:03d}"


# negatives -------------------------------------------------------------------

def page_memo(w, dpi=150):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("NOTE DE SERVICE", "MEMORANDUM"))
    frm = w.staff("admin")
    pg.field(w.t("Destinataires :", "To:"), w.t("Tout le personnel – " + w.c(UNITS), "All staff – " + w.c(UNITS)))
    pg.field(w.t("Expéditeur :", "From:"), f"{frm.full}, {frm.role_fr if w.fr else frm.role_en}")
    pg.field(w.t("Date :", "Date:"), fmt_date(w.earlier(0, 10), "fr_long" if w.fr else "en_long"))
    pg.field(w.t("Objet :", "Subject:"), w.c(w.t(["Réaménagement du poste infirmier", "Nouvelle procédure de double vérification",
                                                    "Fermeture temporaire de l'ascenseur B", "Rappel – hygiène des mains"],
                                                   ["Nursing station renovation", "New double-check procedure", "Elevator B closure"])))
    pg.skip(10)
    for _ in range(w.r.randint(3, 5)):
        pg.para(w.c(w.t([
            f"À compter du {fmt_date(w.later(3, 20), 'fr_long')}, la double vérification indépendante est obligatoire pour l'insuline, l'héparine et les opioïdes IV.",
            f"Les travaux se dérouleront du {fmt_date(w.later(3, 10), 'fr_long')} au {fmt_date(w.later(11, 30), 'fr_long')}. Le chariot de code sera déplacé près de la salle {w.room()}.",
            "Merci de signaler tout incident ou accident au moyen du formulaire AH-223, sans inscrire de renseignements nominatifs dans le champ de commentaires.",
            f"Le taux de conformité à l'hygiène des mains est de {w.r.randint(55, 92)} % ce trimestre; la cible est de 80 %.",
            "Une séance d'information aura lieu dans la salle de conférence du 3e étage. Votre présence est fortement recommandée."],
            ["Independent double checks become mandatory for insulin, heparin and IV opioids.",
             "Work will take place over the next three weeks; the code cart moves next to the nursing station.",
             f"Hand hygiene compliance was {w.r.randint(55, 92)}% this quarter; the target is 80%."])))
        pg.skip(4)
    pg.skip(10)
    pg.line(frm.full)
    return pg.im


def page_menu(w, dpi=150):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t(f"Cafétéria – menu de la semaine du {fmt_date(w.later(1, 7), 'fr_long')}", "Cafeteria – weekly menu"))
    soups = w.t(["Crème de brocoli", "Soupe aux pois", "Potage Crécy", "Minestrone", "Soupe poulet et nouilles"], ["Broccoli soup", "Pea soup", "Minestrone"])
    mains = w.t(["Pâté chinois", "Saumon grillé, riz", "Poulet au beurre", "Lasagne végétarienne", "Tourtière et betteraves", "Pizza toute garnie",
                 "Pavé de porc, sauce aux pommes"], ["Shepherd's pie", "Grilled salmon", "Butter chicken", "Veggie lasagna", "Meat pie"])
    rows = [[d.capitalize(), w.c(soups), w.c(mains), B.money(w, 6, 12)] for d in (B.DAYS_FR[:5] if w.fr else B.DAYS_EN[:5])]
    pg.table(w.t(["Jour", "Soupe", "Plat principal", "Prix"], ["Day", "Soup", "Main", "Price"]), rows, [1.6, 3, 4, 1.4])
    pg.para(w.t("Options sans gluten sur demande. Menu sujet à changement. Paiement par carte d'employé accepté.",
                "Gluten-free options on request."), italic=True)
    return pg.im


def page_minutes(w, dpi=150):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("Procès-verbal", "Minutes"))
    pg.field(w.t("Comité :", "Committee:"), w.c(w.t(["Comité de pharmacologie", "Comité des soins infirmiers", "Comité de prévention des infections",
                                                      "Comité de gestion des risques"], ["Pharmacy and therapeutics", "Infection prevention committee"])))
    pg.field(w.t("Date :", "Date:"), fmt_date(w.earlier(2, 20), "fr_long" if w.fr else "en_long"))
    pg.field(w.t("Présents :", "Present:"), ", ".join(w.staff(w.c(["md", "nurse", "pharm", "admin"])).full for _ in range(4)))
    pg.skip(6)
    items = w.t([f"Adoption du procès-verbal du {fmt_date(w.earlier(30, 60), 'iso')} : adopté.",
                 f"Rupture d'approvisionnement : {w.c(B.MEDS)[0]}; alternative proposée par la pharmacie.",
                 f"Audit des chutes : {w.r.randint(5, 40)} chutes ce trimestre, dont {w.r.randint(0, 4)} avec blessure.",
                 "Révision de l'ordonnance collective sur l'ajustement de l'insuline : reportée.",
                 f"Éclosion d'influenza sur {w.c(UNITS)} terminée le {fmt_date(w.earlier(1, 15), 'iso')}.",
                 f"Prochaine rencontre : {fmt_date(w.later(20, 40), 'fr_long')}."],
                [f"Minutes of {fmt_date(w.earlier(30, 60), 'iso')} approved.", f"Falls audit: {w.r.randint(5, 40)} falls this quarter.",
                 "Insulin protocol review postponed.", f"Next meeting: {fmt_date(w.later(20, 40), 'en_long')}."])
    for i, it in enumerate(items, 1):
        pg.para(f"{i}. {it}")
    return pg.im


def page_invoice(w, dpi=150):
    pg = Paper(w, dpi)
    sname, dom = w.c(B.SUPPLIERS)
    pg.letterhead(sname, f"{w.r.randint(100, 9999)}, {w.c(B.STREETS)}, {w.c(B.CITIES_QC)}", right=[w.t("FACTURE", "INVOICE"), f"No {w.r.randint(100000, 999999)}"])
    pg.field(w.t("Facturé à :", "Bill to:"), w.hosp["name"] + w.t(" – Approvisionnement", " – Procurement"))
    pg.field(w.t("Bon de commande :", "PO:"), B.po_number(w), width_in=3.8, advance=False)
    pg.field(w.t("Date :", "Date:"), fmt_date(w.earlier(1, 20), "iso"), x=4.0)
    rows = [[r[0], r[1], r[2], r[3]] for r in look_alike_rows(w, w.r.randint(6, 10))]
    pg.table(w.t(["Code", "Description", "Qté", "Montant"], ["Code", "Description", "Qty", "Amount"]), rows, [2.6, 5.4, 0.8, 1.6])
    bn = B.bn(w) + "RT0001"
    pg.line(w.t(f"TPS/TVH : {bn}", f"GST: {bn}"), pg.body - 1)
    pg.line(w.t("Payable net 30 jours.", "Net 30 days."), pg.body - 1)
    return pg.im


def page_policy(w, dpi=150, part=1):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("Politique et procédure", "Policy and procedure"),
                  right=[f"{w.t('No', 'No.')} {w.c(['PPS', 'DSI', 'PI'])}-{w.r.randint(100, 999)}", f"{w.t('Page', 'Page')} {part}"])
    topic = w.c(w.t([("Hygiène des mains", ["Les cinq moments de l'hygiène des mains s'appliquent à tout contact avec l'usager ou son environnement.",
                                             "La friction hydroalcoolique est la méthode de choix, sauf en présence de C. difficile ou de souillure visible.",
                                             "Le port de gants ne remplace pas l'hygiène des mains."]),
                     ("Prévention des chutes", ["Évaluer le risque de chute à l'admission, après toute chute et à chaque changement de l'état clinique.",
                                                "Les ridelles ne constituent pas une mesure de prévention et peuvent constituer une contention.",
                                                "Déclarer toute chute au moyen du formulaire AH-223."]),
                     ("Gestion des médicaments de niveau d'alerte élevé", ["L'héparine, l'insuline, le potassium IV et les opioïdes font l'objet d'une double vérification indépendante.",
                                                                           "Les concentrations standardisées de l'annexe B doivent être utilisées.",
                                                                           "Toute erreur doit être déclarée, même sans conséquence."])],
                    [("Hand hygiene", ["The five moments of hand hygiene apply to all patient contact.", "Alcohol-based rub is preferred except for C. difficile.",
                                       "Gloves do not replace hand hygiene."])]))
    pg.line(topic[0], pg.body + 2, bold=True)
    pg.field(w.t("En vigueur :", "Effective:"), fmt_date(w.earlier(30, 600), "iso"), width_in=3.5, advance=False)
    pg.field(w.t("Révision :", "Review:"), fmt_date(w.later(100, 900), "iso"), x=3.8)
    pg.skip(4)
    for i, t in enumerate(topic[1] * (2 if part > 1 else 1), 1):
        pg.para(f"{part}.{i} {t}")
        pg.skip(3)
    pg.line(w.t("Approuvé par le comité de direction", "Approved by the management committee"), italic=True)
    return pg.im


def page_supply_order(w, dpi=200):
    pg = Paper(w, dpi)
    pg.letterhead(w.hosp["name"], w.t("Demande de fournitures – Magasin central", "Supply request – Central stores"))
    pg.field(w.t("Service demandeur :", "Department:"), w.c(UNITS), width_in=4.0, advance=False)
    pg.field(w.t("Centre d'activités :", "Cost centre:"), str(w.r.randint(6000, 7999)), x=4.2)
    pg.field(w.t("Demandé par :", "Requested by:"), w.staff("nurse").full, width_in=4.0, advance=False)
    pg.field(w.t("Date :", "Date:"), fmt_date(w.day, "iso"), x=4.2)
    rows = [[r[0], r[1], r[2]] for r in look_alike_rows(w, w.r.randint(5, 9))]
    pg.table(w.t(["Code produit", "Description", "Qté"], ["Item code", "Description", "Qty"]), rows, [2.6, 6, 1])
    pg.field(w.t("Approuvé par :", "Approved by:"), w.staff("admin").full)
    return pg.im


def page_certificate(w, dpi=150):
    pg = Paper(w, dpi, inches=(11, 8.5))
    st = w.staff(w.c(["nurse", "md", "lab"]))
    pg.skip(20)
    pg.line(w.t("ATTESTATION DE FORMATION", "CERTIFICATE OF COMPLETION"), pg.body + 10, bold=True, center=True)
    pg.skip(14)
    pg.line(w.t("Nous attestons que", "This certifies that"), center=True)
    pg.line(st.full, pg.body + 8, bold=True, center=True)
    pg.line(w.t("a réussi la formation", "has completed"), center=True)
    pg.line(w.c(w.t(["Réanimation cardiorespiratoire (RCR) – niveau DEA", "Soins immédiats en réanimation (SIR)", "Prévention et contrôle des infections",
                     "Transfusion sécuritaire"], ["Basic Life Support", "Advanced Cardiac Life Support", "Infection prevention"])), pg.body + 2, italic=True, center=True)
    pg.line(w.t(f"le {fmt_date(w.earlier(2, 60), 'fr_long')} ({w.r.randint(3, 8)} heures)", f"on {fmt_date(w.earlier(2, 60), 'en_long')}"), center=True)
    pg.line(w.t(f"Valide jusqu'au {fmt_date(w.later(300, 700), 'fr_long')}", f"Valid until {fmt_date(w.later(300, 700), 'en_long')}"), center=True)
    pg.skip(20)
    pg.signature(w.staff("admin").full, w.t("Formation continue", "Continuing education"))
    return pg.im


def page_vaccination_poster(w, dpi=150):
    pg = Paper(w, dpi)
    pg.skip(10)
    pg.line(w.t("VACCINATION ANTIGRIPPALE", "FLU VACCINATION"), pg.body + 14, bold=True, center=True)
    pg.line(w.t("pour le personnel et les médecins", "for staff and physicians"), pg.body + 4, center=True)
    pg.skip(14)
    start = w.later(3, 20)
    rows = [[fmt_date(start + dt.timedelta(days=k * 2), "iso"), f"{w.r.randint(7, 10)} h – {w.r.randint(14, 16)} h", w.t("Salle ", "Room ") + w.room()] for k in range(5)]
    pg.table(w.t(["Date", "Heures", "Lieu"], ["Date", "Hours", "Place"]), rows, [3, 3, 3])
    pg.para(w.t("Apportez votre carte d'employé. Aucun rendez-vous nécessaire. Les personnes allergiques aux œufs peuvent recevoir le vaccin.",
                "Bring your staff badge. No appointment needed."))
    return pg.im


def page_article(w, dpi=150):
    pg = Paper(w, dpi, serif=True)
    pg.line(w.c(["Revue québécoise de médecine interne", "Bulletin de pharmacovigilance", "Le Médecin du Nord"]), pg.body - 1, italic=True)
    pg.line(w.c(w.t(["Prise en charge de l'insuffisance cardiaque à fraction d'éjection réduite", "Anticoagulation en fibrillation auriculaire chez la personne âgée",
                     "Hyponatrémie : approche diagnostique"], ["Managing HFrEF", "Anticoagulation in elderly AF patients"])), pg.body + 5, bold=True)
    pg.line(", ".join(f"{w.staff('md').full}" for _ in range(2)), pg.body - 1)
    pg.skip(6)
    for _ in range(3):
        pg.para(w.c(w.t([
            "Les patients âgés de plus de 75 ans présentent un risque hémorragique accru; le score HAS-BLED aide à identifier les facteurs modifiables.",
            "Chez les patients atteints d'insuffisance rénale chronique stade 3b, l'ajustement posologique de l'apixaban repose sur l'âge, le poids et la créatinine.",
            "Une hyponatrémie inférieure à 125 mmol/L justifie une évaluation urgente, surtout en présence de confusion ou de convulsions.",
            "Les quatre piliers du traitement (IECA/ARNI, bêtabloquant, ARM et iSGLT2) réduisent la mortalité de façon additive.",
            f"Dans notre série de {w.r.randint(80, 400)} patients, l'âge médian était de {w.r.randint(60, 80)} ans et {w.r.randint(30, 60)} % étaient des femmes."],
            ["Patients older than 75 have a higher bleeding risk.", "Hyponatremia below 125 mmol/L warrants urgent evaluation.",
             f"In our series of {w.r.randint(80, 400)} patients the median age was {w.r.randint(60, 80)}."])))
        pg.skip(3)
    return pg.im


def page_blank_referral(w, dpi=150):
    pg = Paper(w, dpi)
    clinic_head(w, pg, None)
    pg.line(w.t("DEMANDE DE CONSULTATION", "CONSULTATION REQUEST"), pg.body + 3, bold=True, center=True)
    pg.skip(8)
    for lab in w.t(["Nom :", "Prénom :", "Date de naissance :", "NAM :", "Téléphone :", "Spécialité demandée :"],
                   ["Last name:", "First name:", "Date of birth:", "Health card:", "Phone:", "Specialty:"]):
        pg.field(lab, "")
    pg.boxes("NAM :", "")
    pg.line(w.t("Raison de la consultation :", "Reason for referral:"), bold=True)
    pg.skip(60)
    pg.field(w.t("Médecin référent :", "Referring physician:"), "")
    pg.line(w.t("Formulaire AH-702 – version 2024-03 – ne pas modifier", "Form AH-702 – rev. 2024-03"), pg.body - 2, italic=True)
    return pg.im


# ---------------------------------------------------------------------------
# OOXML written by hand (docx with header/footer/footnotes/comments/revisions/images;
# xlsx with several sheets, hidden sheets, inline strings, dates and cell comments)
# ---------------------------------------------------------------------------

def xesc(s):
    return html.escape(s, quote=True)


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_DECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')


def iso_z(d):
    return d.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(creator, created, modified, title=""):
    return (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{xesc(title)}</dc:title><dc:creator>{xesc(creator)}</dc:creator><cp:lastModifiedBy>{xesc(creator)}</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{iso_z(created)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso_z(modified)}</dcterms:modified></cp:coreProperties>')


def app_xml(app):
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>{xesc(app)}</Application>'
            '<DocSecurity>0</DocSecurity><AppVersion>16.0000</AppVersion></Properties>')


def rels_xml(rels):
    return (XML_HEAD + f'<Relationships xmlns="{PKG_REL}">' +
            "".join(f'<Relationship Id="{i}" Type="{t}" Target="{xesc(tg)}"/>' for i, t, tg in rels) + "</Relationships>")


def ct_xml(defaults, overrides):
    return (XML_HEAD + f'<Types xmlns="{CT_NS}">' + "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults) +
            "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides) + "</Types>")


def wrun(text, bold=False, italic=False, size=None, deleted=False):
    rpr = ""
    if bold or italic or size:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{xesc(text)}</{tag}></w:r>'


def wpara(inner, align=None, style=None):
    ppr = ""
    if align or style:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (f'<w:jc w:val="{align}"/>' if align else "") + "</w:pPr>"
    if not inner.startswith("<"):
        inner = wrun(inner)
    return f"<w:p>{ppr}{inner}</w:p>"


class Docx:
    def __init__(self, w, author):
        self.w, self.author = w, author
        self.body, self.header, self.footer = [], None, None
        self.footnotes, self.comments, self.images = [], [], []
        self.rev_id = 100

    def p(self, text="", bold=False, italic=False, align=None, size=None):
        self.body.append(wpara(wrun(text, bold, italic, size) if text else "", align))

    def raw(self, xml):
        self.body.append(xml)

    def footnote(self, text):
        self.footnotes.append(text)
        return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{len(self.footnotes)}"/></w:r>'

    def comment(self, anchor, text, author, when):
        cid = len(self.comments)
        self.comments.append((text, author, when))
        return (f'<w:commentRangeStart w:id="{cid}"/>{wrun(anchor)}<w:commentRangeEnd w:id="{cid}"/>'
                f'<w:r><w:commentReference w:id="{cid}"/></w:r>')

    def ins(self, text, author, when):
        self.rev_id += 1
        return f'<w:ins w:id="{self.rev_id}" w:author="{xesc(author)}" w:date="{iso_z(when)}">{wrun(text)}</w:ins>'

    def dele(self, text, author, when):
        self.rev_id += 1
        return f'<w:del w:id="{self.rev_id}" w:author="{xesc(author)}" w:date="{iso_z(when)}">{wrun(text, deleted=True)}</w:del>'

    def image(self, data, ext, px_w, px_h, max_w=600, descr=""):
        k = len(self.images) + 1
        self.images.append((f"image{k}.{ext}", data))
        if px_w > max_w:
            px_h, px_w = int(px_h * max_w / px_w), max_w
        cx, cy = px_w * 9525, px_h * 9525
        rid = f"rIdImg{k}"
        self.body.append(
            f'<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{k}" name="Image {k}" descr="{xesc(descr)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{k}" name="image{k}.{ext}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')

    def table(self, rows, header=True):
        out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
               '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
               '<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>']
        for i, row in enumerate(rows):
            out.append("<w:tr>" + "".join(f"<w:tc>{wpara(wrun(str(c), bold=header and i == 0))}</w:tc>" for c in row) + "</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))

    def build(self, created=None):
        w = self.w
        created = created or (w.date - dt.timedelta(days=w.r.randint(1, 30), minutes=w.r.randint(0, 600)))
        modified = w.date - dt.timedelta(minutes=w.r.randint(5, 600))
        doc_rels = [("rId1", f"{REL}/styles", "styles.xml"), ("rId2", f"{REL}/settings", "settings.xml")]
        overrides = [("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
                     ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                     ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
                     ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                     ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
        files = []
        sect = ""
        if self.header is not None:
            doc_rels.append(("rId3", f"{REL}/header", "header1.xml"))
            overrides.append(("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"))
            files.append(("word/header1.xml", XML_HEAD + f"<w:hdr {W_DECL}>" + "".join(self.header) + "</w:hdr>"))
            sect += '<w:headerReference w:type="default" r:id="rId3"/>'
        if self.footer is not None:
            doc_rels.append(("rId4", f"{REL}/footer", "footer1.xml"))
            overrides.append(("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"))
            files.append(("word/footer1.xml", XML_HEAD + f"<w:ftr {W_DECL}>" + "".join(self.footer) + "</w:ftr>"))
            sect += '<w:footerReference w:type="default" r:id="rId4"/>'
        if self.footnotes:
            doc_rels.append(("rId5", f"{REL}/footnotes", "footnotes.xml"))
            overrides.append(("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"))
            fn = [f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                  f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
            for i, t in enumerate(self.footnotes, 1):
                fn.append(f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          f'<w:footnoteRef/></w:r>{wrun(" " + t)}</w:p></w:footnote>')
            files.append(("word/footnotes.xml", XML_HEAD + f"<w:footnotes {W_DECL}>" + "".join(fn) + "</w:footnotes>"))
        if self.comments:
            doc_rels.append(("rId6", f"{REL}/comments", "comments.xml"))
            overrides.append(("/word/comments.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"))
            cs = []
            for i, (t, a, when) in enumerate(self.comments):
                ini = "".join(x[0] for x in a.replace("Dre ", "").replace("Dr ", "").split() if x[:1].isalpha())
                cs.append(f'<w:comment w:id="{i}" w:author="{xesc(a)}" w:date="{iso_z(when)}" w:initials="{xesc(ini)}">'
                          + "".join(wpara(wrun(line)) for line in t.split("\n")) + "</w:comment>")
            files.append(("word/comments.xml", XML_HEAD + f"<w:comments {W_DECL}>" + "".join(cs) + "</w:comments>"))
        defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")]
        exts = set()
        for k, (name, data) in enumerate(self.images, 1):
            doc_rels.append((f"rIdImg{k}", f"{REL}/image", f"media/{name}"))
            files.append((f"word/media/{name}", data))
            exts.add(name.rsplit(".", 1)[1])
        for e in sorted(exts):
            defaults.append((e, {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}[e]))
        doc = (XML_HEAD + f"<w:document {W_DECL}><w:body>" + "".join(self.body) +
               f'<w:sectPr>{sect}<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
               'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>')
        styles = (XML_HEAD + f'<w:styles {W_DECL}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
                  '<w:sz w:val="22"/><w:lang w:val="fr-CA"/></w:rPr></w:rPrDefault></w:docDefaults>'
                  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                  '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
                  '<w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
                  '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>')
        settings = XML_HEAD + f'<w:settings {W_DECL}><w:zoom w:percent="100"/>' + ("<w:trackRevisions/>" if self.rev_id > 100 else "") + \
            '<w:defaultTabStop w:val="708"/></w:settings>'
        parts = [("[Content_Types].xml", ct_xml(defaults, overrides)),
                 ("_rels/.rels", rels_xml([("rId1", f"{REL}/officeDocument", "word/document.xml"),
                                           ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                                           ("rId3", f"{REL}/extended-properties", "docProps/app.xml")])),
                 ("word/document.xml", doc), ("word/_rels/document.xml.rels", rels_xml(doc_rels)),
                 ("word/styles.xml", styles), ("word/settings.xml", settings)] + files + \
                [("docProps/core.xml", core_xml(self.author, created, modified)), ("docProps/app.xml", app_xml("Microsoft Office Word"))]
        return zip_bytes([(n, d.encode("utf-8") if isinstance(d, str) else d) for n, d in parts], date=modified)


def zip_bytes(files, date=None):
    buf = io.BytesIO()
    zdt = (date.year, date.month, date.day, date.hour, date.minute, date.second - date.second % 2) if date else B.ZIP_DATE
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=zdt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return buf.getvalue()


def excel_serial(d):
    return (d - dt.date(1899, 12, 30)).days


class Formula:
    def __init__(self, f, value):
        self.f, self.value = f, value


def xlsx_bytes(w, sheets, author):
    """sheets: list of dicts: name, rows, state ('visible'/'hidden'), comments {ref: (author, text)}, inline (bool)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings, index = [], {}
    parts, wb_rels, overrides = [], [], []
    defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")]
    has_vml = False
    for si, sh in enumerate(sheets, 1):
        xml_rows = []
        for ri, row in enumerate(sh["rows"], 1):
            cells = []
            hs = ' s="2"' if ri == 1 else ""
            for ci, v in enumerate(row):
                ref = f"{B._col(ci)}{ri}"
                if v is None or v == "":
                    continue
                if isinstance(v, Formula):
                    cells.append(f'<c r="{ref}"><f>{xesc(v.f)}</f><v>{v.value}</v></c>')
                elif isinstance(v, dt.date):
                    cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(v)}</v></c>')
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                elif sh.get("inline"):
                    cells.append(f'<c r="{ref}" t="inlineStr"{hs}><is><t xml:space="preserve">{xesc(str(v))}</t></is></c>')
                else:
                    v = str(v)
                    if v not in index:
                        index[v] = len(strings)
                        strings.append(v)
                    cells.append(f'<c r="{ref}" t="s"{hs}><v>{index[v]}</v></c>')
            xml_rows.append(f'<row r="{ri}">' + "".join(cells) + "</row>")
        tail = ""
        srels = []
        if sh.get("comments"):
            has_vml = True
            srels = [("rId1", f"{REL}/comments", f"../comments{si}.xml"), ("rId2", f"{REL}/vmlDrawing", f"../drawings/vmlDrawing{si}.vml")]
            tail = '<legacyDrawing r:id="rId2"/>'
            authors = sorted({a for a, _ in sh["comments"].values()})
            cl = []
            shapes = []
            for k, (ref, (a, text)) in enumerate(sorted(sh["comments"].items())):
                cl.append(f'<comment ref="{ref}" authorId="{authors.index(a)}"><text><r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr>'
                          f'<t xml:space="preserve">{xesc(a)}:</t></r><r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr>'
                          f'<t xml:space="preserve">&#10;{xesc(text)}</t></r></text></comment>')
                col = ord(re.match(r"[A-Z]", ref).group(0)) - 65
                row = int(re.search(r"\d+", ref).group(0)) - 1
                shapes.append(f'<v:shape id="_x0000_s{1025 + k}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;'
                              f'width:140pt;height:60pt;z-index:{k + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
                              '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
                              '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
                              f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{col + 1}, 15, {row}, 2, {col + 4}, 15, {row + 4}, 16</x:Anchor>'
                              f'<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>')
            parts.append((f"xl/comments{si}.xml", XML_HEAD + f'<comments xmlns="{ns}"><authors>' + "".join(f"<author>{xesc(a)}</author>" for a in authors) +
                          "</authors><commentList>" + "".join(cl) + "</commentList></comments>"))
            overrides.append((f"/xl/comments{si}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"))
            parts.append((f"xl/drawings/vmlDrawing{si}.vml",
                          '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                          f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{si}"/></o:shapelayout>'
                          '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
                          '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' + "".join(shapes) + "</xml>"))
            parts.append((f"xl/worksheets/_rels/sheet{si}.xml.rels", rels_xml(srels)))
        cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{wd}" customWidth="1"/>' for i, wd in enumerate(sh.get("widths", [])))
        sel = ' tabSelected="1"' if si == 1 else ""
        sheet = (XML_HEAD + f'<worksheet xmlns="{ns}" xmlns:r="{REL}"><sheetViews><sheetView workbookViewId="0"{sel}/></sheetViews>'
                 + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>" + "".join(xml_rows) + "</sheetData>" + tail + "</worksheet>")
        parts.append((f"xl/worksheets/sheet{si}.xml", sheet))
        overrides.append((f"/xl/worksheets/sheet{si}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        wb_rels.append((f"rId{si}", f"{REL}/worksheet", f"worksheets/sheet{si}.xml"))
    n = len(sheets)
    wb_rels += [(f"rId{n + 1}", f"{REL}/styles", "styles.xml"), (f"rId{n + 2}", f"{REL}/sharedStrings", "sharedStrings.xml")]
    sheets_xml = "".join(f'<sheet name="{xesc(sh["name"])}" sheetId="{i}"' + (f' state="{sh["state"]}"' if sh.get("state", "visible") != "visible" else "") +
                         f' r:id="rId{i}"/>' for i, sh in enumerate(sheets, 1))
    wb = XML_HEAD + f'<workbook xmlns="{ns}" xmlns:r="{REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets_xml}</sheets></workbook>'
    sst = (XML_HEAD + f'<sst xmlns="{ns}" count="{len(strings)}" uniqueCount="{len(strings)}">' +
           "".join(f'<si><t xml:space="preserve">{xesc(s)}</t></si>' for s in strings) + "</sst>")
    styles = (XML_HEAD + f'<styleSheet xmlns="{ns}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
              '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>')
    if has_vml:
        defaults.append(("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"))
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")] + overrides
    modified = w.date - dt.timedelta(minutes=w.r.randint(5, 600))
    created = modified - dt.timedelta(days=w.r.randint(1, 200))
    files = [("[Content_Types].xml", ct_xml(defaults, overrides)),
             ("_rels/.rels", rels_xml([("rId1", f"{REL}/officeDocument", "xl/workbook.xml"),
                                       ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                                       ("rId3", f"{REL}/extended-properties", "docProps/app.xml")])),
             ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels_xml(wb_rels)), ("xl/styles.xml", styles),
             ("xl/sharedStrings.xml", sst)] + parts + [("docProps/core.xml", core_xml(author, created, modified)), ("docProps/app.xml", app_xml("Microsoft Excel"))]
    return zip_bytes([(n_, d.encode("utf-8") if isinstance(d, str) else d) for n_, d in files], date=modified)


# ---------------------------------------------------------------------------
# PDF written by hand: AcroForm fields (/V, optional /AP), annotations, object streams
# ---------------------------------------------------------------------------

def pdf_lit(s):
    return "(" + B.pdf_escape(s) + ")"


def pdf_str(s, mode="auto"):
    """A PDF text string: literal (PDFDocEncoding ~ Latin-1) or UTF-16BE hex with BOM."""
    if s.isascii() and mode != "utf16":
        return pdf_lit(s)
    if mode == "utf16" or any(ord(c) > 255 for c in s) or mode == "auto-utf16":
        return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"
    out = []
    for ch in s:
        if ch in "()\\":
            out.append("\\" + ch)
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):03o}")
    return "(" + "".join(out) + ")"


def pdf_date(d):
    off = d.utcoffset()
    h = int(off.total_seconds() // 3600)
    return f"D:{d.strftime('%Y%m%d%H%M%S')}{'+' if h >= 0 else '-'}{abs(h):02d}'00'"


class Pdf:
    def __init__(self):
        self.objs = {}

    def reserve(self):
        n = len(self.objs) + 1
        self.objs[n] = None
        return n

    def put(self, n, body):
        self.objs[n] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body):
        n = self.reserve()
        self.put(n, body)
        return n

    def stream(self, data, extra="", compress=False):
        if isinstance(data, str):
            data = data.encode("cp1252")
        if compress:
            data = zlib.compress(data, 9)
            extra += " /Filter /FlateDecode"
        return self.add(f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream")

    def build(self, root, info=None, objstm=False):
        out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" if objstm else b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        n_objs = len(self.objs)
        offsets = {}
        in_stm = {}
        if objstm:
            packed = [n for n, b in self.objs.items() if b"stream\n" not in b]
            hdr, body = [], b""
            for i, n in enumerate(packed):
                hdr.append(f"{n} {len(body)}")
                body += self.objs[n] + b"\n"
                in_stm[n] = i
            head = (" ".join(hdr) + "\n").encode()
            data = zlib.compress(head + body, 9)
            stm_num = n_objs + 1
            for n, b in self.objs.items():
                if n not in in_stm:
                    offsets[n] = len(out)
                    out += f"{n} 0 obj\n".encode() + b + b"\nendobj\n"
            offsets[stm_num] = len(out)
            out += (f"{stm_num} 0 obj\n<< /Type /ObjStm /N {len(packed)} /First {len(head)} /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                    + data + b"\nendstream\nendobj\n")
            xref_num = stm_num + 1
            offsets[xref_num] = len(out)
            rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
            for n in range(1, xref_num + 1):
                if n in in_stm:
                    rows.append(b"\x02" + struct.pack(">I", stm_num) + struct.pack(">H", in_stm[n]))
                else:
                    rows.append(b"\x01" + struct.pack(">I", offsets[n]) + b"\x00\x00")
            xdata = zlib.compress(b"".join(rows), 9)
            info_s = f" /Info {info} 0 R" if info else ""
            out += (f"{xref_num} 0 obj\n<< /Type /XRef /Size {xref_num + 1} /W [1 4 2] /Root {root} 0 R{info_s} /Length {len(xdata)} /Filter /FlateDecode >>\nstream\n".encode()
                    + xdata + b"\nendstream\nendobj\n")
            out += f"startxref\n{offsets[xref_num]}\n%%EOF\n".encode()
            return out
        for n in range(1, n_objs + 1):
            offsets[n] = len(out)
            out += f"{n} 0 obj\n".encode() + self.objs[n] + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {n_objs + 1}\n".encode() + b"0000000000 65535 f \n"
        for n in range(1, n_objs + 1):
            out += f"{offsets[n]:010d} 00000 n \n".encode()
        info_s = f" /Info {info} 0 R" if info else ""
        out += f"trailer\n<< /Size {n_objs + 1} /Root {root} 0 R{info_s} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return out


def helv_width(s, size):
    return font(size * 1.0, "sans").getlength(s) * 0.93


class PdfForm:
    """One Letter page: static labels in the content stream, values only in fields or annotations."""

    def __init__(self, w, title, subtitle=None):
        self.w = w
        self.pdf = Pdf()
        self.catalog = self.pdf.reserve()
        self.pages = self.pdf.reserve()
        self.page = self.pdf.reserve()
        self.helv = self.pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        self.helvb = self.pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        self.zadb = self.pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
        self.ops = ["BT /F2 16 Tf 56 740 Td " + pdf_lit(title) + " Tj ET"]
        if subtitle:
            self.ops.append("BT /F1 10 Tf 56 724 Td " + pdf_lit(subtitle) + " Tj ET")
        self.ops.append("0.5 w 56 716 m 556 716 l S")
        self.fields, self.annots, self.y = [], [], 690
        self.field_values = []

    def label(self, text, x, y, size=10, bold=False):
        self.ops.append(f"BT /{'F2' if bold else 'F1'} {size} Tf {x} {y} Td {pdf_lit(text)} Tj ET")

    def text_lines(self, lines, x=56, size=10, lead=14):
        for ln in lines:
            self.label(ln, x, self.y, size)
            self.y -= lead

    def field(self, name, label, value, x=56, width=500, height=18, ap=True, compress=False, str_mode="auto", tooltip=None, multiline=False):
        lw = helv_width(label, 10) + 8
        self.label(label, x, self.y + 5)
        rect = [x + lw, self.y, x + width, self.y + height]
        self.ops.append(f"0.6 G 0.5 w {rect[0]:.1f} {rect[1]:.1f} {rect[2] - rect[0]:.1f} {rect[3] - rect[1]:.1f} re S 0 G")
        fdict = (f"/FT /Tx /T {pdf_lit(name)}" + (f" /TU {pdf_str(tooltip)}" if tooltip else "") +
                 (f" /V {pdf_str(value, str_mode)}" if value is not None else "") + " /DA (/Helv 10 Tf 0 g)" + (" /Ff 4096" if multiline else ""))
        self._widget(fdict, rect, value if ap and value else None, compress)
        if value:
            self.field_values.append(value)
        self.y -= height + 10

    def checkbox(self, name, label, checked, x=56):
        self.label(label, x + 16, self.y + 3)
        rect = [x, self.y, x + 11, self.y + 11]
        self.ops.append(f"0.5 w {x} {self.y} 11 11 re S")
        on = self.pdf.stream(f"q BT /ZaDb 9 Tf 1.5 2 Td (4) Tj ET Q", f" /Type /XObject /Subtype /Form /BBox [0 0 11 11] /Resources << /Font << /ZaDb {self.zadb} 0 R >> >>")
        off = self.pdf.stream("", " /Type /XObject /Subtype /Form /BBox [0 0 11 11]")
        state = "/Oui" if checked else "/Off"
        n = self.pdf.add(f"<< /Type /Annot /Subtype /Widget /FT /Btn /T {pdf_lit(name)} /V {state} /AS {state} /Rect [{' '.join(str(v) for v in rect)}] "
                         f"/F 4 /P {self.page} 0 R /MK << /CA (4) >> /AP << /N << /Oui {on} 0 R /Off {off} 0 R >> >> >>")
        self.fields.append(n)
        self.annots.append(n)

    def _widget(self, fdict, rect, ap_value, compress, parent=None):
        ap = ""
        if ap_value:
            wd, ht = rect[2] - rect[0], rect[3] - rect[1]
            content = f"/Tx BMC\nq 1 1 {wd - 2:.1f} {ht - 2:.1f} re W n BT /Helv 10 Tf 0 g 2 {(ht - 7) / 2:.1f} Td {pdf_lit(ap_value)} Tj ET Q\nEMC\n"
            s = self.pdf.stream(content, f" /Type /XObject /Subtype /Form /BBox [0 0 {wd:.1f} {ht:.1f}] /Resources << /Font << /Helv {self.helv} 0 R >> >>", compress)
            ap = f" /AP << /N {s} 0 R >>"
        par = f" /Parent {parent} 0 R" if parent else ""
        n = self.pdf.add(f"<< /Type /Annot /Subtype /Widget {fdict}{par} /Rect [{' '.join(f'{v:.1f}' for v in rect)}] /F 4 /P {self.page} 0 R "
                         f"/MK << /BC [0.6 0.6 0.6] >>{ap} >>")
        if not parent:
            self.fields.append(n)
        self.annots.append(n)
        return n

    def group(self, parent_name, kids, ap=True, compress=False):
        """Hierarchical fields: a parent (no widget) with terminal kids 'parent.kid'."""
        parent = self.pdf.reserve()
        refs = []
        for name, label, value in kids:
            lw = helv_width(label, 10) + 8
            self.label(label, 56, self.y + 5)
            rect = [56 + lw, self.y, 556, self.y + 18]
            self.ops.append(f"0.6 G 0.5 w {rect[0]:.1f} {rect[1]:.1f} {rect[2] - rect[0]:.1f} 18 re S 0 G")
            fdict = f"/FT /Tx /T {pdf_lit(name)} /V {pdf_str(value)} /DA (/Helv 10 Tf 0 g)"
            refs.append(self._widget(fdict, rect, value if ap else None, compress, parent=parent))
            self.field_values.append(value)
            self.y -= 28
        self.pdf.put(parent, f"<< /T {pdf_lit(parent_name)} /Kids [{' '.join(f'{r} 0 R' for r in refs)}] >>")
        self.fields.append(parent)

    def note(self, text, author, when, kind="Text", x=480, y=None, ap=False):
        y = self.y if y is None else y
        if kind == "Text":
            n = self.pdf.add(f"<< /Type /Annot /Subtype /Text /Rect [{x} {y} {x + 20} {y + 20}] /Contents {pdf_str(text)} /T {pdf_str(author)} "
                             f"/M ({pdf_date(when)}) /Name /Comment /Open false /F 28 /C [1 0.9 0.3] /P {self.page} 0 R >>")
        else:
            rect = [x, y, x + 230, y + 60]
            aps = ""
            if ap:
                lines = wrap_words(text, 44)
                content = "q 1 1 0.8 rg 0 0 230 60 re f Q BT /Helv 9 Tf 0 0 1 rg 4 48 Td 11 TL " + " ".join(f"{pdf_lit(l)} Tj T*" for l in lines[:5]) + " ET"
                s = self.pdf.stream(content, f" /Type /XObject /Subtype /Form /BBox [0 0 230 60] /Resources << /Font << /Helv {self.helv} 0 R >> >>")
                aps = f" /AP << /N {s} 0 R >>"
            n = self.pdf.add(f"<< /Type /Annot /Subtype /FreeText /Rect [{' '.join(str(v) for v in rect)}] /Contents {pdf_str(text)} /T {pdf_str(author)} "
                             f"/M ({pdf_date(when)}) /DA (/Helv 9 Tf 0 0 1 rg) /F 4 /P {self.page} 0 R{aps} >>")
        self.annots.append(n)

    def build(self, compress=False, objstm=False, producer="Adobe Acrobat Pro 2024", author=None, title=None):
        p = self.pdf
        content = p.stream("\n".join(self.ops) + "\n", compress=compress)
        annots = f" /Annots [{' '.join(f'{a} 0 R' for a in self.annots)}]" if self.annots else ""
        p.put(self.page, f"<< /Type /Page /Parent {self.pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {self.helv} 0 R /F2 {self.helvb} 0 R >> >> "
                         f"/Contents {content} 0 R{annots} >>")
        p.put(self.pages, f"<< /Type /Pages /Kids [{self.page} 0 R] /Count 1 >>")
        acro = ""
        if self.fields:
            need = " /NeedAppearances true" if any(b"/AP" not in p.objs[a] for a in self.annots if p.objs[a] and b"/Widget" in p.objs[a]) else ""
            acro = (f" /AcroForm << /Fields [{' '.join(f'{f} 0 R' for f in self.fields)}] /DA (/Helv 0 Tf 0 g) "
                    f"/DR << /Font << /Helv {self.helv} 0 R /ZaDb {self.zadb} 0 R >> >>{need} >>")
        p.put(self.catalog, f"<< /Type /Catalog /Pages {self.pages} 0 R{acro} >>")
        d = self.w.date - dt.timedelta(minutes=self.w.r.randint(3, 300))
        info = p.add(f"<< /Producer {pdf_lit(producer)} /CreationDate ({pdf_date(d)}) /ModDate ({pdf_date(d)})"
                     + (f" /Author {pdf_str(author)}" if author else "") + (f" /Title {pdf_str(title)}" if title else "") + " >>")
        return p.build(self.catalog, info, objstm=objstm)


def wrap_words(text, width):
    out, cur = [], ""
    for wd in text.split():
        if len(cur) + len(wd) + 1 > width and cur:
            out.append(cur)
            cur = wd
        else:
            cur = (cur + " " + wd).strip()
    if cur:
        out.append(cur)
    return out


def pillow_pdf(w, pages, title):
    """Image-only PDF (no text layer) from Pillow; dates fixed so that the bytes are deterministic."""
    buf = io.BytesIO()
    when = (w.date - dt.timedelta(minutes=w.r.randint(2, 90))).astimezone(dt.timezone.utc).timetuple()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=200, title=title,
                  creationDate=when, modDate=when, producer=w.c(["RICOH MP C3004", "Canon iR-ADV C5535", "HP Digital Sending", "Xerox WorkCentre 7855"]),
                  quality=w.r.randint(55, 70))
    return buf.getvalue()


# ---------------------------------------------------------------------------
# RTF, UTF-16/32 text, tar and gzip
# ---------------------------------------------------------------------------

def rtf_escape(s, mode):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch in "{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif ch == "\t":
            out.append("\\tab ")
        elif o < 128:
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")
            except UnicodeEncodeError:
                b = None
            code = o if o < 32768 else o - 65536
            if mode == "hex" and b:
                out.append(f"\\'{b[0]:02x}")
            elif mode == "uhex" and b:
                out.append(f"\\u{code}\\'{b[0]:02x}")
            else:
                out.append(f"\\u{code}?")
    return "".join(out)


class Rtf:
    def __init__(self, w, mode=None):
        self.w = w
        self.mode = mode or w.c(["hex", "hex", "uhex", "u"])
        self.parts = []
        self.header = None

    def e(self, s):
        return rtf_escape(s, self.mode)

    def p(self, text="", bold=False, size=None, align=None):
        fmt = ("\\qc" if align == "c" else "\\qr" if align == "r" else "") + (f"\\fs{size}" if size else "")
        inner = self.e(text)
        if bold:
            inner = "\\b " + inner + "\\b0"
        self.parts.append(f"\\pard\\sa120{fmt} {inner}\\par\n")

    def raw(self, s):
        self.parts.append(s)

    def runs(self, pieces):
        """A paragraph made of several groups, e.g. a NAM split over formatting groups."""
        self.parts.append("\\pard\\sa120 " + "".join(pieces) + "\\par\n")

    def table(self, rows, widths):
        for i, row in enumerate(rows):
            x, cells = 0, []
            for wd in widths:
                x += wd
                cells.append(f"\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx{x}")
            body = "".join(("\\b " if i == 0 else "") + self.e(str(c)) + ("\\b0" if i == 0 else "") + "\\cell " for c in row)
            self.parts.append("\\trowd\\trgaph108" + "".join(cells) + "\n\\pard\\intbl " + body + "\\row\n")
        self.parts.append("\\pard\\par\n")

    def build(self, author=None):
        w = self.w
        uc = "\\uc1" if self.mode != "hex" else ""
        gen = w.c(["{\\*\\generator Riched20 10.0.19041}", "{\\*\\generator Msftedit 5.41.21.2510;}", ""])
        info = ""
        if author:
            d = w.date
            info = (f"{{\\info{{\\author {self.e(author)}}}{{\\creatim\\yr{d.year}\\mo{d.month}\\dy{d.day}\\hr{d.hour}\\min{d.minute}}}}}\n")
        head = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang3084{\\fonttbl{\\f0\\fswiss\\fcharset0 Calibri;}{\\f1\\froman\\fcharset0 Times New Roman;}}\n"
                "{\\colortbl ;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}\n" + gen + "\n" + info +
                f"\\viewkind4{uc}\\paperw12240\\paperh15840\\margl1440\\margr1440 \\f0\\fs22\\lang3084\n")
        hdr = ""
        if self.header:
            hdr = "{\\header\\pard\\qr\\fs18 " + self.e(self.header) + "\\par}\n"
        return (head + hdr + "".join(self.parts) + "}\n").encode("ascii")


def unicode_text(rows, enc, bom=True):
    s = "".join("\t".join(str(c) for c in row) + "\r\n" for row in rows)
    codec = {"utf-16-le": ("utf-16-le", b"\xff\xfe"), "utf-16-be": ("utf-16-be", b"\xfe\xff"),
             "utf-32-le": ("utf-32-le", b"\xff\xfe\x00\x00"), "utf-32-be": ("utf-32-be", b"\x00\x00\xfe\xff")}[enc]
    return (codec[1] if bom else b"") + s.encode(codec[0])


def tar_bytes(files, fmt=tarfile.GNU_FORMAT, mtime=0, owner=("medecin", "users")):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        dirs = set()
        for name, data in files:
            parts = name.split("/")[:-1]
            for k in range(1, len(parts) + 1):
                dname = "/".join(parts[:k])
                if dname not in dirs:
                    dirs.add(dname)
                    ti = tarfile.TarInfo(dname)
                    ti.type, ti.mode, ti.mtime = tarfile.DIRTYPE, 0o755, mtime
                    ti.uid = ti.gid = 1000
                    ti.uname, ti.gname = owner
                    t.addfile(ti)
            ti = tarfile.TarInfo(name)
            ti.size, ti.mode, ti.mtime = len(data), 0o644, mtime
            ti.uid = ti.gid = 1000
            ti.uname, ti.gname = owner
            t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def gzip_bytes(data, name=""):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Legacy Office through LibreOffice (.doc from docx, .xls from xlsx, .ppt from flat ODP)
# ---------------------------------------------------------------------------

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def cfb_read(d):
    """Read a compound file (v3): returns the root entry bytes and [(entry bytes, data)] for root-level streams."""
    assert d[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    ss = 1 << struct.unpack("<H", d[30:32])[0]
    mss = 1 << struct.unpack("<H", d[32:34])[0]
    nfat, dir_start = struct.unpack("<I", d[44:48])[0], struct.unpack("<I", d[48:52])[0]
    cutoff, minifat_start = struct.unpack("<I", d[56:60])[0], struct.unpack("<I", d[60:64])[0]
    difat = list(struct.unpack("<109I", d[76:512]))[:nfat]
    assert struct.unpack("<I", d[72:76])[0] == 0, "DIFAT chain not supported"

    def sector(s):
        return d[(s + 1) * ss:(s + 2) * ss]
    fat = []
    for s in difat:
        fat += struct.unpack(f"<{ss // 4}I", sector(s))

    def chain(s):
        out = []
        while s < 0xFFFFFFFA:
            out.append(s)
            s = fat[s]
        return out
    dirdata = b"".join(sector(s) for s in chain(dir_start))
    entries = [dirdata[i:i + 128] for i in range(0, len(dirdata), 128)]
    root = entries[0]
    ministream = b"".join(sector(s) for s in chain(struct.unpack("<I", root[116:120])[0]))
    minifat = []
    if minifat_start < 0xFFFFFFFA:
        for s in chain(minifat_start):
            minifat += struct.unpack(f"<{ss // 4}I", sector(s))
    streams = []
    for e in entries[1:]:
        if e[66] != 2:
            assert e[66] in (0,), "storages not supported"
            continue
        start, size = struct.unpack("<I", e[116:120])[0], struct.unpack("<I", e[120:124])[0]
        if size < cutoff:
            data, s = b"", start
            while s < 0xFFFFFFFA:
                data += ministream[s * mss:(s + 1) * mss]
                s = minifat[s]
        else:
            data = b"".join(sector(s) for s in chain(start))
        streams.append((e, data[:size]))
    return root, streams


def cfb_write(root, streams):
    ss, mss, cutoff = 512, 64, 4096
    names = [e[:struct.unpack("<H", e[64:66])[0]].decode("utf-16-le").rstrip("\x00") for e, _ in streams]
    order = sorted(range(len(streams)), key=lambda i: (len(names[i]), names[i].upper()))
    # mini stream
    mini, minifat, mini_start = b"", [], {}
    for i, (_, data) in enumerate(streams):
        if 0 < len(data) < cutoff:
            n = (len(data) + mss - 1) // mss
            mini_start[i] = len(minifat)
            minifat += [len(minifat) + k + 1 for k in range(n - 1)] + [ENDOFCHAIN]
            mini += data + b"\x00" * (n * mss - len(data))
    n_entries = len(streams) + 1
    n_dir = (n_entries * 128 + ss - 1) // ss
    n_minifat = (len(minifat) * 4 + ss - 1) // ss
    n_mini = (len(mini) + ss - 1) // ss
    bigs = [(i, (len(d) + ss - 1) // ss) for i, (_, d) in enumerate(streams) if len(d) >= cutoff]
    n_other = n_dir + n_minifat + n_mini + sum(n for _, n in bigs)
    n_fat = 1
    while n_fat * (ss // 4) < n_other + n_fat:
        n_fat += 1
    assert n_fat <= 109
    fat, pos = [FATSECT] * n_fat, n_fat

    def alloc(n):
        nonlocal pos
        start = pos
        for k in range(n):
            fat.append(pos + k + 1 if k < n - 1 else ENDOFCHAIN)
        pos += n
        return start if n else ENDOFCHAIN
    dir_start = alloc(n_dir)
    minifat_start = alloc(n_minifat)
    mini_sector_start = alloc(n_mini)
    big_start = {i: alloc(n) for i, n in bigs}
    fat += [FREESECT] * (n_fat * (ss // 4) - len(fat))
    # directory: a balanced tree of the sorted names; the deepest level is red, the rest black
    left, right, color = {}, {}, {}

    def build(lo, hi, depth):
        if lo > hi:
            return NOSTREAM, depth - 1
        mid = (lo + hi) // 2
        left[mid], dl = build(lo, mid - 1, depth + 1)
        right[mid], dr = build(mid + 1, hi, depth + 1)
        return mid, max(depth, dl, dr)
    top, maxd = build(0, len(order) - 1, 0)
    depth_of = {}

    def walk(k, dep):
        if k == NOSTREAM:
            return
        depth_of[k] = dep
        walk(left[k], dep + 1)
        walk(right[k], dep + 1)
    walk(top, 0)
    full = all(depth_of[k] == maxd or (left[k] != NOSTREAM and right[k] != NOSTREAM) for k in depth_of)
    ents = [None] * n_entries

    def sid(k):
        return NOSTREAM if k == NOSTREAM else order[k] + 1
    r = bytearray(root)
    r[76:80] = struct.pack("<I", sid(top))
    r[68:76] = struct.pack("<II", NOSTREAM, NOSTREAM)
    r[67] = 1
    r[116:124] = struct.pack("<II", mini_sector_start if mini else ENDOFCHAIN, len(mini))
    ents[0] = bytes(r)
    for k in range(len(order)):
        i = order[k]
        e = bytearray(streams[i][0])
        e[67] = 0 if (depth_of[k] == maxd and maxd > 0 and not full) else 1
        e[68:72] = struct.pack("<I", sid(left[k]))
        e[72:76] = struct.pack("<I", sid(right[k]))
        e[76:80] = struct.pack("<I", NOSTREAM)
        data = streams[i][1]
        start = mini_start.get(i, big_start.get(i, ENDOFCHAIN)) if data else ENDOFCHAIN
        e[116:124] = struct.pack("<II", start, len(data))
        ents[i + 1] = bytes(e)
    empty = b"\x00" * 64 + b"\x00\x00\x00\x00" + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48
    dirdata = b"".join(ents) + empty * (n_dir * (ss // 128) - n_entries)
    hdr = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6 +
           struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, cutoff, minifat_start if minifat else ENDOFCHAIN, n_minifat, ENDOFCHAIN, 0))
    hdr += struct.pack("<109I", *(list(range(n_fat)) + [FREESECT] * (109 - n_fat)))
    body = struct.pack(f"<{len(fat)}I", *fat) + dirdata
    body += struct.pack(f"<{len(minifat)}I", *minifat) + b"\xff" * (n_minifat * ss - len(minifat) * 4)
    body += mini + b"\x00" * (n_mini * ss - len(mini))
    for i, n in bigs:
        data = streams[i][1]
        body += data + b"\x00" * (n * ss - len(data))
    return hdr + body


def strip_thumbnail(propset):
    """Remove PIDSI_THUMBNAIL (17) from a SummaryInformation property set stream."""
    nsets = struct.unpack("<I", propset[24:28])[0]
    assert nsets == 1
    off = struct.unpack("<I", propset[44:48])[0]
    size, count = struct.unpack("<II", propset[off:off + 8])
    pairs = [struct.unpack("<II", propset[off + 8 + 8 * k: off + 16 + 8 * k]) for k in range(count)]
    bounds = sorted(o for _, o in pairs) + [size]
    props = []
    for pid, o in pairs:
        end = bounds[bounds.index(o) + 1]
        if pid != 17:
            props.append((pid, propset[off + o: off + end]))
    table_len = 8 + 8 * len(props)
    body, table, cur = b"", b"", table_len
    for pid, raw in props:
        table += struct.pack("<II", pid, cur)
        body += raw
        cur += len(raw)
    section = struct.pack("<II", table_len + len(body), len(props)) + table + body
    return propset[:off] + section


def ppt_without_thumbnail(data):
    root, streams = cfb_read(data)
    out = []
    for e, d in streams:
        name = e[:struct.unpack("<H", e[64:66])[0]].decode("utf-16-le").rstrip("\x00")
        if name == "\x05SummaryInformation":
            d = strip_thumbnail(d)
        out.append((e, d))
    return cfb_write(root, out)


def fodp_bytes(slides, title=""):
    """Flat ODP: slides = [(title, [lines])]."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    pages = []
    for i, (t, lines) in enumerate(slides, 1):
        body = "".join(f"<text:p>{xesc(l)}</text:p>" for l in lines)
        pages.append(f'<draw:page draw:name="page{i}" draw:master-page-name="Default">'
                     f'<draw:frame draw:text-style-name="P1" svg:x="1.5cm" svg:y="1cm" svg:width="25cm" svg:height="2.5cm"><draw:text-box>'
                     f'<text:p text:style-name="PT">{xesc(t)}</text:p></draw:text-box></draw:frame>'
                     f'<draw:frame svg:x="1.5cm" svg:y="4cm" svg:width="25cm" svg:height="13cm"><draw:text-box>{body}</draw:text-box></draw:frame></draw:page>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {ns} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">'
            f'<office:meta><dc:title>{xesc(title)}</dc:title></office:meta>'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="21cm" '
            'style:print-orientation="landscape"/></style:page-layout>'
            '<style:style style:name="PT" style:family="paragraph"><style:text-properties fo:font-size="28pt" fo:font-weight="bold"/></style:style>'
            '</office:automatic-styles><office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>' + "".join(pages) + "</office:presentation></office:body></office:document>").encode("utf-8")


class Legacy:
    """Runs LibreOffice, or (reuse mode) takes the converted bytes from the message already on disk."""
    reuse = False
    disk_cache = {}
    profile_ready = False

    @classmethod
    def soffice(cls, args, cwd):
        if not cls.profile_ready:
            cls.profile_ready = True
        cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={LO_PROFILE}"] + args
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)

    @classmethod
    def convert(cls, w, data, src_ext, dst_ext, needles):
        idx = w.legacy_index
        w.legacy_index += 1
        if cls.reuse:
            got = cls.disk_cache.get(w.path, [])
            if idx < len(got):
                return got[idx]
            raise SystemExit(f"{w.path}: no LibreOffice output on disk to reuse; run without --reuse-legacy/--check")
        with tempfile.TemporaryDirectory(prefix="forms-lo-") as tmp:
            src = os.path.join(tmp, f"src.{src_ext}")
            with open(src, "wb") as f:
                f.write(data)
            cls.soffice(["--convert-to", dst_ext, "--outdir", tmp, src], tmp)
            with open(os.path.join(tmp, f"src.{dst_ext}"), "rb") as f:
                out = f.read()
            if dst_ext == "ppt":
                out = ppt_without_thumbnail(out)
            assert out[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
            # round trip: LibreOffice must read the text back (checks the conversion and the ppt repack)
            back = os.path.join(tmp, "back")
            os.mkdir(back)
            chk = os.path.join(back, f"chk.{dst_ext}")
            with open(chk, "wb") as f:
                f.write(out)
            odf = {"doc": "odt", "xls": "ods", "ppt": "odp"}[dst_ext]
            cls.soffice(["--convert-to", odf, "--outdir", back, chk], back)
            with zipfile.ZipFile(os.path.join(back, f"chk.{odf}")) as z:
                text = html.unescape(re.sub(r"<[^>]+>", " ", z.read("content.xml").decode("utf-8")))
            flat = re.sub(r"\s+", "", text)
            for nd in needles:
                assert re.sub(r"\s+", "", nd) in flat, (w.path, dst_ext, nd)
        return out

    @classmethod
    def load_disk(cls):
        """Map 'label/NNN' to the OLE attachments of the message already on disk."""
        for label in ("positive", "negative"):
            d = os.path.join(HERE, label)
            if not os.path.isdir(d):
                continue
            for fn in sorted(os.listdir(d)):
                with open(os.path.join(d, fn), "rb") as f:
                    msg = email.message_from_bytes(f.read(), policy=email.policy.default)
                got = []
                for part in msg.walk():
                    if part.is_multipart():
                        continue
                    payload = part.get_payload(decode=True)
                    if payload and payload[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
                        got.append(payload)
                if got:
                    cls.disk_cache[f"{label}/{fn[:3]}"] = got


# ===========================================================================
# Templates. Each returns (slug, message bytes with LF line ends); the registry at the end
# gives the category and label. Positives record identifiers with w.nam_of (checked) and
# patient names in w.names (found in the decoded content unless the data is only in pixels).
# ===========================================================================

def stamp(w, sep=""):
    t = w.date - dt.timedelta(minutes=w.r.randint(1, 120))
    return t


def screen_name(w, ext):
    t = stamp(w)
    opts = [f"Capture d'écran {t.strftime('%Y-%m-%d %H%M%S')}.{ext}", f"capture.{ext}", f"image.{ext}", f"Screenshot_{t.strftime('%Y%m%d-%H%M%S')}.{ext}",
            f"écran.{ext}", f"Capture.{ext.upper()}", f"Screenshot {t.strftime('%Y-%m-%d')} at {t.strftime('%H.%M.%S')}.{ext}", f"capture_{t.strftime('%H%M')}.{ext}"]
    if not w.fr:
        opts = opts[1:4] + opts[6:7]
    return w.c(opts)


def scan_name(w, ext, photo=False):
    t = stamp(w)
    if photo:
        return w.c([f"IMG_{w.r.randint(1000, 9999)}.{ext.upper()}", f"PXL_{t.strftime('%Y%m%d_%H%M%S')}{w.r.randint(100, 999)}.{ext}",
                    f"{t.strftime('%Y%m%d_%H%M%S')}.{ext}", f"photo.{ext}", f"image0.{ext}"])
    return w.c([f"scan_{w.r.randint(1, 99):04d}.{ext}", f"Numérisation_{t.strftime('%Y%m%d')}.{ext}", f"SCAN{t.strftime('%Y%m%d%H%M%S')}.{ext}",
                f"doc{w.r.randint(100, 99999)}.{ext}", f"Document numérisé.{ext}", f"{w.hosp['short'].lower()}_scan.{ext}"])


def with_patient(fn, lo=1, hi=96):
    return lambda w: fn(w, w.pat(lo, hi))


SCREENS_POS = {
    "emr-summary": with_patient(scr_emr_summary), "lab-results": with_patient(scr_lab_results, 18), "clinic-day": scr_clinic_day,
    "ed-board": scr_ed_board, "mar": with_patient(scr_mar, 18), "pharmacy-profile": with_patient(scr_pharmacy_profile, 18),
    "or-program": scr_or_program, "wait-list": scr_wait_list, "ereferral": with_patient(scr_ereferral), "imaging": with_patient(scr_imaging, 18),
    "summary-en": with_patient(scr_patient_summary_en, 18), "allergy-alert": with_patient(scr_allergy_alert),
}
SCREENS_NEG = {
    "or-block-staff": scr_or_schedule_staff, "or-day-no-patient": scr_or_day_no_patient, "call-roster": scr_call_roster,
    "bed-dashboard": scr_bed_dashboard, "ed-stats": scr_ed_stats, "volume-chart": scr_volume_chart, "error-dialog": scr_error_dialog,
    "invoice-erp": scr_invoice, "inventory": scr_inventory, "blank-patient-form": scr_blank_patient, "quality-dashboard": scr_quality_dashboard,
    "directory": scr_directory, "formulary": scr_formulary, "lab-qc": scr_lab_qc, "training-env": scr_training_env, "calendar": scr_calendar,
}
SCHEDULE_KINDS = {"or-program", "or-block-staff", "or-day-no-patient", "call-roster", "clinic-day", "calendar"}


def t_screenshot(w, kind, fmt="png"):
    if fmt == "bmp":  # uncompressed: keep it small
        w.screen_w, w.screen_h = 640, 400
    md = w.md()
    to = outside(w)
    im, needles = (SCREENS_POS.get(kind) or SCREENS_NEG[kind])(w)
    data, ctype = image_bytes(w, im, fmt)
    record_image(w, data, needles)
    w.image_only = True
    ext = {"jpeg": "jpg", "webp": "webp", "gif": "gif", "bmp": "bmp", "png": "png"}[fmt]
    key = "schedule" if kind in SCHEDULE_KINDS and w.chance(0.6) else "screenshot"
    return f"screenshot-{kind}", send(w, md, to, key, [att(w, data, ctype, screen_name(w, ext))])


# --- scans -------------------------------------------------------------------

def health_card(w, p, dpi=300):
    W_, H_ = int(3.37 * dpi), int(2.13 * dpi)
    im = Image.new("L", (W_, H_), 255)
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([2, 2, W_ - 3, H_ - 3], radius=int(0.12 * dpi), fill=236, outline=120, width=3)
    d.rectangle([2, int(0.08 * dpi), W_ - 3, int(0.42 * dpi)], fill=205)
    d.text((int(0.15 * dpi), int(0.12 * dpi)), "Assurance maladie", font=font(0.2 * dpi, "bold"), fill=20)
    d.text((W_ - int(1.1 * dpi), int(0.14 * dpi)), "Québec", font=font(0.16 * dpi, "bold"), fill=20)
    d.rectangle([W_ - int(1.05 * dpi), int(0.6 * dpi), W_ - int(0.2 * dpi), int(1.75 * dpi)], fill=170)
    d.ellipse([W_ - int(0.85 * dpi), int(0.75 * dpi), W_ - int(0.4 * dpi), int(1.2 * dpi)], fill=120)
    d.text((int(0.15 * dpi), int(0.55 * dpi)), B.strip_accents(p.surname).upper(), font=font(0.17 * dpi, "bold"), fill=15)
    d.text((int(0.15 * dpi), int(0.8 * dpi)), B.strip_accents(p.given).upper(), font=font(0.17 * dpi, "bold"), fill=15)
    nam = w.nam_of(p, style="spaced")
    d.text((int(0.15 * dpi), int(1.15 * dpi)), nam, font=font(0.22 * dpi, "mono"), fill=10)
    exp = f"{w.day.year + w.r.randint(1, 7)} {w.r.randint(1, 12):02d}"
    d.text((int(0.15 * dpi), int(1.55 * dpi)), f"EXP {exp}", font=font(0.13 * dpi), fill=25)
    d.text((int(0.15 * dpi), int(1.8 * dpi)), f"{p.dob.year} {p.dob.month:02d} {p.dob.day:02d}   {p.sex}", font=font(0.13 * dpi), fill=25)
    return im, [p.surname, re.sub(r"\s", "", nam)]


def add_fax_header(w, im, page, pages, dpi):
    d = ImageDraw.Draw(im)
    d.text((int(0.25 * dpi), int(0.12 * dpi)), fax_line(w, page, pages), font=font(10 * dpi / 72, "mono"), fill=0)
    return im


def bilevel(w, im):
    """A black-and-white office scan (threshold, slight skew), stored 1-bit."""
    angle = w.r.uniform(0.3, 1.6) * w.r.choice([-1, 1])
    im = im.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    thr = w.r.choice([140, 160, 175])
    im = im.point(lambda v: 255 if v > thr else 0)
    d = ImageDraw.Draw(im)
    for _ in range(w.r.randint(10, 60)):
        x, y = w.r.randint(0, im.size[0] - 2), w.r.randint(0, im.size[1] - 2)
        d.point([(x, y)], fill=0)
    return im.convert("1", dither=Image.Dither.NONE)


def encode_scan(w, im, mode):
    """mode: gray (JPEG), bilevel (1-bit PNG), photo / photo6 / photo8 (colour JPEG, EXIF orientation)."""
    if mode == "gray":
        d, _ = degrade(w, im)
        return jpeg_bytes(d, w.r.randint(48, 62)), "image/jpeg", scan_name(w, "jpg"), d
    if mode == "bilevel":
        b = bilevel(w, im)
        return png_bytes(b), "image/png", scan_name(w, "png"), b
    orientation = {"photo": None, "photo6": 6, "photo8": 8}[mode]
    ph = photo(w, im)
    stored = orient_for_exif(ph, orientation)
    data = jpeg_bytes(stored, w.r.randint(55, 68), exif=exif_block(w, orientation))
    return data, "image/jpeg", scan_name(w, "jpg", photo=True), ph


SCAN_DPI = {"gray": 150, "bilevel": 200, "photo": 140, "photo6": 140, "photo8": 140}


def scan_page(w, kind, dpi, p=None, md=None):
    md = md or w.md()
    if kind == "referral":
        return page_referral(w, p or w.pat(1, 96), md, dpi)
    if kind == "referral-boxes":
        return page_referral(w, p or w.pat(1, 96), md, dpi, boxes=True)
    if kind == "referral-no-nam":
        return page_referral(w, p or w.pat(1, 96), md, dpi, nam=False)
    if kind == "lab-req":
        return page_lab_req(w, p or w.pat(18, 96), md, dpi)
    if kind == "prescription":
        return page_prescription(w, p or w.pat(1, 96), md, dpi)
    if kind == "consult":
        return page_consult_report(w, p or w.pat(18, 96), md, dpi)
    if kind == "consult-dob":
        return page_consult_report(w, p or w.pat(18, 96), md, dpi, with_mrn=False)
    if kind == "discharge":
        return page_discharge(w, p or w.pat(18, 96), md, dpi)
    if kind == "patient-list":
        return page_patient_list(w, dpi)
    if kind == "health-card":
        return health_card(w, p or w.pat(1, 96))
    neg = {"memo": page_memo, "menu": page_menu, "minutes": page_minutes, "invoice": page_invoice, "policy": page_policy,
           "certificate": page_certificate, "poster": page_vaccination_poster, "article": page_article, "blank-referral": page_blank_referral,
           "supply-order": page_supply_order, "blank-lab-req": lambda w_, dpi_: page_lab_req(w_, w_.pat(), md, dpi_, filled=False)[0]}
    return neg[kind](w, dpi), []


def t_scan(w, kind, mode):
    md = w.md()
    to = outside(w)
    im, needles = scan_page(w, kind, SCAN_DPI[mode] if kind != "health-card" else 300, md=md)
    data, ctype, fname, final = encode_scan(w, im, mode)
    record_image(w, data, needles)
    w.image_only = True
    return f"scan-{kind}", send(w, md, to, "scan", [att(w, data, ctype, fname)])


# --- inline images (multipart/related) ----------------------------------------

def cid_for(w, name):
    return f"{name}@01DB{''.join(w.r.choice('0123456789ABCDEF') for _ in range(4))}.{''.join(w.r.choice('0123456789ABCDEF') for _ in range(8))}"


def inline_message(w, md, to, text, images, subj, attachments=(), remote_pixel=None):
    """Outlook- or Apple-style HTML mail whose images are parts referenced by cid:."""
    r = w.r
    parts_img, tags, plain_refs = [], [], []
    for data, ctype, name, wd, ht, alt in images:
        cid = cid_for(w, name)
        parts_img.append(B.attachment(data, ctype, name, r, disposition="inline",
                                      extra=[f"Content-ID: <{cid}>"] + ([f"Content-Description: {name}"] if r.random() < 0.5 else [])))
        tags.append(f'<img width="{wd}" height="{ht}" style="width:{wd}px;height:{ht}px" id="{name.split(".")[0]}" src="cid:{cid}" alt="{html.escape(alt)}">')
        plain_refs.append(f"[cid:{cid}]")
    lines = text.split("\n")
    body_html = "".join(f'<p class="MsoNormal">{html.escape(l) if l else "&nbsp;"}</p>\n' for l in lines)
    pix = f'<img src="{remote_pixel}" width="1" height="1" alt="" style="display:none">' if remote_pixel else ""
    html_doc = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head>'
                f'<body lang="{"FR-CA" if w.fr else "EN-CA"}" style="font-family:Calibri,sans-serif">\n'
                + body_html.replace("@@IMAGES@@", "") + "".join(f"<p class=\"MsoNormal\">{t}</p>\n" for t in tags) + pix + "</body></html>\n")
    plain = text + "\n\n" + "\n".join(plain_refs) + "\n"
    tpart = B.text_part(plain, "plain", "utf-8", "quoted-printable")
    hpart = B.text_part(html_doc, "html", "utf-8", "quoted-printable")
    style = r.choice(["outlook", "outlook", "apple"])
    if style == "outlook":
        alt = B.multipart("alternative", [tpart, hpart], r, style="outlook", preamble=False)
        rel = B.multipart("related", [alt] + parts_img, r, style="outlook", preamble=False)
        rel[0][-1] += ";"
        rel[0].append(' type="multipart/alternative"')
        top = rel
    else:
        rel = B.multipart("related", [hpart] + parts_img, r, style="apple", preamble=False)
        rel[0][-1] += ";"
        rel[0].append(' type="text/html"')
        top = B.multipart("alternative", [tpart, rel], r, style="apple", preamble=False)
    return B.build_message(r, frm=md.addr(), to=[to], subject=subj, date=w.date, body=top, attachments=attachments,
                           mailer=(("outlook", "X-Mailer: Microsoft Outlook 16.0") if style == "outlook" else ("apple", "X-Mailer: Apple Mail (2.3774.600.62)")))


def t_inline(w, kind):
    md = w.md()
    to = outside(w)
    if kind in SCREENS_POS or kind in SCREENS_NEG:
        im, needles = (SCREENS_POS.get(kind) or SCREENS_NEG[kind])(w)
        im = im.resize((im.size[0] * 3 // 4, im.size[1] * 3 // 4), Image.Resampling.LANCZOS) if w.chance(0.3) else im
    elif kind == "newsletter-banner":
        im, needles = newsletter_banner(w), []
    else:
        raise ValueError(kind)
    data = png_bytes(im, colors=w.c([64, 96]))
    record_image(w, data, needles)
    w.image_only = True
    name = w.c(["image001.png", "image002.png", "image001.png"])
    text = body_text(w, "inline", md)
    return f"inline-{kind}", inline_message(w, md, to, text, [(data, "image/png", name, im.size[0], im.size[1], "")], subject(w, "inline"))


def newsletter_banner(w):
    W_, H_ = 640, w.c([160, 180, 200])
    im = Image.new("RGB", (W_, H_), w.c([(232, 242, 250), (250, 244, 230), (236, 246, 236)]))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, 14, H_], fill=(0, 84, 150))
    title = w.c(w.t(["Semaine de la sécurité des patients", "Le Journal interne", "Campagne de vaccination 2025", "Mois de la santé mentale",
                     "Journée de l'hygiène des mains"], ["Patient Safety Week", "Staff newsletter", "Flu vaccination campaign"]))
    d.text((34, 24), title, font=font(28, "bold"), fill=(20, 40, 70))
    d.text((34, 70), w.hosp["name"], font=font(18), fill=(40, 40, 40))
    d.text((34, 102), w.t(f"Du {fmt_date(w.later(3, 10), 'fr_long')} au {fmt_date(w.later(11, 20), 'fr_long')}", f"From {fmt_date(w.later(3, 10), 'en_long')}"),
           font=font(16), fill=(40, 40, 40))
    d.text((34, 130), w.t("Kiosques d'information à la cafétéria", "Info booths in the cafeteria"), font=font(15), fill=(60, 60, 60))
    return im


# --- logo and signature images (negatives) -------------------------------------

def logo(w, W_=120, H_=40, text=None):
    im = Image.new("RGB", (W_, H_), (255, 255, 255))
    d = ImageDraw.Draw(im)
    col = w.c([(0, 84, 150), (26, 110, 84), (150, 30, 40), (60, 60, 60)])
    d.ellipse([2, 4, H_ - 6, H_ - 4], fill=col)
    d.text((8, H_ // 2 - 9), "+", font=font(18, "bold"), fill=(255, 255, 255))
    d.text((H_, 4), text or w.hosp["short"], font=font(16 if W_ <= 140 else 20, "bold"), fill=(20, 30, 50))
    sub = w.c(w.t(["Santé et Services sociaux", "Centre intégré", "Cancérologie", "Soins et services"], ["Health and Social Services", "Cancer care"]))
    d.text((H_, H_ // 2 + 3), fit(sub, (10,), W_ - H_ - 2), font=font(10), fill=(60, 60, 60))
    return im


def social_icon(w, letter, col):
    im = Image.new("RGB", (24, 24), col)
    d = ImageDraw.Draw(im)
    d.text((12 - tlen(letter, (14, "bold")) / 2, 3), letter, font=font(14, "bold"), fill=(255, 255, 255))
    return im


def pixel_gif():
    buf = io.BytesIO()
    Image.new("P", (1, 1), 0).save(buf, "GIF", transparency=0)
    return buf.getvalue()


SIGNATURE_BODIES = (["Merci pour ton retour.", "Bien reçu, merci.", "Je te reviens d'ici vendredi.", "Voici mes disponibilités : mardi après-midi ou jeudi matin.",
                     "Rappel : rencontre demain à 9 h, salle 3-104.", "Parfait, on se voit à la réunion.", "Merci pour l'invitation, je serai présent."],
                    ["Thanks for getting back to me.", "Received, thank you.", "I'll get back to you by Friday.", "See you at the meeting."])


def t_signature(w, variant):
    md = w.md()
    to = outside(w, w.c(["clinic", "org", "vendor"]))
    text = J(w.greet(), "", w.c(SIGNATURE_BODIES[0] if w.fr else SIGNATURE_BODIES[1]), "", w.close(), w.signature(md, full=True))
    subj = w.c(w.t(["RE: Rencontre", "Disponibilités", "RE: Invitation", "Suivi", "RE: Projet"], ["RE: Meeting", "Availability", "Follow-up"]))
    lg = logo(w, *(w.c([(120, 40), (140, 44), (160, 48)])))
    lg_data = png_bytes(lg, colors=32)
    imgs = [(lg_data, "image/png", "image001.png", lg.size[0], lg.size[1], w.hosp["name"])]
    if variant in ("social", "full"):
        for k, (letter, col) in enumerate([("f", (59, 89, 152)), ("in", (0, 119, 181)), ("X", (20, 20, 20))][: w.r.randint(2, 3)]):
            ic = social_icon(w, letter, col)
            imgs.append((png_bytes(ic), "image/png", f"image00{k + 2}.png", 24, 24, letter))
    if variant == "pixel-inline":
        imgs.append((pixel_gif(), "image/gif", "spacer.gif", 1, 1, ""))
    pixel = None
    if variant in ("pixel-remote", "full"):
        pixel = f"https://suivi.{w.c(['infolettre', 'mailtrack', 'campagne'])}.example/o/{''.join(w.r.choice('abcdef0123456789') for _ in range(24))}.gif"
    if variant == "attached":
        # Outlook sending plain text: the signature logo becomes an ordinary attachment
        atts = [B.attachment(lg_data, "image/png", "image001.png", w.r)]
        if w.chance(0.5):
            atts.append(B.attachment(png_bytes(social_icon(w, "in", (0, 119, 181))), "image/png", "image002.png", w.r))
        return "signature-logo-attached", B.send(w, md, [to], subj, text, atts=atts, kind="utf8-qp")
    return f"signature-{variant}", inline_message(w, md, to, text, imgs, subj, remote_pixel=pixel)


# --- image-only PDFs and TIFF faxes ---------------------------------------------

def fax_pages(w, kinds, md, with_cover=True, dpi=200):
    """Clean pages for a fax: optional cover sheet then the given page kinds (patient shared)."""
    p = w.pat(18, 96)
    to = outside(w)
    pages, needles = [], []
    total = len(kinds) + (1 if with_cover else 0)
    if with_cover:
        pages.append(page_fax_cover(w, md, to, total, dpi))
    for k in kinds:
        im, nd = scan_page(w, k, dpi, p=p, md=md)
        pages.append(im)
        needles += [n for n in nd if n]
    return pages, sorted(set(needles)), to


def t_pdf_scan(w, kinds, mode="fax", cover=True):
    md = w.md()
    if mode == "fax":
        clean, needles, to = fax_pages(w, kinds, md, with_cover=cover, dpi=200)
        pages = [faxify(w, add_fax_header(w, im, i + 1, len(clean), 200)) for i, im in enumerate(clean)]
        res = 200
    else:
        clean, needles, to = fax_pages(w, kinds, md, with_cover=cover, dpi=150)
        pages = [degrade(w, im)[0] for im in clean]
        res = 150
    for pg in pages:
        record_image(w, png_bytes(pg) if pg.mode == "1" else jpeg_bytes(pg, 70), needles)
    buf = io.BytesIO()
    when = (w.date - dt.timedelta(minutes=w.r.randint(2, 90))).astimezone(dt.timezone.utc).timetuple()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=res, title=w.c(["Numérisation", "Scan", "Télécopie", "Fax"]),
                  creationDate=when, modDate=when, producer=w.c(["RICOH MP C3004", "Canon iR-ADV C5535", "HP Digital Sending", "Xerox WorkCentre 7855"]),
                  **({} if mode == "fax" else {"quality": w.r.randint(48, 60)}))
    data = buf.getvalue()
    w.image_only = True
    fname = w.c([f"{scan_name(w, 'pdf')}", f"fax_{w.date.strftime('%Y%m%d_%H%M%S')}.pdf", "Télécopie.pdf", "document.pdf"])
    slug = "pdf-" + ("fax-" if mode == "fax" else "scan-") + ("-".join(kinds) or "cover")
    return slug, send(w, md, to, "fax" if mode == "fax" else "scan", [att(w, data, "application/pdf", fname)])


def t_tiff_fax(w, kinds):
    md = w.md()
    clean, needles, to = fax_pages(w, kinds, md, with_cover=True, dpi=200)
    pages = [faxify(w, add_fax_header(w, im, i + 1, len(clean), 200)) for i, im in enumerate(clean)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(200, 200))
    data = buf.getvalue()
    for pg in pages:
        record_image(w, png_bytes(pg), needles)
    w.image_only = True
    fname = w.c([f"fax_{w.date.strftime('%Y%m%d_%H%M%S')}.tif", f"FAX{w.r.randint(10000, 99999)}.TIF", "telecopie.tiff", "fax.tif"])
    return "tiff-fax-" + "-".join(kinds), send(w, md, to, "fax", [att(w, data, w.c(["image/tiff", "image/tiff", "application/octet-stream"]), fname, generic=0)])


# --- docx whose only patient data is in a picture --------------------------------

def chart_image(w, W_=800, H_=420):
    im = Image.new("RGB", (W_, H_), (255, 255, 255))
    d = ImageDraw.Draw(im)
    labels = (B.MONTHS_FR_ABBR if w.fr else [m[:3] for m in B.MONTHS_EN])[:w.r.randint(5, 9)]
    draw_bar_chart(d, (0, 0, W_, H_), w.c(w.t(["Durée moyenne de séjour (jours)", "Consultations par mois", "Taux d'occupation (%)", "Chirurgies réalisées"],
                                              ["Average length of stay", "Visits per month"])), labels, [w.r.randint(20, 120) for _ in labels], fs=14)
    return im


def t_docx_image(w, kind):
    md = w.md()
    to = outside(w, w.c(["org", "vendor", "clinic"]))
    doc = Docx(w, md.full)
    if kind in ("emr-summary", "clinic-day", "lab-results", "pharmacy-profile", "ereferral"):
        im, needles = SCREENS_POS[kind](w)
        data, ext = png_bytes(im, colors=128), "png"
        doc.p(w.t("Signalement – problème d'affichage", "Issue report – display problem"), bold=True, size=28)
        doc.p(w.t(f"Version : {w.c(APPS)} ; poste {w.r.randint(100, 999)}", f"Version: {w.c(APPS)}"))
        doc.p(w.t("Description : les colonnes se chevauchent après la mise à jour. Voir la capture ci-dessous.",
                  "Description: columns overlap after the update. See the screenshot below."))
    elif kind in ("lab-req", "prescription", "referral"):
        im, needles = scan_page(w, kind, 130)
        im = degrade(w, im)[0]
        data, ext = jpeg_bytes(im, w.r.randint(50, 64)), "jpeg"
        doc.p(w.t("Annexe 1", "Appendix 1"), bold=True, size=28)
        doc.p(w.t("Document numérisé à joindre au dossier de demande.", "Scanned document for the request file."))
    elif kind in ("logo-chart", "logo-chart-2", "logo-chart-3"):
        lg = logo(w, 240, 80)
        doc.image(png_bytes(lg, colors=32), "png", 240, 80, descr="logo")
        doc.p(w.t("Rapport trimestriel – indicateurs de performance", "Quarterly report – performance indicators"), bold=True, size=28)
        doc.p(w.t(f"Le volume d'activité a augmenté de {w.r.randint(2, 12)} % par rapport au trimestre précédent. Aucune donnée nominative n'est présentée.",
                  f"Activity rose by {w.r.randint(2, 12)}% over the previous quarter."))
        im, needles = chart_image(w), []
        data, ext = png_bytes(im, colors=64), "png"
    elif kind == "error-dialog":
        im, needles = scr_error_dialog(w)
        data, ext = png_bytes(im), "png"
        doc.p(w.t("Billet de soutien – message d'erreur", "Support ticket – error message"), bold=True, size=28)
        doc.p(w.t("Le message ci-dessous apparaît à l'ouverture du module Résultats depuis ce matin.", "The message below appears since this morning."))
    elif kind in ("bed-dashboard", "quality-dashboard"):
        im, needles = SCREENS_NEG[kind](w)
        data, ext = png_bytes(im, colors=128), "png"
        doc.p(w.t("Point de situation – gestion des lits", "Situation report – bed management"), bold=True, size=28)
        doc.p(w.t("Capture du tableau de bord de ce matin pour la cellule de crise.", "This morning's dashboard for the command centre."))
    else:
        raise ValueError(kind)
    doc.image(data, ext, im.size[0], im.size[1], descr=w.t("capture", "screenshot"))
    doc.p(w.t("Merci de votre aide.", "Thank you."))
    record_image(w, data, needles)
    w.image_only = True
    out = doc.build()
    fname = w.c([w.t("Signalement.docx", "Report.docx"), "Document1.docx", w.t("capture_ecran.docx", "screenshot.docx"), w.t("Annexe.docx", "Appendix.docx")])
    return f"docx-image-{kind}", send(w, md, to, "document", [att(w, out, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fname)])


# --- docx: data only in header, footer, footnote, comment or tracked change -----

PROTOCOL_FR = [
    "Objectif : uniformiser la surveillance des usagers sous anticoagulothérapie.",
    "Mesurer le RNI au jour 3 puis deux fois par semaine jusqu'à stabilisation.",
    "Chez la personne âgée de plus de 75 ans, réduire la dose initiale de warfarine à 2,5 mg.",
    "Aviser le médecin si le RNI est supérieur à 4,0 ou en présence de saignement.",
    "Surveiller la glycémie capillaire AC et HS; ajuster l'insuline selon l'échelle en annexe.",
    "En cas d'hypoglycémie inférieure à 4,0 mmol/L, appliquer l'ordonnance collective OC-12.",
    "Réévaluer la douleur une heure après chaque dose d'opioïde et documenter l'échelle de sédation.",
    "La dose maximale d'acétaminophène est de 4 g par 24 heures (3 g chez l'insuffisant hépatique).",
]
PROTOCOL_EN = [
    "Purpose: standardise monitoring of patients on anticoagulants.", "Check INR on day 3 then twice weekly until stable.",
    "Reduce the starting warfarin dose to 2.5 mg in patients over 75.", "Notify the physician if INR exceeds 4.0 or bleeding occurs.",
    "Reassess pain one hour after each opioid dose.",
]


def protocol_body(w, doc, n=None):
    title = w.c(w.t(["Protocole – anticoagulothérapie", "Plan de soins – diabète de type 2", "Ordonnance collective – analgésie",
                     "Procédure – surveillance postopératoire"], ["Protocol – anticoagulation", "Care plan – type 2 diabetes"]))
    doc.p(title, bold=True, size=28)
    lines = w.r.sample(PROTOCOL_FR if w.fr else PROTOCOL_EN, n or w.r.randint(3, 5))
    for l in lines:
        doc.p(l)
    return title, lines


def t_docx_parts(w, where, positive):
    md = w.md()
    to = outside(w)
    doc = Docx(w, md.full)
    when = w.date - dt.timedelta(hours=w.r.randint(2, 200))
    p = w.pat(18, 96) if positive else None
    body_xml_before = None
    if where == "header":
        protocol_body(w, doc)
        if positive:
            nam = nam_or_none(w, p, 0.7)
            mrn = w.mrn("6")
            items = [f"{w.t('Usager', 'Patient')} : {p.rev}", f"{w.t('DDN', 'DOB')} : {w.dob(p, 'iso')}"] + ([f"NAM : {nam}"] if nam else []) + \
                    [f"{w.t('Dossier', 'MRN')} : {mrn}"]
            doc.header = [wpara(wrun("     ".join(items), size=18)), wpara(wrun(f"{w.hosp['name']} – {w.c(UNITS)} – {w.t('ch.', 'rm')} {w.room()}", size=16))]
            w.names.append(p.surname)
        else:
            doc.header = [wpara(wrun(f"{w.hosp['name']} – {w.t('Direction des soins infirmiers', 'Nursing directorate')}", size=18)),
                          wpara(wrun(f"{w.t('Document contrôlé', 'Controlled document')} DSI-{w.r.randint(100, 999)} v{w.r.randint(1, 6)} – "
                                     f"{w.t('en vigueur le', 'effective')} {fmt_date(w.earlier(30, 400), 'iso')}", size=16))]
    elif where == "footer":
        if positive:
            doc.p(w.t("Cher collègue,", "Dear colleague,"))
            doc.p(w.t(f"Je vous remercie de recevoir en consultation {p.e('cette patiente', 'ce patient')} pour {w.diag(p)}. "
                      f"{p.e('Elle', 'Il')} présente {w.symptom()} depuis quelques semaines malgré {w.meds(1)[0]}.",
                      f"Thank you for seeing this patient for {w.diag(p)}, with {w.symptom()} despite {w.meds(1)[0]}."))
            doc.p(w.t("Veuillez trouver les résultats récents en annexe.", "Recent results attached."))
            doc.p(md.dr(w.lang))
            mrn = w.mrn(w.c(["6", "H-", "8z"]))
            doc.footer = [wpara(wrun(f"{w.t('Réf.', 'Re')} : {p.rev} – {w.t('DDN', 'DOB')} {w.dob(p, 'iso')} – {w.t('No dossier', 'MRN')} {mrn}", size=16))]
            w.names.append(p.surname)
        else:
            protocol_body(w, doc)
            st = w.staff(w.c(["admin", "nurse"]))
            doc.footer = [wpara(wrun(f"{w.t('Page', 'Page')} 1 – {w.t('Révisé le', 'Revised')} {fmt_date(w.earlier(5, 200), 'iso')} "
                                     f"{w.t('par', 'by')} {st.full}, {st.role_fr if w.fr else st.role_en} – {w.t('poste', 'ext.')} {st.ext}", size=16))]
    elif where == "footnote":
        if positive:
            doc.p(w.t("Présentation de cas – réunion scientifique", "Case presentation – grand rounds"), bold=True, size=28)
            age = p.age(w.day)
            ref = doc.footnote(w.t(f"{p.titled('fr')}, {w.t('né', 'born')}{p.e('e', '')} le {w.dob(p, 'fr_long')}, dossier {w.mrn('6')}; "
                                   f"vu{p.e('e', '')} à l'urgence le {fmt_date(w.earlier(5, 60), 'iso')}.",
                                   f"{p.titled('en')}, DOB {w.dob(p, 'iso')}, MRN {w.mrn('6')}."))
            doc.raw(wpara(wrun(w.t(f"{p.e('Une femme', 'Un homme')} de {age} ans se présente pour {w.symptom()}", f"A {age}-year-old presents with {w.symptom()}"))
                          + ref + wrun(w.t(f". Le bilan révèle : {w.diag(p)}.", f". Work-up shows {w.diag(p)}."))))
            doc.p(w.t(f"Traitement instauré : {', '.join(w.meds(2))}. Évolution favorable.", f"Treatment: {', '.join(w.meds(2))}."))
            w.names.append(p.surname)
        else:
            doc.p(w.t("Revue de littérature – hyponatrémie", "Literature review – hyponatremia"), bold=True, size=28)
            a1, a2 = w.staff("md"), w.staff("md")
            ref = doc.footnote(f"{a1.surname} {a1.given[0]}, {a2.surname} {a2.given[0]}. "
                               f"{w.c(['Prise en charge de l’hyponatrémie', 'Anticoagulation chez la personne âgée', 'Délirium postopératoire'])}. "
                               f"Rev Méd Qc. {w.r.randint(2010, 2024)};{w.r.randint(10, 40)}({w.r.randint(1, 12)}):{w.r.randint(10, 90)}-{w.r.randint(91, 140)}.")
            doc.raw(wpara(wrun(w.t("Une correction trop rapide de la natrémie expose au syndrome de démyélinisation osmotique", "Overly rapid correction risks osmotic demyelination")) + ref + wrun(".")))
            doc.p(w.t("Ne pas dépasser 8 mmol/L par 24 heures chez les patients à risque.", "Do not exceed 8 mmol/L per 24 h."))
    elif where == "comment":
        title, lines = protocol_body(w, doc, 3)
        if positive:
            nam = nam_or_none(w, p, 0.6)
            who = f"{p.titled(w.lang)}" + (f" (NAM {nam})" if nam else f" ({w.t('DDN', 'DOB')} {w.dob(p, 'iso')})")
            ctext = w.t(f"Attention : {who} a fait {w.c(['un saignement digestif', 'une hypoglycémie sévère', 'une dépression respiratoire'])} "
                        f"avec ce schéma le {fmt_date(w.earlier(3, 40), 'iso')}; à revoir avec la pharmacie.",
                        f"Careful: {who} had a severe reaction on this regimen on {fmt_date(w.earlier(3, 40), 'iso')}.")
            w.names.append(p.surname)
        else:
            st = w.staff(w.c(["pharm", "nurse", "md"]))
            ctext = w.t(f"Reformuler; à valider avec {st.full} au comité du {fmt_date(w.later(3, 20), 'iso')}.",
                        f"Rephrase; check with {st.full} at the {fmt_date(w.later(3, 20), 'iso')} meeting.")
        doc.raw(wpara(wrun(w.t("Note : ", "Note: ")) + doc.comment(w.t("ajuster selon la fonction rénale", "adjust for renal function"), ctext, md.dr(w.lang), when)))
    elif where in ("ins", "del"):
        if positive:
            doc.p(w.t("Demande de consultation", "Consultation request"), bold=True, size=28)
            ident = w.t(f"{p.titled('fr')}, {p.e('née', 'né')} le {w.dob(p, 'iso')}, ", f"{p.titled('en')}, DOB {w.dob(p, 'iso')}, ")
            if where == "ins":
                doc.raw(wpara(wrun(w.t("Je vous réfère ", "I am referring ")) + doc.ins(ident, md.dr(w.lang), when) +
                              wrun(w.t(f"pour {w.diag(p)}.", f"for {w.diag(p)}."))))
            else:
                doc.raw(wpara(wrun(w.t("Je vous réfère ", "I am referring ")) + doc.dele(ident, md.dr(w.lang), when) +
                              wrun(w.t(f"{p.e('une patiente', 'un patient')} pour {w.diag(p)}.", f"a patient for {w.diag(p)}."))))
            doc.p(w.t(f"Médication : {', '.join(w.meds(2))}.", f"Medication: {', '.join(w.meds(2))}."))
            w.names.append(p.surname)
        else:
            protocol_body(w, doc, 3)
            st = w.staff(w.c(["pharm", "nurse"]))
            if where == "ins":
                doc.raw(wpara(doc.ins(w.t("Chez les patients de plus de 75 ans, réduire la dose de 25 %. ", "Reduce the dose by 25% over age 75. "), st.full, when)
                              + wrun(w.t("Consulter le pharmacien au besoin.", "Ask the pharmacist if needed."))))
            else:
                doc.raw(wpara(wrun(w.t("Joindre la pharmacie au poste ", "Call pharmacy at ext. ")) + doc.dele(str(w.r.randint(2000, 7999)), st.full, when)
                              + doc.ins(str(w.r.randint(2000, 7999)), st.full, when) + wrun(".")))
    data = doc.build()
    # the patient data must not be in the plain body text (tracked insertions/deletions excepted)
    if positive and where not in ("ins", "del"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert p.surname not in html.unescape(z.read("word/document.xml").decode("utf-8")), (where, p.surname)
    fname = w.c([w.t("Document.docx", "Document.docx"), w.t("lettre.docx", "letter.docx"), w.t("protocole_v3.docx", "protocol_v3.docx"), "Doc1.docx",
                 w.t("version_travail.docx", "draft.docx")])
    return f"docx-{where}", send(w, md, to, "document", [att(w, data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fname)])


# --- xlsx: data on a later sheet, in a hidden sheet, in a comment, as inline strings -----

def stats_rows(w):
    months = B.MONTHS_FR_ABBR if w.fr else [m[:3] for m in B.MONTHS_EN]
    rows = [[w.t("Mois", "Month"), w.t("Admissions", "Admissions"), w.t("Congés", "Discharges"), w.t("DMS (j)", "ALOS (d)")]]
    tot = 0
    for m in months[:w.r.randint(4, 12)]:
        a = w.r.randint(80, 400)
        tot += a
        rows.append([m, a, a - w.r.randint(-10, 20), round(w.r.uniform(4, 12), 1)])
    rows.append([w.t("Total", "Total"), Formula(f"SUM(B2:B{len(rows)})", tot)])
    return rows


def patient_sheet(w, n=None, cols=None):
    cols = cols or w.c([("nom", "prenom", "ddn", "nam", "dx"), ("mrn", "nom", "prenom", "ddn", "dx"), ("nom", "prenom", "nam", "rdv", "motif"),
                        ("ch", "nom", "prenom", "ddn", "dx")])
    head = {"nom": w.t("Nom", "Last name"), "prenom": w.t("Prénom", "First name"), "ddn": w.t("DDN", "DOB"), "nam": "NAM", "dx": w.t("Diagnostic", "Diagnosis"),
            "mrn": w.t("No dossier", "MRN"), "rdv": w.t("Rendez-vous", "Appointment"), "motif": w.t("Motif", "Reason"), "ch": w.t("Chambre", "Room")}
    rows = [[head[c] for c in cols]]
    for _ in range(n or w.r.randint(5, 16)):
        p = w.pat(1, 97)
        row = []
        for c in cols:
            row.append({"nom": lambda: p.surname, "prenom": lambda: p.given, "ddn": lambda: p.dob if w.chance(0.6) else p.dob.isoformat(),
                        "nam": lambda: w.nam_of(p, style="compact"), "dx": lambda: w.diag(p), "mrn": lambda: w.mrn("6"),
                        "rdv": lambda: w.later(1, 40), "motif": lambda: w.diag(p), "ch": lambda: w.room()}[c]())
        rows.append(row)
        w.names.append(p.surname)
    w.names = w.names[:3]
    return rows


def t_xlsx_parts(w, where, positive):
    md = w.md()
    to = outside(w)
    sheets = []
    if positive:
        if where == "sheet2":
            sheets = [dict(name=w.t("Sommaire", "Summary"), rows=stats_rows(w)), dict(name=w.t("Liste", "List"), rows=patient_sheet(w))]
        elif where == "sheet3":
            sheets = [dict(name="Instructions", rows=[[w.t("Ne pas modifier les en-têtes.", "Do not edit the headers.")], [w.t("Mise à jour : hebdomadaire", "Updated weekly")]]),
                      dict(name=w.t("Paramètres", "Settings"), rows=[[w.t("Service", "Department"), w.service()], [w.t("Période", "Period"), f"{w.day.year}-P{w.r.randint(1, 13)}"]]),
                      dict(name=w.t("Données", "Data"), rows=patient_sheet(w))]
        elif where == "hidden":
            sheets = [dict(name=w.t("Statistiques", "Statistics"), rows=stats_rows(w)), dict(name="Feuil2", rows=patient_sheet(w), state="hidden")]
        elif where == "inline":
            sheets = [dict(name=w.t("Sommaire", "Summary"), rows=stats_rows(w)), dict(name=w.t("Suivi", "Follow-up"), rows=patient_sheet(w), inline=True)]
        elif where == "comment":
            p = w.pat(18, 96)
            nam = nam_or_none(w, p, 0.6)
            rows = stats_rows(w)
            text = w.t(f"Inclut {p.titled('fr')} (" + (f"NAM {nam}" if nam else f"DDN {w.dob(p, 'iso')}") + f"), transféré{p.e('e', '')} pour {w.diag(p)} – séjour de {w.r.randint(20, 90)} jours.",
                       f"Includes {p.titled('en')} (" + (f"RAMQ {nam}" if nam else f"DOB {w.dob(p, 'iso')}") + f"), transferred for {w.diag(p)}.")
            sheets = [dict(name=w.t("Sommaire", "Summary"), rows=rows, comments={f"D{w.r.randint(2, len(rows) - 1)}": (md.full, text)})]
            w.names.append(p.surname)
    else:
        if where == "sheet2":
            sheets = [dict(name="Budget", rows=budget_rows(w)), dict(name=w.t("Détail", "Detail"), rows=budget_rows(w, detail=True))]
        elif where == "sheet3":
            sheets = [dict(name=w.t("Sommaire", "Summary"), rows=stats_rows(w)), dict(name=w.t("Inventaire", "Inventory"), rows=inventory_rows(w)),
                      dict(name=w.t("Commandes", "Orders"), rows=inventory_rows(w, orders=True))]
        elif where == "hidden":
            sheets = [dict(name=w.t("Horaire", "Schedule"), rows=staff_schedule_rows(w)),
                      dict(name=w.t("Listes", "Lists"), rows=[[w.t("Services", "Departments")]] + [[u] for u in UNITS], state="hidden")]
        elif where == "inline":
            sheets = [dict(name=w.t("Horaire", "Schedule"), rows=staff_schedule_rows(w), inline=True)]
        elif where == "comment":
            rows = budget_rows(w)
            st = w.staff(w.c(["admin", "buyer"]))
            sheets = [dict(name="Budget", rows=rows, comments={f"C{w.r.randint(2, len(rows) - 1)}": (md.full, w.t(
                f"Vérifier avec {st.full} ({st.role_fr}) avant le {fmt_date(w.later(5, 30), 'iso')}; écart lié aux heures supplémentaires de l'été.",
                f"Check with {st.full} before {fmt_date(w.later(5, 30), 'iso')}."))})]
    data = xlsx_bytes(w, sheets, md.full)
    if positive and where != "comment":
        assert sheets[0]["rows"] and all(w.names[0] not in str(c) for r_ in sheets[0]["rows"] for c in r_)
    fname = w.c([w.t("Classeur1.xlsx", "Book1.xlsx"), w.t("suivi.xlsx", "tracking.xlsx"), w.t("statistiques.xlsx", "stats.xlsx"), w.t("donnees.xlsx", "data.xlsx"), "rapport.xlsx"])
    return f"xlsx-{where}", send(w, md, to, "sheet", [att(w, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fname)])


def budget_rows(w, detail=False):
    rows = [[w.t("Centre", "Cost centre"), w.t("Description", "Description"), "Budget", w.t("Réel", "Actual"), w.t("Écart", "Variance")]]
    for _ in range(w.r.randint(5, 12)):
        b = w.r.randint(10000, 500000)
        a = w.r.randint(int(b * 0.8), int(b * 1.2))
        rows.append([w.r.randint(6000, 7999), w.c(w.t(["Fournitures médicales", "Médicaments", "Temps supplémentaire", "Formation", "Entretien", "Équipement"],
                                                     ["Medical supplies", "Drugs", "Overtime", "Training", "Maintenance"])), b, a, Formula(f"C{len(rows) + 1}-D{len(rows) + 1}", b - a)])
    return rows


def inventory_rows(w, orders=False):
    rows = [[w.t("Code", "Code"), w.t("Produit", "Item"), w.t("Quantité", "Qty"), w.t("Péremption", "Expiry") if not orders else w.t("No commande", "Order #")]]
    for _ in range(w.r.randint(6, 15)):
        code = B.impossible_code(w)
        if orders:
            o = B.gen_luhn_valid(w.r)
            w.neg_checks.append(("luhn_valid_order", o))
        rows.append([code, w.c(B.PRODUCTS_FR if w.fr else B.PRODUCTS_EN), w.r.randint(0, 500), o if orders else w.later(60, 900)])
    return rows


def staff_schedule_rows(w):
    rows = [[w.t("Date", "Date"), w.t("Jour", "Day"), w.t("Nuit", "Night"), w.t("Garde", "On call")]]
    start = w.later(1, 20)
    for k in range(w.r.randint(7, 14)):
        d = start + dt.timedelta(days=k)
        rows.append([d, w.staff("nurse").full, w.staff("nurse").full, w.staff("md").dr(w.lang)])
    return rows


# --- fillable PDF forms and annotations ----------------------------------------------

def t_pdf_form(w, variant, positive):
    md = w.md()
    to = outside(w)
    ap = w.chance(0.6)
    compress = w.chance(0.5)
    objstm = "objstm" in variant
    mode = w.c(["auto", "auto", "utf16"])
    clinic = w.c(B.CLINICS + [w.hosp["name"]])
    base = variant.replace("-objstm", "")
    if base in ("consult", "consult-noap", "consult-group", "consult-mrn", "consult-dob"):
        f = PdfForm(w, w.t("DEMANDE DE CONSULTATION", "CONSULTATION REQUEST"), f"{clinic} – {w.t('formulaire AH-702', 'form AH-702')}")
        if base == "consult-noap":
            ap = False
        p = w.pat(1, 96) if positive else None
        if positive:
            w.names.append(p.surname)
        v = (lambda x: x) if positive else (lambda x: None if w.chance(0.5) else "")
        if base == "consult-group" and positive:
            f.group("usager", [("nom", w.t("Nom :", "Last name:"), p.surname), ("prenom", w.t("Prénom :", "First name:"), p.given),
                               ("ddn", w.t("Date de naissance :", "Date of birth:"), w.dob(p, "iso")), ("nam", "NAM :", w.nam_of(p))], ap=ap, compress=compress)
        else:
            f.field("nom", w.t("Nom :", "Last name:"), v(p.surname if p else ""), ap=ap, compress=compress, str_mode=mode, tooltip=w.t("Nom de l'usager", "Patient last name"))
            f.field("prenom", w.t("Prénom :", "First name:"), v(p.given if p else ""), ap=ap, compress=compress, str_mode=mode)
            f.field("ddn", w.t("Date de naissance (AAAA-MM-JJ) :", "Date of birth (YYYY-MM-DD):"), v(p.dob.isoformat() if p else ""), width=330, ap=ap, compress=compress)
            f.y += 28
            f.field("sexe", w.t("Sexe :", "Sex:"), v(p.sex if p else ""), x=400, width=156, ap=ap, compress=compress)
            if base == "consult-mrn":
                f.field("dossier", w.t("No de dossier :", "MRN:"), v(w.mrn("6") if p else ""), ap=ap, compress=compress)
            elif base == "consult-dob":
                f.field("tel", w.t("Téléphone :", "Phone:"), v(w.phone(area="450") if p else ""), ap=ap, compress=compress)
            else:
                f.field("nam", w.t("NAM :", "Health card:"), v(w.nam_of(p) if p else ""), ap=ap, compress=compress, tooltip=w.t("Numéro d'assurance maladie", "RAMQ number"))
        f.field("specialite", w.t("Spécialité :", "Specialty:"), v(w.service() if p else ""), ap=ap, compress=compress, str_mode=mode)
        f.field("motif", w.t("Raison de la consultation :", "Reason for referral:"), v(f"{w.diag(p)}; {w.symptom()}" if p else ""), height=40, ap=ap,
                compress=compress, str_mode=mode, multiline=True)
        f.label(w.t("Priorité :", "Priority:"), 56, f.y + 3)
        prio = w.r.randint(0, 4)
        for k, lab in enumerate("ABCDE"):
            f.checkbox(f"prio{lab}", lab, positive and k == prio, x=120 + k * 60)
        f.y -= 26
        f.field("medecin", w.t("Médecin référent :", "Referring physician:"), md.dr(w.lang) if (positive or w.chance(0.3)) else v(""), ap=ap, compress=compress, str_mode=mode)
        f.field("date", "Date :", fmt_date(w.day, "iso") if positive else v(""), width=300, ap=ap, compress=compress)
        f.text_lines([w.t("Joindre les résultats pertinents. Ne pas transmettre par courriel non chiffré.", "Attach relevant results.")], size=8)
        slug = f"pdf-form-{variant}" if positive else ("pdf-form-blank" + ("-objstm" if objstm else ""))
    elif base == "lab":
        f = PdfForm(w, w.t("REQUÊTE DE LABORATOIRE", "LABORATORY REQUISITION"), w.hosp["name"])
        p = w.pat(18, 96)
        w.names.append(p.surname)
        f.field("patient", w.t("Nom, prénom :", "Name:"), p.rev, ap=ap, compress=compress, str_mode=mode)
        f.field("ddn", w.t("DDN :", "DOB:"), p.dob.isoformat(), width=300, ap=ap, compress=compress)
        f.field("nam", "NAM :", w.nam_of(p), width=300, ap=ap, compress=compress)
        f.y -= 4
        for k, t in enumerate(w.r.sample(LAB_TESTS, 6)):
            f.checkbox(f"test{k}", t[0] if w.fr else t[1], w.chance(0.6), x=56 + (k % 3) * 170)
            if k % 3 == 2:
                f.y -= 20
        f.field("clinique", w.t("Renseignements cliniques :", "Clinical information:"), w.diag(p), height=40, ap=ap, compress=compress, str_mode=mode, multiline=True)
        f.field("prescripteur", w.t("Prescripteur :", "Ordering physician:"), md.dr(w.lang), ap=ap, compress=compress, str_mode=mode)
        slug = f"pdf-form-{variant}"
    elif base in ("supply", "access", "training"):
        title = {"supply": w.t("DEMANDE DE FOURNITURES", "SUPPLY REQUEST"), "access": w.t("DEMANDE D'ACCÈS AUX SYSTÈMES", "SYSTEM ACCESS REQUEST"),
                 "training": w.t("INSCRIPTION À UNE FORMATION", "TRAINING REGISTRATION")}[base]
        f = PdfForm(w, title, w.hosp["name"])
        st = w.staff(w.c(["nurse", "secretary", "md"]))
        if base == "supply":
            f.field("service", w.t("Service :", "Department:"), w.c(UNITS), ap=ap, compress=compress, str_mode=mode)
            f.field("centre", w.t("Centre d'activités :", "Cost centre:"), str(w.r.randint(6000, 7999)), width=300, ap=ap, compress=compress)
            for k in range(w.r.randint(3, 5)):
                code = B.impossible_code(w)
                f.field(f"code{k}", w.t(f"Produit {k + 1} – code :", f"Item {k + 1} – code:"), code, width=330, ap=ap, compress=compress)
                f.y += 28
                f.field(f"qte{k}", w.t("Qté :", "Qty:"), str(w.r.randint(1, 50)), x=400, width=156, ap=ap, compress=compress)
            f.field("demandeur", w.t("Demandé par :", "Requested by:"), st.full, ap=ap, compress=compress, str_mode=mode)
        elif base == "access":
            f.field("nom", w.t("Nom de l'employé :", "Employee name:"), st.full, ap=ap, compress=compress, str_mode=mode)
            f.field("matricule", w.t("Matricule :", "Employee no.:"), str(w.r.randint(100000, 999999)), width=300, ap=ap, compress=compress)
            f.field("titre", w.t("Titre d'emploi :", "Job title:"), st.role_fr if w.fr else st.role_en, ap=ap, compress=compress, str_mode=mode)
            f.field("debut", w.t("Date d'entrée en fonction :", "Start date:"), fmt_date(w.later(3, 30), "iso"), width=330, ap=ap, compress=compress)
            f.field("systemes", w.t("Systèmes demandés :", "Systems:"), w.c(["DCI, PACS, laboratoire (lecture)", "DCI (lecture), messagerie", "Pharmacie, DCI"]), ap=ap, compress=compress)
            f.field("superieur", w.t("Supérieur immédiat :", "Manager:"), w.staff("admin").full, ap=ap, compress=compress, str_mode=mode)
        else:
            f.field("nom", w.t("Nom :", "Name:"), st.full, ap=ap, compress=compress, str_mode=mode)
            f.field("service", w.t("Service :", "Department:"), w.c(UNITS), ap=ap, compress=compress, str_mode=mode)
            f.field("formation", w.t("Formation :", "Course:"), w.c(w.t(["RCR – recertification", "Soins des plaies", "Prévention des chutes"], ["BLS recertification", "Wound care"])), ap=ap, compress=compress)
            f.field("date", w.t("Date de la séance :", "Session date:"), fmt_date(w.later(5, 60), "iso"), width=330, ap=ap, compress=compress)
        slug = f"pdf-form-{base}" + ("-objstm" if objstm else "")
    elif base in ("note", "freetext", "review-note", "review-freetext"):
        f = PdfForm(w, w.c(w.t(["Protocole – anticoagulothérapie", "Ordonnance collective – insuline", "Procédure – surveillance postopératoire"],
                                ["Protocol – anticoagulation", "Standing order – insulin"])), w.hosp["name"])
        f.y = 690
        f.text_lines(w.r.sample(PROTOCOL_FR if w.fr else PROTOCOL_EN, 4), size=10, lead=16)
        when = w.date - dt.timedelta(hours=w.r.randint(1, 100))
        if positive:
            p = w.pat(18, 96)
            w.names.append(p.surname)
            pick = w.r.randint(0, 2)
            if pick == 0:
                ident = f"{p.titled(w.lang)} ({w.t('DDN', 'DOB')} {w.dob(p, 'iso')})"
            elif pick == 1:
                ident = f"{p.rev}, NAM {w.nam_of(p)}"
            else:
                ident = f"{p.titled(w.lang)}, {w.t('dossier', 'MRN')} {w.mrn('6')}"
            text = w.t(f"Pour {ident} : RNI {w.c(['4,2', '5,1', '3,8'])} ce matin, {w.c(['cesser la warfarine 2 jours', 'vitamine K 2 mg PO', 'reprendre à demi-dose'])}. "
                       f"Dx : {w.diag(p)}.", f"For {ident}: INR {w.c(['4.2', '5.1'])} this morning, hold warfarin for 2 days. Dx: {w.diag(p)}.")
        else:
            st = w.staff(w.c(["pharm", "nurse", "admin"]))
            text = w.t(f"Réviser la section 3 avant l'approbation; voir avec {st.full} ({st.role_fr}) au comité du {fmt_date(w.later(3, 30), 'iso')}.",
                       f"Revise section 3; check with {st.full} before {fmt_date(w.later(3, 30), 'iso')}.")
        f.note(text, md.dr(w.lang), when, kind="FreeText" if "freetext" in base else "Text", x=w.c([300, 320, 480]) if "freetext" in base else 520,
               y=w.r.randint(400, 600), ap=w.chance(0.5))
        slug = f"pdf-annot-{base}"
    else:
        raise ValueError(variant)
    data = f.build(compress=compress, objstm=objstm, author=md.full if w.chance(0.5) else None)
    # the page content never carries the values
    content_ops = "\n".join(f.ops)
    for val in f.field_values:
        if len(val) > 3:
            assert B.pdf_escape(val) not in content_ops or val in ("Date :",), (variant, val)
    fname = w.c([w.t("formulaire.pdf", "form.pdf"), w.t("Demande.pdf", "Request.pdf"), "AH-702.pdf", "document.pdf", w.t("requete.pdf", "requisition.pdf")])
    if base.startswith(("note", "freetext", "review")):
        fname = w.c([w.t("protocole.pdf", "protocol.pdf"), "document.pdf", w.t("commentaires.pdf", "comments.pdf")])
    return slug, send(w, md, to, "form" if base not in ("note", "freetext", "review-note", "review-freetext") else "document",
                      [att(w, data, "application/pdf", fname)])


# --- legacy Office via LibreOffice ------------------------------------------------------

def t_legacy(w, kind, positive):
    md = w.md()
    to = outside(w)
    needles = []
    if kind == "doc":
        doc = Docx(w, md.full)
        if positive:
            p = w.pat(1, 96)
            nam = nam_or_none(w, p, 0.7)
            for line in [w.hosp["name"], md.dr(w.lang), "", f"{w.hosp['city']}, {w.t('le', '')} {fmt_date(w.day, 'fr_long' if w.fr else 'en_long')}", "",
                         w.t("Objet : demande de consultation", "Re: consultation request")]:
                doc.p(line)
            doc.p(f"{w.t('Usager', 'Patient')} : {p.full}", bold=True)
            doc.p(f"{w.t('Date de naissance', 'Date of birth')} : {w.dob(p)}")
            if nam:
                doc.p(f"NAM : {nam}")
            doc.p(w.t(f"Je vous réfère {p.formal('fr')}, {p.age(w.day)} ans, pour {w.diag(p)}. {p.e('Elle', 'Il')} présente {w.symptom()}.",
                      f"I am referring {p.formal('en')}, {p.age(w.day)}, for {w.diag(p)}."))
            doc.p(w.t(f"Médication : {', '.join(w.meds(3))}. Allergies : {w.allergy()}.", f"Medications: {', '.join(w.meds(3))}."))
            doc.p(md.dr(w.lang))
            needles = [p.surname] + ([nam] if nam else [])
            w.names.append(p.surname)
        else:
            doc.p(w.t("Cas clinique pour l'enseignement (dépersonnalisé)", "Teaching case (de-identified)"), bold=True, size=28)
            age = w.c(w.t(["dans la soixantaine", "dans la quarantaine", "âgée", "d'âge moyen"], ["in her sixties", "in his forties", "elderly"]))
            doc.p(w.t(f"{w.c(['Une femme', 'Un homme'])} {age} consulte pour {w.symptom()}. Antécédents : {dx_list(w, w.pat(40, 80), 2)[0]}.",
                      f"A patient {age} presents with {w.symptom()}."))
            doc.p(w.t(f"Le bilan montre : {w.c(B.DIAG_ADULT)[0]}. Questions pour la discussion : diagnostic différentiel, examens à demander, traitement initial.",
                      "Discussion: differential diagnosis, work-up and initial management."))
            doc.p(w.t("Toutes les données identificatoires ont été retirées conformément à la politique d'enseignement.", "All identifiers have been removed."))
            needles = [w.t("dépersonnalisé", "de-identified")]
        src, src_ext, ctype = doc.build(), "docx", "application/msword"
        fname = w.c([w.t("lettre.doc", "letter.doc"), "Document.doc", w.t("reference.doc", "referral.doc"), w.t("cas_clinique.doc", "case.doc")])
    elif kind == "xls":
        if positive:
            rows = [[w.t("Nom", "Last name"), w.t("Prénom", "First name"), w.t("DDN", "DOB"), "NAM", w.t("Diagnostic", "Diagnosis")]]
            for _ in range(w.r.randint(5, 14)):
                p = w.pat(1, 97)
                rows.append([p.surname, p.given, p.dob.isoformat(), w.nam_of(p), w.diag(p)])
            needles = [rows[1][0], rows[1][3]]
            w.names.append(rows[1][0])
        else:
            rows = [[w.t("Groupe diagnostique", "Diagnostic group"), w.t("Cas", "Cases"), w.t("DMS (j)", "ALOS (d)"), w.t("Réadmissions 30 j", "30-day readmissions")]]
            for d_ in w.r.sample(B.DIAG_ADULT, 8):
                rows.append([d_[0] if w.fr else d_[1], w.r.randint(10, 400), round(w.r.uniform(3, 15), 1), w.r.randint(0, 30)])
            needles = [rows[1][0]]
        src, src_ext, ctype = xlsx_bytes(w, [dict(name=w.t("Feuil1", "Sheet1"), rows=rows)], md.full), "xlsx", "application/vnd.ms-excel"
        fname = w.c([w.t("liste.xls", "list.xls"), "Classeur1.xls", w.t("statistiques.xls", "stats.xls"), "export.xls"])
    else:
        if positive:
            slides = [(w.t(f"Comité des tumeurs – {fmt_date(w.later(1, 7), 'fr_long')}", f"Tumour board – {fmt_date(w.later(1, 7), 'en_long')}"),
                       [w.hosp["name"], w.t("Présentation : ", "Presenter: ") + md.dr(w.lang)])]
            for _ in range(w.r.randint(2, 4)):
                p = w.pat(35, 90)
                dx = w.c([d for d in B.DIAG_ADULT if d[2] == "oncologie"])
                slides.append((f"{p.titled(w.lang)}, {p.age(w.day)} {w.t('ans', 'y')}",
                               [f"{w.t('Dossier', 'MRN')} {w.mrn('6')} – {w.t('DDN', 'DOB')} {p.dob.isoformat()}", dx[0] if w.fr else dx[1],
                                w.t(f"Stade cT{w.r.randint(1, 4)}N{w.r.randint(0, 2)}M0; ECOG {w.r.randint(0, 2)}", f"Stage cT{w.r.randint(1, 4)}N{w.r.randint(0, 2)}M0"),
                                w.t("Question : chirurgie d'emblée ou traitement néoadjuvant?", "Question: upfront surgery or neoadjuvant therapy?")]))
                needles.append(p.surname)
                w.names.append(p.surname)
        else:
            slides = [(w.t("Formation – prévention des chutes", "Training – falls prevention"), [w.hosp["name"], w.t("Direction des soins infirmiers", "Nursing directorate")]),
                      (w.t("Pourquoi?", "Why?"), [w.t(f"{w.r.randint(200, 900)} chutes déclarées l'an dernier", f"{w.r.randint(200, 900)} falls reported last year"),
                                                   w.t("30 % avec blessure", "30% with injury")]),
                      (w.t("Facteurs de risque", "Risk factors"), w.t(["Âge > 75 ans", "Délirium", "Médicaments sédatifs", "Hypotension orthostatique"],
                                                                       ["Age > 75", "Delirium", "Sedatives", "Orthostatic hypotension"])),
                      (w.t("À retenir", "Key points"), w.t(["Évaluer le risque à l'admission", "Déclarer toute chute (AH-223)"], ["Assess risk on admission", "Report every fall"]))]
            needles = [slides[2][0]]
        src, src_ext, ctype = fodp_bytes(slides, slides[0][0]), "fodp", "application/vnd.ms-powerpoint"
        fname = w.c([w.t("comite_tumeurs.ppt", "tumour_board.ppt"), "Presentation1.ppt", w.t("formation.ppt", "training.ppt"), "diapos.ppt"])
    data = Legacy.convert(w, src, src_ext, kind, needles)
    if not fname.endswith("." + kind):
        fname = fname.rsplit(".", 1)[0] + "." + kind
    return f"legacy-{kind}", send(w, md, to, "document", [att(w, data, ctype, fname)])


# --- RTF --------------------------------------------------------------------------------

def t_rtf(w, kind, positive):
    md = w.md()
    to = outside(w)
    doc = Rtf(w)
    if positive:
        p = w.pat(1, 96)
        w.names.append(p.surname)
        if kind in ("letter", "letter-split", "letter-header"):
            doc.p(w.hosp["name"], bold=True, size=28)
            doc.p(f"{md.dr(w.lang)} – {md.role_fr if w.fr else md.role_en}")
            doc.p(f"{w.hosp['city']}, {w.t('le', '')} {fmt_date(w.day, 'fr_long' if w.fr else 'en_long')}")
            doc.p(w.t("Objet : demande de consultation", "Re: consultation request"), bold=True)
            if kind == "letter-header":
                doc.header = f"{p.rev} – {w.t('DDN', 'DOB')} {w.dob(p, 'iso')} – {w.t('Dossier', 'MRN')} {w.mrn('6')}"
                doc.p(w.t(f"Je vous réfère {p.e('cette patiente', 'ce patient')} pour {w.diag(p)}.", f"Referral for {w.diag(p)}."))
            else:
                doc.p(f"{w.t('Usager', 'Patient')} : {p.full}")
                doc.p(f"{w.t('Date de naissance', 'Date of birth')} : {w.dob(p)}")
                nam = w.nam_of(p, style=w.c(["compact", "spaced"]))
                if kind == "letter-split":
                    c = re.sub(r"\s", "", nam)
                    doc.runs([doc.e("NAM : "), "{\\b " + c[:4] + "}", "\\~", "{" + c[4:8] + "}", "\\~", c[8:]])
                else:
                    doc.p(f"NAM : {nam}")
                doc.p(w.t(f"Je vous réfère {p.formal('fr')}, {p.age(w.day)} ans, pour {w.diag(p)}. {p.e('Elle', 'Il')} présente {w.symptom()} "
                          f"malgré {w.meds(1)[0]}.", f"Thank you for seeing {p.formal('en')} for {w.diag(p)}."))
            doc.p(w.t(f"Allergies : {w.allergy()}.", f"Allergies: {w.allergy()}."))
            doc.p(w.t("Je vous remercie de votre collaboration.", "Thank you."))
            doc.p(md.dr(w.lang))
        elif kind == "consult-note":
            doc.p(w.t("NOTE DE CONSULTATION", "CONSULTATION NOTE"), bold=True, size=28, align="c")
            doc.p(f"{p.rev}   {w.t('No dossier', 'MRN')} : {w.mrn(w.c(['6', 'H-']))}")
            doc.p(w.t(f"Âge : {p.age(w.day)} ans   Sexe : {p.sex}", f"Age: {p.age(w.day)}   Sex: {p.sex}"))
            doc.p(w.t("Impression", "Impression"), bold=True)
            doc.p(f"{w.diag(p)}; {dx_list(w, p, 1)[0]}.")
            doc.p(w.t("Plan", "Plan"), bold=True)
            doc.p(w.t(f"{w.imaging().capitalize()}, {', '.join(w.meds(2))}; revoir dans {w.r.randint(2, 8)} semaines.", f"{w.imaging()}; follow-up in {w.r.randint(2, 8)} weeks."))
        elif kind == "patient-table":
            doc.p(w.t(f"Liste de rappel – {w.c(B.CLINICS)}", f"Recall list – {w.c(B.CLINICS)}"), bold=True, size=26)
            rows = [w.t(["Nom", "DDN", "NAM", "Motif"], ["Name", "DOB", "RAMQ", "Reason"])]
            for _ in range(w.r.randint(4, 10)):
                q = w.pat(1, 95)
                rows.append([q.rev, q.dob.isoformat(), w.nam_of(q), w.diag(q)])
            w.names = [q.surname]
            doc.table(rows, [2800, 1500, 1900, 3200])
    else:
        if kind == "memo":
            st = w.staff("admin")
            doc.p(w.t("NOTE DE SERVICE", "MEMORANDUM"), bold=True, size=28)
            doc.p(f"{w.t('De', 'From')} : {st.full}, {st.role_fr if w.fr else st.role_en}")
            doc.p(f"{w.t('Date', 'Date')} : {fmt_date(w.earlier(0, 10), 'fr_long' if w.fr else 'en_long')}")
            doc.p(w.t(f"La salle {w.room()} sera fermée du {fmt_date(w.later(2, 8), 'iso')} au {fmt_date(w.later(9, 20), 'iso')} pour des travaux de peinture. "
                      "Les rencontres prévues sont déplacées à la bibliothèque médicale.", "Room closed for painting; meetings move to the library."))
        elif kind == "protocol":
            doc.p(w.c(w.t(["Ordonnance collective – ajustement de l'insuline", "Protocole – prévention du délirium", "Procédure – prélèvement de l'hémoculture"],
                          ["Standing order – insulin adjustment", "Protocol – delirium prevention"])), bold=True, size=28)
            for l in w.r.sample(PROTOCOL_FR if w.fr else PROTOCOL_EN, 4):
                doc.p("• " + l)
            doc.p(w.t(f"Approuvé par le CMDP le {fmt_date(w.earlier(30, 300), 'fr_long')}.", f"Approved on {fmt_date(w.earlier(30, 300), 'en_long')}."))
        elif kind == "minutes":
            doc.p(w.t("Compte rendu – rencontre d'équipe", "Team meeting notes"), bold=True, size=28)
            doc.p(f"{w.t('Présents', 'Present')} : " + ", ".join(w.staff(w.c(["md", "nurse", "pharm"])).full for _ in range(4)))
            doc.table([w.t(["Sujet", "Responsable", "Échéance"], ["Topic", "Owner", "Due"])] +
                      [[w.c(w.t(["Horaire d'été", "Audit des chutes", "Formation RCR", "Révision du protocole d'insuline"], ["Summer schedule", "Falls audit", "CPR training"])),
                        w.staff("nurse").full, fmt_date(w.later(5, 60), "iso")] for _ in range(4)], [3600, 2800, 1600])
        elif kind == "menu":
            doc.p(w.t("Menu de la cafétéria", "Cafeteria menu"), bold=True, size=28)
            for d_ in (B.DAYS_FR[:5] if w.fr else B.DAYS_EN[:5]):
                doc.p(f"{d_.capitalize()} : " + w.c(w.t(["pâté chinois", "saumon grillé", "poulet au beurre", "lasagne végétarienne", "crème de brocoli"],
                                                           ["shepherd's pie", "grilled salmon", "butter chicken"])))
        elif kind == "template":
            doc.p(w.t("GABARIT – LETTRE DE RÉFÉRENCE", "TEMPLATE – REFERRAL LETTER"), bold=True, size=28)
            doc.p(w.t("Usager : «NOM», «PRÉNOM»", "Patient: «LAST», «FIRST»"))
            doc.p(w.t("Date de naissance : «AAAA-MM-JJ»", "Date of birth: «YYYY-MM-DD»"))
            doc.p("NAM : «XXXX 0000 0000»")
            doc.p(w.t("Je vous réfère «M./Mme» «NOM» pour «MOTIF».", "I am referring «NAME» for «REASON»."))
        elif kind == "price-list":
            doc.p(w.t("Liste de prix – fournitures", "Price list – supplies"), bold=True, size=28)
            rows = [w.t(["Code", "Produit", "Prix"], ["Code", "Item", "Price"])]
            for _ in range(w.r.randint(5, 10)):
                rows.append([B.impossible_code(w), w.c(B.PRODUCTS_FR if w.fr else B.PRODUCTS_EN), B.money(w, 3, 500)])
            doc.table(rows, [2200, 5200, 1500])
    data = doc.build(author=md.full if w.chance(0.5) else None)
    fname = w.c([w.t("lettre.rtf", "letter.rtf"), "Document.rtf", w.t("note.rtf", "note.rtf"), "export.rtf"])
    ctype = w.c(["application/rtf", "application/rtf", "text/rtf", "application/msword"])
    return f"rtf-{kind}", send(w, md, to, "document", [att(w, data, ctype, fname)])


# --- UTF-16 / UTF-32 text exports ------------------------------------------------------------

def t_utf16(w, kind, positive, enc="utf-16-le", bom=True):
    md = w.md()
    to = outside(w)
    if positive:
        if kind == "patients":
            rows = [w.t(["Nom", "Prénom", "DDN", "NAM", "Diagnostic"], ["Last name", "First name", "DOB", "RAMQ", "Diagnosis"])]
            for _ in range(w.r.randint(5, 20)):
                p = w.pat(1, 97)
                rows.append([p.surname, p.given, w.c([p.dob.isoformat(), fmt_date(p.dob, "dmy/")]), w.nam_of(p), w.diag(p)])
        else:
            rows = [w.t(["Date", "Heure", "Usager", "DDN", "No dossier", "Motif"], ["Date", "Time", "Patient", "DOB", "MRN", "Reason"])]
            for _ in range(w.r.randint(5, 16)):
                p = w.pat(1, 97)
                rows.append([fmt_date(w.later(1, 20), "iso"), rand_time(w), p.rev, p.dob.isoformat(), w.mrn("6"), w.diag(p)])
        w.names = [rows[1][0] if kind == "patients" else rows[1][2].split(",")[0]]
    else:
        if kind == "inventory":
            rows = [w.t(["Code", "Produit", "Quantité", "Emplacement", "Lot"], ["Code", "Item", "Qty", "Location", "Lot"])]
            for _ in range(w.r.randint(8, 25)):
                rows.append([B.impossible_code(w), w.c(B.PRODUCTS_FR if w.fr else B.PRODUCTS_EN), w.r.randint(0, 500),
                             f"M{w.r.randint(1, 9)}-{w.c('ABCDEF')}{w.r.randint(1, 20)}", str(w.r.randint(100000, 999999))])
        elif kind == "staff":
            rows = [w.t(["Nom", "Prénom", "Titre", "Poste", "Date d'embauche"], ["Last", "First", "Title", "Ext.", "Hire date"])]
            for _ in range(w.r.randint(6, 15)):
                st = w.staff(w.c(["nurse", "secretary", "md", "lab"]))
                rows.append([st.surname, st.given, st.role_fr if w.fr else st.role_en, st.ext, fmt_date(w.earlier(200, 7000), "iso")])
        else:
            rows = [w.t(["Unité", "Admissions", "Décès", "Chutes", "Infections nosocomiales"], ["Unit", "Admissions", "Deaths", "Falls", "HAIs"])]
            for u in UNITS:
                rows.append([u, w.r.randint(50, 400), w.r.randint(0, 12), w.r.randint(0, 20), w.r.randint(0, 9)])
    data = unicode_text(rows, enc, bom)
    fname = w.c([w.t("export.txt", "export.txt"), w.t("liste.txt", "list.txt"), "Classeur1.txt", w.t("donnees.txt", "data.txt"), "rapport.tsv"])
    charset = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32", "utf-32-be": "utf-32"}[enc]
    ctype = w.c([f"text/plain; charset={charset}", "text/plain", "text/tab-separated-values", "application/octet-stream", "application/vnd.ms-excel"])
    return f"text-{enc.replace('-', '')}{'' if bom else '-nobom'}-{kind}", send(w, md, to, "export", [att(w, data, ctype, fname, generic=0)])


# --- tar / tar.gz / gz ------------------------------------------------------------------------

def csv_patients(w):
    rows = [["Nom", "Prénom", "DDN", "NAM", "Diagnostic"]]
    for _ in range(w.r.randint(4, 15)):
        p = w.pat(1, 97)
        rows.append([p.surname, p.given, p.dob.isoformat(), w.nam_of(p), w.diag(p)])
    w.names.append(rows[1][0])
    buf = io.StringIO()
    csv.writer(buf, delimiter=w.c([";", ","]), lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(w.c(["utf-8", "cp1252"]), errors="replace")


def csv_inventory(w):
    rows = [["Code", "Produit", "Quantité", "Lot"]]
    for _ in range(w.r.randint(6, 20)):
        rows.append([B.impossible_code(w), w.c(B.PRODUCTS_FR), w.r.randint(0, 500), str(w.r.randint(100000, 999999))])
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def t_archive(w, form, content, positive):
    md = w.md()
    to = outside(w)
    files = []
    if positive:
        if content == "csv":
            files.append((w.c(["export/patients.csv", "liste.csv", f"extraction_{w.day.strftime('%Y%m%d')}.csv"]), csv_patients(w)))
        elif content == "docx":
            p = w.pat(1, 96)
            doc = Docx(w, md.full)
            doc.p(w.hosp["name"])
            doc.p(w.t("Demande de consultation", "Consultation request"), bold=True)
            doc.p(f"{w.t('Usager', 'Patient')} : {p.full}   {w.t('DDN', 'DOB')} : {w.dob(p, 'iso')}   NAM : {w.nam_of(p)}")
            doc.p(w.t(f"Motif : {w.diag(p)}.", f"Reason: {w.diag(p)}."))
            files.append((w.c(["references/lettre.docx", "Référence.docx", "doc/consultation.docx"]), doc.build()))
            w.names.append(p.surname)
        else:
            p = w.pat(18, 96)
            txt = J(w.t("NOTE D'ÉVOLUTION", "PROGRESS NOTE"), f"{p.rev} – {w.t('dossier', 'MRN')} {w.mrn('6')} – {w.t('DDN', 'DOB')} {p.dob.isoformat()}", "",
                    f"{w.diag(p)}. {w.symptom().capitalize()}.", f"Plan : {', '.join(w.meds(2))}.", md.dr(w.lang))
            files.append((w.c(["notes/note_evolution.txt", "note.txt"]), txt.replace("\n", "\r\n").encode("utf-8")))
            w.names.append(p.surname)
        if w.chance(0.5) and form != "gz":
            files.append(("LISEZMOI.txt", w.t("Fichiers transmis pour la continuité des soins.\r\n", "Files sent for continuity of care.\r\n").encode("utf-8")))
    else:
        if content == "csv":
            files.append((w.c(["inventaire/stock.csv", "stock.csv", "export.csv"]), csv_inventory(w)))
        elif content == "docx":
            doc = Docx(w, md.full)
            doc.p(w.t("Procès-verbal – comité de pharmacologie", "Minutes – P&T committee"), bold=True)
            doc.p(f"{w.t('Présents', 'Present')} : " + ", ".join(w.staff(w.c(["md", "pharm"])).full for _ in range(4)))
            doc.p(w.t(f"Rupture de {w.c(B.MEDS)[0]} : solution de rechange approuvée.", "Shortage: alternative approved."))
            files.append((w.c(["pv/PV_comite.docx", "minutes.docx"]), doc.build()))
        else:
            lines = [f"{fmt_date(w.earlier(0, 3), 'iso')}T{rand_time(w)}:{w.r.randint(10, 59)} INFO interface-{w.c(['lab', 'rad', 'adt'])} "
                     f"msg={w.r.randint(10 ** 8, 10 ** 9 - 1)} ack=AA code={B.impossible_code(w)}" for _ in range(w.r.randint(8, 20))]
            files.append((w.c(["logs/interface.log", "interface.log"]), ("\r\n".join(lines) + "\r\n").encode("ascii")))
        if w.chance(0.5) and form != "gz":
            files.append(("LISEZMOI.txt", w.t("Fichiers de travail.\r\n", "Working files.\r\n").encode("utf-8")))
    if form == "gz":
        name, data = files[0]
        base = name.split("/")[-1]
        out, fname, ctype = gzip_bytes(data, base), base + ".gz", w.c(["application/gzip", "application/x-gzip", "application/octet-stream"])
    else:
        tar = tar_bytes(files, fmt=w.c([tarfile.GNU_FORMAT, tarfile.PAX_FORMAT, tarfile.USTAR_FORMAT]) if all(n.isascii() for n, _ in files) else tarfile.PAX_FORMAT)
        stem = w.c([w.t("envoi", "files"), "archive", "export", w.t("dossier", "folder")])
        if form == "tar":
            out, fname, ctype = tar, stem + ".tar", w.c(["application/x-tar", "application/x-tar", "application/octet-stream"])
        else:
            ext = ".tgz" if form == "tgz" else ".tar.gz"
            out, fname, ctype = gzip_bytes(tar, stem + ".tar"), stem + ext, w.c(["application/gzip", "application/x-gzip", "application/x-compressed-tar", "application/octet-stream"])
    return f"{form.replace('.', '')}-{content}", send(w, md, to, "archive", [att(w, out, ctype, fname, generic=0)])


# ===========================================================================
# Registry: (label, category, template, [kwargs per message], language)
# language: probability of French, or "fr" / "en"
# ===========================================================================

P, N = "positive", "negative"


def K(**kw):
    return kw


REGISTRY = [
    # image-screenshot ------------------------------------------------------------
    (P, "image-screenshot", t_screenshot, [K(kind="emr-summary", fmt=f) for f in ("png", "png", "jpeg", "webp")], 0.85),
    (P, "image-screenshot", t_screenshot, [K(kind="lab-results", fmt="png"), K(kind="lab-results", fmt="gif")], 0.8),
    (P, "image-screenshot", t_screenshot, [K(kind="clinic-day", fmt="png"), K(kind="clinic-day", fmt="jpeg")], "fr"),
    (P, "image-screenshot", t_screenshot, [K(kind="ed-board"), K(kind="mar"), K(kind="pharmacy-profile", fmt="jpeg"), K(kind="or-program"),
                                           K(kind="wait-list"), K(kind="ereferral"), K(kind="allergy-alert", fmt="bmp"), K(kind="imaging", fmt="jpeg")], 0.8),
    (P, "image-screenshot", t_screenshot, [K(kind="summary-en"), K(kind="summary-en", fmt="jpeg")], "en"),
    (N, "image-screenshot", t_screenshot, [K(kind="or-block-staff"), K(kind="or-block-staff", fmt="jpeg"), K(kind="or-day-no-patient"), K(kind="call-roster"),
                                           K(kind="bed-dashboard"), K(kind="ed-stats", fmt="webp"), K(kind="volume-chart"), K(kind="error-dialog"),
                                           K(kind="error-dialog", fmt="bmp"), K(kind="invoice-erp"), K(kind="invoice-erp", fmt="jpeg"), K(kind="inventory", fmt="gif"),
                                           K(kind="blank-patient-form"), K(kind="quality-dashboard", fmt="jpeg"), K(kind="directory"), K(kind="formulary"),
                                           K(kind="lab-qc"), K(kind="training-env")], 0.8),
    # image-scan ------------------------------------------------------------------
    (P, "image-scan", t_scan, [K(kind="referral", mode="photo6"), K(kind="referral", mode="gray"), K(kind="referral-boxes", mode="bilevel"),
                               K(kind="lab-req", mode="photo8"), K(kind="lab-req", mode="bilevel"), K(kind="prescription", mode="photo"),
                               K(kind="prescription", mode="photo6"), K(kind="prescription", mode="gray"), K(kind="consult", mode="gray"),
                               K(kind="consult-dob", mode="bilevel"), K(kind="discharge", mode="gray"), K(kind="health-card", mode="photo"),
                               K(kind="patient-list", mode="bilevel")], 0.8),
    (N, "image-scan", t_scan, [K(kind="memo", mode="gray"), K(kind="memo", mode="bilevel"), K(kind="menu", mode="photo"), K(kind="minutes", mode="bilevel"),
                               K(kind="invoice", mode="gray"), K(kind="invoice", mode="photo8"), K(kind="blank-referral", mode="photo6"),
                               K(kind="blank-lab-req", mode="bilevel"), K(kind="policy", mode="gray"), K(kind="certificate", mode="photo"),
                               K(kind="poster", mode="bilevel"), K(kind="article", mode="gray")], 0.8),
    # image-inline ----------------------------------------------------------------
    (P, "image-inline", t_inline, [K(kind=k) for k in ("emr-summary", "lab-results", "clinic-day", "pharmacy-profile", "ereferral", "imaging", "ed-board")], 0.8),
    (N, "image-inline", t_inline, [K(kind=k) for k in ("newsletter-banner", "newsletter-banner", "volume-chart", "quality-dashboard", "bed-dashboard", "error-dialog")], 0.8),
    # logo-signature --------------------------------------------------------------
    (N, "logo-signature", t_signature, [K(variant=v) for v in ("logo", "logo", "social", "social", "full", "pixel-remote", "pixel-inline", "attached",
                                                               "attached", "full")], 0.8),
    # pdf-scan --------------------------------------------------------------------
    (P, "pdf-scan", t_pdf_scan, [K(kinds=["referral"]), K(kinds=["referral-no-nam"]), K(kinds=["referral"], cover=False), K(kinds=["consult"], mode="gray", cover=False),
                                 K(kinds=["consult-dob"], mode="gray", cover=False), K(kinds=["lab-req"]), K(kinds=["discharge", "consult"], mode="gray", cover=False),
                                 K(kinds=["patient-list"]), K(kinds=["prescription"]), K(kinds=["referral", "lab-req"])], 0.8),
    (N, "pdf-scan", t_pdf_scan, [K(kinds=["supply-order"]), K(kinds=["supply-order"], cover=False), K(kinds=["policy", "policy"], mode="gray", cover=False),
                                 K(kinds=["policy"], mode="gray", cover=False), K(kinds=[], cover=True), K(kinds=["memo"], mode="gray", cover=False),
                                 K(kinds=["minutes"]), K(kinds=["article"], mode="gray", cover=False), K(kinds=["invoice"])], 0.8),
    # tiff-fax ----------------------------------------------------------------------
    (P, "tiff-fax", t_tiff_fax, [K(kinds=["referral"]), K(kinds=["lab-req"]), K(kinds=["consult", "discharge"]), K(kinds=["prescription"])], 0.8),
    (N, "tiff-fax", t_tiff_fax, [K(kinds=["supply-order"]), K(kinds=["memo"]), K(kinds=["invoice"])], 0.8),
    # docx-image --------------------------------------------------------------------
    (P, "docx-image", t_docx_image, [K(kind=k) for k in ("emr-summary", "lab-results", "ereferral", "lab-req", "referral", "prescription", "clinic-day")], 0.8),
    (N, "docx-image", t_docx_image, [K(kind=k) for k in ("logo-chart", "logo-chart-2", "logo-chart-3", "error-dialog", "bed-dashboard", "quality-dashboard")], 0.8),
    # docx-parts --------------------------------------------------------------------
    (P, "docx-parts", t_docx_parts, [K(where=x, positive=True) for x in ("header", "header", "header", "footer", "footer", "footnote", "footnote",
                                                                          "comment", "comment", "comment", "ins", "ins", "del")], 0.8),
    (N, "docx-parts", t_docx_parts, [K(where=x, positive=False) for x in ("header", "header", "footer", "footer", "footnote", "footnote",
                                                                           "comment", "comment", "comment", "ins", "ins", "del")], 0.8),
    # xlsx-parts --------------------------------------------------------------------
    (P, "xlsx-parts", t_xlsx_parts, [K(where=x, positive=True) for x in ("sheet2", "sheet2", "sheet2", "sheet3", "sheet3", "hidden", "hidden",
                                                                          "comment", "comment", "inline", "inline")], 0.8),
    (N, "xlsx-parts", t_xlsx_parts, [K(where=x, positive=False) for x in ("sheet2", "sheet2", "sheet3", "sheet3", "hidden", "inline", "comment", "comment")], 0.8),
    # pdf-form ----------------------------------------------------------------------
    (P, "pdf-form", t_pdf_form, [K(variant=v, positive=True) for v in ("consult", "consult", "consult", "consult-noap", "consult-noap", "consult-dob",
                                                                        "consult-mrn", "consult-group", "consult-objstm", "lab", "lab-objstm", "note", "freetext")], 0.8),
    (N, "pdf-form", t_pdf_form, [K(variant=v, positive=False) for v in ("consult", "consult", "consult-objstm", "supply", "supply", "supply-objstm",
                                                                         "access", "access", "training", "review-note", "review-freetext", "review-note")], 0.8),
    # legacy-office -----------------------------------------------------------------
    (P, "legacy-office", t_legacy, [K(kind=k, positive=True) for k in ("doc", "doc", "doc", "xls", "xls", "xls", "ppt", "ppt", "ppt")], 0.8),
    (N, "legacy-office", t_legacy, [K(kind=k, positive=False) for k in ("doc", "doc", "doc", "xls", "xls", "xls", "ppt", "ppt", "ppt")], 0.8),
    # rtf ---------------------------------------------------------------------------
    (P, "rtf", t_rtf, [K(kind=k, positive=True) for k in ("letter", "letter", "letter", "consult-note", "consult-note", "patient-table", "letter-split", "letter-header")], 0.8),
    (N, "rtf", t_rtf, [K(kind=k, positive=False) for k in ("memo", "memo", "protocol", "protocol", "minutes", "menu", "template", "price-list")], 0.8),
    # utf16-text --------------------------------------------------------------------
    (P, "utf16-text", t_utf16, [K(kind="patients", positive=True), K(kind="patients", positive=True), K(kind="patients", positive=True),
                                K(kind="appointments", positive=True), K(kind="patients", positive=True, bom=False),
                                K(kind="patients", positive=True, enc="utf-16-be"), K(kind="patients", positive=True, enc="utf-32-le"),
                                K(kind="appointments", positive=True, enc="utf-32-be", bom=False)], 0.8),
    (N, "utf16-text", t_utf16, [K(kind="inventory", positive=False), K(kind="inventory", positive=False), K(kind="inventory", positive=False),
                                K(kind="staff", positive=False), K(kind="stats", positive=False), K(kind="inventory", positive=False, bom=False),
                                K(kind="stats", positive=False, enc="utf-32-le"), K(kind="staff", positive=False, enc="utf-16-be")], 0.8),
    # archive-tar -------------------------------------------------------------------
    (P, "archive-tar", t_archive, [K(form=f, content=c, positive=True) for f, c in (("tar", "csv"), ("tar", "txt"), ("tar.gz", "csv"), ("tar.gz", "txt"),
                                                                                  ("tgz", "docx"), ("tgz", "docx"), ("gz", "csv"), ("gz", "csv"), ("tar.gz", "docx"))], 0.8),
    (N, "archive-tar", t_archive, [K(form=f, content=c, positive=False) for f, c in (("tar", "csv"), ("tar", "log"), ("tar.gz", "csv"), ("tar.gz", "log"),
                                                                                   ("tgz", "docx"), ("tgz", "docx"), ("gz", "csv"), ("gz", "log"), ("tar", "docx"))], 0.8),
]


def plan():
    """Every message to write, in final order, with its path prefix (label/NNN)."""
    out = {P: [], N: []}
    for label, cat, func, kws, lang in REGISTRY:
        for i, kw in enumerate(kws):
            out[label].append((label, cat, func, kw, lang, i))
    plans = []
    for label in (P, N):
        items = out[label]
        random.Random(f"{SEED}:order:{label}").shuffle(items)
        for n, it in enumerate(items, 1):
            plans.append((f"{label}/{n:03d}",) + it)
    return plans


def generate_all(only=None):
    files, rows, meta = {}, [], {}
    for prefix, label, cat, func, kw, lang, i in plan():
        if only and not prefix.startswith(only):
            continue
        key = ",".join(f"{k}={v}" for k, v in sorted(kw.items()))
        rng = random.Random(f"{SEED}:{label}:{cat}:{func.__name__}:{key}:{i}")
        lg = lang if isinstance(lang, str) else ("fr" if rng.random() < lang else "en")
        w = W(rng, lg)
        w.path = prefix
        slug, msg = func(w, **kw)
        path = f"{prefix}-{slug}.eml"
        files[path] = B.with_crlf_check(msg)
        rows.append((path, label, cat))
        meta[path] = w
    return files, rows, meta


# ===========================================================================
# Self-checks: every message parses, every attachment decodes and opens, recorded
# identifiers and names are present in the decoded (non-pixel) content.
# ===========================================================================

def norm(b):
    if isinstance(b, bytes):
        b = b.decode("utf-8", errors="replace")
    return re.sub(r"[^A-Z0-9]", "", B.strip_accents(b).upper())


def rtf_to_text(data):
    s = data.decode("ascii")
    s = re.sub(r"\\'([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]).decode("cp1252"), s)
    s = re.sub(r"\\u(-?\d+)\??", lambda m: chr(int(m.group(1)) % 65536), s)
    s = re.sub(r"\\~", " ", s)
    s = re.sub(r"\\[a-z]+-?\d* ?", " ", s)
    return s.replace("{", "").replace("}", "")


def pdf_check(data):
    """Structure (xref offsets, incl. xref streams) and the text strings of a PDF."""
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF", data)
    assert m, "no startxref"
    xref = int(m.group(1))
    streams = []
    for sm in re.finditer(rb"<<([^\n]*?)/Length (\d+)([^\n]*?)>>\s*stream\r?\n", data):
        ln = int(sm.group(2))
        raw = data[sm.end():sm.end() + ln]
        assert data[sm.end() + ln:sm.end() + ln + 20].lstrip(b"\r\n").startswith(b"endstream"), "bad stream length"
        if b"FlateDecode" in sm.group(1) + sm.group(3):
            raw = zlib.decompress(raw)
        streams.append((sm.group(1) + sm.group(3), raw))
    if data[xref:xref + 4] == b"xref":
        for i, off in enumerate(re.findall(rb"(\d{10}) 00000 n", data[xref:xref + 20 * 5000])):
            assert re.match(rb"\d+ 0 obj", data[int(off):int(off) + 20]), f"bad xref entry {i}"
    else:
        hdr = data[xref:xref + 400]
        assert b"/Type /XRef" in hdr, "no xref stream"
        xs = [raw for d, raw in streams if b"/XRef" in d][0]
        for k in range(0, len(xs), 7):
            if xs[k] == 1:
                off = struct.unpack(">I", xs[k + 1:k + 5])[0]
                assert re.match(rb"\d+ 0 obj", data[off:off + 20]), "bad xref stream entry"
    blob = data + b"\n".join(raw for _, raw in streams if not raw[:2] == b"\xff\xd8")
    texts = []
    for hm in re.finditer(rb"<FEFF([0-9A-F]+)>", blob):
        texts.append(bytes.fromhex(hm.group(1).decode()).decode("utf-16-be"))
    for lm in re.finditer(rb"\((?:[^()\\]|\\.)*\)", blob):
        s = lm.group(0)[1:-1]
        s = re.sub(rb"\\([0-7]{3})", lambda x: bytes([int(x.group(1), 8)]), s)
        s = re.sub(rb"\\(.)", rb"\1", s)
        texts.append(s.decode("latin-1"))
    return "\n".join(texts), streams


def guess_unicode(data):
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc)
    if len(data) > 8 and data[0] == 0 and data[1] == 0:
        return data.decode("utf-32-be")
    if len(data) > 8 and data[1:4] == b"\x00\x00\x00":
        return data.decode("utf-32-le")
    if len(data) > 8 and data[0] == 0:
        return data.decode("utf-16-be")
    if len(data) > 8 and data[1] == 0:
        return data.decode("utf-16-le")
    return None


IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


def open_image(data, info):
    im = Image.open(io.BytesIO(data))
    n = getattr(im, "n_frames", 1)
    for k in range(n):
        im.seek(k)
        im.load()
    info.setdefault("images", []).append((im.format, im.size, n))
    if im.format == "JPEG":
        o = im.getexif().get(0x0112)
        if o in (6, 8):
            up = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
            assert im.size[0] > im.size[1] and up.size[1] > up.size[0], "EXIF orientation does not give an upright page"
            info.setdefault("exif", []).append(o)
    if im.format == "TIFF":
        assert im.info.get("compression") == "group4" and im.mode == "1", "fax TIFF must be 1-bit group4"


def extract(data, name, info, depth=0):
    """Return the decodable text of one attachment; opens images, archives and documents."""
    assert depth < 4
    if data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        open_image(data, info)
        return ""
    if data[:2] == b"PK":
        out = []
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
            names = z.namelist()
            assert "[Content_Types].xml" in names and "_rels/.rels" in names
            for n in names:
                member = z.read(n)
                if n.endswith((".xml", ".rels", ".vml")):
                    ET.fromstring(member)
                    out.append(html.unescape(re.sub(r"<[^>]+>", " ", member.decode("utf-8"))))
                elif member.startswith(IMAGE_MAGIC):
                    open_image(member, info)
            if "word/document.xml" in names:
                doc = z.read("word/document.xml").decode("utf-8")
                for rid in re.findall(r'r:embed="([^"]+)"', doc):
                    assert rid in z.read("word/_rels/document.xml.rels").decode("utf-8")
        info.setdefault("kinds", []).append("ooxml")
        return "\n".join(out)
    if data.startswith(b"%PDF"):
        text, streams = pdf_check(data)
        imgs = [d for d, _ in streams if b"/Image" in d]
        info.setdefault("kinds", []).append("pdf-image" if imgs and b"/Font" not in data else "pdf")
        if imgs and b"/Font" not in data:
            for d, raw in streams:
                if b"/DCTDecode" in d:
                    open_image(raw, info)
        return text
    if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        _, streams = cfb_read(data)
        info.setdefault("kinds", []).append("ole")
        return "\n".join(d.decode("utf-16-le", errors="ignore") + "\n" + d.decode("latin-1") for _, d in streams)
    if data.startswith(b"{\\rtf1"):
        info.setdefault("kinds", []).append("rtf")
        return rtf_to_text(data)
    if data[:2] == b"\x1f\x8b":
        raw = gzip.decompress(data)
        info.setdefault("kinds", []).append("gzip")
        return extract(raw, name[:-3] if name.endswith(".gz") else name, info, depth + 1)
    if len(data) > 512 and data[257:262] == b"ustar":
        out = []
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            for m in t.getmembers():
                if m.isfile():
                    out.append(extract(t.extractfile(m).read(), m.name, info, depth + 1))
        info.setdefault("kinds", []).append("tar")
        return "\n".join(out)
    u = guess_unicode(data)
    if u is not None:
        info.setdefault("kinds", []).append("unicode")
        assert "\t" in u and "\r\n" in u
        return u
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def check_message(path, data):
    assert not re.search(rb"(?<!\r)\n", data), f"{path}: bare LF"
    for line in data.split(b"\r\n"):
        assert len(line) <= 998, f"{path}: line too long"
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg["subject"] is not None and msg["from"] is not None and msg["date"] is not None and msg["to"] is not None, path
    frm = msg["from"].addresses[0].addr_spec
    to = msg["to"].addresses[0].addr_spec
    assert frm.split("@")[1] in {h["domain"] for h in HOSPITALS}, (path, frm)
    assert to.split("@")[1] != frm.split("@")[1], (path, "recipient not outside")
    info, hay, body = {}, [str(msg["subject"])], []
    n_att = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if part.get_content_maintype() == "text" and not part.get_filename():
            txt = part.get_content()
            body.append(txt)
            continue
        payload = part.get_payload(decode=True)
        assert payload, f"{path}: empty part"
        n_att += 1
        hay.append(extract(payload, part.get_filename() or "", info))
        if ctype == "image/png":
            assert payload.startswith(b"\x89PNG")
        if part.get("Content-ID"):
            cid = part["Content-ID"].strip("<>")
            assert any(f"cid:{cid}" in b for b in body), f"{path}: unreferenced cid"
    assert n_att >= 1, f"{path}: no attachment"
    return norm("\n".join(hay)), norm("\n".join(body)), info


def self_check(files, rows, meta):
    total = sum(len(v) for v in files.values())
    assert total < MAX_TOTAL, f"corpus too large: {total}"
    counts = {}
    for path, label, cat in rows:
        w = meta[path]
        counts[(label, cat)] = counts.get((label, cat), 0) + 1
        hay, body, info = check_message(path, files[path])
        if label == P:
            for kind, value, expected in w.ids:
                assert B.nam_valid(value) == expected, (path, value)
            if w.image_only:
                assert w.image_needles and any(n for _, n in w.image_needles), f"{path}: no OCR needles"
            else:
                for kind, value, _ in w.ids:
                    assert norm(value) in hay, (path, kind, value)
                assert w.names, f"{path}: no patient name recorded"
                for nm in w.names:
                    assert norm(nm) in hay, (path, nm)
            for _, value, _ in w.ids:
                assert norm(value) not in body, (path, "identifier in the body")
            for nm in w.names:
                assert norm(nm) not in norm(str(email.message_from_bytes(files[path], policy=email.policy.default)["subject"])), (path, "name in subject")
        else:
            assert not w.ids, path
            for kind, value in w.neg_checks:
                if kind == "impossible":
                    assert not B.nam_date_possible(value), (path, value)
                elif kind == "luhn_fail":
                    assert not B.luhn_ok(value), (path, value)
                elif kind in ("luhn_valid_order", "bn"):
                    assert B.luhn_ok(value), (path, value)
                elif kind == "published_sample":
                    assert B.nam_valid(value), (path, value)
    return total, counts


# ===========================================================================
# OCR (optional): is the text in the pixels legible to Tesseract?
# ===========================================================================

def ocr_report(rows, meta):
    res = {}
    with tempfile.TemporaryDirectory(prefix="forms-ocr-") as tmp:
        for path, label, cat in rows:
            w = meta[path]
            if label != P or not w.image_needles:
                continue
            texts = []
            for k, (data, needles) in enumerate(w.image_needles):
                im = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
                f = os.path.join(tmp, f"i{k}.png")
                im.save(f)
                out = subprocess.run(["tesseract", f, "-", "-l", "fra+eng"], capture_output=True, timeout=300).stdout
                texts.append(norm(out))
            allt = "".join(texts)
            needles = sorted({n for _, ns in w.image_needles for n in ns})
            found = [n for n in needles if norm(n) in allt]
            res[path] = (cat, needles, found)
            print(f"  OCR {path}: {len(found)}/{len(needles)} {'' if len(found) == len(needles) else 'missing ' + str(sorted(set(needles) - set(found)))}")
    by = {}
    for cat, needles, found in res.values():
        a, b, c = by.get(cat, (0, 0, 0))
        by[cat] = (a + 1, b + (1 if found else 0), c + (1 if len(found) == len(needles) else 0))
    for cat, (n, some, allf) in sorted(by.items()):
        print(f"OCR {cat:<18} messages {n}: some needle read {some}, all needles read {allf}")


# ===========================================================================
# Main
# ===========================================================================

def main():
    args = sys.argv[1:]
    check = "--check" in args
    if check or "--reuse-legacy" in args:
        Legacy.reuse = True
        Legacy.load_disk()
    t0 = time.time()
    files, rows, meta = generate_all()
    total, counts = self_check(files, rows, meta)
    labels_csv = "file,label,category\n" + "".join(f"{p},{l},{c}\n" for p, l, c in rows)
    if check:
        bad = []
        on_disk = set()
        for label in (P, N):
            d = os.path.join(HERE, label)
            on_disk |= {f"{label}/{f}" for f in os.listdir(d)} if os.path.isdir(d) else set()
        for path, data in files.items():
            full = os.path.join(HERE, path)
            if not os.path.exists(full):
                bad.append(f"missing {path}")
                continue
            with open(full, "rb") as f:
                if f.read() != data:
                    bad.append(f"differs {path}")
        bad += [f"extra {p}" for p in sorted(on_disk - set(files))]
        with open(os.path.join(HERE, "labels.csv"), encoding="utf-8") as f:
            if f.read() != labels_csv:
                bad.append("differs labels.csv")
        if bad:
            print("\n".join(bad))
            print(f"CHECK FAILED: {len(bad)} problem(s)")
            sys.exit(1)
        print(f"check OK: {len(files)} messages and labels.csv match the disk ({total} bytes)")
    else:
        for d in (P, N):
            shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
            os.makedirs(os.path.join(HERE, d))
        for path, data in files.items():
            with open(os.path.join(HERE, path), "wb") as f:
                f.write(data)
        with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(labels_csv)
        print(f"wrote {len(files)} messages, {total} bytes in {time.time() - t0:.0f} s")
    for (label, cat), n in sorted(counts.items()):
        print(f"  {label:<9} {cat:<18} {n}")
    if "--ocr" in args:
        ocr_report(rows, meta)


if __name__ == "__main__":
    main()
