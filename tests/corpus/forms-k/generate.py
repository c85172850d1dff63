#!/usr/bin/env python3
"""Held-out corpus generator (eleventh author). Deterministic: fixed seed, no clock."""
import os, io, sys, csv, zlib, struct, random, hashlib, zipfile, tarfile, gzip, shutil, subprocess, tempfile, datetime, unicodedata, base64
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email import encoders, policy as _policy
from email.generator import BytesGenerator
from email.charset import Charset, QP, BASE64
from email.utils import format_datetime
from PIL import Image, ImageDraw, ImageFont, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261207)
FONTDIR = '/usr/share/fonts/truetype/dejavu/'
_fc = {}
def F(size, bold=False, mono=False, cond=False):
    name = 'DejaVuSansMono' if mono else ('DejaVuSansCondensed' if cond else 'DejaVuSans')
    if bold: name += '-Bold'
    k = (name, size)
    if k not in _fc: _fc[k] = ImageFont.truetype(FONTDIR + name + '.ttf', size)
    return _fc[k]

# ---------------------------------------------------------------- people / identifiers
SURNAMES = ["Tremblay","Gagnon","Bélanger-Côté","O'Neil","Ng","Lê","D'Amours","St-Pierre","Nguyen","Bouchard","Lévesque",
            "Fortin","Ouellet","Côté","Pelletier","Desjardins","Roy","Paquette","Morin","Gauthier","Béliveau","Thériault",
            "Lachance","Boudreau","MacDonald","Ouimet","Poirier","Wu","Al-Hassan","Dubé","Bergeron","Émond","Vézina","De La Durantaye"]
GIVEN_M = ["Jean-François","Étienne","Mathieu","Luc","Olivier","Rémi","Karim","David","Gérald","Normand","Yvon","Hugo","Minh"]
GIVEN_F = ["Josée","Émilie","Marie-Ève","Chantal","Sophie","Nathalie","Ginette","Amélie","Fatima","Linh","Hélène","Océane","Lise"]
MOIS = ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"]
MONTHS = ["January","February","March","April","May","June","July","August","September","October","November","December"]
ESTAB = ["CHU du Val-des-Cèdres", "Hôpital Sainte-Clothilde-des-Pins", "CISSS de la Rivière-aux-Brumes",
         "Centre hospitalier de Lac-Ombré", "Hôpital régional de Pointe-aux-Gélinottes", "CIUSSS du Mont-Fictif"]
STAFF = [("Dre","Nathalie","Vaillancourt","néphrologie"),("Dr","Pierre-Luc","Hamelin","médecine interne"),
         ("Dre","Sarah","Lindqvist","pneumologie"),("Dr","Amine","Benali","cardiologie"),("Dre","Julie","Marcoux","médecine familiale"),
         ("Dr","Kevin","O'Brien","infectiologie"),("Dre","Anne-Marie","Gosselin","oncologie"),("Dr","Hoang","Tran","chirurgie générale")]
SENDERS = ["n.vaillancourt@chum.test","archives.medicales@cisss-exemple.test","pl.hamelin@chu-valdescedres.test",
           "secretariat.medecine@ssss.gouv.qc.ca","julie.marcoux@cisss-exemple.test","agente.admin3@chum.test",
           "s.lindqvist@hsc-despins.test","unite7n@chu-valdescedres.test"]
RCPTS = ["mlavoie1974@gmail.com","jf.cote@outlook.com","nath_r@hotmail.com","famille.ouellet@yahoo.ca","d.benali@icloud.com",
         "secretaire.maison@videotron.test","p.hamelin.perso@gmail.com","sophie.b@outlook.com","gestion.clinique@bell.test"]

def strip_acc(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')

class P:
    pass

def person(sex=None, yr=None):
    p = P()
    p.sex = sex or R.choice('MF')
    p.surname = R.choice(SURNAMES)
    p.given = R.choice(GIVEN_M if p.sex == 'M' else GIVEN_F)
    y = yr or R.randint(1934, 2023)
    m = R.randint(1, 12); d = R.randint(1, 28)
    p.dob = datetime.date(y, m, d)
    key = ''.join(c for c in strip_acc(p.surname).upper() if 'A' <= c <= 'Z')
    key = (key + 'XXX')[:3] + strip_acc(p.given)[0].upper()
    mm = m + (50 if p.sex == 'F' else 0)
    p.nam = '%s%02d%02d%02d%02d' % (key, y % 100, mm, d, R.randint(10, 99))
    p.mrn = R.choice(['%08d', '%07d', 'H%07d', '%06d', '%02d-%02d-%02d']) 
    if p.mrn == '%02d-%02d-%02d':
        p.mrn = p.mrn % (R.randint(10, 99), R.randint(0, 99), R.randint(0, 99))
    else:
        p.mrn = p.mrn % R.randint(10000, 9999999)
    p.age = 2026 - y - (1 if (m, d) > (12, 7) else 0)
    return p

def nam_fmt(p):
    n = p.nam
    return R.choice([n[:4] + ' ' + n[4:8] + ' ' + n[8:], n, n[:4] + '-' + n[4:8] + '-' + n[8:], n[:4] + ' ' + n[4:]])

def dfmt(d, lang='fr'):
    k = R.randint(0, 4)
    if lang == 'en':
        return [d.isoformat(), '%s %d, %d' % (MONTHS[d.month-1], d.day, d.year), d.strftime('%d/%m/%Y'), '%d %s %d' % (d.day, MONTHS[d.month-1][:3], d.year), d.isoformat()][k]
    return [d.isoformat(), d.strftime('%d/%m/%Y'), '%d %s %d' % (d.day, MOIS[d.month-1], d.year), d.strftime('%Y/%m/%d'), '%d-%02d-%02d' % (d.year, d.month, d.day)][k]

def mrn_label(lang='fr'):
    if lang == 'en':
        return R.choice(['MRN', 'Chart #', 'Medical record no.', 'Hospital chart no.'])
    return R.choice(['No dossier', 'N° de dossier', 'No de dossier', 'Dossier no', '# dossier', 'No dossier hospitalier'])

def nam_label(lang='fr'):
    if lang == 'en':
        return R.choice(['RAMQ #', 'Health insurance no.', 'Medicare (RAMQ)', 'HIN'])
    return R.choice(['NAM', "No d'assurance maladie", 'Assurance maladie', 'No RAMQ', 'NAM (RAMQ)'])

def rdate(a=2026):
    return datetime.date(a, R.randint(9, 11), R.randint(1, 28))

def staff():
    return R.choice(STAFF)

# ---------------------------------------------------------------- clinical documents (positives)
DX_FR = [("Diabète de type 2 mal contrôlé", "metformine 1000 mg PO BID, gliclazide MR 60 mg DIE"),
         ("Exacerbation de MPOC", "prednisone 40 mg DIE x 5 j, tiotropium 18 mcg inh DIE"),
         ("Fibrillation auriculaire nouvelle", "apixaban 5 mg PO BID, métoprolol 25 mg BID"),
         ("Insuffisance cardiaque FEVG 30 %", "furosémide 40 mg PO DIE, sacubitril/valsartan 49/51 mg BID"),
         ("Pneumonie acquise en communauté lobe inférieur droit", "ceftriaxone 1 g IV q24h + azithromycine 500 mg"),
         ("Trouble dépressif majeur, épisode modéré", "sertraline 50 mg DIE, suivi en psychiatrie"),
         ("Carcinome canalaire infiltrant sein gauche, T2N1", "référence en oncologie, chimiothérapie néoadjuvante"),
         ("Insuffisance rénale chronique stade 4", "ajustement des doses, consultation en néphrologie"),
         ("Cellulite membre inférieur gauche", "céfalexine 500 mg PO QID x 7 jours")]
DX_EN = [("Type 2 diabetes, poorly controlled", "metformin 1000 mg PO BID, empagliflozin 10 mg daily"),
         ("Community-acquired pneumonia, RLL", "amoxicillin-clavulanate 875 mg BID x 7 days"),
         ("Acute decompensated heart failure", "furosemide 80 mg IV BID, fluid restriction 1.5 L"),
         ("Major depressive disorder, recurrent", "escitalopram 10 mg daily, CBT referral"),
         ("Newly diagnosed HIV infection", "bictegravir/emtricitabine/TAF started, ID clinic follow-up")]
MADO = ["Tuberculose pulmonaire", "Syphilis infectieuse", "Hépatite C", "Infection à Chlamydia trachomatis", "Coqueluche", "Rougeole", "Gonorrhée"]

def id_lines(p, lang, style):
    L = []
    if lang == 'fr':
        L.append('Nom : %s, %s' % (p.surname.upper(), p.given) if R.random() < .5 else 'Patient(e) : %s %s' % (p.given, p.surname))
        L.append('Date de naissance : %s    Sexe : %s' % (dfmt(p.dob), p.sex))
    else:
        L.append('Patient: %s, %s' % (p.surname, p.given))
        L.append('DOB: %s    Sex: %s' % (dfmt(p.dob, 'en'), p.sex))
    if style in ('nam', 'both'): L.append('%s : %s' % (nam_label(lang), nam_fmt(p)))
    if style in ('mrn', 'both'): L.append('%s : %s' % (mrn_label(lang), p.mrn))
    return L

def clin_doc(p=None, lang=None, style=None, kind=None):
    p = p or person()
    lang = lang or ('en' if R.random() < .25 else 'fr')
    style = style or R.choice(['nam', 'mrn', 'both', 'name_dob'])
    est = R.choice(ESTAB); s = staff(); d = rdate()
    kinds = ['lab', 'consult', 'conge', 'consent', 'mado', 'rx', 'imaging'] if lang == 'fr' else ['lab', 'consult', 'imaging', 'referral']
    kind = kind or R.choice(kinds)
    ids = id_lines(p, lang, style)
    if lang == 'en':
        dx, med = R.choice(DX_EN)
        if kind == 'lab':
            T = 'LABORATORY REPORT - BIOCHEMISTRY'
            B = ['Collected: %s 07:%02d' % (dfmt(d, 'en'), R.randint(0, 59)), 'Sodium 131 mmol/L  L (135-145)', 'Potassium %.1f mmol/L  H' % R.uniform(5.6, 6.4),
                 'Creatinine %d umol/L  H' % R.randint(150, 310), 'eGFR %d mL/min/1.73m2' % R.randint(15, 40), 'HbA1c %.1f %%' % R.uniform(7.5, 10.5),
                 'Critical value phoned to %s %s at 08:%02d.' % (s[0], s[2], R.randint(10, 59))]
        elif kind == 'imaging':
            T = 'DIAGNOSTIC IMAGING - CT CHEST WITH CONTRAST'
            B = ['Exam date: %s' % dfmt(d, 'en'), 'Indication: persistent cough, weight loss.', 'Findings: 2.3 cm spiculated nodule, right upper lobe.',
                 'Mediastinal adenopathy 1.4 cm (station 4R).', 'Impression: highly suspicious for primary lung malignancy.', 'Recommend PET-CT and thoracic surgery referral.']
        elif kind == 'referral':
            T = 'REFERRAL LETTER'
            B = ['Dear colleague,', 'I am referring this %d-year-old %s with %s.' % (p.age, ('man' if p.sex == 'M' else 'woman') if p.age >= 18 else ('boy' if p.sex == 'M' else 'girl'), dx.lower()),
                 'Current medication: %s.' % med, 'Allergies: penicillin (rash).', 'Thank you for seeing this patient.', '%s %s %s, %s' % (s[0], s[1], s[2], s[3])]
        else:
            T = 'CONSULTATION NOTE - %s' % s[3].upper()
            B = ['Date: %s' % dfmt(d, 'en'), 'Reason: %s' % dx, 'HPI: %d y.o., 3-day history of worsening symptoms.' % p.age,
                 'Assessment: %s.' % dx, 'Plan: %s.' % med, 'Follow-up in 4 weeks.  %s %s' % (s[0], s[2])]
        return [est.upper(), T] + ids + [''] + B
    dx, med = R.choice(DX_FR)
    if kind == 'lab':
        T = 'RAPPORT DE LABORATOIRE — BIOCHIMIE'
        B = ['Prélevé le %s à 07 h %02d' % (dfmt(d), R.randint(0, 59)), 'Sodium 133 mmol/L  B (135-145)', 'Potassium %s mmol/L  É' % ('%.1f' % R.uniform(5.6, 6.4)).replace('.', ','),
             'Créatinine %d µmol/L  É' % R.randint(150, 310), 'DFGe %d mL/min/1,73 m²' % R.randint(15, 40), 'HbA1c %s %%' % ('%.1f' % R.uniform(7.5, 10.5)).replace('.', ','),
             'Valeur critique communiquée à %s %s à 08 h %02d.' % (s[0], s[2], R.randint(10, 59))]
    elif kind == 'consult':
        T = 'NOTE DE CONSULTATION — %s' % s[3].upper()
        B = ['Date : %s' % dfmt(d), 'Raison : %s' % dx, 'Histoire : %s de %d ans, symptômes depuis 3 jours.' % (('Homme' if p.sex == 'M' else 'Femme') if p.age >= 18 else ('Garçon' if p.sex == 'M' else 'Fille'), p.age),
             'ATCD : HTA, dyslipidémie. Allergie : sulfa.', 'Impression : %s.' % dx, 'Plan : %s.' % med, 'Revoir dans 4 semaines.   %s %s %s' % (s[0], s[1], s[2])]
    elif kind == 'conge':
        T = 'RÉSUMÉ DE DÉPART (CONGÉ)'
        B = ['Admission : %s   Congé : %s' % (dfmt(d), dfmt(d + datetime.timedelta(days=R.randint(2, 12)))), 'Unité : 7 Nord, chambre 7N-%03d' % R.randint(1, 40),
             'Diagnostic principal : %s' % dx, 'Médication au départ : %s' % med, 'Suivi : GMF dans 2 semaines, bilan sanguin dans 7 jours.']
    elif kind == 'consent':
        T = 'CONSENTEMENT À UNE INTERVENTION CHIRURGICALE'
        B = ["Je consens à subir : cholécystectomie par laparoscopie", 'Risques expliqués : saignement, infection, lésion des voies biliaires.',
             'Signature du patient : ____(signé)____    Date : %s' % dfmt(d), 'Médecin : %s %s %s' % (s[0], s[1], s[2]), 'Témoin : infirmière de l\'unité de chirurgie']
    elif kind == 'mado':
        T = 'DÉCLARATION DE MALADIE À DÉCLARATION OBLIGATOIRE (MADO)'
        B = ['Maladie : %s' % R.choice(MADO), 'Date de début des symptômes : %s' % dfmt(d), 'Confirmation laboratoire : oui (TAAN positif)',
             'Adresse : %d, rue des Érables, Lac-Ombré (Québec)' % R.randint(10, 999), 'Déclarant : %s %s %s' % (s[0], s[1], s[2]), 'Transmis à la Direction de santé publique.']
    elif kind == 'rx':
        T = 'ORDONNANCE'
        B = ['Date : %s' % dfmt(d), 'Rx : %s' % med, 'Qté : 30 jours, renouvelable 3 fois', 'Indication : %s' % dx, '%s %s %s — permis 1-%05d' % (s[0], s[1], s[2], R.randint(0, 99999))]
    else:
        T = 'RAPPORT D\'IMAGERIE — ÉCHOGRAPHIE ABDOMINALE'
        B = ['Examen du %s' % dfmt(d), 'Indication : douleur à l\'hypocondre droit.', 'Vésicule distendue, paroi épaissie à 5 mm, calcul enclavé de 14 mm.',
             'Signe de Murphy échographique positif.', 'Conclusion : cholécystite aiguë lithiasique.', 'Radiologiste : Dr %s' % R.choice(['Y. Tessier', 'M. Brault', 'C. Ahmed'])]
    return [est.upper(), T] + ids + [''] + B

# ---------------------------------------------------------------- look-alike documents (negatives)
def neg_doc(kind=None):
    est = R.choice(ESTAB); s = staff()
    kind = kind or R.choice(['blank', 'blank', 'stats', 'roster', 'inventory', 'policy', 'minutes', 'training', 'newsletter', 'directory'])
    if kind == 'blank':
        T = R.choice(['RAPPORT DE LABORATOIRE — GABARIT', 'FORMULAIRE DE CONSENTEMENT (modèle vierge)', 'DÉCLARATION MADO — formulaire vierge', 'ORDONNANCE — modèle', 'REQUISITION - BLANK TEMPLATE'])
        B = ['Nom : ______________________   Prénom : ________________', 'Date de naissance : AAAA-MM-JJ    Sexe : [ ] F  [ ] M',
             '%s : [____ ____ ____]' % nam_label(), '%s : __________' % mrn_label(), 'Diagnostic : ______________________________',
             'Médication : ______________________________', 'Signature : ____________________   Date : JJ/MM/AAAA', 'Version 2026-03 — imprimer recto seulement']
    elif kind == 'stats':
        T = R.choice(['TABLEAU DE BORD — ACHALANDAGE DE L\'URGENCE', 'STATISTIQUES TRIMESTRIELLES MADO (agrégées)', 'TAUX D\'OCCUPATION DES LITS'])
        B = ['Période : 2026-07-01 au 2026-09-30', 'Visites à l\'urgence : %d (+%d %%)' % (R.randint(9000, 16000), R.randint(1, 9)),
             'Durée moyenne de séjour sur civière : %s h' % ('%.1f' % R.uniform(14, 26)).replace('.', ','), 'Cas de tuberculose déclarés : %d ; hépatite C : %d ; syphilis : %d' % (R.randint(1, 9), R.randint(5, 30), R.randint(3, 25)),
             'Taux d\'occupation 7 Nord : %d %%, 4 Sud : %d %%' % (R.randint(85, 110), R.randint(80, 105)), 'Aucune donnée nominative — diffusion interne.']
    elif kind == 'roster':
        T = 'HORAIRE DU PERSONNEL INFIRMIER — UNITÉ 7 NORD'
        B = ['Semaine du 2026-12-14'] + ['%s %s   matricule %06d   %s   téléavertisseur 514-555-%04d' % (R.choice(GIVEN_F + GIVEN_M), R.choice(SURNAMES), R.randint(1000, 999999),
             R.choice(['Jour 07h-15h', 'Soir 15h-23h', 'Nuit 23h-07h', 'Congé']), R.randint(100, 9999)) for _ in range(6)] + ['Remplacements : contacter la liste de rappel, poste 45210.']
    elif kind == 'inventory':
        T = 'BON DE COMMANDE — PHARMACIE / MAGASIN CENTRAL'
        B = ['No commande : PO-2026-%05d   No fournisseur : 004417' % R.randint(0, 99999)] + ['Réf. %s%s%s%s %04d %04d   %s   qté %d' % (R.choice('MBCD'), R.choice('EAXR'), R.choice('DLKT'), R.choice('XPQS'),
             R.randint(1000, 9999), R.randint(1000, 9999), R.choice(['Seringue 10 mL luer-lock', 'Cathéter IV 20G', 'Gants nitrile M', 'Pansement hydrocolloïde 10x10', 'Metformine 500 mg co. (boîte 100)']), R.randint(2, 80)) for _ in range(5)] + ['Lot 24B%03d  exp. 2028-06' % R.randint(0, 999), 'Total avant taxes : %d,%02d $' % (R.randint(300, 9000), R.randint(0, 99))]
    elif kind == 'policy':
        T = 'POLITIQUE — TRANSMISSION DE RENSEIGNEMENTS CONFIDENTIELS'
        B = ['1. Le numéro d\'assurance maladie (NAM) ne doit jamais être transmis par courriel externe.', '2. Le numéro de dossier est un renseignement confidentiel.',
             '3. Utiliser la messagerie sécurisée pour tout résultat de laboratoire.', '4. Exemple de format NAM : XXXX 0000 0000 (à titre indicatif).', 'Adoptée par le CA le 2025-06-12. Révision : 2027.']
    elif kind == 'minutes':
        T = 'PROCÈS-VERBAL — COMITÉ QUALITÉ ET SÉCURITÉ DES SOINS'
        B = ['Réunion du %s, salle B-204' % dfmt(rdate()), 'Présents : %s %s, %s %s, Mme L. Carrier (DSI)' % (s[0], s[2], STAFF[1][0], STAFF[1][2]),
             'Point 3 : hausse de 12 %% des chutes au 4 Sud ; plan d\'action en cours.', 'Point 4 : audit d\'hygiène des mains — conformité 81 %.', 'Prochaine réunion : 2027-01-19.']
    elif kind == 'training':
        T = 'FORMATION — REMPLIR LA FEUILLE SOMMAIRE D\'HOSPITALISATION'
        B = ['Module 2 : identification du patient', 'Inscrire le NAM au format AAAA 0000 0000 (4 lettres, 8 chiffres).', 'Le numéro de dossier figure sur la carte d\'hôpital.',
             'Ne jamais photographier l\'écran du DCI.', 'Quiz : 10 questions, note de passage 80 %.', 'Formatrice : %s %s, conseillère en soins' % (R.choice(GIVEN_F), R.choice(SURNAMES))]
    elif kind == 'newsletter':
        T = 'L\'INFO-SANTÉ — BULLETIN INTERNE, DÉCEMBRE 2026'
        B = ['Campagne de vaccination antigrippale : 78 % du personnel vacciné.', 'Nouveau scanner au pavillon B dès janvier.', 'Bienvenue à %s %s %s (%s).' % s,
             'Party des Fêtes le 18 décembre, cafétéria.', 'Rappel : stationnement P3 fermé du 20 au 22.']
    else:
        T = 'BOTTIN — NUMÉROS UTILES'
        B = ['Archives médicales : 514 555-0142, télécopieur 514 555-0143', 'Pharmacie : poste 23451, téléavertisseur 8812', 'Bloc opératoire : 450-555-0177',
             'Chambre de garde : B-3124', 'Sécurité : poste 5555', '%s %s %s, permis CMQ 1-%05d' % (s[0], s[1], s[2], R.randint(0, 99999))]
    return [est.upper(), T, ''] + B

# ---------------------------------------------------------------- mail building
POL = _policy.compat32.clone(linesep='\r\n')
_ctr = [0]
SUBJ = ["Document", "Pour suivi", "Tel que discuté", "TR: document", "Fichier demandé", "À regarder quand tu peux", "FW: scan",
        "Envoi", "Copie pour toi", "Re: ce matin", "Voici", "Fichier", "Quick look please", "Suite à notre appel", "Doc"]
COVER = ["Bonjour,\n\nVoici le fichier dont on a parlé ce matin.\n\nMerci,\n", "Salut,\n\nJe te l'envoie pour que tu puisses le regarder de la maison.\n\n",
         "Hi,\n\nAttached as discussed.\n\nThanks,\n", "Bonjour,\n\nCi-joint. Dis-moi si ça ouvre bien.\n\nBonne journée\n",
         "Bonsoir,\n\nPour ton information.\n\n", "Hello,\n\nSee attached, let me know.\n\n"]
SIG = ["--\n{n}\n{e}\nTél. : 514 555-0142, poste 2{x}\nTéléc. : 514 555-0143\n", "--\n{n} | {e}\nCe courriel peut contenir des renseignements confidentiels.\n", "{n}\n"]

def cover_text():
    s = staff()
    return R.choice(COVER) + R.choice(SIG).format(n='%s %s' % (s[1], s[2]), e=R.choice(ESTAB), x='%04d' % R.randint(0, 9999))

def new_msg(sub=None, subtype='mixed'):
    _ctr[0] += 1
    n = _ctr[0]
    m = MIMEMultipart(subtype) if subtype else None
    return m, n

def bnd(n, k=0):
    return '----=_NextPart_%03d_%04X_%s' % (k, n, hashlib.sha1(b'bk%d-%d' % (n, k)).hexdigest()[:12].upper())

def headers(m, n, subject=None):
    snd = R.choice(SENDERS)
    m['From'] = snd
    m['To'] = R.choice(RCPTS)
    m['Subject'] = subject if subject is not None else R.choice(SUBJ)
    dt = datetime.datetime(2026, 10, 26, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))) + datetime.timedelta(days=n // 5, minutes=97 * (n % 5) + R.randint(0, 50))
    m['Date'] = format_datetime(dt)
    m['Message-ID'] = '<%s@%s>' % (hashlib.sha1(b'mid-k-%d' % n).hexdigest()[:24], snd.split('@')[1])
    del m['MIME-Version']
    m['MIME-Version'] = '1.0'

def reorder(m):
    # put top headers first
    hs = [(k, v) for k, v in m._headers]
    top = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version']
    m._headers = [h for t in top for h in hs if h[0] == t] + [h for h in hs if h[0] not in top]

def att(data, mt, fname, fname_rfc2231=None):
    maj, sub = mt.split('/')
    part = MIMEBase(maj, sub)
    part.set_payload(data)
    encoders.encode_base64(part)
    if fname_rfc2231:
        part.add_header('Content-Disposition', 'attachment', filename=fname_rfc2231)
    else:
        part.add_header('Content-Disposition', 'attachment', filename=fname)
        part.set_param('name', fname)
    return part

def mail_with(parts, subject=None, body=None):
    m, n = new_msg()
    headers(m, n, subject)
    m.attach(MIMEText(body if body is not None else cover_text(), 'plain', 'utf-8'))
    for p in parts: m.attach(p)
    return finish(m, n)

def finish(m, n):
    k = [0]
    def walk(x):
        if x is not m: del x['MIME-Version']
        if x.is_multipart():
            x.set_boundary(bnd(n, k[0])); k[0] += 1
            for y in x.get_payload(): walk(y)
    walk(m)
    reorder(m)
    b = io.BytesIO()
    BytesGenerator(b, policy=POL, mangle_from_=False).flatten(m)
    return b.getvalue()

# ---------------------------------------------------------------- images
def png_bytes(im, **kw):
    b = io.BytesIO(); im.save(b, 'PNG', optimize=True, **kw); return b.getvalue()

def jpg_bytes(im, q=60, exif=None, dpi=(150, 150)):
    b = io.BytesIO()
    kw = dict(quality=q, dpi=dpi)
    if exif is not None: kw['exif'] = exif
    im.save(b, 'JPEG', **kw); return b.getvalue()

def screenshot(lines, patient=None, empty_msg=None):
    W = R.choice([1200, 1280, 1366, 1440, 1600]); H = int(W * R.choice([0.5625, 0.625]))
    theme = R.choice([((32, 72, 128), (236, 241, 247)), ((0, 110, 100), (240, 246, 245)), ((70, 70, 80), (245, 245, 245))])
    fs = R.randint(13, 18)
    im = Image.new('RGB', (W, H), (255, 255, 255)); d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W, 30], fill=(225, 225, 225)); d.text((10, 7), R.choice(['DCI Orion 5.2', 'ClinicView Web', 'Dossier patient électronique — ÉchoDPE', 'MedUnit Workstation']), font=F(14), fill=(20, 20, 20))
    d.rectangle([0, 30, W, 64], fill=theme[0])
    x = 12
    for t in ['Accueil', 'Patient', 'Résultats', 'Ordonnances', 'Notes', 'Imagerie', 'Rapports', 'Aide']:
        d.text((x, 38), t, font=F(fs + 1, True), fill=(255, 255, 255)); x += d.textlength(t, font=F(fs + 1, True)) + 26
    y = 70
    if patient is not None:
        d.rectangle([0, 64, W, 64 + 3 * (fs + 8)], fill=theme[1])
        d.text((14, 70), patient[0], font=F(fs + 4, True), fill=(0, 0, 0))
        d.text((14, 70 + fs + 10), patient[1], font=F(fs), fill=(40, 40, 40))
        if len(patient) > 2: d.text((W // 2, 70 + fs + 10), patient[2], font=F(fs), fill=(40, 40, 40))
        y = 64 + 3 * (fs + 8) + 10
    d.rectangle([0, y, 220, H], fill=(246, 246, 246))
    yy = y + 10
    for t in ['Sommaire', 'Signes vitaux', 'Labo', 'Médication', 'Allergies', 'Documents', 'Rendez-vous']:
        d.text((14, yy), t, font=F(fs), fill=(50, 50, 50)); yy += fs + 14
    if empty_msg:
        d.text((260, y + 40), empty_msg, font=F(fs + 6, True), fill=(120, 120, 120))
    yy = y + (100 if empty_msg else 16)
    for i, t in enumerate(lines):
        d.text((250, yy), t, font=F(fs + (4 if i == 0 else 0), i == 0), fill=(0, 0, 0)); yy += fs + 10
        if yy > H - 40: break
    d.rectangle([0, H - 24, W, H], fill=(225, 225, 225)); d.text((10, H - 20), 'Connecté : agent%04d   Poste : WS-7N-%02d' % (R.randint(0, 9999), R.randint(1, 30)), font=F(13), fill=(60, 60, 60))
    return im

def paper(lines, w=1275, h=1650, fs=24, margin=None, header_box=True):
    im = Image.new('L', (w, h), 255); d = ImageDraw.Draw(im)
    mx = margin or int(w * 0.08); y = int(h * 0.06)
    for i, t in enumerate(lines):
        f = F(fs + (6 if i < 2 else 0), i < 2, cond=(i >= 2 and R.random() < .3))
        d.text((mx, y), t, font=f, fill=0); y += int(fs * 1.7)
        if i == 1 and header_box:
            d.line([mx, y, w - mx, y], fill=0, width=3); y += fs
        if y > h - 2 * fs: break
    d.rectangle([mx - 20, int(h * 0.04), w - mx + 20, min(y + 20, h - 10)], outline=80, width=2)
    return im

def degrade(im, angle=None, blur=None, noise=6, light=True):
    w, h = im.size
    angle = R.uniform(-3, 3) if angle is None else angle
    im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=200)
    if light:
        grad = Image.linear_gradient('L').resize((w, h)).rotate(R.choice([0, 90, 180, 270]))
        im = Image.composite(im, Image.eval(im, lambda v: int(v * 0.82)), grad)
    if noise:
        nz = Image.effect_noise((w, h), noise)
        im = Image.blend(im, nz, 0.12)
    im = im.filter(ImageFilter.GaussianBlur(blur if blur is not None else R.uniform(0.4, 1.1)))
    return im

def exif_orient(o):
    e = Image.Exif(); e[0x0112] = o; return e.tobytes()

def store_oriented(im, o):
    # store so that a viewer applying EXIF orientation o shows the upright page
    if o == 6: return im.transpose(Image.ROTATE_90)
    if o == 8: return im.transpose(Image.ROTATE_270)
    if o == 3: return im.transpose(Image.ROTATE_180)
    return im

def fax_page(lines, page, pages, sender):
    W, H = 1728, 2200
    im = Image.new('1', (W, H), 1); d = ImageDraw.Draw(im)
    hdr = '%s  %s  DE: %s  %s  P.%03d/%03d' % (R.choice(['07/12/2026', 'DEC-04-2026', '2026-11-28']), '%02d:%02d' % (R.randint(7, 18), R.randint(0, 59)), sender, R.choice(['ARCHIVES MED', 'PHARMACIE', 'CLINIQUE EXTERNE', 'LABO']), page, pages)
    d.text((20, 8), hdr, font=F(22, mono=True), fill=0)
    y = 90
    for i, t in enumerate(lines):
        d.text((140, y), t, font=F(34 if i < 2 else 29, i < 2), fill=0); y += 52
    for _ in range(R.randint(400, 1500)):
        x0, y0 = R.randint(0, W - 3), R.randint(0, H - 3); d.point((x0, y0), fill=0)
        if R.random() < .2: d.rectangle([x0, y0, x0 + 1, y0 + 1], fill=0)
    return im

def tiff_bytes(pages, comp):
    b = io.BytesIO()
    pages[0].save(b, 'TIFF', compression=comp, dpi=(204, 196), save_all=len(pages) > 1, append_images=pages[1:])
    return b.getvalue()

# ---------------------------------------------------------------- PDF
def pdf_lit(s):
    s = s.replace('\u2014', '-').replace('\u2013', '-')
    out = '('
    for ch in s:
        o = ord(ch)
        if ch in '()\\': out += '\\' + ch
        elif 32 <= o < 127: out += ch
        elif o < 256: out += '\\%03o' % o
        else: out += '?'
    return out + ')'

def pdf_hex16(s):
    return '<FEFF' + s.encode('utf-16-be').hex().upper() + '>'

class PDF:
    def __init__(self): self.objs = []
    def reserve(self): self.objs.append(None); return len(self.objs)
    def set(self, n, body, stream=None): self.objs[n - 1] = (body, stream)
    def add(self, body, stream=None): self.objs.append((body, stream)); return len(self.objs)
    def build(self, root, objstm=False, info=None):
        out = bytearray(b'%PDF-1.' + (b'5' if objstm else b'4') + b'\n%\xe2\xe3\xcf\xd3\n')
        offs = {}
        def ser(n, body, stream):
            if stream is None: return b'%d 0 obj\n%s\nendobj\n' % (n, body.encode('latin-1'))
            return b'%d 0 obj\n%s\nstream\n' % (n, body.encode('latin-1')) + stream + b'\nendstream\nendobj\n'
        if not objstm:
            for i, (body, st) in enumerate(self.objs, 1):
                offs[i] = len(out); out += ser(i, body, st)
            xo = len(out)
            out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(self.objs) + 1)
            for i in range(1, len(self.objs) + 1): out += b'%010d 00000 n \n' % offs[i]
            out += b'trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n' % (len(self.objs) + 1, root, (b' /Info %d 0 R' % info) if info else b'', xo)
            return bytes(out)
        inner = [(i, b) for i, (b, st) in enumerate(self.objs, 1) if st is None]
        osn = len(self.objs) + 1; xn = osn + 1
        hdr = b''; data = b''
        for i, b in inner:
            hdr += b'%d %d ' % (i, len(data)); data += b.encode('latin-1') + b'\n'
        ost = zlib.compress(hdr + data, 9)
        for i, (body, st) in enumerate(self.objs, 1):
            if st is not None: offs[i] = len(out); out += ser(i, body, st)
        offs[osn] = len(out)
        out += ser(osn, '<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>' % (len(inner), len(hdr), len(ost)), ost)
        offs[xn] = len(out)
        rows = b'\x00\x00\x00\x00\x00\xff\xff'
        idx = {i: k for k, (i, _) in enumerate(inner)}
        for i in range(1, xn + 1):
            if i in idx: rows += b'\x02' + struct.pack('>I', osn) + struct.pack('>H', idx[i])
            else: rows += b'\x01' + struct.pack('>I', offs[i]) + b'\x00\x00'
        z = zlib.compress(rows, 9)
        out += ser(xn, '<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /Filter /FlateDecode /Length %d >>' % (xn + 1, root, (' /Info %d 0 R' % info) if info else '', len(z)), z)
        out += b'startxref\n%d\n%%%%EOF\n' % offs[xn]
        return bytes(out)

def image_pdf(pages, mode):
    """pages: list of PIL images (L). mode: 'dct', 'flate-gray', 'flate-bw'"""
    pdf = PDF(); cat = pdf.reserve(); pgs = pdf.reserve(); kids = []
    for im in pages:
        w, h = im.size; dpi = 150
        if mode == 'dct':
            data = jpg_bytes(im, q=34); d = '<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>' % (w, h, len(data))
        elif mode == 'flate-gray':
            data = zlib.compress(im.tobytes(), 9); d = '<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>' % (w, h, len(data))
        else:
            bw = im.point(lambda v: 255 if v > 150 else 0).convert('1', dither=Image.NONE)
            data = zlib.compress(bw.tobytes(), 9); d = '<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>' % (w, h, len(data))
        imn = pdf.add(d, data)
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        cs = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (pw, ph)
        cn = pdf.add('<< /Length %d >>' % len(cs), cs)
        kids.append(pdf.add('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>' % (pgs, pw, ph, imn, cn)))
    pdf.set(pgs, '<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join('%d 0 R' % k for k in kids), len(kids)))
    pdf.set(cat, '<< /Type /Catalog /Pages %d 0 R >>' % pgs)
    info = pdf.add('<< /Producer (ScanStation 3.1) /CreationDate (D:20261130091500-05\'00\') >>')
    return pdf.build(cat, info=info)

def form_pdf(title, fields, objstm=False, flate=True, hexmode=False):
    """fields: list of (label, name, value or None)."""
    pdf = PDF(); cat = pdf.reserve(); pgs = pdf.reserve(); page = pdf.reserve()
    font = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
    cs = 'BT /F1 15 Tf 50 750 Td %s Tj ET\n' % pdf_lit(title)
    annots = []; y = 700
    for lab, name, val in fields:
        cs += 'BT /F1 10 Tf 50 %d Td %s Tj ET\n0.5 w 220 %d m 560 %d l S\n' % (y, pdf_lit(lab), y - 3, y - 3)
        vs = ''
        if val is not None:
            vs = ' /V %s' % (pdf_hex16(val) if (hexmode or (R.random() < .3)) else pdf_lit(val))
        annots.append(pdf.add('<< /Type /Annot /Subtype /Widget /FT /Tx /T %s%s /Rect [218 %d 562 %d] /P %d 0 R /F 4 /DA (/Helv 10 Tf 0 g) /MK << >> >>' % (pdf_lit(name), vs, y - 5, y + 11, page)))
        y -= 34
    cb = cs.encode('latin-1')
    if flate:
        z = zlib.compress(cb, 9); cn = pdf.add('<< /Length %d /Filter /FlateDecode >>' % len(z), z)
    else:
        cn = pdf.add('<< /Length %d >>' % len(cb), cb)
    helv = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
    pdf.set(page, '<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>' % (pgs, font, cn, ' '.join('%d 0 R' % a for a in annots)))
    pdf.set(pgs, '<< /Type /Pages /Kids [%d 0 R] /Count 1 >>' % page)
    pdf.set(cat, '<< /Type /Catalog /Pages %d 0 R /AcroForm << /Fields [%s] /NeedAppearances true /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >> >> >>' % (pgs, ' '.join('%d 0 R' % a for a in annots), helv))
    return pdf.build(cat, objstm=objstm)

# ---------------------------------------------------------------- OOXML (hand-written)
def xe(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

ZDT = (2026, 11, 30, 9, 15, 0)
def zip_bytes(files, dt=ZDT):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, dt); zi.compress_type = zipfile.ZIP_DEFLATED; zi.external_attr = 0o644 << 16
            z.writestr(zi, data if isinstance(data, bytes) else data.encode('utf-8'))
    return b.getvalue()

XH = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RELNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKGREL = 'http://schemas.openxmlformats.org/package/2006/relationships'
def rels(lst):
    return XH + '<Relationships xmlns="%s">' % PKGREL + ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % (i, t if t.startswith('http') else RELNS + '/' + t, tg) for i, t, tg in lst) + '</Relationships>'

def core(title='Document', author='Utilisateur'):
    return XH + ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
                 '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-30T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-30T09:15:00Z</dcterms:modified></cp:coreProperties>') % (xe(title), xe(author))

def ctypes(defaults, overrides):
    d = {'rels': 'application/vnd.openxmlformats-package.relationships+xml', 'xml': 'application/xml', 'png': 'image/png', 'jpeg': 'image/jpeg', 'vml': 'application/vnd.openxmlformats-officedocument.vmlDrawing'}
    return XH + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' + ''.join('<Default Extension="%s" ContentType="%s"/>' % (e, d[e]) for e in defaults) + \
        ''.join('<Override PartName="%s" ContentType="%s"/>' % (p, c) for p, c in overrides) + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
WCT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.'
def wp(t, bold=False):
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % ('<w:rPr><w:b/></w:rPr>' if bold else '', xe(t))

def docx(paras, header=None, footer=None, comment=None, ins=None, footnote=None, image=None, title='Document'):
    """paras: list of str. header/footer: list of str. comment: (para_index, author, [lines]). ins: (para_index, author, text). footnote: (para_index, [lines]). image: (bytes, ext, w_px, h_px)"""
    body = []
    for i, t in enumerate(paras):
        runs = '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % xe(t)
        if comment and comment[0] == i:
            runs = '<w:commentRangeStart w:id="0"/>' + runs + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        if ins and ins[0] == i:
            runs += '<w:ins w:id="11" w:author="%s" w:date="2026-11-29T16:02:00Z"><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:ins>' % (xe(ins[1]), xe(ins[2]))
        if footnote and footnote[0] == i:
            runs += '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        body.append('<w:p>' + runs + '</w:p>')
    rl = []; ov = [('/word/document.xml', WCT + 'document.main+xml')]; files = []; dfl = ['rels', 'xml']
    if image:
        data, ext, wpx, hpx = image
        cx, cy = int(wpx * 9525 * 0.5), int(hpx * 9525 * 0.5)
        rl.append(('rId10', 'image', 'media/image1.' + ext)); files.append(('word/media/image1.' + ext, data)); dfl.append(ext)
        body.append('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="1" name="Image 1"/>'
                    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="image1.%s"/><pic:cNvPicPr/></pic:nvPicPr>'
                    '<pic:blipFill><a:blip r:embed="rId10"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm>'
                    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>' % (cx, cy, ext, cx, cy))
    sect = '<w:sectPr>'
    if header:
        rl.append(('rId20', 'header', 'header1.xml')); ov.append(('/word/header1.xml', WCT + 'header+xml'))
        files.append(('word/header1.xml', XH + '<w:hdr %s>%s</w:hdr>' % (W_NS, ''.join(wp(t) for t in header)))); sect += '<w:headerReference w:type="default" r:id="rId20"/>'
    if footer:
        rl.append(('rId21', 'footer', 'footer1.xml')); ov.append(('/word/footer1.xml', WCT + 'footer+xml'))
        files.append(('word/footer1.xml', XH + '<w:ftr %s>%s</w:ftr>' % (W_NS, ''.join(wp(t) for t in footer)))); sect += '<w:footerReference w:type="default" r:id="rId21"/>'
    sect += '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    if comment:
        rl.append(('rId22', 'comments', 'comments.xml')); ov.append(('/word/comments.xml', WCT + 'comments+xml'))
        files.append(('word/comments.xml', XH + '<w:comments %s><w:comment w:id="0" w:author="%s" w:date="2026-11-29T15:40:00Z" w:initials="AA">%s</w:comment></w:comments>' % (W_NS, xe(comment[1]), ''.join(wp(t) for t in comment[2]))))
    if footnote:
        rl.append(('rId23', 'footnotes', 'footnotes.xml')); ov.append(('/word/footnotes.xml', WCT + 'footnotes+xml'))
        files.append(('word/footnotes.xml', XH + '<w:footnotes %s><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                      '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1">%s</w:footnote></w:footnotes>' % (W_NS, ''.join(wp(t) for t in footnote[1]))))
    doc = XH + '<w:document %s><w:body>%s%s</w:body></w:document>' % (W_NS, ''.join(body), sect)
    out = [('[Content_Types].xml', ctypes(dfl, ov)), ('_rels/.rels', rels([('rId1', 'officeDocument', 'word/document.xml'), ('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml')])),
           ('docProps/core.xml', core(title)), ('word/document.xml', doc), ('word/_rels/document.xml.rels', rels(rl))] + files
    return zip_bytes(out)

SCT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.'
def colref(c):
    s = ''
    c += 1
    while c: c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s

def xlsx(sheets, comments=None, image=None):
    """sheets: list of (name, rows, state). comments: (sheet_idx, [(ref, author, text)]). image: (sheet_idx, bytes, ext, w, h)"""
    ov = [('/xl/workbook.xml', SCT + 'sheet.main+xml')]; files = []; dfl = ['rels', 'xml']
    wbrels = []; sh = ''
    for i, (name, rows, state) in enumerate(sheets, 1):
        sd = ''
        for r, row in enumerate(rows, 1):
            cells = ''
            for c, v in enumerate(row):
                ref = '%s%d' % (colref(c), r)
                if isinstance(v, (int, float)): cells += '<c r="%s"><v>%s</v></c>' % (ref, v)
                else: cells += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xe(str(v)))
            sd += '<row r="%d">%s</row>' % (r, cells)
        extra = ''; srels = []
        if image and image[0] == i - 1:
            _, data, ext, w, h = image
            srels.append(('rId1', 'drawing', '../drawings/drawing1.xml')); extra += '<drawing r:id="rId1"/>'
            ov.append(('/xl/drawings/drawing1.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml')); dfl.append(ext)
            files.append(('xl/media/image1.' + ext, data))
            files.append(('xl/drawings/_rels/drawing1.xml.rels', rels([('rId1', 'image', '../media/image1.' + ext)])))
            files.append(('xl/drawings/drawing1.xml', XH + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s">'
                          '<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="%d" cy="%d"/>'
                          '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Image 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                          '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>' % (RELNS, w * 6000, h * 6000, w * 6000, h * 6000)))
        if comments and comments[0] == i - 1:
            srels.append(('rId2', 'comments', '../comments1.xml')); srels.append(('rId3', 'vmlDrawing', '../drawings/vmlDrawing1.vml'))
            extra += '<legacyDrawing r:id="rId3"/>'
            ov.append(('/xl/comments1.xml', SCT + 'comments+xml'))
            authors = sorted(set(a for _, a, _ in comments[1]))
            files.append(('xl/comments1.xml', XH + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>%s</authors><commentList>%s</commentList></comments>' % (
                ''.join('<author>%s</author>' % xe(a) for a in authors), ''.join('<comment ref="%s" authorId="%d"><text><r><t xml:space="preserve">%s</t></r></text></comment>' % (ref, authors.index(a), xe(t)) for ref, a, t in comments[1]))))
            shapes = ''
            for k, (ref, a, t) in enumerate(comments[1]):
                col = ord(ref[0]) - 65; row = int(ref[1:]) - 1
                shapes += ('<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
                           '<v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>') % (1025 + k, row, col)
            files.append(('xl/drawings/vmlDrawing1.vml', '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                          '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' + shapes + '</xml>'))
            if 'vml' not in dfl: dfl.append('vml')
        files.append(('xl/worksheets/sheet%d.xml' % i, XH + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheetData>%s</sheetData>%s</worksheet>' % (RELNS, sd, extra)))
        if srels: files.append(('xl/worksheets/_rels/sheet%d.xml.rels' % i, rels(srels)))
        ov.append(('/xl/worksheets/sheet%d.xml' % i, SCT + 'worksheet+xml'))
        wbrels.append(('rId%d' % i, 'worksheet', 'worksheets/sheet%d.xml' % i))
        sh += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (xe(name), i, ' state="%s"' % state if state else '', i)
    wb = XH + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><bookViews><workbookView activeTab="0"/></bookViews><sheets>%s</sheets></workbook>' % (RELNS, sh)
    out = [('[Content_Types].xml', ctypes(dfl, ov)), ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml'), ('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml')])),
           ('docProps/core.xml', core('Classeur')), ('xl/workbook.xml', wb), ('xl/_rels/workbook.xml.rels', rels(wbrels))] + files
    return zip_bytes(out)

PCT = 'application/vnd.openxmlformats-officedocument.presentationml.'
P_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
THEME = XH + ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
    '<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3>'
    '<a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme>'
    '<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
    '<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>'
    '<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>'
    '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>'
    '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')
CLRMAP = '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
GRP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
def p_txbox(i, x, y, cx, cy, lines, sz=2000):
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Texte %d"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>%s</p:txBody></p:sp>') % (i, i, x, y, cx, cy, ''.join('<a:p><a:r><a:rPr lang="fr-CA" sz="%d"/><a:t>%s</a:t></a:r></a:p>' % (sz, xe(t)) for t in lines))

def pptx(slides):
    """slides: list of dict(title, lines, image=(bytes, ext, w, h), notes=[lines])"""
    files = []; dfl = ['rels', 'xml']
    ov = [('/ppt/presentation.xml', PCT + 'presentation.main+xml'), ('/ppt/slideMasters/slideMaster1.xml', PCT + 'slideMaster+xml'), ('/ppt/slideLayouts/slideLayout1.xml', PCT + 'slideLayout+xml'),
          ('/ppt/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml')]
    files.append(('ppt/theme/theme1.xml', THEME))
    files.append(('ppt/slideMasters/slideMaster1.xml', XH + '<p:sldMaster %s><p:cSld><p:spTree>%s</p:spTree></p:cSld>%s<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>' % (P_NS, GRP, CLRMAP)))
    files.append(('ppt/slideMasters/_rels/slideMaster1.xml.rels', rels([('rId1', 'slideLayout', '../slideLayouts/slideLayout1.xml'), ('rId2', 'theme', '../theme/theme1.xml')])))
    files.append(('ppt/slideLayouts/slideLayout1.xml', XH + '<p:sldLayout %s type="blank"><p:cSld name="Vide"><p:spTree>%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>' % (P_NS, GRP)))
    files.append(('ppt/slideLayouts/_rels/slideLayout1.xml.rels', rels([('rId1', 'slideMaster', '../slideMasters/slideMaster1.xml')])))
    prels = [('rId1', 'slideMaster', 'slideMasters/slideMaster1.xml'), ('rId2', 'theme', 'theme/theme1.xml')]
    has_notes = any(s.get('notes') for s in slides)
    nm = ''
    if has_notes:
        prels.append(('rId3', 'notesMaster', 'notesMasters/notesMaster1.xml'))
        ov.append(('/ppt/notesMasters/notesMaster1.xml', PCT + 'notesMaster+xml')); ov.append(('/ppt/theme/theme2.xml', 'application/vnd.openxmlformats-officedocument.theme+xml'))
        files.append(('ppt/theme/theme2.xml', THEME))
        files.append(('ppt/notesMasters/notesMaster1.xml', XH + '<p:notesMaster %s><p:cSld><p:spTree>%s</p:spTree></p:cSld>%s</p:notesMaster>' % (P_NS, GRP, CLRMAP)))
        files.append(('ppt/notesMasters/_rels/notesMaster1.xml.rels', rels([('rId1', 'theme', '../theme/theme2.xml')])))
        nm = '<p:notesMasterIdLst><p:notesMasterId r:id="rId3"/></p:notesMasterIdLst>'
    ids = ''
    for k, s in enumerate(slides, 1):
        sr = [('rId1', 'slideLayout', '../slideLayouts/slideLayout1.xml')]
        tree = p_txbox(2, 457200, 300000, 8229600, 900000, [s['title']], 3200) + p_txbox(3, 457200, 1300000, 8229600 if not s.get('image') else 3800000, 4800000, s.get('lines', []), 1800)
        if s.get('image'):
            data, ext, w, h = s['image']; name = 'image%d.%s' % (k, ext)
            files.append(('ppt/media/' + name, data)); sr.append(('rId2', 'image', '../media/' + name))
            if ext not in dfl: dfl.append(ext)
            cx = 4400000; cy = int(cx * h / w)
            tree += ('<p:pic><p:nvPicPr><p:cNvPr id="4" name="Image 3"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                     '<p:spPr><a:xfrm><a:off x="4400000" y="1300000"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>') % (cx, cy)
        if s.get('notes'):
            sr.append(('rId3', 'notesSlide', '../notesSlides/notesSlide%d.xml' % k)); ov.append(('/ppt/notesSlides/notesSlide%d.xml' % k, PCT + 'notesSlide+xml'))
            files.append(('ppt/notesSlides/notesSlide%d.xml' % k, XH + '<p:notes %s><p:cSld><p:spTree>%s<p:sp><p:nvSpPr><p:cNvPr id="2" name="Espace réservé des notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>'
                          '<p:txBody><a:bodyPr/><a:lstStyle/>%s</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>' % (P_NS, GRP, ''.join('<a:p><a:r><a:rPr lang="fr-CA"/><a:t>%s</a:t></a:r></a:p>' % xe(t) for t in s['notes']))))
            files.append(('ppt/notesSlides/_rels/notesSlide%d.xml.rels' % k, rels([('rId1', 'notesMaster', '../notesMasters/notesMaster1.xml'), ('rId2', 'slide', '../slides/slide%d.xml' % k)])))
        files.append(('ppt/slides/slide%d.xml' % k, XH + '<p:sld %s><p:cSld><p:spTree>%s%s</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>' % (P_NS, GRP, tree)))
        files.append(('ppt/slides/_rels/slide%d.xml.rels' % k, rels(sr)))
        ov.append(('/ppt/slides/slide%d.xml' % k, PCT + 'slide+xml'))
        prels.append(('rId%d' % (10 + k), 'slide', 'slides/slide%d.xml' % k)); ids += '<p:sldId id="%d" r:id="rId%d"/>' % (255 + k, 10 + k)
    pres = XH + '<p:presentation %s><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>%s<p:sldIdLst>%s</p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>' % (P_NS, nm, ids)
    out = [('[Content_Types].xml', ctypes(dfl, ov)), ('_rels/.rels', rels([('rId1', 'officeDocument', 'ppt/presentation.xml'), ('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml')])),
           ('docProps/core.xml', core('Présentation')), ('ppt/presentation.xml', pres), ('ppt/_rels/presentation.xml.rels', rels(prels))] + files
    return zip_bytes(out)

# ---------------------------------------------------------------- RTF
def rtf_esc(s, umode=False):
    o = ''
    for ch in s:
        c = ord(ch)
        if ch in '\\{}': o += '\\' + ch
        elif c < 128: o += ch
        elif not umode and c < 256: o += "\\'%02x" % c
        elif c < 0x10000:
            v = c if c < 32768 else c - 65536
            try: fb = ch.encode('cp1252'); fbs = "\\'%02x" % fb[0]
            except Exception: fbs = '?'
            o += '\\u%d%s' % (v, fbs if R.random() < .5 else '?')
        else: o += '?'
    return o

def rtf(lines, table=None, umode=False):
    out = '{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}}{\\colortbl;\\red0\\green0\\blue0;}\n{\\info{\\title Document}}\\viewkind4\\pard\\f0\\fs22 '
    for i, t in enumerate(lines):
        out += ('{\\b ' + rtf_esc(t, umode) + '}' if i < 2 else rtf_esc(t, umode)) + '\\par\n'
    if table:
        for row in table:
            out += '\\trowd\\trgaph108' + ''.join('\\cellx%d' % (2200 * (k + 1)) for k in range(len(row))) + '\n'
            out += ''.join('\\pard\\intbl ' + rtf_esc(str(c), umode) + '\\cell ' for c in row) + '\\row\n'
        out += '\\pard\\par\n'
    return (out + '}').encode('ascii')

# ---------------------------------------------------------------- TNEF
def tnef(subject, body=None, attachments=(), msgprops_body=None):
    def attr(level, aid, atype, data):
        return struct.pack('<BI', level, (atype << 16) | aid) + struct.pack('<I', len(data)) + data + struct.pack('<H', sum(data) & 0xFFFF)
    out = struct.pack('<IH', 0x223E9F78, 0x1234)
    out += attr(1, 0x9006, 0x0008, struct.pack('<I', 0x00010000))
    out += attr(1, 0x9007, 0x0006, struct.pack('<II', 1252, 0))
    out += attr(1, 0x8008, 0x0007, b'IPM.Microsoft Mail.Note\x00')
    out += attr(1, 0x8004, 0x0001, subject.encode('cp1252') + b'\x00')
    out += attr(1, 0x8005, 0x0003, struct.pack('<7H', 2026, 11, 30, 9, 15, 0, 1))
    if body is not None:
        out += attr(1, 0x800C, 0x0002, body.replace('\n', '\r\n').encode('cp1252') + b'\x00')
    if msgprops_body is not None:
        raw = msgprops_body.replace('\n', '\r\n').encode('cp1252') + b'\x00'
        pad = raw + b'\x00' * ((4 - len(raw) % 4) % 4)
        props = struct.pack('<I', 1) + struct.pack('<HH', 0x001E, 0x1000) + struct.pack('<II', 1, len(raw)) + pad
        out += attr(1, 0x9003, 0x0006, props)
    for name, data in attachments:
        out += attr(2, 0x9002, 0x0006, struct.pack('<HIHHI', 1, 0xFFFFFFFF, 0, 0, 0)[:14])
        out += attr(2, 0x8010, 0x0001, name.encode('cp1252') + b'\x00')
        out += attr(2, 0x800F, 0x0006, data)
        fn = name.encode('cp1252') + b'\x00'; fnp = fn + b'\x00' * ((4 - len(fn) % 4) % 4)
        props = struct.pack('<I', 1) + struct.pack('<HH', 0x001E, 0x3707) + struct.pack('<II', 1, len(fn)) + fnp
        out += attr(2, 0x9005, 0x0006, props)
    return out

# ---------------------------------------------------------------- archives
TAR_MTIME = 1764497700
def tar_bytes(files, gz=False):
    b = io.BytesIO()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = TAR_MTIME; ti.mode = 0o644; ti.uname = 'archiviste'; ti.gname = 'users'; ti.uid = 1000; ti.gid = 1000
            t.addfile(ti, io.BytesIO(data))
    data = raw.getvalue()
    return gz_bytes(data, None) if gz else data

def gz_bytes(data, name):
    b = io.BytesIO()
    with gzip.GzipFile(filename=name or '', mode='wb', fileobj=b, mtime=TAR_MTIME) as g: g.write(data)
    return b.getvalue()

def csv_text(rows, delim=','):
    s = io.StringIO(); w = csv.writer(s, delimiter=delim, lineterminator='\r\n')
    for r in rows: w.writerow(r)
    return s.getvalue()

def patient_rows(n, lang='fr'):
    hdr = [R.choice(['Nom', 'Nom complet', 'Patient']), R.choice(['DDN', 'Date naiss.', 'DOB']), R.choice(['NAM', 'No RAMQ', 'No dossier', 'MRN']), R.choice(['Diagnostic', 'Dx', 'Motif'])]
    rows = [hdr]
    for _ in range(n):
        p = person(); dx = R.choice(DX_FR)[0] if lang == 'fr' else R.choice(DX_EN)[0]
        rows.append(['%s, %s' % (p.surname, p.given), dfmt(p.dob), nam_fmt(p) if 'NAM' in hdr[2] or 'RAMQ' in hdr[2] else p.mrn, dx])
    return rows

def neg_rows(kind=None):
    kind = kind or R.choice(['roster', 'inventory', 'stats', 'phones'])
    if kind == 'roster':
        rows = [['Employé', 'Matricule', 'Quart', 'Unité', 'Téléavertisseur']]
        for _ in range(8): rows.append(['%s %s' % (R.choice(GIVEN_F + GIVEN_M), R.choice(SURNAMES)), '%06d' % R.randint(1000, 999999), R.choice(['J', 'S', 'N']), R.choice(['7N', '4S', 'URG', 'SI']), '8%03d' % R.randint(0, 999)])
    elif kind == 'inventory':
        rows = [['Code article', 'Description', 'Lot', 'Quantité', 'Prix']]
        for _ in range(8): rows.append(['%s%04d%04d' % (R.choice(['BDXL', 'MEDP', 'CARD', 'SMIT']), R.randint(1000, 9999), R.randint(1000, 9999)), R.choice(['Seringue 3 mL', 'Tubulure IV', 'Masque N95', 'Compresses 4x4', 'Électrodes ECG']), '24B%03d' % R.randint(0, 999), R.randint(1, 500), '%d.%02d' % (R.randint(1, 300), R.randint(0, 99))])
    elif kind == 'stats':
        rows = [['Mois', 'Unité', 'Admissions', 'Congés', 'DMS (j)', 'Décès']]
        for m in range(1, 9): rows.append(['2026-%02d' % m, R.choice(['7N', '4S', 'SI', 'Ortho']), R.randint(60, 200), R.randint(60, 200), '%.1f' % R.uniform(3, 12), R.randint(0, 6)])
    else:
        rows = [['Service', 'Poste', 'Téléphone', 'Télécopieur', 'Local']]
        for sv in ['Archives', 'Pharmacie', 'Radiologie', 'Laboratoire', 'Bloc', 'Urgence']: rows.append([sv, '%05d' % R.randint(20000, 59999), '514 555-%04d' % R.randint(0, 9999), '514 555-%04d' % R.randint(0, 9999), '%s-%04d' % (R.choice('ABCD'), R.randint(1000, 4999))])
    return rows

# ---------------------------------------------------------------- categories
IMGNAMES = ['capture.png', 'image.png', 'Capture d’écran 2026-11-30 091512.png', 'screenshot1.png', 'ecran.png', 'Screenshot 2026-12-01 143210.png']
def body_only(lines):
    return lines

def banner(p, style):
    a = '%s, %s   (%s, %d ans)' % (p.surname.upper(), p.given, p.sex, p.age)
    if style == 'nam': b = 'DDN %s     %s %s' % (dfmt(p.dob), nam_label(), nam_fmt(p))
    elif style == 'mrn': b = 'Né(e) le %s     %s %s' % (dfmt(p.dob), mrn_label(), p.mrn)
    elif style == 'en': b = 'DOB %s     %s %s' % (dfmt(p.dob, 'en'), mrn_label('en'), p.mrn)
    else: b = 'DDN %s' % dfmt(p.dob)
    return (a, b, 'Allergies : %s' % R.choice(['pénicilline', 'aucune connue', 'sulfamidés', 'latex']))

def cat_screenshot():
    out = []
    styles = ['nam', 'mrn', 'en', 'name', 'nam', 'mrn']
    for i, st in enumerate(styles):
        p = person(); lang = 'en' if st == 'en' else 'fr'
        doc = clin_doc(p, lang=lang, style='name_dob' if st == 'name' else st)
        im = screenshot(doc[1:2] + doc[2 + 2:] if st != 'name' else doc[1:], banner(p, st))
        out.append(('positive', 'screenshot', 'ehr-%s-%d' % (st, i), mail_with([att(png_bytes(im), 'image/png', R.choice(IMGNAMES))])))
    negs = [('Aucun patient sélectionné', neg_doc('training')), ('Aucun dossier ouvert — sélectionnez un patient', neg_doc('stats')),
            ('No patient selected', ['Worklist: 0 items', 'Filter: unit 7N, status pending', 'Last refresh 09:15']), ('Aucun patient sélectionné', neg_doc('roster')),
            ('Session verrouillée', ['Utilisateur : agent%04d' % R.randint(0, 9999), 'Mot de passe : ••••••••', 'Poste WS-4S-07']), ('Tableau de bord', neg_doc('directory'))]
    for i, (msg, lines) in enumerate(negs):
        im = screenshot(lines, None, msg)
        out.append(('negative', 'screenshot', 'ehr-nopatient-%d' % i, mail_with([att(png_bytes(im), 'image/png', R.choice(IMGNAMES))])))
    return out

SCANNAMES = ['scan0001.jpg', 'IMG_4471.JPG', 'numerisation.jpg', 'document.jpeg', 'photo.jpg', 'Scan_20261130.jpg']
def scan_jpeg(lines, dpi, orient, half=False):
    w = int(8.5 * dpi); h = int((5.5 if half else 11) * dpi)
    im = paper(lines, w, h, fs=int(dpi / 6.2))
    im = degrade(im, noise=R.choice([4, 6, 8]))
    if orient: im = store_oriented(im, orient)
    return jpg_bytes(im, q=R.choice([38, 42, 46]), exif=exif_orient(orient) if orient else None, dpi=(dpi, dpi))

def cat_scan():
    out = []
    cfg = [(150, None, False), (200, 6, True), (150, 8, False), (200, None, True), (150, 3, False), (150, 6, False)]
    for i, (dpi, o, half) in enumerate(cfg):
        lines = clin_doc()
        out.append(('positive', 'scan', 'paper-form-%d%s' % (i, '-exif%d' % o if o else ''), mail_with([att(scan_jpeg(lines, dpi, o, half), 'image/jpeg', R.choice(SCANNAMES))])))
    for i, (dpi, o, half) in enumerate(cfg):
        lines = neg_doc(['blank', 'inventory', 'blank', 'minutes', 'policy', 'roster'][i])
        out.append(('negative', 'scan', 'paper-%d%s' % (i, '-exif%d' % o if o else ''), mail_with([att(scan_jpeg(lines, dpi, o, half), 'image/jpeg', R.choice(SCANNAMES))])))
    return out

def related_mail(img, ext, html_intro, extra_imgs=()):
    m, n = new_msg('related')
    headers(m, n)
    cid = 'image001.%s@01DB4A2C.%08X' % (ext, R.randint(0, 2**32 - 1))
    alt = MIMEMultipart('alternative')
    txt = html_intro + '\n\n[cid:%s]\n\n' % cid + cover_text()
    alt.attach(MIMEText(txt, 'plain', 'utf-8'))
    imgs = ''
    for k, (eimg, eext, alttxt) in enumerate(extra_imgs):
        imgs += '<img src="cid:image%03d.%s@01DB4A2C.%08X" alt="%s" width="%d">' % (k + 2, eext, k, alttxt, 24 if eext != 'gif' else 1)
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body lang="FR-CA"><div class="WordSection1"><p class="MsoNormal">%s</p>'
            '<p class="MsoNormal">%s</p><p class="MsoNormal">%s</p>%s</div></body></html>') % (xe(html_intro), '<img width="720" src="cid:%s">' % cid if img else '', xe(cover_text()).replace('\n', '<br>'), imgs)
    alt.attach(MIMEText(html, 'html', 'utf-8'))
    m.attach(alt)
    if img:
        ip = MIMEImage(img, ext if ext != 'jpg' else 'jpeg'); ip.add_header('Content-ID', '<%s>' % cid); ip.add_header('Content-Disposition', 'inline', filename='image001.%s' % ext)
        m.attach(ip)
    for k, (eimg, eext, alttxt) in enumerate(extra_imgs):
        ip = MIMEImage(eimg, eext); ip.add_header('Content-ID', '<image%03d.%s@01DB4A2C.%08X>' % (k + 2, eext, k)); ip.add_header('Content-Disposition', 'inline', filename='image%03d.%s' % (k + 2, eext))
        m.attach(ip)
    return finish(m, n)

INTROS = ['Bonjour, voir ci-dessous.', 'Regarde ça :', 'Voici ce que je vois à l\'écran.', 'See below.', 'Ci-dessous, comme convenu.', 'Photo prise tantôt :']
def cat_inline():
    out = []
    for i in range(6):
        p = person(); doc = clin_doc(p)
        if i % 2 == 0:
            im = screenshot(doc[1:], banner(p, R.choice(['nam', 'mrn', 'name']))); data = png_bytes(im.quantize(64) if i % 4 == 0 else im); ext = 'png'
        else:
            im = degrade(paper(doc, 1100, 1000, fs=22), noise=5).convert('RGB'); data = jpg_bytes(im, q=45); ext = 'jpg'
        out.append(('positive', 'inline-image', 'outlook-cid-%d' % i, related_mail(data, ext, R.choice(INTROS))))
    for i in range(6):
        lines = neg_doc(['stats', 'blank', 'newsletter', 'directory', 'training', 'inventory'][i])
        if i % 2 == 0: data = png_bytes(screenshot(lines, None, 'Aucun patient sélectionné' if i == 0 else 'Rapports').quantize(64) if i % 4 == 0 else screenshot(lines, None, 'Rapports')); ext = 'png'
        else: data = jpg_bytes(degrade(paper(lines, 1100, 1000, fs=22), noise=5).convert('RGB'), q=45); ext = 'jpg'
        out.append(('negative', 'inline-image', 'outlook-cid-%d' % i, related_mail(data, ext, R.choice(INTROS))))
    return out

def logo(w=300, h=90, text='CHU du Val-des-Cèdres'):
    im = Image.new('RGB', (w, h), (255, 255, 255)); d = ImageDraw.Draw(im)
    d.ellipse([8, 8, h - 8, h - 8], fill=(0, 90, 160)); d.text((h // 2 - 10, h // 2 - 14), '+', font=F(26, True), fill=(255, 255, 255))
    d.text((h + 6, h // 2 - 12), text, font=F(18, True), fill=(0, 60, 120))
    return png_bytes(im)

def icon(ch, col):
    im = Image.new('RGBA', (24, 24), (0, 0, 0, 0)); d = ImageDraw.Draw(im); d.ellipse([0, 0, 23, 23], fill=col); d.text((7, 3), ch, font=F(14, True), fill=(255, 255, 255))
    return png_bytes(im)

def gif1x1():
    b = io.BytesIO(); Image.new('P', (1, 1), 0).save(b, 'GIF', transparency=0); return b.getvalue()

def sigimg():
    s = staff(); im = Image.new('RGB', (420, 110), (255, 255, 255)); d = ImageDraw.Draw(im)
    d.text((10, 8), '%s %s %s' % s[:3], font=F(18, True), fill=(20, 20, 20)); d.text((10, 36), s[3].capitalize() + ' — ' + R.choice(ESTAB), font=F(13), fill=(60, 60, 60))
    d.text((10, 58), 'Tél. 514 555-0142 p. 2%04d  Téléav. 8%03d' % (R.randint(0, 9999), R.randint(0, 999)), font=F(13), fill=(60, 60, 60)); d.text((10, 80), 'Permis CMQ 1-%05d' % R.randint(0, 99999), font=F(13), fill=(60, 60, 60))
    return png_bytes(im)

def cat_small():
    out = []
    social = [(icon('f', (59, 89, 152)), 'png', 'Facebook'), (icon('in', (0, 119, 181)), 'png', 'LinkedIn'), (icon('X', (0, 0, 0)), 'png', 'X'), (icon('▶', (200, 0, 0)), 'png', 'YouTube')]
    cfg = [(logo(), 'png', []), (None, 'png', [(gif1x1(), 'gif', '')]), (logo(260, 70, R.choice(ESTAB)), 'png', social), (sigimg(), 'png', []),
           (sigimg(), 'png', [(gif1x1(), 'gif', '')] + social[:2]), (logo(600, 120, 'Semaine de la prévention des infections'), 'png', [])]
    for i, (img, ext, extra) in enumerate(cfg):
        out.append(('negative', 'small-images', ['logo', 'tracking-pixel', 'social-icons', 'signature', 'signature-pixel', 'banner'][i], related_mail(img, ext, R.choice(INTROS), extra)))
    return out

PDFNAMES = ['scan.pdf', 'document.pdf', 'numerisation_0001.pdf', 'Doc1.pdf', 'SCAN_20261130.pdf', 'imprimante-3e.pdf']
def pdf_pages(docs, clean=False):
    return [degrade(paper(d, 1275, 1650, fs=24), noise=0 if clean else 2, blur=0.6, light=not clean) for d in docs]

def cat_scanned_pdf():
    out = []
    modes = ['dct', 'flate-bw', 'dct', 'flate-gray', 'flate-bw', 'dct']
    npages = [1, 2, 3, 1, 1, 2]
    for i in range(6):
        p = person()
        docs = [clin_doc(p, kind=None) for _ in range(npages[i])]
        if npages[i] > 1 and i % 2: docs[0] = neg_doc('directory')
        out.append(('positive', 'scanned-pdf', 'image-only-%s-%dp' % (modes[i], npages[i]), mail_with([att(image_pdf(pdf_pages(docs, modes[i] == 'flate-gray'), modes[i]), 'application/pdf', R.choice(PDFNAMES))])))
    for i in range(6):
        docs = [neg_doc(['blank', 'policy', 'minutes', 'stats', 'inventory', 'training'][(i + k) % 6]) for k in range(npages[i])]
        out.append(('negative', 'scanned-pdf', 'image-only-%s-%dp' % (modes[i], npages[i]), mail_with([att(image_pdf(pdf_pages(docs, modes[i] == 'flate-gray'), modes[i]), 'application/pdf', R.choice(PDFNAMES))])))
    return out

def cat_fax():
    out = []
    cfg = [('group3', 1), ('group4', 1), ('group4', 2), ('group3', 3), ('group4', 1), ('group3', 2)]
    for i, (comp, n) in enumerate(cfg):
        p = person(); snd = '514 555 %04d' % R.randint(0, 9999)
        docs = [clin_doc(p) for _ in range(n)]
        if n > 1: docs[0] = ['PAGE COUVERTURE — TÉLÉCOPIE', R.choice(ESTAB), 'À : clinique', 'Nombre de pages : %d' % n, 'Avis de confidentialité : si vous recevez ce document par erreur, détruisez-le.']
        pages = [fax_page(d, k + 1, n, snd) for k, d in enumerate(docs)]
        out.append(('positive', 'fax-tiff', 'fax-%s-%dp' % (comp, n), mail_with([att(tiff_bytes(pages, comp), 'image/tiff', 'fax_%04d.tif' % R.randint(0, 9999))])))
    for i, (comp, n) in enumerate(cfg):
        snd = '450 555 %04d' % R.randint(0, 9999)
        docs = [neg_doc(['blank', 'inventory', 'policy', 'directory', 'stats', 'roster'][(i + k) % 6]) for k in range(n)]
        pages = [fax_page(d, k + 1, n, snd) for k, d in enumerate(docs)]
        out.append(('negative', 'fax-tiff', 'fax-%s-%dp' % (comp, n), mail_with([att(tiff_bytes(pages, comp), 'image/tiff', 'fax_%04d.tif' % R.randint(0, 9999))])))
    return out

DOCX_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
XLSX_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
PPTX_CT = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
def img_for(lines, patient=None, png=True):
    if png:
        im = screenshot(lines, patient); im = im.resize((im.width * 3 // 4, im.height * 3 // 4)).quantize(48); return png_bytes(im), 'png', im.width, im.height
    im = degrade(paper(lines, 1000, 900, fs=22), noise=4).convert('RGB'); return jpg_bytes(im, q=44), 'jpeg', 1000, 900

NEUTRAL = ['Voir l\'image ci-dessous.', 'Capture pour la rencontre de jeudi.', 'Document de travail — ne pas diffuser.', 'Pièce jointe pour information.']
def cat_office_img():
    out = []
    for i in range(6):
        p = person(); doc = clin_doc(p)
        img = img_for(doc[1:], banner(p, R.choice(['nam', 'mrn', 'name'])), png=(i % 2 == 0)) if i % 2 == 0 else img_for(doc, png=False)
        kind = ['docx', 'xlsx', 'pptx'][i % 3]
        if kind == 'docx': data = docx([R.choice(NEUTRAL), 'Service des archives'], image=img); ct = DOCX_CT
        elif kind == 'xlsx': data = xlsx([('Feuil1', [['Suivi'], [R.choice(NEUTRAL)]], None)], image=(0,) + img); ct = XLSX_CT
        else: data = pptx([{'title': 'Cas de la semaine', 'lines': [R.choice(NEUTRAL)], 'image': img}]); ct = PPTX_CT
        out.append(('positive', 'office-embedded-image', '%s-picture-%d' % (kind, i), mail_with([att(data, ct, R.choice(['Document1', 'Suivi', 'Presentation1', 'Classeur1']) + '.' + kind)])))
    for i in range(6):
        if i == 3: img = (logo(), 'png', 300, 90)
        else: img = img_for(neg_doc(['stats', 'blank', 'roster', None, 'inventory', 'newsletter'][i]), None if i % 2 == 0 else None, png=(i % 2 == 0))
        kind = ['docx', 'xlsx', 'pptx'][i % 3]
        if kind == 'docx': data = docx([R.choice(NEUTRAL), 'Service des archives'], image=img); ct = DOCX_CT
        elif kind == 'xlsx': data = xlsx([('Feuil1', [['Suivi'], [R.choice(NEUTRAL)]], None)], image=(0,) + img); ct = XLSX_CT
        else: data = pptx([{'title': 'Rencontre d\'équipe', 'lines': [R.choice(NEUTRAL)], 'image': img}]); ct = PPTX_CT
        out.append(('negative', 'office-embedded-image', '%s-picture-%d' % (kind, i), mail_with([att(data, ct, R.choice(['Document1', 'Suivi', 'Presentation1', 'Classeur1']) + '.' + kind)])))
    return out

LETTER = ['Gabarit — lettre de suivi', 'Madame, Monsieur,', 'Nous vous prions de bien vouloir compléter le formulaire ci-joint.', 'Veuillez agréer nos salutations distinguées.', 'Service des archives médicales']
def cat_hidden():
    out = []
    def pat_lines(p, style):
        return [l for l in clin_doc(p, style=style)[1:] if l][:6]
    p = person(); out.append(('positive', 'office-hidden-parts', 'docx-header', docx(LETTER, header=['%s %s — %s %s — %s %s' % (p.given, p.surname, nam_label(), nam_fmt(p), 'DDN', dfmt(p.dob))], footer=['Page 1'])))
    p = person(); out.append(('positive', 'office-hidden-parts', 'docx-footer', docx(LETTER, footer=['%s : %s — %s, %s — %s' % (mrn_label(), p.mrn, p.surname.upper(), p.given, R.choice(DX_FR)[0])])))
    p = person(); out.append(('positive', 'office-hidden-parts', 'docx-comment', docx(LETTER, comment=(2, 'Marcoux, Julie', pat_lines(p, 'mrn')))))
    p = person(); out.append(('positive', 'office-hidden-parts', 'docx-tracked-insertion', docx(LETTER, ins=(1, 'Hamelin, Pierre-Luc', 'Concerne : %s %s, né(e) le %s, hospitalisé(e) pour %s.' % (p.given, p.surname, dfmt(p.dob), R.choice(DX_FR)[0].lower())))))
    p = person(); out.append(('positive', 'office-hidden-parts', 'docx-footnote', docx(LETTER, footnote=(2, ['Réf. : %s %s, %s %s, VIH+ sous TAR depuis 2019.' % (p.given, p.surname, nam_label(), nam_fmt(p))]))))
    rows = patient_rows(6)
    out.append(('positive', 'office-hidden-parts', 'xlsx-hidden-sheet', xlsx([('Sommaire', [['Unité', 'Lits', 'Occupés'], ['7N', 32, 30], ['4S', 28, 25]], None), ('Liste', rows, 'hidden')])))
    p = person()
    out.append(('positive', 'office-hidden-parts', 'xlsx-cell-comment', xlsx([('Feuil1', [['Mois', 'Admissions'], ['Octobre', 142], ['Novembre', 151]], None)], comments=(0, [('B3', 'Roy, Sophie', 'Inclut %s, %s (%s %s) — réadmission pour %s' % (p.surname, p.given, mrn_label(), p.mrn, R.choice(DX_FR)[0].lower()))]))))
    p = person()
    out.append(('positive', 'office-hidden-parts', 'pptx-speaker-notes', pptx([{'title': 'Tournée clinique — cas complexes', 'lines': ['Objectifs d\'apprentissage', 'Discussion'], 'notes': pat_lines(p, 'both')}, {'title': 'Questions', 'lines': ['Merci']}])))
    rows = patient_rows(4, 'en')
    out.append(('positive', 'office-hidden-parts', 'xlsx-veryhidden-sheet', xlsx([('Budget', [['Poste', 'Montant'], ['Fournitures', 18250], ['Formation', 4200]], None), ('data', rows, 'veryHidden')])))
    p = person()
    out.append(('positive', 'office-hidden-parts', 'pptx-speaker-notes-en', pptx([{'title': 'M&M rounds', 'lines': ['Case review', 'Lessons learned']}, {'title': 'Timeline', 'lines': ['Day 1 - Day 5'], 'notes': ['Case: %s %s, DOB %s, %s %s.' % (p.given, p.surname, dfmt(p.dob, 'en'), mrn_label('en'), p.mrn), 'Missed sepsis on day 2, transferred to ICU, lactate 6.1.']}])))
    out.append(('negative', 'office-hidden-parts', 'xlsx-veryhidden-sheet', xlsx([('Budget', [['Poste', 'Montant'], ['Fournitures', 18250], ['Formation', 4200]], None), ('data', neg_rows('inventory'), 'veryHidden')])))
    out.append(('negative', 'office-hidden-parts', 'pptx-speaker-notes-en', pptx([{'title': 'M&M rounds', 'lines': ['Format of the session']}, {'title': 'Schedule', 'lines': ['Room B-204'], 'notes': ['Presenters: Dr Benali (cardiology, pager 8812), Dr Tran.', 'Remind residents: no identifiable data on slides; use "Patient A", age range only.']}])))
    out.append(('negative', 'office-hidden-parts', 'docx-header', docx(LETTER, header=['%s — Direction des services professionnels — Formulaire DSP-014 (rév. 2026-03)' % R.choice(ESTAB)], footer=['Confidentiel lorsque rempli — Page 1'])))
    out.append(('negative', 'office-hidden-parts', 'docx-footer', docx(LETTER, footer=['Archives médicales : 514 555-0142 — téléc. 514 555-0143 — local B-1120'])))
    out.append(('negative', 'office-hidden-parts', 'docx-comment', docx(LETTER, comment=(2, 'Marcoux, Julie', ['Revoir la formulation avec le contentieux.', 'Ajouter la case NAM : ____ ____ ____'])))) 
    out.append(('negative', 'office-hidden-parts', 'docx-tracked-insertion', docx(LETTER, ins=(1, 'Hamelin, Pierre-Luc', 'Toute demande doit être acheminée par la messagerie sécurisée.'))))
    out.append(('negative', 'office-hidden-parts', 'docx-footnote', docx(LETTER, footnote=(2, ['Loi sur les services de santé et les services sociaux, RLRQ c. S-4.2, art. 19.']))))
    out.append(('negative', 'office-hidden-parts', 'xlsx-hidden-sheet', xlsx([('Commande', neg_rows('inventory'), None), ('Codes', [['Code', 'Unité'], ['7N', 'Médecine'], ['4S', 'Chirurgie'], ['SI', 'Soins intensifs']], 'hidden')])))
    out.append(('negative', 'office-hidden-parts', 'xlsx-cell-comment', xlsx([('Stats', neg_rows('stats'), None)], comments=(0, [('C3', 'Roy, Sophie', 'Chiffre à valider avec le pilote du DCI.')]))))
    out.append(('negative', 'office-hidden-parts', 'pptx-speaker-notes', pptx([{'title': 'Bilan budgétaire 2026', 'lines': ['Dépenses', 'Projets'], 'notes': ['Mentionner le dépassement de 3 % en fournitures.', 'Rappeler la date de la prochaine réunion : 2027-01-19.']}])))
    res = []
    for lab, cat, slug, data in out:
        ext = slug.split('-')[0]; ct = {'docx': DOCX_CT, 'xlsx': XLSX_CT, 'pptx': PPTX_CT}[ext]
        res.append((lab, cat, slug, mail_with([att(data, ct, R.choice(['Lettre', 'Document1', 'Suivi', 'Gabarit', 'Presentation1']) + '.' + ext)])))
    return res

def cat_fillable():
    out = []
    cfg = [(False, True, False), (True, True, False), (False, False, True), (True, True, True), (False, True, False), (True, False, False)]
    for i, (objstm, flate, hexm) in enumerate(cfg):
        p = person(); dx, med = R.choice(DX_FR); s = staff()
        t = i % 3
        if t == 0:
            title = 'Requête de consultation en spécialité'
            f = [('Nom du patient', 'nom', '%s, %s' % (p.surname, p.given)), ('Date de naissance', 'ddn', dfmt(p.dob)), (nam_label(), 'nam', nam_fmt(p)),
                 ('Raison de consultation', 'raison', '%s (suivi urgent)' % dx), ('Médication', 'meds', med), ('Médecin référent', 'ref', '%s %s %s' % s[:3])]
        elif t == 1:
            title = 'Déclaration MADO — formulaire AS-770'
            f = [('Nom, prénom', 'nomprenom', '%s %s' % (p.surname.upper(), p.given)), (mrn_label(), 'dossier', p.mrn), ('Sexe', 'sexe', p.sex),
                 ('Maladie', 'maladie', R.choice(MADO)), ('Date de prélèvement', 'date', dfmt(rdate())), ('Déclarant', 'declarant', '%s %s %s' % s[:3])]
        else:
            title = 'Consent form / Formulaire de consentement'
            f = [('Patient name / Nom', 'patient', '%s %s' % (p.given, p.surname)), ('DOB / DDN', 'dob', dfmt(p.dob, 'en')), ('Procedure / Intervention', 'proc', 'Colonoscopie avec biopsie (\\ polype 12 mm)'),
                 ('Diagnosis / Diagnostic', 'dx', dx), ('Chart # / Dossier', 'chart', p.mrn), ('Physician / Médecin', 'md', '%s %s' % (s[0], s[2]))]
        out.append(('positive', 'fillable-pdf', 'acroform-%s%s%s' % ('objstm' if objstm else 'classic', '-flate' if flate else '', '-utf16' if hexm else ''), mail_with([att(form_pdf(title, f, objstm, flate, hexm), 'application/pdf', R.choice(['formulaire.pdf', 'Formulaire_rempli.pdf', 'AS-770.pdf', 'form.pdf']))])))
    for i, (objstm, flate, hexm) in enumerate(cfg):
        t = i % 3
        if t == 0:
            title = 'Requête de consultation en spécialité'
            vals = [None, '', 'AAAA-MM-JJ', None, '', '']
            f = [(a, b, vals[k]) for k, (a, b) in enumerate([('Nom du patient', 'nom'), ('Date de naissance', 'ddn'), ('NAM', 'nam'), ('Raison', 'raison'), ('Médication', 'meds'), ('Médecin', 'ref')])]
            f[2] = ('NAM', 'nam', 'XXXX 0000 0000')
        elif t == 1:
            title = 'Demande d\'inscription à une formation'
            f = [('Nom de l\'employé', 'nom', '%s %s' % (R.choice(GIVEN_F), R.choice(SURNAMES))), ('Matricule', 'matricule', '%06d' % R.randint(1000, 999999)), ('Service', 'service', 'Soins intensifs'),
                 ('Formation', 'formation', 'RCR — Soins avancés (ACLS)'), ('Date souhaitée', 'date', dfmt(rdate())), ('Poste téléphonique', 'poste', '2%04d' % R.randint(0, 9999))]
        else:
            title = 'Réquisition de matériel / Equipment request'
            f = [('Demandeur', 'dem', '%s %s %s' % staff()[:3]), ('Unité / Unit', 'unit', '7N — chambre 7N-%03d' % R.randint(1, 40)), ('Article', 'item', 'Pompe volumétrique (réf. CARD 4412 9081)'),
                 ('Quantité', 'qty', '2'), ('Centre de coûts', 'cc', '6%05d' % R.randint(0, 99999)), ('Date', 'date', dfmt(rdate()))]
        out.append(('negative', 'fillable-pdf', 'acroform-%s%s%s' % ('objstm' if objstm else 'classic', '-flate' if flate else '', '-utf16' if hexm else ''), mail_with([att(form_pdf(title, f, objstm, flate, hexm), 'application/pdf', R.choice(['formulaire.pdf', 'Formulaire_rempli.pdf', 'AS-770.pdf', 'form.pdf']))])))
    return out

def legacy_sources():
    srcs = []
    for i in range(2):
        p = person(); srcs.append(('positive', 'doc', 'docx', docx(clin_doc(p, kind=['consult', 'conge'][i]))))
    for i in range(2):
        srcs.append(('positive', 'xls', 'xlsx', xlsx([('Liste', patient_rows(5 + i), None)])))
    srcs.append(('positive', 'doc', 'docx', docx(clin_doc(person(), lang='en'))))
    p = person(); d = clin_doc(p)
    srcs.append(('positive', 'ppt', 'pptx', pptx([{'title': d[1], 'lines': d[2:9]}])))
    for i in range(2):
        srcs.append(('negative', 'doc', 'docx', docx(neg_doc(['policy', 'minutes'][i]))))
    for i in range(2):
        srcs.append(('negative', 'xls', 'xlsx', xlsx([('Feuil1', neg_rows(['roster', 'inventory'][i]), None)])))
    srcs.append(('negative', 'xls', 'xlsx', xlsx([('Feuil1', neg_rows('stats'), None), ('Masqué', [['Code', 'Libellé'], ['7N', 'Médecine']], 'hidden')])))
    d = neg_doc('training'); srcs.append(('negative', 'ppt', 'pptx', pptx([{'title': d[1], 'lines': d[2:]}])))
    return srcs

def convert_legacy(srcs):
    if not shutil.which('soffice'): return None
    tmp = tempfile.mkdtemp(prefix='.lo-tmp-', dir=HERE)
    try:
        prof = os.path.join(tmp, 'profile'); os.makedirs(prof)
        env = dict(os.environ, SOURCE_DATE_EPOCH='1764497700', TZ='UTC', HOME=tmp)
        res = []
        byext = {}
        for k, (lab, tgt, ext, data) in enumerate(srcs):
            fn = os.path.join(tmp, 'f%02d.%s' % (k, ext)); open(fn, 'wb').write(data); byext.setdefault(tgt, []).append(fn)
        for tgt, fns in byext.items():
            subprocess.run(['soffice', '-env:UserInstallation=file://' + prof, '--headless', '--norestore', '--convert-to', tgt, '--outdir', os.path.join(tmp, 'out')] + fns,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=True)
        for k, (lab, tgt, ext, data) in enumerate(srcs):
            res.append(open(os.path.join(tmp, 'out', 'f%02d.%s' % (k, tgt)), 'rb').read())
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

def cat_legacy():
    srcs = legacy_sources()
    conv = convert_legacy(srcs)
    if conv is None: return []
    ct = {'doc': 'application/msword', 'xls': 'application/vnd.ms-excel', 'ppt': 'application/vnd.ms-powerpoint'}
    out = []
    for (lab, tgt, ext, _), data in zip(srcs, conv):
        out.append((lab, 'legacy-office', '%s-binary' % tgt, mail_with([att(data, ct[tgt], R.choice(['Document1', 'Rapport', 'Liste', 'Suivi']) + '.' + tgt)])))
    return out

def rtf_body_mail(data):
    m, n = new_msg(None)
    m = MIMEBase('text', 'rtf'); m.set_param('charset', 'us-ascii'); m.set_payload(data.decode('ascii')); m['Content-Transfer-Encoding'] = '7bit'
    headers(m, n)
    return finish(m, n)

def cat_rtf():
    out = []
    cts = ['application/rtf', 'text/rtf', 'application/octet-stream', 'application/rtf', None, None]
    for i, ct in enumerate(cts):
        p = person(); d = clin_doc(p)
        table = [['Analyse', 'Résultat', 'Unité', 'Réf.'], ['Potassium', '6,1', 'mmol/L', '3,5–5,0'], ['Créatinine', '212', 'µmol/L', '50–100']] if i % 2 == 0 else None
        data = rtf(d, table, umode=(i % 2 == 1))
        if ct: out.append(('positive', 'rich-text', 'rtf-attach-%s' % ct.split('/')[1], mail_with([att(data, ct, R.choice(['note.rtf', 'Document.rtf', 'resume.rtf', 'lettre.rtf']))])))
        else: out.append(('positive', 'rich-text', 'rtf-body', rtf_body_mail(data)))
    for i, ct in enumerate(cts):
        d = neg_doc(['policy', 'blank', 'minutes', 'inventory', 'newsletter', 'blank'][i])
        table = [['Unité', 'Admissions', 'DMS'], ['7N', '142', '6,2 j'], ['4S', '118', '4,9 j']] if i % 2 == 0 else None
        data = rtf(d, table, umode=(i % 2 == 1))
        if ct: out.append(('negative', 'rich-text', 'rtf-attach-%s' % ct.split('/')[1], mail_with([att(data, ct, R.choice(['note.rtf', 'Document.rtf', 'resume.rtf', 'lettre.rtf']))])))
        else: out.append(('negative', 'rich-text', 'rtf-body', rtf_body_mail(data)))
    return out

def enc_text(s, enc):
    if enc == 'utf-16le-bom': return b'\xff\xfe' + s.encode('utf-16-le')
    if enc == 'utf-16be-bom': return b'\xfe\xff' + s.encode('utf-16-be')
    if enc == 'utf-16le': return s.encode('utf-16-le')
    if enc == 'utf-16be': return s.encode('utf-16-be')
    if enc == 'utf-32le-bom': return b'\xff\xfe\x00\x00' + s.encode('utf-32-le')

def cat_unicode():
    out = []
    cfg = [('utf-16le-bom', 'txt'), ('utf-16be', 'csv'), ('utf-32le-bom', 'txt'), ('utf-16le', 'tsv'), ('utf-16be-bom', 'csv'), ('utf-16le-bom', 'tsv')]
    for i, (enc, kind) in enumerate(cfg):
        if kind == 'txt': s = '\r\n'.join(clin_doc()) + '\r\n'
        else: s = csv_text(patient_rows(6, R.choice(['fr', 'en'])), '\t' if kind == 'tsv' else ';')
        fn = R.choice(['export', 'extraction_DCI', 'liste', 'rapport']) + ('.txt' if kind != 'csv' else '.csv')
        out.append(('positive', 'unicode-text', '%s-%s' % (enc, kind), mail_with([att(enc_text(s, enc), 'text/plain' if kind != 'csv' else 'text/csv', fn)])))
    for i, (enc, kind) in enumerate(cfg):
        if kind == 'txt': s = '\r\n'.join(neg_doc(['policy', 'blank'][i % 2])) + '\r\n'
        else: s = csv_text(neg_rows(), '\t' if kind == 'tsv' else ';')
        fn = R.choice(['export', 'extraction_DCI', 'liste', 'rapport']) + ('.txt' if kind != 'csv' else '.csv')
        out.append(('negative', 'unicode-text', '%s-%s' % (enc, kind), mail_with([att(enc_text(s, enc), 'text/plain' if kind != 'csv' else 'text/csv', fn)])))
    return out

def cat_archives():
    out = []
    def pos_files():
        return [('lisez-moi.txt', b'Fichiers extraits pour la revue.\r\n'), (R.choice(['liste.csv', 'patients_7N.csv', 'extraction.csv']), csv_text(patient_rows(5)).encode('utf-8')),
                ('note.txt', '\r\n'.join(clin_doc()).encode('cp1252', 'replace'))]
    def neg_files():
        return [('lisez-moi.txt', b'Fichiers extraits pour la revue.\r\n'), (R.choice(['horaire.csv', 'commande.csv', 'stats.csv']), csv_text(neg_rows()).encode('utf-8')),
                ('note.txt', '\r\n'.join(neg_doc()).encode('cp1252', 'replace'))]
    for lab, files in (('positive', pos_files), ('negative', neg_files)):
        f = files(); out.append((lab, 'archives', 'zip', mail_with([att(zip_bytes(f), 'application/zip', 'documents.zip')])))
        f = files(); inner = zip_bytes(f[1:]); out.append((lab, 'archives', 'nested-zip', mail_with([att(zip_bytes([(f[0][0], f[0][1]), ('envoi/archive_interne.zip', inner)]), 'application/zip', 'envoi.zip')])))
        f = files(); out.append((lab, 'archives', 'tar', mail_with([att(tar_bytes([('export/' + a, b) for a, b in f]), 'application/x-tar', 'export.tar')])))
        f = files(); out.append((lab, 'archives', 'tar-gz', mail_with([att(tar_bytes([('export/' + a, b) for a, b in f], gz=True), 'application/gzip', 'export.tar.gz')])))
        f = files(); out.append((lab, 'archives', 'gz', mail_with([att(gz_bytes(f[1][1], f[1][0]), 'application/gzip', f[1][0] + '.gz')])))
        f = files(); out.append((lab, 'archives', 'zip-in-tar-gz', mail_with([att(tar_bytes([('a/docs.zip', zip_bytes(f))], gz=True), 'application/octet-stream', 'paquet.tgz')])))
    return out

from email.header import Header
def cat_encodings():
    out = []
    def qp_mail(text, cs):
        m, n = new_msg(None); c = Charset(cs); c.body_encoding = QP; c.header_encoding = QP
        text = text.encode(cs, 'replace').decode(cs).replace('?', '-') if cs == 'iso-8859-1' else text
        m = MIMEText(text, 'plain', c); headers(m, n); return finish(m, n)
    def b64_mail(text):
        m, n = new_msg(None); c = Charset('utf-8'); c.body_encoding = BASE64
        m = MIMEText(text, 'plain', c); headers(m, n); return finish(m, n)
    def subj_mail(subject, cs, qenc):
        m, n = new_msg(None); m = MIMEText(cover_text(), 'plain', 'utf-8')
        c = Charset(cs); c.header_encoding = QP if qenc else BASE64
        if cs == 'iso-8859-1': subject = subject.replace('—', '-')
        headers(m, n, Header(subject, c)); return finish(m, n)
    def html_mail(lines):
        m, n = new_msg(None); c = Charset('utf-8'); c.body_encoding = BASE64
        h = '<html><body><table border="1" cellpadding="3">' + ''.join('<tr><td>%s</td></tr>' % xe(l).replace('é', '&eacute;') for l in lines) + '</table></body></html>'
        m = MIMEText(h, 'html', c); headers(m, n); return finish(m, n)
    def fn_mail(fname):
        m, n = new_msg(); headers(m, n); m.attach(MIMEText(cover_text(), 'plain', 'utf-8'))
        a = att(b'%PDF-1.4\n% page de garde\n' if False else 'Page de garde — document numérisé.\r\n'.encode('utf-8'), 'text/plain', None, ('utf-8', 'fr', fname)); m.attach(a); return finish(m, n)
    # positives
    p = person(); out.append(('positive', 'encodings', 'qp-latin1-body', qp_mail('\n'.join(clin_doc(p, lang='fr')) + '\n', 'iso-8859-1')))
    p = person(); out.append(('positive', 'encodings', 'base64-utf8-body', b64_mail('\n'.join(clin_doc(p)) + '\n')))
    p = person(); out.append(('positive', 'encodings', 'rfc2047-b-subject', subj_mail('Résultat HbA1c %s %s (DDN %s) : 9,4 %% — à rappeler' % (p.given, p.surname, dfmt(p.dob)), 'utf-8', False)))
    p = person(); out.append(('positive', 'encodings', 'rfc2047-q-subject', subj_mail('Congé de %s, %s (%s %s) — pneumonie, antibio à poursuivre' % (p.surname.upper(), p.given, mrn_label(), p.mrn), 'iso-8859-1', True)))
    p = person(); out.append(('positive', 'encodings', 'rfc2231-filename', fn_mail('Pathologie - %s %s - %s - carcinome canalaire.txt' % (p.surname, p.given, nam_fmt(p)))))
    p = person(); out.append(('positive', 'encodings', 'qp-cp1252-body', qp_mail('\n'.join(clin_doc(p, lang='en')) + '\n', 'windows-1252')))
    p = person(); out.append(('positive', 'encodings', 'base64-utf8-html-body', html_mail(clin_doc(p))))
    out.append(('negative', 'encodings', 'base64-utf8-html-body', html_mail(neg_doc('minutes'))))
    # negatives
    out.append(('negative', 'encodings', 'qp-latin1-body', qp_mail('\n'.join(neg_doc('policy')) + '\n', 'iso-8859-1')))
    out.append(('negative', 'encodings', 'base64-utf8-body', b64_mail('\n'.join(neg_doc('roster')) + '\n')))
    out.append(('negative', 'encodings', 'rfc2047-b-subject', subj_mail('Horaire des Fêtes — équipe 7 Nord (matricules à vérifier)', 'utf-8', False)))
    out.append(('negative', 'encodings', 'rfc2047-q-subject', subj_mail('Réunion du comité qualité — procès-verbal du 2026-11-17', 'iso-8859-1', True)))
    out.append(('negative', 'encodings', 'rfc2231-filename', fn_mail('Procès-verbal comité — décembre — version révisée.txt')))
    out.append(('negative', 'encodings', 'qp-cp1252-body', qp_mail('\n'.join(neg_doc('stats')) + '\n', 'windows-1252')))
    return out

def cat_tnef():
    out = []
    for i in range(6):
        p = person(); d = '\n'.join(clin_doc(p)); mode = i % 3
        if mode == 0: t = tnef('Document', body='Voir pièce jointe.', attachments=[(R.choice(['note.txt', 'resume.txt']), d.replace('\n', '\r\n').encode('cp1252', 'replace'))])
        elif mode == 1: t = tnef('Suivi', body=d)
        else: t = tnef('Pour info', msgprops_body=d)
        out.append(('positive', 'tnef', 'winmail-%s' % ['attachment', 'attbody', 'pr-body'][mode], tnef_mail(t)))
    for i in range(6):
        d = '\n'.join(neg_doc()); mode = i % 3
        if mode == 0: t = tnef('Document', body='Voir pièce jointe.', attachments=[(R.choice(['note.txt', 'resume.txt']), d.replace('\n', '\r\n').encode('cp1252', 'replace'))])
        elif mode == 1: t = tnef('Suivi', body=d)
        else: t = tnef('Pour info', msgprops_body=d)
        out.append(('negative', 'tnef', 'winmail-%s' % ['attachment', 'attbody', 'pr-body'][mode], tnef_mail(t)))
    return out

def tnef_mail(t):
    p = MIMEBase('application', 'ms-tnef'); p.set_payload(t); encoders.encode_base64(p); p.add_header('Content-Disposition', 'attachment', filename='winmail.dat'); p.set_param('name', 'winmail.dat')
    return mail_with([p])

# ---------------------------------------------------------------- main
DESC = {
    'screenshot': 'PNG captures of invented EHR screens (1200–1600 px, 13–22 px DejaVu text); patient banner with name/DOB/NAM or file no. vs. "no patient selected", lock screen, dashboards',
    'scan': 'greyscale JPEG photos/scans of paper forms, 150/200 dpi, skew, uneven lighting, noise, blur; some stored rotated with EXIF Orientation 6/8/3',
    'inline-image': 'Outlook-style multipart/related HTML with a cid: picture (screen capture or photo of paper); the data is only in the picture',
    'small-images': 'logos, 1×1 tracking GIF, social icons, signature images with staff phone/licence numbers (negatives only)',
    'scanned-pdf': 'hand-written image-only PDFs (no text layer), 1–3 pages, DCTDecode grey, Flate 8-bit grey, Flate 1-bit',
    'fax-tiff': 'bilevel TIFF faxes 1728 px wide, 204×196 dpi, CCITT G3/G4 (libtiff), fax header line, speckle, 1–3 pages (cover page first)',
    'office-embedded-image': 'docx/xlsx/pptx (hand-written OOXML) whose only sensitive content is an embedded PNG/JPEG',
    'office-hidden-parts': 'docx header / footer / comment / tracked insertion / footnote, xlsx hidden and veryHidden sheet / cell comment (with VML note), pptx speaker notes (FR and EN); visible body is a harmless template or budget table',
    'fillable-pdf': 'AcroForm PDFs, values only in field /V (literal strings with escapes, UTF-16BE hex), classic xref or object stream + xref stream, Flate or plain content',
    'legacy-office': '.doc/.xls/.ppt converted by LibreOffice headless from generated OOXML',
    'rich-text': 'RTF with \\\'e9 and \\uN? escapes and tables, as application/rtf, text/rtf, application/octet-stream attachments and as a single-part text/rtf body',
    'unicode-text': '.txt/.csv/tab-delimited exports in UTF-16LE/BE with and without BOM, UTF-32LE with BOM',
    'archives': 'zip, nested zip, tar, tar.gz, .gz, zip inside .tgz (fixed timestamps)',
    'encodings': 'data only in a QP ISO-8859-1 / windows-1252 body, a base64 UTF-8 plain or HTML body, an RFC 2047 B or Q subject, or an RFC 2231 filename',
    'tnef': 'winmail.dat (application/ms-tnef) with attribute checksums: attAttachData, attBody, or PR_BODY in attMsgProps',
}

def main():
    os.chdir(HERE)
    for d in ('positive', 'negative'):
        if os.path.isdir(d): shutil.rmtree(d)
        os.makedirs(d)
    items = []
    for fn in [cat_screenshot, cat_scan, cat_inline, cat_small, cat_scanned_pdf, cat_fax, cat_office_img, cat_hidden, cat_fillable, cat_legacy, cat_rtf, cat_unicode, cat_archives, cat_encodings, cat_tnef]:
        items += fn()
    cnt = {'positive': 0, 'negative': 0}; rows = []; per = {}
    for lab, cat, slug, data in items:
        cnt[lab] += 1
        path = '%s/%03d-%s-%s.eml' % (lab, cnt[lab], cat, slug)
        with open(path, 'wb') as f: f.write(data)
        rows.append((path, lab, cat)); per.setdefault(cat, {'positive': 0, 'negative': 0})[lab] += 1
    with open('labels.csv', 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n'); w.writerow(['file', 'label', 'category']); w.writerows(rows)
    write_readme(per, cnt)

def write_readme(per, cnt):
    t = ['**WARNING — HELD-OUT CORPUS. Never tune, train, calibrate or write rules against these messages, and never copy them (or pieces of them) into training, fixtures or other corpora. They exist only to measure the Sentinelle guard on mail nobody tuned it on.**', '',
         '# Held-out corpus "forms" — eleventh author', '',
         'Written by the eleventh author, independently: the guard\'s code, rules and the other corpora (`/work/main`, `/work/shared`) were **not** read. Everything was written from the task description only.',
         'All people, birth dates, identifiers, phone numbers and establishments are invented (e.g. "CHU du Val-des-Cèdres", "CISSS de la Rivière-aux-Brumes"). No real patient data.', '',
         '## Layout', '', '- `generate.py` — builds everything deterministically (seed 20261207, fixed Date/Message-ID/MIME boundaries, fixed zip/tar/gzip timestamps, LibreOffice run with `SOURCE_DATE_EPOCH` and a fresh temporary profile).',
         '- `positive/NNN-<category>-<slug>.eml`, `negative/NNN-<category>-<slug>.eml` — one RFC 5322 message each, CRLF line endings, hospital-like sender (`@chum.test`, `@cisss-exemple.test`, `@ssss.gouv.qc.ca`, …) and an outside recipient (`@gmail.com`, `@outlook.com`, `@videotron.test`, …). Subjects, cover texts, attachment names and boundaries come from the same pools for both labels; only file names here describe content.',
         '- `labels.csv` — `file,label,category`, paths relative to this folder.', '',
         '## Labels', '', '- **positive**: the message carries confidential data about an identifiable patient — a Quebec health-insurance number (NAM), a hospital file number (labelled *No dossier*, *N° de dossier*, *Dossier no*, *# dossier*, *MRN*, *Chart #*, …), or a named/dated person with health information (diagnosis, medication, results, admission/discharge, consent, notifiable disease/MADO, HIV status…). The cover text is harmless; the data sits only in the hard-to-read part named by the category (for `encodings` the encoded body/subject/filename *is* that part).',
         '- **negative**: similar-looking mail with no patient data — blank templates with placeholders (`XXXX 0000 0000`, `AAAA-MM-JJ`, `[____ ____ ____]`), aggregate statistics (including aggregated MADO counts), staff schedules with *matricules* and pager numbers, purchase orders with 4-letter+8-digit product codes (`MEDP 4471 2209`, `BDXL44712209`), lot numbers, policies that talk about the NAM, minutes, training material, newsletters, directories with phone/fax/room numbers, physicians\' CMQ licence numbers, logos/signatures/tracking pixels.', '',
         '## Categories', '', '| category | pos | neg | what is inside |', '|---|---|---|---|']
    for c in DESC:
        if c in per: t.append('| %s | %d | %d | %s |' % (c, per[c]['positive'], per[c]['negative'], DESC[c].replace('|', '/')))
    t += ['| **total** | **%d** | **%d** | |' % (cnt['positive'], cnt['negative']), '',
          'Not produced: `.7z` archives (no 7-Zip tool or py7zr installed, so a written archive could not be verified by reading it back).' + ('' if 'legacy-office' in per else ' `legacy-office` skipped: soffice not found.'), '',
          '## Verification done by the author', '',
          '- every message parses with Python\'s `email` module, has exactly one MIME-Version, CRLF line endings only; `labels.csv` lists every file exactly once;',
          '- PDFs pass `qpdf --check`; scanned PDFs have no text layer (`pdftotext` returns nothing), AcroForm values exist only as field `/V` entries;',
          '- TIFFs reopen with Pillow as 1-bit, 1728 px wide, group3/group4, 204×196 dpi; JPEG EXIF orientation verified with `ImageOps.exif_transpose`;',
          '- hand-written docx/xlsx/pptx and the converted .doc/.xls/.ppt open in LibreOffice 7.4; winmail.dat files parse with `tnef 1.4.18 --debug` (attAttachData extracted, attBody saved; PR_BODY in attMsgProps is decoded by `--debug` but not written by `--save-body`);',
          '- two runs of `generate.py` give byte-identical output (sha256). The two .ppt files are ~0.8 MB each because LibreOffice stores an uncompressed preview in SummaryInformation.', '',
          '## Identifiers and look-alikes', '',
          '- NAM = 3 first letters of the surname (accents, hyphens, apostrophes, spaces removed; padded with X: `Ng`→`NGX`, `Lê`→`LEX`, `O\'Neil`→`ONE`, `De La Durantaye`→`DEL`) + first letter of the given name + YY + MM (+50 for women) + DD + 2 digits; always consistent with the invented birth date and sex. Written `ABCD 1234 5678`, `ABCD12345678`, `ABCD-1234-5678` or `ABCD 12345678`, labelled NAM, No RAMQ, No d\'assurance maladie, HIN, Health insurance no., Medicare (RAMQ)….',
          '- File numbers: 5–8 digits (zero-padded), `H1234567`, `12-34-56`.',
          '- Dates: ISO, dd/mm/yyyy, yyyy/mm/dd, spelled-out French (`12 février 1968`) and English (`February 12, 1968`, `12 Feb 1968`).',
          '- Look-alikes in negatives: employee numbers (6 digits), pager/phone/fax numbers, CMQ licences `1-12345`, rooms `7N-714`, PO numbers, cost centres, product codes shaped like a NAM, placeholder NAMs.', '',
          '## Regenerate', '', 'From the repository root: `python3 tests/holdout/forms/generate.py` (paths are relative to the script; needs Pillow with libtiff and DejaVu fonts, and LibreOffice `soffice` for `legacy-office`). Output is byte-identical between runs.', '']
    open('README.md', 'w').write('\n'.join(t))

if __name__ == '__main__':
    main()
