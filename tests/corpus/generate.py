#!/usr/bin/env python3
"""Deterministic generator of a labelled corpus of fake e-mails for Sentinelle.

    python3 tests/corpus/generate.py

Deletes and rewrites ``positive/``, ``negative/`` and ``labels.csv`` next to this
script. Python 3 standard library only; every random choice comes from seeded
``random.Random`` instances, every date is drawn from a fixed range, so two runs give
byte-identical files (the script checks this itself by generating twice).

All people are invented: names are drawn from common-name lists and combined at random,
identifiers are computed from those invented people (RAMQ NAM) or drawn at random and
completed with their check digit (SIN, Ontario HCN, BC PHN). Phone numbers use the 555
exchange. Domains are fictitious (``*.example``) or the generic network domain.

Labelling rule: POSITIVE = a privacy officer would say the message carries confidential
data about an identifiable patient (or someone's social insurance number). NEGATIVE =
everything else, including look-alike identifiers and clinical text about no patient.
"""

import base64
import binascii
import csv
import datetime as dt
import email
import email.policy
import html
import html.entities
import io
import json
import os
import random
import re
import shutil
import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from email.utils import format_datetime

SEED = 20250917
HERE = os.path.dirname(os.path.abspath(__file__))
REF_YEAR = 2025  # "current year" used when resolving two-digit NAM years

# ---------------------------------------------------------------------------
# Identifier algorithms
# ---------------------------------------------------------------------------

EBCDIC = {}
for _i, _c in enumerate("ABCDEFGHI"):
    EBCDIC[_c] = 193 + _i
for _i, _c in enumerate("JKLMNOPQR"):
    EBCDIC[_c] = 209 + _i
for _i, _c in enumerate("STUVWXYZ"):
    EBCDIC[_c] = 226 + _i
for _i in range(10):
    EBCDIC[str(_i)] = 240 + _i
NAM_WEIGHTS = [1, 3, 7, 9, 1, 7, 1, 3, 4, 5, 7, 6, 9, 1]


def nam_check_digit(letters, year, sex, month, day, diff):
    s = f"{letters}{year:04d}{sex}{month:02d}{day:02d}{diff}"
    assert len(s) == 14, s
    return sum(EBCDIC[c] * w for c, w in zip(s, NAM_WEIGHTS)) % 10


def _valid_date(y, m, d):
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def nam_century_candidates(yy):
    y = 2000 + yy
    if y > REF_YEAR:
        y -= 100
    return [y, y - 100]


def nam_date_possible(code):
    """True if the 8 digits of a 4-letter+8-digit code can be read as a NAM date."""
    code = re.sub(r"[^A-Z0-9]", "", code.upper())
    yy, mm, dd = int(code[4:6]), int(code[6:8]), int(code[8:10])
    if mm > 50:
        mm -= 50
    if not 1 <= mm <= 12:
        return False
    return any(_valid_date(y, mm, dd) for y in nam_century_candidates(yy))


def nam_valid(code):
    code = re.sub(r"[^A-Za-z0-9]", "", code).upper()
    if not re.fullmatch(r"[A-Z]{4}\d{6}[1-9A-HJ-NP-Z]\d", code):
        return False
    yy, mm, dd = int(code[4:6]), int(code[6:8]), int(code[8:10])
    sex = "M"
    if mm > 50:
        sex, mm = "F", mm - 50
    if not 1 <= mm <= 12:
        return False
    for y in nam_century_candidates(yy):
        if _valid_date(y, mm, dd) and nam_check_digit(code[:4], y, sex, mm, dd, code[10]) == int(code[11]):
            return True
    return False


def strip_accents(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def nam_prefix(surname, given):
    s = strip_accents(surname).upper()
    s = re.sub(r"\b(SAINTES|SAINTS|SAINTE|SAINT|STE)[- ]", "ST", s)
    s = re.sub(r"[^A-Z]", "", s)
    s = (s + "XXX")[:3]
    g = re.sub(r"[^A-Z]", "", strip_accents(given).upper())[0]
    return s + g


def make_nam(surname, given, sex, dob, diff):
    letters = nam_prefix(surname, given)
    month = dob.month + (50 if sex == "F" else 0)
    cd = nam_check_digit(letters, dob.year, sex, dob.month, dob.day, diff)
    return f"{letters}{dob.year % 100:02d}{month:02d}{dob.day:02d}{diff}{cd}"


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
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError(prefix)


BC_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3]


def bc_phn_check(first9):
    s = sum((int(d) * w) % 11 for d, w in zip(first9[1:9], BC_WEIGHTS))
    r = s % 11
    if r in (0, 1):
        return None
    return 11 - r


def bc_phn_ok(num):
    num = re.sub(r"\D", "", num)
    if len(num) != 10 or num[0] != "9":
        return False
    c = bc_phn_check(num[:9])
    return c is not None and c == int(num[9])


def gen_sin(rng):
    first = rng.choice("12345679")
    return luhn_complete(first + "".join(rng.choice("0123456789") for _ in range(7)))


def gen_ohip(rng):
    return luhn_complete(rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(8)))


def gen_bc_phn(rng):
    while True:
        first9 = "9" + "".join(rng.choice("0123456789") for _ in range(8))
        c = bc_phn_check(first9)
        if c is not None:
            return first9 + str(c)


def gen_luhn_fail(rng, n=9, first=None):
    while True:
        s = (first or rng.choice("123456789")) + "".join(rng.choice("0123456789") for _ in range(n - 1))
        if not luhn_ok(s):
            return s


def gen_luhn_valid(rng, n=9, first=None):
    return luhn_complete((first or rng.choice("123456789")) + "".join(rng.choice("0123456789") for _ in range(n - 2)))


# Verified samples from phi-detection.md -- the implementation must reproduce them.
for _sample in ["QWEA10010110", "QWEA10510170", "ASDA20011313", "TEST54122816", "LACM30010115", "MAYM21561219"]:
    assert nam_valid(_sample), _sample
assert nam_prefix("D'Amours", "Jean") == "DAMJ"
assert nam_prefix("Le Blanc", "Marie") == "LEBM"
assert nam_prefix("Sainte-Marie", "Luc") == "STML"
assert nam_prefix("Ng", "Éric") == "NGXE"
assert luhn_ok("046454286") and not luhn_ok("046454287")

# ---------------------------------------------------------------------------
# Name pools and reference data (all generic; combinations are random)
# ---------------------------------------------------------------------------

SURNAMES_QC = (
    "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier "
    "Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier "
    "Dubé Poirier Fournier Lapointe Leclerc Lefebvre Poulin Thibault Nadeau Martin Landry "
    "Martel Bédard Grenier Lessard Bernier Richard Michaud Hébert Desjardins Couture Turcotte "
    "Lachance Parent Blais Gosselin Savard Proulx Beaudoin Demers Perreault Boudreau Lemieux "
    "Cyr Perron Dufour Dion Mercier Bolduc Bérubé Boisvert Langlois Ménard Therrien Plante "
    "Bilodeau Blanchette Dussault Champagne Paradis Fortier Arsenault Dupuis Gaudreault Hamel "
    "Houle Villeneuve Rousseau Gravel Thériault Lemay Allard Deschênes Giroux Guay Leduc Boivin "
    "Charbonneau Lambert Raymond Vachon Gilbert Audet Larouche Legault Trudel Fontaine Picard "
    "Labelle Lacroix Moreau Carrier Desrosiers Goulet Renaud Dionne Lapierre Vaillancourt "
    "Brassard Laflamme Drouin Pépin Théberge Létourneau Rioux Sirois Tanguay Bisson Boily "
    "Gingras Lebel Chabot Jobin Aubé Chénier Larivière Bélisle Lalonde Coulombe Breton"
).split()
SURNAMES_SPECIAL = ["St-Pierre", "Saint-Onge", "Sainte-Marie", "Ste-Croix", "D'Amours", "Le Blanc",
                    "L'Heureux", "Roy", "Cyr", "Ng", "Ly", "Pierre-Louis", "Saint-Laurent", "De Grandpré",
                    "Nguyen", "Haddad", "Khoury", "Diallo", "Joseph", "Benali", "Chen", "Bou Saleh"]
SURNAMES_EN = ["Smith", "Brown", "Wilson", "MacDonald", "O'Brien", "Campbell", "Taylor", "Johnson",
               "Murphy", "Kelly", "Stewart", "Anderson", "Walsh", "Reid", "Fraser", "McKenna", "Hughes",
               "Morrison", "Sullivan", "Grant"]
GIVEN_F_QC = ("Marie Josée Hélène Geneviève Émilie Chloé Léa Zoé Béatrice Mélanie Nathalie Sylvie "
              "Francine Ginette Lise Monique Céline Andrée Thérèse Réjeanne Gisèle Jacinthe Maude "
              "Noémie Éloïse Rosalie Florence Anaïs Ève Claudette Yvette Huguette Jocelyne Marie-Ève "
              "Marie-Claude Anne-Marie Catherine Isabelle Julie Sarah Camille Lucie Denise Pierrette "
              "Rachel Mireille Solange Véronique Annie Karine Stéphanie Valérie Jeannine Colette Laurence").split()
GIVEN_M_QC = ("Jean Pierre Jacques Michel André Réjean Gilles Gaétan Benoît Stéphane François Jérôme "
              "Éric Sébastien Mathieu Olivier Félix Léo Émile Noé Thomas William Raphaël Gabriel Samuel "
              "Luc Yves Marcel Normand Denis Claude Roger Ghislain Jean-François Jean-Philippe "
              "Marc-André Robert Louis Alain Bernard Guy Maurice Hervé Jocelyn Patrice Simon Antoine "
              "Étienne Clément Laurent Zacharie Nathan").split()
GIVEN_F_EN = ["Emily", "Jennifer", "Margaret", "Susan", "Sarah", "Linda", "Karen", "Heather", "Megan",
              "Olivia", "Fatima", "Amina", "Linh", "Grace", "Dorothy"]
GIVEN_M_EN = ["John", "David", "Michael", "Patrick", "James", "Robert", "Kevin", "Brian", "Ryan",
              "Daniel", "Mohamed", "Karim", "Minh", "George", "Arthur"]

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
MONTHS_FR_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.",
                  "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

HOSPITALS = [
    dict(name="CHU Boréal", short="CHUB", domain="chuboreal.example", city="Québec", area="418"),
    dict(name="CIUSSS du Centre-Fleuve", short="CCF", domain="ciusss-centrefleuve.example", city="Montréal", area="514"),
    dict(name="CISSS des Monts-Verts", short="CMV", domain="cisss-montsverts.example", city="Sherbrooke", area="819"),
    dict(name="Hôpital Saint-Aurèle", short="HSA", domain="hstaurele.example", city="Trois-Rivières", area="819"),
    dict(name="Hôpital général de Lac-Blanc", short="HGLB", domain="hglacblanc.example", city="Saguenay", area="418"),
    dict(name="CISSS de la Baie-des-Loups", short="CBL", domain="cisss-baiedesloups.example", city="Rimouski", area="418"),
    dict(name="Centre hospitalier de l'Outaouais-Nord", short="CHON", domain="chon.example", city="Gatineau", area="819"),
    dict(name="Institut de cardiologie des Cèdres", short="ICC", domain="icdc.example", city="Laval", area="450"),
    dict(name="Hôpital de la Rive-Sud", short="HRS", domain="ssss.gouv.qc.ca", city="Longueuil", area="450"),
    dict(name="CIUSSS de l'Estuaire", short="CEST", domain="ssss.gouv.qc.ca", city="Lévis", area="418"),
]
CLINICS = ["GMF des Trois-Rivages", "Clinique médicale Beauséjour", "GMF-U du Vieux-Moulin",
           "CLSC des Érables", "Clinique familiale de la Pointe", "GMF Sainte-Aurélie",
           "Polyclinique du Plateau-Vert", "CLSC de la Côte-Verte"]
OUT_OF_PROV = [("The Ottawa Riverside Hospital", "Ottawa", "ON"), ("Kingston Lakeshore General", "Kingston", "ON"),
               ("Sudbury Northern Health Centre", "Sudbury", "ON"), ("Vancouver Harbour Hospital", "Vancouver", "BC"),
               ("Kelowna Valley General", "Kelowna", "BC"), ("Victoria Island Health Centre", "Victoria", "BC")]
CITIES_QC = ["Montréal", "Québec", "Sherbrooke", "Trois-Rivières", "Gatineau", "Saguenay", "Lévis", "Laval",
             "Longueuil", "Rimouski", "Drummondville", "Granby", "Saint-Jérôme", "Joliette", "Victoriaville",
             "Sept-Îles", "Rouyn-Noranda", "Saint-Hyacinthe", "Shawinigan", "Alma", "Magog", "Matane"]
STREETS = ["rue des Érables", "boulevard Saint-Laurent", "rue Principale", "avenue du Parc", "rue Notre-Dame",
           "chemin du Lac", "rue Sainte-Catherine", "boulevard de l'Hôpital", "rue de la Fabrique",
           "avenue des Pins", "rue Saint-Jean", "rang Saint-Joseph", "rue King Ouest", "rue des Forges",
           "boulevard Talbot", "rue Racine", "chemin Sainte-Foy", "rue Wellington"]
PERSONAL_DOMAINS = ["videotron.example", "gmail.example", "hotmail.example", "outlook.example",
                    "bell.example", "yahoo.example", "cgocable.example"]
SUPPLIERS = [("MédiFournitures Boréal inc.", "medifournitures.example"), ("BioMédTech Canada", "biomedtech.example"),
             ("Distribution Pharma-Est", "pharmaest.example"), ("Orthèses Laurentides ltée", "ortheses-laurentides.example"),
             ("Labo-Réactifs Québec", "laboreactifs.example"), ("Stérilis Pro", "sterilispro.example"),
             ("Bureautique Saint-Maurice", "bureautique-sm.example"), ("Groupe Électro-Med", "electromed.example")]

SERVICES = [("cardiologie", "cardiology"), ("pneumologie", "respirology"), ("gériatrie", "geriatrics"),
            ("médecine interne", "internal medicine"), ("orthopédie", "orthopedics"), ("oncologie", "oncology"),
            ("psychiatrie", "psychiatry"), ("néphrologie", "nephrology"), ("gastro-entérologie", "gastroenterology"),
            ("neurologie", "neurology"), ("chirurgie générale", "general surgery"), ("urologie", "urology"),
            ("endocrinologie", "endocrinology"), ("dermatologie", "dermatology"), ("rhumatologie", "rheumatology")]

DIAG_ADULT = [
    ("insuffisance cardiaque décompensée", "decompensated heart failure", "cardiologie"),
    ("pneumonie communautaire", "community-acquired pneumonia", "pneumologie"),
    ("MPOC exacerbée", "COPD exacerbation", "pneumologie"),
    ("diabète de type 2 mal contrôlé", "poorly controlled type 2 diabetes", "endocrinologie"),
    ("fibrillation auriculaire nouvellement diagnostiquée", "new-onset atrial fibrillation", "cardiologie"),
    ("fracture de la hanche droite", "right hip fracture", "orthopédie"),
    ("cellulite du membre inférieur gauche", "left leg cellulitis", "médecine interne"),
    ("AVC ischémique sylvien gauche", "left MCA ischemic stroke", "neurologie"),
    ("pyélonéphrite aiguë", "acute pyelonephritis", "urologie"),
    ("masse pulmonaire suspecte au lobe supérieur droit", "suspicious right upper lobe lung mass", "oncologie"),
    ("épisode dépressif majeur", "major depressive episode", "psychiatrie"),
    ("insuffisance rénale chronique stade 3b", "stage 3b chronic kidney disease", "néphrologie"),
    ("hypothyroïdie", "hypothyroidism", "endocrinologie"),
    ("delirium sur infection urinaire", "delirium secondary to UTI", "gériatrie"),
    ("cholécystite aiguë", "acute cholecystitis", "chirurgie générale"),
    ("anémie ferriprive", "iron-deficiency anemia", "gastro-entérologie"),
    ("trouble bipolaire, épisode maniaque", "bipolar disorder, manic episode", "psychiatrie"),
    ("trouble neurocognitif majeur (Alzheimer probable)", "major neurocognitive disorder (probable Alzheimer)", "gériatrie"),
    ("embolie pulmonaire segmentaire", "segmental pulmonary embolism", "pneumologie"),
    ("infarctus sans élévation du ST (NSTEMI)", "NSTEMI", "cardiologie"),
    ("polyarthrite rhumatoïde en poussée", "rheumatoid arthritis flare", "rhumatologie"),
    ("hémorragie digestive haute", "upper GI bleed", "gastro-entérologie"),
    ("adénocarcinome du côlon sigmoïde", "sigmoid colon adenocarcinoma", "oncologie"),
    ("lombosciatalgie droite avec déficit moteur", "right sciatica with motor deficit", "neurologie"),
    ("psoriasis sévère", "severe psoriasis", "dermatologie"),
    ("hyperplasie bénigne de la prostate avec rétention", "BPH with urinary retention", "urologie"),
]
DIAG_CHILD = [
    ("bronchiolite à VRS", "RSV bronchiolitis", "pédiatrie"),
    ("otite moyenne aiguë récidivante", "recurrent acute otitis media", "pédiatrie"),
    ("gastro-entérite avec déshydratation modérée", "gastroenteritis with moderate dehydration", "pédiatrie"),
    ("asthme mal maîtrisé", "poorly controlled asthma", "pédiatrie"),
    ("convulsion fébrile", "febrile seizure", "pédiatrie"),
    ("fracture du poignet gauche", "left wrist fracture", "orthopédie"),
    ("TDAH, réévaluation de la médication", "ADHD, medication review", "pédiatrie"),
]
MEDS = [
    ("metformine 500 mg BID", "metformin 500 mg BID"), ("apixaban 5 mg BID", "apixaban 5 mg BID"),
    ("furosémide 40 mg DIE", "furosemide 40 mg daily"), ("atorvastatine 40 mg HS", "atorvastatin 40 mg at bedtime"),
    ("ramipril 5 mg DIE", "ramipril 5 mg daily"), ("lévothyroxine 75 mcg DIE", "levothyroxine 75 mcg daily"),
    ("sertraline 50 mg DIE", "sertraline 50 mg daily"), ("hydromorphone 1 mg PO q4h PRN", "hydromorphone 1 mg PO q4h PRN"),
    ("amoxicilline 500 mg TID x 7 jours", "amoxicillin 500 mg TID x 7 days"),
    ("prednisone 40 mg DIE x 5 jours", "prednisone 40 mg daily x 5 days"),
    ("insuline glargine 18 U HS", "insulin glargine 18 units at bedtime"),
    ("salbutamol 2 inh q4h PRN", "salbutamol 2 puffs q4h PRN"), ("quétiapine 25 mg HS", "quetiapine 25 mg at bedtime"),
    ("warfarine selon RNI", "warfarin per INR"), ("céfazoline 2 g IV q8h", "cefazolin 2 g IV q8h"),
    ("bisoprolol 2,5 mg DIE", "bisoprolol 2.5 mg daily"), ("pantoprazole 40 mg DIE", "pantoprazole 40 mg daily"),
    ("méthotrexate 15 mg 1 fois/semaine", "methotrexate 15 mg once weekly"), ("lithium 300 mg BID", "lithium 300 mg BID"),
    ("tamsulosine 0,4 mg DIE", "tamsulosin 0.4 mg daily"),
]
ALLERGIES = [("pénicilline (urticaire)", "penicillin (hives)"), ("sulfamidés", "sulfa drugs"),
             ("codéine (nausées sévères)", "codeine (severe nausea)"), ("produits de contraste iodés", "iodinated contrast"),
             ("arachides (anaphylaxie)", "peanuts (anaphylaxis)"), ("latex", "latex"), ("AINS", "NSAIDs"),
             ("aucune allergie connue", "no known allergies")]
IMAGING = [("radiographie pulmonaire", "chest X-ray"), ("TDM cérébrale sans contraste", "non-contrast head CT"),
           ("échographie abdominale", "abdominal ultrasound"), ("IRM lombaire", "lumbar spine MRI"),
           ("TDM thoraco-abdomino-pelvienne", "CT chest/abdomen/pelvis"), ("échocardiographie", "echocardiogram"),
           ("scintigraphie osseuse", "bone scan"), ("mammographie diagnostique", "diagnostic mammogram")]
SYMPTOMS = [("dyspnée à l'effort", "exertional dyspnea"), ("douleur thoracique atypique", "atypical chest pain"),
            ("perte de poids de 8 kg en 3 mois", "8 kg weight loss over 3 months"), ("chutes à répétition", "recurrent falls"),
            ("œdème des membres inférieurs", "leg oedema"), ("fièvre et frissons", "fever and chills"),
            ("confusion depuis 48 h", "confusion for 48 hours"), ("rectorragies", "rectal bleeding"),
            ("céphalées matinales", "morning headaches"), ("palpitations", "palpitations")]


def lab_values(rng, lang, n=4, sex=None):
    fr = lang == "fr"

    def num(v, d=1):
        s = f"{v:.{d}f}"
        return s.replace(".", ",") if fr else s

    pool = [
        ("Hb", f"{rng.randint(78, 125)} g/L", "(N 120-160)"),
        ("Créatinine" if fr else "Creatinine", f"{rng.randint(95, 260)} µmol/L", "(N 50-110)"),
        ("K+", f"{num(rng.uniform(5.4, 6.6))} mmol/L", "(N 3,5-5,0)" if fr else "(N 3.5-5.0)"),
        ("HbA1c", f"{num(rng.uniform(7.6, 11.2))} %", "(cible < 7,0)" if fr else "(target < 7.0)"),
        ("Troponine hs" if fr else "hs-Troponin", f"{rng.randint(40, 900)} ng/L", "(N < 14)"),
        ("RNI" if fr else "INR", num(rng.uniform(3.4, 5.9)), ""),
        ("TSH", f"{num(rng.uniform(7.0, 24.0))} mUI/L", "(N 0,4-4,5)" if fr else "(N 0.4-4.5)"),
        ("GB" if fr else "WBC", f"{num(rng.uniform(12.0, 22.0))} x10^9/L", ""),
        ("CRP", f"{rng.randint(45, 260)} mg/L", ""),
        ("Na", f"{rng.randint(121, 131)} mmol/L", "(N 135-145)"),
        ("DFGe" if fr else "eGFR", f"{rng.randint(18, 44)} mL/min/1,73 m2" if fr else f"{rng.randint(18, 44)} mL/min/1.73 m2", ""),
        ("Ferritine" if fr else "Ferritin", f"{rng.randint(3, 14)} µg/L", ""),
        ("Lithémie" if fr else "Lithium level", f"{num(rng.uniform(1.3, 2.1))} mmol/L", ""),
        ("PSA", f"{num(rng.uniform(6.0, 38.0))} µg/L", ""),
    ]
    if sex == "F":
        pool = [x for x in pool if x[0] != "PSA"]
    return rng.sample(pool, n)


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

def fmt_date(d, style):
    if style == "iso":
        return d.isoformat()
    if style == "dmy/":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "dmy.":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "ymd/":
        return f"{d.year}/{d.month:02d}/{d.day:02d}"
    if style == "mdy/":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "fr_long":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"
    if style == "fr_abbr":
        return f"{d.day} {MONTHS_FR_ABBR[d.month - 1]} {d.year}"
    if style == "en_long":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    if style == "en_short":
        return f"{MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}"
    if style == "dmon":
        return f"{d.day:02d} {MONTHS_EN[d.month - 1][:3].upper()} {d.year}"
    if style == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    raise ValueError(style)


DOB_STYLES_FR = ["iso", "iso", "dmy/", "dmy/", "fr_long", "fr_long", "dmy-", "ymd/", "fr_abbr", "dmy."]
DOB_STYLES_EN = ["iso", "en_long", "en_short", "en_short", "mdy/", "dmy/", "dmon", "iso"]


def fr_weekday_date(d):
    day = "1er" if d.day == 1 else str(d.day)
    return f"{DAYS_FR[d.weekday()]} {day} {MONTHS_FR[d.month - 1]}"


def en_weekday_date(d):
    return f"{DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}"


def age_at(dob, at):
    return at.year - dob.year - ((at.month, at.day) < (dob.month, dob.day))


# ---------------------------------------------------------------------------
# People and staff
# ---------------------------------------------------------------------------

class Person:
    def __init__(self, given, surname, sex, dob, diff):
        self.given, self.surname, self.sex, self.dob, self.diff = given, surname, sex, dob, diff
        self.nam = make_nam(surname, given, sex, dob, diff)

    @property
    def full(self):
        return f"{self.given} {self.surname}"

    @property
    def rev(self):
        return f"{self.surname.upper()}, {self.given}"

    def title(self, lang):
        if lang == "fr":
            return "Mme" if self.sex == "F" else "M."
        return "Ms." if self.sex == "F" else "Mr."

    def titled(self, lang):
        return f"{self.title(lang)} {self.full}"

    def formal(self, lang):
        return f"{self.title(lang)} {self.surname}"

    def age(self, at):
        return age_at(self.dob, at)

    def e(self, fr_f, fr_m):
        """Pick the feminine or masculine French word."""
        return fr_f if self.sex == "F" else fr_m


def de(word):
    """French 'de' with elision: de("avril") -> "d'avril"."""
    return ("d'" if strip_accents(word[:1]).lower() in "aeiouh" else "de ") + word


def ascii_local(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z0-9]+", "", s)


class Staff:
    def __init__(self, given, surname, sex, role_fr, role_en, hosp, doctor=False, rng=None):
        self.given, self.surname, self.sex = given, surname, sex
        self.role_fr, self.role_en, self.hosp, self.doctor = role_fr, role_en, hosp, doctor
        if hosp["domain"] == "ssss.gouv.qc.ca":
            self.email = f"{ascii_local(given)}.{ascii_local(surname)}.{hosp['short'].lower()}@ssss.gouv.qc.ca"
        else:
            self.email = f"{ascii_local(given)}.{ascii_local(surname)}@{hosp['domain']}"
        self.phone = f"{hosp['area']} 555-01{rng.randint(0, 99):02d}"
        self.ext = str(rng.randint(2000, 79999))

    @property
    def full(self):
        return f"{self.given} {self.surname}"

    def dr(self, lang="fr"):
        if not self.doctor:
            return self.full
        if lang == "fr":
            return ("Dre " if self.sex == "F" else "Dr ") + self.full
        return "Dr. " + self.full

    def dr_last(self, lang="fr"):
        if lang == "fr":
            return ("Dre " if self.sex == "F" else "Dr ") + self.surname
        return "Dr. " + self.surname

    def addr(self):
        return (self.full, self.email)


ROLES = {
    "md": [("Médecin de famille", "Family physician"), ("Interniste", "Internist"), ("Cardiologue", "Cardiologist"),
           ("Gériatre", "Geriatrician"), ("Urgentologue", "Emergency physician"), ("Psychiatre", "Psychiatrist"),
           ("Pneumologue", "Respirologist"), ("Chirurgien(ne) général(e)", "General surgeon"), ("Oncologue", "Oncologist"),
           ("Pédiatre", "Pediatrician"), ("Néphrologue", "Nephrologist")],
    "resident": [("Résident(e) R2 médecine interne", "PGY-2 internal medicine resident"),
                 ("Résident(e) R1 médecine familiale", "PGY-1 family medicine resident"),
                 ("Résident(e) R3 pédiatrie", "PGY-3 pediatrics resident")],
    "nurse": [("Infirmière clinicienne", "Clinical nurse"), ("Infirmier auxiliaire", "LPN"),
              ("Infirmière praticienne spécialisée (IPS)", "Nurse practitioner"), ("Assistante infirmière-chef", "Assistant head nurse"),
              ("Infirmière de liaison", "Liaison nurse")],
    "secretary": [("Secrétaire médicale", "Medical secretary"), ("Agente administrative", "Administrative officer"),
                  ("Agent administratif – Centre de rendez-vous", "Administrative officer – appointment centre")],
    "pharm": [("Pharmacienne", "Pharmacist"), ("Pharmacien", "Pharmacist"), ("Assistante technique en pharmacie", "Pharmacy technician")],
    "lab": [("Technologiste médicale", "Medical technologist"), ("Chef technologiste – Biochimie", "Chief technologist – Biochemistry")],
    "sw": [("Travailleuse sociale", "Social worker"), ("Travailleur social", "Social worker")],
    "archives": [("Archiviste médicale", "Health records technician"), ("Technicienne en gestion de l'information", "Health information technician")],
    "hr": [("Conseillère en ressources humaines", "HR advisor"), ("Technicienne en administration – Paie", "Payroll technician"),
           ("Agente de gestion du personnel", "Personnel officer")],
    "buyer": [("Acheteur – Service de l'approvisionnement", "Buyer – Procurement"), ("Acheteuse", "Buyer"),
              ("Magasinier", "Storekeeper"), ("Chef de service – Approvisionnement", "Procurement manager")],
    "biomed": [("Technicien en génie biomédical", "Biomedical technician"), ("Ingénieure biomédicale", "Biomedical engineer")],
    "it": [("Centre de services TI", "IT service desk"), ("Analyste en sécurité de l'information", "Information security analyst")],
    "admin": [("Adjointe à la direction", "Executive assistant"), ("Coordonnatrice des activités", "Activities coordinator"),
              ("Chef de service – Hygiène et salubrité", "Manager – Housekeeping"), ("Agente d'information", "Communications officer"),
              ("Chef d'unité", "Unit manager"), ("Conseillère en communication", "Communications advisor")],
}


ROLE_FEM = [("Infirmier auxiliaire", "Infirmière auxiliaire"), ("Infirmier clinicien", "Infirmière clinicienne"),
            ("Infirmier praticien spécialisé", "Infirmière praticienne spécialisée"), ("Infirmier de liaison", "Infirmière de liaison"),
            ("Assistant infirmier-chef", "Assistante infirmière-chef"), ("Pharmacien", "Pharmacienne"),
            ("Assistant technique", "Assistante technique"), ("Travailleur social", "Travailleuse sociale"),
            ("Agent administratif", "Agente administrative"), ("Agent de gestion", "Agente de gestion"),
            ("Agent d'information", "Agente d'information"), ("Conseiller", "Conseillère"), ("Technicien", "Technicienne"),
            ("Acheteur", "Acheteuse"), ("Magasinier", "Magasinière"), ("Ingénieur", "Ingénieure"), ("Adjoint", "Adjointe"),
            ("Coordonnateur", "Coordonnatrice"), ("Chirurgien général", "Chirurgienne générale")]


def gender_role(fr, sex):
    for m, f in ROLE_FEM:
        if sex == "F" and fr.startswith(m) and not fr.startswith(f):
            return f + fr[len(m):]
        if sex == "M" and fr.startswith(f):
            return m + fr[len(f):]
    return fr


def with_crlf_check(b):
    assert b"\r" not in b
    return b.replace(b"\n", b"\r\n")


# ---------------------------------------------------------------------------
# MIME construction (hand-built so that every byte is under our control)
# A "part" is (list_of_header_lines, body_bytes); line ends are "\n" until the very
# end, where the whole message is converted to CRLF.
# ---------------------------------------------------------------------------

def qp_encode(raw):
    lines = raw.split(b"\n")
    out = [binascii.b2a_qp(line, quotetabs=False, istext=False, header=False) for line in lines]
    return b"\n".join(out)


def encode_body(raw, cte):
    if cte == "base64":
        return base64.encodebytes(raw)
    if cte == "quoted-printable":
        b = qp_encode(raw)
        return b if b.endswith(b"\n") else b + b"\n"
    return raw if raw.endswith(b"\n") else raw + b"\n"


def part_bytes(part):
    headers, body = part
    return ("\n".join(headers) + "\n\n").encode("ascii") + body


def q_encode_word(s, charset):
    out = []
    for b in s.encode(charset):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "!*+-/"):
            out.append(c)
        elif c == " ":
            out.append("_")
        else:
            out.append(f"={b:02X}")
    return "".join(out)


def encode_words(text, rng, charset=None, enc=None):
    """RFC 2047 encoding of a header value (only if it is not plain ASCII)."""
    if text.isascii():
        return text
    if charset is None:
        charset = rng.choice(["utf-8", "utf-8", "utf-8", "iso-8859-1", "windows-1252"])
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    if enc is None:
        enc = rng.choice(["Q", "B"])
    words, chunk = [], ""
    for ch in text:
        cand = chunk + ch
        if enc == "Q":
            ln = len(q_encode_word(cand, charset))
        else:
            ln = len(base64.b64encode(cand.encode(charset)))
        if ln + len(charset) + 7 > 75 and chunk:
            words.append(chunk)
            chunk = ch
        else:
            chunk = cand
    if chunk:
        words.append(chunk)
    enc_words = []
    for w in words:
        if enc == "Q":
            enc_words.append(f"=?{charset}?Q?{q_encode_word(w, charset)}?=")
        else:
            enc_words.append(f"=?{charset}?B?{base64.b64encode(w.encode(charset)).decode()}?=")
    return "\n ".join(enc_words)


def fmt_addr(name, addr, rng):
    if not name:
        return addr
    if not name.isascii():
        return f"{encode_words(name, rng)} <{addr}>"
    if re.search(r'[,.;:()<>@\[\]"]', name):
        return f'"{name}" <{addr}>'
    return f"{name} <{addr}>"


def boundary(rng, style):
    hx = "".join(rng.choice("0123456789abcdef") for _ in range(24))
    if style == "outlook":
        return "_000_" + hx.upper()[:20] + "CHUBEXCH01_"
    if style == "thunderbird":
        return "------------" + "".join(rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(24))
    if style == "apple":
        return "Apple-Mail=_" + hx[:8].upper() + "-" + hx[8:12].upper() + "-" + hx[12:16].upper() + "-" + hx[16:24].upper()
    if style == "gmail":
        return "0000000000" + hx[:18]
    return "===============" + str(rng.randint(10 ** 18, 10 ** 19 - 1)) + "=="


def multipart(subtype, parts, rng, style="python", preamble=True):
    b = boundary(rng, style)
    body = b""
    if preamble and rng.random() < 0.5:
        body += b"This is a multi-part message in MIME format.\n"
    for p in parts:
        body += b"\n--" + b.encode() + b"\n" + part_bytes(p)
    body += b"\n--" + b.encode() + b"--\n"
    return ([f'Content-Type: multipart/{subtype};', f' boundary="{b}"'], body)


def text_part(text, subtype="plain", charset="utf-8", cte="8bit", flowed=False):
    raw = text.encode(charset)
    if cte == "base64":
        raw = text.replace("\n", "\r\n").encode(charset)
    ct = f"Content-Type: text/{subtype}; charset=\"{charset}\""
    if flowed:
        ct += "; format=flowed"
    return ([ct, f"Content-Transfer-Encoding: {cte}"], encode_body(raw, cte))


def rfc2231(filename):
    return "utf-8''" + "".join(c if (c.isascii() and (c.isalnum() or c in "-._")) else
                               "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in filename)


def attachment(data, ctype, filename, rng, cte="base64", disposition="attachment", extra=None):
    if filename.isascii():
        name_param = f'name="{filename}"'
        disp = f'{disposition}; filename="{filename}"'
    else:
        name_param = f'name="{encode_words(filename, rng, charset="utf-8", enc="B")}"'
        disp = f"{disposition}; filename*={rfc2231(filename)}"
    headers = [f"Content-Type: {ctype};", f" {name_param}", f"Content-Disposition: {disp}",
               f"Content-Transfer-Encoding: {cte}"]
    if extra:
        headers += extra
    if cte == "base64":
        body = base64.encodebytes(data)
    elif cte == "quoted-printable":
        body = encode_body(data, cte)
    else:
        body = data if data.endswith(b"\n") else data + b"\n"
    return (headers, body)


def rfc822_part(msg_bytes_lf):
    return (["Content-Type: message/rfc822", "Content-Disposition: attachment", "Content-Transfer-Encoding: 8bit"],
            msg_bytes_lf if msg_bytes_lf.endswith(b"\n") else msg_bytes_lf + b"\n")


ENTITY_RE = re.compile(r"[^\x00-\x7f]")


def html_escape(text, entity_style="raw"):
    s = html.escape(text, quote=False)
    if entity_style == "named":
        def rep(m):
            c = m.group(0)
            name = html.entities.codepoint2name.get(ord(c))
            return f"&{name};" if name else f"&#{ord(c)};"
        s = ENTITY_RE.sub(rep, s)
    elif entity_style == "numeric":
        s = ENTITY_RE.sub(lambda m: f"&#{ord(m.group(0))};", s)
    return s


def text_to_html(text, rng, entity_style="raw", charset="utf-8", outlook=False, tables=None, lang="fr"):
    """Very small text->HTML renderer. ``tables`` maps a placeholder line to ready HTML."""
    tables = tables or {}
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    out = []
    pclass = ' class="MsoNormal"' if outlook else ""
    for block in blocks:
        if block.strip() in tables:
            out.append(tables[block.strip()])
            continue
        lines = block.split("\n")
        if all(l.startswith(">") for l in lines):
            inner = "<br>\n".join(html_escape(l.lstrip("> ").rstrip(), entity_style) for l in lines)
            out.append(f'<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">{inner}</blockquote>')
            continue
        esc = [html_escape(l, entity_style) for l in lines]
        esc = [re.sub(r" ([:;?!])", r"&nbsp;\1", l) for l in esc]
        out.append(f"<p{pclass}>" + "<br>\n".join(esc) + "</p>")
    font = rng.choice(["Calibri,sans-serif", "Arial,Helvetica,sans-serif", "Aptos,sans-serif", "Segoe UI,sans-serif"])
    head = f'<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
    if outlook:
        head += '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\np.MsoNormal {margin:0cm; font-size:11.0pt;}\n--></style>\n'
    head += "</head>\n"
    return head + f'<body lang="{"FR-CA" if lang == "fr" else "EN-CA"}" style="font-family:{font}">\n' + "\n".join(out) + "\n</body>\n</html>\n"


def html_table(rows, header=True, entity_style="raw", nbsp_cells=False, border=True):
    attrs = ' border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse"' if border else ' cellpadding="3"'
    out = [f"<table{attrs}>"]
    for i, row in enumerate(rows):
        tag = "th" if header and i == 0 else "td"
        cells = []
        for c in row:
            e = html_escape(str(c), entity_style)
            if nbsp_cells:
                e = e.replace(" ", "&nbsp;")
            cells.append(f"<{tag}>{e}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def text_table(rows, style="pipe"):
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        if style == "pipe":
            lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
            if i == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        elif style == "tab":
            lines.append("\t".join(str(c) for c in r))
        else:
            lines.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
            if i == 0:
                lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def body_part(rng, text, html_text=None, tables=None, kind=None, lang="fr"):
    """Render a text body with a randomly chosen transport (charset / encoding / HTML)."""
    if kind is None:
        kind = rng.choices(
            ["utf8-8bit", "utf8-qp", "utf8-b64", "latin1-qp", "latin1-8bit", "cp1252-8bit", "cp1252-qp",
             "alt", "alt-outlook", "html"],
            weights=[20, 16, 7, 7, 4, 6, 4, 17, 12, 7])[0]
    charset = "utf-8"
    if kind.startswith("latin1"):
        charset = "iso-8859-1"
    elif kind.startswith("cp1252"):
        charset = "windows-1252"
    if charset != "utf-8":
        try:
            text.encode(charset)
        except UnicodeEncodeError:
            charset = "windows-1252"
            try:
                text.encode(charset)
            except UnicodeEncodeError:
                charset = "utf-8"
    if kind.endswith("8bit") or kind.endswith("qp") or kind.endswith("b64"):
        cte = {"8bit": "8bit", "qp": "quoted-printable", "b64": "base64"}[kind.rsplit("-", 1)[1]]
        if text.isascii() and cte == "8bit":
            cte = "7bit"
        return text_part(text, "plain", charset, cte)
    ent = rng.choice(["raw", "named", "named", "numeric"])
    hcs = rng.choice(["utf-8", "utf-8", "windows-1252"]) if ent == "raw" else "us-ascii"
    if html_text is None:
        html_text = text_to_html(text, rng, ent, hcs, outlook=(kind == "alt-outlook"), tables=tables, lang=lang)
    try:
        html_text.encode(hcs)
    except UnicodeEncodeError:
        hcs = "utf-8"
    hcte = "quoted-printable" if not html_text.isascii() or rng.random() < 0.6 else "7bit"
    if rng.random() < 0.15:
        hcte = "base64"
    hpart = text_part(html_text, "html", hcs, hcte)
    if kind == "html":
        return hpart
    tcte = "quoted-printable" if not text.isascii() else "7bit"
    tpart = text_part(text, "plain", "utf-8" if hcs == "us-ascii" else hcs, tcte)
    return multipart("alternative", [tpart, hpart], rng, style="outlook" if kind == "alt-outlook" else "gmail")


MAILERS = [
    ("outlook", "X-Mailer: Microsoft Outlook 16.0"),
    ("outlook", "X-MS-Has-Attach: \nX-MS-TNEF-Correlator: \nX-Mailer: Microsoft Outlook 16.0"),
    ("thunderbird", "User-Agent: Mozilla Thunderbird"),
    ("apple", "X-Mailer: iPhone Mail (21F90)"),
    ("apple", "X-Mailer: Apple Mail (2.3774.600.62)"),
    ("gmail", ""),
    ("python", "X-Mailer: Lotus Notes Release 9.0.1"),
]


def msg_date(rng):
    start = dt.datetime(2024, 1, 8, 7, 0)
    d = start + dt.timedelta(days=rng.randint(0, 540))
    d = d.replace(hour=rng.choice([7, 8, 8, 9, 9, 10, 10, 11, 13, 13, 14, 14, 15, 15, 16, 17, 19, 21]),
                  minute=rng.randint(0, 59), second=rng.randint(0, 59))
    off = -4 if 3 < d.month < 11 else -5
    return d.replace(tzinfo=dt.timezone(dt.timedelta(hours=off)))


def build_message(rng, *, frm, to, subject, date, body, cc=None, attachments=(), mailer=None,
                  in_reply_to=None, extra_headers=(), priority=False, received=True):
    """Return the message with LF line ends (callers convert to CRLF)."""
    style, mailer_hdr = mailer or rng.choice(MAILERS)
    parts = [body] + list(attachments)
    top = parts[0] if len(parts) == 1 else multipart("mixed", parts, rng, style=style)
    hdrs = []
    if received:
        dom = frm[1].split("@")[1]
        rdate = format_datetime(date + dt.timedelta(seconds=rng.randint(1, 9)))
        hdrs.append(f"Received: from mail.{dom} (mail.{dom} [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}])\n"
                    f"\tby mx01.{dom} with ESMTPS id {rng.randint(10 ** 9, 10 ** 10 - 1):x};\n\t{rdate}")
    hdrs.append("From: " + fmt_addr(frm[0], frm[1], rng))
    hdrs.append("To: " + ",\n\t".join(fmt_addr(n, a, rng) for n, a in to))
    if cc:
        hdrs.append("Cc: " + ",\n\t".join(fmt_addr(n, a, rng) for n, a in cc))
    hdrs.append("Subject: " + encode_words(subject, rng))
    hdrs.append("Date: " + format_datetime(date))
    dom = frm[1].split("@")[1]
    mid = "".join(rng.choice("0123456789ABCDEF") for _ in range(16))
    hdrs.append(f"Message-ID: <{mid}.{rng.randint(1000, 99999)}@{dom}>")
    if in_reply_to:
        hdrs.append(f"In-Reply-To: <{in_reply_to}>")
        hdrs.append(f"References: <{in_reply_to}>")
    hdrs.append("MIME-Version: 1.0")
    if mailer_hdr:
        hdrs.append(mailer_hdr)
    if priority:
        hdrs.append("X-Priority: 1 (Highest)\nImportance: high")
    hdrs.extend(extra_headers)
    if style == "outlook":
        hdrs.append("Content-Language: fr-CA")
    return ("\n".join(hdrs) + "\n").encode("ascii") + part_bytes(top)


# ---------------------------------------------------------------------------
# File formats for attachments
# ---------------------------------------------------------------------------

ZIP_DATE = (2024, 11, 4, 9, 30, 0)


def zip_bytes(files, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = method
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return buf.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _wrun(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def make_docx(paragraphs, rng, split_runs=True):
    """paragraphs: list of str or (label, value) tuples. Minimal valid WordprocessingML package."""
    ps = []
    for p in paragraphs:
        if isinstance(p, tuple):
            label, value = p
            runs = _wrun(label + " ", bold=True)
            if split_runs and len(value) > 6 and rng.random() < 0.5:
                k = rng.randint(2, len(value) - 2)
                runs += _wrun(value[:k]) + _wrun(value[k:])
            else:
                runs += _wrun(value)
            ps.append(f"<w:p>{runs}</w:p>")
        elif p == "":
            ps.append("<w:p/>")
        else:
            ps.append(f"<w:p>{_wrun(p)}</w:p>")
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W_NS}"><w:body>' + "".join(ps) +
           '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    return zip_bytes([("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels.encode()),
                      ("word/document.xml", doc.encode("utf-8"))])


def _col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def make_xlsx(rows, sheet_name="Feuil1"):
    strings, index = [], {}
    xml_rows = []
    for ri, row in enumerate(rows, start=1):
        cells = []
        for ci, v in enumerate(row):
            ref = f"{_col(ci)}{ri}"
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                v = str(v)
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        xml_rows.append(f'<row r="{ri}">' + "".join(cells) + "</row>")
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{ns}"><sheetData>'
             + "".join(xml_rows) + "</sheetData></worksheet>")
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{ns}" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f'<si><t xml:space="preserve">{html.escape(s, quote=False)}</t></si>' for s in strings) + "</sst>")
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{ns}" xmlns:r="{rns}">'
          f'<sheets><sheet name="{html.escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              '</Relationships>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    return zip_bytes([("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels.encode()),
                      ("xl/workbook.xml", wb.encode()), ("xl/_rels/workbook.xml.rels", wbrels.encode()),
                      ("xl/worksheets/sheet1.xml", sheet.encode()), ("xl/sharedStrings.xml", sst.encode("utf-8"))])


def pdf_escape(s):
    out = []
    for ch in s:
        if ch in "()\\":
            out.append("\\" + ch)
        elif ch.isascii():
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")
            except UnicodeEncodeError:
                b = b"?"
            out.append("".join(f"\\{x:03o}" for x in b))
    return "".join(out)


def make_pdf(lines, compress=False, title=None):
    ops = ["BT", "/F1 10 Tf", "13 TL", "56 760 Td"]
    if title:
        ops += ["/F2 14 Tf", f"({pdf_escape(title)}) Tj", "0 -24 Td", "/F1 10 Tf"]
    for ln in lines:
        ops.append(f"({pdf_escape(ln)}) Tj T*")
    ops.append("ET")
    content = ("\n".join(ops) + "\n").encode("latin-1")
    if compress:
        data = zlib.compress(content, 9)
        stream = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
    else:
        stream = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Producer (Sentinelle corpus generator) >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {len(objs)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_png(rng, w=4, h=4):
    def chunk(t, data):
        return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)
    color = bytes([rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)])
    raw = b"".join(b"\x00" + color * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def make_dicom(person, patient_id, study_date, modality="CR"):
    def el(group, elem, vr, value):
        if isinstance(value, str):
            value = value.encode("latin-1")
        if len(value) % 2:
            value += b"\x00" if vr == "UI" else b" "
        tag = struct.pack("<HH", group, elem)
        if vr in ("OB", "OW", "SQ", "UN", "UT"):
            return tag + vr.encode() + b"\x00\x00" + struct.pack("<I", len(value)) + value
        return tag + vr.encode() + struct.pack("<H", len(value)) + value
    meta = (el(0x0002, 0x0001, "OB", b"\x00\x01") + el(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1")
            + el(0x0002, 0x0003, "UI", f"1.2.826.0.1.3680043.9.{patient_id[-6:].strip()}.{study_date.strftime('%Y%m%d')}")
            + el(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1"))
    meta = el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta))) + meta
    name = strip_accents(f"{person.surname}^{person.given}").upper()
    ds = (el(0x0008, 0x0020, "DA", study_date.strftime("%Y%m%d")) + el(0x0008, 0x0060, "CS", modality)
          + el(0x0010, 0x0010, "PN", name) + el(0x0010, 0x0020, "LO", patient_id)
          + el(0x0010, 0x0030, "DA", person.dob.strftime("%Y%m%d")) + el(0x0010, 0x0040, "CS", person.sex))
    return b"\x00" * 128 + b"DICM" + meta + ds


# ---------------------------------------------------------------------------
# The per-message "world": a seeded RNG plus helpers that also record what identifiers
# were emitted (so that the self-check can verify them).
# ---------------------------------------------------------------------------

def dob_between(rng, lo_year, hi_year):
    y = rng.randint(lo_year, hi_year)
    start = dt.date(y, 1, 1)
    end = dt.date(y, 12, 31)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


class World:
    def __init__(self, rng, lang="fr"):
        self.r = rng
        self.lang = lang
        self.date = msg_date(rng)
        self.day = self.date.date()
        self.hosp = rng.choice(HOSPITALS)
        self.ids = []          # (kind, value, expected_valid)
        self.neg_checks = []   # (kind, value)
        self.pdf_needles = []  # strings that must appear in an uncompressed PDF
        self.fr = lang == "fr"

    # -- randomness shortcuts
    def c(self, seq):
        return self.r.choice(seq)

    def t(self, fr, en):
        return fr if self.fr else en

    def chance(self, p):
        return self.r.random() < p

    # -- people
    def person(self, min_age=18, max_age=97, sex=None, english=None, special=0.12):
        r = self.r
        if sex is None:
            sex = r.choice("FM")
        if english is None:
            english = (not self.fr and r.random() < 0.6) or r.random() < 0.08
        if english:
            surname = r.choice(SURNAMES_EN + SURNAMES_SPECIAL[-8:])
            given = r.choice(GIVEN_F_EN if sex == "F" else GIVEN_M_EN)
        else:
            surname = r.choice(SURNAMES_SPECIAL) if r.random() < special else r.choice(SURNAMES_QC)
            given = r.choice(GIVEN_F_QC if sex == "F" else GIVEN_M_QC)
        lo = max(1925, self.day.year - max_age)
        hi = min(2024, self.day.year - min_age)
        dob = dob_between(r, lo, hi)
        if dob >= self.day:
            dob = self.day - dt.timedelta(days=r.randint(20, 300))
        diff = 1 if r.random() < 0.7 else r.randint(2, 9)
        p = Person(given, surname, sex, dob, diff)
        return p

    def staff(self, kind, hosp=None, sex=None):
        r = self.r
        hosp = hosp or self.hosp
        sex = sex or r.choice("FM")
        if r.random() < 0.1:
            given = r.choice(GIVEN_F_EN if sex == "F" else GIVEN_M_EN)
            surname = r.choice(SURNAMES_EN)
        else:
            given = r.choice(GIVEN_F_QC if sex == "F" else GIVEN_M_QC)
            surname = r.choice(SURNAMES_QC + SURNAMES_SPECIAL[:6])
        fr, en = r.choice(ROLES[kind])
        fr = fr.replace("(ne)", "ne" if sex == "F" else "").replace("(e)", "e" if sex == "F" else "")
        fr = gender_role(fr, sex)
        st = Staff(given, surname, sex, fr, en, hosp, doctor=kind in ("md", "resident"), rng=r)
        st.kind = kind
        return st

    def family_addr(self, person_like_given, surname):
        r = self.r
        local = r.choice([f"{ascii_local(person_like_given)}.{ascii_local(surname)}",
                          f"{ascii_local(person_like_given)[0]}{ascii_local(surname)}{r.randint(1, 99)}",
                          f"{ascii_local(surname)}{ascii_local(person_like_given)[:3]}",
                          f"{ascii_local(person_like_given)}{r.randint(60, 99)}"])
        return f"{local}@{r.choice(PERSONAL_DOMAINS)}"

    # -- identifiers (recorded)
    def nam_of(self, p, style=None, typo=False):
        value = p.nam
        if typo:
            while True:  # a wrong check digit (and not the one valid for the other century)
                bad = value[:-1] + str((int(value[-1]) + self.r.randint(1, 9)) % 10)
                if not nam_valid(bad):
                    break
            value = bad
            self.ids.append(("NAM", value, False))
        else:
            self.ids.append(("NAM", value, True))
        return fmt_nam(value, self.r, style)

    def sin(self, style=None):
        v = gen_sin(self.r)
        self.ids.append(("SIN", v, True))
        style = style or self.c(["333s", "333s", "333-", "bare"])
        return {"333s": f"{v[:3]} {v[3:6]} {v[6:]}", "333-": f"{v[:3]}-{v[3:6]}-{v[6:]}", "bare": v}[style]

    def ohip(self):
        v = gen_ohip(self.r)
        self.ids.append(("OHIP", v, True))
        ver = self.c(["", "", "AB", "KP", "XY", "TN", "HG", "MC"])
        style = self.c(["4-3-3", "4 3 3", "bare"])
        s = {"4-3-3": f"{v[:4]}-{v[4:7]}-{v[7:]}", "4 3 3": f"{v[:4]} {v[4:7]} {v[7:]}", "bare": v}[style]
        if ver:
            s += self.c(["-", " ", ""]) + ver
        return s

    def phn(self):
        v = gen_bc_phn(self.r)
        self.ids.append(("PHN", v, True))
        return self.c([f"{v[:4]} {v[4:7]} {v[7:]}", v, f"{v[:4]}-{v[4:7]}-{v[7:]}"])

    def mrn(self, style=None):
        r = self.r
        style = style or r.choice(["6", "8z", "H-", "7", "letters"])
        if style == "6":
            return str(r.randint(100000, 999999))
        if style == "8z":
            return f"00{r.randint(100000, 999999)}"
        if style == "H-":
            return f"H-{r.randint(100000, 999999)}"
        if style == "7":
            return f"{r.randint(1000000, 9999999)}"
        return f"{self.hosp['short']}{r.randint(10000, 999999)}"

    # -- assorted fillers
    def phone(self, area=None, ext=False):
        r = self.r
        area = area or self.hosp["area"]
        s = r.choice([f"{area} 555-01{r.randint(0, 99):02d}", f"({area}) 555-01{r.randint(0, 99):02d}",
                      f"{area}-555-01{r.randint(0, 99):02d}", f"{area}.555.01{r.randint(0, 99):02d}"])
        if ext:
            s += r.choice([f", poste {r.randint(2000, 79999)}", f" p. {r.randint(2000, 79999)}",
                           f" ext. {r.randint(2000, 79999)}", f" #{r.randint(2000, 79999)}"])
        return s

    def postal(self, first=None):
        r = self.r
        L = "ABCEGHJKLMNPRSTVXY"
        return f"{first or r.choice('HJG')}{r.randint(0, 9)}{r.choice(L)} {r.randint(0, 9)}{r.choice(L)}{r.randint(0, 9)}"

    def address(self):
        r = self.r
        return f"{r.randint(12, 9800)}, {r.choice(STREETS)}, {r.choice(CITIES_QC)} (Québec) {self.postal()}"

    def later(self, days_lo=1, days_hi=30):
        return self.day + dt.timedelta(days=self.r.randint(days_lo, days_hi))

    def earlier(self, days_lo=1, days_hi=30):
        return self.day - dt.timedelta(days=self.r.randint(days_lo, days_hi))

    def dob_text(self, p, lang=None):
        lang = lang or self.lang
        return fmt_date(p.dob, self.c(DOB_STYLES_FR if lang == "fr" else DOB_STYLES_EN))

    def diag(self, p):
        pool = DIAG_CHILD if p.age(self.day) < 16 else DIAG_ADULT
        d = self.c(pool)
        return d[0] if self.fr else d[1]

    def diag_t(self, p):
        pool = DIAG_CHILD if p.age(self.day) < 16 else DIAG_ADULT
        return self.c(pool)

    def meds(self, n=2):
        return [m[0] if self.fr else m[1] for m in self.r.sample(MEDS, n)]

    def allergy(self):
        a = self.c(ALLERGIES)
        return a[0] if self.fr else a[1]

    def imaging(self):
        a = self.c(IMAGING)
        return a[0] if self.fr else a[1]

    def symptom(self):
        a = self.c(SYMPTOMS)
        return a[0] if self.fr else a[1]

    def service(self):
        s = self.c(SERVICES)
        return s[0] if self.fr else s[1]

    def room(self):
        r = self.r
        return f"{r.randint(1, 9)}{r.randint(0, 3)}{r.randint(0, 9)}{r.choice(['', '', '-A', '-B', '-1', '-2'])}"

    def greet(self, name=None):
        if self.fr:
            opts = ["Bonjour,", "Bonjour,", "Bonjour à tous,", "Salut,", "Bonsoir,", "Allô,"]
            if name:
                opts += [f"Bonjour {name},", f"Bonjour {name},", f"Salut {name},", f"Allô {name},"]
        else:
            opts = ["Hi,", "Hello,", "Good morning,", "Hi all,"]
            if name:
                opts += [f"Hi {name},", f"Dear {name},", f"Hello {name},"]
        return self.c(opts)

    def close(self):
        return self.c(["Merci,", "Merci beaucoup,", "Bonne journée,", "Cordialement,", "Merci à l'avance,",
                       "Bien à vous,", "Salutations,", "Merci et bonne fin de journée,", "Bonne soirée,", "Merci!"]
                      if self.fr else ["Thanks,", "Thank you,", "Best regards,", "Regards,", "Many thanks,", "Cheers,", "Best,"])

    def signature(self, s, full=None):
        r = self.r
        if full is None:
            full = r.random() < 0.7
        lines = [s.dr(self.lang) if s.doctor else s.full]
        if not full:
            return lines[0] if r.random() < 0.6 else (s.given if r.random() < 0.5 else "".join(x[0] for x in s.full.split()))
        lines.append(s.role_fr if self.fr else s.role_en)
        if r.random() < 0.6 and getattr(s, "kind", "") in ("md", "resident", "nurse", "secretary", "pharm", "sw", "lab"):
            lines.append(f"Service {de(self.service())}" if self.fr else f"Department of {self.service()}")
        lines.append(s.hosp["name"])
        ph = s.phone
        lines.append(r.choice([f"Tél. : {ph}, poste {s.ext}", f"T {ph} p. {s.ext}", f"Téléphone : {ph} #{s.ext}"])
                     if self.fr else f"Tel.: {ph} ext. {s.ext}")
        if r.random() < 0.5:
            lines.append((f"Téléc. : {s.hosp['area']} 555-01{r.randint(0, 99):02d}") if self.fr else
                         f"Fax: {s.hosp['area']} 555-01{r.randint(0, 99):02d}")
        sig = "\n".join(lines)
        if r.random() < 0.5:
            sig = "-- \n" + sig
        if r.random() < 0.35:
            sig += "\n\n" + r.choice(DISCLAIMERS)
        return sig


DISCLAIMERS = [
    "AVIS DE CONFIDENTIALITÉ : Ce message est destiné uniquement à la personne ou à l'organisme à qui il est adressé "
    "et peut contenir des renseignements confidentiels. Si vous l'avez reçu par erreur, veuillez en aviser "
    "l'expéditeur et le détruire.",
    "Ce courriel peut contenir des informations confidentielles. Toute diffusion non autorisée est interdite.\n"
    "This e-mail may contain confidential information. Any unauthorized disclosure is prohibited.",
    "Pensez à l'environnement avant d'imprimer ce courriel.",
    "CONFIDENTIALITÉ – Le présent courriel et ses pièces jointes sont confidentiels. S'il vous a été transmis par "
    "erreur, merci de le supprimer et d'en informer l'expéditeur.",
]


def fmt_nam(value, rng, style=None):
    style = style or rng.choices(["compact", "spaced", "hyphen", "lower", "lower-hyphen", "lower-spaced", "4-6-2"],
                                 weights=[34, 34, 10, 5, 6, 5, 6])[0]
    a, b, c = value[:4], value[4:8], value[8:]
    return {"compact": value, "spaced": f"{a} {b} {c}", "hyphen": f"{a}-{b}-{c}", "lower": value.lower(),
            "lower-hyphen": f"{a}-{b}-{c}".lower(), "lower-spaced": f"{a} {b} {c}".lower(),
            "4-6-2": f"{a} {value[4:10]} {value[10:]}", "nbsp": f"{a}\u00a0{b}\u00a0{c}"}[style]


NAM_LABELS_FR = ["NAM : {}", "NAM: {}", "No RAMQ : {}", "no RAMQ {}", "carte soleil {}", "# assurance maladie : {}",
                 "No d'assurance maladie : {}", "numéro d'assurance maladie {}", "RAMQ {}", "(NAM {})",
                 "Carte d'assurance maladie : {}", "N° RAMQ {}", "CAM : {}", "NAM {}", "# RAMQ: {}"]
NAM_LABELS_EN = ["Medicare #: {}", "RAMQ number: {}", "Quebec health card: {}", "health insurance number {}",
                 "HIN: {}", "RAMQ # {}", "Medicare card {}", "NAM: {}", "(RAMQ {})"]


def nam_label(w, p, typo=False):
    return w.c(NAM_LABELS_FR if w.fr else NAM_LABELS_EN).format(w.nam_of(p, typo=typo))


def quote_block(text, w, who, when, style):
    """Return a quoted earlier message in one of several client styles."""
    if style == "outlook-fr":
        return (f"-----Message d'origine-----\nDe : {who[0]} <{who[1]}>\n"
                f"Envoyé : {fr_weekday_date(when.date())} {when.year} {when.strftime('%H:%M')}\n"
                f"À : {w.hosp['name']}\nObjet : {w.c(['RE: ', '', 'Suivi - '])}{w.c(['Demande', 'Dossier', 'Question', 'Patient', 'Rendez-vous'])}\n\n{text}")
    if style == "outlook-fr2":
        return (f"________________________________\nDe : {who[0]}\nEnvoyé : {when.strftime('%d %m %Y %H:%M').replace(' ', '/', 2)}\n"
                f"Objet : {w.c(['Demande', 'Suivi', 'Question'])}\n\n{text}")
    if style == "gmail-fwd":
        return (f"---------- Forwarded message ---------\nFrom: {who[0]} <{who[1]}>\n"
                f"Date: {DAYS_EN[when.weekday()][:3]}, {MONTHS_EN[when.month - 1][:3]} {when.day}, {when.year} at {when.strftime('%I:%M %p').lstrip('0')}\n"
                f"Subject: {w.c(['Patient', 'Follow-up', 'Question', 'Referral'])}\nTo: <{w.c(['info', 'clinique', 'admission'])}@{w.hosp['domain']}>\n\n{text}")
    if style == "gmail-fr-fwd":
        return (f"---------- Message transféré ---------\nDe : {who[0]} <{who[1]}>\n"
                f"Date: {DAYS_FR[when.weekday()][:3]}. {when.day} {MONTHS_FR_ABBR[when.month - 1]} {when.year} à {when.strftime('%H:%M')}\n"
                f"Subject: {w.c(['Suivi', 'Question', 'Demande'])}\n\n{text}")
    if style == "reply-fr":
        head = f"Le {fr_weekday_date(when.date())} {when.year} à {when.strftime('%H:%M')}, {who[0]} <{who[1]}> a écrit :"
        return head + "\n" + "\n".join("> " + l if l else ">" for l in text.split("\n"))
    head = f"On {DAYS_EN[when.weekday()][:3]}, {MONTHS_EN[when.month - 1][:3]} {when.day}, {when.year} at {when.strftime('%I:%M %p').lstrip('0')} {who[0]} <{who[1]}> wrote:"
    return head + "\n" + "\n".join("> " + l if l else ">" for l in text.split("\n"))


# ---------------------------------------------------------------------------
# Structured health records (HL7 v2, FHIR, CDA)
# ---------------------------------------------------------------------------

def hl7_ts(d, rng=None, with_time=True):
    if isinstance(d, dt.datetime):
        return d.strftime("%Y%m%d%H%M%S") if with_time else d.strftime("%Y%m%d")
    return d.strftime("%Y%m%d")


def hl7_pid(w, p, mrn, with_nam=True, charset="latin-1"):
    ids = [f"{mrn}^^^{w.hosp['short']}^MR"]
    if with_nam:
        ids.append(f"{p.nam}^^^RAMQ^JHN")
        w.ids.append(("NAM", p.nam, True))
    street = w.c(STREETS)
    addr = f"{w.r.randint(10, 9999)} {street}^^{w.c(CITIES_QC)}^QC^{w.postal()}^CAN^H"
    phone = f"^PRN^PH^^1^{w.hosp['area']}^55501{w.r.randint(0, 99):02d}"
    return (f"PID|1||{'~'.join(ids)}||{p.surname.upper()}^{p.given.upper()}^^^^^L||{p.dob.strftime('%Y%m%d')}|{p.sex}"
            f"|||{addr}||{phone}|||||||||||||||N")


def make_hl7(w, p, kind="ORU", mrn=None, with_nam=True, mllp=False, charset=None):
    r = w.r
    mrn = mrn or w.mrn("6")
    charset = charset or r.choice(["latin-1", "utf-8"])
    ts = w.date.strftime("%Y%m%d%H%M%S")
    ctrl = f"{r.randint(10 ** 8, 10 ** 9 - 1)}"
    msh18 = "8859/1" if charset == "latin-1" else "UNICODE UTF-8"
    doc = w.staff("md")
    docf = f"{r.randint(10000, 99999)}^{doc.surname.upper()}^{doc.given.upper()}"
    if kind == "ORU":
        segs = [f"MSH|^~\\&|{r.choice(['SOFTLAB', 'LABSYS', 'GALILEO', 'CERNERLAB'])}|{w.hosp['short']}|DME|{w.hosp['short']}|{ts}||ORU^R01^ORU_R01|{ctrl}|P|2.5.1|||||CAN|{msh18}",
                hl7_pid(w, p, mrn, with_nam),
                f"PV1|1|{r.choice(['O', 'I', 'E'])}|{r.choice(['4N', '5S', 'URG', 'CLIN-EXT'])}^{w.room()}^1|||||{docf}",
                f"ORC|RE|{r.randint(100000, 999999)}|{r.randint(100000, 999999)}||CM",
                f"OBR|1|{r.randint(100000, 999999)}|{r.randint(100000, 999999)}|{r.choice(['BIOCHIMIE^Bilan biochimique', 'HEMATO^Formule sanguine', 'COAG^Coagulation'])}|||{ts}|||||||||{docf}||||||{ts}|||F"]
        labs = lab_values(r, "fr", 4, sex=p.sex)
        for i, (name, val, ref) in enumerate(labs, start=1):
            num_unit = val.split(" ", 1)
            v = num_unit[0].replace(",", ".")
            unit = num_unit[1] if len(num_unit) > 1 else ""
            segs.append(f"OBX|{i}|NM|{name.upper().replace(' ', '')}^{name}^L||{v}|{unit}|{ref.strip('()')}|H|||F|||{ts}")
        segs.append(f"NTE|1||{r.choice(['Résultat critique communiqué à l’infirmière', 'Valeur contrôlée', 'Hémolyse légère'])}")
    else:
        ev = r.choice(["A01", "A04", "A08", "A03"])
        dg = w.c(DIAG_ADULT if p.age(w.day) >= 16 else DIAG_CHILD)
        al = w.c(ALLERGIES)
        nk = w.person(30, 80)
        segs = [f"MSH|^~\\&|ADMSYS|{w.hosp['short']}|DME|{w.hosp['short']}|{ts}||ADT^{ev}^ADT_A01|{ctrl}|P|2.5.1|||||CAN|{msh18}",
                f"EVN|{ev}|{ts}",
                hl7_pid(w, p, mrn, with_nam),
                f"NK1|1|{nk.surname.upper()}^{nk.given.upper()}|{r.choice(['SPO^Conjoint', 'CHD^Enfant', 'SIB^Frère/soeur'])}||^PRN^PH^^1^{w.hosp['area']}^55501{r.randint(0, 99):02d}",
                f"PV1|1|{r.choice(['I', 'E'])}|{r.choice(['4N', '5S', 'URG', 'USI'])}^{w.room()}^1||||{docf}||||||||||||{r.randint(10 ** 7, 10 ** 8 - 1)}",
                f"AL1|1|DA|^{al[0]}|{r.choice(['MO', 'SV', 'MI'])}",
                f"DG1|1||^{dg[0]}||{ts}|A"]
    text = "\r".join(segs) + "\r"
    if charset == "latin-1":
        data = text.replace("’", "'").encode("latin-1", errors="replace")
    else:
        data = text.encode("utf-8")
    if mllp:
        data = b"\x0b" + data + b"\x1c\r"
    return data


FHIR_SYS_QC = ["https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id",
               "http://documentation.clicsante.ca/fhir/base/nam"]


def fhir_patient(w, p, pid=None, with_nam=True, extra_ids=()):
    ident = []
    if with_nam:
        w.ids.append(("NAM", p.nam, True))
        ident.append({"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "JHN"}]},
                      "system": w.c(FHIR_SYS_QC), "value": p.nam})
    ident.append({"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                  "system": f"urn:oid:2.16.124.10.101.1.60.4.{w.r.randint(100, 999)}", "value": w.mrn("7")})
    ident.extend(extra_ids)
    res = {"resourceType": "Patient", "id": pid or str(w.r.randint(100, 99999)),
           "identifier": ident,
           "name": [{"use": "official", "family": p.surname, "given": p.given.split("-") if w.chance(0.2) else [p.given]}],
           "gender": "female" if p.sex == "F" else "male",
           "birthDate": p.dob.isoformat(),
           "address": [{"line": [f"{w.r.randint(10, 9999)}, {w.c(STREETS)}"], "city": w.c(CITIES_QC), "state": "QC",
                        "postalCode": w.postal(), "country": "CA"}],
           "telecom": [{"system": "phone", "value": w.phone(), "use": "home"}],
           "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "fr-CA"}]}}]}
    return res


def fhir_observation(w, pid, name, value, unit, loinc):
    return {"resourceType": "Observation", "id": str(w.r.randint(1000, 99999)), "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc, "display": name}]},
            "subject": {"reference": f"Patient/{pid}"},
            "effectiveDateTime": w.date.isoformat(),
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org"},
            "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "H"}]}]}


def fhir_xml_patient(w, p):
    w.ids.append(("NAM", p.nam, True))
    given = html.escape(p.given)
    fam = html.escape(p.surname)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Patient xmlns="http://hl7.org/fhir">\n'
            f'  <id value="{w.r.randint(100, 99999)}"/>\n'
            f'  <identifier>\n    <type><coding><system value="http://terminology.hl7.org/CodeSystem/v2-0203"/><code value="JHN"/></coding></type>\n'
            f'    <system value="{FHIR_SYS_QC[0]}"/>\n    <value value="{p.nam}"/>\n  </identifier>\n'
            f'  <name>\n    <use value="official"/>\n    <family value="{fam}"/>\n    <given value="{given}"/>\n  </name>\n'
            f'  <gender value="{"female" if p.sex == "F" else "male"}"/>\n  <birthDate value="{p.dob.isoformat()}"/>\n'
            f'  <address><city value="{html.escape(w.c(CITIES_QC))}"/><state value="QC"/><postalCode value="{w.postal()}"/></address>\n'
            f'</Patient>\n')


def make_cda(w, p, author, lang="fr"):
    w.ids.append(("NAM", p.nam, True))
    dg = w.diag_t(p)
    meds = w.meds(2)
    sec_title = "Évaluation et plan" if lang == "fr" else "Assessment and plan"
    txt = (f"{dg[0]}. {w.c(['Poursuivre', 'Débuter', 'Ajuster'])} {meds[0]}. Revoir dans {w.r.randint(2, 12)} semaines."
           if lang == "fr" else f"{dg[1]}. Continue {meds[0]}. Follow-up in {w.r.randint(2, 12)} weeks.")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f'  <realmCode code="CA"/>\n  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>\n'
            f'  <id root="2.16.124.10.101.1.60.3" extension="{w.r.randint(10 ** 7, 10 ** 8 - 1)}"/>\n'
            f'  <code code="11488-4" codeSystem="2.16.840.1.113883.6.1" displayName="Consult note"/>\n'
            f'  <title>{"Note de consultation" if lang == "fr" else "Consultation note"}</title>\n'
            f'  <effectiveTime value="{w.date.strftime("%Y%m%d%H%M%S%z")}"/>\n'
            f'  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>\n  <languageCode code="{"fr-CA" if lang == "fr" else "en-CA"}"/>\n'
            f'  <recordTarget>\n    <patientRole>\n      <id root="2.16.124.10.101.1.60.100" extension="{p.nam}"/>\n'
            f'      <addr><city>{html.escape(w.c(CITIES_QC))}</city><state>QC</state><postalCode>{w.postal()}</postalCode></addr>\n'
            f'      <patient>\n        <name><given>{html.escape(p.given)}</given><family>{html.escape(p.surname)}</family></name>\n'
            f'        <administrativeGenderCode code="{p.sex}" codeSystem="2.16.840.1.113883.5.1"/>\n'
            f'        <birthTime value="{p.dob.strftime("%Y%m%d")}"/>\n      </patient>\n    </patientRole>\n  </recordTarget>\n'
            f'  <author>\n    <time value="{w.date.strftime("%Y%m%d")}"/>\n    <assignedAuthor>\n      <id root="2.16.124.10.101.1.60.1.2" extension="{w.r.randint(10000, 99999)}"/>\n'
            f'      <assignedPerson><name><given>{html.escape(author.given)}</given><family>{html.escape(author.surname)}</family></name></assignedPerson>\n'
            f'    </assignedAuthor>\n  </author>\n'
            f'  <custodian><assignedCustodian><representedCustodianOrganization><name>{html.escape(w.hosp["name"])}</name></representedCustodianOrganization></assignedCustodian></custodian>\n'
            f'  <component>\n    <structuredBody>\n      <component>\n        <section>\n          <title>{sec_title}</title>\n'
            f'          <text>{html.escape(txt)}</text>\n        </section>\n      </component>\n    </structuredBody>\n  </component>\n'
            f'</ClinicalDocument>\n')


# ---------------------------------------------------------------------------
# Sending helper
# ---------------------------------------------------------------------------

def J(*lines):
    return "\n".join(l for l in lines if l is not None)


def send(w, frm, to, subject, text, atts=(), cc=None, kind=None, tables=None, html_text=None,
         mailer=None, priority=False, in_reply_to=None, curly=None):
    if curly is None:
        curly = w.fr and w.chance(0.3)
    if curly:
        text = text.replace("'", "’")
        subject = subject.replace("'", "’")
    text = re.sub(r"\n{3,}", "\n\n", text.strip("\n")) + "\n"
    body = body_part(w.r, text, html_text=html_text, tables=tables, kind=kind, lang=w.lang)
    frm = frm.addr() if isinstance(frm, Staff) else frm
    to = [t.addr() if isinstance(t, Staff) else t for t in to]
    cc = [t.addr() if isinstance(t, Staff) else t for t in cc] if cc else None
    return build_message(w.r, frm=frm, to=to, subject=subject, date=w.date, body=body, cc=cc, attachments=atts,
                         mailer=mailer, priority=priority, in_reply_to=in_reply_to)


def reply_id(w):
    return f"{''.join(w.r.choice('0123456789abcdef') for _ in range(20))}@{w.hosp['domain']}"


# ===========================================================================
# POSITIVE TEMPLATES
# Each returns (slug, category, message_bytes_with_LF).
# ===========================================================================

def p_terse_note(w):
    p = w.person(20, 96)
    md = w.staff("md")
    to = w.staff(w.c(["md", "nurse", "secretary"]))
    labelled = w.chance(0.5)
    nam = nam_label(w, p) if labelled else w.nam_of(p)
    dg = w.diag(p)
    m1, m2 = w.meds(2)
    if w.fr:
        opener = w.c(["Pt", p.e("Pte", "Pt"), "Usager", p.formal("fr"), p.full, p.rev])
        text = J(w.c(["", to.given + ",", "Allô,", "FYI", "Pour info :"]), "",
                 w.c([f"{opener} {nam} — {dg}.", f"{opener} ({nam}) : {dg}.", f"{nam} {p.full} - {dg}"]),
                 w.c([f"Vu ce matin. {w.c(['Stable', 'Amélioré', 'Pas d’amélioration', 'Se détériore'])}. Augmenter {m1}.",
                      f"Cesser {m1}, débuter {m2}.", f"Rx renouvelée : {m1}, {m2}.",
                      f"Bilan demandé : FSC, ions, créat. {w.c(['Revoir résultats lundi.', 'M’appeler si K > 5,5.'])}",
                      f"Congé prévu demain si {w.c(['afébrile', 'saturation > 92 %', 'douleur contrôlée'])}."]),
                 w.c([f"Rappel dans {w.r.randint(1, 6)} sem.", f"RV le {fmt_date(w.later(7, 60), 'dmy/')}", "Suivi GMF.", ""]),
                 "", w.c(["", md.given[0] + md.surname[0], md.dr_last("fr"), "Envoyé de mon iPhone"]))
        subj = w.c(["pt", "Suivi", f"{p.surname}", "Rx", "Note", "Re: liste", "suivi " + p.surname.lower(), "."])
    else:
        opener = w.c(["Pt", "Patient", p.formal("en"), p.full])
        text = J(w.c(["", to.given + ",", "FYI"]), "",
                 w.c([f"{opener} {nam} - {dg}.", f"{opener} ({nam}): {dg}."]),
                 w.c([f"Seen this am. {w.c(['Stable', 'Improving', 'Worse'])}. Increase {m1}.",
                      f"Stop {m1}, start {m2}.", f"Rx renewed: {m1}, {m2}.", f"Ordered CBC, lytes, creat. Will review Monday."]),
                 w.c([f"F/u in {w.r.randint(1, 6)} wks.", "Back to GP.", ""]), "",
                 w.c(["", md.given[0] + md.surname[0], md.dr_last("en"), "Sent from my iPhone"]))
        subj = w.c(["pt", "f/u", p.surname, "Rx", "note"])
    return "terse-note", "nam-labelled" if labelled else "nam-unlabelled", send(w, md, [to], subj, text, mailer=w.c(MAILERS[3:4] + MAILERS[:2]))


def p_referral_secretary(w):
    p = w.person(18, 95)
    sec = w.staff("secretary")
    md = w.staff("md")
    dest = w.staff("secretary", hosp=w.c(HOSPITALS))
    dg, dg_en, svc = w.diag_t(p)
    prio = w.c(["A – moins de 3 jours", "B – moins de 10 jours", "C – moins de 28 jours", "D – moins de 3 mois", "E – moins de 12 mois"])
    fields = [
        (w.c(["Nom :", "Nom de l'usager :", "Usager :", "Patient(e) :"]), w.c([p.rev, p.full, f"{p.surname}, {p.given}"])),
        (w.c(["Date de naissance :", "DDN :", "Né(e) le :"]), w.dob_text(p)),
        (w.c(["NAM :", "No d'assurance maladie :", "No RAMQ :", "Carte d'assurance maladie :"]), w.nam_of(p)),
        (w.c(["Téléphone :", "Tél. :", "Tél. (domicile) :"]), w.phone(area=w.c(["514", "450", "418", "819"]))),
        (w.c(["Raison de la consultation :", "Motif :", "Renseignements cliniques :"]), dg),
        ("Priorité :", prio),
        (w.c(["Médecin référent :", "Référé par :", "Médecin traitant :"]), md.dr("fr") + f" (licence {w.r.randint(10000, 99999)})"),
    ]
    if w.chance(0.5):
        fields.insert(5, ("Allergies :", w.allergy()))
    if w.chance(0.4):
        fields.insert(4, ("Adresse :", w.address()))
    if w.chance(0.3):
        fields = fields[1:2] + fields[0:1] + fields[2:]
    block = "\n".join(f"{a} {b}" for a, b in fields)
    text = J(w.greet(), "",
             w.c([f"Veuillez trouver ci-dessous une demande de consultation en {svc} pour {p.formal('fr')}.",
                  f"Je vous transmets une référence en {svc} de la part {'de la' if md.sex == 'F' else 'du'} {md.dr('fr')}.",
                  f"Voici les informations pour la demande de consultation en {svc} (CRDS) :"]), "",
             block, "",
             w.c(["Merci de confirmer la réception et de nous aviser de la date du rendez-vous.",
                  "Le rapport de la dernière imagerie suivra par télécopieur.",
                  "Pourriez-vous nous confirmer que la demande est complète?"]), "",
             w.close(), w.signature(sec))
    subj = w.c([f"Demande de consultation – {svc}", f"Référence {svc} - {p.surname}", "Demande de consultation",
                f"CRDS – nouvelle demande ({svc})"])
    return "referral-secretary", "nam-labelled", send(w, sec, [dest], subj, text, cc=[md] if w.chance(0.4) else None)


def p_nurse_handoff(w):
    nurse = w.staff("nurse")
    unit = w.c(["4 Nord", "5e Sud", "6e Ouest", "Unité de médecine 3B", "Gériatrie active 7e", "Soins intermédiaires"])
    n = w.r.randint(3, 6)
    lines = []
    with_nam = 0
    for i in range(n):
        p = w.person(35, 97)
        dg = w.diag(p)
        idpart = ""
        if w.chance(0.6):
            idpart = f" ({w.nam_of(p)})"
            with_nam += 1
        notes = w.c(["afébrile, mobilise avec marchette", "douleur 6/10, hydromorphone PRN donné x2", "confus la nuit, ridelles",
                     "O2 2 L/min, sat 93 %", "diurèse 1,2 L/24 h", "NPO pour examen demain 8 h",
                     "glycémies élevées, échelle d’insuline ajustée", "famille avisée", "plaie propre, pansement fait",
                     "chute sans blessure à 3 h, rapport AH-223 fait"])
        lines.append(f"Ch. {w.room()} – {p.formal('fr')} {p.given}{idpart}, {p.age(w.day)} ans : {dg}; {notes}.")
    if with_nam == 0:
        p = w.person(35, 97)
        lines.append(f"Ch. {w.room()} – {p.formal('fr')} {p.given} ({w.nam_of(p)}), {p.age(w.day)} ans : admission de nuit, {w.diag(p)}.")
    text = J(w.c([f"Rapport de fin de quart – {unit}", f"Relève {w.c(['jour', 'soir', 'nuit'])} – {unit}", "Voici la relève :"]), "",
             *lines, "",
             w.c(["Rien d’autre à signaler.", "Lits disponibles : 2.", "L’inhalothérapeute passera à 9 h.", ""]),
             "", w.signature(nurse, full=w.chance(0.3)))
    to = w.staff("nurse")
    return "nurse-handoff", "nam-list", send(w, nurse, [to], w.c([f"Relève {unit}", "Rapport de quart", f"relève {w.day.strftime('%d/%m')}"]), text)


def p_lab_followup(w):
    p = w.person(25, 95)
    tech = w.staff(w.c(["lab", "nurse", "md"]))
    md = w.staff("md")
    labs = lab_values(w.r, w.lang, w.r.randint(2, 4), sex=p.sex)
    lab_lines = "\n".join(f"- {a} : {b} {c}".rstrip() if w.fr else f"- {a}: {b} {c}".rstrip() for a, b, c in labs)
    nm = nam_label(w, p)
    if w.fr:
        text = J(w.greet(md.dr_last("fr")), "",
                 w.c([f"Résultats anormaux pour {p.formal('fr')} {p.given} ({nm}), prélèvement du {fmt_date(w.earlier(0, 3), 'fr_long')} :",
                      f"Voici les résultats de la prise de sang de {p.full}, {nm} :",
                      f"Valeurs critiques – {p.rev} – {nm}"]), "",
                 lab_lines, "",
                 w.c(["Pourriez-vous rappeler la patiente pour ajuster le traitement?" if p.sex == "F" else "Pourriez-vous rappeler le patient pour ajuster le traitement?",
                      "Le laboratoire a tenté de joindre la clinique sans succès.",
                      f"Je suggère de reprendre le bilan dans {w.r.randint(2, 14)} jours.",
                      "Résultats communiqués verbalement à l’infirmière de garde."]), "",
                 w.close(), w.signature(tech))
        subj = w.c(["Résultats anormaux", "Valeur critique – laboratoire", f"Résultats {p.surname}", "Suivi de laboratoire"])
    else:
        text = J(w.greet(md.dr_last("en")), "",
                 w.c([f"Abnormal results for {p.full} ({nm}), drawn {fmt_date(w.earlier(0, 3), 'en_long')}:",
                      f"Critical values – {p.rev} – {nm}"]), "",
                 lab_lines, "",
                 w.c(["Could you call the patient to adjust treatment?", "Repeat bloodwork suggested in one week.",
                      "Results phoned to the on-call nurse."]), "", w.close(), w.signature(tech))
        subj = w.c(["Abnormal lab results", "Critical value", f"Lab results - {p.surname}"])
    return "lab-followup", "nam-labelled", send(w, tech, [md], subj, text, priority=w.chance(0.3))


def p_family_writes(w):
    fr = w.fr
    parent = w.person(45, 97)
    rel_fr = w.c(["ma mère", "mon père"]) if parent.sex == "F" else "mon père"
    rel_fr = "ma mère" if parent.sex == "F" else "mon père"
    rel_en = "my mother" if parent.sex == "F" else "my father"
    child_given = w.c(GIVEN_F_QC + GIVEN_M_QC) if fr else w.c(GIVEN_F_EN + GIVEN_M_EN)
    child_sur = parent.surname if w.chance(0.5) else w.c(SURNAMES_QC)
    frm = (f"{child_given} {child_sur}", w.family_addr(child_given, child_sur))
    to = (w.c(["Info clinique", "Accueil", "Centre de rendez-vous", "", ""]) or None,
          f"{w.c(['info', 'accueil', 'rendezvous', 'clinique', 'admission'])}@{w.hosp['domain']}")
    nam = w.nam_of(parent, style=w.c(["lower-hyphen", "lower", "spaced", "compact", "lower-spaced"]))
    med = w.c(MEDS)
    if fr:
        body = w.c([
            f"bonjour je suis {'la fille' if w.chance(.6) else 'le fils'} de {parent.given} {parent.surname}. {rel_fr} a ete hospitalise{'e' if parent.sex == 'F' else ''} la semaine passee pour {w.diag(parent)} et on a pas eu de nouvelles depuis le conge. sa carte soleil c est {nam}. est ce que quelqu un peut me rappeler au {w.phone(area='450')} svp. elle prend encore {med[0]} est-ce normal? merci",
            f"Bonjour,\n\nJe vous écris au sujet de {rel_fr}, {parent.full}, né{'e' if parent.sex == 'F' else ''} le {fmt_date(parent.dob, 'fr_long')}. Son numéro d’assurance maladie est {nam}.\n\nDepuis sa sortie de l’hôpital, {'elle' if parent.sex == 'F' else 'il'} présente {w.symptom()} et on se demande s’il faut revenir à l’urgence ou attendre le rendez-vous de suivi. On lui a donné {med[0]}.\n\nMerci de me revenir rapidement.",
            f"Allo,\n{rel_fr} ({parent.given} {parent.surname}, RAMQ {nam}) a son rendez-vous en {w.service()} le {fmt_date(w.later(3, 40), 'fr_long')} mais {'elle' if parent.sex == 'F' else 'il'} est en CHSLD maintenant et ne peut pas se deplacer. Son diagnostic de {w.diag(parent)} demande un suivi. Est-ce possible de faire une teleconsultation?\nMerci",
        ])
        sig = w.c([f"{child_given}", f"{child_given} {child_sur}", f"{child_given}\n{w.phone(area='514')}", "Envoyé de mon iPhone"])
        subj = w.c([f"{rel_fr}", f"Question pour {rel_fr}", f"{parent.given} {parent.surname}", "urgent svp", "rendez-vous"])
    else:
        body = w.c([
            f"Hello,\n\nI am writing about {rel_en}, {parent.full}, Quebec health card {nam}. {('She' if parent.sex == 'F' else 'He')} was discharged on {fmt_date(w.earlier(2, 10), 'en_long')} after treatment for {w.diag(parent)} and still has {w.symptom()}.\n\nCould someone from the team call me back? {w.phone(area='514')}",
            f"hi, {rel_en} {parent.given} {parent.surname} (medicare card {nam}) missed the {w.service()} appointment, she is too sick with the {w.diag(parent)}. can we reschedule? thanks",
        ])
        sig = w.c([child_given, f"{child_given} {child_sur}", "Sent from my iPhone"])
        subj = w.c([f"{rel_en}", "appointment", f"{parent.surname}", "question"])
    text = J(body, "", sig)
    return "family-writes", "nam-labelled" if re.search(r"(?i)soleil|assurance|ramq|card|medicare", body) else "nam-unlabelled", \
        send(w, frm, [to], subj, text, mailer=w.c(MAILERS[3:6]), kind=w.c(["utf8-8bit", "utf8-qp", "html", "alt", "latin1-qp"]), curly=False)


def p_resident_advice(w):
    p = w.person(18, 95)
    res = w.staff("resident")
    att = w.staff("md")
    dg = w.diag(p)
    lab = lab_values(w.r, w.lang, 2, sex=p.sex)
    if w.fr:
        text = J(w.greet(att.given if w.chance(0.5) else att.dr_last("fr")), "",
                 w.c([f"J'ai une question pour {p.e('une patiente', 'un patient')} à l'urgence :",
                      f"Petite question sur {p.e('une patiente', 'un patient')} vu{p.e('e', '')} cette nuit,"]) + f" {p.full}, {p.age(w.day)} ans ({nam_label(w, p)}).",
                 f"Connu{p.e('e', '')} pour {w.diag(p)}, {p.e('elle', 'il')} consulte pour {w.symptom()}. "
                 f"{lab[0][0]} {lab[0][1]}, {lab[1][0]} {lab[1][1]}.",
                 f"J'hésite entre {w.c(['hospitaliser', 'retourner à domicile avec suivi rapide', 'demander un ' + w.imaging()])} et {w.c(['une consultation en ' + w.service(), 'une observation 24 h'])}. Qu'est-ce que tu ferais?",
                 "", w.close(), w.signature(res, full=w.chance(0.4)))
        subj = w.c(["Question – patient à l'urgence", "besoin d'un avis", "Avis svp", "Q rapide"])
    else:
        text = J(w.greet(att.given), "",
                 f"Quick question about a patient I saw overnight: {p.full}, {p.age(w.day)}{p.sex} ({nam_label(w, p)}).",
                 f"Known {w.diag(p)}, presenting with {w.symptom()}. {lab[0][0]} {lab[0][1]}, {lab[1][0]} {lab[1][1]}.",
                 f"Would you admit or discharge with close follow-up? I was thinking about ordering a {w.imaging()}.",
                 "", w.close(), w.signature(res, full=w.chance(0.4)))
        subj = w.c(["Quick question - ED patient", "advice please", "Q re: admission"])
    return "resident-advice", "nam-labelled", send(w, res, [att], subj, text)


def p_forward_quoted(w):
    p = w.person(18, 96)
    orig = w.staff(w.c(["md", "nurse", "secretary"]), hosp=w.c(HOSPITALS))
    fwd = w.staff(w.c(["secretary", "md", "nurse"]))
    dest = w.staff(w.c(["md", "secretary", "archives"]))
    when = w.date - dt.timedelta(hours=w.r.randint(2, 200))
    use_nam = w.chance(0.6)
    idtxt = nam_label(w, p) if use_nam else (w.c(["DDN", "né(e) le", "date de naissance"] if w.fr else ["DOB", "born"]) + " " + w.dob_text(p))
    if w.fr:
        inner = J(w.greet(), "",
                  f"{p.formal('fr')} {p.given} ({idtxt}) a été vu{p.e('e', '')} aujourd'hui pour {w.diag(p)}.",
                  f"Plan : {w.c(['débuter', 'poursuivre', 'ajuster'])} {w.meds(1)[0]}; {w.imaging()} demandé{'e' if w.chance(.5) else ''}.",
                  f"Merci d'organiser le suivi en {w.service()} d'ici {w.r.randint(2, 8)} semaines.", "", orig.dr("fr") if orig.doctor else orig.full)
        top = w.c(["Pour ton information.", "Peux-tu t'en occuper?", "Voir ci-dessous, merci de prendre rendez-vous.",
                   "TR pour suivi.", "À traiter svp", "Je te transfère, je suis en congé demain."])
        style = w.c(["outlook-fr", "outlook-fr2", "gmail-fr-fwd", "reply-fr"])
        subj_pfx = "TR: " if style != "reply-fr" else "RE: "
        subj = subj_pfx + w.c(["Suivi patient", f"Suivi {p.surname}", "Rendez-vous à planifier", "Consultation"])
    else:
        inner = J(w.greet(), "", f"{p.full} ({idtxt}) was seen today for {w.diag(p)}.",
                  f"Plan: continue {w.meds(1)[0]}, {w.imaging()} ordered. Please book follow-up in {w.service()}.", "", orig.full)
        top = w.c(["FYI.", "Can you take care of this?", "Please book, thanks.", "See below."])
        style = w.c(["gmail-fwd", "reply-en"])
        subj = ("Fwd: " if style == "gmail-fwd" else "Re: ") + w.c(["Patient follow-up", f"{p.surname} follow-up", "Consult"])
    text = J(top, "", w.signature(fwd, full=False), "", quote_block(inner, w, orig.addr(), when, style))
    cat = "forwarded"
    return "forward-quoted", cat, send(w, fwd, [dest], subj, text, in_reply_to=reply_id(w) if "RE" in subj.upper()[:3] else None)


def _appt_rows(w, n, with_nam=True, fr=True):
    rows = [["Heure", "Usager", "NAM", "Motif"] if fr else ["Time", "Patient", "Health card", "Reason"]]
    h = 8 * 60
    for _ in range(n):
        p = w.person(1, 95)
        h += w.c([15, 20, 30, 30, 45])
        reason = w.c(["suivi", "1re visite", "résultats", "post-op", "renouvellement Rx", "plâtre", "pansement"] if fr else
                     ["follow-up", "new patient", "results", "post-op", "Rx renewal"])
        dg = w.diag(p) if w.chance(0.5) else reason
        rows.append([f"{h // 60:02d}:{h % 60:02d}" if fr else f"{h // 60}:{h % 60:02d}", p.rev if w.chance(0.5) else p.full,
                     w.nam_of(p, style=w.c(["compact", "spaced"])), dg])
    return rows


def p_html_table(w):
    sec = w.staff("secretary")
    md = w.staff("md")
    rows = _appt_rows(w, w.r.randint(4, 9), fr=w.fr)
    ent = w.c(["named", "raw", "numeric"])
    table_html = html_table(rows, entity_style=ent, nbsp_cells=w.chance(0.4))
    ttable = text_table(rows, w.c(["pipe", "tab", "plain"]))
    svc = w.service()
    if w.fr:
        text = J(w.greet(md.dr_last("fr")), "", f"Voici votre liste de patients pour la clinique {de(svc)} du {fr_weekday_date(w.later(1, 7))} :", "",
                 ttable, "", w.c(["Deux patients n'ont pas confirmé.", "La salle 2 est réservée.", "Le dossier du patient de 9 h est en transit."]),
                 "", w.close(), w.signature(sec))
        subj = w.c([f"Liste clinique {svc}", "Liste de rendez-vous", f"Clinique du {w.later(1, 7).strftime('%d/%m')}"])
    else:
        text = J(w.greet(md.dr_last("en")), "", f"Here is your patient list for the {svc} clinic on {en_weekday_date(w.later(1, 7))}:", "",
                 ttable, "", w.close(), w.signature(sec))
        subj = w.c([f"{svc.title()} clinic list", "Clinic list", "Tomorrow's patients"])
    kind = w.c(["alt", "alt-outlook", "html"])
    return "appointment-table", "nam-list", send(w, sec, [md], subj, text, tables={ttable.strip(): table_html}, kind=kind)


def p_text_table(w):
    nurse = w.staff(w.c(["nurse", "secretary", "archives"]))
    md = w.staff("md")
    n = w.r.randint(3, 7)
    rows = [w.c([["Nom", "DDN", "NAM", "Dx"], ["Usager", "Né(e)", "RAMQ", "Diagnostic"], ["NOM, Prénom", "Naissance", "No assurance maladie", "Motif d'attente"]])]
    for _ in range(n):
        p = w.person(18, 97)
        rows.append([p.rev, fmt_date(p.dob, w.c(["iso", "dmy/"])), w.nam_of(p, style=w.c(["compact", "spaced", "hyphen"])), w.diag(p)])
    style = w.c(["pipe", "plain", "tab"])
    text = J(w.greet(), "", w.c([f"Liste des usagers en attente – {w.service()} :", "Voici la liste mise à jour de la liste d'attente :",
                                 "Patients à recontacter cette semaine :"]), "", text_table(rows, style), "",
             w.close(), w.signature(nurse))
    return "waitlist-text-table", "nam-list", send(w, nurse, [md], w.c(["Liste d'attente", "Liste à jour", "Patients à rappeler"]), text,
                                                   kind=w.c(["utf8-8bit", "utf8-qp", "latin1-qp", "cp1252-8bit", "utf8-b64"]))


def p_unlabelled_clinical(w):
    p = w.person(18, 97)
    frm = w.staff(w.c(["md", "nurse"]))
    to = w.staff(w.c(["md", "nurse", "secretary"]))
    nam = w.nam_of(p, style=w.c(["compact", "spaced", "hyphen", "4-6-2"]))
    if w.fr:
        body = w.c([
            f"{nam} – sortie prévue demain, RNI à {w.r.randint(18, 32) / 10:.1f}".replace(".", ",") + f", poursuivre warfarine {w.r.randint(2, 7)} mg. Famille avisée.",
            f"Pour la demande de {w.imaging()} : {p.full} {nam}, suspicion de {w.diag(p)}. Merci de prioriser.",
            f"{p.surname.upper()} {p.given} {nam}\nHospitalisation du {fmt_date(w.earlier(5, 20), 'dmy/')} au {fmt_date(w.earlier(0, 4), 'dmy/')}\nDiagnostic principal : {w.diag(p)}\nMédication au congé : {', '.join(w.meds(3))}",
            f"Peux-tu revoir {nam} avant midi? Douleur thoracique, tropo {w.r.randint(30, 400)}, ECG inchangé. Je pense à {w.diag(p)}.",
            f"{p.given} {p.surname}, {nam}, ordonnance : {w.meds(1)[0]}. Allergie : {w.allergy()}.",
        ])
        subj = w.c(["4e étage", "congé", "à voir", "urgent", "demande", "Re:", "dossier"])
    else:
        body = w.c([
            f"{nam} - discharge planned tomorrow, INR {w.r.randint(18, 32) / 10:.1f}, continue warfarin. Family aware.",
            f"Can you see {p.full} {nam} before noon? Chest pain, trop {w.r.randint(30, 400)}, ECG unchanged.",
            f"{p.surname.upper()} {p.given} {nam}\nAdmitted {fmt_date(w.earlier(5, 20), 'iso')}, dx {w.diag(p)}\nDischarge meds: {', '.join(w.meds(3))}",
        ])
        subj = w.c(["4th floor", "discharge", "to see", "urgent"])
    text = J(w.c(["", w.greet(to.given)]), "", body, "", w.signature(frm, full=w.chance(0.3)))
    return "unlabelled-nam", "nam-unlabelled", send(w, frm, [to], subj, text)


def p_typo_nam(w):
    p = w.person(18, 97)
    frm = w.staff(w.c(["md", "nurse", "secretary", "pharm"]))
    to = w.staff(w.c(["md", "pharm", "nurse"]))
    labelled = w.chance(0.6)
    if labelled:
        nam = w.c(NAM_LABELS_FR if w.fr else NAM_LABELS_EN).format(w.nam_of(p, typo=True))
    else:
        nam = w.nam_of(p, typo=True)
    dg = w.diag(p)
    m = w.meds(2)
    if w.fr:
        text = J(w.greet(to.given), "",
                 f"{p.titled('fr')}, {nam}, hospitalisé{p.e('e', '')} pour {dg}.",
                 f"Antécédents : {w.diag(p)}. Allergies : {w.allergy()}.",
                 f"Ordonnance au congé : {m[0]}; {m[1]}. Prise de sang de contrôle (FSC, créatinine) dans {w.r.randint(3, 10)} jours.",
                 "", w.close(), w.signature(frm))
        subj = w.c(["Congé et ordonnance", "Sommaire d'hospitalisation", "Suivi post-hospitalisation"])
    else:
        text = J(w.greet(to.given), "",
                 f"{p.full}, {nam}, admitted for {dg}. History: {w.diag(p)}. Allergies: {w.allergy()}.",
                 f"Discharge prescription: {m[0]}; {m[1]}. Repeat CBC and creatinine in {w.r.randint(3, 10)} days.",
                 "", w.close(), w.signature(frm))
        subj = w.c(["Discharge and prescription", "Discharge summary"])
    return "nam-checkdigit-typo", "nam-typo", send(w, frm, [to], subj, text)


def p_english_referral(w):
    w.fr = False
    w.lang = "en"
    p = w.person(18, 95)
    md = w.staff("md")
    dest_h = w.c(OUT_OF_PROV[:3])
    dest = (w.c(["Referral Office", "Central Intake", "Dr. Anne Walsh"]), f"{w.c(['referrals', 'intake', 'awalsh'])}@{ascii_local(dest_h[0])[:14]}.example")
    dg = w.diag(p)
    text = J(w.greet(), "",
             f"Re: Referral – {p.full}, DOB {w.dob_text(p)}, Quebec health insurance number (RAMQ) {w.nam_of(p)}", "",
             f"I would be grateful if you could see this {p.age(w.day)}-year-old {'woman' if p.sex == 'F' else 'man'} for {dg}. "
             f"{'She' if p.sex == 'F' else 'He'} is moving to {dest_h[1]} next month and will need ongoing care.",
             f"Current medications: {', '.join(w.meds(3))}. Allergies: {w.allergy()}.",
             f"Relevant investigations: {w.imaging()} on {fmt_date(w.earlier(10, 90), 'en_long')}, report attached separately.", "",
             w.close(), w.signature(md))
    return "english-referral", "nam-labelled", send(w, md, [dest], w.c(["Referral", f"Referral - {p.surname}", "Patient transfer of care"]), text)


def p_dob_consult(w):
    p = w.person(18, 97)
    md = w.staff("md")
    to = w.staff(w.c(["md", "secretary"]))
    lab = w.c(["DDN :", "Date de naissance :", "née le" if p.sex == "F" else "né le", "DDN", "D.D.N."])
    dob = w.dob_text(p)
    dg = w.diag(p)
    if lab.startswith("n"):
        ident = f"{p.full}, {lab} {dob}"
    else:
        ident = f"{p.rev} – {lab} {dob}"
    text = J(w.greet(to.dr_last("fr") if to.doctor else to.given), "",
             w.c([f"Note de consultation – {w.service()}", f"Consultation du {fmt_date(w.earlier(0, 5), 'fr_long')}", "Résumé de consultation"]), "",
             f"Usager : {ident}" if w.chance(0.5) else ident,
             f"Raison de consultation : {w.symptom()}.",
             f"Antécédents : {w.diag(p)}; {w.c(['HTA', 'dyslipidémie', 'tabagisme actif', 'ancien fumeur', 'obésité'])}.",
             f"Examen : TA {w.r.randint(100, 185)}/{w.r.randint(55, 105)}, FC {w.r.randint(50, 120)}, sat {w.r.randint(88, 99)} %.",
             f"Impression diagnostique : {dg}.",
             f"Plan : {w.c(['débuter', 'augmenter', 'cesser'])} {w.meds(1)[0]}; {w.imaging()}; revoir dans {w.r.randint(2, 12)} semaines.", "",
             w.signature(md))
    return "consult-note-dob", "name-dob-clinical", send(w, md, [to], w.c(["Note de consultation", f"Consultation {p.surname}", "Consult"]), text)


def p_dob_discharge_en(w):
    w.fr = False
    w.lang = "en"
    p = w.person(18, 97)
    md = w.staff("md")
    to = w.staff(w.c(["md", "nurse"]), hosp=w.c(HOSPITALS))
    adm = w.earlier(4, 25)
    text = J(w.greet(to.dr_last("en") if to.doctor else to.given), "", "DISCHARGE SUMMARY", "",
             f"Patient: {p.full}", f"{w.c(['DOB', 'Date of birth', 'D.O.B.'])}: {w.dob_text(p, 'en')}",
             f"Admission date: {fmt_date(adm, 'en_short')}   Discharge date: {fmt_date(w.earlier(0, 3), 'en_short')}",
             f"Most responsible diagnosis: {w.diag(p)}", f"Secondary: {w.diag(p)}", "",
             f"Hospital course: admitted via the emergency department with {w.symptom()}. Treated with {w.meds(1)[0]}. "
             f"{w.c(['Uneventful recovery.', 'Course complicated by delirium, resolved.', 'Required 2 units of PRBC.'])}",
             f"Discharge medications: {'; '.join(w.meds(3))}", f"Allergies: {w.allergy()}",
             f"Follow-up: family physician in 1 week, {w.service()} clinic in {w.r.randint(4, 12)} weeks.", "", w.signature(md))
    return "discharge-summary-dob", "name-dob-clinical", send(w, md, [to], w.c(["Discharge summary", f"D/C summary {p.surname}", "Discharge"]), text)


def p_dob_prescription(w):
    p = w.person(18, 97)
    md = w.staff("md")
    pharm = (w.c(["Pharmacie", "Pharmacie Jean Coutu", "Pharmaprix", "Uniprix", "Familiprix"]) + " " + w.c(CITIES_QC),
             f"rx{w.r.randint(100, 999)}@{w.c(['pharmacie-locale', 'pharma-quartier', 'uniphar'])}.example")
    m = w.meds(w.r.randint(1, 3))
    dob = fmt_date(p.dob, w.c(["fr_long", "fr_long", "dmy/", "iso"]))
    text = J("Ordonnance" if w.chance(0.5) else w.greet(), "",
             f"{p.titled('fr')}, né{p.e('e', '')} le {dob}",
             f"Adresse : {w.address()}" if w.chance(0.4) else None, "",
             *[f"{i}. {x} – {w.c(['30 jours', '3 mois', 'x 7 jours', 'renouveler x 3'])}" for i, x in enumerate(m, 1)], "",
             w.c(["Diagnostic : " + w.diag(p), "Indication : " + w.diag(p), ""]),
             f"{md.dr('fr')} – licence {w.r.randint(10000, 99999)}", w.signature(md, full=False))
    return "prescription-dob", "name-dob-clinical", send(w, md, [pharm], w.c(["Ordonnance", f"Rx {p.surname}", "Renouvellement d'ordonnance"]), text)


def p_dob_allergy(w):
    p = w.person(1, 97)
    nurse = w.staff(w.c(["nurse", "pharm"]))
    to = w.staff(w.c(["md", "nurse", "pharm"]))
    al = w.c(ALLERGIES[:6])
    if w.fr:
        text = J(w.c(["ALERTE ALLERGIE", "Alerte – réaction allergique", "Mise à jour du dossier : allergie"]), "",
                 f"{p.full} ({w.c(['DDN', 'date de naissance', 'né(e) le'])} {w.dob_text(p)}) a présenté une "
                 f"{w.c(['réaction anaphylactique', 'éruption urticarienne', 'réaction sévère'])} à {al[0]} le {fmt_date(w.earlier(0, 10), 'fr_long')}.",
                 f"Traitement reçu : épinéphrine IM, diphenhydramine. {w.c(['Observation 6 h à l’urgence.', 'Admission aux soins intensifs.'])}",
                 "Merci d’inscrire l’allergie au profil pharmacologique et dans le DSQ.", "", w.signature(nurse))
        subj = w.c(["ALERTE ALLERGIE", "Allergie à inscrire au dossier", "Réaction allergique"])
    else:
        text = J("ALLERGY ALERT", "", f"{p.full} (DOB {w.dob_text(p, 'en')}) had an {w.c(['anaphylactic reaction', 'urticarial rash'])} to {al[1]} on {fmt_date(w.earlier(0, 10), 'en_long')}.",
                 "Please update the pharmacy profile.", "", w.signature(nurse))
        subj = "Allergy alert"
    return "allergy-alert-dob", "name-dob-clinical", send(w, nurse, [to], subj, text, priority=w.chance(0.5))


def p_dob_imaging(w):
    p = w.person(18, 97)
    md = w.staff("md")
    radio = (w.c(["Prise de rendez-vous – Imagerie médicale", "Radiologie", "Centre d'imagerie"]), f"imagerie@{w.hosp['domain']}")
    im = w.imaging()
    text = J(w.greet(), "", w.c([f"Requête d'examen : {im}", f"Demande d'examen – {im}"]), "",
             f"Nom : {p.rev}", f"{w.c(['DDN', 'Date de naissance'])} : {w.dob_text(p)}", f"Sexe : {p.sex}",
             f"Renseignements cliniques : {w.symptom()}; R/O {w.diag(p)}",
             f"Créatinine récente : {w.r.randint(60, 160)} µmol/L" if "TDM" in im else None,
             f"Priorité : {w.c(['urgente', 'semi-urgente', 'élective'])}", "", w.signature(md, full=w.chance(0.5)))
    return "imaging-request-dob", "name-dob-clinical", send(w, md, [radio], w.c(["Requête imagerie", f"Demande {im}", "Requête d'examen"]), text)


def p_age_case_fr(w):
    w.fr, w.lang = True, "fr"
    p = w.person(18, 97)
    md = w.staff(w.c(["md", "resident"]))
    to = w.staff("md")
    t = p.formal("fr")
    text = J(w.greet(to.given if w.chance(0.5) else to.dr_last("fr")), "",
             w.c([f"{t}, {p.age(w.day)} ans, hospitalisé{p.e('e', '')} au {w.r.randint(2, 9)}e pour {w.diag(p)}.",
                  f"Je t'écris pour {t} ({p.given}), {p.age(w.day)} ans, que tu connais bien.",
                  f"{t} {p.given}, {p.age(w.day)} ans, est revenu{p.e('e', '')} à l'urgence hier soir avec {w.symptom()}."]),
             f"Antécédents : {w.diag(p)}.",
             w.c([f"Question : on poursuit {w.meds(1)[0]} ou on change pour {w.meds(1)[0]}?",
                  "La famille demande une rencontre pour discuter du niveau de soins.",
                  f"Son {w.c(['Hb', 'potassium', 'RNI'])} a encore bougé ce matin, je voulais ton avis avant d'ajuster.",
                  f"Est-ce que tu pourrais {p.e('la', 'le')} voir en consultation cette semaine?"]), "",
             w.close(), w.signature(md, full=w.chance(0.5)))
    return "case-discussion-age", "name-age-clinical", send(w, md, [to], w.c([t, "Avis", "Question clinique", f"{t} – question"]), text)


def p_age_case_en(w):
    w.fr, w.lang = False, "en"
    p = w.person(18, 95)
    md = w.staff(w.c(["md", "resident"]))
    to = w.staff("md")
    short = f"{p.age(w.day)}{p.sex}"
    text = J(w.greet(to.given), "",
             w.c([f"{p.formal('en')} ({short}) presented with {w.symptom()} last night.",
                  f"{p.full}, {p.age(w.day)}-year-old {'woman' if p.sex == 'F' else 'man'}, admitted with {w.diag(p)}."]),
             f"PMHx: {w.diag(p)}. Meds: {', '.join(w.meds(2))}.",
             w.c(["Do you think she needs a scope?" if p.sex == "F" else "Do you think he needs a scope?",
                  "Would you be comfortable taking over care?", "Family is asking about prognosis, could we meet Thursday?"]), "",
             w.close(), w.signature(md, full=w.chance(0.5)))
    return "case-discussion-age", "name-age-clinical", send(w, md, [to], w.c([f"{p.formal('en')}", "quick consult", "pt question"]), text)


def p_tumor_board(w):
    coord = w.staff(w.c(["nurse", "secretary"]))
    n = w.r.randint(3, 6)
    items = []
    cancers = [("adénocarcinome pulmonaire", "stade IIIA"), ("carcinome canalaire infiltrant du sein", "HER2+"),
               ("adénocarcinome du côlon", "T3N1"), ("lymphome diffus à grandes cellules B", "rechute"),
               ("carcinome épidermoïde ORL", "récidive locale"), ("cancer de la prostate", "Gleason 4+3"),
               ("mélanome", "métastases hépatiques")]
    for i in range(n):
        p = w.person(35, 90)
        c, st = w.c([x for x in cancers if not ("prostate" in x[0] and p.sex == "F") and not ("sein" in x[0] and p.sex == "M")])
        items.append(f"{i + 1}. {p.titled('fr')}, {p.age(w.day)} ans – {c}, {st}. "
                     f"Question : {w.c(['chirurgie vs chimioradiothérapie', 'place de l’immunothérapie', 'soins palliatifs?', 'revue de la pathologie'])} "
                     f"(présenté par {w.staff('md').dr('fr')})")
    text = J(w.greet(), "", f"Voici les cas pour le comité des tumeurs du {fr_weekday_date(w.later(1, 6))} à 7 h 30 (salle {w.room()}) :", "",
             *items, "", "Merci d’apporter l’imagerie au besoin.", w.signature(coord))
    to = [w.staff("md").addr() for _ in range(w.r.randint(2, 4))]
    return "tumor-board", "name-age-clinical", send(w, coord, to, w.c(["Comité des tumeurs – liste des cas", "Liste comité des tumeurs"]), text)


def p_mrn_fr(w):
    p = w.person(18, 95)
    sec = w.staff(w.c(["secretary", "nurse"]))
    to = w.staff(w.c(["md", "secretary"]))
    mrn = w.mrn(w.c(["6", "7", "8z"]))
    lab = w.c(["No de dossier :", "N° de dossier :", "Dossier :", "no dossier", "# dossier"])
    surg = w.c(["cholécystectomie laparoscopique", "PTG droite", "réparation de hernie inguinale", "résection colique", "cystoscopie"])
    text = J(w.greet(), "",
             f"{p.titled('fr')} ({lab} {mrn}) est {w.c(['inscrit', 'ajouté'])}{p.e('e', '')} au programme opératoire du {fr_weekday_date(w.later(2, 30))} pour {surg}.",
             f"Bilan préopératoire à faire : {w.c(['FSC, ions, ECG', 'FSC, RNI, groupe sanguin', 'ECG, radiographie pulmonaire'])}.",
             f"Attention : {w.allergy()}. {p.e('Elle', 'Il')} prend {w.meds(1)[0]}, à cesser {w.r.randint(2, 5)} jours avant.", "",
             w.close(), w.signature(sec))
    return "surgery-booking-mrn", "mrn-clinical", send(w, sec, [to], w.c(["Programme opératoire", "Ajout au programme", "Préop"]), text)


def p_mrn_en(w):
    w.fr, w.lang = False, "en"
    p = w.person(18, 95)
    frm = w.staff(w.c(["md", "nurse", "lab"]))
    to = w.staff(w.c(["md", "nurse"]))
    mrn = w.mrn(w.c(["8z", "7", "letters"]))
    text = J(w.greet(to.given), "",
             f"{w.c(['MRN', 'MRN:', 'Medical record number', 'Chart #'])} {mrn} – {p.full}",
             f"{w.c(['Final diagnosis:', 'Working diagnosis:', 'Discharge diagnosis:'])} {w.diag(p)}.",
             f"{w.c(['Needs to be seen in clinic this week.', 'I have informed the patient.', 'Please call the patient with the result.'])}", "",
             w.close(), w.signature(frm, full=w.chance(0.5)))
    return "result-mrn-en", "mrn-clinical", send(w, frm, [to], w.c(["Result", "Path result", f"MRN {mrn}"]), text)


def p_mrn_hdossier(w):
    p = w.person(18, 95)
    arch = w.staff("archives")
    ext = (w.c(["Cabinet d'avocats Tremblay Roy", "SAAQ – Indemnisation", "Assureur Vie Horizon", "CNESST – Direction régionale"]),
           f"{w.c(['dossiers', 'reclamations', 'indemnisation'])}@{w.c(['cabinet-tr', 'horizon-vie', 'indemnisation-qc'])}.example")
    mrn = w.mrn("H-")
    text = J(w.greet(), "",
             f"Suite à votre demande d'accès reçue le {fmt_date(w.earlier(5, 30), 'fr_long')}, vous trouverez ci-dessous le résumé "
             f"demandé pour {p.full} (# dossier {mrn}).",
             f"Période : {fmt_date(w.earlier(200, 800), 'dmy/')} au {fmt_date(w.earlier(5, 60), 'dmy/')}",
             f"Épisodes : {w.c(['2 visites à l’urgence', '1 hospitalisation', '3 consultations externes'])}; diagnostic : {w.diag(p)}.",
             "La copie intégrale du dossier médical sera transmise par la poste (frais : 15,00 $).", "",
             w.close(), w.signature(arch))
    return "records-request-mrn", "mrn-clinical", send(w, arch, [ext], w.c(["Demande d'accès au dossier", f"Votre demande – dossier {mrn}"]), text)


def p_sin_hr(w):
    hr = w.staff("hr")
    p = w.person(19, 66)
    to = w.staff(w.c(["hr", "admin"]))
    sin = w.sin()
    if w.chance(0.5):
        text = J(w.greet(), "", w.c(["Nouvel employé à inscrire à la paie :", "Voici les informations pour l'embauche :", "Formulaire d'embauche complété :"]), "",
                 f"Nom : {p.rev}", f"Date de naissance : {w.dob_text(p)}",
                 f"{w.c(['NAS', 'Numéro d’assurance sociale', 'No NAS', 'N.A.S.'])} : {sin}",
                 f"Titre d'emploi : {w.c(['préposé(e) aux bénéficiaires', 'infirmière auxiliaire', 'agent administratif classe 2', 'technicien en pharmacie'])}",
                 f"Date d'entrée en fonction : {fmt_date(w.later(5, 30), 'iso')}",
                 f"Adresse : {w.address()}", "", w.close(), w.signature(hr))
        cat_slug = "payroll-sin"
    else:
        text = J(w.greet(), "",
                 f"Dans le dossier d'invalidité de {p.full} (NAS {sin}), l'assureur demande le formulaire médical complété.",
                 f"Absence depuis le {fmt_date(w.earlier(10, 90), 'fr_long')}; diagnostic inscrit par le médecin traitant : {w.c(['trouble d’adaptation', 'hernie discale L4-L5', 'épuisement professionnel', 'fracture du poignet'])}.",
                 "Merci de traiter en toute confidentialité.", "", w.close(), w.signature(hr))
        cat_slug = "disability-sin"
    return cat_slug, "sin", send(w, hr, [to], w.c(["Embauche – paie", "Dossier invalidité", "Formulaire RH", "Confidentiel"]), text)


def p_sin_insurance(w):
    p = w.person(20, 70)
    sw = w.staff(w.c(["sw", "secretary", "md"]))
    ins = (w.c(["Service des réclamations", "Assurance collective Horizon", "Desjardins – réclamations (fictif)"]), f"reclamations@{w.c(['horizon-vie', 'assur-collective'])}.example")
    sin = w.sin()
    if w.fr:
        text = J(w.greet(), "", f"Objet : demande de prestations d'invalidité – {p.full}", "",
                 f"Numéro d'assurance sociale : {sin}", f"Date de naissance : {w.dob_text(p)}",
                 f"Diagnostic : {w.diag(p)}", f"Arrêt de travail prévu jusqu'au {fmt_date(w.later(20, 120), 'fr_long')}.", "",
                 "Le rapport du médecin traitant est joint au dossier.", w.close(), w.signature(sw))
        subj = "Demande de prestations d'invalidité"
    else:
        text = J(w.greet(), "", f"Re: disability claim – {p.full}", "", f"SIN: {sin}", f"Date of birth: {w.dob_text(p, 'en')}",
                 f"Diagnosis: {w.diag(p)}", "Attending physician statement to follow.", "", w.close(), w.signature(sw))
        subj = "Disability claim"
    return "insurance-claim-sin", "sin", send(w, sw, [ins], subj, text)


def p_sin_en(w):
    w.fr, w.lang = False, "en"
    hr = w.staff("hr")
    p = w.person(19, 66)
    to = (w.c(["Payroll Services", "Benefits Team", "Pension Administration"]), f"{w.c(['payroll', 'benefits', 'pension'])}@{w.c(['rhpaie', 'benefitsco'])}.example")
    sin = w.sin()
    text = J(w.greet(), "",
             w.c([f"Please correct the T4 for {p.full}: the SIN on file should read {sin}.",
                  f"Employee {p.full} (Social Insurance Number {sin}, DOB {w.dob_text(p, 'en')}) is joining the pension plan.",
                  f"For the record of employment of {p.full}, SIN {sin}, last day worked {fmt_date(w.earlier(1, 20), 'en_long')}."]),
             "", w.close(), w.signature(hr))
    return "payroll-sin-en", "sin", send(w, hr, [to], w.c(["T4 correction", "Pension enrolment", "ROE"]), text)


def p_ohip_transfer(w):
    p = w.person(18, 95, english=w.chance(0.6))
    src = w.c(OUT_OF_PROV[:3])
    frm = (f"{w.c(GIVEN_F_EN)} {w.c(SURNAMES_EN)}", f"{w.c(['transfer', 'bedflow', 'patientflow'])}@{ascii_local(src[0])[:12]}.example")
    to = w.staff(w.c(["nurse", "md"]))
    ohip = w.ohip()
    w.fr, w.lang = False, "en"
    text = J(w.greet(), "",
             f"We are requesting a transfer to {to.hosp['name']} for the following patient:", "",
             f"Name: {p.full}", f"{w.c(['OHIP', 'OHIP #', 'Ontario health card', 'Health card number'])}: {ohip}",
             f"DOB: {w.dob_text(p, 'en')}" if w.chance(0.6) else None,
             f"Diagnosis: {w.diag(p)}", f"Reason for transfer: {w.c(['closer to family', 'tertiary cardiac care', 'bed availability', 'repatriation'])}",
             f"Isolation: {w.c(['none', 'contact (MRSA)', 'droplet'])}", "",
             f"Sending physician: Dr. {w.c(GIVEN_M_EN)} {w.c(SURNAMES_EN)}, {src[0]}", w.close())
    return "transfer-ohip", "other-province-hn", send(w, frm, [to], w.c(["Transfer request", f"Interfacility transfer - {p.surname}", "Repatriation request"]), text)


def p_bc_transfer(w):
    p = w.person(18, 95, english=w.chance(0.6))
    src = w.c(OUT_OF_PROV[3:])
    to = w.staff(w.c(["nurse", "md", "secretary"]))
    phn = w.phn()
    if w.chance(0.5):
        w.fr, w.lang = False, "en"
        frm = (f"{w.c(GIVEN_F_EN)} {w.c(SURNAMES_EN)}", f"referrals@{ascii_local(src[0])[:12]}.example")
        text = J(w.greet(), "", f"Please find the referral for {p.full}, {w.c(['PHN', 'Personal Health Number', 'BC PHN'])} {phn}, "
                 f"seen in {src[1]} for {w.diag(p)}. {('She' if p.sex == 'F' else 'He')} has relocated to Quebec.",
                 f"Medications: {', '.join(w.meds(2))}.", "", w.close())
        subj = "Referral - patient relocating to Quebec"
    else:
        frm = to
        to = w.staff("secretary")
        text = J(w.greet(), "", f"{p.titled('fr')} arrive de la Colombie-Britannique, pas encore de carte RAMQ. "
                 f"Son {w.c(['PHN', 'numéro de santé de la C.-B. (PHN)', 'Personal Health Number'])} est {phn}.",
                 f"{p.e('Elle', 'Il')} est suivi{p.e('e', '')} pour {w.diag(p)} et a besoin d'un renouvellement de {w.meds(1)[0]}.",
                 "Peux-tu ouvrir un dossier hors province?", "", w.close(), w.signature(frm))
        subj = w.c(["Patient hors province", "Ouverture de dossier – C.-B."])
    return "transfer-bc-phn", "other-province-hn", send(w, frm, [to], subj, text)


def _integration_body(w, what):
    if w.fr:
        return w.c([
            f"Bonjour,\n\nCi-joint le message {what} qui a été rejeté par l'interface cette nuit. Pouvez-vous vérifier le mapping?\n\nMerci",
            f"Voir pièce jointe.",
            f"Salut,\n\nVoici l'exemple {what} que tu m'as demandé pour le test d'intégration (copie de production).",
            f"Bonjour,\n\nLe fichier {what} ci-joint contient le résultat que le DMÉ n'affiche pas. Billet {w.r.randint(100000, 999999)}.",
            "",
        ])
    return w.c([f"Hi,\n\nAttached is the {what} message that failed at the interface engine overnight. Can you check the mapping?",
                "See attached.", f"Here is the {what} sample from production you asked for.", ""])


def p_hl7_oru(w):
    p = w.person(1, 97)
    frm = w.staff(w.c(["lab", "it"]))
    to = w.staff(w.c(["it", "lab", "md"]))
    fname, ctype = w.c([("resultats.hl7", "application/hl7-v2"), (f"ORU_R01_{w.r.randint(1000, 9999)}.hl7", "text/plain"),
                        ("message.txt", "text/plain; charset=iso-8859-1"), ("export.er7", "x-application/hl7-v2+er7"),
                        ("msg.hl7", "application/octet-stream")])
    data = make_hl7(w, p, "ORU", mllp=w.chance(0.2), charset="latin-1" if "8859" in ctype else None)
    body = _integration_body(w, "HL7") or "(pas de texte)"
    att = attachment(data, ctype, fname, w.r)
    return "hl7-oru", "structured-hl7", send(w, frm, [to], w.c(["Message HL7 rejeté", "ORU en erreur", "HL7", "Interface labo – erreur", "Fw: message"]), body, atts=[att])


def p_hl7_adt_octet(w):
    p = w.person(0, 97)
    frm = w.staff(w.c(["it", "secretary", "archives"]))
    to = w.staff(w.c(["it", "archives"]))
    data = make_hl7(w, p, "ADT", mllp=w.chance(0.3))
    fname = w.c(["report.dat", "scan.bin", "data.bin", "export_20240312.dat", "noname", "file0001.tmp"])
    att = attachment(data, "application/octet-stream", fname, w.r)
    body = w.c(["voir pj", "Voir pièce jointe.", "See attached.", "Fichier demandé.", "", "Ci-joint."])
    return "hl7-adt-octet", "structured-hl7", send(w, frm, [to], w.c(["fichier", "PJ", "export", "data", "Fichier ADT"]), body or "-", atts=[att],
                                                   kind=w.c(["utf8-8bit", "html"]))


def p_fhir_patient(w):
    p = w.person(0, 97)
    frm = w.staff("it")
    to = w.staff("it", hosp=w.c(HOSPITALS))
    res = fhir_patient(w, p)
    data = json.dumps(res, ensure_ascii=w.chance(0.5), indent=w.c([None, 2])).encode("utf-8")
    fname, ctype = w.c([("patient.json", "application/fhir+json"), ("response.json", "application/json"), ("export.dat", "application/octet-stream"),
                        ("Patient-" + res["id"] + ".json", "application/fhir+json; fhirVersion=4.0")])
    body = _integration_body(w, "FHIR") or "."
    return "fhir-patient-json", "structured-fhir-cda", send(w, frm, [to], w.c(["Ressource Patient", "FHIR – exemple", "Réponse API", "GET /Patient"]), body,
                                                             atts=[attachment(data, ctype, fname, w.r)])


def p_fhir_bundle(w):
    p = w.person(10, 97)
    frm = w.staff(w.c(["it", "lab"]))
    to = w.staff(w.c(["it", "md"]))
    pat = fhir_patient(w, p, with_nam=w.chance(0.7))
    obs_pool = [("Hemoglobin A1c", "%", "4548-4", round(w.r.uniform(7.5, 11), 1)), ("Potassium", "mmol/L", "2823-3", round(w.r.uniform(5.5, 6.6), 1)),
                ("Creatinine", "umol/L", "2160-0", w.r.randint(110, 300)), ("Troponin I", "ng/L", "89579-7", w.r.randint(40, 800))]
    entries = [{"fullUrl": f"urn:uuid:patient-{pat['id']}", "resource": pat}]
    for name, unit, loinc, v in w.r.sample(obs_pool, w.r.randint(1, 3)):
        entries.append({"resource": fhir_observation(w, pat["id"], name, v, unit, loinc)})
    bundle = {"resourceType": "Bundle", "id": str(w.r.randint(10 ** 5, 10 ** 6)), "type": w.c(["collection", "transaction", "searchset"]), "entry": entries}
    data = json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8")
    fname, ctype = w.c([("bundle.json", "application/fhir+json"), ("resultats.json", "application/json"), ("payload.txt", "text/plain")])
    body = _integration_body(w, "FHIR") or "Voir pj"
    return "fhir-bundle-json", "structured-fhir-cda", send(w, frm, [to], w.c(["Bundle FHIR", "Résultats FHIR", "FHIR Bundle - test"]), body,
                                                            atts=[attachment(data, ctype, fname, w.r)])


def p_fhir_immunization(w):
    nurse = w.staff(w.c(["nurse", "it"]))
    to = w.staff(w.c(["it", "nurse"]))
    p = w.person(0, 90)
    pid = str(w.r.randint(100, 9999))
    named = w.chance(0.5)
    ref = {"reference": f"Patient/{pid}"}
    if named:
        ref["display"] = p.full
    vac = w.c([("Influenza", "FLU"), ("COVID-19 mRNA", "COVID-19"), ("Pneumocoque conjugué 20-valent", "Pneu-C-20"), ("RRO-Var", "MMRV"), ("dcaT-VPI", "Tdap-IPV")])
    imm = {"resourceType": "Immunization", "id": str(w.r.randint(10000, 99999)), "status": "completed",
           "vaccineCode": {"coding": [{"system": "https://fhir.infoway-inforoute.ca/CodeSystem/cvc", "code": str(w.r.randint(10 ** 6, 10 ** 7)), "display": vac[0]}], "text": vac[1]},
           "patient": ref, "occurrenceDateTime": w.earlier(0, 60).isoformat(), "lotNumber": f"{w.c('ABCDEFGHJK')}{w.r.randint(1000, 9999)}{w.c('ABCDEFGH')}",
           "site": {"text": w.c(["Deltoïde gauche", "Deltoïde droit", "Vaste externe"])},
           "performer": [{"actor": {"display": w.staff('nurse').full}}]}
    data = json.dumps(imm, ensure_ascii=False, indent=2).encode("utf-8")
    body = J(w.greet(), "", w.c(["La ressource Immunization ci-jointe n'est pas remontée au registre de vaccination. Peux-tu regarder?",
                                 "Voici l'acte vaccinal à corriger (mauvais lot).", "Exemple de l'Immunization envoyée hier."]), "", w.signature(nurse, full=False))
    slug = "fhir-immunization-named" if named else "fhir-immunization-ref"
    return slug, "structured-fhir-cda", send(w, nurse, [to], w.c(["Acte vaccinal", "Immunization FHIR", "Registre de vaccination"]), body,
                                              atts=[attachment(data, "application/fhir+json", w.c(["immunization.json", "acte.json"]), w.r)])


def p_fhir_xml(w):
    p = w.person(0, 97)
    frm = w.staff("it")
    to = w.staff("it", hosp=w.c(HOSPITALS))
    data = fhir_xml_patient(w, p).encode("utf-8")
    fname, ctype = w.c([("patient.xml", "application/fhir+xml"), ("Patient.xml", "application/xml"), ("reponse.txt", "text/plain")])
    return "fhir-patient-xml", "structured-fhir-cda", send(w, frm, [to], w.c(["Patient XML", "FHIR XML", "Réponse du serveur"]), _integration_body(w, "FHIR XML") or "-",
                                                            atts=[attachment(data, ctype, fname, w.r)])


def p_cda(w):
    p = w.person(1, 97)
    md = w.staff("md")
    frm = w.staff(w.c(["it", "secretary"]))
    to = w.staff(w.c(["it", "archives", "md"]))
    data = make_cda(w, p, md, w.lang).encode("utf-8")
    fname = w.c(["note_consultation.xml", "CDA.xml", "document.xml", "cda_export.dat"])
    ctype = "application/octet-stream" if fname.endswith(".dat") else w.c(["text/xml", "application/xml", "application/hl7-cda+xml"])
    return "cda-document", "structured-fhir-cda", send(w, frm, [to], w.c(["Document CDA", "Note de consultation (CDA)", "CDA à valider"]),
                                                        _integration_body(w, "CDA") or "ci-joint", atts=[attachment(data, ctype, fname, w.r)])


def p_dicom(w):
    p = w.person(0, 97)
    frm = w.staff(w.c(["md", "it"]))
    to = (w.c(["PACS – soutien", "Radiologie"]), f"{w.c(['pacs', 'radiologie'])}@{w.c(HOSPITALS)['domain']}")
    pid = w.c([w.mrn("7"), p.nam])
    if pid == p.nam:
        w.ids.append(("NAM", p.nam, True))
    data = make_dicom(p, pid, w.earlier(0, 10), w.c(["CR", "CT", "MR", "US"]))
    fname = w.c(["IM000001.dcm", "image.bin", "export.dcm", "IMG_0001"])
    body = w.c(["L'image ci-jointe ne s'importe pas dans le PACS, pouvez-vous vérifier l'en-tête?", "Voir image jointe.",
                "Image test de la modalité (copie d'un vrai examen).", "Please check the attached file header."])
    return "dicom-image", "structured-fhir-cda", send(w, frm, [to], w.c(["Image DICOM", "Import PACS", "DICOM"]), body,
                                                      atts=[attachment(data, "application/dicom" if fname.endswith(".dcm") else "application/octet-stream", fname, w.r)])


def patient_rows(w, n, cols=("nom", "prenom", "ddn", "nam"), fr=True):
    rows = []
    for _ in range(n):
        p = w.person(0, 97)
        row = []
        for c in cols:
            row.append({"nom": p.surname, "prenom": p.given, "ddn": fmt_date(p.dob, w.c(["iso", "iso", "dmy/"])) if c == "ddn" else "",
                        "nam": w.nam_of(p, style=w.c(["compact", "compact", "spaced"])) if c == "nam" else "",
                        "sexe": p.sex, "tel": w.phone(area=w.c(["514", "450", "418"])), "dx": w.diag(p),
                        "rdv": fmt_date(w.later(1, 30), "iso"), "ch": w.room(), "mrn": w.mrn("6")}[c])
        rows.append(row)
    return rows


def p_csv_patients(w):
    frm = w.staff(w.c(["secretary", "archives", "nurse"]))
    to = w.staff(w.c(["secretary", "md", "nurse"]), hosp=w.c(HOSPITALS))
    cols = w.c([("nom", "prenom", "ddn", "nam"), ("nom", "prenom", "ddn", "nam", "tel", "rdv"), ("mrn", "nom", "prenom", "ddn", "dx"),
                ("nam", "nom", "prenom", "sexe", "ch", "dx")])
    head = {"nom": "Nom", "prenom": "Prénom", "ddn": w.c(["DDN", "Date naissance"]), "nam": w.c(["NAM", "No RAMQ"]), "tel": "Téléphone",
            "rdv": "Rendez-vous", "mrn": "No dossier", "dx": "Diagnostic", "sexe": "Sexe", "ch": "Chambre"}
    rows = [[head[c] for c in cols]] + patient_rows(w, w.r.randint(5, 25), cols)
    sep = w.c([";", ",", ";"])
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    enc = w.c(["utf-8", "utf-8-sig", "cp1252"])
    data = buf.getvalue().encode(enc, errors="replace")
    fname, ctype = w.c([("liste_patients.csv", "text/csv"), ("export.csv", "text/csv; charset=" + enc.replace("utf-8-sig", "utf-8")),
                        ("liste.txt", "text/plain"), ("rapport.dat", "application/octet-stream"), ("Extraction_clinique.csv", "application/vnd.ms-excel")])
    body = J(w.greet(), "", w.c(["Voici l'extraction demandée.", "Ci-joint la liste des patients pour la relance.", "Liste à jour en pièce jointe.",
                                 "Comme convenu, la liste des usagers à transférer."]), "", w.signature(frm, full=w.chance(0.5)))
    return "csv-patient-list", "office-attachment", send(w, frm, [to], w.c(["Liste", "Extraction", "Liste patients", "Fichier demandé"]), body,
                                                         atts=[attachment(data, ctype, fname, w.r)])


def referral_paragraphs(w, p, md, lang="fr"):
    dg = w.diag(p)
    if lang == "fr":
        return [w.hosp["name"], f"{md.dr('fr')}, {md.role_fr}", "", f"{w.hosp['city']}, le {fmt_date(w.day, 'fr_long')}", "",
                "Objet : Demande de consultation", "",
                ("Usager :", p.full), ("Date de naissance :", fmt_date(p.dob, w.c(["iso", "fr_long"]))), ("NAM :", w.nam_of(p, style=w.c(["compact", "spaced"]))),
                "", f"Cher collègue,", "",
                f"Je vous réfère {p.formal('fr')}, {p.age(w.day)} ans, pour {dg}. {p.e('Elle', 'Il')} présente {w.symptom()} depuis quelques semaines.",
                f"Médication actuelle : {', '.join(w.meds(3))}.", f"Allergies : {w.allergy()}.",
                f"Je vous remercie de votre collaboration.", "", md.dr("fr")]
    return [w.hosp["name"], md.dr("en"), "", fmt_date(w.day, "en_long"), "", "Re: Consultation request", "",
            ("Patient:", p.full), ("DOB:", fmt_date(p.dob, "iso")), ("RAMQ:", w.nam_of(p, style=w.c(["compact", "spaced"]))), "",
            f"Thank you for seeing this {p.age(w.day)}-year-old for {w.diag(p)}.", f"Medications: {', '.join(w.meds(3))}.", "", md.dr("en")]


def p_docx_referral(w):
    p = w.person(1, 97)
    md = w.staff("md")
    sec = w.staff("secretary")
    to = w.staff("secretary", hosp=w.c(HOSPITALS))
    data = make_docx(referral_paragraphs(w, p, md, w.lang), w.r)
    fname = w.c(["Référence.docx", "referral.docx", f"Consultation_{ascii_local(p.surname)}.docx", "document.docx", "lettre.bin"])
    ctype = "application/octet-stream" if fname.endswith(".bin") else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    body = J(w.greet(), "", w.t("Veuillez trouver ci-joint la lettre de référence.", "Please find attached the referral letter."), "", w.close(), w.signature(sec))
    return "docx-referral", "office-attachment", send(w, sec, [to], w.t("Lettre de référence", "Referral letter"), body, atts=[attachment(data, ctype, fname, w.r)])


def p_xlsx_patients(w):
    frm = w.staff(w.c(["nurse", "secretary", "admin"]))
    to = w.staff(w.c(["md", "admin", "nurse"]))
    cols = w.c([("nom", "prenom", "ddn", "nam", "dx"), ("ch", "nom", "prenom", "nam", "dx"), ("nam", "nom", "prenom", "ddn", "rdv")])
    head = {"nom": "Nom", "prenom": "Prénom", "ddn": "DDN", "nam": "NAM", "dx": "Diagnostic", "ch": "Chambre", "rdv": "RDV"}
    rows = [[head[c] for c in cols]] + patient_rows(w, w.r.randint(4, 20), cols)
    data = make_xlsx(rows, w.c(["Patients", "Feuil1", "Liste", "Sheet1"]))
    fname = w.c(["liste_patients.xlsx", "Suivi.xlsx", "Classeur1.xlsx", "stats.xlsx", "tableau.dat"])
    ctype = "application/octet-stream" if fname.endswith(".dat") else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    body = J(w.greet(), "", w.c(["Voici le tableau de suivi mis à jour.", "Tableau des patients en attente ci-joint.", "Le fichier pour la réunion de demain."]), "", w.signature(frm, full=w.chance(0.5)))
    return "xlsx-patient-list", "office-attachment", send(w, frm, [to], w.c(["Tableau de suivi", "Liste Excel", "Fichier", "Suivi"]), body,
                                                          atts=[attachment(data, ctype, fname, w.r)])


def lab_report_lines(w, p, lang):
    labs = lab_values(w.r, lang, w.r.randint(4, 6), sex=p.sex)
    if lang == "fr":
        lines = [w.hosp["name"] + " – Laboratoire de biologie médicale", "", f"Nom : {p.rev}", f"Date de naissance : {p.dob.isoformat()}   Sexe : {p.sex}",
                 f"NAM : {w.nam_of(p, style=w.c(['compact', 'spaced']))}", f"No de dossier : {w.mrn('6')}", f"Prélevé le : {fmt_date(w.earlier(0, 3), 'iso')}", "", "Analyse            Résultat            Valeurs de référence"]
    else:
        lines = [w.hosp["name"] + " – Clinical Laboratory", "", f"Name: {p.rev}", f"DOB: {p.dob.isoformat()}   Sex: {p.sex}",
                 f"Health card (RAMQ): {w.nam_of(p, style=w.c(['compact', 'spaced']))}", f"Collected: {fmt_date(w.earlier(0, 3), 'iso')}", "", "Test               Result              Reference"]
    for a, b, c in labs:
        lines.append(f"{a:<18} {b:<19} {c}")
    lines += ["", w.t("Résultats validés par : ", "Validated by: ") + w.staff("lab").full]
    w.pdf_needles.append(p.nam)
    return lines


def p_pdf_lab(w, compress=False):
    p = w.person(1, 97)
    frm = w.staff(w.c(["lab", "secretary", "md"]))
    to = w.staff(w.c(["md", "secretary"]), hosp=w.c(HOSPITALS))
    lines = lab_report_lines(w, p, w.lang)
    data = make_pdf(lines, compress=compress, title=w.t("RAPPORT DE LABORATOIRE", "LABORATORY REPORT"))
    fname = w.c(["rapport_labo.pdf", "resultats.pdf", "scan0042.pdf", "document.pdf", "scan.bin"])
    ctype = "application/octet-stream" if fname.endswith(".bin") else "application/pdf"
    body = J(w.greet(), "", w.t("Ci-joint le rapport de laboratoire demandé.", "Attached is the lab report you requested."), "", w.signature(frm, full=w.chance(0.5)))
    return ("pdf-lab-flate" if compress else "pdf-lab-plain"), "office-attachment", \
        send(w, frm, [to], w.t("Rapport de laboratoire", "Lab report"), body, atts=[attachment(data, ctype, fname, w.r)])


def p_pdf_lab_flate(w):
    return p_pdf_lab(w, compress=True)


def p_zip_bundle(w):
    frm = w.staff(w.c(["secretary", "archives", "it"]))
    to = w.staff(w.c(["secretary", "md"]), hosp=w.c(HOSPITALS))
    files = []
    if w.chance(0.5):
        rows = [["Nom", "Prénom", "DDN", "NAM"]] + patient_rows(w, w.r.randint(3, 12), ("nom", "prenom", "ddn", "nam"))
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
        files.append((w.c(["liste.csv", "export/patients.csv", "data.csv"]), buf.getvalue().encode("utf-8")))
    else:
        p = w.person(1, 97)
        md = w.staff("md")
        files.append((w.c(["lettre.docx", "references/Référence.docx", "doc1.docx"]), make_docx(referral_paragraphs(w, p, md, w.lang), w.r)))
    if w.chance(0.5):
        files.append(("LISEZMOI.txt", "Fichiers transmis par le service des archives.\r\n".encode("utf-8")))
    data = zip_bytes(files)
    fname = w.c(["documents.zip", "envoi.zip", "archive.zip", "pieces.bin"])
    ctype = "application/octet-stream" if fname.endswith(".bin") else w.c(["application/zip", "application/x-zip-compressed"])
    body = J(w.greet(), "", w.c(["Les fichiers sont dans le zip ci-joint.", "Voici l'archive compressée.", "Ci-joint (compressé, trop gros sinon)."]), "", w.signature(frm, full=False))
    return "zip-archive", "office-attachment", send(w, frm, [to], w.c(["Documents", "Envoi", "Archive", "Fichiers"]), body, atts=[attachment(data, ctype, fname, w.r)])


def p_rfc822_forward(w):
    p = w.person(1, 97)
    orig = w.staff(w.c(["md", "nurse"]), hosp=w.c(HOSPITALS))
    inner_to = w.staff(w.c(["md", "secretary"]))
    fwd = inner_to
    dest = w.staff(w.c(["md", "secretary", "archives"]))
    inner_w = World(random.Random(w.r.random()), w.lang)
    inner_w.date = w.date - dt.timedelta(days=w.r.randint(1, 20))
    inner_w.day = inner_w.date.date()
    if w.fr:
        ident = nam_label(w, p) if w.chance(0.5) else f"DDN {w.dob_text(p)}"
        inner_text = J(w.greet(), "", f"{p.full} ({ident}) a été vu{p.e('e', '')} en {w.service()} pour {w.diag(p)}.",
                       f"Je recommande {w.meds(1)[0]} et un contrôle dans {w.r.randint(2, 10)} semaines.", "", orig.dr("fr") if orig.doctor else orig.full)
    else:
        ident = nam_label(w, p) if w.chance(0.5) else f"DOB {w.dob_text(p)}"
        inner_text = J(w.greet(), "", f"{p.full} ({ident}) was seen for {w.diag(p)}. Recommend {w.meds(1)[0]}.", "", orig.full)
    inner = build_message(inner_w.r, frm=orig.addr(), to=[inner_to.addr()], subject=w.t("Consultation", "Consultation") + f" – {p.surname}",
                          date=inner_w.date, body=body_part(inner_w.r, inner_text + "\n", lang=w.lang), received=False)
    body = J(w.greet(), "", w.t("Je te transfère le courriel original en pièce jointe.", "Forwarding the original message as an attachment."), "", w.signature(fwd, full=False))
    return "rfc822-forward", "forwarded", send(w, fwd, [dest], w.t("TR: Consultation", "Fwd: Consultation"), body, atts=[rfc822_part(inner)])


def p_ramq_billing(w):
    md = w.staff("md")
    agent = (w.c(["Agence de facturation Médi-Fact", "Facturation Dre Roy", "Centre de facturation"]), f"facturation@{w.c(['medifact', 'factu-md'])}.example")
    n = w.r.randint(1, 4)
    lines = []
    for _ in range(n):
        p = w.person(0, 97)
        lines.append(f"- {p.rev} {w.nam_of(p, style=w.c(['compact', 'spaced']))} : visite du {fmt_date(w.earlier(1, 60), 'dmy/')}, code d'acte {w.r.choice(['00', '15', '08'])}{w.r.randint(100, 999)}, "
                     f"diagnostic {w.c(['250', '401', '428', '486', '296', '715'])} ({w.diag(p)})")
    text = J(w.greet(), "", w.c(["Voici les actes à facturer à la RAMQ pour cette semaine :", "Refus RAMQ à corriger (mauvais NAM ?) :", "Facturation à soumettre :"]), "",
             *lines, "", w.c(["La facture de l'hôpital suit.", "Merci de confirmer la transmission.", ""]), w.signature(md, full=False))
    return "ramq-billing", "nam-list" if n > 1 else "nam-labelled", send(w, md, [agent], w.c(["Facturation RAMQ", "Actes à facturer", "Refus RAMQ"]), text)


def p_pharmacy_reconciliation(w):
    p = w.person(40, 97)
    ph = w.staff("pharm")
    md = w.staff("md")
    meds = w.meds(w.r.randint(3, 6))
    if w.fr:
        text = J(w.greet(md.dr_last("fr")), "", f"Bilan comparatif des médicaments – {p.full}, {w.c(['DDN', 'né(e) le'])} {w.dob_text(p)}", "",
                 "Médicaments à domicile (source : DSQ + pharmacie communautaire) :", *[f"  • {m}" for m in meds], "",
                 f"Divergences : {w.c(['le ' + meds[0] + ' n’a pas été represcrit à l’admission', 'double anticoagulation à clarifier', 'dose de ' + meds[1] + ' à ajuster selon la fonction rénale'])}.",
                 "", w.signature(ph))
        subj = w.c(["Bilan comparatif des médicaments", "BCM – divergences", "Divergence médicamenteuse"])
    else:
        text = J(w.greet(md.dr_last("en")), "", f"Medication reconciliation – {p.full}, DOB {w.dob_text(p, 'en')}", "",
                 *[f"  - {m}" for m in meds], "", "Discrepancy: home dose not re-ordered on admission.", "", w.signature(ph))
        subj = "Medication reconciliation"
    return "med-reconciliation-dob", "name-dob-clinical", send(w, ph, [md], subj, text)


def p_social_worker(w):
    w.fr, w.lang = True, "fr"
    p = w.person(16, 95)
    sw = w.staff("sw")
    to = w.staff(w.c(["md", "nurse", "sw"]))
    text = J(w.greet(to.given), "",
             f"Suivi psychosocial – {p.titled('fr')}, {p.age(w.day)} ans.",
             w.c([f"{p.e('Elle', 'Il')} m'a confié des idées suicidaires passives; pas de plan. Suivi en santé mentale demandé.",
                  f"Situation de négligence à domicile, signalement fait; {p.e('elle', 'il')} souffre de {w.diag(p)} et n'a plus de médication.",
                  f"Hébergement temporaire en ressource intermédiaire à prévoir; diagnostic de {w.diag(p)}.",
                  f"Consommation d'alcool en hausse depuis le décès de son conjoint; rencontre avec la psychiatre prévue."]),
             w.c(["Merci de ne pas discuter devant la famille.", "Je reste disponible au poste " + str(w.r.randint(2000, 79999)) + ".", ""]), "",
             w.signature(sw))
    return "psychosocial-note-age", "name-age-clinical", send(w, sw, [to], w.c(["Suivi psychosocial", "Confidentiel", f"{p.formal('fr')}", "Note TS"]), text)


def p_family_en_dob(w):
    w.fr, w.lang = False, "en"
    parent = w.person(55, 97, english=True)
    child = w.c(GIVEN_F_EN + GIVEN_M_EN)
    frm = (f"{child} {parent.surname}", w.family_addr(child, parent.surname))
    to = ("Patient Relations", f"{w.c(['patientrelations', 'ombudsman', 'info'])}@{w.hosp['domain']}")
    rel = "my mother" if parent.sex == "F" else "my father"
    text = J("Hello,", "",
             f"I am writing about {rel}, {parent.full} (born {fmt_date(parent.dob, w.c(['en_long', 'en_short', 'mdy/']))}), who was discharged from your hospital on "
             f"{fmt_date(w.earlier(2, 15), 'en_long')} after being treated for {w.diag(parent)}.",
             f"Since coming home {'she' if parent.sex == 'F' else 'he'} has had {w.symptom()} and the pharmacy could not explain the change from {w.meds(1)[0]} to {w.meds(1)[0]}.",
             "Could someone from the care team please call me? We are very worried.", "", child, w.phone(area="514"))
    return "family-complaint-dob", "name-dob-clinical", send(w, frm, [to], w.c([f"Concern about {rel}", "Discharge concern", "Please call me"]), text, mailer=w.c(MAILERS[3:6]))


def p_appt_reminder(w):
    p = w.person(0, 95)
    sec = w.staff("secretary")
    pat_addr = (p.full, w.family_addr(p.given, p.surname))
    svc = w.service()
    when = w.later(2, 40)
    nam = w.nam_of(p)
    if w.fr:
        text = J(f"Bonjour {p.formal('fr')},", "",
                 f"Nous vous rappelons votre rendez-vous en {svc} le {fr_weekday_date(when)} {when.year} à {w.r.randint(8, 15)} h {w.c(['00', '15', '30', '45'])}, "
                 f"{w.c(['pavillon A', 'clinique externe, 2e étage', 'porte 4'])}.",
                 f"Usager : {p.full} – {w.c(['NAM', 'No d’assurance maladie', 'Carte d’assurance maladie'])} : {nam}",
                 w.c([f"Examen prévu : {w.imaging()}. Vous devez être à jeun depuis minuit.", f"Motif : suivi – {w.diag(p)}.",
                      "Apportez la liste de vos médicaments."]),
                 "Pour annuler, composez le " + w.phone() + ".", "", w.signature(sec))
        subj = w.c(["Rappel de rendez-vous", f"Votre rendez-vous en {svc}", "Confirmation de rendez-vous"])
    else:
        text = J(f"Dear {p.formal('en')},", "", f"This is a reminder of your {svc} appointment on {en_weekday_date(when)}, {when.year}.",
                 f"Patient: {p.full} – RAMQ: {nam}", f"Reason: follow-up of {w.diag(p)}.", "", w.signature(sec))
        subj = "Appointment reminder"
    return "appointment-reminder-nam", "nam-labelled", send(w, sec, [pat_addr], subj, text)


def p_vaccination_record(w):
    child = w.person(0, 12)
    nurse = w.staff("nurse")
    parent_given = w.c(GIVEN_F_QC + GIVEN_M_QC)
    to = (f"{parent_given} {child.surname}", w.family_addr(parent_given, child.surname))
    vacs = w.r.sample(["DCaT-VPI-Hib", "Pneu-C-15", "Rota", "RRO-Var", "Men-C-C", "Hépatite B", "Influenza"], 3)
    text = J(w.greet(parent_given), "",
             f"Tel que demandé, voici le carnet de vaccination de {child.given} {child.surname}, né{child.e('e', '')} le {fmt_date(child.dob, w.c(['fr_long', 'iso', 'dmy/']))} :", "",
             *[f"- {v} : {fmt_date(child.dob + dt.timedelta(days=60 * (i + 1)), 'iso')}" for i, v in enumerate(vacs)], "",
             w.c([f"Note : réaction locale au {vacs[0]} (rougeur 4 cm), sans suite.", "Prochaine dose prévue à 18 mois.",
                  f"{child.given} est allergique aux œufs; vaccin antigrippal donné sous surveillance."]), "", w.signature(nurse))
    return "vaccination-record-dob", "name-dob-clinical", send(w, nurse, [to], w.c(["Carnet de vaccination", "Preuve de vaccination", "Vaccins de votre enfant"]), text)


def p_critical_lab_en(w):
    w.fr, w.lang = False, "en"
    p = w.person(18, 97)
    lab = w.staff("lab")
    md = w.staff("md")
    l = lab_values(w.r, "en", 1, sex=p.sex)[0]
    text = J(w.c(["CRITICAL VALUE NOTIFICATION", "Critical result", "Please call back"]), "",
             f"Patient: {p.full}   DOB: {w.dob_text(p, 'en')}",
             f"{l[0]}: {l[1]} {l[2]}".rstrip(), f"Collected {fmt_date(w.day, 'iso')} {w.r.randint(0, 23):02d}:{w.r.randint(0, 59):02d}.",
             "Unable to reach the ordering physician by phone; please acknowledge.", "", w.signature(lab))
    return "critical-lab-dob", "name-dob-clinical", send(w, lab, [md], "CRITICAL VALUE", text, priority=True)


def p_terse_en(w):
    w.fr, w.lang = False, "en"
    p = w.person(18, 95)
    md = w.staff("md")
    to = w.staff(w.c(["secretary", "nurse"]))
    labelled = w.chance(0.4)
    nam = nam_label(w, p) if labelled else w.nam_of(p)
    text = J(w.c([f"Can you book pt {nam} for {w.c(['colonoscopy', 'echo', 'PFTs', 'holter', 'bone density'])} next wk? Hx {w.diag(p)}.",
                  f"{p.full} {nam} - needs INR Fri + renew {w.meds(1)[0]}.",
                  f"pls fax consult for {nam} to {w.service()}, dx {w.diag(p)}, thx"]), "", w.c(["thx", "-" + md.given[0], md.dr_last("en"), ""]))
    return "terse-request-en", "nam-labelled" if labelled else "nam-unlabelled", send(w, md, [to], w.c(["booking", "pt", "pls", "request"]), text,
                                                                                     mailer=w.c(MAILERS[3:4] + MAILERS[:1]))


# ===========================================================================
# NEGATIVE TEMPLATES -- look-alikes and clinical-sounding text about no patient
# ===========================================================================

PRODUCT_PREFIXES = ["BDXS", "MEDL", "CARD", "SYRG", "GANT", "CATH", "KIMB", "MOLN", "PHIL", "STER", "OLYM", "TERU", "SMTH",
                    "BAXT", "HOLL", "CONV", "ZOLL", "MASQ", "ALCO", "PANS", "SOND", "TUBU", "FILT", "ELEC", "BATT", "PROB"]
PRODUCTS_FR = ["Seringues 10 mL Luer-Lock (bte 100)", "Gants nitrile taille M (bte 200)", "Cathéters IV 20G", "Pansements mousse 10x10 cm",
               "Masques N95 modèle 1870+", "Électrodes ECG adulte (sac 50)", "Tubulures de perfusion avec filtre", "Sondes urinaires 16 Fr",
               "Filtres HEPA pour respirateur", "Batteries pour défibrillateur", "Tampons d'alcool 70 %", "Couvre-sondes échographie",
               "Lames de laryngoscope jetables", "Capteurs SpO2 jetables", "Papier thermique ECG 110 mm", "Contenants pour objets piquants 5 L"]
PRODUCTS_EN = ["Luer-lock syringes 10 mL (box of 100)", "Nitrile gloves size M (200/box)", "IV catheters 20G", "Foam dressings 4x4 in",
               "N95 respirators 1870+", "ECG electrodes adult (50/bag)", "Infusion sets with filter", "Foley catheters 16 Fr",
               "HEPA filters", "Defibrillator battery pack", "Alcohol prep pads", "Ultrasound probe covers", "Disposable SpO2 sensors"]


def impossible_code(w, prefix=None):
    r = w.r
    letters = prefix or r.choice(PRODUCT_PREFIXES)
    yy = r.randint(0, 99)
    kind = r.choice(["m13_50", "m63", "d32", "feb30", "d00", "m00"])
    if kind == "m13_50":
        mm, dd = r.randint(13, 50), r.randint(1, 28)
    elif kind == "m63":
        mm, dd = r.randint(63, 99), r.randint(1, 28)
    elif kind == "d32":
        mm, dd = r.choice(list(range(1, 13)) + list(range(51, 63))), r.randint(32, 99)
    elif kind == "feb30":
        mm, dd = r.choice([2, 52]), r.choice([30, 31])
    elif kind == "d00":
        mm, dd = r.choice(list(range(1, 13))), 0
    else:
        mm, dd = 0, r.randint(1, 28)
    code = f"{letters}{yy:02d}{mm:02d}{dd:02d}{r.randint(0, 99):02d}"
    assert not nam_date_possible(code), code
    w.neg_checks.append(("impossible", code))
    return code


def possible_code(w, prefix=None, force_valid=None):
    """4 letters + 8 digits with a possible date; optionally a checksum-valid one (a NAM look-alike)."""
    r = w.r
    letters = prefix or r.choice(PRODUCT_PREFIXES)
    d = dob_between(r, 1950, 2024)
    female = r.random() < 0.3
    mm = d.month + (50 if female else 0)
    diff = r.randint(1, 9)
    if force_valid is None:
        force_valid = r.random() < 0.35
    if force_valid:
        cd = nam_check_digit(letters, d.year, "F" if female else "M", d.month, d.day, diff)
    else:
        cd = r.randint(0, 9)
    code = f"{letters}{d.year % 100:02d}{mm:02d}{d.day:02d}{diff}{cd}"
    assert nam_date_possible(code)
    w.neg_checks.append(("possible", code))
    return code


def fmt_code(w, code):
    return w.c([code, code, code, f"{code[:4]}-{code[4:]}", f"{code[:4]} {code[4:8]} {code[8:]}", f"{code[:4]}-{code[4:8]}-{code[8:]}"])


def money(w, lo, hi):
    v = w.r.uniform(lo, hi)
    return f"{v:,.2f} $".replace(",", " ").replace(".", ",") if w.fr else f"${v:,.2f}"


def po_number(w):
    return w.c([f"PO-{w.day.year}-{w.r.randint(10000, 99999)}", f"BC{w.r.randint(100000, 999999)}", f"{w.r.randint(4500000000, 4599999999)}",
                f"DA-{w.r.randint(100000, 999999)}"])


def supplier(w):
    name, dom = w.c(SUPPLIERS)
    g = w.c(GIVEN_F_QC + GIVEN_M_QC)
    s = w.c(SURNAMES_QC)
    return (f"{g} {s} – {name}" if w.chance(0.5) else f"{g} {s}", f"{ascii_local(g)[0]}{ascii_local(s)}@{dom}"), name


def n_po_impossible(w):
    buyer = w.staff("buyer")
    sup, sname = supplier(w)
    n = w.r.randint(3, 9)
    prods = PRODUCTS_FR if w.fr else PRODUCTS_EN
    rows = [[w.t("Code produit", "Item code"), "Description", w.t("Qté", "Qty"), w.t("Prix unitaire", "Unit price")]]
    for _ in range(n):
        rows.append([fmt_code(w, impossible_code(w)), w.c(prods), str(w.r.choice([1, 2, 5, 10, 12, 20, 24, 50, 100])), money(w, 2, 900)])
    po = po_number(w)
    t = text_table(rows, w.c(["pipe", "plain", "tab"]))
    text = J(w.greet(), "", w.t(f"Voici notre bon de commande {po} :", f"Please find our purchase order {po}:"), "", t, "",
             w.t(f"Livraison au quai de réception, {w.hosp['name']}, {w.address()}.", f"Ship to receiving dock, {w.hosp['name']}."),
             w.t("Merci de confirmer les délais de livraison.", "Please confirm lead times."), "", w.close(), w.signature(buyer))
    return "po-impossible-codes", "product-code-impossible", send(w, buyer, [sup], w.t(f"Bon de commande {po}", f"PO {po}"), text,
                                                                   tables={t.strip(): html_table(rows)})


def n_catalogue_update(w):
    w.fr, w.lang = w.chance(0.4), ("fr" if w.chance(0.4) else "en")
    w.fr = w.lang == "fr"
    sup, sname = supplier(w)
    buyer = w.staff("buyer")
    lines = []
    for _ in range(w.r.randint(4, 10)):
        lines.append(f"{impossible_code(w)}  {w.c(PRODUCTS_EN if not w.fr else PRODUCTS_FR)}  {money(w, 3, 600)}")
    text = J(w.greet(buyer.given), "", w.t(f"Veuillez noter la mise à jour de notre liste de prix en vigueur le {fmt_date(w.later(10, 40), 'fr_long')} :",
                                             f"Please note our updated price list effective {fmt_date(w.later(10, 40), 'en_long')}:"), "",
             *lines, "", w.t("Les codes discontinués seront remplacés automatiquement.", "Discontinued SKUs will be substituted automatically."), "", w.close(), sup[0])
    return "supplier-price-list", "product-code-impossible", send(w, sup, [buyer], w.t("Mise à jour liste de prix", "Price list update"), text)


def n_biomed_quote(w):
    tech = w.staff("biomed")
    sup, sname = supplier(w)
    model = w.c(["moniteur physiologique", "pompe volumétrique", "ventilateur de transport", "défibrillateur", "lit électrique"])
    rows = []
    for _ in range(w.r.randint(2, 6)):
        rows.append(f"- {impossible_code(w, prefix=w.c(['PRTS', 'PIEC', 'ASSY', 'KITR', 'MODL']))} – {w.c(['carte mère', 'module SpO2', 'batterie Li-ion', 'écran tactile', 'câble patient', 'roue avant'])} – {money(w, 40, 4000)}")
    text = J(w.greet(), "", f"Suite à la visite de votre technicien pour le {model} (no de série {w.r.randint(10 ** 7, 10 ** 8 - 1)}), voici la soumission des pièces :", "",
             *rows, "", f"Soumission no Q-{w.r.randint(100000, 999999)}, valide 30 jours. Main-d'œuvre : {money(w, 150, 900)}.", "", sup[0])
    return "biomed-parts-quote", "product-code-impossible", send(w, sup, [tech], f"Soumission – pièces {model}", text)


def n_stock_shortage(w):
    mag = w.staff("buyer")
    units = [w.staff("admin").addr() for _ in range(w.r.randint(1, 3))]
    items = [f"{fmt_code(w, impossible_code(w))} {w.c(PRODUCTS_FR)} – {w.c(['rupture jusqu’au ' + fmt_date(w.later(5, 40), 'fr_long'), 'quantité limitée à 2 boîtes par unité', 'substitut disponible'])}"
             for _ in range(w.r.randint(2, 6))]
    text = J("Bonjour à tous,", "", "Le magasin central vous informe des ruptures de stock suivantes :", "", *items, "",
             "Pour les commandes urgentes, communiquez avec le magasin au poste " + str(w.r.randint(2000, 79999)) + ".", "", w.signature(mag))
    w.fr, w.lang = True, "fr"
    return "stock-shortage", "product-code-impossible", send(w, mag, units, "Ruptures de stock – magasin central", text)


def n_rma_return(w):
    buyer = w.staff("buyer")
    sup, sname = supplier(w)
    code = impossible_code(w)
    text = J(w.greet(), "", w.t(f"Nous retournons {w.r.randint(1, 20)} unités du produit {code} (lot {w.c('ABCDEFGHK')}{w.r.randint(10000, 99999)}) reçues endommagées.",
                                  f"We are returning {w.r.randint(1, 20)} units of item {code} received damaged."),
             w.t(f"Numéro d'autorisation de retour : RMA-{w.r.randint(100000, 999999)}. Facture d'origine : {w.r.randint(100000, 999999)}.",
                 f"RMA number: RMA-{w.r.randint(100000, 999999)}. Original invoice: {w.r.randint(100000, 999999)}."),
             "", w.close(), w.signature(buyer))
    return "rma-return", "product-code-impossible", send(w, buyer, [sup], w.t("Retour de marchandise", "Return authorization"), text)


def n_po_possible(w):
    buyer = w.staff("buyer")
    sup, sname = supplier(w)
    kind = w.c(["SKU", "Code produit", "No de pièce", "Réf. fournisseur"]) if w.fr else w.c(["SKU", "Part #", "Item code"])
    lines = [f"{kind} {possible_code(w)} – {w.c(PRODUCTS_FR if w.fr else PRODUCTS_EN)} – {w.t('qté', 'qty')} {w.r.randint(1, 60)} – {money(w, 4, 700)}"
             for _ in range(w.r.randint(2, 7))]
    inv = f"{w.t('Facture', 'Invoice')} {w.r.randint(100000, 999999)}"
    text = J(w.greet(), "", w.t(f"Concernant la {inv.lower()} et le bon de commande {po_number(w)}, les articles suivants ont été facturés en double :",
                                  f"Regarding {inv} and purchase order {po_number(w)}, the following items were billed twice:"), "",
             *lines, "", w.t("Pouvez-vous émettre une note de crédit?", "Could you issue a credit note?"), "", w.close(), w.signature(buyer))
    return "invoice-sku-dates", "product-code-commerce", send(w, buyer, [sup], w.t("Facturation en double", "Duplicate billing"), text)


def n_serial_lots(w):
    tech = w.staff("biomed")
    to = w.staff(w.c(["admin", "buyer"]))
    rows = [[w.t("Équipement", "Device"), w.t("No de série", "Serial no."), "Lot", w.t("Échéance entretien", "PM due")]]
    for _ in range(w.r.randint(3, 8)):
        rows.append([w.c(["Pompe Alaris", "Moniteur IntelliVue", "DEA Zoll", "Lit Hill-Rom", "Thermomètre Welch", "Glucomètre"]),
                     w.c([possible_code(w, prefix=w.c(["SNPU", "SNMO", "SNDE"])), f"{w.r.randint(10 ** 8, 10 ** 9 - 1)}", f"US{w.r.randint(10 ** 7, 10 ** 8 - 1)}"]),
                     f"{w.r.randint(10 ** 5, 10 ** 6 - 1)}{w.c('ABCDEF')}", fmt_date(w.later(5, 200), "iso")])
    t = text_table(rows, w.c(["pipe", "plain"]))
    text = J(w.greet(), "", w.t("Inventaire des équipements de l'unité à mettre à jour dans la GMAO :", "Unit equipment inventory to update in the CMMS:"), "", t, "",
             w.close(), w.signature(tech))
    return "equipment-serials", "product-code-commerce", send(w, tech, [to], w.t("Inventaire équipements", "Equipment inventory"), text, tables={t.strip(): html_table(rows)})


def n_sterilisation_lots(w):
    w.fr, w.lang = True, "fr"
    s = w.staff("admin")
    to = w.staff("nurse")
    lots = [f"- Cycle {w.r.randint(1000, 9999)} – autoclave {w.r.randint(1, 4)} – lot {possible_code(w, prefix=w.c(['STER', 'AUTO', 'LOTS']), force_valid=False)} – "
            f"{w.c(['conforme', 'indicateur biologique négatif', 'rappel préventif'])}" for _ in range(w.r.randint(3, 6))]
    text = J("Bonjour,", "", f"Le service de retraitement des dispositifs médicaux (URDM) a procédé aux cycles suivants le {fmt_date(w.earlier(0, 3), 'fr_long')} :", "",
             *lots, "", "Les plateaux des lots en rappel doivent être retournés à l'URDM avant 15 h.", "", w.signature(s))
    return "sterilisation-lots", "product-code-commerce", send(w, s, [to], "URDM – cycles de stérilisation", text)


def n_project_codes(w):
    it = w.staff("it")
    to = [w.staff(w.c(["admin", "it"])).addr() for _ in range(w.r.randint(1, 3))]
    codes = [f"{w.c(['PROJ', 'CHGE', 'RFCM', 'TASK', 'DEMA'])}{w.day.year}{w.r.randint(1, 12):02d}{w.r.randint(1, 28):02d}" for _ in range(w.r.randint(2, 5))]
    for c in codes:
        assert not nam_date_possible(c)  # yy=20, mm=2x: never a NAM date
        w.neg_checks.append(("impossible", c))
    text = J(w.greet(), "", w.t("Suivi des demandes de changement au CAB de jeudi :", "Change requests for Thursday's CAB:"), "",
             *[f"{c} – {w.c(['mise à niveau du serveur d’impression', 'migration Exchange', 'correctif Windows', 'nouveau VLAN téléphonie', 'remplacement du pare-feu'])}"
               f" ({w.c(['approuvé', 'en attente', 'reporté'])})" for c in codes], "",
             f"Billet parent : INC{w.r.randint(10 ** 6, 10 ** 7 - 1)}", "", w.signature(it))
    return "change-request-codes", "product-code-commerce", send(w, it, to, "CAB – demandes de changement", text)


def bn(w):
    v = gen_luhn_valid(w.r, 9)
    w.neg_checks.append(("bn", v))
    return v


def n_invoice_supplier(w):
    sup, sname = supplier(w)
    ap = w.staff("admin")
    inv = f"{w.c(['FACT-', 'INV-', 'F', ''])}{w.day.year}-{w.r.randint(1000, 99999)}"
    sub = w.r.uniform(500, 40000)
    tps, tvq = sub * 0.05, sub * 0.09975
    b = bn(w)
    text = J(w.greet(), "", w.t(f"Vous trouverez ci-dessous le détail de la facture {inv}.", f"Please see invoice {inv} details below."), "",
             f"{w.t('Sous-total', 'Subtotal')} : {sub:,.2f} $".replace(",", " "),
             f"TPS ({b} RT0001) : {tps:,.2f} $".replace(",", " "),
             f"TVQ ({w.r.randint(10 ** 9, 10 ** 10 - 1)} TQ0001) : {tvq:,.2f} $".replace(",", " "),
             f"Total : {sub + tps + tvq:,.2f} $".replace(",", " "), "",
             w.t(f"Conditions : net 30 jours. Bon de commande : {po_number(w)}.", f"Terms: net 30. PO: {po_number(w)}."), "", w.close(), sup[0])
    return "supplier-invoice", "commercial-numbers", send(w, sup, [ap], w.t(f"Facture {inv}", f"Invoice {inv}"), text)


def n_vendor_registration(w):
    ap = w.staff("buyer")
    to = w.staff("admin")
    sname = w.c(SUPPLIERS)[0]
    b = bn(w)
    text = J(w.greet(), "", f"Nouveau fournisseur à créer dans le système financier : {sname}", "",
             f"Numéro d'entreprise (NE) : {b}", f"TPS : {b}RT0001", f"TVQ : {w.r.randint(10 ** 9, 10 ** 10 - 1)}TQ0001",
             f"NEQ : 11{w.r.randint(10 ** 7, 10 ** 8 - 1)}", f"Adresse : {w.address()}", f"Téléphone : {w.phone(area='514')}", "",
             w.close(), w.signature(ap))
    w.fr, w.lang = True, "fr"
    return "vendor-tax-numbers", "commercial-numbers", send(w, ap, [to], "Création fournisseur", text)


def n_bank_transit(w):
    sup, sname = supplier(w)
    ap = w.staff("admin")
    text = J(w.greet(), "", w.t(f"Veuillez noter nos nouvelles coordonnées bancaires pour les paiements par TEF ({sname}) :",
                                  f"Please update our EFT banking information ({sname}):"), "",
             f"{w.t('Institution', 'Institution')} : {w.c(['815', '006', '003', '001', '004'])}", f"Transit : {w.r.randint(10000, 99999)}",
             f"{w.t('Compte', 'Account')} : {w.r.randint(10 ** 6, 10 ** 7 - 1)}", f"SWIFT : {w.c(['CCDQCAMM', 'BNDCCAMMINT', 'ROYCCAT2'])}", "",
             w.t("Une lettre signée de la banque suit par la poste.", "A signed bank letter will follow."), "", w.close(), sup[0])
    return "bank-eft-supplier", "commercial-numbers", send(w, sup, [ap], w.t("Changement de coordonnées bancaires", "Banking information change"), text)


def n_ten_digit_accounts(w):
    adm = w.staff("admin")
    to = w.staff("admin")
    accts = []
    for _ in range(w.r.randint(2, 5)):
        kind = w.c(["luhn", "phn", "rand"])
        if kind == "luhn":
            v = gen_luhn_valid(w.r, 10)
        elif kind == "phn":
            v = gen_bc_phn(w.r)
        else:
            v = str(w.r.randint(10 ** 9, 10 ** 10 - 1))
        w.neg_checks.append(("tendigit", v))
        accts.append(f"- {w.c(['Hydro-Québec', 'Bell', 'Énergir', 'Vidéotron Affaires', 'Telus', 'Rogers Business'])} – {w.c(['numéro de client', 'compte', 'no de contrat'])} {v} – {money(w, 80, 9000)}")
    text = J(w.greet(), "", "Voici les comptes fournisseurs à payer ce mois-ci pour le pavillon " + w.c("ABCDE") + " :", "", *accts, "",
             "Merci d'imputer au centre d'activités " + f"{w.r.randint(1000, 9999)}-{w.r.randint(100, 999)}.", "", w.signature(adm))
    w.fr, w.lang = True, "fr"
    return "utility-accounts", "commercial-numbers", send(w, adm, [to], "Comptes à payer – services publics", text)


def n_luhn_valid_orders(w):
    sup, sname = supplier(w)
    buyer = w.staff("buyer")
    vals = []
    for _ in range(w.r.randint(1, 3)):
        v = gen_luhn_valid(w.r, 9)
        w.neg_checks.append(("luhn_valid_order", v))
        vals.append(w.c([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
    text = J(w.greet(buyer.given), "", w.t(f"Votre commande no {vals[0]} a été expédiée.", f"Your order #{vals[0]} has shipped."),
             *[w.t(f"Commande complémentaire no {v} : en préparation.", f"Back-order #{v}: being prepared.") for v in vals[1:]],
             w.t(f"Numéro de client : {w.r.randint(10000, 99999)}", f"Customer number: {w.r.randint(10000, 99999)}"), "",
             w.t("Merci de faire affaire avec nous.", "Thank you for your business."), sname)
    return "order-confirmation", "luhn-numbers", send(w, sup, [buyer], w.t(f"Confirmation de commande {vals[0]}", f"Order confirmation {vals[0]}"), text)


def n_luhn_fail_refs(w):
    frm = w.staff(w.c(["it", "admin", "buyer"]))
    to = w.staff("admin")
    vals = []
    for _ in range(w.r.randint(2, 5)):
        v = gen_luhn_fail(w.r, 9)
        w.neg_checks.append(("luhn_fail", v))
        vals.append(w.c([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"]))
    text = J(w.greet(), "", w.c(["Voici les numéros de référence des réclamations au transporteur :", "Références des dossiers de garantie ouverts :",
                                 "Numéros de confirmation des réservations de salles :"]), "",
             *[f"- {v} ({w.c(['ouvert', 'fermé', 'en traitement'])})" for v in vals], "", w.close(), w.signature(frm))
    return "reference-numbers", "luhn-numbers", send(w, frm, [to], w.c(["Numéros de référence", "Suivi des réclamations", "Références"]), text)


def n_budget_gl(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff("admin")
    to = [w.staff("admin").addr() for _ in range(2)]
    rows = [["Centre d'activités", "Compte G/L", "Budget", "Réel", "Écart"]]
    for _ in range(w.r.randint(4, 8)):
        b = w.r.uniform(10000, 900000)
        r_ = b * w.r.uniform(0.8, 1.2)
        rows.append([f"{w.r.randint(6000, 7999)}", f"{w.r.randint(1000, 9999)}-{w.r.randint(10000, 99999)}-{w.r.randint(100, 999)}",
                     f"{b:,.0f} $".replace(",", " "), f"{r_:,.0f} $".replace(",", " "), f"{r_ - b:+,.0f} $".replace(",", " ")])
    t = text_table(rows, "plain")
    text = J("Bonjour,", "", f"Voici le suivi budgétaire de la période {w.r.randint(1, 13)} :", "", t, "",
             "Les écarts de plus de 10 % doivent être justifiés avant le comité de gestion.", "", w.signature(frm))
    return "budget-followup", "commercial-numbers", send(w, frm, to, f"Suivi budgétaire P{w.r.randint(1, 13)}", text, tables={t.strip(): html_table(rows)})


def n_fundraising(w):
    w.fr, w.lang = True, "fr"
    frm = (f"Fondation {w.hosp['name']}", f"fondation@{w.hosp['domain'] if w.hosp['domain'] != 'ssss.gouv.qc.ca' else 'fondation-hrs.example'}")
    donor_g = w.c(GIVEN_F_QC + GIVEN_M_QC)
    donor_s = w.c(SURNAMES_QC)
    to = (f"{donor_g} {donor_s}", w.family_addr(donor_g, donor_s))
    b = bn(w)
    text = J(f"Bonjour {donor_g},", "", f"Merci pour votre don de {money(w, 20, 500)} à la campagne « {w.c(['Un cœur pour tous', 'Pédiatrie en santé', 'Nouvel appareil IRM', 'Soins palliatifs'])} ».",
             f"Votre reçu officiel aux fins de l'impôt (no {w.r.randint(10 ** 5, 10 ** 6 - 1)}) est joint à ce courriel.",
             f"Numéro d'enregistrement d'organisme de bienfaisance : {b} RR0001", "",
             "Grâce à vous, nos patients bénéficieront d'équipements à la fine pointe.", "", "L'équipe de la Fondation")
    return "donation-receipt", "commercial-numbers", send(w, frm, [to], "Merci pour votre don!", text)


def n_job_posting(w):
    w.fr, w.lang = True, "fr"
    hr = w.staff("hr")
    to = (f"Tout le personnel – {w.hosp['name']}", f"tous@{w.hosp['domain']}")
    title = w.c(["Infirmière clinicienne / infirmier clinicien", "Préposé(e) aux bénéficiaires", "Technologiste en imagerie médicale", "Agent(e) administratif(ve) classe 2", "Inhalothérapeute"])
    text = J("Affichage interne", "", f"Titre d'emploi : {title}", f"No d'affichage : {w.day.year}-{w.r.randint(1000, 9999)}-{w.r.randint(10, 99)}",
             f"Service : {w.service()} – quart {w.c(['jour', 'soir', 'nuit', 'rotation'])}", f"Échelle salariale : {w.r.randint(24, 30)},{w.r.randint(10, 99)} $ à {w.r.randint(38, 52)},{w.r.randint(10, 99)} $ / heure",
             f"Période d'affichage : du {fmt_date(w.day, 'fr_long')} au {fmt_date(w.later(10, 15), 'fr_long')}", "",
             "Exigences : permis d'exercice valide, 2 ans d'expérience en soins aigus.", f"Pour postuler : portail RH, code {w.r.randint(100000, 999999)}.", "", w.signature(hr))
    return "job-posting", "hospital-admin", send(w, hr, [to], f"Affichage – {title}", text)


def n_courier_tracking(w):
    frm = w.c([w.staff("buyer"), w.staff("admin")])
    to = w.staff(w.c(["admin", "nurse", "lab"]))
    parts = []
    for _ in range(w.r.randint(1, 4)):
        kind = w.c(["puro", "cp", "cp2", "ups", "fedex"])
        if kind == "puro":
            parts.append(f"Purolator : {w.r.randint(10 ** 11, 10 ** 12 - 1)}")
        elif kind == "cp":
            v = str(w.r.randint(10 ** 15, 10 ** 16 - 1))
            parts.append(f"Postes Canada : {v[:4]} {v[4:8]} {v[8:12]} {v[12:]}")
        elif kind == "cp2":
            parts.append(f"Postes Canada (recommandé) : {w.c(['RN', 'LM', 'CP'])}{w.r.randint(10 ** 8, 10 ** 9 - 1)}CA")
        elif kind == "ups":
            parts.append("UPS : 1Z" + "".join(w.r.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6)) + f"{w.r.randint(0, 99):02d}{w.r.randint(10 ** 7, 10 ** 8 - 1)}")
        else:
            parts.append(f"FedEx : {w.r.randint(10 ** 11, 10 ** 12 - 1)}")
    text = J(w.greet(to.given), "", w.t("Voici les numéros de suivi des colis expédiés aujourd'hui :", "Here are today's tracking numbers:"), "", *parts, "",
             w.t(f"Contenu : {w.c(['réactifs de laboratoire (non dangereux)', 'fournitures de bureau', 'pièces de rechange', 'dépliants de la campagne'])}.",
                 "Contents: supplies."), w.close(), w.signature(frm, full=w.chance(0.5)))
    return "courier-tracking", "logistics", send(w, frm, [to], w.t("Numéros de suivi", "Tracking numbers"), text)


def n_travel_booking(w):
    frm = (w.c(["Voyages Boréal – Affaires", "Agence Tourbillon", "Air Canada"]), f"{w.c(['reservations', 'noreply', 'affaires'])}@{w.c(['voyagesboreal', 'tourbillon', 'aircanada-notif'])}.example")
    st = w.staff(w.c(["md", "admin", "nurse"]))
    loc = "".join(w.r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    dep = w.later(10, 90)
    flights = [f"{w.c(['AC', 'AC', 'TS', 'WS', 'PD'])} {w.r.randint(100, 8999)}" for _ in range(2)]
    text = J(w.t(f"Bonjour {st.given},", f"Hello {st.given},"), "",
             w.t(f"Votre réservation est confirmée. Numéro de dossier : {loc}", f"Your booking is confirmed. Booking reference: {loc}"), "",
             f"{flights[0]}  YUL → {w.c(['YVR', 'YYZ', 'CDG', 'YQB', 'YHZ', 'BOS'])}  {fmt_date(dep, 'iso')} {w.r.randint(6, 20):02d}:{w.c(['05', '30', '45'])}  {w.t('siège', 'seat')} {w.r.randint(1, 38)}{w.c('ABCDEF')}",
             f"{flights[1]}  {w.t('retour', 'return')}  {fmt_date(dep + dt.timedelta(days=w.r.randint(2, 6)), 'iso')}",
             f"{w.t('Billet électronique', 'E-ticket')} : 014{w.r.randint(10 ** 9, 10 ** 10 - 1)}", f"Aéroplan : {w.r.randint(10 ** 8, 10 ** 9 - 1)}", "",
             w.t(f"Motif du voyage : congrès de {w.c(['l’ACMU', 'la SQMI', 'cardiologie', 'l’OIIQ'])}.", "Purpose: conference."))
    return "flight-booking", "logistics", send(w, frm, [st], w.t(f"Confirmation de réservation {loc}", f"Booking confirmation {loc}"), text)


def n_hotel(w):
    frm = (w.c(["Hôtel Le Riverain", "Château Boréal", "Hôtel Place du Fleuve"]), f"reservations@{w.c(['riverain', 'chateauboreal', 'placedufleuve'])}.example")
    st = w.staff(w.c(["md", "admin", "nurse", "pharm"]))
    arr = w.later(10, 90)
    text = J(w.t(f"Bonjour {st.full},", f"Dear {st.full},"), "",
             w.t(f"Nous confirmons votre réservation no {w.r.randint(10 ** 7, 10 ** 9)} du {fmt_date(arr, 'fr_long')} au {fmt_date(arr + dt.timedelta(days=3), 'fr_long')}.",
                 f"We confirm reservation #{w.r.randint(10 ** 7, 10 ** 9)} from {fmt_date(arr, 'en_long')} to {fmt_date(arr + dt.timedelta(days=3), 'en_long')}."),
             w.t(f"Tarif congrès : {money(w, 150, 320)} par nuit. Code de groupe : {w.c(['CONGRES', 'SANTE', 'MED'])}{arr.year}.", "Conference rate applies."),
             w.t(f"Annulation sans frais jusqu'à 48 h avant l'arrivée. Téléphone : {w.phone(area='418')}.", "Free cancellation up to 48 h before arrival."))
    return "hotel-booking", "logistics", send(w, frm, [st], w.t("Confirmation de réservation", "Reservation confirmation"), text)


def n_parking(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff("admin")
    to = (f"Personnel – {w.hosp['name']}", f"personnel@{w.hosp['domain']}")
    L = "ABCEGHJKLMNPRSTVXY"
    plates = [w.c([f"{w.c(L)}{w.c(L)}{w.c(L)} {w.r.randint(100, 999)}", f"{w.r.randint(100, 999)} {w.c(L)}{w.c(L)}{w.c(L)}", f"F{w.r.randint(10, 99)} {w.c(L)}{w.c(L)}{w.c(L)}"]) for _ in range(3)]
    text = J("Bonjour,", "", "Renouvellement des vignettes de stationnement :", "",
             f"- Stationnement P{w.r.randint(1, 5)} (employés) : {money(w, 40, 90)} par mois, vignettes no {w.r.randint(10000, 99999)} à {w.r.randint(10000, 99999)}",
             f"- Stationnement des patients et visiteurs : tarif maximal de {money(w, 8, 20)} par jour; forfait hebdomadaire disponible à l'accueil.",
             f"- Les véhicules suivants sont stationnés dans les cases réservées aux patients en dialyse et seront remorqués : {', '.join(plates)}.", "",
             f"Pour toute question : poste {w.r.randint(2000, 79999)}.", "", w.signature(frm))
    return "parking-permits", "logistics", send(w, frm, [to], "Stationnement – vignettes et rappels", text)


def n_phone_directory(w):
    frm = w.staff(w.c(["admin", "secretary"]))
    to = [w.staff("admin").addr() for _ in range(w.r.randint(1, 3))]
    lines = []
    for _ in range(w.r.randint(6, 14)):
        unit = w.c(["Urgence – poste des infirmières", "Bloc opératoire", "Pharmacie", "Laboratoire (réception)", "Imagerie – rendez-vous", "Admission",
                    "Archives médicales", "Sécurité", "Centrale de stérilisation", "Soins intensifs", "Hémodialyse", "Cardiologie – secrétariat",
                    "Accueil principal", "Centre de services TI", "Paie"])
        lines.append(f"{unit:<34} {w.phone(area=w.c([w.hosp['area'], '514', '450', '']) or None)}"
                     + (f"   téléc. {w.phone()}" if w.chance(0.3) else "") + (f"   poste {w.r.randint(2000, 79999)}" if w.chance(0.5) else ""))
    text = J(w.greet(), "", "Voici le bottin téléphonique mis à jour (version " + f"{w.day.year}.{w.r.randint(1, 12)}" + ") :", "", *lines, "",
             "Sans frais : 1 800 555-01" + f"{w.r.randint(0, 99):02d}", "", w.signature(frm))
    w.fr, w.lang = True, "fr"
    return "phone-directory", "contact-numbers", send(w, frm, to, "Bottin téléphonique à jour", text)


def n_site_addresses(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff("admin")
    to = (f"Tout le personnel", f"tous@{w.hosp['domain']}")
    sites = [f"- {w.c(CLINICS)} : {w.r.randint(10, 9999)}, {w.c(STREETS)}, {w.c(CITIES_QC)} (Québec) {w.postal()} – {w.phone()}" for _ in range(w.r.randint(3, 7))]
    text = J("Bonjour,", "", f"Prenez note des adresses des points de service du {w.hosp['name']} pour la période estivale :", "", *sites, "",
             "Les heures d'ouverture sont affichées sur l'intranet.", "", w.signature(frm))
    return "site-addresses", "contact-numbers", send(w, frm, [to], "Adresses des points de service", text)


def n_phone_messages(w):
    w.fr, w.lang = True, "fr"
    sec = w.staff("secretary")
    md = w.staff("md")
    msgs = []
    for _ in range(w.r.randint(3, 6)):
        who = w.c([f"le représentant de {w.c(SUPPLIERS)[0]}", f"{w.staff('md').dr('fr')} (collègue)", "le service des finances", "l'agence de voyage",
                   "la Fédération (FMOQ)", "le garage pour votre voiture", "le comité organisateur du congrès"])
        msgs.append(f"- {w.r.randint(8, 16)} h {w.r.randint(0, 59):02d} : {who}, rappeler au {w.phone(area=w.c(['514', '450', '418', '819']), ext=w.chance(0.4))}")
    text = J(f"Bonjour {md.dr_last('fr')},", "", "Messages téléphoniques reçus aujourd'hui :", "", *msgs, "", w.signature(sec, full=False))
    return "phone-messages", "contact-numbers", send(w, sec, [md], "Messages téléphoniques", text)


def n_oncall_pagers(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff("admin")
    to = (f"Liste – médecins", f"medecins@{w.hosp['domain']}")
    lines = [f"{w.staff('md').dr('fr'):<34} téléavertisseur {w.r.randint(1000, 9999)}   cell. {w.phone(area=w.c(['514', '438', '418', '581']))}" for _ in range(w.r.randint(4, 9))]
    text = J("Bonjour,", "", f"Liste des numéros de téléavertisseur et cellulaires des médecins de garde – {w.service()} :", "", *lines, "",
             "Téléphoniste : composez le 0. Centrale : " + w.phone(), "", w.signature(frm))
    return "oncall-pagers", "contact-numbers", send(w, frm, [to], "Numéros de garde", text)


def make_ics(w, summary, start, minutes, location):
    def ts(d):
        return d.strftime("%Y%m%dT%H%M%S")
    uid = "".join(w.r.choice("0123456789abcdef") for _ in range(32))
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:{ts(w.date)}\r\nDTSTART;TZID=America/Toronto:{ts(start)}\r\nDTEND;TZID=America/Toronto:{ts(start + dt.timedelta(minutes=minutes))}\r\n"
            f"SUMMARY:{summary}\r\nLOCATION:{location}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode("utf-8")


def n_meeting_invite(w):
    org = w.staff(w.c(["admin", "md", "nurse"]))
    to = [w.staff(w.c(["admin", "md", "nurse", "pharm"])).addr() for _ in range(w.r.randint(2, 6))]
    d = w.later(2, 40)
    start = dt.datetime(d.year, d.month, d.day, w.c([8, 9, 10, 12, 13, 14, 15]), w.c([0, 30]))
    topic = w.c(["Comité de gestion des lits", "Rencontre d'équipe – unité " + w.c(["4N", "5S", "3B"]), "Comité de pharmacologie", "Planification estivale",
                 "Comité de la qualité et de la sécurité", "Révision du plan de mesures d'urgence", "Comité des usagers – rencontre régulière"])
    room = f"salle {w.room()}, pavillon {w.c('ABCDE')}"
    teams = f"{w.r.randint(100, 999)} {w.r.randint(100, 999)} {w.r.randint(100, 999)} {w.r.randint(100, 999)}"
    text = J(w.greet(), "", f"Vous êtes convoqué(e) à la rencontre : {topic}", f"Date : {fr_weekday_date(d)} {d.year}, de {start.strftime('%H h %M')} à {(start + dt.timedelta(minutes=90)).strftime('%H h %M')}",
             f"Lieu : {room} ou par Teams", "", "________________________________________________________________________________",
             "Réunion Microsoft Teams", f"ID de réunion : {teams}", f"Code secret : {''.join(w.r.choice('abcdefghjkmnpqrstuvwxyz23456789') for _ in range(6))}",
             f"Participer par téléphone : +1 {w.hosp['area']}-555-01{w.r.randint(0, 99):02d},,{w.r.randint(10 ** 8, 10 ** 9 - 1)}# Canada, Québec",
             "________________________________________________________________________________", "", "Ordre du jour à venir.")
    w.fr, w.lang = True, "fr"
    att = attachment(make_ics(w, topic, start, 90, room), "text/calendar; method=REQUEST; charset=utf-8", "invite.ics", w.r)
    return "meeting-invite", "dates-ages-nonclinical", send(w, org, to, topic, text, atts=[att] if w.chance(0.6) else ())


def n_retirement(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff(w.c(["admin", "nurse", "secretary"]))
    hero = w.staff(w.c(["nurse", "md", "secretary", "lab"]))
    svc = w.service()
    to = (f"Équipe {svc}", f"equipe-{ascii_local(svc)[:10]}@{w.hosp['domain']}")
    age = w.r.randint(58, 68)
    d = w.later(5, 30)
    text = J("Bonjour à tous,", "",
             f"Après {w.r.randint(25, 42)} ans de loyaux services, notre collègue {hero.full} prend sa retraite! {'Elle' if hero.sex == 'F' else 'Il'} fêtera aussi ses {age} ans le même mois.",
             f"Un 5 à 7 aura lieu le {fr_weekday_date(d)} à la cafétéria du pavillon {w.c('ABCD')}. Contribution suggérée : {w.r.randint(10, 25)} $ pour le cadeau (Interac à {frm.email}).",
             f"Nés en {self_year(w, age)}, les collègues de sa cohorte sont aussi invités!" if w.chance(0.3) else None, "",
             "Au plaisir de vous y voir!", frm.given)
    return "retirement-party", "dates-ages-nonclinical", send(w, frm, [to], f"Départ à la retraite de {hero.given}!", text)


def self_year(w, age):
    return w.day.year - age


def n_building_age(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff("admin")
    to = (f"Tout le personnel", f"tous@{w.hosp['domain']}")
    age = w.r.randint(35, 70)
    text = J("Bonjour,", "",
             f"L'aile {w.c('ABCDEF')} a {age} ans cette année : des travaux de réfection de la toiture et de la ventilation débuteront le {fmt_date(w.later(5, 60), 'fr_long')}.",
             f"Le chantier durera environ {w.r.randint(6, 40)} semaines. Les corridors {w.room()} à {w.room()} seront fermés de 7 h à 15 h.",
             f"L'entrepreneur ({w.c(SUPPLIERS)[0]}) a obtenu le contrat no {w.day.year}-{w.r.randint(100, 999)}. Le bâtiment, construit en {w.day.year - age}, n'avait pas été rénové depuis 1998.", "",
             "Merci de votre collaboration.", w.signature(frm))
    return "building-renovation", "dates-ages-nonclinical", send(w, frm, [to], "Travaux de réfection – aile " + w.c("ABCDEF"), text)


def n_staff_birthdays(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff(w.c(["admin", "secretary"]))
    to = (f"Équipe", f"equipe@{w.hosp['domain']}")
    m = w.later(1, 20).month
    people = [f"- {w.staff('nurse').full} – {w.r.randint(1, 28)} {MONTHS_FR[m - 1]}" for _ in range(w.r.randint(3, 8))]
    text = J("Bonjour tout le monde!", "", f"Les anniversaires du mois {de(MONTHS_FR[m - 1])} :", "", *people, "",
             f"Gâteau au salon du personnel le dernier vendredi du mois à 14 h 30. 🎂", "Bonne fête à tous!", frm.given)
    return "staff-birthdays", "dates-ages-nonclinical", send(w, frm, [to], f"Anniversaires {de(MONTHS_FR[m - 1])}", text)


def n_shift_swap(w):
    w.fr, w.lang = True, "fr"
    a = w.staff("nurse")
    b = w.staff("nurse")
    chef = w.staff("admin")
    d1, d2 = w.later(3, 30), w.later(3, 30)
    text = J(f"Bonjour {chef.given},", "",
             f"{b.given} et moi souhaitons échanger nos quarts : je prendrais son quart de {w.c(['jour', 'soir', 'nuit'])} du {fr_weekday_date(d1)} "
             f"et {'elle' if b.sex == 'F' else 'il'} prendrait le mien du {fr_weekday_date(d2)}.",
             f"Nous sommes toutes deux sur l'équipe volante du {w.c(['4e', '5e', '6e'])} étage.", "", "Merci de confirmer dans Logibec.", a.given)
    return "shift-swap", "dates-ages-nonclinical", send(w, a, [chef], "Échange de quart", text, cc=[b])


def n_call_schedule(w):
    frm = w.staff("secretary")
    svc = w.service()
    to = (f"Médecins – {svc}", f"md-{ascii_local(svc)[:8]}@{w.hosp['domain']}")
    start = w.later(5, 20)
    lines = []
    for i in range(7):
        d = start + dt.timedelta(days=i)
        lines.append(f"{fr_weekday_date(d):<22} {w.staff('md').dr('fr'):<30} {w.phone(area=w.c(['514', '438', '450']))}")
    text = J("Bonjour,", "", f"Voici l'horaire de garde en {svc} pour la semaine du {fmt_date(start, 'fr_long')} :", "", *lines, "",
             "Les échanges doivent être signalés à la centrale au plus tard le jeudi midi.", "", w.signature(frm))
    w.fr, w.lang = True, "fr"
    return "call-schedule", "dates-ages-nonclinical", send(w, frm, [to], "Horaire de garde", text)


def n_training_dates(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff(w.c(["nurse", "admin"]))
    to = (f"Personnel infirmier", f"soins-infirmiers@{w.hosp['domain']}")
    dates = sorted(w.later(5, 60) for _ in range(w.r.randint(3, 6)))
    text = J("Bonjour,", "", f"Formation obligatoire : {w.c(['RCR/DEA (Cœur et AVC)', 'Prévention des chutes', 'Pompes intelligentes', 'Code blanc – gestion des comportements', 'PDSB'])}", "",
             *[f"- {fr_weekday_date(d)} {d.year}, {w.r.randint(8, 13)} h, local {w.room()} ({w.r.randint(8, 16)} places)" for d in dates], "",
             "Inscription par courriel avant le vendredi. Le temps de formation est rémunéré (code de paie 312).", "", w.signature(frm))
    return "training-schedule", "dates-ages-nonclinical", send(w, frm, [to], "Calendrier de formation", text)


def n_newsletter(w):
    frm = (w.t("Bulletin clinique", "Clinical Bulletin") + f" – {w.hosp['name']}", f"communications@{w.hosp['domain']}")
    to = (w.t("Tous les médecins", "All physicians"), f"medecins@{w.hosp['domain']}")
    n = w.r.randint(12, 60)
    if w.fr:
        text = J(f"BULLETIN CLINIQUE – {MONTHS_FR[w.day.month - 1].upper()} {w.day.year}", "",
                 "1. Nouveau protocole de traitement de la pneumonie communautaire",
                 f"Le comité de pharmacologie a approuvé un protocole d'antibiothérapie empirique. Depuis son implantation pilote, {n} patients ont été traités "
                 f"avec une durée moyenne de séjour réduite de {w.r.randint(1, 3)},{w.r.randint(0, 9)} jours.", "",
                 "2. Ordonnances préimprimées",
                 "Les ordonnances préimprimées pour l'insuline sous-cutanée ont été révisées. Le diagnostic d'hypoglycémie doit être documenté au dossier.", "",
                 "3. Résultats du sondage sur le délai d'attente à l'urgence",
                 f"La durée moyenne de séjour sur civière est passée de {w.r.randint(14, 22)} h à {w.r.randint(10, 14)} h. "
                 f"Chez les patients âgés de 75 ans et plus, {w.r.randint(20, 45)} % sont admis.", "",
                 "Bonne lecture!", "La Direction des services professionnels")
        subj = f"Bulletin clinique – {MONTHS_FR[w.day.month - 1]} {w.day.year}"
    else:
        text = J(f"CLINICAL BULLETIN – {MONTHS_EN[w.day.month - 1].upper()} {w.day.year}", "",
                 "1. New community-acquired pneumonia pathway",
                 f"Since the pilot began, {n} patients have been treated with the new empiric antibiotic protocol; length of stay fell by {w.r.randint(1, 3)} days.", "",
                 "2. Pre-printed orders", "Insulin order sets have been revised. Hypoglycemia events must be documented in the chart.", "",
                 "3. ED wait times", f"Among patients aged 75 and over, {w.r.randint(20, 45)}% were admitted.", "", "Director of Professional Services")
        subj = f"Clinical Bulletin – {MONTHS_EN[w.day.month - 1]} {w.day.year}"
    return "clinical-newsletter", "clinical-no-patient", send(w, frm, [to], subj, text, kind=w.c(["alt", "alt-outlook", "html", None]))


def n_cme(w):
    frm = (w.t("Formation médicale continue", "CME Office"), f"fmc@{w.hosp['domain']}")
    to = (w.t("Médecins et résidents", "Physicians and residents"), f"medecins@{w.hosp['domain']}")
    d = w.later(7, 60)
    topic = w.c([("Prise en charge de l'insuffisance cardiaque à fraction d'éjection réduite", "Managing HFrEF in 2025"),
                 ("Le delirium chez la personne âgée hospitalisée", "Delirium in hospitalized older adults"),
                 ("Antibiogouvernance : quand cesser les antibiotiques?", "Antimicrobial stewardship: when to stop"),
                 ("Douleur chronique et opioïdes : nouvelles lignes directrices", "Chronic pain and opioids: new guidance")])
    text = J(w.t("Conférence scientifique", "Grand Rounds"), "", w.t(topic[0], topic[1]), "",
             w.t(f"Conférencière : {w.staff('md').dr('fr')}, {w.c(['CHU Boréal', 'Université Laval', 'Université de Sherbrooke', 'McGill'])}",
                 f"Speaker: {w.staff('md').dr('en')}"),
             w.t(f"Date : {fr_weekday_date(d)} {d.year}, 12 h à 13 h, amphithéâtre {w.c('ABC')}-{w.r.randint(100, 400)}", f"Date: {en_weekday_date(d)}, {d.year}, noon, auditorium {w.c('ABC')}"),
             w.t("Objectifs : 1) Poser le diagnostic; 2) Optimiser le traitement pharmacologique; 3) Discuter de cas cliniques fictifs.",
                 "Objectives: diagnosis, treatment optimisation, discussion of illustrative cases."),
             w.t("Activité reconnue : 1 heure de section 1 (CMQ/FMSQ). Dîner offert aux 50 premiers inscrits.", "Accredited: 1 hour Section 1."))
    return "cme-announcement", "clinical-no-patient", send(w, frm, [to], w.t("FMC – ", "CME – ") + w.t(topic[0], topic[1])[:50], text, kind=w.c(["alt", "html", None]))


def n_guideline(w):
    md = w.staff("md")
    to = (w.t("Équipe médicale", "Medical team"), f"equipe-md@{w.hosp['domain']}")
    if w.fr:
        text = J(w.greet(), "", "Résumé des nouvelles recommandations sur l'hypertension (version abrégée pour l'équipe) :", "",
                 "- Cible de TA < 130/80 chez la plupart des patients à risque élevé.",
                 "- Chez les patients âgés de 65 ans et plus, éviter l'hypotension orthostatique; viser une réduction graduelle.",
                 "- Traitement initial : combinaison à dose fixe (IECA ou ARA + bloqueur calcique ou diurétique thiazidique).",
                 "- Dépistage de l'hyperaldostéronisme si hypokaliémie ou HTA résistante.",
                 "- Le diagnostic repose sur la MAPA ou la mesure à domicile.", "",
                 "Les ordonnances collectives seront mises à jour d'ici la fin du mois.", "", w.signature(md))
        subj = "Résumé – lignes directrices HTA"
    else:
        text = J(w.greet(), "", "Summary of the updated diabetes guideline:", "",
                 "- HbA1c target ≤ 7.0% for most adults; individualise in frail elderly patients.",
                 "- SGLT2 inhibitor or GLP-1 RA for patients with established cardiovascular disease.",
                 "- Screen for CKD annually (eGFR and urine ACR).", "", w.signature(md))
        subj = "Guideline summary – diabetes"
    return "guideline-summary", "clinical-no-patient", send(w, md, [to], subj, text)


def n_drug_shortage(w):
    ph = w.staff("pharm")
    to = (w.t("Prescripteurs", "Prescribers"), f"prescripteurs@{w.hosp['domain']}")
    drugs = w.r.sample([("Amoxicilline suspension 250 mg/5 mL", "amoxicillin suspension"), ("Salbutamol inhalateur 100 mcg", "salbutamol inhaler"),
                        ("Céfazoline 1 g fiole", "cefazolin 1 g vial"), ("Furosémide 10 mg/mL injectable", "furosemide injection"),
                        ("Méthylphénidate LP 36 mg", "methylphenidate ER 36 mg"), ("Insuline NPH cartouches", "NPH insulin cartridges")], 3)
    lines = [f"- {d[0] if w.fr else d[1]} (DIN {w.r.randint(10 ** 7, 10 ** 8 - 1):08d}) – {w.t('retour prévu', 'expected back')} {fmt_date(w.later(7, 90), 'iso')}" for d in drugs]
    text = J(w.t("AVIS DE PÉNURIE", "SHORTAGE NOTICE"), "", w.t("Les médicaments suivants sont en pénurie chez le grossiste :", "The following drugs are in shortage:"), "", *lines, "",
             w.t("Alternatives thérapeutiques : voir l'outil de l'OPQ. Pour toute ordonnance en cours, le pharmacien communiquera avec le prescripteur.",
                 "Therapeutic alternatives are listed on the intranet. Pharmacy will contact prescribers about active orders."), "", w.signature(ph))
    return "drug-shortage", "clinical-no-patient", send(w, ph, [to], w.t("Avis de pénurie – médicaments", "Drug shortage notice"), text)


def n_research_seminar(w):
    frm = (w.t("Centre de recherche", "Research Centre"), f"recherche@{w.hosp['domain']}")
    to = (w.t("Communauté de recherche", "Research community"), f"chercheurs@{w.hosp['domain']}")
    d = w.later(5, 40)
    text = J(w.t("Séminaire du centre de recherche", "Research seminar"), "",
             w.t(f"« Facteurs prédictifs de réadmission chez 1 {w.r.randint(100, 999)} patients insuffisants cardiaques : une cohorte québécoise »",
                 f"\"Predictors of readmission in {w.r.randint(1000, 9999)} heart-failure patients: a Quebec cohort\""),
             w.t(f"Présenté par {w.staff('md').dr('fr')}, Ph. D.", f"Presented by {w.staff('md').dr('en')}, PhD"),
             w.t(f"{fr_weekday_date(d)}, 11 h 30, salle {w.room()}", f"{en_weekday_date(d)}, 11:30, room {w.room()}"), "",
             w.t(f"Résumé : l'âge moyen était de {w.r.randint(68, 79)} ans, {w.r.randint(40, 55)} % de femmes; le taux de réadmission à 30 jours était de {w.r.randint(15, 25)} %.",
                 f"Abstract: mean age {w.r.randint(68, 79)} years; 30-day readmission {w.r.randint(15, 25)}%."),
             w.t("Projet approuvé par le CER (MP-" + f"{w.r.randint(10, 99)}-{w.day.year}-{w.r.randint(1000, 9999)}).", "REB-approved."))
    return "research-seminar", "clinical-no-patient", send(w, frm, [to], w.t("Séminaire de recherche", "Research seminar"), text)


def n_journal_club(w):
    res = w.staff("resident")
    to = (w.t("Résidents", "Residents"), f"residents@{w.hosp['domain']}")
    age = w.r.randint(30, 85)
    if w.fr:
        text = J(w.greet(), "", f"Pour le club de lecture de {fr_weekday_date(w.later(2, 10))}, nous discuterons de l'article suivant :",
                 f"« {w.c(['Apixaban versus warfarine', 'Corticothérapie précoce', 'Dépistage du cancer du poumon par TDM faible dose'])} : essai randomisé multicentrique » (N Engl J Med, {w.r.randint(2019, 2024)}).", "",
                 f"Cas d'introduction (publié) : un homme de {age} ans se présente avec {w.c(SYMPTOMS)[0]}. Quel serait votre diagnostic différentiel?",
                 f"L'étude a inclus {w.r.randint(300, 9000)} patients; le critère principal était la mortalité à 90 jours.", "",
                 "Pizza offerte. Apportez vos questions!", res.given)
        subj = "Club de lecture"
    else:
        text = J(w.greet(), "", "For journal club next week we will review a randomized trial published in JAMA.",
                 f"Teaching case (from the paper): a {age}-year-old woman presents with {w.c(SYMPTOMS)[1]}. What is your differential?",
                 f"The trial enrolled {w.r.randint(300, 9000)} patients.", "", "Pizza provided.", res.given)
        subj = "Journal club"
    return "journal-club", "clinical-no-patient", send(w, res, [to], subj, text)


def n_public_health(w):
    frm = (w.t("Direction de santé publique", "Public Health Directorate"), f"santepublique@{w.hosp['domain']}")
    to = (w.t("Partenaires du réseau", "Network partners"), f"partenaires@{w.hosp['domain']}")
    text = J(w.t("Campagne de vaccination contre la grippe et la COVID-19", "Influenza and COVID-19 vaccination campaign"), "",
             w.t(f"La campagne débute le {fmt_date(w.later(5, 30), 'fr_long')}. Sont visées en priorité : les personnes âgées de 60 ans et plus, "
                 "les personnes atteintes de maladies chroniques, les femmes enceintes et les travailleurs de la santé.",
                 "Priority groups: people aged 60+, people with chronic conditions, pregnant people and health-care workers."),
             w.t("Prise de rendez-vous sur Clic Santé ou au 1 877 555-0123. Aucune ordonnance n'est requise.", "Book online or call 1-877-555-0123."),
             w.t(f"Dépistage : {w.r.randint(100, 900)} cas de syphilis déclarés dans la région l'an dernier; le dépistage est gratuit en CLSC.",
                 "Free STI screening is available at local CLSCs."), "", w.t("Merci de diffuser largement.", "Please share widely."))
    return "public-health-campaign", "clinical-no-patient", send(w, frm, [to], w.t("Campagne de vaccination", "Vaccination campaign"), text, kind=w.c(["alt", "html", None]))


def n_staff_vaccination(w):
    w.fr, w.lang = True, "fr"
    frm = (f"Santé et sécurité au travail", f"sst@{w.hosp['domain']}")
    to = (f"Tout le personnel", f"tous@{w.hosp['domain']}")
    days = sorted(w.later(3, 30) for _ in range(4))
    text = J("Clinique de vaccination antigrippale pour le personnel", "",
             *[f"- {fr_weekday_date(d)} : {w.c(['7 h à 11 h', '11 h à 15 h', '15 h à 19 h', '23 h à 1 h (quart de nuit)'])}, local {w.room()}" for d in days], "",
             "Apportez votre carte d'employé. Aucun rendez-vous requis. Les travailleurs qui ont des allergies graves doivent consulter l'infirmière du service de santé.",
             f"Taux de vaccination du personnel l'an dernier : {w.r.randint(38, 70)} %.", "", "Service de santé et sécurité au travail")
    rows = [["Date", "Heures", "Local"]] + [[fmt_date(d, "iso"), w.c(["7 h-11 h", "11 h-15 h", "15 h-19 h"]), w.room()] for d in days]
    return "staff-flu-clinic", "clinical-no-patient", send(w, frm, [to], "Vaccination antigrippale du personnel", text,
                                                           atts=[attachment(make_xlsx(rows, "Horaire"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "horaire_vaccination.xlsx", w.r)] if w.chance(0.4) else ())


def n_quality_stats(w):
    frm = w.staff("admin")
    to = [w.staff(w.c(["admin", "md", "nurse"])).addr() for _ in range(w.r.randint(2, 4))]
    n = w.r.randint(12, 80)
    text = J(w.greet(), "", w.t("Tableau de bord qualité – période " + str(w.r.randint(1, 13)), "Quality dashboard – period " + str(w.r.randint(1, 13))), "",
             w.t(f"- Chutes : {n} déclarations (AH-223), dont {w.r.randint(1, 5)} avec conséquences", f"- Falls: {n} reports, {w.r.randint(1, 5)} with harm"),
             w.t(f"- Erreurs de médication : {w.r.randint(5, 40)}", f"- Medication errors: {w.r.randint(5, 40)}"),
             w.t(f"- Plaies de pression stade 2+ : {w.r.randint(0, 9)} patients", f"- Pressure injuries stage 2+: {w.r.randint(0, 9)} patients"),
             w.t(f"- Taux d'hygiène des mains : {w.r.randint(60, 95)} %", f"- Hand hygiene compliance: {w.r.randint(60, 95)}%"),
             w.t(f"- DMS en médecine : {w.r.randint(6, 12)},{w.r.randint(0, 9)} jours; 32 patients en NSA", f"- Medicine LOS: {w.r.randint(6, 12)} days; 32 ALC patients"), "",
             w.t("Aucune donnée nominative n'est incluse dans ce rapport.", "No patient-identifying data is included."), "", w.signature(frm))
    return "quality-dashboard", "clinical-no-patient", send(w, frm, to, w.t("Tableau de bord qualité", "Quality dashboard"), text)


def n_lab_reference_change(w):
    lab = w.staff("lab")
    to = (w.t("Prescripteurs", "Prescribers"), f"prescripteurs@{w.hosp['domain']}")
    text = J(w.t("AVIS DU LABORATOIRE", "LABORATORY NOTICE"), "",
             w.t(f"À compter du {fmt_date(w.later(5, 30), 'fr_long')}, le dosage de la troponine hs sera effectué sur le nouvel analyseur (lot de réactif {w.r.randint(10 ** 5, 10 ** 6)}).",
                 f"Starting {fmt_date(w.later(5, 30), 'en_long')}, hs-troponin will run on the new analyzer."),
             w.t("Nouvelles valeurs de référence : troponine hs < 14 ng/L; créatinine 50-110 µmol/L; K+ 3,5-5,0 mmol/L.",
                 "New reference ranges: hs-troponin < 14 ng/L; creatinine 50-110 umol/L."),
             w.t("Les résultats antérieurs ne sont pas directement comparables. Les résultats critiques continueront d'être communiqués par téléphone.",
                 "Previous results are not directly comparable."), "", w.signature(lab))
    return "lab-method-change", "clinical-no-patient", send(w, lab, [to], w.t("Changement de méthode – troponine", "Method change – troponin"), text)


def n_formulary(w):
    ph = w.staff("pharm")
    to = (w.t("Comité de pharmacologie", "P&T committee"), f"cp@{w.hosp['domain']}")
    text = J(w.greet(), "", w.t("Décisions du comité de pharmacologie :", "P&T committee decisions:"), "",
             w.t("- Ajout au formulaire : empagliflozine 10 mg (ordonnance restreinte à la cardiologie et à la médecine interne).", "- Added: empagliflozin 10 mg (restricted)."),
             w.t("- Retrait : ranitidine (toutes formes).", "- Removed: ranitidine."),
             w.t("- Substitution automatique : pantoprazole 40 mg remplace l'ésoméprazole 40 mg sauf mention « ne pas substituer » sur l'ordonnance.",
                 "- Auto-substitution: pantoprazole replaces esomeprazole unless 'no substitution' is written."),
             w.t("- Nouvelle ordonnance collective : ajustement de la warfarine selon le RNI par l'infirmière.", "- New nurse-initiated warfarin protocol."), "",
             w.signature(ph))
    return "formulary-update", "clinical-no-patient", send(w, ph, [to], w.t("Mise à jour du formulaire", "Formulary update"), text)


def n_ethics(w):
    frm = (w.t("Comité d'éthique de la recherche", "Research Ethics Board"), f"cer@{w.hosp['domain']}")
    md = w.staff("md")
    proj = f"MP-{w.r.randint(10, 99)}-{w.day.year}-{w.r.randint(1000, 9999)}"
    text = J(w.t(f"Bonjour {md.dr('fr')},", f"Dear {md.dr('en')},"), "",
             w.t(f"Le CER a approuvé le projet {proj} « Étude observationnelle sur la prise en charge du delirium postopératoire » pour une période d'un an.",
                 f"The REB has approved project {proj} for one year."),
             w.t(f"Recrutement autorisé : {w.r.randint(40, 400)} participants âgés de 65 ans et plus. Version du formulaire de consentement : v{w.r.randint(2, 5)}, {fmt_date(w.earlier(10, 60), 'iso')}.",
                 f"Authorised enrolment: {w.r.randint(40, 400)} participants."),
             w.t("Rappel : aucune donnée nominative ne doit être transmise par courriel.", "Reminder: no identifiable data by e-mail."), "",
             w.t("Le secrétariat du CER", "REB office"))
    return "ethics-approval", "clinical-no-patient", send(w, frm, [md.addr()], w.t(f"Approbation – {proj}", f"Approval – {proj}"), text)


def n_satisfaction(w):
    frm = w.staff("admin")
    to = [w.staff("admin").addr(), w.staff("nurse").addr()]
    text = J(w.greet(), "", w.t("Résultats du sondage de satisfaction des usagers (hospitalisation) :", "Inpatient satisfaction survey results:"), "",
             w.t(f"- {w.r.randint(300, 1200)} répondants; taux de réponse {w.r.randint(15, 40)} %", f"- {w.r.randint(300, 1200)} respondents"),
             w.t(f"- {w.r.randint(80, 95)} % recommanderaient l'hôpital", f"- {w.r.randint(80, 95)}% would recommend"),
             w.t("- Points à améliorer : bruit la nuit, information au congé, repas", "- Areas to improve: night noise, discharge information, meals"), "",
             w.signature(frm))
    return "satisfaction-survey", "clinical-no-patient", send(w, frm, to, w.t("Sondage de satisfaction", "Satisfaction survey"), text)


def n_infection_control(w):
    frm = w.staff("nurse")
    to = (w.t("Gestionnaires", "Managers"), f"gestionnaires@{w.hosp['domain']}")
    unit = w.c(["4N", "5S", "6O", "3B", "7E"])
    text = J(w.t("Prévention et contrôle des infections – mise à jour", "IPAC update"), "",
             w.t(f"Éclosion de {w.c(['SARM', 'C. difficile', 'norovirus', 'influenza A', 'COVID-19'])} sur l'unité {unit} : {w.r.randint(2, 9)} cas confirmés depuis le {fmt_date(w.earlier(2, 10), 'fr_long')}.",
                 f"Outbreak on unit {unit}: {w.r.randint(2, 9)} confirmed cases."),
             w.t("Mesures : précautions contact renforcées, visites limitées, cohorte du personnel. Aucun transfert vers l'unité sans l'accord de la PCI.",
                 "Measures: enhanced contact precautions, restricted visiting."),
             w.t(f"Fin d'éclosion prévue si aucun nouveau cas d'ici le {fmt_date(w.later(5, 15), 'fr_long')}.", "Outbreak may be declared over in 10 days."), "", w.signature(frm))
    return "outbreak-notice", "clinical-no-patient", send(w, frm, [to], w.t(f"Éclosion – unité {unit}", f"Outbreak – unit {unit}"), text, priority=w.chance(0.4))


def n_device_recall(w):
    frm = w.staff("biomed")
    to = (w.t("Chefs d'unité", "Unit managers"), f"chefs-unite@{w.hosp['domain']}")
    lots = [possible_code(w, prefix=w.c(["LOTX", "INFU", "PUMP"]), force_valid=w.chance(0.3)) for _ in range(w.r.randint(2, 4))]
    text = J(w.t("AVIS DE RAPPEL – Santé Canada (classe II)", "RECALL NOTICE – Health Canada (Class II)"), "",
             w.t(f"Produit : tubulures de perfusion {w.c(['Alaris', 'Plum', 'Sigma'])}, modèle {w.r.randint(1000, 9999)}-{w.r.randint(10, 99)}", f"Product: infusion sets, model {w.r.randint(1000, 9999)}"),
             w.t("Lots visés :", "Affected lots:"), *[f"  {l}" for l in lots],
             w.t("Risque : débit inexact pouvant entraîner une sous-perfusion chez le patient. Aucun incident rapporté au Québec.",
                 "Risk: inaccurate flow could lead to under-infusion. No incidents reported."),
             w.t("Retirez les produits des unités et retournez-les au magasin central.", "Remove and return to central stores."), "", w.signature(frm))
    return "device-recall", "product-code-commerce", send(w, frm, [to], w.t("Rappel de produit", "Product recall"), text)


def n_it_password(w):
    frm = (w.t("Centre de services TI", "IT Service Desk"), f"servicedesk@{w.hosp['domain']}")
    st = w.staff(w.c(["md", "nurse", "admin", "secretary"]))
    text = J(w.t(f"Bonjour {st.full},", f"Hello {st.full},"), "",
             w.t(f"Votre mot de passe expirera dans {w.r.randint(1, 14)} jours. Pour le modifier, appuyez sur Ctrl+Alt+Suppr sur un poste du réseau ou utilisez le portail libre-service.",
                 f"Your password will expire in {w.r.randint(1, 14)} days."),
             w.t("Rappel : le centre de services ne vous demandera jamais votre mot de passe par courriel. Signalez tout courriel suspect avec le bouton « Signaler ».",
                 "We will never ask for your password by e-mail."),
             w.t(f"Billet : REQ{w.r.randint(10 ** 6, 10 ** 7 - 1)} – Téléphone : {w.phone(ext=True)}", f"Ticket REQ{w.r.randint(10 ** 6, 10 ** 7 - 1)}"))
    return "password-expiry", "hospital-admin", send(w, frm, [st], w.t("Votre mot de passe expire bientôt", "Your password expires soon"), text)


def n_it_outage(w):
    frm = (w.t("Centre de services TI", "IT Service Desk"), f"servicedesk@{w.hosp['domain']}")
    to = (w.t("Tous les utilisateurs", "All users"), f"tous@{w.hosp['domain']}")
    d = w.later(1, 14)
    sysname = w.c(["le DMÉ (dossier médical électronique)", "le système de laboratoire", "le PACS (imagerie)", "le système de rendez-vous", "le portail des résultats"])
    text = J(w.t("INTERRUPTION DE SERVICE PLANIFIÉE", "PLANNED OUTAGE"), "",
             w.t(f"Le {fr_weekday_date(d)} de 1 h à 4 h, {sysname} sera indisponible pour une mise à jour.", f"On {en_weekday_date(d)}, 1-4 am, {sysname} will be unavailable."),
             w.t("Procédures dégradées : utilisez les requêtes papier pour les demandes d'examens et les ordonnances; les résultats de laboratoire critiques seront communiqués par téléphone.",
                 "Downtime procedures: use paper requisitions and prescriptions."),
             w.t(f"Référence du changement : CHG{w.r.randint(10 ** 6, 10 ** 7 - 1)}", f"Change ref CHG{w.r.randint(10 ** 6, 10 ** 7 - 1)}"))
    return "planned-outage", "hospital-admin", send(w, frm, [to], w.t("Interruption planifiée", "Planned outage"), text, priority=w.chance(0.3))


def n_cafeteria(w):
    w.fr, w.lang = True, "fr"
    frm = (f"Service alimentaire", f"alimentation@{w.hosp['domain']}")
    to = (f"Tout le personnel", f"tous@{w.hosp['domain']}")
    days = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"]
    plats = ["Pâté chinois", "Saumon grillé, riz basmati", "Poulet au beurre", "Lasagne végétarienne", "Tourtière du Lac", "Pâtes carbonara",
             "Soupe aux pois", "Pizza du chef", "Chili sin carne", "Fish and chips", "Pouding chômeur", "Salade César", "Crème de brocoli"]
    rows = [["Jour", "Soupe", "Plat principal", "Dessert", "Prix"]] + [[d, w.c(plats), w.c(plats), w.c(["Tarte au sucre", "Galette à l'avoine", "Pouding chômeur", "Fruits frais"]), money(w, 6, 12)] for d in days]
    t = text_table(rows, "plain")
    text = J("Bonjour,", "", f"Menu de la cafétéria – semaine du {fmt_date(w.later(1, 7), 'fr_long')}", "", t, "",
             "Le menu des patients (diètes thérapeutiques) est géré séparément par le service de nutrition clinique.", "Bon appétit!")
    return "cafeteria-menu", "hospital-admin", send(w, frm, [to], "Menu de la cafétéria", text, tables={t.strip(): html_table(rows, entity_style=w.c(["named", "raw"]))},
                                                     kind=w.c(["alt", "alt-outlook", "html"]))


def n_union(w):
    w.fr, w.lang = True, "fr"
    frm = (w.c(["Syndicat des professionnelles en soins (FIQ)", "Syndicat du personnel paratechnique (CSN)", "APTS – équipe locale"]), f"syndicat@{w.c(['fiq-local', 'csn-local', 'apts-local'])}.example")
    to = (f"Membres", f"membres@{w.c(['fiq-local', 'csn-local'])}.example")
    text = J("Chers membres,", "",
             f"L'assemblée générale aura lieu le {fr_weekday_date(w.later(5, 30))} à 17 h, salle {w.room()}.",
             "Ordre du jour : ratios infirmière-patients, primes de soir et de nuit, temps supplémentaire obligatoire, renouvellement de la convention.",
             f"Rappel : les griefs doivent être déposés dans les 30 jours. Numéro de grief de référence : {w.day.year}-{w.r.randint(100, 999)}.",
             f"Pour nous joindre : {w.phone(area='514', ext=True)}", "", "Solidairement,", "Votre équipe syndicale")
    return "union-notice", "hospital-admin", send(w, frm, [to], "Assemblée générale – convocation", text)


def n_room_booking(w):
    frm = w.staff(w.c(["admin", "secretary"]))
    to = w.staff(w.c(["admin", "md", "nurse"]))
    d = w.later(1, 30)
    text = J(w.greet(to.given), "",
             w.t(f"Votre réservation de la salle {w.room()} (pavillon {w.c('ABCDE')}, {w.r.randint(8, 40)} places) est confirmée pour le {fr_weekday_date(d)} de {w.r.randint(8, 15)} h à {w.r.randint(16, 18)} h.",
                 f"Room {w.room()} is booked for {en_weekday_date(d)}."),
             w.t(f"Numéro de réservation : {w.r.randint(10000, 99999)}. Projecteur et système de visioconférence disponibles; soutien technique au poste {w.r.randint(2000, 79999)}.",
                 f"Booking #{w.r.randint(10000, 99999)}; AV support ext. {w.r.randint(2000, 79999)}."),
             w.t(f"Clé disponible à la sécurité (local {w.room()}).", "Key at security."), "", w.signature(frm))
    return "room-booking", "hospital-admin", send(w, frm, [to], w.t("Réservation de salle", "Room booking"), text)


def n_code_drill(w):
    frm = w.staff("admin")
    to = (w.t("Tout le personnel", "All staff"), f"tous@{w.hosp['domain']}")
    code = w.c([("orange", "sinistre externe"), ("rouge", "incendie"), ("blanc", "personne violente"), ("vert", "évacuation")])
    text = J(w.t(f"Exercice – Code {code[0]}", f"Drill – Code {code[0]}"), "",
             w.t(f"Un exercice de code {code[0]} ({code[1]}) aura lieu le {fr_weekday_date(w.later(3, 30))} entre 9 h et 11 h.",
                 f"A code {code[0]} drill will take place next week."),
             w.t(f"Scénario fictif : arrivée massive de {w.r.randint(15, 60)} blessés à l'urgence à la suite d'un accident d'autobus. Des figurants joueront le rôle des victimes.",
                 f"Fictitious scenario: {w.r.randint(15, 60)} simulated casualties arriving at the ED."),
             w.t("Les soins aux patients réels ne doivent pas être interrompus.", "Real patient care must not be interrupted."), "", w.signature(frm))
    return "emergency-drill", "hospital-admin", send(w, frm, [to], w.t(f"Exercice code {code[0]}", f"Code {code[0]} drill"), text)


def n_wifi(w):
    frm = (w.t("Centre de services TI", "IT Service Desk"), f"servicedesk@{w.hosp['domain']}")
    st = w.staff(w.c(["admin", "md", "secretary"]))
    text = J(w.greet(st.given), "", w.t(f"Voici l'accès Wi-Fi invité pour votre événement du {fmt_date(w.later(1, 10), 'fr_long')} :", "Guest Wi-Fi access for your event:"),
             f"SSID : {w.hosp['short']}-Invites", w.t(f"Code d'accès : {w.r.randint(10 ** 7, 10 ** 8 - 1)}", f"Access code: {w.r.randint(10 ** 7, 10 ** 8 - 1)}"),
             w.t("Valide 24 h. Le réseau invité n'a pas accès aux systèmes cliniques.", "Valid 24 h; no access to clinical systems."))
    return "guest-wifi", "hospital-admin", send(w, frm, [st], w.t("Accès Wi-Fi invité", "Guest Wi-Fi"), text)


def n_helpdesk_ticket(w):
    frm = (w.t("Centre de services TI", "IT Service Desk"), f"noreply-servicedesk@{w.hosp['domain']}")
    st = w.staff(w.c(["md", "nurse", "admin", "secretary"]))
    tk = f"INC{w.r.randint(10 ** 6, 10 ** 7 - 1)}"
    text = J(w.t(f"Billet {tk} – {w.c(['Imprimante du poste infirmier hors service', 'Lecteur de cartes à puce défectueux', 'Accès au dossier partagé', 'Écran noir au poste 3'])}",
                 f"Ticket {tk}"), "",
             w.t(f"État : {w.c(['Résolu', 'En cours', 'En attente du fournisseur'])}", "Status: resolved"),
             w.t(f"Équipement : {w.c(['HP LaserJet M607', 'Lenovo M70q', 'Zebra ZD421'])}, no de série {possible_code(w, prefix=w.c(['CNBJ', 'PCMX', 'ZBRA']), force_valid=False)}",
                 "Device serial on file."),
             w.t(f"Local : {w.room()}, poste {w.r.randint(2000, 79999)}", f"Room {w.room()}"), "",
             w.t("Répondez à ce courriel pour rouvrir le billet.", "Reply to reopen."))
    return "helpdesk-ticket", "hospital-admin", send(w, frm, [st], w.t(f"[{tk}] Mise à jour de votre billet", f"[{tk}] Ticket update"), text)


def n_sick_leave_policy(w):
    w.fr, w.lang = True, "fr"
    hr = w.staff("hr")
    to = (f"Gestionnaires", f"gestionnaires@{w.hosp['domain']}")
    text = J("Bonjour,", "", "Rappel de la procédure en cas d'absence pour maladie :", "",
             "1. L'employé avise son supérieur avant le début du quart.",
             "2. Au-delà de 3 jours, un certificat médical est exigé; il est transmis directement au bureau de santé, jamais au gestionnaire.",
             "3. Le diagnostic est confidentiel et ne doit pas figurer dans le formulaire de paie.",
             "4. Les absences de plus de 2 semaines sont gérées par l'équipe invalidité (poste " + str(w.r.randint(2000, 79999)) + ").", "",
             "Le formulaire RH-" + str(w.r.randint(100, 999)) + " est disponible sur l'intranet.", "", w.signature(hr))
    return "sick-leave-procedure", "hospital-admin", send(w, hr, [to], "Procédure – absences maladie", text)


def n_fhir_organization(w):
    it = w.staff("it")
    to = w.staff("it", hosp=w.c(HOSPITALS))
    kind = w.c(["Organization", "Practitioner", "Location", "Bundle"])
    md = w.staff("md")
    if kind == "Organization":
        res = {"resourceType": "Organization", "id": str(w.r.randint(100, 9999)), "active": True,
               "identifier": [{"system": "https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-organization", "value": f"{w.r.randint(10 ** 7, 10 ** 8 - 1)}"}],
               "name": w.hosp["name"], "telecom": [{"system": "phone", "value": w.phone()}],
               "address": [{"line": [f"{w.r.randint(10, 9999)}, {w.c(STREETS)}"], "city": w.hosp["city"], "state": "QC", "postalCode": w.postal()}]}
    elif kind == "Practitioner":
        res = {"resourceType": "Practitioner", "id": str(w.r.randint(100, 9999)),
               "identifier": [{"system": "https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-license-physician", "value": f"{w.r.randint(10000, 99999)}"}],
               "name": [{"family": md.surname, "given": [md.given], "prefix": ["Dr"]}],
               "telecom": [{"system": "email", "value": md.email}],
               "qualification": [{"code": {"text": md.role_en}}]}
    elif kind == "Location":
        res = {"resourceType": "Location", "id": str(w.r.randint(100, 9999)), "name": f"Unité {w.c(['4N', '5S', '3B'])}",
               "physicalType": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "wa"}]},
               "managingOrganization": {"reference": f"Organization/{w.r.randint(100, 9999)}"}}
    else:
        res = {"resourceType": "Bundle", "type": "searchset", "total": 2, "entry": [
            {"resource": {"resourceType": "Practitioner", "id": str(w.r.randint(100, 999)), "name": [{"family": md.surname, "given": [md.given]}]}},
            {"resource": {"resourceType": "Organization", "id": str(w.r.randint(100, 999)), "name": w.hosp["name"]}}]}
    data = json.dumps(res, ensure_ascii=False, indent=2).encode("utf-8")
    fname, ctype = w.c([(f"{kind.lower()}.json", "application/fhir+json"), ("annuaire.json", "application/json"), ("export.dat", "application/octet-stream")])
    body = J(w.greet(), "", w.t(f"Voici la ressource {kind} pour l'annuaire provincial (aucune donnée patient).", f"Here is the {kind} resource for the directory."), "", w.signature(it, full=False))
    return "fhir-directory-resource", "structured-non-patient", send(w, it, [to], w.t(f"Ressource {kind}", f"{kind} resource"), body, atts=[attachment(data, ctype, fname, w.r)])


def n_hl7_mfn(w):
    it = w.staff("it")
    to = w.staff("it")
    ts = w.date.strftime("%Y%m%d%H%M%S")
    segs = [f"MSH|^~\\&|RHSYS|{w.hosp['short']}|DME|{w.hosp['short']}|{ts}||MFN^M02^MFN_M02|{w.r.randint(10 ** 8, 10 ** 9 - 1)}|P|2.5.1", f"MFI|PRA^Practitioner master file|||{ts}|AL"]
    for _ in range(w.r.randint(1, 4)):
        md = w.staff("md")
        lic = w.r.randint(10000, 99999)
        segs += [f"MFE|MAD|||{lic}^{md.surname.upper()}^{md.given.upper()}|CWE",
                 f"STF|{lic}|{lic}^^^CMQ|{md.surname.upper()}^{md.given.upper()}^^^Dr|P|{md.sex}||A|{w.c(['CARDIO', 'MEDINT', 'URG', 'GERIA'])}|^WPN^PH^^1^{w.hosp['area']}^55501{w.r.randint(0, 99):02d}",
                 f"PRA|{lic}|^{w.c(['Cardiologie', 'Médecine interne', 'Urgence'])}|ST|I|{w.r.randint(100000, 999999)}^^^CMQ"]
    data = ("\r".join(segs) + "\r").encode("latin-1", errors="replace")
    fname, ctype = w.c([("mfn_m02.hl7", "application/hl7-v2"), ("medecins.txt", "text/plain"), ("sync.dat", "application/octet-stream")])
    body = J(w.greet(), "", w.t("Message MFN de synchronisation des médecins (fichier maître, aucun usager) ci-joint.", "Attached: practitioner master-file sync message (no patient data)."), "",
             w.signature(it, full=False))
    return "hl7-mfn-staff", "structured-non-patient", send(w, it, [to], "MFN M02", body, atts=[attachment(data, ctype, fname, w.r)])


def n_csv_inventory(w):
    buyer = w.staff("buyer")
    to = w.staff("admin")
    rows = [["Code produit", "Description", "Quantité", "Emplacement", "Lot", "Date péremption"]]
    for _ in range(w.r.randint(8, 30)):
        code = impossible_code(w) if w.chance(0.6) else possible_code(w)
        rows.append([code, w.c(PRODUCTS_FR), w.r.randint(0, 500), f"M{w.r.randint(1, 9)}-{w.c('ABCDEFG')}{w.r.randint(1, 20)}",
                     f"{w.r.randint(10 ** 5, 10 ** 6 - 1)}", fmt_date(w.later(30, 900), "iso")])
    buf = io.StringIO()
    csv.writer(buf, delimiter=w.c([";", ","]), lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(w.c(["utf-8", "cp1252"]))
    fname, ctype = w.c([("inventaire.csv", "text/csv"), ("stock.txt", "text/plain"), ("export.dat", "application/octet-stream")])
    body = J(w.greet(), "", "Inventaire du magasin central en pièce jointe (décompte mensuel).", "", w.signature(buyer))
    w.fr, w.lang = True, "fr"
    return "csv-inventory", "office-attachment-non-patient", send(w, buyer, [to], "Inventaire mensuel", body, atts=[attachment(data, ctype, fname, w.r)])


def n_docx_minutes(w):
    w.fr, w.lang = True, "fr"
    sec = w.staff(w.c(["admin", "secretary"]))
    to = [w.staff(w.c(["admin", "md", "nurse"])).addr() for _ in range(w.r.randint(2, 5))]
    d = w.earlier(1, 10)
    members = [w.staff(w.c(["admin", "md", "nurse"])).full for _ in range(w.r.randint(4, 8))]
    paras = [f"Procès-verbal – {w.c(['Comité de gestion', 'Comité des soins infirmiers', 'Comité de la qualité', 'Comité de pharmacologie'])}", "",
             ("Date :", fmt_date(d, "fr_long")), ("Présents :", ", ".join(members)), "",
             "1. Adoption de l'ordre du jour – adopté à l'unanimité.",
             f"2. Suivi budgétaire : écart de {w.r.randint(1, 9)} % au centre d'activités {w.r.randint(6000, 7999)}.",
             f"3. Taux d'occupation : {w.r.randint(92, 118)} %; {w.r.randint(10, 40)} usagers en niveau de soins alternatif.",
             "4. Révision des ordonnances collectives (aucune donnée nominative discutée).",
             f"5. Prochaine rencontre : {fmt_date(w.later(20, 40), 'fr_long')}."]
    data = make_docx(paras, w.r)
    fname = w.c(["PV_comite.docx", "Procès-verbal.docx", "minutes.docx"])
    body = J(w.greet(), "", "Ci-joint le procès-verbal de la dernière rencontre pour approbation.", "", w.signature(sec))
    return "docx-minutes", "office-attachment-non-patient", send(w, sec, to, "Procès-verbal", body,
                                                                 atts=[attachment(data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fname, w.r)])


def n_pdf_newsletter(w):
    frm = (w.t("Communications", "Communications"), f"communications@{w.hosp['domain']}")
    to = (w.t("Tout le personnel", "All staff"), f"tous@{w.hosp['domain']}")
    lines = [w.t("Le Journal interne", "Staff newsletter") + f" – {MONTHS_FR[w.day.month - 1]} {w.day.year}", "",
             w.t("Bienvenue aux nouvelles recrues!", "Welcome to our new staff!"),
             w.t(f"La nouvelle salle d'hémodynamie a accueilli ses {w.r.randint(50, 300)} premiers patients.", f"The new cath lab treated its first {w.r.randint(50, 300)} patients."),
             w.t("Prix reconnaissance : l'équipe de l'unité 5S pour son projet de prévention des chutes.", "Recognition award: unit 5S falls-prevention team."),
             w.t(f"Campagne Centraide : objectif {w.r.randint(20, 90)} 000 $.", "United Way campaign under way."),
             w.t(f"Rappel : stationnement P{w.r.randint(1, 4)} fermé du {fmt_date(w.later(3, 10), 'dmy/')} au {fmt_date(w.later(11, 20), 'dmy/')}.", "Parking lot closure next week.")]
    compress = w.chance(0.5)
    data = make_pdf(lines, compress=compress, title=w.t("Le Journal interne", "Newsletter"))
    if not compress:
        w.pdf_needles.append("Journal interne" if w.fr else "Newsletter")
    body = J(w.greet(), "", w.t("Le journal interne de ce mois est en pièce jointe.", "This month's newsletter is attached."))
    return "pdf-newsletter", "office-attachment-non-patient", send(w, frm, [to], w.t("Journal interne", "Staff newsletter"), body,
                                                                   atts=[attachment(data, "application/pdf", w.c(["journal.pdf", "bulletin.pdf", "newsletter.pdf"]), w.r)])


def n_zip_logos(w):
    frm = w.staff("admin")
    to = (w.c(["Imprimerie Rive-Nord", "Agence Pixel"]), f"{w.c(['prod', 'studio'])}@{w.c(['imprimerie-rn', 'agencepixel'])}.example")
    files = [(f"logos/{n}.png", make_png(w.r, w.r.randint(2, 8), w.r.randint(2, 8))) for n in w.r.sample(["logo_couleur", "logo_noir", "logo_blanc", "icone", "bandeau", "signature"], 3)]
    files.append(("logos/normes_graphiques.txt", "Couleur principale : Pantone 301 C\r\nMarge minimale : 10 mm\r\n".encode("utf-8")))
    data = zip_bytes(files)
    body = J(w.greet(), "", w.t(f"Voici les logos pour l'impression des dépliants (commande no {w.r.randint(1000, 9999)}).", "Logos for the brochure print job attached."), "", w.signature(frm))
    return "zip-logos", "office-attachment-non-patient", send(w, frm, [to], w.t("Logos – impression", "Logos for print"), body,
                                                             atts=[attachment(data, "application/zip", w.c(["logos.zip", "fichiers.zip"]), w.r)])


def n_xlsx_budget(w):
    frm = w.staff("admin")
    to = w.staff("admin")
    rows = [["Centre", "Description", "Budget", "Dépenses", "Solde"]]
    for _ in range(w.r.randint(5, 15)):
        b = w.r.randint(10000, 500000)
        d = w.r.randint(5000, b)
        rows.append([w.r.randint(6000, 7999), w.c(["Fournitures médicales", "Médicaments", "Entretien", "Formation", "Temps supplémentaire", "Équipement"]), b, d, b - d])
    data = make_xlsx(rows, "Budget")
    body = J(w.greet(), "", w.t("Voici le fichier budgétaire à jour.", "Updated budget file attached."), "", w.signature(frm))
    return "xlsx-budget", "office-attachment-non-patient", send(w, frm, [to], w.t("Budget", "Budget"), body,
                                                               atts=[attachment(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx", w.r)])


def n_blank_form(w):
    frm = w.staff(w.c(["admin", "secretary", "archives"]))
    to = (w.t("Secrétaires médicales", "Medical secretaries"), f"secretaires@{w.hosp['domain']}")
    if w.fr:
        form = J("DEMANDE DE CONSULTATION – GABARIT", "", "Nom de l'usager : ______________________", "Date de naissance : AAAA-MM-JJ",
                 w.c(["NAM : XXXX 0000 0000", "NAM : __ __ __ __ / __ __ __ __ / __ __ __ __", "No d'assurance maladie : [4 lettres + 8 chiffres]", "NAM : ABCD 1234 5678"]),
                 "No de dossier : ________", "Raison de la consultation : ______________________", "Priorité : A  B  C  D  E", "Médecin référent : ______________ Licence : _____")
        text = J(w.greet(), "", "Voici le nouveau gabarit de demande de consultation à utiliser à partir de lundi. Remplacez les champs en gris.", "",
                 form, "", "Ne jamais envoyer le formulaire rempli par courriel non chiffré.", "", w.signature(frm))
        subj = "Nouveau gabarit – demande de consultation"
    else:
        form = J("REFERRAL FORM – TEMPLATE", "", "Patient name: ______________", "Date of birth: YYYY-MM-DD", "Health card: XXXX 0000 0000",
                 "SIN: NOT REQUIRED – do not collect", "Reason for referral: ______________")
        text = J(w.greet(), "", "Please use the attached template from now on.", "", form, "", w.signature(frm))
        subj = "New referral template"
    return "blank-form-template", "templates-and-samples", send(w, frm, [to], subj, text)


def n_privacy_training(w):
    frm = w.staff("it")
    to = (w.t("Tout le personnel", "All staff"), f"tous@{w.hosp['domain']}")
    text = J(w.t("Capsule sécurité de l'information", "Information security tip"), "",
             w.t("Savez-vous reconnaître un renseignement confidentiel? Le numéro d'assurance maladie (NAM) comporte 4 lettres suivies de 8 chiffres "
                 "(ex. fictif : ABCD 1234 5678). Le numéro d'assurance sociale compte 9 chiffres (ex. fictif : 000 000 000).",
                 "Do you know what counts as confidential? A Quebec health number has 4 letters and 8 digits (fictitious example: ABCD 1234 5678)."),
             w.t("Avant d'envoyer un courriel à l'externe, vérifiez le destinataire et utilisez le chiffrement au besoin (directive MSSS-DIR04).",
                 "Check recipients and use encryption when required (MSSS directive DIR04)."),
             w.t("Pour signaler un incident : poste " + str(w.r.randint(2000, 79999)) + ".", "Report incidents to the service desk."))
    return "privacy-awareness", "templates-and-samples", send(w, frm, [to], w.t("Capsule sécurité – renseignements confidentiels", "Security tip"), text)


def n_test_identifier_doc(w):
    it = w.staff("it")
    to = w.staff("it", hosp=w.c(HOSPITALS))
    sample = w.c(["TEST54122816", "QWEA10010110", "QWEA10510170"])
    text = J(w.greet(to.given), "",
             w.t(f"Pour les tests d'intégration en environnement d'essai (pas de production), utilise l'usager fictif fourni dans la documentation : {sample}.",
                 f"For integration tests in the staging environment, use the documented dummy record {sample}."),
             w.t(f"Le point de terminaison est https://essai.{w.hosp['domain']}/fhir/Patient?identifier=... — le jeton expire après 60 minutes.",
                 f"Endpoint: https://staging.{w.hosp['domain']}/fhir/Patient"),
             w.t("Aucune donnée réelle ne doit être utilisée dans cet environnement.", "No real data may be used in this environment."), "", w.signature(it, full=False))
    w.neg_checks.append(("published_sample", sample))
    return "test-env-sample-id", "templates-and-samples", send(w, it, [to], w.t("Environnement d'essai – usager fictif", "Staging – dummy record"), text)


def n_rfc822_admin(w):
    frm = w.staff(w.c(["admin", "secretary"]))
    orig_from, sname = supplier(w)
    to = w.staff("admin")
    inner_text = J(w.greet(), "", w.t(f"Suite à notre conversation, voici la soumission no Q-{w.r.randint(10000, 99999)} pour {w.c(PRODUCTS_FR)}.",
                                        f"Following our call, here is quote Q-{w.r.randint(10000, 99999)}."),
                   f"{impossible_code(w)} – {money(w, 5, 500)}", f"{impossible_code(w)} – {money(w, 5, 500)}", "", sname)
    inner_date = w.date - dt.timedelta(days=w.r.randint(1, 10))
    inner = build_message(w.r, frm=orig_from, to=[frm.addr()], subject=w.t("Soumission", "Quote"), date=inner_date,
                          body=body_part(w.r, inner_text + "\n", lang=w.lang), received=False)
    body = J(w.greet(to.given), "", w.t("Je te transfère la soumission du fournisseur (message original joint).", "Forwarding the vendor quote."), "", w.signature(frm, full=False))
    return "rfc822-vendor-quote", "forwarded-non-patient", send(w, frm, [to], w.t("TR: Soumission", "Fwd: Quote"), body, atts=[rfc822_part(inner)])


def n_fwd_thread(w):
    a = w.staff(w.c(["admin", "buyer", "nurse"]))
    b = w.staff(w.c(["admin", "buyer"]))
    c = w.staff("admin")
    when = w.date - dt.timedelta(hours=w.r.randint(3, 100))
    inner = J(w.greet(), "", w.c([f"La livraison du {w.c(PRODUCTS_FR)} est reportée au {fmt_date(w.later(3, 20), 'fr_long')}. Commande {po_number(w)}.",
                                  f"Le comité de {w.c(['sécurité', 'gestion', 'qualité'])} est déplacé au {fr_weekday_date(w.later(3, 20))}, salle {w.room()}.",
                                  f"La facture {w.r.randint(100000, 999999)} a été payée le {fmt_date(w.earlier(1, 10), 'iso')}."]), "", b.full)
    style = w.c(["outlook-fr", "reply-fr", "gmail-fr-fwd"])
    text = J(w.c(["Pour info.", "Voir ci-dessous.", "Peux-tu faire le suivi?", "FYI"]), "", a.given, "", quote_block(inner, w, b.addr(), when, style))
    w.fr, w.lang = True, "fr"
    return "forwarded-admin-thread", "forwarded-non-patient", send(w, a, [c], ("RE: " if style == "reply-fr" else "TR: ") + w.c(["Livraison", "Comité", "Facture"]), text)


def n_sports_pool(w):
    w.fr, w.lang = True, "fr"
    frm = w.staff(w.c(["nurse", "lab", "admin"]))
    to = (f"Pool de hockey – {w.hosp['short']}", f"pool@{w.hosp['domain']}")
    ranks = [f"{i}. {w.staff('nurse').full} – {w.r.randint(150, 320)} points" for i in range(1, w.r.randint(5, 9))]
    text = J("Salut la gang!", "", "Résultats du pool de hockey après la semaine " + str(w.r.randint(1, 25)) + " :", "", *ranks, "",
             "Le diagnostic est clair : les Canadiens ont besoin d'un gardien. 😅", "Prochain repêchage le " + fmt_date(w.later(20, 60), "fr_long") + ".", frm.given)
    return "hockey-pool", "hospital-admin", send(w, frm, [to], "Pool de hockey – résultats", text)


# ===========================================================================
# Registry: (template, how many, language) -- language is "fr", "en" or P(fr)
# ===========================================================================

POSITIVE = [
    (p_terse_note, 8, 0.7), (p_referral_secretary, 7, "fr"), (p_nurse_handoff, 5, "fr"), (p_lab_followup, 6, 0.7),
    (p_family_writes, 7, 0.75), (p_resident_advice, 6, 0.65), (p_forward_quoted, 9, 0.7), (p_html_table, 6, 0.75),
    (p_text_table, 5, "fr"), (p_unlabelled_clinical, 8, 0.7), (p_typo_nam, 7, 0.7), (p_english_referral, 4, "en"),
    (p_dob_consult, 7, "fr"), (p_dob_discharge_en, 5, "en"), (p_dob_prescription, 5, "fr"), (p_dob_allergy, 5, 0.7),
    (p_dob_imaging, 5, "fr"), (p_age_case_fr, 7, "fr"), (p_age_case_en, 5, "en"), (p_tumor_board, 4, "fr"),
    (p_mrn_fr, 6, "fr"), (p_mrn_en, 5, "en"), (p_mrn_hdossier, 4, "fr"), (p_sin_hr, 6, "fr"), (p_sin_insurance, 5, 0.6),
    (p_sin_en, 4, "en"), (p_ohip_transfer, 5, "en"), (p_bc_transfer, 5, 0.5), (p_hl7_oru, 6, 0.6), (p_hl7_adt_octet, 5, 0.6),
    (p_fhir_patient, 4, 0.6), (p_fhir_bundle, 4, 0.6), (p_fhir_immunization, 4, "fr"), (p_fhir_xml, 3, 0.6), (p_cda, 4, 0.7),
    (p_dicom, 3, "fr"), (p_csv_patients, 5, "fr"), (p_docx_referral, 5, 0.7), (p_xlsx_patients, 4, "fr"), (p_pdf_lab, 4, 0.7),
    (p_pdf_lab_flate, 4, 0.7), (p_zip_bundle, 4, "fr"), (p_rfc822_forward, 5, 0.7), (p_ramq_billing, 5, "fr"),
    (p_pharmacy_reconciliation, 5, 0.7), (p_social_worker, 4, "fr"), (p_family_en_dob, 4, "en"), (p_appt_reminder, 5, 0.75),
    (p_vaccination_record, 4, "fr"), (p_critical_lab_en, 4, "en"), (p_terse_en, 5, "en"),
]

NEGATIVE = [
    (n_po_impossible, 8, 0.7), (n_catalogue_update, 6, 0.4), (n_biomed_quote, 5, "fr"), (n_stock_shortage, 5, "fr"),
    (n_rma_return, 4, 0.6), (n_po_possible, 7, 0.7), (n_serial_lots, 5, 0.7), (n_sterilisation_lots, 4, "fr"),
    (n_project_codes, 4, "fr"), (n_invoice_supplier, 6, 0.7), (n_vendor_registration, 4, "fr"), (n_bank_transit, 4, 0.7),
    (n_ten_digit_accounts, 5, "fr"), (n_luhn_valid_orders, 6, 0.6), (n_luhn_fail_refs, 5, "fr"), (n_budget_gl, 4, "fr"),
    (n_fundraising, 4, "fr"), (n_job_posting, 4, "fr"), (n_courier_tracking, 6, 0.7), (n_travel_booking, 5, 0.6),
    (n_hotel, 4, 0.6), (n_parking, 4, "fr"), (n_phone_directory, 5, "fr"), (n_site_addresses, 4, "fr"),
    (n_phone_messages, 4, "fr"), (n_oncall_pagers, 4, "fr"), (n_meeting_invite, 6, "fr"), (n_retirement, 5, "fr"),
    (n_building_age, 4, "fr"), (n_staff_birthdays, 5, "fr"), (n_shift_swap, 4, "fr"), (n_call_schedule, 4, "fr"),
    (n_training_dates, 4, "fr"), (n_newsletter, 6, 0.7), (n_cme, 6, 0.6), (n_guideline, 5, 0.6), (n_drug_shortage, 5, 0.7),
    (n_research_seminar, 4, 0.6), (n_journal_club, 5, 0.6), (n_public_health, 5, 0.7), (n_staff_vaccination, 4, "fr"),
    (n_quality_stats, 5, 0.7), (n_lab_reference_change, 4, 0.7), (n_formulary, 4, 0.7), (n_ethics, 4, 0.7),
    (n_satisfaction, 3, 0.6), (n_infection_control, 5, 0.7), (n_device_recall, 4, 0.6), (n_it_password, 4, 0.7),
    (n_it_outage, 4, 0.7), (n_cafeteria, 4, "fr"), (n_union, 3, "fr"), (n_room_booking, 4, 0.7), (n_code_drill, 3, 0.7),
    (n_wifi, 3, 0.7), (n_helpdesk_ticket, 4, 0.7), (n_sick_leave_policy, 3, "fr"), (n_fhir_organization, 5, 0.6),
    (n_hl7_mfn, 4, 0.6), (n_csv_inventory, 4, "fr"), (n_docx_minutes, 4, "fr"), (n_pdf_newsletter, 4, 0.7),
    (n_zip_logos, 3, 0.7), (n_xlsx_budget, 3, 0.7), (n_blank_form, 4, 0.7), (n_privacy_training, 3, 0.7),
    (n_test_identifier_doc, 3, 0.6), (n_rfc822_admin, 4, 0.7), (n_fwd_thread, 4, "fr"), (n_sports_pool, 3, "fr"),
]


def generate_all():
    """Return (files, rows, worlds): files maps relative path -> bytes (CRLF)."""
    files, rows, meta = {}, [], {}
    for label, registry in (("positive", POSITIVE), ("negative", NEGATIVE)):
        produced = []
        for func, count, lang in registry:
            for i in range(count):
                rng = random.Random(f"{SEED}:{label}:{func.__name__}:{i}")
                if isinstance(lang, str):
                    lg = lang
                else:
                    lg = "fr" if rng.random() < lang else "en"
                w = World(rng, lg)
                slug, category, msg = func(w)
                produced.append((slug, category, with_crlf_check(msg), w, func.__name__))
        random.Random(f"{SEED}:order:{label}").shuffle(produced)
        for n, (slug, category, data, w, fname) in enumerate(produced, start=1):
            path = f"{label}/{n:03d}-{slug}.eml"
            files[path] = data
            rows.append((path, label, category))
            meta[path] = (w, fname)
    return files, rows, meta


# ===========================================================================
# Self-checks
# ===========================================================================

def _norm(b):
    if isinstance(b, str):
        b = b.encode("utf-8", errors="replace")
    s = strip_accents(b.decode("latin-1"))
    return re.sub(r"[^A-Z0-9]", "", s.upper())


def _check_pdf(data, needles):
    assert data.startswith(b"%PDF-1.4"), "not a PDF 1.4"
    m = re.search(rb"startxref\n(\d+)\n%%EOF", data)
    assert m, "no startxref"
    xref = int(m.group(1))
    assert data[xref:xref + 4] == b"xref"
    entries = re.findall(rb"(\d{10}) 00000 n \n", data[xref:])
    for i, off in enumerate(entries, start=1):
        assert data[int(off):].startswith(f"{i} 0 obj".encode()), f"bad xref entry {i}"
    texts = []
    for sm in re.finditer(rb"<< /Length (\d+)( /Filter /FlateDecode)? >>\nstream\n", data):
        ln = int(sm.group(1))
        raw = data[sm.end():sm.end() + ln]
        if sm.group(2):
            raw = zlib.decompress(raw)
            assert b"Tj" in raw
        texts.append(raw)
    assert texts, "no content stream"
    if b"/FlateDecode" not in data:
        for nd in needles:
            assert _norm(nd) in _norm(data), f"PDF text {nd!r} not present in uncompressed PDF"
    return b"\n".join(texts)


def _check_zip(data, depth=0):
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = z.namelist()
        for n in names:
            member = z.read(n)
            if n.endswith(".xml") or n.endswith(".rels"):
                ET.fromstring(member)
                out.append(re.sub(rb"<[^>]+>", b"", member))
            elif member[:2] == b"PK":
                assert depth < 3
                out.append(_check_zip(member, depth + 1))
            else:
                out.append(member)
        if "word/document.xml" in names:
            assert "[Content_Types].xml" in names and "_rels/.rels" in names
        if "xl/workbook.xml" in names:
            for req in ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                assert req in names, req
    return b"\n".join(out)


def check_message(path, data, needles):
    """Parse with the email package; decode every part; return a normalised haystack."""
    assert not re.search(rb"(?<!\r)\n", data), f"{path}: bare LF"
    assert b"\r\r" not in data, f"{path}: stray CR"
    for line in data.split(b"\r\n"):
        assert len(line) <= 998, f"{path}: line too long"
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg["subject"] is not None and msg["from"] is not None and msg["date"] is not None, path
    hay = [str(msg["subject"]).encode("utf-8")]
    n_leaves = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        n_leaves += 1
        ctype = part.get_content_type()
        if part.get_content_maintype() == "text" and not part.get_filename():
            txt = part.get_content()
            assert isinstance(txt, str) and txt.strip() != "" or ctype == "text/plain", path
            if ctype == "text/html":
                txt = html.unescape(re.sub(r"<[^>]+>", " ", txt))
            hay.append(txt.encode("utf-8"))
            continue
        payload = part.get_payload(decode=True)
        assert payload, f"{path}: empty attachment {part.get_filename()}"
        hay.append(payload)
        if payload[:2] == b"PK":
            hay.append(_check_zip(payload))
        elif payload.startswith(b"%PDF"):
            hay.append(_check_pdf(payload, needles))
        elif payload.lstrip()[:1] in (b"{", b"["):
            json.loads(payload.decode("utf-8"))
        elif payload.lstrip().startswith(b"<?xml"):
            ET.fromstring(payload)
        elif b"MSH|^~\\&" in payload[:10]:
            assert b"\r" in payload, f"{path}: HL7 without CR segment ends"
        elif len(payload) > 132 and payload[128:132] == b"DICM":
            pass
        elif ctype.startswith("text/") or part.get_filename().endswith((".csv", ".txt", ".ics")):
            payload.decode("utf-8" if b"\xef\xbb\xbf" == payload[:3] or ctype.endswith("utf-8") else "cp1252")
    assert n_leaves >= 1
    return _norm(b"\n".join(hay))


def self_check(files, rows, meta):
    total = sum(len(v) for v in files.values())
    assert total < 4 * 1024 * 1024, f"corpus too large: {total}"
    counts = {"positive": 0, "negative": 0}
    templates = {"positive": set(), "negative": set()}
    for path, label, category in rows:
        w, fname = meta[path]
        counts[label] += 1
        templates[label].add(fname)
        hay = check_message(path, files[path], w.pdf_needles)
        if label == "positive":
            for kind, value, expected in w.ids:
                if kind == "NAM":
                    assert nam_valid(value) == expected, (path, value, expected)
                    if not expected:
                        good = [c for c in "0123456789" if nam_valid(value[:-1] + c)]
                        assert good, (path, value)  # only the check digit is wrong
                elif kind == "SIN":
                    assert luhn_ok(value) and len(value) == 9 and value[0] in "12345679", (path, value)
                elif kind == "OHIP":
                    assert luhn_ok(value) and len(value) == 10 and value[0] != "0", (path, value)
                elif kind == "PHN":
                    assert bc_phn_ok(value), (path, value)
            for kind, value, expected in w.ids:
                # every identifier that the template recorded must really be in the message
                # (whatever the formatting, charset, transfer encoding or container)
                if kind in ("NAM", "SIN", "OHIP", "PHN"):
                    assert value in hay, (path, kind, value)
        else:
            assert not w.ids, path
            for kind, value in w.neg_checks:
                if kind == "impossible":
                    assert not nam_date_possible(value) and not nam_valid(value), (path, value)
                elif kind == "possible":
                    assert nam_date_possible(value), (path, value)
                elif kind == "luhn_fail":
                    assert not luhn_ok(value), (path, value)
                elif kind in ("luhn_valid_order", "bn"):
                    assert luhn_ok(value), (path, value)
                elif kind == "published_sample":
                    assert nam_valid(value), (path, value)
    assert 200 <= counts["positive"] <= 300 and 250 <= counts["negative"] <= 350, counts
    assert len(templates["positive"]) >= 40 and len(templates["negative"]) >= 50, {k: len(v) for k, v in templates.items()}
    return total, counts


def main():
    files, rows, meta = generate_all()
    files2, rows2, _ = generate_all()
    assert files == files2 and rows == rows2, "generation is not deterministic"
    total, counts = self_check(files, rows, meta)
    for d in ("positive", "negative"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
        os.makedirs(os.path.join(HERE, d))
    for path, data in files.items():
        with open(os.path.join(HERE, path), "wb") as f:
            f.write(data)
    with open(os.path.join(HERE, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["file", "label", "category"])
        wr.writerows(rows)
    by_cat = {}
    for _, label, cat in rows:
        by_cat[(label, cat)] = by_cat.get((label, cat), 0) + 1
    print(f"wrote {counts['positive']} positive + {counts['negative']} negative messages, {total} bytes")
    for (label, cat), n in sorted(by_cat.items()):
        print(f"  {label:<9} {cat:<32} {n}")


if __name__ == "__main__":
    main()
