/*
 * property.c - "nothing a user wrote is ever lost", tested on random and
 * real pairs:
 *   - every source and target sentence lies in exactly one bead, in order
 *     (beads are contiguous, monotone and cover both texts);
 *   - the sentences' normalized spans, concatenated, are the normalized
 *     text modulo white space; between their original spans lies only what
 *     normalizes to white space (spaces, line ends, invisible characters);
 *   - output is deterministic: every format is byte-identical when written
 *     twice, and when the pair is aligned again with a second model.
 * Random pairs come from a seeded generator (ALIGN_PROPERTY_SEED, default
 * 1; ALIGN_PROPERTY_N pairs per generator, default 120), so a failure names
 * a seed and a case that reproduce it.
 *
 * With --write DIR N, writes N random pairs as DIR/NNN.src.txt and
 * DIR/NNN.tgt.txt plus DIR/manifest for tests/property.sh (the same pairs
 * through the command line, --batch and --jobs).
 */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>

/* ---- a seeded generator (xorshift64*) ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static size_t pick(size_t n)
{
    return (size_t)(rng() % n);
}

static bool chance(unsigned percent)
{
    return pick(100) < percent;
}

#define PICK(a) ((a)[pick(sizeof(a) / sizeof((a)[0]))])

/* ---- random documents ---- */

static const char *const words_de[] = {
    "Haus", "Stadt", "Regierung", "Bahn", "Zug", "fährt", "über", "Brücke",
    "Straße", "Bürgermeister", "sagte", "gestern", "heute", "neue", "große",
    "Jahr", "Franken", "Prozent", "Menschen", "Schule", "Wald", "Fluss",
    "Verkehrsministerium", "Kantonsregierung", "und", "der", "die", "das",
    "mit", "nicht", "für", "Öffnung", "Äpfel", "Maß", "Grüße",
};
static const char *const words_fr[] = {
    "maison", "ville", "gouvernement", "train", "roule", "sur", "pont",
    "rue", "maire", "a", "dit", "hier", "aujourd'hui", "nouvelle", "grande",
    "année", "francs", "pour", "cent", "habitants", "école", "forêt",
    "fleuve", "et", "le", "la", "les", "avec", "pas", "été", "élève",
    "Noël", "cœur", "ça", "déjà",
};
static const char *const words_en[] = {
    "house", "city", "government", "railway", "train", "runs", "over",
    "bridge", "street", "mayor", "said", "yesterday", "today", "new",
    "large", "year", "francs", "percent", "people", "school", "forest",
    "river", "and", "the", "with", "not", "for", "opening",
};
static const char *const numbers_de[] = {
    "1.500", "5,5", "6. Januar", "2024", "12 %", "3,14", "1.000.000", "07",
};
static const char *const numbers_fr[] = {
    "1 500", "5,5", "6 janvier", "2024", "12 %", "3,14", "1er", "07",
};
static const char *const numbers_en[] = {
    "1,500", "5.5", "6 January", "2024", "12%", "3.14", "3rd", "07",
};
static const char *const abbrevs[] = {
    "z. B.", "Dr.", "bzw.", "M.", "etc.", "e.g.", "U.S.", "Nr.", "S.",
    "vgl.", "Mme", "p.",
};
static const char *const decorations[] = {
    "\xC2\xA0",         /* no-break space */
    "\xC2\xAD",         /* soft hyphen */
    "\xE2\x80\x8B",     /* zero-width space */
    "\xE2\x80\xAF",     /* narrow no-break space */
    "\t", "  ", " \n", "e\xCC\x81", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD",
    "\xE2\x80\xA8", "\xC3\x83\xC2\xA9", "??", "\xE2\x80\x93", " (", ") ",
    "\xC2\xAB ", " \xC2\xBB", "\xE2\x80\x9E", "\xE2\x80\x9C", "'", "\"",
};
static const char *const terminals[] = {
    ".", ".", ".", ".", "!", "?", "\xE2\x80\xA6", "...", ".\"", ".)",
    "?\xC2\xBB", "", ":",
};

typedef struct {
    const char *const *words;
    size_t n_words;
    const char *const *numbers;
    size_t n_numbers;
} lang_vocab;

static const lang_vocab vocab[3] = {
    {words_de, sizeof words_de / sizeof *words_de,
     numbers_de, sizeof numbers_de / sizeof *numbers_de},
    {words_fr, sizeof words_fr / sizeof *words_fr,
     numbers_fr, sizeof numbers_fr / sizeof *numbers_fr},
    {words_en, sizeof words_en / sizeof *words_en,
     numbers_en, sizeof numbers_en / sizeof *numbers_en},
};

/* Appends a sentence in language L, with number NUM (index, or -1). */
static void sentence(al_buf *b, int l, int num)
{
    const lang_vocab *v = &vocab[l];
    size_t n = 2 + pick(18);
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            al_buf_putc(b, ' ');
        if (chance(3))
            al_buf_printf(b, "%s", PICK(decorations));
        const char *w = v->words[pick(v->n_words)];
        if (k == 0 && w[0] >= 'a' && w[0] <= 'z') {
            al_buf_putc(b, (char)(w[0] - 'a' + 'A'));
            al_buf_printf(b, "%s", w + 1);
        } else {
            al_buf_printf(b, "%s", w);
        }
        if (num >= 0 && k == n / 2)
            al_buf_printf(b, " %s", v->numbers[(size_t)num % v->n_numbers]);
        if (chance(4))
            al_buf_printf(b, " %s", PICK(abbrevs));
        if (chance(3))
            al_buf_putc(b, ',');
    }
    al_buf_printf(b, "%s", PICK(terminals));
}

/* Separator after a sentence: space, line break, paragraph break. */
static void separator(al_buf *b, bool crlf)
{
    size_t r = pick(100);
    if (r < 70)
        al_buf_printf(b, "%s", chance(10) ? "  " : " ");
    else if (r < 85)
        al_buf_printf(b, "%s", crlf ? "\r\n" : "\n");
    else
        al_buf_printf(b, "%s", crlf ? "\r\n\r\n" : "\n\n");
}

/* A source text and a translation-like target: most sentences 1-1 with the
 * same numbers, some dropped, added or merged. */
static void random_pair(al_buf *src, al_buf *tgt, int ls, int lt)
{
    size_t n = 1 + pick(chance(10) ? 200 : 25);
    bool crlf_s = chance(20), crlf_t = chance(20);
    if (chance(5))
        al_buf_printf(src, "\xEF\xBB\xBF");
    if (chance(10))
        al_buf_printf(src, "%s", chance(50) ? "\n\n" : "   ");
    for (size_t i = 0; i < n; i++) {
        int num = chance(40) ? (int)pick(8) : -1;
        sentence(src, ls, num);
        separator(src, crlf_s);
        size_t r = pick(100);
        if (r < 5)
            continue;                              /* omission */
        sentence(tgt, lt, num);
        if (r < 10) {                              /* merged */
            al_buf_putc(tgt, ' ');
            sentence(tgt, lt, -1);
        }
        separator(tgt, crlf_t);
        if (r >= 95) {                             /* addition */
            sentence(tgt, lt, -1);
            separator(tgt, crlf_t);
        }
    }
    if (tgt->len == 0)
        sentence(tgt, lt, -1);
}

/* Text from tricky pieces in any order: the segmenter's corner cases. */
static void random_pieces(al_buf *b)
{
    static const char *const pieces[] = {
        ".", "!", "?", "\xE2\x80\xA6", " ", " ", " ", "\n", "\n\n", "\r\n",
        "\t", "Wort", "mot", "Der", "Le", "A", "z", "\xC3\xA9",
        "e\xCC\x81", "\xC2\xA0", "\xE2\x80\x8B", "\xC2\xAD", "\xC2\xAB",
        "\xC2\xBB", "\xE2\x80\x9E", "\xE2\x80\x9C", "(", ")", "\"", "'",
        "1", "2.5", "1.500", "6.", "z. B.", "Dr.", "U.S.", "\xE2\x80\xA8",
        "\xE2\x80\xA9", "\xC2\x85", "-", "\xE2\x80\x93", "*", "\xCC\x81",
        "\xEF\xBB\xBF", "\xF0\x9F\x98\x80",
    };
    size_t n = 1 + pick(300);
    for (size_t i = 0; i < n; i++)
        al_buf_printf(b, "%s", PICK(pieces));
    al_buf_printf(b, "Ende.");                 /* never empty */
}

/* ---- the properties ---- */

typedef struct {
    const char *what;        /* generator or file */
    size_t failures;
    char first[512];         /* the first failure, for the diagnostics */
} property;

static void fail(property *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail(property *p, const char *fmt, ...)
{
    if (p->failures++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->first, sizeof p->first, fmt, ap);
        va_end(ap);
    }
}

enum { P_BEADS, P_NORM, P_ORIG, P_DETERMINISTIC, P_COUNT };
static const char *const property_names[P_COUNT] = {
    "every sentence in exactly one bead, in order",
    "sentences concatenated are the normalized text modulo white space",
    "only white space or invisible characters lie between sentences",
    "output is byte-identical across runs and models",
};

static bool is_ws(char c)
{
    return c == ' ' || c == '\n';
}

static void check_beads(const al_result *r, property *p, const char *id)
{
    size_t si = 0, ti = 0;
    for (size_t i = 0; i < al_result_count(r); i++) {
        const al_bead *b = al_result_bead(r, i);
        if (b->src_begin != si || b->tgt_begin != ti ||
            b->src_len + b->tgt_len == 0) {
            fail(p, "%s: bead %zu is [%zu+%zu]:[%zu+%zu], expected it to "
                 "start at %zu:%zu", id, i, b->src_begin, b->src_len,
                 b->tgt_begin, b->tgt_len, si, ti);
            return;
        }
        si += b->src_len;
        ti += b->tgt_len;
    }
    const al_text *s = al_result_text(r, AL_SOURCE);
    const al_text *t = al_result_text(r, AL_TARGET);
    if (si != al_text_count(s) || ti != al_text_count(t))
        fail(p, "%s: beads cover %zu:%zu sentences of %zu:%zu", id, si, ti,
             al_text_count(s), al_text_count(t));
}

static void check_norm(const al_text *t, property *p, const char *id)
{
    al_buf a = {0}, b = {0};
    for (size_t i = 0; i < t->n_sents; i++) {
        size_t n;
        const char *s = al_sent_norm(t, i, &n);
        for (size_t k = 0; k < n; k++)
            if (!is_ws(s[k]))
                al_buf_putc(&a, s[k]);
    }
    for (size_t k = 0; k < t->norm.len; k++)
        if (!is_ws(t->norm.text[k]))
            al_buf_putc(&b, t->norm.text[k]);
    if (a.len != b.len || (a.len > 0 && memcmp(a.data, b.data, a.len) != 0)) {
        size_t k = 0;
        while (k < a.len && k < b.len && a.data[k] == b.data[k])
            k++;
        fail(p, "%s (%s): the sentences differ from the normalized text "
             "after %zu non-space bytes (%zu vs %zu)", id,
             t->side == AL_SOURCE ? "source" : "target", k, a.len, b.len);
    }
    al_buf_free(&a);
    al_buf_free(&b);
}

/* Does ORIG[B, E) normalize to white space only? */
static bool blank_gap(const char *orig, size_t b, size_t e)
{
    if (b >= e)
        return true;
    al_norm n;
    if (al_normalize(orig + b, e - b, &n, NULL) != AL_OK)
        return false;
    bool ok = true;
    for (size_t k = 0; k < n.len; k++)
        if (!is_ws(n.text[k]))
            ok = false;
    al_norm_free(&n);
    return ok;
}

static void check_orig(const al_text *t, property *p, const char *id)
{
    size_t prev = 0;
    for (size_t i = 0; i <= t->n_sents; i++) {
        size_t b = i < t->n_sents ? al_text_sentence_offset(t, i)
                                  : t->orig_len;
        size_t len = 0;
        if (i < t->n_sents)
            al_text_sentence(t, i, &len);
        if (b < prev || b + len > t->orig_len) {
            fail(p, "%s: sentence %zu at %zu+%zu overlaps or leaves the "
                 "original (%zu bytes, previous end %zu)", id, i, b, len,
                 t->orig_len, prev);
            return;
        }
        if (!blank_gap(t->orig, prev, b)) {
            fail(p, "%s (%s): text between sentences %zu and %zu (bytes "
                 "%zu-%zu: '%.*s') is in no sentence", id,
                 t->side == AL_SOURCE ? "source" : "target", i, i + 1, prev,
                 b, (int)(b - prev > 40 ? 40 : b - prev), t->orig + prev);
            return;
        }
        prev = b + len;
    }
}

/* Every format al_write offers, concatenated. */
static char *render(const al_result *r, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (f == NULL)
        return NULL;
    for (int fmt = 0; fmt < AL_FORMAT_COUNT; fmt++) {
        al_error err;
        al_write_options wo = {0};
        wo.source_name = "src.txt";
        wo.target_name = "tgt.txt";
        if (al_write(r, (al_format)fmt, f, &wo, &err) == AL_OK)
            fprintf(f, "\n---- end of %s ----\n", al_format_name(fmt));
    }
    fclose(f);
    return buf;
}

static al_model *models[2];

/* Aligns SRC/TGT (bytes) and checks every property; PROPS[P_COUNT]. */
static void check_pair(const char *src, size_t sl, const char *tgt,
                       size_t tl, const char *ls, const char *lt,
                       int max_bead, int preseg, property *props,
                       const char *id)
{
    al_result *r[2] = {NULL, NULL};
    al_text *t[2][2] = {{NULL, NULL}, {NULL, NULL}};
    char *out[2] = {NULL, NULL};
    size_t out_len[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        al_model *m = models[k];
        m->opt.lang[AL_SOURCE] = ls;
        m->opt.lang[AL_TARGET] = lt;
        m->opt.max_bead = max_bead;
        m->opt.presegmented = preseg;
        al_error err;
        t[k][0] = al_text_from_bytes(m, AL_SOURCE, "src.txt", src, sl, &err);
        t[k][1] = t[k][0] ? al_text_from_bytes(m, AL_TARGET, "tgt.txt", tgt,
                                               tl, &err) : NULL;
        r[k] = t[k][1] ? al_align(m, t[k][0], t[k][1], &err) : NULL;
        if (r[k] == NULL) {
            fail(&props[P_BEADS], "%s: not aligned: %s", id, err.message);
            goto done;
        }
        out[k] = render(r[k], &out_len[k]);
    }
    check_beads(r[0], &props[P_BEADS], id);
    for (int side = 0; side < 2; side++) {
        check_norm(t[0][side], &props[P_NORM], id);
        check_orig(t[0][side], &props[P_ORIG], id);
    }
    size_t again_len = 0;
    char *again = render(r[0], &again_len);
    if (out[0] == NULL || again == NULL || out[1] == NULL ||
        again_len != out_len[0] || out_len[1] != out_len[0] ||
        memcmp(again, out[0], again_len) != 0 ||
        memcmp(out[1], out[0], out_len[0]) != 0)
        fail(&props[P_DETERMINISTIC], "%s: output differs between runs "
             "(%zu, %zu and %zu bytes)", id, out_len[0], again_len,
             out_len[1]);
    free(again);
done:
    for (int k = 0; k < 2; k++) {
        free(out[k]);
        al_result_free(r[k]);
        al_text_free(t[k][1]);
        al_text_free(t[k][0]);
    }
}

static void report(property *props, const char *what, size_t cases)
{
    for (int k = 0; k < P_COUNT; k++) {
        char name[256];
        snprintf(name, sizeof name, "%s (%zu): %s", what, cases,
                 property_names[k]);
        if (!ok(props[k].failures == 0, name))
            printf("#   %zu failures; first: %s\n", props[k].failures,
                   props[k].first);
    }
}

static const char *const lang_names[3] = {"de", "fr", "en"};

static void random_pairs(size_t n, uint64_t seed)
{
    property props[P_COUNT] = {{0}};
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
    for (size_t i = 0; i < n; i++) {
        al_buf s = {0}, t = {0};
        int ls = (int)pick(3), lt = (int)pick(3);
        random_pair(&s, &t, ls, lt);
        int max_bead = 1 + (int)pick(5), preseg = chance(15);
        char id[96];
        snprintf(id, sizeof id, "seed %llu, translation-like pair %zu",
                 (unsigned long long)seed, i);
        check_pair(s.data, s.len, t.data, t.len,
                   chance(50) ? lang_names[ls] : NULL,
                   chance(50) ? lang_names[lt] : NULL, max_bead, preseg,
                   props, id);
        al_buf_free(&s);
        al_buf_free(&t);
    }
    report(props, "random translation-like pairs", n);

    memset(props, 0, sizeof props);
    for (size_t i = 0; i < n; i++) {
        al_buf s = {0}, t = {0};
        random_pieces(&s);
        random_pieces(&t);
        char id[96];
        snprintf(id, sizeof id, "seed %llu, pieces pair %zu",
                 (unsigned long long)seed, i);
        check_pair(s.data, s.len, t.data, t.len, NULL, NULL,
                   1 + (int)pick(4), chance(20), props, id);
        al_buf_free(&s);
        al_buf_free(&t);
    }
    report(props, "random pairs of tricky pieces", n);
}

static char *slurp(const char *rel, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", top && *top ? top : ".", rel);
    char *data = NULL;
    if (al_read_file(path, &data, len, NULL) != AL_OK)
        return NULL;
    return data;
}

static void real_pairs(void)
{
    static const struct {
        const char *src, *tgt, *ls, *lt;
        int preseg;
    } pairs[] = {
        {"examples/article.fr.txt", "examples/article.de.txt", "fr", "de", 0},
        {"examples/article.fr.txt", "examples/article.de.txt", NULL, NULL, 0},
        {"examples/article.fr.sent", "examples/article.de.sent", "fr", "de", 1},
        {"examples/article.de.txt", "examples/article.de.txt", "de", "de", 0},
        {"tests/data/textberg-dev/de.txt", "tests/data/textberg-dev/fr.txt",
         "de", "fr", 0},
        {"tests/data/seed/article.de.txt", "examples/article.fr.txt",
         "de", "fr", 0},
        {"tests/bad-input/crlf.fr.txt", "tests/bad-input/crlf.txt", "fr",
         "de", 0},
        {"tests/bad-input/one.fr.txt", "tests/bad-input/utf16le-bom.txt",
         "fr", "de", 0},
    };
    property props[P_COUNT] = {{0}};
    size_t cases = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        size_t sl, tl;
        char *s = slurp(pairs[i].src, &sl), *t = slurp(pairs[i].tgt, &tl);
        if (s == NULL || t == NULL) {
            fail(&props[P_BEADS], "cannot read %s or %s", pairs[i].src,
                 pairs[i].tgt);
        } else {
            for (int mb = 1; mb <= 4; mb++) {
                char id[512];
                snprintf(id, sizeof id, "%s / %s, max_bead %d", pairs[i].src,
                         pairs[i].tgt, mb);
                check_pair(s, sl, t, tl, pairs[i].ls, pairs[i].lt, mb,
                           pairs[i].preseg, props, id);
                cases++;
            }
        }
        free(s);
        free(t);
    }
    report(props, "real pairs", cases);
}

/* --write DIR N: the random pairs as files and a manifest. */
static int write_pairs(const char *dir, size_t n, uint64_t seed)
{
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest", dir);
    FILE *man = fopen(path, "w");
    if (man == NULL)
        return 2;
    for (size_t i = 0; i < n; i++) {
        al_buf s = {0}, t = {0};
        int ls = (int)pick(3), lt = (int)pick(3);
        random_pair(&s, &t, ls, lt);
        for (int side = 0; side < 2; side++) {
            snprintf(path, sizeof path, "%s/%03zu.%s.txt", dir, i,
                     side ? "tgt" : "src");
            FILE *f = fopen(path, "wb");
            const al_buf *b = side ? &t : &s;
            if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len ||
                fclose(f) != 0)
                return 2;
        }
        fprintf(man, "%03zu.src.txt %03zu.tgt.txt\n", i, i);
        al_buf_free(&s);
        al_buf_free(&t);
    }
    return fclose(man) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    const char *e = getenv("ALIGN_PROPERTY_SEED");
    uint64_t seed = e && *e ? strtoull(e, NULL, 10) : 1;
    e = getenv("ALIGN_PROPERTY_N");
    size_t n = e && *e ? strtoul(e, NULL, 10) : 120;
    if (argc == 4 && strcmp(argv[1], "--write") == 0)
        return write_pairs(argv[2], strtoul(argv[3], NULL, 10), seed);
    for (int k = 0; k < 2; k++) {
        al_options opt;
        al_error err;
        al_options_init(&opt);
        models[k] = al_model_new(&opt, &err);
        if (models[k] == NULL) {
            printf("Bail out! %s\n", err.message);
            return 1;
        }
    }
    printf("# seed %llu, %zu random pairs per generator\n",
           (unsigned long long)seed, n);
    random_pairs(n, seed);
    real_pairs();
    al_model_free(models[0]);
    al_model_free(models[1]);
    return done_testing();
}
