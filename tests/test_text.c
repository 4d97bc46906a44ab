/* Unit tests of text.c: the pipeline decode -> normalize -> detect the
 * language -> segment, offsets of every sentence back into the original,
 * damage recorded per sentence; and util.c's line reader, which the word
 * lists and manifests are read with, and its growing of arrays. */
#include "config.h"
#include "internal.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static al_model *model;

static al_text *text_of(const char *s, size_t n)
{
    al_error err;
    al_text *t = al_text_from_bytes(model, AL_SOURCE, "test", s, n, &err);
    if (t == NULL && err.code != AL_EEMPTY)
        printf("#   %s\n", err.message);
    return t;
}

static const char *lang_of(const char *s)
{
    static char out[8];
    al_text *t = text_of(s, strlen(s));
    snprintf(out, sizeof out, "%s", t ? al_text_lang(t) : "(none)");
    al_text_free(t);
    return out;
}

/* The property that makes every output quote the user's text: for each
 * sentence, normalizing its original span gives exactly its normalized
 * span; the spans are in order, do not overlap and carry no white space at
 * their edges. Returns the number of sentences that break it. */
static size_t offset_faults(const al_text *t, const char *what)
{
    size_t faults = 0, prev_end = 0;
    for (size_t i = 0; i < t->n_sents; i++) {
        const al_sent *x = &t->sents[i];
        al_norm n;
        al_error err;
        bool ok_ = al_normalize(t->orig + x->ostart, x->olen, &n, &err) ==
                   AL_OK && n.len == x->len &&
                   memcmp(n.text, t->norm.text + x->start, x->len) == 0;
        if (ok_ && n.len > 0)
            ok_ = n.text[0] != ' ' && n.text[0] != '\n' &&
                  n.text[n.len - 1] != ' ' && n.text[n.len - 1] != '\n';
        ok_ = ok_ && x->ostart >= prev_end;
        prev_end = (size_t)x->ostart + x->olen;
        if (!ok_ && faults++ < 3) {
            printf("#   %s: sentence %zu: original '%.*s' normalizes to "
                   "'%.*s', segment is '%.*s'\n", what, i + 1, (int)x->olen,
                   t->orig + x->ostart, (int)n.len, n.text ? n.text : "",
                   (int)x->len, t->norm.text + x->start);
        }
        al_norm_free(&n);
    }
    return faults;
}

/* A deterministic generator (xorshift64). */
static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random text from pieces that the normalizer changes or the segmenter
 * looks at: CR, CRLF, tabs, no-break and narrow spaces, soft hyphens,
 * zero-width characters, BOMs, combining accents, line and paragraph
 * separators, quotes, marks, abbreviations, numbers. */
static size_t random_text(char *buf, size_t cap)
{
    static const char *const pieces[] = {
        "Wort", "mot", "Haus", "Caf", "e\xCC\x81", "\xC3\xA9", " ", " ", " ",
        ".", ". ", "! ", "? ", "\xE2\x80\xA6", "\n", "\n\n", "\r\n", "\r",
        "\t", "\xC2\xA0", "\xE2\x80\xAF", "\xC2\xAD", "\xE2\x80\x8B",
        "\xEF\xBB\xBF", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\x9E",
        "\xE2\x80\x9C", "\xC2\xAB\xC2\xA0", "\xC2\xA0\xC2\xBB", "\"", "'",
        "(", ")", "z. B.", "Dr.", "1.500", "6. Januar", "????", "- ",
        "\xE2\x80\xA2 ", "1. ", "a) ", "www.x.de", "Der", "Le", "The",
        "\xCC\x81", "A\xCC\x8A", "\xEF\xBF\xBD", "\x01", ":",
    };
    size_t n = 0, count = 1 + next_rand() % 60;
    for (size_t k = 0; k < count; k++) {
        const char *p = pieces[next_rand() % (sizeof pieces / sizeof pieces[0])];
        size_t m = strlen(p);
        if (n + m >= cap)
            break;
        memcpy(buf + n, p, m);
        n += m;
    }
    buf[n] = '\0';
    return n;
}

static void test_offsets(void)
{
    char *seed;
    size_t len;
    al_error err;
    char path[1024];
    tap_data(path, sizeof path, "tests/data/seed/article.de.txt");
    if (al_read_file(path, &seed, &len, &err) != AL_OK) {
        ok(0, "seed article readable");
        return;
    }
    al_text *t = text_of(seed, len);
    ok(t != NULL && t->n_sents == 89, "seed article: 89 sentences");
    if (t != NULL)
        is_int(offset_faults(t, "seed"), 0,
               "seed article: every original span normalizes to its segment");
    al_text_free(t);

    /* the same article with CRLF, no-break spaces and soft hyphens */
    al_buf b = {0};
    for (size_t i = 0; i < len; i++) {
        if (seed[i] == '\n')
            al_buf_append(&b, "\r\n", 2);
        else if (seed[i] == ' ' && i % 7 == 0)
            al_buf_append(&b, "\xC2\xA0", 2);
        else if (seed[i] == 'e' && i % 5 == 0)
            al_buf_append(&b, "e\xC2\xAD", 3);
        else
            al_buf_putc(&b, seed[i]);
    }
    t = text_of(b.data, b.len);
    ok(t != NULL && t->n_sents == 89, "damaged seed article: 89 sentences");
    if (t != NULL)
        is_int(offset_faults(t, "seed with CRLF"), 0,
               "seed article with CRLF, NBSP, soft hyphens: offsets hold");
    al_text_free(t);
    al_buf_free(&b);
    free(seed);

    size_t faults = 0, texts = 0;
    char buf[2048];
    for (int k = 0; k < 2000; k++) {
        size_t n = random_text(buf, sizeof buf);
        t = text_of(buf, n);
        if (t == NULL)
            continue;              /* white space only: AL_EEMPTY */
        texts++;
        faults += offset_faults(t, "random");
        al_text_free(t);
    }
    ok(texts > 1500, "random texts were segmented");
    is_int(faults, 0, "2000 random texts: every original span normalizes to "
           "its segment");
}

static void test_damage(void)
{
    const char *s = "Alles gut. Das Caf\xC3\x83\xC2\xA9 ist zu. Noch ein "
                    "Satz. Der Preis ist \xEF\xBF\xBD" "5. Es gibt ???? live. "
                    "Ein Steuer\x01zeichen. Wieder gut.";
    al_text *t = text_of(s, strlen(s));
    ok(t != NULL && t->n_sents == 7, "damaged text: 7 sentences");
    if (t == NULL || t->n_sents != 7)
        return;
    is_int(t->sents[0].damage, 0, "clean sentence has no damage");
    is_int(t->sents[1].damage, AL_DAMAGE_MOJIBAKE, "mojibake sentence");
    is_int(t->sents[2].damage, 0, "clean sentence after mojibake");
    is_int(t->sents[3].damage, AL_DAMAGE_FFFD, "U+FFFD sentence");
    is_int(t->sents[4].damage, AL_DAMAGE_QMARKS, "???? sentence");
    is_int(t->sents[5].damage, AL_DAMAGE_CONTROL, "control character");
    is_int(t->sents[6].damage, 0, "last sentence clean");
    size_t len;
    const char *x = al_text_sentence(t, 1, &len);
    is_mem(x, len, "Das Caf\xC3\x83\xC2\xA9 ist zu.",
           "damaged text is kept as written");
    al_text_free(t);
}

static void test_lang(void)
{
    is_str(lang_of("Der Stadtrat hat am Montag den Haushalt beschlossen. "
                   "Die Opposition stimmte dagegen."), "de", "German");
    is_str(lang_of("Le conseil municipal a adopté le budget lundi. "
                   "L’opposition a voté contre."), "fr", "French");
    is_str(lang_of("The city council passed the budget on Monday. "
                   "The opposition voted against it."), "en", "English");
    is_str(lang_of("Ordre du jour\n1. Accueil\n2. Rapport moral\n"
                   "3. Élections"), "fr", "short French list (du is also "
           "German)");
    is_str(lang_of("Nordkorea hilft Russland"), "de", "German heading");
    is_str(lang_of("Introduction"), "en", "no evidence: English");
    is_str(lang_of("Maissen se chargea du reste. Logiquement, il gagna."),
           "fr", "French without accents");
}

/* The lines of S, each followed by '|', with the last line's number. */
static const char *lines_of(const char *s)
{
    static char out[64];
    al_lines it = {s, s + strlen(s), 0};
    const char *line;
    size_t n, k = 0;
    while (al_lines_next(&it, &line, &n) && k + n + 1 < sizeof out - 8) {
        memcpy(out + k, line, n);
        k += n;
        out[k++] = '|';
    }
    snprintf(out + k, sizeof out - k, "%zu", it.lineno);
    return out;
}

static void test_lines(void)
{
    is_str(lines_of("a\r\nb\n\nc"), "a|b||c|4", "\\n and \\r\\n end lines");
    is_str(lines_of("a\n"), "a|1", "no empty line after the last line end");
    is_str(lines_of("\r\n\r\n"), "||2", "empty CRLF lines");
    is_str(lines_of("a\rb\r\r\n"), "a\rb\r|1", "only the \\r before \\n goes");
    is_str(lines_of(""), "0", "no line in an empty text");
}

/* al_grow_array: FIRST elements, then twice as many each time, the values
 * kept; the capacity untouched when the size cannot be had. */
static void test_grow(void)
{
    uint32_t *a = NULL;
    size_t cap = 0, n = 0;
    size_t caps[3] = {0};
    for (int round = 0; round < 3; round++) {
        uint32_t *b = al_grow_array(a, &cap, sizeof *b, 4);
        if (b == NULL)
            break;
        a = b;
        caps[round] = cap;
        while (n < cap) {
            a[n] = (uint32_t)n * 7;
            n++;
        }
    }
    is_int((long)caps[0], 4, "grow: first capacity");
    is_int((long)caps[1], 8, "grow: doubled");
    is_int((long)caps[2], 16, "grow: doubled again");
    int kept = 1;
    for (size_t k = 0; k < n; k++)
        kept &= a[k] == (uint32_t)k * 7;
    ok(n == 16 && kept, "grow: values kept");
    size_t huge = SIZE_MAX / 2 + 1;
    ok(al_grow_array(a, &huge, sizeof *a, 4) == NULL &&
           huge == SIZE_MAX / 2 + 1,
       "grow: an impossible size fails and leaves the capacity");
    free(a);
}

/* al_text_read_pair: both sides read, or neither kept, with the error of
 * the source first. */
static void test_read_pair(void)
{
    char dir[] = "/tmp/test_text.XXXXXX", de[64], fr[64], none[64],
         gone[64];
    if (!ok(mkdtemp(dir) != NULL, "read pair: a temporary folder"))
        return;
    snprintf(de, sizeof de, "%s/de.txt", dir);
    snprintf(fr, sizeof fr, "%s/fr.txt", dir);
    snprintf(none, sizeof none, "%s/none.txt", dir);
    snprintf(gone, sizeof gone, "%s/gone.txt", dir);
    FILE *f = fopen(de, "w");
    fputs("Der Hund bellt.\nDie Katze schläft.\n", f ? f : stderr);
    if (f)
        fclose(f);
    f = fopen(fr, "w");
    fputs("Le chien aboie.\n", f ? f : stderr);
    if (f)
        fclose(f);
    al_text *s = NULL, *t = NULL;
    al_error err = {0, ""};
    is_int(al_text_read_pair(model, de, fr, &s, &t, &err), AL_OK,
           "read pair: both read");
    is_int(s && t ? (long)(al_text_count(s) * 10 + al_text_count(t)) : -1,
           21, "read pair: source and target in their places");
    al_text_free(s);
    al_text_free(t);
    const char *cases[][3] = {
        {none, fr, none}, {de, gone, gone}, {none, gone, none},
    };
    const char *names[] = {"a missing source", "a missing target",
                           "both missing: the source's error"};
    for (size_t k = 0; k < 3; k++) {
        s = t = (al_text *)&err;    /* must be set to NULL */
        int rc = al_text_read_pair(model, cases[k][0], cases[k][1], &s, &t,
                                   &err);
        char want[128];
        snprintf(want, sizeof want, "%s: ", cases[k][2]);
        ok(rc != AL_OK && rc == err.code && s == NULL && t == NULL &&
               strncmp(err.message, want, strlen(want)) == 0,
           names[k]);
        if (s == NULL && t == NULL)
            printf("# %s\n", err.message);
    }
    s = t = (al_text *)&err;
    ok(al_text_read_pair(model, "-", "-", &s, &t, &err) == AL_EINVAL &&
           s == NULL && t == NULL,
       "read pair: standard input only once");
    remove(de);
    remove(fr);
    rmdir(dir);
}

int main(void)
{
    test_lines();
    test_grow();

    al_options opt;
    al_options_init(&opt);
    al_error err;
    model = al_model_new(&opt, &err);
    if (model == NULL) {
        printf("Bail out! %s\n", err.message);
        return 99;
    }
    test_lang();
    test_damage();
    test_offsets();
    test_read_pair();

    /* a given language is kept */
    opt.lang[AL_SOURCE] = "fr";
    al_model *m2 = al_model_new(&opt, &err);
    al_text *t = m2 ? al_text_from_bytes(m2, AL_SOURCE, "x", "Der Hund.", 9,
                                         &err) : NULL;
    is_str(t ? al_text_lang(t) : NULL, "fr", "--source-lang wins");
    al_text_free(t);
    al_model_free(m2);
    al_model_free(model);
    return done_testing();
}
