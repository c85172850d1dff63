#!/usr/bin/env python3
"""Generate the Sentinelle held-out corpus of *file forms* (tests/holdout/forms).

The plain-mail corpus one folder up (../generate.py) tests what a message says.
This one tests where it is said: screen captures, scans, faxes, scanned PDFs,
fillable PDFs, pictures inside Office files, hidden Office parts, legacy
Office, RTF, UTF-16/32 text and tar/gzip archives.  The mail body is always
neutral ("Tel que discuté, voir le document joint."), so the attachment alone
decides the label.

    python3 generate.py              # (re)write positive/, negative/, labels.csv, README.md
    python3 generate.py --check      # regenerate in memory, compare with disk
    python3 generate.py --reconvert  # also re-run LibreOffice for legacy-office
    python3 generate.py --ocr        # diagnostic: OCR every rendered picture
                                     # with tesseract and list missed identifiers

Python 3 with Pillow.  Everything comes from a fixed seed; the clock is never
read.  LibreOffice output (.doc/.xls/.ppt) is not byte-deterministic, so the
converted files are taken from the committed .eml files (checked against
legacy-office.sha256) unless --reconvert is given.

All people, numbers and organisations are fictitious: the fake-people rules
and identifier algorithms are imported from ../generate.py.  Written without
reading src/, rules/, tests/corpus/ or tests/data/, and Sentinelle was never
run on it.
"""

import base64
import datetime as dt
import functools
import gzip
import hashlib
import importlib.util
import io
import math
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
import zipfile
import zlib
import xml.etree.ElementTree as ET

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250317


def _load_base():
    path = os.path.join(HERE, "..", "generate.py")
    spec = importlib.util.spec_from_file_location("holdout_base", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


B = _load_base()
fmt_nam, fmt_date, nam_valid, sin_valid = (B.fmt_nam, B.fmt_date, B.nam_valid,
                                           B.sin_valid)
Leaf, Multi, esc = B.Leaf, B.Multi, B.esc

# ---------------------------------------------------------------------------
# Deterministic randomness and message context
# ---------------------------------------------------------------------------


def sub_rng(*key):
    h = hashlib.sha256(("%d|" % SEED + "|".join(map(str, key))).encode())
    return random.Random(int.from_bytes(h.digest()[:8], "big"))


class Ctx(B.Ctx):
    """The base corpus' message context, with this corpus' own seed."""

    def __init__(self, kind, name, variant, category):
        self.kind, self.name, self.variant = "forms-" + kind, name, variant
        self.label, self.category = kind, category
        self.rng = sub_rng(kind, name, variant)
        r = self.rng
        day = B.rand_date(r, dt.date(2024, 9, 3), dt.date(2025, 6, 27))
        if day.weekday() >= 5:
            day -= dt.timedelta(days=day.weekday() - 4)
        hour = r.randint(7, 17) if r.random() < 0.85 else r.choice([6, 19, 21])
        self.when = dt.datetime(day.year, day.month, day.day, hour,
                                r.randint(0, 59), r.randint(0, 59))
        self.today = self.when.date()
        self.ids = []          # (kind, value, expect_valid)
        self.att = []          # (filename, bytes)
        self.att_text = []     # text drawn into / written into attachments
        self.att_meta = []     # (filename, expectations dict) for the checker
        self.pictures = []     # (where, PIL image) for the optional OCR pass
        self.slug = None
        self.lang = "fr"

    def mrn_no(self, style=None):
        return B.mrn(self.rng, style)

    def sin_no(self, style="space"):
        return self.sin(style)

    def words(self, *texts):
        for t in texts:
            self.att_text.append(t)

    def picture(self, where, im):
        self.pictures.append((where, im))
        return im

    def file(self, filename, data, ctype, text=None, inline=False, cid=None,
             params=None, **expect):
        """Attach a file. expect: hints for the self-check (kind=...)."""
        self.att.append((filename, data))
        if text:
            self.att_text.append(text)
        self.att_meta.append((filename, expect))
        return Leaf(ctype, data, filename=filename, cte="base64",
                    disposition="inline" if inline else "attachment",
                    content_id=cid, params=params)


# ---------------------------------------------------------------------------
# People, establishments, outside recipients
# ---------------------------------------------------------------------------

ORG_ADDR = {
    "cisss_bsl": "150, avenue Rouleau, Rimouski (QC) G5L 5T1",
    "ciusss_mcq": "1991, boul. du Carmel, Trois-Rivières (QC) G8Z 3R9",
    "ciusss_est": "3001, 12e Avenue Nord, Sherbrooke (QC) J1H 5N4",
    "cisss_out": "116, boul. Lionel-Émond, Gatineau (QC) J8Y 1W7",
    "ciusss_cn": "2601, ch. de la Canardière, Québec (QC) G1J 2G3",
    "cisss_lau": "500, boul. des Laurentides, Saint-Jérôme (QC) J7Z 4M2",
    "cisss_at": "9, rue Doctor-Cloutier, Rouyn-Noranda (QC) J9X 2B9",
    "chu_riv": "1200, rue de la Rivière, Québec (QC) G1V 0A6",
    "hgm": "1650, Cedar Avenue West, Montréal (QC) H3G 1A4",
    "gmf_iles": "430, ch. Principal, Cap-aux-Meules (QC) G4T 1R9",
    "gmf_vallee": "75, rue Saint-Jean, Saint-Hyacinthe (QC) J2S 3B1",
    "clinique_plateau": "4280, rue Saint-Denis, Montréal (QC) H2J 2K8",
}
ORG_KEYS = list(ORG_ADDR)
HOSPITALS = ["ciusss_mcq", "ciusss_est", "cisss_out", "ciusss_cn", "chu_riv",
             "cisss_bsl", "cisss_lau", "cisss_at"]
CLINICS = ["gmf_iles", "gmf_vallee", "clinique_plateau"]

OUTSIDE = {
    "pharmacy": [("Pharmacie Lapointe et Gosselin",
                  "labo@pharmacie-lapointe.example"),
                 ("Pharmacie du Carrefour", "ordonnances@pharmaciecarrefour.example"),
                 ("Pharmacie Huard-Bisson", "pharmacien@huard-bisson.example")],
    "clinic": [("Clinique d'orthopédie Rive-Sud", "secretariat@ortho-rivesud.example"),
               ("Centre de cardiologie Laval", "rendezvous@cardiolaval.example"),
               ("Radiologie Saint-Laurent", "requetes@radio-stlaurent.example"),
               ("Clinique de physiothérapie Boréale", "info@physioboreale.example"),
               ("Dermatologie des Cantons", "accueil@dermacantons.example")],
    "insurer": [("Assurances Boréal – Réclamations",
                 "reclamations@assurances-boreal.example"),
                ("Mutuelle Laurentienne", "invalidite@mutuelle-laurentienne.example")],
    "lawyer": [("Me Caroline Drouin", "cdrouin@drouin-avocats.example"),
               ("Cabinet Lachance Vézina", "greffe@lachance-vezina.example")],
    "supplier": [("Fournitures médicales Nordik", "ventes@nordik-medical.example"),
                 ("Distribution Santé Plus", "commandes@dsplus.example"),
                 ("Imprimerie Laurentienne", "devis@imprimerie-laurentienne.example")],
    "consultant": [("Conseil TI Horizon", "soutien@horizon-ti.example"),
                   ("Firme Rioux Analytique", "projets@rioux-analytique.example")],
    "agency": [("Agence Soins Express", "affectations@soins-express.example"),
               ("Placement Infirmier Québec", "rh@placement-inf.example")],
    "university": [("Faculté de médecine – stages", "stages@fmed-univ.example"),
                   ("Département de santé publique", "dsp@univ-sante.example")],
    "payroll": [("Paie Express inc.", "dossiers@paie-express.example"),
                ("Service de paie externe", "paie@gestion-paie.example")],
}


def outside(ctx, kind=None):
    if kind is None or ctx.chance(0.25):
        if ctx.chance(0.35):
            g, s, _ = B.make_staff(ctx.rng)
            return ("%s %s" % (g, s),
                    B.addr_of(g, s, ctx.pick(B.WEBMAIL), ctx.pick(["dot", "initial"])))
        kind = kind or ctx.pick(sorted(OUTSIDE))
    return ctx.pick(OUTSIDE[kind])


CLERK_TITLES_F = ["Agente administrative", "Secrétaire médicale",
                  "Adjointe administrative", "Agente de gestion du personnel"]
CLERK_TITLES_M = ["Agent administratif", "Commis aux archives médicales",
                  "Technicien en administration"]


def sender(ctx, org=None, role=None, lang=None):
    """A physician or a clerk of a .example establishment."""
    lang = lang or ctx.lang
    org = org or ctx.pick(ORG_KEYS)
    role = role or ctx.pick(["md", "md", "clerk"])
    if role == "md":
        sex = ctx.pick("FM")
        spec = ctx.pick(["Médecin de famille", "Interniste", "Psychiatre",
                         "Chirurgien", "Pédiatre", "Gériatre", "Cardiologue"])
        if lang == "en":
            spec = {"Médecin de famille": "Family physician",
                    "Interniste": "Internal medicine", "Psychiatre": "Psychiatrist",
                    "Chirurgien": "Surgeon", "Pédiatre": "Pediatrician",
                    "Gériatre": "Geriatrician", "Cardiologue": "Cardiologist"}[spec]
        elif sex == "F" and spec in ("Chirurgien", "Cardiologue"):
            spec = {"Chirurgien": "Chirurgienne"}.get(spec, spec)
        st = B.Staff(ctx.rng, org, sex, spec)
        st.display = st.dr
    else:
        sex = ctx.pick("FM")
        title = ctx.pick(CLERK_TITLES_F if sex == "F" else CLERK_TITLES_M)
        if lang == "en":
            title = ctx.pick(["Medical secretary", "Administrative assistant",
                              "Health records clerk"])
        st = B.Staff(ctx.rng, org, sex, title)
        st.display = st.name
    st.org = org
    st.role = role
    return st


BODIES_FR = [
    "Bonjour,\n\nTel que discuté, voir le document joint.\n\nMerci,",
    "Bonjour,\n\nVoici le document demandé.\n\nBonne journée,",
    "Bonjour,\n\nCi-joint le fichier, pour suite à donner.\n\nCordialement,",
    "Rebonjour,\n\nJe vous transmets la pièce jointe comme convenu au "
    "téléphone.\n\nMerci,",
    "Bonjour,\n\nVous trouverez le fichier en pièce jointe. N'hésitez pas si "
    "vous avez des questions.\n\nCordialement,",
    "Bonjour,\n\nPour votre information.\n\nMerci,",
    "Bonjour,\n\nTel que demandé ce matin, voir la pièce jointe.\n\n"
    "Bonne fin de journée,",
    "Bonjour,\n\nSuite à notre conversation, je vous envoie le fichier.\n\n"
    "Au plaisir,",
]
BODIES_EN = [
    "Hi,\n\nAs discussed, please see the attached document.\n\nThanks,",
    "Hello,\n\nHere is the file you asked for.\n\nBest regards,",
    "Hi,\n\nPlease find the attachment, as discussed on the phone.\n\nThanks,",
    "Hello,\n\nFor your information, see attached.\n\nRegards,",
]
SUBJECTS_FR = ["Document", "Tel que discuté", "Suivi", "Pièce jointe",
               "Envoi du document", "TR: document", "Fichier demandé",
               "Pour info", "Voir pièce jointe", "RE: suivi", "Document demandé",
               "Envoi", "TR: envoi", "Demande"]
SUBJECTS_EN = ["Document", "As discussed", "Follow-up", "Attachment",
               "FW: document", "FYI", "Requested file", "RE: follow-up"]


def neutral_body(ctx, lead=None):
    pool = BODIES_EN if ctx.lang == "en" else BODIES_FR
    text = ctx.pick(pool)
    if lead:
        text = text.split("\n\n")[0] + "\n\n" + lead + "\n\n" + \
            text.split("\n\n")[-1]
    return text


def subject(ctx, extra=()):
    pool = (SUBJECTS_EN if ctx.lang == "en" else SUBJECTS_FR) + list(extra)
    return ctx.pick(pool)


def send(ctx, frm, attachments, subj=None, lead=None, to=None, kind=None,
         text=None, related=(), html=None, style=None):
    """Assemble a message whose body is neutral; attachments decide."""
    to = to or outside(ctx, kind)
    text = text or neutral_body(ctx, lead)
    text += "\n" + frm.sign(ctx, ctx.lang, disclaimer=ctx.chance(0.4))
    if style is None:
        style = ctx.pick(["plain", "plain", "alt", "html"])
    mime = B.body(ctx, text, html=html, style=style, attachments=attachments,
                  related=related)
    return B.build(ctx, (frm.display, frm.addr), [to], subj or subject(ctx), mime,
                   lang="en-CA" if ctx.lang == "en" else "fr-CA")


# ---------------------------------------------------------------------------
# Clinical vocabulary
# ---------------------------------------------------------------------------

DX_FR = ["diabète de type 2", "hypertension artérielle", "MPOC", "insuffisance "
         "cardiaque (FEVG 35 %)", "fibrillation auriculaire", "dépression majeure",
         "trouble anxieux généralisé", "hypothyroïdie", "insuffisance rénale "
         "chronique stade 3b", "néoplasie du sein droit", "gonarthrose bilatérale",
         "apnée obstructive du sommeil", "asthme", "trouble neurocognitif majeur",
         "cellulite du membre inférieur gauche", "pneumonie lobaire droite",
         "lombalgie chronique", "migraine avec aura", "hépatite C chronique",
         "infection au VIH (charge virale indétectable)", "schizophrénie",
         "trouble bipolaire de type I", "maladie de Crohn", "polyarthrite "
         "rhumatoïde", "anémie ferriprive", "cancer colorectal stade II",
         "trouble lié à l'usage d'opioïdes", "épilepsie focale", "sclérose en "
         "plaques", "maladie de Parkinson"]
DX_EN = ["type 2 diabetes", "hypertension", "COPD", "heart failure (EF 35%)",
         "atrial fibrillation", "major depressive disorder", "generalized anxiety "
         "disorder", "hypothyroidism", "chronic kidney disease stage 3b",
         "right breast carcinoma", "bilateral knee osteoarthritis",
         "obstructive sleep apnea", "asthma", "major neurocognitive disorder",
         "left leg cellulitis", "right lower lobe pneumonia", "Crohn's disease",
         "rheumatoid arthritis", "iron deficiency anemia", "opioid use disorder",
         "focal epilepsy", "multiple sclerosis", "Parkinson's disease"]
MEDS_FR = ["Metformine 500 mg, 1 co. PO BID", "Ramipril 5 mg, 1 co. PO DIE",
           "Atorvastatine 20 mg, 1 co. PO HS", "Apixaban 5 mg, 1 co. PO BID",
           "Furosémide 40 mg, 1 co. PO DIE", "Lévothyroxine 100 mcg, PO DIE",
           "Sertraline 50 mg, 1 co. PO DIE", "Salbutamol 100 mcg, 2 inh. QID PRN",
           "Insuline glargine 22 U SC HS", "Pantoprazole 40 mg, 1 co. PO DIE",
           "Bisoprolol 2,5 mg, 1 co. PO DIE", "Quétiapine 25 mg, PO HS",
           "Méthadone 60 mg, PO DIE (supervisé)", "Lithium 300 mg, PO BID",
           "Hydromorphone 1 mg, PO q4h PRN", "Acétaminophène 500 mg, 2 co. QID PRN",
           "Amlodipine 10 mg, 1 co. PO DIE", "Empagliflozine 10 mg, PO DIE",
           "Budésonide/formotérol 200/6, 2 inh. BID", "Warfarine 5 mg, selon INR",
           "Prednisone 40 mg, PO DIE x 5 jours", "Céphalexine 500 mg, PO QID x 7 j",
           "Lorazépam 0,5 mg, SL HS PRN", "Adalimumab 40 mg SC q 2 sem."]
MEDS_EN = ["Metformin 500 mg PO BID", "Ramipril 5 mg PO daily",
           "Atorvastatin 20 mg PO qHS", "Apixaban 5 mg PO BID",
           "Furosemide 40 mg PO daily", "Levothyroxine 100 mcg PO daily",
           "Sertraline 50 mg PO daily", "Salbutamol 100 mcg 2 puffs QID PRN",
           "Insulin glargine 22 units SC qHS", "Pantoprazole 40 mg PO daily",
           "Bisoprolol 2.5 mg PO daily", "Quetiapine 25 mg PO qHS",
           "Hydromorphone 1 mg PO q4h PRN", "Amlodipine 10 mg PO daily",
           "Prednisone 40 mg PO daily x5 days", "Cephalexin 500 mg PO QID x7 days"]
ALLERGIES_FR = ["Pénicilline (urticaire)", "Sulfamidés", "Aucune allergie connue",
                "Codéine (nausées)", "Iode (choc)", "Latex", "Arachides"]
ALLERGIES_EN = ["Penicillin (hives)", "Sulfa drugs", "No known allergies",
                "Codeine (nausea)", "Latex", "Peanuts"]
# (name fr, name en, unit, low, high, decimals)
LABS = [("Hémoglobine", "Hemoglobin", "g/L", 120, 160, 0),
        ("Leucocytes", "WBC", "x10^9/L", 4.0, 11.0, 1),
        ("Plaquettes", "Platelets", "x10^9/L", 150, 400, 0),
        ("Sodium", "Sodium", "mmol/L", 135, 145, 0),
        ("Potassium", "Potassium", "mmol/L", 3.5, 5.0, 1),
        ("Créatinine", "Creatinine", "µmol/L", 50, 110, 0),
        ("Glucose à jeun", "Fasting glucose", "mmol/L", 4.0, 6.0, 1),
        ("HbA1c", "HbA1c", "%", 4.0, 6.0, 1),
        ("TSH", "TSH", "mUI/L", 0.35, 5.0, 2),
        ("ALT", "ALT", "U/L", 5, 40, 0),
        ("Troponine T hs", "hs-Troponin T", "ng/L", 0, 14, 0),
        ("Protéine C réactive", "C-reactive protein", "mg/L", 0, 5, 1),
        ("Ferritine", "Ferritin", "µg/L", 30, 300, 0),
        ("INR", "INR", "", 0.8, 1.2, 1),
        ("Cholestérol LDL", "LDL cholesterol", "mmol/L", 0, 3.4, 1)]

VISIT_REASONS_FR = ["Suivi diabète", "Renouvellement ordonnance", "Suivi HTA",
                    "Douleur lombaire", "Résultats biopsie", "Suivi grossesse 28 sem.",
                    "Suivi post-op genou", "Évaluation mémoire", "Suivi dépression",
                    "Toux persistante", "Examen périodique", "Plaie pied diabétique",
                    "Suivi INR", "Vaccination", "Suivi IRC", "Anxiété – réévaluation",
                    "Douleur thoracique", "Retrait de points", "Suivi MPOC",
                    "Résultat mammographie"]
VISIT_REASONS_EN = ["Diabetes follow-up", "Prescription renewal", "BP check",
                    "Low back pain", "Biopsy results", "Prenatal visit 28 wks",
                    "Post-op knee", "Memory assessment", "Depression follow-up",
                    "Persistent cough", "Annual physical", "Diabetic foot ulcer"]


def lab_value(ctx, lab, abnormal=None):
    name_fr, name_en, unit, lo, hi, dec = lab
    if abnormal is None:
        abnormal = ctx.chance(0.35)
    span = hi - lo
    if abnormal:
        v = hi + span * ctx.rng.uniform(0.1, 0.8) if ctx.chance(0.6) or lo == 0 \
            else lo - span * ctx.rng.uniform(0.05, 0.3)
        flag = "H" if v > hi else "L"
    else:
        v = lo + span * ctx.rng.uniform(0.1, 0.9)
        flag = ""
    v = max(v, 0.01)
    s = ("%.*f" % (dec, v))
    if ctx.lang == "fr":
        s = s.replace(".", ",")
    ref = ("< %s" % hi if lo == 0 else "%s – %s" % (lo, hi))
    if ctx.lang == "fr":
        ref = ref.replace(".", ",")
    return s, flag, ref


def dob_str(ctx, p, style=None):
    style = style or ctx.pick(["iso", "dmy", "fr_long", "slash_ymd", "dmy"]
                              if ctx.lang == "fr" else
                              ["iso", "en_long", "mdy_us", "dmon"])
    return fmt_date(p.dob, style)


def nam_str(ctx, p, style=None):
    return ctx.nam(p, style or ctx.pick(["space", "space", "compact", "hyphen"]))


def impossible_code(rng, letters=None):
    """4 letters + 8 digits whose date part cannot be a birth date."""
    letters = letters or "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWYZ")
                                 for _ in range(4))
    return B.nam_shaped(rng, letters, valid=False)


# ---------------------------------------------------------------------------
# Fonts and pictures
# ---------------------------------------------------------------------------

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FACES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "serifc": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
}


@functools.lru_cache(maxsize=None)
def font(face, size, bold=False):
    return ImageFont.truetype(FONT_DIR + FACES[face][1 if bold else 0], size)


def text_w(fnt, s):
    return fnt.getlength(s)


def wrap(fnt, text, width):
    out = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = (line + " " + word) if line else word
            if text_w(fnt, trial) <= width or not line:
                line = trial
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def png_bytes(im, **kw):
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False, compress_level=9, **kw)
    return buf.getvalue()


def jpeg_bytes(im, quality=85, dpi=None, exif=None, subsampling=None):
    buf = io.BytesIO()
    kw = {"quality": quality}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if exif is not None:
        kw["exif"] = exif
    if subsampling is not None:
        kw["subsampling"] = subsampling
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


def encode_image(im, fmt, **kw):
    buf = io.BytesIO()
    if fmt == "png":
        return png_bytes(im, **kw)
    if fmt == "jpeg":
        return jpeg_bytes(im.convert("RGB") if im.mode not in ("L", "RGB")
                          else im, **kw)
    if fmt == "gif":
        im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.NONE).save(buf, "GIF")
    elif fmt == "bmp":
        im.convert("RGB").save(buf, "BMP")
    elif fmt == "webp":
        im.convert("RGB").save(buf, "WEBP", lossless=True, quality=80, method=4)
    elif fmt == "ico":
        im.save(buf, "ICO", sizes=[im.size])
    elif fmt == "tiff":
        im.save(buf, "TIFF", **kw)
    else:
        raise KeyError(fmt)
    return buf.getvalue()


IMG_CTYPE = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif",
             "bmp": "image/bmp", "webp": "image/webp", "ico": "image/x-icon",
             "tiff": "image/tiff"}
IMG_EXT = {"png": "png", "jpeg": "jpg", "gif": "gif", "bmp": "bmp",
           "webp": "webp", "ico": "ico", "tiff": "tif"}


def noise_layer(rng, size, amp):
    """Deterministic uniform noise in [-amp, +amp] as an 'L' image (offset)."""
    w, h = size
    raw = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    lut = [int(round(v * 2 * amp / 255)) for v in range(256)]
    return raw.point(lut)


def add_noise(im, rng, amp):
    n = noise_layer(rng, im.size, amp)
    if im.mode == "RGB":
        n = Image.merge("RGB", (n, n, n))
    return ImageChops.add(im, n, 1.0, -amp)


def speckle(im, rng, density=0.0004, dark=60):
    """Sparse dark dust specks (cheap in JPEG, realistic on glass)."""
    d = ImageDraw.Draw(im)
    w, h = im.size
    fill = dark if im.mode == "L" else (dark, dark, dark)
    for _ in range(int(w * h * density)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 1, 1, 2])
        d.ellipse([x, y, x + r, y + r], fill=fill)
    return im


# ---------------------------------------------------------------------------
# Paper documents: a tiny layout engine for letters, forms and requisitions
# ---------------------------------------------------------------------------
# A document is a list of blocks:
#   ("letterhead", org_name, address)      ("title", text)     ("h", text)
#   ("p", text)        ("small", text)     ("right", text)     ("gap", lines)
#   ("kv", [(label, value), ...])          ("field", label, value)
#   ("fields", [(label, value), ...])      two per row, underlined values
#   ("table", headers, rows, fractions)    ("checks", [(label, on)], ncols)
#   ("box", [lines])                       ("sig", caption)    ("rule",)
#   ("page",)                              explicit page break
#   ("faxhead", text)                      fax transmission header line

def doc_text(blocks):
    """Plain text of a document model (used for the self-check)."""
    out = []
    for b in blocks:
        k = b[0]
        if k in ("letterhead",):
            out += [b[1], b[2]]
        elif k in ("title", "h", "p", "small", "right", "sig", "faxhead"):
            out.append(b[1])
        elif k == "kv" or k == "fields":
            out += ["%s %s" % (a, v) for a, v in b[1]]
        elif k == "field":
            out.append("%s %s" % (b[1], b[2]))
        elif k == "table":
            out.append(" ".join(b[1]))
            out += [" ".join(r) for r in b[2]]
        elif k == "checks":
            out += [a for a, _ in b[1]]
        elif k == "box":
            out += list(b[1])
    return "\n".join(out)


def render_doc(blocks, dpi=200, face="serif", pt=11, page=(8.5, 11.0),
               margin=0.8, ink=20, paper=255, min_px=28):
    """Render a document model to a list of 'L' pages at the given dpi.
    Body text is at least min_px pixels per em (capitals >= 20 px)."""
    W, H = int(page[0] * dpi), int(page[1] * dpi)
    px = max(min_px, int(round(pt * dpi / 72)))
    f = font(face, px)
    fb = font(face, px, True)
    fsmall = font(face, max(min_px, int(px * 0.85)))
    ftitle = font(face, int(px * 1.45), True)
    lh = int(px * 1.35)
    m = int(margin * dpi)
    pages = []
    state = {}

    def new_page():
        im = Image.new("L", (W, H), paper)
        pages.append(im)
        state["im"], state["d"], state["y"] = im, ImageDraw.Draw(im), m
    new_page()

    def need(hh):
        if state["y"] + hh > H - m:
            new_page()

    def line(s, fnt=f, x=None, align="left"):
        need(lh)
        d = state["d"]
        if align == "center":
            x = (W - text_w(fnt, s)) / 2
        elif align == "right":
            x = W - m - text_w(fnt, s)
        d.text((x if x is not None else m, state["y"]), s, font=fnt, fill=ink)
        state["y"] += lh

    for b in blocks:
        k = b[0]
        d = state["d"]
        if k == "page":
            new_page()
        elif k == "letterhead":
            line(b[1], fb)
            line(b[2], fsmall)
            need(lh)
            state["d"].line([m, state["y"], W - m, state["y"]], fill=ink, width=3)
            state["y"] += lh // 2
        elif k == "faxhead":
            fm = font("mono", px)
            state["d"].text((m // 3, m // 4), b[1], font=fm, fill=ink)
        elif k == "title":
            need(int(lh * 1.6))
            s = b[1]
            state["d"].text(((W - text_w(ftitle, s)) / 2, state["y"]), s,
                            font=ftitle, fill=ink)
            state["y"] += int(lh * 1.7)
        elif k == "h":
            state["y"] += lh // 3
            line(b[1], fb)
        elif k in ("p", "small"):
            fnt = f if k == "p" else fsmall
            for ln in wrap(fnt, b[1], W - 2 * m):
                line(ln, fnt)
            state["y"] += lh // 3
        elif k == "right":
            line(b[1], f, align="right")
        elif k == "gap":
            state["y"] += int(lh * b[1])
        elif k == "rule":
            need(lh)
            state["d"].line([m, state["y"] + lh // 2, W - m, state["y"] + lh // 2],
                            fill=ink, width=2)
            state["y"] += lh
        elif k == "kv":
            lw = max(text_w(fb, a) for a, _ in b[1]) + px
            for a, v in b[1]:
                vl = wrap(f, v, W - 2 * m - lw) if v else [""]
                need(lh * len(vl))
                state["d"].text((m, state["y"]), a, font=fb, fill=ink)
                for i, vv in enumerate(vl):
                    state["d"].text((m + lw, state["y"]), vv, font=f, fill=ink)
                    state["y"] += lh
        elif k == "field":
            need(lh + 8)
            d = state["d"]
            d.text((m, state["y"]), b[1], font=fb, fill=ink)
            x0 = m + text_w(fb, b[1]) + px // 2
            d.line([x0, state["y"] + px + 4, W - m, state["y"] + px + 4],
                   fill=ink, width=2)
            d.text((x0 + 6, state["y"] - 2), b[2], font=f, fill=ink)
            state["y"] += lh + 8
        elif k == "fields":
            col = (W - 2 * m) // 2
            items = list(b[1])
            for i in range(0, len(items), 2):
                need(lh + 8)
                d = state["d"]
                for j, (a, v) in enumerate(items[i:i + 2]):
                    x = m + j * col
                    d.text((x, state["y"]), a, font=fb, fill=ink)
                    x0 = x + text_w(fb, a) + px // 2
                    d.line([x0, state["y"] + px + 4, x + col - px, state["y"] + px + 4],
                           fill=ink, width=2)
                    d.text((x0 + 6, state["y"] - 2), v, font=f, fill=ink)
                state["y"] += lh + 10
        elif k == "table":
            headers, rows = b[1], b[2]
            fr = b[3] if len(b) > 3 and b[3] else [1.0 / len(headers)] * len(headers)
            tw = W - 2 * m
            xs = [m]
            for q in fr:
                xs.append(xs[-1] + int(tw * q))
            rh = lh + 8

            def row(cells, fnt, shade=False):
                need(rh)
                d = state["d"]
                y = state["y"]
                if shade:
                    d.rectangle([xs[0], y, xs[-1], y + rh], fill=max(paper - 30, 0))
                for i, c in enumerate(cells):
                    s = c
                    while s and text_w(fnt, s) > xs[i + 1] - xs[i] - 10:
                        s = s[:-1]
                    d.text((xs[i] + 5, y + 4), s, font=fnt, fill=ink)
                for x in xs:
                    d.line([x, y, x, y + rh], fill=ink, width=1)
                d.line([xs[0], y, xs[-1], y], fill=ink, width=1)
                d.line([xs[0], y + rh, xs[-1], y + rh], fill=ink, width=1)
                state["y"] += rh
            row(headers, fb, True)
            for r in rows:
                row(r, f)
            state["y"] += lh // 2
        elif k == "checks":
            items, ncol = b[1], b[2] if len(b) > 2 else 2
            col = (W - 2 * m) // ncol
            bs = int(px * 0.8)
            for i in range(0, len(items), ncol):
                need(lh)
                d = state["d"]
                for j, (a, on) in enumerate(items[i:i + ncol]):
                    x = m + j * col
                    y = state["y"] + (lh - bs) // 2 - 4
                    d.rectangle([x, y, x + bs, y + bs], outline=ink, width=2)
                    if on:
                        d.line([x + 3, y + 3, x + bs - 3, y + bs - 3], fill=ink, width=4)
                        d.line([x + bs - 3, y + 3, x + 3, y + bs - 3], fill=ink, width=4)
                    d.text((x + bs + px // 2, state["y"]), a, font=f, fill=ink)
                state["y"] += lh
        elif k == "box":
            lines = b[1]
            hh = lh * len(lines) + px
            need(hh)
            d = state["d"]
            bw = max(text_w(f, s) for s in lines) + 2 * px
            d.rectangle([m, state["y"], m + bw, state["y"] + hh], outline=ink, width=3)
            y = state["y"] + px // 2
            for s in lines:
                d.text((m + px, y), s, font=f, fill=ink)
                y += lh
            state["y"] += hh + lh // 2
        elif k == "sig":
            state["y"] += lh
            need(2 * lh)
            d = state["d"]
            d.line([m, state["y"], m + int(W * 0.4), state["y"]], fill=ink, width=2)
            # a scribble standing for a signature
            x0, y0 = m + 20, state["y"] - int(lh * 0.9)
            pts = [(x0 + i * 14, y0 + int(12 * math.sin(i * 1.7)) + (i % 3) * 5)
                   for i in range(18)]
            d.line(pts, fill=ink, width=3)
            d.text((m, state["y"] + 6), b[1], font=fsmall, fill=ink)
            state["y"] += int(lh * 1.4)
        else:
            raise KeyError(k)
    return pages


def scan_effect(pg, rng, quality=None, skew=None, amp=6, tint=None, dpi=200,
                orientation=None, color=False, border=0):
    """Turn a clean rendered page into a plausible scan or phone photo.
    Returns (jpeg bytes, upright image as a person would see it)."""
    im = pg
    if border:
        # phone photo: the sheet lies on a darker desk
        bg = Image.new("L", (im.width + 2 * border, im.height + 2 * border), 95)
        bg.paste(im, (border, border))
        im = bg
    if color:
        t = tint or (248, 244, 232)
        rgb = Image.merge("RGB", [im.point(lambda v, c=c: v * c // 255) for c in t])
        im = rgb
    skew = rng.uniform(-1.8, 1.8) if skew is None else skew
    fill = 255 if not border else 95
    im = im.rotate(skew, resample=Image.BICUBIC, expand=False,
                   fillcolor=(fill, fill, fill) if im.mode == "RGB" else fill)
    if border:
        # uneven light: brighter toward one corner (low-frequency, cheap in JPEG)
        grad = Image.linear_gradient("L").resize(im.size).rotate(
            rng.choice([0, 90, 180, 270]))
        grad = grad.point(lambda v: 200 + v * 55 // 255)
        if im.mode == "RGB":
            grad = Image.merge("RGB", (grad, grad, grad))
        im = ImageChops.multiply(im, grad)
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    im = add_noise(im, rng, amp)
    speckle(im, rng)
    upright = im
    stored = im
    exif = None
    if orientation:
        # stored pixels are rotated; EXIF Orientation tells viewers to undo it
        stored = im.transpose({6: Image.Transpose.ROTATE_90,
                               8: Image.Transpose.ROTATE_270,
                               3: Image.Transpose.ROTATE_180}[orientation])
        ex = Image.Exif()
        ex[0x0112] = orientation
        ex[0x0110] = "Appareil photo"
        ex[0x0131] = "Numériseur mobile 3.2".encode("ascii", "replace").decode()
        exif = ex.tobytes()
    q = quality or rng.randint(60, 85)
    data = jpeg_bytes(stored, q, dpi=dpi, exif=exif)
    return data, upright


def to_fax(pg, rng, threshold=150):
    im = pg.filter(ImageFilter.GaussianBlur(0.4))
    im = add_noise(im, rng, 20)
    return im.point(lambda v: 255 if v > threshold else 0).convert("1")


# ---------------------------------------------------------------------------
# Screens: a small toolkit for captures of clinical and office software
# ---------------------------------------------------------------------------

THEMES = {
    "blue": dict(title=(31, 78, 121), title_fg=(255, 255, 255), bg=(240, 244, 249),
                 panel=(255, 255, 255), banner=(219, 234, 248), accent=(46, 117, 182),
                 grid=(196, 206, 218), text=(22, 24, 28), header=(225, 232, 241),
                 zebra=(246, 249, 252), sel=(204, 228, 247)),
    "green": dict(title=(36, 92, 64), title_fg=(255, 255, 255), bg=(241, 246, 242),
                  panel=(255, 255, 255), banner=(224, 240, 228), accent=(47, 133, 90),
                  grid=(190, 210, 196), text=(20, 28, 22), header=(226, 238, 229),
                  zebra=(246, 250, 247), sel=(208, 236, 214)),
    "teal": dict(title=(0, 95, 105), title_fg=(255, 255, 255), bg=(238, 246, 247),
                 panel=(255, 255, 255), banner=(214, 238, 240), accent=(0, 128, 140),
                 grid=(186, 212, 215), text=(16, 28, 30), header=(222, 238, 240),
                 zebra=(245, 250, 251), sel=(200, 232, 235)),
    "gray": dict(title=(68, 72, 80), title_fg=(250, 250, 250), bg=(236, 236, 238),
                 panel=(252, 252, 252), banner=(229, 231, 235), accent=(90, 96, 110),
                 grid=(198, 200, 205), text=(18, 18, 20), header=(224, 226, 230),
                 zebra=(246, 246, 248), sel=(214, 222, 236)),
    "plum": dict(title=(92, 45, 110), title_fg=(255, 255, 255), bg=(246, 242, 248),
                 panel=(255, 255, 255), banner=(238, 228, 244), accent=(128, 70, 150),
                 grid=(210, 198, 218), text=(26, 20, 30), header=(236, 228, 241),
                 zebra=(250, 247, 252), sel=(228, 214, 238)),
    "excel": dict(title=(33, 115, 70), title_fg=(255, 255, 255), bg=(243, 243, 243),
                  panel=(255, 255, 255), banner=(243, 243, 243), accent=(33, 115, 70),
                  grid=(212, 212, 212), text=(0, 0, 0), header=(233, 233, 233),
                  zebra=(255, 255, 255), sel=(198, 239, 206)),
}

SCREEN_SIZES = [(1366, 768), (1280, 800), (1440, 900), (1280, 720), (1600, 900),
                (1280, 1024), (1024, 768)]


class Screen:
    def __init__(self, size, theme="blue", face="sans", px=16):
        self.w, self.h = size
        self.t = THEMES[theme]
        self.face, self.px = face, px
        self.im = Image.new("RGB", size, self.t["bg"])
        self.d = ImageDraw.Draw(self.im)
        self.texts = []
        self.y = 0

    def f(self, size=None, bold=False, face=None):
        return font(face or self.face, size or self.px, bold)

    def text(self, xy, s, fnt=None, fill=None, record=True):
        self.d.text(xy, s, font=fnt or self.f(), fill=fill or self.t["text"])
        if record:
            self.texts.append(s)

    def titlebar(self, title, h=34):
        t = self.t
        self.d.rectangle([0, 0, self.w, h], fill=t["title"])
        self.text((12, (h - self.px) // 2 - 2), title, self.f(self.px, True),
                  t["title_fg"])
        for i, glyph in enumerate(["—", "☐", "✕"]):
            x = self.w - 46 * (3 - i)
            self.text((x + 16, (h - self.px) // 2 - 2), glyph, self.f(self.px),
                      t["title_fg"], record=False)
        self.y = h

    def menubar(self, items, h=30):
        t = self.t
        self.d.rectangle([0, self.y, self.w, self.y + h], fill=t["panel"])
        x = 12
        for it in items:
            self.text((x, self.y + (h - self.px) // 2 - 2), it)
            x += int(text_w(self.f(), it)) + 26
        self.d.line([0, self.y + h, self.w, self.y + h], fill=t["grid"])
        self.y += h

    def toolbar(self, buttons, h=44):
        t = self.t
        self.d.rectangle([0, self.y, self.w, self.y + h], fill=t["bg"])
        x = 10
        for b in buttons:
            bw = int(text_w(self.f(), b)) + 24
            self.d.rounded_rectangle([x, self.y + 7, x + bw, self.y + h - 7], 4,
                                     fill=t["panel"], outline=t["grid"])
            self.text((x + 12, self.y + (h - self.px) // 2 - 2), b)
            x += bw + 8
        self.y += h

    def banner(self, rows, h=None, big=None):
        """rows: list of lists of (label, value); label may be ''."""
        t = self.t
        big = big or self.px + 3
        lh = big + 12
        h = h or lh * len(rows) + 18
        self.d.rectangle([0, self.y, self.w, self.y + h], fill=t["banner"])
        self.d.line([0, self.y + h, self.w, self.y + h], fill=t["accent"], width=3)
        y = self.y + 10
        for row in rows:
            x = 18
            for lab, val in row:
                if lab:
                    self.text((x, y + 2), lab, self.f(self.px))
                    x += int(text_w(self.f(self.px), lab)) + 8
                fb = self.f(big, True)
                self.text((x, y), val, fb)
                x += int(text_w(fb, val)) + 34
            y += lh
        self.y += h + 1

    def tabs(self, names, active=0, h=36):
        t = self.t
        x = 10
        self.d.rectangle([0, self.y, self.w, self.y + h], fill=t["bg"])
        for i, n in enumerate(names):
            tw = int(text_w(self.f(), n)) + 28
            fill = t["panel"] if i == active else t["header"]
            self.d.rectangle([x, self.y + 6, x + tw, self.y + h], fill=fill,
                             outline=t["grid"])
            self.text((x + 14, self.y + (h - self.px) // 2), n,
                      self.f(bold=(i == active)))
            x += tw + 2
        self.y += h

    def heading(self, s, x=18, size=None):
        size = size or self.px + 4
        self.text((x, self.y + 10), s, self.f(size, True))
        self.y += size + 20

    def table(self, headers, rows, fracs=None, x=10, w=None, rh=None,
              flags=None, fnt=None):
        t = self.t
        w = w or self.w - 2 * x
        fnt = fnt or self.f()
        rh = rh or self.px + 14
        fracs = fracs or [1.0 / len(headers)] * len(headers)
        xs = [x]
        for q in fracs:
            xs.append(xs[-1] + int(w * q))
        y = self.y

        def cell_row(cells, y, fill, fnt, colors=None):
            self.d.rectangle([xs[0], y, xs[-1], y + rh], fill=fill)
            for i, c in enumerate(cells):
                s = c
                while s and text_w(fnt, s) > xs[i + 1] - xs[i] - 12:
                    s = s[:-1]
                col = colors[i] if colors and colors[i] else t["text"]
                self.text((xs[i] + 6, y + (rh - self.px) // 2 - 1), s, fnt, col)
            self.d.line([xs[0], y + rh, xs[-1], y + rh], fill=t["grid"])
        cell_row(headers, y, t["header"], self.f(bold=True))
        y += rh
        for i, r in enumerate(rows):
            colors = None
            if flags and flags[i]:
                colors = flags[i]
            cell_row(r, y, t["zebra"] if i % 2 else t["panel"], fnt, colors)
            y += rh
        for xx in xs:
            self.d.line([xx, self.y, xx, y], fill=t["grid"])
        self.d.rectangle([xs[0], self.y, xs[-1], y], outline=t["grid"])
        self.y = y + 8
        return y

    def panel(self, x0, y0, x1, y1, title=None):
        t = self.t
        self.d.rectangle([x0, y0, x1, y1], fill=t["panel"], outline=t["grid"])
        if title:
            self.d.rectangle([x0, y0, x1, y0 + self.px + 14], fill=t["header"])
            self.text((x0 + 10, y0 + 6), title, self.f(bold=True))
            return y0 + self.px + 22
        return y0 + 10

    def lines(self, x, y, lines, width, fnt=None, lh=None):
        fnt = fnt or self.f()
        lh = lh or self.px + 8
        for s in lines:
            for ln in wrap(fnt, s, width):
                self.text((x, y), ln, fnt)
                y += lh
        return y

    def statusbar(self, s, h=28):
        t = self.t
        y = self.h - h
        self.d.rectangle([0, y, self.w, self.h], fill=t["header"])
        self.text((12, y + (h - self.px) // 2 - 2), s, self.f(self.px - 1))

    def taskbar(self, when, h=40):
        y = self.h - h
        self.d.rectangle([0, y, self.w, self.h], fill=(232, 236, 242))
        self.d.line([0, y, self.w, y], fill=(200, 204, 210))
        for i in range(5):
            self.d.rounded_rectangle([14 + i * 52, y + 6, 50 + i * 52, y + h - 6], 5,
                                     fill=(210, 216, 226))
        s1 = "%02d:%02d" % (when.hour, when.minute)
        s2 = when.strftime("%Y-%m-%d")
        fnt = font("sans", 14)
        self.d.text((self.w - 100, y + 3), s1, font=fnt, fill=(30, 30, 30))
        self.d.text((self.w - 100, y + 20), s2, font=fnt, fill=(30, 30, 30))
        self.h -= h

    def crop(self, box):
        return self.im.crop(box)


def excel_screen(ctx, size, book, sheet_names, headers, rows, widths,
                 px=15, active=0, title_rows=()):
    """A spreadsheet program window showing a grid."""
    s = Screen(size, "excel", ctx.pick(["sans", "cond"]), px)
    s.titlebar("%s - Tableur" % book)
    s.menubar(["Fichier", "Accueil", "Insertion", "Mise en page", "Formules",
               "Données", "Révision", "Affichage"] if ctx.lang == "fr" else
              ["File", "Home", "Insert", "Page Layout", "Formulas", "Data",
               "Review", "View"])
    s.toolbar(["Coller", "Calibri 11", "G", "I", "S", "Fusionner", "Standard",
               "Mise en forme conditionnelle", "Trier et filtrer"]
              if ctx.lang == "fr" else ["Paste", "Calibri 11", "B", "I", "U",
                                        "Merge", "General", "Sort & Filter"])
    t = s.t
    # formula bar
    y = s.y
    s.d.rectangle([0, y, s.w, y + 30], fill=(255, 255, 255), outline=t["grid"])
    s.text((10, y + 6), "A1", s.f())
    first = (title_rows[0] if title_rows else headers[0])
    s.text((110, y + 6), "fx   " + first, s.f())
    s.y = y + 34
    rh = px + 11
    rn_w = 44
    cols = [rn_w]
    for wd in widths:
        cols.append(cols[-1] + wd)
    y0 = s.y
    s.d.rectangle([0, y0, s.w, y0 + rh], fill=t["header"])
    letters = "ABCDEFGHIJKLMNOP"
    for i in range(len(widths)):
        cx = (cols[i] + cols[i + 1]) // 2
        s.text((cx - 5, y0 + 4), letters[i], s.f(px - 1), record=False)
    x = cols[-1]
    k = len(widths)
    while x < s.w:
        s.text((x + 40, y0 + 4), letters[k % 16], s.f(px - 1), record=False)
        x += 90
        k += 1
    y = y0 + rh
    all_rows = [list(r) + [""] * (len(widths) - len(r)) for r in title_rows]
    if title_rows:
        all_rows.append([""] * len(widths))
    all_rows += [headers] + rows
    n = 1
    bottom = s.h - 70
    while y + rh < bottom:
        s.d.rectangle([0, y, rn_w, y + rh], fill=t["header"])
        s.text((8, y + 4), str(n), s.f(px - 1), record=False)
        r = all_rows[n - 1] if n - 1 < len(all_rows) else None
        is_head = r is headers
        if r:
            for i, c in enumerate(r):
                if i >= len(widths):
                    break
                if is_head:
                    s.d.rectangle([cols[i], y, cols[i + 1], y + rh], fill=(221, 235, 247))
                cc = c
                fnt = s.f(px, is_head or (title_rows and n == 1))
                while cc and text_w(fnt, cc) > widths[i] - 8:
                    cc = cc[:-1]
                if cc:
                    s.text((cols[i] + 4, y + 4), cc, fnt)
        for xx in cols[1:]:
            s.d.line([xx, y, xx, y + rh], fill=t["grid"])
        x = cols[-1] + 90
        while x < s.w:
            s.d.line([x, y, x, y + rh], fill=t["grid"])
            x += 90
        s.d.line([0, y + rh, s.w, y + rh], fill=t["grid"])
        y += rh
        n += 1
    # sheet tabs
    s.d.rectangle([0, bottom, s.w, s.h], fill=t["bg"])
    x = 60
    for i, nm in enumerate(sheet_names):
        tw = int(text_w(s.f(), nm)) + 30
        s.d.rectangle([x, bottom + 4, x + tw, bottom + 34],
                      fill=(255, 255, 255) if i == active else t["header"],
                      outline=t["grid"])
        s.text((x + 15, bottom + 10), nm, s.f(bold=(i == active)))
        x += tw + 2
    s.text((s.w - 260, bottom + 40), "Prêt" if ctx.lang == "fr" else "Ready",
           s.f(px - 1), record=False)
    return s


def bar_chart(ctx, size, title, labels, series, legend, ylab, bg=(255, 255, 255),
              px=15):
    """A simple bar chart image (axis labels >= 15 px)."""
    w, h = size
    im = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(im)
    ft = font("sans", px + 5, True)
    fl = font("sans", px)
    texts = [title, ylab] + list(labels) + list(legend)
    d.text(((w - text_w(ft, title)) / 2, 14), title, font=ft, fill=(25, 25, 25))
    x0, y0, x1, y1 = 90, 70, w - 40, h - 80
    vmax = max(max(s) for s in series) * 1.15
    step = 10 ** int(math.log10(vmax))
    if vmax / step < 3:
        step /= 2
    v = 0
    while v <= vmax:
        y = y1 - (y1 - y0) * v / vmax
        d.line([x0, y, x1, y], fill=(225, 225, 225))
        lab = ("%g" % v).replace(".", ",") if ctx.lang == "fr" else "%g" % v
        d.text((x0 - 10 - text_w(fl, lab), y - px // 2 - 2), lab, font=fl,
               fill=(40, 40, 40))
        v += step
    d.line([x0, y0, x0, y1], fill=(60, 60, 60), width=2)
    d.line([x0, y1, x1, y1], fill=(60, 60, 60), width=2)
    colors = [(68, 114, 196), (237, 125, 49), (112, 173, 71), (165, 165, 165)]
    n = len(labels)
    gw = (x1 - x0) / n
    bw = gw * 0.7 / len(series)
    for i, lab in enumerate(labels):
        gx = x0 + gw * i + gw * 0.15
        for j, s in enumerate(series):
            bh = (y1 - y0) * s[i] / vmax
            d.rectangle([gx + j * bw, y1 - bh, gx + (j + 1) * bw - 2, y1],
                        fill=colors[j % 4])
        d.text((x0 + gw * i + (gw - text_w(fl, lab)) / 2, y1 + 8), lab, font=fl,
               fill=(30, 30, 30))
    lx = x0
    for j, lg in enumerate(legend):
        d.rectangle([lx, h - 40, lx + 16, h - 24], fill=colors[j % 4])
        d.text((lx + 24, h - 44), lg, font=fl, fill=(30, 30, 30))
        lx += 24 + text_w(fl, lg) + 30
    d.text((8, y0 - 30), ylab, font=fl, fill=(30, 30, 30))
    return im, texts


def dialog_box(s, x, y, w, title, message, buttons, icon="error"):
    """A modal error/warning dialog drawn on a Screen."""
    t = s.t
    fnt = s.f()
    lines = wrap(fnt, message, w - 110)
    h = 80 + len(lines) * (s.px + 8) + 60
    s.d.rectangle([x + 6, y + 6, x + w + 6, y + h + 6], fill=(180, 180, 185))
    s.d.rectangle([x, y, x + w, y + h], fill=(250, 250, 250), outline=(120, 120, 125))
    s.d.rectangle([x, y, x + w, y + 32], fill=(255, 255, 255))
    s.text((x + 12, y + 7), title, s.f(bold=True))
    s.d.line([x, y + 32, x + w, y + 32], fill=(210, 210, 210))
    cx, cy = x + 44, y + 72
    if icon == "error":
        s.d.ellipse([cx - 22, cy - 22, cx + 22, cy + 22], fill=(200, 40, 40))
        s.d.line([cx - 10, cy - 10, cx + 10, cy + 10], fill=(255, 255, 255), width=5)
        s.d.line([cx + 10, cy - 10, cx - 10, cy + 10], fill=(255, 255, 255), width=5)
    else:
        s.d.polygon([(cx, cy - 24), (cx + 24, cy + 20), (cx - 24, cy + 20)],
                    fill=(240, 190, 30))
        s.text((cx - 4, cy - 12), "!", s.f(s.px + 8, True), (30, 30, 30), record=False)
    yy = y + 50
    for ln in lines:
        s.text((x + 90, yy), ln, fnt)
        yy += s.px + 8
    bx = x + w - 20
    for b in reversed(buttons):
        bw = int(text_w(fnt, b)) + 40
        bx -= bw
        s.d.rectangle([bx, y + h - 46, bx + bw, y + h - 14], fill=(236, 236, 236),
                      outline=(110, 110, 120))
        s.text((bx + 20, y + h - 40), b, fnt)
        bx -= 10
    return y + h


# ---------------------------------------------------------------------------
# Scenario registry
# ---------------------------------------------------------------------------

SCENARIOS = []   # (label, category, name, count, function, languages)
NOTES = {}       # (label, name) -> reviewer note for README


def scenario(label, category, n=1, langs="f", note=None):
    """langs: one letter per variant, cycled: f = French, e = English."""
    def deco(f):
        name = f.__name__.replace("_", "-")
        SCENARIOS.append((label, category, name, n, f, langs))
        if note:
            NOTES[(label, name)] = note
        return f
    return deco


def positive(category, n=1, langs="f", note=None):
    return scenario("positive", category, n, langs, note)


def negative(category, n=1, langs="f", note=None):
    return scenario("negative", category, n, langs, note)


def screenshot_name(ctx, fmt):
    ext = IMG_EXT[fmt]
    w = ctx.when
    if ctx.lang == "en":
        pool = ["Screenshot %s %02d%02d%02d.%s" % (w.strftime("%Y-%m-%d"), w.hour,
                                                  w.minute, w.second, ext),
                "image.%s" % ext, "Capture.%s" % ext.upper(),
                "screen_%d.%s" % (ctx.rng.randint(1, 40), ext)]
    else:
        pool = ["Capture d’écran %s %02d%02d%02d.%s" % (
                    w.strftime("%Y-%m-%d"), w.hour, w.minute, w.second, ext),
                "Capture d’écran, le %s à %02d.%02d.%02d.%s" % (
                    w.strftime("%Y-%m-%d"), w.hour, w.minute, w.second, ext),
                "image.%s" % ext, "capture.%s" % ext, "Sans titre.%s" % ext,
                "ecran%d.%s" % (ctx.rng.randint(1, 40), ext)]
    return ctx.pick(pool)


def image_leaf(ctx, im, fmt, filename=None, texts=(), inline=False, cid=None,
               **kw):
    data = encode_image(im, fmt, **kw)
    ctx.picture(filename or fmt, im)
    fn = filename or screenshot_name(ctx, fmt)
    return ctx.file(fn, data, IMG_CTYPE[fmt], "\n".join(texts), inline=inline,
                    cid=cid, kind="image", fmt=fmt)
