#!/usr/bin/env python3
"""Held-out corpus "forms" (twelfth author) for the Sentinelle DLP guard.

Everything here is INVENTED. Builds positive/*.eml, negative/*.eml and
labels.csv next to this script, deterministically.

Requires: Pillow (with libtiff), py7zr, LibreOffice (soffice) for the
legacy-office category.
"""
import base64
import csv
import datetime as dt
import gzip
import hashlib
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
import unicodedata
import zipfile
import zlib
from email.header import Header
from email import quoprimime

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageChops, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_ZIP_TIME = (2026, 11, 2, 8, 30, 0)
FIXED_EPOCH = 1793608200  # 2026-11-02T08:30:00Z

# ---------------------------------------------------------------- fonts
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]
FONT_FILES = {
    "sans": ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "DejaVuSansCondensed.ttf", "LiberationSansNarrow-Regular.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"],
    "mono": ["DejaVuSansMono.ttf", "LiberationMono-Regular.ttf"],
    "serif": ["DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"],
    "hand": ["DejaVuSerif-Italic.ttf", "LiberationSerif-Italic.ttf", "DejaVuSansCondensed-Oblique.ttf", "LiberationSans-Italic.ttf"],
}


def _find(fn):
    for d in FONT_DIRS:
        p = os.path.join(d, fn)
        if os.path.exists(p):
            return p
    return None


_FONT_CACHE = {}


def font(kind, size, rng=None, idx=None):
    cands = [f for f in (_find(x) for x in FONT_FILES[kind]) if f]
    if not cands:
        cands = [f for f in (_find(x) for x in FONT_FILES["sans"]) if f]
    if idx is None:
        idx = rng.randrange(len(cands)) if rng else 0
    path = cands[idx % len(cands)]
    key = (path, size)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(path, size)
    return _FONT_CACHE[key]


# ---------------------------------------------------------------- people
SURNAMES = ["Tremblay", "Gagnon", "Côté", "Bélanger", "O'Neill", "Saint-Pierre", "Lê", "Ng",
            "Bouchard-Roy", "D'Amours", "Van Houtte", "Lévesque", "Ouellet", "Hébert", "Légaré",
            "Poirier", "Desjardins", "Nadeau", "Bergeron", "Thériault", "Morin", "Giroux",
            "Paquette", "Drouin", "Caron", "Béliveau", "Séguin", "Fortier", "Lachance", "Émond",
            "Wu", "Al-Khoury", "St-Onge", "Rhéaume", "Bissonnette", "Larivière"]
F_GIVEN = ["Marie-Ève", "Éloïse", "Hélène", "Zoé", "Amélie", "Océane", "Léa", "Chantal", "Nathalie",
           "Fatima", "Thi Lan", "Ginette", "Josée", "Maude", "Rosalie", "Yasmine", "Édith", "Ariane"]
M_GIVEN = ["Jean-François", "Gaétan", "Réjean", "Yves", "Étienne", "Mathis", "Louis", "Denis",
           "Ahmed", "Rémi", "Benoît", "Olivier", "Félix", "Karim", "Normand", "Hugo", "Éric", "Samuel"]
STAFF = ["Sophie Gagnon", "Marc-André Roy", "Julie Pelletier", "Isabelle Fournier", "Patrick Lavoie",
         "Nadia Benali", "Karine Dubé", "François Bédard", "Mélanie Girard", "Alexandre Martel",
         "Valérie Simard", "Stéphane Boucher", "Catherine Roussel", "Dominique Parent"]
DOCTORS = ["Dre Claire Beaulieu", "Dr Martin Lessard", "Dre Annie Vézina", "Dr Paul-Émile Cyr",
           "Dre Sarah Cohen", "Dr Hamid Rahimi", "Dre Lucie Bernier", "Dr Guy Chartrand"]
ORGS = ["CIUSSS de l'Exemple-Centre", "CUSM Exemple — Hôpital du Parc", "CISSS des Exemples",
        "CHU Exemple de Québec", "Hôpital Saint-Exemple", "Centre hospitalier des Rives (exemple)"]
SENDER_DOMAINS = ["cusm-exemple.test", "ciusss-exemple.test", "ssss.gouv.qc.ca", "chu-exemple.test",
                  "cisss-exemple.test", "hopital-exemple.ssss.gouv.qc.ca"]
OUT_DOMAINS = ["gmail.com", "hotmail.com", "yahoo.ca", "outlook.com", "cliniquedesrives.test",
               "gmf-exemple.test"]

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def fmt_date(d, style):
    if style == "iso":
        return d.strftime("%Y-%m-%d")
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "fr":
        return f"{d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]} {d.year}"
    if style == "en":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ymd":
        return d.strftime("%Y/%m/%d")
    return d.strftime("%d-%m-%Y")


DATE_STYLES = ["iso", "dmy", "fr", "en", "ymd", "dash"]


def nam_of(surname, given, dob, female, seq):
    letters = re.sub(r"[^A-Z]", "", strip_accents(surname).upper())
    letters = (letters + "XXX")[:3]
    g = re.sub(r"[^A-Z]", "", strip_accents(given).upper())[:1]
    mm = dob.month + (50 if female else 0)
    return f"{letters}{g}{dob.year % 100:02d}{mm:02d}{dob.day:02d}{seq:02d}"


def fmt_nam(n, style):
    if style == 0:
        return f"{n[:4]} {n[4:8]} {n[8:]}"
    if style == 1:
        return n
    if style == 2:
        return f"{n[:4]}-{n[4:8]}-{n[8:]}"
    return f"{n[:4]} {n[4:]}"


FILE_LABELS = ["No dossier", "N° de dossier", "Dossier", "MRN", "Chart #", "No de carte d'hôpital",
               "Numéro de dossier", "No. dossier", "# dossier", "Carte hôp."]
NAM_LABELS = ["NAM", "No d'assurance maladie", "RAMQ", "Health insurance no.", "No assurance-maladie", "NAM (RAMQ)"]

HEALTH = [
    ("Diabète de type 2 mal contrôlé", "Metformine 1000 mg BID; Gliclazide MR 60 mg DIE", ("HbA1c", "9,4 %")),
    ("Insuffisance cardiaque (FEVG 30 %)", "Furosémide 40 mg DIE; Bisoprolol 5 mg DIE", ("NT-proBNP", "4 820 ng/L")),
    ("MPOC exacerbée", "Prednisone 40 mg x 5 jours; Tiotropium 18 mcg", ("pCO2", "58 mmHg")),
    ("Trouble dépressif majeur, idées suicidaires", "Sertraline 100 mg DIE; Quétiapine 25 mg HS", ("PHQ-9", "22/27")),
    ("Schizophrénie paranoïde — garde en établissement (P-38.001)", "Rispéridone 3 mg BID", ("Lithémie", "n/a")),
    ("Infection au VIH, charge virale détectable", "Bictégravir/emtricitabine/ténofovir 1 co DIE", ("Charge virale VIH", "12 400 copies/mL")),
    ("Hépatite C chronique", "Sofosbuvir/velpatasvir 1 co DIE", ("ARN VHC", "détectable")),
    ("Tuberculose pulmonaire active (MADO)", "RIPE — rifampicine, isoniazide, pyrazinamide, éthambutol", ("BAAR", "positif 2+")),
    ("Cancer du sein gauche, stade II", "Tamoxifène 20 mg DIE", ("CA 15-3", "41 U/mL")),
    ("Insuffisance rénale chronique stade 4", "Darbépoétine 40 mcg q2sem", ("Créatinine", "298 µmol/L")),
    ("Trouble lié à l'usage des opioïdes", "Buprénorphine/naloxone 8 mg/2 mg DIE", ("Dépistage urinaire", "fentanyl +")),
    ("Grossesse 32 sem., prééclampsie", "Labétalol 200 mg TID", ("Protéinurie 24 h", "1,2 g")),
    ("Syphilis secondaire (MADO)", "Benzathine pénicilline G 2,4 M UI IM", ("VDRL", "1:64")),
    ("Fibrillation auriculaire", "Apixaban 5 mg BID", ("INR", "1,1")),
    ("Pneumonie communautaire", "Ceftriaxone 1 g IV DIE; Azithromycine 500 mg", ("GB", "15,8 x10^9/L")),
    ("Anorexie mentale", "Suivi nutritionnel, olanzapine 2,5 mg HS", ("IMC", "14,9")),
]
UNITS = ["4e Nord", "Urgence", "Soins intensifs", "Psychiatrie 2B", "Médecine interne 6", "Cardiologie", "Obstétrique", "Oncologie 5"]


class Patient:
    def __init__(self, rng):
        self.female = rng.random() < 0.55
        self.given = rng.choice(F_GIVEN if self.female else M_GIVEN)
        self.surname = rng.choice(SURNAMES)
        y = rng.randint(1934, 2006)
        self.dob = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        self.seq = rng.randint(1, 98)
        self.nam = nam_of(self.surname, self.given, self.dob, self.female, self.seq)
        self.nam_style = rng.randrange(4)
        self.nam_label = rng.choice(NAM_LABELS)
        self.file_label = rng.choice(FILE_LABELS)
        fmt = rng.randrange(5)
        n = rng.randint(100000, 9999999)
        self.fileno = [f"{n:08d}", f"H-{n:07d}", f"{n}", f"C{n % 1000000:06d}", f"2026-{n % 100000:05d}"][fmt]
        self.date_style = rng.choice(DATE_STYLES)
        pool = [h for h in HEALTH if self.female or not any(w in h[0] for w in ("sein", "Grossesse"))]
        if not (self.female and 1981 <= y <= 2006):
            pool = [h for h in pool if "Grossesse" not in h[0]]
        self.health = rng.choice(pool)
        self.unit = rng.choice(UNITS)
        self.adm = dt.date(2026, rng.randint(8, 10), rng.randint(1, 28))
        self.dis = self.adm + dt.timedelta(days=rng.randint(2, 20))
        self.room = f"{rng.randint(2, 9)}{rng.choice('ABCDE')}-{rng.randint(1, 40):02d}"

    @property
    def sex(self):
        return "F" if self.female else "M"

    def name(self, style=0):
        if style == 0:
            return f"{self.surname.upper()}, {self.given}"
        if style == 1:
            return f"{self.given} {self.surname}"
        return f"{self.surname}, {self.given}"

    def d(self, date=None, style=None):
        return fmt_date(date or self.dob, style or self.date_style)

    def namf(self, style=None):
        return fmt_nam(self.nam, self.nam_style if style is None else style)


# ---------------------------------------------------------------- documents
def pos_doc(rng, p, kind):
    org = rng.choice(ORGS)
    dx, rx, lab = p.health
    doc = {"org": org, "fields": [], "lines": [], "table": None}
    dr = rng.choice(DOCTORS)
    if kind == "consult":
        doc["title"] = "DEMANDE DE CONSULTATION"
        doc["fields"] = [("Nom du patient", p.name(0)), ("Date de naissance", p.d()), ("Sexe", p.sex),
                         (p.nam_label, p.namf()), (p.file_label, p.fileno),
                         ("Service demandé", rng.choice(["Cardiologie", "Psychiatrie", "Infectiologie", "Néphrologie"])),
                         ("Raison", dx), ("Médication actuelle", rx), ("Médecin référent", dr)]
    elif kind == "labs":
        doc["title"] = "RÉSULTATS DE LABORATOIRE"
        doc["fields"] = [("Patient", p.name(2)), ("DDN", p.d()), (p.file_label, p.fileno),
                         ("Prélevé le", p.d(p.adm)), ("Prescripteur", dr)]
        doc["table"] = [["Analyse", "Résultat", "Unités", "Réf."],
                        [lab[0], lab[1].split(" ")[0], " ".join(lab[1].split(" ")[1:]) or "-", "voir note"],
                        ["Hémoglobine", str(rng.randint(88, 150)), "g/L", "120-160"],
                        ["Sodium", str(rng.randint(128, 146)), "mmol/L", "135-145"],
                        ["Potassium", f"{rng.randint(32, 58) / 10:.1f}".replace(".", ","), "mmol/L", "3,5-5,0"]]
        doc["lines"] = [f"Commentaire : compatible avec {dx.lower()}."]
    elif kind == "discharge":
        doc["title"] = "RÉSUMÉ DE DÉPART / DISCHARGE SUMMARY"
        doc["fields"] = [("Nom", p.name(1)), ("Né(e) le", p.d()), (p.nam_label, p.namf()),
                         ("Admission", p.d(p.adm)), ("Congé", p.d(p.dis)), ("Unité", p.unit),
                         ("Diagnostic principal", dx), ("Médication au départ", rx)]
    elif kind == "rx":
        doc["title"] = "ORDONNANCE"
        doc["fields"] = [("Patient", p.name(1)), ("DDN", p.d()), (p.nam_label, p.namf()),
                         ("Rx", rx), ("Indication", dx), ("Renouvellements", str(rng.randint(0, 5))), ("Prescripteur", dr)]
    elif kind == "consent":
        doc["title"] = "CONSENTEMENT AUX SOINS"
        doc["fields"] = [("Je soussigné(e)", p.name(1)), ("Date de naissance", p.d()), (p.file_label, p.fileno),
                         ("Intervention", rng.choice(["Coronarographie", "Électroconvulsivothérapie", "Transfusion sanguine", "Biopsie hépatique"])),
                         ("Diagnostic", dx), ("Signé le", p.d(p.adm)), ("Témoin", rng.choice(STAFF))]
    elif kind == "mado":
        doc["title"] = "DÉCLARATION DE MALADIE À DÉCLARATION OBLIGATOIRE (MADO)"
        dis = rng.choice(["Tuberculose", "Syphilis", "Hépatite C", "Chlamydia", "Infection gonococcique", "Rougeole"])
        doc["fields"] = [("Nom, prénom", p.name(2)), ("Date de naissance", p.d()), ("Sexe", p.sex),
                         (p.nam_label, p.namf()), ("Adresse", f"{rng.randint(10, 9999)} rue des Exemples, Longueuil"),
                         ("Maladie", dis), ("Date de prélèvement", p.d(p.adm)), ("Déclarant", dr)]
    elif kind == "hiv":
        doc["title"] = "RAPPORT — SÉROLOGIE VIH"
        doc["fields"] = [("Patient(e)", p.name(0)), ("DDN", p.d()), (p.file_label, p.fileno), (p.nam_label, p.namf()),
                         ("Anti-VIH 1/2 (Ag/Ac)", "RÉACTIF"), ("Confirmation", "VIH-1 positif"),
                         ("Charge virale", f"{rng.randint(2, 90) * 1000} copies/mL"), ("CD4", f"{rng.randint(120, 700)} cellules/µL")]
    elif kind == "psy":
        doc["title"] = "NOTE D'ÉVOLUTION — PSYCHIATRIE"
        doc["fields"] = [("Usager", p.name(1)), ("DDN", p.d()), (p.file_label, p.fileno), ("Chambre", p.room)]
        doc["lines"] = [f"{p.d(p.adm)} : usager admis sous garde préventive.",
                        "Humeur dépressive, idéations suicidaires passives, pas de plan.",
                        f"Dx : {dx}.", f"Plan : {rx}. Réévaluation dans 72 h."]
    elif kind == "census":
        doc["title"] = f"LISTE DES PATIENTS — {p.unit.upper()}"
        rows = [["Ch.", "Nom", "DDN", "Dossier", "Diagnostic"]]
        for q in [p] + [Patient(rng) for _ in range(rng.randint(2, 4))]:
            rows.append([q.room, q.name(0), q.d(style="iso"), q.fileno, q.health[0][:38]])
        doc["table"] = rows
        doc["lines"] = [f"Imprimé le {fmt_date(dt.date(2026, 11, rng.randint(1, 28)), 'fr')}"]
    else:  # imaging
        doc["title"] = "RAPPORT D'IMAGERIE"
        doc["fields"] = [("Nom", p.name(2)), ("DDN", p.d()), ("Sexe", p.sex), (p.file_label, p.fileno),
                         ("Examen", rng.choice(["TDM thorax", "IRM cérébrale", "Échographie abdominale"])),
                         ("Date", p.d(p.adm))]
        doc["lines"] = [f"Conclusion : trouvailles compatibles avec {dx.lower()}.", f"Radiologiste : {dr}"]
    return doc


POS_KINDS = ["consult", "labs", "discharge", "rx", "consent", "mado", "hiv", "psy", "census", "imaging"]
NEG_KINDS = ["blank", "stats", "schedule", "po", "policy", "minutes", "training", "newsletter", "directory", "licences", "maintenance"]


def neg_doc(rng, kind):
    org = rng.choice(ORGS)
    doc = {"org": org, "fields": [], "lines": [], "table": None}
    if kind == "blank":
        t = rng.choice(["DEMANDE DE CONSULTATION", "RÉSULTATS DE LABORATOIRE", "CONSENTEMENT AUX SOINS",
                        "DÉCLARATION DE MALADIE À DÉCLARATION OBLIGATOIRE (MADO)", "ORDONNANCE"])
        doc["title"] = t + " (gabarit)"
        doc["fields"] = [("Nom du patient", "______________________"), ("Date de naissance", "AAAA-MM-JJ"),
                         (rng.choice(NAM_LABELS), rng.choice(["XXXX 0000 0000", "____ ____ ____", "[NAM]"])),
                         (rng.choice(FILE_LABELS), rng.choice(["________", "00000000", "<no dossier>"])),
                         ("Diagnostic", "__________________"), ("Médecin", "__________________"),
                         ("Signature", "__________________")]
        doc["lines"] = ["Formulaire FM-" + str(rng.randint(100, 999)) + " rév. 2026-03 — ne rien inscrire sur ce modèle."]
    elif kind == "stats":
        doc["title"] = "STATISTIQUES MENSUELLES — " + rng.choice(["ADMISSIONS", "URGENCE", "MADO RÉGIONALES"])
        rows = [["Unité / catégorie", "Sept.", "Oct.", "Nov."]]
        for u in rng.sample(UNITS, 5):
            rows.append([u, str(rng.randint(40, 400)), str(rng.randint(40, 400)), str(rng.randint(40, 400))])
        doc["table"] = rows
        doc["lines"] = [f"Durée moyenne de séjour : {rng.randint(40, 120) / 10:.1f} jours".replace(".", ","),
                        "Données agrégées — aucune donnée nominative. Cellules < 5 supprimées."]
    elif kind == "schedule":
        doc["title"] = "HORAIRE DE GARDE — " + rng.choice(UNITS).upper()
        rows = [["Date", "Employé(e)", "Matricule", "Télé-avert.", "Quart"]]
        for i in range(5):
            rows.append([fmt_date(dt.date(2026, 11, 3 + i), "iso"), rng.choice(STAFF), f"{rng.randint(100000, 999999)}",
                         f"{rng.randint(1000, 9999)}", rng.choice(["Jour", "Soir", "Nuit"])])
        doc["table"] = rows
        doc["lines"] = ["Échanges de quart : aviser la coordination, poste 4" + str(rng.randint(1000, 9999))]
    elif kind == "po":
        doc["title"] = f"BON DE COMMANDE PO-{rng.randint(2026000, 2026999)}"
        rows = [["Code produit", "Description", "Lot", "Qté"]]
        for i in range(4):
            rows.append([f"{rng.choice(['MEDX', 'BDXX', 'CARD', 'SURG'])} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                         rng.choice(["Cathéter IV 20G", "Gants nitrile M", "Seringue 10 mL", "Pansement 10x10", "Tubulure perfusion"]),
                         f"LOT{rng.randint(24, 26)}{rng.choice('ABC')}{rng.randint(1000, 9999)}", str(rng.randint(1, 50) * 10)])
        doc["table"] = rows
        doc["fields"] = [("Fournisseur", "Fournitures Médicales Exemple inc."), ("Centre de coûts", f"{rng.randint(10000, 99999)}"),
                         ("Demandeur", rng.choice(STAFF))]
    elif kind == "policy":
        doc["title"] = "POLITIQUE — PROTECTION DES RENSEIGNEMENTS DE SANTÉ"
        doc["lines"] = ["Le numéro d'assurance maladie (NAM) compte 4 lettres et 8 chiffres.",
                        "Il ne doit jamais être transmis à une adresse courriel externe (gmail, hotmail, etc.).",
                        "Exemple de format : XXXX 0000 0000. Le numéro de dossier ne doit pas figurer dans l'objet.",
                        "Toute communication de renseignements doit passer par les archives médicales.",
                        f"Adoptée par le comité de direction le {fmt_date(dt.date(2026, rng.randint(1, 10), 12), 'fr')}."]
    elif kind == "minutes":
        doc["title"] = "PROCÈS-VERBAL — COMITÉ " + rng.choice(["DES USAGERS", "QUALITÉ ET SÉCURITÉ", "DE PRÉVENTION DES INFECTIONS"])
        doc["fields"] = [("Date", fmt_date(dt.date(2026, 10, rng.randint(1, 28)), "fr")), ("Présents", ", ".join(rng.sample(STAFF, 4)))]
        doc["lines"] = ["1. Adoption de l'ordre du jour — adopté.",
                        f"2. Taux d'infections nosocomiales : {rng.randint(1, 9)},{rng.randint(0, 9)} / 10 000 jours-présence.",
                        "3. Rappel : ne pas utiliser les adresses personnelles pour le travail.",
                        "4. Prochaine rencontre : à déterminer."]
    elif kind == "training":
        doc["title"] = "FORMATION — REMPLIR LE FORMULAIRE (EXEMPLE FICTIF)"
        doc["fields"] = [("Patient exemple", "PATIENT, Exemple (fictif)"), ("Date de naissance", "AAAA-MM-JJ"),
                         ("NAM", "XXXX 0000 0000"), ("No dossier", "000000"), ("Diagnostic", "[à inscrire]")]
        doc["lines"] = ["Module 3 — données fictives uniquement. Aucun usager réel.", "Vérifier les deux identifiants avant tout soin."]
    elif kind == "newsletter":
        doc["title"] = "INFOLETTRE — " + rng.choice(["NOVEMBRE 2026", "ÉDITION AUTOMNE", "SPÉCIAL VACCINATION"])
        doc["lines"] = ["Campagne de vaccination antigrippale : 2 314 employés vaccinés.",
                        f"Bienvenue à {rng.choice(DOCTORS)} en médecine interne.",
                        "Le stationnement P3 sera fermé le 14 novembre.",
                        "Concours photo : envoyez vos clichés à communications@" + rng.choice(SENDER_DOMAINS)]
    elif kind == "directory":
        doc["title"] = "BOTTIN TÉLÉPHONIQUE — " + rng.choice(UNITS).upper()
        rows = [["Service", "Local", "Téléphone", "Télécopieur"]]
        for u in rng.sample(UNITS, 5):
            rows.append([u, f"{rng.choice('ABCDEF')}-{rng.randint(1, 9)}.{rng.randint(100, 199)}",
                         f"514 555-{rng.randint(1000, 9999)} p. {rng.randint(20000, 29999)}", f"514 555-{rng.randint(1000, 9999)}"])
        doc["table"] = rows
    elif kind == "licences":
        doc["title"] = "LISTE DES MÉDECINS DE GARDE — PERMIS CMQ"
        rows = [["Médecin", "No de permis", "Service", "Pagette"]]
        for d_ in rng.sample(DOCTORS, 5):
            rows.append([d_, f"{rng.randint(1, 2)}-{rng.randint(10000, 99999)}", rng.choice(UNITS), f"{rng.randint(1000, 9999)}"])
        doc["table"] = rows
    else:  # maintenance
        doc["title"] = "REGISTRE D'ENTRETIEN — ÉQUIPEMENTS BIOMÉDICAUX"
        rows = [["Équipement", "No série", "Inventaire", "Date", "Statut"]]
        for i in range(4):
            rows.append([rng.choice(["Pompe volumétrique", "Moniteur", "Défibrillateur", "Glucomètre"]),
                         f"SN{rng.randint(10000000, 99999999)}", f"INV-{rng.randint(100000, 999999)}",
                         fmt_date(dt.date(2026, 10, rng.randint(1, 28)), rng.choice(["iso", "dmy"])), rng.choice(["OK", "À réparer", "Calibré"])])
        doc["table"] = rows
    return doc


def doc_text_lines(doc):
    out = [doc["org"], doc["title"], ""]
    for k, v in doc["fields"]:
        out.append(f"{k} : {v}")
    if doc["table"]:
        out.append("")
        for r in doc["table"]:
            out.append(" | ".join(r))
    if doc["lines"]:
        out.append("")
        out.extend(doc["lines"])
    return out


def make_doc(rng, label, kind_idx):
    if label == "positive":
        p = Patient(rng)
        return pos_doc(rng, p, POS_KINDS[kind_idx % len(POS_KINDS)]), p
    return neg_doc(rng, NEG_KINDS[kind_idx % len(NEG_KINDS)]), None


# ---------------------------------------------------------------- rendering
def text_w(draw, s, f):
    b = draw.textbbox((0, 0), s, font=f)
    return b[2] - b[0]


def render_page(rng, doc, width, height=None, scale=1.0, hand=False, mode="L", margin=None):
    """Render a paper-like document page (white background)."""
    s = scale
    H = height or int(width * 1.294)
    img = Image.new(mode, (width, H), "white")
    d = ImageDraw.Draw(img)
    m = margin or int(60 * s)
    fi = rng.randrange(4)
    f_org = font("bold", int(18 * s), idx=fi)
    f_t = font("bold", int(24 * s), idx=fi)
    f_l = font("sans", int(16 * s), idx=fi)
    f_v = font("hand" if hand else "sans", int(18 * s), idx=rng.randrange(4))
    ink = (30, 30, 90) if mode == "RGB" and hand else 0
    y = m
    # logo box
    d.rectangle([m, y, m + int(50 * s), y + int(50 * s)], outline=0, width=max(1, int(3 * s)))
    d.text((m + int(10 * s), y + int(8 * s)), "+", font=font("bold", int(30 * s)), fill=0)
    d.text((m + int(65 * s), y + int(12 * s)), doc["org"], font=f_org, fill=0)
    y += int(80 * s)
    d.text((m, y), doc["title"], font=f_t, fill=0)
    y += int(50 * s)
    for k, v in doc["fields"]:
        d.text((m, y), k + " :", font=f_l, fill=0)
        x = m + int(260 * s)
        d.line([x - 5, y + int(22 * s), width - m, y + int(22 * s)], fill=0, width=1)
        d.text((x, y - int(2 * s)), v, font=f_v, fill=ink)
        y += int(36 * s)
    if doc["table"]:
        y += int(15 * s)
        cols = len(doc["table"][0])
        cw = (width - 2 * m) // cols
        rh = int(30 * s)
        ft = font("sans", int(13 * s), idx=fi)
        for ri, row in enumerate(doc["table"]):
            for ci, cell in enumerate(row):
                x0 = m + ci * cw
                d.rectangle([x0, y, x0 + cw, y + rh], outline=0, width=1)
                txt = cell
                while text_w(d, txt, ft) > cw - 8 and len(txt) > 3:
                    txt = txt[:-2]
                d.text((x0 + 4, y + int(7 * s)), txt, font=(font("bold", int(13 * s), idx=fi) if ri == 0 else (f_v if hand and ri else ft)) if not hand else ft, fill=0 if ri == 0 else ink)
            y += rh
    y += int(20 * s)
    for ln in doc["lines"]:
        d.text((m, y), ln, font=f_l if not hand else f_v, fill=0 if not hand else ink)
        y += int(30 * s)
    d.text((m, H - m), f"FM-{rng.randint(1000, 9999)} (rév. 2026)", font=font("sans", int(11 * s)), fill=0)
    return img


def degrade(rng, img, skew=None, light=True, noise=14, blur=0.8):
    mode = img.mode
    W, H = img.size
    ang = skew if skew is not None else rng.uniform(-2.5, 2.5)
    fill = "white" if mode == "L" else (255, 255, 255)
    img = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if light:
        g = Image.linear_gradient("L").resize((W, H))
        if rng.random() < 0.5:
            g = g.transpose(Image.ROTATE_90).resize((W, H))
        depth = rng.choice([60, 80, 100])
        g = g.point(lambda v: 255 - v * depth // 255)
        if mode == "RGB":
            g = Image.merge("RGB", [g, g, g.point(lambda v: max(0, v - 12))])
        img = ImageChops.multiply(img, g)
    if noise:
        nb = rng.randbytes(W * H)
        n = Image.frombytes("L", (W, H), nb).point(lambda v: 128 + (v - 128) * noise // 128)
        if mode == "RGB":
            n = Image.merge("RGB", [n, n, n])
        img = ImageChops.add(img, n, scale=1.0, offset=-128)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    return img


def png_bytes(img):
    b = io.BytesIO()
    img.save(b, "PNG", optimize=True)
    return b.getvalue()


def jpeg_bytes(img, q=70, dpi=None, exif=None):
    b = io.BytesIO()
    kw = {"quality": q}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if exif is not None:
        kw["exif"] = exif
    img.save(b, "JPEG", **kw)
    return b.getvalue()


def render_snippet(rng, doc, width=None):
    """A compact screenshot-like crop of a document (for inline/office pictures)."""
    width = width or rng.choice([640, 720, 800, 900])
    lines = doc_text_lines(doc)
    fs = rng.randint(13, 18)
    f = font(rng.choice(["sans", "mono", "serif"]), fs, rng)
    fb = font("bold", fs + 2, rng)
    lh = int(fs * 1.5)
    H = 40 + lh * len(lines) + 30
    img = Image.new("RGB", (width, H), rng.choice([(255, 255, 255), (250, 250, 244), (245, 248, 252)]))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, width, 30], fill=rng.choice([(32, 44, 64), (50, 50, 50), (0, 84, 147)]))
    d.text((10, 6), rng.choice(["Aperçu", "Document", "Visionneuse", "Capture"]), font=font("sans", 14), fill=(235, 235, 235))
    y = 40
    for i, ln in enumerate(lines):
        while text_w(d, ln, f) > width - 20 and len(ln) > 5:
            ln = ln[:-2]
        d.text((10, y), ln, font=fb if i in (0, 1) else f, fill=(20, 20, 20))
        y += lh
    return img


# ---------------------------------------------------------------- screenshots
def render_screen(rng, label, variant):
    W = rng.choice([1024, 1280, 1366, 1440, 1600, 1920])
    banner_only = variant == "banner"
    if banner_only:
        W = rng.choice([1600, 1728, 1920])
        H = rng.randint(0, 40)  # extra, fixed below
    else:
        H = int(W * rng.choice([0.5625, 0.625, 0.45]))
    fs = rng.randint(12, 22)
    fam = rng.randrange(4)
    f = font("sans", fs, idx=fam)
    fb = font("bold", fs, idx=fam)
    fm = font("mono", fs, idx=fam)
    bg = rng.choice([(240, 242, 245), (255, 255, 255), (228, 232, 236)])
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    tb = rng.choice([(28, 36, 48), (45, 45, 48), (16, 52, 86), (60, 20, 60)])
    th = max(28, fs + 14)
    if banner_only:
        H = th + fs * 3 + 8 + 6 + H
        img = Image.new("RGB", (W, H), bg)
        d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, th], fill=tb)
    app = rng.choice(["DossierClinique+ 4.2", "OACIS Exemple", "SIURGE-X", "Cristal-Exemple", "MedEcho (démo)", "ChartView"])
    d.text((12, (th - fs) // 2 - 2), app + " — " + rng.choice(ORGS), font=f, fill=(230, 235, 240))
    for i, c in enumerate([(220, 80, 70), (230, 180, 60), (90, 180, 90)]):
        d.ellipse([W - 80 + i * 22, th // 2 - 6, W - 68 + i * 22, th // 2 + 6], fill=c)
    y = th
    p = Patient(rng) if label == "positive" else None
    bh = fs * 3 + 8
    d.rectangle([0, y, W, y + bh], fill=rng.choice([(210, 225, 245), (255, 244, 214), (222, 240, 222)]))
    if p:
        parts = [p.name(0), f"{p.sex}", f"DDN {p.d()}", f"{p.nam_label} {p.namf()}", f"{p.file_label} {p.fileno}"]
        d.text((14, y + 6), "   ".join(parts[:3]), font=fb, fill=(10, 10, 10))
        d.text((14, y + 8 + fs + 6), "   ".join(parts[3:]) + f"   Unité {p.unit}  Ch. {p.room}", font=f, fill=(30, 30, 30))
    else:
        msg = rng.choice(["Aucun patient sélectionné", "Sélectionnez un usager pour afficher son dossier",
                          "No patient selected — search by name or MRN", "Tableau de bord de l'unité"])
        d.text((14, y + 6), msg, font=fb, fill=(70, 70, 70))
        d.text((14, y + 8 + fs + 6), f"Utilisateur : {rng.choice(STAFF)}   Poste : WS-{rng.randint(1000, 9999)}   Session expire dans 14 min",
               font=f, fill=(60, 60, 60))
    y += bh + 10
    if banner_only:
        return img
    tabs = ["Sommaire", "Résultats", "Médication", "Notes", "Imagerie", "Documents"]
    x = 10
    for i, t in enumerate(tabs):
        w = text_w(d, t, f) + 24
        d.rectangle([x, y, x + w, y + fs + 12], fill=(255, 255, 255) if i == 1 else (200, 205, 212), outline=(150, 150, 150))
        d.text((x + 12, y + 5), t, font=f, fill=(20, 20, 20))
        x += w + 4
    y += fs + 22
    if p:
        dx, rx, lab = p.health
        rows = [["Date", "Analyse / élément", "Valeur", "Statut"],
                [p.d(p.adm, "iso"), lab[0], lab[1], "Anormal"],
                [p.d(p.adm, "iso"), "Diagnostic actif", dx[:40], "Actif"],
                [p.d(p.dis, "iso"), "Médication", rx[:40], "En cours"],
                [p.d(p.adm, "iso"), "Hémoglobine", f"{rng.randint(90, 150)} g/L", "N"]]
    else:
        kind = ["dash", "login", "empty", "dash"][rng.randrange(4)]
        if kind == "login":
            cx, cy = W // 2, y + (H - y) // 3
            d.rectangle([cx - 220, cy - 30, cx + 220, cy + 170], fill=(255, 255, 255), outline=(120, 120, 120))
            d.text((cx - 200, cy - 20), "Connexion sécurisée", font=fb, fill=(0, 0, 0))
            d.text((cx - 200, cy + 30), "Nom d'utilisateur : ________", font=f, fill=(0, 0, 0))
            d.text((cx - 200, cy + 80), "Mot de passe : ••••••••", font=f, fill=(0, 0, 0))
            return img
        if kind == "empty":
            rows = [["Date", "Analyse / élément", "Valeur", "Statut"], ["—", "Aucun résultat", "—", "—"]]
        else:
            rows = [["Unité", "Patients présents", "Lits libres", "Attente > 24 h"]]
            for u in rng.sample(UNITS, 5):
                rows.append([u, str(rng.randint(5, 60)), str(rng.randint(0, 12)), str(rng.randint(0, 9))])
    cw = (W - 40) // len(rows[0])
    rh = fs + 16
    for ri, r in enumerate(rows):
        fill = (60, 70, 90) if ri == 0 else ((255, 255, 255) if ri % 2 else (235, 238, 242))
        d.rectangle([20, y, W - 20, y + rh], fill=fill)
        for ci, c in enumerate(r):
            ff = fb if ri == 0 else (fm if ci == 2 else f)
            while text_w(d, c, ff) > cw - 12 and len(c) > 4:
                c = c[:-2].rstrip() + "…" if not c.endswith("…") else c[:-3].rstrip() + "…"
            d.text((28 + ci * cw, y + 7), c, font=ff, fill=(240, 240, 240) if ri == 0 else (20, 20, 20))
        y += rh
    d.text((20, H - fs - 10), f"Prêt   |   {app}   |   {rng.choice(['FR-CA', 'EN-CA'])}", font=f, fill=(90, 90, 90))
    return img


# ---------------------------------------------------------------- MIME
class Leaf:
    def __init__(self, ctype, data, params=None, cte="base64", disp=None, filename=None, cid=None,
                 filename_raw=None, extra=None):
        self.ctype, self.data, self.params, self.cte = ctype, data, params or {}, cte
        self.disp, self.filename, self.cid, self.filename_raw, self.extra = disp, filename, cid, filename_raw, extra or []


class Multi:
    def __init__(self, subtype, children, params=None):
        self.subtype, self.children, self.params = subtype, children, params or {}


def b64lines(data):
    s = base64.b64encode(data).decode()
    return [s[i:i + 76] for i in range(0, len(s), 76)] or [""]


def qp_lines(data):
    enc = quoprimime.body_encode(data.decode("latin-1").replace("\r\n", "\n"), maxlinelen=76, eol="\n")
    return enc.split("\n")


def boundary(rng):
    st = rng.randrange(3)
    if st == 0:
        return f"----=_NextPart_000_{rng.randrange(16**4):04X}_01DB{rng.randrange(16**4):04X}.{rng.randrange(16**8):08X}"
    if st == 1:
        return f"_{rng.randrange(16**3):03d}_{''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(28))}_"
    return "=_b" + "".join(rng.choice("0123456789abcdef") for _ in range(24))


def ser(part, rng, out):
    """Append header+body lines of part (without the top-level headers for the message)."""
    if isinstance(part, Multi):
        b = boundary(rng)
        prm = "".join(f'; {k}="{v}"' for k, v in part.params.items())
        hdr = [f'Content-Type: multipart/{part.subtype}{prm};', f'\tboundary="{b}"']
        body = ["This is a multi-part message in MIME format.", ""]
        for c in part.children:
            body.append(f"--{b}")
            ser(c, rng, body)
        body.append(f"--{b}--")
        body.append("")
        out.extend(hdr)
        out.append("")
        out.extend(body)
        return
    prm = "".join(f'; {k}="{v}"' if k != "charset" else f"; charset={v}" for k, v in part.params.items())
    if part.filename and "name" not in part.params:
        prm += f'; name="{part.filename}"'
    out.append(f"Content-Type: {part.ctype}{prm}")
    out.append(f"Content-Transfer-Encoding: {part.cte}")
    if part.cid:
        out.append(f"Content-ID: <{part.cid}>")
    if part.disp:
        if part.filename_raw:
            out.append(f"Content-Disposition: {part.disp};")
            out.append(f"\t{part.filename_raw}")
        elif part.filename:
            out.append(f'Content-Disposition: {part.disp}; filename="{part.filename}"')
        else:
            out.append(f"Content-Disposition: {part.disp}")
    out.extend(part.extra)
    out.append("")
    if part.cte == "base64":
        out.extend(b64lines(part.data))
    elif part.cte == "quoted-printable":
        out.extend(qp_lines(part.data))
    else:
        out.extend(part.data.decode("utf-8" if part.cte == "8bit" else "ascii").replace("\r\n", "\n").split("\n"))
    out.append("")


def enc_subject(s, rng, force=None):
    if force is None and all(ord(c) < 128 for c in s):
        return s
    mode = force or rng.choice(["Q", "B"])
    cs = "utf-8"
    if mode == "B":
        chunks, cur = [], ""
        for ch in s:
            if len((cur + ch).encode(cs)) > 39:
                chunks.append(cur)
                cur = ""
            cur += ch
        chunks.append(cur)
        return "\r\n ".join(f"=?{cs.upper()}?B?{base64.b64encode(c.encode(cs)).decode()}?=" for c in chunks)
    # Q encoding
    words = []
    raw = s.encode(cs)
    cur = ""
    for byte in raw:
        ch = chr(byte)
        if ch.isalnum() and byte < 128:
            t = ch
        elif ch == " ":
            t = "_"
        else:
            t = f"={byte:02X}"
        if len(cur) + len(t) > 45 and not t.startswith("=8") and not t.startswith("=9") and not t.startswith("=A") and not t.startswith("=B"):
            words.append(cur)
            cur = ""
        cur += t
    words.append(cur)
    return "\r\n ".join(f"=?{cs}?Q?{w}?=" for w in words)


def build_email(rng, mid_seed, subject, root, from_name=None, extra_headers=None, subject_raw=None):
    h = hashlib.sha256(mid_seed.encode()).hexdigest()
    fr_name = from_name or rng.choice(STAFF)
    local = strip_accents(fr_name).lower().replace(" ", ".").replace("-", "")
    dom = rng.choice(SENDER_DOMAINS)
    to_local = strip_accents(rng.choice(STAFF)).lower().split(" ")[0] + str(rng.randint(70, 99))
    to_dom = rng.choice(OUT_DOMAINS)
    day = int(h[:4], 16) % 28 + 1
    hh, mi, ss = int(h[4:6], 16) % 11 + 7, int(h[6:8], 16) % 60, int(h[8:10], 16) % 60
    d = dt.datetime(2026, 11, day, hh, mi, ss)
    date = d.strftime("%a, %d %b %Y %H:%M:%S -0500")
    fr_disp = str(Header(fr_name, "utf-8").encode()) if any(ord(c) > 127 for c in fr_name) else f'"{fr_name}"'
    lines = [f"From: {fr_disp} <{local}@{dom}>", f"To: <{to_local}@{to_dom}>",
             f"Subject: {subject_raw if subject_raw is not None else enc_subject(subject, rng)}",
             f"Date: {date}", f"Message-ID: <{h[10:26].upper()}.{h[26:34]}@{dom}>"]
    if rng.random() < 0.5:
        lines.append(rng.choice(["X-Mailer: Microsoft Outlook 16.0", "User-Agent: Mozilla Thunderbird",
                                 "X-MS-Has-Attach: yes", "Thread-Topic: envoi", "Importance: normal"]))
    lines.extend(extra_headers or [])
    lines.append("MIME-Version: 1.0")
    ser(root, rng, lines)
    text = "\r\n".join(lines)
    if not text.endswith("\r\n"):
        text += "\r\n"
    return text.encode("utf-8")


SUBJECTS = ["Document", "TR: Document numérisé", "Envoi", "Pour suivi", "Fichier demandé", "Copie pour toi",
            "Scan", "Message de votre télécopieur", "Formulaire", "À imprimer SVP", "Re: comme discuté",
            "Pièce jointe", "Pour la rencontre de demain", "FW: document", "Numérisation", "Voici",
            "TR: à regarder", "Capture", "Version finale", "Fichier", "Re: ton courriel"]
COVERS = ["Bonjour,\n\nVoici le document dont je t'ai parlé.\n\nMerci,\n{me}",
          "Salut,\n\nJe te l'envoie sur ton adresse perso pour que tu puisses l'imprimer à la maison.\n\n{me}",
          "Bonjour,\n\nCi-joint, tel que demandé. Bonne journée!\n\n{me}\n{org}",
          "Hi,\n\nPlease see attached.\n\nThanks,\n{me}",
          "Bonjour,\n\nPeux-tu regarder ça avant lundi?\n\nMerci\n{me}",
          "Voir pièce jointe.\n\n--\n{me}\n{org}\nTél. 514 555-0100",
          "Bonsoir,\n\nJe n'arrive pas à l'ouvrir au bureau, je te l'envoie ici.\n\n{me}"]


def cover(rng, me=None):
    me = me or rng.choice(STAFF)
    return rng.choice(COVERS).format(me=me, org=rng.choice(ORGS)), me


def text_part(rng, txt):
    cte = rng.choice(["quoted-printable", "base64", "8bit"])
    return Leaf("text/plain", txt.replace("\n", "\r\n").encode("utf-8"), {"charset": rng.choice(['"utf-8"', "UTF-8"])}, cte=cte)


def html_of(txt, extra=""):
    esc = txt.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(f"<p>{l or '&nbsp;'}</p>" for l in esc.split("\n"))
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body style="font-family:Calibri,sans-serif">{body}{extra}</body></html>'


def simple_mail(rng, seed, attachments, subject=None, cov=None):
    txt, me = cover(rng) if cov is None else (cov, None)
    parts = [text_part(rng, txt)] + attachments
    return build_email(rng, seed, subject or rng.choice(SUBJECTS), Multi("mixed", parts), from_name=me)


def attach(ctype, data, filename, rng=None, disp="attachment"):
    return Leaf(ctype, data, {}, cte="base64", disp=disp, filename=filename)


# ---------------------------------------------------------------- PDF
def pdf_str_literal(s):
    b = s.encode("latin-1", "replace")
    out = "("
    for c in b:
        ch = chr(c)
        if ch in "()\\":
            out += "\\" + ch
        elif c < 32 or c > 126:
            out += "\\%03o" % c
        else:
            out += ch
    return out + ")"


def pdf_str_hex16(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


class PDF:
    def __init__(self):
        self.objs = {}
        self.n = 0

    def reserve(self):
        self.n += 1
        return self.n

    def add(self, body, num=None):
        num = num or self.reserve()
        self.objs[num] = ("obj", body.encode("latin-1") if isinstance(body, str) else body)
        return num

    def stream(self, d, data, num=None):
        num = num or self.reserve()
        self.objs[num] = ("stream", (d, data))
        return num

    def _obj_bytes(self, num):
        kind, v = self.objs[num]
        if kind == "obj":
            return b"%d 0 obj\n" % num + v + b"\nendobj\n"
        d, data = v
        return (b"%d 0 obj\n<< " % num + d.encode("latin-1") + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n")

    def build(self, root, objstm=False):
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        if not objstm:
            for num in sorted(self.objs):
                offsets[num] = len(out)
                out += self._obj_bytes(num)
            xref = len(out)
            out += b"xref\n0 %d\n0000000000 65535 f \n" % (self.n + 1)
            for num in range(1, self.n + 1):
                out += b"%010d 00000 n \n" % offsets[num]
            out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (self.n + 1, root, xref)
            return bytes(out)
        inner = [n for n in sorted(self.objs) if self.objs[n][0] == "obj"]
        stm_num = self.reserve()
        xref_num = self.reserve()
        hdr, body = [], bytearray()
        for n in inner:
            hdr.append(f"{n} {len(body)}")
            body += self.objs[n][1] + b"\n"
        hs = (" ".join(hdr) + " ").encode()
        data = zlib.compress(hs + bytes(body), 9)
        self.objs[stm_num] = ("stream", (f"/Type /ObjStm /N {len(inner)} /First {len(hs)} /Filter /FlateDecode", data))
        entries = {}
        for num in sorted(self.objs):
            if num in inner:
                continue
            offsets[num] = len(out)
            out += self._obj_bytes(num)
        for i, n in enumerate(inner):
            entries[n] = (2, stm_num, i)
        for n, off in offsets.items():
            entries[n] = (1, off, 0)
        xoff = len(out)
        entries[xref_num] = (1, xoff, 0)
        size = self.n + 1
        rows = bytearray(struct.pack(">BIH", 0, 0, 65535))
        for n in range(1, size):
            t, a, b = entries[n]
            rows += struct.pack(">BIH", t, a, b)
        comp = zlib.compress(bytes(rows), 9)
        d = f"/Type /XRef /Size {size} /W [1 4 2] /Root {root} 0 R /Filter /FlateDecode"
        out += b"%d 0 obj\n<< " % xref_num + d.encode() + b" /Length %d >>\nstream\n" % len(comp) + comp + b"\nendstream\nendobj\n"
        out += b"startxref\n%d\n%%%%EOF\n" % xoff
        return bytes(out)


def image_pdf(pages):
    """pages: list of (PIL image, dpi, method) method in dct|flate|bilevel."""
    pdf = PDF()
    cat = pdf.reserve()
    pages_num = pdf.reserve()
    kids = []
    for img, dpi, method in pages:
        W, H = img.size
        if method == "dct":
            cs = "/DeviceRGB" if img.mode == "RGB" else "/DeviceGray"
            im = pdf.stream(f"/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace {cs} /BitsPerComponent 8 /Filter /DCTDecode",
                            jpeg_bytes(img, q=55))
        elif method == "flate":
            g = img.convert("L")
            im = pdf.stream(f"/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                            zlib.compress(g.tobytes(), 9))
        else:
            g = img.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
            im = pdf.stream(f"/Type /XObject /Subtype /Image /Width {W} /Height {H} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
                            zlib.compress(g.tobytes(), 9))
        pw, ph = W * 72.0 / dpi, H * 72.0 / dpi
        cs_ = pdf.stream("/Filter /FlateDecode", zlib.compress(f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q\n".encode()))
        pg = pdf.add(f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] /Resources << /XObject << /Im0 {im} 0 R >> >> /Contents {cs_} 0 R >>")
        kids.append(pg)
    pdf.add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>", pages_num)
    pdf.add(f"<< /Type /Catalog /Pages {pages_num} 0 R >>", cat)
    return pdf.build(cat)


def form_pdf(rng, title, fields, use_hex, objstm):
    """AcroForm PDF; labels drawn in page content, values only in /V."""
    pdf = PDF()
    cat, pages_num, page, fnt = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", fnt)
    content = [f"BT /F1 16 Tf 50 740 Td {pdf_str_literal(title)} Tj ET", f"BT /F1 9 Tf 50 722 Td {pdf_str_literal(rng.choice(ORGS))} Tj ET"]
    annots = []
    y = 690
    for i, (name, label, value) in enumerate(fields):
        content.append(f"BT /F1 10 Tf 50 {y + 4} Td {pdf_str_literal(label)} Tj ET")
        content.append(f"0.6 G 220 {y} 320 18 re S")
        if use_hex == "mix":
            v = pdf_str_hex16(value) if i % 2 else pdf_str_literal(value)
        elif use_hex:
            v = pdf_str_hex16(value)
        else:
            v = pdf_str_literal(value)
        tu = pdf_str_literal(label)
        a = pdf.add(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T ({name}) /TU {tu} /V {v} /Rect [220 {y} 540 {y + 18}] /F 4 /P {page} 0 R /DA (/Helv 10 Tf 0 g) /MK << /BC [0.6] >> >>")
        annots.append(a)
        y -= 34
    cdata = zlib.compress("\n".join(content).encode("latin-1"), 9)
    cs_ = pdf.stream("/Filter /FlateDecode", cdata)
    helv = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    acro = pdf.add(f"<< /Fields [{' '.join(f'{a} 0 R' for a in annots)}] /NeedAppearances true /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv {helv} 0 R >> >> >>")
    pdf.add(f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {fnt} 0 R >> >> /Contents {cs_} 0 R /Annots [{' '.join(f'{a} 0 R' for a in annots)}] >>", page)
    pdf.add(f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>", pages_num)
    pdf.add(f"<< /Type /Catalog /Pages {pages_num} 0 R /AcroForm {acro} 0 R >>", cat)
    return pdf.build(cat, objstm=objstm)


# ---------------------------------------------------------------- OOXML
def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def zip_bytes(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return b.getvalue()


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
R_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_BASE = "application/vnd.openxmlformats-officedocument"


def core_xml(title="Document"):
    return (XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{xesc(title)}</dc:title><dc:creator>Utilisateur</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-02T08:30:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-02T08:30:00Z</dcterms:modified></cp:coreProperties>')


def wpara(text, extra_run=""):
    return f'<w:p><w:r><w:t xml:space="preserve">{xesc(text)}</w:t></w:r>{extra_run}</w:p>'


def docx(body_paras, header=None, footer=None, comment=None, ins=None, footnote=None, endnote=None,
         image=None, img_ext="png"):
    files = []
    ct = [f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Default Extension="png" ContentType="image/png"/>', '<Default Extension="jpeg" ContentType="image/jpeg"/>',
          f'<Override PartName="/word/document.xml" ContentType="{CT_BASE}.wordprocessingml.document.main+xml"/>',
          f'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    rels = []
    body = ""
    paras = list(body_paras)
    for i, t in enumerate(paras):
        extra = ""
        if comment and i == 0:
            body += (f'<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">{xesc(t)}</w:t></w:r>'
                     '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>')
            continue
        if footnote and i == 0:
            extra = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        if endnote and i == 0:
            extra = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r>'
        body += wpara(t, extra)
    if ins:
        runs = "".join(f'<w:r><w:t xml:space="preserve">{xesc(l)} </w:t></w:r>' for l in ins)
        body += f'<w:p><w:ins w:id="7" w:author="{xesc(STAFF[0])}" w:date="2026-11-02T08:30:00Z">{runs}</w:ins></w:p>'
    if image is not None:
        files.append((f"word/media/image1.{img_ext}", image[0]))
        rels.append(f'<Relationship Id="rIdImg1" Type="{R_BASE}/image" Target="media/image1.{img_ext}"/>')
        wpx, hpx = image[1]
        cx, cy = int(wpx * 9525 * 0.75), int(hpx * 9525 * 0.75)
        body += ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
                 f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Image 1"/>'
                 '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
                 '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                 f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.{img_ext}"/><pic:cNvPicPr/></pic:nvPicPr>'
                 '<pic:blipFill><a:blip r:embed="rIdImg1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                 f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
                 '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    sect = ""
    if header:
        files.append(("word/header1.xml", XML + f'<w:hdr {W_NS}>' + "".join(wpara(l) for l in header) + "</w:hdr>"))
        rels.append(f'<Relationship Id="rIdH1" Type="{R_BASE}/header" Target="header1.xml"/>')
        ct.append(f'<Override PartName="/word/header1.xml" ContentType="{CT_BASE}.wordprocessingml.header+xml"/>')
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        files.append(("word/footer1.xml", XML + f'<w:ftr {W_NS}>' + "".join(wpara(l) for l in footer) + "</w:ftr>"))
        rels.append(f'<Relationship Id="rIdF1" Type="{R_BASE}/footer" Target="footer1.xml"/>')
        ct.append(f'<Override PartName="/word/footer1.xml" ContentType="{CT_BASE}.wordprocessingml.footer+xml"/>')
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comment:
        files.append(("word/comments.xml", XML + f'<w:comments {W_NS}><w:comment w:id="0" w:author="{xesc(STAFF[2])}" w:date="2026-11-02T08:30:00Z" w:initials="JP">'
                      + "".join(wpara(l) for l in comment) + "</w:comment></w:comments>"))
        rels.append(f'<Relationship Id="rIdC1" Type="{R_BASE}/comments" Target="comments.xml"/>')
        ct.append(f'<Override PartName="/word/comments.xml" ContentType="{CT_BASE}.wordprocessingml.comments+xml"/>')
    for kind, content in (("footnote", footnote), ("endnote", endnote)):
        if content:
            sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                   f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>')
            ref = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
            paras_x = "".join(f'<w:p>{ref if j == 0 else ""}<w:r><w:t xml:space="preserve"> {xesc(l)}</w:t></w:r></w:p>' for j, l in enumerate(content))
            files.append((f"word/{kind}s.xml", XML + f'<w:{kind}s {W_NS}>{sep}<w:{kind} w:id="1">{paras_x}</w:{kind}></w:{kind}s>'))
            rels.append(f'<Relationship Id="rId{kind}" Type="{R_BASE}/{kind}s" Target="{kind}s.xml"/>')
            ct.append(f'<Override PartName="/word/{kind}s.xml" ContentType="{CT_BASE}.wordprocessingml.{kind}s+xml"/>')
    sect = f'<w:sectPr>{sect}<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    files.insert(0, ("word/document.xml", XML + f'<w:document {W_NS}><w:body>{body}{sect}</w:body></w:document>'))
    files.insert(0, ("docProps/core.xml", core_xml()))
    files.insert(0, ("_rels/.rels", XML + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     f'<Relationship Id="rId1" Type="{R_BASE}/officeDocument" Target="word/document.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'))
    files.insert(0, ("[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"))
    files.append(("word/_rels/document.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>"))
    return zip_bytes(files)


def col_letter(i):
    return "ABCDEFGHIJ"[i]


def sheet_xml(rows, drawing=False, legacy=False):
    out = []
    for ri, row in enumerate(rows):
        cells = []
        for ci, v in enumerate(row):
            ref = f"{col_letter(ci)}{ri + 1}"
            if re.fullmatch(r"-?\d+(\.\d+)?", v) and not v.startswith("0"):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{xesc(v)}</t></is></c>')
        out.append(f'<row r="{ri + 1}">{"".join(cells)}</row>')
    extra = ""
    if drawing:
        extra += '<drawing r:id="rIdD1"/>'
    if legacy:
        extra += '<legacyDrawing r:id="rIdV1"/>'
    return (XML + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheetData>{"".join(out)}</sheetData>{extra}</worksheet>')


def xlsx(sheets, comment=None, image=None, img_ext="png"):
    """sheets: list of (name, rows, state) state in visible|hidden|veryHidden. comment=(ref, text) on sheet1."""
    files = []
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Default Extension="png" ContentType="image/png"/>', '<Default Extension="jpeg" ContentType="image/jpeg"/>',
          '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>',
          f'<Override PartName="/xl/workbook.xml" ContentType="{CT_BASE}.spreadsheetml.sheet.main+xml"/>',
          f'<Override PartName="/xl/styles.xml" ContentType="{CT_BASE}.spreadsheetml.styles+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    wb_sheets, wb_rels = [], []
    for i, (name, rows, state) in enumerate(sheets):
        n = i + 1
        st = "" if state == "visible" else f' state="{state}"'
        wb_sheets.append(f'<sheet name="{xesc(name)}" sheetId="{n}"{st} r:id="rId{n}"/>')
        wb_rels.append(f'<Relationship Id="rId{n}" Type="{R_BASE}/worksheet" Target="worksheets/sheet{n}.xml"/>')
        ct.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{CT_BASE}.spreadsheetml.worksheet+xml"/>')
        srels = []
        if n == 1 and image is not None:
            srels.append(f'<Relationship Id="rIdD1" Type="{R_BASE}/drawing" Target="../drawings/drawing1.xml"/>')
        if n == 1 and comment:
            srels.append(f'<Relationship Id="rIdV1" Type="{R_BASE}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>')
            srels.append(f'<Relationship Id="rIdCm" Type="{R_BASE}/comments" Target="../comments1.xml"/>')
        files.append((f"xl/worksheets/sheet{n}.xml", sheet_xml(rows, drawing=(n == 1 and image is not None), legacy=(n == 1 and bool(comment)))))
        if srels:
            files.append((f"xl/worksheets/_rels/sheet{n}.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(srels) + "</Relationships>"))
    if comment:
        ref, text = comment
        files.append(("xl/comments1.xml", XML + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Utilisateur</author></authors>'
                      f'<commentList><comment ref="{ref}" authorId="0"><text><r><t xml:space="preserve">{xesc(text)}</t></r></text></comment></commentList></comments>'))
        ct.append(f'<Override PartName="/xl/comments1.xml" ContentType="{CT_BASE}.spreadsheetml.comments+xml"/>')
        col = "ABCDEFGHIJ".index(ref[0])
        row = int(ref[1:]) - 1
        files.append(("xl/drawings/vmlDrawing1.vml",
                      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                      '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
                      '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
                      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox/>'
                      f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape></xml>'))
    if image is not None:
        files.append((f"xl/media/image1.{img_ext}", image[0]))
        wpx, hpx = image[1]
        cx, cy = wpx * 9525, hpx * 9525
        files.append(("xl/drawings/drawing1.xml", XML + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                      f'<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{cx}" cy="{cy}"/>'
                      '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
                      '<xdr:blipFill><a:blip r:embed="rIdI1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                      f'<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>'))
        files.append(("xl/drawings/_rels/drawing1.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      f'<Relationship Id="rIdI1" Type="{R_BASE}/image" Target="../media/image1.{img_ext}"/></Relationships>'))
        ct.append(f'<Override PartName="/xl/drawings/drawing1.xml" ContentType="{CT_BASE}.drawing+xml"/>')
    n = len(sheets) + 1
    wb_rels.append(f'<Relationship Id="rId{n}" Type="{R_BASE}/styles" Target="styles.xml"/>')
    files.insert(0, ("xl/styles.xml", XML + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                     '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                     '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>'))
    files.insert(0, ("xl/_rels/workbook.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(wb_rels) + "</Relationships>"))
    files.insert(0, ("xl/workbook.xml", XML + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                     f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{"".join(wb_sheets)}</sheets></workbook>'))
    files.insert(0, ("docProps/core.xml", core_xml()))
    files.insert(0, ("_rels/.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     f'<Relationship Id="rId1" Type="{R_BASE}/officeDocument" Target="xl/workbook.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'))
    files.insert(0, ("[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"))
    return zip_bytes(files)


P_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
THEME = (XML + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>'
         '<a:clrScheme name="Office"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>'
         '<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>'
         '<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme>'
         '<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
         '<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>'
         '<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>'
         '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>'
         '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>'
         '</a:themeElements></a:theme>')


def sp_text(id_, name, lines, x, y, cx, cy, size=2400):
    paras = "".join(f'<a:p><a:r><a:rPr lang="fr-CA" sz="{size}"/><a:t>{xesc(l)}</a:t></a:r></a:p>' for l in lines)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{id_}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{paras}</p:txBody></p:sp>')


def sptree(inner):
    return ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            f'{inner}</p:spTree></p:cSld>')


def pptx(slides, notes=None, image=None, img_ext="png"):
    """slides: list of list-of-lines. notes: lines for slide 1 speaker notes. image: (bytes,(w,h)) on slide 1."""
    rels_hdr = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    files = []
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Default Extension="png" ContentType="image/png"/>', '<Default Extension="jpeg" ContentType="image/jpeg"/>',
          f'<Override PartName="/ppt/presentation.xml" ContentType="{CT_BASE}.presentationml.presentation.main+xml"/>',
          f'<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="{CT_BASE}.presentationml.slideMaster+xml"/>',
          f'<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="{CT_BASE}.presentationml.slideLayout+xml"/>',
          f'<Override PartName="/ppt/theme/theme1.xml" ContentType="{CT_BASE}.theme+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    files.append(("_rels/.rels", XML + rels_hdr + f'<Relationship Id="rId1" Type="{R_BASE}/officeDocument" Target="ppt/presentation.xml"/>'
                  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'))
    files.append(("docProps/core.xml", core_xml()))
    pres_rels = [f'<Relationship Id="rIdM" Type="{R_BASE}/slideMaster" Target="slideMasters/slideMaster1.xml"/>',
                 f'<Relationship Id="rIdT" Type="{R_BASE}/theme" Target="theme/theme1.xml"/>']
    sld_ids = []
    for i, lines in enumerate(slides):
        n = i + 1
        pres_rels.append(f'<Relationship Id="rIdS{n}" Type="{R_BASE}/slide" Target="slides/slide{n}.xml"/>')
        sld_ids.append(f'<p:sldId id="{255 + n}" r:id="rIdS{n}"/>')
        ct.append(f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{CT_BASE}.presentationml.slide+xml"/>')
        inner = sp_text(2, "Titre", lines[:1], 457200, 274638, 8229600, 1143000, 3200) + sp_text(3, "Texte", lines[1:], 457200, 1600200, 8229600, 1500000, 1800)
        srels = [f'<Relationship Id="rIdL" Type="{R_BASE}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>']
        if n == 1 and image is not None:
            files.append((f"ppt/media/image1.{img_ext}", image[0]))
            srels.append(f'<Relationship Id="rIdI1" Type="{R_BASE}/image" Target="../media/image1.{img_ext}"/>')
            wpx, hpx = image[1]
            sc = min(8229600 / (wpx * 9525), 3400000 / (hpx * 9525), 1.0)
            cx, cy = int(wpx * 9525 * sc), int(hpx * 9525 * sc)
            inner += ('<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image 1"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
                      '<p:blipFill><a:blip r:embed="rIdI1"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                      f'<p:spPr><a:xfrm><a:off x="457200" y="3200400"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
        if n == 1 and notes:
            srels.append(f'<Relationship Id="rIdN" Type="{R_BASE}/notesSlide" Target="../notesSlides/notesSlide1.xml"/>')
        files.append((f"ppt/slides/slide{n}.xml", XML + f'<p:sld {P_NS}>{sptree(inner)}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>'))
        files.append((f"ppt/slides/_rels/slide{n}.xml.rels", XML + rels_hdr + "".join(srels) + "</Relationships>"))
    notes_master = ""
    if notes:
        ct.append(f'<Override PartName="/ppt/notesSlides/notesSlide1.xml" ContentType="{CT_BASE}.presentationml.notesSlide+xml"/>')
        ct.append(f'<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="{CT_BASE}.presentationml.notesMaster+xml"/>')
        ct.append(f'<Override PartName="/ppt/theme/theme2.xml" ContentType="{CT_BASE}.theme+xml"/>')
        pres_rels.append(f'<Relationship Id="rIdNM" Type="{R_BASE}/notesMaster" Target="notesMasters/notesMaster1.xml"/>')
        notes_master = '<p:notesMasterIdLst><p:notesMasterId r:id="rIdNM"/></p:notesMasterIdLst>'
        files.append(("ppt/theme/theme2.xml", THEME))
        files.append(("ppt/notesMasters/notesMaster1.xml", XML + f'<p:notesMaster {P_NS}>{sptree("")}'
                      '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>'))
        files.append(("ppt/notesMasters/_rels/notesMaster1.xml.rels", XML + rels_hdr + f'<Relationship Id="rId1" Type="{R_BASE}/theme" Target="../theme/theme2.xml"/></Relationships>'))
        body = ('<p:sp><p:nvSpPr><p:cNvPr id="3" name="Espace réservé des notes 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>'
                '<p:txBody><a:bodyPr/><a:lstStyle/>' + "".join(f'<a:p><a:r><a:rPr lang="fr-CA"/><a:t>{xesc(l)}</a:t></a:r></a:p>' for l in notes) + '</p:txBody></p:sp>')
        files.append(("ppt/notesSlides/notesSlide1.xml", XML + f'<p:notes {P_NS}>{sptree(body)}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'))
        files.append(("ppt/notesSlides/_rels/notesSlide1.xml.rels", XML + rels_hdr +
                      f'<Relationship Id="rId1" Type="{R_BASE}/notesMaster" Target="../notesMasters/notesMaster1.xml"/>'
                      f'<Relationship Id="rId2" Type="{R_BASE}/slide" Target="../slides/slide1.xml"/></Relationships>'))
    files.append(("ppt/presentation.xml", XML + f'<p:presentation {P_NS}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst>{notes_master}'
                  f'<p:sldIdLst>{"".join(sld_ids)}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'))
    files.append(("ppt/_rels/presentation.xml.rels", XML + rels_hdr + "".join(pres_rels) + "</Relationships>"))
    files.append(("ppt/slideMasters/slideMaster1.xml", XML + f'<p:sldMaster {P_NS}>{sptree("")}'
                  '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
                  '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>'))
    files.append(("ppt/slideMasters/_rels/slideMaster1.xml.rels", XML + rels_hdr + f'<Relationship Id="rId1" Type="{R_BASE}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>'
                  f'<Relationship Id="rId2" Type="{R_BASE}/theme" Target="../theme/theme1.xml"/></Relationships>'))
    files.append(("ppt/slideLayouts/slideLayout1.xml", XML + f'<p:sldLayout {P_NS} type="blank">{sptree("")}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'))
    files.append(("ppt/slideLayouts/_rels/slideLayout1.xml.rels", XML + rels_hdr + f'<Relationship Id="rId1" Type="{R_BASE}/slideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>'))
    files.append(("ppt/theme/theme1.xml", THEME))
    files.insert(0, ("[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"))
    return zip_bytes(files)


OOXML_CT = {"docx": f"{CT_BASE}.wordprocessingml.document", "xlsx": f"{CT_BASE}.spreadsheetml.sheet",
            "pptx": f"{CT_BASE}.presentationml.presentation"}
HARMLESS_BODY = ["Veuillez trouver ci-joint le modèle révisé.", "Merci de valider la mise en page avant diffusion.",
                 "Version de travail — ne pas imprimer.", "Ordre du jour de la rencontre d'équipe."]
NAMES = {"png": ["capture.png", "image001.png", "screenshot.png", "ecran.png", "Capture.PNG", "image.png"],
         "jpg": ["scan0001.jpg", "IMG_2231.jpg", "numerisation.jpg", "doc.jpg", "photo.jpeg", "SCAN_20261103.jpg"],
         "pdf": ["scan.pdf", "document.pdf", "Numerisation_001.pdf", "formulaire.pdf", "doc20261103.pdf"],
         "tif": ["fax.tif", "FAX_0003.tiff", "telecopie.tif", "RX_fax_1103.tif"],
         "docx": ["document.docx", "modele.docx", "Document1.docx", "gabarit_v3.docx"],
         "xlsx": ["Classeur1.xlsx", "liste.xlsx", "suivi.xlsx", "donnees.xlsx"],
         "pptx": ["presentation.pptx", "rencontre.pptx", "formation.pptx"],
         "doc": ["document.doc", "lettre.doc", "modele.doc"], "xls": ["liste.xls", "Classeur1.xls", "suivi.xls"],
         "ppt": ["presentation.ppt", "rencontre.ppt"],
         "rtf": ["document.rtf", "lettre.rtf", "note.rtf", "export.rtf"]}


# ---------------------------------------------------------------- RTF
def rtf_escape(s, rng, mode):
    out = []
    for c in s:
        o = ord(c)
        if c in "\\{}":
            out.append("\\" + c)
        elif o < 128:
            out.append(c)
        else:
            try:
                cp = c.encode("cp1252")
            except UnicodeEncodeError:
                cp = None
            m = mode if mode != "mix" else rng.choice(["hex", "u"])
            if m == "hex" and cp:
                out.append("\\'%02x" % cp[0])
            else:
                sv = o if o < 32768 else o - 65536
                fb = ("\\'%02x" % cp[0]) if cp else "?"
                out.append(f"\\u{sv}{fb}" if cp else f"\\u{sv}?")
    return "".join(out)


def make_rtf(rng, doc):
    mode = rng.choice(["hex", "u", "mix"])
    e = lambda s: rtf_escape(s, rng, mode)
    out = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\froman Times New Roman;}}",
           "{\\colortbl;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}",
           "{\\info{\\title Document}{\\author Utilisateur}{\\creatim\\yr2026\\mo11\\dy2\\hr8\\min30}}",
           "\\paperw12240\\paperh15840\\margl1440\\margr1440\\f0\\fs22",
           f"{{\\pard\\qc\\b\\fs28\\cf2 {e(doc['org'])}\\par}}", f"{{\\pard\\qc\\b\\fs24 {e(doc['title'])}\\par}}", "\\pard\\par"]
    if doc["fields"]:
        for k, v in doc["fields"]:
            out.append(f"\\trowd\\trgaph108\\cellx3600\\cellx9000\\pard\\intbl\\b {e(k)}\\b0\\cell\\pard\\intbl {e(v)}\\cell\\row")
    if doc["table"]:
        n = len(doc["table"][0])
        cx = "".join(f"\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\clbrdrl\\brdrs\\clbrdrr\\brdrs\\cellx{(i + 1) * 9000 // n}" for i in range(n))
        for r in doc["table"]:
            out.append("\\trowd\\trgaph108" + cx + "".join(f"\\pard\\intbl {e(c)}\\cell" for c in r) + "\\row")
    out.append("\\pard\\par")
    for l in doc["lines"]:
        out.append(f"\\pard {e(l)}\\par")
    out.append("}")
    return "\r\n".join(out).encode("ascii")


# ---------------------------------------------------------------- TNEF
def tnef_attr(level, attr_id, data):
    return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def mapi_props(props):
    out = struct.pack("<I", len(props))
    for ptype, pid, val in props:
        out += struct.pack("<HH", ptype, pid)
        if ptype in (0x001E, 0x0102, 0x001F):
            out += struct.pack("<II", 1, len(val)) + val + b"\0" * ((-len(val)) % 4)
        elif ptype in (0x0003, 0x000B):
            out += struct.pack("<I", val)
    return out


def tnef(rng, subject, body=None, props=None, attachments=()):
    key = rng.randint(0x0100, 0xFFFE)
    out = struct.pack("<IH", 0x223E9F78, key)
    out += tnef_attr(1, 0x00089006, struct.pack("<I", 0x00010000))
    out += tnef_attr(1, 0x00069007, struct.pack("<II", 1252, 0))
    out += tnef_attr(1, 0x00078008, b"IPM.Microsoft Mail.Note\0")
    out += tnef_attr(1, 0x00018004, subject.encode("cp1252") + b"\0")
    out += tnef_attr(1, 0x00038005, struct.pack("<7H", 2026, 11, 2, 8, 30, 0, 1))
    out += tnef_attr(1, 0x00018009, ("%016X" % rng.getrandbits(64)).encode() + b"\0")
    if body is not None:
        out += tnef_attr(1, 0x0002800C, body.replace("\n", "\r\n").encode("cp1252"))
    if props is not None:
        out += tnef_attr(1, 0x00069003, mapi_props(props))
    for fname, data in attachments:
        out += tnef_attr(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0))
        out += tnef_attr(2, 0x00018010, fname.encode("cp1252") + b"\0")
        out += tnef_attr(2, 0x0006800F, data)
        ext = os.path.splitext(fname)[1]
        out += tnef_attr(2, 0x00069005, mapi_props([(0x001E, 0x3707, fname.encode("cp1252") + b"\0"),
                                                    (0x001E, 0x3703, ext.encode() + b"\0"),
                                                    (0x0003, 0x3705, 1)]))
    return out


def mela(rtf):
    return struct.pack("<IIII", len(rtf) + 12, len(rtf), 0x414C454D, 0) + rtf


# ---------------------------------------------------------------- category builders
def cat_screenshot(rng, label, i, seed):
    variant = ["full", "banner", "full", "full", "banner", "full"][i % 6]
    img = render_screen(rng, label, variant)
    data = png_bytes(img)
    return simple_mail(rng, seed, [attach("image/png", data, rng.choice(NAMES["png"]))]), f"{variant}-{img.size[0]}x{img.size[1]}"


def exif_orient(o):
    ex = Image.Exif()
    ex[0x0112] = o
    return ex


def cat_scan(rng, label, i, seed):
    doc, _ = make_doc(rng, label, i + 3)
    dpi = [150, 200, 150, 300, 200, 150][i % 6]
    colour = i % 2 == 0
    if dpi == 300:
        # half-page strip at 300 dpi keeps the size down
        W = int(8.5 * dpi * 0.6)
        img = render_page(rng, doc, W, height=int(W * 0.9), scale=dpi / 100 * 0.6, hand=True, mode="RGB" if colour else "L")
    else:
        W = int(8.5 * dpi)
        img = render_page(rng, doc, W, height=int(W * rng.choice([0.75, 1.0, 1.294])), scale=dpi / 100, hand=True, mode="RGB" if colour else "L")
    img = degrade(rng, img, noise=rng.choice([8, 12, 16]), blur=rng.choice([0.6, 0.9, 1.2]))
    orient = [1, 6, 1, 8, 3, 1][i % 6]
    exif = None
    if orient == 6:
        img = img.transpose(Image.ROTATE_90)
    elif orient == 8:
        img = img.transpose(Image.ROTATE_270)
    elif orient == 3:
        img = img.transpose(Image.ROTATE_180)
    if orient != 1:
        exif = exif_orient(orient)
    data = jpeg_bytes(img, q=rng.choice([55, 60, 65]), dpi=dpi, exif=exif)
    return simple_mail(rng, seed, [attach("image/jpeg", data, rng.choice(NAMES["jpg"]))]), f"{dpi}dpi-o{orient}-{'rgb' if colour else 'grey'}"


def cat_inline(rng, label, i, seed):
    doc, _ = make_doc(rng, label, i + 5)
    img = render_snippet(rng, doc)
    if i % 3 == 2:
        data, ct, ext = jpeg_bytes(img, q=80), "image/jpeg", "jpg"
    else:
        data, ct, ext = png_bytes(img), "image/png", "png"
    cid = f"image001.{ext}@01DB{rng.randrange(16**4):04X}.{rng.randrange(16**8):08X}"
    txt, me = cover(rng)
    html = html_of(txt, f'<p><img width="{img.size[0]}" height="{img.size[1]}" src="cid:{cid}" alt="image001.{ext}"></p>')
    plain = txt + f"\n\n[cid:{cid}]\n"
    alt = Multi("alternative", [text_part(rng, plain), Leaf("text/html", html.encode(), {"charset": '"utf-8"'}, cte=rng.choice(["quoted-printable", "base64"]))])
    imgp = Leaf(ct, data, {"name": f"image001.{ext}"}, cte="base64", disp="inline", filename=f"image001.{ext}", cid=cid)
    root = Multi("related", [alt, imgp], {"type": "multipart/alternative"})
    return build_email(rng, seed, rng.choice(SUBJECTS), root, from_name=me), f"{ext}"


def cat_small(rng, label, i, seed):
    txt, me = cover(rng)
    kind = ["logo", "pixel", "icons", "signature", "sigphone", "banner"][i % 6]
    atts = []
    extra = ""
    if kind == "pixel":
        g = Image.new("P", (1, 1), 0)
        g.putpalette([255, 255, 255] + [0] * 765)
        b = io.BytesIO()
        g.save(b, "GIF", transparency=0)
        cid = f"track{rng.randrange(16**8):08x}@newsletter.exemple.test"
        extra = f'<img src="cid:{cid}" width="1" height="1" alt="">'
        atts.append(Leaf("image/gif", b.getvalue(), {"name": "spacer.gif"}, cte="base64", disp="inline", filename="spacer.gif", cid=cid))
    else:
        if kind == "logo" or kind == "banner":
            W, H = (220, 70) if kind == "logo" else (600, 90)
            im = Image.new("RGB", (W, H), (255, 255, 255))
            d = ImageDraw.Draw(im)
            d.rectangle([4, 4, H - 4, H - 4], fill=(0, 84, 147))
            d.text((16, H // 2 - 18), "+", font=font("bold", 34), fill=(255, 255, 255))
            d.text((H + 6, H // 2 - 12), rng.choice(ORGS)[:28], font=font("bold", 15), fill=(0, 84, 147))
            ims = [("image001.png", im)]
        elif kind == "icons":
            ims = []
            for j, c in enumerate([(59, 89, 152), (29, 161, 242), (0, 119, 181)]):
                im = Image.new("RGB", (32, 32), c)
                ImageDraw.Draw(im).text((9, 6), "fxi"[j], font=font("bold", 18), fill=(255, 255, 255))
                ims.append((f"image00{j + 1}.png", im))
        else:
            doc_name = rng.choice(DOCTORS) if kind == "signature" else rng.choice(STAFF)
            lines = [doc_name, rng.choice(["Médecin de famille", "Interniste", "Psychiatre", "Chef de service"] if kind == "signature" else ["Infirmière clinicienne", "Agente administrative", "Pharmacienne", "Archiviste médicale"]),
                     f"Permis {rng.randint(1, 2)}-{rng.randint(10000, 99999)}" if kind == "signature" else f"Matricule {rng.randint(100000, 999999)}",
                     f"Tél. 514 555-{rng.randint(1000, 9999)} poste {rng.randint(20000, 29999)}  Téléc. 514 555-{rng.randint(1000, 9999)}",
                     f"Local {rng.choice('ABC')}-{rng.randint(1, 9)}.{rng.randint(100, 199)} — {rng.choice(ORGS)}"]
            im = Image.new("RGB", (520, 120), (255, 255, 255))
            d = ImageDraw.Draw(im)
            for j, l in enumerate(lines):
                d.text((8, 6 + j * 22), l, font=font("bold" if j == 0 else "sans", 14, idx=j % 2), fill=(40, 40, 40))
            ims = [("image001.png", im)]
        for fn, im in ims:
            cid = f"{fn}@01DB{rng.randrange(16**4):04X}.{rng.randrange(16**8):08X}"
            extra += f'<img src="cid:{cid}" width="{im.size[0]}" height="{im.size[1]}">'
            atts.append(Leaf("image/png", png_bytes(im), {"name": fn}, cte="base64", disp="inline", filename=fn, cid=cid))
    html = html_of(txt, extra)
    alt = Multi("alternative", [text_part(rng, txt), Leaf("text/html", html.encode(), {"charset": '"utf-8"'}, cte="quoted-printable")])
    root = Multi("related", [alt] + atts, {"type": "multipart/alternative"})
    return build_email(rng, seed, rng.choice(SUBJECTS), root, from_name=me), kind


def cat_scanned_pdf(rng, label, i, seed):
    npages = [1, 2, 3, 2, 3, 1][i % 6]
    method = ["dct", "flate", "bilevel", "dct", "bilevel", "flate"][i % 6]
    dpi = [100, 100, 150, 100, 150, 100][i % 6]
    where = npages - 1 if npages > 1 else 0  # patient on the last page
    pages = []
    for pg in range(npages):
        if pg == where:
            doc, _ = make_doc(rng, label, i + 1)
        else:
            doc, _ = make_doc(rng, "negative", [4, 7, 8, 0][pg % 4] if label == "positive" else i + 2 + pg)
            if pg == 0 and npages > 1:
                doc = neg_doc(rng, "newsletter")
                doc["title"] = "BORDEREAU DE TRANSMISSION"
                doc["lines"] = [f"Nombre de pages : {npages}", "Merci de confirmer la réception."]
        W = int(8.5 * dpi)
        img = render_page(rng, doc, W, scale=dpi / 100, hand=rng.random() < 0.5, mode="RGB" if method == "dct" and i % 2 else "L")
        if method == "flate":
            img = degrade(rng, img, light=False, noise=0, blur=0.6).convert("L").point(lambda v: min(255, (v // 16) * 17))
        else:
            img = degrade(rng, img, noise=6, blur=0.5)
        pages.append((img, dpi, method))
    data = image_pdf(pages)
    return simple_mail(rng, seed, [attach("application/pdf", data, rng.choice(NAMES["pdf"]))]), f"{method}-{npages}p"


def cat_fax(rng, label, i, seed):
    fine = i % 2 == 0
    comp = "group4" if i % 3 != 1 else "group3"
    npages = [2, 3, 1, 2, 3, 2][i % 6]
    vdpi = 196 if fine else 98
    H = 2200 if fine else 1100
    frames = []
    for pg in range(npages):
        if pg == 0 and npages > 1:
            doc = neg_doc(rng, "directory")
            doc["title"] = "PAGE COUVERTURE — TÉLÉCOPIE"
            doc["fields"] = [("À", rng.choice(["Clinique des Rives", "GMF Exemple", "Pharmacie Exemple"])),
                             ("De", rng.choice(STAFF)), ("Pages", str(npages)), ("Objet", rng.choice(SUBJECTS))]
            doc["table"] = None
            doc["lines"] = ["CONFIDENTIALITÉ : ce document est destiné uniquement au destinataire."]
        else:
            doc, _ = make_doc(rng, label, i + 2 + pg)
        img = render_page(rng, doc, 1728, height=2200, scale=2.0, hand=rng.random() < 0.5)
        d = ImageDraw.Draw(img)
        d.rectangle([0, 0, 1728, 40], fill=255)
        hdr = f"2026-11-{rng.randint(1, 28):02d} {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}   DE: 514 555 {rng.randint(1000, 9999)}   {rng.choice(ORGS)[:30]}   P. {pg + 1:02d}/{npages:02d}"
        d.text((20, 8), hdr, font=font("mono", 22), fill=0)
        if not fine:
            img = img.resize((1728, H), Image.BILINEAR)
        img = img.rotate(rng.uniform(-0.8, 0.8), fillcolor=255)
        img = img.point(lambda v: 255 if v > 140 else 0).convert("1")
        d = ImageDraw.Draw(img)
        for _ in range(rng.randint(150, 500)):
            x, y = rng.randrange(1728), rng.randrange(H)
            r = rng.choice([0, 0, 1, 2])
            d.rectangle([x, y, x + r, y + r], fill=0)
        frames.append(img)
    b = io.BytesIO()
    frames[0].save(b, "TIFF", compression=comp, dpi=(204, vdpi), save_all=True, append_images=frames[1:])
    ct = rng.choice(["image/tiff", "image/tiff", "application/octet-stream"])
    return simple_mail(rng, seed, [attach(ct, b.getvalue(), rng.choice(NAMES["tif"]))]), f"{comp}-{'fine' if fine else 'std'}-{npages}p"


def cat_office_img(rng, label, i, seed):
    fmt = ["docx", "xlsx", "pptx"][i % 3]
    doc, _ = make_doc(rng, label, i + 6)
    img = render_snippet(rng, doc, width=rng.choice([600, 700, 760]))
    if i % 2:
        data, ext = jpeg_bytes(img, q=82), "jpeg"
    else:
        data, ext = png_bytes(img), "png"
    body = rng.sample(HARMLESS_BODY, 2)
    if fmt == "docx":
        f = docx(body + ["Voir l'image ci-dessous."], image=(data, img.size), img_ext=ext)
    elif fmt == "xlsx":
        f = xlsx([("Feuil1", [["Suivi"], [body[0]], ["Voir image"]], "visible")], image=(data, img.size), img_ext=ext)
    else:
        f = pptx([["Rencontre d'équipe"] + body], image=(data, img.size), img_ext=ext)
    return simple_mail(rng, seed, [attach(OOXML_CT[fmt], f, rng.choice(NAMES[fmt]))]), f"{fmt}-{ext}"


HIDDEN_VARIANTS = ["docx-header", "docx-footer", "docx-comment", "docx-ins", "docx-footnote", "docx-endnote",
                   "xlsx-hidden", "xlsx-veryhidden", "xlsx-comment", "xlsx-sheet2", "pptx-notes"]


def hidden_lines(rng, label, i):
    doc, p = make_doc(rng, label, i)
    if p is not None:
        short = [f"{p.name(1)} — {p.nam_label} {p.namf()}", f"{p.file_label} {p.fileno}, DDN {p.d()}", f"Dx : {p.health[0]}"]
    else:
        short = [l for l in doc_text_lines(doc) if l][:3]
    return doc, short


def cat_office_hidden(rng, label, i, seed):
    v = HIDDEN_VARIANTS[i % len(HIDDEN_VARIANTS)]
    doc, short = hidden_lines(rng, label, i + 1)
    body = rng.sample(HARMLESS_BODY, 3)
    if v.startswith("docx"):
        kw = {"header": "header", "footer": "footer", "comment": "comment", "ins": "ins", "footnote": "footnote", "endnote": "endnote"}[v.split("-")[1]]
        f = docx(body, **{kw: short})
        fmt = "docx"
    elif v.startswith("xlsx"):
        fmt = "xlsx"
        vis = [["Élément", "Responsable", "Échéance"], ["Révision du gabarit", rng.choice(STAFF), "2026-11-30"], ["Formation", rng.choice(STAFF), "2026-12-15"]]
        rows2 = [r.split(" | ") for r in doc_text_lines(doc) if r]
        rows2 = [r if len(r) > 1 else [r[0]] for r in rows2]
        if v == "xlsx-hidden":
            f = xlsx([("Suivi", vis, "visible"), ("Données", rows2, "hidden")])
        elif v == "xlsx-veryhidden":
            f = xlsx([("Suivi", vis, "visible"), ("Feuil2", rows2, "veryHidden")])
        elif v == "xlsx-comment":
            f = xlsx([("Suivi", vis, "visible")], comment=("B2", " / ".join(short)))
        else:
            f = xlsx([("Sommaire", vis, "visible"), ("Liste", rows2, "visible")])
    else:
        fmt = "pptx"
        f = pptx([["Rencontre interdisciplinaire"] + body[:2], ["Points divers", body[2]]], notes=short + [l for l in doc["lines"][:2]])
    return simple_mail(rng, seed, [attach(OOXML_CT[fmt], f, rng.choice(NAMES[fmt]))]), v


def cat_fillable(rng, label, i, seed):
    names = ["nom", "ddn", "nam", "dossier", "diagnostic", "medecin"]
    labels_ = ["Nom du patient", "Date de naissance", "No d'assurance maladie", "No de dossier", "Diagnostic / motif", "Médecin traitant"]
    title = rng.choice(["Demande de consultation", "Formulaire de transfert", "Requête de laboratoire", "Déclaration MADO"])
    if label == "positive":
        p = Patient(rng)
        vals = [p.name(rng.randrange(3)), p.d(),
                p.namf(), p.fileno, p.health[0] + " (suivi \\ à revoir)", rng.choice(DOCTORS)]
    else:
        mode = i % 3
        if mode == 0:
            vals = ["", "", "", "", "", ""]
        elif mode == 1:
            vals = ["PATIENT, Exemple (fictif)", "AAAA-MM-JJ", "XXXX 0000 0000", "000000", "(exemple de formation)", rng.choice(DOCTORS)]
        else:
            title = "Demande d'accès informatique"
            labels_ = ["Nom de l'employé(e)", "Date d'entrée", "Matricule", "Poste téléphonique", "Service", "Gestionnaire"]
            vals = [rng.choice(STAFF), "2026-11-02", str(rng.randint(100000, 999999)), f"poste {rng.randint(20000, 29999)}", rng.choice(UNITS), rng.choice(STAFF)]
    use_hex = [False, True, "mix", False, True, "mix"][i % 6]
    objstm = i % 2 == 1
    fields = list(zip(names, labels_, vals))
    data = form_pdf(rng, title, fields, use_hex, objstm)
    return simple_mail(rng, seed, [attach("application/pdf", data, rng.choice(NAMES["pdf"]))]), f"{'objstm' if objstm else 'xref'}-{'hex' if use_hex is True else ('mix' if use_hex else 'lit')}"


LEGACY_JOBS = []  # filled during build: (label, i, fmt, ooxml_bytes)


def legacy_source(rng, label, i):
    fmt = ["doc", "xls", "ppt", "doc", "xls", "doc"][i % 6]
    doc, _ = make_doc(rng, label, i + 4)
    lines = doc_text_lines(doc)
    if fmt == "doc":
        src = docx(lines)
    elif fmt == "xls":
        src = xlsx([("Feuil1", [l.split(" | ") for l in lines], "visible")])
    else:
        src = pptx([lines[1:2] + lines[2:10], ["Suite"] + lines[10:18]])
    return fmt, src


def cat_rtf(rng, label, i, seed):
    doc, _ = make_doc(rng, label, i + 7)
    data = make_rtf(rng, doc)
    how = ["application/rtf", "text/rtf", "application/octet-stream", "body", "application/rtf", "body"][i % 6]
    if how == "body":
        root = Leaf("text/rtf", data, {}, cte=rng.choice(["7bit", "base64", "quoted-printable"]))
        return build_email(rng, seed, rng.choice(SUBJECTS), root), "single-part-body"
    return simple_mail(rng, seed, [attach(how, data, rng.choice(NAMES["rtf"]))]), how.replace("/", "-")


def cat_unicode(rng, label, i, seed):
    doc, _ = make_doc(rng, label, i + 8)
    enc = ["utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "utf-32le-bom", "utf-32be-bom"][i % 6]
    kind = ["csv", "tsv", "txt"][i % 3]
    rows = []
    for k, v in doc["fields"]:
        rows.append([k, v])
    if doc["table"]:
        rows.extend(doc["table"])
    rows.extend([[l] for l in doc["lines"]])
    if kind == "csv":
        sio = io.StringIO()
        w = csv.writer(sio, delimiter=";", lineterminator="\r\n")
        w.writerow([doc["title"]])
        w.writerows(rows)
        text = sio.getvalue()
        fn = rng.choice(["export.csv", "donnees.csv", "extraction.csv"])
    elif kind == "tsv":
        text = "\r\n".join("\t".join(r) for r in [[doc["title"]]] + rows) + "\r\n"
        fn = rng.choice(["rapport.tsv", "export.txt", "extraction.tab"])
    else:
        text = "\r\n".join(doc_text_lines(doc)) + "\r\n"
        fn = rng.choice(["liste.txt", "extraction.txt", "notes.txt"])
    base, bom = enc.replace("-bom", ""), enc.endswith("-bom")
    data = text.encode(base)
    if bom:
        data = {"utf-16le": b"\xff\xfe", "utf-16be": b"\xfe\xff", "utf-32le": b"\xff\xfe\x00\x00", "utf-32be": b"\x00\x00\xfe\xff"}[base] + data
    ctype = rng.choice(["application/octet-stream", "text/plain", "text/csv"])
    att = Leaf(ctype, data, {}, cte="base64", disp="attachment", filename=fn)
    if ctype.startswith("text/") and rng.random() < 0.5:
        att.params = {"charset": '"utf-16"' if "16" in base else '"utf-32"'}
    return simple_mail(rng, seed, [att]), f"{enc}-{kind}"


def tar_bytes(files, gz=False):
    b = io.BytesIO()
    mode = "w"
    if gz:
        g = gzip.GzipFile(filename="", mode="wb", fileobj=b, mtime=FIXED_EPOCH)
        target = g
    else:
        target = b
    with tarfile.open(fileobj=target, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = FIXED_EPOCH
            ti.mode = 0o644
            ti.uid = ti.gid = 1000
            ti.uname = ti.gname = "user"
            t.addfile(ti, io.BytesIO(data))
    if gz:
        g.close()
    return b.getvalue()


def sevenz_bytes(files):
    import py7zr
    tmp = tempfile.mkdtemp(prefix="holdout7z-")
    try:
        paths = []
        for name, data in files:
            p = os.path.join(tmp, name)
            with open(p, "wb") as fh:
                fh.write(data)
            os.chmod(p, 0o644)
            os.utime(p, (FIXED_EPOCH, FIXED_EPOCH))
            paths.append((p, name))
        out = os.path.join(tmp, "out.7z")
        with py7zr.SevenZipFile(out, "w") as z:
            for p, name in paths:
                z.write(p, name)
        with open(out, "rb") as fh:
            data = fh.read()
        with py7zr.SevenZipFile(io.BytesIO(data), "r") as z:  # read back
            names = z.getnames()
        assert sorted(names) == sorted(n for n, _ in files), names
        return data
    finally:
        shutil.rmtree(tmp)


def cat_archive(rng, label, i, seed):
    kind = ["zip", "nested-zip", "tar", "tar-gz", "gz", "7z", "zip-in-tgz"][i % 7]
    doc, _ = make_doc(rng, label, i + 9)
    text = ("\r\n".join(doc_text_lines(doc)) + "\r\n").encode(rng.choice(["utf-8", "cp1252"]))
    inner_name = rng.choice(["export.txt", "liste.csv", "rapport.txt", "note.txt"])
    readme = ("Fichiers exportés le 2026-11-02. Contactez le soutien informatique, poste 4" + str(rng.randint(1000, 9999)) + ".\r\n").encode()
    files = [("LISEZMOI.txt", readme), (inner_name, text)]
    if kind == "zip":
        data, fn, ct = zip_bytes(files), rng.choice(["documents.zip", "archive.zip", "envoi.zip"]), "application/zip"
    elif kind == "nested-zip":
        inner = zip_bytes([(inner_name, text)])
        data, fn, ct = zip_bytes([("LISEZMOI.txt", readme), ("export/lot1.zip", inner)]), rng.choice(["documents.zip", "archive.zip"]), "application/x-zip-compressed"
    elif kind == "tar":
        data, fn, ct = tar_bytes(files), "envoi.tar", "application/x-tar"
    elif kind == "tar-gz":
        data, fn, ct = tar_bytes(files, gz=True), "fichiers.tar.gz", "application/gzip"
    elif kind == "gz":
        b = io.BytesIO()
        with gzip.GzipFile(filename=inner_name, mode="wb", fileobj=b, mtime=FIXED_EPOCH) as g:
            g.write(text)
        data, fn, ct = b.getvalue(), inner_name + ".gz", "application/x-gzip"
    elif kind == "7z":
        data, fn, ct = sevenz_bytes(files), "archive.7z", "application/x-7z-compressed"
    else:
        z = zip_bytes(files)
        data, fn, ct = tar_bytes([("envoi/lot.zip", z)], gz=True), "lot.tgz", "application/octet-stream"
    return simple_mail(rng, seed, [attach(ct, data, fn)]), kind


def cat_encodings(rng, label, i, seed):
    kind = ["qp-latin1", "qp-cp1252", "b64-plain", "b64-html", "subject-b", "subject-q", "rfc2231-filename"][i % 7]
    doc, p = make_doc(rng, label, i + 10)
    me = rng.choice(STAFF)
    if kind in ("qp-latin1", "qp-cp1252", "b64-plain", "b64-html"):
        lines = ["Bonjour,", "", "Voici les informations :", ""] + doc_text_lines(doc) + ["", "Merci « d'avance » — " + me]
        txt = "\r\n".join(lines) + "\r\n"
        if kind == "qp-latin1":
            root = Leaf("text/plain", txt.encode("iso-8859-1", "replace"), {"charset": '"iso-8859-1"'}, cte="quoted-printable")
        elif kind == "qp-cp1252":
            root = Leaf("text/plain", txt.encode("cp1252", "replace"), {"charset": '"windows-1252"'}, cte="quoted-printable")
        elif kind == "b64-plain":
            root = Leaf("text/plain", txt.encode("utf-8"), {"charset": '"utf-8"'}, cte="base64")
        else:
            html = html_of("\n".join(lines))
            root = Leaf("text/html", html.encode("utf-8"), {"charset": '"utf-8"'}, cte="base64")
        return build_email(rng, seed, rng.choice(SUBJECTS), root, from_name=me), kind
    if p is not None:
        short = f"{p.name(1)} {p.nam_label} {p.namf()} — {p.health[0][:34]}"
        fname = f"{strip_accents(p.surname).replace(' ', '_')}_{p.given}_{p.nam}_{p.health[0].split(' ')[0]}.pdf"
    else:
        short = rng.choice(["Gabarit NAM XXXX 0000 0000 — formulaire VIH révisé", "Commande MEDX 2401 0915 — lot 24A0931 reçu",
                            "Horaire de garde — matricule 104233, télé-avert. 4412", "Statistiques MADO — 14 cas région, données agrégées"])
        fname = rng.choice(["Gabarit_NAM_XXXX0000000_VIH_révisé.pdf", "Commande_MEDX24010915_lot_24A0931_reçue.pdf",
                            "Procès-verbal_comité_qualité_2026-10.pdf", "Statistiques_MADO_région_agrégées.pdf"])
    txt, _ = cover(rng, me)
    if kind == "subject-b":
        subj = enc_subject(short, rng, "B")
        return build_email(rng, seed, short, Multi("mixed", [text_part(rng, txt)]), from_name=me, subject_raw=subj), kind
    if kind == "subject-q":
        return build_email(rng, seed, short, Multi("mixed", [text_part(rng, txt)]), from_name=me, subject_raw=enc_subject(short, rng, "Q")), kind
    # RFC 2231 filename; attachment content is a harmless blank template PDF
    blank = form_pdf(rng, "Formulaire", [("champ1", "Champ", "")], False, False)
    q = "".join(c if (c.isalnum() and ord(c) < 128) or c in "._-" else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in fname)
    raw = f"filename*=utf-8''{q}"
    att = Leaf("application/pdf", blank, {}, cte="base64", disp="attachment", filename=None, filename_raw=raw)
    att.extra = []
    return build_email(rng, seed, rng.choice(SUBJECTS), Multi("mixed", [text_part(rng, txt), att]), from_name=me), kind


def cat_tnef(rng, label, i, seed):
    kind = ["attach", "attbody", "prbody", "rtf", "attach", "attbody"][i % 6]
    doc, _ = make_doc(rng, label, i + 11)
    text = "\n".join(doc_text_lines(doc)) + "\n"
    subj = rng.choice(SUBJECTS)
    harmless = "Bonjour,\n\nVoir le document joint.\n\nMerci\n"
    if kind == "attach":
        fn = rng.choice(["document.txt", "note.rtf", "liste.csv"])
        data = make_rtf(rng, doc) if fn.endswith(".rtf") else text.replace("\n", "\r\n").encode("cp1252", "replace")
        w = tnef(rng, subj, body=harmless, attachments=[(fn, data)])
    elif kind == "attbody":
        w = tnef(rng, subj, body=text)
    elif kind == "prbody":
        w = tnef(rng, subj, props=[(0x001E, 0x0037, subj.encode("cp1252") + b"\0"),
                                   (0x001E, 0x1000, text.replace("\n", "\r\n").encode("cp1252", "replace") + b"\0")])
    else:
        w = tnef(rng, subj, props=[(0x000B, 0x0E1F, 1), (0x0102, 0x1009, mela(make_rtf(rng, doc)))])
    txt, me = cover(rng)
    parts = [text_part(rng, txt), Leaf("application/ms-tnef", w, {"name": "winmail.dat"}, cte="base64", disp="attachment", filename="winmail.dat")]
    return build_email(rng, seed, subj, Multi("mixed", parts), from_name=me), kind


def cat_legacy(rng, label, i, seed, converted):
    fmt, data = converted
    ct = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}[fmt]
    return simple_mail(rng, seed, [attach(ct, data, rng.choice(NAMES[fmt]))]), fmt


# ---------------------------------------------------------------- LibreOffice
def convert_legacy(jobs):
    """jobs: list of (key, fmt, ooxml_bytes). Returns {key: bytes}."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (LibreOffice) is required for the legacy-office category")
    tmp = tempfile.mkdtemp(prefix="holdout-lo-")
    try:
        prof = os.path.join(tmp, "profile")
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(FIXED_EPOCH), TZ="UTC", LANG="C.UTF-8", HOME=tmp)
        res = {}
        for fmt, src_ext, filt in (("doc", "docx", "doc:MS Word 97"), ("xls", "xlsx", "xls:MS Excel 97"), ("ppt", "pptx", "ppt:MS PowerPoint 97")):
            sub = [j for j in jobs if j[1] == fmt]
            if not sub:
                continue
            indir = os.path.join(tmp, "in_" + fmt)
            outdir = os.path.join(tmp, "out_" + fmt)
            os.makedirs(indir)
            for key, _, data in sub:
                with open(os.path.join(indir, f"{key}.{src_ext}"), "wb") as fh:
                    fh.write(data)
            cmd = [soffice, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore", "--convert-to", filt,
                   "--outdir", outdir] + sorted(os.path.join(indir, f"{k}.{src_ext}") for k, _, _ in sub)
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
            for key, _, _ in sub:
                with open(os.path.join(outdir, f"{key}.{fmt}"), "rb") as fh:
                    res[key] = fh.read()
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- main
PLAN = [  # category, n_pos, n_neg, builder
    ("screenshot", 6, 6, cat_screenshot),
    ("scan", 6, 6, cat_scan),
    ("inline-image", 6, 6, cat_inline),
    ("small-images", 0, 6, cat_small),
    ("scanned-pdf", 6, 6, cat_scanned_pdf),
    ("fax-tiff", 6, 6, cat_fax),
    ("office-embedded-image", 6, 6, cat_office_img),
    ("office-hidden-parts", 11, 11, cat_office_hidden),
    ("fillable-pdf", 6, 6, cat_fillable),
    ("legacy-office", 6, 6, None),
    ("rich-text", 6, 6, cat_rtf),
    ("unicode-text", 6, 6, cat_unicode),
    ("archives", 7, 7, cat_archive),
    ("encodings", 7, 7, cat_encodings),
    ("tnef", 6, 6, cat_tnef),
]


def mkrng(s):
    return random.Random(int.from_bytes(hashlib.sha256(s.encode()).digest(), "big"))


def slugify(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:40]


def main():
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    # legacy sources first, converted in one LibreOffice batch
    legacy_src = []
    for label in ("positive", "negative"):
        for i in range(6):
            rng = mkrng(f"legacy-src|{label}|{i}")
            fmt, src = legacy_source(rng, label, i)
            legacy_src.append((f"{label[:3]}{i}", fmt, src))
    converted = convert_legacy(legacy_src)
    counters = {"positive": 0, "negative": 0}
    rows = []
    for cat, npos, nneg, fn in PLAN:
        for label, n in (("positive", npos), ("negative", nneg)):
            for i in range(n):
                seed = f"{cat}|{label}|{i}"
                rng = mkrng(seed)
                if cat == "legacy-office":
                    key = f"{label[:3]}{i}"
                    fmt = [j for j in legacy_src if j[0] == key][0][1]
                    data, slug = cat_legacy(rng, label, i, seed, (fmt, converted[key]))
                else:
                    data, slug = fn(rng, label, i, seed)
                counters[label] += 1
                name = f"{counters[label]:03d}-{cat}-{slugify(slug)}.eml"
                rel = f"{label}/{name}"
                with open(os.path.join(HERE, rel), "wb") as fh:
                    fh.write(data)
                rows.append((rel, label, cat))
    with open(os.path.join(HERE, "labels.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "label", "category"])
        w.writerows(rows)
    print(f"wrote {counters['positive']} positive, {counters['negative']} negative")


if __name__ == "__main__":
    main()
