/*
 * check_garbled.c - broken target sentences: what machine translation and
 * careless editing leave behind.
 *
 * Signals, each measured on its own by bench/check-measure (see
 * bench/README.md):
 *   repeat    a word twice in a row ("Die Die", "Fahrräder Fahrräder"),
 *             except words that may repeat ("nous nous", class "repeat" in
 *             dicts/check-words-LANG.txt) and repeats the source has too;
 *   grammar   pairs of function words no sentence of the language has:
 *             a determiner before a determiner, preposition, conjunction,
 *             subject pronoun or punctuation, a preposition before
 *             punctuation, a French subject clitic before punctuation,
 *             French elision broken ("le automne", "l' voir") (classes in
 *             dicts/check-words-LANG.txt);
 *   order     the words the anchor features pair between the sides
 *             (identical words, cognates, dictionary translations: see
 *             anchor.c) come in a very different order than in the source;
 *   fragment  the sentence stops on a word that never ends one (a
 *             determiner, preposition, conjunction, subject clitic or an
 *             elided "l'": "… de la .");
 *   case      what moving the first word elsewhere leaves: a target that
 *             starts in lowercase after a finished sentence where the source
 *             starts uppercase, a capitalized stop word inside the
 *             sentence, a capitalized common word inside;
 *   unknown   most words rejected by hunspell of the target language (names,
 *             capitalized words, words shared with the source, loan words
 *             and elided forms excluded).
 * A repeat, a fragment or an unknown majority makes a garbled flag
 * (warning) alone; else two points of the weaker signals are needed:
 * grammar one per violation (at most two) and one more for a broken
 * elision, order one, lowercase start one, capitalized stop word inside
 * one, capitalized common word inside one when one of the two case signals
 * is there too.
 */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Unknown words: at least UNKNOWN_MIN rejected, and at least UNKNOWN_SHARE
 * of the eligible words. */
#define UNKNOWN_MIN 3
#define UNKNOWN_SHARE 0.5
/* Order: at least ORDER_MIN shared words, and at least ORDER_SHARE of their
 * pairs inverted. At most ORDER_MAX anchors are compared (bounded work). */
#define ORDER_MIN 4
#define ORDER_SHARE 0.5
#define ORDER_MAX 40
/* Weak signals needed for a flag. */
#define WEAK_NEEDED 2

typedef struct {
    size_t from, to;
} range;

static bool is_end_punct(uint32_t ch)
{
    return ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':' ||
           ch == ',';
}

/* Is the sentence's remaining text after word K only closing punctuation
 * (the word ends its sentence)? */
static bool ends_sentence_after(const ck_ctx *c, const ck_word *w)
{
    const al_sent *st = &c->t[AL_TARGET]->sents[w->sent];
    const unsigned char *s = (const unsigned char *)c->t[AL_TARGET]->norm.text;
    size_t end = (size_t)st->start + st->len;
    for (size_t i = (size_t)w->off + w->len; i < end;) {
        int32_t cp;
        size_t m = al_utf8_decode(s + i, end - i, &cp);
        if (m == 0)
            return false;
        if (cp != ' ' && cp != '.' && cp != '!' && cp != '?' && cp != '"' &&
            cp != '\'' && cp != ')' && cp != ']' && cp != 0xBB &&
            cp != 0x201D && cp != 0x2019 && cp != 0x203A && cp != 0x2026)
            return false;
        i += m;
    }
    return true;
}

/* Fills C->set with the keys the source has twice in a row. */
static void source_repeats(ck_ctx *c)
{
    const ck_words *s = &c->w[AL_SOURCE];
    ck_set_clear(&c->set);
    for (size_t j = 1; j < s->n; j++)
        if (s->w[j].key == s->w[j - 1].key && (s->w[j].flags & CK_ADJ) &&
            ck_set_add(&c->set, s->w[j].key) != AL_OK)
            c->rc = AL_ENOMEM;
}

/* Repeats: returns the index of the second word of the first repeat in R,
 * or (size_t)-1. Repeats the source has too ("Bora Bora") do not count. */
static size_t find_repeat(ck_ctx *c, range r)
{
    const ck_word *w = c->w[AL_TARGET].w;
    for (size_t k = r.from + 1; k < r.to; k++)
        if ((w[k].flags & CK_ADJ) && w[k].key == w[k - 1].key &&
            w[k].letters >= 2 && !(w[k].flags & CK_DIGIT) &&
            !(w[k].cls & CK_CLASS_REPEAT) && !ck_set_has(&c->set, w[k].key))
            return k;
    return (size_t)-1;
}

/* Does word W begin with a vowel or h (what an elided "l'", "d'", "qu'"
 * or English "an" needs after it)? */
static bool vowel_start(const ck_ctx *c, const ck_word *w)
{
    const unsigned char *s = (const unsigned char *)ck_word_text(c,
                                                                 AL_TARGET, w);
    int32_t cp;
    if (al_utf8_decode(s, w->len, &cp) == 0)
        return true;
    cp = utf8proc_tolower(cp);
    if (cp >= 0x80) {                       /* strip the accent */
        utf8proc_uint8_t *d = NULL;
        char buf[8];
        size_t n = al_utf8_encode(cp, buf);
        if (utf8proc_map((const utf8proc_uint8_t *)buf, (utf8proc_ssize_t)n,
                         &d, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) > 0)
            cp = d[0];
        free(d);
    }
    return cp == 'a' || cp == 'e' || cp == 'i' || cp == 'o' || cp == 'u' ||
           cp == 'y' || cp == 'h' || (cp >= '0' && cp <= '9') || cp >= 0x80;
}

/* Does word W begin with a vowel (not h, not y) and is not a number word
 * that takes no elision ("le onze", "la une")? */
static bool vowel_no_h(const ck_ctx *c, const ck_word *w)
{
    const char *s = ck_word_text(c, AL_TARGET, w);
    if ((s[0] | 0x20) == 'h' || (s[0] | 0x20) == 'y' || w->num >= 0 ||
        (w->len >= 4 && strncmp(s, "onz", 3) == 0) ||
        (w->len >= 3 && strncmp(s, "oui", 3) == 0))
        return false;
    return vowel_start(c, w) && !((s[0] >= '0' && s[0] <= '9'));
}

/* Is W an elided French word ("l'", "d'", "qu'", "jusqu'") written apart
 * from the next word, or English "an"? Then the next word must begin with
 * a vowel or h. */
static bool needs_vowel(const ck_ctx *c, const ck_word *w)
{
    const char *s = ck_word_text(c, AL_TARGET, w);
    if (c->lang[AL_TARGET] == AL_LANG_EN)
        return w->len == 2 && (s[0] | 0x20) == 'a' && (s[1] | 0x20) == 'n';
    if (c->lang[AL_TARGET] != AL_LANG_FR || !(w->flags & CK_ELIDED))
        return false;
    return w->len == 1 || (w->len >= 2 && (s[w->len - 2] | 0x20) == 'q' &&
                           (s[w->len - 1] | 0x20) == 'u');
}

/* Function-word violations in R; *FIRST gets the first one's word index,
 * *ELISION the number of them that break French elision (or English a/an),
 * which correct text never does. */
static int grammar_violations(const ck_ctx *c, range r, size_t *first,
                              int *elision)
{
    const ck_word *w = c->w[AL_TARGET].w;
    int v = 0;
    *elision = 0;
    for (size_t k = r.from; k < r.to; k++) {
        bool bad = false;
        /* "l' voir": elision before a consonant (of a lowercase word:
         * "D' Patey" is OCR for "Dr Patey"). */
        if (k + 1 < r.to && needs_vowel(c, &w[k]) &&
            (w[k + 1].flags & (CK_ADJ | CK_ELIDED)) != CK_ELIDED &&
            !(w[k + 1].flags & CK_UPPER) && !vowel_start(c, &w[k + 1]))
            bad = true;
        /* "le automne", "de un": a French word that elides, not elided
         * before a vowel (h is left out: "le haut" is right). */
        if (!bad && k + 1 < r.to && (w[k].cls & CK_CLASS_ELIDE) &&
            (w[k + 1].flags & CK_ADJ) && vowel_no_h(c, &w[k + 1]))
            bad = true;
        if (bad) {
            if (v == 0)
                *first = k;
            v++;
            (*elision)++;
            continue;
        }
        /* A preposition before punctuation: "de ,", "pour ;". */
        if (!bad && k + 1 < r.to && (w[k].cls & CK_CLASS_PREP) &&
            !(w[k].flags & CK_ELIDED) && !(w[k + 1].flags & CK_ADJ))
            bad = is_end_punct(w[k + 1].prevch);
        if (k + 1 < r.to && (w[k].cls & CK_CLASS_DET) &&
            !(w[k].flags & CK_DIGIT)) {
            const ck_word *n = &w[k + 1];
            if (n->flags & CK_ADJ)
                bad = (n->cls & (CK_CLASS_DET | CK_CLASS_PREP |
                                 CK_CLASS_CONJ | CK_CLASS_PRON)) != 0;
            else
                bad = is_end_punct(n->prevch);
        }
        /* A subject clitic before punctuation: "… il , …", "… on ." */
        if (!bad && k + 1 < r.to && (w[k].cls & CK_CLASS_NOEND) &&
            !(w[k + 1].flags & CK_ADJ))
            bad = is_end_punct(w[k + 1].prevch);
        if (bad) {
            if (v == 0)
                *first = k;
            v++;
        }
    }
    return v;
}

/* Does the sentence R stop on a word that never ends one: a determiner,
 * a preposition, a subject clitic, a conjunction, an elided "l'", "d'"
 * ("… de la .", "… j' .")? Cut sentences end so. */
static bool is_fragment(const ck_ctx *c, range r)
{
    const ck_word *w = &c->w[AL_TARGET].w[r.to - 1];
    if (r.to <= r.from + 1 || !ends_sentence_after(c, w))
        return false;
    if (w->flags & CK_ELIDED)
        return c->lang[AL_TARGET] == AL_LANG_FR;
    return (w->cls & (CK_CLASS_DET | CK_CLASS_PREP | CK_CLASS_NOEND |
                      CK_CLASS_CONJ)) != 0;
}

/* A capitalized stop word inside the sentence, not after sentence
 * punctuation or an opening quote, not followed by another capitalized word
 * (a title or name: "Le Monde", "Les Alpes"). */
static bool case_inside(const ck_ctx *c, range r)
{
    const ck_word *w = c->w[AL_TARGET].w;
    unsigned lt = 1u << c->lang[AL_TARGET];
    for (size_t k = r.from + 1; k < r.to; k++) {
        if (!(w[k].flags & CK_UPPER) || (w[k].flags & CK_ALLCAPS) ||
            !(w[k].stop & lt))
            continue;
        /* After white space, an apostrophe or a comma only: other
         * punctuation may open a sentence or a quotation. */
        uint32_t p = w[k].prevch;
        if (!(w[k].flags & CK_ADJ) && p != '\'' && p != 0x2019 && p != ',')
            continue;
        if (c->lang[AL_TARGET] == AL_LANG_DE &&
            !(w[k].cls & (CK_CLASS_DET | CK_CLASS_CONJ | CK_CLASS_PREP)))
            continue;                        /* "Sie", nouns */
        if (k + 1 < r.to && (w[k + 1].flags & CK_UPPER))
            continue;
        return true;
    }
    return false;
}

/* A capitalized common word inside the sentence (French and English):
 * hunspell accepts it in lowercase, it stands after white space, an
 * apostrophe or a comma, and no capitalized word stands next to it (names
 * of several words: "Mont Blanc", "Col Sud"). */
static bool case_common(ck_ctx *c, range r)
{
    if (c->lang[AL_TARGET] == AL_LANG_DE || c->sp[AL_TARGET] == NULL)
        return false;
    const ck_word *w = c->w[AL_TARGET].w;
    for (size_t k = r.from + 1; k < r.to; k++) {
        if (!(w[k].flags & CK_UPPER) || (w[k].flags & (CK_ALLCAPS |
            CK_DIGIT | CK_DOT)) || w[k].letters < 2)
            continue;
        uint32_t p = w[k].prevch;
        if (!(w[k].flags & CK_ADJ) && p != '\'' && p != 0x2019 && p != ',')
            continue;
        if ((w[k - 1].flags & CK_UPPER) && !(w[k - 1].flags & CK_FIRST))
            continue;
        if (k + 1 < r.to && (w[k + 1].flags & CK_UPPER))
            continue;
        if (ck_lower(ck_word_text(c, AL_TARGET, &w[k]), w[k].len,
                     &c->fold) == 0)
            continue;
        if (al_spell_check(c->sp[AL_TARGET], c->fold.data, c->fold.len))
            return true;
    }
    return false;
}

/* Does the bead's target start lowercase while its source starts
 * uppercase? */
static bool case_start(const ck_ctx *c)
{
    const ck_words *s = &c->w[AL_SOURCE], *t = &c->w[AL_TARGET];
    if (s->n == 0 || t->n == 0)
        return false;
    const ck_word *a = &s->w[0], *b = &t->w[0];
    if (!(a->flags & CK_UPPER) || b->letters == 0 || (b->flags & CK_UPPER) ||
        (b->flags & CK_DIGIT) || a->letters == 0)
        return false;
    /* The first word of the sentence, after opening quotes or dashes at
     * most ("« sac …"). */
    const unsigned char *tx = (const unsigned char *)
                              c->t[AL_TARGET]->norm.text;
    for (size_t i = c->t[AL_TARGET]->sents[b->sent].start; i < b->off;) {
        int32_t cp;
        size_t m = al_utf8_decode(tx + i, b->off - i, &cp);
        if (m == 0 || !(cp == ' ' || cp == '"' || cp == 0xAB ||
                        cp == 0x201E || cp == 0x201C || cp == '-' ||
                        cp == 0x2013 || cp == 0x2014))
            return false;
        i += m;
    }
    /* After a sentence that did not end (";", ":", a line cut by the
     * layout), a lowercase start is normal. */
    size_t first = c->b->tgt_begin;
    if (first > 0) {
        size_t len;
        const char *prev = al_sent_norm(c->t[AL_TARGET], first - 1, &len);
        while (len > 0 && (prev[len - 1] == ' ' || prev[len - 1] == '"' ||
                           prev[len - 1] == ')'))
            len--;
        if (len == 0 || (prev[len - 1] != '.' && prev[len - 1] != '!' &&
                         prev[len - 1] != '?' &&
                         (unsigned char)prev[len - 1] < 0x80))
            return false;
    }
    /* "b )", "a." of a list is no lowercase start. */
    if (b->letters == 1) {
        const char *p = c->t[AL_TARGET]->norm.text + b->off + b->len;
        while (*p == ' ')
            p++;
        if (*p == ')' || *p == '.')
            return false;
    }
    return true;
}

/* First item of sentence I of SIDE that is a word: the items of a sentence
 * list its distinct numbers first (anchor.c). */
static size_t first_word_item(const ck_ctx *c, int side, size_t i)
{
    size_t len;
    const char *s = al_sent_norm(c->t[side], i, &len);
    al_number nums[64];
    size_t n = al_numbers(s, len, c->lang[side], nums, 64);
    if (n > 64)
        n = 64;
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++) {
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(nums[j].value, nums[k].value) == 0;
        distinct += !seen;
    }
    size_t first = c->feat[side].ioff[i] + distinct;
    return first < c->feat[side].ioff[i + 1] ? first : c->feat[side].ioff[i + 1];
}

/* Share of inverted pairs among the bead's words that the anchor features
 * (identical words, cognates, dictionary translations) pair one to one
 * between source and target, or -1 when fewer than ORDER_MIN pairs are
 * found. Translations keep most of the order of what they share; a
 * scrambled sentence keeps about half. Work is linear in the bead's items;
 * at most ORDER_MAX pairs are compared. */
static double order_inversions(ck_ctx *c, size_t *npairs)
{
    *npairs = 0;
    if (!c->have_feat)
        return -1;
    const al_sentfeat *fs = &c->feat[AL_SOURCE], *ft = &c->feat[AL_TARGET];
    ck_counts map = {0};            /* feature id + 1 -> source ordinal + 1 */
    uint32_t ord = 0;
    double result = -1;
    for (size_t i = c->b->src_begin; i < c->b->src_begin + c->b->src_len; i++)
        for (size_t k = first_word_item(c, AL_SOURCE, i); k < fs->ioff[i + 1];
             k++, ord++)
            for (uint32_t f = fs->tfo[fs->itype[k]];
                 f < fs->tfo[fs->itype[k] + 1]; f++) {
                uint64_t key = (uint64_t)fs->tfeat[f] + 1;
                uint32_t v = ck_counts_get(&map, key);
                /* A feature of two source items is ambiguous: UINT32_MAX. */
                if (ck_counts_put(&map, key, v == 0 || v == ord + 1
                                  ? ord + 1 : UINT32_MAX) != AL_OK) {
                    c->rc = AL_ENOMEM;
                    goto out;
                }
            }
    uint32_t pos[ORDER_MAX];
    size_t k = 0;
    for (size_t i = c->b->tgt_begin;
         i < c->b->tgt_begin + c->b->tgt_len && k < ORDER_MAX; i++)
        for (size_t it = first_word_item(c, AL_TARGET, i);
             it < ft->ioff[i + 1] && k < ORDER_MAX; it++) {
            uint32_t best = 0;
            uint32_t ty = ft->itype[it];
            for (uint32_t f = ft->tfo[ty]; f < ft->tfo[ty + 1] && !best; f++) {
                uint32_t v = ck_counts_get(&map, (uint64_t)ft->tfeat[f] + 1);
                if (v != 0 && v != UINT32_MAX)
                    best = v;
            }
            if (best == 0)
                continue;
            bool dup = false;
            for (size_t j = 0; j < k && !dup; j++)
                dup = pos[j] == best;
            if (!dup)
                pos[k++] = best;
        }
    *npairs = k;
    if (k >= 2) {
        size_t inv = 0, pairs = 0;
        for (size_t x = 0; x < k; x++)
            for (size_t y = x + 1; y < k; y++, pairs++)
                inv += pos[x] > pos[y];
        result = (double)inv / (double)pairs;
    }
out:
    ck_counts_free(&map);
    return result;
}

/* Eligible and rejected words of R for the unknown-word signal. */
static void unknown_words(ck_ctx *c, range r, size_t *eligible,
                          size_t *rejected, size_t *first)
{
    ck_word *w = c->w[AL_TARGET].w;
    *eligible = *rejected = 0;
    for (size_t k = r.from; k < r.to; k++) {
        ck_word *x = &w[k];
        if (x->letters < 3 || (x->flags & (CK_DIGIT | CK_ELIDED | CK_ALLCAPS))
            || ((x->flags & CK_UPPER) && !(x->flags & CK_FIRST)) ||
            (x->cls & CK_CLASS_LOAN) || x->num >= 0 || x->month > 0 ||
            memchr(ck_word_text(c, AL_TARGET, x), '-', x->len) != NULL)
            continue;
        (*eligible)++;
        if (!ck_spell_ok(c, AL_TARGET, x)) {
            if ((*rejected)++ == 0)
                *first = k;
        }
    }
}

static void check_sentence(ck_ctx *c, range r, size_t rel, double inv,
                           size_t npairs, bool start_sig)
{
    const ck_word *w = c->w[AL_TARGET].w;
    size_t k = find_repeat(c, r);
    if (k != (size_t)-1) {
        ck_flag(c, AL_FLAG_GARBLED, AL_WARNING, AL_TARGET, w[k - 1].off,
                (size_t)w[k].off + w[k].len, "word repeated: %.*s %.*s",
                (int)w[k - 1].len, ck_word_text(c, AL_TARGET, &w[k - 1]),
                (int)w[k].len, ck_word_text(c, AL_TARGET, &w[k]));
        return;
    }
    if (rel < 32 && (c->foreign >> rel) & 1u)
        return;                 /* already flagged as another language */
    const al_sent *st = &c->t[AL_TARGET]->sents[w[r.from].sent];
    size_t sb = st->start, se = (size_t)st->start + st->len;
    size_t eligible, rejected, first = r.from;
    unknown_words(c, r, &eligible, &rejected, &first);
    if (rejected >= UNKNOWN_MIN &&
        (double)rejected >= UNKNOWN_SHARE * (double)eligible) {
        ck_flag(c, AL_FLAG_GARBLED, AL_WARNING, AL_TARGET, sb, se,
                "%zu of %zu words are unknown to the dictionary, such as "
                "%.*s", rejected, eligible, (int)w[first].len,
                ck_word_text(c, AL_TARGET, &w[first]));
        return;
    }
    size_t gfirst = r.from;
    int elision;
    int g = grammar_violations(c, r, &gfirst, &elision);
    bool ci = case_inside(c, r);
    bool cc = case_common(c, r);
    bool frag = is_fragment(c, r);
    int order_sig = npairs >= ORDER_MIN && inv >= ORDER_SHARE ? 1 : 0;
#ifdef AL_CHECK_SIGNALS
    /* Measurement build (bench/README.md): every signal as an info flag. */
    ck_flag(c, AL_FLAG_GARBLED, AL_INFO, AL_TARGET, sb, se,
            "signals: unknown=%zu/%zu grammar=%d order=%.2f/%zu "
            "case_start=%d case_inside=%d case_common=%d frag=%d elision=%d "
            "at=%.*s %.*s", rejected, eligible, g, inv, npairs, start_sig,
            ci, cc, frag, elision,
            (int)w[gfirst].len,
            ck_word_text(c, AL_TARGET, &w[gfirst]),
            gfirst + 1 < r.to ? (int)w[gfirst + 1].len : 0,
            gfirst + 1 < r.to ? ck_word_text(c, AL_TARGET, &w[gfirst + 1])
                              : "");
#else
    (void)npairs;
#endif
    /* A capitalized common word inside counts once more with a lowercase
     * start or a capitalized stop word inside: both are traces of the
     * first word moved. */
    if (frag) {
        const ck_word *e = &w[r.to - 1];
        ck_flag(c, AL_FLAG_GARBLED, AL_WARNING, AL_TARGET, sb, se,
                "the sentence stops on %.*s: it looks cut off", (int)e->len,
                ck_word_text(c, AL_TARGET, e));
        return;
    }
    int weak = (g > 2 ? 2 : g) + (elision > 0 ? 1 : 0) + order_sig +
               (start_sig ? 1 : 0) +
               (ci ? 1 : 0) + (cc && (start_sig || ci) ? 1 : 0);
    if (weak < WEAK_NEEDED)
        return;
    if (g > 0)
        ck_flag(c, AL_FLAG_GARBLED, AL_WARNING, AL_TARGET, sb, se,
                "word salad: function words out of place (%.*s %.*s)",
                (int)w[gfirst].len, ck_word_text(c, AL_TARGET, &w[gfirst]),
                gfirst + 1 < r.to ? (int)w[gfirst + 1].len : 0,
                gfirst + 1 < r.to ? ck_word_text(c, AL_TARGET, &w[gfirst + 1])
                                  : "");
    else
        ck_flag(c, AL_FLAG_GARBLED, AL_WARNING, AL_TARGET, sb, se,
                "word salad: the words stand in an order the source does "
                "not explain");
}

void ck_check_garbled(ck_ctx *c)
{
    const ck_words *tw = &c->w[AL_TARGET];
    size_t npairs;
    double inv = order_inversions(c, &npairs);
    bool start_sig = case_start(c);
    source_repeats(c);
    for (size_t k = 0; k < tw->n && c->rc == AL_OK;) {
        range r = {k, k};
        while (r.to < tw->n && tw->w[r.to].sent == tw->w[k].sent)
            r.to++;
        check_sentence(c, r, tw->w[k].sent - c->b->tgt_begin, inv, npairs,
                       start_sig && k == 0);
        inv = -1;                   /* the bead-level signals count once */
        k = r.to;
    }
}
