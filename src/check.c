/*
 * check.c - flags on beads: what an editor should look at, and why.
 *
 * omission     a bead with source sentences and no target (error)
 * addition     a bead with target sentences and no source (warning)
 * number       numbers of one side missing on the other after locale
 *              normalization (error), naming the number
 * encoding     U+FFFD, ???? runs, mojibake or control characters in the
 *              target that the source does not have (error)
 * low-confidence  an aligned bead whose score is below the threshold (info)
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NUMBERS 128

static bool enabled(const al_model *m, al_flag_code c)
{
    return (m->opt.checks >> c) & 1u;
}

typedef struct {
    al_number v[MAX_NUMBERS];
    size_t n;
    uint32_t base[MAX_NUMBERS];  /* original offset of the sentence */
    bool used[MAX_NUMBERS];
} number_set;

/* Numbers of sentences [B, B+N) of T, spans mapped to the original. */
static void bead_numbers(const al_text *t, size_t b, size_t n, number_set *ns)
{
    ns->n = 0;
    for (size_t i = b; i < b + n && ns->n < MAX_NUMBERS; i++) {
        size_t len;
        const char *s = al_sent_norm(t, i, &len);
        size_t k = al_numbers(s, len, t->lang, ns->v + ns->n,
                              MAX_NUMBERS - ns->n);
        if (k > MAX_NUMBERS - ns->n)
            k = MAX_NUMBERS - ns->n;
        for (size_t x = 0; x < k; x++) {
            ns->base[ns->n + x] = t->sents[i].start;
            ns->used[ns->n + x] = false;
        }
        ns->n += k;
    }
}

/* Original byte span of number K of NS in T. */
static void number_span(const al_text *t, const number_set *ns, size_t k,
                        size_t *b, size_t *e)
{
    size_t nb = ns->base[k] + ns->v[k].off;
    *b = al_norm_to_orig(&t->norm, nb);
    *e = al_norm_to_orig(&t->norm, nb + ns->v[k].len);
}

static int check_numbers(al_result *r, size_t bi, number_set *sets)
{
    const al_bead *b = &r->beads[bi];
    const al_text *s = r->text[AL_SOURCE], *t = r->text[AL_TARGET];
    number_set *ps = &sets[0], *pt = &sets[1];
    bead_numbers(s, b->src_begin, b->src_len, ps);
    bead_numbers(t, b->tgt_begin, b->tgt_len, pt);
    for (size_t i = 0; i < ps->n; i++)
        for (size_t j = 0; j < pt->n; j++)
            if (!pt->used[j] && strcmp(ps->v[i].value, pt->v[j].value) == 0) {
                ps->used[i] = pt->used[j] = true;
                break;
            }
    for (size_t i = 0; i < ps->n; i++) {
        if (ps->used[i])
            continue;
        size_t sb, se;
        number_span(s, ps, i, &sb, &se);
        int rc = al_result_add_flag(r, bi, AL_FLAG_NUMBER, AL_ERROR,
                                    AL_SOURCE, sb, se,
                                    "number %.*s of the source is missing "
                                    "in the translation", (int)(se - sb),
                                    s->orig + sb);
        if (rc != AL_OK)
            return rc;
    }
    for (size_t j = 0; j < pt->n; j++) {
        if (pt->used[j])
            continue;
        size_t tb, te;
        number_span(t, pt, j, &tb, &te);
        int rc = al_result_add_flag(r, bi, AL_FLAG_NUMBER, AL_ERROR,
                                    AL_TARGET, tb, te,
                                    "number %.*s of the translation is not "
                                    "in the source", (int)(te - tb),
                                    t->orig + tb);
        if (rc != AL_OK)
            return rc;
    }
    return AL_OK;
}

static unsigned bead_damage(const al_text *t, size_t b, size_t n)
{
    unsigned d = 0;
    for (size_t i = b; i < b + n; i++)
        d |= t->sents[i].damage;
    return d;
}

static int check_encoding(al_result *r, size_t bi)
{
    const al_bead *b = &r->beads[bi];
    const al_text *t = r->text[AL_TARGET];
    unsigned d = bead_damage(t, b->tgt_begin, b->tgt_len) &
                 ~bead_damage(r->text[AL_SOURCE], b->src_begin, b->src_len);
    if (d == 0)
        return AL_OK;
    const char *what = d & AL_DAMAGE_FFFD ? "replacement characters (U+FFFD)"
                     : d & AL_DAMAGE_QMARKS ? "question marks standing for "
                                              "lost characters"
                     : d & AL_DAMAGE_MOJIBAKE ? "mojibake (UTF-8 read as "
                                                "Latin-1/Windows-1252)"
                     : "control characters";
    size_t ob = t->sents[b->tgt_begin].ostart;
    const al_sent *last = &t->sents[b->tgt_begin + b->tgt_len - 1];
    return al_result_add_flag(r, bi, AL_FLAG_ENCODING, AL_ERROR, AL_TARGET,
                              ob, (size_t)last->ostart + last->olen,
                              "the translation contains %s", what);
}

int al_check(const al_model *m, al_result *r, al_error *err)
{
    number_set *sets = al_malloc(2 * sizeof *sets);   /* large: heap */
    int rc = sets ? AL_OK : AL_ENOMEM;
    for (size_t i = 0; rc == AL_OK && i < r->n_beads; i++) {
        const al_bead *b = &r->beads[i];
        if (b->tgt_len == 0 && enabled(m, AL_FLAG_OMISSION))
            rc = al_result_add_flag(r, i, AL_FLAG_OMISSION, AL_ERROR,
                                    AL_SOURCE, 0, 0,
                                    "source sentence%s not translated",
                                    b->src_len > 1 ? "s" : "");
        else if (b->src_len == 0 && enabled(m, AL_FLAG_ADDITION))
            rc = al_result_add_flag(r, i, AL_FLAG_ADDITION, AL_WARNING,
                                    AL_TARGET, 0, 0,
                                    "translation has text with no source");
        if (b->src_len == 0 || b->tgt_len == 0)
            continue;
        if (rc == AL_OK && enabled(m, AL_FLAG_NUMBER))
            rc = check_numbers(r, i, sets);
        if (rc == AL_OK && enabled(m, AL_FLAG_ENCODING))
            rc = check_encoding(r, i);
        if (rc == AL_OK && enabled(m, AL_FLAG_LOW_CONFIDENCE) &&
            b->score < m->opt.min_score)
            rc = al_result_add_flag(r, i, AL_FLAG_LOW_CONFIDENCE, AL_INFO,
                                    AL_SOURCE, 0, 0,
                                    "alignment score %.2f is below %.2f",
                                    b->score, m->opt.min_score);
    }
    free(sets);
    if (rc != AL_OK)
        return al_fail(err, rc, "out of memory while checking");
    return AL_OK;
}
