/*
 * text.c - one side of a pair: decode, normalize, detect the language,
 * segment; accessors for the sentences as the user wrote them.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Language of normalized text: stop-word hits per language over the first
 * 20,000 bytes, letters typical of a language (ä ö ü ß / é è à ç) as a tie
 * breaker. */
static al_lang detect_lang(const al_model *m, const char *s, size_t n)
{
    if (n > 20000)
        n = 20000;
    double score[AL_LANG_COUNT] = {0};
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a != 0xC3)
            continue;
        if (b == 0xA4 || b == 0xB6 || b == 0xBC || b == 0x9F || b == 0x84 ||
            b == 0x96 || b == 0x9C)
            score[AL_LANG_DE] += 0.5;                /* ä ö ü ß Ä Ö Ü */
        else if (b == 0xA9 || b == 0xA8 || b == 0xA0 || b == 0xA7 ||
                 b == 0xAA || b == 0xB4 || b == 0xAE || b == 0xB9)
            score[AL_LANG_FR] += 0.5;                /* é è à ç ê ô î ù */
    }
    al_lang_stopwords_score(m, s, n, score);
    al_lang best = AL_LANG_EN;
    for (int l = 0; l < AL_LANG_COUNT; l++)
        if (score[l] > score[best])
            best = (al_lang)l;
    return best;
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

al_text *al_text_from_bytes(al_model *m, int side, const char *name,
                            const char *bytes, size_t len, al_error *err)
{
    if (side != AL_SOURCE && side != AL_TARGET) {
        al_fail(err, AL_EINVAL, "side must be AL_SOURCE or AL_TARGET");
        return NULL;
    }
    if (len > AL_MAX_INPUT) {
        al_fail(err, AL_ETOOBIG, "%s: larger than the limit of %zu MiB", name,
                AL_MAX_INPUT >> 20);
        return NULL;
    }
    al_text *t = al_calloc(1, sizeof *t);
    if (t == NULL) {
        al_fail(err, AL_ENOMEM, "%s: out of memory", name);
        return NULL;
    }
    t->side = side;
    t->name = al_strndup(name, strlen(name));
    if (t->name == NULL) {
        al_text_free(t);
        al_fail(err, AL_ENOMEM, "%s: out of memory", name);
        return NULL;
    }
    int rc = al_decode(name, bytes, len, m->opt.encoding[side], &t->orig,
                       &t->orig_len, err);
    if (rc == AL_OK)
        rc = al_normalize(t->orig, t->orig_len, &t->norm, err);
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

al_text *al_text_read(al_model *m, int side, const char *path, al_error *err)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, err) != AL_OK)
        return NULL;
    al_text *t = al_text_from_bytes(m, side, strcmp(path, "-") ? path
                                    : "(stdin)", data, len, err);
    free(data);
    return t;
}

void al_text_free(al_text *t)
{
    if (t == NULL)
        return;
    free(t->name);
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
