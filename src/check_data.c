/*
 * check_data.c - the checker's word lists, loaded once with the model and
 * read-only afterwards (threads share them).
 *
 * dicts/check-words-LANG.txt   WORD<TAB>CLASS: det, prep, conj, pron,
 *                              noend, elide, repeat, loan, num=N, month=N (a word
 *                              may have several lines)
 * dicts/check-boilerplate.txt  start<TAB>PHRASE: a line beginning with PHRASE
 *                              is boilerplate ("mehr von", "lire aussi");
 *                              word<TAB>WORD: a short line holding WORD is
 *                              boilerplate ("photo", "copyright");
 *                              caps<TAB>WORD: a line beginning with WORD
 *                              written exactly so ("NEXT", "PREV")
 *
 * Keys are lowercased when loaded (check-words: accents kept, so that "là"
 * is not "la"; boilerplate: accents stripped too, al_fold), so the lists are
 * written in ordinary spelling.
 */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

size_t ck_lower(const char *tok, size_t n, al_buf *out)
{
    out->len = 0;
    /* No word list holds a longer word, and utf8proc's canonical ordering
     * is quadratic in a run of combining marks (a letter with 2 million
     * marks took hours): longer tokens have no lowercase form. */
    if (n > 256)
        return 0;
    return al_lower(tok, n, out);
}

/* Folds TEXT (N bytes) into OUT, runs of spaces collapsed to one. */
static int fold_phrase(const char *text, size_t n, al_buf *out)
{
    al_buf tmp = {0};
    if (al_fold(text, n, &tmp) == 0 && n > 0) {
        al_buf_free(&tmp);
        return AL_ENOMEM;
    }
    out->len = 0;
    int rc = al_buf_reserve(out, tmp.len + 1);
    for (size_t i = 0; rc == AL_OK && i < tmp.len; i++) {
        char ch = tmp.data[i];
        if (ch == ' ' && (out->len == 0 || out->data[out->len - 1] == ' '))
            continue;
        out->data[out->len++] = ch;
    }
    while (rc == AL_OK && out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
    if (rc == AL_OK)
        out->data[out->len] = '\0';
    al_buf_free(&tmp);
    return rc;
}

/* Applies CLASS (a value of the second column) to *WI. Returns false when
 * the class is unknown. */
static bool apply_class(const char *cls, size_t n, ck_wordinfo *wi)
{
    static const struct { const char *name; uint8_t bit; } names[] = {
        {"det", CK_CLASS_DET}, {"prep", CK_CLASS_PREP},
        {"conj", CK_CLASS_CONJ}, {"pron", CK_CLASS_PRON},
        {"repeat", CK_CLASS_REPEAT}, {"loan", CK_CLASS_LOAN},
        {"noend", CK_CLASS_NOEND}, {"elide", CK_CLASS_ELIDE},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && memcmp(names[i].name, cls, n) == 0) {
            wi->cls |= names[i].bit;
            return true;
        }
    if (n > 4 && memcmp(cls, "num=", 4) == 0) {
        long v = strtol(cls + 4, NULL, 10);
        if (v < 0 || v > 10000)
            return false;
        wi->num = (int16_t)v;
        return true;
    }
    if (n > 6 && memcmp(cls, "month=", 6) == 0) {
        long v = strtol(cls + 6, NULL, 10);
        if (v < 1 || v > 12)
            return false;
        wi->month = (int8_t)v;
        return true;
    }
    return false;
}

typedef struct {
    al_strtab *keys;
    ck_wordinfo *info;
    size_t cap;
} word_table;

/* Record of KEY in T, added (empty) when new; NULL when out of memory. */
static ck_wordinfo *table_get(word_table *t, const char *key, size_t kn)
{
    size_t before = al_strtab_count(t->keys);
    int32_t id = al_strtab_id(t->keys, key, kn, true);
    if (id < 0)
        return NULL;
    if ((size_t)id >= t->cap) {
        ck_wordinfo *x = al_grow_array(t->info, &t->cap, sizeof *x, 256);
        if (x == NULL)
            return NULL;
        t->info = x;
    }
    if ((size_t)id == before) {
        t->info[id].cls = 0;
        t->info[id].month = 0;
        t->info[id].num = -1;
    }
    return &t->info[id];
}

/* Calls LINE_FN for each "A<TAB>B" line of PATH. */
static int read_pairs(const char *path, al_error *err,
                      int (*line_fn)(void *ud, const char *a, size_t an,
                                     const char *b, size_t bn),
                      void *ud)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, NULL) != AL_OK)
        return al_fail(err, AL_EDICT, "cannot read the checker's word list "
                       "%s", path);
    int rc = AL_OK;
    al_lines it = {data, data + len, 0};
    const char *line;
    size_t n;
    while (rc == AL_OK && al_lines_next(&it, &line, &n)) {
        if (n > 0) {
            const char *tab = memchr(line, '\t', n);
            if (tab == NULL || tab == line || tab + 1 == line + n)
                rc = al_fail(err, AL_EDICT, "%s:%zu: expected two columns "
                             "separated by a tab", path, it.lineno);
            else {
                rc = line_fn(ud, line, (size_t)(tab - line), tab + 1,
                             (size_t)(line + n - tab - 1));
                if (rc == AL_EDICT)
                    rc = al_fail(err, AL_EDICT, "%s:%zu: unknown entry",
                                 path, it.lineno);
                else if (rc != AL_OK)
                    rc = al_fail(err, rc, "out of memory");
            }
        }
    }
    free(data);
    return rc;
}

typedef struct {
    word_table *t;
    al_buf fold;
} words_ud;

static int word_line(void *ud, const char *a, size_t an, const char *b,
                     size_t bn)
{
    words_ud *w = ud;
    if (ck_lower(a, an, &w->fold) == 0)
        return AL_ENOMEM;
    ck_wordinfo *wi = table_get(w->t, w->fold.data, w->fold.len);
    if (wi == NULL)
        return AL_ENOMEM;
    return apply_class(b, bn, wi) ? AL_OK : AL_EDICT;
}

typedef struct {
    al_strtab *start, *word, *caps;
    al_buf fold;
} boiler_ud;

static int boiler_line(void *ud, const char *a, size_t an, const char *b,
                       size_t bn)
{
    boiler_ud *x = ud;
    al_strtab *t = an == 5 && memcmp(a, "start", 5) == 0 ? x->start
                 : an == 4 && memcmp(a, "word", 4) == 0 ? x->word
                 : an == 4 && memcmp(a, "caps", 4) == 0 ? x->caps : NULL;
    if (t == NULL)
        return AL_EDICT;
    if (t == x->caps)                  /* kept as written */
        return al_strtab_id(t, b, bn, true) < 0 ? AL_ENOMEM : AL_OK;
    if (fold_phrase(b, bn, &x->fold) != AL_OK)
        return AL_ENOMEM;
    return al_strtab_id(t, x->fold.data, x->fold.len, true) < 0 ? AL_ENOMEM
                                                                 : AL_OK;
}

al_checkdata *al_checkdata_load(const al_model *m, al_error *err)
{
    al_checkdata *d = al_calloc(1, sizeof *d);
    if (d == NULL) {
        al_fail(err, AL_ENOMEM, "out of memory");
        return NULL;
    }
    int rc = AL_OK;
    for (int l = 0; rc == AL_OK && l < AL_LANG_COUNT; l++) {
        word_table t = {al_strtab_new(), NULL, 0};
        words_ud ud = {&t, {0}};
        char *path = al_dict_path(m, "check-words-", al_lang_name((al_lang)l));
        if (t.keys == NULL || path == NULL)
            rc = al_fail(err, AL_ENOMEM, "out of memory");
        else
            rc = read_pairs(path, err, word_line, &ud);
        free(path);
        al_buf_free(&ud.fold);
        d->words[l] = t.keys;
        d->info[l] = t.info;
    }
    if (rc == AL_OK) {
        boiler_ud ud = {al_strtab_new(), al_strtab_new(), al_strtab_new(),
                        {0}};
        d->boiler_start = ud.start;
        d->boiler_word = ud.word;
        d->boiler_caps = ud.caps;
        char *path = al_dict_path(m, "check-boilerplate", "");
        if (ud.start == NULL || ud.word == NULL || ud.caps == NULL ||
            path == NULL)
            rc = al_fail(err, AL_ENOMEM, "out of memory");
        else
            rc = read_pairs(path, err, boiler_line, &ud);
        free(path);
        al_buf_free(&ud.fold);
    }
    if (rc != AL_OK) {
        al_checkdata_free(d);
        return NULL;
    }
    return d;
}

void al_checkdata_free(al_checkdata *d)
{
    if (d == NULL)
        return;
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        al_strtab_free(d->words[l]);
        free(d->info[l]);
    }
    al_strtab_free(d->boiler_start);
    al_strtab_free(d->boiler_word);
    al_strtab_free(d->boiler_caps);
    free(d);
}

const ck_wordinfo *ck_word_info(const al_checkdata *d, al_lang lang,
                                const char *w, size_t n)
{
    if (d == NULL || lang < 0 || lang >= AL_LANG_COUNT || d->words[lang] == NULL)
        return NULL;
    int32_t id = al_strtab_id(d->words[lang], w, n, false);
    return id >= 0 ? &d->info[lang][id] : NULL;
}
