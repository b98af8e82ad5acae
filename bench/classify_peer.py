#!/usr/bin/python3
"""classify_peer.py — the scikit-learn peer suivi's classifier is measured against (make bench).

  classify_peer.py fit-predict TRAIN.csv TEST.csv TEXT_COL LABEL_COL ID_COL PRED.csv
      TF-IDF word 1-2-grams + one-vs-rest LinearSVC (scikit-learn defaults, decision > 0),
      trained on TRAIN, predicting TEST; writes PRED.csv (id,labels) and prints the seconds
      spent in fit + predict (CSV reading and writing excluded).
  classify_peer.py score GOLD.csv LABEL_COL PRED.csv
      micro/macro F1, precision, recall of PRED against GOLD, the way `suivi classify eval`
      computes them (macro over the labels present in GOLD), so both tools are scored alike.
  classify_peer.py prepare SHARED_DATA DATA_DIR OUT_DIR
      the splits `make bench` measures on: UPR Info sessions 1-13 / 14-17 (Accepted and
      Noted rows; upr_train.csv, upr_test.csv) and the OHCHR thematic lists for Slovenia,
      cycle 2 / cycle 3 (svn_train.csv, svn_test.csv), their labels written as suivi's
      vocabularies name them (leading UHRI codes dropped, data/aliases.csv applied), so that
      both tools learn and are scored on the same labels.

Labels are '|'-separated, spaces around each trimmed. Run with Debian's /usr/bin/python3.
"""
import csv
import os
import re
import sys
import time
import unicodedata


def labels_of(cell):
    return [x.strip() for x in cell.split('|') if x.strip()]


def read(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def fit_predict(train, test, text_col, label_col, id_col, out):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC
    tr, te = read(train), read(test)
    t0 = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2))
    x = vec.fit_transform([r[text_col] for r in tr])
    mlb = MultiLabelBinarizer()
    y = mlb.fit_transform([labels_of(r[label_col]) for r in tr])
    if y.shape[1] == 0:  # no training row has a label: nothing to learn, nothing predicted
        pred = [[] for _ in te]
    else:
        clf = OneVsRestClassifier(LinearSVC()).fit(x, y)
        pred = [row.nonzero()[0] for row in clf.predict(vec.transform([r[text_col] for r in te]))]
    seconds = time.perf_counter() - t0
    with open(out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'labels'])
        for r, row in zip(te, pred):
            w.writerow([r[id_col], '|'.join(mlb.classes_[j] for j in row)])
    print(f'{seconds:.3f}')


def key(name):
    """suivi's comparison key of a label name (text_label_key)."""
    name = re.sub(r'^\s*[A-Z][0-9]{1,3} +(?=\S)', '', name)
    name = unicodedata.normalize('NFKD', name.casefold())
    name = ''.join(c for c in name if not unicodedata.combining(c)).replace('&', ' and ')
    return ' '.join(re.sub(r'[^a-z0-9\u0080-\U0010ffff]+', ' ', name).split())


def vocabulary(data, labels_file, vocab):
    names = {}
    for r in read(os.path.join(data, labels_file)):
        names.setdefault(key(r['label']), r['label'])
    for r in read(os.path.join(data, 'aliases.csv')):
        if r['vocab'] == vocab and key(r['code']) in names:
            names.setdefault(key(r['name']), r['code'])
    return names


def write(path, header, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


def prepare(shared, data, out):
    upr = [r for r in read(os.path.join(shared, 'upr-info/upr_info_sessions_1-17_utf8.csv'))
           if r['response'] in ('Accepted', 'Noted')]
    for name, keep in (('train', lambda s: s <= 13), ('test', lambda s: s >= 14)):
        write(os.path.join(out, f'upr_{name}.csv'), ['id', 'text', 'issues'],
              [[r['id'], r['recommendation'], r['issues']] for r in upr if keep(int(r['session']))])
    vocabs = {'themes': vocabulary(data, 'uhri/uhri_themes.csv', 'uhri_theme'),
              'affected_persons': vocabulary(data, 'uhri/uhri_affected_persons.csv',
                                             'affected_person')}

    def norm(cell, col):
        out = []
        for label in labels_of(cell):
            if col in vocabs:
                label = vocabs[col].get(key(label), re.sub(r'^[A-Z][0-9]{1,3} +', '', label))
            if label not in out:
                out.append(label)
        return '|'.join(out)
    svn = read(os.path.join(shared, 'ohchr-thematic-lists/slovenia_upr_cycles_2_3.csv'))
    cols = ['themes', 'affected_persons', 'sdgs']
    for name, cycle in (('train', '2'), ('test', '3')):
        write(os.path.join(out, f'svn_{name}.csv'), ['id', 'text'] + cols,
              [[f"{r['session']}-{r['paragraph']}", r['text']] + [norm(r[c], c) for c in cols]
               for r in svn if r['cycle'] == cycle])


def score(gold_path, label_col, pred_path):
    gold = [set(labels_of(r[label_col])) for r in read(gold_path)]
    pred = [set(labels_of(r['labels'])) for r in read(pred_path)]
    if len(gold) != len(pred):
        sys.exit(f'score: {len(gold)} gold rows but {len(pred)} predictions')
    tp, fp, fn = {}, {}, {}
    for g, p in zip(gold, pred):
        for x in g & p:
            tp[x] = tp.get(x, 0) + 1
        for x in p - g:
            fp[x] = fp.get(x, 0) + 1
        for x in g - p:
            fn[x] = fn.get(x, 0) + 1
    stp, sfp, sfn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    prec = stp / (stp + sfp) if stp + sfp else 0.0
    rec = stp / (stp + sfn) if stp + sfn else 0.0
    micro = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    present = sorted({x for g in gold for x in g})
    f1s = []
    for x in present:
        a, b, c = tp.get(x, 0), fp.get(x, 0), fn.get(x, 0)
        f1s.append(2 * a / (2 * a + b + c) if a else 0.0)
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    print(f'micro-F1 {micro:.4f}  macro-F1 {macro:.4f}  precision {prec:.4f}  recall {rec:.4f}'
          f'  ({len(gold)} rows, {len(present)} labels)')


if __name__ == '__main__':
    if len(sys.argv) == 8 and sys.argv[1] == 'fit-predict':
        fit_predict(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == 'score':
        score(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == 'prepare':
        prepare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
