/*
 * check.c - flags on beads: what an editor should look at, and why.
 *
 * The driver walks the beads once, collects the words of both sides of each
 * bead (ck_word, see check.h) and runs the enabled checks:
 *
 * omission        a bead with source sentences and no target: error for a
 *                 sentence, warning for a heading or label, info for
 *                 boilerplate or noise
 * addition        a bead with target sentences and no source: warning for a
 *                 sentence, info (with its own hint) for navigation, credits,
 *                 captions, headings and noise
 * length          target length far from the document's length ratio
 *                 (Okapi CheckMate's limits, relative to the pair's own
 *                 ratio) (warning)
 * low-confidence  an aligned bead whose score is below --min-score (info)
 * number          check_number.c
 * untranslated, wrong-language   check_lang.c
 * garbled         check_garbled.c
 * name            check_name.c
 * encoding, punctuation          check_surface.c
 *
 * Work per bead is linear in its text: words are looked up in hash sets,
 * never compared pairwise without a bound.
 */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- a set of 64-bit keys ---- */

int ck_set_add(ck_set *s, uint64_t key)
{
    if (key == 0)
        key = 1;
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        uint64_t *keys = al_calloc(cap, sizeof *keys);
        size_t *used = al_calloc(cap / 2 + 1, sizeof *used);
        if (keys == NULL || used == NULL) {
            free(keys);
            free(used);
            return AL_ENOMEM;
        }
        size_t n = 0;
        for (size_t i = 0; i < s->n; i++) {
            uint64_t k = s->keys[s->used[i]];
            size_t h = (size_t)k & (cap - 1);
            while (keys[h] != 0)
                h = (h + 1) & (cap - 1);
            keys[h] = k;
            used[n++] = h;
        }
        free(s->keys);
        free(s->used);
        s->keys = keys;
        s->used = used;
        s->cap = cap;
    }
    size_t h = (size_t)key & (s->cap - 1);
    while (s->keys[h] != 0) {
        if (s->keys[h] == key)
            return AL_OK;
        h = (h + 1) & (s->cap - 1);
    }
    s->keys[h] = key;
    s->used[s->n++] = h;
    return AL_OK;
}

bool ck_set_has(const ck_set *s, uint64_t key)
{
    if (s->cap == 0)
        return false;
    if (key == 0)
        key = 1;
    size_t h = (size_t)key & (s->cap - 1);
    while (s->keys[h] != 0) {
        if (s->keys[h] == key)
            return true;
        h = (h + 1) & (s->cap - 1);
    }
    return false;
}

void ck_set_clear(ck_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        s->keys[s->used[i]] = 0;
    s->n = 0;
}

void ck_set_free(ck_set *s)
{
    free(s->keys);
    free(s->used);
    memset(s, 0, sizeof *s);
}

/* ---- counts per key ---- */

int ck_counts_add(ck_counts *m, uint64_t key)
{
    if (key == 0)
        key = 1;
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        uint64_t *keys = al_calloc(cap, sizeof *keys);
        uint32_t *counts = al_calloc(cap, sizeof *counts);
        if (keys == NULL || counts == NULL) {
            free(keys);
            free(counts);
            return AL_ENOMEM;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i] != 0) {
                size_t h = (size_t)m->keys[i] & (cap - 1);
                while (keys[h] != 0)
                    h = (h + 1) & (cap - 1);
                keys[h] = m->keys[i];
                counts[h] = m->counts[i];
            }
        free(m->keys);
        free(m->counts);
        m->keys = keys;
        m->counts = counts;
        m->cap = cap;
    }
    size_t h = (size_t)key & (m->cap - 1);
    while (m->keys[h] != 0 && m->keys[h] != key)
        h = (h + 1) & (m->cap - 1);
    if (m->keys[h] == 0) {
        m->keys[h] = key;
        m->n++;
    }
    m->counts[h]++;
    return AL_OK;
}

int ck_counts_put(ck_counts *m, uint64_t key, uint32_t value)
{
    if (ck_counts_add(m, key) != AL_OK)
        return AL_ENOMEM;
    if (key == 0)
        key = 1;
    size_t h = (size_t)key & (m->cap - 1);
    while (m->keys[h] != key)
        h = (h + 1) & (m->cap - 1);
    m->counts[h] = value;
    return AL_OK;
}

uint32_t ck_counts_get(const ck_counts *m, uint64_t key)
{
    if (m->cap == 0)
        return 0;
    if (key == 0)
        key = 1;
    size_t h = (size_t)key & (m->cap - 1);
    while (m->keys[h] != 0) {
        if (m->keys[h] == key)
            return m->counts[h];
        h = (h + 1) & (m->cap - 1);
    }
    return 0;
}

void ck_counts_free(ck_counts *m)
{
    free(m->keys);
    free(m->counts);
    memset(m, 0, sizeof *m);
}

typedef struct {
    ck_counts *m;
    al_buf fold;
    int rc;
} count_ud;

static void count_word(const char *tok, size_t n, size_t off, void *ud)
{
    count_ud *u = ud;
    (void)off;
    size_t fl = al_fold(tok, n, &u->fold);
    if (u->rc != AL_OK || fl == 0)      /* combining marks only: no word */
        return;
    if (ck_counts_add(u->m, al_hash(u->fold.data, fl)) != AL_OK)
        u->rc = AL_ENOMEM;
}

int ck_count_words(const al_text *t, ck_counts *m)
{
    count_ud u = {m, {0}, AL_OK};
    for (size_t i = 0; i < t->n_sents && u.rc == AL_OK; i++) {
        size_t len;
        const char *s = al_sent_norm(t, i, &len);
        al_tokenize(s, len, count_word, &u);
    }
    al_buf_free(&u.fold);
    return u.rc;
}

/* ---- helpers ---- */

void ck_flag(ck_ctx *c, al_flag_code code, al_severity sev, int side,
             size_t begin, size_t end, const char *fmt, ...)
{
    if (c->rc != AL_OK)
        return;
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    size_t ob = 0, oe = 0;
    if (end > begin) {
        ob = al_norm_to_orig(&c->t[side]->norm, begin);
        oe = al_norm_to_orig(&c->t[side]->norm, end);
    }
    c->rc = al_result_add_flag(c->r, c->bi, code, sev, side, ob, oe, "%s",
                               text);
}

size_t ck_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

bool ck_spell_ok(ck_ctx *c, int side, ck_word *w)
{
    if (c->sp[side] == NULL)
        return true;
    if (!(w->flags & CK_SPELL_ASKED)) {
        w->flags |= CK_SPELL_ASKED;
        if (al_spell_check(c->sp[side], ck_word_text(c, side, w), w->len))
            w->flags |= CK_SPELL_OK;
    }
    return (w->flags & CK_SPELL_OK) != 0;
}

bool ck_spell_loose(ck_ctx *c, int side, ck_word *w)
{
    if (ck_spell_ok(c, side, w))
        return true;
    if (c->lang[side] != AL_LANG_DE || w->len >= 120)
        return false;
    /* Swiss German writes ss for ß: "Grosse", "Fusstapfen". */
    const char *s = ck_word_text(c, side, w);
    char buf[256];
    size_t n = 0;
    bool changed = false;
    for (size_t i = 0; i < w->len; i++) {
        if (s[i] == 's' && i + 1 < w->len && s[i + 1] == 's' && i > 0) {
            buf[n++] = '\xC3';
            buf[n++] = '\x9F';
            i++;
            changed = true;
        } else {
            buf[n++] = s[i];
        }
    }
    return changed && al_spell_check(c->sp[side], buf, n);
}

/* ---- words of a bead ---- */

typedef struct {
    ck_ctx *c;
    int side;
    uint32_t sent;
    const char *s;           /* normalized sentence text */
    size_t base;             /* its offset in the text */
    size_t len;
    size_t prev_end;         /* end of the previous word in the sentence */
    bool any;                /* a word was seen in this sentence */
} tok_ud;

/* ASCII, most letters, without utf8proc (whose categories agree). */
static bool is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* What a word type of a side is, whatever its place: its folded key, the
 * stop-word lists that hold it, its class in the side's language. */
struct ck_typefacts {
    uint64_t key;
    uint8_t stop;
    uint8_t cls;
    int16_t num;
    int8_t month;
};

/* The facts of word TOK (N bytes) of SIDE, worked out the first time the
 * type is seen; NULL out of memory. */
static const struct ck_typefacts *type_facts(ck_ctx *c, int side,
                                             const char *tok, size_t n)
{
    if (c->types[side] == NULL && (c->types[side] = al_strtab_new()) == NULL)
        return NULL;
    size_t seen = al_strtab_count(c->types[side]);
    int32_t id = al_strtab_id(c->types[side], tok, n, true);
    if (id < 0)
        return NULL;
    if ((size_t)id < seen)
        return &c->facts[side][id];
    if ((size_t)id >= c->facts_cap[side]) {
        struct ck_typefacts *f = al_grow_array(c->facts[side],
                                               &c->facts_cap[side],
                                               sizeof *f, 1024);
        if (f == NULL)
            return NULL;
        c->facts[side] = f;
    }
    struct ck_typefacts *f = &c->facts[side][id];
    memset(f, 0, sizeof *f);
    f->num = -1;
    /* A token of combining marks only (a mark after punctuation) folds to
     * nothing: an empty key, not an error. */
    size_t fl = al_fold(tok, n, &c->fold);
    f->key = al_hash(fl > 0 ? c->fold.data : "", fl);
    for (int l = 0; l < AL_LANG_COUNT && fl > 0; l++)
        if (al_is_stopword(c->m, (al_lang)l, c->fold.data, fl))
            f->stop |= (uint8_t)(1u << l);
    size_t ll = ck_lower(tok, n, &c->msg);
    const ck_wordinfo *wi = ll ? ck_word_info(c->d, c->lang[side],
                                              c->msg.data, ll) : NULL;
    if (wi != NULL) {
        f->cls = wi->cls;
        f->num = wi->num;
        f->month = wi->month;
    }
    return f;
}

static void ck_typefacts_free(ck_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        al_strtab_free(c->types[s]);
        free(c->facts[s]);
        c->types[s] = NULL;
        c->facts[s] = NULL;
        c->facts_cap[s] = 0;
    }
}

static void on_word(const char *tok, size_t n, size_t off, void *ud)
{
    tok_ud *u = ud;
    ck_ctx *c = u->c;
    if (c->rc != AL_OK)
        return;
    ck_words *ws = &c->w[u->side];
    if (ws->n == ws->cap) {
        ck_word *x = al_grow_array(ws->w, &ws->cap, sizeof *x, 256);
        if (x == NULL) {
            c->rc = AL_ENOMEM;
            return;
        }
        ws->w = x;
    }
    ck_word *w = &ws->w[ws->n];
    memset(w, 0, sizeof *w);
    w->off = (uint32_t)(u->base + off);
    w->len = (uint32_t)n;
    w->sent = u->sent;
    w->num = -1;
    /* Letters, case, digits. */
    const unsigned char *p = (const unsigned char *)tok;
    size_t upper = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t m = al_utf8_decode(p + i, n - i, &cp);
        if (m == 0)
            m = 1;
        if (cp >= '0' && cp <= '9')
            w->flags |= CK_DIGIT;
        else if (is_letter(cp)) {
            if (w->letters == 0 && is_upper(cp))
                w->flags |= CK_UPPER;
            upper += is_upper(cp);
            w->letters++;
        }
        i += m;
    }
    if (w->letters >= 2 && upper == w->letters)
        w->flags |= CK_ALLCAPS;
    /* What stands before and after it. */
    bool only_space = true;
    w->prevch = 0;
    for (size_t i = u->prev_end; i < off;) {
        int32_t cp;
        size_t m = al_utf8_decode((const unsigned char *)u->s + i, off - i,
                                  &cp);
        if (m == 0)
            m = 1;
        if (cp != ' ' && cp != '\n')
            only_space = false, w->prevch = (uint32_t)cp;
        i += m;
    }
    if (!u->any)
        w->flags |= CK_FIRST;
    else if (only_space)
        w->flags |= CK_ADJ;
    if (off + n < u->len) {
        int32_t cp;
        if (al_utf8_decode((const unsigned char *)u->s + off + n,
                           u->len - off - n, &cp) > 0) {
            if (is_apostrophe(cp))
                w->flags |= CK_ELIDED;
            else if (cp == '.')
                w->flags |= CK_DOT;
        }
    }
    u->prev_end = off + n;
    u->any = true;
    /* Folded key, stop words, classes. */
    const struct ck_typefacts *f = type_facts(c, u->side, tok, n);
    if (f == NULL) {
        c->rc = AL_ENOMEM;
        return;
    }
    w->key = f->key;
    w->stop = f->stop;
    w->cls = f->cls;
    w->num = f->num;
    /* German and English write months with a capital ("May", not the verb
     * "may"); French does not. */
    if (c->lang[u->side] == AL_LANG_FR || (w->flags & CK_UPPER))
        w->month = f->month;
    ws->n++;
}

static void collect_words(ck_ctx *c, int side)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    c->w[side].n = 0;
    for (size_t i = begin; i < begin + n && c->rc == AL_OK; i++) {
        size_t len;
        const char *s = al_sent_norm(c->t[side], i, &len);
        tok_ud u = {c, side, (uint32_t)i, s, c->t[side]->sents[i].start, len,
                    0, false};
        al_tokenize(s, len, on_word, &u);
    }
}

/* ---- the beads around the current one ---- */

void ck_around_init(ck_around *a, bool numbers)
{
    memset(a, 0, sizeof *a);
    a->numbers = numbers;
}

void ck_around_free(ck_around *a)
{
    for (int d = 0; d < 2; d++)
        for (int s = 0; s < 2; s++)
            ck_set_free(&a->s[d][s]);
}

typedef struct {
    ck_ctx *c;
    ck_set *set;
} around_ud;

static void around_word(const char *tok, size_t n, size_t off, void *ud)
{
    around_ud *u = ud;
    (void)off;
    size_t fl = al_fold(tok, n, &u->c->fold);
    if (u->c->rc == AL_OK && fl > 0 &&
        ck_set_add(u->set, al_hash(u->c->fold.data, fl)) != AL_OK)
        u->c->rc = AL_ENOMEM;
}

/* Adds the words or numbers of SIDE of bead B to SET. */
static void around_fill(ck_ctx *c, const al_bead *b, int side, bool numbers,
                        ck_set *set)
{
    size_t begin = side == AL_SOURCE ? b->src_begin : b->tgt_begin;
    size_t n = side == AL_SOURCE ? b->src_len : b->tgt_len;
    around_ud u = {c, set};
    for (size_t i = begin; i < begin + n && c->rc == AL_OK; i++) {
        size_t len;
        const char *s = al_sent_norm(c->t[side], i, &len);
        if (!numbers) {
            al_tokenize(s, len, around_word, &u);
            continue;
        }
        al_number tmp[64];
        size_t k = al_numbers(s, len, c->lang[side], tmp, 64);
        al_number *all = tmp;
        if (k > 64) {
            all = al_calloc(k, sizeof *all);
            if (all == NULL) {
                c->rc = AL_ENOMEM;
                return;
            }
            k = al_numbers(s, len, c->lang[side], all, k);
        }
        for (size_t x = 0; x < k && c->rc == AL_OK; x++)
            if (ck_set_add(set, al_hash(all[x].value,
                                        strlen(all[x].value))) != AL_OK)
                c->rc = AL_ENOMEM;
        if (all != tmp)
            free(all);
    }
}

int ck_around_moved(ck_ctx *c, ck_around *a, int side, uint64_t key)
{
    if (!a->ready) {
        a->ready = true;
        for (int d = 0; d < 2; d++) {
            if (d == 0 ? c->bi == 0 : c->bi + 1 >= c->r->n_beads)
                continue;
            const al_bead *b = &c->r->beads[d == 0 ? c->bi - 1 : c->bi + 1];
            for (int s = 0; s < 2; s++)
                around_fill(c, b, s, a->numbers, &a->s[d][s]);
        }
    }
    for (int d = 0; d < 2; d++)
        if (ck_set_has(&a->s[d][!side], key) &&
            !ck_set_has(&a->s[d][side], key))
            return d == 0 ? -1 : 1;
    return 0;
}

void ck_flag_moved(ck_ctx *c, al_flag_code code, int side, size_t off,
                   const char *text, size_t n, int nb)
{
    ck_flag(c, code, AL_INFO, side, off, off + n,
            "%.*s %s is in the %s of the %s pair: the pairs are cut "
            "differently", (int)n, text,
            side == AL_SOURCE ? "of the source" : "of the translation",
            side == AL_SOURCE ? "translation" : "source",
            nb < 0 ? "previous" : "next");
}

/* ---- omission and addition ---- */

/* Does the sentence end like a sentence (. ! ? … possibly followed by
 * closing quotes or brackets)? */
static bool ends_sentence(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char ch = (unsigned char)s[n - 1];
        if (ch == ' ' || ch == ')' || ch == ']' || ch == '"' || ch == '\'') {
            n--;
            continue;
        }
        /* closing quotes » “ ” ’ › (UTF-8 tails) */
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
            (ch == 0xBB || ch == 0xAB)) {
            n -= 2;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
            (unsigned char)s[n - 2] == 0x80 &&
            (ch == 0x9C || ch == 0x9D || ch == 0x99 || ch == 0xBA ||
             ch == 0xB9)) {
            n -= 3;
            continue;
        }
        if (ch == '.' || ch == '!' || ch == '?')
            return true;
        return n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
               (unsigned char)s[n - 2] == 0x80 && ch == 0xA6;  /* … */
    }
    return false;
}

/* Is the line made of boilerplate: it starts with a listed phrase, or it is
 * short and holds a listed word? */
static bool is_boilerplate(ck_ctx *c, int side, size_t from, size_t to)
{
    const ck_words *ws = &c->w[side];
    al_buf *key = &c->msg;
    if (to > from && al_strtab_id(c->d->boiler_caps,
                                  ck_word_text(c, side, &ws->w[from]),
                                  ws->w[from].len, false) >= 0)
        return true;
    /* Phrases of up to six words at the start. */
    key->len = 0;
    for (size_t k = from; k < to && k < from + 6; k++) {
        const ck_word *w = &ws->w[k];
        size_t fl = al_fold(ck_word_text(c, side, w), w->len, &c->fold);
        if ((k > from && al_buf_putc(key, ' ') != AL_OK) ||
            al_buf_append(key, c->fold.data, fl) != AL_OK) {
            c->rc = AL_ENOMEM;
            return false;
        }
        if (al_strtab_id(c->d->boiler_start, key->data, key->len, false) >= 0)
            return true;
    }
    /* A credit word makes boilerplate of a short line only ("Photo :
     * AFP"); "Zwei gute Photos ergänzen seine Ausführungen." is a
     * sentence. */
    if (to - from > 6)
        return false;
    for (size_t k = from; k < to; k++) {
        const ck_word *w = &ws->w[k];
        size_t fl = al_fold(ck_word_text(c, side, w), w->len, &c->fold);
        if (al_strtab_id(c->d->boiler_word, c->fold.data, fl, false) >= 0)
            return true;
    }
    return false;
}

/* Kind of the words [FROM, TO) of SIDE, the sentence I. */
static ck_text_kind sentence_kind(ck_ctx *c, int side, size_t i, size_t from,
                                  size_t to)
{
    const ck_words *ws = &c->w[side];
    size_t real = 0;             /* words of two letters or more */
    for (size_t k = from; k < to; k++)
        real += ws->w[k].letters >= 2;
    if (real == 0)
        return CK_TEXT_JUNK;
    bool boiler = is_boilerplate(c, side, from, to);
    c->msg.len = 0;
    if (boiler)
        return CK_TEXT_BOILERPLATE;
    size_t len;
    const char *s = al_sent_norm(c->t[side], i, &len);
    return ends_sentence(s, len) ? CK_TEXT_SENTENCE : CK_TEXT_FRAGMENT;
}

ck_text_kind ck_classify(ck_ctx *c, int side)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    const ck_words *ws = &c->w[side];
    /* The side is noise, boilerplate or a fragment when every sentence is;
     * else the kind of its last sentence decides between sentence and
     * fragment. */
    ck_text_kind kind = CK_TEXT_JUNK;
    size_t k = 0;
    for (size_t i = begin; i < begin + n; i++) {
        size_t from = k;
        while (k < ws->n && ws->w[k].sent == i)
            k++;
        ck_text_kind x = sentence_kind(c, side, i, from, k);
        if (x == CK_TEXT_SENTENCE || (x == CK_TEXT_FRAGMENT &&
                                      kind != CK_TEXT_SENTENCE))
            kind = x;
        else if (x == CK_TEXT_BOILERPLATE && kind == CK_TEXT_JUNK)
            kind = x;
    }
    return kind;
}

/* Boilerplate or noise lines that the aligner merged into a bead with real
 * sentences ("… Tals. Mehr zum Thema Landwirtschaft"): flagged on their own
 * (info), unless the other side of the bead has such a line too (a caption
 * with its translation). */
static void check_merged_boilerplate(ck_ctx *c, int side)
{
    size_t begin, n;
    ck_bead_side(c, side, &begin, &n);
    if (n < 2)
        return;
    ck_text_kind kinds[2][64];
    size_t ob, on;
    ck_bead_side(c, !side, &ob, &on);
    if (n > 64 || on > 64)
        return;
    bool other_has = false;
    for (int x = 0; x < 2; x++) {
        int sd = x ? !side : side;
        size_t b, m, k = 0;
        ck_bead_side(c, sd, &b, &m);
        const ck_words *ws = &c->w[sd];
        for (size_t i = b; i < b + m; i++) {
            size_t from = k;
            while (k < ws->n && ws->w[k].sent == i)
                k++;
            kinds[x][i - b] = sentence_kind(c, sd, i, from, k);
            if (x == 1 && (kinds[x][i - b] == CK_TEXT_BOILERPLATE ||
                           kinds[x][i - b] == CK_TEXT_JUNK))
                other_has = true;
        }
    }
    if (other_has)
        return;
    for (size_t i = 0; i < n; i++) {
        if (kinds[0][i] != CK_TEXT_BOILERPLATE && kinds[0][i] != CK_TEXT_JUNK)
            continue;
        const al_sent *st = &c->t[side]->sents[begin + i];
        const char *what = kinds[0][i] == CK_TEXT_JUNK
            ? "text without words (symbols or noise)"
            : "boilerplate (navigation, credit or caption line)";
        if (side == AL_TARGET && ck_enabled(c, AL_FLAG_ADDITION))
            ck_flag(c, AL_FLAG_ADDITION, AL_INFO, AL_TARGET, st->start,
                    (size_t)st->start + st->len, "translation has %s with no "
                    "source: remove it?", what);
        else if (side == AL_SOURCE && ck_enabled(c, AL_FLAG_OMISSION))
            ck_flag(c, AL_FLAG_OMISSION, AL_INFO, AL_SOURCE, st->start,
                    (size_t)st->start + st->len, "source %s not translated",
                    what);
    }
}

static void check_omission(ck_ctx *c)
{
    ck_text_kind k = ck_classify(c, AL_SOURCE);
    const char *s = c->b->src_len > 1 ? "s" : "";
    switch (k) {
    case CK_TEXT_SENTENCE:
        ck_flag(c, AL_FLAG_OMISSION, AL_ERROR, AL_SOURCE, 0, 0,
                "source sentence%s not translated", s);
        break;
    case CK_TEXT_FRAGMENT:
        ck_flag(c, AL_FLAG_OMISSION, AL_WARNING, AL_SOURCE, 0, 0,
                "source heading or label not translated");
        break;
    case CK_TEXT_BOILERPLATE:
        ck_flag(c, AL_FLAG_OMISSION, AL_INFO, AL_SOURCE, 0, 0,
                "source boilerplate (navigation, credit or caption) not "
                "translated");
        break;
    case CK_TEXT_JUNK:
        ck_flag(c, AL_FLAG_OMISSION, AL_INFO, AL_SOURCE, 0, 0,
                "source text without words (symbols or noise) not "
                "translated");
        break;
    }
}

static void check_addition(ck_ctx *c)
{
    ck_text_kind k = ck_classify(c, AL_TARGET);
    switch (k) {
    case CK_TEXT_SENTENCE:
        ck_flag(c, AL_FLAG_ADDITION, AL_WARNING, AL_TARGET, 0, 0,
                "translation has text with no source");
        break;
    case CK_TEXT_FRAGMENT:
        ck_flag(c, AL_FLAG_ADDITION, AL_INFO, AL_TARGET, 0, 0,
                "translation has a heading or caption with no source");
        break;
    case CK_TEXT_BOILERPLATE:
        ck_flag(c, AL_FLAG_ADDITION, AL_INFO, AL_TARGET, 0, 0,
                "translation has boilerplate with no source (navigation, "
                "credit or caption line): remove it?");
        break;
    case CK_TEXT_JUNK:
        ck_flag(c, AL_FLAG_ADDITION, AL_INFO, AL_TARGET, 0, 0,
                "translation has text without words (symbols or noise) "
                "with no source");
        break;
    }
}

/* ---- length ---- */

static size_t side_chars(const al_text *t, size_t begin, size_t n)
{
    size_t k = 0;
    for (size_t i = begin; i < begin + n; i++) {
        size_t len;
        const char *s = al_sent_norm(t, i, &len);
        k += ck_chars(s, len);
    }
    return k;
}

/* The pair's own length ratio, target characters per source character, over
 * the beads that have both sides. */
static double doc_ratio(const al_result *r)
{
    double ls = 0, lt = 0;
    for (size_t i = 0; i < r->n_beads; i++) {
        const al_bead *b = &r->beads[i];
        if (b->src_len == 0 || b->tgt_len == 0)
            continue;
        ls += (double)side_chars(r->text[AL_SOURCE], b->src_begin, b->src_len);
        lt += (double)side_chars(r->text[AL_TARGET], b->tgt_begin, b->tgt_len);
    }
    return ls > 0 && lt > 0 ? lt / ls : 1.0;
}

/* Okapi CheckMate flags a target longer than 200 % or shorter than 45 % of
 * its source, 350 % / 30 % for sources of 20 characters or fewer. Here the
 * ratio is taken relative to the pair's own ratio, so that a language pair
 * whose translations run longer is not penalised. Differences of fewer than
 * MIN_DIFF characters are never flagged. */
#define LONG_MAX_RATIO 2.0
#define LONG_MIN_RATIO 0.45
#define SHORT_MAX_RATIO 3.5
#define SHORT_MIN_RATIO 0.30
#define SHORT_CHARS 20
#define MIN_DIFF 15

static void check_length(ck_ctx *c)
{
    const al_bead *b = c->b;
    double ls = (double)side_chars(c->t[AL_SOURCE], b->src_begin, b->src_len);
    double lt = (double)side_chars(c->t[AL_TARGET], b->tgt_begin, b->tgt_len);
    if (ls <= 0)
        return;
    double expect = ls * c->ratio;
    double q = lt / expect;
    bool is_short = ls <= SHORT_CHARS;
    double hi = is_short ? SHORT_MAX_RATIO : LONG_MAX_RATIO;
    double lo = is_short ? SHORT_MIN_RATIO : LONG_MIN_RATIO;
    double diff = lt > expect ? lt - expect : expect - lt;
    if (diff < MIN_DIFF || (q <= hi && q >= lo))
        return;
    if (q < lo)
        ck_flag(c, AL_FLAG_LENGTH, AL_WARNING, AL_TARGET, 0, 0,
                "translation is %.0f %% of the expected length (%.0f of "
                "%.0f characters): part of the source may be missing",
                100 * q, lt, expect);
    else
        ck_flag(c, AL_FLAG_LENGTH, AL_WARNING, AL_TARGET, 0, 0,
                "translation is %.0f %% of the expected length (%.0f of "
                "%.0f characters): it may hold text with no source",
                100 * q, lt, expect);
}

/* Mean sentence length of a text, in characters (at least 1): once per
 * document (computed per bead it made the checks quadratic). */
static double mean_length(const al_sentfeat *sf, size_t n)
{
    double l = 0;
    for (size_t i = 0; i < n; i++)
        l += sf->len[i];
    return n > 0 && l >= (double)n ? l / (double)n : 1;
}

/* ---- driver ---- */

static void check_bead(ck_ctx *c)
{
    const al_bead *b = c->b;
    collect_words(c, AL_SOURCE);
    collect_words(c, AL_TARGET);
    if (b->tgt_len == 0) {
        if (ck_enabled(c, AL_FLAG_OMISSION))
            check_omission(c);
        return;
    }
    if (b->src_len == 0) {
        if (ck_enabled(c, AL_FLAG_ADDITION))
            check_addition(c);
        return;
    }
    check_merged_boilerplate(c, AL_TARGET);
    check_merged_boilerplate(c, AL_SOURCE);
    /* A bead whose two sides are unrelated as a whole needs no search for
     * the one sentence of a merge that the other side does not explain. */
    bool unrelated = (ck_enabled(c, AL_FLAG_OMISSION) ||
                      ck_enabled(c, AL_FLAG_ADDITION)) &&
                     ck_check_unrelated(c);
    if (!unrelated && ck_enabled(c, AL_FLAG_OMISSION))
        ck_check_merge(c, AL_SOURCE);
    if (!unrelated && ck_enabled(c, AL_FLAG_ADDITION))
        ck_check_merge(c, AL_TARGET);
    if (ck_enabled(c, AL_FLAG_NUMBER))
        ck_check_numbers(c);
    if (ck_enabled(c, AL_FLAG_ENCODING))
        ck_check_encoding(c);
    if (ck_enabled(c, AL_FLAG_UNTRANSLATED) ||
        ck_enabled(c, AL_FLAG_WRONG_LANGUAGE))
        ck_check_language(c);
    if (ck_enabled(c, AL_FLAG_GARBLED))
        ck_check_garbled(c);
    if (ck_enabled(c, AL_FLAG_NAME))
        ck_check_names(c);
    if (ck_enabled(c, AL_FLAG_PUNCTUATION))
        ck_check_punctuation(c);
    if (ck_enabled(c, AL_FLAG_LENGTH))
        check_length(c);
    if (ck_enabled(c, AL_FLAG_LOW_CONFIDENCE) && b->score < c->m->opt.min_score)
        ck_flag(c, AL_FLAG_LOW_CONFIDENCE, AL_INFO, AL_SOURCE, 0, 0,
                "alignment score %.2f is below %.2f", b->score,
                c->m->opt.min_score);
}

/* The word counts of one text (ck_count_words), in a thread of its own. */
typedef struct {
    const al_text *t;
    ck_counts *counts;
    int rc;
} count_job;

static void *count_side(void *arg)
{
    count_job *j = arg;
    j->rc = ck_count_words(j->t, j->counts);
    return NULL;
}

/* Beads [from, to) of a result, checked in a thread of its own. */
typedef struct {
    ck_ctx c;
    size_t from, to;
} check_job;

static void *check_beads(void *arg)
{
    check_job *j = arg;
    for (size_t i = j->from; j->c.rc == AL_OK && i < j->to; i++) {
        j->c.bi = i;
        j->c.b = &j->c.r->beads[i];
        check_bead(&j->c);
    }
    return NULL;
}

bool al_check_wants_features(const al_model *m)
{
    return (m->opt.checks & (1u << AL_FLAG_GARBLED | 1u << AL_FLAG_OMISSION |
                             1u << AL_FLAG_ADDITION)) != 0;
}

int al_check(const al_model *m, al_result *r, al_sentfeat *feat,
             al_error *err)
{
    if (!al_check_wants_features(m)) {   /* also when no check runs */
        for (int s = 0; feat != NULL && s < 2; s++)
            al_sentfeat_free(&feat[s]);
        feat = NULL;
    }
    if (m->opt.checks == 0)
        return AL_OK;
    ck_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.d = m->check;
    c.r = r;
    for (int s = 0; s < 2; s++) {
        c.t[s] = r->text[s];
        c.lang[s] = r->text[s]->lang;
        c.sp[s] = al_model_spell(m, c.lang[s]);
    }
    c.ratio = doc_ratio(r);
    c.rc = AL_OK;
    if ((m->opt.checks >> AL_FLAG_NAME) & 1u) {
        count_job jc[2] = {{r->text[0], &c.doc[0], AL_OK},
                           {r->text[1], &c.doc[1], AL_OK}};
        al_run_two(count_side, &jc[0], &jc[1]);
        c.rc = jc[0].rc != AL_OK ? jc[0].rc : jc[1].rc;
    }
    if (feat != NULL) {
        c.feat[AL_SOURCE] = feat[AL_SOURCE];
        c.feat[AL_TARGET] = feat[AL_TARGET];
        c.have_feat = true;
        if (c.rc != AL_OK) {     /* taken over: freed below either way */
            al_sentfeat_free(&c.feat[0]);
            al_sentfeat_free(&c.feat[1]);
            c.have_feat = false;
        }
        for (int s = 0; s < 2 && c.have_feat; s++)
            c.mean_len[s] = mean_length(&c.feat[s], r->text[s]->n_sents);
    } else if (c.rc == AL_OK && al_check_wants_features(m)) {
        c.rc = al_features(m, r->text[AL_SOURCE], r->text[AL_TARGET],
                           &c.feat[AL_SOURCE], &c.feat[AL_TARGET]);
        c.have_feat = c.rc == AL_OK;
        for (int s = 0; s < 2 && c.have_feat; s++)
            c.mean_len[s] = mean_length(&c.feat[s], r->text[s]->n_sents);
    }
    /* The beads in two halves, in two threads, each with scratch of its
     * own; the second half's flags are added after the first's (the same
     * order as one thread's). */
    check_job half[2];
    for (int h = 0; h < 2; h++) {
        half[h].c = c;
        half[h].from = h == 0 ? 0 : r->n_beads / 2;
        half[h].to = h == 0 ? r->n_beads / 2 : r->n_beads;
    }
    al_result part = *r;      /* the second half's flags */
    part.flags = NULL;
    part.n_flags = part.cap_flags = 0;
    half[1].c.r = &part;
    if (c.rc == AL_OK)
        al_run_two(check_beads, &half[0], &half[1]);
    c.rc = half[0].c.rc != AL_OK ? half[0].c.rc : half[1].c.rc;
    if (c.rc == AL_OK && part.n_flags > 0) {
        size_t need = r->n_flags + part.n_flags;
        al_flag_rec *f = al_realloc_array(r->flags, need, sizeof *f);
        if (f == NULL) {
            c.rc = AL_ENOMEM;
        } else {
            memcpy(f + r->n_flags, part.flags, part.n_flags * sizeof *f);
            r->flags = f;
            r->n_flags = r->cap_flags = need;
            part.n_flags = 0;   /* the messages are r's now */
        }
    }
    for (size_t k = 0; k < part.n_flags; k++)
        free(part.flags[k].message);
    free(part.flags);
    for (int h = 0; h < 2; h++) {
        for (int s = 0; s < 2; s++)
            free(half[h].c.w[s].w);
        ck_set_free(&half[h].c.set);
        ck_typefacts_free(&half[h].c);
        ck_surfaces_free(&half[h].c);
        al_buf_free(&half[h].c.fold);
        al_buf_free(&half[h].c.msg);
    }
    ck_counts_free(&c.doc[0]);
    ck_counts_free(&c.doc[1]);
    if (c.have_feat) {
        al_sentfeat_free(&c.feat[0]);
        al_sentfeat_free(&c.feat[1]);
    }
    if (c.rc != AL_OK)
        return al_fail(err, c.rc, "out of memory while checking");
    return AL_OK;
}
