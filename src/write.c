/*
 * write.c - dispatch to one renderer per format, and helpers they share.
 */
#include "config.h"
#include "internal.h"

#include <errno.h>
#include <string.h>

int al_bead_text(const al_text *t, size_t begin, size_t n, al_buf *b)
{
    for (size_t i = begin; i < begin + n; i++) {
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        if (i > begin && al_buf_putc(b, ' ') != AL_OK)
            return AL_ENOMEM;
        for (size_t k = 0; k < len; k++) {
            char c = s[k];
            if (c == '\t' || c == '\n' || c == '\r')
                c = ' ';
            if (al_buf_putc(b, c) != AL_OK)
                return AL_ENOMEM;
        }
    }
    return AL_OK;
}

static al_writer_fn writer_for(al_format fmt)
{
    switch (fmt) {
    case AL_FORMAT_TSV: return al_write_tsv;
    case AL_FORMAT_BEADS: return al_write_beads;
    default: return NULL;
    }
}

int al_write(const al_result *r, al_format fmt, FILE *out,
             const al_write_options *wo, al_error *err)
{
    al_write_options defaults = {0};
    al_writer_fn fn = writer_for(fmt);
    if (fn == NULL)
        return al_fail(err, AL_EINVAL, "output format '%s' is not available",
                       al_format_name(fmt));
    errno = 0;
    int rc = fn(r, out, wo ? wo : &defaults);
    if (rc == AL_ENOMEM)
        return al_fail(err, rc, "out of memory while writing");
    if (rc != AL_OK || ferror(out))
        return al_fail(err, AL_EIO, "write error: %s",
                       strerror(errno ? errno : EIO));
    return AL_OK;
}
