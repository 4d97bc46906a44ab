/*
 * write_ladder.c - hunalign's ladder, as hunalign prints it without -text:
 * one rung "i<TAB>j<TAB>score" per bead, where i and j are the numbers of
 * source and target sentences before the bead (0-based positions of its
 * first sentences) and score is the bead's score; then a closing rung with
 * the sentence counts of both sides and score 1.000. Two consecutive rungs
 * (a, b) and (c, d) delimit the bead [a, c) : [b, d).
 */
#include "config.h"
#include "internal.h"

int al_write_ladder(const al_result *r, FILE *out, const al_write_options *wo)
{
    (void)wo;
    for (size_t i = 0; i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        if (fprintf(out, "%zu\t%zu\t%.3f\n", b->src_begin, b->tgt_begin,
                    b->score) < 0)
            return AL_EIO;
    }
    if (fprintf(out, "%zu\t%zu\t%.3f\n",
                al_text_count(al_result_text(r, AL_SOURCE)),
                al_text_count(al_result_text(r, AL_TARGET)), 1.0) < 0)
        return AL_EIO;
    return AL_OK;
}
