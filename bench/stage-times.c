/*
 * stage-times.c - where the time of aligning one pair goes: the wall time
 * of each stage al_align reports (options.on_stage), for the same pair
 * aligned three times in one process with one model. Prints a table; it
 * asserts nothing (a benchmark, not a test).
 *
 *   make bench/stage-times
 *   ALIGN_DICTDIR=dicts bench/stage-times [-p] [--checks] SRC TGT
 *
 * -p: one sentence per line, as align -p. Without --checks no flag is
 * computed, as with align --format=beads (the output bench-scale.sh
 * times). The first run is what the command line does: the dictionaries
 * and the hunspell spellers are loaded on the way, in the "anchors"
 * stage, and hunspell is asked about every word type. The second run
 * finds them loaded and hunspell's answers cached, as a pair of a batch
 * does when the batch's earlier pairs used the same words; the difference
 * of the two runs' "anchors" is what loading and asking hunspell cost.
 * The third run repeats the second (their difference is noise).
 */
#include "align.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_STAGES 16

typedef struct {
    const char *name[MAX_STAGES];
    double at[MAX_STAGES];   /* seconds since the run's start */
    int n;
    double start;
} timeline;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void mark(timeline *tl, const char *name)
{
    if (tl->n < MAX_STAGES) {
        tl->name[tl->n] = name;
        tl->at[tl->n] = now() - tl->start;
        tl->n++;
    }
}

static void on_stage(const char *stage, void *ud)
{
    mark(ud, stage);
}

static void fail(const char *what, const al_error *err)
{
    fprintf(stderr, "stage-times: %s: %s\n", what, err->message);
    exit(2);
}

/* Prints the run's stages as "name seconds", each stage lasting until the
 * next mark. */
static void print_run(const char *label, const timeline *tl)
{
    printf("%-5s", label);
    for (int k = 0; k + 1 < tl->n; k++)
        printf("  %s %.3f", tl->name[k], tl->at[k + 1] - tl->at[k]);
    printf("  | total %.3f s\n", tl->at[tl->n - 1]);
}

int main(int argc, char **argv)
{
    al_options opt;
    al_options_init(&opt);
    bool checks = false;
    int a = 1;
    for (; a < argc && argv[a][0] == '-' && argv[a][1] != '\0'; a++) {
        if (strcmp(argv[a], "-p") == 0)
            opt.presegmented = 1;
        else if (strcmp(argv[a], "--checks") == 0)
            checks = true;
        else
            break;
    }
    if (argc - a != 2) {
        fprintf(stderr, "usage: stage-times [-p] [--checks] SRC TGT\n");
        return 2;
    }
    if (!checks)
        opt.checks = 0;
    timeline tl;
    opt.on_stage = on_stage;
    opt.stage_ud = &tl;
    al_error err;
    memset(&err, 0, sizeof err);
    al_model *m = al_model_new(&opt, &err);
    if (m == NULL)
        fail("model", &err);
    static const char *const label[] = {"cold", "warm", "warm"};
    size_t ns = 0, nt = 0;
    for (int run = 0; run < 3; run++) {
        memset(&tl, 0, sizeof tl);
        tl.start = now();
        mark(&tl, "read");
        al_text *src, *tgt;
        if (al_text_read_pair(m, argv[a], argv[a + 1], &src, &tgt, &err) != 0)
            fail("read", &err);
        ns = al_text_count(src);
        nt = al_text_count(tgt);
        al_result *r = al_align(m, src, tgt, &err);
        if (r == NULL)
            fail("align", &err);
        mark(&tl, "end");
        if (run == 0)
            printf("stage-times: %s x %s, %zu x %zu sentences, %s\n",
                   argv[a], argv[a + 1], ns, nt,
                   checks ? "with the checks" : "no checks");
        print_run(label[run], &tl);
        al_result_free(r);
        al_text_free(src);
        al_text_free(tgt);
    }
    al_model_free(m);
    return 0;
}
