/*
 * util.c - errors, memory, buffers, UTF-8, hashing, string interning, files.
 */
#include "config.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *al_strerror(int code)
{
    switch (code) {
    case AL_OK: return "success";
    case AL_ENOMEM: return "out of memory";
    case AL_EIO: return "input/output error";
    case AL_EENCODING: return "invalid bytes for the input encoding";
    case AL_EBINARY: return "binary input";
    case AL_ETOOBIG: return "input too large";
    case AL_EINVAL: return "invalid argument";
    case AL_EDICT: return "dictionary or list could not be loaded";
    case AL_EEMPTY: return "no text";
    default: return "unknown error";
    }
}

int al_fail(al_error *err, int code, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void *al_malloc(size_t n)
{
    return malloc(n == 0 ? 1 : n);
}

void *al_calloc(size_t n, size_t size)
{
    return calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);
}

void *al_realloc_array(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return realloc(p, n * size == 0 ? 1 : n * size);
}

void *al_grow_array(void *p, size_t *cap, size_t size, size_t first)
{
    size_t n = *cap ? *cap * 2 : first;
    void *q = n > *cap ? al_realloc_array(p, n, size) : NULL;
    if (q != NULL)
        *cap = n;
    return q;
}

char *al_strndup(const char *s, size_t n)
{
    char *d = al_malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

int al_buf_reserve(al_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return AL_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return AL_OK;
    size_t cap = b->cap < 64 ? 64 : b->cap;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = realloc(b->data, cap);
    if (d == NULL)
        return AL_ENOMEM;
    b->data = d;
    b->cap = cap;
    return AL_OK;
}

int al_buf_append(al_buf *b, const char *s, size_t n)
{
    if (al_buf_reserve(b, n) != AL_OK)
        return AL_ENOMEM;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return AL_OK;
}

int al_buf_putc(al_buf *b, char c)
{
    return al_buf_append(b, &c, 1);
}

int al_buf_printf(al_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || al_buf_reserve(b, (size_t)n) != AL_OK)
        return AL_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return AL_OK;
}

void al_buf_free(al_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool al_is_closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
           cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x201C ||
           cp == 0x203A;
}

bool al_is_double_quote(int32_t cp)
{
    return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
           cp == 0x201D || cp == 0x201E;
}

size_t al_utf8_decode_multi(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    *cp = (int32_t)c;
    if (c < 0x80)
        return 1;
    size_t len;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t al_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

uint64_t al_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* ---- string interning ---- */

struct al_strtab {
    uint64_t *slots;         /* hash's lower half << 32 | id + 1, 0 = empty
                              * (fewer than 2^31 strings: 2^32 slots) */
    size_t n_slots;
    uint32_t *offs;          /* offset of string id in arena */
    size_t count, cap;
    al_buf arena;
};

al_strtab *al_strtab_new(void)
{
    al_strtab *t = al_calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->n_slots = 1024;
    t->slots = al_calloc(t->n_slots, sizeof *t->slots);
    if (t->slots == NULL) {
        free(t);
        return NULL;
    }
    return t;
}

void al_strtab_free(al_strtab *t)
{
    if (t == NULL)
        return;
    free(t->slots);
    free(t->offs);
    al_buf_free(&t->arena);
    free(t);
}

/* A slot's place comes from the hash's lower half kept in it: the strings
 * are not hashed again. */
static int strtab_grow(al_strtab *t)
{
    size_t n = t->n_slots * 2;
    uint64_t *slots = al_calloc(n, sizeof *slots);
    if (slots == NULL)
        return AL_ENOMEM;
    for (size_t k = 0; k < t->n_slots; k++) {
        uint64_t v = t->slots[k];
        if (v == 0)
            continue;
        size_t h = (size_t)(v >> 32) & (n - 1);
        while (slots[h] != 0)
            h = (h + 1) & (n - 1);
        slots[h] = v;
    }
    free(t->slots);
    t->slots = slots;
    t->n_slots = n;
    return AL_OK;
}

int32_t al_strtab_id(al_strtab *t, const char *s, size_t n, bool add)
{
    size_t mask = t->n_slots - 1;
    uint64_t tag = al_hash(s, n) << 32;
    size_t h = (size_t)(tag >> 32) & mask;
    while (t->slots[h] != 0) {
        uint64_t v = t->slots[h];
        if ((v & 0xFFFFFFFF00000000ULL) == tag) {
            int32_t id = (int32_t)(uint32_t)v - 1;
            const char *c = t->arena.data + t->offs[id];
            if (strncmp(c, s, n) == 0 && c[n] == '\0')
                return id;
        }
        h = (h + 1) & mask;
    }
    if (!add || t->count >= INT32_MAX - 1)
        return -1;
    if (t->count == t->cap) {
        uint32_t *o = al_grow_array(t->offs, &t->cap, sizeof *o, 256);
        if (o == NULL)
            return -1;
        t->offs = o;
    }
    if (t->arena.len > UINT32_MAX - n - 1)
        return -1;
    uint32_t off = (uint32_t)t->arena.len;
    if (al_buf_append(&t->arena, s, n) != AL_OK ||
        al_buf_append(&t->arena, "", 1) != AL_OK)
        return -1;
    int32_t id = (int32_t)t->count++;
    t->offs[id] = off;
    t->slots[h] = tag | (uint32_t)(id + 1);
    if (t->count * 2 > t->n_slots && strtab_grow(t) != AL_OK)
        return -1;
    return id;
}

const char *al_strtab_str(const al_strtab *t, int32_t id)
{
    return t->arena.data + t->offs[id];
}

size_t al_strtab_count(const al_strtab *t)
{
    return t->count;
}

/* ---- files ---- */

void al_run_two(void *(*fn)(void *), void *a, void *b)
{
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, fn, b) == 0;
    fn(a);
    if (threaded)
        pthread_join(th, NULL);
    else
        fn(b);
}

int al_read_file(const char *path, char **data, size_t *len, al_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return al_fail(err, AL_EIO, "%s: cannot open: %s", path,
                       strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return al_fail(err, AL_EIO, "%s: is a directory", path);
    }
    al_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > AL_MAX_INPUT) {
            al_buf_free(&b);
            if (f != stdin)
                fclose(f);
            return al_fail(err, AL_ETOOBIG,
                           "%s: larger than the limit of %zu MiB", path,
                           AL_MAX_INPUT >> 20);
        }
        if (al_buf_append(&b, chunk, n) != AL_OK) {
            al_buf_free(&b);
            if (f != stdin)
                fclose(f);
            return al_fail(err, AL_ENOMEM, "%s: out of memory", path);
        }
    }
    int bad = ferror(f);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (bad) {
        al_buf_free(&b);
        return al_fail(err, AL_EIO, "%s: read error: %s", path,
                       strerror(saved));
    }
    if (b.data == NULL && al_buf_reserve(&b, 0) != AL_OK)
        return al_fail(err, AL_ENOMEM, "%s: out of memory", path);
    b.data[b.len] = '\0';
    *data = b.data;
    *len = b.len;
    return AL_OK;
}

bool al_lines_next(al_lines *it, const char **line, size_t *n)
{
    if (it->next >= it->end)
        return false;
    const char *s = it->next;
    const char *nl = memchr(s, '\n', (size_t)(it->end - s));
    size_t k = nl ? (size_t)(nl - s) : (size_t)(it->end - s);
    it->next = nl ? nl + 1 : it->end;
    if (k > 0 && s[k - 1] == '\r')
        k--;
    it->lineno++;
    *line = s;
    *n = k;
    return true;
}

/* ---- languages ---- */

static const char *const lang_names[AL_LANG_COUNT] = {"de", "fr", "en"};

al_lang al_lang_from_name(const char *name)
{
    if (name == NULL)
        return AL_LANG_UNKNOWN;
    for (int i = 0; i < AL_LANG_COUNT; i++)
        if (strncmp(name, lang_names[i], 2) == 0 &&
            (name[2] == '\0' || name[2] == '_' || name[2] == '-'))
            return (al_lang)i;
    return AL_LANG_UNKNOWN;
}

const char *al_lang_name(al_lang l)
{
    return l >= 0 && l < AL_LANG_COUNT ? lang_names[l] : "und";
}
