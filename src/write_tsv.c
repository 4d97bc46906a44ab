/*
 * write_tsv.c - the default output: one bead per line, tab-separated.
 *
 * Columns: source ids, target ids, score, flags, source text, target text.
 * Ids are 1-based sentence numbers joined by ',' (empty for none), the score
 * has three decimals, flags are "code:severity" joined by ','. Tabs and line
 * breaks inside the texts are written as spaces.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>

static int put_ids(al_buf *b, size_t begin, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (al_buf_printf(b, "%s%zu", i ? "," : "", begin + i + 1) != AL_OK)
            return AL_ENOMEM;
    return AL_OK;
}

int al_write_tsv(const al_result *r, FILE *out, const al_write_options *wo)
{
    (void)wo;
    al_buf b = {0};
    int rc = AL_OK;
    if (fputs("src_ids\ttgt_ids\tscore\tflags\tsource\ttarget\n", out) < 0)
        return AL_EIO;
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        const al_bead *bd = al_result_bead(r, i);
        b.len = 0;
        rc = put_ids(&b, bd->src_begin, bd->src_len);
        if (rc == AL_OK) rc = al_buf_putc(&b, '\t');
        if (rc == AL_OK) rc = put_ids(&b, bd->tgt_begin, bd->tgt_len);
        if (rc == AL_OK) rc = al_buf_printf(&b, "\t%.3f\t", bd->score);
        for (size_t k = 0; rc == AL_OK && k < al_result_flag_count(r, i); k++) {
            const al_flag *f = al_result_flag(r, i, k);
            rc = al_buf_printf(&b, "%s%s:%s", k ? "," : "",
                               al_flag_name(f->code),
                               al_severity_name(f->severity));
        }
        if (rc == AL_OK) rc = al_buf_putc(&b, '\t');
        if (rc == AL_OK)
            rc = al_bead_text(r->text[AL_SOURCE], bd->src_begin, bd->src_len,
                              &b);
        if (rc == AL_OK) rc = al_buf_putc(&b, '\t');
        if (rc == AL_OK)
            rc = al_bead_text(r->text[AL_TARGET], bd->tgt_begin, bd->tgt_len,
                              &b);
        if (rc == AL_OK) rc = al_buf_putc(&b, '\n');
        if (rc == AL_OK && fwrite(b.data, 1, b.len, out) != b.len)
            rc = AL_EIO;
    }
    al_buf_free(&b);
    return rc;
}
