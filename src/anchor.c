/*
 * anchor.c - per-sentence anchor features shared by the aligner and the
 * checker.
 *
 * Each sentence gets its length in characters and a sorted set of features;
 * a feature present on both sides of a bead is evidence that they are
 * translations of each other:
 *   '#' numbers after locale normalization ("1.500" = "1 500" = "1500");
 *   '=' identical words after case and accent folding (names, "Expedition" =
 *       "expédition"), stop words excluded;
 *   '~' cognate keys: the first letters of a folded word of five letters or
 *       more, with k/c and z/c merged ("Sanktionen" ~ "sanctions");
 *   '@' dictionary translations (lexicon.c), when a lexicon is loaded.
 * Weights per kind are constants documented in README ("Anchor weights").
 */
#include "config.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Weights per anchor kind. */
#define W_NUMBER 2.0
#define W_IDENT 1.5
#define W_COGNATE 0.6
#define W_DICT 1.0

void al_sentfeat_free(al_sentfeat *sf)
{
    free(sf->len);
    free(sf->off);
    free(sf->feat);
    memset(sf, 0, sizeof *sf);
}

typedef struct {
    const al_model *m;
    al_strtab *ids;
    al_lang lang;
    int side;
    al_feature *feat;        /* features of all sentences so far */
    size_t n, cap;
    al_buf fold, key;
    int rc;
} feat_ctx;

static void add_feature(feat_ctx *c, char kind, const char *s, size_t n,
                        double w)
{
    if (c->rc != AL_OK)
        return;
    c->key.len = 0;
    if (al_buf_putc(&c->key, kind) != AL_OK ||
        al_buf_append(&c->key, s, n) != AL_OK) {
        c->rc = AL_ENOMEM;
        return;
    }
    int32_t id = al_strtab_id(c->ids, c->key.data, c->key.len, true);
    if (id < 0) {
        c->rc = AL_ENOMEM;
        return;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        al_feature *f = al_realloc_array(c->feat, cap, sizeof *f);
        if (f == NULL) {
            c->rc = AL_ENOMEM;
            return;
        }
        c->feat = f;
        c->cap = cap;
    }
    c->feat[c->n].id = (uint32_t)id;
    c->feat[c->n].weight = (float)w;
    c->n++;
}

/* Cognate key: the first five letters of the folded word with k->c, z->c,
 * ph->f, y->i merged, for words of five letters or more. */
static size_t cognate_key(const char *w, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 5; i++) {
        char ch = w[i];
        if ((unsigned char)ch >= 0x80 || ch == '-' || ch == '\'')
            return 0;
        if (ch == 'k' || ch == 'z')
            ch = 'c';
        else if (ch == 'y')
            ch = 'i';
        else if (ch == 'p' && i + 1 < n && w[i + 1] == 'h') {
            ch = 'f';
            i++;
        }
        out[k++] = ch;
    }
    return n >= 5 && k == 5 ? k : 0;
}

static void word_features(const char *tok, size_t n, size_t off, void *ud)
{
    feat_ctx *c = ud;
    (void)off;
    if (c->rc != AL_OK)
        return;
    if (tok[0] >= '0' && tok[0] <= '9')
        return;                              /* numbers: see al_numbers */
    size_t fl = al_fold(tok, n, &c->fold);
    if (fl < 2 || al_is_stopword(c->m, c->lang, c->fold.data, fl))
        return;
    if (fl >= 3)
        add_feature(c, '=', c->fold.data, fl, W_IDENT);
    char key[8];
    size_t kl = cognate_key(c->fold.data, fl, key);
    if (kl > 0)
        add_feature(c, '~', key, kl, W_COGNATE);
    al_lexicon_features(c->m, c->lang, c->side, c->fold.data, fl, tok, n,
                        c, W_DICT);
}

void al_feature_add(void *ctx, const char *s, size_t n, double w)
{
    add_feature(ctx, '@', s, n, w);
}

static int cmp_feature(const void *a, const void *b)
{
    const al_feature *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int text_features(const al_model *m, const al_text *t, al_strtab *ids,
                         al_sentfeat *sf)
{
    feat_ctx c = {m, ids, t->lang, t->side, NULL, 0, 0, {0}, {0}, AL_OK};
    sf->len = al_calloc(t->n_sents, sizeof *sf->len);
    sf->off = al_calloc(t->n_sents + 1, sizeof *sf->off);
    if (sf->len == NULL || sf->off == NULL)
        c.rc = AL_ENOMEM;
    for (size_t i = 0; c.rc == AL_OK && i < t->n_sents; i++) {
        size_t n;
        const char *s = al_sent_norm(t, i, &n);
        size_t chars = 0;
        for (size_t k = 0; k < n; k++)
            chars += ((unsigned char)s[k] & 0xC0) != 0x80;
        sf->len[i] = (float)chars;
        size_t first = c.n;
        al_number nums[64];
        size_t nn = al_numbers(s, n, t->lang, nums, 64);
        for (size_t k = 0; k < nn && k < 64; k++)
            add_feature(&c, '#', nums[k].value, strlen(nums[k].value),
                        W_NUMBER);
        al_tokenize(s, n, word_features, &c);
        /* Sort and deduplicate this sentence's features. */
        qsort(c.feat + first, c.n - first, sizeof *c.feat, cmp_feature);
        size_t w = first;
        for (size_t k = first; k < c.n; k++)
            if (w == first || c.feat[w - 1].id != c.feat[k].id)
                c.feat[w++] = c.feat[k];
        c.n = w;
        sf->off[i + 1] = (uint32_t)c.n;
    }
    al_buf_free(&c.fold);
    al_buf_free(&c.key);
    sf->feat = c.feat;
    sf->n_feat = c.n;
    if (c.rc != AL_OK)
        al_sentfeat_free(sf);
    return c.rc;
}

/* Scales each feature's weight by its inverse document frequency over both
 * texts' sentences: a number that occurs once weighs fully, a word found in
 * every sentence nearly nothing. */
static int idf_weights(size_t n_ids, al_sentfeat *fs, al_sentfeat *ft,
                       size_t n_sents)
{
    uint32_t *df = al_calloc(n_ids, sizeof *df);
    if (df == NULL)
        return AL_ENOMEM;
    for (size_t k = 0; k < fs->n_feat; k++)
        df[fs->feat[k].id]++;
    for (size_t k = 0; k < ft->n_feat; k++)
        df[ft->feat[k].id]++;
    double norm = log(1.0 + (double)n_sents);
    for (int side = 0; side < 2; side++) {
        al_sentfeat *sf = side ? ft : fs;
        for (size_t k = 0; k < sf->n_feat; k++) {
            double idf = log(1.0 + (double)n_sents / df[sf->feat[k].id]);
            sf->feat[k].weight *= (float)(idf / norm);
        }
    }
    free(df);
    return AL_OK;
}

int al_features(const al_model *m, const al_text *src, const al_text *tgt,
                al_sentfeat *fs, al_sentfeat *ft)
{
    al_strtab *ids = al_strtab_new();
    if (ids == NULL)
        return AL_ENOMEM;
    int rc = text_features(m, src, ids, fs);
    if (rc == AL_OK)
        rc = text_features(m, tgt, ids, ft);
    if (rc == AL_OK)
        rc = idf_weights(al_strtab_count(ids), fs, ft, src->n_sents +
                         tgt->n_sents);
    al_strtab_free(ids);
    if (rc != AL_OK) {
        al_sentfeat_free(fs);
        al_sentfeat_free(ft);
    }
    return rc;
}
