#!/usr/bin/env python3
"""Held-out DLP corpus generator (fake Quebec hospital e-mails).

Deterministic: fixed SEED, fixed dates, no network.  Writes positive/, negative/,
labels.csv next to this file.  All people, numbers and establishments are invented.
"""
import base64, csv, gzip, io, os, quopri, random, shutil, struct, subprocess, sys
import tarfile, tempfile, unicodedata, zipfile, zlib, datetime as dt
from email.utils import formataddr
from email.header import Header
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageOps

SEED = 20261107
HERE = os.path.dirname(os.path.abspath(__file__))
FONTDIR = "/usr/share/fonts/truetype/dejavu/"
FIXED_ZIP_TIME = (2026, 10, 15, 9, 30, 0)
FIXED_EPOCH = 1792056600  # 2026-10-15 09:30 UTC (used for tar/gzip mtimes)

# --------------------------------------------------------------------------
# People and identifiers
# --------------------------------------------------------------------------
SURNAMES = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
            "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
            "Paquette", "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé",
            "Poirier", "Fournier", "Lapointe", "Leclerc", "Poulin", "Thibault", "St-Pierre",
            "Nadeau", "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier", "Michaud",
            "Hébert", "Desjardins", "Couture", "Turcotte", "Lachance", "Blais", "Gosselin",
            "Savard", "Proulx", "Beaudoin", "Demers", "Perreault", "O'Brien", "MacDonald",
            "Nguyen", "Wong", "Da Silva", "Abdelkader", "Ng"]
GIVEN_F = ["Marie", "Sylvie", "Nathalie", "Julie", "Isabelle", "Chantal", "Geneviève", "Émilie",
           "Léa", "Camille", "Louise", "Ginette", "Hélène", "Karine", "Noémie", "Jocelyne",
           "Mélanie", "Annie", "Thérèse", "Rose", "Fatima", "Linda"]
GIVEN_M = ["Jean", "Luc", "Pierre", "Michel", "François", "André", "Mathieu", "Gabriel",
           "Olivier", "Yves", "Réjean", "Denis", "Étienne", "Maxime", "Raymond", "Gilles",
           "Sébastien", "Normand", "Hugo", "Kevin", "Samir", "Robert"]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def luhn_ok(digits):
    tot = 0
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def make_sin(rng):
    base = str(rng.randint(1, 7)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    for c in range(10):
        if luhn_ok(base + str(c)):
            return base + str(c)


def non_luhn_9(rng):
    while True:
        s = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        if not luhn_ok(s):
            return s


class Patient:
    def __init__(self, rng, lang="fr"):
        self.sex = rng.choice("FM")
        self.given = rng.choice(GIVEN_F if self.sex == "F" else GIVEN_M)
        self.surname = rng.choice(SURNAMES)
        y = rng.randint(1936, 2009)
        self.dob = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
        letters = "".join(c for c in strip_accents(self.surname).upper() if c.isalpha())
        letters = (letters + "XXX")[:3]
        mm = self.dob.month + (50 if self.sex == "F" else 0)
        self.nam_raw = "%s%s%02d%02d%02d%02d" % (letters, strip_accents(self.given)[0].upper(),
                                                 self.dob.year % 100, mm, self.dob.day,
                                                 rng.randint(10, 29))
        self.mrn = "%07d" % rng.randint(100000, 3999999)
        self.sin_raw = make_sin(rng)
        self.age = 2026 - self.dob.year - (1 if (self.dob.month, self.dob.day) > (11, 1) else 0)
        self.nam_style = rng.randint(0, 2)
        self.mrn_style = rng.randint(0, 3)

    @property
    def name(self):
        return "%s %s" % (self.given, self.surname)

    @property
    def name_inv(self):
        return "%s, %s" % (self.surname.upper(), self.given)

    @property
    def nam(self):
        r = self.nam_raw
        if self.nam_style == 0:
            return "%s %s %s" % (r[:4], r[4:8], r[8:])
        if self.nam_style == 1:
            return r
        return "%s-%s-%s" % (r[:4], r[4:8], r[8:])

    @property
    def sin(self):
        s = self.sin_raw
        return "%s %s %s" % (s[:3], s[3:6], s[6:]) if self.nam_style != 1 else s

    @property
    def mrn_fmt(self):
        return [self.mrn, "H-" + self.mrn, self.mrn[:3] + "-" + self.mrn[3:], "00" + self.mrn][self.mrn_style]

    def dob_fmt(self, lang):
        if lang == "en":
            return self.dob.strftime("%Y-%m-%d")
        return "%d %s %d" % (self.dob.day, MOIS[self.dob.month - 1], self.dob.year) if self.nam_style == 2 \
            else self.dob.isoformat()

    def title(self, lang):
        if lang == "en":
            return "Mrs." if self.sex == "F" else "Mr."
        return "Mme" if self.sex == "F" else "M."


MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]

ESTABS = [
    ("CHU des Laurentides", "chu-laurentides.example", "fr"),
    ("Hôpital Saint-Aurèle", "hsaurele.example", "fr"),
    ("CISSS de la Matawinie", "cisss-matawinie.example", "fr"),
    ("Centre hospitalier de Rivière-aux-Outardes", "ch-outardes.example", "fr"),
    ("CIUSSS du Vieux-Port", "ciusss-vieuxport.example", "fr"),
    ("McAllister General Hospital", "mcallister-general.example", "en"),
    ("Hôpital régional de Val-Brûlé", "hr-valbrule.example", "fr"),
]
STAFF = [("Dre", "Sophie", "Lavallée", "physician"), ("Dr", "Marc-André", "Giroux", "physician"),
         ("Dre", "Amélie", "Fréchette", "physician"), ("Dr", "Thomas", "Leduc", "resident"),
         ("Dre", "Inès", "Benali", "resident"), ("", "Chantal", "Vaillancourt", "clerk"),
         ("", "Diane", "Marcotte", "clerk"), ("Dr", "Kevin", "O'Neill", "physician"),
         ("Dre", "Priya", "Raman", "resident"), ("", "Manon", "Leblond", "clerk"),
         ("Dr", "Jules", "Archambault", "physician"), ("", "Steve", "Deschênes", "clerk")]
ROLE = {"physician": ("médecin", "physician"), "resident": ("résidente / résident", "resident"),
        "clerk": ("agente administrative", "medical records clerk")}
OUTSIDE = ["gmail.example", "clinique-x.example", "assureur.example", "hotmail.example",
           "cliniqueboreale.example", "pharmacie-du-lac.example", "labo-prive.example",
           "videotron.example", "gmf-des-iles.example", "cabinet-juridique.example"]
OUT_LOCAL = ["j.boisvert", "reception", "dossiers", "info", "m.tanguay", "clinique", "dr.pham",
             "reclamations", "louise.b1962", "secretariat", "admin", "s.ferland"]
SPECIALTIES = [("cardiologie", "cardiology"), ("pneumologie", "respirology"),
               ("endocrinologie", "endocrinology"), ("orthopédie", "orthopedics"),
               ("gastro-entérologie", "gastroenterology"), ("neurologie", "neurology"),
               ("néphrologie", "nephrology"), ("psychiatrie", "psychiatry")]

DX = [
    dict(fr="Diabète de type 2 mal contrôlé", en="Poorly controlled type 2 diabetes",
         meds=["Metformine 1000 mg PO BID", "Empagliflozine 10 mg PO DIE", "Atorvastatine 20 mg PO HS"],
         labs=[("HbA1c", "HbA1c", "9,1", "%", "4,0 – 6,0", "H"), ("Glucose à jeun", "Fasting glucose", "11,4", "mmol/L", "3,6 – 6,0", "H"),
               ("Créatinine", "Creatinine", "98", "µmol/L", "50 – 110", ""), ("DFGe", "eGFR", "67", "mL/min/1,73m²", "> 60", "")]),
    dict(fr="Fibrillation auriculaire nouvellement diagnostiquée", en="New-onset atrial fibrillation",
         meds=["Apixaban 5 mg PO BID", "Métoprolol 25 mg PO BID"],
         labs=[("TSH", "TSH", "0,21", "mUI/L", "0,35 – 5,00", "L"), ("Potassium", "Potassium", "3,6", "mmol/L", "3,5 – 5,0", ""),
               ("NT-proBNP", "NT-proBNP", "1840", "ng/L", "< 450", "H"), ("Hémoglobine", "Hemoglobin", "131", "g/L", "120 – 160", "")]),
    dict(fr="Insuffisance cardiaque à fraction d'éjection réduite (FEVG 30 %)", en="Heart failure with reduced ejection fraction (LVEF 30%)",
         meds=["Sacubitril-valsartan 49/51 mg PO BID", "Bisoprolol 5 mg PO DIE", "Furosémide 40 mg PO DIE", "Spironolactone 25 mg PO DIE"],
         labs=[("NT-proBNP", "NT-proBNP", "5210", "ng/L", "< 450", "H"), ("Sodium", "Sodium", "132", "mmol/L", "135 – 145", "L"),
               ("Créatinine", "Creatinine", "141", "µmol/L", "50 – 110", "H")]),
    dict(fr="MPOC avec exacerbation aiguë", en="COPD with acute exacerbation",
         meds=["Prednisone 40 mg PO DIE x 5 jours", "Tiotropium 18 mcg inh DIE", "Salbutamol 100 mcg 2 inh QID PRN"],
         labs=[("pH veineux", "Venous pH", "7,33", "", "7,32 – 7,42", ""), ("pCO2", "pCO2", "58", "mmHg", "41 – 51", "H"),
               ("Leucocytes", "WBC", "12,8", "x10⁹/L", "4,0 – 11,0", "H")]),
    dict(fr="Fracture du radius distal gauche", en="Left distal radius fracture",
         meds=["Acétaminophène 1 g PO QID PRN", "Hydromorphone 1 mg PO q4h PRN"],
         labs=[("Hémoglobine", "Hemoglobin", "128", "g/L", "120 – 160", ""), ("INR", "INR", "1,0", "", "0,8 – 1,2", "")]),
    dict(fr="Épisode dépressif majeur, modéré", en="Major depressive episode, moderate",
         meds=["Sertraline 100 mg PO DIE", "Zopiclone 3,75 mg PO HS PRN"],
         labs=[("TSH", "TSH", "2,10", "mUI/L", "0,35 – 5,00", ""), ("Vitamine B12", "Vitamin B12", "162", "pmol/L", "> 150", "")]),
    dict(fr="Adénocarcinome du sein droit, cT2 N0", en="Right breast adenocarcinoma, cT2 N0",
         meds=["Létrozole 2,5 mg PO DIE", "Ondansétron 8 mg PO q8h PRN"],
         labs=[("CA 15-3", "CA 15-3", "41", "kU/L", "< 31", "H"), ("Phosphatase alcaline", "Alkaline phosphatase", "96", "U/L", "40 – 129", "")]),
    dict(fr="Pneumonie communautaire lobaire inférieure droite", en="Right lower lobe community-acquired pneumonia",
         meds=["Amoxicilline-clavulanate 875 mg PO BID x 7 jours", "Azithromycine 500 mg PO DIE x 3 jours"],
         labs=[("Leucocytes", "WBC", "15,2", "x10⁹/L", "4,0 – 11,0", "H"), ("CRP", "CRP", "148", "mg/L", "< 5", "H"),
               ("Lactate", "Lactate", "1,9", "mmol/L", "0,5 – 2,2", "")]),
    dict(fr="Insuffisance rénale chronique stade 4", en="Chronic kidney disease stage 4",
         meds=["Calcitriol 0,25 mcg PO DIE", "Darbépoétine 40 mcg SC q2 sem."],
         labs=[("Créatinine", "Creatinine", "298", "µmol/L", "50 – 110", "H"), ("DFGe", "eGFR", "18", "mL/min/1,73m²", "> 60", "L"),
               ("Potassium", "Potassium", "5,6", "mmol/L", "3,5 – 5,0", "H"), ("Phosphore", "Phosphate", "1,82", "mmol/L", "0,80 – 1,45", "H")]),
    dict(fr="Lombalgie post-traumatique (chute au travail)", en="Post-traumatic low back pain (fall at work)",
         meds=["Naproxène 500 mg PO BID", "Cyclobenzaprine 10 mg PO HS"],
         labs=[("CRP", "CRP", "3", "mg/L", "< 5", "")]),
]
HISTORY = [("hypertension artérielle", "hypertension"), ("dyslipidémie", "dyslipidemia"),
           ("apnée du sommeil", "sleep apnea"), ("hypothyroïdie", "hypothyroidism"),
           ("tabagisme actif (30 paquets-années)", "active smoking (30 pack-years)"),
           ("cholécystectomie en 2015", "cholecystectomy in 2015"), ("asthme", "asthma")]


def pick_dx(rng, p):
    opts = [d for d in DX if p.sex == "F" or not d["en"].startswith("Right breast")]
    return rng.choice(opts)


def T(lang, fr, en):
    return fr if lang == "fr" else en


def visit_date(rng):
    return dt.date(2026, rng.randint(8, 10), rng.randint(1, 28))


def staff_sig(s, lang):
    t, g, f, role = s
    nm = ("%s %s %s" % (t, g, f)).strip()
    return nm, ROLE[role][0 if lang == "fr" else 1]

# --------------------------------------------------------------------------
# Documents: dict(title, org, lang, blocks); blocks are
#   ("h", text) ("p", text) ("kv", [(label, value)]) ("table", header, rows)
# --------------------------------------------------------------------------
def id_kv(p, lang, mode):
    L = lambda fr, en: T(lang, fr, en)
    mrn_label = L(rng_pick_label(p, ["No de dossier", "Dossier", "N° dossier hospitalier", "No dossier (MRN)"]),
                  rng_pick_label(p, ["MRN", "Chart number", "Hospital file no.", "Medical record #"]))
    out = []
    if mode in ("full", "name_dob", "sin"):
        out.append((L("Nom du patient", "Patient name"), p.name_inv if p.nam_style == 0 else p.name))
        out.append((L("Date de naissance", "Date of birth"), p.dob_fmt(lang)))
    if mode in ("full", "nam"):
        out.append((L("NAM", "RAMQ / HIN"), p.nam))
    if mode in ("full", "dossier"):
        out.append((mrn_label, p.mrn_fmt))
    if mode == "sin":
        out.append((L("NAS", "SIN"), p.sin))
    if mode in ("nam", "dossier"):
        out.append((L("Sexe / âge", "Sex / age"), "%s / %d %s" % (p.sex if lang == "en" else ("F" if p.sex == "F" else "M"), p.age, L("ans", "y"))))
    return out


def rng_pick_label(p, opts):
    return opts[int(p.mrn) % len(opts)]


def pt_ref(p, lang, mode):
    """How the prose refers to the patient."""
    if mode in ("full", "name_dob", "sin"):
        return "%s %s" % (p.title(lang), p.name)
    return T(lang, "ce%s patient%s de %d ans" % ("tte" if p.sex == "F" else "", "e" if p.sex == "F" else "", p.age),
             "this %d-year-old %s" % (p.age, "woman" if p.sex == "F" else "man"))


def md(staff):
    """Clinical documents are signed by a physician or resident, even when a clerk sends them."""
    if staff[3] != "clerk":
        return staff
    docs = [s for s in STAFF if s[3] != "clerk"]
    return docs[STAFF.index(staff) % len(docs)]


def pos_referral(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = pick_dx(rng, p); sp = rng.choice(SPECIALTIES); h = rng.sample(HISTORY, 2)
    v = visit_date(rng); nm, role = staff_sig(staff, lang)
    ref = pt_ref(p, lang, mode)
    blocks = [("p", T(lang, "Objet : demande de consultation en %s" % sp[0], "Re: consultation request, %s" % sp[1])),
              ("kv", id_kv(p, lang, mode)),
              ("p", T(lang, "Chère consœur, cher confrère,", "Dear colleague,")),
              ("p", T(lang,
                      "Je vous adresse %s, connu%s pour %s et %s, que j'ai évalué%s le %s. Le tableau clinique est compatible avec : %s. "
                      "Je vous serais reconnaissant%s de bien vouloir la ou le rencontrer dans les meilleurs délais." % (
                          ref, "e" if p.sex == "F" else "", h[0][0], h[1][0], "e" if p.sex == "F" else "", v.isoformat(), d["fr"].lower(), "e" if staff[0] == "Dre" else ""),
                      "I am referring %s, known for %s and %s, whom I assessed on %s. The clinical picture is consistent with %s. "
                      "I would be grateful if you could see the patient at your earliest convenience." % (
                          ref, h[0][1], h[1][1], v.isoformat(), d["en"].lower()))),
              ("p", T(lang, "Médication actuelle : ", "Current medication: ") + "; ".join(d["meds"])),
              ("p", T(lang, "Derniers résultats : ", "Latest results: ") + ", ".join("%s %s %s" % (l[0 if lang == "fr" else 1], l[2], l[3]) for l in d["labs"][:3])),
              ("p", T(lang, "Merci de votre collaboration.", "Thank you for your help.")),
              ("p", "%s, %s" % (nm, role))]
    return dict(title=T(lang, "Lettre de référence", "Referral letter"), org=org, lang=lang, blocks=blocks)


def pos_labs(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = pick_dx(rng, p); v = visit_date(rng)
    kv = id_kv(p, lang, mode) + [(T(lang, "Prélevé le", "Collected"), "%s %02d:%02d" % (v.isoformat(), rng.randint(6, 11), rng.randint(0, 59))),
                                 (T(lang, "Médecin demandeur", "Ordering physician"), staff_sig(staff, lang)[0])]
    rows = [[l[0 if lang == "fr" else 1], l[2], l[3], l[4], l[5]] for l in d["labs"]]
    return dict(title=T(lang, "Rapport de laboratoire — biochimie", "Laboratory report — chemistry"), org=org, lang=lang,
                blocks=[("kv", kv), ("table", [T(lang, "Analyse", "Test"), T(lang, "Résultat", "Result"), T(lang, "Unités", "Units"),
                                                T(lang, "Valeurs de réf.", "Ref. range"), "Ind."], rows),
                        ("p", T(lang, "Commentaire : résultat compatible avec %s, à corréler cliniquement." % d["fr"].lower(),
                                "Comment: consistent with %s, correlate clinically." % d["en"].lower()))])


def pos_discharge(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = pick_dx(rng, p); h = rng.sample(HISTORY, 3); v = visit_date(rng); out = v + dt.timedelta(days=rng.randint(2, 9))
    kv = id_kv(p, lang, mode) + [(T(lang, "Admission", "Admitted"), v.isoformat()), (T(lang, "Congé", "Discharged"), out.isoformat())]
    return dict(title=T(lang, "Résumé de dossier — congé", "Discharge summary"), org=org, lang=lang, blocks=[
        ("kv", kv),
        ("h", T(lang, "Diagnostic principal", "Principal diagnosis")), ("p", d[lang]),
        ("h", T(lang, "Antécédents", "Past history")), ("p", ", ".join(x[0 if lang == "fr" else 1] for x in h)),
        ("h", T(lang, "Évolution", "Hospital course")),
        ("p", T(lang, "Évolution favorable sous traitement. Aucune complication. %s retourne à domicile avec soutien du CLSC." % pt_ref(p, lang, mode).capitalize(),
                "Uneventful course under treatment. %s returns home with home-care follow-up." % pt_ref(p, lang, mode).capitalize())),
        ("h", T(lang, "Médication au congé", "Discharge medication")), ("p", " / ".join(d["meds"])),
        ("p", T(lang, "Suivi : médecin de famille dans 2 semaines. ", "Follow-up: family physician in 2 weeks. ") + staff_sig(staff, lang)[0])])


def pos_rx(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = pick_dx(rng, p); v = visit_date(rng); nm, role = staff_sig(staff, lang)
    blocks = [("kv", id_kv(p, lang, mode) + [("Date", v.isoformat())]), ("h", "Rx")]
    for m in d["meds"]:
        blocks.append(("p", "• %s — %s" % (m, T(lang, "Qté : 30 jours, renouvelable 3 fois", "Qty: 30 days, 3 refills"))))
    blocks.append(("p", T(lang, "Indication : %s" % d["fr"], "Indication: %s" % d["en"])))
    blocks.append(("p", "%s — %s %d-%05d" % (nm, T(lang, "permis", "licence"), rng.randint(1, 2), rng.randint(10000, 99999))))
    return dict(title=T(lang, "Ordonnance", "Prescription"), org=org, lang=lang, blocks=blocks)


def pos_applist(rng, lang, mode, org, staff):
    staff = md(staff)
    v = visit_date(rng); rows = []
    for i in range(rng.randint(4, 6)):
        p = Patient(rng); d = pick_dx(rng, p)
        idv = p.nam if mode in ("full", "nam") else p.mrn_fmt
        rows.append(["%02d:%02d" % (8 + i, rng.choice([0, 15, 30, 45])), p.name_inv, p.dob.isoformat(), idv, d[lang][:30]])
    return dict(title=T(lang, "Liste des rendez-vous — clinique externe", "Outpatient clinic appointment list"), org=org, lang=lang, blocks=[
        ("kv", [("Date", v.isoformat()), (T(lang, "Médecin", "Physician"), staff_sig(staff, lang)[0]), (T(lang, "Local", "Room"), "B-2%02d" % rng.randint(1, 40))]),
        ("table", [T(lang, "Heure", "Time"), "Patient", T(lang, "Naissance", "DOB"), T(lang, "NAM" if mode in ("full", "nam") else "Dossier", "HIN" if mode in ("full", "nam") else "MRN"),
                   T(lang, "Motif", "Reason")], rows)])


IMAGING = [("Radiographie pulmonaire PA et latérale", "Chest X-ray PA and lateral",
            "Opacité alvéolaire du lobe inférieur droit avec bronchogramme aérien. Pas d'épanchement pleural.",
            "Right lower lobe airspace opacity with air bronchograms. No pleural effusion.",
            "Pneumonie lobaire inférieure droite.", "Right lower lobe pneumonia."),
           ("Tomodensitométrie cérébrale sans contraste", "Non-contrast head CT",
            "Hypodensité cortico-sous-corticale pariétale gauche récente. Pas d'hémorragie.",
            "Recent left parietal cortico-subcortical hypodensity. No haemorrhage.",
            "AVC ischémique pariétal gauche subaigu.", "Subacute left parietal ischaemic stroke."),
           ("Échographie abdominale", "Abdominal ultrasound",
            "Vésicule biliaire distendue, paroi épaissie à 5 mm, calcul enclavé au collet, signe de Murphy échographique positif.",
            "Distended gallbladder, wall 5 mm, impacted neck stone, positive sonographic Murphy sign.",
            "Cholécystite aiguë lithiasique.", "Acute calculous cholecystitis."),
           ("IRM lombaire", "Lumbar spine MRI",
            "Hernie discale L4-L5 postéro-latérale gauche comprimant la racine L5 gauche.",
            "Left posterolateral L4-L5 disc herniation compressing the left L5 root.",
            "Hernie discale L4-L5 symptomatique.", "Symptomatic L4-L5 disc herniation.")]


def pos_imaging(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); im = rng.choice(IMAGING); v = visit_date(rng)
    return dict(title=T(lang, "Rapport d'imagerie médicale", "Diagnostic imaging report"), org=org, lang=lang, blocks=[
        ("kv", id_kv(p, lang, mode) + [(T(lang, "Examen", "Exam"), im[0 if lang == "fr" else 1]), ("Date", v.isoformat()),
                                       (T(lang, "No d'accès", "Accession"), "RX%08d" % rng.randint(1, 99999999))]),
        ("h", T(lang, "Observations", "Findings")), ("p", im[2 if lang == "fr" else 3]),
        ("h", T(lang, "Conclusion", "Impression")), ("p", im[4 if lang == "fr" else 5]),
        ("p", T(lang, "Radiologiste : ", "Radiologist: ") + staff_sig(STAFF[(STAFF.index(staff) + 1) % len(STAFF)], lang)[0])])


def pos_insurance(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = pick_dx(rng, p); v = visit_date(rng)
    kv = id_kv(p, lang, "sin" if mode == "full" else mode)
    return dict(title=T(lang, "Déclaration du médecin traitant — invalidité", "Attending physician statement — disability"), org=org, lang=lang, blocks=[
        ("p", T(lang, "Section B — à remplir par le médecin", "Part B — to be completed by the physician")),
        ("kv", kv + [(T(lang, "Diagnostic", "Diagnosis"), d[lang]),
                     (T(lang, "Date du début de l'invalidité", "Disability start date"), v.isoformat()),
                     (T(lang, "Retour au travail prévu", "Expected return to work"), (v + dt.timedelta(days=rng.randint(21, 90))).isoformat()),
                     (T(lang, "Traitement", "Treatment"), d["meds"][0])]),
        ("p", T(lang, "Limitations : aucune charge > 5 kg, pas de travail de nuit.", "Restrictions: no lifting > 5 kg, no night shifts.")),
        ("p", T(lang, "Signature : ", "Signature: ") + staff_sig(staff, lang)[0])])


def pos_cnesst(rng, lang, mode, org, staff):
    staff = md(staff)
    p = Patient(rng); d = rng.choice([DX[4], DX[9], DX[5]]); v = visit_date(rng)
    kv = id_kv(p, lang, mode)
    return dict(title=T(lang, "Attestation médicale — CNESST", "Medical certificate — CNESST"), org=org, lang=lang, blocks=[
        ("kv", kv + [(T(lang, "Date de l'événement", "Date of event"), (v - dt.timedelta(days=rng.randint(1, 6))).isoformat()),
                     (T(lang, "Date de la consultation", "Date of visit"), v.isoformat()),
                     (T(lang, "Diagnostic", "Diagnosis"), d[lang]),
                     (T(lang, "Consolidation prévue", "Expected consolidation"), T(lang, "dans 6 à 8 semaines", "in 6-8 weeks"))]),
        ("p", T(lang, "Travailleur apte à des travaux légers : oui. Physiothérapie 3 fois par semaine.",
                "Worker fit for light duties: yes. Physiotherapy 3 times a week.")),
        ("p", staff_sig(staff, lang)[0])])


POS_DOCS = [pos_referral, pos_labs, pos_discharge, pos_rx, pos_applist, pos_imaging, pos_insurance, pos_cnesst]
POS_MODES = ["full", "name_dob", "nam", "dossier", "sin", "full", "name_dob", "nam"]


def pos_snippet(rng, lang):
    """One compact identifying line (for hidden parts)."""
    p = Patient(rng); d = pick_dx(rng, p); k = rng.randint(0, 3)
    if k == 0:
        return T(lang, "Patient : %s, né(e) le %s — %s" % (p.name, p.dob.isoformat(), d["fr"]),
                 "Patient: %s, DOB %s — %s" % (p.name, p.dob.isoformat(), d["en"]))
    if k == 1:
        return T(lang, "NAM %s — suivi %s, %s" % (p.nam, d["fr"], d["meds"][0]), "HIN %s — follow-up %s, %s" % (p.nam, d["en"], d["meds"][0]))
    if k == 2:
        return T(lang, "Dossier %s (%s) : %s" % (p.mrn_fmt, p.name, d["fr"]), "MRN %s (%s): %s" % (p.mrn_fmt, p.name, d["en"]))
    return T(lang, "%s, NAS %s, invalidité depuis le %s : %s" % (p.name, p.sin, visit_date(rng).isoformat(), d["fr"]),
             "%s, SIN %s, off work since %s: %s" % (p.name, p.sin, visit_date(rng).isoformat(), d["en"]))


# ------------------------------ negatives ---------------------------------
def neg_blank_referral(rng, lang, org, staff):
    blank = rng.choice(["", "______________________", "[                    ]"])
    sp = rng.sample(SPECIALTIES, 4)
    return dict(title=T(lang, "Demande de consultation — formulaire", "Consultation request — form"), org=org, lang=lang, blocks=[
        ("kv", [(T(lang, "Nom du patient", "Patient name"), blank), (T(lang, "Date de naissance", "Date of birth"), T(lang, "AAAA-MM-JJ", "YYYY-MM-DD")),
                (T(lang, "NAM", "RAMQ / HIN"), rng.choice(["XXXX 0000 0000", "____ ____ ____", "XXXX00000000"])),
                (T(lang, "No de dossier", "MRN"), blank), (T(lang, "Raison de consultation", "Reason for referral"), blank)]),
        ("p", T(lang, "Spécialité : ", "Specialty: ") + "   ".join("[ ] " + s[0 if lang == "fr" else 1] for s in sp)),
        ("p", T(lang, "Priorité : [ ] A (< 3 jours)  [ ] B (< 10 jours)  [ ] C (< 28 jours)  [ ] D (< 3 mois)",
                "Priority: [ ] A (< 3 days)  [ ] B (< 10 days)  [ ] C (< 28 days)  [ ] D (< 3 months)")),
        ("p", T(lang, "Formulaire AH-%d (version 2026-04). Télécopier au 450 555-01%02d." % (rng.randint(100, 799), rng.randint(10, 99)),
                "Form AH-%d (2026-04 version). Fax to 450 555-01%02d." % (rng.randint(100, 799), rng.randint(10, 99))))])


def neg_template_rx(rng, lang, org, staff):
    staff = md(staff)
    return dict(title=T(lang, "Ordonnance — gabarit", "Prescription — template"), org=org, lang=lang, blocks=[
        ("kv", [(T(lang, "Nom", "Name"), "[NOM_PATIENT]"), (T(lang, "Date de naissance", "DOB"), "[DDN]"), ("NAM", "XXXX 0000 0000"),
                (T(lang, "Allergies", "Allergies"), "[ALLERGIES]")]),
        ("h", "Rx"),
        ("p", "1. ______________________  " + T(lang, "Posologie", "Dose") + " : __________"),
        ("p", "2. ______________________  " + T(lang, "Posologie", "Dose") + " : __________"),
        ("p", T(lang, "Ne pas substituer [ ]   Renouvellements : ___", "Do not substitute [ ]   Refills: ___")),
        ("p", T(lang, "Prescripteur : %s — permis 1-%05d" % (staff_sig(staff, lang)[0], rng.randint(10000, 99999)),
                "Prescriber: %s — licence 1-%05d" % (staff_sig(staff, lang)[0], rng.randint(10000, 99999))))])


def neg_stats(rng, lang, org, staff):
    units = [("Urgence", "Emergency"), ("Médecine interne", "Internal medicine"), ("Chirurgie", "Surgery"),
             ("Cardiologie", "Cardiology"), ("Gériatrie", "Geriatrics"), ("Pédiatrie", "Paediatrics")]
    rows = [[u[0 if lang == "fr" else 1], str(rng.randint(120, 2400)), "%d,%d" % (rng.randint(3, 14), rng.randint(0, 9)),
             "%d %%" % rng.randint(70, 104), str(rng.randint(0, 12))] for u in units]
    if lang == "en":
        rows = [[r[0], r[1], r[2].replace(",", "."), r[3], r[4]] for r in rows]
    return dict(title=T(lang, "Tableau de bord — période 7 (2026-2027)", "Dashboard — period 7 (2026-2027)"), org=org, lang=lang, blocks=[
        ("table", [T(lang, "Unité", "Unit"), T(lang, "Usagers", "Patients"), T(lang, "DMS (j)", "ALOS (d)"), T(lang, "Occupation", "Occupancy"),
                   T(lang, "Chutes", "Falls")], rows),
        ("p", T(lang, "Diagnostics les plus fréquents : pneumonie (%d), MPOC (%d), insuffisance cardiaque (%d), fracture de hanche (%d)."
                % tuple(rng.randint(15, 90) for _ in range(4)),
                "Most frequent diagnoses: pneumonia (%d), COPD (%d), heart failure (%d), hip fracture (%d)." % tuple(rng.randint(15, 90) for _ in range(4)))),
        ("p", T(lang, "Données agrégées, aucune information nominative. Source : système d'information hospitalier, extraction du 2026-10-31.",
                "Aggregate data, no personal information. Source: hospital information system, extract of 2026-10-31."))])


def neg_schedule(rng, lang, org, staff):
    rows = []
    for i in range(6):
        d = dt.date(2026, 11, 2) + dt.timedelta(days=i)
        a, b = rng.sample(STAFF, 2)
        rows.append([d.isoformat(), staff_sig(a, lang)[0], staff_sig(b, lang)[0], "%d" % rng.randint(1000, 4999), "514 555-0%03d" % rng.randint(100, 199)])
    return dict(title=T(lang, "Horaire de garde — médecine interne, novembre 2026", "On-call schedule — internal medicine, November 2026"), org=org, lang=lang, blocks=[
        ("table", ["Date", T(lang, "Médecin de garde", "Attending"), T(lang, "Résident", "Resident"), T(lang, "Téléav.", "Pager"), T(lang, "Cellulaire", "Cell")], rows),
        ("p", T(lang, "Échanges de garde : aviser la coordonnatrice au poste 4421 au moins 48 h à l'avance.",
                "Shift swaps: notify the coordinator at ext. 4421 at least 48 h in advance."))])


def neg_meeting(rng, lang, org, staff):
    pres = ", ".join(staff_sig(s, lang)[0] for s in rng.sample(STAFF, 5))
    return dict(title=T(lang, "Compte rendu — comité de pharmacologie", "Minutes — pharmacy and therapeutics committee"), org=org, lang=lang, blocks=[
        ("kv", [("Date", "2026-10-%02d" % rng.randint(1, 28)), (T(lang, "Présents", "Present"), pres)]),
        ("p", T(lang, "1. Rupture d'approvisionnement : amoxicilline suspension 250 mg/5 mL, lot 24K118 et lot 24K131. Substitution par céfprozil jusqu'au 2026-12-15.",
                "1. Drug shortage: amoxicillin suspension 250 mg/5 mL, lots 24K118 and 24K131. Substitute cefprozil until 2026-12-15.")),
        ("p", T(lang, "2. Ajout au formulaire : empagliflozine 10 mg et 25 mg (insuffisance cardiaque, diabète de type 2). Adopté à l'unanimité.",
                "2. Formulary addition: empagliflozin 10 mg and 25 mg (heart failure, type 2 diabetes). Adopted unanimously.")),
        ("p", T(lang, "3. Ordonnances collectives OC-0%d à réviser avant la prochaine rencontre." % rng.randint(10, 99),
                "3. Collective orders OC-0%d to be reviewed before the next meeting." % rng.randint(10, 99))),
        ("p", T(lang, "Prochaine rencontre : 2026-11-18, salle 3B-112.", "Next meeting: 2026-11-18, room 3B-112."))])


def neg_policy(rng, lang, org, staff):
    return dict(title=T(lang, "Procédure PR-%03d : hygiène des mains" % rng.randint(100, 400), "Procedure PR-%03d: hand hygiene" % rng.randint(100, 400)), org=org, lang=lang, blocks=[
        ("kv", [("Version", "4.%d" % rng.randint(0, 5)), (T(lang, "En vigueur", "Effective"), "2026-09-01"), (T(lang, "Responsable", "Owner"), T(lang, "Service de prévention des infections", "Infection prevention and control"))]),
        ("p", T(lang, "1. Procéder à l'hygiène des mains avant et après tout contact avec l'usager ou son environnement.",
                "1. Perform hand hygiene before and after any contact with the patient or the patient's environment.")),
        ("p", T(lang, "2. Utiliser la solution hydroalcoolique (60 à 80 %) pendant au moins 20 secondes.",
                "2. Use alcohol-based hand rub (60 to 80%) for at least 20 seconds.")),
        ("p", T(lang, "3. En présence de C. difficile, laver les mains à l'eau et au savon.", "3. When C. difficile is present, wash with soap and water.")),
        ("p", T(lang, "Taux de conformité visé : 80 %. Audit trimestriel par unité.", "Target compliance: 80%. Quarterly audit by unit."))])


def neg_invoice(rng, lang, org, staff):
    items = [("Gants nitrile M, boîte de 100", "Nitrile gloves M, box of 100"), ("Seringues 10 mL Luer-Lock", "10 mL Luer-Lock syringes"),
             ("Pansements hydrocolloïdes 10 x 10 cm", "Hydrocolloid dressings 10 x 10 cm"), ("Cathéters IV 20G", "IV catheters 20G"),
             ("Tubulures à perfusion", "Infusion sets")]
    rows = []
    for it in rng.sample(items, 4):
        q = rng.randint(5, 60); pr = rng.randint(4, 90)
        rows.append(["%d-%04d" % (rng.randint(10, 99), rng.randint(0, 9999)), it[0 if lang == "fr" else 1], "LOT %d%s%03d" % (rng.randint(23, 26), rng.choice("ABKMX"), rng.randint(0, 999)), str(q), "%d,%02d $" % (pr, rng.randint(0, 99))])
    return dict(title=T(lang, "Facture no F-2026-%05d" % rng.randint(0, 99999), "Invoice F-2026-%05d" % rng.randint(0, 99999)), org="Fournitures médicales Boréal inc.", lang=lang, blocks=[
        ("kv", [(T(lang, "Client", "Customer"), org), (T(lang, "Bon de commande", "Purchase order"), "45%08d" % rng.randint(0, 99999999)),
                (T(lang, "Adresse", "Address"), "%d, boul. Industriel, Laval (Québec) H7L 4R%d" % (rng.randint(100, 9999), rng.randint(1, 9))),
                (T(lang, "Téléphone", "Phone"), "450 555-01%02d" % rng.randint(0, 99)), ("TPS / GST", "%s RT0001" % non_luhn_9(rng)),
                ("TVQ / QST", "%010d TQ0001" % rng.randint(0, 9999999999))]),
        ("table", ["Code", T(lang, "Description", "Item"), T(lang, "Lot", "Lot"), T(lang, "Qté", "Qty"), T(lang, "Prix", "Price")], rows),
        ("p", T(lang, "Payable dans les 30 jours. Merci de votre confiance.", "Net 30 days. Thank you for your business."))])


def neg_education(rng, lang, org, staff):
    d = rng.choice(DX[:4])
    return dict(title=T(lang, "Fiche d'enseignement : %s" % d["fr"].split(" (")[0], "Patient education sheet: %s" % d["en"].split(" (")[0]), org=org, lang=lang, blocks=[
        ("p", T(lang, "Cette fiche s'adresse aux personnes atteintes et à leurs proches. Elle ne remplace pas l'avis de votre équipe soignante.",
                "This sheet is for people living with the condition and their families. It does not replace your care team's advice.")),
        ("h", T(lang, "Médicaments souvent prescrits", "Commonly prescribed medication")), ("p", ", ".join(m.split(" PO")[0].split(" inh")[0] for m in d["meds"])),
        ("h", T(lang, "Valeurs cibles", "Targets")),
        ("table", [T(lang, "Mesure", "Measure"), T(lang, "Cible", "Target")], [[l[0 if lang == "fr" else 1], l[4]] for l in d["labs"][:3]]),
        ("p", T(lang, "Consultez si vous avez de la fièvre, un essoufflement nouveau ou des douleurs thoraciques. Info-Santé : 811.",
                "Seek care for fever, new shortness of breath or chest pain. Info-Santé: 811."))])


def neg_newsletter(rng, lang, org, staff):
    s = rng.sample(STAFF, 2)
    return dict(title=T(lang, "L'Écho de l'hôpital — novembre 2026", "Hospital Echo — November 2026"), org=org, lang=lang, blocks=[
        ("h", T(lang, "Nouvel appareil d'IRM", "New MRI scanner")),
        ("p", T(lang, "Le nouvel appareil d'IRM 3 teslas est en fonction depuis le 2026-10-05. Les délais d'attente ont diminué de %d %%." % rng.randint(10, 40),
                "The new 3 T MRI scanner has been in service since 2026-10-05. Wait times dropped by %d%%." % rng.randint(10, 40))),
        ("h", T(lang, "Reconnaissance", "Recognition")),
        ("p", T(lang, "Félicitations à %s et à %s pour le prix d'excellence en enseignement clinique." % (staff_sig(s[0], lang)[0], staff_sig(s[1], lang)[0]),
                "Congratulations to %s and %s for the clinical teaching award." % (staff_sig(s[0], lang)[0], staff_sig(s[1], lang)[0]))),
        ("h", T(lang, "Vaccination antigrippale", "Flu vaccination")),
        ("p", T(lang, "%d employés vaccinés à ce jour (taux : %d %%). Cliniques mobiles les mardis, local A-0%d." % (rng.randint(800, 3000), rng.randint(40, 70), rng.randint(10, 99)),
                "%d staff vaccinated to date (rate: %d%%). Mobile clinics on Tuesdays, room A-0%d." % (rng.randint(800, 3000), rng.randint(40, 70), rng.randint(10, 99))))])


def neg_blank_cnesst(rng, lang, org, staff):
    return dict(title=T(lang, "Attestation médicale — CNESST (formulaire vierge)", "Medical certificate — CNESST (blank form)"), org=org, lang=lang, blocks=[
        ("kv", [(T(lang, "Nom du travailleur", "Worker name"), ""), (T(lang, "NAS", "SIN"), "___ ___ ___"), ("NAM", "XXXX 0000 0000"),
                (T(lang, "Date de l'événement", "Date of event"), T(lang, "AAAA-MM-JJ", "YYYY-MM-DD")), (T(lang, "Diagnostic", "Diagnosis"), ""),
                (T(lang, "Date de consolidation", "Consolidation date"), "")]),
        ("p", T(lang, "Le médecin qui a charge doit remplir toutes les sections. Transmettre l'original au travailleur.",
                "The attending physician must complete all sections. Give the original to the worker.")),
        ("p", T(lang, "Code de formulaire 1%03d-%02d. Service à la clientèle : 1 844 555-0199." % (rng.randint(0, 999), rng.randint(10, 99)),
                "Form code 1%03d-%02d. Customer service: 1 844 555-0199." % (rng.randint(0, 999), rng.randint(10, 99))))])


def neg_catalog(rng, lang, org, staff):
    rows = [["B%04d" % rng.randint(0, 9999), l[0 if lang == "fr" else 1], rng.choice(["Or", "Vert", "Lavande", "Gris"]) if lang == "fr" else rng.choice(["Gold", "Green", "Lavender", "Grey"]),
             "%d h" % rng.choice([1, 2, 4, 24]), l[4]] for l in (DX[0]["labs"] + DX[2]["labs"] + DX[8]["labs"][2:])]
    return dict(title=T(lang, "Répertoire des analyses — biochimie", "Laboratory test directory — chemistry"), org=org, lang=lang, blocks=[
        ("table", ["Code", T(lang, "Analyse", "Test"), T(lang, "Tube", "Tube"), T(lang, "Délai", "TAT"), T(lang, "Valeurs de réf.", "Ref. range")], rows),
        ("p", T(lang, "Mise à jour 2026-09. Les valeurs de référence s'appliquent aux adultes.", "Updated 2026-09. Reference ranges apply to adults."))])


NEG_DOCS = [neg_blank_referral, neg_template_rx, neg_stats, neg_schedule, neg_meeting, neg_policy, neg_invoice,
            neg_education, neg_newsletter, neg_blank_cnesst, neg_catalog]


def neg_snippet(rng, lang):
    return rng.choice([
        T(lang, "Version 3 révisée par %s le 2026-10-12" % STAFF[6][2], "Version 3 revised by %s on 2026-10-12" % STAFF[6][2]),
        T(lang, "Valider les chiffres avec la DSP avant diffusion", "Check figures with the medical director before release"),
        T(lang, "Source : rapport annuel 2025-2026, données agrégées", "Source: 2025-2026 annual report, aggregate data"),
        T(lang, "Réunion déplacée au 2026-11-19 à 13 h 30, salle 2A-204", "Meeting moved to 2026-11-19 at 1:30 p.m., room 2A-204"),
        T(lang, "Document interne — ne pas diffuser — page 1", "Internal document — do not distribute — page 1"),
        T(lang, "Commande 4500318822, lot 25M044, livraison prévue le 2026-11-20", "Order 4500318822, lot 25M044, delivery on 2026-11-20"),
    ])


def make_doc(rng, positive, lang, org, staff, idx):
    if positive:
        f = POS_DOCS[idx % len(POS_DOCS)]
        mode = POS_MODES[(idx * 3 + 1) % len(POS_MODES)]
        if f is pos_applist and mode in ("sin", "name_dob"):
            mode = "full"
        return f(rng, lang, mode, org, staff), f.__name__[4:]
    f = NEG_DOCS[idx % len(NEG_DOCS)]
    return f(rng, lang, org, staff), f.__name__[4:]


def doc_text(doc):
    out = [doc["org"], doc["title"], ""]
    for b in doc["blocks"]:
        if b[0] in ("h", "p"):
            out.append(b[1])
        elif b[0] == "kv":
            out += ["%s : %s" % kv for kv in b[1]]
        else:
            out.append(" | ".join(b[1]))
            out += [" | ".join(r) for r in b[2]]
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------
_FC = {}


def font(name, size):
    k = (name, size)
    if k not in _FC:
        _FC[k] = ImageFont.truetype(FONTDIR + name + ".ttf", size)
    return _FC[k]


FAMILIES = [("DejaVuSans", "DejaVuSans-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold"),
            ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"), ("DejaVuSansMono", "DejaVuSansMono-Bold"),
            ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold")]


def wrap(draw, text, f, maxw):
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if draw.textlength(t, font=f) <= maxw or not cur:
            cur = t
        else:
            lines.append(cur); cur = w
    if cur:
        lines.append(cur)
    return lines


def render_paper(doc, rng, size=(1240, 1754), base=26, fam=None, header_line=None):
    W, H = size
    reg, bold = fam or rng.choice(FAMILIES[:3] + FAMILIES[4:])
    img = Image.new("L", (W, H), 255)
    dr = ImageDraw.Draw(img)
    m = int(W * 0.08); y = int(H * 0.04)
    if header_line:
        dr.text((m // 2, 12), header_line, font=font("DejaVuSansMono", max(18, base - 6)), fill=0)
        y += 30
    # letterhead
    dr.rectangle([m, y, m + 60, y + 60], fill=90)
    dr.rectangle([m + 24, y + 8, m + 36, y + 52], fill=255); dr.rectangle([m + 8, y + 24, m + 52, y + 36], fill=255)
    dr.text((m + 80, y + 4), doc["org"], font=font(bold, base + 4), fill=0)
    y += 78
    dr.line([m, y, W - m, y], fill=0, width=2); y += 20
    dr.text((m, y), doc["title"], font=font(bold, base + 8), fill=0); y += base + 30
    body, fb = font(reg, base), font(bold, base)
    lh = int(base * 1.45)
    for b in doc["blocks"]:
        if y > H - 2 * lh:
            break
        if b[0] == "h":
            y += 6; dr.text((m, y), b[1], font=fb, fill=0); y += lh
        elif b[0] == "p":
            for ln in wrap(dr, b[1], body, W - 2 * m):
                dr.text((m, y), ln, font=body, fill=0); y += lh
            y += 8
        elif b[0] == "kv":
            lw = max(dr.textlength(k + " :", font=fb) for k, _ in b[1]) + 20
            for k, v in b[1]:
                dr.text((m, y), k + " :", font=fb, fill=0)
                x0 = m + lw
                if v.strip(" _[]") == "":
                    dr.line([x0, y + base + 2, W - m, y + base + 2], fill=0, width=1)
                else:
                    lines = wrap(dr, v, body, W - m - x0)
                    for i, ln in enumerate(lines):
                        dr.text((x0, y), ln, font=body, fill=0)
                        if i < len(lines) - 1:
                            y += lh
                y += lh
            y += 10
        elif b[0] == "table":
            hdr, rows = b[1], b[2]
            tf, tb = font(reg, base - 4), font(bold, base - 4)
            widths = [max([dr.textlength(hdr[i], font=tb)] + [dr.textlength(r[i], font=tf) for r in rows]) + 20 for i in range(len(hdr))]
            scale = min(1.0, (W - 2 * m) / sum(widths))
            if scale < 1.0:
                tf, tb = font(reg, max(16, int((base - 4) * scale))), font(bold, max(16, int((base - 4) * scale)))
                widths = [max([dr.textlength(hdr[i], font=tb)] + [dr.textlength(r[i], font=tf) for r in rows]) + 16 for i in range(len(hdr))]
            rh = int(tf.size * 1.7)
            xs = [m]
            for w_ in widths:
                xs.append(xs[-1] + w_)
            for ri, r in enumerate([hdr] + rows):
                if ri == 0:
                    dr.rectangle([m, y, xs[-1], y + rh], fill=225)
                for i, c in enumerate(r):
                    dr.text((xs[i] + 8, y + (rh - tf.size) // 2 - 2), c, font=tb if ri == 0 else tf, fill=0)
                dr.line([m, y, xs[-1], y], fill=0)
                y += rh
            dr.line([m, y, xs[-1], y], fill=0)
            for x in xs:
                dr.line([x, y - rh * (len(rows) + 1), x, y], fill=0)
            y += 20
    return img


THEMES = [
    dict(bg=(245, 247, 250), bar=(22, 70, 130), bartxt=(255, 255, 255), banner=(255, 244, 214), txt=(25, 25, 25), grid=(190, 198, 210), head=(222, 230, 242), tab=(60, 110, 170)),
    dict(bg=(30, 32, 38), bar=(15, 16, 20), bartxt=(230, 230, 230), banner=(52, 58, 72), txt=(232, 232, 232), grid=(80, 86, 98), head=(50, 56, 68), tab=(120, 170, 255)),
    dict(bg=(255, 255, 255), bar=(0, 122, 110), bartxt=(255, 255, 255), banner=(224, 245, 240), txt=(20, 30, 30), grid=(170, 200, 195), head=(235, 245, 243), tab=(0, 122, 110)),
    dict(bg=(24, 28, 44), bar=(90, 40, 120), bartxt=(250, 240, 255), banner=(44, 50, 78), txt=(238, 236, 245), grid=(70, 76, 110), head=(40, 46, 70), tab=(220, 160, 255)),
    dict(bg=(250, 250, 246), bar=(150, 30, 40), bartxt=(255, 255, 255), banner=(250, 232, 232), txt=(30, 20, 20), grid=(200, 180, 180), head=(240, 226, 226), tab=(150, 30, 40)),
]
APPS = ["DossierClin 7.2", "Cristal-Med", "SIH Oriana", "MediVue Web", "ClinPortail"]


def render_screen(doc, rng, theme=None):
    th = theme or rng.choice(THEMES)
    reg, bold = rng.choice(FAMILIES[:3])
    W = rng.choice([1280, 1366, 1440])
    base = rng.choice([16, 17, 18])
    img = Image.new("RGB", (W, 900), th["bg"]); dr = ImageDraw.Draw(img)
    f, fb, fs = font(reg, base), font(bold, base), font(bold, base + 4)
    dr.rectangle([0, 0, W, 52], fill=th["bar"])
    dr.text((20, 14), rng.choice(APPS), font=fs, fill=th["bartxt"])
    user = T(doc["lang"], "Utilisateur : ", "User: ") + rng.choice(STAFF)[2].upper()
    dr.text((W - 20 - dr.textlength(user, font=f), 16), user, font=f, fill=th["bartxt"])
    dr.text((W // 2 - 120, 16), doc["org"][:34], font=f, fill=th["bartxt"])
    y = 60
    kvs = [b for b in doc["blocks"] if b[0] == "kv"]
    if kvs:
        items = kvs[0][1]
        rows_needed = (len(items) + 2) // 3
        dr.rectangle([0, y, W, y + 16 + rows_needed * (base + 14)], fill=th["banner"])
        for i, (k, v) in enumerate(items):
            cx = 20 + (i % 3) * (W // 3); cy = y + 8 + (i // 3) * (base + 14)
            dr.text((cx, cy), k + ": ", font=fb, fill=th["txt"])
            dr.text((cx + dr.textlength(k + ": ", font=fb), cy), v if v.strip() else "—", font=f, fill=th["txt"])
        y += 24 + rows_needed * (base + 14)
    tabs = [T(doc["lang"], t[0], t[1]) for t in [("Sommaire", "Summary"), ("Résultats", "Results"), ("Notes", "Notes"),
                                                  ("Ordonnances", "Orders"), ("Documents", "Documents")]]
    x = 20; sel = rng.randint(0, 4)
    for i, t in enumerate(tabs):
        w_ = dr.textlength(t, font=fb) + 28
        if i == sel:
            dr.rectangle([x, y + 4, x + w_, y + base + 18], fill=th["tab"])
            dr.text((x + 14, y + 10), t, font=fb, fill=(255, 255, 255))
        else:
            dr.text((x + 14, y + 10), t, font=fb, fill=th["tab"])
        x += w_ + 6
    y += base + 30
    dr.text((20, y), doc["title"], font=fs, fill=th["txt"]); y += base + 20
    for b in doc["blocks"]:
        if b[0] == "table":
            hdr, rows = b[1], b[2]
            widths = [max([dr.textlength(hdr[i], font=fb)] + [dr.textlength(r[i], font=f) for r in rows]) + 30 for i in range(len(hdr))]
            rh = base + 16; xs = [20]
            for w_ in widths:
                xs.append(xs[-1] + w_)
            for ri, r in enumerate([hdr] + rows):
                dr.rectangle([20, y, xs[-1], y + rh], fill=th["head"] if ri == 0 else th["bg"], outline=th["grid"])
                for i, c in enumerate(r):
                    dr.text((xs[i] + 10, y + 7), c, font=fb if ri == 0 else f, fill=th["txt"])
                y += rh
            y += 14
        elif b[0] in ("p", "h"):
            for ln in wrap(dr, b[1], fb if b[0] == "h" else f, W - 60):
                dr.text((20, y), ln, font=fb if b[0] == "h" else f, fill=th["txt"]); y += base + 8
            y += 4
        elif b[0] == "kv" and b is not kvs[0]:
            for k, v in b[1]:
                dr.text((20, y), "%s: %s" % (k, v), font=f, fill=th["txt"]); y += base + 8
        if y > 860:
            break
    st = T(doc["lang"], "Prêt", "Ready") + "   |   2026-11-0%d 10:%02d" % (rng.randint(1, 6), rng.randint(0, 59))
    dr.rectangle([0, 872, W, 900], fill=th["bar"]); dr.text((14, 876), st, font=font(reg, 15), fill=th["bartxt"])
    h = max(560, min(900, y + 60))
    out = img.crop((0, 0, W, h))
    ImageDraw.Draw(out).rectangle([0, h - 28, W, h], fill=th["bar"])
    ImageDraw.Draw(out).text((14, h - 24), st, font=font(reg, 15), fill=th["bartxt"])
    return out


def scanify(img, rng, angle=None, bgcol=None, noise=10, blur=0.6):
    """Paper L image -> photographed/scanned look (grey background, rotation, noise)."""
    a = angle if angle is not None else rng.choice([-1, 1]) * rng.uniform(1.0, 4.0)
    img = img.point(lambda v: int(30 + v * 0.86))  # paper slightly grey, ink not pure black
    pad = 60
    bg = bgcol if bgcol is not None else rng.randint(110, 160)
    canvas = Image.new("L", (img.width + 2 * pad, img.height + 2 * pad), bg)
    canvas.paste(img, (pad, pad))
    canvas = canvas.rotate(a, resample=Image.BICUBIC, fillcolor=bg)
    if noise:
        n = Image.effect_noise(canvas.size, noise)
        canvas = Image.blend(canvas, n, 0.12)
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    return canvas


def png_bytes(img, colors=None):
    b = io.BytesIO()
    if colors:
        img = img.convert("RGB").quantize(colors)
    img.save(b, "PNG", optimize=True)
    return b.getvalue()


def jpeg_bytes(img, q=70, exif_orient=None):
    b = io.BytesIO()
    kw = {}
    if exif_orient:
        ex = Image.Exif(); ex[0x0112] = exif_orient
        kw["exif"] = ex.tobytes()
    img.save(b, "JPEG", quality=q, optimize=True, **kw)
    return b.getvalue()


def store_rotated(img, orient):
    """Return pixels to store so that applying EXIF `orient` shows `img` upright."""
    if orient == 6:   # viewer rotates 90 CW -> store rotated 90 CCW
        return img.transpose(Image.ROTATE_90)
    if orient == 8:   # viewer rotates 90 CCW -> store rotated 90 CW
        return img.transpose(Image.ROTATE_270)
    if orient == 3:
        return img.transpose(Image.ROTATE_180)
    return img


def render_chart(rng, lang, size=(900, 520)):
    img = Image.new("RGB", size, (255, 255, 255)); dr = ImageDraw.Draw(img)
    title = T(lang, "Visites à l'urgence par mois (2026)", "Emergency visits per month (2026)")
    dr.text((30, 16), title, font=font("DejaVuSans-Bold", 24), fill=(20, 20, 20))
    vals = [rng.randint(3000, 6000) for _ in range(10)]
    mx = max(vals); x0, y0, h = 80, size[1] - 60, size[1] - 140
    dr.line([x0, y0, size[0] - 30, y0], fill=(0, 0, 0), width=2); dr.line([x0, y0, x0, y0 - h], fill=(0, 0, 0), width=2)
    bw = (size[0] - 140) // len(vals)
    col = rng.choice([(40, 100, 180), (200, 90, 40), (30, 140, 100)])
    mois = ["jan", "fév", "mar", "avr", "mai", "juin", "juil", "août", "sep", "oct"] if lang == "fr" else ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct"]
    for i, v in enumerate(vals):
        bh = int(h * v / mx)
        dr.rectangle([x0 + 10 + i * bw, y0 - bh, x0 + i * bw + bw - 6, y0], fill=col)
        dr.text((x0 + 12 + i * bw, y0 + 8), mois[i], font=font("DejaVuSans", 16), fill=(0, 0, 0))
        dr.text((x0 + 8 + i * bw, y0 - bh - 22), str(v), font=font("DejaVuSans", 15), fill=(0, 0, 0))
    return img


# --------------------------------------------------------------------------
# PDF writers (hand-made)
# --------------------------------------------------------------------------
def pdf_assemble(objs, root=1):
    """objs: list of bytes bodies for objects 1..n."""
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 2 - 1, root, len(objs), xref)
    return bytes(out)


def pdf_stream(dict_body, data):
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_from_images(pages, jpeg_q=55):
    """pages: list of PIL images ('1' -> Flate 1-bit, 'L' -> DCT grey). Image-only PDF."""
    n = len(pages)
    objs = [None, None]
    kids = []
    for i, im in enumerate(pages):
        pid = len(objs) + 1; cid = pid + 1; iid = pid + 2
        kids.append(pid)
        w, h = im.size
        if im.mode == "1":
            raw = zlib.compress(im.tobytes(), 9)
            img_obj = pdf_stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode" % (w, h), raw)
        else:
            b = io.BytesIO(); im.convert("L").save(b, "JPEG", quality=jpeg_q)
            img_obj = pdf_stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" % (w, h), b.getvalue())
        content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /XObject << /Im0 %d 0 R >> >> >>" % (cid, iid))
        objs.append(pdf_stream(b"", content))
        objs.append(img_obj)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), n)
    objs.append(b"<< /Producer (ScanStation 4.1) /CreationDate (D:20261015093000-04'00') >>")
    return pdf_assemble(objs)


def pdf_lit(s):
    """PDF literal string in WinAnsi/PDFDoc (Latin-1 subset) with escapes; non-ASCII as octal."""
    out = "("
    for ch in s:
        if ch in "()\\":
            out += "\\" + ch
        elif ord(ch) < 128:
            out += ch
        else:
            try:
                out += "\\%03o" % ch.encode("cp1252")[0]
            except UnicodeEncodeError:
                out += "?"
    return (out + ")").encode("ascii")


def pdf_hex16(s):
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_acroform(title, org, fields, note, value_enc):
    """fields: list of (name, label, value or None). value_enc: 'lit' | 'hex' | 'mixed'."""
    content = [b"BT /F1 16 Tf 60 740 Td " + pdf_lit(org) + b" Tj ET", b"BT /F1 20 Tf 60 705 Td " + pdf_lit(title) + b" Tj ET"]
    annots, objs_extra = [], []
    y = 650
    base_id = 6
    for i, (name, label, value) in enumerate(fields):
        content.append(b"BT /F1 12 Tf 60 %d Td " % (y + 5) + pdf_lit(label) + b" Tj ET")
        content.append(b"0.6 G 250 %d 300 20 re S" % y)
        d = b"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /T " + pdf_lit(name) + b" /TU " + pdf_lit(label) + \
            b" /Rect [250 %d 550 %d] /P 3 0 R /DA (/Helv 11 Tf 0 g) /MK << /BC [0.6 0.6 0.6] >>" % (y, y + 20)
        if value is not None:
            enc = value_enc if value_enc != "mixed" else ("hex" if i % 2 else "lit")
            d += b" /V " + (pdf_hex16(value) if enc == "hex" else pdf_lit(value))
        d += b" >>"
        objs_extra.append(d)
        annots.append(base_id + i)
        y -= 38
    for j, ln in enumerate(note):
        content.append(b"BT /F1 10 Tf 60 %d Td " % (y - 10 - 16 * j) + pdf_lit(ln) + b" Tj ET")
    cs = b"\n".join(content)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /NeedAppearances true /DA (/Helv 11 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >> >>" % b" ".join(b"%d 0 R" % a for a in annots),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /Helv 5 0 R >> >> /Annots [%s] >>" % b" ".join(b"%d 0 R" % a for a in annots),
        pdf_stream(b"", cs),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ] + objs_extra + [b"<< /Producer (FormBuilder 2.3) /CreationDate (D:20261015093000-04'00') >>"]
    return pdf_assemble(objs)


# --------------------------------------------------------------------------
# TIFF (multi-page fax)
# --------------------------------------------------------------------------
def tiff_bytes(pages, compression):
    b = io.BytesIO()
    pages[0].save(b, "TIFF", save_all=True, append_images=pages[1:], compression=compression, dpi=(200, 200))
    return b.getvalue()


def to_1bit(img, thr=150):
    return img.convert("L").point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.NONE)


# --------------------------------------------------------------------------
# OOXML builders (zipfile)
# --------------------------------------------------------------------------
def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def zip_write(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME); zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return b.getvalue()


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def w_p(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (rpr, xesc(text))


def w_table(hdr, rows):
    x = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>' + \
        "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % s for s in ("top", "left", "bottom", "right", "insideH", "insideV")) + \
        '</w:tblBorders></w:tblPr><w:tblGrid>' + '<w:gridCol w:w="1800"/>' * len(hdr) + '</w:tblGrid>'
    for i, r in enumerate([hdr] + rows):
        x += "<w:tr>" + "".join('<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/></w:tcPr>%s</w:tc>' % w_p(c, i == 0) for c in r) + "</w:tr>"
    return x + "</w:tbl>"


def doc_to_wxml(doc):
    x = w_p(doc["org"], True) + w_p(doc["title"], True)
    for b in doc["blocks"]:
        if b[0] == "h":
            x += w_p(b[1], True)
        elif b[0] == "p":
            x += w_p(b[1])
        elif b[0] == "kv":
            x += "".join(w_p("%s : %s" % (k, v if v.strip() else "________________")) for k, v in b[1])
        else:
            x += w_table(b[1], b[2])
    return x


def build_docx(body_xml, header=None, footer=None, comments=None, footnotes=None, image=None, creator="Utilisateur"):
    """comments / footnotes: list of texts referenced from body_xml with markers {C0} / {F1}."""
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>',
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    files = []
    sect = ""
    if header:
        ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        rels.append('<Relationship Id="rIdH1" Type="%sheader" Target="header1.xml"/>' % REL)
        files.append(("word/header1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr %s>%s</w:hdr>' % (W_NS, w_p(header))))
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        rels.append('<Relationship Id="rIdF1" Type="%sfooter" Target="footer1.xml"/>' % REL)
        files.append(("word/footer1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr %s>%s</w:ftr>' % (W_NS, w_p(footer))))
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comments:
        ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
        rels.append('<Relationship Id="rIdC1" Type="%scomments" Target="comments.xml"/>' % REL)
        cx = "".join('<w:comment w:id="%d" w:author="%s" w:date="2026-10-14T10:12:00Z" w:initials="AB">%s</w:comment>' % (i, xesc(creator), w_p(t)) for i, t in enumerate(comments))
        files.append(("word/comments.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments %s>%s</w:comments>' % (W_NS, cx)))
        for i in range(len(comments)):
            body_xml = body_xml.replace("{C%d}" % i, '<w:p><w:commentRangeStart w:id="%d"/><w:r><w:t>%s</w:t></w:r><w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r></w:p>' % (i, "Voir note.", i, i))
    if footnotes:
        ct.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
        rels.append('<Relationship Id="rIdN1" Type="%sfootnotes" Target="footnotes.xml"/>' % REL)
        fx = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        fx += "".join('<w:footnote w:id="%d"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p></w:footnote>' % (i + 1, xesc(t)) for i, t in enumerate(footnotes))
        files.append(("word/footnotes.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes %s>%s</w:footnotes>' % (W_NS, fx)))
        for i in range(len(footnotes)):
            body_xml = body_xml.replace("{F%d}" % (i + 1), '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>' % (i + 1))
    if image:
        data, ext, wpx, hpx = image
        rels.append('<Relationship Id="rIdI1" Type="%simage" Target="media/image1.%s"/>' % (REL, ext))
        files.append(("word/media/image1.%s" % ext, data))
        cx_, cy_ = int(6.0 * 914400), int(6.0 * 914400 * hpx / wpx)
        drawing = ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="1" name="Image 1"/>'
                   '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="image1.%s"/><pic:cNvPicPr/></pic:nvPicPr>'
                   '<pic:blipFill><a:blip r:embed="rIdI1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
                   '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>') % (cx_, cy_, ext, cx_, cy_)
        body_xml = body_xml.replace("{IMG}", drawing)
    rels.append("</Relationships>"); ct.append("</Types>")
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s<w:sectPr>%s<w:pgSz w:w="12240" w:h="15840"/>'
                '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>') % (W_NS, body_xml, sect)
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>%s</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-10-14T09:00:00Z</dcterms:created></cp:coreProperties>') % xesc(creator)
    top = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>') % REL
    return zip_write([("[Content_Types].xml", "".join(ct)), ("_rels/.rels", top), ("docProps/core.xml", core),
                      ("word/document.xml", document), ("word/_rels/document.xml.rels", "".join(rels))] + files)


def textbox_xml(text):
    return ('<w:p><w:r><w:pict><v:shape id="tb1" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:0;width:180pt;height:60pt;z-index:1">'
            '<v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>') % w_p(text)


def tracked_xml(kind, text, author):
    if kind == "ins":
        return '<w:p><w:ins w:id="91" w:author="%s" w:date="2026-10-14T11:02:00Z"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:ins></w:p>' % (xesc(author), xesc(text))
    return '<w:p><w:del w:id="92" w:author="%s" w:date="2026-10-14T11:03:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del></w:p>' % (xesc(author), xesc(text))


def col_letter(i):
    return "ABCDEFGHIJ"[i]


def sheet_xml(rows):
    x = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    for ri, r in enumerate(rows, 1):
        x += '<row r="%d">' % ri
        for ci, c in enumerate(r):
            ref = "%s%d" % (col_letter(ci), ri)
            if isinstance(c, (int, float)):
                x += '<c r="%s"><v>%s</v></c>' % (ref, c)
            else:
                x += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xesc(c))
        x += "</row>"
    return x + "</sheetData>{EXTRA}</worksheet>"


def build_xlsx(sheets, comment=None):
    """sheets: list of (name, rows, state) ; comment: (sheet_index, cell_ref, text, author)."""
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    wb = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><bookViews><workbookView activeTab="0"/></bookViews><sheets>' % REL[:-1]
    wrels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    files = []
    for i, (name, rows, state) in enumerate(sheets, 1):
        st = ' state="%s"' % state if state != "visible" else ""
        wb += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xesc(name), i, st, i)
        wrels += '<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i, REL, i)
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i)
        extra = ""
        if comment and comment[0] == i - 1:
            extra = '<legacyDrawing r:id="rIdV1"/>'
            files.append(("xl/worksheets/_rels/sheet%d.xml.rels" % i,
                          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                          '<Relationship Id="rIdC1" Type="%scomments" Target="../comments1.xml"/><Relationship Id="rIdV1" Type="%svmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>' % (REL, REL)))
            ct.append('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>')
            files.append(("xl/comments1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                          '<authors><author>%s</author></authors><commentList><comment ref="%s" authorId="0"><text><r><t xml:space="preserve">%s</t></r></text></comment></commentList></comments>'
                          % (xesc(comment[3]), comment[1], xesc(comment[2]))))
            col = ord(comment[1][0]) - 65; row = int(comment[1][1:]) - 1
            files.append(("xl/drawings/vmlDrawing1.vml",
                          '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                          '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1">'
                          '<v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape></xml>' % (row, col)))
        files.append(("xl/worksheets/sheet%d.xml" % i, sheet_xml(rows).replace("{EXTRA}", extra)))
    wb += "</sheets></workbook>"
    wrels += '<Relationship Id="rIdS" Type="%sstyles" Target="styles.xml"/></Relationships>' % REL
    ct.append("</Types>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>')
    top = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>') % REL
    return zip_write([("[Content_Types].xml", "".join(ct)), ("_rels/.rels", top), ("xl/workbook.xml", wb),
                      ("xl/_rels/workbook.xml.rels", wrels), ("xl/styles.xml", styles)] + files)


def doc_rows(doc):
    rows = [[doc["org"]], [doc["title"]], []]
    for b in doc["blocks"]:
        if b[0] in ("h", "p"):
            rows.append([b[1]])
        elif b[0] == "kv":
            rows += [[k, v] for k, v in b[1]]
        else:
            rows.append(list(b[1])); rows += [list(r) for r in b[2]]
        rows.append([])
    return rows


def fodp(slides):
    """slides: list of (title, [lines], notes_text or None) -> flat ODP xml."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')
    pages = ""
    for i, (title, lines, notes) in enumerate(slides):
        body = "".join("<text:p>%s</text:p>" % xesc(l) for l in lines)
        pages += ('<draw:page draw:name="page%d" draw:master-page-name="Default">'
                  '<draw:frame presentation:class="title" svg:x="1cm" svg:y="0.8cm" svg:width="26cm" svg:height="2.5cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>'
                  '<draw:frame presentation:class="outline" svg:x="1cm" svg:y="4cm" svg:width="26cm" svg:height="13cm"><draw:text-box>%s</draw:text-box></draw:frame>') % (i + 1, xesc(title), body)
        if notes:
            pages += ('<presentation:notes><draw:page-thumbnail presentation:class="page" svg:x="2cm" svg:y="2cm" svg:width="17cm" svg:height="9.5cm" draw:page-number="%d"/>'
                      '<draw:frame presentation:class="notes" svg:x="2cm" svg:y="13cm" svg:width="17cm" svg:height="12cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame></presentation:notes>') % (i + 1, xesc(notes))
        pages += "</draw:page>"
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">'
            '<office:styles/><office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="21cm"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>%s</office:presentation></office:body></office:document>') % (ns, pages)


LO_PROFILE = "file:///tmp/lo-profile-fresh"


def soffice_convert(data, src_ext, dst_ext):
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, "in." + src_ext)
        with open(src, "wb") as fh:
            fh.write(data)
        subprocess.run(["soffice", "-env:UserInstallation=" + LO_PROFILE, "--headless", "--convert-to", dst_ext, "--outdir", td, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        with open(os.path.join(td, "in." + dst_ext.split(":")[0]), "rb") as fh:
            out = fh.read()
    if dst_ext.startswith(("pptx", "docx", "xlsx")):  # re-zip with fixed timestamps for reproducibility
        import re
        zin = zipfile.ZipFile(io.BytesIO(out))
        files = []
        for n in zin.namelist():
            d = zin.read(n)
            if n == "docProps/core.xml":
                d = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-10-14T09:00:00Z", d)
            if n == "docProps/app.xml":
                d = re.sub(rb"<TotalTime>[^<]*</TotalTime>", b"<TotalTime>0</TotalTime>", d)
            if n.endswith(".xml"):
                d = re.sub(rb'id="\{[0-9A-Fa-f-]{36}\}"', b'id="{5F0C2B1E-7A3D-4C11-9E2B-000000000001}"', d)
            files.append((n, d))
        out = zip_write(files)
    return out


# --------------------------------------------------------------------------
# RTF
# --------------------------------------------------------------------------
def rtf_esc(s, mode):
    out = ""
    for ch in s:
        o = ord(ch)
        if ch in "\\{}":
            out += "\\" + ch
        elif o < 128:
            out += ch
        elif mode == "hex" and o < 256:
            out += "\\'%02x" % ch.encode("cp1252")[0]
        else:
            try:
                if mode == "hex":
                    out += "\\'%02x" % ch.encode("cp1252")[0]; continue
            except UnicodeEncodeError:
                pass
            v = o if o < 32768 else o - 65536
            out += "\\u%d?" % v
    return out


def doc_to_rtf(doc, rng, unicode_only=False):
    mode = "u" if unicode_only else "hex"
    e = lambda s: rtf_esc(s, mode if not unicode_only else "u")
    out = ["{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\froman Times New Roman;}}",
           "{\\info{\\author %s}{\\creatim\\yr2026\\mo10\\dy14\\hr9\\min0}}" % e("Poste de travail"),
           "\\paperw12240\\paperh15840\\margl1440\\margr1440\\f%d\\fs22" % rng.randint(0, 1),
           "{\\pard\\b\\fs28 %s\\par}" % e(doc["org"]), "{\\pard\\b\\fs32 %s\\par}" % e(doc["title"])]
    for b in doc["blocks"]:
        if b[0] == "h":
            out.append("{\\pard\\b %s\\par}" % e(b[1]))
        elif b[0] == "p":
            out.append("{\\pard %s\\par}" % e(b[1]))
        else:
            rows = [[k, v] for k, v in b[1]] if b[0] == "kv" else [b[1]] + b[2]
            n = len(rows[0]); cw = 9000 // n
            for r in rows:
                out.append("\\trowd\\trgaph108" + "".join("\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx%d" % (cw * (i + 1)) for i in range(n)))
                out.append("".join("\\pard\\intbl %s\\cell" % e(c) for c in r) + "\\row")
            out.append("\\pard\\par")
    out.append("}")
    return "\r\n".join(out).encode("ascii")


# --------------------------------------------------------------------------
# MIME
# --------------------------------------------------------------------------
def b64lines(data):
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(data):
    return quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n").decode("ascii")


def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def qp_heavy(text, charset):
    """Legal quoted-printable where every character of 'label : value' lines is =XX-encoded."""
    out = []
    for line in crlf(text).split("\r\n"):
        b = line.encode(charset)
        heavy = " : " in line
        toks = ["=%02X" % c if (heavy or c > 126 or c == 61 or (c in (9, 32) and i == len(b) - 1)) else chr(c) for i, c in enumerate(b)]
        cur = ""
        for t in toks:
            if len(cur) + len(t) > 75:
                out.append(cur + "="); cur = ""
            cur += t
        out.append(cur)
    return "\r\n".join(out)


def text_part(text, charset="utf-8", cte="quoted-printable", subtype="plain"):
    data = crlf(text).encode(charset)
    body = qp(data) if cte == "quoted-printable" else b64lines(data) if cte == "base64" else data.decode("ascii")
    return (["Content-Type: text/%s; charset=\"%s\"" % (subtype, charset), "Content-Transfer-Encoding: %s" % cte], body)


def fname_params(fn, enc):
    if enc == "2231":
        from urllib.parse import quote
        v = quote(fn.encode("utf-8"), safe="")
        return "; name*=utf-8''%s" % v, "; filename*=utf-8''%s" % v
    if enc == "2231-latin1-cont":
        from urllib.parse import quote
        v = quote(fn.encode("iso-8859-1"), safe="")
        chunks = [v[i:i + 30] for i in range(0, len(v), 30)]
        # do not split inside a %XX escape
        fixed, carry = [], ""
        for c in chunks:
            c = carry + c; carry = ""
            k = c.rfind("%")
            if k >= len(c) - 2 and k != -1:
                carry = c[k:]; c = c[:k]
            fixed.append(c)
        if carry:
            fixed[-1] += carry
        fp = "".join(";\r\n\tfilename*%d*=%s%s" % (i, "iso-8859-1''" if i == 0 else "", c) for i, c in enumerate(fixed))
        return "; name=\"%s\"" % Header(fn, "iso-8859-1").encode(), fp
    if enc == "2047":
        h = Header(fn, "utf-8").encode()
        return "; name=\"%s\"" % h, "; filename=\"%s\"" % h
    return "; name=\"%s\"" % fn, "; filename=\"%s\"" % fn


def att_part(data, ctype, fn, disp="attachment", cid=None, fenc=None, extra_ct=""):
    np_, fp = fname_params(fn, fenc)
    h = ["Content-Type: %s%s%s" % (ctype, extra_ct, np_), "Content-Transfer-Encoding: base64",
         "Content-Disposition: %s%s" % (disp, fp)]
    if cid:
        h.append("Content-ID: <%s>" % cid)
    return (h, b64lines(data))


def multipart(subtype, parts, boundary, extra=""):
    body = ["This is a multi-part message in MIME format.", ""]
    for h, b in parts:
        body.append("--" + boundary)
        body += h
        body.append("")
        body.append(b)
    body.append("--" + boundary + "--")
    body.append("")
    return (["Content-Type: multipart/%s;%s boundary=\"%s\"" % (subtype, extra, boundary)], "\r\n".join(body))


SUBJ_FR = ["Voici le document", "Suite à notre appel", "Document demandé", "Pour suivi", "Transmission de document", "Tel que discuté",
           "Copie pour vos dossiers", "RE: votre demande", "Document numérisé", "Envoi", "À compléter SVP", "Pour information", "TR: document", "Documents"]
SUBJ_EN = ["See attached", "As discussed", "Following our call", "Document", "Scan", "FYI", "RE: your request", "Forwarding", "Documents requested"]
BODY_FR = ["Bonjour,\n\nVoici le document tel que convenu.\n\nCordialement,",
           "Bonjour,\n\nSuite à notre appel de ce matin, vous trouverez ci-joint le document.\n\nMerci et bonne journée,",
           "Bonjour,\n\nPour faire suite à votre demande, voir la pièce jointe.\n\nN'hésitez pas à me contacter pour toute question.\n\nSalutations,",
           "Allo,\n\nJe te transmets le fichier dont on a parlé.\n\nMerci!",
           "Bonjour,\n\nCi-joint, pour vos dossiers.\n\nBien à vous,",
           "Bonjour,\n\nLe document est en pièce jointe. Merci de confirmer la réception.\n\nCordialement,"]
BODY_EN = ["Hello,\n\nPlease see attached as discussed.\n\nBest regards,", "Hi,\n\nFollowing our call, here is the document.\n\nThanks,",
           "Good morning,\n\nAttached for your records.\n\nRegards,", "Hi,\n\nSee the attachment. Let me know if anything is missing.\n\nThank you,"]
CONF_FR = "AVIS DE CONFIDENTIALITÉ : ce message peut contenir des renseignements confidentiels. Si vous l'avez reçu par erreur, veuillez le détruire et en aviser l'expéditeur."
CONF_EN = "CONFIDENTIALITY NOTICE: this message may contain confidential information. If you received it in error, please delete it and notify the sender."


def signature(staff, lang, org, rng):
    nm, role = staff_sig(staff, lang)
    return "\n\n%s\n%s\n%s\n%s 450 555-0%03d, %s %d\n\n%s" % (nm, role.capitalize(), org, T(lang, "Tél.", "Tel."), rng.randint(100, 199),
                                                             T(lang, "poste", "ext."), rng.randint(1000, 7999), T(lang, CONF_FR, CONF_EN))


def body_text(rng, lang, staff, org):
    return rng.choice(BODY_FR if lang == "fr" else BODY_EN) + signature(staff, lang, org, rng)


def enc_header(s):
    try:
        s.encode("ascii"); return s
    except UnicodeEncodeError:
        return Header(s, "utf-8").encode()


def assemble(rng, ctx, root, subject=None, raw_subject=None):
    org, dom, _ = ctx["estab"]; staff = ctx["staff"]
    nm = staff_sig(staff, "fr")[0]
    local = strip_accents("%s.%s" % (staff[1], staff[2])).lower().replace("'", "").replace(" ", "")
    to = "%s@%s" % (rng.choice(OUT_LOCAL), rng.choice(OUTSIDE))
    d = dt.datetime(2026, rng.randint(9, 11), rng.randint(1, 28), rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59))
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]; months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    date = "%s, %d %s %d %02d:%02d:%02d -0400" % (days[d.weekday()], d.day, months[d.month - 1], d.year, d.hour, d.minute, d.second)
    subj = raw_subject or enc_header(subject or rng.choice(SUBJ_FR if ctx["lang"] == "fr" else SUBJ_EN))
    hs = ["From: %s" % formataddr((nm, "%s@%s" % (local, dom)), charset="utf-8"), "To: %s" % to, "Subject: %s" % subj,
          "Date: %s" % date, "Message-ID: <%08x.%04x@%s>" % (rng.getrandbits(32), rng.getrandbits(16), dom), "MIME-Version: 1.0",
          "X-Mailer: %s" % rng.choice(["Microsoft Outlook 16.0", "Thunderbird 128.3", "Zimbra 10.1"])]
    h, b = root
    return ("\r\n".join(hs + h) + "\r\n\r\n" + b).encode("ascii")


def mixed(rng, ctx, atts, body=None):
    bt = body or body_text(rng, ctx["lang"], ctx["staff"], ctx["estab"][0])
    return multipart("mixed", [text_part(bt)] + atts, "=_mixed_%012x" % rng.getrandbits(48))


FN = {"png": ["capture.png", "image001.png", "Screenshot_20261014_101522.png", "ecran.png", "capture1.png"],
      "jpg": ["scan_0042.jpg", "IMG_2231.jpg", "IMG_20261009_143312.jpg", "numerisation.jpg", "scan0007.jpg", "photo.jpg"],
      "pdf": ["document.pdf", "scan.pdf", "formulaire.pdf", "SCAN_20261103.pdf", "doc00412.pdf"],
      "tif": ["fax_20261103.tif", "document.tif", "FAX0318.tiff", "telecopie.tif"],
      "docx": ["document.docx", "doc1.docx", "lettre.docx", "fichier.docx"], "xlsx": ["fichier.xlsx", "Classeur1.xlsx", "liste.xlsx"],
      "pptx": ["presentation.pptx", "diapos.pptx"], "doc": ["document.doc", "lettre.doc"], "xls": ["fichier.xls", "liste.xls"], "ppt": ["presentation.ppt"],
      "rtf": ["lettre.rtf", "document.rtf", "note.rtf"], "txt": ["notes.txt", "export.txt", "document.txt"], "csv": ["export.csv", "liste.csv", "donnees.csv"]}


# --------------------------------------------------------------------------
# Categories.  Each returns (slug, raw message bytes).
# --------------------------------------------------------------------------
def neutral_doc(rng, lang, org, staff):
    return rng.choice([neg_policy, neg_meeting, neg_newsletter, neg_schedule])(rng, lang, org, staff)


def fax_cover(rng, lang, org, staff, npages):
    return dict(title=T(lang, "Bordereau de télécopie", "Fax cover sheet"), org=org, lang=lang, blocks=[
        ("kv", [(T(lang, "À", "To"), T(lang, "Clinique médicale", "Medical clinic")), (T(lang, "Télécopieur", "Fax"), "819 555-0%03d" % rng.randint(100, 199)),
                (T(lang, "De", "From"), staff_sig(staff, lang)[0]), (T(lang, "Nombre de pages", "Pages"), str(npages)), ("Date", "2026-11-03")]),
        ("p", T(lang, CONF_FR, CONF_EN))])


def cat_screenshot(rng, ctx, pos, idx):
    doc, kind = make_doc(rng, pos, ctx["lang"], ctx["estab"][0], ctx["staff"], idx)
    th = THEMES[idx % len(THEMES)]
    img = render_screen(doc, rng, th)
    data = png_bytes(img, colors=rng.choice([64, 128]))
    return kind, assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "image/png", rng.choice(FN["png"]))]))


def cat_scan(rng, ctx, pos, idx):
    doc, kind = make_doc(rng, pos, ctx["lang"], ctx["estab"][0], ctx["staff"], idx + 2)
    page = render_paper(doc, rng, size=(1100, 1424), base=rng.choice([23, 24, 25]))
    img = scanify(page, rng, noise=rng.choice([8, 12]))
    img = img.resize((img.width * 9 // 10, img.height * 9 // 10), Image.LANCZOS) if idx % 2 else img
    orient = [None, 6, 8, 3, None, 6, 8][idx % 7]
    data = jpeg_bytes(store_rotated(img, orient), q=rng.choice([55, 60, 65]), exif_orient=orient)
    return kind + ("-exif%d" % orient if orient else ""), assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "image/jpeg", rng.choice(FN["jpg"]))]))


def cat_inline(rng, ctx, pos, idx):
    lang = ctx["lang"]
    doc, kind = make_doc(rng, pos, lang, ctx["estab"][0], ctx["staff"], idx + 4)
    if idx % 2:
        img = render_screen(doc, rng); data = png_bytes(img, 64)
    else:
        img = render_paper(doc, rng, size=(1000, 1294), base=22); data = png_bytes(img.convert("L"))
    cid = "image001.png@01DB%08X.%08X" % (rng.getrandbits(32), rng.getrandbits(32))
    txt = body_text(rng, lang, ctx["staff"], ctx["estab"][0])
    html = "<html><body><div style=\"font-family:Calibri,Arial\">" + "".join("<p>%s</p>" % xesc(l) if l else "<br>" for l in txt.split("\n")[:4]) + \
           "<p><img src=\"cid:%s\" width=\"%d\" height=\"%d\" alt=\"image001.png\"></p>" % (cid, img.width // 2, img.height // 2) + \
           "".join("<p style=\"color:#555;font-size:9pt\">%s</p>" % xesc(l) for l in txt.split("\n")[4:] if l) + "</div></body></html>"
    alt = multipart("alternative", [text_part(txt), text_part(html, subtype="html")], "=_alt_%012x" % rng.getrandbits(48))
    rel = multipart("related", [alt, att_part(data, "image/png", "image001.png", disp="inline", cid=cid)], "=_rel_%012x" % rng.getrandbits(48), extra=" type=\"multipart/alternative\";")
    return kind, assemble(rng, ctx, rel)


def logo_img(rng, org, w=220, h=64):
    img = Image.new("RGB", (w, h), (255, 255, 255)); dr = ImageDraw.Draw(img)
    col = rng.choice([(22, 70, 130), (0, 122, 110), (150, 30, 40)])
    dr.ellipse([4, 4, h - 4, h - 4], fill=col); dr.rectangle([h // 2 - 5, 14, h // 2 + 5, h - 14], fill=(255, 255, 255)); dr.rectangle([14, h // 2 - 5, h - 14, h // 2 + 5], fill=(255, 255, 255))
    words = org.split(" ")
    dr.text((h + 8, 8), " ".join(words[:2]), font=font("DejaVuSans-Bold", 18), fill=col)
    dr.text((h + 8, 34), " ".join(words[2:])[:24], font=font("DejaVuSans", 15), fill=(80, 80, 80))
    return img


def cat_small(rng, ctx, pos, idx):
    lang, org = ctx["lang"], ctx["estab"][0]
    txt = body_text(rng, lang, ctx["staff"], org)
    v = idx % 7
    def html_with(imgs_html):
        return "<html><body>" + "".join("<p>%s</p>" % xesc(l) if l else "<br>" for l in txt.split("\n")) + imgs_html + "</body></html>"
    def related(html, parts):
        alt = multipart("alternative", [text_part(txt), text_part(html, subtype="html")], "=_alt_%012x" % rng.getrandbits(48))
        return multipart("related", [alt] + parts, "=_rel_%012x" % rng.getrandbits(48), extra=" type=\"multipart/alternative\";")
    if v == 0:
        data = png_bytes(logo_img(rng, org), 32); cid = "logo@%s" % ctx["estab"][1]
        return "logo-inline", assemble(rng, ctx, related(html_with('<p><img src="cid:%s" alt="logo"></p>' % cid), [att_part(data, "image/png", "logo.png", "inline", cid)]))
    if v == 1:
        gif = io.BytesIO(); Image.new("P", (1, 1), 0).save(gif, "GIF", transparency=0)
        cid = "px%08x@track.example" % rng.getrandbits(32)
        return "tracking-gif", assemble(rng, ctx, related(html_with('<img src="cid:%s" width="1" height="1" alt="">' % cid), [att_part(gif.getvalue(), "image/gif", "spacer.gif", "inline", cid)]))
    if v == 2:
        nm, role = staff_sig(ctx["staff"], lang)
        img = Image.new("RGB", (420, 110), (255, 255, 255)); dr = ImageDraw.Draw(img)
        dr.text((10, 6), nm, font=font("DejaVuSerif-Italic" if os.path.exists(FONTDIR + "DejaVuSerif-Italic.ttf") else "DejaVuSerif", 30), fill=(10, 30, 120))
        dr.text((10, 50), role.capitalize(), font=font("DejaVuSans", 16), fill=(60, 60, 60)); dr.text((10, 74), org[:40], font=font("DejaVuSans", 16), fill=(60, 60, 60))
        return "signature-attached", assemble(rng, ctx, mixed(rng, ctx, [att_part(png_bytes(img, 32), "image/png", "image001.png")], body=txt))
    if v == 3:
        parts, tags = [], ""
        for i, c in enumerate([(59, 89, 152), (29, 161, 242), (0, 119, 181)]):
            im = Image.new("RGB", (24, 24), c); ImageDraw.Draw(im).text((7, 3), "fin"[i], font=font("DejaVuSans-Bold", 15), fill=(255, 255, 255))
            cid = "icon%d@%s" % (i, ctx["estab"][1]); parts.append(att_part(png_bytes(im), "image/png", "image00%d.png" % (i + 2), "inline", cid)); tags += '<img src="cid:%s" width="24" height="24"> ' % cid
        return "social-icons", assemble(rng, ctx, related(html_with("<p>%s</p>" % tags), parts))
    if v == 4:
        im = Image.new("RGB", (600, 80), (22, 70, 130)); dr = ImageDraw.Draw(im)
        dr.text((20, 22), org, font=font("DejaVuSans-Bold", 26), fill=(255, 255, 255))
        cid = "banner@%s" % ctx["estab"][1]
        return "banner-inline", assemble(rng, ctx, related('<html><body><img src="cid:%s" alt="">' % cid + html_with("")[12:], [att_part(png_bytes(im, 16), "image/png", "banner.png", "inline", cid)]))
    if v == 5:
        im = Image.new("RGB", (48, 48), (200, 30, 30)); ImageDraw.Draw(im).text((6, 14), "PDF", font=font("DejaVuSans-Bold", 14), fill=(255, 255, 255))
        return "icon-attached", assemble(rng, ctx, mixed(rng, ctx, [att_part(png_bytes(im), "image/png", "icon.png")], body=txt))
    data = png_bytes(logo_img(rng, org), 32)
    gif = io.BytesIO(); Image.new("P", (1, 1), 0).save(gif, "GIF", transparency=0)
    return "logo-and-spacer-attached", assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "image/png", "image001.png"), att_part(gif.getvalue(), "image/gif", "image002.gif")], body=txt))


def multipage(rng, ctx, pos, idx, n, size, base, header=None):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    data_pg = idx % n
    docs = []
    for i in range(n):
        if i == data_pg:
            d, kind = make_doc(rng, pos, lang, org, staff, idx + 5)
        elif i == 0:
            d = fax_cover(rng, lang, org, staff, n)
        else:
            d = neutral_doc(rng, lang, org, staff)
        docs.append(d)
    pages = []
    for i, d in enumerate(docs):
        hl = header % (i + 1, n) if header else None
        pages.append(render_paper(d, rng, size=size, base=base, header_line=hl))
    return kind + "-p%d" % (data_pg + 1), pages


def cat_scanned_pdf(rng, ctx, pos, idx):
    n = 1 + idx % 3
    kind, pages = multipage(rng, ctx, pos, idx, n, (1275, 1650), 26)
    if idx % 2 == 0:
        imgs = [to_1bit(p.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor=255)) for p in pages]
    else:
        imgs = [scanify(p, rng, noise=6, blur=0.4).resize((918, 1188), Image.LANCZOS) for p in pages]
    data = pdf_from_images(imgs, jpeg_q=42)
    return kind, assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "application/pdf", rng.choice(FN["pdf"]))]))


def cat_tiff(rng, ctx, pos, idx):
    n = 2 + idx % 2 if idx % 3 else 3
    hdr = "%s  DE: 450 555 0%03d  %s  P.%%d/%%d" % ("2026-11-03 14:%02d" % rng.randint(0, 59), rng.randint(100, 199), strip_accents(ctx["estab"][0]).upper()[:30])
    kind, pages = multipage(rng, ctx, pos, idx, n, (1700, 2200), 34, header=hdr)
    imgs = [to_1bit(p) for p in pages]
    comp = "group4" if idx % 2 == 0 else "tiff_lzw"
    data = tiff_bytes(imgs, comp)
    return kind + "-" + comp.replace("tiff_", ""), assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "image/tiff", rng.choice(FN["tif"]))]))


NEUTRAL_DOC_TEXT = [("Veuillez trouver ci-dessous le document demandé.", "Please find the requested document below."),
                    ("Document transmis pour information.", "Document sent for information."),
                    ("Voir l'image ci-dessous.", "See the picture below.")]


def cat_office_image(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    doc, kind = make_doc(rng, pos, lang, org, staff, idx + 6)
    if idx % 3 == 2:
        img = render_screen(doc, rng); data, ext = png_bytes(img, 64), "png"
    elif idx % 3 == 1:
        img = scanify(render_paper(doc, rng, size=(1000, 1294), base=22), rng, noise=6); data, ext = jpeg_bytes(img, 60), "jpeg"
    else:
        img = render_paper(doc, rng, size=(1000, 1294), base=22); data, ext = png_bytes(img), "png"
    nt = rng.choice(NEUTRAL_DOC_TEXT)[0 if lang == "fr" else 1]
    body = w_p(org, True) + w_p(nt) + "{IMG}" + w_p(T(lang, "Merci.", "Thank you."))
    docx = build_docx(body, image=(data, ext, img.width, img.height), creator=staff[2])
    return kind + "-" + ext, assemble(rng, ctx, mixed(rng, ctx, [att_part(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", rng.choice(FN["docx"]))]))


def cat_hidden(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    variants = ["header", "footer", "comment", "footnote", "tracked-del", "textbox", "xlsx-hidden-sheet", "xlsx-second-sheet", "xlsx-comment", "pptx-notes"]
    v = variants[idx % len(variants)] if pos else variants[(idx * 3 + 1) % len(variants)]
    snip = pos_snippet(rng, lang) if pos else neg_snippet(rng, lang)
    visible = neutral_doc(rng, lang, org, staff)
    if v.startswith("xlsx"):
        rows = doc_rows(visible)
        if v == "xlsx-comment":
            x = build_xlsx([(T(lang, "Feuil1", "Sheet1"), rows, "visible")], comment=(0, "B3", snip, staff[2]))
        else:
            extra_rows = [[T(lang, "Note", "Note"), snip]]
            if pos and rng.random() < 0.5:
                d, _ = make_doc(rng, True, lang, org, staff, idx); extra_rows = doc_rows(d)
            x = build_xlsx([(T(lang, "Feuil1", "Sheet1"), rows, "visible"), (T(lang, "Feuil2", "Sheet2") if v == "xlsx-second-sheet" else "Données", extra_rows,
                                                                             "hidden" if v == "xlsx-hidden-sheet" else "visible")])
        att = att_part(x, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rng.choice(FN["xlsx"]))
    elif v == "pptx-notes":
        sl = [(visible["title"], [b[1] for b in visible["blocks"] if b[0] == "p"][:4], snip),
              (T(lang, "Questions", "Questions"), [T(lang, "Merci de votre attention", "Thank you")], None)]
        x = soffice_convert(fodp(sl).encode("utf-8"), "fodp", "pptx")
        att = att_part(x, "application/vnd.openxmlformats-officedocument.presentationml.presentation", rng.choice(FN["pptx"]))
    else:
        body = doc_to_wxml(visible)
        kw = {}
        if v == "header":
            kw["header"] = snip
        elif v == "footer":
            kw["footer"] = snip
        elif v == "comment":
            body += "{C0}"; kw["comments"] = [snip]
        elif v == "footnote":
            body = body.replace("</w:t></w:r></w:p>", "</w:t></w:r>{F1}</w:p>", 3).replace("{F1}", "", 2) if False else body + '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r>{F1}</w:p>' % xesc(T(lang, "Référence", "Reference"))
            kw["footnotes"] = [snip]
        elif v == "tracked-del":
            body += tracked_xml("del", snip, staff[2])
        elif v == "textbox":
            body = textbox_xml(snip) + body
        x = build_docx(body, creator=staff[2], **kw)
        att = att_part(x, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", rng.choice(FN["docx"]))
    return v, assemble(rng, ctx, mixed(rng, ctx, [att]))


def cat_fillable(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    encs = ["lit", "hex", "mixed"]
    if pos:
        doc, kind = make_doc(rng, True, lang, org, staff, [0, 6, 7, 3, 1, 5, 2][idx % 7])
        kvs = [kv for b in doc["blocks"] if b[0] == "kv" for kv in b[1]]
        if doc is not None and not any(k.startswith(("Diagnos", "Examen", "Exam")) for k, _ in kvs):
            d = rng.choice(DX); kvs.append((T(lang, "Diagnostic", "Diagnosis"), d[lang]))
        fields = [("f%d_%s" % (i, strip_accents(k).split(" ")[0].lower()), k, v) for i, (k, v) in enumerate(kvs[:9])]
        title = doc["title"]
    else:
        v = idx % 3
        d = [neg_blank_referral, neg_blank_cnesst, neg_template_rx][idx % 3](rng, lang, org, staff)
        kvs = [kv for b in d["blocks"] if b[0] == "kv" for kv in b[1]]
        kind = ["blank", "placeholders", "staff-request"][v] if idx < 6 else "blank-empty-strings"
        if kind == "blank":
            fields = [("f%d" % i, k, None) for i, (k, _) in enumerate(kvs)]
        elif kind == "placeholders":
            fields = [("f%d" % i, k, val if val.strip() else "") for i, (k, val) in enumerate(kvs)]
        elif kind == "blank-empty-strings":
            fields = [("f%d" % i, k, "") for i, (k, _) in enumerate(kvs)]
        else:
            s = rng.choice(STAFF)
            fields = [("emp", T(lang, "Nom de l'employé(e)", "Employee name"), "%s %s" % (s[1], s[2])), ("matricule", T(lang, "Matricule", "Employee no."), "%06d" % rng.randint(0, 999999)),
                      ("service", T(lang, "Service", "Department"), T(lang, "Médecine interne (4e Nord)", "Internal medicine (4 North)")),
                      ("du", T(lang, "Congé du", "Leave from"), "2026-12-21"), ("au", T(lang, "au", "to"), "2027-01-03"),
                      ("motif", T(lang, "Motif", "Reason"), T(lang, "Vacances annuelles (réf. convention art. 21)", "Annual vacation (agreement art. 21)"))]
            d = dict(title=T(lang, "Demande de congé", "Leave request"))
        title = d["title"]
    note = [T(lang, "Formulaire électronique — remplir les champs puis transmettre.", "Electronic form — fill in the fields and send."),
            T(lang, "Version 2026-04 (escape test: (parenthèses) \\ barre)", "Version 2026-04 (escape test: (parentheses) \\ backslash)")]
    data = pdf_acroform(title, org, fields, note, encs[idx % 3])
    return kind + "-" + encs[idx % 3], assemble(rng, ctx, mixed(rng, ctx, [att_part(data, "application/pdf", rng.choice(FN["pdf"]))]))


def cat_legacy(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    doc, kind = make_doc(rng, pos, lang, org, staff, idx + 3)
    fmt = ["doc", "xls", "doc", "xls", "doc", "xls"][idx % 6]  # .ppt from LibreOffice is ~600 KB: too big for the 400 KB budget
    if fmt == "doc":
        data = soffice_convert(build_docx(doc_to_wxml(doc), creator=staff[2]), "docx", "doc:MS Word 97")
        ct = "application/msword"
    elif fmt == "xls":
        data = soffice_convert(build_xlsx([(T(lang, "Feuil1", "Sheet1"), doc_rows(doc), "visible")]), "xlsx", "xls:MS Excel 97")
        ct = "application/vnd.ms-excel"
    else:
        lines = [t for r in doc_rows(doc)[2:] for t in [" — ".join(r)] if t][:9]
        data = soffice_convert(fodp([(doc["title"], lines, None)]).encode("utf-8"), "fodp", "ppt:MS PowerPoint 97")
        ct = "application/vnd.ms-powerpoint"
    return kind + "-" + fmt, assemble(rng, ctx, mixed(rng, ctx, [att_part(data, ct, rng.choice(FN[fmt]))]))


def cat_rtf(rng, ctx, pos, idx):
    doc, kind = make_doc(rng, pos, ctx["lang"], ctx["estab"][0], ctx["staff"], idx + 1)
    uni = idx % 2 == 1
    data = doc_to_rtf(doc, rng, unicode_only=uni)
    return kind + ("-uN" if uni else "-hex"), assemble(rng, ctx, mixed(rng, ctx, [att_part(data, rng.choice(["application/rtf", "text/rtf"]), rng.choice(FN["rtf"]))]))


def cat_unicode(rng, ctx, pos, idx):
    doc, kind = make_doc(rng, pos, ctx["lang"], ctx["estab"][0], ctx["staff"], idx + 7)
    encs = [("utf-16-le", True, "utf-16le"), ("utf-16-le", False, "utf-16le"), ("utf-16-be", True, "utf-16be"), ("utf-16-be", False, None),
            ("utf-32-le", True, "utf-32"), ("utf-16-le", False, None), ("utf-32-be", False, "utf-32be")]
    codec, bom, cs = encs[idx % len(encs)]
    if idx % 2:
        buf = io.StringIO(); w = csv.writer(buf, delimiter=";" if ctx["lang"] == "fr" else ",", lineterminator="\r\n")
        for r in doc_rows(doc):
            w.writerow(r)
        txt, ext = buf.getvalue(), "csv"
    else:
        txt, ext = crlf(doc_text(doc)), "txt"
    data = txt.encode(codec)
    if bom:
        data = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}[codec] + data
    if cs:
        att = att_part(data, "text/%s" % ("csv" if ext == "csv" and idx % 4 == 1 else "plain"), rng.choice(FN[ext]), extra_ct="; charset=\"%s\"" % cs)
    else:
        att = att_part(data, "application/octet-stream", rng.choice(FN[ext]))
    return kind + "-" + codec + ("-bom" if bom else ""), assemble(rng, ctx, mixed(rng, ctx, [att]))


def tar_bytes(members, mode):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = FIXED_EPOCH; ti.mode = 0o644; ti.uname = ti.gname = "user"
            t.addfile(ti, io.BytesIO(data))
    raw = b.getvalue()
    return raw


def gz(data, name=None):
    b = io.BytesIO()
    with gzip.GzipFile(filename=name or "", mode="wb", fileobj=b, mtime=FIXED_EPOCH) as g:
        g.write(data)
    return b.getvalue()


def cat_archive(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    doc, kind = make_doc(rng, pos, lang, org, staff, idx + 2)
    filler = neutral_doc(rng, lang, org, staff)
    buf = io.StringIO(); w = csv.writer(buf, lineterminator="\r\n")
    for r in doc_rows(doc):
        w.writerow(r)
    csvb = buf.getvalue().encode("utf-8")
    txtb = crlf(doc_text(doc)).encode("utf-8")
    docxb = build_docx(doc_to_wxml(doc), creator=staff[2])
    fill_txt = crlf(doc_text(filler)).encode("utf-8")
    v = idx % 6
    if v == 0:
        data, fn, ct = tar_bytes([("envoi/lisezmoi.txt", fill_txt), ("envoi/export.csv", csvb)], "w"), "envoi.tar", "application/x-tar"
    elif v == 1:
        data, fn, ct = gz(tar_bytes([("notes.txt", txtb), ("annexe.txt", fill_txt)], "w")), "envoi.tar.gz", "application/gzip"
    elif v == 2:
        data, fn, ct = gz(tar_bytes([("docs/document.docx", docxb)], "w")), "archive.tgz", "application/x-gzip"
    elif v == 3:
        data, fn, ct = gz(csvb, "export.csv"), "export.csv.gz", "application/gzip"
    elif v == 4:
        data, fn, ct = zip_write([("lisezmoi.txt", fill_txt), ("dossier/document.docx", docxb), ("dossier/export.csv", csvb)]), "archive.zip", "application/zip"
    else:
        inner = zip_write([("document.docx", docxb)])
        data, fn, ct = gz(tar_bytes([("fichiers.zip", inner), ("notes.txt", fill_txt)], "w")), "fichiers.tar.gz", "application/octet-stream"
    return kind + "-" + fn.split(".", 1)[1].replace(".", ""), assemble(rng, ctx, mixed(rng, ctx, [att_part(data, ct, fn)]))


def html_entities(s, all_numeric):
    out = ""
    for ch in s:
        if all_numeric and (ch.isalnum() or ch in " -:"):
            out += "&#%d;" % ord(ch) if ch.isalnum() else ("&#x%X;" % ord(ch))
        elif ord(ch) > 127 or ch in "<>&\"":
            named = {"é": "&eacute;", "è": "&egrave;", "à": "&agrave;", "ç": "&ccedil;", "ê": "&ecirc;", "ô": "&ocirc;", "É": "&Eacute;", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;"}
            out += named.get(ch, "&#%d;" % ord(ch))
        else:
            out += ch
    return out


def cat_encodings(rng, ctx, pos, idx):
    lang, org, staff = ctx["lang"], ctx["estab"][0], ctx["staff"]
    doc, kind = make_doc(rng, pos, lang, org, staff, idx + 3)
    intro = rng.choice(BODY_FR if lang == "fr" else BODY_EN).split("\n\n")[0]
    sig = signature(staff, lang, org, rng)
    content = doc_text(doc)
    v = idx % 7
    if v == 0:   # ISO-8859-1 quoted-printable body
        t = intro + "\n\n" + content + sig
        t = t.replace("—", "-").replace("²", "2").replace("⁹", "9").replace("•", "*").replace("–", "-").replace("œ", "oe")
        root = (["Content-Type: text/plain; charset=\"iso-8859-1\"", "Content-Transfer-Encoding: quoted-printable"], qp_heavy(t, "iso-8859-1"))
        return kind + "-latin1-qp", assemble(rng, ctx, root)
    if v == 1:   # windows-1252 base64 body
        t = (intro + "\n\n« " + content + " »" + sig).replace("²", "2").replace("⁹", "9").replace("µ", "u").replace("≤", "<=")
        t = "".join(c if c.encode("cp1252", "ignore") else "?" for c in t)
        root = text_part(t, "windows-1252", "base64")
        return kind + "-cp1252-b64", assemble(rng, ctx, root)
    if v == 2:   # HTML with entities (identifiers fully numeric-entity encoded)
        lines = content.split("\n")
        html = "<html><body><p>%s</p>" % html_entities(intro, False) + "".join("<div>%s</div>" % (html_entities(l, i % 2 == 1) if l else "&nbsp;") for i, l in enumerate(lines)) + \
               "<p>%s</p></body></html>" % html_entities(sig, False).replace("\n", "<br>")
        root = text_part(html, "us-ascii", "7bit", "html")
        return kind + "-html-entities", assemble(rng, ctx, root)
    if v == 3:   # attachment with RFC 2231 latin-1 continued filename, QP latin-1 content
        t = crlf(content).replace("—", "-").replace("²", "2").replace("⁹", "9").replace("•", "*").replace("–", "-").replace("œ", "oe").encode("iso-8859-1", "replace")
        fn = rng.choice(["résumé du document numérisé.txt", "pièce jointe à compléter.txt", "données reçues à l'accueil.txt"])
        np_, fp = fname_params(fn, "2231-latin1-cont")
        att = (["Content-Type: text/plain; charset=\"iso-8859-1\"%s" % np_, "Content-Transfer-Encoding: quoted-printable", "Content-Disposition: attachment%s" % fp], qp(t))
        return kind + "-rfc2231-qp", assemble(rng, ctx, mixed(rng, ctx, [att]))
    if v == 4:   # RFC 2047 encoded subject and attachment name, base64 utf-8 text
        fn = rng.choice(["Éléments demandés.txt", "Réponse à la demande.txt", "Document reçu — copie.txt"])
        subj = Header(rng.choice(SUBJ_FR if lang == "fr" else SUBJ_EN) + " — ✔", "utf-8").encode()
        att = att_part(crlf(content).encode("utf-8"), "text/plain", fn, fenc="2047", extra_ct="; charset=\"utf-8\"")
        return kind + "-rfc2047-name", assemble(rng, ctx, mixed(rng, ctx, [att]), raw_subject=subj)
    if v == 5:   # HTML windows-1252 quoted-printable with named entities
        html = "<html><body><p>%s</p><pre>%s</pre><p>%s</p></body></html>" % (xesc(intro), xesc(content), xesc(sig).replace("\n", "<br>"))
        html = "".join(c if c.encode("cp1252", "ignore") else "&#%d;" % ord(c) for c in html)
        alt = multipart("alternative", [text_part(intro + sig), text_part(html, "windows-1252", "quoted-printable", "html")], "=_alt_%012x" % rng.getrandbits(48))
        return kind + "-html-cp1252-qp", assemble(rng, ctx, alt)
    # v == 6: utf-8 body in base64 + RFC 2231 utf-8 file name on a csv
    buf = io.StringIO(); w = csv.writer(buf, lineterminator="\r\n")
    for r in doc_rows(doc):
        w.writerow(r)
    fn = rng.choice(["exporté.csv", "liste à jour.csv", "données.csv"])
    att = att_part(buf.getvalue().encode("utf-8"), "text/csv", fn, fenc="2231", extra_ct="; charset=\"utf-8\"")
    root = multipart("mixed", [text_part(intro + sig, "utf-8", "base64"), att], "=_mixed_%012x" % rng.getrandbits(48))
    return kind + "-rfc2231-utf8", assemble(rng, ctx, root)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------
CATEGORIES = [  # (name, function, positives, negatives)
    ("screenshot", cat_screenshot, 6, 6),
    ("scan", cat_scan, 7, 6),
    ("inline-image", cat_inline, 5, 5),
    ("small-images", cat_small, 0, 7),
    ("scanned-pdf", cat_scanned_pdf, 6, 6),
    ("fax-tiff", cat_tiff, 6, 6),
    ("office-embedded-image", cat_office_image, 5, 5),
    ("office-hidden-parts", cat_hidden, 10, 10),
    ("fillable-pdf", cat_fillable, 6, 6),
    ("legacy-office", cat_legacy, 6, 6),
    ("rich-text", cat_rtf, 5, 5),
    ("unicode-text", cat_unicode, 7, 7),
    ("tar-gzip", cat_archive, 6, 6),
    ("encodings", cat_encodings, 7, 7),
]


def main():
    only = sys.argv[1:]  # optional category filter for debugging (output is then partial)
    for lab in ("positive", "negative"):
        d = os.path.join(HERE, lab)
        if os.path.isdir(d) and not only:
            shutil.rmtree(d)
        os.makedirs(d, exist_ok=True)
    rows, counters = [], {"positive": 0, "negative": 0}
    for ci, (cat, fn, npos, nneg) in enumerate(CATEGORIES):
        for lab, n in (("positive", npos), ("negative", nneg)):
            for i in range(n):
                counters[lab] += 1
                if only and cat not in only:
                    continue
                rng = random.Random("%d/%s/%s/%d" % (SEED, cat, lab, i))
                lang = "en" if (i + ci) % 5 == 3 else "fr"
                estabs = [e for e in ESTABS if (e[2] == "en") == (lang == "en")] if rng.random() < 0.7 else ESTABS
                ctx = dict(lang=lang, estab=rng.choice(estabs), staff=rng.choice(STAFF))
                slug, raw = fn(rng, ctx, lab == "positive", i)
                name = "%s/%03d-%s-%s.eml" % (lab, counters[lab], cat, slug.replace("_", "-"))
                assert b"\n" not in raw.replace(b"\r\n", b""), name
                with open(os.path.join(HERE, name), "wb") as fh:
                    fh.write(raw)
                rows.append((name, lab, cat))
                print(name, len(raw))
    if not only:
        with open(os.path.join(HERE, "labels.csv"), "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["file", "label", "category"])
            w.writerows(rows)


if __name__ == "__main__":
    main()
