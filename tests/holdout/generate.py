#!/usr/bin/env python3
"""Generate the Sentinelle held-out e-mail corpus (tests/holdout).

Python 3 standard library only. Everything is derived from a fixed seed, so two
runs produce byte-identical files. No wall-clock time is read anywhere.

    python3 generate.py            # (re)write positive/, negative/, labels.csv
    python3 generate.py --check    # regenerate in memory and compare with disk

All people, numbers and organisations are fictitious. Domains use the reserved
.example TLD and telephone numbers use the 555-01xx fiction range.

Written independently of the detector (src/, rules/) and of tests/corpus/.
"""

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import os
import quopri
import random
import re
import struct
import sys
import unicodedata
import zipfile
import zlib

SEED = 20250114
HERE = os.path.dirname(os.path.abspath(__file__))
# Reference "today" used to resolve two-digit NAM years and compute ages.
REF_DATE = dt.date(2025, 6, 30)

# ---------------------------------------------------------------------------
# Identifier algorithms
# ---------------------------------------------------------------------------

NAM_WEIGHTS = (1, 3, 7, 9, 1, 7, 1, 3, 4, 5, 7, 6, 9, 1)


def _ebcdic(c):
    if "A" <= c <= "I":
        return 193 + ord(c) - ord("A")
    if "J" <= c <= "R":
        return 209 + ord(c) - ord("J")
    if "S" <= c <= "Z":
        return 226 + ord(c) - ord("S")
    if "0" <= c <= "9":
        return 240 + ord(c) - ord("0")
    raise ValueError(c)


def nam_check_digit(letters, year, sex, month, day, diff):
    s = "%s%04d%s%02d%02d%s" % (letters, year, sex, month, day, diff)
    assert len(s) == 14, s
    return sum(_ebcdic(ch) * w for ch, w in zip(s, NAM_WEIGHTS)) % 10


def nam_valid(nam, ref=REF_DATE):
    """Validate a compact 12-char NAM. Returns the birth date or None."""
    nam = nam.upper()
    if not re.fullmatch(r"[A-Z]{4}\d{6}[1-9A-HJ-NP-Z]\d", nam):
        return None
    yy, mm, dd = int(nam[4:6]), int(nam[6:8]), int(nam[8:10])
    sex = "M"
    if mm > 50:
        sex, mm = "F", mm - 50
    y1 = 2000 + yy if 2000 + yy <= ref.year else 1900 + yy
    for year in (y1, y1 - 100):
        try:
            born = dt.date(year, mm, dd)
        except ValueError:
            continue
        if born > ref:
            continue
        if nam_check_digit(nam[:4], year, sex, mm, dd, nam[10]) == int(nam[11]):
            return born
    return None


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def nam_prefix(surname, given):
    s = strip_accents(surname).upper()
    s = re.sub(r"^(SAINTES|SAINTS|SAINTE|SAINT|STE)[- ]", "ST", s)
    s = re.sub(r"[^A-Z]", "", s)
    s = (s + "XXX")[:3]
    g = re.sub(r"[^A-Z]", "", strip_accents(given).upper())
    return s + g[0]


def make_nam(surname, given, sex, dob, diff="1"):
    letters = nam_prefix(surname, given)
    month = dob.month + (50 if sex == "F" else 0)
    cd = nam_check_digit(letters, dob.year, sex, dob.month, dob.day, diff)
    return "%s%02d%02d%02d%s%d" % (letters, dob.year % 100, month, dob.day,
                                   diff, cd)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix):
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError


def make_sin(rng):
    first = rng.choice("12345679")
    return luhn_complete(first + "".join(rng.choice("0123456789")
                                         for _ in range(7)))


def sin_valid(s):
    s = re.sub(r"\D", "", s)
    return len(s) == 9 and s[0] in "12345679" and luhn_ok(s)


def make_ohip(rng):
    first = rng.choice("123456789")
    return luhn_complete(first + "".join(rng.choice("0123456789")
                                         for _ in range(8)))


def ohip_valid(s):
    s = re.sub(r"\D", "", s)
    return len(s) == 10 and s[0] != "0" and luhn_ok(s)


BC_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3)


def bc_phn_check(nine):
    s = sum((int(d) * w) % 11 for d, w in zip(nine[1:9], BC_WEIGHTS))
    r = s % 11
    if r in (0, 1):
        return None
    return 11 - r


def make_bc_phn(rng):
    while True:
        nine = "9" + "".join(rng.choice("0123456789") for _ in range(8))
        c = bc_phn_check(nine)
        if c is not None:
            return nine + str(c)


def bc_phn_valid(s):
    s = re.sub(r"\D", "", s)
    if len(s) != 10 or s[0] != "9":
        return False
    c = bc_phn_check(s[:9])
    return c is not None and c == int(s[9])


def make_bn(rng):
    """Canadian business number (same Luhn as SIN): a false-positive source."""
    return luhn_complete(rng.choice("78") + "".join(
        rng.choice("0123456789") for _ in range(7)))


def self_test_algorithms():
    for sample, year in (("QWEA10010110", 2010), ("QWEA10510170", 2010),
                         ("ASDA20011313", 2020), ("TEST54122816", 1954),
                         ("LACM30010115", 1930), ("MAYM21561219", 2021)):
        born = nam_valid(sample)
        assert born is not None and born.year == year, sample
    assert nam_valid("MAYM21561218") is None
    assert nam_prefix("D'Amours", "Luc") == "DAML"
    assert nam_prefix("Le Blanc", "Anne") == "LEBA"
    assert nam_prefix("Saint-Pierre", "Guy") == "STPG"
    assert nam_prefix("Lê", "Minh") == "LEXM"
    assert make_nam("Mayrand", "Mia", "F", dt.date(2021, 6, 12), "1")[:11] \
        == "MAYM2156121"
    assert luhn_ok("046454286")            # the classic SIN example
    assert sin_valid("046 454 286") is False  # first digit 0 is not issued
    assert bc_phn_valid("9698658215")      # python-stdnum example
    assert ohip_valid("1234567897")


# ---------------------------------------------------------------------------
# Deterministic randomness helpers
# ---------------------------------------------------------------------------

def sub_rng(*key):
    h = hashlib.sha256(("%d|" % SEED + "|".join(map(str, key))).encode())
    return random.Random(int.from_bytes(h.digest()[:8], "big"))


# ---------------------------------------------------------------------------
# Fake people
# ---------------------------------------------------------------------------

SURNAMES = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin",
    "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger",
    "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
    "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier",
    "Lapointe", "Leclerc", "Lefebvre", "Poulin", "Thibault", "St-Pierre",
    "D'Amours", "Nadeau", "Martel", "Plante", "Hébert", "Desjardins",
    "Nguyen", "Haddad", "Ben Ammar", "Joseph", "Saint-Louis", "Ste-Marie",
    "Lê", "Ouimet", "Théberge", "Éthier", "Côté-Lessard", "O'Brien",
    "Kowalski", "Diallo", "Tran", "Rodríguez", "Wong", "Awashish", "Petiquay",
    "Dion", "Boivin", "Rioux", "Vachon", "Grenier", "Marcoux", "Bédard",
    "Harvey", "Savard", "Chabot", "Provencher", "Turcotte", "Lachance",
    "Jean-Baptiste", "Pierre-Louis", "Mercier", "Drouin", "Landry",
    "Arsenault", "Babin", "McKenzie", "Fraser", "Ng", "Bouchard-Roy",
    "Labbé", "Larouche", "Villeneuve", "Ménard", "Brisson", "Cyr", "Aubé",
    "El Khoury", "Benali", "Chartrand", "Lamontagne", "Bisson", "Vézina",
    "Marchand", "Gosselin", "Daigle", "Doucet", "Huard", "Jolicoeur",
]
GIVEN_F = [
    "Marie", "Louise", "Jeanne", "Thérèse", "Ginette", "Francine", "Lise",
    "Nicole", "Sylvie", "Johanne", "Nathalie", "Isabelle", "Julie", "Mélanie",
    "Geneviève", "Émilie", "Catherine", "Audrey", "Camille", "Léa", "Chloé",
    "Rosalie", "Florence", "Zoé", "Alice", "Yasmine", "Fatoumata", "Nadia",
    "Linh", "Guerline", "Rita", "Margaret", "Ève", "Annie", "Claudette",
    "Huguette", "Rollande", "Solange", "Maude", "Noémie", "Océane", "Jade",
    "Ana", "Sarah", "Kathleen", "Danielle", "Micheline", "Pierrette",
]
GIVEN_M = [
    "Jean", "Pierre", "Michel", "André", "Gilles", "Réal", "Gaétan", "Denis",
    "Claude", "Luc", "Marc", "Stéphane", "Martin", "Patrick", "Sébastien",
    "Mathieu", "Olivier", "Félix", "William", "Thomas", "Samuel", "Liam",
    "Noah", "Karim", "Mamadou", "Minh", "Jean-Robert", "Wilner", "Roger",
    "Robert", "Yvon", "Fernand", "Marcel", "Benoît", "Éric", "Jérôme",
    "Rémi", "Hugo", "Alexis", "Xavier", "Diego", "Kevin", "Daniel",
    "Raymond", "Normand", "Ghislain", "Hamza", "Émile",
]

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
             "août", "septembre", "octobre", "novembre", "décembre"]
MONTHS_FR_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.",
                  "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
           "dimanche"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
           "Saturday", "Sunday"]


class Person:
    def __init__(self, given, surname, sex, dob, diff="1"):
        self.given, self.surname, self.sex, self.dob = given, surname, sex, dob
        self.diff = diff
        self.nam = make_nam(surname, given, sex, dob, diff)
        assert nam_valid(self.nam) == dob, (self.nam, dob)

    @property
    def full(self):
        return "%s %s" % (self.given, self.surname)

    @property
    def last_first(self):
        return "%s, %s" % (self.surname.upper(), self.given)

    @property
    def mme(self):
        return "Mme" if self.sex == "F" else "M."

    @property
    def mrs(self):
        return "Mrs." if self.sex == "F" else "Mr."

    def age(self, at=REF_DATE):
        a = at.year - self.dob.year
        if (at.month, at.day) < (self.dob.month, self.dob.day):
            a -= 1
        return a

    @property
    def initials(self):
        return strip_accents(self.given[0] + self.surname[0]).upper()

    @property
    def e(self):           # feminine agreement helper: "né" + p.e
        return "e" if self.sex == "F" else ""


def rand_date(rng, start, end):
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, span))


def make_person(rng, sex=None, age=(18, 95), at=REF_DATE, surname=None,
                given=None):
    sex = sex or rng.choice("FM")
    given = given or rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
    surname = surname or rng.choice(SURNAMES)
    lo = dt.date(at.year - age[1] - 1, at.month, 1) + dt.timedelta(days=40)
    hi = dt.date(at.year - age[0], 1, 1)
    dob = rand_date(rng, lo, hi)
    diff = rng.choice("1111111123")
    return Person(given, surname, sex, dob, diff)


def make_staff(rng, sex=None):
    sex = sex or rng.choice("FM")
    return (rng.choice(GIVEN_F if sex == "F" else GIVEN_M),
            rng.choice(SURNAMES), sex)


def fmt_nam(nam, style="space"):
    a, b, c = nam[:4], nam[4:8], nam[8:]
    return {
        "compact": nam,
        "space": "%s %s %s" % (a, b, c),
        "hyphen": "%s-%s-%s" % (a, b, c),
        "lower": ("%s %s %s" % (a, b, c)).lower(),
        "lowercompact": nam.lower(),
        "double": "%s  %s  %s" % (a, b, c),
        "nbsp": "%s\u00a0%s\u00a0%s" % (a, b, c),
        "odd": "%s %s %s %s" % (a, nam[4:6], nam[6:10], c[2:]),
        "split2": "%s %s" % (a, nam[4:]),
        "dots": "%s.%s.%s" % (a, b, c),
    }[style]


def typo_nam(nam):
    """Same NAM with a wrong check digit (a deliberate transcription typo)."""
    for k in (3, 7, 1, 9, 5, 2, 4, 6, 8):
        out = nam[:11] + str((int(nam[11]) + k) % 10)
        if nam_valid(out) is None:
            return out
    raise AssertionError(nam)


def fmt_date(d, style):
    m = d.month
    if style == "iso":
        return d.isoformat()
    if style == "slash_ymd":
        return "%04d/%02d/%02d" % (d.year, m, d.day)
    if style == "dmy":
        return "%02d/%02d/%04d" % (d.day, m, d.year)
    if style == "dmy_dash":
        return "%02d-%02d-%04d" % (d.day, m, d.year)
    if style == "mdy_us":
        return "%02d/%02d/%04d" % (m, d.day, d.year)
    if style == "fr_abbr":
        return "%d %s %d" % (d.day, MONTHS_FR_ABBR[m - 1], d.year)
    if style == "fr_long":
        return "%s %s %d" % ("1er" if d.day == 1 else d.day,
                             MONTHS_FR[m - 1], d.year)
    if style == "en_short":
        return "%s %d %d" % (MONTHS_EN[m - 1][:3], d.day, d.year)
    if style == "en_long":
        return "%s %d, %d" % (MONTHS_EN[m - 1], d.day, d.year)
    if style == "dmon":
        return "%02d-%s-%d" % (d.day, MONTHS_EN[m - 1][:3].upper(), d.year)
    if style == "hl7":
        return d.strftime("%Y%m%d")
    if style == "dmy_dots":
        return "%02d.%02d.%04d" % (d.day, m, d.year)
    raise KeyError(style)


def fr_day(d):
    return "%s %s %s" % (DAYS_FR[d.weekday()],
                         "1er" if d.day == 1 else d.day, MONTHS_FR[d.month - 1])


def en_day(d):
    return "%s, %s %d" % (DAYS_EN[d.weekday()], MONTHS_EN[d.month - 1], d.day)


def phone(rng, area=None):
    area = area or rng.choice(["418", "514", "450", "819", "438", "581",
                               "367", "873"])
    return "%s 555-01%02d" % (area, rng.randint(0, 99))


def mrn(rng, style=None):
    style = style or rng.choice(["h", "plain", "dash", "alpha"])
    n = rng.randint(10000, 999999)
    if style == "h":
        return "H%07d" % n
    if style == "plain":
        return "%07d" % n
    if style == "dash":
        return "%02d-%06d" % (rng.randint(0, 99), n)
    return "%s%06d" % (rng.choice(["CH", "HS", "HR", "DM"]), n)


def ohip_fmt(num, version=""):
    s = "%s-%s-%s" % (num[:4], num[4:7], num[7:])
    return (s + " " + version).strip()


POSTAL = ["G1V 0A6", "G5L 3N7", "J8Y 6S2", "H2L 4M1", "J4K 2T8", "G7H 5B9",
          "J1H 5N4", "G9A 1X3", "H3T 1E2", "J7Z 3B8", "G0L 1B0", "J9X 5B7"]
STREETS = ["rue Principale", "boul. Saint-Joseph", "rue des Érables",
           "rang Saint-Joachim", "av. du Parc", "rue King Ouest",
           "ch. du Lac", "rue Racine Est", "boul. Talbot", "rue Sherbrooke"]
TOWNS = ["Rimouski", "Saguenay", "Trois-Rivières", "Sherbrooke", "Gatineau",
         "Longueuil", "Lévis", "Rouyn-Noranda", "Saint-Jérôme", "Joliette",
         "Québec", "Montréal", "Matane", "Alma", "Drummondville",
         "Victoriaville", "Baie-Comeau", "Sept-Îles", "Amqui", "La Tuque"]


def address(rng):
    return "%d, %s, %s (QC) %s" % (rng.randint(12, 2999), rng.choice(STREETS),
                                    rng.choice(TOWNS), rng.choice(POSTAL))


# ---------------------------------------------------------------------------
# Organisations and e-mail addresses
# ---------------------------------------------------------------------------

ORGS = {
    "cisss_bsl": ("CISSS du Bas-Saint-Laurent", "cisss-bsl.example"),
    "ciusss_mcq": ("CIUSSS de la Mauricie-et-du-Centre-du-Québec",
                   "ciusss-mcq.example"),
    "ciusss_est": ("CIUSSS de l'Estrie – CHUS", "ciusss-estrie.example"),
    "cisss_out": ("CISSS de l'Outaouais", "cisss-outaouais.example"),
    "ciusss_cn": ("CIUSSS de la Capitale-Nationale", "ciusss-cn.example"),
    "cisss_lau": ("CISSS des Laurentides", "cisss-laurentides.example"),
    "cisss_at": ("CISSS de l'Abitibi-Témiscamingue", "cisss-at.example"),
    "chu_riv": ("CHU de la Rivière", "chu-riviere.example"),
    "hgm": ("Hôpital général de Montréal-Ouest", "hgmo.example"),
    "gmf_iles": ("GMF des Îles", "gmf-des-iles.example"),
    "gmf_vallee": ("GMF-U de la Vallée", "gmfu-vallee.example"),
    "clinique_plateau": ("Clinique médicale du Plateau",
                         "clinique-plateau.example"),
}
WEBMAIL = ["hotmail.example", "videotron.example", "gmail.example",
           "sympatico.example", "outlook.example", "yahoo.example"]


def ascii_local(s):
    return re.sub(r"[^a-z0-9.-]", "", strip_accents(s).lower().replace(" ", "-"))


def addr_of(given, surname, domain, style="dot"):
    g, s = ascii_local(given), ascii_local(surname)
    if style == "dot":
        local = "%s.%s" % (g, s)
    elif style == "initial":
        local = "%s%s" % (g[0], s)
    else:
        local = "%s.%s%d" % (g, s, len(g) * 7 + len(s))
    return "%s@%s" % (local, domain)


def staff_addr(rng, org, sex=None):
    g, s, sx = make_staff(rng, sex)
    name, domain = ORGS[org]
    style = "dot" if "cisss" in domain else rng.choice(["dot", "initial"])
    return ("%s %s" % (g, s), addr_of(g, s, domain, style), sx)


# ---------------------------------------------------------------------------
# MIME construction (hand-made so every byte is under our control)
# ---------------------------------------------------------------------------

class Leaf:
    def __init__(self, ctype, data, charset=None, cte=None, filename=None,
                 disposition=None, params=None, content_id=None):
        self.ctype, self.data, self.charset = ctype, data, charset
        self.cte, self.filename, self.disposition = cte, filename, disposition
        self.params = params or []
        self.content_id = content_id


class Multi:
    def __init__(self, subtype, parts, params=None):
        self.subtype, self.parts, self.params = subtype, parts, params or []


def _q_word_bytes(b):
    out = []
    for byte in b:
        ch = chr(byte)
        if ch.isascii() and (ch.isalnum() or ch in "!*+-/"):
            out.append(ch)
        elif ch == " ":
            out.append("_")
        else:
            out.append("=%02X" % byte)
    return "".join(out)


def encoded_words(text, charset="utf-8", mode="Q", first_room=60):
    """Encode text as a folded sequence of RFC 2047 encoded words."""
    words, cur = [], ""
    prefix = "=?%s?%s?" % (charset, mode)

    def enc(s):
        b = s.encode(charset)
        if mode == "B":
            return base64.b64encode(b).decode()
        return _q_word_bytes(b)

    room = first_room
    for ch in text:
        trial = cur + ch
        if len(prefix) + len(enc(trial)) + 2 > min(room, 75) and cur:
            words.append(prefix + enc(cur) + "?=")
            cur = ch
            room = 75
        else:
            cur = trial
    if cur:
        words.append(prefix + enc(cur) + "?=")
    return "\n ".join(words)


def fold_ascii(name, value):
    """Fold an ASCII header at spaces to keep lines under 78 chars."""
    line = name + ": "
    out = []
    for tok in value.split(" "):
        if len(line) + len(tok) + 1 > 78 and line.strip() not in ("", name + ":"):
            out.append(line.rstrip())
            line = " " + tok + " "
        else:
            line += tok + " "
    out.append(line.rstrip())
    return "\n".join(out)


def header_text(name, value, charset="utf-8", mode="Q"):
    if value.isascii():
        return fold_ascii(name, value)
    # keep an ASCII reply prefix readable, like most clients do
    m = re.match(r"^((?:(?:RE|TR|FW|Fwd|Réf)\s?:\s*)+)", value, re.I)
    pre = ""
    if m and m.group(1).isascii():
        pre, value = m.group(1), value[len(m.group(1)):]
    room = 76 - len(name) - 2 - len(pre)
    return "%s: %s%s" % (name, pre, encoded_words(value, charset, mode, room))


def mailbox(display, addr, charset="utf-8", mode="Q"):
    if not display:
        return addr
    if display.isascii():
        if re.search(r"[(),.:;<>@\[\]\"\\]", display):
            display = '"%s"' % display.replace('"', '')
        if len(display) + len(addr) + 14 > 76:
            return "%s\n <%s>" % (display, addr)
        return "%s <%s>" % (display, addr)
    enc = encode_phrase(display, charset, mode)
    if len(enc.split("\n")[-1]) + len(addr) + 14 > 76:
        return "%s\n <%s>" % (enc, addr)
    return "%s <%s>" % (enc, addr)


_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+")


def encode_phrase(display, charset="utf-8", mode="Q"):
    """RFC 2047 display name: plain ASCII atoms stay as they are, runs of
    other words become ONE encoded word each, so no two encoded words are
    ever adjacent (decoders disagree on the space between them)."""
    out, run = [], []

    def flush():
        if run:
            word = encoded_words(" ".join(run), charset, mode, 200)
            assert "\n" not in word, display
            out.append(word)
            run.clear()
    for tok in display.split(" "):
        if _ATOM.fullmatch(tok) and "=?" not in tok:
            flush()
            out.append(tok)
        else:
            run.append(tok)
    flush()
    lines, cur = [], ""
    for w in out:
        if cur and len(cur) + 1 + len(w) > 70:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    lines.append(cur)
    return "\n ".join(lines)


def header_addresses(name, boxes):
    """boxes: list of already-rendered mailbox strings."""
    lines = name + ": "
    out = []
    for i, b in enumerate(boxes):
        piece = b + ("," if i < len(boxes) - 1 else "")
        if "\n" in piece or len(lines.split("\n")[-1]) + len(piece) > 76:
            if lines.strip() != name + ":":
                out.append(lines.rstrip())
                lines = " "
        lines += piece + " "
    out.append(lines.rstrip())
    return "\n".join(out)


def qp_encode(data):
    enc = quopri.encodestring(data, quotetabs=False)
    return enc.decode("ascii")


def b64_lines(data):
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def param(k, v):
    if v.isascii():
        return '%s="%s"' % (k, v)
    # RFC 2231 for non-ASCII file names
    enc = "".join(c if (c.isascii() and (c.isalnum() or c in "-._")) else
                  "".join("%%%02X" % b for b in c.encode("utf-8"))
                  for c in v)
    return "%s*=utf-8''%s" % (k, enc)


class Renderer:
    def __init__(self, key):
        self.key = key
        self.n = 0

    def boundary(self):
        self.n += 1
        h = hashlib.sha1(("%s/%d" % (self.key, self.n)).encode()).hexdigest()
        return "----=_Part_%d_%s" % (self.n, h[:20])

    def render(self, part):
        lines = []
        if isinstance(part, Multi):
            b = self.boundary()
            ct = 'Content-Type: multipart/%s;\n boundary="%s"' % (part.subtype, b)
            for k, v in part.params:
                ct += ';\n ' + param(k, v)
            lines.append(ct)
            lines.append("")
            if part.subtype == "mixed":
                lines.append("This is a multi-part message in MIME format.")
                lines.append("")
            for p in part.parts:
                lines.append("--" + b)
                lines.append(self.render(p))
            lines.append("--" + b + "--")
            lines.append("")
            return "\n".join(lines)
        ct = "Content-Type: " + part.ctype
        if part.charset:
            ct += '; charset="%s"' % part.charset
        for k, v in part.params:
            ct += ";\n " + param(k, v)
        if part.filename:
            ct += ";\n " + param("name", part.filename)
        lines.append(ct)
        data = part.data
        if isinstance(data, str):
            text = data.replace("\r\n", "\n")
            data = text.encode(part.charset or "ascii")
            is_text = True
        else:
            is_text = False
        cte = part.cte
        if cte is None:
            if is_text and data.isascii() and max(
                    [len(x) for x in data.split(b"\n")] + [0]) < 900:
                cte = "7bit"
            elif is_text:
                cte = "quoted-printable"
            else:
                cte = "base64"
        lines.append("Content-Transfer-Encoding: " + cte)
        if part.content_id:
            lines.append("Content-ID: <%s>" % part.content_id)
        if part.filename or part.disposition:
            disp = part.disposition or "attachment"
            if part.filename:
                disp += ";\n " + param("filename", part.filename)
            lines.append("Content-Disposition: " + disp)
        lines.append("")
        if cte == "7bit":
            assert data.isascii()
            body = data.decode("ascii")
        elif cte == "quoted-printable":
            body = qp_encode(data)
        else:
            if is_text:
                data = data.replace(b"\n", b"\r\n")
            body = b64_lines(data)
        lines.append(body.rstrip("\n"))
        lines.append("")
        return "\n".join(lines)


def rfc_date(d):
    """d: naive datetime in Quebec local time -> RFC 5322 date with offset."""
    y = d.year
    # DST: second Sunday of March 2:00 to first Sunday of November 2:00
    mar = dt.datetime(y, 3, 8)
    start = mar + dt.timedelta(days=(6 - mar.weekday()) % 7, hours=2)
    nov = dt.datetime(y, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7, hours=2)
    off = "-0400" if start <= d < end else "-0500"
    return "%s, %02d %s %d %02d:%02d:%02d %s" % (
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()],
        d.day, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                "Oct", "Nov", "Dec"][d.month - 1], d.year, d.hour, d.minute,
        d.second, off)


# ---------------------------------------------------------------------------
# Attachment factories (all formats are real and minimal)
# ---------------------------------------------------------------------------

ZIP_TIME = (2025, 1, 14, 9, 30, 0)


def make_zip(files, compress=True):
    """files: list of (name, bytes). Deterministic timestamps and order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else \
                zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            z.writestr(info, data)
    return buf.getvalue()


def _xml_esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def make_docx(paragraphs, title="", author="Utilisateur"):
    """Minimal real WordprocessingML package. paragraphs: list of str;
    a str starting with '# ' becomes a bold heading."""
    body = []
    for p in paragraphs:
        if p.startswith("# "):
            body.append('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
                        '%s</w:t></w:r></w:p>' % _xml_esc(p[2:]))
        else:
            body.append('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
                        % _xml_esc(p))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body>%s<w:sectPr><w:pgSz w:w="12240" '
           'w:h="15840"/></w:sectPr></w:body></w:document>' % "".join(body))
    ctypes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="rels" ContentType="application/'
              'vnd.openxmlformats-package.relationships+xml"/><Default '
              'Extension="xml" ContentType="application/xml"/><Override '
              'PartName="/word/document.xml" ContentType="application/vnd.'
              'openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="application/'
              'vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
            ' Target="word/document.xml"/><Relationship Id="rId2" Type="http://'
            'schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/></Relationships>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
            'elements/1.1/"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '</cp:coreProperties>' % (_xml_esc(title), _xml_esc(author)))
    return make_zip([("[Content_Types].xml", ctypes.encode()),
                     ("_rels/.rels", rels.encode()),
                     ("word/document.xml", doc.encode()),
                     ("docProps/core.xml", core.encode())])


def _pdf_str(s):
    b = s.encode("cp1252", "replace")
    out = []
    for byte in b:
        ch = chr(byte)
        if ch in "\\()":
            out.append("\\" + ch)
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return "(" + "".join(out) + ")"


def make_pdf(lines, compress=False, title=None):
    """Minimal real PDF 1.4, Helvetica/WinAnsi text, one page per 56 lines."""
    pages = [lines[i:i + 56] for i in range(0, max(len(lines), 1), 56)] or [[]]
    objs = {}
    n_pages = len(pages)
    font_id = 3
    page_ids, content_ids = [], []
    next_id = 4
    for _ in pages:
        page_ids.append(next_id)
        content_ids.append(next_id + 1)
        next_id += 2
    info_id = next_id
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % i for i in page_ids), n_pages)).encode()
    objs[font_id] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                     b"/Encoding /WinAnsiEncoding >>")
    for pid, cid, plines in zip(page_ids, content_ids, pages):
        objs[pid] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                     % (font_id, cid)).encode()
        ops = ["BT", "/F1 10 Tf", "13 TL", "54 740 Td"]
        for ln in plines:
            ops.append(_pdf_str(ln) + " Tj T*")
        ops.append("ET")
        stream = ("\n".join(ops) + "\n").encode("latin-1")
        if compress:
            stream = zlib.compress(stream, 9)
            objs[cid] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n"
                         % len(stream)) + stream + b"\nendstream"
        else:
            objs[cid] = (b"<< /Length %d >>\nstream\n" % len(stream)) + stream \
                + b"\nendstream"
    objs[info_id] = ("<< /Producer (Sentinelle holdout generator) /Title %s >>"
                     % _pdf_str(title or "")).encode("latin-1")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += b"%010d 00000 n \n" % offsets[i]
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n"
            b"%%%%EOF\n" % (size, info_id, xref))
    return bytes(out)


def make_png(w=24, h=24, rgb=(0, 84, 147)):
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def make_csv(rows, delimiter=",", charset="utf-8", bom=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    if charset.lower() in ("iso-8859-1", "latin-1"):
        text = text.translate({0x153: "oe", 0x152: "OE", 0x2013: "-",
                               0x2019: "'", 0x2026: "..."})
    data = text.encode(charset)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return data


def hl7_ts(d, hm=None):
    if hm:
        return d.strftime("%Y%m%d") + hm
    return d.strftime("%Y%m%d")


# ---------------------------------------------------------------------------
# Message context and assembly
# ---------------------------------------------------------------------------

DISCLAIMERS_FR = [
    "AVIS DE CONFIDENTIALITÉ : Ce courriel et les pièces jointes sont "
    "confidentiels et destinés exclusivement au(x) destinataire(s) indiqué(s). "
    "Si vous l'avez reçu par erreur, veuillez en aviser l'expéditeur et le "
    "détruire sans en conserver de copie.",
    "Ce message peut contenir des renseignements confidentiels. Toute "
    "divulgation, reproduction ou distribution non autorisée est strictement "
    "interdite. Merci de penser à l'environnement avant d'imprimer ce courriel.",
    "*** Le présent courriel est confidentiel. S'il vous a été transmis par "
    "erreur, veuillez nous en informer immédiatement par retour de courriel. "
    "***",
]
DISCLAIMERS_EN = [
    "CONFIDENTIALITY NOTICE: This e-mail, including any attachments, is "
    "intended only for the named recipient(s) and may contain privileged "
    "information. If you received it in error, please notify the sender and "
    "delete it.",
    "This message is confidential. If you are not the intended recipient, "
    "please do not read, copy or forward it; let the sender know and delete "
    "it.",
]


class Ctx:
    def __init__(self, kind, name, variant):
        self.kind, self.name, self.variant = kind, name, variant
        self.rng = sub_rng(kind, name, variant)
        r = self.rng
        day = rand_date(r, dt.date(2024, 9, 3), dt.date(2025, 6, 27))
        if r.random() < 0.85 and day.weekday() >= 5:
            day -= dt.timedelta(days=day.weekday() - 4)
        if r.random() < 0.8:
            hour = r.randint(7, 17)
        else:
            hour = r.choice([0, 5, 6, 19, 21, 22, 23])
        self.when = dt.datetime(day.year, day.month, day.day, hour,
                                r.randint(0, 59), r.randint(0, 59))
        self.today = self.when.date()
        self.ids = []          # (kind, value, expect_valid)
        self.att = []          # (filename, bytes)
        self.att_text = []     # plain text of attachments for self-check
        self.slug = None

    # --- identifiers -----------------------------------------------------
    def person(self, **kw):
        return make_person(self.rng, at=self.today, **kw)

    def nam(self, p, style="space"):
        self.ids.append(("nam", p.nam, True))
        return fmt_nam(p.nam, style)

    def typo(self, p, style="space"):
        bad = typo_nam(p.nam)
        self.ids.append(("nam", bad, False))
        return fmt_nam(bad, style)

    def sin(self, style="space"):
        s = make_sin(self.rng)
        self.ids.append(("sin", s, True))
        if style == "space":
            return "%s %s %s" % (s[:3], s[3:6], s[6:])
        if style == "dash":
            return "%s-%s-%s" % (s[:3], s[3:6], s[6:])
        return s

    def ohip(self, version=True, style="dash"):
        s = make_ohip(self.rng)
        self.ids.append(("ohip", s, True))
        v = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(2)) \
            if version else ""
        if style == "dash":
            return ohip_fmt(s, v)
        if style == "space":
            return ("%s %s %s %s" % (s[:4], s[4:7], s[7:], v)).strip()
        return s + v

    def phn(self, style="space"):
        s = make_bc_phn(self.rng)
        self.ids.append(("phn", s, True))
        if style == "space":
            return "%s %s %s" % (s[:4], s[4:7], s[7:])
        return s

    def mrn(self, style=None):
        return mrn(self.rng, style)

    def phone(self, area=None):
        return phone(self.rng, area)

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def ago(self, days_lo, days_hi=None):
        d = self.rng.randint(days_lo, days_hi if days_hi is not None else days_lo)
        return self.today - dt.timedelta(days=d)

    def ahead(self, days_lo, days_hi=None):
        d = self.rng.randint(days_lo, days_hi if days_hi is not None else days_lo)
        return self.today + dt.timedelta(days=d)

    # --- attachments -----------------------------------------------------
    def attach(self, filename, data, ctype, text=None, cte=None, params=None):
        self.att.append((filename, data))
        if text is not None:
            self.att_text.append(text)
        return Leaf(ctype, data, filename=filename, cte=cte or "base64",
                    params=params)

    def pdf(self, filename, lines, compress=None, title=None):
        if compress is None:
            compress = self.chance(0.5)
        return self.attach(filename, make_pdf(lines, compress, title),
                           "application/pdf", "\n".join(lines))

    def docx(self, filename, paragraphs, title=""):
        return self.attach(filename, make_docx(paragraphs, title),
                           "application/vnd.openxmlformats-officedocument."
                           "wordprocessingml.document", "\n".join(paragraphs))

    def csv(self, filename, rows, charset="utf-8", delimiter=None, bom=None,
            ctype="text/csv"):
        if delimiter is None:
            delimiter = self.pick([",", ";"])
        if bom is None:
            bom = charset == "utf-8" and self.chance(0.4)
        data = make_csv(rows, delimiter, charset, bom)
        leaf = self.attach(filename, data, ctype,
                           "\n".join(" ".join(r) for r in rows))
        leaf.params = [("charset", charset)] if ctype.startswith("text/") else []
        return leaf

    def zip(self, filename, files, texts=()):
        data = make_zip(files)
        for t in texts:
            self.att_text.append(t)
        return self.attach(filename, data, "application/zip")

    def textfile(self, filename, text, ctype="text/plain", charset="utf-8",
                 cte=None, newline="\r\n"):
        data = text.replace("\n", newline).encode(charset)
        leaf = self.attach(filename, data, ctype, text, cte=cte)
        if ctype.startswith("text/"):
            leaf.params = [("charset", charset)]
        return leaf

    def png(self, filename="image001.png", inline=True, rgb=(0, 84, 147)):
        data = make_png(rgb=rgb)
        self.att.append((filename, data))
        leaf = Leaf("image/png", data, filename=filename, cte="base64",
                    disposition="inline" if inline else "attachment",
                    content_id=("%s@01DB0000.00000000" % filename) if inline
                    else None)
        return leaf


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def text_to_html(text, font=None, outlook=False):
    font = font or "Calibri, Arial, sans-serif"
    paras = text.replace("\r\n", "\n").split("\n\n")
    out = []
    for para in paras:
        lines = para.split("\n")
        if not para.strip():
            continue
        if all(l.startswith(">") for l in lines if l.strip()):
            inner = "\n".join(re.sub(r"^> ?", "", l) for l in lines)
            out.append('<blockquote style="margin:0 0 0 .8ex;border-left:1px '
                       'solid #ccc;padding-left:1ex">%s</blockquote>'
                       % text_to_html(inner, font, False))
            continue
        if all(re.match(r"\s*[-•*] ", l) for l in lines if l.strip()):
            out.append("<ul>%s</ul>" % "".join(
                "<li>%s</li>" % esc(re.sub(r"^\s*[-•*] ", "", l))
                for l in lines if l.strip()))
            continue
        cls = ' class="MsoNormal"' if outlook else ""
        out.append("<p%s>%s</p>" % (cls, "<br>\n".join(esc(l) for l in lines)))
    body = "\n".join(out)
    if outlook:
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n'
                '<head>\n<meta http-equiv="Content-Type" content="text/html; '
                'charset=utf-8">\n<style><!--\np.MsoNormal {margin:0cm;'
                'font-size:11.0pt;font-family:"Calibri",sans-serif;}\n--></style>'
                '\n</head>\n<body lang="FR-CA" link="#0563C1">\n<div class='
                '"WordSection1">\n%s\n</div>\n</body>\n</html>\n' % body)
    return ('<html>\n<head><meta charset="utf-8"></head>\n<body>\n<div style='
            '"font-family:%s;font-size:14px">\n%s\n</div>\n</body>\n</html>\n'
            % (font, body))


def pick_charset(ctx, text, allowed=None):
    choices = allowed or ["utf-8", "utf-8", "utf-8", "iso-8859-1",
                          "windows-1252"]
    cs = ctx.pick(choices)
    for c in [cs, "windows-1252", "utf-8"]:
        try:
            text.encode(c)
            return c
        except UnicodeEncodeError:
            continue
    return "utf-8"


def body(ctx, text, html=None, style=None, charset=None, cte=None,
         attachments=(), related=()):
    """Build the MIME body. style: plain | html | alt (random if None)."""
    if style is None:
        style = ctx.pick(["plain", "plain", "alt", "alt", "html"])
    cs = charset or pick_charset(ctx, text + (html or ""))
    if cte is None:
        if (text + (html or "")).isascii() and ctx.chance(0.5):
            cte = None   # renderer picks 7bit
        else:
            cte = ctx.pick(["quoted-printable", "quoted-printable", "base64"])
    if html is None and style in ("html", "alt"):
        html = text_to_html(text, outlook=ctx.chance(0.5))
    if html is not None and cs != "utf-8":
        html = html.replace('charset=utf-8', 'charset=%s' % cs).replace(
            '<meta charset="utf-8">', '<meta charset="%s">' % cs)
    if style == "plain":
        main = Leaf("text/plain", text, cs, cte)
    elif style == "html":
        main = Leaf("text/html", html, cs, cte)
    else:
        main = Multi("alternative", [Leaf("text/plain", text, cs, cte),
                                     Leaf("text/html", html, cs, cte)])
    if related:
        main = Multi("related", [main] + list(related))
    if attachments:
        return Multi("mixed", [main] + list(attachments))
    return main


def sig(name, title, org, tel=None, email=None, lang="fr", disclaimer=None,
        ctx=None):
    lines = ["", "--" if ctx and ctx.chance(0.3) else "", name, title, org]
    if tel:
        lines.append(("Tél. : %s" if lang == "fr" else "Tel.: %s") % tel)
    if email:
        lines.append(email)
    if disclaimer is None and ctx is not None:
        disclaimer = ctx.chance(0.45)
    if disclaimer:
        pool = DISCLAIMERS_FR if lang == "fr" else DISCLAIMERS_EN
        lines += ["", ctx.pick(pool) if ctx else pool[0]]
    return "\n".join(l for l in lines if l is not None)


def quote(text):
    return "\n".join(("> " + l) if l else ">" for l in text.split("\n"))


def fmt_when_fr(d):
    return "%s %d %s %d %02d:%02d" % (DAYS_FR[d.weekday()], d.day,
                                      MONTHS_FR[d.month - 1], d.year, d.hour,
                                      d.minute)


def fmt_when_en(d):
    h = d.hour % 12 or 12
    return "%s, %s %d, %d %d:%02d %s" % (DAYS_EN[d.weekday()],
                                        MONTHS_EN[d.month - 1], d.day, d.year,
                                        h, d.minute, "AM" if d.hour < 12 else "PM")


def reply_block(style, frm, to, when, subject, text, lang="fr"):
    """A quoted earlier message, as clients format it."""
    if style == "gmail":
        if lang == "fr":
            head = "Le %s %d %s %d à %02d h %02d, %s a écrit :" % (
                DAYS_FR[when.weekday()][:3] + ".", when.day,
                MONTHS_FR_ABBR[when.month - 1], when.year, when.hour,
                when.minute, frm)
        else:
            head = "On %s, %s wrote:" % (fmt_when_en(when), frm)
        return head + "\n" + quote(text)
    if lang == "fr":
        return ("-----Message d'origine-----\nDe : %s\nEnvoyé : %s\nÀ : %s\n"
                "Objet : %s\n\n%s" % (frm, fmt_when_fr(when), to, subject, text))
    return ("-----Original Message-----\nFrom: %s\nSent: %s\nTo: %s\n"
            "Subject: %s\n\n%s" % (frm, fmt_when_en(when), to, subject, text))


def build(ctx, frm, to, subject, mime, cc=(), extra=(), reply_to=None,
          hdr_charset=None, hdr_mode=None, in_reply_to=None, lang=None):
    """frm: (display, addr); to/cc: list of (display, addr)."""
    hcs = hdr_charset or ctx.pick(["utf-8", "utf-8", "utf-8", "iso-8859-1"])
    try:
        (subject + frm[0] + "".join(t[0] for t in list(to) + list(cc))).encode(hcs)
    except UnicodeEncodeError:
        hcs = "utf-8"
    mode = hdr_mode or ctx.pick(["Q", "Q", "B"])
    h = []
    dom = frm[1].split("@")[1]
    mid = hashlib.sha1(("%s/%s/%d" % (ctx.kind, ctx.name, ctx.variant)).encode()
                       ).hexdigest()
    h.append("Return-Path: <%s>" % frm[1])
    h.append(header_addresses("From", [mailbox(frm[0], frm[1], hcs, mode)]))
    h.append(header_addresses("To", [mailbox(n, a, hcs, mode) for n, a in to]))
    if cc:
        h.append(header_addresses("Cc", [mailbox(n, a, hcs, mode) for n, a in cc]))
    if reply_to:
        h.append(header_addresses("Reply-To", [mailbox(reply_to[0], reply_to[1],
                                                       hcs, mode)]))
    h.append(header_text("Subject", subject, hcs, mode))
    h.append("Date: " + rfc_date(ctx.when))
    h.append("Message-ID: <%s.%s@%s>" % (mid[:16], mid[16:28], dom))
    if in_reply_to:
        h.append("In-Reply-To: <%s@%s>" % (in_reply_to, dom))
        h.append("References: <%s@%s>" % (in_reply_to, dom))
    h.append("MIME-Version: 1.0")
    for k, v in extra:
        h.append(fold_ascii(k, v) if v.isascii() else header_text(k, v))
    if lang:
        h.append("Content-Language: " + lang)
    r = Renderer("%s/%s/%d" % (ctx.kind, ctx.name, ctx.variant))
    text = "\n".join(h) + "\n" + r.render(mime)
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", "\r\n").encode("ascii")


def irt(ctx, tag="prev"):
    return hashlib.sha1(("%s/%s/%d/%s" % (ctx.kind, ctx.name, ctx.variant, tag)
                         ).encode()).hexdigest()[:20]


POSITIVES = []
NEGATIVES = []


def positive(category, n=1):
    def deco(f):
        POSITIVES.append((f.__name__.replace("_", "-"), category, n, f))
        return f
    return deco


def negative(category, n=1):
    def deco(f):
        NEGATIVES.append((f.__name__.replace("_", "-"), category, n, f))
        return f
    return deco


FEM_TITLES = ("Agente", "Infirmière", "Coordonnatrice", "Conseillère",
              "Travailleuse", "Technicienne", "Cheffe", "Assistante", "Adjointe",
              "Directrice", "Pharmacienne", "Chercheuse", "Formatrice",
              "Développeuse", "Commissaire adjointe", "Sage-femme",
              "Technologiste", "Nutritionniste", "Secrétaire")
MASC_TITLES = ("Technicien", "Infirmier,", "Conseiller", "Chargé", "Développeur",
               "Chercheur", "Directeur", "Chef ", "Chef,", "Pharmacien,",
               "Magasinier", "Travailleur", "Intervenant", "Physicien",
               "Chirurgien", "Obstétricien", "Omnipraticien", "Co-chercheur",
               "Architecte", "Terminologue", "Analyste")


def title_sex(title):
    if not title:
        return None
    for t in FEM_TITLES:
        if title.startswith(t):
            return "F"
    for t in MASC_TITLES:
        if title.startswith(t) or (title + " ").startswith(t):
            return "M" if t not in ("Architecte", "Terminologue", "Analyste") \
                else None
    return None


class Staff:
    def __init__(self, rng, org, sex=None, title=None):
        sex = sex or title_sex(title)
        self.given, self.surname, self.sex = make_staff(rng, sex)
        self.org_name, domain = ORGS[org]
        style = "dot" if "cisss" in domain else rng.choice(["dot", "initial"])
        self.addr = addr_of(self.given, self.surname, domain, style)
        self.title = title
        self.phone_no = phone(rng)
        self.ext = rng.randint(2000, 7999)
        self.tel = "%s, poste %d" % (self.phone_no, self.ext)

    @property
    def name(self):
        return "%s %s" % (self.given, self.surname)

    @property
    def box(self):
        return (self.name, self.addr)

    @property
    def dr(self):
        return ("Dre " if self.sex == "F" else "Dr ") + self.name

    def sign(self, ctx, lang="fr", title=None, disclaimer=None):
        tel = self.tel if lang == "fr" else "%s ext. %d" % (self.phone_no,
                                                             self.ext)
        return sig(self.name, title or self.title or "", self.org_name,
                   tel, None, lang, disclaimer, ctx)


def staff(ctx, org, sex=None, title=None):
    return Staff(ctx.rng, org, sex, title)


def webmail_person(ctx, p):
    dom = ctx.pick(WEBMAIL)
    return ("%s %s" % (p.given, p.surname),
            addr_of(p.given, p.surname, dom, ctx.pick(["dot", "initial", "num"])))


# ===========================================================================
# POSITIVE scenarios
# ===========================================================================

CALLBACK_REASONS = [
    "TSH à 8,9 – la Dre veut ajuster le Synthroid",
    "résultat de Pap test anormal (ASC-US), rendez-vous colpo à prévoir",
    "renouvellement de ses pompes (Symbicort) – pas vu depuis 14 mois",
    "suivi post-urgence : pneumonie, contrôle radio dans 6 semaines",
    "créatinine augmentée, refaire bilan rénal à jeun",
    "INR à 4,1 – diminuer Coumadin selon protocole, rappeler ce matin",
    "demande de formulaire d'invalidité (dépression), prendre RV 30 min",
    "glycémie à jeun 11,2 – HbA1c à faire + RV avec l'infirmière",
    "mammographie : BIRADS 4, référence en chirurgie faite, l'aviser",
    "culture d'urine positive, antibiotique prescrit à la pharmacie",
]


@positive("patient-list", 4)
def gmf_callback_list(ctx):
    sec = staff(ctx, ctx.pick(["gmf_iles", "gmf_vallee"]), "F",
                "Agente administrative")
    inf = staff(ctx, ctx.pick(["gmf_iles", "gmf_vallee"]), title="Infirmière")
    doc = staff(ctx, "gmf_iles")
    pats = [ctx.person(age=(18, 92)) for _ in range(ctx.rng.randint(4, 7))]
    reasons = ctx.rng.sample(CALLBACK_REASONS, len(pats))
    dstyle = ctx.pick(["dmy", "iso", "fr_abbr", "slash_ymd"])
    nstyle = ctx.pick(["space", "compact", "hyphen"])
    v = ctx.variant % 4
    intro = ctx.pick([
        "Bonjour %s,\n\nVoici la liste des patients à rappeler pour %s (boîte "
        "vocale de la %s pleine depuis hier) :" % (inf.given, fr_day(ctx.today),
                                                   doc.dr),
        "Salut %s,\n\nComme convenu ce matin, les rappels à faire avant 16 h. "
        "J'ai mis les numéros qu'on a au dossier, certains ont changé." % inf.given,
        "Bon matin,\n\nListe des retours d'appels en attente. Merci de cocher "
        "dans Médesync quand c'est fait."])
    rows = []
    for p, r in zip(pats, reasons):
        rows.append((p, r, ctx.phone()))
    if v in (0, 2):
        lines = [intro, ""]
        for i, (p, r, tel) in enumerate(rows, 1):
            if v == 0:
                lines.append("%d. %s (DDN %s) – %s – %s" % (
                    i, p.last_first, fmt_date(p.dob, dstyle), tel, r))
            else:
                lines.append("- %s %s, %s, RAMQ %s, tél. %s\n  -> %s" % (
                    p.mme, p.full, fmt_date(p.dob, dstyle), ctx.nam(p, nstyle),
                    tel, r))
        lines += ["", "Merci!", sec.sign(ctx, title="Agente administrative")]
        text = "\n".join(lines)
        mime = body(ctx, text, style=ctx.pick(["plain", "alt"]))
    elif v == 1:
        trs = "".join(
            "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n"
            % (esc(p.last_first), fmt_date(p.dob, dstyle), ctx.nam(p, nstyle),
               tel, esc(r)) for p, r, tel in rows)
        html = ('<html><body style="font-family:Arial"><p>%s</p>\n<table border="1" '
                'cellpadding="3"><tr><th>Nom</th><th>DDN</th><th>NAM</th><th>Tél.'
                '</th><th>Motif</th></tr>\n%s</table>\n<p>Merci,<br>%s</p></body>'
                '</html>\n' % (esc(intro).replace("\n", "<br>"), trs, sec.name))
        text = intro + "\n\n" + "\n".join(
            "%s | %s | %s | %s | %s" % (p.last_first, fmt_date(p.dob, dstyle),
                                        fmt_nam(p.nam, nstyle), tel, r)
            for p, r, tel in rows) + "\n\nMerci,\n" + sec.name
        mime = body(ctx, text, html=html, style=ctx.pick(["html", "alt"]))
    else:
        data = [["nom", "prenom", "date_naissance", "nam", "telephone", "motif"]]
        for p, r, tel in rows:
            data.append([p.surname, p.given, fmt_date(p.dob, "iso"),
                         ctx.nam(p, "compact"), tel, r])
        att = ctx.csv("rappels_%s.csv" % ctx.today.strftime("%Y%m%d"), data,
                      charset=ctx.pick(["utf-8", "windows-1252"]))
        text = intro.split("\n\n")[0] + "\n\nLa liste est en pièce jointe " \
            "(export Excel). Il y en a %d aujourd'hui.\n\n%s" % (
                len(rows), sec.sign(ctx))
        mime = body(ctx, text, attachments=[att])
    return build(ctx, sec.box, [inf.box], ctx.pick([
        "Rappels patients - %s" % fmt_date(ctx.today, "fr_long"),
        "Liste rappels", "À rappeler aujourd'hui SVP",
        "TR: retours d'appels Dre %s" % doc.surname]), mime)


@positive("clinical-note", 4)
def resident_signout(ctx):
    unit = ctx.pick(["7 North", "CTU-B", "4 West Medicine", "Ward 9C", "SSU"])
    r1 = staff(ctx, "hgm", title="PGY-2 Internal Medicine")
    r2 = staff(ctx, "hgm", title="PGY-1")
    agefmt = ctx.pick(["%d y/o %s", "%dyo %s", "%d y.o. %s", "%d%s"])
    entries = [
        "s/p L hip hemiarthroplasty POD2, c/o increasing confusion overnight, "
        "r/o delirium vs UTI. UA/UC sent, f/u results. Haldol 0.5 mg PRN ok. DNR.",
        "CHF exacerbation, on IV Lasix 40 BID, net -1.2 L. AM lytes + Cr. If K "
        "< 3.5 replace per protocol. Full code.",
        "COPD AECOPD, on pred 40 day 3/5, azithro. Sats 88-92% target. c/o "
        "chest tightness at 2200, ECG unchanged, trop x1 neg, f/u 2nd trop.",
        "new dx pancreatic mass on CT, family meeting tmrw 10h w/ onc. Pain "
        "control hydromorphone 1 mg SC q4h PRN. Pt aware, daughter not yet.",
        "cellulitis R leg on cefazolin, afebrile x24h, ?switch to PO cephalexin "
        "tomorrow. r/o DVT - doppler neg.",
        "GI bleed, Hb 68 -> 2 units PRBC given, post-transfusion Hb pending. "
        "Scope done, clipped ulcer. PPI infusion. Call if melena or HR > 110.",
        "AKI on CKD3 (Cr 245 from 160), holding ramipril/metformin. Strict I/O. "
        "Renal US ordered.",
        "ETOH withdrawal, CIWA q1h, last score 14. Thiamine given. Security "
        "aware - tried to leave AMA yesterday.",
    ]
    pats = [ctx.person(age=(35, 96)) for _ in range(ctx.rng.randint(3, 5))]
    picked = ctx.rng.sample(entries, len(pats))
    lines = [ctx.pick(["Hey %s,", "Hi %s -", "%s,"]) % r2.given, "",
             ctx.pick([
                 "Sign-out for %s tonight. %d pts, 2 sick ones flagged with **.",
                 "Here's the %s list (%d pts). ** = watch closely.",
                 "%s handover, %d patients. Starred ones are the ones I'm "
                 "worried about."]) % (unit, len(pats)), ""]
    dstyle = ctx.pick(["en_short", "mdy_us", "iso", "dmon"])
    for i, (p, e) in enumerate(zip(pats, picked)):
        bed = "%s%02d" % (ctx.pick(["", "Bed ", "Rm "]), ctx.rng.randint(1, 40))
        age = agefmt % (p.age(ctx.today), p.sex)
        star = "** " if i in (0, 2) else ""
        idbit = ctx.pick(["MRN %s" % ctx.mrn(),
                          "DOB %s" % fmt_date(p.dob, dstyle),
                          "MRN %s, DOB %s" % (ctx.mrn("h"), fmt_date(p.dob, dstyle))])
        lines.append("%s%s - %s, %s (%s) %s\n   %s" % (star, bed, p.surname.upper(),
                                                     p.given, idbit, age, e))
        lines.append("")
    lines += [ctx.pick(["Pager if anything, I'm on till 8.",
                        "Call me if needed, cell on.", "Good luck, quiet night "
                        "hopefully."]), "",
              r1.sign(ctx, "en", "PGY-2 Internal Medicine")]
    text = "\n".join(lines)
    return build(ctx, r1.box, [r2.box], ctx.pick([
        "signout %s" % unit, "Sign out - %s %s" % (unit, ctx.today.strftime("%m/%d")),
        "handover tonight"]), body(ctx, text), lang="en-CA")


@positive("pharmacy", 4)
def pharmacist_renewal(ctx):
    pharm_name = ctx.pick(["Pharmacie Lamarre et Dion", "Pharmacie J. Ouellet inc.",
                           "Pharmacie du Carrefour (affiliée)", "Pharmacie Gosselin"])
    dom = {"Pharmacie Lamarre et Dion": "pharmacie-lamarre-dion.example",
           "Pharmacie J. Ouellet inc.": "pharmacie-ouellet.example",
           "Pharmacie du Carrefour (affiliée)": "pharmacie-carrefour.example",
           "Pharmacie Gosselin": "pharmaciegosselin.example"}[pharm_name]
    ph_given, ph_sur, ph_sex = make_staff(ctx.rng)
    ph = ("%s %s" % (ph_given, ph_sur), addr_of(ph_given, ph_sur, dom))
    doc = staff(ctx, ctx.pick(["gmf_vallee", "clinique_plateau", "gmf_iles"]))
    p = ctx.person(age=(40, 93))
    meds = ctx.rng.sample([
        "Metformine 500 mg, 1 co. BID", "Atorvastatine 20 mg, 1 co. HS",
        "Ramipril 5 mg, 1 co. DIE", "Levothyroxine 75 mcg, 1 co. DIE à jeun",
        "Apixaban 5 mg, 1 co. BID", "Pantoprazole 40 mg, 1 co. DIE",
        "Amlodipine 10 mg, 1 co. DIE", "Tiotropium 2,5 mcg, 2 inh. DIE",
        "Sertraline 100 mg, 1 co. DIE", "Gabapentine 300 mg, 1 caps TID",
        "Salbutamol 100 mcg, 1-2 inh. QID PRN"], ctx.rng.randint(2, 4))
    dstyle = ctx.pick(["iso", "dmy", "fr_long", "slash_ymd"])
    nam_line = "NAM : %s" % ctx.nam(p, ctx.pick(["space", "compact"]))
    form = ["DEMANDE DE RENOUVELLEMENT D'ORDONNANCE",
            "%s – Tél. %s  Téléc. %s" % (pharm_name, ctx.phone(), ctx.phone()),
            "",
            "Destinataire : %s" % doc.dr,
            "Patient : %s" % p.last_first,
            "Date de naissance : %s" % fmt_date(p.dob, dstyle),
            nam_line,
            "Adresse : %s" % address(ctx.rng),
            "",
            "Médicament(s) à renouveler :"] + ["  - " + m for m in meds] + [
            "",
            "Dernier service : %s. Quantité restante : 0 renouvellement." % (
                fmt_date(ctx.ago(20, 40), "iso")),
            "Note du pharmacien : patient stable selon lui, TA prise en "
            "pharmacie 134/82. Prolongation de 30 jours faite (art. 17).",
            "",
            "[ ] Renouvelé pour ____ mois   [ ] Refusé   [ ] Voir le patient",
            "Signature du prescripteur : ______________________"]
    v = ctx.variant % 4
    if v in (0, 1):
        att = ctx.pdf(ctx.pick(["FAX_%s.pdf" % ctx.when.strftime("%Y%m%d_%H%M"),
                                "renouvellement.pdf", "scan0042.pdf"]), form,
                      title="Renouvellement")
        text = ("Bonjour,\n\nVeuillez trouver ci-joint une demande de "
                "renouvellement pour un de vos patients. Notre télécopieur est "
                "en panne depuis lundi, désolé pour le courriel.\n\nMerci de "
                "retourner signé au %s ou par courriel.\n\n%s\nPharmacien(ne)\n%s"
                % (ctx.phone(), ph[0], pharm_name))
        mime = body(ctx, text, style="plain", attachments=[att])
    else:
        text = "\n".join(["Bonjour %s," % doc.dr, ""] + form + ["", "Merci,", ph[0],
                                                               pharm_name])
        mime = body(ctx, text, charset="windows-1252" if v == 3 else None,
                    style="plain")
    return build(ctx, ph, [(doc.name, doc.addr)], ctx.pick([
        "Demande de renouvellement", "Renouvellement Rx – %s" % p.surname,
        "Télécopie – ordonnance à renouveler"]), mime)


@positive("social-services", 3)
def dpj_social_worker(ctx):
    tw = staff(ctx, ctx.pick(["cisss_lau", "ciusss_mcq", "cisss_at"]), "F",
               "Travailleuse sociale, Protection de la jeunesse")
    chef = staff(ctx, "cisss_lau", title="Chef de service")
    kid = ctx.person(age=(1, 12))
    mom = ctx.person(sex="F", age=(19, 40), surname=kid.surname)
    dstyle = ctx.pick(["fr_long", "iso", "dmy", "fr_abbr"])
    facts = ctx.pick([
        "Ecchymoses multiples au dos et aux cuisses observées par l'éducatrice "
        "du CPE le %s. Examen au CH : fracture ancienne de la clavicule gauche "
        "(consolidée), non expliquée." % fmt_date(ctx.ago(3, 9), "fr_long"),
        "Absentéisme scolaire important (41 jours), hygiène déficiente, "
        "retard de langage documenté par l'orthophoniste. La mère rapporte une "
        "rechute (cocaïne) et un suivi en dépendance au CRD.",
        "Enfant amené à l'urgence pour intoxication accidentelle (comprimés "
        "d'hydromorphone du conjoint). Congé après 24 h d'observation, "
        "signalement fait par l'infirmière de l'urgence."])
    text = "\n".join([
        "Bonjour %s," % chef.given, "",
        "Pour la rencontre d'orientation de jeudi, voici le résumé du "
        "signalement retenu (alinéa 38 %s) :" % ctx.pick(["b)", "c)", "d)"]),
        "",
        "Enfant : %s, né%s le %s (%d ans)" % (kid.full, kid.e,
                                              fmt_date(kid.dob, dstyle),
                                              kid.age(ctx.today)),
        "Mère : %s, %d ans, adresse %s" % (mom.full, mom.age(ctx.today),
                                           address(ctx.rng)),
        "Père : non impliqué, coordonnées inconnues",
        "",
        "Faits : " + facts,
        "",
        "Suivi pédiatrique au CLSC (Dre %s). J'ai demandé le dossier "
        "médical de l'enfant en vertu de l'art. 35.1." % make_staff(ctx.rng)[1],
        "Mesure de protection immédiate envisagée : confier à la grand-mère "
        "maternelle.",
        "",
        tw.sign(ctx, disclaimer=True)])
    return build(ctx, tw.box, [chef.box], ctx.pick([
        "Signalement retenu – orientation", "Dossier %s – résumé" % kid.surname,
        "Confidentiel : résumé pour la rencontre de jeudi"]),
        body(ctx, text), extra=[("Sensitivity", "Private")] if ctx.chance(0.5)
        else ())


@positive("clinical-note", 4)
def clsc_home_care(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_bsl", "ciusss_est", "hgm"])
    inf = staff(ctx, org, "F", "Infirmière clinicienne – SAD")
    cheff = staff(ctx, org, title="Assistante du supérieur immédiat")
    p = ctx.person(age=(68, 99))
    v = ctx.variant % 4
    en = v == 3
    vit = ("BP %d/%d, HR %d, SpO2 %d%%, T %.1f" if en else
           "TA %d/%d, FC %d, SpO2 %d%%, T %.1f") % (
        ctx.rng.randint(105, 165), ctx.rng.randint(58, 95),
        ctx.rng.randint(55, 104), ctx.rng.randint(88, 99),
        ctx.rng.randint(361, 381) / 10)
    if en:
        note = [
            "Home visit %s - %s %s, %d y.o., DOB %s, Medicare %s" % (
                fmt_date(ctx.today, "en_long"), p.mrs, p.full, p.age(ctx.today),
                fmt_date(p.dob, "en_short"), ctx.nam(p, "space")),
            "",
            "Vitals: " + vit,
            "Sacral pressure injury stage 3, 3.5 x 2 cm, slough 30%, no odour. "
            "Cleansed NS, Iodosorb + Mepilex Border. Change q3 days.",
            "Lives alone, daughter visits twice a week. Missed evening insulin "
            "twice this week (glucometer log 12.4-17.8). Discussed with "
            "pharmacist re: blister pack.",
            "Plan: OT referral for cushion, next visit %s." % en_day(ctx.ahead(2, 3))]
    else:
        note = [
            "Visite à domicile du %s" % fmt_date(ctx.today, "fr_long"),
            "Usager : %s %s, %d ans (DDN %s)" % (p.mme, p.full, p.age(ctx.today),
                                                fmt_date(p.dob, ctx.pick(
                                                    ["dmy", "fr_abbr", "iso"]))),
            "NAM : %s" % ctx.nam(p, ctx.pick(["space", "compact", "lower"])),
            "",
            "Signes vitaux : " + vit,
            ctx.pick([
                "Plaie de pression sacrée stade 3, 3 x 2,5 cm, fibrine 30 %. "
                "Nettoyage NS, Mepilex Border. Réfection aux 3 jours.",
                "Ulcère veineux jambe D, exsudat modéré, bandage compressif "
                "(Coban 2) réinstallé. Œdème +2 à la cheville G.",
                "Retrait des agrafes (chx genou D il y a 14 jours), plaie "
                "fermée, pas de signe d'infection. Douleur 3/10 avec Tylenol."]),
            ctx.pick([
                "Confusion légère ce matin (ne se rappelait pas de ma visite). "
                "Fille avisée. Glycémie capillaire 14,6.",
                "Chute sans blessure samedi dernier selon le conjoint. "
                "Ergothérapie à demander pour barres d'appui.",
                "Prend mal ses médicaments : dispill du mardi intact. Pharmacie "
                "avisée."]),
            "Prochaine visite : %s." % fr_day(ctx.ahead(2, 4))]
    if v == 1:
        att = ctx.docx("Note_SAD_%s.docx" % strip_accents(p.surname).replace(" ", ""),
                       ["# Note d'évolution – Soutien à domicile"] + note,
                       "Note SAD")
        text = ("Bonjour %s,\n\nJe te mets ma note de visite en pièce jointe "
                "parce que le DMÉ était inaccessible sur la route (pas de réseau). "
                "Peux-tu la numériser au dossier?\n\n%s" % (cheff.given,
                                                           inf.sign(ctx)))
        mime = body(ctx, text, attachments=[att])
    else:
        text = "\n".join(["Bonjour %s," % cheff.given if not en else
                          "Hi %s," % cheff.given, ""] + note + [
            "", inf.sign(ctx, "en" if en else "fr")])
        mime = body(ctx, text)
    subj = ctx.pick(["Home visit note", "Home care - wound follow-up"]) if en \
        else ctx.pick(["Note de visite SAD", "Visite à domicile – suivi plaie",
                       "VAD %s" % fmt_date(ctx.today, "iso")])
    return build(ctx, inf.box, [cheff.box], subj, mime)


@positive("letter-referral", 3)
def psychiatrist_letter(ctx):
    psy = staff(ctx, ctx.pick(["chu_riv", "ciusss_cn", "cisss_out"]),
                title="Psychiatre, Clinique externe de psychiatrie")
    md = staff(ctx, ctx.pick(["gmf_vallee", "gmf_iles", "clinique_plateau"]))
    p = ctx.person(age=(19, 70))
    dx = ctx.pick([
        ("trouble bipolaire de type II, épisode actuel dépressif modéré",
         "Lithium 900 mg HS (lithémie cible 0,6-0,8), quétiapine 50 mg HS PRN"),
        ("trouble de stress post-traumatique; trouble lié à l'usage de "
         "l'alcool, modéré", "Prazosin 2 mg HS, naltrexone 50 mg DIE"),
        ("trouble dépressif caractériel avec anxiété; TDAH de type inattentif",
         "Venlafaxine XR 150 mg DIE, lisdexamfétamine 30 mg le matin"),
        ("schizophrénie, stable sous traitement",
         "Palipéridone palmitate 150 mg IM q4 sem. (prochaine dose le %s)"
         % fmt_date(ctx.ahead(5, 20), "fr_long"))])
    lines = [
        "%s, le %s" % (ctx.pick(TOWNS), fmt_date(ctx.today, "fr_long")),
        "",
        "%s" % md.dr,
        md.org_name,
        "",
        "Objet : %s %s – DDN %s – NAM %s" % (p.mme, p.full,
                                            fmt_date(p.dob, ctx.pick(
                                                ["iso", "fr_long", "dmy"])),
                                            ctx.nam(p, "space")),
        "",
        "Cher%s collègue," % ("e" if md.sex == "F" else ""),
        "",
        "J'ai revu votre patient%s en consultation le %s à votre demande. "
        "%s rapporte depuis trois mois une humeur dépressive, de l'insomnie "
        "de milieu de nuit et des idées de mort passives, sans plan ni "
        "intention." % (p.e, fmt_date(ctx.ago(3, 12), "fr_long"),
                        "Elle" if p.sex == "F" else "Il"),
        "",
        "Impression diagnostique : %s." % dx[0],
        "Traitement recommandé : %s." % dx[1],
        "",
        "Je %s reverrai dans six semaines. D'ici là, en cas de "
        "détérioration, %s peut se présenter à l'urgence psychiatrique."
        % ("la" if p.sex == "F" else "le", "elle" if p.sex == "F" else "il"),
        "",
        "Veuillez agréer, cher%s collègue, mes salutations distinguées." % (
            "e" if md.sex == "F" else ""),
        "",
        psy.dr + ", M.D., FRCPC",
        psy.title]
    v = ctx.variant % 3
    if v == 0:
        att = ctx.docx("Lettre_consultation_%s.docx" % ascii_local(p.surname),
                       lines, "Consultation psychiatrie")
        text = ("Bonjour,\n\nCi-joint ma lettre de consultation. La version "
                "signée suit par la poste.\n\n" + psy.sign(ctx))
        mime = body(ctx, text, attachments=[att])
    elif v == 1:
        att = ctx.pdf("consult_psy.pdf", lines, title="Consultation")
        text = "Lettre en pièce jointe.\n\n" + psy.dr
        mime = body(ctx, text, style="plain", attachments=[att])
    else:
        mime = body(ctx, "\n".join(lines), style=ctx.pick(["alt", "html"]))
    return build(ctx, psy.box, [md.box], ctx.pick([
        "Lettre de consultation – psychiatrie",
        "Consultation psy – votre patient%s" % p.e, "Suivi psychiatrique"]), mime)


@positive("lab-imaging", 3)
def lab_critical_callback(ctx):
    tech = staff(ctx, ctx.pick(["chu_riv", "cisss_bsl", "cisss_at"]),
                 title="Technologiste médicale, Biochimie")
    coord = staff(ctx, "chu_riv", title="Coordonnatrice technique")
    p = ctx.person(age=(1, 96))
    val = ctx.pick([("Potassium", "6,9 mmol/L", "3,5-5,0"),
                    ("Glucose", "1,8 mmol/L", "4,0-7,8"),
                    ("Hémoglobine", "54 g/L", "120-160"),
                    ("Troponine T hs", "612 ng/L", "< 14"),
                    ("Sodium", "118 mmol/L", "135-145"),
                    ("INR", "7,8", "0,9-1,1"),
                    ("Plaquettes", "9 x 10^9/L", "150-400")])
    t1 = "%02dh%02d" % (ctx.rng.randint(0, 23), ctx.rng.randint(0, 59))
    en = ctx.variant == 2
    if en:
        text = "\n".join([
            "Critical value call-back log - FYI for the QA binder", "",
            "Patient: %s   MRN: %s   DOB: %s" % (p.last_first, ctx.mrn(),
                                                fmt_date(p.dob, "dmon")),
            "Test: %s = %s (ref %s)" % val,
            "Collected %s, resulted %s." % (fmt_date(ctx.today, "iso"), t1),
            "Called 3 times to unit 5B, no answer. Reached Dr %s (on call) at "
            "%s, read-back done." % (make_staff(ctx.rng)[1], t1),
            "Delay > 30 min -> incident report filed.", "",
            tech.sign(ctx, "en", "Medical technologist")])
    else:
        text = "\n".join([
            "Bonjour %s," % coord.given, "",
            "Pour le registre des valeurs critiques (délai de communication "
            "dépassé) :", "",
            "Usager : %s, dossier %s, né%s le %s" % (
                p.last_first, ctx.mrn(), p.e, fmt_date(p.dob, ctx.pick(
                    ["iso", "dmy", "fr_abbr"]))),
            "NAM : %s" % ctx.nam(p, ctx.pick(["compact", "space"])),
            "Analyse : %s %s (valeurs de réf. %s)" % val,
            "Prélevé à %s à l'urgence, résultat validé à %s." % (
                t1, "%02dh%02d" % (ctx.rng.randint(0, 23), ctx.rng.randint(0, 59))),
            "Infirmière de l'urgence injoignable; médecin de garde (Dr %s) "
            "avisé par téléphone 41 minutes plus tard. Relecture faite."
            % make_staff(ctx.rng)[1], "",
            "Rapport AH-223 rempli.", "",
            tech.sign(ctx)])
    return build(ctx, tech.box, [coord.box], ctx.pick([
        "Valeur critique – délai", "Critical value log" if en else
        "Registre valeurs critiques", "Valeur critique non communiquée à temps"]),
        body(ctx, text))


@positive("lab-imaging", 3)
def radiology_addendum(ctx):
    rad = staff(ctx, ctx.pick(["hgm", "chu_riv"]), title="Radiologist")
    md = staff(ctx, ctx.pick(["hgm", "clinique_plateau"]))
    p = ctx.person(age=(30, 92))
    acc = "%s%08d" % (ctx.pick(["CT", "RX", "US", "IRM", "MR"]),
                      ctx.rng.randint(10000000, 99999999))
    if ctx.variant != 1:
        dstyle = ctx.pick(["en_short", "en_long", "mdy_us", "dmon"])
        text = "\n".join([
            "Dr %s," % md.surname, "",
            "Please note the addendum below to a report already signed.", "",
            "ADDENDUM - CT CHEST W/ CONTRAST",
            "Patient: %s, %s    DOB: %s    Sex: %s" % (
                p.surname.upper(), p.given, fmt_date(p.dob, dstyle), p.sex),
            "Accession #: %s   Exam date: %s" % (acc, fmt_date(ctx.ago(1, 6),
                                                             "en_short")),
            ("Health card: %s" % ctx.nam(p, "space")) if ctx.chance(0.5)
            else ("MRN: %s" % ctx.mrn()),
            "",
            "On review with prior study of %s, the 8 mm RUL nodule is new and "
            "solid. Fleischner: recommend CT in 3 months or PET-CT. Findings "
            "discussed by phone with the ordering physician's office at %s."
            % (fmt_date(ctx.ago(200, 500), "en_short"),
               "%d:%02d" % (ctx.rng.randint(8, 16), ctx.rng.randint(0, 59))),
            "", rad.sign(ctx, "en", "Radiologist, Medical Imaging")])
        subj = ctx.pick(["Addendum - CT chest %s" % acc, "ADDENDUM to signed report",
                         "RE: CT thorax - addendum"])
    else:
        text = "\n".join([
            "Bonjour Dr %s," % md.surname, "",
            "ADDENDA – ÉCHOGRAPHIE ABDOMINALE",
            "Usager : %s %s – DDN : %s – dossier %s" % (
                p.mme, p.full, fmt_date(p.dob, "fr_abbr"), ctx.mrn()),
            "No d'examen : %s" % acc, "",
            "Après révision : la lésion hépatique du segment VI (2,1 cm) est "
            "hypoéchogène, non kystique. Un complément par IRM est recommandé. "
            "Le rapport initial mentionnait à tort un kyste simple.", "",
            rad.sign(ctx, "fr", "Radiologiste")])
        acc = "US" + acc[2:] if acc[:2] == "US" else "US%08d" % ctx.rng.randint(
            10**7, 10**8 - 1)
        text = re.sub(r"No d'examen : \S+", "No d'examen : " + acc, text)
        subj = "Addenda – rapport d'imagerie %s" % acc
    return build(ctx, rad.box, [md.box], subj, body(ctx, text))


@positive("patient-or-family", 5)
def patient_webmail(ctx):
    md = staff(ctx, ctx.pick(["gmf_vallee", "gmf_iles", "clinique_plateau"]))
    p = ctx.person(age=(22, 88))
    me = webmail_person(ctx, p)
    v = ctx.variant
    if v == 0:
        text = ("bonjour docteur %s\n\nc'est %s, mon numero d'assurance maladie "
                "c'est %s. j'ai encore mal au ventre depuis la semaine passé "
                "surtout apres manger, j'ai vomi 2 fois hier soir. les pilules "
                "pour l'estomac (pantoloc) font plus rien. est-ce que je peut "
                "avoir un rendez vous avant lundi? j'ai appeler 3 fois.\n\nmerci "
                "%s\n\nEnvoyé de mon iPhone" % (md.surname.lower(), p.full.lower(),
                                                ctx.nam(p, "lower"), p.given))
        subj = "rendez vous svp"
    elif v == 1:
        text = ("Bonjour Dre %s,\n\nJe vous écris suite à ma prise de sang du %s. "
                "J'ai vu sur Carnet santé Québec que mon cholestérol LDL est à "
                "4,6 et ma glycémie à 7,4, c'est marqué en rouge. Dois-je "
                "m'inquiéter? Je suis diabétique de type 2 depuis 2019 et je "
                "prends déjà la metformine.\n\nMes informations : %s, né%s le %s, "
                "carte soleil %s.\n\nCordialement,\n%s\n%s" % (
                    md.surname, fmt_date(ctx.ago(4, 15), "fr_long"), p.full, p.e,
                    fmt_date(p.dob, "fr_long"), ctx.nam(p, "odd"), p.full,
                    ctx.phone()))
        subj = "Question sur mes résultats"
    elif v == 2:
        text = ("Hello Dr. %s,\n\nSorry to bother you by email. Since the new "
                "dose of metoprolol I feel dizzy when I stand up and my heart "
                "rate is 48-52 on my watch. Should I cut the pill in half?\n\n"
                "My health card number is %s and my date of birth is %s in case "
                "you need it to find my file.\n\nThanks,\n%s" % (
                    md.surname, ctx.nam(p, ctx.pick(["split2", "compact"])),
                    fmt_date(p.dob, "en_short"), p.given))
        subj = "Dizzy since new dose"
    elif v == 3:
        text = ("Bonjour,\n\nJe voudrais annuler mon rendez-vous de suivi de "
                "grossesse du %s (20 semaines). J'ai fait une fausse couche "
                "samedi et j'ai été vue à l'urgence de %s. Ils m'ont dit de vous "
                "aviser pour le suivi des bêta-HCG.\n\n%s\nNAM %s\n" % (
                    fmt_date(ctx.ahead(3, 10), "fr_long"), ctx.pick(TOWNS),
                    p.full, ctx.nam(p, "double")))
        p2 = p
        subj = "annulation rendez-vous"
    else:
        # the patient mistypes her own number (deliberate typo)
        text = ("Allo,\n\nPour ma requête d'écho des seins, la clinique "
                "d'imagerie dit que mon numéro d'assurance maladie ne marche "
                "pas. Voici celui que j'ai donné : %s. Ma date de naissance c'est "
                "le %s. Je fais des kystes depuis des années et j'ai une masse "
                "nouvelle à droite depuis 1 mois.\n\nMerci de vérifier\n%s" % (
                    ctx.typo(p, ctx.pick(["compact", "space"])),
                    fmt_date(p.dob, "dmy"), p.given))
        subj = "mon numéro ne marche pas"
    mime = body(ctx, text, style=ctx.pick(["plain", "alt"]),
                charset=ctx.pick(["utf-8", "iso-8859-1"]))
    return build(ctx, me, [(md.dr, md.addr)], subj, mime)


@positive("insurance-work", 3)
def insurance_form_sin(ctx):
    ins = ctx.pick(["Assurances Boréal", "La Mutuelle du Fleuve",
                    "Northshield Life"])
    dom = ascii_local(ins.replace(" ", "")) + ".example"
    g, s, sx = make_staff(ctx.rng)
    frm = ("%s %s – %s" % (g, s, ins), addr_of(g, s, dom))
    md = staff(ctx, ctx.pick(["gmf_vallee", "clinique_plateau"]))
    p = ctx.person(age=(25, 62))
    claim = "%s-%07d" % (ctx.pick(["INV", "ILD", "STD"]), ctx.rng.randint(0, 9999999))
    dx = ctx.pick(["trouble dépressif majeur", "hernie discale L4-L5 avec "
                   "radiculopathie", "cancer du sein gauche en traitement",
                   "trouble d'adaptation avec humeur anxieuse"])
    if ctx.variant == 1:
        text = "\n".join([
            "Dear Dr. %s," % md.surname, "",
            "We are assessing a long-term disability claim for your patient and "
            "require the Attending Physician Statement (attached) by %s." %
            fmt_date(ctx.ahead(10, 20), "en_long"), "",
            "Claimant: %s" % p.full,
            "Date of birth: %s" % fmt_date(p.dob, "en_long"),
            "SIN: %s" % ctx.sin("space"),
            "Claim no.: %s" % claim,
            "Reported diagnosis: major depressive disorder, off work since %s"
            % fmt_date(ctx.ago(60, 200), "en_short"), "",
            "Please include dates of visits, current medication and functional "
            "limitations.", "",
            "Regards,", frm[0], "Disability Case Manager"])
        subj = "APS request - claim %s" % claim
    else:
        text = "\n".join([
            "Bonjour Dr%s %s," % ("e" if md.sex == "F" else "", md.surname), "",
            "Dans le cadre de la demande de prestations d'invalidité de votre "
            "patient%s, nous vous prions de remplir la Déclaration du médecin "
            "traitant jointe." % p.e, "",
            "Assuré%s : %s %s" % (p.e, p.mme, p.full),
            "Date de naissance : %s" % fmt_date(p.dob, ctx.pick(["iso", "dmy"])),
            "NAS : %s" % ctx.sin(ctx.pick(["space", "compact", "dash"])),
            "Dossier : %s" % claim,
            "Diagnostic déclaré par l'employeur : %s" % dx,
            "Arrêt de travail depuis le %s" % fmt_date(ctx.ago(30, 150), "fr_long"),
            "", "Des frais de 60 $ vous seront remboursés sur réception.", "",
            frm[0], "Gestionnaire de dossiers invalidité"])
        subj = "Demande de renseignements médicaux – %s" % claim
    atts = []
    if ctx.variant != 2:
        atts.append(ctx.pdf("Formulaire_DMT_vierge.pdf", [
            "DÉCLARATION DU MÉDECIN TRAITANT", "", "Section 1 – Diagnostic : ____",
            "Section 2 – Dates de consultation : ____",
            "Section 3 – Limitations fonctionnelles : ____"], title="DMT"))
    return build(ctx, frm, [md.box], subj, body(ctx, text, attachments=atts))


@positive("other-province", 3)
def ontario_snowbird(ctx):
    v = ctx.variant
    a = staff(ctx, ctx.pick(["cisss_out", "cisss_lau", "ciusss_est"]),
              title="Coordonnatrice des transferts")
    b_name, b_dom = ctx.pick([("Ottawa Riverside Hospital", "orh.example"),
                              ("Kingston Lakeshore Health", "klh.example"),
                              ("Hawkesbury Community Hospital", "hch.example")])
    g, s, sx = make_staff(ctx.rng)
    dest = ("%s %s" % (g, s), addr_of(g, s, b_dom))
    p = ctx.person(age=(62, 90))
    ohip = ctx.ohip(version=ctx.chance(0.7), style=ctx.pick(["dash", "space",
                                                             "compact"]))
    if v == 1:
        text = "\n".join([
            "Bonjour,", "",
            "Suite à notre conversation, voici les informations pour le transfert "
            "de %s %s vers votre établissement (retour dans sa province)." % (
                p.mme, p.full), "",
            "Âge : %d ans – DDN : %s" % (p.age(ctx.today), fmt_date(p.dob, "iso")),
            "Carte santé de l'Ontario (OHIP) : %s" % ohip,
            "Dx : NSTEMI le %s, coronarographie : sténose 80 %% IVA, "
            "traitement médical. FA nouvelle, apixaban débuté." % fmt_date(
                ctx.ago(2, 6), "fr_long"),
            "Allergies : pénicilline (urticaire)", "",
            "Transport ambulancier prévu demain 10 h. Le sommaire de congé "
            "suivra par télécopie.", "", a.sign(ctx)])
        subj = "Transfert interprovincial – %s" % p.surname
    else:
        text = "\n".join([
            "Hello,", "",
            "Referral for repatriation of a %d y.o. %s snowbird from Ontario, "
            "admitted here on %s after a fall at the ski hill." % (
                p.age(ctx.today), "woman" if p.sex == "F" else "man",
                fmt_date(ctx.ago(3, 8), "en_short")), "",
            "Name: %s" % p.full,
            "DOB: %s" % fmt_date(p.dob, ctx.pick(["en_long", "iso", "mdy_us"])),
            "OHIP: %s" % ohip,
            "Dx: R distal radius fracture (ORIF done), mild delirium resolved. "
            "PMH: T2DM, HTN, mild cognitive impairment.", "",
            "Family is in Kanata and would like her closer. Bed available?", "",
            a.sign(ctx, "en", "Transfer coordinator")])
        subj = "Repatriation request - OHIP patient"
    return build(ctx, a.box, [dest], subj, body(ctx, text))


@positive("patient-list", 3)
def vaccination_csv(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_bsl", "cisss_at"])
    a = staff(ctx, org, "F", "Agente de planification – Vaccination")
    b = staff(ctx, org, title="Infirmier(ère) – Site de vaccination")
    n = ctx.rng.randint(8, 14)
    people = [ctx.person(age=(0, 95)) for _ in range(n)]
    vac = ctx.pick(["Influenza", "COVID-19 (XBB)", "Pneumo-20", "Zona (Shingrix)",
                    "RSV (Arexvy)"])
    start = dt.datetime(ctx.today.year, ctx.today.month, ctx.today.day, 8, 30)
    cs = ctx.pick(["utf-8", "iso-8859-1"])
    if ctx.variant == 1:
        hdr = ["Heure", "Nom", "Prénom", "DDN", "NAM", "Vaccin", "Dose",
               "Remarques"]
    else:
        hdr = ["heure_rv", "nom_usager", "prenom_usager", "date_naissance",
               "numero_assurance_maladie", "produit", "dose", "note"]
    rows = [hdr]
    notes = ["", "", "", "allergie aux œufs (obs. 30 min)", "immunosupprimé",
             "anticoagulé – pression 2 min", "", "accompagné de sa fille",
             "syncope vaccinale antérieure", ""]
    for i, p in enumerate(people):
        t = start + dt.timedelta(minutes=10 * i)
        rows.append([t.strftime("%H:%M"), p.surname, p.given,
                     fmt_date(p.dob, "iso" if ctx.variant != 1 else "dmy"),
                     ctx.nam(p, "compact" if ctx.variant != 2 else "space"),
                     vac, str(ctx.rng.randint(1, 2)), ctx.pick(notes)])
    if cs == "iso-8859-1":
        rows = [[c.replace("œ", "oe") for c in r] for r in rows]
    att = ctx.csv(ctx.pick(["rv_vaccination_%s.csv" % ctx.today.strftime("%Y%m%d"),
                            "export_clic.csv", "plage_am.csv"]), rows, charset=cs)
    text = ("Bonjour %s,\n\nVoici les rendez-vous de %s pour le site de %s. "
            "Trois personnes ont été ajoutées hier soir (plages libérées).\n\n"
            "Bonne journée!\n%s" % (b.given, fr_day(ctx.today), ctx.pick(TOWNS),
                                   a.sign(ctx)))
    return build(ctx, a.box, [b.box], ctx.pick([
        "RV vaccination %s" % fmt_date(ctx.today, "fr_long"),
        "Liste des rendez-vous – vaccination", "Plage de demain"]),
        body(ctx, text, attachments=[att]))

def hl7_name(p):
    return "%s^%s" % (strip_accents(p.surname).upper().replace("'", ""),
                      strip_accents(p.given).upper())


def hl7_pid(ctx, p, mrn_, with_nam=True, nam_typo=False):
    ids = "%s^^^%s^MR" % (mrn_, ctx.pick(["CHRIV", "HSTM", "CHUR"]))
    if with_nam:
        ids += "~%s^^^QC^JHN" % (ctx.typo(p, "compact") if nam_typo else
                                 ctx.nam(p, "compact"))
    st = address(ctx.rng).split(", ")
    adr = "%s^^%s^QC^%s^CAN" % (st[0] + " " + st[1], st[2].split(" (")[0],
                                st[2][-7:].replace(" ", ""))
    return "PID|1||%s||%s^^^^L||%s|%s|||%s||%s^PRN^PH||FR|M||%s" % (
        ids, hl7_name(p), fmt_date(p.dob, "hl7"), p.sex, strip_accents(adr),
        ctx.phone().replace(" ", "").replace("-", ""),
        "A%09d" % ctx.rng.randint(10**8, 10**9))


@positive("structured-hl7-fhir", 3)
def hl7_adt(ctx):
    an = staff(ctx, ctx.pick(["chu_riv", "ciusss_cn"]), title="Analyste en interfaces")
    ven_dom = ctx.pick(["medilink-solutions.example", "interop-nord.example"])
    g, s, _ = make_staff(ctx.rng)
    ven = ("%s %s" % (g, s), addr_of(g, s, ven_dom))
    p = ctx.person(age=(5, 95))
    ev = ctx.pick(["A01", "A08", "A03"])
    ts = ctx.when.strftime("%Y%m%d%H%M%S")
    doc = make_staff(ctx.rng)
    segs = [
        "MSH|^~\\&|SIH-ADT|CHRIV^2.16.124.10.101.1.60.1.1007^ISO|LABO|CHRIV|%s||"
        "ADT^%s^ADT_%s|%08d|P|2.5.1|||AL|NE|CAN|8859/1" % (ts, ev,
                                                    "A03" if ev == "A03" else "A01",
                                                           ctx.rng.randint(1, 10**7)),
        "EVN|%s|%s" % (ev, ts),
        hl7_pid(ctx, p, ctx.mrn("plain")),
        "PV1|1|I|%s^%d^%02d^CHRIV||||%d^%s^%s^^^DR|||MED||||7|||%d^%s^%s^^^DR|IP|"
        "V%09d|||||||||||||||||||||||||%s" % (
            ctx.pick(["5B", "URG", "3C", "USI"]), ctx.rng.randint(100, 699),
            ctx.rng.randint(1, 4), ctx.rng.randint(10000, 99999),
            strip_accents(doc[1]).upper(), strip_accents(doc[0]).upper(),
            ctx.rng.randint(10000, 99999), strip_accents(doc[1]).upper(),
            strip_accents(doc[0]).upper(), ctx.rng.randint(0, 10**9), ts[:12]),
        "DG1|1||%s||%s|A" % (ctx.pick([
            "I21.4^Infarctus sous-endocardique aigu^I10",
            "J18.9^Pneumonie, sans precision^I10",
            "K35.8^Appendicite aigue^I10",
            "F32.2^Episode depressif severe^I10",
            "O80^Accouchement unique et spontane^I10"]), ts[:12]),
        "AL1|1|DA|%s|MO" % ctx.pick(["PENICILLINE", "SULFA", "CODEINE",
                                     "IODE"])]
    msg = "\r".join(segs) + "\r"
    att = ctx.attach(ctx.pick(["ADT_%s.hl7" % ts, "msg_rejete.hl7", "sample.txt"]),
                     msg.encode("latin-1"),
                     ctx.pick(["application/hl7-v2", "text/plain",
                               "application/octet-stream"]), msg)
    if ctx.variant == 2:
        text = ("Hi %s,\n\nYour engine NACKs this %s since last night's "
                "deployment (AE, 'PID-3 repetition invalid'). Raw message "
                "attached, pulled from PROD. Can you look before the 14:00 call?"
                "\n\n%s" % (ven[0].split()[0], ev, an.sign(ctx, "en",
                                                         "Interface analyst")))
    else:
        text = ("Bonjour %s,\n\nL'interface rejette les messages %s depuis la "
                "mise à jour d'hier soir. En pièce jointe, un message réel "
                "extrait de la file d'erreurs de PRODUCTION (je n'ai pas eu le "
                "temps de l'anonymiser, désolé). L'erreur est sur la deuxième "
                "répétition du PID-3.\n\n%s" % (ven[0].split()[0], ev,
                                                 an.sign(ctx)))
    return build(ctx, an.box, [ven], ctx.pick([
        "Rejet ADT %s – urgent" % ev, "Interface ADT : message en erreur",
        "HL7 %s NACK" % ev]), body(ctx, text, attachments=[att]))


@positive("structured-hl7-fhir", 3)
def hl7_oru(ctx):
    an = staff(ctx, ctx.pick(["cisss_bsl", "ciusss_mcq"]), title="Pilote SIL")
    to = staff(ctx, "cisss_bsl", title="Conseiller en sécurité de l'information")
    p = ctx.person(age=(18, 90))
    ts = ctx.when.strftime("%Y%m%d%H%M")
    obx = [("2823-3^Potassium^LN", "5.9", "mmol/L", "3.5-5.0", "H"),
           ("2951-2^Sodium^LN", "131", "mmol/L", "135-145", "L"),
           ("2160-0^Creatinine^LN", "212", "umol/L", "50-110", "H"),
           ("718-7^Hemoglobine^LN", "97", "g/L", "120-160", "L"),
           ("4548-4^HbA1c^LN", "0.091", "", "<0.060", "H")]
    segs = ["MSH|^~\\&|SOFTLAB|CHR^2.16.124.10.101.1.60.1.1030^ISO|DME|GMF|%s||"
            "ORU^R01^ORU_R01|%d|P|2.5.1" % (ts, ctx.rng.randint(10**6, 10**7)),
            hl7_pid(ctx, p, ctx.mrn("plain"), nam_typo=(ctx.variant == 2)),
            "ORC|RE|%d|%d" % (ctx.rng.randint(10**5, 10**6),
                              ctx.rng.randint(10**5, 10**6)),
            "OBR|1|||BIOCH^Biochimie generale|||%s" % ts]
    for i, (code, val, unit, ref, flag) in enumerate(
            ctx.rng.sample(obx, ctx.rng.randint(2, 4)), 1):
        segs.append("OBX|%d|NM|%s||%s|%s|%s|%s|||F" % (i, code, val, unit, ref,
                                                      flag))
    msg = "\r".join(segs) + "\r"
    if ctx.variant == 1:
        # pasted into the body: segments become lines
        text = ("Salut %s,\n\nEst-ce normal que ce message sorte en clair dans "
                "le journal du moteur d'interface? Copie du log :\n\n%s\n\n%s"
                % (to.given, msg.replace("\r", "\n"), an.sign(ctx)))
        mime = body(ctx, text, style="plain")
    else:
        att = ctx.attach("ORU_%s.hl7" % ts, msg.encode("ascii", "replace"),
                         "application/hl7-v2", msg)
        text = ("Bonjour,\n\nVoici l'ORU qui n'apparaît pas dans le DMÉ de la "
                "clinique. Le NAM semble erroné à l'admission (typo?)." if
                ctx.variant == 2 else "Bonjour,\n\nMessage ORU joint pour "
                "analyse du problème d'unités (HbA1c en fraction).")
        mime = body(ctx, text + "\n\n" + an.sign(ctx), attachments=[att])
    return build(ctx, an.box, [to.box], ctx.pick([
        "ORU en clair dans les logs?", "Message ORU – analyse",
        "Résultats labo non reçus par le GMF"]), mime)


def fhir_patient(ctx, p, system=None, ident=None):
    system = system or ctx.pick([
        "https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id",
        "http://documentation.clicsante.ca/fhir/base/nam"])
    return {
        "resourceType": "Patient",
        "id": "pat-%d" % ctx.rng.randint(1000, 9999),
        "identifier": [{
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                 "code": "JHN"}]},
            "system": system,
            "value": ident if ident is not None else ctx.nam(p, "compact")}],
        "name": [{"family": p.surname, "given": [p.given]}],
        "gender": "female" if p.sex == "F" else "male",
        "birthDate": p.dob.isoformat(),
        "telecom": [{"system": "phone", "value": ctx.phone()}],
    }


@positive("structured-hl7-fhir", 4)
def fhir_bundle(ctx):
    dev = staff(ctx, ctx.pick(["ciusss_cn", "chu_riv"]), title="Développeur, DRI")
    g, s, _ = make_staff(ctx.rng)
    ext = ("%s %s" % (g, s), addr_of(g, s, "interop-nord.example"))
    p = ctx.person(age=(0, 90))
    v = ctx.variant
    if v == 3:
        ohip = ctx.ohip(version=False, style="compact")
        pat = fhir_patient(ctx, p, "https://fhir.infoway-inforoute.ca/NamingSystem/"
                           "ca-on-patient-hcn", ohip)
    else:
        pat = fhir_patient(ctx, p)
    entries = [{"fullUrl": "urn:uuid:%s" % hashlib.md5(pat["id"].encode()).hexdigest(),
                "resource": pat}]
    if v in (0, 3):
        entries.append({"resource": {
            "resourceType": "Immunization", "status": "completed",
            "vaccineCode": {"coding": [{"system": "http://snomed.info/sct",
                                        "code": "28531000087107",
                                        "display": "COVID-19 vaccine"}]},
            "patient": {"reference": "Patient/" + pat["id"]},
            "occurrenceDateTime": ctx.ago(10, 200).isoformat(),
            "lotNumber": "FP%05d" % ctx.rng.randint(0, 99999)}})
    else:
        entries.append({"resource": {
            "resourceType": "Condition",
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-ca",
                                 "code": ctx.pick(["E11.9", "C50.9", "F20.0", "B20"]),
                                 }]},
            "subject": {"reference": "Patient/" + pat["id"]},
            "recordedDate": ctx.ago(10, 400).isoformat()}})
        entries.append({"resource": {
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4",
                                 "display": "Hemoglobin A1c"}]},
            "subject": {"reference": "Patient/" + pat["id"]},
            "valueQuantity": {"value": round(ctx.rng.uniform(6.5, 10.5), 1),
                              "unit": "%"}}})
    bundle = {"resourceType": "Bundle", "type": ctx.pick(["transaction", "collection"]),
              "entry": entries}
    js = json.dumps(bundle, indent=ctx.pick([2, None]), ensure_ascii=ctx.chance(0.5))
    if v == 2:
        text = ("Salut,\n\nLe serveur retourne 422 sur ce bundle (copié du "
                "flux de prod) :\n\n%s\n\nUne idée? Le profil ca-baseline est "
                "peut-être trop strict sur identifier.system.\n\n%s" % (
                    js, dev.sign(ctx)))
        mime = body(ctx, text, style="plain", charset="utf-8")
    else:
        att = ctx.attach(ctx.pick(["bundle.json", "payload_%d.json" % v,
                                   "test-data.json"]), js.encode("utf-8"),
                         ctx.pick(["application/fhir+json", "application/json"]),
                         js)
        text = ("Hi,\n\nAttached is the bundle that fails validation on your "
                "side. It came straight from our production feed, please delete "
                "after use.\n\n%s" % dev.sign(ctx, "en", "Developer") if ctx.chance(0.5)
                else "Bonjour,\n\nBundle en pièce jointe pour reproduire le bogue "
                "(données réelles, à supprimer après).\n\n" + dev.sign(ctx))
        mime = body(ctx, text, attachments=[att])
    return build(ctx, dev.box, [ext], ctx.pick([
        "Bundle FHIR rejeté (422)", "FHIR payload - validation error",
        "RE: intégration vaccination"]), mime)


@positive("hidden-context", 4)
def long_reply_chain(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_out", "chu_riv"])
    a = staff(ctx, org, title="Chef d'unité, médecine 4e")
    b = staff(ctx, org, title="Gestionnaire des lits")
    c = staff(ctx, org, title="Travailleuse sociale")
    d = staff(ctx, org, title="Adjointe à la direction")
    p = ctx.person(age=(70, 97))
    t0 = ctx.when - dt.timedelta(days=ctx.rng.randint(3, 9), hours=3)
    orig_subject = ctx.pick(["NSA – hébergement", "Usager en attente de CHSLD",
                             "Lits bloqués 4e"])
    m1 = ("Bonjour %s,\n\nNous avons toujours %s %s (%s, DDN %s, NAM %s) en "
          "niveau de soins alternatif depuis %d jours. Démence mixte modérée, "
          "chutes à répétition, errance nocturne; la famille refuse la RPA "
          "proposée. Peux-tu voir avec le mécanisme d'accès si un lit CHSLD "
          "peut se libérer?\n\n%s" % (
              c.given, p.mme, p.full, ctx.mrn(), fmt_date(p.dob, ctx.pick(
                  ["iso", "fr_abbr", "dmy"])), ctx.nam(p, ctx.pick(
                      ["space", "compact", "lower"])), ctx.rng.randint(20, 90),
              a.name))
    t1 = t0 + dt.timedelta(hours=5)
    m2 = "Je relance le mécanisme d'accès demain matin. La fille est d'accord " \
        "pour un CHSLD hors territoire.\n\n" + c.name
    t2 = t1 + dt.timedelta(days=1)
    m3 = "Mise à jour : toujours rien. On déborde aux urgences, 11 civières.\n\n" \
        + b.name
    style = ctx.pick(["gmail", "outlook"])
    lang = "fr"
    chain = reply_block(style, "%s <%s>" % (a.name, a.addr), c.name, t0,
                        orig_subject, m1, lang)
    chain = reply_block(style, "%s <%s>" % (c.name, c.addr), a.name, t1,
                        "RE: " + orig_subject, m2 + "\n\n" + chain, lang)
    chain = reply_block(style, "%s <%s>" % (b.name, b.addr), "%s; %s" % (
        a.name, c.name), t2, "RE: " + orig_subject, m3 + "\n\n" + chain, lang)
    if ctx.variant % 2 == 1:
        t3 = t2 + dt.timedelta(hours=20)
        chain = reply_block(style, "%s <%s>" % (d.name, d.addr), b.name, t3,
                            "RE: RE: " + orig_subject,
                            "J'ajoute la DSP en copie.\n\n" + chain, lang)
    top = ctx.pick(["Merci, c'est réglé : transfert vendredi.",
                    "Parfait, merci à tous.", "Ok, je ferme le dossier de mon côté.",
                    "Vu."])
    text = top + "\n\n" + a.sign(ctx) + "\n\n" + chain
    return build(ctx, a.box, [b.box, c.box], "RE: RE: RE: " + orig_subject,
                 body(ctx, text, style=ctx.pick(["plain", "alt"])),
                 cc=[d.box] if ctx.chance(0.5) else (), in_reply_to=irt(ctx))


@positive("hidden-context", 4)
def subject_only(ctx):
    org = ctx.pick(["gmf_iles", "cisss_bsl", "chu_riv"])
    a = staff(ctx, org)
    b = staff(ctx, org)
    v = ctx.variant
    p = ctx.person(age=(21, 90), sex="F" if v == 2 else None)
    if v == 0:
        subj = "Résultat anormal – %s %s" % (p.surname.upper(),
                                             ctx.nam(p, "compact"))
        text = "Peux-tu rappeler le patient aujourd'hui? Merci.\n\n" + a.name
    elif v == 1:
        subj = "Rappel: %s (%s) biopsie positive" % (p.full,
                                                      fmt_date(p.dob, "iso"))
        text = "Voir le DMÉ.\n\n" + a.name
    elif v == 2:
        subj = "Pap %s - ASC-H - colpo à céduler" % ctx.nam(p, "lower")
        text = "Merci!"
    else:
        subj = "FW: %s DOB %s - positive C. diff, isolate" % (
            p.last_first, fmt_date(p.dob, "en_short"))
        text = "fyi\n\nSent from my mobile"
    return build(ctx, a.box, [b.box], subj, body(ctx, text, style="plain"))


@positive("other-province", 2)
def bc_phn_visitor(ctx):
    a = staff(ctx, ctx.pick(["cisss_lau", "ciusss_cn"]),
              title="Agente administrative – Urgence")
    bil = staff(ctx, "cisss_lau", title="Facturation hors Québec")
    p = ctx.person(age=(18, 70))
    phn = ctx.phn(ctx.pick(["space", "compact"]))
    if ctx.variant == 0:
        text = "\n".join([
            "Bonjour,", "",
            "Usager de la Colombie-Britannique vu à l'urgence le %s "
            "(accident de ski, fracture du tibia, réduite en salle)." %
            fmt_date(ctx.ago(1, 4), "fr_long"), "",
            "Nom : %s" % p.last_first,
            "DDN : %s" % fmt_date(p.dob, "slash_ymd"),
            "BC PHN (Personal Health Number) : %s" % phn,
            "Adresse : %d Kingsway, Vancouver BC V5T 3H1" % ctx.rng.randint(100, 999),
            "", "Pouvez-vous procéder à la facturation interprovinciale?", "",
            a.sign(ctx)])
        subj = "Facturation interprovinciale – C.-B."
    else:
        text = "\n".join([
            "Hi,", "",
            "Tourist from BC seen in ED %s, 2nd-degree burns L hand, dressing "
            "done, needs f/u at home." % fmt_date(ctx.ago(0, 2), "en_short"),
            "PHN %s - %s, born %s." % (phn, p.full, fmt_date(p.dob, "en_long")),
            "Could you fax the ED note to their GP in Kelowna?", "", a.name])
        subj = "BC patient - ED note to GP"
    return build(ctx, a.box, [bil.box], subj, body(ctx, text))


@positive("hidden-context", 3)
def misleading_pdf_name(ctx):
    a = staff(ctx, ctx.pick(["ciusss_est", "cisss_at"]), title="Archiviste médicale")
    b = staff(ctx, "ciusss_est")
    p = ctx.person(age=(40, 95))
    lines = ["SOMMAIRE D'HOSPITALISATION", "",
             "Usager : %s    Dossier : %s" % (p.last_first, ctx.mrn()),
             "Date de naissance : %s    NAM : %s" % (
                 fmt_date(p.dob, "iso"), ctx.nam(p, "space")),
             "Admission : %s   Congé : %s" % (fmt_date(ctx.ago(20, 30), "iso"),
                                              fmt_date(ctx.ago(2, 10), "iso")),
             "",
             "Diagnostic principal : " + ctx.pick([
                 "Pneumonie d'aspiration", "Fracture du col fémoral droit",
                 "Insuffisance cardiaque décompensée", "AVC ischémique sylvien G"]),
             "Antécédents : MPOC, FA sous apixaban, hypothyroïdie",
             "Évolution : amélioration sous antibiothérapie IV, mobilisation "
             "avec marchette, congé vers domicile avec SAD.",
             "Médication au congé : apixaban 2,5 mg BID, furosémide 40 mg DIE, "
             "lévothyroxine 88 mcg DIE.", "",
             "Médecin traitant : Dr %s" % make_staff(ctx.rng)[1]]
    fname = ctx.pick(["menu_semaine.pdf", "notes_reunion_CA.pdf",
                      "horaire_ete_2025.pdf"])
    att = ctx.pdf(fname, lines, title=ctx.pick(["", "Document numérisé"]))
    text = ctx.pick(["Voici le document demandé.", "Comme discuté.",
                     "Pour ton dossier, bonne fin de semaine!"]) + "\n\n" + a.name
    return build(ctx, a.box, [b.box], ctx.pick(["doc", "Document", "pour toi"]),
                 body(ctx, text, style="plain", attachments=[att]))


@positive("patient-list", 3)
def or_schedule(ctx):
    org = ctx.pick(["chu_riv", "cisss_bsl", "hgm"])
    a = staff(ctx, org, title="Agente de planification – Bloc opératoire")
    team = [staff(ctx, org) for _ in range(3)]
    rows = []
    procs = ["Cholécystectomie laparoscopique", "PTG droite", "PTH gauche",
             "Hernie inguinale D", "Cure de cataracte OG", "Césarienne élective",
             "Hystérectomie totale", "Amygdalectomie", "Lobectomie sup. D",
             "Colectomie G (néo)", "Réparation coiffe des rotateurs"]
    en = ctx.variant == 2
    constraints = {"Césarienne élective": ("F", (20, 42)),
                   "Hystérectomie totale": ("F", (35, 70)),
                   "Amygdalectomie": (None, (4, 25)),
                   "Cure de cataracte OG": (None, (55, 90)),
                   "PTG droite": (None, (50, 88)), "PTH gauche": (None, (50, 88))}
    for i in range(ctx.rng.randint(5, 8)):
        proc = ctx.pick(procs)
        sx, ages = constraints.get(proc, (None, (25, 85)))
        p = ctx.person(age=ages, sex=sx)
        age = p.age(ctx.today)
        rows.append(("%02d:%02d" % (7 + i, ctx.pick([30, 45, 0])), p,
                     proc, age, ctx.pick(["1", "2", "3", "5", "8"])))
    if en:
        lines = ["OR schedule for %s (room %d) - please review, 2 changes." % (
            en_day(ctx.ahead(1, 2)), ctx.rng.randint(1, 9)), ""]
        for t, p, pr, age, salle in rows:
            lines.append("%s  %s, %s  %dyo %s  %s  MRN %s" % (
                t, p.surname.upper(), p.given, age, p.sex, pr, ctx.mrn()))
    else:
        lines = ["Programme opératoire du %s – salle %d (version finale)" % (
            fr_day(ctx.ahead(1, 2)), ctx.rng.randint(1, 9)), ""]
        for t, p, pr, age, salle in rows:
            lines.append("%s – %s %s, %d ans, dossier %s – %s – ASA %s" % (
                t, p.surname.upper(), p.given, age, ctx.mrn(), pr,
                ctx.pick(["I", "II", "III"])))
    lines += ["", a.sign(ctx, "en" if en else "fr")]
    return build(ctx, a.box, [t.box for t in team], ctx.pick([
        "Programme opératoire", "Horaire bloc", "OR list"]),
        body(ctx, "\n".join(lines)))


@positive("clinical-note", 2)
def triage_forward(ctx):
    org = ctx.pick(["cisss_out", "ciusss_mcq"])
    a = staff(ctx, org, title="Conseillère cadre – Urgence")
    b = staff(ctx, org, title="Commissaire adjointe aux plaintes")
    p = ctx.person(age=(18, 85))
    note = "\n".join([
        "Triage %s – %s" % (fmt_date(ctx.ago(5, 20), "iso"), "%02d:%02d" % (
            ctx.rng.randint(0, 23), ctx.rng.randint(0, 59))),
        "Usager : %s, %d ans, NAM %s" % (p.full, p.age(ctx.today),
                                         ctx.nam(p, ctx.pick(["space", "hyphen"]))),
        "Raison de consultation : douleur thoracique irradiant au bras G "
        "depuis 2 h, diaphorèse.",
        "ÉTG : priorité 2. ECG fait à 14 min (délai > 10 min).",
        "Antécédents : HTA, tabagisme 30 PA, diabète type 2.",
        "Attente 3 h 40 avant évaluation médicale. Quitté sans être vu, "
        "revenu le lendemain : IAMSEST."])
    text = ("Bonjour %s,\n\nPour le traitement de la plainte reçue hier, voici "
            "la note de triage copiée du système. La famille conteste la "
            "priorité attribuée.\n\n%s\n\n%s" % (b.given, note, a.sign(ctx)))
    return build(ctx, a.box, [b.box], ctx.pick([
        "Plainte – note de triage", "TR: dossier plainte urgence"]),
        body(ctx, text))


@positive("clinical-note", 2)
def prenatal_midwife(ctx):
    sf = staff(ctx, ctx.pick(["cisss_lau", "ciusss_est"]), "F",
               "Sage-femme, Maison de naissance")
    ob = staff(ctx, "ciusss_est", title="Obstétricien-gynécologue")
    p = ctx.person(sex="F", age=(19, 42))
    dpa = ctx.ahead(20, 90)
    text = "\n".join([
        "Bonjour Dr%s %s," % ("e" if ob.sex == "F" else "", ob.surname), "",
        "Je vous réfère %s (née le %s, NAM %s), G3P1A1, DPA %s." % (
            p.full, fmt_date(p.dob, ctx.pick(["fr_abbr", "dmy", "iso"])),
            ctx.nam(p, ctx.pick(["space", "compact"])), fmt_date(dpa, "fr_long")),
        ctx.pick([
            "Diabète gestationnel diagnostiqué à 26 SA (HGOP 75 g : 5,6 / 11,4 / "
            "9,1), mal contrôlé malgré la diète; insuline probablement requise.",
            "Présentation siège à 36 SA, version externe souhaitée par la "
            "cliente. SGB positif.",
            "TA 148/96 à deux reprises, protéinurie 0,4 g/24 h : "
            "prééclampsie à éliminer."]),
        "Elle souhaite un suivi conjoint et accoucher à la maison de naissance "
        "si possible.", "", sf.sign(ctx)])
    return build(ctx, sf.box, [ob.box], ctx.pick([
        "Référence – suivi conjoint", "Demande de consultation obstétrique"]),
        body(ctx, text))

@positive("insurance-work", 3)
def cnesst_physio(ctx):
    ph = staff(ctx, ctx.pick(["clinique_plateau", "gmf_vallee"]),
               title="Physiothérapeute")
    g, s, _ = make_staff(ctx.rng)
    agent = ("%s %s" % (g, s), addr_of(g, s, "cnesst-dossiers.example"))
    p = ctx.person(age=(20, 63))
    claim = "%09d" % ctx.rng.randint(10**8, 10**9 - 1)
    inj = ctx.pick([
        "entorse lombaire (levée d'un usager au CHSLD)",
        "tendinopathie de la coiffe des rotateurs D",
        "fracture du scaphoïde G (chute sur la glace au stationnement)",
        "commotion cérébrale (chute d'un escabeau)"])
    if ctx.variant == 2:
        text = "\n".join([
            "Bonjour M./Mme %s," % s, "",
            "Rapport d'évolution en physiothérapie",
            "Travailleur%s : %s" % ("euse" if p.sex == "F" else "", p.full),
            "No de dossier CNESST : %s" % claim,
            "Date de naissance : %s" % fmt_date(p.dob, "dmy_dash"),
            "Date de l'événement : %s" % fmt_date(ctx.ago(40, 120), "iso"),
            "Diagnostic : %s" % inj, "",
            "Amélioration partielle : amplitude 70 %, douleur 4/10 au repos. "
            "Retour progressif recommandé à 3 jours/semaine, tâches légères.", "",
            ph.sign(ctx)])
        mime = body(ctx, text)
    else:
        lines = ["RAPPORT D'ÉVOLUTION – PHYSIOTHÉRAPIE", "",
                 "Nom : %s" % p.last_first,
                 "Date de naissance : %s" % fmt_date(p.dob, "iso"),
                 "NAM : %s" % ctx.nam(p, "space"),
                 "Dossier CNESST : %s" % claim,
                 "Diagnostic : %s" % inj,
                 "Séances reçues : %d" % ctx.rng.randint(6, 30), "",
                 "Objectifs atteints partiellement; plateau depuis 2 semaines.",
                 "Recommandation : évaluation par le médecin désigné."]
        att = ctx.pdf("rapport_physio_%s.pdf" % claim, lines)
        text = ("Bonjour,\n\nVous trouverez ci-joint le rapport d'évolution "
                "pour le dossier %s.\n\n%s" % (claim, ph.sign(ctx)))
        mime = body(ctx, text, attachments=[att])
    return build(ctx, ph.box, [agent], "Dossier %s – rapport d'évolution" % claim,
                 mime)


@positive("insurance-work", 1)
def saaq_report(ctx):
    md = staff(ctx, "ciusss_cn", title="Omnipraticien, urgence")
    g, s, _ = make_staff(ctx.rng)
    agent = ("%s %s" % (g, s), addr_of(g, s, "saaq-indemnisation.example"))
    p = ctx.person(age=(17, 80))
    text = "\n".join([
        "Bonjour,", "",
        "Suite à votre demande (réclamation %d), voici le résumé médical "
        "concernant %s %s, né%s le %s :" % (ctx.rng.randint(10**7, 10**8), p.mme,
                                             p.full, p.e,
                                             fmt_date(p.dob, "fr_long")), "",
        "- Accident de la route du %s (conducteur, collision frontale)" %
        fmt_date(ctx.ago(30, 90), "fr_long"),
        "- Fractures des côtes 4 à 7 D, pneumothorax drainé",
        "- Entorse cervicale grade II",
        "- Syndrome post-commotionnel : céphalées, irritabilité, "
        "troubles de concentration", "",
        "Incapacité à reprendre le travail (camionneur) pour au moins 8 "
        "semaines.", "", md.sign(ctx)])
    return build(ctx, md.box, [agent], "Réclamation SAAQ – rapport médical",
                 body(ctx, text))


@positive("social-services", 2)
def school_nurse(ctx):
    inf = staff(ctx, ctx.pick(["ciusss_mcq", "cisss_at"]), "F",
                "Infirmière scolaire – Santé jeunesse")
    g, s, sx = make_staff(ctx.rng)
    dir_ = ("%s %s" % (g, s), addr_of(g, s, "cssbf-ecoles.example"))
    kid = ctx.person(age=(5, 12))
    allergy = ctx.pick(["arachides et noix", "fruits de mer", "piqûres d'abeille"])
    text = "\n".join([
        "Bonjour %s," % g, "",
        "Voici le plan d'intervention en cas d'anaphylaxie pour %s (né%s le %s), "
        "groupe %d%s." % (kid.full, kid.e, fmt_date(kid.dob, ctx.pick(
            ["fr_long", "dmy", "iso"])), ctx.rng.randint(1, 6),
            ctx.pick(["A", "B", "02"])), "",
        "- Allergie sévère : %s (réaction avec œdème de la glotte en 2023)" % allergy,
        "- Asthme modéré, pompe Ventolin dans son sac",
        "- EpiPen Jr 0,15 mg : un au secrétariat, un dans la boîte à lunch",
        "- Mère : %s %s, %s" % (ctx.pick(GIVEN_F), kid.surname, ctx.phone()), "",
        "Merci d'afficher la photo à la cafétéria et de former le personnel "
        "du service de garde.", "", inf.sign(ctx)])
    return build(ctx, inf.box, [dir_], "Plan anaphylaxie – élève %s" % kid.given,
                 body(ctx, text, attachments=[ctx.png("photo_eleve.png", False,
                                                       (200, 170, 140))]
                      if ctx.chance(0.5) else ()))


@positive("clinical-note", 3)
def chsld_fall(ctx):
    org = ctx.pick(["cisss_bsl", "ciusss_est", "cisss_lau"])
    inf = staff(ctx, org, title="Infirmière auxiliaire – CHSLD")
    gest = staff(ctx, org, title="Gestionnaire de risques")
    p = ctx.person(age=(74, 101))
    room = "%d%s" % (ctx.rng.randint(101, 340), ctx.pick(["", "-A", "-B"]))
    when = ctx.ago(0, 2)
    if ctx.variant == 2:
        text = "\n".join([
            "Hello,", "",
            "AH-223 summary for the fall on %s, night shift:" %
            fmt_date(when, "en_long"),
            "Resident: %s, room %s, %d y/o, MRN %s" % (p.full, room,
                                                        p.age(ctx.today),
                                                        ctx.mrn()),
            "Found on the floor beside bed at 03:40, bed alarm off. Shortening "
            "and external rotation of L leg; transferred to ED: L femoral neck "
            "fracture. Family (son) notified 04:15.",
            "Contributing: zopiclone started 3 days ago, UTI under treatment.",
            "", inf.sign(ctx, "en", "LPN, night shift")])
    else:
        text = "\n".join([
            "Bonjour %s," % gest.given, "",
            "Déclaration AH-223 – chute du %s" % fmt_date(when, "fr_long"),
            "Résident%s : %s %s, ch. %s, %d ans" % (p.e, p.mme, p.full, room,
                                                   p.age(ctx.today)),
            "NAM : %s" % ctx.nam(p, ctx.pick(["space", "compact", "lower"])),
            "Trouvé%s au sol dans la salle de bain vers 02 h 15. Plaie au cuir "
            "chevelu 3 cm (stéri-strips), hématome hanche G. Radiographie : "
            "pas de fracture. Surveillance neuro q1h x 4 h faite." % p.e,
            "Facteurs : diurétique HS, cloche d'appel hors de portée, "
            "démence (MMSE 14/30).",
            "Famille avisée (%s, fille) à 07 h 30." % ctx.pick(GIVEN_F), "",
            inf.sign(ctx)])
    return build(ctx, inf.box, [gest.box], ctx.pick([
        "AH-223 chute ch. %s" % room, "Déclaration d'incident – chute",
        "Fall report"]), body(ctx, text))


@positive("hidden-context", 3)
def it_ticket_patient(ctx):
    u = staff(ctx, ctx.pick(["ciusss_mcq", "cisss_out", "gmf_iles"]),
              title="Secrétaire médicale")
    p = ctx.person(age=(1, 90))
    tick = "INC%07d" % ctx.rng.randint(10**6, 10**7 - 1)
    host = "%s-%s%04d" % (ctx.pick(["PC", "WS", "LT"]), ctx.pick(["URG", "GMF",
                                                                "ADM"]),
                          ctx.rng.randint(0, 9999))
    v = ctx.variant
    if v == 0:
        desc = ("Le DMÉ plante quand j'ouvre le dossier de %s (NAM %s, né%s le "
                "%s), juste sur l'onglet Résultats (il a une culture positive "
                "et une biopsie en attente). Les autres dossiers s'ouvrent. "
                "Poste %s." % (p.last_first, ctx.nam(p, "space"), p.e,
                               fmt_date(p.dob, "dmy"), host))
    elif v == 1:
        desc = ("Impossible d'imprimer la requête de labo. Message d'erreur : "
                "\"Échec de génération PDF pour %s %s (%s) – Requête : FSC, "
                "ions, créatinine, HbA1c, VIH\". Imprimante IMP-2E-04." % (
                    p.surname.upper(), p.given, ctx.nam(p, "compact")))
    else:
        desc = ("Scanner sends to the wrong folder. Last one was the consult "
                "letter for %s, DOB %s (oncology, new chemo plan) and it ended "
                "up in the public share \\\\fs01\\public\\scans. Please remove "
                "ASAP." % (p.full, fmt_date(p.dob, "en_short")))
    text = "\n".join([
        "Un nouveau billet a été créé." if v != 2 else "A new ticket was created.",
        "", "Billet : %s" % tick, "Demandeur : %s (%s)" % (u.name, u.addr),
        "Poste : %s" % host, "Catégorie : Applications cliniques > DMÉ", "",
        "Description :", desc, "",
        "---", "Centre de services TI – ne pas répondre à ce courriel."])
    frm = ("Centre de services TI", "servicedesk@%s" % u.addr.split("@")[1])
    return build(ctx, frm, [u.box], "[%s] %s" % (tick, ctx.pick([
        "Nouveau billet", "Ticket créé", "Accusé de réception"])),
        body(ctx, text, style="html" if ctx.chance(0.5) else "plain"))


@positive("hidden-context", 2)
def research_key(ctx):
    co = staff(ctx, "chu_riv", title="Coordonnatrice de recherche clinique")
    g, s, _ = make_staff(ctx.rng)
    spon = ("%s %s" % (g, s), addr_of(g, s, "cro-atlantique.example"))
    rows = [["study_id", "nom", "prenom", "ddn", "nam", "bras", "date_inclusion",
             "ae_grave"]]
    for i in range(ctx.rng.randint(6, 10)):
        p = ctx.person(age=(45, 82))
        rows.append(["CARD-%03d" % (i + 1), p.surname, p.given,
                     fmt_date(p.dob, "iso"), ctx.nam(p, "compact"),
                     ctx.pick(["A", "B"]), fmt_date(ctx.ago(30, 300), "iso"),
                     ctx.pick(["", "", "", "hospitalisation IC", "AVC"])])
    att = ctx.csv(ctx.pick(["liste_maitresse_CARD.csv", "export_eCRF.csv"]), rows)
    text = ("Hi %s,\n\nAs requested for the monitoring visit, here is the "
            "subject list for site 014. Note: this is the master list with "
            "identifiers, I think I was supposed to send the coded one only, "
            "can you confirm?\n\n%s" % (g, co.sign(ctx, "en", "Research "
                                                     "coordinator")))
    return build(ctx, co.box, [spon], "Site 014 subject list",
                 body(ctx, text, attachments=[att]))


@positive("insurance-work", 2)
def hr_medical_note(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_lau"])
    gest = staff(ctx, org, title="Chef de service, Hygiène et salubrité")
    rh = staff(ctx, org, title="Conseillère, Bureau de santé et mieux-être")
    emp = ctx.person(age=(25, 60))
    text = "\n".join([
        "Bonjour %s," % rh.given, "",
        "%s (matricule %d) m'a remis son billet médical ce matin. Je te le "
        "retranscris pour l'ouverture du dossier d'assurance salaire :" % (
            emp.full, ctx.rng.randint(100000, 999999)), "",
        "Arrêt de travail du %s au %s. Diagnostic : %s. Suivi avec son "
        "médecin de famille dans 4 semaines." % (
            fmt_date(ctx.ago(1, 5), "fr_long"), fmt_date(ctx.ahead(20, 40),
                                                         "fr_long"),
            ctx.pick(["épuisement professionnel (trouble d'adaptation)",
                      "hernie discale L5-S1", "chirurgie bariatrique – "
                      "convalescence", "grossesse à risque – retrait préventif"])),
        "", "Merci de garder ça confidentiel, l'équipe n'est pas au courant.", "",
        gest.sign(ctx)])
    return build(ctx, gest.box, [rh.box], ctx.pick([
        "Billet médical – %s" % emp.surname, "Absence maladie"]), body(ctx, text))


@positive("letter-referral", 2)
def transfer_request(ctx):
    a = staff(ctx, ctx.pick(["cisss_at", "cisss_bsl"]), title="Médecin, urgence")
    b = staff(ctx, "chu_riv", title="Centre de coordination des transferts")
    p = ctx.person(age=(0, 85))
    text = "\n".join([
        "DEMANDE DE TRANSFERT INTERÉTABLISSEMENTS", "",
        "Établissement demandeur : %s" % a.org_name,
        "Usager : %s – %s – DDN %s" % (p.last_first, "F" if p.sex == "F" else "M",
                                         fmt_date(p.dob, ctx.pick(
                                             ["iso", "slash_ymd", "dmy"]))),
        "NAM : %s (exp. %s)" % (ctx.nam(p, ctx.pick(["space", "compact"])),
                                ctx.ahead(100, 900).strftime("%Y-%m")),
        "Diagnostic : " + ctx.pick([
            "hémorragie sous-arachnoïdienne Fisher 3", "dissection aortique "
            "type A", "ischémie aiguë membre inférieur D", "bronchiolite sévère, "
            "besoin de CPAP (nourrisson)"]),
        "Signes vitaux : TA %d/%d, FC %d, GCS %d" % (
            ctx.rng.randint(80, 190), ctx.rng.randint(40, 110),
            ctx.rng.randint(50, 140), ctx.rng.randint(8, 15)),
        "Service receveur demandé : " + ctx.pick(["neurochirurgie",
                                                   "chirurgie cardiaque",
                                                   "chirurgie vasculaire",
                                                   "soins intensifs pédiatriques"]),
        "Médecin référent : %s, %s" % (a.dr, a.tel), "",
        "Avion-ambulance demandé (ÉVAQ)." if ctx.chance(0.5) else ""])
    return build(ctx, a.box, [b.box], "Demande de transfert – URGENT",
                 body(ctx, text, style="plain"),
                 extra=[("Importance", "high"), ("X-Priority", "1")])


@positive("patient-or-family", 1)
def interpreter_request(ctx):
    a = staff(ctx, "hgm", title="Clinical nurse, Oncology clinic")
    b = staff(ctx, "hgm", title="Interpretation services")
    p = ctx.person(age=(40, 80), surname=ctx.pick(["Rodríguez", "Nguyen", "Tran",
                                                   "Kowalski"]))
    lang = {"Rodríguez": "Spanish", "Nguyen": "Vietnamese", "Tran": "Vietnamese",
            "Kowalski": "Polish"}[p.surname]
    text = ("Hello,\n\nWe need a %s interpreter on %s at 13:30 for %s %s (DOB "
            "%s, MRN %s). It is the appointment where the oncologist will "
            "explain the biopsy result (recurrence) and palliative chemo "
            "options, so please plan 90 minutes and an interpreter comfortable "
            "with difficult news.\n\nThank you,\n%s" % (
                lang, en_day(ctx.ahead(3, 8)), p.mrs, p.full,
                fmt_date(p.dob, "mdy_us"), ctx.mrn(), a.sign(ctx, "en")))
    return build(ctx, a.box, [b.box], "Interpreter request - %s" % lang,
                 body(ctx, text))


@positive("clinical-note", 1)
def dietitian_followup(ctx):
    a = staff(ctx, "gmf_vallee", "F", "Nutritionniste")
    b = staff(ctx, "gmf_vallee", title="Infirmière praticienne spécialisée")
    p = ctx.person(age=(30, 80))
    text = ("Bonjour %s,\n\nJ'ai revu %s ce matin (%d ans, dossier %s). HbA1c "
            "passée de 9,2 à 7,6 %% en 4 mois, perte de 6 kg. Hypoglycémies "
            "nocturnes 2x/semaine depuis la hausse du gliclazide – à "
            "réévaluer? %s souhaite aussi une référence en psychologie pour "
            "des compulsions alimentaires.\n\n%s" % (
                b.given, p.full, p.age(ctx.today), ctx.mrn(), "Elle" if
                p.sex == "F" else "Il", a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Suivi nutrition – %s" % p.given,
                 body(ctx, text))


@positive("clinical-note", 2)
def mental_health_crisis(ctx):
    org = ctx.pick(["ciusss_cn", "cisss_out"])
    a = staff(ctx, org, title="Intervenant, Équipe de crise")
    b = staff(ctx, org, title="Psychiatre de garde")
    p = ctx.person(age=(15, 60))
    if ctx.variant == 0:
        text = ("URGENT – %s %s, %d ans, NAM %s, adresse %s.\n\nAppel de la "
                "mère à 21 h 10 : idéations suicidaires avec plan (médicaments "
                "accumulés), a cessé sa fluoxétine il y a 2 semaines. Refuse de "
                "se présenter à l'urgence. Demande d'évaluation selon la loi P-38 "
                "à discuter. Je suis sur place avec la policière.\n\n%s" % (
                    p.mme, p.full, p.age(ctx.today), ctx.nam(p, "space"),
                    address(ctx.rng), a.name))
        subj = "URGENT - évaluation P-38"
    else:
        text = ("Heads-up: %s, %d y.o., known for schizoaffective d/o, AWOL "
                "from unit 2E since 16:00, off meds x 3 days, last seen near "
                "the bus terminal. Police notified, description sent. DOB %s "
                "if they call.\n\n%s" % (p.full, p.age(ctx.today),
                                         fmt_date(p.dob, "en_short"), a.name))
        subj = "AWOL patient 2E"
    return build(ctx, a.box, [b.box], subj, body(ctx, text, style="plain"),
                 extra=[("Importance", "high")])


@positive("letter-referral", 1)
def genetics_result(ctx):
    a = staff(ctx, "chu_riv", "F", "Conseillère en génétique")
    md = staff(ctx, "gmf_iles")
    p = ctx.person(sex="F", age=(28, 70))
    sis = ctx.person(sex="F", age=(28, 70), surname=p.surname)
    text = "\n".join([
        "Bonjour %s," % md.dr, "",
        "Résultat du panel de prédisposition au cancer du sein/ovaire pour "
        "votre patiente %s (DDN %s, NAM %s) :" % (p.full, fmt_date(p.dob, "iso"),
                                                 ctx.nam(p, "compact")),
        "Variant pathogène BRCA2 c.8537_8538del (hétérozygote).", "",
        "Sa sœur %s (DDN %s) devrait être testée; nous lui avons remis une "
        "lettre familiale. IRM mammaire annuelle et discussion de la "
        "salpingo-ovariectomie recommandées." % (sis.given, fmt_date(sis.dob,
                                                                      "iso")),
        "", a.sign(ctx)])
    return build(ctx, a.box, [md.box], "Résultat génétique – BRCA",
                 body(ctx, text))


@positive("clinical-note", 1)
def death_notice(ctx):
    a = staff(ctx, "cisss_bsl", title="Infirmière, soins palliatifs")
    b = staff(ctx, "cisss_bsl", title="Admission / Archives")
    p = ctx.person(age=(55, 98))
    text = ("Bonjour,\n\nDécès de %s %s (ch. %d, dossier %s, né%s le %s) "
            "survenu le %s à 03 h 10. Cause : néoplasie pulmonaire métastatique, "
            "AMM non demandée. Constat par Dr %s. Famille présente. Corps "
            "conservé à la morgue en attente de la maison funéraire "
            "Desrosiers.\n\nSP-3 complété.\n\n%s" % (
                p.mme, p.full, ctx.rng.randint(200, 260), ctx.mrn(), p.e,
                fmt_date(p.dob, "fr_abbr"), fmt_date(ctx.today, "fr_long"),
                make_staff(ctx.rng)[1], a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Avis de décès – unité palliative",
                 body(ctx, text))


@positive("patient-list", 1)
def dialysis_schedule(ctx):
    a = staff(ctx, "ciusss_mcq", title="Assistante infirmière-chef, Hémodialyse")
    team = [staff(ctx, "ciusss_mcq") for _ in range(2)]
    rows = []
    for i in range(ctx.rng.randint(6, 9)):
        p = ctx.person(age=(30, 90))
        rows.append("%s %s – %s – poste %d – %s" % (
            p.surname, p.given[0] + ".", ctx.pick(["LMV AM", "LMV PM", "MJS AM",
                                                    "MJS PM"]),
            i + 1, ctx.pick(["FAV bras G", "cathéter jugulaire D",
                             "FAV bras D (ponction difficile)", "cathéter, "
                             "hépatite B+ : isolement"])))
    text = ("Bonjour,\n\nHoraire modifié pour la semaine de la tempête (transport "
            "adapté annulé mardi) :\n\n%s\n\nMerci de confirmer avec les "
            "familles.\n\n%s" % ("\n".join(rows), a.sign(ctx)))
    return build(ctx, a.box, [t.box for t in team], "Horaire hémodialyse – "
                 "semaine modifiée", body(ctx, text))


@positive("letter-referral", 3)
def crds_referral(ctx):
    md = staff(ctx, ctx.pick(["gmf_iles", "clinique_plateau", "gmf_vallee"]))
    crds = ("CRDS %s" % ctx.pick(["Mauricie", "Bas-Saint-Laurent", "Outaouais"]),
            "crds@%s" % ctx.pick(["ciusss-mcq.example", "cisss-bsl.example"]))
    p = ctx.person(age=(2, 85))
    spec = ctx.pick([("Gastro-entérologie", "rectorragies, anémie ferriprive, "
                      "perte de poids 5 kg", "B"),
                     ("Neurologie", "crises convulsives nouvelles, EEG anormal",
                      "A"),
                     ("Dermatologie", "lésion pigmentée atypique dos, "
                      "croissance rapide", "B"),
                     ("Cardiologie", "souffle nouveau, dyspnée NYHA III", "C")])
    lines = ["FORMULAIRE DE DEMANDE DE CONSULTATION – %s" % spec[0].upper(),
             "Nom, prénom : %s" % p.last_first,
             "Date de naissance : %s" % fmt_date(p.dob, "iso"),
             "NAM : %s" % ctx.nam(p, "space"),
             "Téléphone : %s" % ctx.phone(),
             "Raison : %s" % spec[1],
             "Priorité clinique : %s" % spec[2],
             "Médecin référent : %s (permis %d)" % (md.dr, ctx.rng.randint(
                 10000, 99999))]
    v = ctx.variant
    if v == 1:
        att = ctx.pdf("demande_%s.pdf" % ascii_local(spec[0]), lines)
        mime = body(ctx, "Bonjour, demande en pièce jointe.\n\n" + md.name,
                    attachments=[att])
    elif v == 2:
        att = ctx.zip("references.zip", [
            ("demande_consultation.docx", make_docx(lines, "Consultation"))],
            texts=["\n".join(lines)])
        mime = body(ctx, "Bonjour, la demande est dans le zip (le système "
                    "bloquait le .docx seul).\n\n" + md.name, attachments=[att])
    else:
        mime = body(ctx, "\n".join(lines) + "\n\n" + md.sign(ctx))
    return build(ctx, md.box, [crds], "Demande de consultation – %s" % spec[0],
                 mime)

def make_dicom(fields):
    """Minimal DICOM Part 10 file (explicit VR little endian, no pixels).
    fields: list of (group, element, VR, str value)."""
    def el(g, e, vr, val):
        if isinstance(val, str):
            val = val.encode("ascii")
        if len(val) % 2:
            val += b"\x00" if vr in ("UI", "OB") else b" "
        if vr in ("OB", "OW", "SQ", "UN", "UT"):
            return struct.pack("<HH2sHI", g, e, vr.encode(), 0, len(val)) + val
        return struct.pack("<HH2sH", g, e, vr.encode(), len(val)) + val
    meta = (el(0x0002, 0x0001, "OB", b"\x00\x01") +
            el(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1") +
            el(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.8.498.%d" %
               (len(fields) * 7919)) +
            el(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1"))
    meta = el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta))) + meta
    ds = b"".join(el(g, e, vr, v) for g, e, vr, v in sorted(fields))
    return b"\x00" * 128 + b"DICM" + meta + ds


@positive("structured-hl7-fhir", 2)
def dicom_attachment(ctx):
    t = staff(ctx, ctx.pick(["cisss_at", "cisss_bsl"]), title="Technologue en imagerie")
    r = staff(ctx, "chu_riv", title="Radiologiste")
    p = ctx.person(age=(10, 90))
    ident = ctx.nam(p, "compact") if ctx.variant == 0 else ctx.mrn("plain")
    fields = [(0x0008, 0x0060, "CS", "CR"),
              (0x0008, 0x0020, "DA", ctx.today.strftime("%Y%m%d")),
              (0x0008, 0x1030, "LO", "THORAX PA ET LAT"),
              (0x0010, 0x0010, "PN", strip_accents(p.surname).upper() + "^" +
               strip_accents(p.given).upper()),
              (0x0010, 0x0020, "LO", ident),
              (0x0010, 0x0030, "DA", fmt_date(p.dob, "hl7")),
              (0x0010, 0x0040, "CS", p.sex)]
    att = ctx.attach(ctx.pick(["IM000001.dcm", "image.dcm", "IM0001"]),
                     make_dicom(fields), "application/dicom",
                     "%s %s %s" % (p.surname, ident, p.dob))
    text = ("Bonjour Dr%s %s,\n\nLe PACS est en panne chez nous depuis ce "
            "matin. Voici l'image du patient pour avis (suspicion de "
            "pneumothorax), son dossier suivra.\n\n%s" % (
                "e" if r.sex == "F" else "", r.surname, t.sign(ctx)))
    return build(ctx, t.box, [r.box], "Image pour avis – PACS en panne",
                 body(ctx, text, attachments=[att]))


@positive("structured-hl7-fhir", 1)
def cda_document(ctx):
    a = staff(ctx, "ciusss_cn", title="Analyste DSQ")
    g, s, _ = make_staff(ctx.rng)
    ven = ("%s %s" % (g, s), addr_of(g, s, "medilink-solutions.example"))
    p = ctx.person(age=(20, 90))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<ClinicalDocument xmlns="urn:hl7-org:v3">\n'
           '  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>\n'
           '  <title>Sommaire de consultation</title>\n'
           '  <recordTarget><patientRole>\n'
           '    <id root="2.16.124.10.101.1.60.100" extension="%s"/>\n'
           '    <patient><name><given>%s</given><family>%s</family></name>\n'
           '      <administrativeGenderCode code="%s"/>\n'
           '      <birthTime value="%s"/></patient>\n'
           '  </patientRole></recordTarget>\n'
           '  <component><structuredBody><component><section>\n'
           '    <title>Diagnostic</title><text>Maladie de Crohn iléale, '
           'poussée modérée</text>\n'
           '  </section></component></structuredBody></component>\n'
           '</ClinicalDocument>\n' % (ctx.nam(p, "compact"), _xml_esc(p.given),
                                      _xml_esc(p.surname), p.sex,
                                      fmt_date(p.dob, "hl7")))
    att = ctx.attach("document_cda.xml", xml.encode("utf-8"), "application/xml",
                     xml)
    text = ("Bonjour %s,\n\nLe DSQ refuse ce document CDA (erreur de schéma "
            "sur birthTime?). Exemple réel en pièce jointe.\n\n%s" % (
                g, a.sign(ctx)))
    return build(ctx, a.box, [ven], "CDA rejeté par le DSQ",
                 body(ctx, text, attachments=[att]))


@positive("clinical-note", 1)
def case_presentation_initials(ctx):
    ext = staff(ctx, "gmf_vallee", title="Externe, 3e année")
    tut = staff(ctx, "gmf_vallee", title="Médecin superviseur")
    p = ctx.person(age=(60, 90))
    text = ("Bonjour Dr%s %s,\n\nVoici mon cas pour la présentation de demain :\n\n"
            "Mme/M. %s., né%s le %s, de %s, ch. %d de l'unité de médecine. "
            "Admis%s pour une décompensation de son insuffisance cardiaque "
            "(FEVG 25 %%) sur non-adhésion au furosémide; connu%s pour une "
            "cirrhose éthylique Child B et un cancer de la prostate traité en "
            "2019.\n\nJ'ai enlevé le nom comme demandé.\n\n%s" % (
                "e" if tut.sex == "F" else "", tut.surname, p.initials, p.e,
                fmt_date(p.dob, "fr_long"), ctx.pick(TOWNS),
                ctx.rng.randint(400, 480), p.e, p.e, ext.name))
    if p.sex == "F":
        text = text.replace("et un cancer de la prostate traité en 2019",
                            "et un cancer du sein traité en 2019")
    text = text.replace("Mme/M.", p.mme)
    return build(ctx, ext.box, [tut.box], "Cas pour la présentation",
                 body(ctx, text))


@positive("patient-or-family", 3)
def appointment_confirmation(ctx):
    clin = ctx.pick([("Clinique de gastro-entérologie", "chu_riv"),
                     ("Clinique externe d'oncologie", "ciusss_est"),
                     ("Clinique VIH et hépatites", "chu_riv"),
                     ("Clinique de fertilité", "ciusss_cn")])
    org = clin[1]
    frm = ("Rendez-vous – %s" % ORGS[org][0], "rendezvous@%s" % ORGS[org][1])
    p = ctx.person(age=(18, 85))
    to = webmail_person(ctx, p)
    when = ctx.ahead(7, 60)
    if ctx.variant == 2:
        text = "\n".join([
            "Appointment reminder", "",
            "%s %s," % (p.mrs, p.surname),
            "Your appointment at the %s is confirmed:" % clin[0],
            "Date: %s at %s" % (en_day(when), ctx.pick(["8:15", "10:40",
                                                       "13:00"])),
            "Health insurance number on file: %s" % ctx.nam(p, "space"),
            "Preparation: colonoscopy bowel prep (PEG) the day before - see "
            "attached instructions.", "",
            "Do not reply to this message."])
    else:
        text = "\n".join([
            "Rappel de rendez-vous", "",
            "Bonjour %s %s," % (p.mme, p.surname),
            "Votre rendez-vous à la %s est confirmé." % clin[0],
            "Date : %s à %s" % (fr_day(when), ctx.pick(["8 h 15", "10 h 40",
                                                       "13 h"])),
            "Numéro d'assurance maladie : %s" % ctx.nam(p, "space"),
            "Motif : %s" % ctx.pick(["suivi hépatite C – charge virale",
                                     "suivi post-chimiothérapie",
                                     "coloscopie de dépistage",
                                     "bilan de fertilité (FIV)"]),
            "Présentez-vous 15 minutes à l'avance avec votre carte "
            "d'assurance maladie.", "",
            "Ce message est envoyé automatiquement, veuillez ne pas y répondre."])
    return build(ctx, frm, [to], "Confirmation de rendez-vous" if ctx.variant != 2
                 else "Appointment confirmation", body(ctx, text))


@positive("structured-hl7-fhir", 1)
def fhir_patient_body(ctx):
    dev = staff(ctx, "cisss_out", title="Développeuse")
    dev2 = staff(ctx, "cisss_out", title="Développeur")
    p = ctx.person(age=(0, 17))
    pat = fhir_patient(ctx, p)
    js = json.dumps(pat, indent=2, ensure_ascii=False)
    text = ("Salut %s,\n\nC'est ce Patient qui fait planter le mapping (le bébé "
            "n'a pas de prénom usuel dans l'ancien système). Copié du log de "
            "prod :\n\n%s\n\nOn en parle au stand-up.\n%s" % (dev2.given, js,
                                                              dev.given))
    return build(ctx, dev.box, [dev2.box], "Patient qui casse le mapping",
                 body(ctx, text, style="plain", charset="utf-8"))


@positive("patient-list", 2)
def waiting_list_csv(ctx):
    a = staff(ctx, ctx.pick(["cisss_bsl", "ciusss_est"]),
              title="Agente administrative, Orthopédie")
    g, s, _ = make_staff(ctx.rng)
    ext = ("%s %s" % (g, s), addr_of(g, s, "clinique-privee-ortho.example"))
    rows = [["Nom", "Prénom", "DDN", "NAM", "Téléphone", "Chirurgie",
             "Date d'inscription", "Priorité"]]
    for _ in range(ctx.rng.randint(10, 16)):
        p = ctx.person(age=(35, 88))
        rows.append([p.surname, p.given, fmt_date(p.dob, "dmy"),
                     ctx.nam(p, ctx.pick(["compact", "space"])), ctx.phone(),
                     ctx.pick(["PTG D", "PTG G", "PTH D", "PTH G",
                               "Arthroscopie genou", "Hallux valgus"]),
                     fmt_date(ctx.ago(200, 700), "iso"), ctx.pick("ABCD")])
    att = ctx.csv(ctx.pick(["liste_attente_ortho.csv", "transfert_CMS.csv"]),
                  rows, charset=ctx.pick(["utf-8", "windows-1252"]))
    text = ("Bonjour,\n\nTel qu'entendu avec la direction, voici les usagers de "
            "plus d'un an d'attente à transférer vers votre centre médical "
            "spécialisé.\n\n%s" % a.sign(ctx))
    return build(ctx, a.box, [ext], "Transfert de la liste d'attente – ortho",
                 body(ctx, text, attachments=[att]))


@positive("hidden-context", 2)
def zip_misleading(ctx):
    a = staff(ctx, ctx.pick(["cisss_lau", "clinique_plateau"]),
              title="Secrétaire médicale")
    b_p = ctx.person(age=(25, 60))
    b = webmail_person(ctx, b_p)
    files, texts = [], []
    for i in range(ctx.rng.randint(2, 3)):
        p = ctx.person(age=(20, 90))
        paras = ["# Lettre de consultation", "Concerne : %s, DDN %s, NAM %s" % (
            p.full, fmt_date(p.dob, "iso"), ctx.nam(p, "space")),
            "Diagnostic : " + ctx.pick(["sclérose en plaques rémittente",
                                        "épilepsie temporale", "maladie de "
                                        "Parkinson débutante", "migraine "
                                        "chronique avec aura"]),
            "Plan : IRM cérébrale de contrôle dans 6 mois, ajustement du "
            "traitement."]
        files.append(("lettre_%d.docx" % (i + 1), make_docx(paras)))
        texts.append("\n".join(paras))
    files.append(("IMG_2231.png", make_png(rgb=(240, 200, 90))))
    att = ctx.zip(ctx.pick(["photos_party.zip", "recettes.zip",
                            "Nouveau dossier compressé.zip"]), files, texts)
    text = ctx.pick(["Voilà ce que tu m'as demandé pour ce soir, je finis ça "
                     "à la maison.", "Pour toi :)", "Je t'envoie ça sur ton "
                     "courriel perso, le VPN ne marche pas."])
    return build(ctx, a.box, [b], ctx.pick(["photos", "fichiers", "pour ce soir"]),
                 body(ctx, text + "\n\n" + a.given, style="plain",
                      attachments=[att]))


@positive("pharmacy", 2)
def prescription_to_pharmacy(ctx):
    md = staff(ctx, ctx.pick(["gmf_iles", "clinique_plateau"]))
    ph = ctx.pick([("Pharmacie Bélanger", "ordonnances@pharmacie-belanger.example"),
                   ("Pharmacie Huard et Cyr", "rx@pharmacie-huard-cyr.example"),
                   ("Pharmacie Centre-Ville", "ordonnances@pharmacie-centreville"
                                              ".example")])
    rx = ctx.pick([
        ["Apixaban 5 mg, 1 co. BID, 60 co., R: 5",
         "Métoprolol 25 mg, 1/2 co. BID, 30 co., R: 5"],
        ["Amoxicilline 250 mg/5 mL, 7,5 mL TID x 10 jours (poids 18 kg)"],
        ["Buprénorphine-naloxone 8/2 mg, 1 co. SL DIE, service quotidien "
         "observé", "Pas de renouvellement anticipé"],
        ["Méthotrexate 15 mg, 1 fois PAR SEMAINE (le lundi)",
         "Acide folique 5 mg, 1 co. par semaine (le jeudi)"]])
    child = "poids 18 kg" in rx[0]
    p = ctx.person(age=(3, 6) if child else (25, 92))
    text = "\n".join([
        "ORDONNANCE", "",
        "Patient : %s" % p.full,
        "DDN : %s" % fmt_date(p.dob, ctx.pick(["iso", "dmy", "fr_abbr"])),
        "NAM : %s" % ctx.nam(p, ctx.pick(["space", "compact", "dots"])),
        "Poids : %d kg" % (18 if child else ctx.rng.randint(50, 110)), ""] +
        ["Rx : " + r for r in rx] + [
        "", "%s, permis %d" % (md.dr, ctx.rng.randint(10000, 99999)),
        md.org_name, "Transmis par courriel à la demande du patient."])
    return build(ctx, md.box, [ph], "Ordonnance – %s" % p.surname,
                 body(ctx, text, style="plain"))


@positive("patient-or-family", 2)
def family_member(ctx):
    mom = ctx.person(sex="F", age=(75, 98))
    kid = ctx.person(age=(45, 65), surname=mom.surname)
    me = webmail_person(ctx, kid)
    inf = staff(ctx, ctx.pick(["ciusss_mcq", "cisss_bsl"]),
                title="Infirmière, Clinique de la mémoire")
    if ctx.variant == 0:
        text = ("Bonjour Madame %s,\n\nJe suis %s, %s de %s (née le %s, NAM "
                "%s). Depuis la hausse du donépézil, maman fait des cauchemars "
                "et elle est tombée deux fois. Hier elle ne m'a pas reconnu%s. "
                "Le médecin peut-il la voir plus tôt que le %s?\n\nJe joins la "
                "liste de ses médicaments.\n\nMerci infiniment,\n%s\n%s" % (
                    inf.surname, kid.given, "la fille" if kid.sex == "F"
                    else "le fils", mom.full, fmt_date(mom.dob, ctx.pick(
                        ["fr_long", "dmy"])), ctx.nam(mom, ctx.pick(
                            ["space", "lower", "compact"])),
                    kid.e, fmt_date(ctx.ahead(30, 60), "fr_long"), kid.full,
                    ctx.phone()))
        atts = [ctx.textfile("medicaments_maman.txt",
                             "Donépézil 10 mg le soir\nSynthroid 100 mcg\n"
                             "Tylenol arthrite 650 mg 2 fois par jour\n"
                             "Seroquel 25 mg au coucher (nouveau)\n",
                             charset="utf-8")]
    else:
        text = ("Hello,\n\nMy mother %s (DOB %s) was discharged yesterday "
                "after her stroke and nobody gave us the follow-up date with "
                "neurology. Her Quebec health card is %s. She can't speak on "
                "the phone (aphasia) so please email me.\n\n%s" % (
                    mom.full, fmt_date(mom.dob, "en_long"),
                    ctx.nam(mom, "split2"), kid.full))
        atts = []
    return build(ctx, me, [inf.box], ctx.pick(["Ma mère", "Question pour "
                                               "l'infirmière", "Suivi maman"]),
                 body(ctx, text, attachments=atts))


@positive("lab-imaging", 2)
def blood_bank(ctx):
    t = staff(ctx, "chu_riv", title="Technologiste, Banque de sang")
    md = staff(ctx, "chu_riv", title="Hématologue")
    p = ctx.person(age=(18, 90))
    text = "\n".join([
        "Dr %s," % md.surname, "",
        "Épreuve de compatibilité problématique pour %s, dossier %s, DDN %s :" % (
            p.last_first, ctx.mrn(), fmt_date(p.dob, "iso")),
        "Groupe O Rh négatif. Recherche d'anticorps positive : anti-Kell et "
        "anti-E identifiés. 2 culots compatibles seulement en inventaire, "
        "Héma-Québec contacté. Chirurgie prévue demain 8 h – à reporter?", "",
        t.sign(ctx)])
    return build(ctx, t.box, [md.box], "Compatibilité – anticorps multiples",
                 body(ctx, text))


@positive("insurance-work", 1)
def ophtho_driver(ctx):
    md = staff(ctx, "ciusss_est", title="Ophtalmologiste")
    p = ctx.person(age=(65, 88))
    g, s, _ = make_staff(ctx.rng)
    to = ("Évaluation médicale – Conducteurs", "evaluation-medicale@saaq-"
          "indemnisation.example")
    text = ("Bonjour,\n\nRapport d'examen visuel – permis de conduire\n"
            "Titulaire : %s, DDN %s\nAcuité visuelle corrigée : OD 20/60, OG "
            "20/200\nChamp visuel : déficit hémianopsique latéral D (post-AVC)\n"
            "Recommandation : inapte à la conduite, classe 5.\n\n%s" % (
                p.full, fmt_date(p.dob, "dmy"), md.sign(ctx)))
    return build(ctx, md.box, [to], "Examen visuel – conducteur %s" % p.surname,
                 body(ctx, text))


@positive("sin-only", 3)
def sin_only_hr(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_out", "chu_riv"])
    rh = staff(ctx, org, title="Technicienne en administration, Paie")
    emp = ctx.person(age=(20, 64))
    v = ctx.variant
    if v == 0:
        text = ("Bonjour %s,\n\nPour corriger ton relevé 1 et ton T4 2024, "
                "j'ai besoin que tu confirmes ton numéro d'assurance sociale. "
                "Celui au système est %s, mais Revenu Québec nous le retourne "
                "comme invalide pour le nom %s.\n\nMerci,\n%s" % (
                    emp.given, ctx.sin("space"), emp.full, rh.sign(ctx)))
        to = [(emp.full, addr_of(emp.given, emp.surname, ORGS[org][1]))]
        frm = rh.box
        subj = "Correction T4 / RL-1"
    elif v == 1:
        me = webmail_person(ctx, emp)
        text = ("Bonjour,\n\nSuite à mon embauche comme préposé%s aux "
                "bénéficiaires, voici les infos manquantes pour le dépôt direct "
                "et la paie :\n\nNom : %s\nDate de naissance : %s\nNAS : %s\n"
                "Transit : %05d  Institution : 815  Compte : %07d\n\nMerci!\n%s" % (
                    "e" if emp.sex == "F" else "", emp.full,
                    fmt_date(emp.dob, "iso"), ctx.sin(ctx.pick(["compact", "dash"])),
                    ctx.rng.randint(10000, 99999), ctx.rng.randint(10**6, 10**7 - 1),
                    emp.given))
        frm, to, subj = me, [rh.box], "Infos pour la paie"
    else:
        text = ("Hi,\n\nAs discussed, my social insurance number is %s. I "
                "need it on the TD1 before Friday's payroll.\n\nThanks,\n%s" % (
                    ctx.sin("space"), emp.full))
        frm = (emp.full, addr_of(emp.given, emp.surname, ORGS[org][1]))
        to, subj = [rh.box], "SIN for TD1"
    return build(ctx, frm, to, subj, body(ctx, text))


@positive("clinical-note", 1)
def ics_case_conference(ctx):
    org = "ciusss_est"
    a = staff(ctx, org, title="Coordonnatrice clinique, Santé mentale jeunesse")
    inv = [staff(ctx, org) for _ in range(3)]
    p = ctx.person(age=(12, 17))
    start = dt.datetime.combine(ctx.ahead(2, 7), dt.time(13, 30))
    desc = ("Discussion de cas : %s (%d ans, DDN %s). Anorexie mentale, IMC "
            "14,8, bradycardie 42. Hospitalisation en pédopsychiatrie à "
            "discuter; DPJ impliquée." % (p.full, p.age(ctx.today),
                                          fmt_date(p.dob, "iso")))
    ics = "\n".join([
        "BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
        "UID:%s" % irt(ctx, "uid"),
        "DTSTAMP:%s" % ctx.when.strftime("%Y%m%dT%H%M%S"),
        "DTSTART;TZID=America/Toronto:%s" % start.strftime("%Y%m%dT%H%M%S"),
        "DTEND;TZID=America/Toronto:%s" % (start + dt.timedelta(hours=1)
                                           ).strftime("%Y%m%dT%H%M%S"),
        "SUMMARY:Discussion de cas – %s" % p.surname,
        "LOCATION:Salle 2-114 / Teams",
        "DESCRIPTION:" + desc.replace(",", "\\,").replace(";", "\\;"),
        "ORGANIZER;CN=%s:mailto:%s" % (a.name, a.addr),
        "END:VEVENT", "END:VCALENDAR", ""])
    # fold long ICS lines at 73 chars
    folded = []
    for ln in ics.split("\n"):
        while len(ln) > 73:
            folded.append(ln[:73])
            ln = " " + ln[73:]
        folded.append(ln)
    ics = "\n".join(folded)
    cal = Leaf("text/calendar", ics, "utf-8", "base64", params=[("method",
                                                                  "REQUEST")])
    ctx.att_text.append(desc)
    mime = Multi("alternative", [Leaf("text/plain", desc + "\n\n" + a.name,
                                      "utf-8", "quoted-printable"), cal])
    return build(ctx, a.box, [i.box for i in inv], "Discussion de cas – %s" %
                 p.surname, mime)


@positive("other-province", 1)
def ontario_lab(ctx):
    md = staff(ctx, "cisss_out", title="Médecin de famille")
    g, s, _ = make_staff(ctx.rng)
    lab = ("Results Desk - Lakeshore Labs", "results@lakeshore-labs.example")
    p = ctx.person(age=(30, 80))
    text = "\n".join([
        "LAB REPORT - FINAL", "",
        "Patient: %s, %s   Sex: %s   DOB: %s" % (p.surname.upper(), p.given, p.sex,
                                                  fmt_date(p.dob, "iso")),
        "Ontario Health Card: %s" % ctx.ohip(version=True, style="space"),
        "Ordering: Dr %s (Gatineau QC)" % md.surname, "",
        "TSH           0.02   mU/L   (0.32-4.00)  L",
        "Free T4       38.5   pmol/L (9.0-19.0)   H",
        "TRAb          positive", "",
        "Comment: consistent with hyperthyroidism (Graves).",
        "This report contains confidential patient information."])
    return build(ctx, lab, [md.box], "Lab report - %s" % p.surname.upper(),
                 body(ctx, text, style="plain"))


@positive("hidden-context", 2)
def encoded_subject_diagnosis(ctx):
    a = staff(ctx, "ciusss_cn")
    b = staff(ctx, "ciusss_cn")
    p = ctx.person(age=(30, 85))
    subj = ctx.pick(["Résultat pathologie – %s %s (adénocarcinome, né%s le %s)",
                     "Réf. oncologie : %s %s — récidive, né%s le %s"]) % (
        p.mme, p.full, p.e, fmt_date(p.dob, "fr_abbr"))
    return build(ctx, a.box, [b.box], subj,
                 body(ctx, "Voir DMÉ.\n\n" + a.given, style="plain"),
                 hdr_charset=ctx.pick(["utf-8", "iso-8859-1"]),
                 hdr_mode=ctx.pick(["B", "Q"]))


@positive("patient-or-family", 1)
def nam_correction(ctx):
    sec = staff(ctx, "gmf_iles", title="Agente administrative")
    lab = staff(ctx, "cisss_bsl", title="Centre de prélèvements")
    p = ctx.person(age=(18, 90))
    text = ("Bonjour,\n\nErreur dans mon courriel de ce matin : le NAM de "
            "%s %s n'est pas %s mais bien %s (DDN %s). Pouvez-vous corriger la "
            "requête de prélèvement (bilan lipidique, TSH, %s)?\n\nDésolée!\n%s"
            % (p.mme, p.full, ctx.typo(p, "space"), ctx.nam(p, "space"),
               fmt_date(p.dob, "dmy"), "PSA" if p.sex == "M" else "ferritine",
               sec.sign(ctx)))
    return build(ctx, sec.box, [lab.box], "Correction NAM", body(ctx, text))


@positive("pharmacy", 1)
def fax_cover_1252(ctx):
    md = staff(ctx, "clinique_plateau")
    frm = ("Télécopieur Clinique", "fax2mail@clinique-plateau.example")
    to = staff(ctx, "ciusss_cn")
    p = ctx.person(age=(20, 80))
    text = "\r\n".join([
        "BORDEREAU DE TÉLÉCOPIE – CONFIDENTIEL", "",
        "À : Clinique d'anticoagulation – %s" % to.org_name,
        "De : %s" % md.dr,
        "Pages : 3 (incluant celle-ci)", "",
        "Concerne : %s – %s – RAMQ %s" % (p.full, fmt_date(p.dob, "dmy"),
                                          ctx.nam(p, "compact")),
        "INR des 3 dernières semaines : 1,6 – 1,8 – 4,2. Dose actuelle de "
        "warfarine 5 mg/jour. Prise en charge demandée.",
        "",
        "Si vous avez reçu ce document par erreur, veuillez le détruire et "
        "nous aviser au %s." % ctx.phone()])
    return build(ctx, frm, [to.box], "Télécopie reçue – 3 page(s)",
                 body(ctx, text, style="plain", charset="windows-1252",
                      cte="quoted-printable"),
                 extra=[("X-Mailer", "FaxServer 7.2")])


@positive("lab-imaging", 1)
def pathology_report(ctx):
    path = staff(ctx, "ciusss_est", title="Pathologiste")
    md = staff(ctx, "ciusss_est", title="Chirurgien général")
    p = ctx.person(age=(35, 85))
    lines = ["RAPPORT DE PATHOLOGIE", "No : S25-%05d" % ctx.rng.randint(0, 99999),
             "Usager : %s   Dossier : %s   DDN : %s" % (
                 p.last_first, ctx.mrn(), fmt_date(p.dob, "dmy")),
             "Spécimen : côlon sigmoïde (résection)",
             "Diagnostic : adénocarcinome moyennement différencié, pT3 pN1a "
             "(1/18 ganglions), marges libres.",
             "MMR : expression conservée."]
    att = ctx.pdf("S25_rapport.pdf", lines)
    return build(ctx, path.box, [md.box], "Rapport de pathologie final",
                 body(ctx, "Rapport final ci-joint. Appel fait au bureau.\n\n" +
                      path.sign(ctx), attachments=[att]))


@positive("patient-list", 1)
def outbreak_line_list(ctx):
    pci = staff(ctx, "cisss_lau", title="Conseillère en PCI")
    chef = staff(ctx, "cisss_lau", title="Chef d'unité 3 Ouest")
    rows = []
    for _ in range(ctx.rng.randint(4, 6)):
        p = ctx.person(age=(60, 97))
        rows.append("Ch. %d – %s, %s – DDN %s – début symptômes %s – %s" % (
            ctx.rng.randint(301, 340), p.surname.upper(), p.given,
            fmt_date(p.dob, "iso"), fmt_date(ctx.ago(0, 5), "iso"),
            ctx.pick(["vomissements + diarrhée", "diarrhée, PCR norovirus +",
                      "fièvre, toux, PCR influenza A +", "asymptomatique, "
                      "contact"])))
    text = ("Bonjour,\n\nListe linéaire de l'éclosion au 3 Ouest (à tenir à "
            "jour) :\n\n%s\n\nPrécautions gouttelettes-contact maintenues, "
            "visites limitées.\n\n%s" % ("\n".join(rows), pci.sign(ctx)))
    return build(ctx, pci.box, [chef.box], "Éclosion 3 Ouest – liste linéaire",
                 body(ctx, text))


@positive("clinical-note", 1)
def ambulance_report(ctx):
    tp = staff(ctx, "cisss_at", title="Technicien ambulancier paramédic")
    sup = staff(ctx, "cisss_at", title="Chef aux opérations")
    p = ctx.person(age=(18, 90))
    text = ("Bonjour,\n\nVoici le résumé de l'intervention %d pour l'enquête "
            "qualité :\n\nPatient : %s, %d ans, DDN %s\nAppel : %s, "
            "douleur thoracique. À l'arrivée : GCS 14, TA 86/50, FC 142 "
            "irrégulière. ECG 12D : FA rapide. Transport priorité 1 vers "
            "l'urgence, 47 minutes (route 117 fermée).\n\n%s" % (
                ctx.rng.randint(10**6, 10**7), p.full, p.age(ctx.today),
                fmt_date(p.dob, "dmy"), fmt_date(ctx.ago(2, 9), "fr_long"),
                tp.sign(ctx)))
    return build(ctx, tp.box, [sup.box], "Intervention – résumé pour enquête",
                 body(ctx, text))


@positive("clinical-note", 1)
def teams_chat_export(ctx):
    a = staff(ctx, "hgm")
    b = staff(ctx, "hgm", title="Nurse manager")
    c = staff(ctx, "hgm")
    p = ctx.person(age=(40, 90), sex="F")
    t = ctx.when - dt.timedelta(hours=2)
    lines = [
        "[%s] %s: anyone know if %s in 12B got her CT?" % (
            t.strftime("%H:%M"), a.name, p.full),
        "[%s] %s: yes, came back – large L MCA stroke, family meeting at 3" % (
            (t + dt.timedelta(minutes=4)).strftime("%H:%M"), c.name),
        "[%s] %s: ok, she's DOB %s right? the wristband says otherwise" % (
            (t + dt.timedelta(minutes=6)).strftime("%H:%M"), a.name,
            fmt_date(p.dob, "en_short")),
        "[%s] %s: yes, band reprinted" % ((t + dt.timedelta(minutes=9)
                                          ).strftime("%H:%M"), c.name)]
    text = ("Hi %s,\n\nHere's the chat excerpt you asked for about the "
            "wristband mix-up:\n\n%s\n\n%s" % (b.given, "\n".join(lines),
                                                a.name))
    return build(ctx, a.box, [b.box], "Chat excerpt - wristband issue",
                 body(ctx, text))


@positive("letter-referral", 1)
def coroner_request(ctx):
    g, s, _ = make_staff(ctx.rng)
    cor = ("Bureau du coroner", "dossiers@coroner-quebec.example")
    arch = staff(ctx, "cisss_at", title="Archives médicales")
    p = ctx.person(age=(20, 80))
    text = ("Madame, Monsieur,\n\nDans le cadre de l'investigation A-%d, nous "
            "vous demandons copie complète du dossier de %s, né%s le %s, décédé%s "
            "le %s (surdose présumée de fentanyl), incluant les notes "
            "d'urgence des 12 derniers mois.\n\nMe %s\nCoroner" % (
                ctx.rng.randint(100000, 999999), p.full, p.e,
                fmt_date(p.dob, "fr_long"), p.e, fmt_date(ctx.ago(5, 30),
                                                          "fr_long"), s))
    return build(ctx, cor, [arch.box], "Demande de dossier – investigation",
                 body(ctx, text))


@positive("letter-referral", 1)
def dentist_referral(ctx):
    dom = "centre-dentaire-boreal.example"
    g, s, sx = make_staff(ctx.rng)
    den = ("Dr%s %s %s" % ("e" if sx == "F" else "", g, s), addr_of(g, s, dom))
    oms = staff(ctx, "chu_riv", title="Chirurgie buccale et maxillo-faciale")
    p = ctx.person(age=(48, 80))
    text = ("Bonjour,\n\nRéférence pour %s (%s, DDN %s) : lésion leucoplasique "
            "bord latéral de la langue G, 1,5 cm, persistante 6 semaines, fumeur "
            "30 PA. Biopsie demandée. Patient sous apixaban.\n\n%s\n%s" % (
                p.full, ctx.nam(p, "space"), fmt_date(p.dob, "iso"), den[0],
                "Centre dentaire Boréal"))
    return build(ctx, den, [oms.box], "Référence – lésion linguale",
                 body(ctx, text))


@positive("hidden-context", 1)
def migration_log(ctx):
    a = staff(ctx, "cisss_bsl", title="Analyste, migration DMÉ")
    b = staff(ctx, "cisss_bsl", title="Chargé de projet")
    lines = ["2025-02-%02d 02:14:%02d ERROR row rejected: duplicate key" % (
        ctx.rng.randint(1, 28), i) for i in range(3)]
    log = []
    for i in range(ctx.rng.randint(5, 8)):
        p = ctx.person(age=(0, 95))
        log.append("%s ERROR import patient nam=%s name=%s dob=%s reason=%s" % (
            ctx.when.strftime("%Y-%m-%dT02:%M:%S"), ctx.nam(p, "compact"),
            strip_accents(p.last_first).replace(", ", "^"), p.dob.isoformat(),
            ctx.pick(["ALLERGY_CODE_UNKNOWN", "DX_MAPPING_FAILED(F20.0)",
                      "MED_DIN_NOT_FOUND", "DUPLICATE_CHART"])))
    logtxt = "\n".join(lines + log) + "\n"
    att = ctx.textfile("import_errors.log", logtxt, ctx.pick(["text/plain",
                                                             "application/octet-stream"]))
    text = ("Salut %s,\n\nLog des rejets de la migration de cette nuit. "
            "%d dossiers à reprendre à la main.\n\n%s" % (b.given, len(log),
                                                         a.name))
    return build(ctx, a.box, [b.box], "Migration – rejets de la nuit",
                 body(ctx, text, attachments=[att]))


@positive("patient-list", 1)
def duplicate_merge(ctx):
    a = staff(ctx, "ciusss_mcq", title="Archiviste médicale")
    b = staff(ctx, "ciusss_mcq", title="Pilote, index patient")
    rows = []
    for _ in range(6):
        p = ctx.person(age=(0, 95))
        rows.append("%s  ->  dossiers %s et %s" % (
            ctx.nam(p, "compact"), ctx.mrn("plain"), ctx.mrn("plain")))
    text = ("Bonjour,\n\nFusions à faire dans l'index patient (doublons "
            "confirmés) :\n\n%s\n\nMerci,\n%s" % ("\n".join(rows), a.name))
    return build(ctx, a.box, [b.box], "Fusions IPM", body(ctx, text))


@positive("patient-or-family", 1)
def patient_complaint(ctx):
    p = ctx.person(age=(30, 80))
    me = webmail_person(ctx, p)
    to = ("Commissaire aux plaintes", "plaintes@cisss-outaouais.example")
    text = ("Madame la commissaire,\n\nJe dépose une plainte concernant mon "
            "séjour à l'urgence du %s. Je suis arrivé%s avec une douleur "
            "abdominale sévère et j'ai attendu 14 heures sur une civière dans "
            "le corridor avant qu'on diagnostique une appendicite perforée. "
            "J'ai dû être opéré%s d'urgence et j'ai eu un abcès ensuite.\n\n"
            "Mes coordonnées : %s, né%s le %s, NAM %s, %s.\n\n%s" % (
                fmt_date(ctx.ago(20, 60), "fr_long"), p.e, p.e, p.full, p.e,
                fmt_date(p.dob, "fr_long"), ctx.nam(p, "space"), ctx.phone(),
                p.full))
    return build(ctx, me, [to], "Plainte – urgence", body(ctx, text))


@positive("clinical-note", 1)
def palliative_family_meeting(ctx):
    a = staff(ctx, "cisss_bsl", title="Médecin, soins palliatifs")
    team = [staff(ctx, "cisss_bsl") for _ in range(3)]
    p = ctx.person(age=(50, 95))
    text = ("Résumé de la rencontre familiale d'aujourd'hui – %s %s (%d ans, "
            "dossier %s)\n\n- Pronostic de jours à semaines (néo pancréas "
            "métastatique)\n- Niveau de soins C confirmé, pas de réanimation\n"
            "- La famille demande des informations sur l'aide médicale à "
            "mourir; %s est apte et en a fait la demande formelle\n"
            "- Sédation palliative discutée si détresse réfractaire\n\n%s" % (
                p.mme, p.full, p.age(ctx.today), ctx.mrn(),
                "la patiente" if p.sex == "F" else "le patient", a.sign(ctx)))
    return build(ctx, a.box, [t.box for t in team], "Rencontre familiale – %s"
                 % p.surname, body(ctx, text))

# ===========================================================================
# NEGATIVE scenarios
# ===========================================================================

def nam_shaped(rng, letters, valid=True):
    """A code shaped like a NAM (4 letters + 8 digits). valid=True makes it
    pass the RAMQ date+checksum test, as real asset tags sometimes do."""
    if valid:
        d = rand_date(rng, dt.date(1990, 1, 1), dt.date(2024, 12, 31))
        sex = rng.choice("MF")
        diff = rng.choice("123")
        cd = nam_check_digit(letters, d.year, sex, d.month, d.day, diff)
        s = "%s%02d%02d%02d%s%d" % (letters, d.year % 100, d.month +
                                    (50 if sex == "F" else 0), d.day, diff, cd)
        assert nam_valid(s)
        return s
    while True:
        s = "%s%02d%02d%02d%02d" % (letters, rng.randint(0, 99),
                                    rng.choice([13, 24, 37, 45, 70, 88, 99]),
                                    rng.randint(32, 99), rng.randint(10, 99))
        if nam_valid(s) is None:
            return s


@negative("aggregate-stats", 5)
def accreditation_report(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_bsl", "cisss_out", "chu_riv"])
    a = staff(ctx, org, title="Conseillère en qualité et performance")
    team = [staff(ctx, org) for _ in range(2)]
    units = ["Médecine 3e", "Chirurgie 4e", "Gériatrie active", "USI",
             "Santé mentale 2e", "Pédiatrie", "CHSLD Saint-Joseph"]
    rows = []
    for u in ctx.rng.sample(units, 5):
        rows.append((u, ctx.rng.randint(1200, 9800),
                     round(ctx.rng.uniform(1.1, 6.8), 1),
                     round(ctx.rng.uniform(0.2, 3.1), 2),
                     ctx.rng.randint(71, 99)))
    q = ctx.pick(["T3 2024-2025", "P10", "année 2024-2025", "T1 2025-2026"])
    hdr = "Unité | Jours-présence | Chutes /1000 j-p | Erreurs méd. /1000 j-p | " \
        "Hygiène des mains (%)"
    table = "\n".join("%s | %d | %s | %s | %d" % r for r in rows)
    text = ("Bonjour à tous,\n\nEn préparation de la visite d'Agrément Canada "
            "(%s), voici les indicateurs de sécurité pour %s. Les données "
            "sont agrégées; aucune information nominative.\n\n%s\n%s\n\n"
            "Points saillants :\n- Hausse des chutes en gériatrie (+0,8) malgré "
            "le programme AMA\n- Conformité au bilan comparatif des "
            "médicaments (BCM) à l'admission : %d %%\n- %d déclarations AH-223 "
            "au total, dont %d avec conséquences (gravité E-F)\n\nLe rapport "
            "complet est joint.\n\n%s" % (
                fmt_date(ctx.ahead(30, 120), "fr_long"), q, hdr, table,
                ctx.rng.randint(60, 95), ctx.rng.randint(300, 1400),
                ctx.rng.randint(3, 40), a.sign(ctx)))
    atts = []
    if ctx.variant % 2 == 0:
        atts.append(ctx.pdf("Tableau_de_bord_qualite_%s.pdf" % q.replace(" ", "_"),
                            ["TABLEAU DE BORD QUALITÉ – %s" % q, "", hdr] +
                            table.split("\n") + ["", "Source : SISSS, extraction "
                                                 "du %s" % fmt_date(ctx.ago(3, 9),
                                                                    "iso")]))
    return build(ctx, a.box, [t.box for t in team], "Indicateurs qualité – %s" % q,
                 body(ctx, text, attachments=atts))


@negative("guideline-notice", 4)
def guideline_summary(ctx):
    org = ctx.pick(["chu_riv", "ciusss_est", "gmf_vallee"])
    a = staff(ctx, org, title="Pharmacienne, Comité de pharmacologie")
    to = ("Médecins et IPS – liste de diffusion", "cmdp-liste@%s" % ORGS[org][1])
    topic = ctx.variant % 4
    if topic == 0:
        text = ("Bonjour,\n\nRésumé des nouvelles recommandations "
                "sur l'anticoagulation en fibrillation auriculaire (mise à jour "
                "2024) :\n\n- CHADS-65 : anticoaguler dès 65 ans ou si un facteur "
                "CHADS2\n- Apixaban 5 mg BID; 2,5 mg BID si 2 critères parmi : "
                "âge >= 80 ans, poids <= 60 kg, créatinine >= 133 µmol/L\n"
                "- Rivaroxaban 20 mg DIE avec le souper (15 mg si ClCr 15-49)\n"
                "- Dabigatran : éviter si ClCr < 30 mL/min\n- Pas d'AAS en "
                "prévention primaire associé\n\nLa fiche complète est sur "
                "l'intranet.\n\n%s" % a.sign(ctx))
        subj = "Rappel : anticoagulation en FA – nouvelles lignes directrices"
    elif topic == 1:
        text = ("Hello everyone,\n\nQuick summary of the updated pediatric "
                "fever protocol (ED, 0-36 months):\n\n- Infants < 28 days: full "
                "septic work-up, admit, ampicillin 50 mg/kg q6h + cefotaxime "
                "50 mg/kg q8h\n- 29-60 days: PECARN rule, procalcitonin > 0.5 "
                "ng/mL = high risk\n- Acetaminophen 15 mg/kg q4h (max 75 "
                "mg/kg/day); ibuprofen 10 mg/kg q6-8h if > 6 months\n\n"
                "Effective %s.\n\n%s" % (fmt_date(ctx.ahead(7, 30), "en_long"),
                                          a.sign(ctx, "en", "Clinical pharmacist")))
        subj = "Updated pediatric fever protocol"
    elif topic == 2:
        text = ("Bonjour,\n\nProtocole infirmier d'hypoglycémie (adulte) révisé :"
                "\n\n1. Glycémie < 4,0 mmol/L : 15 g de glucides (4 co. Dex4)\n"
                "2. Revérifier après 15 min; répéter si < 4,0\n3. Inconscient : "
                "glucagon 1 mg IM ou D50 25 mL IV\n4. Aviser le médecin si > 2 "
                "épisodes / 24 h\n\nL'ordonnance collective OC-2025-07 remplace "
                "OC-2019-12.\n\n%s" % a.sign(ctx))
        subj = "Ordonnance collective hypoglycémie – révision"
    else:
        text = ("Bonjour,\n\nSuite à la revue de la littérature par le comité, "
                "la prophylaxie de la thromboembolie veineuse en médecine est "
                "maintenant : énoxaparine 40 mg SC DIE (30 mg si ClCr < 30; "
                "40 mg BID si IMC > 40). Durée : jusqu'au congé, max 14 jours."
                "\n\n%s" % a.sign(ctx))
        subj = "Prophylaxie TEV – ajustement"
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("guideline-notice", 2)
def inesss_notice(ctx):
    frm = ("INESSS – Infolettre", "infolettre@inesss.example")
    g, s, _ = make_staff(ctx.rng)
    to = (g + " " + s, addr_of(g, s, ctx.pick(list(ORGS.values()))[1]))
    if ctx.variant == 0:
        text = ("Nouvelles publications de l'INESSS\n\n"
                "• Guide d'usage optimal – Antibiothérapie des infections "
                "urinaires chez l'adulte (mise à jour)\n"
                "• Avis sur l'inscription de médicaments – %s : 6 médicaments "
                "recommandés, 2 avec conditions\n"
                "• État des pratiques : prise en charge de la douleur chronique "
                "non cancéreuse\n\nL'INESSS a analysé les données de plus de "
                "42 000 usagers de la RAMQ; aucun renseignement permettant "
                "d'identifier une personne n'a été utilisé.\n\nPour vous "
                "désabonner, cliquez ici." % fmt_date(ctx.ago(5, 20), "fr_long"))
        subj = "Infolettre INESSS – %s" % MONTHS_FR[ctx.today.month - 1]
    else:
        text = ("Avis de consultation publique\n\nL'INESSS sollicite vos "
                "commentaires sur le projet d'outil clinique « Dépistage du "
                "cancer colorectal : RSOSi tous les 2 ans de 50 à 74 ans ». "
                "Date limite : %s.\n\nMerci de votre collaboration." % fmt_date(
                    ctx.ahead(10, 40), "fr_long"))
        subj = "Consultation : outil clinique dépistage CCR"
    return build(ctx, frm, [to], subj, body(ctx, text, style=ctx.pick(["html",
                                                                       "alt"])))


def din(rng):
    return "%08d" % rng.randint(2200000, 2549999)


@negative("guideline-notice", 3)
def formulary_update(ctx):
    a = staff(ctx, ctx.pick(["chu_riv", "ciusss_cn"]), title="Pharmacien, Services pharmaceutiques")
    to = ("Personnel pharmacie", "pharmacie-tous@%s" % a.addr.split("@")[1])
    meds = [("Apixaban", "2,5 mg", "co."), ("Empagliflozine", "10 mg", "co."),
            ("Sémaglutide", "1 mg/0,74 mL", "stylo"),
            ("Dénosumab", "60 mg/mL", "ser."), ("Tiotropium", "2,5 mcg", "inh."),
            ("Pantoprazole", "40 mg", "co."), ("Ceftriaxone", "1 g", "fiole"),
            ("Insuline glargine", "100 U/mL", "stylo")]
    picked = ctx.rng.sample(meds, 5)
    rows = [["DIN", "Dénomination", "Teneur", "Forme", "Prix unitaire",
             "Statut"]]
    for m in picked:
        rows.append([din(ctx.rng), m[0], m[1], m[2],
                     "%.4f" % ctx.rng.uniform(0.05, 250),
                     ctx.pick(["Liste régulière", "Exception (code EN%d)" %
                               ctx.rng.randint(100, 199), "Retiré"])])
    text = ("Bonjour,\n\nMise à jour de la Liste des médicaments (RAMQ) en "
            "vigueur le %s. Les changements touchant notre formulaire local "
            "sont dans le fichier joint (%d lignes). Le DIN de la nouvelle "
            "présentation d'apixaban générique change; vérifiez vos profils "
            "d'ordonnances préimprimées.\n\n%s" % (
                fmt_date(ctx.ahead(5, 30), "fr_long"), len(rows) - 1, a.sign(ctx)))
    if ctx.variant == 1:
        text = text.replace("sont dans le fichier joint", "sont ci-dessous") + \
            "\n\n" + "\n".join("  ".join(r) for r in rows)
        atts = []
    else:
        atts = [ctx.csv("formulaire_maj_%s.csv" % ctx.today.strftime("%Y%m"),
                        rows, charset=ctx.pick(["utf-8", "windows-1252"]))]
    return build(ctx, a.box, [to], "Mise à jour – Liste des médicaments",
                 body(ctx, text, attachments=atts))


@negative("guideline-notice", 4)
def drug_shortage(ctx):
    a = staff(ctx, ctx.pick(["cisss_lau", "ciusss_est", "hgm"]),
              title="Pharmacienne, Approvisionnement")
    to = ("Chefs d'unités", "chefs-unites@%s" % a.addr.split("@")[1])
    drug = ctx.pick([("Salbutamol 100 mcg/dose, aérosol doseur", "LT%06d",
                      "Terbutaline 0,5 mg Turbuhaler"),
                     ("Amoxicilline 250 mg/5 mL suspension orale", "K%07d",
                      "Céfuroxime 125 mg/5 mL"),
                     ("Lidocaïne 1 % avec épinéphrine 1:100 000, fiole 30 mL",
                      "%05dA", "Lidocaïne 2 % fiole 5 mL"),
                     ("Furosémide 10 mg/mL injectable, fiole 4 mL", "F%06d",
                      "Bumétanide 0,25 mg/mL")])
    lot = drug[1] % ctx.rng.randint(10000, 99999)
    if ctx.variant == 2:
        text = ("Drug shortage notice\n\nProduct: %s\nAffected lots: %s (exp. "
                "%s)\nExpected resupply: %s\nAlternative: %s - see conversion "
                "table. Please do not stockpile on units.\n\n%s" % (
                    drug[0], lot, ctx.ahead(100, 500).strftime("%Y-%m"),
                    fmt_date(ctx.ahead(20, 90), "en_long"), drug[2],
                    a.sign(ctx, "en", "Pharmacist, Procurement")))
        subj = "Shortage: %s" % drug[0].split(",")[0]
    else:
        text = ("AVIS DE PÉNURIE\n\nProduit : %s\nLot(s) visé(s) : %s, exp. %s\n"
                "Retour prévu : %s\nSubstitut : %s\n\nMerci de ne pas constituer "
                "de réserves sur les unités. Quantités limitées à 2 unités par "
                "commande.\n\n%s" % (
                    drug[0], lot, ctx.ahead(100, 500).strftime("%Y-%m"),
                    fmt_date(ctx.ahead(20, 90), "fr_long"), drug[2], a.sign(ctx)))
        subj = "PÉNURIE – %s" % drug[0].split(",")[0]
    return build(ctx, a.box, [to], subj, body(ctx, text),
                 extra=[("Importance", "high")] if ctx.chance(0.5) else ())


@negative("it-ops", 5)
def it_ticket_asset(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_out", "chu_riv", "cisss_bsl"])
    dom = ORGS[org][1]
    u = staff(ctx, org, title="Technicienne en administration")
    tech = staff(ctx, org, title="Technicien, Soutien TI")
    letters = ctx.pick(["PCQC", "LAPT", "IMPR", "WKST", "SRVR", "TABL", "MONI"])
    tag_ok = nam_shaped(ctx.rng, letters, True)
    tag_bad = nam_shaped(ctx.rng, ctx.pick(["CHRG", "DOCK", "SCAN"]), False)
    tick = ctx.pick(["INC%07d", "RITM%07d", "REQ%08d"]) % ctx.rng.randint(10**6,
                                                                         10**7 - 1)
    v = ctx.variant
    if v == 0:
        text = ("Bonjour %s,\n\nVotre demande %s a été résolue.\n\nActif "
                "remplacé : %s (numéro de série 5CG%07dXQ)\nNouvel actif : %s\n"
                "Station d'accueil : %s\n\nLe poste a été réimagé (Windows 11 "
                "23H2). Vos fichiers du lecteur H: sont intacts.\n\n%s" % (
                    u.given, tick, tag_ok, ctx.rng.randint(0, 10**7),
                    nam_shaped(ctx.rng, letters, True), tag_bad,
                    tech.sign(ctx, title="Soutien TI")))
        subj = "[%s] Résolu – remplacement de poste" % tick
    elif v == 1:
        text = ("Hi %s,\n\nInventory check for the 3rd floor: the following "
                "asset tags were not seen on the network for 90+ days.\n\n%s\n"
                "\nPlease confirm whether they are in storage.\n\n%s" % (
                    u.given, "\n".join("- %s  last seen %s  user %s" % (
                        nam_shaped(ctx.rng, letters, ctx.chance(0.6)),
                        fmt_date(ctx.ago(90, 400), "iso"),
                        ctx.pick(["jdoe01", "mtremb03", "svc_kiosk", "N/A"]))
                        for _ in range(6)), tech.sign(ctx, "en", "IT support")))
        subj = "Asset inventory - unseen devices"
    elif v == 2:
        text = ("Billet %s\nPriorité : 3 – Moyenne\nÉtat : En cours\n\n"
                "Description : L'imprimante %s (IP 10.42.%d.%d) du poste des "
                "infirmières imprime des pages blanches. Bac 2 bloqué.\n"
                "Note du technicien : pièce commandée, bon de commande "
                "PO-%d, ETA %s.\n" % (tick, nam_shaped(ctx.rng, "IMPR", True),
                                      ctx.rng.randint(0, 255),
                                      ctx.rng.randint(1, 254),
                                      ctx.rng.randint(10**5, 10**6),
                                      fmt_date(ctx.ahead(2, 10), "iso")))
        subj = "Mise à jour du billet %s" % tick
    elif v == 3:
        text = ("Bonjour,\n\nLe certificat du serveur %s.%s expire le %s. "
                "Empreinte SHA-1 : %s. Numéro de série : %s.\n\nRenouvellement "
                "planifié dans la fenêtre de maintenance de dimanche 02 h – "
                "04 h.\n\n%s" % (tag_ok.lower(), dom, fmt_date(ctx.ahead(5, 30),
                                                               "iso"),
                                 hashlib.sha1(tag_ok.encode()).hexdigest().upper(),
                                 hashlib.md5(tag_ok.encode()).hexdigest()[:24].upper(),
                                 tech.sign(ctx)))
        subj = "Expiration de certificat – %s" % tag_ok
    else:
        text = ("Salut,\n\nPrêt d'équipement pour la formation :\n"
                "- 4 portables : %s\n- 1 projecteur : %s\n\nÀ rapporter au "
                "local B-012 avant le %s. Merci!\n\n%s" % (
                    ", ".join(nam_shaped(ctx.rng, "LAPT", True) for _ in range(4)),
                    tag_bad, fmt_date(ctx.ahead(3, 12), "fr_long"), tech.name))
        subj = "Prêt d'équipement"
    return build(ctx, tech.box, [u.box], subj, body(ctx, text))


@negative("admin-hr", 3)
def payroll_notice(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_lau", "chu_riv"])
    frm = ("Service de la paie", "paie@%s" % ORGS[org][1])
    to = ("Tout le personnel", "tous@%s" % ORGS[org][1])
    v = ctx.variant
    if v == 0:
        text = ("Bonjour,\n\nLes montants rétroactifs découlant de la nouvelle "
                "convention collective (2023-2028) seront versés sur la paie du "
                "%s. Les taux horaires augmentent de 6 %% au 1er avril 2023, "
                "2,8 %% en 2024 et 2,5 %% en 2025.\n\nVotre talon de paie "
                "(Logibec – Espace employé) détaillera les périodes 2023-01 à "
                "2024-26. Aucun renseignement personnel ne vous sera demandé "
                "par courriel.\n\nService de la paie" % fmt_date(ctx.ahead(7, 21),
                                                                "fr_long"))
        subj = "Versement de la rétroactivité"
    elif v == 1:
        text = ("Rappel : les feuilles de temps de la période %d doivent être "
                "approuvées avant jeudi 12 h. Heures supplémentaires : code "
                "HS-150. Prime de soir : code 0311. Toute correction après la "
                "date limite sera payée à la période suivante." % ctx.rng.randint(
                    1, 26))
        subj = "Approbation des feuilles de temps"
    else:
        text = ("Hello,\n\nThe T4 and Relevé 1 slips for 2024 are now available "
                "in the employee portal. For security reasons, we will never "
                "ask you to send your social insurance number by email. If you "
                "receive such a request, report it to the IT service desk.\n\n"
                "Payroll department")
        subj = "Your 2024 tax slips are available"
    return build(ctx, frm, [to], subj, body(ctx, text))


@negative("meeting-event", 4)
def teams_invite(ctx):
    org = ctx.pick(["ciusss_est", "cisss_bsl", "hgm", "gmf_iles"])
    a = staff(ctx, org)
    inv = [staff(ctx, org) for _ in range(ctx.rng.randint(2, 5))]
    mid = "%03d %03d %03d %03d" % tuple(ctx.rng.randint(100, 999) for _ in range(4))
    pw = "".join(ctx.pick("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                 for _ in range(6))
    conf = "%d %d#" % (ctx.rng.randint(100, 999), ctx.rng.randint(100000000,
                                                                    999999999))
    start = dt.datetime.combine(ctx.ahead(1, 14), dt.time(ctx.rng.randint(8, 15),
                                                          ctx.pick([0, 30])))
    topic = ctx.pick(["Comité de gestion des risques", "Suivi projet DMÉ – "
                      "phase 2", "Rencontre d'équipe SAD", "Comité de pharmacologie",
                      "Huddle hebdomadaire – urgence", "Steering committee - "
                      "HL7 interfaces"])
    en = "Steering" in topic or ctx.variant == 3
    lines = ["________________________________________________________________",
             "Réunion Microsoft Teams" if not en else "Microsoft Teams meeting",
             "Rejoindre sur votre ordinateur, votre application mobile ou votre "
             "appareil de salle" if not en else "Join on your computer, mobile "
             "app or room device",
             "Cliquez ici pour rejoindre la réunion" if not en else
             "Click here to join the meeting",
             "ID de réunion : %s" % mid if not en else "Meeting ID: %s" % mid,
             "Code secret : %s" % pw if not en else "Passcode: %s" % pw,
             "",
             "Ou appelez (audio seulement)" if not en else "Or call in (audio only)",
             "+1 581-555-01%02d,,%s   Canada, Québec" % (ctx.rng.randint(0, 99),
                                                      conf.replace(" ", "")),
             "ID de conférence téléphonique : %s" % conf if not en else
             "Phone conference ID: %s" % conf,
             "________________________________________________________________"]
    intro = ("Bonjour,\n\nOrdre du jour à venir. Merci de lire les documents "
             "avant la rencontre.\n\n" if not en else "Hi all,\n\nAgenda to "
             "follow.\n\n")
    text = intro + "\n".join(lines)
    ics = "\n".join([
        "BEGIN:VCALENDAR", "METHOD:REQUEST", "PRODID:Microsoft Exchange Server 2019",
        "VERSION:2.0", "BEGIN:VEVENT",
        "ORGANIZER;CN=%s:mailto:%s" % (strip_accents(a.name), a.addr),
        "SUMMARY;LANGUAGE=fr-CA:%s" % topic,
        "DTSTART;TZID=Eastern Standard Time:%s" % start.strftime("%Y%m%dT%H%M%S"),
        "DTEND;TZID=Eastern Standard Time:%s" % (start + dt.timedelta(hours=1)
                                                 ).strftime("%Y%m%dT%H%M%S"),
        "UID:%s" % irt(ctx, "uid"), "LOCATION:Réunion Microsoft Teams",
        "DTSTAMP:%s" % ctx.when.strftime("%Y%m%dT%H%M%SZ"),
        "END:VEVENT", "END:VCALENDAR", ""])
    mime = Multi("alternative", [
        Leaf("text/plain", text, "utf-8", "quoted-printable"),
        Leaf("text/html", text_to_html(text, outlook=True), "utf-8",
             "quoted-printable"),
        Leaf("text/calendar", ics, "utf-8", "base64", params=[("method",
                                                               "REQUEST")])])
    return build(ctx, a.box, [i.box for i in inv], topic, mime,
                 extra=[("X-MS-Exchange-Organization-AuthAs", "Internal")]
                 if ctx.chance(0.3) else ())


@negative("purchasing-logistics", 5)
def courier(ctx):
    co = ctx.pick([("Purolator", 12), ("Postes Canada", 16), ("UPS", 0),
                   ("FedEx", 12)])
    frm = ("%s – Avis d'expédition" % co[0], "noreply@%s-notifs.example" %
           ascii_local(co[0]).replace("-", ""))
    u = staff(ctx, ctx.pick(["chu_riv", "cisss_at", "ciusss_est"]),
              title="Magasinier")
    if co[0] == "UPS":
        trk = "1Z%03dV%011d" % (ctx.rng.randint(100, 999),
                                ctx.rng.randint(10**10, 10**11 - 1))
    else:
        trk = "".join(ctx.pick("0123456789") for _ in range(co[1]))
    v = ctx.variant
    items = ctx.rng.sample([
        ("Gants nitrile M, boîte de 100", "SKU 56-%05d"),
        ("Seringues 10 mL Luer-Lock", "REF 30%04d"),
        ("Cathéters IV 20G x 1,16 po", "SKU BD-%06d"),
        ("Bandelettes glycémie (50)", "SKU GL-%05d"),
        ("Masques N95 1870+", "REF 1870-%04d"),
        ("Cartouche toner HP 58X", "SKU CF258-%04d")], 3)
    lines = ["- %s  (%s) x %d" % (i[0], i[1] % ctx.rng.randint(1000, 9999),
                                 ctx.rng.randint(1, 40)) for i in items]
    text = ("Votre colis est en route!\n\nNuméro de suivi : %s\nCommande : "
            "CMD-%d\nLivraison prévue : %s avant 17 h\nDestinataire : %s, "
            "Quai de réception, %s\n\nContenu :\n%s\n\nSuivez votre envoi en "
            "ligne." % (trk, ctx.rng.randint(10**6, 10**7), fr_day(ctx.ahead(1, 4)),
                        u.name, address(ctx.rng), "\n".join(lines)))
    if v == 3:
        text = ("Your package has shipped.\n\nTracking number: %s\nOrder: "
                "PO-%d\nEstimated delivery: %s\n\nItems:\n%s" % (
                    trk, ctx.rng.randint(10**5, 10**6), en_day(ctx.ahead(1, 4)),
                    "\n".join(lines)))
    return build(ctx, frm, [u.box], ctx.pick(["Avis d'expédition", "Votre colis "
                                             "est en route", "Shipment notification"
                                             if v == 3 else "Livraison prévue"]),
                 body(ctx, text, style=ctx.pick(["html", "alt"])))


@negative("purchasing-logistics", 4)
def purchase_order(ctx):
    a = staff(ctx, ctx.pick(["cisss_bsl", "ciusss_mcq", "chu_riv"]),
              title="Agente d'approvisionnement")
    vend = ctx.pick(["Fournitures Médic Plus", "Distribution Santé Nordique",
                     "MedSupply Canada"])
    vdom = ascii_local(vend.replace(" ", "")) + ".example"
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, vdom))
    rows = [["Code produit", "Description", "Lot", "Expiration", "Qté",
             "Prix unitaire", "GTIN"]]
    for _ in range(ctx.rng.randint(4, 8)):
        gtin = luhn_complete("%013d" % ctx.rng.randint(10**12, 10**13 - 1))
        rows.append(["%s%08d" % (ctx.pick(["MDS", "CARD", "BDX", "KIMB"]),
                                 ctx.rng.randint(0, 99999999)),
                     ctx.pick(["Pansement Mepilex Border 10x10",
                               "Sonde Foley 16 Fr", "Tubulure de perfusion",
                               "Électrodes ECG adulte", "Aiguille hypodermique 25G",
                               "Chlorhexidine 2 % / alcool 70 %"]),
                     "%s%05d" % (ctx.pick(["L", "LOT", "2K"]),
                                 ctx.rng.randint(0, 99999)),
                     ctx.ahead(200, 1200).strftime("%Y-%m-%d"),
                     str(ctx.rng.randint(1, 500)),
                     "%.2f" % ctx.rng.uniform(0.1, 95), gtin])
    po = "BC-%d-%05d" % (ctx.today.year, ctx.rng.randint(0, 99999))
    text = ("Bonjour %s,\n\nVeuillez trouver ci-joint le bon de commande %s. "
            "Livraison au quai B, %s. Merci d'indiquer le numéro de bon de "
            "commande sur la facture et le bordereau.\n\n%s" % (
                g, po, ORGS["cisss_bsl"][0] if "bsl" in a.addr else a.org_name,
                a.sign(ctx)))
    atts = [ctx.csv("%s.csv" % po, rows)]
    if ctx.variant == 1:
        atts.append(ctx.pdf("%s.pdf" % po, ["BON DE COMMANDE %s" % po, ""] +
                            [" | ".join(r) for r in rows]))
    return build(ctx, a.box, [to], "Bon de commande %s" % po,
                 body(ctx, text, attachments=atts))


@negative("meeting-event", 3)
def conference_program(ctx):
    frm = ("Comité organisateur – Colloque", "colloque@%s" % ctx.pick(
        ["ciusss-estrie.example", "chu-riviere.example"]))
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL[:2] +
                                                  ["cisss-outaouais.example"])))
    day = ctx.ahead(20, 80)
    talks = []
    t = dt.datetime.combine(day, dt.time(8, 30))
    titles = ["Conférence d'ouverture : l'IA au chevet du patient",
              "Soins de plaies complexes en SAD", "Délirium : prévenir plutôt "
              "que guérir", "Le virage numérique du DSQ", "Santé autochtone et "
              "sécurisation culturelle", "Pause réseautage", "Antibiogouvernance "
              "en CHSLD", "Table ronde : pénurie de main-d'œuvre"]
    for title in titles[:ctx.rng.randint(5, 8)]:
        spk = make_staff(ctx.rng)
        who = "" if "Pause" in title else " – %s %s, %s" % (
            spk[0], spk[1], ctx.pick(["inf., M. Sc.", "M.D., FRCPC", "Ph. D.",
                                      "pharm., M. Sc.", "T.S."]))
        talks.append("%s  %s%s" % (t.strftime("%H h %M"), title, who))
        t += dt.timedelta(minutes=ctx.pick([30, 45, 60]))
    text = ("Programme du %de colloque régional en soins infirmiers\n%s – "
            "Centre des congrès de %s\n\n%s\n\nInscription : 125 $ (membres), "
            "7 heures de formation accréditée.\n" % (
                ctx.rng.randint(5, 30), fr_day(day).capitalize(), ctx.pick(TOWNS),
                "\n".join(talks)))
    atts = []
    if ctx.variant == 1:
        atts.append(ctx.docx("Programme_colloque.docx", ["# Programme"] + talks))
    elif ctx.variant == 2:
        atts.append(ctx.pdf("programme.pdf", ["PROGRAMME"] + talks))
    return build(ctx, frm, [to], "Programme du colloque", body(
        ctx, text, attachments=atts,
        related=[ctx.png("logo.png")] if ctx.variant == 0 else ()))


@negative("research", 3)
def ethics_protocol(ctx):
    a = staff(ctx, "chu_riv", title="Coordonnatrice, Comité d'éthique de la "
              "recherche")
    inv = staff(ctx, "chu_riv", title="Chercheur principal")
    proj = "MP-%02d-%d-%03d" % (ctx.rng.randint(10, 40), ctx.today.year,
                                ctx.rng.randint(1, 999))
    if ctx.variant == 2:
        text = ("Dear Dr. %s,\n\nThe REB reviewed protocol %s (\"Early "
                "mobilisation after hip fracture in adults aged 65 and "
                "older: a pragmatic cluster trial\") on %s. Decision: approved "
                "with minor modifications.\n\n- Sample size: 240 participants "
                "across 6 sites\n- Consent form: simplify section 7 (data "
                "retention 25 years)\n- Data: coded with a site prefix; the key "
                "stays at each site and is never transmitted to the sponsor\n\n"
                "%s" % (inv.surname, proj, fmt_date(ctx.ago(3, 10), "en_long"),
                        a.sign(ctx, "en", "REB coordinator")))
        subj = "REB decision - %s" % proj
    else:
        text = ("Bonjour Dr %s,\n\nRésumé de l'évaluation du projet %s par le "
                "CER le %s :\n\nTitre : Effet d'une intervention infirmière "
                "sur le délirium post-opératoire chez les 70 ans et plus\n"
                "Devis : essai randomisé, 2 bras, n = 312\nCritères "
                "d'inclusion : 70 ans et plus, chirurgie orthopédique élective, "
                "MoCA >= 18\nRisques : minimes\nConfidentialité : les "
                "participants seront identifiés par un code (ex. DEL-001); la "
                "liste maîtresse sera conservée sous clé.\n\nDécision : "
                "approbation conditionnelle.\n\n%s" % (
                    inv.surname, proj, fmt_date(ctx.ago(3, 10), "fr_long"),
                    a.sign(ctx)))
        subj = "Décision du CER – %s" % proj
    return build(ctx, a.box, [inv.box], subj, body(ctx, text))


@negative("admin-hr", 3)
def training_birthdays(ctx):
    org = ctx.pick(["cisss_lau", "ciusss_mcq", "gmf_vallee"])
    a = staff(ctx, org, "F", "Agente de gestion du personnel")
    to = ("Équipe SAD", "equipe-sad@%s" % ORGS[org][1])
    emps = [make_person(ctx.rng, age=(22, 63), at=ctx.today) for _ in range(6)]
    month = ctx.today.month
    bdays = "\n".join("- %s : %d %s" % (e.full, e.dob.day, MONTHS_FR[month - 1])
                      for e in emps[:3])
    sched = "\n".join("%s – %s : %s" % (
        fr_day(ctx.ahead(3, 30)).capitalize(), e.full,
        ctx.pick(["RCR (BLS) – recertification", "PDSB – déplacements "
                  "sécuritaires", "Oméga – prévention de la violence",
                  "Formation Lyra (DMÉ)", "Hygiène des mains"]))
        for e in emps[3:])
    if ctx.variant == 2:
        text = ("Bonjour à tous!\n\nCalendrier des formations obligatoires :\n%s"
                "\n\nEt on souligne les anniversaires du mois :\n%s\n\nGâteau "
                "vendredi à 14 h 30 à la salle du personnel!\n\n%s" % (
                    sched, "\n".join("- %s, né%s le %s" % (
                        e.full, e.e, fmt_date(e.dob, "fr_long"))
                        for e in emps[:2]), a.name))
    else:
        text = ("Bonjour à tous!\n\nCalendrier des formations obligatoires :\n%s"
                "\n\nAnniversaires du mois de %s :\n%s\n\nGâteau vendredi à "
                "14 h 30!\n\n%s" % (sched, MONTHS_FR[month - 1], bdays, a.name))
    return build(ctx, a.box, [to], ctx.pick(["Formations et anniversaires",
                                             "Nouvelles de l'équipe"]),
                 body(ctx, text))


@negative("newsletter-social", 2)
def condolence(ctx):
    org = ctx.pick(["cisss_bsl", "ciusss_est"])
    a = staff(ctx, org, title="Directrice des soins infirmiers")
    to = ("Personnel – Direction des soins infirmiers", "dsi@%s" % ORGS[org][1])
    col = make_staff(ctx.rng)
    rel = ctx.pick(["du père", "de la mère", "du conjoint", "de la sœur"])
    role = "infirmière-chef" if col[2] == "F" else "infirmier-chef"
    text = ("Chères collègues, chers collègues,\n\nC'est avec tristesse que nous "
            "vous annonçons le décès %s de notre collègue %s %s, %s au 4e "
            "étage depuis 18 ans. Les funérailles auront lieu le %s à l'église "
            "de %s.\n\nUne carte de condoléances circule au poste des "
            "infirmières. Nos pensées accompagnent %s et sa famille.\n\n%s" % (
                rel, col[0], col[1], role, fr_day(ctx.ahead(3, 8)),
                ctx.pick(TOWNS), col[0], a.sign(ctx)))
    return build(ctx, a.box, [to], "Condoléances", body(ctx, text))


@negative("newsletter-social", 3)
def fundraising_newsletter(ctx):
    frm = ("Fondation %s" % ctx.pick(["du CHU de la Rivière",
                                      "de l'Hôpital de Matane",
                                      "Santé Haute-Côte"]),
           "info@fondation-sante.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    donors = ["%s %s" % make_staff(ctx.rng)[:2] for _ in range(4)]
    goal = ctx.rng.randint(200, 900) * 1000
    got = int(goal * ctx.rng.uniform(0.4, 0.95)) // 100 * 100
    html = ('<html><body style="font-family:Georgia,serif;color:#333">'
            '<img src="cid:logo.png@01DB0000.00000000" alt="Fondation" width="24">'
            '<h1 style="color:#005493">Campagne Cœur d\'or %d</h1>'
            '<p>Grâce à vous, %s $ ont été amassés sur notre objectif de %s $ '
            'pour l\'achat d\'un nouveau tomodensitomètre.</p>'
            '<h2>Merci à nos grands donateurs</h2><ul>%s</ul>'
            '<p>Soirée-bénéfice le %s – billets 150 $ (reçu fiscal 90 $).</p>'
            '<p style="font-size:11px">Numéro d\'enregistrement d\'organisme de '
            'bienfaisance : %s RR0001. <a href="https://fondation-sante.example/'
            'desabonnement">Se désabonner</a></p></body></html>\n' % (
                ctx.today.year, "{:,}".format(got).replace(",", " "),
                "{:,}".format(goal).replace(",", " "),
                "".join("<li>%s</li>" % esc(d) for d in donors),
                fmt_date(ctx.ahead(20, 60), "fr_long"), make_bn(ctx.rng)))
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"[ ]+", " ", text).strip()
    return build(ctx, frm, [to], "Infolettre de la Fondation – %s %d" % (
        MONTHS_FR[ctx.today.month - 1], ctx.today.year),
        body(ctx, text, html=html, style="alt", related=[ctx.png("logo.png")]),
        extra=[("List-Unsubscribe", "<https://fondation-sante.example/"
                                    "desabonnement>")])

@negative("it-ops", 4)
def phishing_test(ctx):
    v = ctx.variant
    g, s, sx = make_staff(ctx.rng)
    org = ctx.pick(["ciusss_mcq", "cisss_lau", "hgm", "chu_riv"])
    to = ("%s %s" % (g, s), addr_of(g, s, ORGS[org][1]))
    if v == 0:
        frm = ("Service de messagerie", "admin@mailbox-quota-alerte.example")
        text = ("Votre boîte aux lettres a atteint 98 %% de sa capacité.\n\n"
                "Pour éviter la perte de vos courriels, validez votre compte "
                "dans les 24 heures :\nhttps://mailbox-quota-alerte.example/"
                "valider?id=%d\n\nÉquipe TI" % ctx.rng.randint(10**6, 10**7))
        subj = "ACTION REQUISE : votre boîte aux lettres est pleine"
    elif v == 1:
        frm = ("RAMQ - Remboursement", "remboursement@ramq-paiement.example")
        text = ("Bonjour,\n\nVous avez droit à un remboursement de 248,50 $ "
                "pour des frais médicaux. Pour le recevoir, confirmez vos "
                "informations (numéro d'assurance maladie, date de naissance et "
                "coordonnées bancaires) sur notre portail sécurisé avant le %s."
                "\n\nRégie de l'assurance maladie" % fmt_date(ctx.ahead(1, 3),
                                                              "fr_long"))
        subj = "Avis de remboursement – action requise"
    elif v == 2:
        frm = ("DocuSign", "dse@docusign-signature.example")
        text = ("%s vous a envoyé un document à signer : \"Entente salariale "
                "2025.pdf\"\n\nREVOIR LE DOCUMENT\n\nCe message a été envoyé "
                "dans le cadre d'une simulation d'hameçonnage de la Direction "
                "des ressources informationnelles." % make_staff(ctx.rng)[0])
        subj = "Document en attente de signature"
    else:
        frm = ("Sécurité de l'information", "securite-info@%s" % ORGS[org][1])
        text = ("Bonjour,\n\nVous avez cliqué sur le lien de la campagne de "
                "simulation d'hameçonnage du %s. Pas de panique : il s'agissait "
                "d'un exercice. Veuillez suivre la capsule de formation de 10 "
                "minutes (lien intranet) d'ici 30 jours.\n\nIndices qui auraient "
                "dû vous alerter : expéditeur externe, urgence artificielle, "
                "demande de NAM et de date de naissance par courriel.\n\n"
                "Sécurité de l'information" % fmt_date(ctx.ago(1, 5), "fr_long"))
        subj = "Simulation d'hameçonnage – résultat"
    return build(ctx, frm, [to], subj, body(ctx, text, style=ctx.pick(["html",
                                                                       "alt"])))


@negative("template-spec", 4)
def template_placeholders(ctx):
    org = ctx.pick(["ciusss_est", "cisss_bsl", "gmf_vallee", "chu_riv"])
    a = staff(ctx, org, title="Agente de la gestion de l'information")
    to = ("Secrétaires médicales", "secretariat@%s" % ORGS[org][1])
    v = ctx.variant
    form = ["# Demande de consultation – gabarit",
            "Nom de l'usager : ____________________",
            "Date de naissance : AAAA-MM-JJ",
            "NAM : XXXX 0000 0000   Exp. : AAAA-MM",
            "No de dossier : ________",
            "Raison de la demande : ____________________",
            "Priorité : A  B  C  D  E",
            "Médecin référent : ____________  No de permis : 0-00000"]
    if v == 0:
        att = ctx.docx("Gabarit_demande_consultation_v3.docx", form, "Gabarit")
        text = ("Bonjour,\n\nNouvelle version du gabarit de demande de "
                "consultation, à utiliser à partir de lundi. Les champs NAM et "
                "date de naissance sont maintenant obligatoires (format "
                "XXXX 0000 0000 et AAAA-MM-JJ).\n\n%s" % a.sign(ctx))
        atts = [att]
        subj = "Nouveau gabarit – demande de consultation"
    elif v == 1:
        text = ("Bonjour,\n\nRappel du format de lettre de rendez-vous "
                "(modèle MDL-12) :\n\n« Bonjour {prenom} {nom},\nVotre "
                "rendez-vous avec {medecin} est prévu le {date_rv} à {heure}.\n"
                "Numéro d'assurance maladie : {nam}\nDate de naissance : "
                "{ddn} »\n\nNe jamais remplacer les champs à la main : la "
                "fusion se fait dans le DMÉ.\n\n%s" % a.sign(ctx))
        atts = []
        subj = "Modèle de lettre de rendez-vous"
    elif v == 2:
        atts = [ctx.pdf("liste_patients_confidentiel.pdf",
                        ["LISTE DES PATIENTS – FORMULAIRE VIERGE", "",
                         "Nom | Prénom | DDN | NAM | Motif",
                         "____ | ____ | ____ | ____ | ____",
                         "____ | ____ | ____ | ____ | ____",
                         "", "Ne pas transmettre par courriel une fois rempli."])]
        text = ("Voici le formulaire vierge demandé pour la clinique "
                "mobile.\n\n%s" % a.name)
        subj = "Formulaire vierge"
    else:
        atts = [ctx.csv("import_patients_MODELE.csv",
                        [["nom", "prenom", "date_naissance", "nam", "sexe",
                          "telephone"],
                         ["NOM", "Prénom", "AAAA-MM-JJ", "XXXX00000000", "F/M/X",
                          "000 000-0000"]])]
        text = ("Hi,\n\nHere is the import template for the new scheduling "
                "tool. First row is the header, second row shows the expected "
                "formats. Please don't send real data to the vendor for testing."
                "\n\n%s" % a.sign(ctx, "en", "Information management"))
        subj = "Import template (CSV)"
    return build(ctx, a.box, [to], subj, body(ctx, text, attachments=atts))


@negative("template-spec", 3)
def hl7_spec_empty(ctx):
    a = staff(ctx, ctx.pick(["chu_riv", "ciusss_cn"]), title="Architecte d'intégration")
    g, s, _ = make_staff(ctx.rng)
    ven = ("%s %s" % (g, s), addr_of(g, s, "interop-nord.example"))
    ts = "20250101120000"
    v = ctx.variant
    if v == 2:
        msg = ("MSH|^~\\&|SIH-ADT|CHRIV|LABO|CHRIV|%s||ACK^A01^ACK|%d|P|2.5.1\r"
               "MSA|AA|%08d|Message accepte\r" % (ts, ctx.rng.randint(10**5, 10**6),
                                                  ctx.rng.randint(0, 10**7)))
        att = ctx.attach("ack_exemple.hl7", msg.encode(), "application/hl7-v2", msg)
        text = ("Bonjour %s,\n\nExemple d'ACK attendu (aucun segment PID). "
                "MSA-1 = AA, AE ou AR.\n\n%s" % (g, a.sign(ctx)))
        subj = "Format ACK attendu"
    else:
        msg = "\r".join([
            "MSH|^~\\&|<app_emettrice>|<etab>|<app_receptrice>|<etab>|"
            "AAAAMMJJHHMMSS||ADT^A01^ADT_A01|<id_controle>|P|2.5.1",
            "EVN|A01|AAAAMMJJHHMMSS",
            "PID|1||^^^^MR~^^^QC^JHN||^^^^^^L||||||^^^^^CAN||||||",
            "PV1|1|I|^^^||||^^^^^DR|||||||||||||||"]) + "\r"
        att = ctx.attach("Specification_ADT_v2.5.1_gabarit.hl7", msg.encode(),
                         "text/plain", msg)
        text = ("Bonjour %s,\n\nVoici le gabarit de message ADT^A01 de notre "
                "spécification d'interface (section 4.2). Tous les champs PID "
                "sont vides volontairement : PID-3 contient deux répétitions "
                "(MR puis JHN), PID-5 nom^prénom, PID-7 AAAAMMJJ.\n\n"
                "Aucune donnée réelle ne doit circuler dans l'environnement de "
                "test; utilisez le générateur de l'INSPQ.\n\n%s" % (g, a.sign(ctx)))
        subj = "Spécification ADT – gabarit"
    return build(ctx, a.box, [ven], subj, body(ctx, text, attachments=[att]))


@negative("template-spec", 3)
def fhir_practitioner_org(ctx):
    a = staff(ctx, "ciusss_cn", title="Analyste, Interopérabilité")
    b = staff(ctx, "ciusss_cn", title="Développeur")
    doc = make_staff(ctx.rng)
    if ctx.variant != 1:
        res = {"resourceType": "Practitioner", "id": "prac-%d" % ctx.rng.randint(
            100, 999),
            "identifier": [{"system": "https://fhir.infoway-inforoute.ca/"
                            "NamingSystem/ca-qc-license-physician",
                            "value": "%d-%05d" % (ctx.rng.randint(1, 2),
                                                  ctx.rng.randint(0, 99999))}],
            "name": [{"family": doc[1], "given": [doc[0]], "prefix": ["Dr"]}],
            "telecom": [{"system": "phone", "value": ctx.phone(), "use": "work"}],
            "qualification": [{"code": {"text": "Médecine familiale"}}]}
    else:
        res = {"resourceType": "Organization", "id": "org-gmf-%d" %
               ctx.rng.randint(100, 999),
               "identifier": [{"system": "urn:oid:2.16.124.10.101.1.60.104",
                               "value": "%08d" % ctx.rng.randint(0, 10**8)}],
               "name": ctx.pick(list(ORGS.values()))[0],
               "address": [{"line": ["%d, %s" % (ctx.rng.randint(10, 999),
                                                  ctx.pick(STREETS))],
                            "city": ctx.pick(TOWNS), "state": "QC",
                            "postalCode": ctx.pick(POSTAL)}]}
    js = json.dumps(res, indent=2, ensure_ascii=False)
    att = ctx.attach("%s.json" % res["id"], js.encode("utf-8"),
                     "application/fhir+json", js)
    text = ("Salut %s,\n\nExemple de ressource %s pour le répertoire des "
            "prestataires (aucune donnée patient). Le profil exige "
            "l'identifiant du permis.\n\n%s" % (b.given, res["resourceType"],
                                                  a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Ressource FHIR %s – exemple" %
                 res["resourceType"], body(ctx, text, attachments=[att]))


@negative("admin-hr", 3)
def on_call_schedule(ctx):
    org = ctx.pick(["cisss_at", "hgm", "ciusss_mcq"])
    a = staff(ctx, org, title="Adjointe administrative, DSP")
    to = ("Téléphonistes", "standard@%s" % ORGS[org][1])
    specs = ["Médecine interne", "Chirurgie générale", "Anesthésie",
             "Pédiatrie", "Psychiatrie", "Radiologie", "Obstétrique"]
    start = ctx.ahead(1, 7)
    lines = []
    for sp in specs:
        d = make_staff(ctx.rng)
        lines.append("%-20s %s %s %s  cell. %s  pagette %d" % (
            sp, "Dre" if d[2] == "F" else "Dr", d[0], d[1], ctx.phone(),
            ctx.rng.randint(1000, 9999)))
    en = ctx.variant == 2
    text = ("%s\n\n%s\n\n%s" % (
        ("On-call roster, week of %s" % fmt_date(start, "en_long")) if en else
        ("Liste de garde – semaine du %s" % fmt_date(start, "fr_long")),
        "\n".join(lines), a.sign(ctx, "en" if en else "fr")))
    return build(ctx, a.box, [to], "On-call list" if en else "Liste de garde",
                 body(ctx, text, style="plain"))


@negative("aggregate-stats", 3)
def bed_occupancy(ctx):
    org = ctx.pick(["cisss_out", "ciusss_cn", "cisss_lau"])
    frm = ("Tableau de bord – Gestion des lits", "gdl-noreply@%s" % ORGS[org][1])
    to = ("Gestionnaires", "gestionnaires@%s" % ORGS[org][1])
    rows = []
    for u in ["Urgence", "Médecine", "Chirurgie", "USI", "Gériatrie",
              "Psychiatrie", "Obstétrique"]:
        cap = ctx.rng.randint(8, 60)
        occ = min(cap + ctx.rng.randint(-6, 8), cap + 8)
        rows.append((u, cap, occ, round(100 * occ / cap), ctx.rng.randint(0, 9)))
    text = ("Situation des lits – %s 7 h\n\nUnité        Lits  Occupés  Taux   "
            "NSA\n%s\n\nPatients sur civière à l'urgence : %d (DMS civière "
            "%.1f h)\nPatients > 24 h à l'urgence : %d\n" % (
                fmt_date(ctx.today, "iso"), "\n".join(
                    "%-12s %4d %8d %5d %% %5d" % r for r in rows),
                ctx.rng.randint(10, 60), ctx.rng.uniform(12, 30),
                ctx.rng.randint(0, 20)))
    return build(ctx, frm, [to], "Situation des lits %s" % fmt_date(ctx.today,
                                                                    "iso"),
                 body(ctx, text, style="plain"))


@negative("newsletter-social", 2)
def cafeteria_menu(ctx):
    org = ctx.pick(["chu_riv", "cisss_bsl"])
    frm = ("Service alimentaire", "cafeteria@%s" % ORGS[org][1])
    to = ("Tout le personnel", "tous@%s" % ORGS[org][1])
    days = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"]
    plats = ["Pâté chinois", "Saumon teriyaki", "Chili végé", "Poulet au beurre",
             "Lasagne", "Tourtière du Lac", "Pad thaï", "Fish and chips",
             "Soupe aux pois et sandwich jambon", "Bol poké tofu"]
    lines = ["%s : %s (%.2f $) – soupe du jour : %s" % (
        d, ctx.pick(plats), ctx.rng.uniform(6, 11), ctx.pick(
            ["crème de brocoli", "minestrone", "poulet et nouilles",
             "carottes-gingembre"])) for d in days]
    text = ("Menu de la semaine du %s\n\n%s\n\nAllergènes : demandez au "
            "comptoir. Nouveau : paiement par carte d'employé.\n" % (
                fmt_date(ctx.ahead(1, 6), "fr_long"), "\n".join(lines)))
    atts = [ctx.pdf("menu_semaine.pdf", ["MENU"] + lines)] if ctx.variant else []
    return build(ctx, frm, [to], "Menu de la cafétéria", body(ctx, text,
                                                              attachments=atts))


@negative("admin-hr", 2)
def parking(ctx):
    org = ctx.pick(["ciusss_est", "hgm"])
    frm = ("Stationnement", "stationnement@%s" % ORGS[org][1])
    g, s, sx = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ORGS[org][1]))
    plate = "%s%d %s" % (ctx.pick("ABCDEFGHJKLMNPRSTVWXYZ"), ctx.rng.randint(10, 99),
                         "".join(ctx.pick("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(3)))
    text = ("Bonjour %s,\n\nVotre vignette de stationnement (no %06d, "
            "stationnement P3) arrive à échéance le %s. Plaque inscrite : %s. "
            "Matricule : %d. Le renouvellement (retenue à la source de 38,40 $ "
            "par période) se fera automatiquement sauf avis contraire.\n\n"
            "Service du stationnement" % (g, ctx.rng.randint(0, 999999),
                                          fmt_date(ctx.ahead(10, 40), "fr_long"),
                                          plate, ctx.rng.randint(100000, 999999)))
    if ctx.variant == 1:
        text = ("Hello %s,\n\nYour parking permit %06d (lot P3) expires on %s. "
                "Licence plate on file: %s. Employee no. %d.\n\nParking office" % (
                    g, ctx.rng.randint(0, 999999), fmt_date(ctx.ahead(10, 40),
                                                            "en_long"),
                    plate, ctx.rng.randint(100000, 999999)))
    return build(ctx, frm, [to], "Vignette de stationnement" if not ctx.variant
                 else "Parking permit renewal", body(ctx, text))


@negative("deidentified-clinical", 3)
def outbreak_notice_aggregate(ctx):
    org = ctx.pick(["cisss_lau", "ciusss_mcq", "cisss_bsl"])
    a = staff(ctx, org, title="Conseillère en prévention et contrôle des infections")
    to = ("Tout le personnel – %s" % ctx.pick(["CH régional", "CHSLD des Pins"]),
          "personnel@%s" % ORGS[org][1])
    bug = ctx.pick(["Clostridioides difficile", "norovirus", "influenza A",
                    "SARM", "COVID-19"])
    text = ("Bonjour,\n\nUne éclosion de %s est déclarée à l'unité %s depuis le "
            "%s : %d cas chez les usagers et %d chez le personnel. Mesures :\n"
            "- Précautions additionnelles contact renforcées\n- Nettoyage au "
            "chlore 5000 ppm deux fois par jour\n- Visites limitées à un proche "
            "aidant\n- Aucun transfert sans l'accord de la PCI\n\nMerci de "
            "votre vigilance.\n\n%s" % (
                bug, ctx.pick(["4B", "3 Ouest", "2e étage", "USI"]),
                fmt_date(ctx.ago(1, 6), "fr_long"), ctx.rng.randint(2, 9),
                ctx.rng.randint(0, 4), a.sign(ctx)))
    return build(ctx, a.box, [to], "Avis d'éclosion – %s" % bug, body(ctx, text))


@negative("admin-hr", 2)
def job_posting(ctx):
    org = ctx.pick(["cisss_at", "ciusss_est"])
    frm = ("Recrutement", "carrieres@%s" % ORGS[org][1])
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Affichage no %d-%04d\n\nInfirmière clinicienne / infirmier "
            "clinicien – Urgence (%s)\nStatut : temps complet permanent, "
            "rotation jour-soir\nSalaire : 30,58 $ à 54,38 $ de l'heure\n"
            "Exigences : baccalauréat en sciences infirmières, membre de "
            "l'OIIQ, ACLS un atout\nDate limite : %s\n\nPostulez en ligne." % (
                ctx.today.year, ctx.rng.randint(0, 9999), ctx.pick(TOWNS),
                fmt_date(ctx.ahead(7, 21), "fr_long")))
    return build(ctx, frm, [to], "Nouvelle offre d'emploi correspondant à votre "
                 "profil", body(ctx, text, style=ctx.pick(["html", "alt"])))


@negative("meeting-event", 3)
def committee_minutes(ctx):
    org = ctx.pick(["chu_riv", "cisss_out", "gmf_vallee"])
    a = staff(ctx, org, title="Secrétaire du comité")
    to = ("Membres du comité", "comite@%s" % ORGS[org][1])
    members = ["%s %s" % make_staff(ctx.rng)[:2] for _ in range(5)]
    text = ("Compte rendu – %s du %s\n\nPrésences : %s\nAbsence : %s\n\n"
            "1. Adoption de l'ordre du jour : adopté.\n2. Suivi : la politique "
            "sur la gestion des accès au DMÉ (PO-DRI-014) sera présentée au CA "
            "du %s.\n3. Bilan des audits d'accès : 3 accès non justifiés "
            "identifiés au trimestre; dossiers transmis aux ressources humaines "
            "(aucun détail nominatif au compte rendu).\n4. Varia : remplacement "
            "des télécopieurs d'ici %d.\n\nProchaine rencontre : %s.\n\n%s" % (
                ctx.pick(["CMDP", "Comité de sécurité de l'information",
                          "Comité des usagers"]), fmt_date(ctx.ago(2, 10), "fr_long"),
                ", ".join(members[:4]), members[4],
                fmt_date(ctx.ahead(10, 40), "fr_long"), ctx.today.year + 1,
                fmt_date(ctx.ahead(30, 60), "fr_long"), a.sign(ctx)))
    atts = []
    if ctx.variant == 1:
        atts.append(ctx.docx("CR_comite_%s.docx" % ctx.today.strftime("%Y%m%d"),
                             text.split("\n")))
    return build(ctx, a.box, [to], "Compte rendu de la rencontre",
                 body(ctx, text, attachments=atts))


@negative("purchasing-logistics", 4)
def vendor_invoice_bn(ctx):
    vend = ctx.pick(["Buanderie Blanchette inc.", "Entretien Ménager Pro",
                     "Solutions Biomédicales Laval", "Traiteur Le Gourmet"])
    vdom = ascii_local(vend.split()[0] + vend.split()[1]) + ".example"
    frm = ("Facturation – %s" % vend, "facturation@%s" % vdom)
    a = staff(ctx, ctx.pick(["cisss_bsl", "ciusss_mcq"]), title="Comptes fournisseurs")
    bn = make_bn(ctx.rng)
    qst = "%010d" % ctx.rng.randint(10**9, 10**10 - 1)
    inv = "F-%d" % ctx.rng.randint(100000, 999999)
    amt = ctx.rng.uniform(300, 24000)
    lines = ["FACTURE %s" % inv, "Date : %s" % fmt_date(ctx.today, "iso"),
             "Client : %s – Comptes fournisseurs" % a.org_name,
             "Bon de commande : BC-%d-%05d" % (ctx.today.year, ctx.rng.randint(0, 99999)),
             "", "Sous-total : %.2f $" % amt,
             "TPS (5 %%) no %s RT0001 : %.2f $" % (bn, amt * 0.05),
             "TVQ (9,975 %%) no %s TQ0001 : %.2f $" % (qst, amt * 0.09975),
             "Total : %.2f $" % (amt * 1.14975), "",
             "Paiement net 30 jours. Dépôt direct : transit %05d, institution "
             "%03d, compte %07d." % (ctx.rng.randint(0, 99999), ctx.rng.randint(1, 999),
                                    ctx.rng.randint(0, 9999999))]
    if ctx.variant == 2:
        lines.append("NEQ : %d" % ctx.rng.randint(1140000000, 1179999999))
    v = ctx.variant
    if v in (0, 3):
        att = ctx.pdf("Facture_%s.pdf" % inv, lines)
        text = ("Bonjour,\n\nVeuillez trouver ci-jointe notre facture %s.\n\n"
                "Numéro d'entreprise : %s\n\nMerci de votre confiance,\n%s" % (
                    inv, bn, vend))
        mime = body(ctx, text, attachments=[att])
    else:
        mime = body(ctx, "\n".join(lines) + "\n\n" + vend)
    return build(ctx, frm, [a.box], "Facture %s" % inv, mime)


@negative("deidentified-clinical", 4)
def anonymized_case(ctx):
    org = ctx.pick(["gmf_vallee", "chu_riv", "ciusss_est", "hgm"])
    a = staff(ctx, org, title="Médecin enseignant")
    to = ("Résidents", "residents@%s" % ORGS[org][1])
    v = ctx.variant
    if v == 0:
        text = ("Bonjour à tous,\n\nCas pour la réunion scientifique de jeudi "
                "(dépersonnalisé) :\n\nHomme de 72 ans, ancien fumeur, consulte "
                "pour dyspnée progressive sur 3 mois et perte de 8 kg. "
                "Hippocratisme digital. Radiographie : masse hilaire droite de "
                "4 cm. Na 124 mmol/L.\n\nQuestions : 1) Diagnostic différentiel? "
                "2) Explication de l'hyponatrémie? 3) Prochaines étapes?\n\n%s"
                % a.sign(ctx))
        subj = "Cas clinique – jeudi"
    elif v == 1:
        text = ("Hi all,\n\nM&M rounds case (de-identified): 58 y.o. F, "
                "presented to ED with headache x 2 days, discharged with "
                "migraine dx, returned 36 h later with SAH (Hunt-Hess 3). "
                "Discussion: Ottawa SAH rule, CT within 6 h, LP.\n\nNo names or "
                "dates please when you prepare your slides.\n\n%s" % a.sign(
                    ctx, "en", "Program director"))
        subj = "M&M case for Friday"
    elif v == 2:
        text = ("Bonjour,\n\nQuiz ECG de la semaine : patiente de 34 ans, 30 "
                "semaines de grossesse, palpitations. FC 180, QRS fins, "
                "régulier. Réponse la semaine prochaine!\n\n%s" % a.sign(ctx))
        subj = "Quiz ECG #%d" % ctx.rng.randint(10, 60)
    else:
        text = ("Bonjour,\n\nPour le club de lecture : un enfant de 4 ans "
                "présente une boiterie fébrile. VS 62, CRP 88, GB 16. Critères "
                "de Kocher : 4/4. Arthrite septique de la hanche jusqu'à preuve "
                "du contraire.\n\nArticle joint (NEJM 2024).\n\n%s" % a.sign(ctx))
        subj = "Club de lecture – arthrite septique"
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("guideline-notice", 3)
def public_health_campaign(ctx):
    frm = ("Direction de santé publique", "dsp-communications@%s" %
           ctx.pick(["cisss-bsl.example", "ciusss-mcq.example", "cisss-at.example"]))
    to = ("Partenaires du réseau", "partenaires@%s" % frm[1].split("@")[1])
    v = ctx.variant
    if v == 2:
        text = ("Measles alert\n\nTwo confirmed cases of measles were reported "
                "in the region this week. Anyone born in 1970 or later should "
                "have 2 documented doses of MMR vaccine. Exposure sites and "
                "times are listed on the public health website. Post-exposure "
                "prophylaxis: MMR within 72 h or immunoglobulin within 6 days."
                "\n\nRegional Public Health")
        subj = "Measles alert - regional update"
    else:
        text = ("Campagne de vaccination contre la grippe et la COVID-19\n\n"
                "La campagne débutera le %s. Clientèles visées : personnes de "
                "60 ans et plus, femmes enceintes (2e et 3e trimestres), "
                "personnes atteintes de maladies chroniques, travailleurs de la "
                "santé.\n\nPrise de rendez-vous en ligne ou au 1 877 555-0123. "
                "%d sites de vaccination dans la région.\n\nAu total, 61 %% des "
                "65 ans et plus ont été vaccinés l'an dernier." % (
                    fmt_date(ctx.ahead(10, 40), "fr_long"), ctx.rng.randint(8, 30)))
        subj = "Campagne de vaccination %d" % ctx.today.year
    return build(ctx, frm, [to], subj, body(ctx, text, style=ctx.pick(["html",
                                                                       "alt",
                                                                       "plain"])))


@negative("template-spec", 2)
def release_notes_test_nam(ctx):
    a = staff(ctx, ctx.pick(["chu_riv", "ciusss_cn"]), title="Analyste, Assurance qualité")
    to = ("Équipe de test", "qa-dme@%s" % a.addr.split("@")[1])
    if ctx.variant == 0:
        text = ("Bonjour,\n\nVersion 8.4.2 du DMÉ en préproduction. Correctifs :\n"
                "- Validation du NAM : le chiffre de contrôle est maintenant "
                "vérifié (billet DME-1184)\n- Les dates de naissance avant 1925 "
                "ne sont plus refusées\n- Impression des requêtes : encodage "
                "des accents corrigé\n\nPour vos tests, utilisez uniquement le "
                "NAM fictif publié TEST 5412 2816 et les usagers synthétiques du "
                "jeu de données QA (préfixe ZZTEST).\n\n%s" % a.sign(ctx))
        subj = "Notes de version 8.4.2 – préprod"
    else:
        text = ("Hi team,\n\nRegression suite results for build 2025.%d: 412 "
                "passed, 3 failed (date picker, leap-year 29 Feb validation, "
                "NAM field max length). Test patients are synthetic (ZZTEST, "
                "Patient; ZZTEST, Bebe). Defect IDs: DME-1201, DME-1202, "
                "DME-1207.\n\n%s" % (ctx.rng.randint(10, 99),
                                     a.sign(ctx, "en", "QA analyst")))
        subj = "Regression results"
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("newsletter-social", 3)
def retirement(ctx):
    org = ctx.pick(["cisss_bsl", "ciusss_mcq", "hgm"])
    a = staff(ctx, org, title="Chef de service")
    to = ("Équipe", "equipe@%s" % ORGS[org][1])
    r = make_staff(ctx.rng)
    yrs = ctx.rng.randint(25, 42)
    en = ctx.variant == 2
    if en:
        text = ("Hello everyone,\n\nAfter %d years at the lab, %s %s is retiring "
                "on %s. Join us for cake in the staff lounge at 2:30 pm. A card "
                "and a collection for a gift are at the front desk.\n\n%s" % (
                    yrs, r[0], r[1], fmt_date(ctx.ahead(7, 30), "en_long"),
                    a.name))
        subj = "Retirement party for %s" % r[0]
    else:
        text = ("Bonjour à tous,\n\nAprès %d ans de loyaux services, %s %s "
                "prendra sa retraite le %s. Un 5 à 7 est organisé au Bistro du "
                "Port; contribution volontaire pour le cadeau auprès de la "
                "secrétaire.\n\n%s" % (yrs, r[0], r[1],
                                       fmt_date(ctx.ahead(7, 30), "fr_long"), a.name))
        subj = "Départ à la retraite de %s" % r[0]
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("aggregate-stats", 3)
def stats_csv(ctx):
    org = ctx.pick(["ciusss_est", "cisss_out", "cisss_lau"])
    a = staff(ctx, org, title="Agente de planification, programmation et recherche")
    b = staff(ctx, org, title="Directrice adjointe")
    rows = [["groupe_age", "sexe", "visites_urgence", "admissions",
             "dms_jours", "taux_readmission_30j"]]
    for ga in ["0-4", "5-17", "18-44", "45-64", "65-74", "75-84", "85+"]:
        for sx in ["F", "M"]:
            rows.append([ga, sx, str(ctx.rng.randint(200, 9000)),
                         str(ctx.rng.randint(10, 1800)),
                         "%.1f" % ctx.rng.uniform(1.5, 14),
                         "%.3f" % ctx.rng.uniform(0.02, 0.2)])
    att = ctx.csv("indicateurs_%d.csv" % ctx.today.year, rows)
    text = ("Bonjour %s,\n\nLes données agrégées demandées (APR-DRG, année "
            "financière %d-%d) sont jointes. Les cellules de moins de 5 ont été "
            "supprimées conformément à la règle de confidentialité.\n\n%s" % (
                b.given, ctx.today.year - 1, ctx.today.year, a.sign(ctx)))
    if ctx.variant == 2:
        text = ("Hi %s,\n\nAggregated ED data by age group attached (fiscal "
                "%d-%d). Small cells (< 5) suppressed.\n\n%s" % (
                    b.given, ctx.today.year - 1, ctx.today.year,
                    a.sign(ctx, "en", "Planning officer")))
    return build(ctx, a.box, [b.box], "Données agrégées – urgence",
                 body(ctx, text, attachments=[att]))

@negative("admin-hr", 2)
def phone_directory(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_at"])
    a = staff(ctx, org, title="Téléphoniste-chef")
    to = ("Tout le personnel", "tous@%s" % ORGS[org][1])
    svc = ["Admission", "Archives", "Bloc opératoire", "Centre de prélèvements",
           "Imagerie", "Pharmacie", "Sécurité", "Soutien TI", "Urgence – poste "
           "infirmier", "Info-Santé (811)", "Transport des usagers"]
    lines = ["%-28s %s  poste %d  téléc. %s" % (s_, ctx.phone(),
                                                 ctx.rng.randint(2000, 7999),
                                                 ctx.phone().replace(" ", "").
                                                 replace("-", ""))
             for s_ in svc]
    text = ("Bonjour,\n\nBottin téléphonique mis à jour (%s) :\n\n%s\n\n%s" % (
        fmt_date(ctx.today, "iso"), "\n".join(lines), a.sign(ctx)))
    return build(ctx, a.box, [to], "Bottin téléphonique à jour",
                 body(ctx, text, style="plain"))


@negative("admin-hr", 2)
def travel_booking(ctx):
    frm = ("Voyages Horizon Affaires", "reservations@voyages-horizon.example")
    g, s, _ = make_staff(ctx.rng)
    org = ctx.pick(["chu_riv", "ciusss_cn"])
    to = ("%s %s" % (g, s), addr_of(g, s, ORGS[org][1]))
    dep = ctx.ahead(10, 60)
    text = ("Confirmation de réservation\n\nPassager : %s/%s MR%s\n"
            "Code de réservation : %s\nBillet électronique : %013d\n\n"
            "%s  AC %d  YQB 06:15 -> YYZ 07:42  Classe L\n%s  AC %d  YYZ 18:30 "
            "-> YQB 19:50\n\nHôtel : Delta Toronto, confirmation %d, %d nuits\n"
            "Congrès : Canadian Society of Hospital Pharmacists\n\nFrais "
            "imputés au centre d'activités 6%04d." % (
                strip_accents(s).upper(), strip_accents(g).upper(),
                "S" if _ == "F" else "", "".join(ctx.pick("ABCDEFGHJKLMNPQRSTUVWXYZ")
                                              for _ in range(6)),
                ctx.rng.randint(10**12, 10**13 - 1), fmt_date(dep, "iso"),
                ctx.rng.randint(100, 999), fmt_date(dep + dt.timedelta(days=3),
                                                   "iso"),
                ctx.rng.randint(100, 999), ctx.rng.randint(10**7, 10**8), 3,
                ctx.rng.randint(0, 9999)))
    return build(ctx, frm, [to], "Confirmation de réservation", body(ctx, text))


@negative("purchasing-logistics", 3)
def equipment_maintenance(ctx):
    a = staff(ctx, ctx.pick(["cisss_bsl", "chu_riv", "ciusss_est"]),
              title="Technicien en génie biomédical")
    to = staff(ctx, "chu_riv", title="Chef d'unité")
    devs = []
    for _ in range(ctx.rng.randint(3, 6)):
        kind = ctx.pick([("Pompe volumétrique Alaris 8100", "ALRS"),
                         ("Moniteur Philips MX450", "PHMX"),
                         ("Défibrillateur Zoll R", "ZOLL"),
                         ("Lit électrique Stryker", "STRK")])
        devs.append("- %s, no série %s, inventaire GBM-%05d, entretien "
                    "préventif dû le %s" % (
                        kind[0], nam_shaped(ctx.rng, kind[1], ctx.chance(0.5)),
                        ctx.rng.randint(0, 99999), fmt_date(ctx.ahead(1, 30), "iso")))
    text = ("Bonjour %s,\n\nLes équipements suivants de votre unité doivent "
            "passer l'entretien préventif annuel. Merci de les rendre "
            "disponibles (désinfectés) au local GBM :\n\n%s\n\n%s" % (
                to.given, "\n".join(devs), a.sign(ctx)))
    return build(ctx, a.box, [to.box], "Entretien préventif – équipements",
                 body(ctx, text))


@negative("admin-hr", 1)
def cme_certificate(ctx):
    frm = ("Développement professionnel continu", "dpc@fmoq-formation.example")
    md = make_staff(ctx.rng)
    to = ("%s %s" % md[:2], addr_of(md[0], md[1], ORGS["gmf_iles"][1]))
    text = ("Attestation de participation\n\nNous attestons que Dr%s %s %s "
            "(permis %d-%05d) a participé à l'activité « Mise à jour en "
            "anticoagulation » le %s, pour un total de 3,0 heures de "
            "catégorie A (code d'activité FM-%d).\n\nConservez cette "
            "attestation pour votre déclaration au Collège." % (
                "e" if md[2] == "F" else "", md[0], md[1], ctx.rng.randint(1, 2),
                ctx.rng.randint(0, 99999), fmt_date(ctx.ago(2, 20), "fr_long"),
                ctx.rng.randint(10000, 99999)))
    att = ctx.pdf("attestation.pdf", text.split("\n"))
    return build(ctx, frm, [to], "Votre attestation de formation",
                 body(ctx, "Bonjour, votre attestation est jointe.",
                      attachments=[att]))


@negative("admin-hr", 2)
def student_internships(ctx):
    org = ctx.pick(["ciusss_est", "cisss_lau"])
    a = staff(ctx, org, title="Coordonnatrice des stages")
    to = ("Chefs d'unités", "chefs@%s" % ORGS[org][1])
    rows = []
    for _ in range(ctx.rng.randint(5, 8)):
        st_ = make_staff(ctx.rng)
        rows.append("%s %s – %s – %s au %s – superviseure : %s" % (
            st_[0], st_[1], ctx.pick(["DEC soins infirmiers, 3e année",
                                      "Baccalauréat sc. inf., stage final",
                                      "Inhalothérapie", "Pharmacie (ATP)"]),
            fmt_date(ctx.ahead(5, 20), "dmy"), fmt_date(ctx.ahead(40, 70), "dmy"),
            "%s %s" % make_staff(ctx.rng)[:2]))
    text = ("Bonjour,\n\nVoici les stagiaires attendus à la session d'hiver :\n\n"
            "%s\n\nMerci de prévoir les accès au DMÉ (formulaire 4-B) et les "
            "cartes d'identité.\n\n%s" % ("\n".join(rows), a.sign(ctx)))
    return build(ctx, a.box, [to], "Stagiaires – session d'hiver", body(ctx, text))


@negative("research", 3)
def journal_club(ctx):
    a = staff(ctx, ctx.pick(["hgm", "chu_riv"]), title="Resident")
    to = ("Journal club", "journalclub@%s" % a.addr.split("@")[1])
    if ctx.variant == 2:
        text = ("Bonjour,\n\nArticle de la semaine : « Dexaméthasone chez les "
                "adultes hospitalisés pour une pneumonie communautaire » — essai "
                "multicentrique, n = 1 204 patients, mortalité à 28 jours 9,1 %% "
                "vs 12,3 %% (RR 0,74; IC 95 %% 0,55-0,99). Sous-groupe des 65 ans "
                "et plus : effet non significatif.\n\nPizza fournie.\n\n%s" %
                a.sign(ctx))
        subj = "Club de lecture – mardi midi"
    else:
        text = ("Hi all,\n\nThis week's paper: \"Restrictive vs liberal "
                "transfusion in MI with anemia\" (n = 3,504; mean age 72; 45%% "
                "women). Primary outcome: death or recurrent MI at 30 days, "
                "16.9%% vs 14.5%%. Please read the supplementary appendix, "
                "especially table S4.\n\nLunch provided, room 6.120.\n\n%s" %
                a.sign(ctx, "en"))
        subj = "Journal club this Tuesday"
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("aggregate-stats", 2)
def quality_incident_stats(ctx):
    org = ctx.pick(["ciusss_cn", "cisss_at"])
    a = staff(ctx, org, title="Gestionnaire de risques")
    to = ("Comité de gestion des risques", "cgr@%s" % ORGS[org][1])
    cats = ["Chutes", "Erreurs de médication", "Tests diagnostiques",
            "Traitements", "Matériel/équipement", "Bâtiment", "Abus/agression"]
    lines = ["%-24s %4d   (gravité E-I : %d)" % (c, ctx.rng.randint(5, 600),
                                                  ctx.rng.randint(0, 12))
             for c in cats]
    text = ("Bonjour,\n\nSommaire des déclarations d'incidents et d'accidents "
            "(AH-223) pour la période %d :\n\n%s\n\nAucun événement sentinelle "
            "n'a été déclaré. Les analyses approfondies en cours (2) seront "
            "présentées à huis clos.\n\n%s" % (
                ctx.rng.randint(1, 13), "\n".join(lines), a.sign(ctx)))
    return build(ctx, a.box, [to], "Sommaire AH-223 – période",
                 body(ctx, text))


@negative("newsletter-social", 1)
def lost_found(ctx):
    frm = ("Sécurité – objets trouvés", "securite@chu-riviere.example")
    to = ("Tout le personnel", "tous@chu-riviere.example")
    text = ("Objets trouvés cette semaine au poste de sécurité (entrée "
            "principale) :\n- Lunettes de lecture (étui rouge)\n- Trousseau de "
            "clés Toyota\n- Sarrau blanc taille M, brodé « Pharmacie »\n- "
            "Carte d'accès au stationnement P2\n- Tuque du Canadien\n\nLes "
            "objets non réclamés après 30 jours sont donnés.")
    return build(ctx, frm, [to], "Objets trouvés", body(ctx, text))


@negative("admin-hr", 3)
def building_notice(ctx):
    org = ctx.pick(["cisss_bsl", "ciusss_est", "hgm"])
    frm = ("Services techniques", "services-techniques@%s" % ORGS[org][1])
    to = ("Tout le personnel", "tous@%s" % ORGS[org][1])
    v = ctx.variant
    if v == 0:
        text = ("Avis : interruption de l'eau chaude au pavillon B le %s de "
                "1 h à 5 h (remplacement de la valve V-%d). Les unités de soins "
                "ont été avisées; des bouilloires seront disponibles." % (
                    fr_day(ctx.ahead(2, 9)), ctx.rng.randint(100, 999)))
        subj = "Interruption d'eau chaude – pavillon B"
    elif v == 1:
        text = ("Déneigement du stationnement P1 cette nuit entre 23 h et 4 h. "
                "Les véhicules non déplacés seront remorqués au P4 à vos frais "
                "(75 $). Merci de votre collaboration.")
        subj = "Déneigement P1 – ce soir"
    else:
        text = ("Fire drill (code red) on %s at 10:30, wing C, floors 2-4. "
                "Patients will not be evacuated; staff must close doors and "
                "report to their unit lead." % en_day(ctx.ahead(2, 9)))
        subj = "Fire drill - wing C"
    return build(ctx, frm, [to], subj, body(ctx, text))


@negative("admin-hr", 1)
def union_notice(ctx):
    frm = ("Syndicat des professionnelles en soins", "info@fiq-local.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Chères membres,\n\nAssemblée générale extraordinaire le %s à 19 h "
            "(salle Jean-Lesage et Zoom). Ordre du jour : ratios "
            "professionnelles/patients, temps supplémentaire obligatoire, "
            "élection au poste de trésorière.\n\nVotre numéro de membre sera "
            "requis à l'entrée.\n\nSolidairement," % fmt_date(ctx.ahead(5, 20),
                                                            "fr_long"))
    return build(ctx, frm, [to], "Assemblée générale extraordinaire",
                 body(ctx, text, style="html"))


@negative("it-ops", 3)
def password_reset(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_out", "chu_riv"])
    frm = ("Gestion des identités", "no-reply-iam@%s" % ORGS[org][1])
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ORGS[org][1]))
    code = "%06d" % ctx.rng.randint(0, 999999)
    if ctx.variant == 2:
        text = ("Your account %s%s%02d will expire in 7 days. Change your "
                "password from any hospital workstation (Ctrl+Alt+Del). "
                "Reference: %s-%s." % (g[0].lower(), ascii_local(s)[:6],
                                       ctx.rng.randint(1, 99),
                                       nam_shaped(ctx.rng, "IAMR", False),
                                       code))
        subj = "Password expiry notice"
    else:
        text = ("Bonjour %s,\n\nVotre code de vérification à usage unique est : "
                "%s\nIl expire dans 10 minutes.\n\nSi vous n'êtes pas à "
                "l'origine de cette demande, communiquez avec le centre de "
                "services au poste 4357.\n\nIdentifiant de la demande : %s" % (
                    g, code, hashlib.md5(code.encode()).hexdigest()))
        subj = "Code de vérification"
    return build(ctx, frm, [to], subj, body(ctx, text))


@negative("it-ops", 1)
def dlp_vendor_pitch(ctx):
    frm = ("Marc-Antoine from SecureMail DLP", "marc@securemail-dlp.example")
    a = staff(ctx, "ciusss_cn", title="Directeur de la sécurité de l'information")
    text = ("Bonjour M. %s,\n\nSaviez-vous que 23 %% des incidents de "
            "confidentialité dans le réseau de la santé proviennent de courriels "
            "mal adressés? Notre solution détecte automatiquement les numéros "
            "d'assurance maladie, les numéros d'assurance sociale et les "
            "diagnostics avant l'envoi.\n\nJe vous propose une démo de 20 "
            "minutes la semaine prochaine. Voici mon agenda : "
            "https://securemail-dlp.example/demo\n\nMarc-Antoine\nDirecteur "
            "des ventes, Québec" % a.surname)
    return build(ctx, frm, [a.box], "Confidentialité des courriels – 20 min?",
                 body(ctx, text, style="html"))


@negative("template-spec", 3)
def privacy_training(ctx):
    org = ctx.pick(["cisss_lau", "ciusss_est", "hgm"])
    a = staff(ctx, org, title="Responsable de l'accès à l'information et de la "
              "protection des renseignements personnels")
    to = ("Tout le personnel", "tous@%s" % ORGS[org][1])
    v = ctx.variant
    if v == 0:
        text = ("Bonjour,\n\nRappel des bonnes pratiques de confidentialité :\n\n"
                "- N'inscrivez jamais un numéro d'assurance maladie complet dans "
                "un courriel. Si nécessaire, masquez-le : XXXX XXXX 1234.\n"
                "- N'utilisez pas le nom de l'usager dans l'objet.\n- Utilisez "
                "l'option « Chiffrer » pour tout envoi externe au RSSS.\n- En "
                "cas d'envoi à un mauvais destinataire, déclarez l'incident de "
                "confidentialité dans les 24 heures.\n\nFormation obligatoire "
                "en ligne avant le %s.\n\n%s" % (fmt_date(ctx.ahead(20, 60),
                                                           "fr_long"), a.sign(ctx)))
        subj = "Rappel – confidentialité des courriels"
    elif v == 1:
        text = ("Hello,\n\nReminder: never email a social insurance number. "
                "The number often used in training material, 046 454 286, is a "
                "fictitious example - do not use real numbers in slides. For "
                "health card numbers, show only the last 4 characters "
                "(e.g. XXXX XXXX 5678).\n\n%s" % a.sign(ctx, "en", "Privacy "
                                                          "officer"))
        subj = "Privacy tip of the month"
    else:
        att = ctx.pdf("capsule_confidentialite.pdf", [
            "CAPSULE – RENSEIGNEMENTS DE SANTÉ", "",
            "Qu'est-ce qu'un renseignement de santé et de services sociaux?",
            "Toute information permettant d'identifier une personne : nom, date "
            "de naissance, NAM,",
            "numéro de dossier, jointe à de l'information sur son état de "
            "santé.", "",
            "Exemple fictif masqué : ABCD XXXX XXXX / né le XX-XX-19XX", "",
            "Loi 5 (LRSSS) – en vigueur le 1er juillet 2024."])
        text = ("Bonjour,\n\nLa capsule de formation sur la Loi 5 est jointe.\n\n"
                + a.sign(ctx))
        subj = "Capsule – Loi sur les renseignements de santé"
        return build(ctx, a.box, [to], subj, body(ctx, text, attachments=[att]))
    return build(ctx, a.box, [to], subj, body(ctx, text))


@negative("newsletter-social", 2)
def order_newsletter(ctx):
    frm = ("Ordre professionnel – Infolettre", "infolettre@ordre-infirmieres.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Dans ce numéro :\n\n• Renouvellement de l'inscription au tableau : "
            "date limite le %s\n• Nouvelle norme sur la documentation des soins\n"
            "• Formation : évaluation de la condition physique et mentale de "
            "l'adulte (7 h)\n• Décisions disciplinaires : 3 radiations "
            "temporaires (détails sur le site)\n\nVotre numéro de permis : "
            "%d%d\n" % (fmt_date(ctx.ahead(20, 80), "fr_long"),
                        ctx.today.year % 100, ctx.rng.randint(10000, 99999)))
    return build(ctx, frm, [to], "Infolettre – %s" % MONTHS_FR[ctx.today.month - 1],
                 body(ctx, text, style="alt"))


@negative("guideline-notice", 2)
def health_canada_recall(ctx):
    frm = ("Santé Canada – Avis de rappel", "rappels@recalls-canada.example")
    to = ("Pharmacie", "pharmacie@%s" % ctx.pick(["chu-riviere.example",
                                                  "cisss-bsl.example"]))
    prod = ctx.pick([("Metformine ER 500 mg", "NDMA au-delà de la limite "
                      "acceptable"), ("Pompe à perfusion modèle 8015",
                                      "défaillance possible de l'alarme "
                                      "d'occlusion"),
                     ("Bandelettes de glycémie", "résultats faussement bas")])
    lots = ", ".join("%s%06d" % (ctx.pick(["L", "B", "X"]), ctx.rng.randint(0, 999999))
                     for _ in range(3))
    text = ("Rappel de type %s\n\nProduit : %s\nProblème : %s\nLots touchés : %s "
            "(exp. %s)\nDIN/NHP : %s\n\nAction : retirer les lots visés des "
            "stocks et des unités de soins." % (
                ctx.pick(["I", "II"]), prod[0], prod[1], lots,
                ctx.ahead(30, 700).strftime("%Y-%m"), din(ctx.rng)))
    return build(ctx, frm, [to], "Rappel – %s" % prod[0], body(ctx, text))


@negative("admin-hr", 1)
def reference_letter(ctx):
    a = staff(ctx, "cisss_at", title="Cheffe d'unité, Médecine")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, "clinique-boreale-rh.example"))
    e = make_staff(ctx.rng)
    text = ("Bonjour,\n\nC'est avec plaisir que je recommande %s %s, qui a "
            "travaillé dans mon équipe comme infirmière auxiliaire de %d à %d. "
            "Fiable, rigoureuse et appréciée des usagers et de leurs familles, "
            "elle a aussi formé plusieurs nouvelles collègues.\n\nN'hésitez pas "
            "à me joindre au %s.\n\n%s" % (e[0], e[1], ctx.today.year - 6,
                                           ctx.today.year, ctx.phone(), a.sign(ctx)))
    return build(ctx, a.box, [to], "Référence – %s %s" % (e[0], e[1]),
                 body(ctx, text))


@negative("admin-hr", 2)
def vacation_calendar(ctx):
    org = ctx.pick(["gmf_iles", "ciusss_mcq"])
    a = staff(ctx, org, title="Assistante infirmière-chef")
    to = ("Équipe", "equipe@%s" % ORGS[org][1])
    rows = []
    for _ in range(6):
        e = make_staff(ctx.rng)
        st = rand_date(ctx.rng, dt.date(ctx.today.year, 6, 15),
                       dt.date(ctx.today.year, 8, 15))
        rows.append("%s %s : du %s au %s" % (e[0], e[1], fmt_date(st, "dmy"),
                                            fmt_date(st + dt.timedelta(days=13),
                                                     "dmy")))
    text = ("Bonjour,\n\nVoici le calendrier des vacances d'été approuvé :\n\n%s\n"
            "\nLes échanges doivent être approuvés par écrit.\n\n%s" % (
                "\n".join(rows), a.sign(ctx)))
    return build(ctx, a.box, [to], "Vacances d'été – calendrier approuvé",
                 body(ctx, text))


@negative("admin-hr", 2)
def shift_swap(ctx):
    org = ctx.pick(["cisss_bsl", "hgm"])
    a = staff(ctx, org, "F")
    b = staff(ctx, org)
    d1 = ctx.ahead(3, 20)
    if ctx.variant == 1:
        text = ("Hey %s, any chance you could take my night shift on %s? I'd "
                "take your Sunday day shift in exchange. Already cleared it "
                "with the ANC.\n\n%s" % (b.given, en_day(d1), a.given))
        subj = "shift swap?"
    else:
        text = ("Salut %s!\n\nEst-ce que tu voudrais échanger ton quart de "
                "soir du %s contre mon quart de jour du %s? J'ai un mariage. "
                "Si oui je remplis le formulaire d'échange.\n\nMerci!\n%s" % (
                    b.given, fr_day(d1), fr_day(d1 + dt.timedelta(days=3)),
                    a.given))
        subj = "Échange de quart"
    return build(ctx, a.box, [b.box], subj, body(ctx, text, style="plain"))


@negative("aggregate-stats", 2)
def satisfaction_survey(ctx):
    org = ctx.pick(["ciusss_est", "cisss_out"])
    a = staff(ctx, org, title="Agente, Expérience usager")
    to = ("Gestionnaires", "gestionnaires@%s" % ORGS[org][1])
    text = ("Bonjour,\n\nRésultats du sondage sur l'expérience usager (n = %d "
            "répondants, taux de réponse %d %%) :\n\n- Satisfaction globale : "
            "%.1f/10\n- Respect de la confidentialité : %d %%\n- Temps "
            "d'attente jugé acceptable : %d %%\n- Recommanderait "
            "l'établissement : %d %%\n\nLes commentaires libres ont été "
            "dépersonnalisés.\n\n%s" % (
                ctx.rng.randint(300, 4000), ctx.rng.randint(12, 40),
                ctx.rng.uniform(6.5, 9.2), ctx.rng.randint(80, 98),
                ctx.rng.randint(30, 75), ctx.rng.randint(60, 92), a.sign(ctx)))
    return build(ctx, a.box, [to], "Sondage expérience usager – résultats",
                 body(ctx, text))


@negative("template-spec", 2)
def fhir_valueset(ctx):
    a = staff(ctx, "ciusss_cn", title="Terminologue")
    b = staff(ctx, "ciusss_cn", title="Analyste")
    if ctx.variant == 0:
        res = {"resourceType": "ValueSet", "id": "qc-vaccins",
               "status": "draft", "compose": {"include": [{
                   "system": "http://snomed.info/sct",
                   "concept": [{"code": "28531000087107", "display": "COVID-19"},
                               {"code": "46233009", "display": "Influenza"}]}]}}
    else:
        res = {"resourceType": "CapabilityStatement", "status": "active",
               "date": ctx.today.isoformat(), "kind": "instance",
               "fhirVersion": "4.0.1", "format": ["json"],
               "rest": [{"mode": "server", "resource": [
                   {"type": "Patient", "interaction": [{"code": "read"},
                                                       {"code": "search-type"}],
                    "searchParam": [{"name": "identifier", "type": "token"},
                                    {"name": "birthdate", "type": "date"}]},
                   {"type": "Immunization", "interaction": [{"code": "create"}]}]}]}
    js = json.dumps(res, indent=2)
    att = ctx.attach("%s.json" % res["resourceType"].lower(), js.encode(),
                     "application/fhir+json", js)
    text = ("Salut %s,\n\nVoici la ressource %s pour revue. Aucune donnée "
            "clinique.\n\n%s" % (b.given, res["resourceType"], a.name))
    return build(ctx, a.box, [b.box], "Revue – %s" % res["resourceType"],
                 body(ctx, text, attachments=[att]))


@negative("template-spec", 2)
def data_dictionary(ctx):
    a = staff(ctx, "cisss_out", title="Architecte de données")
    b = staff(ctx, "cisss_out", title="Analyste BI")
    rows = [["champ", "type", "description", "exemple", "sensible"],
            ["id_usager", "UUID", "Identifiant technique", "(généré)", "non"],
            ["nam", "CHAR(12)", "Numéro d'assurance maladie", "XXXX99999999", "oui"],
            ["date_naissance", "DATE", "Date de naissance", "AAAA-MM-JJ", "oui"],
            ["code_postal_3", "CHAR(3)", "RTA seulement", "G5L", "non"],
            ["diagnostic_cim10", "VARCHAR(8)", "Diagnostic principal", "J18.9",
             "oui"],
            ["date_admission", "DATE", "", "AAAA-MM-JJ", "non"]]
    att = ctx.csv("dictionnaire_entrepot_v%d.csv" % (ctx.variant + 2), rows)
    text = ("Bonjour %s,\n\nDictionnaire de données de l'entrepôt clinique, "
            "version révisée. Les champs marqués « sensible » seront "
            "pseudonymisés dans la zone analytique.\n\n%s" % (b.given,
                                                                a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Dictionnaire de données – révision",
                 body(ctx, text, attachments=[att]))


@negative("guideline-notice", 1)
def ramq_renewal_info(ctx):
    a = staff(ctx, "gmf_vallee", title="Agente administrative")
    to = ("Secrétariat", "secretariat@gmfu-vallee.example")
    text = ("Bonjour,\n\nPour répondre aux questions des patients : la carte "
            "d'assurance maladie se renouvelle tous les 8 ans (4 ans après 75 "
            "ans, la photo n'est plus requise). Le formulaire arrive par la "
            "poste environ 2 mois avant l'expiration. Un patient dont la carte "
            "est expirée peut être vu; il doit payer puis demander un "
            "remboursement.\n\nLe NAM (4 lettres et 8 chiffres) ne change pas au "
            "renouvellement.\n\n%s" % a.sign(ctx))
    return build(ctx, a.box, [to], "Info – renouvellement de la carte soleil",
                 body(ctx, text))


@negative("admin-hr", 1)
def benefits_notice(ctx):
    frm = ("Assurance collective", "assurance-collective@ciusss-mcq.example")
    to = ("Tout le personnel", "tous@ciusss-mcq.example")
    text = ("Bonjour,\n\nLe renouvellement du régime d'assurance collective "
            "(contrat no %d, division %03d) prend effet le 1er avril. Les primes "
            "d'assurance médicaments augmentent de 4,2 %%. Les certificats "
            "d'adhésion seront disponibles dans l'espace assuré.\n\nAssurance "
            "collective" % (ctx.rng.randint(10000, 99999), ctx.rng.randint(1, 999)))
    return build(ctx, frm, [to], "Renouvellement de l'assurance collective",
                 body(ctx, text))


@negative("admin-hr", 4)
def out_of_office(ctx):
    org = ctx.pick(["ciusss_est", "cisss_bsl", "hgm", "gmf_iles"])
    a = staff(ctx, org)
    b = staff(ctx, org)
    back = ctx.ahead(3, 20)
    v = ctx.variant
    if v == 2:
        text = ("I am out of the office until %s with limited access to email. "
                "For urgent clinical matters, please call the unit at %s. "
                "Please do not send patient information to this address.\n\n%s"
                % (en_day(back), ctx.phone(), a.name))
        subj = "Automatic reply: Schedule for next week"
    else:
        text = ("Bonjour,\n\nJe suis absent" + ("e" if a.sex == "F" else "") +
                " du bureau jusqu'au %s inclusivement. "
                "Pour toute urgence, veuillez communiquer avec %s au %s.\n\n"
                "Merci,\n%s" % (fmt_date(back, "fr_long"), b.name, b.tel, a.name))
        subj = "Réponse automatique : %s" % ctx.pick(["Rencontre jeudi",
                                                     "Budget 2025-2026",
                                                     "Horaire d'été"])
    return build(ctx, a.box, [b.box], subj, body(ctx, text, style="plain"),
                 extra=[("Auto-Submitted", "auto-replied"),
                        ("X-Auto-Response-Suppress", "All")])


@negative("template-spec", 2)
def zip_policy_docs(ctx):
    a = staff(ctx, ctx.pick(["cisss_lau", "chu_riv"]), title="Conseillère cadre")
    to = ("Gestionnaires", "gestionnaires@%s" % a.addr.split("@")[1])
    files = [("PO-DSI-021_Contentions.docx", make_docx([
        "# Politique sur l'utilisation exceptionnelle des mesures de contrôle",
        "Objectif : encadrer l'utilisation des contentions.",
        "Responsabilités : le médecin, l'infirmière, le gestionnaire."])),
        ("Procedure_double_verification.pdf", make_pdf([
            "PROCÉDURE – DOUBLE VÉRIFICATION INDÉPENDANTE",
            "Médicaments de niveau d'alerte élevé : insuline, héparine, opioïdes IV.",
            "Deux infirmières vérifient indépendamment la dose et la pompe."])),
        ("LISEZMOI.txt", "Documents approuvés par le CODIR le 12 mars.\r\n"
                         .encode())]
    att = ctx.zip(ctx.pick(["Politiques_%d.zip" % ctx.today.year,
                            "dossiers_patients.zip"]), files)
    text = ("Bonjour,\n\nLes politiques et procédures révisées sont jointes "
            "(archive zip). Merci de les diffuser à vos équipes.\n\n%s" %
            a.sign(ctx))
    return build(ctx, a.box, [to], "Politiques et procédures révisées",
                 body(ctx, text, attachments=[att]))


@negative("guideline-notice", 3)
def lab_catalogue(ctx):
    a = staff(ctx, ctx.pick(["cisss_bsl", "chu_riv", "cisss_at"]),
              title="Chef technologiste, Laboratoires")
    to = ("Unités de soins et cliniques", "labo-info@%s" % a.addr.split("@")[1])
    rows = [["Code", "Analyse", "Contenant", "Volume", "Valeurs de référence",
             "Délai"]]
    for t in ctx.rng.sample([
            ("K", "Potassium", "Vert (héparine lithium)", "0,5 mL",
             "3,5-5,0 mmol/L", "1 h"),
            ("HBA1C", "Hémoglobine glyquée", "Lavande (EDTA)", "2 mL", "< 6,0 %",
             "24 h"),
            ("TSH", "Thyréostimuline", "Or (SST)", "1 mL", "0,32-4,00 mU/L", "24 h"),
            ("INR", "Temps de prothrombine", "Bleu (citrate)", "2,7 mL",
             "0,9-1,1", "1 h"),
            ("FSC", "Formule sanguine complète", "Lavande (EDTA)", "2 mL",
             "Hb F 120-160 g/L, H 135-175 g/L", "1 h"),
            ("VITD", "25-OH vitamine D", "Or (SST)", "1 mL", "75-250 nmol/L",
             "7 jours")], 4):
        rows.append(list(t))
    text = ("Bonjour,\n\nMise à jour du répertoire des analyses, en vigueur le "
            "%s. Changements : nouvelles valeurs de référence de la TSH (nouvelle "
            "plateforme) et délai de la vitamine D.\n\n%s\n\n%s" % (
                fmt_date(ctx.ahead(5, 30), "fr_long"),
                "\n".join(" | ".join(r) for r in rows), a.sign(ctx)))
    return build(ctx, a.box, [to], "Répertoire des analyses – mise à jour",
                 body(ctx, text))


@negative("template-spec", 1)
def dicom_phantom(ctx):
    a = staff(ctx, "chu_riv", title="Physicien médical")
    b = staff(ctx, "chu_riv", title="Technologue en chef, Radiologie")
    fields = [(0x0008, 0x0060, "CS", "CT"),
              (0x0008, 0x1030, "LO", "CONTROLE QUALITE MENSUEL"),
              (0x0010, 0x0010, "PN", ""),
              (0x0010, 0x0020, "LO", ""),
              (0x0010, 0x0030, "DA", ""),
              (0x0018, 0x0060, "DS", "120")]
    att = ctx.attach("QC_fantome_CATPHAN.dcm", make_dicom(fields),
                     "application/dicom")
    text = ("Bonjour %s,\n\nImage du fantôme CATPHAN du contrôle qualité "
            "mensuel du CT2 (aucun patient, champs patient vides). Uniformité "
            "hors tolérance (+6 UH au centre) : appel de service ouvert.\n\n%s"
            % (b.given, a.sign(ctx)))
    return build(ctx, a.box, [b.box], "CQ mensuel CT2 – uniformité",
                 body(ctx, text, attachments=[att]))


@negative("it-ops", 3)
def system_alert(ctx):
    org = ctx.pick(["ciusss_cn", "cisss_at", "chu_riv"])
    frm = ("Zabbix", "zabbix@%s" % ORGS[org][1])
    to = ("Équipe infrastructure", "infra@%s" % ORGS[org][1])
    host = nam_shaped(ctx.rng, ctx.pick(["SRVR", "SQLP", "HLSE"]),
                      ctx.chance(0.5)).lower()
    ev = ctx.rng.randint(10**7, 10**8)
    text = ("Problem started at %s on %s\nProblem name: %s\nHost: %s "
            "(10.%d.%d.%d)\nSeverity: %s\nOperational data: %s\nOriginal "
            "problem ID: %d\n" % (
                ctx.when.strftime("%H:%M:%S"), ctx.when.strftime("%Y.%m.%d"),
                ctx.pick(["Disk space is low (used > 90%)",
                          "HL7 queue length > 500 messages",
                          "Certificate expires in < 14 days",
                          "High CPU utilization (over 90% for 5m)"]),
                host, ctx.rng.randint(0, 255), ctx.rng.randint(0, 255),
                ctx.rng.randint(1, 254), ctx.pick(["High", "Warning", "Disaster"]),
                ctx.pick(["91.4 %", "812", "13d 4h", "97 %"]), ev))
    return build(ctx, frm, [to], "Problem: %s" % host, body(ctx, text,
                                                             style="plain"))


@negative("research", 2)
def trial_recruitment(ctx):
    a = staff(ctx, "ciusss_est", title="Infirmière de recherche")
    to = ("Médecins de famille – GMF", "gmf-liste@ciusss-estrie.example")
    text = ("Bonjour,\n\nNous recrutons pour l'étude PREVENT-HF (projet "
            "%d-%04d, approuvé par le CER) : adultes de 60 ans et plus, "
            "insuffisance cardiaque à fraction d'éjection préservée, NYHA II-III."
            " Si vous avez des patients admissibles, remettez-leur le dépliant "
            "joint; ils nous contacteront eux-mêmes. Aucune information sur vos "
            "patients ne doit nous être transmise par courriel.\n\n%s" % (
                ctx.today.year, ctx.rng.randint(0, 9999), a.sign(ctx)))
    att = ctx.pdf("depliant_PREVENT-HF.pdf", [
        "PARTICIPEZ À UNE ÉTUDE", "Vous avez 60 ans ou plus et une insuffisance "
        "cardiaque?", "Appelez-nous : 819 555-0142"])
    return build(ctx, a.box, [to], "Recrutement – étude PREVENT-HF",
                 body(ctx, text, attachments=[att]))


@negative("admin-hr", 1)
def sick_leave_policy(ctx):
    frm = ("Bureau de santé", "bureau-sante@cisss-lau.example".replace(
        "cisss-lau", "cisss-laurentides"))
    to = ("Gestionnaires", "gestionnaires@cisss-laurentides.example")
    text = ("Bonjour,\n\nRappel de la procédure d'absence maladie : après 3 "
            "jours consécutifs, un certificat médical est requis. Le diagnostic "
            "ne doit pas être communiqué au gestionnaire : le billet est "
            "transmis directement au Bureau de santé, sous pli confidentiel. "
            "Les gestionnaires reçoivent seulement les dates d'absence.\n\n"
            "Bureau de santé et mieux-être")
    return build(ctx, frm, [to], "Procédure – absences maladie", body(ctx, text))


@negative("newsletter-social", 2)
def volunteer_list(ctx):
    a = staff(ctx, "cisss_bsl", title="Coordonnatrice des bénévoles")
    to = ("Accueil", "accueil@cisss-bsl.example")
    rows = ["%s %s – %s – %s" % (v[0], v[1], ctx.pick(["accueil hall A",
                                                      "bibliothèque ambulante",
                                                      "zoothérapie (Bouboule)",
                                                      "soins palliatifs – "
                                                      "accompagnement"]),
                                 ctx.phone())
            for v in (make_staff(ctx.rng) for _ in range(6))]
    text = ("Bonjour,\n\nHoraire des bénévoles pour la semaine du %s :\n\n%s\n\n"
            "%s" % (fmt_date(ctx.ahead(1, 7), "fr_long"), "\n".join(rows),
                    a.sign(ctx)))
    return build(ctx, a.box, [to], "Bénévoles – horaire de la semaine",
                 body(ctx, text))


@negative("purchasing-logistics", 2)
def supplier_registration(ctx):
    g, s, _ = make_staff(ctx.rng)
    frm = ("%s %s" % (g, s), addr_of(g, s, "nettoyage-boreal.example"))
    a = staff(ctx, "ciusss_mcq", title="Approvisionnement")
    bn = make_bn(ctx.rng)
    text = ("Bonjour,\n\nVoici les informations pour notre inscription au "
            "fichier fournisseurs :\n\nRaison sociale : Nettoyage Boréal inc.\n"
            "Numéro d'entreprise (NE) : %s\nTPS : %s RT0001\nTVQ : %010d TQ0001\n"
            "NEQ : %d\nAdresse : %s\nContact : %s, %s\n\nMerci!\n%s" % (
                bn, bn, ctx.rng.randint(10**9, 10**10 - 1),
                ctx.rng.randint(1140000000, 1179999999), address(ctx.rng),
                frm[0], ctx.phone(), frm[0]))
    return build(ctx, frm, [a.box], "Inscription fournisseur", body(ctx, text))


@negative("deidentified-clinical", 2)
def generic_patient_mention(ctx):
    org = ctx.pick(["ciusss_mcq", "hgm"])
    a = staff(ctx, org, title="Chef d'unité, Urgence")
    b = staff(ctx, org, title="Soutien TI")
    if ctx.variant == 0:
        text = ("Bonjour,\n\nPlusieurs patients et familles à l'urgence se "
                "plaignent que le Wi-Fi invité ne fonctionne plus depuis lundi "
                "(réseau INVITES-SANTE). Est-ce possible de regarder "
                "aujourd'hui? Un patient m'a dit que ça coupe aux 5 minutes.\n\n"
                "%s" % a.sign(ctx))
        subj = "Wi-Fi invité – urgence"
    else:
        text = ("Hi,\n\nCould we get a second label printer for triage? During "
                "peak hours we register 40+ patients per hour and the nurses "
                "wait for wristbands. Budget code 6-4410.\n\n%s" % a.sign(ctx, "en"))
        subj = "Second wristband printer for triage"
    return build(ctx, a.box, [b.box], subj, body(ctx, text))


@negative("newsletter-social", 2)
def donor_receipts(ctx):
    frm = ("Fondation – Reçus", "recus@fondation-sante.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Merci pour votre don!\n\nReçu officiel aux fins de l'impôt no "
            "%d-%06d\nDonateur : %s %s\nMontant : %d,00 $\nDate du don : %s\n"
            "Numéro d'enregistrement de l'organisme : %s RR0001\n\nVotre "
            "générosité permet l'achat d'équipements pour l'unité de "
            "néonatalogie." % (ctx.today.year, ctx.rng.randint(0, 999999), g, s,
                               ctx.pick([25, 50, 100, 250, 1000]),
                               fmt_date(ctx.ago(1, 30), "fr_long"),
                               make_bn(ctx.rng)))
    return build(ctx, frm, [to], "Votre reçu fiscal", body(ctx, text))


@negative("it-ops", 2)
def interface_status(ctx):
    a = staff(ctx, "chu_riv", title="Analyste en interfaces")
    to = ("Pilotes cliniques", "pilotes@chu-riviere.example")
    text = ("Bonjour,\n\nBilan de l'incident d'interface de cette nuit : entre "
            "01 h 12 et 03 h 47, %d messages ADT et %d messages ORU ont été mis "
            "en file d'attente (moteur Rhapsody, canal LAB-OUT). Tous ont été "
            "retraités à 04 h 05; aucun message perdu. Cause : certificat TLS "
            "expiré sur le serveur %s.\n\nNuméro d'incident : INC%07d.\n\n%s" % (
                ctx.rng.randint(200, 3000), ctx.rng.randint(200, 3000),
                nam_shaped(ctx.rng, "HLSE", ctx.chance(0.5)),
                ctx.rng.randint(10**6, 10**7 - 1), a.sign(ctx)))
    return build(ctx, a.box, [to], "Bilan incident interface – nuit dernière",
                 body(ctx, text))

def rfc822_part(ctx, inner_bytes):
    """Wrap an already-built message as a message/rfc822 attachment."""
    return Leaf("message/rfc822", inner_bytes.decode("ascii").replace("\r\n", "\n"),
                None, "7bit", disposition="attachment")


@positive("hidden-context", 2)
def forwarded_rfc822(ctx):
    org = ctx.pick(["ciusss_mcq", "cisss_at"])
    a = staff(ctx, org, title="Chef de service, Archives")
    b = staff(ctx, org, title="Responsable de la protection des renseignements "
              "personnels")
    c = staff(ctx, org, title="Infirmière")
    p = ctx.person(age=(20, 90))
    inner_ctx = Ctx(ctx.kind, ctx.name + "-inner", ctx.variant)
    inner_ctx.when = ctx.when - dt.timedelta(days=2, hours=4)
    g, s, _ = make_staff(ctx.rng)
    wrong = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    inner_text = ("Bonjour,\n\nComme demandé, voici le suivi de %s (dossier %s, "
                  "NAM %s) : plaie abdominale guérie, retrait du drain fait, "
                  "antibiotiques terminés. Prochain rendez-vous en chirurgie le "
                  "%s.\n\n%s" % (p.full, ctx.mrn(), ctx.nam(p, "space"),
                                  fmt_date(ctx.ahead(10, 30), "fr_long"), c.name))
    inner = build(inner_ctx, c.box, [wrong], "Suivi post-op",
                  body(inner_ctx, inner_text, style="plain"))
    text = ("Bonjour %s,\n\nJe te transfère en pièce jointe le courriel envoyé "
            "par erreur à une adresse externe (mauvaise saisie automatique du "
            "destinataire). Déclaration d'incident de confidentialité à "
            "ouvrir.\n\n%s" % (b.given, a.sign(ctx)))
    mime = Multi("mixed", [Leaf("text/plain", text, "utf-8", "quoted-printable"),
                           rfc822_part(ctx, inner)])
    return build(ctx, a.box, [b.box], "TR: Suivi post-op (envoyé par erreur)",
                 mime)


@positive("pharmacy", 1)
def dsq_med_profile(ctx):
    ph = staff(ctx, "chu_riv", title="Pharmacienne, Urgence")
    md = staff(ctx, "chu_riv", title="Urgentologue")
    p = ctx.person(age=(60, 95))
    meds = ["Warfarine 3 mg DIE (servi %s)" % fmt_date(ctx.ago(5, 30), "iso"),
            "Digoxine 0,125 mg DIE", "Furosémide 80 mg BID",
            "Spironolactone 25 mg DIE", "Oxycodone 5 mg q6h PRN (servi "
            "%s, 60 co.)" % fmt_date(ctx.ago(3, 20), "iso")]
    text = ("Profil pharmacologique DSQ – %s, NAM %s, DDN %s\n\n%s\n\n"
            "Interaction importante : spironolactone + potassium élevé à "
            "l'admission (6,1). Oxycodone servie dans 3 pharmacies différentes "
            "ce mois-ci.\n\n%s" % (p.full, ctx.nam(p, "nbsp"),
                                   fmt_date(p.dob, "iso"),
                                   "\n".join("- " + m for m in meds), ph.sign(ctx)))
    return build(ctx, ph.box, [md.box], "Profil DSQ – interaction",
                 body(ctx, text, charset="utf-8"))


@positive("patient-list", 1)
def html_entity_table(ctx):
    a = staff(ctx, "gmf_iles", title="Infirmière, GMF")
    b = staff(ctx, "gmf_iles")
    rows = []
    for _ in range(4):
        p = ctx.person(age=(50, 90))
        n = ctx.nam(p, "compact")
        rows.append("<tr><td>%s&nbsp;%s</td><td>%s&nbsp;%s&nbsp;%s</td><td>%s</td>"
                    "<td>%s</td></tr>" % (
                        esc(p.given), esc(p.surname.upper()), n[:4], n[4:8], n[8:],
                        fmt_date(p.dob, "dmy"),
                        ctx.pick(["HbA1c &gt; 9 %", "INR instable",
                                  "TA &gt; 160/100", "Chute récente"])))
    html = ('<html><body><p>Bonjour Dr&nbsp;%s,</p><p>Patients diabétiques / '
            'anticoagulés à revoir en priorité&nbsp;:</p><table border="1">'
            '<tr><th>Nom</th><th>NAM</th><th>Date de naissance</th><th>Motif</th>'
            '</tr>%s</table><p>%s</p></body></html>\n' % (
                esc(b.surname), "".join(rows), esc(a.name)))
    text = re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").replace(
        "&gt;", ">")
    return build(ctx, a.box, [b.box], "Patients à revoir en priorité",
                 body(ctx, text, html=html, style="html"))


@positive("clinical-note", 1)
def sti_partner_notification(ctx):
    inf = staff(ctx, "ciusss_cn", title="Infirmière, Clinique des ITSS")
    b = staff(ctx, "ciusss_cn", title="Infirmière, Santé publique")
    p = ctx.person(age=(18, 40))
    q = ctx.person(age=(18, 40))
    text = ("Bonjour %s,\n\nCas index : %s, né%s le %s, syphilis secondaire "
            "(VDRL 1:64), traité le %s. Partenaire déclaré : %s, %s, "
            "coordonnées inconnues sauf Instagram. Pouvez-vous faire "
            "l'intervention préventive auprès du partenaire?\n\n%s" % (
                b.given, p.full, p.e, fmt_date(p.dob, "dmy"),
                fmt_date(ctx.ago(1, 5), "fr_long"), q.full, "%d ans" % q.age(
                    ctx.today), inf.sign(ctx)))
    return build(ctx, inf.box, [b.box], "IPPAP – partenaire à joindre",
                 body(ctx, text), extra=[("Sensitivity", "Confidential")])


@positive("insurance-work", 1)
def needlestick_exposure(ctx):
    sst = staff(ctx, "hgm", title="Occupational health nurse")
    emp = ctx.person(age=(22, 60))
    src = ctx.person(age=(20, 80))
    b = staff(ctx, "hgm", title="Infectious diseases")
    text = ("Hi Dr %s,\n\nNeedle-stick exposure this morning: %s (RN, employee "
            "#%d) with a used butterfly. Source patient: %s, MRN %s, DOB %s, "
            "known HCV+ (viral load pending), HIV negative %s. Baseline bloods "
            "done on the employee. Please advise on follow-up.\n\n%s" % (
                b.surname, emp.full, ctx.rng.randint(10000, 99999), src.full,
                ctx.mrn(), fmt_date(src.dob, "mdy_us"),
                fmt_date(ctx.ago(30, 200), "en_short"),
                sst.sign(ctx, "en", "Occupational health nurse")))
    return build(ctx, sst.box, [b.box], "Needle-stick exposure - source pt",
                 body(ctx, text))


@positive("insurance-work", 1)
def lawyer_records(ctx):
    g, s, sx = make_staff(ctx.rng)
    law = ("Me %s %s" % (g, s), addr_of(g, s, "cabinet-avocats-lac.example"))
    arch = staff(ctx, "ciusss_est", title="Archives médicales")
    p = ctx.person(age=(20, 70))
    text = ("Madame, Monsieur,\n\nNous représentons %s (né%s le %s, NAM %s) "
            "dans le cadre d'une poursuite en responsabilité médicale. Notre "
            "client%s a subi une lésion du nerf sciatique lors d'une "
            "arthroplastie de la hanche le %s. Veuillez nous transmettre copie "
            "intégrale du dossier (protocole opératoire, notes infirmières, "
            "EMG). Autorisation signée jointe.\n\n%s\nAvocat%s" % (
                p.full, p.e, fmt_date(p.dob, "fr_long"), ctx.nam(p, "space"),
                p.e, fmt_date(ctx.ago(200, 600), "fr_long"), law[0],
                "e" if sx == "F" else ""))
    att = ctx.pdf("autorisation_signee.pdf", [
        "AUTORISATION DE COMMUNIQUER DES RENSEIGNEMENTS",
        "Je soussigné%s, %s, né%s le %s, autorise ..." % (
            p.e, p.full, p.e, fmt_date(p.dob, "dmy")),
        "Signature : ____________"])
    return build(ctx, law, [arch.box], "Demande de dossier – %s" % p.surname,
                 body(ctx, text, attachments=[att]))


@positive("patient-list", 1)
def billing_rejections(ctx):
    a = staff(ctx, "clinique_plateau", title="Agente de facturation")
    md = staff(ctx, "clinique_plateau")
    rows = [["nam", "date_service", "code_acte", "diagnostic", "msg_refus"]]
    for _ in range(ctx.rng.randint(5, 9)):
        p = ctx.person(age=(0, 95))
        rows.append([ctx.nam(p, "compact"), fmt_date(ctx.ago(20, 90), "iso"),
                     str(ctx.pick([8857, 15804, 8858, 15821, 9150])),
                     ctx.pick(["F32.9", "E11.9", "I10", "J45.9", "Z34.0", "B20"]),
                     ctx.pick(["NAM expiré", "Âge incompatible", "Acte déjà "
                               "facturé", "Date de naissance incohérente"])])
    att = ctx.csv("refus_RAMQ_%s.csv" % ctx.today.strftime("%Y%m"), rows,
                  delimiter=";")
    text = ("Bonjour Dr%s %s,\n\nVoici les demandes de paiement refusées par "
            "la RAMQ ce mois-ci. Les NAM expirés sont à faire corriger à la "
            "réception lors de la prochaine visite.\n\n%s" % (
                "e" if md.sex == "F" else "", md.surname, a.sign(ctx)))
    return build(ctx, a.box, [md.box], "Refus de facturation RAMQ",
                 body(ctx, text, attachments=[att]))


@positive("social-services", 1)
def school_medical_certificate(ctx):
    md = staff(ctx, "gmf_vallee")
    g, s, _ = make_staff(ctx.rng)
    sch = ("Secrétariat – École secondaire", "secretariat@ecole-des-sommets.example")
    kid = ctx.person(age=(12, 17))
    text = ("CERTIFICAT MÉDICAL\n\nJe certifie avoir examiné %s, né%s le %s, "
            "le %s. En raison d'une mononucléose infectieuse avec splénomégalie, "
            "l'élève doit être exempté%s des cours d'éducation physique et des "
            "sports de contact jusqu'au %s.\n\n%s\n%s" % (
                kid.full, kid.e, fmt_date(kid.dob, "dmy"),
                fmt_date(ctx.ago(0, 3), "fr_long"), kid.e,
                fmt_date(ctx.ahead(30, 60), "fr_long"), md.dr, md.org_name))
    return build(ctx, md.box, [sch], "Certificat médical – %s" % kid.full,
                 body(ctx, text))


@positive("insurance-work", 1)
def social_assistance_form(ctx):
    tsw = staff(ctx, "cisss_out", title="Travailleur social, CLSC")
    g, s, _ = make_staff(ctx.rng)
    agent = ("%s %s" % (g, s), addr_of(g, s, "solidarite-sociale.example"))
    p = ctx.person(age=(25, 60))
    text = ("Bonjour,\n\nJe vous transmets le rapport médical pour la demande "
            "de contraintes sévères à l'emploi de mon client :\n\n%s, né%s le "
            "%s\nNAS : %s\nDiagnostics : schizophrénie paranoïde, trouble lié à "
            "l'usage du cannabis; hospitalisations en %d et %d.\nLimitations : "
            "incapacité permanente à occuper un emploi.\n\n%s" % (
                p.full, p.e, fmt_date(p.dob, "iso"), ctx.sin("space"),
                ctx.today.year - 3, ctx.today.year - 1, tsw.sign(ctx)))
    return build(ctx, tsw.box, [agent], "Contraintes sévères – rapport médical",
                 body(ctx, text))


@positive("patient-or-family", 1)
def voicemail_transcript(ctx):
    frm = ("Microsoft Teams", "noreply@teams-voicemail.example")
    inf = staff(ctx, "gmf_vallee", title="Infirmière")
    p = ctx.person(age=(30, 85))
    nam = ctx.nam(p, "compact")
    spoken = " ".join(nam[:4]) + " " + " ".join(nam[4:])
    caller = ctx.phone()
    text = ("Vous avez reçu un message vocal de +1 %s (0 min 48 s).\n\n"
            "Transcription : « Oui bonjour c'est %s, mon numéro d'assurance "
            "maladie c'est %s, euh je rappelle pour mes résultats de "
            "biopsie de la prostate, la docteure devait m'appeler la semaine "
            "passée, vous pouvez me rappeler au %s merci. »\n\n"
            "La transcription peut contenir des erreurs." % (
                caller, p.full, spoken.lower(), caller))
    if p.sex == "F":
        text = text.replace("biopsie de la prostate", "biopsie du sein")
    return build(ctx, frm, [inf.box], "Message vocal de %s" % caller,
                 body(ctx, text))


@positive("lab-imaging", 1)
def fax_lab_pdf(ctx):
    frm = ("Fax Server", "fax@gmf-des-iles.example")
    md = staff(ctx, "gmf_iles")
    p = ctx.person(age=(1, 90))
    lines = ["RÉSULTATS DE LABORATOIRE – COPIE CONFORME",
             "Usager : %s   Sexe : %s   DDN : %s" % (p.last_first, p.sex,
                                                     fmt_date(p.dob, "iso")),
             "NAM : %s" % ctx.nam(p, "space"),
             "Prélevé : %s" % fmt_date(ctx.ago(1, 3), "iso"),
             "",
             "Culture d'urine : > 10^8 UFC/L E. coli BLSE",
             "Sensible : nitrofurantoïne, fosfomycine. Résistant : ciprofloxacine,",
             "ceftriaxone, TMP-SMX."]
    att = ctx.pdf("FAX%06d.pdf" % ctx.rng.randint(0, 999999), lines, compress=True)
    return build(ctx, frm, [md.box], "Télécopie de 418 555-0100 (1 page)",
                 body(ctx, "Nouvelle télécopie reçue.", style="plain",
                      attachments=[att]))

@negative("newsletter-social", 1)
def forwarded_newsletter(ctx):
    a = staff(ctx, "cisss_bsl", title="Conseillère en communication")
    b = staff(ctx, "cisss_bsl")
    inner_ctx = Ctx(ctx.kind, ctx.name + "-inner", ctx.variant)
    frm = ("Infolettre Réseau Santé", "nouvelles@reseau-sante-nouvelles.example")
    inner_text = ("À la une cette semaine\n\n- Ouverture de la nouvelle "
                  "maison des aînés de %s (72 places)\n- Le CISSS embauche 140 "
                  "préposés aux bénéficiaires\n- Portrait : une équipe de soins "
                  "palliatifs à domicile primée\n\nBonne lecture!" % ctx.pick(TOWNS))
    inner = build(inner_ctx, frm, [b.box], "Infolettre – À la une",
                  body(inner_ctx, inner_text, style="plain"))
    mime = Multi("mixed", [Leaf("text/plain", "Pour info, voir l'article sur "
                                "notre équipe!\n\n" + a.name, "utf-8",
                                "quoted-printable"), rfc822_part(ctx, inner)])
    return build(ctx, a.box, [b.box], "TR: Infolettre – À la une", mime)


@negative("meeting-event", 2)
def ics_attachment_meeting(ctx):
    a = staff(ctx, ctx.pick(["gmf_vallee", "cisss_out"]), title="Adjointe")
    inv = [staff(ctx, "gmf_vallee") for _ in range(3)]
    start = dt.datetime.combine(ctx.ahead(3, 20), dt.time(12, 0))
    ics = "\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//GMF//Agenda//FR",
        "BEGIN:VEVENT", "UID:%s" % irt(ctx, "uid"),
        "DTSTAMP:%s" % ctx.when.strftime("%Y%m%dT%H%M%SZ"),
        "DTSTART:%s" % start.strftime("%Y%m%dT%H%M%S"),
        "DTEND:%s" % (start + dt.timedelta(hours=1)).strftime("%Y%m%dT%H%M%S"),
        "SUMMARY:%s" % ctx.pick(["Dîner-conférence : nouveautés en diabète",
                                 "Réunion d'équipe GMF", "Formation PCI"]),
        "LOCATION:Salle de conférence 2", "END:VEVENT", "END:VCALENDAR", ""])
    att = ctx.textfile("invitation.ics", ics, "text/calendar")
    text = ("Bonjour,\n\nInvitation ci-jointe. Lunch fourni par le commanditaire "
            "(représentant pharmaceutique).\n\n%s" % a.name)
    return build(ctx, a.box, [i.box for i in inv], "Invitation – dîner-conférence",
                 body(ctx, text, attachments=[att]))


@negative("it-ops", 3)
def project_codes(ctx):
    a = staff(ctx, ctx.pick(["ciusss_cn", "chu_riv", "cisss_lau"]),
              title="Chargée de projet, Bureau de projets")
    to = ("Comité de pilotage", "copil@%s" % a.addr.split("@")[1])
    codes = [nam_shaped(ctx.rng, ctx.pick(["PROJ", "DMEQ", "INFR", "RENO"]),
                        ctx.chance(0.7)) for _ in range(4)]
    text = ("Bonjour,\n\nÉtat d'avancement des projets au %s :\n\n"
            "- %s – Déploiement DMÉ phase 2 : vert, 64 %%\n"
            "- %s – Remplacement des commutateurs réseau : jaune (retard "
            "fournisseur)\n- %s – Rénovation bloc opératoire : rouge, "
            "dépassement 12 %%\n- %s – Télésanté en région : vert\n\nBudget "
            "engagé : %d k$ sur %d k$.\n\n%s" % (
                fmt_date(ctx.today, "fr_long"), codes[0], codes[1], codes[2],
                codes[3], ctx.rng.randint(800, 4000), ctx.rng.randint(4000, 9000),
                a.sign(ctx)))
    return build(ctx, a.box, [to], "Tableau de bord des projets – %s" %
                 codes[0], body(ctx, text))


@negative("purchasing-logistics", 2)
def udi_implant_order(ctx):
    a = staff(ctx, "chu_riv", title="Agente, Magasin du bloc opératoire")
    g, s, _ = make_staff(ctx.rng)
    rep = ("%s %s" % (g, s), addr_of(g, s, "orthodevices-canada.example"))
    lines = []
    for _ in range(4):
        gtin = luhn_complete("%013d" % ctx.rng.randint(10**12, 10**13 - 1))
        exp = ctx.ahead(300, 1500)
        lines.append("(01)%s(17)%s(10)%s  %s" % (
            gtin, exp.strftime("%y%m%d"), "%s%05d" % (ctx.pick(["K", "LT", "B"]),
                                                      ctx.rng.randint(0, 99999)),
            ctx.pick(["Tige fémorale cimentée taille 4", "Cupule acétabulaire 52 mm",
                      "Insert polyéthylène 32 mm", "Vis corticale 4,5 x 40 mm"])))
    text = ("Bonjour %s,\n\nRéapprovisionnement du consignement (codes IUD "
            "scannés) :\n\n%s\n\nMerci de livrer avant mardi.\n\n%s" % (
                g, "\n".join(lines), a.sign(ctx)))
    return build(ctx, a.box, [rep], "Consignement – réapprovisionnement",
                 body(ctx, text))


@negative("admin-hr", 1)
def mileage_claim(ctx):
    a = staff(ctx, "cisss_at", title="Infirmière SAD")
    b = staff(ctx, "cisss_at", title="Technicienne, Finances")
    rows = [["date", "trajet", "km", "taux", "montant"]]
    for _ in range(6):
        km = ctx.rng.randint(12, 180)
        rows.append([fmt_date(ctx.ago(1, 30), "iso"),
                     "%s - %s" % (ctx.pick(TOWNS), ctx.pick(TOWNS)), str(km),
                     "0,545", "%.2f" % (km * 0.545)])
    att = ctx.csv("kilometrage_%s.csv" % ctx.today.strftime("%Y%m"), rows,
                  delimiter=";")
    text = ("Bonjour,\n\nMa réclamation de kilométrage du mois (matricule %d, "
            "centre d'activités 7%04d) est jointe.\n\n%s" % (
                ctx.rng.randint(100000, 999999), ctx.rng.randint(0, 9999), a.name))
    return build(ctx, a.box, [b.box], "Réclamation de kilométrage",
                 body(ctx, text, attachments=[att]))


@negative("guideline-notice", 1)
def nam_algorithm_webinar(ctx):
    frm = ("INSPQ – Formation", "formation@inspq-webinaires.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, "ciusss-cn.example"))
    text = ("Webinaire : qualité des données d'identification\n\n%s, 12 h à 13 h\n"
            "\nAu programme : structure du numéro d'assurance maladie (4 lettres "
            "tirées du nom et du prénom, 6 chiffres de la date de naissance avec "
            "le mois augmenté de 50 pour les femmes, un chiffre administratif et "
            "un chiffre de contrôle), erreurs fréquentes de saisie et outils de "
            "validation. Exemple présenté : ABCD 1234 5678 (fictif, invalide).\n\n"
            "Inscription gratuite." % fr_day(ctx.ahead(7, 30)).capitalize())
    return build(ctx, frm, [to], "Webinaire – qualité des données "
                 "d'identification", body(ctx, text, style="alt"))


@negative("research", 1)
def scientific_abstract(ctx):
    a = staff(ctx, "chu_riv", title="Chercheuse")
    b = staff(ctx, "chu_riv", title="Co-chercheur")
    text = ("Salut %s,\n\nVoici la version finale du résumé pour le congrès :\n\n"
            "Contexte : Les réadmissions à 30 jours après une insuffisance "
            "cardiaque restent fréquentes. Méthodes : cohorte rétrospective de "
            "2 318 hospitalisations (2019-2023) dans 4 hôpitaux régionaux. "
            "Résultats : âge médian 79 ans (EIQ 70-86), 48 %% de femmes; taux de "
            "réadmission 22,4 %%; le suivi téléphonique infirmier était associé "
            "à une réduction de 31 %% (RC ajusté 0,69; IC 95 %% 0,55-0,86). "
            "Conclusion : ...\n\n%s" % (b.given, a.name))
    return build(ctx, a.box, [b.box], "Résumé congrès – version finale",
                 body(ctx, text))


@negative("newsletter-social", 1)
def press_release(ctx):
    frm = ("Communications", "communications@cisss-bsl.example")
    to = ("Médias et partenaires", "medias@cisss-bsl.example")
    text = ("COMMUNIQUÉ – Pour diffusion immédiate\n\nOuverture de la nouvelle "
            "maison de naissance de %s\n\nLe CISSS est heureux d'annoncer "
            "l'ouverture, le %s, d'une maison de naissance de 4 chambres. On y "
            "prévoit 250 accouchements par année. « C'est une excellente "
            "nouvelle pour les familles », a déclaré la PDG, Mme %s %s.\n\n"
            "Source : Service des communications\n-30-" % (
                ctx.pick(TOWNS), fmt_date(ctx.ahead(20, 60), "fr_long"),
                *make_staff(ctx.rng, "F")[:2]))
    return build(ctx, frm, [to], "COMMUNIQUÉ – Nouvelle maison de naissance",
                 body(ctx, text))


@negative("newsletter-social", 1)
def users_committee(ctx):
    frm = ("Comité des usagers", "comite-usagers@ciusss-mcq.example")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Le Comité des usagers vous informe\n\nVos droits en tant qu'usager "
            "du réseau : droit à l'information, droit de consentir aux soins, "
            "droit d'accès à votre dossier, droit de porter plainte. Notre "
            "assemblée générale annuelle aura lieu le %s à 19 h. Bienvenue à "
            "tous les usagers et à leurs proches!" % fmt_date(ctx.ahead(10, 40),
                                                              "fr_long"))
    return build(ctx, frm, [to], "Vos droits en tant qu'usager – AGA",
                 body(ctx, text, style="html"))


@negative("admin-hr", 1)
def interview_invite(ctx):
    a = staff(ctx, "ciusss_est", title="Conseillère en acquisition de talents")
    g, s, _ = make_staff(ctx.rng)
    to = ("%s %s" % (g, s), addr_of(g, s, ctx.pick(WEBMAIL)))
    text = ("Bonjour %s,\n\nNous aimerions vous rencontrer pour le poste de "
            "technologiste médicale (affichage %d-%04d). Entrevue le %s à 10 h, "
            "pavillon principal, local 1-204. Veuillez apporter vos diplômes et "
            "votre permis de l'OPTMQ.\n\n%s" % (
                g, ctx.today.year, ctx.rng.randint(0, 9999),
                fr_day(ctx.ahead(3, 10)), a.sign(ctx)))
    return build(ctx, a.box, [to], "Invitation à une entrevue", body(ctx, text))


@negative("aggregate-stats", 1)
def budget_csv(ctx):
    a = staff(ctx, "cisss_lau", title="Analyste financière")
    b = staff(ctx, "cisss_lau", title="Directrice des finances")
    rows = [["centre_activite", "libelle", "budget", "reel", "ecart"]]
    for ca, lib in [("6060", "Soins infirmiers – médecine"), ("6070",
                    "Chirurgie"), ("6300", "Urgence"), ("6800", "Imagerie"),
                    ("7531", "Soutien à domicile"), ("7700", "Hygiène et "
                                                             "salubrité")]:
        bud = ctx.rng.randint(500, 9000) * 1000
        real = int(bud * ctx.rng.uniform(0.9, 1.15))
        rows.append([ca, lib, str(bud), str(real), str(real - bud)])
    att = ctx.csv("suivi_budgetaire_P%02d.csv" % ctx.rng.randint(1, 13), rows)
    text = ("Bonjour %s,\n\nSuivi budgétaire de la période joint. Écart "
            "défavorable principalement au temps supplémentaire et à la main-"
            "d'œuvre indépendante.\n\n%s" % (b.given, a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Suivi budgétaire", body(ctx, text,
                                                             attachments=[att]))


@negative("aggregate-stats", 1)
def election_results(ctx):
    frm = ("Présidente d'élection", "election-cii@chu-riviere.example")
    to = ("Membres du CII", "cii@chu-riviere.example")
    names = ["%s %s" % make_staff(ctx.rng)[:2] for _ in range(4)]
    text = ("Résultats de l'élection au comité exécutif du Conseil des "
            "infirmières et infirmiers :\n\n%s\n\nTaux de participation : %d %%. "
            "Félicitations aux personnes élues!" % (
                "\n".join("- %s : %d votes%s" % (n, ctx.rng.randint(20, 300),
                                                  " (élue)" if i < 2 else "")
                          for i, n in enumerate(names)), ctx.rng.randint(15, 45)))
    return build(ctx, frm, [to], "Résultats de l'élection – CII", body(ctx, text))


@negative("purchasing-logistics", 1)
def admin_dossier_number(ctx):
    a = staff(ctx, "ciusss_mcq", title="Conseiller juridique, Contrats")
    b = staff(ctx, "ciusss_mcq", title="Approvisionnement")
    text = ("Bonjour %s,\n\nConcernant le dossier d'appel d'offres no %d-%04d "
            "(services de buanderie), le numéro de dossier SEAO est %d. La "
            "date limite de dépôt des soumissions est le %s à 14 h. Deux "
            "addendas ont été publiés (dossier 2 et 3).\n\n%s" % (
                b.given, ctx.today.year, ctx.rng.randint(0, 9999),
                ctx.rng.randint(10**6, 10**7), fmt_date(ctx.ahead(10, 40), "iso"),
                a.sign(ctx)))
    return build(ctx, a.box, [b.box], "Dossier d'appel d'offres – dates",
                 body(ctx, text))


@negative("guideline-notice", 1)
def lab_qc_westgard(ctx):
    a = staff(ctx, "cisss_at", title="Technologiste, Contrôle de qualité")
    b = staff(ctx, "cisss_at", title="Biochimiste clinique")
    text = ("Bonjour,\n\nRègle de Westgard 2-2s violée sur le contrôle niveau 2 "
            "de la créatinine (lot QC %d, exp. %s) : 2 valeurs consécutives à "
            "+2,3 ET. Calibration refaite (lot calibrateur %s), contrôles "
            "conformes depuis 09 h 40. Aucune reprise d'analyses patients "
            "nécessaire selon l'évaluation du risque.\n\n%s" % (
                ctx.rng.randint(10000, 99999), ctx.ahead(60, 400).strftime("%Y-%m"),
                "CAL%06d" % ctx.rng.randint(0, 999999), a.sign(ctx)))
    return build(ctx, a.box, [b.box], "CQ créatinine – règle 2-2s",
                 body(ctx, text))


@negative("it-ops", 1)
def stolen_laptop_notice(ctx):
    a = staff(ctx, "cisss_out", title="Conseiller en sécurité de l'information")
    to = ("Direction générale", "dg@cisss-outaouais.example")
    tag = nam_shaped(ctx.rng, "LAPT", True)
    text = ("Bonjour,\n\nUn ordinateur portable (actif %s) a été volé dans un "
            "véhicule hier soir. Le disque est chiffré (BitLocker, clé "
            "récupérée), le compte a été désactivé et aucune donnée d'usager "
            "n'était stockée localement selon l'analyse. Aucun incident de "
            "confidentialité à déclarer à la CAI.\n\n%s" % (tag, a.sign(ctx)))
    return build(ctx, a.box, [to], "Vol d'un portable – analyse", body(ctx, text))


@negative("aggregate-stats", 1)
def privacy_incidents_summary(ctx):
    a = staff(ctx, "ciusss_est", title="Responsable de la protection des "
              "renseignements personnels")
    to = ("Comité de direction", "codir@ciusss-estrie.example")
    text = ("Bonjour,\n\nBilan annuel des incidents de confidentialité : %d "
            "incidents déclarés (%d courriels mal adressés, %d télécopies "
            "erronées, %d accès non autorisés au DMÉ, %d pertes de documents). "
            "%d incidents présentaient un risque de préjudice sérieux et ont été "
            "déclarés à la Commission d'accès à l'information.\n\n%s" % (
                ctx.rng.randint(80, 200), ctx.rng.randint(20, 60),
                ctx.rng.randint(10, 40), ctx.rng.randint(5, 30),
                ctx.rng.randint(1, 10), ctx.rng.randint(2, 8), a.sign(ctx)))
    return build(ctx, a.box, [to], "Bilan annuel – incidents de confidentialité",
                 body(ctx, text))


@negative("template-spec", 1)
def fhir_spec_example_patient(ctx):
    a = staff(ctx, "chu_riv", title="Formatrice, Interopérabilité")
    to = ("Participants formation FHIR", "formation-fhir@chu-riviere.example")
    res = {"resourceType": "Patient", "id": "example",
           "text": {"status": "generated",
                    "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Exemple "
                           "fictif</div>"},
           "identifier": [{"system": "http://exemple.org/identifiants",
                           "value": "XXXX00000000"}],
           "name": [{"family": "Exemple", "given": ["Patient"]}],
           "gender": "unknown"}
    js = json.dumps(res, indent=2, ensure_ascii=False)
    att = ctx.attach("patient-example.json", js.encode(), "application/fhir+json",
                     js)
    text = ("Bonjour,\n\nPour l'exercice de jeudi, utilisez la ressource "
            "Patient d'exemple jointe (entièrement fictive, identifiant "
            "factice). Vous devrez la compléter avec des données synthétiques "
            "générées par Synthea.\n\n%s" % a.sign(ctx))
    return build(ctx, a.box, [to], "Exercice FHIR – ressource d'exemple",
                 body(ctx, text, attachments=[att]))


@negative("newsletter-social", 1)
def pharma_marketing(ctx):
    frm = ("PharmaCanada Médical", "info@pharmacanada-medical.example")
    md = make_staff(ctx.rng)
    to = ("Dr %s %s" % md[:2], addr_of(md[0], md[1], "clinique-plateau.example"))
    text = ("Docteur,\n\nNouveau : indication élargie pour le traitement de "
            "l'insuffisance cardiaque chez les patients adultes, peu importe la "
            "fraction d'éjection. Posologie : 10 mg une fois par jour. Couvert "
            "par la RAMQ (médicament d'exception, code CV%d).\n\nÉchantillons "
            "disponibles sur demande. Monographie : pharmacanada-medical.example"
            % ctx.rng.randint(100, 199))
    return build(ctx, frm, [to], "Nouvelle indication – insuffisance cardiaque",
                 body(ctx, text, style="html"))


@negative("admin-hr", 1)
def staff_schedule_csv(ctx):
    a = staff(ctx, "cisss_bsl", title="Agente de gestion du personnel")
    b = staff(ctx, "cisss_bsl", title="Cheffe d'unité")
    rows = [["matricule", "nom", "titre_emploi", "quart", "date", "unite"]]
    for _ in range(10):
        e = make_staff(ctx.rng)
        rows.append([str(ctx.rng.randint(100000, 999999)), "%s %s" % e[:2],
                     ctx.pick(["2471 Inf. aux.", "1911 Inf.", "3480 PAB"]),
                     ctx.pick(["J", "S", "N"]), fmt_date(ctx.ahead(1, 14), "iso"),
                     ctx.pick(["3A", "3B", "4C"])])
    att = ctx.csv("horaire_2_semaines.csv", rows)
    text = ("Bonjour %s,\n\nHoraire des deux prochaines semaines joint, avec "
            "les remplacements confirmés.\n\n%s" % (b.given, a.name))
    return build(ctx, a.box, [b.box], "Horaire – 2 semaines",
                 body(ctx, text, attachments=[att]))


@negative("research", 1)
def grant_newsletter(ctx):
    frm = ("Centre de recherche", "cr-nouvelles@chu-riviere.example")
    to = ("Chercheurs", "chercheurs@chu-riviere.example")
    text = ("Occasions de financement\n\n- FRQS : bourses de chercheurs-"
            "boursiers, date limite %s\n- IRSC : subventions Projet, "
            "automne\n- Fondation : concours interne 25 000 $\n\nRappel : "
            "toute demande impliquant des données de santé doit être approuvée "
            "par le CER et le DSP." % fmt_date(ctx.ahead(20, 80), "fr_long"))
    return build(ctx, frm, [to], "Occasions de financement", body(ctx, text))


@negative("deidentified-clinical", 2)
def mortality_review_aggregate(ctx):
    a = staff(ctx, "hgm", title="Quality improvement lead")
    to = ("Department of Medicine", "medicine-dept@hgmo.example")
    text = ("Hi all,\n\nQuarterly mortality review: %d in-hospital deaths "
            "(crude rate %.1f%%), %d flagged for review, %d judged potentially "
            "preventable (delayed sepsis recognition x2, anticoagulation "
            "error x1). Individual cases will be discussed in the closed M&M "
            "session only.\n\n%s" % (
                ctx.rng.randint(40, 120), ctx.rng.uniform(2, 5),
                ctx.rng.randint(5, 15), ctx.rng.randint(1, 4),
                a.sign(ctx, "en", "Quality improvement lead")))
    return build(ctx, a.box, [to], "Quarterly mortality review", body(ctx, text))

# ===========================================================================
# MAIN: generation and self-check
# ===========================================================================

def slugify(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:48]


def generate_all():
    self_test_algorithms()
    out = []      # (relpath, bytes, label, category, ctx)
    for label, registry in (("positive", POSITIVES), ("negative", NEGATIVES)):
        idx = 0
        for name, category, n, f in registry:
            for v in range(n):
                idx += 1
                ctx = Ctx(label, name, v)
                data = f(ctx)
                slug = slugify(ctx.slug or name)
                rel = "%s/%03d-%s.eml" % (label, idx, slug)
                out.append((rel, data, label, category, ctx))
    return out


def _decoded_texts(msg):
    """All decoded text of a parsed message (headers, bodies, attachments)."""
    import email.policy
    texts = []
    for k in ("Subject", "From", "To", "Cc"):
        if msg[k] is not None:
            texts.append(str(msg[k]))
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        ctype = part.get_content_type()
        if part.get_filename() is None and ctype == "text/html":
            import html as _html
            texts.append(_html.unescape(re.sub(r"<[^>]+>", " ",
                                               part.get_content())))
        elif part.get_filename() is None and ctype.startswith("text/"):
            texts.append(part.get_content())
        elif ctype.startswith("text/") or ctype.endswith("json") or \
                "hl7" in ctype:
            cs = part.get_content_charset() or "utf-8"
            texts.append(payload.decode(cs))
    return texts


def check_one(rel, data, label, ctx):
    import email
    import email.policy
    problems = []
    if b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        problems.append("bare CR or LF")
    if not data.isascii():
        problems.append("non-ASCII byte")
    for ln in data.split(b"\r\n"):
        if len(ln) > 998:
            problems.append("line over 998 octets")
            break
    head = data.split(b"\r\n\r\n", 1)[0]
    for ln in head.split(b"\r\n"):
        if len(ln) > 78 and not ln.startswith(b" boundary"):
            problems.append("header line over 78: %r" % ln[:60])
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for h in ("From", "To", "Date", "Message-ID", "Subject", "MIME-Version"):
        if msg[h] is None:
            problems.append("missing " + h)
    str(msg["Subject"]), str(msg["From"]), str(msg["To"])
    import email.header
    old = email.message_from_bytes(data, policy=email.policy.compat32)
    for h in ("Subject", "From", "To", "Cc"):
        if old[h] is None:
            continue
        legacy = str(email.header.make_header(email.header.decode_header(
            old[h]))).replace("\r\n", "").replace("\n", "")
        if str(msg[h]).replace('"', "") != legacy.replace('"', ""):
            problems.append("%s decodes differently in the two email APIs" % h)
    for h in ("From", "To", "Cc", "Reply-To"):
        if msg[h] is None:
            continue
        for a in msg[h].addresses:
            if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]|\.(?!\.))*[a-z0-9]"
                                r"@[a-z0-9-]+(?:\.[a-z0-9-]+)+", a.addr_spec):
                problems.append("bad address in %s: %r" % (h, a.addr_spec))
    if msg["Date"].datetime is None:
        problems.append("bad date")
    for part in msg.walk():
        if part.defects:
            problems.append("defects %s in %s" % (part.defects,
                                                  part.get_content_type()))
    if msg.defects:
        problems.append("message defects %s" % msg.defects)
    # attachments decode to exactly what was built
    got = {}
    for part in msg.walk():
        fn = part.get_filename()
        if fn and not part.is_multipart():
            got[fn] = part.get_payload(decode=True)
    for fn, raw in ctx.att:
        if got.get(fn) != raw:
            problems.append("attachment %s does not round-trip" % fn)
            continue
        low = fn.lower()
        if low.endswith((".zip", ".docx")):
            z = zipfile.ZipFile(io.BytesIO(raw))
            if z.testzip() is not None:
                problems.append("bad zip " + fn)
            if low.endswith(".docx"):
                import xml.etree.ElementTree as ET
                ET.fromstring(z.read("word/document.xml"))
                ET.fromstring(z.read("[Content_Types].xml"))
        if low.endswith(".pdf"):
            if not (raw.startswith(b"%PDF-1.") and raw.endswith(b"%%EOF\n")):
                problems.append("bad pdf " + fn)
            sx = int(raw.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
            if not raw[sx:].startswith(b"xref"):
                problems.append("bad startxref " + fn)
            table = raw[sx:].split(b"\n")
            count = int(table[1].split()[1])
            for i in range(1, count):
                off = int(table[2 + i][:10])
                if not raw[off:].startswith(b"%d 0 obj" % i):
                    problems.append("bad xref %s obj %d" % (fn, i))
        if low.endswith(".json"):
            json.loads(raw.decode("utf-8"))
        if low.endswith((".hl7", ".txt")) and raw.startswith(b"MSH"):
            if not raw.startswith(b"MSH|^~\\&|"):
                problems.append("bad hl7 " + fn)
        if low.endswith(".png") and not raw.startswith(b"\x89PNG"):
            problems.append("bad png " + fn)
    # identifiers: validity and presence
    texts = _decoded_texts(msg) + ctx.att_text
    blob = re.sub(r"[\s\-.\u00a0]", "", " ".join(texts)).upper()
    for kind, value, ok in ctx.ids:
        valid = {"nam": lambda x: nam_valid(x) is not None, "sin": sin_valid,
                 "ohip": ohip_valid, "phn": bc_phn_valid}[kind](value)
        if valid != ok:
            problems.append("%s %s validity %s, expected %s" % (kind, value,
                                                                valid, ok))
        if value.upper() not in blob:
            problems.append("%s %s not found in message" % (kind, value))
    return problems


def main():
    check_only = "--check" in sys.argv
    items = generate_all()
    all_problems = []
    seen = set()
    total = 0
    for rel, data, label, cat, ctx in items:
        assert rel not in seen
        seen.add(rel)
        total += len(data)
        for pr in check_one(rel, data, label, ctx):
            all_problems.append("%s: %s" % (rel, pr))
    rows = [("file", "label", "category")] + [
        (rel, label, cat) for rel, _, label, cat, _ in items]
    labels = make_csv(rows, ",", "utf-8").replace(b"\r\n", b"\n")
    if all_problems:
        print("\n".join(all_problems))
        print("%d problem(s)" % len(all_problems))
        sys.exit(1)
    assert total < 2 * 1024 * 1024, total
    if check_only:
        bad = 0
        for rel, data, *_ in items:
            path = os.path.join(HERE, rel)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                print("differs: " + rel)
                bad += 1
        if open(os.path.join(HERE, "labels.csv"), "rb").read() != labels:
            print("differs: labels.csv")
            bad += 1
        print("check: %d file(s) differ" % bad)
        sys.exit(1 if bad else 0)
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for fn in os.listdir(d):
            if fn.endswith(".eml"):
                os.remove(os.path.join(d, fn))
    for rel, data, *_ in items:
        with open(os.path.join(HERE, rel), "wb") as fh:
            fh.write(data)
    with open(os.path.join(HERE, "labels.csv"), "wb") as fh:
        fh.write(labels)
    npos = sum(1 for i in items if i[2] == "positive")
    digest = hashlib.sha256(b"".join(i[1] for i in items) + labels).hexdigest()
    print("wrote %d positive, %d negative, %d bytes, sha256 %s" % (
        npos, len(items) - npos, total, digest[:16]))


if __name__ == "__main__":
    main()
