/*
 * fuzz_decode.c - decode (bytes to UTF-8) and normalize.
 *
 * Input: one byte choosing the encoding (see encodings[]), then the bytes.
 * Checks: decode either fails with a message naming the input or gives valid
 * UTF-8 without NUL bytes, and keeps valid UTF-8 input byte for byte;
 * normalize gives valid UTF-8 with no CR or tab, its knots map every
 * normalized offset into the original monotonically and the end onto the
 * end, and normalizing twice changes nothing.
 */
#include "fuzz.h"

static const char *const encodings[16] = {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    "UTF-8", "WINDOWS-1252", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32",
    "ISO-8859-15", "NO-SUCH-ENCODING",
};

/* Does S start with a byte order mark decode would honour? */
static int has_bom(const unsigned char *s, size_t n)
{
    return (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                       (s[0] == 0xFE && s[1] == 0xFF))) ||
           (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
           (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF);
}

static void check_norm(const char *orig, size_t len)
{
    al_norm nm;
    al_error err;
    FUZZ_ASSERT(al_normalize(orig, len, &nm, &err) == AL_OK);
    FUZZ_ASSERT(nm.text[nm.len] == '\0');
    FUZZ_ASSERT(fuzz_valid_utf8(nm.text, nm.len));
    FUZZ_ASSERT(memchr(nm.text, '\r', nm.len) == NULL);
    FUZZ_ASSERT(memchr(nm.text, '\t', nm.len) == NULL);
    /* The first knot may map offset 0 past invisible characters. */
    FUZZ_ASSERT(nm.n_knots >= 1 && nm.knots[0].norm == 0);
    for (size_t k = 1; k < nm.n_knots; k++) {
        FUZZ_ASSERT(nm.knots[k].norm > nm.knots[k - 1].norm);
        FUZZ_ASSERT(nm.knots[k].orig >= nm.knots[k - 1].orig);
        FUZZ_ASSERT(nm.knots[k].norm <= nm.len && nm.knots[k].orig <= len);
    }
    size_t prev = 0;
    for (size_t off = 0; off <= nm.len; off++) {
        size_t o = al_norm_to_orig(&nm, off);
        FUZZ_ASSERT(o >= prev && o <= len);
        prev = o;
    }
    FUZZ_ASSERT(al_norm_to_orig(&nm, nm.len) == len);
    al_norm again;
    FUZZ_ASSERT(al_normalize(nm.text, nm.len, &again, &err) == AL_OK);
    FUZZ_ASSERT(again.len == nm.len &&
                memcmp(again.text, nm.text, nm.len) == 0);
    al_norm_free(&again);
    (void)al_damage_scan(orig, len);
    al_norm_free(&nm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *enc = encodings[data[0] & 15];
    const char *bytes = (const char *)data + 1;
    size_t len = size - 1;
    char *out = NULL;
    size_t out_len = 0;
    al_error err;
    int rc = al_decode("in.txt", bytes, len, enc, &out, &out_len, &err);
    if (rc != AL_OK) {
        FUZZ_ASSERT(rc == AL_EENCODING || rc == AL_EBINARY ||
                    rc == AL_EINVAL);
        FUZZ_ASSERT(err.code == rc);
        FUZZ_ASSERT(strncmp(err.message, "in.txt:", 7) == 0);
        return 0;
    }
    FUZZ_ASSERT(out[out_len] == '\0');
    FUZZ_ASSERT(fuzz_valid_utf8(out, out_len));
    if (enc == NULL && !has_bom(data + 1, len) && memchr(bytes, 0, len) == NULL)
        FUZZ_ASSERT(out_len == len && memcmp(out, bytes, len) == 0);
    check_norm(out, out_len);
    free(out);
    return 0;
}
