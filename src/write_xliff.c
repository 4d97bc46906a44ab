/*
 * write_xliff.c - XLIFF 1.2 (strict schema): one <file> for the pair, one
 * <trans-unit> per bead with <source> and <target>. id is the 1-based bead
 * number; extradata holds "score=0.978". Each flag becomes a
 * <note from="align" priority="..."> with "code (severity): reason"
 * (priority 1 for errors, 3 for warnings, 5 for info); flagged units have
 * state="needs-review-translation", the others state="translated". A bead
 * with no source sentence has an empty <source/>. Text is escaped with
 * AL_ESC_XML, so characters XML 1.0 cannot hold come out as U+FFFD.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

static int put_header(al_buf *b, const al_result *r,
                      const al_write_options *wo)
{
    const char *name = wo->source_name ? wo->source_name : "source";
    int rc = al_buf_str(b,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "  <file original=\"");
    if (rc == AL_OK) rc = al_buf_escape(b, name, strlen(name), AL_ESC_XML);
    if (rc == AL_OK)
        rc = al_buf_printf(b, "\" source-language=\"%s\" target-language=\"%s\""
            " datatype=\"plaintext\" tool-id=\"align\">\n"
            "    <header>\n"
            "      <tool tool-id=\"align\" tool-name=\"align\""
            " tool-version=\"%s\"/>\n"
            "    </header>\n"
            "    <body>\n",
            al_text_lang(al_result_text(r, AL_SOURCE)),
            al_text_lang(al_result_text(r, AL_TARGET)), AL_VERSION_STRING);
    return rc;
}

/* Appends "<TAG>text</TAG>" (or "<TAG/>" when empty) with ATTRS. */
static int put_segment(al_buf *b, al_buf *tmp, const char *tag,
                       const char *attrs, const al_text *t, size_t begin,
                       size_t n)
{
    tmp->len = 0;
    int rc = al_bead_text(t, begin, n, tmp);
    if (rc == AL_OK && tmp->len == 0)
        return al_buf_printf(b, "        <%s%s/>\n", tag, attrs);
    if (rc == AL_OK) rc = al_buf_printf(b, "        <%s%s>", tag, attrs);
    if (rc == AL_OK) rc = al_buf_escape(b, tmp->data, tmp->len, AL_ESC_XML);
    if (rc == AL_OK) rc = al_buf_printf(b, "</%s>\n", tag);
    return rc;
}

static int put_unit(al_buf *b, al_buf *tmp, const al_result *r, size_t i)
{
    static const int priority[] = {5, 3, 1};
    const al_bead *bd = al_result_bead(r, i);
    size_t nf = al_result_flag_count(r, i);
    int rc = al_buf_printf(b, "      <trans-unit id=\"%zu\""
                           " extradata=\"score=%.3f\">\n", i + 1, bd->score);
    if (rc == AL_OK)
        rc = put_segment(b, tmp, "source", "", al_result_text(r, AL_SOURCE),
                         bd->src_begin, bd->src_len);
    if (rc == AL_OK)
        rc = put_segment(b, tmp, "target", nf ? " state=\"needs-review-"
                         "translation\"" : " state=\"translated\"",
                         al_result_text(r, AL_TARGET), bd->tgt_begin,
                         bd->tgt_len);
    for (size_t k = 0; rc == AL_OK && k < nf; k++) {
        const al_flag *f = al_result_flag(r, i, k);
        int sev = (int)f->severity >= 0 && f->severity <= AL_ERROR
                      ? (int)f->severity : AL_ERROR;
        rc = al_buf_printf(b, "        <note from=\"align\" priority=\"%d\">"
                           "%s (%s): ", priority[sev], al_flag_name(f->code),
                           al_severity_name(f->severity));
        if (rc == AL_OK)
            rc = al_buf_escape(b, f->message, strlen(f->message), AL_ESC_XML);
        if (rc == AL_OK) rc = al_buf_str(b, "</note>\n");
    }
    return rc == AL_OK ? al_buf_str(b, "      </trans-unit>\n") : rc;
}

int al_write_xliff(const al_result *r, FILE *out, const al_write_options *wo)
{
    al_buf b = {0}, tmp = {0};
    int rc = put_header(&b, r, wo);
    for (size_t i = 0; rc == AL_OK && i < al_result_count(r); i++) {
        rc = put_unit(&b, &tmp, r, i);
        if (rc == AL_OK)
            rc = al_buf_flush(&b, out);
    }
    if (rc == AL_OK)
        rc = al_buf_str(&b, "    </body>\n  </file>\n</xliff>\n");
    if (rc == AL_OK) rc = al_buf_flush(&b, out);
    al_buf_free(&b);
    al_buf_free(&tmp);
    return rc;
}
