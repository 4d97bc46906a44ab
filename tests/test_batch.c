/* Unit tests of batch.c: manifests, order of output and reports whatever the
 * number of threads, failing pairs, output files. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "align.h"
#include "tap.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static al_model *model;
static char dir[] = "/tmp/test_batch.XXXXXX";

static void put_n(const char *name, const char *text, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(text, 1, n, f);
        fclose(f);
    }
}

static void put(const char *name, const char *text)
{
    put_n(name, text, strlen(text));
}

static char *path_of(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Pair K: K + 1 sentences a side, the last with a number that differs when
 * K is odd (so some pairs have error flags). */
static void make_pair(int k)
{
    char src[4096] = "", tgt[4096] = "", name[32];
    for (int i = 0; i <= k; i++) {
        size_t n = strlen(src), m = strlen(tgt);
        snprintf(src + n, sizeof src - n, "Le conseil a vot\xc3\xa9 %d fois. ",
                 i + 1);
        snprintf(tgt + m, sizeof tgt - m, "Der Rat hat %d Mal abgestimmt. ",
                 i == k && k % 2 ? i + 7 : i + 1);
    }
    snprintf(name, sizeof name, "p%d.fr", k);
    put(name, src);
    snprintf(name, sizeof name, "p%d.de", k);
    put(name, tgt);
}

typedef struct {
    size_t order[64];
    size_t n_pairs, n_progress, last_done;
    int passes[64];          /* pass of each progress report */
} seen;

static void on_pair(const al_batch_pair *p, void *ud)
{
    seen *s = ud;
    if (s->n_pairs < 64)
        s->order[s->n_pairs] = p->index;
    s->n_pairs++;
}

static void on_progress(const al_batch_progress *g, void *ud)
{
    seen *s = ud;
    if (s->n_progress < 64)
        s->passes[s->n_progress] = g->pass * 10 + g->passes;
    s->n_progress++;
    s->last_done = g->pairs_done;
}

/* Learn the lexicon over the batch in run(). */
static int learn_batch;

/* Runs manifest M with JOBS threads; the stream's bytes into *OUT. */
static int run(const char *m, int jobs, size_t max_buffered, char **out,
               size_t *len, seen *s, al_batch **keep)
{
    al_error err;
    al_batch *b = al_batch_new(model, &err);
    if (m == NULL) {               /* the test added its pairs: *KEEP */
        al_batch_free(b);
        b = *keep;
    } else if (al_batch_read_manifest(b, m, &err) != AL_OK) {
        printf("# %s\n", err.message);
        al_batch_free(b);
        return -100;
    }
    FILE *f = open_memstream(out, len);
    al_batch_options bo;
    al_batch_options_init(&bo);
    bo.jobs = jobs;
    bo.out = f;
    bo.max_buffered = max_buffered;
    bo.on_pair = on_pair;
    bo.on_progress = on_progress;
    bo.learn_batch = learn_batch;
    bo.ud = s;
    int rc = al_batch_run(b, &bo, &err);
    fclose(f);
    if (keep != NULL)
        *keep = b;
    else
        al_batch_free(b);
    return rc;
}

/* The bytes of aligning pair K on its own, as al_write renders them. */
static void append_single(int k, FILE *f)
{
    char s[32], t[32], sp[256], tp[256];
    snprintf(s, sizeof s, "p%d.fr", k);
    snprintf(t, sizeof t, "p%d.de", k);
    snprintf(sp, sizeof sp, "%s", path_of(s));
    snprintf(tp, sizeof tp, "%s", path_of(t));
    al_error err;
    al_text *a = al_text_read(model, AL_SOURCE, sp, &err);
    al_text *b = al_text_read(model, AL_TARGET, tp, &err);
    al_result *r = al_align(model, a, b, &err);
    al_write_options wo = {0};
    wo.source_name = sp;
    wo.target_name = tp;
    al_write(r, AL_FORMAT_TSV, f, &wo, &err);
    al_result_free(r);
    al_text_free(b);
    al_text_free(a);
}

/* Manifest LIT (a string literal, NUL bytes allowed) must fail with WANT. */
#define manifest_error(lit, want, name) \
    manifest_error_n(lit, sizeof(lit) - 1, want, name)

static int manifest_error_n(const char *text, size_t n, const char *want,
                            const char *name)
{
    put_n("bad.txt", text, n);
    al_error err = {0, ""};
    al_batch *b = al_batch_new(model, &err);
    al_batch_add(b, "x", "y", NULL, NULL, &err);
    int rc = al_batch_read_manifest(b, path_of("bad.txt"), &err);
    char full[512];
    snprintf(full, sizeof full, "%s/bad.txt:%s", dir, want);
    is_str(rc == AL_EINVAL ? err.message : "(no error)", full, name);
    is_int(al_batch_count(b), 1, "a bad manifest adds no pair");
    al_batch_free(b);
    return rc;
}

static int count_tmp_files(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp") != NULL)
            n++;
    if (d != NULL)
        closedir(d);
    return n;
}

static void test_manifest(void)
{
    put("a b.fr", "Une phrase.\n");
    put("m1.txt", "\xEF\xBB\xBF# comment\r\n"
                  "\r\n"
                  "  p0.fr\tp0.de \r\n"
                  "\"a b.fr\" \"p0.de\" out/\"x\".tsv\n"
                  "\t# indented comment\n"
                  "/abs/s.fr /abs/t.de -\n"
                  "\"q\\\"\\\\.fr\" p0.de");
    al_error err;
    al_batch *b = al_batch_new(model, &err);
    int rc = al_batch_read_manifest(b, path_of("m1.txt"), &err);
    is_int(rc, AL_OK, "manifest with comments, quotes, CRLF and BOM");
    is_int(al_batch_count(b), 4, "four pairs");
    char want[512];
    const al_batch_pair *p = al_batch_get(b, 0);
    snprintf(want, sizeof want, "%s/p0.fr", dir);
    is_str(p->source, want, "source relative to the manifest's folder");
    snprintf(want, sizeof want, "%s/m1.txt:3", dir);
    is_str(p->where, want, "where names manifest and line");
    ok(p->output == NULL, "no OUTPUT: the stream");
    p = al_batch_get(b, 1);
    snprintf(want, sizeof want, "%s/a b.fr", dir);
    is_str(p->source, want, "quoted name with a space");
    snprintf(want, sizeof want, "%s/out/\"x\".tsv", dir);
    is_str(p->output, want, "quotes inside an unquoted name are kept");
    p = al_batch_get(b, 2);
    is_str(p->source, "/abs/s.fr", "absolute path kept");
    ok(p->output == NULL, "OUTPUT '-' is the stream");
    p = al_batch_get(b, 3);
    snprintf(want, sizeof want, "%s/q\"\\.fr", dir);
    is_str(p->source, want, "escaped quote and backslash; last line "
           "without a newline");
    ok(al_batch_get(b, 4) == NULL, "no fifth pair");
    al_batch_free(b);

    manifest_error("p0.fr p0.de\np0.fr\n",
                   "2: expected SOURCE TARGET [OUTPUT], found one name",
                   "one name");
    manifest_error("a b c d\n",
                   "1: expected SOURCE TARGET [OUTPUT], found more than "
                   "three names", "four names");
    manifest_error("\"a b.fr p0.de\n", "1: a quoted name has no closing quote",
                   "unterminated quote");
    manifest_error("\"a\"b p0.de\n",
                   "1: a closing quote must be followed by a space or tab",
                   "text after a closing quote");
    manifest_error("\"\" p0.de\n", "1: empty file name", "empty quoted name");
    manifest_error("# ok\np0.fr -\n",
                   "2: '-' (standard input) cannot be a SOURCE or TARGET in "
                   "a manifest", "stdin as a file");
    manifest_error("p0.fr p0.de\n\0\n", "2: NUL byte: not a manifest",
                   "NUL byte");

    b = al_batch_new(model, &err);
    rc = al_batch_read_manifest(b, path_of("nosuch.txt"), &err);
    is_int(rc, AL_EIO, "missing manifest");
    snprintf(want, sizeof want, "%s/nosuch.txt: cannot open: No such file or "
             "directory", dir);
    is_str(err.message, want, "missing manifest message");
    al_batch_free(b);
}

static void test_order(void)
{
    enum { N = 24 };
    /* Large pairs first, so that later ones finish before them. */
    FILE *m = fopen(path_of("m2.txt"), "w");
    for (int k = N - 1; k >= 0; k--) {
        make_pair(k);
        fprintf(m, "p%d.fr p%d.de\n", k, k);
        if (k == 10)
            fprintf(m, "nosuch.fr p0.de\n");
    }
    fclose(m);
    char *ref = NULL, *one = NULL, *four = NULL, *tight = NULL;
    size_t ref_len = 0, one_len = 0, four_len = 0, tight_len = 0;
    FILE *f = open_memstream(&ref, &ref_len);
    for (int k = N - 1; k >= 0; k--)
        append_single(k, f);
    fclose(f);

    seen s1 = {0}, s4 = {0}, st = {0};
    al_batch *b = NULL;
    is_int(run(path_of("m2.txt"), 1, 0, &one, &one_len, &s1, NULL), 1,
           "jobs 1: one pair failed");
    is_int(run(path_of("m2.txt"), 4, 0, &four, &four_len, &s4, NULL), 1,
           "jobs 4: one pair failed");
    is_int(run(path_of("m2.txt"), 3, 1, &tight, &tight_len, &st, &b), 1,
           "jobs 3, one byte of buffer: one pair failed");
    ok(ref_len > 1000, "reference output is not empty");
    ok(one_len == ref_len && memcmp(one, ref, ref_len) == 0,
       "jobs 1: the stream is every pair's output in manifest order");
    ok(four_len == ref_len && memcmp(four, ref, ref_len) == 0,
       "jobs 4: the same bytes");
    ok(tight_len == ref_len && memcmp(tight, ref, ref_len) == 0,
       "jobs 3 with a tiny buffer: the same bytes");
    int in_order = s4.n_pairs == N + 1 && st.n_pairs == N + 1;
    for (size_t i = 0; in_order && i < N + 1; i++)
        in_order = s4.order[i] == i && st.order[i] == i;
    ok(in_order, "on_pair reports pairs in manifest order");
    is_int(s4.n_progress, N + 1, "on_progress once per pair");
    is_int(s4.last_done, N + 1, "progress counts every pair");

    const al_batch_pair *p = al_batch_get(b, N - 10);
    char want[512];
    snprintf(want, sizeof want, "%s/nosuch.fr: cannot open: No such file or "
             "directory", dir);
    is_int(p->status, AL_EIO, "missing file: status");
    is_str(p->message, want, "missing file: the file's own message");
    is_int(p->max_severity, -1, "failed pair: no severity");
    p = al_batch_get(b, 0);    /* pair 23: odd, a changed number */
    is_int(p->status, AL_OK, "pair ok");
    is_int(p->max_severity, AL_ERROR, "pair with a changed number: error");
    is_int(p->sentences[0], N, "sentences counted");
    is_int(al_batch_max_severity(b), AL_ERROR, "batch severity");
    al_error err;
    is_int(al_batch_run(b, NULL, &err), AL_EINVAL, "a batch runs once");
    al_batch_free(b);
    free(ref);
    free(one);
    free(four);
    free(tight);
}

static void test_outputs(void)
{
    make_pair(1);
    put("m3.txt", "p1.fr p1.de o1.tsv\n"
                  "p1.fr p1.de nodir/o2.tsv\n"
                  "p1.fr p1.de o3.tsv\n");
    put("o3.tsv", "old\n");
    seen s = {0};
    char *out = NULL;
    size_t len = 0;
    al_batch *b;
    is_int(run(path_of("m3.txt"), 2, 0, &out, &len, &s, &b), 1,
           "output into a missing folder fails that pair");
    is_int(len, 0, "nothing on the stream");
    char want[512];
    snprintf(want, sizeof want, "%s/nodir/o2.tsv: cannot create: No such file "
             "or directory", dir);
    is_str(al_batch_get(b, 1)->message, want, "cannot create: message");
    FILE *f = fopen(path_of("o3.tsv"), "r");
    char line[64] = "";
    if (f != NULL) {
        if (fgets(line, sizeof line, f) == NULL)
            line[0] = '\0';
        fclose(f);
    }
    is_str(line, "src_ids\ttgt_ids\tscore\tflags\tsource\ttarget\n",
           "an existing output is replaced");
    ok(access(path_of("o1.tsv"), F_OK) == 0, "output written");
    is_int(count_tmp_files(), 0, "no temporary file left");
    al_batch_free(b);
    free(out);

    put("m4.txt", "p1.fr p1.de same.tsv\np1.fr p1.de x.tsv\n"
                  "p0.fr p0.de same.tsv\n");
    b = al_batch_new(model, NULL);
    al_error err;
    al_batch_read_manifest(b, path_of("m4.txt"), &err);
    is_int(al_batch_run(b, NULL, &err), AL_EINVAL, "two pairs, one output");
    snprintf(want, sizeof want, "%s/m4.txt:3: output file %s/same.tsv is also "
             "the output of %s/m4.txt:1", dir, dir, dir);
    is_str(err.message, want, "two pairs, one output: message");
    ok(access(path_of("x.tsv"), F_OK) != 0, "nothing run");
    al_batch_free(b);
}

/* Learning over the batch: two passes reported, the same bytes whatever
 * the threads, a pair that cannot be read twice fails alone. */
static void test_learn_batch(void)
{
    enum { N = 6 };
    FILE *m = fopen(path_of("m5.txt"), "w");
    for (int k = 0; k < N; k++) {
        make_pair(k);
        fprintf(m, "p%d.fr p%d.de\n", k, k);
    }
    fclose(m);
    learn_batch = 1;
    seen s1 = {0}, s2 = {0}, s3 = {0};
    char *one = NULL, *two = NULL, *three = NULL;
    size_t one_len = 0, two_len = 0, three_len = 0;
    is_int(run(path_of("m5.txt"), 1, 0, &one, &one_len, &s1, NULL), 0,
           "learning over the batch, jobs 1: no pair failed");
    is_int(run(path_of("m5.txt"), 2, 0, &two, &two_len, &s2, NULL), 0,
           "learning over the batch, jobs 2: no pair failed");
    ok(one_len > 100 && two_len == one_len && memcmp(one, two, one_len) == 0,
       "learning over the batch: the same bytes with 1 or 2 threads");
    is_int(s1.n_progress, 2 * N, "progress: each pair in each pass");
    int passes_ok = 1;
    for (size_t i = 0; i < 2 * N; i++)
        passes_ok &= s1.passes[i] == (i < N ? 12 : 22);
    ok(passes_ok, "progress: pass 1 of 2 for every pair, then pass 2 of 2");
    is_int(s1.last_done, N, "progress counts start again in pass 2");
    is_int(s1.n_pairs, N, "on_pair once per pair");

    /* Standard input cannot be read twice: that pair fails, not the
     * batch. */
    al_error err;
    al_batch *b = al_batch_new(model, &err);
    char sp[256], tp[256];
    snprintf(sp, sizeof sp, "%s", path_of("p1.fr"));
    snprintf(tp, sizeof tp, "%s", path_of("p1.de"));
    al_batch_add(b, sp, tp, NULL, "first", &err);
    al_batch_add(b, "-", tp, NULL, "second", &err);
    is_int(run(NULL, 2, 0, &three, &three_len, &s3, &b), 1,
           "stdin in a batch learning over it: one pair failed");
    is_int(al_batch_get(b, 1)->status, AL_EINVAL, "stdin: status");
    is_str(al_batch_get(b, 1)->message, "(stdin): not a regular file, and "
           "learning over the batch reads every pair twice", "stdin: message");
    is_int(al_batch_get(b, 0)->status, AL_OK, "the other pair: aligned");
    ok(three_len > 100, "the other pair: written");
    is_int(s3.n_pairs, 2, "both pairs reported once");
    al_batch_free(b);
    learn_batch = 0;
    free(one);
    free(two);
    free(three);
}

int main(void)
{
    if (mkdtemp(dir) == NULL)
        return 99;
    al_options opt;
    al_options_init(&opt);
    opt.lang[AL_SOURCE] = "fr";
    opt.lang[AL_TARGET] = "de";
    al_error err;
    model = al_model_new(&opt, &err);
    if (model == NULL) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_manifest();
    test_learn_batch();
    test_order();
    test_outputs();
    al_model_free(model);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return done_testing();
}
