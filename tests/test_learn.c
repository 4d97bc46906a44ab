/* Unit tests of learn.c: pairs of types learned from confident beads. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>

/* A side of N sentences; sentence i holds the items of types
 * TYPES[OFF[i]] .. TYPES[OFF[i + 1] - 1]; type t has the one feature
 * FEATS[t]. */
static al_sentfeat side(size_t n, const uint32_t *off, const uint32_t *types,
                        size_t n_types, const uint32_t *feats)
{
    al_sentfeat sf;
    memset(&sf, 0, sizeof sf);
    size_t items = off[n];
    sf.len = calloc(n, sizeof *sf.len);
    sf.ioff = calloc(n + 1, sizeof *sf.ioff);
    sf.itype = calloc(items, sizeof *sf.itype);
    sf.tw = calloc(n_types, sizeof *sf.tw);
    sf.tfo = calloc(n_types + 1, sizeof *sf.tfo);
    sf.tfeat = calloc(n_types, sizeof *sf.tfeat);
    sf.thash = calloc(n_types, sizeof *sf.thash);
    for (size_t i = 0; i <= n; i++)
        sf.ioff[i] = off[i];
    for (size_t k = 0; k < items; k++)
        sf.itype[k] = types[k];
    for (size_t t = 0; t < n_types; t++) {
        sf.tw[t] = 1;
        sf.tfo[t + 1] = (uint32_t)t + 1;
        sf.tfeat[t] = feats[t];
        sf.thash[t] = 0x1000 + t;     /* the type's string, as far as
                                       * learning cares */
    }
    sf.n_items = items;
    sf.n_types = n_types;
    sf.n_tfeat = n_types;
    return sf;
}

int main(void)
{
    /* Source type 0 ("Zorblat") in sentences 0-2, type 1 in sentence 3;
     * target type 0 ("flimzor") in 0-2, type 1 in 3; no shared feature.
     * Sentences 0-2 differ otherwise (types 2-4, matched by a shared
     * feature on both sides). */
    uint32_t off[] = {0, 2, 4, 6, 7};
    uint32_t st[] = {0, 2, 0, 3, 0, 4, 1}, tt[] = {0, 2, 0, 3, 0, 4, 1};
    uint32_t sfeat[] = {10, 11, 30, 31, 32}, tfeat[] = {20, 21, 30, 31, 32};
    al_sentfeat fs = side(4, off, st, 5, sfeat), ft = side(4, off, tt, 5, tfeat);
    al_bead beads[4];
    bool conf[4] = {true, true, true, true};
    for (size_t i = 0; i < 4; i++) {
        beads[i].src_begin = beads[i].tgt_begin = i;
        beads[i].src_len = beads[i].tgt_len = 1;
        beads[i].score = 1;
    }
    size_t learned = 99;
    is_int(al_learn_lexicon(&fs, &ft, beads, 4, conf, &learned), AL_OK,
           "learning succeeds");
    is_int(learned, 1, "one pair learned (the pair seen once is not)");
    is_int(fs.tfo[1] - fs.tfo[0], 2, "source type 0 got a feature");
    is_int(ft.tfo[1] - ft.tfo[0], 2, "target type 0 got a feature");
    is_int(fs.tfeat[1], ft.tfeat[1], "the same new feature on both sides");
    is_int(fs.tfeat[1], 33, "new id above all used ones");
    is_int(fs.tfo[2] - fs.tfo[1], 1, "source type 1 unchanged");

    /* The same pair of sentences three times over is one observation. */
    {
        uint32_t roff[] = {0, 1, 2, 3, 4};
        uint32_t rs[] = {0, 0, 0, 1}, rt[] = {0, 0, 0, 1};
        al_sentfeat hs = side(4, roff, rs, 2, sfeat);
        al_sentfeat ht = side(4, roff, rt, 2, tfeat);
        is_int(al_learn_lexicon(&hs, &ht, beads, 4, conf, &learned), AL_OK,
               "learning from repeats succeeds");
        is_int(learned, 0, "a pair repeated word for word counts once");
        al_sentfeat_free(&hs);
        al_sentfeat_free(&ht);
    }

    /* Not confident: nothing is learned. */
    bool none[4] = {false, false, false, false};
    al_sentfeat gs = side(4, off, st, 5, sfeat), gt = side(4, off, tt, 5, tfeat);
    is_int(al_learn_lexicon(&gs, &gt, beads, 4, none, &learned), AL_OK,
           "learning from nothing succeeds");
    is_int(learned, 0, "nothing learned without confident beads");
    /* Two short texts, each holding the pair (type 0, type 0) in one
     * confident bead: alone, neither teaches it; counted by one learner,
     * both do, and each text gets the pair. */
    {
        uint32_t toff[] = {0, 2, 3};
        uint32_t ts[] = {0, 2, 1}, tt2[] = {0, 2, 1};
        al_sentfeat as = side(2, toff, ts, 5, sfeat);
        al_sentfeat at = side(2, toff, tt2, 5, tfeat);
        uint32_t bs_[] = {0, 3, 1}, bt_[] = {0, 4, 1};
        al_sentfeat bs = side(2, toff, bs_, 5, sfeat);
        al_sentfeat bt = side(2, toff, bt_, 5, tfeat);
        is_int(al_learn_lexicon(&as, &at, beads, 2, conf, &learned), AL_OK,
               "one short text: learning succeeds");
        is_int(learned, 0, "one short text teaches nothing");
        al_learner *l = al_learner_new();
        ok(l != NULL, "a learner");
        is_int(al_learner_add(l, &as, &at, beads, 2, conf), AL_OK,
               "first text counted");
        is_int(al_learner_add(l, &bs, &bt, beads, 2, conf), AL_OK,
               "second text counted");
        is_int(al_learner_finish(l), AL_OK, "learner finished");
        is_int(al_learner_finish(l), AL_OK, "finishing twice is harmless");
        is_int(al_learner_count(l), 1, "the pair seen in both texts");
        is_int(al_learner_add(l, &as, &at, beads, 2, conf), AL_EINVAL,
               "nothing is counted once finished");
        size_t applied = 99;
        is_int(al_learner_apply(l, &as, &at, &applied), AL_OK,
               "applied to the first text");
        is_int(applied, 1, "the first text holds the pair");
        is_int(as.tfo[1] - as.tfo[0], 2, "its source type 0 got a feature");
        is_int(as.tfeat[1], at.tfeat[1], "the same feature on both sides");
        is_int(as.tfeat[1], 33, "a fresh id");
        /* A text holding only the source word gets nothing. */
        uint32_t vt[] = {3, 2, 1};
        al_sentfeat cs = side(2, toff, ts, 5, sfeat);
        al_sentfeat ct = side(2, toff, vt, 5, tfeat);
        ct.thash[0] = 0x9999;         /* no target type 0 here */
        is_int(al_learner_apply(l, &cs, &ct, &applied), AL_OK,
               "applied to a third text");
        is_int(applied, 0, "a pair is applied only where both words are");
        is_int(cs.n_tfeat, 5, "its source is unchanged");
        al_learner_free(l);
        al_sentfeat_free(&as);
        al_sentfeat_free(&at);
        al_sentfeat_free(&bs);
        al_sentfeat_free(&bt);
        al_sentfeat_free(&cs);
        al_sentfeat_free(&ct);
    }

    al_sentfeat_free(&fs);
    al_sentfeat_free(&ft);
    al_sentfeat_free(&gs);
    al_sentfeat_free(&gt);
    return done_testing();
}
