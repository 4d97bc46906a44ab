/*
 * write_tmx.c - TMX 1.4b translation memory: one <tu> per bead that has
 * text on both sides, with a <tuv xml:lang> per side. The bead's score and
 * flags are <prop type="x-align-score">, <prop type="x-align-flag">
 * ("code:severity") and a <note> with the reason in words. Beads with an
 * empty side (omissions, additions) are not translation units and are left
 * out: the other formats list them. tuid is the 1-based bead number, the
 * same as "bead" in JSON lines. Text is escaped with AL_ESC_XML, so
 * characters XML 1.0 cannot hold come out as U+FFFD.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

static int put_header(al_buf *b, const al_result *r)
{
    return al_buf_printf(b,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<tmx version=\"1.4\">\n"
        "  <header creationtool=\"align\" creationtoolversion=\"%s\""
        " segtype=\"sentence\" o-tmf=\"align\" adminlang=\"en\""
        " srclang=\"%s\" datatype=\"plaintext\"/>\n"
        "  <body>\n", AL_VERSION_STRING,
        al_text_lang(al_result_text(r, AL_SOURCE)));
}

static int put_tuv(al_buf *b, al_buf *tmp, const al_result *r, int side,
                   size_t begin, size_t n)
{
    const al_text *t = al_result_text(r, side);
    tmp->len = 0;
    int rc = al_bead_text(t, begin, n, tmp);
    if (rc == AL_OK)
        rc = al_buf_printf(b, "      <tuv xml:lang=\"%s\"><seg>",
                           al_text_lang(t));
    if (rc == AL_OK) rc = al_buf_escape(b, tmp->data, tmp->len, AL_ESC_XML);
    if (rc == AL_OK) rc = al_buf_str(b, "</seg></tuv>\n");
    return rc;
}

static int put_tu(al_buf *b, al_buf *tmp, const al_result *r, size_t i)
{
    const al_bead *bd = al_result_bead(r, i);
    size_t nf = al_result_flag_count(r, i);
    int rc = al_buf_printf(b, "    <tu tuid=\"%zu\">\n"
                           "      <prop type=\"x-align-score\">%.3f</prop>\n",
                           i + 1, bd->score);
    for (size_t k = 0; rc == AL_OK && k < nf; k++) {
        const al_flag *f = al_result_flag(r, i, k);
        rc = al_buf_printf(b, "      <prop type=\"x-align-flag\">%s:%s</prop>\n",
                           al_flag_name(f->code), al_severity_name(f->severity));
    }
    for (size_t k = 0; rc == AL_OK && k < nf; k++) {
        const al_flag *f = al_result_flag(r, i, k);
        rc = al_buf_printf(b, "      <note>%s (%s): ", al_flag_name(f->code),
                           al_severity_name(f->severity));
        if (rc == AL_OK)
            rc = al_buf_escape(b, f->message, strlen(f->message), AL_ESC_XML);
        if (rc == AL_OK) rc = al_buf_str(b, "</note>\n");
    }
    if (rc == AL_OK)
        rc = put_tuv(b, tmp, r, AL_SOURCE, bd->src_begin, bd->src_len);
    if (rc == AL_OK)
        rc = put_tuv(b, tmp, r, AL_TARGET, bd->tgt_begin, bd->tgt_len);
    return rc == AL_OK ? al_buf_str(b, "    </tu>\n") : rc;
}

int al_write_tmx(const al_result *r, FILE *out, const al_write_options *wo)
{
    (void)wo;
    al_buf b = {0}, tmp = {0};
    int rc = put_header(&b, r);
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        const al_bead *bd = al_result_bead(r, i);
        if (bd->src_len == 0 || bd->tgt_len == 0)
            continue;
        rc = put_tu(&b, &tmp, r, i);
        if (rc == AL_OK)
            rc = al_buf_flush(&b, out);
    }
    if (rc == AL_OK) rc = al_buf_str(&b, "  </body>\n</tmx>\n");
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    al_buf_free(&b);
    al_buf_free(&tmp);
    return rc;
}
