/*
 * align.c - beads by dynamic programming over sentence lengths and anchors,
 * in memory linear in the number of sentences.
 *
 * Cost of a bead of A source and B target sentences:
 *   prior(A,B) + length(A,B) - anchor(A,B) + paragraph(A,B)
 * - prior: -log of the bead type's probability (Gale & Church 1993).
 * - length: -log of the two-sided tail probability of the length difference
 *   under a normal model, delta = (l2 - c*l1) / sqrt(s2 * l1), with c the
 *   document's own character ratio.
 * - anchor: similarity of the two sides' anchor features (numbers, names and
 *   identical words, cognates, dictionary translations: see anchor.c) as a
 *   weighted Dice coefficient, times a weight.
 * - paragraph: a bead that closes a paragraph on one side but not the other
 *   pays a small penalty (paragraph breaks are soft anchors).
 *
 * Search: the sentences are merged pairwise into coarser units until the
 * problem is small, the coarse problem is solved exactly, and its path is
 * projected onto the next finer level, where only a band around it is
 * searched. A path that touches the band's edge widens the band and the level
 * is searched again. Memory is O(n * band) bytes for back pointers plus a
 * few rows of costs.
 */
#include "config.h"
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---- units: sentences or merged sentences of one side ---- */

typedef struct {
    size_t n;
    double *cum_len;         /* n + 1 prefix sums of lengths */
    uint32_t *ioff;          /* n + 1: items of unit i are iidx[ioff[i]..] */
    uint32_t *iidx;          /* item numbers in sf */
    const al_sentfeat *sf;   /* the side's items (shared by all levels) */
    double *wsum;            /* per unit: total item weight */
    uint32_t *ends;          /* how the unit ends: END_PARAGRAPH when it
                              * closes a paragraph, plus its end_class */
    /* Only when some unit holds more than one sentence (see al_sent),
     * else NULL; never on coarse levels: */
    uint8_t *parts;          /* per unit: its sentences, at most PARTS_MAX */
    uint32_t *splits;        /* n + 1 prefix counts of units with more
                              * than one */
    /* Only in the second pass (see learn_inner), else NULL: */
    double *inner;           /* per unit: cost of its end falling inside a
                              * bead rather than ending one */
} units;

/* Sentences of a unit counted, at most (see bead_prior). */
#define PARTS_MAX 4

/* Feature ids are kept in 24 bits (larger ids fold onto smaller ones: a
 * rare false match, never a missed one). */
#define FEATURE_KEY(f) (((f) ^ ((f) >> 24)) & 0xFFFFFFu)

/* Most items a unit keeps (the heaviest): one bit each in a mask. A sentence
 * with more content words than this is matched on its 64 rarest. */
#define MAX_UNIT_ITEMS 64
/* Merged units of coarse levels keep fewer: they only guide the search, and
 * all levels are in memory at once. A level keeps up to MAX_UNIT_ITEMS a
 * unit while its items fit in COARSE_ITEM_BUDGET, never fewer than
 * MAX_COARSE_ITEMS: the small top levels decide where the whole path goes,
 * and with 16 items, units of 32 sentences share too few anchors to tell
 * copy k of a repeated text from copy k + 1. */
#define MAX_COARSE_ITEMS 16
#define COARSE_ITEM_BUDGET ((size_t)1 << 20)

static size_t coarse_items(size_t n_units)
{
    size_t cap = COARSE_ITEM_BUDGET / (n_units > 0 ? n_units : 1);
    if (cap < MAX_COARSE_ITEMS)
        return MAX_COARSE_ITEMS;
    return cap < MAX_UNIT_ITEMS ? cap : MAX_UNIT_ITEMS;
}

static void units_free(units *u)
{
    free(u->cum_len);
    free(u->ioff);
    free(u->iidx);
    free(u->wsum);
    free(u->ends);
    free(u->parts);
    free(u->splits);
    free(u->inner);
    memset(u, 0, sizeof *u);
}

static int units_alloc(units *u, size_t n, size_t nitems)
{
    u->n = n;
    u->cum_len = al_calloc(n + 1, sizeof *u->cum_len);
    u->ioff = al_calloc(n + 1, sizeof *u->ioff);
    u->iidx = al_calloc(nitems, sizeof *u->iidx);
    u->wsum = al_calloc(n, sizeof *u->wsum);
    u->ends = al_calloc(n, sizeof *u->ends);
    u->parts = NULL;
    u->splits = NULL;
    u->inner = NULL;
    if (!u->cum_len || !u->ioff || !u->iidx || !u->wsum ||
        !u->ends) {
        units_free(u);
        return AL_ENOMEM;
    }
    return AL_OK;
}

/* Each unit's total item weight. */
static void units_weigh(units *u)
{
    const al_sentfeat *sf = u->sf;
    for (size_t i = 0; i < u->n; i++) {
        double w = 0;
        for (uint32_t k = u->ioff[i]; k < u->ioff[i + 1]; k++)
            w += sf->tw[sf->itype[u->iidx[k]]];
        u->wsum[i] = w;
    }
}

/* Sorts KEYS[0..N) ascending: quicksort on the median of three, insertion
 * sort below 16. */
static void sort_keys(uint64_t *keys, size_t n)
{
    while (n > 16) {
        uint64_t a = keys[0], b = keys[n / 2], c = keys[n - 1];
        uint64_t pivot = a < b ? (b < c ? b : (a < c ? c : a))
                               : (a < c ? a : (b < c ? c : b));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (keys[i] < pivot)
                i++;
            while (keys[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = keys[i];
            keys[i++] = keys[j];
            keys[j--] = t;
        }
        /* [0, j] <= pivot <= [j + 1, n): the smaller part first. */
        size_t left = j + 1;
        if (left < n - left) {
            sort_keys(keys, left);
            keys += left;
            n -= left;
        } else {
            sort_keys(keys + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t k = keys[i];
        size_t j = i;
        for (; j > 0 && keys[j - 1] > k; j--)
            keys[j] = keys[j - 1];
        keys[j] = k;
    }
}

/* Sorts item numbers by weight, heaviest first (ties: lower number): as
 * 64-bit keys, the weight's bits (a float >= 0 orders as its bits)
 * inverted above the number. */
static void keep_heaviest(const al_sentfeat *sf, uint32_t *items, size_t n)
{
    uint64_t small[2 * MAX_UNIT_ITEMS];
    uint64_t *keys = n <= 2 * MAX_UNIT_ITEMS ? small
                                             : al_malloc(n * sizeof *keys);
    if (keys == NULL)
        return;              /* kept in their order: still some items */
    for (size_t k = 0; k < n; k++) {
        float w = sf->tw[sf->itype[items[k]]];
        uint32_t bits;
        memcpy(&bits, &w, sizeof bits);
        keys[k] = (uint64_t)~bits << 32 | items[k];
    }
    sort_keys(keys, n);
    for (size_t k = 0; k < n; k++)
        items[k] = (uint32_t)keys[k];
    if (keys != small)
        free(keys);
}

/* Appends the items ITEMS[0..N) of one unit to U (at *NI), the heaviest
 * CAP of them when there are more. */
static void put_items(units *u, uint32_t *ni, uint32_t *items, size_t n,
                      size_t cap)
{
    if (n > cap) {
        keep_heaviest(u->sf, items, n);
        n = cap;
    }
    memmove(u->iidx + *ni, items, n * sizeof *items);
    *ni += (uint32_t)n;
}

/* How a sentence ends, for the boundary agreement of beads: a bead that
 * ends at a clause boundary (";", ":", ",") or a question on one side and a
 * plain sentence end on the other likely cuts a sentence that continues;
 * so does one that ends inside a parenthesis on one side only (END_OPEN:
 * a parenthesis or bracket opened in the paragraph is not closed yet,
 * "Das Buch von J. Franco (Grenoble-Paris :"). */
enum { END_SENTENCE = 0, END_CLAUSE = 2, END_QUESTION = 4, END_PARAGRAPH = 1,
       END_OPEN = 8 };
#define END_CLASS(e) ((e) & ~(uint32_t)(END_PARAGRAPH | END_OPEN))

/* Most sentences a parenthesis is taken to stay open over (textberg-dev:
 * 2); one open longer is taken for a stray. */
#define OPEN_MAX_SENTENCES 3

/* Parentheses and brackets of S opened minus closed, added to DEPTH (not
 * below 0). */
static int bracket_depth(const char *s, size_t n, int depth)
{
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '(' || s[k] == '[')
            depth++;
        else if ((s[k] == ')' || s[k] == ']') && depth > 0)
            depth--;
    }
    return depth;
}

static uint32_t end_class(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    while (n > 0) {
        size_t k = n - 1;
        while (k > 0 && (u[k] & 0xC0) == 0x80)
            k--;
        int32_t cp;
        if (al_utf8_decode(u + k, n - k, &cp) == 0)
            break;
        /* Closing quotes and brackets and spaces ("Pourquoi ?" »). */
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
            cp == 0x202F || al_is_closing(cp)) {
            n = k;
            continue;
        }
        if (cp == ';' || cp == ':' || cp == ',')
            return END_CLAUSE;
        return cp == '?' ? END_QUESTION : END_SENTENCE;
    }
    return END_SENTENCE;
}

/* The parts and splits of U, units of T, when a sentence of T holds more
 * than one. */
static int count_splits(units *u, const al_text *t)
{
    size_t k = 0;
    while (k < u->n && t->sents[k].parts == 1)
        k++;
    if (k == u->n)
        return AL_OK;
    u->parts = al_malloc(u->n);
    u->splits = al_malloc((u->n + 1) * sizeof *u->splits);
    if (u->parts == NULL || u->splits == NULL)
        return AL_ENOMEM;
    u->splits[0] = 0;
    for (size_t i = 0; i < u->n; i++) {
        uint32_t p = t->sents[i].parts;
        u->parts[i] = (uint8_t)(p < PARTS_MAX ? p : PARTS_MAX);
        u->splits[i + 1] = u->splits[i] + (p > 1);
    }
    return AL_OK;
}

/* Units of a text: one per sentence. */
static int units_from_text(const al_text *t, const al_sentfeat *sf, units *u)
{
    if (units_alloc(u, t->n_sents, sf->n_items) != AL_OK)
        return AL_ENOMEM;
    u->sf = sf;
    uint32_t ni = 0;
    int depth = 0, open_run = 0;
    for (size_t i = 0; i < t->n_sents; i++) {
        u->cum_len[i + 1] = u->cum_len[i] + sf->len[i];
        size_t len;
        const char *text = al_sent_norm(t, i, &len);
        u->ends[i] = end_class(text, len);
        depth = bracket_depth(text, len, depth);
        open_run = depth > 0 ? open_run + 1 : 0;
        if (open_run > OPEN_MAX_SENTENCES)
            depth = open_run = 0;   /* a stray "(", or ":(" */
        if (depth > 0)
            u->ends[i] |= END_OPEN;
        if (i + 1 == t->n_sents || t->sents[i + 1].para != t->sents[i].para) {
            u->ends[i] |= END_PARAGRAPH;
            depth = 0;
        }
        u->ioff[i] = ni;
        for (uint32_t k = sf->ioff[i]; k < sf->ioff[i + 1]; k++)
            u->iidx[ni + (k - sf->ioff[i])] = k;
        put_items(u, &ni, u->iidx + ni, sf->ioff[i + 1] - sf->ioff[i],
                  MAX_UNIT_ITEMS);
    }
    u->ioff[t->n_sents] = ni;
    units_weigh(u);
    return count_splits(u, t);
}

/* Merges units 2k and 2k+1 of FINE into unit k of COARSE. */
static int units_coarsen(const units *fine, units *coarse)
{
    size_t n = (fine->n + 1) / 2;
    if (units_alloc(coarse, n, fine->ioff[fine->n]) != AL_OK)
        return AL_ENOMEM;
    coarse->sf = fine->sf;
    uint32_t ni = 0;
    for (size_t k = 0; k < n; k++) {
        size_t a = 2 * k, b = 2 * k + 1 < fine->n ? 2 * k + 2 : 2 * k + 1;
        coarse->cum_len[k + 1] = fine->cum_len[b];
        coarse->ends[k] = fine->ends[b - 1];
        coarse->ioff[k] = ni;
        size_t cnt = fine->ioff[b] - fine->ioff[a];
        memcpy(coarse->iidx + ni, fine->iidx + fine->ioff[a],
               cnt * sizeof *coarse->iidx);
        put_items(coarse, &ni, coarse->iidx + ni, cnt, coarse_items(n));
    }
    coarse->ioff[n] = ni;
    units_weigh(coarse);
    return AL_OK;
}

/* Total weight of the items of unit I of U whose bits are set in MASK. */
static double mask_weight(const units *u, size_t i, uint64_t mask)
{
    double w = 0;
    while (mask != 0) {
        int bit = __builtin_ctzll(mask);
        w += u->sf->tw[u->sf->itype[u->iidx[u->ioff[i] + (uint32_t)bit]]];
        mask &= mask - 1;
    }
    return w;
}

/* ---- feature sets, built where the search passes ---- */

/* One entry of a unit's feature set: a feature key (plus one; 0 marks an
 * empty slot) and the unit's items that have it, one bit per item. */
typedef struct {
    uint32_t key;
    uint64_t items;
} feature_slot;

/* Feature sets of a window of source units, as open-addressing tables. A
 * pass of the search needs a unit's set only while it works near that
 * unit, so each pass builds the sets of the units it reaches, in a
 * direct-mapped table of windows slots: memory follows the band, not the
 * document's length. */
typedef struct {
    const units *u;
    size_t mask;             /* window slots - 1, a power of two */
    size_t *unit;            /* per window slot: the unit, SIZE_MAX none */
    feature_slot **set;      /* per window slot: its table */
    uint32_t *bits;          /* per window slot: log2 of the table's size */
    int rc;                  /* AL_ENOMEM once a table could not grow */
} set_window;

static void window_free(set_window *w)
{
    for (size_t k = 0; w->set != NULL && k <= w->mask; k++)
        free(w->set[k]);
    free(w->unit);
    free(w->set);
    free(w->bits);
    memset(w, 0, sizeof *w);
}

/* A window of U with room for SPAN units at once. */
static int window_init(set_window *w, const units *u, size_t span)
{
    memset(w, 0, sizeof *w);
    size_t slots = 8;
    while (slots < span)
        slots *= 2;
    w->u = u;
    w->mask = slots - 1;
    w->unit = al_malloc(slots * sizeof *w->unit);
    w->set = al_calloc(slots, sizeof *w->set);
    w->bits = al_calloc(slots, sizeof *w->bits);
    if (!w->unit || !w->set || !w->bits) {
        window_free(w);
        return AL_ENOMEM;
    }
    for (size_t k = 0; k < slots; k++)
        w->unit[k] = SIZE_MAX;
    return AL_OK;
}

static uint32_t slot_of(uint32_t key, uint32_t bits)
{
    return (uint32_t)(key * 0x9E3779B1u) >> (32 - bits);
}

/* Builds the feature set of unit I into window slot S. */
static void window_build(set_window *w, size_t s, size_t i)
{
    const units *u = w->u;
    const al_sentfeat *sf = u->sf;
    size_t total = 0;
    for (uint32_t k = u->ioff[i]; k < u->ioff[i + 1]; k++) {
        uint32_t ty = sf->itype[u->iidx[k]];
        total += sf->tfo[ty + 1] - sf->tfo[ty];
    }
    /* At most half full. */
    uint32_t bits = 4;
    while (bits < 31 && ((size_t)1 << bits) < 2 * total)
        bits++;
    if (bits > w->bits[s]) {
        free(w->set[s]);
        w->set[s] = al_malloc(((size_t)1 << bits) * sizeof *w->set[s]);
        w->bits[s] = w->set[s] != NULL ? bits : 0;
        if (w->set[s] == NULL) {
            w->rc = AL_ENOMEM;
            w->unit[s] = SIZE_MAX;
            return;
        }
    }
    bits = w->bits[s];
    feature_slot *t = w->set[s];
    uint32_t m = ((uint32_t)1 << bits) - 1;
    memset(t, 0, ((size_t)m + 1) * sizeof *t);
    for (uint32_t k = u->ioff[i]; k < u->ioff[i + 1]; k++) {
        uint32_t ty = sf->itype[u->iidx[k]];
        uint64_t bit = (uint64_t)1 << (k - u->ioff[i]);
        for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++) {
            uint32_t key = FEATURE_KEY(sf->tfeat[f]) + 1;
            uint32_t h = slot_of(key, bits);
            while (t[h].key != 0 && t[h].key != key)
                h = (h + 1) & m;
            t[h].key = key;
            t[h].items |= bit;
        }
    }
    w->unit[s] = i;
}

/* What a sentence pair shares: the weights of the items of each side that
 * match the other, and which of its first 32 items they are, one bit
 * each. A merged bead counts an item once however many of the
 * other side's sentences it matches: from the masks (items past the first
 * 32 of a sentence, rare, can be counted twice). 32 bits, not 64: the
 * table of a million-sentence pair holds millions of these. */
typedef struct {
    float st, ts;            /* m(x -> y), m(y -> x): matched weights */
    uint32_t ms, mt;         /* the matched items of x, of y */
} pair_match;

/* Matched items both ways between source unit I (its set from WS) and unit
 * J of T, into *PM: each feature of J's items is looked up in I's set; the
 * items on both sides that share a feature are marked in masks. Without
 * memory for I's set nothing matches, and WS->rc says so. */
static void match_pair(set_window *ws, size_t i, const units *t, size_t j,
                       pair_match *pm)
{
    size_t s = i & ws->mask;
    if (ws->unit[s] != i)
        window_build(ws, s, i);
    uint64_t ms = 0, mt = 0;
    if (ws->unit[s] == i) {
        const feature_slot *set = ws->set[s];
        uint32_t bits = ws->bits[s], m = ((uint32_t)1 << bits) - 1;
        const al_sentfeat *sf = t->sf;
        for (uint32_t k = t->ioff[j]; k < t->ioff[j + 1]; k++) {
            uint32_t ty = sf->itype[t->iidx[k]];
            for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++) {
                uint32_t key = FEATURE_KEY(sf->tfeat[f]) + 1;
                for (uint32_t h = slot_of(key, bits); set[h].key != 0;
                     h = (h + 1) & m)
                    if (set[h].key == key) {
                        ms |= set[h].items;
                        mt |= (uint64_t)1 << (k - t->ioff[j]);
                        break;
                    }
            }
        }
    }
    pm->ms = (uint32_t)ms;   /* the first 32 items */
    pm->mt = (uint32_t)mt;
    pm->st = ms ? (float)mask_weight(ws->u, i, ms) : 0;
    pm->ts = mt ? (float)mask_weight(t, j, mt) : 0;
}

/* ---- a row of pairs at once ---- */

/* The pairs of source unit x with a run of target units [from, to) share
 * the work match_pair does per pair: the features of a block of target
 * units are indexed once, each with the units that have it, and x's
 * features are looked up there once for the whole run (about a fifth of
 * the lookups of pair after pair at the sentence level). The values are
 * match_pair's, exactly. */
#define NO_ENTRY UINT32_MAX

typedef struct {
    uint32_t key;            /* FEATURE_KEY + 1; 0: an empty slot */
    uint32_t head;           /* its entry of the last unit, or NO_ENTRY */
} chain_head;

typedef struct {
    uint32_t y;              /* a target unit that has the feature */
    uint32_t next;           /* the entry of an earlier unit, or NO_ENTRY */
    uint64_t bits;           /* its items that have it */
} chain_entry;

typedef struct {
    const units *t;
    set_window ref;          /* under al_reference_match: source sets */
    size_t ya, yb;           /* the units indexed, [ya, yb) */
    chain_head *head;
    uint32_t bits;           /* log2 of head's slots */
    chain_entry *e;
    size_t ne, cap;
    uint64_t *ms, *mt;       /* per pair of the run: matched items */
    size_t width;
    int rc;                  /* AL_ENOMEM once something could not grow */
} target_index;

/* Target units indexed past a run's end, so that the next rows' runs are
 * found in the same block. */
#define INDEX_SLACK 32

bool al_reference_match = false;

static void target_index_init(target_index *ti, const units *t)
{
    memset(ti, 0, sizeof *ti);
    ti->t = t;
}

/* The slot of feature KEY in TI's table: its chain, or the empty slot where
 * it would go. */
static chain_head *chain_of(const target_index *ti, uint32_t key)
{
    uint32_t m = ((uint32_t)1 << ti->bits) - 1;
    uint32_t h = slot_of(key, ti->bits);
    while (ti->head[h].key != 0 && ti->head[h].key != key)
        h = (h + 1) & m;
    return &ti->head[h];
}

static void target_index_free(target_index *ti)
{
    window_free(&ti->ref);
    free(ti->head);
    free(ti->e);
    free(ti->ms);
    free(ti->mt);
    memset(ti, 0, sizeof *ti);
}

/* Indexes target units [YA, YB). */
static void target_index_build(target_index *ti, size_t ya, size_t yb)
{
    const units *t = ti->t;
    const al_sentfeat *sf = t->sf;
    size_t total = 0;
    for (uint32_t k = t->ioff[ya]; k < t->ioff[yb]; k++) {
        uint32_t ty = sf->itype[t->iidx[k]];
        total += sf->tfo[ty + 1] - sf->tfo[ty];
    }
    uint32_t bits = 4;       /* at most half full */
    while (bits < 31 && ((size_t)1 << bits) < 2 * total)
        bits++;
    if (bits > ti->bits) {
        free(ti->head);
        ti->head = al_malloc(((size_t)1 << bits) * sizeof *ti->head);
        ti->bits = ti->head != NULL ? bits : 0;
    }
    if (total > ti->cap) {
        free(ti->e);
        ti->e = al_malloc(total * sizeof *ti->e);
        ti->cap = ti->e != NULL ? total : 0;
    }
    ti->ya = ti->yb = ya;
    ti->ne = 0;
    if (ti->head == NULL || (total > 0 && ti->e == NULL) ||
        total >= NO_ENTRY) {
        ti->rc = AL_ENOMEM;
        return;
    }
    memset(ti->head, 0, ((size_t)1 << ti->bits) * sizeof *ti->head);
    for (size_t y = ya; y < yb; y++)
        for (uint32_t k = t->ioff[y]; k < t->ioff[y + 1]; k++) {
            uint32_t ty = sf->itype[t->iidx[k]];
            uint64_t bit = (uint64_t)1 << (k - t->ioff[y]);
            for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++) {
                uint32_t key = FEATURE_KEY(sf->tfeat[f]) + 1;
                chain_head *c = chain_of(ti, key);
                if (c->key == 0) {
                    c->key = key;
                    c->head = NO_ENTRY;
                }
                if (c->head != NO_ENTRY && ti->e[c->head].y == y) {
                    ti->e[c->head].bits |= bit;
                    continue;
                }
                chain_entry *e = &ti->e[ti->ne];
                e->y = (uint32_t)y;
                e->next = c->head;
                e->bits = bit;
                c->head = (uint32_t)ti->ne++;
            }
        }
    ti->yb = yb;
}

/* The pairs of source unit X of S with target units [FROM, TO) into
 * OUT[0 .. TO - FROM), as match_pair gives them (none matched when
 * memory ran out: TI->rc says so). */
static void match_row(target_index *ti, const units *s, size_t x,
                      size_t from, size_t to, pair_match *out)
{
    const units *t = ti->t;
    size_t width = to > from ? to - from : 0;
    memset(out, 0, width * sizeof *out);
    if (width == 0)
        return;
    if (al_reference_match) {
        if (ti->ref.u == NULL && window_init(&ti->ref, s, 1) != AL_OK)
            ti->rc = AL_ENOMEM;
        for (size_t y = from; ti->rc == AL_OK && y < to; y++)
            match_pair(&ti->ref, x, t, y, &out[y - from]);
        if (ti->rc == AL_OK)
            ti->rc = ti->ref.rc;
        return;
    }
    if (from < ti->ya || to > ti->yb) {
        /* A new block, ahead of the run in the direction the rows go. */
        size_t span = 2 * width + INDEX_SLACK, n = t->n;
        size_t a = from, b = from + span < n ? from + span : n;
        if (from < ti->ya && ti->yb > ti->ya) {
            b = to;
            a = to > span ? to - span : 0;
        }
        target_index_build(ti, a, b);
    }
    if (width > ti->width) {
        free(ti->ms);
        free(ti->mt);
        ti->ms = al_malloc(width * sizeof *ti->ms);
        ti->mt = al_malloc(width * sizeof *ti->mt);
        ti->width = ti->ms && ti->mt ? width : 0;
    }
    if (ti->rc != AL_OK || ti->width == 0 || from < ti->ya || to > ti->yb) {
        ti->rc = AL_ENOMEM;
        return;
    }
    uint64_t *ms = ti->ms, *mt = ti->mt;
    memset(ms, 0, width * sizeof *ms);
    memset(mt, 0, width * sizeof *mt);
    const al_sentfeat *sf = s->sf;
    for (uint32_t k = s->ioff[x]; k < s->ioff[x + 1]; k++) {
        uint32_t ty = sf->itype[s->iidx[k]];
        uint64_t bit = (uint64_t)1 << (k - s->ioff[x]);
        for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++) {
            const chain_head *c = chain_of(ti, FEATURE_KEY(sf->tfeat[f]) + 1);
            /* The chain runs from the last unit down. */
            for (uint32_t e = c->key != 0 ? c->head : NO_ENTRY;
                 e != NO_ENTRY && ti->e[e].y >= from; e = ti->e[e].next)
                if (ti->e[e].y < to) {
                    ms[ti->e[e].y - from] |= bit;
                    mt[ti->e[e].y - from] |= ti->e[e].bits;
                }
        }
    }
    for (size_t c = 0; c < width; c++) {
        if (ms[c] == 0)
            continue;
        out[c].ms = (uint32_t)ms[c];   /* the first 32 items */
        out[c].mt = (uint32_t)mt[c];
        out[c].st = (float)mask_weight(s, x, ms[c]);
        out[c].ts = (float)mask_weight(t, from + c, mt[c]);
    }
}

/* ---- the cost model ---- */

/* A merged sentence sharing less than this part of its anchor weight with
 * the other side counts as an orphan. */
#define ORPHAN_SHARE 0.25
/* Unmatched weight that earns the full orphan penalty. */
#define ORPHAN_FULL_WEIGHT 2.0

typedef struct {
    int a, b;
    double prior;            /* -log P(type) */
} bead_type;

/* Sentences a side of a bead holds, counted for the prior, at most: five
 * units of PARTS_MAX. */
#define EFFECTIVE_MAX 20

/* The LLR of anchors is tabulated for K (other side's length in mean
 * sentences) on [LLR_K_MIN, LLR_K_MAX] in LLR_STEPS steps. Below the
 * minimum the chance of a random match is taken at the minimum: even a
 * short sentence can match by chance. */
#define LLR_K_MIN 0.5
#define LLR_K_MAX 32.0
#define LLR_STEPS 1024

typedef struct {
    const units *s, *t;
    double ratio, var;       /* length model: target/source chars, variance */
    double anchor_weight;
    double p_true, p_rand;   /* matched share of item weight: see bead_cost */
    double mean_len[2];      /* mean sentence length, source and target */
    double llr_scale[2];     /* LLR_STEPS per LLR_K_MAX - LLR_K_MIN mean
                              * lengths of each side, in characters */
    /* LLR per unit of matched and of missed weight against K mean
     * sentences of the other side, tabulated: see llr_rates. */
    double llr_match[LLR_STEPS + 2], llr_miss[LLR_STEPS + 2];
    double orphan_penalty;   /* per merged sentence that shares no anchor */
    double end_cost[3][3];   /* per END_CLASS >> 1 of a bead's source and
                              * target ends, with AL_ANCHOR_PUNCT: see
                              * learn_ends */
    double para_penalty;     /* per boundary kind on which a bead's ends
                              * disagree: paragraph, punctuation */
    bool punct;              /* AL_ANCHOR_PUNCT */
    bool union_items;        /* merges count an item matched twice once */
    bead_type types[16];
    int n_types;
} cost_model;

/* Bead type priors after Gale & Church (1993), extended to 3 sentences a
 * side with the probability mass of the rare types split evenly. */
static void init_types(cost_model *cm, int max_bead)
{
    static const struct { int a, b; double p; } t[] = {
        {1, 1, 0.89}, {1, 0, 0.0099}, {0, 1, 0.0099}, {2, 1, 0.089 / 2},
        {1, 2, 0.089 / 2}, {2, 2, 0.011}, {3, 1, 0.002}, {1, 3, 0.002},
        {3, 2, 0.001}, {2, 3, 0.001}, {3, 3, 0.0005}, {4, 1, 0.0003},
        {1, 4, 0.0003}, {5, 1, 0.0001}, {1, 5, 0.0001},
    };
    cm->n_types = 0;
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
        if (t[k].a <= max_bead && t[k].b <= max_bead) {
            cm->types[cm->n_types].a = t[k].a;
            cm->types[cm->n_types].b = t[k].b;
            cm->types[cm->n_types].prior = -log(t[k].p);
            cm->n_types++;
        }
}

/* The length cost a bead of translations pays on average: -log of the
 * two-sided tail probability, which is uniform on [0, 1] when the lengths
 * follow the model, has mean 1. */
#define LENGTH_COST_MEAN 1.0

/* The prior of a bead whose units hold more sentences than one
 * (presegmented lines that are two sentences to the segmenter, see
 * al_sent). Its sentences are aligned by beads of the sentence-level types
 * that end nowhere inside it where both sides' units end (that would be two
 * beads of units, which the search tries on its own); their probabilities
 * are summed over all such ways. A 2-1 bead whose one line holds two
 * sentences is then about as likely as two 1-1 beads, and a 1-1 bead of a
 * line of two sentences and a line of one as a 1-2 bead. Each way's beads
 * with sentences on both sides also pay the length cost they would pay on
 * average as beads of their own, but one (bead_cost adds the bead's own):
 * else a line of three sentences with three lines of the other side would
 * pass one length test where three 1-1 beads pass three. With a sentence
 * per unit the only way is the bead type itself: its prior. */
static double split_prior(const cost_model *cm, const uint8_t *ps, int a,
                          const uint8_t *pt, int b)
{
    bool bs[EFFECTIVE_MAX + 1] = {false}, bt[EFFECTIVE_MAX + 1] = {false};
    int na = 0, nb = 0;
    bs[0] = bt[0] = true;
    for (int x = 0; x < a; x++)
        bs[na += ps[x]] = true;
    for (int y = 0; y < b; y++)
        bt[nb += pt[y]] = true;
    double q[EFFECTIVE_MAX + 1][EFFECTIVE_MAX + 1];
    for (int x = 0; x <= na; x++)
        for (int y = 0; y <= nb; y++) {
            double sum = x == 0 && y == 0 ? 1 : 0;
            if (sum == 0 && !(bs[x] && bt[y] && (x < na || y < nb)))
                for (int k = 0; k < cm->n_types; k++) {
                    const bead_type *ty = &cm->types[k];
                    if (ty->a <= x && ty->b <= y)
                        sum += exp(-ty->prior - (ty->a && ty->b
                                                 ? LENGTH_COST_MEAN : 0)) *
                               q[x - ty->a][y - ty->b];
                }
            q[x][y] = sum;
        }
    return -log(q[na][nb]) - (a && b ? LENGTH_COST_MEAN : 0);
}

/* Priors of split beads already worked out, per thread: the same few
 * patterns of sentence counts come back in every bead around a split
 * unit. */
#define SPLIT_MEMO 1024
static _Thread_local struct {
    uint64_t key;
    double prior;
} split_memo[SPLIT_MEMO];

static double bead_prior(const cost_model *cm, const bead_type *bt, size_t i,
                         size_t j)
{
    const uint8_t *sp = cm->s->parts, *tp = cm->t->parts;  /* NULL: all 1 */
    uint8_t ps[5], pt[5];
    uint64_t key = (uint64_t)cm->n_types;
    for (int x = 0; x < bt->a; x++) {
        ps[x] = sp ? sp[i - bt->a + x] : 1;
        key = key << 3 | ps[x];
    }
    for (int y = 0; y < bt->b; y++) {
        pt[y] = tp ? tp[j - bt->b + y] : 1;
        key = key << 3 | pt[y];
    }
    key = key << 6 | (uint64_t)(bt->a << 3 | bt->b);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15u) >> 54) % SPLIT_MEMO;
    if (split_memo[slot].key != key) {
        split_memo[slot].key = key;
        split_memo[slot].prior = split_prior(cm, ps, bt->a, pt, bt->b);
    }
    return split_memo[slot].prior;
}

/* Penalty for a sentence of a merge that shares SHARED of its anchor weight
 * W with the other side: none below ORPHAN_SHARE of W; above, growing with
 * the unmatched weight up to one full-weight anchor (a unique number). */
static double orphan_cost(const cost_model *cm, double shared, double w)
{
    if (shared >= ORPHAN_SHARE * w)
        return 0;
    double unmatched = (w - shared) / ORPHAN_FULL_WEIGHT;
    return cm->orphan_penalty * (unmatched < 1 ? unmatched : 1);
}

/* -log of the two-sided normal tail beyond |d|, without underflow. */
static double tail_cost_exact(double d)
{
    d = fabs(d);
    if (d < 6) {
        double p = erfc(d / sqrt(2.0));
        if (p > 1e-300)
            return -log(p);
    }
    /* Asymptotic: log erfc(x) ~ -x^2 - log(x sqrt(pi)). */
    double x = d / sqrt(2.0);
    return x * x + log(x * sqrt(M_PI));
}

/* tail_cost_exact tabulated on [0, TAIL_MAX] (it is called for every bead
 * the search considers), linearly interpolated: error below 1e-4. */
#define TAIL_STEPS 2048
#define TAIL_MAX 8.0
static double tail_table[TAIL_STEPS + 2];
static pthread_once_t tail_once = PTHREAD_ONCE_INIT;

static void tail_init(void)
{
    for (int k = 0; k <= TAIL_STEPS + 1; k++)
        tail_table[k] = tail_cost_exact(TAIL_MAX * k / TAIL_STEPS);
}

static double tail_cost(double d)
{
    d = fabs(d);
    if (d >= TAIL_MAX)
        return tail_cost_exact(d);
    double x = d * (TAIL_STEPS / TAIL_MAX);
    int k = (int)x;
    return tail_table[k] + (x - k) * (tail_table[k + 1] - tail_table[k]);
}

/* A band of the DP: for each row i (source prefix), columns lo..hi. */
typedef struct {
    size_t *lo, *hi;         /* n + 1 column ranges [lo, hi] per row */
} band;

/* Matched weights of sentence pairs near the DP's current row: row x of the
 * ring holds m(x -> y) and m(y -> x) for columns [lo, lo + width), computed
 * on first use. Pairs outside it, or all pairs of a cache without a ring,
 * are computed directly. The entries of both sides come from windows of
 * the pass's own. */
typedef struct pair_table pair_table;

typedef struct {
    const pair_table *tab;   /* read first when not NULL */
    size_t reach;            /* source units a bead covers, at most: the
                              * ring's rows */
    size_t width;            /* ring columns */
    size_t *x, *lo, *hi;     /* per ring row: its unit, its columns [lo, hi);
                              * x is NULL without a ring */
    pair_match *pm;          /* reach * width */
    target_index ti;         /* target features, to fill ring rows */
    set_window win;          /* feature sets of source units, for pairs
                              * outside the ring and the table */
    const units *s, *t;      /* source and target units */
} pair_cache;

/* Matched weights of every sentence pair a bead inside a band can cover,
 * computed once and then only read (see sweep_band): row x holds
 * m(x -> y) and m(y -> x) for y in [lo[x], lo[x] + cols[x]). Most pairs
 * match nothing: a bit per pair, in 64-bit words, marks those that do, and
 * only theirs are kept, like the ring's, so a bead costs the same read
 * from either. The two threads that fill it keep the values of
 * their halves of the rows apart. */
struct pair_table {
    size_t *lo, *cols;       /* n: first column and columns of each row */
    size_t *woff;            /* n + 1: each row's first word */
    uint64_t *mask;          /* per word: its pairs that match */
    size_t *rank;            /* per word: index of its first matched pair */
    size_t half;             /* rows from here keep their values in [1] */
    pair_match *val[2];
};

/* Bits set in X, in a few operations without a table (a build for any
 * x86-64 turns __builtin_popcountll into a call of a table-driven
 * function). */
static int popcount64(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (int)((x * 0x0101010101010101u) >> 56);
}

/* Inlined: called for every sentence pair of every bead costed. */
static inline __attribute__((always_inline)) void
pair_values(pair_cache *pc, size_t x, size_t y, pair_match *pm)
{
    if (pc->tab != NULL) {
        const pair_table *tb = pc->tab;
        if (y >= tb->lo[x] && y - tb->lo[x] < tb->cols[x]) {
            /* Without a branch: an unmatched pair reads its successor's
             * (or the sentinel's) values and masks them out. */
            size_t off = y - tb->lo[x], w = tb->woff[x] + off / 64;
            uint64_t mk = tb->mask[w];
            size_t k = tb->rank[w] +
                       (size_t)popcount64(mk & (((uint64_t)1 << (off % 64)) - 1));
            uint64_t on = mk >> (off % 64) & 1;
            const pair_match *v = &tb->val[x >= tb->half][k];
            pm->st = v->st * (float)on;
            pm->ts = v->ts * (float)on;
            pm->ms = v->ms & (uint32_t)(0 - on);
            pm->mt = v->mt & (uint32_t)(0 - on);
            return;
        }
    }
    if (pc->x != NULL) {
        size_t r = x % pc->reach;
        if (pc->x[r] == x && y >= pc->lo[r] && y < pc->hi[r]) {
            *pm = pc->pm[r * pc->width + (y - pc->lo[r])];
            return;
        }
    }
    match_pair(&pc->win, x, pc->t, y, pm);
}

/* Log-likelihood ratios per unit of item weight matched (*MATCH) and not
 * matched (*MISS) against LEN characters of SIDE (the other side of a bead,
 * or a part of it), K = LEN / mean_len[SIDE] mean sentences: a bead's
 * anchors give GOT * MATCH + (W - GOT) * MISS for GOT of W item weight
 * matched, at most W * max(MATCH, MISS). */
static inline void llr_rates(const cost_model *cm, int side, double len,
                             double *match, double *miss)
{
    double x = len * cm->llr_scale[side] - LLR_K_MIN *
                                             (LLR_STEPS / (LLR_K_MAX - LLR_K_MIN));
    if (x < 0)
        x = 0;
    if (x > LLR_STEPS)
        x = LLR_STEPS;
    int q = (int)x;
    double f = x - q;
    *match = cm->llr_match[q] + f * (cm->llr_match[q + 1] - cm->llr_match[q]);
    *miss = cm->llr_miss[q] + f * (cm->llr_miss[q + 1] - cm->llr_miss[q]);
}

/* Column range of ring row X: wide enough for every bead that covers source
 * unit X from any band row it can start or end in (forward or backward
 * sweeps alike). */
static void pair_row_range(const band *bd, size_t n, size_t depth, size_t maxb,
                           size_t x, size_t *from, size_t *to)
{
    size_t r0 = x + 1 > depth ? x + 1 - depth : 0;
    size_t r1 = x + depth < n ? x + depth : n;
    *from = bd->lo[r0] > maxb ? bd->lo[r0] - maxb : 0;
    *to = bd->hi[r1] + maxb;
}

/* A ring of DEPTH rows: the source units a bead covers. */
static int pair_cache_init(pair_cache *pc, const cost_model *cm,
                           const band *bd, size_t depth, size_t maxb)
{
    size_t n = cm->s->n;
    memset(pc, 0, sizeof *pc);
    pc->reach = depth > 0 ? depth : 1;
    for (size_t x = 0; x < n; x++) {
        size_t from, to;
        pair_row_range(bd, n, pc->reach, maxb, x, &from, &to);
        if (to + 1 - from > pc->width)
            pc->width = to + 1 - from;
    }
    pc->x = al_malloc(pc->reach * sizeof *pc->x);
    pc->lo = al_calloc(pc->reach, sizeof *pc->lo);
    pc->hi = al_calloc(pc->reach, sizeof *pc->hi);
    pc->pm = al_malloc(pc->reach * (pc->width + 1) * sizeof *pc->pm);
    pc->s = cm->s;
    pc->t = cm->t;
    target_index_init(&pc->ti, cm->t);
    if (!pc->x || !pc->lo || !pc->hi || !pc->pm ||
        window_init(&pc->win, cm->s, 1) != AL_OK)
        return AL_ENOMEM;
    for (size_t r = 0; r < pc->reach; r++)
        pc->x[r] = SIZE_MAX;
    return AL_OK;
}

/* A cache without a ring that reads TAB; pairs outside it (none, for
 * beads inside the band TAB was built for) are computed directly. */
static int pair_cache_over(pair_cache *pc, const cost_model *cm,
                           const pair_table *tab)
{
    memset(pc, 0, sizeof *pc);
    pc->tab = tab;
    pc->s = cm->s;
    pc->t = cm->t;
    target_index_init(&pc->ti, cm->t);
    return window_init(&pc->win, cm->s, 1);
}

static void pair_cache_free(pair_cache *pc)
{
    free(pc->x);
    free(pc->lo);
    free(pc->hi);
    free(pc->pm);
    target_index_free(&pc->ti);
    window_free(&pc->win);
}

/* AL_ENOMEM when some feature set could not be built during the pass. */
static int pair_cache_status(const pair_cache *pc)
{
    return pc->win.rc != AL_OK ? pc->win.rc : pc->ti.rc;
}

/* Source unit X enters the ring (replacing X - reach), its pairs matched. */
static void pair_cache_enter(pair_cache *pc, const band *bd, size_t n,
                             size_t maxb, size_t x)
{
    size_t r = x % pc->reach, from, to;
    pair_row_range(bd, n, pc->reach, maxb, x, &from, &to);
    size_t end = to + 1 < pc->t->n ? to + 1 : pc->t->n;   /* units < m */
    pc->x[r] = x;
    pc->lo[r] = from;
    pc->hi[r] = end > from ? end : from;
    match_row(&pc->ti, pc->s, x, from, pc->hi[r], &pc->pm[r * pc->width]);
}

/* Penalty of a bead whose sides end as ES and ET (see end_class). */
static double boundary_cost(const cost_model *cm, uint32_t es, uint32_t et)
{
    double c = 0;
    if ((es & END_PARAGRAPH) != (et & END_PARAGRAPH))
        c += cm->para_penalty;
    if (cm->punct)
        c += cm->end_cost[END_CLASS(es) >> 1][END_CLASS(et) >> 1];
    if (cm->punct && (es & END_OPEN) != (et & END_OPEN))
        c += cm->para_penalty;
    return c;
}

/* The diagonal of a bead with more than one unit on both sides: a unit's
 * items are expected in the part of the other side that its own place in
 * the bead spans (the units of the other side that overlap it when both
 * sides are laid on [0, 1] by length). A match there is weighed against
 * the chance of a random match in that part alone, as in a bead of those
 * units; a match elsewhere in the bead is no better than none (the
 * translation was expected in the part: that it is missing there is what
 * the match elsewhere tells). The anchors of two sentences that cross two
 * others (the first's end said in the second of the other side) then give
 * what those of two 1-1 beads give, plus what the crossing matches add,
 * where the whole-bead rates made every merge pay in every match it kept;
 * the dearer prior of the merge stays. */
typedef struct {
    bool near[5][5];             /* [x][y]: unit y in unit x's part */
    double match[2][5], miss[2][5];  /* rates of each unit of each side */
    double most;                 /* the LLR at most (all weight at the
                                  * better rate) */
} diagonal;

static void diagonal_init(const cost_model *cm, const bead_type *bt,
                          size_t i, size_t j, double l1, double l2,
                          diagonal *dg)
{
    const units *s = cm->s, *t = cm->t;
    size_t i0 = i - bt->a, j0 = j - bt->b;
    double ks[5] = {0}, kt[5] = {0};
    for (int x = 0; x < bt->a; x++) {
        double xa = s->cum_len[i0 + x] - s->cum_len[i0];
        double xb = s->cum_len[i0 + x + 1] - s->cum_len[i0];
        for (int y = 0; y < bt->b; y++) {
            double ya = t->cum_len[j0 + y] - t->cum_len[j0];
            double yb = t->cum_len[j0 + y + 1] - t->cum_len[j0];
            /* xa/l1 < yb/l2 and ya/l2 < xb/l1, without dividing */
            bool near = l1 <= 0 || l2 <= 0 ||
                        (xa * l2 < yb * l1 && ya * l1 < xb * l2);
            dg->near[x][y] = near;
            if (near) {
                ks[x] += yb - ya;
                kt[y] += xb - xa;
            }
        }
    }
    dg->most = 0;
    for (int side = 0; side < 2; side++) {     /* its items' side */
        const units *u = side ? t : s;
        size_t u0 = side ? j0 : i0;
        int n = side ? bt->b : bt->a;
        for (int x = 0; x < n; x++) {
            double *match = &dg->match[side][x], *miss = &dg->miss[side][x];
            llr_rates(cm, 1 - side, side ? kt[x] : ks[x], match, miss);
            dg->most += u->wsum[u0 + x] * (*match > *miss ? *match : *miss);
        }
    }
}

/* The item weight each unit of the bead covering source units [I-A, I) and
 * target [J-B, J) has matched on the other side: ROW[X] for source unit
 * I-A+X, COL[Y] for target unit J-B+Y. Only the pairs in DG's parts when
 * DG is not NULL. With UNION, an item matched by two units of the other
 * side counts once (the sum would count it again for every unit that
 * matches it, and favour merging sentences that say the same thing). */
static void matched_weights(const cost_model *cm, const bead_type *bt,
                            size_t i, size_t j, pair_cache *pc,
                            const diagonal *dg, bool union_items,
                            double *row, double *col)
{
    const units *s = cm->s, *t = cm->t;
    size_t i0 = i - bt->a, j0 = j - bt->b;
    uint32_t rmask[5] = {0}, cmask[5] = {0};
    for (int x = bt->a - 1; x >= 0; x--)
        for (int y = bt->b - 1; y >= 0; y--) {
            if (dg != NULL && !dg->near[x][y])
                continue;
            pair_match pm;
            pair_values(pc, i0 + x, j0 + y, &pm);
            uint32_t again_s = union_items ? rmask[x] & pm.ms : 0;
            uint32_t again_t = union_items ? cmask[y] & pm.mt : 0;
            row[x] += pm.st;
            col[y] += pm.ts;
            if (again_s != 0)
                row[x] -= mask_weight(s, i0 + x, again_s);
            if (again_t != 0)
                col[y] -= mask_weight(t, j0 + y, again_t);
            rmask[x] |= pm.ms;
            cmask[y] |= pm.mt;
        }
}

/* The anchors' log-likelihood ratio of a bead along its diagonal DG, from
 * the weights its units matched in their parts (matched_weights), which are
 * capped at each unit's weight. */
static double diagonal_llr(const cost_model *cm, const bead_type *bt,
                           size_t i, size_t j, const diagonal *dg,
                           double *row, double *col)
{
    const units *s = cm->s, *t = cm->t;
    size_t i0 = i - bt->a, j0 = j - bt->b;
    double llr = 0;
    for (int x = 0; x < bt->a; x++) {
        double w = s->wsum[i0 + x];
        row[x] = row[x] < w ? row[x] : w;
        llr += row[x] * dg->match[0][x] + (w - row[x]) * dg->miss[0][x];
    }
    for (int y = 0; y < bt->b; y++) {
        double w = t->wsum[j0 + y];
        col[y] = col[y] < w ? col[y] : w;
        llr += col[y] * dg->match[1][y] + (w - col[y]) * dg->miss[1][y];
    }
    return llr;
}

/* Cost of the bead covering source units [I-A, I) and target [J-B, J).
 * When a lower bound of the cost (anchors at their best) is already at
 * least LIMIT, the bound is returned instead: the anchors, the dearest
 * part, are not looked at. */
static double bead_cost(const cost_model *cm, int type, size_t i, size_t j,
                        pair_cache *pc, double limit)
{
    const bead_type *bt = &cm->types[type];
    const units *s = cm->s, *t = cm->t;
    double prior = (s->splits && s->splits[i] != s->splits[i - bt->a]) ||
                           (t->splits && t->splits[j] != t->splits[j - bt->b])
                       ? bead_prior(cm, bt, i, j)
                       : bt->prior;
    if (s->inner != NULL)
        for (int x = 2; x <= bt->a; x++)
            prior += s->inner[i - x];
    if (t->inner != NULL)
        for (int y = 2; y <= bt->b; y++)
            prior += t->inner[j - y];
    if (bt->a == 0 || bt->b == 0)
        return prior;        /* null beads: no length evidence either way */
    double l1 = s->cum_len[i] - s->cum_len[i - bt->a];
    double l2 = t->cum_len[j] - t->cum_len[j - bt->b];
    double edge = boundary_cost(cm, s->ends[i - 1], t->ends[j - 1]);
    /* The anchors' rates against the other side's length, and the most
     * they can give: with the prior and the ends, a lower bound of the
     * cost, tried before the length model (a square root and a division)
     * and before the pairs are read. */
    double ws = 0, wt = 0, most = 0;
    bool diag = bt->a > 1 && bt->b > 1;   /* see diagonal_init */
    diagonal dg;
    double match_s = 0, miss_s = 0, match_t = 0, miss_t = 0;
    if (cm->anchor_weight > 0) {
        for (int x = 1; x <= bt->a; x++)
            ws += s->wsum[i - x];
        for (int y = 1; y <= bt->b; y++)
            wt += t->wsum[j - y];
        if (diag) {
            diagonal_init(cm, bt, i, j, l1, l2, &dg);
            most = cm->anchor_weight * dg.most;
        } else {
            llr_rates(cm, 1, l2, &match_s, &miss_s);
            llr_rates(cm, 0, l1, &match_t, &miss_t);
            most = cm->anchor_weight *
                   ((ws > 0 ? ws * (match_s > miss_s ? match_s : miss_s) : 0) +
                    (wt > 0 ? wt * (match_t > miss_t ? match_t : miss_t) : 0));
        }
        if (limit < HUGE_VAL && prior + edge - most >= limit)
            return prior + edge - most;
    }
    double mean = (l1 + l2 / cm->ratio) / 2;
    double d = (l2 - cm->ratio * l1) / sqrt(cm->var * (mean > 1 ? mean : 1));
    /* Null beads returned above: both sides end here. */
    double cost = prior + tail_cost(d) + edge;
    if (cm->anchor_weight > 0) {
        double row[5] = {0}, col[5] = {0};  /* from the bead's first unit */
        if (limit < HUGE_VAL && cost - most >= limit)
            return cost - most;
        /* A sentence's matched weight in a merge: of the union of its
         * items matched by each sentence of the other side (always along
         * the diagonal; at the coarse levels not otherwise, union_items). */
        matched_weights(cm, bt, i, j, pc, diag ? &dg : NULL,
                        diag || cm->union_items, row, col);
        if (diag) {
            cost -= cm->anchor_weight * diagonal_llr(cm, bt, i, j, &dg, row,
                                                     col);
        } else {
            double got_s = 0, got_t = 0;
            for (int x = bt->a - 1; x >= 0; x--) {
                double w = s->wsum[i - bt->a + x];
                got_s += row[x] < w ? row[x] : w;
            }
            for (int y = bt->b - 1; y >= 0; y--) {
                double w = t->wsum[j - bt->b + y];
                got_t += col[y] < w ? col[y] : w;
            }
            /* Log-likelihood ratio of the matched weight under
             * "translations" (a share p_true of item weight is matched)
             * against "unrelated" (a share p_rand per mean sentence's worth
             * of text on the other side, so more against a longer side),
             * item weight counted as trials. The chance of a random match
             * grows with the text there is to match, not with its number
             * of sentences: a short fragment added to a bead adds little
             * chance (counting sentences made merging a fragment cost as
             * much as merging a long sentence). */
            cost -= cm->anchor_weight *
                    ((ws > 0 ? got_s * match_s + (ws - got_s) * miss_s : 0) +
                     (wt > 0 ? got_t * match_t + (wt - got_t) * miss_t : 0));
        }
        /* In a merge, a sentence that shares (almost) none of its own
         * anchor weight with the other side is evidence against the
         * merge. */
        if (bt->a > 1)
            for (int x = bt->a - 1; x >= 0; x--)
                cost += orphan_cost(cm, row[x], s->wsum[i - bt->a + x]);
        if (bt->b > 1)
            for (int y = bt->b - 1; y >= 0; y--)
                cost += orphan_cost(cm, col[y], t->wsum[j - bt->b + y]);
    }
    return cost;
}

/* ---- banded dynamic programming ---- */


typedef struct {
    uint32_t i0, j0, i1, j1; /* bead covers units [i0,i1) x [j0,j1); texts
                              * hold fewer than 2^32 sentences (1 GiB) */
    double cost;
    double score;            /* posterior probability, see posterior_scores */
} step;

/* Most source units of a bead type. */
static size_t type_depth(const cost_model *cm)
{
    size_t depth = 0;
    for (int k = 0; k < cm->n_types; k++)
        if ((size_t)cm->types[k].a > depth)
            depth = (size_t)cm->types[k].a;
    return depth;
}

/* Offsets of a band's rows in an array of its cells: n + 2 entries, the
 * last the number of cells; NULL when out of memory. */
static size_t *band_offsets(const band *bd, size_t n)
{
    size_t *off = al_calloc(n + 2, sizeof *off);
    if (off != NULL)
        for (size_t i = 0; i <= n; i++)
            off[i + 1] = off[i] + (bd->hi[i] - bd->lo[i] + 1);
    return off;
}

/* Cells of a band's widest row. */
static size_t band_max_width(const band *bd, size_t n)
{
    size_t maxw = 0;
    for (size_t i = 0; i <= n; i++)
        if (bd->hi[i] - bd->lo[i] + 1 > maxw)
            maxw = bd->hi[i] - bd->lo[i] + 1;
    return maxw;
}

/* Whether cell (I, J) of a path runs along band BD's edge (where the band
 * could have cut off a cheaper path). */
static bool at_edge(const band *bd, size_t i, size_t j, size_t m)
{
    return (j == bd->lo[i] && j > 0 && bd->lo[i] > 0) ||
           (j == bd->hi[i] && j < m);
}

/* The cheapest path in band BD through cell (MI, MJ): to it from (0, 0)
 * by the bead types BP that a forward DP or sweep chose per cell (the bead
 * ending there; row i's cells at BPOFF[i]), and from it to (n, m) by the
 * types NB that a backward DP chose (the bead starting there; rows from
 * NBFROM on, at BPOFF[i] - BPOFF[NBFROM]; NULL when (MI, MJ) is (n, m)).
 * Into *PATH, costed through PC; *TOUCH whether it runs along the band's
 * edge. The path is walked twice, to allocate it exactly: it can hold a
 * million steps. */
static int trace_path(const cost_model *cm, const band *bd, const uint8_t *bp,
                      const size_t *bpoff, const uint8_t *nb, size_t nbfrom,
                      size_t mi, size_t mj, pair_cache *pc, step **path,
                      size_t *np, bool *touch)
{
    size_t n = cm->s->n, m = cm->t->n, head = 0, tail = 0;
    bool edge = false;
    if (mj < bd->lo[mi] || mj > bd->hi[mi])
        return AL_EINVAL;
    for (size_t i = mi, j = mj; i > 0 || j > 0; head++) {
        uint8_t k = bp[bpoff[i] + (j - bd->lo[i])];
        if (k == 0xFF)
            return AL_EINVAL;
        edge = edge || at_edge(bd, i, j, m);
        i -= (size_t)cm->types[k].a;
        j -= (size_t)cm->types[k].b;
    }
    for (size_t i = mi, j = mj; i < n || j < m; tail++) {
        uint8_t k = nb[bpoff[i] - bpoff[nbfrom] + (j - bd->lo[i])];
        if (k == 0xFF)
            return AL_EINVAL;
        i += (size_t)cm->types[k].a;
        j += (size_t)cm->types[k].b;
        edge = edge || at_edge(bd, i, j, m);
    }
    size_t cnt = head + tail;
    step *p = al_malloc((cnt > 0 ? cnt : 1) * sizeof *p);
    if (p == NULL)
        return AL_ENOMEM;
    for (size_t i = mi, j = mj, x = head; x > 0; x--) {
        uint8_t k = bp[bpoff[i] + (j - bd->lo[i])];
        p[x - 1].i0 = (uint32_t)(i - (size_t)cm->types[k].a);
        p[x - 1].j0 = (uint32_t)(j - (size_t)cm->types[k].b);
        p[x - 1].i1 = (uint32_t)i;
        p[x - 1].j1 = (uint32_t)j;
        p[x - 1].cost = bead_cost(cm, k, i, j, pc, HUGE_VAL);
        p[x - 1].score = 0;
        i = p[x - 1].i0;
        j = p[x - 1].j0;
    }
    for (size_t i = mi, j = mj, x = head; x < cnt; x++) {
        uint8_t k = nb[bpoff[i] - bpoff[nbfrom] + (j - bd->lo[i])];
        p[x].i0 = (uint32_t)i;
        p[x].j0 = (uint32_t)j;
        i += (size_t)cm->types[k].a;
        j += (size_t)cm->types[k].b;
        p[x].i1 = (uint32_t)i;
        p[x].j1 = (uint32_t)j;
        p[x].cost = bead_cost(cm, k, i, j, pc, HUGE_VAL);
        p[x].score = 0;
    }
    *path = p;
    *np = cnt;
    *touch = edge;
    return AL_OK;
}

/* A bead of A x B sentences seen from cell (I, J) by a search forward (it
 * ends there) or backward (it starts there): its other end (*PI, *PJ) and
 * the cell it ends at (*CI, *CJ). False when it would leave [0, N] x
 * [0, M]. */
static bool bead_ends(bool backward, size_t i, size_t j, size_t a, size_t b,
                      size_t n, size_t m, size_t *pi, size_t *pj, size_t *ci,
                      size_t *cj)
{
    if (backward) {
        if (i + a > n || j + b > m)
            return false;
        *pi = *ci = i + a;
        *pj = *cj = j + b;
    } else {
        if (a > i || b > j)
            return false;
        *pi = i - a;
        *pj = j - b;
        *ci = i;
        *cj = j;
    }
    return true;
}

/* One half of band_dp's search, in a thread of its own: forward from
 * (0, 0), the cheapest way to each cell of rows [0, LAST] (the bead types
 * chosen into CHOICE, at ROWOFF), or backward from (n, m), the cheapest way
 * on from each cell of rows [FIRST, n] (at ROWOFF[i] - ROWOFF[FIRST]). The
 * last DEPTH + 1 rows of costs stay in ROWS for the meeting. */
typedef struct {
    const cost_model *cm;
    const band *bd;
    const size_t *rowoff;
    uint8_t *choice;
    double *rows;            /* (depth + 1) rows of maxw */
    size_t maxw, depth, maxb, first, last;
    bool backward;
    int rc;
} viterbi;

#define VROW(v, i) ((v)->rows + ((i) % ((v)->depth + 1)) * (v)->maxw)

static void *run_viterbi(void *arg)
{
    viterbi *v = arg;
    const cost_model *cm = v->cm;
    const band *bd = v->bd;
    size_t n = cm->s->n, m = cm->t->n;
    /* Pair cache: ring rows wide enough for DEPTH band rows. */
    pair_cache pc;
    v->rc = pair_cache_init(&pc, cm, bd, v->depth, v->maxb);
    for (size_t r = 0; v->rc == AL_OK && r <= v->last - v->first; r++) {
        size_t i = v->backward ? n - r : r;
        double *cur = VROW(v, i);
        /* Forward, source unit i-1 enters the ring; backward, unit i. */
        if (!v->backward && i > 0)
            pair_cache_enter(&pc, bd, n, v->maxb, i - 1);
        else if (v->backward && i < n)
            pair_cache_enter(&pc, bd, n, v->maxb, i);
        size_t width = bd->hi[i] - bd->lo[i] + 1;
        for (size_t c = 0; c < width; c++) {
            /* Backward runs right to left: 0-1 beads stay in the row. */
            size_t j = v->backward ? bd->hi[i] - c : bd->lo[i] + c;
            bool origin = v->backward ? i == n && j == m : i == 0 && j == 0;
            double best = origin ? 0 : HUGE_VAL;
            uint8_t pick = 0xFF;
            for (int k = 0; k < cm->n_types && !origin; k++) {
                size_t a = (size_t)cm->types[k].a, b = (size_t)cm->types[k].b;
                size_t pi, pj, ci, cj;   /* other end; cell the bead ends at */
                if (!bead_ends(v->backward, i, j, a, b, n, m, &pi, &pj, &ci,
                               &cj) ||
                    pj < bd->lo[pi] || pj > bd->hi[pi])
                    continue;
                double prev = VROW(v, pi)[pj - bd->lo[pi]];
                if (prev == HUGE_VAL)
                    continue;
                /* A bead that cannot beat the best so far (with a margin
                 * for rounding) need not be costed exactly. */
                double cost = prev + bead_cost(cm, k, ci, cj, &pc,
                                               best - prev + 1e-6);
                /* Of equally cheap ways on, backward takes the last type:
                 * in the common tie, a 1-0 and a 0-1 bead in a row, that
                 * is the path a forward search keeps (it takes the first
                 * type, 1-0, for the bead into the far cell). */
                if (v->backward ? cost <= best : cost < best) {
                    best = cost;
                    pick = (uint8_t)k;
                }
            }
            cur[j - bd->lo[i]] = best;
            size_t at = v->rowoff[i] + (j - bd->lo[i]);
            v->choice[v->backward ? at - v->rowoff[v->first] : at] = pick;
        }
    }
    if (v->rc == AL_OK)
        v->rc = pair_cache_status(&pc);
    pair_cache_free(&pc);
    return NULL;
}

/* Runs the DP inside BAND; writes the path into *PATH (n_path steps, in
 * order). Returns AL_OK, AL_ENOMEM. *TOUCH gets whether the path runs along
 * the band's edge. Two threads search it, one forward from the start to
 * the middle rows, one backward from the end; the cheapest path passes
 * through the cell of the middle rows where their costs add up least.
 * (Beads span at most DEPTH rows, so every path has a cell in the DEPTH
 * rows from the middle on.) */
static int band_dp(const cost_model *cm, const band *bd, step **path,
                   size_t *n_path, bool *touch)
{
    size_t n = cm->s->n;
    size_t *rowoff = band_offsets(bd, n);
    if (rowoff == NULL)
        return AL_ENOMEM;
    viterbi fw = {0}, bw = {0};
    fw.cm = bw.cm = cm;
    fw.bd = bw.bd = bd;
    fw.rowoff = bw.rowoff = rowoff;
    fw.depth = bw.depth = type_depth(cm);
    fw.maxw = bw.maxw = band_max_width(bd, n);
    for (int k = 0; k < cm->n_types; k++)
        if ((size_t)cm->types[k].b > fw.maxb)
            fw.maxb = bw.maxb = (size_t)cm->types[k].b;
    size_t mid = n / 2;
    fw.first = 0;
    fw.last = mid + fw.depth - 1 < n ? mid + fw.depth - 1 : n;
    bw.first = mid;
    bw.last = n;             /* rows swept: n - first + 1 */
    bw.backward = true;
    fw.choice = al_malloc(rowoff[fw.last + 1]);
    bw.choice = al_malloc(rowoff[n + 1] - rowoff[mid]);
    fw.rows = al_malloc((fw.depth + 1) * fw.maxw * sizeof *fw.rows);
    bw.rows = al_malloc((bw.depth + 1) * bw.maxw * sizeof *bw.rows);
    int rc = fw.choice && bw.choice && fw.rows && bw.rows ? AL_OK
                                                          : AL_ENOMEM;
    if (rc == AL_OK) {
        al_run_two(run_viterbi, &fw, &bw);
        rc = fw.rc != AL_OK ? fw.rc : bw.rc;
    }
    /* The meeting cell: the least sum, the first of equal ones. */
    size_t mi = 0, mj = 0;
    double least = HUGE_VAL;
    for (size_t i = mid; rc == AL_OK && i <= fw.last; i++)
        for (size_t j = bd->lo[i]; j <= bd->hi[i]; j++) {
            double f = VROW(&fw, i)[j - bd->lo[i]];
            double b = VROW(&bw, i)[j - bd->lo[i]];
            if (f < HUGE_VAL && b < HUGE_VAL && f + b < least) {
                least = f + b;
                mi = i;
                mj = j;
            }
        }
    if (rc == AL_OK && least == HUGE_VAL)
        rc = AL_EINVAL;
    step *p = NULL;
    size_t cnt = 0;
    bool edge = false;
    if (rc == AL_OK) {
        pair_cache pc;
        rc = pair_cache_over(&pc, cm, NULL);
        if (rc == AL_OK)
            rc = trace_path(cm, bd, fw.choice, rowoff, bw.choice, mid, mi, mj,
                            &pc, &p, &cnt, &edge);
        if (rc == AL_OK && pair_cache_status(&pc) != AL_OK)
            rc = AL_ENOMEM;
        pair_cache_free(&pc);
    }
    free(fw.choice);
    free(bw.choice);
    free(fw.rows);
    free(bw.rows);
    free(rowoff);
    if (rc != AL_OK) {
        free(p);
        return rc;
    }
    *path = p;
    *n_path = cnt;
    *touch = edge;
    return AL_OK;
}

static int band_alloc(band *bd, size_t n)
{
    bd->lo = al_calloc(n + 1, sizeof *bd->lo);
    bd->hi = al_calloc(n + 1, sizeof *bd->hi);
    if (bd->lo == NULL || bd->hi == NULL) {
        free(bd->lo);
        free(bd->hi);
        return AL_ENOMEM;
    }
    return AL_OK;
}

static void band_free(band *bd)
{
    free(bd->lo);
    free(bd->hi);
}

/* Band of half-width W around PATH (coarse steps scaled by SCALE onto
 * n x m), reaching WV rows up and down. */
static void band_around(band *bd, const step *path, size_t np, size_t scale,
                        size_t n, size_t m, size_t w, size_t wv)
{
    for (size_t i = 0; i <= n; i++) {
        bd->lo[i] = SIZE_MAX;
        bd->hi[i] = 0;
    }
    for (size_t k = 0; k < np; k++) {
        size_t i0 = path[k].i0 * scale, i1 = path[k].i1 * scale;
        size_t j0 = path[k].j0 * scale, j1 = path[k].j1 * scale;
        if (i1 > n) i1 = n;
        if (j1 > m) j1 = m;
        if (i0 > n) i0 = n;
        if (j0 > m) j0 = m;
        for (size_t i = i0; i <= i1; i++) {
            if (j0 < bd->lo[i]) bd->lo[i] = j0;
            if (j1 > bd->hi[i]) bd->hi[i] = j1;
        }
    }
    for (size_t i = 0; i <= n; i++) {
        size_t lo = bd->lo[i] == SIZE_MAX ? 0 : bd->lo[i];
        size_t hi = bd->hi[i];
        bd->lo[i] = lo > w ? lo - w : 0;
        bd->hi[i] = hi + w < m ? hi + w : m;
    }
    /* Widen vertically too: row i also covers the columns of rows i - wv
     * and i + wv. The path is monotone, so lo and hi do not decrease with
     * i, and the widest reach of rows i - wv .. i + wv is lo[i - wv],
     * hi[i + wv]. Each loop runs in the order that reads entries it has not
     * yet changed. */
    for (size_t i = n + 1; i-- > 0;)
        bd->lo[i] = bd->lo[i > wv ? i - wv : 0];
    for (size_t i = 0; i <= n; i++)
        bd->hi[i] = bd->hi[i + wv < n ? i + wv : n];
    bd->lo[0] = 0;
    bd->hi[n] = m;
}

/* Half-width of the band searched around a path: BAND_WIDTH where a search
 * widens a band that its path ran along (refine's default), and
 * COARSE_BAND_WIDTH where its path only guides another search: at the
 * coarse levels, and at the sentence level of the first pass, which the
 * second pass or settle searches around again (POSTERIOR_WIDTH). 1, where
 * 4 and then 2 were used before: each narrowing kept the beads of
 * textberg-dev in every ablation but length alone (0.608 -> 0.790 with 2;
 * 0.794 -> 0.790 with 1), of x20, x50 and the damaged pairs of
 * bench-robust.sh (one insertion bead better), and took 9 % less time on
 * x50 and 10 % on the generated 100k pair (2 -> 1; see bench/README.md).
 * A path that runs along the band's edge widens it where it does. */
#define BAND_WIDTH 4
#define COARSE_BAND_WIDTH 1

/* Exact problems up to this many cells; larger ones are coarsened. */
#define FULL_DP_CELLS ((size_t)1 << 16)

/* Rows [FROM, TO] of band BD take WIDE's columns. */
static void take_rows(band *bd, const band *wide, size_t from, size_t to)
{
    for (size_t r = from; r <= to; r++) {
        bd->lo[r] = wide->lo[r];
        bd->hi[r] = wide->hi[r];
    }
}

/* Widens band BD to WIDE (a wider band around the same guide) in the rows
 * within REACH of a cell where PATH runs along BD's edge; all rows when
 * PATH is NULL. The band's lo and hi stay non-decreasing with the row. */
static void widen_near_edge(band *bd, const band *wide, const step *path,
                            size_t np, size_t reach, size_t n, size_t m)
{
    size_t from = path != NULL ? SIZE_MAX : 0, to = 0;  /* rows widened */
    for (size_t k = 0; path != NULL && k <= np; k++) {
        /* The path's cells: each step's start, and the last step's end. */
        size_t i = k < np ? path[k].i0 : path[np - 1].i1;
        size_t j = k < np ? path[k].j0 : path[np - 1].j1;
        if (np == 0 || !at_edge(bd, i, j, m))
            continue;
        size_t a = i > reach ? i - reach : 0;
        size_t b = i + reach < n ? i + reach : n;
        if (from != SIZE_MAX && a <= to + 1) {
            to = b;          /* overlaps the open run */
            continue;
        }
        if (from != SIZE_MAX)   /* a run ends before this cell's row */
            take_rows(bd, wide, from, to);
        from = a;
        to = b;
    }
    if (path == NULL || from == SIZE_MAX) {   /* no edge cell: everywhere */
        from = 0;
        to = n;
    }
    take_rows(bd, wide, from, to);
    for (size_t i = n; i-- > 0;)
        if (bd->lo[i] > bd->lo[i + 1])
            bd->lo[i] = bd->lo[i + 1];
    for (size_t i = 1; i <= n; i++)
        if (bd->hi[i] < bd->hi[i - 1])
            bd->hi[i] = bd->hi[i - 1];
}

/* Searches a band of half-width WIDTH around GUIDE (a path on units SCALE
 * times coarser). Where the best path runs along the band's edge the band
 * is widened fourfold, in the rows within the new half-width of each such
 * cell (the rest of the band keeps its width: a detour of a few hundred
 * sentences in a long text costs a wider band there only), and searched
 * again, until the path leaves the edge. */
static int refine(const cost_model *cm, const step *guide, size_t ng,
                  size_t scale, size_t width, step **path, size_t *np)
{
    size_t n = cm->s->n, m = cm->t->n;
    band bd, wide;
    if (band_alloc(&bd, n) != AL_OK)
        return AL_ENOMEM;
    if (band_alloc(&wide, n) != AL_OK) {
        band_free(&bd);
        return AL_ENOMEM;
    }
    band_around(&bd, guide, ng, scale, n, m, width, width);
    int rc = AL_OK;
    for (size_t w = width;; w *= 4) {
        bool touch = false;
        rc = band_dp(cm, &bd, path, np, &touch);
        if (rc == AL_ENOMEM || w >= n + m || (rc == AL_OK && !touch))
            break;
        band_around(&wide, guide, ng, scale, n, m, 4 * w, 4 * w);
        /* Without a path (none in the band), everywhere. */
        widen_near_edge(&bd, &wide, rc == AL_OK ? *path : NULL,
                        rc == AL_OK ? *np : 0, 4 * w, n, m);
        if (rc == AL_OK)
            free(*path);
    }
    band_free(&wide);
    band_free(&bd);
    return rc;
}

/* Half-width of the band summed over for posteriors, which is also the band
 * the final search (search_around) looks in: 2.
 * With 4 the beads were the same on every input measured (textberg-dev in
 * every ablation, x20, x50, the damaged pairs of bench-robust.sh), the
 * scores of textberg-dev within 0.001, and x50 took 15 % longer; its
 * scores were less well calibrated (expected calibration error 0.088
 * against 0.066: paths through the wider band pulled right beads below
 * 0.4). A best path along the band's edge still widens it (refine). */
#define POSTERIOR_WIDTH 2
/* Temperature of the posterior: costs are divided by it. Calibrated on
 * textberg-dev: with 1.5, beads scored 0.4-0.6 are right 68 % of the time,
 * 0.6-0.8 76 %, 0.8-0.95 93 %, above 0.95 97 % (expected calibration error
 * 0.024; 0.049 at 1.0, 0.047 at 1.75, 0.078 at 2.0, the temperature of the
 * model before diagonal_llr). */
#define POSTERIOR_T 1.5
/* Terms of a posterior sum below e^-POSTERIOR_DROP of its largest are
 * dropped (they would change it by less than a double's precision). */
#define POSTERIOR_DROP 40.0


/* Fills rows [x0, x1) of a pair table, with a feature window of its own. */
typedef struct {
    pair_table *tb;
    const cost_model *cm;
    size_t x0, x1;
    pair_match *val;         /* the matched pairs' values, room for cap */
    size_t cap;
    int rc;
} table_fill;

static void *fill_table(void *arg)
{
    table_fill *f = arg;
    pair_table *tb = f->tb;
    target_index ti;
    target_index_init(&ti, f->cm->t);
    pair_match *row = NULL;
    size_t row_cap = 0, got = 0;
    for (size_t x = f->x0; x < f->x1 && f->rc == AL_OK; x++) {
        if (tb->cols[x] > row_cap) {
            free(row);
            row_cap = tb->cols[x];
            row = al_malloc(row_cap * sizeof *row);
            if (row == NULL) {
                f->rc = AL_ENOMEM;
                break;
            }
        }
        match_row(&ti, f->cm->s, x, tb->lo[x], tb->lo[x] + tb->cols[x], row);
        for (size_t off = 0; off < tb->cols[x]; off++) {
            size_t w = tb->woff[x] + off / 64;
            if (off % 64 == 0) {
                tb->mask[w] = 0;
                tb->rank[w] = got;
            }
            pair_match pm = row[off];
            if (pm.st == 0 && pm.ts == 0)   /* masks hold 32 items only */
                continue;
            if (got == f->cap) {
                pair_match *v = al_grow_array(f->val, &f->cap, sizeof *v, 4096);
                if (v == NULL) {
                    f->rc = AL_ENOMEM;
                    break;
                }
                f->val = v;
            }
            tb->mask[w] |= (uint64_t)1 << (off % 64);
            f->val[got++] = pm;
        }
    }
    free(row);
    /* Just the pairs, and the sentinel read for unmatched pairs after the
     * last matched one. */
    if (f->rc == AL_OK) {
        pair_match *v = al_realloc_array(f->val, got + 1, sizeof *v);
        if (v == NULL) {
            f->rc = AL_ENOMEM;
        } else {
            f->val = v;
            memset(&v[got], 0, sizeof v[got]);
        }
    }
    if (f->rc == AL_OK)
        f->rc = ti.rc;
    target_index_free(&ti);
    return NULL;
}

static void pair_table_free(pair_table *tb)
{
    free(tb->lo);
    free(tb->cols);
    free(tb->woff);
    free(tb->mask);
    free(tb->rank);
    free(tb->val[0]);
    free(tb->val[1]);
}

/* Matches every pair a bead of at most DEPTH source units inside band BD
 * can cover, in two threads that each take half of the pairs. A bead
 * covering source unit x starts in a row i0 > x - DEPTH and ends in a row
 * i1 <= x + DEPTH; its target units lie between its ends' columns, and
 * the band's lo and hi do not decrease with the row: so [lo[x + 1 - DEPTH],
 * hi[x + DEPTH]) holds them. */
static int pair_table_build(pair_table *tb, const cost_model *cm,
                            const band *bd, size_t depth)
{
    size_t n = cm->s->n, m = cm->t->n;
    memset(tb, 0, sizeof *tb);
    tb->lo = al_calloc(n + 1, sizeof *tb->lo);
    tb->cols = al_calloc(n + 1, sizeof *tb->cols);
    tb->woff = al_calloc(n + 1, sizeof *tb->woff);
    if (tb->lo == NULL || tb->cols == NULL || tb->woff == NULL) {
        pair_table_free(tb);
        return AL_ENOMEM;
    }
    size_t total = 0;
    for (size_t x = 0; x < n; x++) {
        size_t lo = bd->lo[x + 1 > depth ? x + 1 - depth : 0];
        size_t hi = bd->hi[x + depth < n ? x + depth : n];
        if (hi > m)
            hi = m;
        tb->lo[x] = lo;
        tb->cols[x] = hi > lo ? hi - lo : 0;
        tb->woff[x + 1] = tb->woff[x] + (tb->cols[x] + 63) / 64;
        total += tb->cols[x];
    }
    size_t words = tb->woff[n] > 0 ? tb->woff[n] : 1;
    tb->mask = al_malloc(words * sizeof *tb->mask);
    tb->rank = al_malloc(words * sizeof *tb->rank);
    if (tb->mask == NULL || tb->rank == NULL) {
        pair_table_free(tb);
        return AL_ENOMEM;
    }
    size_t half = 0, upto = 0;
    while (half < n && upto < total / 2)
        upto += tb->cols[half++];
    tb->half = half;
    table_fill lower = {tb, cm, 0, half, NULL, 0, AL_OK};
    table_fill upper = {tb, cm, half, n, NULL, 0, AL_OK};
    al_run_two(fill_table, &lower, &upper);
    tb->val[0] = lower.val;
    tb->val[1] = upper.val;
    int rc = lower.rc != AL_OK ? lower.rc : upper.rc;
    if (rc != AL_OK)
        pair_table_free(tb);
    return rc;
}

/* Sums of the two sweeps kept for the cells within RECORD_WIDTH columns of
 * the guide path, to score any path whose beads start and end there: row
 * i's values are stored as floats minus the row's largest (a double),
 * which keeps them to about 1e-6 of a nat whatever the magnitude of the
 * sums. */
#define RECORD_WIDTH 1

typedef struct {
    band bd;
    size_t *off;             /* n + 2 row offsets into val */
    double *base[2];         /* forward, backward: per row, subtracted */
    float *val[2];
} record;

static void record_free(record *rc)
{
    band_free(&rc->bd);
    free(rc->off);
    for (int b = 0; b < 2; b++) {
        free(rc->base[b]);
        free(rc->val[b]);
    }
}

static int record_init(record *rc, const step *guide, size_t ng, size_t n,
                       size_t m)
{
    memset(rc, 0, sizeof *rc);
    if (band_alloc(&rc->bd, n) != AL_OK)
        return AL_ENOMEM;
    band_around(&rc->bd, guide, ng, 1, n, m, RECORD_WIDTH, 0);
    rc->off = band_offsets(&rc->bd, n);
    if (rc->off == NULL) {
        record_free(rc);
        return AL_ENOMEM;
    }
    for (int b = 0; b < 2; b++) {
        rc->base[b] = al_calloc(n + 1, sizeof *rc->base[b]);
        rc->val[b] = al_malloc(rc->off[n + 1] * sizeof *rc->val[b]);
        if (rc->base[b] == NULL || rc->val[b] == NULL) {
            record_free(rc);
            return AL_ENOMEM;
        }
    }
    return AL_OK;
}

/* Sum kept by the forward (B = 0) or backward sweep for cell (I, J) in *V;
 * false if the cell is not kept. */
static bool record_get(const record *rc, int b, size_t i, size_t j,
                       double *v)
{
    if (j < rc->bd.lo[i] || j > rc->bd.hi[i])
        return false;
    *v = rc->base[b][i] + rc->val[b][rc->off[i] + (j - rc->bd.lo[i])];
    return true;
}

/* The costs of the band's beads, shared by the two sweeps: each bead is
 * costed by one sweep and read by the other. The forward sweep costs the
 * beads that end in rows up to MID, the backward sweep those ending after
 * it; each reads the other's after waiting for them (its progress counter).
 * Only beads with sentences on both sides (null beads cost their prior). */
typedef struct {
    double *cost;            /* per band cell (at off) and slot: NAN until
                              * costed exactly */
    const size_t *off;       /* each row's first cell */
    int slot[16];            /* each bead type's slot, -1 for null beads */
    int nslots;
    size_t mid, depth;
    atomic_size_t fw_done;   /* rows [0, fw_done) swept forward */
    atomic_size_t bw_from;   /* rows [bw_from, n] swept backward */
} cost_memo;

/* One sweep of the forward-backward sums over a band: forward sums the
 * weights exp(-cost / T) of all partial alignments from (0,0) to each cell,
 * backward from each cell to (n,m). Only the last rows are kept, and the
 * recorded cells' sums. The forward sweep can also find the cheapest path
 * in the band (the Viterbi search of band_dp, on the same costs): it costs
 * the same beads. */
typedef struct {
    const cost_model *cm;
    const band *bd;
    const pair_table *tab;   /* the pairs of the band's beads */
    record *rec;             /* the sweep writes base and val [backward] */
    cost_memo *memo;         /* NULL: each sweep costs all its beads */
    bool backward;
    uint8_t *bp;             /* forward, not NULL: the best bead type of each
                              * cell (at bpoff), as band_dp's */
    const size_t *bpoff;
    double total;            /* forward: the sum at (n, m) */
    int rc;
} sweep;

/* Most memory the shared costs of a sweep may take (64 MiB: textberg-dev
 * ×50, 23k × 28k sentences, takes 30 MB); past it (a generated pair of
 * 100k sentences a side would take 114 MB) each sweep costs all its
 * beads. */
size_t al_sweep_memo_max = (size_t)64 << 20;

static void memo_init(cost_memo *mo, const cost_model *cm,
                      const size_t *off, size_t n)
{
    mo->nslots = 0;
    for (int k = 0; k < cm->n_types; k++)
        mo->slot[k] = cm->types[k].a > 0 && cm->types[k].b > 0
                          ? mo->nslots++ : -1;
    size_t cells = off[n + 1];
    mo->cost = NULL;
    if (mo->nslots == 0 ||
        cells > al_sweep_memo_max / sizeof *mo->cost / (size_t)mo->nslots)
        return;
    mo->cost = al_malloc(cells * (size_t)mo->nslots * sizeof *mo->cost);
    if (mo->cost == NULL)
        return;              /* the sweeps can do without */
    for (size_t c = 0; c < cells * (size_t)mo->nslots; c++)
        mo->cost[c] = NAN;
    mo->off = off;
    mo->mid = n / 2;
    mo->depth = type_depth(cm);
    atomic_init(&mo->fw_done, 0);
    atomic_init(&mo->bw_from, n + 1);
}

/* Before sweeping row I: the rows of the other sweep whose beads' costs
 * this one reads. */
static void memo_wait(const sweep *sw, size_t i)
{
    cost_memo *mo = sw->memo;
    if (mo == NULL)
        return;
    if (sw->backward) {
        if (i > mo->mid)
            return;
        size_t need = i + mo->depth < mo->mid ? i + mo->depth : mo->mid;
        while (atomic_load_explicit(&mo->fw_done, memory_order_acquire) <=
               need)
            sched_yield();
    } else {
        if (i <= mo->mid)
            return;
        size_t need = i > mo->depth ? i - mo->depth : 0;
        while (atomic_load_explicit(&mo->bw_from, memory_order_acquire) >
               need)
            sched_yield();
    }
}

/* After sweeping row I (also when a sweep gives up: I past its last row). */
static void memo_done(const sweep *sw, size_t i)
{
    if (sw->memo == NULL)
        return;
    if (sw->backward)
        atomic_store_explicit(&sw->memo->bw_from, i, memory_order_release);
    else
        atomic_store_explicit(&sw->memo->fw_done, i + 1,
                              memory_order_release);
}

/* bead_cost of the bead of type K ending at (CI, CJ), through the memo:
 * costed and kept when this sweep owns it, read when the other sweep
 * costed it exactly. The same value either way. */
static double sweep_cost(const sweep *sw, int k, size_t ci, size_t cj,
                         pair_cache *pc, double limit)
{
    cost_memo *mo = sw->memo;
    if (mo == NULL || mo->slot[k] < 0)
        return bead_cost(sw->cm, k, ci, cj, pc, limit);
    double *e = &mo->cost[(mo->off[ci] + (cj - sw->bd->lo[ci])) *
                              (size_t)mo->nslots + (size_t)mo->slot[k]];
    bool own = sw->backward ? ci > mo->mid : ci <= mo->mid;
    if (!own && !isnan(*e))
        return *e;
    double c = bead_cost(sw->cm, k, ci, cj, pc, limit);
    if (own && c < limit)
        *e = c;              /* below the limit: exact, not a bound */
    return c;
}

static void *run_sweep(void *arg)
{
    sweep *sw = arg;
    const cost_model *cm = sw->cm;
    const band *bd = sw->bd;
    size_t n = cm->s->n, m = cm->t->n;
    size_t depth = type_depth(cm), maxw = band_max_width(bd, n);
    double *ring = al_malloc((depth + 1) * maxw * sizeof *ring);
    double *cring = sw->bp ? al_malloc((depth + 1) * maxw * sizeof *cring)
                           : NULL;
    pair_cache pc;
    int prc = pair_cache_over(&pc, cm, sw->tab);
    if (ring == NULL || (sw->bp != NULL && cring == NULL) || prc != AL_OK) {
        free(ring);
        free(cring);
        pair_cache_free(&pc);
        memo_done(sw, sw->backward ? 0 : n);   /* nothing to wait for */
        sw->rc = AL_ENOMEM;
        return NULL;
    }
#define IN(i, j) ((j) >= bd->lo[i] && (j) <= bd->hi[i])
#define AT(r, i, j) r[((i) % (depth + 1)) * maxw + ((j) - bd->lo[i])]
#define V(i, j) AT(ring, i, j)
#define C(i, j) AT(cring, i, j)
    const record *rec = sw->rec;
    for (size_t r = 0; r <= n; r++) {
        size_t i = sw->backward ? n - r : r;
        size_t width = bd->hi[i] - bd->lo[i] + 1;
        memo_wait(sw, i);
        for (size_t c = 0; c < width; c++) {
            /* Backward runs right to left: 0-1 beads stay in the row. */
            size_t j = sw->backward ? bd->hi[i] - c : bd->lo[i] + c;
            bool origin = sw->backward ? i == n && j == m : i == 0 && j == 0;
            /* The cell's terms, summed once the largest is known: one exp
             * per term and one log per cell. */
            double term[sizeof cm->types / sizeof cm->types[0]];
            double most = -HUGE_VAL, best = origin ? 0 : HUGE_VAL;
            uint8_t pick = 0xFF;
            int nt = 0;
            for (int k = 0; k < cm->n_types && !origin; k++) {
                size_t a = (size_t)cm->types[k].a, b = (size_t)cm->types[k].b;
                size_t pi, pj, ci, cj;   /* other end; cell the bead ends at */
                if (!bead_ends(sw->backward, i, j, a, b, n, m, &pi, &pj, &ci,
                               &cj) ||
                    !IN(pi, pj) || V(pi, pj) == -HUGE_VAL)
                    continue;
                /* A bead whose term would be dropped, and that cannot be
                 * the cheapest (with band_dp's margin), need not be costed
                 * exactly. */
                double limit = most == -HUGE_VAL
                                   ? HUGE_VAL
                                   : POSTERIOR_T *
                                         (V(pi, pj) - most + POSTERIOR_DROP);
                if (sw->bp != NULL && best - C(pi, pj) + 1e-6 > limit)
                    limit = best - C(pi, pj) + 1e-6;
                double cost = sweep_cost(sw, k, ci, cj, &pc, limit);
                if (cost >= limit)
                    continue;
                if (sw->bp != NULL && C(pi, pj) + cost < best) {
                    best = C(pi, pj) + cost;
                    pick = (uint8_t)k;
                }
                term[nt] = V(pi, pj) - cost / POSTERIOR_T;
                if (term[nt] > most)
                    most = term[nt];
                nt++;
            }
            double v = origin ? 0 : -HUGE_VAL;
            if (nt > 0) {
                double sum = 0;
                for (int q = 0; q < nt; q++)
                    if (term[q] - most > -POSTERIOR_DROP)
                        sum += exp(term[q] - most);
                v = most + log(sum);
            }
            V(i, j) = v;
            if (sw->bp != NULL) {
                C(i, j) = best;
                sw->bp[sw->bpoff[i] + (j - bd->lo[i])] = pick;
            }
        }
        /* Keep the recorded cells of the row. */
        double base = -HUGE_VAL;
        for (size_t j = rec->bd.lo[i]; j <= rec->bd.hi[i]; j++)
            if (V(i, j) > base)
                base = V(i, j);
        if (base == -HUGE_VAL)
            base = 0;
        rec->base[sw->backward][i] = base;
        for (size_t j = rec->bd.lo[i]; j <= rec->bd.hi[i]; j++)
            rec->val[sw->backward][rec->off[i] + (j - rec->bd.lo[i])] =
                (float)(V(i, j) - base);
        memo_done(sw, i);
    }
    if (!sw->backward)
        sw->total = V(n, m);
#undef IN
#undef AT
#undef V
#undef C
    free(ring);
    free(cring);
    sw->rc = pair_cache_status(&pc);
    pair_cache_free(&pc);
    return NULL;
}

/* Posterior probability of each bead of PATH from the recorded sums; false
 * if a bead starts or ends outside the recorded cells. */
static bool score_path(const record *rec, double total, step *path,
                       size_t np)
{
    for (size_t k = 0; k < np; k++) {
        double f, b;
        if (!record_get(rec, 0, path[k].i0, path[k].j0, &f) ||
            !record_get(rec, 1, path[k].i1, path[k].j1, &b))
            return false;
        double lp = f - path[k].cost / POSTERIOR_T + b - total;
        path[k].score = lp >= 0 ? 1 : exp(lp);
    }
    return true;
}

/* Scores the beads of GUIDE with their posterior probability: the share of
 * all alignments within a band around GUIDE (each weighted by
 * exp(-cost / T)) that contain the bead. The forward and backward sweeps
 * run in two threads. They cost the same beads, whose sentence pairs'
 * matching is the dearer part: it is done once beforehand, also in two
 * threads, for both.
 *
 * With FOUND not NULL, the forward sweep also searches the band for the
 * cheapest path, as refine's first band would: *FOUND is then that path,
 * or NULL when it runs along the band's edge (refine must widen the band).
 * *FOUND_SCORED tells whether its beads got their scores: not when one
 * starts or ends outside the recorded cells (posterior_scores must then
 * score it). */
static int sweep_band(const cost_model *cm, step *guide, size_t ng,
                      step **found, size_t *nfound, bool *found_scored)
{
    size_t n = cm->s->n, m = cm->t->n;
    band bd;
    pair_table tab;
    record rec;
    size_t *bpoff = NULL;
    uint8_t *bp = NULL;
    if (found != NULL) {
        *found = NULL;
        *found_scored = false;
    }
    if (band_alloc(&bd, n) != AL_OK)
        return AL_ENOMEM;
    band_around(&bd, guide, ng, 1, n, m, POSTERIOR_WIDTH, POSTERIOR_WIDTH);
    int rc = pair_table_build(&tab, cm, &bd, type_depth(cm));
    if (rc != AL_OK) {
        band_free(&bd);
        return rc;
    }
    if (record_init(&rec, guide, ng, n, m) != AL_OK) {
        pair_table_free(&tab);
        band_free(&bd);
        return AL_ENOMEM;
    }
    bpoff = band_offsets(&bd, n);
    if (bpoff == NULL)
        rc = AL_ENOMEM;
    if (rc == AL_OK && found != NULL) {
        bp = al_malloc(bpoff[n + 1]);
        if (bp == NULL)
            rc = AL_ENOMEM;
    }
    cost_memo memo;
    if (rc == AL_OK)
        memo_init(&memo, cm, bpoff, n);
    cost_memo *mo = rc == AL_OK && memo.cost != NULL ? &memo : NULL;
    sweep fw = {cm, &bd, &tab, &rec, mo, false, bp, bpoff, 0, AL_OK};
    sweep bw = {cm, &bd, &tab, &rec, mo, true, NULL, NULL, 0, AL_OK};
    if (rc == AL_OK) {
        al_run_two(run_sweep, &fw, &bw);
        rc = fw.rc != AL_OK ? fw.rc : bw.rc;
    }
    if (rc == AL_OK && !score_path(&rec, fw.total, guide, ng))
        rc = AL_EINVAL;      /* cannot happen: the guide's cells are kept */
    if (rc == AL_OK && found != NULL) {
        bool touch = false;
        pair_cache pc;
        rc = pair_cache_over(&pc, cm, &tab);
        if (rc == AL_OK)
            rc = trace_path(cm, &bd, bp, bpoff, NULL, n, n, m, &pc, found,
                            nfound, &touch);
        if (rc == AL_OK && pair_cache_status(&pc) != AL_OK)
            rc = AL_ENOMEM;
        pair_cache_free(&pc);
        if (rc != AL_OK || touch) {
            free(*found);
            *found = NULL;
        } else {
            *found_scored = score_path(&rec, fw.total, *found, *nfound);
        }
    }
    if (mo != NULL)
        free(mo->cost);
    free(bp);
    free(bpoff);
    record_free(&rec);
    pair_table_free(&tab);
    band_free(&bd);
    return rc;
}

static int posterior_scores(const cost_model *cm, step *path, size_t np)
{
    return sweep_band(cm, path, np, NULL, NULL, NULL);
}

/* Mean length of a side's units (sentences, or merged sentences), at least
 * one character. */
static double mean_length(const units *u)
{
    double mean = u->n > 0 ? u->cum_len[u->n] / (double)u->n : 1;
    return mean >= 1 ? mean : 1;
}

/* Coarse levels search with the common bead types only: they just guide. */
#define COARSE_TYPES 6

/* Most searches of a settled path's neighbourhood (see solve). */
#define SETTLE_ROUNDS 3

static double path_cost(const step *path, size_t np)
{
    double c = 0;
    for (size_t k = 0; k < np; k++)
        c += path[k].cost;
    return c;
}

/* The anchor model's unit of length on each side: its mean sentence, S and
 * T characters. */
static void set_mean_lengths(cost_model *cm, double s, double t)
{
    cm->mean_len[0] = s;
    cm->mean_len[1] = t;
    for (int k = 0; k < 2; k++)
        cm->llr_scale[k] = LLR_STEPS / ((LLR_K_MAX - LLR_K_MIN) *
                                        cm->mean_len[k]);
}

static int solve(const cost_model *cm, step **path, size_t *np, int depth)
{
    const units *s = cm->s, *t = cm->t;
    size_t n = s->n, m = t->n;
    if ((n + 1) * (m + 1) <= FULL_DP_CELLS || n < 8 || m < 8 || depth > 40) {
        band bd;
        if (band_alloc(&bd, n) != AL_OK)
            return AL_ENOMEM;
        for (size_t i = 0; i <= n; i++) {
            bd.lo[i] = 0;
            bd.hi[i] = m;
        }
        bool touch;
        int rc = band_dp(cm, &bd, path, np, &touch);
        band_free(&bd);
        return rc;
    }
    units cs = {0}, ct = {0};
    int rc = units_coarsen(s, &cs);
    if (rc == AL_OK)
        rc = units_coarsen(t, &ct);
    step *coarse = NULL;
    size_t ncoarse = 0;
    if (rc == AL_OK) {
        cost_model cc = *cm;
        cc.s = &cs;
        cc.t = &ct;
        /* The anchor model counts the other side's length in mean units:
         * of this level, whose units are merged sentences. */
        set_mean_lengths(&cc, mean_length(&cs), mean_length(&ct));
        if (cc.n_types > COARSE_TYPES)
            cc.n_types = COARSE_TYPES;
        cc.union_items = false;
        rc = solve(&cc, &coarse, &ncoarse, depth + 1);
    }
    units_free(&cs);
    units_free(&ct);

    if (rc == AL_OK)
        rc = refine(cm, coarse, ncoarse, 2, COARSE_BAND_WIDTH, path, np);
    free(coarse);
    return rc;
}

bool al_reference_search = false;

/* Searches a band around GUIDE again for the cheapest path, into *AGAIN:
 * sweep_band's, whose beads got their scores on the way when *SCORED
 * (sweep_band scores GUIDE too), or refine's when that path runs along the
 * band's edge (or under al_reference_search). */
static int search_around(const cost_model *cm, step *guide, size_t ng,
                         step **again, size_t *n2, bool *scored)
{
    *again = NULL;
    *scored = false;
    int rc = al_reference_search
                 ? AL_OK
                 : sweep_band(cm, guide, ng, again, n2, scored);
    if (rc == AL_OK && *again == NULL)
        rc = refine(cm, guide, ng, 1, BAND_WIDTH, again, n2);
    return rc;
}

/* A band around a coarse path can miss the best path without the path found
 * touching the band's edge, where the evidence is weak (length alone). A
 * search in a band around the path found settles it, repeated while it finds
 * a cheaper path. (The second pass's search around the first pass's path
 * does the same.) The search is sweep_band's, which scores the beads on the
 * way: *SCORED tells whether the final *PATH has its scores. */
static int settle(const cost_model *cm, step **path, size_t *np, bool *scored)
{
    *scored = false;
    for (int round = 0; round < SETTLE_ROUNDS; round++) {
        step *again;
        size_t n2 = 0;
        bool again_scored;
        int rc = search_around(cm, *path, *np, &again, &n2, &again_scored);
        if (rc != AL_OK)
            return rc;
        if (path_cost(again, n2) >= path_cost(*path, *np) - 1e-9) {
            free(again);
            *scored = !al_reference_search;  /* sweep_band scored its guide */
            break;
        }
        free(*path);
        *path = again;
        *np = n2;
        *scored = again_scored;
    }
    return AL_OK;
}

/* ---- scores ---- */

/* Weight, in characters, of the prior ratio 1 in the length model. */
#define RATIO_PRIOR_CHARS 2000.0
/* Variance per character of the length difference (Gale & Church 1993). */
#define LENGTH_VARIANCE 6.8
/* Anchor model before calibration: matched share of item weight between
 * translations, and between unrelated sentences of mean length. */
#define P_TRUE 0.5
#define P_RAND 0.05
#define ORPHAN_PENALTY 1.0
#define PARAGRAPH_PENALTY 1.0

static void set_shares(cost_model *cm, double pt, double pr)
{
    cm->p_true = pt;
    cm->p_rand = pr;
    for (int q = 0; q <= LLR_STEPS + 1; q++) {
        double k = LLR_K_MIN + q * ((LLR_K_MAX - LLR_K_MIN) / LLR_STEPS);
        double p = 1 - pow(1 - pr, k);
        cm->llr_match[q] = log(pt / p);
        cm->llr_miss[q] = log((1 - pt) / (1 - p));
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Confident beads of a first pass: 1-1 beads whose cost is at most the
 * median cost of the 1-1 beads. */
static bool *confident_beads(const step *path, size_t np)
{
    bool *conf = al_calloc(np, sizeof *conf);
    double *c = al_malloc(np * sizeof *c);
    if (conf == NULL || c == NULL) {
        free(conf);
        free(c);
        return NULL;
    }
    size_t n = 0;
    for (size_t k = 0; k < np; k++)
        if (path[k].i1 - path[k].i0 == 1 && path[k].j1 - path[k].j0 == 1)
            c[n++] = path[k].cost;
    qsort(c, n, sizeof *c, cmp_double);
    double median = n > 0 ? c[n / 2] : 0;
    for (size_t k = 0; k < np; k++)
        conf[k] = path[k].i1 - path[k].i0 == 1 &&
                  path[k].j1 - path[k].j0 == 1 && path[k].cost <= median;
    free(c);
    return conf;
}

static void path_to_beads(const step *path, size_t np, al_bead *beads)
{
    for (size_t k = 0; k < np; k++) {
        al_bead *b = &beads[k];
        b->src_begin = path[k].i0;
        b->src_len = path[k].i1 - path[k].i0;
        b->tgt_begin = path[k].j0;
        b->tgt_len = path[k].j1 - path[k].j0;
        b->score = path[k].score;
    }
}

/* The beads of the first pass PATH into *BEADS and which are confident into
 * *CONF (confident_beads), what a learner counts; the caller frees both. */
static int path_beads(const step *path, size_t np, al_bead **beads,
                      bool **conf)
{
    *beads = al_calloc(np, sizeof **beads);
    *conf = confident_beads(path, np);
    if (*beads == NULL || *conf == NULL) {
        free(*beads);
        free(*conf);
        *beads = NULL;
        *conf = NULL;
        return AL_ENOMEM;
    }
    path_to_beads(path, np, *beads);
    return AL_OK;
}

/* Weight, in boundaries, of the prior that a unit's end says nothing about
 * whether a bead ends there (see learn_inner). */
#define INNER_PRIOR_BOUNDARIES 20.0

/* Kind of a unit's end for learn_inner: sentence, clause, question,
 * paragraph. */
static int end_kind(uint32_t e)
{
    return e & END_PARAGRAPH ? 3 : (int)(END_CLASS(e) >> 1);
}

/* The cost of each unit of U ending inside a bead of the first pass PATH
 * (SIDE 0: source) rather than at a bead's end, learned from that path:
 * -log P(kind | inside) / P(kind | end), of the unit's end kind. A text
 * whose sentences end in semicolons where the other's go on with a comma
 * merges them: a French ';' falls mostly inside a bead, a '.' mostly at its
 * end. Every unit's end is either, on every path, so this is the bead
 * prior's correction for the kinds seen (Bayes' rule), not a second prior.
 * The estimates are shrunk towards no correction by a prior worth
 * INNER_PRIOR_BOUNDARIES boundaries: short texts learn little. */
static int learn_inner(units *u, const step *path, size_t np, int side)
{
    double n[2][4] = {{0}}, tot[2] = {0};
    for (size_t k = 0; k < np; k++) {
        size_t a = side ? path[k].j0 : path[k].i0;
        size_t b = side ? path[k].j1 : path[k].i1;
        for (size_t x = a; x < b; x++) {
            int in = x + 1 < b;
            n[in][end_kind(u->ends[x])]++;
            tot[in]++;
        }
    }
    u->inner = al_malloc((u->n > 0 ? u->n : 1) * sizeof *u->inner);
    if (u->inner == NULL)
        return AL_ENOMEM;
    double all = tot[0] + tot[1], cost[4];
    for (int c = 0; c < 4; c++) {
        double share = all > 0 ? (n[0][c] + n[1][c]) / all : 0;
        double p_in = (n[1][c] + INNER_PRIOR_BOUNDARIES * share) /
                      (tot[1] + INNER_PRIOR_BOUNDARIES);
        double p_end = (n[0][c] + INNER_PRIOR_BOUNDARIES * share) /
                       (tot[0] + INNER_PRIOR_BOUNDARIES);
        cost[c] = share > 0 ? -log(p_in / p_end) : 0;
    }
    for (size_t x = 0; x < u->n; x++)
        u->inner[x] = cost[end_kind(u->ends[x])];
    return AL_OK;
}

/* The cost of a bead's ends, learned from the first pass PATH: -log of
 * P(source class, target class) over P(source class) P(target class) at the
 * ends of its beads with both sides, from counts plus a prior worth
 * INNER_PRIOR_BOUNDARIES ends drawn from the first pass's own model. */
static void learn_ends(cost_model *cm, const step *path, size_t np)
{
    double n[3][3] = {{0}}, tot = 0, prior[3][3], psum = 0;
    for (size_t k = 0; k < np; k++)
        if (path[k].i1 > path[k].i0 && path[k].j1 > path[k].j0) {
            n[END_CLASS(cm->s->ends[path[k].i1 - 1]) >> 1]
             [END_CLASS(cm->t->ends[path[k].j1 - 1]) >> 1]++;
            tot++;
        }
    double ms[3] = {0}, mt[3] = {0};
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            ms[a] += n[a][b] / (tot > 0 ? tot : 1);
            mt[b] += n[a][b] / (tot > 0 ? tot : 1);
        }
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            prior[a][b] = ms[a] * mt[b] * exp(-cm->end_cost[a][b]);
            psum += prior[a][b];
        }
    if (tot == 0 || psum == 0)
        return;
    double js[3] = {0}, jt[3] = {0}, p[3][3];
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            p[a][b] = (n[a][b] + INNER_PRIOR_BOUNDARIES * prior[a][b] / psum) /
                      (tot + INNER_PRIOR_BOUNDARIES);
            js[a] += p[a][b];
            jt[b] += p[a][b];
        }
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            if (p[a][b] > 0)
                cm->end_cost[a][b] = -log(p[a][b] / (js[a] * jt[b]));
}

/* Learns a lexicon from the first pass PATH, or takes the one LEARNED_OVER
 * learned (over a whole batch) when not NULL, and aligns again; *PATH is
 * replaced. (Re-estimating P_TRUE and P_RAND from the first pass was tried
 * and measured worse: the shares of a first pass are biased by it. Where
 * beads end, learn_inner and learn_ends, is learned from the pair's own
 * first pass even in a batch: learned over the batch it was measured
 * worse.) */
static int second_pass(cost_model *cm, al_sentfeat *sf, const al_text *src,
                       const al_text *tgt, const al_learner *learned_over,
                       units *us, units *ut, step **path, size_t *np,
                       bool *scored)
{
    size_t learned = 0;
    int rc;
    units_free(us);                     /* rebuilt below: keep the peak low */
    units_free(ut);
    if (learned_over != NULL) {
        rc = al_learner_apply(learned_over, &sf[0], &sf[1], &learned);
    } else {
        al_bead *beads;
        bool *conf;
        rc = path_beads(*path, *np, &beads, &conf);
        if (rc == AL_OK)
            rc = al_learn_lexicon(&sf[0], &sf[1], beads, *np, conf,
                                  &learned);
        free(beads);
        free(conf);
    }
    if (rc == AL_OK) {
        rc = units_from_text(src, &sf[0], us);
        if (rc == AL_OK)
            rc = units_from_text(tgt, &sf[1], ut);
        if (rc == AL_OK)
            rc = learn_inner(us, *path, *np, 0);
        if (rc == AL_OK)
            rc = learn_inner(ut, *path, *np, 1);
        if (rc == AL_OK)
            learn_ends(cm, *path, *np);
    }
    if (rc == AL_OK) {
        step *again;
        size_t n2 = 0;
        rc = search_around(cm, *path, *np, &again, &n2, scored);
        if (rc == AL_OK) {
            free(*path);
            *path = again;
            *np = n2;
        }
    }
    return rc;
}

/* A copy of SF's features per type (tfo, tfeat) into *TFO, *TFEAT. */
static int copy_type_features(const al_sentfeat *sf, uint32_t **tfo,
                              uint32_t **tfeat)
{
    *tfo = al_malloc((sf->n_types + 1) * sizeof **tfo);
    *tfeat = al_malloc((sf->n_tfeat > 0 ? sf->n_tfeat : 1) * sizeof **tfeat);
    if (*tfo == NULL || *tfeat == NULL) {
        free(*tfo);
        free(*tfeat);
        *tfo = *tfeat = NULL;
        return AL_ENOMEM;
    }
    memcpy(*tfo, sf->tfo, (sf->n_types + 1) * sizeof **tfo);
    memcpy(*tfeat, sf->tfeat, sf->n_tfeat * sizeof **tfeat);
    return AL_OK;
}

/* Computes both texts' anchor items into SF, their units into US and UT,
 * the cost model CM of the pair and its first alignment *PATH, *NP. The
 * caller frees SF, US, UT and *PATH, whatever the outcome. */
static int first_pass(const al_model *m, const al_text *src,
                      const al_text *tgt, al_sentfeat *sf, units *us,
                      units *ut, cost_model *cm, step **path, size_t *np)
{
    al_stage(m, "anchors");
    int rc = al_features(m, src, tgt, &sf[0], &sf[1]);
    if (rc == AL_OK)
        rc = units_from_text(src, &sf[0], us);
    if (rc == AL_OK)
        rc = units_from_text(tgt, &sf[1], ut);
    memset(cm, 0, sizeof *cm);
    if (rc != AL_OK)
        return rc;
    cm->s = us;
    cm->t = ut;
    /* Characters of target per source character: the document's own
     * ratio, pulled towards 1 for short documents, where an omission or
     * addition would skew it. */
    cm->ratio = (ut->cum_len[ut->n] + RATIO_PRIOR_CHARS) /
                (us->cum_len[us->n] + RATIO_PRIOR_CHARS);
    cm->var = LENGTH_VARIANCE;
    set_mean_lengths(cm, mean_length(us), mean_length(ut));
    cm->anchor_weight = m->anchor_weight;
    cm->orphan_penalty = ORPHAN_PENALTY;
    cm->para_penalty = PARAGRAPH_PENALTY;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            cm->end_cost[a][b] = a == b ? 0 : PARAGRAPH_PENALTY;
    cm->punct = (m->opt.anchors & 1u << AL_ANCHOR_PUNCT) != 0;
    cm->union_items = true;
    pthread_once(&tail_once, tail_init);
    set_shares(cm, P_TRUE, P_RAND);
    init_types(cm, m->opt.max_bead);
    al_stage(m, "first pass");
    return solve(cm, path, np, 0);
}

int al_first_pass(const al_model *m, const al_text *src, const al_text *tgt,
                  al_learner *l, al_error *err)
{
    al_sentfeat sf[2];
    memset(sf, 0, sizeof sf);
    units us = {0}, ut = {0};
    cost_model cm;
    step *path = NULL;
    size_t np = 0;
    int rc = first_pass(m, src, tgt, sf, &us, &ut, &cm, &path, &np);
    al_bead *beads = NULL;
    bool *conf = NULL;
    if (rc == AL_OK)
        rc = path_beads(path, np, &beads, &conf);
    if (rc == AL_OK)
        rc = al_learner_add(l, &sf[0], &sf[1], beads, np, conf);
    free(beads);
    free(conf);
    free(path);
    units_free(&us);
    units_free(&ut);
    al_sentfeat_free(&sf[0]);
    al_sentfeat_free(&sf[1]);
    if (rc == AL_EINVAL)
        return al_fail(err, rc, "the batch's lexicon is already learned");
    if (rc != AL_OK)
        return al_fail(err, AL_ENOMEM, "out of memory while aligning");
    return AL_OK;
}

int al_align_beads(const al_model *m, const al_text *src, const al_text *tgt,
                   const al_learner *learned, al_result *r, al_sentfeat *feat,
                   al_error *err)
{
    al_sentfeat sf[2];
    memset(sf, 0, sizeof sf);
    if (feat != NULL)
        memset(feat, 0, 2 * sizeof *feat);
    units us = {0}, ut = {0};
    cost_model cm;
    step *path = NULL;
    size_t np = 0;
    int rc = first_pass(m, src, tgt, sf, &us, &ut, &cm, &path, &np);
    bool scored = false;
    /* The features as computed, for the checks (FEAT): the second pass
     * adds the pairs it learns to them. */
    uint32_t *tfo0[2] = {NULL, NULL}, *tfeat0[2] = {NULL, NULL};
    size_t ntf0[2] = {0, 0};
    for (int s = 0; rc == AL_OK && feat != NULL && m->opt.second_pass &&
                    s < 2; s++) {
        rc = copy_type_features(&sf[s], &tfo0[s], &tfeat0[s]);
        ntf0[s] = sf[s].n_tfeat;
    }
    if (rc == AL_OK)
        al_stage(m, m->opt.second_pass ? "second pass" : "final search");
    if (rc == AL_OK && m->opt.second_pass)
        rc = second_pass(&cm, sf, src, tgt, learned, &us, &ut, &path, &np,
                         &scored);
    else if (rc == AL_OK)
        rc = settle(&cm, &path, &np, &scored);
    if (rc == AL_OK && !scored) {
        al_stage(m, "scores");
        rc = posterior_scores(&cm, path, np);
    }
    units_free(&us);
    units_free(&ut);
    for (int s = 0; s < 2; s++) {
        if (rc == AL_OK && feat != NULL) {
            if (tfo0[s] != NULL) {
                free(sf[s].tfo);
                free(sf[s].tfeat);
                sf[s].tfo = tfo0[s];
                sf[s].tfeat = tfeat0[s];
                sf[s].n_tfeat = ntf0[s];
                tfo0[s] = tfeat0[s] = NULL;
            }
            feat[s] = sf[s];     /* the caller's now */
            memset(&sf[s], 0, sizeof sf[s]);
        }
        free(tfo0[s]);
        free(tfeat0[s]);
        al_sentfeat_free(&sf[s]);
    }
    if (rc == AL_OK) {
        r->beads = al_calloc(np, sizeof *r->beads);
        if (r->beads == NULL)
            rc = AL_ENOMEM;
    }
    if (rc != AL_OK) {
        free(path);
        for (int s = 0; feat != NULL && s < 2; s++)
            al_sentfeat_free(&feat[s]);
        return al_fail(err, AL_ENOMEM, "out of memory while aligning");
    }
    path_to_beads(path, np, r->beads);
    r->n_beads = np;
    free(path);
    return AL_OK;
}
