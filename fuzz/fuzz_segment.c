/*
 * fuzz_segment.c - paragraphs and sentences.
 *
 * Input: one option byte (bits 0-1: language de, fr, en, en; bit 2:
 * presegmented), then UTF-8 text, decoded and normalized as the library does
 * before segmenting (inputs that do not decode are skipped).
 * Checks: sentences are non-empty, trimmed, in order, do not overlap, start
 * and end on code point boundaries; only white space lies between them, so
 * their concatenation is the text modulo white space; a new paragraph
 * starts exactly where a blank line lies between two sentences; in
 * presegmented mode no sentence spans a line break.
 */
#include "fuzz.h"

static int is_ws(char c)
{
    return c == ' ' || c == '\n';
}

/* Does the gap [B, E) of S hold a blank line (two line breaks with only
 * spaces between)? */
static int blank_line(const char *s, size_t b, size_t e)
{
    int seen_nl = 0;
    for (size_t k = b; k < e; k++) {
        if (s[k] == '\n') {
            if (seen_nl)
                return 1;
            seen_nl = 1;
        } else if (s[k] != ' ') {
            seen_nl = 0;
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const al_lang langs[4] = {AL_LANG_DE, AL_LANG_FR, AL_LANG_EN,
                                     AL_LANG_EN};
    al_lang lang = langs[data[0] & 3];
    bool preseg = (data[0] >> 2) & 1;
    al_model *m = fuzz_model(0, 0);
    char *text;
    size_t len;
    al_error err;
    if (al_decode("in.txt", (const char *)data + 1, size - 1, NULL, &text,
                  &len, &err) != AL_OK)
        return 0;
    al_norm nm;
    FUZZ_ASSERT(al_normalize(text, len, &nm, &err) == AL_OK);
    free(text);
    const char *s = nm.text;
    al_sent *sents = NULL;
    size_t n = 0, paras = 0;
    FUZZ_ASSERT(al_segment(s, nm.len, al_model_abbrev(m, lang), lang, preseg,
                           &sents, &n, &paras, &err) == AL_OK);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        size_t b = sents[i].start, e = b + sents[i].len;
        FUZZ_ASSERT(b < e && e <= nm.len && b >= prev_end);
        FUZZ_ASSERT(!is_ws(s[b]) && !is_ws(s[e - 1]));
        FUZZ_ASSERT(fuzz_boundary(s, nm.len, b) && fuzz_boundary(s, nm.len, e));
        for (size_t k = prev_end; k < b; k++)
            FUZZ_ASSERT(is_ws(s[k]));
        if (i == 0)
            FUZZ_ASSERT(sents[i].para == 0);
        else
            FUZZ_ASSERT(sents[i].para == sents[i - 1].para +
                        (size_t)blank_line(s, prev_end, b));
        FUZZ_ASSERT(!blank_line(s, b, e));
        if (preseg)
            FUZZ_ASSERT(memchr(s + b, '\n', e - b) == NULL);
        prev_end = e;
    }
    for (size_t k = prev_end; k < nm.len; k++)
        FUZZ_ASSERT(is_ws(s[k]));
    FUZZ_ASSERT(paras == (n > 0 ? sents[n - 1].para + 1 : 0));
    free(sents);
    al_norm_free(&nm);
    return 0;
}
