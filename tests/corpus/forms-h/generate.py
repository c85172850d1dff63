#!/usr/bin/env python3
"""Held-out forms corpus (eighth author). Deterministic generator.

Run from the repository root:  python3 tests/corpus/forms-h/generate.py
All people, numbers and establishments are fictitious.
"""
import base64, csv, gzip, io, os, quopri, random, shutil, subprocess, tarfile, tempfile, unicodedata, zipfile
from email.header import Header
from email.utils import formataddr
from PIL import Image, ImageDraw, ImageFont, ImageFilter

OUT = os.path.dirname(os.path.abspath(__file__))
R = random.Random(80808)
FD = "/usr/share/fonts/truetype/dejavu/"
FONTS = {"sans": "DejaVuSans.ttf", "sansb": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf",
         "serifb": "DejaVuSerif-Bold.ttf", "mono": "DejaVuSansMono.ttf", "monob": "DejaVuSansMono-Bold.ttf",
         "cond": "DejaVuSansCondensed.ttf", "condb": "DejaVuSansCondensed-Bold.ttf"}
_fc = {}
def font(name, size):
    k = (name, size)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FD + FONTS[name], size)
    return _fc[k]

# ------------------------------------------------------------------ people
SURN = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Ouellet",
        "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Paquette", "Girard", "Simard", "Caron", "Beaulieu",
        "Cloutier", "Dubé", "Poirier", "Lapointe", "Leclerc", "Poulin", "Thibault", "St-Pierre", "Nadeau",
        "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier", "Michaud", "Hébert", "Couture",
        "Turcotte", "Lachance", "Gosselin", "Savard", "Proulx", "Beaudoin", "Perreault", "Boudreau", "Lemieux",
        "Dufour", "Bolduc", "Bérubé", "Nguyen", "Haddad", "Joseph", "Ng", "O'Connor", "MacDonald", "Wu",
        "Desrosiers", "Vaillancourt", "Charbonneau", "Ménard", "Larouche", "Otis", "Jean-Baptiste"]
GF = ["Marie", "Julie", "Isabelle", "Sophie", "Nathalie", "Chantal", "Geneviève", "Émilie", "Camille", "Léa",
      "Chloé", "Mélanie", "Josée", "Lucie", "Francine", "Ginette", "Thérèse", "Aïcha", "Fatima", "Mei",
      "Rose-Marie", "Annie", "Karine", "Valérie", "Océane", "Huguette", "Linda"]
GM = ["Jean", "Pierre", "Michel", "André", "Luc", "François", "Mathieu", "Étienne", "Olivier", "Gabriel",
      "Louis", "Réjean", "Gaétan", "Yvon", "Denis", "Marc-André", "Samuel", "Karim", "Wei", "Jérôme",
      "Benoît", "Félix", "Alexandre", "Normand", "Ghislain", "Raymond"]
STAFF_F = ["Nadia", "Audrey", "Sylvie", "Catherine", "Manon", "Roxanne", "Élise", "Patricia", "Stéphanie", "Hélène"]
STAFF_M = ["Yannick", "Guillaume", "Sébastien", "Patrick", "Martin", "Éric", "Vincent", "Hugo", "Daniel", "Philippe"]
STAFF_L = ["Berthiaume", "Laflamme", "Desjardins", "Marcoux", "Gingras", "Lalonde", "Rioux", "Tessier",
           "Bellemare", "Corriveau", "Dionne", "Fréchette", "Giroux", "Lacasse", "Patenaude", "Quintal"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

def strip(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")

class P:
    def __init__(self, sex=None):
        self.sex = sex or R.choice("FM")
        self.last = R.choice(SURN)
        self.first = R.choice(GF if self.sex == "F" else GM)
        self.y = R.randint(1931, 2019); self.m = R.randint(1, 12); self.d = R.randint(1, 28)
        letters = "".join(c for c in strip(self.last).upper() if c.isalpha())
        code = (letters + "XXX")[:3] + strip(self.first)[0].upper()
        mm = self.m + (50 if self.sex == "F" else 0)
        self.nam_raw = "%s%02d%02d%02d%02d" % (code, self.y % 100, mm, self.d, R.randint(10, 99))
        self.mrn = R.choice(["", "", "", "H", "M", "S"]) + str(R.randint(10 ** 5, 10 ** 8 - 1)).zfill(R.choice([6, 7, 8]))
        self.age = 2024 - self.y
    def nam(self, style=None):
        s = R.choice([0, 1, 1, 2, 3]) if style is None else style
        n = self.nam_raw
        return [n, n[:4] + " " + n[4:8] + " " + n[8:], n[:4] + "-" + n[4:8] + "-" + n[8:], n[:4] + " " + n[4:]][s]
    def dob(self, en=False):
        s = R.randint(0, 4)
        if en:
            return ["%s %d, %d" % (MONTHS[self.m - 1], self.d, self.y), "%04d-%02d-%02d" % (self.y, self.m, self.d),
                    "%02d/%02d/%04d" % (self.m, self.d, self.y)][s % 3]
        return ["%04d-%02d-%02d" % (self.y, self.m, self.d), "%02d/%02d/%04d" % (self.d, self.m, self.y),
                "%d %s %d" % (self.d, MOIS[self.m - 1], self.y), "%04d/%02d/%02d" % (self.y, self.m, self.d),
                "%02d-%02d-%04d" % (self.d, self.m, self.y)][s]
    def name(self, style=None):
        s = R.randint(0, 3) if style is None else style
        return [self.first + " " + self.last, self.last.upper() + ", " + self.first, self.last + " " + self.first,
                ("Mme " if self.sex == "F" else "M. ") + self.first + " " + self.last][s]

def staff(doc=None):
    f = R.random() < 0.5
    fn = R.choice(STAFF_F if f else STAFF_M); ln = R.choice(STAFF_L)
    isdoc = R.random() < 0.5 if doc is None else doc
    t = ("Dre " if f else "Dr ") if isdoc else ""
    role = R.choice(["médecin de famille", "interniste", "chirurgienne" if f else "chirurgien", "pédiatre",
                     "cardiologue", "résident(e) R2"]) if isdoc else R.choice(
        ["infirmière clinicienne" if f else "infirmier clinicien", "agente administrative" if f else "agent administratif",
         "pharmacienne" if f else "pharmacien", "archiviste médicale" if f else "archiviste médical",
         "travailleuse sociale" if f else "travailleur social", "chef d'unité", "technicienne en administration"])
    return {"first": fn, "last": ln, "full": t + fn + " " + ln, "role": role, "title": t}

EST = [("CISSS des Hautes-Rivières", "cisss-hautesrivieres.qc.ca"),
       ("CIUSSS du Littoral-Est", "ciusss-littoralest.qc.ca"),
       ("Hôpital Saint-Aubin-de-la-Baie", "hsaintaubin.qc.ca"),
       ("Centre hospitalier régional de Val-des-Cèdres", "chr-valdescedres.qc.ca"),
       ("Pointe-Clairval General Hospital", "pcgh-clairval.qc.ca"),
       ("CLSC du Plateau-Sainte-Anne", "clsc-plateaustanne.qc.ca"),
       ("Institut de cardiologie de Mont-Bellerive", "icmb-bellerive.qc.ca"),
       ("GMF Les Érables de Lotbinière", "gmf-leserables.qc.ca"),
       ("Hôpital de la Pointe-aux-Outardes", "hpao.qc.ca")]
EXT = ["gmail.com", "hotmail.com", "videotron.ca", "outlook.com", "clinique-rosemont-plus.ca", "bell.net",
       "assurances-laurentienne-exemple.com", "cabinet-avocats-dube.ca", "pharmacie-familiprix-exemple.ca",
       "yahoo.ca", "protonmail.com", "physio-mouvement.ca"]

def fmt_date(en=False):
    y = 2024; m = R.randint(1, 12); d = R.randint(1, 28)
    return ("%04d-%02d-%02d" % (y, m, d)) if R.random() < 0.6 else (
        "%d %s %d" % (d, MONTHS[m - 1] if en else MOIS[m - 1], y))

# ------------------------------------------------------------------ documents
# doc = {"title", "org", "en", "blocks":[("h",t),("p",t),("kv",[(k,v)]),("table",hdr,rows),("sig",t)]}
LABS = [("Hémoglobine", "g/L", 120, 160, 70, 190), ("Leucocytes", "x10^9/L", 4.0, 11.0, 1.5, 25.0),
        ("Plaquettes", "x10^9/L", 150, 400, 40, 700), ("Sodium", "mmol/L", 135, 145, 122, 152),
        ("Potassium", "mmol/L", 3.5, 5.0, 2.6, 6.4), ("Créatinine", "µmol/L", 50, 110, 40, 420),
        ("Glucose à jeun", "mmol/L", 3.6, 6.0, 3.0, 17.0), ("HbA1c", "%", 4.0, 6.0, 4.5, 11.5),
        ("TSH", "mUI/L", 0.35, 5.0, 0.05, 14.0), ("INR", "", 0.9, 1.2, 0.9, 4.2),
        ("Troponine T hs", "ng/L", 0, 14, 2, 380), ("CRP", "mg/L", 0, 5, 0.5, 180), ("ALT", "U/L", 7, 40, 5, 210)]
DX = ["insuffisance cardiaque décompensée", "MPOC exacerbée", "pneumonie acquise en communauté",
      "diabète de type 2 mal contrôlé", "fibrillation auriculaire de novo", "fracture de la hanche droite",
      "cellulite du membre inférieur gauche", "pyélonéphrite aiguë", "AVC ischémique sylvien gauche",
      "néoplasie du sein droit (carcinome canalaire infiltrant)", "dépression majeure, épisode récurrent",
      "insuffisance rénale chronique stade 4", "cholécystite aiguë", "embolie pulmonaire segmentaire",
      "delirium sur infection urinaire", "asthme pédiatrique mal maîtrisé", "maladie de Crohn iléale"]
DX_EN = ["community-acquired pneumonia", "NSTEMI", "acute decompensated heart failure", "sepsis of urinary origin",
         "new-onset atrial fibrillation", "type 1 diabetes with DKA", "left ankle bimalleolar fracture",
         "major depressive disorder", "COPD exacerbation", "acute pancreatitis"]
MEDS = ["Metformine 500 mg PO BID", "Apixaban 5 mg PO BID", "Furosémide 40 mg PO DIE", "Ramipril 5 mg PO DIE",
        "Atorvastatine 40 mg PO HS", "Bisoprolol 2,5 mg PO DIE", "Salbutamol 100 mcg 2 inh QID PRN",
        "Insuline glargine 18 unités SC HS", "Pantoprazole 40 mg PO DIE", "Sertraline 100 mg PO DIE",
        "Hydromorphone 1 mg PO q4h PRN", "Lévothyroxine 88 mcg PO DIE", "Amoxicilline-clavulanate 875 mg PO BID x 7 j",
        "Acétaminophène 1 g PO QID", "Prednisone 40 mg PO DIE x 5 j", "Warfarine selon INR"]

def idline(p, en=False):
    k = R.choice(["No dossier", "N° de dossier", "Dossier", "# dossier", "No. dossier"] if not en else
                 ["MRN", "Chart #", "Medical record no.", "File no."])
    return k, p.mrn

def pos_lab(e, en=False):
    p = P(); rows = []
    for (n, u, lo, hi, a, b) in R.sample(LABS, R.randint(5, 9)):
        v = round(R.uniform(a, b), 1 if isinstance(lo, float) else 0)
        v = int(v) if not isinstance(lo, float) else v
        flag = "H" if v > hi else ("L" if v < lo else "")
        rows.append([n, str(v).replace(".", ","), u, "%s - %s" % (lo, hi), flag])
    kv = [("Nom", p.last.upper()), ("Prénom", p.first), ("Date de naissance", p.dob()), ("Sexe", p.sex),
          ("NAM", p.nam()), idline(p), ("Prélevé le", fmt_date() + " %02d:%02d" % (R.randint(6, 11), R.randint(0, 59))),
          ("Médecin demandeur", staff(True)["full"])]
    R.shuffle(kv[4:6])
    return {"title": R.choice(["Rapport de laboratoire — Biochimie", "Résultats de laboratoire", "LABORATOIRE — Hématologie / Biochimie"]),
            "org": e[0], "blocks": [("kv", kv), ("table", ["Analyse", "Résultat", "Unités", "Réf.", ""], rows),
                                     ("p", "Résultats validés par le biochimiste de garde.")]}

def pos_discharge(e, en=False):
    p = P(); dx = R.choice(DX); s = staff(True)
    return {"title": R.choice(["Résumé de séjour", "Sommaire d'hospitalisation", "Feuille sommaire — congé"]), "org": e[0],
            "blocks": [("kv", [("Patient(e)", p.name(R.choice([0, 1, 3]))), ("DDN", p.dob()), idline(p),
                               ("Admission", fmt_date()), ("Congé", fmt_date()), ("Unité", R.choice(["5 Nord", "Médecine 3B", "Chirurgie 2A", "USI"]))]),
                       ("h", "Diagnostic principal"), ("p", dx.capitalize() + "."),
                       ("h", "Évolution"), ("p", "Patient%s de %d ans admis%s par l'urgence. %s Évolution favorable sous traitement; "
                                                 "retour à domicile avec soutien du CLSC." % ("e" if p.sex == "F" else "", p.age, "e" if p.sex == "F" else "",
                                                 R.choice(["Antibiothérapie IV 72 h puis relais PO.", "Diurèse IV avec perte de 4 kg.", "Réduction ouverte et fixation interne au jour 1.", "Bilan cardiaque complet, échographie FEVG 35 %."]))),
                       ("h", "Médicaments au congé"), ("p", "; ".join(R.sample(MEDS, 4)) + "."),
                       ("h", "Suivi"), ("p", "Revoir en clinique externe dans %d semaines. Prise de sang dans 7 jours." % R.randint(2, 8)),
                       ("sig", s["full"] + ", " + s["role"])]}

def pos_referral(e, en=False):
    p = P(); spec = R.choice(["Cardiologie", "Gastro-entérologie", "Neurologie", "Orthopédie", "Psychiatrie", "Pneumologie"])
    return {"title": "Demande de consultation — " + spec, "org": e[0],
            "blocks": [("kv", [("Nom et prénom", p.name(1)), ("Date de naissance", p.dob()), ("NAM", p.nam()),
                               ("Téléphone", "%d-555-%04d" % (R.choice([418, 514, 819, 450]), R.randint(0, 9999))),
                               ("Priorité", R.choice(["A (3 jours)", "B (10 jours)", "C (28 jours)", "D (3 mois)"]))]),
                       ("h", "Raison de la consultation"), ("p", R.choice(DX).capitalize() + ". " + R.choice(
                           ["Symptômes progressifs depuis 6 mois.", "Échec du traitement de première intention.",
                            "Demande d'avis sur la conduite à tenir.", "Investigation complémentaire requise."])),
                       ("h", "Médication actuelle"), ("p", "; ".join(R.sample(MEDS, 3))),
                       ("sig", "Référent : " + staff(True)["full"] + " — permis %d-%05d" % (R.randint(1, 2), R.randint(0, 99999)))]}

def pos_rx(e, en=False):
    p = P(); s = staff(True)
    return {"title": "Ordonnance", "org": e[0],
            "blocks": [("kv", [("Patient", p.name(0)), ("DDN", p.dob()), ("Assurance maladie", p.nam())]),
                       ("p", "\n".join("Rx %d) %s — Qté : %d — Renouv. : %d" % (i + 1, m, R.randint(14, 90), R.randint(0, 5))
                                       for i, m in enumerate(R.sample(MEDS, R.randint(2, 4))))),
                       ("sig", s["full"] + "   No de permis : %d%04d   Date : %s" % (R.randint(1, 2), R.randint(0, 9999), fmt_date()))]}

def pos_consult_en(e, en=True):
    p = P(); dx = R.choice(DX_EN)
    return {"title": "Consultation Note — Internal Medicine", "org": e[0], "en": True,
            "blocks": [("kv", [("Patient", p.first + " " + p.last), ("DOB", p.dob(True)), idline(p, True), ("Date seen", fmt_date(True))]),
                       ("h", "History of present illness"), ("p", "%d-year-old %s presenting with %s. %s" % (p.age, "woman" if p.sex == "F" else "man", dx,
                                                                R.choice(["Symptoms started 3 days ago.", "Known to our service since 2019.", "Referred by the ED physician."]))),
                       ("h", "Assessment and plan"), ("p", "1. " + dx.capitalize() + ". Continue current management.\n2. Repeat bloodwork in 48 h.\n3. Follow-up in clinic."),
                       ("sig", staff(True)["full"] + ", MD")]}

def pos_imaging(e, en=False):
    p = P(); ex = R.choice(["TDM thoracique avec contraste", "IRM cérébrale", "Échographie abdominale", "Radiographie pulmonaire PA et latérale", "Mammographie de dépistage bilatérale"])
    return {"title": "Rapport d'imagerie médicale", "org": e[0],
            "blocks": [("kv", [("Nom", p.name(1)), ("NAM", p.nam()), idline(p), ("Examen", ex), ("Date de l'examen", fmt_date())]),
                       ("h", "Constatations"), ("p", R.choice(["Nodule spiculé de 14 mm au lobe supérieur droit.", "Lésion hyperintense en T2 périventriculaire gauche.",
                                                                "Vésicule biliaire distendue avec paroi épaissie à 5 mm et calculs multiples.", "Opacité alvéolaire basale droite compatible avec une pneumonie."])),
                       ("h", "Conclusion"), ("p", R.choice(["Suspicion de néoplasie. Corrélation clinique et TEP suggérées.", "Compatible avec une cholécystite aiguë.", "BI-RADS 4 : biopsie recommandée.", "Pneumonie lobaire inférieure droite."])),
                       ("sig", "Radiologiste : " + staff(True)["full"])]}

def pos_patient_list(e, en=False):
    rows = []
    for i in range(R.randint(5, 9)):
        p = P(); rows.append([str(R.randint(401, 440)) + R.choice("ABCD"), p.last.upper() + ", " + p.first, p.dob(), p.mrn, R.choice(DX)[:38]])
    return {"title": "Liste des patients — Unité " + R.choice(["4 Sud", "6 Est", "Médecine interne", "Gériatrie"]), "org": e[0],
            "blocks": [("p", "Recensement du " + fmt_date() + " à 07:00"), ("table", ["Lit", "Patient", "DDN", "Dossier", "Diagnostic"], rows)]}

def pos_appointments(e, en=False):
    rows = []; h = 8 * 60
    for i in range(R.randint(5, 8)):
        p = P(); h += R.choice([15, 20, 30])
        rows.append(["%02d:%02d" % (h // 60, h % 60), p.name(2), p.nam(1), R.choice(["Suivi HbA1c", "Ajustement insuline", "Pied diabétique", "Nouvelle référence", "Enseignement glucomètre"])])
    return {"title": "Rendez-vous — Clinique de diabète — " + fmt_date(), "org": e[0],
            "blocks": [("table", ["Heure", "Nom", "NAM", "Motif"], rows), ("p", "Salle 2. Nutritionniste disponible en après-midi.")]}

def pos_handover(e, en=False):
    bl = [("p", "Quart de nuit — unité " + R.choice(["3 Ouest", "Soins palliatifs", "Pédiatrie", "Chirurgie"]))]
    for i in range(R.randint(2, 3)):
        p = P()
        bl += [("h", "Ch. %d — %s (%d ans), dossier %s" % (R.randint(101, 130), p.name(0), p.age, p.mrn)),
               ("p", "S : %s. B : %s. A : %s. R : %s." % (R.choice(DX), R.choice(["ATCD HTA, DB2", "ATCD MPOC, tabagisme", "Aucun ATCD significatif"]),
                                                           R.choice(["SV stables, SpO2 94 % AA", "Douleur 6/10 soulagée par hydromorphone", "Confusion nocturne, contention chimique refusée"]),
                                                           R.choice(["glycémie à 02:00", "réévaluer la douleur", "appeler le résident si T > 38,5"])))]
    return {"title": "Relève infirmière (SBAR)", "org": e[0], "blocks": bl}

def pos_medrec(e, en=False):
    p = P(); rows = [[m.split(" PO")[0].split(" SC")[0], m[len(m.split(" PO")[0]):].strip() or "-", R.choice(["Poursuivre", "Cesser", "Modifier", "Suspendre"])] for m in R.sample(MEDS, 5)]
    return {"title": "Bilan comparatif des médicaments (BCM) — admission", "org": e[0],
            "blocks": [("kv", [("Usager", p.name(1)), ("DDN", p.dob()), idline(p), ("Allergies", R.choice(["Pénicilline (urticaire)", "Aucune connue", "Sulfamidés", "Codéine"]))]),
                       ("table", ["Médicament", "Posologie", "Décision"], rows), ("sig", "Pharmacien(ne) : " + staff(False)["full"])]}

def pos_path(e, en=False):
    p = P()
    return {"title": "Requête d'analyse en pathologie", "org": e[0],
            "blocks": [("kv", [("Nom", p.last), ("Prénom", p.first), ("DDN", p.dob()), ("RAMQ", p.nam()), ("Spécimen", R.choice(["Biopsie cutanée dos", "Polype côlon sigmoïde", "Ganglion axillaire gauche", "Endomètre"])),
                               ("Renseignements cliniques", R.choice(["Lésion pigmentée évolutive", "Antécédent de néoplasie colique", "Saignement post-ménopausique"]))]),
                       ("sig", "Prélevé par : " + staff(True)["full"] + " le " + fmt_date())]}

def pos_nam_only(e, en=False):
    p = P()
    return {"title": "Vérification d'admissibilité", "org": e[0],
            "blocks": [("p", "Numéro d'assurance maladie à vérifier auprès de la RAMQ :"), ("kv", [("NAM", p.nam()), ("Expiration", "%02d/%d" % (R.randint(1, 12), R.randint(2025, 2029)))]),
                       ("p", "Merci de confirmer la couverture avant le rendez-vous.")]}

def pos_ed_en(e, en=True):
    p = P()
    return {"title": "Emergency Department — Triage Record", "org": e[0], "en": True,
            "blocks": [("kv", [("Name", p.last + ", " + p.first), ("Date of birth", p.dob(True)), ("Health card", p.nam()), ("CTAS", str(R.randint(1, 5))),
                               ("Chief complaint", R.choice(["chest pain radiating to left arm", "shortness of breath", "fall with head injury", "abdominal pain RLQ"])),
                               ("Vitals", "BP %d/%d  HR %d  SpO2 %d%%" % (R.randint(100, 180), R.randint(60, 100), R.randint(55, 130), R.randint(88, 99)))]),
                       ("sig", "Triage nurse: " + staff(False)["full"])]}

def pos_wound(e, en=False):
    p = P()
    return {"title": "Photo de plaie", "org": e[0], "wound": True, "blocks": [("kv", [("Usager", p.name(1)), idline(p), ("Site", R.choice(["Sacrum", "Talon gauche", "Malléole droite", "Abdomen (incision)"])),
                                                                                   ("Date", fmt_date()), ("Stade", R.choice(["2", "3", "4", "Non classable"]))])]}

POS_GENS = [pos_lab, pos_discharge, pos_referral, pos_rx, pos_consult_en, pos_imaging, pos_patient_list,
            pos_appointments, pos_handover, pos_medrec, pos_path, pos_nam_only, pos_ed_en]

def blankv(): return R.choice(["", "____________________", "__________", "[ ]"])

def neg_blank(e, en=False):
    return {"title": R.choice(["Demande de consultation — formulaire vierge", "Requête de laboratoire (gabarit)", "Formulaire AH-223 — modèle"]), "org": e[0],
            "blocks": [("kv", [("Nom", blankv()), ("Prénom", blankv()), ("Date de naissance (AAAA-MM-JJ)", blankv()), ("NAM", "____ ____ ____"),
                               ("No dossier", blankv()), ("Diagnostic", blankv()), ("Médecin référent", blankv())]),
                       ("p", "Remplir en lettres moulées. Joindre les résultats pertinents. Télécopier au service central des rendez-vous.")]}

def neg_stats(e, en=False):
    rows = [[u, str(R.randint(300, 4000)), "%d,%d h" % (R.randint(4, 30), R.randint(0, 9)), "%d %%" % R.randint(70, 130)] for u in R.sample(
        ["Urgence", "Médecine 4N", "Chirurgie 3S", "Gériatrie", "Pédiatrie", "Obstétrique", "Soins intensifs", "Psychiatrie"], 6)]
    return {"title": "Tableau de bord — indicateurs " + R.choice(MOIS) + " 2024", "org": e[0],
            "blocks": [("table", ["Secteur", "Visites", "DMS", "Taux d'occupation"], rows),
                       ("p", "Données agrégées, aucune donnée nominative. Source : entrepôt de données, extraction du %s." % fmt_date())]}

def neg_schedule(e, en=False):
    rows = []
    for i in range(R.randint(5, 8)):
        s = staff(False); rows.append([s["first"] + " " + s["last"], str(R.randint(100000, 999999))] + [R.choice(["J", "S", "N", "—", "J", "C"]) for _ in range(7)])
    return {"title": "Horaire du personnel — " + R.choice(["Unité 3 Sud", "Bloc opératoire", "Urgence", "CHSLD Les Pins"]) + " — semaine du " + fmt_date(), "org": e[0],
            "blocks": [("table", ["Employé", "Matricule", "L", "M", "M", "J", "V", "S", "D"], rows), ("p", "J = jour 7h30-15h30, S = soir, N = nuit, C = congé.")]}

def neg_oncall(e, en=False):
    rows = [["%d %s" % (d, R.choice(MOIS[2:4])), staff(True)["full"], "%d-%04d" % (R.randint(300, 399), R.randint(0, 9999)), "poste %d" % R.randint(2000, 7999)] for d in range(1, R.randint(6, 9))]
    return {"title": "Liste de garde — " + R.choice(["Médecine interne", "Anesthésie", "Pédiatrie", "Psychiatrie"]), "org": e[0],
            "blocks": [("table", ["Date", "Médecin de garde", "Téléavertisseur", "Poste"], rows), ("p", "Échanges de garde à signaler à l'agente administrative avant jeudi midi.")]}

def neg_invoice(e, en=False):
    rows = []
    for i in range(R.randint(4, 7)):
        code = "".join(R.choice("ABCDEFGHJKLMNPRSTUVW") for _ in range(4)) + " %04d %04d" % (R.randint(0, 9999), R.randint(0, 9999))
        rows.append([code, R.choice(["Gants nitrile M (boîte 100)", "Cathéter IV 20G", "Pansement mousse 10x10", "Seringue 10 mL", "Tubulure pompe volumétrique", "Masque N95 taille S"]), str(R.randint(1, 40)), "%d,%02d $" % (R.randint(5, 400), R.randint(0, 99))])
    return {"title": "Facture no %d" % R.randint(200000, 999999), "org": "Distributions Médicales Boréal inc.",
            "blocks": [("kv", [("Client", e[0]), ("No de commande", "PO-%d" % R.randint(4500000000, 4599999999)), ("Date", fmt_date()), ("Compte", "%07d" % R.randint(0, 9999999))]),
                       ("table", ["Code article", "Description", "Qté", "Montant"], rows), ("p", "TPS 123456789 RT0001 — TVQ 1234567890 TQ0001. Payable 30 jours.")]}

def neg_employees(e, en=False):
    rows = [[s["last"] + ", " + s["first"], str(R.randint(10000, 999999)).zfill(6), s["role"], fmt_date()] for s in [staff(None) for _ in range(R.randint(5, 8))]]
    return {"title": "Formation RCR / DEA — liste de présence", "org": e[0],
            "blocks": [("table", ["Nom", "No employé", "Titre d'emploi", "Date de recertification"], rows), ("p", "Local B-214. Apporter votre carte d'employé.")]}

def neg_training(e, en=False):
    return {"title": "Aide-mémoire — saisie d'une requête dans le DCI", "org": e[0],
            "blocks": [("p", "Étape 1 : rechercher l'usager par son NAM (format : XXXX 0000 0000)."),
                       ("kv", [("Nom de l'usager", "[NOM, Prénom]"), ("Date de naissance", "AAAA-MM-JJ"), ("No dossier", "0000000"), ("Diagnostic", "<texte libre>")]),
                       ("p", "Étape 2 : valider les allergies. Étape 3 : imprimer l'étiquette. Ne jamais utiliser de vraies données en environnement de formation.")]}

def neg_newsletter(e, en=False):
    s = staff(None)
    return {"title": "L'Écho du " + e[0].split(" ")[0] + " — infolettre " + R.choice(MOIS), "org": e[0],
            "blocks": [("h", "Campagne de vaccination antigrippale"), ("p", "La campagne débute le %s. %d employés ont déjà reçu leur dose." % (fmt_date(), R.randint(200, 2000))),
                       ("h", "Nouvel appareil d'IRM"), ("p", "Le nouvel appareil 3 T réduira les délais d'attente en imagerie de %d %%." % R.randint(10, 40)),
                       ("h", "Reconnaissance"), ("p", "Bravo à %s, %s, pour ses 25 ans de service aux soins palliatifs." % (s["full"], s["role"]))]}

def neg_policy(e, en=False):
    return {"title": "Politique — transmission des renseignements de santé par courriel", "org": e[0],
            "blocks": [("h", "1. Objet"), ("p", "Encadrer l'envoi de renseignements personnels et de santé vers des destinataires externes."),
                       ("h", "2. Règles"), ("p", "Tout envoi contenant un nom d'usager, une date de naissance, un NAM ou un numéro de dossier doit être chiffré. Le diagnostic ne doit jamais apparaître dans l'objet."),
                       ("h", "3. Responsabilités"), ("p", "Le responsable de la sécurité de l'information veille à l'application de la présente politique. Entrée en vigueur : " + fmt_date() + ".")]}

def neg_minutes(e, en=False):
    att = ", ".join(staff(None)["full"] for _ in range(4))
    return {"title": "Compte rendu — Comité de prévention des infections", "org": e[0],
            "blocks": [("kv", [("Date", fmt_date()), ("Présents", att)]),
                       ("p", "1. Taux de C. difficile : %d,%d / 10 000 jours-présence (cible 3,0)." % (R.randint(1, 5), R.randint(0, 9))),
                       ("p", "2. Audit hygiène des mains : conformité %d %%. 3. Révision de la procédure d'isolement contact pour les ERV." % R.randint(55, 95)),
                       ("p", "Prochaine rencontre : " + fmt_date())]}

def neg_conference(e, en=False):
    rows = []; h = 8 * 60 + 30
    for t in R.sample(["Prise en charge du diabète de type 2 en 2024", "Nouveautés en insuffisance cardiaque", "Délirium chez l'aîné hospitalisé",
                       "Antibiogouvernance à l'urgence", "Soins de plaies complexes", "Douleur chronique et opioïdes", "Dépistage du cancer colorectal"], 5):
        rows.append(["%02d:%02d" % (h // 60, h % 60), staff(True)["full"], t]); h += 45
    return {"title": "Programme — Journée scientifique annuelle", "org": e[0],
            "blocks": [("p", "Auditorium principal, " + fmt_date() + ". Activité reconnue : 6 heures de crédits de catégorie 1."), ("table", ["Heure", "Conférencier", "Titre"], rows)]}

def neg_equipment(e, en=False):
    rows = [[x, "SN%s%06d" % (R.choice(["A", "K", "X"]), R.randint(0, 999999)), "INV-%06d" % R.randint(0, 999999), fmt_date()] for x in R.sample(
        ["Pompe volumétrique", "Moniteur multiparamétrique", "Défibrillateur", "Lève-personne", "Échographe portatif", "Bladder scan", "Lit électrique"], 5)]
    return {"title": "Inventaire des équipements biomédicaux — " + R.choice(["Bloc opératoire", "Urgence", "USI"]), "org": e[0],
            "blocks": [("table", ["Équipement", "No de série", "No inventaire", "Dernière calibration"], rows)]}

def neg_drugs(e, en=False):
    rows = [[m.split(" PO")[0].split(" SC")[0].split(" 2 inh")[0], "%08d" % R.randint(0, 99999999), "L%d%s" % (R.randint(1000, 9999), R.choice("ABCK")), "%d-%02d" % (R.randint(2025, 2027), R.randint(1, 12)), str(R.randint(0, 120))] for m in R.sample(MEDS, 6)]
    return {"title": "Inventaire — armoire décentralisée " + R.choice(["4N", "5S", "Urgence B"]), "org": e[0],
            "blocks": [("table", ["Médicament", "DIN", "Lot", "Exp.", "Qté"], rows), ("p", "Décompte effectué par : " + staff(False)["full"])]}

def neg_case(e, en=False):
    return {"title": "Cas clinique pour la formation des résidents", "org": e[0],
            "blocks": [("p", "Homme de %d ans, connu pour %s, se présente avec %s. Aucune donnée nominative : cas fictif composite." % (R.randint(40, 85), R.choice(DX), R.choice(["dyspnée", "douleur thoracique", "fièvre"]))),
                       ("p", "Questions : 1) diagnostic différentiel; 2) investigation; 3) plan de traitement.")]}

NEG_GENS = [neg_blank, neg_stats, neg_schedule, neg_oncall, neg_invoice, neg_employees, neg_training, neg_newsletter,
            neg_policy, neg_minutes, neg_conference, neg_equipment, neg_drugs, neg_case]

# ------------------------------------------------------------------ text renderers
def to_text(doc):
    out = [doc.get("org", ""), doc["title"], "=" * len(doc["title"]), ""]
    for b in doc["blocks"]:
        if b[0] == "kv":
            out += ["%s : %s" % (k, v) for k, v in b[1]] + [""]
        elif b[0] == "table":
            out.append(" | ".join(b[1])); out += [" | ".join(r) for r in b[2]]; out.append("")
        elif b[0] == "h":
            out += [b[1].upper()]
        else:
            out += [b[1], ""]
    return "\n".join(out).strip() + "\n"

def esc(s): return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def to_html(doc):
    h = ["<h2>%s</h2>" % esc(doc["title"])]
    for b in doc["blocks"]:
        if b[0] == "kv":
            h.append("<table>" + "".join("<tr><td><b>%s</b></td><td>%s</td></tr>" % (esc(k), esc(v)) for k, v in b[1]) + "</table>")
        elif b[0] == "table":
            h.append("<table border=1 cellpadding=3><tr>" + "".join("<th>%s</th>" % esc(c) for c in b[1]) + "</tr>" +
                     "".join("<tr>" + "".join("<td>%s</td>" % esc(c) for c in r) + "</tr>" for r in b[2]) + "</table>")
        elif b[0] == "h":
            h.append("<h3>%s</h3>" % esc(b[1]))
        else:
            h.append("<p>%s</p>" % esc(b[1]).replace("\n", "<br>"))
    return "\n".join(h)

def table_rows(doc):
    kv = None
    for b in doc["blocks"]:
        if b[0] == "table":
            return [b[1]] + b[2]
        if b[0] == "kv":
            kv = b[1]
    if kv is None:
        return [[doc["title"]]] + [[l] for b in doc["blocks"] for l in b[1].split("\n") if b[0] in ("p", "h", "sig")]
    return [[k for k, v in kv], [v for k, v in kv]]

# ------------------------------------------------------------------ image renderers
def wrap(d, text, f, width):
    lines = []
    for para in text.split("\n"):
        cur = ""
        for w in para.split(" "):
            t = (cur + " " + w).strip()
            if d.textlength(t, font=f) <= width:
                cur = t
            else:
                if cur: lines.append(cur)
                cur = w
                while d.textlength(cur, font=f) > width and len(cur) > 1:
                    k = len(cur)
                    while k > 1 and d.textlength(cur[:k], font=f) > width: k -= 1
                    lines.append(cur[:k]); cur = cur[k:]
        lines.append(cur)
    return lines

class Painter:
    def __init__(self, W, H, margin, fam, size, bg=255, fg=0, mode="L"):
        self.W, self.H, self.m, self.bg, self.fg, self.mode = W, H, margin, bg, fg, mode
        self.f = font(fam, size); self.fb = font(fam + "b" if fam + "b" in FONTS else fam, size)
        self.fs = font(fam, int(size * 0.85)); self.fh = font(fam + "b" if fam + "b" in FONTS else fam, int(size * 1.35))
        self.lh = int(size * 1.45); self.pages = []; self.new()
    def new(self):
        self.img = Image.new(self.mode, (self.W, self.H), self.bg); self.d = ImageDraw.Draw(self.img)
        self.pages.append(self.img); self.y = self.m
    def need(self, h):
        if self.y + h > self.H - self.m: self.new()
    def line(self, t, f=None, x=None):
        f = f or self.f; self.need(self.lh)
        self.d.text((x if x is not None else self.m, self.y), t, font=f, fill=self.fg); self.y += self.lh
    def para(self, t, f=None):
        for l in wrap(self.d, t, f or self.f, self.W - 2 * self.m): self.line(l, f)
        self.y += self.lh // 3
    def doc(self, doc, header=True):
        if header:
            self.line(doc.get("org", ""), self.fb)
            self.d.line([(self.m, self.y), (self.W - self.m, self.y)], fill=self.fg, width=2); self.y += self.lh // 2
            self.line(doc["title"], self.fh); self.y += self.lh // 2
        for b in doc["blocks"]:
            if b[0] == "h": self.y += self.lh // 4; self.line(b[1], self.fb)
            elif b[0] in ("p", "sig"):
                if b[0] == "sig": self.y += self.lh
                self.para(b[1])
            elif b[0] == "kv":
                kw = min(max(self.d.textlength(k + " :", font=self.fb) for k, v in b[1]) + 20, (self.W - 2 * self.m) * 0.45)
                for k, v in b[1]:
                    vl = wrap(self.d, v, self.f, self.W - 2 * self.m - kw) or [""]
                    self.need(self.lh * len(vl))
                    self.d.text((self.m, self.y), k + " :", font=self.fb, fill=self.fg)
                    for l in vl: self.d.text((self.m + kw, self.y), l, font=self.f, fill=self.fg); self.y += self.lh
                self.y += self.lh // 3
            elif b[0] == "table":
                self.table(b[1], b[2])
    def table(self, hdr, rows):
        avail = self.W - 2 * self.m; n = len(hdr); pad = 8
        ws = [max([self.d.textlength(hdr[i], font=self.fb)] + [self.d.textlength(r[i], font=self.fs) for r in rows]) + 2 * pad for i in range(n)]
        tot = sum(ws)
        if tot > avail:
            ws = [w * avail / tot for w in ws]
        for ri, r in enumerate([hdr] + rows):
            f = self.fb if ri == 0 else self.fs
            cells = [wrap(self.d, r[i], f, ws[i] - 2 * pad) for i in range(n)]
            h = max(len(c) for c in cells) * self.lh + 4
            self.need(h); x = self.m
            for i in range(n):
                self.d.rectangle([x, self.y, x + ws[i], self.y + h], outline=self.fg, width=1)
                for j, l in enumerate(cells[i]): self.d.text((x + pad, self.y + 2 + j * self.lh), l, font=f, fill=self.fg)
                x += ws[i]
            self.y += h
        self.y += self.lh // 2

def wound_photo(doc, W=900, H=700):
    img = Image.new("RGB", (W, H), (214, 170, 140)); d = ImageDraw.Draw(img)
    for i in range(0, H, 4): d.line([(0, i), (W, i)], fill=(214 - i // 30, 168 - i // 25, 138 - i // 30))
    cx, cy = R.randint(300, 500), R.randint(200, 280)
    d.ellipse([cx - 120, cy - 80, cx + 120, cy + 80], fill=(150, 40, 45)); d.ellipse([cx - 70, cy - 40, cx + 60, cy + 45], fill=(190, 150, 90))
    d.rectangle([40, 40, 560, 80], fill=(250, 250, 240))
    for k in range(0, 52): d.line([(40 + k * 10, 40), (40 + k * 10, 55 if k % 5 else 70)], fill=0)
    card_y = 420; d.rectangle([40, card_y, W - 40, H - 30], fill=(255, 255, 255), outline=(0, 0, 0), width=3)
    y = card_y + 18; f = font("sansb", 28)
    for k, v in doc["blocks"][0][1]:
        d.text((65, y), "%s : %s" % (k, v), font=f, fill=(10, 10, 60)); y += 42
    return img

def page_images(doc, dpi=150, fam=None, size=None, mode="L", paper=(8.5, 11)):
    if doc.get("wound"):
        return [wound_photo(doc)]
    W, H = int(paper[0] * dpi), int(paper[1] * dpi)
    fam = fam or R.choice(["serif", "sans", "mono", "cond"])
    size = size or int(dpi * R.uniform(0.15, 0.19))
    p = Painter(W, H, int(dpi * 0.7), fam, size, mode=mode)
    p.doc(doc)
    return p.pages

def degrade(img, rng=R):
    img = img.convert("L")
    ang = rng.uniform(-1.8, 1.8)
    img = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=250)
    px = img.load(); W, H = img.size
    for _ in range(W * H // 5000):
        x, y = rng.randrange(W), rng.randrange(H); px[x, y] = rng.choice([60, 120, 200])
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    return img.point(lambda v: int(v * 0.88 + 20))

def jpeg(img, q=60, exif=None):
    b = io.BytesIO()
    if exif is not None: img.save(b, "JPEG", quality=q, exif=exif, dpi=(150, 150))
    else: img.save(b, "JPEG", quality=q, dpi=(150, 150))
    return b.getvalue()

def png(img):
    b = io.BytesIO(); img.save(b, "PNG", optimize=True); return b.getvalue()

THEMES = [((0, 84, 147), (235, 241, 248), (255, 255, 255), (20, 20, 20)), ((40, 40, 48), (60, 63, 70), (30, 32, 36), (225, 225, 225)),
          ((0, 120, 90), (230, 244, 238), (250, 252, 250), (15, 30, 25)), ((120, 30, 60), (245, 236, 240), (255, 255, 255), (30, 10, 20)),
          ((70, 70, 70), (220, 220, 220), (240, 240, 232), (0, 0, 0))]

def screenshot(doc, app):
    th = R.choice(THEMES); bar, side, bg, fg = th
    W = R.choice([1280, 1366, 1440]); fam = R.choice(["sans", "cond", "mono", "serif"]); size = R.randint(20, 25)
    p = Painter(W - 260, 3000, 30, fam, size, bg=bg, fg=fg, mode="RGB"); p.doc(doc, header=False)
    ch = max(560, p.y + 40); H = ch + 110
    img = Image.new("RGB", (W, H), bg); d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 40], fill=bar); d.text((14, 8), app + " — " + doc["title"], font=font("sansb", 20), fill=(255, 255, 255))
    for i, c in enumerate([(230, 80, 70), (240, 190, 60), (90, 190, 90)]): d.ellipse([W - 100 + i * 30, 12, W - 84 + i * 30, 28], fill=c)
    d.rectangle([0, 40, W, 78], fill=side)
    mx = 14
    for m in R.choice([["Fichier", "Édition", "Usager", "Résultats", "Ordonnances", "Aide"], ["Accueil", "Recherche", "Rapports", "Outils"], ["File", "View", "Patient", "Orders", "Help"]]):
        d.text((mx, 48), m, font=font("sans", 20), fill=fg if th[2] != (30, 32, 36) else (220, 220, 220)); mx += int(d.textlength(m, font=font("sans", 20))) + 30
    d.rectangle([0, 78, 250, H], fill=side)
    for i, m in enumerate(R.choice([["Sommaire", "Notes", "Labo", "Imagerie", "Médication", "Documents"], ["Tableau", "Horaire", "Inventaire", "Statistiques"], ["Summary", "Notes", "Results", "Meds"]])):
        d.text((18, 100 + i * 44), m, font=font("sans", 21), fill=fg if th[2] != (30, 32, 36) else (220, 220, 220))
    img.paste(p.pages[0].crop((0, 0, W - 260, ch)), (256, 82))
    d.rectangle([0, H - 28, W, H], fill=side); d.text((10, H - 26), "Connecté : poste %s   %s" % (R.choice(["URG-07", "4N-PC12", "CLIN-03"]), fmt_date()), font=font("sans", 18), fill=fg if th[2] != (30, 32, 36) else (220, 220, 220))
    return img

# ------------------------------------------------------------------ PDF
def pdf_str(s):
    try:
        b = s.encode("latin-1")
        return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    except UnicodeEncodeError:
        return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"

def pdf_build(objs, root=1, info=None):
    out = io.BytesIO(); out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"); offs = []
    for i, o in enumerate(objs):
        offs.append(out.tell()); out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
    x = out.tell(); n = len(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % n + b"".join(b"%010d 00000 n \n" % o for o in offs))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, root, x))
    return out.getvalue()

def stream(d, data): return d + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

def image_pdf(pages, bilevel=False):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None]; kids = []
    for img in pages:
        img = img.convert("L"); w, h = img.size
        if bilevel:
            import zlib
            raw = img.point(lambda v: 255 if v > 160 else 0).convert("1").tobytes()
            objs.append(stream(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode" % (w, h), zlib.compress(raw, 9)))
        else:
            objs.append(stream(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" % (w, h), jpeg(img, 42)))
        im = len(objs)
        cs = b"q 612 0 0 792 0 0 cm /Im0 Do Q"; objs.append(stream(b"<<", cs)); c = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (im, c)); kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_build(objs)

def form_pdf(title, org, fields):
    """fields: list of (label, name, value or None, kind) kind 'tx' or 'cb'"""
    objs = [b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>", b"", b"",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    def t(s): return pdf_str(s.encode("cp1252", "replace").decode("latin-1"))
    cs = [b"BT /F2 11 Tf 50 750 Td " + t(org) + b" Tj ET", b"BT /F2 16 Tf 50 722 Td " + t(title) + b" Tj ET", b"0.5 w 50 712 m 562 712 l S"]
    annots = []; y = 680
    for label, name, val, kind in fields:
        cs.append(b"BT /F1 10 Tf 50 %d Td " % (y + 4) + t(label) + b" Tj ET")
        if kind == "tx":
            cs.append(b"0.6 G 220 %d 330 18 re S 0 G" % y)
            v = b" /V " + pdf_str(val) if val else b""
            objs.append(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + pdf_str(name) + v + b" /Rect [220 %d 550 %d] /F 4 /DA (/Helv 10 Tf 0 g) /P 6 0 R >>" % (y, y + 18))
        else:
            cs.append(b"220 %d 12 12 re S" % (y + 2))
            v = b" /V /Oui /AS /Oui" if val else b" /V /Off /AS /Off"
            objs.append(b"<< /Type /Annot /Subtype /Widget /FT /Btn /T " + pdf_str(name) + v + b" /Rect [220 %d 232 %d] /F 4 /P 6 0 R >>" % (y + 2, y + 14))
        annots.append(len(objs)); y -= 30
    objs.append(b""); page = len(objs)
    assert page == 6 + len(annots)
    # reorder: page must be object 6 -> rebuild with page first after fonts
    body = objs[5:5 + len(annots)]
    objs = objs[:5] + [None] + body
    objs.append(stream(b"<<", b"\n".join(cs))); c = len(objs)
    ar = b"[" + b" ".join(b"%d 0 R" % (7 + i) for i in range(len(annots))) + b"]"
    objs[5] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents %d 0 R /Annots %s >>" % (c, ar)
    objs[1] = b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>"
    objs[2] = b"<< /Fields %s /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>" % ar
    return pdf_build(objs)

# ------------------------------------------------------------------ OOXML
ZD = (2024, 3, 1, 9, 0, 0)
def zbytes(files, nested_dates=ZD):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files:
            zi = zipfile.ZipInfo(n, nested_dates); zi.compress_type = zipfile.ZIP_DEFLATED; zi.external_attr = 0o644 << 16
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return b.getvalue()

XH = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
RELNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

def wp(t, bold=False):
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % ("<w:rPr><w:b/></w:rPr>" if bold else "", esc(t))

def doc_paras(doc):
    out = [wp(doc["title"], True)]
    for line in to_text(doc).split("\n")[4:]:
        out.append(wp(line))
    return "".join(out)

def docx(body_xml, parts=None, image=None):
    """parts: dict with optional header, footer, comments, footnotes (xml strings of paragraphs)"""
    parts = parts or {}
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>',
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>']
    rels = []; files = []; sect = ""
    kinds = {"header": ("header", "hdr"), "footer": ("footer", "ftr"), "comments": ("comments", "comments"), "footnotes": ("footnotes", "footnotes")}
    for k, xml in parts.items():
        tag = {"header": "w:hdr", "footer": "w:ftr", "comments": "w:comments", "footnotes": "w:footnotes"}[k]
        files.append(("word/%s1.xml" % k if k in ("header", "footer") else "word/%s.xml" % k, XH + "<%s %s>%s</%s>" % (tag, W_NS, xml, tag)))
        pn = files[-1][0]
        ct.append('<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.%s+xml"/>' % (pn, k))
        rid = "rId%d" % (len(rels) + 10)
        rels.append('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' % (rid, RELNS, k, pn[5:]))
        if k == "header": sect += '<w:headerReference w:type="default" r:id="%s"/>' % rid
        if k == "footer": sect += '<w:footerReference w:type="default" r:id="%s"/>' % rid
    if image:
        data, w, h = image; files.append(("word/media/image1.png", data))
        rels.append('<Relationship Id="rIdImg" Type="%s/image" Target="media/image1.png"/>' % RELNS)
        cx = 5486400; cy = int(cx * h / w)
        body_xml += ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="%d" cy="%d"/><wp:docPr id="1" name="Image 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                     '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                     '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>') % (cx, cy, cx, cy)
    files = [("[Content_Types].xml", XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"),
             ("_rels/.rels", XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' % RELNS),
             ("word/document.xml", XH + "<w:document %s><w:body>%s<w:sectPr>%s</w:sectPr></w:body></w:document>" % (W_NS, body_xml, sect)),
             ("word/_rels/document.xml.rels", XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>")] + files
    return zbytes(files)

def col(i):
    s = ""
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s

def sheet_xml(rows, extra=""):
    x = []
    for ri, r in enumerate(rows):
        x.append('<row r="%d">' % (ri + 1) + "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(ci), ri + 1, esc(v)) for ci, v in enumerate(r)) + "</row>")
    return XH + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheetData>%s</sheetData>%s</worksheet>' % (RELNS, "".join(x), extra)

def xlsx(sheets, comments=None, image=None):
    """sheets: list of (name, rows, state) ; comments: list of (cellref, author, text) on sheet1"""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    files = []; wbrels = []; sh = []
    for i, (name, rows, state) in enumerate(sheets):
        extra = ""; srels = []
        if i == 0 and comments:
            files.append(("xl/comments1.xml", XH + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>%s</authors><commentList>%s</commentList></comments>' % (
                "".join("<author>%s</author>" % esc(a) for a in sorted(set(c[1] for c in comments))),
                "".join('<comment ref="%s" authorId="%d"><text><r><t>%s</t></r></text></comment>' % (c[0], sorted(set(x[1] for x in comments)).index(c[1]), esc(c[2])) for c in comments))))
            ct.append('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>')
            files.append(("xl/drawings/vmlDrawing1.vml", '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
                          "".join('<v:shape type="#_x0000_t202" style="visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>%d</x:Row><x:Column>0</x:Column></x:ClientData></v:shape>' % k for k in range(len(comments))) + "</xml>"))
            srels += ['<Relationship Id="rC1" Type="%s/comments" Target="../comments1.xml"/>' % RELNS, '<Relationship Id="rV1" Type="%s/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>' % RELNS]
            extra += '<legacyDrawing r:id="rV1"/>'
        if i == 0 and image:
            data, w, h = image
            files.append(("xl/media/image1.png", data))
            files.append(("xl/drawings/drawing1.xml", XH + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s"><xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="%d" cy="%d"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rI1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>' % (RELNS, len(rows) + 2, w * 9525, h * 9525)))
            files.append(("xl/drawings/_rels/drawing1.xml.rels", XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rI1" Type="%s/image" Target="../media/image1.png"/></Relationships>' % RELNS))
            ct.append('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
            srels.append('<Relationship Id="rD1" Type="%s/drawing" Target="../drawings/drawing1.xml"/>' % RELNS)
            extra = '<drawing r:id="rD1"/>' + extra
        files.append(("xl/worksheets/sheet%d.xml" % (i + 1), sheet_xml(rows, extra)))
        if srels:
            files.append(("xl/worksheets/_rels/sheet%d.xml.rels" % (i + 1), XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(srels) + "</Relationships>"))
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1))
        wbrels.append('<Relationship Id="rS%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, RELNS, i + 1))
        sh.append('<sheet name="%s" sheetId="%d"%s r:id="rS%d"/>' % (esc(name), i + 1, ' state="%s"' % state if state else "", i + 1))
    files = [("[Content_Types].xml", XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"),
             ("_rels/.rels", XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % RELNS),
             ("xl/workbook.xml", XH + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets>%s</sheets></workbook>' % (RELNS, "".join(sh))),
             ("xl/_rels/workbook.xml.rels", XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(wbrels) + "</Relationships>")] + files
    return zbytes(files)

P_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"' % RELNS
def sp_txt(id_, lines, y=1000000, ph=None):
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Texte %d"/><p:cNvSpPr txBox="1"/><p:nvPr>%s</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="600000" y="%d"/><a:ext cx="7900000" cy="1200000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp>'
            % (id_, id_, '<p:ph type="%s"/>' % ph if ph else "", y, "".join('<a:p><a:r><a:rPr lang="fr-CA"/><a:t>%s</a:t></a:r></a:p>' % esc(l) for l in lines)))

def pptx(slides):
    """slides: list of dict(lines=[...], notes=[...] or None, image=(data,w,h) or None)"""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>',
          '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>',
          '<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>',
          '<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>',
          '<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>']
    empty_tree = '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>%s</p:spTree></p:cSld>'
    theme = XH + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements><a:clrScheme name="O"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="O"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="O"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>'
    rel = lambda items: XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' % it for it in items) + "</Relationships>"
    files = [("ppt/theme/theme1.xml", theme),
             ("ppt/slideMasters/slideMaster1.xml", XH + '<p:sldMaster %s>%s<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>' % (P_NS, empty_tree % "")),
             ("ppt/slideMasters/_rels/slideMaster1.xml.rels", rel([("rId1", RELNS, "slideLayout", "../slideLayouts/slideLayout1.xml"), ("rId2", RELNS, "theme", "../theme/theme1.xml")])),
             ("ppt/slideLayouts/slideLayout1.xml", XH + '<p:sldLayout %s type="blank">%s<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>' % (P_NS, empty_tree % "")),
             ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", rel([("rId1", RELNS, "slideMaster", "../slideMasters/slideMaster1.xml")]))]
    prels = [("rId1", RELNS, "slideMaster", "slideMasters/slideMaster1.xml")]; sids = []
    if any(s.get("notes") for s in slides):
        files += [("ppt/notesMasters/notesMaster1.xml", XH + '<p:notesMaster %s>%s<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>' % (P_NS, empty_tree % "")),
                  ("ppt/notesMasters/_rels/notesMaster1.xml.rels", rel([("rId1", RELNS, "theme", "../theme/theme1.xml")]))]
        ct.append('<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>')
        prels.append(("rIdNM", RELNS, "notesMaster", "notesMasters/notesMaster1.xml"))
    for i, s in enumerate(slides, 1):
        shapes = sp_txt(2, s["lines"][:1], 400000) + sp_txt(3, s["lines"][1:], 1700000)
        srel = [("rId1", RELNS, "slideLayout", "../slideLayouts/slideLayout1.xml")]
        if s.get("image"):
            data, w, h = s["image"]; files.append(("ppt/media/image%d.png" % i, data)); srel.append(("rId2", RELNS, "image", "../media/image%d.png" % i))
            cx = 6000000; cy = min(int(cx * h / w), 4300000); cx = int(cy * w / h)
            shapes += '<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="1500000" y="2200000"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>' % (cx, cy)
        if s.get("notes"):
            files.append(("ppt/notesSlides/notesSlide%d.xml" % i, XH + '<p:notes %s>%s</p:notes>' % (P_NS, empty_tree % sp_txt(2, s["notes"], 5000000, "body"))))
            files.append(("ppt/notesSlides/_rels/notesSlide%d.xml.rels" % i, rel([("rId1", RELNS, "notesMaster", "../notesMasters/notesMaster1.xml"), ("rId2", RELNS, "slide", "../slides/slide%d.xml" % i)])))
            ct.append('<Override PartName="/ppt/notesSlides/notesSlide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>' % i)
            srel.append(("rId3", RELNS, "notesSlide", "../notesSlides/notesSlide%d.xml" % i))
        files.append(("ppt/slides/slide%d.xml" % i, XH + '<p:sld %s>%s<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>' % (P_NS, empty_tree % shapes)))
        files.append(("ppt/slides/_rels/slide%d.xml.rels" % i, rel(srel)))
        ct.append('<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>' % i)
        prels.append(("rIdS%d" % i, RELNS, "slide", "slides/slide%d.xml" % i)); sids.append('<p:sldId id="%d" r:id="rIdS%d"/>' % (255 + i, i))
    files = [("[Content_Types].xml", XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + "".join(ct) + "</Types>"),
             ("_rels/.rels", rel([("rId1", RELNS, "officeDocument", "ppt/presentation.xml")])),
             ("ppt/presentation.xml", XH + '<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>%s<p:sldIdLst>%s</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
              % (P_NS, '<p:notesMasterIdLst><p:notesMasterId r:id="rIdNM"/></p:notesMasterIdLst>' if any(s.get("notes") for s in slides) else "", "".join(sids))),
             ("ppt/_rels/presentation.xml.rels", rel(prels))] + files
    return zbytes(files)

# ------------------------------------------------------------------ RTF
def rtf_esc(s, mode):
    o = []
    for ch in s:
        c = ord(ch)
        if ch in "\\{}": o.append("\\" + ch)
        elif ch == "\n": o.append("\\line ")
        elif c < 128: o.append(ch)
        elif mode == 0 and c < 256: o.append("\\'%02x" % c)
        elif mode == 1 or c > 255:
            try: fb = "\\'%02x" % ch.encode("cp1252")[0]
            except UnicodeEncodeError: fb = "?"
            o.append("\\u%d%s" % (c if c < 32768 else c - 65536, fb))
        else: o.append("\\'%02x" % c)
    return "".join(o)

def to_rtf(doc, mode=None):
    mode = R.randint(0, 1) if mode is None else mode
    e = lambda s: rtf_esc(s, mode)
    o = ["{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\fswiss Arial;}}\\viewkind4\\f1\\fs22 "]
    o.append("{\\b\\fs20 %s}\\par {\\b\\fs30 %s}\\par\\par " % (e(doc.get("org", "")), e(doc["title"])))
    for b in doc["blocks"]:
        if b[0] == "kv":
            for k, v in b[1]: o.append("{\\b %s :}\\tab %s\\par " % (e(k), e(v)))
        elif b[0] == "table":
            n = len(b[1]); cw = 9000 // n
            for ri, r in enumerate([b[1]] + b[2]):
                o.append("\\trowd\\trgaph80" + "".join("\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\clbrdrl\\brdrs\\clbrdrr\\brdrs\\cellx%d" % (cw * (i + 1)) for i in range(n)))
                o.append("".join("\\pard\\intbl %s%s%s\\cell " % ("{\\b " if ri == 0 else "", e(c), "}" if ri == 0 else "") for c in r) + "\\row ")
            o.append("\\pard\\par ")
        elif b[0] == "h": o.append("\\par{\\b %s}\\par " % e(b[1]))
        else: o.append("%s\\par " % e(b[1]))
    o.append("}")
    return "".join(o).encode("ascii")

# ------------------------------------------------------------------ flat ODF
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"')
META = '<office:meta><meta:creation-date>2024-02-01T08:30:00</meta:creation-date><dc:date>2024-02-01T08:30:00</dc:date><meta:editing-duration>PT0S</meta:editing-duration><meta:editing-cycles>1</meta:editing-cycles><dc:creator>%s</dc:creator><dc:title>%s</dc:title></office:meta>'

def odf_table(name, rows):
    n = max(len(r) for r in rows)
    return '<table:table table:name="%s"><table:table-column table:number-columns-repeated="%d"/>%s</table:table>' % (esc(name), n, "".join(
        "<table:table-row>" + "".join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(c) for c in r) + "</table:table-row>" for r in rows))

def fodt(doc, author):
    body = ['<text:h text:outline-level="1">%s</text:h>' % esc(doc["title"])]
    for b in doc["blocks"]:
        if b[0] == "kv": body += ["<text:p>%s : %s</text:p>" % (esc(k), esc(v)) for k, v in b[1]]
        elif b[0] == "table": body.append(odf_table("Tableau1", [b[1]] + b[2]))
        elif b[0] == "h": body.append('<text:h text:outline-level="2">%s</text:h>' % esc(b[1]))
        else: body += ["<text:p>%s</text:p>" % esc(l) for l in b[1].split("\n")]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:mimetype="application/vnd.oasis.opendocument.text">%s<office:body><office:text>%s</office:text></office:body></office:document>'
            % (ODF_NS, META % (esc(author), esc(doc["title"])), "".join(body))).encode("utf-8")

def fods(sheets, author, title):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:mimetype="application/vnd.oasis.opendocument.spreadsheet">%s<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>'
            % (ODF_NS, META % (esc(author), esc(title)), "".join(odf_table(n, r) for n, r in sheets))).encode("utf-8")

def fodp(slides, author, title):
    pages = []
    for i, lines in enumerate(slides):
        pages.append('<draw:page draw:name="p%d" draw:master-page-name="Standard"><draw:frame svg:x="1cm" svg:y="1cm" svg:width="24cm" svg:height="15cm"><draw:text-box>%s</draw:text-box></draw:frame></draw:page>'
                     % (i + 1, "".join("<text:p>%s</text:p>" % esc(l) for l in lines)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:mimetype="application/vnd.oasis.opendocument.presentation">%s'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="21cm"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>%s</office:presentation></office:body></office:document>' % (ODF_NS, META % (esc(author), esc(title)), "".join(pages))).encode("utf-8")

# ------------------------------------------------------------------ MIME
def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76)).encode() + b"\r\n"

def fname_params(fn, style):
    try:
        fn.encode("ascii"); return '; name="%s"' % fn, '; filename="%s"' % fn
    except UnicodeEncodeError:
        if style == "2047":
            enc = Header(fn, "utf-8").encode(); return '; name="%s"' % enc, '; filename="%s"' % enc
        from urllib.parse import quote
        return '; name="%s"' % strip(fn), "; filename*=utf-8''%s" % quote(fn)

def leaf(ctype, data, cte="base64", charset=None, filename=None, inline=False, cid=None, fstyle="2231"):
    h = "Content-Type: " + ctype + ('; charset="%s"' % charset if charset else "")
    disp = ""
    if filename:
        np, fp = fname_params(filename, fstyle); h += np
        disp = "Content-Disposition: %s%s\r\n" % ("inline" if inline else "attachment", fp)
    elif inline:
        disp = "Content-Disposition: inline\r\n"
    h += "\r\nContent-Transfer-Encoding: " + cte + "\r\n" + disp
    if cid: h += "Content-ID: <%s>\r\n" % cid
    if cte == "base64": body = b64(data)
    elif cte == "quoted-printable": body = quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n"
    else: body = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n"
    return h.encode() + b"\r\n" + body

BCOUNT = [0]
def multi(sub, parts, extra=""):
    BCOUNT[0] += 1
    bd = "----=_Part_%d_%08X" % (BCOUNT[0], R.getrandbits(32))
    out = ('Content-Type: multipart/%s; boundary="%s"%s\r\n\r\n' % (sub, bd, extra)).encode() + b"This is a multi-part message in MIME format.\r\n"
    for p in parts: out += ("\r\n--%s\r\n" % bd).encode() + p
    return out + ("\r\n--%s--\r\n" % bd).encode()

def txt(s, charset="utf-8", cte=None):
    cte = cte or R.choice(["quoted-printable", "base64", "8bit"])
    return leaf("text/plain", s.encode(charset), cte, charset)

def hdr_val(s, cs="utf-8"):
    try: s.encode("ascii"); return s
    except UnicodeEncodeError:
        try: s.encode(cs)
        except UnicodeEncodeError: cs = "utf-8"
        return Header(s, cs).encode()

MAILERS = ["Microsoft Outlook 16.0", "Mozilla Thunderbird 115.8.0", "Apple Mail (2.3731)", "Zimbra 9.0.0", "Roundcube Webmail/1.6.5", None]
def message(sender, to, subject, body, cc=None, subj_cs="utf-8"):
    day = R.randint(1, 28); mo = R.randint(1, 12)
    wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(day + mo) % 7]
    h = ["From: " + formataddr(sender, "utf-8"), "To: " + formataddr(to, "utf-8")]
    if cc: h.append("Cc: " + formataddr(cc, "utf-8"))
    h += ["Subject: " + hdr_val(subject, subj_cs),
          "Date: %s, %02d %s 2024 %02d:%02d:%02d %s" % (wd, day, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][mo - 1], R.randint(7, 19), R.randint(0, 59), R.randint(0, 59), R.choice(["-0500", "-0400"])),
          "Message-ID: <%08x.%04x@%s>" % (R.getrandbits(32), R.getrandbits(16), sender[1].split("@")[1]), "MIME-Version: 1.0"]
    m = R.choice(MAILERS)
    if m: h.append("X-Mailer: " + m)
    if R.random() < 0.5: h.append("Content-Language: " + R.choice(["fr-CA", "fr-FR", "en-CA"]))
    return ("\r\n".join(h) + "\r\n").encode() + body

def people(e):
    s = staff(None); dom = e[1]
    sender = (s["full"], "%s.%s@%s" % (strip(s["first"]).lower().replace(" ", ""), strip(s["last"]).lower(), dom))
    rf = R.choice(STAFF_F + STAFF_M + GF + GM); rl = R.choice(STAFF_L + SURN[:30])
    to = (rf + " " + rl if R.random() < 0.7 else "", "%s%s@%s" % (strip(rf).lower()[:R.choice([1, 20])].replace("-", ""), strip(rl).lower().replace("'", "").replace(" ", ""), R.choice(EXT)))
    return s, sender, to

OPEN_FR = ["Bonjour,", "Bonjour {n},", "Allô {n},", "Madame, Monsieur,", "Bon matin,", "Salut {n},"]
CLOSE_FR = ["Merci et bonne journée.", "Cordialement,", "Bien à vous,", "Merci de me confirmer la réception.", "Au plaisir,", "Merci!"]
def body_text(s, to, line, en=False):
    n = (to[0].split(" ")[0] if to[0] else "")
    op = R.choice(["Hello,", "Hi {n},", "Good morning,"] if en else OPEN_FR).format(n=n).replace(" ,", ",")
    cl = R.choice(["Thanks,", "Best regards,", "Kind regards,"] if en else CLOSE_FR)
    sig = "%s\n%s\n%s\nTél. : %d-555-%04d poste %d" % (s["full"], s["role"], CUR_E[0][0], R.choice([418, 514, 819, 450, 581]), R.randint(0, 9999), R.randint(1000, 9999))
    if R.random() < 0.4:
        sig += "\n\nAVIS DE CONFIDENTIALITÉ : ce message peut contenir des renseignements confidentiels. S'il vous est parvenu par erreur, veuillez le détruire."
    return "%s\n\n%s\n\n%s\n%s\n" % (op, line, cl, sig)

CUR_E = [None]
POS_LINES = ["Tel que convenu au téléphone, voici le document demandé.", "Je vous transmets le document pour la suite du dossier.",
             "Voir la pièce jointe pour le suivi de demain.", "Ci-joint le document à compléter de votre côté.",
             "Voici ce que j'ai pu récupérer du système, dis-moi si c'est lisible.", "Document numérisé ce matin, en pièce jointe.",
             "Pour votre information, en vue du rendez-vous.", "Comme demandé par la famille, voici la copie."]
NEG_LINES = ["Voici le document pour la rencontre de jeudi.", "Ci-joint la version finale, pour diffusion.", "En pièce jointe, pour information.",
             "Voici le document mis à jour. Merci de le faire circuler.", "Je vous transmets le fichier demandé.", "Pour votre révision avant publication."]

# ------------------------------------------------------------------ corpus
labels = []; CNT = {"positive": 0, "negative": 0}
def save(label, cat, data):
    CNT[label] += 1
    fn = "%03d-%s.eml" % (CNT[label], cat)
    with open(os.path.join(OUT, label, fn), "wb") as f: f.write(data)
    labels.append((label + "/" + fn, label, cat))

def pick(label, i, cat_index):
    gens = POS_GENS if label == "positive" else NEG_GENS
    return gens[(i * 5 + cat_index * 3) % len(gens)]

def ctx(label):
    e = R.choice(EST); CUR_E[0] = e
    s, sender, to = people(e)
    return e, s, sender, to

def subj(doc, label):
    t = doc["title"]
    return R.choice([t, "TR: " + t, "RE: " + t, "Document", t + " (suite)", "Pièce jointe", "Envoi : " + t.split(" — ")[0]])

def simple_attach(label, cat, doc, data, ctype, fname, s, sender, to, bodyline=None, en=False):
    line = bodyline or R.choice(POS_LINES if label == "positive" else NEG_LINES)
    body = multi("mixed", [txt(body_text(s, to, line, en)), leaf(ctype, data, filename=fname)])
    save(label, cat, message(sender, to, subj(doc, label), body))

def docname(doc, ext):
    base = strip(doc["title"].split(" — ")[0]).replace(" ", "_").replace("'", "")[:30]
    return R.choice([base, "scan%04d" % R.randint(0, 9999), "document", "IMG_%04d" % R.randint(1000, 9999), base.lower()]) + "." + ext

def gen_screenshot(label, i, ci):
    e, s, sender, to = ctx(label)
    if label == "positive" or i % 2 == 0:
        doc = pick(label, i, ci)(e)
    else:
        doc = R.choice([{"title": "Recherche d'usager", "org": e[0], "blocks": [("kv", [("NAM", ""), ("Nom", ""), ("Prénom", ""), ("Date de naissance", "AAAA-MM-JJ"), ("No dossier", "")]), ("p", "Aucun usager sélectionné. Saisissez au moins deux critères.")]},
                        {"title": "Ouverture de session", "org": e[0], "blocks": [("kv", [("Utilisateur", "%s%s" % (s["first"][0].lower(), strip(s["last"]).lower())), ("Mot de passe", "••••••••"), ("Domaine", "SANTE-QC")]), ("p", "Version 8.4.2 — environnement de production.")]},
                        {"title": "Erreur d'interface HL7", "org": e[0], "blocks": [("p", "Le serveur d'interface ADT ne répond pas (code 0x80040154). Les messages ORU en file d'attente : %d." % R.randint(5, 400)), ("p", "Contactez le centre de services TI au poste 4357.")]}])
    img = screenshot(doc, R.choice(["DossierSanté+", "MediChart QC", "Clinix", "SIURGE", "OACIS-like Viewer", "ARIA Web"]))
    data = png(img)
    simple_attach(label, "screenshot", doc, data, "image/png", R.choice(["capture.png", "Capture d'écran 2024-%02d-%02d.png" % (R.randint(1, 12), R.randint(1, 28)), "screenshot.png", "image001.png"]), s, sender, to,
                  R.choice(["Voici une capture d'écran de ce que je vois.", "Capture du dossier, comme demandé.", "Screenshot attached.", "L'écran affiche ceci depuis ce matin, voir capture."]))

def gen_scan(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    paper = R.choice([(8.5, 11), (8.5, 11), (5.5, 8.5)]) if not doc.get("wound") else None
    img = page_images(doc, dpi=150, paper=paper or (8.5, 11))[0]
    img = degrade(img) if not doc.get("wound") else img
    orient = R.choice([None, None, 6, 8, 3])
    exif = None
    if orient:
        img = {6: lambda im: im.transpose(Image.ROTATE_90), 8: lambda im: im.transpose(Image.ROTATE_270), 3: lambda im: im.transpose(Image.ROTATE_180)}[orient](img)
        exif = Image.Exif(); exif[0x0112] = orient; exif[0x010F] = R.choice(["Canon", "Apple", "samsung", "RICOH"]); exif[0x0110] = R.choice(["iPhone 12", "SM-G991W", "MP C3004", "DR-C225"])
    data = jpeg(img, R.choice([45, 52, 60]), exif)
    simple_attach(label, "scan", doc, data, "image/jpeg", docname(doc, R.choice(["jpg", "jpeg", "JPG"])), s, sender, to)

def gen_inline(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    if doc.get("wound"): img = wound_photo(doc); data = jpeg(img, 70); ct = "image/jpeg"
    else:
        pg = page_images(doc, dpi=110, fam=R.choice(["sans", "cond"]), size=R.randint(20, 24), paper=(8.5, 11))[0].convert("L")
        bbox = Image.eval(pg, lambda v: 255 - v).getbbox() or (0, 0, pg.width, pg.height)
        img = pg.crop((max(0, bbox[0] - 30), max(0, bbox[1] - 30), min(pg.width, bbox[2] + 30), min(pg.height, bbox[3] + 30)))
        data = png(img); ct = "image/png"
    cid = "image%03d.%s@%08X.%08X" % (R.randint(1, 9), "png" if ct.endswith("png") else "jpg", R.getrandbits(32), R.getrandbits(32))
    line = R.choice(POS_LINES if label == "positive" else NEG_LINES)
    html = "<html><body style='font-family:Calibri,sans-serif'><p>%s</p><p>%s</p><p><img src=\"cid:%s\" width=\"%d\"></p><p>%s<br>%s</p></body></html>" % (
        esc(R.choice(OPEN_FR).format(n=to[0].split(" ")[0] if to[0] else "").replace(" ,", ",")), esc(line), cid, min(800, img.width), esc(s["full"]), esc(s["role"]))
    alt = multi("alternative", [txt(html.replace("<br>", "\n").split("<p><img")[0].replace("<p>", "").replace("</p>", "\n").split("<body")[1].split(">", 1)[1] + "[image]\n"), leaf("text/html", html.encode("utf-8"), "quoted-printable", "utf-8")])
    rel = multi("related", [alt, leaf(ct, data, filename=("image%03d." % R.randint(1, 9)) + ct.split("/")[1] if R.random() < 0.6 else None, inline=True, cid=cid)], '; type="multipart/alternative"')
    save(label, "inline-image", message(sender, to, subj(doc, label), rel))

def logo(e, w, h, bg=(0, 84, 147)):
    img = Image.new("RGB", (w, h), (255, 255, 255)); d = ImageDraw.Draw(img)
    d.ellipse([6, 6, h - 6, h - 6], fill=bg); d.text((h // 2 - 12, h // 2 - 16), e[0][0], font=font("sansb", 28), fill=(255, 255, 255))
    d.text((h + 10, h // 2 - 14), e[0][:34], font=font("sansb", max(16, h // 4)), fill=bg)
    return img

def gen_small(label, i, ci):
    e, s, sender, to = ctx(label)
    kind = i % 6; parts = []; imgs = []
    if kind == 0:
        imgs.append(("logo.png", png(logo(e, 420, 70)), "image/png"))
    elif kind == 1:
        im = Image.new("RGB", (360, 90), (255, 255, 255)); d = ImageDraw.Draw(im)
        d.line([(10, 60), (80, 20), (120, 55), (170, 25), (230, 60)], fill=(20, 20, 90), width=3)
        d.text((10, 66), s["full"] + " — " + s["role"], font=font("sans", 14), fill=(0, 0, 0)); imgs.append(("signature.png", png(im), "image/png"))
    elif kind == 2:
        b = io.BytesIO(); Image.new("P", (1, 1), 0).save(b, "GIF", transparency=0); imgs.append(("pixel.gif", b.getvalue(), "image/gif"))
        imgs.append(("logo_small.png", png(logo(e, 240, 40)), "image/png"))
    elif kind == 3:
        for n, c in [("facebook", (59, 89, 152)), ("linkedin", (0, 119, 181)), ("youtube", (205, 32, 31))]:
            im = Image.new("RGB", (24, 24), c); ImageDraw.Draw(im).text((7, 4), n[0], font=font("sansb", 14), fill=(255, 255, 255)); imgs.append((n + ".png", png(im), "image/png"))
    elif kind == 4:
        im = Image.new("RGB", (600, 80), (0, 120, 90)); ImageDraw.Draw(im).text((16, 24), "Semaine de la sécurité des patients", font=font("sansb", 26), fill=(255, 255, 255))
        imgs.append(("banniere.jpg", jpeg(im, 80), "image/jpeg"))
    else:
        im = Image.new("RGBA", (48, 48), (0, 0, 0, 0)); d = ImageDraw.Draw(im); d.rectangle([18, 6, 30, 42], fill=(200, 0, 0)); d.rectangle([6, 18, 42, 30], fill=(200, 0, 0))
        imgs.append(("icone_sante.png", png(im), "image/png")); imgs.append(("qr.png", png(Image.new("1", (64, 64), 1)), "image/png"))
    cids = ["%s@%08x" % (n, R.getrandbits(32)) for n, _, _ in imgs]
    line = R.choice(["Rappel : la formation sur l'hygiène des mains a lieu mardi au local C-120.", "Voici notre nouvelle signature courriel institutionnelle.",
                     "Merci à toutes et à tous pour votre participation au sondage.", "La clinique sera fermée le 24 juin.", "Notez le changement de numéro de télécopieur du service.",
                     "Bienvenue aux nouveaux employés de la cohorte d'automne."])
    html = "<html><body><p>%s</p><p>%s</p><p>%s<br>%s<br>%s</p>%s</body></html>" % (esc(R.choice(OPEN_FR).format(n="").replace(" ,", ",")), esc(line), esc(s["full"]), esc(s["role"]), esc(e[0]),
                                                                          "".join('<img src="cid:%s" alt="%s">' % (c, n) for c, (n, _, _) in zip(cids, imgs)))
    alt = multi("alternative", [txt(line + "\n\n" + s["full"] + "\n" + e[0] + "\n"), leaf("text/html", html.encode(), "quoted-printable", "utf-8")])
    rel = multi("related", [alt] + [leaf(ct, d, filename=n, inline=True, cid=c) for (n, d, ct), c in zip(imgs, cids)])
    save(label, "small-images", message(sender, to, R.choice(["Rappel", "Nouvelle signature", "Info — fermeture", "Bienvenue!", line[:40]]), rel))

def gen_scanned_pdf(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    pages = page_images(doc, dpi=150, paper=(8.5, 11))
    if len(pages) == 1 and R.random() < 0.4:
        cover = Painter(1275, 1650, 100, "sans", 30); cover.doc({"title": R.choice(["Bordereau d'envoi", "Page couverture"]), "org": e[0], "blocks": [("p", "Nombre de pages : 2"), ("p", "Ce document est confidentiel.")]})
        pages = cover.pages + pages if R.random() < 0.5 else pages + cover.pages
    pages = [degrade(p) for p in pages[:2]]
    simple_attach(label, "scanned-pdf", doc, image_pdf(pages, i % 2 == 1), "application/pdf", docname(doc, "pdf"), s, sender, to)

def gen_fax(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    dpi = 200; W, H = 1728, 2200
    fno = "%d-555-%04d" % (R.choice([418, 514, 819]), R.randint(0, 9999))
    cover = Painter(W, H, 120, R.choice(["sans", "serif"]), 40)
    cover.doc({"title": "TÉLÉCOPIE", "org": e[0], "blocks": [("kv", [("À", to[0] or "Destinataire"), ("De", s["full"]), ("Télécopieur", fno), ("Pages", "2")]), ("p", "Confidentiel. Si vous recevez cette télécopie par erreur, avisez l'expéditeur et détruisez-la.")]})
    if doc.get("wound"): body = [wound_photo(doc).convert("L").resize((1600, 1244))]
    else: body = page_images(doc, dpi=dpi, size=R.randint(34, 40), paper=(W / dpi, H / dpi))
    pages = []
    for k, pg in enumerate(cover.pages[:1] + body[:2]):
        pg = pg.convert("L")
        if pg.size != (W, H):
            c = Image.new("L", (W, H), 255); c.paste(pg, (60, 200)); pg = c
        ImageDraw.Draw(pg).text((40, 20), "%s  %s  DE: %s  P.%d/%d" % (fmt_date(), "%02d:%02d" % (R.randint(7, 18), R.randint(0, 59)), fno, k + 1, len(body[:2]) + 1), font=font("mono", 28), fill=0)
        pages.append(pg)
    bil = R.random() < 0.7
    b = io.BytesIO()
    if bil:
        pages = [p.point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
        pages[0].save(b, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(204, 196))
    else:
        pages = [p.resize((W // 2, H // 2)) for p in pages]
        pages[0].save(b, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(102, 98))
    simple_attach(label, "fax-tiff", doc, b.getvalue(), "image/tiff", "fax_%s.tif" % R.choice(["recu", "%06d" % R.randint(0, 999999), "entrant"]), s, sender, to,
                  R.choice(["Télécopie reçue, transférée pour traitement.", "Fax reçu ce matin, voir pièce jointe.", "Fax forwarded from the central fax server."]))

def small_doc_img(doc):
    if doc.get("wound"): im = wound_photo(doc).resize((720, 560)); return png(im.quantize(64)), im.width, im.height
    pg = page_images(doc, dpi=100, fam="sans", size=20, paper=(8.5, 11))[0]
    bbox = Image.eval(pg, lambda v: 255 - v).getbbox(); im = pg.crop((max(0, bbox[0] - 20), max(0, bbox[1] - 20), bbox[2] + 20, bbox[3] + 20))
    return png(im), im.width, im.height

def neg_chart():
    im = Image.new("RGB", (640, 360), (255, 255, 255)); d = ImageDraw.Draw(im)
    d.text((20, 10), "Visites à l'urgence par mois (2024)", font=font("sansb", 22), fill=0)
    for k in range(12):
        hgt = R.randint(60, 260); d.rectangle([40 + k * 48, 330 - hgt, 72 + k * 48, 330], fill=(0, 84, 147)); d.text((42 + k * 48, 334), MOIS[k][:3], font=font("sans", 14), fill=0)
    return png(im), im.width, im.height

def gen_office_img(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    if label == "positive" or R.random() < 0.6: imd = small_doc_img(doc)
    else: imd = neg_chart()
    kind = i % 3
    vis = R.choice(["Voir l'image ci-dessous.", "Document joint en image.", "Copie du formulaire :", "Capture ci-dessous pour référence."])
    if kind == 0:
        data = docx(wp(R.choice(["Note de transmission", "Transmission de document", "Pour information"]), True) + wp(vis), image=imd); ext, ct = "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == 1:
        data = xlsx([("Feuil1", [["Pièce jointe", vis], ["Préparé par", s["full"]]], None)], image=imd); ext, ct = "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data = pptx([{"lines": ["Présentation", vis]}, {"lines": [R.choice(["Exemple", "Annexe"]), ""], "image": imd}]); ext, ct = "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    simple_attach(label, "office-embedded-image", doc, data, ct, docname(doc, ext), s, sender, to)

def gen_office_hidden(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)   # holds data for the hidden part
    cover = pick("negative", i + 3, ci)(e)  # harmless visible body
    kind = i % 6
    if label == "positive": hidden = [l for l in to_text(doc).split("\n")[3:] if l.strip()][:12]
    else: hidden = R.choice([["Vérifier la mise en page avant impression.", "Version 3 — approuvée par le comité."], ["Réf. : procédure PR-2024-017", "Ne pas modifier les en-têtes."],
                             ["Codes unités : 4N=Médecine, 3S=Chirurgie, 2E=Pédiatrie"], ["Mettre à jour les statistiques du T3.", "Source : tableau de bord MSSS (agrégé)."]])
    hp = "".join(wp(l) for l in hidden)
    if kind in (0, 1, 2, 3):
        vis = doc_paras(cover)
        if kind == 0: data = docx(vis, {"header": hp})
        elif kind == 1:
            data = docx(vis + '<w:p><w:r><w:t>Fin.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
                        {"footer": wp("Page 1"), "footnotes": '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">%s</w:footnote>' % hp})
        elif kind == 2:
            data = docx(vis.replace("</w:p>", '<w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>', 1),
                        {"comments": '<w:comment w:id="0" w:author="%s" w:date="2024-02-01T10:00:00Z" w:initials="%s">%s</w:comment>' % (esc(s["full"]), s["first"][0] + s["last"][0], hp)})
        else:
            ins = "".join('<w:p><w:ins w:id="%d" w:author="%s" w:date="2024-02-02T11:00:00Z"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:ins></w:p>' % (k + 1, esc(s["full"]), esc(l)) for k, l in enumerate(hidden))
            dele = '<w:p><w:del w:id="99" w:author="%s" w:date="2024-02-02T11:00:00Z"><w:r><w:delText>brouillon</w:delText></w:r></w:del></w:p>' % esc(s["full"])
            data = docx(vis + dele + ins) if label == "positive" else docx(vis + ins + dele)
        ext, ct = "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == 4:
        vis_rows = table_rows(cover)
        if R.random() < 0.5 or label == "negative":
            hid_rows = table_rows(doc) if label == "positive" else [["Code", "Unité"], ["4N", "Médecine"], ["3S", "Chirurgie"], ["2E", "Pédiatrie"]]
            data = xlsx([("Sommaire", vis_rows, None), (R.choice(["Données", "Feuil2", "ref"]), hid_rows, R.choice(["hidden", "veryHidden"]))],
                        comments=None if label == "positive" else [("A1", s["full"], "Mettre à jour chaque lundi.")])
        else:
            data = xlsx([("Sommaire", vis_rows, None)], comments=[("A%d" % (k + 2), s["full"], l) for k, l in enumerate(hidden[:5])])
        ext, ct = "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data = pptx([{"lines": [cover["title"]] + [l for l in to_text(cover).split("\n")[4:9] if l], "notes": hidden}, {"lines": ["Questions?", "Merci"], "notes": ["Remercier le comité."]}])
        ext, ct = "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    simple_attach(label, "office-hidden-parts", cover, data, ct, docname(cover, ext), s, sender, to, R.choice(NEG_LINES))

def gen_fillable(label, i, ci):
    e, s, sender, to = ctx(label)
    if label == "positive":
        p = P(); dx = R.choice(DX)
        forms = [("Demande de consultation", [("Nom de l'usager", "nom", p.last, "tx"), ("Prénom", "prenom", p.first, "tx"), ("Date de naissance", "ddn", p.dob(), "tx"), ("NAM", "nam", p.nam(), "tx"), ("Raison", "raison", dx, "tx"), ("Urgent", "urgent", True, "cb")]),
                 ("Formulaire d'admission", [("Nom complet", "Text1", p.name(0), "tx"), ("No de dossier", "Text2", p.mrn, "tx"), ("DDN", "Text3", p.dob(), "tx"), ("Allergies", "Text4", R.choice(["Pénicilline", "Latex", "Aucune"]), "tx"), ("Diagnostic", "Text5", dx, "tx")]),
                 ("Patient Transfer Form", [("Patient name", "pt_name", p.first + " " + p.last, "tx"), ("Date of birth", "dob", p.dob(True), "tx"), ("Health card", "hc", p.nam(), "tx"), ("Reason", "reason", R.choice(DX_EN), "tx"), ("Isolation", "iso", False, "cb")]),
                 ("Ordonnance collective — ajustement", [("Usager", "usager", p.name(1), "tx"), ("NAM", "f_nam", p.nam(0), "tx"), ("Médicament", "med", R.choice(MEDS), "tx"), ("INR visé", "inr", "2,0 - 3,0", "tx")]),
                 ("Demande d'examen en imagerie", [("Nom", "n", p.last.upper(), "tx"), ("Prénom", "pn", p.first, "tx"), ("# dossier", "dos", p.mrn, "tx"), ("Examen", "ex", "TDM abdominal", "tx"), ("Question clinique", "q", dx, "tx")]),
                 ("Formulaire de déclaration d'accident (usager)", [("Nom de l'usager", "u", p.name(0), "tx"), ("Date de naissance", "d", p.dob(), "tx"), ("Description", "desc", "Chute de la chaise, ecchymose frontale, sous anticoagulant.", "tx")])]
    else:
        s2 = staff(None)
        forms = [("Demande de consultation", [("Nom de l'usager", "nom", None, "tx"), ("Prénom", "prenom", None, "tx"), ("Date de naissance", "ddn", None, "tx"), ("NAM", "nam", None, "tx"), ("Raison", "raison", None, "tx"), ("Urgent", "urgent", False, "cb")]),
                 ("Demande de congé annuel", [("Employé", "emp", s2["full"], "tx"), ("Matricule", "mat", str(R.randint(100000, 999999)), "tx"), ("Du", "du", fmt_date(), "tx"), ("Au", "au", fmt_date(), "tx"), ("Service", "svc", "Soins intensifs", "tx")]),
                 ("Réquisition d'achat", [("Demandeur", "dem", s2["full"], "tx"), ("Centre de coût", "cc", "%d-%04d" % (R.randint(10, 99), R.randint(0, 9999)), "tx"), ("Article", "art", "Glucomètres (10)", "tx"), ("Montant", "mt", "1 240,00 $", "tx")]),
                 ("Inscription — formation PDSB", [("Nom", "nom", s2["last"], "tx"), ("Prénom", "prenom", s2["first"], "tx"), ("No employé", "no", str(R.randint(10000, 99999)), "tx"), ("Date de naissance", "ddn", None, "tx"), ("Unité", "unite", "CHSLD", "tx")]),
                 ("Patient Transfer Form", [("Patient name", "pt_name", None, "tx"), ("Date of birth", "dob", None, "tx"), ("Health card", "hc", None, "tx"), ("Reason", "reason", None, "tx"), ("Isolation", "iso", False, "cb")]),
                 ("Déclaration d'incident — équipement", [("Équipement", "eq", "Pompe volumétrique", "tx"), ("No inventaire", "inv", "INV-%06d" % R.randint(0, 999999), "tx"), ("Description", "desc", "Alarme d'occlusion intermittente, retirée du service.", "tx"), ("Déclarant", "decl", s2["full"], "tx")])]
    title, fields = forms[i % len(forms)]
    data = form_pdf(title, e[0], fields)
    doc = {"title": title}
    simple_attach(label, "fillable-pdf", doc, data, "application/pdf", docname(doc, "pdf"), s, sender, to)

LEGACY = []  # (label, flat bytes, ext_in, ext_out, msgparams)
def gen_legacy(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    kind = ["doc", "xls", "doc", "xls", "doc", "ppt" if (i == 5 and label == "positive") else "xls"][i % 6]
    if kind == "doc": flat, ein = fodt(doc, s["full"]), "fodt"
    elif kind == "xls": flat, ein = fods([("Feuille1", table_rows(doc))], s["full"], doc["title"]), "fods"
    else: flat, ein = fodp([[doc["title"]], [l for l in to_text(doc).split("\n")[3:14] if l]], s["full"], doc["title"]), "fodp"
    LEGACY.append((label, flat, ein, kind, (doc, s, sender, to, R.choice(POS_LINES if label == "positive" else NEG_LINES), docname(doc, kind), R.getrandbits(32))))
    save(label, "legacy-office", b"")  # placeholder, filled after conversion
    LEGACY[-1] = LEGACY[-1] + (labels[-1][0],)

def gen_rtf(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    rtf = to_rtf(doc)
    if i % 3 == 2:
        body = multi("alternative", [txt("Voir la version enrichie.\n"), leaf("text/rtf", rtf, R.choice(["7bit", "quoted-printable"]))])
        save(label, "rich-text", message(sender, to, subj(doc, label), body))
    else:
        simple_attach(label, "rich-text", doc, rtf, R.choice(["application/rtf", "text/rtf", "application/msword"]), docname(doc, "rtf"), s, sender, to)

def gen_unicode(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    enc, bom, cs = [("utf-16-le", b"\xff\xfe", "utf-16"), ("utf-16-be", b"", "utf-16be"), ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"), ("utf-16-le", b"", "utf-16le"), ("utf-16-be", b"\xfe\xff", "utf-16"), ("utf-32-be", b"", "utf-32be")][i % 6]
    if i % 2 == 0:
        b = io.StringIO(); w = csv.writer(b, delimiter=R.choice([",", ";", "\t"]), lineterminator="\r\n")
        for r in table_rows(doc): w.writerow(r)
        text, ext, ct = b.getvalue(), "csv", "text/csv"
    else:
        text, ext, ct = to_text(doc).replace("\n", "\r\n"), "txt", "text/plain"
    data = bom + text.encode(enc)
    if R.random() < 0.3: ct = "application/octet-stream"
    part = leaf(ct, data, "base64", cs if ct != "application/octet-stream" else None, filename=docname(doc, ext))
    body = multi("mixed", [txt(body_text(s, to, R.choice(POS_LINES if label == "positive" else NEG_LINES))), part])
    save(label, "unicode-text", message(sender, to, subj(doc, label), body))

def tar_bytes(files, mode="w"):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode, format=tarfile.USTAR_FORMAT) as t:
        for n, d in files:
            ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 1709283600; ti.mode = 0o644; ti.uname = ti.gname = "user"
            t.addfile(ti, io.BytesIO(d))
    return b.getvalue()

def gz(data, name=""):
    b = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=b, mtime=1709283600) as g: g.write(data)
    return b.getvalue()

def gen_archive(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e); filler = pick("negative", i + 7, ci)(e)
    main = (docname(doc, "txt"), to_text(doc).encode(R.choice(["utf-8", "cp1252"])))
    side = ("LISEZMOI.txt", to_text(filler).encode("utf-8"))
    csvf = ("export.csv", "\n".join(";".join(r) for r in table_rows(doc)).encode("utf-8"))
    html = (docname(doc, "html"), ("<html><meta charset='utf-8'><body>" + to_html(doc) + "</body></html>").encode())
    k = i % 6
    if k == 0: data, fn, ct = zbytes([side, main]), "documents.zip", "application/zip"
    elif k == 1: data, fn, ct = tar_bytes([("envoi/" + side[0], side[1]), ("envoi/" + csvf[0], csvf[1])]), "envoi.tar", "application/x-tar"
    elif k == 2: data, fn, ct = gz(tar_bytes([html, side])), "dossier.tar.gz", "application/gzip"
    elif k == 3: data, fn, ct = gz(main[1], main[0]), main[0] + ".gz", "application/gzip"
    elif k == 4: data, fn, ct = zbytes([side, ("interne/lot2.zip", zbytes([csvf, html]))]), "transfert.zip", "application/x-zip-compressed"
    else: data, fn, ct = gz(tar_bytes([main, ("annexe.zip", zbytes([side]))])), "archive.tgz", "application/x-gzip"
    simple_attach(label, "archives", doc, data, ct, fn, s, sender, to)

def gen_encodings(label, i, ci):
    e, s, sender, to = ctx(label)
    doc = pick(label, i, ci)(e)
    k = i % 6; en = doc.get("en", False)
    if k == 0:   # QP latin-1 body with the document inline
        body = leaf("text/plain", body_text(s, to, to_text(doc)).encode("iso-8859-1", "replace"), "quoted-printable", "iso-8859-1")
        save(label, "encodings", message(sender, to, subj(doc, label), body, subj_cs="iso-8859-1"))
    elif k == 1:  # base64 HTML
        html = "<html><body><p>Bonjour,</p>%s<p>%s</p></body></html>" % (to_html(doc), esc(s["full"]))
        body = multi("alternative", [leaf("text/plain", to_text(doc).encode("utf-8"), "base64", "utf-8"), leaf("text/html", html.encode("utf-8"), "base64", "utf-8")])
        save(label, "encodings", message(sender, to, subj(doc, label), body))
    elif k == 2:  # data in RFC 2047 subject only
        if label == "positive":
            p = P(); sj = R.choice(["Suivi %s (DDN %s) — %s" % (p.name(0), p.dob(), R.choice(DX)), "%s, NAM %s : résultats anormaux" % (p.name(2), p.nam(1))])
        else:
            sj = R.choice(["Réunion — révision du protocole de délirium (salle Côté-Bérubé)", "Résultats du sondage de satisfaction — unité de soins palliatifs", "Élection au CII : candidatures de Hélène Tessier et Éric Gingras"])
        body = txt(body_text(s, to, "Voir l'objet. Peux-tu me rappeler à ce sujet?"), "utf-8", "quoted-printable")
        save(label, "encodings", message(sender, to, sj, body, subj_cs=R.choice(["utf-8", "iso-8859-1"])))
    elif k == 3:  # RFC 2047 filename, windows-1252 attachment
        fn = R.choice(["Résumé_", "Évaluation_", "Liste_à_jour_", "Données_"]) + strip(R.choice(SURN)) + ".txt"
        att = leaf("text/plain", to_text(doc).replace("'", "’").encode("cp1252", "replace"), "quoted-printable", "windows-1252", filename=fn, fstyle="2047")
        body = multi("mixed", [txt(body_text(s, to, R.choice(POS_LINES if label == "positive" else NEG_LINES))), att])
        save(label, "encodings", message(sender, to, "=?utf-8?Q?" + "" + "Pi=C3=A8ce_jointe?=" if False else subj(doc, label), body))
    elif k == 4:  # windows-1252 8bit body with smart quotes
        t = body_text(s, to, "« Voici » les informations — comme convenu :\n\n" + to_text(doc)).replace("'", "’")
        body = leaf("text/plain", t.encode("cp1252", "replace"), "8bit", "windows-1252")
        save(label, "encodings", message(sender, to, subj(doc, label), body, subj_cs="iso-8859-1"))
    else:  # odd charsets
        cs, codec = R.choice([("IBM850", "cp850"), ("macintosh", "mac_roman"), ("ISO-8859-15", "iso8859_15"), ("UTF-7", "utf-7")])
        t = body_text(s, to, to_text(doc))
        cte = "8bit" if codec not in ("utf-7",) else "7bit"
        if R.random() < 0.5 and codec != "utf-7": cte = "quoted-printable"
        body = leaf("text/plain", t.encode(codec, "replace"), cte, cs)
        save(label, "encodings", message(sender, to, subj(doc, label), body))

CATS = [("screenshot", gen_screenshot), ("scan", gen_scan), ("inline-image", gen_inline), ("small-images", gen_small),
        ("scanned-pdf", gen_scanned_pdf), ("fax-tiff", gen_fax), ("office-embedded-image", gen_office_img),
        ("office-hidden-parts", gen_office_hidden), ("fillable-pdf", gen_fillable), ("legacy-office", gen_legacy),
        ("rich-text", gen_rtf), ("unicode-text", gen_unicode), ("archives", gen_archive), ("encodings", gen_encodings)]

def convert_legacy():
    tmp = tempfile.mkdtemp(prefix="fn8-")
    try:
        byext = {}
        for j, (label, flat, ein, kind, params, path) in enumerate(LEGACY):
            fn = os.path.join(tmp, "f%02d.%s" % (j, ein)); open(fn, "wb").write(flat); byext.setdefault(kind, []).append(fn)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1709283600", TZ="UTC")
        for kind, fns in sorted(byext.items()):
            subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/profile", "--headless", "--convert-to", kind, "--outdir", tmp + "/out"] + fns,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for j, (label, flat, ein, kind, params, path) in enumerate(LEGACY):
            data = open(os.path.join(tmp, "out", "f%02d.%s" % (j, kind)), "rb").read()
            doc, s, sender, to, line, fname, seed = params
            R.seed(seed)
            ct = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}[kind]
            CUR_E[0] = (None,); CUR_E[0] = [e for e in EST if e[1] == sender[1].split("@")[1]][0]
            body = multi("mixed", [txt(body_text(s, to, line)), leaf(ct, data, filename=fname)])
            open(os.path.join(OUT, path), "wb").write(message(sender, to, subj(doc, label), body))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

README = """# Held-out forms corpus (eighth author)

**Held-out corpus: never tune rules, thresholds or OCR settings on it. Use it only to measure.**

Fake e-mail messages (`.eml`) written independently of the guard. `positive/` messages carry
patient data (an identifiable patient together with health information, or a patient's
health-insurance number / hospital file number); `negative/` messages are hard negatives with
health vocabulary, staff names, look-alike numbers and blank forms but no patient data.
`labels.csv` lists `file,label,category`.

## Categories

| category | what it holds |
|---|---|
| screenshot | PNG screenshots of an EMR-like window drawn with Pillow (several themes, DejaVu fonts 20-25 px). Negatives: empty patient search, login screen, interface error, rosters/statistics screens. |
| scan | JPEG scans/photos of a letter or form (letter or half-letter) at 150 dpi with mild skew, speckle and blur; some stored rotated with an EXIF Orientation tag (3, 6 or 8) saying how to turn them upright; wound photos with a label card. |
| inline-image | HTML message, multipart/related, the document pasted as a `cid:` image (PNG crop or JPEG photo). The text parts are harmless. |
| small-images | negatives only: logos, hand-drawn signature image, 1x1 tracking GIF, social icons, banner, blank QR placeholder. |
| scanned-pdf | hand-written PDF with only DCT (JPEG) page images, no text layer, 1-2 pages (sometimes with a cover page). |
| fax-tiff | multi-page TIFF fax (cover page + document), G4 bilevel at 204x196 dpi or LZW greyscale, with a fax header line. |
| office-embedded-image | docx / xlsx / pptx whose only document content is an embedded PNG (patient data for positives; form or chart for negatives). |
| office-hidden-parts | docx header, footnotes, comments, tracked insertions; xlsx hidden / very hidden sheets and cell comments; pptx speaker notes. The visible body is a harmless document; for positives the patient data is only in the hidden part. |
| fillable-pdf | AcroForm PDF; page content has only labels, values are in field `/V` entries (literal or UTF-16BE hex strings). Negatives: blank forms, staff/purchase/equipment forms. |
| legacy-office | .doc / .xls (and one .ppt) converted from flat ODF with LibreOffice headless, fixed metadata dates. |
| rich-text | RTF attachments, or `text/rtf` alternative bodies, with `\\'e9` and `\\uN?` escapes and RTF tables. |
| unicode-text | text and CSV attachments in UTF-16 LE/BE and UTF-32 LE/BE, with and without BOM. |
| archives | zip, tar, tar.gz, .gz, .tgz, zip nested in zip, zip inside tgz. |
| encodings | quoted-printable ISO-8859-1 bodies, base64 HTML, data only in an RFC 2047 subject, RFC 2047 attachment names with windows-1252 content, 8-bit windows-1252 bodies, odd charsets (IBM850, macintosh, ISO-8859-15, UTF-7). |

## How the fake identifiers are built

* Names are drawn from lists of common Quebec surnames and given names; staff names come from a separate list.
* Birth dates are random (1931-2019) and written in several formats (ISO, dd/mm/yyyy, "14 mars 1985", English "March 14, 1985").
* NAM (RAMQ): first 3 letters of the surname (accents and punctuation removed, padded with X), first letter of the
  given name, 2-digit birth year, birth month (+50 for women), birth day, then 2 random digits; written
  `ABCD12345678`, `ABCD 1234 5678`, `ABCD-1234-5678` or `ABCD 12345678`. The NAM is consistent with the name, sex and birth date shown.
* File numbers: 6-8 digits, sometimes with a letter prefix (H, M, S), labelled "No dossier", "N° de dossier", "Dossier", "# dossier", "MRN", "Chart #", etc.
* Hard negatives use employee numbers (matricule), DINs, lot and serial numbers, purchase-order numbers and invoice article codes shaped like `ABCD 1234 5678`, placeholders such as `XXXX 0000 0000`, and blank fields.
* Establishments and domains are fictitious.

## Regenerate

    python3 tests/corpus/forms-h/generate.py

The script uses a fixed random seed, fixed archive timestamps and fixed ODF metadata, so it rewrites the same bytes.
"""

def main():
    for d in ("positive", "negative"):
        p = os.path.join(OUT, d)
        if os.path.isdir(p): shutil.rmtree(p)
        os.makedirs(p)
    for ci, (cat, fn) in enumerate(CATS):
        for label in ("positive", "negative"):
            if cat == "small-images" and label == "positive": continue
            for i in range(6):
                fn(label, i, ci)
    convert_legacy()
    with open(os.path.join(OUT, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(["file", "label", "category"]); w.writerows(sorted(labels))
    with open(os.path.join(OUT, "README.md"), "w") as f: f.write(README)

if __name__ == "__main__":
    main()
