/*
 * fuzz_manifest.c - batch manifests (al_batch_read_manifest).
 *
 * Input: the bytes of a manifest, read from an in-memory file. No pair is
 * run.
 * Checks: the manifest is refused with AL_EINVAL and a message
 * "PATH:LINE: ..." naming a line that exists, and then adds no pair; or it
 * is accepted, and every pair has non-empty names, a WHERE "PATH:LINE",
 * and writing the pairs back as a manifest (every name quoted) reads back
 * the same pairs.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1        /* memfd_create */
#endif
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

/* An in-memory file holding N bytes of DATA; its path in *PATH. */
static int mem_file(int *fd, const char *data, size_t n, char *path,
                    size_t cap)
{
    if (*fd < 0)
        *fd = memfd_create("manifest", 0);
    if (*fd < 0 || ftruncate(*fd, 0) != 0 ||
        (n > 0 && pwrite(*fd, data, n, 0) != (ssize_t)n))
        return -1;
    snprintf(path, cap, "/proc/self/fd/%d", *fd);
    return 0;
}

/* Appends NAME to B in double quotes, with \ and " escaped. */
static void quote(al_buf *b, const char *name)
{
    al_buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"' || *p == '\\')
            al_buf_putc(b, '\\');
        al_buf_putc(b, *p);
    }
    al_buf_putc(b, '"');
}

static size_t count_lines(const char *s, size_t n)
{
    size_t lines = n > 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' && i + 1 < n)
            lines++;
    return lines;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd1 = -1, fd2 = -1;
    char path[64], path2[64];
    FUZZ_ASSERT(mem_file(&fd1, (const char *)data, size, path,
                         sizeof path) == 0);
    al_model *m = fuzz_model(1, 2);
    al_error err;
    al_batch *b = al_batch_new(m, &err);
    FUZZ_ASSERT(b != NULL);
    int rc = al_batch_read_manifest(b, path, &err);
    size_t plen = strlen(path);
    if (rc != AL_OK) {
        FUZZ_ASSERT(rc == AL_EINVAL && err.code == AL_EINVAL);
        FUZZ_ASSERT(strncmp(err.message, path, plen) == 0 &&
                    err.message[plen] == ':');
        char *end;
        unsigned long line = strtoul(err.message + plen + 1, &end, 10);
        FUZZ_ASSERT(*end == ':' && line >= 1 &&
                    line <= count_lines((const char *)data, size));
        FUZZ_ASSERT(al_batch_count(b) == 0);
        al_batch_free(b);
        return 0;
    }
    al_buf again = {0};
    for (size_t i = 0; i < al_batch_count(b); i++) {
        const al_batch_pair *p = al_batch_get(b, i);
        FUZZ_ASSERT(p != NULL && p->index == i);
        FUZZ_ASSERT(p->source != NULL && p->source[0] != '\0');
        FUZZ_ASSERT(p->target != NULL && p->target[0] != '\0');
        FUZZ_ASSERT(p->output == NULL || p->output[0] != '\0');
        FUZZ_ASSERT(p->where != NULL && strncmp(p->where, path, plen) == 0 &&
                    p->where[plen] == ':');
        quote(&again, p->source);
        al_buf_putc(&again, ' ');
        quote(&again, p->target);
        if (p->output != NULL) {
            al_buf_putc(&again, '\t');
            quote(&again, p->output);
        }
        al_buf_putc(&again, '\n');
    }
    FUZZ_ASSERT(mem_file(&fd2, again.data ? again.data : "", again.len, path2,
                         sizeof path2) == 0);
    al_batch *b2 = al_batch_new(m, &err);
    FUZZ_ASSERT(b2 != NULL);
    FUZZ_ASSERT(al_batch_read_manifest(b2, path2, &err) == AL_OK);
    FUZZ_ASSERT(al_batch_count(b2) == al_batch_count(b));
    for (size_t i = 0; i < al_batch_count(b); i++) {
        const al_batch_pair *p = al_batch_get(b, i);
        const al_batch_pair *q = al_batch_get(b2, i);
        FUZZ_ASSERT(strcmp(p->source, q->source) == 0);
        FUZZ_ASSERT(strcmp(p->target, q->target) == 0);
        FUZZ_ASSERT((p->output == NULL) == (q->output == NULL));
        FUZZ_ASSERT(p->output == NULL || strcmp(p->output, q->output) == 0);
    }
    al_buf_free(&again);
    al_batch_free(b2);
    al_batch_free(b);
    return 0;
}
