/*
 * write_text.c - side by side for a terminal, 80 columns: a heading line
 * per bead (sentence numbers, score), one line per flag with its severity
 * and reason, then source and target in two wrapped columns. With
 * wo->color, ANSI colors: severities in color, flag spans underlined in the
 * severity's color, unflagged headings dim. Control characters of the
 * input are shown as their pictures (AL_ESC_TERM), never sent to the
 * terminal.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

#define COL_WIDTH 37
#define INDENT "  "

static const char *const sev_color[] = {"\033[36m", "\033[33m", "\033[1;31m"};

static int put_sgr(al_buf *b, int color, const char *sgr)
{
    return color ? al_buf_str(b, sgr) : AL_OK;
}

/* "8 <-> 9  score 0.978" */
static int put_heading(al_buf *b, const al_result *r, size_t i, int color)
{
    const al_bead *bd = al_result_bead(r, i);
    bool flagged = al_result_flag_count(r, i) > 0;
    int rc = put_sgr(b, color, flagged ? "\033[1m" : "\033[2m");
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->src_begin, bd->src_len);
    if (rc == AL_OK) rc = al_buf_str(b, " \xE2\x86\x94 ");
    if (rc == AL_OK) rc = al_buf_id_range(b, bd->tgt_begin, bd->tgt_len);
    if (rc == AL_OK) rc = al_buf_printf(b, "  score %.3f", bd->score);
    if (rc == AL_OK) rc = put_sgr(b, color, "\033[0m");
    return rc == AL_OK ? al_buf_putc(b, '\n') : rc;
}

/* "  ! error    number: reason", the reason wrapped under itself. */
static int put_flag(al_buf *b, al_buf *tmp, const al_flag *f, int color)
{
    int sev = (int)f->severity >= 0 && f->severity <= AL_ERROR
                  ? (int)f->severity : AL_ERROR;
    int rc = al_buf_str(b, INDENT "! ");
    if (rc == AL_OK) rc = put_sgr(b, color, sev_color[sev]);
    if (rc == AL_OK)
        rc = al_buf_printf(b, "%-8s%s:", al_severity_name(f->severity),
                           al_flag_name(f->code));
    if (rc == AL_OK) rc = put_sgr(b, color, "\033[0m");
    tmp->len = 0;
    if (rc == AL_OK)
        rc = al_buf_escape(tmp, f->message, strlen(f->message), AL_ESC_TERM);
    if (rc == AL_OK) rc = al_buf_putc(b, ' ');
    /* The reason starts after "  ! severity code: " and wraps under it. */
    size_t indent = 4 + 8 + strlen(al_flag_name(f->code)) + 2;
    return rc == AL_OK ? al_put_wrapped(b, tmp->data, tmp->len, indent, 79)
                       : rc;
}

static int put_bead(al_buf *b, al_buf *tmp, al_column col[2],
                    const al_result *r, size_t i, int color)
{
    int rc = put_heading(b, r, i, color);
    for (size_t k = 0; rc == AL_OK && k < al_result_flag_count(r, i); k++)
        rc = put_flag(b, tmp, al_result_flag(r, i, k), color);
    return rc == AL_OK
               ? al_put_bead_columns(b, INDENT, col, r, i, COL_WIDTH, color)
               : rc;
}

/* "fr: name" over each column. */
static int put_title(al_buf *b, al_column col[2], const al_result *r,
                     const al_write_options *wo, int color)
{
    const char *name[2] = {wo->source_name ? wo->source_name : "source",
                           wo->target_name ? wo->target_name : "target"};
    al_buf t = {0};
    int rc = AL_OK;
    for (int side = 0; rc == AL_OK && side < 2; side++) {
        t.len = 0;
        rc = al_buf_printf(&t, "%s: %s",
                           al_text_lang(al_result_text(r, side)), name[side]);
        if (rc == AL_OK) rc = al_column_set(&col[side], t.data, t.len);
    }
    al_buf_free(&t);
    if (rc == AL_OK) rc = put_sgr(b, color, "\033[1m");
    if (rc == AL_OK) rc = al_put_columns(b, INDENT, &col[0], &col[1],
                                         COL_WIDTH, 0);
    if (rc == AL_OK) rc = put_sgr(b, color, "\033[0m");
    return rc == AL_OK ? al_buf_putc(b, '\n') : rc;
}

int al_write_text(const al_result *r, FILE *out, const al_write_options *wo)
{
    al_buf b = {0}, tmp = {0};
    al_column col[2] = {{0}, {0}};
    int rc = put_title(&b, col, r, wo, wo->color);
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        rc = put_bead(&b, &tmp, col, r, i, wo->color);
        if (rc == AL_OK)
            rc = al_buf_flush(&b, out);
    }
    al_column_free(&col[0]);
    al_column_free(&col[1]);
    al_buf_free(&b);
    al_buf_free(&tmp);
    return rc;
}
