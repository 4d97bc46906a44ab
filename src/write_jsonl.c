/*
 * write_jsonl.c - JSON lines: one object per bead, nothing else.
 *
 *   {"bead":8,"src_ids":[8],"tgt_ids":[9],"src_lang":"fr","tgt_lang":"de",
 *    "score":0.978,"source":"...","target":"...",
 *    "flags":[{"code":"number","severity":"error","message":"...",
 *              "side":"target","span":[1234,1239],"span_text":"1.800"}]}
 *
 * bead and ids are 1-based like the TSV columns; texts are the sentences as
 * written joined by one space (line breaks inside a sentence are kept as
 * \n); span is a byte range in that side's decoded text (UTF-8, no BOM) or
 * null. The schema is documented in README.md.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

static int put_ids(al_buf *b, const char *key, size_t begin, size_t n)
{
    int rc = al_buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; rc == AL_OK && i < n; i++)
        rc = al_buf_printf(b, "%s%zu", i ? "," : "", begin + i + 1);
    return rc == AL_OK ? al_buf_putc(b, ']') : rc;
}

static int put_string(al_buf *b, const char *key, const char *s, size_t n)
{
    int rc = al_buf_printf(b, ",\"%s\":\"", key);
    if (rc == AL_OK) rc = al_buf_escape(b, s, n, AL_ESC_JSON);
    return rc == AL_OK ? al_buf_putc(b, '"') : rc;
}

static int put_text(al_buf *b, const char *key, const al_text *t,
                    size_t begin, size_t n)
{
    int rc = al_buf_printf(b, ",\"%s\":\"", key);
    for (size_t i = begin; rc == AL_OK && i < begin + n; i++) {
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        if (i > begin)
            rc = al_buf_putc(b, ' ');
        if (rc == AL_OK)
            rc = al_buf_escape(b, s, len, AL_ESC_JSON);
    }
    return rc == AL_OK ? al_buf_putc(b, '"') : rc;
}

static int put_flag(al_buf *b, const al_result *r, const al_flag *f, bool first)
{
    int rc = al_buf_printf(b, "%s{\"code\":\"%s\",\"severity\":\"%s\"",
                           first ? "" : ",", al_flag_name(f->code),
                           al_severity_name(f->severity));
    if (rc == AL_OK)
        rc = put_string(b, "message", f->message, strlen(f->message));
    if (rc == AL_OK)
        rc = al_buf_printf(b, ",\"side\":\"%s\"",
                           f->side == AL_TARGET ? "target" : "source");
    const al_text *t = al_result_text(r, f->side);
    if (f->span_end > f->span_begin && f->span_end <= t->orig_len) {
        if (rc == AL_OK)
            rc = al_buf_printf(b, ",\"span\":[%zu,%zu]", f->span_begin,
                               f->span_end);
        if (rc == AL_OK)
            rc = put_string(b, "span_text", t->orig + f->span_begin,
                            f->span_end - f->span_begin);
    } else if (rc == AL_OK) {
        rc = al_buf_str(b, ",\"span\":null,\"span_text\":null");
    }
    return rc == AL_OK ? al_buf_putc(b, '}') : rc;
}

int al_write_jsonl(const al_result *r, FILE *out, const al_write_options *wo)
{
    (void)wo;
    const al_text *src = al_result_text(r, AL_SOURCE);
    const al_text *tgt = al_result_text(r, AL_TARGET);
    al_buf b = {0};
    int rc = AL_OK;
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        const al_bead *bd = al_result_bead(r, i);
        rc = al_buf_printf(&b, "{\"bead\":%zu", i + 1);
        if (rc == AL_OK) rc = put_ids(&b, "src_ids", bd->src_begin, bd->src_len);
        if (rc == AL_OK) rc = put_ids(&b, "tgt_ids", bd->tgt_begin, bd->tgt_len);
        if (rc == AL_OK)
            rc = al_buf_printf(&b, ",\"src_lang\":\"%s\",\"tgt_lang\":\"%s\","
                               "\"score\":%.3f", al_text_lang(src),
                               al_text_lang(tgt), bd->score);
        if (rc == AL_OK)
            rc = put_text(&b, "source", src, bd->src_begin, bd->src_len);
        if (rc == AL_OK)
            rc = put_text(&b, "target", tgt, bd->tgt_begin, bd->tgt_len);
        if (rc == AL_OK) rc = al_buf_str(&b, ",\"flags\":[");
        for (size_t k = 0; rc == AL_OK && k < al_result_flag_count(r, i); k++)
            rc = put_flag(&b, r, al_result_flag(r, i, k), k == 0);
        if (rc == AL_OK) rc = al_buf_str(&b, "]}\n");
        if (rc == AL_OK) rc = al_buf_flush(&b, out);
    }
    al_buf_free(&b);
    return rc;
}
