/*
 * write_report.c - the flagged-sentence report for editors, plain text, 80
 * columns: the files and languages, a summary of flags per code (with what
 * each code means), then only the flagged pairs, each with its sentence
 * numbers, score, the reasons in words and source and target side by side.
 * Control characters of the input are shown as their pictures.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

#define COL_WIDTH 37
#define INDENT "  "

static int put_files(al_buf *b, const al_result *r,
                     const al_write_options *wo)
{
    static const char *const label[2] = {"source", "target"};
    const char *name[2] = {wo->source_name ? wo->source_name : "source",
                           wo->target_name ? wo->target_name : "target"};
    int rc = AL_OK;
    for (int side = 0; rc == AL_OK && side < 2; side++) {
        const al_text *t = al_result_text(r, side);
        rc = al_buf_printf(b, "%s: ", label[side]);
        if (rc == AL_OK)
            rc = al_buf_escape(b, name[side], strlen(name[side]), AL_ESC_TERM);
        if (rc == AL_OK)
            rc = al_buf_printf(b, " (%s, %zu sentence%s)\n", al_text_lang(t),
                               al_text_count(t),
                               al_text_count(t) == 1 ? "" : "s");
    }
    return rc;
}

static int put_summary(al_buf *b, const al_result *r, const al_flag_stats *st)
{
    size_t n = al_result_count(r);
    int rc = al_buf_printf(b, "\n%zu of %zu pair%s flagged", st->flagged_beads,
                           n, n == 1 ? "" : "s");
    if (rc == AL_OK && st->total > 0)
        rc = al_buf_printf(b, ": %zu error%s, %zu warning%s, %zu info",
                           st->by_severity[AL_ERROR],
                           st->by_severity[AL_ERROR] == 1 ? "" : "s",
                           st->by_severity[AL_WARNING],
                           st->by_severity[AL_WARNING] == 1 ? "" : "s",
                           st->by_severity[AL_INFO]);
    if (rc == AL_OK) rc = al_buf_str(b, ".\n\n");
    if (rc != AL_OK || st->total == 0)
        return rc;
    rc = al_buf_printf(b, "%-14s %-8s %5s %5s  %s\n", "flag", "severity",
                       "pairs", "flags", "meaning");
    for (int c = 0; rc == AL_OK && c < AL_FLAG_COUNT; c++)
        if (st->flags[c] > 0)
            rc = al_buf_printf(b, "%-14s %-8s %5zu %5zu  %s\n",
                               al_flag_name((al_flag_code)c),
                               al_severity_name((al_severity)st->severity[c]),
                               st->beads[c], st->flags[c],
                               al_flag_description((al_flag_code)c));
    return rc == AL_OK ? al_buf_putc(b, '\n') : rc;
}

/* "Pair 7 (source -, target 7), score 0.351" and one line per flag. */
static int put_pair_heading(al_buf *b, al_buf *tmp, const al_result *r,
                            size_t i)
{
    const al_bead *bd = al_result_bead(r, i);
    int rc = al_buf_printf(b, "Pair %zu: source ", i + 1);
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->src_begin, bd->src_len);
    if (rc == AL_OK) rc = al_buf_str(b, ", target ");
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->tgt_begin, bd->tgt_len);
    if (rc == AL_OK) rc = al_buf_printf(b, ", score %.3f\n", bd->score);
    for (size_t k = 0; rc == AL_OK && k < al_result_flag_count(r, i); k++) {
        const al_flag *f = al_result_flag(r, i, k);
        rc = al_buf_printf(b, INDENT "%-8s %s: ",
                           al_severity_name(f->severity),
                           al_flag_name(f->code));
        tmp->len = 0;
        if (rc == AL_OK)
            rc = al_buf_escape(tmp, f->message, strlen(f->message),
                               AL_ESC_TERM);
        /* The reason wraps under its first word. */
        size_t indent = 2 + 8 + 1 + strlen(al_flag_name(f->code)) + 2;
        if (rc == AL_OK)
            rc = al_put_wrapped(b, tmp->data, tmp->len, indent, 79);
    }
    return rc;
}

static int put_pair(al_buf *b, al_buf *tmp, al_column col[2],
                    const al_result *r, size_t i)
{
    int rc = put_pair_heading(b, tmp, r, i);
    return rc == AL_OK ? al_put_bead_columns(b, INDENT, col, r, i, COL_WIDTH, 0)
                       : rc;
}

int al_write_report(const al_result *r, FILE *out,
                    const al_write_options *wo)
{
    al_flag_stats st;
    al_flag_stats_compute(r, &st);
    al_buf b = {0}, tmp = {0};
    al_column col[2] = {{0}, {0}};
    int rc = al_buf_str(&b, "align report\n\n");
    if (rc == AL_OK) rc = put_files(&b, r, wo);
    if (rc == AL_OK) rc = put_summary(&b, r, &st);
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        if (al_result_flag_count(r, i) == 0)
            continue;
        rc = put_pair(&b, &tmp, col, r, i);
        if (rc == AL_OK)
            rc = al_buf_flush(&b, out);
    }
    al_column_free(&col[0]);
    al_column_free(&col[1]);
    al_buf_free(&b);
    al_buf_free(&tmp);
    return rc;
}
