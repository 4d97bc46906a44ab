/*
 * check_merge.c - a sentence that a merged bead does not explain.
 *
 * When a translation leaves out a sentence, the aligner rarely leaves its
 * source alone in a bead of its own (1-0): more often it merges the orphan
 * into a neighbour's bead, which becomes a 2-1 (or n-m) bead where every
 * sentence seems to have a translation. The same happens to an added
 * sentence in a 1-n bead. This check looks inside beads with two sentences
 * or more on one side for one sentence that
 *
 *   - shares (almost) none of its anchors (numbers, names, identical words,
 *     cognates, dictionary translations; anchor.c) with the other side,
 *     while the rest of its side shares a good part of theirs, and
 *   - whose removal makes the bead's lengths fit the length model (Gale &
 *     Church's normal model of the target length given the source length,
 *     with the pair's own ratio) far better,
 *
 * and flags it as an omission (source) or an addition (target) with the
 * span of that sentence. The two kinds of evidence are independent: a
 * legitimate merge of a long sentence translated as two shares anchors with
 * both, and a merge of a short sentence changes the lengths little.
 *
 * More often still the aligner shifts the pairs around the orphan: the
 * orphan gets a 1-1 bead with the translation of a neighbouring sentence.
 * Such a bead's two sides share (almost) none of their anchors although
 * each has enough to judge, and the aligner is unsure of it. ck_check_unrelated
 * flags it: the source as an omission, the target as an addition.
 */
#include "config.h"
#include "check.h"

#include <math.h>

/* Gale & Church's (1993) variance of the target length per source
 * character, as in the aligner's length model. */
#define LENGTH_VARIANCE 6.8

/* A sentence is unsupported when the other side matches less than this
 * share of its anchor weight (translations match about half of theirs:
 * the aligner's P_TRUE), while it matches a larger share of the rest of
 * the sentences of its side ... */
#define ORPHAN_SHARE 0.4
/* ... and it has this much anchor weight at least: about two rare words, so
 * that a sentence of function words alone is never judged. */
#define ORPHAN_MIN_WEIGHT 2.0
/* Log-likelihood ratio of the length model, bead without the sentence
 * against bead with it, above which the lengths agree: the bead fits better
 * without it. The aligner needs about 1.5 more to split the bead (the prior
 * of a 1-0 bead against a 2-1), so the merges flagged here are the ones it
 * kept on a small margin. */
#define LENGTH_GAIN 0.5

/* Anchor weight of sentence I of SIDE, and the part of it whose features
 * are in SET (the features of the other side of the bead). */
static void support(const ck_ctx *c, int side, size_t i, const ck_set *set,
                    double *weight, double *matched)
{
    const al_sentfeat *sf = &c->feat[side];
    *weight = *matched = 0;
    for (uint32_t k = sf->ioff[i]; k < sf->ioff[i + 1]; k++) {
        uint32_t ty = sf->itype[k];
        double w = sf->tw[ty];
        *weight += w;
        for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++)
            if (ck_set_has(set, (uint64_t)sf->tfeat[f] + 1)) {
                *matched += w;
                break;
            }
    }
}

/* Fills C->set with the anchor features of SIDE's sentences in bead B. */
static void side_features(ck_ctx *c, const al_bead *b, int side)
{
    const al_sentfeat *sf = &c->feat[side];
    size_t begin = side == AL_SOURCE ? b->src_begin : b->tgt_begin;
    size_t n = side == AL_SOURCE ? b->src_len : b->tgt_len;
    ck_set_clear(&c->set);
    for (size_t i = begin; i < begin + n; i++)
        for (uint32_t k = sf->ioff[i]; k < sf->ioff[i + 1]; k++) {
            uint32_t ty = sf->itype[k];
            for (uint32_t f = sf->tfo[ty]; f < sf->tfo[ty + 1]; f++)
                if (ck_set_add(&c->set, (uint64_t)sf->tfeat[f] + 1) !=
                    AL_OK) {
                    c->rc = AL_ENOMEM;
                    return;
                }
        }
}

/* Squared deviation of the length model for L1 source and L2 target
 * characters (the aligner's delta, squared). */
static double length_dev2(double ratio, double l1, double l2)
{
    double mean = (l1 + l2 / ratio) / 2;
    double d = l2 - ratio * l1;
    return d * d / (LENGTH_VARIANCE * (mean > 1 ? mean : 1));
}

void ck_check_merge(ck_ctx *c, int side)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    if (n < 2 || !c->have_feat)
        return;
    int other = !side;
    side_features(c, c->b, other);
    if (c->rc != AL_OK)
        return;
    const al_sentfeat *sf = &c->feat[side];
    double w_all = 0, m_all = 0, len_all = 0;
    for (size_t i = begin; i < begin + n; i++) {
        double w, m;
        support(c, side, i, &c->set, &w, &m);
        w_all += w;
        m_all += m;
        len_all += sf->len[i];
    }
    size_t ob, on;
    ck_bead_side(c, other, &ob, &on);
    double len_other = 0;
    for (size_t j = ob; j < ob + on; j++)
        len_other += c->feat[other].len[j];
    size_t best = 0;
    double best_gain = LENGTH_GAIN;
    for (size_t i = begin; i < begin + n; i++) {
        double w, m;
        support(c, side, i, &c->set, &w, &m);
        double rest_w = w_all - w, rest_m = m_all - m;
        double l_with = len_all, l_without = len_all - sf->len[i];
        double gain = side == AL_SOURCE
            ? length_dev2(c->ratio, l_with, len_other) -
              length_dev2(c->ratio, l_without, len_other)
            : length_dev2(c->ratio, len_other, l_with) -
              length_dev2(c->ratio, len_other, l_without);
        gain /= 2;
#ifdef AL_CHECK_SIGNALS
        {
            const al_sent *st = &c->t[side]->sents[i];
            ck_flag(c, side == AL_SOURCE ? AL_FLAG_OMISSION
                                         : AL_FLAG_ADDITION, AL_INFO, side,
                    st->start, (size_t)st->start + st->len,
                    "signals: merge w=%.2f m=%.2f rest=%.2f/%.2f gain=%.2f "
                    "k=%zu/%zu s=%zu", w, m, rest_m, rest_w, gain, i - begin, n,
                    i);
        }
#endif
        if (w < ORPHAN_MIN_WEIGHT || m >= ORPHAN_SHARE * w ||
            m * rest_w >= rest_m * w || gain < best_gain)
            continue;
        best = i + 1;
        best_gain = gain;
    }
    if (best == 0)
        return;
    const al_sent *st = &c->t[side]->sents[best - 1];
    if (side == AL_SOURCE)
        ck_flag(c, AL_FLAG_OMISSION, AL_WARNING, AL_SOURCE, st->start,
                (size_t)st->start + st->len,
                "source sentence %zu of %zu in this pair seems not "
                "translated: the translation matches the others and is as "
                "long as they are", best - begin, n);
    else
        ck_flag(c, AL_FLAG_ADDITION, AL_WARNING, AL_TARGET, st->start,
                (size_t)st->start + st->len,
                "translation sentence %zu of %zu in this pair seems to have "
                "no source: the source matches the others and is as long as "
                "they are", best - begin, n);
}


/* ---- a pair whose two sides are unrelated ---- */

/* The aligner's anchor model (align.c): translations match a share P_TRUE
 * of their item weight, unrelated sentences a share P_RAND per mean
 * sentence's worth of text on the other side (at least half a sentence's:
 * even a short sentence can match by chance). */
#define P_TRUE 0.5
#define P_RAND 0.05
#define K_MIN 0.5
/* The anchors say "unrelated" when their log-likelihood ratio, translation
 * against unrelated, is at most -UNRELATED_LLR (odds of 20 to 1; measured
 * alike from 2 to 4, bench/README.md) ... */
#define UNRELATED_LLR 3.0
/* ... and the aligner agrees when its posterior score of the bead is at
 * most this: the bead is more likely wrong than right. Real translations
 * that share no anchor (free renderings, short sentences) are most often
 * beads the aligner is sure of, from their neighbours and lengths. */
#define UNRELATED_SCORE 0.5

/* Log-likelihood ratio, "translations" against "unrelated", of MATCHED of
 * W item weight matched by K mean sentences of the other side. */
static double anchor_llr(double matched, double w, double k)
{
    if (w <= 0)
        return 0;
    double p = 1 - pow(1 - P_RAND, k > K_MIN ? k : K_MIN);
    return matched * log(P_TRUE / p) +
           (w - matched) * log((1 - P_TRUE) / (1 - p));
}

/* Anchor weight of SIDE of the current bead, the part of it that the other
 * side matches, and the side's length in characters. */
static void side_support(ck_ctx *c, int side, double *w, double *m,
                         double *len)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    side_features(c, c->b, !side);
    *w = *m = *len = 0;
    for (size_t i = begin; i < begin + n && c->rc == AL_OK; i++) {
        double wi, mi;
        support(c, side, i, &c->set, &wi, &mi);
        *w += wi;
        *m += mi;
        *len += c->feat[side].len[i];
    }
}

/* Span of SIDE of the current bead in its normalized text. */
static void side_span(const ck_ctx *c, int side, size_t *begin, size_t *end)
{
    size_t b, n;
    ck_bead_side(c, side, &b, &n);
    const al_sent *first = &c->t[side]->sents[b];
    const al_sent *last = &c->t[side]->sents[b + n - 1];
    *begin = first->start;
    *end = (size_t)last->start + last->len;
}

bool ck_check_unrelated(ck_ctx *c)
{
    if (!c->have_feat)
        return false;
    double w[2], m[2], len[2];
    for (int side = 0; side < 2 && c->rc == AL_OK; side++)
        side_support(c, side, &w[side], &m[side], &len[side]);
    if (c->rc != AL_OK)
        return false;
    double llr = anchor_llr(m[0], w[0], len[1] / c->mean_len[1]) +
                 anchor_llr(m[1], w[1], len[0] / c->mean_len[0]);
#ifdef AL_CHECK_SIGNALS
    ck_flag(c, AL_FLAG_OMISSION, AL_INFO, AL_SOURCE, 0, 0,
            "signals: unrelated %zu-%zu w=%.2f/%.2f m=%.2f/%.2f llr=%.2f "
            "score=%.2f", c->b->src_len, c->b->tgt_len, w[0], w[1], m[0],
            m[1], llr, c->b->score);
#endif
    if (w[0] < ORPHAN_MIN_WEIGHT || w[1] < ORPHAN_MIN_WEIGHT ||
        llr > -UNRELATED_LLR || c->b->score > UNRELATED_SCORE)
        return false;
    size_t begin, end;
    if (ck_enabled(c, AL_FLAG_OMISSION)) {
        side_span(c, AL_SOURCE, &begin, &end);
        ck_flag(c, AL_FLAG_OMISSION, AL_WARNING, AL_SOURCE, begin, end,
                "the translation does not seem to translate this source: "
                "they share almost none of their numbers, names and words, "
                "and the alignment is unsure (score %.2f); its translation "
                "may be missing", c->b->score);
    }
    if (ck_enabled(c, AL_FLAG_ADDITION)) {
        side_span(c, AL_TARGET, &begin, &end);
        ck_flag(c, AL_FLAG_ADDITION, AL_WARNING, AL_TARGET, begin, end,
                "this translation does not seem to translate its source: "
                "they share almost none of their numbers, names and words, "
                "and the alignment is unsure (score %.2f); it may belong "
                "to a neighbouring pair or have no source", c->b->score);
    }
    return true;
}
