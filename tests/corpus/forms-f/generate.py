#!/usr/bin/env python3
"""Generate the held-out forms corpus (sixth author).

All people, identifiers and clinical facts are invented by a seeded PRNG.
Run from the repository root:  python3 tests/corpus/forms-f/generate.py
Only the Python standard library, Pillow and LibreOffice (soffice) are used.
"""
import base64, csv, datetime as dt, gzip, hashlib, io, os, quopri, random, re, shutil
import subprocess, tarfile, unicodedata, zipfile, zlib
from email.header import Header

from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageOps

SEED = 6_2024_0611
R = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "_build")
FONTDIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "sans": "DejaVuSans.ttf", "sansb": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf", "serifb": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono.ttf", "monob": "DejaVuSansMono-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf", "condb": "DejaVuSansCondensed-Bold.ttf",
}
_fcache = {}


def font(name, px):
    key = (name, px)
    if key not in _fcache:
        _fcache[key] = ImageFont.truetype(FONTDIR + FONTS[name], px)
    return _fcache[key]


# ---------------------------------------------------------------- people
SURNAMES = """Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné
Ouellet Pelletier Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher
Caron Beaulieu Cloutier Dubé Poirier Fournier Lapointe Leclerc Lefebvre Poulin
Thibault St-Pierre Nadeau Landry Martel Bédard Grenier Lessard Bernier Michaud
Hébert Desjardins Couture Turcotte Lachance Parent Blais Gosselin Savard Proulx
Beaudoin Demers Perreault Boudreau Lemieux Cyr Perron Dufour Dion Mercier Bolduc
Bérubé Boisvert Langlois Ménard Therrien Plante Bilodeau Dussault Champagne Paradis
Vachon Arsenault Gaudreault Hamel Villeneuve Rousseau Gravel Thériault Deschênes
Giroux Guay Boivin Charbonneau Vaillancourt Labbé Nguyen Haddad Diallo Ng O'Neill
Joseph Ali Tran Saint-Onge Després Lajoie Brisson Pépin""".split()
MALE = """Jean Pierre Marc Luc Mathieu Gabriel Samuel Olivier Alexandre Félix Étienne
Louis Michel Réjean Gilles Yvon Denis Normand Benoît Mohamed Karim Thomas William
Émile Jacques Roger Gaétan Raymond Sébastien Hugo Nathan Jérôme André""".split()
FEMALE = """Marie Julie Isabelle Sophie Chantal Nathalie Geneviève Catherine Émilie
Camille Léa Chloé Lucie Monique Ginette Francine Huguette Jocelyne Mélanie Annie
Fatima Amina Rose Thérèse Yvette Sarah Élise Océane Diane Hélène Manon Karine""".split()
_used = set()


def strip_acc(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


class Patient:
    def __init__(self, min_year=1932, max_year=2005):
        while True:
            self.sex = R.choice("MF")
            self.given = R.choice(MALE if self.sex == "M" else FEMALE)
            self.surname = R.choice(SURNAMES)
            if (self.given, self.surname) not in _used:
                break
        _used.add((self.given, self.surname))
        y = R.randint(min_year, max_year)
        self.dob = dt.date(y, R.randint(1, 12), R.randint(1, 28))
        letters = re.sub("[^A-Z]", "", strip_acc(self.surname).upper())
        letters = (letters + "XXX")[:3]
        mm = self.dob.month + (50 if self.sex == "F" else 0)
        self.nam = "%s%s%02d%02d%02d%02d" % (
            letters, strip_acc(self.given)[0].upper(), self.dob.year % 100, mm,
            self.dob.day, R.randint(10, 99))
        n = R.choice([6, 7, 7, 8])
        self.mrn = str(R.randint(10 ** (n - 1), 10 ** n - 1)) if R.random() < 0.8 else "%0*d" % (n, R.randint(1000, 10 ** (n - 2)))
        self.phone = "%s 555-%04d" % (R.choice(["418", "819", "450", "514", "581"]), R.randint(100, 9999))
        self.title = "M." if self.sex == "M" else "Mme"

    @property
    def full(self):
        return "%s %s" % (self.given, self.surname)

    @property
    def rev(self):
        return "%s, %s" % (self.surname.upper(), self.given)

    def nam_fmt(self, style=None):
        style = style if style is not None else R.choice([0, 1, 1, 1, 2])
        n = self.nam
        return [n, "%s %s %s" % (n[:4], n[4:8], n[8:]), "%s-%s-%s" % (n[:4], n[4:8], n[8:])][style]

    def age(self, today=dt.date(2024, 5, 1)):
        return today.year - self.dob.year - ((today.month, today.day) < (self.dob.month, self.dob.day))


MOIS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS = "January February March April May June July August September October November December".split()


def fdate(d, style=None):
    style = style if style is not None else R.randint(0, 5)
    if style == 0:
        return d.isoformat()
    if style == 1:
        return d.strftime("%d/%m/%Y")
    if style == 2:
        return "%d %s %d" % (d.day, MOIS[d.month - 1], d.year)
    if style == 3:
        return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)
    if style == 4:
        return d.strftime("%Y/%m/%d")
    return d.strftime("%d-%m-%Y")


def recent(days=120):
    return dt.date(2024, 5, 20) - dt.timedelta(days=R.randint(0, days))


STAFF = [("Dre", "Annie", "Lapointe"), ("Dr", "Marc", "Simard"), ("Dre", "Karine", "Thibodeau"),
         ("Dr", "Hugo", "Desrosiers"), ("Dre", "Sophie", "Nadeau-Roy"), ("Dr", "Karim", "Benali"),
         ("Dre", "Hélène", "Marcoux"), ("Dr", "Étienne", "Lafrance"), ("Dre", "Manon", "Quirion")]
SITES = ["Hôpital Saint-Aurèle", "Centre hospitalier du Haut-Fleuve", "Hôpital régional de Val-Brûlé",
         "CLSC des Deux-Rives", "Hôpital de la Baie-Grise", "Institut de cardiologie Lac-Sauvage"]
INTERNAL = ["chr-hautfleuve.ssss.gouv.qc.ca", "ciusss-deuxrives.ssss.gouv.qc.ca",
            "hsaintaurele.ssss.gouv.qc.ca"]
EXTERNAL = ["gmail.com", "hotmail.com", "videotron.ca", "outlook.com", "cliniquedubassin.ca",
            "pharmacie-lamarre.ca", "gmf-riviere.ca", "yahoo.ca", "bell.net", "sympatico.ca"]

DX = [("Diabète de type 2 mal contrôlé", "Type 2 diabetes, poorly controlled"),
      ("Insuffisance cardiaque, FEVG 35 %", "Heart failure, LVEF 35%"),
      ("MPOC exacerbée", "COPD exacerbation"),
      ("Fibrillation auriculaire nouvelle", "New-onset atrial fibrillation"),
      ("Pneumonie communautaire lobe inférieur droit", "Right lower lobe community-acquired pneumonia"),
      ("Adénocarcinome du côlon sigmoïde", "Sigmoid colon adenocarcinoma"),
      ("Trouble dépressif majeur", "Major depressive disorder"),
      ("Fracture de la hanche gauche", "Left hip fracture"),
      ("Insuffisance rénale chronique stade 3b", "Chronic kidney disease stage 3b"),
      ("Cellulite jambe droite", "Right leg cellulitis"),
      ("Hypothyroïdie", "Hypothyroidism"),
      ("Néoplasie du sein droit, T2N0", "Right breast carcinoma, T2N0"),
      ("Syndrome coronarien aigu NSTEMI", "NSTEMI"),
      ("Épilepsie partielle", "Focal epilepsy"),
      ("Schizophrénie paranoïde", "Paranoid schizophrenia"),
      ("Infection urinaire haute (pyélonéphrite)", "Acute pyelonephritis")]
MEDS = ["Metformine 500 mg PO BID", "Apixaban 5 mg PO BID", "Furosémide 40 mg PO DIE",
        "Ramipril 5 mg PO DIE", "Atorvastatine 40 mg PO HS", "Lévothyroxine 88 mcg PO DIE",
        "Sertraline 100 mg PO DIE", "Amoxicilline-clavulanate 875 mg PO BID x 7 jours",
        "Hydromorphone 1 mg PO q4h PRN", "Salbutamol 100 mcg 2 inh QID PRN",
        "Insuline glargine 22 unités SC HS", "Bisoprolol 2,5 mg PO DIE",
        "Céfazoline 2 g IV q8h", "Quétiapine 50 mg PO HS", "Pantoprazole 40 mg PO DIE",
        "Lévétiracétam 500 mg PO BID"]
LABS = [("Hémoglobine", "g/L", 95, 165, "120-160"), ("Leucocytes", "x10^9/L", 3.1, 18.0, "4,0-11,0"),
        ("Plaquettes", "x10^9/L", 90, 420, "150-400"), ("Sodium", "mmol/L", 128, 146, "135-145"),
        ("Potassium", "mmol/L", 3.1, 5.9, "3,5-5,0"), ("Créatinine", "µmol/L", 55, 260, "50-110"),
        ("DFGe", "mL/min/1,73m2", 18, 95, ">60"), ("HbA1c", "%", 5.4, 11.2, "<6,0"),
        ("TSH", "mUI/L", 0.2, 9.8, "0,35-5,00"), ("RNI", "", 0.9, 3.8, "0,8-1,2"),
        ("Troponine T hs", "ng/L", 4, 210, "<14"), ("CRP", "mg/L", 1, 180, "<5")]


def lab_rows(n=6):
    rows = []
    for name, unit, lo, hi, ref in R.sample(LABS, n):
        v = R.uniform(lo, hi)
        v = ("%.1f" % v).replace(".", ",") if hi < 20 else "%d" % v
        rows.append((name, v, unit, ref))
    return rows


def doc_name():
    t, g, s = R.choice(STAFF)
    return "%s %s %s" % (t, g, s)


# ------------------------------------------------------ document texts
# A document is a list of (style, text); styles: h1 h2 b n s (small) m (mono) sp (space)

def d_lab(p, en=False):
    site = R.choice(SITES)
    if en:
        L = [("h1", site + " - Laboratory"), ("h2", "CUMULATIVE LAB REPORT"),
             ("b", "Patient: %s    DOB: %s" % (p.rev, fdate(p.dob, R.choice([0, 3])))),
             ("n", "MRN: %s    Health ins. no: %s" % (p.mrn, p.nam_fmt())),
             ("n", "Collected: %s 07:%02d   Ordering: %s" % (fdate(recent(), 0), R.randint(0, 59), doc_name())), ("sp", "")]
        L.append(("m", "%-18s %8s  %-14s %s" % ("Test", "Result", "Units", "Reference")))
    else:
        L = [("h1", site + " — Biochimie"), ("h2", "RAPPORT DE LABORATOIRE"),
             ("b", "Nom : %s    Né(e) le : %s" % (p.rev, fdate(p.dob, R.choice([0, 1, 2])))),
             ("n", "No dossier : %s    NAM : %s" % (p.mrn, p.nam_fmt())),
             ("n", "Prélevé le %s à 07h%02d   Prescripteur : %s" % (fdate(recent(), 0), R.randint(0, 59), doc_name())), ("sp", "")]
        L.append(("m", "%-18s %8s  %-14s %s" % ("Analyse", "Résultat", "Unités", "Valeurs réf.")))
    for r in lab_rows(R.randint(5, 8)):
        L.append(("m", "%-18s %8s  %-14s %s" % r))
    L += [("sp", ""), ("s", "Validé par : T. Bouffard, technologiste médicale")]
    return L


def d_discharge(p, en=False):
    adm = recent(60)
    out = adm + dt.timedelta(days=R.randint(2, 14))
    dx = R.choice(DX)
    meds = R.sample(MEDS, 3)
    if en:
        return [("h1", R.choice(SITES)), ("h2", "DISCHARGE SUMMARY"),
                ("b", "%s %s, born %s" % ("Mr." if p.sex == "M" else "Mrs.", p.full, fdate(p.dob, 3))),
                ("n", "MRN %s   RAMQ %s" % (p.mrn, p.nam_fmt())),
                ("n", "Admitted %s, discharged %s." % (fdate(adm, 0), fdate(out, 0))),
                ("b", "Main diagnosis: " + dx[1]),
                ("n", "Hospital course uneventful after treatment was started."),
                ("n", "Discharge medications: " + "; ".join(meds)),
                ("n", "Follow-up with family physician in 2 weeks."), ("sp", ""), ("n", doc_name() + ", MD")]
    return [("h1", R.choice(SITES)), ("h2", "RÉSUMÉ DE CONGÉ"),
            ("b", "Patient(e) : %s %s" % (p.title, p.full)),
            ("n", "Date de naissance : %s   Dossier : %s" % (fdate(p.dob), p.mrn)),
            ("n", "Admission : %s   Congé : %s" % (fdate(adm, 0), fdate(out, 0))),
            ("b", "Diagnostic principal : " + dx[0]),
            ("n", "Évolution favorable sous traitement. Aucune complication."),
            ("n", "Médication au congé :")] + [("n", "  - " + m) for m in meds] + [
            ("n", "Suivi en clinique externe dans 4 semaines."), ("sp", ""), ("n", doc_name() + ", md")]


def d_rx(p):
    meds = R.sample(MEDS, R.randint(1, 3))
    return ([("h1", "ORDONNANCE"), ("n", R.choice(SITES) + " — Clinique externe"),
             ("sp", ""), ("b", "Nom : " + p.full),
             ("n", "Date de naissance : " + fdate(p.dob, R.choice([0, 1]))),
             ("n", "NAM : " + p.nam_fmt()), ("n", "Date : " + fdate(recent(), 2)), ("sp", "")]
            + [("b", "Rx  " + m) for m in meds]
            + [("n", "Renouvellements : %d" % R.randint(0, 5)), ("sp", ""),
               ("n", "Signature : ______________  " + doc_name()), ("s", "No de permis : %d" % R.randint(10000, 99999))])


def d_referral(p, en=False):
    dx = R.choice(DX)
    spec = R.choice(["Cardiologie", "Gastro-entérologie", "Neurologie", "Orthopédie", "Psychiatrie", "Néphrologie"])
    if en:
        return [("h1", "CONSULTATION REQUEST"), ("n", "Service requested: " + spec),
                ("b", "Patient name: " + p.full), ("n", "Date of birth: " + fdate(p.dob, 3)),
                ("n", "Health card: " + p.nam_fmt() + "    Phone: " + p.phone),
                ("n", "Reason: " + dx[1]), ("n", "Priority: " + R.choice(["A", "B", "C", "D"])),
                ("n", "Referring physician: " + doc_name())]
    return [("h1", "DEMANDE DE CONSULTATION"), ("n", "Spécialité demandée : " + spec),
            ("b", "Nom, prénom : " + p.rev), ("n", "Date de naissance : " + fdate(p.dob)),
            ("n", "NAM : %s   Tél. : %s" % (p.nam_fmt(), p.phone)),
            ("n", "Raison de la consultation : " + dx[0]),
            ("n", "Priorité clinique : " + R.choice(["A (3 jours)", "B (10 jours)", "C (28 jours)", "D (3 mois)"])),
            ("n", "Médecin référent : " + doc_name()), ("n", "Date : " + fdate(recent(), 0))]


def d_consult(p):
    dx = R.choice(DX)
    return [("h1", "NOTE DE CONSULTATION — " + R.choice(["MÉDECINE INTERNE", "GÉRIATRIE", "INFECTIOLOGIE"])),
            ("b", "%s, %d ans (DDN %s), dossier %s" % (p.full, p.age(), fdate(p.dob, 0), p.mrn)),
            ("n", "Motif : " + dx[0].lower() + "."),
            ("n", "ATCD : HTA, dyslipidémie, tabagisme ancien 30 paquets-années."),
            ("n", "Examen : TA %d/%d, FC %d, SatO2 %d %% AA." % (R.randint(100, 170), R.randint(55, 95), R.randint(55, 120), R.randint(88, 99))),
            ("n", "Impression : " + dx[0] + "."),
            ("n", "Plan : " + R.choice(MEDS) + ", bilan sanguin dans 48 h."), ("n", doc_name())]


def d_imaging(p, en=False):
    if en:
        return [("h1", "DIAGNOSTIC IMAGING REPORT"), ("b", "%s   DOB %s   MRN %s" % (p.rev, fdate(p.dob, 3), p.mrn)),
                ("n", "Exam: CT chest with contrast   Date: " + fdate(recent(), 0)),
                ("n", "Findings: 14 mm spiculated nodule in the right upper lobe."),
                ("n", "Impression: suspicious for primary lung malignancy. PET-CT suggested."), ("n", "Radiologist: " + doc_name())]
    return [("h1", "RAPPORT D'IMAGERIE MÉDICALE"), ("b", "%s — né(e) le %s — # dossier %s" % (p.rev, fdate(p.dob, 1), p.mrn)),
            ("n", "Examen : échographie abdominale   Date : " + fdate(recent(), 2)),
            ("n", "Constat : lésion hépatique hypoéchogène de 22 mm au segment VI."),
            ("n", "Conclusion : à corréler avec une IRM. Possibilité de métastase."), ("n", "Radiologiste : " + doc_name())]


def patient_table(ps, en=False):
    if en:
        hdr = ("Room", "Patient", "DOB", "MRN", "Diagnosis")
    else:
        hdr = ("Ch.", "Patient", "DDN", "Dossier", "Diagnostic")
    rows = [hdr]
    for i, p in enumerate(ps):
        rows.append(("%d%s" % (R.randint(201, 460), R.choice("AB")), p.rev, fdate(p.dob, 0), p.mrn,
                     R.choice(DX)[1 if en else 0][:30]))
    return rows


def d_patient_list(ps, en=False):
    rows = patient_table(ps, en)
    L = [("h1", ("Census - Unit 4B, " if en else "Liste des patients — Unité 4B, ") + fdate(recent(10), 0)), ("sp", "")]
    for r in rows:
        L.append(("m", "%-5s %-22s %-11s %-9s %s" % (r[0], r[1][:22], r[2], r[3], r[4][:24])))
    return L


def pos_doc(p=None, en=None):
    p = p or Patient()
    en = (R.random() < 0.25) if en is None else en
    k = R.randint(0, 6)
    if k == 0:
        return d_lab(p, en)
    if k == 1:
        return d_discharge(p, en)
    if k == 2:
        return d_rx(p)
    if k == 3:
        return d_referral(p, en)
    if k == 4:
        return d_consult(p)
    if k == 5:
        return d_imaging(p, en)
    return d_patient_list([Patient() for _ in range(R.randint(4, 7))], en)


# negatives ---------------------------------------------------------------
def n_blank_referral():
    return [("h1", "DEMANDE DE CONSULTATION"), ("n", "Spécialité demandée : ______________________"),
            ("b", "Nom, prénom : ______________________________"), ("n", "Date de naissance : AAAA / MM / JJ"),
            ("n", "NAM : ____ ____ ____   Tél. : (___) ___-____"),
            ("n", "Raison de la consultation : _______________________"),
            ("n", "Priorité clinique :  [ ] A   [ ] B   [ ] C   [ ] D   [ ] E"),
            ("n", "Médecin référent : ____________________  No permis : _____"),
            ("s", "Formulaire AH-CRDS-2024 — version vierge à photocopier")]


def n_stats():
    L = [("h1", "Tableau de bord — Urgence, semaine %d" % R.randint(1, 52)),
         ("n", "Données agrégées, aucune information nominative."), ("sp", ""),
         ("m", "%-24s %8s %8s" % ("Indicateur", "Sem.", "Cible"))]
    for k in ["Visites totales", "Admissions", "DMS sur civière (h)", "Patients > 24 h", "Départs sans PEC",
              "Taux d'occupation (%)", "Cas de C. difficile", "Chutes déclarées"]:
        L.append(("m", "%-24s %8s %8s" % (k, R.randint(3, 900), R.randint(3, 900))))
    return L


def n_schedule():
    days = ["Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"]
    L = [("h1", "Horaire de garde — Médecine interne, mai 2024"), ("m", "%-5s %-22s %-22s" % ("Jour", "Jour (8h-16h)", "Garde (16h-8h)"))]
    for d in days:
        a, b = R.sample(STAFF, 2)
        L.append(("m", "%-5s %-22s %-22s" % (d, a[2], b[2])))
    L += [("sp", ""), ("n", "Échanges de garde : aviser l'agente administrative, poste %d." % R.randint(2000, 7999))]
    return L


def n_invoice():
    L = [("h1", "FACTURE — Fournitures médicales Boréal inc."), ("n", "Facture no %d   Date : %s" % (R.randint(100000, 999999), fdate(recent(), 0))),
         ("n", "Client : Service des approvisionnements, compte %d" % R.randint(1000000, 9999999)), ("sp", ""),
         ("m", "%-16s %-26s %5s %9s" % ("Code", "Article", "Qté", "Total"))]
    for art in ["Gants nitrile M", "Seringues 10 mL", "Pansements 10x10", "Cathéters IV 20G", "Masques N95"]:
        code = "%s %04d %04d" % ("".join(R.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(4)), R.randint(0, 9999), R.randint(0, 9999))
        L.append(("m", "%-16s %-26s %5d %9s" % (code, art, R.randint(1, 40), "%d,%02d $" % (R.randint(20, 900), R.randint(0, 99)))))
    L += [("sp", ""), ("n", "Lot %d — exp. 2026-08   Service client : 1 800 555-%04d" % (R.randint(1000000, 9999999), R.randint(0, 9999)))]
    return L


def n_training():
    return [("h1", "Formation — Remplir le résumé de congé"), ("n", "Exemple fictif à des fins de formation."), ("sp", ""),
            ("b", "Patient : NOM, Prénom"), ("n", "Date de naissance : AAAA-MM-JJ"),
            ("n", "NAM : XXXX 0000 0000    No dossier : 0000000"),
            ("n", "Diagnostic principal : inscrire le diagnostic ayant motivé l'admission."),
            ("n", "Médication : reprendre la liste du bilan comparatif des médicaments."),
            ("s", "Ne jamais inscrire de renseignements réels dans les exercices.")]


def n_newsletter():
    return [("h1", "L'Écho du Haut-Fleuve — Bulletin interne"), ("b", "Semaine de la prévention des infections"),
            ("n", "Kiosques à la cafétéria du 14 au 18 octobre. Venez tester vos connaissances"),
            ("n", "sur l'hygiène des mains et la vaccination antigrippale."),
            ("b", "Nouveau tomodensitomètre"), ("n", "Le service d'imagerie accueille un appareil de 128 barrettes."),
            ("n", "Les délais d'attente devraient diminuer de 20 %."),
            ("n", "Félicitations à l'équipe de l'unité coronarienne pour son prix qualité !")]


def n_policy():
    return [("h1", "Procédure PR-%03d — Transmission de renseignements cliniques" % R.randint(1, 400)),
            ("n", "1. Tout renseignement de santé transmis à l'externe doit être chiffré."),
            ("n", "2. Vérifier l'identité du destinataire avant l'envoi."),
            ("n", "3. Ne jamais indiquer le nom du patient dans l'objet du courriel."),
            ("n", "4. En cas d'erreur d'envoi, aviser la responsable de l'accès à l'information."),
            ("n", "Entrée en vigueur : %s. Révision : aux trois ans." % fdate(dt.date(2023, 9, 1), 2))]


def n_meeting():
    return [("h1", "Compte rendu — Comité des soins infirmiers"), ("n", "Date : %s, salle B-214" % fdate(recent(), 2)),
            ("n", "Présents : C. Roy, M. Dion, K. Thibodeau, H. Marcoux"),
            ("n", "1. Suivi du taux de plaies de pression : 3,1 % (cible 2 %)."),
            ("n", "2. Formation sur les pompes volumétriques : 42 employés formés."),
            ("n", "3. Pénurie de personnel de nuit : recours à la main-d'œuvre indépendante."),
            ("n", "Prochaine rencontre : 12 juin, 13 h 30.")]


def n_recall():
    return [("h1", "Avis de rappel — Pharmacie"), ("n", "Produit : héparine 5000 unités/mL, fiole 1 mL"),
            ("n", "Lots visés : %d, %d, %d" % tuple(R.randint(1000000, 9999999) for _ in range(3))),
            ("n", "DIN %08d — Fabricant : Laboratoires Nordet" % R.randint(0, 99999999)),
            ("n", "Retirer les fioles des cabinets décentralisés et les retourner à la pharmacie."),
            ("n", "Questions : pharmacie centrale, 418 555-%04d" % R.randint(0, 9999))]


def n_protocol():
    return [("h1", "Protocole — Ajustement de l'insuline basale"), ("n", "Cible glycémique à jeun : 5 à 8 mmol/L"),
            ("m", "Glycémie à jeun     Ajustement"), ("m", "< 4,0 mmol/L        diminuer de 10 %"),
            ("m", "4,0 - 8,0 mmol/L    aucun changement"), ("m", "8,1 - 10,0 mmol/L   augmenter de 2 unités"),
            ("m", "> 10,0 mmol/L       augmenter de 4 unités"), ("s", "Approuvé par le CMDP, mars 2024")]


NEG_DOCS = [n_blank_referral, n_stats, n_schedule, n_invoice, n_training, n_newsletter, n_policy, n_meeting, n_recall, n_protocol]


def neg_doc():
    return R.choice(NEG_DOCS)()


def doc_text(L):
    return "\n".join(t for s, t in L) + "\n"


# ------------------------------------------------------ rendering
STYLE_PT = {"h1": (15, "b"), "h2": (13, "b"), "b": (11, "b"), "n": (11, ""), "s": (9, ""), "m": (10, "m"), "sp": (8, "")}


def render_page(L, dpi=150, w_in=8.5, h_in=11.0, family="sans", margin_in=0.8, crop=True):
    W, H = int(w_in * dpi), int(h_in * dpi)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    y = int(margin_in * dpi)
    x0 = int(margin_in * dpi)
    for style, text in L:
        pt, kind = STYLE_PT[style]
        px = int(pt * dpi / 72)
        if kind == "m":
            f = font("mono", px)
        elif kind == "b":
            f = font(family + "b", px)
        else:
            f = font(family, px)
        if text:
            d.text((x0, y), text, font=f, fill=R.randint(0, 40))
        y += int(px * 1.45)
        if style == "h1":
            d.line((x0, y - px * 0.2, W - x0, y - px * 0.2), fill=60, width=max(1, dpi // 100))
    if crop:
        H2 = min(H, y + int(0.8 * dpi))
        img = img.crop((0, 0, W, H2))
    return img


def add_noise(img, amount=12, alpha=0.05):
    noise = Image.effect_noise(img.size, amount).convert("L")
    return Image.blend(img.convert("L"), noise, alpha)


def scanify(img, angle=None, photo=False):
    img = img.convert("L")
    angle = R.uniform(-2.0, 2.0) if angle is None else angle
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=250)
    if photo:
        # paper on a desk, uneven lighting
        W, H = img.size
        bg = Image.new("L", (W + 120, H + 160), 90)
        bg.paste(img, (R.randint(30, 90), R.randint(40, 120)))
        grad = Image.linear_gradient("L").resize(bg.size).rotate(R.choice([0, 90, 180, 270]))
        img = Image.blend(bg, ImageOps.invert(grad), 0.12)
    img = add_noise(img, R.randint(20, 40))
    img = img.filter(ImageFilter.GaussianBlur(R.choice([0.3, 0.5, 0.7])))
    return img


def to_bytes(img, fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()


def jpeg_with_orientation(upright, orientation, quality=72, rgb=False):
    img = upright.convert("RGB") if rgb else upright
    stored = {1: img, 3: img.transpose(Image.ROTATE_180), 6: img.transpose(Image.ROTATE_90),
              8: img.transpose(Image.ROTATE_270)}[orientation]
    ex = Image.Exif()
    ex[0x010F] = R.choice(["Apple", "samsung", "Google"])
    ex[0x0110] = R.choice(["iPhone 12", "SM-A536W", "Pixel 6a"])
    ex[0x0112] = orientation
    ex[0x0132] = "2024:%02d:%02d %02d:%02d:%02d" % (R.randint(1, 5), R.randint(1, 28), R.randint(7, 18), R.randint(0, 59), R.randint(0, 59))
    return to_bytes(stored, "JPEG", quality=quality, exif=ex.tobytes())


# ---------- EMR screenshot
EMRS = [("MédiDossier 8.2", (24, 64, 120)), ("SoinsNet Clinique", (0, 105, 92)), ("DPE-Horizon", (90, 40, 110)),
        ("ClinPlus Web", (40, 40, 40))]


def emr_screenshot(p=None, kind="labs", W=1366, H=768, fam="sans", base=20):
    name, col = R.choice(EMRS)
    img = Image.new("RGB", (W, H), (242, 244, 247))
    d = ImageDraw.Draw(img)
    fb, f, fs = font(fam + "b", base + 4), font(fam, base), font(fam, base - 2)
    d.rectangle((0, 0, W, 38), fill=col)
    d.text((12, 6), "%s — %s" % (name, R.choice(SITES)), font=font("sansb", 20), fill="white")
    d.text((W - 150, 8), "□  ✕", font=font("sans", 20), fill="white")
    d.rectangle((0, 38, W, 72), fill=(225, 229, 235))
    x = 12
    for m in ["Fichier", "Patient", "Résultats", "Ordonnances", "Notes", "Rendez-vous", "Aide"]:
        d.text((x, 44), m, font=fs, fill=(20, 20, 20))
        x += int(d.textlength(m, font=fs)) + 28
    y = 84
    if p is not None:
        d.rectangle((10, y, W - 10, y + 96), fill=(255, 250, 225), outline=(200, 180, 90))
        d.text((24, y + 8), p.rev.upper() if R.random() < 0.5 else p.full, font=fb, fill=(0, 0, 0))
        d.text((24, y + 44), "DDN : %s (%d ans)   Sexe : %s   NAM : %s" % (fdate(p.dob, R.choice([0, 1, 2])), p.age(), p.sex, p.nam_fmt()), font=f, fill=(30, 30, 30))
        d.text((24, y + 70), "No dossier : %s   Allergies : %s" % (p.mrn, R.choice(["Pénicilline", "Aucune connue", "Sulfa", "Iode"])), font=fs, fill=(150, 0, 0))
    else:
        d.rectangle((10, y, W - 10, y + 96), fill=(235, 235, 235), outline=(180, 180, 180))
        d.text((24, y + 30), "Aucun patient sélectionné — utilisez la recherche (F3)", font=f, fill=(90, 90, 90))
    y += 112
    d.rectangle((10, y, 220, H - 30), fill=(250, 250, 250), outline=(210, 210, 210))
    for i, m in enumerate(["Sommaire", "Résultats labo", "Médication", "Imagerie", "Notes évol.", "Documents"]):
        d.text((22, y + 12 + i * (base + 16)), m, font=fs, fill=(0, 60, 140) if i != 1 else (0, 0, 0))
    X = 236
    d.rectangle((X, y, W - 10, H - 30), fill="white", outline=(210, 210, 210))
    yy = y + 12
    if kind == "labs":
        d.text((X + 14, yy), "Résultats de laboratoire — " + fdate(recent(), 0), font=fb, fill=(0, 0, 0)); yy += base + 20
        cols = [X + 14, X + 300, X + 450, X + 640]
        for j, h in enumerate(["Analyse", "Résultat", "Unités", "Référence"]):
            d.text((cols[j], yy), h, font=font(fam + "b", base), fill=(60, 60, 60))
        yy += base + 10
        for r in lab_rows(7):
            for j, v in enumerate(r):
                d.text((cols[j], yy), v, font=f, fill=(0, 0, 0))
            yy += base + 10
    elif kind == "meds":
        d.text((X + 14, yy), "Profil pharmacologique actif", font=fb, fill=(0, 0, 0)); yy += base + 20
        for m in R.sample(MEDS, 6):
            d.text((X + 14, yy), "•  " + m, font=f, fill=(0, 0, 0)); yy += base + 12
        d.text((X + 14, yy + 10), "Diagnostic actif : " + R.choice(DX)[0], font=font(fam + "b", base), fill=(120, 0, 0))
    elif kind == "note":
        dx = R.choice(DX)[0]
        d.text((X + 14, yy), "Note d'évolution — " + fdate(recent(), 0) + " 10:42", font=fb, fill=(0, 0, 0)); yy += base + 20
        for line in ["S : patient(e) se plaint de fatigue et de dyspnée à l'effort.",
                     "O : TA 148/86, FC 96, SatO2 93 %. Crépitants aux bases.",
                     "A : " + dx + ".", "P : " + R.choice(MEDS) + ". Revoir dans 1 semaine.",
                     "Signé : " + doc_name()]:
            d.text((X + 14, yy), line, font=f, fill=(0, 0, 0)); yy += base + 12
    elif kind == "census":
        d.text((X + 14, yy), "Liste de l'unité 5 Nord — patients hospitalisés", font=fb, fill=(0, 0, 0)); yy += base + 20
        for r in patient_table([Patient() for _ in range(7)]):
            for j, v in enumerate(r):
                d.text(([X + 14, X + 90, X + 390, X + 560, X + 700][j], yy), v, font=fs, fill=(0, 0, 0))
            yy += base + 8
    elif kind == "dashboard":
        d.text((X + 14, yy), "Tableau de bord de l'urgence (données agrégées)", font=fb, fill=(0, 0, 0)); yy += base + 20
        for k in ["Patients sur civière : %d" % R.randint(10, 60), "Taux d'occupation : %d %%" % R.randint(80, 190),
                  "Attente moyenne avant PEC : %d min" % R.randint(30, 300), "Ambulances en attente : %d" % R.randint(0, 8),
                  "Lits disponibles (médecine) : %d" % R.randint(0, 12)]:
            d.text((X + 14, yy), k, font=f, fill=(0, 0, 0)); yy += base + 14
    elif kind == "rooms":
        d.text((X + 14, yy), "Réservation des salles — bloc opératoire", font=fb, fill=(0, 0, 0)); yy += base + 20
        for i in range(6):
            s = R.choice(STAFF)
            d.text((X + 14, yy), "Salle %d   %02d:00-%02d:00   %s %s   (%s)" % (i + 1, 7 + i, 9 + i, s[0], s[2], R.choice(["Orthopédie", "Urologie", "Chir. générale"])), font=f, fill=(0, 0, 0)); yy += base + 12
    elif kind == "template":
        d.text((X + 14, yy), "Environnement de FORMATION — aucun vrai patient", font=fb, fill=(160, 0, 0)); yy += base + 20
        for k in ["Nom : NOM, Prénom", "DDN : AAAA-MM-JJ", "NAM : XXXX 0000 0000", "Dossier : 0000000", "Diagnostic : (à compléter)"]:
            d.text((X + 14, yy), k, font=f, fill=(0, 0, 0)); yy += base + 14
    d.rectangle((0, H - 26, W, H), fill=(225, 229, 235))
    d.text((10, H - 24), "Utilisateur : %s   |   Serveur : prod-%02d   |   %s" % (R.choice(["alapointe", "msimard", "infirm04"]), R.randint(1, 9), "2024-05-%02d" % R.randint(1, 28)), font=font("sans", 16), fill=(60, 60, 60))
    return img


def png_bytes(img, colors=64):
    return to_bytes(img.convert("RGB").quantize(colors=colors, method=Image.MEDIANCUT, dither=Image.NONE), "PNG", optimize=True)


# ------------------------------------------------------ PDF
class PDF:
    def __init__(self):
        self.objs = []

    def add(self, body):
        self.objs.append(body if isinstance(body, bytes) else body.encode("latin-1"))
        return len(self.objs)

    def reserve(self):
        self.objs.append(None)
        return len(self.objs)

    def set(self, n, body):
        self.objs[n - 1] = body if isinstance(body, bytes) else body.encode("latin-1")

    def stream(self, dic, data):
        return self.add(("<< %s /Length %d >>\nstream\n" % (dic, len(data))).encode("latin-1") + data + b"\nendstream")

    def output(self, root, info=None):
        out = io.BytesIO()
        out.write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
        offs = []
        for i, o in enumerate(self.objs):
            offs.append(out.tell())
            out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
        x = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objs) + 1))
        for o in offs:
            out.write(b"%010d 00000 n \n" % o)
        tr = "<< /Size %d /Root %d 0 R%s >>" % (len(self.objs) + 1, root, (" /Info %d 0 R" % info) if info else "")
        out.write(b"trailer\n" + tr.encode() + b"\nstartxref\n%d\n%%%%EOF\n" % x)
        return out.getvalue()


def pdf_lit(s):
    b = s.encode("cp1252")
    o = []
    for c in b:
        if c in b"()\\":
            o.append("\\" + chr(c))
        elif c < 32 or c > 126:
            o.append("\\%03o" % c)
        else:
            o.append(chr(c))
    return "(" + "".join(o) + ")"


def pdf_hex16(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def pdf_lit16(s):
    b = b"\xfe\xff" + s.encode("utf-16-be")
    return "(" + "".join("\\%03o" % c if (c < 32 or c > 126 or c in b"()\\") else chr(c) for c in b) + ")"


def image_pdf(pages, producer="Canon iR-ADV C5535 PDF"):
    """pages: list of PIL images (L mode). Image-only PDF."""
    pdf = PDF()
    pages_id = pdf.reserve()
    kids = []
    for k, img in enumerate(pages):
        W, H = img.size
        if k % 2 == 1 or R.random() < 0.3:
            bw = img.point(lambda v: 255 if v > 150 else 0).convert("1")
            im = pdf.stream("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode" % (W, H),
                            zlib.compress(bw.tobytes(), 9))
        else:
            im = pdf.stream("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" % (W, H),
                            to_bytes(img, "JPEG", quality=R.randint(55, 75)))
        pw, ph = 612, 612 * H / W
        cs = pdf.stream("", ("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)).encode())
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, pw, ph, im, cs)))
    pdf.set(pages_id, "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids)))
    info = pdf.add("<< /Producer %s /CreationDate (D:2024%02d%02d101500-04'00') >>" % (pdf_lit(producer), R.randint(1, 5), R.randint(1, 28)))
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return pdf.output(root, info)


def form_pdf(title, fields, str_mode="lit", hierarchical=False):
    """fields: list of (label, name, value or None, kind) kind in tx/btn/ch. Values only in /V."""
    pdf = PDF()
    pages_id = pdf.reserve()
    page_id = pdf.reserve()
    fnt = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    fntb = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    zadb = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
    ops = ["BT /F2 15 Tf 50 740 Td %s Tj ET" % pdf_lit(title),
           "BT /F1 8 Tf 50 722 Td %s Tj ET" % pdf_lit("Formulaire électronique — remplir à l'écran, puis enregistrer.")]
    annots, top_fields = [], []
    parent = None
    if hierarchical:
        parent = pdf.reserve()
    kid_ids = []
    y = 690
    for label, name, value, kind in fields:
        ops.append("BT /F1 10 Tf 50 %d Td %s Tj ET" % (y + 4, pdf_lit(label)))
        ops.append("0.6 G 0.5 w 210 %d 330 18 re S" % y)
        enc = {"lit": pdf_lit, "hex16": pdf_hex16, "lit16": pdf_lit16}[str_mode]
        parts = ["/Type /Annot /Subtype /Widget /F 4 /P %d 0 R /Rect [210 %d 540 %d]" % (page_id, y, y + 18),
                 "/T %s" % pdf_lit(name), "/DA (/Helv 10 Tf 0 g)"]
        if kind == "tx":
            parts.append("/FT /Tx")
            if value is not None:
                parts.append("/V %s" % enc(value))
        elif kind == "btn":
            parts[0] = parts[0].replace("540 %d" % (y + 18), "228 %d" % (y + 18))
            parts[2] = "/DA (/ZaDb 0 Tf 0 g)"
            parts.append("/FT /Btn /MK << /CA (4) >>")
            parts.append("/V /%s /AS /%s" % (("Oui", "Oui") if value else ("Off", "Off")))
        else:
            opts, val = value
            parts.append("/FT /Ch /Ff 131072 /Opt [%s]" % " ".join(pdf_lit(o) for o in opts))
            if val is not None:
                parts.append("/V %s" % enc(val))
        if parent:
            parts.append("/Parent %d 0 R" % parent)
        oid = pdf.add("<< %s >>" % " ".join(parts))
        annots.append(oid)
        (kid_ids if parent else top_fields).append(oid)
        y -= 34
    ops.append("BT /F1 8 Tf 50 %d Td %s Tj ET" % (y - 10, pdf_lit("Les renseignements saisis sont confidentiels.")))
    cs = pdf.stream("", "\n".join(ops).encode("latin-1"))
    if parent:
        pdf.set(parent, "<< /T (patient) /Kids [%s] >>" % " ".join("%d 0 R" % k for k in kid_ids))
        top_fields = [parent]
    pdf.set(page_id, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>"
            % (pages_id, fnt, fntb, cs, " ".join("%d 0 R" % a for a in annots)))
    pdf.set(pages_id, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page_id)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R /AcroForm << /Fields [%s] /NeedAppearances true /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >> >>"
                   % (pages_id, " ".join("%d 0 R" % f for f in top_fields), fnt, zadb))
    info = pdf.add("<< /Producer (FormBuilder 3.1) /Title %s >>" % pdf_lit(title))
    return pdf.output(root, info)


# ------------------------------------------------------ OOXML (hand built, fixed timestamps)
ZDATE = (2024, 5, 2, 9, 30, 0)


def zbytes(files, date=ZDATE, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date)
            zi.compress_type = method
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return b.getvalue()


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-02T09:30:00Z</dcterms:created></cp:coreProperties>')
REL = '<Relationship Id="%s" Type="http://schemas.openxmlformats.org/%s" Target="%s"/>'


def rels(items):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(REL % it for it in items) + "</Relationships>")


def w_run(t, bold=False):
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % ("<w:rPr><w:b/></w:rPr>" if bold else "", xesc(t))


def w_p(t, bold=False, extra=""):
    return "<w:p>%s%s</w:p>" % (w_run(t, bold), extra)


def w_image(rid, w_px, h_px, n=1):
    cx, cy = 5486400, int(5486400 * h_px / w_px)
    return ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Image %d"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>') % (cx, cy, n, n, n, n, rid, cx, cy)


def docx(body, header=None, footer=None, comments=None, footnotes=None, insertions=None, deletions=None, image=None,
         title="Document", author="Utilisateur"):
    """body: list of str or (str,bold). comments: list of (anchor_par_index, author, text)."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>', '<Default Extension="png" ContentType="image/png"/>',
          '<Default Extension="jpeg" ContentType="image/jpeg"/>',
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    drels, files, sect = [], [], ""
    paras = []
    cmap = {}
    for k, (i, a, t) in enumerate(comments or []):
        cmap.setdefault(i, []).append(k)
    for i, b in enumerate(body):
        t, bold = (b, False) if isinstance(b, str) else b
        if i in cmap:
            ps = "".join('<w:commentRangeStart w:id="%d"/>' % c for c in cmap[i])
            pe = "".join('<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r>' % (c, c) for c in cmap[i])
            paras.append("<w:p>%s%s%s</w:p>" % (ps, w_run(t, bold), pe))
        else:
            extra = ""
            if footnotes and i == 1:
                extra = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
            paras.append(w_p(t, bold, extra))
    for k, (t, auth) in enumerate(insertions or []):
        paras.insert(min(len(paras), 2 + k), '<w:p><w:ins w:id="%d" w:author="%s" w:date="2024-05-02T10:%02d:00Z">%s</w:ins></w:p>' % (100 + k, xesc(auth), k, w_run(t)))
    for k, (t, auth) in enumerate(deletions or []):
        paras.insert(min(len(paras), 3 + k), '<w:p><w:del w:id="%d" w:author="%s" w:date="2024-05-02T11:%02d:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del></w:p>' % (200 + k, xesc(auth), k, xesc(t)))
    if image:
        png, w_px, h_px = image
        files.append(("word/media/image1.png", png))
        drels.append(("rIdImg1", "officeDocument/2006/relationships/image", "media/image1.png"))
        paras.insert(min(len(paras), 1), w_image("rIdImg1", w_px, h_px))
    if header:
        files.append(("word/header1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr %s>%s</w:hdr>' % (W_NS, "".join(w_p(t) for t in header))))
        drels.append(("rIdH1", "officeDocument/2006/relationships/header", "header1.xml"))
        ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        files.append(("word/footer1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr %s>%s</w:ftr>' % (W_NS, "".join(w_p(t) for t in footer))))
        drels.append(("rIdF1", "officeDocument/2006/relationships/footer", "footer1.xml"))
        ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comments:
        cx = "".join('<w:comment w:id="%d" w:author="%s" w:date="2024-05-02T10:00:00Z" w:initials="%s">%s</w:comment>'
                     % (k, xesc(a), "".join(x[0] for x in a.split()), w_p(t)) for k, (_, a, t) in enumerate(comments))
        files.append(("word/comments.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s>%s</w:comments>' % (W_NS, cx)))
        drels.append(("rIdC1", "officeDocument/2006/relationships/comments", "comments.xml"))
        ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
    if footnotes:
        fx = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
              + "".join('<w:footnote w:id="%d">%s</w:footnote>' % (k + 1, w_p(t)) for k, t in enumerate(footnotes)))
        files.append(("word/footnotes.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes %s>%s</w:footnotes>' % (W_NS, fx)))
        drels.append(("rIdFn1", "officeDocument/2006/relationships/footnotes", "footnotes.xml"))
        ct.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s<w:sectPr>%s<w:pgSz w:w="12240" w:h="15840"/>'
           '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>') % (W_NS, "".join(paras), sect)
    allf = [("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % "".join(ct)),
            ("_rels/.rels", rels([("rId1", "officeDocument/2006/relationships/officeDocument", "word/document.xml"),
                                  ("rId2", "package/2006/relationships/metadata/core-properties", "docProps/core.xml")])),
            ("docProps/core.xml", CORE.format(t=xesc(title), a=xesc(author))),
            ("word/document.xml", doc), ("word/_rels/document.xml.rels", rels(drels))] + files
    return zbytes(allf)


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(sheets, image=None, title="Classeur"):
    """sheets: list of dict(name, rows, hidden=False, comments=[(cellref, author, text)])."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>', '<Default Extension="png" ContentType="image/png"/>',
          '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    files, wbrels, sheetxml = [], [], []
    for k, sh in enumerate(sheets):
        n = k + 1
        rows = []
        for r, row in enumerate(sh["rows"]):
            cells = []
            for c, v in enumerate(row):
                ref = "%s%d" % (col_letter(c), r + 1)
                if isinstance(v, (int, float)):
                    cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                else:
                    cells.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xesc(v)))
            rows.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
        srels, tail = [], ""
        if image and k == 0:
            png, w_px, h_px = image
            files.append(("xl/media/image1.png", png))
            files.append(("xl/drawings/drawing1.xml",
                          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                          '<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="%d" cy="%d"/>'
                          '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                          '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>' % (w_px * 6350, h_px * 6350)))
            files.append(("xl/drawings/_rels/drawing1.xml.rels", rels([("rId1", "officeDocument/2006/relationships/image", "../media/image1.png")])))
            ct.append('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
            srels.append(("rIdD1", "officeDocument/2006/relationships/drawing", "../drawings/drawing1.xml"))
            tail += '<drawing r:id="rIdD1"/>'
        if sh.get("comments"):
            authors = sorted(set(a for _, a, _ in sh["comments"]))
            cl = "".join('<comment ref="%s" authorId="%d"><text><r><t xml:space="preserve">%s</t></r></text></comment>' % (ref, authors.index(a), xesc(t)) for ref, a, t in sh["comments"])
            files.append(("xl/comments%d.xml" % n, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>%s</authors><commentList>%s</commentList></comments>'
                          % ("".join("<author>%s</author>" % xesc(a) for a in authors), cl)))
            shapes = ""
            for j, (ref, a, t) in enumerate(sh["comments"]):
                m = re.match(r"([A-Z]+)(\d+)", ref)
                colx = sum((ord(ch) - 64) * 26 ** e for e, ch in enumerate(reversed(m.group(1)))) - 1
                shapes += ('<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1">'
                           '<v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>') % (1025 + j, j + 1, int(m.group(2)) - 1, colx)
            files.append(("xl/drawings/vmlDrawing%d.vml" % n, '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                          '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>%s</xml>' % shapes))
            ct.append('<Override PartName="/xl/comments%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' % n)
            srels.append(("rIdCm", "officeDocument/2006/relationships/comments", "../comments%d.xml" % n))
            srels.append(("rIdV", "officeDocument/2006/relationships/vmlDrawing", "../drawings/vmlDrawing%d.vml" % n))
            tail += '<legacyDrawing r:id="rIdV"/>'
        files.append(("xl/worksheets/sheet%d.xml" % n,
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>%s</sheetData>%s</worksheet>'
                      % ("".join(rows), tail)))
        if srels:
            files.append(("xl/worksheets/_rels/sheet%d.xml.rels" % n, rels(srels)))
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % n)
        wbrels.append(("rId%d" % n, "officeDocument/2006/relationships/worksheet", "worksheets/sheet%d.xml" % n))
        sheetxml.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xesc(sh["name"]), n, ' state="hidden"' if sh.get("hidden") else "", n))
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>' % "".join(sheetxml))
    allf = [("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % "".join(ct)),
            ("_rels/.rels", rels([("rId1", "officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
                                  ("rId2", "package/2006/relationships/metadata/core-properties", "docProps/core.xml")])),
            ("docProps/core.xml", CORE.format(t=xesc(title), a="Utilisateur")),
            ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels(wbrels))] + files
    return zbytes(allf)


# ------------------------------------------------------ LibreOffice (flat ODF sources)
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:office2="urn:oasis:names:tc:opendocument:xmlns:office:1.0"')
META = '<office:meta><meta:creation-date>2024-05-02T09:30:00</meta:creation-date><dc:date>2024-05-02T09:30:00</dc:date><dc:title>%s</dc:title></office:meta>'


def fodt(L, title="Document"):
    body = []
    for s, t in L:
        if s == "h1":
            body.append('<text:h text:outline-level="1">%s</text:h>' % xesc(t))
        else:
            body.append("<text:p>%s</text:p>" % xesc(t))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">%s'
            '<office:body><office:text>%s</office:text></office:body></office:document>') % (ODF_NS, META % xesc(title), "".join(body))


def fods(rows_by_sheet, title="Classeur"):
    tabs = []
    for name, rows in rows_by_sheet:
        trs = "".join("<table:table-row>%s</table:table-row>" % "".join(
            ('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)) if isinstance(v, (int, float))
            else '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % xesc(v) for v in row) for row in rows)
        tabs.append('<table:table table:name="%s">%s</table:table>' % (xesc(name), trs))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">%s'
            '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>') % (ODF_NS, META % xesc(title), "".join(tabs))


def fodp(slides, title="Présentation"):
    """slides: list of dict(title, lines, notes=None, image=None (png bytes))."""
    pages = []
    for i, s in enumerate(slides):
        fr = ('<draw:frame presentation:style-name="pr1" svg:x="1.5cm" svg:y="0.8cm" svg:width="25cm" svg:height="2.5cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>' % xesc(s["title"]))
        if s.get("lines"):
            fr += ('<draw:frame svg:x="1.5cm" svg:y="3.8cm" svg:width="25cm" svg:height="10cm"><draw:text-box>%s</draw:text-box></draw:frame>'
                   % "".join("<text:p>%s</text:p>" % xesc(t) for t in s["lines"]))
        if s.get("image"):
            png, w, h = s["image"]
            hh = 10.5 * h / w * 1.0
            wcm = 10.5 * w / h if hh > 10.5 else 18
            hcm = 10.5 if hh > 10.5 else 18 * h / w
            fr += ('<draw:frame svg:x="4cm" svg:y="3.8cm" svg:width="%.2fcm" svg:height="%.2fcm"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>'
                   % (wcm, hcm, base64.b64encode(png).decode()))
        if s.get("notes"):
            fr += ('<presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="14cm" svg:width="17cm" svg:height="10cm"><draw:text-box>%s</draw:text-box></draw:frame></presentation:notes>'
                   % "".join("<text:p>%s</text:p>" % xesc(t) for t in s["notes"]))
        pages.append('<draw:page draw:name="page%d" draw:master-page-name="Default">%s</draw:page>' % (i + 1, fr))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">%s'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>%s</office:presentation></office:body></office:document>') % (ODF_NS, META % xesc(title), "".join(pages))


LO_JOBS = []  # (src_name, src_text, target_ext, callback)


def lo_convert_all():
    if not LO_JOBS:
        return {}
    src = os.path.join(BUILD, "src")
    out = os.path.join(BUILD, "out")
    os.makedirs(src, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    prof = "file://" + os.path.join(BUILD, "lo-profile")
    groups = {}
    for name, text, ext in LO_JOBS:
        with open(os.path.join(src, name), "w", encoding="utf-8") as f:
            f.write(text)
        groups.setdefault(ext, []).append(os.path.join(src, name))
    filters = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97", "ppt": "ppt:MS PowerPoint 97", "pptx": "pptx:Impress MS PowerPoint 2007 XML"}
    for ext, files in sorted(groups.items()):
        subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore", "--convert-to", filters[ext], "--outdir", out] + files,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    res = {}
    for name, text, ext in LO_JOBS:
        base = os.path.splitext(name)[0]
        with open(os.path.join(out, base + "." + ext), "rb") as f:
            data = f.read()
        if ext == "pptx":
            data = normalize_ooxml(data)
        res[name] = data
    return res


def normalize_ooxml(data):
    zin = zipfile.ZipFile(io.BytesIO(data))
    files = []
    for n in zin.namelist():
        b = zin.read(n)
        if n.startswith("docProps/"):
            b = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2024-05-02T09:30:00Z", b)
            b = re.sub(rb"<TotalTime>\d+</TotalTime>", b"<TotalTime>0</TotalTime>", b)
        if n.endswith(".xml"):
            # LibreOffice writes random GUIDs for slide-number fields; make them deterministic
            cnt = [0]

            def guid(_m, n=n, cnt=cnt):
                cnt[0] += 1
                h = hashlib.md5(("%s#%d" % (n, cnt[0])).encode()).hexdigest().upper()
                return ("{%s-%s-%s-%s-%s}" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])).encode()
            b = re.sub(rb"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", guid, b)
        files.append((n, b))
    return zbytes(files)


# ------------------------------------------------------ RTF
def rtf_escape(s, mode):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif o < 128:
            out.append(ch)
        else:
            try:
                cb = ch.encode("cp1252")
            except UnicodeEncodeError:
                cb = None
            if mode == "hex" and cb:
                out.append("\\'%02x" % cb[0])
            elif cb:
                out.append("\\u%d\\'%02x" % (o if o < 32768 else o - 65536, cb[0]))
            else:
                out.append("\\u%d?" % (o if o < 32768 else o - 65536))
    return "".join(out)


def rtf_doc(L, mode="hex"):
    parts = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fmodern\\fcharset0 Courier New;}}",
             "{\\colortbl ;\\red0\\green0\\blue0;\\red31\\green56\\blue100;}",
             "{\\info{\\author Secr\\'e9tariat}{\\creatim\\yr2024\\mo5\\dy2\\hr9\\min30}}",
             "\\viewkind4\\pard\\sa120\\f0\\fs22 "]
    for s, t in L:
        e = rtf_escape(t, mode)
        if s == "h1":
            parts.append("{\\b\\fs30\\cf2 %s}\\par\n" % e)
        elif s in ("h2", "b"):
            parts.append("{\\b %s}\\par\n" % e)
        elif s == "m":
            parts.append("{\\f1\\fs18 %s}\\par\n" % e)
        elif s == "s":
            parts.append("{\\fs16 %s}\\par\n" % e)
        else:
            parts.append("%s\\par\n" % e)
    parts.append("}")
    return "".join(parts).encode("ascii")


# ------------------------------------------------------ MIME
CRLF = b"\r\n"


def b64(data):
    return base64.encodebytes(data).replace(b"\n", CRLF)


def qp(data):
    return quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", CRLF)


def hdr(s, charset="utf-8"):
    if all(ord(c) < 128 for c in s):
        return s
    return Header(s, charset, maxlinelen=76).encode().replace("\n", "\r\n")


class Part:
    def __init__(self, ctype, body=b"", cte=None, params=None, headers=None, children=None):
        self.ctype, self.body, self.cte, self.params = ctype, body, cte, params or []
        self.headers, self.children = headers or [], children

    def serialize(self, bnd):
        h = "Content-Type: " + self.ctype
        for k, v in self.params:
            h += ";\r\n\t%s=%s" % (k, v)
        lines = [h]
        if self.children is not None:
            b = bnd()
            lines[0] += ';\r\n\tboundary="%s"' % b
        if self.cte:
            lines.append("Content-Transfer-Encoding: " + self.cte)
        lines += self.headers
        out = "\r\n".join(lines).encode("ascii") + CRLF + CRLF
        if self.children is not None:
            for c in self.children:
                out += b"--" + b.encode() + CRLF + c.serialize(bnd) + CRLF
            out += b"--" + b.encode() + b"--" + CRLF
        else:
            out += self.body
        return out


FALLBACK = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2019": "'", "\u0153": "oe", "\u2022": "*", "\u25a1": " "})


def text_part(text, subtype="plain", charset="utf-8", cte="quoted-printable"):
    text = text.replace("\n", "\r\n")
    try:
        data = text.encode(charset)
    except UnicodeEncodeError:
        data = text.translate(FALLBACK).encode(charset, "replace")
    body = {"quoted-printable": qp, "base64": b64}.get(cte, lambda x: x)(data)
    if cte in ("8bit", "7bit") and not body.endswith(CRLF):
        body += CRLF
    return Part("text/" + subtype, body, cte, [("charset", '"%s"' % charset)])


def fname_params(fn, style="2231"):
    if all(ord(c) < 128 for c in fn):
        return '"%s"' % fn, None
    if style == "2047":
        return '"%s"' % Header(fn, "utf-8").encode().replace("\n", " "), None
    return None, "utf-8''" + "".join(c if (c.isascii() and (c.isalnum() or c in "-._")) else "".join("%%%02X" % b for b in c.encode()) for c in fn)


def attach(data, ctype, fn, style="2231", inline_cid=None, cte="base64", extra_params=None):
    q, ext = fname_params(fn, style)
    disp = "inline" if inline_cid else "attachment"
    params = list(extra_params or [])
    if q:
        params.append(("name", q))
        dh = 'Content-Disposition: %s; filename=%s' % (disp, q)
    else:
        params.append(("name*", ext))
        dh = "Content-Disposition: %s; filename*=%s" % (disp, ext)
    headers = [dh]
    if inline_cid:
        headers.append("Content-ID: <%s>" % inline_cid)
    body = b64(data) if cte == "base64" else data
    return Part(ctype, body, cte, params, headers)


def mixed(*parts):
    return Part("multipart/mixed", children=list(parts))


def alternative(*parts):
    return Part("multipart/alternative", children=list(parts))


def related(*parts):
    return Part("multipart/related", params=[("type", '"text/html"')], children=list(parts))


MAILERS = ["Microsoft Outlook 16.0", "Microsoft Outlook 16.0", "Apple Mail (2.3774)", "Mozilla Thunderbird 115.10", "Zimbra 9.0", None]
MSGNO = [0]


def sender():
    t, g, s = R.choice(STAFF + [("", "Chantal", "Roy"), ("", "Mélanie", "Dion"), ("", "Julien", "Arsenault")])
    local = strip_acc("%s.%s" % (g, s)).lower().replace(" ", "").replace("'", "")
    return "%s %s" % (g, s), "%s@%s" % (local, R.choice(INTERNAL))


def recipient():
    g = R.choice(MALE + FEMALE)
    s = R.choice(SURNAMES)
    local = strip_acc(R.choice(["%s.%s", "%s%s", "%s_%s"]) % (g, s)).lower().replace("'", "")
    return "%s %s" % (g, s), "%s@%s" % (local, R.choice(EXTERNAL))


def message(subject, body, subj_charset="utf-8", raw_subject=None, extra_headers=None):
    MSGNO[0] += 1
    n = MSGNO[0]
    fn, fa = sender()
    tn, ta = recipient()
    date = dt.datetime(2024, 4, 2, 8, 0) + dt.timedelta(minutes=137 * n + R.randint(0, 120))
    cnt = [0]

    def bnd():
        cnt[0] += 1
        return "----=_Part_%d_%d.%08x" % (n, cnt[0], R.getrandbits(32))

    H = ["From: %s <%s>" % (hdr(fn), fa), "To: %s <%s>" % (hdr(tn), ta),
         "Subject: " + (raw_subject if raw_subject else hdr(subject, subj_charset)),
         "Date: " + date.strftime("%a, %d %b %Y %H:%M:%S -0400"),
         "Message-ID: <%08x.%d@%s>" % (R.getrandbits(32), n, fa.split("@")[1]), "MIME-Version: 1.0"]
    m = R.choice(MAILERS)
    if m:
        H.append("X-Mailer: " + m)
    H += extra_headers or []
    return "\r\n".join(H).encode("ascii") + CRLF + body.serialize(bnd)


# ------------------------------------------------------ corpus writer
LABELS = []
COUNT = {"positive": 0, "negative": 0}


def emit(label, cat, data):
    COUNT[label] += 1
    fn = "%s/%03d-%s.eml" % (label, COUNT[label], cat)
    with open(os.path.join(HERE, fn), "wb") as f:
        f.write(data)
    LABELS.append((fn, label, cat))


def greet():
    return R.choice(["Bonjour,", "Bonjour Docteur,", "Salut,", "Bonjour à tous,", "Hello,", "Bonsoir,"])


def sign(name=None):
    return "\n\n" + R.choice(["Merci,", "Bonne journée,", "Cordialement,", "Merci beaucoup", "Thanks,"]) + "\n" + (name or sender()[0])


def plain_with(text, *atts):
    return mixed(text_part(text), *atts) if atts else text_part(text)


def html_wrap(inner):
    return '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body style="font-family:Calibri,sans-serif;font-size:11pt">%s</body></html>' % inner


# ======================================================================
def cat_screenshot():
    kinds = ["labs", "meds", "note", "census", "labs", "note"]
    sizes = [(1366, 768, "sans", 20), (1280, 800, "cond", 21), (1600, 900, "sans", 22), (1440, 900, "serif", 20),
             (1366, 768, "cond", 22), (1920, 1080, "sans", 24)]
    for i in range(6):
        W, H, fam, base = sizes[i]
        img = emr_screenshot(Patient() if kinds[i] != "census" else Patient(), kinds[i], W, H, fam, base)
        png = png_bytes(img)
        fn = R.choice(["capture.png", "Capture d'écran 2024-05-%02d 10%02d%02d.png" % (R.randint(1, 28), R.randint(0, 59), R.randint(0, 59)), "image001.png", "Screenshot_20240514.png"])
        txt = greet() + "\n\n" + R.choice(["Voici la capture d'écran demandée.", "Peux-tu jeter un œil au dossier ci-joint? Je n'arrive pas à l'imprimer.",
                                           "Capture du DPE pour le suivi de demain.", "See the attached screenshot for the follow-up."]) + sign()
        emit("positive", "screenshot", message(R.choice(["capture", "Capture d'écran", "suivi", "TR: dossier", "question"]), plain_with(txt, attach(png, "image/png", fn))))
    nkinds = ["dashboard", "rooms", "template", None, "dashboard", "rooms"]
    for i in range(6):
        W, H, fam, base = sizes[(i + 2) % 6]
        k = nkinds[i]
        img = emr_screenshot(None, k or "labs", W, H, fam, base) if k else emr_screenshot(None, "dashboard", W, H, fam, base)
        if k is None:  # login / error screen
            img = Image.new("RGB", (W, H), (236, 240, 245))
            d = ImageDraw.Draw(img)
            d.text((W // 2 - 300, H // 2 - 120), "MédiDossier — Connexion", font=font("sansb", 34), fill=(20, 50, 100))
            d.text((W // 2 - 300, H // 2 - 40), "Erreur 0x80070005 : session expirée. Veuillez vous reconnecter.", font=font("sans", 22), fill=(150, 0, 0))
            d.text((W // 2 - 300, H // 2 + 10), "Code utilisateur : ________   Mot de passe : ________", font=font("sans", 22), fill=(0, 0, 0))
            d.text((W // 2 - 300, H // 2 + 60), "Soutien TI : poste 5555, billet INC%07d" % R.randint(0, 9999999), font=font("sans", 20), fill=(0, 0, 0))
        png = png_bytes(img)
        txt = greet() + "\n\n" + ["Voici l'état de l'urgence ce matin, pour la rencontre.", "Horaire des salles pour jeudi.",
                                  "Capture de l'environnement de formation, pour le guide.", "J'ai ce message d'erreur depuis ce matin, billet ouvert au TI.",
                                  "Tableau de bord de fin de semaine.", "Voici les réservations, merci de confirmer."][i] + sign()
        emit("negative", "screenshot", message(["Urgence 8h", "Salles jeudi", "Guide formation", "Erreur MédiDossier", "TDB fin de semaine", "Réservations bloc"][i],
                                               plain_with(txt, attach(png, "image/png", "capture%d.png" % (i + 1)))))


def paper_image(L, dpi, fam=None, crop=True):
    return render_page(L, dpi=dpi, family=fam or R.choice(["sans", "serif", "cond"]), crop=crop)


def cat_scan():
    orients = [1, 6, 8, 3, 6, 1]
    for i in range(6):
        dpi = R.choice([150, 200, 200, 300]) if i != 5 else 150
        L = pos_doc()
        up = scanify(paper_image(L, dpi), photo=(i % 2 == 1))
        if dpi == 300:
            up = up.resize((up.width * 2 // 3, up.height * 2 // 3), Image.LANCZOS)
        jpg = jpeg_with_orientation(up, orients[i], quality=R.randint(60, 75), rgb=(i % 3 == 0))
        txt = greet() + "\n\n" + R.choice(["Je vous envoie le document numérisé.", "Photo du formulaire, désolé pour la qualité.",
                                           "Document reçu ce matin, voir pièce jointe.", "Scan attached."]) + sign()
        emit("positive", "scan", message(R.choice(["Numérisation", "document", "IMG_%04d" % R.randint(1000, 9999), "Scan"]),
                                         plain_with(txt, attach(jpg, "image/jpeg", R.choice(["IMG_%04d.JPG" % R.randint(1000, 9999), "scan%03d.jpg" % i, "numérisation.jpg"])))))
    for i in range(6):
        L = neg_doc()
        up = scanify(paper_image(L, 150 if i % 2 else 200), photo=(i % 2 == 0))
        jpg = jpeg_with_orientation(up, [6, 1, 3, 8, 1, 6][i], quality=R.randint(60, 75))
        txt = greet() + "\n\n" + R.choice(["Voici le document numérisé pour vos dossiers.", "Photo de l'affiche, pour diffusion.", "Scan du formulaire vierge."]) + sign()
        emit("negative", "scan", message(R.choice(["Numérisation", "document", "Affiche", "Formulaire"]),
                                         plain_with(txt, attach(jpg, "image/jpeg", "IMG_%04d.jpg" % R.randint(1000, 9999)))))


def inline_msg(img_bytes, ctype, html_text, plain_text, cidname):
    cid = "%s@01DA%06X.%08X" % (cidname, R.getrandbits(24), R.getrandbits(32))
    html = html_wrap("<p>%s</p><p><img src=\"cid:%s\" width=\"800\" alt=\"image\"></p><p>%s</p>" % (html_text, cid, "Merci"))
    alt = alternative(text_part(plain_text + "\n[image]\n"), text_part(html, "html"))
    return related(alt, attach(img_bytes, ctype, cidname, inline_cid=cid))


def cat_inline():
    for i in range(6):
        if i % 2 == 0:
            img = emr_screenshot(Patient(), R.choice(["labs", "meds", "note"]), 1280, 720, R.choice(["sans", "cond"]), 20)
            data, ct, nm = png_bytes(img), "image/png", "image001.png"
        else:
            img = scanify(paper_image(pos_doc(), 150), angle=R.uniform(-1, 1))
            data, ct, nm = to_bytes(img, "JPEG", quality=70), "image/jpeg", "image002.jpg"
        t = R.choice(["Bonjour, voir ci-dessous, c'est urgent.", "Voici ce que je vois dans le dossier :", "Est-ce que ce résultat est normal?", "FYI see below"])
        emit("positive", "inline-image", message(R.choice(["RE: résultats", "À voir", "Question rapide", "FW: labo"]), inline_msg(data, ct, t, t, nm)))
    for i in range(6):
        if i in (0, 3):
            W, H = 900, 500
            img = Image.new("RGB", (W, H), "white")
            d = ImageDraw.Draw(img)
            d.text((20, 12), "Temps d'attente moyen à l'urgence (heures)", font=font("sansb", 24), fill=(0, 0, 0))
            for k, m in enumerate(["Jan", "Fév", "Mar", "Avr", "Mai", "Juin"]):
                h = R.randint(80, 340)
                d.rectangle((70 + k * 130, 440 - h, 150 + k * 130, 440), fill=(40, 90, 160))
                d.text((85 + k * 130, 450), m, font=font("sans", 20), fill=(0, 0, 0))
                d.text((80 + k * 130, 410 - h), "%d,%d" % (R.randint(5, 24), R.randint(0, 9)), font=font("sans", 20), fill=(0, 0, 0))
            data, ct, nm = png_bytes(img, 32), "image/png", "graphique.png"
        elif i in (1, 4):
            img = emr_screenshot(None, R.choice(["dashboard", "template", "rooms"]), 1280, 720, "sans", 20)
            data, ct, nm = png_bytes(img), "image/png", "image001.png"
        else:
            img = scanify(paper_image(neg_doc(), 150), angle=R.uniform(-1, 1))
            data, ct, nm = to_bytes(img, "JPEG", quality=70), "image/jpeg", "affiche.jpg"
        t = R.choice(["Voici le graphique pour le comité.", "Pour information, voir l'image ci-dessous.", "Affiche à imprimer pour les unités."])
        emit("negative", "inline-image", message(R.choice(["Statistiques", "Pour info", "Affiche", "Comité qualité"]), inline_msg(data, ct, t, t, nm)))


def cat_small_images():
    for i in range(7):
        parts = []
        html_imgs = ""
        # logo
        logo = Image.new("RGB", (R.choice([180, 240]), 60), "white")
        d = ImageDraw.Draw(logo)
        d.ellipse((5, 5, 55, 55), fill=(0, 90, 160))
        d.text((64, 10), R.choice(["CISSS", "CIUSSS", "CHR"]), font=font("sansb", 20), fill=(0, 90, 160))
        d.text((64, 34), R.choice(["Haut-Fleuve", "Deux-Rives", "Val-Brûlé"]), font=font("sans", 14), fill=(80, 80, 80))
        imgs = [("logo.png", png_bytes(logo, 16), "image/png")]
        if i % 2 == 0:
            sig = Image.new("RGB", (300, 70), "white")
            ImageDraw.Draw(sig).line([(10, 50), (60, 15), (90, 55), (140, 20), (190, 50), (250, 25)], fill=(10, 20, 120), width=3)
            imgs.append(("signature.png", png_bytes(sig, 8), "image/png"))
        if i % 3 == 0:
            for nm in ("facebook.png", "linkedin.png", "x.png"):
                ic = Image.new("RGB", (24, 24), R.choice([(59, 89, 152), (0, 119, 181), (0, 0, 0)]))
                ImageDraw.Draw(ic).text((7, 3), nm[0].upper(), font=font("sansb", 15), fill="white")
                imgs.append((nm, png_bytes(ic, 8), "image/png"))
        if i in (1, 4, 6):
            imgs.append(("pixel.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "image/gif"))
        if i == 5:
            ic = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
            ImageDraw.Draw(ic).rectangle((4, 12, 28, 20), fill=(200, 0, 0))
            ImageDraw.Draw(ic).rectangle((12, 4, 20, 28), fill=(200, 0, 0))
            imgs.append(("croix.png", to_bytes(ic, "PNG"), "image/png"))
        body_txt = [("Rappel : la clinique de vaccination antigrippale ouvre lundi au 2e étage. Apportez votre carte d'employé.",),
                    ("Merci pour votre participation au colloque régional en soins palliatifs. Les présentations seront en ligne la semaine prochaine.",),
                    ("Voici l'horaire des formations RCR : 12 juin 9 h, 19 juin 13 h. Inscription auprès du service de formation.",),
                    ("La cafétéria sera fermée samedi pour travaux. Des boîtes à lunch seront offertes aux unités.",),
                    ("Infolettre de la Fondation : notre campagne a amassé 245 000 $ pour l'achat d'un nouvel appareil d'IRM.",),
                    ("Please find our updated contact information for the regional lab courier service.",),
                    ("Confirmation de votre inscription au webinaire « Prévention des chutes », 5 juin, 12 h.",)][i][0]
        for nm, _, _ in imgs:
            if nm != "pixel.gif":
                html_imgs += '<img src="cid:%s" alt="%s"> ' % (nm.replace(".", "_") + "@sig", nm)
        html = html_wrap("<p>%s</p><p>%s</p><p>-- <br>Service des communications<br>Tél. 418 555-0142 poste 2210</p>%s"
                         % (greet(), body_txt, html_imgs + ('<img src="cid:pixel_gif@sig" width="1" height="1">' if any(n == "pixel.gif" for n, _, _ in imgs) else "")))
        alt = alternative(text_part(greet() + "\n\n" + body_txt + "\n\n-- \nService des communications\n"), text_part(html, "html"))
        rel = related(alt, *[attach(b, ct, nm, inline_cid=nm.replace(".", "_") + "@sig") for nm, b, ct in imgs])
        emit("negative", "small-images", message(["Vaccination antigrippale", "Merci — colloque", "Formations RCR", "Cafétéria fermée samedi",
                                                  "Infolettre de la Fondation", "Updated contact info", "Confirmation d'inscription"][i], rel))


def cat_scanned_pdf():
    for i in range(6):
        pages = [scanify(paper_image(pos_doc(), R.choice([150, 200]), crop=False), angle=R.uniform(-1.2, 1.2))]
        if i % 2 == 1:
            pages.append(scanify(paper_image(neg_doc() if i == 3 else pos_doc(), 150, crop=False), angle=R.uniform(-1, 1)))
        pdf = image_pdf(pages, R.choice(["Canon iR-ADV C5535 PDF", "RICOH MP C3004", "Xerox WorkCentre 7855", "HP Scan"]))
        txt = greet() + "\n\n" + R.choice(["Ci-joint le document numérisé.", "Document du photocopieur du 3e.", "Voir PDF.", "Attached is the scanned form."]) + sign()
        emit("positive", "scanned-pdf", message(R.choice(["Message from RICOH", "Numérisation", "Document numérisé", "Scanned document"]),
                                                plain_with(txt, attach(pdf, "application/pdf", R.choice(["SCAN_%05d.pdf" % R.randint(0, 99999), "doc%d.pdf" % i, "numérisation.pdf"])))))
    for i in range(6):
        pages = [scanify(paper_image(neg_doc(), 150, crop=False), angle=R.uniform(-1, 1))]
        if i % 2 == 0:
            pages.append(scanify(paper_image(neg_doc(), 150, crop=False), angle=R.uniform(-1, 1)))
        pdf = image_pdf(pages)
        txt = greet() + "\n\n" + R.choice(["Ci-joint le document numérisé.", "Document du photocopieur.", "Voir PDF pour la réunion."]) + sign()
        emit("negative", "scanned-pdf", message(R.choice(["Message from RICOH", "Numérisation", "Document numérisé"]),
                                                plain_with(txt, attach(pdf, "application/pdf", "SCAN_%05d.pdf" % R.randint(0, 99999)))))


def fax_tiff(docs, mode):
    frames = []
    total = len(docs)
    for k, L in enumerate(docs):
        head = [("s", "%s  DE: 418 555-%04d  À: %s   P. %d/%d" % ("2024-05-%02d 14:%02d" % (R.randint(1, 28), R.randint(0, 59)), R.randint(0, 9999), "819 555-%04d" % R.randint(0, 9999), k + 1, total)), ("sp", "")]
        img = render_page(head + L, dpi=200, family=R.choice(["sans", "serif"]), crop=False)
        img = img.resize((1728, int(img.height * 1728 / img.width)), Image.BILINEAR)
        img = img.rotate(R.uniform(-0.8, 0.8), fillcolor=255)
        if mode == "1":
            bw = img.point(lambda v: 255 if v > 140 else 0)
            dd = ImageDraw.Draw(bw)
            for _ in range(R.randint(150, 600)):  # line noise specks
                x, y = R.randrange(bw.width), R.randrange(bw.height)
                dd.point((x, y), fill=0)
            frames.append(bw.convert("1"))
        else:
            frames.append(img.filter(ImageFilter.GaussianBlur(0.6)).point(lambda v: v // 16 * 17).convert("L"))
    b = io.BytesIO()
    if mode == "1":
        frames[0].save(b, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(204, 196))
    else:
        frames[0].save(b, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_adobe_deflate", dpi=(200, 200))
    return b.getvalue()


def fax_cover(pos_patient=False):
    return [("h1", "TÉLÉCOPIE / FAX"), ("n", "Destinataire : Clinique médicale du Bassin"), ("n", "Expéditeur : Archives médicales, " + R.choice(SITES)),
            ("n", "Nombre de pages (incluant celle-ci) : voir en-tête"),
            ("s", "AVIS DE CONFIDENTIALITÉ : ce document est destiné exclusivement au destinataire. Si vous l'avez reçu par erreur,"),
            ("s", "veuillez nous en aviser immédiatement et le détruire.")]


def cat_fax():
    for i in range(6):
        docs = [fax_cover(), pos_doc()] + ([pos_doc()] if i % 3 == 0 else [])
        tif = fax_tiff(docs, "L" if i == 4 else "1")
        txt = R.choice(["Vous avez reçu une télécopie de 3 pages.", "Fax reçu — serveur RightFax.", "Nouvelle télécopie entrante."]) + "\n\nExpéditeur : 418 555-%04d\n" % R.randint(0, 9999)
        emit("positive", "fax-tiff", message("Télécopie reçue de 418555%04d" % R.randint(0, 9999), plain_with(txt, attach(tif, "image/tiff", "fax_%06d.tif" % R.randint(0, 999999)))))
    for i in range(6):
        docs = [fax_cover(), neg_doc()] + ([neg_doc()] if i % 2 == 0 else [])
        tif = fax_tiff(docs, "L" if i == 1 else "1")
        txt = "Vous avez reçu une télécopie.\n\nExpéditeur : 1 800 555-%04d\n" % R.randint(0, 9999)
        emit("negative", "fax-tiff", message("Télécopie reçue de 1800555%04d" % R.randint(0, 9999), plain_with(txt, attach(tif, "image/tiff", "fax_%06d.tif" % R.randint(0, 999999)))))


DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PENDING = []  # messages that need LibreOffice output: (label, cat, srcname, builder)


def small_doc_image(L, dpi=130):
    img = render_page(L, dpi=dpi, family=R.choice(["sans", "serif"]))
    return png_bytes(img, 16), img.width, img.height


def cat_office_embedded():
    # positives: 2 docx, 2 xlsx, 2 pptx
    for i in range(6):
        if i % 3 == 2:
            shot = emr_screenshot(Patient(), R.choice(["labs", "note"]), 1280, 720, "sans", 20)
            image = (png_bytes(shot), shot.width, shot.height)
        else:
            image = small_doc_image(pos_doc())
        txt = greet() + "\n\n" + R.choice(["Document ci-joint pour la rencontre interdisciplinaire.", "Voir le fichier joint.", "Fichier pour la tournée de demain."]) + sign()
        kind = ["docx", "xlsx", "pptx"][i % 3] if i < 3 else ["xlsx", "pptx", "docx"][i % 3]
        if kind == "docx":
            data = docx(["Rencontre interdisciplinaire — cas à discuter", "Voir la pièce ci-dessous."], image=image)
            emit("positive", "office-embedded-image", message("Rencontre interdisciplinaire", plain_with(txt, attach(data, DOCX_CT, "cas_%d.docx" % i))))
        elif kind == "xlsx":
            data = xlsx([{"name": "Feuil1", "rows": [["Suivi hebdomadaire"], ["Voir capture"]]}], image=image)
            emit("positive", "office-embedded-image", message("Suivi hebdo", plain_with(txt, attach(data, XLSX_CT, "suivi_%d.xlsx" % i))))
        else:
            src = "emb_pos_%d.fodp" % i
            LO_JOBS.append((src, fodp([{"title": "Présentation de cas", "lines": ["Club de lecture — résident R2"]}, {"title": "Dossier", "image": image}]), "pptx"))
            PENDING.append(("positive", "office-embedded-image", src, lambda d, txt=txt, i=i: message("Présentation de cas", plain_with(txt, attach(d, PPTX_CT, "presentation_cas_%d.pptx" % i)))))
    for i in range(6):
        if i % 3 == 0:
            W, H = 700, 380
            img = Image.new("RGB", (W, H), "white")
            d = ImageDraw.Draw(img)
            d.text((20, 10), "Taux d'occupation des lits (%)", font=font("sansb", 22), fill=(0, 0, 0))
            pts = [(60 + k * 55, 330 - R.randint(40, 260)) for k in range(11)]
            d.line(pts, fill=(200, 60, 0), width=4)
            d.line((50, 340, 680, 340), fill=(0, 0, 0), width=2)
            image = (png_bytes(img, 16), W, H)
        elif i % 3 == 1:
            image = small_doc_image(neg_doc())
        else:
            shot = emr_screenshot(None, R.choice(["dashboard", "template"]), 1280, 720, "sans", 20)
            image = (png_bytes(shot), shot.width, shot.height)
        txt = greet() + "\n\n" + R.choice(["Document pour le comité de direction.", "Voir le fichier joint.", "Présentation pour la formation."]) + sign()
        kind = ["docx", "xlsx", "pptx"][i % 3]
        if kind == "docx":
            data = docx(["Rapport mensuel", "Voir le graphique ci-dessous."], image=image)
            emit("negative", "office-embedded-image", message("Rapport mensuel", plain_with(txt, attach(data, DOCX_CT, "rapport_%d.docx" % i))))
        elif kind == "xlsx":
            data = xlsx([{"name": "Feuil1", "rows": [["Indicateurs"], ["Voir image"]]}], image=image)
            emit("negative", "office-embedded-image", message("Indicateurs", plain_with(txt, attach(data, XLSX_CT, "indicateurs_%d.xlsx" % i))))
        else:
            src = "emb_neg_%d.fodp" % i
            LO_JOBS.append((src, fodp([{"title": "Formation DPE", "lines": ["Module 3"]}, {"title": "Écran type", "image": image}]), "pptx"))
            PENDING.append(("negative", "office-embedded-image", src, lambda d, txt=txt, i=i: message("Formation DPE", plain_with(txt, attach(d, PPTX_CT, "formation_%d.pptx" % i)))))


def cat_office_hidden():
    harmless = ["Ordre du jour — rencontre d'équipe", "1. Retour sur les indicateurs", "2. Horaire d'été", "3. Varia"]
    # positives
    p = Patient()
    d1 = docx(harmless, header=["Concerne : %s — NAM %s" % (p.full, p.nam_fmt())], footer=["Page 1"])
    p = Patient()
    d2 = docx(["Lettre type — suivi en clinique", "Nous vous prions de vous présenter à votre rendez-vous."], footer=["%s — dossier %s — DDN %s" % (p.rev, p.mrn, fdate(p.dob, 0))])
    p = Patient()
    d3 = docx(harmless, comments=[(1, "Dre Karine Thibodeau", "Ajouter le cas de %s (%s), %s, réadmis hier." % (p.full, fdate(p.dob, 2), R.choice(DX)[0].lower()))])
    p = Patient()
    d4 = docx(["Protocole de recherche — version 3", "Critères d'inclusion : adultes de 18 à 75 ans."],
              footnotes=["Premier participant recruté : %s, né(e) le %s, NAM %s." % (p.full, fdate(p.dob, 1), p.nam_fmt())])
    p = Patient()
    d5 = docx(harmless, insertions=[("Discuter de %s (dossier %s) : %s, congé prévu vendredi." % (p.rev, p.mrn, R.choice(DX)[0]), "Mélanie Dion")])
    ps = [Patient() for _ in range(5)]
    x1 = xlsx([{"name": "Sommaire", "rows": [["Unité", "Lits", "Occupés"], ["4B", 28, 26], ["5N", 32, 31]]},
               {"name": "Détail", "hidden": True, "rows": [list(r) for r in patient_table(ps)]}])
    p = Patient()
    x2 = xlsx([{"name": "Feuil1", "rows": [["Mois", "Admissions"], ["Avril", 412], ["Mai", 398]],
                "comments": [("B3", "Chantal Roy", "Inclut %s (%s) transféré de l'urgence — %s" % (p.full, p.nam_fmt(), R.choice(DX)[0]))]}])
    p = Patient()
    src = "hid_pos_notes.fodp"
    LO_JOBS.append((src, fodp([{"title": "Revue de mortalité et morbidité", "lines": ["Objectifs d'apprentissage", "Analyse des causes"]},
                               {"title": "Leçons apprises", "lines": ["Communication entre les équipes", "Double vérification des doses"],
                                "notes": ["Cas présenté : %s, %d ans, dossier %s, DDN %s." % (p.full, p.age(), p.mrn, fdate(p.dob, 0)), "Diagnostic : " + R.choice(DX)[0]]}]), "pptx"))
    items = [(d1, DOCX_CT, "ordre_du_jour.docx"), (d2, DOCX_CT, "lettre_type.docx"), (d3, DOCX_CT, "ODJ_equipe.docx"), (d4, DOCX_CT, "protocole_v3.docx"),
             (d5, DOCX_CT, "ordre_du_jour_v2.docx"), (x1, XLSX_CT, "occupation.xlsx"), (x2, XLSX_CT, "admissions.xlsx")]
    for data, ct, fn in items:
        txt = greet() + "\n\n" + R.choice(["Voici le document pour la rencontre.", "Version révisée ci-jointe.", "Fichier joint, merci de relire."]) + sign()
        emit("positive", "office-hidden-parts", message(R.choice(["Document révisé", "Pour relecture", "Rencontre de jeudi"]), plain_with(txt, attach(data, ct, fn))))
    PENDING.append(("positive", "office-hidden-parts", src, lambda d: message("Présentation RMM", plain_with(greet() + "\n\nPrésentation pour la RMM." + sign(), attach(d, PPTX_CT, "RMM_mai.pptx")))))
    # negatives: same structures, harmless content
    n1 = docx(harmless, header=[R.choice(SITES) + " — Direction des soins infirmiers"], footer=["Document interne — version 2024-05"])
    n2 = docx(harmless, comments=[(1, "Chantal Roy", "Ajouter les chiffres d'avril."), (2, "Marc Simard", "Valider avec la DRH.")])
    n3 = docx(["Politique sur la confidentialité", "Tout renseignement de santé est confidentiel."], footnotes=["Loi sur les services de santé et les services sociaux, art. 19."])
    n4 = docx(harmless, insertions=[("Ajout : retour sur la formation PDSB (12 participants).", "Mélanie Dion")], deletions=[("Point retiré : stationnement.", "Mélanie Dion")])
    n5 = xlsx([{"name": "Sommaire", "rows": [["Semaine", "Visites"], [18, 1204], [19, 1187]]},
               {"name": "Calcul", "hidden": True, "rows": [["Coefficient", 1.07], ["Source", "Tableau ministériel"]]}],)
    n6 = xlsx([{"name": "Horaire", "rows": [["Nom", "Quart"], ["C. Roy", "Jour"], ["M. Dion", "Soir"]],
                "comments": [("B2", "Manon Quirion", "Échange avec M. Dion confirmé.")]}])
    for data, ct, fn in [(n1, DOCX_CT, "ordre_du_jour.docx"), (n2, DOCX_CT, "ODJ.docx"), (n3, DOCX_CT, "politique.docx"), (n4, DOCX_CT, "ODJ_v2.docx"),
                         (n5, XLSX_CT, "visites.xlsx"), (n6, XLSX_CT, "horaire.xlsx")]:
        txt = greet() + "\n\n" + R.choice(["Voici le document pour la rencontre.", "Version révisée ci-jointe.", "Fichier joint."]) + sign()
        emit("negative", "office-hidden-parts", message(R.choice(["Document révisé", "Pour relecture", "Rencontre de jeudi"]), plain_with(txt, attach(data, ct, fn))))
    src = "hid_neg_notes.fodp"
    LO_JOBS.append((src, fodp([{"title": "Journée de la qualité", "lines": ["Résultats du sondage"],
                                "notes": ["Rappeler que le taux de réponse est de 38 %.", "Remercier l'équipe de la DQEPE."]}]), "pptx"))
    PENDING.append(("negative", "office-hidden-parts", src, lambda d: message("Présentation qualité", plain_with(greet() + "\n\nLa présentation." + sign(), attach(d, PPTX_CT, "qualite.pptx")))))


def cat_fillable():
    modes = ["lit", "hex16", "lit16", "lit", "hex16", "lit"]
    for i in range(6):
        p = Patient()
        dx = R.choice(DX)
        if i % 3 == 0:
            fields = [("Nom du patient", "nom", p.surname, "tx"), ("Prénom", "prenom", p.given, "tx"),
                      ("Date de naissance", "ddn", fdate(p.dob, R.choice([0, 1])), "tx"), ("NAM", "nam", p.nam_fmt(), "tx"),
                      ("Raison de consultation", "raison", dx[0], "tx"), ("Urgent", "urgent", True, "btn"),
                      ("Priorité", "priorite", (["A", "B", "C", "D", "E"], R.choice("ABCDE")), "ch")]
            title = "Demande de consultation en spécialité"
        elif i % 3 == 1:
            fields = [("Patient", "patient", p.full, "tx"), ("No de dossier", "dossier", p.mrn, "tx"),
                      ("Examen demandé", "examen", R.choice(["IRM cérébrale", "TDM abdominale", "Échographie cardiaque"]), "tx"),
                      ("Renseignements cliniques", "clinique", dx[0], "tx"), ("Allergie à l'iode", "iode", R.random() < 0.5, "btn")]
            title = "Requête en imagerie médicale"
        else:
            fields = [("Nom", "nom", p.rev, "tx"), ("DDN", "ddn", fdate(p.dob, 2), "tx"), ("Médicament", "med", R.choice(MEDS), "tx"),
                      ("Justification", "just", dx[0], "tx"), ("Code RAMQ", "ramq", p.nam_fmt(0), "tx")]
            title = "Demande de médicament d'exception"
        pdf = form_pdf(title, fields, modes[i], hierarchical=(i == 4))
        txt = greet() + "\n\n" + R.choice(["Formulaire rempli ci-joint.", "Voici la requête complétée.", "Please find the completed form."]) + sign()
        emit("positive", "fillable-pdf", message(R.choice(["Formulaire", "Requête", "Demande"]), plain_with(txt, attach(pdf, "application/pdf", R.choice(["formulaire.pdf", "requete_rempli.pdf", "demande.pdf"])))))
    for i in range(6):
        if i < 3:
            fields = [("Nom du patient", "nom", None, "tx"), ("Prénom", "prenom", None, "tx"), ("Date de naissance", "ddn", None, "tx"),
                      ("NAM", "nam", "" if i == 1 else None, "tx"), ("Raison de consultation", "raison", None, "tx"), ("Urgent", "urgent", False, "btn"),
                      ("Priorité", "priorite", (["A", "B", "C", "D", "E"], None), "ch")]
            title = "Demande de consultation en spécialité"
        elif i == 3:
            s = R.choice(STAFF)
            fields = [("Nom de l'employé", "nom", "%s %s" % (s[1], s[2]), "tx"), ("Service", "service", "Médecine interne", "tx"),
                      ("Accès demandé", "acces", "Lecture seule — laboratoire", "tx"), ("Poste téléphonique", "poste", "%d" % R.randint(2000, 7999), "tx")]
            title = "Demande d'accès au système d'information"
        elif i == 4:
            fields = [("Salle", "salle", "B-214", "tx"), ("Date", "date", "2024-06-12", "tx"), ("Responsable", "resp", "Chantal Roy", "tx"),
                      ("Nombre de personnes", "nb", "14", "tx"), ("Projecteur", "proj", True, "btn")]
            title = "Réservation de salle"
        else:
            fields = [("Fournisseur", "fourn", "Fournitures médicales Boréal inc.", "tx"), ("No de commande", "cmd", "PO-%07d" % R.randint(0, 9999999), "tx"),
                      ("Article", "art", "Cathéters IV 20G, boîte de 50", "tx"), ("Quantité", "qte", "12", "tx")]
            title = "Bon de commande"
        pdf = form_pdf(title, fields, modes[i], hierarchical=(i == 1))
        txt = greet() + "\n\n" + R.choice(["Voici le formulaire.", "Formulaire vierge à utiliser à partir de maintenant.", "Formulaire rempli ci-joint."]) + sign()
        emit("negative", "fillable-pdf", message(R.choice(["Formulaire", "Nouveau formulaire", "Demande"]), plain_with(txt, attach(pdf, "application/pdf", "formulaire_%d.pdf" % i))))


def cat_legacy():
    jobs = []
    # positives
    for i in range(6):
        k = [0, 1, 2, 0, 1, 0][i]
        if k == 0:
            src = "leg_pos_%d.fodt" % i
            LO_JOBS.append((src, fodt(pos_doc()), "doc"))
            ext, ct, fn = "doc", "application/msword", R.choice(["lettre.doc", "resume_conge.doc", "consultation.doc"])
        elif k == 1:
            ps = [Patient() for _ in range(R.randint(4, 8))]
            rows = [list(r) for r in patient_table(ps, en=(i == 4))]
            src = "leg_pos_%d.fods" % i
            LO_JOBS.append((src, fods([("Patients", rows)]), "xls"))
            ext, ct, fn = "xls", "application/vnd.ms-excel", R.choice(["liste_patients.xls", "census.xls"])
        else:
            p = Patient()
            src = "leg_pos_%d.fodp" % i
            LO_JOBS.append((src, fodp([{"title": "Présentation de cas clinique", "lines": ["%s, %d ans" % (p.full, p.age()), "DDN : %s — dossier %s" % (fdate(p.dob, 0), p.mrn), R.choice(DX)[0]]},
                                       {"title": "Évolution", "lines": ["Traitement : " + R.choice(MEDS), "Suivi : 3 mois"]}]), "ppt"))
            ext, ct, fn = "ppt", "application/vnd.ms-powerpoint", "cas_clinique.ppt"
        txt = greet() + "\n\n" + R.choice(["Document ci-joint (ancien format, désolé).", "Voir fichier.", "Le fichier de la secrétaire."]) + sign()
        PENDING.append(("positive", "legacy-office", src, lambda d, ct=ct, fn=fn, txt=txt: message(R.choice(["Document", "Fichier", "TR: document"]), plain_with(txt, attach(d, ct, fn)))))
    for i in range(6):
        k = [0, 1, 2, 1, 0, 1][i]
        if k == 0:
            src = "leg_neg_%d.fodt" % i
            LO_JOBS.append((src, fodt(neg_doc()), "doc"))
            ct, fn = "application/msword", "document.doc"
        elif k == 1:
            if i == 1:
                rows = [["Quart", "Lundi", "Mardi", "Mercredi"]] + [[q] + [R.choice(STAFF)[2] for _ in range(3)] for q in ("Jour", "Soir", "Nuit")]
            elif i == 3:
                rows = [["Code article", "Description", "Qté", "Prix"]] + [["%s %04d %04d" % ("".join(R.choice("ABCDEFGHKLMNPRSTVW") for _ in range(4)), R.randint(0, 9999), R.randint(0, 9999)), a, R.randint(1, 50), R.randint(5, 500)] for a in ("Gants", "Blouses", "Seringues", "Tubulures")]
            else:
                rows = [["Unité", "Lits", "Jours-présence", "DMS"]] + [[u, R.randint(12, 40), R.randint(300, 1200), R.randint(3, 12)] for u in ("3A", "3B", "4B", "5N", "Soins intensifs")]
            src = "leg_neg_%d.fods" % i
            LO_JOBS.append((src, fods([("Feuil1", rows)]), "xls"))
            ct, fn = "application/vnd.ms-excel", "tableau.xls"
        else:
            src = "leg_neg_%d.fodp" % i
            LO_JOBS.append((src, fodp([{"title": "Prévention des chutes", "lines": ["Évaluer le risque à l'admission", "Échelle de Morse", "Réévaluer après chaque chute"]},
                                       {"title": "Statistiques 2023", "lines": ["212 chutes déclarées", "Taux : 3,4 / 1000 jours-présence"]}]), "ppt"))
            ct, fn = "application/vnd.ms-powerpoint", "formation_chutes.ppt"
        txt = greet() + "\n\n" + R.choice(["Document ci-joint.", "Voir fichier.", "Pour information."]) + sign()
        PENDING.append(("negative", "legacy-office", src, lambda d, ct=ct, fn=fn, txt=txt: message(R.choice(["Document", "Fichier", "Pour info"]), plain_with(txt, attach(d, ct, fn)))))


def cat_rtf():
    for i in range(6):
        mode = ["hex", "u", "hex", "u", "hex", "u"][i]
        L = pos_doc(en=False)
        r = rtf_doc(L, mode)
        if i in (1, 4):  # RTF is the message body itself
            body = Part("text/rtf", b64(r) if i == 1 else qp(r), "base64" if i == 1 else "quoted-printable")
            emit("positive", "rich-text", message(R.choice(["Lettre", "Résumé"]), body))
        else:
            txt = greet() + "\n\n" + R.choice(["Lettre ci-jointe.", "Voici le document RTF de la dictée.", "Transcription de la dictée ci-jointe."]) + sign()
            ct = R.choice(["application/rtf", "text/rtf", "application/msword"])
            emit("positive", "rich-text", message("Transcription dictée", plain_with(txt, attach(r, ct, R.choice(["dictee_%04d.rtf" % R.randint(0, 9999), "lettre.rtf"])))))
    for i in range(6):
        r = rtf_doc(neg_doc(), ["u", "hex"][i % 2])
        if i in (0, 3):
            body = Part("text/rtf", qp(r), "quoted-printable")
            emit("negative", "rich-text", message(R.choice(["Avis", "Information"]), body))
        else:
            txt = greet() + "\n\n" + R.choice(["Document ci-joint.", "Voici le gabarit RTF.", "Pour diffusion."]) + sign()
            emit("negative", "rich-text", message("Document", plain_with(txt, attach(r, "application/rtf", "document_%d.rtf" % i))))


def unicode_blob(text, enc):
    t = text.replace("\n", "\r\n")
    table = {"utf-16le-bom": b"\xff\xfe" + t.encode("utf-16-le"), "utf-16be-bom": b"\xfe\xff" + t.encode("utf-16-be"),
             "utf-16le": t.encode("utf-16-le"), "utf-16be": t.encode("utf-16-be"),
             "utf-32le-bom": b"\xff\xfe\x00\x00" + t.encode("utf-32-le"), "utf-32be": t.encode("utf-32-be")}
    return table[enc]


UCS = {"utf-16le-bom": "utf-16", "utf-16be": "utf-16be", "utf-32le-bom": "utf-32", "utf-16le": "utf-16le", "utf-16be-bom": "utf-16", "utf-32be": "utf-32be"}


def tsv(rows):
    return "\n".join("\t".join(str(c) for c in r) for r in rows) + "\n"


def cat_unicode():
    encs = ["utf-16le-bom", "utf-16be", "utf-32le-bom", "utf-16le", "utf-16be-bom", "utf-32be"]
    for i in range(6):
        if i % 2 == 0:
            text = tsv(patient_table([Patient() for _ in range(R.randint(3, 7))], en=(i == 4)))
            fn = R.choice(["export.txt", "liste.txt", "Classeur1.txt"])
        else:
            text = doc_text(pos_doc())
            fn = R.choice(["note.txt", "resultats.csv", "lettre.txt"])
        data = unicode_blob(text, encs[i])
        ct = R.choice(["text/plain", "application/octet-stream", "text/csv"])
        extra = [("charset", '"%s"' % UCS[encs[i]])] if ct.startswith("text") else None
        txt = greet() + "\n\n" + R.choice(["Export Excel en texte Unicode ci-joint.", "Voici l'extraction du système.", "Fichier texte joint."]) + sign()
        emit("positive", "unicode-text", message(R.choice(["Export", "Extraction", "Liste"]), plain_with(txt, attach(data, ct, fn, extra_params=extra))))
    for i in range(6):
        if i % 2 == 0:
            rows = [["Semaine", "Visites", "Admissions", "DMS"]] + [[w, R.randint(800, 1300), R.randint(80, 200), "%d,%d" % (R.randint(3, 9), R.randint(0, 9))] for w in range(14, 20)]
            text = tsv(rows)
        else:
            text = doc_text(neg_doc())
        data = unicode_blob(text, encs[(i + 1) % 6])
        txt = greet() + "\n\n" + R.choice(["Export Excel ci-joint.", "Voici les données.", "Fichier texte joint."]) + sign()
        emit("negative", "unicode-text", message(R.choice(["Export", "Données", "Statistiques"]), plain_with(txt, attach(data, "text/plain", "export_%d.txt" % i, extra_params=[("charset", '"%s"' % UCS[encs[(i + 1) % 6]])]))))


def tar_bytes(files, gz=False):
    b = io.BytesIO()
    raw = io.BytesIO() if gz else b
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode, ti.uname, ti.gname = len(data), 1714642200, 0o644, "archives", "archives"
            t.addfile(ti, io.BytesIO(data))
    if gz:
        return gz_bytes(raw.getvalue())
    return b.getvalue()


def gz_bytes(data, name=""):
    b = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=b, mtime=1714642200) as g:
        g.write(data)
    return b.getvalue()


def csv_text(rows):
    s = io.StringIO()
    csv.writer(s, delimiter=";", lineterminator="\r\n").writerows(rows)
    return s.getvalue()


def cat_archives():
    # 1 zip with csv + txt
    ps = [Patient() for _ in range(5)]
    z1 = zbytes([("liste_patients.csv", csv_text(patient_table(ps)).encode("utf-8-sig")), ("lisezmoi.txt", "Export du 2024-05-02".encode())])
    # 2 tar with a letter
    t2 = tar_bytes([("dossier/lettre.txt", doc_text(pos_doc()).encode("utf-8")), ("dossier/notes.txt", b"voir lettre\n")])
    # 3 tgz with docx inside
    p = Patient()
    dx3 = docx([(p.full, True), "Né(e) le " + fdate(p.dob, 2), "NAM : " + p.nam_fmt(), "Diagnostic : " + R.choice(DX)[0], "Plan : " + R.choice(MEDS)])
    t3 = tar_bytes([("transfert/resume.docx", dx3), ("transfert/liste.txt", b"1 document\n")], gz=True)
    # 4 gz of a csv
    g4 = gz_bytes(csv_text(patient_table([Patient() for _ in range(4)], en=True)).translate(FALLBACK).encode("latin-1", "replace"), "census.csv")
    # 5 nested zip in zip
    inner = zbytes([("resultats_%s.txt" % strip_acc(Patient().surname).lower(), doc_text(d_lab(Patient())).encode("utf-8"))])
    z5 = zbytes([("archives_mai/", b""), ("archives_mai/resultats.zip", inner), ("archives_mai/note.txt", "Mot de passe envoyé séparément (blague, il n'y en a pas)".encode())])
    # 6 zip with rtf and a stored (uncompressed) entry
    z6 = zbytes([("dictees/dictee_01.rtf", rtf_doc(pos_doc(), "u")), ("dictees/dictee_02.rtf", rtf_doc(neg_doc(), "hex"))], method=zipfile.ZIP_STORED)
    items = [(z1, "application/zip", "export.zip"), (t2, "application/x-tar", "dossier.tar"), (t3, "application/gzip", "transfert.tgz"),
             (g4, "application/gzip", "census.csv.gz"), (z5, "application/x-zip-compressed", "archives_mai.zip"), (z6, "application/zip", "dictées.zip")]
    for data, ct, fn in items:
        txt = greet() + "\n\n" + R.choice(["Fichiers compressés ci-joints.", "Voici l'archive demandée.", "Archive attached."]) + sign()
        emit("positive", "archives", message(R.choice(["Archive", "Fichiers", "Transfert de documents"]), plain_with(txt, attach(data, ct, fn))))
    # negatives
    n1 = zbytes([("politiques/PR-101.txt", doc_text(n_policy()).encode()), ("politiques/PR-102.txt", doc_text(n_policy()).encode())])
    n2 = tar_bytes([("horaire/mai.txt", doc_text(n_schedule()).encode()), ("horaire/juin.txt", doc_text(n_schedule()).encode())], gz=True)
    n3 = gz_bytes(csv_text([["Facture", "Date", "Montant"]] + [[R.randint(100000, 999999), "2024-04-%02d" % R.randint(1, 30), "%d,%02d" % (R.randint(10, 9000), R.randint(0, 99))] for _ in range(12)]).encode(), "factures.csv")
    n4 = zbytes([("formation/", b""), ("formation/gabarit.zip", zbytes([("gabarit_resume_conge.docx", docx([l[1] for l in n_training()]))])), ("formation/consignes.txt", doc_text(n_protocol()).encode())])
    n5 = tar_bytes([("stats/urgence.txt", doc_text(n_stats()).encode()), ("stats/comite.txt", doc_text(n_meeting()).encode())])
    n6 = zbytes([("rappel.rtf", rtf_doc(n_recall(), "u")), ("bulletin.txt", doc_text(n_newsletter()).encode("cp1252"))])
    for data, ct, fn in [(n1, "application/zip", "politiques.zip"), (n2, "application/gzip", "horaires.tar.gz"), (n3, "application/gzip", "factures.csv.gz"),
                         (n4, "application/zip", "formation.zip"), (n5, "application/x-tar", "stats.tar"), (n6, "application/zip", "communications.zip")]:
        txt = greet() + "\n\n" + R.choice(["Fichiers compressés ci-joints.", "Voici l'archive.", "Pour vos dossiers."]) + sign()
        emit("negative", "archives", message(R.choice(["Archive", "Fichiers", "Documents"]), plain_with(txt, attach(data, ct, fn))))


def cat_encodings():
    # positives
    p = Patient()
    L = d_discharge(p)
    emit("positive", "encodings", message("Résumé de congé", text_part(greet() + "\n\n" + doc_text(L) + sign(), cte="quoted-printable")))
    p = Patient()
    emit("positive", "encodings", message("Suivi", text_part(greet() + "\n\n" + doc_text(d_consult(p)) + sign(), cte="base64")))
    p = Patient()
    subj = "Résultat pathologie - %s %s (dossier %s)" % (p.title, p.full, p.mrn)
    raw = Header(subj, "iso-8859-15" if R.random() < 0.5 else "utf-8").encode().replace("\n", "\r\n")
    emit("positive", "encodings", message("", text_part("Voir objet. Biopsie positive, rappeler la patiente/le patient pour rendez-vous.\n" + sign(), cte="7bit", charset="us-ascii"), raw_subject=raw))
    p = Patient()
    emit("positive", "encodings", message("Ordonnance", text_part(greet() + "\n\n" + doc_text(d_rx(p)) + sign(), charset="iso-8859-1", cte="8bit")))
    p = Patient()
    body = greet() + "\n\nL’infirmière a noté ce qui suit pour %s (NAM %s) : œdème des membres inférieurs, « dyspnée » croissante — %s.\n" % (p.full, p.nam_fmt(), R.choice(DX)[0]) + sign()
    emit("positive", "encodings", message("Note infirmière", text_part(body, charset="windows-1252", cte="quoted-printable")))
    p = Patient()
    fn = "Résumé_congé_%s.txt" % p.surname
    att = attach(doc_text(d_discharge(p)).translate(FALLBACK).encode("iso-8859-15", "replace"), "text/plain", fn, style=R.choice(["2231", "2047"]), extra_params=[("charset", '"iso-8859-15"')])
    emit("positive", "encodings", message("Document", mixed(text_part("Ci-joint.\n", charset="us-ascii", cte="7bit"), att)))
    p = Patient()
    emit("positive", "encodings", message("Référence", text_part(greet() + "\n\n" + doc_text(d_referral(p)) + sign(), charset="macintosh", cte="base64")))
    p = Patient()
    emit("positive", "encodings", message("Labo", text_part(greet() + "\n\n" + doc_text(d_lab(p)) + sign(), charset="utf-7", cte="7bit")))
    # negatives
    emit("negative", "encodings", message("Politique révisée", text_part(greet() + "\n\n" + doc_text(n_policy()) + sign(), cte="quoted-printable")))
    emit("negative", "encodings", message("Bulletin", text_part(greet() + "\n\n" + doc_text(n_newsletter()) + sign(), cte="base64")))
    raw = Header("Réunion du comité qualité : ordre du jour (salle B-214)", "iso-8859-1").encode().replace("\n", "\r\n")
    emit("negative", "encodings", message("", text_part("Voir objet. Merci de confirmer votre présence.\n", charset="us-ascii", cte="7bit"), raw_subject=raw))
    emit("negative", "encodings", message("Facture", text_part(greet() + "\n\n" + doc_text(n_invoice()) + sign(), charset="iso-8859-1", cte="8bit")))
    emit("negative", "encodings", message("Rappel pharmacie", text_part(greet() + "\n\nL’avis de rappel « héparine » s’applique à tous les étages — œuvrez avec prudence.\n" + doc_text(n_recall()) + sign(), charset="windows-1252", cte="quoted-printable")))
    att = attach(doc_text(n_protocol()).translate(FALLBACK).encode("iso-8859-15"), "text/plain", "Procédure_hygiène_des_mains.txt", style="2231", extra_params=[("charset", '"iso-8859-15"')])
    emit("negative", "encodings", message("Procédure", mixed(text_part("Ci-joint.\n", charset="us-ascii", cte="7bit"), att)))
    emit("negative", "encodings", message("Horaire", text_part(greet() + "\n\n" + doc_text(n_schedule()) + sign(), charset="macintosh", cte="base64")))


def main():
    for sub in ("positive", "negative"):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    if os.path.isdir(BUILD):
        shutil.rmtree(BUILD)
    os.makedirs(BUILD)
    for f in (cat_screenshot, cat_scan, cat_inline, cat_small_images, cat_scanned_pdf, cat_fax, cat_office_embedded,
              cat_office_hidden, cat_fillable, cat_legacy, cat_rtf, cat_unicode, cat_archives, cat_encodings):
        f()
    lo = lo_convert_all()
    for label, cat, src, builder in PENDING:
        emit(label, cat, builder(lo[src]))
    shutil.rmtree(BUILD)
    LABELS.sort()
    with open(os.path.join(HERE, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "label", "category"])
        w.writerows(LABELS)
    print("positives %d, negatives %d" % (COUNT["positive"], COUNT["negative"]))


if __name__ == "__main__":
    main()
