/*
 * learn.c - a translation lexicon learned from first alignments.
 *
 * The confident 1-1 beads of a first alignment are a small parallel corpus.
 * Word types that co-occur in them far more often than chance (Dice
 * coefficient of their bead counts at least LEARN_MIN_DICE, seen together in
 * at least LEARN_MIN_COUNT beads) become new anchor pairs: each such pair gets
 * a fresh feature id added to every item of both types, and the pair is
 * aligned again. This is how a document teaches the aligner its own
 * vocabulary (names, terms, words the dictionary lacks).
 *
 * A learner counts the beads of one alignment or of many (a batch of short
 * articles, each too short to teach much alone). Types are counted by the
 * hash of their string (al_sentfeat.thash), so that the same word counts as
 * one in every text of a batch; the pairs chosen are then applied to each
 * text that holds both words of a pair.
 */
#include "config.h"
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LEARN_MIN_COUNT 2
#define LEARN_MIN_DICE 0.5

typedef struct {
    uint64_t a, b;           /* source and target type hash; b 0 for one */
    uint32_t count;
} key_count;

/* Open-addressing counter of keys (a, b). */
typedef struct {
    key_count *slot;
    size_t cap, n;
} key_table;

static size_t slot_of(uint64_t a, uint64_t b, size_t cap)
{
    uint64_t h = (a ^ (b * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 32 ^ h) & (cap - 1);
}

static int table_add(key_table *t, uint64_t a, uint64_t b)
{
    if (t->n * 2 >= t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        key_count *s = al_calloc(cap, sizeof *s);
        if (s == NULL)
            return AL_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i].count != 0) {
                size_t h = slot_of(t->slot[i].a, t->slot[i].b, cap);
                while (s[h].count != 0)
                    h = (h + 1) & (cap - 1);
                s[h] = t->slot[i];
            }
        free(t->slot);
        t->slot = s;
        t->cap = cap;
    }
    size_t h = slot_of(a, b, t->cap);
    while (t->slot[h].count != 0 && (t->slot[h].a != a || t->slot[h].b != b))
        h = (h + 1) & (t->cap - 1);
    if (t->slot[h].count == 0) {
        t->slot[h].a = a;
        t->slot[h].b = b;
        t->n++;
    }
    t->slot[h].count++;
    return AL_OK;
}

/* Count of (A, B) in table T (0 when absent). */
static uint32_t table_count(const key_table *t, uint64_t a, uint64_t b)
{
    if (t->cap == 0)
        return 0;
    for (size_t h = slot_of(a, b, t->cap); t->slot[h].count != 0;
         h = (h + 1) & (t->cap - 1))
        if (t->slot[h].a == a && t->slot[h].b == b)
            return t->slot[h].count;
    return 0;
}

/* A learned pair of type hashes. */
typedef struct {
    uint64_t a, b;
} hash_pair;

struct al_learner {
    pthread_mutex_t lock;    /* al_learner_add may be called by threads */
    key_table pairs;         /* (source, target) type pairs in beads */
    key_table types[2];      /* beads holding each type, per side */
    key_table seen;          /* beads counted, by their types in order */
    hash_pair *learned;      /* after al_learner_finish: sorted */
    size_t n_learned;
    bool finished;
};

al_learner *al_learner_new(void)
{
    al_learner *l = al_calloc(1, sizeof *l);
    if (l != NULL)
        pthread_mutex_init(&l->lock, NULL);
    return l;
}

static void drop_counts(al_learner *l)
{
    free(l->pairs.slot);
    free(l->types[0].slot);
    free(l->types[1].slot);
    free(l->seen.slot);
    memset(&l->pairs, 0, sizeof l->pairs);
    memset(l->types, 0, sizeof l->types);
    memset(&l->seen, 0, sizeof l->seen);
}

void al_learner_free(al_learner *l)
{
    if (l == NULL)
        return;
    drop_counts(l);
    free(l->learned);
    pthread_mutex_destroy(&l->lock);
    free(l);
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

/* A hash of the item types of source sentence I and target sentence J, in
 * order: the same words in the same order give the same key in any text. */
static uint64_t bead_key(const al_sentfeat *fs, size_t i, const al_sentfeat *ft,
                         size_t j)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (uint32_t x = fs->ioff[i]; x < fs->ioff[i + 1]; x++)
        h = (h ^ fs->thash[fs->itype[x]]) * 0x100000001B3ULL;
    h = (h ^ 0xFFFFFFFFu) * 0x100000001B3ULL;
    for (uint32_t y = ft->ioff[j]; y < ft->ioff[j + 1]; y++)
        h = (h ^ ft->thash[ft->itype[y]]) * 0x100000001B3ULL;
    return h;
}

/* Counts the 1-1 bead of source sentence I and target sentence J. */
static int add_bead(al_learner *l, const al_sentfeat *fs, size_t i,
                    const al_sentfeat *ft, size_t j)
{
    /* A pair of sentences repeated word for word (boilerplate, a text
     * pasted twice) is one observation, not one per copy. */
    uint64_t key = bead_key(fs, i, ft, j);
    if (table_count(&l->seen, key, 0) > 0)
        return AL_OK;
    int rc = table_add(&l->seen, key, 0);
    for (uint32_t x = fs->ioff[i]; rc == AL_OK && x < fs->ioff[i + 1]; x++)
        rc = table_add(&l->types[0], fs->thash[fs->itype[x]], 0);
    for (uint32_t y = ft->ioff[j]; rc == AL_OK && y < ft->ioff[j + 1]; y++)
        rc = table_add(&l->types[1], ft->thash[ft->itype[y]], 0);
    for (uint32_t x = fs->ioff[i]; rc == AL_OK && x < fs->ioff[i + 1]; x++)
        for (uint32_t y = ft->ioff[j]; rc == AL_OK && y < ft->ioff[j + 1];
             y++)
            if (!shares_feature(fs, fs->itype[x], ft, ft->itype[y]))
                rc = table_add(&l->pairs, fs->thash[fs->itype[x]],
                               ft->thash[ft->itype[y]]);
    return rc;
}

int al_learner_add(al_learner *l, const al_sentfeat *fs,
                   const al_sentfeat *ft, const al_bead *beads,
                   size_t n_beads, const bool *confident)
{
    int rc = AL_OK;
    pthread_mutex_lock(&l->lock);
    if (l->finished)
        rc = AL_EINVAL;
    for (size_t b = 0; rc == AL_OK && b < n_beads; b++)
        if (confident[b] && beads[b].src_len == 1 && beads[b].tgt_len == 1)
            rc = add_bead(l, fs, beads[b].src_begin, ft, beads[b].tgt_begin);
    pthread_mutex_unlock(&l->lock);
    return rc;
}

static int cmp_pair(const void *x, const void *y)
{
    const hash_pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

int al_learner_finish(al_learner *l)
{
    if (l->finished)
        return AL_OK;
    size_t n = 0;
    for (size_t k = 0; k < l->pairs.cap; k++)
        n += l->pairs.slot[k].count >= LEARN_MIN_COUNT;
    hash_pair *v = al_malloc((n > 0 ? n : 1) * sizeof *v);
    if (v == NULL)
        return AL_ENOMEM;
    size_t nl = 0;
    for (size_t k = 0; k < l->pairs.cap; k++) {
        const key_count *p = &l->pairs.slot[k];
        if (p->count < LEARN_MIN_COUNT)
            continue;
        uint32_t ca = table_count(&l->types[0], p->a, 0);
        uint32_t cb = table_count(&l->types[1], p->b, 0);
        if (2.0 * p->count / (double)(ca + cb) < LEARN_MIN_DICE)
            continue;
        v[nl].a = p->a;
        v[nl].b = p->b;
        nl++;
    }
    qsort(v, nl, sizeof *v, cmp_pair);
    drop_counts(l);
    l->learned = v;
    l->n_learned = nl;
    l->finished = true;
    return AL_OK;
}

size_t al_learner_count(const al_learner *l)
{
    return l->n_learned;
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

/* A type's hash and id, to find a type by its hash. */
typedef struct {
    uint64_t hash;
    uint32_t type;
} hash_type;

static int cmp_hash_type(const void *x, const void *y)
{
    const hash_type *p = x, *q = y;
    return p->hash < q->hash ? -1 : p->hash > q->hash;
}

/* SF's types sorted by hash; NULL when out of memory. */
static hash_type *types_by_hash(const al_sentfeat *sf)
{
    hash_type *v = al_malloc((sf->n_types > 0 ? sf->n_types : 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    for (size_t t = 0; t < sf->n_types; t++) {
        v[t].hash = sf->thash[t];
        v[t].type = (uint32_t)t;
    }
    qsort(v, sf->n_types, sizeof *v, cmp_hash_type);
    return v;
}

/* The first of the N elements of SIZE bytes at V, sorted by the uint64_t
 * they begin with (hash_type, hash_pair), whose key is H or more (N if
 * none). */
static size_t first_at_least(const void *v, size_t n, size_t size,
                             uint64_t h)
{
    const char *base = v;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t key;
        memcpy(&key, base + mid * size, sizeof key);
        if (key < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The type of SF (V: types_by_hash) whose hash is H, or -1. */
static int64_t find_type(const hash_type *v, size_t n, uint64_t h)
{
    size_t k = first_at_least(v, n, sizeof *v, h);
    return k < n && v[k].hash == h ? (int64_t)v[k].type : -1;
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

/* A growable list of type features. */
typedef struct {
    type_feature *v;
    size_t n, cap;
} tf_list;

static int tf_push(tf_list *a, uint32_t type, uint32_t feature)
{
    if (a->n == a->cap) {
        type_feature *v = al_grow_array(a->v, &a->cap, sizeof *v, 64);
        if (v == NULL)
            return AL_ENOMEM;
        a->v = v;
    }
    a->v[a->n].type = type;
    a->v[a->n].feature = feature;
    a->n++;
    return AL_OK;
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

int al_learner_apply(const al_learner *l, al_sentfeat *fs, al_sentfeat *ft,
                     size_t *n_applied)
{
    *n_applied = 0;
    if (l->n_learned == 0 || fs->n_types == 0 || ft->n_types == 0)
        return AL_OK;
    hash_type *ht = types_by_hash(ft);
    if (ht == NULL)
        return AL_ENOMEM;
    /* Source types in a learned pair whose target type is in FT. */
    tf_list ls = {0}, lt = {0};
    int rc = AL_OK;
    uint32_t next = next_feature(fs, ft);
    for (size_t t = 0; rc == AL_OK && t < fs->n_types; t++)
        for (size_t k = first_at_least(l->learned, l->n_learned,
                                       sizeof *l->learned, fs->thash[t]);
             rc == AL_OK && k < l->n_learned && l->learned[k].a == fs->thash[t];
             k++) {
            int64_t b = find_type(ht, ft->n_types, l->learned[k].b);
            if (b < 0)
                continue;
            rc = tf_push(&ls, (uint32_t)t, next);
            if (rc == AL_OK)
                rc = tf_push(&lt, (uint32_t)b, next);
            next++;
        }
    if (rc == AL_OK && ls.n > 0) {
        /* LS is in type order already. */
        qsort(lt.v, lt.n, sizeof *lt.v, cmp_tf);
        rc = augment(fs, ls.v, ls.n);
        if (rc == AL_OK)
            rc = augment(ft, lt.v, lt.n);
    }
    if (rc == AL_OK)
        *n_applied = ls.n;
    free(ht);
    free(ls.v);
    free(lt.v);
    return rc;
}

int al_learn_lexicon(al_sentfeat *fs, al_sentfeat *ft, const al_bead *beads,
                     size_t n_beads, const bool *confident, size_t *n_learned)
{
    *n_learned = 0;
    al_learner *l = al_learner_new();
    if (l == NULL)
        return AL_ENOMEM;
    int rc = al_learner_add(l, fs, ft, beads, n_beads, confident);
    if (rc == AL_OK)
        rc = al_learner_finish(l);
    if (rc == AL_OK)
        rc = al_learner_apply(l, fs, ft, n_learned);
    al_learner_free(l);
    return rc;
}
