/*
 * check-measure.c - how well the checker finds planted faults, and how often
 * it cries wolf.
 *
 * Takes a clean aligned set (one sentence per line: de.txt source, fr.txt
 * target, gold.txt vecalign beads; tests/data/textberg-dev by default),
 * plants faults of one kind at a time into copies of the target side, with a
 * seed, runs the checker and prints, per fault kind, the share of planted
 * faults flagged with the right code (warning or error) on the bead that
 * contains the planted sentence, and the share of untouched beads that got a
 * warning or an error (false alarms).
 *
 * Each run is measured twice: on the gold beads (the checker alone, given a
 * perfect alignment) and on the beads of the aligner (what a user gets).
 *
 * With --heldout DIR it also measures an article pair with known faults
 * (DIR/fr.txt source, DIR/de.txt target, raw text, DIR/faults.txt; see
 * bench/check-heldout/README).
 *
 * This is a benchmark: it prints numbers and asserts nothing. Usage:
 *   bench/check-measure [--data DIR] [--seed N] [--trials N] [--per-doc N]
 *                       [--heldout DIR] [--show clean|false|KIND] [--signals]
 *                       [--adjudicated FILE]
 * The clean set's flags that point at real differences of its text (listed
 * with a reason in bench/check-dev-adjudicated.txt) are counted apart from
 * false alarms; --show false lists the others.
 * --signals needs a measurement build of the library (CPPFLAGS=
 * -DAL_CHECK_SIGNALS): it prints every garbled signal of the clean beads
 * and of the beads of planted scrambled sentences.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- lines and gold beads ---- */

typedef struct {
    char **v;
    size_t n, cap;
} lines;

static void lines_push(lines *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (l->v == NULL)
            abort();
    }
    l->v[l->n++] = s;
}

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (d == NULL)
        abort();
    return d;
}

static int read_lines(const char *path, lines *out)
{
    char *data;
    size_t len;
    al_error err;
    if (al_read_file(path, &data, &len, &err) != AL_OK) {
        fprintf(stderr, "check-measure: %s\n", err.message);
        return -1;
    }
    memset(out, 0, sizeof *out);
    char *p = data;
    while (p < data + len) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
        lines_push(out, al_strndup(p, n));
        p += n + 1;
    }
    free(data);
    return 0;
}

typedef struct {
    size_t s[8], ns, t[8], nt;
} gbead;

typedef struct {
    gbead *v;
    size_t n, cap;
} gbeads;

static void gb_push(gbeads *g, const gbead *b)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 256;
        g->v = realloc(g->v, g->cap * sizeof *g->v);
        if (g->v == NULL)
            abort();
    }
    g->v[g->n++] = *b;
}

static size_t parse_list(const char *p, size_t *out, const char **end)
{
    size_t n = 0;
    p = strchr(p, '[') + 1;
    while (*p != ']') {
        char *e;
        unsigned long v = strtoul(p, &e, 10);
        if (e == p) {
            p++;
            continue;
        }
        if (n < 8)
            out[n++] = v;
        p = e;
    }
    *end = p + 1;
    return n;
}

static int read_gold(const char *path, gbeads *g)
{
    lines l;
    if (read_lines(path, &l) != 0)
        return -1;
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < l.n; i++) {
        if (strchr(l.v[i], '[') == NULL)
            continue;
        gbead b;
        const char *p;
        b.ns = parse_list(l.v[i], b.s, &p);
        b.nt = parse_list(p, b.t, &p);
        gb_push(g, &b);
    }
    lines_free(&l);
    return 0;
}

/* ---- random numbers (xorshift64*) ---- */

typedef struct {
    uint64_t s;
} rng;

static uint64_t rnd(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static size_t below(rng *r, size_t n)
{
    return n ? (size_t)(rnd(r) % n) : 0;
}

/* ---- tokens of a tokenized line ---- */

typedef struct {
    char *v[512];
    size_t n;
} toks;

static void split(const char *s, toks *t)
{
    t->n = 0;
    const char *p = s;
    while (*p && t->n < 512) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        t->v[t->n++] = al_strndup(p, (size_t)(e - p));
        p = e;
    }
}

static char *join(const toks *t)
{
    al_buf b = {0};
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            al_buf_putc(&b, ' ');
        al_buf_append(&b, t->v[i], strlen(t->v[i]));
    }
    al_buf_putc(&b, ' ');
    return b.data;
}

static void toks_free(toks *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    t->n = 0;
}

static bool has_letter(const char *s)
{
    for (; *s; s++)
        if (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') ||
            (unsigned char)*s >= 0xC0)
            return true;
    return false;
}

static size_t word_count(const char *s)
{
    toks t;
    split(s, &t);
    size_t k = 0;
    for (size_t i = 0; i < t.n; i++)
        k += has_letter(t.v[i]);
    toks_free(&t);
    return k;
}

static bool all_digits(const char *s)
{
    bool d = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            d = true;
        else if (*s != ',' && *s != '.')
            return false;
    }
    return d;
}

static bool contains_token(const char *line, const char *tok)
{
    toks t;
    split(line, &t);
    bool found = false;
    for (size_t i = 0; i < t.n && !found; i++)
        found = strcmp(t.v[i], tok) == 0;
    toks_free(&t);
    return found;
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* ---- fault kinds ---- */

enum {
    K_OMISSION, K_ADDITION, K_NUMBER, K_UNTRANSLATED, K_GARBLED, K_ENCODING,
    K_TRUNCATE, K_NAME, K_QUESTION, K_BRACKET, K_COUNT
};
#define K_REQUIRED 6      /* the kinds the issue sets a target for */

static const char *const kind_names[K_COUNT] = {
    "omission", "addition", "number", "untranslated", "garbled", "encoding",
    "truncate", "name", "question", "bracket",
};

static const char *const kind_what[K_COUNT] = {
    "drop a target sentence",
    "add a foreign sentence (English or German)",
    "change a number",
    "copy the source sentence untranslated",
    "shuffle a target sentence's words",
    "damage characters (?, ????, U+FFFD, mojibake)",
    "cut a sentence to 40 % of its words",
    "drop a name shared by both sides",
    "turn . into ? or ? into .",
    "drop a closing bracket",
};

/* Codes that count as finding a fault of KIND. */
static unsigned expected(int kind)
{
    switch (kind) {
    case K_OMISSION: return 1u << AL_FLAG_OMISSION;
    case K_ADDITION: return 1u << AL_FLAG_ADDITION |
                            1u << AL_FLAG_WRONG_LANGUAGE |
                            1u << AL_FLAG_UNTRANSLATED;
    case K_NUMBER: return 1u << AL_FLAG_NUMBER;
    case K_UNTRANSLATED: return 1u << AL_FLAG_UNTRANSLATED;
    case K_GARBLED: return 1u << AL_FLAG_GARBLED;
    case K_ENCODING: return 1u << AL_FLAG_ENCODING;
    case K_TRUNCATE: return 1u << AL_FLAG_LENGTH | 1u << AL_FLAG_GARBLED;
    case K_NAME: return 1u << AL_FLAG_NAME;
    default: return 1u << AL_FLAG_PUNCTUATION;
    }
}

/* ---- damaging text ---- */

static const uint16_t cp1252[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
    0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018,
    0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
    0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

/* VARIANT 0: each non-ASCII character becomes '?'; 1: mojibake (its UTF-8
 * bytes read as Windows-1252); 2: U+FFFD. */
static char *damage(const char *s, int variant)
{
    al_buf b = {0};
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t m = al_utf8_decode(u + i, n - i, &cp);
        if (m == 0)
            m = 1;
        if (cp < 0x80) {
            al_buf_putc(&b, (char)cp);
        } else if (variant == 0) {
            al_buf_putc(&b, '?');
        } else if (variant == 2) {
            al_buf_append(&b, "\xEF\xBF\xBD", 3);
        } else {
            for (size_t k = 0; k < m; k++) {
                char out[4];
                int32_t x = u[i + k] < 0xA0 ? cp1252[u[i + k] - 0x80]
                                            : u[i + k];
                al_buf_append(&b, out, al_utf8_encode(x, out));
            }
        }
        i += m;
    }
    al_buf_putc(&b, '\0');
    return b.data;
}

/* ---- planting ---- */

typedef struct {
    int kind;
    size_t gold;             /* index of the gold bead planted in */
    long tgt;                /* planted target line (new numbering), or -1 */
    long src;                /* for omission: the source line */
} fault;

typedef struct {
    lines src, tgt;          /* the planted copy */
    gbeads gold;             /* gold beads of the copy */
    fault f[256];
    size_t nf;
} planted;

typedef struct {
    lines de, fr;            /* the clean set */
    gbeads gold;
    lines foreign_en, foreign_de;
    unsigned *clean_codes;   /* per gold bead: codes (warning+) on clean run */
} dataset;

/* Changes the target line of a 1-1 bead for KIND; returns the new line
 * (malloc'ed) or NULL when the bead does not qualify. May also change the
 * source line (*NEW_SRC). */
static char *plant_line(int kind, const char *de, const char *fr, rng *r,
                        size_t nth, char **new_src)
{
    toks t;
    char *out = NULL;
    *new_src = NULL;
    split(fr, &t);
    switch (kind) {
    case K_NUMBER: {
        size_t cand[64], nc = 0;
        for (size_t i = 0; i < t.n && nc < 64; i++)
            if (all_digits(t.v[i]) && contains_token(de, t.v[i]))
                cand[nc++] = i;
        if (nc == 0)
            break;
        char *tok = t.v[cand[below(r, nc)]];
        size_t L = strlen(tok);
        while (L > 0 && !(tok[L - 1] >= '0' && tok[L - 1] <= '9'))
            L--;
        int d = tok[L - 1] - '0';
        tok[L - 1] = (char)('0' + (d + 1 + (int)below(r, 8)) % 10);
        out = join(&t);
        break;
    }
    case K_UNTRANSLATED:
        if (word_count(de) >= 4)
            out = xstrdup(de);
        break;
    case K_GARBLED: {
        size_t idx[512], nw = 0;
        for (size_t i = 0; i < t.n; i++)
            if (has_letter(t.v[i]))
                idx[nw++] = i;
        if (nw < 6)
            break;
        char *orig[512];
        for (size_t i = 0; i < nw; i++)
            orig[i] = t.v[idx[i]];
        for (int tries = 0; tries < 20; tries++) {
            char *perm[512];
            memcpy(perm, orig, nw * sizeof *perm);
            for (size_t i = nw - 1; i > 0; i--) {
                size_t j = below(r, i + 1);
                char *x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            size_t moved = 0;
            for (size_t i = 0; i < nw; i++)
                moved += strcmp(perm[i], orig[i]) != 0;
            if (2 * moved >= nw) {
                for (size_t i = 0; i < nw; i++)
                    t.v[idx[i]] = perm[i];
                out = join(&t);
                for (size_t i = 0; i < nw; i++)
                    t.v[idx[i]] = orig[i];
                break;
            }
        }
        break;
    }
    case K_ENCODING: {
        int variant = (int)(nth % 4);
        if (variant < 3) {
            if (has_non_ascii(fr))
                out = damage(fr, variant);
        } else if (word_count(fr) >= 4) {
            /* An emoji in the source, lost as ???? in the target. */
            al_buf b = {0};
            al_buf_append(&b, "\xF0\x9F\x94\xB4 ", 5);
            al_buf_append(&b, de, strlen(de) + 1);
            *new_src = b.data;
            b = (al_buf){0};
            al_buf_append(&b, "???? ", 5);
            al_buf_append(&b, fr, strlen(fr) + 1);
            out = b.data;
        }
        break;
    }
    case K_TRUNCATE: {
        size_t nw = 0;
        for (size_t i = 0; i < t.n; i++)
            nw += has_letter(t.v[i]);
        if (nw < 12)
            break;
        size_t keep = nw * 4 / 10, seen = 0, cut = 0;
        for (size_t i = 0; i < t.n && seen < keep; i++, cut = i)
            seen += has_letter(t.v[i]);
        const char *last = t.v[t.n - 1];
        bool punct = strcmp(last, ".") == 0 || strcmp(last, "?") == 0 ||
                     strcmp(last, "!") == 0;
        size_t total = t.n;
        t.n = cut;
        al_buf b = {0};
        char *head = join(&t);
        t.n = total;
        al_buf_append(&b, head, strlen(head));
        free(head);
        if (punct)
            al_buf_append(&b, last, strlen(last));
        al_buf_putc(&b, '\0');
        out = b.data;
        break;
    }
    case K_NAME: {
        size_t cand[64], nc = 0;
        for (size_t i = 1; i < t.n && nc < 64; i++) {
            const char *w = t.v[i];
            if (w[0] >= 'A' && w[0] <= 'Z' && strlen(w) >= 4 &&
                has_letter(w) && contains_token(de, w)) {
                size_t same = 0;
                for (size_t j = 0; j < t.n; j++)
                    same += strcmp(t.v[j], w) == 0;
                if (same == 1)
                    cand[nc++] = i;
            }
        }
        if (nc == 0)
            break;
        size_t k = cand[below(r, nc)];
        char *gone = t.v[k];
        memmove(&t.v[k], &t.v[k + 1], (t.n - k - 1) * sizeof *t.v);
        t.n--;
        out = join(&t);
        t.v[t.n++] = gone;            /* freed below */
        break;
    }
    case K_QUESTION: {
        toks s;
        split(de, &s);
        if (s.n > 3 && t.n > 3) {
            const char *a = s.v[s.n - 1];
            char *b = t.v[t.n - 1];
            if (strcmp(a, ".") == 0 && strcmp(b, ".") == 0) {
                b[0] = '?';
                out = join(&t);
            } else if (strcmp(a, "?") == 0 && strcmp(b, "?") == 0) {
                b[0] = '.';
                out = join(&t);
            }
        }
        toks_free(&s);
        break;
    }
    case K_BRACKET: {
        long close = -1;
        bool open = false;
        for (size_t i = 0; i < t.n; i++) {
            if (strcmp(t.v[i], "(") == 0)
                open = true;
            if (strcmp(t.v[i], ")") == 0 && open)
                close = (long)i;
        }
        if (close < 0)
            break;
        char *gone = t.v[close];
        memmove(&t.v[close], &t.v[close + 1],
                (t.n - (size_t)close - 1) * sizeof *t.v);
        t.n--;
        out = join(&t);
        t.v[t.n++] = gone;
        break;
    }
    default:
        break;
    }
    toks_free(&t);
    return out;
}

/* Plants up to PER_DOC faults of KIND into a copy of DS. */
static void plant(const dataset *ds, int kind, size_t per_doc, rng *r,
                  planted *p)
{
    size_t ng = ds->gold.n;
    size_t *order = malloc(ng * sizeof *order);
    char **new_tgt = calloc(ng, sizeof *new_tgt);   /* per bead: new line */
    char **new_src = calloc(ng, sizeof *new_src);
    char **insert = calloc(ng, sizeof *insert);     /* line after bead */
    bool *drop = calloc(ng, sizeof *drop);
    bool *used = calloc(ng, sizeof *used);
    if (!order || !new_tgt || !new_src || !insert || !drop || !used)
        abort();
    for (size_t i = 0; i < ng; i++)
        order[i] = i;
    for (size_t i = ng - 1; i > 0; i--) {
        size_t j = below(r, i + 1), x = order[i];
        order[i] = order[j];
        order[j] = x;
    }
    size_t count = 0;
    for (size_t k = 0; k < ng && count < per_doc; k++) {
        size_t g = order[k];
        const gbead *b = &ds->gold.v[g];
        if (g == 0 || g + 1 >= ng || b->ns != 1 || b->nt != 1)
            continue;
        if (ds->clean_codes[g] & expected(kind))
            continue;
        bool near = false;                /* keep faults two beads apart */
        for (size_t d = g >= 2 ? g - 2 : 0; d <= g + 2 && d < ng; d++)
            near |= used[d];
        if (near)
            continue;
        const char *de = ds->de.v[b->s[0]], *fr = ds->fr.v[b->t[0]];
        if (kind == K_OMISSION) {
            if (word_count(fr) < 4 || word_count(de) < 4)
                continue;
            drop[g] = true;
        } else if (kind == K_ADDITION) {
            const lines *src = count % 2 ? &ds->foreign_de : &ds->foreign_en;
            insert[g] = xstrdup(src->v[below(r, src->n)]);
        } else {
            char *ns = NULL;
            char *line = plant_line(kind, de, fr, r, count, &ns);
            if (line == NULL)
                continue;
            new_tgt[g] = line;
            new_src[g] = ns;
        }
        used[g] = true;
        count++;
    }
    /* Rebuild the copy bead by bead. */
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < ds->de.n; i++)
        lines_push(&p->src, xstrdup(ds->de.v[i]));
    for (size_t g = 0; g < ng; g++) {
        const gbead *b = &ds->gold.v[g];
        gbead nb = *b;
        nb.nt = 0;
        for (size_t k = 0; k < b->nt; k++) {
            if (drop[g])
                continue;
            nb.t[nb.nt++] = p->tgt.n;
            lines_push(&p->tgt, xstrdup(new_tgt[g] ? new_tgt[g]
                                                   : ds->fr.v[b->t[k]]));
        }
        if (new_src[g] != NULL) {
            free(p->src.v[b->s[0]]);
            p->src.v[b->s[0]] = xstrdup(new_src[g]);
        }
        if (used[g] && p->nf < 256) {
            fault *f = &p->f[p->nf++];
            f->kind = kind;
            f->gold = p->gold.n;
            f->src = drop[g] ? (long)b->s[0] : -1;
            f->tgt = drop[g] || insert[g] ? -1 : (long)nb.t[0];
        }
        gb_push(&p->gold, &nb);
        if (insert[g] != NULL) {
            gbead ins = {{0}, 0, {p->tgt.n}, 1};
            p->f[p->nf - 1].tgt = (long)p->tgt.n;
            p->f[p->nf - 1].gold = p->gold.n;
            lines_push(&p->tgt, xstrdup(insert[g]));
            gb_push(&p->gold, &ins);
        }
    }
    for (size_t g = 0; g < ng; g++) {
        free(new_tgt[g]);
        free(new_src[g]);
        free(insert[g]);
    }
    free(order);
    free(new_tgt);
    free(new_src);
    free(insert);
    free(drop);
    free(used);
}

/* ---- running the checker ---- */

typedef struct {
    al_bead *beads;
    size_t n;
    unsigned *codes;         /* per bead: codes flagged warning or error */
    long *tgt_bead, *src_bead;   /* per line: its bead */
    al_result *r;            /* kept for --show */
    al_text *s, *t;
} run;

static char *join_lines(const lines *l)
{
    al_buf b = {0};
    for (size_t i = 0; i < l->n; i++) {
        al_buf_append(&b, l->v[i], strlen(l->v[i]));
        al_buf_putc(&b, '\n');
    }
    al_buf_putc(&b, '\0');
    return b.data;
}

static void run_free(run *x)
{
    free(x->codes);
    free(x->tgt_bead);
    free(x->src_bead);
    al_result_free(x->r);
    al_text_free(x->s);
    al_text_free(x->t);
    memset(x, 0, sizeof *x);
}

/* Checks SRC/TGT on GOLD beads (GOLD non-NULL) or on the aligner's. */
static int check_run(al_model *m, const lines *src, const lines *tgt,
                     const gbeads *gold, run *x)
{
    al_error err;
    memset(x, 0, sizeof *x);
    char *a = join_lines(src), *b = join_lines(tgt);
    x->s = al_text_from_bytes(m, AL_SOURCE, "source", a, strlen(a), &err);
    x->t = x->s ? al_text_from_bytes(m, AL_TARGET, "target", b, strlen(b),
                                     &err) : NULL;
    free(a);
    free(b);
    if (x->t == NULL) {
        fprintf(stderr, "check-measure: %s\n", err.message);
        return -1;
    }
    if (gold != NULL) {
        al_result *r = al_calloc(1, sizeof *r);
        r->text[0] = x->s;
        r->text[1] = x->t;
        r->n_beads = gold->n;
        r->beads = al_calloc(gold->n, sizeof *r->beads);
        for (size_t i = 0; i < gold->n; i++) {
            const gbead *g = &gold->v[i];
            al_bead *bd = &r->beads[i];
            bd->src_begin = g->ns ? g->s[0] : (i ? r->beads[i - 1].src_begin +
                                               r->beads[i - 1].src_len : 0);
            bd->src_len = g->ns;
            bd->tgt_begin = g->nt ? g->t[0] : (i ? r->beads[i - 1].tgt_begin +
                                               r->beads[i - 1].tgt_len : 0);
            bd->tgt_len = g->nt;
            bd->score = 1.0;
        }
        if (al_check(m, r, NULL, &err) != AL_OK) {
            fprintf(stderr, "check-measure: %s\n", err.message);
            al_result_free(r);
            return -1;
        }
        x->r = r;
    } else {
        x->r = al_align(m, x->s, x->t, &err);
        if (x->r == NULL) {
            fprintf(stderr, "check-measure: %s\n", err.message);
            return -1;
        }
    }
    al_result *r = x->r;
    x->n = r->n_beads;
    x->beads = r->beads;
    x->codes = calloc(x->n + 1, sizeof *x->codes);
    x->src_bead = calloc(src->n + 1, sizeof *x->src_bead);
    x->tgt_bead = calloc(tgt->n + 1, sizeof *x->tgt_bead);
    for (size_t i = 0; i < r->n_flags; i++)
        if (r->flags[i].severity >= AL_WARNING)
            x->codes[r->flags[i].bead] |= 1u << r->flags[i].code;
    for (size_t i = 0; i < x->n; i++) {
        const al_bead *bd = &x->beads[i];
        for (size_t k = 0; k < bd->src_len; k++)
            x->src_bead[bd->src_begin + k] = (long)i;
        for (size_t k = 0; k < bd->tgt_len; k++)
            x->tgt_bead[bd->tgt_begin + k] = (long)i;
    }
    return 0;
}

static void show_bead(const run *x, size_t i, const char *why)
{
    const al_result *r = x->r;
    const al_bead *b = &x->beads[i];
    al_buf s = {0}, t = {0};
    al_bead_text(r->text[0], b->src_begin, b->src_len, &s);
    al_bead_text(r->text[1], b->tgt_begin, b->tgt_len, &t);
    al_buf_putc(&s, '\0');
    al_buf_putc(&t, '\0');
    printf("-- %s bead %zu [%zu+%zu]:[%zu+%zu]\n   S: %s\n   T: %s\n", why, i,
           b->src_begin, b->src_len, b->tgt_begin, b->tgt_len, s.data,
           t.data);
    for (size_t k = 0; k < r->n_flags; k++)
        if (r->flags[k].bead == i)
            printf("   %s:%s %s\n", al_flag_name(r->flags[k].code),
                   al_severity_name(r->flags[k].severity),
                   r->flags[k].message);
    al_buf_free(&s);
    al_buf_free(&t);
}

/* Bead of fault F in run X. */
static long fault_bead(const run *x, const fault *f)
{
    return f->tgt >= 0 ? x->tgt_bead[f->tgt] : x->src_bead[f->src];
}

typedef struct {
    size_t planted, found, untouched, alarms;
} tally;

/* Prints the signal messages of flag CODE of a measurement build
 * (-DAL_CHECK_SIGNALS) of the beads of faults in P, or of every bead when P
 * is NULL, prefixed by TAG. */
static void print_signals(const run *x, const planted *p, al_flag_code code,
                          const char *tag)
{
    const al_result *r = x->r;
    /* Per bead: 0 not printed, 1 printed, 2 + S printed with the source
     * line S of its fault (an omission's sentence). */
    long *want = calloc(x->n + 1, sizeof *want);
    for (size_t i = 0; i < x->n; i++)
        want[i] = p == NULL;
    for (size_t i = 0; p != NULL && i < p->nf; i++)
        want[fault_bead(x, &p->f[i])] = p->f[i].src >= 0 ? 2 + p->f[i].src
                                                         : 1;
    for (size_t k = 0; k < r->n_flags; k++) {
        long w = want[r->flags[k].bead];
        if (w == 0 || r->flags[k].code != code ||
            strncmp(r->flags[k].message, "signals:", 8) != 0)
            continue;
        if (w >= 2)
            printf("%s fault=%ld %s\n", tag, w - 2, r->flags[k].message);
        else
            printf("%s %s\n", tag, r->flags[k].message);
    }
    free(want);
}

static void score(const run *x, const planted *p, tally *t, bool show_miss)
{
    bool *touched = calloc(x->n + 1, sizeof *touched);
    for (size_t i = 0; i < p->nf; i++) {
        const fault *f = &p->f[i];
        long b = fault_bead(x, f);
        touched[b] = true;
        t->planted++;
        if (x->codes[b] & expected(f->kind))
            t->found++;
        else if (show_miss)
            show_bead(x, (size_t)b, "missed");
    }
    for (size_t i = 0; i < x->n; i++)
        if (!touched[i]) {
            t->untouched++;
            t->alarms += x->codes[i] != 0;
        }
    free(touched);
}

/* ---- adjudicated differences of the clean set ---- */

typedef struct {
    long s0, s1, t0, t1;     /* line ranges, inclusive; s0 < 0: none */
    int code;
} adjudged;

typedef struct {
    adjudged *v;
    size_t n;
} adjudication;

static void parse_range(const char *p, long *a, long *b)
{
    char *e;
    if (*p == '-') {
        *a = *b = -1;
        return;
    }
    *a = strtol(p, &e, 10);
    *b = *e == '-' ? strtol(e + 1, NULL, 10) : *a;
}

/* Reads FILE: SOURCE-LINES<TAB>TARGET-LINES<TAB>CODE<TAB>REASON. A missing
 * file is an empty adjudication. */
static void read_adjudication(const char *path, adjudication *adj)
{
    lines l;
    memset(adj, 0, sizeof *adj);
    if (path == NULL || read_lines(path, &l) != 0)
        return;
    adj->v = calloc(l.n + 1, sizeof *adj->v);
    for (size_t i = 0; i < l.n; i++) {
        char *f[4] = {l.v[i], NULL, NULL, NULL};
        if (l.v[i][0] == '#' || l.v[i][0] == '\0')
            continue;
        for (int k = 1; k < 4; k++) {
            f[k] = f[k - 1] ? strchr(f[k - 1], '\t') : NULL;
            if (f[k] != NULL)
                *f[k]++ = '\0';
        }
        if (f[2] == NULL || al_flag_from_name(f[2]) < 0)
            continue;
        adjudged *a = &adj->v[adj->n++];
        parse_range(f[0], &a->s0, &a->s1);
        parse_range(f[1], &a->t0, &a->t1);
        a->code = al_flag_from_name(f[2]);
    }
    lines_free(&l);
}

static bool overlaps(long a0, long a1, size_t b, size_t n)
{
    return a0 >= 0 && n > 0 && a0 <= (long)(b + n - 1) && a1 >= (long)b;
}

/* Are all the warning/error codes of bead I of X explained by an
 * adjudicated difference on an overlapping gold bead? */
static bool explained(const run *x, size_t i, const adjudication *adj)
{
    const al_bead *b = &x->beads[i];
    for (int c = 0; c < AL_FLAG_COUNT; c++) {
        if (!((x->codes[i] >> c) & 1u))
            continue;
        bool ok = false;
        for (size_t k = 0; k < adj->n && !ok; k++)
            ok = adj->v[k].code == c &&
                 (overlaps(adj->v[k].s0, adj->v[k].s1, b->src_begin,
                           b->src_len) ||
                  overlaps(adj->v[k].t0, adj->v[k].t1, b->tgt_begin,
                           b->tgt_len));
        if (!ok)
            return false;
    }
    return true;
}

/* ---- held-out pair ---- */

typedef struct {
    char *codes;             /* "length omission" */
    int side;
    char *text;
} known_fault;

/* Reads DIR/faults.txt: CODE<TAB>SIDE<TAB>TEXT; lines with the same TEXT
 * are alternatives for one fault. */
static size_t read_faults(const char *path, known_fault *out, size_t max)
{
    lines fl;
    if (read_lines(path, &fl) != 0)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < fl.n; i++) {
        char *code = fl.v[i], *side = strchr(code, '\t');
        char *text = side ? strchr(side + 1, '\t') : NULL;
        if (code[0] == '#' || text == NULL)
            continue;
        *side++ = '\0';
        *text++ = '\0';
        size_t k = 0;
        while (k < n && strcmp(out[k].text, text) != 0)
            k++;
        if (k == n) {
            if (n == max)
                break;
            out[n].codes = xstrdup(code);
            out[n].side = strcmp(side, "src") == 0 ? AL_SOURCE : AL_TARGET;
            out[n].text = xstrdup(text);
            n++;
        } else {
            size_t len = strlen(out[k].codes) + strlen(code) + 2;
            char *c = malloc(len);
            snprintf(c, len, "%s %s", out[k].codes, code);
            free(out[k].codes);
            out[k].codes = c;
        }
    }
    lines_free(&fl);
    return n;
}

static bool code_in(const char *codes, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = codes; (p = strstr(p, code)) != NULL; p += n)
        if ((p == codes || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

static void print_flags(const al_result *r, size_t b, bool messages)
{
    for (size_t k = 0; k < al_result_flag_count(r, b); k++) {
        const al_flag *f = al_result_flag(r, b, k);
        printf("%s%s:%s", k ? ", " : "", al_flag_name(f->code),
               al_severity_name(f->severity));
        if (messages)
            printf(" (%s)", f->message);
    }
}

static void heldout(const char *dir)
{
    char path[4096];
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.lang[AL_SOURCE] = "fr";
    opt.lang[AL_TARGET] = "de";
    al_model *m = al_model_new(&opt, &err);
    snprintf(path, sizeof path, "%s/fr.txt", dir);
    al_text *s = m ? al_text_read(m, AL_SOURCE, path, &err) : NULL;
    snprintf(path, sizeof path, "%s/de.txt", dir);
    al_text *t = s ? al_text_read(m, AL_TARGET, path, &err) : NULL;
    al_result *r = t ? al_align(m, s, t, &err) : NULL;
    known_fault kf[128];
    snprintf(path, sizeof path, "%s/faults.txt", dir);
    size_t nk = r ? read_faults(path, kf, 128) : 0;
    if (r == NULL || nk == 0) {
        fprintf(stderr, "check-measure: held-out %s: %s\n", dir,
                r == NULL ? err.message : "no faults.txt");
        goto out;
    }
    size_t n = al_result_count(r);
    bool *touched = calloc(n + 1, sizeof *touched);
    printf("\nHeld-out pair %s (%zu beads):\n\n", dir, n);
    printf("| expected | sentence | flags on its bead | found |\n");
    printf("|---|---|---|---|\n");
    size_t found = 0;
    for (size_t i = 0; i < nk; i++) {
        long bead = -1;
        for (size_t b = 0; b < n && bead < 0; b++) {
            const al_bead *bd = al_result_bead(r, b);
            int sd = kf[i].side;
            al_buf x = {0};
            al_bead_text(al_result_text(r, sd), sd ? bd->tgt_begin
                         : bd->src_begin, sd ? bd->tgt_len : bd->src_len, &x);
            al_buf_putc(&x, '\0');
            if (strstr(x.data, kf[i].text) != NULL)
                bead = (long)b;
            al_buf_free(&x);
        }
        bool hit = false;
        printf("| %s | %s: %.40s | ", kf[i].codes,
               kf[i].side ? "tgt" : "src", kf[i].text);
        if (bead >= 0) {
            touched[bead] = true;
            for (size_t k = 0; k < al_result_flag_count(r, (size_t)bead); k++)
                hit |= code_in(kf[i].codes, al_flag_name(
                               al_result_flag(r, (size_t)bead, k)->code));
            print_flags(r, (size_t)bead, false);
        } else {
            printf("(sentence not found)");
        }
        printf(" | %s |\n", hit ? "yes" : "no");
        found += hit;
    }
    size_t untouched = 0, alarms = 0;
    for (size_t b = 0; b < n; b++) {
        if (touched[b])
            continue;
        untouched++;
        bool alarm = false;
        for (size_t k = 0; k < al_result_flag_count(r, b); k++)
            alarm |= al_result_flag(r, b, k)->severity >= AL_WARNING;
        if (!alarm)
            continue;
        alarms++;
        const al_bead *bd = al_result_bead(r, b);
        al_buf x = {0};
        al_bead_text(al_result_text(r, AL_TARGET), bd->tgt_begin, bd->tgt_len,
                     &x);
        al_buf_putc(&x, '\0');
        printf("| (false alarm) | tgt: %.40s | ", x.data);
        print_flags(r, b, true);
        printf(" | |\n");
        al_buf_free(&x);
    }
    printf("\nHeld-out: %zu of %zu faults found; warnings or errors on %zu of "
           "%zu other beads.\n", found, nk, alarms, untouched);
    free(touched);
    for (size_t i = 0; i < nk; i++) {
        free(kf[i].codes);
        free(kf[i].text);
    }
out:
    al_result_free(r);
    al_text_free(t);
    al_text_free(s);
    al_model_free(m);
}

/* ---- main ---- */

static void read_foreign(dataset *ds, const char *en_path,
                         const char *de_path)
{
    lines all;
    memset(&ds->foreign_en, 0, sizeof ds->foreign_en);
    memset(&ds->foreign_de, 0, sizeof ds->foreign_de);
    if (read_lines(en_path, &all) == 0) {
        for (size_t i = 0; i < all.n; i++)
            if (all.v[i][0] != '\0')
                lines_push(&ds->foreign_en, xstrdup(all.v[i]));
        lines_free(&all);
    }
    /* German: sentences of eight words or more ending in a period. */
    if (read_lines(de_path, &all) == 0) {
        for (size_t i = 0; i < all.n; i++) {
            size_t len = strlen(all.v[i]);
            if (len > 0 && all.v[i][len - 1] == '.' &&
                word_count(all.v[i]) >= 8)
                lines_push(&ds->foreign_de, xstrdup(all.v[i]));
        }
        lines_free(&all);
    }
}

static void print_codes(const char *title, const run *x,
                        const adjudication *adj)
{
    size_t count[AL_FLAG_COUNT] = {0}, flagged = 0, real = 0;
    for (size_t i = 0; i < x->n; i++) {
        flagged += x->codes[i] != 0;
        real += x->codes[i] != 0 && explained(x, i, adj);
        for (int c = 0; c < AL_FLAG_COUNT; c++)
            count[c] += (x->codes[i] >> c) & 1u;
    }
    double n = x->n ? (double)x->n : 1.0;
    printf("| %s | %zu | %zu (%.1f %%) | %zu | %zu (%.1f %%) |", title, x->n,
           flagged, 100.0 * (double)flagged / n, real, flagged - real,
           100.0 * (double)(flagged - real) / n);
    for (int c = 0; c < AL_FLAG_COUNT; c++)
        if (count[c])
            printf(" %s %zu", al_flag_name((al_flag_code)c), count[c]);
    printf(" |\n");
}

int main(int argc, char **argv)
{
    const char *data = "tests/data/textberg-dev", *heldout_dir = NULL;
    const char *show = NULL, *foreign_en = "bench/check-foreign-en.txt";
    bool signals = false;
    const char *adjudicated = "bench/check-dev-adjudicated.txt";
    const char *foreign_de = "tests/data/seed/article.de.sent";
    unsigned long seed = 1, trials = 5, per_doc = 20;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--data") == 0 && v) data = argv[++i];
        else if (strcmp(a, "--seed") == 0 && v) seed = strtoul(argv[++i], NULL, 10);
        else if (strcmp(a, "--trials") == 0 && v) trials = strtoul(argv[++i], NULL, 10);
        else if (strcmp(a, "--per-doc") == 0 && v) per_doc = strtoul(argv[++i], NULL, 10);
        else if (strcmp(a, "--heldout") == 0 && v) heldout_dir = argv[++i];
        else if (strcmp(a, "--show") == 0 && v) show = argv[++i];
        else if (strcmp(a, "--signals") == 0) signals = true;
        else if (strcmp(a, "--adjudicated") == 0 && v) adjudicated = argv[++i];
        else if (strcmp(a, "--foreign-en") == 0 && v) foreign_en = argv[++i];
        else if (strcmp(a, "--foreign-de") == 0 && v) foreign_de = argv[++i];
        else {
            fprintf(stderr, "usage: check-measure [--data DIR] [--seed N] "
                    "[--trials N] [--per-doc N] [--heldout DIR] "
                    "[--show clean|false|KIND] [--signals] "
                    "[--adjudicated FILE] [--foreign-en FILE] "
                    "[--foreign-de FILE]\n");
            return 2;
        }
    }
    dataset ds;
    char path[4096];
    snprintf(path, sizeof path, "%s/de.txt", data);
    if (read_lines(path, &ds.de) != 0)
        return 2;
    snprintf(path, sizeof path, "%s/fr.txt", data);
    if (read_lines(path, &ds.fr) != 0)
        return 2;
    snprintf(path, sizeof path, "%s/gold.txt", data);
    if (read_gold(path, &ds.gold) != 0)
        return 2;
    read_foreign(&ds, foreign_en, foreign_de);
    adjudication adj;
    read_adjudication(adjudicated, &adj);
    if (ds.foreign_en.n == 0 || ds.foreign_de.n == 0) {
        fprintf(stderr, "check-measure: no foreign sentences (%s, %s)\n",
                foreign_en, foreign_de);
        return 2;
    }
    al_options opt;
    al_error err;
    al_options_init(&opt);
    opt.presegmented = 1;
    opt.lang[AL_SOURCE] = "de";
    opt.lang[AL_TARGET] = "fr";
    al_model *m = al_model_new(&opt, &err);
    if (m == NULL) {
        fprintf(stderr, "check-measure: %s\n", err.message);
        return 2;
    }
    /* Clean runs. */
    run cg, ca;
    if (check_run(m, &ds.de, &ds.fr, &ds.gold, &cg) != 0 ||
        check_run(m, &ds.de, &ds.fr, NULL, &ca) != 0)
        return 2;
    ds.clean_codes = cg.codes;
    if (signals) {
        print_signals(&cg, NULL, AL_FLAG_GARBLED, "clean");
        print_signals(&ca, NULL, AL_FLAG_OMISSION, "clean-aligner");
        print_signals(&ca, NULL, AL_FLAG_ADDITION, "clean-aligner");
        print_signals(&cg, NULL, AL_FLAG_OMISSION, "clean-gold");
        print_signals(&cg, NULL, AL_FLAG_ADDITION, "clean-gold");
    }
    if (show != NULL && (strcmp(show, "clean") == 0 ||
                         strcmp(show, "false") == 0)) {
        bool all = strcmp(show, "clean") == 0;
        for (size_t i = 0; i < cg.n; i++)
            if (cg.codes[i] && (all || !explained(&cg, i, &adj)))
                show_bead(&cg, i, "gold");
        for (size_t i = 0; i < ca.n; i++)
            if (ca.codes[i] && (all || !explained(&ca, i, &adj)))
                show_bead(&ca, i, "aligner");
    }
    printf("Clean set %s: %zu source, %zu target sentences, %zu gold "
           "beads.\n\n", data, ds.de.n, ds.fr.n, ds.gold.n);
    printf("| clean run | beads | with a warning or error | of which real "
           "differences (adjudicated) | false alarms | flagged beads by code "
           "|\n");
    printf("|---|---|---|---|---|---|\n");
    print_codes("gold beads", &cg, &adj);
    print_codes("aligner beads", &ca, &adj);
    run_free(&ca);

    printf("\nPlanted faults: seed %lu, %lu documents per kind, up to %lu "
           "faults per document, two beads or more apart.\n\n", seed, trials,
           per_doc);
    printf("| fault kind | planted | recall, gold beads | recall, aligner "
           "beads | false alarms, gold | false alarms, aligner |\n");
    printf("|---|---|---|---|---|---|\n");
    rng r = {seed * 0x9E3779B97F4A7C15ULL + 1};
    for (int kind = 0; kind < K_COUNT; kind++) {
        tally tg = {0}, ta = {0};
        bool show_kind = show != NULL && strcmp(show, kind_names[kind]) == 0;
        for (unsigned long trial = 0; trial < trials; trial++) {
            planted p;
            plant(&ds, kind, per_doc, &r, &p);
            run g, a;
            if (check_run(m, &p.src, &p.tgt, &p.gold, &g) != 0 ||
                check_run(m, &p.src, &p.tgt, NULL, &a) != 0)
                return 2;
            if (signals && kind == K_GARBLED)
                print_signals(&g, &p, AL_FLAG_GARBLED, "planted");
            if (signals && kind == K_OMISSION)
                print_signals(&a, &p, AL_FLAG_OMISSION, "planted-aligner");
            score(&g, &p, &tg, show_kind);
            score(&a, &p, &ta, show_kind);
            run_free(&g);
            run_free(&a);
            lines_free(&p.src);
            lines_free(&p.tgt);
            free(p.gold.v);
        }
        printf("| %s%s: %s | %zu | %.3f | %.3f | %.1f %% | %.1f %% |\n",
               kind_names[kind], kind < K_REQUIRED ? "" : " (extra)",
               kind_what[kind], tg.planted,
               tg.planted ? (double)tg.found / (double)tg.planted : 0.0,
               ta.planted ? (double)ta.found / (double)ta.planted : 0.0,
               tg.untouched ? 100.0 * (double)tg.alarms /
                              (double)tg.untouched : 0.0,
               ta.untouched ? 100.0 * (double)ta.alarms /
                              (double)ta.untouched : 0.0);
        fflush(stdout);
    }
    run_free(&cg);
    if (heldout_dir != NULL)
        heldout(heldout_dir);
    al_model_free(m);
    lines_free(&ds.de);
    lines_free(&ds.fr);
    lines_free(&ds.foreign_en);
    lines_free(&ds.foreign_de);
    free(ds.gold.v);
    free(adj.v);
    return 0;
}
