#!/usr/bin/env python3
"""Generate the 'forms-next' held-out corpus for Sentinelle.

Deterministic: every random choice comes from random.Random(SEED); no clock is
read. Only the LibreOffice conversions (legacy-office) produce bytes that may
differ from one run to the next.

Usage:  python3 generate.py            (writes positive/, negative/, labels.csv)
Needs:  Pillow, LibreOffice (soffice) for .doc/.xls/.ppt.
"""
import csv
import datetime as dt
import gzip
import io
import os
import random
import shutil
import subprocess
import tarfile
import tempfile
import time
import zipfile
from email import policy
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from email import encoders
from email.header import Header
from email.charset import Charset, QP
from xml.sax.saxutils import escape as xesc

from PIL import Image, ImageDraw, ImageFont

SEED = "sentinelle-holdout-forms-next-2026"
HERE = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
R = random.Random(SEED)


def font(size, bold=False, mono=False):
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    if bold:
        name += "-Bold"
    return ImageFont.truetype(os.path.join(FONT_DIR, name + ".ttf"), size)


# ---------------------------------------------------------------- fake people
SURNAMES = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
            "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
            "Leblanc", "Paquette", "Girard", "Simard", "Boucher", "Caron", "Beaulieu",
            "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre",
            "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martel", "Bédard", "Grenier",
            "Lessard", "Bernier", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte",
            "Lachance", "Parent", "Blais", "Gosselin", "Savard", "Proulx", "Beaudoin",
            "Demers", "Perreault", "Boudreau", "Lemieux", "Cyr", "Perron", "Dufour", "Dion",
            "Mercier", "Bolduc", "Bérubé", "Ng", "Nguyen", "MacDonald", "O'Neill", "Li",
            "Wilson", "Chartrand", "Laflamme", "Vachon", "Jean-Baptiste", "Ouimet"]
FEMALE = ["Marie", "Julie", "Isabelle", "Nathalie", "Catherine", "Sophie", "Mélanie",
          "Geneviève", "Chantal", "Sylvie", "Émilie", "Camille", "Léa", "Chloé", "Florence",
          "Jeanne", "Gabrielle", "Lucie", "Monique", "Diane", "Josée", "Karine", "Valérie",
          "Audrey", "Rose", "Alice", "Ginette", "Francine", "Maude", "Élodie"]
MALE = ["Jean", "Pierre", "Michel", "François", "Luc", "Martin", "Stéphane", "Éric",
        "Sébastien", "Mathieu", "Alexandre", "Gabriel", "Louis", "William", "Thomas", "Félix",
        "Olivier", "Nicolas", "Marc", "Denis", "Réjean", "Gilles", "Yves", "André", "Samuel",
        "Jacob", "Liam", "Noah", "Raymond", "Benoît"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CITIES = [("Québec", "G1"), ("Sherbrooke", "J1"), ("Trois-Rivières", "G8"), ("Rimouski", "G5"),
          ("Laval", "H7"), ("Gatineau", "J8"), ("Saguenay", "G7"), ("Lévis", "G6"),
          ("Montréal", "H2"), ("Drummondville", "J2"), ("Saint-Jérôme", "J7")]
STREETS = ["rue Principale", "boul. Laurier", "rue des Érables", "avenue Cartier",
           "rue King Ouest", "chemin du Lac", "rue Notre-Dame", "boul. Talbot", "rue Racine"]
DIAG = ["Diabète de type 2", "Hypertension artérielle", "MPOC", "Insuffisance cardiaque",
        "Fibrillation auriculaire", "Asthme", "Dépression majeure", "Néoplasie du sein",
        "Insuffisance rénale chronique st. 3", "Arthrite rhumatoïde", "Épilepsie",
        "Maladie de Crohn", "Trouble anxieux généralisé", "Hypothyroïdie", "Pneumonie",
        "Fracture de la hanche", "Démence de type Alzheimer", "Cancer colorectal"]
DIAG_EN = ["Type 2 diabetes", "Hypertension", "COPD exacerbation", "Heart failure",
           "Atrial fibrillation", "Community-acquired pneumonia", "Major depression",
           "Chronic kidney disease", "Hip fracture", "Crohn's disease"]
MEDS = ["Metformine 500 mg PO BID", "Ramipril 5 mg PO DIE", "Atorvastatine 20 mg PO HS",
        "Apixaban 5 mg PO BID", "Salbutamol 100 mcg 2 inh. PRN", "Sertraline 50 mg PO DIE",
        "Lévothyroxine 75 mcg PO DIE", "Furosémide 40 mg PO DIE", "Pantoprazole 40 mg PO DIE",
        "Insuline glargine 18 U SC HS", "Hydromorphone 1 mg PO q4h PRN", "Bisoprolol 2,5 mg DIE"]
ESTABS = [("CIUSSS de l'Estrie-CHUS", "chus-estrie.example"),
          ("CISSS des Laurentides", "cissslaurentides.example"),
          ("Hôpital Sainte-Anne-des-Monts", "hsadm.example"),
          ("CHU de Québec", "chudequebec.example"),
          ("GMF Les Trois-Rivières", "gmf-trv.example"),
          ("Clinique médicale du Parc", "cliniqueduparc.example"),
          ("CISSS du Bas-Saint-Laurent", "cisssbsl.example"),
          ("Hôpital de Gatineau", "hopitalgatineau.example")]
OUT_DOMAINS = ["gmail.example", "outlook.example", "videotron.example", "hotmail.example",
               "clinique-dentaire-bellevue.example", "physio-plus.example",
               "assurances-boreal.example", "yahoo.example"]


def strip_accents(s):
    table = str.maketrans("ÀÂÄÉÈÊËÎÏÔÖÙÛÜÇàâäéèêëîïôöùûüç", "AAAEEEEIIOOUUUCaaaeeeeiioouuuc")
    return s.translate(table)


def luhn_sin(rng):
    while True:
        d = [rng.randint(1, 7)] + [rng.randint(0, 9) for _ in range(7)]
        tot = 0
        for i, x in enumerate(d):
            if i % 2 == 1:
                x *= 2
                x = x - 9 if x > 9 else x
            tot += x
        c = (10 - tot % 10) % 10
        s = "".join(map(str, d + [c]))
        return f"{s[0:3]} {s[3:6]} {s[6:9]}"


class Person:
    def __init__(self, rng, sex=None, y0=1930, y1=2015):
        self.sex = sex or rng.choice("FM")
        self.given = rng.choice(FEMALE if self.sex == "F" else MALE)
        self.sur = rng.choice(SURNAMES)
        self.dob = dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))
        letters = "".join(c for c in strip_accents(self.sur).upper() if c.isalpha())
        p3 = (letters + "XXX")[:3]
        g1 = strip_accents(self.given)[0].upper()
        mm = self.dob.month + (50 if self.sex == "F" else 0)
        self.nam = f"{p3}{g1} {self.dob.year % 100:02d}{mm:02d} {self.dob.day:02d}{rng.randint(0, 99):02d}"
        self.dossier = str(rng.randint(100000, 9999999))
        self.mrn = rng.choice(["H", "M", "C", ""]) + str(rng.randint(1000000, 9999999))
        self.sin = luhn_sin(rng)
        city, pc = rng.choice(CITIES)
        self.address = (f"{rng.randint(12, 9800)}, {rng.choice(STREETS)}, {city} (Québec) "
                        f"{pc}{rng.choice('ABCEGHJKLMNPRSTVXY')} {rng.randint(1, 9)}"
                        f"{rng.choice('ABCEGHJKLMNPRSTVWXYZ')}{rng.randint(0, 9)}")
        self.phone = f"{rng.choice(['418', '819', '514', '450', '581', '873'])}-555-{rng.randint(100, 9999):04d}"

    @property
    def full(self):
        return f"{self.given} {self.sur}"

    @property
    def banner(self):
        return f"{strip_accents(self.sur).upper()}, {self.given}"

    def ddn(self, rng, en=False):
        d = self.dob
        if en:
            return rng.choice([d.isoformat(), f"{MONTHS[d.month-1]} {d.day}, {d.year}",
                               f"{d.month:02d}/{d.day:02d}/{d.year}"])
        return rng.choice([d.isoformat(), f"{d.day:02d}/{d.month:02d}/{d.year}",
                           f"{d.day} {MOIS[d.month-1]} {d.year}", f"{d.year}/{d.month:02d}/{d.day:02d}"])

    def nam_fmt(self, rng):
        return self.nam if rng.random() < 0.8 else self.nam.replace(" ", "")

    def age(self, ref=dt.date(2026, 3, 1)):
        return ref.year - self.dob.year - ((ref.month, ref.day) < (self.dob.month, self.dob.day))


def doctor(rng):
    p = Person(rng)
    return ("Dre " if p.sex == "F" else "Dr ") + p.full


def ref_date(rng):
    return dt.date(2026, rng.randint(1, 11), rng.randint(1, 28))


# ---------------------------------------------------------------- content
# A document is a list of blocks (kind, text): title, banner (boxed), h (heading),
# t (text), m (monospace table row, cells separated by " | ").

def pos_fiche(rng):
    p = Person(rng)
    b = [("title", "Dossier clinique informatisé — Sommaire"),
         ("banner", f"{p.banner}   ({p.sex})   {p.age()} ans"),
         ("banner", f"DDN : {p.ddn(rng)}    NAM : {p.nam_fmt(rng)}"),
         ("banner", f"No de dossier : {p.dossier}"),
         ("h", "Médication active")]
    for m in rng.sample(MEDS, 4):
        b.append(("m", m))
    b += [("h", "Problèmes actifs"), ("t", " ; ".join(rng.sample(DIAG, 2))),
          ("t", f"Allergies : {rng.choice(['Pénicilline', 'Sulfamides', 'Aucune connue', 'Codéine'])}")]
    return "fiche", b


def pos_referral(rng):
    p = Person(rng)
    d = doctor(rng)
    b = [("title", "DEMANDE DE CONSULTATION"),
         ("t", f"Service demandé : {rng.choice(['Cardiologie', 'Neurologie', 'Gastro-entérologie', 'Psychiatrie', 'Orthopédie'])}"),
         ("t", f"Priorité : {rng.choice(['A (3 jours)', 'B (10 jours)', 'C (28 jours)', 'D (3 mois)'])}"),
         ("h", "Identification de l'usager"),
         ("t", f"Nom : {p.sur}   Prénom : {p.given}"),
         ("t", f"Date de naissance : {p.ddn(rng)}"),
         ("t", f"NAM : {p.nam_fmt(rng)}    Exp. : {rng.randint(2026, 2030)}-{rng.randint(1, 12):02d}"),
         ("t", f"Adresse : {p.address}"),
         ("h", "Raison de la consultation"),
         ("t", f"{rng.choice(DIAG)}, détérioration depuis 2 mois."),
         ("t", f"Médecin référent : {d}   Permis {rng.randint(10000, 99999)}")]
    return "referral", b


def pos_labs(rng):
    p = Person(rng)
    b = [("title", "Résultats de laboratoire"),
         ("banner", f"Usager : {p.banner}   Dossier : {p.dossier}"),
         ("banner", f"Né(e) le {p.ddn(rng)}"),
         ("m", "Analyse | Résultat | Valeurs de réf."),
         ("m", f"Hémoglobine | {rng.randint(85, 160)} g/L | 120-160"),
         ("m", f"Créatinine | {rng.randint(50, 240)} umol/L | 50-110"),
         ("m", f"HbA1c | {rng.randint(50, 110) / 10:.1f} % | < 6,0"),
         ("m", f"Potassium | {rng.randint(32, 58) / 10:.1f} mmol/L | 3,5-5,0"),
         ("t", f"Prélevé le {ref_date(rng).isoformat()} — validé par le biochimiste")]
    return "labs", b


def pos_rdv(rng):
    b = [("title", f"Liste des rendez-vous — {ref_date(rng).isoformat()}"),
         ("t", f"Clinique externe de {rng.choice(['diabétologie', 'pneumologie', 'gériatrie', 'oncologie'])}"),
         ("m", "Heure | Usager | DDN | Motif")]
    for h in range(rng.randint(4, 6)):
        p = Person(rng)
        b.append(("m", f"{8 + h}:{rng.choice(['00', '15', '30', '45'])} | {p.banner} | {p.dob.isoformat()} | {rng.choice(['Suivi', 'Résultats', 'Nouveau cas', 'Ajustement Rx'])}"))
    return "rdv", b


def pos_list_diag(rng):
    b = [("title", "Liste des usagers hospitalisés — Unité 4B"),
         ("m", "Lit | Usager | Dossier | Diagnostic")]
    for i in range(rng.randint(4, 6)):
        p = Person(rng)
        b.append(("m", f"{400 + i * 2} | {p.full} | {p.dossier} | {rng.choice(DIAG)}"))
    b.append(("t", "Document imprimé pour le rapport interservices."))
    return "liste-diag", b


def pos_sin(rng):
    p = Person(rng, y0=1950, y1=2000)
    b = [("title", "Formulaire de réclamation — invalidité"),
         ("t", f"Nom de la personne assurée : {p.full}"),
         ("t", f"Date de naissance : {p.ddn(rng)}"),
         ("t", f"Numéro d'assurance sociale (NAS) : {p.sin}"),
         ("t", f"Adresse : {p.address}"),
         ("h", "Déclaration du médecin traitant"),
         ("t", f"Diagnostic : {rng.choice(DIAG)}"),
         ("t", f"Arrêt de travail du {ref_date(rng).isoformat()} pour 8 semaines")]
    return "nas", b


def pos_discharge_en(rng):
    p = Person(rng)
    b = [("title", "DISCHARGE SUMMARY"),
         ("banner", f"Patient: {p.full}    DOB: {p.ddn(rng, en=True)}"),
         ("banner", f"MRN: {p.mrn}    Health card: {p.nam_fmt(rng)}"),
         ("h", "Admission diagnosis"), ("t", rng.choice(DIAG_EN)),
         ("h", "Hospital course"),
         ("t", "Treated with IV antibiotics, improved after 72 h."),
         ("h", "Discharge medications")]
    for m in rng.sample(MEDS, 3):
        b.append(("m", m))
    return "discharge", b


def pos_imaging(rng):
    p = Person(rng)
    b = [("title", "Requête — Imagerie médicale"),
         ("t", f"Examen : {rng.choice(['TDM abdomen avec contraste', 'IRM cérébrale', 'Échographie pelvienne', 'Radiographie pulmonaire PA/LAT'])}"),
         ("t", f"Usager : {p.full}"),
         ("t", f"NAM : {p.nam_fmt(rng)}   DDN : {p.ddn(rng)}"),
         ("t", f"Renseignements cliniques : {rng.choice(DIAG)}"),
         ("t", f"Créatinine récente : {rng.randint(60, 140)} umol/L"),
         ("t", f"Prescripteur : {doctor(rng)}")]
    return "imagerie", b


def pos_rx(rng):
    p = Person(rng)
    b = [("title", "ORDONNANCE"),
         ("t", f"Patient(e) : {p.full}"),
         ("t", f"Né(e) le : {p.ddn(rng)}   Dossier : {p.dossier}"),
         ("t", f"Poids : {rng.randint(45, 110)} kg"), ("h", "Rx")]
    for m in rng.sample(MEDS, 3):
        b.append(("m", m + " x 30 jours, 2 renouvellements"))
    b.append(("t", f"Signature : {doctor(rng)}"))
    return "ordonnance", b


POS = [pos_fiche, pos_referral, pos_labs, pos_rdv, pos_list_diag, pos_sin,
       pos_discharge_en, pos_imaging, pos_rx]


def neg_protocol(rng):
    drug = rng.choice(["Héparine IV", "Insuline IV", "Kétamine (sédation procédurale)", "Vancomycine"])
    b = [("title", f"Protocole infirmier — {drug}"),
         ("t", f"Version {rng.randint(2, 9)}.{rng.randint(0, 9)} — approuvé par le CMDP"),
         ("h", "Indications"), ("t", f"{rng.choice(DIAG)} ; {rng.choice(DIAG)}"),
         ("h", "Posologie"),
         ("m", "Poids (kg) | Bolus | Perfusion"),
         ("m", "50-69 | 4000 U | 900 U/h"), ("m", "70-89 | 5000 U | 1200 U/h"),
         ("m", ">= 90 | 6000 U | 1500 U/h"),
         ("t", "Contrôle du TCA 6 h après chaque changement de débit.")]
    return "protocole", b


def neg_stats(rng):
    b = [("title", f"Statistiques de l'urgence — {rng.choice(MOIS)} 2026"),
         ("t", "Données agrégées, aucune donnée nominative."),
         ("m", "Diagnostic principal | Visites | DMS (h)")]
    for d in rng.sample(DIAG, 5):
        b.append(("m", f"{d} | {rng.randint(12, 480)} | {rng.randint(30, 240) / 10:.1f}"))
    b.append(("t", f"Taux d'occupation des civières : {rng.randint(80, 160)} %"))
    return "stats", b


def neg_schedule(rng):
    d0 = ref_date(rng)
    b = [("title", "Horaire du personnel infirmier — Unité de soins 3A"),
         ("t", f"Semaine du {d0.day} {MOIS[d0.month-1]} 2026"),
         ("m", "Employé(e) | Titre | Date | Quart")]
    for i in range(5):
        s = Person(rng)
        dd = d0 + dt.timedelta(days=i)
        b.append(("m", f"{s.full} | {rng.choice(['Inf.', 'Inf. aux.', 'PAB', 'ASI'])} | {dd.isoformat()} | {rng.choice(['Jour', 'Soir', 'Nuit'])}"))
    b.append(("t", "Échanges de quarts : aviser l'ASI 48 h à l'avance."))
    return "horaire", b


def neg_training(rng):
    b = [("title", "Formation — Cas simulé no " + str(rng.randint(1, 12))),
         ("banner", "Usager : PATIENT, Fictif   (mannequin de simulation)"),
         ("banner", "DDN : AAAA-MM-JJ    NAM : XXXX 0000 0000"),
         ("h", "Scénario"),
         ("t", f"Homme de 70 ans, {rng.choice(DIAG).lower()}, dyspnée aiguë."),
         ("t", "Objectif : reconnaître la détérioration clinique."),
         ("h", "Questions"), ("t", "1. Quels signes vitaux surveiller ?"),
         ("t", "2. Quand appeler l'équipe de réponse rapide ?")]
    return "formation", b


def neg_invoice(rng):
    b = [("title", f"FACTURE no {rng.randint(100000, 999999)}"),
         ("t", f"Fournisseur : {rng.choice(['Médi-Distribution inc.', 'Fournitures Boréal', 'LabEquip Canada'])}"),
         ("t", f"Date : {ref_date(rng).isoformat()}   Bon de commande : {rng.randint(4500000000, 4599999999)}"),
         ("m", "Code produit | Description | Qté | Prix")]
    for _ in range(4):
        code = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(4)) + f" {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        b.append(("m", f"{code} | {rng.choice(['Gants nitrile M', 'Seringues 10 mL', 'Cathéter IV 20G', 'Compresses 4x4', 'Masques N95'])} | {rng.randint(1, 40)} | {rng.randint(10, 900)},00 $"))
    b.append(("t", f"TPS 5 % / TVQ 9,975 % — No TVQ {rng.randint(1000000000, 1999999999)} TQ0001"))
    return "facture", b


def neg_equipment(rng):
    b = [("title", "Registre d'entretien — équipement biomédical"),
         ("m", "Appareil | No de série | Dernier entretien")]
    for _ in range(5):
        b.append(("m", f"{rng.choice(['Pompe volumétrique', 'Moniteur cardiaque', 'Défibrillateur', 'Lit électrique', 'Saturomètre'])} | SN {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} | {ref_date(rng).isoformat()}"))
    b.append(("t", f"Technicien : {Person(rng).full}, génie biomédical"))
    return "entretien", b


def neg_minutes(rng):
    d0 = ref_date(rng)
    people = [Person(rng) for _ in range(4)]
    b = [("title", "Procès-verbal — Comité de prévention des infections"),
         ("t", f"Réunion du {d0.day} {MOIS[d0.month-1]} 2026, salle B-214"),
         ("t", "Présents : " + ", ".join(p.full for p in people[:3])),
         ("t", f"Absente : {people[3].full}"),
         ("h", "Points discutés"),
         ("t", "1. Éclosion de C. difficile : 4 cas, unité fermée 10 jours."),
         ("t", "2. Audit hygiène des mains : conformité 78 %."),
         ("t", f"Prochaine réunion : {(d0 + dt.timedelta(days=28)).isoformat()}")]
    return "pv", b


def neg_deid(rng):
    age = rng.randint(25, 90)
    b = [("title", "Présentation de cas (dépersonnalisée)"),
         ("t", f"Usager A, {rng.choice(['homme', 'femme'])} de {age} ans."),
         ("t", f"Antécédents : {rng.choice(DIAG)}, {rng.choice(DIAG)}."),
         ("t", f"Motif : {rng.choice(DIAG).lower()} décompensé(e)."),
         ("h", "Évolution"),
         ("t", "Amélioration après ajustement de la médication."),
         ("t", "Toutes les données identificatoires ont été retirées.")]
    return "cas-deid", b


def neg_audit_en(rng):
    b = [("title", "Hand Hygiene Audit — Quarterly Results"),
         ("m", "Unit | Observations | Compliance")]
    for u in rng.sample(["ICU", "Emergency", "4 North", "Oncology", "Pediatrics", "Surgery"], 5):
        b.append(("m", f"{u} | {rng.randint(40, 300)} | {rng.randint(55, 98)} %"))
    b.append(("t", "Target: 80 %. Contact the IPAC team for coaching."))
    return "audit", b


def neg_phone(rng):
    b = [("title", "Bottin téléphonique — Département de médecine"),
         ("m", "Nom | Fonction | Poste")]
    for _ in range(5):
        s = Person(rng)
        b.append(("m", f"{s.full} | {rng.choice(['Secrétaire', 'Chef de service', 'Pharmacienne', 'Inf. clinicienne', 'Archiviste'])} | {rng.randint(20000, 29999)}"))
    b.append(("t", "Urgence : composer le 55 puis le numéro du poste."))
    return "bottin", b


def neg_blank_emr(rng):
    b = [("title", "Dossier clinique informatisé — Recherche"),
         ("banner", "Aucun usager sélectionné"),
         ("banner", "Nom : ________   DDN : ________   NAM : ________"),
         ("h", "Rechercher par"),
         ("t", "No de dossier, NAM ou nom et date de naissance"),
         ("h", "Messages du système"),
         ("t", f"Maintenance prévue le {ref_date(rng).isoformat()} de 0 h à 2 h."),
         ("t", "Version 12.4.1 — Soutien : poste 4444")]
    return "dci-vide", b


NEG = [neg_protocol, neg_stats, neg_schedule, neg_training, neg_invoice, neg_equipment,
       neg_minutes, neg_deid, neg_audit_en, neg_phone, neg_blank_emr]


def content(rng, positive, pool=None):
    fns = POS if positive else NEG
    return rng.choice(pool or fns)(rng)


def flat_lines(blocks):
    return [t for _, t in blocks]


# ---------------------------------------------------------------- rendering
def render(blocks, rng, style="paper", width=None, base=24):
    """Dark-on-light rendering; smallest text height >= 20 px."""
    f_t, f_h, f_n = font(base + 10, True), font(base + 2, True), font(base)
    f_m = font(base - 2, mono=True)
    measure = ImageDraw.Draw(Image.new("L", (10, 10)))
    lines = []
    for kind, text in blocks:
        f = {"title": f_t, "h": f_h, "m": f_m}.get(kind, f_n)
        if kind == "m":
            text = "  ".join(c.strip() for c in text.split("|"))
        lines.append((kind, text, f))
    maxw = max(measure.textlength(t, font=f) for _, t, f in lines)
    W = width or int(maxw + 140)
    W = max(W, int(maxw + 120))
    top = 110 if style == "screen" else 120
    H = top + sum(int(f.size * 1.6) for _, _, f in lines) + 80
    if style == "paper" and rng.random() < 0.7:
        H = max(H, int(W * 1.25))
    bg = (255, 255, 255) if style == "screen" else (250, 249, 244)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    if style == "screen":
        d.rectangle([0, 0, W, 44], fill=(214, 224, 238))
        d.text((16, 8), rng.choice(["DCI Laurentien 12", "MédiDossier Pro", "SIDOC-Plus", "ClinAxis Web"]),
               font=font(24, True), fill=(20, 30, 60))
        x = 16
        for tab in ["Sommaire", "Médication", "Résultats", "Rendez-vous", "Notes"]:
            tw = d.textlength(tab, font=font(20))
            d.rectangle([x - 6, 52, x + tw + 6, 90], outline=(150, 160, 180), fill=(240, 243, 248))
            d.text((x, 58), tab, font=font(20), fill=(30, 30, 30))
            x += tw + 28
    if style == "paper":
        est = rng.choice(ESTABS)[0]
        d.rectangle([40, 30, 84, 74], outline=(40, 40, 40), width=3)
        d.text((100, 34), est, font=font(24, True), fill=(25, 25, 25))
        d.line([40, 92, W - 40, 92], fill=(60, 60, 60), width=2)
    y = top
    banner_start = None
    for i, (kind, text, f) in enumerate(lines):
        lh = int(f.size * 1.6)
        if kind == "banner" and banner_start is None:
            banner_start = y
        if kind != "banner" and banner_start is not None:
            d.rectangle([40, banner_start - 6, W - 40, y - 4], outline=(120, 90, 20), width=2)
            banner_start = None
        if kind == "banner":
            d.rectangle([42, y - 4, W - 42, y + lh - 6], fill=(255, 246, 200))
        d.text((60, y), text, font=f, fill=(15, 15, 15))
        y += lh
    if banner_start is not None:
        d.rectangle([40, banner_start - 6, W - 40, y - 4], outline=(120, 90, 20), width=2)
    return img


def noise_layer(rng, size, amp):
    w, h = size
    n = Image.frombytes("L", size, rng.randbytes(w * h))
    return n.point(lambda v: 128 + (v - 128) * amp // 128)


def scanify(img, rng, angle=None):
    g = img.convert("L")
    angle = rng.uniform(-2.5, 2.5) if angle is None else angle
    g = g.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=235)
    n = noise_layer(rng, g.size, 9)
    from PIL import ImageChops
    g = ImageChops.add(g, n, 1.0, -128)
    return g


def to_bytes(img, fmt, **kw):
    bio = io.BytesIO()
    if fmt == "PNG" and img.mode == "RGB":
        img = img.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(bio, fmt, **kw)
    return bio.getvalue()


def faxify(img, rng, header):
    g = img.convert("L")
    W = max(g.width, 1400)
    page = Image.new("L", (W, g.height + 60), 255)
    page.paste(g, (0, 60))
    ImageDraw.Draw(page).text((20, 14), header, font=font(22, mono=True), fill=0)
    page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)
    return page.point(lambda v: 0 if v < 170 else 255).convert("1", dither=Image.NONE)


def fax_header(rng, page, total):
    d = ref_date(rng)
    return (f"{d.isoformat()} {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}  DE: "
            f"{rng.choice(['418', '819', '450'])}-555-{rng.randint(1000, 9999)}  P.{page:02d}/{total:02d}")


# ---------------------------------------------------------------- office builders
FIXED = (2026, 1, 15, 9, 30, 0)


def zip_bytes(parts):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return bio.getvalue()


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XMLH = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def w_par(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{xesc(text)}</w:t></w:r></w:p>'


def w_blocks(blocks):
    return "".join(w_par(t, k in ("title", "h")) for k, t in blocks)


def make_docx(body_xml, header=None, footer=None, comments=None, image=None, core_title=None):
    """body_xml: inner XML of w:body (without sectPr). comments: list of (id, author, text)."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Default Extension="png" ContentType="image/png"/>',
          '<Default Extension="jpeg" ContentType="image/jpeg"/>',
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    rels = []
    parts = []
    sect = ""
    if header is not None:
        ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        rels.append(f'<Relationship Id="rIdH1" Type="{REL}header" Target="header1.xml"/>')
        parts.append(("word/header1.xml", XMLH + f"<w:hdr {W_NS}>{header}</w:hdr>"))
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer is not None:
        ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        rels.append(f'<Relationship Id="rIdF1" Type="{REL}footer" Target="footer1.xml"/>')
        parts.append(("word/footer1.xml", XMLH + f"<w:ftr {W_NS}>{footer}</w:ftr>"))
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comments:
        ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
        rels.append(f'<Relationship Id="rIdC1" Type="{REL}comments" Target="comments.xml"/>')
        cx = "".join(f'<w:comment w:id="{i}" w:author="{xesc(a)}" w:date="2026-02-03T10:00:00Z" w:initials="{xesc(a[:1])}">{w_par(t)}</w:comment>'
                     for i, a, t in comments)
        parts.append(("word/comments.xml", XMLH + f"<w:comments {W_NS}>{cx}</w:comments>"))
    if image is not None:
        data, w_px, h_px, ext = image
        rels.append(f'<Relationship Id="rIdImg1" Type="{REL}image" Target="media/image1.{ext}"/>')
        parts.append((f"word/media/image1.{ext}", data))
    sect = f'<w:sectPr>{sect}<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    doc = XMLH + f"<w:document {W_NS}><w:body>{body_xml}{sect}</w:body></w:document>"
    title = xesc(core_title or "Document")
    core = (XMLH + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{title}</dc:title><dc:creator>Utilisateur</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-15T09:30:00Z</dcterms:created></cp:coreProperties>')
    out = [("[Content_Types].xml", XMLH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"),
           ("_rels/.rels", XMLH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
           ("word/document.xml", doc),
           ("word/_rels/document.xml.rels", XMLH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>"),
           ("docProps/core.xml", core)] + parts
    return zip_bytes(out)


def w_image_par(w_px, h_px, max_emu=5900000):
    cx = w_px * 9525
    cy = h_px * 9525
    if cx > max_emu:
        cy = cy * max_emu // cx
        cx = max_emu
    return ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Image 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="image1"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="rIdImg1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r></w:p>')


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def blocks_rows(blocks):
    return [[c.strip() for c in t.split("|")] if k == "m" else [t] for k, t in blocks]


def make_xlsx(sheets):
    """sheets: list of dict(name, rows, hidden=False, comments=[(ref, author, text)])."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    parts, wb_sheets, wb_rels = [], [], []
    ncom = 0
    for n, sh in enumerate(sheets, 1):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        state = ' state="hidden"' if sh.get("hidden") else ""
        wb_sheets.append(f'<sheet name="{xesc(sh["name"])}" sheetId="{n}"{state} r:id="rId{n}"/>')
        wb_rels.append(f'<Relationship Id="rId{n}" Type="{REL}worksheet" Target="worksheets/sheet{n}.xml"/>')
        rows = []
        for r, row in enumerate(sh["rows"], 1):
            cells = "".join(f'<c r="{col(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{xesc(v)}</t></is></c>'
                            for c, v in enumerate(row))
            rows.append(f'<row r="{r}">{cells}</row>')
        ws = (XMLH + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
              f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
        parts.append((f"xl/worksheets/sheet{n}.xml", ws))
        if sh.get("comments"):
            ncom += 1
            ct.append(f'<Override PartName="/xl/comments{ncom}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>')
            authors = sorted({a for _, a, _ in sh["comments"]})
            cl = "".join(f'<comment ref="{ref}" authorId="{authors.index(a)}"><text><r><t xml:space="preserve">{xesc(t)}</t></r></text></comment>'
                         for ref, a, t in sh["comments"])
            parts.append((f"xl/comments{ncom}.xml", XMLH + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
                          + "".join(f"<author>{xesc(a)}</author>" for a in authors) + f"</authors><commentList>{cl}</commentList></comments>"))
            parts.append((f"xl/worksheets/_rels/sheet{n}.xml.rels", XMLH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                          f'<Relationship Id="rIdc1" Type="{REL}comments" Target="../comments{ncom}.xml"/></Relationships>'))
    wb_rels.append(f'<Relationship Id="rIdS" Type="{REL}styles" Target="styles.xml"/>')
    styles = (XMLH + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>')
    out = [("[Content_Types].xml", XMLH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"),
           ("_rels/.rels", XMLH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="xl/workbook.xml"/></Relationships>'),
           ("xl/workbook.xml", XMLH + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{"".join(wb_sheets)}</sheets></workbook>'),
           ("xl/_rels/workbook.xml.rels", XMLH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(wb_rels) + "</Relationships>"),
           ("xl/styles.xml", styles)] + parts
    return zip_bytes(out)


def make_fodp(slides):
    """Flat ODF presentation; slides: list of list of strings."""
    pages = []
    for i, lines in enumerate(slides, 1):
        ps = "".join(f"<text:p>{xesc(l)}</text:p>" for l in lines)
        pages.append(f'<draw:page draw:name="page{i}" draw:master-page-name="Default">'
                     f'<draw:frame svg:x="1.5cm" svg:y="1.5cm" svg:width="25cm" svg:height="16cm">'
                     f'<draw:text-box>{ps}</draw:text-box></draw:frame></draw:page>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
            'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
            'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
            'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
            'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">'
            '<office:master-styles><style:master-page style:name="Default"/></office:master-styles>'
            f'<office:body><office:presentation>{"".join(pages)}</office:presentation></office:body></office:document>').encode("utf-8")


# ---------------------------------------------------------------- PDF builders
def pdf_str(s, rng):
    if all(ord(c) < 128 for c in s):
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    if rng.random() < 0.5:
        return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"
    out = "("
    for c in s:
        o = ord(c)
        if c in "()\\":
            out += "\\" + c
        elif o < 128:
            out += c
        elif o < 256:
            out += "\\%03o" % o
        else:
            out += "?"
    return out + ")"


def pdf_text(s):
    b = s.encode("cp1252", "replace")
    out = ""
    for ch in b:
        c = chr(ch)
        if c in "()\\":
            out += "\\" + c
        elif ch < 128:
            out += c
        else:
            out += "\\%03o" % ch
    return "(" + out + ")"


def make_pdf(objs):
    """objs: list of bytes (object bodies), object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    x = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    return bytes(out)


def fillable_pdf(title, fields, rng):
    """fields: list of (name, label, value). Labels go on the page, values only in /V."""
    content = [f"BT /F1 18 Tf 60 740 Td {pdf_text(title)} Tj ET"]
    annots = []
    y = 690
    n_fields = len(fields)
    first = 6
    for i, (name, label, value) in enumerate(fields):
        content.append(f"BT /F1 11 Tf 60 {y} Td {pdf_text(label)} Tj ET")
        content.append(f"0.6 G 220 {y - 6} 320 20 re S")
        annots.append((name, value, [220, y - 6, 540, y + 14]))
        y -= 40
    stream = "\n".join(content).encode("latin-1")
    objs = [None] * (5 + n_fields)
    refs = " ".join(f"{first + i} 0 R" for i in range(n_fields))
    objs[0] = (f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] /NeedAppearances true "
               f"/DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >> >>").encode()
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs[2] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               f"/Resources << /Font << /F1 5 0 R >> >> /Annots [{refs}] >>").encode()
    objs[3] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    for i, (name, value, rect) in enumerate(annots):
        objs[5 + i] = (f"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /T {pdf_str(name, rng)} "
                       f"/V {pdf_str(value, rng)} /Rect [{' '.join(map(str, rect))}] /P 3 0 R "
                       f"/DA (/Helv 10 Tf 0 g) >>").encode("latin-1")
    return make_pdf(objs)


# ---------------------------------------------------------------- text encodings
def rtf(blocks, rng):
    mode_u = rng.random() < 0.5

    def enc(s):
        o = ""
        for c in s:
            n = ord(c)
            if c in "\\{}":
                o += "\\" + c
            elif n < 128:
                o += c
            elif n < 256 and not mode_u:
                o += "\\'%02x" % n
            else:
                try:
                    fb = "\\'%02x" % c.encode("cp1252")[0]
                except UnicodeEncodeError:
                    fb = "?"
                o += "\\u%d%s" % (n if n < 32768 else n - 65536, fb)
        return o
    body = []
    for k, t in blocks:
        if k in ("title", "h"):
            body.append("{\\pard\\b\\fs28 " + enc(t) + "\\par}")
        elif k == "m":
            body.append("{\\pard\\f1\\fs20 " + enc(t).replace(" | ", "\\tab ") + "\\par}")
        else:
            body.append("{\\pard\\fs22 " + enc(t) + "\\par}")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}}\r\n"
            + "\r\n".join(body) + "\r\n}").encode("ascii")


def encode_text(text, which):
    if which == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if which == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if which == "utf-16-le":
        return text.encode("utf-16-le")
    if which == "utf-16-be":
        return text.encode("utf-16-be")
    if which == "utf-32-le-bom":
        return b"\xff\xfe\x00\x00" + text.encode("utf-32-le")
    if which == "utf-32-be":
        return text.encode("utf-32-be")
    raise ValueError(which)


def blocks_text(blocks):
    return "\r\n".join(t for _, t in blocks) + "\r\n"


def blocks_csv(blocks, sep=";"):
    rows = blocks_rows(blocks)
    return "\r\n".join(sep.join(r) for r in rows) + "\r\n"


def tar_bytes(files, compress=False):
    bio = io.BytesIO()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 1768469400
            ti.mode = 0o644
            ti.uname = ti.gname = "user"
            t.addfile(ti, io.BytesIO(data))
    data = raw.getvalue()
    if not compress:
        return data
    with gzip.GzipFile(fileobj=bio, mode="wb", mtime=0, filename="") as g:
        g.write(data)
    return bio.getvalue()


def gz_bytes(data, name):
    bio = io.BytesIO()
    with gzip.GzipFile(fileobj=bio, mode="wb", mtime=0, filename=name) as g:
        g.write(data)
    return bio.getvalue()


# ---------------------------------------------------------------- categories
# Each builder returns dict(slug, atts=[(filename, mime, bytes)], html=None,
# inline=[(cid, mime, bytes)], convert=None). Filenames are drawn from the same
# neutral pools for both labels.

_CYCLES = {}


def cycle(key, options):
    """Deterministic round-robin so that every variant of a category is covered."""
    n = _CYCLES.get(key, 0)
    _CYCLES[key] = n + 1
    return options[n % len(options)]


def pick_name(rng, stem_pool, ext):
    return f"{rng.choice(stem_pool)}{rng.choice(['', '_' + str(rng.randint(1, 999)), '-' + str(rng.randint(2025, 2026))])}.{ext}"


STEMS = ["document", "numerisation", "scan", "capture", "piece_jointe", "fichier", "image",
         "doc", "envoi", "IMG", "copie", "attachment"]


def c_screenshot(rng, pos):
    if pos:
        slug, b = content(rng, True, [pos_fiche, pos_labs, pos_rdv, pos_rx, pos_discharge_en])
    else:
        slug, b = content(rng, False, [neg_blank_emr, neg_stats, neg_schedule, neg_protocol, neg_training, neg_audit_en])
    img = render(b, rng, "screen", width=rng.choice([1280, 1366, 1440]), base=rng.choice([22, 24]))
    return dict(slug=slug, atts=[(pick_name(rng, ["capture", "Capture d’écran", "screenshot", "image"], "png"), "image/png", to_bytes(img, "PNG", optimize=True))])


def c_scan(rng, pos):
    if pos:
        slug, b = content(rng, True, [pos_referral, pos_imaging, pos_rx, pos_sin, pos_labs])
    else:
        slug, b = content(rng, False, [neg_invoice, neg_minutes, neg_deid, neg_training, neg_equipment, neg_protocol])
    img = scanify(render(b, rng, "paper", base=26), rng)
    kw = dict(quality=rng.choice([45, 50, 60]))
    o = cycle(("scan", pos), [1, 6, 1, 8, 3, 1])
    if o != 1:
        img = img.transpose({6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}[o])
        ex = Image.Exif()
        ex[0x0112] = o
        kw["exif"] = ex.tobytes()
    return dict(slug=f"{slug}-exif{o}" if o != 1 else slug,
                atts=[(pick_name(rng, ["numerisation", "scan", "IMG", "photo"], rng.choice(["jpg", "jpeg"])), "image/jpeg", to_bytes(img, "JPEG", **kw))])


def c_inline(rng, pos):
    if pos:
        slug, b = content(rng, True, [pos_fiche, pos_list_diag, pos_rdv, pos_labs, pos_discharge_en])
    else:
        slug, b = content(rng, False, [neg_stats, neg_phone, neg_schedule, neg_audit_en, neg_deid])
    img = render(b, rng, rng.choice(["screen", "paper"]), base=22)
    cid = f"img{rng.randint(10000, 99999)}@{rng.choice(['sentinelle', 'mail', 'local'])}.example"
    html = (f"<html><body><p>{rng.choice(['Bonjour,', 'Hello,', 'Salut,'])}</p>"
            f"<p>{rng.choice(['Voir ci-dessous.', 'Voici la capture.', 'See below.', 'Comme convenu.'])}</p>"
            f'<p><img src="cid:{cid}" alt="image" width="{img.width // 2}"></p><p>Merci</p></body></html>')
    return dict(slug=slug, atts=[], html=html, inline=[(cid, "image/png", to_bytes(img, "PNG", optimize=True))])


def logo(rng, name):
    f = font(22, True)
    w = int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(name, font=f)) + 70
    img = Image.new("RGB", (w, 56), (255, 255, 255))
    d = ImageDraw.Draw(img)
    color = rng.choice([(0, 70, 140), (0, 110, 60), (130, 20, 40)])
    d.ellipse([8, 8, 48, 48], fill=color)
    d.rectangle([24, 14, 32, 42], fill=(255, 255, 255))
    d.rectangle([14, 24, 42, 32], fill=(255, 255, 255))
    d.text((58, 14), name, font=f, fill=color)
    return img


def signature(rng):
    p = Person(rng)
    est = rng.choice(ESTABS)[0]
    lines = [("Dre " if p.sex == "F" else "Dr ") + p.full + ", M.D.",
             rng.choice(["Médecine familiale", "Chirurgie générale", "Pédiatrie", "Archives médicales"]),
             est, f"Tél. {p.phone} poste {rng.randint(1000, 9999)}"]
    f = font(20)
    w = int(max(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(l, font=f) for l in lines)) + 30
    img = Image.new("RGB", (w, 30 * len(lines) + 16), (255, 255, 255))
    d = ImageDraw.Draw(img)
    for i, l in enumerate(lines):
        d.text((12, 8 + 30 * i), l, font=font(20, i == 0), fill=(30, 30, 60))
    return img


def c_small(rng, pos):
    assert not pos
    kind = cycle("small", ["sig-inline", "logo-inline", "logo-att", "sig-att", "pixel-banner"])
    est = rng.choice(ESTABS)[0]
    if kind in ("sig-inline", "logo-inline", "pixel-banner"):
        inl = []
        cid1 = f"logo{rng.randint(100, 999)}@sig.example"
        inl.append((cid1, "image/png", to_bytes(logo(rng, est), "PNG", optimize=True)))
        extra = ""
        if kind == "sig-inline":
            cid2 = f"sig{rng.randint(100, 999)}@sig.example"
            inl.append((cid2, "image/png", to_bytes(signature(rng), "PNG", optimize=True)))
            extra = f'<br><img src="cid:{cid2}" alt="signature">'
        if kind == "pixel-banner":
            cid2 = f"px{rng.randint(100, 999)}@sig.example"
            inl.append((cid2, "image/gif", to_bytes(Image.new("P", (1, 1), 0), "GIF")))
            extra = f'<img src="cid:{cid2}" width="1" height="1" alt="">'
        html = (f"<html><body><p>{rng.choice(['Voici le document.', 'Comme discuté.', 'As discussed.'])}</p>"
                f'<p>--<br><img src="cid:{cid1}" alt="logo">{extra}</p>'
                "<p style='font-size:9px'>Ce courriel est confidentiel. Si vous l'avez reçu par erreur, "
                "veuillez le détruire.</p></body></html>")
        return dict(slug=kind, atts=[], html=html, inline=inl)
    img = logo(rng, est) if kind == "logo-att" else signature(rng)
    fmt = rng.choice(["PNG", "GIF", "JPEG"])
    if fmt == "GIF":
        img = img.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    ext = {"PNG": "png", "GIF": "gif", "JPEG": "jpg"}[fmt]
    return dict(slug=kind, atts=[(f"{rng.choice(['logo', 'image001', 'signature', 'outlook_sig'])}.{ext}",
                                  f"image/{'jpeg' if fmt == 'JPEG' else ext}", to_bytes(img, fmt))])


def c_scanned_pdf(rng, pos):
    n = rng.choice([1, 2, 2, 3])
    where = rng.randrange(n)
    pages = []
    slug = None
    fax = rng.random() < 0.5
    for i in range(n):
        if i == where:
            s, b = content(rng, pos, [pos_referral, pos_labs, pos_list_diag, pos_sin, pos_imaging] if pos else None)
            slug = s
        else:
            s, b = content(rng, False, [neg_protocol, neg_minutes, neg_audit_en])
            b = [("title", "PAGE COUVERTURE — TÉLÉCOPIE" if rng.random() < 0.6 else b[0][1])] + (
                [("t", "Nombre de pages : %d" % n), ("t", "Confidentialité : voir avis au bas de la page")] if rng.random() < 0.6 else b[1:])
        img = render(b, rng, "paper", base=26)
        if fax:
            pages.append(faxify(img, rng, fax_header(rng, i + 1, n)))
        else:
            pages.append(scanify(img, rng))
    bio = io.BytesIO()
    fixed = time.strptime("2026-01-15 09:30:00", "%Y-%m-%d %H:%M:%S")
    pages[0].save(bio, "PDF", save_all=True, append_images=pages[1:], resolution=150, **({} if fax else {"quality": 45}),
                  creationDate=fixed, modDate=fixed, title="Numérisation", producer="Scanner")
    return dict(slug=f"{slug}-{'fax' if fax else 'scan'}-p{where + 1}of{n}", atts=[(pick_name(rng, ["fax", "numerisation", "scan", "document"], "pdf"), "application/pdf", bio.getvalue())])


def c_fax_tiff(rng, pos):
    n = rng.choice([2, 3])
    where = rng.randrange(n)
    pages, slug = [], None
    for i in range(n):
        if i == where:
            slug, b = content(rng, pos, [pos_referral, pos_rx, pos_labs, pos_rdv, pos_imaging] if pos else [neg_invoice, neg_schedule, neg_minutes, neg_training, neg_equipment])
        elif i == 0:
            b = [("title", "TÉLÉCOPIE"), ("t", f"À : {rng.choice(ESTABS)[0]}"), ("t", f"Pages : {n}"),
                 ("t", "Avis : ce document est destiné uniquement au destinataire.")]
        else:
            b = [("title", "Suite de la transmission"), ("t", "Page laissée intentionnellement vide."),
                 ("t", "En cas de problème de réception, rappeler l'expéditeur.")]
        pages.append(faxify(render(b, rng, "paper", base=26), rng, fax_header(rng, i + 1, n)))
    comp = rng.choice(["group4", "tiff_lzw"])
    bio = io.BytesIO()
    pages[0].save(bio, "TIFF", save_all=True, append_images=pages[1:], compression=comp, dpi=(200, 200))
    return dict(slug=f"{slug}-{comp.replace('tiff_', '')}", atts=[(pick_name(rng, ["fax", "FAX", "telecopie", "document"], rng.choice(["tif", "tiff"])), "image/tiff", bio.getvalue())])


NEUTRAL_DOC = ["Veuillez trouver l'image ci-dessous.", "Voir la pièce ci-dessous.", "Document numérisé :",
               "See picture below.", "Copie pour information."]


def c_office_img(rng, pos):
    slug, b = content(rng, pos, [pos_referral, pos_fiche, pos_list_diag, pos_labs, pos_rx] if pos else None)
    img = render(b, rng, rng.choice(["paper", "screen"]), base=24)
    ext = rng.choice(["png", "jpeg"])
    data = to_bytes(img, "PNG" if ext == "png" else "JPEG", **({"optimize": True} if ext == "png" else {"quality": 70}))
    body = w_par(rng.choice(NEUTRAL_DOC)) + w_image_par(img.width, img.height) + w_par("")
    d = make_docx(body, image=(data, img.width, img.height, ext), core_title="Document")
    return dict(slug=slug, atts=[(pick_name(rng, STEMS, "docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", d)])


def c_office_hidden(rng, pos):
    kind = cycle(("hidden", pos), ["header", "xlsx-hidden", "comment", "del", "footer", "xlsx-comment", "ins", "xlsx-second"])
    visible_slug, visible = content(rng, False, [neg_protocol, neg_minutes, neg_audit_en, neg_stats])
    if pos:
        p = Person(rng)
        secret = rng.choice([f"{p.full}, DDN {p.ddn(rng)}, NAM {p.nam_fmt(rng)}",
                             f"Usager : {p.banner} — dossier {p.dossier} — {rng.choice(DIAG)}",
                             f"Cas index : {p.full} (né(e) le {p.ddn(rng)}), {rng.choice(DIAG).lower()}",
                             f"NAS {p.sin} — {p.full}, {p.address}"])
        sslug, sblocks = content(rng, True, [pos_list_diag, pos_rdv])
    else:
        s = Person(rng)
        secret = rng.choice([f"Révisé par {s.full}, {ref_date(rng).isoformat()}",
                             f"Réf. interne PRT-{rng.randint(1000, 9999)}-{rng.randint(10, 99)} — page 1",
                             f"À valider avec {s.full} (poste {rng.randint(20000, 29999)}) avant le {ref_date(rng).isoformat()}",
                             "Document de formation — patients fictifs seulement"])
        sslug, sblocks = content(rng, False, [neg_schedule, neg_equipment, neg_invoice])
    slug = kind
    if kind.startswith("xlsx"):
        sheets = [dict(name=rng.choice(["Sommaire", "Feuil1", "Données"]), rows=blocks_rows(visible))]
        if kind == "xlsx-comment":
            sheets[0]["comments"] = [(f"B{rng.randint(2, 5)}", rng.choice(["Utilisateur", "Archives", "admin"]), secret)]
        else:
            sheets.append(dict(name=rng.choice(["Feuil2", "Liste", "Détail"]), rows=blocks_rows(sblocks),
                               hidden=(kind == "xlsx-hidden")))
        d = make_xlsx(sheets)
        return dict(slug=slug, atts=[(pick_name(rng, STEMS, "xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", d)])
    body = w_blocks(visible)
    kw = {}
    author = rng.choice(["Utilisateur", "Archives médicales", "Secrétariat"])
    if kind == "header":
        kw["header"] = w_par(secret)
    elif kind == "footer":
        kw["footer"] = w_par(secret)
    elif kind == "comment":
        body = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">'
                f'{xesc(visible[0][1])}</w:t></w:r><w:commentRangeEnd w:id="0"/>'
                '<w:r><w:commentReference w:id="0"/></w:r></w:p>') + w_blocks(visible[1:])
        kw["comments"] = [(0, author, secret)]
    elif kind == "ins":
        body += (f'<w:p><w:ins w:id="1" w:author="{xesc(author)}" w:date="2026-02-03T10:00:00Z">'
                 f'<w:r><w:t xml:space="preserve">{xesc(secret)}</w:t></w:r></w:ins></w:p>')
    elif kind == "del":
        body += (f'<w:p><w:del w:id="1" w:author="{xesc(author)}" w:date="2026-02-03T10:00:00Z">'
                 f'<w:r><w:delText xml:space="preserve">{xesc(secret)}</w:delText></w:r></w:del></w:p>')
    d = make_docx(body, **kw)
    return dict(slug=slug, atts=[(pick_name(rng, STEMS, "docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", d)])


def c_fillable(rng, pos):
    if pos:
        p = Person(rng)
        kind = cycle("fill+", ["consult", "assurance", "admission"])
        if kind == "assurance":
            fields = [("nom", "Nom", p.sur), ("prenom", "Prénom", p.given),
                      ("naissance", "Date de naissance", p.ddn(rng)), ("nas", "NAS", p.sin),
                      ("diagnostic", "Diagnostic", rng.choice(DIAG))]
            title = "Attestation médicale — assureur"
        else:
            fields = [("Nom_usager", "Nom de l'usager", p.banner),
                      ("DDN", "Date de naissance", p.ddn(rng)),
                      ("NAM", "No d'assurance maladie", p.nam_fmt(rng)),
                      ("Dossier", "No de dossier", p.dossier),
                      ("Motif", "Motif", rng.choice(DIAG)),
                      ("Medecin", "Médecin", doctor(rng))]
            title = "Demande de consultation" if kind == "consult" else "Formulaire d'admission"
        slug = kind
    else:
        kind = cycle("fill-", ["vide", "materiel", "formation", "sondage"])
        if kind == "vide":
            fields = [("Nom_usager", "Nom de l'usager", ""), ("DDN", "Date de naissance", ""),
                      ("NAM", "No d'assurance maladie", ""), ("Dossier", "No de dossier", ""),
                      ("Motif", "Motif", "")]
            title = "Demande de consultation"
        elif kind == "materiel":
            fields = [("demandeur", "Demandeur", Person(rng).full), ("service", "Service", "Bloc opératoire"),
                      ("code", "Code produit", f"MXQT {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"),
                      ("quantite", "Quantité", str(rng.randint(2, 50))),
                      ("date", "Date requise", ref_date(rng).isoformat())]
            title = "Réquisition de matériel"
        elif kind == "formation":
            fields = [("participant", "Participant(e)", Person(rng).full),
                      ("cours", "Formation", "RCR — soins avancés"),
                      ("date", "Date de la formation", ref_date(rng).isoformat()),
                      ("note", "Résultat", "Réussi")]
            title = "Attestation de formation"
        else:
            fields = [("age", "Groupe d'âge", rng.choice(["18-34", "35-64", "65 et +"])),
                      ("service", "Service reçu", rng.choice(["Urgence", "Clinique externe"])),
                      ("satisfaction", "Satisfaction (1-5)", str(rng.randint(1, 5))),
                      ("commentaire", "Commentaire", "Attente longue mais personnel aimable.")]
            title = "Sondage de satisfaction (anonyme)"
        slug = kind
    return dict(slug=slug, atts=[(pick_name(rng, ["formulaire", "form", "document", "demande"], "pdf"), "application/pdf", fillable_pdf(title, fields, rng))])


LEGACY_SEQ = {True: ["doc", "xls", "ppt", "doc", "xls", "doc"], False: ["xls", "doc", "doc", "ppt", "xls", "doc"]}
LEGACY_N = {True: 0, False: 0}


def c_legacy(rng, pos):
    # .ppt output from LibreOffice is ~450 KB, so only one per label
    kind = LEGACY_SEQ[pos][LEGACY_N[pos] % 6]
    LEGACY_N[pos] += 1
    slug, b = content(rng, pos)
    if kind == "doc":
        src, ext = make_docx(w_blocks(b)), "docx"
        conv, mime = "doc:MS Word 97", "application/msword"
    elif kind == "xls":
        src, ext = make_xlsx([dict(name="Feuil1", rows=blocks_rows(b))]), "xlsx"
        conv, mime = "xls:MS Excel 97", "application/vnd.ms-excel"
    else:
        lines = flat_lines(b)
        src, ext = make_fodp([lines[:1], lines[1:]]), "fodp"
        conv, mime = "ppt:MS PowerPoint 97", "application/vnd.ms-powerpoint"
    return dict(slug=f"{slug}-{kind}", atts=[], convert=(src, ext, conv, kind, mime, pick_name(rng, STEMS, kind)))


def c_rtf(rng, pos):
    slug, b = content(rng, pos)
    return dict(slug=slug, atts=[(pick_name(rng, STEMS, "rtf"), rng.choice(["application/rtf", "text/rtf"]), rtf(b, rng))])


def c_unicode(rng, pos):
    slug, b = content(rng, pos)
    enc = cycle(("enc", pos), ["utf-16-le-bom", "utf-16-be", "utf-32-le-bom", "utf-16-le", "utf-16-be-bom", "utf-32-be"])
    if rng.random() < 0.4 and any(k == "m" for k, _ in b):
        text, ext = blocks_csv(b, rng.choice([";", ",", "\t"])), "csv"
    else:
        text, ext = blocks_text(b), "txt"
    cs = {"utf-16-le-bom": "utf-16", "utf-16-be-bom": "utf-16", "utf-16-le": "utf-16le",
          "utf-16-be": "utf-16be", "utf-32-le-bom": "utf-32", "utf-32-be": "utf-32be"}[enc]
    mime = rng.choice([f"text/plain; charset={cs}", "application/octet-stream"])
    return dict(slug=f"{slug}-{enc}", atts=[(pick_name(rng, STEMS, ext), mime, encode_text(text, enc))])


def c_tar(rng, pos):
    kind = cycle(("tar", pos), ["tar", "tar.gz", "gz", "tgz"])
    slug, b = content(rng, pos)
    inner_kind = cycle(("tarin", pos), ["csv", "docx", "txt"])
    if inner_kind == "csv":
        inner = blocks_csv(b).encode(rng.choice(["utf-8", "cp1252"]))
    elif inner_kind == "txt":
        inner = blocks_text(b).encode("utf-8")
    else:
        inner = make_docx(w_blocks(b))
    iname = pick_name(rng, ["export", "donnees", "rapport", "liste"], inner_kind)
    if kind == "gz":
        data = gz_bytes(inner, iname)
        return dict(slug=f"{slug}-{inner_kind}-gz", atts=[(iname + ".gz", "application/gzip", data)])
    files = [("LISEZMOI.txt", "Export automatique.\r\n".encode()), (f"export/{iname}", inner)]
    data = tar_bytes(files, compress=(kind != "tar"))
    mime = "application/x-tar" if kind == "tar" else "application/gzip"
    return dict(slug=f"{slug}-{inner_kind}-{kind.replace('.', '')}", atts=[(pick_name(rng, ["archive", "export", "envoi"], kind), mime, data)])


# category -> (builder, n_positive, n_negative)
CATEGORIES = [
    ("screenshot", c_screenshot, 6, 5),
    ("scan", c_scan, 6, 5),
    ("inline-image", c_inline, 6, 5),
    ("small-images", c_small, 0, 7),
    ("scanned-pdf", c_scanned_pdf, 6, 5),
    ("fax-tiff", c_fax_tiff, 6, 5),
    ("office-embedded-image", c_office_img, 6, 5),
    ("office-hidden-parts", c_office_hidden, 8, 8),
    ("fillable-pdf", c_fillable, 6, 6),
    ("legacy-office", c_legacy, 6, 6),
    ("rich-text", c_rtf, 6, 5),
    ("unicode-text", c_unicode, 6, 6),
    ("tar-gzip", c_tar, 6, 5),
]


# ---------------------------------------------------------------- e-mail
BODIES = ["Bonjour,\n\nVoici le document.\n\nMerci", "Bonjour,\n\nTel que discuté, voir pièce jointe.\n\nBonne journée",
          "Hello,\n\nAs discussed, see attached.\n\nThanks", "Bonjour,\n\nCi-joint le fichier demandé.\n\nCordialement",
          "Salut,\n\nJe te transmets ceci.\n\nÀ+", "Bonjour,\n\nPour suite à donner.\n\nMerci",
          "Hi,\n\nPlease find the file attached.\n\nRegards"]
SUBJECTS = ["Document", "Envoi", "Fichier demandé", "Re: suivi", "As discussed", "Pièce jointe", "Fwd: document",
            "TR: numérisation", "Pour information", "Re: demande"]


def qp_utf8():
    c = Charset("utf-8")
    c.body_encoding = QP
    return c


def build_message(rng, idx, spec):
    est, dom = rng.choice(ESTABS)
    sender = Person(rng)
    role = rng.choice(["dr", "clerk"])
    local = strip_accents(f"{sender.given}.{sender.sur}").lower().replace(" ", "").replace("'", "")
    disp = (("Dre " if sender.sex == "F" else "Dr ") + sender.full) if role == "dr" else f"{sender.full} ({rng.choice(['Archives', 'Secrétariat médical', 'Accueil'])})"
    rcpt = Person(rng)
    rdom = rng.choice(OUT_DOMAINS)
    rlocal = strip_accents(f"{rcpt.given[0]}{rcpt.sur}{rng.randint(1, 99)}").lower().replace("-", "").replace("'", "")
    body = rng.choice(BODIES)
    bnd = lambda k: f"=_fn{idx:03d}{k}_{rng.randint(10**8, 10**9 - 1)}"
    if spec.get("html"):
        rel = MIMEMultipart("related", boundary=bnd("r"))
        alt = MIMEMultipart("alternative", boundary=bnd("a"))
        alt.attach(MIMEText(body, "plain", qp_utf8()))
        alt.attach(MIMEText(spec["html"], "html", qp_utf8()))
        rel.attach(alt)
        for cid, mime, data in spec["inline"]:
            part = MIMEImage(data, _subtype=mime.split("/")[1])
            part.add_header("Content-ID", f"<{cid}>")
            part.add_header("Content-Disposition", "inline")
            rel.attach(part)
        if spec["atts"]:
            msg = MIMEMultipart("mixed", boundary=bnd("m"))
            msg.attach(rel)
        else:
            msg = rel
    else:
        msg = MIMEMultipart("mixed", boundary=bnd("m"))
        msg.attach(MIMEText(body, "plain", qp_utf8()))
    for fname, mime, data in spec["atts"]:
        maintype, _, rest = mime.partition("/")
        subtype, _, params = rest.partition(";")
        part = MIMEBase(maintype, subtype.strip())
        if params.strip().startswith("charset="):
            part.set_param("charset", params.strip()[8:])
        part.set_payload(data)
        encoders.encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename=fname if fname.isascii() else ("utf-8", "", fname))
        msg.attach(part)
    msg["From"] = formataddr((disp, f"{local}@{dom}"), charset="utf-8")
    msg["To"] = f"{rlocal}@{rdom}"
    subj = rng.choice(SUBJECTS)
    msg["Subject"] = Header(subj, "utf-8").encode() if not subj.isascii() else subj
    day = dt.datetime(2026, 1, 5, 8, 0) + dt.timedelta(hours=idx * 7 + rng.randint(0, 6), minutes=rng.randint(0, 59))
    msg["Date"] = day.strftime("%a, %d %b %Y %H:%M:00 -0500")
    msg["Message-ID"] = f"<fn{idx:03d}.{rng.randint(10**6, 10**7)}@{dom}>"
    return msg.as_bytes(policy=policy.SMTP)


def convert_all(jobs):
    """jobs: list of (key, src_bytes, src_ext, filter, target_ext). Returns key -> bytes."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is required for legacy-office")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        prof = "file://" + os.path.join(tmp, "profile")
        by_filter = {}
        for key, src, ext, flt, tgt in jobs:
            p = os.path.join(tmp, f"{key}.{ext}")
            with open(p, "wb") as f:
                f.write(src)
            by_filter.setdefault((flt, tgt), []).append((key, p))
        for (flt, tgt), items in sorted(by_filter.items()):
            od = os.path.join(tmp, "out_" + tgt)
            os.makedirs(od, exist_ok=True)
            subprocess.run([soffice, f"-env:UserInstallation={prof}", "--headless", "--convert-to", flt,
                            "--outdir", od] + [p for _, p in items], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
            for key, _ in items:
                with open(os.path.join(od, f"{key}.{tgt}"), "rb") as f:
                    out[key] = f.read()
    return out


def main():
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    specs = []
    counters = {"positive": 0, "negative": 0}
    for cat, fn, npos, nneg in CATEGORIES:
        for label, n in (("positive", npos), ("negative", nneg)):
            for _ in range(n):
                counters[label] += 1
                spec = fn(R, label == "positive")
                specs.append((label, counters[label], cat, spec))
    jobs = [(f"c{i}", s["convert"][0], s["convert"][1], s["convert"][2], s["convert"][3])
            for i, (_, _, _, s) in enumerate(specs) if s.get("convert")]
    conv = convert_all(jobs) if jobs else {}
    rows = []
    for i, (label, num, cat, spec) in enumerate(specs):
        if spec.get("convert"):
            src, ext, flt, tgt, mime, fname = spec["convert"]
            spec["atts"] = [(fname, mime, conv[f"c{i}"])]
        rel = f"{label}/{num:03d}-{cat}-{spec['slug']}.eml"
        data = build_message(R, i + 1, spec)
        with open(os.path.join(HERE, rel), "wb") as f:
            f.write(data)
        rows.append((rel, label, cat))
    with open(os.path.join(HERE, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "label", "category"])
        w.writerows(rows)
    print(f"{len(rows)} messages: {counters}")


if __name__ == "__main__":
    main()
