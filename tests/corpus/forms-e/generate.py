#!/usr/bin/env python3
"""Held-out DLP evaluation corpus generator ("forms-next").

All people, numbers, establishments and clinical facts are invented.
Deterministic: fixed SEED, fixed dates, no network.  Run from anywhere:
    python3 tests/holdout/forms/generate.py
"""
import base64, csv, datetime as dt, gzip, io, os, random, shutil, subprocess, sys
import tarfile, textwrap, unicodedata, zipfile, zlib
from email import quoprimime
from urllib.parse import quote
from PIL import Image, ImageDraw, ImageFont, ImageFilter

SEED = 20260304
HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, '.build')
FIXED_ZIP_TIME = (2026, 3, 4, 9, 30, 0)
FIXED_EPOCH = 1772616600  # 2026-03-04T09:30:00Z
FONT_DIR = '/usr/share/fonts/truetype/dejavu/'
FONTS = {
    'sans': 'DejaVuSans.ttf', 'sans-b': 'DejaVuSans-Bold.ttf', 'sans-i': 'DejaVuSans-Oblique.ttf',
    'cond': 'DejaVuSansCondensed.ttf', 'cond-b': 'DejaVuSansCondensed-Bold.ttf',
    'serif': 'DejaVuSerif.ttf', 'serif-b': 'DejaVuSerif-Bold.ttf', 'serif-i': 'DejaVuSerif-Italic.ttf',
    'mono': 'DejaVuSansMono.ttf', 'mono-b': 'DejaVuSansMono-Bold.ttf',
}
_fc = {}


def font(name, size):
    k = (name, size)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONT_DIR + FONTS[name], size)
    return _fc[k]


R = random.Random(SEED)

# ---------------------------------------------------------------- pools
ORGS = [
    ('cisss-outaouais.example', "CISSS de l'Outaouais (fictif)", 'Hôpital de Gatineau', '819-555-0142', 'J8T 4J3'),
    ('chu-estrie.example', "CIUSSS de l'Estrie - CHU (fictif)", 'Hôpital Fleurimont', '819-555-0177', 'J1H 5N4'),
    ('ciusss-mcq.example', 'CIUSSS Mauricie-Centre-du-Québec (fictif)', 'Centre hospitalier affilié', '819-555-0118', 'G9A 2T1'),
    ('cisss-laurentides.example', 'CISSS des Laurentides (fictif)', 'Hôpital régional de Saint-Jérôme', '450-555-0163', 'J7Z 5T3'),
    ('chu-lacote.example', 'CHU de la Côte (fictif)', 'Pavillon Sainte-Brigitte', '418-555-0109', 'G1J 1Z4'),
    ('cisss-bsl.example', 'CISSS du Bas-Saint-Laurent (fictif)', 'Hôpital régional de Rimouski', '418-555-0191', 'G5L 5T1'),
]
OUTSIDE = ['hotmail.example', 'gmail.example', 'clinique-y.example', 'assureur.example', 'videotron.example',
           'cliniquedufleuve.example', 'pharmacie-centre.example', 'cabinet-avocats.example', 'outlook.example']
STAFF = [('Julie', 'Lavoie', 'Dre', 'médecin de famille', 'family physician'),
         ('Marc-André', 'Bergeron', 'Dr', 'interniste', 'internist'),
         ('Sophie', 'Nadeau', '', 'infirmière clinicienne', 'clinical nurse'),
         ('Karim', 'Haddad', 'Dr', 'résident R2', 'resident (PGY-2)'),
         ('Isabelle', 'Fortin', '', 'agente administrative', 'unit clerk'),
         ('Étienne', 'Ouellet', 'Dr', 'chirurgien', 'surgeon'),
         ('Nathalie', 'Poirier', '', 'archiviste médicale', 'health records technician'),
         ('Priya', 'Singh', 'Dre', 'radiologiste', 'radiologist'),
         ('François', 'Gosselin', '', 'pharmacien', 'pharmacist'),
         ('Chantal', 'Bédard', '', 'infirmière auxiliaire', 'LPN'),
         ('David', 'Nguyen', 'Dr', 'résident R1', 'resident (PGY-1)'),
         ('Mélanie', 'Caron', '', 'commis aux admissions', 'admitting clerk')]
RECIP = [('Luc', 'Demers'), ('Annie', 'Lachance'), ('Robert', 'Cyr'), ('Claire', 'Vachon'), ('Sam', 'Parent'),
         ('Denise', 'Blais'), ('Yves', 'Proulx'), ('Maria', 'Santos')]
SURN = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavallée', 'Fortier', 'Gagné',
        'Ouimet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bernier', 'Leblanc', 'Paquette', 'Girard', 'Simard',
        'Boucher', 'Beaulieu', 'Cloutier', 'Dubé', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin',
        'Thibault', 'St-Pierre', 'Martel', 'Grenier', 'Lessard', 'Michaud', 'Hébert', 'Desjardins', 'Couture',
        'Turcotte', 'Savard', 'Beaudoin', 'Perreault', 'Boivin', 'Joseph', 'Tran', 'Benali', 'Rivard',
        'Champagne', 'Vaillancourt', "O'Connor", 'Duchesne']
GIVEN_F = ['Marie', 'Louise', 'Chloé', 'Gisèle', 'Ginette', 'Nicole', 'Émilie', 'Manon', 'Sylvie', 'Rose',
           'Hélène', 'Léa', 'Fatima', 'Linh', 'Jacqueline', 'Odette', 'Camille', 'Nadia', 'Lucie', 'Thérèse']
GIVEN_M = ['Jean', 'Pierre', 'Gilles', 'Réjean', 'Michel', 'Luc', 'Mathis', 'Gaétan', 'Normand', 'André',
           'Samuel', 'Yannick', 'Omar', 'Benoît', 'Raymond', 'Denis', 'Félix', 'Jacques', 'Ahmed', 'Maxime']
MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
        'novembre', 'décembre']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']
DX = [('Fibrillation auriculaire nouvellement diagnostiquée', 'New-onset atrial fibrillation'),
      ('Diabète de type 2 mal contrôlé', 'Poorly controlled type 2 diabetes'),
      ('MPOC exacerbée', 'COPD exacerbation'),
      ('Pneumonie communautaire lobaire inférieure droite', 'Right lower lobe community-acquired pneumonia'),
      ('Insuffisance cardiaque décompensée', 'Decompensated heart failure'),
      ('Fracture de la hanche gauche', 'Left hip fracture'),
      ('Trouble dépressif majeur, épisode modéré', 'Major depressive disorder, moderate episode'),
      ('Cholécystite aiguë lithiasique', 'Acute calculous cholecystitis'),
      ('Néoplasie du sein droit, carcinome canalaire infiltrant', 'Right breast invasive ductal carcinoma'),
      ('Insuffisance rénale chronique stade 3b', 'Chronic kidney disease stage 3b'),
      ('Entorse lombaire post-traumatique', 'Post-traumatic lumbar sprain'),
      ('Commotion cérébrale', 'Concussion'),
      ('Cellulite de la jambe gauche', 'Left leg cellulitis'),
      ('Hypothyroïdie', 'Hypothyroidism'),
      ('Trouble anxieux généralisé', 'Generalized anxiety disorder'),
      ('Maladie de Crohn iléale', 'Ileal Crohn disease')]
MEDS = [('Apixaban', '5 mg PO BID'), ('Metformine', '850 mg PO BID'), ('Atorvastatine', '40 mg PO HS'),
        ('Ramipril', '5 mg PO DIE'), ('Furosémide', '40 mg PO DIE'), ('Sertraline', '100 mg PO DIE'),
        ('Lévothyroxine', '88 mcg PO DIE'), ('Salbutamol', '100 mcg 2 inh QID PRN'),
        ('Tiotropium', '18 mcg 1 inh DIE'), ('Hydromorphone', '1 mg PO q4h PRN'),
        ('Ceftriaxone', '1 g IV q24h'), ('Pantoprazole', '40 mg PO DIE'), ('Bisoprolol', '2,5 mg PO DIE'),
        ('Insuline glargine', '22 U SC HS'), ('Quétiapine', '25 mg PO HS'), ('Acétaminophène', '1 g PO QID')]
LABS = [('Hémoglobine', 'Hemoglobin', 'g/L', (85, 160), '120-160'),
        ('Leucocytes', 'WBC', '10^9/L', (3.1, 18.5), '4,0-11,0'),
        ('Plaquettes', 'Platelets', '10^9/L', (90, 420), '150-400'),
        ('Sodium', 'Sodium', 'mmol/L', (128, 146), '135-145'),
        ('Potassium', 'Potassium', 'mmol/L', (3.0, 5.9), '3,5-5,0'),
        ('Créatinine', 'Creatinine', 'µmol/L', (55, 260), '50-110'),
        ('Glucose à jeun', 'Fasting glucose', 'mmol/L', (4.1, 14.8), '3,6-6,0'),
        ('HbA1c', 'HbA1c', '%', (5.2, 10.9), '< 6,0'),
        ('TSH', 'TSH', 'mUI/L', (0.2, 9.8), '0,35-5,0'),
        ('Troponine T hs', 'hs-Troponin T', 'ng/L', (3, 95), '< 14'),
        ('CRP', 'CRP', 'mg/L', (1, 180), '< 10'),
        ('INR', 'INR', '', (0.9, 3.8), '0,8-1,2')]
EXAMS = [('Radiographie pulmonaire PA et latérale', 'Chest X-ray PA and lateral',
          'Opacité alvéolaire au lobe inférieur droit, sans épanchement.',
          'Right lower lobe airspace opacity, no effusion.', 'Pneumonie probable.', 'Probable pneumonia.'),
         ('TDM cérébrale sans contraste', 'Non-contrast CT head',
          'Pas de saignement intracrânien. Atrophie légère.', 'No intracranial hemorrhage. Mild atrophy.',
          'Examen sans particularité aiguë.', 'No acute findings.'),
         ('Échographie abdominale', 'Abdominal ultrasound',
          'Vésicule distendue, paroi épaissie à 5 mm, calcul enclavé au collet.',
          'Distended gallbladder, wall 5 mm, impacted neck stone.', 'Cholécystite aiguë.', 'Acute cholecystitis.'),
         ('Mammographie diagnostique bilatérale', 'Bilateral diagnostic mammogram',
          'Masse spiculée de 14 mm au QSE du sein droit.', 'Spiculated 14 mm mass, right breast UOQ.',
          'BI-RADS 5.', 'BI-RADS 5.'),
         ('IRM lombaire', 'Lumbar spine MRI', 'Hernie discale L4-L5 postéro-latérale gauche.',
          'Left posterolateral L4-L5 disc herniation.', 'Compression radiculaire L5 gauche.',
          'Left L5 nerve root compression.')]
PROCS = ['Cholécystectomie laparoscopique', 'Arthroplastie totale de la hanche D', 'Hernioplastie inguinale G',
         'Réduction ouverte fixation interne poignet', 'Appendicectomie', 'Tumorectomie sein D + ganglion sentinelle',
         'Cystoscopie', 'Colectomie droite', 'Arthroscopie genou G', 'Césarienne élective']
VACC = [('Influenza quadrivalent', 'IM deltoïde G'), ('COVID-19 ARNm (XBB)', 'IM deltoïde D'),
        ('dcaT', 'IM deltoïde G'), ('Pneumocoque conjugué 20-valent', 'IM'), ('Zona recombinant', 'IM'),
        ('Hépatite B', 'IM')]
UNITS = ['4 Nord', '5 Sud', 'Soins intensifs', 'Urgence', 'Gériatrie', 'Médecine interne', 'Chirurgie', 'Obstétrique']

# neutral pools shared by both labels
SUBJECTS = ['Document demandé', 'Comme convenu', 'FYI', 'Suivi', 'Tel que discuté', 'Voir pièce jointe',
            'Transmission', 'Documents', 'Info', 'À vérifier', 'Mise à jour', 'Pour information',
            'As discussed', 'Per your request', 'Follow-up', 'Re: demande', 'Numérisation', 'TR: document',
            'Fichier', 'Copie']
BODIES_FR = ['Bonjour,\n\nVoici le document demandé.\n\nBonne journée,',
             'Bonjour {r},\n\nComme convenu, je vous transmets le fichier ci-joint.\n\nMerci,',
             'Salut,\n\nVoir pièce jointe. Dis-moi si ça convient.\n\n',
             'Bonjour,\n\nPour information. N\'hésitez pas à me contacter au besoin.\n\nCordialement,',
             'Bonjour {r},\n\nTel que discuté au téléphone ce matin.\n\nMerci et bonne fin de journée,',
             'Bonsoir,\n\nJe te l\'envoie à cette adresse, c\'est plus simple pour moi.\n\n']
BODIES_EN = ['Hi {r},\n\nAs discussed, please find attached.\n\nThanks,',
             'Hello,\n\nFYI, see attachment.\n\nBest regards,',
             'Hi,\n\nHere is the file you asked for.\n\nCheers,']
BASENAMES = ['fichier', 'document', 'scan0001', 'Document demandé', 'pièce jointe', 'export', 'copie',
             'numérisation', 'sans titre', 'untitled', 'doc1', 'IMG_2291', 'image001', 'Numérisation_20260304',
             'PJ', 'info']

# ---------------------------------------------------------------- helpers


def strip_acc(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')


def make_nam(surname, given, dob, sex, rng):
    s = ''.join(ch for ch in strip_acc(surname).upper() if ch.isalpha())
    s = (s + 'XXX')[:3]
    g = strip_acc(given).upper()[0]
    mm = dob.month + (50 if sex == 'F' else 0)
    return '%s%s%02d%02d%02d%02d' % (s, g, dob.year % 100, mm, dob.day, rng.randint(10, 99))


def fmt_nam(nam, rng):
    return rng.choice([nam, '%s %s %s' % (nam[:4], nam[4:8], nam[8:]), '%s %s %s' % (nam[:4], nam[4:8], nam[8:])])


def luhn_ok(num):
    tot = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def make_sin(rng):
    while True:
        n = str(rng.randint(1, 7)) + ''.join(str(rng.randint(0, 9)) for _ in range(8))
        if luhn_ok(n):
            return n


def non_luhn9(rng):
    while True:
        n = str(rng.randint(1, 9)) + ''.join(str(rng.randint(0, 9)) for _ in range(8))
        if not luhn_ok(n):
            return n


def fmt_sin(s, rng):
    return rng.choice([s, '%s %s %s' % (s[:3], s[3:6], s[6:]), '%s-%s-%s' % (s[:3], s[3:6], s[6:])])


def fmt_date(d, rng, lang='fr', style=None):
    style = style if style is not None else rng.randint(0, 4)
    if style == 0:
        return d.strftime('%Y-%m-%d')
    if style == 1:
        return d.strftime('%d/%m/%Y')
    if style == 2:
        return ('%d %s %d' % (d.day, MOIS[d.month - 1], d.year)) if lang == 'fr' else \
            ('%s %d, %d' % (MONTHS[d.month - 1], d.day, d.year))
    if style == 3:
        return '%s %d, %d' % (MONTHS[d.month - 1], d.day, d.year) if lang == 'en' else \
            ('%d %s %d' % (d.day, MOIS[d.month - 1], d.year))
    return '%02d-%s-%d' % (d.day, MONTHS[d.month - 1][:3].upper(), d.year)


def person(rng):
    sex = rng.choice('FM')
    given = rng.choice(GIVEN_F if sex == 'F' else GIVEN_M)
    sur = rng.choice(SURN)
    dob = dt.date(rng.randint(1936, 2019), rng.randint(1, 12), rng.randint(1, 28))
    return {'sex': sex, 'given': given, 'sur': sur, 'dob': dob,
            'nam': make_nam(sur, given, dob, sex, rng),
            'dossier': rng.choice(['%08d' % rng.randint(100000, 9999999), 'H%06d' % rng.randint(10000, 999999),
                                   '%d-%05d' % (rng.randint(10, 99), rng.randint(0, 99999))]),
            'age': 2026 - dob.year}


def fmt_name(p, rng, lang='fr'):
    st = rng.randint(0, 5)
    if st == 0:
        return '%s %s' % (p['given'], p['sur'])
    if st == 1:
        return '%s %s' % (p['sur'].upper(), p['given'])
    if st == 2:
        return '%s, %s' % (p['sur'], p['given'])
    if st == 3:
        t = ('Mme' if p['sex'] == 'F' else 'M.') if lang == 'fr' else ('Mrs.' if p['sex'] == 'F' else 'Mr.')
        return '%s %s %s' % (t, p['given'], p['sur'])
    if st == 4:
        return '%s, %s' % (p['sur'].upper(), p['given'].upper())
    return '%s %s' % (p['given'], p['sur'].upper())


def staff_name(s, rng):
    return ('%s %s %s' % (s[2], s[0], s[1])).strip() if rng.random() < .6 else '%s %s' % (s[0], s[1])


def num(v, lang):
    s = ('%.1f' % v) if v < 20 else ('%d' % v)
    return s.replace('.', ',') if lang == 'fr' else s


DAY0 = dt.date(2026, 3, 4)


def rday(rng, span=60):
    return DAY0 - dt.timedelta(days=rng.randint(-10, span))

# ---------------------------------------------------------------- documents
# A document is {'title', 'lang', 'blocks'}; block kinds:
#   ('h', text) ('p', text) ('kv', [(label, value)]) ('table', header, rows)


def D(title, lang, *blocks):
    return {'title': title, 'lang': lang, 'blocks': list(blocks)}


def pick_lang(rng):
    return 'fr' if rng.random() < 0.75 else 'en'


def id_label(kind, lang, rng):
    if kind == 'nam':
        return rng.choice(['NAM', 'No RAMQ', "N° d'assurance maladie", 'Assurance maladie', 'NAM / RAMQ']) if lang == 'fr' \
            else rng.choice(['RAMQ #', 'Health insurance no.', 'HIN (RAMQ)', 'Medicare no.'])
    return rng.choice(['No dossier', 'N° de dossier', 'Dossier', 'No. dossier (DMÉ)', '# dossier', 'MRN']) if lang == 'fr' \
        else rng.choice(['MRN', 'Chart #', 'Medical record no.', 'Hospital file no.'])


def dob_label(lang, rng):
    return rng.choice(['Date de naissance', 'DDN', 'Né(e) le']) if lang == 'fr' else rng.choice(['DOB', 'Date of birth'])


_LAST = {}


def pos_doc(rng, kind=None, lang=None):
    lang = lang or pick_lang(rng)
    T = (lambda f, e: f if lang == 'fr' else e)
    p = person(rng)
    _LAST['p'] = p
    doc_, st = rng.choice(STAFF[:4] + STAFF[5:8] + STAFF[10:11]), rng.choice(STAFF)
    dx = rng.choice(DX)[0 if lang == 'fr' else 1]
    kinds = ['referral', 'labs', 'discharge', 'consult', 'rx', 'orlist', 'census', 'imaging', 'disability',
             'cnesst', 'pharmacy', 'vaccine', 'namonly', 'fileonly']
    kind = kind or rng.choice(kinds)
    nm = fmt_name(p, rng, lang)
    dob = fmt_date(p['dob'], rng, lang)
    day = fmt_date(rday(rng), rng, lang)
    if kind == 'referral':
        who = T('Mme' if p['sex'] == 'F' else 'M.', 'Mrs.' if p['sex'] == 'F' else 'Mr.')
        txt = T('Cher collègue,\n\nJe vous adresse %s %s %s, née le %s, pour évaluation. Diagnostic : %s. '
                'Traitement actuel : %s %s. Merci de la voir en priorité.' ,
                'Dear colleague,\n\nI am referring %s %s %s, born %s, for assessment. Diagnosis: %s. '
                'Current treatment: %s %s. Thank you for seeing this patient promptly.')
        m = rng.choice(MEDS)
        txt = txt % (who, p['given'], p['sur'], dob, dx.lower(), m[0], m[1])
        if p['sex'] == 'M':
            txt = txt.replace('née le', 'né le').replace('la voir', 'le voir')
        return D(T('Lettre de référence', 'Referral letter'), lang, ('p', T('Gatineau, le ', 'Gatineau, ') + day),
                 ('p', txt), ('p', staff_name(doc_, rng) + '\n' + doc_[3 if lang == 'fr' else 4]))
    if kind == 'labs':
        rows = []
        for l in rng.sample(LABS, rng.randint(5, 8)):
            v = rng.uniform(*l[3])
            rows.append([l[0] if lang == 'fr' else l[1], num(v, lang), l[2], l[4], rng.choice(['', '', 'H', 'L', '*'])])
        hdr = T(['Analyse', 'Résultat', 'Unités', 'Valeurs de réf.', 'Ind.'], ['Test', 'Result', 'Units', 'Reference', 'Flag'])
        order = rng.choice([[0, 1, 2, 3, 4], [0, 3, 1, 2, 4], [1, 2, 0, 4, 3]])
        kv = [(T('Nom', 'Name'), nm), (dob_label(lang, rng), dob), (id_label('nam', lang, rng), fmt_nam(p['nam'], rng)),
              (id_label('dossier', lang, rng), p['dossier']), (T('Prélevé le', 'Collected'), day)]
        rng.shuffle(kv)
        return D(T('Rapport de laboratoire', 'Laboratory report'), lang, ('kv', kv),
                 ('table', [hdr[i] for i in order], [[r[i] for i in order] for r in rows]))
    if kind == 'discharge':
        ms = rng.sample(MEDS, 3)
        return D(T('Résumé de départ', 'Discharge summary'), lang,
                 ('kv', [(T('Patient', 'Patient'), nm), (id_label('dossier', lang, rng), p['dossier']),
                         (T('Admission', 'Admitted'), fmt_date(rday(rng) - dt.timedelta(days=9), rng, lang)),
                         (T('Départ', 'Discharged'), day)]),
                 ('p', T('Diagnostic principal : ', 'Principal diagnosis: ') + dx),
                 ('p', T('Évolution favorable sous traitement. Congé à domicile avec suivi en clinique externe dans 2 semaines.',
                         'Uneventful course on treatment. Discharged home with outpatient follow-up in 2 weeks.')),
                 ('p', T('Médication au départ : ', 'Discharge medications: ') + '; '.join('%s %s' % m for m in ms)))
    if kind == 'consult':
        return D(T('Demande de consultation', 'Consultation request'), lang,
                 ('kv', [(T('Nom, prénom', 'Surname, given name'), '%s, %s' % (p['sur'], p['given'])),
                         (dob_label(lang, rng), dob), (T('Sexe', 'Sex'), p['sex']),
                         (id_label('nam', lang, rng), fmt_nam(p['nam'], rng)),
                         (T('Service demandé', 'Service'), rng.choice(['Cardiologie', 'Pneumologie', 'Psychiatrie', 'Orthopédie'])),
                         (T('Raison', 'Reason'), dx), (T('Priorité', 'Priority'), rng.choice(['B', 'C', 'D'])),
                         (T('Médecin référent', 'Referring MD'), staff_name(doc_, rng))]))
    if kind == 'rx':
        ms = rng.sample(MEDS, rng.randint(2, 4))
        return D(T('Ordonnance', 'Prescription'), lang,
                 ('kv', [(T('Patient', 'Patient'), nm), (dob_label(lang, rng), dob), ('Date', day)]),
                 ('table', T(['Médicament', 'Posologie', 'Qté', 'Renouv.'], ['Drug', 'Directions', 'Qty', 'Refills']),
                  [[m[0], m[1], str(rng.choice([30, 60, 90])), str(rng.randint(0, 5))] for m in ms]),
                 ('p', staff_name(doc_, rng) + T(' — permis ', ' — licence ') + '%d-%05d' % (rng.randint(1, 2), rng.randint(0, 99999))))
    if kind in ('orlist', 'census'):
        rows = []
        ps = [person(rng) for _ in range(rng.randint(4, 7))]
        if kind == 'orlist':
            hdr = [T('Salle', 'Room'), T('Heure', 'Time'), 'Patient', id_label('dossier', lang, rng), 'Intervention', T('Chirurgien', 'Surgeon')]
            for i, q in enumerate(ps):
                rows.append(['S%d' % rng.randint(1, 6), '%02d:%02d' % (7 + i, rng.choice([0, 15, 30, 45])), fmt_name(q, rng, lang),
                             q['dossier'], rng.choice(PROCS), 'Dr ' + rng.choice(STAFF)[1]])
            title = T('Programme opératoire du ', 'OR schedule ') + day
        else:
            hdr = [T('Lit', 'Bed'), T('Nom', 'Name'), T('Âge', 'Age'), id_label('dossier', lang, rng), 'Dx', T('MD traitant', 'Attending')]
            for i, q in enumerate(ps):
                rows.append(['%d%02d-%s' % (rng.randint(3, 6), i + 1, rng.choice('AB')), fmt_name(q, rng, lang), str(q['age']),
                             q['dossier'], rng.choice(DX)[0 if lang == 'fr' else 1], rng.choice(STAFF)[1]])
            title = T('Recensement — unité ', 'Ward census — ') + rng.choice(UNITS)
        order = list(range(6))
        if rng.random() < .5:
            order = [2, 3, 0, 1, 4, 5]
        return D(title, lang, ('table', [hdr[i] for i in order], [[r[i] for i in order] for r in rows]))
    if kind == 'imaging':
        e = rng.choice(EXAMS)
        return D(T("Rapport d'imagerie", 'Imaging report'), lang,
                 ('kv', [(T('Nom', 'Name'), nm), (id_label('dossier', lang, rng), p['dossier']), (dob_label(lang, rng), dob),
                         (T('Examen', 'Exam'), e[0 if lang == 'fr' else 1]), ('Date', day)]),
                 ('p', T('Constatations : ', 'Findings: ') + e[2 if lang == 'fr' else 3]),
                 ('p', T('Impression : ', 'Impression: ') + e[4 if lang == 'fr' else 5]),
                 ('p', T('Signé par ', 'Signed by ') + 'Dre Priya Singh'))
    if kind == 'disability':
        return D(T("Déclaration du médecin traitant — assurance invalidité", "Attending physician statement — disability"), lang,
                 ('kv', [(T('Nom de l’assuré', 'Insured name'), nm), (dob_label(lang, rng), dob),
                         (T("N° d'assurance sociale", 'SIN'), fmt_sin(make_sin(rng), rng)),
                         (T('Diagnostic', 'Diagnosis'), dx),
                         (T("Arrêt de travail depuis", 'Off work since'), day),
                         (T('Retour prévu', 'Expected return'), fmt_date(DAY0 + dt.timedelta(days=rng.randint(20, 90)), rng, lang)),
                         (T('Restrictions', 'Restrictions'), T('Aucun soulèvement > 10 kg', 'No lifting > 10 kg'))]))
    if kind == 'cnesst':
        return D(T('Attestation médicale — CNESST', 'Medical certificate — CNESST') if rng.random() < .6 else
                 T('Rapport médical — SAAQ', 'Medical report — SAAQ'), lang,
                 ('kv', [(T('Travailleur / victime', 'Worker / claimant'), nm), (id_label('nam', lang, rng), fmt_nam(p['nam'], rng)),
                         (T("Date de l'événement", 'Date of event'), day), (T('Diagnostic', 'Diagnosis'), dx),
                         (T('Consolidation prévue', 'Expected consolidation'), T('dans 6 semaines', 'in 6 weeks'))]))
    if kind == 'pharmacy':
        ms = rng.sample(MEDS, rng.randint(3, 6))
        return D(T('Profil pharmacologique', 'Pharmacy profile'), lang,
                 ('kv', [(T('Client', 'Client'), nm), (dob_label(lang, rng), dob), (id_label('nam', lang, rng), fmt_nam(p['nam'], rng)),
                         (T('Allergies', 'Allergies'), rng.choice(['Pénicilline', 'Sulfa', 'Aucune connue', 'Codéine']))]),
                 ('table', T(['Médicament', 'Posologie', 'Début', 'Prescripteur'], ['Drug', 'Sig', 'Start', 'Prescriber']),
                  [[m[0], m[1], fmt_date(rday(rng, 400), rng, lang), rng.choice(STAFF)[1]] for m in ms]))
    if kind == 'vaccine':
        vs = rng.sample(VACC, rng.randint(2, 4))
        return D(T('Carnet de vaccination', 'Immunization record'), lang,
                 ('kv', [(T('Nom', 'Name'), nm), (dob_label(lang, rng), dob), (id_label('nam', lang, rng), fmt_nam(p['nam'], rng))]),
                 ('table', T(['Vaccin', 'Date', 'Lot', 'Site', 'Vaccinateur'], ['Vaccine', 'Date', 'Lot', 'Site', 'Given by']),
                  [[v[0], fmt_date(rday(rng, 700), rng, lang), '%s%d' % (rng.choice(['FL', 'KT', 'XB', 'MN']), rng.randint(1000, 9999)), v[1],
                    rng.choice(STAFF)[1]] for v in vs]))
    if kind == 'namonly':
        return D(T('Confirmation de rendez-vous', 'Appointment confirmation'), lang,
                 ('kv', [(id_label('nam', lang, rng), fmt_nam(p['nam'], rng)),
                         (T('Rendez-vous', 'Appointment'), day + ' %02d:%02d' % (rng.randint(7, 15), rng.choice([0, 30]))),
                         (T('Clinique', 'Clinic'), rng.choice(['Oncologie', 'Prélèvements', 'Psychiatrie externe', 'Néphrologie'])),
                         (T('Préparation', 'Preparation'), T('À jeun 12 h', 'Fasting 12 h'))]))
    # fileonly
    rows = []
    for l in rng.sample(LABS, 4):
        rows.append([l[0] if lang == 'fr' else l[1], num(rng.uniform(*l[3]), lang) + ' ' + l[2]])
    return D(T('Note d’évolution', 'Progress note'), lang,
             ('kv', [(id_label('dossier', lang, rng), p['dossier']), ('Date', day)]),
             ('p', T('Patient connu pour ', 'Patient known for ') + dx.lower() + T('. Reçu ce jour en suivi.', '. Seen today for follow-up.')),
             ('table', T(['Analyse', 'Valeur'], ['Test', 'Value']), rows))


def blank(rng):
    return rng.choice(['________________', '', '[à compléter]', '__________', '   '])


def neg_doc(rng, kind=None, lang=None):
    lang = lang or pick_lang(rng)
    T = (lambda f, e: f if lang == 'fr' else e)
    kinds = ['blankform', 'stats', 'schedule', 'phones', 'minutes', 'policy', 'invoice', 'equipment', 'leaflet',
             'job', 'newsletter', 'stock', 'template', 'training']
    kind = kind or rng.choice(kinds)
    day = fmt_date(rday(rng), rng, lang)
    if kind == 'blankform':
        t = rng.choice([T('Demande de consultation', 'Consultation request'), T('Rapport de laboratoire', 'Laboratory report'),
                        T('Profil pharmacologique', 'Pharmacy profile'), T('Attestation médicale', 'Medical certificate')])
        labels = [T('Nom, prénom', 'Surname, given name'), dob_label(lang, rng), id_label('nam', lang, rng),
                  id_label('dossier', lang, rng), T('Diagnostic', 'Diagnosis'), T('Médecin référent', 'Referring MD')]
        ph = rng.random() < .3
        vals = ['AAAA 0000 0000' if (ph and 'NAM' in l) else ('AAAA-MM-JJ' if ph and ('nais' in l or 'DDN' in l) else blank(rng)) for l in labels]
        return D(t, lang, ('kv', list(zip(labels, vals))),
                 ('p', T('Formulaire AH-%d — version %s. Remplir en lettres moulées.' % (rng.randint(100, 799), day),
                         'Form AH-%d — revision %s. Please print clearly.' % (rng.randint(100, 799), day))))
    if kind == 'stats':
        rows = []
        for u in rng.sample(UNITS, 5):
            lits = rng.randint(18, 40)
            occ = rng.randint(10, lits)
            rows.append([u, str(lits), str(occ), '%d %%' % (100 * occ // lits), num(rng.uniform(3, 14), lang)])
        return D(T("Taux d'occupation — semaine du ", 'Occupancy — week of ') + day, lang,
                 ('table', T(['Unité', 'Lits', 'Occupés', 'Taux', 'DMS (j)'], ['Unit', 'Beds', 'Occupied', 'Rate', 'ALOS (d)']), rows),
                 ('p', T('Données agrégées, aucune donnée nominative. Source : tableau de bord de la DSP.',
                         'Aggregate figures only. Source: medical directorate dashboard.')))
    if kind == 'schedule':
        days = T(['Lun', 'Mar', 'Mer', 'Jeu', 'Ven'], ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])
        rows = [[staff_name(s, rng), s[3] if lang == 'fr' else s[4]] + [rng.choice(['J', 'S', 'N', '—', 'J', 'Garde']) for _ in days]
                for s in rng.sample(STAFF, 6)]
        return D(T('Horaire du personnel — ', 'Staff schedule — ') + rng.choice(UNITS) + ' — ' + day, lang,
                 ('table', [T('Nom', 'Name'), T('Titre', 'Title')] + days, rows))
    if kind == 'phones':
        rows = [[u, '%d' % rng.randint(2000, 6999), staff_name(rng.choice(STAFF), rng), '819-555-0%03d' % rng.randint(100, 199)]
                for u in rng.sample(UNITS, 6)]
        return D(T('Liste téléphonique interne', 'Internal phone list'), lang,
                 ('table', T(['Service', 'Poste', 'Responsable', 'Téléavertisseur'], ['Department', 'Ext.', 'Lead', 'Pager']), rows))
    if kind == 'minutes':
        a, b, c = rng.sample(STAFF, 3)
        return D(T('Procès-verbal — comité de prévention des infections', 'Minutes — infection control committee'), lang,
                 ('kv', [('Date', day), (T('Présents', 'Present'), ', '.join(staff_name(s, rng) for s in (a, b, c)))]),
                 ('p', T('1. Taux de C. difficile : 4,1 cas / 10 000 jours-présence, en baisse. 2. Audit hygiène des mains : 78 %% de conformité. '
                         '3. %s présentera la nouvelle procédure d’isolement le %s.' % (staff_name(a, rng), fmt_date(DAY0 + dt.timedelta(days=14), rng, lang)),
                         '1. C. difficile rate: 4.1 per 10,000 patient-days, decreasing. 2. Hand hygiene audit: 78%% compliance. '
                         '3. %s will present the new isolation procedure on %s.' % (staff_name(a, rng), fmt_date(DAY0 + dt.timedelta(days=14), rng, lang)))))
    if kind == 'policy':
        return D(T('Procédure — transmission des résultats critiques', 'Procedure — critical result reporting'), lang,
                 ('kv', [(T('Numéro', 'Number'), 'PRO-DSI-%03d' % rng.randint(1, 300)), (T('En vigueur', 'Effective'), day)]),
                 ('p', T('Tout résultat critique (ex. potassium > 6,0 mmol/L, troponine positive) doit être communiqué verbalement au médecin '
                         'traitant dans les 30 minutes. Le technologiste consigne l’heure, le nom du médecin joint et la relecture. '
                         'Ne jamais transmettre de renseignements nominatifs par courriel externe.',
                         'Any critical result (e.g. potassium > 6.0 mmol/L, positive troponin) must be phoned to the attending physician '
                         'within 30 minutes. The technologist records time, physician reached and read-back. '
                         'Never send identifiable information by external e-mail.')))
    if kind in ('invoice', 'stock'):
        items = ['Gants nitrile M (boîte 100)', 'Seringues 10 mL Luer-Lock', 'Cathéters IV 20G', 'Pansements Mepilex 10x10',
                 'Tubulures à perfusion', 'Masques N95 3M 1870+', 'Héparine 5000 U/mL fiole', 'Ceftriaxone 1 g fiole']
        rows = []
        for it in rng.sample(items, 5):
            rows.append([it, 'LOT %s%s' % (rng.choice(['KX', 'TRB', 'GA', 'MRZ']), rng.randint(1000000, 9999999)),
                         '%d' % rng.randint(1, 40), '%s $' % num(rng.uniform(20, 19) + rng.randint(20, 900), lang)])
        title = T('Facture ', 'Invoice ') + 'F-%d' % rng.randint(100000, 999999)
        return D(title, lang,
                 ('kv', [(T('Fournisseur', 'Supplier'), rng.choice(['Médi-Distribution inc. (fictif)', 'Fournitures Boréales ltée (fictif)'])),
                         (T('Bon de commande', 'PO number'), 'PO-45%08d' % rng.randint(0, 99999999)),
                         (T('No TPS', 'GST no.'), non_luhn9(rng) + ' RT0001'), ('Date', day),
                         (T('Livrer à', 'Ship to'), T('Magasin central, quai 3, ', 'Central stores, dock 3, ') + rng.choice(ORGS)[4])]),
                 ('table', T(['Article', 'Lot', 'Qté', 'Montant'], ['Item', 'Lot', 'Qty', 'Amount']), rows))
    if kind == 'equipment':
        rows = [[e, 'SN %s-%04d-%02d' % (rng.choice(['GE', 'PH', 'BX', 'ZO']), rng.randint(0, 9999), rng.randint(0, 99)),
                 '%s-%d' % (rng.choice(['A', 'B', 'C']), rng.randint(100, 499)), fmt_date(rday(rng, 300), rng, lang)]
                for e in rng.sample(['Pompe volumétrique', 'Moniteur multiparamètre', 'Défibrillateur', 'Échographe portable',
                                     'Glucomètre', 'Lit électrique', 'Tire-lait'], 5)]
        return D(T('Inventaire des équipements biomédicaux', 'Biomedical equipment inventory'), lang,
                 ('table', T(['Appareil', 'No de série', 'Local', 'Dernier entretien'], ['Device', 'Serial no.', 'Room', 'Last service']), rows))
    if kind == 'leaflet':
        return D(T('Vivre avec le diabète de type 2', 'Living with type 2 diabetes'), lang,
                 ('p', T("Le diabète de type 2 est une maladie chronique. Une glycémie à jeun entre 4 et 7 mmol/L et une HbA1c sous 7 % "
                         "sont généralement visées. La metformine est souvent le premier médicament prescrit.",
                         'Type 2 diabetes is a chronic disease. A fasting glucose of 4 to 7 mmol/L and an HbA1c below 7% are usual targets. '
                         'Metformin is often the first medication prescribed.')),
                 ('p', T('Questions ? Info-Santé 811. Document remis à titre informatif — ne remplace pas l’avis de votre médecin.',
                         'Questions? Call Info-Santé 811. For information only; does not replace medical advice.')))
    if kind == 'job':
        return D(T('Affichage de poste — infirmière clinicienne (nuit)', 'Job posting — clinical nurse (nights)'), lang,
                 ('kv', [(T('Numéro de concours', 'Posting no.'), '2026-%04d' % rng.randint(0, 9999)), (T('Unité', 'Unit'), rng.choice(UNITS)),
                         (T('Date limite', 'Closing date'), day), (T('Échelle salariale', 'Salary'), '29,12 $ à 51,47 $ / h')]),
                 ('p', T('Exigences : BAC en sciences infirmières, membre de l’OIIQ. Expérience en soins critiques un atout.',
                         'Requirements: BScN, OIIQ member. Critical care experience an asset.')))
    if kind == 'newsletter':
        s = rng.choice(STAFF)
        return D(T("L'Écho du CISSS — bulletin interne", 'Hospital news — staff bulletin'), lang,
                 ('p', T('Bienvenue à %s, qui se joint à l’équipe de %s. La campagne de vaccination antigrippale du personnel débute le %s : '
                         '1 240 doses administrées l’an dernier.' % (staff_name(s, rng), rng.choice(UNITS), day),
                         'Welcome to %s, joining the %s team. The staff flu campaign starts %s; 1,240 doses were given last year.'
                         % (staff_name(s, rng), rng.choice(UNITS), day))))
    if kind == 'template':
        return D(T('Modèle de lettre de convocation', 'Appointment letter template'), lang,
                 ('p', T('Madame, Monsieur [NOM DU PATIENT],\nNé(e) le [AAAA-MM-JJ] — NAM [XXXX 0000 0000]\n\n'
                         'Vous êtes convoqué(e) le [DATE] à [HEURE] à la clinique de [SERVICE]. Apportez votre carte d’assurance maladie.',
                         'Dear [PATIENT NAME],\nDOB [YYYY-MM-DD] — RAMQ [XXXX 0000 0000]\n\n'
                         'You have an appointment on [DATE] at [TIME] at the [CLINIC] clinic. Please bring your health card.')))
    # training
    rows = [[staff_name(s, rng), s[3] if lang == 'fr' else s[4], fmt_date(rday(rng), rng, lang), rng.choice(['Réussi', 'Complété', '—'])]
            for s in rng.sample(STAFF, 6)]
    return D(T('Registre de formation — RCR / SIR', 'Training log — CPR / ACLS'), lang,
             ('table', T(['Employé', 'Titre d’emploi', 'Date', 'Statut'], ['Employee', 'Job title', 'Date', 'Status']), rows))


def doc_lines(doc, sep=' | '):
    out = [doc['title'], '']
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out += b[1].split('\n') + ['']
        elif b[0] == 'kv':
            out += ['%s : %s' % kv if doc['lang'] == 'fr' else '%s: %s' % kv for kv in b[1]] + ['']
        else:
            out.append(sep.join(b[1]))
            out += [sep.join(r) for r in b[2]] + ['']
    return out


def doc_text(doc, sep=' | '):
    return '\n'.join(doc_lines(doc, sep))


def doc_rows(doc):
    """Two-dimensional view for spreadsheets / CSV."""
    rows = [[doc['title']]]
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            rows += [[l] for l in b[1].split('\n')]
        elif b[0] == 'kv':
            rows += [[k, v] for k, v in b[1]]
        else:
            rows.append(list(b[1]))
            rows += [list(r) for r in b[2]]
        rows.append([])
    return rows

# ---------------------------------------------------------------- image renderers


def wrap_px(draw, text, fnt, width):
    out = []
    for para in text.split('\n'):
        words, line = para.split(' '), ''
        for w in words:
            t = (line + ' ' + w).strip()
            if draw.textlength(t, font=fnt) <= width or not line:
                line = t
            else:
                out.append(line)
                line = w
        out.append(line)
    return out


def render_paper(doc, rng, width=1000, size=None, family=None, org=None, hand=False, max_h=1500):
    """White paper page with letterhead; returns RGB image."""
    size = size or rng.choice([20, 22, 24])
    family = family or rng.choice(['sans', 'serif', 'cond'])
    fam_b = {'sans': 'sans-b', 'serif': 'serif-b', 'cond': 'cond-b', 'mono': 'mono-b'}.get(family, 'sans-b')
    if hand:
        family, fam_b = rng.choice([('sans-i', 'sans-b'), ('serif-i', 'serif-b')])
    org = org or rng.choice(ORGS)
    ink = (20, 40, 140) if hand else (15, 15, 15)
    img = Image.new('RGB', (width, max_h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    m = 60
    y = 40
    f, fb, fh = font(family, size), font(fam_b, size), font(fam_b, int(size * 1.35))
    lh = int(size * 1.45)
    if hand:
        for yy in range(120, max_h, lh):
            d.line([(m - 20, yy + size + 4), (width - 30, yy + size + 4)], fill=(190, 205, 230), width=1)
    else:
        d.rectangle([m, y, m + 54, y + 54], fill=rng.choice([(0, 90, 160), (0, 120, 90), (130, 20, 60)]))
        d.text((m + 70, y), org[1], font=fb, fill=(15, 15, 15))
        d.text((m + 70, y + lh), '%s — %s — %s' % (org[2], org[4], org[3]), font=font(family, int(size * .8)), fill=(60, 60, 60))
        y += 70
        d.line([(m, y + 10), (width - m, y + 10)], fill=(0, 0, 0), width=2)
    y += 40
    d.text((m, y), doc['title'], font=fh, fill=ink)
    y += int(lh * 1.6)
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            for line in wrap_px(d, b[1], f, width - 2 * m):
                d.text((m, y), line, font=f, fill=ink)
                y += lh
            y += lh // 2
        elif b[0] == 'kv':
            lw = max(d.textlength(k + ' :', font=fb) for k, _ in b[1]) + 20
            for k, v in b[1]:
                d.text((m, y), k + (' :' if doc['lang'] == 'fr' else ':'), font=fb, fill=ink)
                if v.strip() in ('', '________________', '__________'):
                    d.line([(m + lw, y + size + 2), (width - m, y + size + 2)], fill=(90, 90, 90), width=1)
                else:
                    for i, line in enumerate(wrap_px(d, v, f, width - 2 * m - lw)):
                        if i:
                            y += lh
                        d.text((m + lw, y), line, font=f, fill=ink)
                y += lh
            y += lh // 2
        else:
            hdr, rows = b[1], b[2]
            ts = size
            while True:
                ft, ftb = font(family, ts), font(fam_b, ts)
                cw = [max([d.textlength(str(r[i]), font=ft) for r in rows] + [d.textlength(hdr[i], font=ftb)]) + 16 for i in range(len(hdr))]
                if sum(cw) <= width - 2 * m or ts <= 15:
                    break
                ts -= 1
            rh = int(ts * 1.6)
            x0 = m
            tw = sum(cw)
            d.rectangle([x0, y, x0 + tw, y + rh], fill=(225, 225, 225) if not hand else None)
            for ri, r in enumerate([hdr] + rows):
                x = x0
                for i, c in enumerate(r):
                    d.text((x + 8, y + (rh - ts) // 2 - 2), str(c), font=ftb if ri == 0 else ft, fill=ink)
                    x += cw[i]
                y += rh
                d.line([(x0, y), (x0 + tw, y)], fill=(80, 80, 80), width=1)
            x = x0
            for w in cw + [0]:
                d.line([(x, y - rh * (len(rows) + 1)), (x, y)], fill=(80, 80, 80), width=1)
                x += w
            y += lh
    y = max(y + 40, 600)
    return img.crop((0, 0, width, min(y, max_h)))


THEMES = [
    dict(bg=(250, 250, 250), fg=(20, 20, 20), bar=(0, 84, 147), bartxt=(255, 255, 255), ban=(222, 236, 250), tab=(235, 235, 235), sel=(255, 255, 255), grid=(200, 200, 200)),
    dict(bg=(30, 30, 34), fg=(230, 230, 230), bar=(50, 50, 58), bartxt=(240, 240, 240), ban=(60, 70, 90), tab=(45, 45, 50), sel=(70, 70, 80), grid=(90, 90, 100)),
    dict(bg=(255, 255, 255), fg=(10, 40, 30), bar=(0, 110, 90), bartxt=(255, 255, 255), ban=(255, 244, 200), tab=(220, 240, 232), sel=(255, 255, 255), grid=(170, 200, 190)),
    dict(bg=(236, 233, 216), fg=(0, 0, 0), bar=(10, 36, 106), bartxt=(255, 255, 255), ban=(255, 255, 225), tab=(212, 208, 200), sel=(255, 255, 255), grid=(128, 128, 128)),
    dict(bg=(18, 24, 38), fg=(200, 220, 255), bar=(10, 14, 24), bartxt=(120, 200, 255), ban=(40, 20, 30), tab=(28, 36, 56), sel=(44, 56, 86), grid=(60, 76, 110)),
]
APPS = ['ClinIQ DMÉ 8.2', 'LabVista — Résultats', 'PACS Horizon Web', 'PharmaSuite 11', 'Urgo-Track', 'MedArchive Pro']


def render_screen(doc, rng, banner, scale=1, theme=None, family=None):
    th = theme or rng.choice(THEMES)
    family = family or rng.choice(['sans', 'cond', 'mono', 'serif'])
    fb_name = {'sans': 'sans-b', 'cond': 'cond-b', 'mono': 'mono-b', 'serif': 'serif-b'}[family]
    s = scale
    W, H = 1280 * s, 820 * s
    sz = rng.choice([15, 16, 17, 18]) * s
    f, fb = font(family, sz), font(fb_name, sz)
    img = Image.new('RGB', (W, H), th['bg'])
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 34 * s], fill=th['bar'])
    app = rng.choice(APPS)
    d.text((12 * s, 7 * s), app + '  —  ' + rng.choice(ORGS)[2], font=fb, fill=th['bartxt'])
    d.text((W - 110 * s, 7 * s), '_   □   X', font=f, fill=th['bartxt'])
    menus = ['Fichier', 'Édition', 'Affichage', 'Patient', 'Outils', 'Aide'] if doc['lang'] == 'fr' else ['File', 'Edit', 'View', 'Patient', 'Tools', 'Help']
    x = 12 * s
    for mn in menus:
        d.text((x, 42 * s), mn, font=f, fill=th['fg'])
        x += d.textlength(mn, font=f) + 26 * s
    y = 72 * s
    d.rectangle([0, y, W, y + 44 * s], fill=th['ban'])
    d.text((14 * s, y + 11 * s), banner, font=fb, fill=th['fg'] if th['ban'][0] < 100 or th['ban'][0] > 200 else th['fg'])
    y += 52 * s
    tabs = ['Sommaire', 'Résultats', 'Médication', 'Notes', 'Imagerie', 'Documents'] if doc['lang'] == 'fr' else ['Summary', 'Results', 'Medications', 'Notes', 'Imaging', 'Documents']
    x, act = 10 * s, rng.randint(0, 5)
    for i, tb in enumerate(tabs):
        w = d.textlength(tb, font=f) + 30 * s
        d.rectangle([x, y, x + w, y + 32 * s], fill=th['sel'] if i == act else th['tab'], outline=th['grid'])
        d.text((x + 15 * s, y + 7 * s), tb, font=fb if i == act else f, fill=th['fg'])
        x += w + 4 * s
    y += 44 * s
    d.text((20 * s, y), doc['title'], font=font(fb_name, int(sz * 1.25)), fill=th['fg'])
    y += int(sz * 2.2)
    m = 20 * s
    lh = int(sz * 1.6)
    for b in doc['blocks']:
        if y > H - 60 * s:
            break
        if b[0] in ('h', 'p'):
            for line in wrap_px(d, b[1], f, W - 2 * m):
                d.text((m, y), line, font=f, fill=th['fg'])
                y += lh
            y += lh // 3
        elif b[0] == 'kv':
            cols = 2 if len(b[1]) > 3 else 1
            colw = (W - 2 * m) // cols
            for i, (k, v) in enumerate(b[1]):
                cx = m + (i % cols) * colw
                d.text((cx, y), k + ':', font=fb, fill=th['fg'])
                kw = d.textlength(k + ':', font=fb) + 12 * s
                d.rectangle([cx + kw - 4 * s, y - 3 * s, cx + colw - 20 * s, y + sz + 6 * s], outline=th['grid'])
                d.text((cx + kw, y), v, font=f, fill=th['fg'])
                if i % cols == cols - 1 or i == len(b[1]) - 1:
                    y += lh + 4 * s
            y += lh // 2
        else:
            hdr, rows = b[1], b[2]
            cw = [max([d.textlength(str(r[i]), font=f) for r in rows] + [d.textlength(hdr[i], font=fb)]) + 24 * s for i in range(len(hdr))]
            rh = int(sz * 1.8)
            d.rectangle([m, y, m + sum(cw), y + rh], fill=th['tab'])
            for ri, r in enumerate([hdr] + rows):
                if ri and ri % 2 == 0:
                    d.rectangle([m, y, m + sum(cw), y + rh], fill=th['sel'] if th['sel'] != th['bg'] else th['tab'])
                x = m
                for i, c in enumerate(r):
                    d.text((x + 10 * s, y + (rh - sz) // 2 - 2 * s), str(c), font=fb if ri == 0 else f, fill=th['fg'])
                    x += cw[i]
                y += rh
                d.line([(m, y), (m + sum(cw), y)], fill=th['grid'])
            y += lh
    d.rectangle([0, H - 30 * s, W, H], fill=th['tab'])
    st = rng.choice(STAFF)
    d.text((12 * s, H - 25 * s), 'Utilisateur : %s%s   |   Poste : CH-%s-PC%02d   |   2026-03-04 10:%02d' % (
        st[0][0].lower(), strip_acc(st[1]).lower(), rng.choice(['4N', '5S', 'URG', 'LAB']), rng.randint(1, 40), rng.randint(0, 59)),
        font=font(family, max(14 * s, sz - 2 * s)), fill=th['fg'])
    # crop unused space in the middle
    return img


def png_bytes(img, colors=32):
    bio = io.BytesIO()
    img.convert('RGB').quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(bio, 'PNG', optimize=True)
    return bio.getvalue()


def scanify(img, rng, angle=None, noise=True):
    g = img.convert('L')
    W, H = g.size
    pad = 40
    canvas = Image.new('L', (W + 2 * pad, H + 2 * pad), 236)
    canvas.paste(g, (pad, pad))
    ang = angle if angle is not None else rng.choice([-1, 1]) * rng.uniform(1, 4)
    canvas = canvas.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=rng.randint(225, 240))
    if noise:
        nz = Image.effect_noise(canvas.size, rng.uniform(14, 24))
        canvas = Image.blend(canvas, nz, 0.08)
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.5))
    # off-white: compress dynamic range
    canvas = canvas.point(lambda v: int(25 + v * 0.88))
    return canvas


def jpeg_bytes(img, q=60, orientation=None):
    bio = io.BytesIO()
    if orientation:
        tr = {6: Image.ROTATE_90, 8: Image.ROTATE_270, 3: Image.ROTATE_180}[orientation]
        img = img.transpose(tr)
        ex = Image.Exif()
        ex[0x0112] = orientation
        img.save(bio, 'JPEG', quality=q, exif=ex.tobytes())
    else:
        img.save(bio, 'JPEG', quality=q)
    return bio.getvalue()


def neg_banner(lang, rng):
    return rng.choice([('Aucun patient sélectionné', 'No patient selected'),
                       ('Tableau de bord — unité ' + rng.choice(UNITS), 'Dashboard — unit ' + rng.choice(UNITS)),
                       ('Recherche de patient : Nom [            ]  NAM [            ]  Dossier [          ]',
                        'Patient search: Name [            ]  RAMQ [            ]  MRN [          ]'),
                       ('Module administratif — gestion des stocks', 'Administration — inventory'),
                       ('Rapports statistiques — période 2026-P11', 'Statistics — period 2026-P11')])[0 if lang == 'fr' else 1]


def pos_banner(doc, p, lang, rng):
    nm = '%s, %s' % (p['sur'].upper(), p['given'])
    return '%s   |   %s %s   |   %s   |   %s %s   |   %s %s' % (
        nm, 'DDN' if lang == 'fr' else 'DOB', fmt_date(p['dob'], rng, lang, style=rng.choice([0, 1, 4])), p['sex'],
        'NAM' if lang == 'fr' else 'RAMQ', fmt_nam(p['nam'], rng), 'Dossier' if lang == 'fr' else 'MRN', p['dossier'])


def bar_chart(rng, lang):
    W, H = 900, 560
    img = Image.new('RGB', (W, H), 'white')
    d = ImageDraw.Draw(img)
    f = font('sans', 18)
    d.text((40, 20), ('Visites à l’urgence par mois — 2025' if lang == 'fr' else 'ED visits per month — 2025'), font=font('sans-b', 22), fill='black')
    vals = [rng.randint(2800, 4600) for _ in range(12)]
    mx = max(vals)
    for i, v in enumerate(vals):
        x = 70 + i * 66
        h = int(380 * v / mx)
        d.rectangle([x, 480 - h, x + 44, 480], fill=(30, 110, 180))
        d.text((x, 488), (MOIS if lang == 'fr' else MONTHS)[i][:3], font=f, fill='black')
        d.text((x - 4, 480 - h - 24), str(v), font=font('sans', 15), fill='black')
    d.line([(60, 480), (W - 20, 480)], fill='black', width=2)
    return img

# ---------------------------------------------------------------- office builders (zipfile)


def xe(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def zbytes(files):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode('utf-8'))
    return bio.getvalue()


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:v="urn:schemas-microsoft-com:vml"')
XH = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RELNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def wr(text, bold=False):
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % ('<w:rPr><w:b/></w:rPr>' if bold else '', xe(text))


def wp(text='', bold=False, extra=''):
    return '<w:p>%s%s</w:p>' % (wr(text, bold) if text else '', extra)


def wtable(rows):
    out = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>' + \
          ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % e for e in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV')) + \
          '</w:tblBorders></w:tblPr>'
    for r in rows:
        out += '<w:tr>' + ''.join('<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>%s</w:tc>' % wp(c) for c in r) + '</w:tr>'
    return out + '</w:tbl>'


def doc_wxml(doc):
    out = wp(doc['title'], True)
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out += ''.join(wp(l) for l in b[1].split('\n'))
        elif b[0] == 'kv':
            out += ''.join('<w:p>%s%s</w:p>' % (wr(k + ' : ', True), wr(v)) for k, v in b[1])
        else:
            out += wtable([b[1]] + b[2]) + wp()
    return out


def neutral_wxml(rng, lang):
    t = rng.choice([('Document numérisé', 'Scanned document'), ('Voir ci-dessous.', 'See below.'),
                    ('Copie pour information', 'Copy for information'), ('Note de service', 'Memo')])
    return wp(t[0] if lang == 'fr' else t[1], True) + wp(rng.choice(['Réf. interne : 2026-03-04', 'Version 1', 'Page 1', '']))


def docx(body, header=None, footer=None, comments=None, footnotes=None, endnotes=None, images=(), title='Document'):
    ct = [('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
          ('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml')]
    rels = []
    files = []
    sect = ''
    if header is not None:
        files.append(('word/header1.xml', XH + '<w:hdr %s>%s</w:hdr>' % (W_NS, header)))
        ct.append(('/word/header1.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml'))
        rels.append(('rIdH1', RELNS + '/header', 'header1.xml'))
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer is not None:
        files.append(('word/footer1.xml', XH + '<w:ftr %s>%s</w:ftr>' % (W_NS, footer)))
        ct.append(('/word/footer1.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml'))
        rels.append(('rIdF1', RELNS + '/footer', 'footer1.xml'))
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if comments is not None:
        files.append(('word/comments.xml', XH + '<w:comments %s><w:comment w:id="0" w:author="%s" w:date="2026-03-04T09:15:00Z" w:initials="XX">%s</w:comment></w:comments>' % (W_NS, xe(comments[0]), comments[1])))
        ct.append(('/word/comments.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml'))
        rels.append(('rIdC1', RELNS + '/comments', 'comments.xml'))
    for kind, content in (('footnote', footnotes), ('endnote', endnotes)):
        if content is not None:
            files.append(('word/%ss.xml' % kind, XH + '<w:%ss %s><w:%s w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:%s>'
                          '<w:%s w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:%s>'
                          '<w:%s w:id="1">%s</w:%s></w:%ss>' % (kind, W_NS, kind, kind, kind, kind, kind, content, kind, kind)))
            ct.append(('/word/%ss.xml' % kind, 'application/vnd.openxmlformats-officedocument.wordprocessingml.%ss+xml' % kind))
            rels.append(('rId%s1' % kind, RELNS + '/%ss' % kind, '%ss.xml' % kind))
    for i, (data, ext, cx, cy) in enumerate(images):
        files.append(('word/media/image%d.%s' % (i + 1, ext), data))
        rels.append(('rIdImg%d' % (i + 1), RELNS + '/image', 'media/image%d.%s' % (i + 1, ext)))
        body += ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>'
                 '<wp:docPr id="%d" name="Image %d"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                 '<pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.%s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg%d"/>'
                 '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
                 '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
                 % (cx, cy, i + 1, i + 1, i + 1, i + 1, ext, i + 1, cx, cy))
    docxml = XH + '<w:document %s><w:body>%s<w:sectPr>%s<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>' % (W_NS, body, sect)
    ctx = XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>' + \
        ''.join('<Override PartName="%s" ContentType="%s"/>' % o for o in ct) + '</Types>'
    rootrels = XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' % RELNS
    docrels = XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + \
        ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in rels) + '</Relationships>'
    core = XH + ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>Utilisateur</dc:creator>'
                 '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-04T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-04T09:00:00Z</dcterms:modified></cp:coreProperties>') % xe(title)
    return zbytes([('[Content_Types].xml', ctx), ('_rels/.rels', rootrels), ('word/document.xml', docxml),
                   ('word/_rels/document.xml.rels', docrels), ('docProps/core.xml', core)] + files)


def colref(c):
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, extra=''):
    out = []
    for ri, r in enumerate(rows):
        cells = ''.join('<c r="%s%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (colref(ci), ri + 1, xe(str(v)))
                        for ci, v in enumerate(r) if str(v) != '')
        out.append('<row r="%d">%s</row>' % (ri + 1, cells))
    return XH + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheetData>%s</sheetData>%s</worksheet>' % (RELNS, ''.join(out), extra)


def xlsx(sheets, defined=(), comment=None, image=None):
    """sheets: [(name, rows, state)], comment: (sheet_idx, cell, author, text), image: (sheet_idx, png)"""
    files, ct = [], []
    wbrels = []
    for i, (name, rows, state) in enumerate(sheets):
        srels, extra = [], ''
        if image and image[0] == i:
            extra += '<drawing r:id="rIdD1"/>'
            srels.append(('rIdD1', RELNS + '/drawing', '../drawings/drawing1.xml'))
            files.append(('xl/media/image1.png', image[1]))
            files.append(('xl/drawings/drawing1.xml', XH + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s">'
                          '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>34</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
                          '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdI1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                          '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>' % RELNS))
            files.append(('xl/drawings/_rels/drawing1.xml.rels', XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdI1" Type="%s/image" Target="../media/image1.png"/></Relationships>' % RELNS))
            ct.append(('/xl/drawings/drawing1.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml'))
        if comment and comment[0] == i:
            extra += '<legacyDrawing r:id="rIdV1"/>'
            srels.append(('rIdC1', RELNS + '/comments', '../comments1.xml'))
            srels.append(('rIdV1', RELNS + '/vmlDrawing', '../drawings/vmlDrawing1.vml'))
            files.append(('xl/comments1.xml', XH + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>%s</author></authors><commentList><comment ref="%s" authorId="0"><text><r><t xml:space="preserve">%s</t></r></text></comment></commentList></comments>' % (xe(comment[2]), comment[1], xe(comment[3]))))
            files.append(('xl/drawings/vmlDrawing1.vml', '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:80pt;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape></xml>' % (int(comment[1][1:]) - 1, ord(comment[1][0]) - 65)))
            ct.append(('/xl/comments1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml'))
        files.append(('xl/worksheets/sheet%d.xml' % (i + 1), sheet_xml(rows, extra)))
        if srels:
            files.append(('xl/worksheets/_rels/sheet%d.xml.rels' % (i + 1), XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in srels) + '</Relationships>'))
        ct.append(('/xl/worksheets/sheet%d.xml' % (i + 1), 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'))
        wbrels.append(('rId%d' % (i + 1), RELNS + '/worksheet', 'worksheets/sheet%d.xml' % (i + 1)))
    wbrels.append(('rIdS', RELNS + '/styles', 'styles.xml'))
    ct += [('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
           ('/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml')]
    sh = ''.join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xe(n), i + 1, (' state="%s"' % st) if st else '', i + 1) for i, (n, _, st) in enumerate(sheets))
    dn = ('<definedNames>%s</definedNames>' % ''.join('<definedName name="%s">%s</definedName>' % (n, xe(v)) for n, v in defined)) if defined else ''
    wb = XH + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets>%s</sheets>%s</workbook>' % (RELNS, sh, dn)
    styles = XH + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>'
    ctx = XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' + \
        ''.join('<Override PartName="%s" ContentType="%s"/>' % o for o in ct) + '</Types>'
    return zbytes([('[Content_Types].xml', ctx),
                   ('_rels/.rels', XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % RELNS),
                   ('xl/workbook.xml', wb), ('xl/styles.xml', styles),
                   ('xl/_rels/workbook.xml.rels', XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in wbrels) + '</Relationships>')] + files)


P_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"' % RELNS


def p_sp(idn, text_lines, x, y, cx, cy, size=2400):
    paras = ''.join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d"/><a:t>%s</a:t></a:r></a:p>' % (size, xe(l)) for l in text_lines) or '<a:p/>'
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Texte %d"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>%s</p:txBody></p:sp>' % (idn, idn, x, y, cx, cy, paras))


def pptx(slide_lines, image=None, notes=None):
    tree = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
    body = tree + p_sp(2, slide_lines, 457200, 300000, 8229600, 1400000, 2800)
    srels = [('rIdL', RELNS + '/slideLayout', '../slideLayouts/slideLayout1.xml')]
    files = []
    if image:
        body += ('<p:pic><p:nvPicPr><p:cNvPr id="3" name="Image 1"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rIdI"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                 '<p:spPr><a:xfrm><a:off x="914400" y="1600000"/><a:ext cx="7315200" cy="4800000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
        srels.append(('rIdI', RELNS + '/image', '../media/image1.' + image[1]))
        files.append(('ppt/media/image1.' + image[1], image[0]))
    ct = [('/ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'),
          ('/ppt/slides/slide1.xml', 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml'),
          ('/ppt/slideLayouts/slideLayout1.xml', 'application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml'),
          ('/ppt/slideMasters/slideMaster1.xml', 'application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml'),
          ('/ppt/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml')]
    if notes is not None:
        srels.append(('rIdN', RELNS + '/notesSlide', '../notesSlides/notesSlide1.xml'))
        files.append(('ppt/notesSlides/notesSlide1.xml', XH + '<p:notes %s><p:cSld><p:spTree>%s%s</p:spTree></p:cSld></p:notes>' % (
            P_NS, tree, p_sp(2, notes, 685800, 4343400, 5486400, 4114800, 1200).replace('<p:nvPr/>', '<p:nvPr><p:ph type="body" idx="1"/></p:nvPr>', 1))))
        files.append(('ppt/notesSlides/_rels/notesSlide1.xml.rels', XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/slide" Target="../slides/slide1.xml"/></Relationships>' % RELNS))
        ct.append(('/ppt/notesSlides/notesSlide1.xml', 'application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml'))
    rl = lambda rs: XH + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in rs) + '</Relationships>'
    theme = XH + ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Simple"><a:themeElements><a:clrScheme name="S">'
                  '<a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>'
                  + ''.join('<a:accent%d><a:srgbClr val="4F81BD"/></a:accent%d>' % (i, i) for i in range(1, 7)) +
                  '<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme>'
                  '<a:fontScheme name="S"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
                  '<a:fmtScheme name="S"><a:fillStyleLst>' + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 + '</a:fillStyleLst><a:lnStyleLst>' + '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>' * 3 +
                  '</a:lnStyleLst><a:effectStyleLst>' + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3 + '</a:effectStyleLst><a:bgFillStyleLst>' + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3 +
                  '</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')
    master = XH + '<p:sldMaster %s><p:cSld><p:spTree>%s</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>' % (P_NS, tree)
    layout = XH + '<p:sldLayout %s type="blank"><p:cSld name="Vide"><p:spTree>%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>' % (P_NS, tree)
    pres = XH + '<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>' % P_NS
    slide = XH + '<p:sld %s><p:cSld><p:spTree>%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>' % (P_NS, body)
    ctx = XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>' + \
        ''.join('<Override PartName="%s" ContentType="%s"/>' % o for o in ct) + '</Types>'
    return zbytes([('[Content_Types].xml', ctx), ('_rels/.rels', rl([('rId1', RELNS + '/officeDocument', 'ppt/presentation.xml')])),
                   ('ppt/presentation.xml', pres),
                   ('ppt/_rels/presentation.xml.rels', rl([('rId1', RELNS + '/slideMaster', 'slideMasters/slideMaster1.xml'), ('rId2', RELNS + '/slide', 'slides/slide1.xml'), ('rId3', RELNS + '/theme', 'theme/theme1.xml')])),
                   ('ppt/slides/slide1.xml', slide), ('ppt/slides/_rels/slide1.xml.rels', rl(srels)),
                   ('ppt/slideLayouts/slideLayout1.xml', layout), ('ppt/slideLayouts/_rels/slideLayout1.xml.rels', rl([('rId1', RELNS + '/slideMaster', '../slideMasters/slideMaster1.xml')])),
                   ('ppt/slideMasters/slideMaster1.xml', master), ('ppt/slideMasters/_rels/slideMaster1.xml.rels', rl([('rId1', RELNS + '/slideLayout', '../slideLayouts/slideLayout1.xml'), ('rId2', RELNS + '/theme', '../theme/theme1.xml')])),
                   ('ppt/theme/theme1.xml', theme)] + files)

# ---------------------------------------------------------------- PDF / RTF / TIFF


def pdf_lit(s):
    b = s.encode('cp1252', 'replace')
    out = ''
    for c in b:
        if c in (0x28, 0x29, 0x5c):
            out += '\\' + chr(c)
        elif c < 32 or c > 126:
            out += '\\%03o' % c
        else:
            out += chr(c)
    return '(' + out + ')'


def pdf_assemble(objs, root=1):
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + (o if isinstance(o, bytes) else o.encode('latin-1')) + b'\nendobj\n'
    x = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
    out += b'trailer\n<< /Size %d /Root %d 0 R /ID [<4e45585430303031> <4e45585430303031>] >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, root, x)
    return out


def stream(content):
    c = zlib.compress(content.encode('latin-1'))
    return b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(c) + c + b'\nendstream'


def pdf_text(lines_pages):
    # objs: 1 catalog, 2 pages, 3 font, then page/content pairs
    objs = ['<< /Type /Catalog /Pages 2 0 R >>', None, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']
    kids = []
    for lines in lines_pages:
        cs = 'BT /F1 10 Tf 14 TL 50 760 Td ' + ' '.join('%s \'' % pdf_lit(l[:110]) for l in lines[:52]) + ' ET'
        objs.append('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>' % (len(objs) + 2))
        kids.append(len(objs))
        objs.append(stream(cs))
    objs[1] = '<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join('%d 0 R' % k for k in kids), len(kids))
    return pdf_assemble(objs)


def pdf_val(s, mode):
    if s is None:
        return ''
    if mode == 'hex':
        return '/V <FEFF%s>' % s.encode('utf-16-be').hex().upper()
    return '/V ' + pdf_lit(s)


def pdf_form(title, fields, rng, note=''):
    """fields: [(label, name, value or None)]; labels drawn in page text, values only in /V."""
    objs = ['<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>', '<< /Type /Pages /Kids [5 0 R] /Count 1 >>',
            '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', None, None, None]
    cs = 'BT /F1 16 Tf 50 740 Td %s Tj ET ' % pdf_lit(title)
    annots = []
    y = 690
    for i, (lab, name, val) in enumerate(fields):
        mode = rng.choice(['lit', 'lit', 'hex'])
        cs += 'BT /F1 11 Tf 50 %d Td %s Tj ET 0.6 G 230 %d 320 20 re S ' % (y + 5, pdf_lit(lab), y)
        objs.append('<< /Type /Annot /Subtype /Widget /FT /Tx /T %s %s /Rect [230 %d 550 %d] /F 4 /P 5 0 R /DA (/Helv 10 Tf 0 g) /MK << /BC [0.6] >> >>'
                    % (pdf_lit(name), pdf_val(val, mode), y, y + 20))
        annots.append(len(objs))
        y -= 34
    if note:
        cs += 'BT /F1 9 Tf 50 %d Td %s Tj ET' % (y - 10, pdf_lit(note))
    objs[3] = '<< /Fields [%s] /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv 3 0 R >> >> >>' % ' '.join('%d 0 R' % a for a in annots)
    objs[4] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 6 0 R /Annots [%s] >>' % ' '.join('%d 0 R' % a for a in annots)
    objs[5] = stream(cs)
    return pdf_assemble(objs)


def rtf(doc, mode):
    def enc(s):
        o = ''
        for ch in s:
            c = ord(ch)
            if ch in '\\{}':
                o += '\\' + ch
            elif c < 128:
                o += ch
            elif mode == 'hex' and c < 256:
                o += "\\'%02x" % c
            elif mode == 'hex':
                try:
                    o += "\\'%02x" % ch.encode('cp1252')[0]
                except UnicodeEncodeError:
                    o += '\\u%d?' % (c if c < 32768 else c - 65536)
            else:
                o += '\\u%d?' % (c if c < 32768 else c - 65536)
        return o
    out = '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\froman Times New Roman;}}\\uc1\\f0\\fs22\r\n'
    out += '{\\b\\fs28 %s}\\par\\par\r\n' % enc(doc['title'])
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out += '\\par\r\n'.join(enc(l) for l in b[1].split('\n')) + '\\par\\par\r\n'
        elif b[0] == 'kv':
            for k, v in b[1]:
                out += '\\trowd\\trgaph108\\cellx3200\\cellx9000 \\intbl{\\b %s}\\cell %s\\cell\\row\r\n' % (enc(k), enc(v))
            out += '\\pard\\par\r\n'
        else:
            n = len(b[1])
            cx = ''.join('\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\clbrdrl\\brdrs\\clbrdrr\\brdrs\\cellx%d' % (int(9000 * (i + 1) / n)) for i in range(n))
            for ri, r in enumerate([b[1]] + b[2]):
                out += '\\trowd\\trgaph80%s \\intbl%s\\row\r\n' % (cx, ''.join((' {\\b %s}\\cell' if ri == 0 else ' %s\\cell') % enc(str(c)) for c in r))
            out += '\\pard\\par\r\n'
    return (out + '}\r\n').encode('ascii')


def fax_pages(pages, rng, header, compression):
    ims = []
    n = len(pages)
    for i, pg in enumerate(pages):
        W = 1728
        im = pg.convert('L')
        im = im.resize((W - 100, int(im.size[1] * (W - 100) / im.size[0])))
        page = Image.new('L', (W, max(2200, im.size[1] + 120)), 255)
        page.paste(im, (50, 90))
        d = ImageDraw.Draw(page)
        d.text((40, 20), '%s   P.%03d/%03d' % (header, i + 1, n), font=font('mono', 30), fill=0)
        ims.append(page.point(lambda v: 255 if v > 150 else 0).convert('1'))
    bio = io.BytesIO()
    ims[0].save(bio, 'TIFF', save_all=True, append_images=ims[1:], compression=compression, dpi=(200, 200))
    return bio.getvalue()

# ---------------------------------------------------------------- MIME


def h2047(s):
    try:
        s.encode('ascii')
        return s
    except UnicodeEncodeError:
        return '=?UTF-8?B?%s?=' % base64.b64encode(s.encode('utf-8')).decode()


def b64lines(data):
    e = base64.b64encode(data).decode()
    return '\r\n'.join(e[i:i + 76] for i in range(0, len(e), 76)) + '\r\n'


def crlf(t):
    return t.replace('\r\n', '\n').replace('\n', '\r\n')


def leaf(ctype, data, cte='base64', filename=None, disp=None, cid=None, fnmode='plain', charset=None):
    h = []
    if filename and fnmode == 'plain' and not filename.isascii():
        fnmode = 'std'  # what common clients do: RFC 2047 in name=, RFC 2231 in filename*=
    ct = ctype + ('; charset="%s"' % charset if charset else '')
    if filename and fnmode == 'plain':
        ct += '; name="%s"' % filename
    elif filename and fnmode in ('2047', 'std'):
        ct += ';\r\n name="%s"' % h2047(filename)
    h.append('Content-Type: ' + ct)
    h.append('Content-Transfer-Encoding: ' + cte)
    if cid:
        h.append('Content-ID: <%s>' % cid)
    if disp:
        dh = 'Content-Disposition: ' + disp
        if filename:
            if fnmode in ('2231', 'std'):
                dh += ";\r\n filename*=utf-8''%s" % quote(filename.encode('utf-8'), safe='')
            elif fnmode == '2047':
                dh += ';\r\n filename="%s"' % h2047(filename)
            else:
                dh += '; filename="%s"' % filename
        h.append(dh)
    if cte == 'base64':
        body = b64lines(data)
    elif cte == 'quoted-printable':
        body = quoprimime.body_encode(data.decode('latin-1'), maxlinelen=76, eol='\r\n') + '\r\n'
    else:
        body = crlf(data.decode('latin-1'))
        if not body.endswith('\r\n'):
            body += '\r\n'
    return '\r\n'.join(h) + '\r\n\r\n' + body


def multi(sub, parts, boundary, extra=''):
    out = 'Content-Type: multipart/%s; boundary="%s"%s\r\n\r\n' % (sub, boundary, extra)
    out += 'This is a multi-part message in MIME format.\r\n'
    for p in parts:
        out += '--%s\r\n%s' % (boundary, p)
    return out + '--%s--\r\n' % boundary


def text_part(t, charset='utf-8', cte=None):
    data = crlf(t).encode(charset)
    if cte is None:
        try:
            t.encode('ascii')
            cte = '7bit'
        except UnicodeEncodeError:
            cte = 'quoted-printable'
    return leaf('text/plain', data, cte, charset=charset)


class Ctx:
    def __init__(self, rng, idx, label):
        self.rng, self.idx, self.label = rng, idx, label
        self.org = rng.choice(ORGS)
        self.st = rng.choice(STAFF)
        self.rc = rng.choice(RECIP)
        self.lang = pick_lang(rng)
        self.nb = 0

    def bnd(self):
        self.nb += 1
        return '----=_Part_%d_%04d.%d' % (self.idx, 1000 + self.nb * 7, 20260304)

    def body(self):
        r = self.rng
        t = r.choice(BODIES_FR if self.lang == 'fr' else BODIES_EN).format(r=self.rc[0])
        return t + '\n%s\n%s\n%s\n%s\n' % (staff_name(self.st, r), self.st[3] if self.lang == 'fr' else self.st[4], self.org[2], self.org[3])

    def fname(self, ext):
        b = self.rng.choice(BASENAMES)
        if ext in ('jpg', 'jpeg') and self.rng.random() < .4:
            b = 'IMG_%d' % self.rng.randint(1000, 9999)
        return '%s.%s' % (b, ext)

    def wrap(self, top, subject=None):
        r = self.rng
        frm = '%s.%s@%s' % (strip_acc(self.st[0]).lower(), strip_acc(self.st[1]).lower(), self.org[0])
        to = '%s.%s@%s' % (strip_acc(self.rc[0]).lower(), strip_acc(self.rc[1]).lower(), r.choice(OUTSIDE))
        subj = subject or r.choice(SUBJECTS)
        d = DAY0 - dt.timedelta(days=r.randint(0, 40))
        wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d.weekday()]
        mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.month - 1]
        hdr = ['From: "%s %s" <%s>' % (h2047(self.st[0]), h2047(self.st[1]), frm) if not self.st[0].isascii() or not self.st[1].isascii()
               else 'From: "%s %s" <%s>' % (self.st[0], self.st[1], frm),
               'To: %s' % to, 'Subject: %s' % h2047(subj),
               'Date: %s, %02d %s %d %02d:%02d:00 -0500' % (wd, d.day, mon, d.year, r.randint(7, 19), r.randint(0, 59)),
               'Message-ID: <fn%04d.%s@%s>' % (self.idx, self.label[:3], self.org[0]), 'MIME-Version: 1.0']
        return ('\r\n'.join(hdr) + '\r\n' + top).encode('latin-1') if isinstance(top, str) else top

    def mixed(self, attachments, body=None):
        parts = [text_part(body or self.body())] + attachments
        return multi('mixed', parts, self.bnd())


def att(ctx, ctype, data, ext=None, name=None, fnmode='plain', disp='attachment'):
    return leaf(ctype, data, 'base64', filename=name or ctx.fname(ext), disp=disp, fnmode=fnmode)

# ---------------------------------------------------------------- categories


def content(ctx, kind=None):
    r = ctx.rng
    if ctx.label == 'positive':
        return pos_doc(r, kind, ctx.lang)
    return neg_doc(r, kind, ctx.lang)


def img_of(ctx, doc=None, screen=False):
    r = ctx.rng
    doc = doc or content(ctx)
    if screen:
        ban = pos_banner(doc, _LAST['p'], ctx.lang, r) if ctx.label == 'positive' else neg_banner(ctx.lang, r)
        return render_screen(doc, r, ban)
    return render_paper(doc, r, width=r.choice([900, 1000]), org=ctx.org, hand=r.random() < .15)


def c_screenshot(ctx, i):
    r = ctx.rng
    doc = content(ctx)
    ban = pos_banner(doc, _LAST['p'], ctx.lang, r) if ctx.label == 'positive' else neg_banner(ctx.lang, r)
    scale = 2 if i % 3 == 2 else 1
    im = render_screen(doc, r, ban, scale=scale, theme=THEMES[i % len(THEMES)])
    return ctx.mixed([att(ctx, 'image/png', png_bytes(im), 'png')])


def c_scan(ctx, i):
    r = ctx.rng
    if ctx.label == 'negative' and i == 5:
        im = bar_chart(r, ctx.lang)
    else:
        im = img_of(ctx)
    sc = scanify(im, r)
    orient = [None, 6, None, 8, 3, None][i % 6]
    return ctx.mixed([att(ctx, 'image/jpeg', jpeg_bytes(sc, 58, orient), 'jpg')])


def c_inline(ctx, i):
    r = ctx.rng
    im = img_of(ctx, screen=(i % 2 == 0))
    if i % 2 == 0:
        data, ct, ext = png_bytes(im), 'image/png', 'png'
    else:
        data, ct, ext = jpeg_bytes(scanify(im, r), 60), 'image/jpeg', 'jpg'
    cid = 'image%03d.%s@%s' % (i + 1, ext, ctx.org[0])
    body = ctx.body()
    html = '<html><body><div style="font-family:Calibri,sans-serif">%s</div><p><img src="cid:%s" width="%d"></p></body></html>' % (
        '<br>'.join(xe(l) for l in body.split('\n')), cid, min(800, im.size[0]))
    rel = multi('related', [leaf('text/html', html.encode('utf-8'), 'quoted-printable', charset='utf-8'),
                            leaf(ct, data, 'base64', filename=ctx.fname(ext), disp='inline', cid=cid)], ctx.bnd(), '; type="text/html"')
    if i % 3 == 0:
        return multi('alternative', [text_part(body), rel], ctx.bnd())
    return rel


def tiny_logo(r, org, w=220, h=70):
    im = Image.new('RGB', (w, h), 'white')
    d = ImageDraw.Draw(im)
    col = r.choice([(0, 90, 160), (0, 120, 90), (130, 20, 60)])
    d.ellipse([6, 6, h - 6, h - 6], fill=col)
    d.text((h + 6, h // 2 - 12), org[1].split(' (')[0][:18], font=font('sans-b', 16), fill=col)
    return im


def c_small(ctx, i):
    r = ctx.rng
    body = ctx.body()
    hb = '<br>'.join(xe(l) for l in body.split('\n'))
    bio = io.BytesIO()
    if i == 0 or i == 5:
        parts = []
        html = '<html><body><p>%s</p><img src="cid:logo@sig" alt="logo">' % hb
        parts.append(('logo@sig', png_bytes(tiny_logo(r, ctx.org), 16), 'image/png', 'logo.png'))
        if i == 5:
            sig = Image.new('RGB', (360, 90), 'white')
            dd = ImageDraw.Draw(sig)
            dd.text((8, 8), staff_name(ctx.st, r), font=font('serif-i', 26), fill=(20, 40, 140))
            dd.text((8, 50), '%s  |  %s' % (ctx.st[3], ctx.org[3]), font=font('sans', 15), fill=(60, 60, 60))
            parts.append(('sig@sig', png_bytes(sig, 16), 'image/png', 'signature.png'))
            html += '<br><img src="cid:sig@sig">'
        html += '</body></html>'
        ps = [leaf('text/html', html.encode('utf-8'), 'quoted-printable', charset='utf-8')] + \
             [leaf(ct, dat, 'base64', filename=fn, disp='inline', cid=cid) for cid, dat, ct, fn in parts]
        return multi('related', ps, ctx.bnd(), '; type="text/html"')
    if i == 1:
        Image.new('P', (1, 1), 0).save(bio, 'GIF', transparency=0)
        html = '<html><body><h2>%s</h2><p>%s</p><img src="cid:px@news" width="1" height="1"></body></html>' % (
            xe(neg_doc(r, 'newsletter', ctx.lang)['title']), hb)
        return multi('related', [leaf('text/html', html.encode('utf-8'), 'quoted-printable', charset='utf-8'),
                                 leaf('image/gif', bio.getvalue(), 'base64', filename='spacer.gif', disp='inline', cid='px@news')], ctx.bnd())
    if i in (2, 6):
        atts = []
        for k, col in enumerate([(59, 89, 152), (29, 161, 242), (200, 30, 30)][:2 + (i == 6)]):
            ic = Image.new('RGB', (32, 32), col)
            ImageDraw.Draw(ic).text((9, 4), 'fti'[k], font=font('sans-b', 20), fill='white')
            atts.append(att(ctx, 'image/png', png_bytes(ic, 8), name='icon%d.png' % (k + 1), disp='inline'))
        return ctx.mixed(atts)
    if i == 3:
        return ctx.mixed([att(ctx, 'image/jpeg', jpeg_bytes(tiny_logo(r, ctx.org, 300, 90), 80), name='logo.jpg')])
    # i == 4: signature as GIF attachment
    sig = Image.new('RGB', (300, 60), 'white')
    ImageDraw.Draw(sig).text((6, 14), staff_name(ctx.st, r), font=font('serif-i', 24), fill=(0, 0, 0))
    sig.convert('P').save(bio, 'GIF')
    return ctx.mixed([att(ctx, 'image/gif', bio.getvalue(), name='image002.gif', disp='inline')])


def cover_page(ctx):
    r = ctx.rng
    lang = ctx.lang
    T = (lambda f, e: f if lang == 'fr' else e)
    return render_paper(D(T('Bordereau de transmission', 'Fax cover sheet'), lang,
                          ('kv', [(T('De', 'From'), staff_name(ctx.st, r)), (T('À', 'To'), '%s %s' % ctx.rc),
                                  (T('Nombre de pages', 'Pages'), '3'), ('Date', fmt_date(DAY0, r, lang))]),
                          ('p', T('AVIS DE CONFIDENTIALITÉ : ce document est destiné exclusivement au destinataire. '
                                  'Si vous l’avez reçu par erreur, veuillez nous aviser et le détruire.',
                                  'CONFIDENTIALITY NOTICE: intended only for the addressee. If received in error, notify us and destroy it.'))),
                        r, width=1000, org=ctx.org)


def page_set(ctx, n):
    r = ctx.rng
    pages = [cover_page(ctx)] + [render_paper(neg_doc(r, r.choice(['policy', 'leaflet', 'minutes']), ctx.lang), r, width=1000, org=ctx.org)
                                 for _ in range(n - 1)]
    k = r.randrange(n)
    if ctx.label == 'positive' or r.random() < .7:
        pages[k] = render_paper(content(ctx), r, width=1000, org=ctx.org)
    return pages


def c_scanned_pdf(ctx, i):
    r = ctx.rng
    n = [1, 2, 3][i % 3]
    pages = [scanify(p, r).resize((850, int(850 * p.size[1] / p.size[0]) + 60)) for p in page_set(ctx, n)]
    bio = io.BytesIO()
    pages[0].save(bio, 'PDF', save_all=True, append_images=pages[1:], resolution=100.0, quality=55,
                  title='', producer='Scanner', creationDate=__import__("time").gmtime(FIXED_EPOCH), modDate=__import__("time").gmtime(FIXED_EPOCH))
    return ctx.mixed([att(ctx, 'application/pdf', bio.getvalue(), 'pdf')])


def c_fax(ctx, i):
    r = ctx.rng
    n = [2, 3, 1, 3, 2, 3][i % 6]
    pages = page_set(ctx, n)
    hdr = '%s 10:%02d  DE: %s  %s' % (fmt_date(DAY0, r, 'fr', style=r.choice([0, 1])), r.randint(0, 59), ctx.org[3], strip_acc(ctx.org[2]).upper()[:28])
    data = fax_pages(pages, r, hdr, 'group4' if i % 2 == 0 else 'tiff_lzw')
    return ctx.mixed([att(ctx, 'image/tiff', data, 'tif')])


def c_office_img(ctx, i):
    r = ctx.rng
    im = img_of(ctx, screen=(i % 2 == 1))
    data = png_bytes(im, 24)
    w, h = im.size
    kind = ['docx', 'xlsx', 'pptx'][i % 3]
    if kind == 'docx':
        f = docx(neutral_wxml(r, ctx.lang), images=[(data, 'png', 5486400, int(5486400 * h / w))])
        ct = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    elif kind == 'xlsx':
        f = xlsx([('Feuil1', [['Voir image' if ctx.lang == 'fr' else 'See picture'], ['Réf. 2026-03-04']], None)], image=(0, data))
        ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    else:
        f = pptx(['Point de situation' if ctx.lang == 'fr' else 'Status update'], image=(data, 'png'))
        ct = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
    return ctx.mixed([att(ctx, ct, f, kind)])


CT_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
CT_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
CT_PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
HIDDEN_POS = ['header', 'footnote', 'tracked-del', 'textbox', 'veryhidden', 'cellcomment', 'definedname', 'notes']
HIDDEN_NEG = ['footer', 'comment', 'endnote', 'tracked-ins', 'hidden', 'second', 'header', 'notes']


def short_text(ctx):
    """One or two lines of data (positive) or neutral-but-clinical text (negative)."""
    r = ctx.rng
    d = content(ctx, r.choice(['namonly', 'consult', 'referral', 'labs', 'imaging']) if ctx.label == 'positive'
                else r.choice(['policy', 'minutes', 'blankform', 'stats', 'phones', 'template']))
    return d, [l for l in doc_lines(d) if l.strip()][:14]


def c_hidden(ctx, i):
    r = ctx.rng
    v = (HIDDEN_POS if ctx.label == 'positive' else HIDDEN_NEG)[i]
    d, lines = short_text(ctx)
    neutral = neutral_wxml(r, ctx.lang) + wp('Merci de prendre connaissance du document.' if ctx.lang == 'fr' else 'Please review.')
    hp = ''.join(wp(l) for l in lines)
    author = '%s %s' % (ctx.st[0], ctx.st[1])
    if v in ('header', 'footer', 'comment', 'footnote', 'endnote', 'tracked-del', 'tracked-ins', 'textbox'):
        kw = {}
        body = neutral
        if v == 'header':
            kw['header'] = hp
        elif v == 'footer':
            kw['footer'] = hp
        elif v == 'comment':
            kw['comments'] = (author, hp)
            body = '<w:p><w:commentRangeStart w:id="0"/>%s<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>' % wr('Voir remarque.' if ctx.lang == 'fr' else 'See note.') + neutral
        elif v in ('footnote', 'endnote'):
            kw[v + 's'] = hp
            body = neutral + '<w:p>%s<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:%sReference w:id="1"/></w:r></w:p>' % (wr('Référence' if ctx.lang == 'fr' else 'Reference'), v)
        elif v.startswith('tracked'):
            tag, tt = ('del', 'delText') if v == 'tracked-del' else ('ins', 't')
            body = neutral + ''.join('<w:p><w:%s w:id="%d" w:author="%s" w:date="2026-03-04T09:20:00Z"><w:r><w:%s xml:space="preserve">%s</w:%s></w:r></w:%s></w:p>'
                                     % (tag, k + 10, xe(author), tt, xe(l), tt, tag) for k, l in enumerate(lines))
        else:
            body = neutral + '<w:p><w:r><w:pict><v:shape id="tb1" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:10pt;width:200pt;height:160pt"><v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>' % hp
        return ctx.mixed([att(ctx, CT_DOCX, docx(body, **kw), 'docx')])
    if v == 'notes':
        return ctx.mixed([att(ctx, CT_PPTX, pptx(['Caucus du matin' if ctx.lang == 'fr' else 'Morning huddle', 'Ordre du jour'], notes=lines), 'pptx')])
    cover = [['Tableau de suivi' if ctx.lang == 'fr' else 'Tracking sheet'], ['Mise à jour', '2026-03-04'], ['Voir onglets' if ctx.lang == 'fr' else 'See tabs']]
    rows = doc_rows(d)
    if v in ('hidden', 'veryhidden', 'second'):
        st = {'hidden': 'hidden', 'veryhidden': 'veryHidden', 'second': None}[v]
        f = xlsx([('Sommaire', cover, None), ('Feuil2' if v == 'second' else 'data', rows, st)])
    elif v == 'cellcomment':
        f = xlsx([('Feuil1', cover, None)], comment=(0, 'B2', author, '\n'.join(lines)))
    else:
        f = xlsx([('Feuil1', cover, None)], defined=[('Ref_%d' % k, '"%s"' % l.replace('"', "'")[:250]) for k, l in enumerate(lines[:6])])
    return ctx.mixed([att(ctx, CT_XLSX, f, 'xlsx')])


def c_fillable(ctx, i):
    r = ctx.rng
    lang = ctx.lang
    T = (lambda f, e: f if lang == 'fr' else e)
    if ctx.label == 'positive':
        d = content(ctx, r.choice(['consult', 'disability', 'cnesst', 'namonly', 'imaging', 'pharmacy']))
        kv = [b for b in d['blocks'] if b[0] == 'kv'][0][1]
        fields = [(k, 'f%d' % n, v) for n, (k, v) in enumerate(kv)]
        if i % 3 == 0:  # add an escaped literal
            fields.append((T('Remarque', 'Note'), 'note', T('Suivi (urgent) \\ voir dossier', 'Follow-up (urgent) \\ see chart')))
        title = d['title']
    else:
        d = neg_doc(r, 'blankform', lang)
        kv = d['blocks'][0][1]
        mode = i % 3
        if mode == 0:
            fields = [(k, 'f%d' % n, None) for n, (k, v) in enumerate(kv)]
        elif mode == 1:
            fields = [(k, 'f%d' % n, '') for n, (k, v) in enumerate(kv)]
        else:  # filled, but a staff training registration
            s = r.choice(STAFF)
            d = D(T('Inscription — formation RCR', 'Registration — CPR course'), lang)
            fields = [(T('Nom de l’employé', 'Employee name'), 'emp', '%s %s' % (s[0], s[1])), (T('Titre d’emploi', 'Job title'), 'titre', s[3]),
                      (T('Unité', 'Unit'), 'unite', r.choice(UNITS)), (T('Date de la session', 'Session date'), 'date', fmt_date(DAY0, r, lang)),
                      (T('Poste téléphonique', 'Extension'), 'poste', str(r.randint(2000, 6999)))]
        title = d['title']
    return ctx.mixed([att(ctx, 'application/pdf', pdf_form(title, fields, r, note=T('Formulaire à remplir à l’écran', 'Fill on screen')), 'pdf')])


def c_rtf(ctx, i):
    doc = content(ctx)
    return ctx.mixed([att(ctx, 'application/rtf' if i % 2 else 'text/rtf', rtf(doc, 'hex' if i % 2 == 0 else 'u'), 'rtf')])


def c_unicode(ctx, i):
    doc = content(ctx)
    variants = [('utf-16', 'txt', 'text/plain; charset="utf-16"', lambda t: t.encode('utf-16')),
                ('utf-16be', 'csv', 'text/csv; charset="utf-16be"', lambda t: t.encode('utf-16-be')),
                ('utf-16le', 'txt', 'application/octet-stream', lambda t: t.encode('utf-16-le')),
                ('utf-32', 'txt', 'text/plain; charset="utf-32"', lambda t: t.encode('utf-32')),
                ('utf-16be-bom', 'csv', 'application/octet-stream', lambda t: b'\xfe\xff' + t.encode('utf-16-be')),
                ('utf-32be', 'txt', 'text/plain; charset="utf-32be"', lambda t: t.encode('utf-32-be'))]
    _, ext, ct, enc = variants[i % 6]
    sep = ';' if ext == 'csv' else '\t'
    t = crlf(doc_text(doc, sep))
    return ctx.mixed([leaf(ct, enc(t), 'base64', filename=ctx.fname(ext), disp='attachment')])


def csv_text(doc):
    s = io.StringIO()
    w = csv.writer(s, delimiter=';', lineterminator='\r\n')
    for row in doc_rows(doc):
        w.writerow(row)
    return s.getvalue()


def tar_bytes(files, gz):
    bio = io.BytesIO()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT) as tf:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode, ti.uname, ti.gname = len(data), FIXED_EPOCH, 0o644, 'user', 'user'
            tf.addfile(ti, io.BytesIO(data))
    if not gz:
        return raw.getvalue()
    with gzip.GzipFile(fileobj=bio, mode='wb', mtime=0) as g:
        g.write(raw.getvalue())
    return bio.getvalue()


def c_archive(ctx, i):
    r = ctx.rng
    doc = content(ctx)
    other = neg_doc(r, r.choice(['policy', 'phones', 'stats']), ctx.lang)
    v = i % 6
    base = r.choice(['fichiers', 'export', 'documents', 'archive', 'envoi'])
    if v == 0:
        data, ct, ext = zbytes([('fichier.csv', csv_text(doc).encode('utf-8-sig')), ('lisezmoi.txt', crlf(doc_text(other)).encode('utf-8'))]), 'application/zip', 'zip'
    elif v == 1:
        data, ct, ext = tar_bytes([('export/donnees.txt', crlf(doc_text(doc)).encode('utf-8')), ('export/notes.txt', crlf(doc_text(other)).encode('utf-8'))], False), 'application/x-tar', 'tar'
    elif v == 2:
        data, ct, ext = tar_bytes([('document.docx', docx(doc_wxml(doc)))], True), 'application/gzip', 'tar.gz'
    elif v == 3:
        data, ct, ext = tar_bytes([('envoi/page.pdf', pdf_text([doc_lines(doc)])), ('envoi/procedure.pdf', pdf_text([doc_lines(other)]))], True), 'application/x-gtar', 'tgz'
    elif v == 4:
        bio = io.BytesIO()
        with gzip.GzipFile(filename='export.csv', fileobj=bio, mode='wb', mtime=0) as g:
            g.write(csv_text(doc).encode('cp1252', 'replace'))
        data, ct, ext, base = bio.getvalue(), 'application/gzip', 'csv.gz', 'export'
    else:
        inner = zbytes([('dossier/texte.txt', crlf(doc_text(doc)).encode('utf-8'))])
        data, ct, ext = zbytes([('lot/annexe.zip', inner), ('lot/lisezmoi.txt', b'Voir annexe.\r\n')]), 'application/zip', 'zip'
    return ctx.mixed([leaf(ct, data, 'base64', filename='%s.%s' % (base, ext), disp='attachment')])


def html_table(doc, entities):
    def h(s):
        s = xe(s)
        if entities == 'named':
            return ''.join({'é': '&eacute;', 'è': '&egrave;', 'à': '&agrave;', 'ê': '&ecirc;', 'ç': '&ccedil;', 'ô': '&ocirc;',
                            'É': '&Eacute;', 'â': '&acirc;', 'û': '&ucirc;', 'ï': '&iuml;', 'î': '&icirc;', '’': '&rsquo;'}.get(c, c if ord(c) < 128 else '&#%d;' % ord(c)) for c in s)
        return ''.join(c if ord(c) < 128 else '&#%d;' % ord(c) for c in s)
    out = '<h3>%s</h3>' % h(doc['title'])
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out += '<p>%s</p>' % '<br>'.join(h(l) for l in b[1].split('\n'))
        elif b[0] == 'kv':
            out += '<table border="1" cellpadding="3">' + ''.join('<tr><td><b>%s</b></td><td>%s</td></tr>' % (h(k), h(v)) for k, v in b[1]) + '</table>'
        else:
            out += '<table border="1" cellpadding="3"><tr>%s</tr>%s</table>' % (''.join('<th>%s</th>' % h(c) for c in b[1]),
                                                                                ''.join('<tr>%s</tr>' % ''.join('<td>%s</td>' % h(c) for c in r) for r in b[2]))
    return out


def c_encodings(ctx, i):
    r = ctx.rng
    doc = content(ctx)
    body = ctx.body()
    v = i % 6
    full = body.split('\n\n')[0] + '\n\n' + doc_text(doc) + '\n' + '\n'.join(body.split('\n\n')[1:])
    if v == 0:
        return leaf('text/plain', crlf(full).encode('iso-8859-1', 'replace'), 'quoted-printable', charset='iso-8859-1')
    if v == 1:
        return leaf('text/plain', crlf(full).encode('utf-8'), 'base64', charset='utf-8')
    if v == 2:
        html = '<html><body><p>%s</p>%s</body></html>' % (xe(body.split('\n\n')[0]), html_table(doc, 'named'))
        return leaf('text/html', html.encode('ascii'), '7bit', charset='us-ascii')
    if v == 3:
        t = full.replace("'", '’').replace(' - ', ' – ')
        return leaf('text/plain', crlf(t).encode('windows-1252', 'replace'), '8bit', charset='windows-1252')
    if v == 4:
        name = r.choice(['Document demandé', 'Pièce jointe', 'Résumé', 'Numérisation']) + '.txt'
        return ctx.mixed([leaf('text/plain', crlf(doc_text(doc)).encode('utf-8'), 'quoted-printable', filename=name, disp='attachment', fnmode='2231', charset='utf-8')])
    name = r.choice(['Copie conforme', 'Données à vérifier', 'Fichier reçu']) + '.html'
    html = '<html><head><meta charset="windows-1252"></head><body>%s</body></html>' % html_table(doc, 'numeric')
    return ctx.mixed([leaf('text/html', html.encode('windows-1252'), 'base64', filename=name, disp='attachment', fnmode='2047', charset='windows-1252')])


LEGACY = ['doc', 'doc', 'xls', 'doc', 'xls', 'doc']  # a .ppt from LibreOffice exceeded 400 KB, so none


def c_legacy(ctx, i, pending):
    """Writes a source file; conversion is batched later. Returns a placeholder token."""
    doc = content(ctx)
    kind = LEGACY[i % 6]
    src = os.path.join(BUILD, '%s-%02d' % (ctx.label[:3], i))
    if kind == 'doc':
        open(src + '.docx', 'wb').write(docx(doc_wxml(doc)))
        pending.append((src + '.docx', 'doc'))
    elif kind == 'xls':
        open(src + '.xlsx', 'wb').write(xlsx([('Feuil1', doc_rows(doc), None)]))
        pending.append((src + '.xlsx', 'xls'))
    else:
        open(src + '.pptx', 'wb').write(pptx([l for l in doc_lines(doc) if l.strip()][:12]))
        pending.append((src + '.pptx', 'ppt'))
    return ('LEGACY', os.path.basename(src), kind, ctx)

# ---------------------------------------------------------------- main
CATS = [('screenshot', c_screenshot, 6, 6), ('scan', c_scan, 6, 6), ('inline-image', c_inline, 6, 6),
        ('small-images', c_small, 0, 7), ('scanned-pdf', c_scanned_pdf, 6, 6), ('fax-tiff', c_fax, 6, 6),
        ('office-embedded-image', c_office_img, 6, 6), ('office-hidden-parts', c_hidden, 8, 8),
        ('fillable-pdf', c_fillable, 6, 6), ('legacy-office', None, 6, 6), ('rich-text', c_rtf, 6, 6),
        ('unicode-text', c_unicode, 6, 6), ('archives', c_archive, 6, 6), ('encodings', c_encodings, 6, 6)]
LEGACY_CT = {'doc': 'application/msword', 'xls': 'application/vnd.ms-excel', 'ppt': 'application/vnd.ms-powerpoint'}


def main():
    for sub in ('positive', 'negative'):
        d = os.path.join(HERE, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    if os.path.isdir(BUILD):
        shutil.rmtree(BUILD)
    os.makedirs(BUILD)
    rows, pending, legacy = [], [], []
    counter = {'positive': 0, 'negative': 0}
    idx = 0
    for cat, fn, npos, nneg in CATS:
        for label, n in (('positive', npos), ('negative', nneg)):
            for i in range(n):
                idx += 1
                counter[label] += 1
                rng = random.Random('%d-%s-%s-%d' % (SEED, cat, label, i))
                ctx = Ctx(rng, idx, label)
                rel = '%s/%03d-%s.eml' % (label, counter[label], cat)
                rows.append((rel, label, cat))
                if fn is None:
                    legacy.append((rel, c_legacy(ctx, i, pending)))
                    continue
                msg = ctx.wrap(fn(ctx, i))
                open(os.path.join(HERE, rel), 'wb').write(msg)
    # batch LibreOffice conversions
    prof = 'file:///tmp/lo-profile-next'
    for target in ('doc', 'xls', 'ppt'):
        srcs = [s for s, t in pending if t == target]
        if srcs:
            subprocess.run(['soffice', '-env:UserInstallation=' + prof, '--headless', '--convert-to', target, '--outdir', BUILD] + srcs,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for rel, (_, base, kind, ctx) in legacy:
        data = open(os.path.join(BUILD, base + '.' + kind), 'rb').read()
        msg = ctx.wrap(ctx.mixed([att(ctx, LEGACY_CT[kind], data, kind)]))
        open(os.path.join(HERE, rel), 'wb').write(msg)
    shutil.rmtree(BUILD)
    with open(os.path.join(HERE, 'labels.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'label', 'category'])
        for r_ in sorted(rows):
            w.writerow(r_)
    write_readme(rows)
    tot = sum(os.path.getsize(os.path.join(HERE, r_[0])) for r_ in rows)
    print('%d messages (%d positive, %d negative), %.2f MB' % (len(rows), counter['positive'], counter['negative'], tot / 1e6))


def write_readme(rows):
    cnt = {}
    for _, l, c in rows:
        cnt.setdefault(c, {'positive': 0, 'negative': 0})[l] += 1
    tbl = '\n'.join('| %s | %d | %d |' % (c, v['positive'], v['negative']) for c, v in cnt.items())
    P = sum(v['positive'] for v in cnt.values())
    N = sum(v['negative'] for v in cnt.values())
    txt = f"""# Held-out forms corpus (fifth author) — held-out DLP evaluation corpus

**Held-out corpus: never tune rules, thresholds or OCR settings on it.** Use it only to measure.

Author: an independent test-data author who did not read the guard's sources, rules, tests,
benches, fuzz targets, examples, or any other corpus. Everything here is invented: people,
health-insurance numbers (NAM), SINs, file numbers, establishments (`*.example`) and clinical facts.

## Labelling rule

* **positive** — a privacy officer would say the message carries confidential data about an
  identifiable patient: a Quebec health-insurance number (NAM/RAMQ, built consistently from the fake
  surname, given name, birth date and sex), a hospital file number / MRN labelled as such or in a column
  so headed, a named or dated person together with health information (diagnosis, results,
  medication, consultation), or a Luhn-valid Canadian SIN of a person.
* **negative** — everything else: blank forms and templates (empty fields, placeholders such as
  `AAAA 0000 0000`), aggregate statistics, staff schedules, phone lists, minutes, policies,
  invoices with lot / order / GST numbers (9-digit numbers fail Luhn), equipment serial numbers,
  charts, logos, newsletters, education leaflets, job postings, training logs.

Subjects, bodies and attachment file names are drawn from the same neutral pools for both labels;
only the attachment or inline part (or, for `encodings`, the encoded text part) decides the label.
All messages go from staff of a fictional establishment to an outside address. About 75 % French.

## Categories

| category | positive | negative |
|---|---|---|
{tbl}
| **total** | **{P}** | **{N}** |

Notes: `office-hidden-parts` uses docx header, footer, comment, footnote, endnote, tracked insert /
delete, VML text box; xlsx hidden, very-hidden and second sheet, cell comment, defined names; pptx
speaker notes. `legacy-office` files (.doc/.xls/.ppt) are converted by LibreOffice from generated
OOXML; their bytes may differ slightly between LibreOffice versions. `scan` images include EXIF
Orientation 6, 8 and 3 (pixels stored rotated). In `scanned-pdf` and `fax-tiff`, the patient page may be
page 1, 2 or 3; negatives carry a cover sheet and neutral pages.

## Regenerate

```
python3 tests/holdout/forms/generate.py
```

Needs Python 3 with Pillow (libtiff for Group 4), DejaVu fonts and LibreOffice (`soffice`, profile in
`/tmp/lo-profile-next`). Deterministic: fixed seed and fixed dates; no network.
`labels.csv` has columns `file,label,category`.
"""
    open(os.path.join(HERE, 'README.md'), 'w').write(txt)


if __name__ == '__main__':
    main()
