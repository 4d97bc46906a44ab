/*
 * check_lang.c - is each target sentence in the target language?
 *
 * untranslated    the target sentence repeats a source sentence of its bead
 *                 (more than three words, as LanguageTool's bitext rule, and
 *                 at least one of them a word of the source language), or
 *                 is mostly in the source language: its words are mostly
 *                 words of the source text, or its stop words are the source
 *                 language's (error)
 * wrong-language  the target sentence is in a third language (error)
 *
 * The language of a sentence is read from two signals measured per
 * sentence: stop-word hits per language (dicts/stop-LANG.txt) and the share
 * of its words that hunspell of the target language accepts. A sentence is
 * judged only when it has at least MIN_WORDS words of two letters or more:
 * shorter ones (names, headings, "Bd. XI") carry too little evidence.
 */
#include "config.h"
#include "check.h"

#include <string.h>

#define MIN_WORDS 4
/* Foreign by stop words: at least STOP_MIN hits of another language, more
 * than twice the target language's, and at most ACCEPT_MAX of the words
 * accepted by the target language's dictionary. */
#define STOP_MIN 2
#define ACCEPT_MAX 0.6
/* Mostly source words: this share of the words also stands in the source. */
#define COPY_SHARE 0.7

typedef struct {
    size_t from, to;         /* word range of the sentence in c->w[side] */
} span;

/* Words that tell the language: two letters or more, no digits, and not
 * capitalized inside the sentence (names and titles, "The Alpine Journal",
 * stand in any language). */
static bool is_alpha_word(const ck_word *w)
{
    return w->letters >= 2 && !(w->flags & CK_DIGIT) &&
           (!(w->flags & CK_UPPER) || (w->flags & CK_FIRST));
}

/* Do the words of target range T equal those of source range S, word for
 * word (folded)? */
static bool same_words(const ck_ctx *c, span s, span t)
{
    if (s.to - s.from != t.to - t.from)
        return false;
    for (size_t k = 0; k < t.to - t.from; k++)
        if (c->w[AL_SOURCE].w[s.from + k].key !=
            c->w[AL_TARGET].w[t.from + k].key)
            return false;
    return true;
}

/* Words of the sentence range that are stop words of the source language
 * and not of the target language. */
static size_t source_only_stops(const ck_ctx *c, span t)
{
    unsigned ls = 1u << c->lang[AL_SOURCE], lt = 1u << c->lang[AL_TARGET];
    size_t k = 0;
    for (size_t i = t.from; i < t.to; i++) {
        const ck_word *w = &c->w[AL_TARGET].w[i];
        k += (w->stop & ls) && !(w->stop & lt) && is_alpha_word(w);
    }
    return k;
}

static const char *lang_word(al_lang l)
{
    return l == AL_LANG_DE ? "German" : l == AL_LANG_FR ? "French"
         : l == AL_LANG_EN ? "English" : "another language";
}

/* Is target range T a copy of a source sentence, or of the whole source
 * side? */
static bool is_copy(ck_ctx *c, span t)
{
    const ck_words *ws = &c->w[AL_SOURCE];
    span whole = {0, ws->n};
    if (same_words(c, whole, t))
        return true;
    for (size_t k = 0; k < ws->n;) {
        span s = {k, k};
        while (s.to < ws->n && ws->w[s.to].sent == ws->w[k].sent)
            s.to++;
        if (same_words(c, s, t))
            return true;
        k = s.to;
    }
    return false;
}

static void check_sentence(ck_ctx *c, span t, size_t rel)
{
    const ck_word *w = c->w[AL_TARGET].w;
    al_lang ls = c->lang[AL_SOURCE], lt = c->lang[AL_TARGET];
    size_t n = 0, accepted = 0, in_source = 0;
    size_t stop[AL_LANG_COUNT] = {0};
    for (size_t i = t.from; i < t.to; i++) {
        if (!is_alpha_word(&w[i]))
            continue;
        n++;
        for (int l = 0; l < AL_LANG_COUNT; l++)
            stop[l] += (w[i].stop >> l) & 1u;
        accepted += ck_spell_ok(c, AL_TARGET, &c->w[AL_TARGET].w[i]);
        in_source += ck_set_has(&c->set, w[i].key);
    }
    /* Whole sentence: from the sentence's start to its end. */
    const al_sent *st = &c->t[AL_TARGET]->sents[w[t.from].sent];
    size_t sb = st->start, se = (size_t)st->start + st->len;
    bool src_word = ls != lt && source_only_stops(c, t) > 0;
    /* A copy: more than three words (LanguageTool's limit), one of them a
     * word of the source language only (a list of names is the same in
     * every language). */
    if (ck_enabled(c, AL_FLAG_UNTRANSLATED) && src_word &&
        t.to - t.from >= MIN_WORDS && is_copy(c, t)) {
        ck_flag(c, AL_FLAG_UNTRANSLATED, AL_ERROR, AL_TARGET, sb, se,
                "the translation repeats the source text");
        c->foreign |= rel < 32 ? 1u << rel : 0;
        return;
    }
    if (n < MIN_WORDS)
        return;
    double acc = (double)accepted / (double)n;
    int best = -1;
    for (int l = 0; l < AL_LANG_COUNT; l++)
        if (l != (int)lt && (best < 0 || stop[l] > stop[best]))
            best = l;
    bool foreign = best >= 0 && stop[best] >= STOP_MIN &&
                   stop[best] > 2 * stop[lt] && acc <= ACCEPT_MAX;
    bool copied = ls != lt && (double)in_source >= COPY_SHARE * (double)n &&
                  acc <= ACCEPT_MAX && src_word;
    if (!foreign && !copied)
        return;
    if (copied || best == (int)ls) {
        if (ck_enabled(c, AL_FLAG_UNTRANSLATED))
            ck_flag(c, AL_FLAG_UNTRANSLATED, AL_ERROR, AL_TARGET, sb, se,
                    "the translation is mostly %s, the source's language "
                    "(%zu of %zu words accepted by the %s dictionary)",
                    lang_word(ls), accepted, n, lang_word(lt));
    } else if (ck_enabled(c, AL_FLAG_WRONG_LANGUAGE)) {
        ck_flag(c, AL_FLAG_WRONG_LANGUAGE, AL_ERROR, AL_TARGET, sb, se,
                "the translation is in %s, not %s (%zu of %zu words "
                "accepted by the %s dictionary)", lang_word((al_lang)best),
                lang_word(lt), accepted, n, lang_word(lt));
    }
    c->foreign |= rel < 32 ? 1u << rel : 0;
}

void ck_check_language(ck_ctx *c)
{
    c->foreign = 0;
    ck_set_clear(&c->set);
    const ck_words *src = &c->w[AL_SOURCE];
    for (size_t k = 0; k < src->n; k++)
        if (ck_set_add(&c->set, src->w[k].key) != AL_OK) {
            c->rc = AL_ENOMEM;
            return;
        }
    const ck_words *tw = &c->w[AL_TARGET];
    for (size_t k = 0; k < tw->n && c->rc == AL_OK;) {
        span t = {k, k};
        while (t.to < tw->n && tw->w[t.to].sent == tw->w[k].sent)
            t.to++;
        check_sentence(c, t, tw->w[k].sent - c->b->tgt_begin);
        k = t.to;
    }
}
