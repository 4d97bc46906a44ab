/*
 * tap.h - a minimal TAP producer for the unit tests (automake's TAP driver
 * reads it). Every check prints "ok N - name" or "not ok N - name" with the
 * expected and actual values.
 */
#ifndef ALIGN_TAP_H
#define ALIGN_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count, tap_failed;

/* PATH (SIZE bytes) gets REL below the source tree: top_srcdir, which
 * make check sets, or the current folder. Returns PATH. */
static inline const char *tap_data(char *path, size_t size, const char *rel)
{
    const char *top = getenv("top_srcdir");
    snprintf(path, size, "%s/%s", top && *top ? top : ".", rel);
    return path;
}

static inline int tap_ok(int cond, const char *file, int line,
                         const char *name)
{
    tap_count++;
    printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
    if (!cond) {
        tap_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    return cond;
}

#define ok(cond, name) tap_ok((cond) != 0, __FILE__, __LINE__, (name))

#define is_int(got, want, name) do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        if (!tap_ok(g_ == w_, __FILE__, __LINE__, (name))) \
            printf("#   got %lld, expected %lld\n", g_, w_); \
    } while (0)

#define is_str(got, want, name) do { \
        const char *g_ = (got), *w_ = (want); \
        int same_ = g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 : g_ == w_; \
        if (!tap_ok(same_, __FILE__, __LINE__, (name))) \
            printf("#   got      '%s'\n#   expected '%s'\n", \
                   g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

#define is_mem(got, glen, want, name) do { \
        const char *w2_ = (want); size_t gl_ = (glen); \
        int same2_ = strlen(w2_) == gl_ && memcmp((got), w2_, gl_) == 0; \
        if (!tap_ok(same2_, __FILE__, __LINE__, (name))) \
            printf("#   got      '%.*s'\n#   expected '%s'\n", \
                   (int)gl_, (const char *)(got), w2_); \
    } while (0)

static inline int done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
