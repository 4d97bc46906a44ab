/*
 * decode.c - input bytes to UTF-8.
 *
 * Without an explicit encoding: a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE)
 * decides; UTF-16 without a BOM is recognised by its NUL bytes; anything else
 * must be valid UTF-8. Errors name the file, line, column and byte offset.
 */
#include "config.h"
#include "internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Line (1-based) and column (1-based, in characters for UTF-8 input, else
 * bytes) of byte offset OFF. */
static void position(const char *s, size_t off, bool utf8, size_t *line,
                     size_t *col)
{
    size_t l = 1, start = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            l++;
            start = i + 1;
        }
    size_t c = 1;
    for (size_t i = start; i < off; i++)
        if (!utf8 || ((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    *line = l;
    *col = c;
}

/* Offset of the first invalid UTF-8 sequence, or LEN when all is valid. */
static size_t utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = al_utf8_decode(u + i, len - i, &cp);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Guess for UTF-16 without a BOM: many NULs, all at even or all at odd
 * offsets, in the first kilobytes. Returns "UTF-16LE", "UTF-16BE" or NULL. */
static const char *sniff_utf16(const char *s, size_t len)
{
    size_t n = len < 4096 ? len : 4096, even = 0, odd = 0;
    n &= ~(size_t)1;
    if (n < 8)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0')
            *(i % 2 ? &odd : &even) += 1;
    if (odd * 4 >= n && even == 0)
        return "UTF-16LE";
    if (even * 4 >= n && odd == 0)
        return "UTF-16BE";
    return NULL;
}

/* Converts LEN bytes at BYTES from ENC; BYTES lies SKIP bytes (a BOM) into
 * the input, which positions in messages count from. */
static int convert(const char *name, const char *bytes, size_t len,
                   size_t skip, const char *enc, char **out, size_t *out_len,
                   al_error *err)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return al_fail(err, AL_EINVAL, "%s: unknown encoding '%s'", name, enc);
    al_buf b = {0};
    char *in = (char *)bytes;
    size_t left = len;
    int rc = AL_OK;
    while (left > 0) {
        if (al_buf_reserve(&b, left * 2 + 16) != AL_OK) {
            rc = al_fail(err, AL_ENOMEM, "%s: out of memory", name);
            break;
        }
        char *o = b.data + b.len;
        size_t room = b.cap - b.len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        b.len = (size_t)(o - b.data);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        size_t off = (size_t)(in - bytes) + skip, line, col;
        position(bytes - skip, off, false, &line, &col);
        if (errno == EINVAL)
            rc = al_fail(err, AL_EENCODING,
                         "%s:%zu:%zu: incomplete %s sequence at end of input "
                         "(byte offset %zu)", name, line, col, enc, off);
        else
            rc = al_fail(err, AL_EENCODING,
                         "%s:%zu:%zu: invalid %s byte 0x%02X (byte offset %zu)",
                         name, line, col, enc, (unsigned char)*in, off);
        break;
    }
    iconv_close(cd);
    if (rc == AL_OK && al_buf_reserve(&b, 0) != AL_OK)
        rc = al_fail(err, AL_ENOMEM, "%s: out of memory", name);
    if (rc != AL_OK) {
        al_buf_free(&b);
        return rc;
    }
    b.data[b.len] = '\0';
    *out = b.data;
    *out_len = b.len;
    return AL_OK;
}

int al_decode(const char *name, const char *bytes, size_t len,
              const char *encoding, char **out, size_t *out_len,
              al_error *err)
{
    const unsigned char *u = (const unsigned char *)bytes;
    const char *enc = encoding;
    size_t skip = 0;
    if (enc == NULL) {
        if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
            enc = "UTF-32LE", skip = 4;
        else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE &&
                 u[3] == 0xFF)
            enc = "UTF-32BE", skip = 4;
        else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
            skip = 3;
        else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
            enc = "UTF-16LE", skip = 2;
        else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
            enc = "UTF-16BE", skip = 2;
        else
            enc = sniff_utf16(bytes, len);
    }
    const char *s = bytes + skip;
    size_t n = len - skip;
    char *conv = NULL;
    if (enc != NULL) {
        int rc = convert(name, s, n, skip, enc, &conv, &n, err);
        if (rc != AL_OK)
            return rc;
        s = conv;
        /* A BOM written inside an explicitly named encoding. */
        if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
    }
    const char *nul = memchr(s, '\0', n);
    if (nul != NULL) {
        size_t off = (size_t)(nul - s), line, col;
        position(s, off, true, &line, &col);
        free(conv);
        return al_fail(err, AL_EBINARY,
                       "%s:%zu:%zu: NUL byte: binary file, or an encoding that "
                       "needs --encoding (byte offset %zu)",
                       name, line, col, off + skip);
    }
    size_t bad = utf8_invalid_at(s, n);
    if (bad < n) {
        size_t line, col;
        position(s, bad, true, &line, &col);
        al_fail(err, AL_EENCODING,
                "%s:%zu:%zu: invalid UTF-8 byte 0x%02X (byte offset %zu; "
                "try --encoding=WINDOWS-1252)",
                name, line, col, (unsigned char)s[bad], bad + skip);
        free(conv);
        return AL_EENCODING;
    }
    char *d = al_strndup(s, n);
    free(conv);
    if (d == NULL)
        return al_fail(err, AL_ENOMEM, "%s: out of memory", name);
    *out = d;
    *out_len = n;
    return AL_OK;
}
