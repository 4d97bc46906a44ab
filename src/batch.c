/*
 * batch.c - many pairs with one model: manifests, a pool of threads, output
 * in a fixed order whatever the number of threads.
 *
 * Threads take pairs in order. A finished pair with an output file is
 * renamed into place by its thread. A pair for the shared stream is written
 * straight to it when every pair before it has been written; otherwise it is
 * rendered into memory (open_memstream) and written when its turn comes.
 * Whoever holds the "emitter" role writes waiting pairs in order and reports
 * each pair (on_pair) in order. Memory held by waiting pairs is bounded:
 * past max_buffered bytes, threads wait before taking new pairs.
 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Default for al_batch_options.max_buffered. */
#define BUFFER_MAX ((size_t)64 << 20)

typedef struct {
    al_batch_pair pub;
    char *where, *source, *target, *output, *message;   /* owned */
    uint64_t bytes;          /* input size, for progress */
    bool done;               /* processed; waits to be emitted */
    bool direct;             /* already written to the stream */
    bool failed_early;       /* failed in the learning pass: not run again */
    char *buf;               /* rendered output waiting, or NULL */
    size_t buf_len;
} pair;

struct al_batch {
    al_model *m;
    pair *pairs;
    size_t n, cap;
    bool ran;

    /* State of a run, under LOCK. */
    pthread_mutex_t lock;
    pthread_cond_t room;     /* buffered output went down, or a pair ended */
    pthread_mutex_t report;  /* callbacks, one at a time */
    const al_batch_options *bo;
    FILE *out;
    size_t max_buffered;
    size_t next_take, next_emit;
    bool emitting;           /* someone writes to the stream */
    bool stream_failed;
    size_t buffered;
    al_batch_progress progress;
    struct timespec start;
    int failed;

    /* Learning over the batch (al_batch_options.learn_batch). */
    al_learner *learner;     /* counts first passes, then read-only */
    size_t next_learn;       /* under LOCK */
};

void al_batch_options_init(al_batch_options *bo)
{
    memset(bo, 0, sizeof *bo);
    bo->format = AL_FORMAT_TSV;
}

al_batch *al_batch_new(al_model *m, al_error *err)
{
    al_batch *b = al_calloc(1, sizeof *b);
    if (b == NULL) {
        al_fail(err, AL_ENOMEM, "out of memory");
        return NULL;
    }
    b->m = m;
    return b;
}

static void pair_free(pair *p)
{
    free(p->where);
    free(p->source);
    free(p->target);
    free(p->output);
    free(p->message);
    free(p->buf);
}

void al_batch_free(al_batch *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++)
        pair_free(&b->pairs[i]);
    free(b->pairs);
    free(b);
}

size_t al_batch_count(const al_batch *b)
{
    return b->n;
}

const al_batch_pair *al_batch_get(const al_batch *b, size_t i)
{
    return i < b->n ? &b->pairs[i].pub : NULL;
}

int al_batch_max_severity(const al_batch *b)
{
    int max = -1;
    for (size_t i = 0; i < b->n; i++)
        if (b->pairs[i].pub.max_severity > max)
            max = b->pairs[i].pub.max_severity;
    return max;
}

static char *dup_or_null(const char *s)
{
    return s ? al_strndup(s, strlen(s)) : NULL;
}

int al_batch_add(al_batch *b, const char *source, const char *target,
                 const char *output, const char *where, al_error *err)
{
    if (b->n == b->cap) {
        pair *p = al_grow_array(b->pairs, &b->cap, sizeof *p, 16);
        if (p == NULL)
            return al_fail(err, AL_ENOMEM, "out of memory");
        b->pairs = p;
    }
    pair *p = &b->pairs[b->n];
    memset(p, 0, sizeof *p);
    if (output != NULL && strcmp(output, "-") == 0)
        output = NULL;
    p->source = dup_or_null(source);
    p->target = dup_or_null(target);
    p->output = dup_or_null(output);
    p->where = dup_or_null(where);
    if (p->source == NULL || p->target == NULL ||
        (output != NULL && p->output == NULL) ||
        (where != NULL && p->where == NULL)) {
        pair_free(p);
        return al_fail(err, AL_ENOMEM, "out of memory");
    }
    p->pub.index = b->n;
    p->pub.where = p->where;
    p->pub.source = p->source;
    p->pub.target = p->target;
    p->pub.output = p->output;
    p->pub.max_severity = -1;
    b->n++;
    return AL_OK;
}

/* ---- manifests ---- */

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Splits line S (N bytes, no line end) into at most 3 fields, unquoted into
 * FIELDS (caller's buffers). Returns the number of fields found (4 meaning
 * "more than 3"), or -1 with *WHY set. */
static int split_fields(const char *s, size_t n, al_buf fields[3],
                        const char **why)
{
    size_t i = 0;
    int count = 0;
    for (;;) {
        while (i < n && blank(s[i]))
            i++;
        if (i == n)
            return count;
        if (count == 3)
            return 4;
        al_buf *f = &fields[count++];
        f->len = 0;
        if (al_buf_reserve(f, 0) != AL_OK) {
            *why = "out of memory";
            return -1;
        }
        f->data[0] = '\0';
        if (s[i] != '"') {
            size_t start = i;
            while (i < n && !blank(s[i]))
                i++;
            if (al_buf_append(f, s + start, i - start) != AL_OK) {
                *why = "out of memory";
                return -1;
            }
            continue;
        }
        for (i++;; i++) {
            if (i == n) {
                *why = "a quoted name has no closing quote";
                return -1;
            }
            if (s[i] == '"')
                break;
            if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' ||
                                              s[i + 1] == '\\'))
                i++;
            if (al_buf_putc(f, s[i]) != AL_OK) {
                *why = "out of memory";
                return -1;
            }
        }
        i++;
        if (i < n && !blank(s[i])) {
            *why = "a closing quote must be followed by a space or tab";
            return -1;
        }
        if (f->len == 0) {
            *why = "empty file name";
            return -1;
        }
    }
}

/* NAME as seen from the manifest's folder DIR (DIR_LEN bytes, with its
 * final '/', or 0 for the current folder), malloc'ed. */
static char *resolve(const char *dir, size_t dir_len, const char *name)
{
    if (name[0] == '/')
        dir_len = 0;
    size_t n = strlen(name);
    char *p = al_malloc(dir_len + n + 1);
    if (p != NULL) {
        memcpy(p, dir, dir_len);
        memcpy(p + dir_len, name, n + 1);
    }
    return p;
}

/* Adds the pair of one manifest line with fields F; "-" as an input is
 * refused. */
static int add_line(al_batch *b, const char *mname, size_t line,
                    const char *dir, size_t dir_len, al_buf f[3], int nf,
                    al_error *err)
{
    if (nf < 2 || nf > 3)
        return al_fail(err, AL_EINVAL, "%s:%zu: expected SOURCE TARGET "
                       "[OUTPUT], found %s", mname, line,
                       nf == 1 ? "one name" : "more than three names");
    if (strcmp(f[0].data, "-") == 0 || strcmp(f[1].data, "-") == 0)
        return al_fail(err, AL_EINVAL, "%s:%zu: '-' (standard input) cannot "
                       "be a SOURCE or TARGET in a manifest", mname, line);
    bool to_stream = nf < 3 || strcmp(f[2].data, "-") == 0;
    al_buf where = {0};
    char *src = resolve(dir, dir_len, f[0].data);
    char *tgt = resolve(dir, dir_len, f[1].data);
    char *out = to_stream ? NULL : resolve(dir, dir_len, f[2].data);
    int rc;
    if (al_buf_printf(&where, "%s:%zu", mname, line) == AL_OK &&
        src != NULL && tgt != NULL && (to_stream || out != NULL))
        rc = al_batch_add(b, src, tgt, out, where.data, err);
    else
        rc = al_fail(err, AL_ENOMEM, "out of memory");
    al_buf_free(&where);
    free(src);
    free(tgt);
    free(out);
    return rc;
}

static int parse_manifest(al_batch *b, const char *mname, const char *data,
                          size_t len, const char *dir, size_t dir_len,
                          al_error *err)
{
    al_buf f[3] = {{0}, {0}, {0}};
    int rc = AL_OK;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    al_lines it = {data, data + len, 0};
    const char *s;
    size_t n;
    while (rc == AL_OK && al_lines_next(&it, &s, &n)) {
        size_t line = it.lineno;
        size_t k = 0;
        while (k < n && blank(s[k]))
            k++;
        const char *why = NULL;
        if (memchr(s, '\0', n) != NULL) {
            rc = al_fail(err, AL_EINVAL, "%s:%zu: NUL byte: not a manifest",
                         mname, line);
        } else if (k < n && s[k] != '#') {
            int nf = split_fields(s, n, f, &why);
            rc = nf < 0 ? al_fail(err, AL_EINVAL, "%s:%zu: %s", mname, line,
                                  why)
                        : add_line(b, mname, line, dir, dir_len, f, nf, err);
        }
    }
    for (int i = 0; i < 3; i++)
        al_buf_free(&f[i]);
    return rc;
}

int al_batch_read_manifest(al_batch *b, const char *path, al_error *err)
{
    char *data;
    size_t len;
    if (al_read_file(path, &data, &len, err) != AL_OK)
        return err ? err->code : AL_EIO;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *mname = is_stdin ? "(stdin)" : path;
    const char *slash = is_stdin ? NULL : strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t before = b->n;
    int rc = parse_manifest(b, mname, data, len, path, dir_len, err);
    free(data);
    if (rc != AL_OK) {
        for (size_t i = before; i < b->n; i++)
            pair_free(&b->pairs[i]);
        b->n = before;
    }
    return rc;
}

/* ---- running ---- */

static int cmp_output(const void *x, const void *y)
{
    const pair *a = *(pair *const *)x, *c = *(pair *const *)y;
    int d = strcmp(a->output, c->output);
    return d ? d : (a->pub.index > c->pub.index) - (a->pub.index < c->pub.index);
}

/* Two pairs writing one file would make the result depend on timing. */
static int check_outputs(al_batch *b, al_error *err)
{
    pair **v = al_calloc(b->n, sizeof *v);
    if (v == NULL)
        return al_fail(err, AL_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->pairs[i].output != NULL)
            v[k++] = &b->pairs[i];
    qsort(v, k, sizeof *v, cmp_output);
    int rc = AL_OK;
    for (size_t i = 1; i < k && rc == AL_OK; i++)
        if (strcmp(v[i - 1]->output, v[i]->output) == 0)
            rc = al_fail(err, AL_EINVAL, "%s: output file %s is also the "
                         "output of %s", v[i]->where ? v[i]->where : "batch",
                         v[i]->output, v[i - 1]->where ? v[i - 1]->where
                                                       : "another pair");
    free(v);
    return rc;
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode)
           ? (uint64_t)st.st_size : 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Writes R to P's output file through a temporary file beside it. */
static int write_file(al_batch *b, pair *p, const al_result *r,
                      const al_write_options *wo, al_error *err)
{
    size_t n = strlen(p->output) + 64;
    char *tmp = al_malloc(n);
    if (tmp == NULL)
        return al_fail(err, AL_ENOMEM, "out of memory");
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
        snprintf(tmp, n, "%s.tmp%ld-%zu-%d", p->output, (long)getpid(),
                 p->pub.index, attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return al_fail(err, AL_EIO, "%s: cannot create: %s", p->output,
                       strerror(e));
    }
    FILE *f = fdopen(fd, "wb");
    int rc = f ? AL_OK : al_fail(err, AL_ENOMEM, "out of memory");
    if (f == NULL)
        close(fd);
    if (rc == AL_OK) {
        rc = al_write(r, b->bo->format, f, wo, err);
        if (fclose(f) != 0 && rc == AL_OK)
            rc = al_fail(err, AL_EIO, "write error: %s", strerror(errno));
    }
    if (rc == AL_OK && rename(tmp, p->output) != 0)
        rc = al_fail(err, AL_EIO, "cannot rename to %s: %s", p->output,
                     strerror(errno));
    if (rc != AL_OK)
        unlink(tmp);
    free(tmp);
    if (rc != AL_OK && err != NULL && rc != AL_ENOMEM &&
        strncmp(err->message, p->output, strlen(p->output)) != 0) {
        char m[sizeof err->message];
        snprintf(m, sizeof m, "%s: %s", p->output, err->message);
        memcpy(err->message, m, sizeof m);
    }
    return rc;
}

/* Renders R into memory for its turn on the stream. */
static int write_buffer(al_batch *b, pair *p, const al_result *r,
                        const al_write_options *wo, al_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return al_fail(err, AL_ENOMEM, "out of memory");
    int rc = al_write(r, b->bo->format, f, wo, err);
    if (fclose(f) != 0 && rc == AL_OK)
        rc = al_fail(err, AL_ENOMEM, "out of memory");
    if (rc != AL_OK) {
        free(buf);
        return rc;
    }
    p->buf = buf;
    p->buf_len = len;
    return AL_OK;
}

/* Writes R for pair P: to its file, straight to the stream when P is next
 * in line and nobody writes there, or into memory. */
static int write_pair(al_batch *b, pair *p, const al_result *r,
                      al_error *err)
{
    al_write_options wo = {0};
    if (b->bo->write_options != NULL)
        wo = *b->bo->write_options;
    wo.source_name = p->source;
    wo.target_name = p->target;
    if (p->output != NULL) {
        wo.color = 0;
        return write_file(b, p, r, &wo, err);
    }
    pthread_mutex_lock(&b->lock);
    bool direct = !b->emitting && b->next_emit == p->pub.index;
    if (direct)
        b->emitting = true;
    bool failed = b->stream_failed;
    pthread_mutex_unlock(&b->lock);
    if (!direct)
        return write_buffer(b, p, r, &wo, err);
    p->direct = true;
    if (failed)
        return AL_OK;
    al_error werr = {0, ""};
    if (al_write(r, b->bo->format, b->out, &wo, &werr) != AL_OK ||
        ferror(b->out)) {
        if (werr.code != AL_EIO && !ferror(b->out)) {
            *err = werr;    /* not the stream's fault (out of memory) */
            return werr.code;
        }
        pthread_mutex_lock(&b->lock);
        b->stream_failed = true;
        pthread_mutex_unlock(&b->lock);
    }
    return AL_OK;
}

/* Records the sentence counts of P's texts (0 for a text not read). */
static void note_sentences(pair *p, const al_text *src, const al_text *tgt)
{
    p->pub.sentences[0] = src ? al_text_count(src) : 0;
    p->pub.sentences[1] = tgt ? al_text_count(tgt) : 0;
}

/* Reads, aligns and writes pair P. Records the outcome in P. */
static void run_pair(al_batch *b, pair *p)
{
    if (p->failed_early)
        return;              /* status and message are the first pass's */
    al_error err = {0, ""};
    al_model *m = b->m;
    al_text *src, *tgt;
    al_text_read_pair(m, p->source, p->target, &src, &tgt, &err);
    al_result *r = tgt ? al_align_learned(m, src, tgt, b->learner, &err)
                       : NULL;
    note_sentences(p, src, tgt);
    int rc = r ? write_pair(b, p, r, &err) : (err.code ? err.code : AL_EIO);
    if (rc == AL_OK) {
        p->pub.beads = al_result_count(r);
        p->pub.max_severity = al_result_max_severity(r);
    } else {
        p->pub.max_severity = -1;
        p->message = al_strndup(err.message, strlen(err.message));
    }
    p->pub.status = rc;
    al_result_free(r);
    al_text_free(tgt);
    al_text_free(src);
}

/* Writes waiting pairs in order and reports them. Called with LOCK held and
 * the emitter role taken; returns with LOCK held and the role given up. */
static void emit(al_batch *b)
{
    while (b->next_emit < b->n && b->pairs[b->next_emit].done) {
        pair *p = &b->pairs[b->next_emit];
        bool failed = b->stream_failed;
        pthread_mutex_unlock(&b->lock);
        if (p->buf != NULL && !failed &&
            (fwrite(p->buf, 1, p->buf_len, b->out) != p->buf_len ||
             ferror(b->out)))
            failed = true;
        pthread_mutex_lock(&b->report);
        if (b->bo->on_pair != NULL)
            b->bo->on_pair(&p->pub, b->bo->ud);
        pthread_mutex_unlock(&b->report);
        pthread_mutex_lock(&b->lock);
        if (failed)
            b->stream_failed = true;
        b->buffered -= p->buf_len;
        free(p->buf);
        p->buf = NULL;
        p->buf_len = 0;
        b->next_emit++;
        pthread_cond_broadcast(&b->room);
    }
    b->emitting = false;
}

/* Counts pair P as done in this pass and reports progress. Called with
 * LOCK held. */
static void count_done(al_batch *b, const pair *p)
{
    al_batch_progress *g = &b->progress;
    g->pairs_done++;
    g->sentences_done += p->pub.sentences[0] + p->pub.sentences[1];
    g->bytes_done += p->bytes;
    g->seconds = seconds_since(&b->start);
    if (b->bo->on_progress != NULL) {
        pthread_mutex_lock(&b->report);
        b->bo->on_progress(g, b->bo->ud);
        pthread_mutex_unlock(&b->report);
    }
}

/* Marks P done, reports progress, and writes what can be written. Called
 * with LOCK held. */
static void finish(al_batch *b, pair *p)
{
    if (p->pub.status != AL_OK)
        p->pub.message = p->message ? p->message
                                    : al_strerror(p->pub.status);
    p->done = true;
    b->buffered += p->buf_len;
    if (p->pub.status != AL_OK)
        b->failed++;
    count_done(b, p);
    /* P's thread holds the role when it wrote P straight to the stream. */
    if (p->direct || (!b->emitting && b->next_emit == p->pub.index)) {
        b->emitting = true;
        emit(b);
    }
}

static void *worker(void *arg)
{
    al_batch *b = arg;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        /* The pair next in line is always taken: it can be written
         * straight away and lowers the memory held by the others. */
        while (b->next_take < b->n && b->buffered > b->max_buffered &&
               b->next_take != b->next_emit)
            pthread_cond_wait(&b->room, &b->lock);
        if (b->next_take >= b->n)
            break;
        pair *p = &b->pairs[b->next_take++];
        pthread_mutex_unlock(&b->lock);
        run_pair(b, p);
        pthread_mutex_lock(&b->lock);
        finish(b, p);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* Can PATH be read a second time? Standard input, pipes and devices
 * cannot; a missing file is left for the reader to report. */
static bool rereadable(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return false;
    return stat(path, &st) != 0 || S_ISREG(st.st_mode);
}

/* The learning pass for pair P: reads it, aligns it once and counts the
 * alignment in the batch's learner. A pair that fails here is reported
 * once, in the second pass, and not run again. */
static void learn_pair(al_batch *b, pair *p)
{
    al_error err = {0, ""};
    al_text *src = NULL, *tgt = NULL;
    const char *once = !rereadable(p->source) ? p->source
                       : !rereadable(p->target) ? p->target : NULL;
    if (once != NULL)
        al_fail(&err, AL_EINVAL, "%s: not a regular file, and learning "
                "over the batch reads every pair twice",
                strcmp(once, "-") == 0 ? "(stdin)" : once);
    else
        al_text_read_pair(b->m, p->source, p->target, &src, &tgt, &err);
    int rc = tgt ? al_first_pass(b->m, src, tgt, b->learner, &err)
                 : (err.code ? err.code : AL_EIO);
    note_sentences(p, src, tgt);
    if (rc != AL_OK) {
        p->failed_early = true;
        p->pub.status = rc;
        p->pub.max_severity = -1;
        p->message = al_strndup(err.message, strlen(err.message));
    }
    al_text_free(tgt);
    al_text_free(src);
}

static void *learn_worker(void *arg)
{
    al_batch *b = arg;
    pthread_mutex_lock(&b->lock);
    while (b->next_learn < b->n) {
        pair *p = &b->pairs[b->next_learn++];
        pthread_mutex_unlock(&b->lock);
        learn_pair(b, p);
        pthread_mutex_lock(&b->lock);
        count_done(b, p);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 1024 ? 1024 : (int)n;
}

/* Runs WORKER on JOBS threads (the caller's thread being one of them). */
static int run_threads(al_batch *b, void *(*fn)(void *), int jobs,
                       al_error *err)
{
    pthread_t *t = al_calloc((size_t)jobs, sizeof *t);
    if (t == NULL)
        return al_fail(err, AL_ENOMEM, "out of memory");
    int started = 0, rc = AL_OK;
    for (; started < jobs - 1; started++) {
        int e = pthread_create(&t[started], NULL, fn, b);
        if (e != 0) {
            if (started == 0)
                rc = al_fail(err, AL_ENOMEM, "cannot start a thread: %s",
                             strerror(e));
            break;    /* with fewer threads, the work still gets done */
        }
    }
    if (rc == AL_OK)
        fn(b);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
    return rc;
}

/* The learning pass: every pair aligned once, counted by a new learner,
 * which then chooses its pairs. */
static int learn_over_batch(al_batch *b, int jobs, al_error *err)
{
    b->learner = al_learner_new();
    if (b->learner == NULL)
        return al_fail(err, AL_ENOMEM, "out of memory");
    b->progress.pass = 1;
    b->progress.passes = 2;
    int rc = run_threads(b, learn_worker, jobs, err);
    if (rc == AL_OK && al_learner_finish(b->learner) != AL_OK)
        rc = al_fail(err, AL_ENOMEM, "out of memory");
    return rc;
}

int al_batch_run(al_batch *b, const al_batch_options *bo, al_error *err)
{
    al_batch_options defaults;
    if (bo == NULL) {
        al_batch_options_init(&defaults);
        bo = &defaults;
    }
    if (b->ran)
        return al_fail(err, AL_EINVAL, "a batch runs only once");
    int rc = check_outputs(b, err);
    if (rc != AL_OK)
        return rc;
    b->ran = true;
    b->bo = bo;
    b->out = bo->out ? bo->out : stdout;
    b->max_buffered = bo->max_buffered ? bo->max_buffered : BUFFER_MAX;
    b->progress.pairs = b->n;
    b->progress.pass = b->progress.passes = 1;
    for (size_t i = 0; i < b->n; i++) {
        pair *p = &b->pairs[i];
        p->bytes = file_size(p->source) + file_size(p->target);
        b->progress.bytes += p->bytes;
    }
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    int jobs = bo->jobs > 0 ? bo->jobs : online_cores();
    if ((size_t)jobs > b->n)
        jobs = b->n > 0 ? (int)b->n : 1;
    pthread_mutex_init(&b->lock, NULL);
    pthread_mutex_init(&b->report, NULL);
    pthread_cond_init(&b->room, NULL);
    if (bo->learn_batch && b->m->opt.second_pass) {
        /* A first pass over every pair, counted by one learner; then the
         * pass below aligns every pair again with what it learned. */
        rc = learn_over_batch(b, jobs, err);
        b->progress.pass = 2;
        b->progress.pairs_done = b->progress.sentences_done = 0;
        b->progress.bytes_done = 0;
        clock_gettime(CLOCK_MONOTONIC, &b->start);
    }
    if (rc == AL_OK)
        rc = run_threads(b, worker, jobs, err);
    pthread_cond_destroy(&b->room);
    pthread_mutex_destroy(&b->report);
    pthread_mutex_destroy(&b->lock);
    al_learner_free(b->learner);
    b->learner = NULL;
    return rc != AL_OK ? rc : b->failed;
}
