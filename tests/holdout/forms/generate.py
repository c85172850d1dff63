#!/usr/bin/env python3
"""Deterministic generator for the held-out "forms" corpus (thirteenth author).
All people, numbers and institutions are invented. Run: python3 generate.py
Writes positive/, negative/ and labels.csv next to this script (never README.md)."""
import os, sys, io, re, csv, random, hashlib, base64, zlib, struct, zipfile, tarfile, gzip
import shutil, subprocess, tempfile, quopri, unicodedata, datetime
from email.header import Header
from email.utils import format_datetime
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageChops, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 13013
FIXED_EPOCH = 1741608000  # 2025-03-10 12:00:00 UTC
FIXED_ZIP_DT = (2025, 3, 10, 12, 0, 0)
FD = '/usr/share/fonts/truetype/dejavu/'
_FC = {}

def font(size, bold=False, serif=False, mono=False):
    if mono:
        name = 'DejaVuSansMono-Bold.ttf' if bold else 'DejaVuSansMono.ttf'
    elif serif:
        name = 'DejaVuSerif-Bold.ttf' if bold else 'DejaVuSerif.ttf'
    else:
        name = 'DejaVuSans-Bold.ttf' if bold else 'DejaVuSans.ttf'
    k = (name, int(size))
    if k not in _FC:
        _FC[k] = ImageFont.truetype(FD + name, int(size))
    return _FC[k]

def R(*key):
    return random.Random('%d|%s' % (SEED, '|'.join(str(k) for k in key)))

# ---------------------------------------------------------------- people
SURNAMES = ['Tremblay', 'Gagnon', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin',
            'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Paquette',
            'Girard', 'Simard', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Lapointe',
            'Leclerc', 'Thibault', 'St-Pierre', "D'Amours", 'Nadeau', 'Giroux', 'Hébert', 'Ng',
            'Nguyen', "O'Brien", 'Saint-Onge', 'Lê', 'Desrosiers', 'Vaillancourt', 'Turcotte',
            'Marcoux', 'Bédard', 'Laflamme', 'Brochu', 'Émond', 'Ménard', 'Jolicoeur']
GIVEN_F = ['Marie', 'Hélène', 'Émilie', 'Josée', 'Chantal', 'Mélanie', 'Sophie', 'Geneviève',
           'Lucie', 'Nathalie', 'Ève', 'Rosalie', 'Léa', 'Maude', 'Anne-Marie', 'Thi Lan', 'Gisèle']
GIVEN_M = ['Jean', 'Réjean', 'Michel', 'André', 'Luc', 'François', 'Étienne', 'Gilles', 'Yves',
           'Mathieu', 'Olivier', 'Denis', 'Jacques', 'Sébastien', 'Minh', 'Benoît', 'Gaétan']
STAFF = ['Dre Isabelle Arsenault', 'Dr Philippe Lemieux', 'Dre Karine Boisvert', 'Dr Samuel Chartrand',
         'Dre Annie Roussel', 'Dr Marc-André Vézina', 'Dre Julie Fontaine', 'Dr Alain Provencher',
         'Dre Valérie Massé', 'Dr Hugo Bernier']
NURSES = ['Sylvie Landry', 'Martin Gosselin', 'Carole Rioux', 'Patrick Jalbert', 'Nadia Belhadj',
          'Kevin Tanguay', 'Manon Pichette', 'Stéphane Lussier']

def strip_letters(s):
    s = unicodedata.normalize('NFD', s)
    return ''.join(c for c in s if c.isalpha() and ord(c) < 128).upper()

def make_nam(sur, giv, sex, y, m, d, seq):
    s = strip_letters(sur)[:3].ljust(3, 'X')
    g = strip_letters(giv)[0]
    return '%s%s%02d%02d%02d%02d' % (s, g, y % 100, m + (50 if sex == 'F' else 0), d, seq)

def fmt_nam(n, style):
    if style == 0:
        return '%s %s %s' % (n[:4], n[4:8], n[8:])
    if style == 1:
        return n
    if style == 2:
        return '%s-%s-%s' % (n[:4], n[4:8], n[8:])
    return '%s %s %s %s' % (n[:4], n[4:6], n[6:8], n[8:])

MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
        'octobre', 'novembre', 'décembre']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']

def fmt_date(y, m, d, style):
    if style == 0:
        return '%04d-%02d-%02d' % (y, m, d)
    if style == 1:
        return '%02d/%02d/%04d' % (d, m, y)
    if style == 2:
        return '%d %s %d' % (d, MOIS[m - 1], y)
    if style == 3:
        return '%04d/%02d/%02d' % (y, m, d)
    if style == 4:
        return '%s %d, %d' % (MONTHS[m - 1], d, y)
    return '%02d.%02d.%02d' % (d, m, y % 100)

class Patient:
    def __init__(self, rng):
        self.sex = rng.choice('FM')
        self.sur = rng.choice(SURNAMES)
        if rng.random() < 0.15:
            self.sur = self.sur + '-' + rng.choice([x for x in SURNAMES if x != self.sur and "'" not in x])
        self.giv = rng.choice(GIVEN_F if self.sex == 'F' else GIVEN_M)
        self.y = rng.randint(1931, 2019)
        self.m = rng.randint(1, 12)
        self.d = rng.randint(1, 28)
        self.nam = make_nam(self.sur, self.giv, self.sex, self.y, self.m, self.d, rng.randint(1, 99))
        self.namf = fmt_nam(self.nam, rng.randint(0, 3))
        self.dstyle = rng.randint(0, 5)
        self.dob = fmt_date(self.y, self.m, self.d, self.dstyle)
        self.dossier = rng.choice(['%06d', '%07d', 'H%06d', '%02d-%05d', 'M%08d'])
        v = rng.randint(10 ** 6, 10 ** 8)
        self.dossier = (self.dossier % ((v % 100, v % 100000) if '-' in self.dossier else v % 10 ** 8))
        self.doslabel = rng.choice(['No dossier', 'N° de dossier', 'Dossier', 'MRN', 'No. dossier hosp.',
                                    'Chart #', 'Dossier médical', 'NDH', 'Num. dossier', 'ID patient'])
        self.age = 2025 - self.y
        self.phone = '(%d) 555-%04d' % (rng.choice([450, 514, 819, 418, 581]), rng.randint(100, 9999))
        self.addr = '%d, rue %s, %s' % (rng.randint(12, 9800), rng.choice(['des Érables', 'Principale', 'Saint-Jean', 'du Lac', 'Notre-Dame', 'des Pins']),
                                        rng.choice(['Saint-Jérôme', 'Sherbrooke', 'Gatineau', 'Lévis', 'Trois-Rivières', 'Rimouski', 'Laval']))

    @property
    def full(self):
        return '%s %s' % (self.giv, self.sur)

    @property
    def inv(self):
        return '%s, %s' % (self.sur.upper(), self.giv)

    @property
    def sexe(self):
        return 'F' if self.sex == 'F' else 'M'

HOSP = [('CISSS des Laurentides (exemple)', 'cisss-laurentides.test', 'Hôpital régional de Saint-Jérôme-Nord'),
        ('CHUS — Centre hospitalier exemple', 'chus-exemple.test', 'Hôpital Fleurimont-Est'),
        ('CIUSSS de la Mauricie (fictif)', 'ciusss-mauricie-ex.test', 'Centre hospitalier Cloutier-Ouest'),
        ('CISSS de l\'Outaouais (exemple)', 'cisss-outaouais.test', 'Hôpital de Hull-Sud'),
        ('CHU de Québec — démonstration', 'chudq-demo.test', 'Hôpital Saint-Sacrement-Est'),
        ('Ministère de la Santé — unité test', 'ssss.gouv.qc.ca', 'Direction de santé publique régionale'),
        ('CISSS du Bas-Saint-Laurent (fictif)', 'cisss-bsl-ex.test', 'Hôpital régional de Rimouski-Est')]
RCPT = ['gmail.com', 'hotmail.com', 'yahoo.ca', 'outlook.com', 'icloud.com', 'clinique-du-parc.test',
        'gmf-des-rivieres.test', 'cmf-boisbriand.test']
DX = [('Insuffisance cardiaque décompensée', 'I50.0', 'furosémide 40 mg PO die'),
      ('Pneumonie communautaire lobaire droite', 'J18.1', 'amoxicilline-clavulanate 875 mg BID x 7 j'),
      ('Diabète de type 2 mal contrôlé', 'E11.65', 'metformine 1000 mg BID, empagliflozine 10 mg die'),
      ('Fibrillation auriculaire nouvelle', 'I48.9', 'apixaban 5 mg BID'),
      ('Trouble dépressif majeur, épisode sévère', 'F32.2', 'sertraline 100 mg die'),
      ('MPOC exacerbée', 'J44.1', 'prednisone 40 mg x 5 j, tiotropium'),
      ('Pyélonéphrite aiguë', 'N10', 'ciprofloxacine 500 mg BID x 7 j'),
      ('Grossesse 24 semaines, diabète gestationnel', 'O24.4', 'insuline NPH 10 U HS'),
      ('Cancer du sein gauche, carcinome canalaire', 'C50.9', 'letrozole 2,5 mg die'),
      ('Schizophrénie paranoïde, décompensation', 'F20.0', 'rispéridone 2 mg BID'),
      ('Hépatite C chronique', 'B18.2', 'sofosbuvir-velpatasvir 1 co die x 12 sem'),
      ('AVC ischémique sylvien gauche', 'I63.4', 'AAS 80 mg die, atorvastatine 80 mg'),
      ('Trouble lié à l\'usage d\'opioïdes', 'F11.2', 'buprénorphine-naloxone 8 mg SL die')]
DX_EN = [('Acute decompensated heart failure', 'furosemide 40 mg PO daily'),
         ('Community-acquired pneumonia', 'amoxicillin-clavulanate 875 mg BID x 7 days'),
         ('Type 2 diabetes, poorly controlled', 'metformin 1000 mg BID'),
         ('Major depressive disorder', 'escitalopram 10 mg daily'),
         ('Chronic kidney disease stage 4', 'calcitriol 0.25 mcg daily')]

# ---------------------------------------------------------------- documents
# doc = dict(inst, site, title, blocks=[('h',t)|('p',t)|('kv',[(k,v)])|('table',hdr,rows)], banner=[(k,v)])

def dx_for(rng, p):
    while True:
        t = rng.choice(DX)
        if not ('Grossesse' in t[0] and (p.sex == 'M' or p.age < 15 or p.age > 48)):
            return t

def vdate(rng, y0=2025, style=None):
    m = rng.randint(1, 3); d = rng.randint(1, 28)
    return fmt_date(y0, m, d, rng.randint(0, 4) if style is None else style)

def pos_doc(kind, rng, hosp):
    p = Patient(rng)
    inst, dom, site = hosp
    doc_ = rng.choice(STAFF)
    dx, icd, rx = dx_for(rng, p)
    ban = [('Patient', p.inv), ('NAM', p.namf), ('Naiss.', p.dob), ('Sexe', p.sexe), (p.doslabel, p.dossier)]
    if kind == 'referral':
        blocks = [('p', 'Date : ' + vdate(rng)), ('p', 'Destinataire : Dr Laurent Cyr, GMF des Rivières'),
                  ('h', 'Objet : référence en médecine interne'),
                  ('kv', [('Patient(e)', p.full), ('Date de naissance', p.dob), ('NAM', p.namf), (p.doslabel, p.dossier)]),
                  ('p', 'Cher collègue, je vous réfère %s, %d ans, pour %s (%s). Traitement actuel : %s. '
                        'Merci de le/la revoir dans les 4 à 6 semaines avec bilan sanguin.' % (p.full, p.age, dx.lower(), icd, rx)),
                  ('p', 'Allergies : pénicilline (urticaire).'), ('p', 'Confraternellement,'), ('p', doc_)]
        title = 'LETTRE DE RÉFÉRENCE'
    elif kind == 'consult':
        blocks = [('kv', [('Nom, prénom', p.inv), ('NAM', p.namf), ('Date de naissance', p.dob), ('Sexe', p.sexe),
                          (p.doslabel, p.dossier), ('Téléphone', p.phone), ('Service demandé', rng.choice(['Cardiologie', 'Pneumologie', 'Psychiatrie', 'Néphrologie'])),
                          ('Priorité', rng.choice(['A (< 3 jours)', 'B (< 10 jours)', 'C (< 28 jours)'])),
                          ('Raison de la demande', dx), ('Médication', rx), ('Médecin référent', doc_)])]
        title = 'DEMANDE DE CONSULTATION'
    elif kind == 'discharge':
        blocks = [('kv', [('Nom', p.inv), ('NAM', p.namf), (p.doslabel, p.dossier), ('Né(e) le', p.dob),
                          ('Admission', vdate(rng)), ('Congé', vdate(rng))]),
                  ('h', 'Diagnostic principal'), ('p', '%s (%s).' % (dx, icd)),
                  ('h', 'Évolution'), ('p', 'Évolution favorable sous traitement. Afébrile depuis 48 h. Bilan de contrôle stable.'),
                  ('h', 'Médication au congé'), ('p', rx + '. Cesser ibuprofène.'),
                  ('h', 'Suivi'), ('p', 'Revoir au GMF dans 2 semaines. ' + doc_)]
        title = 'RÉSUMÉ DE DÉPART / SOMMAIRE D\'HOSPITALISATION'
    elif kind == 'lab':
        rows = [['Hémoglobine', '%d' % rng.randint(82, 150), 'g/L', '120-160', 'B' if rng.random() < .5 else ''],
                ['Leucocytes', '%.1f' % rng.uniform(3, 17), 'x10^9/L', '4,0-11,0', ''],
                ['Créatinine', '%d' % rng.randint(55, 260), 'µmol/L', '50-100', 'H'],
                ['Potassium', '%.1f' % rng.uniform(3.1, 5.9), 'mmol/L', '3,5-5,0', ''],
                ['HbA1c', '%.1f' % rng.uniform(5.2, 11), '%', '< 6,0', 'H'],
                ['TSH', '%.2f' % rng.uniform(0.2, 8), 'mUI/L', '0,35-5,0', '']]
        blocks = [('kv', [('Patient', p.inv), ('NAM', p.namf), ('DDN', p.dob), (p.doslabel, p.dossier),
                          ('Prélevé le', vdate(rng) + ' 07:%02d' % rng.randint(0, 59)), ('Prescripteur', doc_)]),
                  ('table', ['Analyse', 'Résultat', 'Unités', 'Valeurs réf.', 'Ind.'], rows),
                  ('p', 'Résultat critique communiqué au médecin de garde.')]
        title = 'RÉSULTATS DE LABORATOIRE — BIOCHIMIE / HÉMATOLOGIE'
    elif kind == 'rx':
        blocks = [('kv', [('Patient', p.full), ('NAM', p.namf), ('Date de naissance', p.dob), ('Adresse', p.addr)]),
                  ('p', 'Rx : ' + rx), ('p', 'Renouvellements : 3'), ('p', 'Date : ' + vdate(rng)),
                  ('p', doc_ + ' — permis 1-%05d' % rng.randint(10000, 99999))]
        title = 'ORDONNANCE'
    elif kind == 'imaging':
        ex = rng.choice(['TDM thoracique avec contraste', 'Échographie abdominale', 'IRM cérébrale', 'Radiographie pulmonaire PA/LAT'])
        blocks = [('kv', [('Nom', p.inv), ('NAM', p.namf), ('DDN', p.dob), (p.doslabel, p.dossier), ('Examen', ex), ('Date', vdate(rng))]),
                  ('h', 'Renseignements cliniques'), ('p', dx + '.'),
                  ('h', 'Constatations'), ('p', 'Nodule spiculé de 14 mm au lobe supérieur droit. Pas d\'épanchement. Adénopathie hilaire droite de 11 mm.'),
                  ('h', 'Conclusion'), ('p', 'Lésion suspecte ; corrélation et TEP-TDM suggérées. Radiologiste : ' + rng.choice(STAFF))]
        title = 'RAPPORT D\'IMAGERIE MÉDICALE'
    elif kind == 'ward':
        rows = []
        for i in range(rng.randint(6, 9)):
            q = Patient(rng)
            rows.append(['%d%s' % (rng.randint(401, 440), rng.choice('AB')), q.inv, q.namf, str(q.age), dx_for(rng, q)[0][:34]])
        blocks = [('p', 'Unité 4 Nord — médecine — ' + vdate(rng)),
                  ('table', ['Lit', 'Patient', 'NAM', 'Âge', 'Diagnostic'], rows)]
        title = 'LISTE DES PATIENTS HOSPITALISÉS'
    elif kind == 'appts':
        rows = []
        for i in range(rng.randint(6, 9)):
            q = Patient(rng)
            rows.append(['%02d:%02d' % (8 + i, rng.choice([0, 15, 30, 45])), q.inv, q.dob, q.dossier,
                         rng.choice(['Suivi post-op', 'Suivi VIH', 'Ajustement lithium', 'Résultats biopsie', 'Suivi INR'] + (['Suivi grossesse 32 sem'] if q.sex == 'F' and 16 < q.age < 46 else []))])
        blocks = [('p', 'Clinique externe — ' + doc_ + ' — ' + vdate(rng)),
                  ('table', ['Heure', 'Patient', 'DDN', 'Dossier', 'Motif'], rows)]
        title = 'LISTE DES RENDEZ-VOUS'
    elif kind == 'mado':
        mal = rng.choice(['Tuberculose pulmonaire', 'Syphilis infectieuse', 'Rougeole', 'Hépatite B aiguë', 'Infection invasive à méningocoque', 'Chlamydia trachomatis'])
        blocks = [('kv', [('Maladie', mal), ('Nom du cas', p.inv), ('Sexe', p.sexe), ('Date de naissance', p.dob), ('NAM', p.namf),
                          ('Adresse', p.addr), ('Téléphone', p.phone), ('Date des symptômes', vdate(rng)),
                          ('Date du prélèvement', vdate(rng)), ('Médecin déclarant', doc_)])]
        title = 'DÉCLARATION DE MALADIE À DÉCLARATION OBLIGATOIRE (MADO)'
    elif kind == 'consent':
        proc = rng.choice(['coloscopie avec sédation', 'transfusion sanguine', 'cholécystectomie laparoscopique', 'électroconvulsivothérapie'])
        blocks = [('kv', [('Nom de l\'usager', p.full), ('NAM', p.namf), ('Date de naissance', p.dob), (p.doslabel, p.dossier)]),
                  ('p', 'Je consens à subir l\'intervention suivante : %s, expliquée par %s, incluant risques et alternatives.' % (proc, doc_)),
                  ('kv', [('Signature de l\'usager', '(signé) ' + p.full), ('Date', vdate(rng)), ('Témoin', rng.choice(NURSES))])]
        title = 'FORMULAIRE DE CONSENTEMENT AUX SOINS'
    elif kind == 'en_referral':
        dxe, rxe = rng.choice(DX_EN)
        blocks = [('p', 'Date: ' + vdate(rng, style=4)),
                  ('kv', [('Patient', p.full), ('DOB', p.dob), ('Health card (RAMQ)', p.namf), ('MRN', p.dossier)]),
                  ('p', 'Dear colleague, I am referring this %d-year-old patient with %s for further assessment. Current medication: %s. eGFR 24 mL/min.' % (p.age, dxe.lower(), rxe)),
                  ('p', 'Sincerely,'), ('p', doc_.replace('Dre ', 'Dr. ').replace('Dr ', 'Dr. '))]
        title = 'REFERRAL LETTER'
        ban = [('Patient', p.inv), ('RAMQ', p.namf), ('DOB', p.dob), ('MRN', p.dossier)]
    elif kind == 'en_discharge':
        dxe, rxe = rng.choice(DX_EN)
        blocks = [('kv', [('Name', p.inv), ('Health insurance no.', p.namf), ('Chart #', p.dossier), ('Admitted', vdate(rng, style=4)), ('Discharged', vdate(rng, style=4))]),
                  ('h', 'Diagnosis'), ('p', dxe + '.'), ('h', 'Discharge medication'), ('p', rxe + '.'),
                  ('h', 'Follow-up'), ('p', 'Family physician in 1 week; repeat bloodwork.')]
        title = 'DISCHARGE SUMMARY'
        ban = [('Patient', p.inv), ('RAMQ', p.namf), ('DOB', p.dob), ('Chart', p.dossier)]
    else:
        raise ValueError(kind)
    return dict(inst=inst, site=site, title=title, blocks=blocks, banner=ban, patient=p)

POS_KINDS = ['referral', 'consult', 'discharge', 'lab', 'rx', 'imaging', 'ward', 'appts', 'mado', 'consent', 'en_referral', 'en_discharge']

def neg_doc(kind, rng, hosp):
    inst, dom, site = hosp
    ban = [('Unité', '4 Nord'), ('Lits', str(rng.randint(20, 36))), ('Occupation', '%d %%' % rng.randint(70, 99)), ('Mise à jour', vdate(rng))]
    if kind == 'blank_consult':
        blocks = [('kv', [('Nom, prénom', '________________________'), ('NAM', '__ __ __ __  __ __ __ __  __ __ __ __'),
                          ('Date de naissance', 'AAAA-MM-JJ'), ('Sexe', '[ ] F   [ ] M'), ('No dossier', '[No dossier]'),
                          ('Service demandé', '________________'), ('Priorité', '[ ] A  [ ] B  [ ] C  [ ] D  [ ] E'),
                          ('Raison de la demande', '<inscrire la raison>'), ('Médecin référent', 'Nom et no de permis')])]
        title = 'DEMANDE DE CONSULTATION — GABARIT VIERGE'
        ban = [('Patient', '<aucun patient sélectionné>'), ('NAM', '____ ____ ____'), ('Naiss.', 'AAAA-MM-JJ')]
    elif kind == 'blank_lab':
        rows = [[a, '', u, r, ''] for a, u, r in [('Hémoglobine', 'g/L', '120-160'), ('Leucocytes', 'x10^9/L', '4,0-11,0'),
                                                   ('Créatinine', 'µmol/L', '50-100'), ('Potassium', 'mmol/L', '3,5-5,0'), ('TSH', 'mUI/L', '0,35-5,0')]]
        blocks = [('kv', [('Patient', '{NOM_PATIENT}'), ('NAM', '{NAM}'), ('DDN', '{DATE_NAISSANCE}'), ('Dossier', '{NO_DOSSIER}')]),
                  ('table', ['Analyse', 'Résultat', 'Unités', 'Valeurs réf.', 'Ind.'], rows),
                  ('p', 'Modèle d\'impression — version 3.2 — ne contient aucune donnée.')]
        title = 'RÉSULTATS DE LABORATOIRE — MODÈLE'
    elif kind == 'stats':
        rows = [[u, str(rng.randint(80, 400)), str(rng.randint(2, 12)) + ',%d' % rng.randint(0, 9), '%d %%' % rng.randint(70, 104), str(rng.randint(0, 9))]
                for u in ['Médecine 4N', 'Chirurgie 3S', 'Soins intensifs', 'Pédiatrie', 'Psychiatrie 2E', 'Obstétrique']]
        blocks = [('p', 'Période 11 — données agrégées, aucune donnée nominative.'),
                  ('table', ['Unité', 'Admissions', 'DMS (j)', 'Occupation', 'Chutes'], rows),
                  ('p', 'Source : tableau de bord de gestion, Direction de la performance.')]
        title = 'STATISTIQUES MENSUELLES D\'ACTIVITÉ'
    elif kind == 'schedule':
        rows = [[n, 'E%06d' % rng.randint(100000, 999999), rng.choice(['Jour', 'Soir', 'Nuit']), 'Téléav. %d' % rng.randint(2000, 2999), rng.choice(['4N', '3S', 'USI', 'Urg.'])] for n in NURSES[:rng.randint(5, 8)]]
        blocks = [('p', 'Semaine du ' + vdate(rng)), ('table', ['Employé(e)', 'No employé', 'Quart', 'Téléavertisseur', 'Unité'], rows),
                  ('p', 'Échanges de quarts à faire approuver par la chef d\'unité.')]
        title = 'HORAIRE DU PERSONNEL INFIRMIER'
    elif kind == 'po':
        rows = [[rng.choice(['SYRB', 'GANT', 'CATH', 'PANS', 'MASQ']) + ' %04d %04d' % (rng.randint(1000, 9999), rng.randint(1000, 9999)),
                 rng.choice(['Seringue 10 mL Luer-Lock', 'Gants nitrile M', 'Cathéter IV 20G', 'Pansement transparent 10x12', 'Masque N95']),
                 'LOT %02d%02d-%04d' % (rng.randint(23, 25), rng.randint(1, 12), rng.randint(1, 9999)), str(rng.randint(1, 40)), '%d,%02d $' % (rng.randint(10, 900), rng.randint(0, 99))] for _ in range(6)]
        blocks = [('kv', [('Bon de commande', 'BC-2025-%05d' % rng.randint(1, 99999)), ('Fournisseur', 'Distribution Médi-Nord inc. (fictif)'), ('Centre de coût', '7%05d' % rng.randint(0, 99999))]),
                  ('table', ['Code produit', 'Description', 'Lot', 'Qté', 'Total'], rows)]
        title = 'BON DE COMMANDE — APPROVISIONNEMENT'
    elif kind == 'policy':
        blocks = [('h', '1. Objet'), ('p', 'Encadrer la transmission du numéro d\'assurance maladie (NAM) et des numéros de dossier par courriel.'),
                  ('h', '2. Principes'), ('p', 'Le NAM comprend quatre lettres et huit chiffres (ex. fictif : XXXX 0000 0000). Il ne doit jamais être transmis vers une adresse externe non sécurisée.'),
                  ('h', '3. Responsabilités'), ('p', 'Tout employé doit utiliser la messagerie sécurisée. Les incidents sont déclarés au responsable de la protection des renseignements personnels.')]
        title = 'POLITIQUE — CONFIDENTIALITÉ DES RENSEIGNEMENTS DE SANTÉ'
    elif kind == 'minutes':
        blocks = [('kv', [('Date', vdate(rng)), ('Lieu', 'Salle 2-114, pavillon B'), ('Présents', ', '.join(STAFF[:4]))]),
                  ('h', 'Points discutés'), ('p', '1. Adoption de l\'ordre du jour. 2. Suivi du plan de désencombrement de l\'urgence. 3. Nouveau formulaire AH-223 : déploiement prévu en mai. 4. Varia.'),
                  ('p', 'Prochaine rencontre : dans un mois.')]
        title = 'PROCÈS-VERBAL — COMITÉ DE DIRECTION CLINIQUE'
    elif kind == 'training':
        blocks = [('h', 'Module 3 — Hygiène des mains'), ('p', 'Les 4 moments : avant le contact, avant une procédure aseptique, après un risque d\'exposition, après le contact avec l\'environnement.'),
                  ('p', 'Durée de la friction : 20 à 30 secondes. Solution hydroalcoolique à 70 %.'),
                  ('p', 'Quiz : 10 questions, note de passage 80 %.')]
        title = 'FORMATION — PRÉVENTION DES INFECTIONS'
    elif kind == 'newsletter':
        blocks = [('h', 'Bienvenue aux nouveaux résidents'), ('p', 'Quatorze résidents se joignent à nous ce mois-ci. Une activité d\'accueil aura lieu à la cafétéria.'),
                  ('h', 'Stationnement'), ('p', 'Les travaux du stationnement P3 se poursuivent jusqu\'en juin.'),
                  ('h', 'Fondation'), ('p', 'La campagne annuelle a permis d\'amasser 212 000 $.')]
        title = 'INFO-CISSS — BULLETIN INTERNE'
    elif kind == 'directory':
        rows = [[u, 'poste %d' % rng.randint(2000, 7999), '(450) 555-%04d' % rng.randint(0, 9999), 'local %s-%03d' % (rng.choice('ABCD'), rng.randint(1, 450))]
                for u in ['Urgence', 'Admission', 'Archives médicales', 'Pharmacie', 'Imagerie', 'Laboratoire', 'Bloc opératoire']]
        blocks = [('table', ['Service', 'Poste', 'Télécopieur', 'Local'], rows), ('p', 'Mise à jour : ' + vdate(rng))]
        title = 'RÉPERTOIRE TÉLÉPHONIQUE DES SERVICES'
    elif kind == 'licences':
        rows = [[s, '1-%05d' % rng.randint(10000, 99999), rng.choice(['Médecine interne', 'Chirurgie', 'Psychiatrie', 'Anesthésie']), 'Téléav. %d' % rng.randint(3000, 3999)] for s in STAFF[:7]]
        blocks = [('p', 'Garde de fin de semaine — ' + vdate(rng)), ('table', ['Médecin', 'Permis CMQ', 'Spécialité', 'Téléavertisseur'], rows)]
        title = 'LISTE DE GARDE MÉDICALE'
    elif kind == 'en_policy':
        blocks = [('h', 'Purpose'), ('p', 'Staff must never send health insurance numbers (RAMQ) or medical record numbers to personal e-mail accounts.'),
                  ('h', 'Format reminder'), ('p', 'A RAMQ number has 4 letters and 8 digits; the example XXXX 0000 0000 is a placeholder.'),
                  ('h', 'Contact'), ('p', 'Privacy office, extension 4410.')]
        title = 'E-MAIL SECURITY REMINDER'
        ban = [('Module', 'Privacy'), ('Version', '2.1'), ('Audience', 'All staff')]
    elif kind == 'en_oncall':
        rows = [[s.replace('Dre ', 'Dr. ').replace('Dr ', 'Dr. '), rng.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']), 'Pager %d' % rng.randint(4000, 4999), 'Ext. %d' % rng.randint(1000, 1999)] for s in STAFF[3:9]]
        blocks = [('table', ['Physician', 'Day', 'Pager', 'Extension'], rows), ('p', 'Switchboard: 0')]
        title = 'ON-CALL SCHEDULE'
        ban = [('Schedule', 'Internal medicine'), ('Week', vdate(rng, style=4))]
    else:
        raise ValueError(kind)
    return dict(inst=inst, site=site, title=title, blocks=blocks, banner=ban, patient=None)

NEG_KINDS = ['blank_consult', 'blank_lab', 'stats', 'schedule', 'po', 'policy', 'minutes', 'training', 'newsletter', 'directory', 'licences', 'en_policy', 'en_oncall']

def doc_lines(doc):
    """Plain-text rendering of a doc."""
    out = [doc['inst'], doc['site'], '', doc['title'], '']
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out.append(b[1])
        elif b[0] == 'kv':
            for k, v in b[1]:
                out.append('%s : %s' % (k, v))
        elif b[0] == 'table':
            out.append(' | '.join(b[1]))
            for r in b[2]:
                out.append(' | '.join(r))
        out.append('')
    return out

def doc_text(doc, nl='\n'):
    return nl.join(doc_lines(doc)) + nl

# ---------------------------------------------------------------- image rendering
def wrap(draw, text, f, width):
    words = text.split(' '); lines = []; cur = ''
    for w in words:
        t = (cur + ' ' + w).strip()
        if draw.textlength(t, font=f) <= width or not cur:
            cur = t
        else:
            lines.append(cur); cur = w
    if cur:
        lines.append(cur)
    return lines

def render_page(doc, dpi, form=False, serif=True, w_in=8.5, h_in=11.0, header=None):
    W, H = int(w_in * dpi), int(h_in * dpi)
    im = Image.new('L', (W, H), 255)
    d = ImageDraw.Draw(im)
    pt = lambda x: max(8, int(x * dpi / 72))
    fb, fn, fs, ft = font(pt(11), True, serif), font(pt(10.5), False, serif), font(pt(8), False, False), font(pt(14), True, serif)
    m = int(0.75 * dpi); y = int(0.6 * dpi)
    if header:
        d.text((int(0.2 * dpi), int(0.12 * dpi)), header, font=font(pt(8), False, False, True), fill=0)
    d.rectangle([m, y, m + pt(34), y + pt(34)], outline=0, width=max(2, dpi // 60))
    d.text((m + pt(7), y + pt(8)), '+', font=font(pt(20), True), fill=0)
    d.text((m + pt(44), y), doc['inst'], font=fb, fill=0)
    d.text((m + pt(44), y + pt(15)), doc['site'], font=fn, fill=0)
    y += pt(48)
    d.line([m, y, W - m, y], fill=0, width=max(2, dpi // 70)); y += pt(10)
    for line in wrap(d, doc['title'], ft, W - 2 * m):
        d.text((m, y), line, font=ft, fill=0); y += pt(19)
    y += pt(6)
    lh = pt(14.5)
    for b in doc['blocks']:
        if b[0] == 'h':
            y += pt(4); d.text((m, y), b[1], font=fb, fill=0); y += lh
        elif b[0] == 'p':
            for line in wrap(d, b[1], fn, W - 2 * m):
                d.text((m, y), line, font=fn, fill=0); y += lh
            y += pt(5)
        elif b[0] == 'kv':
            if form:
                colw = (W - 2 * m) // 2; bh = pt(30); col = 0; lw = max(2, dpi // 70)
                for k, v in b[1]:
                    full = len(v) > 28 or len(k) > 24
                    if full and col == 1:
                        y += bh + pt(4); col = 0
                    x0 = m + col * colw
                    x1 = W - m if full else x0 + colw - pt(6)
                    d.rectangle([x0, y, x1, y + bh], outline=0, width=lw)
                    d.text((x0 + pt(3), y + pt(2)), k, font=fs, fill=0)
                    d.text((x0 + pt(5), y + pt(13)), v, font=font(pt(11), False, False, True), fill=0)
                    if full or col == 1:
                        y += bh + pt(4); col = 0
                    else:
                        col = 1
                if col == 1:
                    y += bh + pt(4)
                y += pt(4)
            else:
                kw = max(d.textlength(k + ' :', font=fb) for k, v in b[1]) + pt(8)
                for k, v in b[1]:
                    d.text((m, y), k + ' :', font=fb, fill=0)
                    for j, line in enumerate(wrap(d, v, fn, W - 2 * m - kw)):
                        d.text((m + kw, y), line, font=fn, fill=0); y += lh
                y += pt(6)
        elif b[0] == 'table':
            hdr, rows = b[1], b[2]
            ftab = font(pt(9), False, False); ftb = font(pt(9), True, False)
            widths = [max([d.textlength(hdr[c], font=ftb)] + [d.textlength(r[c], font=ftab) for r in rows]) + pt(10) for c in range(len(hdr))]
            scale = min(1.0, (W - 2 * m) / sum(widths))
            widths = [w * scale for w in widths]
            rh = pt(15)
            for ri, r in enumerate([hdr] + rows):
                x = m
                for c, cell in enumerate(r):
                    d.rectangle([x, y, x + widths[c], y + rh], outline=0, width=max(1, dpi // 90))
                    d.text((x + pt(3), y + pt(3)), cell, font=ftb if ri == 0 else ftab, fill=0)
                    x += widths[c]
                y += rh
            y += pt(10)
    d.text((m, H - int(0.5 * dpi)), 'Page 1 — AH-%d (rév. 2023)' % (len(doc['title']) * 7), font=fs, fill=0)
    return im

def render_cover(rng, hosp, dpi, pages, lang='fr'):
    doc = dict(inst=hosp[0], site=hosp[2], title='BORDEREAU DE TÉLÉCOPIE' if lang == 'fr' else 'FAX COVER SHEET',
               blocks=[('kv', [('À', 'Clinique du Parc'), ('Télécopieur', '(450) 555-0%03d' % rng.randint(100, 999)), ('De', rng.choice(STAFF)),
                               ('Nombre de pages', str(pages)), ('Date', vdate(rng))]),
                       ('p', 'AVIS DE CONFIDENTIALITÉ : ce document est destiné uniquement au destinataire. Si vous l\'avez reçu par erreur, veuillez nous en aviser et le détruire.')])
    return render_page(doc, dpi, form=False, serif=False)

THEMES = [((32, 45, 64), (235, 240, 246), (45, 90, 160)), ((20, 20, 24), (245, 245, 245), (0, 120, 110)),
          ((60, 30, 70), (242, 238, 246), (120, 60, 140)), ((25, 60, 45), (238, 244, 240), (40, 120, 80))]
APPS = ['DossiPlus Clinique 8.2', 'MédiVue DCI — Poste clinique', 'SIClinique Web 2024.3', 'Chartis EMR (démo)']

def render_screen(doc, W, H, px, rng, banner_only=False):
    bar, bg, acc = rng.choice(THEMES)
    im = Image.new('RGB', (W, H), bg)
    d = ImageDraw.Draw(im)
    f = font(px); fb = font(px, True); fbar = font(px + 1, True)
    th = px * 2 + 6
    d.rectangle([0, 0, W, th], fill=bar)
    d.text((10, (th - px) // 2 - 2), rng.choice(APPS) + '  —  ' + doc['inst'], font=fbar, fill=(230, 235, 240))
    for i, c in enumerate([(200, 70, 60), (220, 180, 60), (90, 170, 90)]):
        d.ellipse([W - 30 - i * 24, th // 2 - 7, W - 16 - i * 24, th // 2 + 7], fill=c)
    y = th
    if not banner_only:
        tabs = ['Sommaire', 'Résultats', 'Notes', 'Ordonnances', 'Imagerie', 'Documents']
        x = 8
        for i, t in enumerate(tabs):
            tw = d.textlength(t, font=f) + 24
            d.rectangle([x, y + 4, x + tw, y + px + 16], fill=acc if i == 1 else (210, 214, 220))
            d.text((x + 12, y + 8), t, font=f, fill=(255, 255, 255) if i == 1 else (30, 30, 30))
            x += tw + 4
        y += px + 20
    bh = px * 2 + 12
    d.rectangle([0, y, W, y + bh], fill=(252, 246, 220))
    x = 12
    for k, v in doc['banner']:
        d.text((x, y + 4), k, font=font(max(10, px - 3)), fill=(90, 90, 90))
        d.text((x, y + px), v, font=fb, fill=(20, 20, 20))
        x += max(d.textlength(v, font=fb), d.textlength(k, font=f)) + 36
    y += bh + 10
    if banner_only:
        d.text((12, y), doc['title'], font=fb, fill=acc)
        return im
    d.text((14, y), doc['title'], font=font(px + 3, True), fill=acc); y += px + 14
    for b in doc['blocks']:
        if y > H - px * 2:
            break
        if b[0] in ('h', 'p'):
            for line in wrap(d, b[1], fb if b[0] == 'h' else f, W - 40):
                d.text((16, y), line, font=fb if b[0] == 'h' else f, fill=(20, 20, 20)); y += px + 6
            y += 4
        elif b[0] == 'kv':
            kw = max(d.textlength(k, font=f) for k, v in b[1]) + 20
            for i, (k, v) in enumerate(b[1]):
                if i % 2 == 0:
                    d.rectangle([12, y - 2, W - 12, y + px + 4], fill=(255, 255, 255))
                d.text((18, y), k, font=f, fill=(80, 80, 80)); d.text((18 + kw, y), v, font=fb, fill=(10, 10, 10)); y += px + 8
            y += 6
        elif b[0] == 'table':
            hdr, rows = b[1], b[2]
            widths = [max([d.textlength(hdr[c], font=fb)] + [d.textlength(r[c], font=f) for r in rows]) + 22 for c in range(len(hdr))]
            sc = min(1.0, (W - 30) / sum(widths)); widths = [w * sc for w in widths]
            for ri, r in enumerate([hdr] + rows):
                x = 14
                d.rectangle([14, y, 14 + sum(widths), y + px + 8], fill=bar if ri == 0 else ((255, 255, 255) if ri % 2 else (244, 246, 250)))
                for c, cell in enumerate(r):
                    d.text((x + 6, y + 3), cell, font=fb if ri == 0 else f, fill=(235, 235, 235) if ri == 0 else (20, 20, 20))
                    x += widths[c]
                y += px + 8
            y += 8
    d.rectangle([0, H - px - 10, W, H], fill=(220, 224, 230))
    d.text((10, H - px - 7), 'Connecté : poste CLIN-%03d   |   Environnement : PRODUCTION' % rng.randint(1, 400), font=font(max(10, px - 2)), fill=(60, 60, 60))
    return im

def noise_layer(rng, size, amp):
    n = size[0] * size[1]
    raw = rng.randbytes(n)
    im = Image.frombytes('L', size, raw)
    return im.point(lambda v: 128 + (v - 128) * amp // 128)

def scanify(page, rng, colour=False, skew=None, blur=True, noise=6, light=True, photo=False):
    im = page
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    if noise:
        im = ImageChops.add(im, noise_layer(rng, im.size, noise), 1.0, -128)
    if light:
        k = rng.choice([40, 55, 70])
        g = Image.linear_gradient('L').resize(im.size, Image.Resampling.BILINEAR).point(lambda v: 255 - v * k // 255)
        if rng.random() < 0.5:
            g = g.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        im = ImageChops.multiply(im, g)
    if colour or photo:
        tint = rng.choice([(255, 250, 235), (248, 248, 255), (255, 246, 228)])
        im = ImageChops.multiply(im.convert('RGB'), Image.new('RGB', im.size, tint))
    ang = rng.uniform(-3, 3) if skew is None else skew
    fill = (60, 48, 38) if photo else (255 if im.mode == 'L' else (255, 255, 255))
    im = im.rotate(ang, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    if photo:
        W, H = im.size
        bgc = rng.choice([(92, 70, 52), (70, 72, 78), (120, 110, 96)])
        bg = Image.new('RGB', (int(W * 1.16), int(H * 1.12)), bgc)
        bg = ImageChops.add(bg, noise_layer(rng, bg.size, 14).convert('RGB'), 1.0, -128)
        sh = Image.new('RGB', im.size, (30, 25, 20))
        bg.paste(sh, (int(W * 0.08) + 12, int(H * 0.06) + 14))
        bg.paste(im, (int(W * 0.08), int(H * 0.06)))
        im = bg.filter(ImageFilter.GaussianBlur(0.6))
    return im

def png_bytes(im, **kw):
    b = io.BytesIO(); im.save(b, 'PNG', optimize=False, **kw); return b.getvalue()

def jpeg_bytes(im, q=72, dpi=None, exif=None):
    b = io.BytesIO()
    kw = dict(quality=q)
    if dpi:
        kw['dpi'] = (dpi, dpi)
    if exif is not None:
        kw['exif'] = exif
    im.save(b, 'JPEG', **kw); return b.getvalue()

def orient_store(im, orient):
    """Return pixel data to store so that a viewer applying EXIF orientation shows `im` upright."""
    if orient == 6:
        return im.transpose(Image.Transpose.ROTATE_90)
    if orient == 8:
        return im.transpose(Image.Transpose.ROTATE_270)
    if orient == 3:
        return im.transpose(Image.Transpose.ROTATE_180)
    return im

def exif_orient(o):
    e = Image.Exif(); e[0x0112] = o; e[0x010F] = 'PhoneCam'; e[0x0110] = 'Model X2'
    return e

def fax_pages(doc, rng, fine=True, cover=True, hosp=None, npages=None):
    pages = []
    src = []
    if cover:
        src.append(render_cover(rng, hosp, 196, 2))
    src.append(render_page(doc, 196, form=rng.random() < 0.5, serif=rng.random() < 0.5))
    tot = len(src)
    stamp = '%s %02d:%02d' % (vdate(rng, style=1), rng.randint(7, 18), rng.randint(0, 59))
    num = '(450) 555-%04d' % rng.randint(0, 9999)
    for i, pg in enumerate(src):
        pg = pg.resize((1728, pg.size[1]), Image.Resampling.BILINEAR)
        d = ImageDraw.Draw(pg)
        d.rectangle([0, 0, 1728, 40], fill=255)
        d.text((20, 8), '%s   DE: %s   %-22s  À: 5145550199   P.%03d/%03d' % (stamp, num, hosp[2][:22], i + 1, tot), font=font(22, False, False, True), fill=0)
        if not fine:
            pg = pg.resize((1728, pg.size[1] // 2), Image.Resampling.BILINEAR)
        pg = pg.point(lambda v: 255 if v > (150 if fine else 205) else 0).convert('1', dither=Image.Dither.NONE)
        d = ImageDraw.Draw(pg)
        for _ in range(rng.randint(300, 900)):
            x, y = rng.randrange(1728), rng.randrange(pg.size[1])
            d.point((x, y), fill=0)
            if rng.random() < 0.2:
                d.rectangle([x, y, x + rng.randint(1, 3), y + rng.randint(1, 2)], fill=0)
        pages.append(pg)
    return pages

def tiff_bytes(pages, comp, fine):
    b = io.BytesIO()
    dpi = (204, 196) if fine else (204, 98)
    pages[0].save(b, 'TIFF', compression=comp, dpi=dpi, save_all=True, append_images=pages[1:])
    return b.getvalue()

# ---------------------------------------------------------------- PDF
def pdf_write(objs, root, objstm=False, info=None):
    """objs: list of bytes bodies (object i+1). Streams given as complete 'dict stream..endstream' bytes."""
    out = bytearray(b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')
    n = len(objs)
    fid = hashlib.md5(b''.join(objs)).hexdigest().upper().encode()
    if not objstm:
        offs = []
        for i, o in enumerate(objs):
            offs.append(len(out))
            out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
        xref = len(out)
        out += b'xref\n0 %d\n0000000000 65535 f \n' % (n + 1)
        for o in offs:
            out += b'%010d 00000 n \n' % o
        out += b'trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n' % (n + 1, root, fid, fid, xref)
        return bytes(out)
    # object stream variant: non-stream objects go into an ObjStm
    instm = [i for i, o in enumerate(objs) if b'stream\n' not in o]
    body = bytearray(); hdr = []
    for i in instm:
        hdr.append(b'%d %d' % (i + 1, len(body)))
        body += objs[i] + b'\n'
    hdrb = b' '.join(hdr) + b'\n'
    data = zlib.compress(hdrb + bytes(body), 9)
    stm_num = n + 1; xref_num = n + 2
    offs = {}
    for i, o in enumerate(objs):
        if i in instm:
            continue
        offs[i] = len(out)
        out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    offs[stm_num - 1] = len(out)
    out += b'%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n' % (stm_num, len(instm), len(hdrb), len(data)) + data + b'\nendstream\nendobj\n'
    xo = len(out)
    rows = [struct.pack('>BIH', 0, 0, 65535)]
    for i in range(n + 2):
        if i in instm:
            rows.append(struct.pack('>BIH', 2, stm_num, instm.index(i)))
        elif i == n + 1:
            rows.append(struct.pack('>BIH', 1, xo, 0))
        else:
            rows.append(struct.pack('>BIH', 1, offs[i], 0))
    xd = zlib.compress(b''.join(rows), 9)
    out += b'%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /ID [<%s> <%s>] /Filter /FlateDecode /Length %d >>\nstream\n' % (xref_num, n + 3, root, fid, fid, len(xd)) + xd + b'\nendstream\nendobj\n'
    out += b'startxref\n%d\n%%%%EOF\n' % xo
    return bytes(out)

def stream_obj(d, data):
    return b'<< ' + d + b' /Length %d >>\nstream\n' % len(data) + data + b'\nendstream'

def image_pdf(images, dpi, enc):
    """images: PIL images (L/RGB/1). enc: 'jpeg'|'flate'|'bilevel'. No text, no fonts."""
    objs = [None, None]  # 1 catalog, 2 pages
    kids = []
    for im in images:
        W, H = im.size
        if enc == 'jpeg':
            data = jpeg_bytes(im, 35 if dpi >= 300 else 40)
            cs = b'/DeviceRGB' if im.mode == 'RGB' else b'/DeviceGray'
            img = stream_obj(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode' % (W, H, cs), data)
        elif enc == 'flate':
            g = im.convert('L')
            img = stream_obj(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode' % (W, H), zlib.compress(g.tobytes(), 9))
        else:
            g = im.convert('L').point(lambda v: 255 if v > 160 else 0).convert('1', dither=Image.Dither.NONE)
            img = stream_obj(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode' % (W, H), zlib.compress(g.tobytes(), 9))
        pw, ph = W * 72.0 / dpi, H * 72.0 / dpi
        objs.append(img); inum = len(objs)
        content = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n' % (pw, ph)
        objs.append(stream_obj(b'', content)); cnum = len(objs)
        objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>' % (pw, ph, inum, cnum))
        kids.append(len(objs))
    objs[0] = b'<< /Type /Catalog /Pages 2 0 R >>'
    objs[1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    return pdf_write(objs, 1)

def pdf_lit(s):
    """PDF literal string, PDFDocEncoding (latin-1 subset) with escapes."""
    out = '('
    for ch in s:
        o = ord(ch)
        if ch in '()\\':
            out += '\\' + ch
        elif ch == '\n':
            out += '\\n'
        elif 32 <= o < 127:
            out += ch
        elif 160 <= o < 256:
            out += '\\%03o' % o
        else:
            try:
                out += '\\%03o' % ch.encode('cp1252')[0]
            except UnicodeEncodeError:
                out += '?'
    return (out + ')').encode('latin-1')

def pdf_hex16(s):
    return b'<FEFF' + s.encode('utf-16-be').hex().upper().encode() + b'>'

def form_pdf(title, inst, fields, objstm=False, hexmode=0):
    """fields: list of (name, label, value, kind) kind 'tx'|'cb'. Page content only shows labels."""
    objs = [None, None, None, None]  # 1 catalog 2 pages 3 page 4 font
    objs[3] = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
    content = bytearray(b'BT /F1 14 Tf 56 740 Td ' + pdf_lit(title) + b' Tj ET\nBT /F1 9 Tf 56 760 Td ' + pdf_lit(inst) + b' Tj ET\n')
    annots = []
    y = 700
    for i, (name, label, value, kind) in enumerate(fields):
        content += b'BT /F1 9 Tf 56 %d Td ' % (y + 6) + pdf_lit(label) + b' Tj ET\n'
        if kind == 'cb':
            rect = b'[220 %d 234 %d]' % (y, y + 14)
            v = b'/Yes' if value else b'/Off'
            o = b'<< /Type /Annot /Subtype /Widget /FT /Btn /T %s /V %s /AS %s /Rect %s /F 4 /P 3 0 R /MK << /CA (4) >> /DA (/ZaDb 10 Tf 0 g) >>' % (pdf_lit(name), v, v, rect)
        else:
            rect = b'[220 %d 540 %d]' % (y, y + 18)
            if value == '':
                vb = b'()'
            elif (hexmode == 1) or (hexmode == 2 and i % 2 == 1) or any(ord(c) > 255 for c in value):
                vb = pdf_hex16(value)
            else:
                vb = pdf_lit(value)
            o = b'<< /Type /Annot /Subtype /Widget /FT /Tx /T %s /TU %s /V %s /Rect %s /F 4 /P 3 0 R /DA (/Helv 10 Tf 0 g) /MK << /BC [0 0 0] >> >>' % (pdf_lit(name), pdf_lit(label), vb, rect)
        content += b'0.6 G 220 %d 320 18 re S 0 G\n' % y
        objs.append(o); annots.append(len(objs))
        y -= 30
    objs.append(stream_obj(b'/Filter /FlateDecode', zlib.compress(bytes(content), 9))); cnum = len(objs)
    objs.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'); helv = len(objs)
    objs.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>'); zadb = len(objs)
    ar = b'[' + b' '.join(b'%d 0 R' % a for a in annots) + b']'
    objs[0] = b'<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields %s /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> >> >>' % (ar, helv, zadb)
    objs[1] = b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
    objs[2] = b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R /Annots %s >>' % (cnum, ar)
    return pdf_write(objs, 1, objstm=objstm)

# ---------------------------------------------------------------- ZIP / archives
def zip_bytes(entries, compress=True):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w') as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return b.getvalue()

def tar_bytes(entries, gz=False):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = FIXED_EPOCH; ti.mode = 0o644
            ti.uid = ti.gid = 1000; ti.uname = ti.gname = 'user'
            t.addfile(ti, io.BytesIO(data))
    data = b.getvalue()
    return gz_bytes(data) if gz else data

def gz_bytes(data, name=''):
    b = io.BytesIO()
    with gzip.GzipFile(filename=name, mode='wb', fileobj=b, mtime=FIXED_EPOCH, compresslevel=9) as g:
        g.write(data)
    return b.getvalue()

def sevenz_bytes(entries):
    import py7zr, py7zr.py7zr as pm
    from py7zr.helpers import ArchiveTimestamp
    fixed = classmethod(lambda cls: cls.from_datetime(FIXED_EPOCH))
    old = ArchiveTimestamp.from_now
    ArchiveTimestamp.from_now = fixed
    try:
        b = io.BytesIO()
        with py7zr.SevenZipFile(b, 'w') as z:
            for name, data in entries:
                z.writestr(data, name)
        return b.getvalue()
    finally:
        ArchiveTimestamp.from_now = old

# ---------------------------------------------------------------- OOXML
def X(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>%s</dc:title><dc:creator>Utilisateur</dc:creator><cp:lastModifiedBy>Utilisateur</cp:lastModifiedBy>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-10T12:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-10T12:00:00Z</dcterms:modified></cp:coreProperties>')
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
RELT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'

def w_par(text, bold=False):
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (rpr, X(text))

def w_table(hdr, rows):
    out = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>'
    for r in [hdr] + rows:
        out += '<w:tr>' + ''.join('<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>' % X(c) for c in r) + '</w:tr>'
    return out + '</w:tbl><w:p/>'

def doc_wxml(doc):
    out = [w_par(doc['inst'], True), w_par(doc['site']), w_par(doc['title'], True)]
    for b in doc['blocks']:
        if b[0] == 'h':
            out.append(w_par(b[1], True))
        elif b[0] == 'p':
            out.append(w_par(b[1]))
        elif b[0] == 'kv':
            out += [w_par('%s : %s' % kv) for kv in b[1]]
        elif b[0] == 'table':
            out.append(w_table(b[1], b[2]))
    return ''.join(out)

def w_image_run(rid, cx, cy, n=1):
    return ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Image %d"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>') % (cx, cy, n, n, n, n, rid, cx, cy)

def make_docx(body_xml, header=None, footer=None, comment=None, footnote=None, insertion=None, image=None, title='Document'):
    """body_xml: visible body paragraphs. comment/footnote/insertion: text attached to the first paragraph."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    rels = []; parts = []
    extra = ''
    if comment:
        extra += '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Voir la note ci-jointe.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
        parts.append(('word/comments.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s><w:comment w:id="0" w:author="Utilisateur" w:date="2025-03-10T12:00:00Z" w:initials="U">%s</w:comment></w:comments>' % (W_NS, ''.join(w_par(t) for t in comment))))
        rels.append(('comments', 'comments.xml'))
        ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
    if footnote:
        extra += '<w:p><w:r><w:t xml:space="preserve">Référence interne</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>'
        fn = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes %s><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1">%s</w:footnote></w:footnotes>') % (W_NS, ''.join(w_par(t) for t in footnote))
        parts.append(('word/footnotes.xml', fn)); rels.append(('footnotes', 'footnotes.xml'))
        ct.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
    if insertion:
        extra += '<w:p><w:r><w:t xml:space="preserve">Modifications suivies : </w:t></w:r><w:ins w:id="7" w:author="Utilisateur" w:date="2025-03-10T12:00:00Z"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:ins></w:p>' % X(insertion)
    sect = ''
    if header:
        parts.append(('word/header1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr %s>%s</w:hdr>' % (W_NS, ''.join(w_par(t) for t in header))))
        rels.append(('header', 'header1.xml')); sect += '<w:headerReference w:type="default" r:id="rId%d"/>' % len(rels)
        ct.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
    if footer:
        parts.append(('word/footer1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr %s>%s</w:ftr>' % (W_NS, ''.join(w_par(t) for t in footer))))
        rels.append(('footer', 'footer1.xml')); sect += '<w:footerReference w:type="default" r:id="rId%d"/>' % len(rels)
        ct.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
    if image:
        data, ext, (pw, ph) = image
        parts.append(('word/media/image1.' + ext, data)); rels.append(('image', 'media/image1.' + ext))
        ct.insert(0, '<Default Extension="%s" ContentType="image/%s"/>' % (ext, 'jpeg' if ext == 'jpg' else ext))
        cx = 5943600; cy = int(cx * ph / pw)
        extra += w_image_run('rId%d' % len(rels), cx, cy)
    docxml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s%s<w:sectPr>%s<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>') % (W_NS, body_xml, extra, sect)
    relsx = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, RELT, t, tg) for i, (t, tg) in enumerate(rels)) + '</Relationships>'
    entries = [('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + ''.join(ct) + '</Types>'),
               ('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' % RELT),
               ('docProps/core.xml', CORE % X(title)), ('word/document.xml', docxml), ('word/_rels/document.xml.rels', relsx)] + parts
    return zip_bytes([(n, d.encode('utf-8') if isinstance(d, str) else d) for n, d in entries])

def col_letter(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s

def make_xlsx(sheets, comments=None, image=None):
    """sheets: list of (name, rows, state). comments: {sheet_index: [(ref, text)]}. image: (data, ext, (w,h)) on sheet 0."""
    comments = comments or {}
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    entries = []
    wbrels = []
    shx = ''
    for si, (name, rows, state) in enumerate(sheets):
        xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>'
        for ri, r in enumerate(rows):
            xml += '<row r="%d">' % (ri + 1)
            for ci, c in enumerate(r):
                ref = '%s%d' % (col_letter(ci), ri + 1)
                if isinstance(c, (int, float)):
                    xml += '<c r="%s"><v>%s</v></c>' % (ref, c)
                else:
                    xml += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, X(c))
            xml += '</row>'
        xml += '</sheetData>'
        srels = []
        if image and si == 0:
            srels.append(('drawing', '../drawings/drawing1.xml')); xml += '<drawing r:id="rId%d"/>' % len(srels)
        if si in comments:
            srels.append(('vmlDrawing', '../drawings/vmlDrawing%d.vml' % (si + 1))); xml += '<legacyDrawing r:id="rId%d"/>' % len(srels)
            srels.append(('comments', '../comments%d.xml' % (si + 1)))
            cx = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Utilisateur</author></authors><commentList>'
            vml = '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            for k, (ref, text) in enumerate(comments[si]):
                cx += '<comment ref="%s" authorId="0"><text><r><t xml:space="preserve">%s</t></r></text></comment>' % (ref, X(text))
                m = re.match(r'([A-Z]+)(\d+)', ref)
                col = ord(m.group(1)[0]) - 65; row = int(m.group(2)) - 1
                vml += '<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>' % (1025 + k, k + 1, row, col)
            entries.append(('xl/comments%d.xml' % (si + 1), cx + '</commentList></comments>'))
            entries.append(('xl/drawings/vmlDrawing%d.vml' % (si + 1), vml + '</xml>'))
            ct.append('<Override PartName="/xl/comments%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' % (si + 1))
        xml += '</worksheet>'
        entries.append(('xl/worksheets/sheet%d.xml' % (si + 1), xml))
        if srels:
            entries.append(('xl/worksheets/_rels/sheet%d.xml.rels' % (si + 1), '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, RELT, t, tg) for i, (t, tg) in enumerate(srels)) + '</Relationships>'))
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (si + 1))
        wbrels.append(('worksheet', 'worksheets/sheet%d.xml' % (si + 1)))
        shx += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (X(name), si + 1, ' state="%s"' % state if state else '', si + 1)
    if image:
        data, ext, (pw, ph) = image
        ct.insert(0, '<Default Extension="%s" ContentType="image/%s"/>' % (ext, 'jpeg' if ext == 'jpg' else ext))
        ct.append('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
        cx = 6400000; cy = int(cx * ph / pw)
        entries.append(('xl/media/image1.' + ext, data))
        entries.append(('xl/drawings/_rels/drawing1.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%simage" Target="../media/image1.%s"/></Relationships>' % (RELT, ext)))
        entries.append(('xl/drawings/drawing1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="%d" cy="%d"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>' % (cx, cy, cx, cy)))
    wb = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>%s</sheets></workbook>' % shx
    wbrelsx = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, RELT, t, tg) for i, (t, tg) in enumerate(wbrels)) + '</Relationships>'
    allp = [('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + ''.join(ct) + '</Types>'),
            ('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' % RELT),
            ('docProps/core.xml', CORE % 'Classeur'), ('xl/workbook.xml', wb), ('xl/_rels/workbook.xml.rels', wbrelsx)] + entries
    return zip_bytes([(n, d.encode('utf-8') if isinstance(d, str) else d) for n, d in allp])

P_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
THEME = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements><a:clrScheme name="Office">'
         + ''.join('<a:%s><a:srgbClr val="%s"/></a:%s>' % (n, v, n) for n, v in [('dk1', '000000'), ('lt1', 'FFFFFF'), ('dk2', '1F497D'), ('lt2', 'EEECE1'), ('accent1', '4F81BD'), ('accent2', 'C0504D'), ('accent3', '9BBB59'), ('accent4', '8064A2'), ('accent5', '4BACC6'), ('accent6', 'F79646'), ('hlink', '0000FF'), ('folHlink', '800080')])
         + '</a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
         '<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>'
         '<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>'
         '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>'
         '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')
SPTREE0 = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'

def p_txbody(paras, sz=2000):
    return '<p:txBody><a:bodyPr/><a:lstStyle/>' + ''.join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d"/><a:t>%s</a:t></a:r></a:p>' % (sz, X(t)) for t in paras) + '</p:txBody>'

def p_shape(i, name, x, y, cx, cy, paras, sz=2000, ph=None):
    phx = '<p:nvPr><p:ph type="%s"/></p:nvPr>' % ph if ph else '<p:nvPr/>'
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr txBox="1"/>%s</p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>%s</p:sp>'
            % (i, name, phx, x, y, cx, cy, p_txbody(paras, sz)))

def rels_xml(rels):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + ''.join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, RELT, t, tg) for i, (t, tg) in enumerate(rels)) + '</Relationships>')

def make_pptx(slides):
    """slides: list of dict(title, lines, notes=None, image=None(data, ext, (w,h)), table=None)."""
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/>',
          '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>',
          '<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>',
          '<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>',
          '<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>',
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>']
    E = []
    anynotes = any(s.get('notes') for s in slides)
    prels = [('slideMaster', 'slideMasters/slideMaster1.xml')]
    for i in range(len(slides)):
        prels.append(('slide', 'slides/slide%d.xml' % (i + 1)))
    prels.append(('theme', 'theme/theme1.xml'))
    nm = ''
    if anynotes:
        prels.append(('notesMaster', 'notesMasters/notesMaster1.xml'))
        nm = '<p:notesMasterIdLst><p:notesMasterId r:id="rId%d"/></p:notesMasterIdLst>' % len(prels)
        ct.append('<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>')
        ct.append('<Override PartName="/ppt/theme/theme2.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>')
        E.append(('ppt/theme/theme2.xml', THEME))
        E.append(('ppt/notesMasters/notesMaster1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notesMaster %s><p:cSld><p:spTree>%s%s</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:notesMaster>' % (P_NS, SPTREE0, p_shape(2, 'Notes Placeholder', 685800, 4400550, 5486400, 3600450, [''], 1200, 'body'))))
        E.append(('ppt/notesMasters/_rels/notesMaster1.xml.rels', rels_xml([('theme', '../theme/theme2.xml')])))
    pres = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>%s<p:sldIdLst>%s</p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
            % (P_NS, nm, ''.join('<p:sldId id="%d" r:id="rId%d"/>' % (256 + i, i + 2) for i in range(len(slides)))))
    E.append(('ppt/presentation.xml', pres)); E.append(('ppt/_rels/presentation.xml.rels', rels_xml(prels)))
    E.append(('ppt/theme/theme1.xml', THEME))
    clr = '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    E.append(('ppt/slideMasters/slideMaster1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldMaster %s><p:cSld><p:spTree>%s</p:spTree></p:cSld>%s<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>' % (P_NS, SPTREE0, clr)))
    E.append(('ppt/slideMasters/_rels/slideMaster1.xml.rels', rels_xml([('slideLayout', '../slideLayouts/slideLayout1.xml'), ('theme', '../theme/theme1.xml')])))
    E.append(('ppt/slideLayouts/slideLayout1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout %s type="blank"><p:cSld name="Vide"><p:spTree>%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>' % (P_NS, SPTREE0)))
    E.append(('ppt/slideLayouts/_rels/slideLayout1.xml.rels', rels_xml([('slideMaster', '../slideMasters/slideMaster1.xml')])))
    for i, s in enumerate(slides):
        n = i + 1
        srels = [('slideLayout', '../slideLayouts/slideLayout1.xml')]
        tree = SPTREE0 + p_shape(2, 'Titre', 457200, 274638, 8229600, 1000000, [s['title']], 3200)
        if s.get('lines'):
            tree += p_shape(3, 'Texte', 457200, 1400000, 8229600, 4800000, s['lines'], 1600 if len(s['lines']) > 6 else 2000)
        if s.get('image'):
            data, ext, (pw, ph) = s['image']
            E.append(('ppt/media/image%d.%s' % (n, ext), data)); srels.append(('image', '../media/image%d.%s' % (n, ext)))
            cx = 8229600; cy = int(cx * ph / pw)
            if cy > 5000000:
                cy = 5000000; cx = int(cy * pw / ph)
            tree += ('<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image 3"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId%d"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                     '<p:spPr><a:xfrm><a:off x="457200" y="1500000"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>') % (len(srels), cx, cy)
        if s.get('notes'):
            srels.append(('notesSlide', '../notesSlides/notesSlide%d.xml' % n))
            ns = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notes %s><p:cSld><p:spTree>%s%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
                  % (P_NS, SPTREE0, p_shape(2, 'Espace réservé des notes', 685800, 4400550, 5486400, 3600450, s['notes'], 1200, 'body')))
            E.append(('ppt/notesSlides/notesSlide%d.xml' % n, ns))
            E.append(('ppt/notesSlides/_rels/notesSlide%d.xml.rels' % n, rels_xml([('notesMaster', '../notesMasters/notesMaster1.xml'), ('slide', '../slides/slide%d.xml' % n)])))
            ct.append('<Override PartName="/ppt/notesSlides/notesSlide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>' % n)
        E.append(('ppt/slides/slide%d.xml' % n, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld %s><p:cSld><p:spTree>%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>' % (P_NS, tree)))
        E.append(('ppt/slides/_rels/slide%d.xml.rels' % n, rels_xml(srels)))
        ct.append('<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>' % n)
    allp = [('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + ''.join(ct) + '</Types>'),
            ('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%sofficeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' % RELT),
            ('docProps/core.xml', CORE % 'Présentation')] + E
    return zip_bytes([(n, d.encode('utf-8') if isinstance(d, str) else d) for n, d in allp])

def doc_slide_lines(doc):
    out = []
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            out.append(b[1])
        elif b[0] == 'kv':
            out += ['%s : %s' % kv for kv in b[1]]
        elif b[0] == 'table':
            out += [' — '.join(r) for r in b[2]]
    return out

def doc_sheet_rows(doc):
    rows = [[doc['inst']], [doc['title']], []]
    for b in doc['blocks']:
        if b[0] in ('h', 'p'):
            rows.append([b[1]])
        elif b[0] == 'kv':
            rows += [[k, v] for k, v in b[1]]
        elif b[0] == 'table':
            rows.append(list(b[1])); rows += [list(r) for r in b[2]]
    return rows

# ---------------------------------------------------------------- RTF
def rtf_esc(s, mode):
    out = []
    for ch in s:
        o = ord(ch)
        if ch in '\\{}':
            out.append('\\' + ch)
        elif o < 128:
            out.append(ch)
        else:
            try:
                b = ch.encode('cp1252')
            except UnicodeEncodeError:
                b = None
            if mode == 0 and b is not None:
                out.append("\\'%02x" % b[0])
            else:
                out.append('\\u%d?' % (o if o < 32768 else o - 65536))
    return ''.join(out)

def make_rtf(doc, mode, cover=None):
    e = lambda s: rtf_esc(s, mode)
    out = ['{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}}\\viewkind4\\pard\\f0\\fs20 ']
    if cover:
        for line in cover.split('\n'):
            out.append(e(line) + '\\par\n')
        out.append('\\par\n')
    out.append('{\\b ' + e(doc['inst']) + '}\\par\n' + e(doc['site']) + '\\par\\par\n{\\b\\fs28 ' + e(doc['title']) + '}\\par\\par\n')
    for b in doc['blocks']:
        if b[0] == 'h':
            out.append('{\\b ' + e(b[1]) + '}\\par\n')
        elif b[0] == 'p':
            out.append(e(b[1]) + '\\par\n')
        elif b[0] == 'kv':
            for k, v in b[1]:
                out.append('\\trowd\\trgaph70\\clbrdrb\\brdrs\\cellx3000\\clbrdrb\\brdrs\\cellx9000\\pard\\intbl{\\b %s}\\cell %s\\cell\\row\n' % (e(k), e(v)))
            out.append('\\pard\\par\n')
        elif b[0] == 'table':
            n = len(b[1]); w = 9000 // n
            defs = ''.join('\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx%d' % (w * (i + 1)) for i in range(n))
            for ri, r in enumerate([b[1]] + b[2]):
                cells = ''.join(('{\\b %s}' if ri == 0 else '%s') % e(c) + '\\cell ' for c in r)
                out.append('\\trowd\\trgaph70' + defs + '\\pard\\intbl ' + cells + '\\row\n')
            out.append('\\pard\\par\n')
    out.append('}')
    return ''.join(out).encode('ascii')

# ---------------------------------------------------------------- TNEF (MS-OXTNEF)
def tnef_attr(level, atype, aid, data):
    return struct.pack('<BI I', level, (atype << 16) | aid, len(data)) + data + struct.pack('<H', sum(data) & 0xFFFF)

def mapi_props(props):
    """props: list of (ptype, pid, value). PT_STRING8=0x1E, PT_UNICODE=0x1F, PT_LONG=3, PT_BINARY=0x102."""
    out = struct.pack('<I', len(props))
    for pt, pid, val in props:
        out += struct.pack('<HH', pt, pid)
        if pt == 0x0003:
            out += struct.pack('<I', val)
        else:
            if pt == 0x001E:
                b = val.encode('cp1252') + b'\x00'
            elif pt == 0x001F:
                b = val.encode('utf-16-le') + b'\x00\x00'
            else:
                b = val
            out += struct.pack('<II', 1, len(b)) + b + b'\x00' * ((4 - len(b) % 4) % 4)
    return out

def make_tnef(subject, body=None, msgprops_body=None, unicode_body=False, attachments=()):
    key = 0x0A13
    out = struct.pack('<IH', 0x223E9F78, key)
    out += tnef_attr(1, 0x0008, 0x9006, struct.pack('<I', 0x00010000))          # attTnefVersion
    out += tnef_attr(1, 0x0006, 0x9007, struct.pack('<II', 1252, 0))            # attOemCodepage
    out += tnef_attr(1, 0x0007, 0x8008, b'IPM.Microsoft Mail.Note\x00')          # attMessageClass
    out += tnef_attr(1, 0x0001, 0x8004, subject.encode('cp1252') + b'\x00')      # attSubject
    out += tnef_attr(1, 0x0003, 0x8005, struct.pack('<7H', 2025, 3, 10, 12, 0, 0, 1))  # attDateSent
    if body is not None:
        out += tnef_attr(1, 0x0002, 0x800C, body.encode('cp1252'))               # attBody
    props = [(0x0003, 0x3FDE, 1252)]
    if msgprops_body is not None:
        props.append((0x001F if unicode_body else 0x001E, 0x1000, msgprops_body))  # PR_BODY
    out += tnef_attr(1, 0x0006, 0x9003, mapi_props(props))                        # attMsgProps
    for name, data in attachments:
        out += tnef_attr(2, 0x0006, 0x9002, struct.pack('<HIHHI', 1, 0xFFFFFFFF, 0, 0, 0))  # attAttachRenddata
        out += tnef_attr(2, 0x0001, 0x8010, name.encode('cp1252') + b'\x00')     # attAttachTitle
        out += tnef_attr(2, 0x0006, 0x800F, data)                                # attAttachData
        out += tnef_attr(2, 0x0006, 0x9005, mapi_props([(0x001F, 0x3707, name), (0x001E, 0x3703, os.path.splitext(name)[1]), (0x0003, 0x3705, 1)]))  # attAttachment
    return out

# ---------------------------------------------------------------- MIME
SUBJECTS = ['Document', 'Suivi', 'TR: documents demandés', 'Pour information', 'Envoi comme convenu', 'Fwd: pièce jointe',
            'Documents pour lundi', 'RE: demande', 'Numérisation', 'Scan', 'Fichier', 'Pour révision', 'Copie', 'Voir pièce jointe',
            'À imprimer', 'Info', 'Document from scanner', 'As discussed', 'Fwd: file', 'TR: formulaire', 'Message de Télécopieur',
            'Envoi de mon poste', 'Pour la réunion', 'RE: RE: suivi']
COVERS = ['Bonjour,\n\nVoici le document comme convenu.\n\nMerci,',
          'Bonjour,\n\nJe t\'envoie ceci pour pouvoir le consulter à la maison ce soir.\n\nBonne soirée',
          'Salut,\n\nCi-joint. On en reparle lundi.',
          'Hi,\n\nPlease find the file attached as discussed.\n\nThanks,',
          'Bonjour,\n\nPourriez-vous imprimer ce document avant la réunion de demain ?\n\nMerci beaucoup',
          'Pour info.',
          'Bonjour,\n\nDocument numérisé au poste de l\'unité et envoyé à partir du numériseur.',
          'Bonjour,\n\nVoir le fichier joint. Je ne peux pas l\'ouvrir sur mon poste, peux-tu regarder ?',
          'Hello,\n\nSending this to my personal address so I can print it at home.',
          'Bonjour,\n\nTel que demandé au téléphone ce matin.\n\nCordialement,']
SERVICES = ['Médecine interne', 'Soins infirmiers — unité 4 Nord', 'Archives médicales', 'Clinique externe de cardiologie',
            'Direction des services professionnels', 'Pharmacie', 'Santé publique', 'Urgence']
DISCLAIMER = ('AVIS DE CONFIDENTIALITÉ : ce courriel et ses pièces jointes peuvent contenir des renseignements confidentiels. '
              'Si vous l\'avez reçu par erreur, veuillez en aviser l\'expéditeur et le détruire.')
BASES = ['document', 'scan0001', 'numerisation', 'Capture', 'piece_jointe', 'fichier', 'IMG_2041', 'doc20250312', 'export',
         'copie', 'Sans titre', 'image001', 'formulaire', 'DOC001', 'Nouveau document', 'SCN_0042', 'fax_recu', 'liste']
CTYPES = {'png': 'image/png', 'jpg': 'image/jpeg', 'jpeg': 'image/jpeg', 'gif': 'image/gif', 'pdf': 'application/pdf', 'tif': 'image/tiff',
          'tiff': 'image/tiff', 'docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
          'doc': 'application/msword', 'xls': 'application/vnd.ms-excel', 'ppt': 'application/vnd.ms-powerpoint',
          'rtf': 'application/rtf', 'txt': 'text/plain', 'csv': 'text/csv', 'zip': 'application/zip', 'tar': 'application/x-tar',
          'gz': 'application/gzip', 'tgz': 'application/gzip', '7z': 'application/x-7z-compressed', 'dat': 'application/ms-tnef'}

def attname(rng, ext):
    return rng.choice(BASES) + '.' + ext

class Ctx:
    def __init__(self, label, idx):
        self.rng = R(label, idx)
        self.hosp = self.rng.choice(HOSP)
        self.sender = self.rng.choice(STAFF + NURSES)
        self.service = self.rng.choice(SERVICES)
        self.ext = self.rng.randint(2000, 7999)

    def sig(self):
        return '%s\n%s\n%s\nTél. : (450) 555-%04d, poste %d' % (self.sender, self.service, self.hosp[2], self.ext - 1000, self.ext)

    def cover(self):
        t = self.rng.choice(COVERS) + '\n\n' + self.sig()
        if self.rng.random() < 0.4:
            t += '\n\n' + DISCLAIMER
        return t + '\n'

    def boundary(self):
        return '----=_NextPart_%03d_%04X_%08X.%08X' % (self.rng.randint(0, 3), self.rng.getrandbits(16), self.rng.getrandbits(32), self.rng.getrandbits(32))

    def cid(self, name):
        return '%s@01DB%04X.%08X' % (name, self.rng.getrandbits(16), self.rng.getrandbits(32))

def b64lines(data):
    s = base64.b64encode(data).decode('ascii')
    return '\r\n'.join(s[i:i + 76] for i in range(0, len(s), 76)) + '\r\n'

def qp(text, charset):
    enc = quopri.encodestring(text.replace('\r\n', '\n').encode(charset), quotetabs=False).decode('ascii')
    return enc.replace('\n', '\r\n') + ('' if enc.endswith('\n') else '\r\n')

def leaf(ctype, data, cte='base64', filename=None, disp='attachment', cid=None, extra_ct='', fname_header=None):
    return dict(ctype=ctype, data=data, cte=cte, filename=filename, disp=disp, cid=cid, extra_ct=extra_ct, fname_header=fname_header)

def text_leaf(text, subtype='plain', charset='utf-8', cte='quoted-printable'):
    data = text if isinstance(text, bytes) else text.encode(charset)
    return dict(ctype='text/%s; charset="%s"' % (subtype, charset), data=data, cte=cte, filename=None, disp=None, cid=None, extra_ct='', fname_header=None, text=text, charset=charset)

def multi(subtype, children, **kw):
    return dict(multi=subtype, children=children, **kw)

def ser(part, ctx):
    out = []
    if 'multi' in part:
        b = ctx.boundary()
        extra = ('; type="%s"' % part['type']) if part.get('type') else ''
        out.append('Content-Type: multipart/%s;\r\n\tboundary="%s"%s\r\n' % (part['multi'], b, extra))
        out.append('\r\n')
        out.append('This is a multi-part message in MIME format.\r\n' if part.get('preamble') else '')
        for c in part['children']:
            out.append('\r\n--%s\r\n' % b)
            out.append(ser(c, ctx))
        out.append('\r\n--%s--\r\n' % b)
        return ''.join(out)
    ct = part['ctype']
    if part['filename'] and not part['fname_header']:
        ct += ';\r\n\tname="%s"' % part['filename']
    if part['fname_header']:
        ct += ';\r\n\t' + part['fname_header'].replace('filename*', 'name*')
    out.append('Content-Type: %s%s\r\n' % (ct, part['extra_ct']))
    out.append('Content-Transfer-Encoding: %s\r\n' % part['cte'])
    if part['cid']:
        out.append('Content-ID: <%s>\r\n' % part['cid'])
    if part['disp']:
        d = part['disp']
        if part['fname_header']:
            d += ';\r\n\t' + part['fname_header']
        elif part['filename']:
            d += ';\r\n\tfilename="%s"' % part['filename']
        out.append('Content-Disposition: %s\r\n' % d)
    out.append('\r\n')
    if part['cte'] == 'base64':
        out.append(b64lines(part['data']))
    elif part['cte'] == 'quoted-printable':
        out.append(qp(part['text'], part['charset']))
    else:
        out.append(part['data'].decode('ascii').replace('\r\n', '\n').replace('\n', '\r\n'))
    return ''.join(out)

def enc_name(name):
    if all(ord(c) < 128 for c in name):
        return name
    return Header(name, 'utf-8').encode()

def build_message(ctx, body, subject=None, subject_raw=None):
    rng = ctx.rng
    first, last = ctx.sender.replace('Dre ', '').replace('Dr ', '').split(' ', 1)
    addr = '%s.%s@%s' % (strip_letters(first).lower(), strip_letters(last).lower(), ctx.hosp[1])
    rfirst = strip_letters(rng.choice(GIVEN_F + GIVEN_M)).lower()
    to = '%s.%s%d@%s' % (rfirst, strip_letters(rng.choice(SURNAMES)).lower(), rng.randint(1, 99), rng.choice(RCPT))
    if subject_raw is None:
        subject = subject if subject is not None else rng.choice(SUBJECTS)
        subject_raw = enc_name(subject)
    base = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    dt = base + datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 20))
    h = ['From: %s <%s>' % (enc_name(ctx.sender), addr), 'To: %s' % to, 'Subject: %s' % subject_raw,
         'Date: %s' % format_datetime(dt), 'Message-ID: <%08X.%06X@%s>' % (rng.getrandbits(32), rng.getrandbits(24), ctx.hosp[1]),
         'MIME-Version: 1.0', 'X-Mailer: %s' % rng.choice(['Microsoft Outlook 16.0', 'Microsoft Outlook 15.0', 'Apple Mail (2.3731)', 'Sharp MX-3071 Scan'])]
    hs = ('\r\n'.join(h) + '\r\n').replace('\r\n', '\n').replace('\n', '\r\n')
    return (hs + ser(body, ctx)).encode('ascii')

def std_body(ctx, atts, html=False):
    cover = ctx.cover()
    if html:
        hb = '<html><body><p>' + cover.replace('&', '&amp;').replace('<', '&lt;').replace('\n', '<br>\n') + '</p></body></html>\n'
        tp = multi('alternative', [text_leaf(cover), text_leaf(hb, 'html')])
    else:
        tp = text_leaf(cover)
    return multi('mixed', [tp] + atts, preamble=True)

def att(ctx, data, ext, name=None):
    return leaf(CTYPES[ext], data, 'base64', name or attname(ctx.rng, ext))

# ---------------------------------------------------------------- categories
def get_doc(ctx, label, kind):
    return pos_doc(kind, ctx.rng, ctx.hosp) if label == 'positive' else neg_doc(kind, ctx.rng, ctx.hosp)

def pick(label, pos, neg, i):
    return (pos if label == 'positive' else neg)[i % len(pos if label == 'positive' else neg)]

SLUG = {'referral': 'referral-letter', 'consult': 'consultation-request', 'discharge': 'discharge-summary', 'lab': 'lab-results',
        'rx': 'prescription', 'imaging': 'imaging-report', 'ward': 'ward-list', 'appts': 'appointment-list', 'mado': 'mado-declaration',
        'consent': 'consent-form', 'en_referral': 'referral-letter-en', 'en_discharge': 'discharge-summary-en',
        'blank_consult': 'blank-consult-template', 'blank_lab': 'blank-lab-template', 'stats': 'aggregate-stats', 'schedule': 'staff-schedule',
        'po': 'purchase-order', 'policy': 'nam-policy', 'minutes': 'minutes', 'training': 'training', 'newsletter': 'newsletter',
        'directory': 'phone-directory', 'licences': 'oncall-licences', 'en_policy': 'privacy-policy-en', 'en_oncall': 'oncall-schedule-en'}

def cat_screenshot(label):
    out = []
    sizes = [(1920, 1080, 18, False), (1024, 768, 12, False), (1366, 768, 14, False), (1920, 200, 20, True), (1600, 900, 16, False), (1280, 1024, 22, False)]
    P = ['lab', 'ward', 'discharge', 'consult', 'appts', 'imaging']
    N = ['stats', 'schedule', 'directory', 'blank_consult', 'po', 'licences']
    for i, (w, h, px, banner) in enumerate(sizes):
        ctx = Ctx(label, 'shot%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        im = render_screen(doc, w, h, px, ctx.rng, banner_only=banner)
        out.append(('%s-%dx%d' % (SLUG[kind] if not banner else 'banner-' + SLUG[kind], w, h), build_message(ctx, std_body(ctx, [att(ctx, png_bytes(im), 'png')]))))
    return out

def scan_image(ctx, doc, variant):
    """variant: (dpi, colour, photo, orient, form, half)"""
    dpi, colour, photo, orient, form, half = variant
    page = render_page(doc, dpi, form=form, serif=not form, h_in=5.5 if half else 11.0)
    im = scanify(page, ctx.rng, colour=colour, photo=photo, noise=2)
    if not colour and not photo:
        im = im.convert('L')
    stored = orient_store(im, orient) if orient else im
    ex = exif_orient(orient) if orient else None
    return jpeg_bytes(stored, q=40 if dpi >= 300 else 50, dpi=dpi, exif=ex), im.size

SCAN_VARIANTS = [(200, False, False, 0, False, False), (150, True, False, 0, True, False), (150, True, True, 0, False, False),
                 (150, False, False, 6, True, False), (200, True, False, 8, False, False), (300, False, False, 3, True, True)]

def cat_scan(label):
    out = []
    P = ['referral', 'consent', 'discharge', 'mado', 'en_referral', 'rx']
    N = ['policy', 'blank_consult', 'minutes', 'po', 'en_policy', 'blank_lab']
    for i, v in enumerate(SCAN_VARIANTS):
        ctx = Ctx(label, 'scan%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        data, _ = scan_image(ctx, doc, v)
        tag = ('photo' if v[2] else ('colour' if v[1] else 'grey')) + '-%ddpi' % v[0] + ('-exif%d' % v[3] if v[3] else '')
        out.append(('%s-%s' % (SLUG[kind], tag), build_message(ctx, std_body(ctx, [att(ctx, data, 'jpg')]))))
    return out

def related_html(ctx, img_data, ext, w, h, extra_imgs=()):
    cid = ctx.cid('image001.' + ext)
    cover = ctx.cover()
    disp_w = min(w, 900)
    imgs = [(cid, img_data, ext, disp_w, int(h * disp_w / w))] + list(extra_imgs)
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body lang="FR-CA">'
            '<div class="WordSection1"><p class="MsoNormal">' + cover.split('\n\n')[0].replace('\n', '<br>') + '</p>'
            '<p class="MsoNormal"><img width="%d" height="%d" id="Image_x0020_1" src="cid:%s"></p>' % (imgs[0][3], imgs[0][4], cid))
    for c, d, e, ww, hh in imgs[1:]:
        html += '<p class="MsoNormal"><img width="%d" height="%d" src="cid:%s"></p>' % (ww, hh, c)
    html += '<p class="MsoNormal">' + '<br>'.join(cover.split('\n\n', 1)[1].split('\n')) + '</p></div></body></html>\n'
    alt = multi('alternative', [text_leaf(cover), text_leaf(html, 'html')])
    parts = [alt]
    for k, (c, d, e, ww, hh) in enumerate(imgs):
        parts.append(leaf(CTYPES[e], d, 'base64', 'image%03d.%s' % (k + 1, e), 'inline', c))
    return multi('related', parts, type='multipart/alternative', preamble=True)

def cat_inline(label):
    out = []
    P = ['lab', 'appts', 'ward', 'rx', 'discharge', 'consent']
    N = ['stats', 'schedule', 'en_oncall', 'blank_lab', 'newsletter', 'training']
    for i in range(6):
        ctx = Ctx(label, 'inline%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        if i < 3:
            w, h = [(1280, 720), (1536, 864), (1440, 900)][i]
            im = render_screen(doc, w, h, [14, 16, 15][i], ctx.rng)
            data, ext = png_bytes(im), 'png'
        else:
            data, (w, h) = scan_image(ctx, doc, [(150, True, True, 0, False, False), (150, False, False, 0, True, False), (150, True, False, 0, True, False)][i - 3])
            ext = 'jpg'
        tag = 'screen' if i < 3 else 'paper-photo'
        out.append(('%s-%s' % (SLUG[kind], tag), build_message(ctx, related_html(ctx, data, ext, w, h))))
    return out

def logo_png(ctx, w, h, text):
    im = Image.new('RGB', (w, h), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle([4, 4, h - 4, h - 4], fill=(0, 90, 160))
    d.text((h // 2 - h // 6, h // 6), '+', font=font(h // 2, True), fill=(255, 255, 255))
    d.text((h + 6, h // 4), text, font=font(max(10, h // 3), True), fill=(0, 60, 120))
    return im

def cat_small(label):
    assert label == 'negative'
    out = []
    gif1 = base64.b64decode('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==')
    for i in range(6):
        ctx = Ctx(label, 'small%d' % i)
        if i == 0:
            logo = png_bytes(logo_png(ctx, 260, 60, ctx.hosp[0][:22]))
            body = related_html(ctx, logo, 'png', 260, 60, [(ctx.cid('image002.gif'), gif1, 'gif', 1, 1)])
            slug = 'logo-and-tracking-pixel'
        elif i == 1:
            im = Image.new('RGB', (320, 90), (255, 255, 255)); d = ImageDraw.Draw(im)
            d.text((8, 6), ctx.sender, font=font(18, True), fill=(20, 20, 80)); d.text((8, 32), ctx.service, font=font(12), fill=(60, 60, 60))
            d.text((8, 52), 'Permis CMQ 1-%05d  |  poste %d' % (ctx.rng.randint(10000, 99999), ctx.ext), font=font(12), fill=(60, 60, 60))
            body = related_html(ctx, png_bytes(im), 'png', 320, 90)
            slug = 'signature-image-licence'
        elif i == 2:
            icons = []
            for k, (c, s) in enumerate([((0, 120, 200), 'T'), ((0, 160, 90), 'F'), ((200, 80, 0), '@')]):
                im = Image.new('RGBA', (24, 24), (0, 0, 0, 0)); d = ImageDraw.Draw(im)
                d.ellipse([0, 0, 23, 23], fill=c + (255,)); d.text((6, 3), s, font=font(14, True), fill=(255, 255, 255, 255))
                icons.append((ctx.cid('image%03d.png' % (k + 2)), png_bytes(im), 'png', 24, 24))
            body = related_html(ctx, png_bytes(logo_png(ctx, 200, 48, 'Santé QC')), 'png', 200, 48, icons)
            slug = 'contact-icons'
        elif i == 3:
            body = related_html(ctx, gif1, 'gif', 1, 1)
            slug = 'tracking-pixel-only'
        elif i == 4:
            im = logo_png(ctx, 600, 120, 'Fondation — campagne 2025')
            body = related_html(ctx, jpeg_bytes(im, 80), 'jpg', 600, 120)
            slug = 'banner-jpeg'
        else:
            im = Image.new('L', (240, 70), 255); d = ImageDraw.Draw(im)
            pts = [(10 + k * 6, 40 + int(14 * ((k * 7) % 5 - 2) / 2)) for k in range(36)]
            d.line(pts, fill=20, width=2)
            body = std_body(ctx, [att(ctx, png_bytes(logo_png(ctx, 64, 64, '')), 'png', 'image001.png'), att(ctx, png_bytes(im), 'png', 'image002.png')])
            slug = 'handwritten-signature-attached'
        out.append((slug, build_message(ctx, body)))
    return out

def cat_scanned_pdf(label):
    out = []
    P = ['discharge', 'lab', 'referral', 'imaging', 'consult', 'en_discharge']
    N = ['minutes', 'blank_lab', 'policy', 'training', 'blank_consult', 'en_policy']
    variants = [('jpeg', 150, False, 2), ('jpeg', 150, True, 3), ('flate', 150, False, 2), ('bilevel', 300, False, 2), ('bilevel', 200, False, 3), ('jpeg', 200, False, 1)]
    for i, (enc, dpi, colour, npg) in enumerate(variants):
        ctx = Ctx(label, 'spdf%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        annex = neg_doc('training', ctx.rng, ctx.hosp)
        docpage = render_page(doc, dpi, form=i % 2 == 1, serif=i % 2 == 0)
        pages = []
        if npg >= 2:
            pages.append(render_cover(ctx.rng, ctx.hosp, dpi, npg))
        if npg == 3 and i == 4:
            pages.append(render_page(annex, dpi)); pages.append(docpage); where = 3
        elif npg == 3:
            pages.append(docpage); pages.append(render_page(annex, dpi)); where = 2
        else:
            pages.append(docpage); where = npg
        ims = []
        for pg in pages:
            im = scanify(pg, ctx.rng, colour=colour, noise=(1 if enc == 'jpeg' else 0), light=(enc == 'jpeg'), skew=ctx.rng.uniform(-2, 2))
            ims.append(im if colour else im.convert('L'))
        pdf = image_pdf(ims, dpi, enc)
        out.append(('%s-%s-%ddpi-%dp-p%d' % (SLUG[kind], enc, dpi, npg, where), build_message(ctx, std_body(ctx, [att(ctx, pdf, 'pdf')]))))
    return out

def cat_fax(label):
    out = []
    P = ['mado', 'referral', 'rx', 'lab', 'consult', 'discharge']
    N = ['directory', 'policy', 'po', 'blank_consult', 'licences', 'minutes']
    variants = [('group3', True, True), ('group4', True, True), ('group3', False, True), ('group4', False, False), ('group4', True, False), ('group3', True, True)]
    for i, (comp, fine, cover) in enumerate(variants):
        ctx = Ctx(label, 'fax%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        pages = fax_pages(doc, ctx.rng, fine=fine, cover=cover, hosp=ctx.hosp)
        if i == 5:
            extra = fax_pages(neg_doc('training', ctx.rng, ctx.hosp), ctx.rng, fine=True, cover=False, hosp=ctx.hosp)
            pages = pages + extra
        data = tiff_bytes(pages, comp, fine)
        out.append(('%s-%s-%s-%dp' % (SLUG[kind], comp, 'fine' if fine else 'normal', len(pages)), build_message(ctx, std_body(ctx, [att(ctx, data, 'tif')]))))
    return out

def snippet(ctx, label, en=False):
    rng = ctx.rng
    if label == 'positive':
        p = Patient(rng); dx, icd, rx = dx_for(rng, p)
        if en:
            dxe, rxe = rng.choice(DX_EN)
            return ['Patient: %s, DOB %s, RAMQ %s' % (p.full, p.dob, p.namf), 'Chart %s: %s, on %s. Call family re: results.' % (p.dossier, dxe, rxe)]
        return ['%s : %s (né(e) le %s) — NAM %s' % (p.doslabel, p.dossier, p.dob, p.namf) if rng.random() < .5 else 'Patient : %s — NAM %s' % (p.inv, p.namf),
                '%s, %s — %s ; %s.' % (p.full, p.dob, dx, rx)]
    return rng.choice([['Document interne — version 2.%d' % rng.randint(0, 9), 'Direction des soins infirmiers — ne pas diffuser hors établissement.'],
                       ['Valider la formulation avec la DSP avant diffusion.', 'Formulaire AH-%d à jour (rév. 2024).' % rng.randint(100, 999)],
                       ['Voir la politique PO-12, article 4.', 'Imprimé le 2025-03-10 — poste CLIN-%03d' % rng.randint(1, 400)],
                       ['Prévoir 10 minutes pour les questions.', 'Rappeler la feuille de présence aux participants.']])

def harmless_doc(ctx):
    return neg_doc(ctx.rng.choice(['minutes', 'training', 'newsletter', 'policy']), ctx.rng, ctx.hosp)

def cat_office_embedded(label):
    out = []
    P = ['lab', 'ward', 'rx', 'appts', 'imaging', 'consent']
    N = ['stats', 'schedule', 'blank_consult', 'directory', 'po', 'training']
    for i in range(6):
        ctx = Ctx(label, 'oemb%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        if i % 2 == 0:
            im = render_screen(doc, 1280, 800, 15, ctx.rng); data, ext = png_bytes(im), 'png'; w, h = im.size
        else:
            data, (w, h) = scan_image(ctx, doc, (150, False, False, 0, i == 3, False)); ext = 'jpg'
        image = (data, ext, (w, h))
        fmt = ['docx', 'docx', 'xlsx', 'xlsx', 'pptx', 'pptx'][i]
        if fmt == 'docx':
            f = make_docx(w_par('Capture', True) + w_par('Voir l\'image ci-dessous.'), image=image)
        elif fmt == 'xlsx':
            f = make_xlsx([('Feuil1', [['Capture d\'écran'], ['Voir l\'image insérée.']], None)], image=image)
        else:
            f = make_pptx([dict(title='Présentation', lines=['Point de situation']), dict(title='Capture', lines=None, image=image)])
        out.append(('%s-%s-%s' % (SLUG[kind], fmt, ext), build_message(ctx, std_body(ctx, [att(ctx, f, fmt)]))))
    return out

def cat_office_hidden(label):
    out = []
    where = ['docx-header', 'docx-footer', 'docx-comment', 'docx-tracked-insertion', 'docx-footnote', 'xlsx-hidden-sheet',
             'xlsx-cell-comment', 'xlsx-second-sheet', 'pptx-speaker-notes', 'pptx-speaker-notes-en']
    for i, wh in enumerate(where):
        ctx = Ctx(label, 'ohid%d' % i)
        vis = harmless_doc(ctx)
        sn = snippet(ctx, label, en=wh.endswith('-en'))
        if wh.startswith('docx'):
            body = doc_wxml(vis)
            kw = {}
            key = wh.split('-', 1)[1]
            if key == 'header':
                kw['header'] = sn
            elif key == 'footer':
                kw['footer'] = sn
            elif key == 'comment':
                kw['comment'] = sn
            elif key == 'tracked-insertion':
                kw['insertion'] = ' '.join(sn)
            else:
                kw['footnote'] = sn
            f = make_docx(body, title='Document', **kw); ext = 'docx'
        elif wh.startswith('xlsx'):
            vis_rows = doc_sheet_rows(vis)
            if wh == 'xlsx-hidden-sheet' or wh == 'xlsx-second-sheet':
                if label == 'positive':
                    d2 = pos_doc(ctx.rng.choice(['ward', 'appts']), ctx.rng, ctx.hosp)
                else:
                    d2 = neg_doc(ctx.rng.choice(['po', 'stats']), ctx.rng, ctx.hosp)
                tb = [b for b in d2['blocks'] if b[0] == 'table'][0]
                rows2 = [list(tb[1])] + [list(r) for r in tb[2]]
                f = make_xlsx([('Sommaire', vis_rows, None), ('Feuil2' if wh.endswith('second-sheet') else 'Données', rows2, 'hidden' if 'hidden' in wh else None)])
            else:
                f = make_xlsx([('Feuil1', vis_rows, None)], comments={0: [('B2', ' '.join(sn))]})
            ext = 'xlsx'
        else:
            lines = doc_slide_lines(vis)[:5]
            f = make_pptx([dict(title=vis['title'][:40], lines=lines, notes=sn), dict(title='Questions ?', lines=['Merci'])]); ext = 'pptx'
        out.append(('%s' % wh, build_message(ctx, std_body(ctx, [att(ctx, f, ext)]))))
    return out

FORMS = {
    'consult': ('DEMANDE DE CONSULTATION', [('nom', 'Nom, prénom'), ('nam', 'NAM'), ('ddn', 'Date de naissance'), ('dossier', 'No dossier'), ('raison', 'Raison de la consultation'), ('medecin', 'Médecin référent')]),
    'mado': ('DÉCLARATION MADO', [('maladie', 'Maladie'), ('nom', 'Nom du cas'), ('ddn', 'Date de naissance'), ('nam', 'NAM'), ('tel', 'Téléphone'), ('medecin', 'Médecin déclarant')]),
    'consent': ('CONSENTEMENT AUX SOINS', [('nom', 'Nom de l\'usager'), ('nam', 'NAM'), ('ddn', 'Date de naissance'), ('proc', 'Intervention'), ('date', 'Date')]),
    'rx': ('RENOUVELLEMENT D\'ORDONNANCE', [('nom', 'Patient'), ('nam', 'No d\'assurance maladie'), ('ddn', 'DDN'), ('med', 'Médicament'), ('medecin', 'Prescripteur')]),
    'lab': ('REQUÊTE DE LABORATOIRE', [('nom', 'Nom'), ('dossier', 'Dossier hospitalier'), ('ddn', 'DDN'), ('analyses', 'Analyses demandées'), ('dx', 'Renseignements cliniques')]),
    'en': ('REFERRAL FORM', [('nom', 'Patient name'), ('nam', 'Health card number'), ('ddn', 'Date of birth'), ('dx', 'Reason for referral'), ('medecin', 'Referring physician')]),
}

def cat_fillable(label):
    out = []
    keys = ['consult', 'mado', 'consent', 'rx', 'lab', 'en']
    variants = [(False, 0), (True, 1), (False, 2), (True, 0), (False, 1), (True, 2)]
    for i, k in enumerate(keys):
        ctx = Ctx(label, 'form%d' % i)
        title, fl = FORMS[k]
        objstm, hexmode = variants[i]
        p = Patient(ctx.rng); dx, icd, rx = dx_for(ctx.rng, p)
        if label == 'positive':
            vals = {'nom': p.inv if i % 2 else p.full, 'nam': p.namf, 'ddn': p.dob, 'dossier': p.dossier, 'raison': dx + ' (' + icd + ')', 'medecin': ctx.rng.choice(STAFF),
                    'maladie': ctx.rng.choice(['Tuberculose', 'Syphilis (stade secondaire)', 'Coqueluche']), 'tel': p.phone, 'proc': 'Coloscopie (polype \u2265 1 cm)',
                    'date': vdate(ctx.rng), 'med': rx, 'analyses': 'FSC, ions, créat., HbA1c', 'dx': dx}
            slug = SLUG.get(k, 'referral-form-en') + '-filled'
        elif i < 3:
            vals = {}; slug = SLUG.get(k, 'referral-form-en') + '-blank'
        elif i == 3:
            vals = {'nom': 'NOM, Prénom', 'nam': 'XXXX 0000 0000', 'ddn': 'AAAA-MM-JJ', 'med': '(nom du médicament)', 'medecin': '(nom et no de permis)'}; slug = 'prescription-form-placeholders'
        elif i == 4:
            title = 'INSCRIPTION — FORMATION RCR'
            fl = [('nom', 'Employé(e)'), ('matricule', 'No employé'), ('service', 'Service'), ('date', 'Date de la séance'), ('tel', 'Poste')]
            vals = {'nom': ctx.rng.choice(NURSES), 'matricule': 'E%06d' % ctx.rng.randint(100000, 999999), 'service': 'Urgence', 'date': vdate(ctx.rng), 'tel': str(ctx.ext)}
            slug = 'staff-training-registration'
        else:
            title = 'REQUISITION — SUPPLIES'
            fl = [('item', 'Item code'), ('desc', 'Description'), ('lot', 'Lot'), ('qty', 'Quantity'), ('cc', 'Cost centre')]
            vals = {'item': 'CATH %04d %04d' % (ctx.rng.randint(1000, 9999), ctx.rng.randint(1000, 9999)), 'desc': 'IV catheter 20G (box of 50)', 'lot': 'LOT 2411-0%03d' % ctx.rng.randint(100, 999), 'qty': '12', 'cc': '7%05d' % ctx.rng.randint(0, 99999)}
            slug = 'supply-requisition-form'
        fields = [(n, lab, vals.get(n, ''), 'tx') for n, lab in fl]
        fields.append(('urgent', 'Urgent', label == 'positive' and i % 2 == 0, 'cb'))
        pdf = form_pdf(title, ctx.hosp[0], fields, objstm=objstm, hexmode=hexmode)
        out.append(('%s-%s' % (slug, 'objstm' if objstm else 'xref'), build_message(ctx, std_body(ctx, [att(ctx, pdf, 'pdf')]))))
    return out

def soffice_convert(files, target):
    """files: list of (name, bytes). target: 'doc'|'xls'|'ppt'. Returns {name_without_ext: bytes}."""
    flt = {'doc': 'doc:MS Word 97', 'xls': 'xls:MS Excel 97', 'ppt': 'ppt:MS PowerPoint 97'}[target]
    tmp = tempfile.mkdtemp(prefix='holdout-m-lo-')
    try:
        src = os.path.join(tmp, 'src'); dst = os.path.join(tmp, 'out'); prof = os.path.join(tmp, 'profile')
        os.makedirs(src); os.makedirs(dst)
        for n, d in files:
            with open(os.path.join(src, n), 'wb') as fh:
                fh.write(d)
            os.utime(os.path.join(src, n), (FIXED_EPOCH, FIXED_EPOCH))
        os.makedirs(os.path.join(prof, 'user'))
        with open(os.path.join(prof, 'user', 'registrymodifications.xcu'), 'w') as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                     '<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse"><value>false</value></prop></item></oor:items>\n')
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(FIXED_EPOCH), TZ='UTC', LANG='C.UTF-8', HOME=tmp)
        cmd = ['soffice', '-env:UserInstallation=file://' + prof, '--headless', '--norestore', '--nologo', '--convert-to', flt, '--outdir', dst] + [os.path.join(src, n) for n, d in files]
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=True)
        res = {}
        for n, d in files:
            stem = os.path.splitext(n)[0]
            with open(os.path.join(dst, stem + '.' + target), 'rb') as fh:
                res[stem] = fh.read()
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

def cat_legacy(label):
    if not shutil.which('soffice'):
        return []
    P = ['referral', 'discharge', 'lab', 'ward', 'appts', 'consult']
    N = ['minutes', 'policy', 'stats', 'schedule', 'training', 'directory']
    fmts = ['doc', 'doc', 'xls', 'xls', 'ppt', 'doc']
    ctxs = []; srcs = {'doc': [], 'xls': [], 'ppt': []}
    for i in range(6):
        ctx = Ctx(label, 'legacy%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        fmt = fmts[i]
        stem = 'f%d' % i
        if fmt == 'doc':
            srcs['doc'].append((stem + '.docx', make_docx(doc_wxml(doc))))
        elif fmt == 'xls':
            srcs['xls'].append((stem + '.xlsx', make_xlsx([('Feuil1', doc_sheet_rows(doc), None)])))
        else:
            lines = doc_slide_lines(doc)
            srcs['ppt'].append((stem + '.pptx', make_pptx([dict(title=doc['title'][:45], lines=lines[:12])])))
        ctxs.append((ctx, kind, fmt, stem))
    conv = {}
    for t in srcs:
        conv.update(soffice_convert(srcs[t], t))
    out = []
    for ctx, kind, fmt, stem in ctxs:
        out.append(('%s-%s' % (SLUG[kind], fmt), build_message(ctx, std_body(ctx, [att(ctx, conv[stem], fmt)]))))
    return out

def cat_rtf(label):
    out = []
    P = ['referral', 'lab', 'discharge', 'consult', 'mado', 'en_discharge']
    N = ['policy', 'blank_lab', 'minutes', 'blank_consult', 'directory', 'en_policy']
    for i in range(6):
        ctx = Ctx(label, 'rtf%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        mode = i % 2
        if i < 4:
            body = std_body(ctx, [att(ctx, make_rtf(doc, mode), 'rtf')]); tag = 'attachment'
            if i == 3:
                body['children'][-1]['ctype'] = 'text/rtf'
        elif i == 4:
            rtf = make_rtf(doc, mode, cover=ctx.cover())
            body = dict(ctype='text/rtf', data=rtf, cte='7bit', filename=None, disp=None, cid=None, extra_ct='', fname_header=None); tag = 'whole-body-text-rtf'
        else:
            body = multi('mixed', [text_leaf(ctx.cover()), dict(ctype='text/rtf', data=make_rtf(doc, mode), cte='7bit', filename=None, disp='inline', cid=None, extra_ct='', fname_header=None)]); tag = 'inline-text-rtf-part'
        out.append(('%s-%s-%s' % (SLUG[kind], tag, 'hexesc' if mode == 0 else 'uesc'), build_message(ctx, body)))
    return out

def table_csv(doc, delim=','):
    tb = [b for b in doc['blocks'] if b[0] == 'table']
    s = io.StringIO()
    w = csv.writer(s, delimiter=delim, lineterminator='\r\n')
    if tb:
        w.writerow(tb[0][1]); w.writerows(tb[0][2])
    else:
        for b in doc['blocks']:
            if b[0] == 'kv':
                for k, v in b[1]:
                    w.writerow([k, v])
    return s.getvalue()

def cat_unicode(label):
    out = []
    P = ['lab', 'ward', 'appts', 'discharge', 'ward', 'mado']
    N = ['blank_lab', 'schedule', 'directory', 'minutes', 'po', 'policy']
    encs = [('utf-16-le', True, 'txt', 'text/plain; charset="utf-16"'), ('utf-16-be', False, 'csv', 'text/csv; charset="utf-16be"'),
            ('utf-16-le', False, 'csv', 'application/octet-stream'), ('utf-32-le', True, 'txt', 'text/plain; charset="utf-32"'),
            ('utf-16-be', True, 'csv', 'application/vnd.ms-excel'), ('utf-32-be', True, 'txt', 'application/octet-stream')]
    boms = {'utf-16-le': b'\xff\xfe', 'utf-16-be': b'\xfe\xff', 'utf-32-le': b'\xff\xfe\x00\x00', 'utf-32-be': b'\x00\x00\xfe\xff'}
    for i, (enc, bom, ext, ctype) in enumerate(encs):
        ctx = Ctx(label, 'uni%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        text = table_csv(doc, ';' if i == 4 else ',') if ext == 'csv' else doc_text(doc, '\r\n')
        data = (boms[enc] if bom else b'') + text.encode(enc)
        a = leaf(ctype, data, 'base64', attname(ctx.rng, ext))
        out.append(('%s-%s-%s-%s' % (SLUG[kind], enc, 'bom' if bom else 'nobom', ext), build_message(ctx, std_body(ctx, [a]))))
    return out

def cat_archives(label):
    out = []
    P = ['ward', 'lab', 'appts', 'discharge', 'lab', 'referral', 'mado']
    N = ['schedule', 'blank_lab', 'directory', 'minutes', 'stats', 'policy', 'po']
    kinds = ['zip', 'nested-zip', 'tar', 'tar-gz', 'gz', '7z', 'zip-in-tgz']
    for i, ak in enumerate(kinds):
        ctx = Ctx(label, 'arch%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        harmless = neg_doc('newsletter', ctx.rng, ctx.hosp)
        inner_txt = doc_text(doc, '\r\n').encode('utf-8')
        inner_csv = table_csv(doc).encode('utf-8')
        readme = doc_text(harmless, '\r\n').encode('utf-8')
        n1 = ctx.rng.choice(BASES)
        if ak == 'zip':
            data = zip_bytes([('LISEZMOI.txt', readme), (n1 + '.txt', inner_txt)]); ext = 'zip'
        elif ak == 'nested-zip':
            data = zip_bytes([('archive/' + n1 + '.zip', zip_bytes([(n1 + '.csv', inner_csv)])), ('archive/notes.txt', readme)]); ext = 'zip'
        elif ak == 'tar':
            data = tar_bytes([('export/' + n1 + '.txt', inner_txt)]); ext = 'tar'
        elif ak == 'tar-gz':
            data = tar_bytes([('export/notes.txt', readme), ('export/' + n1 + '.csv', inner_csv)], gz=True); ext = 'tgz'
        elif ak == 'gz':
            data = gz_bytes(inner_csv, n1 + '.csv'); ext = 'gz'
            a = leaf(CTYPES['gz'], data, 'base64', n1 + '.csv.gz')
        elif ak == '7z':
            data = sevenz_bytes([(n1 + '.txt', inner_txt), ('lisezmoi.txt', readme)]); ext = '7z'
        else:
            data = tar_bytes([('envoi/' + n1 + '.zip', zip_bytes([(n1 + '.txt', inner_txt)]))], gz=True); ext = 'tgz'
        if ak != 'gz':
            a = att(ctx, data, ext)
        out.append(('%s-%s' % (SLUG[kind], ak), build_message(ctx, std_body(ctx, [a]))))
    return out

def to_latin1(s):
    for a, b in [('—', '-'), ('–', '-'), ('’', "'"), ('«', '"'), ('»', '"'), ('œ', 'oe'), ('≥', '>=')]:
        s = s.replace(a, b)
    return s.encode('latin-1', errors='replace').decode('latin-1')

ENC_SUBJ_NEG = ['Rappel — procédure d\'hygiène des mains révisée', 'Réunion du comité — ordre du jour modifié (salle 2-114)']
ENC_FILE_NEG = 'Procédure_désinfection_révisée_2025 — unité 4 Nord.txt'

def cat_encodings(label):
    out = []
    P = ['lab', 'discharge', 'referral', 'appts', None, None, None]
    N = ['policy', 'stats', 'minutes', 'directory', None, None, None]
    for i in range(7):
        ctx = Ctx(label, 'enc%d' % i)
        kind = pick(label, P, N, i)
        cover = ctx.cover()
        head, tail = (cover.split('\n\n', 1) + [''])[:2]
        if kind:
            doc = get_doc(ctx, label, kind)
            text = head + '\n\n' + doc_text(doc) + '\n' + tail
        if i == 0:
            body = text_leaf(to_latin1(text), charset='iso-8859-1'); slug = SLUG[kind] + '-qp-iso-8859-1-body'
            msg = build_message(ctx, body)
        elif i == 1:
            t = text.replace("'", '’').replace(' : ', ' « : » ', 1)
            body = text_leaf(t, charset='windows-1252'); slug = SLUG[kind] + '-qp-windows-1252-body'
            msg = build_message(ctx, body)
        elif i == 2:
            body = text_leaf(text, cte='base64'); slug = SLUG[kind] + '-base64-utf8-plain-body'
            msg = build_message(ctx, body)
        elif i == 3:
            html = '<html><head><meta charset="utf-8"></head><body><p>' + '</p>\n<p>'.join(X(l) for l in text.split('\n') if l) + '</p></body></html>\n'
            body = text_leaf(html, 'html', cte='base64'); slug = SLUG[kind] + '-base64-utf8-html-body'
            msg = build_message(ctx, body)
        elif i in (4, 5):
            if label == 'positive':
                p = Patient(ctx.rng); dx = dx_for(ctx.rng, p)[0]
                subj = 'Résultats %s — %s (%s)' % (p.inv, dx, p.namf) if i == 4 else 'Congé de %s, né(e) le %s — %s' % (p.full, p.dob, dx)
            else:
                subj = ENC_SUBJ_NEG[i - 4]
            cs = 'utf-8' if i == 4 else 'iso-8859-1'
            raw = Header(to_latin1(subj) if i == 5 else subj, cs, maxlinelen=76).encode()
            msg = build_message(ctx, std_body(ctx, []), subject_raw=raw)
            slug = ('rfc2047-b-utf8-subject' if i == 4 else 'rfc2047-q-latin1-subject') + ('-patient' if label == 'positive' else '-notice')
        else:
            if label == 'positive':
                p = Patient(ctx.rng)
                fname = 'Sommaire_hospitalisation_%s_%s_NAM_%s.txt' % (p.sur, p.giv, p.namf)
            else:
                fname = ENC_FILE_NEG
            from urllib.parse import quote
            q = "utf-8''" + quote(fname, safe='')
            chunks = [q[k:k + 60] for k in range(0, len(q), 60)]
            fh = ';\r\n\t'.join('filename*%d*=%s' % (k, c) for k, c in enumerate(chunks))
            content = 'Document numérisé — voir l\'original.\r\n'.encode('utf-8')
            a = leaf('text/plain; charset="utf-8"', content, 'base64', None, 'attachment', fname_header=fh)
            msg = build_message(ctx, std_body(ctx, [a]))
            slug = 'rfc2231-filename' + ('-patient' if label == 'positive' else '-procedure')
        out.append((slug, msg))
    return out

def cat_tnef(label):
    out = []
    P = ['lab', 'referral', 'discharge', 'consult', 'mado', 'appts']
    N = ['policy', 'minutes', 'training', 'blank_consult', 'directory', 'schedule']
    kinds = ['attachdata-txt', 'attachdata-rtf', 'attbody', 'msgprops-pr-body-string8', 'msgprops-pr-body-unicode', 'attachdata-csv']
    for i, tk in enumerate(kinds):
        ctx = Ctx(label, 'tnef%d' % i)
        kind = pick(label, P, N, i)
        doc = get_doc(ctx, label, kind)
        subj = ctx.rng.choice(SUBJECTS)
        cov = ctx.cover()
        dtext = doc_text(doc, '\r\n')
        enc = lambda s: s.encode('cp1252', errors='replace')
        kw = dict(subject=subj)
        if tk == 'attachdata-txt':
            kw.update(body=cov.replace('\n', '\r\n'), attachments=[(attname(ctx.rng, 'txt'), enc(dtext))])
        elif tk == 'attachdata-rtf':
            kw.update(body=cov.replace('\n', '\r\n'), attachments=[(attname(ctx.rng, 'rtf'), make_rtf(doc, i % 2))])
        elif tk == 'attbody':
            kw.update(body=(cov.split('\n\n')[0] + '\n\n').replace('\n', '\r\n') + dtext)
        elif tk == 'msgprops-pr-body-string8':
            kw.update(msgprops_body=(cov.split('\n\n')[0] + '\n\n').replace('\n', '\r\n') + dtext)
        elif tk == 'msgprops-pr-body-unicode':
            kw.update(msgprops_body=(cov.split('\n\n')[0] + '\n\n').replace('\n', '\r\n') + dtext, unicode_body=True)
        else:
            kw.update(body=cov.replace('\n', '\r\n'), attachments=[(attname(ctx.rng, 'csv'), enc(table_csv(doc)))])
        if 'body' in kw:
            kw['body'] = kw['body'].encode('cp1252', errors='replace').decode('cp1252')
        tn = make_tnef(**kw)
        a = leaf('application/ms-tnef', tn, 'base64', 'winmail.dat')
        out.append(('%s-%s' % (SLUG[kind], tk), build_message(ctx, std_body(ctx, [a]), subject=subj)))
    return out

CATEGORIES = [('screenshot', cat_screenshot), ('scan', cat_scan), ('inline-image', cat_inline), ('small-images', cat_small),
              ('scanned-pdf', cat_scanned_pdf), ('fax-tiff', cat_fax), ('office-embedded-image', cat_office_embedded),
              ('office-hidden-parts', cat_office_hidden), ('fillable-pdf', cat_fillable), ('legacy-office', cat_legacy),
              ('rich-text', cat_rtf), ('unicode-text', cat_unicode), ('archives', cat_archives), ('encodings', cat_encodings), ('tnef', cat_tnef)]

def main():
    only = set(sys.argv[1:])
    for d in ('positive', 'negative'):
        p = os.path.join(HERE, d)
        if os.path.isdir(p) and not only:
            shutil.rmtree(p)
        os.makedirs(p, exist_ok=True)
    rows = []
    counters = {'positive': 0, 'negative': 0}
    for cat, fn in CATEGORIES:
        if only and cat not in only:
            continue
        for label in ('positive', 'negative'):
            if cat == 'small-images' and label == 'positive':
                continue
            for slug, data in fn(label):
                counters[label] += 1
                name = '%s/%03d-%s-%s.eml' % (label, counters[label], cat, slug)
                with open(os.path.join(HERE, name), 'wb') as fh:
                    fh.write(data)
                rows.append((name, label, cat))
    if not only:
        with open(os.path.join(HERE, 'labels.csv'), 'w', newline='') as fh:
            w = csv.writer(fh, lineterminator='\n')
            w.writerow(['file', 'label', 'category'])
            w.writerows(sorted(rows))
    print('positive=%d negative=%d' % (counters['positive'], counters['negative']))

if __name__ == '__main__':
    main()
