/*
 * lexicon.c - words: tokenizing, case and accent folding, stop-word lists.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
                                            (cp | 0x20) <= 'z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ND;
}

static bool joiner(int32_t cp)
{
    return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2011;
}

void al_tokenize(const char *s, size_t n, al_token_fn fn, void *ud)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;
    bool in = false;
    while (i < n) {
        int32_t cp;
        size_t m = al_utf8_decode(u + i, n - i, &cp);
        if (m == 0)
            m = 1;
        if (word_char(cp)) {
            if (!in) {
                start = i;
                in = true;
            }
        } else if (in && joiner(cp) && i + m < n) {
            int32_t next;
            size_t k = al_utf8_decode(u + i + m, n - i - m, &next);
            if (k == 0 || !word_char(next)) {
                fn(s + start, i - start, start, ud);
                in = false;
            }
        } else if (in) {
            fn(s + start, i - start, start, ud);
            in = false;
        }
        i += m;
    }
    if (in)
        fn(s + start, n - start, start, ud);
}

size_t al_fold(const char *tok, size_t n, al_buf *out)
{
    out->len = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)tok[i] >= 0x80)
            ascii = false;
    if (ascii) {
        if (al_buf_reserve(out, n) != AL_OK)
            return 0;
        for (size_t i = 0; i < n; i++) {
            char c = tok[i];
            out->data[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out->len = n;
        out->data[n] = '\0';
        return n;
    }
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)tok,
                                      (utf8proc_ssize_t)n, &f,
                                      UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                      UTF8PROC_STRIPMARK);
    if (m < 0 || al_buf_append(out, (const char *)f, (size_t)m) != AL_OK) {
        free(f);
        out->len = 0;
        return 0;
    }
    free(f);
    return out->len;
}

/* ---- stop words (language detection, content words) ---- */

al_strtab *al_wordlist_load(const char *path)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, NULL) != AL_OK)
        return NULL;
    al_strtab *t = al_strtab_new();
    char *line = data;
    while (t != NULL && line < data + len) {
        char *nl = memchr(line, '\n', (size_t)(data + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(data + len - line);
        size_t w = strcspn(line, "\t\r\n");
        if (w > n)
            w = n;
        if (w > 0 && line[0] != '#' && al_strtab_id(t, line, w, true) < 0) {
            al_strtab_free(t);
            t = NULL;
        }
        line += n + 1;
    }
    free(data);
    return t;
}

typedef struct {
    const al_model *m;
    double *score;
    al_buf fold;
} stop_ctx;

static void count_stop(const char *tok, size_t n, size_t off, void *ud)
{
    stop_ctx *c = ud;
    (void)off;
    if (al_fold(tok, n, &c->fold) == 0)
        return;
    for (int l = 0; l < AL_LANG_COUNT; l++)
        if (c->m->stop[l] != NULL &&
            al_strtab_id(c->m->stop[l], c->fold.data, c->fold.len, false) >= 0)
            c->score[l] += 1;
}

void al_lang_stopwords_score(const al_model *m, const char *s, size_t n,
                             double *score)
{
    stop_ctx c = {m, score, {0}};
    al_tokenize(s, n, count_stop, &c);
    al_buf_free(&c.fold);
}

bool al_is_stopword(const al_model *m, al_lang lang, const char *folded,
                    size_t n)
{
    return lang >= 0 && lang < AL_LANG_COUNT && m->stop[lang] != NULL &&
           al_strtab_id(m->stop[lang], folded, n, false) >= 0;
}

void al_lexicon_features(const al_model *m, al_lang lang, int side,
                         const char *fold, size_t fn, const char *tok,
                         size_t tn, void *ctx, double w)
{
    (void)lang; (void)side; (void)fold; (void)fn; (void)tok; (void)tn;
    (void)ctx; (void)w;
    if (m->lex == NULL)
        return;
}
