#!/usr/bin/env python3
"""Held-out forms corpus (ninth author) generator.

Deterministic: fixed seed, fixed dates, fixed MIME boundaries, fixed archive
timestamps.  All people, numbers and establishments are invented.
Run from the repository root:  python3 tests/holdout/forms/generate.py
"""
import base64, csv, datetime, gzip, hashlib, io, os, quopri, random, re, shutil, subprocess
import tarfile, unicodedata, zipfile, zlib
from PIL import Image, ImageDraw, ImageFont, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(909090)
FD = '/usr/share/fonts/truetype/dejavu/'
_fc = {}


def F(size, bold=False, serif=False, mono=False, cond=False):
    if mono:
        n = 'DejaVuSansMono' + ('-Bold' if bold else '')
    elif serif:
        n = 'DejaVuSerif' + ('Condensed' if cond else '') + ('-Bold' if bold else '')
    else:
        n = 'DejaVuSans' + ('Condensed' if cond else '') + ('-Bold' if bold else '')
    k = (n, size)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FD + n + '.ttf', size)
    return _fc[k]

# ----------------------------------------------------------------- people
SURN = ['Tremblay', 'Gagnon', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Ouellet',
        'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Paquette', 'Girard', 'Simard', 'Caron',
        'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Lapointe', 'Leclerc', 'Poulin', 'Thibault',
        'St-Pierre', 'Nadeau', 'Landry', 'Bédard', 'Grenier', 'Lessard', 'Michaud', 'Hébert',
        'Desjardins', 'Turcotte', 'Lachance', 'Gosselin', 'Savard', 'Proulx', 'Beaudoin', 'Demers',
        'Boudreau', 'Nguyen', 'Haddad', 'Joseph', "D'Amours", 'Ng', 'Bélisle', 'Vachon', 'Arsenault',
        'Rioux', 'Charest', 'Labrecque', 'Duchesne', 'Auclair', 'Brisebois', 'Ménard', 'Sirois']
GM = ['Jean', 'Luc', 'Marc', 'Étienne', 'Mathieu', 'Gabriel', 'Louis', 'Olivier', 'Raymond', 'Gilles',
      'Réjean', 'Samuel', 'Félix', 'Youssef', 'Thomas', 'Denis', 'André', 'Jérôme', 'Karim', 'Benoît']
GF = ['Marie', 'Sophie', 'Isabelle', 'Chantal', 'Nathalie', 'Émilie', 'Léa', 'Geneviève', 'Ginette',
      'Lucie', 'Amira', 'Camille', 'Manon', 'Diane', 'Rose', 'Hélène', 'Josée', 'Fatima', 'Océane', 'Claire']
MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
        'novembre', 'décembre']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']


def noacc(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')


class P:
    pass


PEOPLE = []


def person(sex=None, ymin=1930, ymax=2023):
    p = P()
    PEOPLE.append(p)
    p.sex = sex or R.choice('MF')
    p.last = R.choice(SURN)
    p.first = R.choice(GM if p.sex == 'M' else GF)
    y = R.randint(ymin, ymax)
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    p.dob = datetime.date(y, m, d)
    letters = ''.join(c for c in noacc(p.last).upper() if c.isalpha())
    letters = (letters + 'XXX')[:3] + noacc(p.first)[0].upper()
    p.nam = '%s%02d%02d%02d%d%d' % (letters, y % 100, m + (50 if p.sex == 'F' else 0), d,
                                     R.randint(0, 9), R.randint(0, 9))
    k = R.randrange(5)
    if k == 0:
        p.mrn = '%07d' % R.randint(100000, 9999999)
    elif k == 1:
        p.mrn = '%06d' % R.randint(100000, 999999)
    elif k == 2:
        p.mrn = R.choice('HMSEK') + '%07d' % R.randint(0, 9999999)
    elif k == 3:
        p.mrn = '%08d' % R.randint(1000000, 99999999)
    else:
        p.mrn = R.choice(['CH', 'RV', 'ST']) + '-%06d' % R.randint(0, 999999)
    p.age = 2026 - y - (1 if (m, d) > (3, 1) else 0)
    return p


def nam_fmt(p, k=None):
    n = p.nam
    k = R.randrange(4) if k is None else k
    if k == 0:
        return n[:4] + ' ' + n[4:8] + ' ' + n[8:]
    if k == 1:
        return n
    if k == 2:
        return n[:4] + '-' + n[4:8] + '-' + n[8:]
    return n[:4] + ' ' + n[4:6] + ' ' + n[6:8] + ' ' + n[8:10] + ' ' + n[10:]


def dfmt(d, k=None, lang='fr'):
    k = R.randrange(6) if k is None else k
    if k == 0:
        return d.isoformat()
    if k == 1:
        return d.strftime('%d/%m/%Y')
    if k == 2:
        return ('%d %s %d' % (d.day, MOIS[d.month - 1], d.year)) if lang == 'fr' else \
            '%s %d, %d' % (MONTHS[d.month - 1], d.day, d.year)
    if k == 3:
        return d.strftime('%Y/%m/%d')
    if k == 4:
        return d.strftime('%d-%m-%Y')
    return d.strftime('%Y%m%d') if lang == 'fr' else d.strftime('%m/%d/%Y')


def pname(p, k=None):
    k = R.randrange(4) if k is None else k
    return [p.last.upper() + ', ' + p.first, p.first + ' ' + p.last,
            ('Mme ' if p.sex == 'F' else 'M. ') + p.first + ' ' + p.last,
            p.last + ' ' + p.first][k]


def rdate(a=(2026, 1, 5), span=80):
    return datetime.date(*a) + datetime.timedelta(days=R.randrange(span))


STAFF = [('Dre', 'Julie', 'Martel'), ('Dr', 'Pierre-Luc', 'Boisvert'), ('Dre', 'Anne', 'Rochette'),
         ('Dr', 'Hassan', 'El-Khoury'), ('Dre', 'Marie-Ève', 'Dionne'), ('Dr', 'François', 'Lemay'),
         ('', 'Sylvie', 'Carrier'), ('', 'Kevin', 'Fradette'), ('', 'Annie', 'Boulanger'),
         ('Dre', 'Priya', 'Raman'), ('Dr', 'Daniel', 'Côté-Roy'), ('', 'Mélanie', 'Girouard'),
         ('', 'Steve', 'Pouliot'), ('Dre', 'Valérie', 'Fontaine'), ('', 'Nadia', 'Bérubé'),
         ('Dr', 'Marco', 'Santini'), ('', 'Line', 'Therrien'), ('', 'Patrick', 'Doyon')]
ROLES = ['inf. clinicienne', 'archiviste médicale', 'agente administrative', 'pharmacien',
         't.s.', 'secrétaire médicale', 'coordonnatrice', 'inhalothérapeute', 'nutritionniste']
EST = [
    ('CISSS du Haut-Richelieu-Sud', 'Hôpital régional de Bellerive', '1200, boul. des Patriotes, Bellerive (Québec)  J0K 2X0', 'bellerive'),
    ('CIUSSS de l\'Estuaire-et-des-Îles', 'Centre hospitalier de Pointe-aux-Sternes', '45, rue du Quai, Pointe-aux-Sternes (Québec)  G0L 1Z0', 'estuaire'),
    ('CISSS des Monts-Verts', 'CLSC des Trois-Pignons', '310, rue Principale, Saint-Ours-des-Monts (Québec)  J0T 3H0', 'montsverts'),
    ('CIUSSS du Centre-Ville-Est', 'Hôpital Sainte-Berthe', '5555, rue Sherbrooke Est, Montréal (Québec)  H1N 9Z9', 'cvest'),
    ('GMF-U Rivière-aux-Saules', 'Clinique de médecine familiale', '88, chemin des Saules, Lac-Vert (Québec)  J8A 0B0', 'gmfsaules'),
    ('CISSS de la Baie-Boréale', 'Institut de santé mentale du Plateau-Nord', '2, avenue Boréale, Baie-Boréale (Québec)  G4Z 0A1', 'boreal'),
    ('CHU de la Vallée-Laurentienne', 'Pavillon Notre-Dame-des-Neiges', '900, boul. Laurentien, Québec (Québec)  G1X 0X0', 'chuvl'),
]
EXT_DOM = ['gmail.com', 'hotmail.com', 'videotron.ca', 'clinique-lemieux.ca', 'assurances-boreal.example',
           'labo-prive.example.com', 'physio-plus.example.ca', 'outlook.com', 'cabinet-avocats.example']
EMR = ['DossierPlus', 'MédiClic', 'OctaSanté', 'ArchiMed Web', 'SIH-Nova', 'Clinix 360']


def staff():
    t, f, l = R.choice(STAFF)
    return t, f, l


def staffname(s):
    return (s[0] + ' ' if s[0] else '') + s[1] + ' ' + s[2]


def est():
    return R.choice(EST)

# ----------------------------------------------------------------- documents
# doc = dict(title, lang, est, blocks=[('h',t)|('p',t)|('kv',[(k,v)])|('table',hdr,rows)|('sig',t)])
DX = [('Diabète de type 2 mal contrôlé', 'metformine 1000 mg BID'),
      ('Insuffisance cardiaque NYHA III', 'furosémide 40 mg DIE'),
      ('MPOC avec exacerbation', 'salbutamol 100 mcg 2 inh QID PRN'),
      ('Fibrillation auriculaire', 'apixaban 5 mg BID'),
      ('Trouble dépressif majeur', 'sertraline 100 mg DIE'),
      ('Pneumonie communautaire', 'amoxicilline-clavulanate 875 mg BID x 7 j'),
      ('Cellulite jambe gauche', 'céfalexine 500 mg QID'),
      ('Hypothyroïdie', 'lévothyroxine 88 mcg DIE'),
      ('Schizophrénie paranoïde', 'palipéridone 150 mg IM q 4 sem'),
      ('Néoplasie du sein droit', 'létrozole 2,5 mg DIE'),
      ('Insuffisance rénale chronique stade 4', 'calcitriol 0,25 mcg DIE'),
      ('Fracture de la hanche droite', 'hydromorphone 1 mg q4h PRN')]
DX_EN = [('Type 2 diabetes, poorly controlled', 'metformin 1000 mg BID'),
         ('Congestive heart failure', 'furosemide 40 mg daily'),
         ('Community-acquired pneumonia', 'ceftriaxone 1 g IV daily'),
         ('Major depressive disorder', 'escitalopram 10 mg daily'),
         ('Atrial fibrillation', 'apixaban 5 mg BID')]


def D(title, blocks, lang='fr', e=None):
    return dict(title=title, blocks=blocks, lang=lang, est=e or est(), pat=PEOPLE[-1] if PEOPLE else None)


def p_referral():
    p = person(); s = staff(); dx, _ = R.choice(DX)
    spec = R.choice(['Cardiologie', 'Pneumologie', 'Endocrinologie', 'Orthopédie', 'Psychiatrie', 'Néphrologie'])
    return D('Demande de consultation — ' + spec, [
        ('kv', [('Nom', p.last.upper()), ('Prénom', p.first), ('Date de naissance', dfmt(p.dob)),
                ('N° d\'assurance maladie', nam_fmt(p)), ('Sexe', p.sex)]),
        ('h', 'Raison de la consultation'),
        ('p', '%s. Suivi depuis %d. Évaluation demandée en priorité %s.' % (dx, R.randint(2015, 2025), R.choice('ABCD'))),
        ('kv', [('Médecin référent', staffname(s)), ('Date', dfmt(rdate()))])])


def p_lab():
    p = person(); dt = rdate()
    rows = [['Glucose à jeun', '%.1f' % R.uniform(4, 12), 'mmol/L', '3,6 - 6,0'],
            ['HbA1c', '%.1f' % R.uniform(5, 10), '%', '< 6,0'],
            ['Créatinine', str(R.randint(60, 240)), 'µmol/L', '50 - 110'],
            ['Potassium', '%.1f' % R.uniform(3, 6), 'mmol/L', '3,5 - 5,0'],
            ['Hémoglobine', str(R.randint(85, 160)), 'g/L', '120 - 160']]
    return D('Rapport de laboratoire — Biochimie', [
        ('kv', [('Patient', pname(p, 0)), ('No dossier', p.mrn), ('DDN', dfmt(p.dob, 0)),
                ('Prélevé le', dfmt(dt, 1) + ' 07:%02d' % R.randint(0, 59))]),
        ('table', ['Analyse', 'Résultat', 'Unité', 'Valeurs de réf.'], rows),
        ('p', 'Résultat critique communiqué à l\'infirmière de l\'unité.')])


def p_discharge():
    p = person(ymin=1935, ymax=1990); dx, med = R.choice(DX); a = rdate()
    return D('Résumé de départ / Sommaire d\'hospitalisation', [
        ('kv', [('Nom du patient', pname(p, 1)), ('Dossier', p.mrn), ('Né(e) le', dfmt(p.dob, 2)),
                ('Admission', dfmt(a, 0)), ('Départ', dfmt(a + datetime.timedelta(days=R.randint(2, 12)), 0))]),
        ('h', 'Diagnostic principal'), ('p', dx),
        ('h', 'Médication au départ'), ('p', med + '; acétaminophène 650 mg q6h PRN'),
        ('h', 'Suivi'), ('p', 'Revoir en clinique externe dans 2 semaines. Prise de sang une semaine avant.')])


def p_rx():
    p = person(); dx, med = R.choice(DX); s = staff()
    return D('Ordonnance', [
        ('kv', [('Patient', pname(p, 2)), ('DDN', dfmt(p.dob, 1)), ('RAMQ', nam_fmt(p))]),
        ('p', 'Rx : ' + med), ('p', 'Qté : 30 jours   Renouvellements : 3'),
        ('sig', staffname(s) + ' — permis %05d' % R.randint(10000, 99999))])


def p_consult_en():
    p = person(); dx, med = R.choice(DX_EN)
    return D('Consultation note — Internal Medicine', [
        ('kv', [('Patient name', p.first + ' ' + p.last), ('MRN', p.mrn), ('Date of birth', dfmt(p.dob, 2, 'en'))]),
        ('h', 'Assessment'), ('p', '%d-year-old %s with %s. Plan: start %s, repeat labs in 1 week.' % (
            p.age, 'woman' if p.sex == 'F' else 'man', dx.lower(), med))], 'en')


def p_imaging():
    p = person()
    ex = R.choice(['TDM thoracique avec contraste', 'Échographie abdominale', 'IRM lombaire', 'Radiographie pulmonaire PA/Lat'])
    return D('Rapport d\'imagerie médicale', [
        ('kv', [('Nom', pname(p, 0)), ('NAM', nam_fmt(p)), ('# dossier', p.mrn), ('Examen', ex)]),
        ('h', 'Constatations'),
        ('p', R.choice(['Nodule spiculé de 14 mm au lobe supérieur droit. Pas d\'adénopathie.',
                        'Lithiase vésiculaire multiple sans signe de cholécystite.',
                        'Hernie discale L4-L5 postéro-latérale gauche avec compression radiculaire.',
                        'Infiltrat de la base droite compatible avec une pneumonie.'])),
        ('h', 'Conclusion'), ('p', 'Corrélation clinique recommandée.')])


def p_patient_list():
    rows = []
    for i in range(R.randint(5, 8)):
        p = person(ymin=1930, ymax=1975)
        rows.append(['%d%s' % (R.randint(301, 340), R.choice('AB')), pname(p, 0), p.mrn, R.choice(DX)[0]])
    return D('Liste des patients — Unité de médecine %s' % R.choice(['4e Nord', '3e Sud', '6e Est']), [
        ('p', 'Recensement du %s, 6 h.' % dfmt(rdate(), 2)),
        ('table', ['Lit', 'Patient', 'Dossier', 'Diagnostic'], rows)])


def p_appointments():
    rows = []
    for i in range(R.randint(5, 8)):
        p = person()
        rows.append(['%02d:%02d' % (8 + i, R.choice([0, 15, 30, 45])), pname(p, 1), nam_fmt(p, 1),
                     R.choice(['Suivi diabète', 'Contrôle INR', 'Vaccin', 'Post-op', 'Renouvellement Rx', 'Bilan annuel'])])
    return D('Rendez-vous du %s — %s' % (dfmt(rdate(), 0), staffname(staff())), [
        ('table', ['Heure', 'Patient', 'NAM', 'Motif'], rows)])


def p_handover():
    rows = []
    for i in range(4):
        p = person(ymin=1930, ymax=1990)
        rows.append([str(R.randint(1, 24)), p.first + ' ' + p.last[0] + '. ' + p.last[1:] if False else pname(p, 3),
                     R.choice(['NPO pour bronchoscopie', 'Chute ce matin, surveiller', 'Glycémies instables, insuline',
                               'Soluté NS 100 mL/h', 'Confus la nuit, contention chimique']),
                     'Doss. ' + p.mrn])
    return D('Feuille de transfert interservices — relève de soir', [
        ('table', ['Ch.', 'Patient', 'Points à surveiller', 'Dossier'], rows),
        ('p', 'Relève donnée par %s.' % staffname(staff()))])


def p_medrec():
    p = person(ymin=1935, ymax=1970)
    meds = R.sample([d[1] for d in DX], 4)
    return D('Bilan comparatif des médicaments (BCM)', [
        ('kv', [('Usager', pname(p, 1)), ('Date de naissance', dfmt(p.dob, 4)), ('No de dossier', p.mrn)]),
        ('table', ['Médicament domicile', 'Poursuivre', 'Cesser', 'Modifier'],
         [[m, R.choice(['X', '']), '', R.choice(['', 'X'])] for m in meds])])


def p_path_req():
    p = person(sex='F', ymin=1950, ymax=1995)
    return D('Requête de pathologie', [
        ('kv', [('Nom, prénom', pname(p, 0)), ('NAM', nam_fmt(p, 0)), ('DDN (AAAA-MM-JJ)', dfmt(p.dob, 0)),
                ('Spécimen', R.choice(['Biopsie mammaire droite, 3 carottes', 'Col utérin — biopsie', 'Nodule thyroïdien, cytoponction'])),
                ('Renseignements cliniques', 'Lésion BI-RADS 4, rule out néoplasie')])])


def p_clsc():
    p = person(ymin=1930, ymax=1955)
    return D('Note de visite à domicile — SAD', [
        ('kv', [('Usager', pname(p, 2)), ('Né(e) le', dfmt(p.dob, 1)), ('N° dossier CLSC', p.mrn)]),
        ('p', 'Visite le %s. Plaie au talon gauche stade 2, pansement changé. TA %d/%d. Aidante naturelle épuisée, référence t.s.' % (
            dfmt(rdate(), 2), R.randint(110, 170), R.randint(60, 95)))])


def p_vaccine():
    p = person(ymin=2010, ymax=2024)
    return D('Carnet de vaccination — relevé', [
        ('kv', [('Enfant', p.first + ' ' + p.last), ('Date de naissance', dfmt(p.dob, 0)), ('NAM', nam_fmt(p))]),
        ('table', ['Date', 'Vaccin', 'Lot', 'Site'],
         [[dfmt(p.dob + datetime.timedelta(days=d), 0), v, 'L%04d' % R.randint(1000, 9999), R.choice(['Deltoïde G', 'Cuisse D'])]
          for d, v in [(61, 'DCaT-HB-VPI-Hib'), (122, 'DCaT-HB-VPI-Hib'), (365, 'RRO-Var'), (548, 'MenC')]])])


def p_mental():
    p = person(ymin=1960, ymax=2005)
    return D('Suivi en santé mentale — note évolutive', [
        ('kv', [('Patient(e)', pname(p, 1)), ('Dossier', p.mrn)]),
        ('p', 'Humeur dépressive persistante, idées suicidaires passives sans plan. Score PHQ-9 : %d. '
              'Poursuite de la psychothérapie hebdomadaire; ajustement de la venlafaxine à 150 mg.' % R.randint(12, 24))])


def p_nam_only():
    p = person()
    return D('Vérification d\'admissibilité', [
        ('p', 'Bonjour, pourriez-vous confirmer la validité de la carte d\'assurance maladie %s (exp. %s) avant la chirurgie de jeudi ?' % (
            nam_fmt(p, 0), '%02d/%d' % (R.randint(1, 12), R.randint(2026, 2029))))])


def p_er_en():
    p = person()
    return D('Emergency department — triage record', [
        ('kv', [('Name', pname(p, 0)), ('Health card', nam_fmt(p, 1)), ('DOB', dfmt(p.dob, 5, 'en')),
                ('Chief complaint', R.choice(['Chest pain radiating to left arm', 'Shortness of breath', 'Fall with head injury'])),
                ('CTAS', str(R.randint(1, 3)))])], 'en')


POS = [p_referral, p_lab, p_discharge, p_rx, p_consult_en, p_imaging, p_patient_list, p_appointments,
       p_handover, p_medrec, p_path_req, p_clsc, p_vaccine, p_mental, p_nam_only, p_er_en]

# negatives


def n_blank_referral():
    return D('Demande de consultation — formulaire vierge', [
        ('kv', [('Nom', '____________________'), ('Prénom', '____________________'),
                ('Date de naissance (AAAA-MM-JJ)', '____ - __ - __'), ('N° d\'assurance maladie', '□□□□ □□□□ □□□□'),
                ('Raison de la consultation', '')]),
        ('p', 'Joindre les résultats pertinents. Formulaire AH-%d version %d.' % (R.randint(100, 799), R.randint(2019, 2025)))])


def n_stats():
    rows = [[u, str(R.randint(20, 400)), '%.1f' % R.uniform(3, 14), '%d %%' % R.randint(70, 110)]
            for u in ['Médecine 4N', 'Chirurgie 3S', 'Soins intensifs', 'Gériatrie', 'Psychiatrie', 'Pédiatrie']]
    return D('Tableau de bord — période %d-%02d' % (2026, R.randint(1, 3)), [
        ('table', ['Unité', 'Admissions', 'DMS (jours)', 'Taux d\'occupation'], rows),
        ('p', 'Les données excluent les usagers en NSA. Source : infocentre, extraction du %s.' % dfmt(rdate(), 0))])


def n_oncall():
    rows = []
    d0 = rdate()
    for i in range(6):
        s = R.choice(STAFF)
        rows.append([dfmt(d0 + datetime.timedelta(days=i), 0), staffname(s), R.choice(['Cardiologie', 'Chirurgie', 'Anesthésie', 'Pédiatrie']),
                     'Tél. %03d-%04d' % (R.randint(200, 999), R.randint(0, 9999))])
    return D('Liste de garde médicale', [('table', ['Date', 'Médecin de garde', 'Service', 'Contact'], rows)])


def n_invoice():
    rows = [[('MEDL %04d %04d' % (R.randint(1000, 9999), R.randint(1000, 9999))),
             R.choice(['Gants nitrile M (boîte 100)', 'Seringue 10 mL Luer-lock', 'Pansement hydrocolloïde 10x10',
                       'Sonde urinaire 16 Fr', 'Masque N95 1870+']), str(R.randint(1, 40)), '%.2f $' % R.uniform(5, 300)]
            for _ in range(5)]
    return D('Facture n° %s' % ('FAC-%d%02d%02d-%03d' % (2026, R.randint(1, 3), R.randint(1, 28), R.randint(1, 999))), [
        ('kv', [('Client', 'Service des approvisionnements — ' + est()[1]), ('Bon de commande', 'BC%08d' % R.randint(0, 99999999))]),
        ('table', ['Code produit', 'Description', 'Qté', 'Montant'], rows),
        ('p', 'TPS 123456789 RT0001 — TVQ 1234567890 TQ0001. Payable 30 jours.')])


def n_attendance():
    rows = [[staffname(s), R.choice(ROLES), 'Emp. %06d' % R.randint(100000, 999999), R.choice(['Présent', 'Absent', 'Présent'])]
            for s in R.sample(STAFF, 6)]
    return D('Présences — formation RCR/SIR du %s' % dfmt(rdate(), 2), [('table', ['Nom', 'Titre', 'Matricule', 'Statut'], rows)])


def n_placeholders():
    return D('Formation — Comment remplir la requête de laboratoire', [
        ('p', 'Exemple fictif : inscrire le nom tel qu\'il figure sur la carte (ex. NOM, Prénom).'),
        ('kv', [('Nom', '[NOM DE L\'USAGER]'), ('NAM', 'XXXX 0000 0000'), ('DDN', 'AAAA-MM-JJ'), ('Dossier', '0000000')]),
        ('p', 'Ne jamais transmettre de vraies données lors des exercices.')])


def n_newsletter():
    return D('Info-Santé interne — édition de %s' % R.choice(MOIS), [
        ('h', 'Campagne de vaccination antigrippale'),
        ('p', 'La clinique de vaccination du personnel se tient du lundi au vendredi, de 7 h à 15 h, local B-214.'),
        ('h', 'Bienvenue'), ('p', 'Bienvenue à %s, nouvelle chef de l\'unité de néphrologie.' % staffname(R.choice(STAFF)))])


def n_policy():
    return D('Politique — Double identification de l\'usager (POL-%03d)' % R.randint(1, 300), [
        ('p', 'Avant tout soin, vérifier deux identifiants : le nom complet et la date de naissance, ou le numéro de dossier.'),
        ('p', 'Le bracelet d\'identification est obligatoire pour tout usager hospitalisé. Toute non-conformité est déclarée (AH-223).')])


def n_minutes():
    return D('Compte rendu — comité qualité et sécurité', [
        ('kv', [('Date', dfmt(rdate(), 2)), ('Présents', ', '.join(staffname(s) for s in R.sample(STAFF, 4)))]),
        ('p', 'Point 3 : le taux de chutes à l\'unité de gériatrie a diminué de 12 %. Point 4 : révision du protocole de contentions.'),
        ('p', 'Prochaine rencontre : %s, salle 3.104.' % dfmt(rdate(), 0))])


def n_conference():
    rows = [['%d h %02d' % (8 + i, R.choice([0, 30])), R.choice(['Prise en charge de l\'insuffisance cardiaque', 'Sepsis : mise à jour 2026',
                                                             'Déprescription chez l\'aîné', 'Santé mentale jeunesse', 'Plaies de pression']),
             staffname(R.choice(STAFF))] for i in range(5)]
    return D('Programme — Journée scientifique annuelle', [('table', ['Heure', 'Conférence', 'Conférencier(ère)'], rows)])


def n_equipment():
    rows = [[R.choice(['Pompe volumétrique', 'Moniteur multiparamétrique', 'Défibrillateur', 'Lève-personne']),
             'SN %s%07d' % (R.choice(['BX', 'MN', 'ZL']), R.randint(0, 9999999)), 'GBM-%05d' % R.randint(0, 99999),
             dfmt(rdate((2026, 6, 1), 300), 0)] for _ in range(5)]
    return D('Inventaire — génie biomédical', [('table', ['Appareil', 'N° série', 'N° inventaire', 'Prochain entretien'], rows)])


def n_druginv():
    rows = [[R.choice(['Morphine 10 mg/mL', 'Héparine 5000 U/mL', 'Insuline glargine', 'Vancomycine 1 g', 'Naloxone 0,4 mg']),
             'DIN %08d' % R.randint(0, 99999999), 'Lot %s%d' % (R.choice('ABCK'), R.randint(10000, 99999)),
             dfmt(rdate((2026, 9, 1), 400), 1), str(R.randint(0, 60))] for _ in range(5)]
    return D('Décompte des stupéfiants et inventaire pharmacie', [('table', ['Produit', 'DIN', 'Lot', 'Péremption', 'Qté'], rows)])


def n_protocol():
    return D('Protocole de recherche — version %d.%d' % (R.randint(1, 4), R.randint(0, 9)), [
        ('kv', [('Titre', 'Effet d\'un programme de marche précoce après arthroplastie de la hanche'),
                ('Chercheuse principale', staffname(R.choice(STAFF))), ('Nombre de participants visé', str(R.randint(40, 300)))]),
        ('p', 'Critères d\'inclusion : 65 ans et plus, chirurgie élective. Les participants seront identifiés uniquement par un code d\'étude.')])


def n_schedule():
    rows = [[staffname(s), R.choice(['J', 'S', 'N', 'Congé']), R.choice(['J', 'S', 'N']), R.choice(['J', 'Congé', 'N'])]
            for s in R.sample(STAFF, 6)]
    return D('Horaire infirmier — semaine du %s' % dfmt(rdate(), 0), [('table', ['Employé(e)', 'Lun', 'Mar', 'Mer'], rows)])


def n_labcatalog():
    rows = [['Glucose', 'GLU', '3,6 - 6,0 mmol/L', 'Gris'], ['Potassium', 'K', '3,5 - 5,0 mmol/L', 'Vert'],
            ['TSH', 'TSH', '0,35 - 5,0 mUI/L', 'Or'], ['INR', 'INR', '0,8 - 1,2', 'Bleu']]
    return D('Répertoire des analyses — valeurs de référence', [('table', ['Analyse', 'Code', 'Valeurs de référence', 'Tube'], rows)])


def n_en_memo():
    return D('Memo — Clinical documentation audit', [
        ('p', 'The quarterly audit reviewed 120 charts. 94% of discharge summaries were signed within 48 hours.'),
        ('p', 'Reminder: patient identifiers must never be sent by unencrypted e-mail. Contact %s for questions.' % staffname(R.choice(STAFF)))],
        'en')


NEG = [n_blank_referral, n_stats, n_oncall, n_invoice, n_attendance, n_placeholders, n_newsletter, n_policy,
       n_minutes, n_conference, n_equipment, n_druginv, n_protocol, n_schedule, n_labcatalog, n_en_memo]

# ----------------------------------------------------------------- text renderers


def to_lines(doc):
    out = [doc['est'][1], doc['title'], '']
    for b in doc['blocks']:
        if b[0] in ('h', 'p', 'sig'):
            out.append(b[1])
        elif b[0] == 'kv':
            out += ['%s : %s' % kv for kv in b[1]]
        elif b[0] == 'table':
            out.append(' | '.join(b[1]))
            out += [' | '.join(r) for r in b[2]]
        out.append('')
    return out


def to_text(doc):
    return '\n'.join(to_lines(doc)) + '\n'


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def to_html_blocks(doc):
    h = ['<h3>%s</h3>' % esc(doc['title'])]
    for b in doc['blocks']:
        if b[0] == 'h':
            h.append('<p><b>%s</b></p>' % esc(b[1]))
        elif b[0] in ('p', 'sig'):
            h.append('<p>%s</p>' % esc(b[1]))
        elif b[0] == 'kv':
            h.append('<table>' + ''.join('<tr><td>%s</td><td>%s</td></tr>' % (esc(k), esc(v)) for k, v in b[1]) + '</table>')
        elif b[0] == 'table':
            h.append('<table border="1" cellpadding="3"><tr>' + ''.join('<th>%s</th>' % esc(c) for c in b[1]) + '</tr>' +
                     ''.join('<tr>' + ''.join('<td>%s</td>' % esc(c) for c in r) + '</tr>' for r in b[2]) + '</table>')
    return '\n'.join(h)


def csv_of(doc):
    for b in doc['blocks']:
        if b[0] == 'table':
            s = io.StringIO()
            w = csv.writer(s, delimiter=R.choice([',', ';']), lineterminator='\r\n')
            w.writerow(b[1]); w.writerows(b[2])
            return s.getvalue()
    s = io.StringIO()
    w = csv.writer(s, delimiter=';', lineterminator='\r\n')
    for b in doc['blocks']:
        if b[0] == 'kv':
            w.writerows(b[1])
        elif b[0] in ('p', 'h'):
            w.writerow([b[1]])
    return s.getvalue()


def rtf_esc(s, mode):
    o = []
    for ch in s:
        c = ord(ch)
        if ch in '\\{}':
            o.append('\\' + ch)
        elif ch == '\n':
            o.append('\\par\n')
        elif c < 128:
            o.append(ch)
        else:
            try:
                b = ch.encode('cp1252')
            except UnicodeEncodeError:
                b = None
            if mode == 0 and b:
                o.append("\\'%02x" % b[0])
            elif mode == 1:
                o.append('\\u%d?' % (c if c < 32768 else c - 65536))
            else:
                o.append('\\u%d\\\'%02x' % (c if c < 32768 else c - 65536, b[0] if b else 0x3f))
    return ''.join(o)


def to_rtf(doc, mode):
    fnt = R.choice(['Calibri', 'Arial', 'Times New Roman', 'Segoe UI'])
    o = ['{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss\\fcharset0 %s;}}\n' % fnt,
         '{\\info{\\author %s}{\\creatim\\yr2026\\mo2\\dy3\\hr9\\min0}}\n' % rtf_esc(staffname(staff()), mode),
         '\\viewkind4\\f0\\fs%d\n' % R.choice([20, 22, 24])]
    o.append('{\\b\\fs28 %s}\\par\n{\\b %s}\\par\\par\n' % (rtf_esc(doc['est'][1], mode), rtf_esc(doc['title'], mode)))
    for b in doc['blocks']:
        if b[0] == 'h':
            o.append('{\\b %s}\\par\n' % rtf_esc(b[1], mode))
        elif b[0] in ('p', 'sig'):
            o.append(rtf_esc(b[1], mode) + '\\par\n')
        elif b[0] == 'kv':
            for k, v in b[1]:
                o.append('{\\b %s :} %s\\par\n' % (rtf_esc(k, mode), rtf_esc(v, mode)))
        elif b[0] == 'table':
            n = len(b[1])
            for r in [b[1]] + b[2]:
                o.append('\\trowd\\trgaph108' + ''.join('\\clbrdrt\\brdrs\\clbrdrb\\brdrs\\cellx%d' % ((i + 1) * 9000 // n) for i in range(n)))
                o.append(''.join('\\pard\\intbl %s\\cell' % rtf_esc(c, mode) for c in r) + '\\row\n')
            o.append('\\pard\n')
        o.append('\\par\n')
    o.append('}')
    return ''.join(o).encode('ascii')

# ----------------------------------------------------------------- image renderers


def wrap(draw, text, fnt, width):
    words = text.split(' ')
    lines, cur = [], ''
    for w in words:
        t = (cur + ' ' + w).strip()
        if draw.textlength(t, font=fnt) <= width or not cur:
            cur = t
        else:
            lines.append(cur); cur = w
    if cur:
        lines.append(cur)
    return lines


def render_page(doc, dpi=150, serif=None, width_in=8.5, form=None, width_px=None):
    serif = R.random() < 0.4 if serif is None else serif
    sc = dpi / 72.0
    W = width_px or int(width_in * dpi)
    H = int(11 * dpi)
    img = Image.new('L', (W, H), 255)
    d = ImageDraw.Draw(img)
    pt = R.choice([10.5, 11, 12])
    fb = F(int(pt * sc), serif=serif)
    fbb = F(int(pt * sc), bold=True, serif=serif)
    fh = F(int((pt + 4) * sc), bold=True, serif=serif)
    m = int(0.8 * dpi)
    y = int(0.6 * dpi)
    e = doc['est']
    lay = R.randrange(3)
    if lay == 0:
        d.text((m, y), e[0], font=F(int(9 * sc), bold=True), fill=0); y += int(13 * sc)
        d.text((m, y), e[1], font=fh, fill=0); y += int(20 * sc)
        d.text((m, y), e[2], font=F(int(8.5 * sc)), fill=60); y += int(14 * sc)
        d.line((m, y, W - m, y), fill=0, width=max(2, int(sc))); y += int(12 * sc)
    elif lay == 1:
        d.rectangle((m, y, m + int(50 * sc), y + int(50 * sc)), outline=0, width=3)
        d.text((m + int(8 * sc), y + int(15 * sc)), 'QC', font=F(int(16 * sc), bold=True), fill=0)
        d.text((m + int(62 * sc), y + int(4 * sc)), e[1], font=fh, fill=0)
        d.text((m + int(62 * sc), y + int(26 * sc)), e[0], font=fb, fill=0)
        y += int(70 * sc)
    else:
        t = e[1].upper()
        tw = d.textlength(t, font=fbb)
        d.text(((W - tw) / 2, y), t, font=fbb, fill=0); y += int(16 * sc)
        tw = d.textlength(e[2], font=F(int(8.5 * sc)))
        d.text(((W - tw) / 2, y), e[2], font=F(int(8.5 * sc)), fill=0); y += int(26 * sc)
    d.text((m, y), doc['title'], font=fh, fill=0); y += int(28 * sc)
    lh = int(pt * sc * 1.45)
    for b in doc['blocks']:
        if b[0] == 'h':
            y += lh // 3
            d.text((m, y), b[1], font=fbb, fill=0); y += lh
        elif b[0] in ('p', 'sig'):
            if b[0] == 'sig':
                y += lh
                d.line((m, y, m + int(200 * sc), y), fill=0, width=2); y += lh // 4
            for ln in wrap(d, b[1], fb, W - 2 * m):
                d.text((m, y), ln, font=fb, fill=0); y += lh
        elif b[0] == 'kv':
            boxes = R.random() < 0.5
            kw = max(d.textlength(k + ' :', font=fbb) for k, _ in b[1]) + int(10 * sc)
            for k, v in b[1]:
                if boxes:
                    d.rectangle((m, y - 4, W - m, y + lh - 2), outline=0, width=2)
                    d.text((m + 8, y), k, font=F(int((pt - 2) * sc), serif=serif), fill=0)
                    d.text((m + kw + 10, y), v, font=fb, fill=0)
                    y += lh + 4
                else:
                    d.text((m, y), k + ' :', font=fbb, fill=0)
                    vl = wrap(d, v, fb, W - 2 * m - kw) or ['']
                    for ln in vl:
                        d.text((m + kw, y), ln, font=fb, fill=0); y += lh
            y += lh // 2
        elif b[0] == 'table':
            hdr, rows = b[1], b[2]
            ft = F(int((pt - 1) * sc), serif=serif)
            ftb = F(int((pt - 1) * sc), bold=True, serif=serif)
            ws = [max(d.textlength(str(r[i]), font=ftb) for r in [hdr] + rows) + 16 for i in range(len(hdr))]
            tot = sum(ws); avail = W - 2 * m
            if tot > avail:
                ft = F(int((pt - 1) * sc * avail / tot), serif=serif)
                ftb = F(int((pt - 1) * sc * avail / tot), bold=True, serif=serif)
                ws = [w * avail / tot for w in ws]
            else:
                ws = [w * avail / tot for w in ws]
            rh = int(ft.size * 1.6)
            for ri, r in enumerate([hdr] + rows):
                x = m
                if ri == 0:
                    d.rectangle((m, y, W - m, y + rh), fill=225)
                for i, c in enumerate(r):
                    d.rectangle((x, y, x + ws[i], y + rh), outline=0, width=1)
                    d.text((x + 6, y + rh * 0.18), str(c), font=ftb if ri == 0 else ft, fill=0)
                    x += ws[i]
                y += rh
            y += lh
    y += int(30 * sc)
    return img.crop((0, 0, W, min(H, max(y, int(5 * dpi)))))


def degrade(img, angle=None, noise=0.035, blur=0.6, tone=None):
    angle = R.uniform(-1.6, 1.6) if angle is None else angle
    tone = R.randint(228, 248) if tone is None else tone
    img = img.point(lambda v: int(v * tone / 255 + 8 * (255 - v) / 255))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=tone)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        nz = Image.frombytes('L', img.size, R.randbytes(img.size[0] * img.size[1]))
        img = Image.blend(img, nz, noise)
    return img


def jpeg(img, q=None, exif=None, dpi=150):
    b = io.BytesIO()
    kw = dict(quality=q or R.randint(50, 68), dpi=(dpi, dpi))
    if exif:
        kw['exif'] = exif
    img.save(b, 'JPEG', **kw)
    return b.getvalue()


def png(img, **kw):
    b = io.BytesIO()
    if img.mode == 'RGB' and img.size[0] > 100:
        img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(b, 'PNG', optimize=True, **kw)
    return b.getvalue()


SKINS = [((30, 80, 140), (235, 240, 248), (255, 255, 255)), ((0, 110, 100), (230, 245, 242), (252, 252, 252)),
         ((90, 40, 110), (244, 238, 248), (255, 255, 255)), ((60, 60, 60), (238, 238, 238), (250, 250, 245)),
         ((160, 50, 40), (250, 236, 232), (255, 255, 255)), ((20, 40, 70), (215, 225, 235), (245, 248, 252))]


def render_emr(doc, pat=None, skin=0, W=None, fs=None):
    bar, pan, bg = SKINS[skin % len(SKINS)]
    W = W or R.choice([1280, 1366, 1440, 1600])
    fs = fs or R.choice([20, 21, 22, 24])
    H = 2000
    img = Image.new('RGB', (W, H), bg)
    d = ImageDraw.Draw(img)
    f, fb, fsm = F(fs), F(fs, bold=True), F(fs - 2)
    app = EMR[skin % len(EMR)]
    d.rectangle((0, 0, W, 40), fill=bar)
    d.text((14, 8), '%s — %s' % (app, doc['est'][1]), font=F(20, bold=True), fill=(255, 255, 255))
    for i, t in enumerate(['—', '□', '✕']):
        d.text((W - 110 + i * 36, 8), t, font=F(20), fill=(255, 255, 255))
    d.rectangle((0, 40, W, 76), fill=(245, 245, 245))
    x = 14
    for t in (['Fichier', 'Patient', 'Résultats', 'Ordonnances', 'Outils', 'Aide'] if doc['lang'] == 'fr' else
              ['File', 'Patient', 'Results', 'Orders', 'Tools', 'Help']):
        d.text((x, 46), t, font=fsm, fill=(30, 30, 30)); x += int(d.textlength(t, font=fsm)) + 30
    y = 84
    if pat is not None:
        d.rectangle((8, y, W - 8, y + 3 * fs + 40), fill=pan, outline=bar, width=2)
        d.text((22, y + 10), pname(pat, 0), font=F(fs + 4, bold=True), fill=bar)
        l2 = ('DDN : %s   Âge : %d   Sexe : %s' % (dfmt(pat.dob, 0), pat.age, pat.sex)) if doc['lang'] == 'fr' else \
            ('DOB: %s   Age: %d   Sex: %s' % (dfmt(pat.dob, 0), pat.age, pat.sex))
        d.text((22, y + fs + 20), l2, font=f, fill=(20, 20, 20))
        l3 = ('NAM : %s     Dossier : %s' % (nam_fmt(pat, 0), pat.mrn)) if doc['lang'] == 'fr' else \
            ('Health card: %s     MRN: %s' % (nam_fmt(pat, 0), pat.mrn))
        d.text((22, y + 2 * fs + 28), l3, font=f, fill=(20, 20, 20))
        al = R.choice(['Allergies : pénicilline', 'Allergies : aucune connue', 'Allergies : sulfa, latex'])
        d.text((W - 30 - d.textlength(al, font=fb), y + 10), al, font=fb, fill=(180, 0, 0))
        y += 3 * fs + 52
    else:
        d.rectangle((8, y, W - 8, y + fs + 24), fill=pan)
        d.text((22, y + 10), 'Aucun usager sélectionné' if doc['lang'] == 'fr' else 'No patient selected', font=f, fill=(110, 110, 110))
        y += fs + 34
    nav = R.random() < 0.6
    cx = 14
    if nav:
        navw = 230
        d.rectangle((0, y, navw, H), fill=pan)
        for i, t in enumerate(['Sommaire', 'Notes', 'Labo', 'Imagerie', 'Médication', 'Rendez-vous', 'Documents']):
            if i == 1:
                d.rectangle((0, y + 8 + i * (fs + 22), navw, y + 8 + i * (fs + 22) + fs + 14), fill=bar)
            d.text((18, y + 14 + i * (fs + 22)), t, font=f, fill=(255, 255, 255) if i == 1 else (40, 40, 40))
        cx = navw + 20
    y += 14
    d.text((cx, y), doc['title'], font=F(fs + 2, bold=True), fill=bar); y += fs + 20
    lh = int(fs * 1.5)
    for b in doc['blocks']:
        if b[0] == 'h':
            d.text((cx, y), b[1], font=fb, fill=(20, 20, 20)); y += lh
        elif b[0] in ('p', 'sig'):
            for ln in wrap(d, b[1], f, W - cx - 30):
                d.text((cx, y), ln, font=f, fill=(20, 20, 20)); y += lh
        elif b[0] == 'kv':
            kw = max(d.textlength(k, font=fb) for k, _ in b[1]) + 24
            for k, v in b[1]:
                d.text((cx, y), k, font=fb, fill=(70, 70, 70))
                d.rectangle((cx + kw, y - 3, W - 40, y + fs + 6), outline=(170, 170, 170), fill=(255, 255, 255))
                d.text((cx + kw + 6, y), v, font=f, fill=(0, 0, 0)); y += lh + 4
        elif b[0] == 'table':
            hdr, rows = b[1], b[2]
            ws = [max(d.textlength(str(r[i]), font=fb) for r in [hdr] + rows) + 24 for i in range(len(hdr))]
            avail = W - cx - 30
            ff, ffb = f, fb
            if sum(ws) > avail:
                k = avail / sum(ws)
                ff, ffb = F(max(18, int(fs * k))), F(max(18, int(fs * k)), bold=True)
                ws = [w * k for w in ws]
            rh = int(ff.size * 1.7)
            for ri, r in enumerate([hdr] + rows):
                x = cx
                d.rectangle((cx, y, cx + sum(ws), y + rh), fill=bar if ri == 0 else ((248, 248, 248) if ri % 2 else (255, 255, 255)))
                for i, c in enumerate(r):
                    d.text((x + 8, y + rh * 0.2), str(c), font=ffb if ri == 0 else ff,
                           fill=(255, 255, 255) if ri == 0 else (10, 10, 10))
                    x += ws[i]
                y += rh
        y += lh // 2
    y += 20
    H2 = max(y + 40, R.choice([720, 768, 800, 900]))
    img = img.crop((0, 0, W, H2))
    d = ImageDraw.Draw(img)
    d.rectangle((0, H2 - 32, W, H2), fill=(225, 225, 225))
    s = staff()
    d.text((10, H2 - 28), 'Utilisateur : %s%s   |   Poste : WS-%04d   |   %s %02d:%02d' % (
        noacc(s[1][0]).lower(), noacc(s[2]).lower().replace(' ', ''), R.randint(1, 9999), dfmt(rdate(), 0),
        R.randint(7, 19), R.randint(0, 59)), font=F(18), fill=(50, 50, 50))
    return img

# ----------------------------------------------------------------- PDF


def pdf_str(s, hexutf16=False):
    if hexutf16:
        return b'<FEFF' + s.encode('utf-16-be').hex().upper().encode() + b'>'
    b = s.translate({0x2014: '-', 0x2013: '-', 0x2019: "'", 0x25a1: '_'}).encode('latin-1', 'replace')
    return b'(' + b.replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)') + b')'


def pdf_build(objs, producer, title=None):
    info = b'<< /Producer ' + pdf_str(producer) + b' /CreationDate (D:20260211093000-05\'00\')' + \
        ((b' /Title ' + pdf_str(title)) if title else b'') + b' >>'
    objs = objs + [info]
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    x = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += b'trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, len(objs), x)
    return out


def stream(data, extra=b''):
    return b'<< /Length %d ' % len(data) + extra + b' >>\nstream\n' + data + b'\nendstream'


def image_pdf(pages, dpi, producer):
    """pages: list of PIL 'L' images. image-only PDF, no text layer."""
    n = len(pages)
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [%s] /Count %d >>' % (
        b' '.join(b'%d 0 R' % (3 + 3 * i) for i in range(n)), n)]
    for i, im in enumerate(pages):
        w, h = im.size
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        pid = 3 + 3 * i
        objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>' % (
            pw, ph, pid + 1, pid + 2))
        if i % 2 == 0:
            data = jpeg(im, q=R.randint(50, 65), dpi=dpi)
            objs.append(stream(data, b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode' % (w, h)))
        else:
            bw = im.point(lambda v: 255 if v > 150 else 0).convert('1')
            raw = bw.tobytes()
            objs.append(stream(zlib.compress(raw, 9), b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [0 1] /Filter /FlateDecode' % (w, h)))
        objs.append(stream(b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (pw, ph)))
    return pdf_build(objs, producer)


def form_pdf(title, est_name, fields, producer, hexenc=False, nested=False, compress=False):
    """fields: list of (label, name, value or None, kind) kind 'tx' or 'btn'. values only in /V."""
    content = [b'BT /F1 15 Tf 50 750 Td ' + pdf_str(est_name) + b' Tj ET',
               b'BT /F1 12 Tf 50 728 Td ' + pdf_str(title) + b' Tj ET', b'0.6 G 50 718 m 562 718 l S 0 G']
    annots = []
    y = 690
    nobj = 6  # 1 cat, 2 pages, 3 page, 4 content, 5 font ; fields from 6
    fobjs = []
    parent_id = None
    if nested:
        parent_id = nobj; nobj += 1
    kids = []
    for (label, name, val, kind) in fields:
        content.append(b'BT /F2 10 Tf 50 %d Td ' % (y + 4) + pdf_str(label) + b' Tj ET')
        if kind == 'tx':
            rect = b'[220 %d 560 %d]' % (y - 2, y + 16)
            content.append(b'0.8 G 220 %d 340 18 re S 0 G' % (y - 2))
            d = b'<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /P 3 0 R /Rect ' + rect + b' /T ' + pdf_str(name) + \
                b' /DA (/Helv 10 Tf 0 g) /MK << /BC [0.6 0.6 0.6] >>'
            if val is not None:
                d += b' /V ' + pdf_str(val, hexenc and any(ord(c) > 127 for c in val))
        else:
            rect = b'[220 %d 234 %d]' % (y, y + 14)
            content.append(b'220 %d 14 14 re S' % y)
            d = b'<< /Type /Annot /Subtype /Widget /FT /Btn /F 4 /P 3 0 R /Rect ' + rect + b' /T ' + pdf_str(name) + \
                b' /V /' + (b'Oui' if val else b'Off') + b' /AS /' + (b'Oui' if val else b'Off') + b' /DA (/ZaDb 10 Tf 0 g)'
        if nested:
            d += b' /Parent %d 0 R' % parent_id
        d += b' >>'
        fobjs.append(d)
        kids.append(nobj); nobj += 1
        y -= 30
    content.append(b'BT /F2 8 Tf 50 40 Td ' + pdf_str('Formulaire %s — version %d' % (R.choice(['AH', 'DSP', 'FOR']) + '-%03d' % R.randint(1, 999), R.randint(2020, 2025))) + b' Tj ET')
    cs = b'\n'.join(content)
    cobj = stream(zlib.compress(cs), b'/Filter /FlateDecode') if compress else stream(cs)
    refs = b' '.join(b'%d 0 R' % k for k in kids)
    fieldsarr = (b'%d 0 R' % parent_id) if nested else refs
    objs = [b'<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [' + fieldsarr + b'] /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >> >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 5 0 R >> >> /Contents 4 0 R /Annots [' + refs + b'] >>',
            cobj,
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']
    if nested:
        objs.append(b'<< /T (formulaire) /Kids [' + refs + b'] >>')
    objs += fobjs
    return pdf_build(objs, producer, title)

# ----------------------------------------------------------------- flat ODF + LibreOffice
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')


def meta(author):
    return ('<office:meta><meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator>'
            '<meta:creation-date>2026-02-03T09:15:00</meta:creation-date><dc:date>2026-02-04T16:40:00</dc:date>'
            '<meta:editing-cycles>3</meta:editing-cycles></office:meta>') % (esc(author), esc(author))


def odf_img(imgbytes, wcm, hcm, anchor='as-char', extra=''):
    return ('<draw:frame draw:name="Image%d" text:anchor-type="%s" svg:width="%.2fcm" svg:height="%.2fcm" %s>'
            '<draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>') % (
        R.randint(1, 99), anchor, wcm, hcm, extra, base64.b64encode(imgbytes).decode())


def blocks_fodt(blocks):
    o = []
    for b in blocks:
        if b[0] == 'h':
            o.append('<text:h text:outline-level="2">%s</text:h>' % esc(b[1]))
        elif b[0] in ('p', 'sig'):
            o.append('<text:p>%s</text:p>' % esc(b[1]))
        elif b[0] == 'kv':
            o += ['<text:p>%s : %s</text:p>' % (esc(k), esc(v)) for k, v in b[1]]
        elif b[0] == 'table':
            n = len(b[1])
            o.append('<table:table table:name="T%d"><table:table-column table:number-columns-repeated="%d"/>' % (R.randint(1, 99), n))
            for r in [b[1]] + b[2]:
                o.append('<table:table-row>' + ''.join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(c) for c in r) + '</table:table-row>')
            o.append('</table:table>')
    return '\n'.join(o)


def fodt(author, body_xml, header=None, footer=None, tracked=None):
    hf = ''
    if header:
        hf += '<style:header><text:p>%s</text:p></style:header>' % esc(header)
    if footer:
        hf += '<style:footer><text:p>%s</text:p></style:footer>' % esc(footer)
    tc = ''
    if tracked:
        tc = ('<text:tracked-changes>' + ''.join(
            '<text:changed-region text:id="ct%d"><text:insertion><office:change-info><dc:creator>%s</dc:creator>'
            '<dc:date>2026-02-04T10:%02d:00</dc:date></office:change-info></text:insertion></text:changed-region>' % (i, esc(a), i)
            for i, a in enumerate(tracked)) + '</text:tracked-changes>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">'
            '%s<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" '
            'fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
            '<style:header-style><style:header-footer-properties fo:min-height="0.6cm"/></style:header-style>'
            '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm"/></style:footer-style></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">%s</style:master-page></office:master-styles>'
            '<office:body><office:text>%s%s</office:text></office:body></office:document>') % (NS, meta(author), hf, tc, body_xml)


def fods(author, sheets):
    """sheets: list of (name, rows, hidden, comments{(r,c):text}, image_bytes_or_None)"""
    body = []
    for (name, rows, hidden, comments, img) in sheets:
        t = '<table:table table:name="%s" table:style-name="%s">' % (esc(name), 'ta2' if hidden else 'ta1')
        if img:
            t += '<table:shapes>' + odf_img(img[0], img[1], img[2], 'paragraph', 'svg:x="0.5cm" svg:y="%.1fcm"' % img[3]).replace(' text:anchor-type="paragraph"', '') + '</table:shapes>'
        t += '<table:table-column table:number-columns-repeated="%d"/>' % max(1, max((len(r) for r in rows), default=1))
        for ri, r in enumerate(rows):
            t += '<table:table-row>'
            for ci, c in enumerate(r):
                ann = ''
                if (ri, ci) in comments:
                    a, txt = comments[(ri, ci)]
                    ann = '<office:annotation><dc:creator>%s</dc:creator><dc:date>2026-02-05T11:00:00</dc:date><text:p>%s</text:p></office:annotation>' % (esc(a), esc(txt))
                if isinstance(c, (int, float)):
                    t += '<table:table-cell office:value-type="float" office:value="%s">%s<text:p>%s</text:p></table:table-cell>' % (c, ann, c)
                else:
                    t += '<table:table-cell office:value-type="string">%s<text:p>%s</text:p></table:table-cell>' % (ann, esc(c))
            t += '</table:table-row>'
        if not rows:
            t += '<table:table-row><table:table-cell/></table:table-row>'
        body.append(t + '</table:table>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            '%s<office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
            '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>'
            '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>') % (NS, meta(author), ''.join(body))


def fodp(author, slides):
    """slides: list of (title, lines, notes_or_None, image_bytes_or_None)"""
    pg = []
    for i, (title, lines, notes, img) in enumerate(slides):
        s = '<draw:page draw:name="page%d" draw:master-page-name="Default">' % (i + 1)
        s += ('<draw:frame svg:x="1.5cm" svg:y="0.8cm" svg:width="25cm" svg:height="2.5cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>' % esc(title))
        if lines:
            s += ('<draw:frame svg:x="1.5cm" svg:y="3.8cm" svg:width="%scm" svg:height="10cm"><draw:text-box>' % ('12' if img else '25') +
                  ''.join('<text:p>%s</text:p>' % esc(l) for l in lines) + '</draw:text-box></draw:frame>')
        if img:
            s += ('<draw:frame svg:x="%scm" svg:y="3.5cm" svg:width="%.2fcm" svg:height="%.2fcm"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>' % (
                '14' if lines else '2', img[1], img[2], base64.b64encode(img[0]).decode()))
        if notes:
            s += ('<presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="14cm" svg:width="17cm" svg:height="10cm"><draw:text-box>' +
                  ''.join('<text:p>%s</text:p>' % esc(l) for l in notes) + '</draw:text-box></draw:frame></presentation:notes>')
        pg.append(s + '</draw:page>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">'
            '%s<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm"/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>'
            '<office:body><office:presentation>%s</office:presentation></office:body></office:document>') % (NS, meta(author), ''.join(pg))


OFFICE_JOBS = []  # (basename, ext, xml) -> converted later


def office(basename, ext, xml):
    OFFICE_JOBS.append((basename, ext, xml))
    return ('OFFICE', basename, ext)


FILTERS = {'docx': 'docx:MS Word 2007 XML', 'xlsx': 'xlsx:Calc MS Excel 2007 XML', 'pptx': 'pptx:Impress MS PowerPoint 2007 XML',
           'doc': 'doc:MS Word 97', 'xls': 'xls:MS Excel 97', 'ppt': 'ppt:MS PowerPoint 97'}
SRCEXT = {'docx': 'fodt', 'doc': 'fodt', 'xlsx': 'fods', 'xls': 'fods', 'pptx': 'fodp', 'ppt': 'fodp'}


def run_office(build):
    res = {}
    prof = os.path.join(build, 'profile')
    env = dict(os.environ, SOURCE_DATE_EPOCH='1770800000', TZ='UTC', LC_ALL='C.UTF-8', HOME=build)
    for ext in FILTERS:
        jobs = [j for j in OFFICE_JOBS if j[1] == ext]
        if not jobs:
            continue
        src = os.path.join(build, 'src_' + ext); out = os.path.join(build, 'out_' + ext)
        os.makedirs(src); os.makedirs(out)
        files = []
        for (bn, e, xml) in jobs:
            fn = os.path.join(src, bn + '.' + SRCEXT[e])
            with open(fn, 'w', encoding='utf-8') as fh:
                fh.write(xml)
            files.append(fn)
        subprocess.run(['soffice', '-env:UserInstallation=file://' + prof, '--headless', '--norestore',
                        '--convert-to', FILTERS[ext], '--outdir', out] + files, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        for (bn, e, xml) in jobs:
            with open(os.path.join(out, bn + '.' + e), 'rb') as fh:
                data = fh.read()
            if e in ('docx', 'xlsx', 'pptx'):
                data = normalize_zip(data)
            res[(bn, e)] = data
    return res


def normalize_zip(data):
    zin = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w') as zout:
        for inf in zin.infolist():
            zi = zipfile.ZipInfo(inf.filename, (2026, 2, 4, 16, 40, 0))
            zi.compress_type = zipfile.ZIP_STORED if inf.filename == 'mimetype' else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            data = zin.read(inf.filename)
            if inf.filename.endswith('.xml') and b'<a:fld id="{' in data:
                cnt = [0]

                def guid(mo, fn=inf.filename):
                    cnt[0] += 1
                    h = hashlib.md5(('%s#%d' % (fn, cnt[0])).encode()).hexdigest().upper()
                    return b'<a:fld id="{%s-%s-%s-%s-%s}"' % tuple(x.encode() for x in (h[:8], h[8:12], h[12:16], h[16:20], h[20:32]))
                data = re.sub(rb'<a:fld id="\{[0-9A-Fa-f-]+\}"', guid, data)
            zout.writestr(zi, data)
    return b.getvalue()

# ----------------------------------------------------------------- MIME


BN = [0]


def boundary():
    BN[0] += 1
    return R.choice(['----=_NextPart_000_%04X_01DA%04X.%08X' % (BN[0], R.randrange(65536), R.randrange(1 << 32)),
                     '_%03d_b%08x_' % (BN[0], R.randrange(1 << 32)),
                     'Apple-Mail=_%08X-%04X-%04X' % (R.randrange(1 << 32), BN[0], R.randrange(65536)),
                     '=_Part_%d_%d.%d' % (BN[0], R.randrange(10 ** 6), R.randrange(10 ** 9))])


def b64(data):
    s = base64.b64encode(data).decode()
    return '\n'.join(s[i:i + 76] for i in range(0, len(s), 76)) + '\n'


def enc_word(s, mode='B', cs='utf-8'):
    if not cs.startswith('utf'):
        s = s.translate({0x2014: '-', 0x2013: '-', 0x2019: "'"})
    b = s.encode(cs, 'replace')
    if mode == 'B':
        return '=?%s?B?%s?=' % (cs, base64.b64encode(b).decode())
    q = ''.join(chr(c) if (chr(c).isalnum() and c < 128) else ('_' if c == 32 else '=%02X' % c) for c in b)
    return '=?%s?Q?%s?=' % (cs, q)


def hval(s):
    try:
        s.encode('ascii'); return s
    except UnicodeEncodeError:
        return enc_word(s, R.choice('BQ'))


def part(ctype, data, cte='base64', filename=None, inline=False, cid=None, fname_style=0):
    h = []
    if filename:
        if fname_style == 1:
            h.append('Content-Type: %s;\n\tname="%s"' % (ctype, enc_word(filename, 'B')))
            h.append('Content-Disposition: %s;\n\tfilename="%s"' % ('inline' if inline else 'attachment', enc_word(filename, 'Q')))
        elif fname_style == 2:
            from urllib.parse import quote
            h.append('Content-Type: %s; name="%s"' % (ctype, noacc(filename)))
            h.append("Content-Disposition: attachment;\n filename*=utf-8''%s" % quote(filename))
        else:
            h.append('Content-Type: %s; name="%s"' % (ctype, filename))
            h.append('Content-Disposition: %s; filename="%s"' % ('inline' if inline else 'attachment', filename))
    else:
        h.append('Content-Type: ' + ctype)
    if cid:
        h.append('Content-ID: <%s>' % cid)
    h.append('Content-Transfer-Encoding: ' + cte)
    if cte == 'base64':
        body = b64(data).encode()
    elif cte == 'quoted-printable':
        body = quopri.encodestring(data)
    else:
        body = data
    return (h, body)


def text_part(s, subtype='plain', cs='utf-8', cte=None):
    cte = cte or R.choice(['quoted-printable', '8bit', 'base64'])
    if cte == '8bit' and all(ord(c) < 128 for c in s):
        cte = '7bit'
    if not cs.startswith('utf'):
        s = s.translate({0x2014: '-', 0x2013: '-', 0x2019: "'", 0x2026: '...', 0x201c: '"', 0x201d: '"', 0x25a1: '_'}) if cs in ('iso-8859-1', 'iso-8859-15', 'ibm850') else s
        data = s.encode({'ibm850': 'cp850', 'macintosh': 'mac_roman'}.get(cs, cs), 'replace')
    else:
        data = s.encode(cs)
    return part('text/%s; charset="%s"' % (subtype, cs), data, cte)


def multipart(sub, parts):
    bd = boundary()
    body = b'This is a multi-part message in MIME format.\n\n' if R.random() < 0.5 else b''
    for h, bd_ in parts:
        body += b'--' + bd.encode() + b'\n' + '\n'.join(h).encode() + b'\n\n' + bd_
        if not bd_.endswith(b'\n'):
            body += b'\n'
    body += b'--' + bd.encode() + b'--\n'
    extra = ''
    if sub == 'related':
        extra = ' type="%s";' % ('multipart/alternative' if parts[0][0][0].startswith('Content-Type: multipart/alternative') else 'text/html')
    return (['Content-Type: multipart/%s;%s boundary="%s"' % (sub, extra, bd)], body)


MAILERS = ['Microsoft Outlook 16.0', 'Mozilla Thunderbird 115.7', 'Apple Mail (2.3774)', 'Microsoft Exchange Server 2019',
           'Zimbra 9.0', 'Roundcube Webmail/1.6']
SEQ = [0]


def message(subject, top, frm=None, to=None, cc=None, crlf=None, subj_enc=None):
    SEQ[0] += 1
    e = est()
    s = staff()
    frm = frm or '"%s" <%s.%s@ssss.gouv.qc.ca>' % (staffname(s), noacc(s[1]).lower().replace(' ', ''), noacc(s[2]).lower().replace(' ', ''))
    if to is None:
        t = staff()
        to = '%s.%s@%s' % (noacc(t[1]).lower(), noacc(t[2]).lower().replace(' ', ''), R.choice(EXT_DOM))
    dt = datetime.datetime(2026, 1, 12, 8, 0) + datetime.timedelta(minutes=R.randrange(60 * 24 * 70))
    date = dt.strftime('%a, %d %b %Y %H:%M:%S ') + R.choice(['-0500', '-0500', '-0400', '+0000'])
    subj = subj_enc(subject) if subj_enc else hval(subject)
    addr = frm.split('<')[1].rstrip('>')
    nm = staffname(s)
    h = ['From: ' + ('"%s" <%s>' % (nm, addr) if all(ord(c) < 128 for c in nm) else '%s <%s>' % (enc_word(nm, R.choice('BQ')), addr)),
         'To: ' + to]
    if cc:
        h.append('Cc: ' + cc)
    h += ['Subject: ' + subj, 'Date: ' + date, 'Message-ID: <%08x.%d@%s>' % (R.randrange(1 << 32), SEQ[0], 'mail.ssss.gouv.qc.ca'),
          'MIME-Version: 1.0', 'X-Mailer: ' + R.choice(MAILERS)]
    if R.random() < 0.3:
        h.append('Content-Language: fr-CA')
    hh, body = top
    raw = ('\n'.join(h + hh) + '\n\n').encode() + body
    if crlf if crlf is not None else R.random() < 0.35:
        raw = raw.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
    return raw


def cover(lang='fr', pos=True):
    fr = ['Bonjour,\n\nVoici le document demandé.\n\nMerci,\n', 'Bonjour,\n\nTel que discuté au téléphone, ci-joint.\n\nBonne journée\n',
          'Salut,\n\nJe te transmets ceci pour suivi.\n', 'Bonjour à tous,\n\nPour information. N\'hésitez pas si vous avez des questions.\n\nCordialement,\n',
          'Bonjour Madame,\n\nVeuillez trouver en pièce jointe le document en question.\n\nSalutations distinguées,\n',
          'Re-bonjour,\n\nJ\'ai oublié la pièce jointe dans mon dernier envoi. Désolée!\n']
    en = ['Hi,\n\nPlease find attached as requested.\n\nThanks,\n', 'Hello,\n\nSee attachment. Let me know if anything is missing.\n\nBest regards,\n']
    t = R.choice(fr if lang == 'fr' else en)
    s = staff()
    sig = '\n-- \n%s\n%s\n%s\nTél. : 450 555-%04d, poste %d\n' % (staffname(s), R.choice(ROLES), R.choice(EST)[1], R.randint(0, 9999), R.randint(1000, 9999))
    if R.random() < 0.4:
        sig += '\nAVIS DE CONFIDENTIALITÉ : ce courriel peut contenir des renseignements confidentiels. Si vous l\'avez reçu par erreur, veuillez le détruire.\n'
    return t + sig


def with_attach(body, atts, html=False):
    tp = text_part(body)
    if html:
        tp = multipart('alternative', [tp, text_part('<html><body><p>' + esc(body).replace('\n', '<br>') + '</p></body></html>', 'html')])
    return multipart('mixed', [tp] + atts)


def slug(s):
    s = noacc(s).lower()
    return ''.join(c if c.isalnum() else '_' for c in s).strip('_')[:40]

# ----------------------------------------------------------------- categories
OUT = []  # (label, category, bytes)


def emit(label, cat, raw):
    OUT.append((label, cat, raw))


def pick(lst, i, off):
    return lst[(i * 3 + off) % len(lst)]


def cat_screenshot():
    for i in range(6):
        g = pick(POS, i, 0)
        doc = g()
        pat = doc['pat'] if g not in (p_patient_list, p_appointments, p_handover) and i % 3 != 2 else None
        img = render_emr(doc, pat, skin=i)
        fn = R.choice(['capture.png', 'Capture d’écran %s.png' % dfmt(rdate(), 0), 'image001.png', 'screenshot_%d.png' % R.randint(1, 99)])
        emit('positive', 'screenshot', message(R.choice(['Capture du dossier', 'TR: écran', 'Screenshot', 'Voir écran', 'Problème affichage ' + EMR[i]]),
                                               with_attach(cover(doc['lang']), [part('image/png', png(img), filename=fn, fname_style=1 if '’' in fn else 0)])))
    for i in range(6):
        doc = pick(NEG, i, 1)()
        img = render_emr(doc, None, skin=i + 2)
        emit('negative', 'screenshot', message(R.choice(['Capture — tableau', 'Écran ' + EMR[i % 6], 'FW: bug affichage', 'Screenshot du module']),
                                               with_attach(cover(doc['lang']), [part('image/png', png(img), filename='capture%d.png' % (i + 1))])))


def exif_orient(img, o):
    ex = Image.Exif()
    ex[0x0112] = o
    ex[0x010F] = R.choice(['Apple', 'samsung', 'Google'])
    ex[0x0110] = R.choice(['iPhone 13', 'SM-G991W', 'Pixel 7'])
    if o == 6:
        img = img.rotate(90, expand=True)
    elif o == 8:
        img = img.rotate(-90, expand=True)
    elif o == 3:
        img = img.rotate(180)
    return img, ex.tobytes()


def cat_scan():
    for lab, gens, off in (('positive', POS, 2), ('negative', NEG, 4)):
        for i in range(6):
            doc = pick(gens, i, off)()
            dpi = R.choice([150, 150, 150, 200])
            img = degrade(render_page(doc, dpi=dpi))
            exif = None
            if i % 2 == 0:
                img, exif = exif_orient(img, [6, 8, 3][(i // 2) % 3])
            data = jpeg(img, exif=exif, dpi=dpi)
            fn = R.choice(['IMG_%04d.JPG' % R.randint(1000, 9999), 'scan%03d.jpg' % R.randint(1, 999), 'numérisation.jpg', 'doc_%d.jpeg' % R.randint(1, 50)])
            emit(lab, 'scan', message(R.choice(['Document numérisé', 'Photo du formulaire', 'Numérisation', 'Scan', 'Envoyé de mon iPhone']),
                                      with_attach(cover(doc['lang']), [part('image/jpeg', data, filename=fn, fname_style=2 if 'é' in fn else 0)])))


def cat_inline():
    for lab, gens, off in (('positive', POS, 5), ('negative', NEG, 7)):
        for i in range(6):
            doc = pick(gens, i, off)()
            if i % 2 == 0:
                pat = doc['pat'] if lab == 'positive' and i == 0 else None
                img = render_emr(doc, pat, skin=i + 1, W=1100, fs=20)
                data, ct = png(img), 'image/png'
            else:
                img = degrade(render_page(doc, dpi=150), noise=0.04).convert('L')
                data, ct = jpeg(img), 'image/jpeg'
            cid = 'image%03d.%s@01DA%04X.%08X' % (i + 1, 'png' if ct == 'image/png' else 'jpg', R.randrange(65536), R.randrange(1 << 32))
            intro = R.choice(['Bonjour,<br><br>Voir ci-dessous :', 'Hello,<br>Here is what I see on my screen:', 'Bonjour,<br>Je colle l\'image ici, plus simple :',
                              'Allo,<br><br>Regarde ça&nbsp;:'])
            html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body style="font-family:Calibri,sans-serif"><p>%s</p><p><img src="cid:%s" width="%d" alt="image"></p><p>Merci<br>%s</p></body></html>' % (
                intro, cid, min(900, img.size[0]), esc(staffname(staff())))
            alt = multipart('alternative', [text_part(intro.replace('<br>', '\n').replace('&nbsp;', ' ') + '\n[image]\n'), text_part(html, 'html')]) if i % 3 else text_part(html, 'html')
            rel = multipart('related', [alt, part(ct, data, inline=True, cid=cid, filename=cid.split('@')[0])])
            emit(lab, 'inline-image', message(R.choice(['Résultat à l\'écran', 'Regarde', 'FW: image', 'Question rapide', 'See below']), rel))


def cat_small():
    # logo, signature, tracking pixel, social icons, banner, icons
    for i in range(6):
        parts = []
        html_imgs = ''
        e = est()
        if i in (0, 3, 5):
            lg = Image.new('RGB', (R.choice([180, 240]), 60), (255, 255, 255))
            d = ImageDraw.Draw(lg)
            d.ellipse((5, 5, 55, 55), fill=R.choice([(0, 90, 160), (0, 130, 90), (150, 30, 60)]))
            d.text((64, 8), e[0].split()[0], font=F(22, bold=True), fill=(0, 50, 100))
            d.text((64, 34), 'Québec', font=F(16), fill=(90, 90, 90))
            parts.append(('logo', png(lg), 'image/png'))
        if i in (1, 3):
            sg = Image.new('L', (260, 70), 255)
            d = ImageDraw.Draw(sg)
            pts = [(10 + k * 8, 35 + int(18 * ((k * 37 % 11) - 5) / 5)) for k in range(30)]
            d.line(pts, fill=20, width=3)
            parts.append(('signature', png(sg), 'image/png'))
        if i in (2, 4):
            parts.append(('pixel', b'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'image/gif'))
        if i in (2, 4, 5):
            for nm, col in (('facebook', (59, 89, 152)), ('linkedin', (0, 119, 181)), ('youtube', (200, 0, 0))):
                ic = Image.new('RGB', (24, 24), col)
                ImageDraw.Draw(ic).text((7, 3), nm[0], font=F(16, bold=True), fill=(255, 255, 255))
                parts.append((nm, png(ic), 'image/png'))
        if i == 0 or i == 4:
            bn = Image.new('RGB', (600, 90), (0, 80, 140))
            ImageDraw.Draw(bn).text((20, 28), R.choice(['Semaine de la sécurité des patients', 'Journée portes ouvertes', 'Vaccination antigrippale 2026']), font=F(24, bold=True), fill=(255, 255, 255))
            parts.append(('banner', jpeg(bn.convert('RGB'), q=70), 'image/jpeg'))
        doc = pick(NEG, i, 9)()
        rel_parts = []
        for k, (nm, data, ct) in enumerate(parts):
            cid = '%s%d@%s' % (nm, k, 'sig.local')
            if nm == 'pixel':
                html_imgs += '<img src="cid:%s" width="1" height="1" alt="">' % cid
            else:
                html_imgs += '<img src="cid:%s" alt="%s"> ' % (cid, nm)
            rel_parts.append(part(ct, data, inline=True, cid=cid, filename=nm + '.' + ct.split('/')[1]))
        html = '<html><body>%s<hr>%s<br><small>%s<br>%s</small></body></html>' % (
            to_html_blocks(doc), html_imgs, esc(staffname(staff())), esc(e[1]))
        rel = multipart('related', [multipart('alternative', [text_part(to_text(doc)), text_part(html, 'html')])] + rel_parts)
        emit('negative', 'small-images', message(doc['title'], rel))


def cat_scanned_pdf():
    for lab, gens, off in (('positive', POS, 8), ('negative', NEG, 10)):
        for i in range(6):
            doc = pick(gens, i, off)()
            dpi = R.choice([150, 150, 200])
            pages = [degrade(render_page(doc, dpi=dpi), noise=0.03)]
            if i % 3 == 1:
                doc2 = pick(gens, i + 1, off)() if lab == 'negative' else pick(NEG, i, 3)()
                pages.append(degrade(render_page(doc2, dpi=dpi), noise=0.03))
            if i % 3 == 2 and lab == 'positive':
                pages.insert(0, degrade(render_page(D('Bordereau de transmission', [('p', 'Nombre de pages : 2'), ('p', 'Document confidentiel')]), dpi=dpi), noise=0.03))
            pages = [p.resize((p.size[0] * 150 // dpi, p.size[1] * 150 // dpi)) if dpi > 150 and i % 2 else p for p in pages]
            rdpi = 150 if (dpi > 150 and i % 2) else dpi
            pdf = image_pdf(pages, rdpi, R.choice(['Canon iR-ADV C5535 PDF', 'Xerox WorkCentre 7855', 'HP Digital Sending', 'KONICA MINOLTA bizhub C300i', 'RICOH IM C3000']))
            fn = R.choice(['SCAN_%s.pdf' % dfmt(rdate(), 5), 'doc%05d.pdf' % R.randint(0, 99999), 'Numérisé_%d.pdf' % R.randint(1, 99), '%s.pdf' % slug(doc['title'])])
            emit(lab, 'scanned-pdf', message(R.choice(['Message from "RNP0026733B3B1E"', 'Document numérisé', 'Scanned document', 'Copie numérisée', 'Pour dossier']),
                                             with_attach(cover(doc['lang']) if i % 2 else '', [part('application/pdf', pdf, filename=fn, fname_style=1 if 'é' in fn else 0)])))


def fax_page(doc, pg, tot, num):
    img = render_page(doc, dpi=200, width_px=1728, serif=True)
    hdr = Image.new('L', (1728, 50), 255)
    ImageDraw.Draw(hdr).text((20, 12), '%s  DE: %s   À: 514 555 %04d   P.%d/%d' % (
        '2026-02-%02d 14:%02d' % (R.randint(1, 28), R.randint(0, 59)), num, R.randint(0, 9999), pg, tot), font=F(22, mono=True), fill=0)
    full = Image.new('L', (1728, img.size[1] + 50), 255)
    full.paste(hdr, (0, 0)); full.paste(img, (0, 50))
    full = full.rotate(R.uniform(-0.8, 0.8), fillcolor=255)
    return full.point(lambda v: 255 if v > 140 else 0).convert('1')


def cat_fax():
    for lab, gens, off in (('positive', POS, 11), ('negative', NEG, 13)):
        for i in range(6):
            num = '418 555 %04d' % R.randint(0, 9999)
            s = staff()
            cover_doc = D('TÉLÉCOPIE / FAX', [('kv', [('À', R.choice(['Clinique Lemieux', 'Pharmacie Brisson', 'Dr Roy, cabinet privé'])), ('De', staffname(s)),
                                                      ('Nombre de pages', '2' if i % 2 == 0 else '3')]),
                                              ('p', 'Ce message est confidentiel et destiné uniquement au destinataire. Si reçu par erreur, aviser immédiatement l\'expéditeur.')])
            docs = [cover_doc, pick(gens, i, off)()]
            if i % 2:
                docs.append(pick(gens, i + 2, off)())
            pages = [fax_page(dd, k + 1, len(docs), num) for k, dd in enumerate(docs)]
            b = io.BytesIO()
            pages[0].save(b, 'TIFF', save_all=True, append_images=pages[1:], compression=R.choice(['group4', 'group3']), dpi=(204, 196))
            fn = R.choice(['fax_%d.tif' % R.randint(1000, 9999), 'FAX%s.tiff' % dfmt(rdate(), 5), 'Telecopie.tif'])
            emit(lab, 'fax-tiff', message('Fax reçu de %s (%d pages)' % (num, len(docs)) if i % 2 else 'Nouvelle télécopie',
                                          with_attach('Vous avez reçu une télécopie de %s.\nPages : %d\n' % (num, len(docs)),
                                                      [part('image/tiff', b.getvalue(), filename=fn)])))


def office_att(ref, fn):
    ct = {'docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
          'doc': 'application/msword', 'xls': 'application/vnd.ms-excel', 'ppt': 'application/vnd.ms-powerpoint'}[ref[2]]
    return ('OFFATT', ref, fn, ct)


PENDING = []  # (label, cat, subject, body, office_att)


def pending(label, cat, subject, body, att):
    PENDING.append((label, cat, subject, body, att, len(OUT)))
    OUT.append(None)


def harmless_body():
    return R.choice([
        [('h', 'Procédure de transfert interétablissements'), ('p', 'Veuillez joindre les documents pertinents et aviser l\'unité receveuse au moins 2 heures avant.')],
        [('h', 'Révision de cas — réunion interdisciplinaire'), ('p', 'Ordre du jour : 1. Tour de table. 2. Cas complexes. 3. Varia.')],
        [('p', 'Voir le tableau ci-dessous pour la suite.'), ('p', 'Merci de compléter avant vendredi.')],
        [('h', 'Case review'), ('p', 'Please review before the morning huddle.')]])


def cat_office_embedded():
    n = 0
    for lab, gens, off in (('positive', POS, 1), ('negative', NEG, 6)):
        for i in range(6):
            kind = ['docx', 'xlsx', 'pptx'][i % 3]
            doc = pick(gens, i, off)()
            if lab == 'positive':
                if i % 2 == 0:
                    im = render_emr(doc, doc['pat'] if i == 0 else None, skin=i, W=1200, fs=22).convert('RGB')
                    data = png(im)
                else:
                    im = degrade(render_page(doc, dpi=150), noise=0.04)
                    data = jpeg(im)
            else:
                if i % 2 == 0:
                    im = render_emr(doc, None, skin=i + 3, W=1200, fs=22); data = png(im)
                else:
                    im = Image.new('RGB', (900, 500), (255, 255, 255))
                    d = ImageDraw.Draw(im)
                    d.text((20, 15), R.choice(['Taux de chutes par trimestre', 'Temps d\'attente moyen à l\'urgence (h)', 'Organigramme — DSI']), font=F(26, bold=True), fill=(0, 0, 0))
                    for k in range(6):
                        h = R.randint(60, 360)
                        d.rectangle((60 + k * 135, 470 - h, 150 + k * 135, 470), fill=(40, 90, 160))
                        d.text((70 + k * 135, 440 - h), str(h // 10), font=F(22), fill=(0, 0, 0))
                    data = png(im)
            wcm = 16.0; hcm = wcm * im.size[1] / im.size[0]
            bn = 'emb_%s_%d' % (lab[:3], i)
            author = staffname(staff())
            hb = harmless_body()
            if kind == 'docx':
                xml = fodt(author, blocks_fodt([('h', R.choice(['Pour information', 'Capture jointe', 'Document de travail']))] + hb) +
                           '<text:p>' + odf_img(data, wcm, hcm) + '</text:p>')
            elif kind == 'xlsx':
                rows = [['Élément', 'Responsable', 'Échéance'], ['Suivi', author, '2026-03-15'], ['Validation', staffname(staff()), '2026-03-22']]
                xml = fods(author, [('Feuil1', rows, False, {}, (data, wcm, hcm, 3.0))])
            else:
                xml = fodp(author, [(R.choice(['Présentation de cas', 'Rencontre clinique', 'Case rounds']), ['Objectifs', 'Discussion'], None, None),
                                    ('Images', [], None, (data, 20.0, 20.0 * im.size[1] / im.size[0] if im.size[1] / im.size[0] < 0.55 else 11.0))])
            ref = office(bn, kind, xml)
            fn = R.choice(['Document1', 'capture_dossier', 'Cas_clinique', 'suivi', 'Présentation']) + '.' + kind
            pending(lab, 'office-embedded-image', R.choice(['Document joint', 'Présentation jeudi', 'Fichier', 'Pour révision']), cover(), office_att(ref, fn))


def cat_office_hidden():
    for lab in ('positive', 'negative'):
        for i in range(6):
            author = staffname(staff())
            p = person()
            dx, med = R.choice(DX)
            if lab == 'positive':
                hidden = ['Patient : %s — NAM %s — Dossier %s' % (pname(p, 0), nam_fmt(p), p.mrn),
                          '%s (DDN %s) : %s, revoir %s.' % (pname(p, 2), dfmt(p.dob), dx, med),
                          'Cas de %s, dossier %s, admis le %s pour %s.' % (pname(p, 1), p.mrn, dfmt(rdate()), dx.lower()),
                          'Ajout : %s, né(e) le %s — %s' % (pname(p, 1), dfmt(p.dob, 2), dx),
                          ][i % 4]
            else:
                hidden = ['Direction des soins infirmiers — Procédure DSI-PRO-%03d — version %d' % (R.randint(1, 99), R.randint(2, 6)),
                          'Valider le libellé avec le comité de pharmacologie avant diffusion.',
                          'Référence : guide d\'usage optimal, INESSS, %d.' % R.randint(2018, 2025),
                          'La double vérification indépendante est requise pour l\'insuline et l\'héparine IV.'][i % 4]
            bn = 'hid_%s_%d' % (lab[:3], i)
            body = harmless_body()
            if i == 0:  # header/footer
                xml = fodt(author, blocks_fodt(body), header=hidden, footer='Page 1 — ' + ('Confidentiel' if i else 'Usage interne'))
                kind = 'docx'
            elif i == 1:  # comment + tracked insertion
                bx = blocks_fodt(body[:1])
                bx += '<text:p>%s<office:annotation><dc:creator>%s</dc:creator><dc:date>2026-02-04T10:00:00</dc:date><text:p>%s</text:p></office:annotation> %s</text:p>' % (
                    esc(R.choice(['À compléter par l\'équipe.', 'Voir la section 2.'])), esc(author), esc(hidden), esc('Merci.'))
                bx += '<text:p><text:change-start text:change-id="ct0"/>%s<text:change-end text:change-id="ct0"/></text:p>' % esc(
                    ('Note : %s, %s.' % (pname(p, 1), dx.lower())) if lab == 'positive' else 'Ajout : consulter la politique POL-112.')
                xml = fodt(author, bx, tracked=[author]); kind = 'docx'
            elif i == 2:  # footnote
                bx = blocks_fodt(body[:1]) + '<text:p>%s<text:note text:id="ftn1" text:note-class="%s"><text:note-citation>1</text:note-citation><text:note-body><text:p>%s</text:p></text:note-body></text:note></text:p>' % (
                    esc('Les délais ont été respectés dans la majorité des cas.'), R.choice(['footnote', 'endnote']), esc(hidden))
                xml = fodt(author, bx + blocks_fodt(body[1:])); kind = 'docx'
            elif i == 3:  # xlsx hidden sheet
                vis = [['Indicateur', 'Jan', 'Fév', 'Mar'], ['Admissions', R.randint(100, 300), R.randint(100, 300), R.randint(100, 300)],
                       ['Départs', R.randint(100, 300), R.randint(100, 300), R.randint(100, 300)]]
                if lab == 'positive':
                    hrows = [['Nom', 'Prénom', 'DDN', 'NAM', 'Dx']]
                    for _ in range(5):
                        q = person(); hrows.append([q.last, q.first, dfmt(q.dob, 0), nam_fmt(q, 1), R.choice(DX)[0]])
                else:
                    hrows = [['Code unité', 'Libellé', 'Centre de coûts']] + [['U%02d' % k, R.choice(['Médecine', 'Chirurgie', 'USI', 'Gériatrie']), '%d-%04d' % (R.randint(6, 7), R.randint(0, 9999))] for k in range(5)]
                xml = fods(author, [('Sommaire', vis, False, {}, None), ('Données', hrows, True, {}, None)]); kind = 'xlsx'
            elif i == 4:  # xlsx comment
                vis = [['Semaine', 'Nb visites', 'Nb annulations'], ['S1', R.randint(20, 80), R.randint(0, 9)], ['S2', R.randint(20, 80), R.randint(0, 9)]]
                xml = fods(author, [('Visites', vis, False, {(1, 2): (author, hidden)}, None)]); kind = 'xlsx'
            else:  # pptx notes
                notes = ([hidden, 'Présenter les résultats de %s : %s.' % (p.first, med)] if lab == 'positive'
                         else ['Rappeler les heures de la clinique de vaccination.', hidden])
                xml = fodp(author, [('Rencontre d\'équipe', ['Bilan du trimestre', 'Enjeux de qualité'], notes, None),
                                    ('Questions ?', [], ['Remercier les participants.'], None)]); kind = 'pptx'
            ref = office(bn, kind, xml)
            fn = R.choice(['Procedure_transfert', 'Suivi_hebdo', 'Statistiques', 'Rencontre', 'Gabarit']) + '_v%d.%s' % (R.randint(1, 9), kind)
            pending(lab, 'office-hidden-parts', R.choice(['Document à réviser', 'Version finale', 'Stats du mois', 'Présentation']), cover(), office_att(ref, fn))


def cat_fillable():
    prods = ['Adobe Acrobat Pro 2024', 'Foxit PDF Editor 13', 'PDF-XChange Editor 10', 'Nitro Pro 14']
    for i in range(6):
        p = person()
        dx, med = R.choice(DX)
        forms = [
            ('Demande d\'examen en imagerie', [('Nom de l\'usager', 'nom', pname(p, 0), 'tx'), ('Date de naissance', 'ddn', dfmt(p.dob, 0), 'tx'),
                                               ('NAM', 'nam', nam_fmt(p), 'tx'), ('Examen demandé', 'exam', 'TDM abdominale', 'tx'), ('Urgent', 'urg', True, 'btn')]),
            ('Formulaire de transfert', [('Patient', 'patient', pname(p, 1), 'tx'), ('No dossier', 'dossier', p.mrn, 'tx'), ('Diagnostic', 'dx', dx, 'tx')]),
            ('Ordonnance collective — INR', [('Nom, prénom', 'nomprenom', pname(p, 0), 'tx'), ('RAMQ', 'ramq', nam_fmt(p, 1), 'tx'), ('Anticoagulant', 'med', 'warfarine', 'tx')]),
            ('Referral form — Physiotherapy', [('Patient name', 'name', p.first + ' ' + p.last, 'tx'), ('DOB', 'dob', dfmt(p.dob, 2, 'en'), 'tx'), ('Reason', 'reason', 'Post-op knee replacement rehab', 'tx')]),
            ('Demande de services — SAD CLSC', [('Usager', 'usager', pname(p, 2), 'tx'), ('Date de naissance', 'naissance', dfmt(p.dob, 1), 'tx'), ('Besoin', 'besoin', 'Soins de plaie, ' + dx.lower(), 'tx')]),
            ('Réclamation — assurance invalidité', [('Nom de l\'employé(e) patient(e)', 'nom', pname(p, 1), 'tx'), ('N° d\'assurance maladie', 'nam', nam_fmt(p, 0), 'tx'), ('Diagnostic', 'diag', dx, 'tx'), ('Arrêt de travail', 'arret', True, 'btn')])]
        t, fl = forms[i]
        pdf = form_pdf(t, est()[1], fl, R.choice(prods), hexenc=i % 2 == 1, nested=i == 4, compress=i % 3 == 0)
        emit('positive', 'fillable-pdf', message(R.choice(['Formulaire rempli', 'Requête', 'Form attached', 'Demande']),
                                                 with_attach(cover('en' if i == 3 else 'fr'), [part('application/pdf', pdf, filename=slug(t) + '.pdf')])))
    for i in range(6):
        s = staff()
        forms = [
            ('Demande d\'examen en imagerie', [('Nom de l\'usager', 'nom', None, 'tx'), ('Date de naissance', 'ddn', None, 'tx'), ('NAM', 'nam', None, 'tx'), ('Urgent', 'urg', False, 'btn')]),
            ('Demande de congé — personnel', [('Nom de l\'employé(e)', 'nom', staffname(s), 'tx'), ('Matricule', 'matricule', '%06d' % R.randint(100000, 999999), 'tx'), ('Du', 'du', dfmt(rdate(), 0), 'tx'), ('Au', 'au', dfmt(rdate((2026, 4, 1)), 0), 'tx')]),
            ('Demande de réparation — équipement', [('Appareil', 'app', 'Pompe volumétrique', 'tx'), ('N° inventaire', 'inv', 'GBM-%05d' % R.randint(0, 99999), 'tx'), ('Unité', 'unite', 'Médecine 4N', 'tx'), ('Problème', 'prob', 'Alarme d\'occlusion intermittente', 'tx')]),
            ('Inscription — journée scientifique', [('Nom', 'nom', staffname(s), 'tx'), ('Profession', 'prof', R.choice(ROLES), 'tx'), ('Courriel', 'courriel', noacc(s[2]).lower() + '@ssss.gouv.qc.ca', 'tx'), ('Dîner végétarien', 'veg', True, 'btn')]),
            ('Referral form — Physiotherapy', [('Patient name', 'name', '', 'tx'), ('DOB', 'dob', '', 'tx'), ('Reason', 'reason', '', 'tx')]),
            ('Déclaration d\'incident (AH-223) — gabarit', [('Unité', 'unite', 'Urgence', 'tx'), ('Type d\'événement', 'type', 'Erreur de médication', 'tx'), ('Usager', 'usager', '', 'tx'), ('Description', 'desc', 'Retard d\'administration, aucune conséquence', 'tx')])]
        t, fl = forms[i]
        pdf = form_pdf(t, est()[1], fl, R.choice(prods), hexenc=i % 2 == 0, nested=i == 2, compress=i % 3 == 1)
        emit('negative', 'fillable-pdf', message(R.choice(['Formulaire', 'Gabarit PDF à jour', 'Form', 'Inscription']),
                                                 with_attach(cover('en' if i == 4 else 'fr'), [part('application/pdf', pdf, filename=slug(t) + '.pdf')])))


def cat_legacy():
    kinds = {'positive': ['doc', 'doc', 'doc', 'xls', 'xls', 'ppt'], 'negative': ['doc', 'xls', 'doc', 'xls', 'doc', 'xls']}
    for lab, gens, off in (('positive', POS, 4), ('negative', NEG, 8)):
        for i in range(6):
            doc = pick(gens, i, off)()
            kind = kinds[lab][i]
            author = staffname(staff())
            bn = 'leg_%s_%d' % (lab[:3], i)
            if kind == 'doc':
                xml = fodt(author, '<text:p>%s</text:p><text:h text:outline-level="1">%s</text:h>' % (esc(doc['est'][1]), esc(doc['title'])) + blocks_fodt(doc['blocks']))
            elif kind == 'xls':
                rows = [[doc['title']]]
                for b in doc['blocks']:
                    if b[0] == 'table':
                        rows += [b[1]] + b[2]
                    elif b[0] == 'kv':
                        rows += [[k, v] for k, v in b[1]]
                    else:
                        rows.append([b[1]])
                xml = fods(author, [(R.choice(['Feuil1', 'Liste', 'Données']), rows, False, {}, None)])
            else:
                xml = fodp(author, [(doc['title'], [l for l in to_lines(doc)[2:] if l][:9], None, None)])
            ref = office(bn, kind, xml)
            pending(lab, 'legacy-office', R.choice(['Ancien fichier', 'Document', 'Liste', 'Fichier Word', 'Fichier Excel']), cover(doc['lang']),
                    office_att(ref, slug(doc['title'])[:24] + '.' + kind))


def cat_rtf():
    for lab, gens, off in (('positive', POS, 6), ('negative', NEG, 11)):
        for i in range(6):
            doc = pick(gens, i, off)()
            rtf = to_rtf(doc, i % 3)
            if i % 3 == 2:  # RTF body
                top = multipart('alternative', [text_part('Ce message est au format RTF.\n', cte='7bit'), part('text/rtf', rtf, cte=R.choice(['7bit', 'quoted-printable']))]) if i % 2 else \
                    part('text/rtf; charset="us-ascii"', rtf, cte='7bit')
            else:
                ct = R.choice(['application/rtf', 'text/rtf', 'application/msword'])
                top = with_attach(cover(doc['lang']), [part(ct, rtf, filename=slug(doc['title'])[:30] + '.rtf', cte=R.choice(['base64', 'quoted-printable']))])
            emit(lab, 'rich-text', message(R.choice(['Document RTF', 'Note', 'Lettre', 'Copie', 'Fichier Wordpad']), top))


def cat_unicode():
    encs = [('utf-16-le', True, 'utf-16'), ('utf-16-be', False, 'utf-16be'), ('utf-32-le', True, 'utf-32'),
            ('utf-16-le', False, 'utf-16le'), ('utf-16-be', True, 'utf-16'), ('utf-32-be', False, 'utf-32be')]
    boms = {'utf-16-le': b'\xff\xfe', 'utf-16-be': b'\xfe\xff', 'utf-32-le': b'\xff\xfe\x00\x00', 'utf-32-be': b'\x00\x00\xfe\xff'}
    for lab, gens, off in (('positive', POS, 9), ('negative', NEG, 14)):
        for i in range(6):
            doc = pick(gens, i, off)()
            enc, bom, csname = encs[(i + (1 if lab == 'negative' else 0)) % 6]
            as_csv = i % 2 == 0
            txt = csv_of(doc) if as_csv else to_text(doc).replace('\n', '\r\n')
            data = (boms[enc] if bom else b'') + txt.encode(enc)
            fn = (slug(doc['title'])[:28] + ('.csv' if as_csv else '.txt'))
            ct = ('text/csv' if as_csv else 'text/plain') + '; charset="%s"' % csname if i % 3 else 'application/octet-stream'
            emit(lab, 'unicode-text', message(R.choice(['Export', 'Extraction du système', 'Fichier texte', 'Liste exportée', 'Data export']),
                                              with_attach(cover(doc['lang']), [part(ct, data, filename=fn)])))


def zinfo(name):
    zi = zipfile.ZipInfo(name, (2026, 2, R.randint(1, 28), R.randint(7, 18), R.randint(0, 59), 0))
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    return zi


def mkzip(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w') as z:
        for n, d in files:
            z.writestr(zinfo(n), d)
    return b.getvalue()


def mktar(files, comp=None):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for n, d in files:
            ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 1770800000; ti.mode = 0o644
            ti.uname = ti.gname = 'archiviste'
            t.addfile(ti, io.BytesIO(d))
    data = b.getvalue()
    if comp:
        g = io.BytesIO()
        with gzip.GzipFile(fileobj=g, mode='wb', mtime=1770800000, filename='') as gz:
            gz.write(data)
        data = g.getvalue()
    return data


def cat_archives():
    for lab, gens, off in (('positive', POS, 12), ('negative', NEG, 2)):
        for i in range(6):
            doc = pick(gens, i, off)()
            other = pick(NEG, i, 5)()
            f1 = (slug(doc['title'])[:24] + '.csv', csv_of(doc).encode('utf-8-sig' if i % 2 else 'cp1252', 'replace'))
            f2 = ('LISEZMOI.txt', to_text(other).encode('utf-8'))
            f3 = (slug(doc['title'])[:20] + '.html', ('<html><meta charset="utf-8"><body>' + to_html_blocks(doc) + '</body></html>').encode())
            k = i % 6
            if k == 0:
                data, fn, ct = mkzip([f2, f1]), 'documents.zip', 'application/zip'
            elif k == 1:
                data, fn, ct = mktar([('envoi/' + f2[0], f2[1]), ('envoi/' + f3[0], f3[1])]), 'envoi.tar', 'application/x-tar'
            elif k == 2:
                data, fn, ct = mktar([f1, f2], 'gz'), 'export_%s.tar.gz' % dfmt(rdate(), 5), 'application/gzip'
            elif k == 3:
                g = io.BytesIO()
                with gzip.GzipFile(fileobj=g, mode='wb', mtime=1770800000, filename=f1[0]) as gz:
                    gz.write(f1[1])
                data, fn, ct = g.getvalue(), f1[0] + '.gz', 'application/x-gzip'
            elif k == 4:
                inner = mkzip([f3, ('notes.txt', to_text(doc).encode('utf-8'))])
                data, fn, ct = mkzip([f2, ('archives/lot_%d.zip' % R.randint(1, 9), inner)]), 'transfert.zip', 'application/x-zip-compressed'
            else:
                data, fn, ct = mktar([f2, f3, f1], 'gz'), 'dossiers.tgz', 'application/octet-stream'
            emit(lab, 'archives', message(R.choice(['Fichiers compressés', 'Archive', 'Envoi groupé', 'Export zip', 'Documents']),
                                          with_attach(cover(doc['lang']), [part(ct, data, filename=fn)])))


def cat_encodings():
    for lab, gens, off in (('positive', POS, 10), ('negative', NEG, 12)):
        for i in range(6):
            doc = pick(gens, i, off)()
            body = cover(doc['lang']).split('\n-- \n')[0] + '\n' + to_text(doc).replace('’', "'")
            if i == 0:  # QP utf-8 body, encoded-word subject
                top = text_part(body, cs='utf-8', cte='quoted-printable')
                raw = message(doc['title'], top, subj_enc=lambda s: enc_word(s, 'Q'))
            elif i == 1:  # base64 html, B subject
                top = text_part('<html><body>' + to_html_blocks(doc) + '</body></html>', 'html', cte='base64')
                raw = message(doc['title'], top, subj_enc=lambda s: enc_word(s, 'B'))
            elif i == 2:  # iso-8859-1 8bit body
                top = text_part(body, cs='iso-8859-1', cte='8bit')
                raw = message(doc['title'], top, subj_enc=lambda s: enc_word(s, 'Q', 'iso-8859-1'))
            elif i == 3:  # windows-1252 QP with curly quotes; attachment with RFC2231 filename
                b2 = body.replace('"', '“') + '\nÀ l’attention de l’équipe — merci…\n'
                att = part('text/plain; charset="windows-1252"', to_text(doc).encode('cp1252', 'replace'), cte='quoted-printable',
                           filename='Résumé_%s.txt' % slug(doc['title'])[:12], fname_style=2)
                top = multipart('mixed', [text_part(b2, cs='windows-1252', cte='quoted-printable'), att])
                raw = message('Envoi : ' + doc['title'], top)
            elif i == 4:  # odd charsets: mac roman body + ibm850 attachment, encoded filename
                att = part('text/plain; charset="ibm850"', to_text(doc).encode('cp850', 'replace'), cte='base64', filename='Écran_%d.txt' % i, fname_style=1)
                top = multipart('mixed', [text_part(body, cs='macintosh', cte='quoted-printable'), att])
                raw = message(doc['title'], top, subj_enc=lambda s: enc_word(s, 'B', 'iso-8859-15'))
            else:  # utf-7 / iso-8859-15 in base64 HTML
                cs = 'utf-7' if lab == 'positive' else 'iso-8859-15'
                data = body.encode(cs if cs != 'iso-8859-15' else 'iso-8859-15', 'replace')
                top = part('text/plain; charset="%s"' % cs, data, cte='base64' if cs == 'iso-8859-15' else '7bit')
                raw = message(doc['title'], top, subj_enc=lambda s: enc_word(s, 'Q', 'utf-8'))
            emit(lab, 'encodings', raw)

# ----------------------------------------------------------------- main


README = """# Held-out forms corpus (ninth author)

**Held-out corpus: never tune rules, thresholds or OCR settings on it. Use it only to measure.**

Fake e-mail messages (`.eml`) for the outbound patient-data mail guard. Every
name, date of birth, health-insurance number (NAM), file number and
establishment is invented by `generate.py`; nothing comes from real records.
`labels.csv` (`file,label,category`) lists every message. `positive/` messages
carry patient data (an identifiable patient with health information, or a
patient's NAM or file number); `negative/` messages look similar but carry none.

## Categories

| category | what it holds |
|---|---|
| screenshot | PNG screen captures of fictional EMR screens (1280-1600 px wide, 20-26 px text). Positives show a patient banner or patient tables; negatives show EMR screens with no patient selected (dashboards, rosters, catalogues, blank forms). |
| scan | JPEG photos/scans (150-200 dpi) of letters and forms with slight skew, tone and noise; half are stored rotated with an EXIF Orientation tag (6, 8 or 3) saying how to turn them upright. |
| inline-image | HTML messages (multipart/related) whose picture is pasted inline via `cid:`; PNG screen snippets or JPEG page photos. |
| small-images | Negatives only: logos, scribbled signature images, 1x1 tracking GIFs, social icons and banners in HTML newsletters and signatures. |
| scanned-pdf | Image-only PDFs without any text layer (DCT grayscale or 1-bit Flate images), 1-3 pages, some with a transmission cover page. |
| fax-tiff | Multi-page bilevel TIFF faxes (Group 3/4, 204x196 dpi, 1728 px wide) with a fax header line and a cover page. |
| office-embedded-image | docx, xlsx and pptx whose only patient data is inside an embedded PNG/JPEG (screen capture or scanned page); negatives embed charts or patient-free screens. |
| office-hidden-parts | docx headers/footers, comments, tracked insertions and foot/endnotes; xlsx hidden sheets and cell comments; pptx speaker notes. The visible body is harmless; in positives the hidden part carries the patient data, in negatives it carries harmless text. |
| fillable-pdf | Hand-written AcroForm PDFs; the page shows only field labels, the data is only in field `/V` values (PDFDoc literal or UTF-16BE hex strings, one nested field tree, some compressed content). Negatives are blank or hold staff/equipment data. |
| legacy-office | .doc and .xls (and one .ppt) produced by LibreOffice headless from flat ODF with fixed metadata dates. |
| rich-text | RTF attachments and RTF bodies using `\\'e9`, `\\uN?` and `\\uN\\'xx` escapes, with RTF tables. |
| unicode-text | .txt and .csv attachments in UTF-16 LE/BE and UTF-32 LE/BE, with and without BOM, declared or as octet-stream. |
| archives | zip, tar, tar.gz, tgz, single-file .gz and a zip nested in a zip, holding CSV/TXT/HTML files. |
| encodings | Patient data in the body itself: quoted-printable, base64, RFC 2047 encoded-word subjects (B and Q), RFC 2047/2231 filenames, ISO-8859-1, windows-1252, macintosh, IBM850, ISO-8859-15 and UTF-7 charsets. |

Document types vary across categories: referrals, lab reports, discharge
summaries, prescriptions, English consult and triage notes, imaging reports,
census tables, appointment lists, nursing handovers, medication
reconciliation, pathology requisitions, CLSC home-care notes, vaccination
records, mental-health follow-ups, a bare NAM eligibility check. Negatives:
blank templates, statistics, on-call rosters, supply invoices with product
codes, training attendance with employee numbers, training material with
placeholders, newsletters, policies, minutes, conference programmes,
biomedical and drug inventories (serial, DIN, lot numbers), research
protocols, nurse schedules, lab catalogues, an English audit memo.

## Identifiers

* NAM: first three letters of the surname (accents, hyphens and apostrophes
  dropped, padded with X), first letter of the given name, two digits of the
  birth year, birth month (+50 for women), birth day, then two random digits.
  Written as `ABCD 1234 5678`, `ABCD12345678`, `ABCD-1234-5678` or
  `ABCD 12 34 56 78`.
* File numbers: 6, 7 or 8 digits, sometimes with a letter prefix (`H0123456`)
  or a site prefix (`CH-123456`), labelled No dossier, Dossier, # dossier,
  MRN, N° dossier CLSC, etc.
* Dates of birth are consistent with the NAM; they appear in ISO, dd/mm/yyyy,
  spelled-out French or English, yyyy/mm/dd, dd-mm-yyyy and compact forms.
* Look-alikes in negatives: product codes `MEDL 1234 5678`, employee numbers,
  DIN and lot numbers, serial numbers, invoice and tax numbers, phone and fax
  numbers, placeholders such as `XXXX 0000 0000`.

## Regenerating

    python3 tests/holdout/forms/generate.py

run from the repository root. The seed, all dates, MIME boundaries, archive
timestamps and ODF metadata are fixed, and LibreOffice runs with
`SOURCE_DATE_EPOCH`; OOXML outputs are re-zipped with fixed timestamps.
"""


def main():
    for d in ('positive', 'negative'):
        p = os.path.join(HERE, d)
        if os.path.isdir(p):
            shutil.rmtree(p)
        os.makedirs(p)
    build = os.path.join(HERE, '.build')
    if os.path.isdir(build):
        shutil.rmtree(build)
    os.makedirs(build)
    cat_screenshot(); cat_scan(); cat_inline(); cat_small(); cat_scanned_pdf(); cat_fax()
    cat_office_embedded(); cat_office_hidden(); cat_fillable(); cat_legacy(); cat_rtf(); cat_unicode()
    cat_archives(); cat_encodings()
    conv = run_office(build)
    for (lab, cat, subj, body, att, idx) in PENDING:
        _, ref, fn, ct = att
        data = conv[(ref[1], ref[2])]
        OUT[idx] = (lab, cat, message(subj, with_attach(body, [part(ct, data, filename=fn)], html=R.random() < 0.4)))
    shutil.rmtree(build)
    rows = []
    cnt = {'positive': 0, 'negative': 0}
    for lab, cat, raw in OUT:
        cnt[lab] += 1
        fn = '%s/%03d-%s.eml' % (lab, cnt[lab], cat)
        with open(os.path.join(HERE, fn), 'wb') as fh:
            fh.write(raw)
        rows.append((fn, lab, cat))
    with open(os.path.join(HERE, 'labels.csv'), 'w', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['file', 'label', 'category'])
        w.writerows(rows)
    with open(os.path.join(HERE, 'README.md'), 'w') as fh:
        fh.write(README)
    print('wrote %d positives, %d negatives' % (cnt['positive'], cnt['negative']))


if __name__ == '__main__':
    main()
