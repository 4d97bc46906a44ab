/*
 * write_beads.c - vecalign bead lines "[0, 1]:[2]:0.123", 0-based, source
 * first; the third field is the bead's cost 1 - score.
 */
#include "config.h"
#include "internal.h"

static void put_list(FILE *out, size_t begin, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%zu", i ? ", " : "", begin + i);
    fputc(']', out);
}

int al_write_beads(const al_result *r, FILE *out, const al_write_options *wo)
{
    (void)wo;
    for (size_t i = 0; i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        put_list(out, b->src_begin, b->src_len);
        fputc(':', out);
        put_list(out, b->tgt_begin, b->tgt_len);
        if (fprintf(out, ":%.3f\n", 1.0 - b->score) < 0)
            return AL_EIO;
    }
    return AL_OK;
}
