/*
 * main.c - the align command: options, files, exit status. Everything else
 * is in the library (align.h).
 */
#include "config.h"
#include "align.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *progname = "align";

enum {
    OPT_ENCODING = 256, OPT_SRC_ENCODING, OPT_TGT_ENCODING, OPT_SEGMENT_ONLY,
    OPT_MAX_BEAD, OPT_DICT, OPT_DICT_DIR, OPT_HUNSPELL_DIR, OPT_FAIL_ON,
    OPT_CHECKS, OPT_MIN_SCORE, OPT_NO_SECOND_PASS, OPT_ANCHORS, OPT_COLOR, OPT_LANG,
    OPT_BATCH, OPT_BATCH_LEXICON,
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"source-lang", required_argument, NULL, 's'},
    {"target-lang", required_argument, NULL, 't'},
    {"lang", required_argument, NULL, OPT_LANG},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"source-encoding", required_argument, NULL, OPT_SRC_ENCODING},
    {"target-encoding", required_argument, NULL, OPT_TGT_ENCODING},
    {"presegmented", no_argument, NULL, 'p'},
    {"segment-only", no_argument, NULL, OPT_SEGMENT_ONLY},
    {"max-bead", required_argument, NULL, OPT_MAX_BEAD},
    {"dict", required_argument, NULL, OPT_DICT},
    {"dict-dir", required_argument, NULL, OPT_DICT_DIR},
    {"hunspell-dir", required_argument, NULL, OPT_HUNSPELL_DIR},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"checks", required_argument, NULL, OPT_CHECKS},
    {"min-score", required_argument, NULL, OPT_MIN_SCORE},
    {"no-second-pass", no_argument, NULL, OPT_NO_SECOND_PASS},
    {"anchors", required_argument, NULL, OPT_ANCHORS},
    {"color", required_argument, NULL, OPT_COLOR},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"batch-lexicon", no_argument, NULL, OPT_BATCH_LEXICON},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
    fprintf(f,
"Usage: %s [OPTION]... SOURCE TARGET\n"
"       %s [OPTION]... --batch MANIFEST\n"
"       %s --segment-only [--lang L] FILE\n"
"Align a text (SOURCE) with its translation (TARGET) sentence by sentence and\n"
"flag suspect translations. FILE '-' is standard input.\n"
"\n"
"Input:\n"
"  -s, --source-lang L      language of SOURCE: de, fr or en (default: detect)\n"
"  -t, --target-lang L      language of TARGET (default: detect)\n"
"      --encoding NAME      input encoding of both files (iconv name)\n"
"      --source-encoding NAME, --target-encoding NAME   the same per side\n"
"  -p, --presegmented       input has one sentence per line\n"
"      --segment-only       print FILE's sentences, one per line\n"
"      --lang L             language for --segment-only\n"
"\n"
"Alignment:\n"
"      --max-bead N         at most N sentences on a side of a bead (1-5, 5)\n"
"      --dict FILE          extra dictionary: 'src<TAB>tgt' or 'tgt @ src'\n"
"      --dict-dir DIR       folder of abbreviation lists and lexicons\n"
"      --hunspell-dir DIR   folder of hunspell .aff/.dic files\n"
"      --no-second-pass     do not realign with a learned lexicon\n"
"      --anchors LIST       anchor kinds, comma-separated, of numbers, words,\n"
"                           cognates, dict, stems, punct ('none': length only;\n"
"                           '-stems': all but stems; default all)\n"
"\n"
"Checks:\n"
"      --checks LIST        flag codes to run, comma-separated: 'number,name'\n"
"                           (only these), '-length' (all but length),\n"
"                           'none,+garbled', 'all'\n"
"      --min-score X        beads scored below X get low-confidence (0.4)\n"
"      --fail-on SEVERITY   exit 1 when a flag of SEVERITY or more is found\n"
"                           (info, warning, error)\n"
"\n"
"Output:\n"
"  -f, --format FMT         tsv (default), jsonl, tmx, xliff, beads, ladder,\n"
"                           text, html, report\n"
"  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
"      --color WHEN         auto, always, never (text format)\n"
"\n"
"Batch:\n"
"      --batch MANIFEST     align the pairs listed in MANIFEST, one a line:\n"
"                           SOURCE TARGET [OUTPUT]; pairs without OUTPUT go\n"
"                           to standard output (or -o FILE) in order\n"
"  -j, --jobs N             pairs aligned at once (default: number of cores)\n"
"      --batch-lexicon      learn the second pass's lexicon over the whole\n"
"                           batch, not each pair alone (reads pairs twice)\n"
"\n"
"Messages:\n"
"  -q, --quiet              no progress and no warnings; errors only\n"
"  -v, --verbose            report languages, counts and each stage's time\n"
"                           on stderr\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show the version and exit\n"
"\n"
"Exit status: 0 success, 1 flags at or above --fail-on, 2 usage or input\n"
"error (with --batch: 2 when any pair failed).\n", progname, progname,
            progname);
}

static int die_usage(const char *fmt, const char *arg)
    __attribute__((format(printf, 1, 0)));

static int die_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    fprintf(stderr, fmt, arg);
#pragma GCC diagnostic pop
    fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
    return 2;
}

/* Applies a --checks or --anchors LIST to *MASK, bit (1u << FROM_NAME(name))
 * per name of COUNT: a list that starts with a plain name ("number,omission")
 * keeps only the names listed; "-name" turns one off, "+name" on; "all" and
 * "none" turn all on or off. Returns 0, or -1 on an unknown name. */
static int parse_mask(const char *list, unsigned *mask, int count,
                      int (*from_name)(const char *), const char **bad)
{
    char *copy = strdup(list);
    if (copy == NULL)
        return -1;
    int rc = 0;
    bool first = true;
    for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
        bool off = tok[0] == '-', on = tok[0] == '+';
        const char *name = off || on ? tok + 1 : tok;
        unsigned all = (1u << count) - 1;
        if (first && !off && !on && strcmp(name, "all") != 0 &&
            strcmp(name, "none") != 0)
            *mask = 0;
        first = false;
        if (strcmp(name, "all") == 0) {
            *mask = off ? 0 : all;
            continue;
        }
        if (strcmp(name, "none") == 0) {
            *mask = 0;
            continue;
        }
        int code = from_name(name);
        if (code < 0) {
            static char saved[64];
            snprintf(saved, sizeof saved, "%s", name);
            *bad = saved;
            rc = -1;
            break;
        }
        if (off)
            *mask &= ~(1u << code);
        else
            *mask |= 1u << code;
    }
    free(copy);
    return rc;
}

/* Output to a temporary file next to PATH, renamed into place on success. */
typedef struct {
    FILE *f;
    const char *path;
    char *tmp;
} output;

static int output_open(output *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    if (path == NULL || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (o->tmp == NULL)
        return -1;
    snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: %s: cannot create: %s\n", progname, path,
                strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    o->f = fdopen(fd, "wb");
    if (o->f == NULL) {
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return 0;
}

/* Closes O; KEEP: rename into place, else remove. Returns 0 or -1. */
static int output_close(output *o, bool keep)
{
    int rc = 0;
    const char *name = o->tmp ? o->path : "standard output";
    if (fflush(o->f) != 0 || ferror(o->f)) {
        if (keep)
            fprintf(stderr, "%s: %s: write error: %s\n", progname, name,
                    strerror(errno ? errno : EIO));
        rc = -1;
    }
    if (o->tmp != NULL) {
        if (fclose(o->f) != 0 && rc == 0) {
            fprintf(stderr, "%s: %s: write error: %s\n", progname, name,
                    strerror(errno));
            rc = -1;
        }
        if (keep && rc == 0 && rename(o->tmp, o->path) != 0) {
            fprintf(stderr, "%s: %s: cannot rename: %s\n", progname, o->path,
                    strerror(errno));
            rc = -1;
        }
        if (!keep || rc != 0)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    return rc;
}

static int segment_only(al_model *m, const char *path, FILE *out,
                        bool verbose)
{
    al_error err;
    al_text *t = al_text_read(m, AL_SOURCE, path, &err);
    if (t == NULL) {
        fprintf(stderr, "%s: %s\n", progname, err.message);
        return 2;
    }
    size_t para = 0;
    for (size_t i = 0; i < al_text_count(t); i++) {
        size_t p = al_text_sentence_paragraph(t, i);
        if (i > 0 && p != para)
            fputc('\n', out);
        para = p;
        size_t len;
        const char *s = al_text_sentence(t, i, &len);
        bool space = false;
        for (size_t k = 0; k < len; k++) {
            char c = s[k];
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
                space = true;
                continue;
            }
            if (space)
                fputc(' ', out);
            space = false;
            fputc(c, out);
        }
        fputc('\n', out);
    }
    if (verbose)
        fprintf(stderr, "%s: %s: %zu sentences in %zu paragraphs (%s)\n",
                progname, path, al_text_count(t), al_text_paragraphs(t),
                al_text_lang(t));
    al_text_free(t);
    return 0;
}

/* ---- batch mode: messages in manifest order, progress on a terminal ---- */

typedef struct {
    bool progress;    /* draw a progress line: stderr is a terminal */
    bool verbose;
    bool drawn;       /* a progress line is on the screen */
    double last;      /* when it was drawn, seconds into the run */
} batch_cli;

static void clear_progress(batch_cli *c)
{
    if (c->drawn)
        fputs("\r\033[K", stderr);
    c->drawn = false;
}

static void on_pair(const al_batch_pair *p, void *ud)
{
    batch_cli *c = ud;
    const char *where = p->where ? p->where : p->source;
    if (p->status != AL_OK) {
        clear_progress(c);
        fprintf(stderr, "%s: %s: %s\n", progname, where, p->message);
    } else if (c->verbose) {
        clear_progress(c);
        fprintf(stderr, "%s: %s: %zu x %zu sentences, %zu beads\n", progname,
                where, p->sentences[AL_SOURCE], p->sentences[AL_TARGET],
                p->beads);
    }
}

/* Seconds as H:MM:SS or M:SS. */
static void format_duration(double secs, char *buf, size_t n)
{
    unsigned long s = secs > 0 && secs < 1e9 ? (unsigned long)(secs + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, n, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%lu:%02lu", s / 60, s % 60);
}

/* Runs that end within a second show nothing; then at most 4 lines a
 * second. The ETA (of this pass, when there are two) assumes time grows
 * with the input's size. */
static void on_progress(const al_batch_progress *g, void *ud)
{
    batch_cli *c = ud;
    if (!c->progress || (!c->drawn && g->seconds < 1.0) ||
        g->pairs_done == g->pairs ||
        (c->drawn && g->seconds - c->last < 0.25))
        return;
    c->last = g->seconds;
    char eta[32] = "?";
    if (g->bytes_done > 0 && g->bytes >= g->bytes_done)
        format_duration(g->seconds * (double)(g->bytes - g->bytes_done) /
                        (double)g->bytes_done, eta, sizeof eta);
    char pass[32] = "";
    if (g->passes > 1)
        snprintf(pass, sizeof pass, "pass %d/%d, ", g->pass, g->passes);
    fprintf(stderr, "\r%s: %s%zu/%zu pairs, %.0f sentences/s, ETA %s\033[K",
            progname, pass, g->pairs_done, g->pairs,
            (double)g->sentences_done / g->seconds, eta);
    c->drawn = true;
}

/* ---- one pair: the stage it is in, on a terminal ---- */

/* Most stages a run records for -v: reading, five of al_align's, writing. */
#define STAGE_MARKS 12

/* A line naming the stage that runs and the time so far, drawn by a thread
 * of its own four times a second once the run has lasted a second, and
 * erased at the end. With -v, when each stage began, for a summary. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running;
    bool stop;
    bool drawn;
    const char *stage;       /* under LOCK */
    size_t sents[2];         /* once read; under LOCK */
    struct timespec start;
    bool timing;             /* marks kept (by the thread running the pair) */
    int n_marks;
    const char *mark_name[STAGE_MARKS];
    double mark_at[STAGE_MARKS];     /* seconds since start */
} stage_line;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void set_stage(stage_line *s, const char *stage)
{
    if (s->timing && s->n_marks < STAGE_MARKS) {
        s->mark_name[s->n_marks] = stage;
        s->mark_at[s->n_marks++] = seconds_since(&s->start);
    }
    if (!s->running)
        return;
    pthread_mutex_lock(&s->lock);
    s->stage = stage;
    pthread_mutex_unlock(&s->lock);
}

static void set_sizes(stage_line *s, size_t src, size_t tgt)
{
    if (!s->running)
        return;
    pthread_mutex_lock(&s->lock);
    s->sents[0] = src;
    s->sents[1] = tgt;
    pthread_mutex_unlock(&s->lock);
}

static void on_stage(const char *stage, void *ud)
{
    set_stage(ud, stage);
}

static void *draw_stages(void *arg)
{
    stage_line *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += 250000000L;
        if (t.tv_nsec >= 1000000000L) {
            t.tv_sec++;
            t.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &t);
        double secs = seconds_since(&s->start);
        if (s->stop || secs < 1.0)
            continue;
        char took[32], sizes[64] = "";
        format_duration(secs, took, sizeof took);
        if (s->sents[0] + s->sents[1] > 0)
            snprintf(sizes, sizeof sizes, ", %zu x %zu sentences",
                     s->sents[0], s->sents[1]);
        fprintf(stderr, "\r%s: %s%s, %s\033[K", progname, s->stage, sizes,
                took);
        s->drawn = true;
    }
    if (s->drawn)
        fputs("\r\033[K", stderr);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Starts S: drawing it with DRAW (nothing when the thread cannot be made),
 * keeping the stages' times with TIMING. */
static void stage_start(stage_line *s, bool draw, bool timing)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    clock_gettime(CLOCK_MONOTONIC, &s->start);
    s->timing = timing;
    set_stage(s, "reading");           /* the mark: nothing is drawn yet */
    s->stage = "reading";
    if (draw)
        s->running = pthread_create(&s->thread, NULL, draw_stages, s) == 0;
}

/* -v: "align: reading 0.012 s, anchors 0.150 s, ..., writing 0.003 s
 * (0.391 s)", each stage lasting until the next began, the last until
 * now. */
static void print_stage_times(const stage_line *s)
{
    double end = seconds_since(&s->start);
    fprintf(stderr, "%s: ", progname);
    for (int k = 0; k < s->n_marks; k++)
        fprintf(stderr, "%s%s %.3f s", k > 0 ? ", " : "", s->mark_name[k],
                (k + 1 < s->n_marks ? s->mark_at[k + 1] : end) -
                    s->mark_at[k]);
    fprintf(stderr, " (%.3f s)\n", end);
}

/* Erases the line and stops drawing. */
static void stage_stop(stage_line *s)
{
    if (!s->running)
        return;
    pthread_mutex_lock(&s->lock);
    s->stop = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    s->running = false;
}

/* Aligns the pairs of MANIFEST. Returns the exit status; *RAN tells whether
 * the pairs were run (then the stream's output is kept even if some
 * failed). */
static int run_batch(al_model *m, const char *manifest, int jobs,
                     const al_batch_options *base, int fail_sev, bool quiet,
                     bool verbose, bool *ran)
{
    al_error err;
    *ran = false;
    al_batch *b = al_batch_new(m, &err);
    if (b == NULL || al_batch_read_manifest(b, manifest, &err) != AL_OK) {
        fprintf(stderr, "%s: %s\n", progname, err.message);
        al_batch_free(b);
        return 2;
    }
    batch_cli c = {0};
    c.progress = !quiet && isatty(STDERR_FILENO);
    c.verbose = verbose;
    al_batch_options bo = *base;
    bo.jobs = jobs;
    bo.on_pair = on_pair;
    bo.on_progress = on_progress;
    bo.ud = &c;
    int failed = al_batch_run(b, &bo, &err);
    clear_progress(&c);
    int status = failed != 0 ? 2 : fail_sev >= 0 &&
                 al_batch_max_severity(b) >= fail_sev ? 1 : 0;
    if (failed < 0)
        fprintf(stderr, "%s: %s\n", progname, err.message);
    else
        *ran = true;
    al_batch_free(b);
    return status;
}

/* The model of a run, reachable until the process exits (see main):
 * volatile, or the compiler drops the store that keeps it. */
static al_model *volatile kept_model;

int main(int argc, char **argv)
{
    al_options opt;
    al_options_init(&opt);
    const char *format = "tsv", *outpath = NULL, *fail_on = NULL;
    const char *color = "auto", *manifest = NULL;
    bool seg_only = false, verbose = false, quiet = false, batch_lex = false;
    int c, jobs = 0;
    opterr = 0;    /* messages name "align", not the path it was run as */
    while ((c = getopt_long(argc, argv, ":f:o:s:t:j:pqvhV", long_opts, NULL))
           != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': outpath = optarg; break;
        case 's': opt.lang[AL_SOURCE] = optarg; break;
        case 't': opt.lang[AL_TARGET] = optarg; break;
        case OPT_LANG: opt.lang[AL_SOURCE] = optarg; break;
        case OPT_ENCODING:
            opt.encoding[AL_SOURCE] = opt.encoding[AL_TARGET] = optarg;
            break;
        case OPT_SRC_ENCODING: opt.encoding[AL_SOURCE] = optarg; break;
        case OPT_TGT_ENCODING: opt.encoding[AL_TARGET] = optarg; break;
        case 'p': opt.presegmented = 1; break;
        case OPT_SEGMENT_ONLY: seg_only = true; break;
        case OPT_MAX_BEAD: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end != '\0' || v < 1 || v > 5)
                return die_usage("--max-bead takes a number from 1 to 5, "
                                 "not '%s'", optarg);
            opt.max_bead = (int)v;
            break;
        }
        case OPT_DICT: opt.user_dict = optarg; break;
        case OPT_DICT_DIR: opt.dict_dir = optarg; break;
        case OPT_HUNSPELL_DIR: opt.hunspell_dir = optarg; break;
        case OPT_FAIL_ON:
            if (al_severity_from_name(optarg) < 0)
                return die_usage("--fail-on takes info, warning or error, "
                                 "not '%s'", optarg);
            fail_on = optarg;
            break;
        case OPT_CHECKS: {
            const char *bad = NULL;
            if (parse_mask(optarg, &opt.checks, AL_FLAG_COUNT,
                           al_flag_from_name, &bad) != 0)
                return die_usage("--checks: unknown flag code '%s'",
                                 bad ? bad : optarg);
            break;
        }
        case OPT_MIN_SCORE: {
            char *end;
            double v = strtod(optarg, &end);
            if (*end != '\0' || !(v >= 0 && v <= 1))
                return die_usage("--min-score takes a number from 0 to 1, "
                                 "not '%s'", optarg);
            opt.min_score = v;
            break;
        }
        case OPT_NO_SECOND_PASS: opt.second_pass = 0; break;
        case OPT_ANCHORS: {
            const char *bad = NULL;
            if (parse_mask(optarg, &opt.anchors, AL_ANCHOR_COUNT,
                           al_anchor_from_name, &bad) != 0)
                return die_usage("--anchors: unknown anchor kind '%s'",
                                 bad ? bad : optarg);
            break;
        }
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
                strcmp(optarg, "never"))
                return die_usage("--color takes auto, always or never, not "
                                 "'%s'", optarg);
            color = optarg;
            break;
        case OPT_BATCH: manifest = optarg; break;
        case OPT_BATCH_LEXICON: batch_lex = true; break;
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end != '\0' || v < 1 || v > 1024)
                return die_usage("--jobs takes a number from 1 to 1024, "
                                 "not '%s'", optarg);
            jobs = (int)v;
            break;
        }
        case 'q': quiet = true; verbose = false; break;
        case 'v': verbose = true; quiet = false; break;
        case 'h': usage(stdout); return fflush(stdout) == 0 ? 0 : 2;
        case 'V':
            printf("align %s\n", AL_VERSION_STRING);
            return fflush(stdout) == 0 ? 0 : 2;
        case ':':
            return die_usage("option '%s' needs an argument",
                             argv[optind - 1]);
        default:
            if (optopt != 0 && optopt < 256) {
                char opt_name[3] = {'-', (char)optopt, '\0'};
                return die_usage("invalid option '%s'", opt_name);
            }
            return die_usage("unrecognized option '%s'", argv[optind - 1]);
        }
    }
    int fmt = al_format_from_name(format);
    if (fmt < 0)
        return die_usage("unknown format '%s' (tsv, jsonl, tmx, xliff, "
                         "beads, ladder, text, html, report)", format);
    /* Beads and ladders hold no flags: without --fail-on nobody would see
     * the checks' findings, so they are not run (nor their lists loaded). */
    if (fail_on == NULL && (fmt == AL_FORMAT_BEADS || fmt == AL_FORMAT_LADDER))
        opt.checks = 0;
    int nfiles = argc - optind;
    if (manifest != NULL && (seg_only || nfiles != 0))
        return die_usage("%s", seg_only ? "--batch and --segment-only "
                         "cannot be used together"
                         : "--batch takes no SOURCE or TARGET");
    if (manifest == NULL && (jobs != 0 || batch_lex))
        return die_usage("%s", jobs != 0 ? "--jobs goes with --batch"
                                         : "--batch-lexicon goes with --batch");
    if (batch_lex && !opt.second_pass)
        return die_usage("%s", "--batch-lexicon is the second pass's: it "
                         "cannot go with --no-second-pass");
    if (manifest == NULL && (seg_only ? nfiles != 1 : nfiles != 2))
        return die_usage("%s", seg_only ? "--segment-only takes one FILE"
                                        : "expected SOURCE and TARGET files");
    if (manifest == NULL && !seg_only && strcmp(argv[optind], "-") == 0 &&
        strcmp(argv[optind + 1], "-") == 0)
        return die_usage("%s", "only one of SOURCE and TARGET can be '-'");

    /* One pair on a terminal: a line says which stage runs. */
    stage_line stages = {0};
    bool show_stages = manifest == NULL && !seg_only && !quiet &&
                       isatty(STDERR_FILENO);
    /* -v with one pair: the time of each stage at the end. */
    bool time_stages = manifest == NULL && !seg_only && verbose;
    if (show_stages || time_stages) {
        opt.on_stage = on_stage;
        opt.stage_ud = &stages;
    }
    al_error err;
    al_model *m = al_model_new(&opt, &err);
    if (m == NULL) {
        fprintf(stderr, "%s: %s\n", progname, err.message);
        return 2;
    }
    output out;
    if (output_open(&out, outpath) != 0) {
        al_model_free(m);
        return 2;
    }
    int status, fail_sev = fail_on ? al_severity_from_name(fail_on) : -1;
    bool keep = false;
    if (manifest != NULL) {
        al_write_options wo = {0};
        wo.color = strcmp(color, "always") == 0 ||
                   (strcmp(color, "auto") == 0 && out.tmp == NULL &&
                    isatty(fileno(stdout)));
        al_batch_options bo;
        al_batch_options_init(&bo);
        bo.format = (al_format)fmt;
        bo.write_options = &wo;
        bo.out = out.f;
        bo.learn_batch = batch_lex;
        status = run_batch(m, manifest, jobs, &bo, fail_sev, quiet, verbose,
                           &keep);
    } else if (seg_only) {
        status = segment_only(m, argv[optind], out.f, verbose);
    } else {
        if (show_stages || time_stages)
            stage_start(&stages, show_stages, time_stages);
        al_text *src, *tgt;
        al_text_read_pair(m, argv[optind], argv[optind + 1], &src, &tgt,
                          &err);
        if (tgt != NULL)
            set_sizes(&stages, al_text_count(src), al_text_count(tgt));
        al_result *r = tgt ? al_align(m, src, tgt, &err) : NULL;
        al_write_options wo = {0};
        wo.source_name = argv[optind];
        wo.target_name = argv[optind + 1];
        bool to_tty = out.tmp == NULL && isatty(fileno(stdout));
        wo.color = strcmp(color, "always") == 0 ||
                   (strcmp(color, "auto") == 0 && to_tty);
        /* Output on the terminal itself: the line goes first. */
        if (to_tty)
            stage_stop(&stages);
        set_stage(&stages, "writing");
        al_error werr;
        int wrc = r ? al_write(r, (al_format)fmt, out.f, &wo, &werr) : AL_OK;
        stage_stop(&stages);
        if (r == NULL) {
            fprintf(stderr, "%s: %s\n", progname, err.message);
            status = 2;
        } else if (wrc != AL_OK) {
            fprintf(stderr, "%s: %s: %s\n", progname,
                    out.tmp ? out.path : "standard output", werr.message);
            status = 2;
        } else {
            if (verbose) {
                fprintf(stderr, "%s: %s: %zu sentences (%s); %s: %zu "
                        "sentences (%s); %zu beads\n", progname, argv[optind],
                        al_text_count(src), al_text_lang(src),
                        argv[optind + 1], al_text_count(tgt),
                        al_text_lang(tgt), al_result_count(r));
                print_stage_times(&stages);
            }
            status = fail_sev >= 0 && al_result_max_severity(r) >= fail_sev
                     ? 1 : 0;
        }
        al_result_free(r);
        al_text_free(tgt);
        al_text_free(src);
    }
    if (output_close(&out, status != 2 || keep) != 0)
        status = 2;
    /* The model is left to the operating system: freeing hunspell's
     * dictionaries and the lexicons takes 0.03 s, a quarter of a short
     * pair's run. It stays reachable (leak checkers do not count it). */
    kept_model = m;
    return status;
}
