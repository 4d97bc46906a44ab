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

/* The letters U+00C0-U+00FF (UTF-8 C3 80-BF: the accented letters of
 * German and French) mapped by utf8proc once, [0] with CASEFOLD, [1] with
 * STRIPMARK too: most words that are not ASCII hold only these, and
 * utf8proc_map allocates for every word. */
typedef struct {
    char s[4];
    unsigned char n;
} latin1_map;

static latin1_map latin1[2][64];
static pthread_once_t latin1_once = PTHREAD_ONCE_INIT;

static void latin1_init(void)
{
    for (int strip = 0; strip < 2; strip++)
        for (int k = 0; k < 64; k++) {
            utf8proc_uint8_t in[2] = {0xC3, (utf8proc_uint8_t)(0x80 + k)};
            utf8proc_uint8_t *f = NULL;
            utf8proc_ssize_t m = utf8proc_map(
                in, 2, &f, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                               (strip ? UTF8PROC_STRIPMARK : 0));
            latin1_map *e = &latin1[strip][k];
            if (m > 0 && m <= (utf8proc_ssize_t)sizeof e->s) {
                memcpy(e->s, f, (size_t)m);
                e->n = (unsigned char)m;
            }                      /* else n 0: left to utf8proc_map */
            free(f);
        }
}

/* TOK mapped by utf8proc with OPTIONS (casefolding among them) into OUT;
 * ASCII and the Latin-1 letters, the common case, without utf8proc_map. */
static size_t map_lower(const char *tok, size_t n, utf8proc_option_t options,
                        al_buf *out)
{
    out->len = 0;
    bool fast = true;
    for (size_t i = 0; i < n && fast; i++) {
        unsigned char c = (unsigned char)tok[i];
        if (c >= 0x80)
            fast = c == 0xC3 && i + 1 < n &&
                   ((unsigned char)tok[++i] & 0xC0) == 0x80;
    }
    int strip = (options & UTF8PROC_STRIPMARK) != 0;
    if (fast && (options & ~(utf8proc_option_t)UTF8PROC_STRIPMARK) ==
                    (UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)) {
        pthread_once(&latin1_once, latin1_init);
        if (al_buf_reserve(out, 2 * n) != AL_OK)  /* ß: "ss", one for one */
            return 0;
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)tok[i];
            if (c < 0x80) {
                out->data[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                                                       : (char)c;
                continue;
            }
            const latin1_map *e = &latin1[strip][(unsigned char)tok[++i] - 0x80];
            if (e->n == 0) {
                fast = false;
                break;
            }
            memcpy(out->data + o, e->s, e->n);
            o += e->n;
        }
        if (fast) {
            out->len = o;
            out->data[o] = '\0';
            return o;
        }
        out->len = 0;
    }
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)tok,
                                      (utf8proc_ssize_t)n, &f, options);
    if (m < 0 || al_buf_append(out, (const char *)f, (size_t)m) != AL_OK) {
        free(f);
        out->len = 0;
        return 0;
    }
    free(f);
    return out->len;
}

size_t al_lower(const char *tok, size_t n, al_buf *out)
{
    return map_lower(tok, n, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, out);
}

size_t al_fold(const char *tok, size_t n, al_buf *out)
{
    return map_lower(tok, n,
                     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
                     out);
}

/* ---- stop words (language detection, content words) ---- */

al_strtab *al_wordlist_load(const char *path)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, NULL) != AL_OK)
        return NULL;
    al_strtab *t = al_strtab_new();
    al_lines it = {data, data + len, 0};
    const char *line;
    size_t n;
    while (t != NULL && al_lines_next(&it, &line, &n)) {
        size_t w = strcspn(line, "\t\r\n");
        if (w > n)
            w = n;
        if (w > 0 && line[0] != '#' && al_strtab_id(t, line, w, true) < 0) {
            al_strtab_free(t);
            t = NULL;
        }
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

/* ---- bilingual lexicons ---- */

struct al_lexicon {
    al_lang lang[2];         /* languages of the file's two columns */
    al_strtab *words[2];     /* folded words per column */
    uint32_t *off[2];        /* per word: range in adj of its translations */
    uint32_t *adj[2];        /* word ids of the other column */
};

typedef struct {
    uint32_t a, b;
} edge;

void al_lexicon_free(al_lexicon *lx)
{
    if (lx == NULL)
        return;
    for (int k = 0; k < 2; k++) {
        al_strtab_free(lx->words[k]);
        free(lx->off[k]);
        free(lx->adj[k]);
    }
    free(lx);
}

typedef struct {
    edge *e;
    size_t n, cap;
    al_buf f[2];
    /* The last word added to each column, as written and its id: the
     * files list a word's translations on consecutive lines. */
    al_buf last[2];
    int32_t last_id[2];
} edge_list;

/* The id of word W (N bytes, trimmed) of COLUMN, added when new: the last
 * one's again without folding it when W is written the same. -1 when W
 * folds to nothing, -2 out of memory. */
static int32_t column_word(al_lexicon *lx, edge_list *el, int column,
                           const char *w, size_t n)
{
    al_buf *last = &el->last[column];
    if (last->len == n && last->data != NULL && memcmp(last->data, w, n) == 0)
        return el->last_id[column];
    if (al_fold(w, n, &el->f[column]) == 0)
        return -1;
    int32_t id = al_strtab_id(lx->words[column], el->f[column].data,
                              el->f[column].len, true);
    if (id < 0)
        return -2;
    last->len = 0;
    if (al_buf_append(last, w, n) != AL_OK)
        return -2;
    el->last_id[column] = id;
    return id;
}

/* Adds the pair (W0 in column 0, W1 in column 1), both folded. */
static int add_pair(al_lexicon *lx, edge_list *el, const char *w0, size_t n0,
                    const char *w1, size_t n1)
{
    while (n0 > 0 && w0[n0 - 1] == ' ')
        n0--;
    while (n1 > 0 && w1[n1 - 1] == ' ')
        n1--;
    while (n0 > 0 && *w0 == ' ')
        w0++, n0--;
    while (n1 > 0 && *w1 == ' ')
        w1++, n1--;
    if (n0 == 0 || n1 == 0)
        return AL_OK;
    int32_t a = column_word(lx, el, 0, w0, n0);
    if (a == -1)
        return AL_OK;
    int32_t b = a < 0 ? a : column_word(lx, el, 1, w1, n1);
    if (b == -1)
        return AL_OK;
    if (a < 0 || b < 0)
        return AL_ENOMEM;
    if (el->n == el->cap) {
        edge *e = al_grow_array(el->e, &el->cap, sizeof *e, 4096);
        if (e == NULL)
            return AL_ENOMEM;
        el->e = e;
    }
    el->e[el->n].a = (uint32_t)a;
    el->e[el->n].b = (uint32_t)b;
    el->n++;
    return AL_OK;
}

/* Adds the pairs of the LEN bytes at DATA, read from PATH (for messages):
 * "w0<TAB>w1" or hunalign's "w1 @ w0" a line. SWAP exchanges the columns. */
static int parse_pairs(al_lexicon *lx, edge_list *el, const char *path,
                       const char *data, size_t len, bool swap, al_error *err)
{
    int rc = AL_OK;
    al_lines it = {data, data + len, 0};
    const char *line;
    size_t n;
    while (rc == AL_OK && al_lines_next(&it, &line, &n)) {
        if (n == 0 || line[0] == '#')
            continue;
        const char *w0, *w1;
        size_t n0, n1;
        const char *tab = memchr(line, '\t', n);
        const char *at = NULL;
        for (size_t k = 0; k + 2 < n && tab == NULL; k++)
            if (line[k] == ' ' && line[k + 1] == '@' && line[k + 2] == ' ') {
                at = line + k;
                break;
            }
        if (tab != NULL) {
            w0 = line;
            n0 = (size_t)(tab - line);
            w1 = tab + 1;
            n1 = n - n0 - 1;
        } else if (at != NULL) {       /* hunalign: target @ source */
            w1 = line;
            n1 = (size_t)(at - line);
            w0 = at + 3;
            n0 = n - n1 - 3;
        } else {
            rc = al_fail(err, AL_EDICT, "%s:%zu: expected 'source<TAB>target' "
                         "or 'target @ source'", path, it.lineno);
            break;
        }
        /* Multiword entries: only single words are anchors. */
        if (memchr(w0, ' ', n0) == NULL && memchr(w1, ' ', n1) == NULL)
            rc = swap ? add_pair(lx, el, w1, n1, w0, n0)
                      : add_pair(lx, el, w0, n0, w1, n1);
    }
    if (rc == AL_ENOMEM)
        al_fail(err, rc, "%s: out of memory", path);
    return rc;
}

/* Adds the pairs of the file PATH (see parse_pairs). */
static int read_pairs(al_lexicon *lx, edge_list *el, const char *path,
                      bool swap, al_error *err)
{
    char *data;
    size_t len;
    int rc = al_read_file(path, &data, &len, err);
    if (rc == AL_OK)
        rc = parse_pairs(lx, el, path, data, len, swap, err);
    free(data);
    return rc;
}

int al_lexicon_check(const char *path, const char *data, size_t len,
                     al_error *err)
{
    al_lexicon lx;
    memset(&lx, 0, sizeof lx);
    lx.words[0] = al_strtab_new();
    lx.words[1] = al_strtab_new();
    edge_list el = {0};
    int rc = lx.words[0] && lx.words[1]
                 ? parse_pairs(&lx, &el, path, data, len, false, err)
                 : al_fail(err, AL_ENOMEM, "out of memory");
    free(el.e);
    for (int k = 0; k < 2; k++) {
        al_buf_free(&el.f[k]);
        al_buf_free(&el.last[k]);
    }
    al_strtab_free(lx.words[0]);
    al_strtab_free(lx.words[1]);
    return rc;
}

/* Builds the per-word translation lists of both directions: each word's
 * translations in increasing id order, once each. A counting sort by the
 * other column's word, then by this column's (stable), orders the pairs;
 * two passes over them, no comparisons. */
static int index_edges(al_lexicon *lx, edge_list *el)
{
    size_t nw[2] = {al_strtab_count(lx->words[0]),
                    al_strtab_count(lx->words[1])};
    edge *tmp = al_malloc((el->n > 0 ? el->n : 1) * sizeof *tmp);
    size_t keys = nw[0] > nw[1] ? nw[0] : nw[1];
    uint32_t *start = al_malloc((keys + 1) * sizeof *start);
    if (tmp == NULL || start == NULL) {
        free(tmp);
        free(start);
        return AL_ENOMEM;
    }
    int rc = AL_OK;
    for (int k = 0; k < 2 && rc == AL_OK; k++) {
        /* Column k's words as a, the other's as b. */
        if (k == 1)
            for (size_t i = 0; i < el->n; i++) {
                uint32_t t = el->e[i].a;
                el->e[i].a = el->e[i].b;
                el->e[i].b = t;
            }
        /* By b into tmp, then by a back into el->e: sorted by (a, b). */
        for (int pass = 0; pass < 2; pass++) {
            size_t nkeys = nw[pass == 0 ? 1 - k : k];
            const edge *from = pass == 0 ? el->e : tmp;
            edge *to = pass == 0 ? tmp : el->e;
            memset(start, 0, (nkeys + 1) * sizeof *start);
            for (size_t i = 0; i < el->n; i++)
                start[(pass == 0 ? from[i].b : from[i].a) + 1]++;
            for (size_t x = 0; x < nkeys; x++)
                start[x + 1] += start[x];
            for (size_t i = 0; i < el->n; i++)
                to[start[pass == 0 ? from[i].b : from[i].a]++] = from[i];
        }
        lx->off[k] = al_calloc(nw[k] + 1, sizeof *lx->off[k]);
        lx->adj[k] = al_calloc(el->n > 0 ? el->n : 1, sizeof *lx->adj[k]);
        if (lx->off[k] == NULL || lx->adj[k] == NULL) {
            rc = AL_ENOMEM;
            break;
        }
        size_t m = 0;
        for (size_t i = 0; i < el->n; i++) {
            if (i > 0 && el->e[i].a == el->e[i - 1].a &&
                el->e[i].b == el->e[i - 1].b)
                continue;
            lx->adj[k][m++] = el->e[i].b;
            lx->off[k][el->e[i].a + 1] = (uint32_t)m;
        }
        for (size_t w = 1; w <= nw[k]; w++)
            if (lx->off[k][w] < lx->off[k][w - 1])
                lx->off[k][w] = lx->off[k][w - 1];
    }
    free(tmp);
    free(start);
    return rc;
}

/* Lexicon files shipped in dicts/: lex-X-Y.txt, X and Y in this order. */
static const al_lang lex_files[][2] = {
    {AL_LANG_DE, AL_LANG_FR}, {AL_LANG_DE, AL_LANG_EN}, {AL_LANG_EN, AL_LANG_FR},
};

al_lexicon *al_lexicon_load(const al_model *m, al_lang src, al_lang tgt,
                            al_error *err)
{
    al_lexicon *lx = al_calloc(1, sizeof *lx);
    if (lx == NULL)
        return NULL;
    lx->lang[0] = src;
    lx->lang[1] = tgt;
    lx->words[0] = al_strtab_new();
    lx->words[1] = al_strtab_new();
    edge_list el = {0};
    int rc = lx->words[0] && lx->words[1] ? AL_OK : AL_ENOMEM;
    for (size_t f = 0; rc == AL_OK && f < sizeof lex_files / sizeof *lex_files;
         f++) {
        bool fwd = lex_files[f][0] == src && lex_files[f][1] == tgt;
        bool rev = lex_files[f][0] == tgt && lex_files[f][1] == src;
        if (!fwd && !rev)
            continue;
        char name[16];
        snprintf(name, sizeof name, "lex-%s-", al_lang_name(lex_files[f][0]));
        char *path = al_dict_path(m, name, al_lang_name(lex_files[f][1]));
        if (path == NULL)
            rc = AL_ENOMEM;
        else
            rc = read_pairs(lx, &el, path, rev, err);
        free(path);
    }
    if (rc == AL_OK && m->opt.user_dict != NULL)
        rc = parse_pairs(lx, &el, m->opt.user_dict, m->user_dict,
                         m->user_dict_len, false, err);
    if (rc == AL_OK)
        rc = index_edges(lx, &el);
    free(el.e);
    for (int k = 0; k < 2; k++) {
        al_buf_free(&el.f[k]);
        al_buf_free(&el.last[k]);
    }
    if (rc != AL_OK) {
        if (rc == AL_ENOMEM)
            al_fail(err, rc, "out of memory while loading dictionaries");
        al_lexicon_free(lx);
        return NULL;
    }
    return lx;
}

size_t al_lexicon_size(const al_lexicon *lx, int column)
{
    return al_strtab_count(lx->words[column != 0]);
}

/* Calls FN for each target-language word that FOLDed word of COLUMN means:
 * its translations (column 0, the source language) or itself when it is a
 * known target word (column 1). Returns how many. */
size_t al_lexicon_concepts(const al_lexicon *lx, int column, const char *fold,
                           size_t n, al_concept_fn fn, void *ud)
{
    int k = column != 0;
    int32_t id = al_strtab_id(lx->words[k], fold, n, false);
    if (id < 0)
        return 0;
    if (k == 1) {
        fn(ud, fold, n);
        return 1;
    }
    size_t count = 0;
    for (uint32_t x = lx->off[0][id]; x < lx->off[0][id + 1]; x++, count++) {
        const char *t = al_strtab_str(lx->words[1], (int32_t)lx->adj[0][x]);
        fn(ud, t, strlen(t));
    }
    return count;
}
