/*
 * learn.c - a translation lexicon learned from a first alignment.
 *
 * The confident 1-1 beads of the first pass are a small parallel corpus.
 * Word types that co-occur in them far more often than chance (Dice
 * coefficient of their bead counts at least LEARN_MIN_DICE, seen together in
 * at least LEARN_MIN_COUNT beads) become new anchor pairs: each such pair gets
 * a fresh feature id added to every item of both types, and the pair is
 * aligned again. This is how a document teaches the aligner its own
 * vocabulary (names, terms, words the dictionary lacks).
 *
 * Learned features are added to the types' feature lists, so every item of
 * a type gets them.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define LEARN_MIN_COUNT 2
#define LEARN_MIN_DICE 0.5

typedef struct {
    uint64_t key;            /* source type << 32 | target type */
    uint32_t count;
} pair_count;

/* Open-addressing counter of (source type, target type) pairs. */
typedef struct {
    pair_count *slot;
    size_t cap, n;
} pair_table;

static int table_add(pair_table *t, uint64_t key)
{
    if (t->n * 2 >= t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        pair_count *s = al_calloc(cap, sizeof *s);
        if (s == NULL)
            return AL_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i].count != 0) {
                size_t h = (size_t)(t->slot[i].key * 0x9E3779B97F4A7C15ULL) &
                           (cap - 1);
                while (s[h].count != 0)
                    h = (h + 1) & (cap - 1);
                s[h] = t->slot[i];
            }
        free(t->slot);
        t->slot = s;
        t->cap = cap;
    }
    size_t h = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (t->cap - 1);
    while (t->slot[h].count != 0 && t->slot[h].key != key)
        h = (h + 1) & (t->cap - 1);
    if (t->slot[h].count == 0) {
        t->slot[h].key = key;
        t->n++;
    }
    t->slot[h].count++;
    return AL_OK;
}

/* Largest feature id used by either side, plus one. */
static uint32_t next_feature(const al_sentfeat *a, const al_sentfeat *b)
{
    uint32_t mx = 0;
    for (size_t k = 0; k < a->n_tfeat; k++)
        if (a->tfeat[k] >= mx)
            mx = a->tfeat[k] + 1;
    for (size_t k = 0; k < b->n_tfeat; k++)
        if (b->tfeat[k] >= mx)
            mx = b->tfeat[k] + 1;
    return mx;
}

/* Do type TA of A and type TB of B already match through a feature? */
static bool shares_feature(const al_sentfeat *a, uint32_t ta,
                           const al_sentfeat *b, uint32_t tb)
{
    for (uint32_t f = a->tfo[ta]; f < a->tfo[ta + 1]; f++)
        for (uint32_t g = b->tfo[tb]; g < b->tfo[tb + 1]; g++)
            if (a->tfeat[f] == b->tfeat[g])
                return true;
    return false;
}

/* A learned feature of a type. */
typedef struct {
    uint32_t type, feature;
} type_feature;

static int cmp_tf(const void *a, const void *b)
{
    const type_feature *x = a, *y = b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return x->feature < y->feature ? -1 : x->feature > y->feature;
}

/* Appends to each type of SF its learned features (TF sorted by type),
 * rebuilding SF's tfo and tfeat. */
static int augment(al_sentfeat *sf, const type_feature *tf, size_t ntf)
{
    uint32_t *tfo = al_malloc((sf->n_types + 1) * sizeof *tfo);
    uint32_t *tfeat = al_malloc((sf->n_tfeat + ntf + 1) * sizeof *tfeat);
    if (tfo == NULL || tfeat == NULL) {
        free(tfo);
        free(tfeat);
        return AL_ENOMEM;
    }
    uint32_t n = 0;
    size_t x = 0;
    for (size_t t = 0; t < sf->n_types; t++) {
        tfo[t] = n;
        for (uint32_t f = sf->tfo[t]; f < sf->tfo[t + 1]; f++)
            tfeat[n++] = sf->tfeat[f];
        for (; x < ntf && tf[x].type == t; x++)
            tfeat[n++] = tf[x].feature;
    }
    tfo[sf->n_types] = n;
    free(sf->tfo);
    free(sf->tfeat);
    sf->tfo = tfo;
    sf->tfeat = tfeat;
    sf->n_tfeat = n;
    return AL_OK;
}

/* Count of KEY in table T (0 when absent). */
static uint32_t table_count(const pair_table *t, uint64_t key)
{
    if (t->cap == 0)
        return 0;
    for (size_t h = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (t->cap - 1);
         t->slot[h].count != 0; h = (h + 1) & (t->cap - 1))
        if (t->slot[h].key == key)
            return t->slot[h].count;
    return 0;
}

/* A hash of the item types of source sentence I and target sentence J, in
 * order (never 0: table_add's empty slots have count 0, not key 0, but
 * keep it distinct anyway). */
static uint64_t bead_key(const al_sentfeat *fs, size_t i, const al_sentfeat *ft,
                         size_t j)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (uint32_t x = fs->ioff[i]; x < fs->ioff[i + 1]; x++)
        h = (h ^ fs->itype[x]) * 0x100000001B3ULL;
    h = (h ^ 0xFFFFFFFFu) * 0x100000001B3ULL;
    for (uint32_t y = ft->ioff[j]; y < ft->ioff[j + 1]; y++)
        h = (h ^ ft->itype[y]) * 0x100000001B3ULL;
    return h | 1;
}

int al_learn_lexicon(al_sentfeat *fs, al_sentfeat *ft, const al_bead *beads,
                     size_t n_beads, const bool *confident, size_t *n_learned)
{
    pair_table pairs = {0}, src_types = {0}, tgt_types = {0};
    int rc = AL_OK;
    *n_learned = 0;
    pair_table seen = {0};
    for (size_t b = 0; rc == AL_OK && b < n_beads; b++) {
        if (!confident[b] || beads[b].src_len != 1 || beads[b].tgt_len != 1)
            continue;
        size_t i = beads[b].src_begin, j = beads[b].tgt_begin;
        /* A pair of sentences repeated word for word (boilerplate, a text
         * pasted twice) is one observation, not one per copy. */
        uint64_t key = bead_key(fs, i, ft, j);
        if (table_count(&seen, key) > 0)
            continue;
        rc = table_add(&seen, key);
        for (uint32_t x = fs->ioff[i]; rc == AL_OK && x < fs->ioff[i + 1]; x++)
            rc = table_add(&src_types, fs->itype[x]);
        for (uint32_t y = ft->ioff[j]; rc == AL_OK && y < ft->ioff[j + 1]; y++)
            rc = table_add(&tgt_types, ft->itype[y]);
        for (uint32_t x = fs->ioff[i]; rc == AL_OK && x < fs->ioff[i + 1]; x++)
            for (uint32_t y = ft->ioff[j]; rc == AL_OK && y < ft->ioff[j + 1];
                 y++)
                if (!shares_feature(fs, fs->itype[x], ft, ft->itype[y]))
                    rc = table_add(&pairs, (uint64_t)fs->itype[x] << 32 |
                                           ft->itype[y]);
    }
    type_feature *ls = NULL, *lt = NULL;
    size_t nl = 0;
    if (rc == AL_OK && pairs.n > 0) {
        ls = al_malloc(pairs.n * sizeof *ls);
        lt = al_malloc(pairs.n * sizeof *lt);
        if (ls == NULL || lt == NULL)
            rc = AL_ENOMEM;
    }
    uint32_t next = next_feature(fs, ft);
    for (size_t k = 0; rc == AL_OK && k < pairs.cap; k++) {
        const pair_count *p = &pairs.slot[k];
        if (p->count < LEARN_MIN_COUNT)
            continue;
        uint32_t a = (uint32_t)(p->key >> 32), c = (uint32_t)p->key;
        uint32_t ca = table_count(&src_types, a);
        uint32_t cc = table_count(&tgt_types, c);
        double dice = 2.0 * p->count / (double)(ca + cc);
        if (dice < LEARN_MIN_DICE)
            continue;
        ls[nl].type = a;
        lt[nl].type = c;
        ls[nl].feature = lt[nl].feature = next++;
        nl++;
    }
    if (rc == AL_OK && nl > 0) {
        qsort(ls, nl, sizeof *ls, cmp_tf);
        qsort(lt, nl, sizeof *lt, cmp_tf);
        rc = augment(fs, ls, nl);
        if (rc == AL_OK)
            rc = augment(ft, lt, nl);
    }
    free(ls);
    free(lt);
    free(pairs.slot);
    free(seen.slot);
    free(src_types.slot);
    free(tgt_types.slot);
    *n_learned = nl;
    return rc;
}
