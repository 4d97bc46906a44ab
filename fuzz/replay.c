/*
 * replay.c - runs a fuzz target over saved inputs without libFuzzer, so that
 * every build (gcc, sanitizers, valgrind) replays the seed corpus and the
 * inputs that once broke something.
 *
 * Usage: replay-TARGET [FILE|DIR]...
 * Without arguments it reads $top_srcdir/fuzz/corpus/TARGET and
 * $top_srcdir/tests/fuzz-regress/TARGET. Prints TAP: one "ok" per input
 * that ran through; a broken invariant aborts, which the TAP driver reports
 * (the "# input" line before it names the file).
 */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET must name the target (decode, segment, align, write)"
#endif

static int count;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("not ok %d - %s: cannot open\n", ++count, path);
        return 1;
    }
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf != NULL && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL) {
        printf("not ok %d - %s: out of memory\n", ++count, path);
        return 1;
    }
    printf("# input %s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
    free(buf);
    printf("ok %d - %s\n", ++count, path);
    return 0;
}

static int skip_name(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

static int run_path(const char *path, int must_exist)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (!must_exist)
            return 0;
        printf("not ok %d - %s: missing\n", ++count, path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    struct dirent **names;
    int n = scandir(path, &names, skip_name, alphasort);
    if (n < 0) {
        printf("not ok %d - %s: cannot list\n", ++count, path);
        return 1;
    }
    int failed = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *p = malloc(len);
        if (p != NULL) {
            snprintf(p, len, "%s/%s", path, names[i]->d_name);
            failed += run_path(p, 1);
        }
        free(p);
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            failed += run_path(argv[i], 1);
    } else {
        const char *top = getenv("top_srcdir");
        if (top == NULL || *top == '\0')
            top = ".";
        static const char *const dirs[] = {"fuzz/corpus/", "tests/fuzz-regress/"};
        for (int d = 0; d < 2; d++) {
            size_t len = strlen(top) + 64;
            char *p = malloc(len);
            if (p == NULL)
                return 99;
            snprintf(p, len, "%s/%s%s", top, dirs[d], FUZZ_TARGET);
            failed += run_path(p, d == 0);
            free(p);
        }
    }
    printf("1..%d\n", count);
    return failed ? 1 : 0;
}
