#!/usr/bin/env python3
"""Generate the held-out "forms-next" corpus (tenth author).

Everything here is invented.  Run from the repository root:
    python3 tests/holdout/forms-next/generate.py
Output is deterministic (fixed seed, fixed dates, boundaries and archive
timestamps; LibreOffice is run with SOURCE_DATE_EPOCH).
"""
import base64
import binascii
import datetime
import gzip
import hashlib
import io
import lzma
import os
import quopri
import random
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 100610
R = random.Random(SEED)
FIXED_EPOCH = 1718100000  # 2024-06-11, used for SOURCE_DATE_EPOCH / archive times
FIXED_TUPLE = (2024, 6, 11, 9, 30, 0)

# ---------------------------------------------------------------------------
# Fake people and identifiers
# ---------------------------------------------------------------------------
FEM = ["Gabrielle", "Hélène", "Marie-Ève", "Josée", "Lucie", "Élise", "Chantal",
       "Ginette", "Nathalie", "Sarah", "Emily", "Amélie", "Françoise", "Rose",
       "Océane", "Linda", "Karen", "Manon", "Solange", "Jennifer", "Aïcha", "Thi Lan"]
MASC = ["Gérard", "Jean-François", "Réjean", "Luc", "André", "Stéphane", "Michel",
        "Yves", "Benoît", "Mathieu", "David", "Robert", "Kevin", "Éric", "Normand",
        "Gaétan", "Patrick", "James", "Olivier", "Karim", "Denis", "Ahmed"]
SURN = ["Tremblay", "Gagnon", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
        "Fortin", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
        "D'Amours", "St-Pierre", "Lê", "O'Connor", "MacDonald", "Ng", "Béland",
        "Thériault", "Poirier", "Desjardins", "Lapointe", "Gervais-Roy", "De la Fontaine",
        "Nadeau", "Boucher", "Caron", "Smith", "Wilson", "Brunelle", "Hébert", "Lussier",
        "Paquette", "Vaillancourt", "Roy", "Girard", "Fournier", "Picard", "Beaulieu"]
STAFF_GIVEN = ["Julie", "Catherine", "Sophie", "Marc", "Philippe", "Valérie", "Annie",
               "Sylvain", "Isabelle", "Martin", "Karine", "Simon", "Mélanie", "Daniel"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MON3 = ["JAN", "FEV", "MAR", "AVR", "MAI", "JUN", "JUL", "AOU", "SEP", "OCT", "NOV", "DEC"]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def nam_letters(surname, given):
    s = "".join(c for c in strip_accents(surname).upper() if c.isalpha())
    g = "".join(c for c in strip_accents(given).upper() if c.isalpha())
    return (s + "XXX")[:3] + g[0]


class Person:
    def __init__(self, rng, sex=None, year_range=(1931, 2019)):
        self.sex = sex or rng.choice("FM")
        self.given = rng.choice(FEM if self.sex == "F" else MASC)
        self.surname = rng.choice(SURN)
        y = rng.randint(*year_range)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        self.dob = datetime.date(y, m, d)
        self.tail = rng.randint(10, 99)
        mm = m + (50 if self.sex == "F" else 0)
        self.nam = "%s%02d%02d%02d%02d" % (nam_letters(self.surname, self.given), y % 100, mm, d, self.tail)
        digits = rng.choice([6, 7, 7, 8])
        num = "".join(str(rng.randint(0, 9)) for _ in range(digits))
        self.mrn_raw = num
        pref = rng.choice(["", "", "", "H", "CH-", "M", "S"])
        self.mrn = pref + num
        self.phone = "(%s) 555-%04d" % (rng.choice(["514", "450", "819", "418", "438"]), rng.randint(100, 9999))
        self.age = 2024 - y - (1 if (m, d) > (6, 11) else 0)

    def renam(self):
        y, m, d = self.dob.year, self.dob.month, self.dob.day
        mm = m + (50 if self.sex == "F" else 0)
        self.nam = "%s%02d%02d%02d%02d" % (nam_letters(self.surname, self.given), y % 100, mm, d, self.tail)

    @property
    def name(self):
        return "%s %s" % (self.given, self.surname)

    @property
    def name_inv(self):
        return "%s, %s" % (self.surname.upper(), self.given)

    def nam_fmt(self, style=None, rng=None):
        n = self.nam
        style = style if style is not None else (rng or R).randint(0, 4)
        if style == 0:
            return "%s %s %s" % (n[:4], n[4:8], n[8:])
        if style == 1:
            return n
        if style == 2:
            return "%s-%s-%s" % (n[:4], n[4:8], n[8:])
        if style == 3:
            return "%s %s %s %s %s" % (n[:4], n[4:6], n[6:8], n[8:10], n[10:])
        return "%s %s %s" % (n[:4], n[4:8], n[8:])

    def dob_fmt(self, style=None, rng=None, lang="fr"):
        d = self.dob
        style = style if style is not None else (rng or R).randint(0, 6)
        if style == 0:
            return d.isoformat()
        if style == 1:
            return d.strftime("%d/%m/%Y")
        if style == 2:
            return ("%d %s %d" % (d.day, MONTHS_FR[d.month - 1], d.year)) if lang == "fr" else \
                ("%s %d, %d" % (MONTHS_EN[d.month - 1], d.day, d.year))
        if style == 3:
            return d.strftime("%Y/%m/%d")
        if style == 4:
            return "%02d-%s-%d" % (d.day, MON3[d.month - 1], d.year)
        if style == 5:
            return d.strftime("%Y.%m.%d")
        return ("%s %d, %d" % (MONTHS_EN[d.month - 1], d.day, d.year)) if lang == "en" else d.strftime("%d-%m-%Y")


def staff_name(rng):
    return "%s %s" % (rng.choice(STAFF_GIVEN), rng.choice(SURN))


def emp_no(rng):
    return "%06d" % rng.randint(100000, 999999)


def lookalike_code(rng):
    """Product-like codes shaped like a NAM (4 letters + 8 digits)."""
    p = rng.choice(["MEDL", "SURG", "CATH", "GANT", "SERI", "PANS", "BDXX", "STRK", "CARD", "OXYM"])
    return "%s %04d %04d" % (p, rng.randint(1000, 9999), rng.randint(1000, 9999))


def din(rng):
    return "%08d" % rng.randint(2000000, 2499999)


# Clinical vocabulary ---------------------------------------------------------
DX_FR = ["insuffisance cardiaque décompensée", "diabète de type 2 mal contrôlé", "MPOC exacerbée",
         "pneumonie communautaire", "fibrillation auriculaire paroxystique", "néoplasie pulmonaire (adénocarcinome)",
         "insuffisance rénale chronique stade 3b", "dépression majeure", "cellulite du membre inférieur droit",
         "fracture de la hanche gauche", "AVC ischémique sylvien gauche", "sclérose en plaques",
         "cirrhose hépatique", "pancréatite aiguë", "hypothyroïdie", "lupus érythémateux disséminé"]
DX_EN = ["congestive heart failure", "poorly controlled type 2 diabetes", "COPD exacerbation",
         "community-acquired pneumonia", "paroxysmal atrial fibrillation", "stage III breast cancer",
         "chronic kidney disease stage 3b", "major depressive disorder", "right lower leg cellulitis",
         "left hip fracture", "acute ischemic stroke", "multiple sclerosis relapse", "alcoholic cirrhosis",
         "acute pancreatitis", "hypothyroidism", "HIV infection on ART"]
MEDS = [("Metformine", "500 mg PO BID"), ("Furosémide", "40 mg PO DIE"), ("Apixaban", "5 mg PO BID"),
        ("Atorvastatine", "40 mg PO HS"), ("Salbutamol", "100 mcg 2 inh QID PRN"), ("Lévothyroxine", "88 mcg PO DIE"),
        ("Ramipril", "5 mg PO DIE"), ("Bisoprolol", "2,5 mg PO DIE"), ("Sertraline", "50 mg PO DIE"),
        ("Insuline glargine", "22 U SC HS"), ("Hydromorphone", "1 mg PO q4h PRN"), ("Prednisone", "40 mg PO DIE x 5 j"),
        ("Amoxicilline-clavulanate", "875 mg PO BID x 7 j"), ("Pantoprazole", "40 mg PO DIE"), ("Quétiapine", "25 mg PO HS")]
LABS = [("Hémoglobine", "g/L", 120, 160), ("Leucocytes", "x10^9/L", 4.0, 11.0), ("Plaquettes", "x10^9/L", 150, 400),
        ("Sodium", "mmol/L", 135, 145), ("Potassium", "mmol/L", 3.5, 5.0), ("Créatinine", "µmol/L", 50, 110),
        ("Glucose", "mmol/L", 4.0, 7.0), ("HbA1c", "%", 4.0, 6.0), ("TSH", "mUI/L", 0.4, 4.0),
        ("Troponine T hs", "ng/L", 0, 14), ("BNP", "pg/mL", 0, 100), ("INR", "", 0.9, 1.2), ("CRP", "mg/L", 0, 5)]
UNITS = ["Médecine interne 6e", "Cardiologie 4e Nord", "Chirurgie 7e", "Gériatrie 3e Sud", "Soins intensifs",
         "Urgence", "Oncologie 9e", "Néphrologie 5e", "Pédiatrie 2e", "Psychiatrie 8e"]
SITES = [("Centre hospitalier universitaire de Montréal (fictif)", "1000, rue Fictive, Montréal (Québec) H2X 0A9"),
         ("Hôpital Sainte-Clothilde-des-Érables", "455, boul. des Érables, Laval (Québec) H7N 0Z0"),
         ("CIUSSS de la Vallée-Verte — Hôpital régional", "12, rue Principale, Saint-Jérôme (Québec) J7Z 0X1"),
         ("Hôpital général Mont-Royal (fictitious)", "3800 Fictional Ave, Montreal, QC H3A 0Z9"),
         ("Centre de santé Rivière-aux-Outardes", "77, rue du Fleuve, Baie-Comeau (Québec) G4Z 0B2"),
         ("CHU de l'Estrie-Sud (fictif)", "300, rue King O., Sherbrooke (Québec) J1H 0A0")]


def lab_rows(rng, n=7):
    rows = []
    for name, unit, lo, hi in rng.sample(LABS, n):
        span = hi - lo
        v = lo + span * rng.uniform(-0.35, 1.5)
        flag = "H" if v > hi else ("L" if v < lo else "")
        if isinstance(lo, int) and isinstance(hi, int) and hi > 20:
            vs = "%d" % round(v)
        else:
            vs = ("%.1f" % v).replace(".", ",")
        ref = ("%s-%s" % (lo, hi)).replace(".", ",")
        rows.append([name, vs, flag, unit, ref])
    return rows


# ---------------------------------------------------------------------------
# MIME writer (hand-written so every byte is under control)
# ---------------------------------------------------------------------------
CRLF = b"\r\n"


def b64lines(data):
    s = base64.b64encode(data)
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76)) + CRLF


def qp(data):
    out = quopri.encodestring(data, quotetabs=False)
    out = out.replace(b"\r\n", b"\n").replace(b"\n", CRLF)
    if not out.endswith(CRLF):
        out += CRLF
    return out


def enc_word(text, charset="utf-8", mode="B"):
    """RFC 2047 encoded-words, split so each word stays <= 75 chars."""
    words = []
    raw = text
    chunk = ""
    pieces = []
    for ch in raw:
        trial = chunk + ch
        b = trial.encode(charset)
        ln = len(base64.b64encode(b)) if mode == "B" else len(_qenc(b))
        if ln > 75 - len(charset) - 7 and chunk:
            pieces.append(chunk)
            chunk = ch
        else:
            chunk = trial
    if chunk:
        pieces.append(chunk)
    for p in pieces:
        b = p.encode(charset)
        if mode == "B":
            words.append("=?%s?B?%s?=" % (charset, base64.b64encode(b).decode()))
        else:
            words.append("=?%s?Q?%s?=" % (charset, _qenc(b)))
    return "\r\n ".join(words)


def _qenc(b):
    out = []
    for c in b:
        if c == 0x20:
            out.append("_")
        elif (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c in b"!*+-/":
            out.append(chr(c))
        else:
            out.append("=%02X" % c)
    return "".join(out)


def hdr_text(text):
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return enc_word(text, "utf-8", "Q")


class Part:
    def __init__(self, ctype, data=b"", cte="base64", params=None, disp=None, filename=None,
                 cid=None, extra=None, children=None, boundary=None, fn_style="plain"):
        self.ctype, self.data, self.cte = ctype, data, cte
        self.params = params or []
        self.disp, self.filename, self.cid = disp, filename, cid
        self.extra = extra or []
        self.children = children
        self.boundary = boundary
        self.fn_style = fn_style

    def render(self):
        h = []
        if self.filename and self.fn_style == "plain" and not self.filename.isascii():
            self.fn_style = "rfc2231"
        ct = self.ctype
        for k, v in self.params:
            ct += ';\r\n\t%s="%s"' % (k, v) if not k.endswith("*") else ";\r\n\t%s=%s" % (k, v)
        if self.children is not None:
            ct += ';\r\n\tboundary="%s"' % self.boundary
        if self.filename and self.fn_style in ("plain", "both2047", "rfc2231"):
            fn = self.filename if self.fn_style == "plain" else enc_word(self.filename, "utf-8", "B")
            ct += ';\r\n\tname="%s"' % fn
        h.append("Content-Type: " + ct)
        if self.children is None:
            h.append("Content-Transfer-Encoding: " + self.cte)
        if self.cid:
            h.append("Content-ID: <%s>" % self.cid)
        if self.disp:
            d = self.disp
            if self.filename:
                d += _fn_param(self.filename, self.fn_style)
            h.append("Content-Disposition: " + d)
        h.extend(self.extra)
        head = CRLF.join(x.encode("ascii") for x in h) + CRLF + CRLF
        if self.children is not None:
            body = b"This is a multi-part message in MIME format." + CRLF + CRLF
            for c in self.children:
                body += b"--" + self.boundary.encode() + CRLF + c.render() + CRLF
            body += b"--" + self.boundary.encode() + b"--" + CRLF
            return head + body
        if self.cte == "base64":
            body = b64lines(self.data)
        elif self.cte == "quoted-printable":
            body = qp(self.data)
        else:
            d = self.data.replace(b"\r\n", b"\n").replace(b"\n", CRLF)
            body = d if d.endswith(CRLF) else d + CRLF
        return head + body


def _fn_param(fn, style):
    try:
        fn.encode("ascii")
        ascii_ok = True
    except UnicodeEncodeError:
        ascii_ok = False
    if style == "plain" or (ascii_ok and style != "rfc2231cont"):
        return ';\r\n\tfilename="%s"' % fn
    if style == "both2047":
        return ';\r\n\tfilename="%s"' % enc_word(fn, "utf-8", "B")
    enc = "".join(ch if (ch.isascii() and (ch.isalnum() or ch in "-_.")) else
                  "".join("%%%02X" % b for b in ch.encode("utf-8")) for ch in fn)
    if style == "rfc2231":
        return ";\r\n\tfilename*=utf-8''%s" % enc
    # continuations
    parts = []
    i = 0
    while enc:
        cut = 40
        while cut < len(enc) and enc[cut - 1] == "%" or (cut < len(enc) and cut >= 2 and enc[cut - 2] == "%"):
            cut += 1
        seg, enc = enc[:cut], enc[cut:]
        parts.append(";\r\n\tfilename*%d*=%s%s" % (i, "utf-8''" if i == 0 else "", seg))
        i += 1
    return "".join(parts)


DOMAINS_FROM = ["ssss.gouv.qc.ca", "chum.test", "chus.test", "ciusss-vv.test", "hgmr.test", "csrao.test"]
DOMAINS_TO = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.ca", "videotron.ca", "icloud.com", "protonmail.com"]


def sender(rng):
    g = rng.choice(STAFF_GIVEN)
    s = rng.choice(SURN)
    title = rng.choice(["Dre ", "Dr ", "Dr. ", ""])
    local = strip_accents("%s.%s" % (g, s)).lower().replace(" ", "").replace("'", "")
    dom = rng.choice(DOMAINS_FROM)
    if dom == "ssss.gouv.qc.ca":
        local += "." + rng.choice(["chum", "ciussscn", "cisssmo", "ciusssmcq"])
    return "%s%s %s" % (title, g, s), "%s@%s" % (local, dom)


def recipient(rng):
    g = rng.choice(FEM + MASC)
    s = rng.choice(SURN)
    local = strip_accents(g[0] + s).lower().replace(" ", "").replace("'", "").replace("-", "")
    return "%s %s" % (g, s), "%s%d@%s" % (local, rng.randint(1, 99), rng.choice(DOMAINS_TO))


def addr(name, email):
    try:
        name.encode("ascii")
        return '"%s" <%s>' % (name, email)
    except UnicodeEncodeError:
        return "%s <%s>" % (enc_word(name, "utf-8", "Q"), email)


BASE_DATE = datetime.datetime(2024, 6, 3, 8, 5, 0)


def build_eml(idx, subject, root, rng, subject_raw=None, extra_headers=None):
    fn, fe = sender(rng)
    tn, te = recipient(rng)
    dt = BASE_DATE + datetime.timedelta(minutes=idx * 97 + rng.randint(0, 50))
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    mons = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    date = "%s, %d %s %d %02d:%02d:%02d -0400" % (days[dt.weekday()], dt.day, mons[dt.month - 1], dt.year,
                                                  dt.hour, dt.minute, dt.second)
    mid = hashlib.sha1(("mid-%d-%s" % (idx, subject)).encode()).hexdigest()
    dom = fe.split("@")[1]
    h = ["From: " + addr(fn, fe), "To: " + addr(tn, te),
         "Subject: " + (subject_raw if subject_raw is not None else hdr_text(subject)),
         "Date: " + date, "Message-ID: <%s.%s@%s>" % (mid[:12].upper(), mid[12:20], dom),
         "MIME-Version: 1.0"]
    h.extend(extra_headers or [])
    if rng.random() < 0.5:
        h.append("X-Mailer: Microsoft Outlook 16.0")
    head = CRLF.join(x.encode("ascii") for x in h) + CRLF
    return head + root.render()


_bcount = [0]


def boundary(tag="mix"):
    _bcount[0] += 1
    return "----=_NextPart_%03d_%04X_%s" % (_bcount[0], (_bcount[0] * 7919) & 0xFFFF, "01DAB1C2.3F4E5A60")


def text_part(text, charset="utf-8", cte="quoted-printable", subtype="plain"):
    return Part("text/%s" % subtype, text.encode(charset), cte, [("charset", charset)])


def mixed(*parts, sub="mixed"):
    return Part("multipart/" + sub, children=list(parts), boundary=boundary())


def attach(data, ctype, filename, cte="base64", fn_style="plain", params=None):
    return Part(ctype, data, cte, params=params, disp="attachment", filename=filename, fn_style=fn_style)


def html_wrap(inner):
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style>p{margin:0;font-family:Calibri,sans-serif;font-size:11pt}</style></head>'
            '<body lang="FR-CA">%s</body></html>' % inner)


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------
# Fonts and drawing helpers
# ---------------------------------------------------------------------------
FD = "/usr/share/fonts/truetype/dejavu/"
_fonts = {}


def F(size, style="sans"):
    key = (size, style)
    if key not in _fonts:
        fn = {"sans": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf",
              "serifb": "DejaVuSerif-Bold.ttf", "mono": "DejaVuSansMono.ttf", "cond": "DejaVuSansCondensed.ttf",
              "condb": "DejaVuSansCondensed-Bold.ttf", "ital": "DejaVuSans-Oblique.ttf",
              "monob": "DejaVuSansMono-Bold.ttf"}[style]
        _fonts[key] = ImageFont.truetype(FD + fn, size)
    return _fonts[key]


def tw(draw, text, font):
    return draw.textlength(text, font=font)


def wrap(draw, text, font, width):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if tw(draw, t, font) <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def draw_table(d, x, y, cols, rows, font, hfont, widths, rowh, header_fill=(225, 230, 240),
               grid=(170, 170, 170), zebra=None, ink=(0, 0, 0), flag_col=None):
    total = sum(widths)
    d.rectangle([x, y, x + total, y + rowh], fill=header_fill, outline=grid)
    cx = x
    for c, w in zip(cols, widths):
        d.text((cx + 6, y + (rowh - hfont.size) // 2 - 1), c, font=hfont, fill=ink)
        cx += w
    yy = y + rowh
    for i, r in enumerate(rows):
        if zebra and i % 2:
            d.rectangle([x, yy, x + total, yy + rowh], fill=zebra)
        cx = x
        for j, (c, w) in enumerate(zip(r, widths)):
            col = ink
            if flag_col is not None and j == flag_col and c:
                col = (200, 0, 0)
            d.text((cx + 6, yy + (rowh - font.size) // 2 - 1), str(c), font=font, fill=col)
            cx += w
        d.line([x, yy + rowh, x + total, yy + rowh], fill=grid)
        yy += rowh
    cx = x
    for w in widths:
        d.line([cx, y, cx, yy], fill=grid)
        cx += w
    d.line([cx, y, cx, yy], fill=grid)
    return yy


# ---------------------------------------------------------------------------
# Paper documents (rendered to images: scans, faxes, scanned PDFs, pictures)
# ---------------------------------------------------------------------------
def render_page(elems, dpi=150, size_in=(8.5, 11), serif=False, margin_in=0.8):
    W, H = int(size_in[0] * dpi), int(size_in[1] * dpi)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    pt = lambda p: max(8, int(round(p * dpi / 72.0)))
    base = "serif" if serif else "sans"
    bold = "serifb" if serif else "bold"
    m = int(margin_in * dpi)
    y = m
    for e in elems:
        kind = e[0]
        if kind == "header":
            _, name, address = e
            d.rectangle([m, y, m + pt(34), y + pt(34)], outline=0, width=max(2, pt(1.5)))
            d.text((m + pt(7), y + pt(5)), "H", font=F(pt(20), bold), fill=0)
            d.text((m + pt(44), y), name, font=F(pt(13), bold), fill=0)
            d.text((m + pt(44), y + pt(18)), address, font=F(pt(9), base), fill=0)
            y += pt(42)
            d.line([m, y, W - m, y], fill=0, width=max(1, pt(1)))
            y += pt(10)
        elif kind == "title":
            f = F(pt(e[2] if len(e) > 2 else 15), bold)
            t = e[1]
            d.text(((W - tw(d, t, f)) // 2, y), t, font=f, fill=0)
            y += int(f.size * 1.7)
        elif kind == "kv":
            f = F(pt(11), base)
            fb = F(pt(11), bold)
            pairs = e[1]
            cols = e[2] if len(e) > 2 else 2
            colw = (W - 2 * m) // cols
            for i in range(0, len(pairs), cols):
                for j, (k, v) in enumerate(pairs[i:i + cols]):
                    x = m + j * colw
                    d.text((x, y), k + " :", font=fb, fill=0)
                    kx = x + tw(d, k + " : ", fb)
                    if v is None:
                        d.line([kx, y + f.size + 2, x + colw - pt(10), y + f.size + 2], fill=0, width=1)
                    else:
                        d.text((kx, y), v, font=f, fill=0)
                y += int(f.size * 1.75)
            y += pt(4)
        elif kind == "p":
            f = F(pt(e[2] if len(e) > 2 else 11), base)
            for line in wrap(d, e[1], f, W - 2 * m):
                d.text((m, y), line, font=f, fill=0)
                y += int(f.size * 1.45)
            y += pt(6)
        elif kind == "h":
            f = F(pt(12), bold)
            d.text((m, y), e[1], font=f, fill=0)
            y += int(f.size * 1.6)
        elif kind == "table":
            _, cols, rows, fr = e
            f = F(pt(10), base)
            fb = F(pt(10), bold)
            tot = W - 2 * m
            widths = [int(tot * x) for x in fr]
            y = draw_table(d, m, y, cols, rows, f, fb, widths, int(f.size * 1.8), header_fill=225,
                           grid=80, ink=0) + pt(10)
        elif kind == "lines":
            f = F(pt(11), base)
            for ln in e[1]:
                d.text((m, y), ln, font=f, fill=0)
                y += int(f.size * 1.5)
            y += pt(4)
        elif kind == "check":
            f = F(pt(11), base)
            x = m
            for lab, on in e[1]:
                s = pt(10)
                d.rectangle([x, y + 2, x + s, y + 2 + s], outline=0, width=2)
                if on:
                    d.line([x + 2, y + 4, x + s - 2, y + s], fill=0, width=3)
                    d.line([x + s - 2, y + 4, x + 2, y + s], fill=0, width=3)
                d.text((x + s + pt(5), y), lab, font=f, fill=0)
                x += s + pt(10) + tw(d, lab, f) + pt(18)
            y += int(f.size * 1.9)
        elif kind == "sig":
            f = F(pt(11), base)
            y += pt(16)
            # scribble
            pts = []
            x0 = m + pt(10)
            for i in range(24):
                pts.append((x0 + i * pt(6), y - pt(8) + (pt(7) if i % 3 == 0 else -pt(4) if i % 3 == 1 else 0)))
            d.line(pts, fill=0, width=2)
            d.line([m, y + pt(4), m + pt(220), y + pt(4)], fill=0, width=1)
            d.text((m, y + pt(8)), e[1], font=f, fill=0)
            y += pt(34)
        elif kind == "space":
            y += pt(e[1])
        elif kind == "hand":
            # hand-like annotation (oblique font)
            f = F(pt(13), "ital")
            d.text((m + pt(e[2] if len(e) > 2 else 20), y), e[1], font=f, fill=0)
            y += int(f.size * 1.6)
        elif kind == "footer":
            f = F(pt(8), base)
            d.text((m, H - m // 2 - f.size), e[1], font=f, fill=0)
    return img


def faxheader(img, text, dpi):
    d = ImageDraw.Draw(img)
    f = F(max(10, int(9 * dpi / 72)), "mono")
    d.text((int(0.25 * dpi), int(0.08 * dpi)), text, font=f, fill=0)
    return img


def noise_img(rng, size, amp):
    w, h = size
    n = Image.frombytes("L", size, rng.randbytes(w * h))
    return n.point(lambda v: 128 + (v - 128) * amp // 128)


def photoize(page, rng, skew=None, quality=72, light=True, bg=(96, 88, 76), noise=7, blur=0.7, scale=1.0):
    img = page.convert("RGB")
    if scale != 1.0:
        img = img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)
    # slightly off-white paper
    paper = Image.new("RGB", img.size, (246, 243, 236))
    img = ImageChops.multiply(img, paper)
    pad = int(img.width * 0.05)
    canvas = Image.new("RGB", (img.width + 2 * pad, img.height + 2 * pad), bg)
    canvas.paste(img, (pad, pad))
    ang = skew if skew is not None else rng.uniform(-2.5, 2.5)
    canvas = canvas.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=bg)
    if light:
        w, h = canvas.size
        g = Image.linear_gradient("L")
        if rng.random() < 0.5:
            g = g.transpose(Image.Transpose.ROTATE_90)
        g = g.resize((w, h))
        g = g.point(lambda v: 255 - v * rng.choice([70, 90, 60]) // 255)
        canvas = ImageChops.multiply(canvas, Image.merge("RGB", (g, g, g)))
    if noise:
        n = noise_img(rng, canvas.size, noise)
        canvas = ImageChops.add(canvas, Image.merge("RGB", (n, n, n)), 1.0, -128)
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    return canvas


def jpeg_bytes(img, quality=72, orientation=None, dpi=None):
    out = io.BytesIO()
    kw = {"quality": quality, "optimize": True}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if orientation:
        ex = Image.Exif()
        ex[0x0112] = orientation
        ex[0x010F] = "FictiPhone"
        ex[0x0110] = "Model X2"
        kw["exif"] = ex.tobytes()
    img.save(out, "JPEG", **kw)
    return out.getvalue()


def stored_for_orientation(img, orientation):
    """Return the pixel data a camera would store so that EXIF `orientation` displays upright."""
    if orientation == 6:
        return img.transpose(Image.Transpose.ROTATE_90)
    if orientation == 8:
        return img.transpose(Image.Transpose.ROTATE_270)
    if orientation == 3:
        return img.transpose(Image.Transpose.ROTATE_180)
    return img


def png_bytes(img, quant=False):
    if quant:
        img = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


# ---------------------------------------------------------------------------
# PDF writer
# ---------------------------------------------------------------------------
def pdf_lit(s):
    if isinstance(s, str):
        s = s.encode("latin-1")
    out = b"("
    for c in s:
        ch = bytes([c])
        if ch in b"()\\":
            out += b"\\" + ch
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out += ch
    return out + b")"


def pdf_utf16(s):
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


class PDF:
    def __init__(self):
        self.objs = []  # (num, body-bytes or (dict, stream))

    def reserve(self):
        self.objs.append(None)
        return len(self.objs)

    def set(self, num, body, stream=None):
        self.objs[num - 1] = (body, stream)

    def add(self, body, stream=None):
        n = self.reserve()
        self.set(n, body, stream)
        return n

    def stream_obj(self, dict_inner, data, compress=False):
        if compress:
            data = zlib.compress(data, 9)
            dict_inner += b" /Filter /FlateDecode"
        return b"<< " + dict_inner + b" /Length %d >>" % len(data), data

    def write(self, root, info=None, objstm=False):
        out = io.BytesIO()
        out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" if objstm else b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        n = len(self.objs)
        fid = hashlib.md5(b"".join((o[0] + (o[1] or b"")) for o in self.objs)).hexdigest().upper().encode()
        if not objstm:
            offs = []
            for i, (body, stream) in enumerate(self.objs, 1):
                offs.append(out.tell())
                out.write(b"%d 0 obj\n" % i + body)
                if stream is not None:
                    out.write(b"\nstream\n" + stream + b"\nendstream")
                out.write(b"\nendobj\n")
            xref = out.tell()
            out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (n + 1))
            for o in offs:
                out.write(b"%010d 00000 n \n" % o)
            tr = b"trailer\n<< /Size %d /Root %d 0 R" % (n + 1, root)
            if info:
                tr += b" /Info %d 0 R" % info
            tr += b" /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (fid, fid, xref)
            out.write(tr)
            return out.getvalue()
        # object stream + xref stream
        inside = [i for i, (b, s) in enumerate(self.objs, 1) if s is None]
        stm_num = n + 1
        xref_num = n + 2
        hdr, body = [], b""
        for i in inside:
            hdr.append(b"%d %d" % (i, len(body)))
            body += self.objs[i - 1][0] + b"\n"
        head = b" ".join(hdr) + b"\n"
        stm_data = zlib.compress(head + body, 9)
        entries = {}
        for idx, i in enumerate(inside):
            entries[i] = (2, stm_num, idx)
        for i, (b, s) in enumerate(self.objs, 1):
            if s is not None:
                entries[i] = (1, out.tell(), 0)
                out.write(b"%d 0 obj\n" % i + b + b"\nstream\n" + s + b"\nendstream\nendobj\n")
        entries[stm_num] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
                  % (stm_num, len(inside), len(head), len(stm_data)) + stm_data + b"\nendstream\nendobj\n")
        xref_off = out.tell()
        entries[xref_num] = (1, xref_off, 0)
        rows = b"\x00\x00\x00\x00\xff\xff"
        for i in range(1, xref_num + 1):
            t, a, b2 = entries[i]
            rows += bytes([t]) + struct.pack(">I", a) + struct.pack(">B", b2)
        data = zlib.compress(rows, 9)
        d = b"<< /Type /XRef /Size %d /W [1 4 1] /Root %d 0 R" % (xref_num + 1, root)
        if info:
            d += b" /Info %d 0 R" % info
        d += b" /ID [<%s><%s>] /Filter /FlateDecode /Length %d >>" % (fid, fid, len(data))
        out.write(b"%d 0 obj\n" % xref_num + d + b"\nstream\n" + data + b"\nendstream\nendobj\n")
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref_off)
        return out.getvalue()


def pdf_info(pdf, title, producer="Fictional Scan Station 4.2"):
    return pdf.add(b"<< /Title " + pdf_utf16(title) + b" /Producer " + pdf_lit(producer) +
                   b" /CreationDate (D:20240611093000-04'00') >>")


def image_pdf(pages, mode="jpeg", title="Numérisation"):
    """pages: list of PIL images; mode 'jpeg' (DCTDecode), 'bilevel' (Flate 1 bpc), 'grey' (Flate 8 bpc)."""
    pdf = PDF()
    cat = pdf.reserve()
    pages_n = pdf.reserve()
    kids = []
    for i, img in enumerate(pages):
        m = mode if isinstance(mode, str) else mode[i % len(mode)]
        wpt, hpt = 612, 792
        if m == "jpeg":
            g = img.convert("L") if img.mode in ("L", "1") else img.convert("RGB")
            bio = io.BytesIO()
            g.save(bio, "JPEG", quality=45)
            cs = b"/DeviceGray" if g.mode == "L" else b"/DeviceRGB"
            im = pdf.add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                         b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>" % (g.width, g.height, cs, len(bio.getvalue())),
                         bio.getvalue())
        elif m == "bilevel":
            b = img.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
            raw = b.tobytes()
            data = zlib.compress(raw, 9)
            im = pdf.add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 1 /Filter /FlateDecode /Length %d >>" % (b.width, b.height, len(data)), data)
        else:
            g = img.convert("L")
            data = zlib.compress(g.tobytes(), 9)
            im = pdf.add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>" % (g.width, g.height, len(data)), data)
        content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q\n" % (wpt, hpt)
        c = pdf.add(*pdf.stream_obj(b"", content, compress=(i % 2 == 0)))
        pg = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im0 %d 0 R >> >> "
                     b"/Contents %d 0 R >>" % (pages_n, wpt, hpt, im, c))
        kids.append(pg)
    pdf.set(pages_n, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    pdf.set(cat, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_n)
    info = pdf_info(pdf, title)
    return pdf.write(cat, info)


# ---------------------------------------------------------------------------
# OOXML writers
# ---------------------------------------------------------------------------
ZIP_DT = (2024, 6, 11, 9, 30, 0)


def zip_bytes(files, dt=ZIP_DT, compress=zipfile.ZIP_DEFLATED):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=dt)
            zi.compress_type = compress
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(zi, data)
    return bio.getvalue()


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = REL_NS + "/"


def core_xml(title, author="Service des archives"):
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-10T14:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-11T09:00:00Z</dcterms:modified>'
            '</cp:coreProperties>' % (xesc(title), xesc(author)))


def app_xml(app="Microsoft Office Word"):
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>%s</Application></Properties>' % app)


def rels(items):
    s = XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for rid, typ, tgt in items:
        s += '<Relationship Id="%s" Type="%s" Target="%s"/>' % (rid, typ if typ.startswith("http") else RT + typ, tgt)
    return s + "</Relationships>"


def ctypes(defaults, overrides):
    s = XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    for ext, ct in defaults:
        s += '<Default Extension="%s" ContentType="%s"/>' % (ext, ct)
    for pn, ct in overrides:
        s += '<Override PartName="%s" ContentType="%s"/>' % (pn, ct)
    return s + "</Types>"


def w_run(text, bold=False, size=None):
    rpr = ""
    if bold or size:
        rpr = "<w:rPr>%s%s</w:rPr>" % ("<w:b/>" if bold else "", '<w:sz w:val="%d"/>' % size if size else "")
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, xesc(text))


def w_p(text="", bold=False, size=None, runs=None, align=None):
    ppr = '<w:pPr><w:jc w:val="%s"/></w:pPr>' % align if align else ""
    return "<w:p>%s%s</w:p>" % (ppr, runs if runs is not None else (w_run(text, bold, size) if text else ""))


def w_table(rows):
    s = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
         + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="808080"/>' % b
                   for b in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders></w:tblPr>")
    s += "<w:tblGrid>" + "".join('<w:gridCol w:w="%d"/>' % (9000 // len(rows[0])) for _ in rows[0]) + "</w:tblGrid>"
    for i, r in enumerate(rows):
        s += "<w:tr>" + "".join('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>'
                                % (9000 // len(r), w_p(str(c), bold=(i == 0))) for c in r) + "</w:tr>"
    return s + "</w:tbl>"


def w_image(rid, cx_emu, cy_emu, pid=1, name="Image 1"):
    return ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>'
            '<wp:docPr id="%d" name="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="%s"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
            % (cx_emu, cy_emu, pid, name, pid, name, rid, cx_emu, cy_emu))


def make_docx(body_xml, title="Document", header=None, footer=None, comments=None, footnotes=None,
              images=None, author="Service des archives"):
    """body_xml: inner xml of w:body (paragraphs). header/footer: xml paragraphs.
    comments: list of (id, author, text).  footnotes: list of (id, text).  images: list of (rid, name, bytes)."""
    files = []
    doc_rels = [("rIdSt", "styles", "styles.xml"), ("rIdSe", "settings", "settings.xml")]
    overrides = [("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
                 ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
                 ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    sect = '<w:sectPr>'
    if header:
        files.append(("word/header1.xml", XML_DECL + "<w:hdr %s>%s</w:hdr>" % (NS_W, header)))
        doc_rels.append(("rIdH1", "header", "header1.xml"))
        overrides.append(("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"))
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        files.append(("word/footer1.xml", XML_DECL + "<w:ftr %s>%s</w:ftr>" % (NS_W, footer)))
        doc_rels.append(("rIdF1", "footer", "footer1.xml"))
        overrides.append(("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"))
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    sect += '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    if comments:
        cx = XML_DECL + "<w:comments %s>" % NS_W
        for cid, au, text in comments:
            cx += ('<w:comment w:id="%d" w:author="%s" w:date="2024-06-10T15:%02d:00Z" w:initials="%s">%s</w:comment>'
                   % (cid, xesc(au), cid, "".join(x[0] for x in au.split()[:2]), w_p(text)))
        files.append(("word/comments.xml", cx + "</w:comments>"))
        doc_rels.append(("rIdC1", "comments", "comments.xml"))
        overrides.append(("/word/comments.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"))
    settings = XML_DECL + "<w:settings %s>" % NS_W
    if footnotes:
        fx = XML_DECL + "<w:footnotes %s>" % NS_W
        fx += ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
        for fid, text in footnotes:
            fx += ('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                   '<w:footnoteRef/></w:r>%s</w:p></w:footnote>' % (fid, w_run(" " + text)))
        files.append(("word/footnotes.xml", fx + "</w:footnotes>"))
        doc_rels.append(("rIdFn", "footnotes", "footnotes.xml"))
        overrides.append(("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"))
        settings += '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    settings += "</w:settings>"
    defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")]
    for rid, name, data in images or []:
        files.append(("word/media/" + name, data))
        doc_rels.append((rid, "image", "media/" + name))
    exts = sorted({n.rsplit(".", 1)[1] for _, n, _ in images or []})
    for e in exts:
        defaults.append((e, "image/png" if e == "png" else "image/jpeg"))
    styles = (XML_DECL + '<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
              '<w:sz w:val="22"/><w:lang w:val="fr-CA"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
              '</w:styles>' % NS_W)
    doc = XML_DECL + "<w:document %s><w:body>%s%s</w:body></w:document>" % (NS_W, body_xml, sect)
    allf = [("[Content_Types].xml", ctypes(defaults, overrides)),
            ("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml"),
                                  ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                                  ("rId3", "extended-properties", "docProps/app.xml")])),
            ("docProps/core.xml", core_xml(title, author)), ("docProps/app.xml", app_xml()),
            ("word/document.xml", doc), ("word/styles.xml", styles), ("word/settings.xml", settings),
            ("word/_rels/document.xml.rels", rels(doc_rels))] + files
    return zip_bytes(allf)


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, drawing_rid=None, legacy_rid=None):
    s = XML_DECL + ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="%s"><sheetData>' % REL_NS)
    for ri, row in enumerate(rows, 1):
        s += '<row r="%d">' % ri
        for ci, v in enumerate(row):
            ref = "%s%d" % (col_letter(ci), ri)
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                s += '<c r="%s"><v>%s</v></c>' % (ref, v)
            else:
                s += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xesc(str(v)))
        s += "</row>"
    s += "</sheetData>"
    if drawing_rid:
        s += '<drawing r:id="%s"/>' % drawing_rid
    if legacy_rid:
        s += '<legacyDrawing r:id="%s"/>' % legacy_rid
    return s + "</worksheet>"


def make_xlsx(sheets, title="Classeur", author="Service des archives"):
    """sheets: list of dicts {name, rows, hidden(bool|'veryHidden'), image:(name,bytes,w_px,h_px,col,row), comments:[(ref,author,text)]}"""
    files = []
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml"),
                ("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"), ("png", "image/png"), ("jpeg", "image/jpeg")]
    wb_rels = []
    sheet_entries = ""
    for i, sh in enumerate(sheets, 1):
        srels = []
        drid = lrid = None
        if sh.get("image"):
            name, data, wpx, hpx, col, row = sh["image"]
            files.append(("xl/media/" + name, data))
            drid = "rIdD%d" % i
            srels.append((drid, "drawing", "../drawings/drawing%d.xml" % i))
            files.append(("xl/drawings/_rels/drawing%d.xml.rels" % i, rels([("rIdImg1", "image", "../media/" + name)])))
            emu = 9525
            files.append(("xl/drawings/drawing%d.xml" % i, XML_DECL +
                          '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s">'
                          '<xdr:oneCellAnchor><xdr:from><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
                          '<xdr:ext cx="%d" cy="%d"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr>'
                          '<xdr:blipFill><a:blip r:embed="rIdImg1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                          '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
                          '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>'
                          % (REL_NS, col, row, wpx * emu, hpx * emu, wpx * emu, hpx * emu)))
            overrides.append(("/xl/drawings/drawing%d.xml" % i, "application/vnd.openxmlformats-officedocument.drawing+xml"))
        if sh.get("comments"):
            lrid = "rIdV%d" % i
            srels.append(("rIdCm%d" % i, "comments", "../comments%d.xml" % i))
            srels.append((lrid, "vmlDrawing", "../drawings/vmlDrawing%d.vml" % i))
            authors = sorted({a for _, a, _ in sh["comments"]})
            cx = XML_DECL + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
            cx += "".join("<author>%s</author>" % xesc(a) for a in authors) + "</authors><commentList>"
            vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                   'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
                   '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
                   '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
            for k, (ref, au, text) in enumerate(sh["comments"]):
                cx += ('<comment ref="%s" authorId="%d"><text><r><rPr><b/><sz val="9"/></rPr><t xml:space="preserve">%s:</t></r>'
                       '<r><rPr><sz val="9"/></rPr><t xml:space="preserve">\n%s</t></r></text></comment>'
                       % (ref, authors.index(au), xesc(au), xesc(text)))
                col = 0
                letters = "".join(c for c in ref if c.isalpha())
                for ch in letters:
                    col = col * 26 + ord(ch) - 64
                rown = int("".join(c for c in ref if c.isdigit()))
                vml += ('<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;'
                        'width:140pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
                        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
                        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
                        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>'
                        '<x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>' % (1025 + k, rown - 1, col - 1))
            files.append(("xl/comments%d.xml" % i, cx + "</commentList></comments>"))
            files.append(("xl/drawings/vmlDrawing%d.vml" % i, vml + "</xml>"))
            overrides.append(("/xl/comments%d.xml" % i, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"))
        files.append(("xl/worksheets/sheet%d.xml" % i, sheet_xml(sh["rows"], drid, lrid)))
        if srels:
            files.append(("xl/worksheets/_rels/sheet%d.xml.rels" % i, rels(srels)))
        overrides.append(("/xl/worksheets/sheet%d.xml" % i, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        wb_rels.append(("rId%d" % i, "worksheet", "worksheets/sheet%d.xml" % i))
        st = ""
        if sh.get("hidden"):
            st = ' state="%s"' % ("veryHidden" if sh["hidden"] == "veryHidden" else "hidden")
        sheet_entries += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xesc(sh["name"]), i, st, i)
    wb_rels.append(("rIdS", "styles", "styles.xml"))
    wb = (XML_DECL + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s">'
          '<bookViews><workbookView activeTab="0"/></bookViews><sheets>%s</sheets></workbook>' % (REL_NS, sheet_entries))
    styles = (XML_DECL + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    allf = [("[Content_Types].xml", ctypes(defaults, overrides)),
            ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml"),
                                  ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                                  ("rId3", "extended-properties", "docProps/app.xml")])),
            ("docProps/core.xml", core_xml(title, author)), ("docProps/app.xml", app_xml("Microsoft Excel")),
            ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels(wb_rels)), ("xl/styles.xml", styles)] + files
    return zip_bytes(allf)


NS_P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')

THEME = (XML_DECL + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>'
         '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
         '<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1>'
         '<a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>'
         '<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink>'
         '<a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme>'
         '<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
         '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
         '<a:fmtScheme name="Office"><a:fillStyleLst>' + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 +
         '</a:fillStyleLst><a:lnStyleLst>' + '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>' * 3 +
         '</a:lnStyleLst><a:effectStyleLst>' + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3 +
         '</a:effectStyleLst><a:bgFillStyleLst>' + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 +
         '</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')


def p_sp(idx, name, x, y, cx, cy, paras, size=2000, bold=False):
    body = "".join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d"%s/><a:t>%s</a:t></a:r></a:p>'
                   % (size, ' b="1"' if bold else "", xesc(t)) for t in paras)
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>%s</p:txBody></p:sp>' % (idx, name, x, y, cx, cy, body))


def make_pptx(slides, title="Présentation", author="Service de formation"):
    """slides: list of dicts {title, bullets, image:(name,bytes,w_px,h_px) or None, notes: [str] or None}"""
    files = []
    overrides = [("/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
                 ("/ppt/slideMasters/slideMaster1.xml", "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"),
                 ("/ppt/slideLayouts/slideLayout1.xml", "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"),
                 ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml"),
                ("png", "image/png"), ("jpeg", "image/jpeg")]
    empty_tree = ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                  '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
                  '%s</p:spTree></p:cSld>')
    master = (XML_DECL + '<p:sldMaster %s>' % NS_P + empty_tree % "" +
              '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
              'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
              '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>')
    layout = (XML_DECL + '<p:sldLayout %s type="blank" preserve="1">' % NS_P + empty_tree % "" +
              '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')
    files += [("ppt/slideMasters/slideMaster1.xml", master),
              ("ppt/slideMasters/_rels/slideMaster1.xml.rels", rels([("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
                                                                      ("rId2", "theme", "../theme/theme1.xml")])),
              ("ppt/slideLayouts/slideLayout1.xml", layout),
              ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", rels([("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")])),
              ("ppt/theme/theme1.xml", THEME)]
    pres_rels = [("rIdM", "slideMaster", "slideMasters/slideMaster1.xml"), ("rIdT", "theme", "theme/theme1.xml")]
    any_notes = any(s.get("notes") for s in slides)
    if any_notes:
        files.append(("ppt/notesMasters/notesMaster1.xml", XML_DECL + '<p:notesMaster %s>' % NS_P + empty_tree % "" +
                      '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
                      'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>'))
        files.append(("ppt/theme/theme2.xml", THEME))
        files.append(("ppt/notesMasters/_rels/notesMaster1.xml.rels", rels([("rId1", "theme", "../theme/theme2.xml")])))
        overrides.append(("/ppt/notesMasters/notesMaster1.xml", "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"))
        overrides.append(("/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"))
        pres_rels.append(("rIdNM", "notesMaster", "notesMasters/notesMaster1.xml"))
    sld_ids = ""
    for i, s in enumerate(slides, 1):
        srels = [("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml")]
        shapes = p_sp(2, "Titre", 457200, 300000, 8229600, 900000, [s["title"]], 3200, True)
        if s.get("bullets"):
            shapes += p_sp(3, "Texte", 457200, 1300000, 8229600, 4800000, s["bullets"], 2000)
        if s.get("image"):
            name, data, wpx, hpx = s["image"]
            files.append(("ppt/media/" + name, data))
            srels.append(("rId2", "image", "../media/" + name))
            maxw, maxh = 8229600, 4800000
            sc = min(maxw / (wpx * 9525.0), maxh / (hpx * 9525.0))
            cx, cy = int(wpx * 9525 * sc), int(hpx * 9525 * sc)
            shapes += ('<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image 3"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
                       '<p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                       '<p:spPr><a:xfrm><a:off x="%d" y="1300000"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
                       % (457200 + (maxw - cx) // 2, cx, cy))
        if s.get("notes"):
            srels.append(("rId3", "notesSlide", "../notesSlides/notesSlide%d.xml" % i))
            nb = "".join('<a:p><a:r><a:rPr lang="fr-CA"/><a:t>%s</a:t></a:r></a:p>' % xesc(t) for t in s["notes"])
            notes = (XML_DECL + '<p:notes %s>' % NS_P + empty_tree %
                     ('<p:sp><p:nvSpPr><p:cNvPr id="2" name="Espace réservé des notes 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
                      '<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp>' % nb)
                     + '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>')
            files.append(("ppt/notesSlides/notesSlide%d.xml" % i, notes))
            files.append(("ppt/notesSlides/_rels/notesSlide%d.xml.rels" % i,
                          rels([("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"), ("rId2", "slide", "../slides/slide%d.xml" % i)])))
            overrides.append(("/ppt/notesSlides/notesSlide%d.xml" % i, "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"))
        files.append(("ppt/slides/slide%d.xml" % i, XML_DECL + '<p:sld %s>' % NS_P + empty_tree % shapes +
                      '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>'))
        files.append(("ppt/slides/_rels/slide%d.xml.rels" % i, rels(srels)))
        overrides.append(("/ppt/slides/slide%d.xml" % i, "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"))
        pres_rels.append(("rIdS%d" % i, "slide", "slides/slide%d.xml" % i))
        sld_ids += '<p:sldId id="%d" r:id="rIdS%d"/>' % (255 + i, i)
    pres = (XML_DECL + '<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst>' % NS_P +
            ('<p:notesMasterIdLst><p:notesMasterId r:id="rIdNM"/></p:notesMasterIdLst>' if any_notes else "") +
            '<p:sldIdLst>%s</p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/>'
            '</p:presentation>' % sld_ids)
    allf = [("[Content_Types].xml", ctypes(defaults, overrides)),
            ("_rels/.rels", rels([("rId1", "officeDocument", "ppt/presentation.xml"),
                                  ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                                  ("rId3", "extended-properties", "docProps/app.xml")])),
            ("docProps/core.xml", core_xml(title, author)), ("docProps/app.xml", app_xml("Microsoft Office PowerPoint")),
            ("ppt/presentation.xml", pres), ("ppt/_rels/presentation.xml.rels", rels(pres_rels))] + files
    return zip_bytes(allf)


MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# ---------------------------------------------------------------------------
# Document content (paper documents as element lists)
# ---------------------------------------------------------------------------
def physician(rng):
    return "Dr%s %s" % (rng.choice(["", "e"]), staff_name(rng))


def doc_referral(p, rng, lang="fr"):
    site = rng.choice(SITES)
    dx = rng.choice(DX_FR if lang == "fr" else DX_EN)
    if lang == "fr":
        return [("header",) + site, ("title", "DEMANDE DE CONSULTATION"),
                ("kv", [("Nom", p.name_inv), ("Sexe", p.sex), ("Date de naissance", p.dob_fmt(rng=rng)),
                        ("NAM", p.nam_fmt(rng=rng)), ("No dossier", p.mrn), ("Téléphone", p.phone)]),
                ("kv", [("Service demandé", rng.choice(["Cardiologie", "Pneumologie", "Néphrologie", "Endocrinologie"])),
                        ("Priorité", rng.choice(["B (< 10 jours)", "C (< 28 jours)", "A (< 3 jours)"]))]),
                ("h", "Raison de la consultation"),
                ("p", "Patient%s connu%s pour %s. Évaluation demandée suite à une détérioration récente; "
                      "créatinine à %d µmol/L le %s. Merci de votre évaluation." %
                 ("e" if p.sex == "F" else "", "e" if p.sex == "F" else "", dx, rng.randint(120, 260),
                  "2024-05-%02d" % rng.randint(1, 28))),
                ("h", "Médication actuelle"),
                ("lines", ["%s %s" % m for m in rng.sample(MEDS, 4)]),
                ("sig", "%s — permis %05d" % (physician(rng), rng.randint(10000, 99999))),
                ("footer", "Formulaire AH-XXX (fictif) — confidentiel")]
    return [("header",) + site, ("title", "CONSULTATION REQUEST"),
            ("kv", [("Patient", p.name), ("Sex", p.sex), ("Date of birth", p.dob_fmt(rng=rng, lang="en")),
                    ("Health card (RAMQ)", p.nam_fmt(rng=rng)), ("MRN", p.mrn), ("Phone", p.phone)]),
            ("kv", [("Service", rng.choice(["Cardiology", "Respirology", "Nephrology", "Rheumatology"])),
                    ("Priority", rng.choice(["Urgent", "Semi-urgent", "Elective"]))]),
            ("h", "Reason for referral"),
            ("p", "Known case of %s, referred for assessment after recent worsening. Last HbA1c %.1f%%, "
                  "eGFR %d. Thank you for seeing this patient." % (dx, rng.uniform(6.5, 10.5), rng.randint(25, 60))),
            ("h", "Current medications"),
            ("lines", ["%s %s" % m for m in rng.sample(MEDS, 4)]),
            ("sig", "%s, MD — licence %05d" % (staff_name(rng), rng.randint(10000, 99999)))]


def doc_prescription(p, rng, lang="fr"):
    site = rng.choice(SITES)
    meds = rng.sample(MEDS, rng.randint(2, 4))
    return [("header",) + site, ("title", "ORDONNANCE" if lang == "fr" else "PRESCRIPTION"),
            ("kv", [("Nom" if lang == "fr" else "Name", p.name), ("Date", "2024-06-%02d" % rng.randint(1, 10)),
                    ("DDN" if lang == "fr" else "DOB", p.dob_fmt(rng=rng, lang=lang)), ("RAMQ", p.nam_fmt(rng=rng))]),
            ("space", 6)] + [("lines", ["Rx  %s %s" % m, "     Qté : 30 jours   Renouvellements : %d" % rng.randint(0, 5)]) for m in meds] + \
           [("p", "Allergie : %s" % rng.choice(["pénicilline", "sulfamidés", "aucune connue", "iode"])),
            ("sig", "%s  No de permis %05d" % (physician(rng), rng.randint(10000, 99999)))]


def doc_labreport(p, rng, lang="fr"):
    site = rng.choice(SITES)
    rows = lab_rows(rng, rng.randint(6, 9))
    return [("header",) + site, ("title", "RAPPORT DE LABORATOIRE" if lang == "fr" else "LABORATORY REPORT"),
            ("kv", [("Patient", p.name_inv), ("No dossier" if lang == "fr" else "MRN", p.mrn),
                    ("Né(e) le" if lang == "fr" else "DOB", p.dob_fmt(rng=rng, lang=lang)), ("NAM", p.nam_fmt(rng=rng)),
                    ("Prélevé le" if lang == "fr" else "Collected", "2024-06-%02d 07:%02d" % (rng.randint(1, 10), rng.randint(0, 59))),
                    ("Prescripteur", physician(rng))]),
            ("table", ["Analyse" if lang == "fr" else "Test", "Résultat", "Ind.", "Unités", "Valeurs réf."], rows,
             [0.32, 0.16, 0.08, 0.18, 0.26]),
            ("p", "Commentaire : résultat critique communiqué à l'infirmière du %s." % rng.choice(UNITS), 10),
            ("footer", "Rapport final — page 1 de 1")]


def doc_discharge(p, rng, lang="fr"):
    site = rng.choice(SITES)
    dx = rng.choice(DX_FR if lang == "fr" else DX_EN)
    a = rng.randint(1, 20)
    if lang == "fr":
        return [("header",) + site, ("title", "SOMMAIRE D'HOSPITALISATION"),
                ("kv", [("Nom", p.name_inv), ("Dossier", p.mrn), ("Date de naissance", p.dob_fmt(rng=rng)),
                        ("Unité", rng.choice(UNITS)), ("Admission", "2024-05-%02d" % a), ("Congé", "2024-05-%02d" % (a + rng.randint(2, 8)))]),
                ("h", "Diagnostic principal"), ("p", dx.capitalize() + "."),
                ("h", "Évolution"),
                ("p", "Admis%s par l'urgence. Traitement initié avec bonne réponse clinique. Échographie cardiaque : FEVG %d %%. "
                      "Aucune complication. Suivi en clinique externe dans 4 semaines." % ("e" if p.sex == "F" else "", rng.randint(25, 60))),
                ("h", "Médication au congé"), ("lines", ["%s %s" % m for m in rng.sample(MEDS, 3)]),
                ("sig", physician(rng))]
    return [("header",) + site, ("title", "DISCHARGE SUMMARY"),
            ("kv", [("Name", p.name), ("Chart #", p.mrn), ("Date of birth", p.dob_fmt(rng=rng, lang="en")),
                    ("Ward", rng.choice(UNITS)), ("Admitted", "2024-05-%02d" % a), ("Discharged", "2024-05-%02d" % (a + rng.randint(2, 8)))]),
            ("h", "Principal diagnosis"), ("p", dx.capitalize() + "."),
            ("h", "Hospital course"),
            ("p", "Admitted through the emergency department. Responded well to treatment. Echo: LVEF %d%%. "
                  "Follow-up in outpatient clinic in 4 weeks." % rng.randint(25, 60)),
            ("h", "Discharge medications"), ("lines", ["%s %s" % m for m in rng.sample(MEDS, 3)]),
            ("sig", physician(rng))]


def doc_imaging(p, rng, lang="fr"):
    site = rng.choice(SITES)
    exam = rng.choice(["TDM thoracique avec contraste", "IRM cérébrale", "Radiographie pulmonaire PA et latérale",
                       "Échographie abdominale"])
    return [("header",) + site, ("title", "RAPPORT D'IMAGERIE MÉDICALE"),
            ("kv", [("Patient", p.name_inv), ("No dossier", p.mrn), ("DDN", p.dob_fmt(rng=rng)), ("NAM", p.nam_fmt(rng=rng)),
                    ("Examen", exam), ("Date", "2024-06-%02d" % rng.randint(1, 10))], 2),
            ("h", "Renseignements cliniques"), ("p", "Suivi de %s." % rng.choice(DX_FR)),
            ("h", "Constatations"),
            ("p", "Nodule spiculé de %d mm au lobe supérieur droit. Adénopathie médiastinale. Pas d'épanchement pleural." % rng.randint(8, 30)),
            ("h", "Impression"), ("p", "Aspect suspect de néoplasie. Corrélation histologique recommandée."),
            ("sig", "Radiologiste : " + physician(rng))]


def doc_requisition(p, rng, lang="fr"):
    site = rng.choice(SITES)
    return [("header",) + site, ("title", "REQUÊTE DE LABORATOIRE"),
            ("kv", [("Nom, prénom", p.name_inv), ("Date de naissance (AAAA-MM-JJ)", p.dob.isoformat()),
                    ("NAM", p.nam_fmt(rng=rng)), ("No de dossier", p.mrn)], 1),
            ("check", [("FSC", True), ("Ions", True), ("Créatinine", rng.random() < 0.5), ("Bilan lipidique", False), ("HbA1c", True)]),
            ("check", [("TSH", rng.random() < 0.5), ("INR", True), ("Culture d'urine", False)]),
            ("kv", [("Diagnostic / renseignements", rng.choice(DX_FR))], 1),
            ("sig", "Médecin prescripteur : " + physician(rng))]


POS_DOCS = [doc_referral, doc_prescription, doc_labreport, doc_discharge, doc_imaging, doc_requisition]


# Negative paper documents --------------------------------------------------------
def neg_blank_referral(rng, lang="fr"):
    site = rng.choice(SITES)
    return [("header",) + site, ("title", "DEMANDE DE CONSULTATION"),
            ("kv", [("Nom", None), ("Sexe", None), ("Date de naissance (AAAA-MM-JJ)", None), ("NAM", "____ ____ ____"),
                    ("No dossier", None), ("Téléphone", None)]),
            ("kv", [("Service demandé", None), ("Priorité", None)]),
            ("h", "Raison de la consultation"), ("space", 60),
            ("h", "Médication actuelle"), ("space", 50),
            ("sig", "Signature du médecin — No de permis"),
            ("footer", "Gabarit vierge — version 2024-03 — ne pas télécopier sans page couverture")]


def neg_blank_rx(rng, lang="fr"):
    site = rng.choice(SITES)
    doc = physician(rng)
    return [("header",) + site, ("title", "ORDONNANCE"),
            ("lines", [doc, "Médecine familiale — permis %05d" % rng.randint(10000, 99999),
                       "Tél. : (514) 555-%04d   Téléc. : (514) 555-%04d" % (rng.randint(100, 9999), rng.randint(100, 9999))]),
            ("kv", [("Nom du patient", None), ("Date", None), ("DDN", None), ("RAMQ", None)]),
            ("space", 150), ("sig", "Signature")]


def neg_policy(rng, lang="fr"):
    site = rng.choice(SITES)
    return [("header",) + site, ("title", "PROCÉDURE — HYGIÈNE DES MAINS" if lang == "fr" else "POLICY — HAND HYGIENE"),
            ("kv", [("No procédure", "PRO-%03d-%02d" % (rng.randint(100, 999), rng.randint(1, 20))), ("Révision", "2024-04-01"),
                    ("Approuvée par", "Direction des soins infirmiers"), ("Pages", "1 de 3")]),
            ("h", "1. Objectif"),
            ("p", "Réduire la transmission des infections nosocomiales en assurant une hygiène des mains conforme aux "
                  "quatre moments recommandés, pour l'ensemble du personnel, des médecins, des stagiaires et des bénévoles."),
            ("h", "2. Champ d'application"),
            ("p", "La présente procédure s'applique à toutes les unités de soins, y compris l'urgence, les blocs opératoires "
                  "et les cliniques externes. Les solutions hydroalcooliques (code produit %s) sont disponibles à "
                  "l'entrée de chaque chambre." % lookalike_code(rng)),
            ("h", "3. Responsabilités"),
            ("p", "Les gestionnaires assurent la disponibilité du matériel. L'équipe de prévention des infections réalise "
                  "des audits trimestriels; le taux de conformité visé est de 80 %.")]


def neg_schedule(rng, lang="fr"):
    rows = []
    for _ in range(rng.randint(8, 12)):
        rows.append([staff_name(rng), emp_no(rng), rng.choice(["Inf.", "Inf. aux.", "PAB", "Inh."]),
                     rng.choice(["J", "S", "N", "—"]), rng.choice(["J", "S", "N", "—"]), rng.choice(["J", "S", "N", "—"]),
                     rng.choice(["J", "S", "N", "—"])])
    return [("header",) + rng.choice(SITES), ("title", "HORAIRE DU PERSONNEL — %s" % rng.choice(UNITS).upper(), 13),
            ("p", "Période du 2024-06-09 au 2024-06-22. J = jour, S = soir, N = nuit. Remplacements : poste 4521."),
            ("table", ["Employé(e)", "Matricule", "Titre", "Dim", "Lun", "Mar", "Mer"], rows,
             [0.28, 0.14, 0.14, 0.11, 0.11, 0.11, 0.11]),
            ("sig", "Chef d'unité : " + staff_name(rng))]


def neg_invoice(rng, lang="fr"):
    rows = []
    for _ in range(rng.randint(6, 9)):
        rows.append([lookalike_code(rng), rng.choice(["Cathéter IV 20G", "Gants nitrile M", "Seringue 10 mL",
                                                       "Pansement 10x10", "Sonde urinaire 14Fr", "Électrodes ECG"]),
                     "LOT %02d%s%04d" % (rng.randint(20, 24), rng.choice("ABCDK"), rng.randint(0, 9999)),
                     str(rng.randint(1, 40)), "%d,%02d $" % (rng.randint(5, 300), rng.randint(0, 99))])
    return [("header", "Fournitures Médicales Boréal inc. (fictif)", "88, rue de l'Industrie, Boucherville (Québec) J4B 0A0"),
            ("title", "FACTURE No %07d" % rng.randint(1000000, 9999999)),
            ("kv", [("Client", rng.choice(SITES)[0][:38]), ("Compte", "%08d" % rng.randint(10000000, 99999999)),
                    ("Date", "2024-06-%02d" % rng.randint(1, 10)), ("Bon de commande", "PO-%06d" % rng.randint(0, 999999))]),
            ("table", ["Code produit", "Description", "Lot", "Qté", "Montant"], rows, [0.24, 0.32, 0.18, 0.08, 0.18]),
            ("p", "TPS 123456789 RT0001 — TVQ 1234567890 TQ0001. Payable 30 jours."),]


def neg_stats(rng, lang="fr"):
    rows = []
    for u in rng.sample(UNITS, 7):
        lits = rng.randint(18, 40)
        rows.append([u, str(lits), "%d %%" % rng.randint(78, 112), str(rng.randint(20, 140)), "%.1f" % rng.uniform(3, 14)])
    return [("header",) + rng.choice(SITES), ("title", "TABLEAU DE BORD — TAUX D'OCCUPATION", 13),
            ("p", "Données agrégées, mai 2024. Aucune donnée nominative. Source : entrepôt de données (extraction 2024-06-03)."),
            ("table", ["Unité", "Lits", "Occupation", "Admissions", "DMS (jours)"], rows, [0.34, 0.12, 0.18, 0.18, 0.18]),
            ("p", "Les unités de médecine dépassent la cible de 95 %. Diagnostics principaux les plus fréquents : "
                  "pneumonie (18 %), insuffisance cardiaque (12 %), MPOC (9 %).")]


def neg_minutes(rng, lang="fr"):
    names = [staff_name(rng) for _ in range(5)]
    return [("header",) + rng.choice(SITES), ("title", "PROCÈS-VERBAL — COMITÉ DE PHARMACOLOGIE", 13),
            ("kv", [("Date", "2024-06-05"), ("Lieu", "Salle B-%d" % rng.randint(1000, 4999))]),
            ("p", "Présents : " + ", ".join(names) + "."),
            ("h", "1. Adoption de l'ordre du jour"), ("p", "Adopté à l'unanimité."),
            ("h", "2. Ajout au formulaire"),
            ("p", "Le comité recommande l'ajout de l'apixaban 2,5 mg (DIN %s) et le retrait du produit %s." % (din(rng), lookalike_code(rng))),
            ("h", "3. Divers"), ("p", "Prochaine rencontre : 2024-09-04. Ligne de conférence 1 855 555-%04d, code %07d." %
                                  (rng.randint(100, 9999), rng.randint(1000000, 9999999)))]


def neg_attendance(rng, lang="fr"):
    rows = [[staff_name(rng), emp_no(rng), rng.choice(UNITS), ""] for _ in range(rng.randint(8, 11))]
    return [("header",) + rng.choice(SITES), ("title", "FEUILLE DE PRÉSENCE — FORMATION RCR", 13),
            ("kv", [("Date", "2024-06-07"), ("Formateur", staff_name(rng)), ("Code activité", "FOR-%04d" % rng.randint(0, 9999))]),
            ("table", ["Nom", "Matricule", "Unité", "Signature"], rows, [0.3, 0.17, 0.3, 0.23])]


def neg_faxcover(rng, pages=1):
    return [("header",) + rng.choice(SITES), ("title", "BORDEREAU DE TÉLÉCOPIE", 18),
            ("kv", [("À", staff_name(rng)), ("De", physician(rng)), ("Télécopieur", "(514) 555-%04d" % rng.randint(100, 9999)),
                    ("Téléphone", "(514) 555-%04d" % rng.randint(100, 9999)), ("Date", "2024-06-%02d" % rng.randint(1, 10)),
                    ("Pages", "%d (incluant celle-ci)" % pages)], 1),
            ("p", "Objet : " + rng.choice(["documents demandés", "suivi", "dossier en cours", "résultats"])),
            ("space", 30),
            ("p", "AVIS DE CONFIDENTIALITÉ : Ce document est destiné uniquement à la personne ou à l'organisme à qui il est "
                  "adressé et peut contenir des renseignements confidentiels. Si vous avez reçu cette télécopie par erreur, "
                  "veuillez nous en aviser immédiatement par téléphone et détruire l'original.", 10)]


NEG_DOCS = [neg_blank_referral, neg_blank_rx, neg_policy, neg_schedule, neg_invoice, neg_stats, neg_minutes, neg_attendance]


# ---------------------------------------------------------------------------
# EMR screenshots
# ---------------------------------------------------------------------------
APPS = [("ClinExpert DCI 8.2", (31, 58, 105)), ("DossierPlus — Dossier clinique informatisé", (0, 94, 110)),
        ("MedVue Clinical Workstation", (70, 40, 110)), ("OASIS-Santé 3 (fictif)", (120, 50, 30))]


def screen_base(rng, W, H, app, banner=None, nav_sel=0, lang="fr"):
    name, col = app
    img = Image.new("RGB", (W, H), (240, 242, 245))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 34], fill=col)
    d.text((12, 8), name, font=F(16, "bold"), fill="white")
    for i, c in enumerate([(230, 80, 70), (240, 190, 60), (90, 190, 90)]):
        d.ellipse([W - 90 + i * 26, 10, W - 76 + i * 26, 24], fill=c)
    d.rectangle([0, 34, W, 62], fill=(250, 250, 250))
    menus = ["Fichier", "Édition", "Affichage", "Patient", "Outils", "Rapports", "Aide"] if lang == "fr" else \
        ["File", "Edit", "View", "Patient", "Tools", "Reports", "Help"]
    x = 12
    for m in menus:
        d.text((x, 40), m, font=F(15), fill=(30, 30, 30))
        x += tw(d, m, F(15)) + 26
    d.line([0, 62, W, 62], fill=(200, 200, 200))
    y = 66
    if banner is not None:
        d.rectangle([0, y, W, y + 78], fill=(255, 248, 214), outline=(220, 200, 120))
        if banner:
            d.text((16, y + 8), banner[0], font=F(24, "bold"), fill=(20, 20, 20))
            d.text((16, y + 44), banner[1], font=F(16), fill=(40, 40, 40))
            if len(banner) > 2:
                d.rectangle([W - 330, y + 10, W - 16, y + 38], fill=(200, 40, 40))
                d.text((W - 320, y + 14), banner[2], font=F(15, "bold"), fill="white")
        else:
            d.text((16, y + 24), "Aucun patient sélectionné" if lang == "fr" else "No patient selected",
                   font=F(22, "ital"), fill=(120, 120, 120))
        y += 82
    # navigation
    d.rectangle([0, y, 220, H - 28], fill=(228, 232, 238))
    navs = ["Sommaire", "Résultats", "Médication", "Notes cliniques", "Imagerie", "Rendez-vous", "Documents", "Admissions"] \
        if lang == "fr" else ["Summary", "Results", "Medications", "Clinical notes", "Imaging", "Appointments", "Documents", "Encounters"]
    for i, n in enumerate(navs):
        if i == nav_sel:
            d.rectangle([0, y + 8 + i * 40, 220, y + 44 + i * 40], fill=col)
            d.text((18, y + 16 + i * 40), n, font=F(16, "bold"), fill="white")
        else:
            d.text((18, y + 16 + i * 40), n, font=F(16), fill=(40, 40, 40))
    # status bar
    d.rectangle([0, H - 28, W, H], fill=(210, 214, 220))
    d.text((10, H - 23), "Utilisateur : %s   |   Poste : CLIN-%04d   |   Environnement : PRODUCTION" %
           (strip_accents(staff_name(rng)).lower().replace(" ", "."), rng.randint(0, 9999)), font=F(14), fill=(30, 30, 30))
    return img, d, y


def banner_for(p, rng, lang="fr"):
    if lang == "fr":
        line = "Né%s le %s (%d ans)   %s   NAM : %s   Dossier : %s" % ("e" if p.sex == "F" else "", p.dob_fmt(rng=rng),
                                                                   p.age, p.sex, p.nam_fmt(rng=rng), p.mrn)
    else:
        line = "DOB %s (%d y)   %s   RAMQ: %s   MRN: %s" % (p.dob_fmt(rng=rng, lang="en"), p.age, p.sex, p.nam_fmt(rng=rng), p.mrn)
    al = rng.choice(["ALLERGIE : PÉNICILLINE", "ALLERGIE : SULFAMIDES", "ALLERGY: LATEX", "ISOLEMENT CONTACT"])
    return (p.name_inv, line, al)


def panel(d, x, y, w, h, title):
    d.rectangle([x, y, x + w, y + h], fill="white", outline=(190, 195, 205))
    d.rectangle([x, y, x + w, y + 34], fill=(236, 239, 244), outline=(190, 195, 205))
    d.text((x + 12, y + 7), title, font=F(17, "bold"), fill=(30, 30, 30))


def shot_pos(kind, rng, lang="fr"):
    W = rng.choice([1280, 1366, 1440, 1536, 1600])
    H = rng.choice([800, 840, 900])
    app = rng.choice(APPS)
    p = Person(rng)
    if kind in ("labs", "meds", "note"):
        img, d, y = screen_base(rng, W, H, app, banner_for(p, rng, lang), {"labs": 1, "meds": 2, "note": 3}[kind], lang)
        x0, w = 240, W - 260
        if kind == "labs":
            panel(d, x0, y + 10, w, H - y - 60, "Résultats de laboratoire — cumulatif" if lang == "fr" else "Laboratory results")
            rows = lab_rows(rng, 10)
            rows = [[r[0], "2024-06-%02d 06:%02d" % (rng.randint(1, 10), rng.randint(0, 59)), r[1], r[2], r[3], r[4]] for r in rows]
            draw_table(d, x0 + 12, y + 56, ["Analyse", "Prélèvement", "Valeur", "Ind.", "Unité", "Réf."], rows,
                       F(16), F(16, "bold"), [int(w * f) for f in (0.25, 0.22, 0.12, 0.08, 0.14, 0.15)], 34,
                       zebra=(246, 248, 252), flag_col=3)
        elif kind == "meds":
            panel(d, x0, y + 10, w, H - y - 60, "Profil pharmacologique actif" if lang == "fr" else "Active medication profile")
            rows = [[m[0], m[1], "2024-0%d-%02d" % (rng.randint(1, 5), rng.randint(1, 28)), physician(rng), rng.choice(["Actif", "Actif", "Suspendu"])]
                    for m in rng.sample(MEDS, 8)]
            draw_table(d, x0 + 12, y + 56, ["Médicament", "Posologie", "Début", "Prescripteur", "Statut"], rows,
                       F(16), F(16, "bold"), [int(w * f) for f in (0.24, 0.28, 0.14, 0.2, 0.1)], 34, zebra=(246, 248, 252))
        else:
            panel(d, x0, y + 10, w, H - y - 60, "Note d'évolution — médecine interne")
            txt = ("Patient%s vu%s ce matin. Connu%s pour %s. Dyspnée en amélioration, SpO2 94 %% AA. "
                   "Œdème MI ++. Plan : poursuivre diurétique IV, bilan ionique demain, ajuster %s. "
                   "Discuté avec la famille (fille : %s)." % ("e" if p.sex == "F" else "", "e" if p.sex == "F" else "",
                                                            "e" if p.sex == "F" else "", rng.choice(DX_FR),
                                                            rng.choice(MEDS)[0], p.phone))
            yy = y + 60
            for line in wrap(d, txt, F(18), w - 30):
                d.text((x0 + 14, yy), line, font=F(18), fill=(20, 20, 20))
                yy += 28
            d.text((x0 + 14, yy + 20), "Signé électroniquement par %s le 2024-06-10 11:42" % physician(rng), font=F(15, "ital"), fill=(80, 80, 80))
        return img
    img, d, y = screen_base(rng, W, H, app, None, 5 if kind == "appts" else 0, lang)
    x0, w = 240, W - 260
    if kind == "appts":
        panel(d, x0, y + 10, w, H - y - 60, "Rendez-vous — Clinique de %s — 2024-06-12" % rng.choice(["cardiologie", "diabète", "néphrologie"]))
        rows = []
        for i in range(12):
            q = Person(rng)
            rows.append(["%02d:%02d" % (8 + i // 2, 30 * (i % 2)), q.name_inv, q.mrn, q.dob_fmt(0), rng.choice(["Suivi IC", "Nouveau", "Résultats", "Ajust. insuline"])])
        draw_table(d, x0 + 12, y + 56, ["Heure", "Patient", "Dossier", "DDN", "Motif"], rows, F(16), F(16, "bold"),
                   [int(w * f) for f in (0.1, 0.3, 0.16, 0.16, 0.24)], 34, zebra=(246, 248, 252))
    elif kind == "board":
        panel(d, x0, y + 10, w, H - y - 60, "Tableau de l'urgence — civières")
        rows = []
        for i in range(13):
            q = Person(rng)
            rows.append(["C-%02d" % (i + 1), q.name_inv, "%d %s" % (q.age, q.sex), rng.choice(["Douleur thoracique", "Dyspnée", "Chute", "Fièvre", "Confusion", "Hématémèse"]),
                         str(rng.randint(1, 5)), "%dh%02d" % (rng.randint(0, 30), rng.randint(0, 59))])
        draw_table(d, x0 + 12, y + 56, ["Civ.", "Nom", "Âge/S", "Raison de visite", "P", "Séjour"], rows, F(16), F(16, "bold"),
                   [int(w * f) for f in (0.08, 0.3, 0.1, 0.3, 0.06, 0.12)], 34, zebra=(246, 248, 252))
    else:  # search results
        panel(d, x0, y + 10, w, H - y - 60, "Recherche de patient — résultats (%s*)" % p.surname[:4])
        rows = []
        for i in range(7):
            q = Person(rng)
            q.surname = p.surname
            q.renam()
            rows.append([q.name_inv, q.dob_fmt(0), q.sex, q.nam_fmt(0) if i else p.nam_fmt(0), q.mrn])
        draw_table(d, x0 + 12, y + 56, ["Nom", "Naissance", "Sexe", "NAM", "No dossier"], rows, F(16), F(16, "bold"),
                   [int(w * f) for f in (0.3, 0.16, 0.08, 0.22, 0.18)], 34, zebra=(246, 248, 252))
    return img


def shot_neg(kind, rng, lang="fr"):
    W = rng.choice([1280, 1366, 1440, 1536, 1600])
    H = rng.choice([800, 840, 900])
    app = rng.choice(APPS)
    img, d, y = screen_base(rng, W, H, app, () if kind in ("empty", "template") else None, 0, lang)
    x0, w = 240, W - 260
    if kind == "empty":
        panel(d, x0, y + 10, w, 300, "Recherche de patient")
        for i, lab in enumerate(["Nom", "Prénom", "Date de naissance (AAAA-MM-JJ)", "NAM", "No de dossier"]):
            d.text((x0 + 20, y + 60 + i * 44), lab, font=F(16), fill=(30, 30, 30))
            d.rectangle([x0 + 320, y + 54 + i * 44, x0 + 720, y + 86 + i * 44], fill="white", outline=(150, 150, 160))
        d.rectangle([x0 + 320, y + 280, x0 + 460, y + 300], fill=app[1])
        d.text((x0 + 20, y + 340), "Saisissez au moins deux critères. Les recherches sont journalisées.", font=F(15, "ital"), fill=(90, 90, 90))
    elif kind == "stats":
        panel(d, x0, y + 10, w, H - y - 60, "Tableau de bord — occupation des lits (données agrégées)")
        units = rng.sample(UNITS, 7)
        for i, u in enumerate(units):
            v = rng.randint(60, 115)
            yy = y + 70 + i * 56
            d.text((x0 + 20, yy + 6), u, font=F(16), fill=(30, 30, 30))
            d.rectangle([x0 + 260, yy, x0 + 260 + int(v * (w - 420) / 120), yy + 34], fill=app[1])
            d.text((x0 + 270 + int(v * (w - 420) / 120), yy + 6), "%d %%" % v, font=F(16, "bold"), fill=(30, 30, 30))
    elif kind == "roster":
        panel(d, x0, y + 10, w, H - y - 60, "Horaire du personnel — semaine du 2024-06-09")
        rows = [[staff_name(rng), emp_no(rng), rng.choice(["Inf.", "PAB", "Inh.", "Méd."]), rng.choice(UNITS)] +
                [rng.choice(["J", "S", "N", "—"]) for _ in range(4)] for _ in range(12)]
        draw_table(d, x0 + 12, y + 56, ["Employé", "Matricule", "Titre", "Unité", "Lun", "Mar", "Mer", "Jeu"], rows,
                   F(16), F(16, "bold"), [int(w * f) for f in (0.22, 0.12, 0.08, 0.22, 0.08, 0.08, 0.08, 0.08)], 34, zebra=(246, 248, 252))
    elif kind == "stock":
        panel(d, x0, y + 10, w, H - y - 60, "Pharmacie — inventaire des armoires automatisées")
        rows = [[lookalike_code(rng), rng.choice(["Héparine 5000 U/mL", "Morphine 10 mg/mL", "Céfazoline 1 g", "NaCl 0,9 % 1 L", "Kétorolac 30 mg"]),
                 din(rng), "LOT %s%05d" % (rng.choice("ABKX"), rng.randint(0, 99999)), "2025-%02d" % rng.randint(1, 12), str(rng.randint(0, 60))]
                for _ in range(12)]
        draw_table(d, x0 + 12, y + 56, ["Code", "Produit", "DIN", "Lot", "Exp.", "Qté"], rows, F(16), F(16, "bold"),
                   [int(w * f) for f in (0.2, 0.28, 0.14, 0.16, 0.1, 0.07)], 34, zebra=(246, 248, 252))
    elif kind == "template":
        panel(d, x0, y + 10, w, H - y - 60, "Éditeur de gabarits — Lettre de congé")
        txt = ["Nom : {{patient.nom}}, {{patient.prenom}}", "Date de naissance : {{patient.ddn | AAAA-MM-JJ}}",
               "NAM : {{patient.nam}}   No dossier : {{patient.dossier}}", "", "Diagnostic principal : {{sejour.dx_principal}}",
               "Médication au congé : {{pharmacie.liste_conge}}", "", "Signature : {{medecin.nom}}, {{medecin.permis}}"]
        for i, t in enumerate(txt):
            d.text((x0 + 20, y + 62 + i * 34), t, font=F(18, "mono"), fill=(30, 30, 90))
    else:  # login
        d.rectangle([W // 2 - 260, 220, W // 2 + 260, 560], fill="white", outline=(180, 180, 180))
        d.text((W // 2 - 230, 240), "Connexion sécurisée", font=F(24, "bold"), fill=(30, 30, 30))
        for i, lab in enumerate(["Code d'utilisateur", "Mot de passe"]):
            d.text((W // 2 - 230, 310 + i * 80), lab, font=F(16), fill=(30, 30, 30))
            d.rectangle([W // 2 - 230, 336 + i * 80, W // 2 + 230, 370 + i * 80], outline=(150, 150, 160))
        d.text((W // 2 - 230, 500), "Soutien technique : poste 5555 — billet SD-%06d" % rng.randint(0, 999999), font=F(14), fill=(90, 90, 90))
    return img


# ---------------------------------------------------------------------------
# Other writers: RTF, TNEF, 7z, fax TIFF, AcroForm PDF, LibreOffice conversion
# ---------------------------------------------------------------------------
def rtf_esc(s, mode="hex"):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif ch == "\t":
            out.append("\\tab ")
        elif o < 128:
            out.append(ch)
        elif mode == "hex":
            try:
                b = ch.encode("cp1252")
                out.append("".join("\\'%02x" % x for x in b))
            except UnicodeEncodeError:
                out.append("\\u%d?" % (o if o < 32768 else o - 65536))
        else:
            v = o if o < 32768 else o - 65536
            try:
                fb = ch.encode("cp1252")
                fbs = "\\'%02x" % fb[0]
            except UnicodeEncodeError:
                fbs = "?"
            out.append("\\u%d%s" % (v, fbs if mode == "u_hex" else "?"))
    return "".join(out)


def rtf_doc(blocks, mode="hex"):
    """blocks: ('h', text) | ('p', text) | ('table', [rows])"""
    s = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang3084{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\froman\\fcharset0 Times New Roman;}}"
         "{\\colortbl;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}\n"
         "{\\*\\generator Msftedit 5.41.21.2510;}\\viewkind4\\uc1\\pard\\sa120\\f0\\fs22\n")
    for b in blocks:
        if b[0] == "h":
            s += "\\pard\\sa120\\b\\fs26\\cf2 %s\\cf1\\b0\\fs22\\par\n" % rtf_esc(b[1], mode)
        elif b[0] == "p":
            s += "\\pard\\sa120 %s\\par\n" % rtf_esc(b[1], mode)
        elif b[0] == "table":
            rows = b[1]
            n = len(rows[0])
            for i, r in enumerate(rows):
                s += "\\trowd\\trgaph108\\trleft0"
                for j in range(n):
                    s += "\\clbrdrt\\brdrs\\brdrw10\\clbrdrl\\brdrs\\brdrw10\\clbrdrb\\brdrs\\brdrw10\\clbrdrr\\brdrs\\brdrw10\\cellx%d" % ((j + 1) * (9000 // n))
                s += "\n\\pard\\intbl "
                s += "".join(("{\\b %s}" if i == 0 else "%s") % rtf_esc(str(c), mode) + "\\cell " for c in r)
                s += "\\row\n"
            s += "\\pard\\par\n"
    return (s + "}\n").encode("ascii")


# TNEF (MS-OXTNEF) -----------------------------------------------------------
def tnef_attr(level, att, data):
    return struct.pack("<BII", level, att, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def tnef_date(y, mo, d, h, mi, s):
    dow = (datetime.date(y, mo, d).weekday() + 1) % 7
    return struct.pack("<7H", y, mo, d, h, mi, s, dow)


def mapi_props(props):
    out = struct.pack("<I", len(props))
    for ptype, pid, val in props:
        out += struct.pack("<HH", ptype, pid)
        if ptype == 0x0003:
            out += struct.pack("<I", val)
        elif ptype in (0x001E, 0x001F, 0x0102):
            if ptype == 0x001E:
                b = val.encode("cp1252") + b"\0"
            elif ptype == 0x001F:
                b = val.encode("utf-16-le") + b"\0\0"
            else:
                b = val
            out += struct.pack("<II", 1, len(b)) + b + b"\0" * ((4 - len(b) % 4) % 4)
        else:
            raise ValueError(ptype)
    return out


def make_tnef(subject, body=None, attachments=(), key=0x5A3C, mapi_body=None, dt=(2024, 6, 11, 9, 30, 0)):
    out = struct.pack("<IH", 0x223E9F78, key)
    out += tnef_attr(1, 0x00089006, struct.pack("<I", 0x00010000))
    out += tnef_attr(1, 0x00069007, struct.pack("<II", 1252, 0))
    out += tnef_attr(1, 0x00078008, b"IPM.Microsoft Mail.Note\0")
    out += tnef_attr(1, 0x00018004, subject.encode("cp1252") + b"\0")
    out += tnef_attr(1, 0x00038005, tnef_date(*dt))
    out += tnef_attr(1, 0x00038006, tnef_date(*dt))
    out += tnef_attr(1, 0x0004800D, struct.pack("<H", 2))
    if body is not None:
        out += tnef_attr(1, 0x0002800C, body.encode("cp1252").replace(b"\n", b"\r\n") + b"\0")
    props = [(0x0003, 0x0E07, 0x00000001)]  # PR_MESSAGE_FLAGS
    if mapi_body is not None:
        props.append((0x001E, 0x1000, mapi_body.replace("\n", "\r\n")))  # PR_BODY
        props.append((0x001F, 0x0E1D, subject))  # PR_NORMALIZED_SUBJECT_W
    out += tnef_attr(1, 0x00069003, mapi_props(props))
    for fn, data, mime in attachments:
        out += tnef_attr(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0x20, 0x20, 0))
        out += tnef_attr(2, 0x00018010, fn.encode("cp1252") + b"\0")
        out += tnef_attr(2, 0x00038013, tnef_date(*dt))
        out += tnef_attr(2, 0x0006800F, data)
        out += tnef_attr(2, 0x00069005, mapi_props([(0x001E, 0x3707, fn), (0x001E, 0x3704, fn[:8]),
                                                    (0x0003, 0x3705, 1), (0x001E, 0x370E, mime)]))
    return out


# 7z (LZMA, written with the standard library) ----------------------------------
def num7z(v):
    for i in range(9):
        if i == 8 or v < (1 << (7 * (i + 1))):
            if i == 8:
                return b"\xff" + v.to_bytes(8, "little")
            first = ((0xFF00 >> i) & 0xFF) | (v >> (8 * i))
            return bytes([first & 0xFF]) + (v & ((1 << (8 * i)) - 1)).to_bytes(i, "little")


def make_7z(files, mtime=FIXED_EPOCH):
    data = b"".join(d for _, d in files)
    filt = {"id": lzma.FILTER_LZMA1, "dict_size": 1 << 20, "lc": 3, "lp": 0, "pb": 2}
    packed = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[filt])
    props = bytes([(2 * 5 + 0) * 9 + 3]) + struct.pack("<I", 1 << 20)
    h = b"\x01\x04"  # Header, MainStreamsInfo
    h += b"\x06" + num7z(0) + num7z(1) + b"\x09" + num7z(len(packed)) + b"\x00"  # PackInfo
    h += b"\x07\x0b" + num7z(1) + b"\x00"  # UnpackInfo, Folder, 1 folder, not external
    h += num7z(1) + b"\x23" + b"\x03\x01\x01" + num7z(len(props)) + props  # 1 coder: LZMA with props
    h += b"\x0c" + num7z(len(data)) + b"\x00"
    h += b"\x08\x0d" + num7z(len(files))  # SubStreamsInfo
    if len(files) > 1:
        h += b"\x09" + b"".join(num7z(len(d)) for _, d in files[:-1])
    h += b"\x0a\x01" + b"".join(struct.pack("<I", zlib.crc32(d)) for _, d in files) + b"\x00"
    h += b"\x00"  # end MainStreamsInfo
    h += b"\x05" + num7z(len(files))  # FilesInfo
    names = b"\x00" + b"".join(n.encode("utf-16-le") + b"\0\0" for n, _ in files)
    h += b"\x11" + num7z(len(names)) + names
    ft = (mtime + 11644473600) * 10000000
    times = b"\x01\x00" + b"".join(struct.pack("<Q", ft) for _ in files)
    h += b"\x14" + num7z(len(times)) + times
    attrs = b"\x01\x00" + b"".join(struct.pack("<I", 0x20) for _ in files)
    h += b"\x15" + num7z(len(attrs)) + attrs
    h += b"\x00\x00"  # end FilesInfo, end Header
    start = struct.pack("<QQI", len(packed), len(h), zlib.crc32(h))
    sig = b"7z\xbc\xaf\x27\x1c\x00\x04" + struct.pack("<I", zlib.crc32(start)) + start
    return sig + packed + h


def tar_bytes(files, gz=False):
    bio = io.BytesIO()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = FIXED_EPOCH
            ti.mode = 0o644
            ti.uid = ti.gid = 1000
            ti.uname = ti.gname = "archiviste"
            t.addfile(ti, io.BytesIO(data))
    if not gz:
        return raw.getvalue()
    return gzip_bytes(raw.getvalue(), None)


def gzip_bytes(data, name):
    bio = io.BytesIO()
    with gzip.GzipFile(filename=name or "", mode="wb", fileobj=bio, mtime=FIXED_EPOCH) as g:
        g.write(data)
    return bio.getvalue()


# Fax TIFF -------------------------------------------------------------------
def fax_page(elems, rng, header):
    img = render_page(elems, dpi=204, size_in=(1728 / 204.0, 11))
    img = img.resize((1728, 2156), Image.LANCZOS)
    img = faxheader(img, header, 204)
    # a little skew and speckle, then bilevel
    img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.BILINEAR, fillcolor=255)
    bw = img.point(lambda v: 255 if v > 140 else 0).convert("1")
    d = ImageDraw.Draw(bw)
    for _ in range(rng.randint(150, 400)):
        x, y = rng.randrange(1728), rng.randrange(2156)
        d.point((x, y), fill=0)
    return bw


def tiff_bytes(pages, comp="group4"):
    bio = io.BytesIO()
    pages[0].save(bio, "TIFF", compression=comp, dpi=(204, 196), save_all=True, append_images=pages[1:])
    return bio.getvalue()


# AcroForm PDF -----------------------------------------------------------------
def pdf_val(v, enc):
    if enc == "hex":
        return pdf_utf16(v)
    if enc == "u16lit":
        return pdf_lit(b"\xfe\xff" + v.encode("utf-16-be"))
    return pdf_lit(v.encode("latin-1"))


def form_pdf(title, fields, values, objstm=False, compress=False, enc_cycle=("lit",), nested=True, producer="FormWriter 2.1 (fictif)"):
    """fields: list of (fqname, label, kind) kind in tx|cb|ch:opt1/opt2; values: dict fqname->str|bool.
    Page shows labels only; the values live only in /V (no appearance stream for text fields)."""
    pdf = PDF()
    cat = pdf.reserve()
    pages = pdf.reserve()
    page = pdf.reserve()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    fontb = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    cs = b"BT /F2 15 Tf 60 740 Td " + pdf_lit(title.encode("cp1252")) + b" Tj ET\n"
    cs += b"0.5 w 60 728 m 552 728 l S\n"
    cb_on = pdf.add(*pdf.stream_obj(b"/Type /XObject /Subtype /Form /BBox [0 0 12 12]",
                                    b"q 0 g BT /ZaDb 10 Tf 1.5 2 Td (4) Tj ET Q\n"))
    cb_off = pdf.add(*pdf.stream_obj(b"/Type /XObject /Subtype /Form /BBox [0 0 12 12]", b"\n"))
    y = 700
    widgets = []
    parents = {}
    top = []
    enc_i = 0
    for fq, label, kind in fields:
        cs += b"BT /F1 10 Tf 60 %d Td " % (y + 4) + pdf_lit(label.encode("cp1252")) + b" Tj ET\n"
        if kind == "cb":
            rect = (250, y, 262, y + 12)
        else:
            rect = (250, y - 2, 552, y + 16)
        cs += b"0.6 G %d %d %d %d re S 0 G\n" % (rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1])
        parts = fq.split(".") if nested else [fq]
        parent_ref = None
        for k in range(1, len(parts)):
            key = ".".join(parts[:k])
            if key not in parents:
                num = pdf.reserve()
                parents[key] = {"num": num, "kids": [], "t": parts[k - 1],
                                "parent": parents[".".join(parts[:k - 1])]["num"] if k > 1 else None}
                if k > 1:
                    parents[".".join(parts[:k - 1])]["kids"].append(num)
                else:
                    top.append(num)
            parent_ref = parents[key]["num"]
        v = values.get(fq)
        d = b"<< /Type /Annot /Subtype /Widget /T " + pdf_lit(parts[-1]) + b" /Rect [%d %d %d %d] /P %d 0 R /F 4" % (rect + (page,))
        if parent_ref:
            d += b" /Parent %d 0 R" % parent_ref
        if kind == "cb":
            st = b"/Oui" if v else b"/Off"
            d += b" /FT /Btn /V %s /AS %s /MK << /CA (4) >> /DA (/ZaDb 0 Tf 0 g) /AP << /N << /Oui %d 0 R /Off %d 0 R >> >>" % (st, st, cb_on, cb_off)
        else:
            d += b" /FT /Tx /DA (/Helv 10 Tf 0 g)"
            if kind.startswith("ch:"):
                opts = kind[3:].split("/")
                d = d.replace(b"/FT /Tx", b"/FT /Ch /Ff 131072 /Opt [" + b" ".join(pdf_lit(o.encode("latin-1")) for o in opts) + b"]")
            if v:
                enc = enc_cycle[enc_i % len(enc_cycle)]
                enc_i += 1
                d += b" /V " + pdf_val(v, enc)
            elif v == "":
                d += b" /V ()"
        d += b" >>"
        w = pdf.add(d)
        widgets.append(w)
        if parent_ref:
            parents[".".join(parts[:-1])]["kids"].append(w)
        else:
            top.append(w)
        y -= 28 if kind != "tx3" else 40
    for key, p in parents.items():
        d = b"<< /T " + pdf_lit(p["t"]) + b" /Kids [%s]" % b" ".join(b"%d 0 R" % k for k in p["kids"])
        if p["parent"]:
            d += b" /Parent %d 0 R" % p["parent"]
        pdf.set(p["num"], d + b" >>")
    cs += b"BT /F1 8 Tf 60 40 Td " + pdf_lit("Formulaire électronique — remplir à l'écran puis imprimer.".encode("cp1252")) + b" Tj ET\n"
    content = pdf.add(*pdf.stream_obj(b"", cs, compress=compress))
    helv = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    zadb = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
    pdf.set(page, b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                  b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Annots [%s] >>"
            % (pages, content, font, fontb, b" ".join(b"%d 0 R" % w for w in widgets)))
    pdf.set(pages, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    acro = pdf.add(b"<< /Fields [%s] /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >>"
                   % (b" ".join(b"%d 0 R" % t for t in top), helv, zadb))
    pdf.set(cat, b"<< /Type /Catalog /Pages %d 0 R /AcroForm %d 0 R >>" % (pages, acro))
    info = pdf_info(pdf, title, producer)
    return pdf.write(cat, info, objstm=objstm)


# LibreOffice ------------------------------------------------------------------
def soffice_convert(jobs):
    """jobs: list of (input_name, input_bytes, filter_spec, out_ext). Returns dict input_name -> output bytes."""
    tmp = tempfile.mkdtemp(prefix="fnx-lo-")
    try:
        prof = os.path.join(tmp, "profile")
        env = dict(os.environ)
        env["SOURCE_DATE_EPOCH"] = str(FIXED_EPOCH)
        env["TZ"] = "UTC"
        res = {}
        by_filter = {}
        for name, data, flt, ext in jobs:
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
            by_filter.setdefault((flt, ext), []).append(name)
        for (flt, ext), names in sorted(by_filter.items()):
            outdir = os.path.join(tmp, "out-" + ext)
            os.makedirs(outdir, exist_ok=True)
            subprocess.run(["soffice", "-env:UserInstallation=file://" + prof, "--headless", "--norestore",
                            "--convert-to", "%s:%s" % (ext, flt), "--outdir", outdir] + [os.path.join(tmp, n) for n in names],
                           env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
            for n in names:
                with open(os.path.join(outdir, n.rsplit(".", 1)[0] + "." + ext), "rb") as f:
                    res[n] = f.read()
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------
COVERS_FR = ["Bonjour,\n\nCi-joint le document dont nous avons parlé. Merci de me confirmer la réception.\n",
             "Bonjour,\n\nVoici le document demandé. Je suis disponible au poste 4412 si besoin.\n",
             "Salut,\n\nJe t'envoie ça pour la réunion de jeudi. Bonne journée!\n",
             "Bonjour,\n\nTel que convenu, voir la pièce jointe.\n",
             "Bonjour,\n\nPour votre information. N'hésitez pas si vous avez des questions.\n",
             "Bonjour,\n\nJe te transfère ceci pour suivi, je n'ai pas accès à mon poste ce soir.\n"]
COVERS_EN = ["Hi,\n\nPlease find the document attached as discussed.\n",
             "Hello,\n\nAs requested, see attachment. Let me know if anything is missing.\n",
             "Hi,\n\nForwarding this so you can look at it from home.\n"]


def sig(rng):
    return "\n-- \n%s\n%s\nTél. : 514 555-%04d, poste %d\n" % (physician(rng), rng.choice(SITES)[0], rng.randint(100, 9999), rng.randint(1000, 9999))


def cover(rng, lang=None):
    lang = lang or ("fr" if rng.random() < 0.75 else "en")
    return rng.choice(COVERS_FR if lang == "fr" else COVERS_EN) + sig(rng)


class Corpus:
    def __init__(self):
        self.items = []  # (label, category, slug, bytes)
        self.idx = 0

    def add(self, label, category, slug, subject, root, rng, subject_raw=None, extra_headers=None):
        self.idx += 1
        data = build_eml(self.idx, subject, root, rng, subject_raw, extra_headers)
        self.items.append((label, category, slug, data))


def simple(rng, attachments, lang=None, text=None):
    return mixed(text_part(text or cover(rng, lang)), *attachments)


SUBJ_POS = ["Document pour suivi", "Dossier à compléter", "Pour ta révision", "À voir SVP", "Suivi de demain",
            "Fwd: document", "TR: numérisation", "Référence", "Demande d'avis", "Copie pour toi"]
SUBJ_NEG = ["Document pour suivi", "Pour ta révision", "À voir SVP", "Fwd: document", "TR: numérisation",
            "Info", "Pour la réunion", "Copie pour toi", "Mise à jour", "Gabarit"]


# 1. screenshots ---------------------------------------------------------------
def cat_screenshot(c):
    rng = random.Random(SEED + 1)
    for i, kind in enumerate(["labs", "meds", "note", "appts", "board", "search"]):
        img = shot_pos(kind, rng, "fr" if i != 1 else "en")
        fn = rng.choice(["Capture.PNG", "image.png", "Capture d'écran 2024-06-11 101512.png".replace("é", "e"), "screenshot.png"])
        c.add("positive", "screenshot", "screenshot-" + kind, rng.choice(SUBJ_POS), simple(rng, [attach(png_bytes(img, quant=True), "image/png", fn)]), rng)
    for kind in ["empty", "stats", "roster", "stock", "template", "login"]:
        img = shot_neg(kind, rng)
        c.add("negative", "screenshot", "screenshot-" + kind, rng.choice(SUBJ_NEG),
              simple(rng, [attach(png_bytes(img, quant=True), "image/png", rng.choice(["Capture.PNG", "image001.png", "ecran.png"]))]), rng)


# 2. scans -----------------------------------------------------------------------
def scan_jpeg(elems, rng, orientation=None, dpi=None, serif=False, grey=False):
    dpi = dpi or rng.choice([150, 150, 200])
    qual = rng.choice([48, 52])
    page = render_page(elems, dpi=dpi, serif=serif)
    scale = 1.0 if dpi == 150 else 0.8
    photo = photoize(page, rng, noise=3, blur=1.1, scale=scale)
    dpi = int(round(dpi * scale))
    if grey:
        photo = photo.convert("L")
    if orientation:
        photo = stored_for_orientation(photo, orientation)
    return jpeg_bytes(photo, quality=qual, orientation=orientation, dpi=dpi)


def cat_scan(c):
    rng = random.Random(SEED + 2)
    orients = [None, 6, None, 8, 3, 6]
    for i, fn in enumerate(POS_DOCS):
        p = Person(rng)
        lang = "en" if i in (0, 3) and rng.random() < 0.7 else "fr"
        data = scan_jpeg(fn(p, rng, lang), rng, orients[i], serif=(i % 2 == 1), grey=(i % 2 == 0))
        name = rng.choice(["IMG_%04d.JPG" % rng.randint(1000, 9999), "scan0%d.jpg" % rng.randint(10, 99), "photo.jpeg"])
        c.add("positive", "scan", "scan-" + fn.__name__[4:], rng.choice(SUBJ_POS), simple(rng, [attach(data, "image/jpeg", name)]), rng)
    negs = [neg_blank_referral, neg_blank_rx, neg_policy, neg_schedule, neg_invoice, neg_attendance]
    orients = [6, None, None, 8, 3, None]
    for i, fn in enumerate(negs):
        data = scan_jpeg(fn(rng), rng, orients[i], grey=(i % 2 == 1))
        name = rng.choice(["IMG_%04d.JPG" % rng.randint(1000, 9999), "scan0%d.jpg" % rng.randint(10, 99)])
        c.add("negative", "scan", "scan-" + fn.__name__[4:], rng.choice(SUBJ_NEG), simple(rng, [attach(data, "image/jpeg", name)]), rng)


# 3. inline images -----------------------------------------------------------------
def wristband(p, rng):
    img = Image.new("RGB", (900, 260), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([10, 10, 890, 250], radius=30, fill="white", outline=(180, 180, 180), width=3)
    d.text((50, 35), p.name_inv, font=F(30, "bold"), fill=0)
    d.text((50, 85), "DDN : %s   %s   %d ans" % (p.dob_fmt(0), p.sex, p.age), font=F(22), fill=0)
    d.text((50, 120), "Dossier : %s" % p.mrn, font=F(22, "bold"), fill=0)
    d.text((50, 155), "NAM : %s" % p.nam_fmt(0), font=F(22), fill=0)
    d.text((50, 195), "Adm. 2024-06-0%d  %s" % (rng.randint(1, 9), rng.choice(UNITS)), font=F(18), fill=0)
    x = 600
    while x < 860:
        w = rng.choice([2, 3, 5])
        d.rectangle([x, 40, x + w, 200], fill=0)
        x += w + rng.choice([2, 3, 4])
    return img


def bar_chart(rng, title):
    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    d.text((30, 20), title, font=F(22, "bold"), fill=(30, 30, 30))
    vals = [rng.randint(20, 140) for _ in range(6)]
    labels = ["Jan", "Fév", "Mar", "Avr", "Mai", "Juin"]
    for i, v in enumerate(vals):
        x = 80 + i * 130
        d.rectangle([x, 440 - v * 2.5, x + 80, 440], fill=(70, 110, 170))
        d.text((x + 20, 448), labels[i], font=F(18), fill=0)
        d.text((x + 20, 440 - v * 2.5 - 26), str(v), font=F(18), fill=0)
    d.line([60, 440, 870, 440], fill=0, width=2)
    return img


def error_dialog(rng):
    img = Image.new("RGB", (760, 300), (240, 240, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 760, 36], fill=(0, 90, 160))
    d.text((12, 8), "ClinExpert DCI — Erreur", font=F(17, "bold"), fill="white")
    d.ellipse([30, 80, 90, 140], fill=(200, 40, 40))
    d.text((52, 88), "!", font=F(36, "bold"), fill="white")
    d.text((120, 80), "Impossible de joindre le serveur d'impression.", font=F(18), fill=0)
    d.text((120, 112), "Code : PRN-0x%04X   File : \\\\imp-%03d\\DCI" % (rng.randint(0, 65535), rng.randint(1, 999)), font=F(16), fill=0)
    d.text((120, 144), "Billet de soutien : SD-%06d" % rng.randint(0, 999999), font=F(16), fill=0)
    d.rectangle([620, 230, 730, 270], fill="white", outline=(120, 120, 120))
    d.text((655, 240), "OK", font=F(18), fill=0)
    return img


def org_chart(rng):
    img = Image.new("RGB", (1000, 520), "white")
    d = ImageDraw.Draw(img)
    boxes = [(400, 30, "Direction des services professionnels", staff_name(rng))]
    for i in range(3):
        boxes.append((60 + i * 320, 220, rng.choice(["Chef — Médecine", "Chef — Chirurgie", "Chef — Urgence", "Chef — Imagerie"]), staff_name(rng)))
    for i in range(3):
        boxes.append((60 + i * 320, 390, "Coordination %d" % (i + 1), staff_name(rng)))
    for x, y, t, n in boxes:
        d.rectangle([x, y, x + 280, y + 90], fill=(230, 238, 250), outline=(60, 90, 140), width=2)
        d.text((x + 12, y + 14), t[:30], font=F(16, "bold"), fill=0)
        d.text((x + 12, y + 50), n, font=F(16), fill=0)
    for i in range(3):
        d.line([540, 120, 200 + i * 320, 220], fill=(60, 90, 140), width=2)
        d.line([200 + i * 320, 310, 200 + i * 320, 390], fill=(60, 90, 140), width=2)
    return img


def product_label(rng):
    img = Image.new("RGB", (820, 340), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([5, 5, 815, 335], outline=0, width=3)
    d.text((30, 25), rng.choice(["Héparine sodique 5 000 U/mL", "Céfazoline 1 g pour injection"]), font=F(26, "bold"), fill=0)
    d.text((30, 75), "DIN %s" % din(rng), font=F(22), fill=0)
    d.text((30, 110), "LOT %s%05d    EXP 2025-%02d" % (rng.choice("ABK"), rng.randint(0, 99999), rng.randint(1, 12)), font=F(22), fill=0)
    d.text((30, 145), "Code produit : %s" % lookalike_code(rng), font=F(22), fill=0)
    d.text((30, 180), "N° série : SN%09d" % rng.randint(0, 999999999), font=F(22), fill=0)
    x = 30
    while x < 780:
        w = rng.choice([2, 3, 5])
        d.rectangle([x, 230, x + w, 310], fill=0)
        x += w + rng.choice([2, 3, 4])
    return img


def excel_range(header, rows, rng):
    W = 1000
    H = 40 + 32 * (len(rows) + 1) + 20
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    n = len(header)
    widths = [40] + [(W - 60) // n] * n
    cols = [""] + header
    rws = [[str(i + 2)] + r for i, r in enumerate(rows)]
    draw_table(d, 10, 10, cols, rws, F(15), F(15, "bold"), widths, 32, header_fill=(230, 230, 230), grid=(200, 200, 200))
    return img


def crop(img, box):
    return img.crop(box)


def inline_msg(rng, img, fmt="png", lang="fr", text_before=None):
    cid = "image%03d.%s@01DAB%04X.%08X" % (rng.randint(1, 9), fmt, rng.randint(0, 65535), rng.randint(0, 2 ** 32 - 1))
    before = text_before or rng.choice(["Bonjour,<br><br>Voir ci-dessous :", "Salut, regarde ça :", "Hi, see below:",
                                        "Bonjour, tel que discuté au téléphone :"])
    s = sig(rng).replace("\n", "<br>")
    html = html_wrap('<p>%s</p><p><img width="%d" height="%d" src="cid:%s" alt="image"></p><p>%s</p>'
                     % (before, img.width, img.height, cid, s))
    plain = before.replace("<br>", "\n") + "\n\n[image]\n" + sig(rng)
    data = png_bytes(img, quant=True) if fmt == "png" else jpeg_bytes(img.convert("RGB"), 70)
    alt = mixed(text_part(plain), text_part(html, subtype="html"), sub="alternative")
    imgpart = Part("image/" + ("png" if fmt == "png" else "jpeg"), data, "base64", cid=cid, disp="inline",
                   filename="image%03d.%s" % (rng.randint(1, 9), "png" if fmt == "png" else "jpg"))
    return Part("multipart/related", children=[alt, imgpart], boundary=boundary(), params=[("type", "multipart/alternative")])


def cat_inline(c):
    rng = random.Random(SEED + 3)
    s1 = shot_pos("labs", rng)
    imgs = [crop(s1, (0, 60, min(s1.width, 1200), 560)), wristband(Person(rng), rng)]
    page = render_page(doc_labreport(Person(rng), rng), dpi=110)
    imgs.append(crop(page, (0, 0, page.width, page.height // 2)))
    s2 = shot_pos("appts", rng)
    imgs.append(crop(s2, (230, 140, s2.width, 640)))
    rxp = photoize(render_page(doc_prescription(Person(rng), rng), dpi=100), rng, noise=5)
    imgs.append(rxp)
    rows = []
    for _ in range(8):
        q = Person(rng)
        rows.append([q.name_inv, q.dob_fmt(1), q.nam_fmt(1), rng.choice(DX_FR)[:26]])
    imgs.append(excel_range(["Nom", "DDN", "NAM", "Diagnostic"], rows, rng))
    slugs = ["labs-crop", "wristband", "lab-report-snip", "appointments", "prescription-photo", "excel-list"]
    for i, (img, slug) in enumerate(zip(imgs, slugs)):
        c.add("positive", "inline-image", "inline-" + slug, rng.choice(SUBJ_POS),
              inline_msg(rng, img, "jpeg" if slug == "prescription-photo" else "png"), rng)
    s3 = shot_neg("stock", rng)
    s4 = shot_neg("roster", rng)
    negs = [bar_chart(rng, "Admissions par mois — médecine (agrégé)"), error_dialog(rng), crop(s3, (230, 140, s3.width, 600)),
            org_chart(rng), crop(s4, (230, 140, s4.width, 600)), product_label(rng)]
    slugs = ["chart", "error-dialog", "stock", "org-chart", "roster", "product-label"]
    for img, slug in zip(negs, slugs):
        c.add("negative", "inline-image", "inline-" + slug, rng.choice(SUBJ_NEG), inline_msg(rng, img), rng)


# 4. small images (negatives only) ------------------------------------------------
def logo(rng, text, w=240, h=64):
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    col = rng.choice([(0, 84, 150), (0, 120, 90), (140, 30, 60)])
    d.rounded_rectangle([4, 4, h - 4, h - 4], radius=10, fill=col)
    d.text((16, 10), "+", font=F(36, "bold"), fill="white")
    d.text((h + 8, 12), text, font=F(18, "bold"), fill=col)
    d.text((h + 8, 36), "Santé et Services sociaux", font=F(11), fill=(90, 90, 90))
    return img


def icon(rng, letter, col):
    img = Image.new("RGBA", (24, 24), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([0, 0, 23, 23], fill=col)
    d.text((7, 3), letter, font=F(14, "bold"), fill="white")
    return img


def pixel_gif():
    img = Image.new("P", (1, 1), 0)
    img.putpalette([255, 255, 255])
    bio = io.BytesIO()
    img.save(bio, "GIF", transparency=0)
    return bio.getvalue()


def sig_image(rng):
    img = Image.new("RGB", (420, 110), "white")
    d = ImageDraw.Draw(img)
    n = physician(rng)
    pts = [(20 + i * 9, 40 + (14 if i % 3 == 0 else -10 if i % 3 == 1 else 0)) for i in range(20)]
    d.line(pts, fill=(20, 40, 120), width=3)
    d.text((20, 70), n + " — " + rng.choice(["Médecine interne", "Cardiologie", "Pédiatrie"]), font=F(16), fill=(20, 20, 20))
    return img


def cat_small(c):
    rng = random.Random(SEED + 4)
    themes = ["Infolettre de la Direction — juin 2024", "Rappel : vaccination antigrippale du personnel", "Bulletin de la Fondation",
              "Invitation : colloque en soins palliatifs", "Signature — coordonnées mises à jour", "Nouvelles du comité vert",
              "Semaine des infirmières et infirmiers"]
    for i, t in enumerate(themes):
        parts = []
        lg = logo(rng, rng.choice(["CIUSSS Vallée-Verte", "CHU de l'Estrie-Sud", "Hôpital Ste-Clothilde"]))
        cids = []
        imgs = [("logo.png", png_bytes(lg), "image/png")]
        if i % 2 == 0:
            for L, col in [("f", (59, 89, 152)), ("in", (0, 119, 181)), ("X", (20, 20, 20)), ("▶", (200, 0, 0))]:
                imgs.append(("icon_%s.png" % strip_accents(L).replace("▶", "yt") if L != "▶" else "icon_yt.png", png_bytes(icon(rng, L if L != "▶" else "Y", col)), "image/png"))
        if i in (1, 3, 5, 6):
            imgs.append(("spacer.gif", pixel_gif(), "image/gif"))
        if i in (4, 6, 2):
            imgs.append(("signature.png", png_bytes(sig_image(rng)), "image/png"))
        html = "<table width='600'><tr><td><img src='cid:%s' width='240' height='64'></td></tr>"
        body = ""
        for k, (fn, data, ct) in enumerate(imgs):
            cid = "%s@%08X.newsletter" % (fn, rng.randint(0, 2 ** 32 - 1))
            cids.append(cid)
            parts.append(Part(ct, data, "base64", cid=cid, disp="inline", filename=fn))
        text = ("%s\n\nChères et chers collègues,\n\nNous vous rappelons que %s. Au total, %d membres du personnel ont "
                "participé l'an dernier (taux de %d %%). Merci à toutes les équipes!\n\nLa Direction des communications\n"
                % (t, rng.choice(["la clinique de vaccination est ouverte du lundi au vendredi au local A-1203",
                                  "les inscriptions se terminent le 21 juin", "la cafétéria sera fermée le 24 juin"]),
                   rng.randint(300, 2500), rng.randint(40, 85)))
        imgtags = "".join("<img src='cid:%s' alt='%s'>" % (cid, fn) for cid, (fn, _, _) in zip(cids, imgs))
        html = html_wrap("<table width='600'><tr><td>%s</td></tr><tr><td><p>%s</p></td></tr></table>"
                         % (imgtags, html_escape(text).replace("\n", "<br>")))
        if i == 5:
            html = html.replace("</body>", "<img src='https://infolettre.ciusss-vv.test/o/%08x.gif' width='1' height='1'></body>" % rng.randint(0, 2 ** 32))
        alt = mixed(text_part(text), text_part(html, subtype="html"), sub="alternative")
        root = Part("multipart/related", children=[alt] + parts, boundary=boundary(), params=[("type", "multipart/alternative")])
        c.add("negative", "small-images", "small-" + ["newsletter", "vaccination", "foundation", "invitation", "signature",
                                                      "green-committee", "nurses-week"][i], t, root, rng)


# 5. scanned PDFs -------------------------------------------------------------------
def scanned_page(elems, rng, dpi=150, clean=True, header=None):
    page = render_page(elems, dpi=dpi, serif=rng.random() < 0.4)
    if header:
        page = faxheader(page, header, dpi)
    page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=255)
    if not clean:
        page = ImageChops.add(page, noise_img(rng, page.size, 4), 1.0, -128).filter(ImageFilter.GaussianBlur(0.8))
    return page


def cat_scanned_pdf(c):
    rng = random.Random(SEED + 5)
    pos = [("referral-fax", [neg_faxcover, doc_referral], "bilevel"), ("discharge", [doc_discharge], "jpeg"),
           ("lab", [doc_labreport], "grey"), ("imaging-fax", [neg_faxcover, doc_imaging, doc_requisition], ["bilevel", "jpeg", "bilevel"]),
           ("prescription", [doc_prescription], "jpeg"), ("referral-en", [doc_referral], "bilevel")]
    for slug, docs, mode in pos:
        p = Person(rng)
        pages = []
        hdr = "2024-06-%02d 14:%02d   DE/FROM: 514 555 %04d   P. %%d/%d" % (rng.randint(1, 10), rng.randint(0, 59), rng.randint(100, 9999), len(docs))
        for k, fn in enumerate(docs):
            if fn is neg_faxcover:
                el = fn(rng, len(docs))
            else:
                el = fn(p, rng, "en" if slug.endswith("-en") else "fr")
            pages.append(scanned_page(el, rng, clean=(mode != "jpeg"), header=(hdr % (k + 1)) if "fax" in slug else None))
        data = image_pdf(pages, mode)
        c.add("positive", "scanned-pdf", "scannedpdf-" + slug, rng.choice(SUBJ_POS),
              simple(rng, [attach(data, "application/pdf", rng.choice(["SCAN_%04d.pdf" % rng.randint(0, 9999), "Numérisation.pdf".replace("é", "e"), "doc20240611.pdf"]))]), rng)
    negs = [("policy-fax", [lambda r: neg_faxcover(r, 2), neg_policy], "bilevel"), ("blank-referral", [neg_blank_referral], "grey"),
            ("stats", [neg_stats], "jpeg"), ("invoice", [neg_invoice, neg_invoice], "bilevel"), ("minutes", [neg_minutes], "jpeg"),
            ("schedule-fax", [lambda r: neg_faxcover(r, 2), neg_schedule], ["bilevel", "grey"])]
    for slug, docs, mode in negs:
        pages = [scanned_page(fn(rng), rng, clean=(mode != "jpeg")) for fn in docs]
        data = image_pdf(pages, mode)
        c.add("negative", "scanned-pdf", "scannedpdf-" + slug, rng.choice(SUBJ_NEG),
              simple(rng, [attach(data, "application/pdf", "SCAN_%04d.pdf" % rng.randint(0, 9999))]), rng)


# 6. fax TIFF -------------------------------------------------------------------
def cat_fax(c):
    rng = random.Random(SEED + 6)
    pos = [[neg_faxcover, doc_referral], [doc_labreport], [neg_faxcover, doc_discharge, doc_prescription],
           [doc_imaging, doc_requisition], [neg_faxcover, doc_requisition], [doc_referral, doc_labreport]]
    for i, docs in enumerate(pos):
        p = Person(rng)
        src = rng.choice(SITES)[0][:28].upper()
        pages = []
        for k, fn in enumerate(docs):
            el = fn(rng, len(docs)) if fn is neg_faxcover else fn(p, rng, "en" if i == 5 else "fr")
            hdr = "JUN-%02d-2024 %02d:%02d  DE: 514 555 %04d  %s  P.%d/%d" % (rng.randint(3, 10), rng.randint(8, 17), rng.randint(0, 59),
                                                                           rng.randint(100, 9999), strip_accents(src), k + 1, len(docs))
            pages.append(fax_page(el, rng, hdr))
        data = tiff_bytes(pages, "group4" if i % 2 == 0 else "group3")
        c.add("positive", "fax-tiff", "fax-" + docs[-1].__name__[4:], rng.choice(["Télécopie reçue", "Fax reçu", "Fax entrant", "TR: fax"]),
              simple(rng, [attach(data, "image/tiff", "fax_%06d.tif" % rng.randint(0, 999999))]), rng)
    negs = [[lambda r: neg_faxcover(r, 2), neg_policy], [neg_blank_referral], [lambda r: neg_faxcover(r, 2), neg_invoice],
            [neg_schedule, neg_attendance], [lambda r: neg_faxcover(r, 1)]]
    for i, docs in enumerate(negs):
        pages = []
        for k, fn in enumerate(docs):
            hdr = "JUN-%02d-2024 %02d:%02d  DE: 450 555 %04d  SERVICE DES ACHATS  P.%d/%d" % (rng.randint(3, 10), rng.randint(8, 17),
                                                                                           rng.randint(0, 59), rng.randint(100, 9999), k + 1, len(docs))
            pages.append(fax_page(fn(rng), rng, hdr))
        data = tiff_bytes(pages, "group4" if i % 2 else "group3")
        c.add("negative", "fax-tiff", "fax-" + ["policy", "blank-referral", "invoice", "schedule", "cover-only"][i],
              rng.choice(["Télécopie reçue", "Fax reçu", "Fax entrant"]),
              simple(rng, [attach(data, "image/tiff", "fax_%06d.tif" % rng.randint(0, 999999))]), rng)


# 7. office files whose only patient data is an embedded picture -----------------------
GENERIC_FR = ["Le présent document vise à uniformiser les pratiques entre les unités de soins.",
              "Merci de consulter la version la plus récente sur l'intranet avant toute impression.",
              "Les questions peuvent être adressées à la conseillère cadre en soins infirmiers.",
              "Cette procédure sera révisée au plus tard en juin 2026 par le comité de la qualité.",
              "Les gestionnaires s'assurent que le personnel a pris connaissance du document."]


def fit(img, maxw=1000):
    if img.width > maxw:
        img = img.resize((maxw, int(img.height * maxw / img.width)), Image.LANCZOS)
    return img


def office_with_image(kind, img, rng, fmt="png", title="Document", bullets=None):
    img = fit(img)
    data = png_bytes(img, quant=True) if fmt == "png" else jpeg_bytes(img.convert("RGB"), 60)
    name = "image1." + ("png" if fmt == "png" else "jpeg")
    if kind == "docx":
        emu_w = 5486400
        emu_h = int(emu_w * img.height / img.width)
        body = w_p(title, bold=True, size=28) + w_p(rng.choice(["Voir la capture ci-dessous.", "Tel que discuté, voici l'image.",
                                                                 "Image jointe pour référence."])) + \
            w_image("rIdImg1", emu_w, emu_h) + w_p(rng.choice(GENERIC_FR))
        return make_docx(body, title, images=[("rIdImg1", name, data)]), "docx", MIME_DOCX
    if kind == "xlsx":
        rows = [["Semaine", "Demandes reçues", "Traitées", "En attente"]] + \
               [["2024-S%02d" % w, rng.randint(20, 80), rng.randint(10, 60), rng.randint(0, 20)] for w in range(18, 24)]
        return make_xlsx([{"name": "Suivi", "rows": rows, "image": (name, data, img.width, img.height, 5, 1)}], title), "xlsx", MIME_XLSX
    slides = [{"title": title, "bullets": bullets or ["Ordre du jour", "Points de discussion", "Prochaines étapes"]},
              {"title": rng.choice(["Illustration", "Capture", "Exemple"]), "image": (name, data, img.width, img.height)}]
    return make_pptx(slides, title), "pptx", MIME_PPTX


def cat_office_image(c):
    rng = random.Random(SEED + 7)
    s_meds = shot_pos("meds", rng)
    ref = photoize(render_page(doc_referral(Person(rng), rng), dpi=100), rng, noise=3)
    rows = []
    for _ in range(9):
        q = Person(rng)
        rows.append([q.name_inv, q.mrn, q.dob_fmt(0), rng.choice(["HbA1c 9,2 %", "INR 3,8", "K+ 6,1", "Trop. 245", "Cr 310"])])
    plist = excel_range(["Patient", "Dossier", "DDN", "Résultat critique"], rows, rng)
    img_rep = render_page(doc_imaging(Person(rng), rng), dpi=100)
    board = shot_pos("board", rng)
    pos = [("docx", crop(s_meds, (0, 60, s_meds.width, 600)), "png", "Suivi pharmaco", "meds-capture"),
           ("docx", ref, "jpeg", "Référence reçue", "referral-photo"),
           ("xlsx", plist, "png", "Suivi des demandes", "list-picture"),
           ("pptx", crop(img_rep, (0, 0, img_rep.width, img_rep.height * 2 // 3)), "png", "Cas clinique — réunion du jeudi", "imaging-slide"),
           ("docx", wristband(Person(rng), rng), "png", "Étiquette", "wristband"),
           ("pptx", board, "png", "Débordement à l'urgence — état de situation", "board-slide")]
    for kind, img, fmt, title, slug in pos:
        data, ext, mime = office_with_image(kind, img, rng, fmt, title)
        c.add("positive", "office-embedded-image", "officeimg-" + slug, rng.choice(SUBJ_POS),
              simple(rng, [attach(data, mime, "%s.%s" % (strip_accents(title).replace(" ", "_").replace("'", "").replace("\u2014", "-")[:24], ext))]), rng)
    negs = [("docx", logo(rng, "CIUSSS Vallée-Verte", 480, 128), "png", "Lettre type — bénévoles", "logo-letter"),
            ("xlsx", bar_chart(rng, "Visites à l'urgence par mois (agrégé)"), "png", "Statistiques urgence", "chart"),
            ("pptx", org_chart(rng), "png", "Structure organisationnelle 2024", "org-chart"),
            ("docx", render_page(neg_blank_referral(rng), dpi=90), "png", "Gabarit demande de consultation", "blank-form"),
            ("xlsx", shot_neg("stock", rng), "png", "Inventaire pharmacie", "stock"),
            ("pptx", shot_neg("stats", rng), "png", "Tableau de bord — occupation", "dashboard")]
    for kind, img, fmt, title, slug in negs:
        data, ext, mime = office_with_image(kind, img, rng, fmt, title)
        c.add("negative", "office-embedded-image", "officeimg-" + slug, rng.choice(SUBJ_NEG),
              simple(rng, [attach(data, mime, "%s.%s" % (strip_accents(title).replace(" ", "_").replace("'", "").replace("\u2014", "-")[:24], ext))]), rng)


# 8. hidden parts of office files ------------------------------------------------------
def policy_body(rng, title):
    return (w_p(title, bold=True, size=28) + "".join(w_p(t) for t in rng.sample(GENERIC_FR, 4)) +
            w_table([["Étape", "Responsable", "Délai"], ["Préparation", "Infirmière", "J-1"], ["Vérification", "Pharmacien", "J0"],
                     ["Suivi", "Médecin traitant", "J+7"]]))


def cat_office_hidden(c):
    rng = random.Random(SEED + 8)
    P = lambda: Person(rng)
    # positives
    p = P()
    d = make_docx(policy_body(rng, "Consignes après une coloscopie"), "Consignes",
                  header=w_p("Patient : %s — Dossier %s — DDN %s" % (p.name_inv, p.mrn, p.dob_fmt(rng=rng))))
    c.add("positive", "office-hidden-parts", "hidden-docx-header", "Consignes", simple(rng, [attach(d, MIME_DOCX, "Consignes.docx")]), rng)
    p = P()
    d = make_docx(policy_body(rng, "Enseignement — autosoins"), "Enseignement",
                  footer=w_p("%s   NAM %s   %s" % (p.name, p.nam_fmt(rng=rng), rng.choice(DX_FR))))
    c.add("positive", "office-hidden-parts", "hidden-docx-footer", "Enseignement", simple(rng, [attach(d, MIME_DOCX, "Enseignement.docx")]), rng)
    p = P()
    body = (w_p("Protocole de titration de l'insuline", bold=True, size=28) +
            '<w:p><w:commentRangeStart w:id="1"/>' + w_run("Augmenter la dose basale de 2 unités tous les 3 jours jusqu'à l'atteinte de la cible.") +
            '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>' + "".join(w_p(t) for t in rng.sample(GENERIC_FR, 3)))
    d = make_docx(body, "Protocole", comments=[(1, staff_name(rng), "Appliqué chez %s (dossier %s), glycémies à 14-18 mmol/L, HbA1c 10,1 %%." % (p.name, p.mrn))])
    c.add("positive", "office-hidden-parts", "hidden-docx-comment", "Protocole insuline", simple(rng, [attach(d, MIME_DOCX, "Protocole_insuline.docx")]), rng)
    p = P()
    body = (w_p("Procédure de transfert interétablissements", bold=True, size=28) + w_p(rng.choice(GENERIC_FR)) +
            '<w:p>' + w_run("Le dossier doit accompagner l'usager lors du transfert. ") +
            '<w:ins w:id="7" w:author="%s" w:date="2024-06-10T10:00:00Z">' % xesc(staff_name(rng)) +
            w_run("Exemple : %s, né%s le %s, transféré pour %s. " % (p.name, "e" if p.sex == "F" else "", p.dob_fmt(rng=rng), rng.choice(DX_FR))) +
            "</w:ins></w:p>" + w_p(rng.choice(GENERIC_FR)))
    d = make_docx(body, "Transfert")
    c.add("positive", "office-hidden-parts", "hidden-docx-tracked", "Procédure transfert — révision", simple(rng, [attach(d, MIME_DOCX, "Procedure_transfert_v3.docx")]), rng)
    p = P()
    body = (w_p("Revue des événements indésirables — T1", bold=True, size=28) +
            '<w:p>' + w_run("Une chute avec fracture a été déclarée au cours du trimestre.") +
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>' +
            "".join(w_p(t) for t in rng.sample(GENERIC_FR, 3)))
    d = make_docx(body, "Revue", footnotes=[(1, "%s, dossier %s, %d ans, fracture de la hanche le 2024-03-%02d." % (p.name_inv, p.mrn, p.age, rng.randint(1, 28)))])
    c.add("positive", "office-hidden-parts", "hidden-docx-footnote", "Revue trimestrielle", simple(rng, [attach(d, MIME_DOCX, "Revue_T1.docx")]), rng)
    rows = [["Nom", "DDN", "NAM", "Dossier", "Diagnostic"]]
    for _ in range(12):
        q = P()
        rows.append([q.name_inv, q.dob_fmt(0), q.nam_fmt(1), q.mrn, rng.choice(DX_FR)])
    agg = [["Diagnostic", "Nombre"], ["Insuffisance cardiaque", 4], ["MPOC", 3], ["Diabète", 5]]
    x = make_xlsx([{"name": "Synthèse", "rows": agg}, {"name": "Données", "rows": rows, "hidden": True}], "Synthèse")
    c.add("positive", "office-hidden-parts", "hidden-xlsx-sheet", "Synthèse du mois", simple(rng, [attach(x, MIME_XLSX, "Synthese_mai.xlsx")]), rng)
    p = P()
    rows = [["Indicateur", "Mai", "Juin"], ["Délai moyen (jours)", 12, 14], ["Demandes", 88, 93], ["Annulations", 4, 6]]
    x = make_xlsx([{"name": "Indicateurs", "rows": rows, "comments": [("C4", staff_name(rng), "Dont %s (%s), NAM %s — annulé, sepsis en cours." % (p.name, p.mrn, p.nam_fmt(rng=rng)))]}], "Indicateurs")
    c.add("positive", "office-hidden-parts", "hidden-xlsx-comment", "Indicateurs juin", simple(rng, [attach(x, MIME_XLSX, "Indicateurs.xlsx")]), rng)
    p = P()
    slides = [{"title": "Gestion de l'insuffisance cardiaque", "bullets": ["Classification NYHA", "Traitement optimal", "Suivi en clinique"],
               "notes": ["Parler du cas de %s, %d ans (dossier %s) : FEVG 25 %%, réadmis trois fois cette année." % (p.name, p.age, p.mrn)]},
              {"title": "Questions", "bullets": ["Merci!"]}]
    x = make_pptx(slides, "IC")
    c.add("positive", "office-hidden-parts", "hidden-pptx-notes", "Présentation de jeudi", simple(rng, [attach(x, MIME_PPTX, "IC_formation.pptx")]), rng)
    # negatives
    d = make_docx(policy_body(rng, "Consignes après une coloscopie"), "Consignes",
                  header=w_p("Document contrôlé DOC-%05d — version 4 — 2024-05-01" % rng.randint(0, 99999)),
                  footer=w_p("Direction des soins infirmiers — page 1"))
    c.add("negative", "office-hidden-parts", "hidden-docx-header", "Consignes", simple(rng, [attach(d, MIME_DOCX, "Consignes.docx")]), rng)
    body = (w_p("Protocole de titration de l'insuline", bold=True, size=28) +
            '<w:p><w:commentRangeStart w:id="1"/>' + w_run("Augmenter la dose basale de 2 unités tous les 3 jours.") +
            '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>' + "".join(w_p(t) for t in rng.sample(GENERIC_FR, 3)))
    d = make_docx(body, "Protocole", comments=[(1, staff_name(rng), "Valider avec le comité de pharmacologie (réunion du 2024-06-19) et uniformiser la police.")])
    c.add("negative", "office-hidden-parts", "hidden-docx-comment", "Protocole insuline", simple(rng, [attach(d, MIME_DOCX, "Protocole_insuline.docx")]), rng)
    body = (w_p("Procédure de transfert interétablissements", bold=True, size=28) +
            '<w:p>' + w_run("Le dossier doit accompagner l'usager lors du transfert. ") +
            '<w:ins w:id="7" w:author="%s" w:date="2024-06-10T10:00:00Z">' % xesc(staff_name(rng)) +
            w_run("Le formulaire AH-%03d (fictif) doit être signé par le médecin traitant. " % rng.randint(100, 999)) + "</w:ins></w:p>")
    d = make_docx(body, "Transfert", footnotes=[(1, "Voir le Cadre de référence ministériel, 2022, p. 14.")])
    c.add("negative", "office-hidden-parts", "hidden-docx-tracked", "Procédure transfert — révision", simple(rng, [attach(d, MIME_DOCX, "Procedure_transfert_v3.docx")]), rng)
    rows = [["Code", "Description", "DIN", "Format"]] + [[lookalike_code(rng), rng.choice(["Seringue", "Cathéter", "Héparine"]), din(rng), "bte 100"] for _ in range(10)]
    x = make_xlsx([{"name": "Commande", "rows": [["Article", "Qté"], ["Seringue 10 mL", 400], ["Cathéter 20G", 150]]},
                   {"name": "Codes", "rows": rows, "hidden": "veryHidden"}], "Commande")
    c.add("negative", "office-hidden-parts", "hidden-xlsx-sheet", "Commande de juin", simple(rng, [attach(x, MIME_XLSX, "Commande_juin.xlsx")]), rng)
    rows = [["Indicateur", "Mai", "Juin"], ["Délai moyen (jours)", 12, 14], ["Demandes", 88, 93], ["Annulations", 4, 6]]
    x = make_xlsx([{"name": "Indicateurs", "rows": rows, "comments": [("B3", staff_name(rng), "Chiffre à valider avec l'archiviste (poste 4471) avant le CA.")]}], "Indicateurs")
    c.add("negative", "office-hidden-parts", "hidden-xlsx-comment", "Indicateurs juin", simple(rng, [attach(x, MIME_XLSX, "Indicateurs.xlsx")]), rng)
    slides = [{"title": "Gestion de l'insuffisance cardiaque", "bullets": ["Classification NYHA", "Traitement optimal", "Suivi en clinique"],
               "notes": ["Rappeler que 12 % des admissions en médecine sont liées à l'IC. Prévoir 10 minutes pour les questions. Pause à 10 h 15."]}]
    x = make_pptx(slides, "IC")
    c.add("negative", "office-hidden-parts", "hidden-pptx-notes", "Présentation de jeudi", simple(rng, [attach(x, MIME_PPTX, "IC_formation.pptx")]), rng)


# 9. fillable PDFs -------------------------------------------------------------------
def cat_fillable(c):
    rng = random.Random(SEED + 9)
    P = lambda: Person(rng)
    # positives
    p = P()
    f = [("nom", "Nom, prénom", "tx"), ("ddn", "Date de naissance", "tx"), ("nam", "NAM", "tx"), ("dossier", "No de dossier", "tx"),
         ("service", "Service demandé", "ch:Cardiologie/Pneumologie/Néphrologie"), ("raison", "Raison de consultation", "tx"), ("urgent", "Urgent", "cb")]
    v = {"nom": p.name_inv, "ddn": p.dob_fmt(rng=rng), "nam": p.nam_fmt(rng=rng), "dossier": p.mrn, "service": "Cardiologie",
         "raison": "%s (suivi)" % rng.choice(DX_FR), "urgent": True}
    pdfs = [("consult", form_pdf("Demande de consultation", f, v, nested=False, enc_cycle=("lit",)))]
    p = P()
    f = [("patient.nom", "Nom du patient", "tx"), ("patient.ddn", "DDN", "tx"), ("patient.ramq", "RAMQ", "tx"),
         ("rx.med1", "Médicament 1", "tx"), ("rx.med2", "Médicament 2", "tx"), ("rx.renouv", "Renouvellements", "tx")]
    m1, m2 = rng.sample(MEDS, 2)
    v = {"patient.nom": p.name, "patient.ddn": p.dob_fmt(rng=rng), "patient.ramq": p.nam_fmt(rng=rng),
         "rx.med1": "%s %s" % m1, "rx.med2": "%s %s" % m2, "rx.renouv": "3"}
    pdfs.append(("prescription", form_pdf("Ordonnance", f, v, enc_cycle=("hex",), compress=True)))
    p = P()
    f = [("form1[0].page1[0].identite[0].nom[0]", "Nom", "tx"), ("form1[0].page1[0].identite[0].prenom[0]", "Prénom", "tx"),
         ("form1[0].page1[0].identite[0].naissance[0]", "Date de naissance (AAAA-MM-JJ)", "tx"),
         ("form1[0].page1[0].identite[0].nam[0]", "NAM", "tx"), ("form1[0].page1[0].analyses[0].fsc[0]", "FSC", "cb"),
         ("form1[0].page1[0].analyses[0].hba1c[0]", "HbA1c", "cb"), ("form1[0].page1[0].analyses[0].dx[0]", "Renseignements cliniques", "tx")]
    v = {f[0][0]: p.surname, f[1][0]: p.given, f[2][0]: p.dob.isoformat(), f[3][0]: p.nam, f[4][0]: True, f[5][0]: True,
         f[6][0]: rng.choice(DX_FR)}
    pdfs.append(("requisition", form_pdf("Requête de laboratoire", f, v, objstm=True, enc_cycle=("lit", "hex"), compress=True)))
    p = P()
    f = [("transfert.usager.nom", "Usager", "tx"), ("transfert.usager.dossier", "Dossier", "tx"), ("transfert.usager.ddn", "Né(e) le", "tx"),
         ("transfert.clinique.dx", "Diagnostic", "tx"), ("transfert.clinique.isolement", "Isolement requis", "cb"),
         ("transfert.destination", "Établissement receveur", "tx")]
    v = {"transfert.usager.nom": p.name_inv, "transfert.usager.dossier": p.mrn, "transfert.usager.ddn": p.dob_fmt(rng=rng),
         "transfert.clinique.dx": rng.choice(DX_FR), "transfert.clinique.isolement": rng.random() < 0.5, "transfert.destination": rng.choice(SITES)[0][:40]}
    pdfs.append(("transfer", form_pdf("Formulaire de transfert", f, v, enc_cycle=("u16lit", "lit", "hex"), compress=True)))
    p = P()
    f = [("mado_nom", "Nom de la personne atteinte", "tx"), ("mado_ddn", "Date de naissance", "tx"), ("mado_nam", "NAM", "tx"),
         ("mado_maladie", "Maladie à déclaration obligatoire", "tx"), ("mado_date", "Date du prélèvement", "tx")]
    v = {"mado_nom": p.name, "mado_ddn": p.dob_fmt(rng=rng), "mado_nam": p.nam_fmt(rng=rng),
         "mado_maladie": rng.choice(["Tuberculose pulmonaire", "Syphilis infectieuse", "Hépatite C", "Légionellose"]), "mado_date": "2024-06-04"}
    pdfs.append(("mado", form_pdf("Déclaration MADO", f, v, objstm=True, enc_cycle=("hex",))))
    p = P()
    f = [("consent.nom", "Nom (usager)", "tx"), ("consent.dossier", "N° de dossier", "tx"), ("consent.chirurgie", "Intervention", "tx"),
         ("consent.risques", "Risques expliqués", "cb"), ("consent.temoin", "Témoin", "tx")]
    v = {"consent.nom": "%s (%s)" % (p.name, p.dob_fmt(0)), "consent.dossier": p.mrn,
         "consent.chirurgie": rng.choice(["Cholécystectomie (laparoscopie)", "Arthroplastie totale du genou", "Mastectomie partielle"]),
         "consent.risques": True, "consent.temoin": staff_name(rng)}
    pdfs.append(("consent", form_pdf("Consentement à une intervention", f, v, enc_cycle=("lit",))))
    for slug, data in pdfs:
        c.add("positive", "fillable-pdf", "form-" + slug, rng.choice(SUBJ_POS),
              simple(rng, [attach(data, "application/pdf", "Formulaire_%s.pdf" % slug)]), rng)
    # negatives
    f = [("nom", "Nom, prénom", "tx"), ("ddn", "Date de naissance", "tx"), ("nam", "NAM", "tx"), ("dossier", "No de dossier", "tx"),
         ("service", "Service demandé", "ch:Cardiologie/Pneumologie/Néphrologie"), ("raison", "Raison de consultation", "tx"), ("urgent", "Urgent", "cb")]
    negs = [("blank-consult", form_pdf("Demande de consultation", f, {"nom": "", "ddn": "", "urgent": False}, nested=False))]
    f = [("form1[0].page1[0].identite[0].nom[0]", "Nom", "tx"), ("form1[0].page1[0].identite[0].naissance[0]", "Date de naissance (AAAA-MM-JJ)", "tx"),
         ("form1[0].page1[0].identite[0].nam[0]", "NAM", "tx"), ("form1[0].page1[0].analyses[0].fsc[0]", "FSC", "cb")]
    negs.append(("blank-requisition", form_pdf("Requête de laboratoire", f, {f[1][0]: "AAAA-MM-JJ", f[2][0]: "XXXX 0000 0000"}, objstm=True, enc_cycle=("hex",))))
    f = [("demande.service", "Service", "tx"), ("demande.article", "Article", "tx"), ("demande.code", "Code produit", "tx"),
         ("demande.serie", "N° de série", "tx"), ("demande.qte", "Quantité", "tx"), ("demande.demandeur", "Demandeur", "tx")]
    v = {"demande.service": rng.choice(UNITS), "demande.article": "Pompe volumétrique", "demande.code": lookalike_code(rng),
         "demande.serie": "SN%09d" % rng.randint(0, 999999999), "demande.qte": "2", "demande.demandeur": staff_name(rng)}
    negs.append(("equipment", form_pdf("Demande d'équipement", f, v, enc_cycle=("hex", "lit"), compress=True)))
    f = [("employe.nom", "Nom de l'employé(e)", "tx"), ("employe.matricule", "Matricule", "tx"), ("conge.debut", "Début", "tx"),
         ("conge.fin", "Fin", "tx"), ("conge.type", "Type", "ch:Vacances/Férié/Formation")]
    v = {"employe.nom": staff_name(rng), "employe.matricule": emp_no(rng), "conge.debut": "2024-07-08", "conge.fin": "2024-07-19", "conge.type": "Vacances"}
    negs.append(("leave", form_pdf("Demande de congé", f, v, objstm=True, enc_cycle=("lit",))))
    f = [("inscription.nom", "Participant(e)", "tx"), ("inscription.poste", "Titre d'emploi", "tx"), ("inscription.telephone", "Téléphone", "tx"),
         ("inscription.activite", "Activité", "tx")]
    v = {"inscription.nom": staff_name(rng), "inscription.poste": "Infirmière clinicienne", "inscription.telephone": "514 555-%04d" % rng.randint(100, 9999),
         "inscription.activite": "Formation RCR — 2024-06-20"}
    negs.append(("training", form_pdf("Inscription à une formation", f, v, enc_cycle=("u16lit",), compress=True)))
    f = [("q1", "Accueil", "ch:Excellent/Bon/Passable"), ("q2", "Propreté", "ch:Excellent/Bon/Passable"), ("q3", "Recommanderiez-vous ?", "cb"),
         ("commentaires", "Commentaires", "tx")]
    v = {"q1": "Excellent", "q2": "Bon", "q3": True, "commentaires": "Personnel très attentionné, merci à l'équipe de nuit."}
    negs.append(("survey", form_pdf("Sondage de satisfaction (anonyme)", f, v, enc_cycle=("hex",))))
    for slug, data in negs:
        c.add("negative", "fillable-pdf", "form-" + slug, rng.choice(SUBJ_NEG),
              simple(rng, [attach(data, "application/pdf", "Formulaire_%s.pdf" % slug.split("-")[-1])]), rng)


# 10. legacy Office (LibreOffice headless) ----------------------------------------------
def letter_docx(p, rng, lang="fr"):
    dx = rng.choice(DX_FR)
    body = (w_p(rng.choice(SITES)[0], bold=True) + w_p("Montréal, le 11 juin 2024") + w_p("") +
            w_p("Objet : %s — dossier %s" % (p.name, p.mrn), bold=True) +
            w_p("Chère consœur, cher confrère,") +
            w_p("J'ai revu en clinique %s %s (né%s le %s, NAM %s) pour %s. L'examen révèle une évolution défavorable; "
                "je propose d'ajouter %s %s et de revoir la patientèle dans six semaines." %
                ("Mme" if p.sex == "F" else "M.", p.name, "e" if p.sex == "F" else "", p.dob_fmt(rng=rng), p.nam_fmt(rng=rng), dx,
                 *rng.choice(MEDS))) +
            w_table([["Analyse", "Résultat", "Réf."]] + [[r[0], r[1] + " " + r[3], r[4]] for r in lab_rows(rng, 4)]) +
            w_p("Veuillez agréer mes salutations distinguées.") + w_p(physician(rng)))
    return make_docx(body, "Lettre")


def neg_letter_docx(rng, kind):
    if kind == 0:
        body = (w_p("Avis de convocation", bold=True, size=28) + w_p("Réunion du conseil des médecins, dentistes et pharmaciens") +
                w_p("Date : 2024-06-26, 12 h — Salle %s" % ("B-%d" % rng.randint(1000, 4999))) +
                w_table([["Point", "Présentateur"], ["Ordre du jour", staff_name(rng)], ["Rapport annuel", staff_name(rng)], ["Divers", "—"]]))
    elif kind == 1:
        body = (w_p("Lettre type — résultats normaux", bold=True, size=28) + w_p("Madame, Monsieur [NOM DU PATIENT],") +
                w_p("Nous vous informons que les résultats de votre examen du [DATE] sont dans les limites de la normale.") +
                w_p("NAM : [____ ____ ____]   Dossier : [________]") + w_p("[Signature du médecin]"))
    elif kind == 3:
        body = (w_p("Politique — prévention des chutes", bold=True, size=28) + "".join(w_p(t) for t in GENERIC_FR) +
                w_p("Audit du T1 : 23 chutes déclarées, dont 4 avec blessure (données agrégées, toutes unités)."))
    else:
        body = (w_p("Liste de garde — juillet 2024", bold=True, size=28) +
                w_table([["Date", "Médecin de garde", "Téléavertisseur"]] +
                        [["2024-07-%02d" % d, physician(rng), "514 555-%04d" % rng.randint(100, 9999)] for d in range(1, 11)]))
    return make_docx(body, "Document")


def cat_legacy(c):
    rng = random.Random(SEED + 10)
    jobs, meta = [], []
    for i in range(3):
        p = Person(rng)
        jobs.append(("pos%d.docx" % i, letter_docx(p, rng), "MS Word 97", "doc"))
        meta.append(("positive", "legacy-doc-letter%d" % (i + 1), "pos%d.docx" % i, "Lettre_%d.doc" % rng.randint(100, 999), "application/msword"))
    for i in range(2):
        rows = [["Nom", "Prénom", "Date de naissance", "NAM", "Dossier", "Résultat"]]
        for _ in range(15):
            q = Person(rng)
            rows.append([q.surname, q.given, q.dob_fmt(1), q.nam_fmt(i), q.mrn, rng.choice(["HbA1c 8,9 %", "INR 4,2", "K 5,9", "Cr 287", "TSH 12,4"])])
        jobs.append(("posx%d.xlsx" % i, make_xlsx([{"name": "Liste", "rows": rows}]), "MS Excel 97", "xls"))
        meta.append(("positive", "legacy-xls-list%d" % (i + 1), "posx%d.xlsx" % i, "liste_%d.xls" % rng.randint(10, 99), "application/vnd.ms-excel"))
    p = Person(rng)
    slides = [{"title": "Cas clinique — %s" % p.name_inv, "bullets": ["%d ans, dossier %s" % (p.age, p.mrn), "Diagnostic : %s" % rng.choice(DX_FR),
                                                                       "Traitement : %s %s" % rng.choice(MEDS)]},
              {"title": "Discussion", "bullets": ["Options thérapeutiques", "Suivi"]}]
    jobs.append(("posp.pptx", make_pptx(slides), "MS PowerPoint 97", "ppt"))
    meta.append(("positive", "legacy-ppt-case", "posp.pptx", "cas_clinique.ppt", "application/vnd.ms-powerpoint"))
    for i in range(3):
        jobs.append(("neg%d.docx" % i, neg_letter_docx(rng, i), "MS Word 97", "doc"))
        meta.append(("negative", "legacy-doc-%s" % ["notice", "template", "oncall"][i], "neg%d.docx" % i, "document_%d.doc" % rng.randint(100, 999), "application/msword"))
    rows = [["Code", "Description", "DIN", "Lot", "Qté"]] + [[lookalike_code(rng), "Article %d" % k, din(rng), "LOT %06d" % rng.randint(0, 999999), rng.randint(1, 90)] for k in range(15)]
    jobs.append(("negx0.xlsx", make_xlsx([{"name": "Inventaire", "rows": rows}]), "MS Excel 97", "xls"))
    meta.append(("negative", "legacy-xls-inventory", "negx0.xlsx", "inventaire.xls", "application/vnd.ms-excel"))
    rows = [["Unité", "Admissions", "Décès", "DMS", "Taux occupation"]] + [[u, rng.randint(50, 300), rng.randint(0, 12), round(rng.uniform(3, 15), 1), "%d %%" % rng.randint(80, 110)] for u in UNITS]
    jobs.append(("negx1.xlsx", make_xlsx([{"name": "Stats", "rows": rows}]), "MS Excel 97", "xls"))
    meta.append(("negative", "legacy-xls-stats", "negx1.xlsx", "statistiques_mai.xls", "application/vnd.ms-excel"))
    jobs.append(("neg3.docx", neg_letter_docx(rng, 3), "MS Word 97", "doc"))
    meta.append(("negative", "legacy-doc-policy", "neg3.docx", "politique_chutes.doc", "application/msword"))
    out = soffice_convert(jobs)
    for label, slug, src, fn, mime in meta:
        c.add(label, "legacy-office", slug, rng.choice(SUBJ_POS if label == "positive" else SUBJ_NEG),
              simple(rng, [attach(out[src], mime, fn)]), rng)


# 11. rich text -----------------------------------------------------------------------
def cat_rtf(c):
    rng = random.Random(SEED + 11)
    P = lambda: Person(rng)
    p = P()
    r1 = rtf_doc([("h", "Note de consultation — Néphrologie"), ("p", "Patient : %s — Dossier : %s — Né le %s" % (p.name_inv, p.mrn, p.dob_fmt(rng=rng))),
                  ("p", "Évaluation : %s. Créatinine 245 µmol/L, DFGe 21. Préparation à la dialyse discutée." % rng.choice(DX_FR))], "hex")
    p = P()
    r2 = rtf_doc([("h", "Résumé — Clinique d'oncologie"), ("p", "%s, NAM %s — « %s »" % (p.name, p.nam_fmt(rng=rng), rng.choice(DX_FR))),
                  ("p", "Chimiothérapie cycle 3 reportée — neutropénie (PNN 0,6). Prochain rendez-vous : 2024-06-18.")], "u")
    rows = [["Nom", "DDN", "Dossier", "Motif"]]
    for _ in range(8):
        q = P()
        rows.append([q.name_inv, q.dob_fmt(0), q.mrn, rng.choice(["Suivi IC", "Hémodialyse", "Plaie", "Évaluation gériatrique"])])
    r3 = rtf_doc([("h", "Liste de rendez-vous — 2024-06-12"), ("table", rows)], "hex")
    p = P()
    r4 = rtf_doc([("h", "Discharge note"), ("p", "%s — MRN %s — DOB %s" % (p.name, p.mrn, p.dob_fmt(rng=rng, lang="en"))),
                  ("p", "Diagnosis: %s. Discharged home with %s %s." % ((rng.choice(DX_EN),) + rng.choice(MEDS)))], "u_hex")
    p = P()
    r5 = rtf_doc([("h", "Ordonnance — renouvellement"), ("table", [["Patient", "DDN", "RAMQ"], [p.name, p.dob_fmt(rng=rng), p.nam_fmt(rng=rng)]]),
                  ("p", "Rx : %s %s — 3 renouvellements" % rng.choice(MEDS))], "u")
    p = P()
    r6 = rtf_doc([("h", "Message téléphonique"), ("p", "Mme/M. %s (dossier %s) a appelé : résultats de biopsie positifs, rappeler la famille." % (p.name, p.mrn))], "hex")
    # r1-r3: attachments; r4: inline RTF body part; r5: attachment application/msword-ish; r6: single-part text/rtf message
    c.add("positive", "rich-text", "rtf-consult-hex", rng.choice(SUBJ_POS), simple(rng, [attach(r1, "application/rtf", "note_consult.rtf")]), rng)
    c.add("positive", "rich-text", "rtf-oncology-unicode", rng.choice(SUBJ_POS), simple(rng, [attach(r2, "text/rtf", "resume.rtf", cte="7bit")]), rng)
    c.add("positive", "rich-text", "rtf-table-appointments", rng.choice(SUBJ_POS), simple(rng, [attach(r3, "application/rtf", "rdv_12juin.rtf")]), rng)
    c.add("positive", "rich-text", "rtf-body-discharge", rng.choice(SUBJ_POS),
          mixed(text_part(cover(rng, "en")), Part("text/rtf", r4, "quoted-printable", disp="inline")), rng)
    c.add("positive", "rich-text", "rtf-prescription-table", rng.choice(SUBJ_POS), simple(rng, [attach(r5, "application/octet-stream", "renouvellement.rtf")]), rng)
    c.add("positive", "rich-text", "rtf-single-body", "Message", Part("text/rtf", r6, "7bit"), rng)
    n1 = rtf_doc([("h", "Politique — tenue de dossier"), ("p", "Tout document versé au dossier doit comporter le nom de l'usager, la date de naissance et le numéro de dossier (voir gabarit)."),
                  ("p", "Les numéros d'assurance maladie ne doivent jamais être transmis par courriel non chiffré.")], "hex")
    n2 = rtf_doc([("h", "Gabarit — note d'évolution"), ("table", [["Champ", "Valeur"], ["Nom", "[NOM, Prénom]"], ["DDN", "[AAAA-MM-JJ]"],
                                                                  ["NAM", "[XXXX 0000 0000]"], ["Dossier", "[0000000]"]])], "u")
    n3 = rtf_doc([("h", "Inventaire — chariot de réanimation"), ("table", [["Code", "Article", "Lot", "Exp."]] +
                                                               [[lookalike_code(rng), rng.choice(["Adrénaline 1 mg", "Amiodarone 150 mg", "Atropine 0,5 mg"]),
                                                                 "LOT %05d" % rng.randint(0, 99999), "2025-%02d" % rng.randint(1, 12)] for _ in range(6)])], "hex")
    n4 = rtf_doc([("h", "Meeting notes"), ("p", "Attendees: %s, %s. Budget for the new MRI suite approved; 412 exams/month expected." % (staff_name(rng), staff_name(rng)))], "u_hex")
    n5 = rtf_doc([("h", "Horaire — équipe de soir"), ("table", [["Employé", "Matricule", "Poste"]] + [[staff_name(rng), emp_no(rng), "Inf."] for _ in range(6)])], "u")
    n6 = rtf_doc([("h", "Rappel"), ("p", "La formation « Plaies et pansements » aura lieu le 2024-06-20 à 13 h, salle A-2210.")], "hex")
    c.add("negative", "rich-text", "rtf-policy", rng.choice(SUBJ_NEG), simple(rng, [attach(n1, "application/rtf", "politique.rtf")]), rng)
    c.add("negative", "rich-text", "rtf-template", rng.choice(SUBJ_NEG), simple(rng, [attach(n2, "text/rtf", "gabarit.rtf", cte="7bit")]), rng)
    c.add("negative", "rich-text", "rtf-inventory", rng.choice(SUBJ_NEG), simple(rng, [attach(n3, "application/rtf", "inventaire.rtf")]), rng)
    c.add("negative", "rich-text", "rtf-body-minutes", rng.choice(SUBJ_NEG),
          mixed(text_part(cover(rng, "en")), Part("text/rtf", n4, "quoted-printable", disp="inline")), rng)
    c.add("negative", "rich-text", "rtf-schedule", rng.choice(SUBJ_NEG), simple(rng, [attach(n5, "application/octet-stream", "horaire.rtf")]), rng)
    c.add("negative", "rich-text", "rtf-single-body", "Rappel formation", Part("text/rtf", n6, "7bit"), rng)


# 12. UTF-16 / UTF-32 text ----------------------------------------------------------
def tsv(rows, sep="\t"):
    return "\r\n".join(sep.join(str(x) for x in r) for r in rows) + "\r\n"


def cat_unicode(c):
    rng = random.Random(SEED + 12)
    P = lambda: Person(rng)

    def plist(n, nam_style=1):
        rows = [["Nom", "Prénom", "Date de naissance", "NAM", "No dossier", "Diagnostic"]]
        for _ in range(n):
            q = P()
            rows.append([q.surname, q.given, q.dob_fmt(rng=rng), q.nam_fmt(nam_style), q.mrn, rng.choice(DX_FR)])
        return rows
    variants = [("utf16le-bom-tsv", "\ufeff", "utf-16-le", "text/plain", [("charset", "utf-16")], "liste.txt", "\t"),
                ("utf16be-nobom-declared", "", "utf-16-be", "text/plain", [("charset", "utf-16be")], "export.txt", "\t"),
                ("utf16le-nobom-octet", "", "utf-16-le", "application/octet-stream", [], "patients.txt", "\t"),
                ("utf32le-bom", "\ufeff", "utf-32-le", "text/plain", [("charset", "utf-32")], "liste_utf32.txt", ";"),
                ("utf16be-bom-csv", "\ufeff", "utf-16-be", "text/csv", [], "rendezvous.csv", ","),
                ("utf16le-bom-note", "\ufeff", "utf-16-le", "application/octet-stream", [], "note.txt", None)]
    for slug, bom, enc, ct, params, fn, sep in variants:
        if sep is None:
            p = P()
            text = ("Note d'évolution\r\n%s — dossier %s — né(e) le %s\r\nDx : %s. Plan : %s %s.\r\n"
                    % (p.name_inv, p.mrn, p.dob_fmt(rng=rng), rng.choice(DX_FR), *rng.choice(MEDS)))
        else:
            text = tsv(plist(rng.randint(6, 12), rng.randint(0, 3)), sep)
        data = (bom + text).encode(enc)
        c.add("positive", "unicode-text", "unicode-" + slug, rng.choice(SUBJ_POS), simple(rng, [attach(data, ct, fn, params=params)]), rng)
    negvars = [("utf16le-bom-inventory", "\ufeff", "utf-16-le", "text/plain", [("charset", "utf-16")], "inventaire.txt", 0),
               ("utf16be-nobom-roster", "", "utf-16-be", "text/plain", [("charset", "utf-16be")], "horaire.txt", 1),
               ("utf16le-nobom-stats", "", "utf-16-le", "application/octet-stream", [], "stats.txt", 2),
               ("utf32le-bom-template", "\ufeff", "utf-32-le", "text/plain", [("charset", "utf-32")], "gabarit.txt", 3),
               ("utf16be-bom-phones", "\ufeff", "utf-16-be", "text/csv", [], "bottin.csv", 4),
               ("utf16le-bom-policy", "\ufeff", "utf-16-le", "application/octet-stream", [], "politique.txt", 5)]
    for slug, bom, enc, ct, params, fn, k in negvars:
        if k == 0:
            rows = [["Code", "Description", "DIN", "Lot", "Qté"]] + [[lookalike_code(rng), "Article", din(rng), "LOT %06d" % rng.randint(0, 999999), rng.randint(1, 50)] for _ in range(10)]
        elif k == 1:
            rows = [["Employé", "Matricule", "Date", "Quart"]] + [[staff_name(rng), emp_no(rng), "2024-06-%02d" % rng.randint(10, 20), rng.choice("JSN")] for _ in range(10)]
        elif k == 2:
            rows = [["Unité", "Admissions", "Diagnostic le plus fréquent", "%"]] + [[u, rng.randint(30, 200), rng.choice(DX_FR), rng.randint(5, 30)] for u in UNITS[:6]]
        elif k == 3:
            rows = [["Champ", "Format"], ["Nom", "NOM, Prénom"], ["Date de naissance", "AAAA-MM-JJ"], ["NAM", "XXXX 0000 0000"], ["Dossier", "0000000"]]
        elif k == 4:
            rows = [["Service", "Responsable", "Téléphone", "Télécopieur"]] + [[u, staff_name(rng), "514 555-%04d" % rng.randint(100, 9999), "514 555-%04d" % rng.randint(100, 9999)] for u in UNITS[:8]]
        else:
            rows = [["Politique de confidentialité — aucun renseignement nominatif ne doit être transmis sans chiffrement."]]
        data = (bom + tsv(rows, "," if ct == "text/csv" else "\t")).encode(enc)
        c.add("negative", "unicode-text", "unicode-" + slug, rng.choice(SUBJ_NEG), simple(rng, [attach(data, ct, fn, params=params)]), rng)


# 13. archives -----------------------------------------------------------------------
def cat_archives(c):
    rng = random.Random(SEED + 13)
    P = lambda: Person(rng)

    def pcsv():
        rows = [["nom", "prenom", "ddn", "nam", "dossier", "dx"]]
        for _ in range(rng.randint(5, 10)):
            q = P()
            rows.append([q.surname, q.given, q.dob.isoformat(), q.nam, q.mrn, rng.choice(DX_FR)])
        return tsv(rows, ",").encode("utf-8")

    def pnote():
        p = P()
        return ("Résumé de visite\n%s, dossier %s, DDN %s\nDiagnostic : %s\nPlan : %s %s\n"
                % (p.name_inv, p.mrn, p.dob_fmt(rng=rng), rng.choice(DX_FR), *rng.choice(MEDS))).encode("utf-8")
    readme = "Documents pour la réunion. Ne pas diffuser.\n".encode("utf-8")
    inner = zip_bytes([("liste_patients.csv", pcsv())])
    pos = [("zip-csv", zip_bytes([("LISEZMOI.txt", readme), ("export/liste_patients.csv", pcsv())]), "application/zip", "export.zip"),
           ("zip-nested", zip_bytes([("LISEZMOI.txt", readme), ("archives_2024.zip", inner)]), "application/x-zip-compressed", "dossiers.zip"),
           ("tar-note", tar_bytes([("notes/resume_visite.txt", pnote()), ("notes/LISEZMOI.txt", readme)]), "application/x-tar", "notes.tar"),
           ("tgz-csv-docx", tar_bytes([("export/liste.csv", pcsv()), ("export/lettre.docx", letter_docx(P(), rng))], gz=True), "application/x-compressed", "export.tgz"),
           ("gz-note", gzip_bytes(pnote(), "resume_visite.txt"), "application/gzip", "resume_visite.txt.gz"),
           ("7z-csv", make_7z([("liste.csv", pcsv()), ("LISEZMOI.txt", readme)]), "application/x-7z-compressed", "liste.7z"),
           ]
    for slug, data, ct, fn in pos:
        c.add("positive", "archives", "archive-" + slug, rng.choice(SUBJ_POS), simple(rng, [attach(data, ct, fn)]), rng)

    def inv():
        rows = [["code", "description", "din", "lot", "qte"]] + [[lookalike_code(rng), "Article", din(rng), "LOT%06d" % rng.randint(0, 999999), rng.randint(1, 80)] for _ in range(10)]
        return tsv(rows, ",").encode("utf-8")

    def roster():
        rows = [["employe", "matricule", "unite", "quart"]] + [[staff_name(rng), emp_no(rng), rng.choice(UNITS), rng.choice("JSN")] for _ in range(10)]
        return tsv(rows, ",").encode("utf-8")
    pol = "Procédure PRO-221 : hygiène des mains. Taux de conformité visé : 80 %.\n".encode("utf-8")
    tmpl = "Nom : ______________\nDate de naissance (AAAA-MM-JJ) : ____\nNAM : ____ ____ ____\nNo dossier : ________\n".encode("utf-8")
    negs = [("zip-inventory", zip_bytes([("inventaire.csv", inv()), ("LISEZMOI.txt", readme)]), "application/zip", "inventaire.zip"),
            ("zip-nested", zip_bytes([("gabarits.zip", zip_bytes([("gabarit_consultation.txt", tmpl)])), ("politique.txt", pol)]), "application/zip", "gabarits.zip"),
            ("tar-roster", tar_bytes([("horaire.csv", roster())]), "application/x-tar", "horaire.tar"),
            ("targz-policy", tar_bytes([("politiques/hygiene.txt", pol), ("politiques/gabarit.txt", tmpl), ("politiques/convocation.docx", neg_letter_docx(rng, 0))], gz=True), "application/gzip", "politiques.tar.gz"),
            ("gz-inventory", gzip_bytes(inv(), "inventaire.csv"), "application/gzip", "inventaire.csv.gz"),
            ("7z-roster", make_7z([("horaire.csv", roster()), ("politique.txt", pol)]), "application/x-7z-compressed", "horaire.7z"),
            ]
    for slug, data, ct, fn in negs:
        c.add("negative", "archives", "archive-" + slug, rng.choice(SUBJ_NEG), simple(rng, [attach(data, ct, fn)]), rng)


# 14. transfer encodings, charsets, encoded words -------------------------------------------
def cat_encodings(c):
    rng = random.Random(SEED + 14)
    P = lambda: Person(rng)
    p = P()
    t = ("Bonjour,\n\nSuivi de %s (dossier %s), née le %s : hémoglobine à 68 g/L ce matin, transfusion de 2 culots prévue. "
         "Diagnostic : %s.\n\nMerci\n" % (p.name, p.mrn, p.dob_fmt(rng=rng), rng.choice(DX_FR))) + sig(rng)
    c.add("positive", "encodings", "enc-qp-latin1", "Suivi", text_part(t, "iso-8859-1", "quoted-printable"), rng)
    p = P()
    t = ("Salut,\n\n%s, NAM %s, a été admis%s cette nuit aux soins intensifs pour %s. Famille avisée.\n" %
         (p.name, p.nam_fmt(rng=rng), "e" if p.sex == "F" else "", rng.choice(DX_FR))) + sig(rng)
    c.add("positive", "encodings", "enc-base64-utf8", "Admission", text_part(t, "utf-8", "base64"), rng)
    p = P()
    subj = "Résultat biopsie — %s (%s) — %s" % (p.name, p.mrn, rng.choice(["adénocarcinome", "lymphome", "mélanome"]))
    c.add("positive", "encodings", "enc-subject-b", subj, text_part(cover(rng)), rng, subject_raw=enc_word(subj, "utf-8", "B"))
    p = P()
    subj = "Rappel : %s, DDN %s — %s" % (p.name_inv, p.dob_fmt(rng=rng), rng.choice(DX_FR))
    c.add("positive", "encodings", "enc-subject-q-cp1252", subj, text_part(cover(rng)), rng, subject_raw=enc_word(subj, "windows-1252", "Q"))
    p = P()
    fn = "Résultats_%s_%s_%s_VIH_positif.txt" % (p.surname, p.given, p.nam)
    body = "Document joint.\n".encode("utf-8")
    c.add("positive", "encodings", "enc-rfc2231-filename", "Document", simple(rng, [attach(body, "text/plain", fn, fn_style="rfc2231cont", params=[("charset", "utf-8")])]), rng)
    p = P()
    h = html_wrap("<p>Bonjour,</p><p>Patiente&nbsp;: <b>%s</b>, née le %s, dossier %s.<br>Échographie&nbsp;: grossesse arrêtée à 9 semaines. "
                  "Curetage prévu le 2024-06-14.</p>" % (html_escape(p.name), p.dob_fmt(rng=rng), p.mrn)).replace("utf-8", "iso-8859-15")
    c.add("positive", "encodings", "enc-html-qp-latin9", "Suivi", text_part(h, "iso-8859-15", "quoted-printable", "html"), rng)
    # negatives
    t = ("Bonjour à toutes et à tous,\n\nLa cafétéria sera fermée le 24 juin (Fête nationale). Le café étudiant reste ouvert de 7 h à 14 h.\n") + sig(rng)
    c.add("negative", "encodings", "enc-qp-latin1", "Fermeture de la cafétéria", text_part(t, "iso-8859-1", "quoted-printable"), rng)
    t = ("Salut,\n\nLe comité de pharmacologie a approuvé l'ajout de l'apixaban (DIN %s). Code produit : %s.\n" % (din(rng), lookalike_code(rng))) + sig(rng)
    c.add("negative", "encodings", "enc-base64-utf8", "Formulaire", text_part(t, "utf-8", "base64"), rng)
    subj = "Réunion — comité de la qualité — salle B-%d — 2024-06-19" % rng.randint(1000, 4999)
    c.add("negative", "encodings", "enc-subject-b", subj, text_part(cover(rng)), rng, subject_raw=enc_word(subj, "utf-8", "B"))
    subj = "Félicitations à l'équipe de l'unité coronarienne — « Prix Reconnaissance »"
    c.add("negative", "encodings", "enc-subject-q-cp1252", subj, text_part(cover(rng)), rng, subject_raw=enc_word(subj, "windows-1252", "Q"))
    fn = "Procédure_hygiène_des_mains_révisée_2024.txt"
    c.add("negative", "encodings", "enc-rfc2231-filename", "Procédure", simple(rng, [attach("Version révisée.\n".encode(), "text/plain", fn, fn_style="rfc2231cont", params=[("charset", "utf-8")])]), rng)
    h = html_wrap("<p>Bonjour,</p><p>Rappel&nbsp;: la séance d'information sur le nouveau DCI aura lieu le 2024-06-18, à 12&nbsp;h, "
                  "à l'amphithéâtre. Inscription au poste 4455.</p>").replace("utf-8", "iso-8859-15")
    c.add("negative", "encodings", "enc-html-qp-latin9", "Séance d'information", text_part(h, "iso-8859-15", "quoted-printable", "html"), rng)


# 15. TNEF ------------------------------------------------------------------------
def cat_tnef(c):
    rng = random.Random(SEED + 15)
    P = lambda: Person(rng)

    def wrap_tnef(data, text=None):
        return mixed(text_part(text or cover(rng)), attach(data, "application/ms-tnef", "winmail.dat"))
    p = P()
    t = make_tnef("Suivi", body="Voir la pièce jointe.\n", attachments=[("resume_visite.txt", ("%s, dossier %s, DDN %s\r\nDx : %s\r\n" % (
        p.name_inv, p.mrn, p.dob_fmt(rng=rng), rng.choice(DX_FR))).encode("cp1252"), "text/plain")])
    c.add("positive", "tnef", "tnef-attachment-txt", "Suivi", wrap_tnef(t), rng)
    p = P()
    t = make_tnef("Patient à revoir", body="%s (NAM %s) à revoir demain : %s, potassium 6,3.\n" % (p.name, p.nam_fmt(rng=rng), rng.choice(DX_FR)))
    c.add("positive", "tnef", "tnef-attbody", "Patient à revoir", wrap_tnef(t, "\n"), rng)
    p = P()
    t = make_tnef("Note", mapi_body="Note : %s, né%s le %s, dossier %s — %s.\n" % (p.name, "e" if p.sex == "F" else "", p.dob_fmt(rng=rng), p.mrn, rng.choice(DX_FR)))
    c.add("positive", "tnef", "tnef-mapi-body", "Note", wrap_tnef(t, " \n"), rng)
    rows = [["Nom", "DDN", "Dossier"]] + [[q.name_inv, q.dob_fmt(0), q.mrn] for q in [P() for _ in range(6)]]
    t = make_tnef("Liste", body="Liste jointe.\n", attachments=[("liste.csv", tsv(rows, ";").encode("cp1252"), "text/csv"),
                                                                   ("rdv.rtf", rtf_doc([("table", rows)]), "application/rtf")])
    c.add("positive", "tnef", "tnef-two-attachments", "Liste", wrap_tnef(t), rng)
    t = make_tnef("Ordre du jour", body="Ordre du jour joint.\n", attachments=[("ordre_du_jour.txt", "1. Adoption\r\n2. Budget\r\n3. Divers\r\n".encode("cp1252"), "text/plain")])
    c.add("negative", "tnef", "tnef-attachment-txt", "Ordre du jour", wrap_tnef(t), rng)
    t = make_tnef("Rappel", body="La formation RCR aura lieu le 2024-06-20. Code d'activité FOR-%04d.\n" % rng.randint(0, 9999))
    c.add("negative", "tnef", "tnef-attbody", "Rappel", wrap_tnef(t, "\n"), rng)
    t = make_tnef("Commande", mapi_body="Commande : %s x 40, %s x 10 (DIN %s).\n" % (lookalike_code(rng), lookalike_code(rng), din(rng)))
    c.add("negative", "tnef", "tnef-mapi-body", "Commande", wrap_tnef(t, " \n"), rng)
    rows = [["Employé", "Matricule", "Quart"]] + [[staff_name(rng), emp_no(rng), rng.choice("JSN")] for _ in range(6)]
    t = make_tnef("Horaire", body="Horaire joint.\n", attachments=[("horaire.csv", tsv(rows, ";").encode("cp1252"), "text/csv"),
                                                                     ("gabarit.rtf", rtf_doc([("p", "Nom : [NOM]  NAM : [XXXX 0000 0000]")]), "application/rtf")])
    c.add("negative", "tnef", "tnef-two-attachments", "Horaire", wrap_tnef(t), rng)


# ---------------------------------------------------------------------------
CATEGORIES = [cat_screenshot, cat_scan, cat_inline, cat_small, cat_scanned_pdf, cat_fax, cat_office_image, cat_office_hidden,
              cat_fillable, cat_legacy, cat_rtf, cat_unicode, cat_archives, cat_encodings, cat_tnef]


def main():
    c = Corpus()
    for f in CATEGORIES:
        f(c)
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    counters = {"positive": 0, "negative": 0}
    lines = ["file,label,category"]
    for label, cat, slug, data in c.items:
        counters[label] += 1
        rel = "%s/%03d-%s.eml" % (label, counters[label], slug)
        with open(os.path.join(HERE, rel), "wb") as f:
            f.write(data)
        lines.append("%s,%s,%s" % (rel, label, cat))
    with open(os.path.join(HERE, "labels.csv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d positive, %d negative" % (counters["positive"], counters["negative"]))


if __name__ == "__main__":
    main()
