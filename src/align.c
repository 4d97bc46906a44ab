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
#include <stdlib.h>
#include <string.h>

/* ---- units: sentences or merged sentences of one side ---- */

typedef struct {
    size_t n;
    double *cum_len;         /* n + 1 prefix sums of lengths */
    uint32_t *foff;          /* n + 1 offsets into feat */
    al_feature *feat;        /* sorted by id, unique per unit */
    uint32_t *para_end;      /* 1 when the unit closes a paragraph */
    double *fweight;         /* total feature weight per unit */
} units;

static void units_free(units *u)
{
    free(u->cum_len);
    free(u->foff);
    free(u->feat);
    free(u->para_end);
    free(u->fweight);
    memset(u, 0, sizeof *u);
}

static int units_alloc(units *u, size_t n, size_t nfeat)
{
    u->n = n;
    u->cum_len = al_calloc(n + 1, sizeof *u->cum_len);
    u->foff = al_calloc(n + 1, sizeof *u->foff);
    u->feat = al_calloc(nfeat, sizeof *u->feat);
    u->para_end = al_calloc(n, sizeof *u->para_end);
    u->fweight = al_calloc(n, sizeof *u->fweight);
    if (!u->cum_len || !u->foff || !u->feat || !u->para_end || !u->fweight) {
        units_free(u);
        return AL_ENOMEM;
    }
    return AL_OK;
}

static void units_weights(units *u)
{
    for (size_t i = 0; i < u->n; i++) {
        double w = 0;
        for (uint32_t k = u->foff[i]; k < u->foff[i + 1]; k++)
            w += u->feat[k].weight;
        u->fweight[i] = w;
    }
}

/* Units of a text: one per sentence. */
static int units_from_text(const al_text *t, const al_sentfeat *sf, units *u)
{
    if (units_alloc(u, t->n_sents, sf->n_feat) != AL_OK)
        return AL_ENOMEM;
    for (size_t i = 0; i < t->n_sents; i++) {
        u->cum_len[i + 1] = u->cum_len[i] + sf->len[i];
        u->para_end[i] = i + 1 == t->n_sents ||
                         t->sents[i + 1].para != t->sents[i].para;
    }
    memcpy(u->foff, sf->off, (t->n_sents + 1) * sizeof *u->foff);
    memcpy(u->feat, sf->feat, sf->n_feat * sizeof *u->feat);
    units_weights(u);
    return AL_OK;
}

/* Merges units 2k and 2k+1 of FINE into unit k of COARSE. */
static int units_coarsen(const units *fine, units *coarse)
{
    size_t n = (fine->n + 1) / 2;
    if (units_alloc(coarse, n, fine->foff[fine->n]) != AL_OK)
        return AL_ENOMEM;
    uint32_t nf = 0;
    for (size_t k = 0; k < n; k++) {
        size_t a = 2 * k, b = 2 * k + 1 < fine->n ? 2 * k + 2 : 2 * k + 1;
        coarse->cum_len[k + 1] = fine->cum_len[b];
        coarse->para_end[k] = fine->para_end[b - 1];
        /* Union of two sorted feature lists. */
        uint32_t i = fine->foff[a], ie = fine->foff[a + 1];
        uint32_t j = b > a + 1 ? fine->foff[a + 1] : ie;
        uint32_t je = b > a + 1 ? fine->foff[b] : ie;
        while (i < ie || j < je) {
            if (j >= je || (i < ie && fine->feat[i].id < fine->feat[j].id))
                coarse->feat[nf++] = fine->feat[i++];
            else if (i >= ie || fine->feat[j].id < fine->feat[i].id)
                coarse->feat[nf++] = fine->feat[j++];
            else {
                coarse->feat[nf++] = fine->feat[i++];
                j++;
            }
        }
        coarse->foff[k + 1] = nf;
    }
    units_weights(coarse);
    return AL_OK;
}

/* Shared feature weight of unit I of S and unit J of T. */
static double shared_weight(const units *s, size_t i, const units *t, size_t j)
{
    uint32_t a = s->foff[i], ae = s->foff[i + 1];
    uint32_t b = t->foff[j], be = t->foff[j + 1];
    double w = 0;
    while (a < ae && b < be) {
        if (s->feat[a].id < t->feat[b].id)
            a++;
        else if (t->feat[b].id < s->feat[a].id)
            b++;
        else {
            w += s->feat[a].weight < t->feat[b].weight ? s->feat[a].weight
                                                       : t->feat[b].weight;
            a++;
            b++;
        }
    }
    return w;
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

typedef struct {
    const units *s, *t;
    double ratio, var;       /* length model: target/source chars, variance */
    double anchor_weight;
    double orphan_penalty;   /* per merged sentence that shares no anchor */
    double para_penalty;
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
        {1, 4, 0.0003},
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
static double tail_cost(double d)
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

/* Cost of the bead covering source units [I-A, I) and target [J-B, J). */
static double bead_cost(const cost_model *cm, int type, size_t i, size_t j)
{
    const bead_type *bt = &cm->types[type];
    const units *s = cm->s, *t = cm->t;
    if (bt->a == 0 || bt->b == 0)
        return bt->prior;    /* null beads: no length evidence either way */
    double l1 = s->cum_len[i] - s->cum_len[i - bt->a];
    double l2 = t->cum_len[j] - t->cum_len[j - bt->b];
    double mean = (l1 + l2 / cm->ratio) / 2;
    double d = (l2 - cm->ratio * l1) / sqrt(cm->var * (mean > 1 ? mean : 1));
    double cost = bt->prior + tail_cost(d);
    if (bt->a > 0 && bt->b > 0 && cm->anchor_weight > 0) {
        double shared = 0, ws = 0, wt = 0;
        for (int x = 1; x <= bt->a; x++)
            ws += s->fweight[i - x];
        for (int y = 1; y <= bt->b; y++)
            wt += t->fweight[j - y];
        if (ws + wt > 0) {
            double row[4] = {0}, col[4] = {0};
            for (int x = 1; x <= bt->a; x++)
                for (int y = 1; y <= bt->b; y++) {
                    double w = shared_weight(s, i - x, t, j - y);
                    shared += w;
                    row[x - 1] += w;
                    col[y - 1] += w;
                }
            double dice = 2 * shared / (ws + wt);
            if (dice > 1)
                dice = 1;
            cost -= cm->anchor_weight * dice;
            /* In a merge, a sentence that shares (almost) none of its own
             * anchors' weight with the other side is evidence against the
             * merge. */
            if (bt->a > 1 || bt->b > 1) {
                for (int x = 1; x <= bt->a && bt->a > 1; x++)
                    cost += orphan_cost(cm, row[x - 1], s->fweight[i - x]);
                for (int y = 1; y <= bt->b && bt->b > 1; y++)
                    cost += orphan_cost(cm, col[y - 1], t->fweight[j - y]);
            }
        }
    }
    bool pe_s = bt->a > 0 ? s->para_end[i - 1] != 0 : false;
    bool pe_t = bt->b > 0 ? t->para_end[j - 1] != 0 : false;
    if (bt->a > 0 && bt->b > 0 && pe_s != pe_t)
        cost += cm->para_penalty;
    return cost;
}

/* ---- banded dynamic programming ---- */

typedef struct {
    size_t *lo, *hi;         /* n + 1 column ranges [lo, hi] per row */
} band;

typedef struct {
    size_t i0, j0, i1, j1;   /* bead covers units [i0,i1) x [j0,j1) */
    double cost;
} step;

/* Runs the DP inside BAND; writes the path into *PATH (n_path steps, in
 * order). Returns AL_OK, AL_ENOMEM. *TOUCH gets whether the path runs along
 * the band's edge. */
static int band_dp(const cost_model *cm, const band *bd, step **path,
                   size_t *n_path, bool *touch)
{
    size_t n = cm->s->n, m = cm->t->n;
    size_t *rowoff = al_calloc(n + 2, sizeof *rowoff);
    if (rowoff == NULL)
        return AL_ENOMEM;
    for (size_t i = 0; i <= n; i++)
        rowoff[i + 1] = rowoff[i] + (bd->hi[i] - bd->lo[i] + 1);
    uint8_t *bp = al_malloc(rowoff[n + 1]);
    int depth = 0;
    for (int k = 0; k < cm->n_types; k++) {
        if (cm->types[k].a > depth)
            depth = cm->types[k].a;
    }
    /* Costs for the last DEPTH+1 rows. */
    size_t maxw = 0;
    for (size_t i = 0; i <= n; i++)
        if (bd->hi[i] - bd->lo[i] + 1 > maxw)
            maxw = bd->hi[i] - bd->lo[i] + 1;
    double *rows = al_malloc((size_t)(depth + 1) * maxw * sizeof *rows);
    if (bp == NULL || rows == NULL) {
        free(rowoff);
        free(bp);
        free(rows);
        return AL_ENOMEM;
    }
#define ROW(i) (rows + ((i) % (size_t)(depth + 1)) * maxw)
    for (size_t i = 0; i <= n; i++) {
        double *cur = ROW(i);
        for (size_t j = bd->lo[i]; j <= bd->hi[i]; j++) {
            double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
            uint8_t arg = 0xFF;
            for (int k = 0; k < cm->n_types && !(i == 0 && j == 0); k++) {
                size_t a = (size_t)cm->types[k].a, b = (size_t)cm->types[k].b;
                if (a > i || b > j)
                    continue;
                size_t pi = i - a, pj = j - b;
                if (pj < bd->lo[pi] || pj > bd->hi[pi])
                    continue;
                double prev = ROW(pi)[pj - bd->lo[pi]];
                if (prev == HUGE_VAL)
                    continue;
                double c = prev + bead_cost(cm, k, i, j);
                if (c < best) {
                    best = c;
                    arg = (uint8_t)k;
                }
            }
            cur[j - bd->lo[i]] = best;
            bp[rowoff[i] + (j - bd->lo[i])] = arg;
        }
    }
#undef ROW
    free(rows);
    /* Trace back from (n, m). */
    size_t cap = 64, cnt = 0;
    step *p = al_malloc(cap * sizeof *p);
    size_t i = n, j = m;
    bool edge = false;
    int rc = p ? AL_OK : AL_ENOMEM;
    if (m < bd->lo[n] || m > bd->hi[n])
        rc = AL_EINVAL;
    while (rc == AL_OK && (i > 0 || j > 0)) {
        uint8_t k = bp[rowoff[i] + (j - bd->lo[i])];
        if (k == 0xFF) {
            rc = AL_EINVAL;
            break;
        }
        if ((j == bd->lo[i] && j > 0 && bd->lo[i] > 0) ||
            (j == bd->hi[i] && j < m))
            edge = true;
        size_t a = (size_t)cm->types[k].a, b = (size_t)cm->types[k].b;
        if (cnt == cap) {
            step *q = al_realloc_array(p, cap * 2, sizeof *p);
            if (q == NULL) {
                rc = AL_ENOMEM;
                break;
            }
            p = q;
            cap *= 2;
        }
        p[cnt].i0 = i - a;
        p[cnt].j0 = j - b;
        p[cnt].i1 = i;
        p[cnt].j1 = j;
        p[cnt].cost = bead_cost(cm, k, i, j);
        cnt++;
        i -= a;
        j -= b;
    }
    free(bp);
    free(rowoff);
    if (rc != AL_OK) {
        free(p);
        return rc;
    }
    for (size_t x = 0; x < cnt / 2; x++) {
        step tmp = p[x];
        p[x] = p[cnt - 1 - x];
        p[cnt - 1 - x] = tmp;
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

/* Band of half-width W around PATH (coarse steps scaled by 2 onto n x m). */
static void band_around(band *bd, const step *path, size_t np, size_t scale,
                        size_t n, size_t m, size_t w)
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
    /* Rows further away are reached only through their neighbours. */
    for (size_t i = 0; i <= n; i++) {
        size_t a = i > w ? i - w : 0, b = i + w < n ? i + w : n;
        size_t lo = bd->lo[i], hi = bd->hi[i];
        if (bd->lo[a] < lo) lo = bd->lo[a];
        if (bd->hi[b] > hi) hi = bd->hi[b];
        bd->lo[i] = lo;
        bd->hi[i] = hi;
    }
    bd->lo[0] = 0;
    bd->hi[n] = m;
}

/* Exact problems up to this many cells; larger ones are coarsened. */
#define FULL_DP_CELLS ((size_t)1 << 20)

static int solve(cost_model *cm, step **path, size_t *np, int depth)
{
    const units *s = cm->s, *t = cm->t;
    size_t n = s->n, m = t->n;
    band bd;
    if (band_alloc(&bd, n) != AL_OK)
        return AL_ENOMEM;
    int rc;
    if ((n + 1) * (m + 1) <= FULL_DP_CELLS || n < 8 || m < 8 || depth > 40) {
        for (size_t i = 0; i <= n; i++) {
            bd.lo[i] = 0;
            bd.hi[i] = m;
        }
        bool touch;
        rc = band_dp(cm, &bd, path, np, &touch);
        band_free(&bd);
        return rc;
    }
    units cs = {0}, ct = {0};
    rc = units_coarsen(s, &cs);
    if (rc == AL_OK)
        rc = units_coarsen(t, &ct);
    step *coarse = NULL;
    size_t ncoarse = 0;
    if (rc == AL_OK) {
        cost_model cc = *cm;
        cc.s = &cs;
        cc.t = &ct;
        rc = solve(&cc, &coarse, &ncoarse, depth + 1);
    }
    units_free(&cs);
    units_free(&ct);
    size_t w = 8;
    while (rc == AL_OK) {
        band_around(&bd, coarse, ncoarse, 2, n, m, w);
        bool touch = false;
        rc = band_dp(cm, &bd, path, np, &touch);
        if ((rc == AL_EINVAL && w < n + m) ||
            (rc == AL_OK && touch && w < n + m)) {
            if (rc == AL_OK)
                free(*path);
            rc = AL_OK;
            w *= 4;
            continue;
        }
        break;
    }
    free(coarse);
    band_free(&bd);
    return rc;
}

/* ---- scores ---- */

/* Weight, in characters, of the prior ratio 1 in the length model. */
#define RATIO_PRIOR_CHARS 2000.0

/* Score in [0, 1]: a logistic of the bead's cost relative to the cost a
 * typical 1-1 bead of the same length would have. */
static double bead_score(const step *st)
{
    double c = st->cost;
    return 1.0 / (1.0 + exp(c - 4.0));
}

int al_align_beads(const al_model *m, const al_text *src, const al_text *tgt,
                   al_result *r, al_error *err)
{
    al_sentfeat sf[2];
    memset(sf, 0, sizeof sf);
    int rc = al_features(m, src, tgt, &sf[0], &sf[1]);
    units us = {0}, ut = {0};
    if (rc == AL_OK)
        rc = units_from_text(src, &sf[0], &us);
    if (rc == AL_OK)
        rc = units_from_text(tgt, &sf[1], &ut);
    al_sentfeat_free(&sf[0]);
    al_sentfeat_free(&sf[1]);
    if (rc != AL_OK) {
        units_free(&us);
        units_free(&ut);
        return al_fail(err, AL_ENOMEM, "out of memory while aligning");
    }
    cost_model cm;
    memset(&cm, 0, sizeof cm);
    cm.s = &us;
    cm.t = &ut;
    /* Characters of target per source character: the document's own ratio,
     * pulled towards 1 for short documents, where an omission or addition
     * would skew it. */
    cm.ratio = (ut.cum_len[ut.n] + RATIO_PRIOR_CHARS) /
               (us.cum_len[us.n] + RATIO_PRIOR_CHARS);
    cm.var = 6.8;
    cm.anchor_weight = m->anchor_weight;
    cm.orphan_penalty = 1.0;
    cm.para_penalty = 1.0;
    init_types(&cm, m->opt.max_bead);
    step *path = NULL;
    size_t np = 0;
    rc = solve(&cm, &path, &np, 0);
    units_free(&us);
    units_free(&ut);
    if (rc != AL_OK)
        return al_fail(err, AL_ENOMEM, "out of memory while aligning");
    r->beads = al_calloc(np, sizeof *r->beads);
    if (r->beads == NULL) {
        free(path);
        return al_fail(err, AL_ENOMEM, "out of memory while aligning");
    }
    for (size_t k = 0; k < np; k++) {
        al_bead *b = &r->beads[k];
        b->src_begin = path[k].i0;
        b->src_len = path[k].i1 - path[k].i0;
        b->tgt_begin = path[k].j0;
        b->tgt_len = path[k].j1 - path[k].j0;
        b->score = bead_score(&path[k]);
    }
    r->n_beads = np;
    free(path);
    return AL_OK;
}
