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
    path = os.path.join(HERE, "..", "..", "holdout", "generate.py")
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
    if fmt == "png8":
        # 256-colour PNG, as several capture tools write them
        return png_bytes(im.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE),
            **kw)
    if fmt == "jpeg":
        return jpeg_bytes(im.convert("RGB") if im.mode not in ("L", "RGB")
                          else im, **kw)
    if fmt == "gif":
        im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.NONE).save(buf, "GIF")
    elif fmt == "bmp":
        im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.NONE).save(buf, "BMP")
    elif fmt == "webp":
        im.convert("RGB").save(buf, "WEBP", lossless=True, quality=80, method=4)
    elif fmt == "ico":
        im.save(buf, "ICO", sizes=[im.size])
    elif fmt == "tiff":
        im.save(buf, "TIFF", **kw)
    else:
        raise KeyError(fmt)
    return buf.getvalue()


IMG_CTYPE = {"png": "image/png", "png8": "image/png", "jpeg": "image/jpeg", "gif": "image/gif",
             "bmp": "image/bmp", "webp": "image/webp", "ico": "image/x-icon",
             "tiff": "image/tiff"}
IMG_EXT = {"png": "png", "png8": "png", "jpeg": "jpg", "gif": "gif", "bmp": "bmp",
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
        grad = Image.linear_gradient("L").rotate(
            rng.choice([0, 90, 180, 270])).resize(im.size, Image.BILINEAR)
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
    first = (title_rows[0][0] if title_rows else headers[0])
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
        s.d.rectangle([rn_w, y, s.w, y + rh], fill=(255, 255, 255))
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


# ===========================================================================
# screenshot
# ===========================================================================

APPS = ["Oxymore DMÉ 8.4", "SIDMÉ Clinique 5", "Pléiade Santé", "ClinLog 2024",
        "MédiVue", "Dossier+ Hôpital"]


def fr_en(ctx, fr, en):
    return en if ctx.lang == "en" else fr


def age_str(ctx, p):
    return fr_en(ctx, "%d ans" % p.age(ctx.today), "%d y" % p.age(ctx.today))


def emr_frame(ctx, size=None, theme=None, px=None, tab=0, app=None, org=None,
              banner=None):
    size = size or ctx.pick(SCREEN_SIZES[:5])
    s = Screen(size, theme or ctx.pick(["blue", "green", "teal", "gray", "plum"]),
               ctx.pick(["sans", "sans", "cond"]), px or ctx.pick([15, 16, 17]))
    app = app or ctx.pick(APPS)
    org = org or B.ORGS[ctx.pick(ORG_KEYS)][0]
    s.titlebar("%s — %s" % (app, org))
    s.menubar(fr_en(ctx, ["Fichier", "Dossier", "Agenda", "Ordonnances",
                          "Résultats", "Outils", "Aide"],
                    ["File", "Chart", "Schedule", "Orders", "Results", "Tools",
                     "Help"]))
    s.toolbar(fr_en(ctx, ["Rechercher", "Nouvelle note", "Imprimer", "DSQ",
                          "Fermer le dossier"],
                    ["Search", "New note", "Print", "Send", "Close chart"]))
    if banner:
        s.banner(banner)
    s.tabs(fr_en(ctx, ["Sommaire", "Médication", "Résultats", "Notes",
                       "Documents"],
                 ["Summary", "Medications", "Results", "Notes", "Documents"]), tab)
    return s


def patient_banner(ctx, p, nam=True, mrn=None, extra=True, name_style=None):
    name = p.last_first if (name_style or ctx.pick(["lf", "lf", "fl"])) == "lf" \
        else p.full
    row1 = [("", name), (fr_en(ctx, "DDN :", "DOB:"),
                         "%s (%s)" % (dob_str(ctx, p, "iso"), age_str(ctx, p))),
            (fr_en(ctx, "Sexe :", "Sex:"), p.sex)]
    row2 = []
    if nam:
        row2.append((ctx.pick(["NAM :", "RAMQ :", "No ass. maladie :"])
                     if ctx.lang == "fr" else "RAMQ:", nam_str(ctx, p)))
    if mrn:
        row2.append((fr_en(ctx, "Dossier :", "MRN:"), mrn))
    if extra:
        row2.append((fr_en(ctx, "Tél. :", "Phone:"), ctx.phone()))
    rows = [row1]
    if row2:
        rows.append(row2)
    return rows


def shot(ctx, s, fmt="png", crop=None, **kw):
    im = s.im if crop is None else s.im.crop(crop)
    return image_leaf(ctx, im, fmt, texts=s.texts, **kw)


@positive("screenshot", 3, "ffe")
def emr_medication_list(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(40, 92))
    mrn = ctx.mrn_no() if ctx.chance(0.6) else None
    s = emr_frame(ctx, tab=1, banner=patient_banner(ctx, p, True, mrn))
    meds = ctx.rng.sample(MEDS_EN if ctx.lang == "en" else MEDS_FR,
                          ctx.rng.randint(6, 9))
    rows = []
    for m in meds:
        name, _, sig = m.partition(", ") if ctx.lang == "fr" else (m, "", "")
        start = ctx.ago(30, 1500)
        rows.append([name, sig or "—", start.isoformat(), md.surname,
                     fr_en(ctx, ctx.pick(["Actif", "Actif", "Cessé"]),
                           ctx.pick(["Active", "Active", "Stopped"]))])
    s.heading(fr_en(ctx, "Médication active", "Active medications"))
    s.table(fr_en(ctx, ["Médicament", "Posologie", "Début", "Prescripteur",
                        "Statut"],
                  ["Medication", "Directions", "Start", "Prescriber", "Status"]),
            rows, [0.34, 0.28, 0.13, 0.14, 0.11], w=int(s.w * 0.68))
    y0 = s.y
    x0 = int(s.w * 0.70)
    top = 34 + 30 + 44 + 100
    yy = s.panel(x0, top, s.w - 10, top + 150, fr_en(ctx, "Allergies", "Allergies"))
    s.text((x0 + 10, yy), ctx.pick(ALLERGIES_EN if ctx.lang == "en"
                                    else ALLERGIES_FR))
    yy = s.panel(x0, top + 170, s.w - 10, top + 380,
                 fr_en(ctx, "Problèmes actifs", "Active problems"))
    s.lines(x0 + 10, yy, ctx.rng.sample(DX_EN if ctx.lang == "en" else DX_FR, 3),
            s.w - x0 - 30)
    s.statusbar(fr_en(ctx, "Connecté : %s   |   Poste CLIN-%03d",
                      "Signed in: %s   |   Workstation CLIN-%03d")
                % (md.addr.split("@")[0], ctx.rng.randint(1, 400)))
    fmt = ["png", "jpeg", "png8"][ctx.variant]
    crop = (0, 0, s.w, min(s.h, max(s.y, top + 390) + 10)) if fmt == "jpeg" else None
    att = shot(ctx, s, fmt, crop=crop, **({"quality": 75} if fmt == "jpeg" else {}))
    return send(ctx, md, [att], kind=ctx.pick(["pharmacy", "clinic"]))


@positive("screenshot", 3, "ffe")
def emr_lab_results(ctx):
    frm = sender(ctx)
    p = ctx.person(age=(25, 90))
    mrn = ctx.mrn_no()
    s = emr_frame(ctx, tab=2, banner=patient_banner(ctx, p, nam=False, mrn=mrn,
                                                    extra=ctx.chance(0.5)))
    when = ctx.ago(1, 20)
    s.heading(fr_en(ctx, "Résultats de laboratoire — prélevé le %s",
                    "Laboratory results — collected %s") % when.isoformat())
    rows, flags = [], []
    for lab in ctx.rng.sample(LABS, ctx.rng.randint(7, 11)):
        v, flag, ref = lab_value(ctx, lab)
        rows.append([lab[1] if ctx.lang == "en" else lab[0], v, flag, ref, lab[2],
                     when.isoformat()])
        flags.append([None, (170, 0, 0) if flag else None, (170, 0, 0), None, None,
                      None] if flag else None)
    s.table(fr_en(ctx, ["Analyse", "Résultat", "Ind.", "Valeurs de réf.", "Unités",
                        "Prélevé"],
                  ["Test", "Result", "Flag", "Reference", "Units", "Collected"]),
            rows, [0.28, 0.12, 0.07, 0.2, 0.15, 0.18], flags=flags)
    s.text((18, s.y + 8), fr_en(ctx, "Validé par : biochimiste de garde",
                                "Verified by: on-call biochemist"))
    s.statusbar(fr_en(ctx, "%d résultat(s) — aucun résultat en attente",
                      "%d result(s) — none pending") % len(rows))
    fmt = ["png8", "gif", "png8"][ctx.variant]
    w, h = s.w, s.h
    crop = None if ctx.variant != 2 else (0, 0, w, min(h, s.y + 80))
    att = shot(ctx, s, fmt, crop=crop)
    return send(ctx, frm, [att])


@positive("screenshot", 2, "fe")
def agenda_day_view(ctx):
    frm = sender(ctx, org=ctx.pick(CLINICS), role="clerk")
    doc = sender(ctx, org=frm.org, role="md")
    s = Screen((640, 420) if ctx.variant == 0 else ctx.pick(SCREEN_SIZES[:4]),
               ctx.pick(["teal", "blue"]), ctx.pick(["sans", "cond"]), 16)
    s.titlebar("RendezVousPro — %s" % B.ORGS[frm.org][0])
    s.menubar(fr_en(ctx, ["Agenda", "Patients", "Listes d'attente", "Rapports"],
                    ["Schedule", "Patients", "Wait lists", "Reports"]))
    day = ctx.today
    s.heading("%s — %s" % (doc.dr, B.fr_day(day) if ctx.lang == "fr" else
                           B.en_day(day)))
    rows = []
    reasons = VISIT_REASONS_EN if ctx.lang == "en" else VISIT_REASONS_FR
    t = 8 * 60
    while t < 12 * 60 + 30:
        dur = ctx.pick([15, 15, 30, 30, 45])
        if ctx.chance(0.15):
            rows.append(["%02d:%02d" % divmod(t, 60), fr_en(ctx, "— Bloc "
                         "administratif —", "— Admin time —"), "", "%d min" % dur, ""])
        else:
            p = ctx.person(age=(1, 90))
            rows.append(["%02d:%02d" % divmod(t, 60), p.last_first,
                         ctx.pick(reasons), "%d min" % dur,
                         fr_en(ctx, ctx.pick(["Confirmé", "Arrivé", "À confirmer"]),
                               ctx.pick(["Confirmed", "Arrived", "Unconfirmed"]))])
        t += dur
    heads = fr_en(ctx, ["Heure", "Patient", "Motif", "Durée", "Statut"],
                  ["Time", "Patient", "Reason", "Length", "Status"])
    fracs = [0.09, 0.3, 0.35, 0.1, 0.16]
    if s.w < 700:       # a small capture: no room for the length column
        heads, rows = heads[:3] + heads[4:], [r[:3] + r[4:] for r in rows]
        fracs = [0.11, 0.33, 0.36, 0.2]
    s.table(heads, rows, fracs)
    s.taskbar(ctx.when)
    fmt = "bmp" if ctx.variant == 0 else "png8"
    att = shot(ctx, s, fmt)
    return send(ctx, frm, [att], kind="clinic")


@positive("screenshot", 2)
def dsq_pharmacy_profile(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(30, 95))
    s = Screen(ctx.pick(SCREEN_SIZES[:5]), "gray", ctx.pick(["sans", "cond"]),
               ctx.pick([15, 16]))
    s.titlebar("Visualiseur DSQ — Profil pharmacologique")
    s.menubar(["Profil", "Laboratoires", "Imagerie", "Sommaire", "Aide"])
    s.banner([[("Usager :", p.last_first), ("Né(e) le :", dob_str(ctx, p, "iso")),
               ("Sexe :", p.sex)],
              [("NAM :", nam_str(ctx, p)), ("Consentement :", "Actif")]])
    s.heading("Médicaments servis — 12 derniers mois")
    rows = []
    for m in ctx.rng.sample(MEDS_FR, ctx.rng.randint(6, 10)):
        name, _, sig = m.partition(", ")
        rows.append([ctx.ago(5, 330).isoformat(), name, sig or "—",
                     str(ctx.pick([30, 60, 90, 100])), "%d j" % ctx.pick([30, 90]),
                     ctx.pick(["Pharm. du Carrefour", "Pharm. Lapointe",
                               "Pharm. Huard-Bisson"])])
    rows.sort(reverse=True)
    s.table(["Date de service", "Médicament", "Posologie", "Qté", "Durée",
             "Pharmacie"], rows, [0.14, 0.26, 0.26, 0.07, 0.08, 0.19])
    fmt = "webp" if ctx.variant == 0 else "png8"
    return send(ctx, md, [shot(ctx, s, fmt)], kind="pharmacy")


@positive("screenshot", 2)
def excel_patient_list(ctx):
    frm = sender(ctx, role="clerk")
    pats = [ctx.person(age=(20, 92)) for _ in range(ctx.rng.randint(8, 13))]
    if ctx.variant == 0:
        headers = ["Nom", "Prénom", "DDN", "NAM", "Diagnostic", "Prochain RV"]
        rows = [[p.surname, p.given, fmt_date(p.dob, "iso"), ctx.nam(p, "compact"),
                 ctx.pick(DX_FR), ctx.ahead(3, 60).isoformat()] for p in pats]
        widths = [130, 110, 110, 150, 330, 120]
    else:
        headers = ["No dossier", "Usager", "Date naiss.", "Unité", "Motif d'admission"]
        rows = [[ctx.mrn_no("plain"), p.last_first, fmt_date(p.dob, "dmy"),
                 ctx.pick(["3A", "4B", "5C", "USI"]), ctx.pick(DX_FR)] for p in pats]
        widths = [120, 220, 120, 80, 380]
    s = excel_screen(ctx, (1280, 720) if ctx.variant else ctx.pick(SCREEN_SIZES[:3]),
                     ctx.pick(["liste_suivi.xlsx", "Classeur1", "export_patients.xlsx"]),
                     ["Feuil1", "Feuil2"], headers, rows, widths)
    fmt = "png8" if ctx.variant == 0 else "jpeg"
    return send(ctx, frm, [shot(ctx, s, fmt, **({"quality": 72} if fmt == "jpeg"
                                                 else {}))])


@positive("screenshot", 2, "ef",
          note="Only a medical record number, a bed and clinical details; no "
               "name. An MRN identifies the patient, so positive.")
def emr_problem_list_mrn(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    mrn = ctx.mrn_no(ctx.pick(["h", "plain", "alpha"]))
    s = emr_frame(ctx, tab=0, banner=[[(fr_en(ctx, "Dossier :", "MRN:"), mrn),
                                       (fr_en(ctx, "Unité :", "Unit:"),
                                        ctx.pick(["7 Nord", "4B", "USI", "CTU-B"])),
                                       (fr_en(ctx, "Lit :", "Bed:"),
                                        str(ctx.rng.randint(1, 30)))]])
    dx = ctx.rng.sample(DX_EN if ctx.lang == "en" else DX_FR, 4)
    s.heading(fr_en(ctx, "Liste de problèmes", "Problem list"))
    s.table(fr_en(ctx, ["Problème", "Depuis", "Statut"],
                  ["Problem", "Onset", "Status"]),
            [[d, ctx.ago(60, 3000).strftime("%Y-%m"),
              fr_en(ctx, "Actif", "Active")] for d in dx], [0.6, 0.2, 0.2],
            w=int(s.w * 0.6))
    s.heading(fr_en(ctx, "Dernière note d'évolution", "Last progress note"))
    note = fr_en(ctx,
                 "Patient vu ce matin. Dyspnée améliorée, saturation 94 % à l'air "
                 "ambiant. Poursuivre furosémide IV 40 mg BID, ionogramme demain. "
                 "Congé prévu dans 48 h si stable.",
                 "Seen this morning. Breathing improved, O2 sat 94% on room air. "
                 "Continue IV furosemide 40 mg BID, lytes tomorrow. Discharge "
                 "expected in 48 h if stable.")
    s.lines(18, s.y, [note], int(s.w * 0.6))
    return send(ctx, md, [shot(ctx, s, "png8")])


@positive("screenshot", 1)
def ed_triage_board(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS), role="clerk")
    s = Screen((1600, 900), "gray", "cond", 16)
    s.titlebar("Tableau de bord de l'urgence — Vue des civières")
    s.menubar(["Tableau", "Triage", "Consultations", "Lits", "Rapports"])
    motifs = ["Douleur thoracique", "Dyspnée", "Chute, fracture hanche ?",
              "Douleur abdominale", "Céphalée", "Idées suicidaires",
              "Saignement digestif", "Fièvre, toux", "Confusion aiguë",
              "Lacération main", "Intoxication ROH", "Faiblesse G"]
    rows = []
    for i in range(ctx.rng.randint(10, 14)):
        p = ctx.person(age=(18, 95))
        rows.append(["C-%02d" % (i + 1), p.last_first, str(p.age(ctx.today)),
                     ctx.pick(motifs), "P%d" % ctx.pick([2, 3, 3, 4]),
                     "%d h %02d" % (ctx.rng.randint(0, 30), ctx.rng.randint(0, 59)),
                     "Dr " + ctx.pick(B.SURNAMES)])
    s.y += 10
    s.table(["Civière", "Usager", "Âge", "Motif", "Priorité", "Séjour", "Médecin"],
            rows, [0.07, 0.22, 0.06, 0.3, 0.08, 0.1, 0.17])
    return send(ctx, frm, [shot(ctx, s, "png8")])


@positive("screenshot", 1, "e")
def imaging_worklist(ctx):
    frm = sender(ctx, org="hgm", role="clerk", lang="en")
    s = Screen((1440, 900), "blue", "sans", 15)
    s.titlebar("RadWorks PACS — Worklist")
    s.menubar(["Worklist", "Study", "Reports", "Tools"])
    rows = []
    exams = ["CT chest w/ contrast", "MRI brain", "US abdomen", "XR hip L",
             "CT head non-contrast", "Mammogram screening", "US Doppler leg R"]
    for i in range(ctx.rng.randint(9, 12)):
        p = ctx.person(age=(20, 90))
        rows.append(["A%07d" % ctx.rng.randint(0, 9999999), ctx.mrn_no("plain"),
                     p.last_first, fmt_date(p.dob, "iso"), ctx.pick(exams),
                     ctx.pick(["Scheduled", "In progress", "Read", "Dictated"])])
    s.y += 10
    s.table(["Accession", "MRN", "Patient", "DOB", "Exam", "Status"], rows,
            [0.12, 0.11, 0.22, 0.12, 0.27, 0.16])
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="clinic")


# --- negatives --------------------------------------------------------------

@negative("screenshot", 2, "fe")
def staff_roster(ctx):
    frm = sender(ctx, role="clerk")
    people = [B.make_staff(ctx.rng) for _ in range(ctx.rng.randint(9, 13))]
    days = [ctx.ahead(1, 1) + dt.timedelta(days=i) for i in range(7)]
    if ctx.variant == 0:
        headers = ["Matricule", "Nom", "Titre d'emploi"] + \
            [d.strftime("%d/%m") for d in days]
        rows = [[str(ctx.rng.randint(100000, 999999)), "%s %s" % (g, s_),
                 ctx.pick(["Inf.", "Inf. aux.", "PAB", "ASI"])] +
                [ctx.pick(["J", "J", "S", "N", "—", "C"]) for _ in days]
                for g, s_, _ in people]
        s = excel_screen(ctx, (1366, 768), "horaire_unite_4B.xlsx",
                         ["Horaire", "Remplacements"], headers, rows,
                         [100, 190, 120] + [70] * 7,
                         title_rows=[["Horaire du personnel — Unité 4B"]])
        att = shot(ctx, s, "png8")
    else:
        s = Screen((1280, 800), "teal", "sans", 16)
        s.titlebar("StaffPlan — Nursing schedule")
        s.menubar(["Schedule", "Staff", "Requests", "Reports"])
        s.heading("Week of %s — Unit 7 North" % days[0].isoformat())
        rows = [["%s %s" % (g, s_), ctx.pick(["RN", "LPN", "PAB"])] +
                [ctx.pick(["D", "E", "N", "off"]) for _ in days]
                for g, s_, _ in people]
        s.table(["Employee", "Role"] + [d.strftime("%a %d") for d in days], rows,
                [0.22, 0.08] + [0.1] * 7)
        att = shot(ctx, s, "png8")
    return send(ctx, frm, [att], kind="agency")


@negative("screenshot", 2, "ff")
def ed_dashboard_counts(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS))
    s = Screen((1600, 900), ctx.pick(["blue", "gray"]), "sans", 16)
    s.titlebar("Tableau de bord — Performance de l'urgence")
    s.menubar(["Vue d'ensemble", "Urgence", "Hospitalisation", "Chirurgie"])
    tiles = [("Usagers sur civière", str(ctx.rng.randint(25, 60))),
             ("Taux d'occupation", "%d %%" % ctx.rng.randint(95, 160)),
             ("DMS sur civière", ("%.1f h" % ctx.rng.uniform(10, 24)).replace(".", ",")),
             ("P1-P2 en attente", str(ctx.rng.randint(0, 9))),
             ("Séjour > 24 h", str(ctx.rng.randint(2, 20))),
             ("Départs sans PEC", "%d %%" % ctx.rng.randint(3, 15))]
    x, y = 30, s.y + 30
    for i, (lab, val) in enumerate(tiles):
        tx = x + (i % 3) * 510
        ty = y + (i // 3) * 170
        s.d.rounded_rectangle([tx, ty, tx + 480, ty + 150], 10, fill=s.t["panel"],
                              outline=s.t["grid"])
        s.text((tx + 20, ty + 18), lab, s.f(18))
        s.text((tx + 20, ty + 60), val, s.f(48, True))
    s.y = y + 350
    hours = ["%02dh" % h for h in range(0, 24, 3)]
    chart, texts = bar_chart(ctx, (1540, 320), "Arrivées par tranche de 3 heures",
                             hours, [[ctx.rng.randint(5, 40) for _ in hours]],
                             ["Arrivées ambulance + ambulatoires"], "Usagers")
    s.im.paste(chart, (30, s.y))
    s.texts += texts
    fmt = "png8" if ctx.variant == 0 else "jpeg"
    return send(ctx, frm, [shot(ctx, s, fmt, **({"quality": 72} if fmt == "jpeg"
                                                 else {}))], kind="consultant")


@negative("screenshot", 2, "fe")
def chart_screenshot(ctx):
    frm = sender(ctx)
    if ctx.lang == "fr":
        labels = ["avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov."]
        im, texts = bar_chart(ctx, (1100, 600), "Délai moyen d'attente en "
                              "chirurgie (jours)", labels,
                              [[ctx.rng.randint(60, 200) for _ in labels],
                               [ctx.rng.randint(60, 200) for _ in labels]],
                              ["Orthopédie", "Chirurgie générale"], "Jours")
    else:
        labels = ["Q1", "Q2", "Q3", "Q4"]
        im, texts = bar_chart(ctx, (900, 560), "Falls per 1,000 patient-days",
                              labels, [[round(ctx.rng.uniform(1, 5), 1)
                                        for _ in labels]], ["Medicine wards"],
                              "Rate")
    return send(ctx, frm, [image_leaf(ctx, im, "png", texts=texts)],
                kind="university")


@negative("screenshot", 2, "fe", note="Error dialogs mention the NAM field and "
          "patients but show no patient; negative.")
def software_error(ctx):
    frm = sender(ctx, role="clerk")
    s = emr_frame(ctx, size=(1366, 768), tab=0)
    s.banner([[("", fr_en(ctx, "Aucun dossier ouvert", "No chart open"))]])
    if ctx.lang == "fr":
        msg = ctx.pick([
            "Le numéro d'assurance maladie saisi n'est pas valide. Vérifiez le "
            "format (4 lettres suivies de 8 chiffres) et le caractère de "
            "contrôle. Code d'erreur : VAL-0042.",
            "Impossible de joindre le serveur du DSQ (délai dépassé). Les "
            "profils pharmacologiques ne sont pas disponibles pour le moment. "
            "Code : 0x80072EE2."])
        title, buttons = "Erreur", ["OK", "Détails..."]
    else:
        msg = ("Your session has expired after 15 minutes of inactivity. Unsaved "
               "changes to the patient chart were discarded. Error ID: "
               "SESS-%04d." % ctx.rng.randint(0, 9999))
        title, buttons = "Session expired", ["Sign in again", "Cancel"]
    dialog_box(s, 380, 250, 620, title, msg, buttons,
               ctx.pick(["error", "warning"]))
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="consultant")


@negative("screenshot", 2, note="Item codes are 4 letters + 8 digits like a NAM, "
          "but their date part is impossible; negative.")
def purchase_order_screen(ctx):
    frm = sender(ctx, role="clerk")
    s = Screen((1366, 768), "gray", ctx.pick(["sans", "cond"]), 16)
    s.titlebar("GRM Approvisionnement — Bon de commande")
    s.menubar(["Commandes", "Fournisseurs", "Réceptions", "Inventaire"])
    po = "BC-%d-%05d" % (ctx.today.year, ctx.rng.randint(0, 99999))
    s.banner([[("Bon de commande :", po), ("Fournisseur :",
                                           ctx.pick(OUTSIDE["supplier"])[0])],
              [("Centre d'activité :", "6%03d" % ctx.rng.randint(0, 999)),
               ("Date :", ctx.today.isoformat())]])
    items = [("GANT", "Gants nitrile M, boîte 100"), ("SERI", "Seringue 10 ml "
             "Luer-lock"), ("PANS", "Pansement mousse 10 x 10"),
             ("CATH", "Cathéter IV 20 G"), ("MASQ", "Masque N95, taille M"),
             ("COMP", "Compresses stériles 4 x 4"), ("TUBU", "Tubulure à "
             "perfusion"), ("ALCO", "Tampons d'alcool")]
    rows = []
    for code, desc in ctx.rng.sample(items, 6):
        c = impossible_code(ctx.rng, code)
        qty = ctx.rng.randint(2, 40)
        pu = ctx.rng.uniform(3, 90)
        rows.append([fmt_nam(c, ctx.pick(["space", "compact"])), desc, str(qty),
                     ("%.2f $" % pu).replace(".", ","),
                     ("%.2f $" % (qty * pu)).replace(".", ",")])
    s.y += 10
    s.table(["Code article", "Description", "Qté", "Prix unitaire", "Total"],
            rows, [0.2, 0.4, 0.08, 0.15, 0.17])
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="supplier")


@negative("screenshot", 2)
def excel_budget(ctx):
    frm = sender(ctx, role="clerk")
    lines = ["Salaires – soins infirmiers", "Salaires – PAB", "Temps supplémentaire",
             "Main-d'œuvre indépendante", "Fournitures médicales", "Médicaments",
             "Entretien équipement", "Formation", "Déplacements"]
    rows = []
    for ln in lines:
        b = ctx.rng.randint(20, 4000) * 1000
        r = int(b * ctx.rng.uniform(0.7, 1.3))
        rows.append([ln, "{:,}".format(b).replace(",", " "),
                     "{:,}".format(r).replace(",", " "),
                     "{:,}".format(r - b).replace(",", " "),
                     ("%.1f %%" % ((r - b) * 100 / b)).replace(".", ",")])
    s = excel_screen(ctx, ctx.pick([(1366, 768), (1280, 800)]),
                     "budget_%d-%d.xlsx" % (ctx.today.year, ctx.today.year + 1),
                     ["Sommaire", "CA 6100", "CA 6200"],
                     ["Poste", "Budget", "Réel projeté", "Écart", "Écart %"], rows,
                     [300, 130, 140, 120, 100],
                     title_rows=[["Budget %d-%d — Centre d'activité 6100" % (
                         ctx.today.year, ctx.today.year + 1)]])
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="consultant")


@negative("screenshot", 1)
def lab_reference_ranges(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS), role="clerk")
    s = Screen((1366, 768), "green", "sans", 16)
    s.titlebar("SIL — Paramétrage des analyses")
    s.menubar(["Analyses", "Valeurs de référence", "Instruments", "Contrôles"])
    rows = [[l[0], "L%03d" % (i * 7 + 11), l[2] or "—",
             ("< %s" % l[4] if l[3] == 0 else "%s – %s" % (l[3], l[4])).replace(".", ","),
             ctx.pick(["1 h", "4 h", "24 h"])] for i, l in enumerate(LABS)]
    s.y += 10
    s.table(["Analyse", "Code", "Unités", "Valeurs de réf. (adulte)", "Délai"],
            rows, [0.32, 0.1, 0.14, 0.28, 0.16])
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="consultant")


@negative("screenshot", 1)
def bed_status_board(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS), role="clerk")
    s = Screen((1366, 768), "blue", "cond", 16)
    s.titlebar("Gestion des lits — Unité 4A")
    s.menubar(["Unités", "Lits", "Demandes d'admission", "Rapports"])
    st = ["Occupé", "Occupé", "Occupé", "Libre", "Nettoyage", "Congé prévu",
          "Bloqué"]
    x0, y0 = 20, s.y + 20
    for i in range(24):
        x = x0 + (i % 6) * 222
        y = y0 + (i // 6) * 120
        status = ctx.pick(st)
        fill = {"Libre": (220, 245, 220), "Nettoyage": (255, 244, 214),
                "Bloqué": (236, 236, 236)}.get(status, (255, 255, 255))
        s.d.rectangle([x, y, x + 210, y + 106], fill=fill, outline=s.t["grid"])
        s.text((x + 12, y + 10), "4A-%02d" % (i + 1), s.f(20, True))
        s.text((x + 12, y + 50), status, s.f(17))
    s.y = y0 + 4 * 120 + 10
    s.text((20, s.y), "Lits occupés : 17 / 24   —   Congés prévus aujourd'hui : 3"
           "   —   Demandes en attente : 5", s.f(17, True))
    return send(ctx, frm, [shot(ctx, s, "png8")], kind="consultant")


# ===========================================================================
# Paper documents (used by scan, scanned-pdf, fax-tiff, office-embedded-image)
# ===========================================================================

def licence(ctx):
    return "%d-%05d" % (ctx.rng.randint(1, 2), ctx.rng.randint(0, 99999))


def letterhead(ctx, md):
    return ("letterhead", B.ORGS[md.org][0], ORG_ADDR[md.org] + "  •  Tél. " +
            md.phone_no)


def town_of(org):
    return ORG_ADDR[org].split(", ")[-1].split(" (")[0]


def fr_date(d):
    return B.fmt_date(d, "fr_long")


def doc_referral(ctx, p, md, with_nam=True):
    spec = ctx.pick(["cardiologie", "gastro-entérologie", "pneumologie",
                     "orthopédie", "neurologie", "rhumatologie", "endocrinologie"])
    en = ctx.lang == "en"
    fields = [(fr_en(ctx, "Nom :", "Name:"), p.last_first),
              (fr_en(ctx, "Date de naissance :", "Date of birth:"), dob_str(ctx, p))]
    if with_nam:
        fields.append(("NAM :" if not en else "RAMQ no.:", nam_str(ctx, p)))
    fields.append((fr_en(ctx, "Téléphone :", "Phone:"), ctx.phone()))
    dx = ctx.pick(DX_EN if en else DX_FR)
    meds = ctx.rng.sample(MEDS_EN if en else MEDS_FR, 3)
    if en:
        story = ("Thank you for seeing this %d-year-old %s known for %s. "
                 "Symptoms have worsened over the last %d weeks despite current "
                 "treatment; I would appreciate your assessment and treatment "
                 "suggestions. Recent blood work attached to the chart." % (
                     p.age(ctx.today), "woman" if p.sex == "F" else "man", dx,
                     ctx.rng.randint(3, 10)))
        blocks = [letterhead(ctx, md), ("right", ctx.today.strftime("%B %d, %Y")),
                  ("title", "Referral for consultation"),
                  ("p", "To: %s clinic" % spec.capitalize()),
                  ("fields", fields), ("h", "Reason for referral"), ("p", story),
                  ("h", "Current medications"), ("p", "; ".join(meds)),
                  ("checks", [("Urgent", False), ("Semi-urgent", True),
                              ("Elective", False)], 3),
                  ("sig", "%s, %s (licence %s)" % (md.dr, md.title, licence(ctx)))]
    else:
        story = ("Merci de voir %s %s, %d ans, connu%s pour %s. Aggravation des "
                 "symptômes depuis %d semaines malgré le traitement actuel. J'apprécierais "
                 "votre évaluation et vos recommandations de traitement. Bilan "
                 "sanguin récent au dossier."
                 % ("Mme" if p.sex == "F" else "M.", p.surname, p.age(ctx.today),
                    p.e, dx, ctx.rng.randint(3, 10)))
        blocks = [letterhead(ctx, md),
                  ("right", "%s, le %s" % (town_of(md.org), fr_date(ctx.today))),
                  ("title", ctx.pick(["Demande de consultation", "Lettre de "
                                      "référence"])),
                  ("p", "Destinataire : service de %s" % spec),
                  ("fields", fields), ("h", "Motif de la consultation"),
                  ("p", story), ("h", "Médication actuelle"), ("p", "; ".join(meds)),
                  ("checks", [("Urgent", False), ("Semi-urgent", True),
                              ("Électif", False)], 3),
                  ("sig", "%s, %s (permis %s)" % (md.dr, md.title.lower(),
                                                  licence(ctx)))]
    return blocks


LAB_CHECKS = ["FSC", "Ions (Na, K, Cl)", "Créatinine / DFGe", "Glucose à jeun",
              "HbA1c", "Bilan lipidique", "TSH", "ALT / AST", "Ferritine",
              "INR", "Analyse d'urine", "Culture d'urine", "B12", "PSA",
              "Microalbuminurie", "Vitamine D"]


def doc_lab_requisition(ctx, p=None, md=None, nam=True):
    """A lab requisition; p=None gives a blank form."""
    md = md or sender(ctx, role="md")
    if p:
        fields = [("Nom, prénom :", p.last_first), ("Date de naissance :",
                                                    dob_str(ctx, p, "iso")),
                  ("NAM :", nam_str(ctx, p) if nam else ""), ("Sexe :", p.sex),
                  ("Téléphone :", ctx.phone()), ("Dossier :", ctx.mrn_no()
                                                 if not nam else "")]
        chosen = set(ctx.rng.sample(range(len(LAB_CHECKS)), 5))
        info = ctx.pick(["Suivi diabète, HbA1c dernière 8,4 %.",
                         "Sous lithium, dosage 12 h post-dose.",
                         "Fatigue, perte de poids 6 kg.",
                         "Sous warfarine, cible INR 2-3."])
        prescr = "%s  —  permis %s" % (md.dr, licence(ctx))
    else:
        fields = [("Nom, prénom :", ""), ("Date de naissance :", ""), ("NAM :", ""),
                  ("Sexe :", ""), ("Téléphone :", ""), ("Dossier :", "")]
        chosen, info, prescr = set(), "", ""
    return [letterhead(ctx, md), ("title", "Requête de laboratoire"),
            ("fields", fields), ("h", "Analyses demandées"),
            ("checks", [(c, i in chosen) for i, c in enumerate(LAB_CHECKS)], 3),
            ("field", "Renseignements cliniques :", info),
            ("field", "Prescripteur :", prescr),
            ("field", "Date du prélèvement :", ctx.ahead(1, 10).isoformat() if p
             else ""),
            ("sig", "Signature du prescripteur")]


def doc_consent(ctx, p, md):
    proc = ctx.pick(["cholécystectomie par laparoscopie", "arthroplastie totale "
                     "du genou droit", "coloscopie avec polypectomie",
                     "hystérectomie vaginale", "cure de hernie inguinale gauche"])
    return [letterhead(ctx, md), ("title", "Consentement à une intervention"),
            ("fields", [("Nom de l'usager :", p.full),
                        ("Date de naissance :", dob_str(ctx, p)),
                        ("No de dossier :", ctx.mrn_no()),
                        ("Date prévue :", ctx.ahead(3, 40).isoformat())]),
            ("p", "Je, soussigné%s, %s, consens à subir l'intervention suivante : %s, "
             "qui sera pratiquée par %s ou son équipe." % (p.e, p.full, proc, md.dr)),
            ("p", "On m'a expliqué la nature de l'intervention, ses risques "
             "(saignement, infection, réaction à l'anesthésie, thrombose) et les "
             "autres options possibles. J'ai pu poser mes questions."),
            ("checks", [("Anesthésie générale", ctx.chance(0.6)),
                        ("Anesthésie régionale", False),
                        ("Transfusion acceptée", True),
                        ("Transfusion refusée", False)], 2),
            ("sig", "Signature de l'usager"),
            ("sig", "Signature du médecin — %s" % md.dr),
            ("right", "Signé à %s, le %s" % (town_of(md.org), fr_date(ctx.today)))]


def doc_prescription(ctx, p, md, nam=None):
    nam = ctx.chance(0.5) if nam is None else nam
    en = ctx.lang == "en"
    meds = ctx.rng.sample(MEDS_EN if en else MEDS_FR, ctx.rng.randint(2, 3))
    blocks = [("h", md.dr), ("small", fr_en(ctx, "%s — permis %s", "%s — licence %s")
                                       % (md.title, licence(ctx))),
              ("small", B.ORGS[md.org][0]), ("rule",),
              ("kv", [(fr_en(ctx, "Patient :", "Patient:"), p.full),
                      (fr_en(ctx, "DDN :", "DOB:"), dob_str(ctx, p))] +
               ([("NAM :" if not en else "RAMQ:", nam_str(ctx, p, "space"))]
                if nam else []) +
               [("Date :", ctx.today.isoformat())]),
              ("h", "Rx")]
    for m in meds:
        blocks.append(("p", m))
    blocks += [("p", fr_en(ctx, "Renouvellements : %d", "Refills: %d")
                % ctx.rng.randint(0, 5)), ("sig", md.dr)]
    return blocks


def doc_med_certificate(ctx, p, md):
    start = ctx.ago(0, 3)
    end = start + dt.timedelta(days=ctx.rng.randint(7, 28))
    why = ctx.pick(["entorse lombaire", "épisode dépressif majeur",
                    "pneumonie", "chirurgie (cholécystectomie)",
                    "fracture du poignet droit", "trouble d'adaptation avec "
                    "humeur anxieuse"])
    return [letterhead(ctx, md), ("title", "Certificat médical"),
            ("right", "%s, le %s" % (town_of(md.org), fr_date(ctx.today))),
            ("p", "Je certifie avoir examiné %s %s (né%s le %s) ce jour." %
             (p.mme, p.full, p.e, dob_str(ctx, p, "fr_long"))),
            ("p", "%s est incapable de travailler du %s au %s inclusivement, "
             "en raison de : %s." % ("Elle" if p.sex == "F" else "Il",
                                     fr_date(start), fr_date(end), why)),
            ("p", "Retour progressif à réévaluer lors du prochain rendez-vous."),
            ("sig", "%s (permis %s)" % (md.dr, licence(ctx)))]


def doc_imaging_request(ctx, md, mrn):
    exam = ctx.pick(["TDM abdomen-pelvis avec contraste", "IRM lombaire",
                     "Échographie abdominale", "Radiographie pulmonaire PA-L",
                     "Scintigraphie osseuse"])
    return [letterhead(ctx, md), ("title", "Demande d'examen en imagerie"),
            ("fields", [("No de dossier :", mrn), ("Unité / lit :",
                                                   "%s-%02d" % (ctx.pick(["4A", "6B", "USI"]),
                                                                ctx.rng.randint(1, 30)))]),
            ("field", "Examen demandé :", exam),
            ("p", "Renseignements cliniques : %s. Perte de poids de 8 kg en "
             "3 mois, anémie ferriprive (Hb 94 g/L), sang occulte positif. "
             "Éliminer néoplasie." % ctx.pick(DX_FR).capitalize()),
            ("checks", [("Insuffisance rénale", ctx.chance(0.3)),
                        ("Allergie à l'iode", False), ("Diabète (metformine)",
                                                       ctx.chance(0.4)),
                        ("Grossesse possible", False)], 2),
            ("field", "Médecin demandeur :", md.dr),
            ("sig", "Signature")]


def doc_hiring_form(ctx, org, emp, sin_txt):
    g, s, sex = emp
    return [("letterhead", B.ORGS[org][0], "Direction des ressources humaines"),
            ("title", "Renseignements pour la paie — nouvel employé"),
            ("fields", [("Nom :", s), ("Prénom :", g),
                        ("NAS :", sin_txt), ("Date d'embauche :",
                                             ctx.ago(1, 20).isoformat()),
                        ("Matricule :", str(ctx.rng.randint(100000, 999999))),
                        ("Titre d'emploi :", ctx.pick(["Préposé aux bénéficiaires",
                                                       "Infirmière auxiliaire",
                                                       "Agente administrative"]))]),
            ("field", "Adresse :", B.address(ctx.rng)),
            ("h", "Dépôt direct"),
            ("fields", [("Institution :", "%03d" % ctx.rng.randint(1, 999)),
                        ("Transit :", "%05d" % ctx.rng.randint(0, 99999)),
                        ("Compte :", "%07d" % ctx.rng.randint(0, 9999999))]),
            ("checks", [("Temps complet", True), ("Temps partiel", False),
                        ("Occasionnel", False)], 3),
            ("sig", "Signature de l'employé")]


def doc_discharge_summary(ctx, p, md, mrn):
    en = ctx.lang == "en"
    adm = ctx.ago(6, 20)
    dis = adm + dt.timedelta(days=ctx.rng.randint(3, 12))
    dx = ctx.pick(DX_EN if en else DX_FR)
    meds = ctx.rng.sample(MEDS_EN if en else MEDS_FR, 4)
    if en:
        return [letterhead(ctx, md), ("title", "Discharge summary"),
                ("fields", [("Patient:", p.full), ("DOB:", dob_str(ctx, p)),
                            ("MRN:", mrn), ("Admitted:", adm.isoformat()),
                            ("Discharged:", dis.isoformat()), ("Unit:", "7 North")]),
                ("h", "Main diagnosis"), ("p", dx.capitalize()),
                ("h", "Hospital course"),
                ("p", "Admitted through the emergency department. Treated with IV "
                 "antibiotics and diuresis. Improved steadily; ambulating "
                 "independently at discharge."),
                ("h", "Discharge medications"), ("p", "; ".join(meds)),
                ("h", "Follow-up"),
                ("p", "Family physician in 1 to 2 weeks; blood work in 7 days."),
                ("sig", "%s, %s" % (md.dr, md.title))]
    return [letterhead(ctx, md), ("title", "Sommaire d'hospitalisation"),
            ("fields", [("Usager :", p.full), ("DDN :", dob_str(ctx, p)),
                        ("Dossier :", mrn), ("Admission :", adm.isoformat()),
                        ("Congé :", dis.isoformat()), ("Unité :", "Médecine 4B")]),
            ("h", "Diagnostic principal"), ("p", dx.capitalize()),
            ("h", "Évolution"),
            ("p", "Admis%s par l'urgence. Traitement antibiotique IV puis relais "
             "per os, diurèse. Évolution favorable, autonome à la marche au "
             "congé." % p.e),
            ("h", "Médication au congé"), ("p", "; ".join(meds)),
            ("h", "Suivi"), ("p", "Médecin de famille dans 1 à 2 semaines, bilan "
                             "sanguin dans 7 jours."),
            ("sig", "%s, %s" % (md.dr, md.title.lower()))]


def doc_lab_report(ctx, p, org, ident="nam"):
    en = ctx.lang == "en"
    when = ctx.ago(1, 10)
    rows = []
    for lab in ctx.rng.sample(LABS, 8):
        v, flag, ref = lab_value(ctx, lab)
        rows.append([lab[1] if en else lab[0], v, flag, ref, lab[2]])
    idf = [(fr_en(ctx, "Nom :", "Name:"), p.last_first),
           (fr_en(ctx, "DDN :", "DOB:"), dob_str(ctx, p, "iso"))]
    if ident == "nam":
        idf.append(("NAM :", nam_str(ctx, p)))
    else:
        idf.append((fr_en(ctx, "Dossier :", "MRN:"), ctx.mrn_no()))
    idf.append((fr_en(ctx, "Prélevé :", "Collected:"), when.isoformat()))
    return [("letterhead", B.ORGS[org][0], fr_en(ctx, "Laboratoire de biologie "
                                                  "médicale — Grappe OPTILAB",
                                                  "Clinical laboratory")),
            ("title", fr_en(ctx, "Rapport de laboratoire", "Laboratory report")),
            ("fields", idf),
            ("table", fr_en(ctx, ["Analyse", "Résultat", "Ind.", "Réf.", "Unités"],
                            ["Test", "Result", "Flag", "Ref.", "Units"]), rows,
             [0.34, 0.14, 0.08, 0.26, 0.18]),
            ("small", fr_en(ctx, "Résultats validés électroniquement.",
                            "Results electronically verified."))]


def doc_renewal_request(ctx, p, md):
    ph = ctx.pick(OUTSIDE["pharmacy"])
    meds = ctx.rng.sample(MEDS_FR, 3)
    return [("letterhead", ph[0], "Télécopieur 514 555-01%02d" % ctx.rng.randint(0, 99)),
            ("title", "Demande de renouvellement d'ordonnance"),
            ("fields", [("Patient :", p.last_first), ("DDN :", dob_str(ctx, p, "iso")),
                        ("NAM :", nam_str(ctx, p)), ("Tél. :", ctx.phone())]),
            ("p", "Destinataire : %s" % md.dr),
            ("table", ["Médicament", "Posologie", "Dernier service"],
             [[m.partition(", ")[0], m.partition(", ")[2], ctx.ago(20, 40).isoformat()]
              for m in meds], [0.4, 0.35, 0.25]),
            ("checks", [("Renouveler tel quel", False), ("Modifier", False),
                        ("Refuser — voir le patient", False)], 1),
            ("sig", "Signature du prescripteur")]


def doc_fax_cover(ctx, frm, to, pages):
    return [("letterhead", B.ORGS[frm.org][0], ORG_ADDR[frm.org]),
            ("title", "Bordereau de télécopie"),
            ("fields", [("À :", to[0]), ("De :", frm.display),
                        ("Date :", ctx.today.isoformat()),
                        ("Pages (incluant celle-ci) :", str(pages))]),
            ("field", "Objet :", ctx.pick(["Documents demandés", "Suivi", "Pour "
                                           "traitement"])),
            ("p", "AVIS DE CONFIDENTIALITÉ : les documents qui suivent peuvent "
             "contenir des renseignements confidentiels. Si vous les avez reçus "
             "par erreur, veuillez nous en aviser et les détruire."),
            ("gap", 6)]


def patient_label(ctx, p, mrn):
    return ("box", [p.last_first.upper(), "DDN %s   %s" % (fmt_date(p.dob, "iso"),
                                                          p.sex),
                    "NAM %s" % nam_str(ctx, p, "space"), "Dossier %s" % mrn])


def doc_vitals_sheet(ctx, p, mrn, label=True):
    rows = []
    t0 = ctx.rng.randint(0, 3)
    for i in range(6):
        rows.append(["%02d:00" % ((t0 + i * 4) % 24),
                     "%d/%d" % (ctx.rng.randint(100, 160), ctx.rng.randint(55, 95)),
                     str(ctx.rng.randint(58, 110)), str(ctx.rng.randint(14, 24)),
                     ("%.1f" % ctx.rng.uniform(36.4, 38.6)).replace(".", ","),
                     "%d %%" % ctx.rng.randint(88, 99)])
    blocks = [("title", "Feuille de surveillance des signes vitaux")]
    if label:
        blocks.append(patient_label(ctx, p, mrn))
    blocks += [("table", ["Heure", "TA", "FC", "FR", "T°", "SpO2"], rows),
               ("field", "Remarques :", ctx.pick([
                   "Désaturation à 88 % à 04 h, O2 2 L ajouté.",
                   "Fébrile à 38,6, hémocultures prélevées.",
                   "Douleur 7/10, analgésie donnée."])),
               ("sig", "Initiales de l'infirmière")]
    return blocks


# --- negative documents -------------------------------------------------------

def doc_poster(ctx):
    org = ctx.pick(ORG_KEYS)
    if ctx.variant % 2 == 0:
        return [("gap", 1), ("title", "Vaccination antigrippale"),
                ("title", "C'est le temps de vous protéger !"), ("gap", 1),
                ("p", "Cliniques de vaccination pour le personnel et les "
                 "bénévoles :"),
                ("table", ["Date", "Heure", "Lieu"],
                 [[fr_date(ctx.ahead(5 + i * 2)), "%d h à %d h" % (8 + i, 15 + i),
                   ctx.pick(["Cafétéria", "Salle 2.104", "Hall principal"])]
                  for i in range(3)], [0.4, 0.25, 0.35]),
                ("p", "Aucun rendez-vous requis. Apportez votre carte d'employé."),
                ("gap", 1), ("p", B.ORGS[org][0] + " — Service de santé et "
                             "sécurité du travail")]
    return [("gap", 1), ("title", "Lavez vos mains !"), ("gap", 1),
            ("p", "1. Mouillez vos mains et appliquez du savon."),
            ("p", "2. Frottez 20 secondes : paumes, dos des mains, entre les doigts, "
             "pouces et ongles."),
            ("p", "3. Rincez et séchez avec un essuie-tout."),
            ("p", "4. Fermez le robinet avec l'essuie-tout."),
            ("gap", 1), ("p", "Solution hydroalcoolique : 15 secondes suffisent "
                         "si les mains ne sont pas visiblement souillées."),
            ("p", "Prévention et contrôle des infections — " + B.ORGS[org][0])]


def doc_memo(ctx):
    org = ctx.pick(ORG_KEYS)
    st = B.Staff(ctx.rng, org, None, "Directrice des services techniques")
    en = ctx.lang == "en"
    topic = ctx.pick([
        ("Travaux dans le stationnement P2", "Le stationnement P2 sera fermé du %s "
         "au %s pour la réfection de la dalle. Les employés sont invités à "
         "utiliser le stationnement incitatif et la navette (toutes les 15 "
         "minutes)."),
        ("Panne planifiée du réseau", "Une interruption du réseau informatique "
         "aura lieu la nuit du %s (1 h à 4 h) au %s au plus tard. Les procédures "
         "dégradées papier doivent être utilisées.")])
    if en:
        return [("letterhead", B.ORGS[org][0], "Internal memo"),
                ("title", "MEMO"),
                ("kv", [("To:", "All staff"), ("From:", st.name),
                        ("Date:", ctx.today.isoformat()),
                        ("Subject:", "Elevator B out of service")]), ("rule",),
                ("p", "Elevator B (main pavilion) will be out of service from %s "
                 "to %s for modernization. Please use elevators A and C. Patient "
                 "transfers to the OR should use the service elevator." %
                 (ctx.ahead(3).isoformat(), ctx.ahead(20).isoformat())),
                ("p", "Thank you for your cooperation."), ("sig", st.name)]
    return [("letterhead", B.ORGS[org][0], "Note de service"),
            ("title", "NOTE DE SERVICE"),
            ("kv", [("Destinataires :", "Tout le personnel"),
                    ("Expéditrice :", st.name), ("Date :", fr_date(ctx.today)),
                    ("Objet :", topic[0])]), ("rule",),
            ("p", topic[1] % (fr_date(ctx.ahead(3)), fr_date(ctx.ahead(12)))),
            ("p", "Merci de votre collaboration."), ("sig", st.name + ", " + st.title)]


def doc_invoice(ctx):
    sup = ctx.pick(OUTSIDE["supplier"])
    org = ctx.pick(ORG_KEYS)
    rows, total = [], 0.0
    for desc in ctx.rng.sample(["Gants nitrile M (caisse)", "Blouses jetables",
                                "Seringues 3 ml (boîte 100)", "Lingettes "
                                "désinfectantes", "Masques de procédure",
                                "Thermomètres jetables", "Bassines"], 4):
        q = ctx.rng.randint(2, 30)
        pu = ctx.rng.uniform(8, 120)
        total += q * pu
        rows.append([desc, str(q), ("%.2f" % pu).replace(".", ","),
                     ("%.2f" % (q * pu)).replace(".", ",")])
    bn = B.make_bn(ctx.rng)
    return [("letterhead", sup[0], "TPS %s RT0001  •  TVQ %d TQ0001" % (
                bn, ctx.rng.randint(1000000000, 1999999999))),
            ("title", "FACTURE"),
            ("fields", [("Facture no :", "F-%06d" % ctx.rng.randint(0, 999999)),
                        ("Date :", ctx.ago(2, 20).isoformat()),
                        ("Client :", B.ORGS[org][0]),
                        ("Bon de commande :", "BC-%d-%05d" % (ctx.today.year,
                                                              ctx.rng.randint(0, 99999)))]),
            ("table", ["Description", "Qté", "Prix unit.", "Montant"], rows,
             [0.5, 0.1, 0.2, 0.2]),
            ("kv", [("Sous-total :", ("%.2f $" % total).replace(".", ",")),
                    ("TPS (5 %) :", ("%.2f $" % (total * .05)).replace(".", ",")),
                    ("TVQ (9,975 %) :", ("%.2f $" % (total * .09975)).replace(".", ",")),
                    ("Total :", ("%.2f $" % (total * 1.14975)).replace(".", ","))]),
            ("small", "Payable en 30 jours. Merci de votre confiance.")]


def doc_attendance(ctx):
    org = ctx.pick(ORG_KEYS)
    rows = [["%s %s" % B.make_staff(ctx.rng)[:2], str(ctx.rng.randint(100000, 999999)),
             ctx.pick(["4B", "Urgence", "Bloc", "CHSLD"]), ""] for _ in range(9)]
    return [("letterhead", B.ORGS[org][0], "Direction des soins infirmiers"),
            ("title", "Feuille de présence — formation"),
            ("kv", [("Formation :", ctx.pick(["Réanimation cardiorespiratoire (RCR)",
                                              "Prévention des chutes",
                                              "Pompes volumétriques"])),
                    ("Date :", fr_date(ctx.ago(1, 10))),
                    ("Formatrice :", "%s %s" % B.make_staff(ctx.rng, "F")[:2])]),
            ("table", ["Nom", "Matricule", "Unité", "Signature"], rows,
             [0.35, 0.2, 0.2, 0.25])]


PROCEDURE_STEPS = [
    "Procéder à l'hygiène des mains et revêtir l'équipement de protection requis.",
    "Vérifier l'identité de l'usager à l'aide de deux identifiants (nom et date "
    "de naissance) avant tout soin.",
    "Préparer le matériel sur une surface propre et désinfectée.",
    "Désinfecter le glucomètre avec une lingette approuvée après chaque usager; "
    "respecter le temps de contact de 2 minutes.",
    "Consigner le résultat au dossier et aviser le médecin si la glycémie est "
    "inférieure à 4 mmol/L ou supérieure à 20 mmol/L.",
    "Jeter les lancettes dans le contenant pour objets piquants et tranchants.",
    "En cas d'exposition accidentelle au sang, suivre la procédure AES et "
    "communiquer avec le service de santé.",
    "Les contrôles de qualité du glucomètre sont effectués chaque jour et "
    "notés au registre de l'unité.",
    "Toute déviation de la présente procédure est déclarée au moyen du "
    "formulaire AH-223.",
]


def doc_procedure(ctx, pages=2):
    org = ctx.pick(ORG_KEYS)
    title = ctx.pick(["Procédure de glycémie capillaire", "Procédure de "
                      "désinfection des glucomètres", "Procédure d'administration "
                      "de l'insuline"])
    blocks = [("letterhead", B.ORGS[org][0], "Direction des soins infirmiers — "
               "Procédure PSI-%03d" % ctx.rng.randint(1, 400)),
              ("title", title),
              ("kv", [("En vigueur :", ctx.ago(200, 600).isoformat()),
                      ("Révision :", ctx.ahead(100, 700).isoformat()),
                      ("Approuvée par :", "Comité des pratiques cliniques")]),
              ("h", "1. Objectif"),
              ("p", "Uniformiser la pratique et réduire le risque de transmission "
               "d'infections lors des soins.")]
    for pg in range(pages):
        if pg:
            blocks.append(("page",))
            blocks.append(("h", "%d. Étapes (suite)" % (pg + 2)))
        else:
            blocks.append(("h", "2. Étapes"))
        for i, st in enumerate(ctx.rng.sample(PROCEDURE_STEPS, 6)):
            blocks.append(("p", "%d.%d  %s" % (pg + 2, i + 1, st)))
    return blocks


def doc_supply_order(ctx):
    org = ctx.pick(ORG_KEYS)
    items = [("GANT", "Gants nitrile, taille M"), ("SERI", "Seringues 10 ml"),
             ("PANS", "Pansements transparents"), ("SOLU", "Solution saline 0,9 % "
                                                   "1 L"),
             ("CATH", "Cathéters IV 22 G"), ("BLOU", "Blouses d'isolement")]
    rows = [[fmt_nam(impossible_code(ctx.rng, c), "space"), d,
             str(ctx.rng.randint(1, 24)), ctx.pick(["boîte", "caisse", "unité"])]
            for c, d in ctx.rng.sample(items, 5)]
    return [("letterhead", B.ORGS[org][0], "Service de l'approvisionnement"),
            ("title", "Bon de commande — magasin central"),
            ("fields", [("Unité :", ctx.pick(["4B", "Urgence", "Bloc opératoire"])),
                        ("Centre d'activité :", "6%03d" % ctx.rng.randint(0, 999)),
                        ("Date :", ctx.today.isoformat()),
                        ("Demandeur :", "%s %s" % B.make_staff(ctx.rng)[:2])]),
            ("table", ["Code", "Article", "Qté", "Format"], rows,
             [0.28, 0.44, 0.1, 0.18]),
            ("sig", "Approbation du gestionnaire")]


def doc_minutes(ctx):
    org = ctx.pick(ORG_KEYS)
    return [("letterhead", B.ORGS[org][0], "Comité de prévention des infections"),
            ("title", "Compte rendu de réunion"),
            ("kv", [("Date :", fr_date(ctx.ago(3, 20))),
                    ("Présents :", ", ".join("%s %s" % B.make_staff(ctx.rng)[:2]
                                             for _ in range(4)))]),
            ("h", "1. Surveillance"),
            ("p", "Taux de bactériémies à SARM : %s par 10 000 jours-présence "
             "(cible < 0,5). %d cas d'ERV à la période %d, tous liés à l'unité 5C." %
             (("%.2f" % ctx.rng.uniform(0.1, 0.9)).replace(".", ","),
              ctx.rng.randint(1, 6), ctx.rng.randint(1, 13))),
            ("h", "2. Hygiène des mains"),
            ("p", "Taux de conformité global : %d %% (audits de %d observations)." %
             (ctx.rng.randint(60, 90), ctx.rng.randint(200, 600))),
            ("h", "3. Varia"), ("p", "Prochaine rencontre dans un mois.")]


def doc_conference(ctx):
    org = ctx.pick(ORG_KEYS)
    return [("letterhead", B.ORGS[org][0], "Direction de l'enseignement"),
            ("title", "Journée scientifique annuelle"),
            ("p", "Le %s, de 8 h 30 à 16 h, à l'auditorium principal." %
             fr_date(ctx.ahead(20, 60))),
            ("h", "Programme"),
            ("p", "8 h 45 — Nouveautés dans la prise en charge de l'insuffisance "
             "cardiaque"),
            ("p", "10 h 15 — Déprescription chez la personne âgée"),
            ("p", "13 h 00 — Intelligence artificielle et imagerie médicale"),
            ("p", "14 h 30 — Table ronde : accès aux soins en région"),
            ("p", "Inscription obligatoire auprès de la Direction de "
             "l'enseignement. 6 heures de formation reconnues.")]


# ---------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------

def scan_name(ctx, photo=False, ext="jpg"):
    w = ctx.when
    if photo:
        return ctx.pick(["IMG_%s_%02d%02d%02d.%s" % (w.strftime("%Y%m%d"), w.hour,
                                                    w.minute, w.second, ext),
                         "IMG_%04d.%s" % (ctx.rng.randint(1, 9999), ext.upper()),
                         "photo.%s" % ext])
    return ctx.pick(["scan%04d.%s" % (ctx.rng.randint(1, 999), ext),
                     "Numérisation_%s.%s" % (w.strftime("%Y-%m-%d"), ext),
                     "doc%08d.%s" % (ctx.rng.randint(0, 99999999), ext),
                     "SKM_C%d%s.%s" % (ctx.rng.choice([250, 300, 450]),
                                       w.strftime("%y%m%d%H%M%S"), ext),
                     "document.%s" % ext])


def scan_pages(ctx, blocks, dpi=None, page=(8.5, 11), face=None, pt=None,
               photo=False, orientation=None, quality=None):
    dpi = dpi or 150
    face = face or ctx.pick(["serif", "sans", "serifc", "cond", "mono"])
    pt = pt or ctx.pick([11, 12])
    pages = render_doc(blocks, dpi=dpi, face=face, pt=pt, page=page)
    leaves = []
    quality = quality or ctx.rng.randint(60, 66)
    for i, pg in enumerate(pages):
        data, upright = scan_effect(pg, ctx.rng, quality=quality, dpi=dpi,
                                    amp=ctx.pick([2, 3]), color=photo,
                                    border=int(dpi * 0.35) if photo else 0,
                                    orientation=orientation)
        ctx.picture("scan p%d" % (i + 1), upright)
        fn = scan_name(ctx, photo)
        if len(pages) > 1:
            fn = fn.replace(".", "_p%d." % (i + 1), 1)
        leaves.append(ctx.file(fn, data, "image/jpeg", doc_text(blocks) if i == 0
                               else None, kind="image", fmt="jpeg",
                               orientation=orientation))
    return leaves


# ===========================================================================
# scan
# ===========================================================================

@positive("scan", 3, "ffe", note="Variant 2 of the referral gives name, date of "
          "birth and diagnosis but no NAM; still identifiable.")
def scan_referral_letter(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(30, 88))
    blocks = doc_referral(ctx, p, md, with_nam=ctx.variant != 1)
    photo = ctx.variant == 1
    leaves = scan_pages(ctx, blocks, photo=photo, orientation=6 if photo else None)
    return send(ctx, md, leaves, kind="clinic",
                subj=subject(ctx, ["Numérisation", "Scan"]))


@positive("scan", 2)
def scan_lab_requisition(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(18, 90))
    photo = ctx.variant == 1
    leaves = scan_pages(ctx, doc_lab_requisition(ctx, p, md, nam=ctx.variant == 0),
                        photo=photo, orientation=8 if photo else None)
    return send(ctx, md, leaves)


@positive("scan", 1)
def scan_consent_form(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(30, 85))
    return send(ctx, md, scan_pages(ctx, doc_consent(ctx, p, md), dpi=150),
                kind="lawyer")


@positive("scan", 2, "fe")
def scan_prescription(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="md")
    p = ctx.person(age=(18, 90))
    if ctx.variant == 0:
        leaves = scan_pages(ctx, doc_prescription(ctx, p, md, nam=True), dpi=300,
                            page=(4.25, 5.5), pt=10)
    else:
        leaves = scan_pages(ctx, doc_prescription(ctx, p, md, nam=False), dpi=200,
                            page=(5.5, 8.5), photo=True)
    return send(ctx, md, leaves, kind="pharmacy")


@positive("scan", 2, note="An employee's sick note with a diagnosis: health "
          "information about a named person, so positive (as in ../ positive "
          "087-088).")
def scan_medical_certificate(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="md")
    p = ctx.person(age=(20, 64))
    return send(ctx, md, scan_pages(ctx, doc_med_certificate(ctx, p, md),
                                    photo=ctx.variant == 1),
                kind=ctx.pick(["insurer", "agency"]))


@positive("scan", 1, note="Only a file number with clinical details.")
def scan_imaging_request(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    return send(ctx, md, scan_pages(ctx, doc_imaging_request(ctx, md,
                                                             ctx.mrn_no())),
                kind="clinic")


@positive("scan", 1, note="A SIN on a hiring/payroll form: positive by rule, no "
          "health content.")
def scan_hiring_form_sin(ctx):
    frm = sender(ctx, role="clerk")
    emp = B.make_staff(ctx.rng)
    sin_txt = ctx.sin_no(ctx.pick(["space", "dash"]))
    return send(ctx, frm, scan_pages(ctx, doc_hiring_form(ctx, frm.org, emp,
                                                          sin_txt), dpi=150),
                kind="payroll")


@negative("scan", 2)
def scan_poster(ctx):
    frm = sender(ctx, role="clerk")
    photo = ctx.variant == 1
    return send(ctx, frm, scan_pages(ctx, doc_poster(ctx), dpi=150, pt=16,
                                     face="sans", photo=photo,
                                     orientation=6 if photo else None),
                kind="supplier")


@negative("scan", 2, "fe")
def scan_memo(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, scan_pages(ctx, doc_memo(ctx)), kind="consultant")


@negative("scan", 1, note="Supplier invoice with a GST/QST business number that "
          "passes Luhn; negative.")
def scan_invoice(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, scan_pages(ctx, doc_invoice(ctx), dpi=150),
                kind="supplier")


@negative("scan", 2, note="Blank lab requisition: patient fields are empty.")
def scan_blank_requisition(ctx):
    frm = sender(ctx, role="clerk")
    photo = ctx.variant == 1
    return send(ctx, frm, scan_pages(ctx, doc_lab_requisition(ctx, None),
                                     photo=photo, orientation=8 if photo else None),
                kind="supplier")


@negative("scan", 1, note="Staff names on a training attendance sheet.")
def scan_attendance_sheet(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, scan_pages(ctx, doc_attendance(ctx), dpi=150),
                kind="university")


# ===========================================================================
# inline-image and small-images
# ===========================================================================

def cid_of(ctx, fn):
    h = hashlib.sha1(("%s/%s/%d/%s" % (ctx.kind, ctx.name, ctx.variant, fn)).encode())
    return "%s@01DB%s.%s" % (fn, h.hexdigest()[:4].upper(), h.hexdigest()[4:12].upper())


def send_inline(ctx, frm, pics, lead_fr="Voir ci-dessous.", lead_en="See below.",
                to=None, kind=None, attachments=(), subj=None, newsletter=None):
    """pics: list of (PIL image, fmt, texts, width_in_html or None)."""
    leaves, tags = [], []
    for i, (im, fmt, texts, width) in enumerate(pics):
        fn = "image%03d.%s" % (i + 1, IMG_EXT[fmt])
        cid = cid_of(ctx, fn)
        leaves.append(image_leaf(ctx, im, fmt, filename=fn, texts=texts,
                                 inline=True, cid=cid))
        wattr = ' width="%d"' % width if width else ""
        tags.append('<img src="cid:%s"%s alt="%s">' % (cid, wattr, fn))
    lead = fr_en(ctx, lead_fr, lead_en)
    greet = fr_en(ctx, "Bonjour,", "Hi,")
    thanks = fr_en(ctx, "Merci,", "Thanks,")
    sig_txt = frm.sign(ctx, ctx.lang, disclaimer=ctx.chance(0.3)).strip("\n-")
    if newsletter:
        html_main = newsletter(tags)
        text = re.sub(r"<[^>]+>", " ", html_main)
        text = re.sub(r"[ \t]+", " ", text).strip() + "\n"
    else:
        html_main = "<p>%s</p>\n<p>%s</p>\n%s\n<p>%s</p>\n<p>%s</p>" % (
            greet, esc(lead), "\n".join("<p>%s</p>" % t for t in tags[:1]), thanks,
            esc(sig_txt).replace("\n", "<br>\n"))
        if len(tags) > 1:     # further pictures (logos) go in the signature
            html_main += "\n<p>%s</p>" % " ".join(tags[1:])
        text = "%s\n\n%s\n\n[image: image001]\n\n%s\n%s\n" % (greet, lead, thanks,
                                                               sig_txt)
    html = ('<html>\n<head><meta http-equiv="Content-Type" content="text/html; '
            'charset=utf-8"></head>\n<body style="font-family:Calibri,Arial,'
            'sans-serif;font-size:11pt">\n%s\n</body>\n</html>\n' % html_main)
    mime = B.body(ctx, text, html=html, style=ctx.pick(["alt", "html"]),
                  attachments=list(attachments), related=leaves)
    to = to or outside(ctx, kind)
    return B.build(ctx, (frm.display, frm.addr), [to], subj or subject(ctx), mime,
                   lang="en-CA" if ctx.lang == "en" else "fr-CA")


@positive("inline-image", 3, "ffe")
def pasted_record_banner(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    s = emr_frame(ctx, size=(1280, 720), tab=1,
                  banner=patient_banner(ctx, p, True, ctx.mrn_no()))
    meds = ctx.rng.sample(MEDS_EN if ctx.lang == "en" else MEDS_FR, 5)
    s.table(fr_en(ctx, ["Médicament", "Début"], ["Medication", "Start"]),
            [[m, ctx.ago(20, 900).isoformat()] for m in meds], [0.75, 0.25],
            w=800)
    crop = (0, 108, 1280, s.y + 6)      # the banner and the table, no title bar
    im = s.im.crop(crop)
    return send_inline(ctx, md, [(im, "png8", s.texts, None)], kind="pharmacy")


@positive("inline-image", 2)
def pasted_lab_crop(ctx):
    frm = sender(ctx)
    p = ctx.person(age=(20, 90))
    s = Screen((900, 520), ctx.pick(["blue", "gray"]), "sans", 16)
    s.banner([[("", p.last_first), ("DDN :", dob_str(ctx, p, "iso"))],
              [("Dossier :", ctx.mrn_no())]])
    rows = []
    for lab in ctx.rng.sample(LABS, 7):
        v, flag, ref = lab_value(ctx, lab)
        rows.append([lab[0], v, flag, ref, lab[2]])
    s.table(["Analyse", "Résultat", "Ind.", "Réf.", "Unités"], rows,
            [0.34, 0.15, 0.08, 0.23, 0.2])
    im = s.im.crop((0, 0, 900, s.y + 4))
    return send_inline(ctx, frm, [(im, ctx.pick(["png", "png8"]), s.texts, 700)])


@positive("inline-image", 1, "e")
def pasted_agenda_crop(ctx):
    frm = sender(ctx, org="hgm", role="clerk", lang="en")
    s = Screen((1000, 420), "teal", "sans", 16)
    rows = []
    t = 13 * 60
    for _ in range(7):
        p = ctx.person(age=(18, 90))
        rows.append(["%02d:%02d" % divmod(t, 60), p.full, ctx.pick(VISIT_REASONS_EN)])
        t += 20
    s.heading("Clinic list — %s" % B.en_day(ctx.ahead(1, 5)))
    s.table(["Time", "Patient", "Reason"], rows, [0.12, 0.38, 0.5])
    im = s.im.crop((0, 0, 1000, s.y + 4))
    return send_inline(ctx, frm, [(im, "png8", s.texts, None)], kind="clinic",
                       lead_en="Tomorrow's list below, can you confirm the "
                               "interpreter?")


def logo_image(ctx, org, size=(260, 72)):
    name = B.ORGS[org][0]
    im = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(im)
    col = ctx.pick([(0, 84, 147), (0, 120, 90), (120, 30, 90), (20, 20, 20)])
    d.ellipse([6, 8, 62, 64], fill=col)
    ini = "".join(w[0] for w in re.findall(r"[A-ZÉ][\w']+", name))[:2] or "Q"
    f = font("sans", 24, True)
    d.text((34 - text_w(f, ini) / 2, 20), ini, font=f, fill=(255, 255, 255))
    f2 = font("cond", 16, True)
    lines = wrap(f2, name, size[0] - 80)[:2]
    for i, ln in enumerate(lines):
        d.text((72, 14 + i * 22), ln, font=f2, fill=col)
    return im, [name]


@negative("inline-image", 2, "fe")
def newsletter_banner(ctx):
    frm = sender(ctx, role="clerk")
    title = fr_en(ctx, "Semaine nationale de la sécurité des patients",
                  "Patient Safety Week")
    im = Image.new("RGB", (900, 220), (232, 242, 250))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, 900, 16], fill=(0, 84, 147))
    d.text((40, 50), title, font=font("sans", 34, True), fill=(0, 50, 100))
    sub = fr_en(ctx, "Du 27 octobre au 2 novembre — kiosques à la cafétéria",
                "October 27 to November 2 — booths in the cafeteria")
    d.text((40, 120), sub, font=font("sans", 22), fill=(20, 40, 60))

    def news(tags):
        return ("<h2>%s</h2>\n<p>%s</p>\n<p>%s</p>\n<p>%s</p>" % (
            esc(fr_en(ctx, "Infolettre de la Direction de la qualité",
                      "Quality Department newsletter")), tags[0],
            esc(fr_en(ctx, "Cette année, le thème est la communication avec "
                      "l'usager et ses proches lors des transitions de soins. "
                      "Venez nous rencontrer !",
                      "This year's theme is communication with patients and "
                      "families during care transitions. Come and see us!")),
            esc(frm.name)))
    return send_inline(ctx, frm, [(im, "png8", [title, sub], 900)], newsletter=news,
                       kind="university")


@negative("inline-image", 2, "fe")
def pasted_chart(ctx):
    frm = sender(ctx)
    if ctx.lang == "fr":
        labels = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
        im, texts = bar_chart(ctx, (820, 420), "Taux d'infections nosocomiales "
                              "(par 10 000 jours-présence)", labels,
                              [[round(ctx.rng.uniform(2, 9), 1) for _ in labels]],
                              ["Centre hospitalier"], "Taux")
    else:
        labels = ["Jan", "Feb", "Mar", "Apr", "May"]
        im, texts = bar_chart(ctx, (820, 420), "ED visits per day (mean)", labels,
                              [[ctx.rng.randint(90, 160) for _ in labels]],
                              ["Site A"], "Visits")
    return send_inline(ctx, frm, [(im, "png8", texts, None)], kind="university")


@negative("inline-image", 1)
def signature_logo_inline(ctx):
    frm = sender(ctx)
    im, texts = logo_image(ctx, frm.org)
    return send_inline(ctx, frm, [(im, "png", texts, 180)],
                       lead_fr="Je vous confirme ma présence à la rencontre de "
                               "jeudi.")


@negative("inline-image", 1)
def pasted_dashboard(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS))
    s = Screen((960, 300), "gray", "sans", 16)
    tiles = [("Chirurgies réalisées", str(ctx.rng.randint(300, 900))),
             ("En attente > 1 an", str(ctx.rng.randint(20, 400))),
             ("Annulations", "%d %%" % ctx.rng.randint(2, 12))]
    for i, (lab, val) in enumerate(tiles):
        x = 20 + i * 310
        s.d.rounded_rectangle([x, 30, x + 290, 260], 10, fill=(255, 255, 255),
                              outline=s.t["grid"])
        s.text((x + 18, 50), lab, s.f(18))
        s.text((x + 18, 110), val, s.f(56, True))
    return send_inline(ctx, frm, [(s.im, "png8", s.texts, None)],
                       kind="consultant")


# --- small-images --------------------------------------------------------------

@negative("small-images", 3, "ffe")
def signature_logos(ctx):
    frm = sender(ctx)
    im, texts = logo_image(ctx, frm.org)
    pics = [(im, "png", texts, 180)]
    for name, col in [("in", (10, 102, 194)), ("f", (24, 119, 242))][:ctx.variant + 1]:
        ic = Image.new("RGB", (24, 24), col)
        ImageDraw.Draw(ic).text((6, 3), name, font=font("sans", 14, True),
                                fill=(255, 255, 255))
        pics.append((ic, "png", [], 24))
    return send_inline(ctx, frm, pics, lead_fr="Tel que discuté, je vous "
                       "reviens demain avec le document.",
                       lead_en="As discussed, I will get back to you tomorrow.")


@negative("small-images", 2)
def tracking_pixel(ctx):
    frm = sender(ctx, role="clerk")
    px = Image.new("RGB", (1, 1), (255, 255, 255))
    fmt = ["gif", "png"][ctx.variant]

    def news(tags):
        return ("<p>%s</p>\n<p>%s</p>\n%s" % (
            esc("Bonjour,"),
            esc("Rappel : le sondage sur la satisfaction du personnel se termine "
                "vendredi. Merci de prendre 5 minutes pour y répondre."),
            tags[0]))
    return send_inline(ctx, frm, [(px, fmt, [], 1)], newsletter=news,
                       kind="consultant")


@negative("small-images", 3)
def icon_files(ctx):
    frm = sender(ctx, role="clerk")
    leaves = []
    for i in range(ctx.rng.randint(2, 3)):
        sz = ctx.pick([16, 32, 48])
        ic = Image.new("RGBA", (sz, sz), (0, 0, 0, 0))
        d = ImageDraw.Draw(ic)
        col = ctx.pick([(200, 40, 40, 255), (0, 110, 180, 255), (40, 150, 60, 255)])
        d.rounded_rectangle([1, 1, sz - 2, sz - 2], max(2, sz // 6), fill=col)
        d.text((sz // 4, sz // 6), ctx.pick(["+", "i", "?", "!"]),
               font=font("sans", max(10, sz // 2), True), fill=(255, 255, 255, 255))
        fmt = ctx.pick(["png", "ico"]) if i else "ico"
        fn = ctx.pick(["favicon", "icone_%d" % sz, "bouton_%d" % i]) + "." + IMG_EXT[fmt]
        if any(fn == a[0] for a in ctx.att):
            fn = "x%d_%s" % (i, fn)
        leaves.append(image_leaf(ctx, ic, fmt, filename=fn))
    return send(ctx, frm, leaves, kind="consultant",
                lead="Voici les icônes pour la page intranet.")


# ===========================================================================
# scanned-pdf
# ===========================================================================

def pdf_time(ctx):
    w = ctx.when
    return time.struct_time((w.year, w.month, w.day, w.hour, w.minute, w.second,
                             w.weekday(), 1, 0))


def image_pdf(ctx, pages, dpi, title):
    buf = io.BytesIO()
    first, rest = pages[0], pages[1:]
    kw = {}
    if all(p.mode != "1" for p in pages):
        # (Pillow passes the option on to its G4 TIFF encoder, which refuses it)
        kw["quality"] = ctx.rng.randint(55, 70)
    first.save(buf, "PDF", save_all=True, append_images=rest, resolution=dpi,
               title=title, **kw,
               creator="MFP Scan Utility 4.2", producer="ScanSuite PDF 2.1",
               creationDate=pdf_time(ctx), modDate=pdf_time(ctx))
    return buf.getvalue()


def scanned_pdf(ctx, blocks, fn=None, dpi=None, gray=False, face=None, pt=None):
    """Render, degrade like a document feeder, and save as an image-only PDF.
    Pages are 1-bit (CCITT G4), or 8-bit grey (JPEG) at 150 dpi if gray."""
    dpi = 150 if gray else (dpi or ctx.pick([150, 200, 200]))
    face = face or ctx.pick(["serif", "sans", "serifc", "cond", "mono"])
    pages = render_doc(blocks, dpi=dpi, face=face, pt=pt or ctx.pick([11, 12]))
    out = []
    for i, pg in enumerate(pages):
        pg = pg.rotate(ctx.rng.uniform(-1.2, 1.2), resample=Image.BICUBIC,
                       fillcolor=255)
        if gray:
            im = add_noise(pg.filter(ImageFilter.GaussianBlur(0.6)), ctx.rng, 2)
            out.append(im)
        else:
            out.append(to_fax(pg, ctx.rng, ctx.rng.randint(135, 165)))
        ctx.picture("pdf p%d" % (i + 1), out[-1])
    fn = fn or scan_name(ctx, ext="pdf")
    data = image_pdf(ctx, out, dpi, os.path.splitext(fn)[0])
    return ctx.file(fn, data, "application/pdf", doc_text(blocks), kind="pdf",
                    pages=len(out), textless=True)


def doc_consult_report(ctx, p, md):
    en = ctx.lang == "en"
    dx = ctx.pick(DX_EN if en else DX_FR)
    if en:
        return [letterhead(ctx, md), ("title", "Consultation report"),
                ("fields", [("Patient:", p.full), ("DOB:", dob_str(ctx, p)),
                            ("RAMQ:", nam_str(ctx, p)), ("Seen on:",
                                                         ctx.ago(1, 7).isoformat())]),
                ("h", "Reason for consultation"), ("p", "Assessment of %s." % dx),
                ("h", "History"),
                ("p", "Symptoms for about %d months, worse at night, no weight "
                 "loss. Previous treatments partially effective." %
                 ctx.rng.randint(2, 12)),
                ("h", "Examination"),
                ("p", "BP 138/84, HR 76, afebrile. Examination otherwise "
                 "unremarkable apart from findings related to the main problem."),
                ("page",), ("h", "Impression and plan"),
                ("p", "1. %s, moderate. 2. Adjust treatment as below. 3. Blood "
                 "work in 6 weeks." % dx.capitalize()),
                ("p", "Medication: " + "; ".join(ctx.rng.sample(MEDS_EN, 2))),
                ("sig", "%s, %s" % (md.dr, md.title))]
    return [letterhead(ctx, md), ("title", "Rapport de consultation"),
            ("fields", [("Usager :", p.full), ("DDN :", dob_str(ctx, p)),
                        ("NAM :", nam_str(ctx, p)), ("Vu le :",
                                                     ctx.ago(1, 7).isoformat())]),
            ("h", "Motif"), ("p", "Évaluation pour %s." % dx),
            ("h", "Histoire"),
            ("p", "Symptômes depuis environ %d mois, pires la nuit, sans perte de "
             "poids. Traitements antérieurs partiellement efficaces." %
             ctx.rng.randint(2, 12)),
            ("h", "Examen"),
            ("p", "TA 138/84, FC 76, afébrile. Examen par ailleurs sans "
             "particularité, outre les trouvailles liées au problème principal."),
            ("page",), ("h", "Impression et plan"),
            ("p", "1. %s, modéré. 2. Ajustement du traitement. 3. Bilan sanguin "
             "dans 6 semaines." % dx.capitalize()),
            ("p", "Médication : " + "; ".join(ctx.rng.sample(MEDS_FR, 2))),
            ("sig", "%s, %s" % (md.dr, md.title.lower()))]


@positive("scanned-pdf", 2, "fe")
def pdf_consult_report(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    return send(ctx, md, [scanned_pdf(ctx, doc_consult_report(ctx, p, md))],
                kind="clinic")


@positive("scanned-pdf", 2, note="Page 1 is a fax cover sheet; the patient is "
          "only on page 2.")
def pdf_referral_packet(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    to = outside(ctx, "clinic")
    blocks = doc_fax_cover(ctx, md, to, 2) + [("page",)] + \
        doc_referral(ctx, p, md, with_nam=ctx.variant == 0)
    return send(ctx, md, [scanned_pdf(ctx, blocks)], to=to)


@positive("scanned-pdf", 2, note="A nursing procedure whose last page is a "
          "filled vital-signs sheet with a patient label; data only on the last "
          "page.")
def pdf_label_last_page(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS), role="clerk")
    p = ctx.person(age=(40, 95))
    blocks = doc_procedure(ctx, pages=1 + ctx.variant) + [("page",)] + \
        doc_vitals_sheet(ctx, p, ctx.mrn_no())
    return send(ctx, frm, [scanned_pdf(ctx, blocks)], kind="university")


@positive("scanned-pdf", 2, "fe")
def pdf_discharge_summary(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(20, 90))
    return send(ctx, md, [scanned_pdf(ctx, doc_discharge_summary(
        ctx, p, md, ctx.mrn_no()))], kind="clinic")


@positive("scanned-pdf", 1)
def pdf_lab_report(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    return send(ctx, frm, [scanned_pdf(ctx, doc_lab_report(ctx, p, frm.org,
                                                           "mrn"), gray=True)])


@positive("scanned-pdf", 1, note="SIN on a payroll form, no health content.")
def pdf_payroll_form(ctx):
    frm = sender(ctx, role="clerk")
    blocks = doc_hiring_form(ctx, frm.org, B.make_staff(ctx.rng), ctx.sin_no())
    return send(ctx, frm, [scanned_pdf(ctx, blocks)], kind="payroll")


@positive("scanned-pdf", 1)
def pdf_renewal_requests(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="md")
    blocks = []
    for i in range(3):
        if i:
            blocks.append(("page",))
        blocks += doc_renewal_request(ctx, ctx.person(age=(30, 90)), md)
    return send(ctx, md, [scanned_pdf(ctx, blocks)], kind="pharmacy")


@negative("scanned-pdf", 3)
def pdf_scanned_procedure(ctx):
    frm = sender(ctx, role="clerk")
    blocks = doc_procedure(ctx, pages=[1, 2, 4][ctx.variant])
    return send(ctx, frm, [scanned_pdf(ctx, blocks, gray=ctx.variant == 1)],
                kind="university")


@negative("scanned-pdf", 2, note="Item codes shaped like NAMs with impossible "
          "dates.")
def pdf_supply_order(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, [scanned_pdf(ctx, doc_supply_order(ctx))],
                kind="supplier")


@negative("scanned-pdf", 1)
def pdf_meeting_minutes(ctx):
    frm = sender(ctx)
    return send(ctx, frm, [scanned_pdf(ctx, doc_minutes(ctx))], kind="university")


@negative("scanned-pdf", 2)
def pdf_blank_forms(ctx):
    frm = sender(ctx, role="clerk")
    if ctx.variant == 0:
        blocks = doc_lab_requisition(ctx, None, frm)
    else:
        to = outside(ctx)
        blocks = doc_fax_cover(ctx, frm, to, 2) + [("page",)] + \
            doc_lab_requisition(ctx, None, frm)
    return send(ctx, frm, [scanned_pdf(ctx, blocks)], kind="supplier")


@negative("scanned-pdf", 1)
def pdf_conference(ctx):
    frm = sender(ctx)
    return send(ctx, frm, [scanned_pdf(ctx, doc_conference(ctx))],
                kind="university")


# ===========================================================================
# fax-tiff
# ===========================================================================

def fax_tiff(ctx, blocks, frm):
    dpi = 200
    face = ctx.pick(["sans", "serif", "mono", "cond"])
    pages = render_doc(blocks, dpi=dpi, face=face, pt=ctx.pick([11, 12]),
                       page=(8.64, 11.0), margin=0.6)
    n = len(pages)
    out = []
    fno = frm.phone_no
    for i, pg in enumerate(pages):
        d = ImageDraw.Draw(pg)
        head = "%s %02d:%02d   DE : %s   %s   P. %d/%d" % (
            ctx.today.strftime("%Y-%m-%d"), ctx.when.hour, ctx.when.minute, fno,
            strip_org(B.ORGS[frm.org][0]), i + 1, n)
        d.text((30, 14), head, font=font("mono", 28), fill=0)
        pg = pg.rotate(ctx.rng.uniform(-0.6, 0.6), resample=Image.BICUBIC,
                       fillcolor=255)
        out.append(to_fax(pg, ctx.rng, ctx.rng.randint(140, 170)))
        ctx.picture("fax p%d" % (i + 1), out[-1])
    buf = io.BytesIO()
    out[0].save(buf, "TIFF", save_all=True, append_images=out[1:],
                compression="group4", dpi=(dpi, dpi))
    fn = ctx.pick(["fax_%s_%02d%02d.tif" % (ctx.today.strftime("%Y%m%d"),
                                           ctx.when.hour, ctx.when.minute),
                   "FAX%05d.TIF" % ctx.rng.randint(0, 99999), "télécopie.tiff",
                   "Fax recu.tif"])
    return ctx.file(fn, buf.getvalue(), "image/tiff", doc_text(blocks),
                    kind="tiff", pages=n)


def strip_org(s):
    return B.strip_accents(s).upper()[:28]


@positive("fax-tiff", 2)
def fax_referral(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    to = outside(ctx, "clinic")
    blocks = doc_fax_cover(ctx, md, to, 2) + [("page",)] + \
        doc_referral(ctx, p, md, with_nam=ctx.variant == 0)
    return send(ctx, md, [fax_tiff(ctx, blocks, md)], to=to)


@positive("fax-tiff", 1)
def fax_renewal_request(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="clerk")
    doc = sender(ctx, org=md.org, role="md")
    return send(ctx, md, [fax_tiff(ctx, doc_renewal_request(ctx, ctx.person(
        age=(30, 90)), doc), md)], kind="pharmacy")


@positive("fax-tiff", 1)
def fax_lab_result(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    return send(ctx, frm, [fax_tiff(ctx, doc_lab_report(ctx, p, frm.org, "nam"),
                                    frm)], kind="clinic")


@positive("fax-tiff", 1)
def fax_discharge(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(20, 90))
    to = outside(ctx, "clinic")
    blocks = doc_fax_cover(ctx, md, to, 3) + [("page",)] + \
        doc_discharge_summary(ctx, p, md, ctx.mrn_no())
    return send(ctx, md, [fax_tiff(ctx, blocks, md)], to=to)


@negative("fax-tiff", 1)
def fax_supply_order(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, [fax_tiff(ctx, doc_supply_order(ctx), frm)],
                kind="supplier")


@negative("fax-tiff", 1)
def fax_memo(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, [fax_tiff(ctx, doc_memo(ctx), frm)], kind="agency")


@negative("fax-tiff", 1)
def fax_conference(ctx):
    frm = sender(ctx)
    to = outside(ctx, "university")
    blocks = doc_fax_cover(ctx, frm, to, 2) + [("page",)] + doc_conference(ctx)
    return send(ctx, frm, [fax_tiff(ctx, blocks, frm)], to=to)


@negative("fax-tiff", 1)
def fax_invoice(ctx):
    frm = sender(ctx, role="clerk")
    return send(ctx, frm, [fax_tiff(ctx, doc_invoice(ctx), frm)], kind="supplier")


# ===========================================================================
# Office Open XML and OpenDocument writers (by hand, with zipfile)
# ===========================================================================

X = B._xml_esc
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_OFF = "application/vnd.openxmlformats-officedocument."


def make_zip(files):
    """files: (name, bytes[, compress]). Fixed timestamps, given order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for item in files:
            name, data = item[0], item[1]
            compress = item[2] if len(item) > 2 else True
            info = zipfile.ZipInfo(name, date_time=B.ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else \
                zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            z.writestr(info, data)
    return buf.getvalue()


def content_types(defaults, overrides):
    d = "".join('<Default Extension="%s" ContentType="%s"/>' % kv for kv in defaults)
    o = "".join('<Override PartName="%s" ContentType="%s"/>' % kv for kv in overrides)
    return (XML_HEAD + '<Types xmlns="%s">%s%s</Types>' % (NS_CT, d, o)).encode()


def rels(items):
    """items: (Id, type suffix or full URI, target)."""
    out = []
    for rid, typ, target in items:
        if not typ.startswith("http"):
            typ = REL + typ
        out.append('<Relationship Id="%s" Type="%s" Target="%s"/>' % (rid, typ, target))
    return (XML_HEAD + '<Relationships xmlns="%s">%s</Relationships>' %
            (NS_PKG_REL, "".join(out))).encode()


def w3c(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(ctx, title, author):
    t = w3c(ctx.when - dt.timedelta(days=ctx.rng.randint(0, 30)))
    return (XML_HEAD +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/'
            '2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s'
            '</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy><dcterms:created '
            'xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified '
            'xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>'
            % (X(title), X(author), X(author), t, w3c(ctx.when))).encode()


def app_xml(app="Microsoft Office Word"):
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/extended-properties"><Application>%s</Application>'
            '</Properties>' % app).encode()


PKG_RELS_TYPES = ("http://schemas.openxmlformats.org/package/2006/relationships/"
                  "metadata/core-properties")


class Docx:
    """WordprocessingML with the parts where text can hide."""

    def __init__(self, ctx, author, title=""):
        self.ctx, self.author, self.title = ctx, author, title
        self.body, self.header, self.footer = [], None, None
        self.footnotes, self.comments, self.media = [], [], []
        self.text = []          # every piece of text, for the self-check
        self.rev = 100

    @staticmethod
    def run(text, bold=False, italic=False, size=None):
        rpr = ""
        if bold or italic or size:
            rpr = "<w:rPr>%s%s%s</w:rPr>" % ("<w:b/>" if bold else "",
                                            "<w:i/>" if italic else "",
                                            '<w:sz w:val="%d"/>' % size if size else "")
        return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, X(text))

    def para(self, parts, style=None, align=None):
        ppr = ""
        if style or align:
            ppr = "<w:pPr>%s%s</w:pPr>" % (
                '<w:pStyle w:val="%s"/>' % style if style else "",
                '<w:jc w:val="%s"/>' % align if align else "")
        return "<w:p>%s%s</w:p>" % (ppr, "".join(parts))

    def p(self, text, bold=False, style=None, align=None):
        self.text.append(text)
        self.body.append(self.para([self.run(text, bold)], style, align))

    def h(self, text):
        self.p(text, style="Heading1")

    def rich(self, parts, style=None):
        """parts: str | ('b', str) | ('del', str) | ('ins', str) |
        ('fn', footnote text) | ('comment', anchor text, comment text)."""
        out = []
        ctx = self.ctx
        for part in parts:
            if isinstance(part, str):
                self.text.append(part)
                out.append(self.run(part))
            elif part[0] == "b":
                self.text.append(part[1])
                out.append(self.run(part[1], True))
            elif part[0] in ("del", "ins"):
                self.rev += 1
                who = part[2] if len(part) > 2 else self.author
                when = w3c(ctx.when - dt.timedelta(hours=ctx.rng.randint(1, 200)))
                self.text.append(part[1])
                if part[0] == "del":
                    out.append('<w:del w:id="%d" w:author="%s" w:date="%s"><w:r>'
                               '<w:delText xml:space="preserve">%s</w:delText></w:r>'
                               '</w:del>' % (self.rev, X(who), when, X(part[1])))
                else:
                    out.append('<w:ins w:id="%d" w:author="%s" w:date="%s">%s</w:ins>'
                               % (self.rev, X(who), when, self.run(part[1])))
            elif part[0] == "fn":
                n = len(self.footnotes) + 1
                self.footnotes.append(part[1])
                self.text.append(part[1])
                out.append('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                           '</w:rPr><w:footnoteReference w:id="%d"/></w:r>' % n)
            elif part[0] == "comment":
                n = len(self.comments)
                who = part[3] if len(part) > 3 else self.author
                self.comments.append((who, part[2]))
                self.text += [part[1], part[2]]
                out.append('<w:commentRangeStart w:id="%d"/>%s<w:commentRangeEnd '
                           'w:id="%d"/><w:r><w:rPr><w:rStyle w:val="CommentReference"'
                           '/></w:rPr><w:commentReference w:id="%d"/></w:r>'
                           % (n, self.run(part[1]), n, n))
            else:
                raise KeyError(part[0])
        self.body.append(self.para(out, style))

    def table(self, rows):
        out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" '
               'w:type="auto"/><w:tblBorders>%s</w:tblBorders></w:tblPr><w:tblGrid>'
               % "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                         % e for e in ("top", "left", "bottom", "right", "insideH",
                                       "insideV"))]
        out.append("".join('<w:gridCol w:w="%d"/>' % (9000 // len(rows[0]))
                           for _ in rows[0]) + "</w:tblGrid>")
        for i, r in enumerate(rows):
            out.append("<w:tr>")
            for c in r:
                self.text.append(c)
                out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s'
                           '</w:tc>' % (9000 // len(r),
                                        self.para([self.run(c, i == 0)])))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))
        self.body.append("<w:p/>")

    def image(self, data, ext, size_px, descr="Image"):
        n = len(self.media) + 1
        rid = "rIdImg%d" % n
        self.media.append(("word/media/image%d.%s" % (n, ext), data, rid))
        w, h = size_px
        scale = min(1.0, 576.0 / w)           # at most 6 in at 96 px/in
        cx, cy = int(w * scale * 9525), int(h * scale * 9525)
        self.body.append(
            '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            '<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Image %d" descr="%s"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="%s" '
            'noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="%s">'
            '<a:graphicData uri="%s"><pic:pic xmlns:pic="%s"><pic:nvPicPr><pic:cNvPr '
            'id="%d" name="image%d.%s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            '<a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
            % (cx, cy, n, n, X(descr), NS_A, NS_A, NS_PIC, NS_PIC, n, n, ext, rid,
               cx, cy))

    def set_header(self, lines):
        self.header = lines
        self.text += lines

    def set_footer(self, lines):
        self.footer = lines
        self.text += lines

    def _hf(self, tag, lines):
        ps = "".join(self.para([self.run(s, size=18)], "Header" if tag == "hdr"
                               else "Footer") for s in lines)
        return (XML_HEAD + '<w:%s xmlns:w="%s" xmlns:r="%s">%s</w:%s>'
                % (tag, NS_W, NS_R, ps, tag)).encode()

    def build(self):
        ctx = self.ctx
        doc_rels = [("rIdStyles", "styles", "styles.xml"),
                    ("rIdSettings", "settings", "settings.xml")]
        overrides = [("/word/document.xml", CT_OFF + "wordprocessingml.document.main+xml"),
                     ("/word/styles.xml", CT_OFF + "wordprocessingml.styles+xml"),
                     ("/word/settings.xml", CT_OFF + "wordprocessingml.settings+xml"),
                     ("/docProps/core.xml", "application/vnd.openxmlformats-package."
                      "core-properties+xml"),
                     ("/docProps/app.xml", CT_OFF + "extended-properties+xml")]
        parts = []
        sect = ""
        if self.header:
            doc_rels.append(("rIdHdr1", "header", "header1.xml"))
            overrides.append(("/word/header1.xml", CT_OFF + "wordprocessingml.header+xml"))
            parts.append(("word/header1.xml", self._hf("hdr", self.header)))
            sect += '<w:headerReference w:type="default" r:id="rIdHdr1"/>'
        if self.footer:
            doc_rels.append(("rIdFtr1", "footer", "footer1.xml"))
            overrides.append(("/word/footer1.xml", CT_OFF + "wordprocessingml.footer+xml"))
            parts.append(("word/footer1.xml", self._hf("ftr", self.footer)))
            sect += '<w:footerReference w:type="default" r:id="rIdFtr1"/>'
        if self.footnotes:
            doc_rels.append(("rIdFn", "footnotes", "footnotes.xml"))
            overrides.append(("/word/footnotes.xml", CT_OFF +
                              "wordprocessingml.footnotes+xml"))
            fns = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                   '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator"'
                   ' w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
                   '</w:footnote>']
            for i, t in enumerate(self.footnotes, 1):
                fns.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val='
                           '"FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val='
                           '"FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>%s'
                           '</w:p></w:footnote>' % (i, self.run(" " + t)))
            parts.append(("word/footnotes.xml", (XML_HEAD + '<w:footnotes xmlns:w="%s">'
                                                 '%s</w:footnotes>' % (NS_W, "".join(fns))
                                                 ).encode()))
        if self.comments:
            doc_rels.append(("rIdCm", "comments", "comments.xml"))
            overrides.append(("/word/comments.xml", CT_OFF +
                              "wordprocessingml.comments+xml"))
            cms = []
            for i, (who, t) in enumerate(self.comments):
                ini = "".join(w[0] for w in who.split()[:2])
                cms.append('<w:comment w:id="%d" w:author="%s" w:date="%s" '
                           'w:initials="%s"><w:p><w:pPr><w:pStyle w:val="CommentText"'
                           '/></w:pPr>%s</w:p></w:comment>'
                           % (i, X(who), w3c(ctx.when - dt.timedelta(hours=i + 2)),
                              X(ini), self.run(t)))
            parts.append(("word/comments.xml", (XML_HEAD + '<w:comments xmlns:w="%s">'
                                                '%s</w:comments>' % (NS_W, "".join(cms))
                                                ).encode()))
        defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                    ("xml", "application/xml")]
        exts = set()
        for name, data, rid in self.media:
            ext = name.rsplit(".", 1)[1]
            doc_rels.append((rid, "image", name[len("word/"):]))
            exts.add(ext)
            parts.append((name, data, False))
        for ext in sorted(exts):
            defaults.append((ext, {"png": "image/png", "jpeg": "image/jpeg",
                                   "jpg": "image/jpeg"}[ext]))
        document = (XML_HEAD + '<w:document xmlns:w="%s" xmlns:r="%s" xmlns:wp="%s">'
                    '<w:body>%s<w:sectPr>%s<w:pgSz w:w="12240" w:h="15840"/>'
                    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" '
                    'w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
                    '</w:sectPr></w:body></w:document>'
                    % (NS_W, NS_R, NS_WP, "".join(self.body), sect)).encode()
        styles = (XML_HEAD + '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault>'
                  '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz '
                  'w:val="22"/><w:lang w:val="fr-CA"/></w:rPr></w:rPrDefault>'
                  '</w:docDefaults>%s</w:styles>' % (NS_W, "".join(
                      '<w:style w:type="%s" w:styleId="%s"%s><w:name w:val="%s"/>%s'
                      '</w:style>' % s for s in [
                          ("paragraph", "Normal", ' w:default="1"', "Normal", ""),
                          ("paragraph", "Heading1", "", "heading 1",
                           '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before='
                           '"240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>'),
                          ("paragraph", "Header", "", "header", '<w:basedOn w:val='
                           '"Normal"/>'),
                          ("paragraph", "Footer", "", "footer", '<w:basedOn w:val='
                           '"Normal"/>'),
                          ("paragraph", "FootnoteText", "", "footnote text",
                           '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/>'
                           '</w:rPr>'),
                          ("character", "FootnoteReference", "", "footnote reference",
                           '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
                          ("paragraph", "CommentText", "", "annotation text",
                           '<w:basedOn w:val="Normal"/>'),
                          ("character", "CommentReference", "", "annotation reference",
                           '<w:rPr><w:sz w:val="16"/></w:rPr>'),
                          ("table", "TableGrid", "", "Table Grid", "")]))).encode()
        settings = (XML_HEAD + '<w:settings xmlns:w="%s">%s<w:defaultTabStop '
                    'w:val="708"/></w:settings>' % (
                        NS_W, "<w:trackRevisions/>" if self.rev > 100 else "")).encode()
        files = [("[Content_Types].xml", content_types(defaults, overrides)),
                 ("_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml"),
                                       ("rId2", PKG_RELS_TYPES, "docProps/core.xml"),
                                       ("rId3", "extended-properties",
                                        "docProps/app.xml")])),
                 ("word/document.xml", document),
                 ("word/_rels/document.xml.rels", rels(doc_rels)),
                 ("word/styles.xml", styles), ("word/settings.xml", settings)]
        files += parts
        files += [("docProps/core.xml", core_xml(ctx, self.title, self.author)),
                  ("docProps/app.xml", app_xml())]
        return make_zip(files)


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Xlsx:
    def __init__(self, ctx, author, title=""):
        self.ctx, self.author, self.title = ctx, author, title
        self.sheets = []        # (name, rows, state, comments {ref: text})
        self.text = []

    def sheet(self, name, rows, state=None, comments=None):
        self.sheets.append((name, rows, state, comments or {}))
        self.text.append(name)
        for r in rows:
            self.text += [str(c) for c in r if c != ""]
        for t in (comments or {}).values():
            self.text.append(t)

    def build(self):
        ctx = self.ctx
        strings, index = [], {}

        def si(s):
            if s not in index:
                index[s] = len(strings)
                strings.append(s)
            return index[s]
        files, wb_rels, overrides, sheets_xml = [], [], [], []
        has_vml = False
        for n, (name, rows, state, comments) in enumerate(self.sheets, 1):
            out = []
            for r, row in enumerate(rows, 1):
                cells = []
                for c, v in enumerate(row):
                    ref = "%s%d" % (col_letter(c), r)
                    style = ' s="1"' if r == 1 else ""
                    if v == "" or v is None:
                        continue
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        cells.append('<c r="%s"%s><v>%s</v></c>' % (ref, style, v))
                    else:
                        cells.append('<c r="%s"%s t="s"><v>%d</v></c>' %
                                     (ref, style, si(str(v))))
                out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
            width = max((len(r) for r in rows), default=1)
            cols = "".join('<col min="%d" max="%d" width="%d" customWidth="1"/>' %
                           (i + 1, i + 1, 18 if i else 24) for i in range(width))
            legacy = ""
            srels = []
            if comments:
                has_vml = True
                srels = [("rId1", "comments", "../comments%d.xml" % n),
                         ("rId2", "vmlDrawing", "../drawings/vmlDrawing%d.vml" % n)]
                legacy = '<legacyDrawing r:id="rId2"/>'
                cl = "".join('<comment ref="%s" authorId="0"><text><r><rPr><b/><sz '
                             'val="9"/></rPr><t xml:space="preserve">%s:</t></r><r>'
                             '<rPr><sz val="9"/></rPr><t xml:space="preserve">\n%s</t>'
                             '</r></text></comment>' % (ref, X(self.author), X(t))
                             for ref, t in sorted(comments.items()))
                files.append(("xl/comments%d.xml" % n, (
                    XML_HEAD + '<comments xmlns="%s"><authors><author>%s</author>'
                    '</authors><commentList>%s</commentList></comments>'
                    % (NS_S, X(self.author), cl)).encode()))
                overrides.append(("/xl/comments%d.xml" % n, CT_OFF +
                                  "spreadsheetml.comments+xml"))
                shapes = []
                for k, ref in enumerate(sorted(comments)):
                    m = re.match(r"([A-Z]+)(\d+)", ref)
                    col = sum((ord(ch) - 64) * 26 ** i for i, ch in
                              enumerate(reversed(m.group(1)))) - 1
                    row = int(m.group(2)) - 1
                    shapes.append(
                        '<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:'
                        'absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:'
                        '60pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" '
                        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" '
                        'color="black" obscured="t"/><v:path o:connecttype="none"/>'
                        '<v:textbox style="mso-direction-alt:auto"><div style="text-'
                        'align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
                        '<x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False'
                        '</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column>'
                        '</x:ClientData></v:shape>' % (1025 + k, k + 1, row, col))
                vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:'
                       'schemas-microsoft-com:office:office" xmlns:x="urn:schemas-'
                       'microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap'
                       ' v:ext="edit" data="%d"/></o:shapelayout><v:shapetype id='
                       '"_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,'
                       '21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path '
                       'gradientshapeok="t" o:connecttype="rect"/></v:shapetype>%s'
                       '</xml>' % (n, "".join(shapes)))
                files.append(("xl/drawings/vmlDrawing%d.vml" % n, vml.encode()))
                files.append(("xl/worksheets/_rels/sheet%d.xml.rels" % n, rels(srels)))
            files.append(("xl/worksheets/sheet%d.xml" % n, (
                XML_HEAD + '<worksheet xmlns="%s" xmlns:r="%s"><cols>%s</cols>'
                '<sheetData>%s</sheetData>%s</worksheet>'
                % (NS_S, NS_R, cols, "".join(out), legacy)).encode()))
            overrides.append(("/xl/worksheets/sheet%d.xml" % n, CT_OFF +
                              "spreadsheetml.worksheet+xml"))
            wb_rels.append(("rId%d" % n, "worksheet", "worksheets/sheet%d.xml" % n))
            sheets_xml.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (
                X(name), n, ' state="%s"' % state if state else "", n))
        k = len(self.sheets)
        wb_rels += [("rId%d" % (k + 1), "styles", "styles.xml"),
                    ("rId%d" % (k + 2), "sharedStrings", "sharedStrings.xml")]
        sst = "".join('<si><t xml:space="preserve">%s</t></si>' % X(s) for s in strings)
        styles = (XML_HEAD + '<styleSheet xmlns="%s"><fonts count="2"><font><sz '
                  'val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/>'
                  '<name val="Calibri"/></font></fonts><fills count="2"><fill>'
                  '<patternFill patternType="none"/></fill><fill><patternFill '
                  'patternType="gray125"/></fill></fills><borders count="1"><border>'
                  '<left/><right/><top/><bottom/><diagonal/></border></borders>'
                  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
                  'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" '
                  'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" '
                  'fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
                  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
                  'builtinId="0"/></cellStyles></styleSheet>' % NS_S).encode()
        defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                    ("xml", "application/xml")]
        if has_vml:
            defaults.append(("vml", CT_OFF + "vmlDrawing"))
        overrides = [("/xl/workbook.xml", CT_OFF + "spreadsheetml.sheet.main+xml"),
                     ("/xl/styles.xml", CT_OFF + "spreadsheetml.styles+xml"),
                     ("/xl/sharedStrings.xml", CT_OFF + "spreadsheetml.sharedStrings+xml"),
                     ("/docProps/core.xml", "application/vnd.openxmlformats-package."
                      "core-properties+xml"),
                     ("/docProps/app.xml", CT_OFF + "extended-properties+xml")] + overrides
        first_visible = next(i for i, s in enumerate(self.sheets) if not s[2])
        workbook = (XML_HEAD + '<workbook xmlns="%s" xmlns:r="%s"><bookViews>'
                    '<workbookView activeTab="%d"/></bookViews><sheets>%s</sheets>'
                    '</workbook>' % (NS_S, NS_R, first_visible, "".join(sheets_xml))
                    ).encode()
        head = [("[Content_Types].xml", content_types(defaults, overrides)),
                ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml"),
                                      ("rId2", PKG_RELS_TYPES, "docProps/core.xml"),
                                      ("rId3", "extended-properties",
                                       "docProps/app.xml")])),
                ("xl/workbook.xml", workbook),
                ("xl/_rels/workbook.xml.rels", rels(wb_rels)),
                ("xl/styles.xml", styles),
                ("xl/sharedStrings.xml", (XML_HEAD + '<sst xmlns="%s" count="%d" '
                                          'uniqueCount="%d">%s</sst>' % (
                                              NS_S, len(strings), len(strings), sst)
                                          ).encode())]
        tail = [("docProps/core.xml", core_xml(ctx, self.title, self.author)),
                ("docProps/app.xml", app_xml("Microsoft Excel"))]
        return make_zip(head + files + tail)


THEME_XML = (
    XML_HEAD + '<a:theme xmlns:a="%s" name="Office"><a:themeElements><a:clrScheme '
    'name="Office">' % NS_A + "".join(
        '<a:%s><a:srgbClr val="%s"/></a:%s>' % (n, v, n) for n, v in [
            ("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "44546A"), ("lt2", "E7E6E6"),
            ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"),
            ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
            ("hlink", "0563C1"), ("folHlink", "954F72")]) +
    '</a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface='
    '"Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""'
    '/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst>' +
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 +
    '</a:fillStyleLst><a:lnStyleLst>' +
    '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>' * 3 +
    '</a:lnStyleLst><a:effectStyleLst>' + '<a:effectStyle><a:effectLst/>'
    '</a:effectStyle>' * 3 + '</a:effectStyleLst><a:bgFillStyleLst>' +
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 +
    '</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')
CLR_MAP = ('bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2='
           '"accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
           'accent6="accent6" hlink="hlink" folHlink="folHlink"')
EMPTY_TREE = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
              '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" '
              'cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm>'
              '</p:grpSpPr>')


class Pptx:
    """PresentationML: slides with a title, bullet text and optional picture."""

    def __init__(self, ctx, author, title=""):
        self.ctx, self.author, self.title = ctx, author, title
        self.slides = []     # (title, bullets, picture (bytes, ext, (w, h)) or None)
        self.text = []

    def slide(self, title, bullets=(), picture=None):
        self.slides.append((title, list(bullets), picture))
        self.text += [title] + list(bullets)

    @staticmethod
    def _sp(sid, name, x, y, cx, cy, paras, size):
        ps = "".join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d" dirty="0"/><a:t>%s</a:t>'
                     '</a:r></a:p>' % (size, X(t)) for t in paras) or \
            '<a:p><a:endParaRPr lang="fr-CA"/></a:p>'
        return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr txBox="1"/>'
                '<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext '
                'cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
                '</a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
                '%s</p:txBody></p:sp>' % (sid, name, x, y, cx, cy, ps))

    def build(self):
        ctx = self.ctx
        files, pres_rels, sld_ids, overrides = [], [], [], []
        exts = set()
        pres_rels.append(("rId1", "slideMaster", "slideMasters/slideMaster1.xml"))
        for n, (title, bullets, pic) in enumerate(self.slides, 1):
            tree = [self._sp(2, "Titre %d" % n, 457200, 228600, 11277600, 914400,
                             [title], 3200)]
            srels = [("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml")]
            top = 1257300
            if bullets:
                h = 4800600 if not pic else 1100000
                tree.append(self._sp(3, "Texte %d" % n, 457200, top, 11277600, h,
                                     ["• " + b for b in bullets], 2000))
                top += h + 100000
            if pic:
                data, ext, (w, hh) = pic
                exts.add(ext)
                maxw, maxh = 11277600, 6858000 - top - 200000
                scale = min(maxw / (w * 9525), maxh / (hh * 9525), 1.6)
                cx, cy = int(w * 9525 * scale), int(hh * 9525 * scale)
                mname = "ppt/media/image%d.%s" % (n, ext)
                files.append((mname, data, False))
                srels.append(("rId2", "image", "../media/image%d.%s" % (n, ext)))
                tree.append('<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image %d"/>'
                            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
                            '<p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/>'
                            '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
                            '<a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/>'
                            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                            '</p:spPr></p:pic>' % (n, (12192000 - cx) // 2, top, cx, cy))
            files.append(("ppt/slides/slide%d.xml" % n, (
                XML_HEAD + '<p:sld xmlns:a="%s" xmlns:r="%s" xmlns:p="%s"><p:cSld>'
                '<p:spTree>%s%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
                '</p:clrMapOvr></p:sld>' % (NS_A, NS_R, NS_P, EMPTY_TREE, "".join(tree))
            ).encode()))
            files.append(("ppt/slides/_rels/slide%d.xml.rels" % n, rels(srels)))
            overrides.append(("/ppt/slides/slide%d.xml" % n, CT_OFF +
                              "presentationml.slide+xml"))
            pres_rels.append(("rId%d" % (n + 1), "slide", "slides/slide%d.xml" % n))
            sld_ids.append('<p:sldId id="%d" r:id="rId%d"/>' % (255 + n, n + 1))
        k = len(self.slides) + 2
        pres_rels.append(("rId%d" % k, "theme", "theme/theme1.xml"))
        presentation = (XML_HEAD + '<p:presentation xmlns:a="%s" xmlns:r="%s" '
                        'xmlns:p="%s"><p:sldMasterIdLst><p:sldMasterId id="2147483648"'
                        ' r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>%s</p:sldIdLst>'
                        '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" '
                        'cy="9144000"/></p:presentation>' % (NS_A, NS_R, NS_P,
                                                             "".join(sld_ids))).encode()
        master = (XML_HEAD + '<p:sldMaster xmlns:a="%s" xmlns:r="%s" xmlns:p="%s">'
                  '<p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/>'
                  '</p:bgRef></p:bg><p:spTree>%s</p:spTree></p:cSld><p:clrMap %s/>'
                  '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/>'
                  '</p:sldLayoutIdLst></p:sldMaster>' % (NS_A, NS_R, NS_P, EMPTY_TREE,
                                                         CLR_MAP)).encode()
        layout = (XML_HEAD + '<p:sldLayout xmlns:a="%s" xmlns:r="%s" xmlns:p="%s" '
                  'type="blank" preserve="1"><p:cSld name="Vide"><p:spTree>%s'
                  '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
                  '</p:clrMapOvr></p:sldLayout>' % (NS_A, NS_R, NS_P, EMPTY_TREE)
                  ).encode()
        defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                    ("xml", "application/xml")]
        for ext in sorted(exts):
            defaults.append((ext, "image/png" if ext == "png" else "image/jpeg"))
        overrides = [("/ppt/presentation.xml", CT_OFF + "presentationml.presentation."
                      "main+xml"),
                     ("/ppt/slideMasters/slideMaster1.xml", CT_OFF +
                      "presentationml.slideMaster+xml"),
                     ("/ppt/slideLayouts/slideLayout1.xml", CT_OFF +
                      "presentationml.slideLayout+xml"),
                     ("/ppt/theme/theme1.xml", CT_OFF + "theme+xml"),
                     ("/docProps/core.xml", "application/vnd.openxmlformats-package."
                      "core-properties+xml"),
                     ("/docProps/app.xml", CT_OFF + "extended-properties+xml")] + overrides
        head = [("[Content_Types].xml", content_types(defaults, overrides)),
                ("_rels/.rels", rels([("rId1", "officeDocument", "ppt/presentation.xml"),
                                      ("rId2", PKG_RELS_TYPES, "docProps/core.xml"),
                                      ("rId3", "extended-properties",
                                       "docProps/app.xml")])),
                ("ppt/presentation.xml", presentation),
                ("ppt/_rels/presentation.xml.rels", rels(pres_rels)),
                ("ppt/slideMasters/slideMaster1.xml", master),
                ("ppt/slideMasters/_rels/slideMaster1.xml.rels",
                 rels([("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
                       ("rId2", "theme", "../theme/theme1.xml")])),
                ("ppt/slideLayouts/slideLayout1.xml", layout),
                ("ppt/slideLayouts/_rels/slideLayout1.xml.rels",
                 rels([("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")])),
                ("ppt/theme/theme1.xml", THEME_XML.encode())]
        tail = [("docProps/core.xml", core_xml(ctx, self.title, self.author)),
                ("docProps/app.xml", app_xml("Microsoft Office PowerPoint"))]
        return make_zip(head + files + tail)


# --- OpenDocument ----------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def odf_annotation(ctx, who, text):
    return ('<office:annotation><dc:creator>%s</dc:creator><dc:date>%s</dc:date>'
            '<text:p>%s</text:p></office:annotation>' % (
                X(who), (ctx.when - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S"),
                X(text)))


def make_odf(ctx, kind, body_xml, author, title):
    mt = {"odt": "application/vnd.oasis.opendocument.text",
          "ods": "application/vnd.oasis.opendocument.spreadsheet"}[kind]
    tag = {"odt": "office:text", "ods": "office:spreadsheet"}[kind]
    content = (XML_HEAD.replace(' standalone="yes"', "") +
               '<office:document-content %s office:version="1.2"><office:body><%s>%s'
               '</%s></office:body></office:document-content>' % (ODF_NS, tag, body_xml,
                                                                  tag))
    styles = (XML_HEAD.replace(' standalone="yes"', "") +
              '<office:document-styles %s office:version="1.2"><office:styles/>'
              '</office:document-styles>' % ODF_NS)
    meta = (XML_HEAD.replace(' standalone="yes"', "") +
            '<office:document-meta %s office:version="1.2"><office:meta><dc:title>%s'
            '</dc:title><meta:initial-creator>%s</meta:initial-creator><dc:creator>%s'
            '</dc:creator><meta:creation-date>%s</meta:creation-date><dc:date>%s'
            '</dc:date></office:meta></office:document-meta>' % (
                ODF_NS, X(title), X(author), X(author),
                ctx.when.strftime("%Y-%m-%dT%H:%M:%S"),
                ctx.when.strftime("%Y-%m-%dT%H:%M:%S")))
    manifest = (XML_HEAD.replace(' standalone="yes"', "") +
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                'xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                'manifest:full-path="/" manifest:version="1.2" manifest:media-type="%s"/>'
                '%s</manifest:manifest>' % (mt, "".join(
                    '<manifest:file-entry manifest:full-path="%s" manifest:media-type='
                    '"text/xml"/>' % p for p in ("content.xml", "styles.xml",
                                                  "meta.xml"))))
    return make_zip([("mimetype", mt.encode(), False),
                     ("content.xml", content.encode()),
                     ("styles.xml", styles.encode()),
                     ("meta.xml", meta.encode()),
                     ("META-INF/manifest.xml", manifest.encode())])


def odt_body(paras):
    """paras: list of str or (str, annotation_xml)."""
    out = []
    for p in paras:
        if isinstance(p, tuple):
            out.append("<text:p>%s%s</text:p>" % (p[1], X(p[0])))
        else:
            out.append("<text:p>%s</text:p>" % X(p))
    return "".join(out)


def ods_body(sheets):
    """sheets: [(name, rows)]; a cell is a value or (value, annotation_xml)."""
    out = []
    for name, rows in sheets:
        t = ['<table:table table:name="%s">' % X(name)]
        for r in rows:
            t.append("<table:table-row>")
            for c in r:
                ann = ""
                if isinstance(c, tuple):
                    c, ann = c
                if isinstance(c, (int, float)):
                    t.append('<table:table-cell office:value-type="float" '
                             'office:value="%s">%s<text:p>%s</text:p>'
                             '</table:table-cell>' % (c, ann, c))
                elif c == "":
                    t.append("<table:table-cell>%s</table:table-cell>" % ann)
                else:
                    t.append('<table:table-cell office:value-type="string">%s'
                             '<text:p>%s</text:p></table:table-cell>' % (ann, X(c)))
            t.append("</table:table-row>")
        t.append("</table:table>")
        out.append("".join(t))
    return "".join(out)


CT_DOCX = CT_OFF + "wordprocessingml.document"
CT_XLSX = CT_OFF + "spreadsheetml.sheet"
CT_PPTX = CT_OFF + "presentationml.presentation"


# ===========================================================================
# office-embedded-image
# ===========================================================================

def doc_name(ctx, pool_fr, pool_en=None, ext="docx"):
    pool = pool_en if (ctx.lang == "en" and pool_en) else pool_fr
    return ctx.pick(pool) + "." + ext


def emr_capture(ctx, p, kind="meds"):
    """A cropped capture of a patient record, for embedding."""
    s = emr_frame(ctx, size=(1200, 680), tab=1 if kind == "meds" else 2,
                  banner=patient_banner(ctx, p, ctx.chance(0.6), ctx.mrn_no()))
    if kind == "meds":
        meds = ctx.rng.sample(MEDS_EN if ctx.lang == "en" else MEDS_FR, 5)
        s.table(fr_en(ctx, ["Médicament", "Début"], ["Medication", "Start"]),
                [[m, ctx.ago(20, 900).isoformat()] for m in meds], [0.75, 0.25],
                w=820)
    else:
        rows = []
        for lab in ctx.rng.sample(LABS, 6):
            v, flag, ref = lab_value(ctx, lab)
            rows.append([lab[1] if ctx.lang == "en" else lab[0], v, flag, ref, lab[2]])
        s.table(fr_en(ctx, ["Analyse", "Résultat", "Ind.", "Réf.", "Unités"],
                      ["Test", "Result", "Flag", "Ref.", "Units"]), rows,
                [0.34, 0.15, 0.08, 0.23, 0.2], w=900)
    return s.im.crop((0, 108, 1200, s.y + 6)), s.texts


def picture_bytes(ctx, im, fmt):
    ctx.picture("embedded", im)
    if fmt == "jpeg":
        return jpeg_bytes(im.convert("RGB"), 80), "jpeg"
    return encode_image(im, "png8"), "png"


@positive("office-embedded-image", 3, "ffe")
def docx_screenshot_embedded(ctx):
    frm = sender(ctx)
    p = ctx.person(age=(20, 90))
    im, texts = emr_capture(ctx, p, ctx.pick(["meds", "labs"]))
    data, ext = picture_bytes(ctx, im, ctx.pick(["png", "jpeg"]))
    d = Docx(ctx, frm.name, fr_en(ctx, "Capture", "Capture"))
    d.p(fr_en(ctx, "Voir la capture ci-dessous.", "See the capture below."))
    d.image(data, ext, im.size, "capture")
    d.p(fr_en(ctx, "Merci de me revenir.", "Please get back to me."))
    ctx.words(*texts)
    att = ctx.file(doc_name(ctx, ["Document1", "capture", "a_verifier"],
                            ["Document1", "screenshot"]), d.build(), CT_DOCX,
                   "\n".join(d.text), kind="docx")
    return send(ctx, frm, [att])


@positive("office-embedded-image", 3, "ffe", note="Slides hold only a generic "
          "title; the patient is only in the pictures.")
def pptx_case_image(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(20, 90))
    pr = Pptx(ctx, md.name, fr_en(ctx, "Revue de cas", "Case review"))
    pr.slide(fr_en(ctx, "Revue de cas — semaine %d", "Case review — week %d") %
             ctx.today.isocalendar()[1],
             [fr_en(ctx, "Discussion en équipe interdisciplinaire",
                    "Interdisciplinary team discussion")])
    if ctx.variant == 1:
        # a phone photo of the requisition, as residents paste them
        blocks = doc_lab_requisition(ctx, p, md)
        pg = render_doc(blocks, dpi=100, face="sans", pt=12, min_px=24)[0]
        im = pg.convert("RGB")
        ctx.words(doc_text(blocks))
        data, ext = picture_bytes(ctx, im, "jpeg")
    else:
        im, texts = emr_capture(ctx, p, ctx.pick(["meds", "labs"]))
        ctx.words(*texts)
        data, ext = picture_bytes(ctx, im, "png")
    pr.slide(fr_en(ctx, "Présentation", "Presentation"), [], (data, ext, im.size))
    pr.slide(fr_en(ctx, "Questions ?", "Questions?"),
             [fr_en(ctx, "Prochaine revue dans deux semaines",
                    "Next review in two weeks")])
    att = ctx.file(doc_name(ctx, ["Présentation1", "revue_de_cas"], ["case_review",
                                                                     "Presentation1"],
                            "pptx"), pr.build(), CT_PPTX, "\n".join(pr.text),
                   kind="pptx")
    return send(ctx, md, [att], kind="university")


@positive("office-embedded-image", 1)
def docx_scanned_label(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS), role="clerk")
    p = ctx.person(age=(20, 95))
    blocks = [patient_label(ctx, p, ctx.mrn_no())]
    pg = render_doc(blocks, dpi=150, face="mono", pt=12, page=(4.0, 1.6),
                    margin=0.15)[0]
    ctx.words(doc_text(blocks))
    data, ext = picture_bytes(ctx, pg.convert("RGB"), "png")
    d = Docx(ctx, frm.name, "Déclaration")
    d.h("Formulaire de déclaration d'incident ou d'accident (AH-223)")
    d.p("Étiquette de l'usager :")
    d.image(data, ext, pg.size, "etiquette")
    d.p("Description : voir la section 4 du formulaire papier.")
    att = ctx.file("AH-223_%s.docx" % ctx.today.strftime("%Y%m%d"), d.build(),
                   CT_DOCX, "\n".join(d.text), kind="docx")
    return send(ctx, frm, [att], kind="lawyer")


@negative("office-embedded-image", 2, "fe")
def docx_chart_embedded(ctx):
    frm = sender(ctx)
    labels = ["T1", "T2", "T3", "T4"]
    im, texts = bar_chart(ctx, (900, 480), fr_en(ctx, "Chutes par trimestre",
                                                 "Falls per quarter"), labels,
                          [[ctx.rng.randint(10, 60) for _ in labels]],
                          [fr_en(ctx, "Toutes unités", "All units")],
                          fr_en(ctx, "Nombre", "Count"))
    ctx.words(*texts)
    data, ext = picture_bytes(ctx, im, "png")
    d = Docx(ctx, frm.name, fr_en(ctx, "Rapport trimestriel", "Quarterly report"))
    d.h(fr_en(ctx, "Rapport trimestriel — chutes", "Quarterly report — falls"))
    d.p(fr_en(ctx, "Le nombre de chutes est stable. Aucun événement sentinelle "
                   "n'a été déclaré ce trimestre.",
              "Falls are stable. No sentinel event was reported this quarter."))
    d.image(data, ext, im.size, "graphique")
    att = ctx.file(doc_name(ctx, ["rapport_trimestriel"], ["quarterly_report"]),
                   d.build(), CT_DOCX, "\n".join(d.text), kind="docx")
    return send(ctx, frm, [att], kind="university")


@negative("office-embedded-image", 2, "fe", note="A training deck whose pictures "
          "are a blank requisition and an error dialog.")
def pptx_training_deck(ctx):
    frm = sender(ctx, role="clerk")
    pr = Pptx(ctx, frm.name, fr_en(ctx, "Formation", "Training"))
    pr.slide(fr_en(ctx, "Formation — nouvelle requête de laboratoire",
                   "Training — new lab requisition"),
             [fr_en(ctx, "Objectifs : remplir la requête sans erreur",
                    "Goal: fill the requisition without errors")])
    blocks = doc_lab_requisition(ctx, None, frm)
    pg = render_doc(blocks, dpi=100, face="sans", pt=12, min_px=24)[0]
    ctx.words(doc_text(blocks))
    data, ext = picture_bytes(ctx, pg.convert("RGB"), "png")
    pr.slide(fr_en(ctx, "Le formulaire", "The form"), [], (data, ext, pg.size))
    s = emr_frame(ctx, size=(1100, 600), tab=0)
    dialog_box(s, 250, 220, 600, fr_en(ctx, "Erreur", "Error"),
               fr_en(ctx, "Le champ NAM est obligatoire.", "The RAMQ field is "
                          "required."), ["OK"])
    ctx.words(*s.texts)
    data2, ext2 = picture_bytes(ctx, s.im, "png")
    pr.slide(fr_en(ctx, "Message d'erreur fréquent", "Common error"), [],
             (data2, ext2, s.im.size))
    att = ctx.file(doc_name(ctx, ["formation_requete", "Présentation1"],
                            ["training_requisition"], "pptx"), pr.build(), CT_PPTX,
                   "\n".join(pr.text), kind="pptx")
    return send(ctx, frm, [att], kind="university")


@negative("office-embedded-image", 1)
def docx_logo(ctx):
    frm = sender(ctx, role="clerk")
    im, texts = logo_image(ctx, frm.org, (360, 100))
    ctx.words(*texts)
    data, ext = picture_bytes(ctx, im, "png")
    d = Docx(ctx, frm.name, "Politique")
    d.image(data, ext, im.size, "logo")
    d.h("Politique sur l'utilisation du courriel")
    for t in ["Le courriel institutionnel ne doit pas servir à transmettre des "
              "renseignements de santé à l'externe sans chiffrement.",
              "Toute communication avec un usager passe par le portail sécurisé.",
              "Les manquements sont traités selon la politique de sécurité de "
              "l'information."]:
        d.p(t)
    att = ctx.file("politique_courriel.docx", d.build(), CT_DOCX, "\n".join(d.text),
                   kind="docx")
    return send(ctx, frm, [att], kind="consultant")


# ===========================================================================
# office-hidden-parts
# ===========================================================================

def de(x):
    """French 'de' with elision: de diabète, d'hypertension."""
    return ("d'" if B.strip_accents(x[:1]).lower() in "aeiouh" else "de ") + x


def anon_note(ctx):
    """Clinical paragraphs with no identifier (identity is elsewhere)."""
    if ctx.lang == "en":
        return ["Progress note", "Seen today for follow-up of %s. Reports better "
                "energy; sleeps 6 hours. No chest pain." % ctx.pick(DX_EN),
                "Exam: BP 132/80, HR 72, weight 84 kg. Lungs clear.",
                "Plan: continue %s; blood work in 3 months." % ctx.pick(MEDS_EN)]
    return ["Note d'évolution", "Vu%s aujourd'hui pour le suivi %s. Rapporte "
            "une meilleure énergie, dort 6 heures. Pas de douleur thoracique." %
            ("", de(ctx.pick(DX_FR))),
            "Examen : TA 132/80, FC 72, poids 84 kg. Auscultation normale.",
            "Plan : poursuivre %s; bilan sanguin dans 3 mois." % ctx.pick(MEDS_FR)]


def docx_att(ctx, d, names_fr, names_en=None):
    return ctx.file(doc_name(ctx, names_fr, names_en), d.build(), CT_DOCX,
                    "\n".join(d.text), kind="docx")


@positive("office-hidden-parts", 2, "fe", note="Identity only in the page "
          "header; the body is an anonymous progress note.")
def docx_header_patient(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name)
    d.set_header([fr_en(ctx, "%s — DDN %s — NAM %s", "%s — DOB %s — RAMQ %s") %
                  (p.last_first, dob_str(ctx, p, "iso"), nam_str(ctx, p))])
    note = anon_note(ctx)
    d.h(note[0])
    for t in note[1:]:
        d.p(t)
    return send(ctx, md, [docx_att(ctx, d, ["note", "Document1"], ["note"])],
                kind="clinic")


@positive("office-hidden-parts", 1, note="Name and file number only in the "
          "footer.")
def docx_footer_mrn(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name)
    d.set_footer(["Dossier %s — %s — page 1" % (ctx.mrn_no(), p.last_first)])
    for i, t in enumerate(anon_note(ctx)):
        d.h(t) if i == 0 else d.p(t)
    return send(ctx, md, [docx_att(ctx, d, ["suivi", "note_evolution"])])


@positive("office-hidden-parts", 1, note="Teaching text; the patient is named "
          "with a birth date only in a footnote.")
def docx_footnote_case(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(40, 90))
    d = Docx(ctx, md.name, "Cas clinique")
    d.h("Atelier : insuffisance cardiaque décompensée")
    d.rich(["Le cas présenté", ("fn", "Cas de %s %s, né%s le %s, hospitalisé%s à "
                                "l'unité 4B du %s au %s." % (
                                    p.mme, p.full, p.e, fmt_date(p.dob, "fr_long"),
                                    p.e, ctx.ago(40, 60).isoformat(),
                                    ctx.ago(20, 30).isoformat())),
            " illustre une décompensation sur non-observance et apport sodé."])
    d.p("Questions : 1) Quels examens demander ? 2) Quel ajustement diurétique ?")
    return send(ctx, md, [docx_att(ctx, d, ["atelier_IC", "cas_clinique"])],
                kind="university")


@positive("office-hidden-parts", 1, note="Patient data only in a Word comment "
          "on a generic procedure.")
def docx_comment_patient(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    rev = "%s %s" % B.make_staff(ctx.rng, "F")[:2]
    d = Docx(ctx, frm.name, "Procédure")
    d.h("Procédure de transfert interétablissements")
    d.rich(["Avant le transfert, ", ("comment", "confirmer le lit receveur",
                                     "Ex. : %s (NAM %s), MPOC exacerbée, transféré "
                                     "sans confirmation le %s — à éviter." % (
                                         p.full, nam_str(ctx, p),
                                         ctx.ago(3, 15).isoformat()), rev),
            " et transmettre le sommaire par le système sécurisé."])
    d.p("Le transport est réservé par l'agente administrative de l'unité.")
    return send(ctx, md_or(ctx, frm), [docx_att(ctx, d, ["procedure_transfert"])],
                kind="consultant")


def md_or(ctx, frm):
    return frm


@positive("office-hidden-parts", 1, note="The patient's name, birth date and "
          "diagnosis survive only as a tracked deletion.")
def docx_tracked_deletion(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name, "Présentation")
    d.h("Présentation pour la tournée")
    d.rich([("del", "%s, née le %s, " % (p.full, dob_str(ctx, p, "iso"))
             if p.sex == "F" else "%s, né le %s, " % (p.full, dob_str(ctx, p, "iso"))),
            ("ins", "Usager de %d ans, " % p.age(ctx.today)),
            "admis pour %s; évolution favorable sous traitement." % ctx.pick(DX_FR)])
    d.p("Points à discuter : congé, suivi en externe.")
    return send(ctx, md, [docx_att(ctx, d, ["presentation_tournee"])],
                kind="university")


@positive("office-hidden-parts", 1, note="A tracked insertion adds the NAM to an "
          "otherwise anonymous summary.")
def docx_tracked_insertion(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name)
    note = anon_note(ctx)
    d.h(note[0])
    d.rich([("ins", "NAM %s — " % nam_str(ctx, p)), note[1]])
    for t in note[2:]:
        d.p(t)
    return send(ctx, md, [docx_att(ctx, d, ["sommaire", "Document2"])],
                kind="clinic")


def xlsx_att(ctx, x, names):
    return ctx.file(ctx.pick(names) + ".xlsx", x.build(), CT_XLSX,
                    "\n".join(x.text), kind="xlsx")


@positive("office-hidden-parts", 1, note="First sheet aggregates; patient list "
          "with NAM on the second sheet.")
def xlsx_later_sheet(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    pats = [ctx.person(age=(60, 95)) for _ in range(8)]
    x.sheet("Sommaire", [["Indicateur", "Valeur"], ["Usagers en attente", len(pats)],
                         ["Délai moyen (jours)", ctx.rng.randint(20, 90)]])
    x.sheet("Détail", [["Nom", "Prénom", "DDN", "NAM", "Besoin"]] +
            [[p.surname, p.given, fmt_date(p.dob, "iso"), ctx.nam(p, "compact"),
              ctx.pick(["Hébergement CHSLD", "SAD", "Réadaptation",
                        "Soins palliatifs"])] for p in pats])
    return send(ctx, frm, [xlsx_att(ctx, x, ["attente_hebergement", "Classeur1"])])


@positive("office-hidden-parts", 1, note="Patient names and diagnoses on a "
          "hidden sheet.")
def xlsx_hidden_sheet(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    x.sheet("Graphique", [["Mois", "Admissions"]] +
            [[m, ctx.rng.randint(30, 90)] for m in B.MONTHS_FR[:6]])
    pats = [ctx.person(age=(20, 95)) for _ in range(7)]
    x.sheet("données", [["Usager", "Date naissance", "Diagnostic", "Admission"]] +
            [[p.last_first, fmt_date(p.dob, "dmy"), ctx.pick(DX_FR),
              ctx.ago(5, 150).isoformat()] for p in pats], state="hidden")
    return send(ctx, frm, [xlsx_att(ctx, x, ["admissions_S1", "graphique"])],
                kind="consultant")


@positive("office-hidden-parts", 1, note="Aggregate table; one cell comment "
          "names a patient with a birth date.")
def xlsx_cell_comment(ctx):
    frm = sender(ctx, org=ctx.pick(HOSPITALS))
    p = ctx.person(age=(40, 95))
    x = Xlsx(ctx, frm.name)
    rows = [["Unité", "Réadmissions < 30 j", "Congés"]] + \
        [[u, ctx.rng.randint(0, 9), ctx.rng.randint(40, 200)]
         for u in ["3A", "4B", "5C", "Gériatrie"]]
    x.sheet("Réadmissions", rows, comments={
        "B3": "Dont %s %s (DDN %s), 3e réadmission pour %s." % (
            p.mme, p.full, fmt_date(p.dob, "iso"), ctx.pick(DX_FR))})
    return send(ctx, frm, [xlsx_att(ctx, x, ["readmissions", "indicateurs"])],
                kind="consultant")


@positive("office-hidden-parts", 1, note="Employees' SINs on the second sheet "
          "of a payroll workbook.")
def xlsx_payroll_sin(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    emps = [B.make_staff(ctx.rng) for _ in range(6)]
    x.sheet("Totaux", [["Période", "Heures", "Montant"],
                       ["P%02d" % ctx.rng.randint(1, 26), ctx.rng.randint(400, 900),
                        ctx.rng.randint(15000, 40000)]])
    x.sheet("Employés", [["Matricule", "Nom", "NAS", "Heures"]] +
            [[str(ctx.rng.randint(100000, 999999)), "%s %s" % e[:2],
              ctx.sin_no(ctx.pick(["space", "plain"])), ctx.rng.randint(35, 80)]
             for e in emps])
    return send(ctx, frm, [xlsx_att(ctx, x, ["paie_P%02d" % ctx.rng.randint(1, 26)])],
                kind="payroll")


@positive("office-hidden-parts", 1, note="ODT: patient data only in an "
          "annotation.")
def odt_annotation_patient(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    note = anon_note(ctx)
    ann = odf_annotation(ctx, md.name, "%s, DDN %s, NAM %s" % (
        p.full, dob_str(ctx, p, "iso"), nam_str(ctx, p)))
    body = odt_body([note[0], (note[1], ann)] + note[2:])
    ctx.words(p.full, *note)
    att = ctx.file("note.odt", make_odf(ctx, "odt", body, md.name, "Note"),
                   "application/vnd.oasis.opendocument.text", kind="odt")
    return send(ctx, md, [att], kind="clinic")


@positive("office-hidden-parts", 1, note="ODS: statistics sheet; a cell "
          "annotation names the patient.")
def ods_annotation_patient(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    ann = odf_annotation(ctx, frm.name, "Inclut %s (dossier %s) — chute avec "
                         "fracture de hanche le %s." % (p.full, ctx.mrn_no(),
                                                        ctx.ago(3, 30).isoformat()))
    rows = [["Unité", "Chutes", "Avec blessure"],
            ["4B", ctx.rng.randint(2, 9), (ctx.rng.randint(1, 2), ann)],
            ["5C", ctx.rng.randint(2, 9), ctx.rng.randint(0, 2)]]
    ctx.words(p.full)
    att = ctx.file("chutes.ods", make_odf(ctx, "ods", ods_body([("Chutes", rows)]),
                                          frm.name, "Chutes"),
                   "application/vnd.oasis.opendocument.spreadsheet", kind="ods")
    return send(ctx, frm, [att], kind="consultant")


# --- negatives ----------------------------------------------------------------

@negative("office-hidden-parts", 1)
def docx_header_org(ctx):
    frm = sender(ctx, role="clerk")
    d = Docx(ctx, frm.name)
    d.set_header(["%s — Document confidentiel — usage interne" % B.ORGS[frm.org][0]])
    d.h("Procédure de gestion des accès au DMÉ")
    for t in ["Les accès sont attribués selon le rôle (médecin, infirmière, "
              "archiviste).", "Toute demande passe par le formulaire GA-12 signé "
              "par le gestionnaire.", "Les accès sont révisés chaque année."]:
        d.p(t)
    return send(ctx, frm, [docx_att(ctx, d, ["procedure_acces"])], kind="consultant")


@negative("office-hidden-parts", 1)
def docx_footer_form_no(ctx):
    frm = sender(ctx, role="clerk")
    d = Docx(ctx, frm.name)
    d.set_footer(["Formulaire F-%04d (%s)   Page 1 de 1" % (
        ctx.rng.randint(1000, 9999), ctx.ago(100, 400).strftime("%Y-%m"))])
    d.h("Demande de congé")
    d.table([["Champ", "Valeur"], ["Nom de l'employé", ""], ["Matricule", ""],
             ["Dates demandées", ""], ["Approbation", ""]])
    return send(ctx, frm, [docx_att(ctx, d, ["formulaire_conge"])], kind="agency")


@negative("office-hidden-parts", 1)
def docx_footnote_refs(ctx):
    md = sender(ctx, role="md")
    d = Docx(ctx, md.name, "Revue")
    d.h("Anticoagulation en fibrillation auriculaire : mise à jour")
    d.rich(["Les AOD sont préférés à la warfarine chez la plupart des patients",
            ("fn", "Lignes directrices de la Société canadienne de cardiologie, "
                   "mise à jour 2020."),
            ", sauf en présence de valve mécanique",
            ("fn", "Essai RE-ALIGN, N Engl J Med 2013."), "."])
    d.p("Le score CHADS-65 guide la décision.")
    return send(ctx, md, [docx_att(ctx, d, ["revue_AOD"])], kind="university")


@negative("office-hidden-parts", 1, note="Comments by staff reviewers, no "
          "patient.")
def docx_comment_editorial(ctx):
    frm = sender(ctx, role="clerk")
    d = Docx(ctx, frm.name, "Politique")
    r1 = "%s %s" % B.make_staff(ctx.rng)[:2]
    d.h("Politique de conservation des dossiers")
    d.rich(["Les dossiers des usagers sont conservés ",
            ("comment", "au moins 10 ans après la dernière inscription",
             "Valider le délai avec les archives médicales et le calendrier de "
             "conservation.", r1), "."])
    d.rich([("comment", "La destruction est documentée.", "Ajouter le numéro du "
             "formulaire de destruction (AR-07).", r1)])
    return send(ctx, frm, [docx_att(ctx, d, ["politique_conservation"])],
                kind="consultant")


@negative("office-hidden-parts", 1)
def docx_tracked_policy(ctx):
    frm = sender(ctx, role="clerk")
    d = Docx(ctx, frm.name)
    d.h("Horaire des cliniques de vaccination")
    d.rich(["Les cliniques auront lieu ", ("del", "les mardis"), ("ins", "les mercredis"),
            " de 8 h à ", ("del", "15 h"), ("ins", "16 h"), " au hall principal."])
    d.p("Apporter sa carte d'employé.")
    return send(ctx, frm, [docx_att(ctx, d, ["horaire_vaccination"])],
                kind="consultant")


@negative("office-hidden-parts", 1)
def xlsx_later_sheet_aggregates(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    x.sheet("Sommaire", [["Période", "Visites"], ["P1-P6", ctx.rng.randint(9000, 20000)]])
    x.sheet("Par unité", [["Unité", "Visites", "Hospitalisations", "DMS (h)"]] +
            [[u, ctx.rng.randint(500, 5000), ctx.rng.randint(50, 900),
              round(ctx.rng.uniform(4, 20), 1)] for u in ["Urgence", "Pédiatrie",
                                                          "Santé mentale", "UCDG"]])
    return send(ctx, frm, [xlsx_att(ctx, x, ["statistiques_P6"])], kind="consultant")


@negative("office-hidden-parts", 1, note="Hidden sheet with ICD-10 code lookup, "
          "no patient.")
def xlsx_hidden_lookup(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    x.sheet("Saisie", [["Code", "Nombre de séjours"], ["J44.1", ctx.rng.randint(10, 90)],
                       ["I50.0", ctx.rng.randint(10, 90)]])
    x.sheet("listes", [["Code CIM-10", "Libellé"], ["J44.1", "MPOC avec exacerbation "
                                                    "aiguë"],
                       ["I50.0", "Insuffisance cardiaque congestive"],
                       ["E11.9", "Diabète de type 2 sans complication"],
                       ["F32.1", "Épisode dépressif moyen"]], state="hidden")
    return send(ctx, frm, [xlsx_att(ctx, x, ["saisie_sejours"])], kind="consultant")


@negative("office-hidden-parts", 1)
def xlsx_comment_source(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    x.sheet("Indicateurs", [["Indicateur", "Valeur"],
                            ["Taux de réadmission", "%d %%" % ctx.rng.randint(5, 15)],
                            ["DMS (jours)", round(ctx.rng.uniform(5, 12), 1)]],
            comments={"B2": "Source : MED-ÉCHO %d-%d, données provisoires." % (
                ctx.today.year - 1, ctx.today.year)})
    return send(ctx, frm, [xlsx_att(ctx, x, ["indicateurs_trimestre"])],
                kind="consultant")


@negative("office-hidden-parts", 1)
def odt_annotation_review(ctx):
    frm = sender(ctx, role="clerk")
    ann = odf_annotation(ctx, frm.name, "À valider par le comité de direction.")
    paras = ["Plan d'action — hygiène des mains",
             ("Objectif : atteindre 80 % de conformité d'ici la fin de l'année.", ann),
             "Audits mensuels dans toutes les unités."]
    ctx.words("Plan d'action")
    att = ctx.file("plan_action.odt", make_odf(ctx, "odt", odt_body(paras), frm.name,
                                               "Plan"),
                   "application/vnd.oasis.opendocument.text", kind="odt")
    return send(ctx, frm, [att], kind="consultant")


@negative("office-hidden-parts", 1, note="Staff birthdays in an annotation: no "
          "health information, negative (as in ../ negative 046-048).")
def ods_staff_birthdays(ctx):
    frm = sender(ctx, role="clerk")
    staff_list = [B.make_staff(ctx.rng) for _ in range(4)]
    bdays = "; ".join("%s %s : %d %s" % (g, s, ctx.rng.randint(1, 28),
                                         ctx.pick(B.MONTHS_FR)) for g, s, _ in staff_list)
    ann = odf_annotation(ctx, frm.name, "Anniversaires du mois : " + bdays)
    rows = [["Activité", "Date", "Responsable"],
            [("Dîner d'équipe", ann), ctx.ahead(5, 20).isoformat(), frm.name]]
    ctx.words("Anniversaires")
    att = ctx.file("activites_equipe.ods", make_odf(ctx, "ods", ods_body(
        [("Activités", rows)]), frm.name, "Activités"),
                   "application/vnd.oasis.opendocument.spreadsheet", kind="ods")
    return send(ctx, frm, [att], kind="agency")


# ===========================================================================
# Hand-written PDF: AcroForm fields, annotations, object and xref streams
# ===========================================================================

def pdf_lit(s):
    """A PDF text string: PDFDocEncoding literal when possible, else UTF-16BE."""
    try:
        b = s.encode("latin-1")
        if any(0x7f <= c <= 0x9f for c in b):
            raise UnicodeEncodeError("latin-1", s, 0, 1, "")
    except UnicodeEncodeError:
        return pdf_hex(s)
    out = []
    for c in b:
        ch = chr(c)
        if ch in "\\()":
            out.append("\\" + ch)
        elif 32 <= c < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % c)
    return "(" + "".join(out) + ")"


def pdf_hex(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def pdf_date(d):
    return "(D:%s-05'00')" % d.strftime("%Y%m%d%H%M%S")


class PdfWriter:
    def __init__(self):
        self.objs = {}
        self.streams = set()

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

    def stream(self, extra, data, compress=True, n=None):
        if compress:
            data = zlib.compress(data, 9)
            extra += " /Filter /FlateDecode"
        body = ("<< %s /Length %d >>\nstream\n" % (extra.strip(), len(data))).encode(
            "latin-1") + data + b"\nendstream"
        n = n or self.reserve()
        self.put(n, body)
        self.streams.add(n)
        return n

    def _file_id(self):
        h = hashlib.md5(b"".join(self.objs[k] for k in sorted(self.objs))).hexdigest()
        return "[<%s> <%s>]" % (h.upper(), h.upper())

    def build(self, root, info, objstm=False):
        """Classic xref table, or (objstm) every non-stream object except the
        catalog in one compressed object stream plus a cross-reference stream."""
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" if objstm else
                        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        fid = self._file_id()
        if not objstm:
            offsets = {}
            for n in sorted(self.objs):
                offsets[n] = len(out)
                out += b"%d 0 obj\n" % n + self.objs[n] + b"\nendobj\n"
            xref = len(out)
            size = max(self.objs) + 1
            out += b"xref\n0 %d\n0000000000 65535 f \n" % size
            for n in range(1, size):
                out += b"%010d 00000 n \n" % offsets[n]
            out += (("trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID %s >>\n"
                     "startxref\n%d\n%%%%EOF\n") % (size, root, info, fid, xref)
                    ).encode("latin-1")
            return bytes(out)
        packed = [n for n in sorted(self.objs) if n not in self.streams and n != root]
        stm_no = max(self.objs) + 1
        xref_no = stm_no + 1
        head, bodies, off = [], [], 0
        for n in packed:
            head.append("%d %d" % (n, off))
            body = self.objs[n] + b"\n"
            bodies.append(body)
            off += len(body)
        header = (" ".join(head) + "\n").encode("latin-1")
        data = zlib.compress(header + b"".join(bodies), 9)
        self.objs[stm_no] = (("<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode "
                              "/Length %d >>\nstream\n") % (len(packed), len(header),
                                                            len(data))
                             ).encode("latin-1") + data + b"\nendstream"
        offsets = {}
        for n in sorted(self.objs):
            if n in packed:
                continue
            offsets[n] = len(out)
            out += b"%d 0 obj\n" % n + self.objs[n] + b"\nendobj\n"
        xref_off = len(out)
        size = xref_no + 1
        rows = bytearray()
        for n in range(size):
            if n == 0:
                rows += struct.pack(">BIH", 0, 0, 65535)
            elif n in packed:
                rows += struct.pack(">BIH", 2, stm_no, packed.index(n))
            elif n == xref_no:
                rows += struct.pack(">BIH", 1, xref_off, 0)
            else:
                rows += struct.pack(">BIH", 1, offsets[n], 0)
        comp = zlib.compress(bytes(rows), 9)
        out += (("%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [0 %d] "
                 "/Root %d 0 R /Info %d 0 R /ID %s /Filter /FlateDecode /Length %d >>"
                 "\nstream\n") % (xref_no, size, size, root, info, fid, len(comp))
                ).encode("latin-1") + comp + b"\nendstream\nendobj\n"
        out += b"startxref\n%d\n%%%%EOF\n" % xref_off
        return bytes(out)


def build_form_pdf(ctx, title, fields, org_line="", annots=(), objstm=False,
                   appearances=False, hex_values=False, hierarchical=None,
                   lang_author=None):
    """One-page form. fields: (name, label, value, kind='tx'|'cb', tooltip).
    Page text shows only labels; values live in /V (and /AP if asked).
    annots: (subtype 'FreeText'|'Text', contents, author)."""
    w = PdfWriter()
    catalog, pages, page = w.reserve(), w.reserve(), w.reserve()
    helv = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                 "/Encoding /WinAnsiEncoding >>")
    helvb = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                  "/Encoding /WinAnsiEncoding >>")
    ops = ["BT /F2 16 Tf 54 740 Td %s Tj ET" % B._pdf_str(title)]
    if org_line:
        ops.append("BT /F1 10 Tf 54 722 Td %s Tj ET" % B._pdf_str(org_line))
    y = 680
    field_refs, annot_refs, kids_of = [], [], {}
    parent_ref = None
    if hierarchical:
        parent_ref = w.reserve()
    for f in fields:
        name, label, value, kind = f[0], f[1], f[2], (f[3] if len(f) > 3 else "tx")
        tip = f[4] if len(f) > 4 else label.rstrip(" :")
        ops.append("BT /F1 11 Tf 54 %d Td %s Tj ET" % (y + 5, B._pdf_str(label)))
        if kind == "cb":
            rect = [250, y, 266, y + 16]
        else:
            rect = [250, y, 560, y + 20]
        ops.append("0.6 G %d %d %d %d re S" % (rect[0], rect[1], rect[2] - rect[0],
                                               rect[3] - rect[1]))
        n = w.reserve()
        common = "/Type /Annot /Subtype /Widget /Rect [%d %d %d %d] /F 4 /P %d 0 R " \
                 "/MK << /BC [0 0 0] >> " % (rect[0], rect[1], rect[2], rect[3], page)
        tdict = "/T %s /TU %s " % (pdf_lit(name), pdf_lit(tip))
        if hierarchical:
            tdict += "/Parent %d 0 R " % parent_ref
        if kind == "cb":
            on = "/Oui" if value else "/Off"
            yes = w.stream("/Type /XObject /Subtype /Form /BBox [0 0 16 16]",
                           b"q 0 g BT /ZaDb 12 Tf 2 3 Td (4) Tj ET Q\n", False)
            off = w.stream("/Type /XObject /Subtype /Form /BBox [0 0 16 16]", b"\n",
                           False)
            w.put(n, "<< %s%s/FT /Btn /V %s /AS %s /AP << /N << /Oui %d 0 R /Off %d 0 R "
                  ">> >> >>" % (common, tdict, on, on, yes, off))
        else:
            vtxt = ""
            if value is not None:
                vtxt = "/V %s " % (pdf_hex(value) if hex_values else pdf_lit(value))
            ap = ""
            if appearances:
                shown = B._pdf_str(value or "")
                apn = w.stream("/Type /XObject /Subtype /Form /BBox [0 0 %d %d] "
                               "/Resources << /Font << /Helv %d 0 R >> >>" % (
                                   rect[2] - rect[0], rect[3] - rect[1], helv),
                               ("/Tx BMC q BT /Helv 10 Tf 0 g 3 6 Td %s Tj ET Q EMC\n"
                                % shown).encode("latin-1"), ctx.chance(0.5))
                ap = "/AP << /N %d 0 R >> " % apn
            w.put(n, "<< %s%s/FT /Tx %s/DA (/Helv 10 Tf 0 g) %s>>" % (
                common, tdict, vtxt, ap))
        annot_refs.append(n)
        (kids_of.setdefault("p", []) if hierarchical else field_refs).append(n)
        y -= 34
    if hierarchical:
        w.put(parent_ref, "<< /T %s /Kids [%s] >>" % (
            pdf_lit(hierarchical), " ".join("%d 0 R" % k for k in kids_of["p"])))
        field_refs = [parent_ref]
    for k, (sub, contents, author) in enumerate(annots):
        ay = 120 + k * 70
        if sub == "FreeText":
            n = w.add("<< /Type /Annot /Subtype /FreeText /Rect [54 %d 560 %d] /F 4 "
                      "/P %d 0 R /Contents %s /T %s /M %s /DA (/Helv 11 Tf 0 0 0.6 rg)"
                      " /Q 0 >>" % (ay, ay + 50, page, pdf_lit(contents), pdf_lit(author),
                                   pdf_date(ctx.when)))
        else:
            n = w.add("<< /Type /Annot /Subtype /Text /Rect [520 %d 540 %d] /F 4 "
                      "/P %d 0 R /Contents %s /T %s /M %s /Name /Comment /Open false "
                      ">>" % (ay, ay + 20, page, pdf_lit(contents), pdf_lit(author),
                              pdf_date(ctx.when)))
        annot_refs.append(n)
    zadb = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
    content = w.stream("", ("\n".join(ops) + "\n").encode("latin-1"),
                       compress=objstm or ctx.chance(0.5))
    w.put(page, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << "
          "/Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>" % (
              pages, helv, helvb, content, " ".join("%d 0 R" % a for a in annot_refs)))
    w.put(pages, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    acro = w.add("<< /Fields [%s] /NeedAppearances %s /DA (/Helv 0 Tf 0 g) /DR << "
                 "/Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >>" % (
                     " ".join("%d 0 R" % f for f in field_refs),
                     "false" if appearances else "true", helv, zadb))
    w.put(catalog, "<< /Type /Catalog /Pages %d 0 R /AcroForm %d 0 R >>" % (pages, acro))
    info = w.add("<< /Title %s /Producer (FormBuilder 3.1) /CreationDate %s /ModDate "
                 "%s >>" % (pdf_lit(title), pdf_date(ctx.when - dt.timedelta(days=400)),
                            pdf_date(ctx.when)))
    return w.build(catalog, info, objstm)


def form_att(ctx, fn, data, values):
    return ctx.file(fn, data, "application/pdf", "\n".join(v for v in values if v),
                    kind="pdf", form=True)


def consult_fields(ctx, p, blank=False):
    en = ctx.lang == "en"
    v = (lambda x: "" if blank else x)
    return [("nom", fr_en(ctx, "Nom de l'usager :", "Patient name:"),
             v(p.last_first) if p else ""),
            ("ddn", fr_en(ctx, "Date de naissance :", "Date of birth:"),
             v(dob_str(ctx, p, "iso")) if p else ""),
            ("nam", "NAM :" if not en else "RAMQ no.:", v(nam_str(ctx, p)) if p else ""),
            ("tel", fr_en(ctx, "Téléphone :", "Phone:"), v(ctx.phone()) if p else ""),
            ("motif", fr_en(ctx, "Motif :", "Reason:"),
             v(ctx.pick(DX_EN if en else DX_FR)) if p else ""),
            ("urgent", fr_en(ctx, "Urgent", "Urgent"), (not blank) and bool(p), "cb")]


@positive("fillable-pdf", 2, "fe", note="Values only in /V (variant 1 also "
          "draws them in /AP appearance streams).")
def form_consult_request(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    fields = consult_fields(ctx, p)
    data = build_form_pdf(ctx, fr_en(ctx, "Demande de consultation",
                                     "Consultation request"), fields,
                          B.ORGS[md.org][0], appearances=ctx.variant == 1)
    return send(ctx, md, [form_att(ctx, fr_en(ctx, "demande_consultation.pdf",
                                              "consult_request.pdf"), data,
                                   [f[2] for f in fields if f[3:] != ("cb",)])],
                kind="clinic")


@positive("fillable-pdf", 1, note="Values as UTF-16BE hex strings in /V.")
def form_insurance_claim(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="md")
    p = ctx.person(age=(25, 64))
    start = ctx.ago(10, 40)
    fields = [("assure", "Nom de l'assuré :", p.full),
              ("naissance", "Date de naissance :", fmt_date(p.dob, "fr_long")),
              ("diagnostic", "Diagnostic :", ctx.pick(["Épisode dépressif majeur",
                                                       "Hernie discale L4-L5",
                                                       "Cancer du sein, chimiothérapie"])),
              ("debut", "Début de l'invalidité :", start.isoformat()),
              ("retour", "Retour prévu :", (start + dt.timedelta(days=90)).isoformat()),
              ("medecin", "Médecin traitant :", md.dr)]
    data = build_form_pdf(ctx, "Déclaration du médecin traitant — invalidité",
                          fields, OUTSIDE["insurer"][0][0], hex_values=True)
    return send(ctx, md, [form_att(ctx, "declaration_medecin.pdf", data,
                                   [f[2] for f in fields])], kind="insurer")


@positive("fillable-pdf", 2, note="Blank form fields; the patient is only in an "
          "annotation's /Contents (FreeText, then a sticky note).")
def form_annotated(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    fields = consult_fields(ctx, None)
    note = "%s, DDN %s, NAM %s — %s" % (p.full, dob_str(ctx, p, "iso"),
                                        nam_str(ctx, p), ctx.pick(VISIT_REASONS_FR))
    sub = ["FreeText", "Text"][ctx.variant]
    data = build_form_pdf(ctx, "Demande de consultation", fields, B.ORGS[frm.org][0],
                          annots=[(sub, note, frm.name)])
    return send(ctx, frm, [form_att(ctx, "formulaire.pdf", data, [note])],
                kind="clinic")


@positive("fillable-pdf", 3, "ffe", note="Field objects inside a compressed "
          "object stream with a cross-reference stream (variant 1: hierarchical "
          "field names).")
def form_objstm(ctx):
    frm = sender(ctx)
    p = ctx.person(age=(20, 90))
    if ctx.variant == 0:
        title = "Formulaire de transfert interétablissements"
        fields = [("usager", "Usager :", p.last_first),
                  ("ddn", "Date de naissance :", dob_str(ctx, p, "iso")),
                  ("nam", "NAM :", nam_str(ctx, p)),
                  ("diag", "Diagnostic :", ctx.pick(DX_FR)),
                  ("isolement", "Isolement requis", ctx.chance(0.5), "cb"),
                  ("destination", "Établissement receveur :", outside(ctx, "clinic")[0])]
        hier = None
    elif ctx.variant == 1:
        title = "Requête de laboratoire"
        fields = [("nom", "Nom, prénom :", p.last_first),
                  ("ddn", "Date de naissance :", dob_str(ctx, p, "iso")),
                  ("dossier", "Dossier :", ctx.mrn_no()),
                  ("analyses", "Analyses :", "FSC, ions, créatinine, HbA1c"),
                  ("info", "Renseignements cliniques :", ctx.pick(
                      ["Diabète type 2 mal contrôlé", "Sous lithium", "Anémie"]))]
        hier = "usager"
    else:
        title = "Request for access to medical records"
        fields = [("name", "Full name:", p.full),
                  ("dob", "Date of birth:", dob_str(ctx, p, "iso")),
                  ("ramq", "RAMQ no.:", nam_str(ctx, p)),
                  ("period", "Period requested:", "%d to %d" % (
                      ctx.today.year - 3, ctx.today.year)),
                  ("records", "Records:", "Psychiatry consultation notes")]
        hier = None
    data = build_form_pdf(ctx, title, fields, B.ORGS[frm.org][0], objstm=True,
                          appearances=ctx.variant == 2, hierarchical=hier)
    return send(ctx, frm, [form_att(ctx, ctx.pick(["formulaire_rempli.pdf",
                                                   "form.pdf", "document.pdf"]),
                                    data, [f[2] for f in fields
                                           if isinstance(f[2], str)])])


@positive("fillable-pdf", 2, note="SIN on a direct-deposit form (variant 1 in "
          "an object stream).")
def form_payroll_sin(ctx):
    frm = sender(ctx, role="clerk")
    g, s, _ = B.make_staff(ctx.rng)
    fields = [("nom", "Nom de l'employé :", "%s %s" % (g, s)),
              ("matricule", "Matricule :", str(ctx.rng.randint(100000, 999999))),
              ("nas", "Numéro d'assurance sociale :", ctx.sin_no(ctx.pick(["space",
                                                                           "plain"]))),
              ("institution", "Institution :", "%03d" % ctx.rng.randint(1, 999)),
              ("transit", "Transit :", "%05d" % ctx.rng.randint(0, 99999)),
              ("compte", "Compte :", "%07d" % ctx.rng.randint(0, 9999999))]
    data = build_form_pdf(ctx, "Adhésion au dépôt direct", fields,
                          B.ORGS[frm.org][0], objstm=ctx.variant == 1,
                          appearances=ctx.variant == 0)
    return send(ctx, frm, [form_att(ctx, "depot_direct.pdf", data,
                                    [f[2] for f in fields])], kind="payroll")


@negative("fillable-pdf", 4, "ffef")
def form_blank(ctx):
    frm = sender(ctx, role="clerk")
    v = ctx.variant
    if v in (0, 3):
        fields = consult_fields(ctx, None)
        title = fr_en(ctx, "Demande de consultation", "Consultation request")
    elif v == 1:
        fields = [("nom", "Nom, prénom :", ""), ("ddn", "Date de naissance :", ""),
                  ("nam", "NAM :", ""), ("analyses", "Analyses :", ""),
                  ("info", "Renseignements cliniques :", "")]
        title = "Requête de laboratoire"
    else:
        fields = [("employe", "Nom de l'employé :", None), ("du", "Du :", None),
                  ("au", "Au :", None), ("type", "Type de congé :", None)]
        title = "Demande de congé"
    data = build_form_pdf(ctx, title, fields, B.ORGS[frm.org][0],
                          objstm=v in (1, 3), appearances=v == 2)
    return send(ctx, frm, [form_att(ctx, ctx.pick(["formulaire_vierge.pdf",
                                                   "formulaire.pdf", "form.pdf"]),
                                    data, [])], kind="consultant")


@negative("fillable-pdf", 2, note="Expense claim filled with an employee's data "
          "(name, number, amounts): not patient data.")
def form_expense_claim(ctx):
    frm = sender(ctx, role="clerk")
    g, s, _ = B.make_staff(ctx.rng)
    km = ctx.rng.randint(40, 600)
    fields = [("nom", "Nom de l'employé :", "%s %s" % (g, s)),
              ("matricule", "Matricule :", str(ctx.rng.randint(100000, 999999))),
              ("motif", "Motif du déplacement :", ctx.pick(["Formation RCR à Québec",
                                                            "Comité régional"])),
              ("km", "Kilométrage :", str(km)),
              ("montant", "Montant réclamé :", ("%.2f $" % (km * 0.61)).replace(".", ",")),
              ("date", "Date :", ctx.ago(2, 20).isoformat())]
    data = build_form_pdf(ctx, "Réclamation de frais de déplacement", fields,
                          B.ORGS[frm.org][0], objstm=ctx.variant == 1)
    return send(ctx, frm, [form_att(ctx, "frais_deplacement.pdf", data,
                                    [f[2] for f in fields])], kind="consultant")


@negative("fillable-pdf", 1)
def form_supply_requisition(ctx):
    frm = sender(ctx, role="clerk")
    fields = [("code%d" % i, "Code article %d :" % (i + 1),
               fmt_nam(impossible_code(ctx.rng, c), "space"))
              for i, c in enumerate(["GANT", "SERI", "PANS"])] + \
        [("unite", "Unité :", "4B"), ("demandeur", "Demandeur :",
                                      "%s %s" % B.make_staff(ctx.rng)[:2])]
    data = build_form_pdf(ctx, "Réquisition de fournitures", fields,
                          B.ORGS[frm.org][0], appearances=True)
    return send(ctx, frm, [form_att(ctx, "requisition.pdf", data,
                                    [f[2] for f in fields])], kind="supplier")


@negative("fillable-pdf", 1, "e")
def form_training_registration(ctx):
    frm = sender(ctx, org="hgm", role="clerk", lang="en")
    g, s, _ = B.make_staff(ctx.rng)
    fields = [("name", "Employee name:", "%s %s" % (g, s)),
              ("email", "E-mail:", B.addr_of(g, s, "hgmo.example")),
              ("unit", "Unit:", "Emergency"), ("course", "Course:", "ACLS renewal"),
              ("date", "Session:", ctx.ahead(10, 40).isoformat())]
    data = build_form_pdf(ctx, "Training registration", fields, B.ORGS["hgm"][0],
                          hex_values=True)
    return send(ctx, frm, [form_att(ctx, "registration.pdf", data,
                                    [f[2] for f in fields])], kind="university")


@negative("fillable-pdf", 1, note="Sticky-note comments about the form's "
          "wording; no patient.")
def form_review_comments(ctx):
    frm = sender(ctx, role="clerk")
    fields = consult_fields(ctx, None)
    data = build_form_pdf(ctx, "Demande de consultation (version 3)", fields,
                          B.ORGS[frm.org][0],
                          annots=[("Text", "Agrandir le champ Motif.", frm.name),
                                  ("Text", "Ajouter une case « semi-urgent ».",
                                   frm.name),
                                  ("FreeText", "Version à valider par le comité "
                                   "des formulaires.", frm.name)])
    return send(ctx, frm, [form_att(ctx, "formulaire_v3_commentaires.pdf", data,
                                    [])], kind="consultant")


@negative("fillable-pdf", 1, note="Placeholders and the published test NAM "
          "TEST 5412 2816 as an example in a tooltip.")
def form_sample_values(ctx):
    frm = sender(ctx, role="clerk")
    fields = [("nom", "Nom de l'usager :", "NOM, Prénom", "tx",
               "Inscrire le nom de famille en majuscules"),
              ("ddn", "Date de naissance :", "AAAA-MM-JJ", "tx", "Format AAAA-MM-JJ"),
              ("nam", "NAM :", "XXXX 0000 0000", "tx", "Exemple : TEST 5412 2816"),
              ("motif", "Motif :", "", "tx", "Motif de la consultation")]
    data = build_form_pdf(ctx, "Modèle — demande de consultation", fields,
                          B.ORGS[frm.org][0], appearances=True, objstm=True)
    return send(ctx, frm, [form_att(ctx, "modele_formulaire.pdf", data,
                                    [f[2] for f in fields])], kind="consultant")


# ===========================================================================
# legacy-office: .doc/.xls/.ppt made by LibreOffice from our own OOXML
# ===========================================================================

MANIFEST = os.path.join(HERE, "legacy-office.sha256")
LEGACY = {"mode": "generate", "reconvert": False, "entries": {}, "problems": [],
          "converted": 0, "reused": 0}
LO_FILTER = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97",
             "ppt": "ppt:MS PowerPoint 97"}
LO_CTYPE = {"doc": "application/msword", "xls": "application/vnd.ms-excel",
            "ppt": "application/vnd.ms-powerpoint"}


def read_manifest():
    out = {}
    if os.path.exists(MANIFEST):
        for ln in open(MANIFEST, encoding="utf-8"):
            parts = ln.rstrip("\n").split("  ")
            if len(parts) == 4:
                out[(parts[0], parts[1])] = (parts[2], parts[3])
    return out


def committed_attachment(rel, filename):
    import email
    import email.policy
    path = os.path.join(HERE, rel)
    if not os.path.exists(path):
        return None
    msg = email.message_from_bytes(open(path, "rb").read(),
                                   policy=email.policy.default)
    for part in msg.walk():
        if part.get_filename() == filename:
            return part.get_payload(decode=True)
    return None


def soffice_convert(src, src_ext, target):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "source." + src_ext)
        with open(path, "wb") as fh:
            fh.write(src)
        subprocess.run([exe, "--headless",
                        "-env:UserInstallation=file:///tmp/lo-profile-holdout",
                        "--convert-to", LO_FILTER[target], "--outdir", tmp, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=240, check=False)
        out = os.path.join(tmp, "source." + target)
        if not os.path.exists(out):
            return None
        return open(out, "rb").read()


CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENDCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def cfb_read(raw):
    """Entries of a compound file: dicts with the directory fields and data."""
    assert raw[:8] == CFB_MAGIC
    u16 = lambda o: struct.unpack_from("<H", raw, o)[0]
    u32 = lambda o: struct.unpack_from("<I", raw, o)[0]
    ssz, mssz = 1 << u16(30), 1 << u16(32)
    nfat, dir_start, cutoff = u32(44), u32(48), u32(56)
    mf_start, difat_start, ndifat = u32(60), u32(68), u32(72)
    difat = list(struct.unpack_from("<109I", raw, 76))
    s = difat_start
    for _ in range(ndifat):
        words = struct.unpack_from("<%dI" % (ssz // 4), raw, 512 + s * ssz)
        difat += words[:-1]
        s = words[-1]
    sector = lambda n: raw[512 + n * ssz:512 + (n + 1) * ssz]
    fat = []
    for n in difat[:nfat]:
        fat += struct.unpack("<%dI" % (ssz // 4), sector(n))

    def chain(start):
        out = []
        while start < 0xFFFFFFFA:
            out.append(start)
            start = fat[start]
        return out
    read = lambda start: b"".join(sector(n) for n in chain(start))
    d = read(dir_start)
    entries = []
    for i in range(0, len(d), 128):
        e = d[i:i + 128]
        nl = struct.unpack_from("<H", e, 64)[0]
        entries.append({"name": e[:max(nl - 2, 0)].decode("utf-16-le"),
                        "type": e[66], "color": e[67],
                        "links": struct.unpack_from("<3I", e, 68),
                        "meta": e[80:116], "start": struct.unpack_from("<I", e, 116)[0],
                        "size": struct.unpack_from("<I", e, 120)[0]})
    root = entries[0]
    mini = read(root["start"])[:root["size"]] if root["start"] < 0xFFFFFFFA else b""
    minifat = []
    if mf_start < 0xFFFFFFFA:
        m = read(mf_start)
        minifat = list(struct.unpack("<%dI" % (len(m) // 4), m))
    for e in entries:
        if e["type"] != 2:
            continue
        if e["size"] < cutoff:
            parts, s = [], e["start"]
            while s < 0xFFFFFFFA:
                parts.append(mini[s * mssz:(s + 1) * mssz])
                s = minifat[s]
            e["data"] = b"".join(parts)[:e["size"]]
        else:
            e["data"] = read(e["start"])[:e["size"]]
    return entries


def cfb_write(entries):
    """A version-3 compound file (512-byte sectors) with the same tree."""
    ssz, mssz, cutoff = 512, 64, 4096
    mini, minifat, big = bytearray(), [], []
    for e in entries:
        if e["type"] != 2:
            continue
        data = e["data"]
        if len(data) < cutoff:
            n = (len(data) + mssz - 1) // mssz
            e["start"] = len(mini) // mssz if n else ENDCHAIN
            minifat += [len(mini) // mssz + k + 1 for k in range(n - 1)] + \
                ([ENDCHAIN] if n else [])
            mini += data + b"\0" * (n * mssz - len(data))
        else:
            big.append(e)
        e["size"] = len(data)
    pad = lambda b: bytes(b) + b"\0" * (-len(b) % ssz)
    mf_bytes = pad(struct.pack("<%dI" % len(minifat), *minifat) +
                   struct.pack("<I", FREESECT) * (-len(minifat) % 128)) if minifat else b""
    ents = list(entries) + [None] * (-len(entries) % 4)
    blobs = [("minifat", mf_bytes), ("dir", None), ("mini", pad(mini))] + \
        [(e["name"], pad(e["data"])) for e in big]
    nsec = lambda b: len(b) // ssz
    dir_secs = len(ents) // 4
    body = sum(nsec(b) for k, b in blobs if b is not None) + dir_secs
    nfat = 1
    while nfat * 128 < nfat + body:
        nfat += 1
    assert nfat <= 109
    fat = [FATSECT] * nfat
    starts = {}
    for k, b in blobs:
        n = dir_secs if k == "dir" else nsec(b)
        starts[k] = len(fat) if n else ENDCHAIN
        fat += [len(fat) + i + 1 for i in range(n - 1)] + ([ENDCHAIN] if n else [])
    fat += [FREESECT] * (nfat * 128 - len(fat))
    root = entries[0]
    root["start"], root["size"] = starts["mini"], len(mini)
    for e in big:
        e["start"] = starts[e["name"]]
    d = bytearray()
    for e in ents:
        if e is None:
            d += b"\0" * 64 + struct.pack("<HBB3I", 0, 0, 0, NOSTREAM, NOSTREAM,
                                          NOSTREAM) + b"\0" * 36 + b"\0" * 12
            continue
        nm = (e["name"] + "\0").encode("utf-16-le")
        start = e["start"] if e["type"] in (2, 5) else 0
        size = e["size"] if e["type"] in (2, 5) else 0
        d += nm + b"\0" * (64 - len(nm)) + struct.pack("<HBB3I", len(nm), e["type"],
                                                       e["color"], *e["links"]) + \
            e["meta"] + struct.pack("<III", start, size, 0)
    head = bytearray(CFB_MAGIC + b"\0" * 16 + struct.pack(
        "<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, nfat,
        starts["dir"], 0, cutoff, starts["minifat"] if minifat else ENDCHAIN,
        nsec(mf_bytes), ENDCHAIN, 0))
    head += struct.pack("<109I", *(list(range(nfat)) + [FREESECT] * (109 - nfat)))
    out = bytes(head) + struct.pack("<%dI" % len(fat), *fat)
    for k, b in blobs:
        out += bytes(d) if k == "dir" else b
    return out


def strip_thumbnail(ps):
    """Remove PIDSI_THUMBNAIL (0x11) from a SummaryInformation property set."""
    u32 = lambda b, o: struct.unpack_from("<I", b, o)[0]
    if u32(ps, 24) != 1:
        return ps
    off = u32(ps, 44)
    sec = ps[off:]
    size, n = u32(sec, 0), u32(sec, 4)
    props = sorted((u32(sec, 12 + 8 * i), u32(sec, 8 + 8 * i)) for i in range(n))
    vals = []
    for i, (o, pid) in enumerate(props):
        end = props[i + 1][0] if i + 1 < len(props) else size
        if pid != 0x11:
            vals.append((pid, sec[o:end]))
    if len(vals) == n:
        return ps
    offs, pos = [], 8 + 8 * len(vals)
    for pid, v in vals:
        offs.append((pid, pos))
        pos += len(v)
    new = struct.pack("<II", pos, len(vals)) + b"".join(
        struct.pack("<II", pid, o) for pid, o in offs) + b"".join(v for _, v in vals)
    return ps[:off] + new


def strip_ole_thumbnail(raw):
    """LibreOffice puts an uncompressed preview bitmap (~450 KB) in the .ppt
    SummaryInformation; drop that one property and repack the file."""
    entries = cfb_read(raw)
    changed = False
    for e in entries:
        if e["type"] == 2 and e["name"] == "\x05SummaryInformation":
            new = strip_thumbnail(e["data"])
            changed = new != e["data"]
            e["data"] = new
    return cfb_write(entries) if changed else raw


def legacy_file(ctx, filename, src, src_ext, text):
    """Attach LibreOffice's conversion of src; reuse the committed bytes when
    the source has not changed (LibreOffice output is not deterministic)."""
    target = filename.rsplit(".", 1)[1]
    src_hash = hashlib.sha256(src).hexdigest()
    key = (ctx.rel, filename)
    old = read_manifest().get(key) if not LEGACY["reconvert"] else None
    data = None
    if old and old[0] == src_hash:
        prev = committed_attachment(ctx.rel, filename)
        if prev is not None and hashlib.sha256(prev).hexdigest() == old[1]:
            data = prev
            LEGACY["reused"] += 1
    if data is None:
        if LEGACY["mode"] == "check":
            LEGACY["problems"].append("%s: %s must be reconverted (source changed "
                                      "or missing)" % (ctx.rel, filename))
            data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 placeholder"
        else:
            data = soffice_convert(src, src_ext, target)
            if data is None:
                sys.exit("LibreOffice (soffice) is needed to convert %s" % filename)
            data = strip_ole_thumbnail(data)
            LEGACY["converted"] += 1
    LEGACY["entries"][key] = (src_hash, hashlib.sha256(data).hexdigest())
    return ctx.file(filename, data, LO_CTYPE[target], text, kind="ole",
                    legacy=target)


@positive("legacy-office", 2, "fe")
def legacy_consult_letter(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name, fr_en(ctx, "Lettre", "Letter"))
    for b in doc_referral(ctx, p, md, with_nam=True):
        k = b[0]
        if k == "letterhead":
            d.p(b[1], bold=True)
            d.p(b[2])
        elif k in ("title", "h"):
            d.h(b[1])
        elif k in ("p", "right", "small"):
            d.p(b[1])
        elif k == "fields":
            for lab, val in b[1]:
                d.rich([("b", lab + " "), val])
        elif k == "sig":
            d.p(b[1])
    return send(ctx, md, [legacy_file(ctx, fr_en(ctx, "lettre_consultation.doc",
                                                 "consult_letter.doc"),
                                      d.build(), "docx", "\n".join(d.text))],
                kind="clinic")


@positive("legacy-office", 2)
def legacy_patient_list(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    pats = [ctx.person(age=(18, 95)) for _ in range(ctx.rng.randint(8, 12))]
    if ctx.variant == 0:
        rows = [["Nom", "Prénom", "DDN", "NAM", "Rendez-vous", "Motif"]] + [
            [p.surname, p.given, fmt_date(p.dob, "iso"), ctx.nam(p, "space"),
             ctx.ahead(1, 30).isoformat(), ctx.pick(VISIT_REASONS_FR)] for p in pats]
    else:
        rows = [["Dossier", "Usager", "Naissance", "Diagnostic", "Unité"]] + [
            [ctx.mrn_no("plain"), p.last_first, fmt_date(p.dob, "dmy"),
             ctx.pick(DX_FR), ctx.pick(["4B", "5C", "USI"])] for p in pats]
    x.sheet("Liste", rows)
    return send(ctx, frm, [legacy_file(ctx, ctx.pick(["liste_patients.xls",
                                                      "export.xls", "suivi.xls"]),
                                       x.build(), "xlsx", "\n".join(x.text))])


@positive("legacy-office", 2, "fe", note="A case presentation naming the patient "
          "with birth date and diagnosis on slide 2.")
def legacy_case_presentation(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    p = ctx.person(age=(20, 90))
    pr = Pptx(ctx, md.name, fr_en(ctx, "Présentation de cas", "Case presentation"))
    pr.slide(fr_en(ctx, "Présentation de cas", "Case presentation"),
             [md.dr, ctx.today.isoformat()])
    pr.slide(fr_en(ctx, "Identification", "Identification"),
             [p.full, fr_en(ctx, "Né%s le %s" % (p.e, fmt_date(p.dob, "fr_long")),
                            "Born %s" % fmt_date(p.dob, "en_long")),
              fr_en(ctx, "Dossier %s", "MRN %s") % ctx.mrn_no(),
              ctx.pick(DX_EN if ctx.lang == "en" else DX_FR)])
    pr.slide(fr_en(ctx, "Évolution", "Course"),
             [fr_en(ctx, "Admission par l'urgence", "Admitted through the ED"),
              fr_en(ctx, "Antibiothérapie IV 5 jours", "IV antibiotics for 5 days")])
    return send(ctx, md, [legacy_file(ctx, fr_en(ctx, "presentation_cas.ppt",
                                                 "case_presentation.ppt"),
                                      pr.build(), "pptx", "\n".join(pr.text))],
                kind="university")


@negative("legacy-office", 2, "fe", note="De-identified teaching case: age and "
          "sex only.")
def legacy_teaching_case(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    d = Docx(ctx, md.name, fr_en(ctx, "Cas", "Case"))
    age = ctx.rng.randint(45, 85)
    if ctx.lang == "en":
        d.h("Teaching case — chest pain")
        d.p("A %d-year-old man presents with 2 hours of retrosternal pain. ECG shows "
            "ST elevation in V2-V4. Troponin rises from 30 to 1,200 ng/L." % age)
        d.p("Questions: 1) Diagnosis? 2) Reperfusion strategy? 3) Secondary "
            "prevention?")
    else:
        d.h("Cas d'enseignement — douleur thoracique")
        d.p("Un homme de %d ans consulte pour une douleur rétrosternale depuis "
            "2 heures. L'ECG montre un sus-décalage ST en V2-V4. La troponine passe "
            "de 30 à 1200 ng/L." % age)
        d.p("Questions : 1) Diagnostic ? 2) Stratégie de reperfusion ? "
            "3) Prévention secondaire ?")
    return send(ctx, md, [legacy_file(ctx, fr_en(ctx, "cas_enseignement.doc",
                                                 "teaching_case.doc"),
                                      d.build(), "docx", "\n".join(d.text))],
                kind="university")


@negative("legacy-office", 2)
def legacy_aggregate_stats(ctx):
    frm = sender(ctx, role="clerk")
    x = Xlsx(ctx, frm.name)
    rows = [["Région", "Visites urgence", "Hospitalisations", "Décès", "DMS (jours)"]]
    for r in ["Bas-Saint-Laurent", "Capitale-Nationale", "Mauricie", "Estrie",
              "Outaouais", "Abitibi"]:
        rows.append([r, ctx.rng.randint(20000, 200000), ctx.rng.randint(2000, 30000),
                     ctx.rng.randint(100, 3000), round(ctx.rng.uniform(5, 11), 1)])
    x.sheet("Statistiques", rows)
    return send(ctx, frm, [legacy_file(ctx, "statistiques_regionales.xls",
                                       x.build(), "xlsx", "\n".join(x.text))],
                kind="university")


@negative("legacy-office", 2, "fe")
def legacy_training_deck(ctx):
    frm = sender(ctx, role="clerk")
    pr = Pptx(ctx, frm.name, fr_en(ctx, "Formation", "Training"))
    pr.slide(fr_en(ctx, "Formation : confidentialité des renseignements",
                   "Training: privacy of health information"),
             [fr_en(ctx, "Module obligatoire", "Mandatory module")])
    pr.slide(fr_en(ctx, "Les bons réflexes", "Good habits"),
             [fr_en(ctx, "Verrouiller sa session", "Lock your session"),
              fr_en(ctx, "Ne jamais envoyer de NAM par courriel non chiffré",
                    "Never e-mail a health number unencrypted"),
              fr_en(ctx, "Vérifier le destinataire avant l'envoi",
                    "Check the recipient before sending")])
    pr.slide(fr_en(ctx, "Questions", "Questions"), [])
    return send(ctx, frm, [legacy_file(ctx, fr_en(ctx, "formation_confidentialite.ppt",
                                                  "privacy_training.ppt"),
                                       pr.build(), "pptx", "\n".join(pr.text))],
                kind="university")


# ===========================================================================
# rich-text
# ===========================================================================

def rtf_escape(text, mode="ansi"):
    """mode ansi: \\'xx for cp1252, \\uN? beyond; uni: \\uN\\'xx (Word style);
    uni0: \\uN? for every non-ASCII character."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif ch == "\t":
            out.append("\\tab ")
        elif 32 <= o < 127:
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")
            except UnicodeEncodeError:
                b = None
            if mode == "ansi" and b:
                out.append("\\'%02x" % b[0])
            elif mode == "uni" and b:
                out.append("\\u%d\\'%02x" % (o if o < 32768 else o - 65536, b[0]))
            else:
                for unit in (ch.encode("utf-16-be")[i:i + 2] for i in
                             range(0, len(ch.encode("utf-16-be")), 2)):
                    n = int.from_bytes(unit, "big")
                    out.append("\\u%d?" % (n if n < 32768 else n - 65536))
    return "".join(out)


def make_rtf(blocks, mode="ansi", face="Calibri"):
    """blocks: ('h', text) | ('p', text) | ('table', rows) | ('raw', rtf)."""
    head = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang3084"
            "{\\fonttbl{\\f0\\fswiss\\fcharset0 %s;}{\\f1\\froman\\fcharset0 Times New "
            "Roman;}}\n{\\colortbl ;\\red0\\green0\\blue0;}\n{\\*\\generator Riched20 "
            "10.0.19041}\\viewkind4\\uc1\n" % face)
    body = []
    for b in blocks:
        if b[0] == "h":
            body.append("\\pard\\sa200\\sl276\\slmult1\\b\\f0\\fs28 %s\\b0\\fs22\\par\n"
                        % rtf_escape(b[1], mode))
        elif b[0] == "p":
            body.append("\\pard\\sa200\\sl276\\slmult1\\f0\\fs22 %s\\par\n"
                        % rtf_escape(b[1], mode))
        elif b[0] == "table":
            rows = b[1]
            n = len(rows[0])
            for r in rows:
                cells = "".join("\\cellx%d" % (1800 * (i + 1)) for i in range(n))
                body.append("\\trowd\\trgaph108%s\n\\pard\\intbl %s\\row\n" % (
                    cells, "".join("%s\\cell " % rtf_escape(c, mode) for c in r)))
            body.append("\\pard\\par\n")
        elif b[0] == "raw":
            body.append(b[1])
    return (head + "".join(body) + "}\n").encode("ascii")


def merge_field(name):
    return ("{\\field{\\*\\fldinst { MERGEFIELD %s }}{\\fldrslt {\\'ab%s\\'bb}}}"
            % (name, name))


def rtf_att(ctx, fn, blocks, mode, text):
    return ctx.file(fn, make_rtf(blocks, mode, ctx.pick(["Calibri", "Arial",
                                                         "Times New Roman"])),
                    ctx.pick(["application/rtf", "text/rtf"]), text, kind="rtf")


def blocks_text(blocks):
    out = []
    for b in blocks:
        if b[0] in ("h", "p"):
            out.append(b[1])
        elif b[0] == "table":
            out += [" ".join(r) for r in b[1]]
    return "\n".join(out)


@positive("rich-text", 2, note="RTF with \\'xx escapes (variant 1 Word-style "
          "\\uN\\'xx).")
def rtf_consult_letter(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    blocks = [("p", "%s, le %s" % (town_of(md.org), fr_date(ctx.today))),
              ("h", "Consultation en %s" % ctx.pick(["gériatrie", "cardiologie",
                                                    "psychiatrie"])),
              ("p", "Objet : %s %s, né%s le %s, NAM %s" % (
                  p.mme, p.full, p.e, fmt_date(p.dob, "fr_long"), nam_str(ctx, p))),
              ("p", "Cher collègue, j'ai revu votre patient%s pour %s. L'évolution "
               "est lente ; je suggère d'ajuster la médication et de le revoir dans "
               "trois mois. Œdème résiduel aux chevilles." % (
                   "e" if p.sex == "F" else "", ctx.pick(DX_FR))),
              ("p", "Bien à vous,\n%s" % md.dr)]
    return send(ctx, md, [rtf_att(ctx, "lettre.rtf", blocks,
                                  ["ansi", "uni"][ctx.variant], blocks_text(blocks))],
                kind="clinic")


@positive("rich-text", 1)
def rtf_lab_summary(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    rows = [["Analyse", "Résultat", "Réf."]]
    for lab in ctx.rng.sample(LABS, 5):
        v, flag, ref = lab_value(ctx, lab)
        rows.append([lab[0], "%s %s %s" % (v, lab[2], flag), ref])
    blocks = [("h", "Résultats — %s (DDN %s)" % (p.last_first, dob_str(ctx, p, "iso"))),
              ("p", "Dossier %s — prélevé le %s" % (ctx.mrn_no(), ctx.ago(1, 5).isoformat())),
              ("table", rows)]
    return send(ctx, frm, [rtf_att(ctx, "resultats.rtf", blocks, "uni",
                                   blocks_text(blocks))])


@positive("rich-text", 1, "e", note="English RTF with \\uN? escapes for curly "
          "quotes.")
def rtf_discharge_note(ctx):
    md = sender(ctx, org="hgm", role="md", lang="en")
    p = ctx.person(age=(20, 90))
    blocks = [("h", "Discharge note"),
              ("p", "Patient: %s — DOB %s — MRN %s" % (p.full, fmt_date(p.dob, "en_long"),
                                                      ctx.mrn_no())),
              ("p", "Admitted for %s. Treated and improved. Patient’s family "
               "informed; “home with CLSC follow-up” agreed." % ctx.pick(DX_EN)),
              ("p", "Discharge meds: " + "; ".join(ctx.rng.sample(MEDS_EN, 3)))]
    return send(ctx, md, [rtf_att(ctx, "discharge_note.rtf", blocks, "ansi",
                                  blocks_text(blocks))], kind="clinic")


@positive("rich-text", 1, note="Every accent as \\uN? (uni0 style).")
def rtf_renewal(ctx):
    md = sender(ctx, org=ctx.pick(CLINICS), role="md")
    p = ctx.person(age=(20, 90))
    blocks = [("h", "Ordonnance — renouvellement"),
              ("p", "%s — né%s le %s" % (p.full, p.e, fmt_date(p.dob, "fr_long"))),
              ("p", "\n".join(ctx.rng.sample(MEDS_FR, 3))),
              ("p", "Renouveler 12 mois. — %s" % md.dr)]
    return send(ctx, md, [rtf_att(ctx, "ordonnance.rtf", blocks, "uni0",
                                  blocks_text(blocks))], kind="pharmacy")


@negative("rich-text", 1)
def rtf_procedure(ctx):
    frm = sender(ctx, role="clerk")
    blocks = [("h", "Procédure — prélèvement sanguin")] + [
        ("p", "%d. %s" % (i + 1, s)) for i, s in
        enumerate(ctx.rng.sample(PROCEDURE_STEPS, 5))]
    return send(ctx, frm, [rtf_att(ctx, "procedure.rtf", blocks, "ansi",
                                   blocks_text(blocks))], kind="university")


@negative("rich-text", 2, note="Mail-merge template: MERGEFIELD placeholders "
          "instead of a patient.")
def rtf_merge_template(ctx):
    frm = sender(ctx, role="clerk")
    raw = ("\\pard\\sa200\\f0\\fs22 %s %s %s\\par\n\\pard\\sa200 %s %s\\par\n" % (
        rtf_escape("Objet : rendez-vous de"), merge_field("Prenom_usager"),
        merge_field("Nom_usager"), rtf_escape("NAM :"), merge_field("NAM")))
    blocks = [("h", "Modèle — lettre de convocation"), ("raw", raw),
              ("p", "Votre rendez-vous est prévu le «Date_RV» à «Heure_RV». Présentez-"
               "vous 15 minutes à l'avance avec votre carte d'assurance maladie.")]
    if ctx.variant == 1:
        blocks.append(("p", "Exemple de NAM : XXXX 0000 0000"))
    return send(ctx, frm, [rtf_att(ctx, "modele_convocation.rtf", blocks,
                                   ["ansi", "uni"][ctx.variant],
                                   blocks_text(blocks))], kind="consultant")


@negative("rich-text", 1)
def rtf_minutes(ctx):
    frm = sender(ctx)
    blocks = [("h", "Compte rendu — comité de pharmacologie"),
              ("p", "Ajout au formulaire : empagliflozine (insuffisance cardiaque)."),
              ("p", "Retrait : ranitidine. %d ordonnances d'exception traitées ce "
               "trimestre." % ctx.rng.randint(20, 200)),
              ("table", [["Médicament", "Décision"], ["Empagliflozine", "Ajout"],
                         ["Ranitidine", "Retrait"]])]
    return send(ctx, frm, [rtf_att(ctx, "cr_pharmacologie.rtf", blocks, "uni",
                                   blocks_text(blocks))], kind="university")


@negative("rich-text", 1, "e")
def rtf_drug_info(ctx):
    frm = sender(ctx, org="hgm", role="md", lang="en")
    blocks = [("h", "Drug information — apixaban"),
              ("p", "Dose: 5 mg BID; reduce to 2.5 mg BID if two of: age ≥ 80, weight "
               "≤ 60 kg, creatinine ≥ 133 µmol/L."),
              ("p", "Avoid with strong CYP3A4 inhibitors. No routine monitoring.")]
    return send(ctx, frm, [rtf_att(ctx, "apixaban.rtf", blocks, "ansi",
                                   blocks_text(blocks))], kind="pharmacy")


# ===========================================================================
# unicode-text
# ===========================================================================

ENCODINGS = {"utf-16le": ("utf-16-le", b"\xff\xfe"), "utf-16be": ("utf-16-be", b"\xfe\xff"),
             "utf-32le": ("utf-32-le", b"\xff\xfe\x00\x00"),
             "utf-32be": ("utf-32-be", b"\x00\x00\xfe\xff")}


def wide_att(ctx, fn, rows, enc, bom, charset_param=True):
    codec, mark = ENCODINGS[enc]
    text = "".join("\t".join(str(c) for c in r) + "\r\n" for r in rows)
    data = (mark if bom else b"") + text.encode(codec)
    params = []
    if charset_param:
        params = [("charset", ("utf-16" if bom and enc.startswith("utf-16") else enc))]
    ctype = ctx.pick(["text/plain", "text/tab-separated-values"]) if charset_param \
        else "application/octet-stream"
    return ctx.file(fn, data, ctype, text, params=params, kind="wide", enc=enc,
                    bom=bom)


@positive("unicode-text", 6, "fffffe", note="Tab-separated exports in UTF-16 "
          "LE/BE with and without BOM, and one UTF-32 LE.")
def wide_patient_export(ctx):
    frm = sender(ctx, role="clerk")
    pats = [ctx.person(age=(18, 95)) for _ in range(ctx.rng.randint(6, 10))]
    v = ctx.variant
    if v == 0:
        rows = [["Date", "Heure", "Nom", "Prénom", "DDN", "NAM", "Motif"]] + [
            [ctx.ahead(1, 10).isoformat(), "%02d:%02d" % (ctx.rng.randint(8, 15),
                                                         ctx.pick([0, 15, 30, 45])),
             p.surname, p.given, fmt_date(p.dob, "iso"), ctx.nam(p, "compact"),
             ctx.pick(VISIT_REASONS_FR)] for p in pats]
        fn, enc, bom, cp = "export_agenda.txt", "utf-16le", True, True
    elif v == 1:
        p = pats[0]
        rows = [["Usager", p.last_first], ["DDN", fmt_date(p.dob, "iso")],
                ["NAM", ctx.nam(p, "space")], [], ["Analyse", "Résultat", "Unités",
                                                    "Indicateur"]]
        for lab in ctx.rng.sample(LABS, 7):
            val, flag, ref = lab_value(ctx, lab)
            rows.append([lab[0], val, lab[2], flag])
        fn, enc, bom, cp = "resultats_export.txt", "utf-16be", True, True
    elif v == 2:
        rows = [["No dossier", "Nom", "Date de naissance", "Diagnostic"]] + [
            [ctx.mrn_no("plain"), p.last_first, fmt_date(p.dob, "dmy"),
             ctx.pick(DX_FR)] for p in pats]
        fn, enc, bom, cp = "liste.tsv", "utf-16le", False, True
    elif v == 3:
        rows = [["Nom", "Prénom", "Naissance", "NAM", "Inscrit le"]] + [
            [p.surname, p.given, fmt_date(p.dob, "iso"), ctx.nam(p, "compact"),
             ctx.ago(10, 400).isoformat()] for p in pats]
        fn, enc, bom, cp = "liste_attente.txt", "utf-16be", False, False
    elif v == 4:
        rows = [["NAM", "Nom", "Prénom", "Sexe", "DDN", "Médecin"]] + [
            [ctx.nam(p, "compact"), p.surname, p.given, p.sex, fmt_date(p.dob, "iso"),
             "Dr " + ctx.pick(B.SURNAMES)] for p in pats]
        fn, enc, bom, cp = "patients_gmf.txt", "utf-32le", True, True
    else:
        rows = [["Time", "Patient", "DOB", "Reason"]] + [
            ["%02d:%02d" % (ctx.rng.randint(8, 15), ctx.pick([0, 20, 40])), p.full,
             fmt_date(p.dob, "iso"), ctx.pick(VISIT_REASONS_EN)] for p in pats]
        fn, enc, bom, cp = "clinic_list.txt", "utf-16le", True, True
    return send(ctx, frm, [wide_att(ctx, fn, rows, enc, bom, cp)])


@negative("unicode-text", 6, "fffffe")
def wide_admin_export(ctx):
    frm = sender(ctx, role="clerk")
    v = ctx.variant
    if v == 0:
        rows = [["Code", "Article", "Quantité", "Emplacement"]] + [
            [fmt_nam(impossible_code(ctx.rng, c), "compact"), d, ctx.rng.randint(0, 300),
             ctx.pick(["Magasin A", "Magasin B"])]
            for c, d in [("GANT", "Gants nitrile M"), ("SERI", "Seringues 10 ml"),
                         ("PANS", "Pansements mousse"), ("MASQ", "Masques N95")]]
        fn, enc, bom, cp = "inventaire.txt", "utf-16le", True, True
    elif v == 1:
        rows = [["Unité", "Admissions", "Congés", "Décès", "DMS"]] + [
            [u, ctx.rng.randint(50, 400), ctx.rng.randint(50, 400), ctx.rng.randint(0, 20),
             ("%.1f" % ctx.rng.uniform(4, 12)).replace(".", ",")]
            for u in ["Médecine", "Chirurgie", "Gériatrie", "Psychiatrie"]]
        fn, enc, bom, cp = "statistiques.txt", "utf-16be", True, True
    elif v == 2:
        rows = [["Employé", "Titre", "Lun", "Mar", "Mer", "Jeu", "Ven"]] + [
            ["%s %s" % B.make_staff(ctx.rng)[:2], ctx.pick(["Inf.", "PAB", "Inf. aux."])]
            + [ctx.pick(["J", "S", "N", "—"]) for _ in range(5)] for _ in range(8)]
        fn, enc, bom, cp = "horaire.tsv", "utf-16le", False, True
    elif v == 3:
        rows = [["DIN", "Médicament", "Teneur", "Statut RAMQ"]] + [
            ["%08d" % ctx.rng.randint(0, 99999999), m.split(",")[0].rsplit(" ", 2)[0],
             " ".join(m.split(",")[0].split(" ")[-2:]),
             ctx.pick(["Général", "Exception", "Non couvert"])]
            for m in ctx.rng.sample(MEDS_FR, 8)]
        fn, enc, bom, cp = "liste_medicaments.txt", "utf-32be", True, True
    elif v == 4:
        rows = [["Code CIM-10", "Libellé"], ["E11.9", "Diabète de type 2"],
                ["I10", "Hypertension essentielle"], ["J44.1", "MPOC avec exacerbation"],
                ["F32.1", "Épisode dépressif moyen"], ["N18.3", "Insuffisance rénale "
                                                       "chronique stade 3"]]
        fn, enc, bom, cp = "codes_cim10.txt", "utf-16be", False, False
    else:
        rows = [["Unit", "Beds", "Occupied", "Rate"]] + [
            [u, b, o, "%d%%" % (o * 100 // b)] for u, b, o in
            [("7 North", 32, 30), ("8 West", 28, 27), ("ICU", 12, 10)]]
        fn, enc, bom, cp = "bed_census.txt", "utf-16le", True, True
    return send(ctx, frm, [wide_att(ctx, fn, rows, enc, bom, cp)], kind="consultant")


# ===========================================================================
# tar-gzip
# ===========================================================================

def epoch(d):
    return int((d - dt.datetime(1970, 1, 1)).total_seconds()) + 5 * 3600


def make_tar(ctx, files):
    """files: (path, bytes). Fixed owner, mode and mtime."""
    buf = io.BytesIO()
    mt = epoch(ctx.when) - 3600
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        seen = set()
        for path, data in files:
            parts = path.split("/")[:-1]
            for i in range(len(parts)):
                dname = "/".join(parts[:i + 1])
                if dname not in seen:
                    seen.add(dname)
                    ti = tarfile.TarInfo(dname)
                    ti.type, ti.mode, ti.mtime = tarfile.DIRTYPE, 0o755, mt
                    ti.uid = ti.gid = 1000
                    ti.uname = ti.gname = "medecin"
                    t.addfile(ti)
            ti = tarfile.TarInfo(path)
            ti.size, ti.mode, ti.mtime = len(data), 0o644, mt
            ti.uid = ti.gid = 1000
            ti.uname = ti.gname = "medecin"
            t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def make_gz(ctx, name, data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, compresslevel=9,
                       mtime=epoch(ctx.when) - 600) as g:
        g.write(data)
    return buf.getvalue()


def csv_bytes(rows, delim=";"):
    return B.make_csv(rows, delim, "utf-8")


def archive_att(ctx, fn, files, texts, gz=None):
    if fn.endswith(".gz") and not fn.endswith((".tar.gz",)) and len(files) == 1 \
            and not gz:
        data = make_gz(ctx, files[0][0], files[0][1])
        ctype = "application/gzip"
    else:
        tar = make_tar(ctx, files)
        if fn.endswith((".tar.gz", ".tgz")):
            data = make_gz(ctx, fn[:-3] if fn.endswith(".gz") else fn[:-4] + ".tar",
                           tar)
            ctype = ctx.pick(["application/gzip", "application/x-gzip",
                              "application/x-compressed-tar"])
        else:
            data = tar
            ctype = "application/x-tar"
    return ctx.file(fn, data, ctype, "\n".join(texts), kind="archive")


def patient_rows(ctx, n, nam=True):
    pats = [ctx.person(age=(18, 95)) for _ in range(n)]
    head = ["nom", "prenom", "ddn", "nam" if nam else "dossier", "motif"]
    return [head] + [[p.surname, p.given, fmt_date(p.dob, "iso"),
                      ctx.nam(p, "compact") if nam else ctx.mrn_no(),
                      ctx.pick(VISIT_REASONS_FR)] for p in pats]


def rows_text(rows):
    return "\n".join(" ".join(str(c) for c in r) for r in rows)


@positive("tar-gzip", 1)
def tar_csv_patients(ctx):
    frm = sender(ctx, role="clerk")
    rows = patient_rows(ctx, 8)
    readme = "Export du %s — format CSV ; séparateur point-virgule.\n" % ctx.today
    return send(ctx, frm, [archive_att(ctx, "export_%s.tar" % ctx.today.strftime(
        "%Y%m%d"), [("rappels.csv", csv_bytes(rows)), ("lisezmoi.txt", readme.encode())],
        [rows_text(rows)])])


@positive("tar-gzip", 1)
def targz_docx_consult(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    d = Docx(ctx, md.name, "Consultation")
    d.h("Consultation")
    d.p("%s — DDN %s — NAM %s" % (p.full, dob_str(ctx, p, "iso"), nam_str(ctx, p)))
    for t in anon_note(ctx)[1:]:
        d.p(t)
    return send(ctx, md, [archive_att(ctx, "documents.tar.gz", [
        ("consultation.docx", d.build()), ("notes.txt", b"Version finale.\n")],
        ["\n".join(d.text)])], kind="clinic")


@positive("tar-gzip", 1, note="Only one of three CSVs in the .tgz holds "
          "patients.")
def tgz_exports(ctx):
    frm = sender(ctx, role="clerk")
    rows = patient_rows(ctx, 6)
    stats = [["mois", "visites"]] + [[m, ctx.rng.randint(200, 900)]
                                     for m in B.MONTHS_FR[:4]]
    return send(ctx, frm, [archive_att(ctx, "exports.tgz", [
        ("exports/stats_mensuelles.csv", csv_bytes(stats)),
        ("exports/codes.csv", csv_bytes([["code", "libelle"], ["R01", "Rappel"]])),
        ("exports/rv_a_confirmer.csv", csv_bytes(rows))], [rows_text(rows)])])


@positive("tar-gzip", 1, note="Plain .gz of a CSV, FNAME header set.")
def gz_lab_csv(ctx):
    frm = sender(ctx, role="clerk")
    p = ctx.person(age=(20, 90))
    rows = [["dossier", "nom", "ddn", "analyse", "resultat", "unite"]]
    mrn = ctx.mrn_no()
    for lab in ctx.rng.sample(LABS, 6):
        v, flag, ref = lab_value(ctx, lab)
        rows.append([mrn, p.last_first, fmt_date(p.dob, "iso"), lab[0], v, lab[2]])
    return send(ctx, frm, [archive_att(ctx, "resultats.csv.gz",
                                       [("resultats.csv", csv_bytes(rows))],
                                       [rows_text(rows)])])


@positive("tar-gzip", 1, note="Plain .gz of a dictation transcript: name and "
          "diagnosis.")
def gz_dictation(ctx):
    md = sender(ctx, role="md")
    p = ctx.person(age=(20, 90))
    text = ("Transcription — dictée du %s\n\nPatient%s : %s, %d ans.\nDiagnostic : "
            "%s.\nPlan : %s.\n" % (ctx.today, "e" if p.sex == "F" else "", p.full,
                                   p.age(ctx.today), ctx.pick(DX_FR),
                                   ctx.pick(MEDS_FR)))
    return send(ctx, md, [archive_att(ctx, "dictee.txt.gz",
                                      [("dictee.txt", text.encode("utf-8"))], [text])],
                kind="consultant")


@positive("tar-gzip", 1, note="Nested folders; a note with a file number and "
          "clinical details.")
def targz_nested_note(ctx):
    md = sender(ctx, org=ctx.pick(HOSPITALS), role="md")
    mrn = ctx.mrn_no()
    note = ("Dossier %s\nNote d'évolution %s\nHb 72 g/L, transfusion 2 culots. "
            "Saignement digestif haut, gastroscopie demain.\n" % (mrn, ctx.today))
    return send(ctx, md, [archive_att(ctx, "sauvegarde.tar.gz", [
        ("sauvegarde/%d/notes/note_%s.txt" % (ctx.today.year, ctx.today.strftime(
            "%m%d")), note.encode("utf-8")),
        ("sauvegarde/lisezmoi.txt", b"Sauvegarde du poste.\n")], [note])])


@negative("tar-gzip", 1)
def targz_logs(ctx):
    frm = sender(ctx, role="clerk")
    lines = []
    t = ctx.when.replace(hour=1, minute=0, second=0)
    for i in range(60):
        t += dt.timedelta(seconds=ctx.rng.randint(5, 300))
        lines.append("%s %s sync-agent: %s" % (
            t.strftime("%Y-%m-%d %H:%M:%S"), ctx.pick(["INFO", "INFO", "WARN"]),
            ctx.pick(["lot %d traité (%d messages)" % (i, ctx.rng.randint(1, 90)),
                      "connexion au serveur hl7-int-02 rétablie",
                      "file d'attente : %d" % ctx.rng.randint(0, 400)])))
    log = "\n".join(lines) + "\n"
    return send(ctx, frm, [archive_att(ctx, "logs.tar.gz", [
        ("logs/sync-agent.log", log.encode()), ("logs/version.txt", b"3.4.1\n")],
        [log])], kind="consultant")


@negative("tar-gzip", 1)
def tgz_config_backup(ctx):
    frm = sender(ctx, role="clerk")
    ini = ("[serveur]\nhote = dme-app-01.intra.example\nport = 8443\n[journal]\n"
           "niveau = INFO\nrotation = 7\n")
    return send(ctx, frm, [archive_att(ctx, "config_backup.tgz", [
        ("etc/dme/app.ini", ini.encode()), ("etc/dme/README", b"Ne pas modifier.\n")],
        [ini])], kind="consultant")


@negative("tar-gzip", 1)
def gz_aggregate_csv(ctx):
    frm = sender(ctx, role="clerk")
    rows = [["region", "annee", "hospitalisations", "taux_pour_1000"]] + [
        [r, ctx.today.year - 1, ctx.rng.randint(2000, 40000),
         ("%.1f" % ctx.rng.uniform(50, 120))] for r in ["01", "03", "04", "05", "07"]]
    return send(ctx, frm, [archive_att(ctx, "hospitalisations.csv.gz",
                                       [("hospitalisations.csv", csv_bytes(rows, ","))],
                                       [rows_text(rows)])], kind="university")


@negative("tar-gzip", 1)
def tar_docx_policies(ctx):
    frm = sender(ctx, role="clerk")
    files, texts = [], []
    for name, title in [("politique_courriel.docx", "Politique sur le courriel"),
                        ("politique_mdp.docx", "Politique sur les mots de passe")]:
        d = Docx(ctx, frm.name, title)
        d.h(title)
        d.p("La présente politique s'applique à tout le personnel.")
        files.append((name, d.build()))
        texts += d.text
    return send(ctx, frm, [archive_att(ctx, "politiques.tar", files, texts)],
                kind="consultant")


@negative("tar-gzip", 1, note="Equipment serials shaped like NAMs with "
          "impossible dates.")
def gz_inventory(ctx):
    frm = sender(ctx, role="clerk")
    rows = [["serie", "equipement", "unite"]] + [
        [impossible_code(ctx.rng, c), d, ctx.pick(["4B", "USI", "Urgence"])]
        for c, d in [("POMP", "Pompe volumétrique"), ("MONI", "Moniteur"),
                     ("GLUC", "Glucomètre"), ("DEFI", "Défibrillateur")]]
    return send(ctx, frm, [archive_att(ctx, "inventaire.csv.gz",
                                       [("inventaire.csv", csv_bytes(rows))],
                                       [rows_text(rows)])], kind="supplier")


@negative("tar-gzip", 1)
def tgz_templates(ctx):
    frm = sender(ctx, role="clerk")
    tpl = ("Objet : rendez-vous\n\nBonjour «PRENOM» «NOM»,\n\nVotre rendez-vous est "
           "fixé au «DATE_RV». NAM : «NAM».\n")
    return send(ctx, frm, [archive_att(ctx, "modeles.tgz", [
        ("modeles/convocation.txt", tpl.encode("utf-8")),
        ("modeles/rappel.txt", tpl.replace("fixé", "rappelé").encode("utf-8"))],
        [tpl])], kind="consultant")


# ===========================================================================
# MAIN: generation, self-check, README
# ===========================================================================

def slugify(s):
    s = B.strip_accents(s).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:48]


def generate_all():
    B.self_test_algorithms()
    items, counters = [], {"positive": 0, "negative": 0}
    for label, cat, name, n, f, langs in SCENARIOS:
        for v in range(n):
            counters[label] += 1
            ctx = Ctx(label, name, v, cat)
            ctx.lang = "en" if langs[v % len(langs)] == "e" else "fr"
            ctx.rel = "%s/%03d-%s.eml" % (label, counters[label], slugify(name))
            data = f(ctx)
            items.append((ctx.rel, data, label, cat, ctx))
    return items


# --- a small PDF reader, enough to verify what we wrote -----------------------

def _obj_at(raw, off, n=None):
    """Body of the indirect object starting at off (tolerates Pillow's
    '3 0 obj<<' and '>>endobj' layout; skips stream data by /Length)."""
    m = re.match(rb"(\d+) 0 obj\s*", raw[off:off + 24])
    assert m and (n is None or int(m.group(1)) == n), "bad xref entry %s" % n
    start = off + m.end()
    end = raw.index(b"endobj", start)
    s = raw.find(b"stream", start, end)
    if s >= 0:
        length = int(re.search(rb"/Length (\d+)", raw[start:s]).group(1))
        data_start = s + 6 + (2 if raw[s + 6:s + 8] == b"\r\n" else 1)
        end = raw.index(b"endobj", data_start + length)
    return raw[start:end].rstrip()


def _pdf_objects(raw):
    """Map object number -> body bytes, following the xref table or the
    cross-reference stream (including objects inside object streams)."""
    sx = int(raw.rsplit(b"startxref", 1)[1].split()[0])
    objs = {}
    if raw[sx:sx + 4] == b"xref":
        lines = raw[sx:].split(b"\n")
        count = int(lines[1].split()[1])
        for i in range(1, count):
            entry = lines[2 + i]
            if entry[17:18] == b"n":
                objs[i] = _obj_at(raw, int(entry[:10]), i)
        return objs
    body = _obj_at(raw, sx)
    d, data = _pdf_stream(body)
    assert b"/Type /XRef" in d
    w = [int(x) for x in re.search(rb"/W \[(\d+) (\d+) (\d+)\]", d).groups()]
    size = int(re.search(rb"/Size (\d+)", d).group(1))
    rowlen = sum(w)
    assert len(data) == rowlen * size, "xref stream length"
    packed = {}
    for n in range(size):
        row = data[n * rowlen:(n + 1) * rowlen]
        t = int.from_bytes(row[:w[0]], "big")
        f2 = int.from_bytes(row[w[0]:w[0] + w[1]], "big")
        f3 = int.from_bytes(row[w[0] + w[1]:], "big")
        if t == 1:
            objs[n] = _obj_at(raw, f2, n)
        elif t == 2:
            packed[n] = (f2, f3)
    for n, (stm, idx) in packed.items():
        d2, data2 = _pdf_stream(objs[stm])
        assert b"/Type /ObjStm" in d2
        first = int(re.search(rb"/First (\d+)", d2).group(1))
        nums = data2[:first].split()
        pairs = [(int(nums[i]), int(nums[i + 1])) for i in range(0, len(nums), 2)]
        assert pairs[idx][0] == n, "object stream index"
        start = first + pairs[idx][1]
        end = first + pairs[idx + 1][1] if idx + 1 < len(pairs) else len(data2)
        objs[n] = data2[start:end].strip()
    return objs


def _pdf_stream(body):
    m = re.search(rb"stream\r?\n", body)
    if not m or b"/Length" not in body[:m.start()]:
        return body, None
    d, rest = body[:m.start()], body[m.end():]
    length = int(re.search(rb"/Length (\d+)", d).group(1))
    data = rest[:length]
    assert rest[length:].lstrip(b"\r\n").startswith(b"endstream"), "stream length"
    if b"/FlateDecode" in d:
        data = zlib.decompress(data)
    return d, data


def _pdf_strings(body):
    """Decode the text strings after /V, /Contents and /T."""
    out = []
    for m in re.finditer(rb"/(?:V|Contents|TU) (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)",
                         body):
        s = m.group(1)
        if s.startswith(b"<"):
            raw = bytes.fromhex(s[1:-1].decode())
            out.append(raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff")
                       else raw.decode("latin-1"))
        else:
            s = s[1:-1]
            s = re.sub(rb"\\([0-7]{3})", lambda k: bytes([int(k.group(1), 8)]), s)
            s = re.sub(rb"\\(.)", rb"\1", s)
            out.append(s.decode("latin-1"))
    return out


def check_pdf(fn, raw, meta):
    problems = []
    if not raw.startswith(b"%PDF-1.") or not raw.rstrip().endswith(b"%%EOF"):
        return ["%s: not a PDF" % fn]
    try:
        objs = _pdf_objects(raw)
    except (AssertionError, ValueError, zlib.error) as e:
        return ["%s: %s" % (fn, e)]
    pages = [b for b in objs.values() if re.search(rb"/Type /Page\b", b)]
    if meta.get("pages") and len(pages) != meta["pages"]:
        problems.append("%s: %d pages, expected %d" % (fn, len(pages), meta["pages"]))
    if meta.get("textless"):
        for n, b in objs.items():
            d, data = _pdf_stream(b)
            if data is not None and b"/Image" not in d and re.search(rb"\bT[jJ]\b",
                                                                    data):
                problems.append("%s: text operators in object %d" % (fn, n))
    if meta.get("form"):
        if not any(b"/AcroForm" in b for b in objs.values()):
            problems.append("%s: no AcroForm" % fn)
    strings = []
    for b in objs.values():
        strings += _pdf_strings(_pdf_stream(b)[0])
    return problems, strings


def check_ooxml(fn, z):
    problems = []
    names = set(z.namelist())
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    ns = "{%s}" % NS_CT
    defaults = {e.get("Extension").lower() for e in ct.iter(ns + "Default")}
    overrides = {e.get("PartName") for e in ct.iter(ns + "Override")}
    for o in overrides:
        if o.lstrip("/") not in names:
            problems.append("%s: override for missing part %s" % (fn, o))
    for n in names:
        if n == "[Content_Types].xml" or n.endswith("/"):
            continue
        if "/" + n not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append("%s: no content type for %s" % (fn, n))
    for n in names:
        if n.endswith(".rels"):
            base = n.replace("_rels/", "").rsplit(".rels", 1)[0]
            folder = base.rsplit("/", 1)[0] if "/" in base else ""
            for r in ET.fromstring(z.read(n)):
                tgt = r.get("Target")
                path = os.path.normpath(os.path.join(folder, tgt)).replace("\\", "/")
                if r.get("TargetMode") != "External" and path not in names:
                    problems.append("%s: %s points at missing %s" % (fn, n, tgt))
    return problems


def check_zip_doc(fn, raw, kind):
    problems = []
    z = zipfile.ZipFile(io.BytesIO(raw))
    if z.testzip() is not None:
        return ["%s: bad zip" % fn]
    text = []
    for n in z.namelist():
        if n.endswith((".xml", ".rels", ".vml")):
            try:
                root = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                problems.append("%s: %s does not parse: %s" % (fn, n, e))
                continue
            text += [t for t in root.itertext()]
            if n.endswith(".xml"):
                text += [v for el in root.iter() for k, v in el.attrib.items()]
    if kind in ("odt", "ods"):
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            problems.append("%s: mimetype must be first and stored" % fn)
    else:
        problems += check_ooxml(fn, z)
    for n in z.namelist():
        if n.startswith(("word/media/", "ppt/media/")):
            Image.open(io.BytesIO(z.read(n))).load()
    return problems, "".join(text) + "\n" + "\n".join(text)


def check_attachment(fn, raw, meta):
    """Open an attachment the way a reader would. Returns (problems, texts)."""
    kind = meta.get("kind")
    texts = []
    problems = []
    low = fn.lower()
    if kind == "image":
        im = Image.open(io.BytesIO(raw))
        fmt = {"png8": "PNG", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "bmp": "BMP",
               "webp": "WEBP", "ico": "ICO"}[meta["fmt"]]
        if im.format != fmt:
            problems.append("%s: %s, expected %s" % (fn, im.format, fmt))
        im.load()
        o = meta.get("orientation")
        if o:
            got = im.getexif().get(0x0112)
            up = ImageOps.exif_transpose(im)
            if got != o or not up.height > up.width or im.height > im.width:
                problems.append("%s: EXIF orientation not as intended" % fn)
    elif kind == "tiff":
        im = Image.open(io.BytesIO(raw))
        if im.n_frames != meta["pages"]:
            problems.append("%s: %d frames" % (fn, im.n_frames))
        for i in range(im.n_frames):
            im.seek(i)
            im.load()
            if im.mode != "1" or im.info.get("compression") != "group4":
                problems.append("%s: frame %d not 1-bit G4" % (fn, i))
    elif kind == "pdf":
        res = check_pdf(fn, raw, meta)
        if isinstance(res, list):
            return res, texts
        problems, texts = res
    elif kind in ("docx", "xlsx", "pptx", "odt", "ods"):
        problems, t = check_zip_doc(fn, raw, kind)
        texts.append(t)
    elif kind == "ole":
        want = {"doc": "WordDocument", "xls": "Workbook",
                "ppt": "PowerPoint Document"}[meta["legacy"]]
        names = {e["name"]: e for e in cfb_read(raw)}
        if want not in names or len(names[want].get("data", b"")) < 512:
            problems.append("%s: no %s stream" % (fn, want))
    elif kind == "rtf":
        s = raw.decode("ascii")
        depth = 0
        for i, ch in enumerate(s):
            if ch == "{" and (i == 0 or s[i - 1] != "\\"):
                depth += 1
            elif ch == "}" and s[i - 1] != "\\":
                depth -= 1
        if not s.startswith("{\\rtf1") or depth != 0:
            problems.append("%s: bad RTF" % fn)
        texts.append(rtf_to_text(s))
    elif kind == "wide":
        codec, mark = ENCODINGS[meta["enc"]]
        if raw.startswith(mark) != meta["bom"]:
            problems.append("%s: BOM mismatch" % fn)
        texts.append(raw[len(mark) if meta["bom"] else 0:].decode(codec))
    elif kind == "archive":
        if low.endswith(".gz") and not low.endswith(".tar.gz"):
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as g:
                inner = g.read()
            texts.append(inner.decode("utf-8"))
        else:
            with tarfile.open(fileobj=io.BytesIO(raw)) as t:
                for m in t.getmembers():
                    if m.isfile():
                        data = t.extractfile(m).read()
                        if m.name.endswith(".docx"):
                            pr, tt = check_zip_doc(m.name, data, "docx")
                            problems += pr
                            texts.append(tt)
                        else:
                            texts.append(data.decode("utf-8"))
    else:
        problems.append("%s: unknown kind %r" % (fn, kind))
    return problems, texts


def rtf_to_text(s):
    """Just enough RTF decoding to find the words again."""
    s = re.sub(r"\\u(-?\d+)\\'[0-9a-f]{2}", lambda m: chr(int(m.group(1)) % 65536), s)
    s = re.sub(r"\\u(-?\d+)\?", lambda m: chr(int(m.group(1)) % 65536), s)
    s = re.sub(r"\\'([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]).decode(
        "cp1252"), s)
    s = re.sub(r"\\par\b", "\n", s)
    s = re.sub(r"\\[a-z]+-?\d* ?", "", s)
    s = re.sub(r"(?<!\\)[{}]", "", s)
    return s.replace("\\{", "{").replace("\\}", "}").replace("\\\\", "\\")


def check_one(rel, data, ctx):
    import email
    import email.policy
    problems = []
    if b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        problems.append("bare CR or LF")
    if not data.isascii():
        problems.append("non-ASCII byte")
    if any(len(ln) > 998 for ln in data.split(b"\r\n")):
        problems.append("line over 998 octets")
    head = data.split(b"\r\n\r\n", 1)[0]
    for ln in head.split(b"\r\n"):
        if len(ln) > 78 and not ln.startswith(b" boundary"):
            problems.append("header line over 78: %r" % ln[:60])
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for h in ("From", "To", "Date", "Message-ID", "Subject", "MIME-Version"):
        if msg[h] is None:
            problems.append("missing " + h)
    frm = msg["From"].addresses[0].domain
    to = msg["To"].addresses[0].domain
    if not frm.endswith(".example") or not to.endswith(".example") or frm == to:
        problems.append("sender/recipient domains %s -> %s" % (frm, to))
    for part in msg.walk():
        if part.defects:
            problems.append("defects %s in %s" % (part.defects, part.get_content_type()))
    if msg.defects:
        problems.append("message defects %s" % msg.defects)
    got, cids = {}, set()
    bodies = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        fn = part.get_filename()
        if fn:
            got[fn] = part.get_payload(decode=True)
            if part["Content-ID"]:
                cids.add(part["Content-ID"].strip("<>"))
        elif part.get_content_type().startswith("text/"):
            bodies.append(part.get_content())
    html = " ".join(b for b in bodies if "<html" in b)
    for cid in re.findall(r'src="cid:([^"]+)"', html):
        if cid not in cids:
            problems.append("cid %s has no part" % cid)
    texts = list(ctx.att_text)
    meta = dict(ctx.att_meta)
    if len(meta) != len(ctx.att):
        problems.append("duplicate attachment names")
    for fn, raw in ctx.att:
        if got.get(fn) != raw:
            problems.append("attachment %s does not round-trip" % fn)
            continue
        try:
            pr, tx = check_attachment(fn, raw, meta.get(fn, {}))
        except Exception as e:          # a reader failing is a finding
            pr, tx = ["%s: %s: %s" % (fn, type(e).__name__, e)], []
        problems += pr
        texts += tx
    blob = re.sub(r"[\s\-.\u00a0]", "", " ".join(texts)).upper()
    for kind, value, ok in ctx.ids:
        valid = {"nam": lambda x: nam_valid(x) is not None, "sin": sin_valid}[kind](value)
        if valid != ok:
            problems.append("%s %s validity %s, expected %s" % (kind, value, valid, ok))
        if value.upper() not in blob:
            problems.append("%s %s not found in the attachment" % (kind, value))
    # the body must not give the game away: no identifier in it
    bblob = re.sub(r"[\s\-.\u00a0]", "", " ".join(bodies) + str(msg["Subject"])).upper()
    for kind, value, ok in ctx.ids:
        if value.upper() in bblob:
            problems.append("%s %s appears in the body or subject" % (kind, value))
    return problems


# --- README ------------------------------------------------------------------

CATEGORY_TEXT = {
    "screenshot": "Screen captures of clinical and office software at screen "
                  "resolution (PNG, mostly 256-colour; JPEG; one GIF, BMP and WebP).",
    "scan": "Flatbed scans (150–300 dpi, skew, noise, JPEG 60–66) and phone photos "
            "(desk border, uneven light, some with EXIF Orientation 6 or 8 and "
            "rotated pixels).",
    "inline-image": "HTML mail in multipart/related with cid: pictures.",
    "small-images": "Signature logos, 1×1 tracking pixels and icons (PNG, GIF, ICO).",
    "scanned-pdf": "Image-only PDFs from Pillow (CCITT G4 or JPEG pages, 1–4 pages), "
                   "no text layer.",
    "fax-tiff": "Multi-page 1-bit TIFF, Group 4, with fax header lines.",
    "office-embedded-image": ".docx/.pptx whose only patient data is in an embedded "
                             "picture.",
    "office-hidden-parts": ".docx header/footer/footnote/comment/tracked change, .xlsx "
                           "later or hidden sheet and cell comment, .odt/.ods "
                           "annotation.",
    "fillable-pdf": "Hand-written PDFs with AcroForm values in /V (some with /AP), "
                    "FreeText/Text annotations, object streams and xref streams.",
    "legacy-office": ".doc/.xls/.ppt converted by LibreOffice from documents written "
                     "here.",
    "rich-text": "RTF with \\'xx (cp1252), \\uN\\'xx and \\uN? escapes, tables and "
                 "MERGEFIELDs.",
    "unicode-text": "Tab-separated exports in UTF-16 LE/BE with and without BOM, and "
                    "UTF-32 LE/BE with BOM.",
    "tar-gzip": ".tar, .tar.gz, .tgz and plain .gz (fixed mtime, FNAME set) holding "
                "CSV, text and .docx.",
}


def make_readme(items, total):
    cats = []
    for _, c, *_ in SCENARIOS:
        if c not in cats:
            cats.append(c)
    lines = [
        "# Held-out corpus of file forms (tests/holdout/forms)",
        "",
        "A second held-out corpus, next to the plain-mail one in `..`. Each message",
        "is a short, neutral note from a physician or a clerk of a `.example`",
        "establishment to an outside address (\"Tel que discuté, voir le document",
        "joint.\"). The **attachment alone decides the label**, and what varies is",
        "the form the data takes: pictures, scans, faxes, PDFs, hidden Office parts,",
        "legacy Office, RTF, wide-character text and archives.",
        "",
        "It was written without reading `src/`, `rules/`, `tests/corpus/` or",
        "`tests/data/`, and Sentinelle was never run on it. Please don't tune rules",
        "against individual files here; if a miss looks like a labelling mistake,",
        "fix the label in `generate.py` and give the reason in the commit.",
        "",
        "## Labels",
        "",
        "Same rule as `../README.md`. **positive**: a privacy officer would say the",
        "message carries confidential data about an identifiable patient (an",
        "identifier such as a NAM or a file number, or a named or dated person",
        "with health information), or a person's SIN. **negative**: everything",
        "else (aggregates, blank forms, templates and placeholders, staff data,",
        "look-alike codes, charts, logos). People and NAMs come from",
        "`../generate.py` (imported): the NAM is derived from surname, given name,",
        "sex and birth date with the EBCDIC check digit; SINs pass Luhn. Domains",
        "are `.example`, phones 555-01xx. About 80 % of messages are in Quebec",
        "French, 20 % in English.",
        "",
        "`labels.csv` has the header `file,label,category` (paths relative to this",
        "folder); the category is the form.",
        "",
        "| category | positive | negative | what |",
        "|---|---:|---:|---|",
    ]
    for c in cats:
        npos = sum(1 for i in items if i[3] == c and i[2] == "positive")
        nneg = sum(1 for i in items if i[3] == c and i[2] == "negative")
        lines.append("| `%s` | %d | %d | %s |" % (c, npos, nneg, CATEGORY_TEXT[c]))
    npos = sum(1 for i in items if i[2] == "positive")
    lines += ["| **total** | **%d** | **%d** | %.1f MB |" % (
        npos, len(items) - npos, total / 1e6), ""]
    lines += [
        "## Pictures and OCR",
        "",
        "All text in pictures is dark on a light background. Screen captures use",
        "DejaVu fonts (Sans, Sans Condensed) at 15–20 px, so capitals are at",
        "least 11–12 px high; scans and faxes use DejaVu Serif, Sans, Mono and",
        "Condensed at 28 px per em or more (capitals ≥ 20 px). `python3",
        "generate.py --ocr` runs Tesseract (fra+eng) on every rendered picture",
        "and lists the identifiers it could not read back; it is a diagnostic",
        "only and does not change the files.",
        "",
        "## Regenerating",
        "",
        "* `python3 generate.py` rewrites `positive/`, `negative/`, `labels.csv`,",
        "  this README and `legacy-office.sha256`. It needs Python 3 and Pillow",
        "  (and LibreOffice only when a legacy-office source changed).",
        "* `python3 generate.py --check` regenerates everything in memory and",
        "  compares it byte for byte with the files on disk (exit 1 on any",
        "  difference). It never runs LibreOffice.",
        "* `python3 generate.py --reconvert` also re-runs LibreOffice for the",
        "  legacy-office files.",
        "",
        "Everything is derived from a fixed seed; the clock is never read (PDF",
        "dates, ZIP, tar and gzip times and EXIF fields are all fixed). Two",
        "things are not byte-deterministic:",
        "",
        "* **LibreOffice output** (.doc/.xls/.ppt) carries timestamps and other",
        "  varying bytes. Those files are committed: the generator takes them back",
        "  from the committed `.eml` when `legacy-office.sha256` shows the source",
        "  document is unchanged, and converts again only otherwise.",
        "* **Library versions:** the bytes of PNG, JPEG, WebP, GIF, TIFF and",
        "  Flate streams depend on the Pillow, FreeType, zlib, libjpeg, libwebp",
        "  and libtiff builds. `--check` is exact on the machine that generated",
        "  the files; elsewhere, expect differences in picture bytes only.",
        "",
        "Every generation also runs a self-check: CRLF and 7-bit only, Python's",
        "`email` parser reports no defects, sender and recipient are different",
        "`.example` domains, every attachment round-trips and opens (Pillow for",
        "pictures, EXIF orientation and G4 TIFF frames; a small PDF reader that",
        "follows xref tables, xref streams and object streams; zipfile plus XML",
        "parsing, content types and relationships for OOXML/ODF; tarfile/gzip;",
        "BOMs; RTF braces), every registered NAM/SIN is valid and present in the",
        "attachment, and no identifier appears in a body or subject.",
        "",
        "## Labels a reviewer might dispute",
        "",
    ]
    for (label, name), note in NOTES.items():
        files = [i[0] for i in items if i[2] == label and i[4].name == name]
        nums = ", ".join(re.search(r"/(\d+)-", f).group(1) for f in files)
        lines.append("* **%s %s** (`%s`): %s" % (label, nums, name, note))
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def write_manifest():
    rows = ["%s  %s  %s  %s" % (k[0], k[1], v[0], v[1])
            for k, v in sorted(LEGACY["entries"].items())]
    return ("\n".join(rows) + "\n").encode("utf-8")


def ocr_report(items):
    exe = shutil.which("tesseract")
    if not exe:
        sys.exit("tesseract not found")
    missed = 0
    for rel, data, label, cat, ctx in items:
        if not ctx.pictures or not ctx.ids:
            continue
        text = ""
        for where, im in ctx.pictures:
            buf = io.BytesIO()
            im.convert("L").save(buf, "PNG")
            r = subprocess.run([exe, "stdin", "stdout", "-l", "fra+eng"],
                               input=buf.getvalue(), capture_output=True)
            text += r.stdout.decode("utf-8", "replace")
        blob = re.sub(r"[\s\-.]", "", text).upper()
        for kind, value, ok in ctx.ids:
            if value.upper() not in blob:
                missed += 1
                print("OCR missed %s %s in %s" % (kind, value, rel))
    print("OCR: %d identifier(s) not read back" % missed)


def main():
    check_only = "--check" in sys.argv
    LEGACY["mode"] = "check" if check_only else "generate"
    LEGACY["reconvert"] = "--reconvert" in sys.argv and not check_only
    items = generate_all()
    problems, total = [], 0
    for rel, data, label, cat, ctx in items:
        total += len(data)
        for pr in check_one(rel, data, ctx):
            problems.append("%s: %s" % (rel, pr))
    problems += LEGACY["problems"] if not check_only else []
    if problems:
        print("\n".join(problems))
        print("%d problem(s)" % len(problems))
        sys.exit(1)
    assert total < 8 * 1000 * 1000, total
    rows = [("file", "label", "category")] + [(i[0], i[2], i[3]) for i in items]
    labels = B.make_csv(rows, ",", "utf-8").replace(b"\r\n", b"\n")
    readme = make_readme(items, total)
    manifest = write_manifest()
    if "--ocr" in sys.argv:
        ocr_report(items)
        return
    if check_only:
        bad = [p for p in LEGACY["problems"]]
        for rel, data, *_ in items:
            path = os.path.join(HERE, rel)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                bad.append("differs: " + rel)
        on_disk = set()
        for sub in ("positive", "negative"):
            d = os.path.join(HERE, sub)
            if os.path.isdir(d):
                on_disk |= {"%s/%s" % (sub, f) for f in os.listdir(d)}
        for extra in sorted(on_disk - {i[0] for i in items}):
            bad.append("not generated: " + extra)
        for name, data in (("labels.csv", labels), ("README.md", readme),
                           ("legacy-office.sha256", manifest)):
            path = os.path.join(HERE, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                bad.append("differs: " + name)
        print("\n".join(bad))
        print("check: %d file(s) differ" % len(bad))
        sys.exit(1 if bad else 0)
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        keep = {os.path.basename(i[0]) for i in items if i[0].startswith(sub + "/")}
        for fn in os.listdir(d):
            if fn.endswith(".eml") and fn not in keep:
                os.remove(os.path.join(d, fn))
    for rel, data, *_ in items:
        with open(os.path.join(HERE, rel), "wb") as fh:
            fh.write(data)
    for name, data in (("labels.csv", labels), ("README.md", readme),
                       ("legacy-office.sha256", manifest)):
        with open(os.path.join(HERE, name), "wb") as fh:
            fh.write(data)
    npos = sum(1 for i in items if i[2] == "positive")
    digest = hashlib.sha256(b"".join(i[1] for i in items)).hexdigest()
    print("wrote %d positive, %d negative, %d bytes (LibreOffice: %d converted, %d "
          "reused), sha256 %s" % (npos, len(items) - npos, total,
                                  LEGACY["converted"], LEGACY["reused"], digest[:16]))


if __name__ == "__main__":
    main()
