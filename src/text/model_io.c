/*
 * model_io.c — the model file (docs/model-format.md): writing a model and reading one back
 * from bytes that may be anything.
 *
 * A file is a magic, a format version and a list of tagged, length-prefixed sections ending in
 * a CRC-32 of everything before it. The reader checks every length against the bytes left
 * before allocating, every number against the counts read so far, every string for UTF-8, and
 * every float for NaN, so a hostile file gives ERR_INPUT and a message, never a crash and never
 * an allocation larger than the file justifies.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/model.h"

static const char magic[8] = {'S', 'U', 'I', 'V', 'I', 'M', 'D', 'L'};

enum { MAX_NESTING = 1 }; /* a base model may not have a base of its own */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* ---- writing --------------------------------------------------------------------------------- */

static void put_u32(struct buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    buf_append(b, x, 4);
}

static void put_f32(struct buf *b, float f)
{
    uint32_t v = 0;
    memcpy(&v, &f, 4);
    put_u32(b, v);
}

static void put_varint(struct buf *b, uint64_t v)
{
    while (v >= 0x80) {
        buf_putc(b, (char)(v | 0x80));
        v >>= 7;
    }
    buf_putc(b, (char)v);
}

static void put_str(struct buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_varint(b, n);
    buf_append(b, s ? s : "", n);
}

/* Starts a section: its tag and a length patched by end_section. */
static size_t begin_section(struct buf *b, const char *tag)
{
    buf_append(b, tag, 4);
    put_u32(b, 0);
    return b->len;
}

static void end_section(struct buf *b, size_t start)
{
    if (b->oom)
        return;
    uint32_t len = (uint32_t)(b->len - start);
    unsigned char *p = (unsigned char *)b->data + start - 4;
    p[0] = (unsigned char)len, p[1] = (unsigned char)(len >> 8);
    p[2] = (unsigned char)(len >> 16), p[3] = (unsigned char)(len >> 24);
}

static void put_vec(struct buf *b, const struct text_vec *v)
{
    put_varint(b, v->n);
    uint32_t last = 0;
    for (size_t k = 0; k < v->n; k++) {
        put_varint(b, v->id[k] - last);
        put_f32(b, v->w[k]);
        last = v->id[k];
    }
}

static void put_terms_labels(struct buf *b, const struct text_model *m)
{
    size_t s = begin_section(b, "META");
    put_str(b, m->vocab);
    put_str(b, m->about);
    put_u32(b, (uint32_t)m->bigrams);
    put_u32(b, m->ndocs);
    end_section(b, s);
    s = begin_section(b, "TERM");
    size_t nt = text_dict_size(m->dict);
    put_u32(b, (uint32_t)nt);
    for (uint32_t k = 0; k < nt; k++) {
        put_str(b, text_dict_term(m->dict, k, NULL));
        put_f32(b, m->idf[k]);
    }
    end_section(b, s);
    s = begin_section(b, "LABL");
    put_u32(b, m->nlabels);
    for (uint32_t l = 0; l < m->nlabels; l++) {
        put_str(b, m->label[l]);
        put_f32(b, m->bias[l]);
        put_f32(b, m->threshold[l]);
    }
    end_section(b, s);
    s = begin_section(b, "PARM");
    put_f32(b, m->fallback);
    put_f32(b, m->prior_weight);
    put_f32(b, m->link_weight);
    end_section(b, s);
}

/* Weights label by label, only the nonzero ones: scale, then (term delta, 16-bit multiple). */
static void put_weights(struct buf *b, const struct text_model *m)
{
    size_t s = begin_section(b, "WGHT");
    size_t nt = text_dict_size(m->dict);
    for (uint32_t l = 0; l < m->nlabels; l++) {
        uint32_t count = 0;
        for (size_t k = 0; k < nt; k++)
            count += m->weight[k * m->nlabels + l] != 0;
        put_f32(b, m->scale[l]);
        put_u32(b, count);
        size_t last = 0;
        for (size_t k = 0; k < nt; k++) {
            float w = m->weight[k * m->nlabels + l];
            if (w == 0)
                continue;
            long q = lrintf(w / m->scale[l]);
            uint16_t v = (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
            put_varint(b, k - last);
            buf_putc(b, (char)(v & 0xFF));
            buf_putc(b, (char)(v >> 8));
            last = k;
        }
    }
    end_section(b, s);
    s = begin_section(b, "DESC");
    for (size_t i = 0; i < (size_t)m->nlabels * TEXT_LANG_COUNT; i++)
        put_vec(b, &m->desc[i]);
    end_section(b, s);
}

static void put_aliases_links(struct buf *b, const struct text_model *m)
{
    size_t s = begin_section(b, "ALIA");
    size_t na = text_dict_size(m->alias_key);
    put_u32(b, (uint32_t)na);
    for (uint32_t k = 0; k < na; k++) {
        put_str(b, text_dict_term(m->alias_key, k, NULL));
        put_u32(b, m->alias_label[k]);
    }
    end_section(b, s);
    s = begin_section(b, "LINK");
    put_u32(b, m->nlinks);
    for (uint32_t k = 0; k < m->nlinks; k++) {
        put_u32(b, m->link[k].from);
        put_u32(b, m->link[k].to);
        put_f32(b, m->link[k].weight);
    }
    end_section(b, s);
}

int text_model_save(const struct text_model *m, struct buf *out)
{
    size_t start = out->len;
    buf_append(out, magic, sizeof magic);
    put_u32(out, TEXT_MODEL_FORMAT_VERSION);
    put_u32(out, 0); /* flags */
    put_terms_labels(out, m);
    put_weights(out, m);
    put_aliases_links(out, m);
    if (m->base && m->base_ref) {
        size_t s = begin_section(out, "BREF");
        put_str(out, m->base_ref);
        put_u32(out, m->base->crc);
        end_section(out, s);
    } else if (m->base) {
        size_t s = begin_section(out, "BASE");
        int rc = text_model_save(m->base, out);
        if (rc)
            return rc;
        end_section(out, s);
    }
    if (out->oom)
        return ERR_NOMEM;
    uint32_t crc = crc32_of((const unsigned char *)out->data + start, out->len - start);
    size_t s = begin_section(out, "END ");
    put_u32(out, crc);
    end_section(out, s);
    return out->oom ? ERR_NOMEM : 0;
}

/* ---- reading -----------------------------------------------------------------------------------
 */

struct reader {
    const unsigned char *p;
    size_t n, at;
    const char *name, *section;
    struct err *err;
    size_t file_size; /* of the whole file: bounds what the arrays may grow to */
};

static int bad(struct reader *r, const char *what)
{
    return err_set(r->err, ERR_INPUT, "%s: section %s, byte %zu: %s", r->name, r->section, r->at,
                   what);
}

static int rd_u32(struct reader *r, uint32_t *v)
{
    if (r->n - r->at < 4)
        return bad(r, "truncated");
    const unsigned char *p = r->p + r->at;
    *v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->at += 4;
    return 0;
}

/* A float; infinities only when allow_inf (thresholds), never NaN. */
static int rd_f32(struct reader *r, float *f, int allow_inf)
{
    uint32_t v = 0;
    int rc = rd_u32(r, &v);
    if (rc)
        return rc;
    memcpy(f, &v, 4);
    if (isnan(*f) || (!allow_inf && isinf(*f)))
        return bad(r, "a number is not finite");
    return 0;
}

static int rd_varint(struct reader *r, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->at >= r->n)
            return bad(r, "truncated");
        unsigned char c = r->p[r->at++];
        *v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return shift == 63 && c > 1 ? bad(r, "number too large") : 0;
    }
    return bad(r, "number too large");
}

/* A count of items of at least min_bytes each: never more than the bytes left allow. */
static int rd_count(struct reader *r, size_t min_bytes, uint32_t *count)
{
    int rc = rd_u32(r, count);
    if (!rc && *count > (r->n - r->at) / min_bytes)
        rc = bad(r, "count larger than the section");
    return rc;
}

/* A string (copied, NUL-terminated): valid UTF-8 without NUL, at most max bytes. */
static int rd_str(struct reader *r, size_t max, char **out)
{
    uint64_t len;
    int rc = rd_varint(r, &len);
    if (rc)
        return rc;
    if (len > max || len > r->n - r->at)
        return bad(r, "string too long");
    const char *s = (const char *)r->p + r->at;
    if (memchr(s, '\0', len) || text_utf8_check(s, len, NULL))
        return bad(r, "string is not UTF-8 text");
    if (!(*out = malloc(len + 1)))
        return err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
    memcpy(*out, s, len);
    (*out)[len] = '\0';
    r->at += len;
    return 0;
}

static int rd_meta(struct reader *r, struct text_model *m)
{
    uint32_t bigrams = 0;
    int rc = rd_str(r, 4096, &m->vocab);
    if (!rc)
        rc = rd_str(r, 65536, &m->about);
    if (!rc)
        rc = rd_u32(r, &bigrams);
    if (!rc)
        rc = rd_u32(r, &m->ndocs);
    if (!rc && bigrams > 1)
        rc = bad(r, "bigrams is neither 0 nor 1");
    m->bigrams = (int)bigrams;
    return rc;
}

/* Terms into m->dict, their idf into *idf (owned by the caller: the model's arrays are sized
 * once the labels are known). */
static int rd_terms(struct reader *r, struct text_model *m, uint32_t *nterms, float **idf)
{
    int rc = rd_count(r, 5, nterms);
    if (!rc && !(*idf = malloc(((size_t)*nterms + 1) * sizeof **idf)))
        return err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
    for (uint32_t k = 0; !rc && k < *nterms; k++) {
        char *term = NULL;
        uint32_t id;
        rc = rd_str(r, TEXT_TERM_MAX, &term);
        if (!rc && !*term)
            rc = bad(r, "empty term");
        if (!rc && text_dict_add(m->dict, term, strlen(term), &id))
            rc = err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
        if (!rc && id != k)
            rc = bad(r, "a term is listed twice");
        free(term);
        if (!rc)
            rc = rd_f32(r, &(*idf)[k], 0);
    }
    return rc;
}

static int rd_labels(struct reader *r, struct text_model *m, uint32_t nterms, const float *idf)
{
    uint32_t nl = 0;
    int rc = rd_count(r, 9, &nl);
    if (rc)
        return rc;
    size_t limit = r->file_size * 16 > ((size_t)1 << 20) ? r->file_size * 16 : (size_t)1 << 20;
    if (nl && nterms > limit / nl)
        return bad(r, "more terms x labels than the file can hold");
    if (model_size(m, nl, nterms))
        return err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
    memcpy(m->idf, idf, (size_t)nterms * sizeof *idf);
    for (uint32_t l = 0; !rc && l < nl; l++) {
        rc = rd_str(r, 4096, &m->label[l]);
        if (!rc && !*m->label[l])
            rc = bad(r, "empty label name");
        if (!rc)
            rc = rd_f32(r, &m->bias[l], 0);
        if (!rc)
            rc = rd_f32(r, &m->threshold[l], 1);
    }
    return rc;
}

static int rd_params(struct reader *r, struct text_model *m)
{
    int rc = rd_f32(r, &m->fallback, 1);
    if (!rc)
        rc = rd_f32(r, &m->prior_weight, 0);
    if (!rc)
        rc = rd_f32(r, &m->link_weight, 0);
    return rc;
}

static int rd_weights(struct reader *r, struct text_model *m)
{
    size_t nt = text_dict_size(m->dict);
    int rc = 0;
    for (uint32_t l = 0; !rc && l < m->nlabels; l++) {
        uint32_t count = 0;
        size_t k = 0;
        rc = rd_f32(r, &m->scale[l], 0);
        if (!rc && !(m->scale[l] > 0))
            rc = bad(r, "a weight scale is not positive");
        if (!rc)
            rc = rd_count(r, 3, &count);
        for (uint32_t i = 0; !rc && i < count; i++) {
            uint64_t delta;
            rc = rd_varint(r, &delta);
            if (!rc && (delta > nt || k + delta >= nt || (i && !delta)))
                rc = bad(r, "term out of range");
            if (!rc && r->n - r->at < 2)
                rc = bad(r, "truncated");
            if (!rc) {
                int16_t q = (int16_t)(uint16_t)(r->p[r->at] | r->p[r->at + 1] << 8);
                r->at += 2;
                k += delta;
                m->weight[k * m->nlabels + l] = (float)q * m->scale[l];
            }
        }
    }
    return rc;
}

static int rd_vec(struct reader *r, size_t nterms, struct text_vec *v)
{
    uint64_t n;
    int rc = rd_varint(r, &n);
    if (!rc && n > (r->n - r->at) / 5)
        rc = bad(r, "count larger than the section");
    uint64_t id = 0;
    for (uint64_t i = 0; !rc && i < n; i++) {
        uint64_t delta;
        float w;
        rc = rd_varint(r, &delta);
        if (!rc && (delta > nterms || id + delta >= nterms || (i && !delta)))
            rc = bad(r, "term out of range");
        if (!rc)
            rc = rd_f32(r, &w, 0);
        id += delta;
        if (!rc && text_vec_push(v, (uint32_t)id, w))
            rc = err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
    }
    return rc;
}

static int rd_descriptions(struct reader *r, struct text_model *m)
{
    int rc = 0;
    size_t nt = text_dict_size(m->dict);
    for (size_t i = 0; !rc && i < (size_t)m->nlabels * TEXT_LANG_COUNT; i++)
        rc = rd_vec(r, nt, &m->desc[i]);
    return rc;
}

static int rd_aliases(struct reader *r, struct text_model *m)
{
    uint32_t n = 0;
    int rc = rd_count(r, 5, &n);
    for (uint32_t k = 0; !rc && k < n; k++) {
        char *key = NULL;
        uint32_t label;
        rc = rd_str(r, TEXT_TERM_MAX, &key);
        if (!rc)
            rc = rd_u32(r, &label);
        if (!rc && label >= m->nlabels)
            rc = bad(r, "alias of a label out of range");
        size_t before = text_dict_size(m->alias_key);
        uint32_t id;
        if (!rc && (!*key || text_dict_add(m->alias_key, key, strlen(key), &id)))
            rc = *key ? err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name)
                      : bad(r, "empty alias");
        if (!rc && text_dict_size(m->alias_key) == before)
            rc = bad(r, "an alias is listed twice");
        uint32_t *labels = rc ? NULL : realloc(m->alias_label, (id + 1) * sizeof *labels);
        if (!rc && !labels)
            rc = err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
        if (!rc) {
            m->alias_label = labels;
            labels[id] = label;
        }
        free(key);
    }
    return rc;
}

static int rd_links(struct reader *r, struct text_model *m)
{
    uint32_t n = 0;
    int rc = rd_count(r, 12, &n);
    if (!rc && n && !(m->link = calloc(n, sizeof *m->link)))
        return err_set(r->err, ERR_NOMEM, "%s: out of memory", r->name);
    for (uint32_t k = 0; !rc && k < n; k++) {
        struct model_link *l = &m->link[k];
        rc = rd_u32(r, &l->from);
        if (!rc)
            rc = rd_u32(r, &l->to);
        if (!rc)
            rc = rd_f32(r, &l->weight, 0);
        if (!rc && l->to >= m->nlabels)
            rc = bad(r, "link to a label out of range");
        m->nlinks = k + 1;
    }
    return rc;
}

/* Opens the next section of whole as sec when its tag is tag; *present = 0 when optional and
 * another tag comes. */
static int open_section(struct reader *whole, const char *tag, int optional, struct reader *sec,
                        int *present)
{
    *present = 0;
    whole->section = tag;
    if (whole->n - whole->at < 8 || memcmp(whole->p + whole->at, tag, 4)) {
        if (optional)
            return 0;
        return bad(whole, "missing or out of order");
    }
    whole->at += 4;
    uint32_t len = 0;
    int rc = rd_u32(whole, &len);
    if (!rc && len > whole->n - whole->at)
        rc = bad(whole, "length past the end of the file");
    if (rc)
        return rc;
    *sec = (struct reader){whole->p + whole->at, len, 0, whole->name, tag, whole->err,
                           whole->file_size};
    whole->at += len;
    *present = 1;
    return 0;
}

static int section_done(struct reader *sec, int rc)
{
    if (!rc && sec->at != sec->n)
        rc = bad(sec, "bytes left at the end of the section");
    return rc;
}

static int load_model(const char *name, const unsigned char *p, size_t n, int depth,
                      struct text_model **base, struct text_model **out, struct err *err);

/* BREF: the name and checksum of the base model the caller must give. */
static int rd_base_ref(struct reader *r, struct text_model *m, struct text_model **base)
{
    uint32_t crc = 0;
    int rc = rd_str(r, 255, &m->base_ref);
    if (!rc)
        rc = rd_u32(r, &crc);
    if (!rc && (!*m->base_ref || strchr(m->base_ref, '/')))
        rc = bad(r, "bad base model name");
    if (!rc && !*base)
        rc = err_set(r->err, ERR_INPUT, "%s: needs its base model %s beside it", r->name,
                     m->base_ref);
    if (!rc && (*base)->crc != crc)
        rc = err_set(r->err, ERR_INPUT, "%s: %s is not the base model it was trained with", r->name,
                     m->base_ref);
    if (!rc) {
        m->base = *base;
        *base = NULL;
    }
    return rc;
}

static int rd_body(struct reader *w, struct text_model *m, int depth, struct text_model **base)
{
    struct reader s;
    int present, rc;
    uint32_t nterms = 0;
    float *idf = NULL;
    if (!(rc = open_section(w, "META", 0, &s, &present)))
        rc = section_done(&s, rd_meta(&s, m));
    if (!rc && !(rc = open_section(w, "TERM", 0, &s, &present)))
        rc = section_done(&s, rd_terms(&s, m, &nterms, &idf));
    if (!rc && !(rc = open_section(w, "LABL", 0, &s, &present)))
        rc = section_done(&s, rd_labels(&s, m, nterms, idf));
    free(idf);
    if (!rc && !(rc = open_section(w, "PARM", 0, &s, &present)))
        rc = section_done(&s, rd_params(&s, m));
    if (!rc && !(rc = open_section(w, "WGHT", 0, &s, &present)))
        rc = section_done(&s, rd_weights(&s, m));
    if (!rc && !(rc = open_section(w, "DESC", 0, &s, &present)))
        rc = section_done(&s, rd_descriptions(&s, m));
    if (!rc && !(rc = open_section(w, "ALIA", 0, &s, &present)))
        rc = section_done(&s, rd_aliases(&s, m));
    for (uint32_t l = 0; !rc && l < m->nlabels; l++)
        if (text_model_label_find(m, m->label[l]) != (long)l)
            rc = bad(w, "a label's name is not among the aliases of that label");
    if (!rc && !(rc = open_section(w, "LINK", 0, &s, &present)))
        rc = section_done(&s, rd_links(&s, m));
    if (!rc && !(rc = open_section(w, "BASE", 1, &s, &present)) && present) {
        if (depth >= MAX_NESTING)
            return bad(&s, "a base model inside a base model");
        rc = load_model(w->name, s.p, s.n, depth + 1, NULL, &m->base, w->err);
    } else if (!rc && !(rc = open_section(w, "BREF", 1, &s, &present)) && present) {
        rc = depth ? bad(&s, "a base model inside a base model")
                   : section_done(&s, rd_base_ref(&s, m, base));
    }
    for (uint32_t k = 0; !rc && k < m->nlinks; k++)
        if (!m->base || m->link[k].from >= m->base->nlabels)
            rc = bad(w, "a crosswalk link names no label of the base model");
    return rc;
}

static int load_model(const char *name, const unsigned char *p, size_t n, int depth,
                      struct text_model **base, struct text_model **out, struct err *err)
{
    *out = NULL;
    struct reader w = {p, n, 0, name, "header", err, n};
    if (n < 16 + 12 || memcmp(p, magic, sizeof magic))
        return err_set(err, ERR_INPUT, "%s: not a suivi model file", name);
    w.at = 8;
    uint32_t version = 0, flags = 0;
    if (rd_u32(&w, &version) || rd_u32(&w, &flags))
        return ERR_INPUT;
    if (version > TEXT_MODEL_FORMAT_VERSION)
        return err_set(err, ERR_VERSION, "%s: model format %u is newer than this suivi's (%d)",
                       name, version, TEXT_MODEL_FORMAT_VERSION);
    if (version == 0 || flags)
        return err_set(err, ERR_INPUT, "%s: bad format version or flags", name);
    const unsigned char *end = p + n - 12;
    uint32_t crc = (uint32_t)end[8] | (uint32_t)end[9] << 8 | (uint32_t)end[10] << 16 |
                   (uint32_t)end[11] << 24;
    if (memcmp(end, "END \4\0\0\0", 8))
        return err_set(err, ERR_INPUT, "%s: no end section: the file is truncated", name);
    if (crc != crc32_of(p, n - 12))
        return err_set(err, ERR_INPUT, "%s: checksum mismatch: the file is damaged", name);
    struct text_model *m = model_alloc();
    if (!m)
        return err_set(err, ERR_NOMEM, "%s: out of memory", name);
    w.n = n - 12;
    m->crc = crc;
    int rc = rd_body(&w, m, depth, base);
    if (!rc && w.at != w.n) {
        w.section = "END ";
        rc = bad(&w, "unknown section");
    }
    if (rc) {
        text_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int text_model_load(const char *name, const void *bytes, size_t n, struct text_model **out,
                    struct err *err)
{
    struct text_model *none = NULL;
    return load_model(name ? name : "model", bytes, n, 0, &none, out, err);
}

int text_model_load_with_base(const char *name, const void *bytes, size_t n,
                              struct text_model *base, struct text_model **out, struct err *err)
{
    int rc = load_model(name ? name : "model", bytes, n, 0, &base, out, err);
    text_model_free(base); /* NULL unless the model did not take it */
    return rc;
}

int text_model_base_ref(const void *bytes, size_t n, struct buf *out)
{
    struct err err = {0};
    struct reader w = {bytes, n, 16, "model", "header", &err, n};
    if (n < 16 + 12 || memcmp(bytes, magic, sizeof magic))
        return 0;
    w.n = n - 12;
    while (w.n - w.at >= 8) {
        const unsigned char *tag = w.p + w.at;
        w.at += 4;
        uint32_t len = 0;
        if (rd_u32(&w, &len) || len > w.n - w.at)
            return 0;
        if (!memcmp(tag, "BREF", 4)) {
            struct reader s = {w.p + w.at, len, 0, "model", "BREF", &err, n};
            char *name = NULL;
            if (rd_str(&s, 255, &name))
                return err.code == ERR_NOMEM ? ERR_NOMEM : 0;
            int rc = buf_puts(out, name);
            free(name);
            return rc ? rc : 1;
        }
        w.at += len;
    }
    return 0;
}

int text_model_set_base_ref(struct text_model *m, const char *name)
{
    if (!m->base || !name || !*name || strchr(name, '/'))
        return ERR_INPUT;
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy)
        return ERR_NOMEM;
    memcpy(copy, name, len);
    free(m->base_ref);
    m->base_ref = copy;
    return 0;
}
