/*
 * anchor.c - per-sentence anchor items shared by the aligner and the checker.
 *
 * Each sentence gets its length in characters and a list of items: its
 * numbers and content words (stop words excluded). An item is matched by the
 * other side of a bead when one of its features occurs there; the share of
 * item weight matched is the evidence that two sides translate each other.
 * Features:
 *   '#' numbers after locale normalization ("1.500" = "1 500" = "1500");
 *   '=' the word after case and accent folding (names, identical words,
 *       "Expedition" = "expédition");
 *   '~' cognate key: the first five letters of the folded word, with k/c and
 *       z/c merged ("Sanktionen" ~ "sanctions");
 *   and, in the same key space, dictionary concepts: the folded target
 *       words a source word (or one of its hunspell stems, or the head of a
 *       German compound) translates to, and for a target word its stems
 *       that the dictionary knows.
 * An item weighs W_NUMBER or W_WORD times the inverse document frequency of
 * its type on its side: a number that occurs once weighs fully, a word found
 * in every sentence nearly nothing.
 */
#include "config.h"
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Weights per item kind. */
#define W_NUMBER 2.0
#define W_WORD 1.0


/* Most dictionary concepts one word contributes. */
#define MAX_CONCEPTS 12

void al_sentfeat_free(al_sentfeat *sf)
{
    free(sf->len);
    free(sf->ioff);
    free(sf->itype);
    free(sf->tw);
    free(sf->tfo);
    free(sf->tfeat);
    free(sf->thash);
    memset(sf, 0, sizeof *sf);
}

/* Growable array of 32-bit values. */
typedef struct {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static int u32_push(u32vec *a, uint32_t x)
{
    if (a->n == a->cap) {
        uint32_t *v = al_grow_array(a->v, &a->cap, sizeof *v, 1024);
        if (v == NULL)
            return AL_ENOMEM;
        a->v = v;
    }
    a->v[a->n++] = x;
    return AL_OK;
}

/* The array of A, reallocated to its length (memory of large inputs). */
static uint32_t *shrink(u32vec *a)
{
    uint32_t *v = al_realloc_array(a->v, a->n, sizeof *v);
    return v != NULL ? v : a->v;
}

/* Features of each type, computed once: a document repeats its words, and
 * stemming and compound splitting ask hunspell many times per word. Types
 * are words as written and numbers ("#" + canonical value). */
typedef struct {
    al_strtab *types;        /* token as written -> type id */
    u32vec off;              /* per type: start in tf; off[id + 1] = end */
    u32vec tf;               /* feature ids */
} type_cache;

typedef struct {
    const al_model *m;
    al_strtab *ids;          /* feature strings, shared by both texts */
    al_lang lang;
    int column;              /* 0: source words, 1: target words */
    const al_lexicon *lex;
    al_spell *spell;
    type_cache tc;
    size_t type_start;       /* first tf entry of the type being computed */
    int n_concepts;
    u32vec itype;            /* per item: its type */
    size_t sent_first;       /* first item of the sentence being built */
    al_buf fold, key, tail;
    al_buf stems[4];
    int rc;
} feat_ctx;

/* Id of the feature KIND + S, -1 when out of memory. */
static int32_t feature_id(feat_ctx *c, char kind, const char *s, size_t n)
{
    c->key.len = 0;
    if (al_buf_putc(&c->key, kind) != AL_OK ||
        al_buf_append(&c->key, s, n) != AL_OK)
        return -1;
    return al_strtab_id(c->ids, c->key.data, c->key.len, true);
}

/* Adds an item of type TYPE to the sentence being built, unless the type
 * has no features or an item of it is already there. */
static void add_item(feat_ctx *c, uint32_t type)
{
    if (c->rc != AL_OK || c->tc.off.v[type] == c->tc.off.v[type + 1])
        return;
    for (size_t k = c->sent_first; k < c->itype.n; k++)
        if (c->itype.v[k] == type)
            return;
    c->rc = u32_push(&c->itype, type);
}

/* The type of token TOK (N bytes), computing its features when it is new
 * with FN; -1 when out of memory. */
static int32_t type_of(feat_ctx *c, const char *tok, size_t n,
                       void (*fn)(feat_ctx *, const char *, size_t))
{
    type_cache *tc = &c->tc;
    size_t before = al_strtab_count(tc->types);
    int32_t id = al_strtab_id(tc->types, tok, n, true);
    if (id < 0)
        return -1;
    if (al_strtab_count(tc->types) > before) {          /* a new type */
        c->type_start = tc->tf.n;
        fn(c, tok, n);
        if (c->rc != AL_OK || u32_push(&tc->off, (uint32_t)tc->tf.n) != AL_OK)
            return -1;
    }
    return id;
}

/* Features of a type whose KEY (N bytes) is a kind letter and a value, as
 * numbers ("#1500") and marks ("%?") are: the one feature KEY. */
static void keyed_features(feat_ctx *c, const char *key, size_t n)
{
    int32_t id = feature_id(c, key[0], key + 1, n - 1);
    if (id < 0 || u32_push(&c->tc.tf, (uint32_t)id) != AL_OK)
        c->rc = AL_ENOMEM;
}

static void add_number(feat_ctx *c, const char *value)
{
    char key[sizeof ((al_number *)0)->value + 1];
    size_t n = strlen(value);
    key[0] = '#';
    memcpy(key + 1, value, n);
    int32_t id = type_of(c, key, n + 1, keyed_features);
    if (id < 0)
        c->rc = AL_ENOMEM;
    else
        add_item(c, (uint32_t)id);
}

/* Items for the marks a translation keeps: a question, an exclamation, a
 * parenthesis, a quotation (whatever the quotation marks). */
static void add_marks(feat_ctx *c, const char *s, size_t n)
{
    bool seen[4] = {false};
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t m = al_utf8_decode(u + i, n - i, &cp);
        i += m ? m : 1;
        int k = cp == '?' ? 0 : cp == '!' ? 1 : cp == '(' ? 2
              : al_is_double_quote(cp) || cp == 0x2039 || cp == 0x203A ? 3
              : -1;
        if (k < 0 || seen[k])
            continue;
        seen[k] = true;
        static const char *const keys[4] = {"%?", "%!", "%(", "%q"};
        int32_t id = type_of(c, keys[k], 2, keyed_features);
        if (id < 0)
            c->rc = AL_ENOMEM;
        else
            add_item(c, (uint32_t)id);
    }
}

/* Adds the feature KIND + S to the word type being computed. */
static void add_type_feature(feat_ctx *c, char kind, const char *s, size_t n)
{
    int32_t id = c->rc == AL_OK ? feature_id(c, kind, s, n) : -1;
    if (id < 0) {
        c->rc = AL_ENOMEM;
        return;
    }
    for (size_t k = c->type_start; k < c->tc.tf.n; k++)
        if (c->tc.tf.v[k] == (uint32_t)id)
            return;
    c->rc = u32_push(&c->tc.tf, (uint32_t)id);
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

static void add_concept(void *ud, const char *w, size_t n)
{
    feat_ctx *c = ud;
    if (c->n_concepts >= MAX_CONCEPTS)
        return;
    c->n_concepts++;
    add_type_feature(c, '=', w, n);
}

/* Dictionary concepts of the word W (as written, N bytes) and of its
 * hunspell stems. Returns how many were found. */
static size_t concepts_of(feat_ctx *c, const char *w, size_t n)
{
    size_t found = 0;
    if (al_fold(w, n, &c->fold) > 0)
        found += al_lexicon_concepts(c->lex, c->column, c->fold.data,
                                     c->fold.len, add_concept, c);
    if (c->spell == NULL)
        return found;
    size_t ns = al_spell_stems(c->spell, w, n, c->stems, 4);
    for (size_t k = 0; k < ns; k++)
        if (al_fold(c->stems[k].data, c->stems[k].len, &c->fold) > 0)
            found += al_lexicon_concepts(c->lex, c->column, c->fold.data,
                                         c->fold.len, add_concept, c);
    return found;
}

/* German compounds: "Wirtschaftssanktionen" is in no dictionary, but its
 * head "Sanktionen" is. Tries tails from the longest, capitalised as nouns,
 * and stops at the first that has concepts. */
static void compound_concepts(feat_ctx *c, const char *w, size_t n)
{
    for (size_t k = 3; k + 4 <= n && c->rc == AL_OK; k++) {
        if (((unsigned char)w[k] & 0xC0) == 0x80 || w[k] == '-')
            continue;
        int32_t cp;
        size_t cl = al_utf8_decode((const unsigned char *)w + k, n - k, &cp);
        if (cl == 0)
            continue;
        char up[4];
        size_t ul = al_utf8_encode(utf8proc_toupper(cp), up);
        c->tail.len = 0;
        if (al_buf_append(&c->tail, up, ul) != AL_OK ||
            al_buf_append(&c->tail, w + k + cl, n - k - cl) != AL_OK) {
            c->rc = AL_ENOMEM;
            return;
        }
        if (concepts_of(c, c->tail.data, c->tail.len) > 0)
            return;
    }
}

/* Computes the features of a new word type TOK into the cache. */
static void type_features(feat_ctx *c, const char *tok, size_t n)
{
    if (tok[0] >= '0' && tok[0] <= '9')
        return;                              /* numbers: see al_numbers */
    size_t fl = al_fold(tok, n, &c->fold);
    if (fl < 2 || al_is_stopword(c->m, c->lang, c->fold.data, fl))
        return;
    char key[8];
    size_t kl = cognate_key(c->fold.data, fl, key);
    unsigned kinds = c->m->opt.anchors;
    if (fl >= 3 && (kinds & 1u << AL_ANCHOR_WORDS))
        add_type_feature(c, '=', c->fold.data, fl);
    if (kl > 0 && (kinds & 1u << AL_ANCHOR_COGNATES))
        add_type_feature(c, '~', key, kl);
    if (c->lex == NULL)
        return;
    c->n_concepts = 0;
    if (concepts_of(c, tok, n) == 0 && c->lang == AL_LANG_DE && n >= 7 &&
        c->spell != NULL)
        compound_concepts(c, tok, n);
}

/* Adds the word TOK as an item of the sentence being built. */
static void word_features(const char *tok, size_t n, size_t off, void *ud)
{
    feat_ctx *c = ud;
    (void)off;
    if (c->rc != AL_OK)
        return;
    int32_t id = type_of(c, tok, n, type_features);
    if (id < 0)
        c->rc = AL_ENOMEM;
    else
        add_item(c, (uint32_t)id);
}

/* Type weights: kind weight times the inverse document frequency of the
 * type among the text's N sentences. */
static int type_weights(feat_ctx *c, al_sentfeat *sf, size_t n_sents)
{
    size_t n_types = al_strtab_count(c->tc.types);
    uint32_t *df = al_calloc(n_types, sizeof *df);
    sf->tw = al_calloc(n_types, sizeof *sf->tw);
    if (df == NULL || sf->tw == NULL) {
        free(df);
        return AL_ENOMEM;
    }
    /* Items are unique per sentence: counting items counts sentences. */
    for (size_t k = 0; k < c->itype.n; k++)
        df[c->itype.v[k]]++;
    double norm = log(1.0 + (double)n_sents);
    for (size_t t = 0; t < n_types; t++) {
        if (df[t] == 0)
            continue;
        bool num = al_strtab_str(c->tc.types, (int32_t)t)[0] == '#';
        double idf = log(1.0 + (double)n_sents / df[t]);
        sf->tw[t] = (float)((num ? W_NUMBER : W_WORD) * idf / norm);
    }
    free(df);
    return AL_OK;
}

static int text_features(const al_model *m, const al_text *t, int column,
                         const al_lexicon *lex, al_strtab *ids,
                         al_sentfeat *sf)
{
    feat_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.ids = ids;
    c.lang = t->lang;
    c.column = column;
    c.lex = lex;
    c.spell = lex != NULL && (m->opt.anchors & 1u << AL_ANCHOR_STEMS)
                  ? al_model_spell(m, t->lang) : NULL;
    c.tc.types = al_strtab_new();
    sf->len = al_calloc(t->n_sents, sizeof *sf->len);
    sf->ioff = al_calloc(t->n_sents + 1, sizeof *sf->ioff);
    if (sf->len == NULL || sf->ioff == NULL || c.tc.types == NULL ||
        u32_push(&c.tc.off, 0) != AL_OK)
        c.rc = AL_ENOMEM;
    for (size_t i = 0; c.rc == AL_OK && i < t->n_sents; i++) {
        size_t n;
        const char *s = al_sent_norm(t, i, &n);
        size_t chars = 0;
        for (size_t k = 0; k < n; k++)
            chars += ((unsigned char)s[k] & 0xC0) != 0x80;
        sf->len[i] = (float)chars;
        c.sent_first = c.itype.n;
        al_number nums[64];
        size_t nn = m->opt.anchors & 1u << AL_ANCHOR_NUMBERS
                        ? al_numbers(s, n, t->lang, nums, 64) : 0;
        for (size_t k = 0; k < nn && k < 64; k++)
            add_number(&c, nums[k].value);
        al_tokenize(s, n, word_features, &c);
        if (m->opt.anchors & 1u << AL_ANCHOR_PUNCT)
            add_marks(&c, s, n);
        sf->ioff[i + 1] = (uint32_t)c.itype.n;
    }
    if (c.rc == AL_OK)
        c.rc = type_weights(&c, sf, t->n_sents);
    sf->n_items = c.itype.n;
    sf->itype = shrink(&c.itype);
    sf->n_types = al_strtab_count(c.tc.types);
    sf->tfo = shrink(&c.tc.off);
    sf->tfeat = shrink(&c.tc.tf);
    sf->n_tfeat = c.tc.tf.n;
    sf->thash = al_malloc((sf->n_types > 0 ? sf->n_types : 1) *
                          sizeof *sf->thash);
    for (size_t k = 0; sf->thash != NULL && k < sf->n_types; k++) {
        const char *str = al_strtab_str(c.tc.types, (int32_t)k);
        sf->thash[k] = al_hash(str, strlen(str));
    }
    if (sf->thash == NULL)
        c.rc = AL_ENOMEM;
    if (sf->tfo == NULL && c.rc == AL_OK)      /* no type at all */
        sf->tfo = al_calloc(1, sizeof *sf->tfo);
    if (sf->tfo == NULL || (sf->itype == NULL && sf->n_items > 0))
        c.rc = AL_ENOMEM;
    al_buf_free(&c.fold);
    al_buf_free(&c.key);
    al_buf_free(&c.tail);
    for (int k = 0; k < 4; k++)
        al_buf_free(&c.stems[k]);
    al_strtab_free(c.tc.types);
    if (c.rc != AL_OK)
        al_sentfeat_free(sf);
    return c.rc;
}

/* One side's features, for a thread of its own. */
typedef struct {
    const al_model *m;
    const al_text *t;
    int column;
    al_lang other;           /* the other side's language */
    al_strtab *ids;
    al_sentfeat *sf;
    int rc;
} side_job;

static void *side_features(void *arg)
{
    side_job *j = arg;
    const al_model *m = j->m;
    const al_lexicon *lex = NULL;
    if (m->use_lexicon) {
        /* The speller first: its loading then overlaps with the other
         * thread's loading of the lexicon. */
        if (m->opt.anchors & 1u << AL_ANCHOR_STEMS)
            al_model_spell(m, j->t->lang);
        lex = j->column == 0 ? al_model_lexicon(m, j->t->lang, j->other, NULL)
                             : al_model_lexicon(m, j->other, j->t->lang, NULL);
    }
    j->rc = text_features(m, j->t, j->column, lex, j->ids, j->sf);
    return NULL;
}

/* Renumbers the features of SF from the ids of LOCAL to those of IDS, adding
 * the new ones in LOCAL's order: as if SF had been computed with IDS after
 * the other side. */
static int merge_ids(al_strtab *ids, const al_strtab *local, al_sentfeat *sf)
{
    size_t n = al_strtab_count(local);
    uint32_t *map = al_malloc((n > 0 ? n : 1) * sizeof *map);
    if (map == NULL)
        return AL_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        const char *str = al_strtab_str(local, (int32_t)k);
        int32_t id = al_strtab_id(ids, str, strlen(str), true);
        if (id < 0) {
            free(map);
            return AL_ENOMEM;
        }
        map[k] = (uint32_t)id;
    }
    for (size_t k = 0; k < sf->n_tfeat; k++)
        sf->tfeat[k] = map[sf->tfeat[k]];
    free(map);
    return AL_OK;
}

int al_features(const al_model *m, const al_text *src, const al_text *tgt,
                al_sentfeat *fs, al_sentfeat *ft)
{
    /* Both sides at once, each with feature ids of its own; the target's
     * are then renumbered after the source's, so that every id is the one
     * a computation of the source, then the target, would give. */
    al_strtab *ids = al_strtab_new(), *tids = al_strtab_new();
    side_job js = {m, src, 0, tgt->lang, ids, fs, AL_OK};
    side_job jt = {m, tgt, 1, src->lang, tids, ft, AL_OK};
    int rc = ids && tids ? AL_OK : AL_ENOMEM;
    if (rc == AL_OK) {
        al_run_two(side_features, &js, &jt);
        rc = js.rc != AL_OK ? js.rc : jt.rc;
    }
    if (rc == AL_OK)
        rc = merge_ids(ids, tids, ft);
    al_strtab_free(ids);
    al_strtab_free(tids);
    if (rc != AL_OK) {
        al_sentfeat_free(fs);
        al_sentfeat_free(ft);
    }
    return rc;
}
