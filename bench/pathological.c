/*
 * pathological.c - inputs built to provoke worst-case time in the
 * normalizer and the segmenter, each at two sizes, and the throughput of
 * segmentation on real text repeated to a large size. Prints a table; it
 * asserts nothing (a benchmark, not a test).
 *
 *   make bench/pathological && ALIGN_DICTDIR=dicts bench/pathological [MB]
 *
 * For every input the time at size N and 2N is shown with their ratio:
 * about 2.0 means linear; 4.0 would mean quadratic. MB (default 10) is the
 * larger size of each input in MiB. "segment s" includes mapping every
 * sentence back to the original and scanning it for damage, as text.c
 * does. The real-text row repeats
 * tests/data/seed/article.de.txt and examples/article.fr.txt
 * (top_srcdir, default ".") to 4 x MB.
 */
#include "config.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Repeats UNIT (with SEP between) to at least SIZE bytes. */
static char *repeat(const char *unit, const char *head, size_t size,
                    size_t *len)
{
    size_t un = strlen(unit), hn = strlen(head);
    char *s = malloc(size + un + hn + 1);
    if (s == NULL)
        exit(1);
    memcpy(s, head, hn);
    size_t n = hn;
    while (n < size) {
        memcpy(s + n, unit, un);
        n += un;
    }
    s[n] = '\0';
    *len = n;
    return s;
}

typedef struct {
    double norm, seg;        /* seconds */
    size_t sents;
} timing;

static timing run(const char *s, size_t len, const al_abbrev *ab,
                  al_lang lang)
{
    timing t = {0, 0, 0};
    al_norm n;
    al_error err;
    double t0 = now();
    if (al_normalize(s, len, &n, &err) != AL_OK) {
        fprintf(stderr, "pathological: %s\n", err.message);
        exit(1);
    }
    double t1 = now();
    al_sent *v;
    size_t np;
    if (al_segment(n.text, n.len, ab, lang, false, &v, &t.sents, &np,
                   &err) != AL_OK) {
        fprintf(stderr, "pathological: %s\n", err.message);
        exit(1);
    }
    for (size_t i = 0; i < t.sents; i++) {     /* what text.c does next */
        size_t ob = al_norm_to_orig(&n, v[i].start);
        size_t oe = al_norm_to_orig(&n, (size_t)v[i].start + v[i].len);
        (void)al_damage_scan(s + ob, oe - ob);
    }
    t.norm = t1 - t0;
    t.seg = now() - t1;
    free(v);
    al_norm_free(&n);
    return t;
}

typedef struct {
    const char *name, *unit, *head;
    al_lang lang;
} input;

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atol(argv[1]) : 10;
    if (mb == 0)
        mb = 10;
    const char *dir = getenv("ALIGN_DICTDIR");
    if (dir == NULL)
        dir = "dicts";
    al_abbrev *ab[AL_LANG_COUNT];
    for (int l = 0; l < AL_LANG_COUNT; l++) {
        char p[1024];
        al_error err;
        snprintf(p, sizeof p, "%s/abbrev-%s.txt", dir, al_lang_name(l));
        ab[l] = al_abbrev_load(p, &err);
        snprintf(p, sizeof p, "%s/segment-%s.txt", dir, al_lang_name(l));
        if (ab[l] == NULL || al_abbrev_load_rules(ab[l], p, &err) != AL_OK) {
            fprintf(stderr, "pathological: %s\n", err.message);
            return 1;
        }
    }
    static const input inputs[] = {
        {"words, no sentence end", "wort ", "", AL_LANG_DE},
        {"one line, no space", "a", "", AL_LANG_DE},
        {"abbreviations z. B.", "z. B. ", "", AL_LANG_DE},
        {"abbreviations Dr.", "Dr. ", "", AL_LANG_DE},
        {"initials J.", "J. ", "", AL_LANG_EN},
        {"ordinals 3. Mai", "3. Mai ", "", AL_LANG_DE},
        {"list markers 1. 2. 3.", "1. x ", "", AL_LANG_EN},
        {"periods ....", ".", "a", AL_LANG_DE},
        {"spaced ellipsis . . .", ". ", "a ", AL_LANG_EN},
        {"question marks ????", "?", " ", AL_LANG_DE},
        {"glued a.a.a.", "a.", "", AL_LANG_DE},
        {"glued ab.Cd", "ab.Cd", "", AL_LANG_DE},
        {"open quotes \"", "\"a ", "", AL_LANG_EN},
        {"nested brackets ((", "(", "", AL_LANG_EN},
        {"quoted sentences", "\"A b. C d!\" ", "", AL_LANG_EN},
        {"short lines", "Kopf\n", "", AL_LANG_DE},
        {"blank lines", "\n\n", "x", AL_LANG_DE},
        {"spaces then marker", "          1. ", "", AL_LANG_EN},
        {"combining marks", "\xCC\x81\xCC\x96", "a", AL_LANG_FR},
        {"URL token", "www.a.b/", "", AL_LANG_EN},
        {"CRLF and NBSP", "a\r\n\xC2\xA0", "", AL_LANG_FR},
    };
    size_t big = mb << 20;
    printf("| input | MiB | normalize s | segment s | sentences | "
           "time %zu MiB / %zu MiB |\n|---|---|---|---|---|---|\n", mb,
           mb / 2 ? mb / 2 : 1);
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        const input *in = &inputs[k];
        size_t len1, len2;
        char *s1 = repeat(in->unit, in->head, big / 2, &len1);
        char *s2 = repeat(in->unit, in->head, big, &len2);
        timing a = run(s1, len1, ab[in->lang], in->lang);
        timing b = run(s2, len2, ab[in->lang], in->lang);
        double ta = a.norm + a.seg, tb = b.norm + b.seg;
        printf("| %s | %.1f | %.3f | %.3f | %zu | %.2f |\n", in->name,
               len2 / 1048576.0, b.norm, b.seg, b.sents,
               ta > 0 ? tb / ta : 0.0);
        fflush(stdout);
        free(s1);
        free(s2);
    }

    /* throughput on real text */
    const char *top = getenv("top_srcdir");
    const char *files[] = {"tests/data/seed/article.de.txt",
                           "examples/article.fr.txt"};
    al_lang langs[] = {AL_LANG_DE, AL_LANG_FR};
    printf("\n| real text repeated | MiB | normalize MB/s | segment MB/s | "
           "both MB/s | sentences |\n|---|---|---|---|---|---|\n");
    for (int f = 0; f < 2; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", top ? top : ".", files[f]);
        char *data;
        size_t len;
        al_error err;
        if (al_read_file(path, &data, &len, &err) != AL_OK) {
            fprintf(stderr, "pathological: %s\n", err.message);
            continue;
        }
        size_t total;
        char *unit = malloc(len + 3);
        memcpy(unit, data, len);
        memcpy(unit + len, "\n\n", 3);
        char *s = repeat(unit, "", 4 * big, &total);
        timing t = run(s, total, ab[langs[f]], langs[f]);
        double mbytes = total / 1e6;
        printf("| %s | %.1f | %.1f | %.1f | %.1f | %zu |\n", files[f],
               total / 1048576.0, mbytes / t.norm, mbytes / t.seg,
               mbytes / (t.norm + t.seg), t.sents);
        free(s);
        free(unit);
        free(data);
    }
    for (int l = 0; l < AL_LANG_COUNT; l++)
        al_abbrev_free(ab[l]);
    return 0;
}
