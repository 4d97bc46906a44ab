/*
 * fuzz.c - helpers of the fuzz targets (see fuzz.h).
 */
#include "fuzz.h"

static const char *const lang_names[4] = {NULL, "de", "fr", "en"};

/* The model for a language pair (indexes into lang_names), loaded once
 * and kept for the life of the process. Dictionaries come from
 * $ALIGN_DICTDIR or the source tree. */
al_model *fuzz_model(unsigned src_lang, unsigned tgt_lang)
{
    static al_model *models[4][4];
    al_model **slot = &models[src_lang & 3][tgt_lang & 3];
    if (*slot == NULL) {
        al_options opt;
        al_error err;
        al_options_init(&opt);
        opt.lang[AL_SOURCE] = lang_names[src_lang & 3];
        opt.lang[AL_TARGET] = lang_names[tgt_lang & 3];
        const char *dir = getenv("ALIGN_DICTDIR");
        opt.dict_dir = dir != NULL && *dir != '\0' ? dir : AL_SRC_DICTDIR;
        *slot = al_model_new(&opt, &err);
        if (*slot == NULL) {
            fprintf(stderr, "fuzz: cannot load the model: %s\n", err.message);
            exit(2);
        }
    }
    return *slot;
}

/* Applies the per-input options of option byte OPT to model M. Models are
 * cached across inputs because loading them costs far more than one run;
 * these fields are read per call, so setting them between calls (on one
 * thread) is safe. */
static void set_options(al_model *m, uint8_t opt)
{
    static const int max_bead[4] = {1, 2, 4, 5};   /* 5 is the default */
    m->opt.max_bead = max_bead[(opt >> 4) & 3];
    m->opt.presegmented = (opt >> 6) & 1;
    m->opt.checks = opt & 0x80 ? 0 : (1u << AL_FLAG_COUNT) - 1;
    m->opt.encoding[AL_SOURCE] = m->opt.encoding[AL_TARGET] = NULL;
}

/* Splits TEXT at its first 0x1E into source and target; without one, both
 * sides are the whole text. */
static void split(const char *text, size_t len, const char **src,
                  size_t *src_len, const char **tgt, size_t *tgt_len)
{
    const char *sep = memchr(text, 0x1E, len);
    if (sep == NULL) {
        *src = *tgt = text;
        *src_len = *tgt_len = len;
        return;
    }
    *src = text;
    *src_len = (size_t)(sep - text);
    *tgt = sep + 1;
    *tgt_len = len - *src_len - 1;
}

al_model *fuzz_pair(const uint8_t *data, size_t size, const char **src,
                    size_t *src_len, const char **tgt, size_t *tgt_len)
{
    if (size < 1)
        return NULL;
    uint8_t opt = data[0];
    al_model *m = fuzz_model(opt & 3, (opt >> 2) & 3);
    set_options(m, opt);
    split((const char *)data + 1, size - 1, src, src_len, tgt, tgt_len);
    return m;
}

/* Is S[0..N) valid UTF-8 without NUL bytes? */
int fuzz_valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = u[i] == 0 ? 0 : al_utf8_decode(u + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Is offset I of S a code point boundary? */
int fuzz_boundary(const char *s, size_t n, size_t i)
{
    return i == 0 || i == n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* Invariants of a text read by al_text_from_bytes: its original is valid
 * UTF-8, sentences are non-empty, in order, non-overlapping, start and end
 * on code point boundaries in both the normalized and the original text, and
 * what lies between them is white space. */
void fuzz_check_text(const al_text *t)
{
    FUZZ_ASSERT(t->orig[t->orig_len] == '\0');
    FUZZ_ASSERT(fuzz_valid_utf8(t->orig, t->orig_len));
    FUZZ_ASSERT(t->norm.text[t->norm.len] == '\0');
    FUZZ_ASSERT(fuzz_valid_utf8(t->norm.text, t->norm.len));
    FUZZ_ASSERT(al_text_count(t) > 0);
    size_t prev_end = 0, prev_oend = 0, prev_para = 0;
    for (size_t i = 0; i < t->n_sents; i++) {
        const al_sent *x = &t->sents[i];
        size_t b = x->start, e = (size_t)x->start + x->len;
        FUZZ_ASSERT(x->len > 0);
        FUZZ_ASSERT(b >= prev_end && e <= t->norm.len);
        FUZZ_ASSERT(fuzz_boundary(t->norm.text, t->norm.len, b));
        FUZZ_ASSERT(fuzz_boundary(t->norm.text, t->norm.len, e));
        for (size_t k = prev_end; k < b; k++)
            FUZZ_ASSERT(t->norm.text[k] == ' ' || t->norm.text[k] == '\n');
        size_t ob = x->ostart, oe = (size_t)x->ostart + x->olen;
        FUZZ_ASSERT(ob >= prev_oend && oe <= t->orig_len && ob <= oe);
        FUZZ_ASSERT(fuzz_boundary(t->orig, t->orig_len, ob));
        FUZZ_ASSERT(fuzz_boundary(t->orig, t->orig_len, oe));
        FUZZ_ASSERT(x->para >= prev_para && x->para < t->n_paras);
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        FUZZ_ASSERT(s == t->orig + ob && len == x->olen);
        FUZZ_ASSERT(al_text_sentence_offset(t, i) == ob);
        prev_end = e;
        prev_oend = oe;
        prev_para = x->para;
    }
    for (size_t k = prev_end; k < t->norm.len; k++)
        FUZZ_ASSERT(t->norm.text[k] == ' ' || t->norm.text[k] == '\n');
    FUZZ_ASSERT(t->n_paras == prev_para + 1);
    const char *lang = al_text_lang(t);
    FUZZ_ASSERT(strcmp(lang, "de") == 0 || strcmp(lang, "fr") == 0 ||
                strcmp(lang, "en") == 0);
}

/* Invariants of a result: beads are contiguous, in order, cover both texts
 * and respect max_bead; scores lie in [0, 1]; flags point into their text. */
void fuzz_check_result(const al_model *m, const al_result *r)
{
    const al_text *s = al_result_text(r, AL_SOURCE);
    const al_text *t = al_result_text(r, AL_TARGET);
    size_t si = 0, ti = 0;
    size_t max_bead = (size_t)m->opt.max_bead;
    for (size_t i = 0; i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        FUZZ_ASSERT(b->src_begin == si && b->tgt_begin == ti);
        FUZZ_ASSERT(b->src_len + b->tgt_len > 0);
        FUZZ_ASSERT(b->src_len <= max_bead && b->tgt_len <= max_bead);
        FUZZ_ASSERT(b->score >= 0 && b->score <= 1);
        si += b->src_len;
        ti += b->tgt_len;
        for (size_t k = 0; k < al_result_flag_count(r, i); k++) {
            const al_flag *f = al_result_flag(r, i, k);
            FUZZ_ASSERT(f != NULL && f->message != NULL);
            FUZZ_ASSERT((int)f->code >= 0 && f->code < AL_FLAG_COUNT);
            FUZZ_ASSERT((m->opt.checks >> f->code) & 1u);
            FUZZ_ASSERT((int)f->severity >= AL_INFO &&
                        f->severity <= AL_ERROR);
            FUZZ_ASSERT(f->side == AL_SOURCE || f->side == AL_TARGET);
            const al_text *side = f->side == AL_SOURCE ? s : t;
            FUZZ_ASSERT(f->span_begin <= f->span_end &&
                        f->span_end <= side->orig_len);
            FUZZ_ASSERT(fuzz_valid_utf8(f->message, strlen(f->message)));
        }
        FUZZ_ASSERT(al_result_flag(r, i, al_result_flag_count(r, i)) == NULL);
    }
    FUZZ_ASSERT(si == al_text_count(s) && ti == al_text_count(t));
}

