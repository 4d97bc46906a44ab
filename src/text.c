/*
 * text.c - one side of a pair: decode, normalize, detect the language,
 * segment; accessors for the sentences as the user wrote them.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Letters typical of a language: ä ö ü ß (German), é è ê à ç ô î û ù ë ï œ
 * (French), in both cases; each adds half a point. */
static void letter_score(const char *s, size_t n, double *score)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a == 0xC5 && (b == 0x93 || b == 0x92)) {
            score[AL_LANG_FR] += 0.5;                 /* œ Œ */
            continue;
        }
        if (a != 0xC3)
            continue;
        b |= 0x20;                                    /* lowercase */
        if (b == 0xA4 || b == 0xB6 || b == 0xBC || b == 0xBF)
            score[AL_LANG_DE] += 0.5;                 /* ä ö ü ß */
        else if (b == 0xA9 || b == 0xA8 || b == 0xAA || b == 0xA0 ||
                 b == 0xA7 || b == 0xB4 || b == 0xAE || b == 0xBB ||
                 b == 0xB9 || b == 0xAB || b == 0xAF)
            score[AL_LANG_FR] += 0.5;                 /* é è ê à ç ô î û ù ë ï */
    }
}

typedef struct {
    al_spell *sp[AL_LANG_COUNT];
    double *score;
    size_t words;
} spell_vote;

/* One point per language whose hunspell dictionary knows the word; words
 * every dictionary knows (names, numbers) change nothing. */
static void vote_word(const char *tok, size_t n, size_t off, void *ud)
{
    spell_vote *v = ud;
    (void)off;
    if (n < 2 || v->words >= 400)
        return;
    v->words++;
    for (int l = 0; l < AL_LANG_COUNT; l++)
        if (v->sp[l] != NULL && al_spell_check(v->sp[l], tok, n))
            v->score[l] += 1;
}

/* Language of normalized text: stop-word hits per language over the first
 * 20,000 bytes, plus half a point per letter typical of German or French.
 * When that evidence is weak (short texts, headings: the best language
 * leads by less than 3 points) the words of the first 4,000 bytes are
 * checked with the hunspell dictionaries that are installed, one point per
 * word a language accepts. Ties, and a text with no evidence at all, go
 * to English, then German. */
static al_lang detect_lang(const al_model *m, const char *s, size_t n)
{
    if (n > 20000)
        n = 20000;
    double score[AL_LANG_COUNT] = {0};
    letter_score(s, n, score);
    al_lang_stopwords_score(m, s, n, score);
    double best = 0, second = 0;
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        if (score[l] > best) {
            second = best;
            best = score[l];
        } else if (score[l] > second) {
            second = score[l];
        }
    }
    if (best - second < 3) {
        spell_vote v = {{NULL}, score, 0};
        for (int l = 0; l < AL_LANG_COUNT; l++)
            v.sp[l] = al_model_spell(m, (al_lang)l);
        al_tokenize(s, n < 4000 ? n : 4000, vote_word, &v);
    }
    al_lang pick = AL_LANG_EN;
    for (int l = 0; l < AL_LANG_COUNT; l++)
        if (score[l] > score[pick])
            pick = (al_lang)l;
    return pick;
}

static int make_sentences(al_model *m, al_text *t, al_error *err)
{
    const char *name = m->opt.lang[t->side];
    t->lang = name ? al_lang_from_name(name)
                   : detect_lang(m, t->norm.text, t->norm.len);
    int rc = al_segment(t->norm.text, t->norm.len, al_model_abbrev(m, t->lang),
                        t->lang, m->opt.presegmented != 0, &t->sents,
                        &t->n_sents, &t->n_paras, err);
    if (rc != AL_OK)
        return rc;
    for (size_t i = 0; i < t->n_sents; i++) {
        al_sent *x = &t->sents[i];
        size_t ob = al_norm_to_orig(&t->norm, x->start);
        size_t oe = al_norm_to_orig(&t->norm, (size_t)x->start + x->len);
        x->ostart = (uint32_t)ob;
        x->olen = (uint32_t)(oe - ob);
        x->damage = al_damage_scan(t->orig + ob, oe - ob);
    }
    return AL_OK;
}

/* Most texts need no normalizing: then the normalized text is the
 * original, held once (al_text_free knows). */
static void share_identical(al_text *t)
{
    if (t->norm.len == t->orig_len &&
        memcmp(t->norm.text, t->orig, t->orig_len) == 0) {
        free(t->norm.text);
        t->norm.text = t->orig;
    }
}

/* al_text_from_bytes; OWNED, when not NULL, is the malloc'ed buffer BYTES
 * and is freed as soon as it is decoded, so that a large input is held at
 * most twice at a time, never three times (file, original, normalized). */
static al_text *text_new(al_model *m, int side, const char *name,
                         const char *bytes, size_t len, char *owned,
                         al_error *err)
{
    al_text *t = NULL;
    if (side != AL_SOURCE && side != AL_TARGET)
        al_fail(err, AL_EINVAL, "side must be AL_SOURCE or AL_TARGET");
    else if (len > AL_MAX_INPUT)
        al_fail(err, AL_ETOOBIG, "%s: larger than the limit of %zu MiB", name,
                AL_MAX_INPUT >> 20);
    else if ((t = al_calloc(1, sizeof *t)) == NULL)
        al_fail(err, AL_ENOMEM, "%s: out of memory", name);
    if (t == NULL) {
        free(owned);
        return NULL;
    }
    t->side = side;
    t->name = al_strndup(name, strlen(name));
    if (t->name == NULL) {
        free(owned);
        al_text_free(t);
        al_fail(err, AL_ENOMEM, "%s: out of memory", name);
        return NULL;
    }
    int rc = al_decode(name, bytes, len, m->opt.encoding[side], &t->orig,
                       &t->orig_len, err);
    free(owned);
    /* Decoding can triple the size (Windows-1252 to UTF-8): the limit holds
     * for the decoded text too, which keeps every offset within 32 bits
     * (NFC grows UTF-8 at most threefold). */
    if (rc == AL_OK && t->orig_len > AL_MAX_INPUT)
        rc = al_fail(err, AL_ETOOBIG, "%s: %zu MiB once decoded to UTF-8, "
                     "more than the limit of %zu MiB", name,
                     t->orig_len >> 20, AL_MAX_INPUT >> 20);
    if (rc == AL_OK)
        rc = al_normalize(t->orig, t->orig_len, &t->norm, err);
    if (rc == AL_OK)
        share_identical(t);
    if (rc == AL_OK)
        rc = make_sentences(m, t, err);
    if (rc == AL_OK && t->n_sents == 0)
        rc = al_fail(err, AL_EEMPTY, "%s: no text (the input is empty or "
                     "holds only white space)", name);
    if (rc != AL_OK) {
        if (err != NULL && strncmp(err->message, name, strlen(name)) != 0) {
            size_t nl = strlen(name), cap = sizeof err->message;
            if (nl + 3 < cap) {
                memmove(err->message + nl + 2, err->message, cap - nl - 3);
                memcpy(err->message, name, nl);
                err->message[nl] = ':';
                err->message[nl + 1] = ' ';
                err->message[cap - 1] = '\0';
            }
        }
        al_text_free(t);
        return NULL;
    }
    return t;
}

al_text *al_text_from_bytes(al_model *m, int side, const char *name,
                            const char *bytes, size_t len, al_error *err)
{
    return text_new(m, side, name, bytes, len, NULL, err);
}

al_text *al_text_read(al_model *m, int side, const char *path, al_error *err)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, err) != AL_OK)
        return NULL;
    return text_new(m, side, strcmp(path, "-") ? path : "(stdin)", data, len,
                    data, err);
}

/* One side of al_text_read_pair, for a thread of its own. */
typedef struct {
    al_model *m;
    int side;
    const char *path;
    al_text *t;
    al_error err;
} read_job;

static void *read_side(void *arg)
{
    read_job *j = arg;
    j->t = al_text_read(j->m, j->side, j->path, &j->err);
    return NULL;
}

int al_text_read_pair(al_model *m, const char *src_path, const char *tgt_path,
                      al_text **src, al_text **tgt, al_error *err)
{
    *src = *tgt = NULL;
    if (strcmp(src_path, "-") == 0 && strcmp(tgt_path, "-") == 0)
        return al_fail(err, AL_EINVAL, "only one of the source and the "
                       "target can be standard input");
    read_job js = {m, AL_SOURCE, src_path, NULL, {0, ""}};
    read_job jt = {m, AL_TARGET, tgt_path, NULL, {0, ""}};
    al_run_two(read_side, &js, &jt);
    if (js.t == NULL || jt.t == NULL) {
        *err = js.t == NULL ? js.err : jt.err;
        al_text_free(js.t);
        al_text_free(jt.t);
        js.t = jt.t = NULL;
    }
    *src = js.t;
    *tgt = jt.t;
    return *src != NULL ? AL_OK : err->code;
}

void al_text_free(al_text *t)
{
    if (t == NULL)
        return;
    free(t->name);
    if (t->norm.text == t->orig)
        t->norm.text = NULL;
    free(t->orig);
    al_norm_free(&t->norm);
    free(t->sents);
    free(t);
}

size_t al_text_count(const al_text *t)
{
    return t->n_sents;
}

size_t al_text_paragraphs(const al_text *t)
{
    return t->n_paras;
}

const char *al_text_sentence(const al_text *t, size_t i, size_t *len)
{
    *len = t->sents[i].olen;
    return t->orig + t->sents[i].ostart;
}

size_t al_text_sentence_offset(const al_text *t, size_t i)
{
    return t->sents[i].ostart;
}

size_t al_text_sentence_paragraph(const al_text *t, size_t i)
{
    return t->sents[i].para;
}

const char *al_text_lang(const al_text *t)
{
    return al_lang_name(t->lang);
}
