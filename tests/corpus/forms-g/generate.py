#!/usr/bin/env python3
"""Held-out forms corpus (seventh author) -- deterministic generator.

Run from the repository root:  python3 tests/corpus/forms-g/generate.py

Every person, identifier, establishment address and message in here is fake
and generated from a fixed random seed.  Only the Python standard library,
Pillow, and (for the legacy-office category) LibreOffice headless are used.
"""
import base64
import csv
import datetime as dt
import gzip
import hashlib
import io
import os
import quopri
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
import zlib
from xml.sax.saxutils import escape as xesc

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 7_2024_0917
R = random.Random(SEED)
FIXED_ZIP_TIME = (2024, 3, 11, 9, 30, 0)
FIXED_EPOCH = 1710163800  # 2024-03-11 13:30:00 UTC

# ----------------------------------------------------------------------------
# Fonts
# ----------------------------------------------------------------------------
FD = "/usr/share/fonts/truetype/dejavu/"
FONT_FILES = {
    "sans": "DejaVuSans.ttf", "sansb": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf", "serifb": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono.ttf", "monob": "DejaVuSansMono-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf", "condb": "DejaVuSansCondensed-Bold.ttf",
    "serifc": "DejaVuSerifCondensed.ttf", "serifcb": "DejaVuSerifCondensed-Bold.ttf",
}
_font_cache = {}


def font(fam, size):
    key = (fam, size)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(FD + FONT_FILES[fam], size)
    return _font_cache[key]


def bold(fam):
    return {"sans": "sansb", "serif": "serifb", "mono": "monob", "cond": "condb",
            "serifc": "serifcb"}.get(fam, fam)


# ----------------------------------------------------------------------------
# People and identifiers (all fake)
# ----------------------------------------------------------------------------
SURNAMES = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
    "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
    "Leblanc", "Paquette", "Girard", "Simard", "Boucher", "Caron", "Beaulieu",
    "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre",
    "Poulin", "Thibault", "St-Pierre", "Nadeau", "Landry", "Martel", "Bédard",
    "Grenier", "Lessard", "Bernier", "Michaud", "Hébert", "Desjardins", "Couture",
    "Turcotte", "Lachance", "Parent", "Blais", "Gosselin", "Savard", "Proulx",
    "Beaudoin", "Demers", "Perreault", "Boudreau", "Lemieux", "Cyr", "Perron",
    "Dufour", "Dion", "Mercier", "Bolduc", "Bérubé", "Boisvert", "Langlois",
    "Ménard", "Therrien", "Plante", "Bilodeau", "Nguyen", "Tran", "Haddad",
    "Khoury", "Joseph", "Santos", "Rossi", "Wong", "O'Brien", "MacDonald",
    "Ng", "Diallo", "Benali", "Fontaine", "Vachon", "Gravel", "Lamontagne",
    "Lebel", "Charbonneau", "Deschênes", "Laflamme", "Provencher", "Veilleux",
    "Rioux", "Bissonnette", "Chénier", "Labrecque", "Trudel", "Daigle",
]
F_NAMES = [
    "Marie", "Josée", "Élise", "Chantal", "Sylvie", "Nathalie", "Isabelle",
    "Geneviève", "Mélanie", "Julie", "Catherine", "Émilie", "Sophie", "Léa",
    "Camille", "Chloé", "Gabrielle", "Maude", "Ginette", "Lise", "Francine",
    "Huguette", "Thérèse", "Yvette", "Amina", "Fatima", "Mei", "Linh", "Rose",
    "Jacqueline", "Monique", "Andrée", "Karine", "Valérie", "Noémie", "Alice",
    "Océane", "Rachel", "Suzanne", "Diane", "Louise", "Hélène", "Pierrette",
]
M_NAMES = [
    "Jean", "Pierre", "Michel", "Gilles", "Réjean", "Gaétan", "Luc", "Marc-André",
    "Jean-François", "Mathieu", "Olivier", "William", "Félix", "Samuel", "Étienne",
    "Benoît", "Denis", "Normand", "Yvon", "Raymond", "Karim", "Youssef", "Minh",
    "Wei", "Jacques", "Gérard", "Laurent", "Zachary", "Noah", "Liam", "Sébastien",
    "Patrick", "Alain", "Claude", "Roger", "Antoine", "Maxime", "Hugo", "Louis",
    "Émile", "Thomas", "Nicolas", "Richard", "Serge", "Bruno", "Ghislain",
]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def ascii_slug(s):
    return "".join(c for c in strip_accents(s).lower() if c.isalnum())


class Person:
    pass


_used_nams = set()


def person(sex=None, ymin=1928, ymax=2022, rng=R):
    p = Person()
    p.sex = sex or rng.choice("FM")
    p.surname = rng.choice(SURNAMES)
    p.given = rng.choice(F_NAMES if p.sex == "F" else M_NAMES)
    y = rng.randint(ymin, ymax)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    p.dob = dt.date(y, m, d)
    letters = "".join(c for c in strip_accents(p.surname).upper() if c.isalpha())
    letters = (letters + "XXX")[:3]
    while True:
        tail = "%02d" % rng.randint(10, 99)
        nam = "%s%s%02d%02d%02d%s" % (letters, strip_accents(p.given)[0].upper(),
                                     y % 100, m + (50 if p.sex == "F" else 0), d, tail)
        if nam not in _used_nams:
            _used_nams.add(nam)
            break
    p.nam = nam
    p.nam_exp = "%d-%02d" % (rng.randint(2024, 2029), rng.randint(1, 12))
    n_digits = rng.choice([6, 7, 7, 8])
    p.dossier = "".join(rng.choice("0123456789") for _ in range(n_digits))
    if p.dossier[0] == "0" and n_digits == 6:
        p.dossier = "1" + p.dossier[1:]
    p.age = (dt.date(2024, 3, 15) - p.dob).days // 365
    p.full = "%s %s" % (p.given, p.surname)
    p.rev = "%s, %s" % (p.surname.upper(), p.given)
    p.phone = "%s-%03d-%04d" % (rng.choice(["514", "450", "418", "819", "438", "581"]),
                                rng.randint(200, 989), rng.randint(0, 9999))
    p.street = "%d, %s" % (rng.randint(12, 9850), rng.choice([
        "rue des Érables", "boul. Saint-Joseph", "avenue du Parc", "rue Principale",
        "chemin du Lac", "rue Notre-Dame Est", "rang Saint-Isidore", "rue King Ouest",
        "boul. Talbot", "rue de la Gare", "avenue Laurier"]))
    p.city = rng.choice(["Montréal", "Laval", "Québec", "Lévis", "Sherbrooke",
                         "Gatineau", "Saint-Jérôme", "Joliette", "Rimouski", "Saguenay",
                         "Trois-Rivières", "Longueuil", "Repentigny", "Drummondville"])
    return p


def nam_fmt(p, style=None, rng=R):
    style = style if style is not None else rng.choice(["spaced", "compact", "spaced", "dash"])
    n = p.nam
    if style == "spaced":
        return "%s %s %s" % (n[:4], n[4:8], n[8:])
    if style == "dash":
        return "%s-%s-%s" % (n[:4], n[4:8], n[8:])
    return n


def dossier_fmt(p, rng=R):
    v = rng.choice(["plain", "plain", "prefix", "dash"])
    if v == "prefix":
        return rng.choice(["H", "M", "D", "E"]) + p.dossier
    if v == "dash":
        return p.dossier[:2] + "-" + p.dossier[2:]
    return p.dossier


def dfmt(d, style=None, rng=R):
    style = style or rng.choice(["iso", "dmy", "fr", "iso", "dmy", "en", "ymd/"])
    if style == "iso":
        return d.strftime("%Y-%m-%d")
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "fr":
        return "%d %s %d" % (d.day, MOIS[d.month - 1], d.year)
    if style == "en":
        return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
    if style == "dmy-":
        return d.strftime("%d-%m-%Y")
    return d.strftime("%Y/%m/%d")


def rdate(rng=R, y0=2023, y1=2024):
    return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))


# ----------------------------------------------------------------------------
# Establishments, staff, external recipients (fictitious)
# ----------------------------------------------------------------------------
ESTABS = [
    ("CIUSSS du Centre-Sud-de-l'Île-de-Montréal", "Hôpital Notre-Dame", "ccsmtl", "fr"),
    ("CISSS de Lanaudière", "Centre hospitalier De Lanaudière", "cissslan", "fr"),
    ("CHU de Québec – Université Laval", "Hôpital de l'Enfant-Jésus", "chudequebec", "fr"),
    ("CISSS des Laurentides", "Hôpital régional de Saint-Jérôme", "cissslau", "fr"),
    ("CIUSSS de l'Estrie – CHUS", "Hôpital Fleurimont", "ciussse-chus", "fr"),
    ("CISSS de la Montérégie-Centre", "Hôpital Charles-Le Moyne", "cisssmc", "fr"),
    ("CIUSSS du Saguenay–Lac-Saint-Jean", "Hôpital de Chicoutimi", "ciusssslsj", "fr"),
    ("CISSS de l'Outaouais", "Hôpital de Gatineau", "cissso", "fr"),
    ("CIUSSS de la Mauricie-et-du-Centre-du-Québec", "Centre hospitalier affilié universitaire régional", "ciusssmcq", "fr"),
    ("CISSS du Bas-Saint-Laurent", "Hôpital régional de Rimouski", "cisssbsl", "fr"),
    ("McGill University Health Centre", "Royal Victoria Hospital", "muhc", "en"),
    ("CIUSSS de l'Ouest-de-l'Île-de-Montréal", "St. Mary's Hospital Center", "comtl", "en"),
    ("CISSS de Chaudière-Appalaches", "Hôtel-Dieu de Lévis", "cisssca", "fr"),
    ("CISSS de Laval", "Hôpital de la Cité-de-la-Santé", "cissslav", "fr"),
]
SERVICES_FR = ["Médecine interne", "Cardiologie", "Pneumologie", "Néphrologie",
               "Gériatrie", "Oncologie", "Chirurgie générale", "Orthopédie",
               "Pédiatrie", "Psychiatrie", "Neurologie", "Urgence", "Obstétrique",
               "Gastro-entérologie", "Endocrinologie", "Soins intensifs"]
SERVICES_EN = ["Internal Medicine", "Cardiology", "Respirology", "Nephrology",
               "Geriatrics", "Oncology", "General Surgery", "Neurology", "Emergency"]
EXTERNAL = [
    "dr.lavoie.clinique@gmail.com", "reception@cliniquevieuxport-exemple.ca",
    "j.morin1962@videotron.ca", "info@physioplus-exemple.ca",
    "reclamations@assurances-beaulieu-exemple.ca", "labo@pharmacie-jcroy-exemple.ca",
    "mbouchard@cabinet-leger-exemple.ca", "nathalie.g@hotmail.com",
    "secretariat.gmf.riviere@outlook.com", "suivi@cliniqueduparc-exemple.com",
    "d.nguyen@yahoo.ca", "rdv@centremedicalboreal-exemple.ca",
    "admin@residence-les-pins-exemple.ca", "contact@ergosante-exemple.ca",
    "f.cote@sympatico.ca", "office@westmountmedical-example.com",
    "k.haddad.md@gmail.com", "bureau@notaire-gravel-exemple.ca",
]


def staff(rng=R, sex=None, title=True):
    sex = sex or rng.choice("FM")
    g = rng.choice(F_NAMES if sex == "F" else M_NAMES)
    s = rng.choice(SURNAMES)
    return (("Dre " if sex == "F" else "Dr ") if title else "") + g + " " + s, g, s


def sender(est, rng=R):
    _, g, s = staff(rng, title=False)
    addr = "%s.%s.%s@ssss.gouv.qc.ca" % (ascii_slug(g), ascii_slug(s), est[2])
    return "%s %s" % (g, s), addr


def license_no(rng=R):
    return "%d-%05d" % (rng.randint(1, 2), rng.randint(0, 99999))


# ----------------------------------------------------------------------------
# Clinical content fragments
# ----------------------------------------------------------------------------
DIAG = [
    ("Insuffisance cardiaque décompensée", "Decompensated heart failure"),
    ("Pneumonie acquise en communauté lobe inférieur droit", "Community-acquired pneumonia, right lower lobe"),
    ("MPOC exacerbée", "COPD exacerbation"),
    ("Diabète de type 2 mal contrôlé", "Poorly controlled type 2 diabetes"),
    ("Fibrillation auriculaire nouvelle", "New-onset atrial fibrillation"),
    ("Insuffisance rénale aiguë sur chronique", "Acute on chronic kidney injury"),
    ("Fracture de la hanche gauche", "Left hip fracture"),
    ("Accident vasculaire cérébral ischémique", "Acute ischemic stroke"),
    ("Cellulite du membre inférieur droit", "Right lower limb cellulitis"),
    ("Trouble dépressif majeur", "Major depressive disorder"),
    ("Adénocarcinome du côlon stade III", "Stage III colon adenocarcinoma"),
    ("Pyélonéphrite aiguë", "Acute pyelonephritis"),
    ("Embolie pulmonaire segmentaire", "Segmental pulmonary embolism"),
    ("Délirium hypoactif", "Hypoactive delirium"),
    ("Hémorragie digestive haute", "Upper GI bleed"),
    ("Asthme sévère", "Severe asthma"),
]
MEDS = [
    "Apixaban 5 mg PO BID", "Métoprolol 25 mg PO BID", "Furosémide 40 mg PO DIE",
    "Metformine 850 mg PO BID", "Atorvastatine 40 mg PO HS", "Ramipril 5 mg PO DIE",
    "Pantoprazole 40 mg PO DIE", "Amoxicilline-clavulanate 875 mg PO BID x 7 jours",
    "Insuline glargine 18 unités SC HS", "Acétaminophène 650 mg PO q6h PRN",
    "Hydromorphone 1 mg PO q4h PRN", "Sertraline 50 mg PO DIE",
    "Salbutamol 100 mcg 2 inh q4h PRN", "Lévothyroxine 75 mcg PO DIE",
    "Prednisone 40 mg PO DIE x 5 jours", "Céfazoline 2 g IV q8h",
    "Enoxaparine 40 mg SC DIE", "Quétiapine 25 mg PO HS PRN",
]
LABS = [
    ("Hémoglobine", "g/L", 120, 160), ("Leucocytes", "x10^9/L", 4.0, 11.0),
    ("Plaquettes", "x10^9/L", 150, 400), ("Sodium", "mmol/L", 135, 145),
    ("Potassium", "mmol/L", 3.5, 5.0), ("Créatinine", "µmol/L", 50, 110),
    ("DFGe", "mL/min/1,73m²", 60, 120), ("Glucose à jeun", "mmol/L", 3.6, 6.0),
    ("HbA1c", "%", 4.0, 6.0), ("TSH", "mUI/L", 0.35, 5.0),
    ("Troponine T hs", "ng/L", 0, 14), ("CRP", "mg/L", 0, 5),
    ("ALT", "U/L", 5, 40), ("INR", "", 0.9, 1.2), ("Ferritine", "µg/L", 30, 300),
    ("NT-proBNP", "ng/L", 0, 450),
]
ALLERG = ["Aucune allergie connue", "Pénicilline (urticaire)", "Sulfa (rash)",
          "Codéine (nausées)", "Iode (anaphylaxie)", "Arachides", "AINS (bronchospasme)"]
HIST = ["HTA", "DLP", "DB2", "MPOC", "FA", "IRC stade 3", "MCAS", "apnée du sommeil",
        "hypothyroïdie", "dépression", "ostéoporose", "cancer du sein 2015 en rémission",
        "AVC 2019", "obésité", "tabagisme actif 30 paquets-années"]


def lab_rows(rng, n):
    rows = []
    for name, unit, lo, hi in rng.sample(LABS, n):
        span = hi - lo if hi > lo else 1
        v = max(rng.uniform(lo - span * 0.4, hi + span * 0.5), lo * 0.5 if lo > 0 else rng.uniform(1, 4))
        if isinstance(lo, int) and isinstance(hi, int) and hi > 20:
            vs = "%d" % round(v)
        else:
            vs = ("%.1f" % v).replace(".", ",") if hi < 20 else "%.0f" % v
        flag = "H" if v > hi else ("L" if v < lo else "")
        ref = ("%s – %s" % (lo, hi)).replace(".", ",")
        rows.append([name, vs, unit, ref, flag])
    return rows


# ----------------------------------------------------------------------------
# Document model: dict(title, org, blocks=[(kind, ...)])
#   ('h', text) ('p', text) ('kv', [(k, v)]) ('table', headers, rows) ('sig', [lines])
# ----------------------------------------------------------------------------
def est_header(est):
    return [est[0], est[1]]


def doc_referral(p, est, rng=R):
    svc = rng.choice(SERVICES_FR)
    dx = rng.choice(DIAG)[0]
    md, _, _ = staff(rng)
    return dict(org=est_header(est), title="DEMANDE DE CONSULTATION – " + svc.upper(), blocks=[
        ("kv", [("Nom", p.surname.upper()), ("Prénom", p.given), ("Date de naissance", dfmt(p.dob, rng=rng)),
                ("Sexe", p.sex), ("NAM", nam_fmt(p, rng=rng)), ("No dossier", dossier_fmt(p, rng)),
                ("Téléphone", p.phone)]),
        ("h", "Raison de la consultation"),
        ("p", "%s. Patient%s connu%s pour %s. Merci d'évaluer et de proposer une conduite." % (
            dx, "e" if p.sex == "F" else "", "e" if p.sex == "F" else "",
            ", ".join(rng.sample(HIST, 3)))),
        ("kv", [("Priorité", rng.choice(["A (< 3 jours)", "B (< 10 jours)", "C (< 28 jours)", "D (< 3 mois)"])),
                ("Allergies", rng.choice(ALLERG))]),
        ("sig", ["%s, médecin référent" % md, "No de permis %s" % license_no(rng),
                 "Date : %s" % dfmt(rdate(rng), rng=rng)]),
    ])


def doc_lab(p, est, rng=R, lang="fr"):
    d = rdate(rng)
    rows = lab_rows(rng, rng.randint(5, 9))
    if lang == "en":
        return dict(org=est_header(est), title="LABORATORY REPORT – BIOCHEMISTRY / HEMATOLOGY", blocks=[
            ("kv", [("Patient", p.rev), ("DOB", dfmt(p.dob, "en")), ("MRN", p.dossier),
                    ("RAMQ", nam_fmt(p, rng=rng)), ("Collected", d.isoformat() + " 07:%02d" % rng.randint(0, 59))]),
            ("table", ["Test", "Result", "Units", "Reference", "Flag"], rows),
            ("p", "Validated by the clinical biochemist on duty. Critical values phoned to the unit."),
        ])
    return dict(org=est_header(est), title="RAPPORT DE LABORATOIRE", blocks=[
        ("kv", [("Patient", p.rev), ("Né(e) le", dfmt(p.dob, rng=rng)), ("Dossier", dossier_fmt(p, rng)),
                ("Prélevé le", dfmt(d, "iso") + " %02d:%02d" % (rng.randint(6, 10), rng.randint(0, 59))),
                ("Prescripteur", staff(rng)[0])]),
        ("table", ["Analyse", "Résultat", "Unités", "Valeurs de réf.", "Ind."], rows),
        ("p", "Résultat validé. Les valeurs critiques ont été communiquées à l'unité de soins."),
    ])


def doc_discharge(p, est, rng=R, lang="fr"):
    a = rdate(rng)
    c = a + dt.timedelta(days=rng.randint(2, 19))
    dx = rng.choice(DIAG)
    meds = rng.sample(MEDS, rng.randint(3, 6))
    md = staff(rng)[0]
    if lang == "en":
        return dict(org=est_header(est), title="DISCHARGE SUMMARY", blocks=[
            ("kv", [("Name", p.full), ("Date of birth", dfmt(p.dob, "en")), ("Chart #", p.dossier),
                    ("Admitted", dfmt(a, "en")), ("Discharged", dfmt(c, "en"))]),
            ("h", "Principal diagnosis"), ("p", dx[1]),
            ("h", "Hospital course"),
            ("p", "Admitted through the emergency department. Treated and improved steadily. "
                  "Past history: %s." % ", ".join(rng.sample(HIST, 3))),
            ("h", "Discharge medications"), ("p", "; ".join(meds)),
            ("sig", [md + ", MD", "Attending physician"]),
        ])
    return dict(org=est_header(est), title="RÉSUMÉ DE CONGÉ", blocks=[
        ("kv", [("Nom du patient", p.rev), ("Date de naissance", dfmt(p.dob, rng=rng)),
                ("No de dossier", dossier_fmt(p, rng)), ("Admission", dfmt(a, rng=rng)),
                ("Congé", dfmt(c, rng=rng)), ("Unité", rng.choice(["6 Nord", "4e Est", "UCDG", "2B", "Soins palliatifs"]))]),
        ("h", "Diagnostic principal"), ("p", dx[0]),
        ("h", "Diagnostics secondaires"), ("p", ", ".join(rng.sample(HIST, 3))),
        ("h", "Évolution"),
        ("p", "Évolution favorable sous traitement. Mobilisation progressive avec la physiothérapie. "
              "Retour à domicile avec soutien du CLSC."),
        ("h", "Médication au congé"), ("p", " / ".join(meds)),
        ("h", "Suivi"), ("p", "Revoir le médecin de famille dans 2 semaines. Bilan sanguin dans 7 jours."),
        ("sig", [md, "Médecin traitant"]),
    ])


def doc_rx(p, est, rng=R):
    meds = rng.sample(MEDS, rng.randint(2, 4))
    md = staff(rng)[0]
    return dict(org=est_header(est), title="ORDONNANCE", blocks=[
        ("kv", [("Patient", p.full), ("DDN", dfmt(p.dob, rng=rng)), ("NAM", nam_fmt(p, rng=rng)),
                ("Adresse", "%s, %s" % (p.street, p.city))]),
        ("table", ["Médicament / posologie", "Qté", "Renouv."],
         [[m, str(rng.choice([30, 60, 90, 14])), str(rng.randint(0, 5))] for m in meds]),
        ("sig", [md, "Permis %s" % license_no(rng), "Date : %s" % dfmt(rdate(rng), rng=rng)]),
    ])


def doc_consult(p, est, rng=R, lang="fr"):
    svc = rng.choice(SERVICES_EN if lang == "en" else SERVICES_FR)
    dx = rng.choice(DIAG)
    md = staff(rng)[0]
    if lang == "en":
        return dict(org=est_header(est), title="CONSULTATION NOTE – " + svc.upper(), blocks=[
            ("p", "Re: %s, born %s, MRN %s" % (p.full, dfmt(p.dob, "en"), p.dossier)),
            ("p", "Thank you for referring this %d-year-old %s with %s. Past medical history is "
                  "significant for %s." % (p.age, "woman" if p.sex == "F" else "man", dx[1].lower(),
                                           ", ".join(rng.sample(HIST, 2)))),
            ("h", "Impression and plan"),
            ("p", "1. %s. 2. Start %s. 3. Follow-up in clinic in 6 weeks." % (dx[1], rng.choice(MEDS))),
            ("sig", ["%s, MD FRCPC" % md]),
        ])
    return dict(org=est_header(est), title="NOTE DE CONSULTATION – " + svc.upper(), blocks=[
        ("kv", [("Patient", "%s (%s)" % (p.full, p.sex)), ("Âge", "%d ans" % p.age),
                ("Dossier", dossier_fmt(p, rng)), ("Date", dfmt(rdate(rng), rng=rng))]),
        ("h", "Histoire"),
        ("p", "Patient%s de %d ans, ATCD : %s. Se présente pour %s." % (
            "e" if p.sex == "F" else "", p.age, ", ".join(rng.sample(HIST, 3)), dx[0].lower())),
        ("h", "Impression"), ("p", dx[0]),
        ("h", "Plan"), ("p", "Débuter %s. Contrôle dans 4 semaines." % rng.choice(MEDS)),
        ("sig", [md, "Consultant(e), " + svc]),
    ])


def doc_imaging(p, est, rng=R):
    exam = rng.choice(["TDM thoracique avec contraste", "IRM cérébrale", "Échographie abdominale",
                       "Radiographie pulmonaire PA et latérale", "TDM abdomino-pelvienne"])
    return dict(org=est_header(est), title="RAPPORT D'IMAGERIE MÉDICALE", blocks=[
        ("kv", [("Nom", p.rev), ("DDN", dfmt(p.dob, rng=rng)), ("No dossier", dossier_fmt(p, rng)),
                ("Examen", exam), ("No d'accession", "RX%08d" % rng.randint(0, 99999999))]),
        ("h", "Renseignements cliniques"), ("p", rng.choice(DIAG)[0] + " ?"),
        ("h", "Trouvailles"),
        ("p", rng.choice(["Opacité alvéolaire du lobe inférieur droit compatible avec un processus infectieux.",
                          "Lésion hypodense hépatique de 14 mm au segment VII, indéterminée.",
                          "Petit foyer d'ischémie aiguë pariétal gauche.",
                          "Embolie pulmonaire segmentaire au lobe inférieur gauche."])),
        ("h", "Conclusion"), ("p", "Corrélation clinique suggérée. Comparaison avec examens antérieurs."),
        ("sig", [staff(rng)[0] + ", radiologiste"]),
    ])


def doc_patient_list(ps, est, rng=R):
    rows = []
    for i, q in enumerate(ps):
        rows.append(["%d%s" % (rng.randint(401, 460), rng.choice("AB")), q.surname.upper(), q.given,
                     dfmt(q.dob, "iso"), q.dossier, rng.choice(DIAG)[0][:34]])
    return dict(org=est_header(est), title="LISTE DES PATIENTS – UNITÉ %s" % rng.choice(["4 NORD", "7 SUD", "3C", "MÉDECINE 2"]),
                blocks=[("p", "Mise à jour : %s 07 h 00" % dfmt(rdate(rng), "iso")),
                        ("table", ["Lit", "Nom", "Prénom", "DDN", "Dossier", "Diagnostic"], rows)])


def doc_appointments(ps, est, rng=R):
    t = 8 * 60
    rows = []
    for q in ps:
        rows.append(["%02d:%02d" % divmod(t, 60), q.rev, nam_fmt(q, "spaced"),
                     rng.choice(["Suivi diabète", "1re visite", "Résultats biopsie", "Ajustement insuline",
                                 "Post-op 6 sem.", "Contrôle INR", "Suivi MPOC"])])
        t += rng.choice([15, 20, 30])
    return dict(org=est_header(est), title="Rendez-vous du %s – Clinique externe" % dfmt(rdate(rng), "fr"),
                blocks=[("table", ["Heure", "Patient", "NAM", "Motif"], rows),
                        ("p", "Salle %d – Dre %s" % (rng.randint(1, 12), rng.choice(SURNAMES)))])


def doc_handover(ps, est, rng=R):
    rows = []
    for q in ps:
        rows.append(["%d" % rng.randint(1, 30), "%s %s" % (q.given, q.surname), "%d" % q.age,
                     rng.choice(DIAG)[0][:28], rng.choice(ALLERG)[:18],
                     rng.choice(["NPO après minuit", "Risque de chute", "Isolement contact", "Glycémies QID",
                                 "Code : niveau C", "Famille au chevet", "TA q4h"])])
    return dict(org=est_header(est), title="Rapport interservice – quart de %s" % rng.choice(["jour", "soir", "nuit"]),
                blocks=[("p", "Unité de %s – %s" % (rng.choice(SERVICES_FR).lower(), dfmt(rdate(rng), "dmy"))),
                        ("table", ["Lit", "Patient", "Âge", "Dx", "Allergies", "Particularités"], rows)])


def doc_label(p, est, rng=R):
    """Addressograph / patient sticker."""
    return dict(org=[est[1]], title="", blocks=[
        ("p", "%s   %s" % (p.rev, p.sex)),
        ("p", "NAM : %s   Exp : %s" % (nam_fmt(p, "spaced"), p.nam_exp)),
        ("p", "Dossier : %s   Né(e) : %s" % (p.dossier, dfmt(p.dob, "iso"))),
        ("p", "%s, %s" % (p.street, p.city)),
    ])


POS_DOCS = [doc_referral, doc_lab, doc_discharge, doc_rx, doc_consult, doc_imaging]
MULTI_DOCS = [doc_patient_list, doc_appointments, doc_handover]


def pos_doc(rng=R, est=None, kind=None, n_multi=None):
    est = est or rng.choice(ESTABS)
    if kind is None:
        kind = rng.choice(POS_DOCS + MULTI_DOCS)
    if kind in MULTI_DOCS:
        ps = [person(rng=rng) for _ in range(n_multi or rng.randint(4, 7))]
        return kind(ps, est, rng), ps
    p = person(rng=rng)
    if kind in (doc_lab, doc_discharge, doc_consult) and est[3] == "en":
        return kind(p, est, rng, lang="en"), [p]
    return kind(p, est, rng), [p]


# ---- negatives ------------------------------------------------------------
def neg_blank_form(est, rng=R):
    ph = rng.choice([
        [("Nom", "________________"), ("Prénom", "________________"), ("Date de naissance", "AAAA / MM / JJ"),
         ("NAM", "__ __ __ __  __ __ __ __  __ __ __ __"), ("No dossier", "____________")],
        [("Nom, Prénom", "NOM, Prénom"), ("DDN", "JJ/MM/AAAA"), ("NAM", "XXXX 0000 0000"), ("Dossier", "0000000")],
        [("Nom de l'usager", ""), ("Date de naissance", ""), ("Numéro d'assurance maladie", ""), ("Expiration", "")],
    ])
    return dict(org=est_header(est), title=rng.choice(["DEMANDE DE CONSULTATION (formulaire vierge)", "FORMULAIRE DE TRANSFERT – GABARIT",
                                                        "REQUÊTE D'EXAMEN – MODÈLE"]), blocks=[
        ("kv", ph),
        ("h", "Raison de la consultation"), ("p", "__________________________________________"),
        ("kv", [("Priorité", "A  B  C  D  E  (encercler)"), ("Allergies", "☐ Aucune  ☐ Oui : ________")]),
        ("p", "Formulaire version %d.%d – à imprimer en recto seulement. Ne pas joindre de documents non requis." % (rng.randint(1, 5), rng.randint(0, 9))),
        ("sig", ["Signature du médecin : ____________________", "No de permis : ________"]),
    ])


def neg_stats(est, rng=R):
    rows = []
    for u in rng.sample(["Médecine 4N", "Chirurgie 5S", "Gériatrie", "Cardiologie", "Pédiatrie", "Soins intensifs",
                         "Psychiatrie 2A", "Obstétrique", "Oncologie"], 6):
        lits = rng.randint(12, 40)
        rows.append([u, str(lits), str(rng.randint(lits * 20, lits * 31)),
                     ("%.1f %%" % rng.uniform(78, 112)).replace(".", ","), ("%.1f" % rng.uniform(3, 14)).replace(".", ",")])
    return dict(org=est_header(est), title="Tableau de bord – taux d'occupation, période %d (%d-%d)" % (
        rng.randint(1, 13), 2023, 2024), blocks=[
        ("table", ["Unité", "Lits dressés", "Jours-présence", "Taux", "DMS (j)"], rows),
        ("p", "Source : système d'information hospitalier, données agrégées. Aucune donnée nominative."),
        ("p", "Cible ministérielle : taux d'occupation inférieur à 95 %; DMS cible : 7,2 jours."),
    ])


def neg_oncall(est, rng=R):
    d0 = rdate(rng)
    rows = []
    for i in range(7):
        rows.append([dfmt(d0 + dt.timedelta(days=i), "iso"), staff(rng)[0], "Pagette %d" % rng.randint(1000, 9999),
                     staff(rng)[0]])
    return dict(org=est_header(est), title="Horaire de garde – %s" % rng.choice(SERVICES_FR), blocks=[
        ("table", ["Date", "Médecin de garde", "Joindre", "Deuxième appel"], rows),
        ("p", "Les échanges de garde doivent être signalés au secrétariat (poste %d)." % rng.randint(20000, 59999)),
    ])


def neg_team(est, rng=R):
    rows = []
    for i in range(rng.randint(6, 9)):
        _, g, s = staff(rng, title=False)
        rows.append(["%s %s" % (g, s), rng.choice(["Infirmière clinicienne", "Infirmier", "Infirmière auxiliaire",
                                                  "Préposé aux bénéficiaires", "ASI", "Inhalothérapeute"]),
                     rng.choice(["Jour", "Soir", "Nuit"]), "%06d" % rng.randint(100000, 999999)])
    return dict(org=est_header(est), title="Équipe de soins – unité %s" % rng.choice(["4 Nord", "Urgence", "UCDG", "2e Ouest"]),
                blocks=[("table", ["Nom", "Titre d'emploi", "Quart", "Matricule"], rows),
                        ("p", "Chef d'unité : %s. Conseillère en soins : %s." % (staff(rng, title=False)[0], staff(rng, title=False)[0]))])


def neg_invoice(est, rng=R):
    rows = []
    for it in rng.sample(["Gants nitrile M (boîte 100)", "Seringue 10 mL Luer-Lock", "Cathéter IV 20G",
                          "Pansement transparent 10x12", "Masque N95 1870+", "Tubulure pompe volumétrique",
                          "Électrodes ECG adulte", "Solution NaCl 0,9 % 1 L"], 5):
        code = "%s %02d%02d %04d" % (rng.choice(["MEDL", "CARD", "BDXX", "HSPL", "CONV"]), rng.randint(13, 49),
                                     rng.randint(63, 99), rng.randint(0, 9999))
        rows.append([code, it, "LOT %s%05d" % (rng.choice("ABCK"), rng.randint(0, 99999)), str(rng.randint(2, 40)),
                     ("%.2f $" % rng.uniform(4, 300)).replace(".", ",")])
    return dict(org=["Fournitures Médicales Boréal inc. (fictif)", "2250, boul. Industriel, Laval QC H7S 1Z9"],
                title="FACTURE No %d-%06d" % (2024, rng.randint(0, 999999)), blocks=[
        ("kv", [("Client", est[1] + " – Approvisionnement"), ("No client", "C-%05d" % rng.randint(0, 99999)),
                ("Bon de commande", "PO%08d" % rng.randint(0, 99999999)), ("Date", dfmt(rdate(rng), "iso"))]),
        ("table", ["Code produit", "Description", "Lot", "Qté", "Montant"], rows),
        ("p", "TPS 123456789 RT0001 – TVQ 1234567890 TQ0001. Paiement net 30 jours."),
    ])


def neg_training(est, rng=R):
    return dict(org=est_header(est), title="Formation – Remplir une demande de consultation (exemple fictif)", blocks=[
        ("p", "Exemple à des fins de formation seulement. Les champs ci-dessous illustrent le format attendu."),
        ("kv", [("Nom", "NOM, Prénom"), ("Date de naissance", "AAAA-MM-JJ"), ("NAM", "XXXX 9999 9999"),
                ("No dossier", "9999999"), ("Diagnostic", "Texte libre, 2 lignes maximum")]),
        ("h", "Points à retenir"),
        ("p", "1. Le NAM comporte 4 lettres suivies de 8 chiffres. 2. Ne jamais transmettre un formulaire rempli "
              "par courriel non chiffré. 3. Utiliser le gabarit officiel."),
        ("sig", ["Direction des soins infirmiers – Service de développement des compétences"]),
    ])


def neg_newsletter(est, rng=R):
    return dict(org=est_header(est), title="L'Info-Santé – bulletin interne, %s %d" % (rng.choice(MOIS), 2024), blocks=[
        ("h", "Campagne de vaccination antigrippale"),
        ("p", "La campagne a permis de vacciner %d employés, soit %d %% du personnel. Merci à l'équipe de santé au travail!" % (
            rng.randint(1200, 5000), rng.randint(45, 80))),
        ("h", "Hygiène des mains"),
        ("p", "Le taux de conformité est passé de %d %% à %d %% sur les unités de médecine." % (rng.randint(55, 70), rng.randint(71, 92))),
        ("h", "Nouvel appareil d'IRM"),
        ("p", "Le nouvel appareil 3 Tesla sera en fonction dès le %s. Les délais d'attente devraient diminuer." % dfmt(rdate(rng), "fr")),
    ])


def neg_policy(est, rng=R):
    return dict(org=est_header(est), title="Procédure PR-%03d – Transmission des renseignements de santé" % rng.randint(1, 400), blocks=[
        ("kv", [("Version", "%d.%d" % (rng.randint(1, 4), rng.randint(0, 9))), ("Entrée en vigueur", dfmt(rdate(rng), "iso")),
                ("Responsable", "Direction des services multidisciplinaires")]),
        ("h", "1. Objet"),
        ("p", "Encadrer l'envoi de renseignements de santé et de services sociaux à l'extérieur de l'établissement."),
        ("h", "2. Règles"),
        ("p", "Tout document contenant le nom d'un usager, son numéro d'assurance maladie ou son numéro de dossier "
              "doit être transmis par un moyen chiffré. Le télécopieur est toléré pour les urgences."),
        ("h", "3. Sanctions"), ("p", "Tout manquement peut entraîner des mesures disciplinaires."),
    ])


def neg_minutes(est, rng=R):
    att = ", ".join(staff(rng)[0] for _ in range(4)) + ", " + ", ".join(staff(rng, title=False)[0] for _ in range(3))
    return dict(org=est_header(est), title="Compte rendu – Comité de prévention des infections", blocks=[
        ("kv", [("Date", dfmt(rdate(rng), "fr")), ("Lieu", "Salle %s-%d" % (rng.choice("ABCDE"), rng.randint(100, 600))),
                ("Présences", att)]),
        ("h", "1. Surveillance"),
        ("p", "Taux de C. difficile nosocomial : %s / 10 000 jours-présence. Deux éclosions de COVID-19 fermées." % (
            ("%.1f" % rng.uniform(2, 9)).replace(".", ","))),
        ("h", "2. Audits"), ("p", "Audit d'hygiène des mains prévu en %s. Responsable : conseillère en PCI." % rng.choice(MOIS)),
        ("h", "3. Varia"), ("p", "Prochaine rencontre dans un mois."),
    ])


def neg_directory(est, rng=R):
    rows = []
    for _ in range(rng.randint(6, 9)):
        nm, g, s = staff(rng)
        rows.append([nm, rng.choice(["Chef de service", "Pédiatre", "Néonatalogiste", "Résidente R3", "Infirmière pivot",
                                     "Secrétaire médicale", "Nutritionniste"]),
                     str(rng.randint(20000, 69999)), "%s-%d" % (rng.choice("ABCD"), rng.randint(1000, 6999)),
                     "%s.%s@ssss.gouv.qc.ca" % (ascii_slug(g), ascii_slug(s))])
    return dict(org=est_header(est), title="Bottin du département de %s" % rng.choice(SERVICES_FR).lower(), blocks=[
        ("table", ["Nom", "Fonction", "Poste", "Local", "Courriel"], rows)])


def neg_hr(est, rng=R):
    return dict(org=est_header(est), title="AVIS D'AFFICHAGE No %d-%04d" % (2024, rng.randint(0, 9999)), blocks=[
        ("kv", [("Titre d'emploi", rng.choice(["Infirmière auxiliaire", "Technologiste médicale", "Agente administrative classe 2",
                                               "Préposé aux bénéficiaires"])),
                ("Statut", "Temps complet permanent"), ("Quart", rng.choice(["Jour", "Soir", "Nuit", "Rotation"])),
                ("Échelle salariale", ("%.2f $ à %.2f $ / h" % (rng.uniform(22, 28), rng.uniform(30, 45))).replace(".", ",")),
                ("Date limite", dfmt(rdate(rng), "fr"))]),
        ("p", "Postuler via le portail RH avec votre matricule. Période d'affichage de 14 jours."),
    ])


def neg_conference(est, rng=R):
    rows = []
    t = 8 * 60 + 30
    for ttl in rng.sample(["Sepsis : nouveautés 2024", "Délirium aux soins intensifs", "Ventilation non invasive",
                           "Soins de fin de vie en contexte aigu", "Antibiogouvernance", "Réanimation pédiatrique",
                           "Échographie au chevet", "Prévention des plaies de pression"], 5):
        rows.append(["%02dh%02d" % divmod(t, 60), ttl, staff(rng)[0] + ", " + rng.choice(["CHUM", "CHU Sainte-Justine", "IUCPQ", "CUSM"])])
        t += 45
    return dict(org=est_header(est), title="Programme – Journée scientifique en soins critiques", blocks=[
        ("p", "Le %s, amphithéâtre principal. Accréditation : 5,5 heures de formation." % dfmt(rdate(rng), "fr")),
        ("table", ["Heure", "Conférence", "Conférencier(ère)"], rows)])


def neg_equipment(est, rng=R):
    rows = []
    for _ in range(rng.randint(5, 8)):
        rows.append([rng.choice(["Pompe volumétrique", "Moniteur multiparamétrique", "Défibrillateur", "Lit électrique",
                                 "Glucomètre", "Tensiomètre"]),
                     "SN%08d" % rng.randint(0, 99999999), "ACT-%06d" % rng.randint(0, 999999),
                     rng.choice(["4N-12", "URG-B", "BLOC 3", "5S-03"]), dfmt(rdate(rng), "iso")])
    return dict(org=est_header(est), title="Inventaire des équipements biomédicaux", blocks=[
        ("table", ["Équipement", "No série", "No actif", "Localisation", "Dernier entretien"], rows)])


def neg_drug_notice(est, rng=R):
    drug = rng.choice(["Céfazoline 1 g fiole", "Salbutamol inhalateur 100 mcg", "Furosémide 10 mg/mL", "Insuline NPH"])
    return dict(org=est_header(est), title="Avis du département de pharmacie – pénurie", blocks=[
        ("kv", [("Produit", drug), ("DIN", "%08d" % rng.randint(2000000, 2999999)), ("Fabricant", "Laboratoires Fictifs ltée"),
                ("Durée prévue", "%d semaines" % rng.randint(2, 12))]),
        ("p", "Alternative recommandée selon le comité de pharmacologie. Aucune substitution automatique sans ordonnance."),
    ])


NEG_DOCS = [neg_blank_form, neg_stats, neg_oncall, neg_team, neg_invoice, neg_training, neg_newsletter,
            neg_policy, neg_minutes, neg_directory, neg_hr, neg_conference, neg_equipment, neg_drug_notice]


def neg_doc(rng=R, est=None, kind=None):
    est = est or rng.choice(ESTABS)
    kind = kind or rng.choice(NEG_DOCS)
    return kind(est, rng)


def doc_text(doc, width=78):
    out = []
    for o in doc.get("org", []):
        out.append(o)
    if doc.get("title"):
        out += ["", doc["title"], "=" * min(len(doc["title"]), width)]
    for b in doc["blocks"]:
        k = b[0]
        if k == "h":
            out += ["", b[1].upper() if len(b[1]) < 40 else b[1]]
        elif k == "p":
            out.append(b[1])
        elif k == "kv":
            w = max(len(a) for a, _ in b[1])
            out += ["%s : %s" % (a.ljust(w), v) for a, v in b[1]]
        elif k == "table":
            out.append("")
            out.append(" | ".join(b[1]))
            for r in b[2]:
                out.append(" | ".join(r))
        elif k == "sig":
            out.append("")
            out += b[1]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------
# Image rendering
# ----------------------------------------------------------------------------
def wrap(draw, text, f, maxw):
    words = text.split(" ")
    lines, cur = [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if draw.textlength(t, font=f) <= maxw or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def render_page(doc, dpi=150, fam="sans", pt=11, width_in=8.5, min_h_in=None, rng=R, mode="L", style=None):
    W = int(width_in * dpi)
    fs = max(12, int(dpi * pt / 72))
    f = font(fam, fs)
    fb = font(bold(fam), fs)
    fh = font(bold(fam), int(fs * 1.35))
    margin = int(dpi * rng.uniform(0.55, 0.9))
    style = style if style is not None else rng.randint(0, 3)
    img = Image.new("L", (W, int(dpi * 22)), 255)
    d = ImageDraw.Draw(img)
    y = margin
    lh = int(fs * 1.4)
    org = doc.get("org", [])
    if org:
        if style in (0, 2):  # logo box on the left
            d.rectangle([margin, y, margin + int(fs * 3), y + int(fs * 3)], outline=0, width=3)
            d.ellipse([margin + fs // 2, y + fs // 2, margin + int(fs * 2.5), y + int(fs * 2.5)], outline=0, width=3)
            x0 = margin + int(fs * 3.8)
        else:
            x0 = margin
        d.text((x0, y), org[0], font=fb, fill=0)
        for o in org[1:]:
            y += lh
            d.text((x0, y), o, font=f, fill=60)
        y = max(y + lh, margin + int(fs * 3.3)) if style in (0, 2) else y + lh
        d.line([margin, y, W - margin, y], fill=0, width=2)
        y += lh
    if doc.get("title"):
        tw = d.textlength(doc["title"], font=fh)
        if tw > W - 2 * margin:
            fh2 = font(bold(fam), fs)
            tw = d.textlength(doc["title"], font=fh2)
        else:
            fh2 = fh
        x = (W - tw) / 2 if style in (0, 1) else margin
        d.text((x, y), doc["title"], font=fh2, fill=0)
        y += int(lh * 1.8)
    for b in doc["blocks"]:
        k = b[0]
        if k == "h":
            y += lh // 3
            d.text((margin, y), b[1], font=fb, fill=0)
            y += lh
        elif k == "p":
            for ln in wrap(d, b[1], f, W - 2 * margin):
                d.text((margin, y), ln, font=f, fill=0)
                y += lh
            y += lh // 3
        elif k == "kv":
            lw = max(d.textlength(a + " :", font=fb) for a, _ in b[1]) + fs
            boxed = style in (1, 3)
            y0 = y
            for a, v in b[1]:
                d.text((margin + (fs // 2 if boxed else 0), y), a + " :", font=fb, fill=0)
                vlines = wrap(d, v, f, W - 2 * margin - lw - fs) or [""]
                for vl in vlines:
                    d.text((margin + lw, y), vl, font=f, fill=0)
                    y += lh
            if boxed:
                d.rectangle([margin - fs // 3, y0 - fs // 3, W - margin, y], outline=0, width=2)
            y += lh // 2
        elif k == "table":
            hdr, rows = b[1], b[2]
            ncol = len(hdr)
            tf = f
            avail = W - 2 * margin
            widths = []
            for c in range(ncol):
                m = max([d.textlength(hdr[c], font=fb)] + [d.textlength(r[c], font=tf) for r in rows])
                widths.append(m + fs)
            tot = sum(widths)
            if tot > avail:
                # shrink font
                scale = avail / tot
                tf = font(fam, max(12, int(fs * max(scale, 0.72))))
                widths = []
                for c in range(ncol):
                    m = max([d.textlength(hdr[c], font=tf)] + [d.textlength(r[c], font=tf) for r in rows])
                    widths.append(m + fs // 2)
                tot = sum(widths)
            scale = avail / tot if tot > avail else 1.0
            widths = [w * scale for w in widths]
            thb = font(bold(fam), tf.size)
            th = int(tf.size * 1.55)
            xs = [margin]
            for w in widths:
                xs.append(xs[-1] + w)
            if style != 2:
                d.rectangle([margin, y, xs[-1], y + th], fill=225)
            for c, h in enumerate(hdr):
                d.text((xs[c] + 4, y + (th - tf.size) // 2), h, font=thb, fill=0)
            y += th
            for ri, r in enumerate(rows):
                if style == 3 and ri % 2 == 1:
                    d.rectangle([margin, y, xs[-1], y + th], fill=240)
                for c, v in enumerate(r):
                    d.text((xs[c] + 4, y + (th - tf.size) // 2), v, font=tf, fill=0)
                if style in (0, 1):
                    d.line([margin, y, xs[-1], y], fill=120, width=1)
                y += th
            if style in (0, 1):
                for x in xs:
                    d.line([x, y - th * (len(rows) + 1), x, y], fill=120, width=1)
                d.line([margin, y, xs[-1], y], fill=120, width=1)
            y += lh
        elif k == "sig":
            y += lh
            # handwritten-ish squiggle
            pts = [(margin + i * 9, y + int(12 * ((i * 7919) % 13) / 13)) for i in range(20)]
            d.line(pts, fill=40, width=3)
            y += lh + 6
            for s_ in b[1]:
                d.text((margin, y), s_, font=f, fill=0)
                y += lh
    H = y + margin
    if min_h_in:
        H = max(H, int(min_h_in * dpi))
    img = img.crop((0, 0, W, H))
    if mode == "1":
        img = img.point(lambda v: 255 if v > 160 else 0).convert("1", dither=Image.Dither.NONE)
    return img


def add_noise(img, rng, amp=10, blur=0.6):
    n = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    n = n.point(lambda v: v * 2 * amp // 255)
    out = ImageChops.add(img, n, 1.0, -amp)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    return out


def scanify(img, rng, skew=None, amp=9, paper=238, blur=0.6):
    img = img.convert("L")
    img = img.point(lambda v: int(v * (paper - 25) / 255) + 25)
    if skew is None:
        skew = rng.uniform(-1.4, 1.4)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=paper)
    return add_noise(img, rng, amp, blur)


def to_jpeg(img, q=62, exif_orient=None, make=None, dpi=None):
    b = io.BytesIO()
    kw = {}
    if exif_orient or make:
        ex = Image.Exif()
        if exif_orient:
            ex[0x0112] = exif_orient
        if make:
            ex[0x010F] = make[0]
            ex[0x0110] = make[1]
            ex[0x0132] = "2024:03:11 09:41:07"
        kw["exif"] = ex.tobytes()
    if dpi:
        kw["dpi"] = (dpi, dpi)
    img.save(b, "JPEG", quality=q, optimize=True, **kw)
    return b.getvalue()


def to_png(img, colors=None, **kw):
    b = io.BytesIO()
    if colors:
        img = img.convert("RGB").quantize(colors, method=Image.Quantize.MEDIANCUT)
    img.save(b, "PNG", optimize=True, **kw)
    return b.getvalue()


def orient_pixels(upright, orient):
    """Return stored pixels such that applying EXIF `orient` gives `upright`."""
    if orient == 6:
        return upright.transpose(Image.Transpose.ROTATE_90)
    if orient == 8:
        return upright.transpose(Image.Transpose.ROTATE_270)
    if orient == 3:
        return upright.transpose(Image.Transpose.ROTATE_180)
    return upright


# ---- screenshots ---------------------------------------------------------
def screen_canvas(W, H, bg=(240, 240, 240)):
    img = Image.new("RGB", (W, H), bg)
    return img, ImageDraw.Draw(img)


def chrome_desktop(d, W, title, fam, fs, rng, menu=True):
    d.rectangle([0, 0, W, fs + 18], fill=rng.choice([(31, 58, 104), (45, 45, 48), (0, 84, 147), (70, 90, 70)]))
    d.text((14, 8), title, font=font(fam, fs), fill=(255, 255, 255))
    for i, c in enumerate(["—", "□", "✕"]):
        d.text((W - 40 * (3 - i), 6), c, font=font("sans", fs), fill=(255, 255, 255))
    y = fs + 18
    if menu:
        d.rectangle([0, y, W, y + fs + 14], fill=(250, 250, 250))
        x = 12
        for m in ["Fichier", "Édition", "Affichage", "Patient", "Outils", "Aide"]:
            d.text((x, y + 6), m, font=font(fam, fs - 2), fill=(20, 20, 20))
            x += d.textlength(m, font=font(fam, fs - 2)) + 28
        y += fs + 14
        d.line([0, y, W, y], fill=(180, 180, 180))
    return y + 1


def draw_grid(d, x, y, hdr, rows, fam, fs, widths, hdr_bg=(214, 226, 240), zebra=(248, 248, 252), line=(190, 190, 200)):
    th = int(fs * 1.6)
    f = font(fam, fs)
    fb = font(bold(fam), fs)
    d.rectangle([x, y, x + sum(widths), y + th], fill=hdr_bg)
    cx = x
    for h, w in zip(hdr, widths):
        d.text((cx + 6, y + (th - fs) // 2 - 1), h, font=fb, fill=(10, 10, 10))
        cx += w
    y += th
    for i, r in enumerate(rows):
        if i % 2 and zebra:
            d.rectangle([x, y, x + sum(widths), y + th], fill=zebra)
        cx = x
        for v, w in zip(r, widths):
            col = (190, 0, 0) if v in ("H", "L", "HH", "LL") else (15, 15, 15)
            d.text((cx + 6, y + (th - fs) // 2 - 1), v, font=f, fill=col)
            cx += w
        d.line([x, y + th, x + sum(widths), y + th], fill=line)
        y += th
    cx = x
    for w in widths + [0]:
        d.line([cx, y - th * (len(rows) + 1), cx, y], fill=line)
        cx += w
    return y


def fit_widths(d, hdr, rows, fam, fs, total):
    f = font(fam, fs)
    fb = font(bold(fam), fs)
    ws = [max([d.textlength(hdr[c], font=fb)] + [d.textlength(r[c], font=f) for r in rows]) + 16 for c in range(len(hdr))]
    s = sum(ws)
    if s < total:
        extra = (total - s) / len(ws)
        ws = [w + extra for w in ws]
    return [int(w) for w in ws]


def shot_desktop(banner, nav, sections, rng, app="SIClinique 4.7", W=1440, H=900, fam="sans", fs=21):
    img, d = screen_canvas(W, H)
    y = chrome_desktop(d, W, "%s – %s" % (app, banner[0] if banner else "Aucun patient"), fam, fs, rng)
    # toolbar
    d.rectangle([0, y, W, y + 44], fill=(232, 236, 242))
    for i in range(9):
        d.rounded_rectangle([10 + i * 46, y + 6, 44 + i * 46, y + 38], 5, fill=(200, 210, 225), outline=(150, 160, 180))
    y += 46
    # patient banner
    bh = int(fs * 3.6)
    bcol = rng.choice([(255, 248, 204), (220, 236, 255), (232, 245, 233)])
    d.rectangle([0, y, W, y + bh], fill=bcol)
    d.line([0, y + bh, W, y + bh], fill=(150, 150, 150))
    if banner:
        d.text((16, y + 8), banner[0], font=font(bold(fam), fs + 5), fill=(0, 0, 0))
        d.text((16, y + 14 + fs + 5), banner[1], font=font(fam, fs), fill=(30, 30, 30))
    y += bh + 1
    # nav
    nw = 250
    d.rectangle([0, y, nw, H], fill=(247, 247, 247))
    d.line([nw, y, nw, H], fill=(180, 180, 180))
    ny = y + 14
    for i, it in enumerate(nav):
        if i == 1:
            d.rectangle([0, ny - 4, nw, ny + fs + 6], fill=(204, 224, 255))
        d.text((18, ny), ("▸ " if i != 1 else "▾ ") + it, font=font(fam, fs - 1), fill=(20, 20, 20))
        ny += fs + 16
    x0, cy = nw + 20, y + 16
    for sec in sections:
        if sec[0] == "title":
            d.text((x0, cy), sec[1], font=font(bold(fam), fs + 2), fill=(0, 40, 100))
            cy += fs + 20
        elif sec[0] == "grid":
            ws = fit_widths(d, sec[1], sec[2], fam, fs - 1, W - x0 - 24)
            cy = draw_grid(d, x0, cy, sec[1], sec[2], fam, fs - 1, ws) + 20
        elif sec[0] == "text":
            for ln in wrap(d, sec[1], font(fam, fs), W - x0 - 30):
                d.text((x0, cy), ln, font=font(fam, fs), fill=(20, 20, 20))
                cy += int(fs * 1.45)
            cy += 10
        elif sec[0] == "fields":
            for lab, val in sec[1]:
                d.text((x0, cy + 6), lab, font=font(fam, fs - 1), fill=(60, 60, 60))
                d.rectangle([x0 + 280, cy, W - 80, cy + fs + 14], fill=(255, 255, 255), outline=(150, 150, 160))
                d.text((x0 + 288, cy + 6), val, font=font(fam, fs - 1), fill=(0, 0, 0))
                cy += fs + 24
    # status bar
    d.rectangle([0, H - fs - 14, W, H], fill=(225, 225, 225))
    d.text((10, H - fs - 10), "Connecté : %s   |   Poste %s" % (ascii_slug(staff(rng, title=False)[2])[:8].upper(),
                                                               "WKS-%04d" % rng.randint(0, 9999)),
           font=font(fam, fs - 5), fill=(50, 50, 50))
    return img


def shot_web(title, url, cards, rng, W=1366, H=860, fam="sans", fs=20):
    img, d = screen_canvas(W, H, (246, 247, 249))
    d.rectangle([0, 0, W, 40], fill=(222, 225, 230))
    d.rounded_rectangle([10, 6, 360, 40], 8, fill=(246, 247, 249))
    d.text((22, 12), title[:28], font=font(fam, fs - 4), fill=(30, 30, 30))
    d.rectangle([0, 40, W, 86], fill=(255, 255, 255))
    d.rounded_rectangle([110, 48, W - 120, 80], 14, fill=(238, 240, 243))
    d.text((130, 53), url, font=font(fam, fs - 3), fill=(60, 60, 60))
    for i, c in enumerate("‹›⟳"):
        d.text((12 + i * 30, 50), c, font=font("sans", fs), fill=(90, 90, 90))
    d.rectangle([0, 86, W, 140], fill=rng.choice([(0, 94, 132), (28, 78, 128), (94, 53, 117)]))
    d.text((24, 98), title, font=font(bold(fam), fs + 6), fill=(255, 255, 255))
    x, y = 24, 160
    colw = (W - 72) // 2
    col_y = [y, y]
    for i, (ctitle, lines) in enumerate(cards):
        c = 0 if col_y[0] <= col_y[1] else 1
        cx, cy = 24 + c * (colw + 24), col_y[c]
        h = 56 + len(lines) * int(fs * 1.6)
        d.rounded_rectangle([cx, cy, cx + colw, cy + h], 10, fill=(255, 255, 255), outline=(215, 218, 224))
        d.text((cx + 18, cy + 14), ctitle, font=font(bold(fam), fs + 1), fill=(0, 60, 110))
        ly = cy + 52
        for ln in lines:
            d.text((cx + 18, ly), ln, font=font(fam, fs), fill=(25, 25, 25))
            ly += int(fs * 1.6)
        col_y[c] = cy + h + 20
    return img.crop((0, 0, W, min(H, max(col_y) + 30)))


def shot_terminal(lines, rng, fs=22, fg=(80, 255, 120), bg=(6, 14, 8)):
    f = font("mono", fs)
    cw = int(f.getlength("M")) + 0
    W = cw * 82 + 20
    lh = int(fs * 1.35)
    H = lh * max(24, len(lines) + 2) + 20
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    for i, ln in enumerate(lines):
        col = fg if not ln.startswith("!") else (255, 255, 255)
        d.text((10, 10 + i * lh), ln.lstrip("!"), font=f, fill=col)
    return img


def shot_dialog(title, body_lines, buttons, rng, fam="sans", fs=20, W=900):
    f = font(fam, fs)
    H = 120 + len(body_lines) * int(fs * 1.5) + 80
    img, d = screen_canvas(W + 80, H + 80, (58, 110, 165))
    d.rectangle([40, 40, 40 + W, 40 + H], fill=(243, 243, 243), outline=(60, 60, 60))
    d.rectangle([40, 40, 40 + W, 40 + fs + 18], fill=(255, 255, 255))
    d.text((52, 48), title, font=f, fill=(0, 0, 0))
    y = 40 + fs + 40
    d.ellipse([64, y, 112, y + 48], fill=(0, 100, 200))
    d.text((80, y + 8), "i", font=font("serifb", 28), fill=(255, 255, 255))
    for ln in body_lines:
        d.text((140, y), ln, font=f, fill=(0, 0, 0))
        y += int(fs * 1.5)
    bx = 40 + W - 20
    for bt in reversed(buttons):
        w = d.textlength(bt, font=f) + 40
        d.rectangle([bx - w, 40 + H - 56, bx, 40 + H - 20], fill=(225, 225, 225), outline=(110, 110, 110))
        d.text((bx - w + 20, 40 + H - 50), bt, font=f, fill=(0, 0, 0))
        bx -= w + 14
    return img


# ----------------------------------------------------------------------------
# MIME construction
# ----------------------------------------------------------------------------
def b64lines(b):
    s = base64.b64encode(b).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76)) + "\n"


def enc_word(s, charset="utf-8", enc="B"):
    raw = s.encode(charset)
    if enc == "B":
        words, chunk = [], b""
        # split on character boundaries, max 45 raw bytes per word
        for ch in s:
            cb = ch.encode(charset)
            if len(chunk) + len(cb) > 45:
                words.append(chunk)
                chunk = b""
            chunk += cb
        words.append(chunk)
        return "\n ".join("=?%s?B?%s?=" % (charset, base64.b64encode(w).decode()) for w in words)
    out = []
    cur = ""
    for ch in s:
        cb = ch.encode(charset)
        piece = ""
        for byte in cb:
            c = chr(byte)
            if c == " ":
                piece += "_"
            elif c.isalnum() and byte < 128:
                piece += c
            else:
                piece += "=%02X" % byte
        if len(cur) + len(piece) > 40:
            out.append(cur)
            cur = ""
        cur += piece
    out.append(cur)
    _ = raw
    return "\n ".join("=?%s?Q?%s?=" % (charset, w) for w in out)


def hdr_text(s, charset="utf-8", enc="B"):
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return enc_word(s, charset, enc)


def addr(name, email, charset="utf-8", enc="B"):
    if not name:
        return email
    try:
        name.encode("ascii")
        return '"%s" <%s>' % (name, email) if ("," in name or "." in name) else "%s <%s>" % (name, email)
    except UnicodeEncodeError:
        return "%s <%s>" % (enc_word(name, charset, enc), email)


class Part:
    def __init__(self, headers, body=None, parts=None, boundary=None):
        self.headers = headers
        self.body = body
        self.parts = parts
        self.boundary = boundary


def leaf(ctype, data, cte="base64", charset=None, filename=None, disp=None, cid=None, fn_style="plain",
         extra=None, name_param=True):
    params = ""
    if charset:
        params += '; charset="%s"' % charset if charset.startswith("windows") and False else "; charset=%s" % charset
    fnparam = ""
    dparam = ""
    if filename:
        try:
            filename.encode("ascii")
            ascii_fn = True
        except UnicodeEncodeError:
            ascii_fn = False
        if ascii_fn or fn_style == "plain":
            fnparam = '; name="%s"' % filename
            dparam = '; filename="%s"' % filename
        elif fn_style == "rfc2231":
            q = "".join(c if (c.isascii() and (c.isalnum() or c in "._-")) else "".join("%%%02X" % b for b in c.encode("utf-8")) for c in filename)
            fnparam = '; name="%s"' % strip_accents(filename)
            dparam = ";\n filename*=utf-8''%s" % q
        elif fn_style == "rfc2047":
            ew = enc_word(filename, "utf-8", "B")
            fnparam = ';\n name="%s"' % ew
            dparam = ';\n filename="%s"' % ew
        elif fn_style == "rfc2047q-latin1":
            ew = enc_word(filename, "iso-8859-1", "Q")
            fnparam = ';\n name="%s"' % ew
            dparam = ';\n filename="%s"' % ew
    hs = [("Content-Type", ctype + params + (fnparam if name_param else ""))]
    if cte:
        hs.append(("Content-Transfer-Encoding", cte))
    if cid:
        hs.append(("Content-ID", "<%s>" % cid))
    if disp or filename:
        hs.append(("Content-Disposition", (disp or "attachment") + dparam))
    if extra:
        hs += extra
    if cte == "base64":
        body = b64lines(data).encode()
    elif cte == "quoted-printable":
        body = quopri.encodestring(data)
        if not body.endswith(b"\n"):
            body += b"\n"
    else:
        body = data if data.endswith(b"\n") else data + b"\n"
    return Part(hs, body=body)


def multi(subtype, parts, boundary, extra=None):
    hs = [("Content-Type", 'multipart/%s;\n boundary="%s"' % (subtype, boundary))]
    if extra:
        hs += extra
    return Part(hs, parts=parts, boundary=boundary)


def related(html_part, images, boundary):
    return Part([("Content-Type", 'multipart/related;\n type="text/html";\n boundary="%s"' % boundary)],
                parts=[html_part] + images, boundary=boundary)


def serialize(part, top_headers=None):
    out = []
    for k, v in (top_headers or []) + part.headers:
        out.append(("%s: %s\n" % (k, v)).encode("utf-8"))
    out.append(b"\n")
    if part.parts is not None:
        if top_headers:
            out.append(b"This is a multi-part message in MIME format.\n\n")
        for sp in part.parts:
            out.append(("--%s\n" % part.boundary).encode())
            out.append(serialize(sp))
            out.append(b"\n")
        out.append(("--%s--\n" % part.boundary).encode())
    else:
        out.append(part.body)
    return b"".join(out)


_msg_counter = [0]


def make_message(frm, to, subject, part, rng=R, cc=None, date=None, subject_raw=False, mailer=None, crlf=True,
                 extra=None):
    _msg_counter[0] += 1
    date = date or (dt.datetime(2024, 1, 8, 8, 0) + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 120)))
    tz = rng.choice(["-0500", "-0400"])
    hs = [("Return-Path", "<%s>" % frm[1]),
          ("Received", "from %s ([10.%d.%d.%d]) by relais.ssss.gouv.qc.ca with ESMTPS id %08X;\n %s %s" % (
              rng.choice(["EXCH-MBX%02d" % rng.randint(1, 30), "mta-int-%d" % rng.randint(1, 9)]),
              rng.randint(1, 250), rng.randint(0, 255), rng.randint(1, 254), rng.getrandbits(32),
              date.strftime("%a, %d %b %Y %H:%M:%S"), tz)),
          ("From", addr(frm[0], frm[1])),
          ("To", ", ".join(addr(n, e) for n, e in to)),
          ]
    if cc:
        hs.append(("Cc", ", ".join(addr(n, e) for n, e in cc)))
    hs += [("Subject", subject if subject_raw else hdr_text(subject)),
           ("Date", date.strftime("%a, %d %b %Y %H:%M:%S ") + tz),
           ("Message-ID", "<%s.%05d@%s>" % ("%016x" % rng.getrandbits(64), _msg_counter[0], frm[1].split("@")[1])),
           ("MIME-Version", "1.0")]
    if mailer:
        hs.append(("X-Mailer", mailer))
    if extra:
        hs += extra
    raw = serialize(part, hs)
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw


def bnd(rng=R):
    return rng.choice(["----=_NextPart_%03d_%04X_%08X.%08X" % (0, rng.getrandbits(16), rng.getrandbits(32), rng.getrandbits(32)),
                       "_%03d_%s_" % (rng.randint(0, 9), "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(24))),
                       "=_%032x" % rng.getrandbits(128),
                       "Apple-Mail=_%08X-%04X-%04X-%04X-%012X" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))])


def text_body(text, rng=R, html=False, charset="utf-8", cte=None):
    cte = cte or rng.choice(["quoted-printable", "quoted-printable", "base64", "8bit"])
    if html:
        return leaf("text/html", text.encode(charset), cte, charset)
    return leaf("text/plain", text.encode(charset), cte, charset)


def html_of(text):
    paras = "".join("<p>%s</p>" % xesc(p).replace("\n", "<br>") for p in text.split("\n\n"))
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
            "<body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">%s</body></html>" % paras)


def alt_body(text, rng=R):
    return multi("alternative", [text_body(text, rng), text_body(html_of(text), rng, html=True)], bnd(rng))


def signature(name, est, rng=R, lang="fr"):
    role = rng.choice(["Agente administrative", "Secrétaire médicale", "Infirmière clinicienne", "Archiviste médicale",
                       "Technicienne en administration", "Coordonnateur clinique", "Médecin", "Pharmacienne"])
    if lang == "en":
        role = rng.choice(["Medical secretary", "Clinical coordinator", "Nurse clinician", "Health records technician"])
    return "\n\n--\n%s\n%s\n%s\n%s\nTél. : %s-%03d-%04d, poste %d\n" % (
        name, role, est[1], est[0], rng.choice(["514", "450", "418", "819"]), rng.randint(200, 989), rng.randint(0, 9999),
        rng.randint(20000, 69999))


CONF_FOOT = ("\nAVIS DE CONFIDENTIALITÉ : ce courriel peut contenir des renseignements confidentiels. "
             "Si vous l'avez reçu par erreur, veuillez le détruire et en aviser l'expéditeur.\n")


def std_message(rng, est, body_text, attachments, subject, lang="fr", html=False, to=None, mailer=None, crlf=True):
    name, email = sender(est, rng)
    body = body_text + signature(name, est, rng, lang) + (CONF_FOOT if rng.random() < 0.5 else "")
    bpart = alt_body(body, rng) if html else text_body(body, rng)
    part = multi("mixed", [bpart] + attachments, bnd(rng)) if attachments else bpart
    to = to or [(None, rng.choice(EXTERNAL))]
    return make_message((name, email), to, subject, part, rng, mailer=mailer, crlf=crlf)


MAILERS = [None, "Microsoft Outlook 16.0", None, "Microsoft Office Outlook 12.0", "Apple Mail (2.3774)", None,
           "Zimbra 8.8.15_GA", "Mozilla Thunderbird 115.8.0"]


# ----------------------------------------------------------------------------
# PDF writer
# ----------------------------------------------------------------------------
def pdf_str(s, mode="latin1"):
    if mode == "utf16":
        return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"
    b = s.encode("cp1252", "replace")
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    if mode == "octal":
        b = b"".join(bytes([c]) if c < 128 else ("\\%03o" % c).encode() for c in b)
    return b"(" + b + b")"


def build_pdf(objects, root_num, info=None):
    """objects: list of bytes bodies, numbered from 1. Returns pdf bytes."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objects, 1):
        offs.append(out.tell())
        out.write(b"%d 0 obj\n" % i)
        out.write(body)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for o in offs:
        out.write(b"%010d 00000 n \n" % o)
    tr = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root_num)
    if info:
        tr += b" /Info %d 0 R" % info
    hx = hashlib.md5(b"".join(objects)).hexdigest().encode()
    tr += b" /ID [<%s> <%s>] >>" % (hx, hx)
    out.write(b"trailer\n" + tr + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream(dict_extra, data, compress=False):
    if compress:
        data = zlib.compress(data, 9)
        dict_extra = b"/Filter /FlateDecode " + dict_extra
    return b"<< " + dict_extra + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_image_pages(images, dpi, kinds, producer="ScanSnap Manager #S1300i"):
    """images: list of PIL images; kinds: 'jpeg' | 'flate1' | 'g4' per page. Image-only PDF."""
    objs = [None, None]  # 1 catalog, 2 pages
    kids = []
    for img, kind in zip(images, kinds):
        w, h = img.size
        if kind == "jpeg":
            data = to_jpeg(img.convert("L"), q=45)
            ximg = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" % (w, h), data)
        elif kind == "flate1":
            bw = img.convert("1") if img.mode != "1" else img
            ximg = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1" % (w, h),
                          bw.tobytes(), compress=True)
        else:
            bw = img.convert("1") if img.mode != "1" else img
            b = io.BytesIO()
            bw.save(b, "TIFF", compression="group4", tiffinfo={278: h})
            t = Image.open(io.BytesIO(b.getvalue()))
            off, cnt = t.tag_v2[273][0], t.tag_v2[279][0]
            g4 = b.getvalue()[off:off + cnt]
            ximg = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 "
                          b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>" % (w, h, w, h), g4)
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        n_img = len(objs) + 1
        objs.append(ximg)
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n" % (pw, ph)
        n_c = len(objs) + 1
        objs.append(stream(b"", content))
        n_p = len(objs) + 1
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (
            pw, ph, n_img, n_c))
        kids.append(n_p)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objs.append(b"<< /Producer " + pdf_str(producer) + b" /CreationDate (D:20240311093000-05'00') >>")
    return build_pdf(objs, 1, info=len(objs))


def pdf_text_doc(doc, compress=True):
    """Simple text PDF (Helvetica) from a doc model - used inside archives."""
    lines = doc_text(doc).split("\n")
    pages = [lines[i:i + 58] for i in range(0, len(lines), 58)]
    objs = [None, None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for pg in pages:
        c = b"BT /F1 10 Tf 50 760 Td 12 TL\n"
        for ln in pg:
            c += pdf_str(ln[:110]) + b" '\n"
        c += b"ET\n"
        n_c = len(objs) + 1
        objs.append(stream(b"", c, compress))
        n_p = len(objs) + 1
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % n_c)
        kids.append(n_p)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return build_pdf(objs, 1)


def pdf_form(title, org, fields, rng, values_mode="latin1", compress=False, hierarchical=False, need_app=True,
             indirect_values=False):
    """AcroForm. fields: list of (label, name, value, kind) kind 'tx'|'cb'|'multi'. Page content holds only labels."""
    objs = [None, None, None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    # 1 catalog, 2 pages, 3 page, 4 F1, 5 F2
    c = b"BT /F2 13 Tf 50 750 Td " + pdf_str(org[0]) + b" Tj ET\n"
    c += b"BT /F1 10 Tf 50 735 Td " + pdf_str(org[1] if len(org) > 1 else "") + b" Tj ET\n"
    c += b"0.5 w 50 725 m 562 725 l S\n"
    c += b"BT /F2 15 Tf 50 700 Td " + pdf_str(title) + b" Tj ET\n"
    y = 665
    annots = []
    field_refs = []
    parent_num = None
    if hierarchical:
        parent_num = len(objs) + 1
        objs.append(None)
    kid_refs = []
    for label, name, value, kind in fields:
        h = 16 if kind != "multi" else 60
        c += b"BT /F1 10 Tf 50 %d Td " % (y + 4) + pdf_str(label) + b" Tj ET\n"
        x0 = 210
        x1 = 562 if kind != "cb" else 224
        c += b"0.8 g 0.4 G %d %d %d %d re B 0 g\n" % (x0, y - (h - 16), x1 - x0, h)
        n = len(objs) + 1
        if kind == "cb":
            d = b"<< /Type /Annot /Subtype /Widget /FT /Btn /T " + pdf_str(name) + b" /Rect [%d %d %d %d] /F 4 /P 3 0 R" % (x0, y, x1, y + 14)
            v = b"/Yes" if value else b"/Off"
            d += b" /V " + v + b" /AS " + v + b" /MK << /CA (4) >> /DA (/ZaDb 0 Tf 0 g)"
        else:
            d = b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + pdf_str(name) + b" /Rect [%d %d %d %d] /F 4 /P 3 0 R /DA (/Helv 10 Tf 0 g)" % (
                x0, y - (h - 16), x1, y + 16)
            if kind == "multi":
                d += b" /Ff 4096"
            if value:
                if indirect_values:
                    vn = len(objs) + 2
                    d += b" /V %d 0 R" % vn
                else:
                    d += b" /V " + pdf_str(value, values_mode)
        if hierarchical:
            d += b" /Parent %d 0 R" % parent_num
        d += b" >>"
        objs.append(d)
        if kind != "cb" and value and indirect_values:
            objs.append(pdf_str(value, values_mode))
        annots.append(n)
        if hierarchical:
            kid_refs.append(n)
        else:
            field_refs.append(n)
        y -= h + 14
    c += b"BT /F1 8 Tf 50 60 Td " + pdf_str("Formulaire %s-%03d (%d-%02d)" % (rng.choice(["AH", "DSP", "FM"]), rng.randint(100, 999),
                                                                           rng.randint(2018, 2024), rng.randint(1, 12))) + b" Tj ET\n"
    if hierarchical:
        objs[parent_num - 1] = b"<< /T " + pdf_str(rng.choice(["patient", "usager", "form1"])) + b" /Kids [%s] >>" % b" ".join(b"%d 0 R" % k for k in kid_refs)
        field_refs = [parent_num]
    n_c = len(objs) + 1
    objs.append(stream(b"", c, compress))
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents %d 0 R /Annots [%s] >>" % (
        n_c, b" ".join(b"%d 0 R" % a for a in annots))
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs[0] = (b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] " % b" ".join(b"%d 0 R" % f for f in field_refs) +
               (b"/NeedAppearances true " if need_app else b"") +
               b"/DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >> >>")
    return build_pdf(objs, 1)


# ----------------------------------------------------------------------------
# OOXML writers
# ----------------------------------------------------------------------------
def zput(z, name, data, date=FIXED_ZIP_TIME, compress=True):
    zi = zipfile.ZipInfo(name, date_time=date)
    zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    zi.external_attr = 0o644 << 16
    z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))


CT_HDR = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def core_xml(title="", author="", desc=""):
    return (CT_HDR + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<dc:description>%s</dc:description>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-11T13:30:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-11T13:30:00Z</dcterms:modified></cp:coreProperties>') % (
        xesc(title), xesc(author), xesc(desc))


def w_run(text, b=False, extra_rpr=""):
    rpr = ("<w:b/>" if b else "") + extra_rpr
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % ("<w:rPr>%s</w:rPr>" % rpr if rpr else "", xesc(text))


def w_p(text="", b=False, runs=None, style_sz=None):
    ppr = ""
    if style_sz:
        rr = w_run(text, b, '<w:sz w:val="%d"/>' % style_sz)
        return "<w:p>%s</w:p>" % rr
    return "<w:p>%s%s</w:p>" % (ppr, runs if runs is not None else (w_run(text, b) if text else ""))


def w_table(hdr, rows):
    def cell(t, b=False):
        return '<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>%s</w:tc>' % w_p(t, b)
    x = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>' + "".join(
        '<w:%s w:val="single" w:sz="4" w:space="0" w:color="808080"/>' % e for e in ["top", "left", "bottom", "right", "insideH", "insideV"]) + "</w:tblBorders></w:tblPr>"
    x += "<w:tr>" + "".join(cell(h, True) for h in hdr) + "</w:tr>"
    for r in rows:
        x += "<w:tr>" + "".join(cell(v) for v in r) + "</w:tr>"
    return x + "</w:tbl>"


def doc_to_wxml(doc):
    out = []
    for o in doc.get("org", []):
        out.append(w_p(o, True))
    if doc.get("title"):
        out.append(w_p(doc["title"], True, style_sz=32))
    for b in doc["blocks"]:
        if b[0] == "h":
            out.append(w_p(b[1], True))
        elif b[0] == "p":
            out.append(w_p(b[1]))
        elif b[0] == "kv":
            for k, v in b[1]:
                out.append(w_p(runs=w_run(k + " : ", True) + w_run(v)))
        elif b[0] == "table":
            out.append(w_table(b[1], b[2]))
            out.append(w_p())
        elif b[0] == "sig":
            for s_ in b[1]:
                out.append(w_p(s_))
    return "".join(out)


def drawing_xml(rid, cx, cy, n):
    return ('<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>'
            '<wp:docPr id="%d" name="Image %d"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>') % (cx, cy, n, n, n, n, rid, cx, cy)


def make_docx(body_xml, header=None, footer=None, comments=None, footnotes=None, images=None, core=None):
    """body_xml: inner XML of w:body (without sectPr). images: list of (rid, name, bytes).
    comments: list of (id, author, text). footnotes: list of (id, text)."""
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w")
    ct = CT_HDR + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    ct += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    ct += '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    ct += '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    ct += '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    ct += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    rels = CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    sect = "<w:sectPr>"
    if header:
        ct += '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        rels += '<Relationship Id="rIdH1" Type="%sheader" Target="header1.xml"/>' % REL
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        ct += '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        rels += '<Relationship Id="rIdF1" Type="%sfooter" Target="footer1.xml"/>' % REL
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comments:
        ct += '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        rels += '<Relationship Id="rIdC1" Type="%scomments" Target="comments.xml"/>' % REL
    if footnotes:
        ct += '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        rels += '<Relationship Id="rIdN1" Type="%sfootnotes" Target="footnotes.xml"/>' % REL
    for rid, name, _ in images or []:
        rels += '<Relationship Id="%s" Type="%simage" Target="media/%s"/>' % (rid, REL, name)
    sect += '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    ct += "</Types>"
    rels += "</Relationships>"
    zput(z, "[Content_Types].xml", ct)
    zput(z, "_rels/.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
         '</Relationships>' % REL)
    zput(z, "word/document.xml", CT_HDR + '<w:document %s><w:body>%s%s</w:body></w:document>' % (NS_W, body_xml, sect))
    zput(z, "word/_rels/document.xml.rels", rels)
    if header:
        zput(z, "word/header1.xml", CT_HDR + '<w:hdr %s>%s</w:hdr>' % (NS_W, header))
    if footer:
        zput(z, "word/footer1.xml", CT_HDR + '<w:ftr %s>%s</w:ftr>' % (NS_W, footer))
    if comments:
        x = CT_HDR + '<w:comments %s>' % NS_W
        for cid, au, tx in comments:
            x += '<w:comment w:id="%d" w:author="%s" w:date="2024-03-08T10:12:00Z" w:initials="%s">%s</w:comment>' % (
                cid, xesc(au), "".join(p[0] for p in au.split()[-2:]), w_p(tx))
        zput(z, "word/comments.xml", x + "</w:comments>")
    if footnotes:
        x = CT_HDR + '<w:footnotes %s><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' % NS_W
        x += '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        for fid, tx in footnotes:
            x += '<w:footnote w:id="%d"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>%s</w:p></w:footnote>' % (fid, w_run(" " + tx))
        zput(z, "word/footnotes.xml", x + "</w:footnotes>")
    for rid, name, data in images or []:
        zput(z, "word/media/" + name, data, compress=False)
    zput(z, "docProps/core.xml", core or core_xml())
    z.close()
    return b.getvalue()


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def make_xlsx(sheets, comments=None, image=None, core=None):
    """sheets: list of (name, rows, state) ; comments: dict sheet_index -> list of (ref, author, text);
    image: (sheet_index, png bytes, cx, cy)."""
    comments = comments or {}
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w")
    strings, sidx = [], {}

    def si(s):
        if s not in sidx:
            sidx[s] = len(strings)
            strings.append(s)
        return sidx[s]
    ct = CT_HDR + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    ct += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    ct += '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    ct += '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
    ct += '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ct += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    ct += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    wb = CT_HDR + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets>' % REL[:-1]
    wbrels = CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (name, rows, state) in enumerate(sheets, 1):
        ct += '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i
        wb += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xesc(name), i, ' state="%s"' % state if state else "", i)
        wbrels += '<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i, REL, i)
        sx = CT_HDR + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheetData>' % REL[:-1]
        for ri, row in enumerate(rows, 1):
            sx += '<row r="%d">' % ri
            for ci, v in enumerate(row):
                ref = "%s%d" % (col_letter(ci), ri)
                if isinstance(v, (int, float)):
                    sx += '<c r="%s"><v>%s</v></c>' % (ref, v)
                elif v:
                    sx += '<c r="%s" t="s"><v>%d</v></c>' % (ref, si(v))
            sx += "</row>"
        sx += "</sheetData>"
        srels = []
        idx0 = i - 1
        if image and image[0] == idx0:
            sx += '<drawing r:id="rIdD1"/>'
            srels.append('<Relationship Id="rIdD1" Type="%sdrawing" Target="../drawings/drawing1.xml"/>' % REL)
        if idx0 in comments:
            sx += '<legacyDrawing r:id="rIdV1"/>'
            srels.append('<Relationship Id="rIdC1" Type="%scomments" Target="../comments%d.xml"/>' % (REL, i))
            srels.append('<Relationship Id="rIdV1" Type="%svmlDrawing" Target="../drawings/vmlDrawing%d.vml"/>' % (REL, i))
            ct += '<Override PartName="/xl/comments%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' % i
            authors = sorted(set(a for _, a, _ in comments[idx0]))
            cx = CT_HDR + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>%s</authors><commentList>' % "".join(
                "<author>%s</author>" % xesc(a) for a in authors)
            vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                   'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
                   '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
                   '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
            for k, (ref, a, t) in enumerate(comments[idx0]):
                cx += '<comment ref="%s" authorId="%d"><text><r><rPr><b/><sz val="9"/></rPr><t xml:space="preserve">%s:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve">\n%s</t></r></text></comment>' % (
                    ref, authors.index(a), xesc(a), xesc(t))
                col = ord(ref[0]) - 65
                rown = int(ref[1:]) - 1
                vml += ('<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;visibility:hidden;width:160pt;height:70pt" '
                        'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note">'
                        '<x:MoveWithCells/><x:SizeWithCells/><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>') % (1025 + k, rown, col)
            zput(z, "xl/comments%d.xml" % i, cx + "</commentList></comments>")
            zput(z, "xl/drawings/vmlDrawing%d.vml" % i, vml + "</xml>")
        sx += "</worksheet>"
        zput(z, "xl/worksheets/sheet%d.xml" % i, sx)
        if srels:
            zput(z, "xl/worksheets/_rels/sheet%d.xml.rels" % i, CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % "".join(srels))
    if image:
        ct += '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
        _, png, cxe, cye = image
        dx = (CT_HDR + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s"><xdr:oneCellAnchor>'
              '<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
              '<xdr:ext cx="%d" cy="%d"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
              '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
              '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
              '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>') % (REL[:-1], cxe, cye, cxe, cye)
        zput(z, "xl/drawings/drawing1.xml", dx)
        zput(z, "xl/drawings/_rels/drawing1.xml.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="%simage" Target="../media/image1.png"/></Relationships>' % REL)
        zput(z, "xl/media/image1.png", png, compress=False)
    wb += "</sheets></workbook>"
    wbrels += '<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/></Relationships>' % REL
    ct += "</Types>"
    zput(z, "[Content_Types].xml", ct)
    zput(z, "_rels/.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
         '</Relationships>' % REL)
    zput(z, "xl/workbook.xml", wb)
    zput(z, "xl/_rels/workbook.xml.rels", wbrels)
    ss = CT_HDR + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
    ss += "".join('<si><t xml:space="preserve">%s</t></si>' % xesc(s) for s in strings) + "</sst>"
    zput(z, "xl/sharedStrings.xml", ss)
    zput(z, "docProps/core.xml", core or core_xml())
    z.close()
    return b.getvalue()


NS_P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"' % REL[:-1])
THEME = (CT_HDR + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>'
         '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
         '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>'
         '<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>'
         '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
         '<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/>'
         '<a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
         '</a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
         '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
         '<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>'
         '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>'
         '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
         '</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')
EMPTY_TREE = ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
              '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>%s</p:spTree></p:cSld>')


def p_textbox(sid, x, y, cx, cy, paras, sz=2000, b=False, ph=None):
    nvpr = '<p:nvPr><p:ph type="%s"/></p:nvPr>' % ph if ph else "<p:nvPr/>"
    ps = "".join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d"%s dirty="0"/><a:t>%s</a:t></a:r></a:p>' % (sz, ' b="1"' if b else "", xesc(t)) for t in paras)
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Zone de texte %d"/><p:cNvSpPr txBox="1"/>%s</p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>%s</p:txBody></p:sp>') % (sid, sid, nvpr, x, y, cx, cy, ps)


def p_pic(sid, rid, x, y, cx, cy):
    return ('<p:pic><p:nvPicPr><p:cNvPr id="%d" name="Image %d"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            '<p:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            '<p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>') % (
        sid, sid, rid, x, y, cx, cy)


def make_pptx(slides, core=None):
    """slides: list of dict(shapes=[xml], images=[(rid, name, bytes)], notes=[paras] or None)."""
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w")
    ct = CT_HDR + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    ct += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    ct += '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
    ct += '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
    ct += '<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>'
    ct += '<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>'
    ct += '<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    ct += '<Override PartName="/ppt/theme/theme2.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    ct += '<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>'
    ct += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    prels = CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    prels += '<Relationship Id="rIdM" Type="%sslideMaster" Target="slideMasters/slideMaster1.xml"/>' % REL
    prels += '<Relationship Id="rIdT" Type="%stheme" Target="theme/theme1.xml"/>' % REL
    prels += '<Relationship Id="rIdN" Type="%snotesMaster" Target="notesMasters/notesMaster1.xml"/>' % REL
    sld_ids = ""
    for i, s in enumerate(slides, 1):
        ct += '<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>' % i
        prels += '<Relationship Id="rIdS%d" Type="%sslide" Target="slides/slide%d.xml"/>' % (i, REL, i)
        sld_ids += '<p:sldId id="%d" r:id="rIdS%d"/>' % (255 + i, i)
        srels = CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        srels += '<Relationship Id="rIdL" Type="%sslideLayout" Target="../slideLayouts/slideLayout1.xml"/>' % REL
        for rid, name, data in s.get("images", []):
            srels += '<Relationship Id="%s" Type="%simage" Target="../media/%s"/>' % (rid, REL, name)
            zput(z, "ppt/media/" + name, data, compress=False)
        if s.get("notes"):
            ct += '<Override PartName="/ppt/notesSlides/notesSlide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>' % i
            srels += '<Relationship Id="rIdNS" Type="%snotesSlide" Target="../notesSlides/notesSlide%d.xml"/>' % (REL, i)
            nx = CT_HDR + '<p:notes %s>' % NS_P + EMPTY_TREE % (
                '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Espace réservé des notes 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>'
                '<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp>' % "".join(
                    '<a:p><a:r><a:rPr lang="fr-CA" dirty="0"/><a:t>%s</a:t></a:r></a:p>' % xesc(t) for t in s["notes"])) + "</p:notes>"
            zput(z, "ppt/notesSlides/notesSlide%d.xml" % i, nx)
            zput(z, "ppt/notesSlides/_rels/notesSlide%d.xml.rels" % i, CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="%snotesMaster" Target="../notesMasters/notesMaster1.xml"/>'
                 '<Relationship Id="rId2" Type="%sslide" Target="../slides/slide%d.xml"/></Relationships>' % (REL, REL, i))
        srels += "</Relationships>"
        zput(z, "ppt/slides/slide%d.xml" % i, CT_HDR + '<p:sld %s>' % NS_P + EMPTY_TREE % "".join(s["shapes"]) + '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>')
        zput(z, "ppt/slides/_rels/slide%d.xml.rels" % i, srels)
    prels += "</Relationships>"
    ct += "</Types>"
    zput(z, "[Content_Types].xml", ct)
    zput(z, "_rels/.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument" Target="ppt/presentation.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
         '</Relationships>' % REL)
    zput(z, "ppt/presentation.xml", CT_HDR + '<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst>'
         '<p:notesMasterIdLst><p:notesMasterId r:id="rIdN"/></p:notesMasterIdLst><p:sldIdLst>%s</p:sldIdLst>'
         '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>' % (NS_P, sld_ids))
    zput(z, "ppt/_rels/presentation.xml.rels", prels)
    zput(z, "ppt/slideMasters/slideMaster1.xml", CT_HDR + '<p:sldMaster %s>' % NS_P + EMPTY_TREE % "" +
         '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
         'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>')
    zput(z, "ppt/slideMasters/_rels/slideMaster1.xml.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sslideLayout" Target="../slideLayouts/slideLayout1.xml"/>'
         '<Relationship Id="rId2" Type="%stheme" Target="../theme/theme1.xml"/></Relationships>' % (REL, REL))
    zput(z, "ppt/slideLayouts/slideLayout1.xml", CT_HDR + '<p:sldLayout %s type="blank" preserve="1">' % NS_P + EMPTY_TREE % "" +
         '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')
    zput(z, "ppt/slideLayouts/_rels/slideLayout1.xml.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sslideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>' % REL)
    zput(z, "ppt/notesMasters/notesMaster1.xml", CT_HDR + '<p:notesMaster %s>' % NS_P + EMPTY_TREE % "" +
         '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
         'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>')
    zput(z, "ppt/notesMasters/_rels/notesMaster1.xml.rels", CT_HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%stheme" Target="../theme/theme2.xml"/></Relationships>' % REL)
    zput(z, "ppt/theme/theme1.xml", THEME)
    zput(z, "ppt/theme/theme2.xml", THEME)
    zput(z, "docProps/core.xml", core or core_xml())
    z.close()
    return b.getvalue()


EMU = 9525  # per pixel at 96 dpi

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# ----------------------------------------------------------------------------
# RTF
# ----------------------------------------------------------------------------
def rtf_escape(s, mode="hex"):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif o < 128:
            out.append(ch)
        else:
            try:
                cb = ch.encode("cp1252")
            except UnicodeEncodeError:
                cb = None
            if mode == "hex" and cb:
                out.append("\\'%02x" % cb[0])
            else:
                v = o if o < 32768 else o - 65536
                fb = "\\'%02x" % cb[0] if cb else "?"
                out.append("\\u%d%s" % (v, fb))
    return "".join(out)


def doc_to_rtf(doc, mode="hex", header_text=None, fontname="Calibri"):
    e = lambda s: rtf_escape(s, mode)
    r = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss\\fcharset0 %s;}{\\f1\\froman\\fcharset0 Times New Roman;}}" % fontname,
         "{\\colortbl;\\red0\\green0\\blue0;\\red31\\green58\\blue104;}",
         "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\paperw12240\\paperh15840\\margl1440\\margr1440"]
    if header_text:
        r.append("{\\header\\pard\\qr\\fs16 %s\\par}" % e(header_text))
    r.append("\\pard\\sa120\\f0\\fs22 ")
    for o in doc.get("org", []):
        r.append("{\\b %s}\\par" % e(o))
    if doc.get("title"):
        r.append("\\pard\\qc\\sa200{\\b\\fs30\\cf2 %s}\\par\\pard\\sa120" % e(doc["title"]))
    for b in doc["blocks"]:
        if b[0] == "h":
            r.append("{\\b %s}\\par" % e(b[1]))
        elif b[0] == "p":
            r.append("%s\\par" % e(b[1]))
        elif b[0] == "kv":
            for k, v in b[1]:
                r.append("{\\b %s :} %s\\par" % (e(k), e(v)))
        elif b[0] == "table":
            n = len(b[1])
            cw = 9000 // n
            for ri, row in enumerate([b[1]] + b[2]):
                r.append("\\trowd\\trgaph108" + "".join("\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\clbrdrl\\brdrs\\clbrdrr\\brdrs\\cellx%d" % (cw * (i + 1)) for i in range(n)))
                r.append("".join("\\pard\\intbl %s%s%s\\cell" % ("{\\b " if ri == 0 else "", e(c), "}" if ri == 0 else "") for c in row) + "\\row")
            r.append("\\pard\\sa120\\par")
        elif b[0] == "sig":
            for s_ in b[1]:
                r.append("%s\\par" % e(s_))
    r.append("}")
    return "\n".join(r).encode("ascii")


# ----------------------------------------------------------------------------
# Flat ODF (for LibreOffice conversion to legacy formats)
# ----------------------------------------------------------------------------
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')
ODF_META = ('<office:meta><meta:creation-date>2024-03-11T09:30:00</meta:creation-date><dc:date>2024-03-11T09:30:00</dc:date>'
            '<meta:editing-duration>PT0S</meta:editing-duration><meta:editing-cycles>1</meta:editing-cycles>'
            '<meta:generator>forms-next</meta:generator><dc:title>%s</dc:title></office:meta>')


def doc_to_fodt(doc, header_text=None):
    body = []
    for o in doc.get("org", []):
        body.append('<text:p text:style-name="B">%s</text:p>' % xesc(o))
    if doc.get("title"):
        body.append('<text:h text:outline-level="1">%s</text:h>' % xesc(doc["title"]))
    tn = 0
    for b in doc["blocks"]:
        if b[0] == "h":
            body.append('<text:h text:outline-level="2">%s</text:h>' % xesc(b[1]))
        elif b[0] == "p":
            body.append("<text:p>%s</text:p>" % xesc(b[1]))
        elif b[0] == "kv":
            for k, v in b[1]:
                body.append('<text:p><text:span text:style-name="T1">%s : </text:span>%s</text:p>' % (xesc(k), xesc(v)))
        elif b[0] == "table":
            tn += 1
            t = '<table:table table:name="Tableau%d"><table:table-column table:number-columns-repeated="%d"/>' % (tn, len(b[1]))
            for row in [b[1]] + b[2]:
                t += "<table:table-row>" + "".join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % xesc(c) for c in row) + "</table:table-row>"
            body.append(t + "</table:table>")
        elif b[0] == "sig":
            for s_ in b[1]:
                body.append("<text:p>%s</text:p>" % xesc(s_))
    hdr = ""
    if header_text:
        hdr = '<style:header><text:p>%s</text:p></style:header>' % xesc(header_text)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
            '%s<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
            '<style:style style:name="B" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>'
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin="2cm"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">%s</style:master-page></office:master-styles>'
            '<office:body><office:text>%s</office:text></office:body></office:document>') % (
        ODF_NS, ODF_META % xesc(doc.get("title", "")), hdr, "".join(body))


def rows_to_fods(sheets):
    out = ""
    for name, rows in sheets:
        t = '<table:table table:name="%s">' % xesc(name)
        for row in rows:
            t += "<table:table-row>"
            for v in row:
                if isinstance(v, (int, float)):
                    t += '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)
                else:
                    t += '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % xesc(v)
            t += "</table:table-row>"
        out += t + "</table:table>"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            '%s<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>') % (ODF_NS, ODF_META % "", out)


def slides_to_fodp(slides):
    pages = ""
    for i, (title, paras, notes) in enumerate(slides, 1):
        pg = '<draw:page draw:name="page%d" draw:master-page-name="Default">' % i
        pg += '<draw:frame svg:x="1.5cm" svg:y="1cm" svg:width="25cm" svg:height="2.5cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>' % xesc(title)
        pg += '<draw:frame svg:x="1.5cm" svg:y="4cm" svg:width="25cm" svg:height="10cm"><draw:text-box>%s</draw:text-box></draw:frame>' % "".join(
            "<text:p>%s</text:p>" % xesc(p) for p in paras)
        if notes:
            pg += ('<presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="14cm" svg:width="17cm" svg:height="10cm">'
                   '<draw:text-box>%s</draw:text-box></draw:frame></presentation:notes>') % "".join("<text:p>%s</text:p>" % xesc(p) for p in notes)
        pages += pg + "</draw:page>"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">'
            '%s<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>%s</office:presentation></office:body></office:document>') % (ODF_NS, ODF_META % "", pages)


def lo_convert(src_bytes, src_ext, fmt):
    """Convert with LibreOffice headless; isolated profile, returns bytes."""
    tmp = tempfile.mkdtemp(prefix="fn7-")
    try:
        src = os.path.join(tmp, "in." + src_ext)
        with open(src, "wb") as fh:
            fh.write(src_bytes)
        prof = os.path.join(tmp, "profile")
        subprocess.run(["soffice", "-env:UserInstallation=file://" + prof, "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", os.path.join(tmp, "out"), src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        ext = fmt.split(":")[0]
        with open(os.path.join(tmp, "out", "in." + ext), "rb") as fh:
            return fh.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------
# Archives
# ----------------------------------------------------------------------------
def make_zip(files):
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w")
    for name, data in files:
        zput(z, name, data)
    z.close()
    return b.getvalue()


def make_tar(files, gz=False):
    b = io.BytesIO()
    raw = io.BytesIO()
    t = tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT)
    for name, data in files:
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        ti.mtime = FIXED_EPOCH
        ti.mode = 0o644
        ti.uid = ti.gid = 1000
        ti.uname = ti.gname = "archives"
        t.addfile(ti, io.BytesIO(data))
    t.close()
    data = raw.getvalue()
    if gz:
        g = gzip.GzipFile(filename="", mode="wb", fileobj=b, mtime=FIXED_EPOCH)
        g.write(data)
        g.close()
        return b.getvalue()
    return data


def make_gz(name, data):
    b = io.BytesIO()
    g = gzip.GzipFile(filename=name, mode="wb", fileobj=b, mtime=FIXED_EPOCH)
    g.write(data)
    g.close()
    return b.getvalue()


# ============================================================================
# Message bodies (harmless covering text)
# ============================================================================
COVER_POS = [
    "Bonjour,\n\nTel que discuté au téléphone, voici le document demandé.\n\nMerci de me confirmer la réception.",
    "Bonjour Docteur,\n\nCi-joint le document pour votre patient. N'hésitez pas si vous avez des questions.",
    "Bonsoir,\n\nJe vous transmets ceci pour le suivi. Le dossier complet suivra par la poste.",
    "Bonjour,\n\nVoici la pièce jointe que vous nous avez réclamée pour la réclamation.\n\nCordialement,",
    "Salut,\n\nJe t'envoie ça pour la réunion de demain matin, on en parlera au caucus.",
    "Hello,\n\nPlease find attached as requested. Let me know if anything is missing.",
    "Bonjour,\n\nPour faire suite à votre appel, vous trouverez le document en pièce jointe.",
    "Bonjour madame,\n\nComme convenu, voici le document à remettre au physiothérapeute.",
]
COVER_NEG = [
    "Bonjour à tous,\n\nVoici le document pour information. Merci de le diffuser à vos équipes.",
    "Bonjour,\n\nCi-joint la version finale. Les commentaires reçus ont été intégrés.",
    "Bonjour,\n\nVeuillez prendre connaissance du document joint avant la rencontre de jeudi.",
    "Hi all,\n\nAttached for your information. Feedback welcome before Friday.",
    "Bonjour,\n\nTel que demandé, voici le document. Bonne journée!",
    "Bonjour,\n\nVoici la mise à jour pour le prochain trimestre. Merci de valider les chiffres.",
]
SHOT_POS = [
    "Bonjour,\n\nL'écran ci-joint affiche les résultats dans le désordre depuis la mise à jour de mardi. Pouvez-vous vérifier de votre côté?",
    "Bonjour le soutien,\n\nVoici une capture de l'erreur. Le bouton Imprimer reste grisé pour ce dossier.",
    "Hi,\n\nScreenshot attached — the medication list does not refresh after the pharmacist validates.",
    "Bonjour,\n\nJe vous joins la capture pour le billet ouvert hier (lenteur à l'ouverture des onglets).",
    "Salut,\n\nRegarde la capture, le champ se vide quand on change d'onglet. Bizarre non?",
    "Bonjour,\n\nCapture d'écran demandée par votre technicien lors de l'appel de ce matin.",
    "Bonjour,\n\nVoici l'écran au moment du plantage. Nous utilisons la version du poste partagé à l'unité.",
]
SHOT_NEG = [
    "Bonjour,\n\nL'écran de recherche reste vide même après avoir saisi les critères. Capture jointe.",
    "Bonjour,\n\nVoici le tableau de bord de ce matin pour la rencontre de gestion.",
    "Bonjour,\n\nCapture du menu principal : l'option 7 a disparu depuis la mise à jour.",
    "Hi,\n\nAttached is a screenshot of the error we get at login since this morning.",
    "Bonjour,\n\nVoici une capture de l'horaire tel qu'il apparaît dans le logiciel.",
    "Bonjour,\n\nLe catalogue des analyses n'affiche pas les nouveaux tubes. Capture jointe.",
]


def crc(s):
    return zlib.crc32(s.encode()) & 0xFFFFFFFF


def cat_rng(cat):
    return random.Random(SEED ^ crc(cat))


def fn_date(rng):
    d = dt.datetime(2024, rng.randint(1, 4), rng.randint(1, 28), rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59))
    return d


# ============================================================================
# Category: screenshot
# ============================================================================
def emr_banner(p, rng, lang="fr"):
    if lang == "en":
        return (p.rev.upper(), "DOB %s  (%d y)   Sex %s   MRN %s   RAMQ %s" % (dfmt(p.dob, "en"), p.age, p.sex, p.dossier, nam_fmt(p, "spaced")))
    return (p.rev.upper(), "DDN : %s (%d ans)   Sexe : %s   NAM : %s   Dossier : %s" % (
        dfmt(p.dob, rng.choice(["iso", "dmy"])), p.age, p.sex, nam_fmt(p, rng=rng), dossier_fmt(p, rng)))


def gen_screenshot():
    rng = cat_rng("screenshot")
    out = []
    apps = ["SIClinique 4.7", "MédiDossier 2023.2", "CliniPlus Web", "Dossier Santé Hospitalier 11"]
    fams = ["sans", "cond", "serif", "sans", "cond", "sans", "serifc"]
    for i in range(7):
        est = rng.choice(ESTABS)
        p = person(rng=rng)
        fam = fams[i]
        fs = rng.choice([20, 21, 22, 23])
        if i in (0, 6):
            nav = ["Sommaire", "Résultats", "Imagerie", "Notes", "Ordonnances", "Documents"]
            if i == 0:
                secs = [("title", "Résultats de laboratoire – %s" % dfmt(rdate(rng), "iso")),
                        ("grid", ["Analyse", "Résultat", "Unité", "Réf.", "!"], lab_rows(rng, 8))]
            else:
                dx = rng.choice(DIAG)[0]
                secs = [("title", "Note d'évolution – %s" % rng.choice(SERVICES_FR)),
                        ("text", "S : Patient%s dit mieux dormir, douleur 3/10. O : TA 132/78, FC 84, SpO2 95 %% AA. "
                                 "A : %s en amélioration. P : poursuivre %s, congé prévu demain si stable." % (
                                     "e" if p.sex == "F" else "", dx, rng.choice(MEDS)))]
            img = shot_desktop(emr_banner(p, rng), nav, secs, rng, app=rng.choice(apps), fam=fam, fs=fs)
        elif i in (1, 5):
            lang = "en" if i == 5 else "fr"
            if lang == "fr":
                cards = [("Usager", ["Nom : %s" % p.rev, "Date de naissance : %s" % dfmt(p.dob, "fr"),
                                     "NAM : %s (exp. %s)" % (nam_fmt(p, "spaced"), p.nam_exp), "No dossier : %s" % p.dossier,
                                     "Téléphone : %s" % p.phone]),
                         ("Médication active", rng.sample(MEDS, 4)),
                         ("Allergies", [rng.choice(ALLERG)]),
                         ("Problèmes actifs", rng.sample(HIST, 3))]
                url = "https://dossier.%s.intra/usager/%s/sommaire" % (est[2], p.dossier)
                title = "Sommaire de l'usager"
            else:
                cards = [("Patient", ["Name: %s" % p.full, "DOB: %s" % dfmt(p.dob, "en"), "MRN: %s" % p.dossier,
                                      "Health card: %s" % nam_fmt(p, "compact")]),
                         ("Problem list", [d[1] for d in rng.sample(DIAG, 3)]),
                         ("Recent results", ["%s %s %s" % (r[0], r[1], r[2]) for r in lab_rows(rng, 3)])]
                url = "https://chart.%s.local/patients/%s/summary" % (est[2], p.dossier)
                title = "Patient Summary"
            img = shot_web(title, url, cards, rng, fam=fam, fs=fs)
        elif i == 2:
            lines = ["!ADT010    ADMISSION-DEPART-TRANSFERT        %s  %02d:%02d" % (dfmt(rdate(rng), "iso"), rng.randint(0, 23), rng.randint(0, 59)),
                     "", "  NO DOSSIER....: %s" % p.dossier,
                     "  NOM...........: %s" % strip_accents(p.surname).upper(),
                     "  PRENOM........: %s" % strip_accents(p.given).upper(),
                     "  DATE NAISS....: %s    SEXE: %s" % (p.dob.strftime("%Y%m%d"), p.sex),
                     "  NAM...........: %s    EXP: %s" % (p.nam, p.nam_exp.replace("-", "")),
                     "  ADRESSE.......: %s" % strip_accents(p.street).upper(),
                     "  VILLE.........: %s" % strip_accents(p.city).upper(),
                     "", "  UNITE: %s   LIT: %d%s   MED. TRAITANT: %s" % (rng.choice(["4N", "6S", "URG", "SI"]), rng.randint(1, 40), rng.choice("AB"),
                                                                       strip_accents(rng.choice(SURNAMES)).upper()),
                     "  MOTIF ADM.....: %s" % strip_accents(rng.choice(DIAG)[0]).upper()[:50],
                     "", "", "!F1=AIDE  F3=RETOUR  F5=RAFRAICHIR  F10=TRANSFERT  F12=ANNULER"]
            img = shot_terminal(lines, rng, fs=rng.choice([22, 24]))
        elif i == 3:
            ps = [person(rng=rng) for _ in range(7)]
            t = 8 * 60
            rows = []
            for q in ps:
                rows.append(["%02d:%02d" % divmod(t, 60), q.rev, nam_fmt(q, "spaced"), rng.choice(["Suivi", "Nouveau", "Résultats", "Vaccin"]),
                             rng.choice(["Arrivé", "Confirmé", "—"])])
                t += 20
            secs = [("title", "Agenda – Dr %s – %s" % (rng.choice(SURNAMES), dfmt(rdate(rng), "fr"))),
                    ("grid", ["Heure", "Patient", "NAM", "Type", "Statut"], rows)]
            img = shot_desktop(None, ["Agenda", "Salle d'attente", "Facturation", "Messages"], secs, rng, app="GMF Agenda", fam=fam, fs=fs)
        else:
            q = person(rng=rng, sex=p.sex)
            img = shot_dialog("Fusion de dossiers", [
                "Voulez-vous fusionner les dossiers suivants?",
                "Dossier %s – %s, né(e) le %s" % (p.dossier, p.rev, dfmt(p.dob, "iso")),
                "Dossier %s – %s, né(e) le %s" % (q.dossier, p.rev, dfmt(p.dob, "iso")),
                "NAM commun : %s" % nam_fmt(p, "spaced"),
                "Cette opération est irréversible."], ["Fusionner", "Annuler"], rng, fam=fam, fs=fs)
        png = to_png(img, colors=rng.choice([48, 64, 96]))
        d = fn_date(rng)
        fname = rng.choice(["Capture d’écran %s.png" % d.strftime("%Y-%m-%d %H%M%S"), "image.png",
                            "Screenshot %s.png" % d.strftime("%Y-%m-%d at %H.%M.%S"), "ecran_%s.png" % d.strftime("%Y%m%d"),
                            "Capture.PNG"])
        att = leaf("image/png", png, filename=fname, fn_style=rng.choice(["rfc2231", "rfc2047"]))
        subj = rng.choice(["Problème d'affichage", "Billet #%d – capture" % rng.randint(100000, 999999), "Écran figé",
                           "RE: bogue onglet résultats", "Capture demandée", "Screenshot – issue", "TR: erreur impression"])
        to = [(None, rng.choice(["soutien@editeur-logiciel-exemple.com", "support@clinisoft-example.com", rng.choice(EXTERNAL)]))]
        out.append(("positive", "screenshot", std_message(rng, est, SHOT_POS[i], [att], subj, to=to, mailer=rng.choice(MAILERS))))
    # negatives
    for i in range(6):
        est = rng.choice(ESTABS)
        fam = rng.choice(["sans", "cond", "serif"])
        fs = rng.choice([20, 21, 22])
        if i == 0:
            secs = [("title", "Recherche d'usager"),
                    ("fields", [("Nom", ""), ("Prénom", ""), ("Date de naissance", "AAAA-MM-JJ"), ("NAM", ""), ("No dossier", "")]),
                    ("text", "Aucun usager sélectionné. Saisissez au moins deux critères puis appuyez sur Rechercher.")]
            img = shot_desktop(None, ["Recherche", "Liste de travail", "Rapports", "Paramètres"], secs, rng, app=rng.choice(apps), fam=fam, fs=fs)
        elif i == 1:
            cards = [("Occupation – ce matin", ["Médecine : 112 %", "Chirurgie : 94 %", "Soins intensifs : 100 %", "Pédiatrie : 71 %"]),
                     ("Urgence", ["Civières occupées : 47 / 38", "DMS sur civière : 18,4 h", "Patients > 24 h : 12"]),
                     ("Chirurgies", ["Au programme : 41", "Annulées : 3", "Liste d'attente > 1 an : 286"]),
                     ("Ressources humaines", ["Quarts à combler : 19", "TSO ce mois : 64"])]
            img = shot_web("Tableau de bord de la performance", "https://intranet.%s.intra/bi/tableau-de-bord" % est[2], cards, rng, fam=fam, fs=fs)
        elif i == 2:
            lines = ["!SIH100   MENU PRINCIPAL                     %s" % dfmt(rdate(rng), "iso"),
                     "", "   1. ADMISSION / DEPART / TRANSFERT", "   2. RENDEZ-VOUS CLINIQUES EXTERNES", "   3. ARCHIVES - DEMANDES DE DOSSIERS",
                     "   4. STATISTIQUES DE CENSUS", "   5. IMPRESSION DES ETIQUETTES", "   6. TABLES DE CODES", "   9. FIN DE SESSION",
                     "", "   CHOIX ===> _", "", "   UTILISATEUR: %s     TERMINAL: T%04d" % (strip_accents(rng.choice(SURNAMES)).upper()[:7], rng.randint(0, 9999)),
                     "", "!F1=AIDE  F3=QUITTER"]
            img = shot_terminal(lines, rng, fs=22, fg=(255, 191, 0), bg=(10, 10, 10))
        elif i == 3:
            rows = []
            for _ in range(7):
                _, g, s = staff(rng, title=False)
                rows.append(["%s %s" % (g, s), "%06d" % rng.randint(100000, 999999), rng.choice(["J", "S", "N", "—"]), rng.choice(["J", "S", "N", "—"]),
                             rng.choice(["J", "S", "N", "—"]), rng.choice(["Inf.", "Inf. aux.", "PAB"])])
            secs = [("title", "Horaire – semaine du %s" % dfmt(rdate(rng), "fr")), ("grid", ["Employé", "Matricule", "Lun", "Mar", "Mer", "Titre"], rows)]
            img = shot_desktop(None, ["Horaires", "Remplacements", "Absences", "Rapports"], secs, rng, app="HoraireSanté (démo)", fam=fam, fs=fs)
        elif i == 4:
            img = shot_dialog("Erreur", ["Une erreur inattendue s'est produite (0x80070005).", "Accès refusé au module Imagerie.",
                                          "Numéro d'incident : INC%07d" % rng.randint(0, 9999999),
                                          "Contactez le centre de services au poste %d." % rng.randint(20000, 69999)], ["OK", "Détails"], rng, fam=fam, fs=fs)
        else:
            cards = [("Biochimie", ["GLU – Glucose – tube gris – 3,6-6,0 mmol/L", "CREA – Créatinine – tube or", "K – Potassium – tube vert"]),
                     ("Hématologie", ["FSC – Formule sanguine – tube lavande", "INR – tube bleu pâle 2,7 mL"]),
                     ("Microbiologie", ["HEMOC – Hémoculture – 2 flacons", "URIC – Culture d'urine – pot stérile"])]
            img = shot_web("Répertoire des analyses", "https://labo.%s.intra/repertoire" % est[2], cards, rng, fam=fam, fs=fs)
        png = to_png(img, colors=64)
        d = fn_date(rng)
        att = leaf("image/png", png, filename=rng.choice(["Capture d’écran %s.png" % d.strftime("%Y-%m-%d %H%M%S"), "image001.png", "capture.png"]),
                   fn_style="rfc2231")
        subj = rng.choice(["Problème recherche", "Tableau de bord", "Menu SIH", "Login error", "Horaire", "Répertoire labo"])
        to = [(None, rng.choice(["soutien@editeur-logiciel-exemple.com", rng.choice(EXTERNAL)]))]
        out.append(("negative", "screenshot", std_message(rng, est, SHOT_NEG[i], [att], subj, to=to, mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: scan (JPEG photos / scans)
# ============================================================================
SCAN_POS = [
    "Bonjour,\n\nVoici la numérisation du document reçu ce matin.",
    "Bonjour,\n\nJ'ai pris une photo avec mon cellulaire, le numériseur de l'unité est brisé.",
    "Bonjour,\n\nDocument numérisé en pièce jointe, tel que demandé.",
    "Hi,\n\nHere is the scan you asked for. Sorry for the quality.",
    "Bonjour,\n\nCi-joint le document signé. L'original suit par courrier interne.",
    "Bonjour,\n\nPhoto du document prise au poste des infirmières.",
    "Bonjour,\n\nVoici le scan pour compléter le dossier de réclamation.",
]
SCAN_NEG = [
    "Bonjour,\n\nVoici le formulaire vierge numérisé, à imprimer au besoin.",
    "Bonjour,\n\nNumérisation de la facture pour paiement.",
    "Bonjour,\n\nPhoto de l'horaire affiché au babillard.",
    "Bonjour,\n\nVoici la feuille de formation numérisée.",
    "Bonjour,\n\nScan de l'avis d'affichage pour diffusion.",
    "Bonjour,\n\nCompte rendu signé, numérisé.",
]


def phone_photo(page, rng):
    """Page on a desk: darker surround, slight rotation, vignette-like border."""
    w, h = page.size
    bg = Image.new("L", (int(w * 1.12), int(h * 1.08)), rng.randint(70, 110))
    pg = page.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, expand=True, fillcolor=bg.getpixel((0, 0)))
    bg.paste(pg, ((bg.size[0] - pg.size[0]) // 2, (bg.size[1] - pg.size[1]) // 2))
    return add_noise(bg, rng, 8, 0.8)


def gen_scan():
    rng = cat_rng("scan")
    out = []
    kinds = [doc_referral, doc_rx, doc_lab, doc_discharge, doc_handover, doc_imaging, doc_consult]
    orients = [6, None, 8, 3, None, 6, None]
    for i in range(7):
        est = rng.choice(ESTABS)
        doc, _ = pos_doc(rng, est, kinds[i], n_multi=5)
        dpi = rng.choice([150, 150, 200])
        fam = rng.choice(["serif", "sans", "cond", "serifc"])
        page = render_page(doc, dpi=dpi, fam=fam, pt=rng.choice([10, 11, 12]), rng=rng, width_in=8.5)
        if i in (1, 5):
            img = phone_photo(page, rng)
            make = rng.choice([("Apple", "iPhone 12"), ("samsung", "SM-G991W"), ("Google", "Pixel 7")])
        else:
            img = scanify(page, rng)
            make = rng.choice([None, ("Canon", "imageRUNNER ADVANCE C5535"), ("RICOH", "IM C3000")])
        if i == 4:  # cropped partial photo
            img = img.crop((0, int(img.size[1] * 0.05), img.size[0], int(img.size[1] * 0.7)))
        if orients[i]:
            img = orient_pixels(img, orients[i])
        data = to_jpeg(img, q=rng.choice([42, 48, 55]), exif_orient=orients[i], make=make, dpi=dpi)
        d = fn_date(rng)
        fname = rng.choice(["IMG_%s_%s.jpg" % (d.strftime("%Y%m%d"), d.strftime("%H%M%S")), "Numérisation_%s.jpg" % d.strftime("%Y%m%d"),
                            "scan%04d.jpg" % rng.randint(0, 9999), "doc%s.jpeg" % d.strftime("%m%d%H%M"), "IMG_%04d.JPG" % rng.randint(1000, 9999)])
        att = leaf(rng.choice(["image/jpeg", "image/jpeg", "image/pjpeg"]), data, filename=fname, fn_style="rfc2231")
        subj = rng.choice(["Document numérisé", "Scan", "Photo du document", "Numérisation %s" % d.strftime("%Y-%m-%d"),
                           "TR: document", "Pièce jointe", "Message from KM_C458"])
        out.append(("positive", "scan", std_message(rng, est, SCAN_POS[i], [att], subj, lang=est[3], mailer=rng.choice(MAILERS))))
    nk = [neg_blank_form, neg_invoice, neg_oncall, neg_training, neg_hr, neg_minutes]
    norients = [None, 6, 8, None, 3, None]
    for i in range(6):
        est = rng.choice(ESTABS)
        doc = nk[i](est, rng)
        dpi = rng.choice([150, 150, 175])
        page = render_page(doc, dpi=dpi, fam=rng.choice(["serif", "sans", "cond"]), pt=rng.choice([10, 11, 12]), rng=rng)
        img = phone_photo(page, rng) if i == 2 else scanify(page, rng)
        if norients[i]:
            img = orient_pixels(img, norients[i])
        data = to_jpeg(img, q=rng.choice([42, 48, 52]), exif_orient=norients[i],
                       make=("Apple", "iPhone 13") if i == 2 else None, dpi=dpi)
        d = fn_date(rng)
        att = leaf("image/jpeg", data, filename=rng.choice(["IMG_%s.jpg" % d.strftime("%Y%m%d_%H%M%S"), "scan_%d.jpg" % rng.randint(1, 999)]))
        subj = rng.choice(["Formulaire", "Facture numérisée", "Horaire", "Formation", "Affichage", "Compte rendu signé"])
        out.append(("negative", "scan", std_message(rng, est, SCAN_NEG[i], [att], subj, mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: inline-image (multipart/related + cid:)
# ============================================================================
def render_label(p, est, rng, scale=1.0):
    """Patient addressograph sticker."""
    fam = rng.choice(["mono", "sans", "cond"])
    fs = int(24 * scale)
    f = font(fam, fs)
    fb = font(bold(fam), fs)
    lines = [(p.rev.upper() + "   " + p.sex, fb), ("NAM : %s   Exp : %s" % (nam_fmt(p, "spaced"), p.nam_exp), f),
             ("Dossier : %s" % p.dossier, f), ("DDN : %s   %d ans" % (dfmt(p.dob, "iso"), p.age), f),
             ("%s" % est[1], f)]
    W = int(max(f.getlength(t) for t, _ in lines) + 60)
    H = int(len(lines) * fs * 1.4 + 40)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([2, 2, W - 3, H - 3], 14, outline=(120, 120, 120), width=2)
    y = 20
    for t, ff in lines:
        d.text((30, y), t, font=ff, fill=(0, 0, 0))
        y += int(fs * 1.4)
    return img


def render_wristband(p, rng):
    W, H = 1300, 220
    img = Image.new("RGB", (W, H), (245, 245, 240))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([10, 20, W - 10, H - 20], 60, fill=(255, 255, 255), outline=(180, 180, 180), width=3)
    d.text((80, 48), p.rev.upper(), font=font("sansb", 34), fill=(0, 0, 0))
    d.text((80, 98), "DDN %s   Doss. %s" % (dfmt(p.dob, "dmy"), p.dossier), font=font("sans", 26), fill=(0, 0, 0))
    d.text((80, 136), "NAM %s" % nam_fmt(p, "compact"), font=font("sans", 26), fill=(0, 0, 0))
    for k in range(40):  # barcode
        x = 860 + k * 9
        if (k * 37 + int(p.dossier[-1])) % 3:
            d.rectangle([x, 55, x + rng.choice([2, 4, 5]), 165], fill=(0, 0, 0))
    return img


def render_table_img(title, hdr, rows, rng, fam=None, fs=None, bg=(255, 255, 255)):
    fam = fam or rng.choice(["sans", "cond", "serif"])
    fs = fs or rng.choice([20, 22, 24])
    tmp = Image.new("RGB", (10, 10))
    d = ImageDraw.Draw(tmp)
    ws = fit_widths(d, hdr, rows, fam, fs, 0)
    W = sum(ws) + 40
    H = int((len(rows) + 1) * fs * 1.6) + 100
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    d.text((20, 18), title, font=font(bold(fam), fs + 2), fill=(0, 0, 0))
    draw_grid(d, 20, 30 + fs + 20, hdr, rows, fam, fs, ws, hdr_bg=rng.choice([(220, 230, 241), (230, 230, 230), (255, 242, 204)]))
    return img


def render_note_img(lines, rng, fam="serif", fs=24, W=1100, bg=(255, 255, 250)):
    f = font(fam, fs)
    H = int(len(lines) * fs * 1.5) + 60
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    y = 30
    for ln in lines:
        d.text((34, y), ln, font=f, fill=(10, 10, 40))
        y += int(fs * 1.5)
    return img


def render_banner(text, sub, rng, W=1000, H=180, col=None):
    col = col or rng.choice([(0, 94, 132), (0, 122, 94), (140, 28, 60), (40, 60, 140)])
    img = Image.new("RGB", (W, H), col)
    d = ImageDraw.Draw(img)
    d.ellipse([30, 30, 150, 150], outline=(255, 255, 255), width=6)
    d.line([90, 50, 90, 130], fill=(255, 255, 255), width=10)
    d.line([50, 90, 130, 90], fill=(255, 255, 255), width=10)
    d.text((190, 40), text, font=font("sansb", 40), fill=(255, 255, 255))
    d.text((190, 105), sub, font=font("sans", 26), fill=(230, 230, 230))
    return img


def render_bar_chart(title, items, rng, W=1000, H=560):
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((30, 20), title, font=font("sansb", 26), fill=(0, 0, 0))
    mx = max(v for _, v in items)
    bw = (W - 120) // len(items)
    for k, (lab, v) in enumerate(items):
        x = 80 + k * bw
        h = int((H - 200) * v / mx)
        d.rectangle([x + 10, H - 90 - h, x + bw - 10, H - 90], fill=(68, 114, 196))
        d.text((x + 12, H - 125 - h), str(v), font=font("sans", 20), fill=(0, 0, 0))
        d.text((x + 8, H - 80), lab, font=font("cond", 20), fill=(0, 0, 0))
    d.line([70, 70, 70, H - 90, W - 20, H - 90], fill=(0, 0, 0), width=2)
    return img


def render_orgchart(est, rng, W=1200, H=560):
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    boxes = [(W // 2, 70, staff(rng)[0], "Directeur des services professionnels")]
    for k in range(3):
        boxes.append((200 + k * 400, 260, staff(rng)[0], rng.choice(["Chef – Médecine", "Chef – Chirurgie", "Chef – Urgence", "Chef – Imagerie"])))
    for k in range(3):
        boxes.append((200 + k * 400, 440, staff(rng, title=False)[0], rng.choice(["Coordonnatrice", "Adjoint clinique", "Gestionnaire"])))
    for x, y, n, r in boxes:
        d.rectangle([x - 180, y - 45, x + 180, y + 45], outline=(40, 60, 120), width=3, fill=(235, 240, 250))
        d.text((x - 170, y - 35), n, font=font("sansb", 22), fill=(0, 0, 0))
        d.text((x - 170, y + 2), r, font=font("cond", 20), fill=(40, 40, 40))
    for k in range(1, 4):
        d.line([W // 2, 115, boxes[k][0], 215], fill=(40, 60, 120), width=2)
        d.line([boxes[k][0], 305, boxes[k + 3][0], 395], fill=(40, 60, 120), width=2)
    return img


def html_with_img(text, cids, rng, widths=None):
    paras = "".join("<p class=MsoNormal>%s</p>" % xesc(p).replace("\n", "<br>") for p in text.split("\n\n"))
    imgs = "".join('<p class=MsoNormal><img width=%d src="cid:%s" alt="%s"></p>' % (w, c, rng.choice(["image", "Image", ""]))
                   for c, w in zip(cids, widths or [700] * len(cids)))
    pos = rng.choice(["after", "middle"])
    if pos == "middle" and "</p>" in paras:
        first, rest = paras.split("</p>", 1)
        body = first + "</p>" + imgs + rest
    else:
        body = paras + imgs
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif}</style></head>'
            '<body lang=FR-CA><div class=WordSection1>%s</div></body></html>' % body)


def cid_of(rng, name="image001.png"):
    return "%s@%08X.%08X" % (name, rng.getrandbits(32), rng.getrandbits(32))


def inline_message(rng, est, text, images, subject, plain_alt=True):
    """images: list of (bytes, mime, filename, display_width)."""
    name, email = sender(est, rng)
    text = text + signature(name, est, rng, est[3])
    cids = [cid_of(rng, fn) for _, _, fn, _ in images]
    html = html_with_img(text, cids, rng, [w for *_, w in images])
    hpart = leaf("text/html", html.encode("utf-8"), rng.choice(["quoted-printable", "base64"]), "utf-8")
    iparts = [leaf(m, b, filename=fn, disp="inline", cid=c) for (b, m, fn, _), c in zip(images, cids)]
    rel = related(hpart, iparts, bnd(rng))
    if plain_alt:
        ptext = text.replace("\n\n", "\n\n") + "\n" + "".join("[cid:%s]\n" % c for c in cids)
        part = multi("alternative", [text_body(ptext, rng), rel], bnd(rng))
    else:
        part = rel
    return make_message((name, email), [(None, rng.choice(EXTERNAL))], subject, part, rng, mailer=rng.choice(MAILERS))


INL_POS = [
    "Bonjour,\n\nVoici l'étiquette du patient pour votre requête, collée ci-dessous.",
    "Bonjour,\n\nJe colle ici l'extrait de l'écran, c'est plus simple que de tout retaper.",
    "Bonjour Dre,\n\nVoici la liste de demain, comme convenu.",
    "Hi,\n\nSee the result below, pasted from the lab system.",
    "Bonjour,\n\nPhoto du bracelet pour confirmer l'identité avant le transfert.",
    "Bonjour,\n\nVoici mes notes de l'appel d'hier.",
    "Bonjour,\n\nExtrait du rapport ci-dessous, le PDF complet ne passe pas.",
]
INL_NEG = [
    "Bonjour à tous,\n\nLa Semaine des soins infirmiers commence lundi! Programme ci-dessous.",
    "Bonjour,\n\nVoici le graphique des visites à l'urgence pour le dernier trimestre.",
    "Bonjour,\n\nNouvel organigramme de la direction, en vigueur dès lundi.",
    "Bonjour,\n\nHoraire des cliniques de vaccination pour le personnel (affiche ci-dessous).",
    "Bonjour,\n\nVoici à quoi ressemble le nouveau formulaire (gabarit vide).",
    "Hi team,\n\nPlease note the new visitor parking rates below.",
]


def gen_inline():
    rng = cat_rng("inline")
    out = []
    for i in range(7):
        est = rng.choice(ESTABS)
        p = person(rng=rng)
        if i == 0:
            img = render_label(p, est, rng)
        elif i == 1:
            b = emr_banner(p, rng)
            img = render_note_img([b[0], b[1], "Allergies : " + rng.choice(ALLERG), "Dx actif : " + rng.choice(DIAG)[0]], rng,
                                  fam="sans", fs=22, W=1250, bg=(255, 248, 204))
        elif i == 2:
            ps = [p] + [person(rng=rng) for _ in range(5)]
            rows = [["%02d:%02d" % (8 + k // 2, 30 * (k % 2)), q.rev, dfmt(q.dob, "dmy"), q.dossier, rng.choice(["Colonoscopie", "Gastroscopie", "Bronchoscopie"])]
                    for k, q in enumerate(ps)]
            img = render_table_img("Programme – endoscopie – %s" % dfmt(rdate(rng), "fr"), ["Heure", "Patient", "DDN", "Dossier", "Examen"], rows, rng)
        elif i == 3:
            rows = lab_rows(rng, 5)
            img = render_table_img("%s  –  MRN %s  –  DOB %s" % (p.full, p.dossier, dfmt(p.dob, "en")), ["Test", "Result", "Units", "Ref", "Flag"], rows, rng)
        elif i == 4:
            img = render_wristband(p, rng)
        elif i == 5:
            img = render_note_img(["Appel reçu %s à 14 h 10" % dfmt(rdate(rng), "iso"),
                                   "Mme %s (DDN %s) rappelle pour ses résultats." % (p.full, dfmt(p.dob, "fr")) if p.sex == "F" else
                                   "M. %s (DDN %s) rappelle pour ses résultats." % (p.full, dfmt(p.dob, "fr")),
                                   "Inquiet%s : %s." % ("e" if p.sex == "F" else "", rng.choice(DIAG)[0].lower()),
                                   "Rappeler au %s après 16 h." % p.phone], rng, fam=rng.choice(["serif", "serifc"]), fs=26)
        else:
            doc = doc_imaging(p, est, rng)
            img = render_page(doc, dpi=110, fam="sans", pt=13, rng=rng, width_in=9).convert("RGB")
            img = img.crop((0, 0, img.size[0], min(img.size[1], 700)))
        if i in (4, 6):
            data, mime, fn = to_jpeg(img.convert("RGB"), q=70), "image/jpeg", "image00%d.jpg" % (i % 3 + 1)
        else:
            data, mime, fn = to_png(img, colors=64), "image/png", "image00%d.png" % (i % 3 + 1)
        subj = rng.choice(["Étiquette", "Extrait dossier", "Liste de demain", "Lab result", "Transfert", "Notes appel", "Rapport"])
        out.append(("positive", "inline-image", inline_message(rng, est, INL_POS[i], [(data, mime, fn, min(img.size[0], 720))], subj, plain_alt=i % 2 == 0)))
    for i in range(6):
        est = rng.choice(ESTABS)
        if i == 0:
            img = render_banner("Semaine des soins infirmiers 2024", "Conférences, kiosques et dîner-causerie – du 6 au 12 mai", rng, W=1100)
        elif i == 1:
            img = render_bar_chart("Visites à l'urgence par mois (toutes priorités)", [(m[:4], rng.randint(3800, 6200)) for m in MOIS[:6]], rng)
        elif i == 2:
            img = render_orgchart(est, rng)
        elif i == 3:
            rows = [[dfmt(rdate(rng), "fr"), "%dh à %dh" % (rng.randint(8, 10), rng.randint(14, 16)), rng.choice(["Cafétéria", "Salle A-210", "Hall principal"])]
                    for _ in range(5)]
            img = render_table_img("Vaccination antigrippale – personnel", ["Date", "Heures", "Lieu"], rows, rng)
        elif i == 4:
            img = render_page(neg_blank_form(est, rng), dpi=100, fam="sans", pt=14, rng=rng).convert("RGB")
        else:
            rows = [["0 – 30 min", "Gratuit"], ["30 min – 2 h", "6,00 $"], ["2 h – 24 h", "14,00 $"], ["Passe mensuelle", "72,00 $"]]
            img = render_table_img("Visitor parking – rates effective April 1", ["Duration", "Rate"], rows, rng)
        data, mime, fn = to_png(img, colors=64), "image/png", "image001.png"
        subj = rng.choice(["Semaine des soins infirmiers", "Statistiques urgence", "Organigramme", "Vaccination", "Nouveau gabarit", "Parking"])
        out.append(("negative", "inline-image", inline_message(rng, est, INL_NEG[i], [(data, mime, fn, min(img.size[0], 700))], subj[:60], plain_alt=i % 2 == 1)))
    return out


# ============================================================================
# Category: small-images (negatives only)
# ============================================================================
def est_logo(est, rng, W=320, H=90):
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    col = rng.choice([(0, 94, 132), (0, 122, 94), (0, 60, 120)])
    d.rectangle([6, 10, 76, 80], fill=col)
    d.text((22, 22), "Q", font=font("serifb", 40), fill=(255, 255, 255))
    words = est[0].split(" ")
    d.text((88, 14), " ".join(words[:2]), font=font("sansb", 18), fill=col)
    d.text((88, 44), " ".join(words[2:])[:28], font=font("sans", 15), fill=(60, 60, 60))
    return img


def icon(rng, glyph, col, size=24):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, size - 1, size - 1], 5, fill=col)
    d.text((size // 4, 1), glyph, font=font("sansb", int(size * 0.7)), fill=(255, 255, 255))
    return img


def gif_pixel():
    b = io.BytesIO()
    Image.new("P", (1, 1), 0).save(b, "GIF", transparency=0)
    return b.getvalue()


def gen_small():
    rng = cat_rng("small")
    out = []
    for i in range(8):
        est = rng.choice(ESTABS)
        name, email = sender(est, rng)
        sig = signature(name, est, rng, est[3])
        if i == 0:
            text = "Bonjour,\n\nJe confirme ma présence à la rencontre du comité des usagers jeudi.\n\nMerci" + sig
            imgs = [(to_png(est_logo(est, rng)), "image/png", "image001.png", 200)]
        elif i == 1:
            text = ("Découvrez nos nouveaux gants d'examen en nitrile sans latex, conformes à la norme ASTM D6319. "
                    "Promotion valable jusqu'au 31 mai pour les établissements de santé.\n\nFournitures Médicales Boréal (fictif)")
            imgs = [(gif_pixel(), "image/gif", "spacer.gif", 1)]
        elif i == 2:
            text = "Bonjour,\n\nMerci pour votre participation au webinaire sur la prévention des chutes.\n\nSuivez-nous sur les réseaux sociaux." + sig
            imgs = [(to_png(icon(rng, g, c)), "image/png", "image00%d.png" % (k + 1), 24) for k, (g, c) in
                    enumerate([("f", (59, 89, 152)), ("in", (0, 119, 181)), ("X", (0, 0, 0)), ("▶", (200, 0, 0))])]
        elif i == 3:
            sigimg = Image.new("RGB", (360, 110), (255, 255, 255))
            d = ImageDraw.Draw(sigimg)
            pts = [(20 + k * 8, 50 + int(25 * ((k * 5) % 7 - 3) / 3)) for k in range(38)]
            d.line(pts, fill=(10, 30, 110), width=3)
            d.text((20, 80), staff(rng)[0] + ", MD", font=font("sans", 16), fill=(60, 60, 60))
            text = ("Bonjour,\n\nVoici ma signature numérisée pour la lettre de recommandation de la résidente. "
                    "Merci de l'apposer sur la version finale." + sig)
            imgs = [(to_png(sigimg), "image/png", "signature.png", 180)]
        elif i == 4:
            text = ("Bonjour,\n\nRéunion Teams : révision du protocole d'ordonnance collective – anticoagulothérapie.\n"
                    "Mardi 10 h à 11 h. Lien dans l'invitation.\n" + sig)
            imgs = [(to_png(icon(rng, "T", (80, 89, 201), 32)), "image/png", "teams.png", 32), (to_png(est_logo(est, rng, 240, 70)), "image/png", "logo.png", 160)]
        elif i == 5:
            text = "Bonjour à tous,\n\nLa Semaine nationale de la sécurité des patients débute lundi. Participez au quiz sur l'identification sécuritaire des usagers!" + sig
            imgs = [(to_png(render_banner("Sécurité des patients", "Du 28 octobre au 1er novembre", rng, W=600, H=110), colors=32), "image/png", "banniere.png", 600)]
        elif i == 6:
            qr = Image.new("1", (29, 29), 1)
            for y in range(29):
                for x in range(29):
                    if rng.random() < 0.45:
                        qr.putpixel((x, y), 0)
            for ox, oy in [(0, 0), (22, 0), (0, 22)]:
                for y in range(7):
                    for x in range(7):
                        qr.putpixel((ox + x, oy + y), 0 if (x in (0, 6) or y in (0, 6) or (2 <= x <= 4 and 2 <= y <= 4)) else 1)
            qr = qr.resize((116, 116), Image.NEAREST)
            text = "Bonjour,\n\nMerci de remplir le sondage sur la satisfaction du personnel (5 minutes). Code QR ci-dessous." + sig
            imgs = [(to_png(qr), "image/png", "qr.png", 116)]
        else:
            em = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
            d = ImageDraw.Draw(em)
            d.ellipse([2, 2, 38, 38], fill=(255, 204, 0))
            d.ellipse([12, 12, 17, 18], fill=(0, 0, 0))
            d.ellipse([23, 12, 28, 18], fill=(0, 0, 0))
            d.arc([10, 14, 30, 32], 20, 160, fill=(0, 0, 0), width=3)
            text = "Merci beaucoup pour ton aide avec l'horaire de garde de la fin de semaine!" + sig
            imgs = [(to_png(em), "image/png", "emoji.png", 20)]
        cids = [cid_of(rng, fn) for _, _, fn, _ in imgs]
        paras = "".join("<p>%s</p>" % xesc(p).replace("\n", "<br>") for p in text.split("\n\n"))
        pix = '<img src="https://suivi.courriel-exemple.com/o/%032x.gif" width="1" height="1" alt="">' % rng.getrandbits(128) if i == 1 else ""
        html = "<html><body>%s%s%s</body></html>" % (paras, "".join('<img src="cid:%s" width="%d">' % (c, w) for c, (_, _, _, w) in zip(cids, imgs)), pix)
        hpart = leaf("text/html", html.encode("utf-8"), "quoted-printable", "utf-8")
        if i == 3:  # signature as a regular attachment
            part = multi("mixed", [hpart, leaf(imgs[0][1], imgs[0][0], filename=imgs[0][2])], bnd(rng))
        else:
            part = related(hpart, [leaf(m, b, filename=fn, disp="inline", cid=c) for (b, m, fn, _), c in zip(imgs, cids)], bnd(rng))
        frm = (name, email) if i != 1 else ("Fournitures Boréal", "promo@fournitures-boreal-exemple.ca")
        to = [(None, rng.choice(EXTERNAL))] if i != 1 else [(None, "approvisionnement.%s@ssss.gouv.qc.ca" % est[2])]
        subj = ["Comité des usagers – présence", "Promo printemps : gants nitrile", "Merci – webinaire chutes", "Signature numérisée",
                "Révision OC anticoagulothérapie", "Semaine de la sécurité des patients", "Sondage satisfaction", "Merci!"][i]
        out.append(("negative", "small-images", make_message(frm, to, subj, part, rng, mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: scanned-pdf (image-only PDF)
# ============================================================================
def paginate(img, dpi, page_h_in=11.0):
    ph = int(page_h_in * dpi)
    pages = []
    for y in range(0, img.size[1], ph):
        pg = Image.new(img.mode, (img.size[0], ph), 255 if img.mode != "1" else 1)
        pg.paste(img.crop((0, y, img.size[0], min(img.size[1], y + ph))), (0, 0))
        pages.append(pg)
    return pages


def to_bilevel(img, thr=150):
    return img.convert("L").point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.Dither.NONE)


def gen_scanned_pdf():
    rng = cat_rng("scanned-pdf")
    out = []
    kinds = [doc_referral, doc_discharge, doc_lab, doc_imaging, doc_patient_list, doc_rx, doc_consult]
    encs = ["jpeg", "g4", "flate1", "jpeg", "g4", "flate1", "g4"]
    bodies = ["Bonjour,\n\nVoici le document numérisé (PDF).", "Bonjour,\n\nNumérisation en PDF jointe, 2 pages.",
              "Hello,\n\nScanned PDF attached.", "Bonjour,\n\nCi-joint le rapport reçu par la poste, numérisé.",
              "Bonjour,\n\nListe numérisée pour la rencontre.", "Bonjour,\n\nVoici la copie numérisée demandée.",
              "Bonjour,\n\nDocument scanné depuis le multifonction du 3e étage."]
    for i in range(7):
        est = rng.choice(ESTABS)
        doc, _ = pos_doc(rng, est, kinds[i], n_multi=9)
        if i == 1:  # make it long enough for two pages
            doc["blocks"] += [("h", "Notes complémentaires"), ("p", "Suivi en clinique externe. " * 30),
                              ("h", "Consultations pendant le séjour"), ("p", "Gériatrie, nutrition, physiothérapie, travail social. " * 12)]
        dpi = 200 if encs[i] != "jpeg" else 150
        page = render_page(doc, dpi=dpi, fam=rng.choice(["serif", "sans", "cond"]), pt=11, rng=rng, min_h_in=11)
        page = scanify(page, rng, amp=6, paper=250, blur=0.4)
        pages = paginate(page, dpi)[:2]
        if encs[i] != "jpeg":
            pages = [to_bilevel(p_) for p_ in pages]
        pdf = pdf_image_pages(pages, dpi, [encs[i]] * len(pages), producer=rng.choice(["ScanSnap Manager #S1300i", "Canon iR-ADV C5535 PDF",
                                                                                     "RICOH IM C3000", "Xerox WorkCentre 7845", "KONICA MINOLTA bizhub C458"]))
        d = fn_date(rng)
        fname = rng.choice(["SCAN_%s.pdf" % d.strftime("%Y%m%d%H%M%S"), "Numérisation %s.pdf" % d.strftime("%Y-%m-%d"), "doc%05d.pdf" % rng.randint(0, 99999),
                            "%s.pdf" % d.strftime("%Y%m%d%H%M%S")])
        att = leaf("application/pdf", pdf, filename=fname, fn_style=rng.choice(["rfc2231", "rfc2047"]))
        subj = rng.choice(["Numérisation", "Document numérisé", "Scanned document", "Message from \"RNP%06X\"" % rng.getrandbits(24), "PDF"])
        out.append(("positive", "scanned-pdf", std_message(rng, est, bodies[i], [att], subj, mailer=rng.choice(MAILERS))))
    nk = [neg_blank_form, neg_invoice, neg_policy, neg_equipment, neg_conference, neg_drug_notice]
    nencs = ["g4", "jpeg", "flate1", "g4", "jpeg", "g4"]
    for i in range(6):
        est = rng.choice(ESTABS)
        doc = nk[i](est, rng)
        if i == 2:
            doc["blocks"] += [("h", "4. Annexe"), ("p", "Liste des moyens de transmission approuvés : messagerie chiffrée, plateforme sécurisée, télécopieur. " * 14)]
        dpi = 200 if nencs[i] != "jpeg" else 150
        page = scanify(render_page(doc, dpi=dpi, fam=rng.choice(["serif", "sans"]), pt=11, rng=rng, min_h_in=11), rng, amp=6, paper=250, blur=0.4)
        pages = paginate(page, dpi)[:2]
        if nencs[i] != "jpeg":
            pages = [to_bilevel(p_) for p_ in pages]
        pdf = pdf_image_pages(pages, dpi, [nencs[i]] * len(pages))
        att = leaf("application/pdf", pdf, filename="SCAN_%s.pdf" % fn_date(rng).strftime("%Y%m%d%H%M%S"))
        out.append(("negative", "scanned-pdf", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Numérisation", "Document", "Scan"]),
                                                           mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: fax-tiff
# ============================================================================
def fax_header_line(img, text, dpi_x):
    d = ImageDraw.Draw(img)
    fs = int(dpi_x * 9 / 72)
    d.rectangle([0, 0, img.size[0], fs + 14], fill=255)
    d.text((20, 6), text, font=font("mono", fs), fill=0)
    return img


def fax_cover(to_name, to_fax, frm_est, n_pages, rng, dpi, note):
    doc = dict(org=[frm_est[1], frm_est[0]], title="TÉLÉCOPIE / FAX", blocks=[
        ("kv", [("Destinataire", to_name), ("Télécopieur", to_fax), ("Expéditeur", staff(rng)[0]),
                ("Téléphone", "%s-%03d-%04d" % (rng.choice(["450", "418", "819"]), rng.randint(200, 989), rng.randint(0, 9999))),
                ("Date", dfmt(rdate(rng), "iso")), ("Nombre de pages", "%d (incluant celle-ci)" % n_pages)]),
        ("p", note),
        ("h", "CONFIDENTIALITÉ"),
        ("p", "Ce document est destiné exclusivement au destinataire. S'il vous parvient par erreur, veuillez nous aviser "
              "immédiatement par téléphone et détruire les pages reçues."),
    ])
    return render_page(doc, dpi=dpi, fam="sans", pt=11, width_in=8.47, min_h_in=11, rng=rng)


def gen_fax():
    rng = cat_rng("fax")
    out = []
    kinds = [doc_referral, doc_lab, doc_rx, doc_discharge, doc_appointments, doc_consult, doc_imaging]
    modes = ["g4", "g4", "grey", "g4", "g4-std", "grey", "g3"]
    for i in range(7):
        est = rng.choice(ESTABS)
        doc, _ = pos_doc(rng, est, kinds[i], n_multi=6)
        dpi = 204 if modes[i] != "grey" else 200
        fam = rng.choice(["sans", "serif", "mono", "cond"])
        pg = render_page(doc, dpi=dpi, fam=fam, pt=11, width_in=8.47, min_h_in=11, rng=rng)
        pages = [fax_cover(rng.choice(["Clinique médicale du Parc", "Pharmacie J.-C. Roy", "GMF des Rivières", "Dr " + rng.choice(SURNAMES)]),
                           "%s-%03d-%04d" % (rng.choice(["514", "450"]), rng.randint(200, 989), rng.randint(0, 9999)), est, 2, rng, dpi,
                           rng.choice(["Voir page suivante.", "Pour suivi, merci.", "Urgent – SVP rappeler à la réception."]))] if i % 2 == 0 else []
        pages.append(pg)
        frames = []
        stamp = fn_date(rng)
        fromnum = "%s %03d %04d" % (rng.choice(["450", "418", "819", "514"]), rng.randint(200, 989), rng.randint(0, 9999))
        for k, pimg in enumerate(pages):
            if modes[i] == "grey":
                pimg = scanify(pimg, rng, skew=rng.uniform(-0.6, 0.6), amp=0, paper=250, blur=0.7).point(lambda v: (v // 32) * 36 if v < 224 else 255)
            else:
                pimg = scanify(pimg, rng, skew=rng.uniform(-0.6, 0.6), amp=14, paper=250, blur=0.5)
            pimg = pimg.crop((0, 0, int(8.47 * dpi), pimg.size[1]))
            hdr = "%s  DE: %s  %-24s  P.%03d/%03d" % (stamp.strftime("%d/%m/%Y %H:%M"), fromnum, strip_accents(est[1])[:24].upper(), k + 1, len(pages))
            if modes[i] == "grey":
                fr = fax_header_line(pimg, hdr, dpi)
            else:
                fr = to_bilevel(fax_header_line(pimg, hdr, dpi), thr=rng.randint(140, 170))
                if modes[i] == "g4-std":
                    fr = fr.resize((fr.size[0], fr.size[1] // 2), Image.NEAREST)
            frames.append(fr)
        b = io.BytesIO()
        if modes[i] == "grey":
            frames[0].save(b, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_adobe_deflate", dpi=(200, 200))
        else:
            comp = {"g4": "group4", "g4-std": "group4", "g3": "group3"}[modes[i]]
            res = (204, 98) if modes[i] == "g4-std" else (204, 196)
            frames[0].save(b, "TIFF", save_all=True, append_images=frames[1:], compression=comp, dpi=res)
        data = b.getvalue()
        fname = rng.choice(["FAX_%s.tif" % stamp.strftime("%Y%m%d_%H%M%S"), "fax%06d.tiff" % rng.randint(0, 999999),
                            "Télécopie %s.tif" % stamp.strftime("%Y-%m-%d"), "RightFax_%d.tif" % rng.randint(10000, 99999)])
        att = leaf(rng.choice(["image/tiff", "image/tiff", "application/octet-stream"]), data, filename=fname, fn_style="rfc2047")
        frm_fax = ("Serveur de télécopie", "fax-%s@ssss.gouv.qc.ca" % est[2])
        body = "Télécopie reçue de %s le %s.\nNombre de pages : %d\nDurée : 0:%02d:%02d\n" % (
            fromnum, stamp.strftime("%Y-%m-%d %H:%M"), len(pages), rng.randint(0, 2), rng.randint(0, 59))
        if rng.random() < 0.5:
            body = "Bonjour,\n\nJe vous fais suivre la télécopie reçue ce matin à l'unité.\n\n" + "> " + body.replace("\n", "\n> ")
        part = multi("mixed", [text_body(body, rng), att], bnd(rng))
        out.append(("positive", "fax-tiff", make_message(frm_fax, [(None, rng.choice(EXTERNAL))], rng.choice(
            ["Télécopie de %s" % fromnum, "Nouvelle télécopie (%d pages)" % len(pages), "FW: Fax reçu", "Fax from %s" % fromnum]), part, rng)))
    nk = [neg_invoice, neg_minutes, neg_blank_form, neg_oncall, neg_equipment, neg_hr]
    for i in range(6):
        est = rng.choice(ESTABS)
        doc = nk[i](est, rng)
        dpi = 204
        pages = [fax_cover("Service des approvisionnements", "514-%03d-%04d" % (rng.randint(200, 989), rng.randint(0, 9999)), est, 2, rng, dpi,
                           "Document administratif – aucune information clinique.")] if i % 2 else []
        pages.append(render_page(doc, dpi=dpi, fam=rng.choice(["sans", "serif", "mono"]), pt=11, width_in=8.47, min_h_in=11, rng=rng))
        stamp = fn_date(rng)
        frames = []
        for k, pimg in enumerate(pages):
            pimg = scanify(pimg, rng, skew=rng.uniform(-0.6, 0.6), amp=14, paper=250, blur=0.5).crop((0, 0, int(8.47 * dpi), int(11 * dpi)))
            frames.append(to_bilevel(fax_header_line(pimg, "%s  FAX 514 %03d %04d  P.%03d/%03d" % (stamp.strftime("%Y-%m-%d %H:%M"), rng.randint(200, 989),
                                                                                                 rng.randint(0, 9999), k + 1, len(pages)), dpi)))
        b = io.BytesIO()
        frames[0].save(b, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(204, 196))
        att = leaf("image/tiff", b.getvalue(), filename="FAX_%s.tif" % stamp.strftime("%Y%m%d_%H%M%S"))
        body = "Télécopie reçue le %s.\nNombre de pages : %d\n" % (stamp.strftime("%Y-%m-%d %H:%M"), len(pages))
        part = multi("mixed", [text_body(body, rng), att], bnd(rng))
        out.append(("negative", "fax-tiff", make_message(("Serveur de télécopie", "fax-%s@ssss.gouv.qc.ca" % est[2]), [(None, rng.choice(EXTERNAL))],
                                                         "Nouvelle télécopie (%d pages)" % len(pages), part, rng)))
    return out


# ============================================================================
# Category: office-embedded-image
# ============================================================================
def docx_with_image(paras, img_bytes, ext, size_px, core=None, after=True):
    cx, cy = size_px[0] * EMU, size_px[1] * EMU
    if cx > 5900000:
        cy = int(cy * 5900000 / cx)
        cx = 5900000
    body = "".join(w_p(t) for t in paras)
    pic = "<w:p>%s</w:p>" % drawing_xml("rIdImg1", cx, cy, 1)
    body = body + pic if after else pic + body
    return make_docx(body, images=[("rIdImg1", "image1." + ext, img_bytes)], core=core)


def gen_office_embedded():
    rng = cat_rng("office-embedded")
    out = []
    bodies = ["Bonjour,\n\nVoir le document Word ci-joint.", "Bonjour,\n\nJe vous joins le fichier pour le suivi.",
              "Bonjour,\n\nFichier Excel de suivi ci-joint.", "Bonjour,\n\nVoici la présentation pour la tournée de jeudi.",
              "Bonjour,\n\nDocument joint, tel que discuté.", "Hello,\n\nSpreadsheet attached.", "Bonjour,\n\nPrésentation jointe."]
    for i in range(7):
        est = rng.choice(ESTABS)
        p = person(rng=rng)
        if i == 0:
            img = shot_desktop(emr_banner(p, rng), ["Sommaire", "Résultats", "Notes"], [("title", "Médication active"),
                               ("grid", ["Médicament", "Début", "Prescripteur"], [[m, dfmt(rdate(rng), "iso"), staff(rng)[0]] for m in rng.sample(MEDS, 5)])],
                               rng, W=1280, H=720, fam="sans", fs=21)
            data = docx_with_image(["Problème rencontré lors de la consultation de la médication.", "Étapes pour reproduire : ouvrir l'onglet, actualiser.",
                                    "Capture :"], to_png(img, colors=64), "png", img.size)
            att = leaf(MIME_DOCX, data, filename="Rapport de bogue %d.docx" % rng.randint(100, 999), fn_style="rfc2231")
        elif i == 1:
            doc = doc_referral(p, est, rng)
            pg = scanify(render_page(doc, dpi=120, fam="serif", pt=12, rng=rng), rng, amp=6)
            data = docx_with_image(["Pièce jointe numérisée ci-dessous."], to_jpeg(pg, q=55), "jpeg", (pg.size[0] // 2, pg.size[1] // 2), after=True)
            att = leaf(MIME_DOCX, data, filename="Document1.docx")
        elif i == 2:
            img = render_label(p, est, rng)
            rows = [["Suivi des demandes – imagerie", "", ""], ["Étape", "Date", "Responsable"],
                    ["Réception", dfmt(rdate(rng), "iso"), "Secrétariat"], ["Priorisation", dfmt(rdate(rng), "iso"), "Radiologiste"]]
            data = make_xlsx([("Suivi", rows, None)], image=(0, to_png(img, colors=32), img.size[0] * EMU, img.size[1] * EMU))
            att = leaf(MIME_XLSX, data, filename="suivi_demande.xlsx")
        elif i == 3:
            rows = lab_rows(rng, 6)
            img = render_table_img("%s  (%s)  –  dossier %s" % (p.rev, dfmt(p.dob, "iso"), p.dossier), ["Analyse", "Résultat", "Unités", "Réf.", ""], rows, rng)
            png = to_png(img, colors=64)
            cx = 10000000
            cy = int(cx * img.size[1] / img.size[0])
            slides = [dict(shapes=[p_textbox(2, 600000, 300000, 11000000, 900000, ["Tournée clinique – cas de la semaine"], 3600, True)]),
                      dict(shapes=[p_textbox(2, 600000, 200000, 11000000, 700000, ["Bilan à l'admission"], 2800, True),
                                   p_pic(3, "rIdImg1", 900000, 1100000, cx, min(cy, 5400000))], images=[("rIdImg1", "image1.png", png)])]
            data = make_pptx(slides)
            att = leaf(MIME_PPTX, data, filename="Tournee_%s.pptx" % fn_date(rng).strftime("%Y%m%d"))
        elif i == 4:
            img = render_wristband(p, rng)
            data = docx_with_image(["Photo prise à l'arrivée du transfert interétablissement.", "Vérification de l'identité : OK."],
                                   to_jpeg(img, q=70), "jpeg", img.size)
            att = leaf(MIME_DOCX, data, filename="verification identite.docx")
        elif i == 5:
            ps = [person(rng=rng) for _ in range(6)]
            img = render_table_img("Clinic list – %s" % dfmt(rdate(rng), "en"), ["Time", "Patient", "MRN", "DOB"],
                                   [["%02d:%02d" % (9 + k // 2, 30 * (k % 2)), q.full, q.dossier, dfmt(q.dob, "en")] for k, q in enumerate(ps)], rng)
            data = make_xlsx([("Sheet1", [["Clinic list (see picture)"], ["Prepared by", staff(rng)[0]]], None)],
                             image=(0, to_png(img, colors=48), img.size[0] * EMU, img.size[1] * EMU))
            att = leaf(MIME_XLSX, data, filename="clinic_list.xlsx")
        else:
            doc = doc_imaging(p, est, rng)
            img = render_page(doc, dpi=96, fam="sans", pt=15, rng=rng, width_in=11).convert("RGB")
            png = to_png(img, colors=32)
            cx = 10500000
            cy = int(cx * img.size[1] / img.size[0])
            slides = [dict(shapes=[p_textbox(2, 600000, 150000, 11000000, 600000, ["Rapport"], 2400, True),
                                   p_pic(3, "rIdImg1", 800000, 800000, cx, min(cy, 5900000))], images=[("rIdImg1", "image1.png", png)])]
            data = make_pptx(slides)
            att = leaf(MIME_PPTX, data, filename="Presentation1.pptx")
        out.append(("positive", "office-embedded-image", std_message(rng, est, bodies[i], [att], rng.choice(
            ["Document", "Fichier joint", "Suivi", "Tournée clinique", "Transfert", "Clinic list", "Présentation"]), mailer=rng.choice(MAILERS))))
    for i in range(6):
        est = rng.choice(ESTABS)
        if i == 0:
            logo = est_logo(est, rng, 480, 130)
            data = docx_with_image(["Note de service", "Objet : fermeture temporaire du stationnement P2 pour travaux de réfection.",
                                    "Merci de votre collaboration."], to_png(logo), "png", logo.size, after=False)
            att = leaf(MIME_DOCX, data, filename="Note de service stationnement.docx", fn_style="rfc2231")
        elif i == 1:
            img = render_bar_chart("Taux d'infections nosocomiales (/10 000 jours-présence)", [(m[:4], rng.randint(2, 12)) for m in MOIS[3:9]], rng)
            data = make_xlsx([("Indicateurs", [["Indicateur", "Cible", "Résultat"], ["C. difficile", 4.5, 5.1], ["SARM", 1.0, 0.8]], None)],
                             image=(0, to_png(img, colors=32), img.size[0] * EMU, img.size[1] * EMU))
            att = leaf(MIME_XLSX, data, filename="indicateurs_PCI.xlsx")
        elif i == 2:
            img = render_orgchart(est, rng)
            slides = [dict(shapes=[p_textbox(2, 600000, 200000, 11000000, 700000, ["Nouvelle structure – DSP"], 3200, True),
                                   p_pic(3, "rIdImg1", 900000, 1100000, 10000000, int(10000000 * img.size[1] / img.size[0]))],
                           images=[("rIdImg1", "image1.png", to_png(img, colors=32))])]
            att = leaf(MIME_PPTX, make_pptx(slides), filename="Organigramme DSP.pptx")
        elif i == 3:
            lab = Image.new("RGB", (700, 260), (235, 235, 235))
            d = ImageDraw.Draw(lab)
            d.rectangle([10, 10, 690, 250], outline=(0, 0, 0), width=3)
            d.text((30, 30), "Pompe volumétrique – Modèle PV-300", font=font("sansb", 26), fill=(0, 0, 0))
            d.text((30, 90), "SN %08d   REF %04d-%03d" % (rng.randint(0, 99999999), rng.randint(0, 9999), rng.randint(0, 999)), font=font("mono", 24), fill=(0, 0, 0))
            d.text((30, 140), "Actif ACT-%06d   Fab. 2019-11" % rng.randint(0, 999999), font=font("mono", 24), fill=(0, 0, 0))
            d.text((30, 190), "100-240 V ~ 50/60 Hz   IPX4", font=font("sans", 22), fill=(0, 0, 0))
            data = docx_with_image(["Rapport de bris – équipement biomédical", "Description : alarme d'occlusion intempestive.",
                                    "Photo de la plaque signalétique :"], to_jpeg(add_noise(lab.convert("L"), rng, 6), q=65), "jpeg", lab.size)
            att = leaf(MIME_DOCX, data, filename="rapport_bris.docx")
        elif i == 4:
            img = render_page(neg_blank_form(est, rng), dpi=96, fam="sans", pt=14, rng=rng).convert("RGB")
            slides = [dict(shapes=[p_textbox(2, 600000, 200000, 11000000, 700000, ["Formation – nouveau formulaire"], 3000, True),
                                   p_pic(3, "rIdImg1", 2500000, 900000, 7000000, min(5800000, int(7000000 * img.size[1] / img.size[0])))],
                           images=[("rIdImg1", "image1.png", to_png(img, colors=32))])]
            att = leaf(MIME_PPTX, make_pptx(slides), filename="Formation formulaire.pptx")
        else:
            rows = []
            for _ in range(6):
                nm = staff(rng, title=False)[0]
                rows.append([nm, rng.choice(["J", "S", "N"]), rng.choice(["J", "S", "N", "—"]), rng.choice(["J", "—"]), "%06d" % rng.randint(0, 999999)])
            img = render_table_img("Horaire – semaine 14", ["Employé", "Lun", "Mar", "Mer", "Matricule"], rows, rng)
            data = make_xlsx([("Horaire", [["Horaire de l'unité (image ci-dessous)"]], None)], image=(0, to_png(img, colors=32), img.size[0] * EMU, img.size[1] * EMU))
            att = leaf(MIME_XLSX, data, filename="horaire_semaine14.xlsx")
        out.append(("negative", "office-embedded-image", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(
            ["Note de service", "Indicateurs PCI", "Organigramme", "Rapport de bris", "Formation", "Horaire"]), mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: office-hidden-parts
# ============================================================================
HARMLESS_PARAS = [
    "Objet : programme d'exercices à domicile après une chirurgie de la hanche.",
    "Les exercices suivants doivent être faits deux fois par jour, sans douleur excessive.",
    "1. Flexion de la cheville, 20 répétitions. 2. Contraction des fessiers, 10 répétitions de 5 secondes.",
    "3. Abduction de la hanche couché sur le dos, 10 répétitions. Arrêter en cas de douleur vive.",
    "Communiquez avec l'équipe de réadaptation pour toute question.",
]
POLICY_PARAS = [
    "Guide de pratique – prévention des chutes en courte durée.",
    "L'évaluation du risque de chute est réalisée à l'admission et à chaque changement de l'état clinique.",
    "Les mesures universelles comprennent : cloche d'appel à portée, lit en position basse, éclairage adéquat.",
    "Les mesures spécifiques sont ajustées selon le score obtenu à l'échelle de Morse.",
]


def gen_office_hidden():
    rng = cat_rng("office-hidden")
    out = []
    for i in range(7):
        est = rng.choice(ESTABS)
        p = person(rng=rng)
        if i == 0:
            hdr = w_p("%s – Dossier %s – DDN %s" % (p.rev, dossier_fmt(p, rng), dfmt(p.dob, "iso")))
            ftr = w_p("NAM %s   |   %s" % (nam_fmt(p, "spaced"), est[1]))
            data = make_docx("".join(w_p(t) for t in HARMLESS_PARAS), header=hdr, footer=ftr)
            fn, mime = "Programme exercices.docx", MIME_DOCX
        elif i == 1:
            body = w_p(POLICY_PARAS[0], True) + '<w:p><w:commentRangeStart w:id="0"/>%s<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>' % w_run(POLICY_PARAS[1])
            body += "".join(w_p(t) for t in POLICY_PARAS[2:])
            cm = [(0, staff(rng, title=False)[0], "Exemple vécu cette semaine : %s, %d ans, dossier %s, chute la nuit du %s (fracture du poignet). À anonymiser avant diffusion!" % (
                p.full, p.age, p.dossier, dfmt(rdate(rng), "fr")))]
            data = make_docx(body, comments=cm)
            fn, mime = "Guide chutes v3 – commentaires.docx", MIME_DOCX
        elif i == 2:
            body = w_p("Lettre d'appui – demande de financement du programme de suivi post-AVC", True)
            body += '<w:p>%s<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>%s</w:p>' % (
                w_run("Notre équipe a suivi plus de 300 usagers l'an dernier, avec une réduction marquée des réadmissions"), w_run("."))
            body += w_p("Nous appuyons sans réserve la poursuite du programme.")
            fnotes = [(1, "Cas type : %s (NAM %s), %s, réadmis deux fois en 2023 avant l'inscription au programme." % (
                p.full, nam_fmt(p, "compact"), rng.choice(DIAG)[0].lower()))]
            data = make_docx(body, footnotes=fnotes, core=core_xml("Lettre d'appui", staff(rng, title=False)[0]))
            fn, mime = "Lettre appui programme AVC.docx", MIME_DOCX
        elif i == 3:
            body = w_p("Compte rendu – rencontre interdisciplinaire", True)
            body += ('<w:p>%s<w:del w:id="1" w:author="%s" w:date="2024-03-07T15:02:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del>'
                     '<w:ins w:id="2" w:author="%s" w:date="2024-03-07T15:02:00Z">%s</w:ins></w:p>') % (
                w_run("Cas discuté : "), staff(rng, title=False)[0],
                "%s, né%s le %s, dossier %s, %s" % (p.rev, "e" if p.sex == "F" else "", dfmt(p.dob, "fr"), p.dossier, rng.choice(DIAG)[0].lower()),
                staff(rng, title=False)[0], w_run("usager A (anonymisé)"))
            body += w_p("Décisions : augmenter les services à domicile, réévaluation dans un mois.")
            data = make_docx(body)
            fn, mime = "CR rencontre interdisciplinaire.docx", MIME_DOCX
        elif i == 4:
            ps = [p] + [person(rng=rng) for _ in range(6)]
            s1 = [["Indicateur", "Valeur"], ["Nombre d'admissions", len(ps) * 17], ["Durée moyenne de séjour (j)", 8.4], ["Réadmissions 30 j", 3]]
            s2 = [["Nom", "Prénom", "DDN", "NAM", "Dossier", "Diagnostic"]] + [
                [q.surname.upper(), q.given, q.dob.isoformat(), q.nam, q.dossier, rng.choice(DIAG)[0]] for q in ps]
            data = make_xlsx([("Sommaire", s1, None), ("Données", s2, "hidden")])
            fn, mime = "Indicateurs_unite_P%d.xlsx" % rng.randint(1, 13), MIME_XLSX
        elif i == 5:
            s1 = [["Mois", "Consultations", "Délai moyen (j)"]] + [[m, rng.randint(80, 190), rng.randint(5, 40)] for m in MOIS[:6]]
            cm = {0: [("C4", staff(rng, title=False)[0], "Délai gonflé par %s (%s, NAM %s) : 3 reports à sa demande." % (
                p.full, dfmt(p.dob, "dmy"), nam_fmt(p, "spaced")))]}
            data = make_xlsx([("Délais", s1, None)], comments=cm)
            fn, mime = "delais_consultation.xlsx", MIME_XLSX
        else:
            slides = [dict(shapes=[p_textbox(2, 600000, 500000, 11000000, 1200000, ["Délirium chez la personne âgée hospitalisée"], 3600, True),
                                   p_textbox(3, 600000, 2000000, 11000000, 2000000, ["Reconnaître – Prévenir – Traiter", "Midi-conférence, service de gériatrie"], 2000)],
                           notes=["Commencer avec le cas de %s, %d ans (dossier %s), vu au 4e la semaine dernière : %s." % (
                               p.full, p.age, p.dossier, rng.choice(DIAG)[0].lower()), "Insister sur la CAM et l'histoire collatérale de la famille."]),
                      dict(shapes=[p_textbox(2, 600000, 300000, 11000000, 800000, ["Facteurs de risque"], 3000, True),
                                   p_textbox(3, 600000, 1400000, 11000000, 4000000, ["Âge > 75 ans", "Trouble cognitif", "Polypharmacie", "Immobilisation"], 2200)],
                           notes=["Même patient%s : NAM %s, 11 médicaments à l'admission." % ("e" if p.sex == "F" else "", nam_fmt(p, "spaced"))])]
            data = make_pptx(slides)
            fn, mime = "Midi-conference delirium.pptx", MIME_PPTX
        att = leaf(mime, data, filename=fn, fn_style=rng.choice(["rfc2231", "rfc2047"]))
        out.append(("positive", "office-hidden-parts", std_message(rng, est, rng.choice(COVER_NEG + COVER_POS[:2]), [att],
                                                                   rng.choice(["Document pour révision", "Version finale", "Pour diffusion", "Présentation", "Indicateurs"]),
                                                                   mailer=rng.choice(MAILERS))))
    for i in range(6):
        est = rng.choice(ESTABS)
        if i == 0:
            data = make_docx("".join(w_p(t) for t in POLICY_PARAS), header=w_p("CONFIDENTIEL – Usage interne seulement"),
                             footer=w_p("PR-%03d v2.1 – Page 1 de 1 – Révisé le %s" % (rng.randint(1, 400), dfmt(rdate(rng), "iso"))))
            fn, mime = "Guide chutes.docx", MIME_DOCX
        elif i == 1:
            body = w_p(HARMLESS_PARAS[0], True) + '<w:p><w:commentRangeStart w:id="0"/>%s<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>' % w_run(HARMLESS_PARAS[1])
            body += "".join(w_p(t) for t in HARMLESS_PARAS[2:])
            data = make_docx(body, comments=[(0, staff(rng, title=False)[0], "Reformuler : « deux fois par jour » → « matin et soir ». Valider avec la physio (poste 45123).")])
            fn, mime = "Exercices hanche – révision.docx", MIME_DOCX
        elif i == 2:
            body = w_p("Politique sur l'utilisation du courriel", True)
            body += ('<w:p>%s<w:del w:id="1" w:author="%s" w:date="2024-02-01T10:00:00Z"><w:r><w:delText>30 jours</w:delText></w:r></w:del>'
                     '<w:ins w:id="2" w:author="%s" w:date="2024-02-01T10:00:00Z">%s</w:ins>%s</w:p>') % (
                w_run("Les courriels sont conservés pendant "), staff(rng, title=False)[0], staff(rng, title=False)[0], w_run("90 jours"),
                w_run(" puis archivés."))
            data = make_docx(body, footnotes=[(1, "Voir la Loi sur les archives et le calendrier de conservation de l'établissement.")])
            fn, mime = "Politique courriel.docx", MIME_DOCX
        elif i == 3:
            s1 = [["Poste budgétaire", "Budget", "Réel"], ["Fournitures médicales", 250000, 271344], ["Médicaments", 1200000, 1184220]]
            s2 = [["Centre d'activité", "Code", "Gestionnaire"]] + [[rng.choice(["Soins infirmiers 4N", "Bloc opératoire", "Urgence", "Pharmacie"]),
                                                                     "%04d-%04d" % (rng.randint(6000, 7999), rng.randint(0, 9999)), staff(rng, title=False)[0]] for _ in range(5)]
            data = make_xlsx([("Budget", s1, None), ("Codes", s2, "hidden")])
            fn, mime = "budget_2024.xlsx", MIME_XLSX
        elif i == 4:
            s1 = [["Équipement", "No série", "Statut"]] + [[rng.choice(["Moniteur", "Pompe", "Lit"]), "SN%08d" % rng.randint(0, 99999999), "En service"] for _ in range(5)]
            data = make_xlsx([("Inventaire", s1, None)], comments={0: [("B3", staff(rng, title=False)[0], "Vérifier avec le génie biomédical, garantie échue le 2024-06-30.")]})
            fn, mime = "inventaire_equipements.xlsx", MIME_XLSX
        else:
            slides = [dict(shapes=[p_textbox(2, 600000, 500000, 11000000, 1200000, ["Bilan annuel – Urgence"], 3600, True)],
                           notes=["Remercier %s et %s pour le projet d'accueil clinique." % (staff(rng)[0], staff(rng, title=False)[0]),
                                  "Mentionner la baisse de 12 % de la DMS sur civière."]),
                      dict(shapes=[p_textbox(2, 600000, 300000, 11000000, 800000, ["Volumes"], 3000, True),
                                   p_textbox(3, 600000, 1400000, 11000000, 4000000, ["Visites : 61 240", "Admissions : 9 812"], 2200)],
                           notes=["Les chiffres proviennent du tableau de bord ministériel, période 13."])]
            data = make_pptx(slides)
            fn, mime = "Bilan urgence.pptx", MIME_PPTX
        att = leaf(mime, data, filename=fn, fn_style="rfc2231")
        out.append(("negative", "office-hidden-parts", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(
            ["Pour révision", "Version commentée", "Politique", "Budget", "Inventaire", "Bilan"]), mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: fillable-pdf (AcroForm, data only in /V)
# ============================================================================
def gen_fillable():
    rng = cat_rng("fillable")
    out = []
    cfg = [("latin1", False, False, False), ("utf16", True, False, False), ("octal", False, True, False), ("latin1", True, False, True),
           ("utf16", False, True, True), ("latin1", False, False, False), ("utf16", True, False, False)]
    for i in range(7):
        est = rng.choice(ESTABS)
        p = person(rng=rng)
        mode, comp, hier, indirect = cfg[i]
        if i == 0:
            title = "Demande de consultation"
            fields = [("Nom de l'usager", "nom", p.surname.upper(), "tx"), ("Prénom", "prenom", p.given, "tx"),
                      ("Date de naissance", "ddn", dfmt(p.dob, "iso"), "tx"), ("NAM", "nam", nam_fmt(p, "spaced"), "tx"),
                      ("Raison", "raison", rng.choice(DIAG)[0], "multi"), ("Urgent", "urgent", True, "cb")]
        elif i == 1:
            title = "Requête d'examen en imagerie"
            fields = [("Usager", "usager", p.rev, "tx"), ("No dossier", "dossier", p.dossier, "tx"),
                      ("Examen demandé", "examen", rng.choice(["TDM cérébrale", "Échographie pelvienne", "IRM lombaire"]), "tx"),
                      ("Renseignements cliniques", "rc", rng.choice(DIAG)[0] + ". " + rng.choice(ALLERG), "multi"),
                      ("Grossesse possible", "grossesse", False, "cb")]
        elif i == 2:
            title = "Formulaire de transfert interétablissement"
            fields = [("Nom, prénom", "nomprenom", p.rev, "tx"), ("Né(e) le", "ddn", dfmt(p.dob, "fr"), "tx"),
                      ("Établissement receveur", "dest", rng.choice(ESTABS)[1], "tx"), ("Diagnostic", "dx", rng.choice(DIAG)[0], "tx"),
                      ("Isolement requis", "iso", rng.random() < 0.5, "cb")]
        elif i == 3:
            title = "Ordonnance – renouvellement"
            fields = [("Patient", "patient", p.full, "tx"), ("NAM", "nam", nam_fmt(p, "compact"), "tx"),
                      ("Médicament 1", "med1", rng.choice(MEDS), "tx"), ("Médicament 2", "med2", rng.choice(MEDS), "tx"),
                      ("Prescripteur", "md", staff(rng)[0], "tx")]
        elif i == 4:
            title = "Laboratory requisition"
            fields = [("Patient name", "name", p.full, "tx"), ("Date of birth", "dob", dfmt(p.dob, "en"), "tx"),
                      ("MRN", "mrn", p.dossier, "tx"), ("Tests", "tests", "CBC, lytes, creatinine, HbA1c", "tx"),
                      ("Clinical info", "clin", rng.choice(DIAG)[1], "multi"), ("Fasting", "fasting", True, "cb")]
        elif i == 5:
            title = "Demande de services – soutien à domicile (CLSC)"
            fields = [("Nom", "nom", p.full, "tx"), ("Adresse", "adresse", "%s, %s" % (p.street, p.city), "tx"),
                      ("Téléphone", "tel", p.phone, "tx"), ("Date de naissance", "ddn", dfmt(p.dob, "dmy"), "tx"),
                      ("Besoins", "besoins", "Soins de plaie, %s. Vit seul%s." % (rng.choice(DIAG)[0].lower(), "e" if p.sex == "F" else ""), "multi")]
        else:
            title = "Formulaire de déclaration de maladie à déclaration obligatoire"
            fields = [("Nom de la personne", "personne", p.rev, "tx"), ("Date de naissance", "ddn", dfmt(p.dob, "iso"), "tx"),
                      ("NAM", "nam", nam_fmt(p, "dash"), "tx"), ("Maladie", "mado", rng.choice(["Tuberculose pulmonaire", "Coqueluche", "Rougeole", "Hépatite C"]), "tx"),
                      ("Date de début des symptômes", "debut", dfmt(rdate(rng), "iso"), "tx")]
        pdf = pdf_form(title, est_header(est), fields, rng, values_mode=mode, compress=comp, hierarchical=hier, indirect_values=indirect)
        fname = rng.choice(["%s.pdf" % ascii_slug(title)[:24], "formulaire_rempli.pdf", "Formulaire %s.pdf" % title.split(" ")[0]])
        att = leaf("application/pdf", pdf, filename=fname, fn_style="rfc2231")
        out.append(("positive", "fillable-pdf", std_message(rng, est, rng.choice(["Bonjour,\n\nVoici le formulaire rempli.", "Bonjour,\n\nFormulaire complété ci-joint.",
                                                                                 "Hello,\n\nCompleted form attached.", "Bonjour,\n\nLe PDF rempli est en pièce jointe."]),
                                                            [att], rng.choice(["Formulaire", "Formulaire rempli", "Form", "Demande"]), mailer=rng.choice(MAILERS))))
    for i in range(6):
        est = rng.choice(ESTABS)
        _, g, s = staff(rng, title=False)
        if i == 0:
            title, fields = "Demande de consultation", [("Nom de l'usager", "nom", "", "tx"), ("Prénom", "prenom", "", "tx"), ("Date de naissance", "ddn", "", "tx"),
                                                        ("NAM", "nam", "", "tx"), ("Raison", "raison", "", "multi"), ("Urgent", "urgent", False, "cb")]
        elif i == 1:
            title, fields = "Demande de congé annuel", [("Nom de l'employé", "employe", "%s %s" % (g, s), "tx"), ("Matricule", "matricule", "%06d" % rng.randint(0, 999999), "tx"),
                                                        ("Du", "du", dfmt(rdate(rng), "iso"), "tx"), ("Au", "au", dfmt(rdate(rng), "iso"), "tx"),
                                                        ("Service", "service", rng.choice(SERVICES_FR), "tx")]
        elif i == 2:
            title, fields = "Demande d'équipement", [("Demandeur", "demandeur", "%s %s" % (g, s), "tx"), ("Unité", "unite", "4 Nord", "tx"),
                                                     ("Équipement", "equip", "Lève-personne mobile", "tx"), ("Centre d'activité", "ca", "%04d-%04d" % (rng.randint(6000, 7999), rng.randint(0, 9999)), "tx"),
                                                     ("Justification", "just", "Remplacement d'un appareil hors service depuis le %s." % dfmt(rdate(rng), "fr"), "multi")]
        elif i == 3:
            title, fields = "Inscription – formation RCR", [("Nom", "nom", "%s %s" % (g, s), "tx"), ("Titre d'emploi", "titre", "Infirmière clinicienne", "tx"),
                                                            ("Date choisie", "date", dfmt(rdate(rng), "fr"), "tx"), ("Recertification", "recert", True, "cb")]
        elif i == 4:
            title, fields = "Réclamation de frais de déplacement", [("Nom", "nom", "%s %s" % (g, s), "tx"), ("No employé", "noemp", "%07d" % rng.randint(0, 9999999), "tx"),
                                                                    ("Kilométrage", "km", "184 km", "tx"), ("Montant", "montant", "94,76 $", "tx"),
                                                                    ("Motif", "motif", "Formation régionale en prévention des infections", "multi")]
        else:
            title, fields = "Demande de consultation (exemple)", [("Nom de l'usager", "nom", "NOM", "tx"), ("Prénom", "prenom", "Prénom", "tx"),
                                                                  ("Date de naissance", "ddn", "AAAA-MM-JJ", "tx"), ("NAM", "nam", "XXXX 0000 0000", "tx"),
                                                                  ("Raison", "raison", "Inscrire la raison de la consultation", "multi")]
        pdf = pdf_form(title, est_header(est), fields, rng, values_mode=rng.choice(["latin1", "utf16"]), compress=rng.random() < 0.5)
        att = leaf("application/pdf", pdf, filename="%s.pdf" % ascii_slug(title)[:24])
        out.append(("negative", "fillable-pdf", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Formulaire", "Gabarit", "Demande"]), mailer=rng.choice(MAILERS))))
    return out


# ============================================================================
# Category: legacy-office (.doc / .xls / .ppt through LibreOffice)
# ============================================================================
def gen_legacy():
    rng = cat_rng("legacy")
    out = []
    plan = ["doc", "doc", "xls", "xls", "doc", "xls", "ppt"]
    for i, kind in enumerate(plan):
        est = rng.choice(ESTABS)
        if kind == "doc":
            k = [doc_discharge, doc_referral, None, None, doc_appointments][i]
            doc, ps = pos_doc(rng, est, k, n_multi=8)
            data = lo_convert(doc_to_fodt(doc, header_text=est[1] if i == 1 else None).encode("utf-8"), "fodt", 'doc:MS Word 97')
            fn, mime = {0: "resume_conge.doc", 1: "Demande consultation.doc", 4: "liste_rdv.doc"}[i], rng.choice(["application/msword", "application/msword", "application/octet-stream"])
        elif kind == "xls":
            ps = [person(rng=rng) for _ in range(rng.randint(5, 9))]
            if i == 2:
                rows = [["Lit", "Nom", "Prénom", "Date de naissance", "No dossier", "Diagnostic"]] + [
                    ["%d" % (401 + k), q.surname.upper(), q.given, dfmt(q.dob, "dmy"), q.dossier, rng.choice(DIAG)[0]] for k, q in enumerate(ps)]
                sheets = [("Census", rows)]
            elif i == 3:
                p = ps[0]
                rows = [["Patient", p.rev, "", "NAM", p.nam], ["DDN", p.dob.isoformat(), "", "Dossier", p.dossier], [],
                        ["Date", "Hb", "Créatinine", "K", "INR"]] + [[dfmt(rdate(rng), "iso"), rng.randint(85, 150), rng.randint(60, 240),
                                                                     round(rng.uniform(3.1, 5.9), 1), round(rng.uniform(0.9, 3.5), 1)] for _ in range(8)]
                sheets = [("Suivi", rows)]
            else:
                rows = [["Chambre", "Usager", "Âge", "Dx", "Allergies", "Note"]] + [
                    ["%d" % rng.randint(1, 30), q.full, q.age, rng.choice(DIAG)[0], rng.choice(ALLERG), rng.choice(["Risque de chute", "NPO", "Isolement"])] for q in ps]
                sheets = [("Rapport", rows), ("Feuil2", [[""]])]
            data = lo_convert(rows_to_fods(sheets).encode("utf-8"), "fods", "xls:MS Excel 97")
            fn, mime = {2: "census.xls", 3: "suivi_labo.xls", 5: "rapport_quart.xls"}[i], "application/vnd.ms-excel"
        else:
            p = person(rng=rng)
            slides = [("Présentation de cas – %s" % rng.choice(SERVICES_FR), ["%s, %d ans, dossier %s" % (p.full, p.age, p.dossier),
                                                                             "Motif : %s" % rng.choice(DIAG)[0], "ATCD : %s" % ", ".join(rng.sample(HIST, 3))], None),
                      ("Évolution", ["J1 : début du traitement", "J3 : amélioration clinique", "J5 : congé"], ["Questions pour la discussion."])]
            data = lo_convert(slides_to_fodp(slides).encode("utf-8"), "fodp", "ppt:MS PowerPoint 97")
            fn, mime = "presentation_cas.ppt", "application/vnd.ms-powerpoint"
        att = leaf(mime, data, filename=fn)
        out.append(("positive", "legacy-office", std_message(rng, est, rng.choice(COVER_POS), [att], rng.choice(["Document", "Fichier", "Liste", "Présentation de cas"]),
                                                             mailer=rng.choice(["Microsoft Office Outlook 12.0", "Microsoft Outlook 14.0", None]))))
    nplan = [("doc", neg_policy), ("doc", neg_minutes), ("xls", neg_stats), ("xls", neg_equipment), ("doc", neg_newsletter), ("ppt", None)]
    for kind, k in nplan:
        est = rng.choice(ESTABS)
        if kind == "doc":
            data = lo_convert(doc_to_fodt(k(est, rng)).encode("utf-8"), "fodt", "doc:MS Word 97")
            fn, mime = "document.doc", "application/msword"
        elif kind == "xls":
            d = k(est, rng)
            tb = [b for b in d["blocks"] if b[0] == "table"][0]
            data = lo_convert(rows_to_fods([("Feuil1", [[d["title"]], tb[1]] + tb[2])]).encode("utf-8"), "fods", "xls:MS Excel 97")
            fn, mime = "tableau.xls", "application/vnd.ms-excel"
        else:
            slides = [("Hygiène des mains – formation", ["Les 4 moments", "Friction hydroalcoolique : 20 à 30 secondes"], ["Formatrice : conseillère en PCI."]),
                      ("Exemple de formulaire", ["Nom : NOM, Prénom", "NAM : XXXX 0000 0000", "Dossier : 0000000"], None)]
            data = lo_convert(slides_to_fodp(slides).encode("utf-8"), "fodp", "ppt:MS PowerPoint 97")
            fn, mime = "formation_PCI.ppt", "application/vnd.ms-powerpoint"
        att = leaf(mime, data, filename=fn)
        out.append(("negative", "legacy-office", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Document", "Tableau", "Formation"]))))
    return out


# ============================================================================
# Category: rich-text (RTF)
# ============================================================================
def gen_rtf():
    rng = cat_rng("rtf")
    out = []
    kinds = [doc_consult, doc_discharge, doc_rx, doc_patient_list, doc_lab, doc_referral, doc_handover]
    for i in range(7):
        est = rng.choice(ESTABS)
        doc, ps = pos_doc(rng, est, kinds[i], n_multi=5)
        mode = "hex" if i % 2 == 0 else "u"
        rtf = doc_to_rtf(doc, mode=mode, header_text=("%s – %s" % (ps[0].rev, ps[0].dossier)) if i == 4 else None,
                         fontname=rng.choice(["Calibri", "Arial", "Times New Roman"]))
        if i == 6:  # RTF as the message body itself
            name, email = sender(est, rng)
            part = leaf("text/rtf", rtf, rng.choice(["7bit", "quoted-printable"]), None)
            out.append(("positive", "rich-text", make_message((name, email), [(None, rng.choice(EXTERNAL))], "Rapport de quart", part, rng,
                                                              mailer="Microsoft Exchange Server")))
            continue
        if i == 5:  # alternative: harmless plain + rich body
            name, email = sender(est, rng)
            part = multi("alternative", [text_body("Ce message est en format texte enrichi. Ouvrez-le dans un client compatible.\n", rng),
                                         leaf("text/rtf", rtf, "base64")], bnd(rng))
            out.append(("positive", "rich-text", make_message((name, email), [(None, rng.choice(EXTERNAL))], "Demande de consultation", part, rng)))
            continue
        fn = rng.choice(["lettre.rtf", "Résumé.rtf", "document.rtf", "ordonnance.rtf", "liste.rtf"])
        mime = rng.choice(["application/rtf", "text/rtf", "application/msword"])
        att = leaf(mime, rtf, rng.choice(["base64", "quoted-printable"]), filename=fn, fn_style="rfc2047")
        out.append(("positive", "rich-text", std_message(rng, est, rng.choice(COVER_POS), [att], rng.choice(["Lettre", "Document RTF", "Ordonnance", "Liste"]))))
    nk = [neg_policy, neg_blank_form, neg_newsletter, neg_minutes, neg_oncall, neg_invoice]
    for i in range(6):
        est = rng.choice(ESTABS)
        rtf = doc_to_rtf(nk[i](est, rng), mode="hex" if i % 2 else "u", header_text="Document interne" if i == 0 else None)
        if i == 3:
            name, email = sender(est, rng)
            out.append(("negative", "rich-text", make_message((name, email), [(None, rng.choice(EXTERNAL))], "Compte rendu", leaf("text/rtf", rtf, "7bit"), rng)))
            continue
        att = leaf(rng.choice(["application/rtf", "text/rtf"]), rtf, "base64", filename=rng.choice(["procedure.rtf", "gabarit.rtf", "bulletin.rtf", "garde.rtf", "facture.rtf"]))
        out.append(("negative", "rich-text", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Procédure", "Gabarit", "Bulletin", "Garde", "Facture"]))))
    return out


# ============================================================================
# Category: unicode-text (UTF-16 / UTF-32)
# ============================================================================
def tsv(rows, sep="\t"):
    return "\r\n".join(sep.join(str(c) for c in r) for r in rows) + "\r\n"


def uenc(text, enc):
    if enc == "utf-16le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if enc == "utf-16be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if enc == "utf-32le-bom":
        return b"\xff\xfe\x00\x00" + text.encode("utf-32-le")
    return text.encode({"utf-16le": "utf-16-le", "utf-16be": "utf-16-be", "utf-32be": "utf-32-be", "utf-32le": "utf-32-le"}[enc])


def gen_unicode():
    rng = cat_rng("unicode")
    out = []
    encs = [("utf-16le-bom", "text/plain", "utf-16", "export.txt"), ("utf-16be", "text/csv", "utf-16be", "patients.csv"),
            ("utf-32le-bom", "text/csv", "utf-32", "rdv.csv"), ("utf-16le", "application/octet-stream", None, "liste.txt"),
            ("utf-32be", "text/plain", "utf-32be", "resultats.txt"), ("utf-16be-bom", "text/plain", "utf-16", "lettre.txt"), ("body", None, None, None)]
    for i, (enc, mime, cs, fn) in enumerate(encs):
        est = rng.choice(ESTABS)
        ps = [person(rng=rng) for _ in range(rng.randint(4, 8))]
        if i == 0:
            text = tsv([["Nom", "Prénom", "Date de naissance", "NAM", "No dossier"]] + [[q.surname, q.given, dfmt(q.dob, "dmy"), q.nam, q.dossier] for q in ps])
        elif i == 1:
            text = tsv([["MRN", "Patient", "DOB", "Diagnosis"]] + [[q.dossier, q.full, q.dob.isoformat(), rng.choice(DIAG)[1]] for q in ps], sep=",")
        elif i == 2:
            text = tsv([["Heure", "Usager", "NAM", "Motif"]] + [["%02d:%02d" % (8 + k // 2, 30 * (k % 2)), q.rev, nam_fmt(q, "spaced"), rng.choice(["Suivi", "Vaccin", "Prise de sang"])]
                                                              for k, q in enumerate(ps)], sep=";")
        elif i == 3:
            text = tsv([["Dossier", "Nom", "DDN", "Unité", "Dx"]] + [[q.dossier, q.rev, dfmt(q.dob, "iso"), rng.choice(["4N", "5S", "URG"]), rng.choice(DIAG)[0]] for q in ps])
        elif i == 4:
            p = ps[0]
            text = "Résultats – %s (%s) – dossier %s\r\n" % (p.rev, dfmt(p.dob, "fr"), p.dossier) + tsv([r[:4] for r in lab_rows(rng, 7)])
        elif i == 5:
            doc, _ = pos_doc(rng, est, doc_consult)
            text = doc_text(doc).replace("\n", "\r\n")
        else:
            p = ps[0]
            body = "Bonjour,\n\nMme/M. %s (DDN %s, NAM %s) s'est présenté(e) à l'urgence pour %s. Merci d'assurer le suivi en GMF.\n" % (
                p.full, dfmt(p.dob, "iso"), nam_fmt(p, "spaced"), rng.choice(DIAG)[0].lower())
            name, email = sender(est, rng)
            body += signature(name, est, rng)
            part = leaf("text/plain", b"\xff\xfe" + body.encode("utf-16-le"), "base64", "utf-16")
            out.append(("positive", "unicode-text", make_message((name, email), [(None, rng.choice(EXTERNAL))], "Suivi GMF", part, rng)))
            continue
        data = uenc(text, enc)
        att = leaf(mime, data, "base64", charset=cs, filename=fn)
        out.append(("positive", "unicode-text", std_message(rng, est, rng.choice(COVER_POS), [att], rng.choice(["Export", "Liste", "Fichier texte", "Extraction"]))))
    nencs = [("utf-16le-bom", "text/plain", "utf-16"), ("utf-16be", "text/csv", "utf-16be"), ("utf-32le-bom", "text/csv", "utf-32"),
             ("utf-16le", "application/octet-stream", None), ("utf-32be", "text/plain", "utf-32be"), ("utf-16be-bom", "text/plain", "utf-16")]
    nk = [neg_team, neg_stats, neg_equipment, neg_directory, neg_invoice, neg_conference]
    for i, (enc, mime, cs) in enumerate(nencs):
        est = rng.choice(ESTABS)
        d = nk[i](est, rng)
        tb = [b for b in d["blocks"] if b[0] == "table"][0]
        text = tsv([tb[1]] + tb[2], sep=rng.choice(["\t", ",", ";"]))
        att = leaf(mime, uenc(text, enc), "base64", charset=cs, filename=rng.choice(["export.txt", "donnees.csv", "liste.txt", "inventaire.csv"]))
        out.append(("negative", "unicode-text", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Export", "Données", "Liste"]))))
    return out


# ============================================================================
# Category: archives
# ============================================================================
def gen_archives():
    rng = cat_rng("archives")
    out = []
    for i in range(7):
        est = rng.choice(ESTABS)
        if i == 0:
            doc, _ = pos_doc(rng, est, doc_discharge)
            data = make_zip([("resume_conge.docx", make_docx(doc_to_wxml(doc))), ("LISEZMOI.txt", b"Documents pour le suivi.\r\n")])
            fn, mime = "documents.zip", "application/zip"
        elif i == 1:
            ps = [person(rng=rng) for _ in range(8)]
            csvt = tsv([["nom", "prenom", "ddn", "nam", "dossier"]] + [[q.surname, q.given, q.dob.isoformat(), q.nam, q.dossier] for q in ps], sep=",")
            data = make_tar([("export/patients_%s.csv" % fn_date(rng).strftime("%Y%m%d"), csvt.encode("utf-8"))])
            fn, mime = "export.tar", "application/x-tar"
        elif i == 2:
            files = []
            for k in range(3):
                doc, ps = pos_doc(rng, est, doc_lab)
                files.append(("resultats/%s_%s.txt" % (ascii_slug(ps[0].surname), ps[0].dossier), doc_text(doc).encode("utf-8")))
            data = make_tar(files, gz=True)
            fn, mime = "resultats.tar.gz", "application/gzip"
        elif i == 3:
            doc, _ = pos_doc(rng, est, doc_consult)
            data = make_tar([("consultations/", b"")][:0] + [("consultations/note.rtf", doc_to_rtf(doc, mode="u")),
                                                            ("consultations/readme.txt", b"Format RTF.\n")], gz=True)
            fn, mime = "consult.tgz", "application/x-compressed"
        elif i == 4:
            ps = [person(rng=rng) for _ in range(6)]
            doc = doc_appointments(ps, est, rng)
            tb = doc["blocks"][0]
            data = make_gz("rdv.csv", tsv([tb[1]] + tb[2], sep=";").encode("cp1252"))
            fn, mime = "rdv.csv.gz", "application/x-gzip"
        elif i == 5:
            doc, _ = pos_doc(rng, est, doc_referral)
            inner = make_zip([("demande_consultation.pdf", pdf_text_doc(doc))])
            data = make_zip([("dossier/annexes.zip", inner), ("dossier/bordereau.txt", "Bordereau d'envoi – 1 pièce\r\n".encode("cp1252"))])
            fn, mime = "envoi.zip", "application/x-zip-compressed"
        else:
            ps = [person(rng=rng) for _ in range(6)]
            doc = doc_handover(ps, est, rng)
            tb = doc["blocks"][1]
            data = make_zip([("Rapport quart.xlsx", make_xlsx([("Rapport", [tb[1]] + tb[2], None)])),
                             ("Gabarit vierge.xlsx", make_xlsx([("Rapport", [tb[1]], None)]))])
            fn, mime = "rapport_%s.zip" % fn_date(rng).strftime("%Y%m%d"), "application/zip"
        att = leaf(mime, data, filename=fn)
        out.append(("positive", "archives", std_message(rng, est, rng.choice(COVER_POS), [att], rng.choice(["Fichiers", "Archive", "Envoi", "Documents compressés"]))))
    for i in range(6):
        est = rng.choice(ESTABS)
        if i == 0:
            data = make_zip([("gabarits/demande_consultation.docx", make_docx(doc_to_wxml(neg_blank_form(est, rng)))),
                             ("gabarits/formation.docx", make_docx(doc_to_wxml(neg_training(est, rng))))])
            fn, mime = "gabarits.zip", "application/zip"
        elif i == 1:
            files = []
            for k in range(3):
                d = neg_stats(est, rng)
                tb = d["blocks"][0]
                files.append(("stats/periode_%02d.csv" % (k + 1), tsv([tb[1]] + tb[2], sep=",").encode("utf-8")))
            data = make_tar(files, gz=True)
            fn, mime = "stats.tar.gz", "application/gzip"
        elif i == 2:
            d = neg_equipment(est, rng)
            tb = d["blocks"][0]
            data = make_gz("entretien.log", tsv([tb[1]] + tb[2]).encode("utf-8"))
            fn, mime = "entretien.log.gz", "application/gzip"
        elif i == 3:
            inner = make_zip([("politique.pdf", pdf_text_doc(neg_policy(est, rng)))])
            data = make_zip([("politiques/2024.zip", inner)])
            fn, mime = "politiques.zip", "application/zip"
        elif i == 4:
            d = neg_oncall(est, rng)
            tb = d["blocks"][0]
            data = make_tar([("garde/horaire.csv", tsv([tb[1]] + tb[2], sep=";").encode("utf-8"))], gz=True)
            fn, mime = "garde.tgz", "application/x-gtar"
        else:
            data = make_zip([("logo.png", to_png(est_logo(est, rng))), ("bulletin.txt", doc_text(neg_newsletter(est, rng)).encode("utf-8"))])
            fn, mime = "bulletin.zip", "application/zip"
        att = leaf(mime, data, filename=fn)
        out.append(("negative", "archives", std_message(rng, est, rng.choice(COVER_NEG), [att], rng.choice(["Fichiers", "Archive", "Envoi"]))))
    return out


# ============================================================================
# Category: encodings
# ============================================================================
def gen_encodings():
    rng = cat_rng("encodings")
    out = []
    for i in range(7):
        est = rng.choice(ESTABS)
        name, email = sender(est, rng)
        to = [(None, rng.choice(EXTERNAL))]
        if i == 0:
            doc, _ = pos_doc(rng, est, doc_consult)
            body = doc_text(doc) + signature(name, est, rng)
            body = body.replace("–", "–").replace("'", "’")
            part = leaf("text/plain", body.encode("cp1252"), "quoted-printable", "windows-1252")
            out.append(("positive", "encodings", make_message((name, email), to, "Note de consultation", part, rng)))
        elif i == 1:
            doc, _ = pos_doc(rng, est, doc_lab)
            body = doc_text(doc).replace("–", "-").replace("µ", "µ").replace("²", "²") + signature(name, est, rng)
            part = leaf("text/plain", body.encode("iso-8859-1", "replace"), "base64", "ISO-8859-1")
            out.append(("positive", "encodings", make_message((name, email), to, "Résultats", part, rng)))
        elif i == 2:
            p = person(rng=rng)
            subj = "RE: Rendez-vous de %s (dossier %s) - né%s le %s" % (p.full, p.dossier, "e" if p.sex == "F" else "", dfmt(p.dob, "fr"))
            part = text_body("Oui, c'est confirmé pour jeudi 13 h 30. Merci de prévenir la famille.\n" + signature(name, est, rng), rng)
            out.append(("positive", "encodings", make_message((name, email), to, enc_word(subj, "iso-8859-1", "Q"), part, rng, subject_raw=True)))
        elif i == 3:
            doc, ps = pos_doc(rng, est, doc_rx)
            p = ps[0]
            fn = "Ordonnance_%s_%s_%s.txt" % (p.surname, p.given, p.dob.isoformat())
            att = leaf("text/plain", doc_text(doc).replace("–", "-").encode("iso-8859-15"), "quoted-printable", "iso-8859-15", filename=fn, fn_style="rfc2231")
            part = multi("mixed", [text_body("Bonjour,\n\nVoir pièce jointe.\n" + signature(name, est, rng), rng), att], bnd(rng))
            out.append(("positive", "encodings", make_message((name, email), to, "Ordonnance", part, rng)))
        elif i == 4:
            ps = [person(rng=rng) for _ in range(5)]
            rows = "".join("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                xesc(q.rev).encode("ascii", "xmlcharrefreplace").decode(), q.dob.strftime("%d/%m/%Y"), q.dossier,
                xesc(rng.choice(DIAG)[0])) for q in ps)
            html = ("<html><head><meta charset=\"windows-1252\"></head><body><p>Bonjour,</p><p>Voici les patients vus en consultation "
                    "cette semaine&nbsp;:</p><table border=1 cellpadding=3><tr><th>Nom</th><th>DDN</th><th>Dossier</th><th>Diagnostic</th></tr>%s</table>"
                    "<p>Bonne fin de semaine</p></body></html>") % rows
            part = multi("alternative", [leaf("text/plain", "Voir la version HTML.\n".encode("cp1252"), "7bit", "windows-1252"),
                                         leaf("text/html", html.encode("cp1252"), "quoted-printable", "windows-1252")], bnd(rng))
            out.append(("positive", "encodings", make_message((name, email), to, "Liste de la semaine", part, rng, mailer="Microsoft Outlook 16.0")))
        elif i == 5:
            p = person(rng=rng)
            body = ("Bonjour,\n\nSuivi téléphonique de %s, né%s le %s, NAM %s. Glycémies élevées, ajustement de l'insuline glargine à 22 unités. "
                    "À revoir dans 2 semaines.\n") % (p.full, "e" if p.sex == "F" else "", dfmt(p.dob, "fr"), nam_fmt(p, "spaced"))
            body += signature(name, est, rng)
            part = leaf("text/plain", body.encode("mac_roman"), "8bit", "macintosh")
            out.append(("positive", "encodings", make_message((name, email), to, "Suivi téléphonique", part, rng, mailer="Apple Mail (2.1085)")))
        else:
            p = person(rng=rng)
            subj = "Résultat critique – %s – NAM %s" % (p.rev, nam_fmt(p, "spaced"))
            body = "Potassium à 6,4 mmol/L ce matin. Appeler le médecin de garde.\n" + signature(name, est, rng)
            part = leaf("text/plain", body.encode("utf-7"), "7bit", "utf-7")
            out.append(("positive", "encodings", make_message((name, email), to, enc_word(subj, "utf-8", "B"), part, rng, subject_raw=True)))
    for i in range(6):
        est = rng.choice(ESTABS)
        name, email = sender(est, rng)
        to = [(None, rng.choice(EXTERNAL))]
        if i == 0:
            body = doc_text(neg_newsletter(est, rng)).replace("'", "’") + signature(name, est, rng)
            part = leaf("text/plain", body.encode("cp1252"), "quoted-printable", "windows-1252")
            subj = "L'Info-Santé"
            out.append(("negative", "encodings", make_message((name, email), to, subj, part, rng)))
        elif i == 1:
            body = doc_text(neg_policy(est, rng)).replace("–", "-") + signature(name, est, rng)
            out.append(("negative", "encodings", make_message((name, email), to, "Procédure", leaf("text/plain", body.encode("iso-8859-1"), "base64", "iso-8859-1"), rng)))
        elif i == 2:
            md = staff(rng)[0]
            subj = "Horaire de garde - %s - semaine du %s" % (md, dfmt(rdate(rng), "fr"))
            body = doc_text(neg_oncall(est, rng)) + signature(name, est, rng)
            out.append(("negative", "encodings", make_message((name, email), to, enc_word(subj, "iso-8859-1", "Q"), text_body(body, rng), rng, subject_raw=True)))
        elif i == 3:
            att = leaf("text/plain", doc_text(neg_policy(est, rng)).replace("–", "-").encode("iso-8859-15"), "quoted-printable", "iso-8859-15",
                       filename="Procédure_désinfection_endoscopes_v%d.txt" % rng.randint(2, 9), fn_style="rfc2231")
            part = multi("mixed", [text_body("Bonjour,\n\nNouvelle version.\n" + signature(name, est, rng), rng), att], bnd(rng))
            out.append(("negative", "encodings", make_message((name, email), to, "Procédure désinfection", part, rng)))
        elif i == 4:
            d = neg_stats(est, rng)
            tb = d["blocks"][0]
            rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % xesc(c) for c in r) for r in tb[2])
            html = "<html><body><p>Statistiques de la p&eacute;riode&nbsp;:</p><table border=1><tr>%s</tr>%s</table></body></html>" % (
                "".join("<th>%s</th>" % xesc(h) for h in tb[1]), rows)
            out.append(("negative", "encodings", make_message((name, email), to, "Statistiques", leaf("text/html", html.encode("cp1252"), "quoted-printable", "windows-1252"), rng)))
        else:
            body = ("Avis de maintenance : le système de laboratoire sera indisponible le %s de 22 h à 2 h. "
                    "Les requêtes urgentes se feront sur formulaire papier.\n" % dfmt(rdate(rng), "fr")) + signature(name, est, rng)
            cs, codec = rng.choice([("utf-7", "utf-7"), ("macintosh", "mac_roman")])
            out.append(("negative", "encodings", make_message((name, email), to, enc_word("Maintenance système – laboratoire", "utf-8", "Q"),
                                                              leaf("text/plain", body.encode(codec), "8bit" if cs == "macintosh" else "7bit", cs), rng, subject_raw=True)))
    return out


# ============================================================================
# Main
# ============================================================================
CATEGORIES = [gen_screenshot, gen_scan, gen_inline, gen_small, gen_scanned_pdf, gen_fax, gen_office_embedded,
              gen_office_hidden, gen_fillable, gen_legacy, gen_rtf, gen_unicode, gen_archives, gen_encodings]


def main():
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f.endswith(".eml"):
                    os.remove(os.path.join(d, f))
        os.makedirs(d, exist_ok=True)
    counters = {"positive": 0, "negative": 0}
    labels = []
    for gen in CATEGORIES:
        for label, cat, raw in gen():
            counters[label] += 1
            rel = "%s/%03d-%s.eml" % (label, counters[label], cat)
            with open(os.path.join(HERE, rel), "wb") as fh:
                fh.write(raw)
            labels.append((rel, label, cat))
    with open(os.path.join(HERE, "labels.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "label", "category"])
        w.writerows(labels)
    total = sum(os.path.getsize(os.path.join(HERE, r)) for r, _, _ in labels)
    print("wrote %d positives, %d negatives, %.2f MB" % (counters["positive"], counters["negative"], total / 1e6))


if __name__ == "__main__":
    main()
