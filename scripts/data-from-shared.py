#!/usr/bin/env python3
"""Developer tool (not used at build or run time): derives the files in data/ from the public
sources in ../shared/data (see ../shared/data/SOURCES.md). Run it again when those sources change;
review the diff. Python is fine here; suivi itself never runs Python."""
import csv, json, os, shutil, sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data')
DATA = os.path.join(os.path.dirname(__file__), '..', 'data')

def out(path):
    return open(os.path.join(DATA, path), 'w', newline='', encoding='utf-8')

# --- SDG framework (MIT) ---------------------------------------------------------------------
shutil.copy(os.path.join(SHARED, 'sdg', 'sdg_framework_en_fr_es.csv'), os.path.join(DATA, 'sdg', 'sdg_framework_en_fr_es.csv'))
shutil.copy(os.path.join(SHARED, 'sdg', 'LICENSE.txt'), os.path.join(DATA, 'sdg', 'LICENSE.txt'))

# --- Countries (ODbL): UN members + the two observer States ------------------------------------
members = list(csv.DictReader(open(os.path.join(SHARED, 'countries', 'un_member_states_en_fr_es.csv'), encoding='utf-8')))
world = {c['cca3']: c for c in json.load(open(os.path.join(SHARED, 'countries', 'countries.json'), encoding='utf-8'))}
rows = []
for m in members:
    rows.append([m['iso3'], m['iso2'], m['m49'], m['name_en'], m['name_fr'], m['name_es'],
                 m['official_en'], m['official_fr'], m['official_es'], m['un_regional_group_abbr'], 'member'])
OBSERVERS = {'PSE': ('AG', 'State of Palestine', 'État de Palestine', 'Estado de Palestina'),
             'VAT': ('WEOG', 'Holy See', 'Saint-Siège', 'Santa Sede')}
for iso3, (grp, en, fr, es) in OBSERVERS.items():
    c = world[iso3]
    rows.append([iso3, c['cca2'], c['ccn3'], en, fr, es, en, fr, es, grp, 'observer'])
with out('countries/countries.csv') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['iso3', 'iso2', 'm49', 'name_en', 'name_fr', 'name_es', 'official_en', 'official_fr',
                'official_es', 'regional_group', 'status'])
    w.writerows(rows)

variants = {}
def add(name, iso3):
    name = name.strip()
    if name and name.lower() not in variants:
        variants[name.lower()] = (name, iso3)
for r in rows:
    for n in r[3:9]:
        add(n, r[0])
    c = world.get(r[0])
    if c:
        for n in c.get('altSpellings', []):
            if len(n) > 3:
                add(n, r[0])
        add(c['name']['common'], r[0])
        add(c['name']['official'], r[0])
        for lang in ('fra', 'spa'):
            t = c.get('translations', {}).get(lang)
            if t:
                add(t['common'], r[0]); add(t['official'], r[0])
# Names used by UPR Info and in UN documents that none of the above spell the same way.
HAND = {'Bosnia & Herzegovina': 'BIH', 'DPR Korea': 'PRK', 'Laos': 'LAO', 'Macedonia FYR': 'MKD',
        'St Kitts & Nevis': 'KNA', 'St Vincent & the Grenadines': 'VCT', 'Sao Tome & Principe': 'STP',
        'Trinidad & Tobago': 'TTO', 'Swaziland': 'SWZ', 'Cape Verde': 'CPV', "Cote d'Ivoire": 'CIV',
        'Democratic Republic of Congo': 'COD', 'Republic of Congo': 'COG', 'Guinea Bissau': 'GNB',
        'Iran': 'IRN', 'Syria': 'SYR', 'Tanzania': 'TZA', 'Venezuela': 'VEN', 'Bolivia': 'BOL',
        'Micronesia': 'FSM', 'Moldova': 'MDA', 'Palestine': 'PSE', 'Holy See': 'VAT',
        'Republic of Korea': 'KOR', 'Viet Nam': 'VNM', 'Russian Federation': 'RUS',
        'United Kingdom': 'GBR', 'United States': 'USA', 'Brunei Darussalam': 'BRN',
        'Timor-Leste': 'TLS', 'Czech Republic': 'CZE', 'Turkey': 'TUR', 'Türkiye': 'TUR',
        'The former Yugoslav Republic of Macedonia': 'MKD', 'Republic of Moldova': 'MDA',
        'United Kingdom of Great Britain and Northern Ireland': 'GBR',
        'United States of America': 'USA', 'Bolivia (Plurinational State of)': 'BOL',
        'Venezuela (Bolivarian Republic of)': 'VEN', 'Iran (Islamic Republic of)': 'IRN',
        'Syrian Arab Republic': 'SYR', 'United Republic of Tanzania': 'TZA',
        "Lao People's Democratic Republic": 'LAO', "Democratic People's Republic of Korea": 'PRK',
        'Micronesia (Federated States of)': 'FSM', 'State of Palestine': 'PSE', 'Eswatini': 'SWZ',
        'Cabo Verde': 'CPV', 'St Lucia': 'LCA', 'Saint Lucia': 'LCA', 'North Macedonia': 'MKD', 'Congo': 'COG', 'Czechia': 'CZE'}
for n, iso3 in HAND.items():
    variants[n.lower()] = (n, iso3)
with out('countries/name_variants.csv') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['name', 'iso3'])
    for key in sorted(variants):
        w.writerow(variants[key])
shutil.copy(os.path.join(SHARED, 'countries', 'LICENSE-ODbL.txt'), os.path.join(DATA, 'countries', 'LICENSE-ODbL.txt'))

# --- UHRI vocabularies (labels are OHCHR's) ---------------------------------------------------
for name in ('uhri_themes', 'uhri_affected_persons', 'uhri_bodies', 'uhri_sdg_labels'):
    shutil.copy(os.path.join(SHARED, 'uhri-vocabulary', name + '.csv'), os.path.join(DATA, 'uhri', name + '.csv'))
print('data/ written from', SHARED)
