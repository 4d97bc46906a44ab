/*
 * fuzz_align.c - a pair read, aligned and checked through the public API.
 *
 * Input: an option byte and two texts (see fuzz.h).
 * Checks: reading either fails with a message naming the side's file, or
 * gives a text whose sentences keep fuzz_check_text's invariants; aligning
 * never fails on readable texts, its beads cover both texts in order and its
 * flags point into the texts (fuzz_check_result); aligning the same pair
 * again gives the same beads, scores and flags.
 */
#include "fuzz.h"

static al_text *read_side(al_model *m, int side, const char *s, size_t n)
{
    const char *name = side == AL_SOURCE ? "src.txt" : "tgt.txt";
    al_error err;
    al_text *t = al_text_from_bytes(m, side, name, s, n, &err);
    if (t == NULL) {
        FUZZ_ASSERT(err.code == AL_EENCODING || err.code == AL_EBINARY ||
                    err.code == AL_EEMPTY);
        FUZZ_ASSERT(strncmp(err.message, name, strlen(name)) == 0 &&
                    err.message[strlen(name)] == ':');
        return NULL;
    }
    FUZZ_ASSERT(t->side == side);
    fuzz_check_text(t);
    return t;
}

static void same_result(const al_result *a, const al_result *b)
{
    FUZZ_ASSERT(al_result_count(a) == al_result_count(b));
    for (size_t i = 0; i < al_result_count(a); i++) {
        const al_bead *x = al_result_bead(a, i), *y = al_result_bead(b, i);
        FUZZ_ASSERT(memcmp(x, y, sizeof *x) == 0);
        FUZZ_ASSERT(al_result_flag_count(a, i) == al_result_flag_count(b, i));
        for (size_t k = 0; k < al_result_flag_count(a, i); k++) {
            const al_flag *f = al_result_flag(a, i, k);
            const al_flag *g = al_result_flag(b, i, k);
            FUZZ_ASSERT(f->code == g->code && f->severity == g->severity &&
                        f->side == g->side &&
                        f->span_begin == g->span_begin &&
                        f->span_end == g->span_end &&
                        strcmp(f->message, g->message) == 0);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src, *tgt;
    size_t src_len, tgt_len;
    al_model *m = fuzz_pair(data, size, &src, &src_len, &tgt, &tgt_len);
    if (m == NULL)
        return 0;
    al_text *s = read_side(m, AL_SOURCE, src, src_len);
    al_text *t = s ? read_side(m, AL_TARGET, tgt, tgt_len) : NULL;
    if (t != NULL) {
        al_error err;
        al_result *r = al_align(m, s, t, &err);
        FUZZ_ASSERT(r != NULL);
        fuzz_check_result(m, r);
        al_result *again = al_align(m, s, t, &err);
        FUZZ_ASSERT(again != NULL);
        same_result(r, again);
        al_result_free(again);
        al_result_free(r);
    }
    al_text_free(t);
    al_text_free(s);
    return 0;
}
