#!/usr/bin/env bash
# Tests of automatic tagging from the command line: `suivi classify train|predict|eval` on CSV
# files (the contract outside checks rely on: options, PRED.csv format and order, the eval
# figures, no database), determinism, damaged models; then `suivi tag`, review, `similar` and
# `cluster --similar` on a database of the shipped Slovenian demo lists with the shipped
# models. With ../shared/data, the OHCHR thematic lists check the quality on real tags.
# Prints "PASS name" / "FAIL name" lines; tests/run counts them.
set -u
SUIVI=${SUIVI:-build/suivi}
SHARED=${SUIVI_SHARED_DATA:-../shared/data}
FX=tests/fixtures/classify
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$(tests/cli/dburl "$tmp/t.db")

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then pass "$name"; else fail "$name" "$(head -c 400 "$tmp/out")"; fi; }
refuse() { local name=$1 want=$2; shift 2
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$name" "succeeded"; return; fi
  if grep -qF -- "$want" "$tmp/err"; then pass "$name"; else fail "$name" "stderr: $(head -c 300 "$tmp/err")"; fi; }
eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
# at_least NAME VALUE MIN: VALUE >= MIN (decimals)
at_least() { if awk -v v="$2" -v m="$3" 'BEGIN { exit !(v + 0 >= m + 0) }'; then pass "$1"; else fail "$1" "$2 < $3"; fi; }
figure() { grep -o "$1 [0-9.]*" "$tmp/eval" | awk '{print $2}'; }

# --- classify: the exact command contract, without a database
unset SUIVI_DB
train() { "$SUIVI" classify train --in "$FX/train.csv" --text-column text --label-column labels "$@"; }
check "classify train needs no database" train --model "$tmp/a.model"
check "classify predict" "$SUIVI" classify predict --model "$tmp/a.model" --in "$FX/test.csv" \
  --text-column text --id-column id --out "$tmp/pred.csv"
eq "predict: header is id,labels" "$(head -1 "$tmp/pred.csv")" "id,labels"
eq "predict: one row per input row, in input order" "$(tail -n +2 "$tmp/pred.csv" | cut -d, -f1 | tr '\n' ' ')" \
  "$(tail -n +2 "$FX/test.csv" | cut -d, -f1 | tr '\n' ' ')"
eq "predict: torture is tagged" "$(grep '^q1,' "$tmp/pred.csv" | grep -c 'Torture and other CID treatment')" 1
eq "predict: the death penalty" "$(grep '^q4,' "$tmp/pred.csv" | cut -d, -f2)" "Death penalty"
eq "predict: French text via the French label texts" "$(grep -c "^q6,.*Women's rights" "$tmp/pred.csv")" 1
check "classify eval" bash -c "'$SUIVI' classify eval --model '$tmp/a.model' --in '$FX/test.csv' --text-column text --label-column labels > '$tmp/eval'"
for f in micro-F1 macro-F1 precision recall; do
  eq "eval prints $f" "$(grep -c "$f [0-9]\.[0-9]\{4\}" "$tmp/eval")" 1
done
at_least "eval: micro-F1 on the fixture" "$(figure micro-F1)" 0.6
check "train twice" train --model "$tmp/b.model"
check "same examples, same model, byte for byte" cmp "$tmp/a.model" "$tmp/b.model"
check "predict --scores" "$SUIVI" classify predict --model "$tmp/a.model" --in "$FX/test.csv" \
  --text-column text --id-column id --out "$tmp/scores.csv" --scores
eq "predict --scores adds a column" "$(head -1 "$tmp/scores.csv")" "id,labels,scores"

refuse "train without --model" "give --model" train
refuse "predict without --id-column" "--id-column" "$SUIVI" classify predict --model "$tmp/a.model" \
  --in "$FX/test.csv" --text-column text --out "$tmp/x.csv"
refuse "a missing column is named" 'no column "texte"' "$SUIVI" classify eval --model "$tmp/a.model" \
  --in "$FX/test.csv" --text-column texte --label-column labels
refuse "unknown classify command" "unknown command" "$SUIVI" classify guess
head -c 3000 "$tmp/a.model" > "$tmp/cut.model"
refuse "a truncated model is refused" "truncated" "$SUIVI" classify eval --model "$tmp/cut.model" \
  --in "$FX/test.csv" --text-column text --label-column labels
printf 'not a model at all, just text' > "$tmp/text.model"
refuse "a text file is not a model" "not a suivi model" "$SUIVI" classify eval --model "$tmp/text.model" \
  --in "$FX/test.csv" --text-column text --label-column labels
check "classify --help" bash -c "'$SUIVI' classify --help | grep -q 'classify train'"

# --- real tags: OHCHR thematic lists, cycle 2 -> cycle 3 (skipped without ../shared/data)
SVN=$SHARED/ohchr-thematic-lists/slovenia_upr_cycles_2_3.csv
if [ -f "$SVN" ]; then
  # cycle is the second column; texts hold commas, so split with suivi's own CSV reading:
  # train on everything but evaluate per cycle through eval's row filter-free path.
  check "train UHRI themes on the thematic lists" "$SUIVI" classify train --in "$SVN" \
    --text-column text --label-column themes --model "$tmp/themes.model"
  "$SUIVI" classify eval --model "$tmp/themes.model" --in "$SVN" --text-column text \
    --label-column themes > "$tmp/eval" 2>&1
  at_least "themes: micro-F1 on the training lists" "$(figure micro-F1)" 0.7
  check "train SDGs with --skip-empty" "$SUIVI" classify train --in "$SVN" --text-column text \
    --label-column sdgs --skip-empty --model "$tmp/sdg.model"
else
  echo "skip: $SVN not found"
fi

# --- tag, review, similar, cluster on the demo lists with the shipped models
s() { "$SUIVI" --db "$db" "$@"; }
check "init" s init
check "import the demo lists" s import thematic-list data/demo/slovenia-upr-cycle2-thematic-list.md \
  data/demo/slovenia-upr-cycle3-thematic-list.md
check "tag --field sdgs" bash -c "'$SUIVI' --db '$db' tag --field sdgs > '$tmp/tag.out' 2> '$tmp/tag.err'"
at_least "tag: suggestions printed" "$(wc -l < "$tmp/tag.out")" 50
eq "tag: each line is id, vocab, code, score, reason" "$(awk -F'\t' 'NF != 5' "$tmp/tag.out" | wc -l)" 0
eq "tag: the summary names the field" "$(grep -c '^sdgs: 378 recommendations' "$tmp/tag.err")" 1
rec=$(head -1 "$tmp/tag.out" | cut -f1); code=$(head -1 "$tmp/tag.out" | cut -f3)
eq "tag: a suggestion is not a tag yet" "$(s show "$rec" | grep -c "sdg  *$code \[machine\]")" 0
check "tag list" bash -c "'$SUIVI' --db '$db' tag list --field sdgs --json > '$tmp/list'"
eq "tag list: pending suggestions" "$(grep -c '"review":"pending"' "$tmp/list")" "$(wc -l < "$tmp/tag.out")"
check "tag accept" s tag accept "$rec" sdgs "$code"
eq "accepted: the tag is there, origin machine" "$(s show "$rec" | grep -c "sdg  *$code \[machine\]")" 1
refuse "accept twice" "already accepted" s tag accept "$rec" sdgs "$code"
rec2=$(sed -n 2p "$tmp/tag.out" | cut -f1); code2=$(sed -n 2p "$tmp/tag.out" | cut -f3)
check "tag reject" s tag reject "$rec2" sdgs "$code2"
check "tag again" bash -c "'$SUIVI' --db '$db' tag --field sdgs > '$tmp/tag2.out' 2>/dev/null"
eq "tag again: the rejected one is not suggested again" \
  "$(grep -c "^$rec2	sdg	$code2	" "$tmp/tag2.out")" 0
eq "tag again: the accepted one is not suggested again" "$(grep -c "^$rec	sdg	$code	" "$tmp/tag2.out")" 0
eq "reviews are in the audit trail" "$(s audit --entity recommendation | grep -c 'tag_accept\|tag_reject')" 2
check "tag accept --above" s tag accept --above 2 --field sdgs
check "tag --only-untagged, every field" bash -c "'$SUIVI' --db '$db' tag --only-untagged --quiet 2> '$tmp/all.err'"
eq "every field has a summary" "$(grep -c ' recommendations, ' "$tmp/all.err")" 4
refuse "tag: unknown field" "expected themes, sdgs, groups or issues" s tag --field colours
refuse "tag: review of a missing suggestion" "no suggestion" s tag reject "$rec" sdgs 99

check "similar" bash -c "'$SUIVI' --db '$db' similar --limit 5 SVN-UPR34-121.1 > '$tmp/sim'"
eq "similar: five hits" "$(wc -l < "$tmp/sim")" 5
eq "similar: the same request from other States first" "$(head -1 "$tmp/sim" | grep -c 'SVN-UPR34-121.2\|SVN-UPR20-115.14')" 1
check "similar --json" bash -c "'$SUIVI' --db '$db' similar --json SVN-UPR34-121.1 | head -1 | grep -q '\"near_copy\"'"
refuse "similar: unknown id" "no recommendation" s similar NOPE
check "cluster --similar" bash -c "'$SUIVI' --db '$db' cluster --similar --threshold 0.5 > '$tmp/cl'"
at_least "cluster: groups of repeated recommendations" "$(grep -c '^group ' "$tmp/cl")" 5
eq "cluster: the Enforced Disappearance requests are grouped" \
  "$(awk '/^group /{g=$2} /SVN-UPR34-121.1 /{a=g} /SVN-UPR20-115.14 /{b=g} END{print (a != "" && a == b)}' "$tmp/cl")" 1
check "cluster --json" bash -c "'$SUIVI' --db '$db' cluster --similar --threshold 0.5 --json | head -1 | grep -q '\"members\"'"
refuse "cluster needs --similar" "only --similar" s cluster
for c in tag similar cluster; do
  check "help: $c --help" bash -c "'$SUIVI' $c --help | grep -q usage"
done
