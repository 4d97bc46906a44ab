/*
 * result.c - the result of aligning a pair: beads, flags, names of codes.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const flag_names[AL_FLAG_COUNT] = {
    "omission", "addition", "length", "number", "untranslated",
    "wrong-language", "garbled", "encoding", "name", "punctuation",
    "low-confidence",
};

static const char *const severity_names[] = {"info", "warning", "error"};

static const char *const format_names[AL_FORMAT_COUNT] = {
    "tsv", "jsonl", "tmx", "xliff", "beads", "ladder", "text", "html",
    "report",
};

static const char *const anchor_names[AL_ANCHOR_COUNT] = {
    "numbers", "words", "cognates", "dict", "stems", "punct",
};

static int name_index(const char *name, const char *const *names, int n)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

const char *al_anchor_name(al_anchor_kind kind)
{
    return (int)kind >= 0 && kind < AL_ANCHOR_COUNT ? anchor_names[kind]
                                                     : "?";
}

int al_anchor_from_name(const char *name)
{
    return name_index(name, anchor_names, AL_ANCHOR_COUNT);
}

const char *al_flag_name(al_flag_code code)
{
    return (int)code >= 0 && code < AL_FLAG_COUNT ? flag_names[code] : "?";
}

int al_flag_from_name(const char *name)
{
    return name_index(name, flag_names, AL_FLAG_COUNT);
}

const char *al_severity_name(al_severity s)
{
    return (int)s >= 0 && s <= AL_ERROR ? severity_names[s] : "?";
}

int al_severity_from_name(const char *name)
{
    return name_index(name, severity_names, 3);
}

const char *al_format_name(al_format f)
{
    return (int)f >= 0 && f < AL_FORMAT_COUNT ? format_names[f] : "?";
}

int al_format_from_name(const char *name)
{
    return name_index(name, format_names, AL_FORMAT_COUNT);
}

int al_result_add_flag(al_result *r, size_t bead, al_flag_code code,
                       al_severity sev, int side, size_t span_begin,
                       size_t span_end, const char *fmt, ...)
{
    if (r->n_flags == r->cap_flags) {
        al_flag_rec *f = al_grow_array(r->flags, &r->cap_flags, sizeof *f, 64);
        if (f == NULL)
            return AL_ENOMEM;
        r->flags = f;
    }
    /* Sized to fit: a fixed buffer cut long messages (a number quoted
     * with invisible characters between its digits) inside a UTF-8
     * sequence. */
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = len >= 0 ? al_malloc((size_t)len + 1) : NULL;
    if (text != NULL)
        vsnprintf(text, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    if (text == NULL)
        return AL_ENOMEM;
    al_flag_rec *f = &r->flags[r->n_flags++];
    f->code = code;
    f->severity = sev;
    f->side = side;
    f->span_begin = span_begin;
    f->span_end = span_end;
    f->message = text;
    f->bead = bead;
    return AL_OK;
}

static int cmp_flag(const void *a, const void *b)
{
    const al_flag_rec *x = a, *y = b;
    if (x->bead != y->bead)
        return x->bead < y->bead ? -1 : 1;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    if (x->side != y->side)
        return x->side < y->side ? -1 : 1;
    return x->span_begin < y->span_begin ? -1 : x->span_begin > y->span_begin;
}

/* Sorts flags by bead and builds the per-bead index. */
static int index_flags(al_result *r)
{
    if (r->n_flags > 0)
        qsort(r->flags, r->n_flags, sizeof *r->flags, cmp_flag);
    r->flag_first = al_calloc(r->n_beads + 1, sizeof *r->flag_first);
    if (r->flag_first == NULL)
        return AL_ENOMEM;
    size_t k = 0;
    for (size_t b = 0; b <= r->n_beads; b++) {
        while (k < r->n_flags && r->flags[k].bead < b)
            k++;
        r->flag_first[b] = k;
    }
    return AL_OK;
}

al_result *al_align(al_model *m, const al_text *src, const al_text *tgt,
                    al_error *err)
{
    return al_align_learned(m, src, tgt, NULL, err);
}

al_result *al_align_learned(al_model *m, const al_text *src,
                            const al_text *tgt, const al_learner *learned,
                            al_error *err)
{
    if (m == NULL || src == NULL || tgt == NULL) {
        al_fail(err, AL_EINVAL, "al_align needs a model and two texts");
        return NULL;
    }
    al_result *r = al_calloc(1, sizeof *r);
    if (r == NULL) {
        al_fail(err, AL_ENOMEM, "out of memory");
        return NULL;
    }
    r->text[AL_SOURCE] = src;
    r->text[AL_TARGET] = tgt;
    /* The checks read the anchor items the aligner computes: handed over,
     * not computed again. */
    al_sentfeat feat[2];
    bool keep = al_check_wants_features(m);
    int rc = al_align_beads(m, src, tgt, learned, r, keep ? feat : NULL, err);
    if (rc == AL_OK && m->opt.checks != 0)
        al_stage(m, "checks");
    if (rc == AL_OK)
        rc = al_check(m, r, keep ? feat : NULL, err);
    if (rc == AL_OK && index_flags(r) != AL_OK)
        rc = al_fail(err, AL_ENOMEM, "out of memory");
    if (rc != AL_OK) {
        al_result_free(r);
        return NULL;
    }
    return r;
}

void al_result_free(al_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n_flags; i++)
        free(r->flags[i].message);
    free(r->flags);
    free(r->flag_first);
    free(r->beads);
    free(r);
}

size_t al_result_count(const al_result *r)
{
    return r->n_beads;
}

const al_bead *al_result_bead(const al_result *r, size_t i)
{
    return i < r->n_beads ? &r->beads[i] : NULL;
}

size_t al_result_flag_count(const al_result *r, size_t bead)
{
    return bead < r->n_beads ? r->flag_first[bead + 1] - r->flag_first[bead]
                             : 0;
}

const al_flag *al_result_flag(const al_result *r, size_t bead, size_t k)
{
    if (k >= al_result_flag_count(r, bead))
        return NULL;
    /* al_flag_rec starts with the fields of al_flag in the same order. */
    const al_flag_rec *f = &r->flags[r->flag_first[bead] + k];
    return (const al_flag *)(const void *)f;
}

const al_text *al_result_text(const al_result *r, int side)
{
    return r->text[side == AL_TARGET];
}

int al_result_max_severity(const al_result *r)
{
    int max = -1;
    for (size_t i = 0; i < r->n_flags; i++)
        if ((int)r->flags[i].severity > max)
            max = (int)r->flags[i].severity;
    return max;
}
